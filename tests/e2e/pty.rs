//! The pseudo-terminal harness: the real `gijiroku` binary started in a pty, everything it writes
//! kept as raw bytes and fed to a `vt100` terminal emulator, keys typed as a terminal would send
//! them. Every wait has a deadline and the child is killed on drop, so a broken build fails the
//! test instead of hanging CI.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any single wait may take before the test fails. Generous, because CI machines are
/// shared; a passing wait returns as soon as its condition holds.
pub const DEADLINE: Duration = Duration::from_secs(20);
/// Output quiet for this long counts as "the screen settled".
const QUIET: Duration = Duration::from_millis(120);

/// What the reader thread collects.
struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// The pty reported end of file or an error: the child and every copy of the slave are gone.
    closed: bool,
    /// When the last bytes arrived.
    last_output: Instant,
}

struct Shared {
    output: Mutex<Output>,
    changed: Condvar,
}

/// A running `gijiroku` in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Mutex<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Shared>,
    /// HOME and the XDG directories point here, so no user config or state is read or written.
    pub home: tempfile::TempDir,
    pub rows: u16,
    pub cols: u16,
    exit: Option<portable_pty::ExitStatus>,
}

fn lock(shared: &Shared) -> MutexGuard<'_, Output> {
    shared.output.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn parser(rows: u16, cols: u16) -> vt100::Parser {
    vt100::Parser::new(NonZeroU16::new(rows.max(1)).unwrap(), NonZeroU16::new(cols.max(1)).unwrap(), 0)
}

impl Pty {
    /// Starts `gijiroku ARGS` in a `cols`×`rows` terminal.
    pub fn spawn<S: AsRef<std::ffi::OsStr>>(args: &[S], cols: u16, rows: u16) -> Pty {
        Self::spawn_in(args, cols, rows, None)
    }

    /// Starts `gijiroku ARGS` with the working directory `cwd` (default: the temporary home).
    pub fn spawn_in<S: AsRef<std::ffi::OsStr>>(args: &[S], cols: u16, rows: u16, cwd: Option<&Path>) -> Pty {
        Self::spawn_program(Path::new(env!("CARGO_BIN_EXE_gijiroku")), args, &[], cols, rows, cwd)
    }

