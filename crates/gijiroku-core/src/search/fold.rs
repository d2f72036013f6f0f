//! The one definition of "these characters are the same": width, case and kana folding.
//!
//! Both the query and the variant table go through [`fold_str`], so the query side and the text
//! side can never disagree about what a character folds to. Folding is:
//!
//! 1. per character, the compatibility decomposition (the first half of NFKC), with three
//!    exceptions, each kept as it is:
//!    - characters whose decomposition would contain a space (`´` → ` ́`): spaces are the
//!      separator logic's business, not the folding's;
//!    - styled letters and digits ([`is_styled`]: `𝐀`, `Ⓐ`, `ᵃ`, `²`, `ℂ`), which never occur in
//!      minutes but gave every ASCII letter thirty-odd variants, enough to defeat the regex
//!      engine's literal prefilter and make ASCII queries ten times slower;
//!    - supplementary-plane characters outside the blocks the variant table scans
//!      ([`in_folded_planes`]), so that the query side never folds what the text side cannot.
//!
//!    And the spacing sound marks `゛` `゜` are read as the combining ones, since old text writes
//!    `か゛` for `が`;
//! 2. canonical composition of adjacent pairs (the second half of NFKC), which is what turns
//!    halfwidth `ｶﾞ` and `か` + U+3099 into one `が`. Unlike NFC this never reorders combining
//!    marks: the text side is matched character by character in its original order, and a fold
//!    that moved marks around would let a string fail to match itself;
//! 3. per character, lowercase (when the search is case-insensitive), then katakana → hiragana
//!    (when kana folding is on).

use unicode_normalization::char::{compose, decompose_compatible};

/// Which foldings are in force. Width (NFKC) folding is always on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FoldMode {
    pub case_insensitive: bool,
    pub kana: bool,
}

impl FoldMode {
    /// Index into the four lazily built variant tables.
    pub(crate) fn index(self) -> usize {
        usize::from(self.case_insensitive) * 2 + usize::from(self.kana)
    }
}

/// Voiced and semi-voiced sound marks, combining forms (U+3099, U+309A).
const COMBINING_VOICED: char = '\u{3099}';
const COMBINING_SEMI_VOICED: char = '\u{309A}';

/// Appends the per-character compatibility decomposition of `c` (step 1 of the module doc).
pub(crate) fn push_compat(c: char, out: &mut String) {
    match c {
        '\u{309B}' => out.push(COMBINING_VOICED),
        '\u{309C}' => out.push(COMBINING_SEMI_VOICED),
        _ if !in_folded_planes(c) => out.push(c),
        _ => {
            let start = out.len();
            decompose_compatible(c, |d| out.push(d));
            let decomposed = &out[start..];
            let keep = (!c.is_whitespace() && decomposed.chars().any(char::is_whitespace))
                || (is_styled(c) && decomposed.chars().nth(1).is_none());
            if keep {
                out.truncate(start);
                out.push(c);
            }
        }
    }
}

/// Whether `c` lies where folding applies: the BMP, Enclosed Ideographic Supplement (`🈀`) and
/// CJK Compatibility Ideographs Supplement. The variant table scans exactly these.
pub(crate) fn in_folded_planes(c: char) -> bool {
    matches!(u32::from(c), 0..=0xFFFF | 0x1_F200..=0x1_F2FF | 0x2_F800..=0x2_FA1F)
}

/// Blocks of styled letters and digits; those of their characters that decompose to a single
/// character are not folded (see the module documentation). Multi-character ones (`℃`, `№`,
/// `℡`) still are.
fn is_styled(c: char) -> bool {
    matches!(
        u32::from(c),
        0xAA | 0xB2 | 0xB3 | 0xB9 | 0xBA // ª ² ³ ¹ º
        | 0x2B0..=0x2FF // spacing modifier letters: ʰ ˢ
        | 0x1D2C..=0x1DBF // phonetic modifier letters: ᴬ ᵃ
        | 0x2070..=0x209F // superscripts and subscripts: ⁱ ₐ
        | 0x2100..=0x214F // letterlike symbols: ℂ ℯ ℹ
        | 0x24B6..=0x24E9 // circled Latin letters: Ⓐ ⓐ
        | 0xA7F0..=0xA7FF // modifier capitals: ꟱
        | 0x1_D400..=0x1_D7FF // mathematical alphanumerics: 𝐀 𝟏
        | 0x1_F100..=0x1_F1FF // enclosed alphanumeric supplement: 🄰
    )
}

