//! Issue 15, item 10: `search` output that scripts can use. The speaker label counted as a hit
//! (`search 事務局` printed the label line once per turn), hits had no line numbers, JSON `turn`
//! was 0-based and counted stage directions while the reader says `turn 2/45` and `2G`, and there
//! was no `path:line:col:text` output.

use std::process::{Command, Output, Stdio};

/// Fictional minutes: a stage direction between speeches, a label that is also a word of the
/// text, and a word hard-wrapped across two lines.
const MINUTES: &str = "第3回 広報委員会\n\n\
○委員長（森君）　ただいまから会議を開きます。\n\
〔拍手〕\n\
○事務局（田中君）　資料を説明します。\n\
○委員長（森君）　事務局から説明がありました。事務局の資料\n\
は二つです。\n";

fn search(args: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, MINUTES).unwrap();
    let mut all: Vec<&str> = vec!["search"];
    all.extend(args);
    let path_text = path.to_str().unwrap().to_owned();
    all.push(&path_text);
    let out = Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(&all)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let text = String::from_utf8_lossy(&out.stdout).replace(&path_text, "FILE");
    (out, text)
}

#[test]
fn the_speaker_label_was_counted_as_a_hit() {
    let (out, text) = search(&["事務局"]);
    assert_eq!(out.status.code(), Some(0));
    // Two hits in the third speech; none for the label `事務局（田中君）`.
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.lines().all(|l| l.starts_with("FILE:6:-:森: ")), "{text}");
    // A query found only in a label finds nothing to list: exit 1, as grep.
    let (out, text) = search(&["田中君"]);
    assert_eq!(out.status.code(), Some(1), "{text}");
}

#[test]
fn hits_had_no_source_line_or_column() {
    let (_, text) = search(&["--vimgrep", "事務局"]);
    // Line 6, bytes 28 and 70: `○委員長（森君）　` is 27 bytes of UTF-8.
    assert_eq!(
        text,
        "FILE:6:28:事務局から説明がありました。事務局の資料は二つ…\nFILE:6:70:事務局から説明がありました。事務局の資料は二つです。\n"
    );
    // A hit across a hard wrap starts on the first of its lines.
    let (_, text) = search(&["--vimgrep", "資料は二つ"]);
    assert!(text.starts_with("FILE:6:82:"), "{text}");
}

#[test]
fn json_turn_was_zero_based_and_counted_stage_directions() {
    let (_, text) = search(&["--json", "説明"]);
    let hits: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits.len(), 2, "{text}");
    // `資料を説明します` is the second speech (`turn 2/3`, `2G`), though the fourth entry of the
    // body; `説明がありました` the third.
    assert_eq!(hits[0]["turn"], 2);
    assert_eq!(hits[1]["turn"], 3);
    assert_eq!(hits[0]["paragraph"], 1);
    assert_eq!(hits[0]["in"], "speech");
    assert_eq!((hits[0]["line"].as_u64(), hits[0]["column"].as_u64()), (Some(5), Some(40)));
    assert_eq!(hits[1]["line"], 6);
    // A hit in a stage direction has no speech number, and says where it is.
    let (_, text) = search(&["--json", "拍手"]);
    let hit: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!((hit["turn"].clone(), hit["in"].clone()), (serde_json::Value::Null, "stage".into()));
    assert_eq!(hit["line"], 4);
}
