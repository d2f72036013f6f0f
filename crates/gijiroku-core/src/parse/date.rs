//! Dates and times as minutes write them: 和暦 and 西暦, kanji and full-width numerals,
//! 午前/午後 clock times and ranges (`午後2時～午後3時半` → 14:00–15:30).

mod english;

use crate::meeting::{Date, Time, TimeRange};
pub(crate) use english::{date_only, find_english_date};

/// Japanese eras and the Gregorian year of their first year (元年).
const ERAS: [(&str, i32); 5] = [("令和", 2019), ("平成", 1989), ("昭和", 1926), ("大正", 1912), ("明治", 1868)];

/// Characters of the text with full-width digits made ASCII and spaces removed, each with its
/// original byte offset, so that a match can be reported against the original.
fn normalized(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\t'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '（' => '(',
            '）' => ')',
            '／' => '/',
            '：' => ':',
            '～' | '〜' | '~' | '－' | '−' | '—' | '–' => '~',
            c => c,
        })
        .collect()
}

/// A small cursor over normalised characters.
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(chars: &'a [char], pos: usize) -> Self {
        Cursor { chars, pos }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let len = s.chars().count();
        let matches = self.chars.get(self.pos..self.pos + len).is_some_and(|w| w.iter().copied().eq(s.chars()));
        if matches {
            self.pos += len;
        }
        matches
    }

    /// An ASCII number of at most `max_digits` digits.
    fn digits(&mut self, max_digits: usize) -> Option<u32> {
        let start = self.pos;
        let mut value = 0u32;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            if self.pos - start == max_digits {
                return None;
            }
            value = value * 10 + d;
            self.pos += 1;
        }
        (self.pos > start).then_some(value)
    }

    /// An ASCII or kanji number (`10`, `十`, `二十四`, `二〇二四`).
    fn number(&mut self) -> Option<u32> {
        if let Some(value) = self.digits(4) {
            return Some(value);
        }
        let start = self.pos;
        // Bounded: no date or time needs more than eight kanji numerals, and an unbounded run
        // scanned from every start position would make a long line quadratic.
        while self.pos - start < MAX_KANJI_NUMERALS && self.peek().is_some_and(is_kanji_numeral) {
            self.pos += 1;
        }
        let parsed = kanji_number(&self.chars[start..self.pos]);
        if parsed.is_none() {
            self.pos = start;
        }
        parsed
    }
}

const MAX_KANJI_NUMERALS: usize = 8;

fn is_kanji_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千".contains(c)
}

fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32).or((c == '零').then_some(0))
}

/// Kanji numerals in both styles: positional (`二〇二四`) and with units (`二千二十四`, `十月`).
fn kanji_number(chars: &[char]) -> Option<u32> {
    if chars.is_empty() {
        return None;
    }
    if chars.iter().all(|&c| kanji_digit(c).is_some()) {
        return chars.iter().try_fold(0u32, |acc, &c| acc.checked_mul(10)?.checked_add(kanji_digit(c)?));
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for &c in chars {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total = total.checked_add(pending.take().unwrap_or(1).checked_mul(unit)?)?;
            }
            c => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(kanji_digit(c)?);
            }
        }
    }
    total.checked_add(pending.unwrap_or(0))
}

/// Finds the first date in the text: `令和6年（2024年）2月9日`, `令和六年十月四日`, `令和元年`,
/// `平成31年4月1日`, `2024年2月9日`, `2024-02-09`, `2024/2/9`.
pub fn find_date(text: &str) -> Option<Date> {
    let chars = normalized(text);
    for start in 0..chars.len() {
        if let Some(date) = date_at(&chars, start) {
            return Some(date);
        }
    }
    find_english_date(text)
}

fn date_at(chars: &[char], start: usize) -> Option<Date> {
    let mut cursor = Cursor::new(chars, start);
    if let Some(year) = era_year(&mut cursor) {
        return month_day(&mut cursor, year);
    }
    western_date(&mut Cursor::new(chars, start))
}

fn month_day(cursor: &mut Cursor<'_>, year: i32) -> Option<Date> {
    let month = cursor.number()?;
    if !cursor.eat('月') {
        return None;
    }
    let day = cursor.number()?;
    if !cursor.eat('日') {
        return None;
    }
    Date::new(year, month, day)
}

/// `令和6年`, `令和元年`, optionally followed by the Western year in brackets (`（2024年）`),
/// which is skipped: the era year is what the minutes state.
fn era_year(cursor: &mut Cursor<'_>) -> Option<i32> {
    let (_, base) = ERAS.iter().find(|(name, _)| cursor.eat_str(name))?;
    let era_year = if cursor.eat('元') { 1 } else { cursor.number()? };
    if !cursor.eat('年') {
        return None;
    }
    let after_era = cursor.pos;
    let bracketed = cursor.eat('(') && cursor.digits(4).is_some() && cursor.eat('年') && {
        cursor.eat('度');
        cursor.eat(')')
    };
    if !bracketed {
        cursor.pos = after_era;
    }
    Some(base + era_year as i32 - 1)
}

