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

mod roster;
mod shape;

use std::collections::{HashMap, HashSet};

use crate::parse::colon::blocks::{Blocks, bullet, has_cjk};
use crate::parse::colon::names::is_name_list;
use roster::known_names;
pub(crate) use shape::split_qualifier;
use shape::{MAX_LABEL_CHARS, could_speak, is_value_not_speech, label_could_speak, sure_shape};

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
pub(crate) fn strip_markers(line: &str) -> &str {
    let mut t = line.trim_start();
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    match bullet(t) {
        Some((_, rest)) => rest,
        None => t,
    }
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
    /// Per line of the lines the judge was built from: whether it is a speaker line.
    speaker_lines: Vec<bool>,
}

impl Judge {
    /// Judges every label of `lines` (one pass to read structure, one to collect labels).
    pub fn new<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        let lines: Vec<&str> = lines.collect();
        let blocks = Blocks::new(&lines);
        Judge::with_blocks(&lines, &blocks)
    }

    /// As [`Judge::new`], with the structure already read.
    pub(crate) fn with_blocks(lines: &[&str], blocks: &Blocks) -> Self {
        // Each line is split once; the attendance lists and the labels are read from the splits.
        let candidates: Vec<Option<Candidate<'_>>> =
            lines.iter().enumerate().map(|(i, line)| if blocks.is_text(i) { candidate(line) } else { None }).collect();
        let known = known_names(lines, blocks, &candidates);
        let mut uses: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        let mut label_at: Vec<Option<&str>> = vec![None; lines.len()];
        // Labels repeat: their shape is judged once each.
        let mut shapely: HashMap<&str, bool> = HashMap::new();
        for (index, c) in candidates.iter().enumerate() {
            let Some(c) = c else { continue };
            let label_ok = *shapely.entry(c.label).or_insert_with(|| label_could_speak(c.label));
            if label_ok && !c.text.is_empty() && !is_value_not_speech(c.label, c.text) {
                uses.entry(c.label).or_default().push((index, c.text));
                label_at[index] = Some(c.label);
            }
        }
        let mut judge = Judge { known, ..Judge::default() };
        let mut standing: HashMap<&str, Standing> = HashMap::new();
        for (&label, list) in &uses {
            // Most values of a label decide; stop counting once the other side has most.
            let (mut people, mut words) = (0usize, 0usize);
            for (_, text) in list {
                if is_name_list(text) {
                    people += 1;
                } else {
                    words += 1;
                }
                if people * 2 > list.len() || words * 2 >= list.len() {
                    break;
                }
            }
            let distinct = list.iter().any(|(_, text)| *text != list[0].1);
            let s = if people * 2 > list.len() && !judge.is_known(label) {
                Standing::Metadata
            } else if sure_shape(label) || judge.is_known(label) || distinct {
                Standing::Sure
            } else {
                Standing::Alone
            };
            standing.insert(label, s);
        }
        let mut accepted: HashSet<&str> =
            standing.iter().filter(|(_, s)| **s == Standing::Sure).map(|(label, _)| *label).collect();
        // A dialogue of first names, each speaking once (`Alice:` `Bob:` `Carol:` in a row), has
        // no sure speaker to start from: three or more different capitalised names in a row
        // vouch for one another.
        for run in dialogue_runs(lines, blocks, &label_at) {
            let distinct: HashSet<&str> = run.iter().copied().collect();
            if distinct.len() >= MIN_DIALOGUE_NAMES {
                accepted.extend(run.iter().copied().filter(|label| {
                    standing.get(label) == Some(&Standing::Alone)
                        && label.starts_with(char::is_uppercase)
                        && !split_qualifier(label).0.contains(char::is_whitespace)
                }));
            }
        }
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
        judge.speaker_lines = label_at.iter().map(|label| label.is_some_and(|l| judge.is_speaker_label(l))).collect();
        judge
    }

    /// The speaker line at `line`, if it is one.
    pub fn speaker<'a>(&self, line: &'a str) -> Option<Candidate<'a>> {
        let c = candidate(line).filter(|c| could_speak(*c))?;
        self.is_speaker_label(c.label).then_some(c)
    }

    /// As [`Judge::speaker`] for line `index` of the lines the judge was built from, decided
    /// when it was built (code and front matter lines are never speaker lines).
    pub(crate) fn speaker_at<'a>(&self, index: usize, line: &'a str) -> Option<Candidate<'a>> {
        if self.speaker_lines.get(index).copied().unwrap_or(false) { candidate(line) } else { None }
    }

    fn is_speaker_label(&self, label: &str) -> bool {
        self.is_name(label) || (label.contains('/') && label.split('/').all(|part| self.is_name(part.trim())))
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

/// Different names in a row that vouch for one another.
const MIN_DIALOGUE_NAMES: usize = 3;

/// Runs of consecutive label lines (blank lines between allowed; any other line, a heading or
/// code ends a run), as the labels of each run.
fn dialogue_runs<'a>(lines: &[&str], blocks: &Blocks, label_at: &[Option<&'a str>]) -> Vec<Vec<&'a str>> {
    let mut runs = Vec::new();
    let mut run: Vec<&'a str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        match label_at.get(index).copied().flatten() {
            Some(label) if blocks.is_text(index) => run.push(label),
            _ if blocks.is_text(index) && line.trim().is_empty() => {}
            _ => {
                if run.len() >= MIN_DIALOGUE_NAMES {
                    runs.push(std::mem::take(&mut run));
                }
                run.clear();
            }
        }
    }
    if run.len() >= MIN_DIALOGUE_NAMES {
        runs.push(run);
    }
    runs
}

/// Lowercase without spaces: how names are compared.
pub(crate) fn squash(text: &str) -> String {
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

    #[test]
    fn first_names_speaking_once_each_vouch_for_one_another() {
        let (three, lines) = judge("# Sync\n\nAlice: hi\n\nBob: hello\n\nCarol: yes");
        assert_eq!(lines.iter().filter(|l| three.speaker(l).is_some()).count(), 3);
        let (apart, _) = judge("# Sync\n\nAlice: hi\n\nsome words\n\nBob: hello");
        assert!(apart.speaker("Alice: hi").is_none());
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
