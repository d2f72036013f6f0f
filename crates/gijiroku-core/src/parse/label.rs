//! Speaker labels: who speaks, in what position, in which role.
//!
//! Labels come in many shapes (`議長（山田太郎君）`, `市長（櫻田　宏）`, `おのせ康裕議長`,
//! `（伊藤よしのり議長）`, `中川（宏）委員`, `藤川政人君`, `11番（河本晋一君）`, `森委員`,
//! `改革プロジェクト推進課`, `Chair (Smith)`). The speaker identity is the person's name where the
//! label gives one, else the label without honorifics; spaces inside names are removed so that
//! `櫻田　宏` and `岩 井 英 明` compare equal to their unspaced forms.

use crate::meeting::{LineRange, Role, Turn, TurnKind};

/// What a label says about its speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerInfo {
    pub speaker: String,
    pub position: Option<String>,
    pub role: Role,
}

/// Words that make a speaker the chair, longest first so that `委員長` wins over `委員`.
const CHAIR_WORDS: &[&str] = &[
    "副委員長",
    "委員長",
    "副議長",
    "議長",
    "副会長",
    "会長",
    "座長",
    "部会長",
    "分科会長",
    "司会",
    "Chairperson",
    "Chairman",
    "Chair",
    "chair",
    "Moderator",
];

/// Official titles containing a member word (`監査委員` is an official, not a member).
const OFFICIAL_OVERRIDES: &[&str] = &["監査委員", "教育委員", "選挙管理委員", "農業委員会", "公安委員"];

const MEMBER_WORDS: &[&str] =
    &["委員", "議員", "番", "理事", "Councilmember", "Councillor", "Councilor", "Member", "member"];

const OFFICIAL_WORDS: &[&str] = &[
    "市長",
    "区長",
    "町長",
    "村長",
    "知事",
    "大臣",
    "政務官",
    "参考人",
    "説明員",
    "事務局",
    "教育長",
    "管理者",
    "部長",
    "局長",
    "課長",
    "室長",
    "所長",
    "館長",
    "センター長",
    "主幹",
    "係長",
    "次長",
    "副市長",
    "課",
    "局",
    "部",
    "室",
    "Mayor",
    "Clerk",
    "Staff",
    "Secretary",
    "Director",
    "Manager",
];

/// Honorifics that end a name in minutes; removed from the speaker identity.
const HONORIFICS: &[&str] = &["君", "さん", "氏", "様", "殿"];

/// A speech turn opened by `label` (as written) at source line `line`, in agenda item `agenda`.
pub(crate) fn speech_turn(label: &str, info: SpeakerInfo, agenda: Option<usize>, line: usize) -> Turn {
    Turn {
        kind: TurnKind::Speech,
        label: Some(label.trim().to_owned()),
        speaker: Some(info.speaker),
        position: info.position,
        role: info.role,
        agenda,
        lines: LineRange::new(line, line),
        ..Turn::default()
    }
}

/// Analyses a label without its marker or brackets (`議長（山田太郎君）`, `森委員`).
pub(crate) fn analyze_label(label: &str) -> SpeakerInfo {
    let label = label.trim_matches(|c: char| c.is_whitespace());
    let (position, name) = split_position_and_name(label);
    let role = role_of(position.as_deref().unwrap_or(""), label);
    SpeakerInfo { speaker: name, position, role }
}

/// Assembly and Diet minutes write the full name before the position (`おのせ康裕議長`,
/// `みなせ達也副委員長`); there the name is the identity, as it is in `議長（おのせ康裕君）`.
/// Summaries write a surname (`森委員`), which [`analyze_label`] keeps whole, and so does this
/// function when the part before the position does not look like a full name.
pub(crate) fn analyze_minutes_label(label: &str) -> SpeakerInfo {
    analyze_minutes_label_among(label, &|_| false)
}

