//! `gijiroku kokkai` and its client against a local server that answers in the Diet API's
//! shape ([`server`], [`fixtures`]): paging by `nextRecordPosition`, zero hits, the API's error
//! message, a slow answer, a cut connection, a malformed body, the cache, and the command line.
//! Nothing here reaches the real API.

#[path = "kokkai/app.rs"]
mod app;
#[path = "kokkai/cli.rs"]
mod cli;
#[path = "common/app.rs"]
#[allow(dead_code)]
mod common_app;
#[path = "kokkai/fixtures.rs"]
mod fixtures;
#[path = "e2e/pty.rs"]
#[allow(dead_code)]
mod pty;
#[path = "kokkai/reader.rs"]
mod reader;
#[path = "kokkai/server.rs"]
mod server;

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use gijiroku::kokkai::cache::Cache;
use gijiroku::kokkai::client::{Client, Options};
use gijiroku::kokkai::query::Query;
use gijiroku::kokkai::response::Problem;
use serde_json::{Value, json};
use server::{Reply, Request, Server};

fn client(server: &Server) -> Client {
    let mut options = Options::new(server.base_url());
    options.pause = Duration::from_millis(0);
    options.timeout = Duration::from_secs(5);
    options.proxy_from_env = false;
    Client::new(options)
}

fn words(text: &str) -> Query {
    Query { any: vec![text.to_owned()], ..Query::default() }
}

