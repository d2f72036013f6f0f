//! Issue 13, item 3: search never misses what the reader shows. The library prefilter
//! (`library::may_match`, used by `gijiroku search` and the reader's library search) ruled out
//! files whose text matches only after decoding and repair: a word hard-wrapped across two
//! lines, or cut by a zero-width space, an LRM, a word joiner, a NUL, an escape sequence, CRLF or
//! U+202E. These tests hold both searches to the in-meeting search (`/`): for random documents,
//! damage and queries, they return exactly the meetings in which `/` finds the query.

use std::path::{Path, PathBuf};

use gijiroku::cli::search::file_hits;
use gijiroku::core::hits::MeetingText;
use gijiroku::core::meeting::{Meeting, TextRef};
use gijiroku::core::parse::parse_bytes;
use gijiroku::core::search::{Matcher, SearchOptions};
use gijiroku::library::{hits_per_meeting, may_match};
use proptest::prelude::*;

/// Hits per meeting as `/` finds them, and without the ones in speaker labels (`search` does
/// not list those: the speaker is a column of every line).
fn truth(bytes: &[u8], matcher: &Matcher) -> (Vec<usize>, Vec<usize>) {
    let meetings = parse_bytes(bytes);
    let all = meetings.iter().map(|m| MeetingText::new(m).find(matcher).len()).collect();
    let unlabelled = meetings.iter().map(|m| unlabelled_hits(m, matcher)).collect();
    (all, unlabelled)
}

fn unlabelled_hits(meeting: &Meeting, matcher: &Matcher) -> usize {
    MeetingText::new(meeting).find(matcher).iter().filter(|h| !matches!(h.text, TextRef::Label(_))).count()
}

fn non_zero(counts: &[usize]) -> Vec<usize> {
    counts.iter().copied().filter(|&n| n > 0).collect()
}

/// Library search and CLI search agree with `/` on `bytes`; returns whether `/` found anything.
fn check(bytes: &[u8], query: &str) -> Result<bool, String> {
    let Ok(matcher) = Matcher::new(query, SearchOptions::default()) else { return Ok(false) };
    let (all, unlabelled) = truth(bytes, &matcher);
    let library = hits_per_meeting(bytes, &matcher);
    if non_zero(&library) != non_zero(&all) {
        return Err(format!("library search {library:?}, in-meeting search {all:?} for {query:?}"));
    }
    let cli: Vec<usize> = file_hits(bytes, &matcher).meetings.iter().map(|(_, hits)| hits.len()).collect();
    if cli != non_zero(&unlabelled) {
        return Err(format!("CLI search {cli:?}, in-meeting search {unlabelled:?} for {query:?}"));
    }
    Ok(all.iter().any(|&n| n > 0))
}

// ---------------------------------------------------------------------------------------------
// Random minutes, damaged.

const WORDS: &[&str] = &[
    "予算",
    "補正予算案",
    "図書館",
    "開館時間",
    "委員会",
    "審議",
    "令和6年度",
    "子育て支援",
    "ごみ収集",
    "カーボンニュートラル",
    "ＧＰＳ端末",
    "DX推進",
    "市民の皆様",
    "説明",
    "質問",
    "答弁",
    "について",
    "いたします",
    "を行います",
    "ありがとうございます",
    "よろしくお願いします",
    "本日は",
    "次に",
    "資料",
    "アンケート",
    "ｶﾞｲﾄﾞﾌﾞｯｸ",
    "パブリックコメント",
    "１５％",
    "budget review",
    "の",
    "、",
];

const SPEAKERS: &[(&str, &str)] = &[
    ("委員長（森君）", "森委員長"),
    ("佐藤委員", "佐藤委員"),
    ("事務局長（田中君）", "事務局"),
    ("市長（山本君）", "山本市長"),
];

/// Characters the sanitiser drops or search ignores, and escape sequences, put inside words.
const INSERTS: &[&str] = &[
    "\u{200B}",
    "\u{200E}",
    "\u{200F}",
    "\u{2060}",
    "\u{0}",
    "\u{202E}",
    "\u{2066}",
    "\u{AD}",
    "\u{FEFF}",
    "\u{E0041}",
    "\u{FE0F}",
    "\u{200D}",
    "\u{200C}",
    "\u{34F}",
    "\u{3164}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{1b}[0m",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]52;c;eA==\u{1b}\\",
    "\u{9b}1m",
    "\u{1b}(B",
];

