//! JSON files of minutes: the Diet API's responses ([`kokkai`](crate::parse::kokkai)),
//! research corpora (`[{Date, ProceedingTitle, Proceeding: [{Speaker, Utterance}]}]`, one meeting
//! per element), flat lists of utterances or sentences, vendor APIs whose records each hold one
//! speech as HTML, caption files (`[{text, start}]`, `>>` at a change of speaker), and any other
//! list of objects with one field that names a speaker and one that holds text. JSON that is
//! none of these is shown as `key: value` lines, never as raw JSON.
//!
//! The JSON is parsed from the decoded text before sanitising (a raw U+2028 or C1 control inside
//! a string is valid JSON); every string taken from it is sanitised on the way into the model.
//! A truncated file keeps every record that was complete ([`repair`]).

pub mod captions;
pub mod repair;
pub mod tree;
pub mod utterances;

use tree::{Map, Value};

use crate::meeting::{Container, Diagnostic, DiagnosticKind, Format, HeaderSection, Meeting, Severity};
use crate::parse::kokkai;
use crate::sanitize::sanitize;

/// Whether the text starts like JSON: `{…` or `[{…`, `[]`, `["…`. `[森委員]` is a summary
/// speaker line, not JSON.
pub fn starts_like_json(text: &str) -> bool {
    let mut chars = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{feff}');
    match chars.next() {
        Some('{') => true,
        Some('[') => matches!(chars.next(), None | Some('{' | '[' | ']' | '"')),
        _ => false,
    }
}

/// Why a JSON file could not be read as JSON at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub line: Option<usize>,
    pub message: String,
}

/// Parses a JSON file (decoded, not yet sanitised). `Err` when it is not JSON even after
/// closing a truncated end; the caller then reads it as text.
pub fn parse(text: &str) -> Result<Vec<Meeting>, Unreadable> {
    let (value, mut notes) = read_value(text)?;
    let mut meetings = if kokkai::is_response(&value) {
        kokkai::parse_value(&value, text).map_err(|p| Unreadable { line: p.line, message: p.message })?
    } else if let Some(meetings) = utterances::meetings(&value, text) {
        meetings
    } else if let Some(meeting) = captions::meeting(&value) {
        vec![meeting]
    } else {
        notes.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::JsonUnrecognised,
            None,
            "JSON of no shape gijiroku knows (no speaker and text fields found); its fields are shown as text",
        ));
        vec![readable(&value)]
    };
    if meetings.is_empty() {
        meetings.push(Meeting { format: Format::Records, ..Meeting::default() });
    }
    for meeting in &mut meetings {
        meeting.container = Container::Json;
        meeting.diagnostics.splice(0..0, notes.iter().cloned());
    }
    Ok(meetings)
}

/// The value, after closing a cut-off end (with a warning) when that is what is wrong.
fn read_value(text: &str) -> Result<(Value<'_>, Vec<Diagnostic>), Unreadable> {
    let error = match Value::parse(text) {
        Ok(value) => return Ok((value, Vec::new())),
        Err(error) => error,
    };
    if error.is_eof()
        && let Some(repaired) = repair::close_truncated(text)
        && let Ok(value) = Value::parse(&repaired.text).map(Value::into_owned)
    {
        let note = Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::JsonTruncated,
            Some(error.line()),
            format!(
                "the JSON ends early (cut off at byte {}); the records complete up to byte {} are shown",
                text.len(),
                repaired.kept_until
            ),
        );
        return Ok((value, vec![note]));
    }
    // Raw control characters inside strings are not JSON; the same text without them may be.
    if error.is_syntax() {
        let clean = sanitize(text).text;
        if clean != text
            && let Ok(value) = Value::parse(&clean).map(Value::into_owned)
        {
            return Ok((value, Vec::new()));
        }
    }
    Err(Unreadable {
        line: Some(error.line()),
        message: format!("not valid JSON (line {}, column {}): {error}", error.line(), error.column()),
    })
}

/// A string as the model takes it: sanitised, trimmed.
pub fn clean(text: &str) -> String {
    sanitize(text).into_trimmed()
}

