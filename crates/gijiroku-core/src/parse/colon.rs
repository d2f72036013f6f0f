//! Colon-style minutes and Markdown meeting notes: `山田委員：発言`, `委員長(相馬君):…`,
//! `Name: text` paragraphs and bullets at any depth (`* Rod: …`, `  - ronag: …`, `Rod/Ben: …`,
//! `Lucas Pardue (as individual): …`), `(14:00)` timestamps, Markdown headings as the agenda (a
//! first-line `#` heading is the title), and header lines such as `日時：…` or `Date: 2025-03-14`
//! before the body. YAML front matter fills the title and attendees; `Links`, `Present` and
//! `Agenda` sections are header; code blocks are shown as written and never hold a speaker.

pub mod blocks;
pub mod names;
pub mod speaker;
pub mod words;

use crate::meeting::{Format, HeaderSection, Meeting, Role, TurnKind};
use crate::parse::body::BodyBuilder;
use crate::parse::date::date_only;
use crate::parse::header::{SectionKind, apply_section, section_label, split_names};
use crate::parse::label::{SpeakerInfo, analyze_label, ends_with_position_word, role_of};
use crate::parse::lines::{Heading, agenda_heading, is_blank, leading_number};
use crate::parse::paragraphs::{estimate_wrap_width, shows_pdf_damage};
use blocks::{Blocks, LineKind, bullet, has_cjk, indent_columns, yaml_key_value};
use speaker::{Judge, candidate, split_qualifier};
use words::{english_header_key, header_heading, is_outcome_heading};

/// Parses colon-style minutes or Markdown notes. `lines` are the sanitised source lines.
pub fn parse(lines: &[&str]) -> Meeting {
    let blocks = Blocks::new(lines);
    let judge = Judge::with_blocks(lines, &blocks);
    let mut meeting = Meeting { format: Format::Colon, ..Meeting::default() };
    let start = parse_header(&mut meeting, lines, &judge, &blocks);
    let body_lines = lines.get(start..).unwrap_or_default();
    let markdown = blocks::looks_like_markdown(lines);
    // Markdown is never hard-wrapped by a PDF: its lines are joined by the paragraph rules alone.
    let wrap_width = if markdown { None } else { estimate_wrap_width(body_lines.iter().copied()) };
    let repair = !markdown && shows_pdf_damage(lines, wrap_width);
    let mut late_sections: Vec<(SectionKind, HeaderSection)> = Vec::new();
    let mut body = BodyBuilder::new(&mut meeting, wrap_width);
    body.repair_pages(repair);
    let mut state = State::default();
    let mut analysed: std::collections::HashMap<&str, SpeakerInfo> = std::collections::HashMap::new();
    let mut index = start;
    while let Some(&line) = lines.get(index) {
        let number = index + 1;
        if blocks.kind(index) != LineKind::Text {
            let end = (index..lines.len()).find(|&i| blocks.kind(i) == LineKind::Text).unwrap_or(lines.len());
            let block = lines[index..end].join("\n");
            body.verbatim(number, end, &block);
            state = State { previous_blank: false, ..state };
            index = end;
            continue;
        }
        index += 1;
        if let Some((level, text)) = markdown_heading_level(line) {
            let item_level = state.item_level;
            state = State { item_level, ..State::default() };
            if let Some(kind) = header_heading(text) {
                body.close();
                state.header = Some(late_sections.len());
                late_sections.push((kind, HeaderSection { label: text.to_owned(), lines: Vec::new() }));
            } else if is_outcome_heading(text) && item_level.is_some() {
                body.note(number, text);
            } else {
                body.heading(number, numbered(text), line.trim());
                state.item_level = Some(level);
            }
            continue;
        }
        let speaker = judge.speaker_at(index - 1, line);
        if let Some(section) = state.header.and_then(|i| late_sections.get_mut(i)) {
            // A header section runs to the next heading, unless someone speaks.
            if speaker.is_none() {
                if !is_blank(line) {
                    section.1.lines.push(line.trim().to_owned());
                }
                continue;
            }
            state.header = None;
        }
        if is_timestamp(line) {
            body.single(TurnKind::Procedure, number, line);
            state.turn_bullet = None;
        } else if let Some(turn) = speaker {
            // Labels repeat: each is analysed once.
            let info = analysed.entry(turn.label).or_insert_with(|| analyze(turn.label)).clone();
            body.start_turn_with(number, turn.label, info);
            body.text(number, turn.text);
            state.turn_bullet = Some(bullet(line).map(|(indent, _)| indent));
        } else if body.has_open_speech() && starts_note(line, &state) {
            body.note(number, line);
            state.turn_bullet = None;
        } else {
            body.line(number, line);
            if !is_blank(line) && !body.has_open_speech() {
                state.turn_bullet = None;
            }
        }
        state.previous_blank = is_blank(line);
    }
    body.finish();
    for (kind, section) in late_sections {
        apply_header_section(&mut meeting, kind, &section, false);
        meeting.header.push(section);
    }
    names::unify_speakers(&mut meeting);
    meeting
}

