//! What is remembered of a meeting between sessions (the view's position, the jump list, the
//! marks `a`–`z`), taken from the reader and put back into it. The binary crate stores it; only
//! the reader writes itself. A remembered anchor may no longer fit the meeting (the file was
//! edited since): such anchors are dropped, not followed.

use std::collections::{BTreeMap, HashSet};

use gijiroku_core::layout::Anchor;
use gijiroku_core::meeting::{Meeting, TextRef};

use super::jumps::{JumpList, MAX_JUMPS};
use super::reader::Reader;

/// A reader's place in a meeting, as kept between sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    /// The text at the top of the view.
    pub position: Option<Anchor>,
    pub jumps: Vec<Anchor>,
    pub marks: BTreeMap<char, Anchor>,
}

impl Reader {
    /// Where this reader stands: position, jump list (the newest [`MAX_JUMPS`]) and marks `a`–`z`.
    pub fn remembered(&self) -> Remembered {
        let entries = self.jumps.entries();
        Remembered {
            position: self.anchor(),
            jumps: entries[entries.len().saturating_sub(MAX_JUMPS)..].to_vec(),
            marks: self.marks.iter().filter(|(c, _)| c.is_ascii_lowercase()).map(|(c, a)| (*c, *a)).collect(),
        }
    }

    /// Puts the jump list and marks back and moves to the position. The reader must have been
    /// laid out (its rows exist), or the position cannot be found.
    pub fn restore(&mut self, remembered: &Remembered) {
        let fits = Fits::new(&self.meeting);
        self.jumps = JumpList::from_entries(remembered.jumps.iter().filter(|a| fits.check(a)).copied().collect());
        self.marks = remembered
            .marks
            .iter()
            .filter(|(c, a)| c.is_ascii_lowercase() && fits.check(a))
            .map(|(c, a)| (*c, *a))
            .collect();
        if let Some(position) = remembered.position.filter(|a| fits.check(a)) {
            self.go_to_anchor(position);
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

    fn check(&self, anchor: &Anchor) -> bool {
        let text = self.meeting.text(anchor.text);
        self.texts.contains(&anchor.text) && anchor.byte <= text.len() && text.is_char_boundary(anchor.byte)
    }
}
