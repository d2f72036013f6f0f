//! The app on a search of the Diet API, without a terminal: a meeting opened with the speeches
//! the search found (`Event::Loaded { found }`) opens at the first, `n`/`N` step through them,
//! a reload keeps them, a search of one's own replaces them; and a list that comes a page at a
//! time (`Event::Paged`) asks for the next page (`Effect::ListMore`) once, near its end.

use super::*;
use gijiroku::app::event::Event as AppEvent;
use gijiroku::app::library::{Entry, EntryState, EntrySummary, Source};
use gijiroku::app::remembered::Remembered;
use gijiroku::app::search::Found;
use gijiroku::app::{App, Effect, Options};
use gijiroku::core::layout::Anchor;
use gijiroku::core::meeting::{Date, Format, TextRef};
use gijiroku::library::DEFAULT_MAX_FILE_BYTES;
use gijiroku::runtime::workers::{entries_of, load, run_effects_blocking};

/// A cached fictional meeting (record information and three speeches), listed and asked for
/// at start; its `Load` effect is left for [`open`] to answer.
fn app_on_meeting(dir: &tempfile::TempDir, height: u16) -> App {
    let path = Cache::at(dir.path()).store(&fixtures::meeting_record(7)).expect("stored");
    let mut app = App::new(Options::default());
    app.handle(AppEvent::Resize { width: 100, height });
    app.handle(AppEvent::Entries { entries: entries_of(Source::File(path), DEFAULT_MAX_FILE_BYTES), preferred: None });
    app
}

/// Answers the pending load as the runtime does, with `found` and `remembered`.
fn open(app: &mut App, found: Option<Found>, remembered: Option<Remembered>) {
    let effects = app.take_effects();
    let (entry, source, index_in_file) = effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { entry, source, index_in_file } => Some((*entry, source.clone(), *index_in_file)),
            _ => None,
        })
        .expect("a load was asked for");
    let result = load(&source, index_in_file, DEFAULT_MAX_FILE_BYTES).map(std::sync::Arc::new);
    app.handle(AppEvent::Loaded { entry, result, remembered, found });
    run_effects_blocking(app, DEFAULT_MAX_FILE_BYTES);
}

fn key(app: &mut App, c: char) {
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::char(c)]));
    run_effects_blocking(app, DEFAULT_MAX_FILE_BYTES);
}

/// The turn of the current match, and its number among all (`[i/N]`).
fn place(app: &App) -> (Option<usize>, Option<(usize, usize)>) {
    let reader = app.reader().expect("a meeting is open");
    let hit = reader.search().current().and_then(|c| reader.search().hits().get(c));
    let turn = hit.and_then(|h| match h.text {
        TextRef::Label(turn) | TextRef::Paragraph { turn, .. } => Some(turn),
        _ => None,
    });
    (turn.or_else(|| reader.current_turn()), reader.hit_position())
}

/// The turn at the top of the reader.
fn top_turn(app: &App) -> Option<usize> {
    app.reader().and_then(|r| r.current_turn())
}

fn found(turns: &[usize], words: Option<&str>) -> Option<Found> {
    Some(Found { turns: turns.to_vec(), words: words.map(str::to_owned) })
}

#[test]
fn a_speaker_search_opens_at_the_first_found_speech_and_n_steps_through_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    open(&mut app, found(&[1, 2], None), None);
    assert_eq!(place(&app), (Some(1), Some((1, 2))));
    assert_eq!(top_turn(&app), Some(1), "the first found speech is at the top");
    key(&mut app, 'n');
    assert_eq!(place(&app), (Some(2), Some((2, 2))));
    key(&mut app, 'n');
    assert_eq!(place(&app).1, Some((1, 2)), "n wraps to the first found speech");
    assert!(app.message().is_some_and(|m| m.text.contains("wrapped")), "{:?}", app.message());
    key(&mut app, 'N');
    assert_eq!(place(&app), (Some(2), Some((2, 2))));
}