/// Where the body loop is.
#[derive(Clone, Copy, Debug, Default)]
struct State {
    previous_blank: bool,
    /// The open turn started on a list item at this indent (`Some(None)`: on a paragraph).
    turn_bullet: Option<Option<usize>>,
    /// Lines go to this header section (`## Present` in the body) until the next heading.
    header: Option<usize>,
    /// The level of the heading of the current agenda item.
    item_level: Option<usize>,
}

/// Whether a line after a turn begins text that is not the speaker's: a new paragraph headed by
/// a phrase and a colon (`Open issues:`, `Show of hands tool: …`), a list item no deeper than the
/// turn's own, or a paragraph at the margin after a turn written as a list item.
fn starts_note(line: &str, state: &State) -> bool {
    if is_blank(line) {
        return false;
    }
    let Some(turn_bullet) = state.turn_bullet else { return false };
    if let Some(turn_indent) = turn_bullet {
        if let Some((indent, _)) = bullet(line) {
            return indent <= turn_indent;
        }
        if state.previous_blank && indent_columns(line) <= turn_indent {
            return true;
        }
    }
    state.previous_blank && bullet(line).is_none() && candidate(line).is_some()
}

/// The speaker of a colon label. A Latin name with a bracketed qualifier
/// (`Lucas Pardue (as individual)`, `Ana [remote]`) is the name, the qualifier kept as the
/// position; `Chair (Smith)` and Japanese labels keep the reading of [`analyze_label`].
pub(crate) fn analyze(label: &str) -> SpeakerInfo {
    if has_cjk(label) {
        return analyze_label(label);
    }
    match split_qualifier(label) {
        (name, Some(qualifier))
            if !qualifier.is_empty() && role_of(name, name) == Role::Other && !ends_with_position_word(name) =>
        {
            SpeakerInfo {
                speaker: name.to_owned(),
                position: Some(qualifier.to_owned()),
                role: role_of(qualifier, qualifier),
            }
        }
        _ => analyze_label(label),
    }
}