fn paragraph(rng: &mut fastrand::Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.usize(3..9) {
        text.push_str(WORDS[rng.usize(..WORDS.len())]);
    }
    text.push('。');
    text
}

/// A document in one of the text formats, and its paragraphs as written (before damage).
fn document(rng: &mut fastrand::Rng) -> (String, Vec<String>) {
    let mut paragraphs = Vec::new();
    let turns = rng.usize(2..7);
    let mut out = String::new();
    match rng.u8(0..3) {
        0 => {
            out.push_str("第3回 架空市議会 総務委員会\n\n");
            for _ in 0..turns {
                let (label, _) = SPEAKERS[rng.usize(..SPEAKERS.len())];
                let first = paragraph(rng);
                out.push_str(&format!("○{label}　{first}\n"));
                paragraphs.push(first);
                for _ in 0..rng.usize(0..3) {
                    let more = paragraph(rng);
                    out.push_str(&format!("　{more}\n"));
                    paragraphs.push(more);
                }
            }
        }
        1 => {
            out.push_str("架空市 図書館協議会 議事要旨\n\n");
            for _ in 0..turns {
                let (_, label) = SPEAKERS[rng.usize(..SPEAKERS.len())];
                out.push_str(&format!("[{label}]\n"));
                for _ in 0..rng.usize(1..3) {
                    let p = paragraph(rng);
                    out.push_str(&format!("{p}\n"));
                    paragraphs.push(p);
                }
                out.push('\n');
            }
        }
        _ => {
            out.push_str("# 定例ミーティング\n\n");
            for n in 0..turns.max(4) {
                let name = ["森", "佐藤"][n % 2];
                let p = paragraph(rng);
                out.push_str(&format!("{name}: {p}\n"));
                paragraphs.push(p);
            }
        }
    }
    (out, paragraphs)
}

/// Hard-wraps every line longer than `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let chars: Vec<char> = line.chars().collect();
        for (n, chunk) in chars.chunks(width).enumerate() {
            if n > 0 && !out.ends_with('\n') {
                out.push('\n');
            }
            out.extend(chunk);
        }
    }
    out
}

/// Puts `count` inserts at random character positions.
fn insert_damage(rng: &mut fastrand::Rng, text: &str, count: usize) -> String {
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    for _ in 0..count {
        let at = rng.usize(..=chars.len());
        chars.insert(at, INSERTS[rng.usize(..INSERTS.len())].to_owned());
    }
    chars.concat()
}

/// A page break (blank line, footer, blank line) after a random line.
fn page_footers(rng: &mut fastrand::Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for page in 0..rng.usize(1..3) {
        let at = rng.usize(1..lines.len().max(2));
        lines.insert(at.min(lines.len()), format!("\n- {} -\n", page + 2));
    }
    lines.join("\n")
}

/// The document as an HTML page: a paragraph per line, some characters as references, some
/// words cut by inline tags.
fn as_html(rng: &mut fastrand::Rng, text: &str) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>架空市議会</title></head><body>\n");
    for line in text.lines() {
        out.push_str("<p>");
        for c in line.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                c if !c.is_ascii() && rng.u8(..10) == 0 => out.push_str(&format!("&#x{:X};", c as u32)),
                c => {
                    out.push(c);
                    if rng.u8(..12) == 0 {
                        out.push_str(["<span>", "</span>", "<b>", "</b>", "<wbr>"][rng.usize(..5)]);
                    }
                }
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// The document as a Diet API response: one speech record per turn, some characters as `\u`
/// escapes.
fn as_json(rng: &mut fastrand::Rng, text: &str) -> String {
    let mut records = Vec::new();
    for (order, turn) in (1..).zip(text.split('○').skip(1)) {
        let mut escaped = String::new();
        for c in format!("○{}", turn.trim_end()).chars() {
            match c {
                '"' => escaped.push_str("\\\""),
                '\\' => escaped.push_str("\\\\"),
                '\n' => escaped.push_str("\\n"),
                c if (c as u32) < 0x20 || (!c.is_ascii() && rng.u8(..8) == 0) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        escaped.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                c => escaped.push(c),
            }
        }
        records.push(format!("{{\"speechOrder\": {order}, \"speaker\": \"森\", \"speech\": \"{escaped}\"}}"));
    }
    format!(
        "{{\"meetingRecord\": [{{\"session\": 213, \"nameOfHouse\": \"衆議院\", \"nameOfMeeting\": \"総務委員会\", \
         \"issue\": \"第3号\", \"date\": \"2024-03-01\", \"speechRecord\": [{}]}}]}}\n",
        records.join(",\n")
    )
}

/// The bytes of a damaged document and the paragraphs it was written from.
fn damaged(seed: u64) -> (Vec<u8>, Vec<String>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut text, paragraphs) = document(&mut rng);
    if rng.bool() {
        text = wrap(&text, rng.usize(6..40));
    }
    if rng.u8(..3) > 0 {
        let count = rng.usize(1..12);
        text = insert_damage(&mut rng, &text, count);
    }
    if rng.u8(..4) == 0 {
        text = page_footers(&mut rng, &text);
    }
    if rng.u8(..3) == 0 {
        text = text.replace('\n', "\r\n");
    }
    match rng.u8(..10) {
        0 => return (as_html(&mut rng, &text).into_bytes(), paragraphs),
        1 if text.contains('○') => return (as_json(&mut rng, &text).into_bytes(), paragraphs),
        _ => {}
    }
    let encoding = [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP, encoding_rs::UTF_8][rng.usize(..6).min(2)];
    let (bytes, _, unmappable) = encoding.encode(&text);
    let bytes = if unmappable { text.into_bytes() } else { bytes.into_owned() };
    (bytes, paragraphs)
}

