//! The reader pane's state: the open meeting, its layout at the pane width, the view position
//! (anchored on text so that it survives resizes and filter changes), filters, marks and jumps.

pub mod search;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::action::Action;
use crate::app::jumps::JumpList;
use gijiroku_core::filter::visible_turns;
use gijiroku_core::layout::{Anchor, Layout, LayoutKey, RowKind, layout};
use gijiroku_core::meeting::{Meeting, TextRef, TurnKind};
use gijiroku_core::width::AmbiguousWidth;
use search::SearchState;

/// Which turns the reader shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Speaker identities; empty shows every speaker.
    pub speakers: Vec<String>,
    /// Index of the agenda item; `None` shows every item.
    pub agenda: Option<usize>,
}

impl Filters {
    pub fn is_active(&self) -> bool {
        !self.speakers.is_empty() || self.agenda.is_some()
    }
}

/// The open meeting and where the reader stands in it.
#[derive(Debug)]
pub struct Reader {
    /// The library entry the meeting came from.
    pub(crate) entry: usize,
    pub(crate) meeting: Arc<Meeting>,
    pub(crate) layout: Layout,
    layout_key: Option<LayoutKey>,
    /// Bumped at every new layout, so the runtime can tell a scroll from a relayout.
    pub(crate) layout_generation: u64,
    /// First row shown; changed only by the methods below.
    top: usize,
    /// Rows in the pane, as of the last resize.
    pub(crate) height: usize,
    pub(crate) filters: Filters,
    pub(crate) search: SearchState,
    pub(crate) jumps: JumpList,
    pub(crate) marks: BTreeMap<char, Anchor>,
    /// Where the last jump left from (the `''` mark).
    pub(crate) before_jump: Option<Anchor>,
    /// For each body entry, its number among speech turns (1-based), or 0.
    speech_numbers: Vec<u32>,
    pub(crate) speech_total: usize,
    /// The meeting's summary line, made once: it counts distinct speakers over every turn, which
    /// took a millisecond per frame in a 10 MB meeting while the top was in view.
    pub(crate) summary_line: String,
    /// The file looks binary and is not shown until the user asks (`show_anyway`), as `less`
    /// asks "may be a binary file. See it anyway?".
    pub(crate) held_back: bool,
}

impl Reader {
    pub fn new(entry: usize, meeting: Arc<Meeting>) -> Reader {
        let mut counter = 0u32;
        let speech_numbers = meeting
            .turns
            .iter()
            .map(|t| {
                if t.kind == TurnKind::Speech {
                    counter += 1;
                    counter
                } else {
                    0
                }
            })
            .collect();
        let summary_line = meeting.summary_line();
        let held_back = looks_binary(&meeting);
        Reader {
            held_back,
            summary_line,
            entry,
            meeting,
            layout: Layout::default(),
            layout_key: None,
            layout_generation: 0,
            top: 0,
            height: 1,
            filters: Filters::default(),
            search: SearchState::default(),
            jumps: JumpList::default(),
            marks: BTreeMap::new(),
            before_jump: None,
            speech_numbers,
            speech_total: counter as usize,
        }
    }

    /// The library entry the meeting came from.
    pub fn entry(&self) -> usize {
        self.entry
    }

    pub fn meeting(&self) -> &Arc<Meeting> {
        &self.meeting
    }

    /// The meeting laid out at the pane's width.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Changes at every new layout: the screen driver tells a scroll from a relayout by it.
    pub fn layout_generation(&self) -> u64 {
        self.layout_generation
    }

