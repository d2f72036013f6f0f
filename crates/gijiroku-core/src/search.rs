//! Search that understands Japanese: width, case and kana folding, and PDF spaces.
//!
//! A [`Matcher`] is compiled once per query (once per keystroke in incremental search) and finds
//! matches in the original text, returning byte ranges of original characters so that
//! highlights can be drawn on the text as displayed. The rules, applied to query and text alike:
//!
//! - width/compatibility folding (NFKC): `１５％` ~ `15%`, `ｶﾞｲﾄﾞ` ~ `ガイド`, `①` ~ `1`;
//! - smartcase: case-insensitive unless the (width-folded) query has an uppercase letter;
//! - kana folding (on by default): hiragana ~ katakana, voiced marks included;
//! - PDF-extraction spaces next to non-ASCII characters never block a match (`令和 9 年度`), but
//!   `ab` never matches `a b`; a match never starts or ends on such a space, nor spans a newline.
//!
//! How: the query is rewritten into a regex whose every folded character is the alternation of
//! the original strings that fold to it ([`table`]), with optional spaces where a PDF may have
//! put one ([`compile`]). See those modules for why.

mod compile;
mod fold;
mod literals;
pub mod locate;
pub mod prefilter;
mod table;

use std::ops::Range;

use fold::FoldMode;

/// Options a user can set for search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SearchOptions {
    /// Whether hiragana and katakana match each other (`カイギ` ~ `かいぎ`).
    pub kana_fold: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { kana_fold: true }
    }
}

/// Why a query could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The query is empty or only whitespace.
    #[error("the search pattern is empty")]
    EmptyPattern,
    /// The query is too long or expands to too large a matcher.
    #[error("the search pattern is too long or too complex to search for ({0})")]
    TooComplex(String),
}

/// Compiled-program size allowed to the regex engine. Ordinary queries need a few KiB; the limit
/// only stops pathological ones (thousands of characters) with [`SearchError::TooComplex`].
const REGEX_SIZE_LIMIT: usize = 32 << 20;

/// A compiled query. Cheap to build (well under a millisecond for typed queries, once the
/// variant table exists), so incremental search builds one per keystroke.
#[derive(Clone, Debug)]
pub struct Matcher {
    pattern: String,
    options: SearchOptions,
    case_sensitive: bool,
    source: String,
    engine: Engine,
    /// Built on first use by library search (`prefilter::may_match_text`).
    prefilter: prefilter::Slot,
}

/// How matches are found.
#[derive(Clone, Debug)]
enum Engine {
    /// The general case: the rewritten query as a regex, for `str` and for raw bytes.
    /// The bytes regex is compiled on first use: incremental search never needs it.
    Regex { text: regex::Regex, bytes: std::sync::OnceLock<Option<regex::bytes::Regex>> },
    /// The query is a plain set of literals (one character): see [`literals`].
    Literals(literals::LiteralSet),
}

impl Matcher {
    /// Compiles `pattern`, a literal (never regex syntax), under the folding rules of the module
    /// documentation.
    pub fn new(pattern: &str, options: SearchOptions) -> Result<Matcher, SearchError> {
        // Checked before the variant tables are touched: building them is the costly part of the
        // first search, and an empty filter (the meeting list's) must not pay for it.
        if pattern.chars().all(char::is_whitespace) {
            return Err(SearchError::EmptyPattern);
        }
        let case_sensitive = has_uppercase(pattern);
        let mode = FoldMode { case_insensitive: !case_sensitive, kana: options.kana_fold };
        let compiled = compile::compile(pattern, mode, table::table(mode)).map_err(|e| match e {
            compile::CompileError::Empty => SearchError::EmptyPattern,
            compile::CompileError::TooLong => {
                SearchError::TooComplex(format!("{} characters", pattern.chars().count()))
            }
        })?;
        let engine = match &compiled.literals {
            Some(literals) => Engine::Literals(literals::LiteralSet::new(literals)),
            None => Engine::Regex {
                text: regex::RegexBuilder::new(&compiled.source)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map_err(too_complex)?,
                bytes: std::sync::OnceLock::new(),
            },
        };
        Ok(Matcher {
            pattern: pattern.to_owned(),
            options,
            case_sensitive,
            source: compiled.source,
            engine,
            prefilter: prefilter::Slot::new(),
        })
    }

    fn fold_mode(&self) -> FoldMode {
        FoldMode { case_insensitive: !self.case_sensitive, kana: self.options.kana_fold }
    }

    /// The prefilter for files, built once (a matcher is shared by a library search's workers).
    fn prefilter(&self) -> &prefilter::Prefilter {
        self.prefilter.get_or_init(|| std::sync::Arc::new(prefilter::Prefilter::new(self)))
    }

    /// The query as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The options the matcher was built with.
    pub fn options(&self) -> SearchOptions {
        self.options
    }

