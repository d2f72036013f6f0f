//! JSON from the National Diet Library minutes API (国会会議録検索システム): the `meeting`
//! endpoint (`{meetingRecord: [{…, speechRecord: […]}]}`) and the `speech` endpoint
//! (`{speechRecord: [{…meeting fields…}]}`). One [`Meeting`] per `issueID`; speechOrder 0
//! (`会議録情報`) is the header; every other record is one speech turn.
//!
//! The JSON is read as a [`Value`] tree rather than typed structs so that a missing
//! field, a number written as a string or an unknown field never rejects a whole response.

pub mod header;

use crate::parse::json::tree::Value;

use crate::meeting::{
    Date, Diagnostic, DiagnosticKind, Format, LineRange, Meeting, Role, Severity, TimeRange, Turn, TurnKind,
};
use crate::parse::date::find_time_range;
use crate::parse::json::KeyLocator;
use rustc_hash::FxHashMap;

use crate::parse::label::{LabelCache, role_of};
use crate::parse::lines::{is_procedure, is_speaker_marker};
use crate::parse::verbatim::{is_speaker_label, speaker_line_judged};
use crate::sanitize::sanitize;

/// Why the text could not be read as a Diet API response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    pub line: Option<usize>,
    pub message: String,
}

/// Parses a response. `Err` when the text is not JSON or not of either endpoint's shape; the
/// caller then reads it as text.
pub fn parse(text: &str) -> Result<Vec<Meeting>, JsonProblem> {
    let value = Value::parse(text).map_err(|e| JsonProblem {
        line: Some(e.line()),
        message: format!("not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
    })?;
    parse_value(&value, text)
}

/// Whether a JSON value is a response of either endpoint.
pub(crate) fn is_response(value: &Value) -> bool {
    value.get("meetingRecord").is_some_and(Value::is_array) || value.get("speechRecord").is_some_and(Value::is_array)
}

/// Reads a response already parsed; `text` is its source, for the records' line numbers.
pub(crate) fn parse_value(value: &Value, text: &str) -> Result<Vec<Meeting>, JsonProblem> {
    let mut locator = KeyLocator::new(text);
    let mut known = Known::default();
    let meetings = if let Some(records) = value.get("meetingRecord").and_then(Value::as_array) {
        records
            .iter()
            .map(|record| meeting_from(record, locate(record_speeches(record), &mut locator), &mut known))
            .collect()
    } else if let Some(speeches) = value.get("speechRecord").and_then(Value::as_array) {
        // Located in file order first: grouping by issue may reorder them.
        let located = locate(speeches.iter().collect(), &mut locator);
        let groups = by_issue(located);
        groups
            .into_iter()
            .filter_map(|group| {
                let fields = group.first()?.0;
                Some(meeting_from(fields, group, &mut known))
            })
            .collect()
    } else {
        return Err(JsonProblem {
            line: None,
            message: "JSON without meetingRecord or speechRecord is not a Diet API response".to_owned(),
        });
    };
    let mut meetings: Vec<Meeting> = meetings;
    if meetings.is_empty() {
        let mut empty = Meeting { format: Format::Kokkai, ..Meeting::default() };
        empty.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::NoRecords,
            None,
            "the response holds no records",
        ));
        meetings.push(empty);
    }
    Ok(meetings)
}

fn record_speeches<'v>(record: &'v Value<'v>) -> Vec<&'v Value<'v>> {
    record.get("speechRecord").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
}

/// Each record with its source line, found by its `speechID`.
fn locate<'v>(speeches: Vec<&'v Value<'v>>, locator: &mut KeyLocator<'_>) -> Vec<(&'v Value<'v>, usize)> {
    speeches
        .into_iter()
        .map(|s| (s, text_field(s, "speechID").and_then(|id| locator.find(&id)).unwrap_or(locator.line())))
        .collect()
}

/// Speech records grouped by `issueID`, groups in order of first appearance.
fn by_issue<'v>(speeches: Vec<(&'v Value<'v>, usize)>) -> Vec<Vec<(&'v Value<'v>, usize)>> {
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut groups: Vec<Vec<(&Value, usize)>> = Vec::new();
    for speech in speeches {
        let issue = text_field(speech.0, "issueID").unwrap_or_default();
        let at = *index.entry(issue).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(at) {
            group.push(speech);
        }
    }
    groups
}

/// One meeting from its meeting fields (`meeting`) and its speech records.
fn meeting_from(meeting_fields: &Value, speeches: Vec<(&Value, usize)>, known: &mut Known) -> Meeting {
    let mut meeting = Meeting { format: Format::Kokkai, title: title(meeting_fields), ..Meeting::default() };
    meeting.date = text_field(meeting_fields, "date").and_then(|d| Date::parse_iso(&d));
    let mut located: Vec<(i64, usize, &Value)> = speeches.into_iter().map(|(s, line)| (order_of(s), line, s)).collect();
    located.sort_by_key(|(order, _, _)| *order);
    for (order, line, speech) in located {
        let text = speech_text(speech).unwrap_or_default();
        let speaker = text_field(speech, "speaker");
        if order == 0 || speaker.as_deref() == Some("会議録情報") {
            header::apply(&mut meeting, &text);
        } else {
            meeting.turns.push(turn_from(speech, &text, line, known));
        }
    }
    header::assign_agenda(&mut meeting);
    fill_end_time(&mut meeting);
    meeting
}

