//! The library scan: the files of the paths given (or the built-in samples) become list
//! entries, sent in batches. A few files are read whole; a larger library is listed from file
//! heads on every core, then counted (turns, speakers) in a second pass; one with an index is
//! listed from it first ([`super::indexed`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::load::source_bytes;
use super::{Batcher, Event, Progress, indexed, on_every_core};
use crate::app::library::{Entry, EntryState, EntrySummary, LoadError, Source};
use crate::core::meeting::Meeting;
use crate::core::parse::parse_bytes;
use crate::kokkai::remote::Remote;
use crate::library::{Found, scan};
use crate::runtime::terminal::catching;

/// Up to this many files are read whole before the first frame settles; larger libraries are
/// listed from file heads first (in parallel) and counted in a second pass.
pub(super) const SMALL_LIBRARY: usize = 16;

/// Bytes of a file read for its list entry: enough for the title, date and header of any format.
const HEAD_BYTES: usize = 8 * 1024;

/// Sample minutes compiled into the binary, shown when no path is given and no library is set.
pub const SAMPLES: &[(&str, &[u8])] = &[
    ("01_summary.txt", include_bytes!("../../../assets/samples/01_summary.txt")),
    ("02_assembly.txt", include_bytes!("../../../assets/samples/02_assembly.txt")),
    ("03_notes.md", include_bytes!("../../../assets/samples/03_notes.md")),
    ("04_kokkai.json", include_bytes!("../../../assets/samples/04_kokkai.json")),
];

/// The entries of one source: one per meeting, or one failed entry.
pub fn entries_of(source: Source, max_bytes: u64) -> Vec<Entry> {
    read_entries(source, max_bytes).0
}

/// The entries of one source and the meetings they were made from.
pub(super) fn read_entries(source: Source, max_bytes: u64) -> (Vec<Entry>, Vec<Meeting>) {
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
pub(super) type ScanItem = Result<Source, (PathBuf, String)>;

/// The first pass over a library: entries from file heads, on every core. Returns the sources
/// whose entries still lack their turn counts.
pub(super) fn list_heads(found: &[ScanItem], max_bytes: u64, events: &Sender<Event>) -> Vec<Source> {
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
pub(super) fn count_turns(sources: &[Source], max_bytes: u64, events: &Sender<Event>) {
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
        assert!(year >= 2000 + files - super::super::worker_count(), "first listed: {}", path.display());
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
