//! The status line: where the reader is (meeting, agenda item, speaker, turn i/n and %), search
//! and filter state, and the help hint; or the prompt being typed, with the terminal cursor at
//! its end so that an input method's composition window opens there; or a message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::action::Action;
use crate::app::{App, Focus, MessageLevel};
use crate::core::width::{AmbiguousWidth, str_width};
use crate::keymap::Mode;
use crate::view::cells::{fill, put_str, put_str_ellipsis};
use crate::view::theme::Theme;

/// What the status line shows, decided before anything is drawn: two equal `StatusLine`s draw
/// the same cells (in the same area, theme and width setting), so a frame after a scroll need
/// not draw it again when it did not change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    /// `turn 3/45 12% …`, on the right.
    position: String,
    content: Content,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Content {
    /// A prompt being typed: its sigil and text, and the message shown beside it, if any.
    Prompt { sigil: &'static str, text: String, message: Option<(String, MessageLevel)> },
    /// A message, and the key that shows the message log.
    Message { text: String, level: MessageLevel, log_key: Option<String> },
    /// Where the reader (or the list) is.
    Place(String),
}

impl StatusLine {
    /// The status line of `app` on a line `width` columns wide.
    pub fn of(app: &App, width: u16) -> StatusLine {
        let position = position_text(app, width);
        let content = match (app.prompt(), app.message()) {
            (Some(state), message) => Content::Prompt {
                sigil: state.prompt().kind().sigil(),
                text: state.prompt().text().to_owned(),
                message: message.map(|m| (m.text.clone(), m.level)),
            },
            (None, Some(message)) => {
                Content::Message { text: message.text.clone(), level: message.level, log_key: messages_key(app) }
            }
            (None, None) => Content::Place(where_text(app)),
        };
        StatusLine { position, content }
    }
}

/// Draws the status line; returns where the terminal cursor goes (during a prompt).
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) -> Option<(u16, u16)> {
    draw(&StatusLine::of(app, area.width), area, buf, theme, app.options().ambiguous)
}

/// Draws `line` into `area` (one row); returns where the terminal cursor goes (during a prompt).
pub fn draw(
    line: &StatusLine,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
) -> Option<(u16, u16)> {
    let (x, y, right) = (area.x, area.y, area.right());
    fill(buf, x, y, right, theme.status);
    let position = &line.position;
    let position_width = str_width(position, ambiguous) as u16;
    let position_x = right.saturating_sub(position_width);
    let message = match &line.content {
        Content::Prompt { sigil, text, message } => {
            fill(buf, x, y, right, Style::new());
            let end = put_str(buf, x, y, right, sigil, Style::new(), ambiguous);
            // Show the end of a long query: that is where the user types.
            let available = right.saturating_sub(end).saturating_sub(position_width + 1) as usize;
            let query = tail_fitting(text, available, ambiguous);
            let cursor_x = put_str(buf, end, y, right, &query, Style::new(), ambiguous);
            let hint = match message {
                Some((text, _)) => text,
                None => position,
            };
            let hint_width = str_width(hint, ambiguous) as u16;
            let style = match message.as_ref().map(|(_, level)| level) {
                Some(MessageLevel::Error) => theme.error,
                Some(MessageLevel::Warning) => theme.warning,
                _ => theme.summary,
            };
            if message.is_some() && cursor_x + 1 + hint_width > right && right.saturating_sub(cursor_x) > 8 {
                // A message too long for the room left beside the query is cut, not dropped.
                put_str_ellipsis(buf, cursor_x + 1, y, right, hint, style, ambiguous);
            } else if cursor_x + 1 + hint_width <= right {
                put_str(buf, right - hint_width, y, right, hint, style, ambiguous);
            }
            return Some((cursor_x.min(right.saturating_sub(1)), y));
        }
        Content::Message { text, level, log_key } => Some((text, *level, log_key)),
        Content::Place(_) => None,
    };
    let mut left_end = position_x.saturating_sub(1).max(x);
    let mut show_position = position_x > x;
    // A message that does not fit beside the position takes the whole line, as in vim.
    if let Some((text, _, _)) = message
        && str_width(text, ambiguous) + 1 > left_end.saturating_sub(x) as usize
    {
        left_end = right;
        show_position = false;
    }
    match message {
        Some((text, level, log_key)) => {
            let style = match level {
                MessageLevel::Info => theme.status.patch(theme.info),
                MessageLevel::Warning => theme.status.patch(theme.warning),
                MessageLevel::Error => theme.status.patch(theme.error),
            };
            let text = format!(" {text}");
            let fits = str_width(&text, ambiguous) <= left_end.saturating_sub(x) as usize;
            match log_key.as_ref().filter(|_| !fits) {
                // Cut: the key that shows it whole follows the ellipsis.
                Some(key) => {
                    let hint = format!(" ({key}: all)");
                    let hint_width = str_width(&hint, ambiguous) as u16;
                    let end = put_str_ellipsis(
                        buf,
                        x,
                        y,
                        left_end.saturating_sub(hint_width).max(x),
                        &text,
                        style,
                        ambiguous,
                    );
                    put_str(buf, end, y, left_end, &hint, theme.status, ambiguous);
                }
                None => {
                    put_str_ellipsis(buf, x, y, left_end, &text, style, ambiguous);
                }
            }
        }
        None => {
            if let Content::Place(place) = &line.content {
                put_str_ellipsis(buf, x, y, left_end, place, theme.status_focus, ambiguous);
            }
        }
    }
    if show_position {
        put_str(buf, position_x, y, right, position, theme.status, ambiguous);
    }
    None
}

