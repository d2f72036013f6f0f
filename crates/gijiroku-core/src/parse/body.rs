//! The body builder shared by the text parsers: it opens and closes turns, tracks the current
//! agenda item, and files headings, stage directions, procedure lines, page footers and notes.
//!
//! Parsers decide what a speaker line is; everything else about a body line is decided here,
//! so every format treats `〔拍手〕`, `－4－` and `議事①…` the same way.

use std::collections::{HashMap, VecDeque};

use crate::meeting::{AgendaItem, Diagnostic, DiagnosticKind, LineRange, Meeting, Role, Severity, Turn, TurnKind};
use crate::parse::label::{SpeakerInfo, analyze_label, speech_turn};
use crate::parse::lines::{
    Heading, agenda_heading, is_blank, is_page_footer, is_procedure, is_stage_direction, leading_number,
};
use crate::parse::paragraphs::ParagraphAssembler;

struct OpenTurn {
    turn: Turn,
    assembler: ParagraphAssembler,
}

/// Accumulates the body of `meeting` line by line.
pub struct BodyBuilder<'m> {
    meeting: &'m mut Meeting,
    wrap_width: Option<usize>,
    open: Option<OpenTurn>,
    agenda: Option<usize>,
    /// The last speaker, for text that continues after a stage direction without a new label.
    last_speech: Option<Turn>,
    /// Agenda items of the order of business not yet opened by a heading, by number, so that a
    /// heading finds its item in constant time however long the agenda is.
    unheaded: HashMap<u32, VecDeque<usize>>,
    /// Agenda items by number and title without spaces, for headings that repeat a title.
    by_title: HashMap<(u32, String), usize>,
    /// Items of the order of business by title without spaces, for unnumbered headings.
    planned_by_title: HashMap<String, usize>,
    /// Items the body added (headings not in the order of business), with the item of the
    /// order of business they followed; [`Self::finish`] moves them there.
    added: Vec<(usize, Option<usize>)>,
    /// How many items came from the order of business (the items before any heading was seen).
    planned: usize,
    max_number: u32,
    /// Whether paragraphs split at a page end are joined (text that shows PDF damage only).
    repair_pages: bool,
}

impl<'m> BodyBuilder<'m> {
    pub fn new(meeting: &'m mut Meeting, wrap_width: Option<usize>) -> Self {
        let mut unheaded: HashMap<u32, VecDeque<usize>> = HashMap::new();
        let mut by_title = HashMap::new();
        let mut planned_by_title = HashMap::new();
        for (index, item) in meeting.agenda.iter().enumerate() {
            if item.heading.is_none() {
                unheaded.entry(item.number).or_default().push_back(index);
            }
            by_title.entry((item.number, compact(&item.title))).or_insert(index);
            planned_by_title.entry(compact(&item.title)).or_insert(index);
        }
        let planned = meeting.agenda.len();
        let max_number = meeting.agenda.iter().map(|a| a.number).max().unwrap_or(0);
        BodyBuilder {
            meeting,
            wrap_width,
            open: None,
            agenda: None,
            last_speech: None,
            unheaded,
            by_title,
            planned_by_title,
            added: Vec::new(),
            planned,
            max_number,
            repair_pages: true,
        }
    }

    /// Turns the joining of page-split paragraphs on or off (see
    /// [`crate::parse::paragraphs::shows_pdf_damage`]).
    pub(crate) fn repair_pages(&mut self, repair: bool) {
        self.repair_pages = repair;
    }

    fn assembler(&self) -> ParagraphAssembler {
        ParagraphAssembler::new(self.wrap_width).with_page_repair(self.repair_pages)
    }

