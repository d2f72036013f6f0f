//! Line breaker tables: each case lists the expected display rows as plain strings, followed by
//! property tests over random Japanese/ASCII/emoji text and the `fold` filter.

use gijiroku::core::layout::breaker::{
    LineBreaker, RowSpan, break_paragraph, fold_text, is_line_end_prohibited, is_line_start_prohibited, row_cells,
};
use gijiroku::core::width::{AmbiguousWidth, grapheme_width};
use unicode_segmentation::UnicodeSegmentation;

const N: AmbiguousWidth = AmbiguousWidth::Narrow;
const W: AmbiguousWidth = AmbiguousWidth::Wide;

/// The rows of `text` at `width` (narrow ambiguous), as strings, after checking the invariants
/// every row must meet.
fn rows(text: &str, width: usize) -> Vec<&str> {
    rows_with(text, width, N)
}

fn rows_wide(text: &str, width: usize) -> Vec<&str> {
    rows_with(text, width, W)
}

fn rows_with(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<&str> {
    let spans = break_paragraph(text, width, ambiguous);
    check_spans(text, width, ambiguous, &spans);
    spans.iter().map(|r| &text[r.range.clone()]).collect()
}

fn widths(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<usize> {
    break_paragraph(text, width, ambiguous).iter().map(|r| r.width).collect()
}

/// Invariants shared by the tables and the properties:
/// - ranges are in order, do not overlap, lie on char boundaries and leave only U+0020/U+3000
///   between (and after) them; the first row starts at 0;
/// - a row's width is what `row_cells` measures;
/// - a row is at most `width` columns, unless it holds exactly one grapheme that takes columns and
///   that grapheme alone is wider than the row.
fn check_spans(text: &str, width: usize, ambiguous: AmbiguousWidth, spans: &[RowSpan]) {
    let limit = width.max(1);
    assert!(!spans.is_empty(), "no rows for {text:?}");
    assert_eq!(spans[0].range.start, 0, "first row must start at 0: {text:?}");
    let mut at = 0;
    for span in spans {
        let r = &span.range;
        assert!(r.start <= r.end && at <= r.start, "ranges out of order: {spans:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let gap = &text[at..r.start];
        assert!(gap.chars().all(|c| c == ' ' || c == '\u{3000}'), "dropped non-space {gap:?} in {text:?}: {spans:?}");
        at = r.end;

        let cells: Vec<_> = row_cells(text, span, ambiguous).collect();
        let measured: usize = cells.iter().map(|c| c.width).sum();
        assert_eq!(measured, span.width, "row {:?} of {text:?}", &text[r.clone()]);
        if span.width > limit {
            let visible: Vec<_> = cells.iter().filter(|c| c.width > 0).collect();
            assert!(
                visible.len() == 1 && visible[0].width > limit,
                "row {:?} is {} wide at width {limit}",
                &text[r.clone()],
                span.width
            );
        }
    }
    let tail = &text[at..];
    assert!(tail.chars().all(|c| c == ' ' || c == '\u{3000}'), "lost tail {tail:?}");
}

/// The wrapping.md S1 sentence. Expected rows checked by hand: every row fits, no row starts with
/// 。、 and each row is filled until the next unbreakable piece would overflow.
const S1: &str = "女性管理職割合の検証値が 15% に設定されているが、現状の 13.1% に対し検証値が低い印象を受けた。";

#[test]
fn s1_at_width_10() {
    assert_eq!(
        rows(S1, 10),
        [
            "女性管理職",
            "割合の検証",
            "値が 15%",
            "に設定され",
            "ているが、",
            "現状の",
            "13.1% に対",
            "し検証値が",
            "低い印象を",
            "受けた。",
        ]
    );
    assert_eq!(widths(S1, 10, N), [10, 10, 8, 10, 10, 6, 10, 10, 10, 8]);
}

#[test]
fn s1_at_width_17() {
    assert_eq!(
        rows(S1, 17),
        [
            "女性管理職割合の",
            "検証値が 15% に設",
            "定されているが、",
            "現状の 13.1% に対",
            "し検証値が低い印",
            "象を受けた。",
        ]
    );
    assert_eq!(widths(S1, 17, N), [16, 17, 16, 17, 16, 12]);
}

#[test]
fn s1_at_width_20() {
    assert_eq!(
        rows(S1, 20),
        [
            "女性管理職割合の検証",
            "値が 15% に設定され",
            "ているが、現状の",
            "13.1% に対し検証値が",
            "低い印象を受けた。",
        ]
    );
}

#[test]
fn s1_at_width_31_pushes_ta_out_with_the_full_stop() {
    assert_eq!(
        rows(S1, 31),
        ["女性管理職割合の検証値が 15% に", "設定されているが、現状の 13.1%", "に対し検証値が低い印象を受け", "た。",]
    );
    assert_eq!(widths(S1, 31, N), [31, 30, 28, 4]);
}

#[test]
fn closing_punctuation_never_starts_a_row() {
    let cases: &[(&str, usize, &[&str])] = &[
        ("あいうえおかきくけこ。さしすせそ", 20, &["あいうえおかきくけ", "こ。さしすせそ"]),
        ("あいうえおかきくけこ、さしすせそ", 20, &["あいうえおかきくけ", "こ、さしすせそ"]),
        ("「あいうえおかきくけこ」と言った", 22, &["「あいうえおかきくけ", "こ」と言った"]),
        ("あいうえおかきくけこ？さしす", 20, &["あいうえおかきくけ", "こ？さしす"]),
        ("本当ですかね！？はい", 12, &["本当ですか", "ね！？はい"]),
    ];
    for (text, width, expected) in cases {
        assert_eq!(rows(text, *width), *expected, "{text:?} at {width}");
    }
}

#[test]
fn prolonged_mark_and_small_kana_never_start_a_row() {
    assert_eq!(rows("あいうえおかきくけコーヒー", 20), ["あいうえおかきくけ", "コーヒー"]);
    assert_eq!(rows("あいうえおかきくけちょっと", 20), ["あいうえおかきくけ", "ちょっと"]);
    assert_eq!(rows("予定はちょっと", 8), ["予定は", "ちょっと"]);
}

#[test]
fn ellipsis_pair_is_neither_split_nor_at_a_row_start() {
    assert_eq!(rows("わかった……でも", 9), ["わかっ", "た……でも"]);
    assert_eq!(rows("わかった……でも", 10), ["わかった……", "でも"]);
}

#[test]
fn dash_pairs_stay_together() {
    assert_eq!(rows("彼は――そう言った", 6), ["彼は――", "そう", "言った"]);
    assert_eq!(rows("彼は――そう言った", 5), ["彼は", "――そ", "う", "言っ", "た"]);
    assert_eq!(rows("彼は——そう言った", 6), ["彼は——", "そう", "言った"]);
}

#[test]
fn opening_brackets_never_end_a_row() {
    let cases: &[(&str, &[&str])] = &[
        ("あいうえおかきくけ「こさ」しすせそ", &["あいうえおかきくけ", "「こさ」しすせそ"]),
        ("あいうえおかきくけ（注）です", &["あいうえおかきくけ", "（注）です"]),
        ("あいうえおかきくけ【注】です", &["あいうえおかきくけ", "【注】です"]),
        ("あいうえおかきくけ『注』です", &["あいうえおかきくけ", "『注』です"]),
    ];
    for (text, expected) in cases {
        assert_eq!(rows(text, 20), *expected, "{text:?}");
    }
}

#[test]
fn kinsoku_sets_cover_the_japanese_lists() {
    for c in "。、，．」』）】〕ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ？！…‥～〜・：；々ゝ”’｡､｣ｰｯ".chars()
    {
        assert!(is_line_start_prohibited(c), "{c} may not start a row");
    }
    for c in "「『（【〔“‘([".chars() {
        assert!(is_line_end_prohibited(c), "{c} may not end a row");
    }
    for c in "あ漢カa1「".chars() {
        assert!(!is_line_start_prohibited(c), "{c} may start a row");
    }
    for c in "あ漢カa1」。".chars() {
        assert!(!is_line_end_prohibited(c), "{c} may end a row");
    }
}

#[test]
fn ascii_words_and_numbers_stay_whole() {
    assert_eq!(rows("今年度の目標は 15% の増加", 16), ["今年度の目標は", "15% の増加"]);
    assert_eq!(rows("今年度の目標は 15% の増加", 10), ["今年度の目", "標は 15%", "の増加"]);
    assert_eq!(rows("公式Instagramで発信", 12), ["公式", "Instagramで", "発信"]);
    assert_eq!(rows("新型COVID-19対策", 10), ["新型", "COVID-19対", "策"]);
    assert_eq!(rows("連絡はe-mailで", 12), ["連絡はe-mail", "で"]);
}

#[test]
fn hyphenated_word_may_break_after_its_hyphen_when_it_does_not_fit() {
    // UAX #14 allows a break after a hyphen between letters (not before digits: COVID-19).
    assert_eq!(rows("連絡はe-mailで", 8), ["連絡はe-", "mailで"]);
}

#[test]
fn emoji_sequences_are_never_split() {
    let text = "研究者👩‍🔬が👍🏻した";
    assert_eq!(rows(text, 6), ["研究者", "👩‍🔬が👍🏻", "した"]);
    assert_eq!(rows(text, 2), ["研", "究", "者", "👩‍🔬", "が", "👍🏻", "し", "た"]);
    assert_eq!(rows("国旗🇯🇵です", 4), ["国旗", "🇯🇵で", "す"]);
}

#[test]
fn ambiguous_symbols_follow_the_setting() {
    let text = "①※○…─の記号";
    assert_eq!(rows(text, 6), ["①※○…─", "の記号"]);
    assert_eq!(widths(text, 6, N), [5, 6]);
    // Wide: the run is 10 columns; the emergency cut before … would start a row with it, so it
    // moves back one grapheme.
    assert_eq!(rows_wide(text, 6), ["①※", "○…─", "の記号"]);
    assert_eq!(widths(text, 6, W), [4, 6, 6]);
    assert_eq!(rows("αβγの値", 6), ["αβγの", "値"]);
    assert_eq!(rows_wide("αβγの値", 6), ["αβγ", "の値"]);
}

#[test]
fn halfwidth_katakana_with_voiced_marks_is_two_columns() {
    assert_eq!(rows("ｶﾞｲﾄﾞﾗｲﾝ確認", 10), ["ｶﾞｲﾄﾞﾗｲﾝ確", "認"]);
    assert_eq!(widths("ｶﾞｲﾄﾞﾗｲﾝ確認", 10, N), [10, 2]);
    assert_eq!(rows("ｶﾞｲﾄﾞﾗｲﾝ確認", 5), ["ｶﾞｲﾄﾞ", "ﾗｲﾝ確", "認"]);
}

#[test]
fn tabs_expand_from_the_row_start() {
    assert_eq!(rows("議題\t予算", 12), ["議題\t予算"]);
    assert_eq!(widths("議題\t予算", 12, N), [12]);
    assert_eq!(rows("議題\t予算", 5), ["議", "題\t", "予算"]);
    assert_eq!(widths("議題\t予算", 5, N), [2, 4, 4]);
    assert_eq!(rows("ab\tc\td", 6), ["ab\t", "c\td"]);
    assert_eq!(widths("ab\tc\td", 6, N), [4, 5]);
    let cells: Vec<_> =
        row_cells("ab\tc", &break_paragraph("ab\tc", 80, N)[0], N).map(|c| (c.grapheme, c.column, c.width)).collect();
    assert_eq!(cells, [("a", 0, 1), ("b", 1, 1), ("\t", 2, 2), ("c", 4, 1)]);
}

#[test]
fn ideographic_space_indent_is_kept() {
    let text = "\u{3000}本日は晴天なり。本日は晴天なり。";
    assert_eq!(rows(text, 20), ["\u{3000}本日は晴天なり。本", "日は晴天なり。"]);
    assert_eq!(rows("  - 議題一：予算案について", 14), ["  - 議題一：予", "算案について"]);
}

#[test]
fn spaces_at_a_break_are_dropped() {
    let text = "私は ratatui が本当に便利だと思います";
    assert_eq!(rows(text, 24), ["私は ratatui が本当に便", "利だと思います"]);
    assert_eq!(rows("議題一\u{3000}予算案について", 8), ["議題一", "予算案に", "ついて"]);
    assert_eq!(rows("議題一 予算案について", 8), ["議題一", "予算案に", "ついて"]);
    assert_eq!(rows("あいうえお  かき", 10), ["あいうえお", "かき"]);
    // UAX #14 allows a break after a space even before ー; kinsoku does not.
    assert_eq!(rows("あい ーう", 6), ["あ", "い ー", "う"]);
    // Trailing spaces of the paragraph never count against the width.
    assert_eq!(rows("あいうえお ", 10), ["あいうえお"]);
    let spans = break_paragraph("あいうえお ", 10, N);
    assert_eq!(spans, [RowSpan { range: 0..15, width: 10 }]);
}

#[test]
fn over_long_runs_split_at_graphemes() {
    let url = "参照：https://example.com/abcdefghijklmnop";
    assert_eq!(rows(url, 12), ["参照：", "https://", "example.com/", "abcdefghijkl", "mnop"]);
    // The cut before 。 would start a row with it: move back one grapheme.
    assert_eq!(rows("ABCDEFGHIJ。", 10), ["ABCDEFGHI", "J。"]);
    // The cut after ( would end a row with it: move back one grapheme.
    assert_eq!(rows("ABCDEFGHI(JKL", 10), ["ABCDEFGHI", "(JKL"]);
    // No acceptable cut within two graphemes: keep the widest.
    assert_eq!(rows("――――――", 3), ["―――", "―――"]);
}

#[test]
fn narrow_widths_with_wide_characters() {
    assert_eq!(rows("あい", 1), ["あ", "い"]);
    assert_eq!(widths("あい", 1, N), [2, 2]);
    assert_eq!(rows("a🌞b", 2), ["a", "🌞", "b"]);
    assert_eq!(rows("あ。", 2), ["あ", "。"]);
    assert_eq!(rows("あいう", 2), ["あ", "い", "う"]);
    assert_eq!(rows("ab", 1), ["a", "b"]);
}

#[test]
fn width_zero_is_width_one() {
    assert_eq!(rows("abc", 0), ["a", "b", "c"]);
    assert_eq!(rows("あい", 0), ["あ", "い"]);
}

#[test]
fn empty_paragraph_is_one_empty_row() {
    assert_eq!(break_paragraph("", 10, N), [RowSpan { range: 0..0, width: 0 }]);
    assert_eq!(break_paragraph("", 0, W), [RowSpan { range: 0..0, width: 0 }]);
}

#[test]
fn whitespace_only_paragraph_is_kept_as_indent() {
    assert_eq!(rows("   ", 10), ["   "]);
    assert_eq!(rows("\u{3000}", 10), ["\u{3000}"]);
    assert_eq!(rows("          ", 4), ["    ", "    ", "  "]);
}

#[test]
fn controls_are_zero_width_content() {
    assert_eq!(rows("テスト。\n次の行", 5), ["テス", "ト。\n", "次の", "行"]);
    // A hard break is only an opportunity: it does not let 。 start a row.
    assert_eq!(rows("あいう\n。", 4), ["あい", "う\n。"]);
    assert_eq!(rows("あい\n。", 4), ["あ", "い\n。"]);
    assert_eq!(rows("a\u{1b}[31mb", 80), ["a\u{1b}[31mb"]);
    assert_eq!(widths("a\r\nb", 80, N), [2]);
}

#[test]
fn fullwidth_numbers_hold_together() {
    assert_eq!(rows("あいうえ１２月", 10), ["あいうえ", "１２月"]);
    assert_eq!(rows("あいうえ12月", 9), ["あいうえ", "12月"]);
    assert_eq!(rows("あいうえ１２．５時間", 14), ["あいうえ", "１２．５時間"]);
    assert_eq!(rows("あいうえ１０：３０に", 14), ["あいうえ", "１０：３０に"]);
}

#[test]
fn wave_dash_never_starts_a_row() {
    assert_eq!(rows("あいうえお～か", 10), ["あいうえ", "お～か"]);
    assert_eq!(rows("あいうえお〜か", 10), ["あいうえ", "お〜か"]);
}

#[test]
fn prefix_sign_may_start_a_row_after_closing_punctuation() {
    assert_eq!(rows("あいうえ、$100", 10), ["あいうえ、", "$100"]);
    assert_eq!(rows("あいうえ、＄１００", 10), ["あいうえ、", "＄１００"]);
    assert_eq!(rows("（注）¥1,000", 8), ["（注）", "¥1,000"]);
}

#[test]
fn curly_quotes_behave_like_brackets_next_to_wide_text() {
    let text = "彼は“検討する”と述べた";
    assert_eq!(rows(text, 6), ["彼は", "“検討", "する”", "と述べ", "た"]);
    assert_eq!(rows(text, 8), ["彼は“検", "討する”", "と述べた"]);
    assert_eq!(rows("don’t stop", 5), ["don’t", "stop"]);
}

#[test]
fn breaker_reuse_matches_fresh_breaks() {
    let mut breaker = LineBreaker::new();
    let mut out = Vec::new();
    for text in [S1, "", "あいうえお", S1] {
        out.clear();
        breaker.break_into(text, 17, N, &mut out);
        assert_eq!(out, break_paragraph(text, 17, N), "{text:?}");
    }
}

#[test]
fn row_cells_report_offsets_columns_and_widths() {
    let text = "\u{3000}a👍🏻ｶﾞ";
    let spans = break_paragraph(text, 80, N);
    let cells: Vec<_> = row_cells(text, &spans[0], N).map(|c| (c.grapheme, c.offset, c.column, c.width)).collect();
    assert_eq!(cells, [("\u{3000}", 0, 0, 2), ("a", 3, 2, 1), ("👍🏻", 4, 3, 2), ("ｶﾞ", 12, 5, 2)]);
    // A range that does not fit the text yields nothing rather than panicking.
    let bogus = RowSpan { range: 1..200, width: 0 };
    assert_eq!(row_cells(text, &bogus, N).count(), 0);
}

#[test]
fn pathological_runs_wrap_in_linear_time() {
    // Regression: an all-space paragraph (an indent longer than the row) once took two minutes
    // for 400 000 spaces, because every emergency row rescanned and shifted the read-ahead.
    // Linear work here is a few milliseconds; a quadratic one is seconds per case.
    let n = 100_000;
    let cases = [
        " ".repeat(n),
        "\u{3000}".repeat(n),
        format!("a{}。", " ".repeat(n)),
        format!("a{}", " \u{0}".repeat(n / 2)),
        format!("ab{}c", "\u{0}".repeat(n)),
        "a".repeat(n),
        "ー".repeat(n),
        "「".repeat(n),
        "… ".repeat(n / 2),
        "\t".repeat(n),
    ];
    let started = std::time::Instant::now();
    for text in &cases {
        for width in [1, 3, 80] {
            let spans = break_paragraph(text, width, N);
            assert!(spans.len() <= text.len(), "{} rows", spans.len());
        }
    }
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 3, "took {elapsed:?}");
}

// ---------------------------------------------------------------------------------------------
// fold

#[test]
fn fold_writes_one_line_per_row() {
    let input = "本日の会議では、来年度の予算案について議論した。\n\n\u{3000}次に\t説明\n";
    assert_eq!(fold_text(input, 20, N), "本日の会議では、来年\n度の予算案について議\n論した。\n\n\u{3000}次に  説明\n");
}

#[test]
fn fold_keeps_the_final_newline_state() {
    assert_eq!(fold_text("", 10, N), "");
    assert_eq!(fold_text("\n", 10, N), "\n");
    assert_eq!(fold_text("あいうえおか", 10, N), "あいうえお\nか");
    assert_eq!(fold_text("あいうえおか\n", 10, N), "あいうえお\nか\n");
    assert_eq!(fold_text("a\n\n\nb", 10, N), "a\n\n\nb");
}

#[test]
fn fold_reads_crlf_and_drops_other_controls() {
    assert_eq!(fold_text("あいう\r\nえお\r\n", 4, N), "あい\nう\nえお\n");
    assert_eq!(fold_text("a\u{1b}b\u{7}c", 10, N), "abc");
}

#[test]
fn fold_does_not_pad_or_keep_spaces_at_breaks() {
    let out = fold_text("私は ratatui が本当に便利だと思います", 10, N);
    assert_eq!(out, "私は\nratatui が\n本当に便利\nだと思いま\nす");
    assert!(out.lines().all(|l| !l.ends_with(' ')));
}

// ---------------------------------------------------------------------------------------------
// Properties

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Pieces random paragraphs are made of: kana and kanji, every kinsoku class, Latin words and
    /// numbers, fullwidth digits, emoji sequences, ambiguous symbols, halfwidth kana, spaces,
    /// tabs and stray controls.
    const PIECES: &[&str] = &[
        "あ",
        "い",
        "う",
        "会議",
        "予算",
        "検討",
        "委員",
        "カ",
        "ン",
        "。",
        "、",
        "，",
        "．",
        "」",
        "』",
        "）",
        "】",
        "〕",
        "「",
        "『",
        "（",
        "【",
        "〔",
        "ー",
        "っ",
        "ゃ",
        "ょ",
        "ァ",
        "？",
        "！",
        "……",
        "…",
        "――",
        "——",
        "～",
        "〜",
        "・",
        "：",
        "“",
        "”",
        "‘",
        "’",
        "々",
        "Instagram",
        "COVID-19",
        "e-mail",
        "13.1%",
        "15%",
        "$100",
        "¥1,000",
        "a",
        "Z",
        "(",
        ")",
        ".",
        ",",
        "１",
        "２",
        "０",
        "％",
        "👩\u{200D}🔬",
        "👍🏻",
        "🇯🇵",
        "❤\u{FE0F}",
        "①",
        "※",
        "○",
        "─",
        "α",
        "é",
        "ｶﾞ",
        "ｲ",
        "ﾄﾞ",
        " ",
        " ",
        "  ",
        "\u{3000}",
        "\t",
        "\n",
        "\r",
        "\u{1b}",
        "\u{200B}",
        "\u{200D}",
        "\u{301}",
        "https://example.com/a/b",
    ];

    fn paragraph() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
    }

    fn ambiguous() -> impl Strategy<Value = AmbiguousWidth> {
        prop_oneof![Just(N), Just(W)]
    }

    fn is_space(g: &str) -> bool {
        g == " " || g == "\u{3000}"
    }

    fn width_of(text: &str, range: std::ops::Range<usize>, ambiguous: AmbiguousWidth) -> usize {
        let span = RowSpan { range, width: 0 };
        row_cells(text, &span, ambiguous).map(|c| c.width).sum()
    }

    /// Two graphemes that start with the same one of … ‥ — ― ─ (a ZWJ or mark may trail).
    fn inseparable(a: &str, b: &str) -> bool {
        let (a, b) = (a.chars().next(), b.chars().next());
        a == b && matches!(a, Some('…' | '‥' | '—' | '―' | '─'))
    }

    /// Whether a row may end with mark `p` (at byte `p_at`) and the next start with mark `n`.
    fn separable(p_at: usize, p: &str, n_at: usize, n: &str) -> bool {
        let first = |g: &str| g.chars().next().unwrap_or(' ');
        !(is_line_end_prohibited(first(p))
            || is_line_start_prohibited(first(n))
            || (p_at + p.len() == n_at && inseparable(p, n)))
    }

    /// The kinsoku property. A *mark* is a grapheme that takes columns and is not a space. At each
    /// break between rows k and k+1, let p be the last mark of row k and n the first mark at or
    /// after the start of row k+1. If the break is prohibited (p may not end a row, n may not
    /// start one, or p n is an adjacent pair of … ‥ — ― ─), then both:
    /// (a) row k could not have taken n: the text from the start of row k through n is wider
    ///     than the width;
    /// (b) moving the break back by one or two graphemes would not have helped: at each of the
    ///     two grapheme boundaries before the start of row k+1 that lie inside row k, either no
    ///     mark would remain on row k or that break would be prohibited too.
    fn check_kinsoku(text: &str, width: usize, ambiguous: AmbiguousWidth, spans: &[RowSpan]) {
        let limit = width.max(1);
        let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        let marks: Vec<(usize, &str)> =
            graphemes.iter().copied().filter(|(_, g)| grapheme_width(g, ambiguous) > 0 && !is_space(g)).collect();
        let last_mark_in =
            |from: usize, to: usize| marks.iter().rev().find(|(at, g)| *at >= from && at + g.len() <= to).copied();
        let first_mark_from = |from: usize| marks.iter().find(|(at, _)| *at >= from).copied();
        let shown = || spans.iter().map(|s| &text[s.range.clone()]).collect::<Vec<_>>();
        for pair in spans.windows(2) {
            let (row, next) = (&pair[0], &pair[1]);
            let (Some((p_at, p)), Some((n_at, n))) =
                (last_mark_in(row.range.start, row.range.end), first_mark_from(next.range.start))
            else {
                continue;
            };
            if separable(p_at, p, n_at, n) {
                continue;
            }
            let through_n = width_of(text, row.range.start..n_at + n.len(), ambiguous);
            assert!(
                through_n > limit,
                "break between {p:?} and {n:?} at width {limit} although {:?} fits: {:?}",
                &text[row.range.start..n_at + n.len()],
                shown()
            );
            let before = graphemes.iter().rev().filter(|(at, _)| *at < next.range.start);
            for &(cut, _) in before.take(2).filter(|(at, _)| *at > row.range.start) {
                if let (Some((q_at, q)), Some((m_at, m))) = (last_mark_in(row.range.start, cut), first_mark_from(cut)) {
                    assert!(
                        !separable(q_at, q, m_at, m),
                        "break between {p:?} and {n:?} at width {limit}, but one between \
                         {q:?} and {m:?} was allowed: {:?}",
                        shown()
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn rows_fit_cover_the_text_and_respect_kinsoku(
            text in paragraph(),
            width in 1usize..120,
            ambiguous in ambiguous(),
        ) {
            let spans = break_paragraph(&text, width, ambiguous);
            // Ranges, widths, the single-grapheme exception and "only spaces dropped".
            check_spans(&text, width, ambiguous, &spans);
            // The same, stated as the brief does: rows joined equal the text, spaces aside.
            let joined: String = spans.iter().map(|s| &text[s.range.clone()]).collect();
            let strip = |s: &str| s.replace([' ', '\u{3000}'], "");
            prop_assert_eq!(strip(&joined), strip(&text));
            check_kinsoku(&text, width, ambiguous, &spans);
        }

        #[test]
        fn any_string_at_any_width_is_total(text in any::<String>(), width in 0usize..200) {
            for ambiguous in [N, W] {
                let spans = break_paragraph(&text, width, ambiguous);
                check_spans(&text, width, ambiguous, &spans);
                check_kinsoku(&text, width, ambiguous, &spans);
            }
        }

        #[test]
        fn fold_rows_are_the_breaker_rows(
            lines in prop::collection::vec(paragraph(), 1..5),
            width in 1usize..60,
            ambiguous in ambiguous(),
            final_newline in any::<bool>(),
        ) {
            // `fold` splits on \n itself, so keep \n out of the lines.
            let lines: Vec<String> = lines.iter().map(|l| l.replace(['\n', '\r'], "")).collect();
            let mut input = lines.join("\n");
            if final_newline {
                input.push('\n');
            }
            let mut expected = Vec::new();
            for line in &lines {
                for span in break_paragraph(line, width, ambiguous) {
                    let row: String = row_cells(line, &span, ambiguous)
                        .map(|c| {
                            if c.grapheme == "\t" {
                                " ".repeat(c.width)
                            } else if c.grapheme.starts_with(char::is_control) {
                                String::new()
                            } else {
                                c.grapheme.to_string()
                            }
                        })
                        .collect();
                    expected.push(row);
                }
            }
            let mut expected = expected.join("\n");
            if final_newline {
                expected.push('\n');
            }
            if input.is_empty() {
                expected.clear();
            }
            prop_assert_eq!(fold_text(&input, width, ambiguous), expected);
        }
    }
}
