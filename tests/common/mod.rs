//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod app;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs the `gijiroku` binary with `args` (paths may be any bytes), no stdin, `NO_COLOR` set.
pub fn gijiroku<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// The reference document from ../shared, or `None` (with a note on stderr) when it is absent
/// outside CI. In CI (`CI=true`) its absence fails the test: CI is meant to have it.
pub fn reference_document() -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_599fe319129bac2a.txt");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(err) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("the reference document {} is required in CI: {err}", path.display());
            }
            eprintln!("skipping: reference document {} not found ({err})", path.display());
            None
        }
    }
}

/// The development corpus folder from ../shared, under the same rule as the reference document.
pub fn corpus_dir() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if path.join("truth.json").is_file() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the development corpus {} is required in CI", path.display());
    }
    eprintln!("skipping: development corpus {} not found", path.display());
    None
}

pub fn fixture_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}
