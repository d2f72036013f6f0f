//! Citations: the text a yank copies, followed by a line saying where it comes from.

use crate::core::meeting::Meeting;

/// Where a turn stands: `title, date, speaker, agenda item`.
pub fn citation_line(meeting: &Meeting, turn: usize) -> String {
    let mut parts = vec![meeting.title.trim().to_owned()];
    if let Some(date) = meeting.date {
        parts.push(date.to_string());
    }
    let Some(t) = meeting.turns.get(turn) else {
        return format!("— {}", parts.join(", "));
    };
    if let Some(label) = t.label.as_deref() {
        parts.push(label.to_owned());
    }
    if let Some(item) = t.agenda.and_then(|a| meeting.agenda.get(a)) {
        parts.push(format!("{}{}", item.label, item.title).trim().to_owned());
    }
    parts.retain(|p| !p.is_empty());
    format!("— {}", parts.join(", "))
}

/// A whole turn: its label, its paragraphs, then the citation line.
pub fn cite_turn(meeting: &Meeting, turn: usize) -> Option<String> {
    let t = meeting.turns.get(turn)?;
    let mut text = String::new();
    if let Some(label) = t.label.as_deref() {
        text.push_str(label);
        text.push('\n');
    }
    text.push_str(&t.paragraphs.join("\n\n"));
    text.push_str("\n\n");
    text.push_str(&citation_line(meeting, turn));
    text.push('\n');
    Some(text)
}

/// One paragraph, then the citation line.
pub fn cite_paragraph(meeting: &Meeting, turn: usize, paragraph: usize) -> Option<String> {
    let p = meeting.turns.get(turn)?.paragraphs.get(paragraph)?;
    Some(format!("{p}\n\n{}\n", citation_line(meeting, turn)))
}
