//! Rendering: read-only functions from the app state to a ratatui buffer. The only module that
//! imports ratatui's styles; every cell of text goes through [`cells`], which measures with the
//! same width function as the layout.

pub mod cells;
pub mod list;
pub mod overlay;
pub mod reader;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::geometry::Area;
use crate::app::overlay::Overlay;
use theme::Theme;

fn rect(area: Area, origin: Rect) -> Rect {
    Rect::new(origin.x + area.x, origin.y + area.y, area.width, area.height).intersection(origin)
}

/// Draws the whole screen into `buf`; returns where the terminal cursor should stand (shown
/// only while typing), or `None` to hide it.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let panes = app.panes();
    let ambiguous = app.options().ambiguous;
    if let Some(list) = panes.list {
        list::render(app, rect(list, area), buf, theme);
    }
    if let Some(separator) = panes.separator {
        let r = rect(separator, area);
        for y in r.top()..r.bottom() {
            cells::put_str(buf, r.x, y, r.right(), theme.vertical_rule(), theme.separator, ambiguous);
        }
    }
    if let Some(pane) = panes.reader {
        let r = rect(pane, area);
        match app.reader() {
            Some(r_) if r_.held_back() => {
                let notice = crate::app::navigate::binary_notice(app.entries(), r_.entry(), &app.options().keymap);
                reader::render_notice(&notice, r, buf, theme, ambiguous);
            }
            Some(reader) => reader::render(reader, r, buf, theme, ambiguous),
            None => {
                cells::put_str(buf, r.x, r.y, r.right(), "(no meeting open)", theme.summary, ambiguous);
            }
        }
    }
    let mut cursor = None;
    let body = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    match app.overlay() {
        Some(Overlay::Help { scroll }) => overlay::render_help(app, *scroll, body, buf, theme),
        Some(Overlay::Messages { scroll }) => overlay::render_messages(app, *scroll, body, buf, theme),
        Some(Overlay::Picker(picker)) => cursor = overlay::render_picker(app, picker, body, buf, theme),
        Some(Overlay::Stats(stats)) => {
            if let Some(reader) = app.reader() {
                overlay::render_stats(app, stats, reader.meeting(), body, buf, theme);
            }
        }
        None => {}
    }
    if let Some(status) = panes.status {
        let status_cursor = status::render(app, rect(status, area), buf, theme);
        cursor = cursor.or(status_cursor);
    }
    cursor
}

/// [`render`] into a ratatui frame (for `Terminal::draw`, as the tests use).
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    if let Some((x, y)) = render(app, theme, area, frame.buffer_mut()) {
        frame.set_cursor_position((x, y));
    }
}
