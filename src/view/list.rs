//! The meeting list pane: a header with the count and filter, then one row per meeting with its
//! date, title and turn count (or full-text hit count while filtering); `?` before the count
//! marks a meeting whose speakers the reading-quality check doubts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Focus};
use crate::core::width::str_width;
use crate::view::cells::{fill, put_str, put_str_ellipsis};
use crate::view::theme::Theme;

/// The narrowest list pane that shows the file column (`list_files`), and the column's widest.
const FILE_COLUMN_MIN_PANE: u16 = 40;
const FILE_COLUMN_MAX: u16 = 20;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let ambiguous = app.options().ambiguous;
    let list = app.list();
    let right = area.right();
    let mut count = if list.order().len() == app.entries().len() {
        list.order().len().to_string()
    } else {
        format!("{}/{}", list.order().len(), app.entries().len())
    };
    // A list that comes a page at a time (`gijiroku kokkai`) says how many there are in all.
    let paging = app.paging().filter(|p| p.more || p.asked);
    if let Some(paging) = paging {
        count.push_str(&format!(" of {}", thousands(paging.total)));
    }
    let arrow = if list.newest_first() { "↓" } else { "↑" };
    // One activity at a time, the one the user waits for first.
    let percent = |p: crate::app::list::LibrarySearchProgress| p.done * 100 / p.total.max(1);
    let activity = if let Some(progress) = list.progress() {
        format!(" searching {}%", percent(progress))
    } else if app.scanning() {
        " scanning…".to_owned()
    } else if let Some(progress) = app.counting() {
        format!(" counting {}%", percent(progress))
    } else if paging.is_some_and(|p| p.asked) {
        " loading…".to_owned()
    } else {
        String::new()
    };
    let filter = if !list.filter().is_empty() && app.prompt().is_none() {
        format!(" /{}", list.filter())
    } else {
        String::new()
    };
    let height = area.height.saturating_sub(1) as usize;
    // Rows scrolled out of view are counted at the right of the header, so that nothing is
    // hidden without a sign.
    let scrolled = scroll_marks(list.hidden(height));
    let scrolled_width = str_width(&scrolled, ambiguous) as u16;
    let header_end = if scrolled.is_empty() { right } else { right.saturating_sub(scrolled_width + 1).max(area.x) };
    // The pane is narrow: the word "Meetings" goes first when the activity would not fit.
    let long = format!("Meetings {count} {arrow}{activity}{filter}");
    let header = if str_width(&long, ambiguous) <= header_end.saturating_sub(area.x) as usize || activity.is_empty() {
        long
    } else {
        format!("{count} {arrow}{activity}{filter}")
    };
    fill(buf, area.x, area.y, right, theme.list_header);
    put_str_ellipsis(buf, area.x, area.y, header_end, &header, theme.list_header, ambiguous);
    if !scrolled.is_empty() {
        put_str(buf, right.saturating_sub(scrolled_width), area.y, right, &scrolled, theme.list_header, ambiguous);
    }
    let focused = app.focus() == Focus::List && app.overlay().is_none() && app.prompt().is_none();
    let open_entry = app.reader().map(|r| r.entry());
    for (offset, position) in (list.top()..list.order().len()).take(height).enumerate() {
        let entry_index = list.order()[position];
        let Some(entry) = app.entries().get(entry_index) else { continue };
        let y = area.y + 1 + offset as u16;
        let selected = position == list.cursor();
        let row_style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => ratatui::style::Style::new(),
        };
        fill(buf, area.x, y, right, row_style);
        let marker = if open_entry == Some(entry_index) { "▸" } else { " " };
        let mut x = put_str(buf, area.x, y, right, marker, row_style, ambiguous);
        if entry.is_failed() {
            let text = format!("✗ {}", entry.title());
            put_str_ellipsis(buf, x, y, right, &text, theme.failed.patch(row_style), ambiguous);
            continue;
        }
        let count = match list.text_hits().get(&entry_index) {
            Some(hits) => format!("[{hits}]"),
            None => entry.summary().and_then(|s| s.turns).map(|n| n.to_string()).unwrap_or_else(|| "·".to_owned()),
        };
        // `?27`: the speakers of this meeting may be misread (the reading-quality check).
        let mut count = if entry.summary().is_some_and(|s| s.doubted) { format!("?{count}") } else { count };
        if app.changed().contains(&entry_index) {
            // Changed on disk since it was read.
            count.insert(0, '*');
        }
        let count_width = str_width(&count, ambiguous) as u16;
        let mut title_end = right.saturating_sub(count_width + 1).max(x);
        if app.options().list_files && area.width >= FILE_COLUMN_MIN_PANE {
            // The file column, right-aligned before the count: `notes.md#3` for the third
            // meeting of a file of several.
            let mut file = entry.source.file_name();
            if let Some((n, _)) = app.meeting_in_file(entry_index) {
                file = format!("{file}#{n}");
            }
            let column = (area.width / 4).min(FILE_COLUMN_MAX);
            let start = title_end.saturating_sub(column).max(x);
            put_str_ellipsis(buf, start, y, title_end, &file, theme.list_date.patch(row_style), ambiguous);
            title_end = start.saturating_sub(1).max(x);
        }
        if let Some(date) = entry.date()
            && area.width >= 24
        {
            x = put_str(buf, x, y, title_end, &date.to_string(), theme.list_date.patch(row_style), ambiguous) + 1;
        }
        let title = entry.title();
        // With the date beside it, a leading year (令和6年度（2024年度）) says nothing more and
        // would fill the narrow column: the distinctive part of the title shows instead.
        let shown = if entry.date().is_some() && area.width >= 24 { without_year(&title) } else { &title };
        put_str_ellipsis(buf, x, y, title_end, shown, row_style, ambiguous);
        if area.width >= 16 {
            put_str(buf, right - count_width, y, right, &count, theme.list_count.patch(row_style), ambiguous);
        }
    }
}

