//! How keys reach the app: typed ahead while a meeting loads, batched (a paste), counts and
//! sequences resolved through the key map, then routed as actions by mode.

use crate::action::Action;
use crate::app::{App, MAX_TYPEAHEAD, Pending};
use crate::keymap::key::{Key, KeyCode};
use crate::keymap::{Mode, Resolution};

impl App {
    /// Handles one key press.
    pub fn handle_key(&mut self, key: Key) {
        // A key that is not more typing acts on the search result: search first.
        if self.prompt_search_pending && key.typed_char().is_none() && key.code != KeyCode::Backspace {
            self.flush_prompt_search();
        }
        let key = key.normalized();
        // Keys typed while a meeting that was asked for is on its way are for it, not for the
        // pane that had the focus (`Enter 8}` typed at once): they wait, quitting aside.
        let quits = self.options.keymap.resolve(self.mode(), &[key]) == Resolution::Matched(Action::Quit);
        if self.loading.is_some() && self.previewing.is_none() && !quits {
            if self.typeahead.len() < MAX_TYPEAHEAD {
                self.typeahead.push(key);
            }
            return;
        }
        self.message = None;
        let mode = self.mode();
        match mode {
            Mode::Prompt | Mode::Picker => self.text_mode_key(mode, key),
            Mode::Reader | Mode::List | Mode::Overlay => self.normal_mode_key(mode, key),
        }
        self.relayout();
        self.page_if_near_end();
    }

    /// Applies keys that arrived together: typed ahead of the screen, or a paste from a terminal
    /// without bracketed paste. The prompt is searched once, after the last of them (or before a
    /// key that acts on the result), not once per key: 1,600 pasted kanji searched 1,600 times
    /// froze the reader for 10 s (issue 13, item 7).
    pub fn handle_keys(&mut self, keys: &[Key]) {
        self.batching = true;
        for &key in keys {
            self.handle_key(key);
            if self.should_quit {
                break;
            }
        }
        self.batching = false;
        self.flush_prompt_search();
        self.relayout();
    }

    /// Runs the search a batch of keys put off.
    pub(crate) fn flush_prompt_search(&mut self) {
        if std::mem::take(&mut self.prompt_search_pending) {
            let batch = std::mem::replace(&mut self.batching, false);
            self.prompt_changed();
            self.batching = batch;
        }
    }

    /// Whether a prompt change waits for the end of a batch of keys (and notes that it does).
    pub(crate) fn defer_prompt_search(&mut self) -> bool {
        if self.batching {
            self.prompt_search_pending = true;
        }
        self.batching
    }

    /// Keys in modes where unbound printable keys are typed text.
    fn text_mode_key(&mut self, mode: Mode, key: Key) {
        match self.options.keymap.resolve(mode, &[key]) {
            Resolution::Matched(action) => self.update(action, 1),
            _ => {
                if let Some(c) = key.typed_char() {
                    self.type_char(c);
                }
            }
        }
    }

    /// Keys in modes with sequences, counts and arguments.
    fn normal_mode_key(&mut self, mode: Mode, key: Key) {
        if let Some(action) = self.pending.argument_for.take() {
            let count = self.pending.count.take().unwrap_or(1);
            match key.typed_char() {
                Some(c) => self.with_argument(action, c, count),
                None if key.code == KeyCode::Esc => {}
                None => self.warn(format!("{} needs a letter", action.name())),
            }
            return;
        }
        if self.pending.keys.is_empty()
            && let Some(digit) = key.typed_char().and_then(|c| c.to_digit(10))
            && (digit > 0 || self.pending.count.is_some())
            && self.options.keymap.resolve(mode, &[key]) == Resolution::NotFound
        {
            let count = self.pending.count.unwrap_or(0).saturating_mul(10).saturating_add(digit as usize);
            self.pending.count = Some(count.min(999_999));
            return;
        }
        self.pending.keys.push(key);
        match self.options.keymap.resolve(mode, &self.pending.keys) {
            Resolution::Pending => {}
            Resolution::Matched(action) => {
                self.pending.keys.clear();
                let count = self.pending.count.take();
                if action.takes_argument() {
                    self.pending.argument_for = Some(action);
                    self.pending.count = count;
                } else {
                    match (action, count) {
                        // `12G`, `12gg`: to turn 12 (in the list, entry 12); a failed jump stays put.
                        (Action::Top | Action::Bottom, Some(n)) if mode != Mode::Overlay => self.go_to_number(n),
                        (Action::GotoPercent, count) if mode != Mode::Overlay => self.go_to_percent(count),
                        _ => self.update(action, count.unwrap_or(1)),
                    }
                }
            }
            Resolution::NotFound => {
                let typed = crate::keymap::key::display_sequence(&self.pending.keys);
                self.pending = Pending::default();
                if key.code != KeyCode::Esc {
                    self.warn(format!("{typed} is not bound here (H for help)"));
                }
            }
        }
    }
}
