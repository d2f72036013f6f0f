//! JSON lists of utterance records: which field names the speaker and which holds the text,
//! chosen by key names first and by the shape of the values otherwise (speakers are short,
//! one-line and repeat; speech is long); lists of meetings that each hold such a list; vendor
//! records whose `body` is HTML and whose `minute_type` says which record is the roster.

use std::collections::BTreeMap;

use crate::parse::json::tree::{Map, Value};

use crate::meeting::{Date, Format, HeaderSection, Meeting, TurnKind};
use crate::parse::date::{find_date, find_time_range};
use crate::parse::header::split_names;
use crate::parse::html;
use crate::parse::json::{KeyLocator, clean, one_line, scalar_line, scalar_text, title_in, title_of};
use crate::parse::label::LabelCache;
use crate::parse::lines::{is_speaker_marker, is_stage_direction};
use crate::parse::records::RecordsBuilder;
use crate::parse::verbatim::speaker_line;
use crate::sanitize::{sanitize, sanitized_text};

const SPEAKER_KEYS: &[&str] = &[
    "speaker",
    "Speaker",
    "SpeakerName",
    "speaker_name",
    "speakerName",
    "発言者",
    "発言者名",
    "話者",
    "name",
    "Name",
    "nick",
    "user",
    "author",
];
const TEXT_KEYS: &[&str] = &[
    "speech",
    "Speech",
    "utterance",
    "Utterance",
    "text",
    "Text",
    "body",
    "content",
    "message",
    "transcript",
    "発言",
    "発言内容",
    "本文",
];
const POSITION_KEYS: &[&str] = &["SpeakerPosition", "speakerPosition", "speaker_position", "position", "役職"];
const DATE_KEYS: &[&str] = &["Date", "date", "開催日", "日付", "meeting_date", "meetingDate", "held_on", "heldOn"];

/// Speakers are at most this long on average; longer values are text.
const MAX_SPEAKER_CHARS: usize = 40;

/// The fields of an utterance list.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fields {
    speaker: String,
    text: String,
    position: Option<String>,
    /// Vendor records: `minute_type` tells the roster from speeches, `title` is the label.
    vendor: bool,
}

/// Meetings from a list of meetings or from the best utterance list in the value.
pub fn meetings(value: &Value, text: &str) -> Option<Vec<Meeting>> {
    let mut locator = KeyLocator::new(text);
    let mut labels = LabelCache::default();
    if let Some(list) = meeting_list(value) {
        return Some(
            list.iter()
                .map(|(fields_of, utterances, f)| {
                    meeting_from(Some(fields_of), utterances, f, &mut locator, &mut labels)
                })
                .collect(),
        );
    }
    let (items, fields) = best_utterance_list(value)?;
    // Vendor records title each speech with its speaker: one meeting, whatever the titles.
    let groups = if fields.vendor { vec![items] } else { group_by_meeting(items) };
    let title_source = value.as_object();
    Some(
        groups
            .into_iter()
            .map(|group| {
                let mut meeting = meeting_from(None, &group, &fields, &mut locator, &mut labels);
                if meeting.title.is_empty() {
                    meeting.title = group
                        .first()
                        .filter(|_| !fields.vendor)
                        .and_then(|item| title_of(item))
                        .or_else(|| title_source.and_then(|_| title_of(value)))
                        .or_else(|| child_objects(value).find_map(title_of))
                        .unwrap_or_default();
                }
                if meeting.date.is_none() {
                    meeting.date = group
                        .first()
                        .and_then(|item| date_of(item))
                        .or_else(|| date_of(value))
                        .or_else(|| child_objects(value).find_map(date_of));
                }
                meeting
            })
            .collect(),
    )
}

/// The objects directly under an object (`{"minute": {"title": …}}`), where APIs put the
/// meeting's own fields beside its records.
fn child_objects<'v>(value: &'v Value<'v>) -> impl Iterator<Item = &'v Value<'v>> {
    value.as_object().into_iter().flat_map(|map| map.values()).filter(|v| v.is_object())
}