/// Queries: pieces of what was written (so that many are found), kana and width variants of
/// them, and pairs of words (mostly not found).
fn queries(rng: &mut fastrand::Rng, paragraphs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..4 {
        let p: Vec<char> = paragraphs[rng.usize(..paragraphs.len())].chars().collect();
        let len = rng.usize(2..7).min(p.len());
        let start = rng.usize(..=p.len() - len);
        let piece: String = p[start..start + len].iter().collect();
        let piece = match rng.u8(..4) {
            0 => piece.chars().map(to_katakana).collect(),
            _ => piece,
        };
        out.push(piece);
    }
    out.push(format!("{}{}", WORDS[rng.usize(..WORDS.len())], WORDS[rng.usize(..WORDS.len())]));
    out
}

fn to_katakana(c: char) -> char {
    match c {
        'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        c => c,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The property of item 3: library search and CLI search return exactly the meetings in
    /// which the in-meeting search finds the query, whatever the wrapping, invisible characters,
    /// escape sequences, line endings, page footers, encoding or container (HTML with character
    /// references and tags inside words, JSON with `\u` escapes).
    #[test]
    fn library_and_cli_search_find_exactly_what_the_reader_finds(seed in any::<u64>()) {
        let (bytes, paragraphs) = damaged(seed);
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
        for query in queries(&mut rng, &paragraphs) {
            if let Err(message) = check(&bytes, &query) {
                prop_assert!(false, "{message}\n{}", String::from_utf8_lossy(&bytes));
            }
        }
    }
}

/// The random documents do exercise the property: most pieces of what was written are found
/// after the damage, and most damaged documents held pieces the raw bytes do not show.
#[test]
fn the_random_damage_hides_words_from_a_byte_search() {
    let (mut found, mut hidden, mut total) = (0, 0, 0);
    for seed in 0..300 {
        let (bytes, paragraphs) = damaged(seed);
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
        for query in queries(&mut rng, &paragraphs) {
            let Ok(matcher) = Matcher::new(&query, SearchOptions::default()) else { continue };
            total += 1;
            if check(&bytes, &query).unwrap_or_else(|e| panic!("seed {seed}: {e}")) {
                found += 1;
                if std::str::from_utf8(&bytes).is_ok_and(|text| !matcher.is_match(text)) {
                    hidden += 1;
                }
            }
        }
    }
    println!("{found} of {total} queries found; {hidden} of them not in the raw text");
    assert!(found * 2 > total, "{found} of {total}");
    assert!(hidden * 20 > found, "{hidden} of {found}");
}

// ---------------------------------------------------------------------------------------------
// The cases of the issue.

/// Each kind of damage the issue names, inside `予算`: found by `/`, and by both searches.
#[test]
fn a_word_cut_by_a_wrap_or_an_invisible_character_was_reported_as_no_match() {
    let cuts =
        ["\n", "\u{200B}", "\u{200E}", "\u{2060}", "\u{0}", "\u{1b}[1m", "\u{202E}", "\r\n", "\u{AD}", "\u{E0041}"];
    for cut in cuts {
        let text = format!("第3回 総務委員会\n\n○委員長（森君）　本日は補正予{cut}算案について審議を行います。\n");
        let found = check(text.as_bytes(), "予算").unwrap_or_else(|e| panic!("{cut:?}: {e}"));
        assert!(found, "{cut:?}: the reader does not find it either");
    }
}

/// The measure: the assembly sample hard-wrapped at 30 columns, and every 4-character
/// query that straddles a wrap and that `/` finds in the wrapped file.
#[test]
fn queries_straddling_a_wrap_in_the_hard_wrapped_assembly_sample_found_nothing() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples/02_assembly.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let wrapped = wrap(&text, 30);
    let bytes = wrapped.as_bytes();
    let mut straddling = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for cut in (30..chars.len()).step_by(30) {
            let query: String = chars[cut - 2..(cut + 2).min(chars.len())].iter().collect();
            if query.chars().count() == 4 && !query.chars().any(|c| c.is_whitespace() || "、。（）○".contains(c))
            {
                straddling.push(query);
            }
        }
    }
    let mut found = 0;
    for query in &straddling {
        if check(bytes, query).unwrap_or_else(|e| panic!("{e}")) {
            found += 1;
        }
    }
    println!("{found} of {} straddling queries found by `/`, and by both searches", straddling.len());
    assert!(found >= 40, "{found} of {}", straddling.len());
}

