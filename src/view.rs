//! Rendering: read-only functions from the app state to a ratatui buffer. The only module that
//! imports ratatui's styles; every cell of text goes through [`cells`], which measures with the
//! same width function as the layout.

pub mod cells;
pub mod list;
pub mod memo;
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
use memo::FrameMemo;
use theme::Theme;

fn rect(area: Area, origin: Rect) -> Rect {
    Rect::new(origin.x + area.x, origin.y + area.y, area.width, area.height).intersection(origin)
}

/// Draws the whole screen into `buf`; returns where the terminal cursor should stand (shown
/// only while typing), or `None` to hide it.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    render_recording(app, theme, area, buf, &mut FrameMemo::default())
}

/// Rows `first..end` of the screen already show the last frame's rows moved up by `amount` (down
/// when negative): the screen driver scrolled them, and its copy of the screen with them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scrolled {
    pub first: u16,
    pub end: u16,
    pub amount: i32,
}

/// One frame drawn by [`render_frame`].
#[derive(Debug)]
pub struct Drawn {
    pub cursor: Option<(u16, u16)>,
    /// The screen rows drawn, when not all of them: every other row is blank in the buffer and
    /// shows on the screen what it must.
    pub rows: Option<Vec<u16>>,
}

/// Draws a frame into `buf`, which is blank. Without `scrolled` this is [`render`]. After a
/// scroll of the reader pane alone, over the whole width, it draws only the rows whose content
/// differs from what `memo` (what earlier frames drew, moved by the scroll) says stands there:
/// the rows that came in, those whose hits changed, and the status line. What reaches the
/// screen is the same either way (`tests/scrolled_frames.rs` checks it).
pub(crate) fn render_frame(
    app: &App,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
    memo: &mut FrameMemo,
    scrolled: Option<Scrolled>,
) -> Drawn {
    if let Some(scrolled) = scrolled {
        memo.scroll(scrolled.amount);
        if let Some(drawn) = render_changed(app, theme, area, buf, memo, scrolled) {
            return drawn;
        }
    }
    Drawn { cursor: render_recording(app, theme, area, buf, memo), rows: None }
}

/// The scrolled frame of [`render_frame`], if the reader pane alone scrolled and the memo
/// describes it; `None` (with nothing drawn) otherwise.
fn render_changed(
    app: &App,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
    memo: &mut FrameMemo,
    scrolled: Scrolled,
) -> Option<Drawn> {
    let panes = app.panes();
    if app.overlay().is_some() || panes.list.is_some() || panes.separator.is_some() {
        return None;
    }
    let pane = rect(panes.reader?, area);
    if pane.x != area.x || pane.width != area.width || (pane.y, pane.bottom()) != (scrolled.first, scrolled.end) {
        return None;
    }
    let reader = app.reader().filter(|r| !r.held_back())?;
    let mut rows = reader::render_changed(reader, pane, buf, theme, app.options().ambiguous, memo)?;
    let mut cursor = None;
    if let Some(status) = panes.status {
        let status = rect(status, area);
        let line = status::StatusLine::of(app, status.width);
        // A status line like the last one is on the screen already (a prompt is drawn anyway:
        // it places the cursor).
        if !memo.status_is(&line, status) || app.prompt().is_some() {
            cursor = status::draw(&line, status, buf, theme, app.options().ambiguous);
            rows.extend(status.top()..status.bottom());
            memo.set_status(Some((line, status)));
        }
    } else {
        memo.set_status(None);
    }
    Some(Drawn { cursor, rows: Some(rows) })
}

/// [`render`], noting in `memo` what each row of the reader pane shows.
fn render_recording(
    app: &App,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
    memo: &mut FrameMemo,
) -> Option<(u16, u16)> {
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
    memo.clear();
    if let Some(pane) = panes.reader {
        let r = rect(pane, area);
        match app.reader() {
            Some(r_) if r_.held_back() => {
                let notice = crate::app::navigate::binary_notice(app.entries(), r_.entry(), &app.options().keymap);
                reader::render_notice(&notice, r, buf, theme, ambiguous);
            }
            Some(reader) => reader::render_recording(reader, r, buf, theme, ambiguous, memo),
            None => {
                cells::put_str(buf, r.x, r.y, r.right(), "(no meeting open)", theme.summary, ambiguous);
            }
        }
    }
    let mut cursor = None;
    let body = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let overlay = app.overlay();
    if overlay.is_some() {
        // Drawn over the reader's rows: the memo no longer says what they show.
        memo.clear();
    }
    match overlay {
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
    match panes.status {
        Some(status) => {
            let status = rect(status, area);
            let line = status::StatusLine::of(app, status.width);
            let status_cursor = status::draw(&line, status, buf, theme, ambiguous);
            cursor = cursor.or(status_cursor);
            memo.set_status(Some((line, status)));
        }
        None => memo.set_status(None),
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
