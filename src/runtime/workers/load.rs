//! Loading meetings: a source's bytes, one meeting of it, on a worker thread; and the next page
//! of a `gijiroku kokkai` listing.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::Event;
use crate::app::library::{Entry, EntryState, LoadError, Source};
use crate::core::meeting::Meeting;
use crate::core::parse::parse_bytes;
use crate::kokkai::remote::Remote;
use crate::library::read_file;
use crate::runtime::terminal::catching;

/// Reads a source's bytes.
pub(crate) fn source_bytes(source: &Source, max_bytes: u64) -> Result<Vec<u8>, LoadError> {
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

/// Loads a meeting in the background.
pub(crate) fn spawn_load(
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
pub(crate) fn spawn_list_more(remote: Arc<Remote>, events: Sender<Event>) {
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
