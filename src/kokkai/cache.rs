//! Downloaded meetings on disk: one file per meeting, `<cache>/meetings/<issueID>.json`, in the
//! `meeting` endpoint's own shape (`{"numberOfRecords": 1, …, "meetingRecord": [one]}`), so the
//! directory is a library like any other and the Diet parser reads each file as it reads a saved
//! response. Files are written to a temporary name and renamed: a crash or a full disk leaves
//! the old file or none, never half a meeting.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::query::Query;
use super::response::{MeetingSummary, number, text};

/// Why a downloaded meeting could not be kept in the cache.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the meeting ID `{}` cannot name a file", crate::core::sanitize::escape::visible(.0))]
    BadId(String),
    #[error("{0}")]
    Encode(#[from] serde_json::Error),
    #[error("{}: {source}", .path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// The environment variable naming another cache directory (tests, or a shared disk).
pub(crate) const DIR_ENV_VAR: &str = "GIJIROKU_KOKKAI_CACHE";

/// A cached meeting file is read whole; none is near this size.
const MAX_CACHED_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    pub fn at(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// `--cache-dir`, else [`DIR_ENV_VAR`], else the platform cache directory's `gijiroku/kokkai`
    /// (`$XDG_CACHE_HOME/gijiroku/kokkai` on Linux). `None` without a home directory.
    pub(crate) fn locate(flag: Option<&Path>) -> Option<Cache> {
        if let Some(dir) = flag {
            return Some(Cache::at(dir));
        }
        if let Some(dir) = std::env::var_os(DIR_ENV_VAR).filter(|v| !v.is_empty()) {
            return Some(Cache::at(dir));
        }
        crate::dirs::cache_dir().map(|dir| Cache::at(dir.join("kokkai")))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory of meeting files (a library directory for the reader).
    pub fn meetings_dir(&self) -> PathBuf {
        self.root.join("meetings")
    }

    /// Where a meeting is kept; `None` for an ID that is not a plain file name (an answer must
    /// never name a path outside the cache).
    pub(crate) fn meeting_path(&self, issue_id: &str) -> Option<PathBuf> {
        let plain = !issue_id.is_empty()
            && issue_id.len() <= 64
            && issue_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        plain.then(|| self.meetings_dir().join(format!("{issue_id}.json")))
    }

    pub fn has(&self, issue_id: &str) -> bool {
        self.meeting_path(issue_id).is_some_and(|path| path.is_file())
    }

    /// The cached response of a meeting, if there is one.
    pub fn read(&self, issue_id: &str) -> Option<Vec<u8>> {
        let path = self.meeting_path(issue_id)?;
        crate::library::read_file(&path, MAX_CACHED_BYTES).ok()
    }

    /// Keeps one `meetingRecord`, wrapped as a one-meeting answer of the `meeting` endpoint.
    pub fn store(&self, record: &Value) -> Result<PathBuf, StoreError> {
        let issue_id = record.get("issueID").and_then(text).unwrap_or_default();
        let path = self.meeting_path(&issue_id).ok_or_else(|| StoreError::BadId(issue_id.clone()))?;
        let answer = json!({
            "numberOfRecords": 1,
            "numberOfReturn": 1,
            "startRecord": 1,
            "nextRecordPosition": null,
            "meetingRecord": [record],
        });
        // Indented as the API's own pretty answers are: each speech on its own lines, so that
        // citations and the editor (`v`) point at the speech, not at line 1.
        let bytes = serde_json::to_vec_pretty(&answer)?;
        write_atomically(&path, &bytes).map_err(|source| StoreError::Write { path: path.clone(), source })?;
        Ok(path)
    }

    /// Every cached meeting (sorted newest first), with the speeches that `query` matches when
    /// it has speech conditions; meetings the query rules out are left out. Unreadable files are
    /// skipped: the cache is only a copy.
    pub fn list(&self, query: &Query) -> Vec<MeetingSummary> {
        let Ok(dir) = std::fs::read_dir(self.meetings_dir()) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in dir.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let Ok(bytes) = crate::library::read_file(&path, MAX_CACHED_BYTES) else { continue };
            let Ok(answer) = serde_json::from_slice::<Value>(&bytes) else { continue };
            let records = answer.get("meetingRecord").and_then(Value::as_array).cloned().unwrap_or_default();
            for record in &records {
                if let Some(summary) = matching(record, query) {
                    found.push(summary);
                }
            }
        }
        found.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.issue_id.cmp(&b.issue_id)));
        found
    }
}

/// A cached meeting if `query` (read as the API would, roughly: words and speaker as parts of
/// the text) matches it, with its matching speeches.
fn matching(record: &Value, query: &Query) -> Option<MeetingSummary> {
    let mut summary = MeetingSummary::of(record)?;
    let contains = |value: &str, part: &Option<String>| part.as_deref().is_none_or(|p| value.contains(p.trim()));
    if query.house.as_deref().is_some_and(|h| summary.house != h.trim()) || !contains(&summary.meeting, &query.meeting)
    {
        return None;
    }
    if query.issue_id.as_deref().is_some_and(|id| summary.issue_id != id.trim()) {
        return None;
    }
    let date = crate::core::meeting::Date::parse_iso(&summary.date);
    if query.from.is_some_and(|from| date.is_none_or(|d| d < from))
        || query.until.is_some_and(|until| date.is_none_or(|d| d > until))
    {
        return None;
    }
    let session = summary.session;
    if query.session_from.is_some_and(|s| session.is_none_or(|n| n < u64::from(s)))
        || query.session_to.is_some_and(|s| session.is_none_or(|n| n > u64::from(s)))
    {
        return None;
    }
    let words: Vec<&str> = query.any.iter().flat_map(|w| w.split_whitespace()).collect();
    if words.is_empty() && query.speaker.is_none() {
        // No speech condition: every speech counts, the record information (order 0) aside.
        summary.speeches.retain(|&order| order > 0);
        return Some(summary);
    }
    let speeches = record.get("speechRecord").and_then(Value::as_array).cloned().unwrap_or_default();
    summary.speeches = speeches
        .iter()
        .filter(|speech| {
            let field = |name: &str| speech.get(name).and_then(text).unwrap_or_default();
            let order = speech.get("speechOrder").and_then(number).unwrap_or(0);
            let body = field("speech");
            order > 0 && contains(&field("speaker"), &query.speaker) && words.iter().all(|w| body.contains(w))
        })
        .filter_map(|speech| speech.get("speechOrder").and_then(number))
        .collect();
    (!summary.speeches.is_empty()).then_some(summary)
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path` (atomic on one file system).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("meeting");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = std::fs::remove_file(&temp);
            Err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_with_a_path_in_it_names_no_file() {
        let cache = Cache::at("/nowhere");
        assert!(cache.meeting_path("../../etc/passwd").is_none());
        assert!(cache.meeting_path("").is_none());
        assert!(cache.meeting_path("a/b").is_none());
        assert_eq!(
            cache.meeting_path("121405254X00220241004"),
            Some(PathBuf::from("/nowhere/meetings/121405254X00220241004.json"))
        );
    }
}
