//! Issue 16: the reader starts on the library's index. A large library is listed from the index
//! in the scan's first event (every meeting, with its title, date and turn count), then the walk
//! replaces what changed on disk since: an edited file's entries, a removed file's (marked), an
//! added file's (listed); and the index is brought up to date behind it. Its own test binary: it
//! sets `GIJIROKU_CACHE_DIR` for the whole process, as a user would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gijiroku::app::event::Event as AppEvent;
use gijiroku::app::library::{EntryState, EntrySummary, Source};
use gijiroku::app::{App, Options};
use gijiroku::library::DEFAULT_MAX_FILE_BYTES;
use gijiroku::runtime::workers::{Event, entries_of, spawn_scan};

#[path = "index/support.rs"]
mod support;
use support::*;

/// What the app's list holds: each meeting's summary, or `None` for a failed entry.
type Listed = BTreeMap<(PathBuf, usize), Option<EntrySummary>>;

fn listed(app: &App) -> Listed {
    app.entries()
        .iter()
        .map(|e| {
            let Source::File(path) = &e.source else { panic!("{e:?}") };
            let summary = match &e.state {
                EntryState::Ready(summary) => Some(summary.clone()),
                EntryState::Failed(_) => None,
            };
            ((path.clone(), e.index_in_file), summary)
        })
        .collect()
}

/// What a walk without an index lists (every file read whole).
fn walked(root: &Path) -> Listed {
    files_of(root)
        .into_iter()
        .flat_map(|path| entries_of(Source::File(path), DEFAULT_MAX_FILE_BYTES))
        .map(|e| {
            let Source::File(path) = &e.source else { panic!("{e:?}") };
            ((path.clone(), e.index_in_file), e.summary().cloned())
        })
        .collect()
}

/// Hands a scan event to the app as the runtime does (`Entries`, `Summaries`, `ScanDone`).
fn handle(app: &mut App, event: Event) {
    match event {
        Event::Entries(entries) => app.handle(AppEvent::Entries { entries, preferred: None }),
        Event::Summaries(summaries, progress) => {
            app.handle(AppEvent::Summaries { summaries, done: progress.done, total: progress.total })
        }
        Event::ScanDone => app.handle(AppEvent::ScanDone),
        Event::Together(events) => events.into_iter().for_each(|e| handle(app, e)),
        _ => {}
    }
}

