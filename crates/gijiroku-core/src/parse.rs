//! Parsing: bytes in, meetings out. Decoding, sanitising, format detection, then one module
//! per format. Total: any bytes give at least one [`Meeting`] plus diagnostics, never a panic.

pub mod body;
pub mod chat;
pub mod colon;
pub mod date;
pub mod header;
pub mod html;
pub mod json;
pub mod kokkai;
pub mod label;
pub mod lines;
pub mod paragraphs;
pub mod quality;
pub mod records;
pub mod speakers;
pub mod split;

pub mod summary;
pub mod verbatim;

use crate::decode::{Decoded, decode};
use crate::meeting::{Container, Diagnostic, DiagnosticKind, Format, HeaderSection, Meeting, Severity};
use crate::sanitize::sanitize;

/// How many lines format detection looks at; enough for any header, cheap on huge files.
const DETECTION_LINES: usize = 3000;

/// Parses the bytes of one file. Returns one meeting, or several for a file that holds several
/// (a Diet API response, a research corpus, a dated notes archive); never none.
pub fn parse_bytes(bytes: &[u8]) -> Vec<Meeting> {
    let decoded = decode(bytes);
    let mut meetings = parse_text(&decoded.text);
    let charset_note =
        meetings.first().filter(|m| m.container == Container::Html).and_then(|_| charset_disagreement(&decoded));
    for meeting in &mut meetings {
        meeting.diagnostics.splice(0..0, decoded.diagnostics.iter().cloned().chain(charset_note.clone()));
    }
    meetings
}

/// A page that declares one charset while its bytes are another (a re-saved copy): the bytes
/// decide, and the reader is told.
fn charset_disagreement(decoded: &Decoded) -> Option<Diagnostic> {
    let declared = html::declared_charset(&decoded.text)?;
    let actual = decoded.encoding.to_ascii_lowercase();
    let same = |a: &str, b: &str| {
        let norm = |s: &str| s.replace(['-', '_'], "");
        let (a, b) = (norm(a), norm(b));
        a == b
            || [a.as_str(), b.as_str()].iter().all(|x| ["shiftjis", "sjis", "windows31j", "cp932", "xsjis"].contains(x))
    };
    (!same(&declared, &actual)).then(|| {
        Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::CharsetMismatch,
            None,
            format!(
                "the page declares {declared} but its bytes are {}; read as {}",
                decoded.encoding, decoded.encoding
            ),
        )
    })
}

/// Parses decoded text: the container first (JSON, HTML, or plain text), then the minutes in it.
pub fn parse_text(text: &str) -> Vec<Meeting> {
    let mut fallback_note = None;
    if json::starts_like_json(head(text)) {
        match json::parse(text) {
            Ok(meetings) => return finish(meetings),
            Err(problem) => {
                // Not JSON after all: read the text as text, and say why.
                fallback_note = Some(Diagnostic::new(
                    Severity::Warning,
                    DiagnosticKind::JsonUnreadable,
                    problem.line,
                    format!("{}; the file is read as text", problem.message),
                ));
            }
        }
    } else if html::looks_like_html(text) {
        return finish(parse_html(text));
    }
    let sanitized = sanitize(text);
    let lines: Vec<&str> = sanitized.text.split('\n').collect();
    let mut meetings = parse_lines(&lines);
    for meeting in &mut meetings {
        meeting.diagnostics.splice(0..0, sanitized.diagnostics.iter().cloned().chain(fallback_note.clone()));
    }
    finish(meetings)
}

