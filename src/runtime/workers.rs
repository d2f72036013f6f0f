//! Background work, so that the screen never waits on the disk: the library scan (entries fill
//! the list as they are found, [`scan`]), meeting loads ([`load`]), and full-text library
//! searches (cancelled by generation when a newer query arrives, [`search`]). Results come back
//! as [`Event`]s. Here: the events, the batching and the spreading over cores they share, and
//! the inline runner tests use.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::app::event::Event as AppEvent;
use crate::app::library::{Entry, EntrySummary, LoadError, Source};
use crate::core::hits::MeetingText;
use crate::core::meeting::Meeting;
use crate::core::search::{Matcher, SearchOptions};
use crate::keymap::key::Key;

mod indexed;
pub use indexed::LIST_PART;
mod load;
mod scan;
mod search;

pub use load::load;
pub(crate) use load::{spawn_list_more, spawn_load};
pub use scan::{SAMPLES, entries_of, spawn_scan};
use search::count_hits;
pub use search::spawn_library_search;

/// Everything the event loop reacts to.
#[derive(Debug)]
pub enum Event {
    Key(Key),
    /// Keys that arrived together, handled as one batch (see `App::handle_keys`).
    Keys(Vec<Key>),
    /// `Ctrl-z` or SIGTSTP: restore the terminal and stop until continued.
    Suspend,
    /// SIGCONT: set the terminal up again if needed, and redraw.
    Resume,
    Mouse(crate::app::mouse::Mouse),
    Paste(String),
    Resize(u16, u16),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: leave cleanly.
    Signal(i32),
    /// The input stream ended (the terminal went away).
    InputClosed,
    /// Nothing happened for a while (the open meeting's file is looked at).
    Tick,
    Entries(Vec<Entry>),
    /// Full summaries (turn counts, all speakers) for entries first listed from file heads.
    Summaries(Vec<(Source, usize, EntrySummary)>, Progress),
    /// The parsed meetings of the first file found, which the app is about to open: loading it
    /// again would parse it twice before the first frame.
    Preloaded(Source, Vec<Arc<Meeting>>),
    ScanDone,
    /// A list that comes a page at a time (`gijiroku kokkai`): how far it has come.
    Paged(crate::kokkai::remote::Paging),
    /// Events to handle together before the next frame: a small library's whole listing, so that
    /// the reader is not drawn beside a list that is about to hide, then laid out again.
    Together(Vec<Event>),
    /// A meeting loaded, with the speeches a search of the Diet API found in it.
    Loaded(usize, Result<Arc<Meeting>, LoadError>, Option<crate::app::search::Found>),
    /// The searchable text of the meeting of an entry, built off the event loop.
    SearchText(usize, MeetingText),
    /// Full-text hit counts `(entry, hits)` of library search `generation`, with its progress.
    Hits {
        generation: u64,
        hits: Vec<(usize, usize)>,
        progress: Progress,
    },
}

/// How far a background pass has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Collects what workers produce and sends it in batches: every 512 items or after `period`,
/// so the list fills smoothly without an event per file.
pub(crate) struct Batcher<T> {
    pub(crate) items: Vec<T>,
    pub(crate) last_send: Instant,
    pub(crate) period: Duration,
}

impl<T> Batcher<T> {
    pub(crate) fn new(period: Duration) -> Batcher<T> {
        Batcher { items: Vec::new(), last_send: Instant::now(), period }
    }

    /// The batch to send now, if it is due (or `force`d).
    pub(crate) fn due(&mut self, force: bool) -> Option<Vec<T>> {
        let due = force || self.items.len() >= 512 || self.last_send.elapsed() > self.period;
        if !due || self.items.is_empty() {
            return None;
        }
        self.last_send = Instant::now();
        Some(std::mem::take(&mut self.items))
    }
}

/// Calls `work` for every item, spread over every core; `work` returns false to stop its worker.
pub(crate) fn on_every_core<T: Sync>(items: &[T], work: impl Fn(&T) -> bool + Sync) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..worker_count() {
            scope.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if !work(item) {
                        break;
                    }
                }
            });
        }
    });
}

pub(crate) fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8)
}

/// Performs the app's effects on the calling thread until none are left: what tests and
/// scripted runs use instead of the threaded runtime. Returns the texts sent to the clipboard.
pub fn run_effects_blocking(app: &mut crate::app::App, max_bytes: u64) -> Vec<String> {
    use crate::app::Effect;
    let mut copied = Vec::new();
    loop {
        let effects = app.take_effects();
        if effects.is_empty() {
            return copied;
        }
        for effect in effects {
            match effect {
                Effect::Load { entry, source, index_in_file } => {
                    let result = load(&source, index_in_file, max_bytes).map(Arc::new);
                    app.handle(AppEvent::Loaded { entry, result, remembered: None, found: None });
                }
                Effect::Copy(text) => copied.push(text),
                Effect::SearchLibrary { generation, query, kana_fold } => {
                    let Ok(matcher) = Matcher::new(&query, SearchOptions { kana_fold }) else { continue };
                    let sources: Vec<_> = app.entries().iter().map(|e| (e.source.clone(), e.index_in_file)).collect();
                    let total = sources.len();
                    for (entry, (source, index_in_file)) in sources.iter().enumerate() {
                        let hits = count_hits(source, &matcher, max_bytes).get(*index_in_file).copied().unwrap_or(0);
                        let hits = vec![(entry, hits)];
                        app.handle(AppEvent::LibraryHits { generation, hits, done: entry + 1, total });
                    }
                }
                Effect::CancelLibrarySearch
                | Effect::Redraw
                | Effect::Edit { .. }
                | Effect::Opened { .. }
                | Effect::ListMore => {}
            }
        }
    }
}
