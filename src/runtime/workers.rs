//! Background work, so that the screen never waits on the disk: the library scan (entries fill
//! the list as they are found), meeting loads, and full-text library searches (cancelled by
//! generation when a newer query arrives). Results come back as [`Event`]s.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::app::event::Event as AppEvent;
use crate::app::library::{Entry, EntryState, EntrySummary, LoadError, Source};
use crate::core::hits::MeetingText;
use crate::core::meeting::Meeting;
use crate::core::parse::parse_bytes;
use crate::core::search::{Matcher, SearchOptions};
use crate::keymap::key::Key;
use crate::kokkai::remote::Remote;
use crate::library::{Found, read_file, scan};
use crate::runtime::terminal::catching;

mod indexed;

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

/// Up to this many files are read whole before the first frame settles; larger libraries are
/// listed from file heads first (in parallel) and counted in a second pass.
const SMALL_LIBRARY: usize = 16;

/// Bytes of a file read for its list entry: enough for the title, date and header of any format.
const HEAD_BYTES: usize = 8 * 1024;

/// Sample minutes compiled into the binary, shown when no path is given and no library is set.
pub const SAMPLES: &[(&str, &[u8])] = &[
    ("01_summary.txt", include_bytes!("../../assets/samples/01_summary.txt")),
    ("02_assembly.txt", include_bytes!("../../assets/samples/02_assembly.txt")),
    ("03_notes.md", include_bytes!("../../assets/samples/03_notes.md")),
    ("04_kokkai.json", include_bytes!("../../assets/samples/04_kokkai.json")),
];

/// Reads a source's bytes.
pub fn source_bytes(source: &Source, max_bytes: u64) -> Result<Vec<u8>, LoadError> {
    match source {
        Source::File(path) => read_file(path, max_bytes).map_err(LoadError::Unreadable),
        Source::Embedded { bytes, .. } => Ok(bytes.to_vec()),
    }
}

/// Loads one meeting of a source.
pub fn load(source: &Source, index_in_file: usize, max_bytes: u64) -> Result<Meeting, LoadError> {
    let bytes = source_bytes(source, max_bytes)?;
    let mut meetings = parse_bytes(&bytes);
    if index_in_file >= meetings.len() {
        return Err(LoadError::MeetingGone);
    }
    Ok(meetings.swap_remove(index_in_file))
}

/// The entries of one source: one per meeting, or one failed entry.
pub fn entries_of(source: Source, max_bytes: u64) -> Vec<Entry> {
    read_entries(source, max_bytes).0
}

/// The entries of one source and the meetings they were made from.
fn read_entries(source: Source, max_bytes: u64) -> (Vec<Entry>, Vec<Meeting>) {
    match source_bytes(&source, max_bytes).and_then(|bytes| Ok(catching(|| parse_bytes(&bytes))?)) {
        Ok(meetings) => {
            let entries = meetings
                .iter()
                .enumerate()
                .map(|(index_in_file, meeting)| Entry {
                    source: source.clone(),
                    index_in_file,
                    state: EntryState::Ready(EntrySummary::of(meeting)),
                })
                .collect();
            (entries, meetings)
        }
        Err(reason) => (vec![Entry { source, index_in_file: 0, state: EntryState::Failed(reason) }], Vec::new()),
    }
}

/// Entries of a source read from the head of the file: title, date, header; the turn count is
/// left for the second pass. JSON (Diet API responses) is read whole, since a cut JSON document
/// says nothing. Returns whether the entries are complete.
fn peek_entries(source: Source, max_bytes: u64) -> (Vec<Entry>, bool) {
    let failed = |source, reason| (vec![Entry { source, index_in_file: 0, state: EntryState::Failed(reason) }], true);
    let bytes = match source_bytes(&source, max_bytes) {
        Ok(bytes) => bytes,
        Err(reason) => return failed(source, reason),
    };
    match catching(|| peek_bytes(&source, &bytes)) {
        Ok(peeked) => peeked,
        Err(panicked) => failed(source, panicked.into()),
    }
}

/// [`peek_entries`] once the bytes are read.
fn peek_bytes(source: &Source, bytes: &[u8]) -> (Vec<Entry>, bool) {
    // JSON is read whole: a cut document says nothing. The parser's own test decides.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    let json = crate::core::parse::json::starts_like_json(&head);
    if bytes.len() <= HEAD_BYTES || json {
        let meetings = parse_bytes(bytes);
        return (make_entries(source, &meetings, EntrySummary::of), true);
    }
    let text = crate::core::decode::decode(bytes).text;
    let mut cut = HEAD_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut].rfind('\n').unwrap_or(cut);
    let meetings = crate::core::parse::parse_text(&text[..cut]);
    (make_entries(source, &meetings, EntrySummary::of_head), false)
}

