//! `gijiroku search PATTERN [FILE|DIR]...`: every hit as `path:line:date:speaker: …context…`
//! (the match marked on a terminal), `path:line:column:context` with `--vimgrep`, or JSON lines
//! with `--json`. Exit status as grep: 0 with hits, 1 without, 2 on an error. Files are searched
//! on all cores; output keeps the file order.
//!
//! Hits are the reader's: what `/` finds in the meeting, except in speaker labels (the speaker is
//! a column of every line already). Everything printed that did not come from the model (paths,
//! error messages) goes through [`visible`]; JSON escapes what a terminal would act on.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

use clap::Args;
use serde::Serialize;

use crate::cli::exit;
use crate::core::hits::{Hit, MeetingText};
use crate::core::meeting::{Meeting, TextRef, TurnKind};
use crate::core::sanitize::escape::{visible, visible_path};
use crate::core::search::locate::{Locator, SourcePosition};
use crate::core::search::{Matcher, SearchOptions};
use crate::library::{Found, may_match, read_file, scan};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find: a literal, matched with width (１５％ = 15%), case (unless the pattern has
    /// capitals), kana (カ = か) and PDF-space folding.
    pub pattern: String,
    /// Files or directories (searched recursively), `-` for standard input; default: standard
    /// input when it is a pipe or a file, else the current directory.
    pub paths: Vec<PathBuf>,
    /// One JSON object per hit, per line.
    #[arg(long, conflicts_with = "vimgrep")]
    pub json: bool,
    /// One line per hit as `path:line:column:context`, as ripgrep's --vimgrep (for vim's
    /// quickfix list and editors).
    #[arg(long)]
    pub vimgrep: bool,
    /// Match hiragana and katakana exactly.
    #[arg(long)]
    pub no_kana_fold: bool,
    /// Characters of context on each side of a hit.
    #[arg(long, default_value_t = 20)]
    pub context: usize,
    /// Read every file, even when `gijiroku index` has indexed them.
    #[arg(long)]
    pub no_index: bool,
}

/// One hit as `--json` writes it. Numbers are the reader's: `turn` is the speech turn as the
/// status line's `turn N/M` and `NG` count it (speech only, from 1), `paragraph` counts from 1
/// within the turn, `line` and `column` are where the hit starts in the file (1-based; the
/// column in bytes of the line as UTF-8, as ripgrep counts).
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    meeting: &'a str,
    date: Option<String>,
    agenda: Option<String>,
    speaker: Option<&'a str>,
    /// Where the hit is: `speech`, `stage`, `procedure`, `title`, `header`, `note`, `agenda`.
    #[serde(rename = "in")]
    place: &'static str,
    turn: Option<usize>,
    paragraph: Option<usize>,
    #[serde(rename = "match")]
    matched: &'a str,
    context: String,
}