/// Katakana → hiragana for the letters that have a hiragana twin (ァ..ヶ, ヽ, ヾ).
///
/// ヷヸヹヺ have no precomposed hiragana and stay katakana; so do ー and the small ㇰ-series.
pub(crate) fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Appends `c` after the case and kana steps (step 3).
fn push_case_kana(c: char, mode: FoldMode, out: &mut String) {
    if mode.case_insensitive {
        for l in c.to_lowercase() {
            out.push(if mode.kana { to_hiragana(l) } else { l });
        }
    } else {
        out.push(if mode.kana { to_hiragana(c) } else { c });
    }
}

/// Folds a whole string (all three steps). Whitespace is folded like any character (U+3000
/// becomes a space); callers that treat whitespace specially split on it first.
pub(crate) fn fold_str(s: &str, mode: FoldMode) -> String {
    let mut decomposed = String::with_capacity(s.len());
    for c in s.chars() {
        push_compat(c, &mut decomposed);
    }
    let mut out = String::with_capacity(decomposed.len());
    let mut pending: Option<char> = None;
    for c in decomposed.chars() {
        pending = match pending {
            Some(p) => match compose(p, c) {
                Some(composed) => Some(composed),
                None => {
                    push_case_kana(p, mode, &mut out);
                    Some(c)
                }
            },
            None => Some(c),
        };
    }
    if let Some(p) = pending {
        push_case_kana(p, mode, &mut out);
    }
    out
}

/// Whether `c` certainly folds to itself, decided without allocating. Most of the code space
/// (CJK ideographs, hiragana, ASCII lowercase) answers here, which keeps the table build cheap.
pub(crate) fn folds_to_itself_quickly(c: char, mode: FoldMode) -> bool {
    if matches!(c, '\u{309B}' | '\u{309C}') {
        return false;
    }
    if mode.kana && to_hiragana(c) != c {
        return false;
    }
    if mode.case_insensitive {
        let mut lower = c.to_lowercase();
        if lower.next() != Some(c) || lower.next().is_some() {
            return false;
        }
    }
    unicode_normalization::is_nfkc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: FoldMode = FoldMode { case_insensitive: true, kana: true };
    const NONE: FoldMode = FoldMode { case_insensitive: false, kana: false };

    #[test]
    fn width_case_and_kana() {
        assert_eq!(fold_str("１５％（ＡＢＣ）", ALL), "15%(abc)");
        assert_eq!(fold_str("１５％（ＡＢＣ）", NONE), "15%(ABC)");
        assert_eq!(fold_str("ｶﾞｲﾄﾞ", ALL), "がいど");
        assert_eq!(fold_str("ｶﾞｲﾄﾞ", NONE), "ガイド");
        assert_eq!(fold_str("か\u{3099}", NONE), "が");
        assert_eq!(fold_str("か゛ハ゜", ALL), "がぱ");
        assert_eq!(fold_str("ヴヽヾヷー", ALL), "ゔゝゞヷー");
    }

    #[test]
    fn quick_check_is_never_wrong_anywhere() {
        let modes = [ALL, NONE];
        for mode in modes {
            for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
                if folds_to_itself_quickly(c, mode) {
                    let mut buf = [0; 4];
                    assert_eq!(fold_str(c.encode_utf8(&mut buf), mode), c.to_string());
                }
            }
        }
    }

    #[test]
    fn spaces_in_decompositions_are_not_introduced() {
        // ´ would decompose to a space plus a combining acute.
        assert_eq!(fold_str("a´b", NONE), "a´b");
        assert_eq!(fold_str("a\u{3000}b", NONE), "a b");
    }

    #[test]
    fn styled_letters_and_far_planes_are_not_folded() {
        assert_eq!(fold_str("𝐀Ⓐᵃ²ℂ", ALL), "𝐀ⓐᵃ²ℂ");
        assert_eq!(fold_str("℃①㋐🈂", ALL), "°c1あさ");
        assert_eq!(fold_str("𐐀", NONE), "𐐀");
    }

    #[test]
    fn quick_check_agrees_with_full_fold() {
        for mode in [ALL, NONE] {
            for c in ['a', 'A', 'ア', 'ｱ', '漢', '①', '\u{3099}', '゛', 'é'] {
                if folds_to_itself_quickly(c, mode) {
                    assert_eq!(fold_str(&c.to_string(), mode), c.to_string(), "{c}");
                }
            }
        }
        assert!(!folds_to_itself_quickly('A', ALL));
        assert_eq!(fold_str("\u{301}\u{FF9E}", NONE), "\u{301}\u{3099}", "no reordering");
        assert!(!folds_to_itself_quickly('ア', ALL));
        assert!(folds_to_itself_quickly('漢', ALL));
    }
}
