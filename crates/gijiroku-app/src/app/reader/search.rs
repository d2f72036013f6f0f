//! Search in the open meeting: the query, its hits in reading order, the current hit, and the
//! moves `/`, `?`, `n`, `N` make. Hits hidden by a filter are skipped and not counted.

use std::fmt;

use super::Reader;
use gijiroku_core::hits::{Hit, MeetingText, hits_in};
use gijiroku_core::layout::Anchor;
use gijiroku_core::meeting::TextRef;
use gijiroku_core::search::{Matcher, SearchError, SearchOptions};

/// The search of the reader.
#[derive(Default)]
pub struct SearchState {
    pub(crate) query: String,
    pub(crate) backward: bool,
    pub(crate) kana_fold: bool,
    matcher: Option<Matcher>,
    pub(crate) hits: Vec<Hit>,
    /// Index into `hits` of the current hit.
    pub(crate) current: Option<usize>,
    /// Show only turns with hits.
    pub(crate) hits_only: bool,
    text: Option<MeetingText>,
    /// The turns a search outside the reader found ([`Found`]), sorted: the hits are in them.
    found: Option<Vec<usize>>,
}

/// The speeches a search outside the reader found in a meeting (`gijiroku kokkai`: the Diet
/// API's matching speeches): they are the meeting's matches, and `n` moves through them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The turns (indices into the meeting's turns) that matched.
    pub turns: Vec<usize>,
    /// The words they were found by, highlighted in them; without words (a search by speaker
    /// only) each turn's label is its match.
    pub words: Option<String>,
}

impl fmt::Debug for SearchState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchState")
            .field("query", &self.query)
            .field("hits", &self.hits.len())
            .field("current", &self.current)
            .finish()
    }
}

/// What a search move found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SearchOutcome {
    /// Hit `index` (1-based) of `total` visible hits; `wrapped` when it went round the end.
    Found {
        index: usize,
        total: usize,
        wrapped: bool,
    },
    NotFound,
    /// Hits exist, but every one is in a turn hidden by a filter.
    AllHidden {
        total: usize,
    },
    Empty,
}

impl SearchState {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn kana_fold(&self) -> bool {
        self.kana_fold
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn current(&self) -> Option<usize> {
        self.current
    }

    pub fn hits_only(&self) -> bool {
        self.hits_only
    }

    pub(crate) fn has_query(&self) -> bool {
        self.matcher.is_some() || self.found.is_some()
    }

    /// The turns a search outside the reader found, while they are the search.
    pub fn found_turns(&self) -> Option<&[usize]> {
        self.found.as_deref()
    }

    /// What a search outside the reader found, while it is the search (to put it back).
    pub fn found(&self) -> Option<Found> {
        let turns = self.found.clone()?;
        Some(Found { turns, words: Some(self.query.clone()).filter(|q| !q.is_empty()) })
    }

    /// Whether the meeting's searchable text is built.
    pub(crate) fn has_text(&self) -> bool {
        self.text.is_some()
    }

    /// Takes the searchable text built in the background (unless a search built it already).
    pub(crate) fn install_text(&mut self, text: MeetingText) {
        self.text.get_or_insert(text);
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.matcher = None;
        self.found = None;
        self.hits.clear();
        self.current = None;
    }

    /// Which body entries contain a hit.
    pub(crate) fn turns_with_hits(&self, turn_count: usize) -> Vec<bool> {
        let mut with_hits = vec![false; turn_count];
        for hit in &self.hits {
            if let TextRef::Label(turn) | TextRef::Paragraph { turn, .. } = hit.text
                && let Some(flag) = with_hits.get_mut(turn)
            {
                *flag = true;
            }
        }
        with_hits
    }

