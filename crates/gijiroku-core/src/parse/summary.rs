//! Committee summaries (議事要旨): a title, numbered header sections, then a body of agenda
//! headings (`議事①…について`) and speaker lines alone in brackets (`[森委員]`, `【…】`, `［…］`,
//! `（事務局）`), each followed by paragraphs separated by blank lines.

use crate::meeting::{Format, HeaderSection, Meeting};
use crate::parse::body::BodyBuilder;
use crate::parse::header::{SectionKind, apply_section, section_label};
use crate::parse::label::role_of;
use crate::parse::lines::{is_blank, is_speaker_marker, leading_number};
use crate::parse::paragraphs::{estimate_wrap_width, shows_pdf_damage};

/// Parses a summary. `lines` are the sanitised source lines.
pub fn parse(lines: &[&str]) -> Meeting {
    if crate::parse::verbatim::labels_stand_alone(lines) {
        // `○議長（梶　泰久）` alone on its line is an assembly label, not a summary's `[森委員]`.
        return crate::parse::verbatim::parse(lines);
    }
    let mut meeting = Meeting { format: Format::Summary, ..Meeting::default() };
    let wrap_width = estimate_wrap_width(lines.iter().copied());
    let mut index = 0;
    // Title: the first non-blank line, unless the file starts straight with a section or a turn.
    while index < lines.len() && is_blank(lines[index]) {
        index += 1;
    }
    if let Some(first) = lines.get(index)
        && section_label(first).is_none()
        && speaker_line(first).is_none()
    {
        meeting.title = first.trim().to_owned();
        index += 1;
    }
    index = parse_header(&mut meeting, lines, index);
    let repair = shows_pdf_damage(lines, wrap_width);
    let mut body = BodyBuilder::new(&mut meeting, wrap_width);
    body.repair_pages(repair);
    for (offset, line) in lines[index..].iter().enumerate() {
        let number = index + offset + 1;
        if let Some((label, rest)) = speaker_line(line) {
            body.start_turn(number, label);
            if !rest.trim().is_empty() {
                body.text(number, rest);
            }
        } else {
            body.line(number, line);
        }
    }
    body.finish();
    meeting
}

/// Reads header sections from `start`; returns the index of the first body line.
fn parse_header(meeting: &mut Meeting, lines: &[&str], start: usize) -> usize {
    let mut current: Option<(SectionKind, HeaderSection)> = None;
    let mut index = start;
    while index < lines.len() {
        let line = lines[index];
        if speaker_line(line).is_some() || BodyBuilder::is_heading(meeting, line) {
            break;
        }
        // `（３）その他` inside the order of business is an item, though `その他` is also a label.
        let item_of_business = matches!(current, Some((SectionKind::OrderOfBusiness, _)))
            && leading_number(line)
                .is_some_and(|(_, label, _)| !label.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)));
        if let Some(label) = section_label(line).filter(|_| !item_of_business) {
            finish_section(meeting, current.take());
            let mut section = HeaderSection { label: line.trim().to_owned(), lines: Vec::new() };
            if let Some(value) = label.inline_value {
                section.label = line.trim()[..line.trim().len() - value.len()].trim_end().to_owned();
                section.lines.push(value.to_owned());
            }
            if label.kind == SectionKind::Body {
                finish_section(meeting, Some((label.kind, section)));
                return index + 1;
            }
            current = Some((label.kind, section));
        } else if line.trim_start().starts_with('※') {
            meeting.notes.push(line.trim().to_owned());
        } else if !is_blank(line) {
            let section = current.get_or_insert_with(|| (SectionKind::Other, HeaderSection::default()));
            section.1.lines.push(line.trim().to_owned());
        }
        index += 1;
    }
    finish_section(meeting, current);
    index
}

fn finish_section(meeting: &mut Meeting, section: Option<(SectionKind, HeaderSection)>) {
    if let Some((kind, section)) = section {
        apply_section(meeting, kind, &section);
        meeting.header.push(section);
    }
}

/// A speaker line: a label alone in brackets (`[森委員]`, `【総務課】`, `［会長］`), optionally
/// followed by speech, or an anonymous `（委員）` / `(事務局)`, or `○山田委員` alone.
/// Returns the label and the rest of the line.
pub(crate) fn speaker_line(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    for (open, close) in [('[', ']'), ('［', '］'), ('【', '】')] {
        if let Some(inner_and_rest) = t.strip_prefix(open) {
            let close_at = inner_and_rest.find(close)?;
            let inner = inner_and_rest[..close_at].trim();
            let rest = &inner_and_rest[close_at + close.len_utf8()..];
            if open == '【' && is_reference(inner) {
                return None;
            }
            // `[PR](https://…)`, `[draft RFC]: https://…`, `[^1]: …`: Markdown links, link
            // references and footnotes.
            if open == '[' && (rest.starts_with(['(', ':']) || inner.starts_with('^')) {
                return None;
            }
            return is_label_like(inner).then_some((inner, rest));
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            let inner = inner.trim();
            let anonymous = inner.chars().count() <= 12 && role_of(inner, inner) != crate::meeting::Role::Other;
            return (anonymous && is_label_like(inner)).then_some((inner, ""));
        }
    }
    let mut chars = t.chars();
    if chars.next().is_some_and(is_speaker_marker) {
        let inner = chars.as_str().trim();
        let looks_named = role_of(inner, inner) != crate::meeting::Role::Other;
        return (looks_named && is_label_like(inner) && !inner.contains(['\u{3000}', ' '])).then_some((inner, ""));
    }
    None
}

/// `【資料1】に基づき説明` refers to a document; it is speech, not a speaker. `図`/`表` refer to
/// figures only with a number (`【図2】`): `【図書館長】` is a speaker.
fn is_reference(inner: &str) -> bool {
    let numbered_figure = ["図", "表"].iter().any(|w| {
        inner.strip_prefix(w).is_some_and(|rest| {
            rest.trim_start().chars().next().is_none_or(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        })
    });
    numbered_figure
        || ["資料", "参考", "別紙", "議題", "議事", "質疑", "報告", "意見"].iter().any(|w| inner.starts_with(w))
}

fn is_label_like(inner: &str) -> bool {
    let n = inner.chars().count();
    (1..=40).contains(&n) && !inner.contains(['。', '、', '「', '」'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_lines() {
        assert_eq!(speaker_line("[森委員]"), Some(("森委員", "")));
        assert_eq!(speaker_line("［会長］"), Some(("会長", "")));
        assert_eq!(speaker_line("【総務課】 説明した。"), Some(("総務課", " 説明した。")));
        assert_eq!(speaker_line("（事務局）"), Some(("事務局", "")));
        assert_eq!(speaker_line("○山田委員"), Some(("山田委員", "")));
        assert_eq!(speaker_line("【資料 1】に基づき説明"), None);
        assert_eq!(speaker_line("【図 2】のとおり"), None);
        assert_eq!(speaker_line("【図書館長】"), Some(("図書館長", "")));
        assert_eq!(speaker_line("（敬称略）"), None);
        assert_eq!(speaker_line("(14:00)"), None);
        assert_eq!(speaker_line("[これは文である。]"), None);
        // Regression: Markdown links and link references were speakers `PR`, `draft RFC`.
        assert_eq!(speaker_line("[PR](https://example.invalid/pull/1)"), None);
        assert_eq!(speaker_line("[draft RFC]: https://example.invalid/rfc"), None);
        assert_eq!(speaker_line("[^name]: a footnote"), None);
    }
}
