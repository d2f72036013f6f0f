//! Issue 12, "speakers you can trust": every speaker line read as one, nothing else taken for
//! one, and a warning whenever a meeting still looks wrongly read. Texts of our own in the shapes
//! real minutes have; each test is named after the mistake it pins.

mod common;

use std::io::Write;

use common::app::{app_with_files, open_named, screen_text, status_line, type_keys};
use gijiroku::core::layout::{LayoutKey, RowKind, layout};
use gijiroku::core::meeting::{Format, Meeting, TurnKind};
use gijiroku::core::parse::parse_text;
use gijiroku::core::parse::quality;
use gijiroku::core::width::AmbiguousWidth;

fn one(text: &str) -> Meeting {
    parse_text(text).remove(0)
}

fn speakers(meeting: &Meeting) -> Vec<&str> {
    meeting.speakers()
}

fn doubt(meeting: &Meeting) -> Option<&str> {
    meeting.diagnostics.iter().find(|d| d.kind == quality::KIND).map(|d| d.message.as_str())
}

#[test]
fn code_in_a_markdown_fence_was_read_as_speakers() {
    let m = one(
        "# Design\n\nSee:\n\n```rust\nfn f<T>()\nwhere\n    T: Iterator<Item: Send>,\n    Self: Sized,\n```\n\nana: looks fine\n\nbo: agreed\n\nana: merging\n",
    );
    assert_eq!(speakers(&m), ["ana", "bo"]);
    // The block is one paragraph with its lines, laid out line by line.
    let code = m.turns.iter().flat_map(|t| &t.paragraphs).find(|p| p.starts_with("```")).expect("the code block");
    assert!(code.contains("\n    T: Iterator<Item: Send>,\n"), "{code}");
    let rows = layout(&m, &LayoutKey { width: 60, ambiguous: AmbiguousWidth::Narrow, visible: None });
    let texts: Vec<&str> =
        rows.rows.iter().filter_map(|r| r.text.map(|t| &m.text(t)[r.start as usize..r.end as usize])).collect();
    assert!(texts.contains(&"    T: Iterator<Item: Send>,"), "{texts:?}");
    assert!(texts.contains(&"where"), "{texts:?}");
}

#[test]
fn key_value_lines_and_link_labels_were_speakers() {
    let m = one(
        "# Sync 2024-02-06\n\n## Links\n\n* **Recording**: <https://example.invalid/r>\n* **Issue**: <https://example.invalid/i>\n\n## Notes\n\n*   **Moderators:** Dana Fox (@dfox)\n*   **Note Taker:** Eli Stone [Contribex]\n\nAuthor: Gus Lind\n\nAna Ruiz: First point.\n\nBo Chen: Second point.\n",
    );
    assert_eq!(speakers(&m), ["Ana Ruiz", "Bo Chen"]);
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2024-02-06"));
    assert_eq!(m.header.first().map(|s| s.label.as_str()), Some("Links"));
}

#[test]
fn a_qualifier_was_read_as_the_speaker() {
    let m = one(
        "# WG\n\nAna Ruiz (as individual): I support it.\n\nBo (as individual): Me too.\n\nAna (chair): Then it is decided.\n",
    );
    assert_eq!(speakers(&m), ["Ana Ruiz", "Bo"]);
    let chair = m.turns.iter().find(|t| t.label.as_deref() == Some("Ana (chair)")).expect("the chair's turn");
    assert_eq!(chair.position.as_deref(), Some("chair"));
}

#[test]
fn nested_handles_were_given_to_the_previous_speaker() {
    let m = one(
        "# TSC\n\n## Present\n\n* Cleo Park @cpark\n\n## Agenda\n\n* build: pin the toolchain [#12](https://example.invalid/12)\n  * dvo: We pinned it last week.\n  * dvo: Nothing left to decide.\n  * cpark: Agreed.\n* Agreement to close the issue.\n",
    );
    assert_eq!(speakers(&m), ["dvo", "cpark"]);
    let last = m.turns.last().expect("turns");
    assert_eq!((last.kind, last.speaker.as_deref()), (TurnKind::Procedure, None), "{last:?}");
    assert_eq!(m.attendees, ["Cleo Park"]);
}

#[test]
fn a_label_alone_on_its_line_gave_the_whole_debate_to_one_member() {
    let m =
        one("○議長（森　一）\n開会します。\n○３番議員（川上　咲）\n質問します。\n○議長（森　一）\n答弁を求めます。\n");
    assert_eq!(m.format, Format::Verbatim);
    assert_eq!(speakers(&m), ["森一", "川上咲"]);
    assert_eq!(m.speech_count(), 3);
    assert_eq!(doubt(&m), None);
}