/// `第213回国会 衆議院 予算委員会 第5号`, leaving out what the record lacks.
fn title(fields: &Value) -> String {
    let session = text_field(fields, "session").map(|s| format!("第{s}回国会"));
    let parts =
        [session, text_field(fields, "nameOfHouse"), text_field(fields, "nameOfMeeting"), text_field(fields, "issue")];
    parts.into_iter().flatten().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

fn order_of(speech: &Value) -> i64 {
    match speech.get("speechOrder") {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(i64::MAX),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(i64::MAX),
        _ => i64::MAX,
    }
}

/// One speech turn: the `○肩書（氏名君）　` prefix becomes the label, each line a paragraph.
fn turn_from(speech: &Value, text: &str, line: usize, known: &mut Known) -> Turn {
    let mut lines = text.split('\n').map(str::trim_end);
    let first = lines.next().unwrap_or_default();
    let (label, first_text) = match speaker_line_judged(first, &mut |label| known.is_label(label)) {
        Some(s) => (Some(s.label.to_owned()), s.speech),
        None if first.starts_with(is_speaker_marker) && first.contains('\u{3000}') => {
            let (label, rest) = first.split_once('\u{3000}').unwrap_or((first, ""));
            (Some(label.chars().skip(1).collect::<String>()), rest)
        }
        None => (None, first),
    };
    let mut paragraphs: Vec<String> = Vec::new();
    if !first_text.trim().is_empty() {
        paragraphs.push(first_text.to_owned());
    }
    paragraphs.extend(lines.filter(|l| !l.trim().is_empty()).map(str::to_owned));
    let speaker = text_field(speech, "speaker").filter(|s| !s.is_empty());
    let label_info = label.as_deref().map(|l| known.labels.analyze(l));
    let position = text_field(speech, "speakerPosition")
        .or_else(|| text_field(speech, "speakerRole"))
        .or_else(|| label_info.as_ref().and_then(|i| i.position.clone()))
        .filter(|p| !p.is_empty());
    let label_text = label.clone().or_else(|| speaker.clone()).unwrap_or_default();
    let mut role = known.role(position.as_deref().unwrap_or(""), &label_text);
    if role == Role::Other
        && let Some(info) = &label_info
    {
        role = info.role;
    }
    Turn {
        kind: TurnKind::Speech,
        speaker: speaker.or_else(|| label_info.map(|i| i.speaker)).or_else(|| Some(label_text.clone())),
        label: Some(label_text),
        position,
        role,
        yomi: text_field(speech, "speakerYomi").filter(|s| !s.is_empty()),
        group: text_field(speech, "speakerGroup").filter(|s| !s.is_empty()),
        agenda: None,
        paragraphs,
        lines: LineRange::new(line, line),
    }
}

/// Labels and roles already worked out: a response names a few dozen people hundreds of times.
#[derive(Default)]
struct Known {
    labels: LabelCache,
    /// By position, then label.
    roles: FxHashMap<String, FxHashMap<String, Role>>,
    /// [`is_speaker_label`]'s verdicts.
    verdicts: FxHashMap<String, bool>,
}

impl Known {
    fn is_label(&mut self, label: &str) -> bool {
        if let Some(verdict) = self.verdicts.get(label) {
            return *verdict;
        }
        let verdict = is_speaker_label(label);
        self.verdicts.insert(label.to_owned(), verdict);
        verdict
    }

    fn role(&mut self, position: &str, label: &str) -> Role {
        if let Some(role) = self.roles.get(position).and_then(|by_label| by_label.get(label)) {
            return *role;
        }
        let role = role_of(position, label);
        self.roles.entry(position.to_owned()).or_default().insert(label.to_owned(), role);
        role
    }
}

/// The end time from `午前十一時十二分散会`, a paragraph near the end of the last speeches.
fn fill_end_time(meeting: &mut Meeting) {
    let paragraphs = meeting.turns.iter().rev().flat_map(|t| t.paragraphs.iter().rev());
    let end = paragraphs
        .filter(|p| ["散会", "閉会", "延会"].iter().any(|w| p.contains(w)) && is_procedure(p))
        .find_map(|p| find_time_range(p))
        .map(|t| t.start);
    if let (Some(time), Some(end)) = (&mut meeting.time, end)
        && end >= time.start
    {
        *time = TimeRange { start: time.start, end: Some(end) };
    }
}

/// A one-line field (a name, a position, a part of the title), numbers written as text,
/// sanitised like any other text of the model; a line break in it becomes a space.
fn text_field(value: &Value, key: &str) -> Option<String> {
    field(value, key).map(crate::parse::json::one_line)
}

/// The speech itself, its lines kept.
fn speech_text(value: &Value) -> Option<String> {
    field(value, "speech")
}

fn field(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(sanitize(s).into_trimmed()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
