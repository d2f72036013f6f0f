//! The blocking HTTP client: one request at a time, a pause between requests, the API's maximum
//! records per request, a User-Agent naming the program, timeouts, and the proxy from
//! `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` (with `NO_PROXY`). The NDL asks clients not to send
//! many requests at once and to wait a few seconds between them; this client cannot do otherwise
//! (`&mut self` per request, and the pause is measured from the end of the last one). A server
//! that says "come back later" (429, 503) is asked again after its `Retry-After`, a few times.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::query::{Endpoint, Query, url};
use super::response::{self, MeetingSummary, Page, Problem};

/// The largest body read: a `meeting` page holds up to ten whole meetings, a few MB each at most.
pub(crate) const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// The default pause between two requests (the NDL asks for a few seconds).
pub(crate) const DEFAULT_PAUSE: Duration = Duration::from_secs(2);

/// The default time to connect, and then to the first byte of an answer.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Tries per request when the server asks to come back later (HTTP 429 Too Many Requests, 503
/// Service Unavailable).
pub(crate) const MAX_TRIES: usize = 3;

/// The longest `Retry-After` waited for: a server that asks for more gets its answer shown
/// instead (a reader would not sit for minutes without a word).
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub struct Options {
    /// Where the endpoints hang from, without a trailing `/`.
    pub base_url: String,
    pub timeout: Duration,
    pub pause: Duration,
    /// Use the proxy the environment names (tests on 127.0.0.1 turn it off).
    pub proxy_from_env: bool,
}

impl Options {
    pub fn new(base_url: String) -> Options {
        Options { base_url, timeout: DEFAULT_TIMEOUT, pause: DEFAULT_PAUSE, proxy_from_env: true }
    }
}

/// `gijiroku/0.1.0 (+https://…)`: who is asking, for the NDL's logs.
pub fn user_agent() -> String {
    format!("gijiroku/{} (terminal minutes reader; one request at a time)", env!("CARGO_PKG_VERSION"))
}

pub struct Client {
    agent: ureq::Agent,
    options: Options,
    last_request: Option<Instant>,
    /// No request before this (the server's `Retry-After`).
    not_before: Option<Instant>,
    requests: usize,
}

