//! The reader pane: the layout's rows from the top of the view, styled by kind and role, with
//! search hits highlighted on the exact characters they cover.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::reader::Reader;
use crate::core::layout::breaker::{RowSpan, row_cells};
use crate::core::layout::plain::folded_text;
use crate::core::layout::{Row, RowKind};
use crate::core::meeting::{Meeting, TextRef};
use crate::core::width::AmbiguousWidth;
use crate::view::cells::{put_grapheme, put_str, put_str_ellipsis};
use crate::view::memo::FrameMemo;
use crate::view::theme::Theme;

/// Draws the layout's rows from the top of the view, noting in `memo` what each pane row shows.
pub(crate) fn render_recording(
    reader: &Reader,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
    memo: &mut FrameMemo,
) {
    let rows = &reader.layout().rows;
    if rows.is_empty() {
        memo.clear();
        put_str(buf, area.x, area.y, area.right(), "(this meeting is empty)", theme.summary, ambiguous);
        return;
    }
    memo.begin(reader, area, ambiguous, theme);
    let mut shown = rows.iter().skip(reader.top());
    for offset in 0..area.height {
        let row = shown.next();
        memo.record(reader, offset as usize, row);
        if let Some(row) = row {
            draw_row(reader, row, area, area.y + offset, buf, theme, ambiguous);
        }
    }
    memo.finish();
}

/// Draws only the pane rows that differ from what `memo` says the screen shows there (after a
/// scroll: the rows that came in), into a buffer that is blank on those rows. Returns the screen
/// rows drawn, or `None` when the memo does not describe this pane (nothing drawn then).
pub(crate) fn render_changed(
    reader: &Reader,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
    memo: &mut FrameMemo,
) -> Option<Vec<u16>> {
    let rows = &reader.layout().rows;
    if rows.is_empty() || !memo.is_for(reader, area, ambiguous, theme) {
        return None;
    }
    memo.continue_frame();
    let mut drawn = Vec::new();
    let mut shown = rows.iter().skip(reader.top());
    for offset in 0..area.height {
        let row = shown.next();
        if memo.record(reader, offset as usize, row) {
            let y = area.y + offset;
            if let Some(row) = row {
                draw_row(reader, row, area, y, buf, theme, ambiguous);
            }
            drawn.push(y);
        }
    }
    memo.finish();
    Some(drawn)
}

fn style_of(meeting: &Meeting, row: &Row, theme: &Theme) -> Style {
    match row.kind {
        RowKind::Title => theme.title,
        RowKind::Summary => theme.summary,
        RowKind::HeaderLabel => theme.header_label,
        RowKind::HeaderText => theme.header_text,
        RowKind::Note => theme.note,
        RowKind::AgendaHeading => theme.agenda,
        RowKind::Label => label_style(meeting, row.text, theme),
        RowKind::Speech => theme.speech,
        RowKind::Stage => theme.stage,
        RowKind::Procedure => theme.procedure,
        RowKind::Folded { .. } => theme.folded,
        RowKind::Blank => Style::new(),
    }
}

fn label_style(meeting: &Meeting, text: Option<TextRef>, theme: &Theme) -> Style {
    match text {
        Some(TextRef::Label(turn)) => meeting.turns.get(turn).map_or(theme.other, |t| theme.role(t.role)),
        Some(TextRef::HeaderLabel(_)) => theme.header_label,
        _ => theme.other,
    }
}

fn draw_row(
    reader: &Reader,
    row: &Row,
    area: Rect,
    y: u16,
    buf: &mut Buffer,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
) {
    let meeting = reader.meeting();
    let right = area.right();
    match row.kind {
        RowKind::Blank => return,
        RowKind::Summary => {
            let text = reader.summary_line().get(row.range()).unwrap_or_default();
            put_str(buf, area.x, y, right, text, theme.summary, ambiguous);
            return;
        }
        RowKind::Folded { turns, entries } => {
            let text = folded_text(turns, entries);
            let x = area.x + (row.indent.max(reader.layout().gutter as u16)).min(area.width.saturating_sub(1));
            put_str(buf, x, y, right, &text, theme.folded, ambiguous);
            return;
        }
        _ => {}
    }
    if let Some(label) = row.label {
        let label_text = meeting.text(label);
        let gutter_end = (area.x + row.indent).min(right);
        put_str_ellipsis(
            buf,
            area.x,
            y,
            gutter_end.saturating_sub(1).max(area.x),
            label_text,
            label_style(meeting, Some(label), theme),
            ambiguous,
        );
    }
    let Some(text_ref) = row.text else { return };
    let text = meeting.text(text_ref);
    let base = style_of(meeting, row, theme);
    let (first_hit, hits) = reader.search().hits_in_text(text_ref);
    let current = reader.search().current();
    let span = RowSpan { range: row.range(), width: 0 };
    let x0 = area.x + row.indent;
    for cell in row_cells(text, &span, ambiguous) {
        let x = x0 as usize + cell.column;
        if x >= right as usize {
            break;
        }
        let style = match hits.iter().position(|h| (h.start as usize..h.end as usize).contains(&cell.offset)) {
            Some(i) if current == Some(first_hit + i) => base.patch(theme.current_hit),
            Some(_) => base.patch(theme.hit),
            None => base,
        };
        if cell.grapheme == "\t" {
            for dx in 0..cell.width {
                put_grapheme(buf, (x + dx).min(u16::MAX as usize) as u16, y, " ", 1, style);
            }
        } else if !put_grapheme(buf, x as u16, y, cell.grapheme, cell.width, style) {
            // A grapheme wider than the pane (a kanji at width 1): show that something is there.
            put_grapheme(buf, x as u16, y, ">", 1, style);
        }
    }
}

/// A notice in place of the meeting (a file held back as binary), wrapped to the pane.
pub(crate) fn render_notice(text: &str, area: Rect, buf: &mut Buffer, theme: &Theme, ambiguous: AmbiguousWidth) {
    let width = area.width.saturating_sub(2).max(1) as usize;
    let wrapped = crate::core::layout::breaker::fold_text(text, width, ambiguous);
    for (offset, line) in wrapped.lines().take(area.height.saturating_sub(1) as usize).enumerate() {
        let y = area.y + 1 + offset as u16;
        put_str(buf, area.x + 1, y, area.right(), line, theme.warning, ambiguous);
    }
}