    /// Rows in the pane, as of the last resize.
    pub fn height(&self) -> usize {
        self.height
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn search(&self) -> &SearchState {
        &self.search
    }

    /// Where the view jumped from (`Ctrl-o`, `Ctrl-i`).
    pub fn jumps(&self) -> &JumpList {
        &self.jumps
    }

    pub fn marks(&self) -> &BTreeMap<char, Anchor> {
        &self.marks
    }

    /// Sets mark `mark` (a–z, or `'` for the place the last jump left from).
    pub fn set_mark(&mut self, mark: char, anchor: Anchor) {
        self.marks.insert(mark, anchor);
    }

    /// How many speech turns the meeting has (the N of `turn n/N`).
    pub fn speech_total(&self) -> usize {
        self.speech_total
    }

    /// The summary line under the title, made once at open.
    pub fn summary_line(&self) -> &str {
        &self.summary_line
    }

    /// The summary line, to stage a state in a test.
    #[cfg(feature = "test-support")]
    pub fn summary_line_mut_for_test(&mut self) -> &mut String {
        &mut self.summary_line
    }

    /// Whether the file looks binary and is held back until the user asks to see it.
    pub fn held_back(&self) -> bool {
        self.held_back
    }

    /// Lays the meeting out again if the width, the ambiguous setting or the visible turns
    /// changed, keeping the text at the top of the view where it was.
    pub fn relayout(&mut self, width: usize, height: usize, ambiguous: AmbiguousWidth) {
        self.height = height.max(1);
        let key = LayoutKey { width: width.max(1), ambiguous, visible: self.visibility() };
        if self.layout_key.as_ref() == Some(&key) {
            self.top = self.top.min(self.max_jump_top());
            return;
        }
        let anchor = self.anchor();
        self.layout = layout(&self.meeting, &key);
        self.layout_key = Some(key);
        self.layout_generation += 1;
        self.top = match anchor {
            Some(anchor) => self.layout.row_of_anchor(anchor, self.meeting.turns.len()),
            None => 0,
        };
        self.top = self.top.min(self.max_jump_top());
    }

    /// Forces the next `relayout` to rebuild (after a filter or search change).
    pub(crate) fn invalidate_layout(&mut self) {
        if let Some(key) = &mut self.layout_key {
            key.visible = Some(Vec::new());
        }
    }

    /// Which body entries pass the filters (and "only turns with hits").
    fn visibility(&self) -> Option<Vec<bool>> {
        let hits_only = self.search.hits_only && self.search.has_query();
        if !self.filters.is_active() && !hits_only {
            return None;
        }
        let mut visible = visible_turns(&self.meeting, &self.filters.speakers, self.filters.agenda);
        if hits_only {
            let with_hits = self.search.turns_with_hits(self.meeting.turns.len());
            visible.iter_mut().zip(with_hits).for_each(|(v, hit)| *v &= hit);
        }
        Some(visible)
    }

    /// Whether body entry `turn` is shown under the current filters.
    pub fn is_turn_shown(&self, turn: usize) -> bool {
        self.layout.turn_row(turn).is_some()
    }

    /// First row shown.
    pub fn top(&self) -> usize {
        self.top
    }

    /// Records row `from` in the jump list: the view moved from there (a search, a run of
    /// structure moves) and the place it left is a jump.
    pub(crate) fn record_jump_from(&mut self, from: usize) {
        if let Some(anchor) = self.layout.anchor_of(from) {
            self.jumps.record(anchor);
            self.before_jump = Some(anchor);
        }
    }

    /// Puts the view back on a row it showed before (a cancelled search).
    pub(crate) fn return_to_row(&mut self, top: usize) {
        self.top = top;
    }

    /// The first page.
    pub(crate) fn show_first_page(&mut self) {
        self.top = 0;
    }

    /// The last full page.
    pub(crate) fn show_last_page(&mut self) {
        self.top = self.max_scroll_top();
    }

    /// The page `percent` of the way through (`50%`).
    pub(crate) fn show_percent(&mut self, percent: usize) {
        self.top = (self.max_scroll_top() * percent).div_ceil(100);
    }

    /// The text position at the top of the view.
    pub fn anchor(&self) -> Option<Anchor> {
        self.layout.anchor_of(self.top)
    }

    /// The highest top row for scrolling: the last page is full.
    pub(crate) fn max_scroll_top(&self) -> usize {
        self.layout.len().saturating_sub(self.height)
    }

    /// The highest top row for a jump: the jumped-to row may stand at the top of a short page.
    fn max_jump_top(&self) -> usize {
        self.layout.len().saturating_sub(1).max(self.max_scroll_top())
    }

    /// Scrolls by `delta` rows, never past the last full page (a jump may have gone further;
    /// scrolling down then stays put rather than snapping back).
    pub(crate) fn scroll_by(&mut self, delta: isize) {
        if delta >= 0 {
            let limit = self.max_scroll_top().max(self.top);
            self.top = (self.top + delta.unsigned_abs()).min(limit);
        } else {
            self.top = self.top.saturating_sub(delta.unsigned_abs());
        }
    }

    /// Puts `row` at the top of the view.
    pub fn show_row_at_top(&mut self, row: usize) {
        self.top = row.min(self.max_jump_top());
    }

    /// Makes `row` visible, scrolling only if it is off screen (then it lands a third down).
    pub(crate) fn reveal_row(&mut self, row: usize) {
        if row < self.top || row >= self.top + self.height {
            self.top = row.saturating_sub(self.height / 3).min(self.max_jump_top());
        }
    }

    /// Moves the view for a motion key (`j`, `Ctrl-d`, `gg`…), `count` times; `false` when
    /// `action` is not a motion of the reader's own.
    pub fn motion(&mut self, action: Action, count: usize) -> bool {
        let height = self.height as isize;
        let n = count as isize;
        match action {
            Action::LineDown => self.scroll_by(n),
            Action::LineUp => self.scroll_by(-n),
            Action::HalfPageDown => self.scroll_by(n * (height / 2).max(1)),
            Action::HalfPageUp => self.scroll_by(-n * (height / 2).max(1)),
            Action::PageDown => self.scroll_by(n * (height - 2).max(1)),
            Action::PageUp => self.scroll_by(-n * (height - 2).max(1)),
            Action::Top => {
                self.record_jump();
                self.show_first_page();
            }
            Action::Bottom => {
                self.record_jump();
                self.show_last_page();
            }
            _ => return false,
        }
        true
    }

    /// Records the current position before a jump.
    pub fn record_jump(&mut self) {
        if let Some(anchor) = self.anchor() {
            self.jumps.record(anchor);
            self.before_jump = Some(anchor);
        }
    }

    /// Moves to an anchor (a mark, a jump-list entry).
    pub(crate) fn go_to_anchor(&mut self, anchor: Anchor) {
        let row = self.layout.row_of_anchor(anchor, self.meeting.turns.len());
        self.show_row_at_top(row);
    }

    /// The body entry the view is on: the one at the top row, or the first that starts on screen.
    pub fn current_turn(&self) -> Option<usize> {
        let rows = &self.layout.rows;
        if let Some(turn) =
            rows.get(self.top).and_then(|r| r.turn).filter(|_| !matches!(rows[self.top].kind, RowKind::Folded { .. }))
        {
            return Some(turn as usize);
        }
        let end = (self.top + self.height).min(rows.len());
        if let Some(turn) = rows.get(self.top..end).and_then(|rs| rs.iter().find_map(|r| r.turn)) {
            return Some(turn as usize);
        }
        rows.get(..self.top.min(rows.len())).and_then(|rs| rs.iter().rev().find_map(|r| r.turn)).map(|t| t as usize)
    }

    /// The speech turn the view is on (for `*`, yanking and the status line).
    pub fn current_speech(&self) -> Option<usize> {
        let turn = self.current_turn()?;
        let turns = &self.meeting.turns;
        if turns.get(turn)?.kind == TurnKind::Speech {
            return Some(turn);
        }
        (0..turn).rev().find(|&t| turns[t].kind == TurnKind::Speech && self.is_turn_shown(t))
    }

    /// The paragraph at the top of the view.
    pub(crate) fn current_paragraph(&self) -> Option<(usize, usize)> {
        let rows = &self.layout.rows;
        let end = (self.top + self.height).min(rows.len());
        rows.get(self.top..end)?.iter().find_map(|r| match r.text {
            Some(TextRef::Paragraph { turn, paragraph }) => Some((turn, paragraph)),
            _ => None,
        })
    }

    /// The agenda item of the current position.
    pub fn current_agenda(&self) -> Option<usize> {
        let turn = self.current_turn()?;
        self.meeting.turns.get(turn)?.agenda
    }

    /// `n` of `turn n/N` for the status line.
    pub fn speech_number(&self, turn: usize) -> Option<usize> {
        self.speech_numbers.get(turn).filter(|&&n| n > 0).map(|&n| n as usize)
    }

    /// The next (or previous) shown speech turn whose first row is below (above) the top.
    pub(crate) fn turn_after(&self, forward: bool, accept: impl Fn(usize) -> bool) -> Option<usize> {
        let turns = &self.meeting.turns;
        let top = self.top;
        let candidate = |t: usize| turns[t].kind == TurnKind::Speech && accept(t) && self.layout.turn_row(t).is_some();
        // Turns are laid out in order, so the search starts at the turn the view is on: a move
        // costs the distance it goes, not the length of the meeting.
        let here = self.current_turn().unwrap_or(0).min(turns.len());
        if forward {
            (here..turns.len()).find(|&t| candidate(t) && self.layout.turn_row(t).is_some_and(|r| r > top))
        } else {
            let end = (here + 1).min(turns.len());
            (0..end).rev().find(|&t| candidate(t) && self.layout.turn_row(t).is_some_and(|r| r < top))
        }
    }

    /// Percentage through the meeting for the status line.
    pub fn percent(&self) -> usize {
        let max = self.max_scroll_top();
        (self.top.min(max) * 100).checked_div(max).unwrap_or(100)
    }
}

/// Whether the decoder found the bytes to be binary rather than text in any encoding.
pub fn looks_binary(meeting: &Meeting) -> bool {
    meeting.diagnostics.iter().any(|d| d.kind == "binary")
}
