//! The API's responses, read leniently: a page of records (`numberOfRecords`,
//! `nextRecordPosition`, `meetingRecord`/`speechRecord`), the API's own error
//! (`{"message": …, "details": […]}`), or something the API does not document, which becomes a
//! [`Problem::Malformed`] with a reason. Values are kept as `serde_json::Value`: a missing field
//! or a number written as a string costs that field, never the page.

use serde_json::Value;

/// What went wrong with one request, in words a reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The server could not be reached or the connection broke (network down, refused, cut).
    Network(String),
    /// No answer within the timeout.
    Timeout(String),
    /// The API's own error message and details, as it wrote them.
    Api { status: u16, message: String, details: Vec<String> },
    /// An HTTP error without the API's error body (a proxy's page, a 502…).
    Http { status: u16, excerpt: String },
    /// A body that is not what the API documents.
    Malformed(String),
}

impl Problem {
    /// Whether the network (not the API) failed, so that cached meetings are the way on.
    pub fn is_offline(&self) -> bool {
        matches!(self, Problem::Network(_) | Problem::Timeout(_))
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::core::sanitize::escape::visible;
        match self {
            Problem::Network(why) => write!(f, "cannot reach the Diet API: {}", visible(why)),
            Problem::Timeout(why) => write!(f, "the Diet API did not answer in time: {}", visible(why)),
            Problem::Api { message, details, .. } => {
                write!(f, "the Diet API says: {}", visible(message))?;
                for detail in details {
                    write!(f, "\n  {}", visible(detail))?;
                }
                Ok(())
            }
            Problem::Http { status, excerpt } if excerpt.is_empty() => write!(f, "the Diet API answered HTTP {status}"),
            Problem::Http { status, excerpt } => {
                write!(f, "the Diet API answered HTTP {status}: {}", visible(excerpt))
            }
            Problem::Malformed(why) => write!(f, "the Diet API's answer is not what it documents: {}", visible(why)),
        }
    }
}

/// One page of records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// All records matching the search (`numberOfRecords`).
    pub total: u64,
    /// Where this page starts, from 1 (`startRecord`).
    pub start: u64,
    /// Where the next page starts (`nextRecordPosition`); `None` on the last page.
    pub next: Option<u64>,
    /// `meetingRecord` or `speechRecord`, whichever the endpoint returns.
    pub records: Vec<Value>,
}

/// Reads a response body with its HTTP status.
pub fn read(status: u16, body: &[u8]) -> Result<Page, Problem> {
    let value: Option<Value> = serde_json::from_slice(body).ok();
    if let Some(error) = value.as_ref().and_then(api_error) {
        let (message, details) = error;
        return Err(Problem::Api { status, message, details });
    }
    if !(200..300).contains(&status) {
        return Err(Problem::Http { status, excerpt: excerpt(body) });
    }
    let Some(value) = value else {
        let why = match serde_json::from_slice::<Value>(body) {
            Err(err) if body.is_empty() => format!("an empty body ({err})"),
            Err(err) => format!("not JSON ({err}): {}", excerpt(body)),
            Ok(_) => "not JSON".to_owned(),
        };
        return Err(Problem::Malformed(why));
    };
    page(&value)
}

/// A page from a JSON value of the documented shape.
fn page(value: &Value) -> Result<Page, Problem> {
    let Some(object) = value.as_object() else {
        return Err(Problem::Malformed(format!("a JSON {} where an object was expected", kind(value))));
    };
    let total = object.get("numberOfRecords").and_then(number);
    let records = match (object.get("meetingRecord"), object.get("speechRecord")) {
        (Some(Value::Array(records)), _) | (None, Some(Value::Array(records))) => records.clone(),
        (Some(other), _) | (None, Some(other)) => {
            return Err(Problem::Malformed(format!("the records are a JSON {}, not a list", kind(other))));
        }
        // No hits: the API leaves the record list out.
        (None, None) if total == Some(0) => Vec::new(),
        (None, None) => {
            return Err(Problem::Malformed(
                "neither numberOfRecords = 0 nor meetingRecord/speechRecord in the response".to_owned(),
            ));
        }
    };
    let total = total.unwrap_or(records.len() as u64);
    let start = object.get("startRecord").and_then(number).unwrap_or(1);
    // A next position that does not move forward would page for ever.
    let next = object.get("nextRecordPosition").and_then(number).filter(|&next| next > start && next <= total);
    Ok(Page { total, start, next, records })
}

