//! The state file on disk: reading it (setting a bad one aside), and replacing it atomically —
//! a temporary file in the same directory, written, synced, then renamed over the old one — so
//! that a crash or a kill mid-write leaves the old file whole. Stray temporaries of killed
//! writers are removed once they are old enough not to belong to a running one.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::State;
use crate::core::sanitize::escape::visible_path;
use crate::library::describe_io_error;
use crate::library::read::read_regular;

/// The state file is refused past this size: [`super::State::bound`] keeps it to a few MB
/// (1,000 meetings, 100 jumps and 26 marks each), and a file that is not ours (`/dev/zero`
/// linked in its place, a runaway writer) must not fill memory.
pub(crate) const MAX_STATE_BYTES: u64 = 32 * 1024 * 1024;

/// How long a save waits for another instance's save to finish (one takes milliseconds).
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// An advisory lock on `state.json.lock`, held while the state is read, merged and replaced, so
/// that two instances saving at the same moment both keep their changes (without it, both read
/// the old file and the second rename drops the first one's positions). Released when dropped.
pub struct Lock {
    _file: Option<fs::File>,
}

/// Why a save goes on without the lock.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot open {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("another gijiroku held the state file's lock for 5 s")]
    Busy,
    #[error("cannot lock {path}: {reason}")]
    Lock { path: String, reason: String },
}

/// Takes the lock beside `path`, waiting up to [`LOCK_WAIT`]. `Err` says why the save goes on
/// without it (a lock file that cannot be made, an instance that never lets go).
pub fn lock(path: &Path) -> Result<Lock, LockError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lock_path = path.with_file_name(format!("{name}.lock"));
    let file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&lock_path).map_err(|e| {
            LockError::Open { path: visible_path(&lock_path).into_owned(), reason: describe_io_error(&e) }
        })?;
    let deadline = std::time::Instant::now() + LOCK_WAIT;
    loop {
        match try_lock(&file) {
            Ok(true) => return Ok(Lock { _file: Some(file) }),
            Ok(false) if std::time::Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(false) => return Err(LockError::Busy),
            Err(err) => {
                return Err(LockError::Lock {
                    path: visible_path(&lock_path).into_owned(),
                    reason: describe_io_error(&err),
                });
            }
        }
    }
}

/// `flock(LOCK_EX | LOCK_NB)`: true when taken, false when another holds it.
#[cfg(unix)]
#[allow(unsafe_code)]
fn try_lock(file: &fs::File) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor this function's caller owns for the call's duration.
    let result = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if result == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EWOULDBLOCK) => Ok(false),
        Some(libc::EINTR) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &fs::File) -> io::Result<bool> {
    Ok(true)
}

impl Lock {
    /// No lock (nothing to lock against, or it could not be had).
    pub fn none() -> Lock {
        Lock { _file: None }
    }
}

/// A temporary older than this belongs to a writer that died (a write takes milliseconds).
const STALE_AFTER: Duration = Duration::from_secs(60);

/// The prefix of temporaries next to `path`: `state.json.tmp-`.
fn temporary_prefix(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{name}.tmp-")
}

/// Reads the state; `None` when there is no file. A file that cannot be read or parsed is
/// renamed to `state.json.corrupt-<unix time>` and reported in `warnings`.
pub(crate) fn read_or_set_aside(path: &Path, warnings: &mut Vec<String>) -> Option<State> {
    let problem = match read_regular(path, MAX_STATE_BYTES) {
        Ok(bytes) => match serde_json::from_slice::<State>(&bytes) {
            Ok(state) => return Some(state),
            Err(err) => format!("is corrupt ({err})"),
        },
        Err(refusal) if refusal.is_not_found() => return None,
        Err(refusal) => format!("cannot be read ({})", refusal.message()),
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
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
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
pub(crate) fn remove_stale_temporaries(path: &Path) {
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
