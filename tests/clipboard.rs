//! Issue 13, item 2: a yank wrote one OSC 52 sequence of any size (a 50 MB turn: 70 MB in one
//! blocking write, the UI frozen 1.6 s, and terminals drop sequences past ~100 KB anyway). A yank
//! now puts at most `MAX_CLIPBOARD_BYTES` of text on the clipboard, keeps the citation, and says so.

mod common;

use common::app::{app_with_files, type_keys};
use gijiroku::app::navigate::{MAX_CLIPBOARD_BYTES, cap_for_clipboard};

#[test]
fn a_yank_of_a_huge_turn_wrote_one_unbounded_osc52_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let sentence = "予算の執行状況について説明がありました。";
    let long = sentence.repeat(2_000_000 / sentence.len());
    std::fs::write(&path, format!("長い委員会 議事要旨\n\n[森委員]\n\n{long}\n\n[林委員]\n\n短い発言。\n")).unwrap();
    let mut app = app_with_files(&[&path], 80, 24);
    let copied = type_keys(&mut app, "Y");
    assert_eq!(copied.len(), 1, "one clipboard write");
    let text = &copied[0];
    assert!(text.len() <= MAX_CLIPBOARD_BYTES, "{} bytes on the clipboard", text.len());
    // Base64 of what is sent stays under the ~100 KB terminals keep.
    assert!(text.len().div_ceil(3) * 4 < 100_000);
    assert!(
        text.lines().last().is_some_and(|l| l.contains("long.txt")),
        "the citation is kept: {:?}",
        text.lines().last()
    );
    assert!(text.contains('…'), "the cut is marked");
    let message = app.message().expect("a message").text.clone();
    assert!(message.contains("terminals drop clipboard writes"), "{message}");
}

#[test]
fn a_turn_that_fits_is_copied_whole() {
    assert_eq!(cap_for_clipboard("短い発言。\n— 森委員 (a.txt:3)"), None);
    let exact = "あ".repeat(MAX_CLIPBOARD_BYTES / 3);
    assert_eq!(cap_for_clipboard(&exact), None);
}

#[test]
fn the_cut_falls_on_a_character_boundary_whatever_the_length() {
    for extra in 0..8 {
        let text = format!("{}{}\n— citation", "x".repeat(extra), "議".repeat(MAX_CLIPBOARD_BYTES / 3 + 10));
        let capped = cap_for_clipboard(&text).expect("too long");
        assert!(capped.len() <= MAX_CLIPBOARD_BYTES);
        assert!(capped.ends_with("…\n— citation"), "{:?}", &capped[capped.len() - 40..]);
    }
}
