//! English dates as notes write them in titles, headings and front matter: `January 29, 2019`,
//! `Tuesday, March 19, 2024`, `Jan. 29 2019`, `29 January 2019`; and headings that are nothing
//! but a date.

use crate::meeting::Date;
use crate::parse::date::find_date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// `january`, `Jan`, `Jan.`, `Sept` → 1-based month.
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| *m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept"))).map(|p| p as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || (d.starts_with(&w) && (w.len() == 3 || w == "tues" || w == "thur" || w == "thurs")))
}

/// `29`, `29th`, `1st` → the day number.
fn day_of(word: &str) -> Option<u32> {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let suffix = &word[digits..];
    let valid_suffix = matches!(suffix, "" | "st" | "nd" | "rd" | "th");
    (1..=2).contains(&digits).then(|| word[..digits].parse().ok()).flatten().filter(|_| valid_suffix)
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit())).then(|| word.parse().ok()).flatten()
}

/// English dates: `January 29, 2019`, `Tuesday, March 19, 2024`, `Jan. 29 2019`, `29 January 2019`.
pub(crate) fn find_english_date(text: &str) -> Option<Date> {
    if !text.is_ascii() && !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_of(word) else { continue };
        // Month day year.
        if let (Some(day), Some(year)) =
            (words.get(i + 1).and_then(|w| day_of(w)), words.get(i + 2).and_then(|w| year_of(w)))
            && let Some(date) = Date::new(year, month, day)
        {
            return Some(date);
        }
        // Day month year.
        if let (Some(day), Some(year)) = (
            i.checked_sub(1).and_then(|p| words.get(p)).and_then(|w| day_of(w)),
            words.get(i + 1).and_then(|w| year_of(w)),
        ) && let Some(date) = Date::new(year, month, day)
        {
            return Some(date);
        }
    }
    None
}

/// A heading or title that is nothing but a date (a weekday, links and remarks in brackets
/// allowed): `Tuesday, March 19, 2024`, `October 15, 2020 ([recording](…))`, `2024-05-14`.
pub(crate) fn date_only(text: &str) -> Option<Date> {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '（' => depth += 1,
            ')' | ']' | '）' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let date = find_date(&plain)?;
    let rest_is_date =
        plain.split(|c: char| c.is_whitespace() || ",-–—|:".contains(c)).filter(|w| !w.is_empty()).all(|w| {
            month_of(w).is_some()
                || is_weekday(w)
                || day_of(w).is_some()
                || year_of(w).is_some()
                || find_date(w).is_some()
        });
    rest_is_date.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        find_date(text).map(|d| d.to_string())
    }

    #[test]
    fn english_dates() {
        let cases = [
            ("January 29, 2019 Meeting Notes", "2019-01-29"),
            ("Tuesday, March 19, 2024", "2024-03-19"),
            ("Jan. 29 2019", "2019-01-29"),
            ("29 January 2019", "2019-01-29"),
            ("March 19th, 2024", "2024-03-19"),
        ];
        for (text, expected) in cases {
            assert_eq!(date(text).as_deref(), Some(expected), "{text}");
        }
        for text in ["May the force", "March 32, 2024", "Mayor 12 2024", "in March"] {
            assert_eq!(date(text), None, "{text}");
        }
    }

    #[test]
    fn headings_that_are_only_a_date() {
        let only = |t: &str| date_only(t).map(|d| d.to_string());
        assert_eq!(only("Tuesday, March 19, 2024").as_deref(), Some("2024-03-19"));
        assert_eq!(only("October 15, 2020 ([recording](https://example.invalid))").as_deref(), Some("2020-10-15"));
        assert_eq!(only("June 18, 2020 - ([recording](https://example.invalid))").as_deref(), Some("2020-06-18"));
        assert_eq!(only("2024-05-14").as_deref(), Some("2024-05-14"));
        assert_eq!(only("Node TSC Meeting 2015-06-10"), None);
        assert_eq!(only("Chair Updates"), None);
    }
}
