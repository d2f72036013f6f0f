//! Verbatim assembly minutes (会議録): a header of labelled blocks (議事日程, 出席議員 tables…),
//! then a body where each turn starts with a marker and a label and the speech follows on the
//! same line: `○議長（山田太郎君）　ただいまから会議を開きます。`. Continuation paragraphs start
//! with U+3000; `◎日程第１　…` and `△…` lines are headings; 〔〕 lines are stage directions.
//!
//! Markers mean different things in different cities (◎ is an official answering in one, an
//! agenda heading in another), so every marked line is judged by the shape of its label.

pub mod header;

use crate::meeting::{Format, HeaderSection, Meeting, TimeRange, TurnKind};
use crate::parse::body::BodyBuilder;
use crate::parse::date::find_time_range;
use crate::parse::header::SectionKind;
use std::collections::{HashMap, HashSet};

use crate::parse::label::{SpeakerInfo, analyze_minutes_label, analyze_minutes_label_among, ends_with_position_word};
use crate::parse::lines::{Heading, agenda_heading, is_page_footer, is_procedure, is_stage_direction};
use crate::parse::paragraphs::{estimate_wrap_width, shows_pdf_damage};

/// Labels are short; scanning further for the end of one would make every long line cost more.
const MAX_LABEL_CHARS: usize = 40;

/// A speaker line split into its parts, each as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpeakerLine<'a> {
    pub marker: char,
    pub label: &'a str,
    /// The speech on the same line, without the separating space (may be empty).
    pub speech: &'a str,
}

/// Parses verbatim minutes. `lines` are the sanitised source lines.
pub fn parse(lines: &[&str]) -> Meeting {
    let mut meeting = Meeting { format: Format::Verbatim, ..Meeting::default() };
    let start = header::parse(&mut meeting, lines);
    let body_lines = lines.get(start..).unwrap_or_default();
    let wrap_width = estimate_wrap_width(body_lines.iter().copied());
    let speakers: Vec<Option<SpeakerLine<'_>>> = body_lines.iter().map(|l| speaker_line(l)).collect();
    // Names given elsewhere are needed only for a label without brackets: gathered at the first.
    let listed = listed_names(&meeting);
    let mut known: Option<HashSet<String>> = None;
    let mut analysed: HashMap<&str, SpeakerInfo> = HashMap::new();
    let repair = shows_pdf_damage(lines, wrap_width);
    // Header tables met after the body began (`出席議員` after `午前10時　開議`), kept as header.
    let mut late: Vec<(SectionKind, HeaderSection)> = Vec::new();
    let mut in_late = false;
    let mut body = BodyBuilder::new(&mut meeting, wrap_width);
    body.repair_pages(repair);
    for (offset, &line) in body_lines.iter().enumerate() {
        let number = start + offset + 1;
        let is_speaker = speakers.get(offset).copied().flatten().is_some();
        if !is_speaker
            && !body.has_open_speech()
            && let Some((kind, value)) = header::section_kind(line).filter(|(k, _)| late_section_kind(*k))
        {
            body.close();
            late.push((kind, header::section_of(line, value)));
            in_late = true;
            continue;
        }
        if in_late && !is_speaker && !starts_body_again(line) {
            if let Some((_, section)) = late.last_mut()
                && !line.trim().is_empty()
            {
                section.lines.push(line.trim().to_owned());
            }
            continue;
        }
        in_late = false;
        if let Some(speaker) = speakers.get(offset).copied().flatten() {
            // Labels repeat (the chair speaks every other turn): each is analysed once.
            let info = match analysed.get(speaker.label) {
                Some(info) => info.clone(),
                None if speaker.label.contains(['（', '(']) => {
                    let info = analyze_minutes_label(speaker.label);
                    analysed.insert(speaker.label, info.clone());
                    info
                }
                None => {
                    let known = known.get_or_insert_with(|| with_label_names(listed.clone(), &speakers));
                    let info = analyze_minutes_label_among(speaker.label, &|name| known.contains(name));
                    analysed.insert(speaker.label, info.clone());
                    info
                }
            };
            body.start_turn_with(number, speaker.label, info);
            if !speaker.speech.trim().is_empty() {
                body.text(number, speaker.speech);
            }
        } else if let Some(heading) = marked_heading(line) {
            body.heading(number, heading, line.trim());
        } else if line.starts_with('\u{3000}')
            && body.has_open_turn()
            && !is_stage_direction(line)
            && !is_page_footer(line)
        {
            // `　日程第１、…を行います。` inside a turn is the speaker continuing, whatever it
            // looks like: an indented line is a paragraph of the open turn.
            body.text(number, line);
        } else if is_stage_direction(line) && body.has_open_speech() && speech_continues(body_lines, offset + 1) {
            // `（賛　成　者　起　立）` and the chair goes on without a new label: one turn, the
            // stage direction a paragraph of it (as the Diet API records write it).
            body.text(number, line);
        } else {
            body.line(number, line);
        }
    }
    body.finish();
    for (kind, section) in late {
        if kind == SectionKind::Attendees {
            meeting.attendees.extend(section.lines.iter().flat_map(|l| header::table_names(l)));
        }
        meeting.header.push(section);
    }
    fill_time_from_body(&mut meeting);
    meeting
}

