//! The application state machine. All mutable state lives in [`App`]; it changes only through
//! [`App::handle_key`] (keys resolved through the key map into actions for [`App::update`]),
//! [`App::resize`], and the runtime's reports ([`App::meeting_loaded`], library events).
//! What needs the outside world (reading files, the clipboard) is requested as an [`Effect`].

pub mod action;
pub mod citation;
pub mod geometry;
pub mod jumps;
pub mod library;
pub mod list;
pub mod navigate;
pub mod overlay;
pub mod picker;
pub mod prompt;
pub mod reader;
pub mod search;
pub mod structure;

use std::collections::HashMap;
use std::sync::Arc;

use crate::core::meeting::Meeting;
use crate::core::width::AmbiguousWidth;
use crate::keymap::key::{Key, KeyCode};
use crate::keymap::{Keymap, Mode, Resolution};
use action::Action;
use library::{Entry, EntryState, EntrySummary, Source};
use list::ListPane;
use overlay::Overlay;
use prompt::{Prompt, PromptKind};
use reader::Reader;

/// Settings the app needs (the config file fills them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub ambiguous: AmbiguousWidth,
    /// Width of the list pane in columns.
    pub list_width: u16,
    pub kana_fold: bool,
    pub newest_first: bool,
    pub keymap: Keymap,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ambiguous: AmbiguousWidth::Narrow,
            list_width: 30,
            kana_fold: true,
            newest_first: true,
            keymap: Keymap::defaults(),
        }
    }
}

/// What has the keyboard when no prompt or overlay is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// Something the runtime does for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read and parse a meeting; answer with [`App::meeting_loaded`].
    Load { entry: usize, source: Source, index_in_file: usize },
    /// Put text on the system clipboard (OSC 52).
    Copy(String),
    /// Search the text of every entry; answer with [`App::library_hits`].
    SearchLibrary { generation: u64, query: String, kana_fold: bool },
    /// Stop the running library search.
    CancelLibrarySearch,
    /// Clear and repaint the whole screen.
    Redraw,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageLevel {
    Info,
    Warning,
    Error,
}

/// A message in the status line, until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: MessageLevel,
}

/// Keys typed towards a sequence, a count or an action's argument.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    pub keys: Vec<Key>,
    pub count: Option<usize>,
    /// An action waiting for its character (`m`, `'`).
    pub argument_for: Option<Action>,
}

/// The prompt being typed, with where the view stood when it opened.
#[derive(Debug)]
pub struct PromptState {
    pub prompt: Prompt,
    origin_top: usize,
    previous_query: String,
}

pub struct App {
    pub options: Options,
    pub entries: Vec<Entry>,
    pub list: ListPane,
    pub reader: Option<Reader>,
    pub focus: Focus,
    pub list_visible: bool,
    pub overlay: Option<Overlay>,
    pub prompt: Option<PromptState>,
    pub pending: Pending,
    pub message: Option<Message>,
    pub width: u16,
    pub height: u16,
    pub should_quit: bool,
    /// The entry being loaded, if any.
    pub loading: Option<usize>,
    /// Whether the library scan is still adding entries.
    pub scanning: bool,
    /// Progress of the second pass that counts turns in a large library.
    pub counting: Option<list::LibrarySearchProgress>,
    /// Where each (source, meeting in file) is in `entries`.
    entry_index: HashMap<(Source, usize), usize>,
    pub search_history: Vec<String>,
    /// The library search to carry into the next opened meeting (`n` continues across meetings).
    carried_query: Option<String>,
    effects: Vec<Effect>,
    /// Keys are being applied as one batch ([`App::handle_keys`]): the prompt's search waits.
    typeahead: bool,
    /// The prompt changed during a batch and has not been searched for yet.
    prompt_search_pending: bool,
}

impl App {
    pub fn new(options: Options) -> App {
        let newest_first = options.newest_first;
        App {
            options,
            entries: Vec::new(),
            list: ListPane::new(newest_first),
            reader: None,
            focus: Focus::Reader,
            list_visible: true,
            overlay: None,
            prompt: None,
            pending: Pending::default(),
            message: None,
            width: 80,
            height: 24,
            should_quit: false,
            loading: None,
            scanning: false,
            counting: None,
            entry_index: HashMap::new(),
            search_history: Vec::new(),
            carried_query: None,
            typeahead: false,
            prompt_search_pending: false,
            effects: Vec::new(),
        }
    }

