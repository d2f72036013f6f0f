//! Words that are never speakers in colon-style notes (`Note:`, `Action items:`, `議題：`) and
//! the English header keys (`Date:`, `Attendees:`) with the header section each fills.

/// Words that introduce notes, lists and header fields, never a person.
const STOPWORDS_EN: &[&str] = &[
    "note",
    "notes",
    "nb",
    "action",
    "actions",
    "action item",
    "action items",
    "decision",
    "decisions",
    "resolution",
    "resolved",
    "summary",
    "agenda",
    "date",
    "time",
    "when",
    "where",
    "location",
    "place",
    "venue",
    "attendees",
    "attendance",
    "present",
    "regrets",
    "absent",
    "apologies",
    "minutes",
    "scribe",
    "topic",
    "topics",
    "subject",
    "status",
    "update",
    "updates",
    "next",
    "next steps",
    "todo",
    "issue",
    "issues",
    "open issues",
    "question",
    "questions",
    "proposal",
    "link",
    "links",
    "slides",
    "reference",
    "references",
    "background",
    "context",
    "discussion",
    "outcome",
    "outcomes",
    "result",
    "results",
    "conclusion",
    "conclusions",
    "consensus",
    "agreed",
    "example",
    "warning",
    "important",
    "also",
    "however",
    "edit",
    "re",
    "fwd",
    "from",
    "to",
    "cc",
    "tip",
    "recording",
    "meeting",
    "url",
    "http",
    "https",
    "see",
    "source",
    "goal",
    "goals",
    "purpose",
    "participants",
    "duration",
    "motion",
    "vote",
    "tbd",
    "eta",
    "pr",
    "ps",
    "p.s.",
];

const STOPWORDS_JA: &[&str] = &[
    "注意",
    "注",
    "備考",
    "参考",
    "結論",
    "決定",
    "決定事項",
    "確認事項",
    "課題",
    "宿題",
    "結果",
    "目的",
    "概要",
    "補足",
    "連絡事項",
    "事務連絡",
    "次回",
    "次回予定",
    "予定",
    "理由",
    "内容",
    "日時",
    "場所",
    "議題",
    "件名",
    "出席者",
    "欠席者",
    "資料",
    "配布資料",
    "配付資料",
    "記録",
    "記録者",
    "作成者",
    "文責",
    "例",
    "時間",
    "会場",
    "開催日",
    "日付",
    "対象",
    "期間",
    "方針",
    "論点",
    "その他",
    "議事",
];

pub(crate) fn is_stopword(label: &str) -> bool {
    // The longest stopword has 12 bytes (`open issues`, `配付資料`); longer labels need no look.
    if label.len() > 16 {
        return false;
    }
    if label.is_ascii() {
        return STOPWORDS_EN.iter().any(|w| w.len() == label.len() && w.eq_ignore_ascii_case(label));
    }
    STOPWORDS_JA.contains(&label)
}

/// Header keys of English notes and the header section they fill.
pub(crate) fn english_header_key(key: &str) -> Option<crate::parse::header::SectionKind> {
    use crate::parse::header::SectionKind;
    let key = key.trim().to_ascii_lowercase();
    Some(match key.as_str() {
        "date" | "when" | "time" | "date and time" => SectionKind::DateTime,
        "location" | "place" | "where" | "venue" => SectionKind::Place,
        "attendees" | "present" | "participants" | "attendance" | "members" => SectionKind::Attendees,
        "agenda" => SectionKind::OrderOfBusiness,
        "materials" | "slides" | "documents" => SectionKind::Materials,
        "regrets" | "absent" | "apologies" | "chair" | "chairs" | "scribe" | "note taker" | "notes" | "facilitator"
        | "host" | "minutes" | "meeting" | "recording" => SectionKind::Other,
        _ => return None,
    })
}

/// A Markdown heading that opens a header section rather than an agenda item: who was there
/// (`Present`, `Attendees`), the agenda as planned (`Agenda`), and links (`Links`). Other header
/// keys (`Notes`, `Minutes`) head the discussion itself in many notes, so they stay items.
pub(crate) fn header_heading(text: &str) -> Option<crate::parse::header::SectionKind> {
    use crate::parse::header::SectionKind;
    let key = text.trim().trim_end_matches([':', '：']).trim();
    let lower = key.to_ascii_lowercase();
    if matches!(lower.as_str(), "links" | "link" | "references" | "resources") {
        return Some(SectionKind::Other);
    }
    match english_header_key(key)? {
        kind @ (SectionKind::Attendees | SectionKind::OrderOfBusiness) => Some(kind),
        SectionKind::Other if matches!(lower.as_str(), "regrets" | "absent" | "apologies") => Some(SectionKind::Other),
        _ => None,
    }
}

/// A sub-heading that records the outcome of the item above it (`#### Conclusion/Resolution`):
/// its text is the item's notes, not an item of its own.
pub(crate) fn is_outcome_heading(text: &str) -> bool {
    let key = text.trim().trim_end_matches([':', '：']);
    !key.is_empty()
        && key.split(['/', '&', ',']).map(str::trim).all(|part| {
            matches!(
                part.to_ascii_lowercase().as_str(),
                "conclusion"
                    | "conclusions"
                    | "resolution"
                    | "resolutions"
                    | "resolved"
                    | "decision"
                    | "decisions"
                    | "outcome"
                    | "outcomes"
                    | "consensus"
                    | "result"
                    | "results"
            ) || matches!(part, "結論" | "決定事項" | "結果")
        })
}
