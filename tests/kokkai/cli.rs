//! `gijiroku kokkai` through the real binary: JSON lines, `--fetch`, `--offline`, the API's
//! error message, the network down, zero hits.

use super::*;

fn gijiroku(args: &[&str], envs: &[(&str, &str)]) -> Output {
    // An empty config: the tester's own must not change the base URL.
    let config = std::env::temp_dir().join(format!("gijiroku-kokkai-test-{}.toml", std::process::id()));
    std::fs::write(&config, "").expect("an empty config");
    let mut command = Command::new(env!("CARGO_BIN_EXE_gijiroku"));
    command.args(args).stdin(Stdio::null()).env("GIJIROKU_CONFIG", &config);
    for var in [
        "GIJIROKU_KOKKAI_URL",
        "GIJIROKU_KOKKAI_CACHE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        command.env_remove(var);
    }
    for (name, value) in envs {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

#[test]
fn cli_lists_as_json_lines_fetches_into_the_cache_and_reads_it_offline() {
    let server = diet(25);
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().to_string_lossy().into_owned();
    let url = server.base_url();
    let listed = gijiroku(
        &["kokkai", "--json", "--pause", "0", "--cache-dir", &cache, "図書館"],
        &[("GIJIROKU_KOKKAI_URL", &url)],
    );
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let meetings = lines(&listed);
    assert_eq!(meetings.len(), 25);
    assert_eq!(meetings[0]["issue_id"], fixtures::issue_id(1));
    assert_eq!(meetings[0]["matching_speeches"], 1);
    assert_eq!(meetings[0]["house"], "参議院");
    assert_eq!(meetings[0]["cached"], false);

    let fetched = gijiroku(
        &["kokkai", "--json", "--fetch", "--pause", "0", "--api-url", &url, "--cache-dir", &cache, "図書館"],
        &[],
    );
    let stderr = String::from_utf8_lossy(&fetched.stderr);
    assert!(fetched.status.success(), "{stderr}");
    // Not a terminal: one summary line, no progress.
    assert!(stderr.contains("downloaded 25 meetings (0 already cached, 0 not)"), "{stderr}");
    assert!(!stderr.contains('\r'), "{stderr}");
    assert!(lines(&fetched).iter().all(|m| m["cached"] == true));
    // 25 missing: three pages of ten from the meeting endpoint, not 25 requests.
    let meeting_requests = server.requests().iter().filter(|r| r.endpoint() == "meeting").count();
    assert_eq!(meeting_requests, 3);

    // Offline, with no server at all.
    let offline = gijiroku(
        &["kokkai", "--json", "--offline", "--api-url", "http://127.0.0.1:9/api", "--cache-dir", &cache, "第7の質問"],
        &[],
    );
    assert!(offline.status.success(), "{}", String::from_utf8_lossy(&offline.stderr));
    let found = lines(&offline);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["issue_id"], fixtures::issue_id(7));
}

#[test]
fn cli_shows_the_apis_message_and_fails() {
    let server = Server::start(|_| Reply::status(400, API_ERROR));
    let out = gijiroku(
        &["kokkai", "--json", "--api-url", &server.base_url(), "--cache-dir", "/nonexistent-cache", "図書館"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("検索条件の指定に誤りがあります。"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn cli_with_the_network_down_falls_back_to_the_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(dir.path());
    cache.store(&fixtures::meeting_record(4)).expect("stored");
    let root = dir.path().to_string_lossy().into_owned();
    // Port 9 (discard) on 127.0.0.1: nothing listens there on a test machine.
    let out = gijiroku(&["kokkai", "--json", "--api-url", "http://127.0.0.1:9/api", "--cache-dir", &root, "蔵書"], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("cannot reach the Diet API"), "{stderr}");
    let found = lines(&out);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["cached"], true);
}

#[test]
fn cli_zero_hits_exits_1() {
    let server = Server::start(|_| Reply::json(&json!({"numberOfRecords": 0})));
    let out = gijiroku(
        &["kokkai", "--json", "--api-url", &server.base_url(), "--cache-dir", "/nonexistent-cache", "無い"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn cli_refuses_a_base_url_that_is_not_http() {
    let out = gijiroku(
        &["kokkai", "--json", "--cache-dir", "/nonexistent-cache", "図書館"],
        &[("GIJIROKU_KOKKAI_URL", "ftp://example.invalid")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an http:// or https:// URL"));
}

#[test]
fn cli_takes_the_base_url_from_the_config_after_the_flag_and_the_environment() {
    let server = diet(2);
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("kokkai_url = \"{}/\"\n", server.base_url())).expect("config");
    let config = config.to_string_lossy().into_owned();
    let cache = dir.path().join("cache").to_string_lossy().into_owned();
    let out = gijiroku(&["kokkai", "--json", "--config", &config, "--cache-dir", &cache, "図書館"], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(lines(&out).len(), 2);
    // The environment comes before the config: here it names a closed port.
    let out = gijiroku(
        &["kokkai", "--json", "--config", &config, "--cache-dir", &cache, "図書館"],
        &[("GIJIROKU_KOKKAI_URL", "http://127.0.0.1:9/api")],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach the Diet API"));
    assert_eq!(server.requests().len(), 1);
}
