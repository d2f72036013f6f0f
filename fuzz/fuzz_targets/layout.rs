//! Fuzz target `layout`: any bytes parsed, then laid out at 80 columns and at a width taken from
//! the input's first byte (1..=200, so the fuzzer explores widths; both sides of the 60-column
//! hanging threshold), in the ambiguous setting its top bit picks, with every turn shown and
//! with every second turn hidden (folded). Every row must point at text that exists, on char
//! boundaries, within the width, and turn and agenda rows must be in range. (A fixed set of
//! seven widths in both settings ran at 14 inputs a second; this runs about ten times faster.)
#![no_main]

use gijiroku::core::layout::{LayoutKey, layout};
use gijiroku::core::width::AmbiguousWidth;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(&first) = data.first() else { return };
    let width = 1 + usize::from(first & 0x7f) * 200 / 128;
    let ambiguous = if first & 0x80 != 0 { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow };
    for meeting in gijiroku::core::parse::parse_bytes(data) {
        let hidden: Vec<bool> = (0..meeting.turns.len()).map(|i| i % 2 == 0).collect();
        for (width, visible) in [(80, None), (width, None), (width, Some(hidden))] {
            let laid = layout(&meeting, &LayoutKey { width, ambiguous, visible });
            for row in &laid.rows {
                if let Some(text_ref) = row.text {
                    let text = meeting.text(text_ref);
                    let range = row.range();
                    assert!(range.start <= range.end && range.end <= text.len(), "row {row:?} outside its text");
                    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                }
                assert!(
                    usize::from(row.indent) < width.max(1) || row.text.is_none(),
                    "indent {} at width {width}",
                    row.indent
                );
            }
            for &r in laid.turn_rows.iter().chain(&laid.agenda_rows) {
                assert!(r == u32::MAX || (r as usize) < laid.rows.len(), "row index {r} out of range");
            }
        }
    }
});
