//! Issue 13, item 7: pasting into a prompt re-ran the search after every character (1,600
//! pasted kanji froze the reader 10.5 s, 800 ASCII characters in the list filter 14 s), and
//! meanwhile the input thread held the loop's lock. A paste is now one edit (one search), keys
//! that arrive together are one batch (one search), and a prompt holds at most 256 characters,
//! so no work under the lock grows with the size of the input.

mod common;

use std::time::{Duration, Instant};

use common::app::{app_with_samples, type_keys};
use gijiroku::app::prompt::MAX_PROMPT_CHARS;
use gijiroku::app::{App, Effect};
use gijiroku::keymap::key::Key;

fn library_searches(app: &mut App) -> usize {
    app.take_effects().iter().filter(|e| matches!(e, Effect::SearchLibrary { .. })).count()
}

fn ascii(n: usize) -> String {
    (0..n).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect()
}

fn kanji(n: usize) -> String {
    let pool: Vec<char> = "予算審議委員会図書館開館時間子育て支援議会市民説明質問答弁".chars().collect();
    (0..n).map(|i| pool[i * 5 % pool.len()]).collect()
}

/// The list with its filter prompt open.
fn list_filter() -> App {
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "h/");
    app.take_effects();
    assert!(app.prompt().is_some(), "the filter prompt is open");
    app
}

#[test]
fn a_paste_in_the_list_filter_searched_the_library_once_per_character() {
    let mut app = list_filter();
    app.paste(&ascii(800));
    assert_eq!(library_searches(&mut app), 1);
    let prompt = app.prompt().unwrap().prompt().text().to_owned();
    assert_eq!(prompt.chars().count(), MAX_PROMPT_CHARS);
    assert!(app.message().is_some_and(|m| m.text.contains("pasted text cut")), "{:?}", app.message());
}

#[test]
fn keys_that_arrived_together_searched_once_per_key() {
    let mut app = list_filter();
    let keys: Vec<Key> = ascii(800).chars().map(Key::char).collect();
    app.handle_keys(&keys);
    assert_eq!(library_searches(&mut app), 1);
    // A key that acts on the result (Enter) comes after the search it acts on.
    let mut app = list_filter();
    let mut keys: Vec<Key> = "budget".chars().map(Key::char).collect();
    keys.push(Key::new(gijiroku::keymap::key::KeyCode::Enter));
    app.handle_keys(&keys);
    assert_eq!(library_searches(&mut app), 1);
    assert!(app.prompt().is_none());
    assert_eq!(app.list().filter(), "budget");
}

#[test]
fn a_paste_of_kanji_froze_the_reader() {
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "/");
    assert!(app.prompt().is_some());
    let started = Instant::now();
    app.paste(&kanji(1600));
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(app.prompt().unwrap().prompt().text(), kanji(MAX_PROMPT_CHARS));
    // And typed ahead: 1,600 keys in one batch.
    let mut app = app_with_samples(80, 24);
    type_keys(&mut app, "/");
    let keys: Vec<Key> = kanji(1600).chars().map(Key::char).collect();
    let started = Instant::now();
    app.handle_keys(&keys);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(app.prompt().unwrap().prompt().text(), kanji(MAX_PROMPT_CHARS));
}

/// Typing one key at a time still searches at every key (incremental search), and a key past
/// the limit does not search again.
#[test]
fn keys_typed_one_at_a_time_still_search_incrementally() {
    let mut app = list_filter();
    for c in "dx".chars() {
        app.handle_key(Key::char(c));
    }
    assert_eq!(library_searches(&mut app), 2);
    app.paste(&ascii(MAX_PROMPT_CHARS));
    app.take_effects();
    app.handle_key(Key::char('z'));
    assert_eq!(library_searches(&mut app), 0);
}
