//! A one-line text input for search queries and picker filters: typing, deleting by grapheme
//! and by word, and a history walked with ↑/↓. The cursor always stands at the end, where the
//! terminal cursor is placed so that an input method's composition window appears there.

mod typing;

use crate::action::Action;
use unicode_segmentation::UnicodeSegmentation;

/// What a prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// `/` or `?` in the reader.
    Search { backward: bool },
    /// `/` in the meeting list: title, date, speaker and full text.
    ListFilter,
}

impl PromptKind {
    pub fn sigil(self) -> &'static str {
        match self {
            PromptKind::Search { backward: false } | PromptKind::ListFilter => "/",
            PromptKind::Search { backward: true } => "?",
        }
    }
}

/// The longest text a prompt takes: a query is a few words, and every character of it costs
/// each search (a matcher for 256 characters compiles in about 6 ms, for 1,024 in 30 ms; issue
/// 13, item 7: a paste of 200,000 characters searched for more than ten minutes).
pub const MAX_PROMPT_CHARS: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub(crate) kind: PromptKind,
    pub(crate) text: String,
    /// Index into the history while walking it.
    history_index: Option<usize>,
}

/// What an editing key did to a prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edit {
    Changed,
    Unchanged,
    /// Backspace with nothing left to delete (the app closes the prompt).
    BackspaceOnEmpty,
    /// Not an editing key: the app's to handle.
    NotMine,
}

impl Prompt {
    /// Applies an editing key (delete, clear, walk the search history).
    pub(crate) fn edit(&mut self, action: Action, history: &[String]) -> Edit {
        match action {
            Action::DeleteChar if !self.delete_char() => Edit::BackspaceOnEmpty,
            Action::DeleteChar => Edit::Changed,
            Action::DeleteWord => {
                self.delete_word();
                Edit::Changed
            }
            Action::ClearLine => {
                self.clear();
                Edit::Changed
            }
            Action::HistoryPrev | Action::HistoryNext if matches!(self.kind, PromptKind::Search { .. }) => {
                self.walk_history(history, action == Action::HistoryPrev);
                Edit::Changed
            }
            Action::HistoryPrev | Action::HistoryNext => Edit::Unchanged,
            _ => Edit::NotMine,
        }
    }

    pub fn kind(&self) -> PromptKind {
        self.kind
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn new(kind: PromptKind) -> Prompt {
        Prompt { kind, text: String::new(), history_index: None }
    }

    /// Types one character; false when it was not taken (a control, or the prompt is full).
    pub fn insert(&mut self, c: char) -> bool {
        self.history_index = None;
        let taken = !c.is_control() && self.text.chars().nth(MAX_PROMPT_CHARS - 1).is_none();
        if taken {
            self.text.push(c);
        }
        taken
    }

    /// Inserts text (a paste) whole, up to [`MAX_PROMPT_CHARS`] in all; controls are dropped.
    pub fn insert_str(&mut self, text: &str) {
        let room = MAX_PROMPT_CHARS.saturating_sub(self.text.chars().count());
        self.text.extend(text.chars().filter(|c| !c.is_control()).take(room));
        self.history_index = None;
    }

    /// Deletes the last grapheme; returns false if there was nothing to delete.
    pub(crate) fn delete_char(&mut self) -> bool {
        match self.text.grapheme_indices(true).next_back() {
            Some((at, _)) => {
                self.text.truncate(at);
                true
            }
            None => false,
        }
    }

    /// Deletes back to the previous word boundary (Unicode words; a CJK run counts as words
    /// of one character or more as UAX #29 says).
    pub(crate) fn delete_word(&mut self) {
        let trimmed_len = self.text.trim_end().len();
        self.text.truncate(trimmed_len);
        match self.text.split_word_bound_indices().next_back() {
            Some((at, _)) => self.text.truncate(at),
            None => self.text.clear(),
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// Steps through `history` (oldest first); `older` moves back in time.
    pub(crate) fn walk_history(&mut self, history: &[String], older: bool) {
        if history.is_empty() {
            return;
        }
        let next = match (self.history_index, older) {
            (None, true) => Some(history.len() - 1),
            (None, false) => None,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.history_index = next;
        self.text = next.map(|i| history[i].clone()).unwrap_or_default();
    }
}

/// Adds a query to a history, most recent last, without duplicates.
pub fn remember(history: &mut Vec<String>, query: &str) {
    if query.trim().is_empty() {
        return;
    }
    history.retain(|q| q != query);
    history.push(query.to_owned());
    if history.len() > 100 {
        history.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keys_stay_in_the_prompt_and_backspace_on_empty_is_told_apart() {
        let history = ["予算".to_owned(), "決算".to_owned()];
        let mut search = Prompt::new(PromptKind::Search { backward: false });
        search.insert_str("budget plan");
        assert_eq!(search.edit(Action::DeleteWord, &history), Edit::Changed);
        assert_eq!(search.text(), "budget ");
        assert_eq!(search.edit(Action::ClearLine, &history), Edit::Changed);
        assert_eq!(search.edit(Action::DeleteChar, &history), Edit::BackspaceOnEmpty);
        assert_eq!(search.edit(Action::HistoryPrev, &history), Edit::Changed);
        assert_eq!(search.text(), "決算");
        for app_key in [Action::Accept, Action::Cancel, Action::ToggleKana] {
            assert_eq!(search.edit(app_key, &history), Edit::NotMine, "{app_key:?}");
        }
        // The list filter has no history to walk.
        let mut filter = Prompt::new(PromptKind::ListFilter);
        assert_eq!(filter.edit(Action::HistoryPrev, &history), Edit::Unchanged);
        assert_eq!(filter.text(), "");
    }

    #[test]
    fn editing_by_grapheme_and_word() {
        let mut p = Prompt::new(PromptKind::ListFilter);
        for c in "DX の推進ｶﾞ".chars() {
            p.insert(c);
        }
        assert!(p.delete_char());
        assert_eq!(p.text, "DX の推進");
        p.delete_word();
        assert_ne!(p.text, "DX の推進");
        p.clear();
        assert!(!p.delete_char());
    }

    #[test]
    fn history_walks_both_ways() {
        let history = vec!["a".to_string(), "b".to_string()];
        let mut p = Prompt::new(PromptKind::ListFilter);
        p.walk_history(&history, true);
        assert_eq!(p.text, "b");
        p.walk_history(&history, true);
        assert_eq!(p.text, "a");
        p.walk_history(&history, false);
        assert_eq!(p.text, "b");
        p.walk_history(&history, false);
        assert_eq!(p.text, "");
    }
}
