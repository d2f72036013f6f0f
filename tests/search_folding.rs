//! Folding rules of the search matcher, as table tests on exact byte ranges, plus properties.
//!
//! Expected matches are written inline with « » around each span the matcher must report; the
//! helper strips the markers, computes their byte ranges in the stripped text and compares them
//! with what the matcher returns, so every assertion is about exact ranges of original text.

use std::ops::Range;

use gijiroku::core::search::{Matcher, SearchError, SearchOptions, fold_for_display, warm_up};

const KANA_ON: SearchOptions = SearchOptions { kana_fold: true };
const KANA_OFF: SearchOptions = SearchOptions { kana_fold: false };

/// Strips « » from `marked` and returns the text and the marked byte ranges.
fn unmark(marked: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut ranges = Vec::new();
    let mut start = None;
    for c in marked.chars() {
        match c {
            '«' => start = Some(text.len()),
            '»' => ranges.push(start.take().expect("» without «")..text.len()),
            _ => text.push(c),
        }
    }
    assert!(start.is_none(), "« without »");
    (text, ranges)
}

/// Asserts that `query` finds exactly the marked spans of `marked` (and the bytes API agrees).
#[track_caller]
fn check(query: &str, options: SearchOptions, marked: &str) {
    let (text, expected) = unmark(marked);
    let matcher = Matcher::new(query, options).expect("query compiles");
    let found: Vec<Range<usize>> = matcher.find_iter(&text).collect();
    assert_eq!(
        found,
        expected,
        "query {query:?} in {text:?} (kana_fold {}); regex {}",
        options.kana_fold,
        matcher.regex_source()
    );
    let found_bytes: Vec<Range<usize>> = matcher.find_iter_bytes(text.as_bytes()).collect();
    assert_eq!(found_bytes, expected, "bytes API, query {query:?} in {text:?}");
    assert_eq!(matcher.is_match(&text), !expected.is_empty());
    assert_eq!(matcher.is_match_bytes(text.as_bytes()), !expected.is_empty());
}