    /// Effects requested since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub(crate) fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), level: MessageLevel::Info });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), level: MessageLevel::Warning });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), level: MessageLevel::Error });
    }

    /// The terminal size changed.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.relayout();
    }

    /// Brings the reader's layout in line with the pane size and filters.
    pub fn relayout(&mut self) {
        let panes = self.panes();
        let ambiguous = self.options.ambiguous;
        if let Some(reader) = &mut self.reader {
            let (width, height) =
                panes.reader.map_or((self.width as usize, 1), |a| (a.width as usize, a.height as usize));
            reader.relayout(width, height, ambiguous);
        }
        let list_height = panes.list.map_or(1, |a| a.height.saturating_sub(1) as usize);
        self.list.scroll_to_cursor(list_height);
    }

    /// The key map table for what has the keyboard.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
            return Mode::Prompt;
        }
        match &self.overlay {
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(_) => Mode::Overlay,
            None if self.focus == Focus::List || self.reader.is_none() => Mode::List,
            None => Mode::Reader,
        }
    }

    /// Adds entries found by the library scan; the first batch opens the top of the list.
    pub fn add_entries(&mut self, entries: Vec<Entry>) {
        self.add_entries_preferring(entries, None);
    }

    /// Adds entries; if nothing is open yet, opens `preferred` (an index into `entries`: the
    /// meeting open last time) or else the top of the list.
    pub fn add_entries_preferring(&mut self, entries: Vec<Entry>, preferred: Option<usize>) {
        let first_batch = self.entries.is_empty();
        let base = self.entries.len();
        for (offset, entry) in entries.iter().enumerate() {
            self.entry_index.insert((entry.source.clone(), entry.index_in_file), base + offset);
        }
        self.entries.extend(entries);
        self.list.refresh(&self.entries, self.options.kana_fold);
        if self.reader.is_none() && self.loading.is_none() {
            let choice = match preferred {
                Some(offset) => Some(base + offset),
                None if first_batch => {
                    self.list.cursor = 0;
                    self.list.selected()
                }
                None => None,
            };
            if let Some(entry) = choice {
                self.list.select_entry(entry);
                self.open_entry(entry);
            }
        }
    }

    /// Full summaries from the counting pass replace the head-only ones.
    pub fn update_summaries(&mut self, summaries: Vec<(Source, usize, EntrySummary)>, done: usize, total: usize) {
        let mut found_later = Vec::new();
        for (source, index_in_file, summary) in summaries {
            match self.entry_index.get(&(source.clone(), index_in_file)).and_then(|&e| self.entries.get_mut(e)) {
                Some(e) => e.state = EntryState::Ready(summary),
                // A file of several meetings whose later meetings lie past the head that listed it.
                None => found_later.push(Entry { source, index_in_file, state: EntryState::Ready(summary) }),
            }
        }
        if !found_later.is_empty() {
            let base = self.entries.len();
            for (offset, entry) in found_later.iter().enumerate() {
                self.entry_index.insert((entry.source.clone(), entry.index_in_file), base + offset);
            }
            self.entries.extend(found_later);
        }
        self.counting = (done < total).then_some(list::LibrarySearchProgress { done, total });
        self.list.invalidate();
        self.list.refresh(&self.entries, self.options.kana_fold);
    }

    /// The library scan finished.
    pub fn scan_finished(&mut self) {
        self.scanning = false;
        if self.entries.len() == 1 && self.list_visible && self.focus == Focus::Reader {
            // One meeting: the list would only take room from the reader.
            self.list_visible = false;
        }
        if self.entries.is_empty() {
            self.warn("no minutes found");
        }
        self.relayout();
    }

    /// Asks the runtime to load an entry; opens it directly if it is already open.
    pub fn open_entry(&mut self, entry: usize) {
        if self.reader.as_ref().is_some_and(|r| r.entry == entry) {
            self.focus = Focus::Reader;
            return;
        }
        let Some(e) = self.entries.get(entry) else { return };
        if let EntryState::Failed(reason) = &e.state {
            // The file name, not the whole path: the status line must keep room for the reason.
            let message = format!("{}: {reason}", e.source.file_name());
            self.error(message);
            return;
        }
        self.loading = Some(entry);
        let effect = Effect::Load { entry, source: e.source.clone(), index_in_file: e.index_in_file };
        self.effect(effect);
    }

    /// The runtime loaded (or failed to load) an entry.
    pub fn meeting_loaded(&mut self, entry: usize, result: Result<Arc<Meeting>, String>) {
        if self.loading == Some(entry) {
            self.loading = None;
        }
        match result {
            Ok(meeting) => {
                if let Some(e) = self.entries.get_mut(entry) {
                    e.state = EntryState::Ready(EntrySummary::of(&meeting));
                }
                let doubt = meeting.diagnostics.iter().find(|d| d.kind == crate::core::parse::quality::KIND);
                if let Some(doubt) = doubt {
                    self.warn(format!("{} (S: reading problems)", doubt.message));
                }
                self.reader = Some(Reader::new(entry, meeting));
                self.focus = Focus::Reader;
                self.relayout();
                if let Some(query) = self.carried_query.take() {
                    self.search_opened_meeting(&query);
                }
            }
            Err(reason) => {
                let display = self.entries.get(entry).map(|e| e.source.display()).unwrap_or_default();
                if let Some(e) = self.entries.get_mut(entry) {
                    e.state = EntryState::Failed(reason.clone());
                }
                self.error(format!("{display}: {reason}"));
            }
        }
        self.list.refresh(&self.entries, self.options.kana_fold);
    }

    /// Opens the first hit of a library search in a freshly opened meeting.
    pub(crate) fn search_opened_meeting(&mut self, query: &str) {
        let kana = self.options.kana_fold;
        let Some(reader) = &mut self.reader else { return };
        if reader.set_search_query(query, kana).is_ok() {
            reader.search.backward = false;
            let outcome = reader.search_from(None, false);
            self.report_search(outcome);
        }
    }

    /// Full-text hits of the library search `generation` for one entry.
    pub fn library_hits(&mut self, generation: u64, hits: Vec<(usize, usize)>, done: usize, total: usize) {
        if generation != self.list.generation {
            return;
        }
        let found: Vec<_> = hits.into_iter().filter(|&(_, n)| n > 0).collect();
        if !found.is_empty() {
            self.list.text_hits.extend(found);
            self.list.refresh(&self.entries, self.options.kana_fold);
        }
        // Workers report out of order: progress only moves forward, and ends at the total.
        let seen = self.list.searched.max(done);
        self.list.searched = seen;
        self.list.progress = (seen < total).then_some(list::LibrarySearchProgress { done: seen, total });
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: Key) {
        // A key that is not more typing acts on the search result: search first.
        if self.prompt_search_pending && key.typed_char().is_none() && key.code != KeyCode::Backspace {
            self.flush_prompt_search();
        }
        self.message = None;
        let key = key.normalized();
        let mode = self.mode();
        match mode {
            Mode::Prompt | Mode::Picker => self.text_mode_key(mode, key),
            Mode::Reader | Mode::List | Mode::Overlay => self.normal_mode_key(mode, key),
        }
        self.relayout();
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
                    self.update(action, count.unwrap_or(1));
                    if matches!(action, Action::Top | Action::Bottom)
                        && let Some(n) = count
                    {
                        self.go_to_turn_number(n);
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

    /// The focused pane is shown: below 60 columns only one pane fits.
    pub fn focus_shown(&self) -> bool {
        let panes = self.panes();
        match self.focus {
            Focus::List => panes.list.is_some(),
            Focus::Reader => panes.reader.is_some(),
        }
    }

    /// Opens the search prompt (reader) or the list filter prompt.
    pub(crate) fn open_prompt(&mut self, kind: PromptKind) {
        let origin_top = self.reader.as_ref().map_or(0, |r| r.top);
        let previous_query = match kind {
            PromptKind::ListFilter => self.list.filter.clone(),
            PromptKind::Search { .. } => self.reader.as_ref().map(|r| r.search.query.clone()).unwrap_or_default(),
        };
        self.prompt = Some(PromptState { prompt: Prompt::new(kind), origin_top, previous_query });
    }

    fn type_char(&mut self, c: char) {
        if let Some(state) = &mut self.prompt {
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

    /// Applies keys that arrived together: typed ahead of the screen, or a paste from a terminal
    /// without bracketed paste. The prompt is searched once, after the last of them (or before a
    /// key that acts on the result), not once per key: 1,600 pasted kanji searched 1,600 times
    /// froze the reader for 10 s (issue 13, item 7).
    pub fn handle_keys(&mut self, keys: &[Key]) {
        self.typeahead = true;
        for &key in keys {
            self.handle_key(key);
            if self.should_quit {
                break;
            }
        }
        self.typeahead = false;
        self.flush_prompt_search();
        self.relayout();
    }

    fn flush_prompt_search(&mut self) {
        if std::mem::take(&mut self.prompt_search_pending) {
            let batch = std::mem::replace(&mut self.typeahead, false);
            self.prompt_changed();
            self.typeahead = batch;
        }
    }

    /// The prompt text changed: search incrementally.
    pub(crate) fn prompt_changed(&mut self) {
        if self.typeahead {
            self.prompt_search_pending = true;
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
                reader.top = origin_top;
                reader.search.backward = backward;
                if let Err(err) = reader.set_search_query(&text, kana) {
                    self.error(err);
                    return;
                }
                reader.relayout(reader.layout.width, reader.height, self.options.ambiguous);
                let origin = reader.layout.anchor_of(origin_top);
                let outcome = reader.search_from(origin, backward);
                if !matches!(outcome, search::SearchOutcome::Found { .. }) {
                    reader.top = origin_top;
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
            PromptKind::ListFilter => {}
            PromptKind::Search { .. } if accept => {
                prompt::remember(&mut self.search_history, &text);
                let none_found = self.reader.as_ref().is_some_and(|r| r.search.has_query() && r.search.hits.is_empty());
                if none_found {
                    self.error(format!("not found: {text}"));
                }
                if let Some(reader) = &mut self.reader
                    && reader.top != state.origin_top
                {
                    // The search moved the view: the place it started from joins the jump list.
                    let here = reader.top;
                    reader.top = state.origin_top;
                    reader.record_jump();
                    reader.top = here;
                }
            }
            PromptKind::Search { .. } => {
                let kana = self.options.kana_fold;
                if let Some(reader) = &mut self.reader {
                    let _ = reader.set_search_query(&state.previous_query, kana);
                    reader.top = state.origin_top;
                }
            }
        }
    }

    /// Pasted text: typed into an open prompt or picker, ignored elsewhere.
    /// A paste is one edit: inserted whole, searched for once (typing it character by
    /// character searched after each: 800 ASCII characters in the list filter took 14 s). At
    /// most [`prompt::MAX_PROMPT_CHARS`] characters are kept, with a message.
    pub fn paste(&mut self, text: &str) {
        let clean: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        let room = match (&self.prompt, &self.overlay) {
            (Some(state), _) => prompt::MAX_PROMPT_CHARS.saturating_sub(state.prompt.text.chars().count()),
            (None, Some(Overlay::Picker(picker))) => {
                prompt::MAX_PROMPT_CHARS.saturating_sub(picker.query.chars().count())
            }
            _ => 0,
        };
        let kept: String = clean.iter().take(room).collect();
        if let Some(state) = &mut self.prompt {
            state.prompt.insert_str(&kept);
            self.prompt_changed();
        } else if let Some(Overlay::Picker(picker)) = &mut self.overlay {
            picker.query.push_str(&kept);
            picker.narrow();
        }
        if clean.len() > room && (self.prompt.is_some() || matches!(self.overlay, Some(Overlay::Picker(_)))) {
            self.warn(format!(
                "pasted text cut to {} characters (a search longer than that finds nothing useful)",
                prompt::MAX_PROMPT_CHARS
            ));
        }
        self.relayout();
    }

    pub(crate) fn set_carried_query(&mut self, query: Option<String>) {
        self.carried_query = query;
    }
}

impl Options {
    /// Kana folding as toggled in the prompt (`Ctrl-k`) or configured.
    pub fn kana_fold_in_prompt(&self) -> bool {
        self.kana_fold
    }
}
