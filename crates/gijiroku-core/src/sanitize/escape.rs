//! The one escaping function for text that gijiroku prints but did not write itself: file
//! names, paths, error messages, strings decoded from the config. Text from minutes is cleaned
//! by [`super::sanitize`] before it enters the model; these other strings reach stdout and stderr
//! straight from the file system or the environment, and a file named `ESC]52;c;…BEL` or
//! `x\nINJECTED: …` must neither act on the terminal nor forge an output line.
//!
//! As `ls -b` and ripgrep's escaping do, such characters are made visible rather than dropped, so
//! that the name shown still tells files apart: `\n`, `\t`, `\r`, `\\`, `\x1b` for other C0
//! controls and DEL, `\u{9b}` for C1 controls, bidi controls, line separators and invisible format
//! characters, and `\xff` for each byte of a path that is not UTF-8.

use std::borrow::Cow;
use std::path::Path;

/// Whether `c` may not reach a terminal as it is: controls (C0, DEL, C1), the line and
/// paragraph separators, every format character (bidi embeddings, overrides, isolates and marks,
/// zero-width and joiner characters, the soft hyphen, Arabic number signs, tag characters…) and
/// the few letters and marks that draw nothing (Hangul fillers, the combining grapheme joiner).
/// Variation selectors are not here: they are part of how names are spelt (異体字 in a person's
/// name).
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{34F}' | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}'
            | '\u{890}'..='\u{891}' | '\u{8E2}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}')
}

/// `text` with every character of [`must_escape`] (and the backslash, so that an escape is never
/// ambiguous) written as a visible escape. Borrowed when nothing needs escaping.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\\' || must_escape(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// A path as [`visible`] shows it; bytes that are not UTF-8 (possible in Unix file names) are
/// shown as `\xNN` instead of being replaced, so that two such names stay distinct.
pub fn visible_path(path: &Path) -> Cow<'_, str> {
    match path.to_str() {
        Some(text) => visible(text),
        None => Cow::Owned(visible_bytes(path_bytes(path).as_ref())),
    }
}

/// Bytes that should be UTF-8 as [`visible`] shows them, each invalid byte as `\xNN`.
pub(crate) fn visible_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_escaped(&mut out, c);
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if c.is_ascii() && must_escape(c) => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if must_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_visible_escapes() {
        assert_eq!(visible("a\u{1b}]52;c;eA==\u{7}b"), "a\\x1b]52;c;eA==\\x07b");
        assert_eq!(visible("x\nINJECTED:2099-01-01:fake: y"), "x\\nINJECTED:2099-01-01:fake: y");
        assert_eq!(visible("\u{9b}2J\u{202E}txt.exe"), "\\u{9b}2J\\u{202e}txt.exe");
        assert_eq!(visible("tab\there\\"), "tab\\there\\\\");
        assert_eq!(visible("\u{E0041}\u{200B}\u{2028}"), "\\u{e0041}\\u{200b}\\u{2028}");
    }

    #[test]
    fn ordinary_names_are_borrowed_unchanged() {
        for name in ["令和6年 第1回定例会.txt", "minutes/2024-03.md", "葛\u{E0100}城市", "café"] {
            assert!(matches!(visible(name), Cow::Borrowed(_)), "{name}");
        }
    }

    #[test]
    fn escaped_text_has_nothing_left_to_escape() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            let shown = visible_bytes(format!("a{c}b").as_bytes());
            assert!(!shown.chars().any(must_escape), "U+{:04X} -> {shown:?}", c as u32);
        }
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_are_shown_as_hex() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"a\xff\x1bb.txt"));
        assert_eq!(visible_path(path), "a\\xff\\x1bb.txt");
    }
}