    /// Starts any program (the test binary itself, for the panic test) the same way.
    pub fn spawn_program<S: AsRef<std::ffi::OsStr>>(
        program: &Path,
        args: &[S],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        cwd: Option<&Path>,
    ) -> Pty {
        let home = tempfile::tempdir().expect("temporary home");
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal (is /dev/ptmx available?)");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env_clear();
        for (key, value) in env {
            command.env(key, value);
        }
        let dir = |name: &str| -> PathBuf {
            let path = home.path().join(name);
            std::fs::create_dir_all(&path).expect("xdg dir");
            path
        };
        command.env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()));
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        command.env("HOME", home.path());
        command.env("XDG_CONFIG_HOME", dir("config"));
        command.env("XDG_STATE_HOME", dir("state"));
        command.env("XDG_DATA_HOME", dir("data"));
        command.env("XDG_CACHE_HOME", dir("cache"));
        command.env("XDG_RUNTIME_DIR", dir("runtime"));
        command.cwd(cwd.unwrap_or(home.path()));
        let child = pair.slave.spawn_command(command).expect("spawn gijiroku");
        // The parent's copy of the slave must go, or the reader never sees the end of output.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                raw: Vec::new(),
                parser: parser(rows, cols),
                closed: false,
                last_output: Instant::now(),
            }),
            changed: Condvar::new(),
        });
        let for_thread = shared.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let mut output = lock(&for_thread);
                if n == 0 {
                    output.closed = true;
                    for_thread.changed.notify_all();
                    return;
                }
                output.raw.extend_from_slice(&buf[..n]);
                output.parser.process(&buf[..n]);
                output.last_output = Instant::now();
                for_thread.changed.notify_all();
            }
        });
        Pty { master: pair.master, writer: Mutex::new(writer), child, shared, home, rows, cols, exit: None }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends bytes as typed input.
    pub fn send(&self, bytes: impl AsRef<[u8]>) {
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        writer.write_all(bytes.as_ref()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Waits until `condition` holds on the emulated screen; panics with the screen after
    /// [`DEADLINE`]. Returns how long it took.
    pub fn wait_for(&self, what: &str, mut condition: impl FnMut(&vt100::Screen) -> bool) -> Duration {
        self.wait_for_within(what, DEADLINE, &mut condition)
    }

    pub fn wait_for_within(
        &self,
        what: &str,
        deadline: Duration,
        condition: &mut dyn FnMut(&vt100::Screen) -> bool,
    ) -> Duration {
        self.wait_output(what, deadline, &mut |output| condition(output.parser.screen()))
    }

    /// Waits until the program has presented more than `count` frames in all (a frame ends with
    /// the end of synchronized output); works at sizes where the screen shows nothing readable.
    pub fn wait_frames(&self, count: usize) -> usize {
        let mut seen = 0;
        self.wait_output(&format!("frame {}", count + 1), DEADLINE, &mut |output| {
            seen = count_frames(&output.raw);
            seen > count
        });
        seen
    }

    /// Frames presented so far.
    pub fn frames(&self) -> usize {
        count_frames(&lock(&self.shared).raw)
    }

    fn wait_output(&self, what: &str, deadline: Duration, condition: &mut dyn FnMut(&Output) -> bool) -> Duration {
        let start = Instant::now();
        let mut output = lock(&self.shared);
        loop {
            // Look only at whole frames: a condition met half-way through drawing one (the
            // reader pane new, the status line old) would let the test run ahead of the program.
            let whole = output.closed || output.raw.is_empty() || output.raw.ends_with(b"\x1b[?2026l");
            if whole && condition(&output) {
                return start.elapsed();
            }
            let left = deadline.saturating_sub(start.elapsed());
            if left.is_zero() || output.closed {
                let screen = output.parser.screen().contents();
                let closed = output.closed;
                let tail = tail(&output.raw);
                drop(output);
                panic!(
                    "timed out waiting for {what} (pty closed: {closed}); the screen:\n{screen}\nlast bytes: {tail:?}"
                );
            }
            output = self
                .shared
                .changed
                .wait_timeout(output, left.min(Duration::from_millis(50)))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_for_text(&self, text: &str) -> Duration {
        self.wait_for(&format!("{text:?} on screen"), |s| s.contents().contains(text))
    }

    /// Waits until no output arrived for a short while (the program has drawn what it will).
    pub fn settle(&self) {
        let start = Instant::now();
        let mut output = lock(&self.shared);
        while output.last_output.elapsed() < QUIET && !output.closed {
            assert!(start.elapsed() < DEADLINE, "output never settled");
            output = self.shared.changed.wait_timeout(output, QUIET).unwrap_or_else(|p| p.into_inner()).0;
        }
    }

    /// The emulated screen's text.
    pub fn contents(&self) -> String {
        lock(&self.shared).parser.screen().contents()
    }

    /// The emulated screen's rows, each cut at the terminal width.
    pub fn screen_rows(&self) -> Vec<String> {
        let output = lock(&self.shared);
        let cols = output.parser.screen().size().1.get();
        output.parser.screen().rows(0, cols).collect()
    }

    /// Runs `f` on the emulated screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.shared).parser.screen())
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Checks that nothing spilled past the right edge: the terminal wrapped no row (a cell
    /// written past the last column would have continued on the next row) and no row holds more
    /// cells than the terminal has columns.
    pub fn assert_no_spill(&self) {
        self.with_screen(|s| {
            let (rows, cols) = (s.size().0.get(), s.size().1.get());
            for y in 0..rows {
                let row = s.rows(0, cols).nth(y as usize).unwrap_or_default();
                assert!(!s.row_wrapped(y), "row {y} spilled onto the next: {row:?}\n{}", s.contents());
                assert!(row.chars().count() <= cols as usize, "row {y} wider than {cols}: {row:?}");
            }
        });
    }

    /// The status line (last row).
    pub fn status(&self) -> String {
        self.screen_rows().pop().unwrap_or_default()
    }

    /// Resizes the terminal: the emulator first, then the pty (which signals SIGWINCH), so that
    /// the program's repaint lands in an emulator of the new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.shared)
            .parser
            .screen_mut()
            .set_size(NonZeroU16::new(rows.max(1)).unwrap(), NonZeroU16::new(cols.max(1)).unwrap());
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize pty");
        self.rows = rows;
        self.cols = cols;
    }

    /// Sends a signal to the child with kill(1) (no libc binding needed in the tests).
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the child to exit; panics after `deadline`. Returns the exit code and the time
    /// it took.
    pub fn wait_exit_within(&mut self, deadline: Duration) -> (u32, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                self.exit = Some(status.clone());
                // The last bytes may still be in the pty: wait for the reader to see the end.
                let mut output = lock(&self.shared);
                while !output.closed && start.elapsed() < deadline + Duration::from_secs(2) {
                    output = self
                        .shared
                        .changed
                        .wait_timeout(output, Duration::from_millis(50))
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
                return (status.exit_code(), start.elapsed());
            }
            assert!(start.elapsed() < deadline, "gijiroku did not exit within {deadline:?}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(DEADLINE).0
    }

    /// `c_lflag` of the pty's termios (the slave's settings, read through the master).
    pub fn termios_local_flags(&self) -> Option<u64> {
        // tcflag_t is u32 on Linux and u64 elsewhere.
        self.master.get_termios().map(|t| u64::from(t.local_flags.bits()))
    }

    /// The child's open network sockets (TCP, UDP, raw; IPv4 and IPv6). The local socket pairs
    /// that signal handling uses are not network sockets and are not counted.
    pub fn network_sockets(&self) -> Vec<String> {
        let pid = self.pid();
        let inodes: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
            .expect("/proc/PID/fd")
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter_map(|t| Some(t.to_string_lossy().strip_prefix("socket:[")?.strip_suffix(']')?.to_owned()))
            .collect();
        let mut found = Vec::new();
        for table in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"] {
            let text = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).unwrap_or_default();
            for line in text.lines().skip(1) {
                // The inode is the tenth column.
                if let Some(inode) = line.split_whitespace().nth(9)
                    && inodes.iter().any(|i| i == inode)
                {
                    found.push(format!("{table}: {line}"));
                }
            }
        }
        found
    }

    /// `VmHWM` (peak resident set) of the running child, in KiB, from /proc.
    pub fn peak_rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).expect("/proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM in /proc/PID/status")
    }

    /// Quits with `q` and checks the terminal was restored and the exit was clean.
    pub fn quit_cleanly(&mut self) {
        self.send("q");
        let code = self.wait_exit();
        assert_eq!(code, 0, "exit code after q");
        assert_restored(&self.raw());
    }
}

