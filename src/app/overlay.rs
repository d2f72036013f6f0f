//! Overlays over the panes: the help screen, the statistics view and the pickers.

use crate::app::picker::{AgendaStat, Picker, SpeakerStat, agenda_stats, speaker_stats};
use crate::core::meeting::Meeting;

/// The statistics view (`S`): speakers, then agenda items; choosing a row jumps there.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub speakers: Vec<SpeakerStat>,
    pub agenda: Vec<AgendaStat>,
    /// Row under the cursor: speakers first, then agenda items.
    pub cursor: usize,
}

impl Stats {
    pub fn new(meeting: &Meeting) -> Stats {
        Stats { speakers: speaker_stats(meeting), agenda: agenda_stats(meeting), cursor: 0 }
    }

    pub fn rows(&self) -> usize {
        self.speakers.len() + self.agenda.len()
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let max = self.rows().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, max.max(0)) as usize;
    }

    /// The body entry the row under the cursor leads to.
    pub fn target_turn(&self) -> Option<usize> {
        match self.speakers.get(self.cursor) {
            Some(speaker) => Some(speaker.first_turn),
            None => self.agenda.get(self.cursor - self.speakers.len())?.first_turn,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help { scroll: usize },
    Stats(Stats),
    Picker(Picker),
}
