//! The meeting model: what every parser produces and everything else reads.
//!
//! A [`Meeting`] is a faithful, format-independent picture of one set of minutes: header fields,
//! the agenda, and the body as an ordered list of [`Turn`]s (speech, stage directions, procedure
//! lines). Its serde form is the public JSON interface of `gijiroku print --json`.

use std::fmt;

use serde::{Deserialize, Serialize};

mod diagnostic;
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};

/// One meeting, parsed from one file (or one `issueID` of a Diet API response).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The title as written (first line of a summary, meeting name of an API record).
    pub title: String,
    /// The date of the meeting, serialised as `"YYYY-MM-DD"`.
    pub date: Option<Date>,
    /// Start and end time where the minutes give them.
    pub time: Option<TimeRange>,
    pub place: Option<String>,
    /// Attendee names, as written, honorifics and `（敬称略）` removed.
    pub attendees: Vec<String>,
    /// Distributed materials, one entry per line of the materials section.
    pub materials: Vec<String>,
    /// The agenda items: from the order of business and the body's headings.
    pub agenda: Vec<AgendaItem>,
    /// The header as written, section by section (`1 日 時` → its lines), including sections that
    /// fill the fields above, so that nothing of the header is lost.
    pub header: Vec<HeaderSection>,
    /// Editorial notes outside any turn (`※この議事録は…`).
    pub notes: Vec<String>,
    /// The body in source order.
    pub turns: Vec<Turn>,
    /// The format the file was recognised as.
    pub format: Format,
    /// What held the minutes: plain text (left out of the JSON form), an HTML page, a JSON file.
    #[serde(default, skip_serializing_if = "Container::is_text")]
    pub container: Container,
    /// Everything the reader should know about how the file was read: repairs, recoveries, doubts.
    pub diagnostics: Vec<Diagnostic>,
}

impl Meeting {
    /// Turns that are speech (not stage directions or procedure lines).
    pub fn speeches(&self) -> impl Iterator<Item = (usize, &Turn)> {
        self.turns.iter().enumerate().filter(|(_, t)| t.kind == TurnKind::Speech)
    }

    /// Number of speech turns.
    pub fn speech_count(&self) -> usize {
        self.speeches().count()
    }

    /// Distinct speakers in order of first appearance.
    pub fn speakers(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut speakers: Vec<&str> = Vec::new();
        for (_, turn) in self.speeches() {
            if let Some(name) = turn.speaker.as_deref()
                && seen.insert(name)
            {
                speakers.push(name);
            }
        }
        speakers
    }

    /// `2024-02-09 (金) · 14:00–15:30 · オンライン開催 · 45 turns · 13 speakers · 2 agenda items`.
    pub fn summary_line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut parts = Vec::new();
        if let Some(date) = self.date {
            let weekday = if self.is_japanese() { date.weekday_ja() } else { date.weekday_en() };
            parts.push(format!("{date} ({weekday})"));
        }
        if let Some(time) = self.time {
            parts.push(time.to_string());
        }
        if let Some(place) = &self.place {
            parts.push(place.clone());
        }
        parts.push(plural(self.speech_count(), "turn"));
        parts.push(plural(self.speakers().len(), "speaker"));
        if !self.agenda.is_empty() {
            parts.push(plural(self.agenda.len(), "agenda item"));
        }
        let problems = self.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).count();
        if problems > 0 {
            parts.push(format!("{} (S)", plural(problems, "reading problem")));
        }
        parts.join(" · ")
    }

    /// Whether the minutes are written in Japanese: every format but colon notes is, and colon
    /// notes are when their title or first turns hold Japanese script. Decides the language of
    /// the weekday shown with the date.
    pub(crate) fn is_japanese(&self) -> bool {
        let japanese = |text: &str| {
            text.chars()
                .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}'))
        };
        self.format != Format::Colon
            || japanese(&self.title)
            || self
                .turns
                .iter()
                .take(5)
                .any(|t| t.label.as_deref().is_some_and(japanese) || t.paragraphs.first().is_some_and(|p| japanese(p)))
    }
}

/// A heading as shown: a Markdown ATX marker (`## `) is markup, not text, and is dropped; the
/// model keeps the heading as written.
fn without_markdown_marker(heading: &str) -> &str {
    let rest = heading.trim_start_matches('#');
    let marks = heading.len() - rest.len();
    if (1..=6).contains(&marks) && rest.starts_with([' ', '\t', '\u{3000}']) { rest.trim_start() } else { heading }
}

