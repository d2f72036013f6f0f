//! Layout: a meeting wrapped at a width into display rows, each mapped back to the text it
//! shows (a [`TextRef`] and a byte range), so that jumps and search hits land on the right row
//! and a reading position survives a resize.
//!
//! Wide panes hang the speaker label in a gutter left of the speech; narrow panes put the
//! label on its own row. Turns hidden by a filter fold into one row per run.

pub mod breaker;
pub mod plain;

use unicode_width::UnicodeWidthStr;

use crate::layout::breaker::{LineBreaker, RowSpan};
use crate::meeting::{Meeting, TextRef, TurnKind};
use crate::width::{AmbiguousWidth, str_width};

/// Below this pane width labels go on their own row.
pub(crate) const HANGING_MIN_WIDTH: usize = 60;
/// The gutter never takes more than this share of the pane (1/n).
const GUTTER_MAX_SHARE: usize = 3;
const GUTTER_MAX: usize = 20;
const GUTTER_MIN: usize = 8;
/// Indent of speech under a label on its own row.
const NARROW_INDENT: usize = 2;

/// What a row shows; the view styles rows by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Title,
    /// Date, time, place and counts: a row of `Meeting::summary_line` (its byte range).
    Summary,
    HeaderLabel,
    HeaderText,
    Note,
    AgendaHeading,
    /// A speaker label on its own row.
    Label,
    Speech,
    Stage,
    Procedure,
    /// A run of turns hidden by a filter: `── 4 turns hidden ──`.
    Folded {
        turns: u32,
        entries: u32,
    },
    Blank,
}

/// One display row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    /// The text shown, or `None` for rows the view draws itself (blank, folded, summary).
    pub text: Option<TextRef>,
    /// Byte range of the row within its text.
    pub start: u32,
    pub end: u32,
    /// Column where the text starts.
    pub indent: u16,
    /// A label drawn in the gutter of this row (the first row of a turn in hanging layout).
    pub label: Option<TextRef>,
    /// The body entry the row belongs to (for folded rows: the first hidden one).
    pub turn: Option<u32>,
}

impl Row {
    fn blank(turn: Option<u32>) -> Row {
        Row { kind: RowKind::Blank, text: None, start: 0, end: 0, indent: 0, label: None, turn }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A position in the text, independent of width: what stays at the top of the view on resize.
/// Serialised as `{"text": …, "byte": …}` in the remembered state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    pub text: TextRef,
    pub byte: usize,
}

/// What the layout depends on besides the meeting; equal keys give equal layouts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    pub width: usize,
    pub ambiguous: AmbiguousWidth,
    /// Per body entry, whether it is shown; `None` shows everything.
    pub visible: Option<Vec<bool>>,
}

/// The rows of a meeting at one width.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub rows: Vec<Row>,
    pub width: usize,
    /// First row of each body entry (`u32::MAX` when hidden).
    pub turn_rows: Vec<u32>,
    /// First row of each agenda item's heading (`u32::MAX` when not shown).
    pub agenda_rows: Vec<u32>,
    /// Width of the label gutter in hanging layout (0 when labels take their own row).
    pub gutter: usize,
}

const NOT_SHOWN: u32 = u32::MAX;

impl Layout {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// First row of body entry `turn`, if it is shown.
    pub fn turn_row(&self, turn: usize) -> Option<usize> {
        self.turn_rows.get(turn).filter(|&&r| r != NOT_SHOWN).map(|&r| r as usize)
    }

    /// Row of agenda item `item`'s heading, if it is shown.
    pub fn agenda_row(&self, item: usize) -> Option<usize> {
        self.agenda_rows.get(item).filter(|&&r| r != NOT_SHOWN).map(|&r| r as usize)
    }

    /// The row that shows byte `byte` of `text`, if that text is shown.
    pub fn row_of(&self, text: TextRef, byte: usize) -> Option<usize> {
        let start = match text {
            TextRef::Label(turn) | TextRef::Paragraph { turn, .. } => self.turn_row(turn)?,
            TextRef::AgendaHeading(item) => self.agenda_row(item)?,
            _ => 0,
        };
        let mut last_match = None;
        for (index, row) in self.rows.iter().enumerate().skip(start) {
            let shows_text = row.text == Some(text) || (row.label == Some(text));
            if shows_text {
                if row.label == Some(text) || byte < row.end as usize {
                    return Some(index);
                }
                last_match = Some(index);
            } else if last_match.is_some() {
                break;
            }
            if start != 0 && index > start && row.turn != self.rows[start].turn {
                break;
            }
        }
        last_match
    }

    /// The text position at the start of `row`, for keeping the place across relayouts.
    pub fn anchor_of(&self, row: usize) -> Option<Anchor> {
        let rows = self.rows.get(row..)?;
        rows.iter().find_map(|r| {
            r.text.or(r.label).map(|text| Anchor { text, byte: if r.text.is_some() { r.start as usize } else { 0 } })
        })
    }

