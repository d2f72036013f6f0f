//! Filters by speaker and agenda item, shared by the reader and `gijiroku print`, so that the
//! command line shows exactly the turns the reader does.

use crate::meeting::{Meeting, TurnKind};

/// Which body entries pass: speech by one of `speakers` (identities; empty = anyone) within
/// agenda item `agenda` (index; `None` = any). Stage directions and procedure lines pass only
/// when no speaker filter is set.
pub fn visible_turns(meeting: &Meeting, speakers: &[String], agenda: Option<usize>) -> Vec<bool> {
    meeting
        .turns
        .iter()
        .map(|turn| {
            let agenda_ok = agenda.is_none_or(|item| turn.agenda == Some(item));
            let speaker_ok = speakers.is_empty()
                || (turn.kind == TurnKind::Speech && turn.speaker.as_ref().is_some_and(|s| speakers.contains(s)));
            agenda_ok && speaker_ok
        })
        .collect()
}

/// The speaker identities a user's words name: an exact speaker or label first, otherwise every
/// speaker whose name or label contains the words (spaces ignored, as names are compacted).
pub fn resolve_speakers(meeting: &Meeting, query: &str) -> Vec<String> {
    let wanted: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let speeches = || meeting.turns.iter().filter(|t| t.kind == TurnKind::Speech);
    let mut exact: Vec<String> = speeches()
        .filter(|t| {
            t.speaker.as_deref().map(compact).as_deref() == Some(&wanted)
                || t.label.as_deref().map(compact).as_deref() == Some(&wanted)
        })
        .filter_map(|t| t.speaker.clone())
        .collect();
    if exact.is_empty() {
        exact = speeches()
            .filter(|t| {
                t.speaker.as_deref().is_some_and(|s| compact(s).contains(&wanted))
                    || t.label.as_deref().is_some_and(|l| compact(l).contains(&wanted))
                    || t.yomi.as_deref().is_some_and(|y| y.contains(&wanted))
            })
            .filter_map(|t| t.speaker.clone())
            .collect();
    }
    let mut seen = Vec::new();
    for name in exact {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

/// The agenda item with the number as the minutes number it (`2` for ②, `日程第２`).
pub fn resolve_agenda(meeting: &Meeting, number: u32) -> Option<usize> {
    meeting.agenda.iter().position(|item| item.number == number)
}

/// The agenda item number in the forms minutes write it: `2`, `２`, `②`, `（2）`, `(2)`, `二`,
/// `第2`, `議事2`, `日程第２`, `2.`. `None` when no number can be read.
pub fn agenda_number(text: &str) -> Option<u32> {
    use unicode_normalization::UnicodeNormalization;
    // NFKC makes ② and ２ plain digits and （） ASCII brackets.
    let normal: String = text.trim().nfkc().collect();
    let core = normal
        .trim_start_matches(|c: char| !c.is_ascii_digit() && kanji_digit(c).is_none())
        .trim_end_matches(|c: char| !c.is_ascii_digit() && kanji_digit(c).is_none());
    if core.is_empty() {
        return None;
    }
    if core.chars().all(|c| c.is_ascii_digit()) {
        return core.parse().ok();
    }
    kanji_number(core)
}

fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|k| k == c).map(|n| n as u32).or((c == '十').then_some(10))
}

/// `二`, `十二`, `二十`, `二十三` (up to 99, as agenda items go).
fn kanji_number(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        None if chars.len() == 1 => kanji_digit(chars[0]).filter(|&n| n < 10),
        None => None,
        Some(at) => {
            let tens = match &chars[..at] {
                [] => 1,
                [d] => kanji_digit(*d).filter(|&n| (1..10).contains(&n))?,
                _ => return None,
            };
            let ones = match &chars[at + 1..] {
                [] => 0,
                [d] => kanji_digit(*d).filter(|&n| (1..10).contains(&n))?,
                _ => return None,
            };
            Some(tens * 10 + ones)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Turn;

    fn turn(label: &str, speaker: &str, agenda: Option<usize>) -> Turn {
        Turn {
            label: Some(label.into()),
            speaker: Some(speaker.into()),
            agenda,
            paragraphs: vec!["x".into()],
            ..Turn::default()
        }
    }

    #[test]
    fn exact_names_win_over_substrings() {
        let meeting = Meeting {
            turns: vec![
                turn("森委員", "森委員", None),
                turn("森田委員", "森田委員", None),
                turn("議長（森本一郎君）", "森本一郎", None),
            ],
            ..Meeting::default()
        };
        assert_eq!(resolve_speakers(&meeting, "森委員"), ["森委員"]);
        assert_eq!(resolve_speakers(&meeting, "森"), ["森委員", "森田委員", "森本一郎"]);
        assert_eq!(resolve_speakers(&meeting, "議長"), ["森本一郎"]);
        assert!(resolve_speakers(&meeting, "山田").is_empty());
    }

    /// Issue 15: `--agenda ②` was refused; the number is read in every form minutes use.
    #[test]
    fn agenda_numbers_in_the_forms_minutes_write_them() {
        for (text, number) in [
            ("2", 2),
            ("２", 2),
            ("②", 2),
            ("（2）", 2),
            ("(2)", 2),
            ("二", 2),
            ("第2", 2),
            ("日程第２", 2),
            ("議事②", 2),
            ("十二", 12),
            ("二十三", 23),
            ("⑫", 12),
            ("2.", 2),
        ] {
            assert_eq!(agenda_number(text), Some(number), "{text}");
        }
        assert_eq!(agenda_number("その他"), None);
        assert_eq!(agenda_number(""), None);
    }

    #[test]
    fn filters_combine() {
        let meeting = Meeting {
            turns: vec![turn("a", "a", Some(0)), turn("b", "b", Some(0)), turn("a", "a", Some(1))],
            ..Meeting::default()
        };
        assert_eq!(visible_turns(&meeting, &["a".into()], Some(1)), [false, false, true]);
        assert_eq!(visible_turns(&meeting, &[], Some(0)), [true, true, false]);
    }
}