fn number(request: &Request, name: &str) -> usize {
    request.param(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// A server listing `total` fictional meetings for any search, and answering `meeting` by ID.
fn diet(total: usize) -> Server {
    Server::start(move |request| match request.endpoint() {
        "meeting_list" => {
            let (start, max) = (number(request, "startRecord"), number(request, "maximumRecords"));
            Reply::json(&fixtures::page(total, start, max, |n| fixtures::list_record(n, &[2])))
        }
        "meeting" => match request.param("issueID") {
            Some(id) => {
                let n = (1..=total).find(|&n| fixtures::issue_id(n) == id);
                match n {
                    Some(n) => Reply::json(&fixtures::page(1, 1, 1, |_| fixtures::meeting_record(n))),
                    None => Reply::json(&json!({"numberOfRecords": 0})),
                }
            }
            None => {
                let (start, max) = (number(request, "startRecord"), number(request, "maximumRecords"));
                Reply::json(&fixtures::page(total, start, max, fixtures::meeting_record))
            }
        },
        _ => Reply::status(404, r#"{"message":"no such endpoint"}"#),
    })
}

#[test]
fn search_pages_through_next_record_position_at_the_maximum_per_request() {
    let server = diet(250);
    let mut client = client(&server);
    let mut seen = Vec::new();
    let search = client.search(&words("図書館 蔵書"), 1000, &mut |listed, total| seen.push((listed, total)));
    assert_eq!(search.problem, None);
    assert_eq!(search.meetings.len(), 250);
    assert_eq!(search.total, 250);
    assert_eq!(seen, vec![(100, 250), (200, 250), (250, 250)]);
    let requests = server.requests();
    let starts: Vec<usize> = requests.iter().map(|r| number(r, "startRecord")).collect();
    assert_eq!(starts, vec![1, 101, 201]);
    for request in &requests {
        assert_eq!(request.endpoint(), "meeting_list");
        assert_eq!(number(request, "maximumRecords"), 100);
        assert_eq!(request.param("recordPacking").as_deref(), Some("json"));
        assert_eq!(request.param("any").as_deref(), Some("図書館 蔵書"));
        assert!(request.user_agent.starts_with("gijiroku/"), "{}", request.user_agent);
    }
    assert_eq!(search.meetings[0].issue_id, fixtures::issue_id(1));
    assert_eq!(search.meetings[0].speeches, vec![2]);
}

#[test]
fn search_stops_at_the_limit_without_asking_for_more() {
    let server = diet(250);
    let search = client(&server).search(&words("図書館"), 120, &mut |_, _| {});
    assert_eq!(search.meetings.len(), 120);
    assert_eq!(search.next, Some(201));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn requests_are_spaced_by_the_pause() {
    let server = diet(250);
    let mut options = Options::new(server.base_url());
    options.pause = Duration::from_millis(300);
    options.proxy_from_env = false;
    let search = Client::new(options).search(&words("図書館"), 1000, &mut |_, _| {});
    assert_eq!(search.meetings.len(), 250);
    let requests = server.requests();
    for pair in requests.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(gap >= Duration::from_millis(290), "only {gap:?} between two requests");
        eprintln!("{gap:?} between two requests (pause 300 ms)");
    }
}

#[test]
fn zero_hits_is_an_empty_list_not_an_error() {
    let server = Server::start(|_| Reply::json(&json!({"numberOfRecords": 0})));
    let search = client(&server).search(&words("存在しない語"), 100, &mut |_, _| {});
    assert_eq!(search.problem, None);
    assert!(search.meetings.is_empty());
    assert_eq!(server.requests().len(), 1);
}

const API_ERROR: &str =
    r#"{"message":"検索条件の指定に誤りがあります。","details":["maximumRecordsの値が不正です。"]}"#;

#[test]
fn the_apis_error_message_is_shown_as_it_is() {
    let server = Server::start(|_| Reply::status(400, API_ERROR));
    let search = client(&server).search(&words("図書館"), 100, &mut |_, _| {});
    let problem = search.problem.expect("an error");
    assert_eq!(
        problem,
        Problem::Api {
            status: 400,
            message: "検索条件の指定に誤りがあります。".into(),
            details: vec!["maximumRecordsの値が不正です。".into()]
        }
    );
    let shown = problem.to_string();
    assert!(shown.contains("検索条件の指定に誤りがあります。") && shown.contains("maximumRecordsの値が不正です。"));
    assert!(!problem.is_offline());
}

#[test]
fn a_slow_answer_times_out() {
    let server = Server::start(|_| Reply::Slow {
        delay: Duration::from_secs(3),
        body: fixtures::page(1, 1, 1, fixtures::meeting_record).to_string().into_bytes(),
    });
    let mut options = Options::new(server.base_url());
    options.timeout = Duration::from_millis(300);
    options.proxy_from_env = false;
    let started = std::time::Instant::now();
    let result = Client::new(options).meeting(&fixtures::issue_id(1));
    assert!(matches!(result, Err(Problem::Timeout(_))), "{result:?}");
    let waited = started.elapsed();
    eprintln!("a 300 ms timeout gave up after {waited:?}");
    assert!(waited < Duration::from_secs(2), "gave up only after {waited:?}");
}

#[test]
fn a_cut_connection_is_an_error_not_a_panic() {
    let body = fixtures::page(1, 1, 1, fixtures::meeting_record).to_string().into_bytes();
    let server = Server::start(move |_| Reply::CutInBody { body: body.clone() });
    let result = client(&server).meeting(&fixtures::issue_id(1));
    assert!(result.is_err(), "{result:?}");
    let server = Server::start(|_| Reply::CutBeforeAnswer);
    let result = client(&server).meeting(&fixtures::issue_id(1));
    assert!(matches!(result, Err(Problem::Network(_))), "{result:?}");
}

#[test]
fn a_malformed_body_is_a_diagnostic() {
    for body in
        ["<html><body>maintenance</body></html>", r#"{"numberOfRecords":"x","meetingRecord":"none"}"#, "{\"numberOfRec"]
    {
        let server = Server::start(move |_| Reply::status(200, body));
        let search = client(&server).search(&words("図書館"), 100, &mut |_, _| {});
        assert!(matches!(search.problem, Some(Problem::Malformed(_))), "{body}: {:?}", search.problem);
    }
    // Records without an ID are left out, and said to be.
    let server = Server::start(|_| {
        Reply::json(
            &json!({"numberOfRecords": 2, "startRecord": 1, "meetingRecord": [{"date": "2030-01-01"}, fixtures::list_record(1, &[2])]}),
        )
    });
    let search = client(&server).search(&words("図書館"), 100, &mut |_, _| {});
    assert_eq!((search.meetings.len(), search.skipped), (1, 1));
}

#[test]
fn a_downloaded_meeting_is_cached_and_parsed_by_the_diet_parser() {
    let server = diet(3);
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(dir.path());
    let record = client(&server).meeting(&fixtures::issue_id(2)).expect("the meeting");
    let path = cache.store(&record).expect("stored");
    assert!(cache.has(&fixtures::issue_id(2)));
    let bytes = std::fs::read(&path).expect("cached file");
    let meetings = gijiroku::core::parse::parse_bytes(&bytes);
    assert_eq!(meetings.len(), 1);
    let meeting = &meetings[0];
    assert!(meeting.title.contains("架空問題特別委員会"), "{}", meeting.title);
    assert_eq!(meeting.turns.len(), 3);
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(cache.meetings_dir())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec![format!("{}.json", fixtures::issue_id(2))]);
    // Offline search of the cache finds the matching speech.
    let found = cache.list(&words("蔵書"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].speeches, vec![2, 3]);
    assert!(cache.list(&Query { speaker: Some("仮名".into()), ..words("伺います") }).is_empty());
}

/// The hand-written answers use only fields the real answers have: checked against the saved
/// answers of the meeting and speech endpoints in ../shared/corpus.
#[test]
fn fixtures_have_the_shape_of_real_answers() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(dir) = std::fs::read_dir(&corpus) else {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "../shared/corpus is missing");
        eprintln!("skipped: {} not found", corpus.display());
        return;
    };
    let mut top = std::collections::BTreeSet::new();
    let mut meeting = std::collections::BTreeSet::new();
    let mut speech = std::collections::BTreeSet::new();
    for entry in dir.flatten() {
        let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(entry.path()).unwrap_or_default()) else {
            continue;
        };
        let Some(records) = value.get("meetingRecord").and_then(Value::as_array) else { continue };
        top.extend(value.as_object().into_iter().flat_map(|o| o.keys().cloned()));
        for record in records {
            meeting.extend(record.as_object().into_iter().flat_map(|o| o.keys().cloned()));
            for s in record["speechRecord"].as_array().into_iter().flatten() {
                speech.extend(s.as_object().into_iter().flat_map(|o| o.keys().cloned()));
            }
        }
    }
    assert!(!top.is_empty(), "no saved meeting answer in {}", corpus.display());
    let ours = fixtures::page(1, 1, 1, fixtures::meeting_record);
    for key in ours.as_object().expect("object").keys() {
        assert!(top.contains(key), "{key} is not a field of a real answer");
    }
    let record = &ours["meetingRecord"][0];
    for key in record.as_object().expect("object").keys() {
        assert!(meeting.contains(key), "{key} is not a field of a real meetingRecord");
    }
    for s in record["speechRecord"].as_array().expect("speeches") {
        for key in s.as_object().expect("object").keys() {
            assert!(speech.contains(key), "{key} is not a field of a real speechRecord");
        }
    }
}

