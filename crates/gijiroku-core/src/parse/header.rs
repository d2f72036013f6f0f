//! Header sections: recognising their labels (`1 日 時`, `〇日時`, `3 出席委員（敬称略）`,
//! `7 議　　題`) and filling the meeting's fields from them.

use crate::meeting::{AgendaItem, HeaderSection, Meeting};
use crate::parse::date::{find_date, find_time_range};
use crate::parse::lines::{circled_number, leading_number};

/// What a header section holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    DateTime,
    Place,
    Attendees,
    Materials,
    OrderOfBusiness,
    /// The section whose content is the body (`議事録（要旨）`, `議事概要`).
    Body,
    /// Any other labelled section (欠席委員, 傍聴者...), kept as written.
    Other,
}

/// Label words, compared after removing spaces and bracketed remarks (`（敬称略）`).
const LABELS: &[(&str, SectionKind)] = &[
    ("日時", SectionKind::DateTime),
    ("開催日時", SectionKind::DateTime),
    ("開催日", SectionKind::DateTime),
    ("日付", SectionKind::DateTime),
    ("時間", SectionKind::DateTime),
    ("開催日時及び場所", SectionKind::DateTime),
    ("場所", SectionKind::Place),
    ("会場", SectionKind::Place),
    ("開催場所", SectionKind::Place),
    ("出席委員", SectionKind::Attendees),
    ("出席者", SectionKind::Attendees),
    ("出席議員", SectionKind::Attendees),
    ("委員", SectionKind::Attendees),
    ("出席", SectionKind::Attendees),
    ("構成員", SectionKind::Attendees),
    ("配付資料", SectionKind::Materials),
    ("配布資料", SectionKind::Materials),
    ("資料", SectionKind::Materials),
    ("次第", SectionKind::OrderOfBusiness),
    ("会議次第", SectionKind::OrderOfBusiness),
    ("議題", SectionKind::OrderOfBusiness),
    ("議事日程", SectionKind::OrderOfBusiness),
    ("案件", SectionKind::OrderOfBusiness),
    ("議事録", SectionKind::Body),
    ("議事要旨", SectionKind::Body),
    ("議事概要", SectionKind::Body),
    ("会議録", SectionKind::Body),
    ("議事内容", SectionKind::Body),
    ("審議内容", SectionKind::Body),
    ("会議の経過", SectionKind::Body),
    ("議事の経過", SectionKind::Body),
    ("内容", SectionKind::Body),
    ("欠席委員", SectionKind::Other),
    ("欠席者", SectionKind::Other),
    ("事務局", SectionKind::Other),
    ("傍聴者", SectionKind::Other),
    ("傍聴人", SectionKind::Other),
    ("公開・非公開", SectionKind::Other),
    ("その他", SectionKind::Other),
];

/// A recognised section label line, with any value written on the same line
/// (`日時：令和6年…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionLabel<'a> {
    pub kind: SectionKind,
    pub inline_value: Option<&'a str>,
}

/// Recognises a header label line: an optional number or bullet, then a known label whose
/// characters may be spaced out, then an optional bracketed remark or `：value`.
pub(crate) fn section_label(line: &str) -> Option<SectionLabel<'_>> {
    let t = line.trim();
    let (numbered, plain_number, rest) = match leading_number(t) {
        Some((_, label, rest)) => (true, label.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)), rest),
        None => {
            let stripped = t.trim_start_matches(['〇', '○', '◯', '■', '□', '●', '◆', '◇', '・', '【']);
            (stripped.len() != t.len(), false, stripped)
        }
    };
    let (label_part, inline_value) = match rest.find(['：', ':']) {
        Some(at) => {
            let colon_len = rest[at..].chars().next().map_or(1, char::len_utf8);
            (&rest[..at], Some(rest[at + colon_len..].trim()).filter(|v| !v.is_empty()))
        }
        None => match spaced_value(rest) {
            // `1 日 時  令和7年6月3日`: numbered or marked, or a date after a date label.
            Some((label, kind, value)) if numbered || (kind == SectionKind::DateTime && find_date(value).is_some()) => {
                (label, Some(value))
            }
            _ => (rest, None),
        },
    };
    let compact: String = label_part.chars().filter(|c| !c.is_whitespace() && *c != '】').collect();
    let compact = strip_bracketed_remark(&compact);
    if compact.is_empty() {
        return None;
    }
    let kind = LABELS.iter().find(|(label, _)| *label == compact).map(|(_, kind)| *kind);
    match kind {
        // Bare words such as `資料` or `内容` are labels only when numbered, marked or followed
        // by a colon; otherwise they may be the first word of a sentence.
        Some(kind)
            if numbered
                || inline_value.is_some()
                || compact.chars().count() >= 3
                || label_part.contains(char::is_whitespace) =>
        {
            Some(SectionLabel { kind, inline_value })
        }
        Some(_) => None,
        // `7 傍聴者`: an unknown label needs a plain section number, since `（1）開会` is an item
        // of the order of business, not a section.
        None if plain_number
            && rest.starts_with(char::is_whitespace)
            && is_generic_label(compact)
            && inline_value.is_none() =>
        {
            Some(SectionLabel { kind: SectionKind::Other, inline_value: None })
        }
        None => None,
    }
}

