//! The reader on a search, in a pseudo-terminal: the listed meetings, the download of the one
//! opened, its first match and `n`, pages listed while it is open, the network gone.

use super::*;

#[test]
fn reader_lists_the_search_and_downloads_only_the_meeting_opened() {
    let server = diet(3);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let mut reader =
        pty::Pty::spawn(&["kokkai", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "蔵書"], 100, 30);
    // Each entry: the number of matching speeches, the house, the meeting and the issue.
    reader.wait_for_text("[1] 参議院 架空");
    // The meeting opened at start is downloaded and opens at the first match.
    reader.wait_for_text("蔵書を伺います");
    let requests = server.requests();
    let endpoints: Vec<&str> = requests.iter().map(|r| r.endpoint()).collect();
    assert_eq!(endpoints, vec!["meeting_list", "meeting"], "{requests:?}");
    let stored: Vec<_> = std::fs::read_dir(Cache::at(dir.path()).meetings_dir()).expect("cache").flatten().collect();
    assert_eq!(stored.len(), 1);
    // `n` goes on to the next match.
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

#[test]
fn reader_lists_further_pages_while_it_is_open() {
    let server = diet(250);
    let url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let args = ["kokkai", "--pause", "0.05", "--limit", "230", "--api-url", &url, "--cache-dir", &cache, "蔵書"];
    let mut reader = pty::Pty::spawn(&args, 100, 30);
    reader.wait_for_text("Meetings 230");
    let starts: Vec<usize> =
        server.requests().iter().filter(|r| r.endpoint() == "meeting_list").map(|r| number(r, "startRecord")).collect();
    assert_eq!(starts, vec![1, 101, 201]);
    reader.quit_cleanly();
}

#[test]
fn reader_without_words_opens_at_the_first_matching_speech() {
    let server = Server::start(|request| match request.endpoint() {
        "meeting_list" => Reply::json(&fixtures::page(1, 1, 100, |n| fixtures::list_record(n, &[3]))),
        _ => Reply::json(&fixtures::page(1, 1, 1, fixtures::meeting_record)),
    });
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
