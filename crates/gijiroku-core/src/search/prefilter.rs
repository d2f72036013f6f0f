//! Deciding that a file cannot hold a match without parsing it, and never wrongly.
//!
//! `gijiroku search` and the reader's library search parse only the files this lets through. A
//! file is ruled out only when no repair the reader makes could create a match (issue 13, item 3):
//! a word hard-wrapped across two lines, or cut by a zero-width space, an escape sequence, a NUL,
//! CRLF or a bidi override, is found by `/` in the reader, so it must be found here. In order,
//! each step cheaper than the next:
//!
//! 1. the matcher on the decoded text as it is: a match there is (almost always) a match;
//! 2. containers (HTML and chat logs, as the parser recognises them): their text is decoded by
//!    the parser (`&#x4E88;`, `&amp;`, tags inside a word) and parts of it made up (a chat log's
//!    `#room chat log` title), so only parsing can tell: let through. JSON is decoded and made up
//!    too (`\u4E88`; a Diet API title `第213回国会 …` from a number), but is a large share of
//!    some libraries: it gets step 3 only, with its `\u` escapes decoded and the characters
//!    its readers write themselves ([`JSON_MADE_UP`], and ASCII) counted as present;
//! 3. presence: a query position none of whose characters occurs anywhere in the text cannot
//!    match, whatever was removed, joined or reordered around it; ruled out;
//! 4. repair: the text searched with [`super::compile`]'s repaired pattern, which lets a match
//!    run across what the sanitiser removes (escape sequences, controls, invisible characters),
//!    whitespace, a line break and whole dropped lines. Nothing found: ruled out.
//!
//! Step 4 rests on what the text parsers do, and says so: every text of the model is made of
//! source lines in order, each line cut only at its ends (a label, a marker, whitespace) and
//! inside only of inline Markdown marks (`*`, `_`, `` ` ``, `~`, link brackets and targets), the
//! lines joined and whole lines dropped (page footers). A parser that removed anything else from
//! the middle of a line, or from the start of a line that continues a paragraph, would break it;
//! `tests/search_prefilter.rs` checks pieces of every text of every fixture, sample and corpus
//! document.
//!
//! The property test `tests/search_prefilter.rs` holds this to the in-meeting search over random
//! documents, damage and queries.

use std::sync::OnceLock;

use super::Matcher;
use super::literals::LiteralSet;

/// Compiled once per matcher, on first use.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// One set per folded query character: its necessary characters.
    presence: Vec<LiteralSet>,
    /// The same sets as characters, for JSON files.
    presence_chars: Vec<Vec<char>>,
    /// The repaired pattern; `None` when it could not be built (then step 4 lets the file through).
    repaired: Option<regex::Regex>,
}

impl Prefilter {
    pub(crate) fn new(matcher: &Matcher) -> Prefilter {
        let mode = matcher.fold_mode();
        let table = super::table::table(mode);
        let mut sets = super::compile::presence_sets(matcher.pattern(), mode, table);
        // The rarest characters first: a file is ruled out at its first absent position, and one
        // scan for a kanji usually settles it where kana and ASCII are found everywhere.
        sets.sort_by_key(|set| std::cmp::Reverse(set.iter().filter_map(|s| s.chars().next()).map(rarity).min()));
        sets.retain(|set| !set.is_empty());
        let presence = sets.iter().map(|set| LiteralSet::new(set)).collect();
        let presence_chars = sets.iter().map(|set| set.iter().filter_map(|s| s.chars().next()).collect()).collect();
        let repaired = super::compile::compile_repaired(matcher.pattern(), mode, table)
            .ok()
            .and_then(|source| regex::RegexBuilder::new(&source).size_limit(super::REGEX_SIZE_LIMIT).build().ok());
        Prefilter { presence, presence_chars, repaired }
    }
}

/// How rare a character is in minutes, roughly: ideographs, then other letters, then kana,
/// then ASCII.
fn rarity(c: char) -> u8 {
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => 3,
        '\u{3040}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}' => 1,
        c if c.is_ascii() => 0,
        _ => 2,
    }
}

/// The lazily built prefilter of a matcher.
pub(crate) type Slot = OnceLock<std::sync::Arc<Prefilter>>;

/// Whether a file whose decoded text is `text` may hold a match for `matcher` in the reader.
/// `false` only when it certainly holds none (see the module documentation).
pub fn may_match_text(matcher: &Matcher, text: &str) -> bool {
    matcher.is_match(text) || may_match_unmatched(matcher, text)
}

/// [`may_match_text`] for a text in which the matcher itself has found nothing.
pub fn may_match_unmatched(matcher: &Matcher, text: &str) -> bool {
    let prefilter = matcher.prefilter();
    if is_json(text) {
        return json_may_match(prefilter, text);
    }
    if crate::parse::html::looks_like_html(text) || looks_like_chat(text) {
        return true;
    }
    if !prefilter.presence.iter().all(|set| set.is_match(text.as_bytes())) {
        return false;
    }
    prefilter.repaired.as_ref().is_none_or(|regex| regex.is_match(text))
}

