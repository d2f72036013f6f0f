//! Query → regex pattern: each folded query character becomes the alternation of its originals,
//! with room for PDF-extraction spaces between characters.
//!
//! Rewriting the query, instead of folding the text, keeps match offsets on the original text
//! (no offset map to build per document) and leaves scanning to the regex engine, whose literal
//! prefilters make library search run close to ripgrep's speed.
//!
//! Spaces (the class [`SPACE_CLASS`]; never a newline) are handled per gap between two folded
//! query characters:
//!
//! - the query had whitespace there and both sides fold to ASCII (`new york`): one or more;
//! - either side folds to a non-ASCII character (`令和9`, `DXの`, `岩井`): any number, none
//!   included, whether or not the query had a space there;
//! - both sides fold to ASCII and the query had no space: a space may follow or precede only an
//!   original that is not ASCII (`１ ５` is a PDF's `１５`), never sit between two ASCII ones
//!   (`a b` is two words, not `ab`).
//!
//! Nothing is ever allowed before the first or after the last character, so a match never starts
//! or ends on a skipped space.

use std::collections::BTreeMap;

use super::fold::{FoldMode, fold_str};
use super::table::VariantTable;

/// The ranges of [`crate::sanitize::is_ignored_by_search`], for regex classes.
macro_rules! ignored_ranges {
    () => {
        r"\x{180B}-\x{180D}\x{180F}\x{200D}\x{FE00}-\x{FE0F}\x{E0100}-\x{E01EF}"
    };
}

/// The spaces a PDF extractor inserts: space, tab, no-break and typographic spaces, ideographic
/// space; and the characters the model keeps for display but search ignores (variation
/// selectors, the zero-width joiner: see `core::sanitize`), so that `葛城` finds `葛` + U+E0100 +
/// `城`. Newlines (and the other line separators) are deliberately absent.
pub(crate) const SPACE_CLASS: &str =
    concat!(r"[\t \x{A0}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}", ignored_ranges!(), "]");

/// The line breaks of the sanitiser (CR, LF, NEL, FF, U+2028, U+2029).
macro_rules! line_breaks {
    () => {
        r"\n\r\x{85}\x{0C}\x{2028}\x{2029}"
    };
}

/// One thing the sanitiser or the parser may remove from inside a line of a text: whitespace, a
/// control, an invisible or ignored character, an escape sequence (with whatever follows it on
/// the line: its parameters and payload), or an inline Markdown mark (`*`, `_`, `` ` ``, `~`, a
/// link's brackets and its `(target)`: a split archive's titles lose them).
macro_rules! inline_removable {
    () => {
        concat!(
            r"(?:[[\s--",
            line_breaks!(),
            r"]\x00-\x08\x0B\x0E-\x1A\x1C-\x1F\x7F-\x84\x86-\x8F\x91-\x97\x99\x9A\x9C",
            r"\x{AD}\x{34F}\x{600}-\x{605}\x{61C}\x{6DD}\x{70F}\x{890}\x{891}\x{8E2}\x{115F}\x{1160}",
            r"\x{17B4}\x{17B5}\x{180E}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{206F}\x{3164}",
            r"\x{FEFF}\x{FFA0}\x{FFF9}-\x{FFFB}\x{110BD}\x{110CD}\x{13430}-\x{1343F}\x{1BCA0}-\x{1BCA3}",
            r"\x{1D173}-\x{1D17A}\x{E0000}-\x{E007F}",
            ignored_ranges!(),
            r"*_`~\[\]]|[\x1B\x90\x98\x9B\x9D-\x9F][^",
            line_breaks!(),
            r"]*|\]\([^)",
            line_breaks!(),
            r"]*\))"
        )
    };
}

/// What may stand between two characters of a match in the decoded *source* once the sanitiser
/// and the parser have repaired it (see [`compile_repaired`]): what [`inline_removable`] names,
/// on a line; or a line break and any whole lines after it (page footers, blank lines), so that
/// the first character ends its line and the second starts its own (but for those removables).
const REPAIR_GAP: &str = concat!(
    inline_removable!(),
    r"*(?:[",
    line_breaks!(),
    r"](?:[^",
    line_breaks!(),
    r"]*[",
    line_breaks!(),
    r"])*",
    inline_removable!(),
    "*)?"
);

/// Longest regex source we hand to the regex parser; beyond this the query is refused as too
/// complex before any time is spent compiling it.
pub(crate) const MAX_PATTERN_LEN: usize = 1 << 20;

