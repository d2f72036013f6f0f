//! A scroll draws only what changed (`runtime::paint`): the screen driver moves its copy of the
//! screen with the terminal's scroll region, and the view draws only the reader rows that differ
//! from it and the status line. These tests type keys into the real `App`, send every frame
//! through that path, and compare what a terminal emulator shows, cell by cell with attributes,
//! with what it shows when every frame is drawn in full; and they check that a one-line scroll
//! did draw only a row or two.

use std::num::NonZeroU16;

#[path = "../benches/support/mod.rs"]
mod support;

use gijiroku::app::App;
use gijiroku::core::meeting::{AgendaItem, Meeting, Role, Turn, TurnKind};
use gijiroku::keymap::key::{Key, KeyCode};
use gijiroku::library::DEFAULT_MAX_FILE_BYTES;
use gijiroku::runtime::paint::Painter;
use gijiroku::runtime::screen::Screen;
use gijiroku::runtime::workers::run_effects_blocking;
use gijiroku::view::theme::Theme;

/// Invented sentences of mixed widths, so that rows end on wide characters at the pane's edge,
/// one column short of it, and on ASCII.
const PHRASES: &[&str] = &[
    "図書館の開館時間を延長する案について、",
    "防災訓練の参加者は前年より 15% 増え、",
    "DX の推進に向けた計画を",
    "「持続可能なまちづくり」の観点から",
    "子育て支援センターの利用者アンケートでは、",
    "検討を重ねてまいりたいと考えております。",
    "ａｂｃ全角英字と半角ｶﾅを含む行、",
    "予算案 abc-123 の修正について。",
];

const SPEAKERS: &[(&str, Role)] =
    &[("委員長（山田太郎君）", Role::Chair), ("佐藤委員", Role::Member), ("企画課長", Role::Official)];

fn meeting() -> Meeting {
    let mut seed = 7u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    let turns = (0..60)
        .map(|i| {
            let (label, role) = SPEAKERS[i % SPEAKERS.len()];
            let paragraphs = (0..1 + next() % 3)
                .map(|_| (0..1 + next() % 6).map(|_| PHRASES[next() % PHRASES.len()]).collect::<String>())
                .collect();
            Turn {
                kind: TurnKind::Speech,
                label: Some(label.to_owned()),
                speaker: Some(label.to_owned()),
                role,
                agenda: Some(i / 20),
                paragraphs,
                ..Turn::default()
            }
        })
        .collect();
    Meeting {
        title: "架空市議会　予算特別委員会".into(),
        agenda: (1..=3).map(|n| AgendaItem { title: format!("議案第{n}号"), ..AgendaItem::default() }).collect(),
        turns,
        ..Meeting::default()
    }
}

fn app(width: u16, height: u16) -> App {
    support::app_with(meeting(), width, height)
}

fn keys(script: &str) -> Vec<Key> {
    script
        .chars()
        .map(|c| match c {
            '\r' => Key::new(KeyCode::Enter),
            '\u{4}' => Key::ctrl('d'),
            c => Key::char(c),
        })
        .collect()
}

/// What an emulator fed `bytes` shows: every cell's text and attributes and the cursor when it is
/// shown (one line per row), and the text alone.
fn emulate(bytes: &[u8], width: u16, height: u16) -> (String, String) {
    let (Some(rows), Some(cols)) = (NonZeroU16::new(height), NonZeroU16::new(width)) else {
        return (String::new(), String::new());
    };
    let mut parser = vt100::Parser::new(rows, cols, 0);
    parser.process(bytes);
    let screen = parser.screen();
    let mut cells = String::new();
    for y in 0..height {
        for x in 0..width {
            if let Some(c) = screen.cell(y, x) {
                let attributes = (c.fgcolor(), c.bgcolor(), c.bold(), c.dim(), c.italic(), c.underline(), c.inverse());
                // A cell erased and a cell with a space written into it look the same.
                let text = if c.contents().is_empty() { " " } else { c.contents() };
                cells.push_str(&format!("{text:?}{}{attributes:?}", c.is_wide_continuation()));
            }
        }
        cells.push('\n');
    }
    if !screen.hide_cursor() {
        cells.push_str(&format!("cursor {:?}", screen.cursor_position()));
    }
    (cells, screen.contents())
}

/// Types `script` at `width`×`height`, sending each frame through the scrolling path and, on a
/// second screen, in full; after every key both emulated screens must be the same. Returns, for
/// each key, how many rows the scrolling path drew (`None`: all).
fn type_and_compare(width: u16, height: u16, script: &str) -> Vec<Option<usize>> {
    let theme = Theme::default();
    let mut app = app(width, height);
    assert!(app.panes().list.is_none(), "the reader is to span the width");
    let mut scrolled = Screen::new(Vec::new(), width, height);
    let mut full = Screen::new(Vec::new(), width, height);
    let mut painter = Painter::default();
    let mut drawn = Vec::new();
    let mut frame = |app: &App, step: &str| {
        painter.draw(app, &theme, &mut scrolled, true).unwrap();
        drawn.push(painter.rows_drawn());
        let cursor = gijiroku::view::render(app, &theme, full.area(), full.buffer_mut());
        full.present(cursor, None).unwrap();
        let (want_cells, want_text) = emulate(full.writer(), width, height);
        let (got_cells, got_text) = emulate(scrolled.writer(), width, height);
        assert_eq!(got_text, want_text, "{width}×{height}, after {step:?}");
        let differs = got_cells.lines().zip(want_cells.lines()).position(|(got, want)| got != want);
        assert!(
            got_cells == want_cells,
            "{width}×{height}, after {step:?}: same text, other attributes on row {differs:?}:\n{:?}\n{:?}",
            differs.and_then(|y| got_cells.lines().nth(y)),
            differs.and_then(|y| want_cells.lines().nth(y)),
        );
    };
    frame(&app, "");
    for (i, key) in keys(script).into_iter().enumerate() {
        app.handle_key(key);
        run_effects_blocking(&mut app, DEFAULT_MAX_FILE_BYTES);
        frame(&app, &script[..script.char_indices().nth(i + 1).map_or(script.len(), |(at, _)| at)]);
    }
    drawn
}

/// Scrolling by one row, by several, back, through search hits (the current hit moves while the
/// view scrolls), past the end and into a relayout.
const SCRIPT: &str = "jjjjjjkkkjjj\u{4}kkkk/案\rnnnnjjjkkNNNNjjjGkkkkjjjggjjjj";

#[test]
fn a_scrolled_frame_shows_what_a_full_redraw_shows() {
    for (width, height) in [(80, 24), (200, 60), (41, 12), (79, 10), (33, 8), (3, 4)] {
        type_and_compare(width, height, SCRIPT);
    }
}

#[test]
fn a_one_line_scroll_draws_the_new_row_and_the_status_line() {
    for (width, height) in [(80, 24), (200, 60), (41, 12)] {
        let drawn = type_and_compare(width, height, "jjjjjjjjkkkk");
        // The first frame is drawn whole; each `j`/`k` after it draws the row that came in (none
        // when it is blank) and the status line when it changed (the percentage, the speaker).
        assert_eq!(drawn[0], None, "{width}×{height}");
        assert!(drawn[1..].iter().all(|d| matches!(d, Some(0..=2))), "{width}×{height}: {drawn:?}");
        assert!(drawn.contains(&Some(1)), "{width}×{height}: {drawn:?}");
    }
}