impl Pty {
    /// Opens the entry whose title contains `filter` from the list: focus the list, filter it
    /// and press Enter, which opens the first match; each step waits for the screen to show it.
    /// Callers first wait for the meeting opened at start-up (`turn ` on screen) when there is
    /// one: its arrival moves the focus to the reader and would take the keys.
    pub fn open_from_list(&self, filter: &str) {
        self.settle();
        if !self.with_screen(status_of).starts_with(" meetings") {
            self.send("\t");
            self.wait_for("the list focused", |s| status_of(s).starts_with(" meetings"));
        }
        // Enter in the filter prompt opens the first match.
        self.send(format!("/{filter}\r"));
        self.wait_for(&format!("the list filtered by {filter:?}"), |s| {
            s.rows(0, s.size().1.get()).next().is_some_and(|header| header.contains(&format!("/{filter}")))
        });
    }

    /// Dismisses an error message (the next key clears it) and waits until the list shows again.
    pub fn dismiss(&self) {
        self.send("\x1b");
        self.wait_for("the message gone", |s| status_of(s).starts_with(" meetings"));
    }
}

/// The status line's right end shows `H:help ` in the last seven columns and no row is wider
/// than `cols`: the screen was drawn for that width.
pub fn drawn_at_width(s: &vt100::Screen, cols: u16) -> bool {
    let (rows, width) = (s.size().0.get(), s.size().1.get());
    if width != cols || cols < 7 {
        return false;
    }
    let tail: String = (cols - 7..cols).filter_map(|x| s.cell(rows - 1, x).map(|c| c.contents().to_owned())).collect();
    tail == "H:help " && s.rows(0, cols).all(|r| r.chars().count() <= cols as usize)
}

/// The status line (last row) of a screen.
pub fn status_of(s: &vt100::Screen) -> String {
    s.rows(0, s.size().1.get()).last().unwrap_or_default()
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.exit.is_none() && self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The terminal was put back: the output ends by showing the cursor and leaving the alternate
/// screen (nothing drawn after that), and bracketed paste and the kitty flags were popped.
pub fn assert_restored(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    assert!(text.ends_with("\x1b[?25h\x1b[?1049l"), "output does not end with the restore sequence: {:?}", tail(raw));
    let restore = text.rfind("\x1b[<u").expect("kitty keyboard flags popped");
    assert!(text[restore..].contains("\x1b[?2004l"), "bracketed paste turned off");
}

fn count_frames(raw: &[u8]) -> usize {
    raw.windows(8).filter(|w| w == b"\x1b[?2026l").count()
}

/// The last bytes of the output, for messages.
pub fn tail(raw: &[u8]) -> String {
    String::from_utf8_lossy(&raw[raw.len().saturating_sub(120)..]).into_owned()
}

/// Sends `keys` and waits for the frame it causes; returns how long that took.
pub fn time_key(pty: &Pty, keys: &str) -> Duration {
    let frames = pty.frames();
    let start = Instant::now();
    // From the write to the end of the frame it caused, as a person would wait for it.
    pty.send(keys);
    pty.wait_frames(frames);
    start.elapsed()
}

/// Times each key of `keys`; returns the slowest.
pub fn slowest_key(pty: &Pty, keys: &[&str]) -> Duration {
    let mut slowest = Duration::ZERO;
    for key in keys {
        let took = time_key(pty, key);
        slowest = slowest.max(took);
    }
    slowest
}