/// Text for a one-line place of the model (a label, a speaker, a header line): its lines joined
/// by a space.
pub fn one_line(text: String) -> String {
    if !text.contains('\n') {
        return text;
    }
    text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// [`scalar_text`] for a one-line place of the model.
pub(crate) fn scalar_line(value: &Value) -> Option<String> {
    scalar_text(value).map(one_line)
}

/// A scalar as text (numbers and booleans written out); `None` for null, arrays and objects.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty() && s != "null"),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Lines written for one value at most, so that a huge unknown document stays readable.
const MAX_READABLE_LINES: usize = 50_000;

/// Any JSON as `key: value` lines, nested keys indented.
fn readable(value: &Value) -> Meeting {
    let mut lines = Vec::new();
    // An explicit stack: the depth is bounded by serde_json, but this needs no recursion either.
    let mut stack: Vec<(usize, Option<String>, &Value)> = vec![(0, None, value)];
    while let Some((depth, key, value)) = stack.pop() {
        if lines.len() >= MAX_READABLE_LINES {
            break;
        }
        let indent = "  ".repeat(depth.min(20));
        let key_prefix = key.as_deref().map(|k| format!("{k}: ")).unwrap_or_default();
        match value {
            Value::Object(map) => {
                if key.is_some() {
                    lines.push(format!("{indent}{}", key_prefix.trim_end()));
                }
                let child = depth + usize::from(key.is_some());
                for (k, v) in map.iter().rev() {
                    stack.push((child, Some(clean(k)), v));
                }
            }
            Value::Array(items) => {
                if key.is_some() {
                    lines.push(format!("{indent}{}", key_prefix.trim_end()));
                }
                let child = depth + usize::from(key.is_some());
                for item in items.iter().rev() {
                    stack.push((child, Some("-".to_owned()).filter(|_| !item.is_object()), item));
                }
            }
            scalar => {
                let text = scalar_text(scalar).unwrap_or_default();
                for (n, line) in text.split('\n').enumerate() {
                    let prefix = if n == 0 { key_prefix.as_str() } else { "" };
                    lines.push(format!("{indent}{prefix}{line}"));
                }
            }
        }
    }
    let title = title_of(value).unwrap_or_else(|| "JSON document".to_owned());
    Meeting {
        title,
        date: utterances::date_of(value),
        header: vec![HeaderSection { label: String::new(), lines }],
        format: Format::Records,
        ..Meeting::default()
    }
}

/// Keys that title a meeting, in the order they are tried.
const TITLE_KEYS: &[&str] =
    &["ProceedingTitle", "title", "Title", "nameOfMeeting", "meeting_name", "meetingName", "name", "会議名", "件名"];

/// A short title field of an object.
pub(crate) fn title_of(value: &Value) -> Option<String> {
    title_in(value.as_object()?)
}

/// [`title_of`] for an object's fields.
pub(crate) fn title_in(map: &Map<'_>) -> Option<String> {
    TITLE_KEYS
        .iter()
        .filter_map(|k| map.get(k).and_then(scalar_text))
        .find(|t| t.chars().count() <= 120 && !t.contains('\n'))
}

/// Finds the source line of each record by a key or an ID written in it, moving forward through
/// the text so that locating every record costs one pass.
pub struct KeyLocator<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    /// The searcher for the last key asked: every record asks for the same one.
    finder: Option<(String, memchr::memmem::Finder<'static>)>,
}

impl<'a> KeyLocator<'a> {
    pub fn new(text: &'a str) -> Self {
        KeyLocator { text, offset: 0, line: 1, finder: None }
    }

    /// The line reached so far.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The line of the next occurrence of `needle` (a record's ID as written), moving past it;
    /// `None`, and no move, when there is none.
    pub fn find(&mut self, needle: &str) -> Option<usize> {
        let rest = self.text.get(self.offset..)?;
        let found = memchr::memmem::find(rest.as_bytes(), needle.as_bytes())?;
        self.line += memchr::memchr_iter(b'\n', &rest.as_bytes()[..found]).count();
        self.offset += found + needle.len();
        Some(self.line)
    }

    /// The line of the next `"key"`, or the current line when there is none.
    pub fn next(&mut self, key: &str) -> usize {
        let finder = match &self.finder {
            Some((known, finder)) if known == key => finder,
            _ => {
                let needle = format!("\"{key}\"");
                let finder = memchr::memmem::Finder::new(needle.as_bytes()).into_owned();
                &self.finder.insert((key.to_owned(), finder)).1
            }
        };
        let Some(rest) = self.text.get(self.offset..) else { return self.line };
        if let Some(found) = finder.find(rest.as_bytes()) {
            self.line += memchr::memchr_iter(b'\n', &rest.as_bytes()[..found]).count();
            self.offset += found + finder.needle().len();
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_json_reads_as_lines_without_json_syntax() {
        let meetings = parse(r#"{"title":"Board","items":[{"id":1,"note":"a\nb"}],"ok":true}"#).expect("json");
        let lines = &meetings[0].header[0].lines;
        assert_eq!(meetings[0].title, "Board");
        assert!(lines.iter().all(|l| !l.contains('{') && !l.contains('"')), "{lines:?}");
        assert!(lines.iter().any(|l| l.trim() == "note: a"));
    }

    #[test]
    fn raw_line_separator_in_a_string_does_not_make_json_unreadable() {
        let text = "{\"speechRecord\":[{\"speechID\":\"1\",\"issueID\":\"X\",\"speechOrder\":1,\"speaker\":\"山田太郎\",\"speech\":\"○議長（山田太郎君）　開会\u{2028}します。\u{9b}\"}]}";
        let meetings = parse(text).expect("valid JSON");
        assert_eq!(meetings[0].speech_count(), 1);
    }

    #[test]
    fn truncated_json_keeps_complete_records_and_says_where() {
        let text = r#"[{"speaker":"Ann","text":"one"},{"speaker":"Bo","text":"two"},{"speaker":"Ann","te"#;
        let meetings = parse(text).expect("repaired");
        assert_eq!(meetings[0].speech_count(), 2);
        let note = meetings[0].diagnostics.iter().find(|d| d.kind == "json_truncated").expect("a warning");
        assert!(note.message.contains("byte"), "{}", note.message);
    }

    #[test]
    fn deeply_nested_json_is_a_clear_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&text).is_err());
    }
}
