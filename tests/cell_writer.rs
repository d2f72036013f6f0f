//! The second line of defence. The sanitiser keeps escapes, controls and bidi overrides out of
//! the model, but the model's fields are public and a future parser could forget it; so the view
//! and the screen writer must never send a control from text either. These tests put hostile
//! text straight into a `Meeting` (bypassing the sanitiser), draw it with the real view and the
//! real `Screen` writer at several sizes while scrolling, and walk the bytes with the e2e
//! checker. They also draw a speaker label of 10,000 characters through the label path, which
//! no parser produces today (labels are at most 40 characters in the summary format).
//!
//! Without the sanitiser, the introducers (ESC, BEL, C1) are dropped by the cell writer (they
//! are zero-width graphemes) and what followed them shows as inert text (`]0;PWNED`).

#[path = "e2e/checker.rs"]
mod checker;

use std::sync::Arc;

use gijiroku::app::{App, Options};
use gijiroku::core::meeting::{AgendaItem, HeaderSection, Meeting, Turn, TurnKind};
use gijiroku::keymap::key::{Key, KeyCode};
use gijiroku::runtime::screen::Screen;
use gijiroku::view::theme::Theme;

fn hostile_meeting() -> Meeting {
    let stacked: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 100)).collect();
    let turn = |label: &str, text: &str| Turn {
        kind: TurnKind::Speech,
        label: Some(label.to_owned()),
        speaker: Some(label.to_owned()),
        agenda: Some(0),
        paragraphs: vec![text.to_owned()],
        ..Turn::default()
    };
    Meeting {
        title: "攻撃\u{1b}]0;PWNED\u{7}題名\u{9b}2J".into(),
        place: Some("場所\u{1b}[31m赤\u{202E}".into()),
        header: vec![HeaderSection {
            label: "出\u{1b}P席\u{1b}\\".into(), lines: vec!["行\u{8}\u{7f}\u{0}".into()]
        }],
        agenda: vec![AgendaItem { title: "議題\u{1b}]8;;http://x.invalid\u{7}".into(), ..AgendaItem::default() }],
        notes: vec!["注\u{1b}[999;999H".into()],
        turns: vec![
            turn(&"長".repeat(10_000), "名札が一万字の発言。"),
            turn("川村\u{1b}[2J委員", "発言\u{1b}]52;c;ZXhwbG9pdA==\u{7}の中\u{9d}0;x\u{9c}に\u{202E}逆\u{200B}。"),
            turn("堀\u{85}委員", &format!("{stacked}と\t\tタブと\r改行と\u{2028}区切り")),
            turn(&"x\u{1b}".repeat(5_000), &"\u{1b}[6n".repeat(1_000)),
        ],
        ..Meeting::default()
    }
}

fn key(c: char) -> Key {
    let code = match c {
        '\r' => KeyCode::Enter,
        '\u{1b}' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    Key { code, ctrl: false, alt: false }
}

/// Draws the meeting at `width`×`height`, pressing `keys` between frames; returns the bytes.
fn draw(width: u16, height: u16, keys: &str) -> Vec<u8> {
    let mut app = App::new(Options::default());
    app.meeting_loaded(0, Ok(Arc::new(hostile_meeting())));
    app.resize(width, height);
    let theme = Theme::default();
    let mut screen = Screen::new(Vec::new(), width, height);
    let frame = |app: &App, screen: &mut Screen<Vec<u8>>| {
        let area = screen.area();
        let cursor = gijiroku::view::render(app, &theme, area, screen.buffer_mut());
        screen.present(cursor, None).unwrap();
    };
    frame(&app, &mut screen);
    for c in keys.chars() {
        app.handle_key(key(c));
        frame(&app, &mut screen);
    }
    screen.writer().clone()
}

const KEYS: &str = "jjjjGggjjjjjjjjjjjjjjjjjjjjjjjjjjzjjjjjjjzSjjjjqs";

#[test]
fn controls_put_straight_into_the_model_never_reach_the_terminal() {
    for (width, height) in [(80, 24), (40, 12), (1, 1), (2, 1), (200, 60), (59, 10)] {
        let raw = draw(width, height, KEYS);
        checker::assert_clean(&raw, false);
    }
}

#[test]
fn a_label_of_10000_characters_stays_aligned_and_its_speech_reachable() {
    // A label wider than the gutter takes rows of its own, wrapped: all 10,000 characters of it
    // (about 250 rows at 80 columns; long, but aligned and bounded). A search reaches the
    // speech under it.
    for (width, height, keys) in [(80u16, 24u16, "z"), (200, 60, ""), (80, 24, ""), (40, 12, ""), (1, 1, "")] {
        let keys = format!("{keys}/名札が一万字\r");
        let raw = draw(width, height, &keys);
        checker::assert_clean(&raw, false);
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(height).unwrap(),
            std::num::NonZeroU16::new(width).unwrap(),
            0,
        );
        parser.process(&raw);
        let rows: Vec<String> = parser.screen().rows(0, width).collect();
        assert!(rows.iter().all(|r| r.chars().count() <= width as usize), "{rows:#?}");
        if height > 1 {
            assert!(rows.iter().any(|r| r.contains("名札が一万字")), "{width}×{height}: {rows:#?}");
        }
    }
}
