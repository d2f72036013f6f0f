//! Start, navigation, search and quit: what a person sees in an 80×24 terminal.

use crate::files::{numbered_meeting, write};
use crate::pty::Pty;

/// `turn i/n` from the status line.
fn turn_position(status: &str) -> Option<(usize, usize)> {
    let at = status.find("turn ")? + 5;
    let rest = &status[at..];
    let end = rest.find(' ').unwrap_or(rest.len());
    let (i, n) = rest[..end].split_once('/')?;
    Some((i.parse().ok()?, n.parse().ok()?))
}

/// `[k/n]` (current hit of all) from the status line.
fn hit_position(status: &str) -> Option<(usize, usize)> {
    let at = status.rfind('[')? + 1;
    let end = at + status[at..].find(']')?;
    let (k, n) = status[at..end].split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

fn wait_turn(pty: &Pty, what: &str, condition: impl Fn(usize, usize) -> bool) -> (usize, usize) {
    pty.wait_for(what, |s| {
        let status = s.rows(0, s.size().1.get()).last().unwrap_or_default();
        turn_position(&status).is_some_and(|(i, n)| condition(i, n))
    });
    turn_position(&pty.status()).expect("turn i/n in the status line")
}

#[test]
fn starts_on_the_samples_and_quits_cleanly() {
    let no_args: [&str; 0] = [];
    let mut pty = Pty::spawn(&no_args, 80, 24);
    pty.wait_for_text("Meetings 4");
    pty.wait_for("a turn position", |s| s.contents().contains("turn "));
    // The list pane and the reader side by side, the newest sample (the top of the list) open.
    let contents = pty.contents();
    assert!(
        contents.contains("星見市オープンデータ作業部会") && contents.contains("▸2025-10-16"),
        "first sample open:\n{contents}"
    );
    assert!(pty.status().contains("turn 1/17"), "{}", pty.status());
    pty.with_screen(|s| assert!(s.alternate_screen() && s.hide_cursor()));
    pty.quit_cleanly();
}

#[test]
fn starts_on_a_fixture_file() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/summary/committee.txt");
    let mut pty = Pty::spawn(&[fixture], 80, 24);
    pty.wait_for("a turn position", |s| s.contents().contains("turn "));
    let rows = pty.screen_rows();
    assert!(rows.iter().all(|r| r.chars().count() <= 80));
    pty.quit_cleanly();
}

#[test]
fn navigation_keys_move_the_view_and_the_turn_counter() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "nav.txt", numbered_meeting("ナビゲーション試験委員会 議事要旨", 60).bytes());
    let mut pty = Pty::spawn(&[&file], 80, 24);
    let (first, total) = wait_turn(&pty, "turn 1/60", |i, n| n == 60 && i <= 1);
    assert_eq!(total, 60);
    let before = pty.contents();

    pty.send("j");
    pty.wait_for("j scrolls one row", |s| s.contents() != before);

    pty.send("\x04"); // Ctrl-d: half a page
    let (after_half, _) = wait_turn(&pty, "Ctrl-d moves on", |i, _| i > first);

    // `}` puts the next turn that starts below the top row at the top; from there, the next `}`
    // moves exactly one turn on.
    let top_row = |s: &vt100::Screen| s.rows(0, 80).next().unwrap_or_default();
    pty.send("}");
    pty.wait_for("} puts a turn at the top", |s| top_row(s).contains("発言。"));
    let (aligned, _) = turn_position(&pty.status()).expect("turn position");
    assert!(aligned >= after_half);
    pty.send("}");
    let (next, _) = wait_turn(&pty, "} to the next turn", |i, _| i == aligned + 1);
    pty.wait_for("the next turn at the top", |s| top_row(s).contains(&format!("第{next}発言")));

    // G: the last turn on screen, 100%; the counter names the turn at the top of the view.
    pty.send("G");
    pty.wait_for("G to the end", |s| s.contents().contains("第60発言") && s.contents().contains("100%"));
    let (at_end, _) = turn_position(&pty.status()).expect("turn position");
    assert!(at_end > next, "G moved the counter on: {}", pty.status());

    pty.send("gg");
    wait_turn(&pty, "gg to the top", |i, _| i <= 1);
    pty.wait_for("the title at the top", |s| s.contents().contains("ナビゲーション試験委員会"));

    pty.send("]]");
    pty.wait_for("]] to the first agenda item", |s| {
        s.rows(0, 80).next().is_some_and(|r| r.contains("議事①")) || s.contents().contains("議事①予算")
    });
    pty.send("]]");
    let (in_second, _) = wait_turn(&pty, "]] to the second agenda item", |i, _| i >= 30);
    assert!(pty.contents().contains("議事②"), "second agenda heading shown:\n{}", pty.contents());
    assert!(in_second <= 31);
    pty.quit_cleanly();
}

