//! Deciding whether `Word: text` opens a turn. Notes are full of colons that are not speakers
//! (`Open issues:`, `議題：…`, `Author: Andre Bargull`, `* **GitHub Issue**: <https://…>`,
//! `stream: remove thenable support [#40773](…)`, `HC: HealthCheck<…>` in code), and speakers
//! write themselves many ways (`ronag`, `compiler-errors`, `Lucas Pardue (as individual)`).
//!
//! A label is judged by its shape, by the values it is written with, and by what the rest of the
//! file says about it:
//! - never a speaker: code and front matter (see [`Blocks`]), stopwords, a value that is only a
//!   link, a number or a date, a lowercase label before an issue reference (a PR title), and a
//!   label whose values are mostly lists of people (`Moderators: POP (@danpopsd)`);
//! - a speaker on sight: a full name (`Ted Hardie`), a name of the attendance list (`@aduh95`,
//!   `(BFS)`), a Japanese label ending in a position word or 君;
//! - otherwise a speaker when it speaks at least twice with different words, or once next to a
//!   line of a speaker (`compiler-errors:` between two turns of others).

use std::collections::{HashMap, HashSet};

use crate::core::parse::colon::blocks::{Blocks, bullet, has_cjk, yaml_key_value};
use crate::core::parse::colon::names::{is_name_list, people};
use crate::core::parse::colon::words::{english_header_key, is_stopword};
use crate::core::parse::header::SectionKind;
use crate::core::parse::label::ends_with_position_word;

/// Labels longer than this are sentences, not names.
const MAX_LABEL_CHARS: usize = 30;

/// A line split at its first colon, with bullets and Markdown emphasis removed from the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub label: &'a str,
    /// The text after the colon, trimmed (empty for `Open issues:`).
    pub text: &'a str,
}

/// Splits `* **Rod**: text` into `Rod` and `text`. Returns `None` when there is no colon early
/// in the line, or the colon belongs to a URL or a clock time.
pub fn candidate(line: &str) -> Option<Candidate<'_>> {
    let t = strip_markers(line);
    let (at, colon) = t.char_indices().take(MAX_LABEL_CHARS + 8).find(|(_, c)| matches!(c, ':' | '：'))?;
    let label = t[..at].trim();
    let text = t[at + colon.len_utf8()..].trim();
    if text.starts_with("//")
        || (label.ends_with(|c: char| c.is_ascii_digit()) && text.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    // `**Rod:** text` closes the emphasis after the colon.
    let text = text.strip_prefix("**").or_else(|| text.strip_prefix("__")).unwrap_or(text).trim_start();
    let label = label.trim_matches(['*', '_']).trim();
    (!label.is_empty()).then_some(Candidate { label, text })
}

/// Blockquote marks and one list marker before a label: `> `, `* `, `  - `, `1. `, `・`.
fn strip_markers(line: &str) -> &str {
    let mut t = line.trim_start();
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    match bullet(t) {
        Some((_, rest)) => rest,
        None => t,
    }
}

/// `Lucas Pardue (as individual)` → `Lucas Pardue` and `as individual`; `Ana [remote]` too.
pub fn split_qualifier(label: &str) -> (&str, Option<&str>) {
    let label = label.trim();
    for (open, close) in [('(', ')'), ('[', ']'), ('（', '）')] {
        if let Some(inner) = label.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
            && at > 0
        {
            return (inner[..at].trim(), Some(inner[at + open.len_utf8()..].trim()));
        }
    }
    (label, None)
}

/// How much the file vouches for a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    /// A speaker whatever its neighbours say.
    Sure,
    /// Used only once (or always with the same words): a speaker only beside a sure one.
    Alone,
    /// Its values are lists of people: `Note Taker: Cody Crudgington`.
    Metadata,
}

/// Judges labels with what the whole file says about them.
#[derive(Debug, Default)]
pub struct Judge {
    accepted: HashSet<String>,
    /// Labels seen and refused, so that [`Judge::speaker`] does not judge them by shape alone.
    refused: HashSet<String>,
    /// Names, handles and abbreviations of the attendance lists, lowercased without spaces.
    known: HashSet<String>,
}

