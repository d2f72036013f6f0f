//! Remembered reading state, kept across runs in the platform data directory (`state.json`; on
//! Linux `$XDG_DATA_HOME/gijiroku/state.json`): the last open meeting and, per meeting, the
//! reading position, the jump list and the marks `a`–`z`.
//!
//! Positions are [`Anchor`]s (a piece of text and a byte in it), so they survive other widths
//! and ambiguous settings. The file is only a convenience: a corrupt or unreadable one is set
//! aside with a warning and never stops the reader, and two instances merge per meeting (the
//! newest change wins) instead of overwriting each other. Minutes files are never written.

pub mod file;
mod meeting;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::app::library::{Entry, Source};
use crate::app::remembered::Remembered;
use crate::core::layout::Anchor;

/// The file's name in the data directory.
pub const FILE_NAME: &str = "state.json";
/// Meetings remembered; the least recently read are forgotten first.
pub const MAX_MEETINGS: usize = 1000;
/// Jump-list entries kept per meeting (as many as the jump list holds).
pub use crate::app::jumps::MAX_JUMPS;
const VERSION: u32 = 1;

/// What is remembered of one meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingState {
    /// The text at the top of the view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Anchor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jumps: Vec<Anchor>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub marks: BTreeMap<char, Anchor>,
    /// Unix time in milliseconds of the last change: the newest wins when instances merge.
    #[serde(default)]
    pub updated: u64,
}

/// The meeting that was open last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastOpen {
    pub key: String,
    pub updated: u64,
}

/// The whole state file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub last_open: Option<LastOpen>,
    /// By [`meeting_key`].
    #[serde(default)]
    pub meetings: BTreeMap<String, MeetingState>,
}

impl Default for State {
    fn default() -> Self {
        State { version: VERSION, last_open: None, meetings: BTreeMap::new() }
    }
}

impl State {
    /// Takes from `other` every meeting it changed more recently than `self` (and the last open
    /// meeting likewise). On a tie `self` wins: it is the writer.
    pub fn merge(&mut self, other: State) {
        for (key, theirs) in other.meetings {
            match self.meetings.get(&key) {
                Some(ours) if ours.updated >= theirs.updated => {}
                _ => {
                    self.meetings.insert(key, theirs);
                }
            }
        }
        if let Some(theirs) = other.last_open
            && self.last_open.as_ref().is_none_or(|ours| ours.updated < theirs.updated)
        {
            self.last_open = Some(theirs);
        }
    }

    /// Keeps the state within its bounds: the newest [`MAX_MEETINGS`] meetings, [`MAX_JUMPS`]
    /// jumps each, marks `a`–`z` only.
    pub fn bound(&mut self) {
        for meeting in self.meetings.values_mut() {
            let excess = meeting.jumps.len().saturating_sub(MAX_JUMPS);
            meeting.jumps.drain(..excess);
            meeting.marks.retain(|c, _| c.is_ascii_lowercase());
        }
        if self.meetings.len() > MAX_MEETINGS {
            let mut by_age: Vec<(u64, String)> = self.meetings.iter().map(|(k, m)| (m.updated, k.clone())).collect();
            by_age.sort();
            let excess = self.meetings.len() - MAX_MEETINGS;
            for (_, key) in by_age.into_iter().take(excess) {
                self.meetings.remove(&key);
            }
        }
        self.version = VERSION;
    }
}

/// The key of a meeting in the state file: its file's canonical path and its index in the file
/// (`/home/me/minutes/2024-03.txt#0`), or `sample:NAME#INDEX` for the built-in samples.
pub fn meeting_key(source: &Source, index_in_file: usize) -> String {
    match source {
        Source::File(path) => {
            let canonical = std::fs::canonicalize(path)
                .or_else(|_| std::path::absolute(path))
                .unwrap_or_else(|_| path.to_path_buf());
            format!("{}#{index_in_file}", canonical.display())
        }
        Source::Embedded { name, .. } => format!("sample:{name}#{index_in_file}"),
    }
}

/// Whether `key` can be the key of `entry`, decided without touching the file system: the
/// file name and index match. The scan's batches are matched against the last open meeting
/// under the UI lock, where a `canonicalize` per entry would grow with the library.
pub(crate) fn may_be_key_of(entry: &Entry, key: &str) -> bool {
    match &entry.source {
        Source::File(path) => {
            let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            key.ends_with(&format!("{name}#{}", entry.index_in_file))
        }
        Source::Embedded { .. } => key.starts_with("sample:"),
    }
}

/// The key of a library entry.
pub(crate) fn entry_key(entry: &Entry) -> String {
    meeting_key(&entry.source, entry.index_in_file)
}