impl Client {
    pub fn new(options: Options) -> Client {
        let proxy = if options.proxy_from_env { ureq::Proxy::try_from_env() } else { None };
        let config = ureq::Agent::config_builder()
            .user_agent(user_agent())
            .proxy(proxy)
            // The API's error bodies come with 4xx statuses: they are read, not turned into errors.
            .http_status_as_error(false)
            .timeout_connect(Some(options.timeout))
            .timeout_recv_response(Some(options.timeout))
            // A large meeting may take a while to arrive, but not for ever.
            .timeout_global(Some(options.timeout.saturating_mul(4)))
            .max_redirects(3)
            .build();
        Client { agent: config.into(), options, last_request: None, not_before: None, requests: 0 }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Requests sent so far.
    pub fn requests(&self) -> usize {
        self.requests
    }

    /// One page of an endpoint, `maximumRecords` at the endpoint's maximum.
    pub fn page(&mut self, endpoint: Endpoint, query: &Query, start: u64) -> Result<Page, Problem> {
        let url = url(&self.options.base_url, endpoint, query, start, endpoint.max_records());
        self.get(&url)
    }

    /// GETs a URL and reads it as an API response, after the pause since the last request. A
    /// server that asks to come back later (429, 503) is asked again after its `Retry-After`
    /// (seconds; without one, the pause doubled each time), up to [`MAX_TRIES`] in all.
    pub fn get(&mut self, url: &str) -> Result<Page, Problem> {
        let mut tries = 0;
        loop {
            self.wait_turn();
            tries += 1;
            self.requests += 1;
            let result = self.fetch(url);
            self.last_request = Some(Instant::now());
            let (status, body, retry_after) = result?;
            if matches!(status, 429 | 503) && tries < MAX_TRIES {
                let backoff = self.options.pause.max(Duration::from_secs(1)).saturating_mul(1 << (tries - 1));
                let wait = retry_after.unwrap_or(backoff);
                if wait <= MAX_RETRY_AFTER {
                    self.not_before = Some(Instant::now() + wait);
                    continue;
                }
            }
            return response::read(status, &body);
        }
    }

    /// Sleeps until the pause since the last request is over, and any `Retry-After` with it.
    fn wait_turn(&mut self) {
        let after_pause = self.last_request.map(|last| last + self.options.pause);
        let until = after_pause.into_iter().chain(self.not_before.take()).max();
        if let Some(until) = until {
            let now = Instant::now();
            if until > now {
                std::thread::sleep(until - now);
            }
        }
    }

    /// The status, the body and the `Retry-After` (in seconds) of one GET.
    fn fetch(&self, url: &str) -> Result<(u16, Vec<u8>, Option<Duration>), Problem> {
        let mut answer =
            self.agent.get(url).header("Accept", "application/json").call().map_err(|err| problem(&err))?;
        let status = answer.status().as_u16();
        // Seconds only: an HTTP date would need the clock to agree with the server's.
        let retry_after = answer
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = answer.body_mut().with_config().limit(MAX_BODY_BYTES).read_to_vec().map_err(|err| problem(&err))?;
        Ok((status, body, retry_after))
    }

    /// Lists the meetings matching `query` (`meeting_list`), page after page, until `limit`
    /// meetings or the last page. `progress` hears (meetings so far, total) after each page. A
    /// failure after the first page keeps what was listed.
    pub fn search(&mut self, query: &Query, limit: usize, progress: &mut dyn FnMut(usize, u64)) -> Search {
        let mut search = Search::default();
        let mut start = 1;
        loop {
            match self.page(Endpoint::MeetingList, query, start) {
                Ok(page) => {
                    search.total = page.total;
                    search.skipped += page.records.iter().filter(|r| MeetingSummary::of(r).is_none()).count();
                    // Records added to the database while paging shift the pages: a meeting seen
                    // on the previous page may come again.
                    for meeting in page.records.iter().filter_map(MeetingSummary::of) {
                        if !search.meetings.iter().any(|m| m.issue_id == meeting.issue_id) {
                            search.meetings.push(meeting);
                        }
                    }
                    search.next = page.next;
                    progress(search.meetings.len(), page.total);
                    match page.next {
                        Some(next) if search.meetings.len() < limit => start = next,
                        _ => break,
                    }
                }
                Err(problem) => {
                    search.problem = Some(problem);
                    break;
                }
            }
        }
        search.meetings.truncate(limit);
        search
    }

    /// One whole meeting (`meeting` endpoint by `issueID`): its `meetingRecord`.
    pub fn meeting(&mut self, issue_id: &str) -> Result<Value, Problem> {
        let page = self.page(Endpoint::Meeting, &Query::issue(issue_id), 1)?;
        page.records
            .into_iter()
            .find(|record| record.get("issueID").and_then(response::text).as_deref() == Some(issue_id))
            .ok_or_else(|| Problem::Malformed(format!("the answer for meeting {issue_id} does not hold it")))
    }
}

/// What a search listed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub meetings: Vec<MeetingSummary>,
    /// All meetings matching, as the API counts them.
    pub total: u64,
    /// Where listing would go on (`nextRecordPosition`), if there is more.
    pub next: Option<u64>,
    /// Records without an `issueID`, left out.
    pub skipped: usize,
    /// Why listing stopped early.
    pub problem: Option<Problem>,
}

/// A ureq error in the reader's words.
fn problem(err: &ureq::Error) -> Problem {
    match err {
        ureq::Error::Timeout(what) => Problem::Timeout(format!("{what}")),
        ureq::Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock) => {
            Problem::Timeout(io.to_string())
        }
        ureq::Error::BodyExceedsLimit(limit) => {
            Problem::Malformed(format!("the answer is larger than {} MB", limit / (1024 * 1024)))
        }
        ureq::Error::Protocol(_) | ureq::Error::Decompress(..) => Problem::Malformed(err.to_string()),
        ureq::Error::BadUri(uri) => Problem::Network(format!("not a usable URL: {uri}")),
        other => Problem::Network(other.to_string()),
    }
}
