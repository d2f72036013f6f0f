//! The cells of a broken row, and `fold`, the plain-text use of the breaker.
//!
//! The renderer and `fold` both walk rows through [`row_cells`], which measures with the same
//! function and tab rule as the breaker: what is measured is what is drawn.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

use super::{LineBreaker, RowSpan};
use crate::core::width::{AmbiguousWidth, TAB_STOP, grapheme_width};

/// One grapheme of a row, where it is in the paragraph and where it goes on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowCell<'a> {
    pub grapheme: &'a str,
    /// Byte offset of the grapheme in the paragraph.
    pub offset: usize,
    /// Column of its first cell, counted from the start of the row.
    pub column: usize,
    /// Columns it takes: 0..=2, or up to [`TAB_STOP`] for a tab.
    pub width: usize,
}

/// Iterator returned by [`row_cells`].
#[derive(Clone, Debug)]
pub struct RowCells<'a> {
    graphemes: GraphemeIndices<'a>,
    base: usize,
    column: usize,
    ambiguous: AmbiguousWidth,
}

/// The graphemes of `row` (from [`super::break_paragraph`] on `text`) with offsets and columns.
/// Tabs are expanded from the start of the row, as the breaker measured them. A range that does
/// not fit `text` yields nothing rather than panicking.
pub fn row_cells<'a>(text: &'a str, row: &RowSpan, ambiguous: AmbiguousWidth) -> RowCells<'a> {
    let slice = text.get(row.range.clone()).unwrap_or("");
    RowCells {
        graphemes: slice.grapheme_indices(true),
        base: if slice.is_empty() { 0 } else { row.range.start },
        column: 0,
        ambiguous,
    }
}

impl<'a> Iterator for RowCells<'a> {
    type Item = RowCell<'a>;

    fn next(&mut self) -> Option<RowCell<'a>> {
        let (at, grapheme) = self.graphemes.next()?;
        let width =
            if grapheme == "\t" { TAB_STOP - self.column % TAB_STOP } else { grapheme_width(grapheme, self.ambiguous) };
        let cell = RowCell { grapheme, offset: self.base + at, column: self.column, width };
        self.column += width;
        Some(cell)
    }
}

/// The engine of `gijiroku fold`: wraps every line of `input` at `width` columns.
///
/// Each line (split on `\n`, a trailing `\r` removed) is one paragraph; the output has one line
/// per display row, each ended by `\n`, except that the last row has none when `input` does not
/// end with `\n`. Blank lines stay blank, tabs become the spaces they expand to, other control
/// characters are left out (they take no column, and a terminal would act on them), and no
/// padding is added.
pub fn fold_text(input: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    if input.is_empty() {
        return String::new();
    }
    let (body, ends_with_newline) = match input.strip_suffix('\n') {
        Some(body) => (body, true),
        None => (input, false),
    };
    let mut out = String::with_capacity(input.len() + input.len() / 16);
    let mut breaker = LineBreaker::new();
    let mut rows = Vec::new();
    let mut first = true;
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        rows.clear();
        breaker.break_into(line, width, ambiguous, &mut rows);
        for row in &rows {
            if !first {
                out.push('\n');
            }
            first = false;
            for cell in row_cells(line, row, ambiguous) {
                if cell.grapheme == "\t" {
                    out.extend(std::iter::repeat_n(' ', cell.width));
                } else if !cell.grapheme.starts_with(char::is_control) {
                    out.push_str(cell.grapheme);
                }
            }
        }
    }
    if ends_with_newline {
        out.push('\n');
    }
    out
}
