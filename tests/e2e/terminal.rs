//! The terminal around the reader: resizes (one, a storm of a thousand, absurd sizes), signals,
//! quitting, raw mode, and a terminal that never answers a query.

// libc calls to build the test situations; each unsafe block says why it is sound.
#![allow(unsafe_code)]

use std::time::{Duration, Instant};

use crate::files::open_meeting;
use crate::pty::{Pty, assert_restored, drawn_at_width};

/// ICANON and ECHO in termios' c_lflag on Linux: both cleared in raw mode, both set in a
/// normal (cooked) terminal.
const ICANON: u64 = 0o000002;
const ECHO: u64 = 0o000010;

fn local_flags(pty: &Pty) -> Option<u64> {
    pty.termios_local_flags()
}

#[test]
fn resize_redraws_at_the_new_size() {
    let (_dir, file) = open_meeting(30);
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80) && s.contents().contains("turn "));
    for (cols, rows) in [(120, 40), (50, 15), (80, 24)] {
        pty.resize(cols, rows);
        pty.wait_for(&format!("a frame at {cols}×{rows}"), |s| {
            drawn_at_width(s, cols) && s.contents().contains("turn ")
        });
        pty.settle();
        pty.assert_no_spill();
        let screen = pty.screen_rows();
        assert_eq!(screen.len(), rows as usize);
        assert!(screen.iter().all(|r| r.chars().count() <= cols as usize));
        // Below 60 columns one pane at a time: no list pane next to the reader.
        if cols < 60 {
            assert!(!pty.contents().contains("Meetings"), "single pane at {cols}:\n{}", pty.contents());
        }
    }
    pty.quit_cleanly();
}

#[test]
fn a_storm_of_a_thousand_resizes_ends_on_a_correct_screen() {
    let (_dir, file) = open_meeting(200);
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("the meeting open", |s| drawn_at_width(s, 80) && s.contents().contains("turn 1/200"));
    let mut rng = fastrand::Rng::with_seed(7);
    for i in 0..1000 {
        pty.resize(rng.u16(1..=300), rng.u16(1..=120));
        if i % 100 == 0 {
            // Keys in between: the app must stay usable while the size changes under it.
            pty.send("}");
        }
    }
    pty.resize(91, 27);
    // Ten `}` went through the storm: the view moved on by ten turns.
    pty.wait_for("the final 91×27 frame", |s| drawn_at_width(s, 91) && s.contents().contains("turn 10/200"));
    pty.settle();
    // The same screen a fresh start at that size shows for the same position (a full redraw
    // compared with what the incremental frames left behind).
    pty.assert_no_spill();
    let stormed = pty.screen_rows();
    pty.send("\x0c"); // Ctrl-l: full redraw
    pty.settle();
    assert_eq!(pty.screen_rows(), stormed, "incremental frames diverged from a full redraw");
    pty.quit_cleanly();
}

#[test]
fn tiny_and_huge_terminals_do_not_panic() {
    let (_dir, file) = open_meeting(10);
    for (cols, rows) in [(1, 1), (2, 1), (1, 2), (500, 200)] {
        let mut pty = Pty::spawn(&[&file], cols, rows);
        pty.wait_frames(0);
        pty.settle();
        let frames = pty.frames();
        pty.send("jG}");
        pty.wait_frames(frames);
        pty.settle();
        pty.assert_no_spill();
        pty.quit_cleanly();
    }
    // And shrinking a running reader to 1×1 and back.
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80));
    for (cols, rows) in [(1, 1), (2, 1), (500, 200)] {
        let frames = pty.frames();
        pty.resize(cols, rows);
        pty.wait_frames(frames);
        pty.settle();
        pty.assert_no_spill();
    }
    pty.resize(80, 24);
    pty.wait_for("back to 80×24", |s| drawn_at_width(s, 80));
    pty.quit_cleanly();
}

#[test]
fn q_restores_the_terminal_and_raw_mode() {
    let (_dir, file) = open_meeting(5);
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80));
    let running = local_flags(&pty).expect("termios of the pty");
    assert_eq!(running & (ICANON | ECHO), 0, "raw mode while running");
    pty.quit_cleanly();
    pty.with_screen(|s| assert!(!s.alternate_screen() && !s.hide_cursor(), "emulator back on the main screen"));
    let after = local_flags(&pty).expect("termios of the pty");
    assert_eq!(after & (ICANON | ECHO), ICANON | ECHO, "raw mode off after quitting");
}