/// What may stand between two consecutive folded query characters (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// One or more spaces.
    Required,
    /// Zero or more spaces.
    Optional,
    /// Spaces only next to an original that is not ASCII.
    Conditional,
}

/// Why no pattern came out.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CompileError {
    /// The query is empty or only whitespace.
    Empty,
    /// The pattern would be longer than [`MAX_PATTERN_LEN`].
    TooLong,
}

/// A run of query characters that one original character folds to (`㍉` for `みり`).
#[derive(Debug)]
struct Edge {
    start: usize,
    end: usize,
    originals: Vec<char>,
}

/// The folded query, ready to render.
struct Query<'a> {
    chars: Vec<char>,
    /// `gaps[k]` sits between `chars[k - 1]` and `chars[k]`; `gaps[0]` is unused.
    gaps: Vec<Gap>,
    /// Accepted multi-character runs, sorted by start, then longest first; no two cross.
    edges: Vec<Edge>,
    table: &'a VariantTable,
    /// Render for [`compile_repaired`]: every gap is a [`REPAIR_GAP`], inside originals too.
    repaired: bool,
}

/// What a query compiles to.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// The regex source.
    pub source: String,
    /// When the regex is no more than an alternation of literals (a one-character query), the
    /// literals, longest first, in the regex's order.
    pub literals: Option<Vec<String>>,
}

/// Compiles `query` under `mode`.
pub(crate) fn compile(query: &str, mode: FoldMode, table: &VariantTable) -> Result<Compiled, CompileError> {
    let (chars, gaps) = fold_query(query, mode);
    let literals = match chars.as_slice() {
        [] => return Err(CompileError::Empty),
        [only] => Some(sorted_variants(table, *only)),
        _ => None,
    };
    let edges = find_edges(&chars, &gaps, table);
    let q = Query { chars, gaps, edges, table, repaired: false };
    let mut source = String::new();
    q.render(0, q.chars.len(), false, &mut source)?;
    Ok(Compiled { source, literals })
}

/// A regex over *decoded source text* that matches wherever the sanitiser's and the parser's
/// repairs could make `query` match in the model: the query's characters (any original of each, edges included)
/// with a [`REPAIR_GAP`] between any two, also between the characters of a multi-character
/// original (`ｶ` and `ﾞ` cut by a wrap). It assumes what the parsers do: each text of the model
/// is made of source lines in order, joined, with whitespace trimmed and whole lines (page
/// footers, blank lines) dropped, and markers removed only where a text starts or ends. A
/// superset of the matcher's matches, never a subset: `library::may_match` rules a file out only
/// when this finds nothing.
pub(crate) fn compile_repaired(query: &str, mode: FoldMode, table: &VariantTable) -> Result<String, CompileError> {
    let (chars, gaps) = fold_query(query, mode);
    if chars.is_empty() {
        return Err(CompileError::Empty);
    }
    let edges = find_edges(&chars, &gaps, table);
    let q = Query { chars, gaps, edges, table, repaired: true };
    let mut source = String::new();
    q.render(0, q.chars.len(), false, &mut source)?;
    Ok(source)
}

/// For each folded character of `query`, every character whose presence in a text is necessary
/// for that position to match: the first character of each of its originals, and each original
/// of an edge covering it (`㍉` for both `み` and `り` of `みり`). A text that lacks all of one
/// position's characters cannot match, whatever was removed or joined around them.
pub(crate) fn presence_sets(query: &str, mode: FoldMode, table: &VariantTable) -> Vec<Vec<String>> {
    let (chars, gaps) = fold_query(query, mode);
    let edges = find_edges(&chars, &gaps, table);
    chars
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let mut set: Vec<String> =
                sorted_variants(table, c).iter().filter_map(|v| v.chars().next()).map(String::from).collect();
            for edge in edges.iter().filter(|e| e.start <= k && k < e.end) {
                set.extend(edge.originals.iter().map(|c| c.to_string()));
            }
            set.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            set.dedup();
            set
        })
        .collect()
}

/// The regex source alone (see [`compile`]).
#[cfg(test)]
fn build_pattern(query: &str, mode: FoldMode, table: &VariantTable) -> Result<String, CompileError> {
    compile(query, mode, table).map(|c| c.source)
}