#[test]
fn attendance_tables_after_the_opening_line_were_narration() {
    let m = one(
        "架空町議会会議録\n令和７年３月４日（火）\n午前１０時　開議\n出席議員（２名）\n１番　山　田　太　郎　君　　２番　佐　藤　花　子　君\n議会事務局\n事務局長　　　木村　勉\n○議長（佐藤花子君）\n開会します。\n○１番（山田太郎君）\n質問します。\n",
    );
    assert_eq!(m.format, Format::Verbatim);
    assert_eq!(m.attendees, ["山田太郎", "佐藤花子"]);
    let labels: Vec<&str> = m.header.iter().map(|s| s.label.as_str()).collect();
    assert!(labels.contains(&"出席議員（２名）") && labels.contains(&"議会事務局"), "{labels:?}");
    assert!(m.turns.iter().all(|t| t.paragraphs.iter().all(|p| !p.contains("１番　山"))), "{:?}", m.turns);
    assert_eq!(m.speakers(), ["佐藤花子", "山田太郎"]);
}

#[test]
fn english_dates_and_weekdays_in_the_documents_language() {
    let m = one("# Steering sync\n\n## Tuesday, March 19, 2024\n\nAna Ruiz: hello\n\nBo Chen: hi\n");
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2024-03-19"));
    assert!(m.summary_line().starts_with("2024-03-19 (Tue)"), "{}", m.summary_line());
    let ja = one("○議長（森　一）　令和6年3月19日の会議を開きます。\n");
    assert!(!ja.summary_line().contains("Tue"));
}

#[test]
fn markdown_paragraphs_were_joined_as_if_a_pdf_page_split_them() {
    let m = one("# Notes\n\nAna Ruiz: The first idea, which we dropped because\n\nthe second one was simpler anyway\n");
    let joins = m.diagnostics.iter().filter(|d| d.kind == "page_break_joined").count();
    assert_eq!(joins, 0);
}

/// A meeting the parsers still cannot read right: two-word labels whose values are code.
const DOUBTFUL: &str = "# Review\n\nType Alias: type Foo<'a> = impl Future<Output = u32>;\n\nTrait Bound: where T: Iterator<Item: Send> {}\n\nAna Ruiz: I think this reads well.\n";

#[test]
fn a_wrong_reading_is_never_silent() {
    let m = one(DOUBTFUL);
    let message = doubt(&m).expect("a reading doubt");
    assert!(message.contains("Type Alias (line 3), Trait Bound (line 5)"), "{message}");
    assert!(m.summary_line().contains("1 reading problem (S)"), "{}", m.summary_line());
}

#[test]
fn a_doubted_meeting_is_marked_in_the_list_and_named_on_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doubtful = dir.path().join("review.md");
    std::fs::File::create(&doubtful).and_then(|mut f| f.write_all(DOUBTFUL.as_bytes())).expect("write");
    let fine = dir.path().join("fine.md");
    std::fs::write(&fine, "# Fine\n\nAna Ruiz: one\n\nBo Chen: two\n").expect("write");
    let mut app = app_with_files(&[&doubtful, &fine], 100, 24);
    open_named(&mut app, "review.md");
    // Its warning is in the status line, once.
    assert!(status_line(&app).contains("speakers may be misread"), "{}", status_line(&app));
    type_keys(&mut app, "j");
    assert!(!status_line(&app).contains("speakers may be misread"), "{}", status_line(&app));
    let screen = screen_text(&app);
    let review_row = screen.lines().find(|l| l.starts_with("▸Review")).expect("the list row");
    let list_part = |row: &str| row.split('│').next().unwrap_or("").to_owned();
    assert!(list_part(review_row).ends_with("?3"), "{screen}");
    let fine_row = screen.lines().find(|l| l.starts_with(" Fine")).expect("the list row");
    assert!(!list_part(fine_row).contains('?'), "{screen}");
    // `S` lists it under the reading problems.
    type_keys(&mut app, "S");
    let screen = screen_text(&app);
    assert!(screen.contains("Reading problems"), "{screen}");
    assert!(screen.contains("speakers may be misread"), "{screen}");
}

#[test]
fn rows_of_a_code_block_are_speech_rows_of_their_entry() {
    let m = one("# D\n\n```\na\n\nb\n```\n");
    let rows = layout(&m, &LayoutKey { width: 40, ambiguous: AmbiguousWidth::Narrow, visible: None });
    let body: Vec<RowKind> = rows.rows.iter().filter(|r| r.turn.is_some()).map(|r| r.kind).collect();
    // Fence, a, the blank line inside the block, b, fence: five rows of one paragraph.
    assert_eq!(body.iter().filter(|k| **k == RowKind::Procedure).count(), 5, "{body:?}");
}
