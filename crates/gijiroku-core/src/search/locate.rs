//! Hits mapped back to the source file: the line and column where each one starts, for
//! `gijiroku search` (`path:line:col:` as ripgrep's `--vimgrep` prints it, and JSON).
//!
//! The model keeps, per turn, the first and last source line; a paragraph is its lines joined
//! (wraps removed, page footers dropped, spaces put back between Latin words). So a hit is
//! found in the source by walking the turn's lines and the turn's texts together: every
//! character of the label and the paragraphs, in order, is looked for a little further on in
//! the source. Texts outside turns (title, header, notes, headings) are walked the same way from
//! where the previous one ended. Columns count bytes of the line as UTF-8, 1-based, as ripgrep
//! and vim's quickfix read them.

use crate::hits::Hit;
use crate::meeting::{Meeting, TextRef, Turn};

/// How far ahead in the source one character of the model is looked for: further than any
/// page footer and indentation between two halves of a word, short enough that a character the
/// parser changed (a composed mark) cannot send the walk far off.
const LOOKAHEAD_BYTES: usize = 4096;

/// A position in the source: 1-based line and 1-based byte column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourcePosition {
    pub line: usize,
    pub column: usize,
}

/// Where each character (not whitespace) of one text is placed: `(byte in the text, position)`
/// in order, `None` when the walk places nothing in the text (see [`Locator::positions`]).
pub type Placed = Option<Vec<(usize, SourcePosition)>>;

