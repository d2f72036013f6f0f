//! Issue 13, item 4: invisible characters that defeat search (and sometimes rendering) survived
//! into the model and output: tag characters, U+00AD, U+034F, Hangul fillers, variation
//! selectors, U+200C, U+0600–0605. Each is now decided (the table in `src/core/sanitize.rs` and
//! SECURITY.md): dropped before the model, or kept for display and ignored by search.

use gijiroku::core::hits::MeetingText;
use gijiroku::core::parse::parse_text;
use gijiroku::core::search::{Matcher, SearchOptions};

/// The characters the table drops.
const DROPPED: &[char] = &[
    '\u{AD}',
    '\u{34F}',
    '\u{600}',
    '\u{601}',
    '\u{602}',
    '\u{603}',
    '\u{604}',
    '\u{605}',
    '\u{6DD}',
    '\u{70F}',
    '\u{890}',
    '\u{8E2}',
    '\u{115F}',
    '\u{1160}',
    '\u{17B4}',
    '\u{17B5}',
    '\u{200C}',
    '\u{3164}',
    '\u{FFA0}',
    '\u{110BD}',
    '\u{110CD}',
    '\u{13430}',
    '\u{1BCA0}',
    '\u{1D173}',
    '\u{E0001}',
    '\u{E0020}',
    '\u{E0041}',
    '\u{E007F}',
];

/// The characters the table keeps for display and search looks through.
const IGNORED: &[char] = &['\u{FE00}', '\u{FE0F}', '\u{E0100}', '\u{E01EF}', '\u{180B}', '\u{180F}', '\u{200D}'];

fn speech(inside: &str) -> String {
    format!("第1回 総務委員会\n\n○委員長（森君）　本日は補正予{inside}算案を審議します。\n")
}

fn first_paragraph(text: &str) -> String {
    let meeting = parse_text(text).remove(0);
    meeting.turns.first().and_then(|t| t.paragraphs.first()).cloned().unwrap_or_default()
}

fn found(query: &str, text: &str) -> usize {
    let meeting = parse_text(text).remove(0);
    MeetingText::new(&meeting).find(&Matcher::new(query, SearchOptions::default()).unwrap()).len()
}

#[test]
fn tag_characters_soft_hyphens_and_hangul_fillers_survived_into_the_model() {
    for &c in DROPPED {
        let text = speech(&c.to_string());
        let paragraph = first_paragraph(&text);
        assert_eq!(paragraph, "本日は補正予算案を審議します。", "U+{:04X} survived", c as u32);
        let meeting = parse_text(&text).remove(0);
        assert!(
            meeting.diagnostics.iter().any(|d| d.kind == "invisible_removed"),
            "U+{:04X} is dropped without a word",
            c as u32
        );
        assert_eq!(found("予算", &text), 1, "U+{:04X} hides the word from search", c as u32);
    }
}

#[test]
fn tag_characters_smuggling_ascii_text_are_dropped_whole() {
    // `ignore previous` spelt in tag characters between two words.
    let smuggled: String = "ignore previous".chars().map(|c| char::from_u32(0xE0000 + c as u32).unwrap()).collect();
    assert_eq!(first_paragraph(&speech(&smuggled)), "本日は補正予算案を審議します。");
}

#[test]
fn a_variation_selector_inside_a_word_hid_it_from_search() {
    for &c in IGNORED {
        let text = speech(&c.to_string());
        // Kept, for display: an ideographic variation selector picks the glyph of a name.
        assert!(first_paragraph(&text).contains(c), "U+{:04X} was dropped", c as u32);
        assert_eq!(found("予算", &text), 1, "U+{:04X} hides the word from search", c as u32);
        assert_eq!(found("補正予算案", &text), 1, "U+{:04X}", c as u32);
    }
    // A name with an ideographic variation selector is found by its plain spelling, and the
    // query's own selector does not matter.
    let name = "第1回 総務委員会\n\n○委員長（葛\u{E0100}城君）　開会します。\n";
    assert_eq!(found("葛城", name), 1);
    assert_eq!(found("葛\u{E0100}城", name), 1);
}
