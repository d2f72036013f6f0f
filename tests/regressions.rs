//! Regression tests for bugs found by the reliability work (issue 7): by the end-to-end suite
//! (tests/e2e.rs) and by the fuzz targets (fuzz/). Each test is named after the bug it pins.

use gijiroku::core::decode::decode;

/// A UTF-8 file with a few broken bytes (a truncated character, a stray Shift_JIS word) was
/// decoded whole as Shift_JIS, turning every Japanese character into mojibake. It must stay
/// UTF-8 with the broken bytes replaced and reported.
#[test]
fn mostly_utf8_with_a_few_invalid_bytes_was_decoded_as_shift_jis() {
    let mut bytes = "第1回 委員会 議事要旨\n\n[森委員]\n\n予算について質問する。\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xE4\xBC\n\x89\xEF\x8B\x63\x98\x5E\n");
    bytes.extend_from_slice("[堀委員]\n\n最後の発言。".as_bytes());
    bytes.extend_from_slice(b"\xE8\xAD");
    let decoded = decode(&bytes);
    assert_eq!(decoded.encoding, "UTF-8");
    assert!(decoded.text.starts_with("第1回 委員会 議事要旨"), "{:?}", decoded.text);
    assert!(decoded.text.contains("最後の発言。\u{FFFD}"));
    assert!(decoded.diagnostics.iter().any(|d| d.kind == "invalid_bytes"));
}

/// The other direction must not change: Shift_JIS and EUC-JP files are still recognised, even
/// when a few of their byte pairs happen to form valid UTF-8.
#[test]
fn legacy_japanese_encodings_are_still_detected() {
    let text = "令和6年2月9日　委員会を開催した。出席委員は五名であった。本日の議題は予算案である。";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    assert_eq!(decode(&sjis).encoding, "Shift_JIS");
    let (euc, _, _) = encoding_rs::EUC_JP.encode(text);
    assert_eq!(decode(&euc).encoding, "EUC-JP");
}

/// Fuzz finding (target `breaker`, first run): a zero-width grapheme (here U+FEFF, a BOM left at
/// the start of a line) before a kanji at width 1 gave a row of two graphemes, 2 columns wide.
/// Not a breaker bug: the documented exception is a row with one *visible* grapheme wider than
/// the width (zero-width graphemes take no cell and ride along), which is what the proptests in
/// tests/layout_breaker.rs check; the fuzz target had a stricter rule and was corrected. This
/// pins the behaviour.
#[test]
fn fuzz_breaker_zero_width_grapheme_before_a_wide_one_at_width_1() {
    use gijiroku::core::layout::breaker::{break_paragraph, row_cells};
    use gijiroku::core::width::AmbiguousWidth;
    let text = "\u{feff}令和7年";
    let rows = break_paragraph(text, 1, AmbiguousWidth::Wide);
    assert_eq!(rows[0].range, 0..6, "the BOM stays with the first kanji");
    assert_eq!(rows[0].width, 2);
    for row in &rows {
        let visible = row_cells(text, row, AmbiguousWidth::Wide).filter(|c| c.width > 0).count();
        assert_eq!(visible, 1, "one visible grapheme per row at width 1");
    }
}

/// Found by the `html` fuzz target: a scribed page's `<dt>` term broken by a `<br>` became a
/// header label with a newline in it (labels are one line on screen; the newline reached the
/// terminal's layout as a line break inside a label).
#[test]
fn fuzz_html_definition_term_with_a_line_break_made_a_two_line_header_label() {
    let page = "<!DOCTYPE html><html><head><title>Harbour WG -- 3 Apr 2031</title></head><body>\
        <h1>- DRAFT -</h1><dl><dt>Present<br>and regrets</dt><dd>ren, sora</dd></dl>\
        <p class=\"phone\"><cite>ren:</cite> Shall we begin?</p>\
        <p class=\"phone\"><cite>sora:</cite> Yes, the timetable first.</p></body></html>";
    let meetings = gijiroku::core::parse::parse_text(page);
    let labels: Vec<&str> = meetings.iter().flat_map(|m| m.header.iter().map(|s| s.label.as_str())).collect();
    assert!(labels.contains(&"Present and regrets"), "{labels:?}");
    assert!(labels.iter().all(|l| !l.contains('\n')), "{labels:?}");
}

/// Found by the `json` fuzz target: a record's speaker field holding a line break (a vendor
/// record's `title`, a Diet API `speaker`) became a label or speaker name of two lines. One-line
/// places of the model take the field's lines joined by a space.
#[test]
fn fuzz_json_speaker_field_with_a_line_break_made_a_two_line_label() {
    let vendor = r#"{"tenant_minutes":[
        {"minute_type":"○議長","title":"議長（北村\n一郎）","body":"<pre>○議長（北村一郎）　開会します。</pre>"},
        {"minute_type":"◎答弁","title":"市長（東三郎）","body":"<pre>○市長（東三郎）　お答えします。</pre>"}]}"#;
    let diet = r#"{"numberOfRecords":1,"speechRecord":[{"speechID":"X_1","issueID":"X1","speechOrder":1,
        "nameOfHouse":"参議院","nameOfMeeting":"架空\n委員会","speaker":"北村\n一郎","speakerPosition":"委員長\n",
        "speech":"○委員長（北村一郎君）　開会します。\n　本日は…"}]}"#;
    for text in [vendor, diet] {
        let meetings = gijiroku::core::parse::parse_text(text);
        for meeting in &meetings {
            assert!(!meeting.title.contains('\n'), "{:?}", meeting.title);
            for turn in &meeting.turns {
                for one_line in [&turn.label, &turn.speaker, &turn.position] {
                    assert!(one_line.as_deref().is_none_or(|t| !t.contains('\n')), "{one_line:?}");
                }
            }
        }
        assert!(meetings.iter().any(|m| m.speech_count() > 0), "{text}");
    }
}
