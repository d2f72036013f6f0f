//! Focused tests per format on small texts of our own: label shapes, headings against speakers,
//! stage and procedure lines, colons that are not speakers, Diet API records, detection and the
//! fallback from broken JSON.

use gijiroku::core::meeting::{Format, Meeting, Role, Severity, TurnKind};
use gijiroku::core::parse::{detect, parse_text};

fn one(text: &str) -> Meeting {
    let mut meetings = parse_text(text);
    assert_eq!(meetings.len(), 1, "one meeting expected");
    meetings.remove(0)
}

fn kinds(meeting: &Meeting) -> Vec<(TurnKind, Option<&str>)> {
    meeting.turns.iter().map(|t| (t.kind, t.speaker.as_deref())).collect()
}

// --- verbatim ---------------------------------------------------------------------------

const ASSEMBLY: &str = "架空町議会定例会会議録（第１号）

令和６年３月１日（金曜日）

議事日程（第１号）
第１　会議録署名議員の指名
第２　町長の行政報告

出席議員（４名）
　　１番　　青　木　　　豊　君　　　　２番　　井　口　花　子　君
　　３番　　上　村　健　太　君　　　　４番　　江　藤　　　匠　君

説明のため出席した者
　町長　　　　　　大　川　　進　　　総務課長　　　　小　西　　悟

午前10時　開議
○議長（江藤匠君）　ただいまから本日の会議を開きます。
―――◇―――
◎日程第１　会議録署名議員の指名
○議長（江藤匠君）　日程第１、会議録署名議員の指名を行います。
　１番青木豊議員、２番井口花子議員を指名します。
△委員会報告について
○議長（江藤匠君）　委員会の報告を求めます。
◎日程第２　町長の行政報告
〔町長　大川　進　登壇〕
◎町長（大川　進）　行政報告を申し上げます。（発言する者あり）
　防災倉庫の整備が終わりました。
（「異議なし」と呼ぶ者あり）
午前10時42分散会
";

#[test]
fn verbatim_header_is_read_into_fields_and_sections() {
    let m = one(ASSEMBLY);
    assert_eq!(m.format, Format::Verbatim);
    assert_eq!(m.title, "架空町議会定例会会議録（第１号）");
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2024-03-01"));
    assert_eq!(m.time.map(|t| t.to_string()).as_deref(), Some("10:00–10:42"));
    assert_eq!(m.attendees, ["青木豊", "井口花子", "上村健太", "江藤匠"]);
    let labels: Vec<&str> = m.header.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["", "議事日程（第１号）", "出席議員（４名）", "説明のため出席した者"]);
}

#[test]
fn verbatim_headings_are_told_from_speakers_by_shape() {
    let m = one(ASSEMBLY);
    let agenda: Vec<(&str, Option<&str>)> = m.agenda.iter().map(|a| (a.title.as_str(), a.heading.as_deref())).collect();
    assert_eq!(
        agenda,
        [
            ("会議録署名議員の指名", Some("◎日程第１　会議録署名議員の指名")),
            ("委員会報告について", Some("△委員会報告について")),
            ("町長の行政報告", Some("◎日程第２　町長の行政報告")),
        ]
    );
    let mayor = m.turns.iter().find(|t| t.speaker.as_deref() == Some("大川進")).expect("◎町長 is a speaker");
    assert_eq!((mayor.position.as_deref(), mayor.role), (Some("町長"), Role::Official));
    assert_eq!(mayor.agenda, Some(2));
    assert_eq!(mayor.paragraphs, ["行政報告を申し上げます。（発言する者あり）", "　防災倉庫の整備が終わりました。"]);
}

#[test]
fn verbatim_stage_directions_and_procedure_lines_are_their_own_kinds() {
    let m = one(ASSEMBLY);
    assert_eq!(
        kinds(&m),
        [
            (TurnKind::Procedure, None),
            (TurnKind::Speech, Some("江藤匠")),
            (TurnKind::Procedure, None),
            (TurnKind::Speech, Some("江藤匠")),
            (TurnKind::Speech, Some("江藤匠")),
            (TurnKind::Stage, None),
            (TurnKind::Speech, Some("大川進")),
            (TurnKind::Stage, None),
            (TurnKind::Procedure, None),
        ]
    );
}

