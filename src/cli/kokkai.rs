//! `gijiroku kokkai`: search the Diet minutes API and list the matching meetings (`--json`:
//! one JSON line each), download them into the cache (`--fetch`), or list only what the cache
//! holds (`--offline`). Requests go one at a time through [`crate::kokkai::client`].

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::exit;
use crate::core::meeting::Date;
use crate::core::sanitize::escape::{visible, visible_path};
use crate::kokkai::cache::Cache;
use crate::kokkai::client::{self, Client, Search};
use crate::kokkai::query::{self, Endpoint, HOUSES, Query};
use crate::kokkai::response::MeetingSummary;

#[derive(Clone, Debug, Args)]
pub struct KokkaiArgs {
    /// Words that must all occur in a matching speech (the API's `any`).
    #[arg(value_name = "QUERY")]
    pub words: Vec<String>,
    /// More words for `any` (the same as QUERY).
    #[arg(long, value_name = "WORDS")]
    pub any: Vec<String>,
    /// The speaker's name (or part of it).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// The house: 衆議院, 参議院, 両院 or 両院協議会.
    #[arg(long, value_parser = HOUSES)]
    pub house: Option<String>,
    /// The meeting's name (or part of it), e.g. 予算委員会.
    #[arg(long, value_name = "NAME")]
    pub meeting: Option<String>,
    /// The first date: 2024-10-04, 2024/10/4 or 令和6年10月4日.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// The last date (as --from).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<Date>,
    /// The Diet session (国会回次): 208, or a range 200-210.
    #[arg(long, value_name = "N[-M]", value_parser = parse_sessions)]
    pub session: Option<Sessions>,
    /// List the meetings as JSON lines instead of opening the reader.
    #[arg(long)]
    pub json: bool,
    /// Also download every listed meeting into the cache (progress on stderr).
    #[arg(long, conflicts_with = "offline")]
    pub fetch: bool,
    /// Do not use the network: list the cached meetings that match.
    #[arg(long)]
    pub offline: bool,
    /// List at most this many meetings (default 100 with --json, --fetch or --offline; the reader
    /// lists the first 100 and asks for more as its list is scrolled, up to N when given).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: Option<u32>,
    /// The API's base URL (default: $GIJIROKU_KOKKAI_URL, else the config's kokkai_url, else
    /// https://kokkai.ndl.go.jp/api).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// The cache directory (default: $GIJIROKU_KOKKAI_CACHE, else the platform cache
    /// directory's gijiroku/kokkai).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Seconds to wait for a connection and for an answer to begin.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_seconds)]
    pub timeout: Duration,
    /// Seconds between two requests. The NDL asks for a few: keep the default against its server.
    #[arg(long, value_name = "SECONDS", default_value = "2", value_parser = parse_seconds)]
    pub pause: Duration,
}

/// `--session`: the first and last session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sessions(pub u32, pub u32);

fn parse_sessions(text: &str) -> Result<Sessions, String> {
    query::parse_sessions(text).map(|(from, to)| Sessions(from, to))
}

fn parse_date(text: &str) -> Result<Date, String> {
    query::parse_date(text).ok_or_else(|| format!("`{text}` is not a date (2024-10-04, 2024/10/4, 令和6年10月4日)"))
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if (0.0..=3600.0).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!("`{text}` is not a number of seconds (0 to 3600)")),
    }
}

impl KokkaiArgs {
    pub fn query(&self) -> Query {
        Query {
            any: self.words.iter().chain(&self.any).cloned().collect(),
            speaker: self.speaker.clone(),
            house: self.house.clone(),
            meeting: self.meeting.clone(),
            from: self.from,
            until: self.until,
            session_from: self.session.map(|s| s.0),
            session_to: self.session.map(|s| s.1),
            issue_id: None,
        }
    }
}

/// One line of `--json`.
#[derive(Serialize)]
struct Line<'a> {
    issue_id: &'a str,
    date: &'a str,
    session: Option<u64>,
    house: &'a str,
    meeting: &'a str,
    issue: &'a str,
    matching_speeches: usize,
    speech_orders: &'a [u64],
    cached: bool,
}

