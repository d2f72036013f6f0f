//! Taking a meeting's state from the reader and putting it back. A remembered anchor may no
//! longer fit the meeting (the file was edited since): such anchors are dropped, not followed.

use std::collections::HashSet;

use super::{MAX_JUMPS, MeetingState, SavedAnchor};
use crate::app::jumps::JumpList;
use crate::app::reader::Reader;
use crate::core::layout::Anchor;
use crate::core::meeting::{Meeting, TextRef};

impl MeetingState {
    /// The reader's position, jump list and marks `a`–`z` (`updated` is left at 0: the store
    /// stamps it).
    pub fn capture(reader: &Reader) -> MeetingState {
        let entries = reader.jumps.entries();
        let jumps = entries[entries.len().saturating_sub(MAX_JUMPS)..].iter().map(|a| SavedAnchor::from(*a)).collect();
        MeetingState {
            position: reader.anchor().map(SavedAnchor::from),
            jumps,
            marks: reader
                .marks
                .iter()
                .filter(|(c, _)| c.is_ascii_lowercase())
                .map(|(c, a)| (*c, (*a).into()))
                .collect(),
            updated: 0,
        }
    }

    /// Puts the jump list and marks back and moves to the position. The reader must have been
    /// laid out (its rows exist), or the position cannot be found.
    pub fn restore(&self, reader: &mut Reader) {
        let fits = Fits::new(&reader.meeting);
        let jumps: Vec<Anchor> = self.jumps.iter().filter(|a| fits.check(a)).map(|a| Anchor::from(*a)).collect();
        reader.jumps = JumpList::from_entries(jumps);
        reader.marks = self
            .marks
            .iter()
            .filter(|(c, a)| c.is_ascii_lowercase() && fits.check(a))
            .map(|(c, a)| (*c, Anchor::from(*a)))
            .collect();
        if let Some(position) = self.position.filter(|a| fits.check(a)) {
            reader.go_to_anchor(position.into());
        }
    }
}

/// Which anchors point at text the meeting has.
struct Fits<'a> {
    meeting: &'a Meeting,
    texts: HashSet<TextRef>,
}

impl<'a> Fits<'a> {
    fn new(meeting: &'a Meeting) -> Fits<'a> {
        Fits { meeting, texts: meeting.reading_order().into_iter().collect() }
    }

    fn check(&self, anchor: &SavedAnchor) -> bool {
        let text = self.meeting.text(anchor.text);
        self.texts.contains(&anchor.text) && anchor.byte <= text.len() && text.is_char_boundary(anchor.byte)
    }
}