/// Reads the front matter, the title and the header lines before the first turn, heading or
/// timestamp (header headings such as `## Links` or `## Present`, and a heading that is only a
/// date, belong to the header).
fn parse_header(meeting: &mut Meeting, lines: &[&str], judge: &Judge, blocks: &Blocks) -> usize {
    let mut sections: Vec<(SectionKind, HeaderSection)> = Vec::new();
    let mut index = 0;
    if blocks.kind(0) == LineKind::FrontMatter {
        let end = (0..lines.len()).find(|&i| blocks.kind(i) != LineKind::FrontMatter).unwrap_or(lines.len());
        sections.push((SectionKind::Other, front_matter(meeting, &lines[..end])));
        index = end;
    }
    index += lines.get(index..).unwrap_or_default().iter().position(|l| !is_blank(l)).unwrap_or(0);
    if let Some(&first) = lines.get(index)
        && meeting.title.is_empty()
    {
        let title = match markdown_heading_level(first) {
            Some((1, title)) => Some(title),
            Some(_) => None,
            None => (!starts_body(first, judge) && header_key(first, judge).is_none()).then(|| first.trim()),
        };
        if let Some(title) = title {
            meeting.title = title.to_owned();
            index += 1;
        }
    } else if lines.get(index).and_then(|l| markdown_heading_level(l)).is_some_and(|(level, _)| level == 1) {
        // Front matter gave the title; the `#` heading under it is the same title as shown.
        index += 1;
    }
    // A section under a heading runs to the next heading or key; a key's section to a blank line.
    let mut open = false;
    let mut under_heading = false;
    while let Some(&line) = lines.get(index) {
        if let Some((_, text)) = markdown_heading_level(line) {
            let kind = match header_heading(text) {
                Some(kind) => kind,
                None => match date_only(text) {
                    Some(date) => {
                        meeting.date = meeting.date.or(Some(date));
                        if meeting.title.is_empty() {
                            meeting.title = text.to_owned();
                        }
                        SectionKind::Other
                    }
                    None => break,
                },
            };
            sections.push((kind, HeaderSection { label: text.to_owned(), lines: Vec::new() }));
            open = true;
            under_heading = true;
            index += 1;
            continue;
        }
        if starts_body(line, judge) || !blocks.is_text(index) {
            break;
        }
        if is_blank(line) {
            open = under_heading;
        } else if let Some((kind, label, value)) = header_key(line, judge) {
            let lines = if value.is_empty() { Vec::new() } else { vec![value.to_owned()] };
            sections.push((kind, HeaderSection { label: label.to_owned(), lines }));
            open = true;
            under_heading = false;
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
        apply_header_section(meeting, kind, &section, true);
        meeting.header.push(section);
    }
    // `Maintainers Meeting 2024-05-14`, `January 29, 2019 Meeting Notes`: the title's date.
    if meeting.date.is_none() {
        meeting.date = crate::parse::date::find_date(&meeting.title);
    }
    index
}

/// Fills the meeting from a header section: names from an attendance list (bullets, `@handles`
/// and remarks removed), the agenda from an order of business read before the body.
fn apply_header_section(meeting: &mut Meeting, kind: SectionKind, section: &HeaderSection, before_body: bool) {
    match kind {
        SectionKind::Attendees => {
            for line in &section.lines {
                let item = bullet(line).map_or(line.as_str(), |(_, rest)| rest);
                match names::people(item) {
                    Some(people) => meeting.attendees.extend(people.into_iter().map(|p| p.name)),
                    None => meeting.attendees.extend(split_names(item)),
                }
            }
        }
        // Items of an agenda met after the body began would duplicate the headings' items.
        SectionKind::OrderOfBusiness if !before_body => {}
        kind => apply_section(meeting, kind, section),
    }
}

/// YAML front matter: `title:` is the title, `date:` the date, a members list the attendees;
/// every line is kept as a header section.
fn front_matter(meeting: &mut Meeting, lines: &[&str]) -> HeaderSection {
    let mut list_key = String::new();
    for line in lines.iter().skip(1) {
        if let Some((key, value)) = yaml_key_value(line) {
            match key.as_str() {
                "title" if !value.is_empty() => meeting.title = value.to_owned(),
                "date" => meeting.date = meeting.date.or_else(|| crate::parse::date::find_date(value)),
                "members" | "attendees" | "participants" | "present" if !value.is_empty() => {
                    meeting.attendees.extend(split_names(value.trim_matches(['[', ']'])));
                }
                _ => {}
            }
            list_key = key;
        } else if let Some((_, item)) = bullet(line)
            && matches!(list_key.as_str(), "members" | "attendees" | "participants" | "present")
        {
            meeting.attendees.push(item.trim().trim_matches(['"', '\'']).to_owned());
        }
    }
    let inner = lines.iter().skip(1).filter(|l| !matches!(l.trim_end(), "---" | "...") && !is_blank(l));
    HeaderSection { label: String::new(), lines: inner.map(|l| l.trim_end().to_owned()).collect() }
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

/// `1. Agenda review` → item 1, `Agenda review`; unnumbered headings get the next number, and so
/// do version-like numbers (`3.0 upgrade docs` is one title).
fn numbered(text: &str) -> Heading {
    let version_like = text.split_whitespace().next().is_some_and(|w| {
        w.chars().filter(|&c| c == '.').count() >= 1
            && !w.ends_with('.')
            && w.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    match leading_number(text) {
        Some((number, label, title))
            if !version_like && !title.trim().is_empty() && !label.chars().all(|c| c.is_ascii_digit()) =>
        {
            Heading { number: Some(number), label: label.to_owned(), title: title.trim().to_owned() }
        }
        _ => Heading { number: None, label: String::new(), title: text.to_owned() },
    }
}

/// `(14:00)`, `（14:35）`, `[14:00]`, `14:00`, `14:00～14:30` alone on a line.
pub(crate) fn is_timestamp(line: &str) -> bool {
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

    /// Regression: `#### 3.0 upgrade docs` became item 3 titled `0 upgrade docs`.
    #[test]
    fn a_version_number_is_part_of_the_heading() {
        let h = numbered("3.0 upgrade docs");
        assert_eq!((h.number, h.title.as_str()), (None, "3.0 upgrade docs"));
    }

    /// Regression: `Lucas Pardue (as individual):` and `Matt (as individual):` were both speaker
    /// `as individual`.
    #[test]
    fn the_name_not_the_qualifier_is_the_speaker() {
        let info = analyze("Lucas Pardue (as individual)");
        assert_eq!((info.speaker.as_str(), info.position.as_deref()), ("Lucas Pardue", Some("as individual")));
        let info = analyze("Lucas (chair)");
        assert_eq!((info.speaker.as_str(), info.role), ("Lucas", Role::Chair));
        assert_eq!(analyze("Chair (Smith)").speaker, "Smith");
        assert_eq!(analyze("委員長(相馬君)").speaker, "相馬");
    }
}