impl Judge {
    /// Judges every label of `lines` (one pass to read structure, one to collect labels).
    pub fn new<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        let lines: Vec<&str> = lines.collect();
        let blocks = Blocks::new(&lines);
        Judge::with_blocks(&lines, &blocks)
    }

    /// As [`Judge::new`], with the structure already read.
    pub fn with_blocks(lines: &[&str], blocks: &Blocks) -> Self {
        let known = known_names(lines, blocks);
        let mut uses: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        let mut label_at: Vec<Option<&str>> = vec![None; lines.len()];
        for (index, line) in lines.iter().enumerate() {
            if !blocks.is_text(index) {
                continue;
            }
            if let Some(c) = candidate(line).filter(|c| could_speak(*c)) {
                uses.entry(c.label).or_default().push((index, c.text));
                label_at[index] = Some(c.label);
            }
        }
        let mut judge = Judge { known, ..Judge::default() };
        let mut standing: HashMap<&str, Standing> = HashMap::new();
        for (&label, list) in &uses {
            let lists_of_people = list.iter().filter(|(_, text)| is_name_list(text)).count();
            let distinct: HashSet<&str> = list.iter().map(|(_, text)| *text).collect();
            let s = if lists_of_people * 2 > list.len() && !judge.is_known(label) {
                Standing::Metadata
            } else if sure_shape(label) || judge.is_known(label) || distinct.len() >= 2 {
                Standing::Sure
            } else {
                Standing::Alone
            };
            standing.insert(label, s);
        }
        let mut accepted: HashSet<&str> =
            standing.iter().filter(|(_, s)| **s == Standing::Sure).map(|(label, _)| *label).collect();
        // Handles used once are vouched for by an accepted neighbour; one vouched for may vouch
        // in turn (`Bo:` then `Ana (chair):` after a full name), until nothing changes.
        let alone: Vec<&str> = standing
            .iter()
            .filter(|(label, s)| {
                // Neighbours vouch for a handle (one token), never for a phrase such as
                // `Show of hands` written between two turns. Japanese labels need their shape or
                // a second use.
                **s == Standing::Alone && !has_cjk(label) && !split_qualifier(label).0.contains(char::is_whitespace)
            })
            .map(|(label, _)| *label)
            .collect();
        loop {
            let before = accepted.len();
            for &label in &alone {
                if accepted.contains(label) {
                    continue;
                }
                let vouched = uses[label].iter().any(|&(index, _)| {
                    neighbours(lines, blocks, index)
                        .into_iter()
                        .flatten()
                        .any(|n| label_at[n].is_some_and(|l| l != label && accepted.contains(l)))
                });
                if vouched {
                    accepted.insert(label);
                }
            }
            if accepted.len() == before {
                break;
            }
        }
        for &label in standing.keys() {
            if accepted.contains(label) {
                judge.accepted.insert(label.to_owned());
            } else {
                judge.refused.insert(label.to_owned());
            }
        }
        judge
    }

    /// The speaker line at `line`, if it is one.
    pub fn speaker<'a>(&self, line: &'a str) -> Option<Candidate<'a>> {
        let c = candidate(line).filter(|c| could_speak(*c))?;
        let speaker = self.is_name(c.label)
            || (c.label.contains('/') && c.label.split('/').all(|part| self.is_name(part.trim())));
        speaker.then_some(c)
    }

    /// A label accepted, or never seen and sure on sight.
    fn is_name(&self, label: &str) -> bool {
        !label.is_empty()
            && (self.accepted.contains(label)
                || (!self.refused.contains(label) && (sure_shape(label) || self.is_known(label))))
    }

    /// Whether a label names people of the attendance lists (every one of `A/B`).
    fn is_known(&self, label: &str) -> bool {
        if self.known.is_empty() {
            return false;
        }
        let (name, _) = split_qualifier(label);
        name.split(['/', '&']).all(|part| {
            let key = squash(part.trim().trim_start_matches('@'));
            !key.is_empty() && self.known.contains(&key)
        })
    }
}