#[test]
fn verbatim_label_shapes() {
    let cases: &[(&str, &str, Option<&str>, Role)] = &[
        ("○議長（山田太郎君）　発言。", "山田太郎", Some("議長"), Role::Chair),
        ("○議長（清野一榮議員）　発言。", "清野一榮", Some("議長"), Role::Chair),
        ("◎市長（櫻田　宏）　発言。", "櫻田宏", Some("市長"), Role::Official),
        ("○おのせ康裕議長　発言。", "おのせ康裕", Some("議長"), Role::Chair),
        ("○（伊藤よしのり議長）　発言。", "伊藤よしのり", Some("議長"), Role::Chair),
        ("○中川（宏）委員　発言。", "中川（宏）委員", Some("委員"), Role::Member),
        ("○藤川政人君　発言。", "藤川政人", None, Role::Member),
        ("◆11番（河本晋一君）　発言。", "河本晋一", Some("11番"), Role::Member),
        ("○４番（野崎喜彦君）　発言。", "野崎喜彦", Some("４番"), Role::Member),
        ("○岩 井 英 明君　発言。", "岩井英明", None, Role::Member),
        ("●総務部長（田中一郎）　発言。", "田中一郎", Some("総務部長"), Role::Official),
        ("〇副市長（長谷川　亮）　発言。", "長谷川亮", Some("副市長"), Role::Official),
    ];
    for (line, speaker, position, role) in cases {
        // Two speaker lines so that detection sees a verbatim text.
        let text = format!("会議録\n\n{line}\n○議長（山田太郎君）　以上です。\n");
        let m = one(&text);
        assert_eq!(m.format, Format::Verbatim, "{line}");
        let turn = &m.turns[0];
        assert_eq!(turn.speaker.as_deref(), Some(*speaker), "{line}");
        assert_eq!(turn.position.as_deref(), *position, "{line}");
        assert_eq!(turn.role, *role, "{line}");
        assert_eq!(turn.paragraphs, ["発言。"], "{line}");
    }
}

// --- colon ------------------------------------------------------------------------------

#[test]
fn colon_labels_that_are_not_speakers_stay_text() {
    let text = "# Interop call

Date: 2025-03-14
Attendees: Rod Vagg (chair), Ben Noordhuis

## Updates

Rod: Welcome. Two items today.

Since last IETF:
* the draft moved to last call
* see https://example.invalid/draft

Open issues:
- naming

* **Ben**: I can take the naming issue.
- Rod/Ben: We will pair on it at 10:30 tomorrow.
Action items: Ben to write it up.
Note: nothing else.
";
    let m = one(text);
    assert_eq!(m.format, Format::Colon);
    assert_eq!(m.title, "Interop call");
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2025-03-14"));
    assert_eq!(m.attendees, ["Rod Vagg", "Ben Noordhuis"]);
    assert_eq!(m.agenda.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["Updates"]);
    let speakers: Vec<&str> = m.speeches().filter_map(|(_, t)| t.speaker.as_deref()).collect();
    assert_eq!(speakers, ["Rod", "Ben", "Rod/Ben"]);
    // `Since last IETF:` after Rod's turn heads a note of its own, not Rod's words (issue 12).
    let rod = &m.turns[0];
    assert!(!rod.paragraphs.iter().any(|p| p == "Since last IETF:"), "{:?}", rod.paragraphs);
    let note = &m.turns[1];
    assert_eq!((note.kind, note.speaker.as_deref()), (TurnKind::Procedure, None));
    assert_eq!(note.paragraphs.first().map(String::as_str), Some("Since last IETF:"));
    let last = m.turns.last().expect("turns");
    assert!(last.paragraphs.iter().any(|p| p.starts_with("Action items:")), "{:?}", last.paragraphs);
}