/// The folded characters of `query` (whitespace removed) and the gap before each.
fn fold_query(query: &str, mode: FoldMode) -> (Vec<char>, Vec<Gap>) {
    let mut chars: Vec<char> = Vec::new();
    let mut gaps = Vec::new();
    for (chunk_index, chunk) in query.split_whitespace().enumerate() {
        let folded = fold_str(chunk, mode);
        // Characters search ignores in the text are ignored in the query too.
        for (k, c) in folded.chars().filter(|&c| !crate::sanitize::is_ignored_by_search(c)).enumerate() {
            let gap = match chars.last() {
                None => Gap::Optional,
                Some(prev) if !prev.is_ascii() || !c.is_ascii() => Gap::Optional,
                Some(_) if chunk_index > 0 && k == 0 => Gap::Required,
                Some(_) => Gap::Conditional,
            };
            gaps.push(gap);
            chars.push(c);
        }
    }
    (chars, gaps)
}

/// The originals of folded character `c`, itself included, longest first.
fn sorted_variants(table: &VariantTable, c: char) -> Vec<String> {
    let mut all: Vec<String> = table.variants(c).iter().map(|s| s.to_string()).collect();
    all.push(c.to_string());
    all.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    all
}

/// Runs of the query that some original character folds to as a whole, keeping only runs that
/// nest or are disjoint (a crossing run is dropped: rendering stays a simple tree of
/// alternations, and crossing runs need two compatibility characters in a row to matter).
fn find_edges(chars: &[char], gaps: &[Gap], table: &VariantTable) -> Vec<Edge> {
    let mut grouped: BTreeMap<(usize, std::cmp::Reverse<usize>), Vec<char>> = BTreeMap::new();
    for (i, &c) in chars.iter().enumerate() {
        for multi in table.multi_starting_with(c) {
            let end = i + multi.folded.len();
            let fits =
                chars.get(i..end) == Some(&multi.folded[..]) && gaps[i + 1..end].iter().all(|g| *g != Gap::Required);
            if fits {
                grouped.entry((i, std::cmp::Reverse(end))).or_default().push(multi.original);
            }
        }
    }
    let mut accepted: Vec<Edge> = Vec::new();
    for ((start, std::cmp::Reverse(end)), originals) in grouped {
        // Sorted by start, so an accepted edge starts at or before this one; it crosses this
        // one if it ends strictly inside it.
        let crosses = accepted.iter().any(|a| start < a.end && end > a.end);
        if !crosses {
            accepted.push(Edge { start, end, originals });
        }
    }
    accepted
}

impl Query<'_> {
    /// Renders characters `i..j` and the gaps strictly between them. `chain_of_edge` says that
    /// `i..j` is the span of an edge being rendered as its character-by-character alternative,
    /// so that edge must not be taken again.
    fn render(&self, i: usize, j: usize, chain_of_edge: bool, out: &mut String) -> Result<(), CompileError> {
        let mut k = i;
        while k < j {
            // Edges are sorted longest first among equal starts, so this is the widest run
            // starting here that fits, other than the one being rendered.
            let edge = self
                .edges
                .iter()
                .find(|e| e.start == k && e.end <= j && !(chain_of_edge && (e.start, e.end) == (i, j)));
            match edge {
                Some(edge) => {
                    out.push_str("(?:");
                    self.render(k, edge.end, true, out)?;
                    out.push('|');
                    let spaces = !self.repaired;
                    if spaces && self.conditional_before(k) {
                        push_spaces(out);
                    }
                    push_alternation(out, edge.originals.iter().map(|c| c.to_string()));
                    if spaces && self.conditional_after(edge.end) {
                        push_spaces(out);
                    }
                    out.push(')');
                    k = edge.end;
                }
                None => {
                    self.render_char(k, out);
                    k += 1;
                }
            }
            if k < j && self.repaired {
                out.push_str(REPAIR_GAP);
            } else if k < j {
                match self.gaps[k] {
                    Gap::Required => {
                        out.push_str(SPACE_CLASS);
                        out.push('+');
                    }
                    Gap::Optional => push_spaces(out),
                    Gap::Conditional => {}
                }
            }
            if out.len() > MAX_PATTERN_LEN {
                return Err(CompileError::TooLong);
            }
        }
        Ok(())
    }

    /// Whether the gap before character `k` is conditional (and so spaces before a non-ASCII
    /// original at `k` are the original's business).
    fn conditional_before(&self, k: usize) -> bool {
        k > 0 && self.gaps[k] == Gap::Conditional
    }

    /// Whether the gap after a unit ending before character `end` is conditional.
    fn conditional_after(&self, end: usize) -> bool {
        end < self.chars.len() && self.gaps[end] == Gap::Conditional
    }

    /// Renders one folded character as the alternation of its originals.
    fn render_char(&self, k: usize, out: &mut String) {
        // Longest first, so that a composed sequence is tried before anything shorter.
        let all = sorted_variants(self.table, self.chars[k]);
        if self.repaired {
            out.push_str("(?:");
            for (n, original) in all.iter().enumerate() {
                if n > 0 {
                    out.push('|');
                }
                for (i, c) in original.chars().enumerate() {
                    if i > 0 {
                        out.push_str(REPAIR_GAP);
                    }
                    push_literal(out, c.encode_utf8(&mut [0; 4]));
                }
            }
            out.push(')');
            return;
        }
        let before = self.conditional_before(k);
        let after = self.conditional_after(k + 1);
        let (ascii, wide): (Vec<&String>, Vec<&String>) = all.iter().partition(|s| s.is_ascii());
        if (!before && !after) || wide.is_empty() {
            // No spaces to allow, or no original that would allow them (a control character
            // has no fullwidth form): an `(?:)` here would make the unit match nothing at all.
            push_alternation(out, all.iter());
            return;
        }
        out.push_str("(?:");
        for a in &ascii {
            push_literal(out, a);
            out.push('|');
        }
        if before {
            push_spaces(out);
        }
        push_alternation(out, wide.iter().copied());
        if after {
            push_spaces(out);
        }
        out.push(')');
    }
}

