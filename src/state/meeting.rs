//! A meeting's remembered place as the state file keeps it: the app's [`Remembered`] plus the
//! time of the last change (the newest wins when two instances merge).

use super::MeetingState;
use crate::app::remembered::Remembered;

impl From<Remembered> for MeetingState {
    /// `updated` is left at 0: the store stamps it.
    fn from(remembered: Remembered) -> MeetingState {
        let Remembered { position, jumps, marks } = remembered;
        MeetingState { position, jumps, marks, updated: 0 }
    }
}

impl MeetingState {
    /// The place to put back into a reader (`Reader::restore`).
    pub fn remembered(&self) -> Remembered {
        Remembered { position: self.position, jumps: self.jumps.clone(), marks: self.marks.clone() }
    }
}
