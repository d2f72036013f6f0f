//! Reading a file gijiroku did not write (minutes, the config, the state file) without trusting
//! what is at the path: only a regular file is read, opened so that it cannot block (a FIFO put
//! in its place would block an ordinary open until a writer came), and never past a size limit
//! (`/dev/zero` or a file that keeps growing would fill memory).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::{describe_io_error, human_size};

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    Io(io::Error),
    Directory,
    /// A FIFO, socket or device.
    NotRegular,
    TooLarge {
        size: u64,
        max: u64,
    },
    Grew {
        max: u64,
    },
}

impl Refusal {
    /// The reason as one phrase, for messages.
    pub fn message(&self) -> String {
        match self {
            Refusal::Io(err) => describe_io_error(err),
            Refusal::Directory => "is a directory (give a file, or open the directory as a library)".into(),
            Refusal::NotRegular => "not a regular file (a FIFO, socket or device); not read".into(),
            Refusal::TooLarge { size, max } => {
                format!("{} is too large (the limit is {})", human_size(*size), human_size(*max))
            }
            Refusal::Grew { max } => format!("grew past the limit of {} while being read", human_size(*max)),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, Refusal::Io(err) if err.kind() == io::ErrorKind::NotFound)
    }
}

/// Reads the regular file at `path`, of at most `max_bytes`. The path is looked at first, so
/// that a device is never opened; then opened without blocking and looked at again through the
/// open file, so that nothing swapped in between is read either.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    check(&fs::metadata(path).map_err(Refusal::Io)?, max_bytes)?;
    let file = open_nonblocking(path).map_err(Refusal::Io)?;
    let meta = file.metadata().map_err(Refusal::Io)?;
    check(&meta, max_bytes)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max_bytes) as usize);
    // `take` guards against a file that grows while it is read.
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(Refusal::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Refusal::Grew { max: max_bytes });
    }
    Ok(bytes)
}

fn check(meta: &fs::Metadata, max_bytes: u64) -> Result<(), Refusal> {
    if meta.is_dir() {
        return Err(Refusal::Directory);
    }
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    if meta.len() > max_bytes {
        return Err(Refusal::TooLarge { size: meta.len(), max: max_bytes });
    }
    Ok(())
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK only changes how a FIFO or device opens and reads; a regular file is read as
    // usual. O_NOCTTY: a terminal put at the path never becomes ours.
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("state.json");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        // Opened directly (past the path check), it must not block either.
        let file = open_nonblocking(&fifo).unwrap();
        assert!(!file.metadata().unwrap().is_file());
        assert!(matches!(read_regular(&fifo, 1024), Err(Refusal::NotRegular)));
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused_and_a_large_file_is_not_read() {
        assert!(matches!(read_regular(Path::new("/dev/zero"), 1 << 20), Err(Refusal::NotRegular)));
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2048]).unwrap();
        assert!(matches!(read_regular(&big, 1024), Err(Refusal::TooLarge { size: 2048, max: 1024 })));
        assert_eq!(read_regular(&big, 4096).unwrap().len(), 2048);
    }
}
