//! Terminal injection: minutes whose title, labels and speeches carry escape sequences, C1
//! controls, bidi overrides, invisible characters and absurd combining stacks, opened in the real
//! binary and read everywhere a file's text is drawn (reader, list, pickers, statistics,
//! search prompt, yank). The bytes written to the terminal are walked by [`checker`]: nothing
//! but the program's own sequences may appear, and the payloads never reach the screen.

use crate::checker::{assert_clean, check};
use crate::files::{Minutes, write};
use crate::pty::{Pty, drawn_at_width};

/// Text that must never reach the terminal: it only exists inside the sequences.
const PAYLOADS: &[&str] = &["PWNED", "ZXhwbG9pdA", "evil.invalid", "DCSDATA"];

/// Every kind of hostile sequence, each between visible markers so the tests can see what
/// stayed around it.
fn hostile_minutes() -> Minutes {
    let stacked_latin: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 100)).collect();
    let stacked_kana: String = std::iter::once('か').chain(std::iter::repeat_n('\u{3099}', 100)).collect();
    let only_marks: String = std::iter::repeat_n('\u{20DD}', 100).collect();
    Minutes::new("攻撃\u{1b}]0;PWNED title\u{7}試験委員会\u{1b}[2J 議事要旨\u{9b}31m")
        .agenda("議事①\u{1b}]8;;http://evil.invalid/\u{1b}\\リンク\u{1b}]8;;\u{1b}\\について")
        .turn(
            "川村\u{1b}[5;5HCURSORMOVED委員",
            "クリップボード\u{1b}]52;c;ZXhwbG9pdA==\u{7}EVILCLIP書き込み。次は題名\u{1b}]2;PWNED\u{1b}\\変更。",
        )
        .turn(
            "財政\u{202E}課",
            "右から左\u{202E}txet desrever\u{202C}の上書き。ゼロ幅\u{200B}空白\u{2060}結合子\u{FEFF}印。\
             双方向\u{2066}分離\u{2069}文字\u{200F}記号。",
        )
        .turn(
            "堀委員",
            "DCS\u{1b}Pq#0;2;0;0;0DCSDATA\u{1b}\\の後。C1の\u{9b}6n問い合わせと\u{9d}0;PWNED\u{9c}題名。\
             ベル\u{7}後退\u{8}削除\u{7f}ヌル\u{0}終わり。",
        )
        .turn("図書館長", &format!("結合文字{stacked_latin}と{stacked_kana}と{only_marks}の山。"))
        .turn(
            "委員長",
            "カーソル\u{1b}[999;999H移動\u{1b}[?1049l画面\u{1b}[?25l切替\u{1b}c初期化\u{1b}[6n問い合わせ\u{1b}[>0q終わり。",
        )
}

/// The reader's text right of the separator, and the separator column itself intact.
fn assert_aligned(pty: &Pty, separator: Option<u16>) {
    pty.assert_no_spill();
    pty.with_screen(|s| {
        let (rows, cols) = (s.size().0.get(), s.size().1.get());
        for (y, row) in s.rows(0, cols).enumerate() {
            assert!(row.chars().count() <= cols as usize, "row {y} spills past {cols} columns: {row:?}");
        }
        if let Some(x) = separator {
            for y in 0..rows - 1 {
                let cell = s.cell(y, x).map(|c| c.contents().to_owned()).unwrap_or_default();
                assert_eq!(cell, "│", "separator broken at row {y}:\n{}", s.contents());
            }
        }
    });
}

fn assert_no_payload(pty: &Pty) {
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    let screen = pty.contents();
    for payload in PAYLOADS {
        assert!(!raw.contains(payload), "payload {payload:?} reached the terminal");
        assert!(!screen.contains(payload), "payload {payload:?} on screen");
    }
}

