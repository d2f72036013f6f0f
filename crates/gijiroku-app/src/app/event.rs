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
    /// Turn counts and speakers from the counting pass.
    Summaries {
        summaries: Vec<(Source, usize, EntrySummary)>,
        done: usize,
        total: usize,
    },
    /// A meeting asked for with [`Effect::Load`], and where it was left last time.
    Loaded {
        entry: usize,
        result: Result<Arc<Meeting>, LoadError>,
        remembered: Option<Remembered>,
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
    /// Search the open meeting for a query from its top, as a library search does for a meeting
    /// it opens (`gijiroku kokkai`: the words its meetings were found by); `n` goes on.
    SearchOpened(String),
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
            Event::Summaries { summaries, done, total } => self.update_summaries(summaries, done, total),
            Event::Loaded { entry, result, remembered } => self.loaded(entry, result, remembered),
            Event::SearchText { entry, text } => {
                if let Some(reader) = self.reader.as_mut().filter(|r| r.entry == entry) {
                    reader.search.install_text(text);
                }
            }
            Event::LibraryHits { generation, hits, done, total } => self.library_hits(generation, hits, done, total),
            Event::FileChanged(entry) => self.file_changed(entry),
            Event::Warning(text) => self.warn(text),
            Event::SearchOpened(query) => self.search_opened_meeting(&query),
        }
    }

    /// A meeting arrived: opened as [`App::meeting_loaded`] does, then put back where it was
    /// left, unless a library search placed it; the runtime hears of it as [`Effect::Opened`].
    fn loaded(&mut self, entry: usize, result: Result<Arc<Meeting>, LoadError>, remembered: Option<Remembered>) {
        self.meeting_loaded(entry, result);
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == entry) else { return };
        if let Some(remembered) = remembered {
            // A library search placed the view at its first match: marks and jumps come back,
            // the old position does not.
            let position = if reader.search.has_query() { None } else { remembered.position };
            reader.restore(&Remembered { position, ..remembered });
        }
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