/// A label followed by its value after a space, without a colon: the longest run of words
/// (`日 時`, spaced out or not) that spells a known label and has something after it.
fn spaced_value(rest: &str) -> Option<(&str, SectionKind, &str)> {
    // The longest label is eight characters; a value cannot start later than that.
    const LONGEST_LABEL: usize = 8;
    let mut compact = String::new();
    let mut found = None;
    let mut previous_was_space = false;
    for (at, c) in rest.char_indices() {
        if c.is_whitespace() {
            if !previous_was_space
                && let Some((_, kind)) = LABELS.iter().find(|(label, _)| *label == strip_bracketed_remark(&compact))
            {
                let value = rest[at..].trim();
                if !value.is_empty() {
                    found = Some((&rest[..at], *kind, value));
                }
            }
            previous_was_space = true;
            continue;
        }
        previous_was_space = false;
        compact.push(c);
        if compact.chars().count() > LONGEST_LABEL {
            break;
        }
    }
    found
}

/// `出席委員（敬称略）` → `出席委員`, `議事録（要旨）` → `議事録`.
fn strip_bracketed_remark(text: &str) -> &str {
    match text.find(['（', '(']) {
        Some(at) if at > 0 && (text.ends_with('）') || text.ends_with(')')) => &text[..at],
        _ => text,
    }
}

/// A numbered line short enough and plain enough to be a section label (`7 傍聴`).
fn is_generic_label(compact: &str) -> bool {
    let n = compact.chars().count();
    (2..=10).contains(&n) && !compact.contains(['。', '、', '，', '「'])
}

/// Fills the meeting's fields from one header section, in addition to keeping it as written.
pub(crate) fn apply_section(meeting: &mut Meeting, kind: SectionKind, section: &HeaderSection) {
    let text = section.lines.join("\n");
    match kind {
        SectionKind::DateTime => {
            if meeting.date.is_none() {
                meeting.date = find_date(&text).or_else(|| find_date(&section.label));
            }
            if meeting.time.is_none() {
                meeting.time = find_time_range(&text);
            }
        }
        SectionKind::Place => {
            if meeting.place.is_none() {
                meeting.place = section.lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()).map(str::to_owned);
            }
        }
        SectionKind::Attendees => {
            for line in &section.lines {
                meeting.attendees.extend(split_names(line));
            }
        }
        SectionKind::Materials => {
            meeting.materials.extend(section.lines.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()));
        }
        SectionKind::OrderOfBusiness => {
            meeting.agenda.extend(agenda_from_order_of_business(&section.lines));
        }
        SectionKind::Body | SectionKind::Other => {}
    }
}

/// Names separated by `、`, `，`, `,`, `・` or wide gaps; honorifics and `（敬称略）` removed.
pub(crate) fn split_names(line: &str) -> Vec<String> {
    let line = line.replace("（敬称略）", "").replace("(敬称略)", "");
    line.split(['、', '，', ',', '・'])
        .flat_map(|part| part.split("\u{3000}\u{3000}").flat_map(|p| p.split("  ")))
        .map(|name| strip_remark(name.trim()).trim_end_matches(['君', '様']).trim())
        .filter(|name| !name.is_empty())
        .map(|name| name.chars().filter(|c| !matches!(c, '\u{3000}')).collect::<String>())
        .collect()
}

/// `長尾（以上委員）` → `長尾`, `Priya Raman (chair)` → `Priya Raman`: a trailing remark in
/// brackets is not part of the name.
fn strip_remark(name: &str) -> &str {
    let name = name.trim_end();
    if !(name.ends_with('）') || name.ends_with(')')) {
        return name;
    }
    match name.rfind(['（', '(']) {
        Some(at) if at > 0 => name[..at].trim_end(),
        _ => name,
    }
}

