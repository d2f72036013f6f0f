//! Search over a whole meeting: its text in reading order as one string, so that one regex
//! scan finds every hit, and each hit mapped back to the [`TextRef`] and byte range it covers.

use std::collections::HashMap;

use crate::meeting::{Meeting, TextRef};
use crate::search::Matcher;

/// One match, located in the meeting's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Position of `text` in reading order.
    pub segment: u32,
    pub text: TextRef,
    /// Byte range within `text`.
    pub start: u32,
    pub end: u32,
}

impl Hit {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The searchable text of a meeting.
#[derive(Clone, Debug, Default)]
pub struct MeetingText {
    text: String,
    /// Start offset of each segment in `text`, in reading order.
    starts: Vec<u32>,
    refs: Vec<TextRef>,
    index: HashMap<TextRef, u32>,
}

impl MeetingText {
    pub fn new(meeting: &Meeting) -> MeetingText {
        let order = meeting.reading_order();
        let mut text = String::with_capacity(order.len() * 64);
        let mut starts = Vec::with_capacity(order.len());
        let mut index = HashMap::with_capacity(order.len());
        for (n, text_ref) in order.iter().enumerate() {
            starts.push(text.len() as u32);
            index.insert(*text_ref, n as u32);
            // Newlines separate segments; the matcher never matches across one.
            text.push_str(&meeting.text(*text_ref).replace('\n', " "));
            text.push('\n');
        }
        MeetingText { text, starts, refs: order, index }
    }

    /// The reading-order position of a text, if it is part of the meeting.
    pub fn segment_of(&self, text: TextRef) -> Option<u32> {
        self.index.get(&text).copied()
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// Every text of the meeting in reading order, one line each: what `find` searches. An index
    /// that keeps it counts hits with [`count_in_joined`] without the meeting.
    pub fn joined(&self) -> &str {
        &self.text
    }

    /// Every hit of `matcher`, in reading order.
    pub fn find(&self, matcher: &Matcher) -> Vec<Hit> {
        find_in_joined(&self.text, &self.starts, matcher)
            .map(|(segment, start, end)| Hit { segment, text: self.refs[segment as usize], start, end })
            .collect()
    }
}

/// Where each line of a [`MeetingText::joined`] text starts: the start of each of its
/// segments, as [`MeetingText::find`] finds them.
pub fn segment_starts(joined: &str) -> Vec<u32> {
    let mut starts = Vec::with_capacity(joined.len() / 64 + 1);
    let mut at = 0;
    while at < joined.len() {
        starts.push(at as u32);
        at = match memchr::memchr(b'\n', &joined.as_bytes()[at..]) {
            Some(n) => at + n + 1,
            None => joined.len(),
        };
    }
    starts
}

/// The hits [`MeetingText::find`] gives, from its [`MeetingText::joined`] text and
/// [`segment_starts`] alone (an index that keeps the text places hits without the meeting):
/// `(segment, start, end)`, the range within the segment.
pub fn find_in_joined<'a>(
    joined: &'a str,
    starts: &'a [u32],
    matcher: &'a Matcher,
) -> impl Iterator<Item = (u32, u32, u32)> + 'a {
    let mut segment = 0usize;
    matcher.find_iter(joined).filter(|range| !range.is_empty()).map_while(move |range| {
        while segment + 1 < starts.len() && starts[segment + 1] as usize <= range.start {
            segment += 1;
        }
        let base = *starts.get(segment)? as usize;
        Some((segment as u32, (range.start - base) as u32, (range.end - base) as u32))
    })
}

/// How many hits [`MeetingText::find`] gives, from its [`MeetingText::joined`] text alone (an
/// index that keeps the text counts without the meeting).
pub fn count_in_joined(joined: &str, matcher: &Matcher) -> usize {
    // `find` keeps every non-empty match (its segments only name where each falls).
    matcher.find_iter(joined).filter(|range| !range.is_empty()).count()
}

/// The hits that fall in one segment (hits are sorted by segment).
pub fn hits_in(hits: &[Hit], segment: u32) -> &[Hit] {
    let from = hits.partition_point(|h| h.segment < segment);
    let to = hits.partition_point(|h| h.segment <= segment);
    &hits[from..to]
}
