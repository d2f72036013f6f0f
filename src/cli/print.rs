//! `gijiroku print FILE [--width N] [--json] [--speaker NAME] [--agenda N]`: a meeting as the
//! reader lays it out, or as the JSON model; filtered like the reader's filters.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::cli::{exit, output_width};
use crate::core::filter::{resolve_agenda, resolve_speakers, visible_turns};
use crate::core::layout::plain::render_text;
use crate::core::layout::{LayoutKey, layout};
use crate::core::meeting::Meeting;
use crate::core::sanitize::escape::{visible, visible_path};
use crate::core::width::AmbiguousWidth;
use crate::library::{DEFAULT_MAX_FILE_BYTES, load_file};

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// The minutes file.
    pub file: PathBuf,
    /// Wrap at N columns (default: the terminal's width, or 80 when not a terminal).
    #[arg(long, short)]
    pub width: Option<usize>,
    /// Print the meeting model as JSON (see README for the shape).
    #[arg(long)]
    pub json: bool,
    /// Only turns by this speaker: a name or label as written, or a part of one.
    #[arg(long, short)]
    pub speaker: Vec<String>,
    /// Only turns under agenda item N (as the minutes number it: 2 for ②).
    #[arg(long, short)]
    pub agenda: Option<u32>,
    /// Which meeting of a file that holds several (Diet API responses), from 1.
    #[arg(long, default_value_t = 1)]
    pub meeting: usize,
}

pub fn run(args: &PrintArgs, ambiguous: AmbiguousWidth) -> ExitCode {
    // File names and messages reach the terminal only through the one escaping function.
    let display = visible_path(&args.file);
    let mut meetings = match load_file(&args.file, DEFAULT_MAX_FILE_BYTES) {
        Ok(meetings) => meetings,
        Err(reason) => {
            eprintln!("gijiroku: {display}: {}", visible(&reason));
            return ExitCode::from(exit::ERROR);
        }
    };
    if args.meeting == 0 || args.meeting > meetings.len() {
        eprintln!(
            "gijiroku: {display} holds {} meeting(s); --meeting {} is out of range",
            meetings.len(),
            args.meeting
        );
        return ExitCode::from(exit::NOT_FOUND);
    }
    let meeting = meetings.swap_remove(args.meeting - 1);
    let filter = match Filter::resolve(&meeting, args) {
        Ok(filter) => filter,
        Err(message) => {
            eprintln!("gijiroku: {display}: {}", visible(&message));
            return ExitCode::from(exit::NOT_FOUND);
        }
    };
    let output = if args.json {
        let filtered = filter.apply_to_model(meeting);
        crate::cli::json::to_pretty(&filtered).map(|json| json + "\n").unwrap_or_default()
    } else {
        let width = args.width.unwrap_or_else(|| output_width(80)).max(1);
        let key = LayoutKey { width, ambiguous, visible: filter.visible.clone() };
        render_text(&meeting, &layout(&meeting, &key), ambiguous)
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gijiroku: writing output: {err}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The resolved `--speaker` and `--agenda` options.
struct Filter {
    visible: Option<Vec<bool>>,
}

impl Filter {
    fn resolve(meeting: &Meeting, args: &PrintArgs) -> Result<Filter, String> {
        let mut speakers = Vec::new();
        for wanted in &args.speaker {
            let found = resolve_speakers(meeting, wanted);
            if found.is_empty() {
                let known = meeting.speakers().join("、");
                return Err(format!("no speaker matches `{wanted}`; the speakers are: {known}"));
            }
            speakers.extend(found);
        }
        let agenda = match args.agenda {
            None => None,
            Some(number) => Some(resolve_agenda(meeting, number).ok_or_else(|| {
                let items: Vec<String> =
                    meeting.agenda.iter().map(|a| format!("{} {}{}", a.number, a.label, a.title)).collect();
                if items.is_empty() {
                    format!("no agenda item {number}: this meeting has no agenda items")
                } else {
                    format!("no agenda item {number}; the items are: {}", items.join(" / "))
                }
            })?),
        };
        let active = !speakers.is_empty() || agenda.is_some();
        Ok(Filter { visible: active.then(|| visible_turns(meeting, &speakers, agenda)) })
    }

    /// The model with only the shown turns (their `agenda` indices still point into `agenda`).
    fn apply_to_model(&self, mut meeting: Meeting) -> Meeting {
        if let Some(visible) = &self.visible {
            let mut flags = visible.iter();
            meeting.turns.retain(|_| flags.next().copied().unwrap_or(false));
        }
        meeting
    }
}
