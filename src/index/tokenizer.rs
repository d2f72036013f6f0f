//! The index's tokenizer: text folded as the in-meeting search folds it, then cut into
//! character 1- and 2-grams (tantivy's n-gram tokenizer), so that Japanese needs no word
//! segmentation.
//!
//! The index only has to find a superset of the meetings the matcher would match: the matcher
//! confirms and counts. So the folding here is [`crate::core::search::fold_for_display`] (with
//! every folding on: case and kana, so that a case-sensitive or kana-exact query finds a subset
//! of what it finds), then made *coarser*, never finer:
//!
//! - every character is folded on its own, and whatever decomposes canonically is reduced to its
//!   base characters (`が` → `か`): the search's folding composes adjacent pairs (`ｶﾞ` → `が`),
//!   and a match may start or end between the two, so a gram must not depend on its neighbours;
//! - whitespace, combining marks and invisible characters are dropped: the matcher lets PDF
//!   spaces, variation selectors and the zero-width joiner sit between any two characters.
//!
//! A match of the query in a text is then a run of characters of the text whose normal form is
//! the query's normal form, so every gram of the query is a gram of the text.

use std::collections::HashMap;

use tantivy::tokenizer::{NgramTokenizer, Tokenizer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::core::search::{SearchOptions, fold_for_display};

/// The name the tokenizer is registered under in the index.
pub(crate) const NAME: &str = "gijiroku_folded_grams";

/// Bumped whenever [`Normalizer`], the grams or what the index stores change (2: the places
/// table, `index::places`): an index written with another version is rebuilt, never read.
pub const VERSION: u32 = 2;

/// Grams of one and two characters: one for one-character queries, two for the rest.
const MAX_GRAM: usize = 2;

/// The per-character normal form, memoised: a library has a few thousand distinct characters,
/// and folding one costs allocations.
#[derive(Clone, Default)]
pub struct Normalizer {
    /// The Basic Multilingual Plane, by code point: 0 unknown, [`DROPPED`], [`SEVERAL`], or the
    /// one character it becomes (plus one).
    bmp: Vec<u32>,
    /// Characters that become several, and characters outside the BMP.
    other: HashMap<char, Box<str>>,
}

const UNKNOWN: u32 = 0;
const DROPPED: u32 = u32::MAX;
const SEVERAL: u32 = u32::MAX - 1;

impl Normalizer {
    /// Appends the normal form of `text` to `out`.
    pub(crate) fn normalize_into(&mut self, text: &str, out: &mut String) {
        if self.bmp.is_empty() {
            self.bmp = vec![UNKNOWN; 0x1_0000];
        }
        for c in text.chars() {
            let code = u32::from(c) as usize;
            let Some(&slot) = self.bmp.get(code) else {
                out.push_str(self.other.entry(c).or_insert_with(|| normal_form(c).into_boxed_str()));
                continue;
            };
            let slot = match slot {
                UNKNOWN => {
                    let normal = normal_form(c);
                    let mut chars = normal.chars();
                    let value = match (chars.next(), chars.next()) {
                        (None, _) => DROPPED,
                        (Some(one), None) => u32::from(one) + 1,
                        _ => {
                            self.other.insert(c, normal.into_boxed_str());
                            SEVERAL
                        }
                    };
                    self.bmp[code] = value;
                    value
                }
                known => known,
            };
            match slot {
                DROPPED => {}
                SEVERAL => out.push_str(self.other.get(&c).map_or("", |s| s)),
                one => out.extend(char::from_u32(one - 1)),
            }
        }
    }

    /// The normal form of `text` as a new string.
    pub(crate) fn normalize(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.normalize_into(text, &mut out);
        out
    }
}

/// One character's normal form (see the module documentation): folded, decomposed to its base
/// characters, what the matcher skips dropped; twice, since folding a base character freed of
/// its mark can fold it further (`ヷ` stays katakana, its `ワ` does not).
fn normal_form(c: char) -> String {
    let mut once = String::new();
    reduce(c, &mut once);
    let mut twice = String::new();
    for d in once.chars() {
        reduce(d, &mut twice);
    }
    twice
}

fn reduce(c: char, out: &mut String) {
    let mut buffer = [0; 4];
    let folded = fold_for_display(c.encode_utf8(&mut buffer), SearchOptions { kana_fold: true }, false);
    for d in folded.chars() {
        decompose_canonical(d, |e| {
            if !skipped(e) {
                out.push(e);
            }
        });
    }
}

/// What the matcher lets sit anywhere (spaces, the zero-width joiner, variation selectors), what
/// the sanitiser may leave or remove (format characters), and combining marks.
fn skipped(c: char) -> bool {
    c.is_whitespace()
        || is_combining_mark(c)
        || matches!(c, '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}')
        || matches!(c, '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The grams a query needs: every distinct 2-gram of its normal form, or its one character. An
/// empty list means the index cannot narrow the search (every file is a candidate).
pub(crate) fn query_grams(pattern: &str) -> Vec<String> {
    let normal = Normalizer::default().normalize(pattern);
    let chars: Vec<char> = normal.chars().collect();
    if chars.len() < MAX_GRAM {
        return chars.iter().map(|c| c.to_string()).collect();
    }
    let mut grams: Vec<String> = chars.windows(MAX_GRAM).map(|w| w.iter().collect()).collect();
    grams.sort();
    grams.dedup();
    grams
}

/// The tantivy tokenizer: the normal form, then tantivy's n-grams of 1 and 2 characters.
#[derive(Clone)]
pub struct FoldedGrams {
    normalizer: Normalizer,
    grams: NgramTokenizer,
    buffer: String,
}

impl FoldedGrams {
    pub fn new() -> tantivy::Result<FoldedGrams> {
        Ok(FoldedGrams {
            normalizer: Normalizer::default(),
            grams: NgramTokenizer::all_ngrams(1, MAX_GRAM)?,
            buffer: String::new(),
        })
    }
}

impl Tokenizer for FoldedGrams {
    type TokenStream<'a> = <NgramTokenizer as Tokenizer>::TokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let FoldedGrams { normalizer, grams, buffer } = self;
        buffer.clear();
        normalizer.normalize_into(text, buffer);
        grams.token_stream(buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_as_the_search_does_and_then_coarser() {
        let mut n = Normalizer::default();
        assert_eq!(n.normalize("１５％（ＡＢＣ）"), "15%(abc)");
        assert_eq!(n.normalize("ｶﾞｲﾄﾞ"), "かいと");
        assert_eq!(n.normalize("ガイド"), "かいと");
        assert_eq!(n.normalize("令和 9 年度\u{3000}予算"), "令和9年度予算");
        assert_eq!(n.normalize("葛\u{E0100}城\u{200D}"), "葛城");
        assert_eq!(n.normalize("ヷ"), n.normalize("わ"));
    }

    /// Regression guard for the composition the search makes: `か` followed by a halfwidth
    /// voiced mark is one `が` to the search's folding, but the matcher may find `か` there.
    #[test]
    fn a_character_before_a_mark_keeps_its_gram() {
        let mut n = Normalizer::default();
        assert!(n.normalize("かﾞい").contains("かい"));
        assert_eq!(query_grams("か"), vec!["か".to_string()]);
    }

    #[test]
    fn query_grams_are_distinct_pairs() {
        assert_eq!(query_grams("ああああ"), vec!["ああ".to_string()]);
        assert_eq!(query_grams("予算 案"), vec!["予算".to_string(), "算案".to_string()]);
        assert!(query_grams("\u{3099}").is_empty());
    }
}
