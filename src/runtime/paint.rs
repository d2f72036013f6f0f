//! Drawing frames: the view renders the app into the screen driver's buffer, and the driver sends
//! the difference. When only the reader scrolled, the driver moves its copy of the screen with the
//! terminal's scroll region first, and the view draws only the rows that differ from it (the
//! ones that came in and the status line), so a one-line scroll costs a row or two of work, not
//! a screen.

use std::io::{self, Write};

use crate::app::App;
use crate::runtime::screen::{Screen, ScrollHint};
use crate::view::memo::FrameMemo;
use crate::view::theme::Theme;
use crate::view::{Scrolled, render_frame};

/// What the last frame showed: where the reader stood, and what each of its rows holds.
#[derive(Debug, Default)]
pub struct Painter {
    shown: Option<ViewSnapshot>,
    memo: FrameMemo,
    /// How many rows the last frame drew, when not all of them.
    rows_drawn: Option<usize>,
}

impl Painter {
    /// Draws the app's frame and sends it. A frame that answers input is sent even when it
    /// changes nothing; one for a worker's report is not (see [`Screen::present_rows`]).
    pub fn draw<W: Write>(
        &mut self,
        app: &App,
        theme: &Theme,
        screen: &mut Screen<W>,
        answers_input: bool,
    ) -> io::Result<()> {
        let now = snapshot(app);
        let hint = scroll_hint(self.shown, now);
        let scrolled = screen.scroll_ahead(hint).map(|h| Scrolled { first: h.first, end: h.end, amount: h.amount });
        let area = screen.area();
        let drawn = render_frame(app, theme, area, screen.buffer_mut(), &mut self.memo, scrolled);
        screen.present_rows(drawn.cursor, hint, drawn.rows.as_deref(), answers_input)?;
        self.rows_drawn = drawn.rows.map(|rows| rows.len());
        self.shown = now;
        Ok(())
    }

    /// How many screen rows the last frame drew, when it drew only some (after a scroll); `None`
    /// when it drew them all. For tests and benches.
    pub fn rows_drawn(&self) -> Option<usize> {
        self.rows_drawn
    }
}

/// Where the reader stood before an event, to tell a scroll from any other change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ViewSnapshot {
    entry: usize,
    layout_generation: u64,
    top: usize,
    first_row: u16,
    end_row: u16,
    width: u16,
    /// The reader pane spans the terminal's width.
    whole_rows: bool,
}

fn snapshot(app: &App) -> Option<ViewSnapshot> {
    let reader = app.reader()?;
    let pane = app.panes().reader?;
    if app.overlay().is_some() {
        return None;
    }
    Some(ViewSnapshot {
        entry: reader.entry(),
        layout_generation: reader.layout_generation(),
        top: reader.top(),
        first_row: pane.y,
        end_row: pane.y + pane.height,
        width: app.width(),
        whole_rows: pane.x == 0 && pane.width == app.width(),
    })
}

fn scroll_hint(before: Option<ViewSnapshot>, after: Option<ViewSnapshot>) -> Option<ScrollHint> {
    let (before, after) = (before?, after?);
    let same_view = ViewSnapshot { top: before.top, ..after } == before;
    let amount = after.top as i64 - before.top as i64;
    let height = i64::from(after.end_row - after.first_row);
    (same_view && amount != 0 && amount.abs() < height).then_some(ScrollHint {
        first: after.first_row,
        end: after.end_row,
        amount: amount as i32,
        whole_rows: after.whole_rows,
    })
}
