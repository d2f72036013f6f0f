//! The development corpus (`../shared/corpus`: real public minutes in the containers people have,
//! with what a careful reader counts in `truth.json`) read with the same rules as
//! `../shared/tools/corpus_score.py`: speaker turns and distinct speakers in range, the number of
//! meetings, names that must and must not be speakers, and no markup or raw JSON shown.

mod common;

use std::collections::HashSet;

use gijiroku::core::meeting::Meeting;
use gijiroku::core::parse::parse_bytes;
use serde_json::Value;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `[lo, hi]` or a single number.
fn range(value: Option<&Value>, default: u64) -> (u64, u64) {
    match value {
        Some(Value::Array(pair)) => (pair[0].as_u64().unwrap_or(0), pair[1].as_u64().unwrap_or(u64::MAX)),
        Some(v) => (v.as_u64().unwrap_or(default), v.as_u64().unwrap_or(default)),
        None => (default, default),
    }
}

fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// What the scorer flags as markup: an HTML tag or entity, or JSON syntax.
fn markup() -> regex::Regex {
    regex::Regex::new(
        r#"(?i)<(pre|br|p|span|div|html|a|font|cite|/|!doctype|meta|script|table|td|tr)\b|&(nbsp|lt|gt|amp|quot|#\d+);|[{\[]\s*"[^"]*"\s*:"#,
    )
    .expect("regex")
}

/// The problems with one document, as the scorer words them.
fn judge(meetings: &[Meeting], doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let speakers_of_turns: Vec<&str> =
        meetings.iter().flat_map(|m| m.turns.iter()).filter_map(|t| t.speaker.as_deref()).collect();
    let speakers: HashSet<String> = speakers_of_turns.iter().map(|s| squash(s)).collect();
    let turns = speakers_of_turns.len() as u64;
    let (lo, hi) = range(doc.get("turns"), 0);
    if !(lo..=hi).contains(&turns) {
        problems.push(format!("{turns} speaker turns, want {lo}..{hi}"));
    }
    let (lo, hi) = range(doc.get("speakers"), 0);
    if !(lo..=hi).contains(&(speakers.len() as u64)) {
        problems.push(format!("{} speakers, want {lo}..{hi}", speakers.len()));
    }
    let (lo, hi) = range(doc.get("meetings"), 1);
    if !(lo..=hi).contains(&(meetings.len() as u64)) {
        problems.push(format!("{} meetings, want {lo}..{hi}", meetings.len()));
    }
    for name in doc.get("must_have_speakers").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
    {
        let name = squash(name);
        if !speakers.iter().any(|s| *s == name || s.contains(&name)) {
            problems.push(format!("no speaker {name:?}"));
        }
    }
    for name in doc.get("must_not_speakers").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if speakers.contains(&squash(name)) {
            problems.push(format!("{name:?} read as a speaker"));
        }
    }
    if doc.get("no_markup").and_then(Value::as_bool) == Some(true) {
        let pattern = markup();
        for meeting in meetings {
            let json = serde_json::to_value(meeting).expect("the model serialises");
            let mut texts = Vec::new();
            for key in ["title", "header", "notes", "turns"] {
                if let Some(v) = json.get(key) {
                    strings(v, &mut texts);
                }
            }
            if let Some(hit) = texts.iter().find_map(|t| pattern.find(t)) {
                problems.push(format!("markup or raw JSON shown: {}", hit.as_str()));
                break;
            }
            let title = meeting.title.trim();
            if title == "{" || title == "[" {
                problems.push(format!("raw JSON as the title: {title}"));
            }
        }
    }
    problems
}

#[test]
fn every_corpus_document_is_read_as_truth_json_says() {
    let Some(dir) = common::corpus_dir() else { return };
    let truth: Value =
        serde_json::from_slice(&std::fs::read(dir.join("truth.json")).expect("truth.json")).expect("truth is JSON");
    let documents = truth["documents"].as_array().expect("documents");
    assert!(documents.len() >= 18, "the corpus lost documents");
    let mut failures = Vec::new();
    for doc in documents {
        let file = doc["file"].as_str().expect("file");
        let bytes = std::fs::read(dir.join(file)).expect("corpus file");
        let meetings = parse_bytes(&bytes);
        let problems = judge(&meetings, doc);
        if !problems.is_empty() {
            failures.push(format!("{file}: {}", problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents read wrong:\n{}",
        failures.len(),
        documents.len(),
        failures.join("\n")
    );
}
