//! Issue 13, item 8: a deeply nested directory made the scan cubic (the path of every directory
//! was canonicalised: a `stat` per component, each of a longer path): 1,000 levels took 12.9 s,
//! 2,000 more than 60 s, with "scanning…" shown for ever. Directories are now told apart by
//! device and inode from the one `stat` each gets, and walked without recursion.

// libc calls to build the test situations; each unsafe block says why it is sound.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gijiroku::library::{Found, scan};

/// `levels` nested directories `d/d/d/…` under `root`, made relative to each other (so that
/// no path is ever longer than a name), with a minutes file at the bottom.
#[cfg(unix)]
fn nest(root: &Path, levels: usize) {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let mut dir = std::fs::File::open(root).unwrap().into();
    for _ in 0..levels {
        let parent: &OwnedFd = &dir;
        // SAFETY: mkdirat/openat with a valid directory descriptor and a NUL-terminated name.
        let fd = unsafe {
            assert_eq!(libc::mkdirat(parent.as_raw_fd(), c"d".as_ptr(), 0o755), 0);
            libc::openat(parent.as_raw_fd(), c"d".as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY)
        };
        assert!(fd >= 0);
        // SAFETY: `fd` was just opened and is owned by nothing else.
        dir = unsafe { OwnedFd::from_raw_fd(fd) };
    }
    // SAFETY: as above; the file is written through the descriptor openat returns.
    let fd = unsafe {
        libc::openat(dir.as_raw_fd(), c"minutes.txt".as_ptr(), libc::O_WRONLY | libc::O_CREAT, 0o644 as libc::c_uint)
    };
    assert!(fd >= 0);
    // SAFETY: `fd` is a fresh descriptor owned by this File alone.
    let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
    std::io::Write::write_all(&mut file, "○委員長（森君）　開会します。\n".as_bytes()).unwrap();
}

fn scan_all(root: &Path) -> (Vec<PathBuf>, Vec<String>, Duration) {
    let started = Instant::now();
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    scan(&[root.to_path_buf()], &mut |found| match found {
        Found::File(path) => files.push(path),
        Found::Problem(_, reason) => problems.push(reason),
    });
    (files, problems, started.elapsed())
}

#[cfg(unix)]
#[test]
fn a_deeply_nested_directory_made_the_scan_cubic() {
    let dir = tempfile::tempdir().unwrap();
    nest(dir.path(), 2000);
    let (files, problems, took) = scan_all(dir.path());
    assert_eq!(files.len(), 1, "{problems:?}");
    assert!(files[0].ends_with("d/d/minutes.txt"));
    assert!(problems.is_empty(), "{problems:?}");
    println!("2,000 levels scanned in {took:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

/// Deeper than paths can go (PATH_MAX is 4,096 bytes on Linux, 2,048 levels of `d/`): a
/// message for the directory that cannot be opened, no stack overflow, no hang.
#[cfg(unix)]
#[test]
fn a_directory_deeper_than_any_path_gives_messages_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    nest(dir.path(), 2100);
    let (files, problems, took) = scan_all(dir.path());
    assert!(files.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[cfg(unix)]
#[test]
fn loops_are_walked_once_by_device_and_inode() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir_all(library.join("2024")).unwrap();
    std::fs::write(library.join("2024/minutes.txt"), "○委員長（森君）　開会します。\n").unwrap();
    std::os::unix::fs::symlink(&library, library.join("2024/loop")).unwrap();
    std::os::unix::fs::symlink(dir.path(), library.join("up")).unwrap();
    std::os::unix::fs::symlink("2024", library.join("same")).unwrap();
    let (files, problems, _) = scan_all(&library);
    assert_eq!(files, [library.join("2024/minutes.txt")], "{problems:?}");
}