fn make_entries(source: &Source, meetings: &[Meeting], summary: fn(&Meeting) -> EntrySummary) -> Vec<Entry> {
    meetings
        .iter()
        .enumerate()
        .map(|(index_in_file, meeting)| Entry {
            source: source.clone(),
            index_in_file,
            state: EntryState::Ready(summary(meeting)),
        })
        .collect()
}

/// Scans `paths` (or takes the embedded samples when there are none) and reports entries in
/// batches, so the list fills while the scan goes on. A handful of files are read whole (the
/// first one is handed over for opening, not parsed twice); a library is listed from file heads
/// on every core, then counted in a second pass.
pub fn spawn_scan(paths: Vec<PathBuf>, max_bytes: u64, remote: Option<Arc<Remote>>, events: Sender<Event>) {
    std::thread::spawn(move || {
        // `gijiroku kokkai`: the search's meetings, listed without reading anything; the app
        // asks for more pages as its list is scrolled.
        if let Some(remote) = remote {
            let (entries, paging) = remote.first_page();
            let _ = events.send(Event::Together(vec![Event::Entries(entries), Event::Paged(paging), Event::ScanDone]));
            return;
        }
        // A library with an index is listed from it at once, then refreshed from the disk.
        if !paths.is_empty() && indexed::list_from_index(&paths, max_bytes, &events) {
            return;
        }
        let mut found = Vec::new();
        if paths.is_empty() {
            found.extend(SAMPLES.iter().map(|(name, bytes)| Ok(Source::Embedded { name, bytes })));
        } else {
            scan(&paths, &mut |f| {
                found.push(match f {
                    Found::File(path) => Ok(Source::File(path)),
                    Found::Problem(path, reason) => Err((path, reason)),
                })
            });
        }
        if found.len() <= SMALL_LIBRARY {
            let mut preloaded = None;
            let mut entries = Vec::new();
            for item in found {
                match item {
                    Ok(source) => {
                        let (found, meetings) = read_entries(source.clone(), max_bytes);
                        if preloaded.is_none() && !meetings.is_empty() {
                            let meetings = meetings.into_iter().map(Arc::new).collect();
                            preloaded = Some(Event::Preloaded(source, meetings));
                        }
                        entries.extend(found);
                    }
                    Err((path, reason)) => {
                        entries.push(Entry {
                            source: Source::File(path),
                            index_in_file: 0,
                            state: EntryState::Failed(LoadError::Unreadable(reason)),
                        });
                    }
                }
            }
            let together = preloaded.into_iter().chain([Event::Entries(entries), Event::ScanDone]).collect();
            let _ = events.send(Event::Together(together));
            return;
        }
        // Archives are mostly kept in dated folders and files; listed from the end of the path
        // order, the first batch holds the newest meetings, and the meeting opened at start (the
        // newest of the first batch) is a recent one rather than the oldest of the archive.
        found.reverse();
        let incomplete = list_heads(&found, max_bytes, &events);
        // The counting pass is announced with the end of the scan, so the header goes from
        // "scanning" straight to "counting 0%" rather than looking idle in between.
        let counting = Progress { done: 0, total: incomplete.len() };
        let mut end = vec![Event::ScanDone];
        if !incomplete.is_empty() {
            end.push(Event::Summaries(Vec::new(), counting));
        }
        let _ = events.send(Event::Together(end));
        count_turns(&incomplete, max_bytes, &events);
    });
}

/// A source found by the scan, or a path that could not be used and why.
type ScanItem = Result<Source, (PathBuf, String)>;

/// Collects what workers produce and sends it in batches: every 512 items or after `period`,
/// so the list fills smoothly without an event per file.
struct Batcher<T> {
    items: Vec<T>,
    last_send: Instant,
    period: Duration,
}

impl<T> Batcher<T> {
    fn new(period: Duration) -> Batcher<T> {
        Batcher { items: Vec::new(), last_send: Instant::now(), period }
    }

    /// The batch to send now, if it is due (or `force`d).
    fn due(&mut self, force: bool) -> Option<Vec<T>> {
        let due = force || self.items.len() >= 512 || self.last_send.elapsed() > self.period;
        if !due || self.items.is_empty() {
            return None;
        }
        self.last_send = Instant::now();
        Some(std::mem::take(&mut self.items))
    }
}

