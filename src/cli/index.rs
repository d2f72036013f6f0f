//! `gijiroku index [PATH]...`: builds the library's index, or brings it up to date (files added,
//! changed or removed since the last run), with a progress bar on a terminal and a summary line.
//! Also where `search` asks which files the index lets it skip.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;

use crate::cli::exit;
use crate::core::sanitize::escape::visible;
use crate::core::search::Matcher;
use crate::index::backend;
use crate::index::update::{self, Progress, UpdateOptions};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The library: files or directories (searched recursively); default: the config's
    /// `library`. `search` and the reader use the index for any path inside these.
    pub paths: Vec<PathBuf>,
    /// Throw the index away and build it again.
    #[arg(long)]
    pub rebuild: bool,
}

pub fn run(args: &IndexArgs, settings: &crate::cli::Settings) -> ExitCode {
    // No path: the library the reader opens with no path, never the current directory (an
    // index of whatever directory the command ran in is one nobody asked for).
    let paths = if args.paths.is_empty() { settings.library.clone() } else { args.paths.clone() };
    if paths.is_empty() {
        eprintln!(
            "gijiroku index: no library to index: give its directories, or set `library` in the config \
             (`gijiroku config --path` says where it is)"
        );
        return ExitCode::from(exit::ERROR);
    }
    let options = UpdateOptions { rebuild: args.rebuild, max_file_bytes: settings.max_file_bytes };
    let terminal = std::io::stderr().is_terminal();
    let start = Instant::now();
    let mut drawn: Option<Instant> = None;
    let mut show = |progress: Progress| {
        if !terminal
            || drawn.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) && progress.done < progress.total
        {
            return;
        }
        drawn = Some(Instant::now());
        eprint!("\r\x1b[K{}", bar(progress));
    };
    let result = update::update(&paths, options, &mut show);
    if terminal && drawn.is_some() {
        eprint!("\r\x1b[K");
    }
    match result {
        Ok(summary) => {
            if let Some(message) = &summary.rebuilt {
                eprintln!("gijiroku index: {}", visible(message));
            }
            let files = summary.added + summary.changed + summary.touched + summary.unchanged;
            println!(
                "{files} files indexed ({} added, {} changed, {} touched, {} removed, {} unchanged{}), {} meetings written, in {:.1} s; {} in {}",
                summary.added,
                summary.changed,
                summary.touched,
                summary.removed,
                summary.unchanged,
                if summary.failed > 0 { format!(", {} unreadable", summary.failed) } else { String::new() },
                summary.meetings,
                start.elapsed().as_secs_f64(),
                crate::library::human_size(size_on_disk(&summary.dir)),
                visible(&summary.dir.to_string_lossy()),
            );
            ExitCode::from(exit::OK)
        }
        Err(err) => {
            eprintln!("gijiroku index: {}", visible(&err.to_string()));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// `[#########-----------]  45%  4500/10000 files`
fn bar(progress: Progress) -> String {
    const WIDTH: usize = 30;
    let filled = (progress.done * WIDTH).checked_div(progress.total).unwrap_or(WIDTH);
    let percent = (progress.done * 100).checked_div(progress.total).unwrap_or(100);
    format!(
        "[{}{}] {percent:3}%  {}/{} files",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled.min(WIDTH)),
        progress.done,
        progress.total
    )
}

/// The bytes of the files in a directory (the index's size on disk).
pub(crate) fn size_on_disk(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()
        })
        .unwrap_or(0)
}

/// Which of `files` `search` must look at, and the backend that answers for them: all and the
/// scan with `--no-index` or without an index for `paths`; else what the index lets through,
/// with a message on stderr when the index is damaged or out of date for some of them.
pub(crate) fn files_to_read(
    paths: &[PathBuf],
    files: &[PathBuf],
    matcher: &Matcher,
    no_index: bool,
) -> (Vec<bool>, std::sync::Arc<dyn backend::SearchBackend>) {
    if no_index || files.is_empty() {
        return (vec![true; files.len()], std::sync::Arc::new(backend::Scan));
    }
    let (backend, message) = backend::for_paths(paths);
    if let Some(message) = message {
        eprintln!("gijiroku search: {}", visible(&message));
    }
    let candidates = backend.candidates(matcher, files, &|| false);
    if let Some(problem) = &candidates.problem {
        eprintln!("gijiroku search: {}; searching without it", visible(problem));
    } else if candidates.unanswered > 0 && backend.narrows() {
        eprintln!(
            "gijiroku search: {} of {} files are new or changed since the index was updated, and were read \
             (`gijiroku index` updates it)",
            candidates.unanswered,
            files.len()
        );
    }
    (candidates.read, backend)
}
