//! The reader on a search of the API: the meetings a search listed become list entries (their
//! cache files, whether or not they are there yet), further pages are listed when the app asks
//! for them (its list was scrolled near the end), and opening a meeting that is not cached
//! downloads it first, on the load worker. `gijiroku kokkai` makes one [`Remote`] and hands it
//! to the runtime, which passes it to the scan, the load workers and the pager; any other run of
//! the reader has none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use super::cache::Cache;
use super::client::Client;
use super::query::{Endpoint, Query};
use super::response::{MeetingSummary, number, text};
use crate::app::library::{Entry, EntryState, EntrySummary, LoadError, Source};
use crate::app::search::Found;
use crate::core::meeting::{Date, Format};

/// What `gijiroku kokkai` hands the reader.
pub struct Search {
    pub cache: Cache,
    pub client: Client,
    pub query: Query,
    /// The meetings listed before the reader started.
    pub listed: Vec<MeetingSummary>,
    /// All meetings matching, as the API counts them (at least `listed`).
    pub total: u64,
    /// Where the next page starts, if there is more to list.
    pub next: Option<u64>,
    /// How many meetings to list at most.
    pub limit: usize,
    /// What to search for in an opened meeting's found speeches (highlighted, `n` between them).
    pub words: Option<String>,
    /// What the reader should say at once (the listing fell back to the cache, or stopped;
    /// records left out; downloads that failed): printed before the reader, they would be
    /// hidden by its screen.
    pub notices: Vec<String>,
}

/// How far listing has come: `total` entries in all (the API's count, up to the limit), and
/// whether another page can be asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    pub total: usize,
    pub more: bool,
}

/// The search the reader lists, owned by the runtime (shared with its workers).
pub struct Remote {
    cache: Cache,
    /// Behind a mutex: the pager and the load workers take turns, one request at a time.
    client: Mutex<Client>,
    query: Query,
    limit: usize,
    words: Option<String>,
    /// Whether the search names words or a speaker: only then are some speeches "found".
    by_speech: bool,
    notices: Vec<String>,
    listing: Mutex<Listing>,
}

struct Listing {
    /// The meetings listed before the reader started, until the scan takes them.
    first: Option<Vec<MeetingSummary>>,
    next: Option<u64>,
    listed: usize,
    total: u64,
    /// Cache paths of the listed meetings: their IDs and matching speeches (`speechOrder`s).
    by_path: HashMap<PathBuf, (String, Vec<u64>)>,
}

impl Remote {
    pub fn new(search: Search) -> Remote {
        let by_speech = search.query.speaker.is_some() || search.query.any.iter().any(|w| !w.trim().is_empty());
        let listing = Listing {
            first: Some(search.listed),
            next: search.next,
            listed: 0,
            total: search.total,
            by_path: HashMap::new(),
        };
        Remote {
            cache: search.cache,
            client: Mutex::new(search.client),
            query: search.query,
            limit: search.limit,
            words: search.words,
            by_speech,
            notices: search.notices,
            listing: Mutex::new(listing),
        }
    }

    /// What the reader says when it starts.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The entries listed before the reader started (empty after the first call).
    pub fn first_page(&self) -> (Vec<Entry>, Paging) {
        let Ok(mut listing) = self.listing.lock() else { return (Vec::new(), Paging { total: 0, more: false }) };
        let first = listing.first.take().unwrap_or_default();
        let entries = self.entries(&mut listing, &first);
        (entries, self.paging(&listing))
    }

    /// The next page's entries, after the pause every request waits. A page that fails ends the
    /// listing with an unreadable entry saying why, so the reader shows it.
    pub(crate) fn next_page(&self) -> (Vec<Entry>, Paging) {
        let next = match self.listing.lock() {
            Ok(listing) => listing.next.filter(|_| listing.listed < self.limit),
            Err(_) => None,
        };
        let Some(start) = next else { return (Vec::new(), Paging { total: 0, more: false }) };
        let page = match self.client.lock() {
            Ok(mut client) => client.page(Endpoint::MeetingList, &self.query, start),
            Err(_) => return (Vec::new(), Paging { total: 0, more: false }),
        };
        let Ok(mut listing) = self.listing.lock() else { return (Vec::new(), Paging { total: 0, more: false }) };
        let entries = match page {
            Ok(page) => {
                listing.next = page.next;
                listing.total = listing.total.max(page.total);
                // Records added while paging shift the pages: a meeting already listed is not
                // listed again.
                let mut meetings: Vec<MeetingSummary> = page
                    .records
                    .iter()
                    .filter_map(MeetingSummary::of)
                    .filter(|m| self.cache.meeting_path(&m.issue_id).is_none_or(|p| !listing.by_path.contains_key(&p)))
                    .collect();
                meetings.truncate(self.limit.saturating_sub(listing.listed));
                self.entries(&mut listing, &meetings)
            }
            Err(problem) => {
                listing.next = None;
                let why = format!("listing stopped after {} meetings: {problem}", listing.listed);
                vec![Entry {
                    source: Source::File(self.cache.meetings_dir()),
                    index_in_file: 0,
                    state: EntryState::Failed(LoadError::Unreadable(why)),
                }]
            }
        };
        (entries, self.paging(&listing))
    }

