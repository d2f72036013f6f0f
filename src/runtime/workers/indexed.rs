//! A large library with an index (issue 16) is listed from the index at once: every meeting,
//! with its title, date and turn count, in one batch before anything is walked. Then, on this
//! same worker, the disk is walked as always, and only what changed since the index was written
//! is read: a file whose size or time differ is parsed again and its entries replace the
//! index's, a new file is listed from its head and counted, a file gone is marked so. Everything
//! reaches the app as the walk's events do (`Entries`, `Summaries`, `ScanDone`); an entry for a
//! meeting the list already has replaces it there (`App::add_entries_preferring`). When anything
//! changed, the index itself is then brought up to date, still in the background.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::Sender;
use std::time::Duration;

use super::scan::{SMALL_LIBRARY, ScanItem, count_turns, list_heads, read_entries};
use super::{Batcher, Event, Progress, on_every_core};
use crate::app::library::{Entry, EntryState, LoadError, Source};
use crate::index::listing::Listing;
use crate::index::store::{self, Canonical};
use crate::library::{Found, scan};

/// What a file gone since it was indexed says in the list.
const GONE: &str = "no longer on disk (it was listed from the library's index)";

/// Lists `paths` from their index and then refreshes the list; false when there is no usable
/// index holding more than a handful of files for them (then the caller walks as always).
pub(super) fn list_from_index(paths: &[PathBuf], max_bytes: u64, events: &Sender<Event>) -> bool {
    // The first files read go out at once, so the first screen waits for them only; the whole
    // listing follows (entries sent twice replace themselves in the app).
    let mut early = |part: &Listing| {
        let _ = events.send(Event::Entries(entries_of(part)));
    };
    let Some(listing) = crate::index::listing::read(paths, &mut early) else {
        // No usable index: the walk lists everything (replacing whatever went early, if the
        // index failed part way).
        return false;
    };
    if listing.files.len() <= SMALL_LIBRARY {
        // A few files are read whole as fast as the index is read (and nothing went early).
        return false;
    }
    // In parts: the app hashes every entry it takes and sorts its list after each event, so
    // one event of 30,000 entries held a key for a tenth of a second or more; a part costs it
    // a few milliseconds (the list arrives in the order it sorts to, so each sort is a pass).
    let mut entries = entries_of(&listing).into_iter();
    loop {
        let part: Vec<Entry> = entries.by_ref().take(LIST_PART).collect();
        if part.is_empty() {
            break;
        }
        if events.send(Event::Entries(part)).is_err() {
            return true;
        }
    }
    refresh(paths, &listing, max_bytes, events);
    true
}

/// Entries per event when the whole list is sent.
pub const LIST_PART: usize = 512;

/// Every meeting of the listing, in the order the app's list shows them by default: newest
/// first, then by title (undated last), ties in path order, newest path first.
fn entries_of(listing: &Listing) -> Vec<Entry> {
    let mut files: Vec<_> = listing.files.values().collect();
    // By bytes: comparing paths by components costs more than the rest of the listing.
    files.sort_by(|a, b| b.path.as_os_str().cmp(a.path.as_os_str()));
    let mut entries: Vec<Entry> = files
        .iter()
        .flat_map(|file| {
            file.meetings.iter().enumerate().map(|(index_in_file, summary)| Entry {
                source: Source::File(file.path.clone()),
                index_in_file,
                state: EntryState::Ready(summary.clone()),
            })
        })
        .collect();
    // The list's own order (newest first is its default): a list that arrives so ordered is
    // sorted in one pass. Stable, so ties stay in path order.
    entries.sort_by(|a, b| crate::app::list::list_order(a, b, true));
    entries
}

