//! End-to-end: the real `gijiroku` binary in a pseudo-terminal (80×24, xterm-256color), its
//! output read through the `vt100` emulator and, for hostile files, byte by byte with
//! [`checker`]. The cases are those of issue 7 (reliability and security); SECURITY.md maps each
//! guarantee to the tests here.
//!
//! Every wait has a deadline ([`pty::DEADLINE`]) and the child is killed on drop, so a
//! regression fails instead of hanging CI.

#[path = "e2e/basics.rs"]
mod basics;
#[path = "e2e/bytes.rs"]
mod bytes;
#[path = "e2e/checker.rs"]
mod checker;
#[path = "e2e/files.rs"]
mod files;
#[path = "e2e/filesystem.rs"]
mod filesystem;
#[path = "e2e/hostile.rs"]
mod hostile;
#[path = "e2e/newcomer.rs"]
mod newcomer;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sizes.rs"]
mod sizes;
#[path = "e2e/terminal.rs"]
mod terminal;
#[path = "e2e/trust.rs"]
mod trust;