/// Offices held by one person, whose full name may stand unbracketed before them
/// (`田中花子区長`, `山田一郎参考人`); a department may stand before `部長` or `課長`
/// (`生涯学習課長`), so those split only at a name the minutes give elsewhere.
const PERSON_OFFICES: &[&str] = &["区長", "市長", "町長", "村長", "知事", "参考人"];

/// As [`analyze_minutes_label`]; `known` tells names the minutes give elsewhere (in brackets of
/// other labels, in the attendance tables), before which any position word splits off
/// (`田中一郎総務部長` when 田中一郎 is listed).
pub(crate) fn analyze_minutes_label_among(label: &str, known: &dyn Fn(&str) -> bool) -> SpeakerInfo {
    let mut info = analyze_label(label);
    // A listed name at the start, a position after it: `田中一郎` + `総務部長` (labels with a
    // name in brackets were split above).
    let unbracketed = !label.contains(['（', '(']);
    let listed = unbracketed.then_some(()).and_then(|()| {
        info.speaker.char_indices().skip(2).take(9).map(|(at, _)| at).find(|&at| {
            let rest = &info.speaker[at..];
            known(&info.speaker[..at]) && ends_with_position_word(rest) && info.position.is_some()
        })
    });
    if let Some(at) = listed {
        info.position = Some(info.speaker[at..].to_owned());
        info.speaker.truncate(at);
        return info;
    }
    if let Some(position) = info.position.as_deref()
        && let Some(name) = info.speaker.strip_suffix(position)
        && !name.is_empty()
    {
        let person =
            CHAIR_WORDS.contains(&position) || MEMBER_WORDS.contains(&position) || PERSON_OFFICES.contains(&position);
        if known(name) || (person && looks_like_full_name(name)) {
            info.speaker = name.to_owned();
        }
    }
    info
}

/// Three to ten kanji or kana, not ending like a body (`総務常任`, `予算特別`, `市議会`).
fn looks_like_full_name(name: &str) -> bool {
    let n = name.chars().count();
    let name_chars = name
        .chars()
        .all(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '々'));
    let body_like = ["常任", "特別", "議会", "委員会", "審査", "分科", "協議"].iter().any(|w| name.contains(w))
        || name.ends_with(['市', '町', '区', '県', '都', '府', '部', '課', '局', '室', '会', '所', '庁', '省', '党']);
    (3..=10).contains(&n) && name_chars && !body_like
}

/// Whether the text ends with (or is) a position word: `議長`, `副委員長`, `11番`, `市長`,
/// `総務部長`, `Chair`. Used to judge whether a label is a speaker's.
pub(crate) fn ends_with_position_word(text: &str) -> bool {
    CHAIR_WORDS
        .iter()
        .chain(OFFICIAL_OVERRIDES)
        .chain(MEMBER_WORDS)
        .chain(OFFICIAL_WORDS)
        .chain(EXTRA_POSITION_WORDS)
        .any(|word| text.ends_with(word))
}

/// Position words found in attendance tables and Diet minutes, beyond the role words above.
const EXTRA_POSITION_WORDS: &[&str] =
    &["大臣", "副大臣", "政務官", "参考人", "説明員", "長", "職員", "委員", "理事", "監事", "幹事", "書記", "主査"];