/// The walk after the listing: what is new, changed or gone since the index was written.
fn refresh(paths: &[PathBuf], listing: &Listing, max_bytes: u64, events: &Sender<Event>) {
    let mut canonical = Canonical::default();
    let mut seen = HashSet::new();
    // Files the index knows (named as it listed them, so their entries are replaced, not
    // doubled), to be compared with the disk; and files it does not know, to be listed.
    let mut known: Vec<(PathBuf, String)> = Vec::new();
    let mut new: Vec<ScanItem> = Vec::new();
    scan(paths, &mut |found| match found {
        Found::File(path) => match canonical.file(&path).and_then(|key| listing.files.get_key_value(&key)) {
            Some((key, file)) if seen.insert(key.clone()) => known.push((file.path.clone(), key.clone())),
            Some(_) => {}
            None => new.push(Ok(Source::File(path))),
        },
        Found::Problem(path, reason) => new.push(Err((path, reason))),
    });
    let changed = Mutex::new(Vec::new());
    on_every_core(&known, |(path, key)| {
        let fresh = listing.files.get(key).is_some_and(|file| {
            std::fs::metadata(path).is_ok_and(|meta| store::stamp(&meta) == (file.record.size, file.record.mtime))
        });
        if !fresh && let Ok(mut changed) = changed.lock() {
            changed.push(key.clone());
        }
        true
    });
    let changed = changed.into_inner().unwrap_or_default();
    // Changed files are read whole: their entries replace the index's, and meetings the file
    // no longer has are marked. In batches: each one re-sorts the list.
    let batcher = Mutex::new(Batcher::new(Duration::from_millis(100)));
    let send = |force: bool| {
        let due = batcher.lock().ok().and_then(|mut b| b.due(force));
        due.is_none_or(|entries| events.send(Event::Entries(entries)).is_ok())
    };
    on_every_core(&changed, |key| {
        let Some(file) = listing.files.get(key) else { return true };
        let (mut entries, _) = read_entries(Source::File(file.path.clone()), max_bytes);
        let now = entries.len();
        entries.extend((now..file.meetings.len()).map(|index_in_file| Entry {
            source: Source::File(file.path.clone()),
            index_in_file,
            state: EntryState::Failed(LoadError::MeetingGone),
        }));
        if let Ok(mut b) = batcher.lock() {
            b.items.extend(entries);
        }
        send(false)
    });
    send(true);
    let gone: Vec<Entry> = listing
        .files
        .iter()
        .filter(|(key, _)| !seen.contains(*key))
        .flat_map(|(_, file)| {
            (0..file.meetings.len()).map(|index_in_file| Entry {
                source: Source::File(file.path.clone()),
                index_in_file,
                state: EntryState::Failed(LoadError::Unreadable(GONE.into())),
            })
        })
        .collect();
    let removed = !gone.is_empty();
    if removed {
        let _ = events.send(Event::Entries(gone));
    }
    let added = !new.is_empty();
    let incomplete = if added { list_heads(&new, max_bytes, events) } else { Vec::new() };
    let mut end = vec![Event::ScanDone];
    if !incomplete.is_empty() {
        end.push(Event::Summaries(Vec::new(), Progress { done: 0, total: incomplete.len() }));
    }
    if events.send(Event::Together(end)).is_err() {
        return;
    }
    count_turns(&incomplete, max_bytes, events);
    if added || removed || !changed.is_empty() {
        // The next start and the next search find the index fresh. Another indexer at work, a
        // full disk or a read-only cache: the index stays as it was, and this is tried again at
        // the next start.
        let options = crate::index::update::UpdateOptions { rebuild: false, max_file_bytes: max_bytes };
        let _ =
            crate::runtime::terminal::catching(|| crate::index::update::update(&listing.roots, options, &mut |_| {}));
    }
    // The list search's first question then finds the index (as updated) open, its record of
    // files read, instead of opening it while the user waits for hits.
    let listed: Vec<PathBuf> = listing.files.values().map(|file| file.path.clone()).collect();
    let _ = crate::runtime::terminal::catching(|| crate::index::backend::shared_for(&listed));
}
