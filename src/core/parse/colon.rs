//! Colon-style minutes and Markdown meeting notes: `山田委員：発言`, `委員長(相馬君):…`,
//! `Name: text` paragraphs and bullets (`* Rod: …`, `Rod/Ben: …`), `(14:00)` timestamps,
//! Markdown headings as the agenda (a first-line `#` heading is the title), and header lines
//! such as `日時：…` or `Date: 2025-03-14` before the body.

pub mod speaker;

use crate::core::meeting::{Format, HeaderSection, Meeting, TurnKind};
use crate::core::parse::body::BodyBuilder;
use crate::core::parse::header::{SectionKind, apply_section, section_label, split_names};
use crate::core::parse::label::analyze_label;
use crate::core::parse::lines::{Heading, agenda_heading, is_blank, leading_number};
use crate::core::parse::paragraphs::estimate_wrap_width;
use speaker::{Judge, candidate, english_header_key};

/// Parses colon-style minutes or Markdown notes. `lines` are the sanitised source lines.
pub fn parse(lines: &[&str]) -> Meeting {
    let judge = Judge::new(lines.iter().copied());
    let mut meeting = Meeting { format: Format::Colon, ..Meeting::default() };
    let start = parse_header(&mut meeting, lines, &judge);
    let body_lines = lines.get(start..).unwrap_or_default();
    let wrap_width = estimate_wrap_width(body_lines.iter().copied());
    let mut body = BodyBuilder::new(&mut meeting, wrap_width);
    for (offset, &line) in body_lines.iter().enumerate() {
        let number = start + offset + 1;
        if let Some(heading) = markdown_heading(line) {
            body.heading(number, numbered(heading), line.trim());
        } else if is_timestamp(line) {
            body.single(TurnKind::Procedure, number, line);
        } else if let Some(turn) = judge.speaker(line) {
            body.start_turn_with(number, turn.label, analyze_label(turn.label));
            body.text(number, turn.text);
        } else {
            body.line(number, line);
        }
    }
    body.finish();
    meeting
}

/// Reads the title and the header lines before the first turn, heading or timestamp.
fn parse_header(meeting: &mut Meeting, lines: &[&str], judge: &Judge) -> usize {
    let mut index = lines.iter().position(|l| !is_blank(l)).unwrap_or(lines.len());
    if let Some(&first) = lines.get(index) {
        let title = match markdown_heading_level(first) {
            Some((1, title)) => Some(title),
            Some(_) => None,
            None => (!starts_body(first, judge) && header_key(first, judge).is_none()).then(|| first.trim()),
        };
        if let Some(title) = title {
            meeting.title = title.to_owned();
            index += 1;
        }
    }
    let mut sections: Vec<(SectionKind, HeaderSection)> = Vec::new();
    let mut open = false;
    while let Some(&line) = lines.get(index) {
        if starts_body(line, judge) {
            break;
        }
        if is_blank(line) {
            open = false;
        } else if let Some((kind, label, value)) = header_key(line, judge) {
            let lines = if value.is_empty() { Vec::new() } else { vec![value.to_owned()] };
            sections.push((kind, HeaderSection { label: label.to_owned(), lines }));
            open = true;
        } else if open && let Some((_, section)) = sections.last_mut() {
            section.lines.push(line.trim().to_owned());
        } else {
            sections.push((
                SectionKind::Other,
                HeaderSection { label: String::new(), lines: vec![line.trim().to_owned()] },
            ));
            open = true;
        }
        index += 1;
    }
    for (kind, section) in sections {
        if kind == SectionKind::Attendees {
            // `Attendees:` followed by a bullet list, or names on the label's line.
            for line in &section.lines {
                meeting.attendees.extend(split_names(line.trim_start_matches(['*', '-', '+', '•', ' '])));
            }
        } else {
            apply_section(meeting, kind, &section);
        }
        meeting.header.push(section);
    }
    index
}

