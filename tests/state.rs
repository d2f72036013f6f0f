//! Remembered reading state: it round-trips through the file and back into a reader, survives
//! a corrupt file and a writer killed mid-write, merges two instances, and stays bounded.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use gijiroku::app::library::Source;
use gijiroku::app::reader::Reader;
use gijiroku::core::layout::Anchor;
use gijiroku::core::meeting::TextRef;
use gijiroku::core::width::AmbiguousWidth;
use gijiroku::runtime::workers::{SAMPLES, load};
use gijiroku::state::{self, FILE_NAME, MAX_MEETINGS, MeetingState, Store};

fn at(turn: usize, paragraph: usize, byte: usize) -> Anchor {
    Anchor { text: TextRef::Paragraph { turn, paragraph }, byte }
}

fn sample_state(updated: u64) -> MeetingState {
    MeetingState {
        position: Some(at(3, 0, 6)),
        jumps: vec![at(0, 0, 0), Anchor { text: TextRef::Label(2), byte: 0 }],
        marks: BTreeMap::from([('a', at(1, 0, 0)), ('z', Anchor { text: TextRef::Title, byte: 0 })]),
        updated,
    }
}

/// The files a store leaves, less the lock file beside the state that saves take (issue 13,
/// item 5: it stays, empty, so that every process locks the same inode).
fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".lock"))
        .collect();
    names.sort();
    names
}

#[test]
fn state_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, warnings) = Store::open(dir.path());
    assert!(warnings.is_empty());
    assert!(store.state().meetings.is_empty());
    store.put_at("/m/a.txt#0", sample_state(10));
    store.put("sample:02_assembly.txt#0", sample_state(0));
    store.set_last_open("sample:02_assembly.txt#0");
    assert!(store.save().unwrap().is_empty());
    let (again, warnings) = Store::open(dir.path());
    assert!(warnings.is_empty());
    assert_eq!(again.state(), store.state());
    assert_eq!(again.last_open(), Some("sample:02_assembly.txt#0"));
    assert_eq!(again.meeting("/m/a.txt#0"), Some(&sample_state(10)));
    assert!(again.meeting("sample:02_assembly.txt#0").unwrap().updated > 1_600_000_000_000, "stamped with now");
    assert_eq!(files(dir.path()), [FILE_NAME]);
}

#[test]
fn a_reader_is_put_back_where_it_was() {
    let (name, bytes) = SAMPLES.iter().find(|(name, _)| name.contains("assembly")).unwrap();
    let source = Source::Embedded { name, bytes };
    let key = state::meeting_key(&source, 0);
    assert_eq!(key, "sample:02_assembly.txt#0");
    let meeting = Arc::new(load(&source, 0, u64::MAX).unwrap());
    let mut reader = Reader::new(0, meeting.clone());
    reader.relayout(70, 20, AmbiguousWidth::Narrow);
    reader.show_row_at_top(25);
    let position = reader.anchor().unwrap();
    reader.record_jump();
    reader.set_mark('b', position);
    reader.set_mark('\'', Anchor { text: TextRef::Title, byte: 0 });

    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path());
    store.remember(&key, reader.remembered());
    store.save().unwrap();

    // Another run, another width: the same text comes back to the top.
    let (store, _) = Store::open(dir.path());
    assert_eq!(store.last_open(), Some(key.as_str()));
    let mut restored = Reader::new(0, meeting.clone());
    restored.relayout(50, 20, AmbiguousWidth::Wide);
    restored.restore(&store.recall(&key).expect("remembered"));
    assert_eq!(restored.anchor().map(|a| a.text), Some(position.text));
    assert_eq!(restored.jumps().entries(), [position]);
    assert_eq!(restored.marks().keys().collect::<Vec<_>>(), [&'b'], "only marks a-z are kept");

    // Anchors the meeting no longer has (the file was edited) are dropped, not followed.
    let mut stale = MeetingState::from(restored.remembered());
    stale.marks.insert('c', at(10_000, 0, 0));
    stale.jumps.push(Anchor { text: TextRef::Title, byte: 100_000 });
    let mut fresh = Reader::new(0, meeting);
    fresh.relayout(50, 20, AmbiguousWidth::Narrow);
    fresh.restore(&stale.remembered());
    assert!(!fresh.marks().contains_key(&'c'));
    assert_eq!(fresh.jumps().entries().len(), 1);
    assert!(store.recall("sample:unknown#0").is_none());
}

