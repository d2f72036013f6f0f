//! Display width of grapheme clusters, with the ambiguous-width setting.
//!
//! The grapheme cluster is the unit: the terminal draws a ZWJ sequence, a flag or `ｶﾞ` as one
//! glyph, so summing per `char` (what textwrap does) over-counts. Every width the layout uses
//! comes from [`grapheme_width`], so that what is measured is what the renderer draws.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How East Asian Ambiguous characters (○ ※ ① ─ …) are drawn by the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmbiguousWidth {
    /// One column (the default nearly everywhere).
    #[default]
    Narrow,
    /// Two columns (CJK terminals configured for it).
    Wide,
}

/// Columns between tab stops; tabs are expanded to the next multiple of this.
pub(crate) const TAB_STOP: usize = 4;

/// Display width (0, 1 or 2) of one grapheme cluster. A tab counts 1 here; layout expands tabs.
///
/// Control characters other than the tab are 0: they are never drawn (the renderer skips them),
/// whereas unicode-width's *str* width would count them 1.
pub fn grapheme_width(grapheme: &str, ambiguous: AmbiguousWidth) -> usize {
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    // Printable ASCII is most of the Latin text in minutes; skip the table lookups.
    if grapheme.len() == 1 && (b' '..=b'~').contains(&(first as u8)) {
        return 1;
    }
    if first.is_control() {
        // A control is always a cluster of its own (or CR LF), so this never hides a glyph.
        return usize::from(first == '\t');
    }
    // For a single code point the char tables agree with the str tables (checked exhaustively
    // against unicode-width 0.2.3) and are cheaper; sequences need the str rules (ZWJ, VS16, ｶﾞ).
    let single = chars.next().is_none();
    let width = match ambiguous {
        AmbiguousWidth::Narrow if single => first.width().unwrap_or(0),
        AmbiguousWidth::Narrow => grapheme.width(),
        AmbiguousWidth::Wide if is_ambiguous_letter(first) => 2,
        AmbiguousWidth::Wide if single => first.width_cjk().unwrap_or(0),
        AmbiguousWidth::Wide => grapheme.width_cjk(),
    };
    // A terminal cell holds at most a double-width glyph; odd sequences (prepended concatenation
    // marks, jamo runs) could otherwise report more.
    width.min(2)
}

/// Display width of a string, summed per grapheme cluster (tabs count 1).
pub fn str_width(text: &str, ambiguous: AmbiguousWidth) -> usize {
    text.graphemes(true).map(|g| grapheme_width(g, ambiguous)).sum()
}

/// East Asian Ambiguous *letters* that `width_cjk()` still reports as 1 (unicode-width gives 2 in
/// a CJK context only to EAW=A characters that are not letters or modifier symbols), while
/// terminals in "ambiguous is wide" mode draw them 2 wide. Enumerated from the EAW=A code points
/// of Unicode 14 for which unicode-width 0.2.3's `width_cjk()` is 1; see wrapping.md §4.1.
const AMBIGUOUS_LETTERS: &[(char, char)] = &[
    ('\u{00A8}', '\u{00A8}'),
    ('\u{00AA}', '\u{00AA}'),
    ('\u{00B4}', '\u{00B4}'),
    ('\u{00B8}', '\u{00B8}'),
    ('\u{00BA}', '\u{00BA}'),
    ('\u{00C6}', '\u{00C6}'),
    ('\u{00D0}', '\u{00D0}'),
    ('\u{00D8}', '\u{00D8}'),
    ('\u{00DE}', '\u{00E1}'),
    ('\u{00E6}', '\u{00E6}'),
    ('\u{00E8}', '\u{00EA}'),
    ('\u{00EC}', '\u{00ED}'),
    ('\u{00F0}', '\u{00F0}'),
    ('\u{00F2}', '\u{00F3}'),
    ('\u{00F8}', '\u{00FA}'),
    ('\u{00FC}', '\u{00FC}'),
    ('\u{00FE}', '\u{00FE}'),
    ('\u{0101}', '\u{0101}'),
    ('\u{0111}', '\u{0111}'),
    ('\u{0113}', '\u{0113}'),
    ('\u{011B}', '\u{011B}'),
    ('\u{0126}', '\u{0127}'),
    ('\u{012B}', '\u{012B}'),
    ('\u{0131}', '\u{0133}'),
    ('\u{0138}', '\u{0138}'),
    ('\u{013F}', '\u{0142}'),
    ('\u{0144}', '\u{0144}'),
    ('\u{0148}', '\u{014B}'),
    ('\u{014D}', '\u{014D}'),
    ('\u{0152}', '\u{0153}'),
    ('\u{0166}', '\u{0167}'),
    ('\u{016B}', '\u{016B}'),
    ('\u{01CE}', '\u{01CE}'),
    ('\u{01D0}', '\u{01D0}'),
    ('\u{01D2}', '\u{01D2}'),
    ('\u{01D4}', '\u{01D4}'),
    ('\u{01D6}', '\u{01D6}'),
    ('\u{01D8}', '\u{01D8}'),
    ('\u{01DA}', '\u{01DA}'),
    ('\u{01DC}', '\u{01DC}'),
    ('\u{0251}', '\u{0251}'),
    ('\u{0261}', '\u{0261}'),
    ('\u{02C4}', '\u{02C4}'),
    ('\u{02C7}', '\u{02C7}'),
    ('\u{02C9}', '\u{02CB}'),
    ('\u{02CD}', '\u{02CD}'),
    ('\u{02D0}', '\u{02D0}'),
    ('\u{02D8}', '\u{02DB}'),
    ('\u{02DD}', '\u{02DD}'),
    ('\u{02DF}', '\u{02DF}'),
    ('\u{0391}', '\u{03A1}'),
    ('\u{03A3}', '\u{03A9}'),
    ('\u{03B1}', '\u{03C1}'),
    ('\u{03C3}', '\u{03C9}'),
    ('\u{0401}', '\u{0401}'),
    ('\u{0410}', '\u{044F}'),
    ('\u{0451}', '\u{0451}'),
    ('\u{207F}', '\u{207F}'),
    ('\u{2113}', '\u{2113}'),
    ('\u{2126}', '\u{2126}'),
    ('\u{212B}', '\u{212B}'),
];