#[test]
fn width_folding_both_directions() {
    let cases = [
        ("１５％", "率は«15%»です"),
        ("15%", "率は«１５％»です"),
        ("15%", "«15%»と«１５％»と«1５%»"),
        ("（", "第«(»1)号"),
        ("(", "第«（»１）号"),
        ("ＡＢＣ", "«ABC»社とａｂｃ«ＡＢＣ»"),
        ("ABC", "«ＡＢＣ»社とabc"),
        ("ｶﾞｲﾄﾞ", "«ガイド»ライン"),
        ("ガイド", "«ｶﾞｲﾄﾞ»ﾗｲﾝ"),
        ("ガイド", "«ｶ\u{3099}ｲﾄ\u{3099}»"),
        ("ﾊﾟｰﾄ", "«パート»と«ぱーと»"),
        ("①", "«1»番と«①»番"),
        ("1", "«①»"),
        ("女性", "«⼥性»"),
        ("Ｄ－１", "«D-1»"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
}

#[test]
fn characters_that_fold_to_several() {
    let cases = [
        ("(株)", "«㈱»と«(株)»と«（株）»"),
        ("㈱", "«(株)»と«㈱»"),
        ("ミリ", "5«㍉»と5«ミリ»"),
        ("㍉", "5«ミリ»と5«㍉»"),
        ("令和", "«㋿»元年と«令和»"),
        ("°C", "«℃»と«°C»"),
        ("℃", "«°C»と«℃»"),
        ("サ", "«🈂»"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
    check("株式", KANA_ON, "㈱«株式»");
}

#[test]
fn styled_letters_are_only_themselves() {
    // Mathematical, circled and superscript letters are kept out of folding (they would slow
    // every ASCII query down); each still matches itself.
    let cases = [("a", "𝐚Ⓐᵃ«a»"), ("𝐚", "a«𝐚»"), ("2", "m²«2»"), ("ⓐ", "a«ⓐ»«Ⓐ»")];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
}

#[test]
fn smartcase() {
    let cases = [
        ("dx", "«DX»と«dx»と«ＤＸ»と«Dx»と«ｄｘ»"),
        ("DX", "«DX»とdxと«ＤＸ»とDxとｄｘ"),
        ("ＤＸ", "«DX»とdxと«ＤＸ»とDx"),
        ("Dx", "DXと«Dx»と«Ｄｘ»とdx"),
        ("ｄｘ", "«DX»と«dx»"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
    assert!(!Matcher::new("dx", KANA_ON).unwrap().case_sensitive());
    assert!(Matcher::new("DX", KANA_ON).unwrap().case_sensitive());
    assert!(Matcher::new("ＤＸ", KANA_ON).unwrap().case_sensitive());
    assert!(!Matcher::new("議事録", KANA_ON).unwrap().case_sensitive());
}

#[test]
fn kana_folding_on() {
    let cases = [
        ("カイギ", "«かいぎ»と«カイギ»と«ｶｲｷﾞ»"),
        ("かいぎ", "«カイギ»と«ｶｲｷﾞ»と«かいぎ»"),
        ("が", "«ガ»«ｶﾞ»«か\u{3099}»«カ゛»«が»"),
        ("ｶﾞ", "«が»と«ガ»"),
        ("ぱ", "«パ»«ﾊﾟ»«は\u{309A}»"),
        ("ヴ", "«ゔ»«ｳﾞ»«ヴ»"),
        ("いすゞ", "«イスヾ»"),
        ("か", "«カ»と«ｶ»とが"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
}

#[test]
fn kana_folding_off() {
    let cases = [
        ("カイギ", "かいぎと«カイギ»と«ｶｲｷﾞ»"),
        ("かいぎ", "カイギとｶｲｷﾞと«かいぎ»"),
        ("が", "ガｶﾞ«か\u{3099}»カ゛«が»"),
        ("ガ", "が«ｶﾞ»«カ\u{3099}»«カ゛»"),
    ];
    for (query, marked) in cases {
        check(query, KANA_OFF, marked);
    }
}

#[test]
fn pdf_spaces_in_the_text() {
    let cases = [
        ("令和9年度", "«令和 9 年度»"),
        ("令和9年度", "«令和　９　年度»"),
        ("令和9年度", "«令\t和9年度»"),
        ("DXの", "«DX の»推進"),
        ("DXの推進", "«ＤＸ　の 推 進»"),
        ("岩井英明", "«岩 井 英 明»委員"),
        ("第12回", "«第 １ ２ 回»"),
        ("第12回", "«第 12 回»"),
        ("令和", "  «令 和»  "),
        ("会議", "　«会　　議»　"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
}

#[test]
fn pdf_spaces_in_the_query() {
    let cases = [
        ("令和 9 年度", "«令和9年度»"),
        ("岩 井　英 明", "«岩井英明»と«岩 井英明»"),
        ("DX の", "«DXの»と«DX の»"),
        (" 会議 ", "«会議»"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
}

#[test]
fn no_space_is_skipped_between_ascii() {
    let cases = [
        ("ab", "a b と a　b"),
        ("12", "1 2"),
        ("ab", "«ab» «ＡＢ»"),
        ("a b", "«a b» «a  b» «a　b» ab"),
        ("new york", "«new york» newyork"),
        ("15 %", "«15 %» 15%"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
}

#[test]
fn ranges_never_start_or_end_on_a_skipped_space() {
    let matcher = Matcher::new("令和元年", KANA_ON).unwrap();
    let text = " 　令 和 元 年 　\t";
    let found: Vec<_> = matcher.find_iter(text).collect();
    assert_eq!(found.len(), 1);
    let hit = &text[found[0].clone()];
    assert!(hit.starts_with('令') && hit.ends_with('年'), "{hit:?}");
}

#[test]
fn no_match_across_newlines() {
    let cases =
        [("令和", "令\n和"), ("令和", "令 \n 和"), ("令和", "令\r\n和"), ("a b", "a\nb"), ("会議\n録", "会議\n録")];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
    check("令和", KANA_ON, "令\n«令和»\n和");
}

#[test]
fn regex_metacharacters_are_literal() {
    let cases = [
        ("a.b", "axb «a.b»"),
        ("(1)", "1 «(1)» «⑴»"),
        ("[森委員]", "森委員 «[森委員]» «［森委員］»"),
        ("\\", "a«\\»b«＼»"),
        ("$", "«$»100"),
        ("^", "2«^»3"),
        ("a*", "aa «a*»"),
        ("x+y|z", "x+y «x+y|z»"),
        ("?", "«?»«？»"),
        ("\\d", "1 «\\d»"),
    ];
    for (query, marked) in cases {
        check(query, KANA_ON, marked);
    }
    check("{2}", KANA_ON, "a«{2}» aa");
}

#[test]
fn empty_and_whitespace_queries_are_errors() {
    for query in ["", " ", "　", "\t\n", " \u{3000} "] {
        assert_eq!(Matcher::new(query, KANA_ON).unwrap_err(), SearchError::EmptyPattern, "{query:?}");
    }
    assert_eq!(SearchError::EmptyPattern.to_string(), "the search pattern is empty");
}

#[test]
fn huge_queries_are_too_complex_not_a_panic() {
    for query in ["あ".repeat(500_000), "a".repeat(500_000), "ｶﾞ".repeat(100_000)] {
        match Matcher::new(&query, KANA_ON) {
            Err(SearchError::TooComplex(message)) => assert!(!message.is_empty()),
            other => panic!("expected TooComplex, got {other:?}"),
        }
    }
}

#[test]
fn bytes_api_on_raw_file_contents() {
    let matcher = Matcher::new("議事録", KANA_ON).unwrap();
    let mut bytes = b"\xff\xfe".to_vec();
    bytes.extend_from_slice("本日の«議事録»".replace(['«', '»'], "").as_bytes());
    bytes.push(0x80);
    let found: Vec<_> = matcher.find_iter_bytes(&bytes).collect();
    let start = 2 + "本日の".len();
    assert_eq!(found, vec![start..start + "議事録".len()]);
    assert!(matcher.is_match_bytes(&bytes));
    assert!(!matcher.is_match_bytes(b"\xff no match here"));
}

#[test]
fn folded_form_for_display() {
    assert_eq!(fold_for_display("ＤＸの推進　ｶﾞｲﾄﾞ", KANA_ON, false), "dxの推進 がいど");
    assert_eq!(fold_for_display("ＤＸの推進　ｶﾞｲﾄﾞ", KANA_ON, true), "DXの推進 がいど");
    assert_eq!(fold_for_display("ＤＸの推進　ｶﾞｲﾄﾞ", KANA_OFF, true), "DXの推進 ガイド");
    assert_eq!(fold_for_display("㈱①", KANA_OFF, true), "(株)1");
}

#[test]
fn warm_up_then_search() {
    warm_up(KANA_OFF);
    warm_up(KANA_OFF);
    check("ｶﾞｲﾄﾞ", KANA_OFF, "«ガイド»");
}

#[test]
fn accessors() {
    let matcher = Matcher::new("ＤＸ推進", KANA_OFF).unwrap();
    assert_eq!(matcher.pattern(), "ＤＸ推進");
    assert_eq!(matcher.options(), KANA_OFF);
    assert!(matcher.case_sensitive());
    assert_eq!(SearchOptions::default(), KANA_ON);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of minutes-like text: kana of every width, voiced marks in every spelling, kanji,
    /// ASCII and fullwidth ASCII, regex metacharacters, PDF spaces, newlines and a few
    /// compatibility characters.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "あ", "か", "が", "は", "ぱ", "ゃ", "っ", "ー", "ア", "カ", "ガ", "ハ", "パ", "ヴ", "ッ", "ｱ", "ｶ",
                "ﾊ", "ﾞ", "ﾟ", "\u{3099}", "\u{309A}", "゛", "ゝ", "ヽ", "令", "和", "会", "議", "委", "員", "長", "⼥",
                "性", "。", "、", "「", "」", "（", "）", "(", ")", "[", "]", ".", "*", "\\", "$", "|", "?", "a", "b",
                "A", "B", "D", "X", "x", "1", "2", "１", "２", "ａ", "Ａ", "％", "%", " ", " ", "　", "\t", "\n", "①",
                "㈱", "㍉", "ﬁ", "é", "e\u{301}", "İ", "K", "𝐀", "Ⓐ", "²", "ℂ", "℃", "№", "🈂", "𐐀", "𐐨", "ｶﾞ", "㋿",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 1..40).prop_map(|p| p.concat())
    }

    /// Text with a query cut out of one of its lines: (text, query start, query end).
    fn text_and_query() -> impl Strategy<Value = (String, usize, usize)> {
        (text(), any::<prop::sample::Index>(), 1..12_usize).prop_map(|(text, at, len)| {
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let start = starts[at.index(starts.len())];
            let end = text[start..]
                .char_indices()
                .take_while(|&(_, c)| c != '\n')
                .take(len)
                .last()
                .map_or(start, |(i, c)| start + i + c.len_utf8());
            (text, start, end)
        })
    }

    /// Fullwidth ASCII and katakana for hiragana: a query that folds to the same thing.
    fn widen(query: &str) -> String {
        query
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap(),
                _ => c,
            })
            .collect()
    }

    /// Asserts that `query` (cut from `text[start..end]`) is found exactly there.
    fn assert_found_at(
        query: &str,
        options: SearchOptions,
        text: &str,
        start: usize,
        end: usize,
    ) -> Result<(), TestCaseError> {
        let raw = &text[start..end];
        let trimmed_start = start + (raw.len() - raw.trim_start().len());
        let trimmed_end = start + raw.trim_end().len();
        let matcher = Matcher::new(query, options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let first = matcher.find_iter(&text[trimmed_start..]).next();
        prop_assert_eq!(
            first,
            Some(0..trimmed_end - trimmed_start),
            "query {:?} regex {}",
            query,
            matcher.regex_source()
        );
        prop_assert!(matcher.is_match(text));
        prop_assert!(matcher.is_match_bytes(text.as_bytes()));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn a_substring_is_found_where_it_is((text, start, end) in text_and_query()) {
            let query = &text[start..end];
            prop_assume!(!query.trim().is_empty());
            assert_found_at(query, KANA_ON, &text, start, end)?;
            assert_found_at(query, KANA_OFF, &text, start, end)?;
        }

        #[test]
        fn a_widened_substring_is_found_where_it_is((text, start, end) in text_and_query()) {
            let query = &text[start..end];
            prop_assume!(!query.trim().is_empty());
            assert_found_at(&widen(query), KANA_ON, &text, start, end)?;
        }

        #[test]
        fn arbitrary_input_never_panics_and_ranges_are_sane(
            query in ".{0,12}",
            text in prop_oneof![text(), ".{0,80}"],
            kana in any::<bool>(),
        ) {
            let options = SearchOptions { kana_fold: kana };
            let Ok(matcher) = Matcher::new(&query, options) else { return Ok(()); };
            let found: Vec<_> = matcher.find_iter(&text).collect();
            let mut last_end = 0;
            for r in &found {
                prop_assert!(r.start >= last_end && r.start < r.end);
                last_end = r.end;
                let hit = &text[r.clone()];
                prop_assert!(!hit.contains('\n'), "{:?}", hit);
                prop_assert!(!hit.starts_with([' ', '\u{3000}', '\t']), "{:?}", hit);
                prop_assert!(!hit.ends_with([' ', '\u{3000}', '\t']), "{:?}", hit);
            }
            let found_bytes: Vec<_> = matcher.find_iter_bytes(text.as_bytes()).collect();
            prop_assert_eq!(found, found_bytes);
        }

        #[test]
        fn every_query_agrees_with_its_regex(
            query in prop_oneof![piece(), ".{1,3}"],
            text in text(),
            kana in any::<bool>(),
        ) {
            // One-character queries take a literal fast path instead of the regex; both must
            // give the same ranges.
            let Ok(matcher) = Matcher::new(&query, SearchOptions { kana_fold: kana }) else {
                return Ok(());
            };
            let regex = regex::Regex::new(matcher.regex_source()).unwrap();
            let expected: Vec<_> = regex.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(matcher.find_iter(&text).collect::<Vec<_>>(), expected.clone());
            prop_assert_eq!(matcher.find_iter_bytes(text.as_bytes()).collect::<Vec<_>>(), expected.clone());
            prop_assert_eq!(matcher.is_match(&text), !expected.is_empty());
        }

        #[test]
        fn arbitrary_queries_never_panic(query in any::<String>(), kana in any::<bool>()) {
            let _ = Matcher::new(&query, SearchOptions { kana_fold: kana });
            let _ = fold_for_display(&query, SearchOptions { kana_fold: kana }, false);
        }
    }
}
