//! The variant table: for each folded character, every original string that folds to it.
//!
//! The matcher never folds the text it searches; it rewrites the query instead, so that each
//! folded query character becomes an alternation of its originals and match offsets are offsets
//! into the original text. This table is that inverse of [`fold_str`]. It is built once per
//! [`FoldMode`] (four at most) on first use, from:
//!
//! - every character of the BMP and of the two supplementary blocks that fold (enclosed and
//!   compatibility ideographs) whose fold is one character (`Ａ` → `a`, `ｶ` → `か`, `⼥` → `女`);
//! - two-character sequences that compose into one folded character: a base from the table
//!   above followed by a combining mark from it (`ｶﾞ`, `か` + U+3099, `カ゛`, `e` + U+0301);
//! - characters that fold to several (`㍉` → `みり`, `㈱` → `(株)`), kept apart and keyed by the
//!   first folded character, because they match a run of query characters, not one.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::decompose_canonical;

use super::fold::{FoldMode, fold_str, folds_to_itself_quickly, in_folded_planes};

/// A character that folds to several characters, and what it folds to.
#[derive(Debug)]
pub(crate) struct MultiFold {
    pub folded: Box<[char]>,
    pub original: char,
}

/// See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct VariantTable {
    /// Folded character → originals other than itself, longest first.
    single: HashMap<char, Vec<Box<str>>>,
    /// First folded character → characters whose fold starts there and is longer than one.
    multi: HashMap<char, Vec<MultiFold>>,
}

impl VariantTable {
    /// The originals of the folded character `folded` other than itself, longest first (so that
    /// a composed sequence would be tried before a prefix of it).
    pub(crate) fn variants(&self, folded: char) -> &[Box<str>] {
        self.single.get(&folded).map_or(&[], |v| v.as_slice())
    }

    /// Characters whose fold is several characters starting with `first`.
    pub(crate) fn multi_starting_with(&self, first: char) -> &[MultiFold] {
        self.multi.get(&first).map_or(&[], |v| v.as_slice())
    }
}

/// The table for `mode`, built on first use.
pub(crate) fn table(mode: FoldMode) -> &'static VariantTable {
    static TABLES: [OnceLock<VariantTable>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    TABLES[mode.index()].get_or_init(|| build(mode))
}

/// Code points scanned: every one that folding applies to ([`in_folded_planes`]).
fn scanned_chars() -> impl Iterator<Item = char> {
    [0..=0xFFFF_u32, 0x1_F200..=0x1_F2FF, 0x2_F800..=0x2_FA1F]
        .into_iter()
        .flatten()
        .filter_map(char::from_u32)
        .filter(|&c| in_folded_planes(c))
}

/// Builds the table for `mode` (see the module documentation).
pub(crate) fn build(mode: FoldMode) -> VariantTable {
    let mut table = VariantTable::default();
    let mut buf = [0_u8; 4];
    for c in scanned_chars() {
        // Whitespace is matched by the separator logic, never as a variant.
        if c.is_whitespace() || folds_to_itself_quickly(c, mode) {
            continue;
        }
        let folded = fold_str(c.encode_utf8(&mut buf), mode);
        let mut chars = folded.chars();
        match (chars.next(), chars.next()) {
            (Some(f), None) if f == c => {}
            (Some(f), None) => table.single.entry(f).or_default().push(c.to_string().into_boxed_str()),
            (Some(f), Some(_)) => {
                table.multi.entry(f).or_default().push(MultiFold { folded: folded.chars().collect(), original: c })
            }
            (None, _) => {}
        }
    }
    add_composed_sequences(&mut table, mode);
    for list in table.single.values_mut() {
        list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        list.dedup();
    }
    table
}

/// Adds base + combining-mark sequences that fold to one character (second item of the module
/// documentation). Only characters with a two-character canonical decomposition are
/// considered: that covers every voiced kana and the common accented letters.
fn add_composed_sequences(table: &mut VariantTable, mode: FoldMode) {
    let mut found: Vec<(char, String)> = Vec::new();
    let mut buf = [0_u8; 4];
    for p in scanned_chars() {
        let mut parts = [None; 3];
        let mut count = 0;
        decompose_canonical(p, |d| {
            if let Some(slot) = parts.get_mut(count) {
                *slot = Some(d);
            }
            count += 1;
        });
        let (2, [Some(base), Some(mark), None]) = (count, parts) else {
            continue;
        };
        let Some(target) = single_fold(p, mode, &mut buf) else {
            continue;
        };
        let (Some(fb), Some(fm)) = (single_fold(base, mode, &mut buf), single_fold(mark, mode, &mut buf)) else {
            continue;
        };
        for x in single_char_variants(table, fb) {
            for y in single_char_variants(table, fm) {
                let mut seq = String::with_capacity(8);
                seq.push(x);
                seq.push(y);
                let refolded = fold_str(&seq, mode);
                let mut it = refolded.chars();
                if it.next() == Some(target) && it.next().is_none() {
                    found.push((target, seq));
                }
            }
        }
    }
    for (target, seq) in found {
        table.single.entry(target).or_default().push(seq.into_boxed_str());
    }
}

/// The fold of `c` when it is one character.
fn single_fold(c: char, mode: FoldMode, buf: &mut [u8; 4]) -> Option<char> {
    if folds_to_itself_quickly(c, mode) {
        return Some(c);
    }
    let folded = fold_str(c.encode_utf8(buf), mode);
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (Some(f), None) => Some(f),
        _ => None,
    }
}

/// `folded` itself and its one-character originals (no sequences).
fn single_char_variants(table: &VariantTable, folded: char) -> Vec<char> {
    let mut out = vec![folded];
    for v in table.single.get(&folded).into_iter().flatten() {
        let mut chars = v.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODES: [FoldMode; 4] = [
        FoldMode { case_insensitive: true, kana: true },
        FoldMode { case_insensitive: true, kana: false },
        FoldMode { case_insensitive: false, kana: true },
        FoldMode { case_insensitive: false, kana: false },
    ];

    #[test]
    fn every_variant_folds_to_its_key() {
        for mode in MODES {
            let t = table(mode);
            for (key, variants) in &t.single {
                for v in variants {
                    assert_eq!(fold_str(v, mode), key.to_string(), "{v:?} in {mode:?}");
                    assert!(!v.chars().any(char::is_whitespace));
                }
            }
            for (first, multis) in &t.multi {
                for m in multis {
                    assert_eq!(m.folded.first(), Some(first));
                    let folded: String = m.folded.iter().collect();
                    assert_eq!(fold_str(&m.original.to_string(), mode), folded);
                }
            }
        }
    }

    #[test]
    fn voiced_kana_in_every_spelling() {
        let t = table(MODES[0]);
        let ga: Vec<&str> = t.variants('が').iter().map(|s| &**s).collect();
        for spelling in ["ガ", "ｶﾞ", "か\u{3099}", "カ\u{3099}", "カ゛", "ｶ\u{3099}"] {
            assert!(ga.contains(&spelling), "{spelling:?} missing from {ga:?}");
        }
        // Without kana folding, katakana spellings belong to ガ, not to が.
        let t = table(MODES[3]);
        assert!(!t.variants('が').iter().any(|v| &**v == "ガ"));
        assert!(t.variants('ガ').iter().any(|v| &**v == "ｶﾞ"));
    }
}