/// Unix time in milliseconds.
pub(crate) fn now_millis() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// Why the state could not be saved (the reader goes on; the caller shows it as a warning).
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot save the reading state to {}: {}",
    crate::core::sanitize::escape::visible_path(path),
    crate::core::sanitize::escape::visible(reason)
)]
pub struct StateError {
    pub path: PathBuf,
    pub reason: String,
}

/// The state in memory and the file it is kept in.
#[derive(Debug)]
pub struct Store {
    /// `None`: nowhere to keep it (no data directory); nothing is saved.
    path: Option<PathBuf>,
    state: State,
}

impl Store {
    /// The platform data directory: `$XDG_DATA_HOME/gijiroku` on Linux.
    pub(crate) fn default_dir() -> Option<PathBuf> {
        crate::dirs::data_dir()
    }

    /// Opens the state in the platform data directory, or an unsaved one if there is none.
    /// The strings are warnings for the user (a corrupt file set aside).
    pub(crate) fn open_default() -> (Store, Vec<String>) {
        match Store::default_dir() {
            Some(dir) => Store::open(&dir),
            None => (Store::in_memory(), Vec::new()),
        }
    }

    /// Opens `dir/state.json`. Never fails: a corrupt or unreadable file is moved aside and the
    /// state starts empty, with a warning.
    pub fn open(dir: &Path) -> (Store, Vec<String>) {
        let path = dir.join(FILE_NAME);
        let mut warnings = Vec::new();
        let state = file::read_or_set_aside(&path, &mut warnings).unwrap_or_default();
        file::remove_stale_temporaries(&path);
        (Store { path: Some(path), state }, warnings)
    }

    /// A state that is never saved.
    pub(crate) fn in_memory() -> Store {
        Store { path: None, state: State::default() }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn meeting(&self, key: &str) -> Option<&MeetingState> {
        self.state.meetings.get(key)
    }

    /// The key of the meeting open last.
    pub fn last_open(&self) -> Option<&str> {
        self.state.last_open.as_ref().map(|l| l.key.as_str())
    }

    pub fn set_last_open(&mut self, key: &str) {
        let updated = self.state.last_open.as_ref().map_or(0, |l| l.updated);
        self.state.last_open = Some(LastOpen { key: key.to_owned(), updated: now_millis().max(updated + 1) });
    }

    /// Stores a meeting's state as it is now; `meeting.updated` is set to now (later than any
    /// earlier change of it, even if the clock went back).
    pub fn put(&mut self, key: &str, mut meeting: MeetingState) {
        let previous = self.state.meetings.get(key).map_or(0, |m| m.updated);
        meeting.updated = now_millis().max(previous + 1);
        self.state.meetings.insert(key.to_owned(), meeting);
    }

    /// Stores a meeting's state with the time it has (for merging and tests).
    pub fn put_at(&mut self, key: &str, meeting: MeetingState) {
        self.state.meetings.insert(key.to_owned(), meeting);
    }

    /// Remembers where a reader stood in meeting `key`, and that it was open last.
    pub fn remember(&mut self, key: &str, remembered: Remembered) {
        self.put(key, MeetingState::from(remembered));
        self.set_last_open(key);
    }

    /// Where meeting `key` was left, if it was read before.
    pub fn recall(&self, key: &str) -> Option<Remembered> {
        self.meeting(key).map(MeetingState::remembered)
    }

    /// Writes the state: under an advisory lock (`state.json.lock`), the file is read again and
    /// merged first (another instance may have saved meanwhile), then replaced atomically.
    /// Returns warnings (a corrupt file set aside, a lock not had).
    pub fn save(&mut self) -> Result<Vec<String>, StateError> {
        let Some(path) = self.path.clone() else { return Ok(Vec::new()) };
        let error = |reason: String| StateError { path: path.clone(), reason };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| error(crate::library::describe_io_error(&e)))?;
        }
        let mut warnings = Vec::new();
        // Read, merge and replace under the lock: another instance saving now waits, then
        // merges what this one wrote.
        let _lock = file::lock(&path).unwrap_or_else(|reason| {
            warnings.push(format!("saving without the lock: {reason}"));
            file::Lock::none()
        });
        if let Some(on_disk) = file::read_or_set_aside(&path, &mut warnings) {
            self.state.merge(on_disk);
        }
        self.state.bound();
        let mut json = serde_json::to_vec(&self.state).map_err(|e| error(e.to_string()))?;
        json.push(b'\n');
        file::write_atomic(&path, &json).map_err(|e| error(crate::library::describe_io_error(&e)))?;
        Ok(warnings)
    }
}