#[test]
fn colon_japanese_labels_timestamps_and_header() {
    let text = "交通安全協議会　議事メモ

日時：2025年1月20日（月）10:00～11:00
出席者：森（会長）、林、堀
議題：1．通学路について　2．その他
注意：要点のみ記録した。

(10:00)
会長(森君):開会します。
林委員：通学路の点検結果を報告します。
議題：通学路について
栄養士：一点目。
栄養士：二点目。
（異議なし）
(11:00)
";
    let m = one(text);
    assert_eq!(m.format, Format::Colon);
    assert_eq!(m.time.map(|t| t.to_string()).as_deref(), Some("10:00–11:00"));
    assert_eq!(m.attendees, ["森", "林", "堀"]);
    assert_eq!(m.agenda.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["通学路について", "その他"]);
    assert!(m.header.iter().any(|s| s.label == "注意"));
    let turns: Vec<(TurnKind, Option<&str>)> = kinds(&m);
    assert_eq!(
        turns,
        [
            (TurnKind::Procedure, None),
            (TurnKind::Speech, Some("森")),
            (TurnKind::Speech, Some("林委員")),
            (TurnKind::Speech, Some("栄養士")),
            (TurnKind::Speech, Some("栄養士")),
            (TurnKind::Stage, None),
            (TurnKind::Procedure, None),
        ]
    );
    // `議題：…` in the body is the 林委員's text, not a speaker.
    assert_eq!(m.turns[2].paragraphs.len(), 2);
}

// --- kokkai -----------------------------------------------------------------------------

const MEETING_JSON: &str = r#"{"numberOfRecords": 1, "extra": {"ignored": true}, "meetingRecord": [{
  "issueID": "X1", "session": 999, "nameOfHouse": "衆議院", "nameOfMeeting": "架空委員会", "issue": "第1号",
  "date": "2030-01-02", "closing": null, "speechRecord": [
    {"speechID": "X1_000", "speechOrder": 0, "speaker": "会議録情報",
     "speech": "令和十二年一月二日（水曜日）\r\n    午前九時開議\r\n 出席委員\r\n   委員長 青山 一郎君\r\n   理事 赤井 二郎君\r\n 出席国務大臣\r\n       架空大臣 黄田 三郎君\r\n    ―――――――――――――\r\n本日の会議に付した案件\r\n 架空事業に関する件\r\n    ―――――――――――――"},
    {"speechID": "X1_001", "speechOrder": 1, "speaker": "青山一郎", "speakerYomi": "あおやまいちろう",
     "speakerGroup": "架空党", "speakerPosition": "委員長", "speakerRole": null,
     "speech": "○青山委員長　これより会議を開きます。\r\n　架空事業に関する件を議題とします。\r\n　〔拍手〕"},
    {"speechID": "X1_002", "speechOrder": "2", "speaker": "黄田三郎", "speakerPosition": "架空大臣",
     "speech": "○国務大臣（黄田三郎君）　お答えします。\r\n　以上です。\r\n　午前九時三十分散会"},
    {"speechID": "X1_003", "speechOrder": 3, "speech": "○赤井二郎君　質問します。"}
  ]}]}"#;

#[test]
fn kokkai_meeting_endpoint() {
    let m = one(MEETING_JSON);
    assert_eq!(m.format, Format::Kokkai);
    assert_eq!(m.title, "第999回国会 衆議院 架空委員会 第1号");
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2030-01-02"));
    assert_eq!(m.time.map(|t| t.to_string()).as_deref(), Some("09:00–09:30"));
    assert_eq!(m.attendees, ["青山一郎", "赤井二郎"], "ministers are not attendance");
    assert_eq!(m.agenda.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["架空事業に関する件"]);
    assert_eq!(m.turns.len(), 3, "speechOrder 0 is the header");
    let chair = &m.turns[0];
    assert_eq!(chair.label.as_deref(), Some("青山委員長"));
    assert_eq!(chair.speaker.as_deref(), Some("青山一郎"));
    assert_eq!(chair.yomi.as_deref(), Some("あおやまいちろう"));
    assert_eq!(chair.group.as_deref(), Some("架空党"));
    assert_eq!(chair.role, Role::Chair);
    assert_eq!(chair.paragraphs, ["これより会議を開きます。", "　架空事業に関する件を議題とします。", "　〔拍手〕"]);
    assert_eq!(chair.agenda, Some(0));
    let minister = &m.turns[1];
    assert_eq!((minister.label.as_deref(), minister.role), (Some("国務大臣（黄田三郎君）"), Role::Official));
    assert_eq!(minister.paragraphs[0], "お答えします。");
    // A record without speaker field: the label names the speaker.
    assert_eq!(m.turns[2].speaker.as_deref(), Some("赤井二郎"));
    assert_eq!(m.turns[2].lines.first, 11, "the record's line in the JSON");
}

