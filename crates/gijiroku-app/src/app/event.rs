//! The one way into the app: everything that happens outside it (keys, the terminal, the
//! library scan, loaded meetings, search results, the remembered state) arrives as an [`Event`]
//! for [`App::handle`]; what the app needs done comes back as [`Effect`]s. The runtime never
//! writes the app's state.

use std::sync::Arc;

use gijiroku_core::hits::MeetingText;
use gijiroku_core::meeting::Meeting;

use super::library::{Entry, EntrySummary, LoadError, Source};
use super::mouse::Mouse;
use super::remembered::Remembered;
use super::search::Found;
use super::{App, Effect};
use crate::keymap::key::Key;

/// Something that happened, for the app to take in.
#[derive(Debug)]
pub enum Event {
    /// Keys read together (typed ahead, pasted without bracketed paste): one batch.
    Keys(Vec<Key>),
    Mouse(Mouse),
    /// A bracketed paste: one edit.
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
    /// The library scan began: the list says "scanning" until [`Event::ScanDone`].
    ScanStarted,
    /// Entries found by the scan; `preferred` (an index into them) is the meeting open last time.
    Entries {
        entries: Vec<Entry>,
        preferred: Option<usize>,
    },
    ScanDone,
    /// The entries come a page at a time: `total` in all, and `more` when another page can be
    /// asked for ([`Effect::ListMore`]). Sent after each page's [`Event::Entries`].
    Paged {
        total: usize,
        more: bool,
    },
    /// Turn counts and speakers from the counting pass.
    Summaries {
        summaries: Vec<(Source, usize, EntrySummary)>,
        done: usize,
        total: usize,
    },
    /// A meeting asked for with [`Effect::Load`], where it was left last time, and the speeches
    /// a search outside the reader found in it (`gijiroku kokkai`): those are its matches, it
    /// opens at the first and `n` moves through them.
    Loaded {
        entry: usize,
        result: Result<Arc<Meeting>, LoadError>,
        remembered: Option<Remembered>,
        found: Option<Found>,
    },
    /// The open meeting's searchable text, built in the background ([`Effect::Opened`]).
    SearchText {
        entry: usize,
        text: MeetingText,
    },
    /// Matches per entry from a library search ([`Effect::SearchLibrary`]).
    LibraryHits {
        generation: u64,
        hits: Vec<(usize, usize)>,
        done: usize,
        total: usize,
    },
    /// The entry's file changed on disk since it was read.
    FileChanged(usize),
    /// Something outside went wrong and the user should know (state file, editor).
    Warning(String),
}

impl App {
    /// Takes in one event. Effects it causes wait in [`App::take_effects`].
    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Keys(keys) => match keys.as_slice() {
                [key] => self.handle_key(*key),
                keys => self.handle_keys(keys),
            },
            Event::Mouse(mouse) => self.mouse(mouse),
            Event::Paste(text) => self.paste(&text),
            Event::Resize { width, height } => self.resize(width, height),
            Event::ScanStarted => self.scanning = true,
            Event::Entries { entries, preferred } => self.add_entries_preferring(entries, preferred),
            Event::ScanDone => self.scan_finished(),
            Event::Paged { total, more } => self.paged(total, more),
            Event::Summaries { summaries, done, total } => self.update_summaries(summaries, done, total),
            Event::Loaded { entry, result, remembered, found } => self.loaded(entry, result, remembered, found),
            Event::SearchText { entry, text } => {
                if let Some(reader) = self.reader.as_mut().filter(|r| r.entry == entry) {
                    reader.search.install_text(text);
                }
            }
            Event::LibraryHits { generation, hits, done, total } => self.library_hits(generation, hits, done, total),
            Event::FileChanged(entry) => self.file_changed(entry),
            Event::Warning(text) => self.warn(text),
        }
        // Whatever moved the list's cursor or changed its length may bring its end near.
        self.page_if_near_end();
    }

    /// A meeting arrived: opened as [`App::meeting_loaded`] does, then put back where it was
    /// left, unless a search placed it (a library search, or the speeches a search outside
    /// found); the runtime hears of it as [`Effect::Opened`].
    fn loaded(
        &mut self,
        entry: usize,
        result: Result<Arc<Meeting>, LoadError>,
        remembered: Option<Remembered>,
        found: Option<Found>,
    ) {
        // A reload (`R`) keeps its place and carries its search over, found speeches included.
        let reload = self.reloading.as_ref().is_some_and(|c| c.entry == entry);
        self.meeting_loaded(entry, result);
        let kana = self.options.kana_fold;
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == entry) else { return };
        // A library search carried into this meeting placed it already.
        let found = found.filter(|_| !reload && !reader.search.has_query());
        if let Some(found) = &found {
            reader.set_found(found, kana);
        }
        if let Some(remembered) = remembered {
            // A search placed the view at its first match: marks and jumps come back, the old
            // position does not.
            let position = if reader.search.has_query() { None } else { remembered.position };
            reader.restore(&Remembered { position, ..remembered });
        }
        if found.is_some() {
            let outcome = reader.show_first_found();
            self.report_search(outcome);
        }
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == entry) else { return };
        let opened =
            Effect::Opened { entry, meeting: reader.meeting.clone(), needs_search_text: !reader.search.has_text() };
        self.effect(opened);
    }

    /// Where the open meeting's reader stands, to be remembered (before it is replaced, on quit).
    pub fn remembered(&self) -> Option<(&Entry, Remembered)> {
        let reader = self.reader.as_ref()?;
        Some((self.entries.get(reader.entry)?, reader.remembered()))
    }
}
