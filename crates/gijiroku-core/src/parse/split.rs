//! Files that hold several meetings: a Markdown archive with one dated heading per meeting
//! (`### October 15, 2020`, `## 2024-05-14`, `## 2024年5月14日`), or a text file with several
//! `第N回…議事録` title lines. Each part becomes its own meeting, titled and dated by the line
//! that opens it.

use crate::meeting::Date;
use crate::parse::date::{find_date, find_english_date};

/// One meeting's part of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Index of the line that opens the part (its heading or title line).
    pub start: usize,
    /// One past its last line.
    pub end: usize,
    /// The opening line's text as a title (Markdown marks and link targets removed), and the
    /// date it gives. `None` for a part that starts with the file.
    pub opening: Option<(String, Option<Date>)>,
}

/// A title line longer than this is prose.
const MAX_TITLE_CHARS: usize = 80;

/// The meetings of a file, or `None` when it holds one.
pub fn parts(lines: &[&str]) -> Option<Vec<Part>> {
    dated_headings(lines).or_else(|| numbered_titles(lines))
}

/// `## 1. Agenda review` → level 2 and the text; not a heading → `None`.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && rest.starts_with([' ', '\t'])).then(|| (level, rest.trim()))
}

/// The date that opens a heading (`October 15, 2020 - (recording)`, `2024-05-14 定例会`).
fn leading_date(text: &str) -> Option<Date> {
    let head: String = text.chars().take(40).collect();
    let date = find_english_date(&head).or_else(|| find_date(&head))?;
    // The date must come first: `Notes on the 2020-05-14 release` is not a meeting heading.
    let first = head.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next()?;
    let starts_with_date = first.is_ascii_digit()
        || ('０'..='９').contains(&first)
        || ["令和", "平成", "昭和"].iter().any(|e| head.trim_start().starts_with(e))
        || month_or_weekday(&head);
    starts_with_date.then_some(date)
}

fn month_or_weekday(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed", "thu",
        "fri", "sat", "sun",
    ];
    let word: String = text.trim_start().chars().take(3).collect::<String>().to_ascii_lowercase();
    NAMES.contains(&word.as_str())
}

/// Markdown headings of one level that each start with a date, two or more of them.
fn dated_headings(lines: &[&str]) -> Option<Vec<Part>> {
    let mut by_level: [Vec<(usize, Date)>; 7] = Default::default();
    let mut in_code = false;
    for (index, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        if let Some((level, text)) = heading(line)
            && let Some(date) = leading_date(text)
        {
            by_level[level].push((index, date));
        }
    }
    let (level, starts) = by_level.iter().enumerate().filter(|(_, s)| s.len() >= 2).min_by_key(|(level, _)| *level)?;
    // A heading of a higher rank between two dated ones (`# 2021` above `## March 3`) would be
    // cut into the previous meeting; only split when none stands between them.
    let first = starts.first()?.0;
    let higher_between = lines[first..].iter().any(|l| heading(l).is_some_and(|(other, _)| other < level));
    if higher_between {
        return None;
    }
    Some(build(lines.len(), starts.iter().map(|(index, date)| (*index, Some(*date))).collect(), |i| {
        heading(lines[i]).map(|(_, t)| t).unwrap_or(lines[i])
    }))
}

/// `第3回　架空市都市計画審議会　議事録` lines: two or more, of different numbers.
fn numbered_titles(lines: &[&str]) -> Option<Vec<Part>> {
    let mut starts: Vec<(usize, Option<Date>)> = Vec::new();
    let mut numbers: Vec<&str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let t = line.trim().trim_start_matches('#').trim();
        let Some(rest) = t.strip_prefix('第') else { continue };
        let digits: &str = &rest[..rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c) || "一二三四五六七八九十百".contains(*c)))
            .map_or(rest.len(), |(i, _)| i)];
        let after = &rest[digits.len()..];
        let is_title = !digits.is_empty()
            && after.starts_with('回')
            && t.chars().count() <= MAX_TITLE_CHARS
            && ["議事録", "会議録", "議事要旨", "議事概要"]
                .iter()
                .any(|w| t.ends_with(w) || t.contains(&format!("{w}（")));
        if is_title {
            starts.push((index, None));
            numbers.push(digits);
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    if starts.len() < 2 || numbers.len() < 2 {
        return None;
    }
    Some(build(lines.len(), starts, |i| lines[i].trim()))
}

fn build<'a>(len: usize, starts: Vec<(usize, Option<Date>)>, title_of: impl Fn(usize) -> &'a str) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Some(&(first, _)) = starts.first()
        && first > 0
    {
        parts.push(Part { start: 0, end: first, opening: None });
    }
    for (n, &(start, date)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(len, |next| next.0);
        parts.push(Part { start, end, opening: Some((plain_title(title_of(start)), date)) });
    }
    parts
}

/// `October 15, 2020 ([recording](https://…))` → `October 15, 2020 (recording)`.
pub(crate) fn plain_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    // ASCII runs only: a full-width space in `第1回　…審議会` is part of the title as written.
    out.replace(['*', '`'], "").split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_markdown_headings_split_an_archive() {
        let text = "### March 5, 2020 - ([recording](https://example.invalid/a))\n- Host: Ann\n### February 20, 2020\n- Host: Bo\n";
        let lines: Vec<&str> = text.lines().collect();
        let parts = parts(&lines).expect("two meetings");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].opening.as_ref().map(|o| o.0.as_str()), Some("March 5, 2020 - (recording)"));
        assert_eq!(parts[1].start, 2);
        assert_eq!(parts[1].opening.as_ref().and_then(|o| o.1).map(|d| d.to_string()).as_deref(), Some("2020-02-20"));
    }

    #[test]
    fn one_dated_heading_is_one_meeting() {
        let lines = ["# Notes", "## 2024-05-14", "Rod: hi", "## Actions", "- none"];
        assert_eq!(parts(&lines), None);
    }

    #[test]
    fn numbered_titles_split_a_text_file() {
        let lines = ["第1回　架空審議会　議事録", "本文", "第2回　架空審議会　議事録", "本文"];
        let parts = parts(&lines).expect("two meetings");
        assert_eq!(parts.iter().map(|p| p.start).collect::<Vec<_>>(), [0, 2]);
        let same = ["第1回　架空審議会　議事録", "本文", "第1回　架空審議会　議事録"];
        assert_eq!(super::parts(&same), None, "one number twice is one meeting quoted");
    }
}