type MeetingEntry<'v> = (&'v Map<'v>, Vec<&'v Value<'v>>, Fields);

/// `[{Date, ProceedingTitle, Proceeding: [{Speaker, Utterance}]}]`: objects that each hold an
/// utterance list, found at the top or under one key of the top object.
fn meeting_list<'v>(value: &'v Value<'v>) -> Option<Vec<MeetingEntry<'v>>> {
    let list = match value {
        Value::Array(items) => items,
        Value::Object(map) => map.values().find_map(|v| v.as_array().filter(|a| a.iter().any(holds_utterances)))?,
        _ => return None,
    };
    let entries: Vec<MeetingEntry<'v>> = list
        .iter()
        .filter_map(|item| {
            let map = item.as_object()?;
            map.values().find_map(|v| {
                let items: Vec<&Value> = v.as_array()?.iter().collect();
                let fields = fields_of(&items)?;
                Some((map, items, fields))
            })
        })
        .collect();
    (!entries.is_empty() && entries.len() * 2 >= list.len()).then_some(entries)
}

fn holds_utterances(item: &Value) -> bool {
    item.as_object().is_some_and(|map| {
        map.values().any(|v| v.as_array().is_some_and(|a| fields_of(&a.iter().collect::<Vec<_>>()).is_some()))
    })
}

/// The largest list of objects anywhere in the value that has speaker and text fields.
fn best_utterance_list<'v>(value: &'v Value<'v>) -> Option<(Vec<&'v Value<'v>>, Fields)> {
    let mut best: Option<(Vec<&'v Value<'v>>, Fields)> = None;
    let mut stack = vec![value];
    let mut visited = 0usize;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > 200_000 {
            break;
        }
        match v {
            Value::Array(items) => {
                if items.len() > best.as_ref().map_or(0, |b| b.0.len()) {
                    let list: Vec<&Value<'_>> = items.iter().collect();
                    if let Some(fields) = fields_of(&list) {
                        best = Some((list, fields));
                        continue;
                    }
                }
                stack.extend(items.iter().filter(|i| i.is_array() || i.is_object()));
            }
            Value::Object(map) => stack.extend(map.values().filter(|i| i.is_array() || i.is_object())),
            _ => {}
        }
    }
    best
}

/// Statistics of one string field over a list.
#[derive(Default)]
struct FieldStats<'v> {
    present: usize,
    chars: usize,
    multiline: usize,
    distinct: rustc_hash::FxHashSet<&'v str>,
}

/// Chooses the speaker and text fields of a list of objects, or `None` when it is not an
/// utterance list.
fn fields_of<'v>(items: &[&'v Value<'v>]) -> Option<Fields> {
    let objects: Vec<&'v Map<'v>> = items.iter().filter_map(|i| i.as_object()).collect();
    if objects.is_empty() || objects.len() * 2 < items.len() {
        return None;
    }
    if objects.iter().any(|o| o.contains_key("minute_type")) && objects.iter().any(|o| o.contains_key("body")) {
        return Some(Fields { speaker: "title".into(), text: "body".into(), position: None, vendor: true });
    }
    let stats = field_stats(&objects, false);
    let sampled = objects.len().min(2_000);
    let usable = |s: &FieldStats<'_>| s.present * 2 >= sampled;
    let average = |s: &FieldStats<'_>| s.chars / s.present.max(1);
    let speaker_shaped =
        |s: &FieldStats<'_>| usable(s) && average(s) <= MAX_SPEAKER_CHARS && s.multiline * 10 <= s.present;
    let text =
        TEXT_KEYS.iter().find(|k| stats.get(**k).is_some_and(usable)).map(|k| (*k).to_owned()).or_else(|| {
            stats
                .iter()
                .filter(|(_, s)| usable(s) && average(s) >= 10)
                .max_by_key(|(_, s)| average(s))
                .map(|(k, _)| (*k).to_owned())
        })?;
    let speaker = SPEAKER_KEYS
        .iter()
        .find(|k| **k != text && stats.get(**k).is_some_and(|s| s.present == 0 || speaker_shaped(s)))
        .map(|k| (*k).to_owned())
        .or_else(|| {
            // No known name: a short one-line field whose values repeat, as names do. Counting
            // distinct values costs a hash of each, so only now.
            let stats = field_stats(&objects, true);
            stats
                .iter()
                .filter(|(k, s)| **k != text && speaker_shaped(s) && sampled >= 4 && s.distinct.len() * 2 <= s.present)
                .min_by_key(|(_, s)| s.distinct.len())
                .map(|(k, _)| (*k).to_owned())
        })?;
    let position = POSITION_KEYS.iter().find(|k| stats.contains_key(**k)).map(|k| (*k).to_owned());
    Some(Fields { speaker, text, position, vendor: false })
}

