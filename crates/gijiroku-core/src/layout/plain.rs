//! A layout as plain text, one line per display row: what `gijiroku print` writes. It walks the
//! same rows and cells as the reader, so the printed text wraps exactly as the screen does.

use crate::layout::breaker::{RowSpan, row_cells};
use crate::layout::{Layout, RowKind};
use crate::meeting::Meeting;
use crate::width::{AmbiguousWidth, str_width};

/// The folded-run text the reader and `print` show for hidden turns.
pub fn folded_text(turns: u32, entries: u32) -> String {
    match (turns, entries) {
        (1, _) => "── 1 turn hidden ──".to_owned(),
        (0, 1) => "── 1 entry hidden ──".to_owned(),
        (0, n) => format!("── {n} entries hidden ──"),
        (n, _) => format!("── {n} turns hidden ──"),
    }
}

/// Every row of `layout` as a line of text, trailing spaces trimmed.
pub fn render_text(meeting: &Meeting, layout: &Layout, ambiguous: AmbiguousWidth) -> String {
    let mut out = String::new();
    let summary = meeting.summary_line();
    for row in &layout.rows {
        let mut line = String::new();
        match row.kind {
            RowKind::Blank => {}
            RowKind::Summary => line.push_str(summary.get(row.range()).unwrap_or_default()),
            RowKind::Folded { turns, entries } => {
                line.push_str(&" ".repeat(row.indent.max(layout.gutter as u16) as usize));
                line.push_str(&folded_text(turns, entries));
            }
            _ => {
                let mut column = 0;
                if let Some(label) = row.label {
                    let label = meeting.text(label);
                    line.push_str(label);
                    column = str_width(label, ambiguous);
                }
                let indent = (row.indent as usize).saturating_sub(column);
                line.push_str(&" ".repeat(if row.label.is_some() { indent.max(1) } else { indent }));
                if let Some(text) = row.text {
                    let span = RowSpan { range: row.range(), width: 0 };
                    for cell in row_cells(meeting.text(text), &span, ambiguous) {
                        if cell.grapheme == "\t" {
                            line.push_str(&" ".repeat(cell.width));
                        } else {
                            line.push_str(cell.grapheme);
                        }
                    }
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
