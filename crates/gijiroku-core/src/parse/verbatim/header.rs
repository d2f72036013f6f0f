//! The header of assembly minutes: the lines before the first speaker, kept as labelled
//! [`HeaderSection`]s (`議事日程（第１号）`, `出席議員（12名）`, `説明のため出席した者`…), with the
//! date, the order of business (→ agenda) and the attendance table (→ attendees) read from them.

use crate::meeting::{HeaderSection, Meeting, TimeRange};
use crate::parse::date::{find_date, find_time_range};
use crate::parse::header::{SectionKind, agenda_from_order_of_business, apply_section, section_label};
use crate::parse::label::ends_with_position_word;
use crate::parse::lines::{is_blank, is_procedure, is_separator, is_stage_direction};
use crate::parse::verbatim::{marked_heading, speaker_line};

/// Reads the title and header sections; returns the index of the first body line.
pub fn parse(meeting: &mut Meeting, lines: &[&str]) -> usize {
    let mut index = lines.iter().position(|l| !is_blank(l)).unwrap_or(lines.len());
    if let Some(first) = lines.get(index)
        && !starts_body(first)
        && section_kind(first).is_none()
    {
        meeting.title = first.trim().to_owned();
        index += 1;
    }
    let mut sections: Vec<(SectionKind, HeaderSection)> = Vec::new();
    while let Some(&line) = lines.get(index) {
        if let Some((kind, value)) = section_kind(line) {
            sections.push((kind, section_of(line, value)));
        } else if starts_body(line) {
            break;
        } else if is_blank(line) || is_separator(line.trim()) {
            // Rules and blank lines are layout; a section runs until the next label.
        } else {
            match sections.last_mut() {
                Some((_, section)) => section.lines.push(line.trim().to_owned()),
                None => sections.push((
                    SectionKind::Other,
                    HeaderSection { label: String::new(), lines: vec![line.trim().to_owned()] },
                )),
            }
        }
        index += 1;
    }
    for (kind, section) in &sections {
        match kind {
            SectionKind::Attendees => meeting.attendees.extend(section.lines.iter().flat_map(|l| table_names(l))),
            kind => apply_section(meeting, *kind, section),
        }
    }
    // `本日の会議に付した事件` lists the items when there is no 議事日程.
    if meeting.agenda.is_empty()
        && let Some((_, section)) = sections.iter().find(|(_, s)| s.label.contains("付した"))
    {
        meeting.agenda = agenda_from_order_of_business(&section.lines);
    }
    if meeting.date.is_none() {
        meeting.date = sections
            .iter()
            .flat_map(|(_, s)| std::iter::once(&s.label).chain(&s.lines))
            .find_map(|l| find_date(l))
            .or_else(|| find_date(&meeting.title));
    }
    // The planned opening (`午前10時開議` in the 議事日程); the body's own line wins later.
    if meeting.time.is_none() {
        meeting.time = sections
            .iter()
            .flat_map(|(_, s)| &s.lines)
            .filter(|l| l.contains("開議") || l.contains("開会"))
            .find_map(|l| find_time_range(l))
            .map(|t| TimeRange { start: t.start, end: None });
    }
    meeting.header.extend(sections.into_iter().map(|(_, s)| s));
    index
}

/// Whether the body starts at this line: a speaker, a marked heading, a stage direction or a
/// procedure line such as `午前10時　開議` (not the dated `令和…午前10時開議` of the 議事日程).
pub(crate) fn starts_body(line: &str) -> bool {
    speaker_line(line).is_some()
        || marked_heading(line).is_some()
        || is_stage_direction(line)
        || (is_procedure(line)
            && !is_separator(line.trim())
            && !line.starts_with(char::is_whitespace)
            && find_date(line).is_none())
}

/// A header label line: the labels of [`section_label`], or an unindented short line naming a
/// group of people or things (`説明のため出席した者`, `欠席議員（なし）`, `本日の会議に付した事件`).
pub(crate) fn section_kind(line: &str) -> Option<(SectionKind, Option<&str>)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let t = line.trim();
    if t.chars().count() > 40 || t.contains('。') {
        return None;
    }
    if let Some(label) = section_label(t) {
        return Some((label.kind, label.inline_value));
    }
    // Marked lines (`○議長`) are speakers or headings; only plain lines are generic labels.
    if t.starts_with(['○', '◯', '〇', '◎', '◆', '●', '△', '◇', '■', '□']) {
        return None;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = match compact.find(['（', '(']) {
        Some(at) if at > 0 => &compact[..at],
        _ => compact.as_str(),
    };
    let names_a_group = ["者", "員", "職員", "事件", "案件", "日程", "事務局"].iter().any(|w| compact.ends_with(w));
    if !names_a_group || compact.chars().count() > 20 || find_date(compact).is_some() {
        return None;
    }
    let attendance = compact.starts_with("出席") && !["説明", "職務", "事務局"].iter().any(|w| compact.contains(w));
    Some((if attendance { SectionKind::Attendees } else { SectionKind::Other }, None))
}