/// `▲3 ▼12`: entries above and below the rows shown (empty when all are shown).
pub(crate) fn scroll_marks((above, below): (usize, usize)) -> String {
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("▲{above}"));
    }
    if below > 0 {
        parts.push(format!("▼{below}"));
    }
    parts.join(" ")
}

/// A title without a leading year designation — an era year (`令和6年度`, `平成三十年`,
/// `令和元年`) or a Western one (`2024年度`), with a bracketed restatement after it
/// (`（2024年度）`) — when something is left after it.
pub(crate) fn without_year(title: &str) -> &str {
    let trimmed = title.trim_start();
    let mut rest = ["令和", "平成", "昭和", "大正"].iter().find_map(|era| trimmed.strip_prefix(era)).unwrap_or(trimmed);
    let year_digits =
        |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "元〇一二三四五六七八九十".contains(c);
    let after_digits = rest.trim_start_matches(year_digits);
    if after_digits.len() == rest.len() {
        return title;
    }
    let Some(after_year) = after_digits.strip_prefix('年') else { return title };
    rest = after_year.strip_prefix('度').unwrap_or(after_year);
    // A restatement of the year in brackets.
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = rest.strip_prefix(open)
            && let Some(end) = inner.find(close)
            && inner[..end].contains('年')
        {
            rest = &inner[end + close.len_utf8()..];
        }
    }
    let rest = rest.trim_start_matches([' ', '\u{3000}', '・', '-']);
    if rest.trim().is_empty() { title } else { rest }
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_year_gives_way_to_the_distinctive_part() {
        assert_eq!(without_year("令和6年度（2024年度）第1回 架空市環境審議会"), "第1回 架空市環境審議会");
        assert_eq!(without_year("令和６年第１回架空市議会定例会"), "第１回架空市議会定例会");
        assert_eq!(without_year("平成三十年 文化委員会"), "文化委員会");
        assert_eq!(without_year("2024年度 第3回 部会"), "第3回 部会");
        assert_eq!(without_year("令和元年"), "令和元年");
        assert_eq!(without_year("第217回国会 参議院"), "第217回国会 参議院");
        assert_eq!(without_year("年次報告"), "年次報告");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
