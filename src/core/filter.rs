//! Filters by speaker and agenda item, shared by the reader and `gijiroku print`, so that the
//! command line shows exactly the turns the reader does.

use crate::core::meeting::{Meeting, TurnKind};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::meeting::Turn;

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
