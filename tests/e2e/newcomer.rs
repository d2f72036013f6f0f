//! Issue 15 through the real binary: what a newcomer meets before and around the reader (a
//! mistyped path, an empty directory, a binary file).

use crate::files::{Minutes, write};
use crate::pty::Pty;

/// Defect 4: a mistyped path opened an empty full-screen reader and exited 0; an empty directory
/// said "no minutes found" and exited 0. Now: an error on stderr and exit 2, the screen never
/// taken, unless another path given holds minutes.
#[test]
fn a_mistyped_path_or_an_empty_directory_is_an_error_before_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let missing = dir.path().join("minutse.txt");
    for (args, expected) in [
        (vec![missing.clone()], vec!["minutse.txt: no such file or directory"]),
        (vec![empty.clone()], vec!["empty: no minutes found"]),
        (vec![empty.clone(), missing.clone()], vec!["empty: no minutes found", "minutse.txt: no such file"]),
    ] {
        let mut pty = Pty::spawn(&args, 80, 24);
        assert_eq!(pty.wait_exit(), 2, "{args:?}");
        let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
        for text in expected {
            assert!(raw.contains(text), "{args:?}: {raw:?}");
        }
        assert!(!raw.contains("\x1b[?1049h"), "the screen was taken: {raw:?}");
    }
    // With a readable file beside it, the bad path is named in the list, as before.
    let good = write(dir.path(), "good.txt", Minutes::new("良い委員会 議事要旨").turn("森委員", "良い発言。").bytes());
    let mut pty = Pty::spawn(&[good, missing], 80, 24);
    pty.wait_for_text("良い発言");
    pty.wait_for_text("✗ minutse.txt");
    pty.quit_cleanly();
}

/// Defect 2, `print`: a binary file printed as mojibake with exit 0. Exit 2 with the reason;
/// `--force` prints it anyway.
#[test]
fn print_refuses_a_binary_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(3);
    let bytes: Vec<u8> = (0..50_000).map(|i| if i % 5 == 0 { 0 } else { rng.u8(..) }).collect();
    let path = write(dir.path(), "program.txt", &bytes);
    let run = |force: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_gijiroku"));
        command.arg("print").arg(&path).arg("--width").arg("80");
        if force {
            command.arg("--force");
        }
        command.output().expect("the binary runs")
    };
    let out = run(false);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("looks like a binary file") && err.contains("--force"), "{err}");
    let out = run(true);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.is_empty());
}

/// Expected of a reader of minutes that get updated: a file changed on disk is said so and
/// marked in the list; `R` reads it again at the same turn.
#[test]
fn a_file_changed_on_disk_is_marked_and_r_reads_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = |edition: &str| {
        let mut minutes = Minutes::new("改訂される委員会 議事要旨");
        for n in 1..=30 {
            minutes = minutes.turn(&format!("委員{n}"), &format!("第{n}の発言、{edition}です。"));
        }
        minutes.bytes()
    };
    let path = write(dir.path(), "minutes.txt", text("初版"));
    write(dir.path(), "other.txt", Minutes::new("別の委員会 議事要旨").turn("森委員", "別の発言。").bytes());
    let mut pty = Pty::spawn(&[dir.path()], 80, 24);
    pty.wait_for_text("turn ");
    pty.open_from_list("改訂");
    pty.wait_for_text("第1の発言、初版");
    pty.send("12G");
    pty.wait_for_text("turn 12/30");
    std::fs::write(&path, text("第二版")).unwrap();
    pty.wait_for("the change noticed", |s| crate::pty::status_of(s).contains("changed on disk"));
    let marked = |rows: &[String]| rows.iter().any(|r| r.starts_with('▸') && r.contains("*["));
    assert!(marked(&pty.screen_rows()), "marked in the list:\n{}", pty.contents());
    pty.send("R");
    pty.wait_for_text("第12の発言、第二版");
    assert!(pty.status().contains("turn 12/30"), "{}", pty.status());
    assert!(!marked(&pty.screen_rows()), "{}", pty.contents());
    pty.quit_cleanly();
}

/// Expected from less: `v` opens the file in $VISUAL/$EDITOR at the turn's source line, and the
/// reader comes back intact.
#[test]
fn v_opens_the_turn_in_the_editor_and_the_reader_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut minutes = Minutes::new("編集される委員会 議事要旨");
    for n in 1..=10 {
        minutes = minutes.turn(&format!("委員{n}"), &format!("第{n}の発言です。"));
    }
    let path = write(dir.path(), "minutes.txt", minutes.bytes());
    let log = dir.path().join("args");
    let editor = write(
        dir.path(),
        "editor.sh",
        format!("#!/bin/sh\necho \"$@\" > '{}'\necho EDITING\nsleep 0.3\n", log.display()),
    );
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_gijiroku"));
    let mut pty = Pty::spawn_program(program, &[&path], &[("VISUAL", editor.as_str())], 80, 24, None);
    pty.wait_for_text("turn ");
    pty.send("4}");
    pty.wait_for_text("turn 4/10");
    let frames = pty.frames();
    pty.send("v");
    let start = std::time::Instant::now();
    while !log.exists() {
        assert!(start.elapsed() < crate::pty::DEADLINE, "the editor never ran");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The editor's output, then the reader drawn whole again.
    pty.wait_frames(frames);
    pty.wait_for("the reader back", |s| s.contents().contains("第4の発言") && s.contents().contains("turn 4/10"));
    assert!(String::from_utf8_lossy(&pty.raw()).contains("EDITING"));
    let args = std::fs::read_to_string(&log).unwrap();
    let line = std::fs::read_to_string(&path).unwrap().lines().position(|l| l.contains("委員4")).unwrap() + 1;
    assert_eq!(args.trim(), format!("+{line} {}", path.display()));
    pty.quit_cleanly();
}
