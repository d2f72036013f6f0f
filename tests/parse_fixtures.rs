//! Every fixture under tests/fixtures parses into the facts tests/fixtures/expected.toml states,
//! and into the model its insta snapshot holds (pretty JSON, reviewed by hand).

use std::fs;
use std::path::{Path, PathBuf};

use gijiroku::core::meeting::{Meeting, TurnKind};
use gijiroku::core::parse::lines::is_stage_direction;
use gijiroku::core::parse::parse_bytes;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Fixture files (relative, `/`-separated): every file in a format folder except scripts.
fn fixture_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in fs::read_dir(fixtures()).expect("fixtures folder") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in fs::read_dir(&dir).expect("format folder") {
            let path = file.expect("entry").path();
            if path.is_file() && path.extension().is_some_and(|e| e != "py") {
                let relative = path.strip_prefix(fixtures()).expect("under fixtures");
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

fn parse(relative: &str) -> Vec<Meeting> {
    parse_bytes(&fs::read(fixtures().join(relative)).expect("fixture is readable"))
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let files = fixture_files();
    assert!(files.len() >= 14, "fixtures are missing: {files:?}");
    for relative in files {
        let meetings = parse(&relative);
        let json = serde_json::to_string_pretty(&meetings).expect("the model serialises");
        let name = relative.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, json);
    }
}

#[test]
fn every_fixture_gives_the_facts_of_the_oracle() {
    let text = fs::read_to_string(fixtures().join("expected.toml")).expect("expected.toml");
    let oracle: toml::Table = text.parse().expect("expected.toml is TOML");
    let mut failures = Vec::new();
    for relative in fixture_files() {
        let entry = oracle.get(&relative).unwrap_or_else(|| panic!("{relative} has no entry in expected.toml"));
        let format = entry["format"].as_str().expect("format");
        let meetings = parse(&relative);
        let expected: Vec<&toml::Value> = match entry.get("meetings").and_then(toml::Value::as_array) {
            Some(list) => list.iter().collect(),
            None => vec![entry],
        };
        if meetings.len() != expected.len() {
            failures.push(format!("{relative}: {} meetings, expected {}", meetings.len(), expected.len()));
            continue;
        }
        for (index, (meeting, want)) in meetings.iter().zip(expected).enumerate() {
            for problem in compare(meeting, format, want) {
                failures.push(format!("{relative} #{index}: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The differences between a parsed meeting and its oracle entry.
fn compare(meeting: &Meeting, format: &str, want: &toml::Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |field: &str, got: String, expected: String| {
        if got != expected {
            problems.push(format!("{field}: got {got}, expected {expected}"));
        }
    };
    let string = |key: &str| want.get(key).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let integer = |key: &str| want.get(key).and_then(toml::Value::as_integer).unwrap_or(-1);
    let strings = |key: &str| -> Vec<String> {
        want.get(key)
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    check("format", meeting.format.as_str().to_owned(), format.to_owned());
    check("title", meeting.title.clone(), string("title"));
    check("date", meeting.date.map(|d| d.to_string()).unwrap_or_default(), string("date"));
    let time = meeting.time.map(|t| match t.end {
        Some(end) => format!("{}-{end}", t.start),
        None => t.start.to_string(),
    });
    check("time", time.unwrap_or_default(), string("time"));
    check("attendees", meeting.attendees.len().to_string(), integer("attendees").to_string());
    let agenda: Vec<String> = meeting.agenda.iter().map(|a| a.title.clone()).collect();
    check("agenda", format!("{agenda:?}"), format!("{:?}", strings("agenda")));
    check("speech_turns", meeting.speech_count().to_string(), integer("speech_turns").to_string());
    check("speakers", format!("{:?}", meeting.speakers()), format!("{:?}", strings("speakers")));
    // A Diet record is one turn even where a paragraph of it is a stage direction, and so is a
    // speech that goes on after a stage direction without a new label; the oracle counts those
    // paragraphs.
    let stage_paragraphs =
        meeting.speeches().flat_map(|(_, t)| &t.paragraphs).filter(|p| is_stage_direction(p)).count();
    let stage = meeting.turns.iter().filter(|t| t.kind == TurnKind::Stage).count() + stage_paragraphs;
    check("stage_directions", stage.to_string(), integer("stage_directions").to_string());
    let joins = meeting.diagnostics.iter().filter(|d| d.kind == "page_break_joined").count();
    check("page_break_joins", joins.to_string(), integer("page_break_joins").max(0).to_string());
    problems
}
