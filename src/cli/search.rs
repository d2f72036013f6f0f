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
use crate::index::backend::{SearchBackend, StoredMeeting};
use crate::index::places::Places;
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
    // The index, when one holds these paths, spares reading the files that cannot match, and
    // answers for those it holds unchanged from what it keeps of them.
    let (read, backend) = crate::cli::index::files_to_read(&paths, &files, &matcher, args.no_index);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mark = std::io::stdout().is_terminal() && !args.json && !args.vimgrep && !no_color;
    let (sender, receiver) = mpsc::channel::<(usize, Result<String, String>, usize)>();
    let mut hits_total = 0usize;
    let mut stdout = std::io::stdout().lock();
    // Only the files that may match are handed out (by their place in this list).
    let to_search: Vec<&PathBuf> =
        files.iter().enumerate().filter(|(n, _)| read.get(*n).copied().unwrap_or(true)).map(|(_, f)| f).collect();
    let indexed: Vec<(usize, &PathBuf)> = to_search.iter().copied().enumerate().collect();
    std::thread::scope(|scope| {
        let matcher = &matcher;
        let backend = &*backend;
        scope.spawn(move || {
            crate::runtime::workers::on_every_core(&indexed, |&(index, path)| {
                let result = match search_stored(backend, path, matcher, args, mark, max_bytes) {
                    Some(found) => Ok(found),
                    None => search_file(path, matcher, args, mark, max_bytes),
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
                let file = to_search[expected];
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
        let path = shown_path(path, args);
        for (hit, position) in hits.iter().zip(positions) {
            write_hit(&mut out, &path, meeting, hit, position, args, mark);
        }
    }
    (out, count)
}

/// The path as a hit line names it. JSON carries the name itself (its encoder escapes what a
/// terminal would act on); text lines show it with every such character made visible.
fn shown_path<'a>(path: &'a Path, args: &SearchArgs) -> std::borrow::Cow<'a, str> {
    match args.json {
        _ if crate::library::is_stdin(path) => "(standard input)".into(),
        true => path.to_string_lossy(),
        false => visible_path(path),
    }
}

/// [`search_bytes`] for a file the backend keeps unchanged, from what it keeps (each meeting's
/// searchable text and places table), without reading the file. `None`: the file must be read
/// (the backend does not hold it as it is, or a table does not decode, or a meeting has a
/// second hit outside its turns, which the scan places from the one before it in the source).
fn search_stored(
    backend: &dyn SearchBackend,
    path: &Path,
    matcher: &Matcher,
    args: &SearchArgs,
    mark: bool,
    max_bytes: u64,
) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut count = 0;
    let shown = shown_path(path, args);
    backend.stored(matcher, path, max_bytes, &mut |meeting| {
        stored_hits(&meeting, matcher, (&shown, args, mark), &mut out, &mut count).is_some()
    })?;
    Some((out, count))
}

/// The hits of one stored meeting, written to `out`; `None` when they cannot be printed as the
/// scan prints them (see [`search_stored`]).
fn stored_hits(
    meeting: &StoredMeeting<'_>,
    matcher: &Matcher,
    (path, args, mark): (&str, &SearchArgs, bool),
    out: &mut String,
    count: &mut usize,
) -> Option<()> {
    let joined = meeting.joined;
    let starts = crate::core::hits::segment_starts(joined);
    let mut hits = crate::core::hits::find_in_joined(joined, &starts, matcher).peekable();
    if hits.peek().is_none() {
        return Some(());
    }
    let places = Places::decode(meeting.places).filter(|p| p.segment_count() == starts.len())?;
    // Hits come in reading order: the table's texts are read as far as the last one.
    let mut segments = places.segments().enumerate();
    let mut current = None;
    let mut outside_turns = 0;
    for (segment, start, end) in hits {
        let segment = segment as usize;
        while current.as_ref().is_none_or(|(n, _)| *n < segment) {
            let (n, read) = segments.next()?;
            current = Some((n, read?));
        }
        let (_, place) = current.as_ref()?;
        let text_ref = place.text;
        if matches!(text_ref, TextRef::Label(_)) {
            continue;
        }
        if !matches!(text_ref, TextRef::Paragraph { .. }) {
            outside_turns += 1;
            if outside_turns > 1 {
                return None;
            }
        }
        let from = *starts.get(segment)? as usize;
        let to = starts.get(segment + 1).map_or(joined.len(), |&n| n as usize);
        // The segment's line, without its newline: the text as the meeting has it.
        let text = joined.get(from..to.saturating_sub(1).max(from))?;
        let position = Places::position(place, text, start as usize);
        let hit = (text_ref, text, start as usize..end as usize);
        write_stored_hit(out, path, &places, hit, position, args, mark);
        *count += 1;
    }
    Some(())
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

/// One hit as it is printed, wherever its meeting came from (parsed, or the index's table).
struct HitLine<'a> {
    /// The text the hit is in (its newlines are spaces when printed).
    text: &'a str,
    range: std::ops::Range<usize>,
    position: SourcePosition,
    title: &'a str,
    date: Option<&'a str>,
    agenda: Option<&'a str>,
    speaker: Option<&'a str>,
    place: &'static str,
    /// The reader's speech number of the turn.
    turn: Option<usize>,
    /// From 1 within the turn.
    paragraph: Option<usize>,
}

/// Where a hit is, for `--json`: `speech`, `stage`, `procedure`, `title`, `header`, `note`,
/// `agenda`.
fn place(text: TextRef, kind: Option<TurnKind>) -> &'static str {
    match (text, kind) {
        (_, Some(TurnKind::Speech)) => "speech",
        (_, Some(TurnKind::Stage)) => "stage",
        (_, Some(TurnKind::Procedure)) => "procedure",
        (TextRef::Title, _) => "title",
        (TextRef::Note(_), _) => "note",
        (TextRef::AgendaHeading(_), _) => "agenda",
        _ => "header",
    }
}

/// The turn and paragraph a hit's text is in.
fn turn_and_paragraph(text: TextRef) -> (Option<usize>, Option<usize>) {
    match text {
        TextRef::Paragraph { turn, paragraph } => (Some(turn), Some(paragraph)),
        TextRef::Label(turn) => (Some(turn), None),
        _ => (None, None),
    }
}

/// A hit in a parsed meeting, as printed.
fn write_hit(
    out: &mut String,
    path: &str,
    meeting: &Meeting,
    hit: &Hit,
    position: Option<SourcePosition>,
    args: &SearchArgs,
    mark: bool,
) {
    let (turn, paragraph) = turn_and_paragraph(hit.text);
    let turn_data = turn.and_then(|t| meeting.turns.get(t));
    // A hit the walk could not place is put at its turn's first line, else at the top.
    let position =
        position.unwrap_or(SourcePosition { line: turn_data.map_or(1, |t| t.lines.first.max(1)), column: 1 });
    let date = meeting.date.map(|d| d.to_string());
    let agenda =
        turn_data.and_then(|t| t.agenda).and_then(|a| meeting.agenda.get(a)).map(|a| format!("{}{}", a.label, a.title));
    let line = HitLine {
        text: meeting.text(hit.text),
        range: hit.range(),
        position,
        title: &meeting.title,
        date: date.as_deref(),
        agenda: agenda.as_deref(),
        speaker: turn_data.and_then(|t| t.speaker.as_deref().or(t.label.as_deref())),
        place: place(hit.text, turn_data.map(|t| t.kind)),
        turn: turn.and_then(|t| speech_number(meeting, t)),
        paragraph: paragraph.map(|p| p + 1),
    };
    write_line(out, path, &line, args, mark);
}

/// A hit in a meeting the index keeps (its searchable text and its places table), as
/// [`write_hit`] prints it in the parsed meeting.
fn write_stored_hit(
    out: &mut String,
    path: &str,
    places: &Places<'_>,
    hit: (TextRef, &str, std::ops::Range<usize>),
    position: Option<SourcePosition>,
    args: &SearchArgs,
    mark: bool,
) {
    let (text_ref, text, range) = hit;
    let (turn, paragraph) = turn_and_paragraph(text_ref);
    let turn_data = turn.and_then(|t| places.turns.get(t));
    let position = position.unwrap_or(SourcePosition { line: turn_data.map_or(1, |t| t.first_line.max(1)), column: 1 });
    let line = HitLine {
        text,
        range,
        position,
        title: &places.title,
        date: places.date.as_deref(),
        agenda: turn_data.and_then(|t| t.agenda).and_then(|a| places.agenda.get(a)).map(|a| a.as_ref()),
        speaker: turn_data.and_then(|t| t.speaker.as_deref()),
        place: place(text_ref, turn_data.map(|t| t.kind)),
        turn: turn_data.and_then(|t| t.speech),
        paragraph: paragraph.map(|p| p + 1),
    };
    write_line(out, path, &line, args, mark);
}

fn write_line(out: &mut String, path: &str, hit: &HitLine<'_>, args: &SearchArgs, mark: bool) {
    let (before, matched, after) = context(hit.text, hit.range.clone(), args.context);
    if args.json {
        let json = JsonHit {
            path,
            line: hit.position.line,
            column: hit.position.column,
            meeting: hit.title,
            date: hit.date.map(str::to_owned),
            agenda: hit.agenda.map(str::to_owned),
            speaker: hit.speaker,
            place: hit.place,
            turn: hit.turn,
            paragraph: hit.paragraph,
            matched: &matched,
            context: format!("{before}{matched}{after}"),
        };
        if let Ok(line) = crate::cli::json::to_line(&json) {
            out.push_str(&line);
            out.push('\n');
        }
        return;
    }
    let (line, column) = (hit.position.line, hit.position.column);
    if args.vimgrep {
        out.push_str(&format!("{path}:{line}:{column}:{}\n", visible(&format!("{before}{matched}{after}"))));
        return;
    }
    let (before, after) = (visible(&before), visible(&after));
    let matched = visible(&matched);
    let matched = if mark { format!("\x1b[1;31m{matched}\x1b[0m") } else { matched.into_owned() };
    let date = hit.date.unwrap_or("-");
    let speaker = visible(hit.speaker.unwrap_or("-"));
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
