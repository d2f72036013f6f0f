//! The screen driver: double-buffered like ratatui's `Terminal`, but it writes the escape
//! sequences itself so that a frame costs few bytes over a slow SSH link:
//!
//! - only changed cells are sent; cursor moves take the shortest form (`\r\n`, CUF, CUP) and
//!   follow wide characters, so a row of kanji is one run, not a move per character;
//! - a row that ends in blanks is cut short with EL (`ESC [K`);
//! - when the view scrolled, the terminal's own scrolling (DECSTBM + SU/SD) moves the rows
//!   and only the new ones are drawn, if that is cheaper than repainting; the previous buffer is
//!   shifted the same way so the diff stays true;
//! - each frame is wrapped in synchronized output (`CSI ? 2026 h/l`), which terminals that do not
//!   know it ignore.

use std::io::{self, Write};

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

mod emitter;
use emitter::{DEFAULT_PEN, Emitter};

/// Rows `first..end` of the screen scrolled by `amount` (positive: content moved up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScrollHint {
    pub first: u16,
    pub end: u16,
    pub amount: i32,
    /// The region spans whole rows of one pane (no other pane shares its rows), so scrolling is
    /// sure to pay for a small amount and need not be weighed against a plain diff.
    pub whole_rows: bool,
}

/// Begins synchronized output: the terminal shows the frame only once it is complete.
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";