/// What the prefilter assumes of the parsers (each text made of whole source lines, cut only
/// at its ends): every piece of every text the reader shows, in every fixture, sample and
/// corpus document, is let through.
#[test]
fn every_piece_of_text_the_reader_shows_passes_the_prefilter() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/fixtures"), &mut files);
    collect(&root.join("assets/samples"), &mut files);
    let corpus = root.join("../shared/corpus");
    if corpus.is_dir() {
        collect(&corpus, &mut files);
    } else if std::env::var("CI").as_deref() == Ok("true") {
        panic!("../shared/corpus is missing");
    } else {
        eprintln!("skipping ../shared/corpus: not found");
    }
    let mut pieces = 0;
    for file in files.iter().filter(|f| !f.components().any(|c| c.as_os_str() == "config")) {
        let bytes = std::fs::read(file).unwrap();
        let decoded = gijiroku::core::decode::decode(&bytes).text;
        for meeting in parse_bytes(&bytes) {
            for text_ref in meeting.reading_order() {
                let chars: Vec<char> = meeting.text(text_ref).chars().collect();
                // Pieces at the start, the middle and the end of each text (where lines join).
                let last = chars.len().saturating_sub(4);
                let mut starts = vec![0, last / 4, last / 2, last * 3 / 4, last];
                starts.dedup();
                for start in starts {
                    let piece: String = chars[start..(start + 4).min(chars.len())].iter().collect();
                    // A piece that stands in the file as it is passes the first step; the others
                    // (across a join, a removed mark, a decoded reference) are the test.
                    if piece.contains('\n') || decoded.contains(&piece) {
                        continue;
                    }
                    let Ok(matcher) = Matcher::new(&piece, SearchOptions::default()) else { continue };
                    pieces += 1;
                    assert!(may_match(&bytes, &matcher), "{}: {piece:?} of {text_ref:?}", file.display());
                }
            }
        }
    }
    assert!(pieces > 300, "{pieces}");
    println!("{pieces} pieces of {} files", files.len());
}

/// JSON files get only the presence step, with the characters the JSON readers write themselves
/// counted as present: every character of every text of every JSON fixture, sample and corpus
/// document is in the file (as it is or as a `\u` escape), ASCII, or one of those. A reader that
/// starts making up other characters must add them to `JSON_MADE_UP`.
#[test]
fn json_readers_make_up_no_character_the_prefilter_does_not_know() {
    use gijiroku::core::search::prefilter::JSON_MADE_UP;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/fixtures"), &mut files);
    collect(&root.join("assets/samples"), &mut files);
    collect(&root.join("../shared/corpus"), &mut files);
    let mut checked = 0;
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let bytes = std::fs::read(file).unwrap();
        let raw = gijiroku::core::decode::decode(&bytes).text;
        let decoded: String = match serde_json::from_str::<serde_json::Value>(&raw) {
            Ok(value) => value.to_string(),
            Err(_) => raw.clone(),
        };
        for meeting in parse_bytes(&bytes) {
            for text_ref in meeting.reading_order() {
                for c in meeting.text(text_ref).chars() {
                    let known = c.is_ascii() || JSON_MADE_UP.contains(c) || raw.contains(c) || decoded.contains(c);
                    assert!(known, "{}: {c:?} in {text_ref:?} is made up", file.display());
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if !path.extension().is_some_and(|e| e == "py" || e == "toml") {
            files.push(path);
        }
    }
}