#[test]
fn the_words_are_matches_only_in_the_found_speeches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    // 蔵書 is in the second and third speeches (turns 1 and 2); the search found only turn 2.
    open(&mut app, found(&[2], Some("蔵書")), None);
    assert_eq!(place(&app), (Some(2), Some((1, 1))));
    assert_eq!(top_turn(&app), Some(2));
    let reader = app.reader().expect("open");
    assert!(reader.search().hits().iter().all(|h| matches!(h.text, TextRef::Paragraph { turn: 2, .. })));
    assert_eq!(reader.search().query(), "蔵書");
}

#[test]
fn a_found_speech_without_the_words_is_still_a_match() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    // The API matched turn 0 by a form the reader's matcher does not know: its label stands in.
    open(&mut app, found(&[0, 2], Some("蔵書")), None);
    assert_eq!(place(&app), (Some(0), Some((1, 2))));
    key(&mut app, 'n');
    assert_eq!(place(&app), (Some(2), Some((2, 2))));
}

#[test]
fn the_found_speech_wins_over_the_remembered_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    let at_turn_0 = Anchor { text: TextRef::Label(0), byte: 0 };
    let remembered = Remembered { position: Some(at_turn_0), ..Default::default() };
    open(&mut app, found(&[2], None), Some(remembered.clone()));
    assert_eq!(top_turn(&app), Some(2));
    // Without found speeches the remembered place is where it opens.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    open(
        &mut app,
        None,
        Some(Remembered { position: Some(Anchor { text: TextRef::Label(1), byte: 0 }), ..remembered }),
    );
    assert_eq!((top_turn(&app), place(&app).1), (Some(1), None));
}

#[test]
fn a_reload_keeps_the_place_and_the_found_speeches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    open(&mut app, found(&[1, 2], None), None);
    key(&mut app, 'n');
    assert_eq!(place(&app), (Some(2), Some((2, 2))));
    // `R` reads the file again; the runtime hands the found speeches again, which a reload ignores.
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::char('R')]));
    let top = top_turn(&app);
    open(&mut app, found(&[0], None), None);
    assert_eq!(top_turn(&app), top, "the place is kept");
    assert_eq!(app.reader().expect("open").search().found_turns(), Some(&[1, 2][..]));
    key(&mut app, 'N');
    assert_eq!(place(&app), (Some(1), Some((1, 2))));
}

#[test]
fn a_search_of_ones_own_replaces_the_found_speeches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on_meeting(&dir, 8);
    open(&mut app, found(&[2], Some("蔵書")), None);
    use gijiroku::keymap::key::{Key, KeyCode};
    // A search begun and given up (Esc) puts the found speeches back.
    for c in "/図書".chars() {
        key(&mut app, c);
    }
    app.handle(AppEvent::Keys(vec![Key::new(KeyCode::Esc)]));
    assert_eq!(app.reader().expect("open").search().found_turns(), Some(&[2][..]));
    assert_eq!(place(&app), (Some(2), Some((0, 1))));
    for c in "/蔵書".chars() {
        key(&mut app, c);
    }
    app.handle(AppEvent::Keys(vec![Key::new(KeyCode::Enter)]));
    let reader = app.reader().expect("open");
    assert_eq!(reader.search().found_turns(), None);
    // Both speeches with the word count now.
    assert_eq!(reader.hit_position().map(|(_, total)| total), Some(2));
}

/// `n` meetings listed from the API, dated newest first, none cached.
fn listed(from: usize, n: usize) -> Vec<Entry> {
    (from..from + n)
        .map(|i| Entry {
            source: Source::File(std::path::PathBuf::from(format!("/nonexistent/{i}.json"))),
            index_in_file: 0,
            state: EntryState::Ready(EntrySummary {
                title: format!("[1] 衆議院 架空委員会 第{i}号"),
                date: Date::new(2030 - (i / 300) as i32, 12 - (i / 28 % 12) as u32, 28 - (i % 28) as u32),
                turns: None,
                speakers: Vec::new(),
                format: Format::Kokkai,
                problems: 0,
                doubted: false,
            }),
        })
        .collect()
}

