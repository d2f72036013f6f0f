//! Building a meeting from utterances whose speaker the source states outright: JSON records,
//! chat lines, speaker markup in HTML. Unlike the text parsers' body builder, nothing is
//! guessed: each paragraph given is one paragraph (no PDF repair, no joining of lines), and a
//! turn belongs to the speaker the record names.

use crate::meeting::{AgendaItem, LineRange, Meeting, Turn, TurnKind};

use crate::parse::label::{LabelCache, speech_turn};

/// Appends turns and agenda items to a meeting.
pub struct RecordsBuilder<'m> {
    meeting: &'m mut Meeting,
    agenda: Option<usize>,
    /// Labels already analysed: records repeat a few labels thousands of times.
    labels: LabelCache,
    /// The speech turn more paragraphs may join: the last one, or an earlier one when only
    /// asides ([`RecordsBuilder::aside`]) came after it.
    open: Option<usize>,
}

impl<'m> RecordsBuilder<'m> {
    pub fn new(meeting: &'m mut Meeting) -> Self {
        Self::with_labels(meeting, LabelCache::default())
    }

    /// A builder that starts with the labels another one analysed ([`RecordsBuilder::into_labels`]).
    pub(crate) fn with_labels(meeting: &'m mut Meeting, labels: LabelCache) -> Self {
        RecordsBuilder { meeting, agenda: None, open: None, labels }
    }

    /// The labels analysed so far, for the next meeting's builder.
    pub(crate) fn into_labels(self) -> LabelCache {
        self.labels
    }

    /// Opens a new agenda item titled as written.
    pub fn heading(&mut self, title: &str, as_written: &str) {
        let number = self.meeting.agenda.iter().map(|a| a.number).max().unwrap_or(0) + 1;
        self.meeting.agenda.push(AgendaItem {
            number,
            label: String::new(),
            title: title.trim().to_owned(),
            heading: Some(as_written.trim().to_owned()),
        });
        self.agenda = Some(self.meeting.agenda.len() - 1);
        self.open = None;
    }

    /// Starts a speech turn by the speaker a label names (`議長（山田太郎君）`, `NW`).
    pub fn speech(&mut self, line: usize, label: &str) {
        let label = label.trim();
        let info = self.labels.analyze(label);
        self.meeting.turns.push(speech_turn(label, info, self.agenda, line));
        self.open = Some(self.meeting.turns.len() - 1);
    }

    /// Adds a paragraph to the open speech turn; with none open, the text is the record's own
    /// narration (a procedure entry), never an anonymous speech.
    pub fn paragraph(&mut self, line: usize, text: &str) {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return;
        }
        match self.open.and_then(|n| self.meeting.turns.get_mut(n)) {
            Some(turn) => {
                turn.paragraphs.push(text.trim_start_matches([' ', '\t']).to_owned());
                turn.lines.last = turn.lines.last.max(line);
            }
            None => self.single(TurnKind::Procedure, line, text),
        }
    }

    /// Adds a paragraph to the open turn, or, when something came between, opens a new turn of
    /// the same speaker (`label`) for it.
    pub(crate) fn continue_as(&mut self, line: usize, label: &str, text: &str) {
        if self.open.is_none() {
            self.speech(line, label);
        }
        self.paragraph(line, text);
    }

    /// A stage direction or procedure line: a body entry of its own; it closes the open turn.
    pub fn single(&mut self, kind: TurnKind, line: usize, text: &str) {
        if self.push_single(kind, line, text) {
            self.open = None;
        }
    }

    /// A procedure line that interrupts nobody (a join, a bot's queue report in a chat log):
    /// filed in its place, while the open turn stays open for the speaker's next words.
    pub fn aside(&mut self, line: usize, text: &str) {
        self.push_single(TurnKind::Procedure, line, text);
    }

    fn push_single(&mut self, kind: TurnKind, line: usize, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() {
            return false;
        }
        self.meeting.turns.push(Turn {
            kind,
            agenda: self.agenda,
            paragraphs: vec![text.to_owned()],
            lines: LineRange::new(line, line),
            ..Turn::default()
        });
        true
    }

    /// Whether a speech turn is open for more paragraphs.
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    pub fn meeting(&mut self) -> &mut Meeting {
        self.meeting
    }
}
