//! The state file on disk: reading it (setting a bad one aside), and replacing it atomically —
//! a temporary file in the same directory, written, synced, then renamed over the old one — so
//! that a crash or a kill mid-write leaves the old file whole. Stray temporaries of killed
//! writers are removed once they are old enough not to belong to a running one.

use std::fs::{self, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::State;
use crate::core::sanitize::escape::visible_path;
use crate::library::describe_io_error;

/// A temporary older than this belongs to a writer that died (a write takes milliseconds).
const STALE_AFTER: Duration = Duration::from_secs(60);

/// The prefix of temporaries next to `path`: `state.json.tmp-`.
fn temporary_prefix(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{name}.tmp-")
}

/// Reads the state; `None` when there is no file. A file that cannot be read or parsed is
/// renamed to `state.json.corrupt-<unix time>` and reported in `warnings`.
pub fn read_or_set_aside(path: &Path, warnings: &mut Vec<String>) -> Option<State> {
    let problem = match fs::read(path) {
        Ok(bytes) => match serde_json::from_slice::<State>(&bytes) {
            Ok(state) => return Some(state),
            Err(err) => format!("is corrupt ({err})"),
        },
        Err(err) if err.kind() == ErrorKind::NotFound => return None,
        Err(err) => format!("cannot be read ({})", describe_io_error(&err)),
    };
    let aside = set_aside_path(path);
    let outcome = match fs::rename(path, &aside) {
        Ok(()) => format!("moved it to {}", visible_path(&aside)),
        Err(err) => format!("could not move it aside ({})", describe_io_error(&err)),
    };
    warnings
        .push(format!("the reading state {} {problem}; {outcome} and started with a fresh state", visible_path(path)));
    None
}

fn set_aside_path(path: &Path) -> PathBuf {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut aside = path.with_file_name(format!("{name}.corrupt-{seconds}"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{name}.corrupt-{seconds}-{n}"));
        n += 1;
    }
    aside
}

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let temporary = path.with_file_name(format!("{}{}-{nanos}", temporary_prefix(path), std::process::id()));
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temporary, path)?;
        // The rename is durable once the directory is synced; not every platform can open a
        // directory for that, and the data itself is already safe.
        if let Some(dir) = path.parent()
            && let Ok(dir) = fs::File::open(dir)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Removes temporaries left by writers that were killed mid-write.
pub fn remove_stale_temporaries(path: &Path) {
    let Some(dir) = path.parent() else { return };
    let prefix = temporary_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let is_temporary = entry.file_name().to_string_lossy().starts_with(&prefix);
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if is_temporary && age.is_some_and(|age| age > STALE_AFTER) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