fn asks_for_more(app: &mut App) -> usize {
    app.take_effects().iter().filter(|e| **e == Effect::ListMore).count()
}

#[test]
fn the_next_page_is_asked_for_once_when_the_list_nears_its_end() {
    // The newest meeting is cached (the fictional meeting 335 is dated 2030-12-28, as the first
    // listed), and opened at start.
    let dir = tempfile::tempdir().expect("temp dir");
    let cached = Cache::at(dir.path()).store(&fixtures::meeting_record(335)).expect("stored");
    let mut first_page = listed(0, 100);
    first_page[0].source = Source::File(cached);
    let mut app = App::new(Options::default());
    app.handle(AppEvent::Resize { width: 100, height: 30 });
    app.handle(AppEvent::Entries { entries: first_page, preferred: None });
    app.handle(AppEvent::Paged { total: 250, more: true });
    app.handle(AppEvent::ScanDone);
    open(&mut app, None, None);
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::new(gijiroku::keymap::key::KeyCode::Tab)]));
    assert_eq!(app.mode(), gijiroku::keymap::Mode::List);
    assert_eq!(app.list().cursor(), 0);
    assert_eq!(asks_for_more(&mut app), 0, "the top of a list of 100 is far from its end");
    let header = super::common_app::screen_text(&app);
    assert!(header.contains("Meetings 100 of 250"), "{header}");
    // Down to the last screen: one request, and none more while it is on its way.
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::char('G')]));
    assert_eq!(asks_for_more(&mut app), 1);
    assert!(super::common_app::screen_text(&app).contains("loading…"));
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::char('k')]));
    assert_eq!(asks_for_more(&mut app), 0);
    app.handle(AppEvent::Entries { entries: listed(100, 100), preferred: None });
    app.handle(AppEvent::Paged { total: 250, more: true });
    assert_eq!(asks_for_more(&mut app), 0, "the cursor stayed where it was, a page away from the new end");
    assert!(super::common_app::screen_text(&app).contains("Meetings 200 of 250"));
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::char('G')]));
    assert_eq!(asks_for_more(&mut app), 1);
    app.handle(AppEvent::Entries { entries: listed(200, 50), preferred: None });
    app.handle(AppEvent::Paged { total: 250, more: false });
    app.handle(AppEvent::Keys(vec![gijiroku::keymap::key::Key::char('G')]));
    assert_eq!(asks_for_more(&mut app), 0, "the last page came");
    let screen = super::common_app::screen_text(&app);
    assert!(screen.contains("Meetings 250 ") && !screen.contains(" of 250"), "{screen}");
}

#[test]
fn the_wheel_over_the_list_asks_for_the_next_page_at_its_last_screen() {
    use gijiroku::app::mouse::{Mouse, MouseKind};
    let mut app = App::new(Options::default());
    app.handle(AppEvent::Resize { width: 100, height: 30 });
    app.handle(AppEvent::Entries { entries: listed(0, 100), preferred: None });
    app.handle(AppEvent::Paged { total: 1234, more: true });
    app.take_effects();
    assert!(super::common_app::screen_text(&app).contains("Meetings 100 of 1,234"));
    let wheel = Mouse { kind: MouseKind::ScrollDown, column: 1, row: 5 };
    let mut notches = 0;
    while asks_for_more(&mut app) == 0 {
        assert!(notches < 40, "100 entries scrolled through without asking for more");
        app.handle(AppEvent::Mouse(wheel));
        notches += 1;
    }
    // Three rows a notch: the request goes out once the list's last screen is reached.
    let (hidden_above, hidden_below) = app.list().hidden(28);
    eprintln!("asked for the next page after {notches} notches ({hidden_above} above, {hidden_below} below)");
    assert!(notches > 10 && hidden_below < 28, "{notches} notches, {hidden_below} below");
}