/// `2024年2月9日`, `2024-02-09`, `2024/2/9`, `2024.2.9`.
fn western_date(cursor: &mut Cursor<'_>) -> Option<Date> {
    if cursor.pos > 0 && cursor.chars[cursor.pos - 1].is_ascii_digit() {
        return None;
    }
    let start = cursor.pos;
    let year = match cursor.digits(4) {
        Some(year) => year,
        // `二〇二四年`: a kanji year is only a year when 年 follows.
        None => {
            cursor.pos = start;
            let year = cursor.number()?;
            if cursor.peek() != Some('年') {
                return None;
            }
            year
        }
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    if cursor.eat('年') {
        return month_day(cursor, year as i32);
    }
    let separator = cursor.peek().filter(|c| matches!(c, '-' | '/' | '.'))?;
    cursor.pos += 1;
    let month = cursor.digits(2)?;
    if !cursor.eat(separator) {
        return None;
    }
    let day = cursor.digits(2)?;
    Date::new(year as i32, month, day)
}

/// Finds a start time and optional end time: `午後2時～午後3時半`, `午前10時開議`,
/// `14:00～15:30`, `午後1時30分から午後3時まで`.
pub(crate) fn find_time_range(text: &str) -> Option<TimeRange> {
    let chars = normalized(text);
    for start in 0..chars.len() {
        let mut cursor = Cursor::new(&chars, start);
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        let Some((start_time, meridiem)) = clock_time(&mut cursor, None) else {
            continue;
        };
        let mut end = None;
        if cursor.eat('~') || cursor.eat_str("から") {
            end = clock_time(&mut cursor, meridiem).map(|(time, _)| time);
        }
        return Some(TimeRange { start: start_time, end });
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// One clock time; `inherited` is the 午前/午後 of the start, which an end time may omit.
fn clock_time(cursor: &mut Cursor<'_>, inherited: Option<Meridiem>) -> Option<(Time, Option<Meridiem>)> {
    let meridiem = if cursor.eat_str("午前") {
        Some(Meridiem::Am)
    } else if cursor.eat_str("午後") {
        Some(Meridiem::Pm)
    } else {
        None
    };
    let hour = cursor.number()?;
    let minute = if cursor.eat('時') {
        if cursor.eat('半') {
            30
        } else {
            let before = cursor.pos;
            match cursor.number() {
                Some(m) if cursor.eat('分') => m,
                Some(m) if meridiem.is_some() && cursor.peek().is_none_or(|c| !c.is_ascii_digit()) => {
                    // `午前９時００開会`: minutes without 分 happen in assembly minutes.
                    if m < 60 { m } else { return None }
                }
                _ => {
                    cursor.pos = before;
                    0
                }
            }
        }
    } else if meridiem.is_none() && cursor.eat(':') {
        cursor.digits(2)?
    } else {
        return None;
    };
    let effective = meridiem.or(inherited);
    let hour = match effective {
        Some(Meridiem::Pm) if hour < 12 => hour + 12,
        Some(Meridiem::Am) if hour == 12 => 0,
        _ => hour,
    };
    Some((Time::new(hour, minute)?, effective))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        find_date(text).map(|d| d.to_string())
    }

    fn time(text: &str) -> Option<String> {
        find_time_range(text).map(|t| t.to_string())
    }

    #[test]
    fn dates_in_every_form() {
        let cases = [
            ("令和6年（2024年）2月9日（金）", "2024-02-09"),
            ("令和　6年　2月　9日", "2024-02-09"),
            ("令和六年十月四日", "2024-10-04"),
            ("令和元年5月1日", "2019-05-01"),
            ("平成31年4月30日", "2019-04-30"),
            ("昭和64年1月7日", "1989-01-07"),
            ("2024年2月9日", "2024-02-09"),
            ("２０２４年１２月２５日", "2024-12-25"),
            ("令和７年１２月２５日", "2025-12-25"),
            ("開催日 2025-03-14 (Fri)", "2025-03-14"),
            ("Date: 2025/3/4", "2025-03-04"),
            ("二〇二四年二月九日", "2024-02-09"),
            ("令和二十年一月三十一日", "2038-01-31"),
        ];
        for (text, expected) in cases {
            assert_eq!(date(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn impossible_or_partial_dates_are_none() {
        for text in ["令和6年2月30日", "2月9日", "令和6年度", "12345年1月1日", "", "年月日"] {
            assert_eq!(date(text), None, "{text}");
        }
    }

    #[test]
    fn times_and_ranges() {
        let cases = [
            ("午後2時～午後3時半", "14:00–15:30"),
            ("午後2時～3時半", "14:00–15:30"),
            ("午前10時開議", "10:00"),
            ("午前１０時３６分散会", "10:36"),
            ("（午前 ９時００開会）", "09:00"),
            ("14:00～15:30", "14:00–15:30"),
            ("午後1時30分から午後3時まで", "13:30–15:00"),
            ("午前十時", "10:00"),
            ("午後12時", "12:00"),
            ("令和6年（2024年）2月9日（金） 午後2時～午後3時半", "14:00–15:30"),
        ];
        for (text, expected) in cases {
            assert_eq!(time(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn kanji_numbers() {
        let n = |s: &str| kanji_number(&s.chars().collect::<Vec<_>>());
        assert_eq!(n("十"), Some(10));
        assert_eq!(n("二十四"), Some(24));
        assert_eq!(n("三十一"), Some(31));
        assert_eq!(n("二千二十四"), Some(2024));
        assert_eq!(n("二〇二四"), Some(2024));
        assert_eq!(n("二二十"), None);
    }
}