#[test]
fn escape_sequences_in_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "hostile.txt", hostile_minutes().bytes());
    // A second, ordinary meeting, so the list pane and its separator are on screen too.
    write(dir.path(), "plain.txt", Minutes::new("普通の委員会 議事要旨").turn("森委員", "普通の発言。").bytes());
    let mut pty = Pty::spawn(&[dir.path()], 80, 24);
    pty.wait_for_text("Meetings 2");
    pty.wait_for("a meeting open", |s| s.contents().contains("turn "));
    // Open the hostile meeting from the list (its title survives without the sequences).
    pty.open_from_list("攻撃");
    pty.wait_for("the hostile meeting", |s| s.contents().contains("クリップボード"));
    pty.settle();
    assert_aligned(&pty, Some(30));
    // What was removed is not hidden: the statistics overlay lists the sanitiser's diagnostics.
    pty.send("S");
    pty.wait_for("reading problems listed", |s| {
        let text = s.contents();
        text.contains("Reading problems") && text.contains("escape sequence")
    });
    pty.send("q");
    pty.settle();

    // Everything that draws file text: scrolling through it all, the speaker and agenda pickers,
    // statistics, the reading problems, help, and a search for text next to a payload.
    for keys in ["j", "\x04", "G", "gg", "}", "}", "}", "}", "s", "\x1b", "a", "\x1b", "S", "q", "H", "q"] {
        let frames = pty.frames();
        pty.send(keys);
        pty.wait_frames(frames);
    }
    pty.send("/書き込み\r");
    pty.wait_for("search hit", |s| s.contents().contains("[1/1]"));
    pty.settle();
    assert_aligned(&pty, Some(30));
    for (cols, rows) in [(50, 20), (120, 30), (80, 24)] {
        pty.resize(cols, rows);
        pty.wait_for(&format!("redrawn at {cols}×{rows}"), |s| drawn_at_width(s, cols));
    }
    assert_aligned(&pty, Some(30));
    assert_no_payload(&pty);
    let before_yank = pty.raw();
    assert_clean(&before_yank, false);

    // Yanking the turn is the one time the program writes OSC 52; the clipboard gets the
    // sanitised text, never the file's sequences.
    pty.send("gg}y");
    pty.wait_for("the yank message", |s| s.contents().to_lowercase().contains("cop"));
    pty.settle();
    pty.quit_cleanly();
    let raw = pty.raw();
    let report = assert_clean(&raw, true);
    assert_eq!(report.clipboard_writes.len(), 1, "exactly one clipboard write, after y");
    assert!(check(&raw, false).violations.iter().all(|v| v.what.starts_with("foreign OSC \"52;c;")));
    use base64::Engine;
    let copied = base64::engine::general_purpose::STANDARD.decode(&report.clipboard_writes[0]).expect("base64");
    let copied = String::from_utf8(copied).expect("UTF-8 clipboard text");
    assert!(copied.contains("クリップボード"), "the turn under the cursor was copied: {copied:?}");
    assert!(!copied.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "controls copied: {copied:?}");
    for payload in PAYLOADS {
        assert!(!copied.contains(payload), "payload {payload:?} copied to the clipboard");
    }
}

#[test]
fn a_hostile_file_name_is_shown_harmlessly() {
    // File names are text from outside too, and they reach the screen in the list, in the status
    // line (the selected entry's path) and in error messages. Linux allows ESC, C1 and bidi
    // controls in names.
    let dir = tempfile::tempdir().unwrap();
    let evil = "evil\u{1b}]0;PWNED\u{7}name\u{202E}txt\u{9b}2J";
    write(dir.path(), &format!("a_{evil}.txt"), "");
    std::os::unix::fs::symlink(dir.path().join("missing"), dir.path().join(format!("b_{evil}.txt"))).unwrap();
    write(dir.path(), "c.txt", Minutes::new("普通の委員会 議事要旨").turn("森委員", "普通の発言。").bytes());
    let mut pty = Pty::spawn(&[dir.path()], 80, 24);
    pty.wait_for_text("Meetings 3");
    pty.wait_for_text("turn ");
    // Focus the list and walk over every entry (the status line shows each path), opening each
    // (the dangling one answers with an error message that names it).
    pty.send("\t");
    pty.wait_for("the list focused", |s| s.rows(0, 80).last().unwrap_or_default().starts_with(" meetings"));
    for keys in ["gg", "\r", "\t", "j", "\r", "j", "\r", "\t", "k", "k", "\x1b"] {
        let frames = pty.frames();
        pty.send(keys);
        pty.wait_frames(frames);
        pty.settle();
        assert_aligned(&pty, None);
    }
    // The dangling one's error message names it.
    pty.send("/b_evil\r\r");
    pty.wait_for("the error message", |s| s.contents().contains("no such file"));
    assert_aligned(&pty, None);
    pty.quit_cleanly();
    assert_clean(&pty.raw(), false);
}

/// The subcommands write file text to a terminal too (`gijiroku print FILE` is how many will
/// first look at a file): their output must carry no control either.
#[test]
fn the_subcommands_print_no_controls() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "hostile.txt", hostile_minutes().bytes());
    let run = |args: &[&std::ffi::OsStr], stdin: Option<Vec<u8>>| -> Vec<u8> {
        use std::io::Write as _;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gijiroku"))
            .args(args)
            .env("HOME", dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run gijiroku");
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(&stdin.unwrap_or_default()).expect("write stdin");
        drop(input);
        let output = child.wait_with_output().expect("wait");
        let mut all = output.stdout;
        all.extend_from_slice(&output.stderr);
        all
    };
    let file = path.as_os_str();
    for args in [
        vec!["print".as_ref(), file],
        vec!["print".as_ref(), "--width".as_ref(), "1".as_ref(), file],
        vec!["search".as_ref(), "クリップボード".as_ref(), file],
        vec!["search".as_ref(), "委員".as_ref(), dir.path().as_os_str()],
    ] {
        let out = run(&args, None);
        assert!(!out.is_empty(), "{args:?} printed nothing");
        assert_clean(&out, false);
    }
    // `fold` is a filter of the user's own text, but leaves controls out all the same.
    let out = run(&["fold".as_ref(), "--width".as_ref(), "20".as_ref()], Some(hostile_minutes().bytes()));
    assert_clean(&out, false);
}
