//! Line shapes shared by the parsers: blank lines, page footers, stage directions, procedure
//! lines, separators, agenda headings and the numbers that label them.

/// Speaker markers of assembly minutes: ○ ◯ 〇 ◎ ◆ ● (meaning is local; decide by shape).
pub(crate) fn is_speaker_marker(c: char) -> bool {
    matches!(c, '○' | '◯' | '〇' | '◎' | '◆' | '●' | '◇')
}

pub fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// Characters that end a sentence or a quotation; a paragraph ending in anything else was cut.
pub fn ends_sentence(text: &str) -> bool {
    match text.trim_end().chars().last() {
        None => true,
        Some(c) => "。．.！？!?」』）)】〕］]：:；;…\"'”’》〉".contains(c),
    }
}

/// The longest page footer, spaces included (`<PAGE="1234">`, `－　１２３４　－` with wide spaces).
const MAX_FOOTER_BYTES: usize = 48;

/// Page footers left by PDF extraction: `－4－`, `- 4 -`, `―　４　―`, `P.5`, `p. 12`,
/// `<PAGE="2">`, `4 / 12` is not included (too easily real text).
pub(crate) fn is_page_footer(line: &str) -> bool {
    // Footers are short; most lines are ruled out without looking at their characters.
    if line.len() > MAX_FOOTER_BYTES {
        return false;
    }
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    if let Some(rest) = t.strip_prefix("<PAGE=\"").or_else(|| t.strip_prefix("<page=\"")) {
        return rest.strip_suffix("\">").is_some_and(all_digits);
    }
    if let Some(rest) = t.strip_prefix("P.").or_else(|| t.strip_prefix("p.")).or_else(|| t.strip_prefix("Ｐ．")) {
        return all_digits(rest);
    }
    let dashes = ['－', '-', '―', '—', '–', '‐', '−', 'ー'];
    let inner = t.trim_start_matches(dashes);
    let inner_trimmed = inner.trim_end_matches(dashes);
    inner.len() != t.len() && inner_trimmed.len() != inner.len() && all_digits(inner_trimmed)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Words inside brackets that make a line a stage direction rather than speech.
const STAGE_WORDS: &[&str] = &[
    "者あり",
    "呼ぶ",
    "拍手",
    "登壇",
    "降壇",
    "退席",
    "着席",
    "退場",
    "入場",
    "休憩",
    "議場",
    "笑声",
    "発言する",
    "ざわめき",
    "離席",
    "起立",
    "挙手",
    "異議なし",
    "異議あり",
    "Laughter",
    "Applause",
];

/// A whole line in 〔〕, or in （） with a stage word: `〔拍手〕`, `〔市長　櫻田　宏　登壇〕`,
/// `（「異議なし」と呼ぶ者あり）`.
pub fn is_stage_direction(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('〔') && t.ends_with('〕') {
        return true;
    }
    let bracketed = (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'));
    if !bracketed || t.chars().count() > 60 {
        return false;
    }
    // `（賛　成　者　起　立）`: stage directions are letter-spaced too.
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    STAGE_WORDS.iter().any(|w| compact.contains(w))
}

/// Verbs of procedure lines (`午前10時開議`, `午前11時36分散会`, `（午前 ９時００開会）`).
const PROCEDURE_WORDS: &[&str] =
    &["開議", "開会", "散会", "閉会", "休憩", "再開", "延会", "閉議", "休会", "会議を開く", "閉じる"];

/// Separators (`―――◇―――`, `──────`, `* * *`) and timed procedure lines.
pub(crate) fn is_procedure(line: &str) -> bool {
    let t = line.trim();
    if is_separator(t) {
        return true;
    }
    let short = t.chars().count() <= 30;
    let timed =
        t.contains("午前") || t.contains("午後") || t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    short && timed && t.contains('時') && PROCEDURE_WORDS.iter().any(|w| t.contains(w)) && !t.contains('。')
}

pub(crate) fn is_separator(t: &str) -> bool {
    let mut count = 0usize;
    let mut rule = false;
    // Every line of a meeting passes here: the first letter of prose ends the test.
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        if !"―─━－-=＝*＊◇◆○◎・_～~".contains(c) {
            return false;
        }
        rule |= "―─━－-=＝*＊_～~".contains(c);
        count += 1;
    }
    count >= 3 && rule
}

/// The value of a circled number ①–⑳, ㉑–㊿.
pub(crate) fn circled_number(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        '㉑'..='㉟' => Some(c as u32 - '㉑' as u32 + 21),
        '㊱'..='㊿' => Some(c as u32 - '㊱' as u32 + 36),
        '⑴'..='⒇' => Some(c as u32 - '⑴' as u32 + 1),
        _ => None,
    }
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn kanji_value(c: char) -> Option<u32> {
    "一二三四五六七八九十".chars().position(|k| k == c).map(|p| p as u32 + 1)
}

/// A leading item number: `①`, `（1）`, `(1)`, `1.`, `1 `, `１．`, `第1`, `一、`.
/// Returns the number, the number as written, and the rest of the line.
pub(crate) fn leading_number(text: &str) -> Option<(u32, &str, &str)> {
    let t = text.trim_start();
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    if let Some(n) = circled_number(first) {
        let end = first.len_utf8();
        return Some((n, &t[..end], &t[end..]));
    }
    let (open, close) = match first {
        '（' => (Some('（'), Some('）')),
        '(' => (Some('('), Some(')')),
        _ => (None, None),
    };
    let digits_start = open.map_or(0, char::len_utf8);
    let digits_start =
        if t[digits_start..].starts_with('第') { digits_start + '第'.len_utf8() } else { digits_start };
    let mut value = 0u32;
    let mut end = digits_start;
    for c in t[digits_start..].chars() {
        let Some(d) = digit_value(c) else { break };
        value = value.saturating_mul(10).saturating_add(d);
        end += c.len_utf8();
    }
    if end == digits_start {
        let c = t[digits_start..].chars().next()?;
        value = kanji_value(c)?;
        end += c.len_utf8();
        // A kanji number needs a delimiter, or `一例として` would be item 1.
        if open.is_none() && !t[end..].starts_with(['、', '．', '.', ' ', '\u{3000}']) {
            return None;
        }
    }
    if let Some(close) = close {
        if !t[end..].starts_with(close) {
            return None;
        }
        end += close.len_utf8();
    } else if let Some(c) = t[end..].chars().next().filter(|c| matches!(c, '.' | '．' | '、' | ')' | '）')) {
        end += c.len_utf8();
    } else if t[end..].starts_with('項') {
        return None;
    }
    if value == 0 {
        return None;
    }
    Some((value, &t[..end], &t[end..]))
}

/// A heading that opens an agenda item in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub number: Option<u32>,
    /// The number as written (`①`, `日程第１`).
    pub label: String,
    pub title: String,
}