#[test]
fn a_meeting_repeated_on_the_next_page_is_listed_once() {
    // The database grew between two requests: the last meeting of page 1 is the first of page 2.
    let server = Server::start(|request| {
        let start = number(request, "startRecord");
        let body = fixtures::page(150, start, 100, |n| fixtures::list_record(if start > 1 { n - 1 } else { n }, &[2]));
        Reply::json(&body)
    });
    let search = client(&server).search(&words("図書館"), 1000, &mut |_, _| {});
    assert_eq!(search.meetings.len(), 149);
    let mut ids: Vec<&str> = search.meetings.iter().map(|m| m.issue_id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 149);
}

#[test]
fn a_server_asking_to_come_back_later_is_asked_again_after_its_retry_after() {
    // 429 with Retry-After: 1, then the answer.
    let asked = std::sync::atomic::AtomicUsize::new(0);
    let server = Server::start(move |_| match asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
        0 => Reply::RetryAfter { status: 429, seconds: Some(1) },
        _ => Reply::json(&fixtures::page(3, 1, 100, |n| fixtures::list_record(n, &[2]))),
    });
    let search = client(&server).search(&words("図書館"), 100, &mut |_, _| {});
    assert_eq!(search.problem, None);
    assert_eq!(search.meetings.len(), 3);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let gap = requests[1].at.duration_since(requests[0].at);
    eprintln!("asked again {gap:?} after a 429 with Retry-After: 1");
    assert!(gap >= Duration::from_millis(990), "asked again after only {gap:?}");
}

