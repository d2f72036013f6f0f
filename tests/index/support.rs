//! What the index's tests share: a generated library, the binary run with its own cache
//! directory, and the comparison of a search with and without the index.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use gijiroku::index::update::{self, Summary};
use gijiroku::library::{Found, scan};

#[allow(dead_code, clippy::all)]
#[path = "../../examples/gen-corpus.rs"]
pub mod gen_corpus;

/// A generated library of `meetings` meetings (every format gen-corpus writes).
pub fn corpus(dir: &Path, meetings: usize) {
    for n in 0..meetings {
        let (path, bytes) = gen_corpus::meeting(16, n).unwrap();
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

pub fn files_of(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    scan(&[root.to_path_buf()], &mut |found| {
        if let Found::File(path) = found {
            files.push(path);
        }
    });
    files
}

/// Where the binary keeps indexes under `GIJIROKU_CACHE_DIR`.
pub fn indexes(cache: &Path) -> PathBuf {
    cache.join("index")
}

pub fn build(cache: &Path, root: &Path) -> Summary {
    update::update_in(&indexes(cache), &[root.to_path_buf()], Default::default(), &mut |_| {}).unwrap()
}

pub fn gijiroku(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(args)
        .env("GIJIROKU_CACHE_DIR", cache)
        .env("NO_COLOR", "1")
        .env_remove("GIJIROKU_CONFIG")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `search` with the index gives exactly what `--no-index` gives: same lines, same status.
pub fn assert_search_matches_scan(cache: &Path, query: &str, root: &Path) -> Output {
    assert_search_with_flags_matches_scan(cache, &[], query, root)
}

/// [`assert_search_matches_scan`] with more flags (`--config FILE`).
pub fn assert_search_with_flags_matches_scan(cache: &Path, flags: &[&str], query: &str, root: &Path) -> Output {
    let root = root.to_str().unwrap();
    let indexed = gijiroku(cache, &[&["search"], flags, &[query, root]].concat());
    let scanned = gijiroku(cache, &[&["search", "--no-index"], flags, &[query, root]].concat());
    assert_eq!(text(&indexed.stdout), text(&scanned.stdout), "{query}");
    assert_eq!(indexed.status.code(), scanned.status.code(), "{query}: {}", text(&indexed.stderr));
    assert_ne!(indexed.status.code(), Some(101), "a panic: {}", text(&indexed.stderr));
    indexed
}

/// The index directory of a one-library cache.
pub fn index_dir(cache: &Path) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(indexes(cache)).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs.remove(0)
}
