//! The reader's fallback on a terminal that cannot show it (`TERM=dumb`, or no `TERM`): the
//! minutes printed to stdout as `gijiroku print` lays them out, every meeting of every file
//! found, as less turns into cat on a dumb terminal (issue 13, "Smaller"). Said on stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{exit, output_width};
use crate::core::layout::plain::render_text;
use crate::core::layout::{LayoutKey, layout};
use crate::core::parse::parse_bytes;
use crate::core::sanitize::escape::{visible, visible_path};
use crate::core::width::AmbiguousWidth;
use crate::library::{Found, read_file, scan};

/// Whether the terminal named by `TERM` cannot take the full-screen reader.
pub(crate) fn is_dumb_terminal() -> bool {
    std::env::var_os("TERM").is_none_or(|term| term.is_empty() || term == "dumb")
}

/// Prints every meeting under `paths` to stdout.
pub(crate) fn print_instead(paths: &[PathBuf], ambiguous: AmbiguousWidth, max_file_bytes: u64) -> ExitCode {
    if paths.is_empty() {
        eprintln!("gijiroku: this terminal (TERM=dumb) cannot show the reader; give the files to print");
        return ExitCode::from(exit::ERROR);
    }
    eprintln!("gijiroku: this terminal (TERM=dumb) cannot show the reader; printing the minutes instead");
    let mut files = Vec::new();
    let mut errors = 0usize;
    scan(paths, &mut |found| match found {
        Found::File(path) => files.push(path),
        Found::Problem(path, reason) => {
            eprintln!("gijiroku: {}: {}", visible_path(&path), visible(&reason));
            errors += 1;
        }
    });
    let width = output_width(80).max(20);
    let mut stdout = std::io::stdout().lock();
    let mut first = true;
    for file in &files {
        let bytes = match read_file(file, max_file_bytes) {
            Ok(bytes) => bytes,
            Err(reason) => {
                eprintln!("gijiroku: {}: {}", visible_path(file), visible(&reason));
                errors += 1;
                continue;
            }
        };
        for meeting in parse_bytes(&bytes) {
            let key = LayoutKey { width, ambiguous, visible: None };
            let text = render_text(&meeting, &layout(&meeting, &key), ambiguous);
            let separator = if first { "" } else { "\n" };
            first = false;
            if stdout.write_all(separator.as_bytes()).and_then(|()| stdout.write_all(text.as_bytes())).is_err() {
                // A closed pipe ends the output quietly.
                return ExitCode::SUCCESS;
            }
        }
    }
    let _ = stdout.flush();
    if errors > 0 || files.is_empty() { ExitCode::from(exit::ERROR) } else { ExitCode::SUCCESS }
}
