//! The invariant every container and text parser must keep, shared by the fuzz targets: at
//! least one meeting, and no control character (tab aside) in any text of the model.

use gijiroku::core::meeting::Meeting;

pub fn assert_clean(meetings: &[Meeting]) {
    assert!(!meetings.is_empty(), "no meeting");
    for meeting in meetings {
        let mut texts: Vec<&str> = vec![meeting.title.as_str()];
        texts.extend(meeting.notes.iter().map(String::as_str));
        texts.extend(meeting.attendees.iter().map(String::as_str));
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
            texts.extend(turn.speaker.as_deref());
            // A code block is one paragraph of several lines, laid out line by line.
            for paragraph in &turn.paragraphs {
                assert!(
                    !paragraph.chars().any(|c| c.is_control() && c != '\t' && c != '\n'),
                    "control character left in {paragraph:?}"
                );
            }
        }
        for text in texts {
            // Tabs are kept on purpose (the breaker expands them); nothing else may act on a
            // terminal, and no other text of the model spans lines.
            assert!(!text.chars().any(|c| c.is_control() && c != '\t'), "control character left in {text:?}");
        }
    }
}