/// Splits `position（name）` forms; other forms keep the whole label (minus honorifics) as the
/// identity and take the trailing role word as the position.
fn split_position_and_name(label: &str) -> (Option<String>, String) {
    if let Some((outside, inside)) = trailing_parenthesised(label) {
        // `Priya Raman (chair)`, `森（委員）`: a role word in brackets follows the name.
        let inside_trimmed = inside.trim();
        let outside_trimmed = outside.trim();
        if !outside_trimmed.is_empty()
            && CHAIR_WORDS.iter().chain(MEMBER_WORDS).any(|w| inside_trimmed.eq_ignore_ascii_case(w))
        {
            return (Some(inside_trimmed.to_owned()), compact(&strip_honorific(outside_trimmed)));
        }
        let inside_clean = strip_honorific(inside);
        // `中川（宏）委員`: a one-character initial in brackets is part of the name, not a name.
        // `会長(森君)`: with an honorific even one character is a name.
        let honoured = inside_clean.len() != inside.trim().len();
        let inside_is_name = inside_clean.chars().count() >= 2 || outside.is_empty() || honoured;
        if inside_is_name && !inside_clean.is_empty() {
            let outside = outside.trim();
            if outside.is_empty() {
                // `（伊藤よしのり議長）`: the position follows the name inside the brackets.
                let position = trailing_role_word(&inside_clean);
                let name = match position {
                    Some(word) if inside_clean.len() > word.len() => {
                        inside_clean[..inside_clean.len() - word.len()].to_owned()
                    }
                    _ => inside_clean.clone(),
                };
                return (position.map(str::to_owned), compact(&name));
            }
            return (Some(compact(outside)), compact(&inside_clean));
        }
    }
    let identity = compact(&strip_honorific(label));
    let position = trailing_role_word(&identity).map(str::to_owned).or_else(|| {
        // Departments (`改革プロジェクト推進課`) are their own position.
        OFFICIAL_WORDS.iter().any(|w| identity.ends_with(w)).then(|| identity.clone())
    });
    (position, identity)
}

/// `X（Y）` or `X(Y)` at the end of the label.
fn trailing_parenthesised(label: &str) -> Option<(&str, &str)> {
    let trimmed = label.trim_end();
    let (open, close) = if trimmed.ends_with('）') {
        ('（', '）')
    } else if trimmed.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let open_at = trimmed.rfind(open)?;
    let inside = &trimmed[open_at + open.len_utf8()..trimmed.len() - close.len_utf8()];
    Some((&trimmed[..open_at], inside))
}

fn strip_honorific(text: &str) -> String {
    let text = text.trim();
    for honorific in HONORIFICS {
        if let Some(stripped) = text.strip_suffix(honorific)
            && !stripped.trim().is_empty()
        {
            return stripped.trim_end().to_owned();
        }
    }
    // `清野一榮議員` inside brackets: 議員 after a name is an honorific-like title.
    if let Some(stripped) = text.strip_suffix("議員")
        && stripped.chars().count() >= 2
    {
        return stripped.to_owned();
    }
    text.to_owned()
}

fn trailing_role_word(text: &str) -> Option<&'static str> {
    CHAIR_WORDS
        .iter()
        .chain(OFFICIAL_OVERRIDES)
        .chain(MEMBER_WORDS)
        .chain(OFFICIAL_WORDS.iter().filter(|w| w.chars().count() >= 2))
        .filter(|word| text.ends_with(*word) && text.len() > word.len())
        .max_by_key(|word| word.len())
        .copied()
}

/// Removes spaces inside a name (`櫻田　宏`, `岩 井 英 明`) but keeps a single space between
/// Latin words (`Rod Smith`).
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && c.is_ascii_alphanumeric() && out.chars().last().is_some_and(|p| p.is_ascii_alphanumeric()) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// The role from the position, falling back to the whole label.
/// Labels already analysed, kept across the records (and meetings) of one file: a file of
/// records names the same few dozen people thousands of times.
#[derive(Default)]
pub struct LabelCache(rustc_hash::FxHashMap<String, SpeakerInfo>);

impl LabelCache {
    /// [`analyze_label`], once per distinct label.
    pub(crate) fn analyze(&mut self, label: &str) -> SpeakerInfo {
        if let Some(info) = self.0.get(label) {
            return info.clone();
        }
        let info = analyze_label(label);
        self.0.insert(label.to_owned(), info.clone());
        info
    }
}