/// A reference to one piece of text in a meeting, in the order a reader meets them. Its serde
/// form is part of the remembered-state file (`state.json`), so variants keep their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextRef {
    Title,
    /// The label of header section `n`.
    HeaderLabel(usize),
    /// Line `line` of header section `section`.
    HeaderLine {
        section: usize,
        line: usize,
    },
    Note(usize),
    /// The heading of agenda item `n` as written in the body, or its label and title.
    AgendaHeading(usize),
    /// The speaker label of turn `n`.
    Label(usize),
    Paragraph {
        turn: usize,
        paragraph: usize,
    },
}

impl Meeting {
    /// The text a reference points at; empty for a reference that does not exist.
    pub fn text(&self, text: TextRef) -> &str {
        let found = match text {
            TextRef::Title => Some(self.title.as_str()),
            TextRef::HeaderLabel(n) => self.header.get(n).map(|s| s.label.as_str()),
            TextRef::HeaderLine { section, line } => {
                self.header.get(section).and_then(|s| s.lines.get(line)).map(String::as_str)
            }
            TextRef::Note(n) => self.notes.get(n).map(String::as_str),
            TextRef::AgendaHeading(n) => {
                self.agenda.get(n).map(|a| a.heading.as_deref().map_or(a.title.as_str(), without_markdown_marker))
            }
            TextRef::Label(n) => self.turns.get(n).and_then(|t| t.label.as_deref()),
            TextRef::Paragraph { turn, paragraph } => {
                self.turns.get(turn).and_then(|t| t.paragraphs.get(paragraph)).map(String::as_str)
            }
        };
        found.unwrap_or("")
    }

    /// Every piece of text in reading order: title, header, notes, then the body with each agenda
    /// heading before the first turn of its item. Layout and search both walk this order, so
    /// that `n` moves through hits in the order the reader shows them.
    pub fn reading_order(&self) -> Vec<TextRef> {
        let mut order = vec![TextRef::Title];
        for (n, section) in self.header.iter().enumerate() {
            order.push(TextRef::HeaderLabel(n));
            order.extend((0..section.lines.len()).map(|line| TextRef::HeaderLine { section: n, line }));
        }
        order.extend((0..self.notes.len()).map(TextRef::Note));
        let mut agenda_shown = vec![false; self.agenda.len()];
        for (n, turn) in self.turns.iter().enumerate() {
            if let Some(item) = turn.agenda
                && let Some(shown) = agenda_shown.get_mut(item)
                && !*shown
            {
                *shown = true;
                order.push(TextRef::AgendaHeading(item));
            }
            if turn.label.is_some() {
                order.push(TextRef::Label(n));
            }
            order.extend((0..turn.paragraphs.len()).map(|paragraph| TextRef::Paragraph { turn: n, paragraph }));
        }
        order
    }
}

/// One agenda item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The item's ordinal as numbered in the minutes (① and （1） and 日程第１ are all 1).
    pub number: u32,
    /// The number as written: `①`, `日程第１`, `2.`.
    pub label: String,
    pub title: String,
    /// The heading that opens the item in the body, as written (`議事①…について`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

/// One section of the header as written: its label line and the lines under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderSection {
    /// The label as written (`1 日 時`, `出席議員（12名）`); empty for loose header lines.
    pub label: String,
    pub lines: Vec<String>,
}

/// One entry of the body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub kind: TurnKind,
    /// The speaker label as written (`議長（山田太郎君）`, `森委員`); `None` for non-speech.
    pub label: Option<String>,
    /// Who speaks: the person's name where the label gives one (`山田太郎`), else the label
    /// without honorifics (`森委員`). Stable across a meeting, so it identifies the speaker.
    pub speaker: Option<String>,
    /// The position or title in the label (`議長`, `委員`, `11番`, `市長`).
    pub position: Option<String>,
    pub role: Role,
    /// Reading of the name in hiragana where the source gives it (Diet API `speakerYomi`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yomi: Option<String>,
    /// Parliamentary group where the source gives it (Diet API `speakerGroup`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Index into [`Meeting::agenda`]; `None` before the first item.
    pub agenda: Option<usize>,
    pub paragraphs: Vec<String>,
    /// First and last source line (1-based, inclusive).
    pub lines: LineRange,
}