/// Whether the body starts at this line.
fn starts_body(line: &str, judge: &Judge) -> bool {
    markdown_heading_level(line).is_some()
        || is_timestamp(line)
        || judge.speaker(line).is_some()
        || agenda_heading(line).is_some()
}

/// A header line `日時：…`, `Date: …`, or another `Key：value` whose key is not a speaker.
/// Returns the section kind, the label as written and the value.
fn header_key<'a>(line: &'a str, judge: &Judge) -> Option<(SectionKind, &'a str, &'a str)> {
    let t = line.trim();
    if let Some(label) = section_label(t) {
        let value = label.inline_value.unwrap_or("");
        let label_text = t[..t.len() - value.len()].trim_end().trim_end_matches([':', '：']).trim_end();
        return Some((label.kind, label_text, value));
    }
    let c = candidate(t)?;
    if judge.speaker(t).is_some() {
        return None;
    }
    if let Some(kind) = english_header_key(c.label) {
        return Some((kind, c.label, c.text));
    }
    // `注意：本メモは…`: a short key that is not a speaker is a header field of its own.
    let short_key = c.label.chars().count() <= 12 && !c.label.contains(['。', '、']);
    (short_key && !c.text.is_empty()).then_some((SectionKind::Other, c.label, c.text))
}

/// `## 1. Agenda review` → level and text.
fn markdown_heading_level(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|&c| c == '#').count();
    let rest = &t[level..];
    let text = rest.trim().trim_end_matches('#').trim();
    ((1..=6).contains(&level) && rest.starts_with([' ', '\t']) && !text.is_empty()).then_some((level, text))
}

/// A Markdown heading in the body (every level: the title was taken by the header).
fn markdown_heading(line: &str) -> Option<&str> {
    markdown_heading_level(line).map(|(_, text)| text)
}

/// `1. Agenda review` → item 1, `Agenda review`; unnumbered headings get the next number.
fn numbered(text: &str) -> Heading {
    match leading_number(text) {
        Some((number, label, title)) if !title.trim().is_empty() && !label.chars().all(|c| c.is_ascii_digit()) => {
            Heading { number: Some(number), label: label.to_owned(), title: title.trim().to_owned() }
        }
        _ => Heading { number: None, label: String::new(), title: text.to_owned() },
    }
}

/// `(14:00)`, `（14:35）`, `[14:00]`, `14:00`, `14:00～14:30` alone on a line.
pub fn is_timestamp(line: &str) -> bool {
    let t = line.trim();
    let inner = [('(', ')'), ('（', '）'), ('[', ']'), ('［', '］')]
        .iter()
        .find_map(|&(open, close)| t.strip_prefix(open).and_then(|s| s.strip_suffix(close)))
        .unwrap_or(t)
        .trim();
    let n = inner.chars().count();
    let clock_chars =
        inner.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || ":：~～-–〜 ".contains(c));
    let has_clock = inner.char_indices().any(|(i, c)| {
        matches!(c, ':' | '：')
            && inner[..i].ends_with(|p: char| p.is_ascii_digit() || ('０'..='９').contains(&p))
            && inner[i + c.len_utf8()..].starts_with(|p: char| p.is_ascii_digit() || ('０'..='９').contains(&p))
    });
    (4..=20).contains(&n) && clock_chars && has_clock
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        for line in ["(14:00)", "（14:35）", "[09:30]", "14:00", "14:00～14:30"] {
            assert!(is_timestamp(line), "{line}");
        }
        for line in ["14", "(注)", "10:30 start", "2025-03-14"] {
            assert!(!is_timestamp(line), "{line}");
        }
    }

    #[test]
    fn markdown_headings() {
        assert_eq!(markdown_heading_level("# Title"), Some((1, "Title")));
        assert_eq!(markdown_heading_level("## 1. Agenda review"), Some((2, "1. Agenda review")));
        assert_eq!(markdown_heading_level("#hashtag"), None);
        assert_eq!(numbered("1. Agenda review").number, Some(1));
        assert_eq!(numbered("Agenda review").number, None);
    }
}
