//! By-hand measurements too heavy for CI, kept runnable: the memory bound at the file-size limit
//! and two hundred resize storms. Built only with the `measure` feature:
//! `cargo test --release --features measure --test measure -- --nocapture`.

#[allow(dead_code)]
#[path = "e2e/files.rs"]
mod files;
#[allow(dead_code)]
#[path = "e2e/pty.rs"]
mod pty;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use files::{open_meeting, write};
use pty::{Pty, drawn_at_width, slowest_key};

/// The memory bound at the size limit, for SECURITY.md: two files just under 64 MB, one single
/// line and one of a million short turns (the model's worst case per byte). Too heavy for CI
/// (about 15 s and 0.9 GB); run by hand:
/// `cargo test --release --features measure --test measure -- --nocapture memory_bound`.
#[test]

fn memory_bound_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let limit = 63 * 1024 * 1024;
    let mut line = String::from("長大な一行の委員会 議事要旨\n\n[議長]\n\n");
    while line.len() < limit {
        line.push_str("本日の委員会では来年度の予算案について審議を行いました。");
    }
    let mut turns = String::from("百万発言の委員会 議事要旨\n\n");
    let mut i = 0;
    while turns.len() < limit {
        i += 1;
        let _ = write!(turns, "[川村委員]\n\n第{i}発言。予算案について。\n\n");
    }
    for (name, text) in [("line.txt", line), ("turns.txt", turns)] {
        let path = write(dir.path(), name, text.as_bytes());
        let start = Instant::now();
        let mut pty = Pty::spawn(&[&path], 80, 24);
        pty.wait_for("the meeting open", |s| s.contents().contains("turn "));
        let opened = start.elapsed();
        let keys = slowest_key(&pty, &["G", "gg", "}", "\x04"]);
        let rss = pty.peak_rss_kib();
        eprintln!(
            "{name}: {} bytes; opened in {opened:?}; slowest key {keys:?}; peak RSS {rss} KiB ({:.1}× the file)",
            text.len(),
            rss as f64 * 1024.0 / text.len() as f64
        );
        pty.quit_cleanly();
    }
}

/// The storm, many times over: under load it once lost the last resize or a key about one time
/// in eighty (crossterm's edge-triggered event source; fixed by its poll(2) source). Too slow
/// for CI; run by hand, ideally next to other work:
/// `cargo test --release --features measure --test measure -- many_resize_storms`.
#[test]

fn many_resize_storms_lose_neither_a_resize_nor_a_key() {
    let (_dir, file) = open_meeting(200);
    for round in 0..200 {
        let mut pty = Pty::spawn(&[&file], 80, 24);
        pty.wait_for("the meeting open", |s| drawn_at_width(s, 80) && s.contents().contains("turn 1/200"));
        let mut rng = fastrand::Rng::with_seed(round);
        for i in 0..1000 {
            pty.resize(rng.u16(1..=300), rng.u16(1..=120));
            if i % 100 == 0 {
                pty.send("}");
            }
        }
        pty.resize(91, 27);
        pty.wait_for_within(
            &format!("round {round}: the final frame after ten keys"),
            Duration::from_secs(5),
            &mut |s| drawn_at_width(s, 91) && s.contents().contains("turn 10/200"),
        );
        pty.quit_cleanly();
    }
}
