//! Overlays of text — the help screen and the message log — as lines wrapped to the overlay's
//! width, so that nothing is cut with "…"; the app scrolls them knowing how many rows they take.

use crate::action::{Action, Section};
use crate::app::{Message, MessageLevel};
use crate::keymap::{Keymap, Mode};
use gijiroku_core::layout::breaker::fold_text;
use gijiroku_core::width::{AmbiguousWidth, str_width};

/// How a line of a text overlay is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    /// Keys in the key column, then text.
    Entry,
    /// Text only (a continuation, a note, a message).
    Text,
    Message(MessageLevel),
    Blank,
}

/// One row of a text overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLine {
    pub kind: LineKind,
    /// The key column (entries only).
    pub keys: String,
    pub text: String,
    /// Column where `text` starts.
    pub indent: u16,
}

impl PageLine {
    fn new(kind: LineKind, keys: &str, text: &str, indent: usize) -> PageLine {
        PageLine { kind, keys: keys.to_owned(), text: text.to_owned(), indent: indent.min(u16::MAX as usize) as u16 }
    }
}

/// `text` broken into rows of `width` columns (the reader's breaker).
pub fn wrap(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
    let folded = fold_text(text, width.max(1), ambiguous);
    let lines: Vec<String> = folded.lines().map(|l| l.trim_end().to_owned()).collect();
    if lines.is_empty() { vec![String::new()] } else { lines }
}

/// The help screen's entries: for each section, every action with its keys; then notes.
pub fn help_entries(keymap: &Keymap) -> Vec<(Option<&'static str>, String, String)> {
    let mut entries = Vec::new();
    let mut section = None;
    for action in Action::ALL {
        let mode = match action.section() {
            Section::List => Mode::List,
            Section::Prompt => Mode::Prompt,
            Section::Picker => Mode::Picker,
            _ => Mode::Reader,
        };
        let keys = keymap.keys_for(mode, *action);
        if keys.is_empty() {
            continue;
        }
        let heading = (section != Some(action.section())).then(|| action.section().title());
        section = Some(action.section());
        entries.push((heading, keys.join("  "), action.description().to_owned()));
    }
    let notes = [
        ("counts", "a number before a key repeats it: 5j, 3}, 2]]; 12G goes to turn 12, 50% halfway"),
        (
            "Ctrl-i",
            "most terminals send Tab for Ctrl-i: Tab switches panes, so jump forward with Ctrl-n (Ctrl-i works where the terminal tells them apart)",
        ),
        (
            "list /",
            "in the meeting list, / matches titles, dates and speakers and searches the text of every meeting; Enter opens the selected meeting at its first match; n continues into the next meeting",
        ),
        (
            "search",
            "width (１５％ = 15%), case (unless the query has capitals), kana (カ = か, Ctrl-k toggles) and stray PDF spaces are folded",
        ),
        (
            "mouse",
            "the wheel scrolls the pane under the pointer; a click selects a meeting (again: opens it), focuses a pane or picks a picker row; Shift+drag selects text in most terminals (mouse = false in the config leaves the mouse to the terminal)",
        ),
    ];
    let mut first = true;
    for (keys, text) in notes {
        entries.push((first.then_some("Notes"), keys.to_owned(), text.to_owned()));
        first = false;
    }
    entries
}

/// The help screen at `width` columns: a key column, and descriptions wrapped beside it; keys
/// too wide for the column take a row of their own.
pub fn help_page(keymap: &Keymap, width: usize, ambiguous: AmbiguousWidth) -> Vec<PageLine> {
    let entries = help_entries(keymap);
    let widest = entries.iter().map(|(_, keys, _)| str_width(keys, ambiguous)).max().unwrap_or(0);
    let key_width = widest.min(width / 3);
    let indent = key_width + 2;
    let mut lines = Vec::new();
    for (heading, keys, text) in entries {
        if let Some(heading) = heading {
            if !lines.is_empty() {
                lines.push(PageLine::new(LineKind::Blank, "", "", 0));
            }
            for row in wrap(heading, width, ambiguous) {
                lines.push(PageLine::new(LineKind::Heading, "", &row, 0));
            }
        }
        let own_row = str_width(&keys, ambiguous) > key_width || indent + 8 > width;
        let (text_indent, text_width) =
            if indent + 8 > width { (2, width.saturating_sub(2)) } else { (indent, width - indent) };
        let mut rows = wrap(&text, text_width, ambiguous).into_iter();
        if own_row {
            for keys in wrap(&keys, width, ambiguous) {
                lines.push(PageLine::new(LineKind::Entry, &keys, "", 0));
            }
        } else {
            let first = rows.next().unwrap_or_default();
            lines.push(PageLine::new(LineKind::Entry, &keys, &first, text_indent));
        }
        for row in rows {
            lines.push(PageLine::new(LineKind::Text, "", &row, text_indent));
        }
    }
    lines
}

/// The message log at `width` columns, oldest first, each message whole.
pub fn messages_page(messages: &[Message], width: usize, ambiguous: AmbiguousWidth) -> Vec<PageLine> {
    if messages.is_empty() {
        return vec![PageLine::new(LineKind::Text, "", "no messages yet", 0)];
    }
    let mut lines = Vec::new();
    for message in messages {
        for (n, row) in wrap(&message.text, width.saturating_sub(2), ambiguous).into_iter().enumerate() {
            let indent = if n == 0 { 0 } else { 2 };
            lines.push(PageLine::new(LineKind::Message(message.level), "", &row, indent));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_descriptions_wrap_instead_of_being_cut() {
        let keymap = Keymap::defaults();
        for width in [20, 36, 76, 116] {
            let lines = help_page(&keymap, width, AmbiguousWidth::Narrow);
            for line in &lines {
                let used = line.indent as usize + str_width(&line.text, AmbiguousWidth::Narrow);
                assert!(used <= width, "{width}: {line:?}");
                assert!(str_width(&line.keys, AmbiguousWidth::Narrow) <= width, "{width}: {line:?}");
            }
            let text = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
            assert!(text.contains("works where the terminal tells them apart"), "{width}");
        }
    }
}
