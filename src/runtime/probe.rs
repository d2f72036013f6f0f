//! Asking the terminal how wide it draws East Asian Ambiguous characters (`ambiguous_width =
//! "auto"`): print `※` at the top-left corner, ask for the cursor position (`ESC[6n`) and read
//! the `ESC[row;colR` reply straight from the tty. Column 3 means two cells (wide); anything
//! else, or no answer within the timeout, means narrow. A terminal that never answers costs the
//! timeout and no more.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use crate::core::width::AmbiguousWidth;

/// Long enough for a local or LAN terminal to answer, short enough not to be noticed.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_millis(150);

/// Home, the probe character, then the cursor position request.
const QUERY: &[u8] = "\x1b[H※\x1b[6n".as_bytes();
/// Home and erase the line, so the probe leaves nothing on screen.
const ERASE: &[u8] = b"\x1b[H\x1b[2K";

/// Probes the terminal. The terminal must already be in raw mode (so the reply is neither
/// echoed nor line-buffered), on the alternate screen, and nothing else may be reading input.
pub fn ambiguous_width(timeout: Duration) -> AmbiguousWidth {
    probe_tty(timeout).unwrap_or(AmbiguousWidth::Narrow)
}

#[cfg(unix)]
fn probe_tty(timeout: Duration) -> io::Result<AmbiguousWidth> {
    let mut tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    let fd = std::os::fd::AsRawFd::as_raw_fd(&tty);
    probe(&mut tty, timeout, |remaining| wait_readable(fd, remaining))
}

#[cfg(not(unix))]
fn probe_tty(_timeout: Duration) -> io::Result<AmbiguousWidth> {
    Ok(AmbiguousWidth::Narrow)
}

/// Waits until `fd` has input or `timeout` passes; false on timeout (or an interrupted wait,
/// after which the caller checks its deadline again).
#[cfg(unix)]
#[allow(unsafe_code)]
fn wait_readable(fd: std::os::fd::RawFd, timeout: Duration) -> io::Result<bool> {
    let mut pollfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    let millis = timeout.as_millis().clamp(1, i32::MAX as u128) as libc::c_int;
    // SAFETY: `pollfd` is one valid, initialised entry that outlives the call, as `nfds = 1` says.
    let ready = unsafe { libc::poll(&mut pollfd, 1, millis) };
    if ready < 0 {
        let err = io::Error::last_os_error();
        return if err.kind() == io::ErrorKind::Interrupted { Ok(false) } else { Err(err) };
    }
    Ok(ready > 0 && pollfd.revents & libc::POLLIN != 0)
}

/// The probe over any terminal-like stream; `wait` blocks until input is ready or the time
/// given passes (true when input is ready, so that a read will not block).
pub fn probe<T: Read + Write>(
    tty: &mut T,
    timeout: Duration,
    mut wait: impl FnMut(Duration) -> io::Result<bool>,
) -> io::Result<AmbiguousWidth> {
    tty.write_all(QUERY)?;
    tty.flush()?;
    let deadline = Instant::now() + timeout;
    let mut received = Vec::new();
    let mut chunk = [0u8; 64];
    let column = loop {
        if let Some(column) = reply_column(&received) {
            break Some(column);
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            break None;
        }
        if wait(remaining)? {
            let n = tty.read(&mut chunk)?;
            if n == 0 {
                break None;
            }
            received.extend_from_slice(&chunk[..n]);
        }
    };
    tty.write_all(ERASE)?;
    tty.flush()?;
    Ok(if column == Some(3) { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow })
}

/// The column of the first cursor position report (`ESC [ row ; col R`, or `ESC [ ? row ; col R`)
/// in `bytes`; keys typed before it are skipped.
pub(crate) fn reply_column(bytes: &[u8]) -> Option<u16> {
    let mut rest = bytes;
    while let Some(start) = rest.windows(2).position(|w| w == b"\x1b[") {
        let body = &rest[start + 2..];
        let body = body.strip_prefix(b"?").unwrap_or(body);
        let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
        let row = digits(body);
        if row > 0 && body.get(row) == Some(&b';') {
            let after = &body[row + 1..];
            let col = digits(after);
            if col > 0 && after.get(col) == Some(&b'R') {
                return std::str::from_utf8(&after[..col]).ok()?.parse().ok();
            }
        }
        rest = &rest[start + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal that answers with `reply` (or never, when empty).
    struct Fake {
        reply: Vec<u8>,
        written: Vec<u8>,
    }

    impl Read for Fake {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.reply.len());
            buf[..n].copy_from_slice(&self.reply[..n]);
            self.reply.drain(..n);
            Ok(n)
        }
    }

    impl Write for Fake {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn run(reply: &[u8]) -> (AmbiguousWidth, Duration, Vec<u8>) {
        let mut fake = Fake { reply: reply.to_vec(), written: Vec::new() };
        let start = Instant::now();
        let answers = !reply.is_empty();
        let width = probe(&mut fake, DEFAULT_TIMEOUT, |remaining| {
            if answers {
                Ok(true)
            } else {
                std::thread::sleep(remaining);
                Ok(false)
            }
        })
        .unwrap();
        (width, start.elapsed(), fake.written)
    }

    #[test]
    fn replies_decide_the_width() {
        assert_eq!(run(b"\x1b[1;3R").0, AmbiguousWidth::Wide);
        assert_eq!(run(b"\x1b[1;2R").0, AmbiguousWidth::Narrow);
        // Keys typed before the reply do not confuse it.
        assert_eq!(run(b"j\x1b[A\x1b[12;3R").0, AmbiguousWidth::Wide);
        let (_, _, written) = run(b"\x1b[1;3R");
        assert!(written.starts_with(QUERY) && written.ends_with(ERASE));
    }

    #[test]
    fn silence_costs_the_timeout_and_no_more() {
        let (width, elapsed, _) = run(b"");
        assert_eq!(width, AmbiguousWidth::Narrow);
        assert!(elapsed >= DEFAULT_TIMEOUT && elapsed < DEFAULT_TIMEOUT * 3, "{elapsed:?}");
    }

    #[test]
    fn reports_are_parsed() {
        assert_eq!(reply_column(b"\x1b[5;17R"), Some(17));
        assert_eq!(reply_column(b"\x1b[?5;2R"), Some(2));
        assert_eq!(reply_column(b"\x1b[5;R"), None);
        assert_eq!(reply_column(b"\x1b[1;2"), None);
    }
}
