//! The application state machine. All mutable state lives in [`App`]; it changes only through
//! [`App::handle_key`] (in `keys.rs`: keys resolved through the key map into actions for [`App::update`]),
//! [`App::resize`], and the runtime's reports ([`App::meeting_loaded`], library events).
//! What needs the outside world (reading files, the clipboard) is requested as an [`Effect`].

mod access;
mod options;
pub use crate::action;
pub use options::Options;
pub mod citation;
pub mod event;
pub mod geometry;
pub mod jumps;
mod keys;
pub mod library;
pub mod list;
pub mod mouse;
pub mod navigate;
pub mod overlay;
pub mod page;
pub mod paging;
pub mod picker;
pub mod prompt;
pub mod reader;
/// The reader's search; its `Found` travels in events, so it keeps its old path too.
pub use reader::search;
pub mod reload;
pub mod remembered;
pub mod structure;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::keymap::Mode;
use crate::keymap::key::Key;
use action::Action;
use gijiroku_core::meeting::Meeting;
use library::{Entry, EntryState, EntrySummary, Source};
use list::ListPane;
use overlay::Overlay;
use prompt::Prompt;
use reader::Reader;

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
    /// Hand the terminal to the user's editor on `path` at `line`, then take it back.
    Edit { path: std::path::PathBuf, line: usize },
    /// A meeting is open in the reader: watch its file for changes, remember it as the one open
    /// last, and, if `needs_search_text`, build its searchable text in the background (answer
    /// with [`event::Event::SearchText`]).
    Opened { entry: usize, meeting: Arc<Meeting>, needs_search_text: bool },
    /// List the next page of entries (the list was scrolled near its end); answer with
    /// [`event::Event::Entries`] and [`event::Event::Paged`].
    ListMore,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageLevel {
    Info,
    Warning,
    Error,
}

/// Messages kept in the log.
const MAX_MESSAGES: usize = 200;

/// Keys kept while a meeting loads.
const MAX_TYPEAHEAD: usize = 64;

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
    pub(crate) prompt: Prompt,
    origin_top: usize,
    previous_query: String,
    /// The speeches a search outside found, when they were the search: Esc puts them back.
    previous_found: Option<search::Found>,
}

impl PromptState {
    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }
}