    /// Whether case matters (smartcase: the query has an uppercase letter after width folding).
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// The regex the query was rewritten to (for debugging and `--explain` style output). A
    /// one-character query is searched without it, by a faster literal search with the same
    /// results.
    pub fn regex_source(&self) -> &str {
        &self.source
    }

    /// Byte ranges of non-overlapping matches in `text`, left to right.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        // Literal needles are whole UTF-8 characters, so their matches fall on char boundaries.
        match &self.engine {
            Engine::Regex { text: regex, .. } => Either::Left(regex.find_iter(text).map(|m| m.range())),
            Engine::Literals(set) => Either::Right(set.find_iter(text.as_bytes())),
        }
    }

    /// Whether `text` has a match.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.engine {
            Engine::Regex { text: regex, .. } => regex.is_match(text),
            Engine::Literals(set) => set.is_match(text.as_bytes()),
        }
    }

    /// The raw-bytes regex, compiled from the same source as the text one (so it cannot fail
    /// where that one succeeded; `None` only if it somehow does).
    fn bytes_regex(&self) -> Option<&regex::bytes::Regex> {
        match &self.engine {
            Engine::Regex { bytes, .. } => bytes
                .get_or_init(|| regex::bytes::RegexBuilder::new(&self.source).size_limit(REGEX_SIZE_LIMIT).build().ok())
                .as_ref(),
            Engine::Literals(_) => None,
        }
    }

    /// Whether raw file contents (UTF-8, possibly invalid in places) have a match.
    pub fn is_match_bytes(&self, bytes: &[u8]) -> bool {
        match &self.engine {
            Engine::Regex { .. } => self.bytes_regex().is_some_and(|regex| regex.is_match(bytes)),
            Engine::Literals(set) => set.is_match(bytes),
        }
    }

    /// Byte ranges of non-overlapping matches in raw file contents, left to right.
    pub fn find_iter_bytes<'t>(&'t self, bytes: &'t [u8]) -> impl Iterator<Item = Range<usize>> + 't {
        match &self.engine {
            Engine::Regex { .. } => match self.bytes_regex() {
                Some(regex) => Either::Left(Either::Left(regex.find_iter(bytes).map(|m| m.range()))),
                None => Either::Left(Either::Right(std::iter::empty())),
            },
            Engine::Literals(set) => Either::Right(set.find_iter(bytes)),
        }
    }
}

/// Builds the variant tables that queries under `options` will need (both case modes), so that
/// the first keystroke of a search does not pay for them (a few milliseconds each). Optional:
/// [`Matcher::new`] builds what it needs on first use. Safe to call from any thread, any number
/// of times.
pub fn warm_up(options: SearchOptions) {
    for case_insensitive in [true, false] {
        table::table(FoldMode { case_insensitive, kana: options.kana_fold });
    }
}

/// Folded form of a string as the matcher sees it (for tests, debugging and hit-context
/// display). Whitespace is folded too (U+3000 becomes a space) but kept.
pub fn fold_for_display(text: &str, options: SearchOptions, case_sensitive: bool) -> String {
    fold::fold_str(text, FoldMode { case_insensitive: !case_sensitive, kana: options.kana_fold })
}

/// Smartcase: an uppercase letter after width folding (`ＤＸ` counts, `ⅰ` does not).
fn has_uppercase(pattern: &str) -> bool {
    let width_only = FoldMode { case_insensitive: false, kana: false };
    fold::fold_str(pattern, width_only).chars().any(char::is_uppercase)
}

/// One of two iterators, so that `find_iter` can return either engine's without boxing.
enum Either<L, R> {
    Left(L),
    Right(R),
}

impl<L, R> Iterator for Either<L, R>
where
    L: Iterator<Item = Range<usize>>,
    R: Iterator<Item = Range<usize>>,
{
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            Either::Left(l) => l.next(),
            Either::Right(r) => r.next(),
        }
    }
}

fn too_complex(error: regex::Error) -> SearchError {
    match error {
        regex::Error::CompiledTooBig(limit) => {
            SearchError::TooComplex(format!("the matcher would exceed {limit} bytes"))
        }
        other => SearchError::TooComplex(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(q: &str, text: &str) -> Vec<Range<usize>> {
        Matcher::new(q, SearchOptions::default()).unwrap().find_iter(text).collect()
    }

    #[test]
    fn finds_with_every_folding() {
        assert_eq!(ranges("１５％", "率は15%です"), vec![6..9]);
        assert_eq!(ranges("かいぎ", "ｶｲｷﾞ"), vec![0..12]);
        assert_eq!(ranges("令和9年度", "令和 9 年度"), vec![0..15]);
    }

    #[test]
    fn smartcase_reads_fullwidth_uppercase() {
        assert!(Matcher::new("ＤＸ", SearchOptions::default()).unwrap().case_sensitive());
        assert!(!Matcher::new("dx", SearchOptions::default()).unwrap().case_sensitive());
    }

    #[test]
    fn errors_read_as_english() {
        assert_eq!(SearchError::EmptyPattern.to_string(), "the search pattern is empty");
    }
}