pub(crate) fn role_of(position: &str, label: &str) -> Role {
    for text in [position, label] {
        if text.is_empty() {
            continue;
        }
        if CHAIR_WORDS.iter().any(|w| text.contains(w)) {
            return Role::Chair;
        }
        if OFFICIAL_OVERRIDES.iter().any(|w| text.contains(w)) {
            return Role::Official;
        }
        if MEMBER_WORDS.iter().any(|w| text.contains(w)) {
            return Role::Member;
        }
        if OFFICIAL_WORDS.iter().any(|w| text.contains(w)) {
            return Role::Official;
        }
    }
    // `○藤川政人君`: a bare name with 君 is a member in assembly and Diet minutes.
    if label.trim_end().ends_with('君') {
        return Role::Member;
    }
    Role::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(label: &str) -> (String, Option<String>, Role) {
        let i = analyze_label(label);
        (i.speaker, i.position, i.role)
    }

    #[test]
    fn label_shapes() {
        let p = |s: &str| Some(s.to_owned());
        let cases = [
            ("議長（山田太郎君）", ("山田太郎", p("議長"), Role::Chair)),
            ("議長（清野一榮議員）", ("清野一榮", p("議長"), Role::Chair)),
            ("市長（櫻田　宏）", ("櫻田宏", p("市長"), Role::Official)),
            ("おのせ康裕議長", ("おのせ康裕議長", p("議長"), Role::Chair)),
            ("（伊藤よしのり議長）", ("伊藤よしのり", p("議長"), Role::Chair)),
            ("中川（宏）委員", ("中川（宏）委員", p("委員"), Role::Member)),
            ("藤川政人君", ("藤川政人", None, Role::Member)),
            ("11番（河本晋一君）", ("河本晋一", p("11番"), Role::Member)),
            ("４番（野崎喜彦君）", ("野崎喜彦", p("４番"), Role::Member)),
            ("岩 井 英 明君", ("岩井英明", None, Role::Member)),
            ("森委員", ("森委員", p("委員"), Role::Member)),
            ("澤田会長", ("澤田会長", p("会長"), Role::Chair)),
            ("改革プロジェクト推進課", ("改革プロジェクト推進課", p("改革プロジェクト推進課"), Role::Official)),
            ("行政管理部長", ("行政管理部長", p("部長"), Role::Official)),
            ("委員長(相馬君)", ("相馬", p("委員長"), Role::Chair)),
            ("会長(森君)", ("森", p("会長"), Role::Chair)),
            ("政府参考人（鈴木一郎君）", ("鈴木一郎", p("政府参考人"), Role::Official)),
            ("監査委員（木村花子君）", ("木村花子", p("監査委員"), Role::Official)),
            ("Chair (Smith)", ("Smith", p("Chair"), Role::Chair)),
            ("Priya Raman (chair)", ("Priya Raman", p("chair"), Role::Chair)),
            ("Rod", ("Rod", None, Role::Other)),
        ];
        for (label, (speaker, position, role)) in cases {
            assert_eq!(info(label), (speaker.to_owned(), position, role), "{label}");
        }
    }

    #[test]
    fn minutes_labels_name_the_person() {
        let speaker = |label: &str| analyze_minutes_label(label).speaker;
        assert_eq!(speaker("おのせ康裕議長"), "おのせ康裕");
        assert_eq!(speaker("みなせ達也副委員長"), "みなせ達也");
        assert_eq!(speaker("森委員"), "森委員");
        assert_eq!(speaker("総務常任委員長"), "総務常任委員長");
        assert_eq!(speaker("中川（宏）委員"), "中川（宏）委員");
        assert_eq!(speaker("生涯学習課長"), "生涯学習課長");
        assert_eq!(speaker("議長（山田太郎君）"), "山田太郎");
        // Labels without brackets split at the office words of one person.
        assert_eq!(speaker("田中花子区長"), "田中花子");
        assert_eq!(speaker("やまだ太郎議長"), "やまだ太郎");
        assert_eq!(speaker("山田一郎参考人"), "山田一郎");
        assert_eq!(speaker("総務部長"), "総務部長");
    }

    #[test]
    fn a_name_given_elsewhere_splits_off_any_position() {
        let known = |n: &str| n == "田中一郎";
        assert_eq!(analyze_minutes_label_among("田中一郎総務部長", &known).speaker, "田中一郎");
        assert_eq!(analyze_minutes_label_among("生涯学習課長", &known).speaker, "生涯学習課長");
    }
}
