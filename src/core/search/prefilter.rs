//! Deciding that a file cannot hold a match without parsing it, and never wrongly.
//!
//! `gijiroku search` and the reader's library search parse only the files this lets through. A
//! file is ruled out only when no repair the reader makes could create a match (issue 13, item 3):
//! a word hard-wrapped across two lines, or cut by a zero-width space, an escape sequence, a NUL,
//! CRLF or a bidi override, is found by `/` in the reader, so it must be found here. In order,
//! each step cheaper than the next:
//!
//! 1. the matcher on the decoded text as it is: a match there is (almost always) a match;
//! 2. containers (JSON, HTML and chat logs, as the parser recognises them): their text is decoded
//!    by the parser (`\u4E88`, `&#x4E88;`, `&amp;`, tags inside a word) and parts of it made up
//!    (a Diet API title is `第213回国会 …` from a number, a chat log's `#room chat log`), so only
//!    parsing can tell: let through;
//! 3. presence: a query position none of whose characters occurs anywhere in the text cannot
//!    match, whatever was removed, joined or reordered around it; ruled out;
//! 4. repair: the sanitised text (escapes, controls and invisible characters removed, as the
//!    parser reads it) searched with [`super::compile`]'s repaired pattern, which lets a match
//!    run across whitespace, a line break and whole dropped lines. Nothing found: ruled out.
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
    /// The repaired pattern; `None` when it could not be built (then step 4 lets the file through).
    repaired: Option<regex::Regex>,
}

impl Prefilter {
    pub(crate) fn new(matcher: &Matcher) -> Prefilter {
        let mode = matcher.fold_mode();
        let table = super::table::table(mode);
        let presence = super::compile::presence_sets(matcher.pattern(), mode, table)
            .iter()
            .filter(|set| !set.is_empty())
            .map(|set| LiteralSet::new(set))
            .collect();
        let repaired = super::compile::compile_repaired(matcher.pattern(), mode, table)
            .ok()
            .and_then(|source| regex::RegexBuilder::new(&source).size_limit(super::REGEX_SIZE_LIMIT).build().ok());
        Prefilter { presence, repaired }
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
    if is_container(text) {
        return true;
    }
    let prefilter = matcher.prefilter();
    if !prefilter.presence.iter().all(|set| set.is_match(text.as_bytes())) {
        return false;
    }
    match &prefilter.repaired {
        Some(regex) => regex.is_match(&crate::core::sanitize::sanitize(text).text),
        None => true,
    }
}

/// JSON, HTML or a chat log, as the parser tells them (the same functions): text whose meaning
/// only the parser can decode, or which it partly makes up (`#room chat log` titles a log).
pub fn is_container(text: &str) -> bool {
    let mut head = text.len().min(64 * 1024);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    crate::core::parse::json::starts_like_json(&text[..head])
        || crate::core::parse::html::looks_like_html(text)
        || looks_like_chat(text)
}

/// How many lines [`looks_like_chat`] reads: more than the parser's window of non-blank lines
/// unless most of them are blank.
const CHAT_LINES: usize = 2000;

/// The parser's chat log test on the lines it reads. Sanitising those lines is the costly part,
/// so it is done only when at least five of them start as a time stamp can (a digit or `[`),
/// which the parser needs to call the text a log.
fn looks_like_chat(text: &str) -> bool {
    let bytes = text.as_bytes();
    let end = memchr::memchr_iter(b'\n', bytes).nth(CHAT_LINES).unwrap_or(bytes.len());
    let head = &text[..end];
    let stamp_like = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', head.as_bytes()).map(|at| at + 1))
        .filter(|&start| {
            let line = &head.as_bytes()[start.min(head.len())..];
            line.iter().find(|b| !matches!(b, b' ' | b'\t')).is_some_and(|b| b.is_ascii_digit() || *b == b'[')
        })
        .take(5)
        .count();
    if stamp_like < 5 {
        return false;
    }
    let clean = crate::core::sanitize::sanitize(head).text;
    let lines: Vec<&str> = clean.split('\n').collect();
    crate::core::parse::chat::looks_like_chat(&lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::SearchOptions;

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

    #[test]
    fn containers_are_always_let_through() {
        let page = "<!DOCTYPE html><html><body><p>&#x4E88;&#x7B97;</p><p>予<span>算</span></p></body></html>";
        for text in ["{\"speech\": \"\\u4E88\\u7B97\"}", page, "[{\"a\": 1}]"] {
            assert!(is_container(text), "{text}");
            assert!(may("予算", text), "{text}");
        }
        for text in ["[森委員]\n予定", "a < b & c", "<PAGE=\"3\">\n予定"] {
            assert!(!is_container(text), "{text}");
        }
    }
}