/// Characters other than ASCII that the JSON readers write themselves: a Diet API title
/// (`第213回国会 …`), a label made of a position and a name (`委員長（森）`). ASCII is made up
/// too (`Speaker 2`, `JSON document`, `key: value` lines), so a query position that ASCII can
/// fill is never ruled out in JSON. `tests/search_prefilter.rs` checks every fixture against this.
pub const JSON_MADE_UP: &str = "第回国会（）";

/// Step 3 for JSON: a position is ruled out only when none of its characters is in the text,
/// in a `\uXXXX` escape, in [`JSON_MADE_UP`] or ASCII. JSON strings are one line each, so the
/// repaired pattern (step 4) would not apply.
fn json_may_match(prefilter: &Prefilter, text: &str) -> bool {
    let escaped = unicode_escapes(text);
    prefilter.presence.iter().zip(&prefilter.presence_chars).all(|(set, chars)| {
        chars.iter().any(|&c| c.is_ascii() || JSON_MADE_UP.contains(c) || escaped.contains(c))
            || set.is_match(text.as_bytes())
    })
}

/// The characters written as `\uXXXX` escapes (surrogate pairs joined) anywhere in the text.
fn unicode_escapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let unit =
        |at: usize| bytes.get(at..at + 4).and_then(|hex| u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
    let mut out = String::new();
    for at in memchr::memmem::find_iter(bytes, b"\\u") {
        let Some(high) = unit(at + 2) else { continue };
        let pair = (bytes.get(at + 6..at + 8) == Some(b"\\u")).then(|| unit(at + 8)).flatten();
        let decoded = match pair {
            Some(low) => char::decode_utf16([high, low]).next().and_then(Result::ok),
            None => char::decode_utf16([high]).next().and_then(Result::ok),
        };
        out.extend(decoded);
    }
    out
}

/// JSON, as the parser tells it (the same function, on the same head).
fn is_json(text: &str) -> bool {
    let mut head = text.len().min(64 * 1024);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    crate::parse::json::starts_like_json(&text[..head])
}

/// The parser's chat log test, on as many lines as it reads (its first 400 non-blank lines,
/// after sanitising). Sanitising is the costly part, so it is skipped for the many files with
/// fewer than five `:` in all: every line the parser counts as chat has one in its clock, and
/// sanitising removes characters, never adds one.
fn looks_like_chat(text: &str) -> bool {
    const WINDOW: usize = 400;
    if memchr::memchr_iter(b':', text.as_bytes()).nth(4).is_none() {
        return false;
    }
    let mut lines = 2 * WINDOW;
    loop {
        let end = memchr::memchr_iter(b'\n', text.as_bytes()).nth(lines).unwrap_or(text.len());
        let clean = crate::sanitize::sanitize(&text[..end]).text;
        let all: Vec<&str> = clean.split('\n').collect();
        let non_blank = all.iter().filter(|l| !l.trim().is_empty()).count();
        if non_blank > WINDOW || end == text.len() {
            return crate::parse::chat::looks_like_chat(&all);
        }
        lines *= 4;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchOptions;

    fn may(query: &str, text: &str) -> bool {
        may_match_text(&Matcher::new(query, SearchOptions::default()).unwrap(), text)
    }

    #[test]
    fn repairs_the_reader_makes_are_let_through() {
        for text in [
            "本日は予\n算について",
            "本日は予\u{200B}算について",
            "本日は予\u{1b}[31m算について",
            "本日は予\u{202E}算",
            "本日は予\r\n算",
            "本日は予\u{0}算",
            "本日は予\n\n- 3 -\n\n　算について",
            "本日はﾖ\u{200B}ｻﾝ",
        ] {
            let query = if text.contains('ﾖ') { "よさん" } else { "予算" };
            assert!(may(query, text), "{text:?}");
        }
    }

    #[test]
    fn files_that_cannot_match_are_ruled_out() {
        assert!(!may("予算", "本日は決算について"));
        // Both characters, but in the middle of two different lines.
        assert!(!may("予算", "予定どおり\n計算します"));
        assert!(!may("予算", "予定\x1b[1m 計算"));
    }

    /// A Diet API title is made up from a number: `第213回国会`, with no `回` in the file.
    #[test]
    fn a_json_title_made_up_by_the_reader_is_let_through() {
        let json = r#"{"meetingRecord": [{"session": 213, "nameOfHouse": "衆議院", "speechRecord": [
            {"speechOrder": 1, "speaker": "森", "speech": "○委員長（森君）　\u958b会します。"}]}]}"#;
        assert!(may("213回国会", json));
        assert!(may("開会", json));
        assert!(!may("予算", json));
    }

    /// JSON, HTML or a chat log, as the prefilter tells them before it lets them through.
    fn is_container(text: &str) -> bool {
        is_json(text) || crate::parse::html::looks_like_html(text) || looks_like_chat(text)
    }

    #[test]
    fn containers_are_always_let_through() {
        let page = "<!DOCTYPE html><html><body><p>&#x4E88;&#x7B97;</p><p>予<span>算</span></p></body></html>";
        for text in ["{\"speech\": \"\\u4E88\\u7B97\"}", page] {
            assert!(is_container(text), "{text}");
            assert!(may("予算", text), "{text}");
        }
        assert!(is_container("[{\"a\": 1}]"));
        for text in ["[森委員]\n予定", "a < b & c", "<PAGE=\"3\">\n予定"] {
            assert!(!is_container(text), "{text}");
        }
    }
}