/// Calls `work` for every item, spread over every core; `work` returns false to stop its worker.
pub fn on_every_core<T: Sync>(items: &[T], work: impl Fn(&T) -> bool + Sync) {
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

/// The first pass over a library: entries from file heads, on every core. Returns the sources
/// whose entries still lack their turn counts.
fn list_heads(found: &[ScanItem], max_bytes: u64, events: &Sender<Event>) -> Vec<Source> {
    let incomplete = Mutex::new(Vec::new());
    let batcher = Mutex::new(Batcher::new(Duration::from_millis(40)));
    let send = |force: bool| {
        let due = batcher.lock().ok().and_then(|mut b| b.due(force));
        if let Some(entries) = due {
            let _ = events.send(Event::Entries(entries));
        }
    };
    on_every_core(found, |item| {
        let entries = match item {
            Ok(source) => {
                let (entries, complete) = peek_entries(source.clone(), max_bytes);
                if !complete && let Ok(mut list) = incomplete.lock() {
                    list.push(source.clone());
                }
                entries
            }
            Err((path, reason)) => vec![Entry {
                source: Source::File(path.clone()),
                index_in_file: 0,
                state: EntryState::Failed(LoadError::Unreadable(reason.clone())),
            }],
        };
        if let Ok(mut b) = batcher.lock() {
            b.items.extend(entries);
        }
        send(false);
        true
    });
    send(true);
    incomplete.into_inner().unwrap_or_default()
}

/// The second pass: full parses for turn counts and speakers, on every core, in batches.
fn count_turns(sources: &[Source], max_bytes: u64, events: &Sender<Event>) {
    let done = AtomicUsize::new(0);
    let total = sources.len();
    let batcher = Mutex::new(Batcher::new(Duration::from_millis(100)));
    on_every_core(sources, |source| {
        let summaries: Vec<_> =
            match source_bytes(source, max_bytes).and_then(|bytes| Ok(catching(|| parse_bytes(&bytes))?)) {
                Ok(meetings) => {
                    meetings.iter().enumerate().map(|(n, m)| (source.clone(), n, EntrySummary::of(m))).collect()
                }
                Err(_) => Vec::new(),
            };
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        let due = batcher.lock().ok().and_then(|mut b| {
            b.items.extend(summaries);
            b.due(finished == total)
        });
        match due {
            Some(batch) => events.send(Event::Summaries(batch, Progress { done: finished, total })).is_ok(),
            None => true,
        }
    });
}

fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8)
}

/// Loads a meeting in the background.
pub fn spawn_load(
    entry: usize,
    source: Source,
    index_in_file: usize,
    max_bytes: u64,
    remote: Option<Arc<Remote>>,
    events: Sender<Event>,
) {
    std::thread::spawn(move || {
        let path = match &source {
            Source::File(path) => remote.as_ref().map(|remote| (remote, path)),
            Source::Embedded { .. } => None,
        };
        let result = catching(|| {
            // A meeting listed by `gijiroku kokkai` is downloaded into the cache on first opening.
            if let Some((remote, path)) = path {
                remote.ensure(path).map_err(LoadError::Unreadable)?;
            }
            load(&source, index_in_file, max_bytes)
        })
        .map_err(LoadError::from)
        .and_then(|loaded| loaded)
        .map(Arc::new);
        let found = match path {
            Some((remote, path)) if result.is_ok() => catching(|| remote.found(path)).ok().flatten(),
            _ => None,
        };
        let _ = events.send(Event::Loaded(entry, result, found));
    });
}

/// The next page of a `gijiroku kokkai` listing, after the pause between requests.
pub fn spawn_list_more(remote: Arc<Remote>, events: Sender<Event>) {
    std::thread::spawn(move || {
        let (entries, paging) = catching(|| remote.next_page()).unwrap_or_else(|_| {
            let why = LoadError::Unreadable("listing the next page failed".to_owned());
            let failed =
                Entry { source: Source::File(PathBuf::new()), index_in_file: 0, state: EntryState::Failed(why) };
            (vec![failed], crate::kokkai::remote::Paging { total: 0, more: false })
        });
        let _ = events.send(Event::Together(vec![Event::Entries(entries), Event::Paged(paging)]));
    });
}

