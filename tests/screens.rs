//! Screen snapshots of the real App rendered into a test terminal, at fixed sizes, for the
//! embedded samples (fictional). The reference document is checked by properties only: its text
//! must not be copied into the project, snapshots included.

mod common;

use common::app::{app_with_samples, open_named, render, screen_text, type_keys};
use gijiroku::view::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// A snapshot of the screen after opening sample `sample` (or the default one when empty) and
/// typing `keys`.
fn snapshot(name: &str, width: u16, height: u16, sample: &str, keys: &str) {
    let mut app = app_with_samples(width, height);
    if !sample.is_empty() {
        open_named(&mut app, sample);
    }
    type_keys(&mut app, keys);
    insta::assert_snapshot!(name, screen_text(&app));
}

#[test]
fn samples_at_80x24() {
    snapshot("start_80x24", 80, 24, "", "");
    snapshot("summary_turns_80x24", 80, 24, "01_summary.txt", "3}");
    snapshot("summary_agenda_80x24", 80, 24, "01_summary.txt", "]]]]");
    snapshot("assembly_80x24", 80, 24, "02_assembly.txt", "5}");
    snapshot("assembly_stage_80x24", 80, 24, "02_assembly.txt", "]]]]j");
    snapshot("kokkai_80x24", 80, 24, "04_kokkai.json", "2}");
    snapshot("notes_80x24", 80, 24, "03_notes.md", "]]");
}

#[test]
fn samples_at_40x12() {
    snapshot("start_40x12", 40, 12, "", "");
    snapshot("summary_turns_40x12", 40, 12, "01_summary.txt", "3}");
    snapshot("assembly_40x12", 40, 12, "02_assembly.txt", "5}");
    snapshot("list_40x12", 40, 12, "", "<Tab>");
}

#[test]
fn overlays_at_80x24() {
    snapshot("speaker_picker_80x24", 80, 24, "01_summary.txt", "s");
    snapshot("speaker_picker_narrowed_80x24", 80, 24, "01_summary.txt", "s委員");
    snapshot("speaker_picker_yomi_80x24", 80, 24, "04_kokkai.json", "s");
    snapshot("agenda_picker_80x24", 80, 24, "01_summary.txt", "a");
    snapshot("statistics_80x24", 80, 24, "01_summary.txt", "S");
    snapshot("help_80x24", 80, 24, "", "H");
    snapshot("filtered_80x24", 80, 24, "01_summary.txt", "a<Down><CR>]]");
}

/// Regression: at 37 columns the share bars kept their width and the speaker names shrank to
/// one character and an ellipsis (two 森… rows could not be told apart; the statistics showed
/// no name at all). Names now keep their room and the bars give way.
#[test]
fn narrow_overlays_keep_speaker_names_readable() {
    for keys in ["s", "S"] {
        let mut app = app_with_samples(37, 12);
        open_named(&mut app, "01_summary.txt");
        type_keys(&mut app, keys);
        let screen = screen_text(&app);
        for name in ["環境政策課", "川村委員", "青井委員"] {
            assert!(screen.contains(name), "{keys}: {name} missing from\n{screen}");
        }
        assert!(!screen.contains('█') && !screen.contains('░'), "{keys}: no room for bars at 37 columns\n{screen}");
    }
    // At 80 columns the bars are back.
    let mut app = app_with_samples(80, 24);
    open_named(&mut app, "01_summary.txt");
    type_keys(&mut app, "S");
    assert!(screen_text(&app).contains('█'));
}

/// Search hits are drawn in the hit style on exactly the matched cells, the current one in the
/// current-hit style.
#[test]
fn search_highlights_the_matched_cells() {
    let theme = Theme::default();
    let mut app = app_with_samples(80, 24);
    open_named(&mut app, "01_summary.txt");
    type_keys(&mut app, "/ごみ<CR>");
    let terminal = render(&app, &theme);
    let buffer = terminal.backend().buffer();
    let mut current = 0;
    let mut other = 0;
    for y in 0..buffer.area.height - 1 {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.bg == theme.current_hit.bg.unwrap() {
                current += 1;
                assert!(["ご", "み"].contains(&cell.symbol()), "{x},{y}: {:?}", cell.symbol());
            } else if cell.bg == theme.hit.bg.unwrap() {
                other += 1;
                assert!(["ご", "み"].contains(&cell.symbol()), "{x},{y}: {:?}", cell.symbol());
            }
        }
    }
    assert_eq!(current, 2, "one current hit of two characters");
    assert!(other >= 2, "other visible hits are highlighted too");
}

/// No row of any screen is wider than the terminal, at any size.
#[test]
fn no_row_is_wider_than_the_screen() {
    for (w, h) in [(80, 24), (40, 12), (61, 17), (59, 20), (20, 5), (3, 3), (1, 1), (2, 1)] {
        for keys in ["", "G", "s", "S", "H", "/委員<CR>"] {
            let mut app = app_with_samples(w, h);
            type_keys(&mut app, keys);
            for line in screen_text(&app).lines() {
                assert!(line.width() <= w as usize, "{w}x{h} after {keys:?}: {line:?}");
            }
        }
    }
}

/// The reference document's screens with its words masked (kanji and kana become `＊`, letters
/// and digits `x`; punctuation stays), so the snapshots pin the layout — label gutter, wrapping,
/// kinsoku — without copying a real document's text into the project.
fn masked(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() => 'x',
            '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF10}'..='\u{FF5A}' => {
                '＊'
            }
            c => c,
        })
        .collect()
}

#[test]
fn reference_document_masked_at_80x24_and_40x12() {
    if common::reference_document().is_none() {
        return;
    }
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_599fe319129bac2a.txt");
    for (w, h, keys, name) in [
        (80, 24, "", "reference_top_80x24"),
        (80, 24, "2}", "reference_turn_80x24"),
        (40, 12, "2}", "reference_turn_40x12"),
        (80, 24, "s", "reference_speakers_80x24"),
        (80, 24, "S", "reference_statistics_80x24"),
    ] {
        let mut app = common::app::app_with_files(&[&path], w, h);
        type_keys(&mut app, keys);
        insta::assert_snapshot!(name, masked(&screen_text(&app)));
    }
}

/// Regression: the summary line under the title counted the distinct speakers of every turn at
/// every frame (a millisecond per key in a 10 MB meeting while the top was in view). It is made
/// once per meeting, and the renderer draws that copy.
#[test]
fn the_summary_line_is_drawn_from_the_copy_made_at_open() {
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "gg");
    let reader = app.reader().expect("a meeting is open");
    assert_eq!(reader.summary_line(), reader.meeting().summary_line());
    // Rows hold byte ranges of the line: a copy of the same length shows in their place.
    let copy = "x".repeat(reader.summary_line().len());
    *app.reader_mut_for_test().unwrap().summary_line_mut_for_test() = copy;
    assert!(screen_text(&app).contains("xxxxxxxxxxxxxxxxxxxx"), "{}", screen_text(&app));
}
