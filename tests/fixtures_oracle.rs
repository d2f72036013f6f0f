//! Keeps `tests/fixtures/expected.toml` honest about the fixture files themselves.
//!
//! These tests use no parser of ours: they check what can be read off the files directly (every
//! fixture has an entry, the encodings hold the same text, the Diet API files have the speech
//! counts and speakers the oracle states). Parser tests compare against the oracle elsewhere.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn oracle() -> toml::Table {
    let text = fs::read_to_string(fixtures().join("expected.toml")).expect("expected.toml is readable");
    text.parse().expect("expected.toml is valid TOML")
}

/// Paths of fixture files under `dir`, relative to the fixtures directory, with `/` separators.
fn fixture_files(dir: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("fixture directory is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            // Config fixtures are for the config tests, not minutes.
            if path.file_name().is_some_and(|n| n == "config") {
                continue;
            }
            fixture_files(&path, out);
        } else if dir != fixtures() && path.extension().is_some_and(|e| e != "py") {
            let rel = path.strip_prefix(fixtures()).expect("under fixtures");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_fixture_has_an_entry_and_every_entry_a_file() {
    let oracle = oracle();
    let mut files = Vec::new();
    fixture_files(&fixtures(), &mut files);
    files.sort();
    let mut keys: Vec<&String> = oracle.keys().collect();
    keys.sort();
    assert_eq!(keys, files.iter().collect::<Vec<_>>());
}

#[test]
fn every_entry_has_the_documented_fields() {
    for (path, entry) in oracle() {
        let format = entry["format"].as_str().expect("format is a string");
        assert!(
            ["summary", "verbatim", "colon", "kokkai", "chat", "records"].contains(&format),
            "{path}: unknown format {format}"
        );
        let tables = match entry.get("meetings") {
            Some(meetings) => meetings.as_array().expect("meetings is a list").clone(),
            None => {
                assert_ne!(format, "kokkai", "{path}: kokkai entries list meetings");
                vec![entry.clone()]
            }
        };
        // Chat logs and caption files may give no date at all.
        let date_required = !matches!(format, "chat" | "records");
        for t in tables {
            for field in ["title", "attendees", "agenda", "speech_turns", "speakers", "stage_directions"] {
                assert!(t.get(field).is_some(), "{path}: missing {field}");
            }
            match t.get("date").and_then(toml::Value::as_str) {
                Some(date) => assert!(date_shape_ok(date), "{path}: date {date} is not YYYY-MM-DD"),
                None => assert!(!date_required, "{path}: missing date"),
            }
        }
    }
}

fn date_shape_ok(text: &str) -> bool {
    text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-'
}

#[test]
fn encodings_hold_the_same_meeting() {
    let dir = fixtures().join("encoding");
    let source = fs::read_to_string(dir.join("source.txt")).expect("source.txt");
    for (name, encoding) in [
        ("shift_jis.txt", encoding_rs::SHIFT_JIS),
        ("euc_jp.txt", encoding_rs::EUC_JP),
        ("utf16le_bom.txt", encoding_rs::UTF_16LE),
        ("utf8_bom_crlf.txt", encoding_rs::UTF_8),
    ] {
        let bytes = fs::read(dir.join(name)).expect("encoded fixture");
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        assert!(!had_errors, "{name} decodes without errors");
        assert_eq!(text.replace("\r\n", "\n"), source, "{name} holds source.txt");
    }
}

#[test]
fn kokkai_counts_match_the_json() {
    let oracle = oracle();
    for file in ["kokkai/meeting.json", "kokkai/speech.json"] {
        let json: Value =
            serde_json::from_str(&fs::read_to_string(fixtures().join(file)).expect("json")).expect("valid");
        let meetings: Vec<Vec<Value>> = match json.get("meetingRecord") {
            Some(records) => records
                .as_array()
                .expect("meetingRecord is an array")
                .iter()
                .map(|m| m["speechRecord"].as_array().expect("speechRecord").clone())
                .collect(),
            None => vec![json["speechRecord"].as_array().expect("speechRecord").clone()],
        };
        let expected = oracle[file]["meetings"].as_array().expect("meetings");
        assert_eq!(meetings.len(), expected.len(), "{file}: number of meetings");
        for (speeches, want) in meetings.iter().zip(expected) {
            let speeches: Vec<&Value> = speeches.iter().filter(|s| s["speechOrder"] != 0).collect();
            assert_eq!(speeches.len() as i64, want["speech_turns"].as_integer().expect("count"), "{file}");
            let mut speakers: Vec<&str> = Vec::new();
            for s in &speeches {
                let name = s["speaker"].as_str().expect("speaker");
                if !speakers.contains(&name) {
                    speakers.push(name);
                }
                let speech = s["speech"].as_str().expect("speech");
                assert!(speech.starts_with('○') && speech.contains('\u{3000}'), "{file}: speech prefix");
            }
            let want_speakers: Vec<&str> =
                want["speakers"].as_array().expect("speakers").iter().filter_map(|v| v.as_str()).collect();
            assert_eq!(speakers, want_speakers, "{file}");
        }
    }
}
