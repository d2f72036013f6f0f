//! Caption files (`[{"text": …, "start": 3.6, "duration": …}]`, as video sites export them):
//! the captions joined in order; `>>` marks a change of speaker, and since such files name
//! nobody, the speakers are shown as `Speaker 1`, `Speaker 2`… Without `>>` the text is one
//! unattributed block.

use crate::parse::json::tree::Value;

use crate::meeting::{Format, Meeting, TurnKind};
use crate::parse::json::clean;
use crate::parse::records::RecordsBuilder;

/// Keys that give a caption's start time.
const START_KEYS: &[&str] = &["start", "startTime", "start_time", "offset", "tStartMs"];

/// A caption list: objects with a text and a start time, most of them.
pub fn meeting(value: &Value) -> Option<Meeting> {
    let items = value.as_array()?;
    let captions: Vec<&str> = items
        .iter()
        .filter_map(|item| {
            let map = item.as_object()?;
            let timed = START_KEYS.iter().any(|k| map.get(k).is_some_and(Value::is_number));
            timed.then(|| map.get("text").and_then(Value::as_str)).flatten()
        })
        .collect();
    if captions.is_empty() || captions.len() * 2 < items.len() {
        return None;
    }
    let joined = captions.iter().map(|c| clean(c)).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
    let mut meeting = Meeting { format: Format::Records, title: "Captions".to_owned(), ..Meeting::default() };
    let mut body = RecordsBuilder::new(&mut meeting);
    let mut segments = joined.split(">>");
    if let Some(before) = segments.next() {
        body.single(TurnKind::Procedure, 1, before);
    }
    for (n, segment) in segments.enumerate() {
        let segment = segment.split_whitespace().collect::<Vec<_>>().join(" ");
        if segment.is_empty() {
            continue;
        }
        body.speech(1, &format!("Speaker {}", n + 1));
        body.paragraph(1, &segment);
    }
    Some(meeting)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chevrons_mark_unnamed_speakers() {
        let value: Value = serde_json::from_str(
            r#"[{"text":"STANDING BY","start":1.0},{"text":">> GOOD EVENING","start":2.0},
                {"text":"ALL.","start":3.0},{"text":">> THANK YOU.","start":4.0}]"#,
        )
        .expect("json");
        let m = meeting(&value).expect("captions");
        let turns: Vec<_> =
            m.speeches().map(|(_, t)| (t.speaker.clone().unwrap_or_default(), t.paragraphs[0].clone())).collect();
        assert_eq!(
            turns,
            [("Speaker 1".into(), "GOOD EVENING ALL.".into()), ("Speaker 2".into(), "THANK YOU.".into())]
        );
    }

    #[test]
    fn without_chevrons_the_text_is_one_block() {
        let value: Value = serde_json::from_str(r#"[{"text":"a","start":1},{"text":"b","start":2}]"#).expect("json");
        let m = meeting(&value).expect("captions");
        assert_eq!(m.speech_count(), 0);
        assert_eq!(m.turns[0].paragraphs, ["a b"]);
    }
}
