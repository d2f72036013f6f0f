//! Deciding whether `Word: text` opens a turn. Notes are full of colons that are not speakers
//! (`Open issues:`, `議題：…`, `注意：…`, `https://…`, `10:30`), so a label is a speaker only when
//! its shape says so: a Japanese label ending in a position word or 君, an English label of one to
//! three capitalised words, or any short label used as a speaker at least twice in the file.

use std::collections::HashMap;

use crate::core::parse::label::ends_with_position_word;

/// Labels longer than this are sentences, not names.
const MAX_LABEL_CHARS: usize = 30;

/// A line split at its first colon, with bullets and Markdown emphasis removed from the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub label: &'a str,
    /// The text after the colon, trimmed (empty for `Open issues:`).
    pub text: &'a str,
}

/// Splits `* **Rod**: text` into `Rod` and `text`. Returns `None` when there is no colon early
/// in the line, or the colon belongs to a URL or a clock time.
pub fn candidate(line: &str) -> Option<Candidate<'_>> {
    let t = strip_bullet(line.trim_start());
    let (at, colon) = t.char_indices().take(MAX_LABEL_CHARS + 8).find(|(_, c)| matches!(c, ':' | '：'))?;
    let label = t[..at].trim();
    let text = t[at + colon.len_utf8()..].trim();
    if text.starts_with("//")
        || (label.ends_with(|c: char| c.is_ascii_digit()) && text.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    // `**Rod:** text` closes the emphasis after the colon.
    let text = text.strip_prefix("**").or_else(|| text.strip_prefix("__")).unwrap_or(text).trim_start();
    let label = label.trim_matches(['*', '_']).trim();
    (!label.is_empty()).then_some(Candidate { label, text })
}

/// `* `, `- `, `+ `, `• `, `・` before a label.
fn strip_bullet(t: &str) -> &str {
    for bullet in ["* ", "- ", "+ ", "• ", "・"] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    t
}

/// Judges labels with what the whole file says about them.
#[derive(Debug, Default)]
pub struct Judge {
    /// How often each well-shaped label opens a line with text after it.
    uses: HashMap<String, usize>,
}

impl Judge {
    /// Counts label uses over the lines (one pass; the counts decide labels seen only by repetition).
    pub fn new<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        let mut uses: HashMap<String, usize> = HashMap::new();
        for line in lines {
            if let Some(c) = candidate(line)
                && !c.text.is_empty()
                && well_shaped(c.label)
            {
                *uses.entry(c.label.to_owned()).or_default() += 1;
            }
        }
        Judge { uses }
    }

    /// The speaker line at `line`, if it is one.
    pub fn speaker<'a>(&self, line: &'a str) -> Option<Candidate<'a>> {
        let c = candidate(line)?;
        let speaker = !c.text.is_empty() && well_shaped(c.label) && !is_stopword(c.label) && self.is_name(c.label);
        speaker.then_some(c)
    }

    /// A confident label, one used at least twice, or names joined by `/` that each are one
    /// (`中野/小田` when both speak on their own elsewhere).
    fn is_name(&self, label: &str) -> bool {
        let known = |name: &str| confident(name) || self.uses.get(name).is_some_and(|&n| n >= 2);
        known(label)
            || (label.contains('/') && label.split('/').all(|part| !part.trim().is_empty() && known(part.trim())))
    }
}

/// Short and name-like: no sentence punctuation; Japanese without spaces; English of one to
/// three words (several names joined by `/` or `&` allowed).
fn well_shaped(label: &str) -> bool {
    let n = label.chars().count();
    if n == 0
        || n > MAX_LABEL_CHARS
        || label.contains(['。', '、', '「', '」', '！', '？', '!', '?', ',', ';', '"', '“', '”', '`', '[', ']'])
    {
        return false;
    }
    if label.is_ascii() {
        let names = strip_trailing_remark(label);
        return !names.is_empty()
            && names.split(['/', '&']).all(|name| {
                let words: Vec<&str> = name.split_whitespace().collect();
                (1..=3).contains(&words.len())
                    && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphanumeric() || "-'.".contains(c)))
            });
    }
    !label.contains(char::is_whitespace)
}

