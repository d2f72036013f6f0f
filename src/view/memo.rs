//! What the last frame drew: the reader pane row by row, and the status line. After a scroll the screen driver has
//! already moved the terminal's rows (and its copy of them) with the scroll region, so a frame
//! need only draw the pane rows whose *recipe* — the layout row and the search hits on it — differs
//! from the recipe the memo says stands at that place now: after `j`, the row that came in.
//!
//! A recipe decides a row's cells only together with the [`Context`] (the meeting, the pane, the
//! theme, the width setting); when that changes, the memo is not used and everything is drawn.
//! The status line is drawn again only when its [`StatusLine`] changed.

use std::ops::Range;
use std::sync::{Arc, Weak};

use ratatui::layout::Rect;

use crate::app::reader::Reader;
use crate::core::layout::{Row, RowKind};
use crate::core::meeting::Meeting;
use crate::core::width::AmbiguousWidth;
use crate::view::status::StatusLine;
use crate::view::theme::Theme;

/// What one pane row shows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    /// Not known (not drawn by the reader, or the memo was cleared): must be drawn.
    Unknown,
    /// Blank cells: nothing drawn (a blank row, past the end, or a row the scroll brought in).
    Empty,
    /// The layout row and the search hits on it, as a range of [`Marks`].
    Drawn(Row, Range<u32>),
}

/// A search hit as it shows on one row: the part of it inside the row, and whether it is the
/// current hit. The row's cells follow from its layout row and the list of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    start: u32,
    end: u32,
    current: bool,
}

/// Everything besides the row and its hits that a reader row's cells depend on.
#[derive(Clone, Debug)]
struct Context {
    /// Weak, so the memo keeps no meeting alive, and the address is not reused while it is held.
    meeting: Weak<Meeting>,
    pane: Rect,
    ambiguous: AmbiguousWidth,
    gutter: usize,
    theme: Theme,
}

impl Context {
    fn matches(&self, reader: &Reader, pane: Rect, ambiguous: AmbiguousWidth, theme: &Theme) -> bool {
        std::ptr::eq(self.meeting.as_ptr(), Arc::as_ptr(reader.meeting()))
            && self.pane == pane
            && self.ambiguous == ambiguous
            && self.gutter == reader.layout().gutter
            && self.theme == *theme
    }
}

/// The reader pane's rows and the status line as the last frame left them on the screen (see the
/// module comment).
#[derive(Debug, Default)]
pub struct FrameMemo {
    /// The status line and where it was drawn; valid with the reader's context (same theme and
    /// width setting), since a frame drawn from the memo needs both.
    status: Option<(StatusLine, Rect)>,
    context: Option<Context>,
    slots: Vec<Slot>,
    marks: Vec<Mark>,
    /// The marks of the frame being drawn, swapped with `marks` when it is done.
    next_marks: Vec<Mark>,
}

impl FrameMemo {
    /// Notes the status line drawn in `area` (`None`: none drawn).
    pub(crate) fn set_status(&mut self, status: Option<(StatusLine, Rect)>) {
        self.status = status;
    }

    /// Whether the status line drawn last is `line` in `area`.
    pub(crate) fn status_is(&self, line: &StatusLine, area: Rect) -> bool {
        self.status.as_ref().is_some_and(|(l, a)| l == line && *a == area)
    }

    /// Forgets the reader pane's rows: the next frame draws the whole pane.
    pub fn clear(&mut self) {
        self.context = None;
        self.slots.clear();
    }

    /// Whether the memo describes this reader's pane, as drawn with these settings.
    pub(crate) fn is_for(&self, reader: &Reader, pane: Rect, ambiguous: AmbiguousWidth, theme: &Theme) -> bool {
        self.context.as_ref().is_some_and(|c| c.matches(reader, pane, ambiguous, theme))
            && self.slots.len() == pane.height as usize
    }

    /// Moves the slots as the screen moved the rows: content went up by `amount` rows (down when
    /// negative); the rows that came in are blank.
    pub(crate) fn scroll(&mut self, amount: i32) {
        let height = self.slots.len();
        let by = (amount.unsigned_abs() as usize).min(height);
        if amount > 0 {
            self.slots.rotate_left(by);
            self.slots[height - by..].fill(Slot::Empty);
        } else {
            self.slots.rotate_right(by);
            self.slots[..by].fill(Slot::Empty);
        }
    }

    /// Starts recording a frame of `reader` in `pane` (every slot unknown until recorded).
    pub(crate) fn begin(&mut self, reader: &Reader, pane: Rect, ambiguous: AmbiguousWidth, theme: &Theme) {
        let same = self.context.as_ref().is_some_and(|c| c.matches(reader, pane, ambiguous, theme));
        if !same {
            self.context = Some(Context {
                meeting: Arc::downgrade(reader.meeting()),
                pane,
                ambiguous,
                gutter: reader.layout().gutter,
                theme: theme.clone(),
            });
        }
        self.slots.clear();
        self.slots.resize(pane.height as usize, Slot::Unknown);
        self.next_marks.clear();
    }

    /// Starts a frame drawn over the last one (after [`FrameMemo::scroll`]): slots stay.
    pub(crate) fn continue_frame(&mut self) {
        self.next_marks.clear();
    }

    /// Records what goes at pane row `offset` (`None`: past the end of the rows) and says whether
    /// it must be drawn, that is whether it differs from what stands there now.
    pub(crate) fn record(&mut self, reader: &Reader, offset: usize, row: Option<&Row>) -> bool {
        let slot = match row {
            None => Slot::Empty,
            Some(row) if row.kind == RowKind::Blank => Slot::Empty,
            Some(row) => {
                let start = self.next_marks.len() as u32;
                push_marks(reader, row, &mut self.next_marks);
                Slot::Drawn(*row, start..self.next_marks.len() as u32)
            }
        };
        let Some(old) = self.slots.get_mut(offset) else { return true };
        let same = match (&*old, &slot) {
            (Slot::Empty, Slot::Empty) => true,
            (Slot::Drawn(old_row, old_marks), Slot::Drawn(row, marks)) => {
                old_row == row && marks_of(&self.marks, old_marks) == marks_of(&self.next_marks, marks)
            }
            _ => false,
        };
        *old = slot;
        !same
    }

    /// Ends the frame: the marks recorded become the ones the slots refer to.
    pub(crate) fn finish(&mut self) {
        std::mem::swap(&mut self.marks, &mut self.next_marks);
    }
}

fn marks_of<'a>(marks: &'a [Mark], range: &Range<u32>) -> &'a [Mark] {
    marks.get(range.start as usize..range.end as usize).unwrap_or_default()
}

/// The hits on `row`, cut to it, in the order the view looks them up.
fn push_marks(reader: &Reader, row: &Row, out: &mut Vec<Mark>) {
    let Some(text) = row.text else { return };
    let (first, hits) = reader.search().hits_in_text(text);
    let current = reader.search().current();
    for (i, hit) in hits.iter().enumerate() {
        if hit.start < row.end && hit.end > row.start {
            out.push(Mark {
                start: hit.start.max(row.start),
                end: hit.end.min(row.end),
                current: current == Some(first + i),
            });
        }
    }
}