    /// The row for an anchor: its own row, or the first row of its turn if the text is hidden.
    pub fn row_of_anchor(&self, anchor: Anchor, turn_count: usize) -> usize {
        if let Some(row) = self.row_of(anchor.text, anchor.byte) {
            return row;
        }
        let turn = match anchor.text {
            TextRef::Label(turn) | TextRef::Paragraph { turn, .. } => Some(turn),
            _ => None,
        };
        if let Some(turn) = turn {
            // The nearest shown entry at or after the hidden one, else the last row.
            if let Some(row) = (turn..turn_count).find_map(|t| self.turn_row(t)) {
                return row;
            }
            return self.rows.iter().rposition(|r| r.turn.is_some_and(|t| t as usize <= turn)).unwrap_or(0);
        }
        0
    }
}

/// Lays out `meeting` for `key`.
pub fn layout(meeting: &Meeting, key: &LayoutKey) -> Layout {
    let width = key.width.max(1);
    let gutter = if width >= HANGING_MIN_WIDTH { choose_gutter(meeting, width, key.ambiguous) } else { 0 };
    let mut builder = Builder {
        meeting,
        ambiguous: key.ambiguous,
        width,
        rows: Vec::new(),
        turn_rows: vec![NOT_SHOWN; meeting.turns.len()],
        agenda_rows: vec![NOT_SHOWN; meeting.agenda.len()],
        breaker: LineBreaker::new(),
        spans: Vec::new(),
    };
    builder.header(gutter);
    builder.body(gutter, key.visible.as_deref());
    Layout { rows: builder.rows, width, turn_rows: builder.turn_rows, agenda_rows: builder.agenda_rows, gutter }
}

/// A gutter wide enough for most labels (the 80th percentile), within bounds.
fn choose_gutter(meeting: &Meeting, width: usize, ambiguous: AmbiguousWidth) -> usize {
    let mut widths: Vec<usize> =
        meeting.turns.iter().filter_map(|t| t.label.as_deref()).map(|l| str_width(l, ambiguous)).collect();
    if widths.is_empty() {
        return GUTTER_MIN.min(width / GUTTER_MAX_SHARE);
    }
    widths.sort_unstable();
    let p80 = widths[(widths.len() * 4 / 5).min(widths.len() - 1)];
    (p80 + 2).clamp(GUTTER_MIN, GUTTER_MAX.min(width / GUTTER_MAX_SHARE))
}

struct Builder<'m> {
    meeting: &'m Meeting,
    ambiguous: AmbiguousWidth,
    width: usize,
    rows: Vec<Row>,
    turn_rows: Vec<u32>,
    agenda_rows: Vec<u32>,
    breaker: LineBreaker,
    /// Scratch rows of the paragraph being wrapped.
    spans: Vec<RowSpan>,
}

