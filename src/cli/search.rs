//! `gijiroku search PATTERN [FILE|DIR]...`: every hit as `path:date:speaker: …context…` (the
//! match marked on a terminal), or JSON lines with `--json`. Exit status as grep: 0 with hits,
//! 1 without, 2 on an error. Files are searched on all cores; output keeps the file order.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use clap::Args;
use serde::Serialize;

use crate::cli::exit;
use crate::core::hits::{Hit, MeetingText};
use crate::core::meeting::{Meeting, TextRef};
use crate::core::parse::parse_bytes;
use crate::core::search::{Matcher, SearchOptions};
use crate::library::{DEFAULT_MAX_FILE_BYTES, Found, may_match, read_file, scan};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find: a literal, matched with width (１５％ = 15%), case (unless the pattern has
    /// capitals), kana (カ = か) and PDF-space folding.
    pub pattern: String,
    /// Files or directories (searched recursively); default: the current directory.
    pub paths: Vec<PathBuf>,
    /// One JSON object per hit, per line.
    #[arg(long)]
    pub json: bool,
    /// Match hiragana and katakana exactly.
    #[arg(long)]
    pub no_kana_fold: bool,
    /// Characters of context on each side of a hit.
    #[arg(long, default_value_t = 20)]
    pub context: usize,
}

/// One hit as `--json` writes it.
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    path: &'a str,
    meeting: &'a str,
    date: Option<String>,
    agenda: Option<String>,
    speaker: Option<&'a str>,
    /// Index of the turn in the meeting's `turns`, when the hit is in a turn.
    turn: Option<usize>,
    /// Index of the paragraph in the turn.
    paragraph: Option<usize>,
    #[serde(rename = "match")]
    matched: &'a str,
    context: String,
}

pub fn run(args: &SearchArgs) -> ExitCode {
    let matcher = match Matcher::new(&args.pattern, SearchOptions { kana_fold: !args.no_kana_fold }) {
        Ok(matcher) => matcher,
        Err(err) => {
            eprintln!("gijiroku search: {err}");
            return ExitCode::from(exit::ERROR);
        }
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut files = Vec::new();
    let mut errors = 0usize;
    scan(&paths, &mut |found| match found {
        Found::File(path) => files.push(path),
        Found::Problem(path, reason) => {
            eprintln!("gijiroku search: {}: {reason}", path.display());
            errors += 1;
        }
    });
    let mark = std::io::stdout().is_terminal() && !args.json;
    let (sender, receiver) = mpsc::channel::<(usize, Result<String, String>, usize)>();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let mut hits_total = 0usize;
    let mut stdout = std::io::stdout().lock();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (files, next, matcher) = (&files, &next, &matcher);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else { break };
                    let result = search_file(path, matcher, args, mark);
                    let hits = result.as_ref().map_or(0, |(_, n)| *n);
                    if sender.send((index, result.map(|(text, _)| text), hits)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Print in file order as results arrive.
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (index, result, hits) in receiver {
            waiting.insert(index, (result, hits));
            while let Some((result, hits)) = waiting.remove(&expected) {
                let file = &files[expected];
                expected += 1;
                hits_total += hits;
                match result {
                    Ok(text) => {
                        if stdout.write_all(text.as_bytes()).is_err() {
                            // A closed pipe ends the search quietly.
                            return;
                        }
                    }
                    Err(reason) => {
                        eprintln!("gijiroku search: {}: {reason}", file.display());
                        errors += 1;
                    }
                }
            }
        }
    });
    let _ = stdout.flush();
    if errors > 0 {
        ExitCode::from(exit::ERROR)
    } else if hits_total > 0 {
        ExitCode::from(exit::OK)
    } else {
        ExitCode::from(exit::NOT_FOUND)
    }
}

/// The output lines of one file and its number of hits.
fn search_file(
    path: &std::path::Path,
    matcher: &Matcher,
    args: &SearchArgs,
    mark: bool,
) -> Result<(String, usize), String> {
    let bytes = read_file(path, DEFAULT_MAX_FILE_BYTES)?;
    if !may_match(&bytes, matcher) {
        return Ok((String::new(), 0));
    }
    let path_text = path.display().to_string();
    let mut out = String::new();
    let mut count = 0;
    for meeting in parse_bytes(&bytes) {
        let hits = MeetingText::new(&meeting).find(matcher);
        count += hits.len();
        for hit in &hits {
            write_hit(&mut out, &path_text, &meeting, hit, args, mark);
        }
    }
    Ok((out, count))
}

fn write_hit(out: &mut String, path: &str, meeting: &Meeting, hit: &Hit, args: &SearchArgs, mark: bool) {
    let text = meeting.text(hit.text);
    let (before, matched, after) = context(text, hit.range(), args.context);
    let (turn, paragraph) = match hit.text {
        TextRef::Paragraph { turn, paragraph } => (Some(turn), Some(paragraph)),
        TextRef::Label(turn) => (Some(turn), None),
        _ => (None, None),
    };
    let turn_data = turn.and_then(|t| meeting.turns.get(t));
    let speaker = turn_data.and_then(|t| t.speaker.as_deref().or(t.label.as_deref()));
    let date = meeting.date.map(|d| d.to_string());
    if args.json {
        let agenda = turn_data
            .and_then(|t| t.agenda)
            .and_then(|a| meeting.agenda.get(a))
            .map(|a| format!("{}{}", a.label, a.title));
        let hit = JsonHit {
            path,
            meeting: &meeting.title,
            date,
            agenda,
            speaker,
            turn,
            paragraph,
            matched,
            context: format!("{before}{matched}{after}"),
        };
        if let Ok(line) = serde_json::to_string(&hit) {
            out.push_str(&line);
            out.push('\n');
        }
        return;
    }
    let matched = if mark { format!("\x1b[1;31m{matched}\x1b[0m") } else { matched.to_owned() };
    let date = date.unwrap_or_else(|| "-".into());
    let speaker = speaker.unwrap_or("-");
    out.push_str(&format!("{path}:{date}:{speaker}: {before}{matched}{after}\n"));
}

/// Up to `chars` characters on each side of the hit, with `…` where the text goes on.
fn context(text: &str, range: std::ops::Range<usize>, chars: usize) -> (String, &str, String) {
    let matched = text.get(range.clone()).unwrap_or("");
    let before_text = text.get(..range.start).unwrap_or("");
    let after_text = text.get(range.end..).unwrap_or("");
    let before: String = before_text.chars().rev().take(chars).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = after_text.chars().take(chars).collect();
    let before = if before.len() < before_text.len() { format!("…{before}") } else { before };
    let after = if after.len() < after_text.len() { format!("{after}…") } else { after };
    (before, matched, after)
}
