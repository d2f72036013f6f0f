//! Issue 13, item 1: nothing from a file name (or a string decoded from the config) reaches the
//! terminal as a control. File names with ESC sequences, newlines, C1 controls and bidi
//! overrides, through `search` (text, `--vimgrep`, `--json`), errors met while walking a
//! directory, `print`'s errors and `config --check`. Each test ran against the code before the
//! fix and failed there.

mod common;

use std::path::PathBuf;
use std::process::Output;

const SPEECH: &str = "○委員長（森君）　予算について審議します。\n";

use common::gijiroku;

fn run(args: &[&str]) -> Output {
    gijiroku(args)
}

/// What a terminal would act on: C0 controls but newline, DEL, C1 controls, bidi controls and
/// the line separators.
fn acts_on_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|&c| acts_on_a_terminal(c)).collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}: {text:?}");
}

const HOSTILE_NAMES: &[&str] = &[
    "clip\u{1b}]52;c;SGVsbG8=\u{7}.txt",
    "clear\u{1b}[2J.txt",
    "title\u{1b}]0;owned\u{7}.txt",
    "forged\nINJECTED:2099-01-01:fake: 予算.txt",
    "c1\u{9b}2J\u{202E}txt.exe.txt",
];

fn hostile_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in HOSTILE_NAMES {
        std::fs::write(dir.path().join(name), SPEECH).unwrap();
    }
    dir
}

#[test]
fn search_printed_file_names_with_escape_sequences_raw() {
    let dir = hostile_library();
    for mode in [None, Some("--vimgrep")] {
        let mut args = vec!["search"];
        args.extend(mode);
        args.extend(["予算", dir.path().to_str().unwrap()]);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_inert("search's output", &out.stdout);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("clip\\x1b]52;c;SGVsbG8=\\x07.txt:1:"), "{text}");
        assert!(text.contains("c1\\u{9b}2J\\u{202e}txt.exe.txt:1:"), "{text}");
    }
}

#[test]
fn a_newline_in_a_file_name_forged_a_search_result_line() {
    let dir = hostile_library();
    let out = run(&["search", "予算", dir.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), HOSTILE_NAMES.len(), "one line per hit: {text}");
    assert!(text.lines().all(|l| l.starts_with(dir.path().to_str().unwrap())), "{text}");
    assert!(text.contains("forged\\nINJECTED:2099-01-01:fake: 予算.txt:1:-:森: 予算"), "{text}");
}

#[test]
fn search_json_passed_raw_c1_and_bidi_characters_in_path() {
    let dir = hostile_library();
    let out = run(&["search", "--json", "予算", dir.path().to_str().unwrap()]);
    assert_inert("search --json", &out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut paths: Vec<PathBuf> = text
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(line).expect("every line is valid JSON");
            PathBuf::from(hit["path"].as_str().unwrap())
        })
        .collect();
    paths.sort();
    // The JSON names the files themselves: decoded, each path is the real one.
    let mut expected: Vec<PathBuf> = HOSTILE_NAMES.iter().map(|n| dir.path().join(n)).collect();
    expected.sort();
    assert_eq!(paths, expected);
    assert!(text.contains(r"c1\u009b2J\u202etxt.exe.txt"), "{text}");
}

#[cfg(unix)]
#[test]
fn errors_met_while_walking_a_directory_printed_names_raw() {
    let dir = hostile_library();
    let name = "dangling\u{1b}[2J\nINJECTED\u{9b}m.txt";
    std::os::unix::fs::symlink("/nonexistent/target", dir.path().join(name)).unwrap();
    let out = run(&["search", "予算", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("search's errors", &out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("dangling\\x1b[2J\\nINJECTED\\u{9b}m.txt: no such file or directory"), "{err}");
}

#[test]
fn print_error_messages_printed_file_names_raw() {
    let dir = hostile_library();
    let missing = dir.path().join("gone\u{1b}]0;owned\u{7}\n.txt");
    let out = gijiroku(&["print".as_ref(), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("print's error", &out.stderr);
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    // A message that quotes the command line and the model: the name and the query alike.
    let file = dir.path().join(HOSTILE_NAMES[0]);
    let out = gijiroku(&["print".as_ref(), "--speaker".as_ref(), "\u{1b}[2J".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_inert("print's error", &out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("clip\\x1b]52;c;SGVsbG8=\\x07.txt: no speaker matches `\\x1b[2J`"), "{err}");
}

#[test]
fn config_errors_echoed_toml_decoded_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad\u{9b}.toml");
    std::fs::write(&path, "[keys.reader]\n\"\\u001b]52;c;eA==\\u0007\" = \"quit\"\n").unwrap();
    let out = gijiroku(&["config".as_ref(), "--check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("config --check", &out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad\\u{9b}.toml:2:1: unknown key name \"\\x1b]52;c;eA==\\x07\""), "{err}");
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_shown_byte_by_byte() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"sjis\x82\xa0\x1b.txt");
    std::fs::write(dir.path().join(name), SPEECH).unwrap();
    let out = run(&["search", "予算", dir.path().to_str().unwrap()]);
    assert_inert("search", &out.stdout);
    assert!(String::from_utf8_lossy(&out.stdout).contains("sjis\\x82\\xa0\\x1b.txt:1:"));
}
