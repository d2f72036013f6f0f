//! Reading a file gijiroku did not write (minutes, the config, the state file) without trusting
//! what is at the path: only a regular file is read, opened so that it cannot block (a FIFO put
//! in its place would block an ordinary open until a writer came), and never past a size limit
//! (`/dev/zero` or a file that keeps growing would fill memory). Gzip data (`minutes.txt.gz`) is
//! decompressed as it is read, under the same limit for what it decompresses to.

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
    /// Gzip data that decompresses to more than the limit (a "gzip bomb", or just too big).
    Inflates {
        max: u64,
    },
    /// Gzip data that cannot be decompressed.
    BadGzip(String),
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
            Refusal::Inflates { max } => {
                format!("compressed (gzip), and decompresses to more than the limit of {}", human_size(*max))
            }
            Refusal::BadGzip(why) => format!("compressed (gzip) but damaged: {why}"),
        }
    }

    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, Refusal::Io(err) if err.kind() == io::ErrorKind::NotFound)
    }
}

/// Reads the regular file at `path`, of at most `max_bytes`. The path is looked at first, so
/// that a device is never opened; then opened without blocking and looked at again through the
/// open file, so that nothing swapped in between is read either.
pub(crate) fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
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
    if is_gzip(&bytes) {
        return gunzip(&bytes, max_bytes);
    }
    Ok(bytes)
}

/// Gzip's magic number and its one compression method (deflate).
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1F, 0x8B, 0x08])
}

/// Decompresses gzip data (every member, as `gunzip` does), at most `max_bytes` of it: minutes
/// archived as `.gz` are read as they are, and a small file that inflates to gigabytes is
/// refused at the limit, never held whole.
pub(crate) fn gunzip(bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(max_bytes as usize));
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    decoder.take(max_bytes + 1).read_to_end(&mut out).map_err(|e| Refusal::BadGzip(e.to_string()))?;
    if out.len() as u64 > max_bytes {
        return Err(Refusal::Inflates { max: max_bytes });
    }
    Ok(out)
}

/// Up to `limit` decompressed bytes from the start of gzip data (for telling minutes by their
/// head); what cannot be decompressed gives what came before it.
pub(crate) fn gunzip_head(bytes: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(limit);
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let _ = decoder.take(limit as u64).read_to_end(&mut out);
    out
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
pub(crate) fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK only changes how a FIFO or device opens and reads; a regular file is read as
    // usual. O_NOCTTY: a terminal put at the path never becomes ours.
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_nonblocking(path: &Path) -> io::Result<File> {
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

    #[test]
    fn gzip_is_read_transparently_and_a_bomb_is_refused_at_the_limit() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.txt.gz");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all("○議長（森君）　開会します。\n".as_bytes()).unwrap();
        std::fs::write(&path, encoder.finish().unwrap()).unwrap();
        assert_eq!(read_regular(&path, 1024).unwrap(), "○議長（森君）　開会します。\n".as_bytes());
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        bomb.write_all(&vec![b'a'; 10 << 20]).unwrap();
        let bomb = bomb.finish().unwrap();
        assert!(bomb.len() < 64 * 1024);
        std::fs::write(&path, &bomb).unwrap();
        assert!(matches!(read_regular(&path, 1 << 20), Err(Refusal::Inflates { .. })));
        std::fs::write(&path, &bomb[..bomb.len() / 2]).unwrap();
        assert!(matches!(read_regular(&path, 64 << 20), Err(Refusal::BadGzip(_))));
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