/// The names in one line of an attendance table. Tables align names in columns with spaces,
/// letter-space short names (`青　山　　　誠　君`), number seats (`１番`) and head groups with
/// positions (`委員長`, `委　員`). With 君 or seat numbers, those delimit the names; without,
/// columns are separated by two or more spaces and a one-character given name belongs to the
/// surname before it (`北川　誠`).
pub(crate) fn table_names(line: &str) -> Vec<String> {
    let tokens = tokens_with_gaps(line);
    let delimited = tokens.iter().any(|(t, _)| t.ends_with('君') || is_seat_number(t));
    let mut names = Vec::new();
    if delimited {
        let mut current = String::new();
        for (token, _) in &tokens {
            if is_seat_number(token) || is_position(token) {
                flush(&mut current, &mut names);
            } else if let Some(name) = token.strip_suffix('君') {
                current.push_str(name);
                flush(&mut current, &mut names);
            } else {
                current.push_str(token);
            }
        }
        flush(&mut current, &mut names);
        return names;
    }
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for (token, gap) in &tokens {
        match groups.last_mut() {
            Some(group) if *gap < 2 => group.push(token),
            _ => groups.push(vec![token]),
        }
    }
    for group in groups {
        let joined: String = group.concat();
        if is_position(&joined) {
            continue;
        }
        let group: Vec<&str> = group.into_iter().skip_while(|t| is_position(t)).collect();
        // `北川　由紀`: two short tokens are surname and given name.
        if group.len() == 2 && group.concat().chars().count() <= 5 {
            names.push(group.concat());
            continue;
        }
        let mut current = String::new();
        for token in group {
            if token.chars().count() > 1 {
                flush(&mut current, &mut names);
            }
            current.push_str(token);
        }
        flush(&mut current, &mut names);
    }
    names
}

fn flush(current: &mut String, names: &mut Vec<String>) {
    if !current.is_empty() {
        names.push(std::mem::take(current));
    }
}

/// Tokens separated by whitespace, each with the number of whitespace characters before it.
fn tokens_with_gaps(line: &str) -> Vec<(&str, usize)> {
    let mut tokens = Vec::new();
    let mut gap = 0usize;
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                tokens.push((&line[s..i], gap));
                gap = 0;
            }
            gap += 1;
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push((&line[s..], gap));
    }
    tokens
}

/// `１番`, `11番`.
fn is_seat_number(token: &str) -> bool {
    token
        .strip_suffix('番')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
}

/// A position heading a group or a row: `委員長`, `理事`, `委員`, `国土交通大臣`, `市長`.
pub(crate) fn is_position(text: &str) -> bool {
    let n = text.chars().count();
    (1..=16).contains(&n) && ends_with_position_word(text) && !text.ends_with('君')
}

/// A header section from its line: `日時：令和７年…` gives the label and the value as the
/// section's first line; a bare label gives an empty section.
pub(crate) fn section_of(line: &str, value: Option<&str>) -> HeaderSection {
    let t = line.trim();
    match value {
        Some(value) => {
            HeaderSection { label: t[..t.len() - value.len()].trim_end().to_owned(), lines: vec![value.to_owned()] }
        }
        None => HeaderSection { label: t.to_owned(), lines: Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_with_seats_and_kun() {
        let line = "　　１番　　青　山　　　誠　君　　　　２番　　井　上　和　也　君";
        assert_eq!(table_names(line), ["青山誠", "井上和也"]);
        assert_eq!(
            table_names("　１１番　　森　下　勇　作　君　　　１２番　　山　田　太　郎　君"),
            ["森下勇作", "山田太郎"]
        );
        assert_eq!(table_names("    委員長         緑川 正義君"), ["緑川正義"]);
        assert_eq!(table_names("                柏木  豊君"), ["柏木豊"]);
    }

    #[test]
    fn tables_with_positions_and_columns() {
        assert_eq!(table_names("　委員長　　清原一郎　　副委員長　みなせ達也"), ["清原一郎", "みなせ達也"]);
        assert_eq!(table_names("　委　員　　加藤ひろみ　北川　誠　　北川由紀"), ["加藤ひろみ", "北川誠", "北川由紀"]);
        assert_eq!(table_names("　　　　　　藤森直樹　　堀江晋平　　野村喜一"), ["藤森直樹", "堀江晋平", "野村喜一"]);
    }

    #[test]
    fn labels() {
        let kind = |l: &str| section_kind(l).map(|(k, _)| k);
        assert_eq!(kind("出席議員（12名）"), Some(SectionKind::Attendees));
        assert_eq!(kind("議事日程（第１号）"), Some(SectionKind::OrderOfBusiness));
        assert_eq!(kind("説明のため出席した者"), Some(SectionKind::Other));
        assert_eq!(kind("職務のため出席した事務局職員"), Some(SectionKind::Other));
        assert_eq!(kind("欠席議員（なし）"), Some(SectionKind::Other));
        assert_eq!(kind("議会事務局"), Some(SectionKind::Other));
        assert_eq!(kind("第１　会議録署名議員の指名"), None);
        assert_eq!(kind("令和７年６月１２日（木曜日）"), None);
        assert_eq!(kind("　議事日程のとおり"), None);
        assert_eq!(section_kind("日時：令和７年６月１２日"), Some((SectionKind::DateTime, Some("令和７年６月１２日"))));
    }

    #[test]
    fn body_starts() {
        assert!(starts_body("午前10時　開議"));
        assert!(!starts_body("　　　令和７年６月１２日（木）午前10時開議"));
        assert!(!starts_body("―――――――――――"));
        assert!(starts_body("○議長（山田太郎君）　開会します。"));
    }
}