/// Whether `c` is one of the [`AMBIGUOUS_LETTERS`].
fn is_ambiguous_letter(c: char) -> bool {
    // Everything in the table is below U+2200; most text never reaches the search.
    if !('\u{00A8}'..='\u{212B}').contains(&c) {
        return false;
    }
    AMBIGUOUS_LETTERS
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};

    #[test]
    fn ascii_and_kana() {
        for (g, w) in [("a", 1), (" ", 1), ("~", 1), ("あ", 2), ("ア", 2), ("漢", 2), ("　", 2)] {
            assert_eq!(grapheme_width(g, Narrow), w, "{g:?} narrow");
            assert_eq!(grapheme_width(g, Wide), w, "{g:?} wide");
        }
    }

    #[test]
    fn fullwidth_punctuation_is_two() {
        for g in ["、", "。", "，", "．", "・", "ー", "〜", "～", "「", "」", "１", "％", "𠮷"] {
            assert_eq!(grapheme_width(g, Narrow), 2, "{g:?}");
        }
    }

    #[test]
    fn halfwidth_katakana_with_voiced_mark_is_two_columns() {
        let g = "\u{FF76}\u{FF9E}"; // ｶﾞ
        assert_eq!(g.graphemes(true).count(), 1);
        assert_eq!(grapheme_width(g, Narrow), 2);
        assert_eq!(grapheme_width(g, Wide), 2);
        assert_eq!(grapheme_width("ｱ", Narrow), 1);
        assert_eq!(str_width("ｶﾞｲﾄﾞﾗｲﾝ", Narrow), 8);
    }

    #[test]
    fn controls_are_zero_except_tab() {
        for g in ["\u{1b}", "\u{7f}", "\r", "\n", "\r\n", "\u{0}", "\u{85}"] {
            assert_eq!(grapheme_width(g, Narrow), 0, "{g:?}");
            assert_eq!(grapheme_width(g, Wide), 0, "{g:?}");
        }
        assert_eq!(grapheme_width("\t", Narrow), 1);
        assert_eq!(grapheme_width("", Narrow), 0);
    }

    #[test]
    fn format_characters_are_zero() {
        for g in ["\u{200B}", "\u{200D}", "\u{FEFF}", "\u{AD}"] {
            assert_eq!(grapheme_width(g, Narrow), 0, "{g:?}");
        }
    }

    #[test]
    fn emoji_sequences_are_one_grapheme_of_two() {
        for g in ["👩\u{200D}🔬", "👍🏻", "❤\u{FE0F}", "🇯🇵", "1\u{FE0F}\u{20E3}", "👍"] {
            assert_eq!(g.graphemes(true).count(), 1, "{g:?}");
            assert_eq!(grapheme_width(g, Narrow), 2, "{g:?}");
            assert_eq!(grapheme_width(g, Wide), 2, "{g:?}");
        }
        assert_eq!(grapheme_width("❤", Narrow), 1, "text presentation");
    }

    #[test]
    fn combining_and_variation_selectors_stay_in_the_cluster() {
        assert_eq!(grapheme_width("か\u{3099}", Narrow), 2);
        assert_eq!(grapheme_width("葛\u{E0100}", Narrow), 2);
        assert_eq!(grapheme_width("e\u{301}", Narrow), 1);
    }

    #[test]
    fn ambiguous_symbols_follow_the_setting() {
        for g in ["①", "※", "○", "…", "─", "―", "→", "×", "“", "Ⅰ", "℃", "№"] {
            assert_eq!(grapheme_width(g, Narrow), 1, "{g:?} narrow");
            assert_eq!(grapheme_width(g, Wide), 2, "{g:?} wide");
        }
    }

    #[test]
    fn ambiguous_letters_are_wide_in_wide_mode() {
        for g in ["α", "Ω", "Д", "я", "é", "ß", "Æ", "ё", "ℓ", "\u{2126}", "\u{212B}", "ɡ", "¨"] {
            assert_eq!(grapheme_width(g, Narrow), 1, "{g:?} narrow");
            assert_eq!(grapheme_width(g, Wide), 2, "{g:?} wide");
        }
        // Neighbours of the listed ranges are not ambiguous: they stay narrow.
        for g in ["e", "ë", "ς", "ѐ", "Ă", "z"] {
            assert_eq!(grapheme_width(g, Wide), 1, "{g:?} wide");
        }
    }

    #[test]
    fn ambiguous_letter_table_is_sorted_and_disjoint() {
        for pair in AMBIGUOUS_LETTERS.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn str_width_sums_per_grapheme() {
        assert_eq!(str_width("", Narrow), 0);
        assert_eq!(str_width("議事録 v2", Narrow), 9);
        assert_eq!(str_width("👩\u{200D}🔬👍🏻", Narrow), 4);
        assert_eq!(str_width("αβγの値", Narrow), 7);
        assert_eq!(str_width("αβγの値", Wide), 10);
        assert_eq!(str_width("a\tb", Narrow), 3);
    }
}
