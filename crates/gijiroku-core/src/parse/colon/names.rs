//! People in English notes: lists of names (`Bradley Farias (BFS), Aki Rose (AKI)`,
//! `Antoine du Hamel @aduh95 (TSC)`, `Laura Santamaria and Jorge Castro [SIG Contribex]`), used
//! three ways: an attendance list names the people who may speak; a `Key: value` line whose
//! value is such a list is metadata (`Moderators: POP (@danpopsd)`), not a turn; and spellings of
//! one speaker (`BridgeAR`/`BridgeAr`, `Lucas`/`Lucas Pardue`) are unified after parsing.

use std::collections::HashMap;

use crate::meeting::Meeting;
use crate::parse::colon::blocks::has_cjk;
use crate::parse::speakers::unify_spellings;

/// One person of a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    /// The name words without handle and remarks (`Antoine du Hamel`); the handle when there
    /// are no words.
    pub name: String,
    /// `@aduh95` → `aduh95`.
    pub handle: Option<String>,
    /// A bracketed abbreviation in capitals: `(BFS)`.
    pub abbreviation: Option<String>,
}

/// Words that may stand lowercase inside a name (`Antoine du Hamel`, `Ludwig van Beethoven`).
fn is_particle(word: &str) -> bool {
    matches!(word, "de" | "du" | "da" | "di" | "del" | "der" | "den" | "van" | "von" | "le" | "la" | "bin" | "al" | "y")
}

/// The people of a list of names, or `None` when any item is not a name. Items are separated by
/// `,` `;` `/` `&` or ` and ` outside brackets; each is up to five capitalised words (particles
/// allowed), optionally a `@handle`, optionally bracketed remarks.
pub fn people(text: &str) -> Option<Vec<Person>> {
    let mut people = Vec::new();
    for item in split_items(text) {
        let (outside, groups) = bracket_groups(item)?;
        let mut words = Vec::new();
        let mut handle = None;
        for token in outside.split_whitespace() {
            if let Some(h) = token.strip_prefix('@') {
                let h = h.trim_end_matches(['.', ':']);
                if h.is_empty() || !h.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
                    return None;
                }
                handle = Some(h.to_owned());
            } else {
                words.push(token);
            }
        }
        if words.len() > 5 || (words.is_empty() && handle.is_none() && groups.is_empty()) {
            return None;
        }
        for (i, word) in words.iter().enumerate() {
            let letters = word.chars().all(|c| c.is_alphabetic() || "-.'’".contains(c));
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            if !letters || !(capital || (i > 0 && is_particle(word))) {
                return None;
            }
        }
        if words.is_empty() && handle.is_none() {
            // `[Jorge Castro/SIG Contributor Experience/VMware]`: a remark alone.
            continue;
        }
        let abbreviation = groups
            .iter()
            .map(|g| g.trim())
            .find(|g| (2..=5).contains(&g.len()) && g.chars().all(|c| c.is_ascii_uppercase()))
            .map(str::to_owned);
        let name = if words.is_empty() { handle.clone().unwrap_or_default() } else { words.join(" ") };
        people.push(Person { name, handle, abbreviation });
    }
    Some(people)
}

/// Whether a `Key: value` value is a list of people rather than speech: names only, and enough
/// of them to be sure (two words, a handle, a remark in brackets, or two items). `Agreed` is
/// not; `Andre Bargull`, `POP (@danpopsd)` and `Jordan Liggitt / Bob Killen` are.
pub(crate) fn is_name_list(text: &str) -> bool {
    let text = text.trim();
    // Lists of people in Japanese are header tables, read elsewhere; these are Latin names.
    if text.is_empty() || text.len() > 300 || text.ends_with(['.', '!', '?', ':']) || has_cjk(text) {
        return false;
    }
    // Cheap test first: speech has a lowercase word outside brackets that is no particle.
    let mut depth = 0usize;
    for token in text.split_whitespace() {
        let outside = depth == 0 && !token.starts_with(['(', '[']);
        depth += token.matches(['(', '[']).count();
        depth = depth.saturating_sub(token.matches([')', ']']).count());
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if outside && word.starts_with(char::is_lowercase) && !is_particle(word) && word != "and" {
            return false;
        }
    }
    let Some(list) = people(text) else { return false };
    let bracketed = text.contains(['(', '[']);
    let words: usize = list.iter().map(|p| p.name.split_whitespace().count()).sum();
    bracketed || list.len() >= 2 || words >= 2 || list.iter().any(|p| p.handle.is_some())
}

