//! Label-like lines left in the body: paragraphs that start the way the meeting's speaker lines
//! do (`○議長（…）`, `[森委員]`, a known speaker's `Name:`, `* handle:` among handles), found
//! with their source line numbers.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::meeting::{Meeting, Turn, TurnKind};
use crate::parse::colon::blocks::has_cjk;
use crate::parse::colon::speaker::{candidate, split_qualifier};
use crate::parse::colon::words::is_stopword;
use crate::parse::{summary, verbatim};

/// What the meeting's speaker labels look like, to recognise one left in the text.
pub(super) struct LabelShapes<'m> {
    speech: &'m [&'m Turn],
    /// Speakers and labels, lowercased without spaces or qualifiers; made at the first
    /// paragraph that needs them (most meetings have none).
    names: OnceCell<HashSet<String>>,
    /// How many labels have each Latin shape.
    counts: HashMap<Shape, usize>,
    total: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Shape {
    /// `ronag`, `compiler-errors`: one lowercase token.
    Handle,
    /// `YSV`, `MB`: two to four capitals.
    Initials,
    /// `Ted Hardie`, `Mirja`: capitalised words.
    Name,
}

pub(super) fn shape(label: &str) -> Option<Shape> {
    let (name, _) = split_qualifier(label);
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    if words == 1 && first.is_lowercase() && name.chars().count() >= 3 {
        Some(Shape::Handle)
    } else if words == 1 && (2..=4).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase()) {
        Some(Shape::Initials)
    } else if (1..=3).contains(&words) && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase)) {
        Some(Shape::Name)
    } else {
        None
    }
}

pub(super) fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The first bytes of a text, cut at a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl<'m> LabelShapes<'m> {
    pub(super) fn of(speech: &'m [&'m Turn]) -> Self {
        let mut counts: HashMap<Shape, usize> = HashMap::new();
        let mut total = 0;
        // Labels repeat: each distinct Latin one is looked at once.
        let mut labels: HashMap<&str, usize> = HashMap::new();
        for turn in speech {
            if let Some(label) = turn.label.as_deref() {
                total += 1;
                if !has_cjk(label) {
                    *labels.entry(label).or_default() += 1;
                }
            }
        }
        for (label, n) in labels {
            if let Some(s) = shape(label) {
                *counts.entry(s).or_default() += n;
            }
        }
        LabelShapes { speech, names: OnceCell::new(), counts, total }
    }

    fn names(&self) -> &HashSet<String> {
        self.names.get_or_init(|| {
            let mut distinct: HashSet<&str> = HashSet::new();
            for turn in self.speech {
                if let Some(label) = turn.label.as_deref() {
                    distinct.insert(split_qualifier(label).0);
                }
                if let Some(speaker) = turn.speaker.as_deref() {
                    distinct.insert(speaker);
                }
            }
            distinct.into_iter().map(squash).collect()
        })
    }

    /// Whether a paragraph starts like one of this meeting's speaker lines.
    fn is_label_like(&self, paragraph: &str) -> bool {
        // Cheap test first: a label starts the line with a marker or bracket, or has its colon
        // within the first characters.
        let head = prefix(paragraph.trim_start(), 120);
        let marked = head.starts_with(|c: char| "○◯〇◎◆●[［【".contains(c));
        if !marked && !head.contains(':') && !head.contains('：') {
            return false;
        }
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
        if self.names().contains(&squash(split_qualifier(c.label).0)) {
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
pub(super) fn label_like_lines(meeting: &Meeting, lines: &[&str], shapes: &LabelShapes<'_>) -> Vec<(usize, bool)> {
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
            if (in_turn && index == 0) || !shapes.is_label_like(paragraph) || paragraph.contains('\n') {
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