/// The sanitised source text of a file, as the parser numbered its lines.
pub struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// `text` is the sanitised text the parser read (`sanitize(decode(bytes))`), so that line
    /// numbers agree with the model's.
    pub fn new(text: &'a str) -> Locator<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        Locator { text, line_starts }
    }

    fn position(&self, offset: usize) -> SourcePosition {
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        SourcePosition { line, column: offset - self.line_starts[line - 1] + 1 }
    }

    fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len())
    }

    /// Where each of `hits` (in reading order, as [`crate::hits::MeetingText::find`] gives
    /// them) starts in the source. `None` where the walk found nothing better than a guess.
    pub fn locate(&self, meeting: &Meeting, hits: &[Hit]) -> Vec<Option<SourcePosition>> {
        let mut out = Vec::with_capacity(hits.len());
        // The walk through texts outside turns: where the previous one ended.
        let mut loose_cursor = 0usize;
        // The walk through the current turn: (turn, next text in it, source offset).
        let mut turn_walk: Option<(usize, TurnText, usize)> = None;
        for hit in hits {
            let found = match hit.text {
                TextRef::Label(turn) => self.in_turn(meeting, &mut turn_walk, turn, TurnText::Label, hit.start),
                TextRef::Paragraph { turn, paragraph } => {
                    self.in_turn(meeting, &mut turn_walk, turn, TurnText::Paragraph(paragraph), hit.start)
                }
                other => {
                    let text = meeting.text(other);
                    let from = loose_cursor;
                    match self.walk(text, from, self.text.len(), Some(hit.start as usize)) {
                        Some((at, end)) => {
                            loose_cursor = end;
                            at
                        }
                        // Texts outside turns may come out of source order (an agenda heading
                        // taken from the order of business): try again from the top.
                        None => self.walk(text, 0, self.text.len(), Some(hit.start as usize)).and_then(|(at, _)| at),
                    }
                }
            };
            out.push(found.map(|offset| self.position(offset)));
        }
        out
    }

    /// A hit in a turn: walks the turn's texts up to the one hit, continuing the last walk when
    /// it is in the same turn.
    fn in_turn(
        &self,
        meeting: &Meeting,
        walk: &mut Option<(usize, TurnText, usize)>,
        turn: usize,
        target: TurnText,
        hit_start: u32,
    ) -> Option<usize> {
        let data = meeting.turns.get(turn)?;
        let end = self.line_start(data.lines.last + 1).min(self.text.len());
        let from = match *walk {
            Some((t, next, offset)) if t == turn && next <= target => (next, offset),
            _ => (TurnText::Label, self.line_start(data.lines.first)),
        };
        let offset = self.walk_turn_to(data, from, end, target)?;
        let (at, _) = self.walk(turn_text(data, target), offset, end, Some(hit_start as usize))?;
        *walk = Some((turn, target, offset));
        at
    }

    /// Walks a turn's texts from `from` (a text and the source offset it starts at) up to
    /// `target`: where the walk of `target` starts, `None` when the turn has no such text.
    fn walk_turn_to(&self, data: &Turn, from: (TurnText, usize), end: usize, target: TurnText) -> Option<usize> {
        let (mut next, mut offset) = from;
        loop {
            if next == target {
                return Some(offset);
            }
            if let Some((_, after)) = self.walk(turn_text(data, next), offset, end, None) {
                offset = after;
            }
            next = match next {
                TurnText::Label => TurnText::Paragraph(0),
                TurnText::Paragraph(p) if p + 1 < data.paragraphs.len() && TurnText::Paragraph(p) < target => {
                    TurnText::Paragraph(p + 1)
                }
                _ => return None,
            };
        }
    }

    /// Where a hit starting at each character (not whitespace) of each text of the meeting, in
    /// reading order, is placed: as [`Self::locate`] places every hit in a turn, and the first
    /// hit of a meeting outside its turns (a later one there is walked on from the one before).
    /// Per text, `(byte in the text, position)` in order; a hit starting on whitespace is placed
    /// as the next character that is not, one after the last is not placed; `None` when the walk
    /// places nothing in the text. What an index keeps so that it can place hits without the
    /// source.
    pub fn positions(&self, meeting: &Meeting) -> Vec<(TextRef, Placed)> {
        let mut turns: Vec<Option<Vec<Placed>>> = vec![None; meeting.turns.len()];
        meeting
            .reading_order()
            .into_iter()
            .map(|text| {
                let placed = match text {
                    TextRef::Label(turn) | TextRef::Paragraph { turn, .. } => {
                        let at = match text {
                            TextRef::Paragraph { paragraph, .. } => paragraph + 1,
                            _ => 0,
                        };
                        match (turns.get_mut(turn), meeting.turns.get(turn)) {
                            (Some(cached), Some(data)) => {
                                cached.get_or_insert_with(|| self.turn_positions(data)).get(at).cloned().flatten()
                            }
                            _ => None,
                        }
                    }
                    other => self.positions_of(meeting.text(other), 0, self.text.len()),
                };
                (text, placed)
            })
            .collect()
    }

    /// [`Self::positions`] of a turn's label and paragraphs, in order, walked one after the other
    /// as [`Self::walk_turn_to`] walks them.
    fn turn_positions(&self, data: &Turn) -> Vec<Placed> {
        let end = self.line_start(data.lines.last + 1).min(self.text.len());
        let mut offset = self.line_start(data.lines.first);
        std::iter::once(TurnText::Label)
            .chain((0..data.paragraphs.len()).map(TurnText::Paragraph))
            .map(|text| {
                let mut positions = Vec::new();
                let walked = self.walk_each(turn_text(data, text), offset, end, &mut |at, at_offset| {
                    positions.push((at, self.position(at_offset)));
                    true
                });
                if let Some(after) = walked {
                    offset = after;
                }
                walked.map(|_| positions)
            })
            .collect()
    }

    fn positions_of(&self, text: &str, from: usize, end: usize) -> Placed {
        let mut positions = Vec::new();
        self.walk_each(text, from, end, &mut |at, offset| {
            positions.push((at, self.position(offset)));
            true
        })?;
        Some(positions)
    }

    /// Walks `text` through the source from `from` (not past `end`): each character that is not
    /// whitespace is looked for a little further on. Returns the source offset of the character
    /// at byte `want` of `text` (or of the first one after it that is not whitespace), and where
    /// the walk ended; `None` when the text's first character is nowhere near.
    fn walk(&self, text: &str, from: usize, end: usize, want: Option<usize>) -> Option<(Option<usize>, usize)> {
        let mut found = None;
        let ended = self.walk_each(text, from, end, &mut |at, offset| {
            if want.is_some_and(|w| at >= w) {
                found = Some(offset);
                return false;
            }
            true
        })?;
        Some((found, ended))
    }

    /// The walk of [`Self::walk`]: `visit(byte in text, source offset)` for each character that
    /// is not whitespace, until it returns false. Returns where the walk ended (at the character
    /// `visit` stopped on), `None` when the text's first character is nowhere near.
    fn walk_each(
        &self,
        text: &str,
        from: usize,
        end: usize,
        visit: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Option<usize> {
        let source = self.text.get(..end)?;
        let mut offset = from.min(end);
        let mut first = true;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let window_end = floor_boundary(source, (offset + LOOKAHEAD_BYTES).min(end));
            let step = source.get(offset..window_end).and_then(|window| window.find(c));
            match step {
                Some(step) => offset += step,
                // A character the parser changed (or added): the walk stays where it is.
                None if !first => {}
                None => return None,
            }
            first = false;
            if !visit(at, offset) {
                return Some(offset);
            }
            if step.is_some() {
                offset += c.len_utf8();
            }
        }
        Some(offset)
    }
}

