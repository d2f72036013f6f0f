//! The reading-quality check: whether a parsed meeting looks wrongly read, so that a wrong
//! reading is never silent. It looks at the result, not at how it was produced, so it applies to
//! every format:
//! - label-like lines left in the body: a paragraph that starts like a speaker line (`○議長（…）`,
//!   `[森委員]`, a known speaker's `Name:`, or a line shaped like most of the meeting's labels);
//! - one speaker holding most of the text while such lines exist;
//! - several speakers whose every turn looks like metadata or code (a link, a number, a list of
//!   names, `HC: HealthCheck<…>`), which is what key-value lines and code read as turns look like.
//!
//! When any of these fires, the meeting gets one warning diagnostic (`reading_doubt`) saying what
//! looks wrong and where, with source line numbers.

use std::collections::{HashMap, HashSet};

use crate::core::meeting::{Diagnostic, Meeting, Severity, Turn, TurnKind};
use crate::core::parse::colon::blocks::has_cjk;
use crate::core::parse::colon::names::is_name_list;
use crate::core::parse::colon::speaker::{candidate, split_qualifier};
use crate::core::parse::colon::words::is_stopword;
use crate::core::parse::{summary, verbatim};

/// A speaker holding more than this share of the text, with label-like lines left, is doubtful.
const DOMINANT_SHARE_PERCENT: usize = 60;
/// This many speakers that look like metadata or code make the speaker list doubtful.
const METADATA_SPEAKERS: usize = 2;
/// Line numbers quoted in the message.
const LINES_QUOTED: usize = 5;

/// The kind of the diagnostic the check adds.
pub const KIND: &str = "reading_doubt";

/// Adds a warning to `meeting` when it looks wrongly read. `lines` are the sanitised source lines
/// its line ranges refer to (empty when there are none: turn lines are then quoted instead).
pub fn check(meeting: &mut Meeting, lines: &[&str]) {
    if let Some(diagnostic) = assess(meeting, lines) {
        meeting.diagnostics.push(diagnostic);
    }
}