/// The first key that opens the message log from the current pane.
fn messages_key(app: &App) -> Option<String> {
    let mode = if app.focus() == Focus::List || app.reader().is_none() { Mode::List } else { Mode::Reader };
    app.options().keymap.keys_for(mode, Action::Messages).into_iter().next()
}

/// The end of `text` that fits in `width` columns.
fn tail_fitting(text: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut taken = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = crate::core::width::grapheme_width(g, ambiguous);
        if used + w > width {
            break;
        }
        used += w;
        taken.push(g);
    }
    taken.reverse();
    taken.concat()
}

/// ` 森委員 · ②くまもとDX… · 令和5年度…` : speaker first (it changes most), then item, meeting.
fn where_text(app: &App) -> String {
    let mut parts: Vec<String> = Vec::new();
    match (app.reader(), app.focus()) {
        (Some(reader), Focus::Reader) => {
            if let Some(turn) = reader.current_speech().and_then(|t| reader.meeting().turns.get(t))
                && let Some(label) = turn.label.as_deref()
            {
                parts.push(label.to_owned());
            }
            if let Some(item) = reader.current_agenda().and_then(|a| reader.meeting().agenda.get(a)) {
                parts.push(format!("{}{}", item.label, item.title));
            }
            let title = app.entries().get(reader.entry()).map(|e| e.title()).unwrap_or_default();
            parts.push(title);
        }
        _ => {
            parts.push("meetings".to_owned());
            if let Some(entry) = app.list().selected().and_then(|i| app.entries().get(i)) {
                // An unreadable file says why as soon as it is selected.
                match &entry.state {
                    crate::app::library::EntryState::Failed(reason) => {
                        parts.push(format!("✗ {}: {reason}", entry.source.file_name()));
                    }
                    _ => {
                        let number = app.list().selected().and_then(|i| app.meeting_in_file(i));
                        parts.push(match number {
                            // A file of several meetings (a year of notes, a corpus file).
                            Some((n, total)) => format!("{} (meeting {n} of {total})", entry.source.display()),
                            None => entry.source.display(),
                        });
                    }
                }
            }
        }
    }
    if let Some(entry) = app.loading().and_then(|i| app.entries().get(i)) {
        parts.insert(0, format!("loading {}…", entry.title()));
    }
    format!(" {}", parts.join(" · "))
}

/// `[3/15] 森委員+② turn 3/45 12% H:help`, as much of it as leaves the status line some room
/// for where the reader is: at narrow widths the pane name goes first (with one pane shown),
/// then the help hint, the filters, the percentage.
fn position_text(app: &App, width: u16) -> String {
    let ambiguous = app.options().ambiguous;
    let parts = position_parts(app);
    // The place on the left keeps at least 14 columns (or half the line).
    let room = (width as usize / 2).max(width.saturating_sub(14) as usize);
    for drop in 0..=4 {
        let kept: Vec<&str> = parts.iter().filter(|(rank, _)| *rank >= drop).map(|(_, p)| p.as_str()).collect();
        let text = kept.join(" ");
        if str_width(&text, ambiguous) <= room || drop == 4 {
            return text;
        }
    }
    String::new()
}

/// The parts of the position text, each with its rank: the lowest go first when room is short.
fn position_parts(app: &App) -> Vec<(u8, String)> {
    let mut parts: Vec<(u8, String)> = Vec::new();
    if let Some(reader) = app.reader() {
        if let Some((index, total)) = reader.hit_position() {
            parts.push((4, format!("[{index}/{total}]")));
        }
        let mut filters: Vec<String> = Vec::new();
        if !reader.filters().speakers.is_empty() {
            filters.push(reader.filters().speakers.join("+"));
        }
        if let Some(item) = reader.filters().agenda.and_then(|a| reader.meeting().agenda.get(a)) {
            filters.push(if item.label.is_empty() { format!("#{}", item.number) } else { item.label.clone() });
        }
        if reader.search().hits_only() {
            filters.push("&hits".to_owned());
        }
        if !filters.is_empty() {
            parts.push((2, format!("filter:{}", filters.join(","))));
        }
        if app.focus() == Focus::Reader || app.panes().list.is_none() {
            let turn = reader.current_speech().and_then(|t| reader.speech_number(t));
            match turn {
                Some(n) => parts.push((4, format!("turn {n}/{}", reader.speech_total()))),
                None => parts.push((4, format!("turn –/{}", reader.speech_total()))),
            }
            parts.push((3, format!("{}%", reader.percent())));
        }
    }
    if !app.pending().keys.is_empty() || app.pending().count.is_some() || app.pending().argument_for.is_some() {
        let count = app.pending().count.map(|c| c.to_string()).unwrap_or_default();
        let keys = crate::keymap::key::display_sequence(&app.pending().keys);
        let argument = if app.pending().argument_for.is_some() { "…" } else { "" };
        parts.push((4, format!("{count}{keys}{argument}")));
    }
    if app.focus() == Focus::List || app.reader().is_none() {
        // The list's own position, as the reader has `turn i/n`.
        match app.list().order().len() {
            0 => parts.push((1, "list".to_owned())),
            n => parts.push((4, format!("list {}/{n}", app.list().cursor() + 1))),
        }
    } else {
        // With one pane on screen, which one it is goes without saying: it goes first.
        let rank = if app.panes().list.is_none() { 0 } else { 2 };
        parts.push((rank, "reader".to_owned()));
    }
    parts.push((1, "H:help ".to_owned()));
    parts
}
