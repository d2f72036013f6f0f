//! The file system misbehaving: an unreadable file, a file deleted or truncated while the reader
//! has it open, a directory loop, a FIFO and a device in the library. Each gives a message in
//! the UI, and the other meetings stay listed and readable.

use std::path::Path;
use std::process::Command;

use crate::checker::assert_clean;
use crate::files::{Minutes, write};
use crate::pty::{Pty, status_of};

fn meeting(title: &str, speech: &str) -> Vec<u8> {
    Minutes::new(title).turn("森委員", speech).bytes()
}

#[test]
fn broken_entries_in_a_library_give_messages_and_the_rest_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path();
    write(lib, "a_good.txt", meeting("良い委員会 議事要旨", "良い発言。"));
    // A dangling symlink: "no such file".
    std::os::unix::fs::symlink(lib.join("missing.txt"), lib.join("b_dangling.txt")).unwrap();
    // A FIFO: opening it would block forever; it must be reported, never opened.
    let status = Command::new("mkfifo").arg(lib.join("c_pipe.txt")).status().expect("mkfifo");
    assert!(status.success());
    // A device (through a symlink, as a library might have one).
    std::os::unix::fs::symlink("/dev/zero", lib.join("d_zero.txt")).unwrap();
    // A directory loop: a symlink to the library itself, and one to its parent.
    std::fs::create_dir(lib.join("sub")).unwrap();
    std::os::unix::fs::symlink(lib, lib.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("..", lib.join("sub/up")).unwrap();
    write(&lib.join("sub"), "e_nested.txt", meeting("入れ子の委員会 議事要旨", "入れ子の発言。"));
    // A file that opens but cannot be read: /proc/self/mem fails with EIO at offset 0 (the
    // closest thing to "permission denied" that root cannot read past).
    std::os::unix::fs::symlink("/proc/self/mem", lib.join("f_unreadable.txt")).unwrap();

    let mut pty = Pty::spawn(&[lib], 80, 24);
    // The scan ends (no endless loop): 2 meetings and 4 failed entries, each listed once.
    pty.wait_for("the scan to finish", |s| s.contents().contains("Meetings 6"));
    pty.wait_for_text("turn ");
    pty.settle();
    let listed = pty.contents();
    assert_eq!(listed.matches('✗').count(), 4, "four failed entries:\n{listed}");

    for (name, message) in [
        ("b_dangling", "no such file"),
        ("c_pipe", "not a regular file"),
        ("d_zero", "not a regular file"),
        ("f_unreadable", "error"),
    ] {
        pty.open_from_list(name);
        pty.wait_for(&format!("the message for {name}"), |s| {
            let status = status_of(s);
            status.contains(name) && status.to_lowercase().contains(message)
        });
        pty.dismiss();
    }
    // The readable meetings still open, including the one behind the loop.
    pty.open_from_list("入れ子");
    pty.wait_for_text("入れ子の発言");
    pty.open_from_list("良い");
    pty.wait_for_text("良い発言");
    pty.quit_cleanly();
    assert_clean(&pty.raw(), false);
}

#[test]
fn a_file_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = write(dir.path(), "locked.txt", meeting("鍵の委員会 議事要旨", "読めない発言。"));
    write(dir.path(), "open.txt", meeting("開いた委員会 議事要旨", "読める発言。"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads through permissions: then this is only a check that nothing breaks, and the
    // unreadable case is covered by /proc/self/mem above.
    let root = std::fs::read(&locked).is_ok();
    let mut pty = Pty::spawn(&[dir.path()], 80, 24);
    pty.wait_for_text("Meetings 2");
    pty.wait_for_text("turn ");
    if !root {
        pty.wait_for_text("✗");
        pty.open_from_list("locked");
        pty.wait_for("permission denied", |s| s.contents().contains("permission denied"));
        pty.dismiss();
    }
    pty.open_from_list("開いた");
    pty.wait_for_text("読める発言");
    pty.quit_cleanly();
}

fn wait_message(pty: &Pty, what: &str, text: &str) {
    pty.wait_for(what, |s| status_of(s).contains(text));
}

#[test]
fn a_file_deleted_or_truncated_while_open_is_handled_on_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let lib: &Path = dir.path();
    let doomed = write(lib, "a_doomed.txt", meeting("消える委員会 議事要旨", "消える発言。"));
    let shrinking = write(lib, "b_shrinking.txt", numbered(40));
    write(lib, "c_stays.txt", meeting("残る委員会 議事要旨", "残る発言。"));
    let mut pty = Pty::spawn(&[lib], 80, 24);
    pty.wait_for_text("Meetings 3");
    pty.wait_for_text("turn ");

    // Deleted: open it, delete it, go elsewhere, come back.
    pty.open_from_list("消える");
    pty.wait_for_text("消える発言");
    std::fs::remove_file(&doomed).unwrap();
    pty.open_from_list("残る");
    pty.wait_for_text("残る発言");
    pty.open_from_list("消える");
    wait_message(&pty, "the deleted file's message", "no such file");
    // The reader still shows the meeting that was open.
    assert!(pty.contents().contains("残る発言"), "{}", pty.contents());
    pty.dismiss();

    // Truncated: open it far down, cut the file to a few bytes, reopen.
    pty.open_from_list("縮む");
    pty.wait_for_text("第1発言");
    pty.send("G");
    pty.wait_for_text("第40発言");
    std::fs::write(&shrinking, "縮む委員会").unwrap();
    pty.open_from_list("残る");
    pty.wait_for_text("残る発言");
    pty.open_from_list("縮む");
    pty.wait_for("the truncated meeting", |s| {
        s.contents().contains("縮む委員会") && !s.contents().contains("第40発言")
    });
    pty.send("jG");
    pty.settle();
    // Cut to nothing, and back.
    std::fs::write(&shrinking, "").unwrap();
    pty.open_from_list("残る");
    pty.wait_for_text("残る発言");
    pty.settle();
    pty.quit_cleanly();
    assert_clean(&pty.raw(), false);
}

fn numbered(n: usize) -> Vec<u8> {
    crate::files::numbered_meeting("縮む委員会 議事要旨", n).bytes()
}