/// The API's error shape: an object with `message` and no records.
fn api_error(value: &Value) -> Option<(String, Vec<String>)> {
    let object = value.as_object()?;
    if object.contains_key("meetingRecord") || object.contains_key("speechRecord") {
        return None;
    }
    let message = text(object.get("message")?)?;
    let details = match object.get("details") {
        Some(Value::Array(items)) => items.iter().filter_map(text).collect(),
        Some(other) => text(other).into_iter().collect(),
        None => Vec::new(),
    };
    Some((message, details))
}

/// A number, or a number written as a string.
pub fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string, or a number or boolean as text; `None` for null, lists and objects.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// The start of a body for a message: one line, at most 200 characters.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line = text.split(['\r', '\n']).map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut cut: String = line.chars().take(200).collect();
    if line.chars().count() > 200 {
        cut.push('…');
    }
    cut
}

/// One meeting as a search lists it (`meeting_list` record), with the speeches that matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingSummary {
    pub issue_id: String,
    pub session: Option<u64>,
    pub house: String,
    pub meeting: String,
    pub issue: String,
    /// `YYYY-MM-DD` as the API writes it.
    pub date: String,
    /// The matching speeches' `speechOrder`s, in order.
    pub speeches: Vec<u64>,
}

impl MeetingSummary {
    /// The summary of one `meetingRecord` (of `meeting_list` or `meeting`); `None` without an
    /// `issueID`, which nothing could be fetched or cached by.
    pub fn of(record: &Value) -> Option<MeetingSummary> {
        let field = |name: &str| record.get(name).and_then(text).unwrap_or_default();
        let issue_id = field("issueID");
        if issue_id.trim().is_empty() {
            return None;
        }
        let mut speeches: Vec<u64> = record
            .get("speechRecord")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|s| s.get("speechOrder").and_then(number)).collect())
            .unwrap_or_default();
        speeches.sort_unstable();
        speeches.dedup();
        Some(MeetingSummary {
            issue_id,
            session: record.get("session").and_then(number),
            house: field("nameOfHouse"),
            meeting: field("nameOfMeeting"),
            issue: field("issue"),
            date: field("date"),
            speeches,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_error_is_kept_word_for_word() {
        let body = r#"{"message":"検索条件が不正です。","details":["startRecordは1以上を指定してください。"]}"#;
        let err = read(400, body.as_bytes()).unwrap_err();
        assert_eq!(
            err,
            Problem::Api {
                status: 400,
                message: "検索条件が不正です。".into(),
                details: vec!["startRecordは1以上を指定してください。".into()]
            }
        );
    }

    #[test]
    fn zero_hits_is_an_empty_page() {
        let page = read(200, br#"{"numberOfRecords":0}"#).unwrap();
        assert_eq!(page, Page { total: 0, start: 1, next: None, records: vec![] });
    }

    #[test]
    fn a_next_position_going_backwards_ends_paging() {
        let body = br#"{"numberOfRecords":5,"startRecord":3,"nextRecordPosition":2,"meetingRecord":[]}"#;
        assert_eq!(read(200, body).unwrap().next, None);
    }

    #[test]
    fn malformed_bodies_are_diagnosed() {
        for body in [&b""[..], b"<html>busy</html>", b"[1,2]", br#"{"meetingRecord":{}}"#, br#"{"hello":1}"#] {
            assert!(matches!(read(200, body), Err(Problem::Malformed(_))), "{}", String::from_utf8_lossy(body));
        }
        assert!(matches!(read(502, b"<html>Bad gateway</html>"), Err(Problem::Http { status: 502, .. })));
    }
}
