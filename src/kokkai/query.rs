//! Search conditions and the request URLs made from them. The API takes every condition as a
//! query parameter on a GET; the same conditions work on all three endpoints, only the
//! maximum number of records per request differs.

use crate::core::meeting::Date;

/// The three endpoints of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// One record per matching speech, with its text (発言単位出力).
    Speech,
    /// One record per matching meeting, listing its matching speeches without text (会議単位簡易出力).
    MeetingList,
    /// One record per matching meeting with every speech's text (会議単位出力).
    Meeting,
}

impl Endpoint {
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Speech => "speech",
            Endpoint::MeetingList => "meeting_list",
            Endpoint::Meeting => "meeting",
        }
    }

    /// The most records the API returns per request: asking for them all means the fewest
    /// requests, which is what the NDL asks of clients.
    pub(crate) fn max_records(self) -> u32 {
        match self {
            Endpoint::Speech | Endpoint::MeetingList => 100,
            Endpoint::Meeting => 10,
        }
    }
}

/// The houses the API knows (`nameOfHouse`).
pub(crate) const HOUSES: [&str; 4] = ["衆議院", "参議院", "両院", "両院協議会"];

/// Search conditions; empty fields are left out of the request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Words that must all occur in a speech (`any`, space-separated on the wire).
    pub any: Vec<String>,
    pub speaker: Option<String>,
    /// One of [`HOUSES`].
    pub house: Option<String>,
    /// A meeting name such as 予算委員会 (`nameOfMeeting`; the API matches parts of names).
    pub meeting: Option<String>,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// The Diet session numbers (国会回次), inclusive.
    pub session_from: Option<u32>,
    pub session_to: Option<u32>,
    /// One meeting by its ID (`issueID`), to download it whole.
    pub issue_id: Option<String>,
}

impl Query {
    /// A query for exactly one meeting.
    pub fn issue(issue_id: &str) -> Query {
        Query { issue_id: Some(issue_id.to_owned()), ..Query::default() }
    }

    /// The parameters, in a fixed order (so the same query is the same URL).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        let words: Vec<&str> = self.any.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect();
        if !words.is_empty() {
            params.push(("any", words.join(" ")));
        }
        let texts = [("speaker", &self.speaker), ("nameOfHouse", &self.house), ("nameOfMeeting", &self.meeting)];
        for (name, value) in texts {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                params.push((name, value.to_owned()));
            }
        }
        if let Some(from) = self.from {
            params.push(("from", from.to_string()));
        }
        if let Some(until) = self.until {
            params.push(("until", until.to_string()));
        }
        if let Some(session) = self.session_from {
            params.push(("sessionFrom", session.to_string()));
        }
        if let Some(session) = self.session_to {
            params.push(("sessionTo", session.to_string()));
        }
        if let Some(id) = self.issue_id.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            params.push(("issueID", id.to_owned()));
        }
        params
    }

    /// Whether no condition is set: the API refuses such a search, so the caller asks for one.
    pub fn is_empty(&self) -> bool {
        self.params().is_empty()
    }
}

/// The request URL: `<base>/<endpoint>?<conditions>&startRecord=…&maximumRecords=…&recordPacking=json`.
/// `start` counts from 1, as the API's `startRecord` does.
pub fn url(base: &str, endpoint: Endpoint, query: &Query, start: u64, max: u32) -> String {
    let mut url = format!("{}/{}?", base.trim_end_matches('/'), endpoint.path());
    let mut params = query.params();
    params.push(("startRecord", start.max(1).to_string()));
    params.push(("maximumRecords", max.clamp(1, endpoint.max_records()).to_string()));
    params.push(("recordPacking", "json".to_owned()));
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            url.push('&');
        }
        url.push_str(name);
        url.push('=');
        url.push_str(&percent_encode(value));
    }
    url
}

/// Percent-encodes everything but RFC 3986's unreserved characters (UTF-8 bytes, upper-case hex).
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reads a date for `--from`/`--until`: `2024-10-04`, `2024/10/4`, `令和6年10月4日`, `令和六年十月四日`
/// (the parser's date reader, so the same eras and numerals). `None` when no whole date is found.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    crate::core::parse::date::find_date(text)
}

/// Reads `--session`: `208`, or a range `200-210` (also with `..` or `〜`).
pub(crate) fn parse_sessions(text: &str) -> Result<(u32, u32), String> {
    let text = text.trim();
    let number = |s: &str| {
        s.trim().parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            format!("`{text}` is not a session number (第N回国会: a number from 1) or a range like 200-210")
        })
    };
    let (from, to) = match text.split_once("..").or_else(|| text.split_once('〜')).or_else(|| text.split_once('-')) {
        Some((from, to)) => (number(from)?, number(to)?),
        None => {
            let n = number(text)?;
            (n, n)
        }
    };
    if from > to { Err(format!("`{text}`: the first session is after the last")) } else { Ok((from, to)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encodes_japanese_conditions_and_clamps_the_maximum() {
        let query = Query {
            any: vec!["科学 技術".into()],
            house: Some("衆議院".into()),
            from: Date::new(2024, 1, 2),
            ..Query::default()
        };
        let url = url("http://127.0.0.1:1/api/", Endpoint::Meeting, &query, 0, 100);
        assert_eq!(
            url,
            "http://127.0.0.1:1/api/meeting?any=%E7%A7%91%E5%AD%A6%20%E6%8A%80%E8%A1%93&nameOfHouse=%E8%A1%86%E8%AD%B0%E9%99%A2&from=2024-01-02&startRecord=1&maximumRecords=10&recordPacking=json"
        );
    }

    #[test]
    fn sessions_are_one_number_or_a_range() {
        assert_eq!(parse_sessions("208"), Ok((208, 208)));
        assert_eq!(parse_sessions("200-210"), Ok((200, 210)));
        assert_eq!(parse_sessions("200..210"), Ok((200, 210)));
        assert!(parse_sessions("210-200").is_err());
        assert!(parse_sessions("0").is_err());
        assert!(parse_sessions("abc").is_err());
    }

    #[test]
    fn dates_accept_the_japanese_era() {
        assert_eq!(parse_date("令和6年10月4日"), Date::new(2024, 10, 4));
        assert_eq!(parse_date("2024-10-04"), Date::new(2024, 10, 4));
        assert_eq!(parse_date("someday"), None);
    }

    #[test]
    fn an_empty_query_has_no_parameters() {
        let query = Query { any: vec![" ".into()], speaker: Some(String::new()), ..Query::default() };
        assert!(query.is_empty());
    }
}