/// Header sections that may follow the start of the body: attendance and other tables of people
/// (`出席議員`, `出席説明員`, `議会事務局`, `欠席議員`), never dates, places or the agenda.
fn late_section_kind(kind: SectionKind) -> bool {
    matches!(kind, SectionKind::Attendees | SectionKind::Other)
}

/// A line that ends a header table met in the body: a heading, a stage direction or a procedure
/// line (speaker lines end it too).
fn starts_body_again(line: &str) -> bool {
    marked_heading(line).is_some() || agenda_heading(line).is_some() || is_stage_direction(line) || is_procedure(line)
}

/// Whether the next non-blank line from `from` continues a speech: plain text, not a speaker
/// line, heading, stage direction, procedure line or page footer.
fn speech_continues(lines: &[&str], from: usize) -> bool {
    let Some(next) = lines.get(from..).unwrap_or_default().iter().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    // A marked line is a speaker line or a heading, never speech going on.
    !next.trim_start().starts_with(|c: char| is_marker(c) || matches!(c, '△' | '▲' | '■' | '□'))
        && marked_heading(next).is_none()
        && agenda_heading(next).is_none()
        && !is_stage_direction(next)
        && !is_procedure(next)
        && !is_page_footer(next)
}

/// Names the minutes give in the attendance and other header tables (`説明のため出席した者`).
/// With the names in brackets of labels ([`with_label_names`]), a label without brackets splits
/// its name from its position at such a name (`山田太郎総務部長`).
fn listed_names(meeting: &Meeting) -> HashSet<String> {
    let mut known: HashSet<String> = meeting.attendees.iter().cloned().collect();
    for section in &meeting.header {
        known.extend(section.lines.iter().flat_map(|l| header::table_names(l)));
    }
    known
}

/// Adds the names in brackets of labels (`議長（山田太郎君）` → 山田太郎), each label read once.
fn with_label_names(mut known: HashSet<String>, speakers: &[Option<SpeakerLine<'_>>]) -> HashSet<String> {
    let bracketed: HashSet<&str> =
        speakers.iter().flatten().map(|s| s.label).filter(|l| l.ends_with(['）', ')'])).collect();
    known.extend(bracketed.into_iter().map(|label| analyze_minutes_label(label).speaker));
    known
}

/// The speaker line at the start of `line`, if it is one: a marker, a label of speaker shape,
/// then a space and the speech (or nothing).
pub(crate) fn speaker_line(line: &str) -> Option<SpeakerLine<'_>> {
    speaker_line_judged(line, &mut is_speaker_label)
}