impl Builder<'_> {
    fn header(&mut self, gutter: usize) {
        if !self.meeting.title.is_empty() {
            self.wrapped(RowKind::Title, TextRef::Title, 0, None, None);
        }
        // The summary line is made from the meeting's fields, not stored in it: its rows carry
        // byte ranges of `Meeting::summary_line`, and wrap like any text rather than being cut.
        let summary = self.meeting.summary_line();
        self.spans.clear();
        self.breaker.break_into(&summary, self.width, self.ambiguous, &mut self.spans);
        for span in &self.spans {
            let (start, end) = (span.range.start as u32, span.range.end as u32);
            self.rows.push(Row { kind: RowKind::Summary, start, end, ..Row::blank(None) });
        }
        let header = &self.meeting.header;
        let label_gutter = if gutter == 0 {
            0
        } else {
            let widest = header.iter().map(|s| s.label.width()).filter(|&w| w + 2 <= self.width / 3).max().unwrap_or(0);
            if widest == 0 { 0 } else { widest + 2 }
        };
        if !header.is_empty() || !self.meeting.notes.is_empty() {
            self.blank(None);
        }
        for (n, section) in header.iter().enumerate() {
            let label_fits = label_gutter > 0 && str_width(&section.label, self.ambiguous) + 2 <= label_gutter;
            if section.label.is_empty() {
                // Loose header lines before any section label.
            } else if label_fits && !section.lines.is_empty() {
                for line in 0..section.lines.len() {
                    let label = (line == 0).then_some(TextRef::HeaderLabel(n));
                    self.wrapped(
                        RowKind::HeaderText,
                        TextRef::HeaderLine { section: n, line },
                        label_gutter,
                        label,
                        None,
                    );
                }
                continue;
            } else {
                self.wrapped(RowKind::HeaderLabel, TextRef::HeaderLabel(n), 0, None, None);
            }
            let indent = if label_gutter > 0 { label_gutter } else { self.narrow_indent() };
            for line in 0..section.lines.len() {
                self.wrapped(RowKind::HeaderText, TextRef::HeaderLine { section: n, line }, indent, None, None);
            }
        }
        for n in 0..self.meeting.notes.len() {
            self.wrapped(RowKind::Note, TextRef::Note(n), 0, None, None);
        }
    }

    fn narrow_indent(&self) -> usize {
        if self.width >= 20 { NARROW_INDENT } else { 0 }
    }

    fn body(&mut self, gutter: usize, visible: Option<&[bool]>) {
        let shown = |n: usize| visible.is_none_or(|v| v.get(n).copied().unwrap_or(true));
        // An agenda heading shows when any entry of its item does, before the item's first entry
        // (hidden or not), so a folded run sits under the heading it belongs to.
        let mut agenda_has_shown = vec![false; self.meeting.agenda.len()];
        for (n, turn) in self.meeting.turns.iter().enumerate() {
            if let Some(flag) = turn.agenda.and_then(|item| agenda_has_shown.get_mut(item)) {
                *flag |= shown(n);
            }
        }
        let mut agenda_done = vec![false; self.meeting.agenda.len()];
        let mut hidden_run: Option<(u32, u32, u32)> = None; // (first entry, speech turns, entries)
        for (n, turn) in self.meeting.turns.iter().enumerate() {
            if let Some(item) = turn.agenda
                && agenda_done.get(item) == Some(&false)
                && agenda_has_shown[item]
            {
                agenda_done[item] = true;
                if let Some((first, turns, entries)) = hidden_run.take() {
                    self.folded(first, turns, entries);
                }
                self.blank(None);
                self.agenda_rows[item] = self.rows.len() as u32;
                self.wrapped(RowKind::AgendaHeading, TextRef::AgendaHeading(item), 0, None, Some(n as u32));
            }
            if !shown(n) {
                let run = hidden_run.get_or_insert((n as u32, 0, 0));
                run.1 += u32::from(turn.kind == TurnKind::Speech);
                run.2 += 1;
                continue;
            }
            if let Some((first, turns, entries)) = hidden_run.take() {
                self.folded(first, turns, entries);
            }
            self.blank(None);
            self.turn_rows[n] = self.rows.len() as u32;
            self.turn(n, gutter);
        }
        if let Some((first, turns, entries)) = hidden_run.take() {
            self.folded(first, turns, entries);
        }
    }

    fn folded(&mut self, first: u32, turns: u32, entries: u32) {
        self.blank(None);
        self.rows.push(Row { kind: RowKind::Folded { turns, entries }, ..Row::blank(Some(first)) });
    }

    fn turn(&mut self, n: usize, gutter: usize) {
        let turn = &self.meeting.turns[n];
        let tag = Some(n as u32);
        let kind = match turn.kind {
            TurnKind::Speech => RowKind::Speech,
            TurnKind::Stage => RowKind::Stage,
            TurnKind::Procedure => RowKind::Procedure,
        };
        let label_width = turn.label.as_deref().map_or(0, |l| str_width(l, self.ambiguous));
        let hanging = gutter > 0 && label_width + 2 <= gutter;
        let mut pending_label = None;
        let indent = if turn.label.is_some() {
            if hanging {
                pending_label = Some(TextRef::Label(n));
                gutter
            } else {
                self.wrapped(RowKind::Label, TextRef::Label(n), 0, None, tag);
                if gutter > 0 { gutter } else { self.narrow_indent() }
            }
        } else if gutter > 0 {
            gutter
        } else {
            self.narrow_indent()
        };
        if turn.paragraphs.is_empty()
            && let Some(label) = pending_label
        {
            self.rows.push(Row { kind: RowKind::Speech, indent: indent as u16, label: Some(label), ..Row::blank(tag) });
        }
        for paragraph in 0..turn.paragraphs.len() {
            if paragraph > 0 {
                self.blank(tag);
            }
            self.wrapped(kind, TextRef::Paragraph { turn: n, paragraph }, indent, pending_label.take(), tag);
        }
    }

    /// Appends the rows of one text wrapped at the pane width minus `indent`.
    fn wrapped(&mut self, kind: RowKind, text: TextRef, indent: usize, mut label: Option<TextRef>, turn: Option<u32>) {
        let indent = indent.min(self.width.saturating_sub(1));
        let available = self.width - indent;
        let content = self.meeting.text(text);
        self.spans.clear();
        if content.contains('\n') {
            // A block shown as written (code): every line starts a row, lines are never joined.
            let mut offset = 0;
            for line in content.split('\n') {
                let first = self.spans.len();
                self.breaker.break_into(line, available, self.ambiguous, &mut self.spans);
                for span in &mut self.spans[first..] {
                    span.range = span.range.start + offset..span.range.end + offset;
                }
                offset += line.len() + 1;
            }
        } else {
            self.breaker.break_into(content, available, self.ambiguous, &mut self.spans);
        }
        for span in &self.spans {
            self.rows.push(Row {
                kind,
                text: Some(text),
                start: span.range.start as u32,
                end: span.range.end as u32,
                indent: indent as u16,
                label: label.take(),
                turn,
            });
        }
    }

    /// A blank row, unless the previous row is already blank (or there is none).
    fn blank(&mut self, turn: Option<u32>) {
        if self.rows.last().is_some_and(|r| r.kind != RowKind::Blank) {
            self.rows.push(Row::blank(turn));
        }
    }
}
