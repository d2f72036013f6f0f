//! The cells of a broken row, and `fold`, the plain-text use of the breaker.
//!
//! The renderer and `fold` both walk rows through [`row_cells`], which measures with the same
//! function and tab rule as the breaker: what is measured is what is drawn.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

use super::{LineBreaker, RowSpan};
use crate::width::{AmbiguousWidth, TAB_STOP, grapheme_width};

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
    graphemes: Segments<'a>,
    base: usize,
    column: usize,
    ambiguous: AmbiguousWidth,
}

/// Grapheme clusters, or plain characters when the row has nothing that could join two
/// characters into one cluster (the usual Japanese row): the renderer walks every row of every
/// frame, and full segmentation is its largest cost.
#[derive(Clone, Debug)]
pub(super) enum Segments<'a> {
    Graphemes(GraphemeIndices<'a>),
    Chars(&'a str, std::str::CharIndices<'a>),
}

impl<'a> Iterator for Segments<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Segments::Graphemes(graphemes) => graphemes.next(),
            Segments::Chars(text, chars) => {
                let (at, c) = chars.next()?;
                Some((at, &text[at..at + c.len_utf8()]))
            }
        }
    }
}

/// The clusters of `text`, by the cheap path when it allows.
pub(super) fn segments(text: &str) -> Segments<'_> {
    if text.chars().all(stands_alone) {
        Segments::Chars(text, text.char_indices())
    } else {
        Segments::Graphemes(text.grapheme_indices(true))
    }
}

/// Characters that are always a cluster of their own and never join the next one: not an
/// extending mark, joiner, variation selector, prepended or spacing mark, regional indicator,
/// Hangul jamo or carriage return. Conservative: anything unlisted takes the full segmenter.
pub(super) fn stands_alone(c: char) -> bool {
    matches!(c,
        '\t' | ' '..='~' | '\u{A0}'..='\u{2FF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
        | '\u{2190}'..='\u{2BFF}' | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{3098}' | '\u{309B}'..='\u{30FF}' | '\u{3200}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF9D}')
}

/// The graphemes of `row` (from [`super::break_paragraph`] on `text`) with offsets and columns.
/// Tabs are expanded from the start of the row, as the breaker measured them. A range that does
/// not fit `text` yields nothing rather than panicking.
pub fn row_cells<'a>(text: &'a str, row: &RowSpan, ambiguous: AmbiguousWidth) -> RowCells<'a> {
    let slice = text.get(row.range.clone()).unwrap_or("");
    RowCells {
        graphemes: segments(slice),
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

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Every character the fast path treats as its own cluster is one next to any other such
    /// character, and the joining characters are left to the full segmenter.
    #[test]
    fn characters_that_stand_alone_are_single_clusters() {
        let alone: Vec<char> = (0u32..0x11_0000).filter_map(char::from_u32).filter(|&c| stands_alone(c)).collect();
        for pair in alone.windows(2) {
            let text: String = pair.iter().collect();
            assert_eq!(text.graphemes(true).count(), 2, "{text:?}");
        }
        for text in ["か\u{3099}", "ｶﾞ", "👍🏻", "e\u{301}", "\r\n", "🇯🇵"] {
            assert!(!text.chars().all(stands_alone), "{text:?}");
        }
    }

    #[test]
    fn both_paths_give_the_same_cells() {
        for text in ["議事録の確認です。", "a\tb 13.1%", "か\u{3099}き", "👩‍🔬と①"] {
            let span = RowSpan { range: 0..text.len(), width: 0 };
            let cells: Vec<_> =
                row_cells(text, &span, AmbiguousWidth::Narrow).map(|c| (c.grapheme, c.offset, c.column)).collect();
            let expected: Vec<_> = text.grapheme_indices(true).map(|(at, g)| (g, at)).collect();
            assert_eq!(cells.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
