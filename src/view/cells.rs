//! Writing text into the buffer cell by cell with *our* width per grapheme, so that the layout
//! and the terminal agree (ratatui measures some graphemes differently, e.g. halfwidth ｶﾞ, and
//! knows nothing of the ambiguous-width setting). Wide graphemes carry a forced width so the
//! diff skips the cell they cover. Nothing written here can act on the terminal: controls are
//! replaced, and absurd grapheme clusters (a hundred stacked combining marks) are trimmed.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::core::sanitize::is_combining_mark;
use crate::core::width::{AmbiguousWidth, grapheme_width};

/// Most characters kept in one cell: a base, a few marks, or an emoji ZWJ sequence.
const MAX_CLUSTER_CHARS: usize = 12;

/// Draws one grapheme at (x, y) taking `width` columns. Returns false if it did not fit.
pub(crate) fn put_grapheme(buf: &mut Buffer, x: u16, y: u16, grapheme: &str, width: usize, style: Style) -> bool {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() {
        return false;
    }
    let width = width.min(2) as u16;
    if width == 0 {
        return true;
    }
    if x.saturating_add(width) > area.right() {
        return false;
    }
    let symbol = safe_symbol(grapheme);
    split_wide_neighbour(buf, x, y);
    let cell = &mut buf[(x, y)];
    cell.reset();
    cell.set_symbol(&symbol).set_style(style);
    if width > 1 {
        if let Some(w) = NonZeroU16::new(width) {
            cell.set_diff_option(CellDiffOption::ForcedWidth(w));
        }
        for dx in 1..width {
            let hidden = &mut buf[(x + dx, y)];
            hidden.reset();
            hidden.set_style(style);
        }
    }
    true
}

/// Writing into the right half of a wide grapheme (an overlay's border over a kanji) would leave
/// the kanji drawn over the new cell: blank the kanji instead.
fn split_wide_neighbour(buf: &mut Buffer, x: u16, y: u16) {
    if x > buf.area.left() {
        let left = &mut buf[(x - 1, y)];
        if matches!(left.diff_option, CellDiffOption::ForcedWidth(w) if w.get() > 1) {
            let style = left.style();
            left.reset();
            left.set_style(style);
        }
    }
}

/// A symbol that is safe to send: controls become U+FFFD, huge clusters are trimmed, and a
/// cluster that starts with a combining mark gets a dotted circle to sit on. Clean graphemes
/// (nearly all) are passed through without a copy: this runs for every cell of every frame.
fn safe_symbol(grapheme: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = grapheme.chars();
    let first_ok = chars.next().is_some_and(|c| !c.is_control() && !is_combining_mark(c));
    let clean = first_ok
        && grapheme.len() <= 4 * MAX_CLUSTER_CHARS
        && chars.clone().count() < MAX_CLUSTER_CHARS
        && !chars.any(char::is_control);
    if clean {
        return std::borrow::Cow::Borrowed(grapheme);
    }
    let mut out = String::with_capacity(grapheme.len().min(64));
    for (i, c) in grapheme.chars().enumerate() {
        if i >= MAX_CLUSTER_CHARS {
            break;
        }
        if c.is_control() {
            out.push('\u{FFFD}');
        } else {
            if i == 0 && is_combining_mark(c) {
                out.push('\u{25CC}');
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Draws `text` from (x, y), clipped at `max_x` (exclusive). Returns the column after the text.
/// A wide grapheme that would straddle the edge is replaced by a space, never half-drawn.
pub(crate) fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_x: u16,
    text: &str,
    style: Style,
    ambiguous: AmbiguousWidth,
) -> u16 {
    let mut col = x;
    for grapheme in text.graphemes(true) {
        let width = if grapheme == "\t" { 1 } else { grapheme_width(grapheme, ambiguous) };
        if col as usize + width > max_x as usize {
            if col < max_x {
                fill(buf, col, y, max_x, style);
                col = max_x;
            }
            break;
        }
        let symbol = if grapheme == "\t" { " " } else { grapheme };
        put_grapheme(buf, col, y, symbol, width, style);
        col += width as u16;
    }
    col
}

/// Draws `text` clipped to end with `…` when it does not fit between x and max_x.
pub(crate) fn put_str_ellipsis(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_x: u16,
    text: &str,
    style: Style,
    ambiguous: AmbiguousWidth,
) -> u16 {
    let available = max_x.saturating_sub(x) as usize;
    let ellipsis_width = grapheme_width("…", ambiguous);
    if crate::core::width::str_width(text, ambiguous) <= available || available <= ellipsis_width {
        return put_str(buf, x, y, max_x, text, style, ambiguous);
    }
    let end = put_str(buf, x, y, max_x - ellipsis_width as u16, text, style, ambiguous);
    put_str(buf, end, y, max_x, "…", style, ambiguous)
}

/// Fills cells [x, max_x) of row y with blanks in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, max_x: u16, style: Style) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return;
    }
    let start = x.max(area.left());
    if start < max_x.min(area.right()) {
        split_wide_neighbour(buf, start, y);
    }
    for col in start..max_x.min(area.right()) {
        let cell = &mut buf[(col, y)];
        cell.reset();
        cell.set_style(style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use ratatui::layout::Rect;

    #[test]
    fn controls_never_reach_a_cell() {
        assert_eq!(safe_symbol("\u{1b}"), "\u{FFFD}");
        assert_eq!(safe_symbol("a\u{7}"), "a\u{FFFD}");
        let stacked: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 100)).collect();
        assert_eq!(safe_symbol(&stacked).chars().count(), MAX_CLUSTER_CHARS);
        assert_eq!(safe_symbol("\u{301}"), "\u{25CC}\u{301}");
    }

    #[test]
    fn wide_graphemes_never_straddle_the_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let end = put_str(&mut buf, 0, 0, 5, "議事録", Style::new(), AmbiguousWidth::Narrow);
        assert_eq!(end, 5);
        assert_eq!(buf[(0, 0)].symbol(), "議");
        assert_eq!(buf[(2, 0)].symbol(), "事");
        assert_eq!(buf[(4, 0)].symbol(), " ");
    }

    #[test]
    fn overwriting_the_right_half_of_a_wide_grapheme_blanks_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        put_str(&mut buf, 0, 0, 4, "議事", Style::new(), AmbiguousWidth::Narrow);
        put_str(&mut buf, 1, 0, 2, "│", Style::new(), AmbiguousWidth::Narrow);
        assert_eq!(buf[(0, 0)].symbol(), " ");
        assert_eq!(buf[(1, 0)].symbol(), "│");
        assert_eq!(buf[(2, 0)].symbol(), "事");
    }

    #[test]
    fn ambiguous_wide_characters_take_two_cells() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let end = put_str(&mut buf, 0, 0, 6, "○a", Style::new(), AmbiguousWidth::Wide);
        assert_eq!(end, 3);
        assert_eq!(buf[(2, 0)].symbol(), "a");
    }
}
