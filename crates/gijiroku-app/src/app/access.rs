//! Read access to the app's state for the views, the runtime and tests. Fields are private:
//! the state changes only through [`App::handle`] (and the key and action paths it calls).

use std::collections::HashSet;

use super::library::Entry;
use super::list::{LibrarySearchProgress, ListPane};
use super::overlay::Overlay;
use super::reader::Reader;
use super::{App, Focus, Message, Options, Pending, PromptState};

impl App {
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Every meeting of the library, in scan order (the list pane orders them).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn list(&self) -> &ListPane {
        &self.list
    }

    /// The open meeting's reader, if a meeting is open.
    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn prompt(&self) -> Option<&PromptState> {
        self.prompt.as_ref()
    }

    /// Keys typed towards a sequence or a count.
    pub fn pending(&self) -> &Pending {
        &self.pending
    }

    /// The status line's message, until the next key.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Every message of the session, oldest first.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    /// The entry being loaded, if any.
    pub fn loading(&self) -> Option<usize> {
        self.loading
    }

    /// Whether the library scan is still adding entries.
    pub fn scanning(&self) -> bool {
        self.scanning
    }

    /// Progress of the pass that counts turns in a large library.
    pub fn counting(&self) -> Option<LibrarySearchProgress> {
        self.counting
    }

    /// Where a list that comes a page at a time stands (`None` for a library).
    pub fn paging(&self) -> Option<super::paging::Paging> {
        self.paging
    }

    /// For an entry of a file holding several meetings: its number in the file (from 1) and how
    /// many the file holds as listed so far; `None` for a file of one meeting.
    pub fn meeting_in_file(&self, entry: usize) -> Option<(usize, usize)> {
        let e = self.entries.get(entry)?;
        let total = self.meetings_per_file.get(&e.source).copied().unwrap_or(1);
        (total > 1).then_some((e.index_in_file + 1, total))
    }

    /// Entries whose file changed on disk since they were read.
    pub fn changed(&self) -> &HashSet<usize> {
        &self.changed
    }

    /// The open meeting's reader, to stage a state in a test.
    #[cfg(feature = "test-support")]
    pub fn reader_mut_for_test(&mut self) -> Option<&mut Reader> {
        self.reader.as_mut()
    }
}