/// Agenda items from the order of business: circled items (`①…`) when there are any (they are
/// the items under `（2）議事`), else unnumbered lines under `（2）議事`, otherwise the numbered
/// items other than opening and closing.
pub(crate) fn agenda_from_order_of_business(lines: &[String]) -> Vec<AgendaItem> {
    let under_business = items_under_business(lines);
    if !under_business.is_empty() {
        return under_business;
    }
    let items: Vec<(u32, String, String)> = lines
        .iter()
        .flat_map(|line| split_inline_items(line))
        .filter_map(|item| {
            let (number, label, title) = leading_number(&item)?;
            Some((number, label.to_owned(), title.trim().to_owned()))
        })
        .collect();
    let circled: Vec<_> =
        items.iter().filter(|(_, label, _)| label.chars().next().and_then(circled_number).is_some()).collect();
    let chosen: Vec<_> = if circled.is_empty() {
        items.iter().filter(|(_, _, title)| !is_opening_or_closing(title)).collect()
    } else {
        circled
    };
    chosen
        .into_iter()
        .filter(|(_, _, title)| !title.is_empty())
        .map(|(number, label, title)| AgendaItem {
            number: *number,
            label: label.clone(),
            title: title.clone(),
            heading: None,
        })
        .collect()
}

/// `（2）議事` followed by unnumbered lines (`　総合防災訓練の実施計画について`): those lines are
/// the items, numbered in order.
fn items_under_business(lines: &[String]) -> Vec<AgendaItem> {
    let mut under = false;
    let mut items = Vec::new();
    for line in lines {
        match leading_number(line) {
            Some((_, _, title)) => {
                let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
                under = matches!(t.as_str(), "議事" | "議題" | "案件");
            }
            None if under && !line.trim().is_empty() => items.push(AgendaItem {
                number: u32::try_from(items.len() + 1).unwrap_or(u32::MAX),
                label: String::new(),
                title: line.trim().to_owned(),
                heading: None,
            }),
            None => {}
        }
    }
    items
}

