//! Issue 15 at the command line: `print`, `fold`, `man` and `completions` as a newcomer meets
//! them. Each test is named after the defect it pins.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gijiroku(home: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("GIJIROKU_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("the binary runs")
}

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(name).display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Defect 11: `print -w 0` and `fold -w 0` printed one character per line; `-w -5` got clap's
/// hint to write `-- -5` (which only made it a file name).
#[test]
fn widths_below_the_minimum_are_refused_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["print", "-w", "0", &sample("01_summary.txt")],
        vec!["fold", "-w", "0"],
        vec!["fold", "--width", "3"],
        vec!["print", "-w", "-5", &sample("01_summary.txt")],
    ] {
        let out = gijiroku(home.path(), &args, "議事録のテキスト");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("at least 10") && !err.contains("-- -5"), "{args:?}: {err}");
    }
}

/// Defect 11: `--agenda ②` was refused; the item's number is taken in any form the minutes use.
#[test]
fn agenda_is_taken_in_the_forms_the_minutes_write() {
    let home = tempfile::tempdir().unwrap();
    let plain = gijiroku(home.path(), &["print", "--json", "--agenda", "2", &sample("01_summary.txt")], "");
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    for form in ["②", "（2）", "二", "２"] {
        let out = gijiroku(home.path(), &["print", "--json", "--agenda", form, &sample("01_summary.txt")], "");
        assert!(out.status.success(), "{form}: {}", text(&out.stderr));
        assert_eq!(out.stdout, plain.stdout, "{form}");
    }
}

/// Defect 11: `--speaker 森` silently took in 森田委員: a part of a name that matches several
/// speakers lists them and exits 1, unless `--all-matches`; an exact name still wins.
#[test]
fn a_partial_speaker_name_matching_several_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mori.txt");
    std::fs::write(&file, "架空町委員会 議事要旨\n\n[森委員]\n\n最初の発言。\n\n[森田委員]\n\n二番目の発言。\n\n[堀委員]\n\n三番目の発言。\n")
        .unwrap();
    let file = file.display().to_string();
    let out = gijiroku(home.path(), &["print", "--speaker", "森", &file], "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("森委員") && err.contains("森田委員") && err.contains("--all-matches"), "{err}");
    let out = gijiroku(home.path(), &["print", "--speaker", "森", "--all-matches", &file], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("二番目の発言"));
    let out = gijiroku(home.path(), &["print", "--speaker", "森委員", &file], "");
    assert!(out.status.success());
    let printed = text(&out.stdout);
    assert!(printed.contains("最初の発言") && !printed.contains("二番目の発言"), "{printed}");
}

/// Defect 9: `print` and `fold` ignored the config (`ambiguous_width = "wide"` changed nothing
/// even with `--config`) and a broken config was silently ignored. They read it as the reader
/// does, flags winning.
#[test]
fn print_and_fold_read_the_config_as_the_reader_does() {
    let home = tempfile::tempdir().unwrap();
    let wide = home.path().join("wide.toml");
    std::fs::write(&wide, "ambiguous_width = \"wide\"\n").unwrap();
    let wide = wide.display().to_string();
    let circles = "○".repeat(16);
    let narrow = gijiroku(home.path(), &["fold", "-w", "20"], &circles);
    assert_eq!(text(&narrow.stdout).lines().count(), 1);
    let configured = gijiroku(home.path(), &["fold", "-w", "20", "--config", &wide], &circles);
    assert_eq!(text(&configured.stdout).lines().count(), 2, "wide: 10 circles a row");
    let before = gijiroku(home.path(), &["--config", &wide, "fold", "-w", "20"], &circles);
    assert_eq!(before.stdout, configured.stdout, "--config before the subcommand");
    let flag = gijiroku(home.path(), &["fold", "-w", "20", "--config", &wide, "--ambiguous", "narrow"], &circles);
    assert_eq!(text(&flag.stdout).lines().count(), 1, "the flag wins");
    // The default place, as the reader reads it.
    std::fs::create_dir_all(home.path().join("config/gijiroku")).unwrap();
    std::fs::write(home.path().join("config/gijiroku/config.toml"), "ambiguous_width = \"wide\"\n").unwrap();
    let default = gijiroku(home.path(), &["print", "-w", "20", &sample("02_assembly.txt")], "");
    let explicit = gijiroku(home.path(), &["print", "-w", "20", "--config", &wide, &sample("02_assembly.txt")], "");
    assert_eq!(default.stdout, explicit.stdout);
    // A broken config stops them, with its line and column.
    std::fs::write(home.path().join("config/gijiroku/config.toml"), "ambiguous_width = \"wdie\"\n").unwrap();
    for args in [vec!["fold"], vec!["print", &sample("01_summary.txt")]] {
        let out = gijiroku(home.path(), &args, "text");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("config.toml:1:"), "{args:?}: {}", text(&out.stderr));
    }
}