#[test]
fn a_corrupt_state_file_is_set_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(FILE_NAME), b"{\"meetings\": {\"x\": [1, 2").unwrap();
    let (mut store, warnings) = Store::open(dir.path());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("is corrupt") && warnings[0].contains(".corrupt-"), "{}", warnings[0]);
    assert!(store.state().meetings.is_empty());
    let names = files(dir.path());
    assert_eq!(names.len(), 1);
    assert!(names[0].starts_with("state.json.corrupt-"), "{names:?}");
    // The next save starts a fresh file and keeps the set-aside one.
    store.put("k#0", sample_state(0));
    assert!(store.save().unwrap().is_empty());
    assert_eq!(files(dir.path()).len(), 2);
    assert_eq!(Store::open(dir.path()).0.state().meetings.len(), 1);
}

#[test]
fn a_file_corrupted_by_someone_else_before_a_save_is_set_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path());
    std::fs::write(dir.path().join(FILE_NAME), b"\0\0garbage").unwrap();
    store.put("k#0", sample_state(0));
    let warnings = store.save().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(Store::open(dir.path()).0.state().meetings.len(), 1);
}

#[test]
fn a_writer_killed_mid_write_leaves_the_old_state_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path());
    store.put_at("old#0", sample_state(5));
    store.save().unwrap();
    // What a writer killed between `create` and `rename` leaves: a partial temporary.
    let recent = dir.path().join("state.json.tmp-4242-1");
    let old = dir.path().join("state.json.tmp-4243-2");
    std::fs::write(&recent, b"{\"version\":1,\"meetings\":{\"new#0\":{\"upd").unwrap();
    std::fs::write(&old, b"{\"version\":1,\"meet").unwrap();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(an_hour_ago).unwrap();

    let (store, warnings) = Store::open(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(store.meeting("old#0"), Some(&sample_state(5)));
    assert!(store.meeting("new#0").is_none());
    // The stale temporary is cleaned up; a recent one may belong to a running writer.
    assert!(!old.exists());
    assert!(recent.exists());
}

#[test]
fn two_instances_merge_and_the_newest_change_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, _) = Store::open(dir.path());
    let (mut second, _) = Store::open(dir.path());
    first.put_at("only-first#0", sample_state(100));
    first.put_at("both#0", MeetingState { position: Some(at(1, 0, 0)), updated: 300, ..MeetingState::default() });
    second.put_at("only-second#0", sample_state(200));
    second.put_at("both#0", MeetingState { position: Some(at(2, 0, 0)), updated: 250, ..MeetingState::default() });
    second.set_last_open("only-second#0");
    first.save().unwrap();
    second.save().unwrap();

    let (merged, _) = Store::open(dir.path());
    let keys: Vec<&String> = merged.state().meetings.keys().collect();
    assert_eq!(keys, ["both#0", "only-first#0", "only-second#0"]);
    assert_eq!(merged.meeting("both#0").unwrap().position, Some(at(1, 0, 0)), "the newer change wins");
    assert_eq!(merged.last_open(), Some("only-second#0"));
    // The second writer also holds everything now.
    assert_eq!(second.state(), merged.state());
}

#[test]
fn the_state_stays_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path());
    for n in 0..MAX_MEETINGS + 5 {
        let mut meeting = sample_state(1_000 + n as u64);
        meeting.jumps = (0..150).map(|i| at(i, 0, 0)).collect();
        meeting.marks.insert('A', at(0, 0, 0));
        store.put_at(&format!("/m/{n:04}.txt#0"), meeting);
    }
    store.save().unwrap();
    let (store, _) = Store::open(dir.path());
    let meetings = &store.state().meetings;
    assert_eq!(meetings.len(), MAX_MEETINGS);
    assert!(!meetings.contains_key("/m/0004.txt#0"), "the least recently read go first");
    assert!(meetings.contains_key("/m/0005.txt#0"));
    let newest = &meetings["/m/1004.txt#0"];
    assert_eq!(newest.jumps.len(), state::MAX_JUMPS);
    assert_eq!(newest.jumps.last(), Some(&at(149, 0, 0)), "the newest jumps are kept");
    assert_eq!(newest.marks.keys().collect::<Vec<_>>(), [&'a', &'z']);
}

#[test]
fn files_are_keyed_by_canonical_path_and_index() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.txt");
    std::fs::write(&file, "x").unwrap();
    let through_dot = dir.path().join(".").join("m.txt");
    let key = state::meeting_key(&Source::File(through_dot), 2);
    assert_eq!(key, format!("{}#2", std::fs::canonicalize(&file).unwrap().display()));
}
