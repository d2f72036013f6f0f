//! The body builder shared by the text parsers: it opens and closes turns, tracks the current
//! agenda item, and files headings, stage directions, procedure lines, page footers and notes.
//!
//! Parsers decide what a speaker line is; everything else about a body line is decided here,
//! so every format treats `〔拍手〕`, `－4－` and `議事①…` the same way.

use crate::core::meeting::{AgendaItem, Diagnostic, LineRange, Meeting, Role, Severity, Turn, TurnKind};
use crate::core::parse::label::{SpeakerInfo, analyze_label};
use crate::core::parse::lines::{
    Heading, agenda_heading, is_blank, is_page_footer, is_procedure, is_stage_direction, leading_number,
};
use crate::core::parse::paragraphs::ParagraphAssembler;

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
}

impl<'m> BodyBuilder<'m> {
    pub fn new(meeting: &'m mut Meeting, wrap_width: Option<usize>) -> Self {
        BodyBuilder { meeting, wrap_width, open: None, agenda: None, last_speech: None }
    }

    /// Whether `line` opens an agenda item (used by header parsers to find where the body starts).
    pub fn is_heading(meeting: &Meeting, line: &str) -> bool {
        agenda_heading(line).is_some() || heading_for_agenda_title(meeting, line).is_some()
    }

    /// Opens a speech turn for a label as written.
    pub fn start_turn(&mut self, line: usize, label: &str) {
        let info = analyze_label(label);
        self.start_turn_with(line, label, info);
    }

    /// Opens a speech turn whose speaker the parser has already analysed.
    pub fn start_turn_with(&mut self, line: usize, label: &str, info: SpeakerInfo) {
        self.close();
        let turn = Turn {
            kind: TurnKind::Speech,
            label: Some(label.trim().to_owned()),
            speaker: Some(info.speaker),
            position: info.position,
            role: info.role,
            agenda: self.agenda,
            lines: LineRange::new(line, line),
            ..Turn::default()
        };
        self.open = Some(OpenTurn { turn, assembler: ParagraphAssembler::new(self.wrap_width) });
    }

    /// Adds yomi and group to the open turn (Diet API records).
    pub fn annotate(&mut self, yomi: Option<String>, group: Option<String>) {
        if let Some(open) = &mut self.open {
            open.turn.yomi = yomi;
            open.turn.group = group;
        }
    }

    /// Adds speech text to the open turn, opening a continuation turn if there is none.
    pub fn text(&mut self, line: usize, text: &str) {
        let open = self.open.get_or_insert_with(|| {
            let turn = match &self.last_speech {
                Some(previous) => Turn {
                    paragraphs: Vec::new(),
                    agenda: self.agenda,
                    lines: LineRange::new(line, line),
                    ..previous.clone()
                },
                None => Turn {
                    kind: TurnKind::Speech,
                    role: Role::Other,
                    agenda: self.agenda,
                    lines: LineRange::new(line, line),
                    ..Turn::default()
                },
            };
            OpenTurn { turn, assembler: ParagraphAssembler::new(self.wrap_width) }
        });
        open.assembler.line(line, text);
        open.turn.lines.last = line;
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
                "page_footer_removed",
                Some(line),
                format!("page footer {} removed", text.trim()),
            ));
        } else if let Some(heading) = agenda_heading(text).or_else(|| heading_for_agenda_title(self.meeting, text)) {
            self.heading(line, heading, text.trim());
        } else if is_stage_direction(text) {
            self.single(TurnKind::Stage, line, text);
        } else if is_procedure(text) {
            self.single(TurnKind::Procedure, line, text);
        } else if self.open.is_none() && text.trim_start().starts_with('※') {
            self.meeting.notes.push(text.trim().to_owned());
        } else {
            self.text(line, text);
        }
    }

    /// Opens an agenda item: the matching item of the order of business, or a new one.
    pub fn heading(&mut self, _line: usize, heading: Heading, as_written: &str) {
        self.close();
        self.last_speech = None;
        let agenda = &mut self.meeting.agenda;
        let existing =
            heading.number.and_then(|n| agenda.iter().position(|item| item.number == n && item.heading.is_none()));
        let index = match existing {
            Some(index) => index,
            None => {
                let number = heading.number.unwrap_or_else(|| agenda.iter().map(|a| a.number).max().unwrap_or(0) + 1);
                agenda.push(AgendaItem { number, label: heading.label, title: heading.title, heading: None });
                agenda.len() - 1
            }
        };
        agenda[index].heading = Some(as_written.to_owned());
        self.agenda = Some(index);
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
    }
}

/// `①図書館について` or `（2）予算について` written alone in the body: a heading when its title
/// is an agenda item's title (compared without spaces, which PDF extraction adds).
fn heading_for_agenda_title(meeting: &Meeting, line: &str) -> Option<Heading> {
    let (number, label, title) = leading_number(line)?;
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let title_compact = compact(title);
    let item = meeting.agenda.iter().find(|item| item.number == number && compact(&item.title) == title_compact)?;
    Some(Heading { number: Some(item.number), label: label.to_owned(), title: title.trim().to_owned() })
}
