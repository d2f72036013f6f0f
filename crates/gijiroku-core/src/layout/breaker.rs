//! The line breaker for one paragraph: UAX #14 opportunities on grapheme clusters, kinsoku,
//! greedy first-fit fill.
//!
//! The algorithm follows wrapping.md §5: opportunities come from unicode-linebreak, kept only at
//! grapheme boundaries and tailored for Japanese (module `classes`); rows are filled greedily in display
//! columns, so a prohibited character drags its neighbour to the next row (oidashi); a run with no
//! opportunity that is wider than the row is cut at grapheme boundaries, moving the cut back at
//! most two graphemes to respect kinsoku. Rows are byte ranges into the paragraph, so styles and
//! search hits map onto them without copying text.

mod cells;
mod classes;

use std::ops::Range;

use crate::width::{AmbiguousWidth, TAB_STOP};

pub use cells::{RowCell, RowCells, fold_text, row_cells};
use classes::{Grapheme, classify, may_separate};
pub use classes::{is_line_end_prohibited, is_line_start_prohibited};

/// One display row of a paragraph: a byte range into the paragraph and its width in columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowSpan {
    pub range: Range<usize>,
    pub width: usize,
}

/// Breaks `text` (one paragraph, no newlines) into rows at most `width` columns wide.
///
/// Spaces (U+0020, U+3000) where a row ends are left out of both rows' ranges and may hang past
/// `width`; so are trailing spaces of the paragraph. Leading spaces of the paragraph are an indent
/// and stay on its first row. Tabs expand to the next multiple of [`TAB_STOP`] from the row start.
///
/// Total on any input: controls (including stray `\n`/`\r`) are zero-width content, width 0 is
/// treated as 1, and an empty paragraph gives one empty row. The only row wider than `width` is a
/// single grapheme that is wider by itself (a kanji at width 1, a tab at width < [`TAB_STOP`]).
pub fn break_paragraph(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<RowSpan> {
    let mut rows = Vec::new();
    LineBreaker::new().break_into(text, width, ambiguous, &mut rows);
    rows
}

/// A breaker that keeps its scratch buffer between paragraphs, so wrapping a whole meeting
/// allocates only for the rows it outputs.
#[derive(Debug, Default)]
pub struct LineBreaker {
    /// Graphemes of the row being filled plus the ones read ahead of it; finished ones are
    /// drained from the front now and then.
    buf: Vec<Grapheme>,
}

/// A place where the current row may end: the first grapheme of the next row, and the content
/// end and width of the row if it ends there (trailing spaces excluded).
#[derive(Clone, Copy)]
struct Opportunity {
    next: usize,
    end: usize,
    width: usize,
}

impl LineBreaker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the rows of `text` to `out`; see [`break_paragraph`].
    pub fn break_into(&mut self, text: &str, width: usize, ambiguous: AmbiguousWidth, out: &mut Vec<RowSpan>) {
        let limit = width.max(1);
        let first_row = out.len();
        let buf = &mut self.buf;
        buf.clear();
        let mut source = classify(text, ambiguous);

        // Indices are into `buf`: `start` is the row's first grapheme and `i` the next one to
        // place. Graphemes before `start` are done; they are dropped from the front now and then.
        let mut start = 0;
        let mut i = 0;
        let mut col = 0; // includes hanging trailing spaces
        let mut end = 0; // end of the row's content (trailing spaces excluded)
        let mut end_width = 0;
        let mut last: Option<Opportunity> = None;
        let mut continuation = false;
        // No mark lies in `buf[no_mark.0..no_mark.1]`: remembered so that a long invisible run
        // (an indent of spaces, controls after hanging spaces) is scanned once, not once a row.
        let mut no_mark = (0, 0);
        loop {
            if i == buf.len() {
                match source.next() {
                    Some(g) => buf.push(g),
                    None => break,
                }
            }
            let g = buf[i];
            if g.is_space() && !g.is_indent() {
                if continuation && i == start {
                    // Dropped at the break: the row begins after it.
                    start += 1;
                    end = start;
                } else {
                    col += g.width();
                }
                i += 1;
                continue;
            }
            if g.break_before() && end_width > 0 && i > start {
                last = Some(Opportunity { next: i, end, width: end_width });
            }
            let w = if g.is_tab() { TAB_STOP - col % TAB_STOP } else { g.width() };
            if col + w <= limit {
                col += w;
                i += 1;
                end = i;
                end_width = col;
                continue;
            }

            // `g` does not fit. Break at the last opportunity, or else split the run.
            let next = if let Some(op) = last {
                push_row(out, buf, start, op.end, op.width);
                op.next
            } else if col == 0 {
                // Nothing visible yet: `g` alone is wider than the row. It gets a row of its own
                // rather than being dropped or replaced.
                push_row(out, buf, start, i + 1, w);
                i + 1
            } else {
                // Kinsoku is judged on the first mark at or after `i`, which may lie ahead when
                // `g` is an indent space or an invisible grapheme after hanging spaces.
                let next_mark = if g.is_mark() {
                    Some(i)
                } else {
                    if !(no_mark.0..=no_mark.1).contains(&i) {
                        no_mark = (i, i);
                    }
                    loop {
                        if no_mark.1 == buf.len() {
                            match source.next() {
                                Some(g) => buf.push(g),
                                None => break None,
                            }
                        }
                        if buf[no_mark.1].is_mark() {
                            break Some(no_mark.1);
                        }
                        no_mark.1 += 1;
                    }
                };
                let cut = emergency_cut(buf, start, i, next_mark);
                let (row_end, row_width) = measure(buf, start, cut);
                push_row(out, buf, start, row_end, row_width);
                cut
            };
            start = next;
            i = next;
            col = 0;
            end = next;
            end_width = 0;
            last = None;
            continuation = true;
            // Drop finished graphemes once they are at least half the buffer: amortised O(1)
            // per grapheme even when a long run was read ahead.
            if start >= COMPACT_AT && start * 2 >= buf.len() {
                buf.drain(..start);
                no_mark = if no_mark.1 >= start { (no_mark.0.max(start) - start, no_mark.1 - start) } else { (0, 0) };
                (start, i, end) = (0, 0, 0);
            }
        }

        if end > start {
            push_row(out, buf, start, end, end_width);
        } else if out.len() == first_row {
            // Only an empty paragraph gets here: any grapheme is either placed or alone on a row.
            out.push(RowSpan { range: 0..0, width: 0 });
        }
    }
}

