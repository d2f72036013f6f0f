//! Before the screen is taken: the library scan starts, and the reader waits until it knows that
//! some meeting can be shown. Paths that hold none end the program with an error on stderr, as
//! `less` does for a missing file, instead of an empty full-screen reader that exits 0.

use std::fmt;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use crate::app::library::Source;
use crate::runtime::workers::Event;

/// Nothing among the paths given can be read as minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NothingToRead {
    /// Each path and why it gives nothing, in the order given.
    pub problems: Vec<(String, String)>,
}

impl fmt::Display for NothingToRead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Printed on stderr: names and reasons through the one escaping function (issue 13).
        use crate::core::sanitize::escape::visible;
        let lines: Vec<String> =
            self.problems.iter().map(|(path, why)| format!("{}: {}", visible(path), visible(why))).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for NothingToRead {}

/// What a directory without minutes says.
pub(crate) const NO_MINUTES: &str =
    "no minutes found (files are picked by content; .txt .md .json files are always taken)";

/// Waits for the scan's first events until one readable meeting is listed (returns the events
/// received, to be handled in order) or the scan ends without one.
pub(crate) fn wait_for_minutes(receiver: &Receiver<Event>, paths: &[PathBuf]) -> Result<Vec<Event>, NothingToRead> {
    let mut received = Vec::new();
    let mut failed: Vec<(PathBuf, String)> = Vec::new();
    while let Ok(event) = receiver.recv() {
        let (readable, done) = inspect(&event, &mut failed);
        received.push(event);
        if readable {
            return Ok(received);
        }
        if done {
            break;
        }
    }
    Err(NothingToRead { problems: problems(paths, &failed) })
}

/// Whether `event` lists a readable meeting, and whether it ends the scan; failed entries are
/// collected.
fn inspect(event: &Event, failed: &mut Vec<(PathBuf, String)>) -> (bool, bool) {
    match event {
        Event::Entries(entries) => {
            let mut readable = false;
            for entry in entries {
                match (&entry.state, &entry.source) {
                    (crate::app::library::EntryState::Failed(why), Source::File(path)) => {
                        failed.push((path.clone(), why.to_string()));
                    }
                    _ => readable = true,
                }
            }
            (readable, false)
        }
        Event::ScanDone => (false, true),
        Event::Together(events) => events.iter().fold((false, false), |(r, d), e| {
            let (readable, done) = inspect(e, failed);
            (r || readable, d || done)
        }),
        _ => (false, false),
    }
}

/// One line per path given: its own failure, the failures found under it, or "no minutes".
fn problems(paths: &[PathBuf], failed: &[(PathBuf, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in paths {
        let under: Vec<&(PathBuf, String)> = failed.iter().filter(|(p, _)| p.starts_with(path)).collect();
        if under.is_empty() {
            out.push((path.display().to_string(), NO_MINUTES.to_owned()));
        }
        for (p, why) in under {
            if !out.iter().any(|(shown, _)| shown == &p.display().to_string()) {
                out.push((p.display().to_string(), why.clone()));
            }
        }
    }
    if out.is_empty() {
        // No path given (the samples) never gets here; this is only a safe default.
        out.push((".".to_owned(), NO_MINUTES.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::library::{Entry, EntryState};

    fn failed(path: &str, why: &str) -> Entry {
        Entry {
            source: Source::File(path.into()),
            index_in_file: 0,
            state: EntryState::Failed(crate::app::library::LoadError::Unreadable(why.into())),
        }
    }

    #[test]
    fn a_missing_path_and_an_empty_directory_are_both_named() {
        let (sender, receiver) = std::sync::mpsc::channel();
        sender
            .send(Event::Together(vec![Event::Entries(vec![failed("nosuch.txt", "no such file")]), Event::ScanDone]))
            .unwrap();
        let paths = vec![PathBuf::from("nosuch.txt"), PathBuf::from("empty")];
        let err = wait_for_minutes(&receiver, &paths).unwrap_err();
        assert_eq!(err.problems[0], ("nosuch.txt".to_owned(), "no such file".to_owned()));
        assert_eq!(err.problems[1].0, "empty");
        assert!(err.problems[1].1.starts_with("no minutes found"));
    }

    #[test]
    fn one_readable_meeting_is_enough() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let good = Entry {
            source: Source::File("good.txt".into()),
            index_in_file: 0,
            state: EntryState::Ready(crate::app::library::EntrySummary::of(&Default::default())),
        };
        sender.send(Event::Entries(vec![failed("bad.txt", "no such file"), good])).unwrap();
        let events = wait_for_minutes(&receiver, &[PathBuf::from("bad.txt"), PathBuf::from("good.txt")]).unwrap();
        assert_eq!(events.len(), 1);
    }
}
