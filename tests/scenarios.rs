//! Key scenarios on the real App (no terminal) with the reference document: moving by turns,
//! agenda items and speakers, filters, the jump list, search and citations.

mod common;

use std::path::PathBuf;

use common::app::{app_with_files, status_line, type_keys};
use gijiroku::app::App;
use gijiroku::core::layout::RowKind;
use gijiroku::core::meeting::TurnKind;

fn reference_app(width: u16, height: u16) -> Option<App> {
    common::reference_document()?;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_599fe319129bac2a.txt");
    Some(app_with_files(&[&path], width, height))
}

/// The speech turn at the top of the view, as (speech number, speaker).
fn here(app: &App) -> (usize, String) {
    let reader = app.reader().expect("a meeting is open");
    let turn = reader.current_speech().expect("on a turn");
    let number = reader.speech_number(turn).expect("a speech turn");
    (number, reader.meeting().turns[turn].speaker.clone().unwrap_or_default())
}

fn top_kind(app: &App) -> RowKind {
    let reader = app.reader().expect("open");
    reader.layout().rows[reader.top()].kind
}

fn shown_speeches(app: &App) -> usize {
    let reader = app.reader().expect("open");
    (0..reader.meeting().turns.len())
        .filter(|&t| reader.is_turn_shown(t) && reader.meeting().turns[t].kind == TurnKind::Speech)
        .count()
}

#[test]
fn three_next_turns_land_on_the_third_turn() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "}}}");
    assert_eq!(here(&app).0, 3);
    assert!(status_line(&app).contains("turn 3/45"), "{}", status_line(&app));
    // The turn's first row is at the top of the view.
    let reader = app.reader().unwrap();
    assert_eq!(Some(reader.top()), reader.layout().turn_row(2));
}

#[test]
fn counts_work_with_structure_moves() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "3}");
    assert_eq!(here(&app).0, 3);
    type_keys(&mut app, "2{");
    assert_eq!(here(&app).0, 1);
    type_keys(&mut app, "12G");
    assert_eq!(here(&app).0, 12);
}

#[test]
fn agenda_items_one_then_two() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "]]");
    assert_eq!(top_kind(&app), RowKind::AgendaHeading);
    assert_eq!(app.reader().unwrap().current_agenda(), Some(0));
    type_keys(&mut app, "]]");
    assert_eq!(top_kind(&app), RowKind::AgendaHeading);
    assert_eq!(app.reader().unwrap().current_agenda(), Some(1));
    type_keys(&mut app, "]]");
    assert!(app.message().is_some_and(|m| m.text.contains("no next agenda item")));
    type_keys(&mut app, "[[");
    assert_eq!(app.reader().unwrap().current_agenda(), Some(0));
}

#[test]
fn star_visits_the_five_turns_of_a_speaker_then_wraps() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "}}");
    let (first, speaker) = here(&app);
    assert_eq!(speaker, "森委員");
    let mut visited = vec![first];
    for _ in 0..4 {
        type_keys(&mut app, "*");
        let (number, who) = here(&app);
        assert_eq!(who, "森委員");
        assert!(number > *visited.last().unwrap());
        visited.push(number);
        assert!(app.message().is_none(), "{:?}", app.message());
    }
    type_keys(&mut app, "*");
    assert_eq!(here(&app).0, first, "wraps to the first turn");
    assert!(app.message().is_some_and(|m| m.text.contains("wrapped")), "{:?}", app.message());
    type_keys(&mut app, "#");
    assert_eq!(here(&app).0, visited[4], "# wraps backwards to the last");
}

#[test]
fn speaker_filter_shows_five_turns_and_folds_the_rest() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "s森委員<CR>");
    assert_eq!(shown_speeches(&app), 5);
    let reader = app.reader().unwrap();
    let folded: u32 = reader
        .layout()
        .rows
        .iter()
        .filter_map(|r| match r.kind {
            RowKind::Folded { turns, .. } => Some(turns),
            _ => None,
        })
        .sum();
    assert_eq!(folded, 40, "the other 40 turns fold into dim rows");
    // The message ("showing 5 of 45 turns …") has the line whole until the next key.
    assert!(status_line(&app).contains("showing 5 of 45 turns (C clears filters)"), "{}", status_line(&app));
    type_keys(&mut app, "<Esc>");
    assert!(status_line(&app).contains("filter:森委員"), "{}", status_line(&app));
    type_keys(&mut app, "C");
    assert_eq!(shown_speeches(&app), 45);
}

