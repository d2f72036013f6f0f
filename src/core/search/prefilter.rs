//! Deciding that a file cannot hold a match without parsing it, and never wrongly.
//!
//! `gijiroku search` and the reader's library search parse only the files this lets through. A
//! file is ruled out only when no repair the reader makes could create a match (issue 13, item 3):
//! a word hard-wrapped across two lines, or cut by a zero-width space, an escape sequence, a NUL,
//! CRLF or a bidi override, is found by `/` in the reader, so it must be found here. In order,
//! each step cheaper than the next:
//!
//! 1. the matcher on the decoded text as it is: a match there is (almost always) a match;
//! 2. containers (JSON, HTML or XML, text with character references): their text is decoded by
//!    the parser (`\u4E88`, `&#x4E88;`, `&amp;`) and parts of it made up (a Diet API title), so
//!    only parsing can tell: let through;
//! 3. presence: a query position none of whose characters occurs anywhere in the text cannot
//!    match, whatever was removed, joined or reordered around it; ruled out;
//! 4. repair: the sanitised text (escapes, controls and invisible characters removed, as the
//!    parser reads it) searched with [`super::compile`]'s repaired pattern, which lets a match
//!    run across whitespace, a line break and whole dropped lines. Nothing found: ruled out.
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
        let repaired = super::compile::compile_repaired(matcher.pattern(), mode, table).ok().and_then(|source| {
            regex::RegexBuilder::new(&source).size_limit(super::REGEX_SIZE_LIMIT).build().ok()
        });
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

/// JSON (as the parser detects it), markup (`<` and a letter, `!`, `/` or `?`), or a character
/// reference (`&#…;`, `&name;`): text whose meaning only the parser can decode.
pub fn is_container(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut significant = text.chars().filter(|&c| !c.is_whitespace() && c != '\u{FEFF}');
    let json = match significant.next() {
        Some('{') => true,
        Some('[') => matches!(significant.next(), None | Some('{' | '[' | ']' | '"')),
        _ => false,
    };
    if json {
        return true;
    }
    let markup = memchr::memchr_iter(b'<', bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'!' | b'/' | b'?')));
    markup || memchr::memchr_iter(b'&', bytes).any(|at| is_reference(&bytes[at + 1..]))
}

/// `#123;`, `#x4E88;` or `name;` (a name of 2 to 32 letters and digits, as HTML's are) after
/// an `&`.
fn is_reference(rest: &[u8]) -> bool {
    let (body, shortest) = match rest.first() {
        Some(b'#') => (&rest[1..], 1),
        Some(b) if b.is_ascii_alphabetic() => (rest, 2),
        _ => return false,
    };
    let len = body.iter().take(33).take_while(|b| b.is_ascii_alphanumeric()).count();
    len >= shortest && body.get(len) == Some(&b';')
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
        for text in ["{\"speech\": \"\\u4E88\\u7B97\"}", "<p>&#x4E88;&#x7B97;</p>", "予&#31639;", "[{\"a\": 1}]"] {
            assert!(is_container(text), "{text}");
            assert!(may("予算", text), "{text}");
        }
        for text in ["[森委員]\n予定", "a < b & c", "Q&A; x<3"] {
            assert!(!is_container(text), "{text}");
        }
    }
}