/// Splits at separators outside brackets.
fn split_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' | '/' | '&' | '、' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            ' ' if depth == 0 && text[i..].starts_with(" and ") => {
                items.push(&text[start..i]);
                start = i + " and ".len();
            }
            _ => {}
        }
    }
    items.push(&text[start.min(text.len())..]);
    items.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The text outside brackets and the bracketed groups; `None` for brackets that do not close.
fn bracket_groups(item: &str) -> Option<(String, Vec<&str>)> {
    let mut outside = String::new();
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in item.char_indices() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    start = i + 1;
                    outside.push(' ');
                }
                depth += 1;
            }
            ')' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    groups.push(&item[start..i]);
                }
            }
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    (depth == 0).then_some((outside, groups))
}

/// Gives every spelling of one speaker the same name: spellings that differ only in case or
/// spaces become the most frequent one ([`unify_spellings`], shared by every format), and a lone
/// first name (`Lucas`) becomes the full name of the one speaker it begins (`Lucas Pardue`).
/// Labels stay as written.
pub(crate) fn unify_speakers(meeting: &mut Meeting) {
    unify_spellings(meeting);
    // First names: only Latin-script names, and only when one full name begins with it.
    let mut by_first: HashMap<String, Vec<String>> = HashMap::new();
    for name in meeting.turns.iter().filter_map(|t| t.speaker.as_deref()) {
        if name.split_whitespace().count() >= 2
            && is_latin(name)
            && let Some(first) = name.split_whitespace().next()
        {
            let list = by_first.entry(first.to_lowercase()).or_default();
            if !list.iter().any(|n| n == name) {
                list.push(name.to_owned());
            }
        }
    }
    if by_first.is_empty() {
        return;
    }
    for turn in &mut meeting.turns {
        if let Some(name) = &mut turn.speaker
            && name.split_whitespace().count() == 1
            && is_latin(name)
            && let Some([full]) = by_first.get(&name.to_lowercase()).map(Vec::as_slice)
        {
            name.clone_from(full);
        }
    }
}

fn is_latin(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii() || matches!(c, '\u{00C0}'..='\u{024F}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Turn;

    #[test]
    fn lists_of_people() {
        let p = people("Bradley Farias (BFS), Aki Rose (AKI)").unwrap();
        assert_eq!(p[0].name, "Bradley Farias");
        assert_eq!(p[0].abbreviation.as_deref(), Some("BFS"));
        assert_eq!(p[1].abbreviation.as_deref(), Some("AKI"));
        let p = people("Antoine du Hamel @aduh95 (TSC)").unwrap();
        assert_eq!((p[0].name.as_str(), p[0].handle.as_deref()), ("Antoine du Hamel", Some("aduh95")));
        assert_eq!(people("Laura Santamaria and Jorge Castro [SIG Contribex]").unwrap().len(), 2);
        assert!(people("we should merge this").is_none());
    }

    #[test]
    fn name_lists_against_speech() {
        for value in ["Andre Bargull", "POP (@danpopsd)", "Jordan Liggitt / Bob Killen", "Tim Pepper [VMware]"] {
            assert!(is_name_list(value), "{value}");
        }
        for value in ["Agreed", "Plz merge", "Love it, plz write PR", "Thanks Mirja.", "yes", "I agree"] {
            assert!(!is_name_list(value), "{value}");
        }
    }

    fn meeting(speakers: &[&str]) -> Meeting {
        let turns = speakers.iter().map(|s| Turn { speaker: Some((*s).to_owned()), ..Turn::default() }).collect();
        Meeting { turns, ..Meeting::default() }
    }

    fn names(m: &Meeting) -> Vec<&str> {
        m.turns.iter().filter_map(|t| t.speaker.as_deref()).collect()
    }

    #[test]
    fn spellings_of_one_nick_become_the_most_frequent() {
        let mut m = meeting(&["BridgeAR", "ronag", "BridgeAr", "BridgeAR", "Ron Ag"]);
        unify_speakers(&mut m);
        assert_eq!(names(&m), ["BridgeAR", "ronag", "BridgeAR", "BridgeAR", "ronag"]);
    }

    #[test]
    fn a_first_name_joins_the_one_full_name_it_begins() {
        let mut m = meeting(&["Lucas Pardue", "Lucas", "Ian", "Ian Swett", "Ian Other", "Mirja"]);
        unify_speakers(&mut m);
        assert_eq!(names(&m), ["Lucas Pardue", "Lucas Pardue", "Ian", "Ian Swett", "Ian Other", "Mirja"]);
    }
}
