//! The full-text library search: every file of the list searched on every core (or counted by
//! the library's index where it holds the file unchanged), hit counts sent in batches, stopped
//! when a newer query's generation arrives.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::load::source_bytes;
use super::{Batcher, Event, Progress, on_every_core};
use crate::app::library::Source;
use crate::core::search::{Matcher, SearchOptions};
use crate::runtime::terminal::catching;

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
        // loop busy re-sorting the list instead of drawing it. But the first hits go out as soon
        // as they are found: they are what the user waits for.
        let batcher = Mutex::new(Batcher::new(Duration::from_millis(40)));
        let first_sent = AtomicBool::new(false);
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
                let first = !b.items.is_empty() && !first_sent.swap(true, Ordering::Relaxed);
                let due = first || finished == total || b.items.len() >= 512 || b.last_send.elapsed() > b.period;
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

/// Hits per meeting of a file (see [`crate::library::hits_per_meeting`]).
pub(super) fn count_hits(source: &Source, matcher: &Matcher, max_bytes: u64) -> Vec<usize> {
    let Ok(bytes) = source_bytes(source, max_bytes) else { return Vec::new() };
    catching(|| crate::library::hits_per_meeting(&bytes, matcher)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the first hits waited for the batching period (40 ms) or for the search to
    /// end, though they are what the user waits for; now they go out as soon as they are found.
    #[test]
    fn the_first_hits_are_sent_as_soon_as_they_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let entries: Vec<(usize, Source, usize)> = (0..200)
            .map(|n| {
                let path = dir.path().join(format!("{n:03}.txt"));
                std::fs::write(&path, format!("第{n}回 架空市委員会 議事要旨\n\n[森委員]\n図書館について伺います。\n"))
                    .unwrap();
                (n, Source::File(path), 0)
            })
            .collect();
        let (sender, receiver) = std::sync::mpsc::channel();
        spawn_library_search(1, Arc::new(AtomicU64::new(1)), "図書館".into(), true, entries, 1 << 20, sender);
        let mut batches = Vec::new();
        for event in receiver {
            if let Event::Hits { hits, progress, .. } = event {
                batches.push(hits.len());
                if progress.done == progress.total {
                    break;
                }
            }
        }
        let first = batches.iter().find(|&&n| n > 0).copied();
        assert_eq!(first, Some(1), "batches: {batches:?}");
        assert_eq!(batches.iter().sum::<usize>(), 200);
    }
}