pub fn run(args: &SearchArgs, settings: &crate::cli::Settings) -> ExitCode {
    // The config's `kana_fold` and size limit apply as in the reader; the flag turns folding off.
    let kana_fold = settings.kana_fold && !args.no_kana_fold;
    let max_bytes = settings.max_file_bytes;
    let matcher = match Matcher::new(&args.pattern, SearchOptions { kana_fold }) {
        Ok(matcher) => matcher,
        Err(err) => {
            eprintln!("gijiroku search: {}", visible(&err.to_string()));
            return ExitCode::from(exit::ERROR);
        }
    };
    // No path: standard input when it brings data (a pipe), else the current directory.
    let paths = match args.paths.is_empty() {
        true if crate::library::stdin_has_data() => vec![PathBuf::from("-")],
        true => vec![PathBuf::from(".")],
        false => args.paths.clone(),
    };
    let mut files = Vec::new();
    let mut errors = 0usize;
    scan(&paths, &mut |found| match found {
        Found::File(path) => files.push(path),
        Found::Problem(path, reason) => {
            eprintln!("gijiroku search: {}: {}", visible_path(&path), visible(&reason));
            errors += 1;
        }
    });
    // The index, when one holds these paths, spares reading the files that cannot match.
    let read = crate::cli::index::files_to_read(&paths, &files, &matcher, args.no_index);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mark = std::io::stdout().is_terminal() && !args.json && !args.vimgrep && !no_color;
    let (sender, receiver) = mpsc::channel::<(usize, Result<String, String>, usize)>();
    let mut hits_total = 0usize;
    let mut stdout = std::io::stdout().lock();
    let indexed: Vec<(usize, &PathBuf)> = files.iter().enumerate().collect();
    std::thread::scope(|scope| {
        let matcher = &matcher;
        let read = &read;
        scope.spawn(move || {
            crate::runtime::workers::on_every_core(&indexed, |&(index, path)| {
                let result = match read.get(index) {
                    Some(false) => Ok((String::new(), 0)),
                    _ => search_file(path, matcher, args, mark, max_bytes),
                };
                let hits = result.as_ref().map_or(0, |(_, n)| *n);
                sender.send((index, result.map(|(text, _)| text), hits)).is_ok()
            });
        });
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
                        eprintln!("gijiroku search: {}: {}", visible_path(file), visible(&reason));
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
    path: &Path,
    matcher: &Matcher,
    args: &SearchArgs,
    mark: bool,
    max_bytes: u64,
) -> Result<(String, usize), String> {
    let bytes = read_file(path, max_bytes)?;
    Ok(search_bytes(&bytes, path, matcher, args, mark))
}

/// The output lines for a file's bytes and the number of hits.
fn search_bytes(bytes: &[u8], path: &Path, matcher: &Matcher, args: &SearchArgs, mark: bool) -> (String, usize) {
    let found = file_hits(bytes, matcher);
    let mut out = String::new();
    let mut count = 0;
    // The text the parser numbered its lines in, made only when there is a hit to place.
    let mut source: Option<String> = None;
    for (meeting, hits) in &found.meetings {
        count += hits.len();
        let source = source.get_or_insert_with(|| crate::core::sanitize::sanitize(&found.text).text);
        let positions = Locator::new(source).locate(meeting, hits);
        // JSON carries the name itself (its encoder escapes what a terminal would act on);
        // text lines show it with every such character made visible.
        let path = match args.json {
            _ if crate::library::is_stdin(path) => "(standard input)".into(),
            true => path.to_string_lossy(),
            false => visible_path(path),
        };
        for (hit, position) in hits.iter().zip(positions) {
            write_hit(&mut out, &path, meeting, hit, position, args, mark);
        }
    }
    (out, count)
}

/// What `search` finds in one file.
pub struct FileHits {
    /// The decoded text (empty when the file was ruled out unread).
    pub text: String,
    /// The meetings with hits, and their hits in reading order.
    pub meetings: Vec<(Meeting, Vec<Hit>)>,
}

/// The hits `search` reports in a file's bytes: the reader's (what `/` finds in each meeting),
/// but in speaker labels, in the meetings that have any. A file [`may_match`] rules out is not
/// parsed.
pub fn file_hits(bytes: &[u8], matcher: &Matcher) -> FileHits {
    if !may_match(bytes, matcher) {
        return FileHits { text: String::new(), meetings: Vec::new() };
    }
    let text = crate::core::decode::decode(bytes).text;
    let meetings = crate::core::parse::parse_text(&text)
        .into_iter()
        .filter_map(|meeting| {
            let hits: Vec<Hit> = MeetingText::new(&meeting)
                .find(matcher)
                .into_iter()
                .filter(|h| !matches!(h.text, TextRef::Label(_)))
                .collect();
            (!hits.is_empty()).then_some((meeting, hits))
        })
        .collect();
    FileHits { text, meetings }
}

fn write_hit(
    out: &mut String,
    path: &str,
    meeting: &Meeting,
    hit: &Hit,
    position: Option<SourcePosition>,
    args: &SearchArgs,
    mark: bool,
) {
    let text = meeting.text(hit.text);
    let (before, matched, after) = context(text, hit.range(), args.context);
    let (turn, paragraph) = match hit.text {
        TextRef::Paragraph { turn, paragraph } => (Some(turn), Some(paragraph)),
        TextRef::Label(turn) => (Some(turn), None),
        _ => (None, None),
    };
    let turn_data = turn.and_then(|t| meeting.turns.get(t));
    // A hit the walk could not place is put at its turn's first line, else at the top.
    let position =
        position.unwrap_or(SourcePosition { line: turn_data.map_or(1, |t| t.lines.first.max(1)), column: 1 });
    let speaker = turn_data.and_then(|t| t.speaker.as_deref().or(t.label.as_deref()));
    let date = meeting.date.map(|d| d.to_string());
    if args.json {
        let agenda = turn_data
            .and_then(|t| t.agenda)
            .and_then(|a| meeting.agenda.get(a))
            .map(|a| format!("{}{}", a.label, a.title));
        let place = match (hit.text, turn_data.map(|t| t.kind)) {
            (_, Some(TurnKind::Speech)) => "speech",
            (_, Some(TurnKind::Stage)) => "stage",
            (_, Some(TurnKind::Procedure)) => "procedure",
            (TextRef::Title, _) => "title",
            (TextRef::Note(_), _) => "note",
            (TextRef::AgendaHeading(_), _) => "agenda",
            _ => "header",
        };
        let hit = JsonHit {
            path,
            line: position.line,
            column: position.column,
            meeting: &meeting.title,
            date,
            agenda,
            speaker,
            place,
            turn: turn.and_then(|t| speech_number(meeting, t)),
            paragraph: paragraph.map(|p| p + 1),
            matched: &matched,
            context: format!("{before}{matched}{after}"),
        };
        if let Ok(line) = crate::cli::json::to_line(&hit) {
            out.push_str(&line);
            out.push('\n');
        }
        return;
    }
    let (line, column) = (position.line, position.column);
    if args.vimgrep {
        out.push_str(&format!("{path}:{line}:{column}:{}\n", visible(&format!("{before}{matched}{after}"))));
        return;
    }
    let (before, after) = (visible(&before), visible(&after));
    let matched = visible(&matched);
    let matched = if mark { format!("\x1b[1;31m{matched}\x1b[0m") } else { matched.into_owned() };
    let date = date.unwrap_or_else(|| "-".into());
    let speaker = visible(speaker.unwrap_or("-"));
    out.push_str(&format!("{path}:{line}:{date}:{speaker}: {before}{matched}{after}\n"));
}

/// The reader's number for a turn (`turn N/M`, `NG`): speech turns only, from 1.
fn speech_number(meeting: &Meeting, turn: usize) -> Option<usize> {
    let data = meeting.turns.get(turn)?;
    (data.kind == TurnKind::Speech)
        .then(|| meeting.turns[..=turn].iter().filter(|t| t.kind == TurnKind::Speech).count())
}

/// Up to `chars` characters on each side of the hit, with `…` where the text goes on; a
/// newline in the text (a header or note of several lines) is a space, as search sees it.
fn context(text: &str, range: std::ops::Range<usize>, chars: usize) -> (String, String, String) {
    let matched = text.get(range.clone()).unwrap_or("");
    let before_text = text.get(..range.start).unwrap_or("");
    let after_text = text.get(range.end..).unwrap_or("");
    let before: String = before_text.chars().rev().take(chars).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = after_text.chars().take(chars).collect();
    let before = if before.len() < before_text.len() { format!("…{before}") } else { before };
    let after = if after.len() < after_text.len() { format!("{after}…") } else { after };
    (before.replace('\n', " "), matched.replace('\n', " "), after.replace('\n', " "))
}
