//! The meeting list pane: a header with the count and filter, then one row per meeting with its
//! date, title and turn count (or full-text hit count while filtering); `?` before the count
//! marks a meeting whose speakers the reading-quality check doubts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Focus};
use crate::core::width::str_width;
use crate::view::cells::{fill, put_str, put_str_ellipsis};
use crate::view::theme::Theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let ambiguous = app.options.ambiguous;
    let list = &app.list;
    let right = area.right();
    let count = if list.order.len() == app.entries.len() {
        list.order.len().to_string()
    } else {
        format!("{}/{}", list.order.len(), app.entries.len())
    };
    let arrow = if list.newest_first { "↓" } else { "↑" };
    // One activity at a time, the one the user waits for first.
    let percent = |p: crate::app::list::LibrarySearchProgress| p.done * 100 / p.total.max(1);
    let activity = if let Some(progress) = list.progress {
        format!(" searching {}%", percent(progress))
    } else if app.scanning {
        " scanning…".to_owned()
    } else if let Some(progress) = app.counting {
        format!(" counting {}%", percent(progress))
    } else {
        String::new()
    };
    let filter =
        if !list.filter.is_empty() && app.prompt.is_none() { format!(" /{}", list.filter) } else { String::new() };
    // The pane is narrow: the word "Meetings" goes first when the activity would not fit.
    let long = format!("Meetings {count} {arrow}{activity}{filter}");
    let header = if str_width(&long, ambiguous) <= area.width as usize || activity.is_empty() {
        long
    } else {
        format!("{count} {arrow}{activity}{filter}")
    };
    put_str_ellipsis(buf, area.x, area.y, right, &header, theme.list_header, ambiguous);
    let height = area.height.saturating_sub(1) as usize;
    let focused = app.focus == Focus::List && app.overlay.is_none() && app.prompt.is_none();
    let open_entry = app.reader.as_ref().map(|r| r.entry);
    for (offset, position) in (list.top..list.order.len()).take(height).enumerate() {
        let entry_index = list.order[position];
        let Some(entry) = app.entries.get(entry_index) else { continue };
        let y = area.y + 1 + offset as u16;
        let selected = position == list.cursor;
        let row_style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => ratatui::style::Style::new(),
        };
        fill(buf, area.x, y, right, row_style);
        let marker = if open_entry == Some(entry_index) { "▸" } else { " " };
        let mut x = put_str(buf, area.x, y, right, marker, row_style, ambiguous);
        if entry.is_failed() {
            let text = format!("✗ {}", entry.title());
            put_str_ellipsis(buf, x, y, right, &text, theme.failed.patch(row_style), ambiguous);
            continue;
        }
        let count = match list.text_hits.get(&entry_index) {
            Some(hits) => format!("[{hits}]"),
            None => entry.summary().and_then(|s| s.turns).map(|n| n.to_string()).unwrap_or_else(|| "·".to_owned()),
        };
        // `?27`: the speakers of this meeting may be misread (the reading-quality check).
        let count = if entry.summary().is_some_and(|s| s.doubted) { format!("?{count}") } else { count };
        let count_width = str_width(&count, ambiguous) as u16;
        let title_end = right.saturating_sub(count_width + 1).max(x);
        if let Some(date) = entry.date()
            && area.width >= 24
        {
            x = put_str(buf, x, y, title_end, &date.to_string(), theme.list_date.patch(row_style), ambiguous) + 1;
        }
        put_str_ellipsis(buf, x, y, title_end, &entry.title(), row_style, ambiguous);
        if area.width >= 16 {
            put_str(buf, right - count_width, y, right, &count, theme.list_count.patch(row_style), ambiguous);
        }
    }
}