/// Finished graphemes kept at the front of the buffer before it is compacted.
const COMPACT_AT: usize = 1024;

/// Pushes the row made of `buf[start..end]`.
fn push_row(out: &mut Vec<RowSpan>, buf: &[Grapheme], start: usize, end: usize, width: usize) {
    let from = buf.get(start).map_or(0, |g| g.start);
    let to = match end.checked_sub(1).and_then(|e| buf.get(e)) {
        Some(g) if end > start => g.end,
        _ => from,
    };
    out.push(RowSpan { range: from..to, width });
}

/// Where to split a run that has no opportunity and does not fit: before `i` (the grapheme that
/// overflowed) unless that breaks kinsoku, in which case up to two graphemes earlier if that
/// satisfies kinsoku and leaves something visible on the row (wrapping.md §5.5). `next_mark` is
/// the first mark at or after `i`.
fn emergency_cut(buf: &[Grapheme], start: usize, i: usize, next_mark: Option<usize>) -> usize {
    (i.saturating_sub(2).max(start + 1)..=i)
        .rev()
        .find(|&cut| {
            let before = buf[start..cut].iter().rposition(Grapheme::is_mark);
            let after = buf[cut..i].iter().position(Grapheme::is_mark);
            match (before.map(|b| start + b), after.map(|a| cut + a).or(next_mark)) {
                (Some(b), Some(a)) => may_separate(&buf[b], &buf[a], b + 1 == a),
                _ => false,
            }
        })
        .unwrap_or(i)
}

/// The content end (trailing non-indent spaces dropped) and width of `buf[start..cut]`.
fn measure(buf: &[Grapheme], start: usize, cut: usize) -> (usize, usize) {
    let mut col = 0;
    let mut end = start;
    let mut end_width = 0;
    for (k, g) in buf[start..cut].iter().enumerate() {
        col += if g.is_tab() { TAB_STOP - col % TAB_STOP } else { g.width() };
        if !g.is_space() || g.is_indent() {
            end = start + k + 1;
            end_width = col;
        }
    }
    (end, end_width)
}
