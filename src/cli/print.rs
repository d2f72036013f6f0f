//! `gijiroku print FILE [--width N] [--json] [--speaker NAME] [--agenda N]`: a meeting as the
//! reader lays it out, or as the JSON model; filtered like the reader's filters.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::cli::{MIN_WIDTH, Settings, exit, output_width};
use crate::core::filter::{agenda_number, resolve_agenda, resolve_speakers, visible_turns};
use crate::core::layout::plain::render_text;
use crate::core::layout::{LayoutKey, layout};
use crate::core::meeting::Meeting;
use crate::core::sanitize::escape::{visible, visible_path};
use crate::library::load_file;

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// The minutes file; `-` (the default) is standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Wrap at N columns, at least 10 (default: the terminal's width, or 80 when not a terminal).
    #[arg(long, short, value_parser = crate::cli::parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,
    /// Print the meeting model as JSON (see README for the shape).
    #[arg(long)]
    pub json: bool,
    /// Only turns by this speaker: a name or label as written, or a part of one (a part that
    /// names several speakers lists them and exits 1, unless --all-matches).
    #[arg(long, short)]
    pub speaker: Vec<String>,
    /// With --speaker: take every speaker a part of a name matches.
    #[arg(long)]
    pub all_matches: bool,
    /// Only turns under agenda item N, written as the minutes number it or plainly: 2, ②, （2）, 二.
    #[arg(long, short)]
    pub agenda: Option<String>,
    /// Which meeting of a file that holds several (Diet API responses), from 1.
    #[arg(long, default_value_t = 1)]
    pub meeting: usize,
    /// Print a file that looks binary anyway (what can be read of it as text).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &PrintArgs, settings: &Settings) -> ExitCode {
    let ambiguous = settings.ambiguous;
    // File names and messages reach the terminal only through the one escaping function.
    let display = visible_path(&args.file);
    let mut meetings = match load_file(&args.file, settings.max_file_bytes) {
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
    if !args.force && crate::app::reader::looks_binary(&meeting) {
        // As `less` asks before showing a binary file: nothing on stdout unless asked for.
        eprintln!(
            "gijiroku: {display}: looks like a binary file, not minutes; --force prints what can be read as text"
        );
        return ExitCode::from(exit::ERROR);
    }
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
        let width = args.width.unwrap_or_else(|| output_width(80)).max(MIN_WIDTH);
        let key = LayoutKey { width, ambiguous, visible: filter.visible.clone() };
        render_text(&meeting, &layout(&meeting, &key), ambiguous)
    };
    super::stdout::write_all(output.as_bytes())
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
            // An exact name or label wins; a part of one must not quietly take in others
            // (`森` would include 森田委員).
            if found.len() > 1 && !args.all_matches && !names_exactly(meeting, wanted) {
                return Err(format!(
                    "`{wanted}` matches several speakers: {}; give one of them, or --all-matches for all",
                    found.join("、")
                ));
            }
            speakers.extend(found);
        }
        let agenda = match args.agenda.as_deref() {
            None => None,
            Some(text) => Some(agenda_item(meeting, text).ok_or_else(|| {
                let items: Vec<String> =
                    meeting.agenda.iter().map(|a| format!("{} {}{}", a.number, a.label, a.title)).collect();
                if items.is_empty() {
                    format!("no agenda item {text}: this meeting has no agenda items")
                } else {
                    format!("no agenda item {text}; the items are: {}", items.join(" / "))
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

/// Whether `wanted` is a speaker's name or label exactly (spaces aside).
fn names_exactly(meeting: &Meeting, wanted: &str) -> bool {
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let wanted = compact(wanted);
    meeting.turns.iter().any(|t| {
        t.speaker.as_deref().is_some_and(|s| compact(s) == wanted)
            || t.label.as_deref().is_some_and(|l| compact(l) == wanted)
    })
}

/// The agenda item `text` names: its label as written (`②`, `（2）`), or its number in any form.
fn agenda_item(meeting: &Meeting, text: &str) -> Option<usize> {
    let text = text.trim();
    if let Some(index) = meeting.agenda.iter().position(|a| !a.label.is_empty() && a.label.trim() == text) {
        return Some(index);
    }
    resolve_agenda(meeting, agenda_number(text)?)
}
