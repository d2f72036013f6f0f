//! The meeting list pane: entries sorted by date, narrowed by a filter that matches titles,
//! dates and speakers, and (through a library search the runtime runs) the full text.

mod actions;

use std::collections::HashMap;

use crate::action::Action;
use crate::app::library::Entry;
use gijiroku_core::search::{Matcher, SearchOptions};

/// Progress of a full-text search over the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LibrarySearchProgress {
    pub done: usize,
    pub total: usize,
}

/// The list's order: by date (undated entries last either way), then by title.
pub fn list_order(a: &Entry, b: &Entry, newest_first: bool) -> std::cmp::Ordering {
    let by_date = match (a.date(), b.date()) {
        (Some(x), Some(y)) if newest_first => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    by_date.then_with(|| a.title_ref().cmp(&b.title_ref()))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPane {
    /// Entry indices shown, in display order.
    pub(crate) order: Vec<usize>,
    /// Position of the selection in `order`.
    pub(crate) cursor: usize,
    /// First shown position.
    pub(crate) top: usize,
    pub(crate) newest_first: bool,
    /// The active filter (empty: everything).
    pub(crate) filter: String,
    /// Full-text hit counts per entry for `filter`.
    pub(crate) text_hits: HashMap<usize, usize>,
    /// Generation of the library search that `text_hits` belongs to.
    pub(crate) generation: u64,
    /// `Some` while a library search runs.
    pub(crate) progress: Option<LibrarySearchProgress>,
    /// Entries searched so far by the current library search.
    pub(crate) searched: usize,
    /// Whether each entry's title, date, path or speakers match `filter` (computed once per
    /// filter, so that hits arriving during a library search only re-sort the list).
    field_match: Vec<bool>,
    /// The filter and kana setting `field_match` was computed for.
    matched_for: Option<(String, bool)>,
}

impl ListPane {
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn top(&self) -> usize {
        self.top
    }

    pub fn newest_first(&self) -> bool {
        self.newest_first
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn text_hits(&self) -> &HashMap<usize, usize> {
        &self.text_hits
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn progress(&self) -> Option<LibrarySearchProgress> {
        self.progress
    }

    pub fn searched(&self) -> usize {
        self.searched
    }

    pub fn new(newest_first: bool) -> ListPane {
        ListPane {
            order: Vec::new(),
            cursor: 0,
            top: 0,
            newest_first,
            filter: String::new(),
            text_hits: HashMap::new(),
            generation: 0,
            progress: None,
            searched: 0,
            field_match: Vec::new(),
            matched_for: None,
        }
    }

    /// The selected entry.
    pub fn selected(&self) -> Option<usize> {
        self.order.get(self.cursor).copied()
    }

    /// Recomputes the order after entries, the filter, hits or the sort changed, keeping the
    /// selected entry selected.
    pub fn refresh(&mut self, entries: &[Entry], kana_fold: bool) {
        let selected = self.selected();
        let wanted = (self.filter.clone(), kana_fold);
        if self.matched_for.as_ref() != Some(&wanted) {
            self.field_match.clear();
            self.matched_for = Some(wanted);
        }
        if self.field_match.len() < entries.len() {
            let matcher = Matcher::new(&self.filter, SearchOptions { kana_fold }).ok();
            let start = self.field_match.len();
            self.field_match
                .extend(entries[start..].iter().map(|e| matcher.as_ref().is_none_or(|m| entry_matches(e, m))));
        }
        let filtering = !self.filter.trim().is_empty();
        let mut order: Vec<usize> = (0..entries.len())
            .filter(|&i| !filtering || self.field_match[i] || self.text_hits.get(&i).is_some_and(|&n| n > 0))
            .collect();
        let newest_first = self.newest_first;
        order.sort_by(|&a, &b| list_order(&entries[a], &entries[b], newest_first).then(a.cmp(&b)));
        self.order = order;
        self.cursor = selected.and_then(|s| self.order.iter().position(|&i| i == s)).unwrap_or(0);
        self.cursor = self.cursor.min(self.order.len().saturating_sub(1));
    }

    /// Forgets the cached field matches (after entries' summaries changed).
    pub fn invalidate(&mut self) {
        self.matched_for = None;
    }

    /// Moves the selection for a motion key, `count` times, `page` rows to a page; `false` when
    /// `action` is not a motion of the list's own.
    pub fn motion(&mut self, action: Action, count: isize, page: isize) -> bool {
        match action {
            Action::LineDown => self.move_cursor(count),
            Action::LineUp => self.move_cursor(-count),
            Action::HalfPageDown => self.move_cursor(count * (page / 2).max(1)),
            Action::HalfPageUp => self.move_cursor(-count * (page / 2).max(1)),
            Action::PageDown => self.move_cursor(count * page),
            Action::PageUp => self.move_cursor(-count * page),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = self.order.len().saturating_sub(1),
            _ => return false,
        }
        true
    }

    pub(crate) fn move_cursor(&mut self, delta: isize) {
        if self.order.is_empty() {
            return;
        }
        let max = self.order.len() as isize - 1;
        self.cursor = (self.cursor as isize + delta).clamp(0, max) as usize;
    }

    pub(crate) fn select_entry(&mut self, entry: usize) {
        if let Some(position) = self.order.iter().position(|&i| i == entry) {
            self.cursor = position;
        }
    }

    /// Keeps the cursor within `height` rows of `top`, and shows as much as fits: rows are never
    /// left empty at the bottom while others are hidden above.
    pub(crate) fn scroll_to_cursor(&mut self, height: usize) {
        let height = height.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + height {
            self.top = self.cursor + 1 - height;
        }
        self.top = self.top.min(self.order.len().saturating_sub(height));
    }

    /// Entries hidden above and below a view of `height` rows.
    pub fn hidden(&self, height: usize) -> (usize, usize) {
        let shown_end = (self.top + height).min(self.order.len());
        (self.top.min(self.order.len()), self.order.len() - shown_end)
    }

    /// The next (or previous) listed entry with full-text hits after `entry`.
    pub(crate) fn next_with_hits(&self, entry: usize, forward: bool) -> Option<usize> {
        let position = self.order.iter().position(|&i| i == entry)?;
        let has_hits = |i: &usize| self.text_hits.get(i).is_some_and(|&n| n > 0);
        if forward {
            self.order[position + 1..].iter().find(|i| has_hits(i)).copied()
        } else {
            self.order[..position].iter().rev().find(|i| has_hits(i)).copied()
        }
    }
}

/// Title, date, speaker names and path, for the list filter.
fn entry_matches(entry: &Entry, matcher: &Matcher) -> bool {
    if matcher.is_match(&entry.title()) || matcher.is_match(&entry.source.display()) {
        return true;
    }
    match entry.summary() {
        Some(summary) => {
            summary.date.is_some_and(|d| matcher.is_match(&d.to_string()))
                || summary.speakers.iter().any(|s| matcher.is_match(s))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_motions_move_the_selection_and_leave_other_keys_to_the_app() {
        let mut list = ListPane::new(true);
        list.order = (0..50).collect();
        assert!(list.motion(Action::LineDown, 3, 10));
        assert_eq!(list.cursor, 3);
        assert!(list.motion(Action::PageDown, 1, 10));
        assert_eq!(list.cursor, 13);
        assert!(list.motion(Action::HalfPageUp, 2, 10));
        assert_eq!(list.cursor, 3);
        assert!(list.motion(Action::Bottom, 1, 10));
        assert_eq!(list.cursor, 49);
        assert!(list.motion(Action::LineDown, 5, 10), "past the end stays on the last entry");
        assert_eq!(list.cursor, 49);
        assert!(list.motion(Action::Top, 1, 10));
        assert_eq!(list.cursor, 0);
        for app_key in [Action::Open, Action::SearchForward, Action::ToggleSort, Action::GotoPercent] {
            assert!(!list.motion(app_key, 1, 10), "{app_key:?}");
        }
        assert_eq!(list.cursor, 0);
    }
}