pub struct App {
    options: Options,
    entries: Vec<Entry>,
    list: ListPane,
    reader: Option<Reader>,
    focus: Focus,
    list_visible: bool,
    overlay: Option<Overlay>,
    prompt: Option<PromptState>,
    pending: Pending,
    message: Option<Message>,
    /// Every message of the session, oldest first (`M` shows them whole, as vim's `:messages`).
    messages: Vec<Message>,
    width: u16,
    height: u16,
    should_quit: bool,
    /// The entry being loaded, if any.
    loading: Option<usize>,
    /// Whether the library scan is still adding entries.
    scanning: bool,
    /// Progress of the second pass that counts turns in a large library.
    counting: Option<list::LibrarySearchProgress>,
    /// Entries that come a page at a time: how many in all, and whether a page was asked for.
    paging: Option<paging::Paging>,
    /// Where each (source, meeting in file) is in `entries`.
    entry_index: HashMap<(Source, usize), usize>,
    /// How many meetings each file holds, as listed so far.
    meetings_per_file: HashMap<Source, usize>,
    search_history: Vec<String>,
    /// The library search to carry into the next opened meeting (`n` continues across meetings).
    carried_query: Option<String>,
    /// The entry being loaded as a preview of the list's selection: the focus stays in the list.
    previewing: Option<usize>,
    /// The entry asked for last: a load of any other that finishes later is stale.
    requested: Option<usize>,
    /// Keys typed while an opened meeting was loading, replayed once it is there.
    typeahead: Vec<Key>,
    /// Entries whose file changed on disk since they were read (marked in the list).
    changed: HashSet<usize>,
    /// The reader's state to put back once a reload (`R`) arrives.
    reloading: Option<reload::Carried>,
    effects: Vec<Effect>,
    /// Keys are being applied as one batch ([`App::handle_keys`]): the prompt's search waits.
    batching: bool,
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
            messages: Vec::new(),
            width: 80,
            height: 24,
            should_quit: false,
            loading: None,
            scanning: false,
            counting: None,
            paging: None,
            entry_index: HashMap::new(),
            meetings_per_file: HashMap::new(),
            search_history: Vec::new(),
            carried_query: None,
            previewing: None,
            requested: None,
            typeahead: Vec::new(),
            changed: HashSet::new(),
            reloading: None,
            effects: Vec::new(),
            batching: false,
            prompt_search_pending: false,
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
        self.say(text.into(), MessageLevel::Info);
    }

    pub(crate) fn warn(&mut self, text: impl Into<String>) {
        self.say(text.into(), MessageLevel::Warning);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(text.into(), MessageLevel::Error);
    }

    /// Shows a message in the status line and keeps it in the log.
    fn say(&mut self, text: String, level: MessageLevel) {
        let message = Message { text, level };
        if self.messages.last() != Some(&message) {
            self.messages.push(message.clone());
            if self.messages.len() > MAX_MESSAGES {
                self.messages.remove(0);
            }
        }
        self.message = Some(message);
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
        // A hidden list keeps its scroll: scrolled for a one-row pane, it came back showing only
        // the selection and the rows below it.
        if let Some(list) = panes.list {
            self.list.scroll_to_cursor(list.height.saturating_sub(1) as usize);
        }
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

    fn index_entry(&mut self, entry: &Entry, at: usize) {
        self.entry_index.insert((entry.source.clone(), entry.index_in_file), at);
        let count = self.meetings_per_file.entry(entry.source.clone()).or_default();
        *count = (*count).max(entry.index_in_file + 1);
    }

    /// Adds entries; if nothing is open yet, opens `preferred` (an index into `entries`: the
    /// meeting open last time) or else the top of the list. An entry the list already has (same
    /// source and meeting: a library listed from its index, then walked) replaces it in place, so
    /// entry numbers, the open meeting and the selection stay what they were.
    pub fn add_entries_preferring(&mut self, entries: Vec<Entry>, preferred: Option<usize>) {
        let first_batch = self.entries.is_empty();
        let mut positions = Vec::with_capacity(entries.len());
        let mut replaced = false;
        for entry in entries {
            match self.entry_index.get(&(entry.source.clone(), entry.index_in_file)).copied() {
                Some(at) if at < self.entries.len() => {
                    positions.push(at);
                    replaced = true;
                    self.entries[at] = entry;
                }
                _ => {
                    let at = self.entries.len();
                    positions.push(at);
                    self.index_entry(&entry, at);
                    self.entries.push(entry);
                }
            }
        }
        if replaced {
            self.list.invalidate();
        }
        self.list.refresh(&self.entries, self.options.kana_fold);
        if self.reader.is_none() && self.loading.is_none() {
            let choice = match preferred.and_then(|offset| positions.get(offset).copied()) {
                Some(entry) => Some(entry),
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
    pub(crate) fn update_summaries(
        &mut self,
        summaries: Vec<(Source, usize, EntrySummary)>,
        done: usize,
        total: usize,
    ) {
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
                self.index_entry(entry, base + offset);
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

    /// Selects `entry` in the list and opens it, as choosing it there does.
    pub fn choose_entry(&mut self, entry: usize) {
        self.list.select_entry(entry);
        self.open_entry(entry);
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
        self.requested = Some(entry);
        if self.loading == Some(entry) {
            // Already on its way (as a preview): it opens with the focus when it comes.
            self.previewing = None;
            return;
        }
        self.loading = Some(entry);
        let effect = Effect::Load { entry, source: e.source.clone(), index_in_file: e.index_in_file };
        self.effect(effect);
    }

    /// The runtime loaded (or failed to load) an entry.
    pub fn meeting_loaded(&mut self, entry: usize, result: Result<Arc<Meeting>, library::LoadError>) {
        if self.requested.is_some_and(|wanted| wanted != entry) {
            // Superseded (the list moved on while it loaded; loads finish in any order): the
            // one asked for last is coming.
            return;
        }
        self.loading = None;
        let preview = self.previewing.take() == Some(entry);
        let carried = self.reloading.take().filter(|c| c.entry == entry);
        match result {
            Ok(meeting) => {
                self.changed.remove(&entry);
                if let Some(e) = self.entries.get_mut(entry) {
                    e.state = EntryState::Ready(EntrySummary::of(&meeting));
                }
                let doubt = meeting.diagnostics.iter().find(|d| d.kind == gijiroku_core::parse::quality::KIND);
                let doubt = doubt.map(|d| format!("{} (S: reading problems)", d.message));
                let reader = Reader::new(entry, meeting);
                let held_back = reader.held_back;
                self.reader = Some(reader);
                if !preview {
                    self.focus = Focus::Reader;
                    if let Some(doubt) = doubt {
                        self.warn(doubt);
                    }
                }
                self.relayout();
                if held_back {
                    let notice = navigate::binary_notice(&self.entries, entry, &self.options.keymap);
                    self.warn(notice);
                }
                if let Some(query) = self.carried_query.take() {
                    self.search_opened_meeting(&query);
                }
                if let Some(carried) = carried {
                    self.carry_over(carried);
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
        for key in std::mem::take(&mut self.typeahead) {
            self.handle_key(key);
        }
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
    pub(crate) fn library_hits(&mut self, generation: u64, hits: Vec<(usize, usize)>, done: usize, total: usize) {
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

    pub(crate) fn set_carried_query(&mut self, query: Option<String>) {
        self.carried_query = query;
    }
}