/// `Chair (Smith)` → `Chair`, `Priya Raman (chair)` → `Priya Raman`.
fn strip_trailing_remark(label: &str) -> &str {
    match label.strip_suffix(')').and_then(|l| l.rfind('(').map(|at| &l[..at])) {
        Some(outside) => outside.trim(),
        None => label,
    }
}

/// Labels that are speakers on sight.
fn confident(label: &str) -> bool {
    if label.is_ascii() {
        let names = strip_trailing_remark(label);
        return names
            .split(['/', '&'])
            .all(|name| name.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase())));
    }
    let honorific = ["君", "さん", "氏", "様"].iter().any(|h| label.ends_with(h));
    let bracketed = label.strip_suffix(['）', ')']).and_then(|l| l.rfind(['（', '(']).map(|at| (&l[..at], &l[at..])));
    let bracketed_name =
        bracketed.is_some_and(|(outside, inside)| ends_with_position_word(outside) || inside.ends_with('君'));
    honorific || bracketed_name || ends_with_position_word(label)
}

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

fn is_stopword(label: &str) -> bool {
    if label.is_ascii() {
        return STOPWORDS_EN.iter().any(|w| w.eq_ignore_ascii_case(label));
    }
    STOPWORDS_JA.contains(&label)
}

/// Header keys of English notes and the header section they fill.
pub fn english_header_key(key: &str) -> Option<crate::core::parse::header::SectionKind> {
    use crate::core::parse::header::SectionKind;
    let key = key.trim().to_ascii_lowercase();
    Some(match key.as_str() {
        "date" | "when" | "time" | "date and time" => SectionKind::DateTime,
        "location" | "place" | "where" | "venue" => SectionKind::Place,
        "attendees" | "present" | "participants" | "attendance" => SectionKind::Attendees,
        "agenda" => SectionKind::OrderOfBusiness,
        "materials" | "slides" | "documents" => SectionKind::Materials,
        "regrets" | "absent" | "apologies" | "chair" | "chairs" | "scribe" | "note taker" | "notes" | "facilitator"
        | "host" | "minutes" | "meeting" | "recording" => SectionKind::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        fn split(l: &str) -> Option<(&str, &str)> {
            candidate(l).map(|c| (c.label, c.text))
        }
        assert_eq!(split("* **Rod**: yes"), Some(("Rod", "yes")));
        assert_eq!(split("- **Ben:** no"), Some(("Ben", "no")));
        assert_eq!(split("山田委員：賛成です。"), Some(("山田委員", "賛成です。")));
        assert_eq!(split("See https://example.invalid"), None);
        assert_eq!(split("10:30 start"), None);
        assert_eq!(split("no colon here"), None);
    }

    #[test]
    fn speakers_and_non_speakers() {
        let lines = [
            "栄養士：一つ目。",
            "栄養士：二つ目。",
            "注意：一度だけ。",
            "注意：二度目。",
            "中野：あ",
            "中野：い",
            "小田：う",
            "小田：え",
        ];
        let judge = Judge::new(lines.iter().copied());
        let is = |l: &str| judge.speaker(l).is_some();
        for line in [
            "Rod: hi",
            "Rod/Ben: hi",
            "Mary Ann Lee: hi",
            "委員長(相馬君):開会します。",
            "山田委員：はい。",
            "栄養士：三つ目。",
        ] {
            assert!(is(line), "{line}");
        }
        for line in [
            "Open issues:",
            "Since last IETF:",
            "Since last IETF: stuff",
            "Action items: none",
            "議題：予算",
            "注意：三度目。",
            "Note: x",
            "https://example.invalid/a",
        ] {
            assert!(!is(line), "{line}");
        }
    }
}
