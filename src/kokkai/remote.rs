//! The reader on a search of the API: the meetings a search listed become list entries (their
//! cache files, whether or not they are there yet), and opening one that is not cached downloads
//! it first, on the load worker. Installed once by `gijiroku kokkai` before the reader starts;
//! the runtime asks [`entries`] at its scan and [`ensure`] before reading a file, and nothing
//! changes for any other run of the reader (nothing is installed).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::cache::Cache;
use super::client::Client;
use super::response::MeetingSummary;
use crate::app::library::{Entry, EntryState, EntrySummary, Source};
use crate::core::meeting::{Date, Format};

pub struct Remote {
    cache: Cache,
    /// Behind a mutex: the load workers take turns, so there is one request at a time.
    client: Mutex<Client>,
    listed: Vec<MeetingSummary>,
    by_path: HashMap<PathBuf, String>,
    /// What to search for in an opened meeting, so that it opens at the first match and `n`
    /// goes on to the next.
    words: Option<String>,
}

static REMOTE: OnceLock<Remote> = OnceLock::new();

/// Makes `listed` the reader's library. `false` if one was installed already.
pub fn install(cache: Cache, client: Client, listed: Vec<MeetingSummary>, words: Option<String>) -> bool {
    let by_path = listed.iter().filter_map(|m| Some((cache.meeting_path(&m.issue_id)?, m.issue_id.clone()))).collect();
    REMOTE.set(Remote { cache, client: Mutex::new(client), listed, by_path, words }).is_ok()
}

/// The list entries of the installed search, or `None` when the reader reads files as usual.
pub fn entries() -> Option<Vec<Entry>> {
    let remote = REMOTE.get()?;
    let entries = remote
        .listed
        .iter()
        .filter_map(|m| {
            let path = remote.cache.meeting_path(&m.issue_id)?;
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
        .collect();
    Some(entries)
}

/// The words an opened meeting of the search is searched for.
pub fn search_words(path: &Path) -> Option<&'static str> {
    let remote = REMOTE.get()?;
    remote.by_path.contains_key(path).then_some(remote.words.as_deref()).flatten()
}

/// Downloads a listed meeting into the cache if it is not there. `Ok` for any other path.
pub fn ensure(path: &Path) -> Result<(), String> {
    let Some(remote) = REMOTE.get() else { return Ok(()) };
    let Some(issue_id) = remote.by_path.get(path) else { return Ok(()) };
    if path.is_file() {
        return Ok(());
    }
    let mut client = remote.client.lock().map_err(|_| "the download of an earlier meeting failed".to_owned())?;
    // Another worker may have fetched it while this one waited.
    if path.is_file() {
        return Ok(());
    }
    let record = client.meeting(issue_id).map_err(|problem| {
        let hint = if problem.is_offline() { " (the cached meetings can still be read)" } else { "" };
        format!("{problem}{hint}")
    })?;
    remote.cache.store(&record).map(|_| ())
}