pub fn run(args: &KokkaiArgs, common: &super::CommonArgs) -> ExitCode {
    let config_url = match crate::config::load(common.config.as_deref()) {
        Ok(loaded) => loaded.config.kokkai_url().to_owned(),
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(exit::ERROR);
        }
    };
    let Some(cache) = Cache::locate(args.cache_dir.as_deref()) else {
        eprintln!("gijiroku kokkai: no cache directory (no home directory); give --cache-dir");
        return ExitCode::from(exit::ERROR);
    };
    let query = args.query();
    if query.is_empty() && !args.offline {
        eprintln!(
            "gijiroku kokkai: give words or a condition (--speaker, --house, --meeting, --from, --until, --session)"
        );
        return ExitCode::from(exit::ERROR);
    }
    let base_url = crate::kokkai::base_url(args.api_url.as_deref(), Some(&config_url));
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        eprintln!(
            "gijiroku kokkai: `{}` is not an http:// or https:// URL (--api-url, GIJIROKU_KOKKAI_URL)",
            visible(&base_url)
        );
        return ExitCode::from(exit::ERROR);
    }
    let mut options = client::Options::new(base_url);
    options.timeout = args.timeout;
    options.pause = args.pause;
    let mut client = Client::new(options);
    // The reader lists the first page, and the next ones as its list is scrolled.
    let reader = !args.json && std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let pages = reader && !args.fetch && !args.offline;
    let limit = match args.limit {
        Some(limit) => limit as usize,
        None if pages => usize::MAX,
        None => DEFAULT_LIMIT,
    };
    let first = if pages { limit.min(Endpoint::MeetingList.max_records() as usize) } else { limit };
    // What is said before the reader starts goes to the reader's status line too: its screen
    // would hide it.
    let mut notes = Notes { reader, kept: Vec::new() };
    let mut failed = false;
    let (meetings, total, next) = if args.offline {
        let mut cached = cache.list(&query);
        cached.truncate(limit);
        let total = cached.len() as u64;
        (cached, total, None)
    } else {
        let progress = Progress::new();
        let search = client.search(&query, first, &mut |listed, total| {
            progress.line(&format!("listing meetings: {listed} of {total}"));
        });
        progress.clear();
        match listed(search, &cache, &query, limit, pages, &mut notes) {
            Ok(listed) => listed,
            Err(code) => return code,
        }
    };
    if meetings.is_empty() {
        eprintln!("gijiroku kokkai: no meeting matches");
        return ExitCode::from(exit::NOT_FOUND);
    }
    if args.fetch {
        failed |= !fetch(&mut client, &cache, &query, &meetings, &mut notes);
    }
    // On a terminal without --json: the reader, with these meetings in its list.
    if reader {
        let words = query.any.iter().flat_map(|w| w.split_whitespace()).next().map(str::to_owned);
        let search = crate::kokkai::remote::Search {
            cache: cache.clone(),
            client,
            query,
            listed: meetings,
            total,
            next: if pages { next } else { None },
            limit,
            words,
            notices: notes.kept,
        };
        let remote = crate::kokkai::remote::Remote::new(search);
        let ambiguous = common.ambiguous.map(crate::core::width::AmbiguousWidth::from);
        let code = super::run_reader(vec![cache.meetings_dir()], ambiguous, common.config.as_deref(), Some(remote));
        return if failed { ExitCode::from(exit::ERROR) } else { code };
    }
    let written = super::stdout::write_all(listing(&meetings, &cache, args.json).as_bytes());
    if failed { ExitCode::from(exit::ERROR) } else { written }
}

/// How many meetings `--json`, `--fetch` and `--offline` list without `--limit`.
const DEFAULT_LIMIT: usize = 100;

/// What `gijiroku kokkai` says on stderr; kept for the reader's status line as well when the
/// reader follows, whose screen hides what was printed before it.
struct Notes {
    reader: bool,
    kept: Vec<String>,
}

impl Notes {
    fn say(&mut self, text: String) {
        eprintln!("gijiroku kokkai: {text}");
        if self.reader {
            self.kept.push(text);
        }
    }
}

/// The meetings listed, how many match in all, and where listing would go on.
type Listed = (Vec<MeetingSummary>, u64, Option<u64>);

/// The meetings a search listed and where listing would go on; when the network is down, the
/// cached ones that match. `pages`: the reader lists the rest itself.
fn listed(
    search: Search,
    cache: &Cache,
    query: &Query,
    limit: usize,
    pages: bool,
    notes: &mut Notes,
) -> Result<Listed, ExitCode> {
    if search.skipped > 0 {
        notes.say(format!("{} records without an issueID were left out", search.skipped));
    }
    match search.problem {
        None => {
            if search.total > search.meetings.len() as u64 && search.meetings.len() >= limit && !pages {
                notes.say(format!(
                    "listed {} of {} meetings (--limit to list more)",
                    search.meetings.len(),
                    search.total
                ));
            }
            Ok((search.meetings, search.total, search.next))
        }
        Some(problem) if !search.meetings.is_empty() => {
            notes.say(format!("{problem}; listing stopped after {} meetings", search.meetings.len()));
            let listed = search.meetings.len() as u64;
            Ok((search.meetings, listed, None))
        }
        Some(problem) if problem.is_offline() => {
            eprintln!("gijiroku kokkai: {problem}");
            eprintln!("gijiroku kokkai: the cached meetings that match (as with --offline):");
            if notes.reader {
                notes.kept.push(format!("{problem}; only cached meetings are listed"));
            }
            let mut cached = cache.list(query);
            cached.truncate(limit);
            let listed = cached.len() as u64;
            Ok((cached, listed, None))
        }
        Some(problem) => {
            eprintln!("gijiroku kokkai: {problem}");
            Err(ExitCode::from(exit::ERROR))
        }
    }
}

