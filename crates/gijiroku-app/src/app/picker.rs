//! The speaker picker (`s`) and the agenda picker (`a`): every speaker or item of the meeting
//! with its counts, narrowed as the user types (kana-folded, and romaji against readings).

use crate::action::Action;
use gijiroku_core::meeting::{Meeting, Role, TurnKind};
use gijiroku_core::romaji;
use gijiroku_core::search::{Matcher, SearchOptions};

/// One speaker of the meeting, with what the picker and the statistics view show.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerStat {
    pub speaker: String,
    /// The label of the speaker's first turn, as written.
    pub label: String,
    pub position: Option<String>,
    pub role: Role,
    pub yomi: Option<String>,
    pub turns: usize,
    pub chars: usize,
    /// Share of all speech characters, 0.0–1.0.
    pub share: f64,
    pub first_turn: usize,
}

/// One agenda item with its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaStat {
    pub index: usize,
    pub label: String,
    pub title: String,
    pub turns: usize,
    pub speakers: usize,
    pub first_turn: Option<usize>,
}

/// Per-speaker figures in order of first appearance.
pub(crate) fn speaker_stats(meeting: &Meeting) -> Vec<SpeakerStat> {
    let mut stats: Vec<SpeakerStat> = Vec::new();
    let mut total_chars = 0usize;
    for (n, turn) in meeting.turns.iter().enumerate().filter(|(_, t)| t.kind == TurnKind::Speech) {
        let Some(speaker) = turn.speaker.as_deref() else { continue };
        let chars = turn.char_count();
        total_chars += chars;
        match stats.iter_mut().find(|s| s.speaker == speaker) {
            Some(stat) => {
                stat.turns += 1;
                stat.chars += chars;
            }
            None => stats.push(SpeakerStat {
                speaker: speaker.to_owned(),
                label: turn.label.clone().unwrap_or_default(),
                position: turn.position.clone(),
                role: turn.role,
                yomi: turn.yomi.clone(),
                turns: 1,
                chars,
                share: 0.0,
                first_turn: n,
            }),
        }
    }
    for stat in &mut stats {
        stat.share = if total_chars == 0 { 0.0 } else { stat.chars as f64 / total_chars as f64 };
    }
    stats
}

/// Per-agenda-item figures in agenda order.
pub(crate) fn agenda_stats(meeting: &Meeting) -> Vec<AgendaStat> {
    meeting
        .agenda
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let turns: Vec<usize> = meeting
                .turns
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == TurnKind::Speech && t.agenda == Some(index))
                .map(|(n, _)| n)
                .collect();
            let mut speakers: Vec<&str> = turns.iter().filter_map(|&n| meeting.turns[n].speaker.as_deref()).collect();
            speakers.sort_unstable();
            speakers.dedup();
            AgendaStat {
                index,
                label: item.label.clone(),
                title: item.title.clone(),
                turns: turns.len(),
                speakers: speakers.len(),
                first_turn: meeting.turns.iter().position(|t| t.agenda == Some(index)),
            }
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    Speakers,
    Agenda,
}

/// An open picker.
#[derive(Clone, Debug, PartialEq)]
pub struct Picker {
    pub(crate) kind: PickerKind,
    pub(crate) query: String,
    pub(crate) speakers: Vec<SpeakerStat>,
    pub(crate) agenda: Vec<AgendaStat>,
    /// Indices of the items that match the query.
    pub(crate) shown: Vec<usize>,
    /// Position in `shown`.
    pub(crate) cursor: usize,
    /// Selected items (indices into `speakers` or `agenda`).
    pub(crate) selected: Vec<usize>,
}

/// Lines at the foot of a picker that show the row under the cursor whole: a name or an agenda
/// title too long for its row is cut there, and read here.
pub(crate) const DETAIL_LINES: u16 = 2;

/// The least inside height that keeps the detail lines (below it every row goes to the list).
const DETAIL_MIN_HEIGHT: u16 = 8;