/// The warning a meeting deserves, if any.
pub fn assess(meeting: &Meeting, lines: &[&str]) -> Option<Diagnostic> {
    let speech: Vec<&Turn> = meeting.turns.iter().filter(|t| t.kind == TurnKind::Speech).collect();
    let shapes = LabelShapes::of(&speech);
    let left = label_like_lines(meeting, lines, &shapes);
    let mut findings = Vec::new();
    let mut first_line = None;
    if !left.is_empty() {
        let inside = left.iter().filter(|(_, in_turn)| *in_turn).count();
        let where_ = if inside == left.len() {
            "inside turns"
        } else if inside == 0 {
            "outside any turn"
        } else {
            "in the body"
        };
        let numbers: Vec<usize> = left.iter().map(|(n, _)| *n).collect();
        findings.push(format!(
            "{} label-like line{} left {where_} ({})",
            left.len(),
            plural(left.len()),
            quote(&numbers)
        ));
        first_line = numbers.first().copied();
        if let Some((name, share)) = dominant_speaker(&speech) {
            findings.push(format!("{name} holds {share}% of the text"));
        }
    }
    let overrun = overrun_lists(&speech, lines);
    if !overrun.is_empty() {
        findings.push(format!(
            "{} turn{} of a list item run{} over items less indented than its own ({})",
            overrun.len(),
            plural(overrun.len()),
            if overrun.len() == 1 { "s" } else { "" },
            quote(&overrun)
        ));
        first_line = first_line.or(overrun.first().copied());
    }
    for (speaker, people, line) in speakers_for_several_people(&speech) {
        findings.push(format!("speaker {speaker} stands for several people ({}; line {line})", people.join(", ")));
        first_line = first_line.or(Some(line));
    }
    let odd = metadata_speakers(&speech);
    let named = odd.iter().any(|(_, _, name_list)| *name_list);
    if odd.len() >= METADATA_SPEAKERS || named {
        let names: Vec<String> =
            odd.iter().take(LINES_QUOTED).map(|(name, line, _)| format!("{name} (line {line})")).collect();
        let more =
            if odd.len() > LINES_QUOTED { format!(" and {} more", odd.len() - LINES_QUOTED) } else { String::new() };
        let count = if odd.len() == 1 { "1 speaker looks".to_owned() } else { format!("{} speakers look", odd.len()) };
        findings.push(format!("{count} like metadata or code, not people: {}{more}", names.join(", ")));
        first_line = first_line.or(odd.first().map(|(_, line, _)| *line));
    }
    (!findings.is_empty()).then(|| {
        Diagnostic::new(
            Severity::Warning,
            KIND,
            first_line,
            format!("speakers may be misread: {}", findings.join("; ")),
        )
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `lines 12, 40, 57 and 3 more`.
fn quote(numbers: &[usize]) -> String {
    let shown: Vec<String> = numbers.iter().take(LINES_QUOTED).map(ToString::to_string).collect();
    let word = if numbers.len() == 1 { "line" } else { "lines" };
    let more = numbers.len().saturating_sub(LINES_QUOTED);
    if more > 0 {
        format!("{word} {} and {more} more", shown.join(", "))
    } else {
        format!("{word} {}", shown.join(", "))
    }
}

/// What the meeting's speaker labels look like, to recognise one left in the text.
struct LabelShapes {
    /// Speakers and labels, lowercased without spaces or qualifiers.
    names: HashSet<String>,
    /// How many labels have each Latin shape.
    counts: HashMap<Shape, usize>,
    total: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    /// `ronag`, `compiler-errors`: one lowercase token.
    Handle,
    /// `YSV`, `MB`: two to four capitals.
    Initials,
    /// `Ted Hardie`, `Mirja`: capitalised words.
    Name,
}

fn shape(label: &str) -> Option<Shape> {
    let (name, _) = split_qualifier(label);
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first()?.chars().next()?;
    if words.len() == 1 && first.is_lowercase() && name.chars().count() >= 3 {
        Some(Shape::Handle)
    } else if words.len() == 1 && (2..=4).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase()) {
        Some(Shape::Initials)
    } else if (1..=3).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        Some(Shape::Name)
    } else {
        None
    }
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

impl LabelShapes {
    fn of(speech: &[&Turn]) -> Self {
        let mut names = HashSet::new();
        let mut counts: HashMap<Shape, usize> = HashMap::new();
        let mut total = 0;
        for turn in speech {
            if let Some(label) = turn.label.as_deref() {
                names.insert(squash(split_qualifier(label).0));
                if let Some(s) = shape(label).filter(|_| !has_cjk(label)) {
                    *counts.entry(s).or_default() += 1;
                }
                total += 1;
            }
            if let Some(speaker) = turn.speaker.as_deref() {
                names.insert(squash(speaker));
            }
        }
        LabelShapes { names, counts, total }
    }

    /// Whether a paragraph starts like one of this meeting's speaker lines.
    fn is_label_like(&self, paragraph: &str) -> bool {
        let first_line = paragraph.lines().next().unwrap_or("");
        if verbatim::speaker_line(first_line).is_some()
            || summary::speaker_line(first_line).is_some_and(|(l, _)| !l.is_empty())
        {
            return true;
        }
        let Some(c) = candidate(first_line) else { return false };
        if c.text.is_empty() || is_stopword(c.label) || c.label.chars().count() > 30 {
            return false;
        }
        if self.names.contains(&squash(split_qualifier(c.label).0)) {
            return true;
        }
        // A label of the shape most of the meeting's labels have (`* richardlau:` among handles).
        shape(c.label).filter(|_| !has_cjk(c.label)).is_some_and(|s| {
            let n = self.counts.get(&s).copied().unwrap_or(0);
            self.total >= 4 && n * 2 > self.total && s != Shape::Name
        })
    }
}

/// Paragraphs of the body that start like a speaker line: their source line number, and whether
/// they stand inside a speech turn. Paragraphs that are code (with line breaks) are skipped.
fn label_like_lines(meeting: &Meeting, lines: &[&str], shapes: &LabelShapes) -> Vec<(usize, bool)> {
    let mut found = Vec::new();
    for turn in &meeting.turns {
        let in_turn = turn.kind == TurnKind::Speech;
        let narration = turn.kind == TurnKind::Procedure && turn.paragraphs.len() + turn_lines(turn) > 2;
        if !in_turn && !narration {
            continue;
        }
        // Paragraphs come in source order: each is looked for after the one found before.
        let mut from = turn.lines.first;
        for (index, paragraph) in turn.paragraphs.iter().enumerate() {
            // The first paragraph of a turn starts with the speech after its label.
            if (in_turn && index == 0) || paragraph.contains('\n') || !shapes.is_label_like(paragraph) {
                continue;
            }
            let line = source_line(turn, from, paragraph, lines);
            from = line + 1;
            found.push((line, in_turn));
        }
    }
    found
}

fn turn_lines(turn: &Turn) -> usize {
    turn.lines.last.saturating_sub(turn.lines.first)
}

/// The source line where a paragraph starts: the first line of the turn's range from line
/// `from` that begins with the paragraph's first characters; the turn's first line when the
/// source is unknown.
fn source_line(turn: &Turn, from: usize, paragraph: &str, lines: &[&str]) -> usize {
    let head: String = paragraph.trim_start().chars().take(12).collect();
    let range = from.saturating_sub(1)..turn.lines.last.min(lines.len());
    lines
        .get(range.clone())
        .and_then(|slice| slice.iter().position(|l| l.trim_start().starts_with(&head)))
        .map_or(turn.lines.first, |at| range.start + at + 1)
}

/// The speaker with the largest share of the text, when it is more than most.
fn dominant_speaker(speech: &[&Turn]) -> Option<(String, usize)> {
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
fn metadata_speakers(speech: &[&Turn]) -> Vec<(String, usize, bool)> {
    let mut verdict: Vec<(String, usize, Option<Value>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for turn in speech {
        let Some(speaker) = turn.speaker.as_deref() else { continue };
        let value = turn.paragraphs.first().and_then(|p| value_kind(p));
        match at.get(speaker) {
            Some(&i) => {
                if value.is_none() {
                    verdict[i].2 = None;
                }
            }
            None => {
                at.insert(speaker, verdict.len());
                verdict.push((speaker.to_owned(), turn.lines.first, value));
            }
        }
    }
    verdict.into_iter().filter_map(|(name, line, value)| value.map(|v| (name, line, v == Value::Names))).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Link,
    Number,
    Names,
    Code,
}

/// What kind of value a paragraph opens with, if it is not words.
fn value_kind(text: &str) -> Option<Value> {
    let t = text.trim();
    let head: String = t.chars().take(120).collect();
    let first_token = t.split_whitespace().next().unwrap_or("");
    if first_token.starts_with("http")
        || first_token.starts_with("<http")
        || (t.starts_with('[') && first_token.contains("]("))
    {
        return Some(Value::Link);
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
fn overrun_lists(speech: &[&Turn], lines: &[&str]) -> Vec<usize> {
    let indent_of_bullet = |line: &str| crate::core::parse::colon::blocks::bullet(line).map(|(indent, _)| indent);
    speech
        .iter()
        .filter_map(|turn| {
            let own = indent_of_bullet(lines.get(turn.lines.first.checked_sub(1)?)?)?;
            let inside = lines.get(turn.lines.first..turn.lines.last.min(lines.len()))?;
            inside.iter().any(|l| indent_of_bullet(l).is_some_and(|i| i < own)).then_some(turn.lines.first)
        })
        .collect()
}

/// Speakers read from Latin labels that name different people outside their brackets
/// (`Ann Lee (as individual)` and `Bo (as individual)` both read as `as individual`).
fn speakers_for_several_people(speech: &[&Turn]) -> Vec<(String, Vec<String>, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::parse_text;

    fn doubt(text: &str) -> Option<Diagnostic> {
        let meeting = parse_text(text).remove(0);
        let lines: Vec<&str> = text.split('\n').collect();
        assess(&meeting, &lines)
    }

    #[test]
    fn a_label_alone_read_as_speech_is_doubted_with_its_line() {
        // Read as one speaker's words: the labels stand inside the text of the first.
        let meeting = Meeting {
            turns: vec![Turn {
                label: Some("議長（山田太郎君）".into()),
                speaker: Some("山田太郎".into()),
                paragraphs: vec!["開会します。".into(), "○市長（佐藤一郎君）".into(), "答弁します。".into()],
                lines: crate::core::meeting::LineRange::new(1, 4),
                ..Turn::default()
            }],
            ..Meeting::default()
        };
        let lines = ["○議長（山田太郎君）", "開会します。", "○市長（佐藤一郎君）", "答弁します。"];
        let d = assess(&meeting, &lines).expect("a doubt");
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("1 label-like line left inside turns (line 3)"), "{}", d.message);
        assert!(d.message.contains("山田太郎 holds 100% of the text"), "{}", d.message);
    }

    #[test]
    fn well_read_minutes_raise_no_doubt() {
        assert_eq!(doubt("○議長（山田太郎君）　開会します。\n○市長（佐藤一郎君）　答弁します。\n"), None);
        assert_eq!(doubt("# Notes\n\nAna: one\n\nBo: two\n\nAna: three\n"), None);
    }

    #[test]
    fn speakers_that_look_like_metadata_are_doubted() {
        let meeting = Meeting {
            turns: ["Audio", "Issue", "Ana"]
                .iter()
                .zip(["<https://example.invalid/a>", "https://example.invalid/b", "I think we should merge it."])
                .enumerate()
                .map(|(i, (s, p))| Turn {
                    label: Some((*s).into()),
                    speaker: Some((*s).into()),
                    paragraphs: vec![(*p).into()],
                    lines: crate::core::meeting::LineRange::new(i + 1, i + 1),
                    ..Turn::default()
                })
                .collect(),
            ..Meeting::default()
        };
        let d = assess(&meeting, &[]).expect("a doubt");
        assert!(
            d.message.contains("2 speakers look like metadata or code, not people: Audio (line 1), Issue (line 2)"),
            "{}",
            d.message
        );
    }

    #[test]
    fn values_and_speech() {
        for v in [
            "<https://example.invalid>",
            "[deck](https://example.invalid)",
            "23",
            "POP (@popsd)",
            "HC: Trait<check(): Send> + Send,",
        ] {
            assert!(value_kind(v).is_some(), "{v}");
        }
        for v in ["I agree.", "we should merge this", "Plz merge", "See the PR, it has the details."] {
            assert!(value_kind(v).is_none(), "{v}");
        }
    }

    #[test]
    fn a_qualifier_read_as_the_name_is_doubted() {
        let turn = |label: &str, line: usize| Turn {
            label: Some(label.into()),
            speaker: Some("as individual".into()),
            paragraphs: vec!["We agree with this direction.".into()],
            lines: crate::core::meeting::LineRange::new(line, line),
            ..Turn::default()
        };
        let meeting = Meeting {
            turns: vec![turn("Ann Lee (as individual)", 1), turn("Bo (as individual)", 2)],
            ..Meeting::default()
        };
        let d = assess(&meeting, &[]).expect("a doubt");
        assert!(
            d.message.contains("speaker as individual stands for several people (Ann Lee, Bo; line 1)"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn a_list_item_turn_running_over_the_list_is_doubted() {
        let lines = ["- Proposal two", "    - exception: forced unwind only", "- Proposal three", "    - plain"];
        let meeting = Meeting {
            turns: vec![Turn {
                label: Some("exception".into()),
                speaker: Some("exception".into()),
                paragraphs: vec!["forced unwind only".into(), "- Proposal three".into(), "- plain".into()],
                lines: crate::core::meeting::LineRange::new(2, 4),
                ..Turn::default()
            }],
            ..Meeting::default()
        };
        let d = assess(&meeting, &lines).expect("a doubt");
        assert!(
            d.message.contains("1 turn of a list item runs over items less indented than its own (line 2)"),
            "{}",
            d.message
        );
    }
}
