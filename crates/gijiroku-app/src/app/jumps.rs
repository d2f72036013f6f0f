//! The jump list (`Ctrl-o` / `Ctrl-i`), as in vim: every jump records where it left from.

use gijiroku_core::layout::Anchor;

/// Most positions kept, as in vim.
pub const MAX_JUMPS: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JumpList {
    entries: Vec<Anchor>,
    /// Where `back` and `forward` move from; equal to `entries.len()` when not navigating.
    index: usize,
}

impl JumpList {
    pub(crate) fn from_entries(entries: Vec<Anchor>) -> JumpList {
        let index = entries.len();
        JumpList { entries, index }
    }

    pub fn entries(&self) -> &[Anchor] {
        &self.entries
    }

    /// Records the position a jump leaves from.
    pub fn record(&mut self, from: Anchor) {
        self.entries.truncate(self.index);
        self.entries.retain(|a| *a != from);
        self.entries.push(from);
        if self.entries.len() > MAX_JUMPS {
            self.entries.remove(0);
        }
        self.index = self.entries.len();
    }

    /// The position before, remembering `current` so that `forward` can return to it.
    pub fn back(&mut self, current: Anchor) -> Option<Anchor> {
        if self.index == 0 {
            return None;
        }
        if self.index == self.entries.len() {
            if self.entries.last() == Some(&current) {
                // Already standing on the newest entry: step over it.
                self.index -= 1;
                if self.index == 0 {
                    return None;
                }
            } else {
                self.entries.push(current);
            }
        }
        self.index -= 1;
        self.entries.get(self.index).copied()
    }

    pub fn forward(&mut self) -> Option<Anchor> {
        if self.index + 1 >= self.entries.len() {
            return None;
        }
        self.index += 1;
        self.entries.get(self.index).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gijiroku_core::meeting::TextRef;

    fn at(turn: usize) -> Anchor {
        Anchor { text: TextRef::Label(turn), byte: 0 }
    }

    #[test]
    fn back_and_forward_like_vim() {
        let mut jumps = JumpList::default();
        jumps.record(at(0));
        jumps.record(at(1));
        // Now at 2.
        assert_eq!(jumps.back(at(2)), Some(at(1)));
        assert_eq!(jumps.back(at(1)), Some(at(0)));
        assert_eq!(jumps.back(at(0)), None);
        assert_eq!(jumps.forward(), Some(at(1)));
        assert_eq!(jumps.forward(), Some(at(2)));
        assert_eq!(jumps.forward(), None);
    }

    #[test]
    fn a_new_jump_drops_the_forward_part() {
        let mut jumps = JumpList::default();
        jumps.record(at(0));
        jumps.record(at(1));
        assert_eq!(jumps.back(at(2)), Some(at(1)));
        jumps.record(at(1));
        assert_eq!(jumps.forward(), None);
        assert_eq!(jumps.back(at(5)), Some(at(1)));
    }
}
