//! The line breaker for one paragraph: UAX #14 opportunities on grapheme clusters, kinsoku,
//! greedy first-fit fill.

use std::ops::Range;

use crate::core::width::AmbiguousWidth;

/// One display row of a paragraph: a byte range into the paragraph and its width in columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowSpan {
    pub range: Range<usize>,
    pub width: usize,
}

/// Breaks `text` (one paragraph, no newlines) into rows at most `width` columns wide.
pub fn break_paragraph(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<RowSpan> {
    let _ = (text, width, ambiguous);
    todo!("helper: breaker")
}
