//! Overlays drawn over the panes: the help screen (generated from the key map), the speaker and
//! agenda pickers, and the statistics view with its bar charts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::geometry::{Area, overlay_areas};
use crate::app::overlay::Stats;
use crate::app::page::{LineKind, PageLine, help_page, messages_page};
use crate::app::picker::{Picker, PickerKind};
use crate::app::{App, MessageLevel};
use crate::core::meeting::Meeting;
use crate::core::width::{AmbiguousWidth, str_width};
use crate::view::cells::{fill, put_str, put_str_ellipsis};
use crate::view::theme::Theme;

/// A box inset from `area`, cleared, with a border and a title; returns the inner area. The
/// columns beside the box are blanked: text cut by the box would show there in fragments.
fn framed(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme, ambiguous: AmbiguousWidth) -> Rect {
    let (outer, inner) = overlay_areas(Area { x: area.x, y: area.y, width: area.width, height: area.height });
    let outer = Rect::new(outer.x, outer.y, outer.width, outer.height);
    for y in outer.top()..outer.bottom() {
        fill(buf, area.left(), y, outer.left(), Style::new());
        fill(buf, outer.left(), y, outer.right(), theme.overlay);
        fill(buf, outer.right(), y, area.right(), Style::new());
    }
    if outer.width < 4 || outer.height < 3 {
        return outer;
    }
    let (h, v) = (theme.horizontal_rule(), theme.vertical_rule());
    let corners = if theme.ascii_borders { ["+", "+", "+", "+"] } else { ["┌", "┐", "└", "┘"] };
    let border = theme.separator;
    for x in outer.left()..outer.right() {
        put_str(buf, x, outer.top(), outer.right(), h, border, ambiguous);
        put_str(buf, x, outer.bottom() - 1, outer.right(), h, border, ambiguous);
    }
    for y in outer.top()..outer.bottom() {
        put_str(buf, outer.left(), y, outer.right(), v, border, ambiguous);
        put_str(buf, outer.right() - 1, y, outer.right(), v, border, ambiguous);
    }
    put_str(buf, outer.left(), outer.top(), outer.right(), corners[0], border, ambiguous);
    put_str(buf, outer.right() - 1, outer.top(), outer.right(), corners[1], border, ambiguous);
    put_str(buf, outer.left(), outer.bottom() - 1, outer.right(), corners[2], border, ambiguous);
    put_str(buf, outer.right() - 1, outer.bottom() - 1, outer.right(), corners[3], border, ambiguous);
    put_str_ellipsis(
        buf,
        outer.left() + 2,
        outer.top(),
        outer.right() - 2,
        &format!(" {title} "),
        theme.overlay_title,
        ambiguous,
    );
    Rect::new(inner.x, inner.y, inner.width, inner.height)
}

pub(crate) fn render_help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let ambiguous = app.options().ambiguous;
    let inner = framed(buf, area, "gijiroku keys — j/k scroll, Esc closes", theme, ambiguous);
    let lines = help_page(&app.options().keymap, inner.width as usize, ambiguous);
    render_page(&lines, scroll, inner, buf, theme, ambiguous);
}

/// The message log (`M`), as vim's `:messages`: every message of the session, whole.
pub(crate) fn render_messages(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let ambiguous = app.options().ambiguous;
    let inner = framed(buf, area, "Messages — j/k scroll, Esc closes", theme, ambiguous);
    let lines = messages_page(app.messages(), inner.width as usize, ambiguous);
    render_page(&lines, scroll, inner, buf, theme, ambiguous);
}

/// Lines of a text overlay from `scroll` (clamped so the last page is full).
fn render_page(
    lines: &[PageLine],
    scroll: usize,
    inner: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
) {
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    for (offset, line) in lines.iter().skip(scroll.min(max_scroll)).take(inner.height as usize).enumerate() {
        let y = inner.y + offset as u16;
        let text_x = inner.x + line.indent.min(inner.width);
        let style = match line.kind {
            LineKind::Heading => theme.overlay_title,
            LineKind::Message(MessageLevel::Error) => theme.error,
            LineKind::Message(MessageLevel::Warning) => theme.warning,
            _ => theme.overlay,
        };
        if line.kind == LineKind::Entry {
            put_str(buf, inner.x, y, inner.right(), &line.keys, theme.header_label, ambiguous);
        }
        put_str(buf, text_x, y, inner.right(), &line.text, style, ambiguous);
    }
}

/// Columns a name keeps before figures beside it give way.
const NAME_MIN: usize = 12;

