//! Bytes that are not clean UTF-8: binary files, mixed UTF-8 and Shift_JIS, truncated multi-byte
//! sequences, UTF-16 without a BOM. Each is read as well as it can be, with a diagnostic the
//! user can see (statistics overlay), never a crash; and no byte of it reaches the terminal as
//! a control.

use crate::checker::assert_clean;
use crate::files::{Minutes, write};
use crate::pty::Pty;

/// Opens `bytes` as the only file, waits for `visible` (or just a frame), opens the statistics
/// overlay and waits for `diagnostic` there, scrolls, quits, and checks the output.
fn open_best_effort(name: &str, bytes: &[u8], visible: Option<&str>, diagnostic: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let mut pty = Pty::spawn(&[&path], 80, 24);
    // The meeting is open (keys before that would go to the list).
    // The meeting is open: its turn position, or (a binary file) the notice holding it back.
    pty.wait_for("the meeting open", |s| {
        s.contents().contains("turn ") || s.contents().contains("looks like a binary")
    });
    if pty.contents().contains("looks like a binary file") {
        // Held back as `less` does; Enter shows it anyway.
        pty.send("\r");
        pty.wait_for("the file shown anyway", |s| !s.contents().contains("looks like a binary file"));
    }
    if let Some(text) = visible {
        pty.wait_for_text(text);
    }
    for keys in ["j", "\x04", "G", "gg", "}"] {
        let frames = pty.frames();
        pty.send(keys);
        pty.wait_frames(frames);
    }
    pty.send("S");
    pty.wait_for(&format!("the diagnostic {diagnostic:?}"), |s| s.contents().contains(diagnostic));
    pty.send("q");
    pty.settle();
    pty.assert_no_spill();
    pty.quit_cleanly();
    assert_clean(&pty.raw(), false);
}

#[test]
fn a_binary_file_is_flagged_and_shown_harmlessly() {
    // Every byte value, in a pseudo-random order, with plenty of NULs and C0/C1 controls.
    let mut rng = fastrand::Rng::with_seed(42);
    let bytes: Vec<u8> = (0..200_000).map(|_| rng.u8(..)).collect();
    open_best_effort("blob.bin", &bytes, None, "binary");
}

#[test]
fn mixed_utf8_and_shift_jis_is_read_with_replacements() {
    let mut bytes = crate::files::numbered_meeting("混在した委員会 議事要旨", 3).bytes();
    // 「会議録」 in Shift_JIS, in the middle of UTF-8 text.
    bytes.extend_from_slice(b"[\x89\xEF\x8B\x63\x98\x5E]\n\n\x89\xEF\x8B\x63\x98\x5E\x82\xC5\x82\xB7\x81\x42\n\n");
    bytes.extend_from_slice("[堀委員]\n\n最後の発言。\n".as_bytes());
    // Read as UTF-8 (most of it is), the Shift_JIS bytes replaced and reported.
    open_best_effort("mixed.txt", &bytes, Some("最後の発言"), "replaced");
}

#[test]
fn truncated_multibyte_sequences_become_replacement_characters() {
    let mut bytes = Minutes::new("途切れた委員会 議事要旨").turn("森委員", "途切れる").bytes();
    // A lone lead byte, a lead byte with one continuation, and a cut at the very end.
    bytes.extend_from_slice(b"[\xE4\xBC]\n\n\xE8\xAD\xB0\xE4 text \xF0\x9F\x98\n\n\xE8\xAD");
    open_best_effort("truncated.txt", &bytes, Some("途切れた委員会"), "replaced");
}

#[test]
fn utf16_without_a_bom_is_detected() {
    let text = Minutes::new("UTF16の委員会 議事要旨").turn("森委員", "十六ビットの発言。").bytes();
    let text = String::from_utf8(text).unwrap();
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    open_best_effort("utf16.txt", &bytes, Some("十六ビットの発言"), "byte-order mark");
}
