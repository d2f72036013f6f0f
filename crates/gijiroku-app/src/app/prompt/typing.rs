//! Typing in a prompt: opening it where the view stands, searching as the query changes (the
//! reader's search, or the list's filter and library search), closing it with or without the
//! result, and pasted text.

use crate::app::overlay::Overlay;
use crate::app::prompt::{MAX_PROMPT_CHARS, Prompt, PromptKind, remember};
use crate::app::search::SearchOutcome;
use crate::app::{App, Effect, PromptState, list};

impl App {
    /// Opens the search prompt (reader) or the list filter prompt.
    pub(crate) fn open_prompt(&mut self, kind: PromptKind) {
        let origin_top = self.reader.as_ref().map_or(0, |r| r.top());
        let previous_query = match kind {
            PromptKind::ListFilter => self.list.filter.clone(),
            PromptKind::Search { .. } => self.reader.as_ref().map(|r| r.search.query.clone()).unwrap_or_default(),
        };
        let previous_found = match kind {
            PromptKind::ListFilter => None,
            PromptKind::Search { .. } => self.reader.as_ref().and_then(|r| r.search.found()),
        };
        self.prompt = Some(PromptState { prompt: Prompt::new(kind), origin_top, previous_query, previous_found });
    }

    pub(crate) fn type_char(&mut self, c: char) {
        if let Some(state) = &mut self.prompt {
            // A character past the prompt's limit changes nothing, and searches for nothing.
            if state.prompt.insert(c) {
                self.prompt_changed();
            }
        } else if let Some(Overlay::Picker(picker)) = &mut self.overlay
            && !c.is_control()
        {
            picker.query.push(c);
            picker.narrow();
        }
    }

    /// The prompt text changed: search incrementally.
    pub(crate) fn prompt_changed(&mut self) {
        if self.defer_prompt_search() {
            return;
        }
        let Some(state) = &self.prompt else { return };
        let text = state.prompt.text.clone();
        let kind = state.prompt.kind;
        let origin_top = state.origin_top;
        match kind {
            PromptKind::ListFilter => self.set_list_filter(&text),
            PromptKind::Search { backward } => {
                let kana = self.options.kana_fold_in_prompt();
                let Some(reader) = &mut self.reader else { return };
                reader.return_to_row(origin_top);
                reader.search.backward = backward;
                if let Err(err) = reader.set_search_query(&text, kana) {
                    self.error(err.to_string());
                    return;
                }
                reader.relayout(reader.layout.width, reader.height, self.options.ambiguous);
                let origin = reader.layout.anchor_of(origin_top);
                let outcome = reader.search_from(origin, backward);
                if !matches!(outcome, SearchOutcome::Found { .. }) {
                    reader.return_to_row(origin_top);
                }
                self.report_search(outcome);
            }
        }
    }

    /// Applies the list filter and starts a full-text search of the library for it.
    pub(crate) fn set_list_filter(&mut self, text: &str) {
        self.list.filter = text.to_owned();
        self.list.text_hits.clear();
        self.list.generation += 1;
        self.list.progress = None;
        self.list.searched = 0;
        self.effect(Effect::CancelLibrarySearch);
        if !text.trim().is_empty() {
            let generation = self.list.generation;
            let kana_fold = self.options.kana_fold;
            // The indicator shows from the keystroke on, before the first result comes back.
            let total = self.entries.len();
            self.list.progress = (total > 0).then_some(list::LibrarySearchProgress { done: 0, total });
            self.effect(Effect::SearchLibrary { generation, query: text.to_owned(), kana_fold });
        }
        self.list.refresh(&self.entries, self.options.kana_fold);
    }

    /// Closes the prompt; `accept` keeps the result, otherwise the view and query come back.
    pub(crate) fn close_prompt(&mut self, accept: bool) {
        let Some(state) = self.prompt.take() else { return };
        let text = state.prompt.text.clone();
        match state.prompt.kind {
            PromptKind::ListFilter if !accept => self.set_list_filter(&state.previous_query),
            // One Enter opens the selected meeting (at its first match), as the README says.
            PromptKind::ListFilter if !text.trim().is_empty() && self.list.selected().is_some() => {
                self.open_selected();
            }
            PromptKind::ListFilter => {}
            PromptKind::Search { .. } if accept => {
                remember(&mut self.search_history, &text);
                let none_found = self.reader.as_ref().is_some_and(|r| r.search.has_query() && r.search.hits.is_empty());
                if none_found {
                    self.error(format!("not found: {text}"));
                }
                if let Some(reader) = &mut self.reader
                    && reader.top() != state.origin_top
                {
                    // The search moved the view: the place it started from joins the jump list.
                    reader.record_jump_from(state.origin_top);
                }
            }
            PromptKind::Search { .. } => {
                let kana = self.options.kana_fold;
                if let Some(reader) = &mut self.reader {
                    match &state.previous_found {
                        Some(found) => {
                            reader.set_found(found, kana);
                        }
                        None => {
                            let _ = reader.set_search_query(&state.previous_query, kana);
                        }
                    }
                    reader.return_to_row(state.origin_top);
                }
            }
        }
    }

    /// Pasted text: typed into an open prompt or picker, ignored elsewhere. A paste is one
    /// edit: inserted whole, searched for once (typing it character by character searched after
    /// each: 800 ASCII characters in the list filter took 14 s; issue 13, item 7). At most
    /// [`MAX_PROMPT_CHARS`] characters are kept, with a message.
    pub fn paste(&mut self, text: &str) {
        let clean: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        let room = match (&self.prompt, &self.overlay) {
            (Some(state), _) => MAX_PROMPT_CHARS.saturating_sub(state.prompt.text.chars().count()),
            (None, Some(Overlay::Picker(picker))) => MAX_PROMPT_CHARS.saturating_sub(picker.query.chars().count()),
            _ => return,
        };
        let kept: String = clean.iter().take(room).collect();
        if let Some(state) = &mut self.prompt {
            state.prompt.insert_str(&kept);
            self.prompt_changed();
        } else if let Some(Overlay::Picker(picker)) = &mut self.overlay {
            picker.query.push_str(&kept);
            picker.narrow();
        }
        if clean.len() > room {
            self.warn(format!(
                "pasted text cut to {MAX_PROMPT_CHARS} characters (a search longer than that finds nothing useful)"
            ));
        }
        self.relayout();
    }
}