/// The first bytes of a text, where containers are recognised.
fn head(text: &str) -> &str {
    let mut cut = text.len().min(64 * 1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// A page: speaker markup when the page has it, else its text through the text parsers.
fn parse_html(text: &str) -> Vec<Meeting> {
    let page = html::extract(text);
    let structured = if html::scribe::is_scribe_page(&page) {
        Some(html::scribe::parse(&page))
    } else if html::speaker_blocks::has_speaker_blocks(&page) {
        Some(html::speaker_blocks::parse(&page))
    } else {
        None
    };
    if let Some(meeting) = structured {
        return vec![meeting];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut source_lines: Vec<usize> = Vec::new();
    for block in &page.blocks {
        for (n, line) in block.lines.iter().enumerate() {
            // Sanitised at extraction, line separators included.
            lines.push(line.clone());
            source_lines.push(block.line + n);
        }
        // A blank line between blocks: paragraphs stay apart, as the page shows them.
        lines.push(String::new());
        source_lines.push(block.line + block.lines.len());
    }
    let borrowed: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut meetings = parse_lines(&borrowed);
    for meeting in &mut meetings {
        meeting.container = Container::Html;
        remap_lines(meeting, &source_lines);
        if let Some(title) = &page.title
            && (meeting.title.is_empty() || meeting.title.starts_with('<'))
        {
            meeting.title.clone_from(title);
        }
    }
    meetings
}

/// Sanitised text lines: a chat log, or one meeting per part of the file.
fn parse_lines(lines: &[&str]) -> Vec<Meeting> {
    let mut meetings = parse_parts(lines);
    // The reading check doubts the text parsers' guesses. Speakers a container states (JSON
    // records, speaker markup, a chat log's nicks) are not guesses: a chat line addressing
    // someone (`ada: what do you think?`) is not a missed turn. Line ranges refer to `lines`
    // (parts are shifted to their place in it).
    for meeting in meetings.iter_mut().filter(|m| m.format != Format::Chat) {
        quality::check(meeting, lines);
    }
    meetings
}

/// [`parse_lines`] before the reading check.
fn parse_parts(lines: &[&str]) -> Vec<Meeting> {
    if chat::looks_like_chat(lines) {
        return vec![chat::parse(lines)];
    }
    let Some(parts) = split::parts(lines) else {
        return vec![parse_as(detect_text(lines), lines)];
    };
    let mut preamble: Option<Vec<String>> = None;
    let mut meetings = Vec::new();
    for part in parts {
        let Some((title, date)) = part.opening else {
            // Lines before the first meeting (an archive's own title): the first meeting's header.
            preamble = Some(
                lines[part.start..part.end]
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| l.trim().to_owned())
                    .collect(),
            );
            continue;
        };
        // The opening line titles the meeting; the parser reads what follows it.
        let body = &lines[part.start + 1..part.end];
        let mut meeting = parse_as(detect_text(body), body);
        shift_lines(&mut meeting, part.start + 1);
        if !meeting.title.is_empty() {
            meeting.header.insert(0, HeaderSection { label: String::new(), lines: vec![meeting.title.clone()] });
        }
        if let Some(lines) = preamble.take().filter(|l| !l.is_empty()) {
            meeting.header.insert(0, HeaderSection { label: String::new(), lines });
        }
        meeting.title = title;
        if date.is_some() {
            meeting.date = date;
        }
        meetings.push(meeting);
    }
    meetings
}

/// Diagnostics and lines shared by every container, and the meeting-wide checks.
fn finish(mut meetings: Vec<Meeting>) -> Vec<Meeting> {
    if meetings.is_empty() {
        meetings.push(Meeting::default());
    }
    for meeting in &mut meetings {
        speakers::unify_spellings(meeting);
        let has_text = !meeting.turns.is_empty()
            || !meeting.title.is_empty()
            || !meeting.notes.is_empty()
            || meeting.header.iter().any(|s| !s.lines.is_empty());
        if meeting.speech_count() == 0 && has_text {
            meeting.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::NoTurns,
                None,
                "no speaker turns were recognised; the text is shown as the header",
            ));
        }
    }
    meetings
}

/// Moves a meeting's source lines down by `offset` (a part that starts inside the file).
fn shift_lines(meeting: &mut Meeting, offset: usize) {
    for turn in &mut meeting.turns {
        turn.lines.first += offset;
        turn.lines.last += offset;
    }
    for diagnostic in &mut meeting.diagnostics {
        if let Some(line) = &mut diagnostic.line {
            *line += offset;
        }
    }
}

/// Maps lines of extracted text (1-based) back to the page's source lines.
fn remap_lines(meeting: &mut Meeting, source_lines: &[usize]) {
    let map = |line: usize| source_lines.get(line.saturating_sub(1)).copied().unwrap_or(line);
    for turn in &mut meeting.turns {
        turn.lines.first = map(turn.lines.first);
        turn.lines.last = map(turn.lines.last);
    }
    for diagnostic in &mut meeting.diagnostics {
        if let Some(line) = &mut diagnostic.line {
            *line = map(*line);
        }
    }
}

fn parse_as(format: Format, lines: &[&str]) -> Meeting {
    match format {
        Format::Verbatim => verbatim::parse(lines),
        Format::Colon => colon::parse(lines),
        Format::Summary | Format::Kokkai | Format::Chat | Format::Records => summary::parse(lines),
    }
}

/// Recognises the format from the content (never the file name): JSON is a Diet API response;
/// text is scored on its first [`DETECTION_LINES`] lines by the speaker lines each format would
/// see, and the best score wins, summary on a tie or when nothing is recognised.
pub fn detect(lines: &[&str]) -> Format {
    let head: Vec<&str> = lines.iter().copied().filter(|l| !l.trim().is_empty()).take(2).collect();
    if json::starts_like_json(&head.join("\n")) { Format::Kokkai } else { detect_text(lines) }
}

/// The text format with the most speaker lines in the first lines.
pub(crate) fn detect_text(lines: &[&str]) -> Format {
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