#[test]
fn agenda_filter_shows_27_turns_and_filters_combine() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "a<Down><CR>");
    assert_eq!(shown_speeches(&app), 27);
    let meeting = app.reader().unwrap().meeting().clone();
    let expected =
        meeting.turns.iter().filter(|t| t.agenda == Some(1) && t.speaker.as_deref() == Some("森委員")).count();
    assert!(expected > 0);
    type_keys(&mut app, "s森委員<CR>");
    assert_eq!(shown_speeches(&app), expected);
    type_keys(&mut app, "C");
    assert_eq!(shown_speeches(&app), 45);
}

#[test]
fn jump_list_returns_to_each_earlier_place() {
    let Some(mut app) = reference_app(80, 24) else { return };
    let top = |app: &App| app.reader().unwrap().top();
    let mut places = vec![top(&app)];
    for keys in ["}", "]]", "*", "G"] {
        type_keys(&mut app, keys);
        places.push(top(&app));
    }
    for expected in places.iter().rev().skip(1) {
        type_keys(&mut app, "<C-o>");
        assert_eq!(top(&app), *expected);
    }
    type_keys(&mut app, "<C-n><C-n>");
    assert_eq!(top(&app), places[2]);
    type_keys(&mut app, "''");
    assert_eq!(top(&app), places[1], "'' goes back to where the last jump left");
}

#[test]
fn marks_set_and_return() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "5}ma G 'a");
    assert_eq!(here(&app).0, 5);
    type_keys(&mut app, "'z");
    assert!(app.message().is_some_and(|m| m.text.contains("not set")));
}

#[test]
fn search_counts_on_the_reference_document() {
    let Some(mut app) = reference_app(80, 24) else { return };
    for (query, expected) in [("女性管理職", 7), ("１５％", 6), ("令和9年度", 2), ("DXの", 4)] {
        type_keys(&mut app, &format!("/{query}<CR>"));
        let (_, total) = app.reader().unwrap().hit_position().expect("a search is active");
        assert_eq!(total, expected, "{query}");
        assert!(status_line(&app).contains(&format!("/{expected}]")), "{query}: {}", status_line(&app));
    }
}

#[test]
fn search_is_incremental_and_escape_restores_the_view() {
    let Some(mut app) = reference_app(80, 24) else { return };
    // From the top the first match is below the header, off screen.
    let origin = app.reader().unwrap().top();
    type_keys(&mut app, "/女性");
    assert!(app.prompt().is_some());
    let moved = app.reader().unwrap().top();
    assert_ne!(moved, origin, "the view follows the first match while typing");
    type_keys(&mut app, "<BS><BS>");
    type_keys(&mut app, "存在しない語<CR>");
    assert_eq!(app.reader().unwrap().top(), origin, "no match: the view stays");
    assert!(app.message().is_some_and(|m| m.text.contains("not found")));
    type_keys(&mut app, "/女性管理職<Esc>");
    assert_eq!(app.reader().unwrap().top(), origin, "Esc returns to where the search began");
    type_keys(&mut app, "/女性管理職<CR>");
    assert_ne!(app.reader().unwrap().top(), origin, "Enter keeps the match");
}

#[test]
fn n_wraps_around_with_a_message() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "/令和9年度<CR>");
    assert_eq!(app.reader().unwrap().hit_position(), Some((1, 2)));
    type_keys(&mut app, "n");
    assert_eq!(app.reader().unwrap().hit_position(), Some((2, 2)));
    type_keys(&mut app, "n");
    assert_eq!(app.reader().unwrap().hit_position(), Some((1, 2)));
    assert!(app.message().is_some_and(|m| m.text.contains("wrapped")));
    type_keys(&mut app, "N");
    assert_eq!(app.reader().unwrap().hit_position(), Some((2, 2)));
}

