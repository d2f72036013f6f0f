//! What keys do in the meeting list: moving (which previews the selection in the reader),
//! opening, sorting, the list's search.

use crate::action::Action;
use crate::app::prompt::PromptKind;
use crate::app::{App, Focus};

impl App {
    pub(crate) fn list_action(&mut self, action: Action, count: usize) {
        if self.common_action(action) {
            if action == Action::Cancel && !self.list.filter.is_empty() {
                self.set_list_filter("");
            }
            return;
        }
        let page = self.panes().list.map_or(1, |a| a.height.saturating_sub(1).max(1) as isize);
        let count = count as isize;
        let before = self.list.selected();
        self.list_move(action, count, page);
        if self.list.selected() != before {
            self.preview_selected();
        }
    }

    fn list_move(&mut self, action: Action, count: isize, page: isize) {
        if self.list.motion(action, count, page) {
            return;
        }
        match action {
            Action::GotoPercent => self.go_to_percent(Some(count as usize)),
            Action::Open | Action::FocusRight => self.open_selected(),
            Action::SearchForward | Action::SearchBackward => self.open_prompt(PromptKind::ListFilter),
            Action::SearchNext | Action::SearchPrev => self.select_next_with_hits(action == Action::SearchNext),
            Action::ClearSearch => self.set_list_filter(""),
            Action::ToggleSort => {
                self.list.newest_first = !self.list.newest_first;
                self.list.refresh(&self.entries, self.options.kana_fold);
                let order = if self.list.newest_first { "newest" } else { "oldest" };
                self.info(format!("sorted by date, {order} first"));
            }
            other => self.not_here(other),
        }
    }

    /// Shows the list's selection in the reader beside it, the focus staying in the list (as
    /// lazygit previews); only where the reader is on screen.
    pub(crate) fn preview_selected(&mut self) {
        if self.panes().reader.is_none() || self.prompt.is_some() {
            return;
        }
        let Some(entry) = self.list.selected() else { return };
        let already = self.reader.as_ref().is_some_and(|r| r.entry == entry) || self.loading == Some(entry);
        // An unreadable entry says why in the status line when selected; nothing to load.
        if already || self.entries.get(entry).is_none_or(|e| e.is_failed()) {
            return;
        }
        let has_text_hits = self.list.text_hits.get(&entry).is_some_and(|&n| n > 0);
        let query = (has_text_hits && !self.list.filter.trim().is_empty()).then(|| self.list.filter.clone());
        self.set_carried_query(query);
        self.open_entry(entry);
        self.previewing = Some(entry);
    }

    pub(crate) fn open_selected(&mut self) {
        let Some(entry) = self.list.selected() else { return };
        let has_text_hits = self.list.text_hits.get(&entry).is_some_and(|&n| n > 0);
        let query = (has_text_hits && !self.list.filter.trim().is_empty()).then(|| self.list.filter.clone());
        if self.reader.as_ref().is_some_and(|r| r.entry == entry) {
            self.focus = Focus::Reader;
            if let Some(query) = query {
                self.search_opened_meeting(&query);
            }
            return;
        }
        self.set_carried_query(query);
        self.open_entry(entry);
    }

    fn select_next_with_hits(&mut self, forward: bool) {
        let Some(entry) = self.list.selected() else { return };
        match self.list.next_with_hits(entry, forward) {
            Some(next) => self.list.select_entry(next),
            None => self.warn("no further meeting with hits"),
        }
    }
}