impl Picker {
    pub fn kind(&self) -> PickerKind {
        self.kind
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn speakers(&self) -> &[SpeakerStat] {
        &self.speakers
    }

    pub fn agenda(&self) -> &[AgendaStat] {
        &self.agenda
    }

    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn selected(&self) -> &[usize] {
        &self.selected
    }

    /// Rows for items in a picker whose inside is `inner_height` rows: the query line and, when
    /// there is room, the detail lines take the rest. The view and the mouse both ask here.
    pub fn list_height(inner_height: u16) -> usize {
        let detail = if inner_height >= DETAIL_MIN_HEIGHT { DETAIL_LINES } else { 0 };
        inner_height.saturating_sub(1 + detail) as usize
    }

    /// The first item shown in `list_height` rows: the cursor stays in view.
    pub fn first_shown(&self, list_height: usize) -> usize {
        self.cursor.saturating_sub(list_height.saturating_sub(1))
    }

    /// The row under the cursor, whole: the speaker with position and reading, or the item's
    /// label and title, then its count of turns.
    pub fn cursor_detail(&self) -> Option<String> {
        let item = *self.shown.get(self.cursor)?;
        let plural = |n: usize| if n == 1 { "turn" } else { "turns" };
        Some(match self.kind {
            PickerKind::Speakers => {
                let s = self.speakers.get(item)?;
                let mut name = s.speaker.clone();
                if let Some(position) = s.position.as_deref().filter(|p| !s.speaker.contains(p)) {
                    name = format!("{name}  {position}");
                }
                if let Some(yomi) = &s.yomi {
                    name = format!("{name}  {yomi}");
                }
                format!("{name} · {} {}", s.turns, plural(s.turns))
            }
            PickerKind::Agenda => {
                let a = self.agenda.get(item)?;
                format!("{} {} · {} {}", a.label, a.title, a.turns, plural(a.turns))
            }
        })
    }

    pub fn new(kind: PickerKind, meeting: &Meeting) -> Picker {
        let mut picker = Picker {
            kind,
            query: String::new(),
            speakers: speaker_stats(meeting),
            agenda: agenda_stats(meeting),
            shown: Vec::new(),
            cursor: 0,
            selected: Vec::new(),
        };
        picker.narrow();
        picker
    }

    pub fn len(&self) -> usize {
        match self.kind {
            PickerKind::Speakers => self.speakers.len(),
            PickerKind::Agenda => self.agenda.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Recomputes `shown` from the query.
    pub fn narrow(&mut self) {
        let matcher = Matcher::new(&self.query, SearchOptions { kana_fold: true }).ok();
        // Every syllable a half-typed one can become, so the list does not flicker while typing.
        let readings = romaji::reading_prefixes(&self.query).unwrap_or_default();
        let matches = |fields: &[&str]| match &matcher {
            None => true,
            Some(m) => fields.iter().any(|f| m.is_match(f)),
        };
        self.shown = match self.kind {
            PickerKind::Speakers => (0..self.speakers.len())
                .filter(|&i| {
                    let s = &self.speakers[i];
                    let yomi = s.yomi.as_deref().unwrap_or("");
                    matches(&[&s.speaker, &s.label, s.position.as_deref().unwrap_or(""), yomi])
                        || (!yomi.is_empty() && {
                            let yomi = hiragana(yomi);
                            readings.iter().any(|r| yomi.contains(r.as_str()))
                        })
                })
                .collect(),
            PickerKind::Agenda => (0..self.agenda.len())
                .filter(|&i| {
                    let a = &self.agenda[i];
                    matches(&[&a.label, &a.title, &a.index.to_string()])
                })
                .collect(),
        };
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    /// Applies a key that stays within the picker (moving, selecting, editing the query);
    /// `false` for the ones that close it or belong to the app.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::PickerDown => self.move_cursor(1),
            Action::PickerUp => self.move_cursor(-1),
            Action::PickerToggle => self.toggle_current(),
            Action::DeleteChar => {
                self.query.pop();
                self.narrow();
            }
            Action::DeleteWord | Action::ClearLine => {
                self.query.clear();
                self.narrow();
            }
            _ => return false,
        }
        true
    }

    pub(crate) fn move_cursor(&mut self, delta: isize) {
        if self.shown.is_empty() {
            return;
        }
        let len = self.shown.len() as isize;
        self.cursor = (self.cursor as isize + delta).rem_euclid(len) as usize;
    }

    /// The item under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.cursor).copied()
    }

    pub(crate) fn toggle_current(&mut self) {
        let Some(item) = self.current() else { return };
        match self.selected.iter().position(|&s| s == item) {
            Some(at) => {
                self.selected.remove(at);
            }
            None => self.selected.push(item),
        }
        self.move_cursor(1);
    }

    /// The selection, or the item under the cursor when nothing is selected.
    pub fn chosen(&self) -> Vec<usize> {
        if self.selected.is_empty() { self.current().into_iter().collect() } else { self.selected.clone() }
    }
}

/// Katakana as hiragana (readings come in either).
fn hiragana(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            c => c,
        })
        .collect()
}