/// `[spaces]*`.
fn push_spaces(out: &mut String) {
    out.push_str(SPACE_CLASS);
    out.push('*');
}

/// One literal, escaped: the query is text, never regex syntax.
fn push_literal(out: &mut String, literal: &str) {
    out.push_str(&regex::escape(literal));
}

/// `(?:a|b|c)` of escaped literals (just the literal when there is one). Callers never pass an
/// empty list: every folded character has at least itself as an original.
fn push_alternation<S: AsRef<str>>(out: &mut String, literals: impl IntoIterator<Item = S>) {
    let literals: Vec<S> = literals.into_iter().collect();
    if let [only] = literals.as_slice() {
        push_literal(out, only.as_ref());
        return;
    }
    out.push_str("(?:");
    for (n, l) in literals.iter().enumerate() {
        if n > 0 {
            out.push('|');
        }
        push_literal(out, l.as_ref());
    }
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::table::table;

    const MODE: FoldMode = FoldMode { case_insensitive: true, kana: true };

    fn pattern(q: &str) -> String {
        build_pattern(q, MODE, table(MODE)).unwrap()
    }

    #[test]
    fn japanese_gaps_are_optional_spaces() {
        // 令 has a CJK compatibility twin (U+F9A8), and the era square ㋿ folds to 令和.
        let p = pattern("令和");
        assert_eq!(p, format!("(?:(?:令|\u{F9A8}){SPACE_CLASS}*和|㋿)"));
        assert_eq!(pattern("議会"), format!("議{SPACE_CLASS}*会"));
    }

    #[test]
    fn ascii_space_is_required_and_trimmed() {
        let p = pattern("  x  y ");
        assert!(p.contains(&format!("{SPACE_CLASS}+")), "{p}");
        assert!(!p.starts_with('['), "{p}");
        assert!(!p.ends_with('*'), "{p}");
    }

    #[test]
    fn empty_and_whitespace_queries() {
        for q in ["", " ", "\u{3000}\t\n"] {
            assert_eq!(build_pattern(q, MODE, table(MODE)), Err(CompileError::Empty));
        }
    }

    #[test]
    fn multi_fold_characters_become_alternatives() {
        let p = pattern("ミリ");
        assert!(p.contains('㍉'), "{p}");
        let p = pattern("(株)");
        assert!(p.contains('㈱'), "{p}");
    }

    #[test]
    fn characters_without_wide_forms_never_become_empty() {
        let p = pattern("\u{e}\u{7f}");
        assert!(!p.contains("(?:)"), "{p}");
        assert_eq!(p, "\u{e}\u{7f}");
    }

    #[test]
    fn huge_queries_are_refused_not_built() {
        let q = "a".repeat(200_000);
        assert_eq!(build_pattern(&q, MODE, table(MODE)), Err(CompileError::TooLong));
    }
}