    /// Hits inside `text`, with the index of the first one in `hits`.
    pub fn hits_in_text(&self, text: TextRef) -> (usize, &[Hit]) {
        // Drawn for every row of every frame: without hits, no lookup.
        if self.hits.is_empty() {
            return (0, &[]);
        }
        let Some(segment) = self.text.as_ref().and_then(|t| t.segment_of(text)) else {
            return (0, &[]);
        };
        let slice = hits_in(&self.hits, segment);
        let first = self.hits.partition_point(|h| h.segment < segment);
        (first, slice)
    }
}

impl Reader {
    /// Sets the query and finds its hits; an empty query clears the search.
    pub(crate) fn set_search_query(&mut self, query: &str, kana_fold: bool) -> Result<usize, SearchError> {
        let search = &mut self.search;
        search.query = query.to_owned();
        search.kana_fold = kana_fold;
        search.current = None;
        // A query of one's own replaces what a search outside found.
        search.found = None;
        if query.trim().is_empty() {
            search.matcher = None;
            search.hits.clear();
            return Ok(0);
        }
        let matcher = match Matcher::new(query, SearchOptions { kana_fold }) {
            Ok(matcher) => matcher,
            Err(err) => {
                search.matcher = None;
                search.hits.clear();
                return Err(err);
            }
        };
        let meeting = &self.meeting;
        let text = search.text.get_or_insert_with(|| MeetingText::new(meeting));
        search.hits = text.find(&matcher);
        search.matcher = Some(matcher);
        if search.hits_only {
            self.invalidate_layout();
        }
        Ok(self.search.hits.len())
    }

    /// Makes the speeches a search outside found the search: the hits of its words in those
    /// turns, and the label of each found turn without one (so that `n` reaches every speech).
    /// Returns how many hits there are.
    pub(crate) fn set_found(&mut self, found: &Found, kana_fold: bool) -> usize {
        let words = found.words.as_deref().unwrap_or("");
        // Words the matcher refuses leave the speeches alone as the matches.
        let _ = self.set_search_query(words, kana_fold);
        let mut turns: Vec<usize> = found.turns.iter().copied().filter(|&t| t < self.meeting.turns.len()).collect();
        turns.sort_unstable();
        turns.dedup();
        let meeting = &self.meeting;
        let search = &mut self.search;
        let text = search.text.get_or_insert_with(|| MeetingText::new(meeting));
        let turn_of = |hit: &Hit| match hit.text {
            TextRef::Label(turn) | TextRef::Paragraph { turn, .. } => Some(turn),
            _ => None,
        };
        let mut hits: Vec<Hit> = search
            .hits
            .iter()
            .copied()
            .filter(|h| turn_of(h).is_some_and(|t| turns.binary_search(&t).is_ok()))
            .collect();
        for &turn in &turns {
            if hits.iter().any(|h| turn_of(h) == Some(turn)) {
                continue;
            }
            let label = TextRef::Label(turn);
            let first = TextRef::Paragraph { turn, paragraph: 0 };
            let whole = |t: TextRef| Some((text.segment_of(t)?, t, meeting.text(t).len() as u32));
            let empty = |t: TextRef| Some((text.segment_of(t)?, t, 0));
            if let Some((segment, text_ref, end)) = whole(label).or_else(|| empty(first)) {
                hits.push(Hit { segment, text: text_ref, start: 0, end });
            }
        }
        hits.sort_by_key(|h| (h.segment, h.start));
        search.hits = hits;
        search.found = Some(turns);
        search.current = None;
        if search.hits_only {
            self.invalidate_layout();
        }
        self.search.hits.len()
    }

    /// Opens at the first found speech: its turn at the top, its first hit on screen.
    pub(crate) fn show_first_found(&mut self) -> SearchOutcome {
        let shown = match self.movable_hits() {
            Ok(shown) => shown,
            Err(outcome) => return outcome,
        };
        let first = self.search.hits[shown[0]];
        if let TextRef::Label(turn) | TextRef::Paragraph { turn, .. } = first.text
            && let Some(row) = self.layout.turn_row(turn)
        {
            self.show_row_at_top(row);
        }
        self.go_to_hit(shown[0]);
        SearchOutcome::Found { index: 1, total: shown.len(), wrapped: false }
    }

    /// Whether the hit is in a shown part of the meeting.
    pub(crate) fn is_hit_shown(&self, hit: &Hit) -> bool {
        match hit.text {
            TextRef::Label(turn) | TextRef::Paragraph { turn, .. } => self.is_turn_shown(turn),
            TextRef::AgendaHeading(item) => self.layout.agenda_row(item).is_some(),
            _ => true,
        }
    }

    fn shown_hits(&self) -> Vec<usize> {
        (0..self.search.hits.len()).filter(|&i| self.is_hit_shown(&self.search.hits[i])).collect()
    }