fn signal_restores(signal: &str) {
    let (_dir, file) = open_meeting(5);
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80));
    pty.signal(signal);
    let (code, took) = pty.wait_exit_within(Duration::from_secs(5));
    // 128 + the signal, as shells expect of a program a signal ended (issue 13; it was 0).
    let number = match signal {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        _ => 15,
    };
    assert_eq!(code, 128 + number, "exit code after SIG{signal}");
    assert!(took < Duration::from_secs(1), "SIG{signal} took {took:?} to exit");
    assert_restored(&pty.raw());
    let after = local_flags(&pty).expect("termios of the pty");
    assert_eq!(after & (ICANON | ECHO), ICANON | ECHO, "raw mode off after SIG{signal}");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("HUP");
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores("INT");
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores("QUIT");
}

/// The harness never answers anything (no cursor position report, no colours, no device
/// attributes), like a terminal or multiplexer that ignores queries. The first frame must still
/// arrive promptly, and the program sends no query it could wait on.
#[test]
fn a_terminal_that_never_answers_still_gets_a_first_frame_promptly() {
    let (_dir, file) = open_meeting(5);
    let start = Instant::now();
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80) && s.contents().contains("turn "));
    let took = start.elapsed();
    eprintln!("first frame after {took:?}");
    assert!(took < Duration::from_secs(1), "first frame took {took:?}");
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    for query in ["\x1b[6n", "\x1b[c", "\x1b[>c", "\x1b]10;?", "\x1b]11;?", "\x1b[?u", "\x1b[18t", "\x1bP+q"] {
        assert!(!raw.contains(query), "the program sent the query {query:?}");
    }
    pty.quit_cleanly();
}

/// A panic restores the terminal before its message is printed. The binary has no way to be
/// made to panic on purpose, so the test binary runs itself in the pty as the child: that child
/// calls the library's own `terminal::enter` and `install_panic_hook` (what `runtime::run`
/// calls first) and panics.
#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    const CHILD: &str = "GIJIROKU_E2E_PANIC_CHILD";
    if std::env::var_os(CHILD).is_some() {
        gijiroku::runtime::terminal::install_panic_hook();
        gijiroku::runtime::terminal::enter(true).expect("enter the terminal");
        panic!("deliberate panic to test the hook");
    }
    let me = std::env::current_exe().expect("the test binary");
    let args = ["--exact", "terminal::a_panic_restores_the_terminal_before_the_message", "--nocapture"];
    let mut pty = Pty::spawn_program(&me, &args, &[(CHILD, "1")], 80, 24, None);
    let (code, _) = pty.wait_exit_within(Duration::from_secs(20));
    assert_eq!(code, 101, "the child test failed by panicking");
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    let entered = raw.find("\x1b[?1049h").expect("the child entered the alternate screen");
    let left = raw.rfind("\x1b[?25h\x1b[?1049l").expect("the hook restored the terminal");
    let message = raw.find("deliberate panic").expect("the panic message");
    assert!(entered < left && left < message, "restored before the message is printed");
    let after = local_flags(&pty).expect("termios of the pty");
    assert_eq!(after & (ICANON | ECHO), ICANON | ECHO, "raw mode off after the panic");
}

/// Regression: when the terminal went away without a SIGHUP reaching the reader (its pty was not
/// the controlling terminal: a harness, `setsid`, a multiplexer's dead pane), crossterm's reader
/// read end-of-file in a busy loop and the process spun at full CPU for ever. It now notices the
/// hangup and leaves. The child gets the pty as plain descriptors, without a session of its own.
#[test]
fn a_terminal_that_goes_away_without_a_sighup_ends_the_reader() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let (_dir, file) = open_meeting(5);
    let home = tempfile::tempdir().expect("temporary home");
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two descriptors into the integers given; name and termios may be null.
    let opened = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    // openpty's descriptors are inherited across exec: the child would keep the master open.
    for fd in [master, slave] {
        // SAFETY: fcntl on descriptors this test owns.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let stdio = |fd: &OwnedFd| std::process::Stdio::from(fd.try_clone().expect("dup"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .arg(&file)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .stdin(stdio(&slave))
        .stdout(stdio(&slave))
        .stderr(stdio(&slave))
        .spawn()
        .expect("spawn gijiroku");
    drop(slave);
    // Wait for the meeting on screen (its turn counter on the status line).
    let mut master = std::fs::File::from(master);
    let mut output = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&output).contains("turn") {
        assert!(Instant::now() < deadline, "no first frame: {:?}", String::from_utf8_lossy(&output));
        let mut pollfd =
            libc::pollfd { fd: std::os::fd::AsRawFd::as_raw_fd(&master), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd entry, as nfds = 1 says.
        if unsafe { libc::poll(&mut pollfd, 1, 100) } > 0 {
            let mut buf = [0u8; 65536];
            let n = std::io::Read::read(&mut master, &mut buf).unwrap_or(0);
            output.extend_from_slice(&buf[..n]);
        }
    }
    // The terminal goes away.
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.is_some(), "the reader still ran 5 s after its terminal went away");
    eprintln!("ended {:?} after the hangup", start.elapsed());
}
