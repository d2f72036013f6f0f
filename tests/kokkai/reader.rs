//! The reader on a search, in a pseudo-terminal: the listed meetings, the download of the one
//! opened, its found speeches and `n` through them, pages listed as the list is scrolled, the
//! server asking to wait, the network gone.

use super::*;

/// A server listing `total` meetings whose found speeches are `orders`, and answering
/// `meeting` by ID.
fn diet_finding(total: usize, orders: &'static [usize]) -> Server {
    Server::start(move |request| match request.endpoint() {
        "meeting_list" => {
            let (start, max) = (number(request, "startRecord"), number(request, "maximumRecords"));
            Reply::json(&fixtures::page(total, start, max, |n| fixtures::list_record(n, orders)))
        }
        _ => {
            let n = (1..=total).find(|&n| Some(fixtures::issue_id(n)) == request.param("issueID")).unwrap_or(1);
            Reply::json(&fixtures::page(1, 1, 1, |_| fixtures::meeting_record(n)))
        }
    })
}

#[test]
fn reader_lists_the_search_and_downloads_only_the_meeting_opened() {
    // The second and third speeches were found (both hold the word).
    let server = diet_finding(3, &[2, 3]);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let mut reader =
        pty::Pty::spawn(&["kokkai", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "蔵書"], 100, 30);
    // Each entry: the number of matching speeches, the house, the meeting and the issue.
    reader.wait_for_text("[2] 参議院 架空");
    // The meeting opened at start is downloaded and opens at the first match.
    reader.wait_for_text("蔵書を伺います");
    let requests = server.requests();
    let endpoints: Vec<&str> = requests.iter().map(|r| r.endpoint()).collect();
    assert_eq!(endpoints, vec!["meeting_list", "meeting"], "{requests:?}");
    let stored: Vec<_> = std::fs::read_dir(Cache::at(dir.path()).meetings_dir()).expect("cache").flatten().collect();
    assert_eq!(stored.len(), 1);
    // `n` goes on to the next found speech.
    reader.wait_for("the first of two matches", |s| pty::status_of(s).contains("[1/2]"));
    reader.send("n");
    reader.wait_for("the second match", |s| pty::status_of(s).contains("[2/2]"));
    reader.quit_cleanly();
}

#[test]
fn reader_with_the_network_gone_says_so_and_still_opens_cached_meetings() {
    // Two meetings listed; the connection breaks on every download.
    let server = Server::start(|request| match request.endpoint() {
        "meeting_list" => Reply::json(&fixtures::page(2, 1, 100, |n| fixtures::list_record(n, &[2]))),
        _ => Reply::CutBeforeAnswer,
    });
    let dir = tempfile::tempdir().expect("temp dir");
    Cache::at(dir.path()).store(&fixtures::meeting_record(2)).expect("stored");
    let cache = dir.path().to_string_lossy().into_owned();
    let url = server.base_url();
    let reader =
        pty::Pty::spawn(&["kokkai", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "蔵書"], 100, 30);
    // Meeting 2 is the newest: opened at start, from the cache.
    reader.wait_for_text("第2の質問です");
    reader.open_from_list("第2号");
    reader.wait_for("the download failure", |s| pty::status_of(s).contains("cannot reach the Diet API"));
    reader.dismiss();
    reader.open_from_list("第3号");
    reader.wait_for_text("第2の質問です");
}

/// A server listing `total` meetings newest first, as the API does (the fictional meetings'
/// dates go forward with their number: here they go back).
fn diet_newest_first(total: usize) -> Server {
    Server::start(move |request| match request.endpoint() {
        "meeting_list" => {
            let (start, max) = (number(request, "startRecord"), number(request, "maximumRecords"));
            Reply::json(&fixtures::page(total, start, max, |n| fixtures::list_record(total + 1 - n, &[2])))
        }
        _ => {
            let n = (1..=total).find(|&n| Some(fixtures::issue_id(n)) == request.param("issueID")).unwrap_or(1);
            Reply::json(&fixtures::page(1, 1, 1, |_| fixtures::meeting_record(n)))
        }
    })
}