#[test]
fn the_reader_lists_from_the_index_first_then_what_changed() {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(library.path(), 40);
    set_cache_dir(cache.path());
    gijiroku::index::update::update(&[library.path().to_path_buf()], Default::default(), &mut |_| {}).unwrap();
    let before = walked(library.path());
    let files = files_of(library.path());
    let edited = files.iter().find(|p| p.extension().is_some_and(|e| e == "txt")).unwrap().clone();
    let removed = files.iter().rev().find(|p| **p != edited).unwrap().clone();
    let mut bytes = std::fs::read(&edited).unwrap();
    bytes.extend_from_slice("\n[森委員]\n追加の発言です。\n\n[田中委員]\nもう一つの追加です。\n".as_bytes());
    std::fs::write(&edited, &bytes).unwrap();
    std::fs::remove_file(&removed).unwrap();
    std::fs::write(
        library.path().join("zz-added.txt"),
        "第99回 架空市総務委員会 議事要旨\n\n[森委員]\n新しい会議です。\n",
    )
    .unwrap();
    let after = walked(library.path());
    assert_ne!(before.get(&(edited.clone(), 0)), after.get(&(edited.clone(), 0)), "the edit changes the summary");

    let (sender, receiver) = std::sync::mpsc::channel();
    spawn_scan(vec![library.path().to_path_buf()], DEFAULT_MAX_FILE_BYTES, None, sender);
    let events: Vec<Event> = receiver.iter().collect();
    // The first events are the index's list (the smallest segment's files may come first): every
    // meeting indexed, complete, as the walk made them then.
    let mut events = events.into_iter();
    let mut app = App::new(Options::default());
    app.handle(AppEvent::Resize { width: 100, height: 30 });
    app.handle(AppEvent::ScanStarted);
    while app.entries().len() < before.len() {
        let Some(Event::Entries(entries)) = events.next() else { panic!("not the index's list first") };
        app.handle(AppEvent::Entries { entries, preferred: None });
    }
    assert_eq!(listed(&app), before, "listed from the index");
    for event in events {
        handle(&mut app, event);
    }
    // Then what changed replaced it in place: no entry twice, the removed file's marked.
    let mut expected = after.clone();
    let gone: Vec<_> = before.keys().filter(|(path, _)| *path == removed).cloned().collect();
    assert!(!gone.is_empty());
    for key in gone {
        expected.insert(key, None);
    }
    assert_eq!(listed(&app), expected);
    assert_eq!(app.entries().len(), expected.len(), "no entry listed twice");
    assert!(!app.scanning(), "the scan ended");
    // And the index was brought up to date behind the list: it now lists what the walk does.
    let listing =
        gijiroku::index::listing::read_in(&indexes(cache.path()), &[library.path().to_path_buf()], &mut |_| {})
            .unwrap();
    let from_index: Listed = listing
        .files
        .values()
        .flat_map(|f| f.meetings.iter().enumerate().map(|(n, s)| ((f.path.clone(), n), Some(s.clone()))))
        .collect();
    assert_eq!(from_index, after);

    // A library past `EARLY_FILES`: its first files go out before the rest of the listing, and
    // the whole listing then replaces them (no entry twice, every meeting as the walk makes it).
    let bigger = tempfile::tempdir().unwrap();
    corpus(bigger.path(), gijiroku::index::listing::EARLY_FILES + 40);
    gijiroku::index::update::update(&[bigger.path().to_path_buf()], Default::default(), &mut |_| {}).unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    spawn_scan(vec![bigger.path().to_path_buf()], DEFAULT_MAX_FILE_BYTES, None, sender);
    let events: Vec<Event> = receiver.iter().collect();
    let Some(Event::Entries(first)) = events.first() else { panic!("{:?}", events.first()) };
    let first_files: std::collections::HashSet<_> = first.iter().map(|e| e.source.clone()).collect();
    let expected = walked(bigger.path());
    assert!(first_files.len() < files_of(bigger.path()).len(), "the first files went out alone");
    // The whole listing follows in parts (one event of 30,000 entries held a key in the app for
    // a tenth of a second), in the order the list sorts to (newest first, then by title), so
    // that each of the app's sorts is one pass.
    let parts: Vec<&Vec<_>> = events[1..]
        .iter()
        .filter_map(|e| match e {
            Event::Entries(entries) => Some(entries),
            _ => None,
        })
        .collect();
    assert!(parts.len() >= 2, "{} parts", parts.len());
    assert!(parts.iter().all(|p| p.len() <= gijiroku::runtime::workers::LIST_PART));
    let keys: Vec<_> = parts
        .iter()
        .flat_map(|p| p.iter())
        .map(|e| (std::cmp::Reverse(e.date()), e.title_ref().into_owned()))
        .collect();
    assert!(keys.iter().any(|(date, _)| date.0.is_some()));
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "not in the list's order");
    let mut app = App::new(Options::default());
    app.handle(AppEvent::Resize { width: 100, height: 30 });
    for event in events {
        handle(&mut app, event);
    }
    assert_eq!(listed(&app), expected);
    assert_eq!(app.entries().len(), expected.len(), "no entry listed twice");
}

/// The one environment change of this test binary (hence a binary of its own).
#[allow(unsafe_code)]
fn set_cache_dir(dir: &Path) {
    // SAFETY: this test binary has this one test, which sets the variable before any thread of
    // its own reads the environment.
    unsafe { std::env::set_var("GIJIROKU_CACHE_DIR", dir) };
}