    /// The shown hits, or why a search move cannot go anywhere.
    fn movable_hits(&self) -> Result<Vec<usize>, SearchOutcome> {
        if !self.search.has_query() {
            return Err(SearchOutcome::Empty);
        }
        let shown = self.shown_hits();
        if shown.is_empty() {
            return Err(if self.search.hits.is_empty() {
                SearchOutcome::NotFound
            } else {
                SearchOutcome::AllHidden { total: self.search.hits.len() }
            });
        }
        Ok(shown)
    }

    /// Reading-order key of an anchor, comparable with hits.
    fn order_of(&self, anchor: Anchor) -> Option<(u32, usize)> {
        let segment = self.search.text.as_ref()?.segment_of(anchor.text)?;
        Some((segment, anchor.byte))
    }

    /// Moves to the hit nearest to `origin` in the search direction (incremental search).
    pub(crate) fn search_from(&mut self, origin: Option<Anchor>, backward: bool) -> SearchOutcome {
        let shown = match self.movable_hits() {
            Ok(shown) => shown,
            Err(outcome) => return outcome,
        };
        let origin = origin.and_then(|a| self.order_of(a)).unwrap_or((0, 0));
        let key = |i: &usize| {
            let h = &self.search.hits[*i];
            (h.segment, h.start as usize)
        };
        let (position, wrapped) = if backward {
            match shown.iter().rposition(|i| key(i) < origin) {
                Some(p) => (p, false),
                None => (shown.len() - 1, true),
            }
        } else {
            match shown.iter().position(|i| key(i) >= origin) {
                Some(p) => (p, false),
                None => (0, true),
            }
        };
        self.go_to_hit(shown[position]);
        SearchOutcome::Found { index: position + 1, total: shown.len(), wrapped }
    }

    /// `n` (`forward` in the search direction) or `N`, `count` times.
    pub(crate) fn search_step(&mut self, forward: bool, count: usize) -> SearchOutcome {
        let shown = match self.movable_hits() {
            Ok(shown) => shown,
            Err(outcome) => return outcome,
        };
        let direction_forward = forward != self.search.backward;
        let current_on_screen = self.search.current.filter(|&c| {
            let hit = self.search.hits[c];
            self.layout
                .row_of(hit.text, hit.start as usize)
                .is_some_and(|row| row >= self.top() && row < self.top() + self.height)
        });
        let mut position = match current_on_screen.and_then(|c| shown.iter().position(|&i| i == c)) {
            Some(p) => p as isize,
            None => {
                // From the top of the view: the first hit at or after it counts as one step.
                let origin = self.anchor().and_then(|a| self.order_of(a)).unwrap_or((0, 0));
                let key = |i: usize| {
                    let h = &self.search.hits[i];
                    (h.segment, h.start as usize)
                };
                if direction_forward {
                    shown.iter().position(|&i| key(i) >= origin).map_or(shown.len() as isize, |p| p as isize) - 1
                } else {
                    shown.iter().rposition(|&i| key(i) < origin).map_or(-1, |p| p as isize) + 1
                }
            }
        };
        let len = shown.len() as isize;
        let mut wrapped = false;
        for _ in 0..count.max(1) {
            position += if direction_forward { 1 } else { -1 };
            if position >= len {
                position = 0;
                wrapped = true;
            } else if position < 0 {
                position = len - 1;
                wrapped = true;
            }
        }
        let position = position as usize;
        self.go_to_hit(shown[position]);
        SearchOutcome::Found { index: position + 1, total: shown.len(), wrapped }
    }

    fn go_to_hit(&mut self, index: usize) {
        self.search.current = Some(index);
        let hit = self.search.hits[index];
        if let Some(row) = self.layout.row_of(hit.text, hit.start as usize) {
            self.reveal_row(row);
        }
    }

    /// `[i/N]` for the status line: the current hit among the shown ones.
    pub fn hit_position(&self) -> Option<(usize, usize)> {
        if !self.search.has_query() {
            return None;
        }
        let shown = self.shown_hits();
        let index = self.search.current.and_then(|c| shown.iter().position(|&i| i == c)).map_or(0, |p| p + 1);
        Some((index, shown.len()))
    }
}