/// The width of a share bar in a row of `available` columns whose other parts take `fixed`:
/// names keep at least `NAME_MIN` columns, the bar gives way first (none under three columns).
fn bar_width(available: u16, fixed: usize, widest: usize) -> usize {
    let room = (available as usize).saturating_sub(fixed + NAME_MIN);
    let width = room.min(widest);
    if width < 3 { 0 } else { width }
}

/// ` ████░░` (with its leading space), or nothing when there is no room for a bar.
fn bar_part(share: f64, width: usize, theme: &Theme) -> String {
    if width == 0 { String::new() } else { format!(" {}", bar(share, width, theme)) }
}

/// `████░░░░` of `width` cells for a share in 0..=1.
fn bar(share: f64, width: usize, theme: &Theme) -> String {
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    let (full, empty) = theme.bar_cells();
    format!("{}{}", full.repeat(filled), empty.repeat(width - filled))
}

pub(crate) fn render_picker(
    app: &App,
    picker: &Picker,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> Option<(u16, u16)> {
    let ambiguous = app.options().ambiguous;
    let (title, count) = match picker.kind() {
        PickerKind::Speakers => ("Speakers", picker.speakers().len()),
        PickerKind::Agenda => ("Agenda", picker.agenda().len()),
    };
    // Typing narrows (the `> ` line says so); the keys that are not obvious fit in 80 columns.
    let title = format!("{title} ({count}) · Tab select · Enter filter · Ctrl-g jump · Esc closes");
    let inner = framed(buf, area, &title, theme, ambiguous);
    if inner.height == 0 {
        return None;
    }
    let cursor_x =
        put_str(buf, inner.x, inner.y, inner.right(), &format!("> {}", picker.query()), Style::new(), ambiguous);
    let list_height = Picker::list_height(inner.height);
    let first = picker.first_shown(list_height);
    for (offset, &item) in picker.shown().iter().enumerate().skip(first).take(list_height) {
        let y = inner.y + 1 + (offset - first) as u16;
        let under_cursor = offset == picker.cursor();
        let row_style = if under_cursor { theme.selected } else { Style::new() };
        fill(buf, inner.x, y, inner.right(), row_style);
        let mark = if picker.selected().contains(&item) { "[x] " } else { "[ ] " };
        let x = put_str(buf, inner.x, y, inner.right(), mark, row_style, ambiguous);
        match picker.kind() {
            PickerKind::Speakers => {
                let s = &picker.speakers()[item];
                let turns = if s.turns == 1 { " turn ".to_owned() } else { " turns".to_owned() };
                // Mark, ` 123 turns`, the bar's space, ` 100%`.
                let width = bar_width(inner.width, 4 + 10 + 1 + 5, 10);
                let full =
                    format!(" {:>3}{turns}{} {:>3.0}%", s.turns, bar_part(s.share, width, theme), s.share * 100.0);
                // Names first: in a narrow box the figures shrink, then go.
                let stats = [full, format!(" {:>3}", s.turns), String::new()]
                    .into_iter()
                    .find(|stats| inner.width as usize >= 4 + NAME_MIN + str_width(stats, ambiguous))
                    .unwrap_or_default();
                let stats_width = str_width(&stats, ambiguous) as u16;
                let name_end = inner.right().saturating_sub(stats_width).max(x);
                let mut name = s.speaker.clone();
                if let Some(position) = s.position.as_deref().filter(|p| !s.speaker.contains(p)) {
                    name = format!("{name}  {position}");
                }
                if let Some(yomi) = &s.yomi {
                    name = format!("{name}  {yomi}");
                }
                put_str_ellipsis(buf, x, y, name_end, &name, theme.role(s.role).patch(row_style), ambiguous);
                put_str(buf, name_end, y, inner.right(), &stats, theme.bar.patch(row_style), ambiguous);
            }
            PickerKind::Agenda => {
                let a = &picker.agenda()[item];
                let full = format!(" {:>3} turn{}", a.turns, if a.turns == 1 { " " } else { "s" });
                let stats = [full, format!(" {:>3}", a.turns), String::new()]
                    .into_iter()
                    .find(|stats| inner.width as usize >= 4 + NAME_MIN + str_width(stats, ambiguous))
                    .unwrap_or_default();
                let stats_width = str_width(&stats, ambiguous) as u16;
                let title_end = inner.right().saturating_sub(stats_width).max(x);
                put_str_ellipsis(
                    buf,
                    x,
                    y,
                    title_end,
                    &format!("{} {}", a.label, a.title),
                    theme.agenda.patch(row_style),
                    ambiguous,
                );
                put_str(buf, title_end, y, inner.right(), &stats, theme.list_count.patch(row_style), ambiguous);
            }
        }
    }
    if picker.shown().is_empty() {
        put_str(buf, inner.x, inner.y + 1, inner.right(), "(nothing matches)", theme.summary, ambiguous);
    }
    let detail_rows = inner.height.saturating_sub(1 + list_height as u16);
    if detail_rows > 0
        && let Some(detail) = picker.cursor_detail()
    {
        // The row under the cursor, whole (a long title is cut in its row).
        let lines = crate::app::page::wrap(&detail, inner.width as usize, ambiguous);
        let top = inner.bottom() - detail_rows;
        for (n, line) in lines.iter().take(detail_rows as usize).enumerate() {
            let y = top + n as u16;
            let last = n + 1 == detail_rows as usize && lines.len() > detail_rows as usize;
            let text = if last { lines[n..].concat() } else { line.clone() };
            put_str_ellipsis(buf, inner.x, y, inner.right(), &text, theme.summary, ambiguous);
        }
    }
    Some((cursor_x.min(inner.right().saturating_sub(1)), inner.y))
}

pub(crate) fn render_stats(app: &App, stats: &Stats, meeting: &Meeting, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let ambiguous = app.options().ambiguous;
    let title = format!(
        "Statistics — {} turns, {} speakers — Enter jumps, Esc closes",
        meeting.speech_count(),
        stats.speakers().len()
    );
    let inner = framed(buf, area, &title, theme, ambiguous);
    let mut lines: Vec<(Option<usize>, String, Style)> = Vec::new();
    // A separator, `turns  chars`, the bar's space, ` 100%`; figures and headings share a format.
    let width = bar_width(inner.width, 1 + 12 + 1 + 5, 12);
    let bar_room = if width == 0 { 0 } else { width + 1 };
    lines.push((
        None,
        format!("Speakers\t{:>5} {:>6}{:bar_room$} {:>4}", "turns", "chars", "", "%"),
        theme.overlay_title,
    ));
    for (i, s) in stats.speakers().iter().enumerate() {
        let share = format!("{:.0}%", s.share * 100.0);
        let line =
            format!("{}\t{:>5} {:>6}{} {share:>4}", s.speaker, s.turns, s.chars, bar_part(s.share, width, theme));
        lines.push((Some(i), line, theme.role(s.role)));
    }
    if !stats.agenda().is_empty() {
        lines.push((None, String::new(), Style::new()));
        lines.push((None, format!("Agenda items\t{:>5} {:>8}", "turns", "speakers"), theme.overlay_title));
        for (i, a) in stats.agenda().iter().enumerate() {
            let row = Some(stats.speakers().len() + i);
            let mut names = stats.agenda_name_rows(i, inner.width as usize, ambiguous).into_iter();
            let first = names.next().unwrap_or_default();
            lines.push((row, format!("{first}\t{:>5} {:>8}", a.turns, a.speakers), theme.agenda));
            lines.extend(names.map(|rest| (row, rest, theme.agenda)));
        }
    }
    if !stats.problems().is_empty() {
        lines.push((None, String::new(), Style::new()));
        lines.push((None, "Reading problems".to_owned(), theme.overlay_title));
        for row in stats.problem_rows(inner.width as usize, ambiguous) {
            lines.push((None, row, theme.warning));
        }
    }
    let height = inner.height as usize;
    let first = stats.first_line(height, inner.width as usize, ambiguous);
    for (offset, (row, text, style)) in lines.iter().skip(first).take(height).enumerate() {
        let y = inner.y + offset as u16;
        let selected = *row == Some(stats.cursor());
        let row_style = if selected { theme.selected } else { Style::new() };
        fill(buf, inner.x, y, inner.right(), row_style);
        match text.split_once('\t') {
            Some((name, figures)) => {
                let figures_width = str_width(figures, ambiguous) as u16;
                let name_end = inner.right().saturating_sub(figures_width + 1).max(inner.x);
                put_str_ellipsis(buf, inner.x, y, name_end, name, style.patch(row_style), ambiguous);
                let figures_style = if row.is_some() { theme.bar } else { *style };
                put_str(buf, name_end + 1, y, inner.right(), figures, figures_style.patch(row_style), ambiguous);
            }
            None => {
                put_str_ellipsis(
                    buf,
                    inner.x,
                    y,
                    inner.right(),
                    text,
                    style.patch(row_style).remove_modifier(Modifier::empty()),
                    ambiguous,
                );
            }
        }
    }
}
