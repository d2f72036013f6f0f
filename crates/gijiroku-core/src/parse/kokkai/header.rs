//! The `会議録情報` record of a Diet meeting (speechOrder 0): date, opening time, the attendance
//! table and the items of business, kept as written as [`HeaderSection`]s and read into the
//! meeting's fields. Turns are then tied to the items the chair puts on the floor.

use crate::meeting::{AgendaItem, HeaderSection, Meeting, Role, TimeRange};
use crate::parse::date::{find_date, find_time_range};
use crate::parse::lines::{is_separator, is_speaker_marker, leading_number};
use crate::parse::verbatim::header::{is_position, table_names};

/// Labels that open a section of the record (House of Representatives style writes them without
/// rules between: `出席委員`, `出席国務大臣`, `本日の会議に付した案件`).
fn is_label(line: &str) -> bool {
    line.starts_with("出席")
        || line.starts_with("委員外")
        || line.starts_with("委員の異動")
        || line.starts_with("本日の会議に付した")
        || line.starts_with("欠席")
        || line.starts_with("事務局側")
        || line.starts_with("会議に付した")
}

/// Reads the header record into `meeting`.
pub fn apply(meeting: &mut Meeting, text: &str) {
    let mut sections: Vec<HeaderSection> = Vec::new();
    let mut fresh = true;
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() {
            continue;
        }
        if is_separator(line) {
            fresh = true;
            continue;
        }
        match sections.last_mut() {
            Some(section) if !fresh && !is_label(line) => section.lines.push(line.to_owned()),
            _ if is_label(line) => sections.push(HeaderSection { label: line.to_owned(), lines: Vec::new() }),
            _ => sections.push(HeaderSection { label: String::new(), lines: vec![line.to_owned()] }),
        }
        fresh = false;
    }
    for section in &sections {
        read_section(meeting, section);
    }
    meeting.header.extend(sections);
}

fn read_section(meeting: &mut Meeting, section: &HeaderSection) {
    let label = section.label.as_str();
    if label.starts_with("出席") && is_member_group(label, true) {
        meeting.attendees.extend(attendance(&section.lines));
    } else if label.contains("付した") {
        let start = meeting.agenda.len();
        meeting.agenda.extend(section.lines.iter().enumerate().map(|(i, line)| item(start + i, line)));
    }
    for line in std::iter::once(label).chain(section.lines.iter().map(String::as_str)) {
        if meeting.date.is_none() {
            meeting.date = find_date(line);
        }
        if meeting.time.is_none() && (line.contains("開会") || line.contains("開議")) {
            meeting.time = find_time_range(line).map(|t| TimeRange { start: t.start, end: None });
        }
    }
}

/// Whether a group heading (`委員長`, `理 事`, `国務大臣`, `出席委員`) lists the members of the
/// meeting, the attendance that counts; ministers, government witnesses and staff do not.
fn is_member_group(heading: &str, default: bool) -> bool {
    let outsiders = ["大臣", "参考人", "補佐人", "政府", "説明", "事務局", "法制局", "専門員", "政務官", "委員外"];
    if outsiders.iter().any(|w| heading.contains(w)) {
        return false;
    }
    ["委員", "理事", "議員", "議長", "会長"].iter().any(|w| heading.contains(w)) || default
}

/// Names of the attendance table, group by group (`委員長 緑川 正義君`, `理 事` then names).
fn attendance(lines: &[String]) -> Vec<String> {
    let mut names = Vec::new();
    let mut members = true;
    for line in lines {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let first_token: String = line.split_whitespace().next().unwrap_or_default().to_owned();
        if is_position(&compact) {
            // A group heading alone on its line.
            members = is_member_group(&compact, false);
            continue;
        }
        if is_position(&first_token) {
            // `委員長 緑川 正義君`, `国土交通大臣 堀内 達彦君`: the row's position starts a group.
            members = is_member_group(&first_token, false);
        }
        if members {
            names.extend(table_names(line));
        }
    }
    names
}

/// `○政府参考人の出席要求に関する件` or `日程第１　…` as an agenda item.
fn item(index: usize, line: &str) -> AgendaItem {
    let text = line.trim_start_matches(|c: char| is_speaker_marker(c) || c == '・' || c.is_whitespace());
    match leading_number(text) {
        Some((number, label, title)) if !title.trim().is_empty() => {
            AgendaItem { number, label: label.to_owned(), title: title.trim().to_owned(), heading: None }
        }
        _ => AgendaItem {
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            label: String::new(),
            title: text.trim().to_owned(),
            heading: None,
        },
    }
}

/// Ties turns to agenda items: a chair's turn that names an item's title puts it on the floor,
/// and the turns after it belong to the last item named.
pub(crate) fn assign_agenda(meeting: &mut Meeting) {
    // Titles are matched by substring; past a few dozen items that costs more than it helps.
    if meeting.agenda.is_empty() || meeting.agenda.len() > 64 {
        return;
    }
    let titles: Vec<String> = meeting.agenda.iter().map(|a| a.title.clone()).collect();
    let mut current = None;
    for turn in &mut meeting.turns {
        if turn.role == Role::Chair {
            let mut named = turn.paragraphs.iter().flat_map(|p| {
                let mut hits: Vec<(usize, usize)> =
                    titles.iter().enumerate().filter_map(|(i, t)| p.find(t.as_str()).map(|at| (at, i))).collect();
                hits.sort_unstable();
                hits.into_iter().map(|(_, i)| i)
            });
            if let Some(first) = named.next() {
                turn.agenda = Some(first);
                current = Some(named.last().unwrap_or(first));
                continue;
            }
        }
        turn.agenda = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_information() {
        let text = "令和七年四月二日（水曜日）\n   午前十時開会\n    ─────────────\n  出席者は左のとおり。\n    委員長         緑川 正義君\n    理 事\n                小野寺美和君\n    委 員\n                柏木  豊君\n   国務大臣\n       国土交通大臣   堀内 達彦君\n    ─────────────\n  本日の会議に付した案件\n○政府参考人の出席要求に関する件\n○地域公共交通の確保に関する調査\n";
        let mut meeting = Meeting::default();
        apply(&mut meeting, text);
        assert_eq!(meeting.attendees, ["緑川正義", "小野寺美和", "柏木豊"]);
        let titles: Vec<_> = meeting.agenda.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["政府参考人の出席要求に関する件", "地域公共交通の確保に関する調査"]);
        assert_eq!(meeting.date.map(|d| d.to_string()).as_deref(), Some("2025-04-02"));
        assert_eq!(meeting.time.map(|t| t.to_string()).as_deref(), Some("10:00"));
        assert_eq!(meeting.header.len(), 3);
    }
}