#[test]
fn search_highlights_and_n_moves_to_the_next_hit() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "search.txt", numbered_meeting("検索試験委員会 議事要旨", 40).bytes());
    let mut pty = Pty::spawn(&[&file], 80, 24);
    wait_turn(&pty, "opened", |_, n| n == 40);
    pty.send("/第25発言\r");
    // The view moves so that the hit stands a third of the way down.
    pty.wait_for("[1/1] hit count", |s| s.contents().contains("[1/1]"));
    let (top_turn, _) = wait_turn(&pty, "search moves the view", |i, _| (20..=25).contains(&i));
    assert!(top_turn > 1);
    // The hit is highlighted: its cells differ in colour from the text around them.
    let highlighted = pty.with_screen(|s| {
        (0..s.size().0.get()).any(|row| {
            (0..80).any(|col| {
                s.cell(row, col).is_some_and(|c| c.contents() == "第" && c.bgcolor() != vt100::Color::Default)
            })
        })
    });
    assert!(highlighted, "no highlighted hit:\n{}", pty.contents());

    // Many hits: the first one after the view is current; n moves to the next.
    pty.send("/図書館\r");
    pty.wait_for("hit counter", |s| hit_position(&s.contents()).is_some_and(|(_, n)| n > 40));
    let (current, total) = hit_position(&pty.status()).expect("hit position");
    pty.send("n");
    pty.wait_for("n moves to the next hit", |s| hit_position(&s.contents()) == Some((current + 1, total)));
    pty.quit_cleanly();
}

/// Read-only and offline: after a session that opens, searches, yanks and quits, the files are
/// byte-for-byte unchanged with their modification times, the only files written under HOME are
/// the reader's own state file in the XDG data directory and the empty lock file beside it, and
/// the process never held a socket.
#[test]
fn the_reader_writes_nothing_and_opens_no_socket() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ro.txt", numbered_meeting("読み取り専用の委員会 議事要旨", 20).bytes());
    let before = (std::fs::read(&file).unwrap(), std::fs::metadata(&file).unwrap().modified().unwrap());
    let mut pty = Pty::spawn(&[dir.path()], 80, 24);
    wait_turn(&pty, "opened", |_, n| n == 20);
    for keys in ["G", "gg", "/予算\r", "n", "y", "s", "\x1b", "S", "q"] {
        let frames = pty.frames();
        pty.send(keys);
        pty.wait_frames(frames);
        let sockets = pty.network_sockets();
        assert!(sockets.is_empty(), "network sockets open after {keys:?}: {sockets:?}");
    }
    pty.quit_cleanly();
    let after = (std::fs::read(&file).unwrap(), std::fs::metadata(&file).unwrap().modified().unwrap());
    assert!(before == after, "the minutes file changed");
    let mut written: Vec<_> = walk(pty.home.path()).into_iter().filter(|p| p.is_file()).collect();
    written.sort();
    let state = pty.home.path().join("data/gijiroku/state.json");
    // And the empty lock file that saves are made under (issue 13, item 5).
    let lock = pty.home.path().join("data/gijiroku/state.json.lock");
    assert_eq!(written, [state.clone(), lock.clone()], "files written under HOME");
    assert_eq!(std::fs::metadata(&lock).unwrap().len(), 0);
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(saved.contains("ro.txt"), "the reading position of the meeting is remembered: {saved}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}
