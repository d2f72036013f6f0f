//! The command line through the real binary: `print` filters and errors, `fold` agreeing with the
//! reader, `search` output and exit codes.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use gijiroku::core::layout::breaker::fold_text;
use gijiroku::core::layout::{LayoutKey, RowKind, layout};
use gijiroku::core::meeting::TextRef;
use gijiroku::core::parse::parse_bytes;
use gijiroku::core::width::AmbiguousWidth;

fn gijiroku(args: &[&str]) -> Output {
    common::gijiroku(args)
}

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples").join(name).display().to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn print_speaker_filter_keeps_only_that_speakers_turns() {
    let out = gijiroku(&["print", "--json", "--speaker", "堀委員", &sample("01_summary.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let turns = json["turns"].as_array().unwrap();
    assert!(!turns.is_empty());
    assert!(turns.iter().all(|t| t["speaker"] == "堀委員"), "{turns:?}");
}

#[test]
fn print_speaker_takes_a_substring_and_agenda_takes_the_number() {
    let out = gijiroku(&[
        "print",
        "--json",
        "--speaker",
        "委員",
        "--all-matches",
        "--agenda",
        "2",
        &sample("01_summary.txt"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let turns = json["turns"].as_array().unwrap();
    assert!(!turns.is_empty());
    for turn in turns {
        assert_eq!(turn["agenda"], 1, "agenda item 2 is index 1");
        assert!(turn["speaker"].as_str().unwrap().contains("委員"));
    }
}

#[test]
fn print_text_folds_hidden_turns_like_the_reader() {
    let out = gijiroku(&["print", "--width", "80", "--speaker", "堀委員", &sample("01_summary.txt")]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("turns hidden ──"), "{text}");
    assert!(text.contains("堀委員"));
    assert!(text.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80));
}

#[test]
fn unknown_speaker_or_agenda_item_is_a_clear_error_with_exit_1() {
    let out = gijiroku(&["print", "--speaker", "存在しない人", &sample("01_summary.txt")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no speaker matches `存在しない人`") && err.contains("堀委員"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    let out = gijiroku(&["print", "--agenda", "9", &sample("01_summary.txt")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no agenda item 9"), "{}", stderr(&out));
}

#[test]
fn file_errors_are_one_line_and_never_a_panic() {
    for (path, expected) in [("/nonexistent/minutes.txt", "no such file"), ("/", "is a directory")] {
        let out = gijiroku(&["print", path]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = stderr(&out);
        assert!(err.contains(expected) && err.lines().count() == 1 && !err.contains("panicked"), "{err}");
    }
}

#[test]
fn search_exit_codes_are_greps() {
    let hits = gijiroku(&["search", "ごみ", &sample("01_summary.txt")]);
    assert_eq!(hits.status.code(), Some(0));
    let text = stdout(&hits);
    // `path:line:date:speaker: context`, the line where the hit is in the file.
    assert!(
        text.lines()
            .all(|l| l.split_once("01_summary.txt:").and_then(|(_, rest)| rest.split_once(':')).is_some_and(
                |(line, rest)| line.parse::<usize>().is_ok_and(|n| n > 0) && rest.starts_with("2024-07-23:")
            )),
        "{text}"
    );
    let none = gijiroku(&["search", "存在しない語句", &sample("01_summary.txt")]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).is_empty());
    let error = gijiroku(&["search", "ごみ", "/nonexistent"]);
    assert_eq!(error.status.code(), Some(2));
}

#[test]
fn search_json_has_the_documented_fields() {
    let out = gijiroku(&["search", "--json", "ＧＰＳ", &sample("03_notes.md")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for line in stdout(&out).lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in ["path", "meeting", "date", "agenda", "speaker", "turn", "paragraph", "match", "context"] {
            assert!(hit.get(field).is_some(), "{field} in {line}");
        }
        assert_eq!(hit["match"], "GPS", "width folding finds ＧＰＳ as GPS");
    }
}

/// `fold` gives exactly the rows the reader shows for each paragraph at that width.
#[test]
fn fold_agrees_with_the_reader() {
    for name in ["01_summary.txt", "02_assembly.txt", "03_notes.md", "04_kokkai.json"] {
        let bytes = std::fs::read(sample(name)).unwrap();
        let meeting = parse_bytes(&bytes).remove(0);
        for width in [24, 40, 80] {
            let key = LayoutKey { width, ambiguous: AmbiguousWidth::Narrow, visible: None };
            let rows = layout(&meeting, &key);
            for (n, turn) in meeting.turns.iter().enumerate() {
                for (p, paragraph) in turn.paragraphs.iter().enumerate() {
                    let text_ref = TextRef::Paragraph { turn: n, paragraph: p };
                    let shown: Vec<_> = rows.rows.iter().filter(|r| r.text == Some(text_ref)).collect();
                    let Some(first) = shown.first() else { continue };
                    assert!(
                        shown.iter().all(|r| matches!(r.kind, RowKind::Speech | RowKind::Stage | RowKind::Procedure))
                    );
                    let pane = width - first.indent as usize;
                    let folded = fold_text(paragraph, pane, AmbiguousWidth::Narrow);
                    let reader: Vec<String> = shown
                        .iter()
                        .map(|r| paragraph[r.range()].replace('\t', "    ").trim_end().to_owned())
                        .collect();
                    let folded: Vec<String> = folded.lines().map(|l| l.trim_end().to_owned()).collect();
                    assert_eq!(reader, folded, "{name} width {width} turn {n} paragraph {p}");
                }
            }
        }
    }
}

/// The same through the binary: `gijiroku fold` on stdin.
#[test]
fn fold_command_reads_stdin() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(["fold", "--width", "10"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("あいうえおかきくけこ。さしすせそ\n\n「テスト」です\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout(&out), "あいうえお\nかきくけ\nこ。さしす\nせそ\n\n「テスト」\nです\n");
}
