//! Speakers that look wrongly read: one holding most of the text, speakers whose every turn is
//! a value (a link, a number, a list of names, code), list-item turns that run over the list,
//! and one speaker standing for several people.

use std::collections::HashMap;

use crate::meeting::Turn;
use crate::parse::colon::blocks::has_cjk;
use crate::parse::colon::names::is_name_list;
use crate::parse::colon::speaker::split_qualifier;
use crate::parse::quality::labels::{Shape, shape, squash};

/// A speaker holding more than this share of the text, with label-like lines left, is doubtful.
const DOMINANT_SHARE_PERCENT: usize = 60;

/// The speaker with the largest share of the text, when it is more than most.
pub(super) fn dominant_speaker(speech: &[&Turn]) -> Option<(String, usize)> {
    let mut chars: HashMap<&str, usize> = HashMap::new();
    let mut total = 0;
    for turn in speech {
        let n = turn.char_count();
        total += n;
        if let Some(speaker) = turn.speaker.as_deref() {
            *chars.entry(speaker).or_default() += n;
        }
    }
    let (name, n) = chars.into_iter().max_by_key(|&(name, n)| (n, std::cmp::Reverse(name)))?;
    let share = n * 100 / total.max(1);
    (share > DOMINANT_SHARE_PERCENT).then(|| (name.to_owned(), share))
}

/// Speakers whose every turn opens with a value rather than words: a link, a number, a list of
/// names, or code. Returns each with the first line of its first turn, and whether its words
/// are a list of names (a name is never what someone says: one such speaker is enough).
pub(super) fn metadata_speakers(speech: &[&Turn]) -> Vec<(String, usize, bool)> {
    let mut verdict: Vec<(String, usize, Option<Value>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for turn in speech {
        let Some(speaker) = turn.speaker.as_deref() else { continue };
        match at.get(speaker) {
            // Once a speaker has said words, its other turns need no look.
            Some(&i) if verdict[i].2.is_none() => {}
            Some(&i) => {
                if turn.paragraphs.first().and_then(|p| value_kind(p)).is_none() {
                    verdict[i].2 = None;
                }
            }
            None => {
                at.insert(speaker, verdict.len());
                let value = turn.paragraphs.first().and_then(|p| value_kind(p));
                verdict.push((speaker.to_owned(), turn.lines.first, value));
            }
        }
    }
    verdict.into_iter().filter_map(|(name, line, value)| value.map(|v| (name, line, v == Value::Names))).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Value {
    Link,
    Number,
    Names,
    Code,
}

/// What kind of value a paragraph opens with, if it is not words.
pub(super) fn value_kind(text: &str) -> Option<Value> {
    let t = text.trim();
    let head = t.char_indices().nth(120).map_or(t, |(at, _)| &t[..at]);
    let first_token = head.split_whitespace().next().unwrap_or("");
    if first_token.starts_with("http")
        || first_token.starts_with("<http")
        || (t.starts_with('[') && first_token.contains("]("))
    {
        return Some(Value::Link);
    }
    // Japanese speech is never a Latin name list or code: one look for a link is enough.
    if has_cjk(head) {
        return None;
    }
    if t.len() <= 40
        && t.is_ascii()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.split_whitespace().all(|w| w.chars().filter(char::is_ascii_alphabetic).count() < 3)
    {
        return Some(Value::Number);
    }
    if is_name_list(t) {
        return Some(Value::Names);
    }
    let code_marks = ["::", "<", ">", ";", "{", "}", "()", "=", "&", "'"].iter().filter(|m| head.contains(*m)).count();
    (code_marks >= 2 && !head.contains(". ")).then_some(Value::Code)
}

/// First lines of speech turns that started on a list item and went on over list items less
/// indented than it (`    - exception: …` followed by `- Proposal 3`): the speaker's words
/// are the item, not the list after it.
pub(super) fn overrun_lists(speech: &[&Turn], lines: &[&str]) -> Vec<usize> {
    let indent_of_bullet = |line: &str| crate::parse::colon::blocks::bullet(line).map(|(indent, _)| indent);
    speech
        .iter()
        .filter_map(|turn| {
            // A list item at the margin has no list items less indented than it.
            let own = indent_of_bullet(lines.get(turn.lines.first.checked_sub(1)?)?).filter(|&i| i > 0)?;
            let inside = lines.get(turn.lines.first..turn.lines.last.min(lines.len()))?;
            inside.iter().any(|l| indent_of_bullet(l).is_some_and(|i| i < own)).then_some(turn.lines.first)
        })
        .collect()
}

/// Speakers read from Latin labels that name different people outside their brackets
/// (`Ann Lee (as individual)` and `Bo (as individual)` both read as `as individual`).
pub(super) fn speakers_for_several_people(speech: &[&Turn]) -> Vec<(String, Vec<String>, usize)> {
    let mut outside: HashMap<&str, Vec<String>> = HashMap::new();
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut order = Vec::new();
    for turn in speech {
        let (Some(speaker), Some(label)) = (turn.speaker.as_deref(), turn.label.as_deref()) else { continue };
        let (name, qualifier) = split_qualifier(label);
        if has_cjk(label) || qualifier.is_none() || name.is_empty() || squash(name) == squash(speaker) {
            continue;
        }
        first.entry(speaker).or_insert(turn.lines.first);
        let names = outside.entry(speaker).or_insert_with(|| {
            order.push(speaker);
            Vec::new()
        });
        if !names.iter().any(|n| squash(n) == squash(name)) {
            names.push(name.to_owned());
        }
    }
    order
        .into_iter()
        .filter_map(|speaker| {
            let names = outside.remove(speaker)?;
            let line = first.get(speaker).copied().unwrap_or(0);
            (names.len() >= 2 && names.iter().all(|n| shape(n) == Some(Shape::Name)))
                .then(|| (speaker.to_owned(), names, line))
        })
        .collect()
}
