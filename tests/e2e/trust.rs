//! Issue 13 in the real terminal: suspending (item 10: `Ctrl-z` and SIGTSTP left the alternate
//! screen on and the cursor hidden, and after `fg` raw mode was not restored), signals at any
//! moment (items 7 and 9: signals that came before the event loop ran were swallowed), and the
//! "Smaller" ones: `TERM=dumb`, minutes piped in on standard input.

use std::time::{Duration, Instant};

use crate::files::open_meeting;
use crate::pty::{Pty, assert_restored, drawn_at_width};

const ICANON: u64 = 0o000002;
const ECHO: u64 = 0o000010;

/// The state letter of /proc/PID/stat: `T` when stopped.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn wait_state(pty: &Pty, wanted: char) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while process_state(pty.pid()) != Some(wanted) {
        assert!(Instant::now() < deadline, "the reader never reached state {wanted}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn suspend_and_continue(how: &str) {
    let (_dir, file) = open_meeting(8);
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80) && s.contents().contains("turn "));
    match how {
        "ctrl-z" => pty.send("\x1a"),
        signal => pty.signal(signal),
    }
    wait_state(&pty, 'T');
    // What the reader wrote before it stopped may still be on its way through the pty (seen
    // under load: stopped, and the restore sequence not read yet).
    let deadline = Instant::now() + Duration::from_secs(10);
    while !pty.raw().ends_with(b"\x1b[?25h\x1b[?1049l") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    // Stopped with the terminal as the shell needs it: main screen, cursor shown, cooked mode.
    assert_restored(&pty.raw());
    pty.with_screen(|s| assert!(!s.alternate_screen() && !s.hide_cursor(), "back on the main screen"));
    let flags = pty.termios_local_flags().expect("termios");
    assert_eq!(flags & (ICANON | ECHO), ICANON | ECHO, "cooked mode while stopped ({how})");
    // `fg`: continued, the reader takes the terminal again and draws the whole screen.
    let before = pty.raw().len();
    pty.signal("CONT");
    wait_state(&pty, 'S');
    pty.wait_for("redrawn after fg", |s| s.alternate_screen() && s.contents().contains("turn "));
    let flags = pty.termios_local_flags().expect("termios");
    assert_eq!(flags & (ICANON | ECHO), 0, "raw mode again after fg ({how})");
    let after = String::from_utf8_lossy(&pty.raw()[before..]).into_owned();
    assert!(after.contains("\x1b[?1049h"), "the alternate screen again");
    // Keys work, and quitting restores as ever.
    pty.send("j");
    pty.settle();
    pty.quit_cleanly();
}

#[test]
fn ctrl_z_left_the_alternate_screen_on_and_raw_mode_off_after_fg() {
    suspend_and_continue("ctrl-z");
}

#[test]
fn sigtstp_from_outside_left_the_terminal_raw_and_hidden() {
    suspend_and_continue("TSTP");
}

/// A SIGCONT that did not follow a stop redraws and changes nothing else.
#[test]
fn a_stray_sigcont_redraws() {
    let (_dir, file) = open_meeting(8);
    let mut pty = Pty::spawn(&[&file], 80, 24);
    pty.wait_for("first frame", |s| drawn_at_width(s, 80) && s.contents().contains("turn "));
    let frames = pty.frames();
    pty.signal("CONT");
    pty.wait_frames(frames);
    assert!(pty.contents().contains("turn "));
    pty.quit_cleanly();
}

/// A `state.json` that is a FIFO blocked the reader before its event loop ran, and SIGTERM was
/// then swallowed with the terminal raw. Now the FIFO is refused (a warning) and the reader
/// runs; a signal at any moment ends it within a second, terminal restored, status 128 + 15.
#[test]
fn a_state_file_that_is_a_fifo_blocked_the_reader_and_swallowed_signals() {
    let (_dir, file) = open_meeting(8);
    let script = format!(
        "mkdir -p \"$XDG_DATA_HOME/gijiroku\" && mkfifo \"$XDG_DATA_HOME/gijiroku/state.json\" && exec '{}' '{}'",
        env!("CARGO_BIN_EXE_gijiroku"),
        file.display()
    );
    let mut pty = Pty::spawn_program(std::path::Path::new("/bin/sh"), &["-c", &script], &[], 80, 24, None);
    // Running, and saying why the state file was not read.
    pty.wait_for("the reader running", |s| {
        s.contents().contains("議事要旨") && s.contents().contains("the reading state")
    });
    pty.signal("TERM");
    let (code, took) = pty.wait_exit_within(Duration::from_secs(5));
    assert_eq!(code, 128 + 15);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_restored(&pty.raw());
    // The FIFO was set aside, and the reading position saved in a regular file.
    let dir = pty.home.path().join("data/gijiroku");
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n.starts_with("state.json.corrupt-")), "{names:?}");
    assert!(std::fs::metadata(dir.join("state.json")).unwrap().is_file(), "{names:?}");
}

/// `TERM=dumb` got the full-screen reader (cursor moves a dumb terminal prints as garbage): it
/// now prints the minutes, as less does, and says so.
#[test]
fn term_dumb_got_the_full_screen_reader() {
    let (_dir, file) = open_meeting(3);
    let script = format!("TERM=dumb exec '{}' '{}'", env!("CARGO_BIN_EXE_gijiroku"), file.display());
    let mut pty = Pty::spawn_program(std::path::Path::new("/bin/sh"), &["-c", &script], &[], 80, 24, None);
    let code = pty.wait_exit();
    assert_eq!(code, 0);
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(!raw.contains('\u{1b}'), "no escape sequence on a dumb terminal: {raw:?}");
    assert!(raw.contains("cannot show the reader; printing the minutes instead"), "{raw}");
    assert!(raw.contains("第1発言"), "{raw}");
}

/// Minutes piped in (`cat minutes.txt | gijiroku`) were refused ("the reader needs a terminal"):
/// they are read from standard input, and keys from the terminal, as less does.
#[test]
fn minutes_piped_in_were_refused() {
    let (_dir, file) = open_meeting(6);
    let script = format!("cat '{}' | exec '{}'", file.display(), env!("CARGO_BIN_EXE_gijiroku"));
    let mut pty = Pty::spawn_program(std::path::Path::new("/bin/sh"), &["-c", &script], &[], 80, 24, None);
    pty.wait_for("the piped meeting", |s| drawn_at_width(s, 80) && s.contents().contains("/6"));
    pty.send("G");
    pty.wait_for("a key from the terminal", |s| s.contents().contains("100%"));
    pty.quit_cleanly();
}