/// [`speaker_line`] with the judge of labels given: a reader of many records by few speakers
/// remembers its verdicts (the judge is most of the cost).
pub(crate) fn speaker_line_judged<'l>(
    line: &'l str,
    is_label: &mut impl FnMut(&str) -> bool,
) -> Option<SpeakerLine<'l>> {
    let t = line.trim_start();
    let marker = t.chars().next().filter(|&c| is_marker(c))?;
    let rest = &t[marker.len_utf8()..];
    let mut depth = 0usize;
    let mut previous_space = false;
    for (count, (i, c)) in rest.char_indices().enumerate() {
        if count > MAX_LABEL_CHARS {
            return None;
        }
        match c {
            '（' | '(' | '【' | '［' | '[' => depth += 1,
            '）' | ')' | '】' | '］' | ']' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 && !previous_space && i > 0 => {
                let after = rest[i..].trim_start();
                // `○議長 (山田太郎君)　…`: a bracket after the space still belongs to the label,
                // unless the label already has its name in brackets: then `（朗読）` is speech.
                let named = bracketed_tail(&rest[..i].replace(char::is_whitespace, "")).is_some();
                if (named || !after.starts_with(['（', '('])) && is_label(&rest[..i]) {
                    return Some(SpeakerLine { marker, label: rest[..i].trim(), speech: after });
                }
            }
            _ => {}
        }
        previous_space = c.is_whitespace();
    }
    // The label alone on its line, the speech on the next.
    let label = rest.trim();
    is_label(label).then_some(SpeakerLine { marker, label, speech: "" })
}

/// Whether the file writes each label alone on its line with the speech on the lines after it
/// (`○議長（梶　泰久）` / `休憩前に…`), as text copied from city web pages does: at least two
/// such labels of assembly shape (a name in brackets or 君), and more of them than summary
/// labels in square brackets. Such a file is verbatim minutes, whatever the detection scored.
pub(crate) fn labels_stand_alone(lines: &[&str]) -> bool {
    let window = &lines[..lines.len().min(3000)];
    let mut alone = 0usize;
    let mut bracketed = 0usize;
    for (index, line) in window.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with(['[', '［', '【']) {
            bracketed += 1;
            continue;
        }
        let Some(speaker) = speaker_line(line) else { continue };
        let compact: String = speaker.label.chars().filter(|c| !c.is_whitespace()).collect();
        let assembly_shape = bracketed_tail(&compact).is_some() || compact.ends_with('君');
        let speech_follows = window[index + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|next| speaker_line(next).is_none() && !next.trim_start().starts_with(['◎', '△']));
        if speaker.speech.trim().is_empty() && assembly_shape && speech_follows {
            alone += 1;
        }
    }
    alone >= 2 && alone > bracketed
}

/// Markers that open a speaker line (◇ and △ are only ever separators and headings).
fn is_marker(c: char) -> bool {
    matches!(c, '○' | '◯' | '〇' | '◎' | '◆' | '●')
}

/// Whether a label (as written, spaces allowed) has the shape of a speaker: a position with a
/// name in brackets, a name with 君, or a position word at the end.
pub(crate) fn is_speaker_label(label: &str) -> bool {
    let compact: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    if n == 0 || n > MAX_LABEL_CHARS || compact.contains(['。', '、', '「', '」', '『', '』', '：', ':']) {
        return false;
    }
    // `日程第１`, `議案第３０号` are headings whatever marker they carry.
    if agenda_heading(&compact).is_some() || compact.contains('号') || compact.ends_with("について") {
        return false;
    }
    if let Some(inside) = bracketed_tail(&compact) {
        // A name in brackets: not `（12名）`, `（第１号）`, `（…の件）`.
        let inside_chars = inside.chars().count();
        let digits = inside.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        return (1..=20).contains(&inside_chars) && !digits && !inside.contains(['第', '件']);
    }
    let before_kun = compact.strip_suffix('君').map(|s| s.chars().count());
    before_kun.is_some_and(|k| k >= 2) || ends_with_position_word(&compact)
}

