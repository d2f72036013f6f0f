//! What `gijiroku search` prints of a hit beside its text, kept per meeting in the index, so that
//! a file the index holds unchanged is searched in the index alone, without being read and
//! parsed again: the meeting's title, date and agenda, each turn's kind, speaker, agenda item,
//! first line and speech number, and for each text of the meeting (in reading order, one line
//! of the stored searchable text each) where its characters are in the source file, as the
//! scan's `Locator` places hits. A few numbers per source line.
//!
//! Stored as a string (tantivy reads a string field in one piece, a bytes field one byte at a
//! time): decimal numbers ended by `,`, strings as `length:` and their bytes. A table that does
//! not decode (damaged, or of another layout) is `None`, and the file is read.

use crate::core::meeting::{Meeting, TextRef, TurnKind};
use crate::core::search::locate::{Locator, SourcePosition};

use std::borrow::Cow;

/// One turn, as a hit in it is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TurnPlace<'a> {
    pub kind: TurnKind,
    /// The speaker, else the label (what `search` prints as the speaker).
    pub speaker: Option<Cow<'a, str>>,
    /// Index into [`Places::agenda`].
    pub agenda: Option<usize>,
    /// The first source line (where a hit that could not be placed is put).
    pub first_line: usize,
    /// The reader's number of a speech turn (`turn N/M`), from 1.
    pub speech: Option<usize>,
}

/// One text of the meeting, and where its characters are in the source: runs of characters
/// (not whitespace) that follow each other on one source line, each as (byte in the text, line,
/// column) of its first character, kept encoded (deltas of byte and line, then the column) and
/// read only for a text with a hit. `None`: the walk placed nothing in this text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: TextRef,
    runs: Option<Cow<'a, str>>,
}

/// What a meeting's hits need to be printed, beside the meeting's searchable text. Decoded, it
/// borrows its strings from the stored table.
#[derive(Clone, Debug, Default)]
pub struct Places<'a> {
    pub title: Cow<'a, str>,
    pub date: Option<Cow<'a, str>>,
    /// Each agenda item as printed: its label and title.
    pub agenda: Vec<Cow<'a, str>>,
    pub turns: Vec<TurnPlace<'a>>,
    /// One per text of the meeting, in reading order, when built here; a decoded table keeps
    /// them encoded (`count` of them in `stored`), read in order by [`Places::segments`] as far
    /// as the last hit needs.
    built: Vec<Segment<'a>>,
    count: usize,
    stored: &'a str,
}

