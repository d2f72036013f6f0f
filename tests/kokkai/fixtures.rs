//! Hand-written answers in the API's documented shape (fields and nesting as in the real
//! answers of the meeting, meeting_list and speech endpoints), about fictional meetings: the
//! names, dates and words here are made up.

use serde_json::{Value, json};

/// The fictional meeting number `n`'s ID (the API's IDs are 21 letters and digits).
pub fn issue_id(n: usize) -> String {
    format!("9{n:06}X00120300110")
}

fn date(n: usize) -> String {
    format!("2030-{:02}-{:02}", 1 + (n / 28) % 12, 1 + n % 28)
}

fn meeting_fields(n: usize) -> serde_json::Map<String, Value> {
    let value = json!({
        "issueID": issue_id(n),
        "imageKind": "会議録",
        "searchObject": 0,
        "session": 300 + (n % 3),
        "nameOfHouse": if n % 2 == 0 { "衆議院" } else { "参議院" },
        "nameOfMeeting": "架空問題特別委員会",
        "issue": format!("第{}号", 1 + n % 9),
        "date": date(n),
        "closing": null,
    });
    value.as_object().cloned().unwrap_or_default()
}

/// The speeches of a fictional meeting: the record information (order 0) and three turns.
fn speeches(n: usize) -> Vec<Value> {
    let id = issue_id(n);
    let speech = |order: usize, speaker: &str, text: String| {
        json!({
            "speechID": format!("{id}_{order:03}"),
            "speechOrder": order,
            "speaker": speaker,
            "speakerYomi": null,
            "speakerGroup": null,
            "speakerPosition": null,
            "speakerRole": null,
            "speech": text,
            "startPage": 1,
            "speechURL": format!("https://example.invalid/txt/{id}/{order}"),
        })
    };
    vec![
        speech(
            0,
            "会議録情報",
            "令和十二年一月十日（木曜日）\r\n　　　午前十時開議\r\n　出席委員\r\n　　委員長　架空一郎君".to_owned(),
        ),
        speech(
            1,
            "架空一郎",
            "○委員長（架空一郎君）　これより会議を開きます。\r\n　図書館の件について審査を進めます。".to_owned(),
        ),
        speech(2, "空想花子", format!("○空想委員　図書館の蔵書を伺います。\r\n　第{n}の質問です。")),
        speech(3, "仮名次郎", "○仮名政府参考人　お答えします。\r\n　蔵書は増えております。".to_owned()),
    ]
}

/// One `meetingRecord` of the `meeting` endpoint: the meeting with every speech's text.
pub fn meeting_record(n: usize) -> Value {
    let mut fields = meeting_fields(n);
    fields.insert("speechRecord".into(), Value::Array(speeches(n)));
    Value::Object(fields)
}

/// One `meetingRecord` of `meeting_list`: the matching speeches without text.
pub fn list_record(n: usize, orders: &[usize]) -> Value {
    let mut fields = meeting_fields(n);
    let listed: Vec<Value> = speeches(n)
        .into_iter()
        .filter(|s| s["speechOrder"].as_u64().is_some_and(|o| orders.contains(&(o as usize))))
        .map(|s| json!({"speechID": s["speechID"], "speechOrder": s["speechOrder"], "speaker": s["speaker"], "speechURL": s["speechURL"]}))
        .collect();
    fields.insert("speechRecord".into(), Value::Array(listed));
    Value::Object(fields)
}

/// A page of `total` records from `start` (from 1), at most `max`, made by `record`.
pub fn page(total: usize, start: usize, max: usize, record: impl Fn(usize) -> Value) -> Value {
    let start = start.max(1);
    let end = (start + max - 1).min(total);
    let records: Vec<Value> = (start..=end).map(record).collect();
    let next = if end < total { json!(end + 1) } else { Value::Null };
    json!({
        "numberOfRecords": total,
        "numberOfReturn": records.len(),
        "startRecord": start,
        "nextRecordPosition": next,
        "meetingRecord": records,
    })
}