/// `（1）開会 （2）議事 （3）閉会` or `1．給食費について　2．地場産食材について` written on one line.
fn split_inline_items(line: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let line = line.trim();
    for (i, c) in line.char_indices() {
        // Cheap tests first: only a character after a space can start an item, which keeps
        // this linear on long lines of digits.
        // `current` never starts with a space (the line is trimmed and items start at a
        // number), so being non-empty means it holds text.
        let candidate = matches!(c, '（' | '(' | '0'..='9' | '０'..='９') || circled_number(c).is_some();
        let starts_item = candidate
            && current.ends_with(char::is_whitespace)
            && match leading_number(&line[i..]) {
                Some(_) if c == '（' || c == '(' || circled_number(c).is_some() => true,
                // A bare number starts an item only with its delimiter (`2．`), not in `2027年度`.
                Some((_, label, _)) => label.ends_with(['.', '．', '、', ')', '）']),
                None => false,
            };
        if starts_item {
            items.push(std::mem::take(&mut current).trim().to_owned());
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        items.push(current.trim().to_owned());
    }
    items
}

fn is_opening_or_closing(title: &str) -> bool {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "開会"
            | "閉会"
            | "開会挨拶"
            | "閉会挨拶"
            | "開会あいさつ"
            | "閉会あいさつ"
            | "挨拶"
            | "あいさつ"
            | "議事"
            | "その他連絡事項"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_and_numbered_labels() {
        let kind = |l: &str| section_label(l).map(|s| s.kind);
        assert_eq!(kind("1 日 時"), Some(SectionKind::DateTime));
        assert_eq!(kind("1 日　　時"), Some(SectionKind::DateTime));
        assert_eq!(kind("〇日時"), Some(SectionKind::DateTime));
        assert_eq!(kind("2 場 所"), Some(SectionKind::Place));
        assert_eq!(kind("3 出席委員（敬称略）"), Some(SectionKind::Attendees));
        assert_eq!(kind("4 配付資料"), Some(SectionKind::Materials));
        assert_eq!(kind("5 次 第"), Some(SectionKind::OrderOfBusiness));
        assert_eq!(kind("7 議　　題"), Some(SectionKind::OrderOfBusiness));
        assert_eq!(kind("6 議事録（要旨）"), Some(SectionKind::Body));
        assert_eq!(kind("8 傍聴者"), Some(SectionKind::Other));
        assert_eq!(kind("資料について説明した。"), None);
        assert_eq!(kind("資料1 市役所改革プラン"), None);
        assert_eq!(kind("（1）開会"), None);
        assert_eq!(kind("①図書館について"), None);
    }

    #[test]
    fn inline_values() {
        let label = section_label("日時：令和6年2月9日").unwrap();
        assert_eq!(label.kind, SectionKind::DateTime);
        assert_eq!(label.inline_value, Some("令和6年2月9日"));
    }

    /// Regression: a value on the label's own line after spaces (`1 日 時  令和7年6月3日`) was
    /// not read, so such summaries had no date, time or place.
    #[test]
    fn values_after_spaces_on_the_label_line() {
        fn value(l: &str) -> Option<(SectionKind, Option<&str>)> {
            section_label(l).map(|s| (s.kind, s.inline_value))
        }
        assert_eq!(
            value("1 日 時  令和7年6月3日（火） 午前10時～午前11時"),
            Some((SectionKind::DateTime, Some("令和7年6月3日（火） 午前10時～午前11時")))
        );
        assert_eq!(value("1 日　　時　令和7年6月3日"), Some((SectionKind::DateTime, Some("令和7年6月3日"))));
        assert_eq!(value("日時 令和7年6月3日"), Some((SectionKind::DateTime, Some("令和7年6月3日"))));
        assert_eq!(
            value("2 場 所  市役所 本庁舎 第2会議室"),
            Some((SectionKind::Place, Some("市役所 本庁舎 第2会議室")))
        );
        assert_eq!(value("3 出席委員 山田一郎、佐藤花子"), Some((SectionKind::Attendees, Some("山田一郎、佐藤花子"))));
        // The label alone, as before; and unnumbered words that are not a date stay sentences.
        assert_eq!(value("1 日 時"), Some((SectionKind::DateTime, None)));
        assert_eq!(value("場所 は 駅前です"), None);
        assert_eq!(value("資料 について説明した。"), None);
    }

    #[test]
    fn names_are_split() {
        assert_eq!(split_names("山田一郎、佐藤花子、鈴木次郎"), ["山田一郎", "佐藤花子", "鈴木次郎"]);
        assert_eq!(split_names("山田一郎君　　佐藤花子君"), ["山田一郎", "佐藤花子"]);
        assert_eq!(split_names("宮内、長尾（以上委員）、大橋（所長）"), ["宮内", "長尾", "大橋"]);
        assert_eq!(split_names("Priya Raman (chair), Dev Okafor (notes)"), ["Priya Raman", "Dev Okafor"]);
    }

    #[test]
    fn agenda_prefers_circled_items() {
        let lines: Vec<String> =
            ["（1）開会", "（2）議事", "①図書館の開館時間について", "②防災訓練について", "（3）閉会"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let agenda = agenda_from_order_of_business(&lines);
        let titles: Vec<_> = agenda.iter().map(|a| (a.number, a.title.as_str())).collect();
        assert_eq!(titles, [(1, "図書館の開館時間について"), (2, "防災訓練について")]);
    }

    #[test]
    fn agenda_items_numbered_with_a_full_stop_on_one_line() {
        let lines = vec!["1．給食費について　2．地場産食材について".to_string()];
        let agenda = agenda_from_order_of_business(&lines);
        let titles: Vec<_> = agenda.iter().map(|a| (a.number, a.title.as_str())).collect();
        assert_eq!(titles, [(1, "給食費について"), (2, "地場産食材について")]);
    }

    #[test]
    fn unnumbered_items_under_business() {
        let lines: Vec<String> =
            ["（1）開会", "（2）議事", "　防災訓練について", "（3）閉会"].iter().map(|s| s.to_string()).collect();
        let agenda = agenda_from_order_of_business(&lines);
        let titles: Vec<_> = agenda.iter().map(|a| (a.number, a.title.as_str())).collect();
        assert_eq!(titles, [(1, "防災訓練について")]);
    }

    #[test]
    fn agenda_without_circled_items_skips_opening_and_closing() {
        let lines = vec!["（1）開会 （2）予算について （3）その他 （4）閉会".to_string()];
        let agenda = agenda_from_order_of_business(&lines);
        let titles: Vec<_> = agenda.iter().map(|a| (a.number, a.title.as_str())).collect();
        assert_eq!(titles, [(2, "予算について"), (3, "その他")]);
    }
}