impl Places<'_> {
    /// The table of `meeting`, placed in `source` (the sanitised text it was parsed from).
    pub fn of(meeting: &Meeting, source: &str) -> Places<'static> {
        let locator = Locator::new(source);
        let mut speech = 0;
        let turns = meeting
            .turns
            .iter()
            .map(|turn| TurnPlace {
                kind: turn.kind,
                speaker: turn.speaker.as_deref().or(turn.label.as_deref()).map(|s| Cow::Owned(s.to_owned())),
                agenda: turn.agenda,
                first_line: turn.lines.first,
                speech: (turn.kind == TurnKind::Speech).then(|| {
                    speech += 1;
                    speech
                }),
            })
            .collect();
        let segments = locator
            .positions(meeting)
            .into_iter()
            .map(|(text, positions)| Segment {
                text,
                // Labels are never printed (the speaker is a column already): nothing to place.
                runs: match text {
                    TextRef::Label(_) => None,
                    _ => positions.map(|positions| Cow::Owned(encode_runs(&runs(&positions)))),
                },
            })
            .collect::<Vec<_>>();
        Places {
            title: Cow::Owned(meeting.title.clone()),
            date: meeting.date.map(|d| Cow::Owned(d.to_string())),
            agenda: meeting.agenda.iter().map(|a| Cow::Owned(format!("{}{}", a.label, a.title))).collect(),
            turns,
            count: segments.len(),
            built: segments,
            stored: "",
        }
    }

    /// How many texts the meeting has (lines of its searchable text).
    pub(crate) fn segment_count(&self) -> usize {
        self.count
    }

    /// The meeting's texts in reading order; `None` where a stored table turns out damaged.
    pub(crate) fn segments(&self) -> impl Iterator<Item = Option<Segment<'_>>> + '_ {
        let mut input = Reader(self.stored);
        let mut left = if self.built.is_empty() { self.count } else { 0 };
        let stored = std::iter::from_fn(move || {
            if left == 0 {
                // Anything after the last text is damage too.
                return (!input.0.is_empty()).then(|| {
                    input.0 = "";
                    None
                });
            }
            left -= 1;
            let segment = read_segment(&mut input);
            if segment.is_none() {
                left = 0;
                input.0 = "";
            }
            Some(segment)
        });
        self.built.iter().cloned().map(Some).chain(stored)
    }

    /// Where a hit starting at byte `start` of `segment` (whose text is `text`) is in the
    /// source, as `Locator::locate` places a hit in a turn, or the first hit outside turns.
    pub fn position(segment: &Segment<'_>, text: &str, start: usize) -> Option<SourcePosition> {
        let runs = segment.runs.as_deref()?;
        // A hit starting on whitespace is placed at the next character that is not.
        let (at, _) = text.get(start..)?.char_indices().find(|(_, c)| !c.is_whitespace())?;
        let at = start + at;
        // The last run starting at or before it.
        let mut input = Reader(runs);
        let (mut byte, mut line, mut column) = (0usize, 0usize, None);
        while !input.0.is_empty() {
            let next_byte = byte.checked_add(input.number()?)?;
            let next_line = line.checked_add(input.number()?)?;
            let next_column = input.number()?;
            if next_byte > at {
                break;
            }
            (byte, line, column) = (next_byte, next_line, Some(next_column));
        }
        Some(SourcePosition { line, column: column?.checked_add(at - byte)? })
    }

    /// The table as stored.
    pub fn encode(&self) -> String {
        let mut out = Writer(String::with_capacity(64 + self.count * 16));
        out.text(&self.title);
        out.optional_text(self.date.as_deref());
        out.number(self.agenda.len());
        for item in &self.agenda {
            out.text(item);
        }
        out.number(self.turns.len());
        for turn in &self.turns {
            out.number(match turn.kind {
                TurnKind::Speech => 0,
                TurnKind::Stage => 1,
                TurnKind::Procedure => 2,
            });
            out.optional_text(turn.speaker.as_deref());
            out.optional_number(turn.agenda);
            out.number(turn.first_line);
            out.optional_number(turn.speech);
        }
        out.number(self.count);
        for segment in self.segments().flatten() {
            let (tag, a, b) = match segment.text {
                TextRef::Title => (0, 0, 0),
                TextRef::HeaderLabel(n) => (1, n, 0),
                TextRef::HeaderLine { section, line } => (2, section, line),
                TextRef::Note(n) => (3, n, 0),
                TextRef::AgendaHeading(n) => (4, n, 0),
                TextRef::Label(n) => (5, n, 0),
                TextRef::Paragraph { turn, paragraph } => (6, turn, paragraph),
            };
            out.number(tag);
            if tag != 0 {
                out.number(a);
            }
            if tag == 2 || tag == 6 {
                out.number(b);
            }
            out.optional_text(segment.runs.as_deref());
        }
        out.0
    }

    /// A stored table; `None` when its head does not decode. Its strings are borrowed; its
    /// texts are read as [`Places::segments`] goes (and may turn out damaged there).
    pub fn decode(stored: &str) -> Option<Places<'_>> {
        let mut input = Reader(stored);
        let title = Cow::Borrowed(input.text()?);
        let date = input.optional_text()?.map(Cow::Borrowed);
        let agenda = (0..input.count()?).map(|_| input.text().map(Cow::Borrowed)).collect::<Option<_>>()?;
        let turns = (0..input.count()?)
            .map(|_| {
                let kind = match input.number()? {
                    0 => TurnKind::Speech,
                    1 => TurnKind::Stage,
                    2 => TurnKind::Procedure,
                    _ => return None,
                };
                Some(TurnPlace {
                    kind,
                    speaker: input.optional_text()?.map(Cow::Borrowed),
                    agenda: input.optional_number()?,
                    first_line: input.number()?,
                    speech: input.optional_number()?,
                })
            })
            .collect::<Option<_>>()?;
        let count = input.count()?;
        Some(Places { title, date, agenda, turns, built: Vec::new(), count, stored: input.0 })
    }
}

/// One text's entry of a stored table.
fn read_segment<'a>(input: &mut Reader<'a>) -> Option<Segment<'a>> {
    let tag = input.number()?;
    let a = if tag != 0 { input.number()? } else { 0 };
    let b = if tag == 2 || tag == 6 { input.number()? } else { 0 };
    let text = match tag {
        0 => TextRef::Title,
        1 => TextRef::HeaderLabel(a),
        2 => TextRef::HeaderLine { section: a, line: b },
        3 => TextRef::Note(a),
        4 => TextRef::AgendaHeading(a),
        5 => TextRef::Label(a),
        6 => TextRef::Paragraph { turn: a, paragraph: b },
        _ => return None,
    };
    Some(Segment { text, runs: input.optional_text()?.map(Cow::Borrowed) })
}

/// Runs as stored: deltas of byte and line from the run before (both only grow along a text:
/// the walk only goes forward), then the column.
fn encode_runs(runs: &[(u32, u32, u32)]) -> String {
    let mut out = Writer(String::with_capacity(runs.len() * 8));
    let (mut byte, mut line) = (0, 0);
    for &(b, l, c) in runs {
        out.number((b - byte) as usize);
        out.number((l - line) as usize);
        out.number(c as usize);
        (byte, line) = (b, l);
    }
    out.0
}

/// Positions of a text's characters as runs: a new run where a character is not on the line
/// of the run, or not as far from its start as in the text.
fn runs(positions: &[(usize, SourcePosition)]) -> Vec<(u32, u32, u32)> {
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    for &(byte, position) in positions {
        let (byte, line, column) = (byte as u32, position.line as u32, position.column as u32);
        let continues = runs.last().is_some_and(|&(b, l, c)| l == line && column >= c && column - c == byte - b);
        if !continues {
            runs.push((byte, line, column));
        }
    }
    runs
}

