//! The terminal's lifecycle: raw mode and the alternate screen on start, and their undoing on
//! every way out — quit, error, panic (a hook), SIGTERM/SIGHUP/SIGINT (the event loop exits
//! through the same path) — so the shell is never left in raw mode or the alternate screen.

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::terminal;

/// Whether the terminal is currently set up (so that restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// What start-up sends: alternate screen, hidden cursor, bracketed paste, and the kitty keyboard
/// protocol's "disambiguate" flag (so that Ctrl-i and Tab differ where the terminal can tell;
/// terminals without it ignore the request).
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[>1u\x1b[H\x1b[2J";
/// What restoring sends: every mode above undone, scroll region and attributes reset.
const LEAVE: &[u8] = b"\x1b[<u\x1b[?2004l\x1b[r\x1b[0m\x1b[?25h\x1b[?1049l";
/// Mouse reporting: clicks and the wheel (1000), drags (1002), in SGR form (1006), which has no
/// limit on the column; and its undoing, before the rest of LEAVE.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1002h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1002l\x1b[?1000l";

/// Whether mouse reporting was turned on (so that restoring turns it off).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Sets the terminal up for the reader, with mouse reporting if `mouse`.
pub fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = io::stdout().lock();
    out.write_all(ENTER)?;
    if mouse {
        out.write_all(MOUSE_ON)?;
    }
    out.flush()
}

/// Whether the terminal is set up for the reader now.
pub(crate) fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Puts the terminal back; safe to call more than once and from a panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout().lock();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(MOUSE_OFF);
    }
    let _ = out.write_all(LEAVE);
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal before the default panic message is printed, so the message is
/// readable and the shell usable. A panic inside [`catching`] is left to it: the reader goes on.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if CATCHING.with(Cell::get) {
            return;
        }
        restore();
        previous(info);
    }));
}

thread_local! {
    /// Set while this thread runs work under [`catching`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// A worker's task panicked: what it said, for the message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("internal error ({0}); please report it with the file")]
pub struct Panicked(pub String);

impl From<Panicked> for crate::app::library::LoadError {
    fn from(panicked: Panicked) -> Self {
        crate::app::library::LoadError::Internal(panicked.0)
    }
}

/// Runs a worker's task, turning a panic into an error message instead of a dead worker and a
/// terminal restored under a reader that is still running. Nothing has been seen to panic (the
/// parsers are fuzzed); this is so that a bug in one file costs that file, not the session.
pub(crate) fn catching<T>(work: impl FnOnce() -> T) -> Result<T, Panicked> {
    let was = CATCHING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(was));
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_owned());
        Panicked(what)
    })
}

/// Restores the terminal when dropped (on every return path of the runtime).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Whether the terminal behind standard input has gone away (its pty closed, the line dropped
/// without a SIGHUP reaching us). crossterm's reader does not say: it reads end-of-file in a
/// busy loop, so the input thread asks this whenever a wait for input times out. A hung-up
/// terminal answers `tcgetattr` with EIO (standard input that never was a terminal, with ENOTTY).
#[cfg(unix)]
#[allow(unsafe_code)]
pub(crate) fn hung_up() -> bool {
    use std::os::fd::AsRawFd;
    let fd = io::stdin().as_raw_fd();
    let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: `tcgetattr` writes at most one `termios` into the space given.
    if unsafe { libc::tcgetattr(fd, termios.as_mut_ptr()) } == 0 {
        return false;
    }
    io::Error::last_os_error().raw_os_error() == Some(libc::EIO)
}

#[cfg(not(unix))]
pub(crate) fn hung_up() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_becomes_a_message_and_the_thread_goes_on() {
        install_panic_hook();
        let failed: Result<(), Panicked> = catching(|| panic!("a parser bug"));
        let message = failed.unwrap_err().to_string();
        assert!(message.contains("a parser bug"), "{message}");
        let formatted: Result<(), Panicked> = catching(|| panic!("turn {}", 7));
        assert!(formatted.unwrap_err().to_string().contains("turn 7"));
        assert_eq!(catching(|| 41 + 1), Ok(42));
        // Outside `catching` the hook is armed again.
        assert!(!CATCHING.with(Cell::get));
    }
}
