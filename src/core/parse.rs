//! Parsing: bytes in, meetings out. Decoding, sanitising, format detection, then one module
//! per format. Total: any bytes give at least one [`Meeting`] plus diagnostics, never a panic.

pub mod body;
pub mod colon;
pub mod date;
pub mod header;
pub mod kokkai;
pub mod label;
pub mod lines;
pub mod paragraphs;
pub mod quality;
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
    let mut fallback_note = None;
    let mut meetings = match format {
        Format::Kokkai => match kokkai::parse(&sanitized.text) {
            Ok(meetings) => meetings,
            Err(problem) => {
                // Not a Diet API response after all: read the text as text, and say why.
                fallback_note = Some(Diagnostic::new(
                    Severity::Warning,
                    "json_unreadable",
                    problem.line,
                    format!("{}; the file is read as text", problem.message),
                ));
                vec![parse_as(detect_text(&lines), &lines)]
            }
        },
        text_format => vec![parse_as(text_format, &lines)],
    };
    if meetings.is_empty() {
        meetings.push(Meeting { format, ..Meeting::default() });
    }
    for meeting in &mut meetings {
        meeting.diagnostics.splice(0..0, sanitized.diagnostics.iter().cloned().chain(fallback_note.clone()));
        if meeting.speech_count() == 0 && !sanitized.text.trim().is_empty() {
            meeting.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "no_turns",
                None,
                "no speaker turns were recognised; the text is shown as the header",
            ));
        }
        quality::check(meeting, &lines);
    }
    meetings
}

fn parse_as(format: Format, lines: &[&str]) -> Meeting {
    match format {
        Format::Verbatim => verbatim::parse(lines),
        Format::Colon => colon::parse(lines),
        Format::Summary | Format::Kokkai => summary::parse(lines),
    }
}

/// Recognises the format from the content (never the file name): JSON is a Diet API response;
/// text is scored on its first [`DETECTION_LINES`] lines by the speaker lines each format would
/// see, and the best score wins, summary on a tie or when nothing is recognised.
pub fn detect(lines: &[&str]) -> Format {
    if starts_like_json(lines) { Format::Kokkai } else { detect_text(lines) }
}

/// `{…` or `[{…`, `[]`, `["…`: JSON. `[森委員]` is a summary speaker line, not JSON.
fn starts_like_json(lines: &[&str]) -> bool {
    let mut chars =
        lines.iter().take(DETECTION_LINES).flat_map(|l| l.chars().chain(['\n'])).filter(|c| !c.is_whitespace());
    match chars.next() {
        Some('{') => true,
        Some('[') => matches!(chars.next(), None | Some('{' | '[' | ']' | '"')),
        _ => false,
    }
}

/// The text format with the most speaker lines in the first lines.
pub fn detect_text(lines: &[&str]) -> Format {
    let window = &lines[..lines.len().min(DETECTION_LINES)];
    let judge = colon::speaker::Judge::new(window.iter().copied());
    let (mut summary_score, mut verbatim_score, mut colon_score) = (0usize, 0usize, 0usize);
    for line in window {
        if verbatim::speaker_line(line).is_some_and(|s| !s.speech.trim().is_empty()) {
            verbatim_score += 1;
        } else if summary::speaker_line(line).is_some() {
            summary_score += 1;
        } else if judge.speaker(line).is_some()
            || line.starts_with('#') && line.trim_start_matches('#').starts_with(' ')
        {
            colon_score += 1;
        }
    }
    let scores = [(Format::Summary, summary_score), (Format::Verbatim, verbatim_score), (Format::Colon, colon_score)];
    let mut best = (Format::Summary, 0);
    for (format, score) in scores {
        if score > best.1 {
            best = (format, score);
        }
    }
    best.0
}
