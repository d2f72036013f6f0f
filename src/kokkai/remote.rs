//! The reader on a search of the API: the meetings a search listed become list entries (their
//! cache files, whether or not they are there yet), further pages are listed in the background
//! while the reader is open, and opening a meeting that is not cached downloads it first, on the
//! load worker. Installed once by `gijiroku kokkai` before the reader starts; the runtime asks
//! [`list`] at its scan and [`ensure`] before reading a file, and nothing changes for any other
//! run of the reader (nothing is installed).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::cache::Cache;
use super::client::Client;
use super::query::{Endpoint, Query};
use super::response::MeetingSummary;
use crate::app::library::{Entry, EntryState, EntrySummary, LoadError, Source};
use crate::core::meeting::{Date, Format};

/// What `gijiroku kokkai` hands the reader.
pub struct Search {
    pub cache: Cache,
    pub client: Client,
    pub query: Query,
    /// The meetings listed before the reader started.
    pub listed: Vec<MeetingSummary>,
    /// Where the next page starts, if there is more to list.
    pub next: Option<u64>,
    /// How many meetings to list at most.
    pub limit: usize,
    /// What to search for in an opened meeting, so that it opens at the first match and `n`
    /// goes on to the next.
    pub words: Option<String>,
    /// What the reader should say at once (the listing fell back to the cache, or stopped).
    pub notice: Option<String>,
}

struct Remote {
    cache: Cache,
    /// Behind a mutex: the list pager and the load workers take turns, one request at a time.
    client: Mutex<Client>,
    query: Query,
    first: Mutex<Option<(Vec<MeetingSummary>, Option<u64>)>>,
    limit: usize,
    words: Option<String>,
    notice: Option<String>,
    /// Cache paths of the listed meetings: their IDs and first matching speeches.
    by_path: Mutex<HashMap<PathBuf, (String, Option<u64>)>>,
}

static REMOTE: OnceLock<Remote> = OnceLock::new();

/// Makes the search the reader's library. `false` if one was installed already.
pub fn install(search: Search) -> bool {
    let remote = Remote {
        cache: search.cache,
        client: Mutex::new(search.client),
        query: search.query,
        first: Mutex::new(Some((search.listed, search.next))),
        limit: search.limit,
        words: search.words,
        notice: search.notice,
        by_path: Mutex::new(HashMap::new()),
    };
    REMOTE.set(remote).is_ok()
}

/// Lists the installed search: `send` gets the entries of each page (the first at once, then
/// page by page, paused as every request is) until the limit or the last page. `false` when
/// nothing is installed and the reader reads files as usual. A page that fails ends the listing
/// with an unreadable entry saying why, so the reader shows it.
pub fn list(send: &mut dyn FnMut(Vec<Entry>) -> bool) -> bool {
    let Some(remote) = REMOTE.get() else { return false };
    let Some((first, mut next)) = remote.first.lock().ok().and_then(|mut f| f.take()) else { return true };
    let mut count = first.len();
    if !send(remote.entries(&first)) {
        return true;
    }
    while let Some(start) = next.filter(|_| count < remote.limit) {
        let page = match remote.client.lock() {
            Ok(mut client) => client.page(Endpoint::MeetingList, &remote.query, start),
            Err(_) => return true,
        };
        let entries = match page {
            Ok(page) => {
                next = page.next;
                let mut meetings: Vec<MeetingSummary> = page.records.iter().filter_map(MeetingSummary::of).collect();
                meetings.truncate(remote.limit - count);
                count += meetings.len();
                remote.entries(&meetings)
            }
            Err(problem) => {
                next = None;
                let why = format!("listing stopped after {count} meetings: {problem}");
                vec![Entry {
                    source: Source::File(remote.cache.meetings_dir()),
                    index_in_file: 0,
                    state: EntryState::Failed(LoadError::Unreadable(why)),
                }]
            }
        };
        if !send(entries) {
            return true;
        }
    }
    true
}

impl Remote {
    fn entries(&self, meetings: &[MeetingSummary]) -> Vec<Entry> {
        let mut by_path = self.by_path.lock().ok();
        meetings
            .iter()
            .filter_map(|m| {
                let path = self.cache.meeting_path(&m.issue_id)?;
                if let Some(by_path) = by_path.as_mut() {
                    by_path.insert(path.clone(), (m.issue_id.clone(), m.speeches.iter().copied().find(|&o| o > 0)));
                }
                // The count first: a narrow list pane cuts titles at the end.
                let title = format!("[{}] {} {} {}", m.speeches.len(), m.house, m.meeting, m.issue);
                let summary = EntrySummary {
                    title,
                    date: Date::parse_iso(&m.date),
                    turns: None,
                    speakers: Vec::new(),
                    format: Format::Kokkai,
                    problems: 0,
                    doubted: false,
                };
                Some(Entry { source: Source::File(path), index_in_file: 0, state: EntryState::Ready(summary) })
            })
            .collect()
    }

    fn issue_of(&self, path: &Path) -> Option<String> {
        self.by_path.lock().ok()?.get(path).map(|(id, _)| id.clone())
    }
}

/// What the reader says when it starts, if anything.
pub fn notice() -> Option<String> {
    REMOTE.get()?.notice.clone()
}

/// Where a meeting of the search opens: at the first match of `words` (then `n` goes on), else
/// at `turn`, the first matching speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    pub words: Option<&'static str>,
    pub turn: Option<usize>,
}

/// How a listed meeting opens; `None` for any other file.
pub fn opening(path: &Path) -> Option<Opening> {
    let remote = REMOTE.get()?;
    let first = remote.by_path.lock().ok()?.get(path)?.1;
    // The meeting endpoint gives every speech in order, 0 being the record information: speech
    // N is turn N - 1.
    let turn = first.and_then(|order| usize::try_from(order).ok()?.checked_sub(1));
    Some(Opening { words: remote.words.as_deref(), turn })
}

/// Downloads a listed meeting into the cache if it is not there. `Ok` for any other path.
pub fn ensure(path: &Path) -> Result<(), String> {
    let Some(remote) = REMOTE.get() else { return Ok(()) };
    let Some(issue_id) = remote.issue_of(path) else { return Ok(()) };
    if path.is_file() {
        return Ok(());
    }
    let mut client = remote.client.lock().map_err(|_| "the download of an earlier meeting failed".to_owned())?;
    // Another worker may have fetched it while this one waited.
    if path.is_file() {
        return Ok(());
    }
    let record = client.meeting(&issue_id).map_err(|problem| {
        let hint = if problem.is_offline() { " (the cached meetings can still be read)" } else { "" };
        format!("{problem}{hint}")
    })?;
    remote.cache.store(&record).map(|_| ())
}
