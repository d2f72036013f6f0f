//! Containers under attack and at the edges: malformed and hostile HTML, absurd JSON, a page
//! whose declared charset is wrong. Each gives a meeting or a clear diagnostic, never a panic, a
//! hang or a control character in the model.

use std::time::{Duration, Instant};

use gijiroku::core::meeting::{Container, Meeting, Severity};
use gijiroku::core::parse::{parse_bytes, parse_text};

/// Every text of the model, for the control-character check.
fn texts(meeting: &Meeting) -> Vec<&str> {
    let mut texts = vec![meeting.title.as_str()];
    texts.extend(meeting.header.iter().flat_map(|s| s.lines.iter().map(String::as_str)));
    for turn in &meeting.turns {
        texts.extend(turn.label.as_deref());
        texts.extend(turn.speaker.as_deref());
        texts.extend(turn.paragraphs.iter().map(String::as_str));
    }
    texts
}

fn assert_clean(meetings: &[Meeting]) {
    assert!(!meetings.is_empty());
    for meeting in meetings {
        for text in texts(meeting) {
            assert!(!text.chars().any(|c| c.is_control() && c != '\t'), "control character in {text:?}");
        }
    }
}

#[test]
fn script_writing_escape_sequences_never_reaches_the_model() {
    let page = "<!DOCTYPE html><html><head><script>document.write('\u{1b}]52;c;aGk=\u{7}')</script></head>\
                <body><p>○議長（山田太郎君）\u{1b}[2J　開会します。</p><p>○山田委員　質問です。\u{9b}31m</p>\
                <script>alert('\u{1b}[31m')</script></body></html>";
    let meetings = parse_text(page);
    assert_clean(&meetings);
    assert_eq!(meetings[0].container, Container::Html);
    assert_eq!(meetings[0].speech_count(), 2);
    assert!(texts(&meetings[0]).iter().all(|t| !t.contains("alert") && !t.contains("aGk")));
}

#[test]
fn tag_soup_and_unclosed_tags_still_read() {
    let page = "<html><body><div><p>○議長（山田太郎君）　開会します。<p>○山田委員　質問<b>です。<div></span></td>\
                <p>○議長（山田太郎君）　<i>閉会します。";
    let meetings = parse_text(page);
    assert_clean(&meetings);
    assert_eq!(meetings[0].speech_count(), 3);
}

#[test]
fn ten_thousand_nested_divs_are_one_line_of_text() {
    let page = format!(
        "<html><body>{}<p>○議長（山田太郎君）　開会します。</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let meetings = parse_text(&page);
    assert_eq!(meetings[0].speech_count(), 1);
}

#[test]
fn a_fifty_megabyte_attribute_costs_time_in_proportion_not_more() {
    let page = format!(
        "<html><body><p class=\"{}\">○議長（山田太郎君）　開会します。</p></body></html>",
        "x".repeat(50 << 20)
    );
    let start = Instant::now();
    let meetings = parse_text(&page);
    assert_eq!(meetings[0].speech_count(), 1);
    // Linear work on 50 MB; a debug build on a busy 2-core machine stays well inside this.
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
}

#[test]
fn json_nested_a_hundred_thousand_deep_is_a_clear_message() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let meetings = parse_text(&text);
    let note = meetings[0].diagnostics.iter().find(|d| d.kind == "json_unreadable").expect("a diagnostic says why");
    assert_eq!(note.severity, Severity::Warning);
    assert!(note.message.contains("recursion limit"), "{}", note.message);
}

#[test]
fn a_truncated_research_file_keeps_its_complete_records() {
    let text = r#"[{"Date":"2020/1/1","ProceedingTitle":"一","Proceeding":[{"Speaker":"甲委員長","Utterance":"開会します。"}]},
                   {"Date":"2020/1/2","ProceedingTitle":"二","Proceeding":[{"Speaker":"甲委員長","Utterance":"開会します。"},{"Speaker":"乙委員","Utterance":"質問で"#;
    let meetings = parse_text(text);
    assert_eq!(meetings.len(), 2);
    assert_eq!(meetings[1].speech_count(), 1);
    let note = meetings[0].diagnostics.iter().find(|d| d.kind == "json_truncated").expect("a warning");
    assert!(note.message.contains(&format!("byte {}", text.len())), "{}", note.message);
}

#[test]
fn a_page_declaring_shift_jis_with_utf8_bytes_reads_right_and_says_so() {
    let page = "<html><head><meta charset=\"Shift_JIS\"></head><body><pre>\n架空市議会会議録\n○議長（山田太郎君）　開会します。\n</pre></body></html>";
    let meetings = parse_bytes(page.as_bytes());
    assert_eq!(meetings[0].turns[0].speaker.as_deref(), Some("山田太郎"));
    let note = meetings[0].diagnostics.iter().find(|d| d.kind == "charset_mismatch").expect("a warning");
    assert!(note.message.contains("shift_jis") && note.message.contains("UTF-8"), "{}", note.message);
}

#[test]
fn a_shift_jis_page_that_says_so_reads_without_a_warning() {
    let page = "<html><head><meta charset=\"shift_jis\"></head><body><pre>\n○議長（山田太郎君）　開会します。\n</pre></body></html>";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(page);
    let meetings = parse_bytes(&bytes);
    assert_eq!(meetings[0].turns[0].speaker.as_deref(), Some("山田太郎"));
    assert!(meetings[0].diagnostics.iter().all(|d| d.kind != "charset_mismatch"));
}

#[test]
fn minutes_text_that_mentions_a_tag_is_not_taken_for_html() {
    let text = "架空市議会会議録\n○議長（山田太郎君）　<br>タグの扱いについて伺います。\n○山田委員　<p>もです。\n";
    let meetings = parse_text(text);
    assert_eq!(meetings[0].container, Container::Text);
    assert!(meetings[0].turns[0].paragraphs[0].contains("<br>"));
}
