//! A list whose entries come a page at a time (`gijiroku kokkai`: the Diet API lists a search's
//! meetings a hundred a request, politely paused). The runtime says how many entries there are
//! in all and whether more can be had ([`Event::Paged`](super::event::Event::Paged)); the app
//! asks for the next page ([`Effect::ListMore`]) when the list's cursor comes within a screen of
//! the end the older meetings are added at, once at a time, and the list header shows the
//! progress while the page is on its way.

use super::{App, Effect};

/// Where paging stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Entries in all, as the source counts them (listed or not).
    pub total: usize,
    /// Whether another page can be asked for.
    pub more: bool,
    /// A page was asked for and has not come yet.
    pub asked: bool,
}

/// The fewest rows from the end at which the next page is asked for (a short list pane still
/// asks before its last row).
const MIN_MARGIN: usize = 10;

impl App {
    /// The source said how far listing has come (after each page it sent).
    pub(crate) fn paged(&mut self, total: usize, more: bool) {
        self.paging = Some(Paging { total: total.max(self.entries.len()), more, asked: false });
    }

    /// Asks for the next page when the list's cursor is within a screen of the end where the
    /// next page's entries go: the bottom when the newest come first (pages go back in time),
    /// else the top.
    pub(crate) fn page_if_near_end(&mut self) {
        if !self.paging.is_some_and(|p| p.more && !p.asked) {
            return;
        }
        let margin = self.panes().list.map_or(0, |a| a.height as usize).max(MIN_MARGIN);
        let (cursor, len) = (self.list.cursor, self.list.order.len());
        let near = if self.list.newest_first { cursor + margin >= len } else { cursor < margin };
        if let Some(paging) = self.paging.as_mut().filter(|_| near) {
            paging.asked = true;
            self.effect(Effect::ListMore);
        }
    }
}