/// One of a turn's texts.
fn turn_text(data: &Turn, text: TurnText) -> &str {
    match text {
        TurnText::Label => data.label.as_deref().unwrap_or(""),
        TurnText::Paragraph(p) => data.paragraphs.get(p).map_or("", String::as_str),
    }
}

/// Which text of a turn: its label, then its paragraphs in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum TurnText {
    Label,
    Paragraph(usize),
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hits::MeetingText;
    use crate::parse::parse_text;
    use crate::sanitize::sanitize;
    use crate::search::{Matcher, SearchOptions};

    fn located(source: &str, query: &str) -> Vec<(usize, usize)> {
        let meeting = parse_text(source).remove(0);
        let hits = MeetingText::new(&meeting).find(&Matcher::new(query, SearchOptions::default()).unwrap());
        let clean = sanitize(source).text;
        Locator::new(&clean)
            .locate(&meeting, &hits)
            .into_iter()
            .map(|p| p.map_or((0, 0), |p| (p.line, p.column)))
            .collect()
    }

    #[test]
    fn a_hit_in_a_wrapped_paragraph_is_found_on_its_source_line() {
        let source = concat!(
            "第1回 図書委員会\n\n○委員長（森君）　ただいまから会議を開きます。\n",
            "　本日は予算について審議いた\nします。図書館の予算は\n昨年と同じです。\n"
        );
        // 予算 twice: line 4 (after a full-width indent of 3 bytes and 本日は), and line 5.
        assert_eq!(located(source, "予算"), [(4, 13), (5, 25)]);
        // A hit that straddles a wrap starts on the first of the two lines.
        assert_eq!(located(source, "いたします"), [(4, 37)]);
    }

    /// What an index keeps to place hits without the source: each character's position, as
    /// `locate` places a hit starting there alone.
    #[test]
    fn positions_place_every_character_as_locate_does() {
        let source = concat!(
            "第1回 図書委員会\n\n○委員長（森君）　ただいまから会議を開きます。\n",
            "　本日は予算について審議いた\nします。図書館の ABC 予算は\n昨年と同じです。\n",
            "○市長（林君）　予算の説明を\n\n　いたします。\n"
        );
        let meeting = parse_text(source).remove(0);
        let clean = sanitize(source).text;
        let locator = Locator::new(&clean);
        let mut placed = 0;
        for (text, positions) in locator.positions(&meeting) {
            for (at, _) in meeting.text(text).char_indices() {
                let hit = Hit { segment: 0, text, start: at as u32, end: at as u32 + 1 };
                let expected = locator.locate(&meeting, &[hit])[0];
                let got = positions.as_ref().and_then(|p| p.iter().find(|(b, _)| *b >= at)).map(|(_, p)| *p);
                assert_eq!(got, expected, "{text:?} at {at}");
                placed += usize::from(got.is_some());
            }
        }
        assert!(placed > 50, "{placed}");
    }

    #[test]
    fn a_hit_in_the_title_is_on_line_one() {
        assert_eq!(located("第1回 図書委員会\n\n○委員長（森君）　開会します。\n", "図書"), [(1, 9)]);
    }
}