#[test]
fn a_server_that_stays_busy_is_asked_three_times_then_its_answer_shown() {
    // 503 without Retry-After: the pause, doubled each time, at least a second.
    let server = Server::start(|_| Reply::RetryAfter { status: 503, seconds: None });
    let search = client(&server).search(&words("図書館"), 100, &mut |_, _| {});
    assert!(matches!(search.problem, Some(Problem::Http { status: 503, .. })), "{:?}", search.problem);
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "at most three tries");
    let gaps: Vec<Duration> = requests.windows(2).map(|p| p[1].at.duration_since(p[0].at)).collect();
    eprintln!("gaps between three tries of a 503: {gaps:?}");
    assert!(gaps[0] >= Duration::from_millis(990) && gaps[1] >= Duration::from_millis(1990), "{gaps:?}");
}

#[test]
fn a_retry_after_longer_than_a_minute_is_not_waited_for() {
    let server = Server::start(|_| Reply::RetryAfter { status: 429, seconds: Some(3600) });
    let started = std::time::Instant::now();
    let search = client(&server).search(&words("図書館"), 100, &mut |_, _| {});
    assert!(matches!(search.problem, Some(Problem::Http { status: 429, .. })), "{:?}", search.problem);
    assert_eq!(server.requests().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// The found speeches' `speechOrder`s become the turns the Diet parser makes of the cached
/// meeting: checked on the saved `meeting` answers in ../shared/corpus (stored as the cache
/// stores them), each order's turn being that speech's speaker.
#[test]
fn speech_orders_map_to_the_parsers_turns_on_real_answers() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(dir) = std::fs::read_dir(&corpus) else {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "../shared/corpus is missing");
        eprintln!("skipped: {} not found", corpus.display());
        return;
    };
    let mut checked = 0;
    for entry in dir.flatten() {
        let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(entry.path()).unwrap_or_default()) else {
            continue;
        };
        for record in value.get("meetingRecord").and_then(Value::as_array).into_iter().flatten() {
            let temp = tempfile::tempdir().expect("temp dir");
            let path = Cache::at(temp.path()).store(record).expect("stored");
            let bytes = std::fs::read(&path).expect("cached");
            let speeches: Vec<&Value> = record["speechRecord"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|s| gijiroku::kokkai::response::number(&s["speechOrder"]).is_some_and(|o| o > 0))
                .collect();
            let orders: Vec<u64> =
                speeches.iter().filter_map(|s| gijiroku::kokkai::response::number(&s["speechOrder"])).collect();
            let turns = gijiroku::kokkai::remote::turns_of(&bytes, &orders);
            assert_eq!(turns.len(), orders.len(), "{}", entry.path().display());
            let meeting = &gijiroku::core::parse::parse_bytes(&bytes)[0];
            for (speech, turn) in speeches.iter().zip(&turns) {
                assert_eq!(meeting.turns[*turn].speaker.as_deref(), speech["speaker"].as_str());
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no saved meeting answer in {}", corpus.display());
    eprintln!("{checked} speeches mapped to their turns");
}
