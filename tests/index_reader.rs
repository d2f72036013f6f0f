//! Issue 16: the reader's list search on the library's index gives the hits the scan gives, and
//! reports its progress to the end even when the index rules every file out. Its own test binary:
//! it sets `GIJIROKU_CACHE_DIR` for the whole process, as a user would.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use gijiroku::app::library::Source;
use gijiroku::core::search::{Matcher, SearchOptions};
use gijiroku::library::{Found, scan};
use gijiroku::runtime::workers::{Event, spawn_library_search};

const MINUTES: &[&str] = &[
    "第1回 架空市総務委員会 議事要旨\n\n[森委員]\n図書館の開館時間について質問します。\n\n[事務局]\n開館時間は午後九時までです。\n",
    "第2回 架空市総務委員会 議事要旨\n\n[田中委員]\n公園の整備について伺います。\n",
    "第3回 架空市総務委員会 議事要旨\n\n[森委員]\nトショカンの予算は。\n\n[事務局]\nとしょかんの予算は前年度と同じです。\n",
];

/// Every entry of the library, as the reader lists them (one per meeting).
fn entries(root: &Path) -> Vec<(usize, Source, usize)> {
    let mut files = Vec::new();
    scan(&[root.to_path_buf()], &mut |found| {
        if let Found::File(path) = found {
            files.push(path);
        }
    });
    let mut entries = Vec::new();
    for path in files {
        let meetings = gijiroku::library::load_file(&path, 1 << 20).unwrap().len();
        for n in 0..meetings {
            entries.push((entries.len(), Source::File(path.clone()), n));
        }
    }
    entries
}

/// Runs one list search to its end; the hits per entry.
fn list_search(query: &str, entries: &[(usize, Source, usize)]) -> Vec<(usize, usize)> {
    let (sender, receiver) = std::sync::mpsc::channel();
    spawn_library_search(1, Arc::new(AtomicU64::new(1)), query.into(), true, entries.to_vec(), 1 << 20, sender);
    let mut hits = Vec::new();
    let mut ended = false;
    for event in receiver {
        if let Event::Hits { hits: batch, progress, .. } = event {
            hits.extend(batch);
            if progress.done == progress.total {
                ended = true;
                break;
            }
        }
    }
    // Without its last report the list would say "searching" for ever.
    assert!(ended, "{query}: the search never reported its end");
    hits.sort();
    hits
}

#[test]
fn the_list_search_on_the_index_counts_as_the_scan() {
    let library = tempfile::tempdir().unwrap();
    for (n, text) in MINUTES.iter().enumerate() {
        std::fs::write(library.path().join(format!("{n}.txt")), text).unwrap();
    }
    let entries = entries(library.path());
    let queries = ["図書館", "としょかん", "開館時間", "予算", "存在しない語", "委員"];
    let scanned: Vec<_> = queries.iter().map(|q| list_search(q, &entries)).collect();
    let cache = tempfile::tempdir().unwrap();
    set_cache_dir(cache.path());
    gijiroku::index::update::update(&[library.path().to_path_buf()], Default::default(), &mut |_| {}).unwrap();
    let paths: Vec<PathBuf> = entries.iter().map(|(_, source, _)| source_path(source)).collect();
    let backend = gijiroku::index::backend::shared_for(&paths);
    assert!(backend.describe().starts_with("the index"), "{}", backend.describe());
    let matcher = Matcher::new("公園", SearchOptions::default()).unwrap();
    assert_eq!(backend.candidates(&matcher, &paths, &|| false).read, [false, true, false], "the index narrows");
    for (query, scanned) in queries.iter().zip(&scanned) {
        assert_eq!(&list_search(query, &entries), scanned, "{query}");
    }
    // Not vacuous: kanji in one meeting, both kana spellings in another, and a query found nowhere.
    assert_eq!(scanned[0], [(0, 1)]);
    assert_eq!(scanned[1], [(2, 2)]);
    assert!(scanned[4].is_empty());
    // Every file ruled out: the search still ends (the app's progress reaches its total).
    assert!(list_search("存在しない語", &entries).is_empty());
}

/// The one environment change of this test binary (hence a binary of its own).
#[allow(unsafe_code)]
fn set_cache_dir(dir: &Path) {
    // SAFETY: this test binary has this one test, which sets the variable before any thread of
    // its own reads the environment.
    unsafe { std::env::set_var("GIJIROKU_CACHE_DIR", dir) };
}

fn source_path(source: &Source) -> PathBuf {
    match source {
        Source::File(path) => path.clone(),
        Source::Embedded { name, .. } => PathBuf::from(name),
    }
}