/// The string fields' statistics over the first 2,000 objects; `distinct` also collects the
/// short values of each.
fn field_stats<'v>(objects: &[&'v Map<'v>], distinct: bool) -> BTreeMap<&'v str, FieldStats<'v>> {
    let mut stats: BTreeMap<&str, FieldStats<'_>> = BTreeMap::new();
    for object in objects.iter().take(2_000) {
        for (key, value) in object.iter() {
            if let Value::String(s) = value {
                let entry = stats.entry(key).or_default();
                entry.present += 1;
                entry.chars += s.chars().count().min(10_000);
                entry.multiline += usize::from(s.contains('\n'));
                // Only short values can be names.
                if distinct && entry.distinct.len() < 1_000 && s.len() <= 4 * MAX_SPEAKER_CHARS {
                    entry.distinct.insert(s);
                }
            } else if value.is_null() {
                stats.entry(key).or_default();
            }
        }
    }
    stats
}

/// Consecutive records of one meeting (same date and title) in a flat list of sentences.
fn group_by_meeting<'v>(items: Vec<&'v Value<'v>>) -> Vec<Vec<&'v Value<'v>>> {
    let key = |item: &Value<'_>| (date_of(item), title_of(item));
    let mut groups: Vec<Vec<&'v Value<'v>>> = Vec::new();
    let mut current_key = None;
    for item in items {
        let k = key(item);
        let starts_meeting = current_key.as_ref() != Some(&k) && (k.0.is_some() || k.1.is_some());
        if groups.is_empty() || starts_meeting {
            groups.push(Vec::new());
            current_key = Some(k);
        }
        if let Some(group) = groups.last_mut() {
            group.push(item);
        }
    }
    groups
}

/// The date field of an object.
pub(crate) fn date_of(value: &Value) -> Option<Date> {
    date_in(value.as_object()?)
}

fn date_in(map: &Map<'_>) -> Option<Date> {
    DATE_KEYS.iter().filter_map(|k| map.get(k).and_then(scalar_text)).find_map(|d| find_date(&d))
}