pub struct Screen<W: Write> {
    out: W,
    /// The terminal's screen as the last frame left it, its rows in the order of `row_map`.
    previous: Buffer,
    /// For each screen row, which row of `previous` holds its cells: a scroll moves these
    /// indices, not the cells.
    row_map: Vec<u16>,
    /// The frame being drawn; blank between frames.
    current: Buffer,
    /// A blank row, to compare new rows with.
    blank: Vec<Cell>,
    /// A scroll already applied to `previous` by [`Screen::scroll_ahead`], sent at the start of
    /// the next frame.
    pending_scroll: Option<ScrollHint>,
    /// The next frame repaints everything (after a resize, a redraw request, start-up).
    full: bool,
    /// Whether the terminal shows its cursor, once known: the mode is sent only when it changes.
    cursor_shown: Option<bool>,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W, width: u16, height: u16) -> Screen<W> {
        let area = Rect::new(0, 0, width, height);
        Screen {
            out,
            previous: Buffer::empty(area),
            row_map: (0..height).collect(),
            current: Buffer::empty(area),
            blank: vec![Cell::default(); usize::from(width)],
            pending_scroll: None,
            full: true,
            cursor_shown: None,
        }
    }

    pub fn area(&self) -> Rect {
        self.current.area
    }

    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        self.previous = Buffer::empty(area);
        self.row_map = (0..height).collect();
        self.current = Buffer::empty(area);
        self.blank = vec![Cell::default(); usize::from(width)];
        self.pending_scroll = None;
        self.full = true;
    }

    /// Forces a full repaint on the next frame.
    pub(crate) fn invalidate(&mut self) {
        self.full = true;
    }

    /// The buffer to draw the next frame into (cleared).
    pub fn buffer_mut(&mut self) -> &mut Buffer {
        &mut self.current
    }

    /// Sends the frame drawn into [`Screen::buffer_mut`] and places the cursor.
    pub fn present(&mut self, cursor: Option<(u16, u16)>, scroll: Option<ScrollHint>) -> io::Result<()> {
        self.present_frame(cursor, scroll, true, None)
    }

    /// As [`Screen::present`], but a frame that changes nothing sends nothing at all. Frames that
    /// answer input are always sent (an empty one is 16 bytes), so that whoever typed a key can
    /// tell it was handled; frames for a worker's report need not be.
    #[cfg(test)] // the runtime sends through `present_rows`, which takes the same flag
    pub(crate) fn present_if_changed(
        &mut self,
        cursor: Option<(u16, u16)>,
        scroll: Option<ScrollHint>,
    ) -> io::Result<()> {
        self.present_frame(cursor, scroll, false, None)
    }

    /// Takes a scroll before the frame is drawn, when it is sure to pay (a pane of whole rows
    /// moved by at most half its height) and the next frame is not a full repaint: the copy of
    /// the screen is moved now, so the frame need only draw the rows that differ from it (see
    /// [`Screen::present_rows`]). Returns the scroll taken. The scroll itself is sent with the
    /// next frame, which must follow.
    pub(crate) fn scroll_ahead(&mut self, hint: Option<ScrollHint>) -> Option<ScrollHint> {
        let hint = hint?;
        let height = i32::from(hint.end.saturating_sub(hint.first));
        let sure = hint.whole_rows && hint.amount != 0 && hint.amount.abs() * 2 <= height;
        if self.full || self.pending_scroll.is_some() || !sure || hint.end > self.current.area.height {
            return None;
        }
        let region = &mut self.row_map[usize::from(hint.first)..usize::from(hint.end)];
        let by = hint.amount.unsigned_abs() as usize;
        // The rows that come in are blank on the terminal: those the scroll pushed out, reused.
        let came_in = if hint.amount > 0 {
            region.rotate_left(by);
            region.len() - by..region.len()
        } else {
            region.rotate_right(by);
            0..by
        };
        let width = usize::from(self.previous.area.width);
        for &row in &region[came_in] {
            let start = usize::from(row) * width;
            if let Some(cells) = self.previous.content.get_mut(start..start + width) {
                cells.iter_mut().for_each(Cell::reset);
            }
        }
        self.pending_scroll = Some(hint);
        Some(hint)
    }

    /// Sends a frame of which only `rows` were drawn into [`Screen::buffer_mut`] (after
    /// [`Screen::scroll_ahead`]); every other row of the buffer is blank and the terminal shows
    /// on it what the frame must. `None` for `rows`: the whole frame was drawn, as for
    /// [`Screen::present`].
    pub(crate) fn present_rows(
        &mut self,
        cursor: Option<(u16, u16)>,
        scroll: Option<ScrollHint>,
        rows: Option<&[u16]>,
        always: bool,
    ) -> io::Result<()> {
        self.present_frame(cursor, scroll, always, rows)
    }

    fn present_frame(
        &mut self,
        cursor: Option<(u16, u16)>,
        scroll: Option<ScrollHint>,
        always: bool,
        rows: Option<&[u16]>,
    ) -> io::Result<()> {
        let mut frame: Vec<u8> = Vec::with_capacity(4096);
        frame.extend_from_slice(SYNC_BEGIN);
        // Every frame ends with the attributes reset, so the next one starts from the default
        // pen; only the first frame (and one after a redraw request) must say so.
        let mut shift = None;
        if self.full {
            frame.extend_from_slice(b"\x1b[0m\x1b[2J");
            self.previous.reset();
            self.pending_scroll = None;
            self.full = false;
            self.cursor_shown = None;
        } else if let Some(taken) = self.pending_scroll.take() {
            // `previous` was moved already: compare with it as it is.
            emit_scroll(&mut frame, taken);
        } else if let Some(hint) = scroll.filter(|h| self.scroll_pays(*h)) {
            emit_scroll(&mut frame, hint);
            shift = Some(hint);
        }
        let width = self.current.area.width as usize;
        let height = self.current.area.height;
        let blank = &self.blank;
        let mut writer = Emitter { out: &mut frame, pen: Some(DEFAULT_PEN), at: None, width: width as u16 };
        let mut diff_row = |y: u16| {
            // After a scroll the terminal shows, in the region, the old row `amount` below (or
            // blank for rows scrolled in): compare with that, without moving any memory.
            let before = match shift {
                Some(hint) => shifted_row(&self.previous, &self.row_map, hint, width, i32::from(y)),
                None => shown_row(&self.previous, &self.row_map, width, i32::from(y)),
            };
            if let Some(now) = row_of(&self.current, width, i32::from(y)) {
                writer.row_cells(before.unwrap_or(blank), now, y);
            }
        };
        match rows {
            Some(rows) => rows.iter().copied().filter(|&y| y < height).for_each(&mut diff_row),
            None => (0..height).for_each(&mut diff_row),
        }
        writer.reset_pen();
        if let Some((x, y)) = cursor {
            let _ = write!(writer.out, "\x1b[{};{}H", y + 1, x + 1);
        }
        let show = cursor.is_some();
        if self.cursor_shown != Some(show) {
            writer.out.extend_from_slice(if show { b"\x1b[?25h" } else { b"\x1b[?25l" });
            self.cursor_shown = Some(show);
        }
        if always || frame.len() > SYNC_BEGIN.len() {
            frame.extend_from_slice(b"\x1b[?2026l");
            self.out.write_all(&frame)?;
            self.out.flush()?;
        }
        match rows {
            Some(rows) => self.keep_rows(rows),
            None => {
                std::mem::swap(&mut self.previous, &mut self.current);
                self.row_map.iter_mut().zip(0..).for_each(|(row, y)| *row = y);
                self.current.reset();
            }
        }
        Ok(())
    }

    /// After a frame of a few rows: those rows of `current` go into the copy of the screen, and
    /// `current` is blank again.
    fn keep_rows(&mut self, rows: &[u16]) {
        let width = usize::from(self.current.area.width);
        debug_assert!(
            (0..self.current.area.height).filter(|y| !rows.contains(y)).all(|y| {
                row_of(&self.current, width, i32::from(y)).is_some_and(|r| r.iter().all(|c| *c == Cell::default()))
            }),
            "a row drawn but not listed"
        );
        for &y in rows {
            let (Some(&kept), Some(now)) = (
                self.row_map.get(usize::from(y)),
                self.current.content.get_mut(usize::from(y) * width..(usize::from(y) + 1) * width),
            ) else {
                continue;
            };
            let start = usize::from(kept) * width;
            if let Some(shown) = self.previous.content.get_mut(start..start + width) {
                shown.swap_with_slice(now);
            }
            now.iter_mut().for_each(Cell::reset);
        }
    }

    /// Whether scrolling the region and drawing the new rows costs less than a plain diff.
    fn scroll_pays(&self, hint: ScrollHint) -> bool {
        let height = i32::from(hint.end.saturating_sub(hint.first));
        if hint.amount == 0 || hint.amount.abs() >= height || hint.end > self.current.area.height {
            return false;
        }
        // A pane of whole rows scrolled by less than half its height: every row would change in a
        // plain diff, only the new ones after a scroll.
        if hint.whole_rows && hint.amount.abs() * 2 <= height {
            return true;
        }
        // Otherwise weigh the two, row by row inside the region (rows outside cost the same).
        let width = self.current.area.width as usize;
        let blank = vec![Cell::default(); width];
        let mut scratch = Vec::new();
        let mut cost = |before: &[Cell], after: &[Cell]| {
            scratch.clear();
            let mut emitter = Emitter { out: &mut scratch, pen: Some(DEFAULT_PEN), at: None, width: width as u16 };
            emitter.row_cells(before, after, 0);
            scratch.len()
        };
        let rows = i32::from(hint.first)..i32::from(hint.end);
        // About 20 bytes for the region, the scroll and the reset.
        let mut scrolled = 20;
        for y in rows.clone() {
            if let Some(now) = row_of(&self.current, width, y) {
                scrolled += cost(shifted_row(&self.previous, &self.row_map, hint, width, y).unwrap_or(&blank), now);
            }
        }
        // The plain diff usually passes that within a row or two: stop counting there.
        let mut plain = 0;
        for y in rows {
            if let Some(now) = row_of(&self.current, width, y) {
                plain += cost(shown_row(&self.previous, &self.row_map, width, y).unwrap_or(&blank), now);
                if plain > scrolled {
                    return true;
                }
            }
        }
        false
    }
}