/// Defect 9, for `search`: it ignored the config (`kana_fold = false` still folded, a broken
/// config was not reported). It reads the config as `print`, `fold` and the reader do.
#[test]
fn search_ignored_the_config() {
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("m.txt");
    std::fs::write(&minutes, "かな委員会 議事要旨\n\n[森委員]\n\nカタカナの発言。\n").unwrap();
    let minutes = minutes.display().to_string();
    let exact = home.path().join("exact.toml");
    std::fs::write(&exact, "kana_fold = false\n").unwrap();
    let exact = exact.display().to_string();
    let folded = gijiroku(home.path(), &["search", "かたかな", &minutes], "");
    assert_eq!(folded.status.code(), Some(0), "folds by default: {}", text(&folded.stderr));
    let configured = gijiroku(home.path(), &["search", "かたかな", &minutes, "--config", &exact], "");
    assert_eq!(configured.status.code(), Some(1), "kana_fold = false: nothing found");
    let before = gijiroku(home.path(), &["--config", &exact, "search", "カタカナ", &minutes], "");
    assert_eq!(before.status.code(), Some(0), "the exact spelling is still found");
    std::fs::create_dir_all(home.path().join("config/gijiroku")).unwrap();
    std::fs::write(home.path().join("config/gijiroku/config.toml"), "kana_fold = \"yes\"\n").unwrap();
    let broken = gijiroku(home.path(), &["search", "カタカナ", &minutes], "");
    assert_eq!(broken.status.code(), Some(2));
    assert!(text(&broken.stderr).contains("config.toml:1:"), "{}", text(&broken.stderr));
}

/// Defect 12: the man page referred to `gijiroku-print(1)` and others that are never made, and
/// had no KEYS, FILES, ENVIRONMENT or EXIT STATUS; `man --help` and `completions --help` listed
/// `--ambiguous`.
#[test]
fn the_man_page_is_whole_and_man_takes_no_reader_options() {
    let home = tempfile::tempdir().unwrap();
    let page = text(&gijiroku(home.path(), &["man"], "").stdout);
    assert!(!page.contains("gijiroku-print") && !page.contains("gijiroku\\-print"), "refers to other pages");
    for section in [".SH KEYS", ".SH FILES", ".SH ENVIRONMENT", ".SH \"EXIT STATUS\"", ".SS \"gijiroku print\""] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains("\\-\\-all\\-matches") || page.contains("--all-matches"), "print's options are in the page");
    for sub in ["man", "completions"] {
        let help = text(&gijiroku(home.path(), &[sub, "--help"], "").stdout);
        assert!(!help.contains("--ambiguous") && !help.contains("--config"), "{sub}: {help}");
    }
}

/// Defect 13: the key name `lt` appeared in config errors but nowhere in `config --default`.
#[test]
fn every_key_name_the_errors_offer_is_in_the_default_config() {
    let home = tempfile::tempdir().unwrap();
    let default = text(&gijiroku(home.path(), &["config", "--default"], "").stdout);
    let path = home.path().join("bad.toml");
    std::fs::write(&path, "[keys.reader]\n\"hyper-x\" = \"quit\"\n").unwrap();
    let err = text(&gijiroku(home.path(), &["config", "--check", &path.display().to_string()], "").stderr);
    let names = err.split("or one of: ").nth(1).expect("the key names").split(';').next().unwrap_or_default();
    // The default config's own list of key names, its comment lines joined.
    let comment: String = default.lines().filter_map(|l| l.strip_prefix("# ")).collect::<Vec<_>>().join(" ");
    let listed = comment.split("or one of: ").nth(1).expect("the key names in config --default");
    let listed: Vec<&str> = listed.split(". A sequence").next().unwrap_or_default().split(", ").collect();
    for name in names.split(", ") {
        let name = name.split('…').next().unwrap_or(name).trim();
        assert!(listed.iter().any(|item| item.trim().starts_with(name)), "{name} is not among {listed:?}");
    }
}
