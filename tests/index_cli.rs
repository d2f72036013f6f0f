//! Issue 16: `gijiroku index` as the command line runs it: what it indexes with no path, the
//! config's size limit, and `--rebuild` beside a second indexer.

use std::path::Path;

#[path = "index/support.rs"]
mod support;
use support::*;

/// A config file holding `body`, in `dir`.
fn config_file(dir: &Path, body: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, body).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Regression: with no path, `gijiroku index` indexed the current directory, not the library
/// the config names (which the reader opens with no path).
#[test]
fn index_without_a_path_indexed_the_current_directory_not_the_library() {
    let library = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(library.path(), 3);
    corpus(elsewhere.path(), 5);
    let toml = format!("library = [{:?}]\n", library.path().to_str().unwrap());
    let config = config_file(cache.path(), &toml);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(["index", "--config", &config])
        .current_dir(elsewhere.path())
        .env("GIJIROKU_CACHE_DIR", cache.path())
        .env_remove("GIJIROKU_CONFIG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("3 files indexed (3 added"), "{}", text(&out.stdout));
    let sidecar = std::fs::read_to_string(index_dir(cache.path()).join("gijiroku-index.json")).unwrap();
    let root = std::fs::canonicalize(library.path()).unwrap();
    assert!(sidecar.contains(root.to_str().unwrap()), "{sidecar}");
    // No library and no path: a message, not an index of whatever directory it ran in.
    let empty = config_file(elsewhere.path(), "");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(["index", "--config", &empty])
        .current_dir(elsewhere.path())
        .env("GIJIROKU_CACHE_DIR", cache.path())
        .env_remove("GIJIROKU_CONFIG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("no library to index"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_dir(indexes(cache.path())).unwrap().count(), 1);
}

/// Regression: the index read files up to a built-in 64 MB whatever the config's `max_file_mb`,
/// so a file `search` refuses as too large was ruled out by the index, silently, where the scan
/// reports it (and exits 2).
#[test]
fn the_index_ignored_the_configs_size_limit() {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(library.path(), 3);
    write_big_meeting(library.path());
    let config = config_file(cache.path(), "max_file_mb = 1\n");
    let out = gijiroku(cache.path(), &["index", "--config", &config, library.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 unreadable"), "{}", text(&out.stdout));
    for query in ["存在しない語", "開館時間"] {
        let out = assert_search_with_flags_matches_scan(cache.path(), &["--config", &config], query, library.path());
        assert!(text(&out.stderr).contains("big.txt"), "{query}: {}", text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{query}");
    }
}

/// A file indexed under a larger limit than `search` now has is read (and refused, as the scan
/// refuses it), not answered from what the index keeps of it.
#[test]
fn a_file_over_the_limit_is_not_answered_from_the_index() {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(library.path(), 3);
    write_big_meeting(library.path());
    build(cache.path(), library.path());
    let config = config_file(cache.path(), "max_file_mb = 1\n");
    let out = assert_search_with_flags_matches_scan(cache.path(), &["--config", &config], "開館時間", library.path());
    assert!(text(&out.stderr).contains("big.txt"), "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(2));
}

/// Regression: `--rebuild` deleted the index directory before asking for tantivy's writer lock,
/// so a second indexer's index was thrown away under it.
#[test]
fn rebuild_deleted_the_index_before_taking_the_writer_lock() {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(library.path(), 3);
    build(cache.path(), library.path());
    let dir = index_dir(cache.path());
    let listing = |dir: &Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let before = listing(&dir);
    {
        let held = gijiroku::index::store::open(&dir).ok().unwrap();
        let _writer: tantivy::IndexWriter = held.index.writer(15_000_000).unwrap();
        let out = gijiroku(cache.path(), &["index", "--rebuild", library.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
        assert!(text(&out.stderr).contains("another gijiroku is updating"), "{}", text(&out.stderr));
        assert_eq!(listing(&dir), before, "nothing deleted");
    }
    let backend = gijiroku::index::backend::IndexBackend::open(&dir).ok().unwrap();
    assert_eq!(backend.file_count(), 3);
    // An index of another version, whose writer is at work: kept as well.
    let sidecar = dir.join("gijiroku-index.json");
    let json = std::fs::read_to_string(&sidecar).unwrap().replace("\"version\": ", "\"version\": 999");
    std::fs::write(&sidecar, &json).unwrap();
    {
        use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
        let directory = MmapDirectory::open(&dir).unwrap();
        let _lock = directory.acquire_lock(&INDEX_WRITER_LOCK).unwrap();
        let out = gijiroku(cache.path(), &["index", "--rebuild", library.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
        assert!(text(&out.stderr).contains("another gijiroku is updating"), "{}", text(&out.stderr));
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), json);
        assert_eq!(listing(&dir), before);
    }
    // Once alone, it rebuilds.
    let out = gijiroku(cache.path(), &["index", "--rebuild", library.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("3 files indexed (3 added"), "{}", text(&out.stdout));
}

/// A meeting of 1.3 MB (`big.txt`): over a `max_file_mb = 1` limit.
fn write_big_meeting(dir: &std::path::Path) {
    let mut big = String::from("第9回 架空市総務委員会 議事要旨\n\n");
    while big.len() < 1_300_000 {
        big.push_str("[森委員]\n図書館の開館時間について、もう一度だけ質問いたします。\n\n");
    }
    std::fs::write(dir.join("big.txt"), big).unwrap();
}
