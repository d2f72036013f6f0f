//! Waking the event loop. The loop reads the terminal on its own thread (a key goes from the
//! tty to the screen without a thread hand-off, which a loaded machine makes slow); workers
//! and signal handlers reach it through a channel plus a byte on a pipe that the loop polls
//! next to the tty.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SendError, Sender};

use crate::runtime::workers::Event;

/// Sends events to the loop and wakes it.
#[derive(Clone)]
pub struct EventSender {
    sender: Sender<Event>,
    wake: Arc<OwnedFd>,
}

impl EventSender {
    pub fn send(&self, event: Event) -> Result<(), SendError<Event>> {
        self.sender.send(event)?;
        // A full pipe means the loop has wake-ups pending already: nothing is lost.
        // SAFETY: one byte from a valid buffer to an fd this struct owns.
        unsafe { libc::write(self.wake.as_raw_fd(), [1u8].as_ptr().cast(), 1) };
        Ok(())
    }
}

/// The loop's side: the receiver and the pipe's read end.
pub struct Wake {
    read: OwnedFd,
    write: Arc<OwnedFd>,
}

/// A new channel with its wake-up pipe.
pub fn channel() -> io::Result<(EventSender, Receiver<Event>, Wake)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: pipe(2) just returned these two descriptors and nothing else owns them.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    for fd in [read.as_raw_fd(), write.as_raw_fd()] {
        // SAFETY: fcntl on descriptors owned above.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
            libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
        }
    }
    let (sender, receiver) = mpsc::channel();
    let write = Arc::new(write);
    Ok((EventSender { sender, wake: write.clone() }, receiver, Wake { read, write }))
}

/// What the wait saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Woken {
    /// Input may be waiting on the terminal, or a worker or signal sent something.
    Ready,
    /// The terminal hung up (the SSH connection dropped).
    HangUp,
}

impl Wake {
    /// Has SIGWINCH write to the pipe too, so that a resize wakes the loop.
    pub fn on_resize(&self) -> io::Result<()> {
        let fd = self.write.try_clone()?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, fd)?;
        Ok(())
    }

    /// Blocks until the tty has input or the pipe has a byte; empties the pipe.
    pub fn wait(&self, tty: RawFd) -> io::Result<Woken> {
        let mut fds = [
            libc::pollfd { fd: tty, events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: self.read.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        loop {
            // SAFETY: two valid, initialised entries, as the count says.
            let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
            if ready >= 0 {
                break;
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
        let mut buf = [0u8; 256];
        // SAFETY: reads into a local buffer from the non-blocking read end this struct owns.
        while unsafe { libc::read(self.read.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
        let hung_up = fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
            && fds[0].revents & libc::POLLIN == 0;
        Ok(if hung_up { Woken::HangUp } else { Woken::Ready })
    }
}
