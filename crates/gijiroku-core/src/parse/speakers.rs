//! One person, one name: spellings of a speaker that differ only in case, white space or an
//! IRC nick's trailing underscore (`Ada`/`ada`, `梶　泰久`/`梶泰久`, `yonet`/`yonet_`) are shown
//! as the spelling used most, so that filters and statistics count the person once.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::meeting::Meeting;

/// The spelling-independent form of a name.
fn key(name: &str) -> Cow<'_, str> {
    // Most names are written in kana, kanji and lower-case ASCII: nothing to fold.
    if name.chars().all(is_caseless) && !name.ends_with(['_', '`', '^']) {
        return Cow::Borrowed(name);
    }
    let squashed: String = name.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let trimmed = squashed.trim_end_matches(['_', '`', '^']);
    Cow::Owned(if trimmed.is_empty() { squashed } else { trimmed.to_owned() })
}

/// A character that neither case folding nor the removal of white space changes.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{3005}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
        || (c.is_ascii_graphic() && !c.is_ascii_uppercase())
}

/// A spelling with its turn count and first turn.
type Spelling<'a> = (&'a str, (usize, usize));

/// Rewrites every turn's speaker to the most used spelling of its name (the first seen on a tie).
pub(crate) fn unify_spellings(meeting: &mut Meeting) {
    // Turns per spelling, and the turn where each spelling first appears.
    let mut counts: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    counts.reserve(64);
    for (n, turn) in meeting.turns.iter().enumerate() {
        if let Some(name) = turn.speaker.as_deref() {
            counts.entry(name).or_insert((0, n)).0 += 1;
        }
    }
    // Spellings grouped by key: the key is computed once per spelling, not once per turn.
    let mut by_key: FxHashMap<Cow<'_, str>, Vec<Spelling<'_>>> = FxHashMap::default();
    for (name, count) in counts {
        by_key.entry(key(name)).or_default().push((name, count));
    }
    let mut renames: FxHashMap<String, String> = FxHashMap::default();
    for variants in by_key.into_values().filter(|v| v.len() > 1) {
        let Some(&(best, _)) = variants.iter().max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1))) else {
            continue;
        };
        for &(name, _) in &variants {
            if name != best {
                renames.insert(name.to_owned(), best.to_owned());
            }
        }
    }
    if renames.is_empty() {
        return;
    }
    for turn in &mut meeting.turns {
        if let Some(name) = &mut turn.speaker
            && let Some(best) = renames.get(name.as_str())
        {
            name.clone_from(best);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Turn;

    fn speakers(names: &[&str]) -> Vec<String> {
        let turns = names.iter().map(|n| Turn { speaker: Some((*n).to_owned()), ..Turn::default() }).collect();
        let mut meeting = Meeting { turns, ..Meeting::default() };
        unify_spellings(&mut meeting);
        meeting.turns.into_iter().filter_map(|t| t.speaker).collect()
    }

    #[test]
    fn variants_take_the_most_used_spelling() {
        assert_eq!(
            speakers(&["Ada", "ada", "Ada", "yonet_", "yonet", "yonet"]),
            ["Ada", "Ada", "Ada", "yonet", "yonet", "yonet"]
        );
        assert_eq!(speakers(&["梶　泰久", "梶泰久", "梶泰久"]), ["梶泰久", "梶泰久", "梶泰久"]);
    }

    #[test]
    fn the_shortcut_for_caseless_names_gives_the_folded_key() {
        let folded = |name: &str| {
            let squashed: String = name.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
            let trimmed = squashed.trim_end_matches(['_', '`', '^']).to_owned();
            if trimmed.is_empty() { squashed } else { trimmed }
        };
        for name in [
            "山田太郎",
            "やまだ々",
            "ヤマダー",
            "ada",
            "Ada",
            "ＡＤＡ",
            "梶　泰久",
            "yonet_",
            "___",
            "ǅemal",
            "İpek",
            "a b",
        ] {
            assert_eq!(key(name), folded(name), "{name}");
        }
    }

    #[test]
    fn different_people_stay_apart() {
        assert_eq!(speakers(&["Matt", "Matthew", "森", "森田"]), ["Matt", "Matthew", "森", "森田"]);
    }
}