/// One meeting from its own fields (if any) and its utterances.
fn meeting_from(
    fields_of_meeting: Option<&Map<'_>>,
    items: &[&Value<'_>],
    fields: &Fields,
    locator: &mut KeyLocator<'_>,
    labels: &mut LabelCache,
) -> Meeting {
    // A list of sentences (records that carry their meeting's date or title) gives one turn
    // per run of one speaker; a meeting's own list of utterances gives one turn per record.
    let merge_consecutive =
        fields_of_meeting.is_none() && items.iter().any(|i| date_of(i).is_some() || title_of(i).is_some());
    let mut meeting = Meeting { format: Format::Records, ..Meeting::default() };
    if let Some(map) = fields_of_meeting {
        meeting.title = title_in(map).unwrap_or_default();
        meeting.date = date_in(map);
        let lines: Vec<String> = map
            .iter()
            .filter_map(|(k, v)| Some(format!("{}: {}", one_line(clean(k)), scalar_line(v)?)))
            .filter(|line| !line.ends_with(&meeting.title) || meeting.title.is_empty())
            .collect();
        if !lines.is_empty() {
            meeting.header.push(HeaderSection { label: String::new(), lines });
        }
    }
    let mut header_lines = Vec::new();
    let mut body = RecordsBuilder::with_labels(&mut meeting, std::mem::take(labels));
    let mut last_label: Option<String> = None;
    let mut any_turn = false;
    for item in items {
        let line = locator.next(&fields.text);
        let Some(map) = item.as_object() else { continue };
        let text = map.get(&fields.text).map(text_lines).unwrap_or_default();
        let label = label_of(map, fields);
        let roster = fields.vendor && map.get("minute_type").and_then(scalar_text).is_some_and(|t| t.contains("名簿"));
        if roster {
            let names = text.iter().flat_map(|l| split_names(l)).collect::<Vec<_>>();
            body.meeting().attendees.extend(names);
            header_lines.extend(text);
            continue;
        }
        let Some(label) = label else {
            if any_turn {
                for t in &text {
                    let kind = if is_stage_direction(t) { TurnKind::Stage } else { TurnKind::Procedure };
                    body.single(kind, line, t);
                }
                last_label = None;
            } else {
                header_lines.extend(text);
            }
            continue;
        };
        let text = if fields.vendor { without_label_line(text) } else { text };
        any_turn = true;
        if !merge_consecutive || last_label.as_deref() != Some(label.as_str()) || !body.is_open() {
            body.speech(line, &label);
        }
        for t in &text {
            if is_stage_direction(t) {
                body.single(TurnKind::Stage, line, t);
            } else {
                body.continue_as(line, &label, t);
            }
        }
        last_label = Some(label);
    }
    *labels = body.into_labels();
    if meeting.time.is_none() {
        // `午前十時開議` in the record that holds the header.
        meeting.time = header_lines.iter().find_map(|l| find_time_range(l));
    }
    if !header_lines.is_empty() {
        meeting.header.push(HeaderSection { label: String::new(), lines: header_lines });
    }
    meeting
}

/// The label of a record: the speaker field, with the position field before it as minutes
/// write it (`委員長（山田太郎）`); `None` for header and procedure records (`null`, `"null"`).
fn label_of(map: &Map<'_>, fields: &Fields) -> Option<String> {
    let speaker = map.get(&fields.speaker).and_then(scalar_line)?;
    let speaker = speaker.trim_start_matches(is_speaker_marker).trim().to_owned();
    if speaker.is_empty() {
        return None;
    }
    let position = fields.position.as_ref().and_then(|k| map.get(k)).and_then(scalar_line);
    Some(match position {
        Some(position) if !speaker.contains(&position) => format!("{position}（{speaker}）"),
        _ => speaker,
    })
}

/// The lines of a text field: HTML bodies read as a page, plain text split at newlines.
fn text_lines(value: &Value) -> Vec<String> {
    let Some(raw) = value.as_str() else {
        return scalar_text(value).into_iter().collect();
    };
    if raw.contains('<') && html::looks_like_fragment(raw) {
        let lines = html::extract(raw).blocks.into_iter().flat_map(|b| b.lines);
        return lines.map(|l| keep_indent(&sanitize(&l).text).to_owned()).filter(|l| !l.is_empty()).collect();
    }
    // One sanitising pass for the whole record, then its lines.
    let clean = sanitized_text(raw);
    clean.split('\n').map(keep_indent).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Trailing space trimmed, a leading U+3000 (paragraph indent) kept; blank lines become empty.
fn keep_indent(line: &str) -> &str {
    let line = line.trim_end();
    if line.trim_start().is_empty() { "" } else { line.trim_start_matches([' ', '\t']) }
}

/// A vendor body repeats the label on its first line (`○議長（山本一郎）　ただいまから…`).
fn without_label_line(mut lines: Vec<String>) -> Vec<String> {
    if let Some(first) = lines.first() {
        if let Some(found) = speaker_line(first) {
            let speech = found.speech.trim().to_owned();
            if speech.is_empty() {
                lines.remove(0);
            } else {
                lines[0] = speech;
            }
        } else if first.starts_with(is_speaker_marker) && first.chars().count() <= 40 {
            lines.remove(0);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Vec<Meeting> {
        let value: Value = serde_json::from_str(json).expect("test JSON");
        meetings(&value, json).expect("utterances")
    }

    #[test]
    fn research_corpus_gives_one_meeting_per_element() {
        let json = r#"[
          {"Date":"2021/3/4","ProceedingTitle":"架空委員会速記録第一号","Proceeding":[
            {"Speaker":"null","Utterance":"　第一委員会室\n　午後一時開議"},
            {"Speaker":"北村委員長","Utterance":"ただいまから委員会を開会いたします。\n　本日は…"},
            {"Speaker":"南委員","Utterance":"質問します。"}]},
          {"Date":"2021/3/5","ProceedingTitle":"架空委員会速記録第二号","Proceeding":[
            {"Speaker":null,"Utterance":"　午後二時開議"},
            {"Speaker":"北村委員長","Utterance":"開会します。"}]}]"#;
        let meetings = parse(json);
        assert_eq!(meetings.len(), 2);
        assert_eq!(meetings[0].title, "架空委員会速記録第一号");
        assert_eq!(meetings[0].date.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
        assert_eq!(meetings[0].speech_count(), 2);
        assert_eq!(meetings[0].turns[0].paragraphs.len(), 2);
        assert!(meetings[0].header.iter().any(|s| s.lines.iter().any(|l| l.contains("第一委員会室"))));
    }

    #[test]
    fn consecutive_sentences_of_one_speaker_are_one_turn() {
        let json = r#"[{"Date":"2020-01-01","Title":"T","SpeakerPosition":"委員長","SpeakerName":"北村","Utterance":"一文目。"},
                       {"Date":"2020-01-01","Title":"T","SpeakerPosition":"委員長","SpeakerName":"北村","Utterance":"二文目。"},
                       {"Date":"2020-01-01","Title":"T","SpeakerPosition":"委員","SpeakerName":"南","Utterance":"三文目。"}]"#;
        let meetings = parse(json);
        assert_eq!(meetings.len(), 1);
        let turns: Vec<_> = meetings[0].speeches().map(|(_, t)| (t.label.clone(), t.paragraphs.len())).collect();
        assert_eq!(turns, [(Some("委員長（北村）".to_owned()), 2), (Some("委員（南）".to_owned()), 1)]);
    }

    #[test]
    fn vendor_records_read_html_bodies_and_roster() {
        let json = r#"{"tenant_minutes":[
          {"minute_type":"名簿","title":"出席者","body":"<pre>北村一郎、南二郎</pre>"},
          {"minute_type":"○議長","title":"議長（北村一郎）","body":"<pre>○議長（北村一郎）　開会します。\n　本日の日程…</pre>"},
          {"minute_type":"◎答弁","title":"市長（東三郎）","body":"<pre>○市長（東三郎）　お答えします。</pre>"}]}"#;
        let meetings = parse(json);
        let m = &meetings[0];
        assert_eq!(m.attendees, ["北村一郎", "南二郎"]);
        let speakers: Vec<_> = m.speeches().map(|(_, t)| t.speaker.clone().unwrap_or_default()).collect();
        assert_eq!(speakers, ["北村一郎", "東三郎"]);
        assert_eq!(m.turns[0].paragraphs[0], "開会します。");
    }

    #[test]
    fn fields_are_chosen_by_shape_when_keys_are_unknown() {
        let json = r#"{"items":[{"who":"Ann","said":"a long enough sentence to be speech"},
                                 {"who":"Bo","said":"another long enough sentence here"},
                                 {"who":"Ann","said":"and a third one that is long too"},
                                 {"who":"Bo","said":"the fourth and last of them all"}]}"#;
        let meetings = parse(json);
        let speakers: Vec<_> = meetings[0].speeches().map(|(_, t)| t.speaker.clone().unwrap_or_default()).collect();
        assert_eq!(speakers, ["Ann", "Bo", "Ann", "Bo"]);
    }
}
