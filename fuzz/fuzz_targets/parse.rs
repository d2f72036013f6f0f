//! Fuzz target `parse`: any bytes through the whole parser. It must return at least one meeting
//! and never panic; every text it keeps must be free of controls (the sanitiser ran).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let meetings = gijiroku::core::parse::parse_bytes(data);
    assert!(!meetings.is_empty(), "parse_bytes returned no meeting");
    for meeting in &meetings {
        let mut texts: Vec<&str> = vec![meeting.title.as_str()];
        texts.extend(meeting.notes.iter().map(String::as_str));
        for section in &meeting.header {
            texts.push(&section.label);
            texts.extend(section.lines.iter().map(String::as_str));
        }
        for item in &meeting.agenda {
            texts.push(&item.title);
            texts.extend(item.heading.as_deref());
        }
        for turn in &meeting.turns {
            texts.extend(turn.label.as_deref());
            texts.extend(turn.paragraphs.iter().map(String::as_str));
        }
        for text in texts {
            // Tabs are kept on purpose (the breaker expands them); nothing else may act on a
            // terminal, and no text of the model spans lines.
            assert!(!text.chars().any(|c| c.is_control() && c != '\t'), "control character left in {text:?}");
        }
    }
});