    fn paging(&self, listing: &Listing) -> Paging {
        let more = listing.next.is_some() && listing.listed < self.limit;
        let total = usize::try_from(listing.total).unwrap_or(usize::MAX).min(self.limit).max(listing.listed);
        Paging { total: if more { total } else { listing.listed }, more }
    }

    fn entries(&self, listing: &mut Listing, meetings: &[MeetingSummary]) -> Vec<Entry> {
        let entries: Vec<Entry> = meetings
            .iter()
            .filter_map(|m| {
                let path = self.cache.meeting_path(&m.issue_id)?;
                listing.by_path.insert(path.clone(), (m.issue_id.clone(), m.speeches.clone()));
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
        listing.listed += entries.len();
        entries
    }

    fn listed(&self, path: &Path) -> Option<(String, Vec<u64>)> {
        self.listing.lock().ok()?.by_path.get(path).cloned()
    }

    /// The speeches the search found in a listed meeting, as turns of the meeting its cache file
    /// holds; `None` for any other file, and for a search that names no words and no speaker
    /// (every speech would be "found": the meeting opens as any other).
    pub fn found(&self, path: &Path) -> Option<Found> {
        if !self.by_speech {
            return None;
        }
        let (issue_id, orders) = self.listed(path)?;
        let bytes = self.cache.read(&issue_id)?;
        Some(Found { turns: turns_of(&bytes, &orders), words: self.words.clone() })
    }

    /// Downloads a listed meeting into the cache if it is not there. `Ok` for any other path.
    pub(crate) fn ensure(&self, path: &Path) -> Result<(), String> {
        let Some((issue_id, _)) = self.listed(path) else { return Ok(()) };
        if path.is_file() {
            return Ok(());
        }
        let mut client = self.client.lock().map_err(|_| "the download of an earlier meeting failed".to_owned())?;
        // Another worker may have fetched it while this one waited.
        if path.is_file() {
            return Ok(());
        }
        let record = client.meeting(&issue_id).map_err(|problem| {
            let hint = if problem.is_offline() { " (the cached meetings can still be read)" } else { "" };
            format!("{problem}{hint}")
        })?;
        self.cache.store(&record).map(|_| ()).map_err(|err| err.to_string())
    }
}

/// The turns of a cached meeting that the `speechOrder`s `orders` are: the Diet parser makes a
/// turn of every speech but the record information (order 0, `会議録情報`), in `speechOrder`
/// order, so a speech's turn is its rank among those. An unreadable file gives order - 1,
/// which is the same for every whole meeting the API returns.
pub fn turns_of(bytes: &[u8], orders: &[u64]) -> Vec<usize> {
    let value: Option<Value> = serde_json::from_slice(bytes).ok();
    let speeches = value
        .as_ref()
        .and_then(|v| v.get("meetingRecord")?.as_array()?.first()?.get("speechRecord")?.as_array().cloned());
    let Some(speeches) = speeches else {
        return orders.iter().filter_map(|&o| usize::try_from(o).ok()?.checked_sub(1)).collect();
    };
    let mut in_turns: Vec<u64> = speeches
        .iter()
        .filter(|s| s.get("speaker").and_then(text).as_deref() != Some("会議録情報"))
        .filter_map(|s| s.get("speechOrder").and_then(number))
        .filter(|&order| order > 0)
        .collect();
    in_turns.sort_unstable();
    orders.iter().filter_map(|order| in_turns.binary_search(order).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speech_is_its_rank_among_the_speeches_after_the_record_information() {
        let bytes = r#"{"meetingRecord":[{"issueID":"X","speechRecord":[
            {"speechOrder":0,"speaker":"会議録情報"},{"speechOrder":"2","speaker":"B"},
            {"speechOrder":1,"speaker":"A"},{"speechOrder":5,"speaker":"C"}]}]}"#
            .as_bytes();
        assert_eq!(turns_of(bytes, &[1, 5, 2]), vec![0, 2, 1]);
        // An order the meeting lacks is no turn.
        assert_eq!(turns_of(bytes, &[3]), Vec::<usize>::new());
        // Not the cache's shape: speech N is turn N - 1.
        assert_eq!(turns_of(b"[", &[0, 1, 4]), vec![0, 3]);
    }
}