/// Downloads the listed meetings the cache lacks. Many at once come from the `meeting` endpoint
/// with the same conditions, ten a request; what that misses, one request each. `false` when
/// some could not be kept.
fn fetch(client: &mut Client, cache: &Cache, query: &Query, meetings: &[MeetingSummary], notes: &mut Notes) -> bool {
    let mut missing: Vec<&MeetingSummary> = meetings.iter().filter(|m| !cache.has(&m.issue_id)).collect();
    let wanted = missing.len();
    let already = meetings.len() - wanted;
    let progress = Progress::new();
    let mut stored = 0usize;
    let mut failures = Vec::new();
    let keep = |record: &serde_json::Value, stored: &mut usize, failures: &mut Vec<String>| match cache.store(record) {
        Ok(_) => *stored += 1,
        Err(err) => failures.push(err.to_string()),
    };
    let per_page = Endpoint::Meeting.max_records() as usize;
    if missing.len() > per_page {
        let mut start = 1;
        let mut pages = meetings.len().div_ceil(per_page);
        while pages > 0 && !missing.is_empty() {
            pages -= 1;
            progress.line(&format!("downloading meetings: {stored} of {wanted}"));
            match client.page(Endpoint::Meeting, query, start) {
                Ok(page) => {
                    for record in &page.records {
                        let id = record.get("issueID").and_then(crate::kokkai::response::text).unwrap_or_default();
                        if let Some(at) = missing.iter().position(|m| m.issue_id == id) {
                            missing.remove(at);
                            keep(record, &mut stored, &mut failures);
                        }
                    }
                    match page.next {
                        Some(next) => start = next,
                        None => break,
                    }
                }
                Err(problem) => {
                    failures.push(problem.to_string());
                    if problem.is_offline() {
                        break;
                    }
                }
            }
        }
    }
    for meeting in missing {
        progress.line(&format!(
            "downloading meetings: {stored} of {wanted}: {} {} {} {}",
            meeting.date,
            visible(&meeting.house),
            visible(&meeting.meeting),
            visible(&meeting.issue)
        ));
        match client.meeting(&meeting.issue_id) {
            Ok(record) => keep(&record, &mut stored, &mut failures),
            Err(problem) => {
                let offline = problem.is_offline();
                failures.push(format!("{}: {problem}", visible(&meeting.issue_id)));
                if offline {
                    break;
                }
            }
        }
    }
    progress.clear();
    for failure in failures {
        notes.say(failure);
    }
    notes.say(format!(
        "downloaded {stored} meetings ({already} already cached, {} not) into {}",
        wanted - stored,
        visible_path(&cache.meetings_dir())
    ));
    stored == wanted
}

/// The listing, one line per meeting (JSON lines with `json`).
fn listing(meetings: &[MeetingSummary], cache: &Cache, json: bool) -> String {
    let mut out = String::new();
    for m in meetings {
        let cached = cache.has(&m.issue_id);
        if json {
            let line = Line {
                issue_id: &m.issue_id,
                date: &m.date,
                session: m.session,
                house: &m.house,
                meeting: &m.meeting,
                issue: &m.issue,
                matching_speeches: m.speeches.len(),
                speech_orders: &m.speeches,
                cached,
            };
            // Only strings and numbers: serialising cannot fail.
            if let Ok(text) = super::json::to_line(&line) {
                out.push_str(&text);
                out.push('\n');
            }
        } else {
            out.push_str(&format!(
                "{}  {}  {}  {}  {} matching{}  {}\n",
                visible(&m.date),
                visible(&m.house),
                visible(&m.meeting),
                visible(&m.issue),
                m.speeches.len(),
                if cached { "  (cached)" } else { "" },
                visible(&m.issue_id)
            ));
        }
    }
    out
}

/// Progress on stderr: one rewritten line on a terminal, nothing otherwise (the summary line
/// that follows says what happened).
struct Progress {
    terminal: bool,
}

impl Progress {
    fn new() -> Progress {
        Progress { terminal: std::io::stderr().is_terminal() }
    }

    fn line(&self, text: &str) {
        if self.terminal {
            eprint!("\r\x1b[2K{text}");
        }
    }

    fn clear(&self) {
        if self.terminal {
            eprint!("\r\x1b[2K");
        }
    }
}