/// Lowercase without spaces: how names are compared.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The nearest non-blank lines before and after, within the same section (not across a
/// heading, code or front matter).
fn neighbours(lines: &[&str], blocks: &Blocks, index: usize) -> [Option<usize>; 2] {
    let usable = |j: usize| {
        let t = lines[j].trim_start();
        if !blocks.is_text(j) || t.starts_with('#') {
            Err(())
        } else if t.is_empty() {
            Ok(None)
        } else {
            Ok(Some(j))
        }
    };
    let mut found = [None, None];
    for j in (0..index).rev() {
        match usable(j) {
            Ok(Some(j)) => {
                found[0] = Some(j);
                break;
            }
            Ok(None) => {}
            Err(()) => break,
        }
    }
    for j in index + 1..lines.len() {
        match usable(j) {
            Ok(Some(j)) => {
                found[1] = Some(j);
                break;
            }
            Ok(None) => {}
            Err(()) => break,
        }
    }
    found
}

/// Everything about one line that rules out a turn, whatever the label.
fn could_speak(c: Candidate<'_>) -> bool {
    !c.text.is_empty() && well_shaped(c.label) && !is_stopword(c.label) && !is_value_not_speech(c.label, c.text)
}

/// Values that are data, not words: a link alone, a number or date, an issue title's reference.
fn is_value_not_speech(label: &str, text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']).trim();
    let link_only = {
        let stripped = t.trim_start_matches('<').trim_end_matches('>');
        let bare_url =
            (stripped.starts_with("http://") || stripped.starts_with("https://") || stripped.starts_with("www."))
                && !stripped.contains(char::is_whitespace);
        let markdown_link = t.starts_with('[') && t.ends_with(')') && t.contains("](");
        bare_url || markdown_link
    };
    let number_only = t.is_ascii()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.split_whitespace().all(|w| w.chars().filter(char::is_ascii_alphabetic).count() < 3);
    // `stream: fix … [#40773](…)`: a subsystem prefix of a PR or issue title.
    let lowercase_label = label.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    link_only || number_only || (lowercase_label && ends_with_reference(t))
}

