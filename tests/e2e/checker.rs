//! The output checker: walks everything the program wrote to the terminal and verifies that
//! every control it contains is one the program itself sends. If a byte of a hostile file ever
//! reached the terminal as a control, it shows up here as a violation.
//!
//! Allowed: CR and LF; CSI with SGR (`m`), CUP (`H`), CUF (`C`), EL (`K`), ED (`J`), DECSTBM
//! (`r`), SU (`S`), SD (`T`) and numeric parameters only; the private modes 1049, 25, 2004 and
//! 2026 set or reset; the kitty keyboard push `>1u` and pop `<u`; and, only when the test says the
//! user yanked, OSC 52 with base64 for the clipboard. Nothing else: no other escape, no other C0
//! control, no C1 control (raw or UTF-8 encoded), no bidi override or invisible format character.

/// One thing in the output that the program should never send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub offset: usize,
    pub what: String,
}

/// What the checker found besides violations (so tests can assert a yank really happened).
#[derive(Debug, Default)]
pub struct Report {
    pub violations: Vec<Violation>,
    /// Payloads of the OSC 52 writes seen.
    pub clipboard_writes: Vec<String>,
}

/// The private modes the reader sets: alternate screen, cursor, bracketed paste, synchronized
/// output, mouse reporting (clicks, drags, SGR form).
const PRIVATE_MODES: &[&str] = &["1049", "25", "2004", "2026", "1000", "1002", "1006"];

/// Checks `raw`; `allow_clipboard` permits OSC 52 writes (the test yanked).
pub fn check(raw: &[u8], allow_clipboard: bool) -> Report {
    let mut report = Report::default();
    let mut violation = |offset: usize, what: String| report.violations.push(Violation { offset, what });
    let mut clipboard = Vec::new();
    if let Err(err) = std::str::from_utf8(raw) {
        violation(err.valid_up_to(), "output is not valid UTF-8".into());
    }
    let text = String::from_utf8_lossy(raw);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\r' | b'\n' => i += 1,
            0x1b => {
                let (len, problem) = escape(&bytes[i..], allow_clipboard, &mut clipboard);
                if let Some(problem) = problem {
                    violation(i, problem);
                }
                i += len.max(1);
            }
            b if b < 0x20 || b == 0x7f => {
                violation(i, format!("C0 control 0x{b:02x}"));
                i += 1;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                if ('\u{80}'..='\u{9f}').contains(&c) {
                    violation(i, format!("C1 control U+{:04X}", c as u32));
                }
                if is_bidi_or_invisible(c) {
                    violation(i, format!("bidi or invisible format character U+{:04X}", c as u32));
                }
                i += c.len_utf8();
            }
        }
    }
    report.clipboard_writes = clipboard;
    report
}

fn is_bidi_or_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{206A}'..='\u{206F}' | '\u{FEFF}' | '\u{061C}')
}

/// Parses the escape at the start of `s`; returns its length and a problem, if any.
fn escape(s: &[u8], allow_clipboard: bool, clipboard: &mut Vec<String>) -> (usize, Option<String>) {
    match s.get(1) {
        Some(b'[') => csi(s),
        Some(b']') => osc(s, allow_clipboard, clipboard),
        Some(&c) => (2, Some(format!("escape ESC {:?}", c as char))),
        None => (1, Some("lone ESC at the end".into())),
    }
}

fn csi(s: &[u8]) -> (usize, Option<String>) {
    let mut end = 2;
    while end < s.len() && (0x20..=0x3f).contains(&s[end]) {
        end += 1;
    }
    let Some(&last) = s.get(end) else { return (end, Some("unterminated CSI".into())) };
    let len = end + 1;
    let params = String::from_utf8_lossy(&s[2..end]).into_owned();
    let sequence = format!("CSI {params}{}", last as char);
    if !(0x40..=0x7e).contains(&last) {
        return (len, Some(format!("malformed {sequence:?}")));
    }
    let numeric = params.bytes().all(|b| b.is_ascii_digit() || b == b';');
    let ok = match last {
        b'm' | b'H' | b'C' | b'K' | b'J' | b'r' | b'S' | b'T' => numeric,
        b'h' | b'l' => params.strip_prefix('?').is_some_and(|mode| PRIVATE_MODES.contains(&mode)),
        b'u' => params == ">1" || params == "<",
        _ => false,
    };
    (len, (!ok).then(|| format!("foreign {sequence:?}")))
}