#[test]
fn reader_lists_further_pages_as_the_list_is_scrolled() {
    let server = diet_newest_first(250);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let args = ["kokkai", "--pause", "0.05", "--api-url", &url, "--cache-dir", &cache, "蔵書"];
    let mut reader = pty::Pty::spawn(&args, 100, 30);
    reader.wait_for_text("Meetings 100 of 250");
    reader.wait_for_text("第");
    let starts = || -> Vec<usize> {
        server.requests().iter().filter(|r| r.endpoint() == "meeting_list").map(|r| number(r, "startRecord")).collect()
    };
    // Reading the meeting asks for no more of the list.
    reader.send("jjj");
    reader.settle();
    assert_eq!(starts(), vec![1]);
    // The list's last screen asks for the next page, and the one after.
    reader.send("\tG");
    reader.wait_for_text("Meetings 200 of 250");
    reader.send("G");
    reader.wait_for_text("Meetings 250 ");
    assert_eq!(starts(), vec![1, 101, 201]);
    reader.send("G");
    reader.settle();
    assert_eq!(starts(), vec![1, 101, 201], "the last page came: nothing more is asked");
    reader.quit_cleanly();
}

#[test]
fn reader_with_a_limit_lists_no_more_than_it() {
    let server = diet_newest_first(250);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let args = ["kokkai", "--pause", "0", "--limit", "130", "--api-url", &url, "--cache-dir", &cache, "蔵書"];
    let mut reader = pty::Pty::spawn(&args, 100, 30);
    reader.wait_for_text("Meetings 100 of 130");
    reader.send("\tG");
    reader.wait_for_text("Meetings 130 ");
    reader.send("G");
    reader.settle();
    let starts: Vec<usize> =
        server.requests().iter().filter(|r| r.endpoint() == "meeting_list").map(|r| number(r, "startRecord")).collect();
    assert_eq!(starts, vec![1, 101]);
    reader.quit_cleanly();
}

#[test]
fn reader_says_what_was_printed_before_it_started() {
    // One record without an ID: said on stderr, which the reader's screen hides.
    let server = Server::start(|request| match request.endpoint() {
        "meeting_list" => Reply::json(
            &json!({"numberOfRecords": 2, "startRecord": 1, "meetingRecord": [{"date": "2030-01-01"}, fixtures::list_record(1, &[2])]}),
        ),
        _ => Reply::json(&fixtures::page(1, 1, 1, fixtures::meeting_record)),
    });
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let args = ["kokkai", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "蔵書"];
    let mut reader = pty::Pty::spawn(&args, 100, 30);
    reader.wait_for("the notice", |s| pty::status_of(s).contains("records without an issueID were left out"));
    reader.quit_cleanly();
}

#[test]
fn reader_without_words_opens_at_the_first_matching_speech() {
    let server = diet_finding(1, &[3]);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    // A short terminal, so that the third turn is not on the first screen.
    let args = ["kokkai", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "--speaker", "仮名"];
    let mut reader = pty::Pty::spawn(&args, 100, 8);
    reader.wait_for("the third turn", |s| pty::status_of(s).contains("turn 3/3"));
    reader.quit_cleanly();
}

#[test]
fn reader_on_a_speaker_search_steps_through_the_found_speeches_with_n() {
    let server = diet_finding(1, &[1, 3]);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let args = ["kokkai", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "--speaker", "架空"];
    let mut reader = pty::Pty::spawn(&args, 100, 8);
    reader.wait_for("the first found speech", |s| {
        let status = pty::status_of(s);
        status.contains("[1/2]") && status.contains("turn 1/3")
    });
    reader.send("n");
    reader.wait_for("the second found speech", |s| pty::status_of(s).contains("[2/2]"));
    reader.send("n");
    reader.wait_for("back to the first", |s| pty::status_of(s).contains("[1/2]"));
    reader.quit_cleanly();
}

#[test]
fn reader_started_with_the_network_down_says_so_over_the_cached_meetings() {
    let dir = tempfile::tempdir().expect("temp dir");
    Cache::at(dir.path()).store(&fixtures::meeting_record(5)).expect("stored");
    let cache = dir.path().to_string_lossy().into_owned();
    // Port 9 (discard) on 127.0.0.1: nothing listens there on a test machine.
    let args = ["kokkai", "--api-url", "http://127.0.0.1:9/api", "--cache-dir", &cache, "蔵書"];
    let mut reader = pty::Pty::spawn(&args, 100, 30);
    reader.wait_for("the warning", |s| pty::status_of(s).contains("only cached meetings are listed"));
    reader.wait_for_text("第5の質問です");
    reader.quit_cleanly();
}
