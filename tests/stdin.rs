//! Issue 13 ("Smaller"): `-` as a path, and piped standard input with no path, read minutes from
//! stdin in `print` and `search` (the reader: `tests/e2e/trust.rs`).

use std::io::Write;
use std::process::{Command, Stdio};

const MINUTES: &str =
    "第3回 広報委員会\n\n○委員長（森君）　ただいまから会議を開きます。\n○佐藤委員　広報紙の配布について質問します。\n";

fn piped(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn print_and_search_ignored_standard_input() {
    for args in [&["print", "--width", "60"][..], &["print", "--width", "60", "-"]] {
        let (code, out, err) = piped(args, MINUTES.as_bytes());
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(out.contains("広報紙の配布について質問します"), "{args:?}: {out}");
    }
    for args in [&["search", "広報紙"][..], &["search", "広報紙", "-"]] {
        let (code, out, err) = piped(args, MINUTES.as_bytes());
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(out.lines().count(), 1, "{args:?}: {out}");
        assert!(out.starts_with("(standard input):4:-:"), "{args:?}: {out}");
        assert!(out.ends_with(": 広報紙の配布について質問します。\n"), "{args:?}: {out}");
    }
}

#[test]
fn gzip_on_standard_input_is_read_too() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(MINUTES.as_bytes()).unwrap();
    let (code, out, _) = piped(&["search", "--vimgrep", "広報紙", "-"], &encoder.finish().unwrap());
    assert_eq!(code, Some(0));
    assert!(out.starts_with("(standard input):4:"), "{out}");
}