#[test]
fn hits_only_folds_turns_without_matches() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "/令和9年度<CR>&");
    assert_eq!(shown_speeches(&app), 2);
    type_keys(&mut app, "&");
    assert_eq!(shown_speeches(&app), 45);
}

#[test]
fn yank_copies_the_turn_with_a_citation() {
    let Some(mut app) = reference_app(80, 24) else { return };
    let copied = type_keys(&mut app, "}}y");
    assert_eq!(copied.len(), 1);
    let text = &copied[0];
    assert!(text.starts_with("森委員\n"), "{text}");
    let citation = text.trim_end().lines().last().unwrap();
    assert!(citation.starts_with("— ") && citation.contains("2024-02-09") && citation.contains("森委員"), "{citation}");
    assert!(citation.contains("①"), "the agenda item is cited: {citation}");
    assert!(app.message().is_some_and(|m| m.text.contains("copied")));
    let copied = type_keys(&mut app, "Y");
    assert!(copied[0].lines().count() < text.lines().count());
}

#[test]
fn resize_keeps_the_reading_position() {
    let Some(mut app) = reference_app(80, 24) else { return };
    type_keys(&mut app, "10}");
    let before = here(&app);
    for (w, h) in [(40, 12), (120, 40), (1, 1), (2, 1), (500, 200), (80, 24)] {
        app.resize(w, h);
        if h > 2 {
            assert_eq!(here(&app), before, "at {w}x{h}");
        }
    }
}

/// In the list, `/` narrows to meetings whose text matches, with hit counts; `Enter` opens the
/// meeting at its first hit; `n` past its last hit continues in the next meeting with hits.
#[test]
fn library_search_narrows_the_list_and_n_continues_across_meetings() {
    let mut app = common::app::app_with_samples(80, 24);
    type_keys(&mut app, "<Tab>/市<CR>");
    let listed = app.list().order().to_vec();
    assert!(listed.len() >= 2, "several samples mention 市: {listed:?}");
    assert!(listed.iter().all(|e| app.list().text_hits().get(e).is_some_and(|&n| n > 0)));
    assert!(common::app::screen_text(&app).lines().nth(1).is_some_and(|l| l.contains('[')), "hit counts are shown");
    // The Enter that closed the prompt opened the first meeting with hits.
    let first = app.reader().unwrap().entry();
    assert_eq!(first, listed[0]);
    let (index, total) = app.reader().unwrap().hit_position().unwrap();
    assert_eq!(index, 1, "opened at its first hit");
    type_keys(&mut app, &"n".repeat(total - 1));
    assert_eq!(app.reader().unwrap().entry(), first);
    type_keys(&mut app, "n");
    let second = app.reader().unwrap().entry();
    assert_eq!(second, listed[1], "n past the last hit opens the next meeting with hits");
    assert_eq!(app.reader().unwrap().hit_position().map(|p| p.0), Some(1));
}

#[test]
fn list_filter_matches_titles_dates_and_speakers_and_sorts_by_date() {
    let mut app = common::app::app_with_samples(80, 24);
    let dates = |app: &App| -> Vec<String> {
        app.list().order().iter().map(|&e| app.entries()[e].date().map(|d| d.to_string()).unwrap_or_default()).collect()
    };
    let newest_first = dates(&app);
    let mut sorted = newest_first.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(newest_first, sorted);
    type_keys(&mut app, "<Tab>o");
    let oldest_first = dates(&app);
    assert_eq!(oldest_first.iter().rev().cloned().collect::<Vec<_>>(), newest_first);
    type_keys(&mut app, "/2024-07<CR>");
    assert_eq!(dates(&app), ["2024-07-23"]);
    assert!(status_line(&app).contains("Meetings") || common::app::screen_text(&app).contains("Meetings 1/4"));
    // Enter opened the meeting found; back in the list, Esc clears the filter.
    assert!(
        app.reader().is_some_and(|r| app.entries()[r.entry()].date().is_some_and(|d| d.to_string() == "2024-07-23"))
    );
    type_keys(&mut app, "<Tab><Esc>");
    assert_eq!(app.list().order().len(), 4, "Esc clears the list filter");
}
