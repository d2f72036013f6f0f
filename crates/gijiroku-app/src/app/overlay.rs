//! Overlays over the panes: the help screen, the statistics view and the pickers.

mod actions;

use crate::action::Action;
use crate::app::page::wrap;
use crate::app::picker::{AgendaStat, Picker, SpeakerStat, agenda_stats, speaker_stats};
use gijiroku_core::meeting::{Meeting, Severity};
use gijiroku_core::width::AmbiguousWidth;

/// The statistics view (`S`): speakers, then agenda items; choosing a row jumps there.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub(crate) speakers: Vec<SpeakerStat>,
    pub(crate) agenda: Vec<AgendaStat>,
    /// Row under the cursor: speakers first, then agenda items.
    pub(crate) cursor: usize,
    /// The reading problems (warnings and errors), each shown whole.
    pub(crate) problems: Vec<String>,
    /// Lines scrolled past the cursor's last row, to read the problems below it.
    pub(crate) beyond: usize,
}

/// Columns an agenda row's figures take (`turns speakers`, as the view formats them).
pub(crate) const AGENDA_FIGURES_WIDTH: usize = 5 + 1 + 8;

impl Stats {
    pub fn speakers(&self) -> &[SpeakerStat] {
        &self.speakers
    }

    pub fn agenda(&self) -> &[AgendaStat] {
        &self.agenda
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    pub fn beyond(&self) -> usize {
        self.beyond
    }

    pub fn new(meeting: &Meeting) -> Stats {
        let problems =
            meeting.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).map(|d| d.to_string()).collect();
        Stats { speakers: speaker_stats(meeting), agenda: agenda_stats(meeting), cursor: 0, problems, beyond: 0 }
    }

    /// The problems wrapped to `width` columns (continuations indented by two).
    pub fn problem_rows(&self, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
        let mut rows = Vec::new();
        for problem in &self.problems {
            for (n, row) in wrap(problem, width.saturating_sub(2).max(1), ambiguous).into_iter().enumerate() {
                rows.push(if n == 0 { row } else { format!("  {row}") });
            }
        }
        rows
    }

    /// An agenda item's `label title` wrapped beside its figures (continuations indented by
    /// two): a long title is read whole, not cut.
    pub fn agenda_name_rows(&self, index: usize, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
        let Some(item) = self.agenda.get(index) else { return Vec::new() };
        let room = width.saturating_sub(AGENDA_FIGURES_WIDTH + 1).max(4);
        let name = format!("{} {}", item.label, item.title);
        let mut rows = Vec::new();
        for (n, row) in wrap(&name, room.saturating_sub(2).max(1), ambiguous).into_iter().enumerate() {
            rows.push(if n == 0 { row } else { format!("  {row}") });
        }
        rows
    }

    fn agenda_lines(&self, width: usize, ambiguous: AmbiguousWidth) -> impl Iterator<Item = usize> + '_ {
        (0..self.agenda.len()).map(move |i| self.agenda_name_rows(i, width, ambiguous).len().max(1))
    }

    /// Lines of the view at `width`: headings, speakers, agenda items, problems.
    pub(crate) fn line_count(&self, width: usize, ambiguous: AmbiguousWidth) -> usize {
        let agenda = if self.agenda.is_empty() { 0 } else { 2 + self.agenda_lines(width, ambiguous).sum::<usize>() };
        let problems = if self.problems.is_empty() { 0 } else { 2 + self.problem_rows(width, ambiguous).len() };
        1 + self.speakers.len() + agenda + problems
    }

    /// The line of the row under the cursor (an agenda item's first line).
    pub(crate) fn cursor_line(&self, width: usize, ambiguous: AmbiguousWidth) -> usize {
        match self.cursor.checked_sub(self.speakers.len()) {
            None => 1 + self.cursor,
            Some(item) => 3 + self.speakers.len() + self.agenda_lines(width, ambiguous).take(item).sum::<usize>(),
        }
    }

    /// The first line shown in `height` rows: the cursor in view, then `beyond` more.
    pub fn first_line(&self, height: usize, width: usize, ambiguous: AmbiguousWidth) -> usize {
        let natural = self.cursor_line(width, ambiguous).saturating_sub(height.saturating_sub(1));
        let last_page = self.line_count(width, ambiguous).saturating_sub(height);
        (natural + self.beyond).min(last_page.max(natural))
    }

    /// Scrolls `delta` lines: the cursor moves through the rows, then the view goes on down to
    /// the last line (and back up the same way).
    /// Moves the cursor for a motion key, `page` rows to a page, in a view of `(height, width)`;
    /// `false` when `action` is not a motion.
    pub(crate) fn motion(
        &mut self,
        action: Action,
        count: usize,
        page: usize,
        (height, width): (usize, usize),
        ambiguous: AmbiguousWidth,
    ) -> bool {
        match action {
            Action::LineDown => self.scroll(count as isize, height, width, ambiguous),
            Action::LineUp => self.scroll(-(count as isize), height, width, ambiguous),
            Action::HalfPageDown | Action::PageDown => self.scroll(page as isize, height, width, ambiguous),
            Action::HalfPageUp | Action::PageUp => self.scroll(-(page as isize), height, width, ambiguous),
            Action::Top => {
                self.cursor = 0;
                self.beyond = 0;
            }
            Action::Bottom => self.scroll(isize::MAX / 2, height, width, ambiguous),
            _ => return false,
        }
        true
    }

    pub fn scroll(&mut self, delta: isize, height: usize, width: usize, ambiguous: AmbiguousWidth) {
        let last_row = self.rows().saturating_sub(1);
        if delta > 0 {
            let steps = delta.unsigned_abs();
            let to_last = last_row - self.cursor.min(last_row);
            self.cursor += steps.min(to_last);
            let rest = steps - steps.min(to_last);
            if rest > 0 {
                let natural = self.cursor_line(width, ambiguous).saturating_sub(height.saturating_sub(1));
                let last_page = self.line_count(width, ambiguous).saturating_sub(height);
                self.beyond = (self.beyond + rest).min(last_page.saturating_sub(natural));
            }
        } else {
            let steps = delta.unsigned_abs();
            let back = steps.min(self.beyond);
            self.beyond -= back;
            self.move_cursor(-((steps - back) as isize));
        }
    }

    pub fn rows(&self) -> usize {
        self.speakers.len() + self.agenda.len()
    }

    pub(crate) fn move_cursor(&mut self, delta: isize) {
        let max = self.rows().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, max.max(0)) as usize;
    }

    /// The body entry the row under the cursor leads to.
    pub(crate) fn target_turn(&self) -> Option<usize> {
        match self.speakers.get(self.cursor) {
            Some(speaker) => Some(speaker.first_turn),
            None => self.agenda.get(self.cursor - self.speakers.len())?.first_turn,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The message log; `scroll` is clamped when drawn and when moved.
    Messages {
        scroll: usize,
    },
    Stats(Stats),
    Picker(Picker),
}
