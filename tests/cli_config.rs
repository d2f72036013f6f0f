//! The config, completions and man subcommands, run as a new user would: the real binary with
//! HOME and the XDG directories in an empty temporary directory.

use std::path::Path;
use std::process::{Command, Output};

fn gijiroku(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn config_default_prints_a_config_that_checks() {
    let home = tempfile::tempdir().unwrap();
    let output = gijiroku(home.path(), &["config", "--default"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert_eq!(text, gijiroku::config::DEFAULT_CONFIG);
    assert!(toml::from_str::<toml::Table>(&text).is_ok());
    // Written where `config --path` says, it is read and checks out.
    let path = stdout(&gijiroku(home.path(), &["config", "--path"])).lines().next().unwrap().to_owned();
    assert_eq!(Path::new(&path), home.path().join(".config/gijiroku/config.toml"));
    std::fs::create_dir_all(Path::new(&path).parent().unwrap()).unwrap();
    std::fs::write(&path, &text).unwrap();
    let check = gijiroku(home.path(), &["config", "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stdout(&check), format!("{path}: ok\n"));
}

#[test]
fn config_path_says_where_and_whether_it_exists() {
    let home = tempfile::tempdir().unwrap();
    let output = gijiroku(home.path(), &["config", "--path"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("the default place; does not exist, so the built-in defaults apply"), "{text}");
    let explicit = home.path().join("mine.toml");
    let output = gijiroku(home.path(), &["--config", explicit.to_str().unwrap(), "config", "--path"]);
    let text = stdout(&output);
    assert!(text.starts_with(explicit.to_str().unwrap()) && text.contains("named by --config"), "{text}");
    // With no file anywhere, --check says the defaults apply.
    let output = gijiroku(home.path(), &["config", "--check"]);
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("ok"));
}

#[test]
fn config_check_reports_file_line_and_column_with_exit_code_2() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "list_width = 30\n\n[keys.reader]\n\"ctrl-d\" = \"half_pagedown\"\n").unwrap();
    let output = gijiroku(home.path(), &["config", "--check", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with(&format!("{}:4:12: unknown action \"half_pagedown\"", bad.display())), "{message}");
    assert!(message.contains("did you mean \"half_page_down\"?"), "{message}");
    assert!(stdout(&output).is_empty());

    // The same file stops the reader before it needs a terminal, named by the env var too.
    let output = Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("GIJIROKU_CONFIG", &bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with(&format!("{}:4:12: ", bad.display())), "{}", stderr(&output));

    // A missing file named explicitly is an error; a good one is "ok".
    let missing = home.path().join("missing.toml");
    let output = gijiroku(home.path(), &["--config", missing.to_str().unwrap(), "config", "--check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no such file or directory"), "{}", stderr(&output));
    let good = home.path().join("good.toml");
    std::fs::write(&good, "list_width = 40\n").unwrap();
    let output = gijiroku(home.path(), &["config", "--check", good.to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), format!("{}: ok\n", good.display()));
}

#[test]
fn completions_and_man_page() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let output = gijiroku(home.path(), &["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = stdout(&output);
        assert!(script.contains("gijiroku") && script.contains("completions"), "{shell}");
    }
    let output = gijiroku(home.path(), &["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    let output = gijiroku(home.path(), &["man"]);
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.starts_with(".TH"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains(".TH gijiroku 1"), "roff header");
    assert!(page.contains("config"));
}

#[test]
fn help_and_version_work_for_every_subcommand() {
    let home = tempfile::tempdir().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    for sub in ["print", "fold", "search", "config", "completions", "man"] {
        let output = gijiroku(home.path(), &[sub, "--help"]);
        assert!(output.status.success(), "{sub} --help");
        assert!(stdout(&output).contains("Usage: gijiroku"), "{sub} --help");
        let output = gijiroku(home.path(), &[sub, "--version"]);
        assert!(output.status.success(), "{sub} --version");
        // clap names the subcommand: `gijiroku-print 0.1.0`.
        let text = stdout(&output);
        assert_eq!(text.trim(), format!("gijiroku-{sub} {version}"), "{sub} --version");
    }
}
