//! Issue 13, item 5: readers that saved their state at the same moment lost positions (three
//! readers hung up together kept 1 of 3 positions in 10 of 10 rounds): each read the old file,
//! merged its own change and renamed its copy over the other's. Saves now read, merge and
//! replace under an advisory lock beside the state file. Tested with many processes saving at
//! once, each its own meeting: every position is kept.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use gijiroku::core::layout::Anchor;
use gijiroku::core::meeting::TextRef;
use gijiroku::state::{MeetingState, Store};

const CHILD_DIR: &str = "GIJIROKU_TEST_STATE_DIR";
const CHILD_INDEX: &str = "GIJIROKU_TEST_STATE_INDEX";
const PROCESSES: usize = 12;
const ROUNDS: usize = 4;

fn key(index: usize) -> String {
    format!("/minutes/meeting-{index}.txt#0")
}

/// One child: remembers its own meeting, says it is ready, waits for the start signal (a file),
/// and saves. Runs only when started by the test below.
#[test]
fn child_saves_one_position() {
    let (Some(dir), Some(index)) = (std::env::var_os(CHILD_DIR), std::env::var(CHILD_INDEX).ok()) else { return };
    let dir = PathBuf::from(dir);
    let index: usize = index.parse().unwrap();
    let (mut store, _) = Store::open(&dir);
    let position = Anchor { text: TextRef::Paragraph { turn: index, paragraph: 0 }, byte: 3 };
    store.put(&key(index), MeetingState { position: Some(position), ..MeetingState::default() });
    std::fs::write(dir.join(format!("ready-{index}")), b"").unwrap();
    let go = dir.join("go");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() && Instant::now() < deadline {
        std::hint::spin_loop();
    }
    store.save().unwrap();
}

fn spawn(dir: &Path, index: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_saves_one_position", "--test-threads=1", "--quiet"])
        .env(CHILD_DIR, dir)
        .env(CHILD_INDEX, index.to_string())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn readers_saving_at_the_same_moment_lost_positions() {
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let mut children: Vec<Child> = (0..PROCESSES).map(|i| spawn(dir.path(), i)).collect();
        let deadline = Instant::now() + Duration::from_secs(60);
        while (0..PROCESSES).any(|i| !dir.path().join(format!("ready-{i}")).exists()) {
            assert!(Instant::now() < deadline, "the children never got ready");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::fs::write(dir.path().join("go"), b"").unwrap();
        for child in &mut children {
            assert!(child.wait().unwrap().success());
        }
        let (store, warnings) = Store::open(dir.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        let kept: Vec<usize> = (0..PROCESSES).filter(|&i| store.meeting(&key(i)).is_some()).collect();
        assert_eq!(kept.len(), PROCESSES, "round {round}: kept only {kept:?}");
        for i in 0..PROCESSES {
            let position = store.meeting(&key(i)).and_then(|m| m.position).map(|p| p.text);
            assert_eq!(position, Some(TextRef::Paragraph { turn: i, paragraph: 0 }));
        }
    }
}