/// `… #40773`, `… (#40773)`, `… [#40773](https://…)` at the end of a value.
fn ends_with_reference(t: &str) -> bool {
    fn number_after_hash(s: &str) -> Option<&str> {
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        (digits > 0).then(|| &s[digits..])
    }
    if t.ends_with(')')
        && let Some(at) = t.rfind("[#")
        && let Some(rest) = number_after_hash(&t[at + 2..])
    {
        return rest.starts_with("](");
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches('(').trim_end_matches([')', '.']);
    last.strip_prefix('#').and_then(number_after_hash).is_some_and(str::is_empty)
}

/// Short and name-like: no sentence punctuation or code; Japanese without spaces; Latin names
/// of one to three words with letters (several joined by `/` or `&`), a bracketed qualifier
/// allowed after them.
fn well_shaped(label: &str) -> bool {
    let n = label.chars().count();
    if n == 0
        || n > MAX_LABEL_CHARS
        || label
            .contains(['。', '、', '「', '」', '！', '？', '!', '?', ',', ';', '"', '“', '”', '`', '<', '>', '=', '{'])
    {
        return false;
    }
    if !has_cjk(label) {
        let (names, _) = split_qualifier(label);
        return !names.is_empty()
            && !names.contains(['(', ')', '[', ']', '#'])
            && names.chars().count() > 1
            && names.split(['/', '&']).all(|name| {
                let words: Vec<&str> = name.split_whitespace().collect();
                (1..=3).contains(&words.len())
                    && words.first().is_some_and(|w| w.starts_with(char::is_alphabetic))
                    && words.iter().all(|w| {
                        w.chars().all(|c| c.is_alphanumeric() || "-'.’".contains(c))
                            && w.chars().any(char::is_alphabetic)
                    })
            });
    }
    !label.contains(char::is_whitespace) && !label.contains(['[', ']'])
}

/// Labels that are speakers on sight: Latin full names (`Ted Hardie`, `Antoine du Hamel`),
/// Japanese labels with a position word, an honorific or a bracketed name.
fn sure_shape(label: &str) -> bool {
    if !has_cjk(label) {
        let (names, _) = split_qualifier(label);
        return names.split(['/', '&']).all(|name| {
            let words: Vec<&str> = name.split_whitespace().collect();
            let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
            let lower_inside = |w: &&str| w.chars().skip(1).any(char::is_lowercase);
            words.len() >= 2
                && words.first().is_some_and(capital)
                && words.last().is_some_and(capital)
                && words.iter().all(|w| capital(w) && lower_inside(w) || w.len() <= 3)
        });
    }
    let honorific = ["君", "さん", "氏", "様"].iter().any(|h| label.ends_with(h));
    let bracketed = label.strip_suffix(['）', ')']).and_then(|l| l.rfind(['（', '(']).map(|at| (&l[..at], &l[at..])));
    let bracketed_name =
        bracketed.is_some_and(|(outside, inside)| ends_with_position_word(outside) || inside.ends_with('君'));
    honorific || bracketed_name || ends_with_position_word(label)
}

/// Names, handles and abbreviations of the people the file lists as present: under an
/// attendance heading or key (`## Present`, `Attendees:`), in front matter (`members:`), and
/// lists of three or more names before the first heading (`Bradley Farias (BFS), Aki Rose (AKI), …`).
fn known_names(lines: &[&str], blocks: &Blocks) -> HashSet<String> {
    let mut known = HashSet::new();
    let add = |text: &str, known: &mut HashSet<String>, at_least: usize| {
        let Some(list) = people(text) else { return };
        if list.len() < at_least {
            return;
        }
        for person in list {
            known.insert(squash(&person.name));
            if let Some(first) = person.name.split_whitespace().next().filter(|_| person.name.contains(' ')) {
                known.insert(squash(first));
            }
            if let Some(handle) = person.handle {
                known.insert(squash(&handle));
            }
            if let Some(abbreviation) = person.abbreviation {
                known.insert(squash(&abbreviation));
            }
        }
    };
    let mut under_heading = false;
    let mut under_key = false;
    let mut seen_heading = false;
    for (index, line) in lines.iter().enumerate() {
        let t = line.trim();
        if blocks.kind(index) == crate::core::parse::colon::blocks::LineKind::FrontMatter {
            if let Some((key, value)) = yaml_key_value(line) {
                under_key = matches!(key.as_str(), "members" | "attendees" | "participants" | "present");
                if under_key {
                    add(value, &mut known, 1);
                }
            } else if under_key && let Some((_, item)) = bullet(line) {
                add(item, &mut known, 1);
            }
            continue;
        }
        if !blocks.is_text(index) {
            continue;
        }
        if t.is_empty() {
            under_key = false;
            continue;
        }
        if t.starts_with('#') {
            let text = t.trim_start_matches('#').trim();
            under_heading = english_header_key(text.trim_end_matches(':')) == Some(SectionKind::Attendees);
            seen_heading = true;
            under_key = false;
            continue;
        }
        let stripped = strip_markers(line);
        if let Some(c) = candidate(line)
            && english_header_key(c.label) == Some(SectionKind::Attendees)
        {
            add(c.text, &mut known, 1);
            under_key = true;
        } else if under_heading || under_key {
            add(stripped, &mut known, 1);
        } else if !seen_heading {
            add(stripped, &mut known, 3);
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        fn split(l: &str) -> Option<(&str, &str)> {
            candidate(l).map(|c| (c.label, c.text))
        }
        assert_eq!(split("* **Rod**: yes"), Some(("Rod", "yes")));
        assert_eq!(split("- **Ben:** no"), Some(("Ben", "no")));
        assert_eq!(split("    * richardlau: no"), Some(("richardlau", "no")));
        assert_eq!(split("> **Ana**: quoted"), Some(("Ana", "quoted")));
        assert_eq!(split("__Ana:__ yes"), Some(("Ana", "yes")));
        assert_eq!(split("3. Ana: yes"), Some(("Ana", "yes")));
        assert_eq!(split("山田委員：賛成です。"), Some(("山田委員", "賛成です。")));
        assert_eq!(split("See https://example.invalid"), None);
        assert_eq!(split("10:30 start"), None);
        assert_eq!(split("no colon here"), None);
    }

    fn judge(text: &str) -> (Judge, Vec<&str>) {
        let lines: Vec<&str> = text.split('\n').collect();
        (Judge::new(lines.iter().copied()), lines)
    }

    #[test]
    fn speakers_and_non_speakers() {
        let (judge, _) = judge(
            "栄養士：一つ目。\n栄養士：二つ目。\n注意：一度だけ。\n注意：二度目。\n中野：あ\n中野：い\n小田：う\n小田：え",
        );
        let is = |l: &str| judge.speaker(l).is_some();
        for line in
            ["Mary Ann Lee: hi", "委員長(相馬君):開会します。", "山田委員：はい。", "栄養士：三つ目。", "中野/小田：お"]
        {
            assert!(is(line), "{line}");
        }
        for line in [
            "Open issues:",
            "Since last IETF:",
            "Since last IETF: stuff",
            "Action items: none",
            "議題：予算",
            "注意：三度目。",
            "Note: x",
            "https://example.invalid/a",
        ] {
            assert!(!is(line), "{line}");
        }
    }

    /// Regression: `- exception: "forced unwind", …` written twice in bullet notes was a speaker.
    #[test]
    fn a_note_bullet_repeated_word_for_word_is_not_a_speaker() {
        let text = "- extern C means no unwind\n    - exception: forced unwind, so long as no dtors\n- Proposal 3\n    - exception: forced unwind, so long as no dtors";
        let (judge, lines) = judge(text);
        assert!(lines.iter().all(|l| judge.speaker(l).is_none()));
    }

    /// Regression: nested handles used once (`  * richardlau: …`) were given to the previous speaker.
    #[test]
    fn a_handle_used_once_between_speakers_is_a_speaker() {
        let text = "* ronag: one\n* ronag: two\n  * richardlau: we cannot\n* tniessen: agreed\n* tniessen: again";
        let (first, _) = judge(text);
        assert!(first.speaker("  * richardlau: we cannot").is_some());
        let (judge, _) = judge(
            "## Notes\n\n* Subprojects:\n    * Kube-state-metrics: released, bugfix only\n    * Metrics-server: docs improved",
        );
        assert!(judge.speaker("    * Kube-state-metrics: released, bugfix only").is_none());
        let (third, _) = self::judge("Ana Lee: yes\nShow of hands: who agrees\nBo Chen: no");
        assert!(third.speaker("Show of hands: who agrees").is_none());
    }

    /// Regression: `Author: Andre Bargull`, `**Moderators:** POP (@danpopsd)` and link labels were speakers.
    #[test]
    fn key_value_metadata_is_not_a_speaker() {
        let text = "## Item\n(Dana Cole)\nAuthor: Andre Bargull\n\n* **Moderators:** POP (@popsd)\n* **Note Taker:** Cody Crude (@crude1)\n* **GitHub Issue**: <https://example.invalid/1>\n* **Slides**: [deck](https://example.invalid)\n* Alpha: 23\n* Release target: 2020-07-15\n* 1.18.4: known issue\n* Q: asked\n* A: answered";
        let (judge, lines) = judge(text);
        for line in lines {
            assert!(judge.speaker(line).is_none(), "{line}");
        }
    }

    /// Regression: `stream: remove thenable support [#40773](…)` was a speaker `stream`.
    #[test]
    fn pr_titles_are_not_speakers() {
        let text = "* stream: remove thenable support [#40773](https://example.invalid/40773)\n  * ronag: discussed\n  * ronag: again";
        let (judge, _) = judge(text);
        assert!(judge.speaker("* stream: remove thenable support [#40773](https://example.invalid/40773)").is_none());
        assert!(judge.speaker("Issue 47: server-created paths").is_none());
    }

    #[test]
    fn attendance_lists_vouch_for_handles() {
        let text =
            "## Present\n* Richard Lane @rlane (TSC)\n* Ana Ruiz\n\n## Notes\n* rlane: once only\n\nana: also once";
        let (judge, _) = judge(text);
        assert!(judge.speaker("* rlane: once only").is_some());
        assert!(judge.speaker("ana: also once").is_some());
    }

    #[test]
    fn qualifiers_split_off() {
        assert_eq!(split_qualifier("Lucas Pardue (as individual)"), ("Lucas Pardue", Some("as individual")));
        assert_eq!(split_qualifier("Ana [remote]"), ("Ana", Some("remote")));
        assert_eq!(split_qualifier("Ana"), ("Ana", None));
    }
}