/// Searches every entry's text for `query`; stops as soon as `current` moves past `generation`.
pub fn spawn_library_search(
    generation: u64,
    current: Arc<AtomicU64>,
    query: String,
    kana_fold: bool,
    sources: Vec<(usize, Source, usize)>,
    max_bytes: u64,
    events: Sender<Event>,
) {
    std::thread::spawn(move || {
        let Ok(matcher) = Matcher::new(&query, SearchOptions { kana_fold }) else { return };
        let current_for_index = current.clone();
        // Entries of one file are consecutive: each file is read and parsed once for all of them.
        let mut files: Vec<&[(usize, Source, usize)]> = Vec::new();
        let mut rest = sources.as_slice();
        while let Some((_, source, _)) = rest.first() {
            let end = rest.iter().position(|(_, s, _)| s != source).unwrap_or(rest.len());
            files.push(&rest[..end]);
            rest = &rest[end..];
        }
        let total = sources.len();
        let done = AtomicUsize::new(0);
        // The library's index, when it holds these files, rules out those that cannot match.
        let index = crate::index::list::IndexFilter::new(&files, &matcher, move || {
            current_for_index.load(Ordering::SeqCst) != generation
        });
        // Hits go out in batches, as the scan passes do: an event per file would keep the event
        // loop busy re-sorting the list instead of drawing it.
        let batcher = Mutex::new(Batcher::new(Duration::from_millis(40)));
        on_every_core(&files, |group| {
            if current.load(Ordering::SeqCst) != generation {
                return false;
            }
            // The index counts what it holds unchanged; the rest is read and parsed.
            let counts = match group.first() {
                Some((_, source, _)) => index.counts(group).unwrap_or_else(|| count_hits(source, &matcher, max_bytes)),
                None => Vec::new(),
            };
            let hits = group
                .iter()
                .map(|(entry, _, index_in_file)| (*entry, counts.get(*index_in_file).copied().unwrap_or(0)))
                .filter(|(_, hits)| *hits > 0);
            let finished = done.fetch_add(group.len(), Ordering::Relaxed) + group.len();
            let due = batcher.lock().ok().and_then(|mut b| {
                b.items.extend(hits);
                // Progress is news too: an empty batch still goes out when due.
                let due = finished == total || b.items.len() >= 512 || b.last_send.elapsed() > b.period;
                due.then(|| {
                    b.last_send = Instant::now();
                    std::mem::take(&mut b.items)
                })
            });
            match due {
                Some(hits) => {
                    let progress = Progress { done: finished, total };
                    events.send(Event::Hits { generation, hits, progress }).is_ok()
                }
                None => true,
            }
        });
    });
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

/// Hits per meeting of a file (see [`crate::library::hits_per_meeting`]).
fn count_hits(source: &Source, matcher: &Matcher, max_bytes: u64) -> Vec<usize> {
    let Ok(bytes) = source_bytes(source, max_bytes) else { return Vec::new() };
    catching(|| crate::library::hits_per_meeting(&bytes, matcher)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large library is listed newest path first: the first entry listed comes from the end
    /// of the path order (dated folders), so the meeting opened at start is a recent one.
    #[test]
    fn a_large_library_is_listed_from_the_end_of_the_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let files = 40;
        for n in 0..files {
            let year = dir.path().join(format!("{}", 2000 + n));
            std::fs::create_dir(&year).unwrap();
            let text = format!("第{n}回 架空市委員会 議事要旨\n\n[森委員]\n第{n}回の発言です。\n");
            std::fs::write(year.join("minutes.txt"), text).unwrap();
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        spawn_scan(vec![dir.path().to_path_buf()], crate::library::DEFAULT_MAX_FILE_BYTES, None, sender);
        let first = receiver
            .iter()
            .find_map(|event| match event {
                Event::Entries(entries) => entries.into_iter().next(),
                _ => None,
            })
            .expect("entries");
        let Source::File(path) = &first.source else { panic!("{first:?}") };
        let year: usize = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap().parse().unwrap();
        // Each worker starts on one of the last paths; the first to finish is listed first.
        assert!(year >= 2000 + files - worker_count(), "first listed: {}", path.display());
    }

    /// Regression: a single file's meeting, its entry and the end of the scan came as three
    /// events; when the main thread woke between them, the reader was drawn beside a list that
    /// then hid, and the meeting was laid out twice before the first settled frame.
    #[test]
    fn a_small_library_is_listed_in_one_event() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/summary/committee.txt");
        let (sender, receiver) = std::sync::mpsc::channel();
        spawn_scan(vec![fixture], crate::library::DEFAULT_MAX_FILE_BYTES, None, sender);
        let events: Vec<Event> = receiver.iter().collect();
        assert_eq!(events.len(), 1, "{events:?}");
        let Event::Together(parts) = &events[0] else { panic!("not one batch: {events:?}") };
        assert!(
            matches!(parts.as_slice(), [Event::Preloaded(..), Event::Entries(entries), Event::ScanDone] if entries.len() == 1)
        );
    }
}