    /// Whether a speech turn is open.
    pub(crate) fn has_open_speech(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.turn.kind == TurnKind::Speech)
    }

    /// Whether a turn is open (text would continue it).
    pub(crate) fn has_open_turn(&self) -> bool {
        self.open.is_some()
    }

    /// Whether `line` opens an agenda item (used by header parsers to find where the body starts).
    pub(crate) fn is_heading(meeting: &Meeting, line: &str) -> bool {
        agenda_heading(line).is_some() || heading_for_agenda_title(meeting, line).is_some()
    }

    /// Opens a speech turn for a label as written.
    pub(crate) fn start_turn(&mut self, line: usize, label: &str) {
        let info = analyze_label(label);
        self.start_turn_with(line, label, info);
    }

    /// Opens a speech turn whose speaker the parser has already analysed.
    pub(crate) fn start_turn_with(&mut self, line: usize, label: &str, info: SpeakerInfo) {
        self.close();
        let turn = speech_turn(label, info, self.agenda, line);
        self.open = Some(OpenTurn { turn, assembler: self.assembler() });
    }

    /// Adds speech text to the open turn, opening a continuation turn of the last speaker if
    /// there is none (or a narration entry when nobody has spoken since the last heading).
    pub fn text(&mut self, line: usize, text: &str) {
        let open = self.open_or_continue(line);
        open.assembler.line(line, text);
        open.turn.lines.last = line;
    }

    /// Text that follows a turn but is not its speaker's (`Open issues:` after a turn, a new
    /// top-level bullet after a bullet turn): an entry of the record's own narration.
    pub fn note(&mut self, line: usize, text: &str) {
        if self.has_open_speech() {
            self.close();
        }
        let last = self.last_speech.take();
        self.text(line, text);
        self.last_speech = last;
    }

    /// A block shown as written (code), lines `first..=last`: a paragraph of the open entry.
    pub fn verbatim(&mut self, first: usize, last: usize, text: &str) {
        let open = self.open_or_continue(first);
        open.assembler.verbatim(text);
        open.turn.lines.last = last;
    }

    /// The open entry, or a continuation of the last speaker, or a narration entry.
    fn open_or_continue(&mut self, line: usize) -> &mut OpenTurn {
        let assembler = self.assembler();
        self.open.get_or_insert_with(|| {
            let turn = match &self.last_speech {
                Some(previous) => Turn {
                    paragraphs: Vec::new(),
                    agenda: self.agenda,
                    lines: LineRange::new(line, line),
                    ..previous.clone()
                },
                // Text with no speaker to continue (after a heading, before anyone speaks) is
                // the record's own narration: a procedure entry, never an anonymous speech.
                None => Turn {
                    kind: TurnKind::Procedure,
                    role: Role::Other,
                    agenda: self.agenda,
                    lines: LineRange::new(line, line),
                    ..Turn::default()
                },
            };
            OpenTurn { turn, assembler }
        })
    }

    /// Files one body line that is not a speaker line.
    pub fn line(&mut self, line: usize, text: &str) {
        if is_blank(text) {
            if let Some(open) = &mut self.open {
                open.assembler.blank();
            }
        } else if is_page_footer(text) {
            if let Some(open) = &mut self.open {
                open.assembler.page_break();
            }
            self.meeting.diagnostics.push(Diagnostic::new(
                Severity::Info,
                DiagnosticKind::PageFooterRemoved,
                Some(line),
                format!("page footer {} removed", text.trim()),
            ));
        } else if let Some(heading) = agenda_heading(text).or_else(|| self.heading_for_title(text)) {
            self.heading(line, heading, text.trim());
        } else if is_stage_direction(text) {
            self.single(TurnKind::Stage, line, text);
        } else if is_procedure(text) || (self.open.is_none() && is_closing_mark(text)) {
            self.single(TurnKind::Procedure, line, text);
        } else if self.open.is_none() && text.trim_start().starts_with('※') {
            self.meeting.notes.push(text.trim().to_owned());
        } else {
            self.text(line, text);
        }
    }

    /// `①図書館について` written alone in the body: a heading when its title is an agenda
    /// item's title (compared without spaces, which PDF extraction adds).
    fn heading_for_title(&self, line: &str) -> Option<Heading> {
        let (number, label, title) = leading_number(line)?;
        let index = *self.by_title.get(&(number, compact(title)))?;
        let item = self.meeting.agenda.get(index)?;
        Some(Heading { number: Some(item.number), label: label.to_owned(), title: title.trim().to_owned() })
    }

    /// Opens an agenda item: the matching item of the order of business, or a new one.
    pub fn heading(&mut self, _line: usize, heading: Heading, as_written: &str) {
        self.close();
        self.last_speech = None;
        let agenda = &self.meeting.agenda;
        let is_unheaded = |i: &usize| agenda.get(*i).is_some_and(|item| item.heading.is_none());
        let existing = match heading.number {
            // Items headed by title stay in the queue; skipping them here keeps this amortised O(1).
            Some(n) => self.unheaded.get_mut(&n).and_then(|queue| {
                while let Some(i) = queue.pop_front() {
                    if is_unheaded(&i) {
                        return Some(i);
                    }
                }
                None
            }),
            // `議事 総合防災訓練…`: an unnumbered heading opens the planned item of that title.
            None => self.planned_by_title.get(&compact(&heading.title)).copied().filter(is_unheaded),
        };
        let index = match existing {
            Some(index) => index,
            None => {
                let number = heading.number.unwrap_or(self.max_number.saturating_add(1));
                self.max_number = self.max_number.max(number);
                // Anchor the new item to the planned item it follows, so that the agenda lists
                // `△諸般の報告` between 日程第２ and 日程第３ where the body has it.
                let anchor = self.agenda.and_then(|current| self.anchor_of(current));
                let index = self.meeting.agenda.len();
                self.by_title.entry((number, compact(&heading.title))).or_insert(index);
                self.meeting.agenda.push(AgendaItem {
                    number,
                    label: heading.label,
                    title: heading.title,
                    heading: None,
                });
                self.added.push((index, anchor));
                index
            }
        };
        if let Some(item) = self.meeting.agenda.get_mut(index) {
            item.heading = Some(as_written.to_owned());
        }
        self.agenda = Some(index);
    }

    /// The planned item an agenda index belongs after: itself if planned, else its anchor.
    fn anchor_of(&self, index: usize) -> Option<usize> {
        if index < self.planned {
            return Some(index);
        }
        // Added items are pushed in order, so the n-th added item has index `planned + n`.
        self.added.get(index - self.planned).and_then(|(_, anchor)| *anchor)
    }

    /// A stage direction or procedure line: a body entry of its own.
    pub fn single(&mut self, kind: TurnKind, line: usize, text: &str) {
        self.close();
        self.meeting.turns.push(Turn {
            kind,
            agenda: self.agenda,
            paragraphs: vec![text.trim().to_owned()],
            lines: LineRange::new(line, line),
            ..Turn::default()
        });
    }

    /// Closes the open turn, if any.
    pub fn close(&mut self) {
        let Some(OpenTurn { mut turn, assembler }) = self.open.take() else {
            return;
        };
        let (paragraphs, diagnostics) = assembler.finish();
        turn.paragraphs = paragraphs;
        self.meeting.diagnostics.extend(diagnostics);
        if turn.kind == TurnKind::Speech {
            self.last_speech = Some(Turn { paragraphs: Vec::new(), ..turn.clone() });
        }
        self.meeting.turns.push(turn);
    }

    pub fn finish(mut self) {
        self.close();
        self.order_added_items();
    }

    /// Puts the items the body added after the planned item they followed, and renumbers the
    /// turns' agenda indices to match. Linear in agenda items plus turns.
    fn order_added_items(&mut self) {
        if self.added.is_empty() || self.planned == 0 {
            return;
        }
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); self.planned];
        let mut before_all = Vec::new();
        for &(index, anchor) in &self.added {
            match anchor.and_then(|a| after.get_mut(a)) {
                Some(list) => list.push(index),
                None => before_all.push(index),
            }
        }
        let mut order = before_all;
        for (planned, list) in after.iter().enumerate() {
            order.push(planned);
            order.extend(list);
        }
        let agenda = std::mem::take(&mut self.meeting.agenda);
        let mut new_index = vec![0usize; agenda.len()];
        for (position, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old) {
                *slot = position;
            }
        }
        let mut slots: Vec<Option<AgendaItem>> = agenda.into_iter().map(Some).collect();
        self.meeting.agenda = order.iter().filter_map(|&old| slots.get_mut(old).and_then(Option::take)).collect();
        for turn in &mut self.meeting.turns {
            turn.agenda = turn.agenda.and_then(|old| new_index.get(old).copied());
        }
    }
}

/// `以上` or `― 以上 ―` alone after the last turn: the document's closing mark, not speech.
fn is_closing_mark(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace() && !"―─－-（）()".contains(*c)).collect();
    t == "以上"
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `①図書館について` or `（2）予算について` written alone: a heading when its title is an agenda
/// item's title (compared without spaces). Used while reading headers, before the body starts.
fn heading_for_agenda_title(meeting: &Meeting, line: &str) -> Option<Heading> {
    let (number, label, title) = leading_number(line)?;
    let title_compact = compact(title);
    let item = meeting.agenda.iter().find(|item| item.number == number && compact(&item.title) == title_compact)?;
    Some(Heading { number: Some(item.number), label: label.to_owned(), title: title.trim().to_owned() })
}