/// The text inside a closing bracket at the end: `議長（山田太郎君）` → `山田太郎君`.
fn bracketed_tail(compact: &str) -> Option<&str> {
    let (open, close) = if compact.ends_with('）') {
        ('（', '）')
    } else if compact.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let at = compact.rfind(open)?;
    compact.get(at + open.len_utf8()..compact.len() - close.len_utf8())
}

/// `◎日程第１　会議録署名議員の指名`, `△諸般の報告について`, `◎議案第３０号…`: a marked
/// line that is not a speaker line is a heading.
pub(crate) fn marked_heading(line: &str) -> Option<Heading> {
    let t = line.trim();
    let first = t.chars().next()?;
    if !matches!(first, '◎' | '△' | '▲' | '■' | '□') || speaker_line(t).is_some() {
        return None;
    }
    if let Some(heading) = agenda_heading(t) {
        return Some(heading);
    }
    let title = t[first.len_utf8()..].trim();
    let heading_like = !title.is_empty() && title.chars().count() <= 80 && !title.ends_with('。');
    heading_like.then(|| Heading { number: None, label: String::new(), title: title.to_owned() })
}

/// The start time from the first 開議/開会 line and the end from the last 散会/閉会 line,
/// where the header did not give them.
fn fill_time_from_body(meeting: &mut Meeting) {
    if meeting.time.is_some_and(|t| t.end.is_some()) {
        // A stated range (`日時：午後２時～午後３時半`) is what the minutes say; keep it.
        return;
    }
    let procedure_time = |words: &[&str], turn: &crate::meeting::Turn| {
        let text = turn.paragraphs.first()?;
        (turn.kind == TurnKind::Procedure && words.iter().any(|w| text.contains(w)))
            .then(|| find_time_range(text))
            .flatten()
    };
    let start = meeting.turns.iter().find_map(|t| procedure_time(&["開議", "開会", "再開"], t)).map(|r| r.start);
    let end =
        meeting.turns.iter().rev().find_map(|t| procedure_time(&["散会", "閉会", "延会", "閉議"], t)).map(|r| r.start);
    // The body's `午前10時　開議` is when the sitting opened; the header's is when it was called.
    let start = start.or(meeting.time.map(|t| t.start));
    if let Some(start) = start {
        let end = end.filter(|&end| end >= start);
        meeting.time = Some(TimeRange { start, end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Option<(&str, &str)> {
        speaker_line(line).map(|s| (s.label, s.speech))
    }

    #[test]
    fn speaker_lines_by_shape() {
        assert_eq!(split("○議長（山田太郎君）　ただいまから"), Some(("議長（山田太郎君）", "ただいまから")));
        assert_eq!(split("◎市長（櫻田　宏）　答弁します。"), Some(("市長（櫻田　宏）", "答弁します。")));
        assert_eq!(split("○岩 井 英 明君　質問します。"), Some(("岩 井 英 明君", "質問します。")));
        assert_eq!(split("○議長 (山田太郎君)　はい。"), Some(("議長 (山田太郎君)", "はい。")));
        assert_eq!(split("○議長（山田太郎君）"), Some(("議長（山田太郎君）", "")));
        // Regression: the speaker of `○事務局長（山田一郎）　（朗読）` was `朗読`.
        assert_eq!(split("○事務局長（山田一郎）　（朗読）"), Some(("事務局長（山田一郎）", "（朗読）")));
        assert_eq!(split("◎日程第１　会議録署名議員の指名"), None);
        assert_eq!(split("◎議案第３０号（条例改正）　説明"), None);
        assert_eq!(split("○この件について説明します。"), None);
        assert_eq!(split("―――◇―――"), None);
    }

    #[test]
    fn headings_by_shape() {
        assert_eq!(marked_heading("◎日程第１　会議録署名議員の指名").and_then(|h| h.number), Some(1));
        assert_eq!(marked_heading("△諸般の報告について").map(|h| h.title), Some("諸般の報告について".to_owned()));
        assert!(marked_heading("○議長（山田太郎君）　開会します。").is_none());
        assert!(marked_heading("◎市長（佐々木　宏）　答弁します。").is_none());
    }
}
