//! The reference document (a city committee's summary, read from ../shared) parses into the
//! structure the foundation issue states.

mod common;

use std::collections::HashMap;

use gijiroku::core::meeting::{Meeting, TurnKind};
use gijiroku::core::parse::parse_bytes;

fn reference() -> Option<(String, Meeting)> {
    let bytes = common::reference_document()?;
    let text = String::from_utf8(bytes.clone()).expect("the reference document is UTF-8");
    let mut meetings = parse_bytes(&bytes);
    assert_eq!(meetings.len(), 1);
    Some((text, meetings.remove(0)))
}

#[test]
fn header_fields() {
    let Some((_, meeting)) = reference() else { return };
    assert!(meeting.title.contains("議事要旨"), "{}", meeting.title);
    assert_eq!(meeting.date.map(|d| d.to_string()).as_deref(), Some("2024-02-09"));
    assert_eq!(meeting.time.map(|t| t.to_string()).as_deref(), Some("14:00–15:30"));
    assert_eq!(meeting.place.as_deref(), Some("オンライン開催"));
    assert_eq!(meeting.attendees.len(), 7);
    assert_eq!(meeting.materials.len(), 2);
    assert_eq!(meeting.agenda.len(), 2);
    assert_eq!(meeting.agenda.iter().map(|a| a.number).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(meeting.notes.len(), 1);
}

#[test]
fn turns_and_speakers() {
    let Some((_, meeting)) = reference() else { return };
    let speeches: Vec<_> = meeting.turns.iter().filter(|t| t.kind == TurnKind::Speech).collect();
    assert_eq!(speeches.len(), 45);
    assert_eq!(meeting.turns.len(), 45, "no stage directions or procedure lines in a summary");
    assert_eq!(speeches.iter().filter(|t| t.agenda == Some(0)).count(), 18);
    assert_eq!(speeches.iter().filter(|t| t.agenda == Some(1)).count(), 27);
    assert_eq!(meeting.speakers().len(), 13);
    let mori = speeches.iter().filter(|t| t.speaker.as_deref() == Some("森委員")).count();
    assert_eq!(mori, 5);
}

#[test]
fn the_seven_page_break_joins_are_made() {
    let Some((_, meeting)) = reference() else { return };
    let joins: Vec<_> = meeting.diagnostics.iter().filter(|d| d.kind == "page_break_joined").collect();
    assert_eq!(joins.len(), 7, "{joins:#?}");
    // Every join leaves no paragraph ending mid-word before a paragraph of the same turn.
    for turn in &meeting.turns {
        for pair in turn.paragraphs.windows(2) {
            assert!(
                gijiroku::core::parse::lines::ends_sentence(&pair[0]) || pair[0].chars().count() < 20,
                "{}",
                pair[0]
            );
        }
    }
}

/// Every non-space character of the source appears in the model (there are no page footers).
#[test]
fn no_character_is_lost() {
    let Some((text, meeting)) = reference() else { return };
    let mut model = String::new();
    model.push_str(&meeting.title);
    for section in &meeting.header {
        model.push_str(&section.label);
        section.lines.iter().for_each(|l| model.push_str(l));
    }
    meeting.notes.iter().for_each(|n| model.push_str(n));
    for item in &meeting.agenda {
        model.push_str(item.heading.as_deref().unwrap_or(""));
    }
    for turn in &meeting.turns {
        model.push_str(turn.label.as_deref().unwrap_or(""));
        turn.paragraphs.iter().for_each(|p| model.push_str(p));
    }
    let count = |s: &str| {
        let mut counts: HashMap<char, usize> = HashMap::new();
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_default() += 1;
        }
        counts
    };
    let (source, parsed) = (count(&text), count(&model));
    // Bracket characters of speaker lines are markup, not text.
    let markup: HashMap<char, usize> = [('[', 45), (']', 45)].into_iter().collect();
    for (c, n) in &source {
        let have = parsed.get(c).copied().unwrap_or(0) + markup.get(c).copied().unwrap_or(0);
        assert!(have >= *n, "character {c:?}: {n} in the source, {have} in the model");
    }
}