fn osc(s: &[u8], allow_clipboard: bool, clipboard: &mut Vec<String>) -> (usize, Option<String>) {
    // The body runs to BEL or ST.
    let mut end = 2;
    let mut terminator = 0;
    while end < s.len() {
        if s[end] == 0x07 {
            terminator = 1;
            break;
        }
        if s[end] == 0x1b && s.get(end + 1) == Some(&b'\\') {
            terminator = 2;
            break;
        }
        end += 1;
    }
    let body = String::from_utf8_lossy(&s[2..end]).into_owned();
    let len = end + terminator;
    if terminator == 0 {
        return (len, Some(format!("unterminated OSC {body:?}")));
    }
    match body.strip_prefix("52;c;") {
        Some(payload)
            if allow_clipboard
                && payload.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')) =>
        {
            clipboard.push(payload.to_owned());
            (len, None)
        }
        _ => (len, Some(format!("foreign OSC {body:?}"))),
    }
}

/// Panics with the violations (and the bytes around the first) if there are any.
pub fn assert_clean(raw: &[u8], allow_clipboard: bool) -> Report {
    let report = check(raw, allow_clipboard);
    if let Some(first) = report.violations.first() {
        let around = &raw[first.offset.saturating_sub(40)..(first.offset + 60).min(raw.len())];
        panic!(
            "{} foreign control(s) in the output; first: {} at byte {} in {:?}; all: {:?}",
            report.violations.len(),
            first.what,
            first.offset,
            String::from_utf8_lossy(around),
            report.violations.iter().take(10).collect::<Vec<_>>()
        );
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programs_own_sequences_pass() {
        let raw = b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[>1u\x1b[H\x1b[2J\x1b[?2026h\x1b[0m\x1b[1;38;5;4m\xe8\xad\xb0\x1b[K\r\n\x1b[3;7H\x1b[2C\x1b[1;23r\x1b[2S\x1b[r\x1b[?2026l\x1b[<u\x1b[?2004l\x1b[r\x1b[0m\x1b[?25h\x1b[?1049l";
        assert_eq!(check(raw, false).violations, []);
    }

    #[test]
    fn injected_sequences_are_caught() {
        for (raw, allow) in [
            (&b"a\x1b]52;c;aGk=\x07"[..], false),
            (b"\x1b]0;pwned\x07", true),
            (b"\x1b]8;;http://x.invalid\x1b\\", true),
            (b"\x1bPq#0\x1b\\", true),
            (b"\x1b[6n", true),
            // Mouse reporting of every motion: not the modes the reader turns on itself.
            (b"\x1b[?1003h", true),
            (b"\x1b[2;\"q", true),
            (b"\x07", true),
            (b"\x08", true),
            (b"\xc2\x9b2J", true),
            (b"\xe2\x80\xae", true),
            (b"\xe2\x80\x8b", true),
            (b"\x1b7", true),
        ] {
            assert!(!check(raw, allow).violations.is_empty(), "not caught: {:?}", String::from_utf8_lossy(raw));
        }
    }

    #[test]
    fn clipboard_writes_pass_only_when_allowed() {
        let raw = b"\x1b]52;c;6K2w5LqL6Yyy\x07";
        let report = check(raw, true);
        assert_eq!(report.violations, []);
        assert_eq!(report.clipboard_writes, ["6K2w5LqL6Yyy"]);
    }
}
