//! Issue 13, item 9: the config was read without limits and could block: `config --check
//! /dev/zero` read until memory ran out, and a config that was a FIFO blocked for ever (the
//! reader's start-up too, before any signal could end it). Both are refused at once now.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `gijiroku ARGS`, killing it after 10 s; returns the exit code, stderr and the time taken.
fn run_bounded(args: &[&str]) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gijiroku"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("gijiroku {args:?} still ran after 10 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("output");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), started.elapsed())
}

#[cfg(unix)]
#[test]
fn config_check_read_dev_zero_until_memory_ran_out() {
    let (code, err, took) = run_bounded(&["config", "--check", "/dev/zero"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a regular file"), "{err}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_fifo_blocked_for_ever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let fifo = fifo.to_str().unwrap();
    for args in [&["config", "--check", fifo][..], &["--config", fifo, "print", "-"]] {
        let (code, err, took) = run_bounded(args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
        assert!(took < Duration::from_secs(2), "{took:?}");
    }
}

#[test]
fn a_config_past_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "#".repeat(2 << 20)).unwrap();
    let (code, err, _) = run_bounded(&["config", "--check", path.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("too large (the limit is 1.0 MB)"), "{err}");
}
