//! Fuzz target `breaker`: `break_paragraph` and `row_cells` on arbitrary text at a width taken
//! from the input. Invariants (those the reader relies on to keep the layout aligned):
//! ranges lie on char boundaries, are in order and do not overlap; a row is no wider than the
//! width unless it shows one visible grapheme (zero-width ones such as U+FEFF may ride along:
//! they take no cell); `row_cells` yields the row's graphemes with contiguous columns that add
//! up to the width the breaker reported; only spaces are dropped between rows.
#![no_main]

use gijiroku::core::layout::breaker::{break_paragraph, row_cells};
use gijiroku::core::width::AmbiguousWidth;
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    // Widths 0..=127: 0 and 1 are the hard cases, 80 the usual one.
    let width = usize::from(first & 0x7f);
    let ambiguous = if first & 0x80 != 0 { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    let rows = break_paragraph(text, width, ambiguous);
    assert!(!rows.is_empty(), "no row for {text:?}");
    let limit = width.max(1);
    let mut previous_end = 0;
    for row in &rows {
        let range = row.range.clone();
        assert!(range.start <= range.end && range.end <= text.len(), "range {range:?} outside {}", text.len());
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "range {range:?} splits a char"
        );
        assert!(range.start >= previous_end, "range {range:?} overlaps the previous row ending {previous_end}");
        let gap = &text[previous_end..range.start];
        assert!(gap.chars().all(|c| c == ' ' || c == '\u{3000}'), "dropped {gap:?} between rows");
        previous_end = range.end;
        let slice = &text[range.clone()];
        let cells: Vec<_> = row_cells(text, row, ambiguous).collect();
        assert_eq!(cells.len(), slice.graphemes(true).count(), "row_cells lost graphemes of {slice:?}");
        let mut column = 0;
        for cell in &cells {
            assert_eq!(cell.column, column, "columns of {slice:?} are not contiguous");
            assert!(text.is_char_boundary(cell.offset), "cell offset {} splits a char", cell.offset);
            column += cell.width;
        }
        assert_eq!(column, row.width, "row {slice:?}: cells take {column} columns, the breaker said {}", row.width);
        if row.width > limit {
            let visible: Vec<_> = cells.iter().filter(|c| c.width > 0).collect();
            assert!(
                visible.len() == 1 && visible[0].width > limit,
                "row {slice:?} is {} wide at width {width}",
                row.width
            );
        }
    }
    let tail = &text[previous_end..];
    assert!(tail.chars().all(|c| c == ' ' || c == '\u{3000}'), "lost the tail {tail:?}");
});
