//! Signals, from the first moment to the last (issue 13, items 7, 9 and 10).
//!
//! Installed before any file is read (the config, the state file), so that no signal is ever
//! swallowed by a handler nobody listens to yet. One thread receives them all:
//!
//! - SIGTERM, SIGHUP, SIGINT, SIGQUIT go to the event loop, which leaves through its one way
//!   out (terminal restored, reading state saved) and exits with 128 + the signal, as shells
//!   expect. If the loop has not taken the signal within [`GRACE`] (it is not running yet, or a
//!   long piece of work holds its lock), this thread restores the terminal and exits itself: a
//!   signal is handled within 100 ms whatever runs. A second one while the loop is leaving
//!   (saving on a slow disk) exits at once.
//! - SIGTSTP (`kill -TSTP`, or `Ctrl-z` turned into [`Event::Suspend`] by the input thread)
//!   goes to the loop, which restores the terminal and stops the process; when continued it
//!   enters the terminal again and redraws. SIGCONT from outside redraws.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::terminal;
use super::workers::Event;

/// How long the event loop has to take a terminating signal before the signal thread ends the
/// process itself.
pub(crate) const GRACE: Duration = Duration::from_millis(100);

static INSTALLED: OnceLock<()> = OnceLock::new();
/// The event loop's channel, while it runs.
static LOOP: Mutex<Option<Sender<Event>>> = Mutex::new(None);
/// The loop has taken a terminating signal and is on its way out.
static ACKNOWLEDGED: AtomicBool = AtomicBool::new(false);

/// Installs the handlers and starts the signal thread (once; later calls do nothing).
#[cfg(unix)]
pub(crate) fn install() -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let _ = INSTALLED.set(());
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            // While an editor started by `v` has the terminal, the Ctrl-C, Ctrl-\ and Ctrl-Z
            // typed there are its own (the terminal sends their signals to us as well).
            let editing = super::editor::SUSPENDED.load(Ordering::SeqCst);
            if editing && matches!(signal, SIGINT | SIGQUIT | SIGTSTP | SIGCONT) {
                continue;
            }
            match signal {
                SIGTSTP => suspend_requested(),
                SIGCONT => {
                    send(Event::Resume);
                }
                signal => terminate(signal),
            }
        }
    })?;
    Ok(())
}

#[cfg(not(unix))]
pub(crate) fn install() -> io::Result<()> {
    Ok(())
}

/// Hands signals to the event loop from now on.
pub(crate) fn connect(events: Sender<Event>) {
    if let Ok(mut slot) = LOOP.lock() {
        *slot = Some(events);
    }
}

/// The loop has taken a terminating signal (the signal thread stops counting).
pub(crate) fn acknowledge() {
    ACKNOWLEDGED.store(true, Ordering::SeqCst);
}

fn send(event: Event) -> bool {
    LOOP.lock().ok().and_then(|slot| slot.as_ref().map(|events| events.send(event).is_ok())).unwrap_or(false)
}

fn terminate(signal: i32) {
    if !ACKNOWLEDGED.load(Ordering::SeqCst) && send(Event::Signal(signal)) {
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if ACKNOWLEDGED.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    terminal::restore();
    std::process::exit(128 + signal);
}

/// SIGTSTP: the loop suspends; with no loop (before it starts), stop right here.
fn suspend_requested() {
    if !send(Event::Suspend) {
        terminal::restore();
        stop();
    }
}

/// Stops the process until a SIGCONT. The caller restores the terminal first and sets it up
/// again after.
#[cfg(unix)]
#[allow(unsafe_code)]
pub fn stop() {
    // SAFETY: raising a signal is async-signal-safe and has no memory effects; SIGSTOP cannot
    // be caught, so the process stops here and this returns once it is continued.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
}

#[cfg(not(unix))]
pub fn stop() {}