impl Turn {
    /// Total characters of speech, used for shares and statistics.
    pub fn char_count(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }
}

/// What a body entry is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnKind {
    /// Someone speaks.
    #[default]
    Speech,
    /// `〔拍手〕`, `〔市長　櫻田　宏　登壇〕`, `（「異議なし」と呼ぶ者あり）`.
    Stage,
    /// `午前10時開議`, `―――◇―――`, `散会`.
    Procedure,
}

/// The speaker's part in the meeting, decided from the words of the label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 議長, 委員長, 会長, Chair.
    Chair,
    /// 委員, 議員, N番.
    Member,
    /// 市長, 部長, 局長, 課, 事務局, 政府参考人, 大臣.
    Official,
    #[default]
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Member => "member",
            Role::Official => "official",
            Role::Other => "other",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Source lines, 1-based and inclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

impl LineRange {
    pub fn new(first: usize, last: usize) -> Self {
        LineRange { first, last: last.max(first) }
    }
}

/// A calendar date (proleptic Gregorian), serialised as `"YYYY-MM-DD"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date if the fields make a real calendar day.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid_day = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => day <= 31,
            4 | 6 | 9 | 11 => day <= 30,
            2 => day <= if is_leap_year(year) { 29 } else { 28 },
            _ => false,
        };
        (valid_day && day >= 1 && (1..=9999).contains(&year)).then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The day of the week as written in Japanese dates (月…日).
    pub fn weekday_ja(&self) -> &'static str {
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        ["木", "金", "土", "日", "月", "火", "水"][days.rem_euclid(7) as usize]
    }

    /// The day of the week in English (`Mon`…`Sun`).
    pub(crate) fn weekday_en(&self) -> &'static str {
        let ja = ["月", "火", "水", "木", "金", "土", "日"];
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        ja.iter().position(|d| *d == self.weekday_ja()).map_or("", |i| en[i])
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).ok_or_else(|| serde::de::Error::custom("expected YYYY-MM-DD"))
    }
}

/// A time of day, serialised as `"HH:MM"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

impl Time {
    pub fn new(hour: u32, minute: u32) -> Option<Time> {
        (hour <= 24 && minute < 60).then_some(Time { hour: hour as u8, minute: minute as u8 })
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let (h, m) = text.split_once(':').ok_or_else(|| serde::de::Error::custom("expected HH:MM"))?;
        let parsed = h.parse().ok().zip(m.parse().ok()).and_then(|(h, m)| Time::new(h, m));
        parsed.ok_or_else(|| serde::de::Error::custom("expected HH:MM"))
    }
}

/// Start and (optional) end of the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    pub start: Time,
    pub end: Option<Time>,
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(end) => write!(f, "{}–{}", self.start, end),
            None => write!(f, "{}", self.start),
        }
    }
}

/// The formats gijiroku recognises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Committee summary with `[speaker]` lines (議事要旨).
    #[default]
    Summary,
    /// Verbatim assembly minutes with `○speaker　speech` lines (会議録).
    Verbatim,
    /// `Name: text` notes and Markdown meeting notes.
    Colon,
    /// JSON from the National Diet Library minutes API.
    Kokkai,
    /// IRC and chat logs, scribed or not (`12:01:33 <nick> text`).
    Chat,
    /// Records that each hold one utterance (research corpora, vendor APIs, caption files) or
    /// speaker markup read from an HTML page.
    Records,
}

/// The container the minutes text was taken out of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    #[default]
    Text,
    Html,
    Json,
}

impl Container {
    pub(crate) fn is_text(&self) -> bool {
        *self == Container::Text
    }
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Summary => "summary",
            Format::Verbatim => "verbatim",
            Format::Colon => "colon",
            Format::Kokkai => "kokkai",
            Format::Chat => "chat",
            Format::Records => "records",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_rejects_impossible_days() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 4, 31).is_none());
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(2024, 2, 9).unwrap().weekday_ja(), "金");
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday_ja(), "木");
        assert_eq!(Date::new(2026, 11, 25).unwrap().weekday_ja(), "水");
        assert_eq!(Date::new(2024, 3, 19).unwrap().weekday_en(), "Tue");
    }

    #[test]
    fn date_round_trips_through_json() {
        let date = Date::new(2024, 2, 9).unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2024-02-09\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
    }
}