#[test]
fn kokkai_speech_endpoint_gives_one_meeting_per_issue() {
    let text = r#"{"speechRecord": [
      {"issueID": "A", "nameOfMeeting": "甲委員会", "speechOrder": 5, "speaker": "甲", "speech": "○甲君　二つ目。"},
      {"issueID": "B", "nameOfMeeting": "乙委員会", "speechOrder": 1, "speaker": "乙", "speech": "○乙君　別の会議。"},
      {"issueID": "A", "nameOfMeeting": "甲委員会", "speechOrder": 2, "speaker": "甲", "speech": "○甲君　一つ目。"}
    ]}"#;
    let meetings = parse_text(text);
    let summary: Vec<(&str, Vec<&str>)> = meetings
        .iter()
        .map(|m| (m.title.as_str(), m.turns.iter().map(|t| t.paragraphs[0].as_str()).collect()))
        .collect();
    assert_eq!(summary, [("甲委員会", vec!["一つ目。", "二つ目。"]), ("乙委員会", vec!["別の会議。"])]);
}

#[test]
fn broken_json_falls_back_to_text_with_a_warning() {
    let text = "{\"meetingRecord\": [\n  {\"issueID\": \"X\",\n   oops\n\n[山田委員]\n発言です。\n";
    let m = one(text);
    assert_ne!(m.format, Format::Kokkai);
    let warning = m.diagnostics.iter().find(|d| d.kind == "json_unreadable").expect("a warning");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.line, Some(3));
    assert!(warning.message.contains("line 3, column"), "{}", warning.message);
}

#[test]
fn json_of_another_shape_is_shown_as_its_fields_not_as_raw_json() {
    let m = one("{\"name\": \"not minutes\", \"items\": [1, 2]}");
    assert!(m.diagnostics.iter().any(|d| d.kind == "json_unrecognised"));
    assert_ne!(m.format, Format::Kokkai);
    assert_eq!(m.title, "not minutes");
    let lines: Vec<&str> = m.header.iter().flat_map(|s| s.lines.iter().map(String::as_str)).collect();
    assert!(lines.iter().all(|l| !l.contains(['{', '[', '"'])), "{lines:?}");
}

// --- detection --------------------------------------------------------------------------

#[test]
fn detection_by_content() {
    let lines = |t: &'static str| t.lines().collect::<Vec<_>>();
    assert_eq!(detect(&lines("題\n[森委員]\n発言。\n[事務局]\n回答。")), Format::Summary);
    assert_eq!(detect(&lines("[森委員]\n発言。")), Format::Summary, "a bracket is not JSON");
    assert_eq!(detect(&lines("題\n○議長（山田太郎君）　開会します。\n○山田委員　質問です。")), Format::Verbatim);
    assert_eq!(detect(&lines("題\n山田委員：質問です。\n所長：回答です。")), Format::Colon);
    assert_eq!(detect(&lines("# Notes\n## Item\nRod: hi")), Format::Colon);
    assert_eq!(detect(&lines("  {\"meetingRecord\": []}")), Format::Kokkai);
    assert_eq!(detect(&lines("[{\"a\": 1}]")), Format::Kokkai);
    assert_eq!(detect(&lines("ただの文章です。")), Format::Summary, "summary by default");
    assert_eq!(detect(&[]), Format::Summary);
}
