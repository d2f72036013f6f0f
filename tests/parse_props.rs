//! Properties of the parser: any bytes and any minutes-like line soup give meetings without a
//! panic, every speech turn names its speaker or label, and no control character reaches the
//! model. Cases are capped so the file runs in a few seconds.

use gijiroku::core::meeting::{Meeting, TurnKind};
use gijiroku::core::parse::{parse_bytes, parse_text};
use proptest::prelude::*;

/// Fragments minutes are made of: markers, brackets, labels, spaces, footers, headings,
/// procedure words, colons, Markdown and pieces of Diet API JSON.
const FRAGMENTS: &[&str] = &[
    "○",
    "◯",
    "〇",
    "◎",
    "◆",
    "●",
    "△",
    "◇",
    "■",
    "※",
    "・",
    "\u{3000}",
    " ",
    "  ",
    "\t",
    "（",
    "）",
    "(",
    ")",
    "〔",
    "〕",
    "【",
    "】",
    "[",
    "]",
    "［",
    "］",
    "「",
    "」",
    "議長",
    "委員長",
    "委員",
    "議員",
    "君",
    "市長",
    "部長",
    "事務局",
    "課",
    "番",
    "11番",
    "４番",
    "山田太郎",
    "櫻田　宏",
    "岩 井 英 明",
    "おのせ康裕",
    "中川（宏）",
    "Rod",
    "Ben",
    "Open issues",
    "：",
    ":",
    "/",
    "**",
    "# ",
    "## ",
    "* ",
    "- ",
    "1. ",
    "①",
    "（1）",
    "第１",
    "日程第",
    "議事",
    "議題",
    "議事日程（第１号）",
    "出席議員（12名）",
    "説明のため出席した者",
    "１番",
    "について",
    "発言します。",
    "質問です",
    "以上",
    "拍手",
    "登壇",
    "「異議なし」と呼ぶ者あり",
    "午前10時",
    "開議",
    "散会",
    "午後２時～午後３時半",
    "令和６年３月１日",
    "令和六年十月四日",
    "2025-03-14",
    "(14:00)",
    "―――◇―――",
    "──────",
    "－4－",
    "- 4 -",
    "P.5",
    "<PAGE=\"2\">",
    "一一一一一一一一一一",
    "９９９９９９９９９",
    "{",
    "}",
    "[",
    "]",
    "\"meetingRecord\"",
    "\"speechRecord\"",
    "\"speech\"",
    "\"speechOrder\"",
    "\"issueID\"",
    "\"会議録情報\"",
    "\\r\\n",
    "null",
    "0",
    ",",
    "https://x.invalid",
    "\u{1b}[31m",
    "\u{85}",
    "\u{feff}",
    "\r",
    "é",
    "ｶﾀｶﾅ",
    "🙂",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..12).prop_map(|parts| parts.concat())
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..60).prop_map(|lines| lines.join("\n"))
}

/// Diet API responses with fields of any JSON type, missing or present.
fn kokkai_json() -> impl Strategy<Value = String> {
    let value = prop::sample::select(
        &[
            "null",
            "0",
            "3",
            "\"2\"",
            "\"会議録情報\"",
            "\"○議長（山田太郎君）\\u3000開会します。\\r\\n\\u3000続きです。\"",
            "\"令和六年十月四日（金曜日）\\r\\n 出席委員\\r\\n 委員長 山田 太郎君\"",
            "[]",
            "{}",
            "true",
            "\"\\u001b[2J\"",
            "\"2024-02-30\"",
        ][..],
    );
    let key = prop::sample::select(
        &["speechOrder", "speaker", "speech", "issueID", "date", "session", "nameOfMeeting", "speakerYomi"][..],
    );
    let record = prop::collection::vec((key, value), 0..8).prop_map(|fields| {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
        format!("{{{}}}", body.join(", "))
    });
    (prop::collection::vec(record, 0..6), any::<bool>()).prop_map(|(records, speech_endpoint)| {
        let records = records.join(", ");
        if speech_endpoint {
            format!("{{\"speechRecord\": [{records}]}}")
        } else {
            format!("{{\"meetingRecord\": [{{\"issueID\": \"A\", \"speechRecord\": [{records}]}}]}}")
        }
    })
}

fn check(meetings: &[Meeting]) -> Result<(), TestCaseError> {
    prop_assert!(!meetings.is_empty());
    for meeting in meetings {
        for turn in &meeting.turns {
            if turn.kind == TurnKind::Speech {
                prop_assert!(turn.speaker.is_some() || turn.label.is_some(), "{turn:?}");
            }
            prop_assert!(turn.lines.first <= turn.lines.last);
            prop_assert!(turn.agenda.is_none_or(|a| a < meeting.agenda.len()), "{turn:?}");
            let texts = turn.paragraphs.iter().chain(&turn.label).chain(&turn.speaker);
            for text in texts {
                prop_assert!(!text.chars().any(|c| c.is_control() && c != '\t' && c != '\n'), "{text:?}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&parse_bytes(&bytes))?;
    }

    #[test]
    fn minutes_like_soups_never_panic(text in soup()) {
        check(&parse_text(&text))?;
        check(&parse_bytes(text.as_bytes()))?;
    }

    #[test]
    fn diet_api_json_of_any_shape_never_panics(text in kokkai_json()) {
        check(&parse_text(&text))?;
    }
}