struct Writer(String);

impl Writer {
    fn number(&mut self, n: usize) {
        use std::fmt::Write as _;
        let _ = write!(self.0, "{n},");
    }

    fn optional_number(&mut self, n: Option<usize>) {
        self.number(n.map_or(0, |n| n + 1));
    }

    fn text(&mut self, text: &str) {
        use std::fmt::Write as _;
        let _ = write!(self.0, "{}:{text}", text.len());
    }

    fn optional_text(&mut self, text: Option<&str>) {
        match text {
            None => self.0.push('-'),
            Some(text) => self.text(text),
        }
    }
}

struct Reader<'a>(&'a str);

impl<'a> Reader<'a> {
    fn digits(&mut self, end: u8) -> Option<usize> {
        let bytes = self.0.as_bytes();
        let mut n: usize = 0;
        for (at, &b) in bytes.iter().enumerate() {
            match b {
                b'0'..=b'9' => n = n.checked_mul(10)?.checked_add(usize::from(b - b'0'))?,
                _ if b == end && at > 0 => {
                    self.0 = &self.0[at + 1..];
                    return Some(n);
                }
                _ => return None,
            }
        }
        None
    }

    fn number(&mut self) -> Option<usize> {
        self.digits(b',')
    }

    /// A count of things to read: never more than the bytes left (a damaged table cannot ask
    /// for a huge allocation).
    fn count(&mut self) -> Option<usize> {
        self.number().filter(|&n| n <= self.0.len())
    }

    fn optional_number(&mut self) -> Option<Option<usize>> {
        Some(self.number()?.checked_sub(1))
    }

    fn text(&mut self) -> Option<&'a str> {
        let len = self.digits(b':')?;
        let text = self.0.get(..len)?;
        self.0 = &self.0[len..];
        Some(text)
    }

    fn optional_text(&mut self) -> Option<Option<&'a str>> {
        if let Some(rest) = self.0.strip_prefix('-') {
            self.0 = rest;
            return Some(None);
        }
        self.text().map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = concat!(
        "第1回 図書委員会\n\n○委員長（森君）　ただいまから会議を開きます。\n",
        "　本日は予算について審議いた\nします。図書館の予算は\n昨年と同じです。\n",
        "○市長（林君）　予算の説明をいたします。\n"
    );

    #[test]
    fn a_table_reads_back_as_written() {
        let meeting = crate::core::parse::parse_text(SOURCE).remove(0);
        let places = Places::of(&meeting, SOURCE);
        assert!(places.segment_count() > 3);
        let encoded = places.encode();
        let decoded = Places::decode(&encoded).unwrap();
        assert_eq!((&decoded.title, &decoded.date, &decoded.agenda), (&places.title, &places.date, &places.agenda));
        assert_eq!(decoded.turns, places.turns);
        assert_eq!(decoded.segment_count(), places.segment_count());
        let segments = |p: &Places<'_>| p.segments().map(|s| s.map(|s| format!("{s:?}"))).collect::<Option<Vec<_>>>();
        assert_eq!(segments(&decoded), segments(&places));
        assert_eq!(decoded.encode(), encoded);
    }

    #[test]
    fn hits_are_placed_as_the_locator_places_them() {
        let meeting = crate::core::parse::parse_text(SOURCE).remove(0);
        let encoded = Places::of(&meeting, SOURCE).encode();
        let places = Places::decode(&encoded).unwrap();
        let segments: Vec<_> = places.segments().map(Option::unwrap).collect();
        let text = crate::core::hits::MeetingText::new(&meeting);
        let matcher = crate::core::search::Matcher::new("予算", Default::default()).unwrap();
        let hits = text.find(&matcher);
        assert_eq!(hits.len(), 3);
        let expected = Locator::new(SOURCE).locate(&meeting, &hits);
        let placed: Vec<_> = hits
            .iter()
            .map(|hit| Places::position(&segments[hit.segment as usize], meeting.text(hit.text), hit.start as usize))
            .collect();
        assert_eq!(placed, expected);
    }

    /// A table cut anywhere, or with something after it, is damaged: found when decoded or when
    /// its texts are read, never a panic or a wrong place.
    #[test]
    fn a_damaged_table_does_not_decode() {
        let meeting = crate::core::parse::parse_text(SOURCE).remove(0);
        let encoded = Places::of(&meeting, SOURCE).encode();
        let whole = |stored: &str| Places::decode(stored).is_some_and(|p| p.segments().all(|s| s.is_some()));
        assert!(whole(&encoded));
        for cut in [0, 1, encoded.len() / 2, encoded.len() - 1] {
            assert!(!whole(&encoded[..cut]), "cut at {cut}");
        }
        assert!(!whole("99999999999999999999999,"));
        assert!(!whole(&format!("{encoded}1,")));
    }
}