/// Body headings: `議事①…について`, `議題1 …`, `◎日程第１　会議録署名議員の指名`,
/// `△…について`, `日程第２　議案第１号…`.
pub(crate) fn agenda_heading(line: &str) -> Option<Heading> {
    let t = line.trim();
    let t = t.trim_start_matches(['◎', '△', '■', '□', '●', '◆']);
    let marked = t.len() != line.trim().len();
    // `■ 議題1　…`: a space may follow the mark.
    let t = t.trim_start();
    for prefix in ["議事日程", "議事", "議題", "日程"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let rest_trimmed = rest.trim_start();
            if let Some((number, label, title)) = leading_number(rest_trimmed) {
                let label = format!("{prefix}{label}");
                let title = title.trim_start_matches([':', '：', ' ', '\u{3000}', '、']).trim();
                // `日程第１、一般質問を行います。` is the chair speaking, not a heading.
                if title.ends_with('。') {
                    return None;
                }
                return Some(Heading { number: Some(number), label, title: title.to_owned() });
            }
        }
    }
    // `議事 総合防災訓練の実施計画について`: an unnumbered item; the body builder matches it to
    // the order of business by its title. A space must follow (`議事録（要旨）` is no heading).
    for prefix in ["議事", "議題"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && rest.starts_with([' ', '\u{3000}'])
        {
            let title = rest.trim();
            if !title.is_empty() && title.chars().count() <= 60 && !title.contains('。') {
                return Some(Heading { number: None, label: prefix.to_owned(), title: title.to_owned() });
            }
        }
    }
    if marked && line.trim().starts_with('△') && !t.is_empty() {
        return Some(Heading { number: None, label: String::new(), title: t.trim().to_owned() });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_footers() {
        for footer in ["－4－", "- 4 -", "―　４　―", "P.5", "p. 12", "<PAGE=\"2\">", "－１２－"] {
            assert!(is_page_footer(footer), "{footer}");
        }
        for text in ["4", "―――◇―――", "P.S. 後日", "-", "2024-02-09", "－"] {
            assert!(!is_page_footer(text), "{text}");
        }
    }

    #[test]
    fn stage_directions() {
        for line in [
            "〔拍手〕",
            "〔市長　櫻田　宏　登壇〕",
            "（「異議なし」と呼ぶ者あり）",
            "（発言する者あり）",
            "（異議なし）",
            "（賛　成　者　起　立）",
        ] {
            assert!(is_stage_direction(line), "{line}");
        }
        for line in ["（1）開会", "（敬称略）", "(14:00)", "【資料 1】に基づき説明"] {
            assert!(!is_stage_direction(line), "{line}");
        }
    }

    #[test]
    fn procedure_lines() {
        for line in ["午前10時　開議", "（午前 ９時００開会）", "午前10時36分散会", "―――◇―――", "──────"]
        {
            assert!(is_procedure(line), "{line}");
        }
        for line in ["午後2時～午後3時半", "休憩中に資料を配った。", "ーー"] {
            assert!(!is_procedure(line), "{line}");
        }
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("①市役所"), Some((1, "①", "市役所")));
        assert_eq!(leading_number("（2）議事"), Some((2, "（2）", "議事")));
        assert_eq!(leading_number("(3)閉会"), Some((3, "(3)", "閉会")));
        assert_eq!(leading_number("１．予算"), Some((1, "１．", "予算")));
        assert_eq!(leading_number("第１　会議録"), Some((1, "第１", "　会議録")));
        assert_eq!(leading_number("一、総則"), Some((1, "一、", "総則")));
        assert_eq!(leading_number("一例として"), None);
        assert_eq!(leading_number("市役所"), None);
    }

    #[test]
    fn headings() {
        let h = agenda_heading("議事①市役所改革プラン 2027について").unwrap();
        assert_eq!((h.number, h.label.as_str(), h.title.as_str()), (Some(1), "議事①", "市役所改革プラン 2027について"));
        let h = agenda_heading("◎日程第１　会議録署名議員の指名").unwrap();
        assert_eq!((h.number, h.label.as_str(), h.title.as_str()), (Some(1), "日程第１", "会議録署名議員の指名"));
        assert_eq!(agenda_heading("■ 議題1　給食費について").and_then(|h| h.number), Some(1));
        let h = agenda_heading("△オブザーバーの出席について").unwrap();
        assert_eq!((h.number, h.title.as_str()), (None, "オブザーバーの出席について"));
        assert!(agenda_heading("議事録（要旨）").is_none());
        let h = agenda_heading("議事 総合防災訓練の実施計画について").unwrap();
        assert_eq!((h.number, h.title.as_str()), (None, "総合防災訓練の実施計画について"));
        assert!(agenda_heading("議事を終了する。").is_none());
        assert!(agenda_heading("日程第１、一般質問を行います。").is_none());
    }
}