/// Row `y` of a buffer.
fn row_of(buffer: &Buffer, width: usize, y: i32) -> Option<&[Cell]> {
    let start = usize::try_from(y).ok()? * width;
    buffer.content.get(start..start + width)
}

/// Row `y` of the screen copy `buffer`, whose rows are in the order of `row_map`.
fn shown_row<'a>(buffer: &'a Buffer, row_map: &[u16], width: usize, y: i32) -> Option<&'a [Cell]> {
    let row = *row_map.get(usize::try_from(y).ok()?)?;
    row_of(buffer, width, i32::from(row))
}

/// What the terminal shows at row `y` after scrolling by `hint` a screen that showed `buffer`:
/// outside the region the same row, inside it the row `amount` further, or `None` (blank) for
/// rows scrolled in.
fn shifted_row<'a>(buffer: &'a Buffer, row_map: &[u16], hint: ScrollHint, width: usize, y: i32) -> Option<&'a [Cell]> {
    let (first, end) = (i32::from(hint.first), i32::from(hint.end));
    if y < first || y >= end {
        return shown_row(buffer, row_map, width, y);
    }
    let source = y + hint.amount;
    if source < first || source >= end { None } else { shown_row(buffer, row_map, width, source) }
}

fn emit_scroll(frame: &mut Vec<u8>, hint: ScrollHint) {
    let _ = write!(frame, "\x1b[{};{}r", hint.first + 1, hint.end);
    if hint.amount > 0 {
        let _ = write!(frame, "\x1b[{}S", hint.amount);
    } else {
        let _ = write!(frame, "\x1b[{}T", -hint.amount);
    }
    frame.extend_from_slice(b"\x1b[r");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::width::AmbiguousWidth;
    use crate::view::cells::put_str;
    use ratatui::style::Style;

    fn draw(screen: &mut Screen<Vec<u8>>, rows: &[&str]) {
        let buf = screen.buffer_mut();
        for (y, row) in rows.iter().enumerate() {
            put_str(buf, 0, y as u16, buf.area.width, row, Style::new(), AmbiguousWidth::Narrow);
        }
    }

    /// Feeds everything written to a terminal emulator and returns its screen rows.
    fn emulate(bytes: &[u8], width: u16, height: u16) -> Vec<String> {
        let (Some(rows), Some(cols)) = (std::num::NonZeroU16::new(height), std::num::NonZeroU16::new(width)) else {
            return Vec::new();
        };
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(bytes);
        parser.screen().rows(0, width).collect()
    }

    #[test]
    fn frames_reach_the_screen_as_drawn() {
        let mut screen = Screen::new(Vec::new(), 20, 3);
        draw(&mut screen, &["議事録の確認", "two", "三行目 three"]);
        screen.present(None, None).unwrap();
        draw(&mut screen, &["議事録の修正", "", "三行目"]);
        screen.present(None, None).unwrap();
        let rows = emulate(screen.writer(), 20, 3);
        assert_eq!(rows, ["議事録の修正", "", "三行目"]);
    }

    #[test]
    fn styles_reach_the_terminal_as_sgr() {
        use ratatui::style::{Color, Modifier};
        let mut screen = Screen::new(Vec::new(), 10, 2);
        let style = Style::new().fg(Color::Blue).bg(Color::Indexed(208)).add_modifier(Modifier::BOLD);
        let buf = screen.buffer_mut();
        put_str(buf, 0, 0, 10, "委員", style, AmbiguousWidth::Narrow);
        put_str(buf, 0, 1, 10, "plain", Style::new().fg(Color::Rgb(1, 2, 3)), AmbiguousWidth::Narrow);
        screen.present(None, None).unwrap();
        let sent = String::from_utf8_lossy(screen.writer()).into_owned();
        assert!(sent.contains("\x1b[1;34;48;5;208m委員"), "{sent:?}");
        // Bold goes away: a reset, then the new colours.
        assert!(sent.contains("\x1b[0;38;2;1;2;3mplain"), "{sent:?}");
        let size = |n| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(2), size(10), 0);
        parser.process(screen.writer());
        let cell = parser.screen().cell(0, 0).unwrap();
        assert!(cell.bold());
        assert_eq!(cell.fgcolor(), vt100::Color::Idx(4));
        assert_eq!(cell.bgcolor(), vt100::Color::Idx(208));
        assert_eq!(parser.screen().cell(1, 0).unwrap().fgcolor(), vt100::Color::Rgb(1, 2, 3));
    }

    #[test]
    fn a_frame_that_changes_nothing_sends_nothing_unless_it_answers_input() {
        let mut screen = Screen::new(Vec::new(), 20, 3);
        draw(&mut screen, &["議事録", "two"]);
        screen.present(None, None).unwrap();
        let sent = screen.writer().len();
        draw(&mut screen, &["議事録", "two"]);
        screen.present_if_changed(None, None).unwrap();
        assert_eq!(screen.writer().len(), sent);
        // An answer to input is sent even when it changes nothing.
        draw(&mut screen, &["議事録", "two"]);
        screen.present(None, None).unwrap();
        assert_eq!(screen.writer().len() - sent, b"\x1b[?2026h\x1b[?2026l".len());
        // The cursor appearing is a change.
        let sent = screen.writer().len();
        draw(&mut screen, &["議事録", "two"]);
        screen.present_if_changed(Some((1, 1)), None).unwrap();
        assert!(screen.writer().len() > sent);
    }

    /// Regression: a wide grapheme drawn one cell left of an old one at a row's end cut that old
    /// one in half, and its right half stayed behind in terminals (and emulators) that do not
    /// erase both halves; the tail of the row is now cleared.
    #[test]
    fn the_stale_right_half_of_an_overwritten_wide_grapheme_is_cleared_at_the_row_end() {
        let mut screen = Screen::new(Vec::new(), 10, 1);
        draw(&mut screen, &["xxxxxxxあ"]);
        screen.present(None, None).unwrap();
        let before = screen.writer().len();
        draw(&mut screen, &["xxxxxxく"]);
        screen.present(None, None).unwrap();
        let frame = String::from_utf8_lossy(&screen.writer()[before..]).into_owned();
        assert!(frame.contains("く\u{1b}[K"), "{frame:?}");
    }

    #[test]
    fn a_scrolled_frame_uses_the_terminal_scroll_and_stays_correct() {
        let words = ["議事録", "委員会", "予算案", "図書館", "防災訓練", "市民の森", "公共交通", "子育て支援"];
        let lines: Vec<String> = (0..12).map(|i| format!("{}と{}の件", words[i % 8], words[(i * 3 + 1) % 8])).collect();
        let mut screen = Screen::new(Vec::new(), 30, 6);
        let frame = |top: usize| lines[top..top + 5].iter().map(String::as_str).collect::<Vec<_>>();
        draw(&mut screen, &frame(0));
        screen.present(None, None).unwrap();
        let before = screen.writer().len();
        draw(&mut screen, &frame(1));
        screen.present(None, Some(ScrollHint { first: 0, end: 5, amount: 1, whole_rows: false })).unwrap();
        let scrolled_bytes = screen.writer().len() - before;
        let bytes = screen.writer().clone();
        assert!(String::from_utf8_lossy(&bytes[before..]).contains("\x1b[1S"));
        assert!(scrolled_bytes < 120, "{scrolled_bytes} bytes for a one-line scroll");
        let rows = emulate(&bytes, 30, 6);
        assert_eq!(&rows[..5], &frame(1)[..]);
    }

    /// A scroll taken ahead moves the copy of the screen, so a frame that draws only the row that
    /// came in (and a changed last row) leaves the terminal showing the whole new frame.
    #[test]
    fn a_scroll_taken_ahead_needs_only_the_rows_that_changed() {
        let lines: Vec<String> = (0..12).map(|i| format!("{i}行目の議事録　委員会")).collect();
        let frame = |top: usize, status: &'static str| -> Vec<String> {
            let mut rows: Vec<String> = lines[top..top + 5].to_vec();
            rows.push(status.to_owned());
            rows
        };
        for (amount, top) in [(1, 1), (2, 2), (-1, 0)] {
            let mut screen = Screen::new(Vec::new(), 30, 6);
            let start = if amount < 0 { 1 } else { 0 };
            draw(&mut screen, &frame(start, "1%").iter().map(String::as_str).collect::<Vec<_>>());
            screen.present(None, None).unwrap();
            let hint = ScrollHint { first: 0, end: 5, amount, whole_rows: true };
            assert_eq!(screen.scroll_ahead(Some(hint)), Some(hint));
            // Only the rows that came in and the status line.
            let wanted = frame(top, "2%");
            let came_in: Vec<u16> = if amount > 0 { (5 - amount as u16..5).collect() } else { vec![0] };
            let buf = screen.buffer_mut();
            for &y in &came_in {
                put_str(buf, 0, y, 30, &wanted[y as usize], Style::new(), AmbiguousWidth::Narrow);
            }
            put_str(buf, 0, 5, 30, &wanted[5], Style::new(), AmbiguousWidth::Narrow);
            let rows: Vec<u16> = came_in.iter().copied().chain([5]).collect();
            screen.present_rows(None, None, Some(&rows), true).unwrap();
            assert_eq!(emulate(screen.writer(), 30, 6), wanted, "amount {amount}");
            // The copy of the screen is right too: a full frame of the same rows sends no text.
            let sent = screen.writer().len();
            draw(&mut screen, &wanted.iter().map(String::as_str).collect::<Vec<_>>());
            screen.present(None, None).unwrap();
            assert_eq!(screen.writer().len() - sent, b"\x1b[?2026h\x1b[?2026l".len(), "amount {amount}");
        }
    }
}
