//! The reading-quality check: whether a parsed meeting looks wrongly read, so that a wrong
//! reading is never silent. It looks at the result, not at how it was produced, so it applies to
//! every format:
//! - label-like lines left in the body: a paragraph that starts like a speaker line (`○議長（…）`,
//!   `[森委員]`, a known speaker's `Name:`, or a line shaped like most of the meeting's labels);
//! - one speaker holding most of the text while such lines exist;
//! - several speakers whose every turn looks like metadata or code (a link, a number, a list of
//!   names, `HC: HealthCheck<…>`), which is what key-value lines and code read as turns look like.
//!
//! When any of these fires, the meeting gets one warning diagnostic (`reading_doubt`) saying what
//! looks wrong and where, with source line numbers.

mod labels;
mod speakers;

use crate::meeting::{Diagnostic, DiagnosticKind, Meeting, Severity, Turn, TurnKind};
use labels::{LabelShapes, label_like_lines};
use speakers::{dominant_speaker, metadata_speakers, overrun_lists, speakers_for_several_people};

/// This many speakers that look like metadata or code make the speaker list doubtful.
const METADATA_SPEAKERS: usize = 2;
/// Line numbers quoted in the message.
const LINES_QUOTED: usize = 5;

/// The kind of the diagnostic the check adds.
pub const KIND: DiagnosticKind = DiagnosticKind::ReadingDoubt;

/// Adds a warning to `meeting` when it looks wrongly read. `lines` are the sanitised source lines
/// its line ranges refer to (empty when there are none: turn lines are then quoted instead).
pub fn check(meeting: &mut Meeting, lines: &[&str]) {
    if let Some(diagnostic) = assess(meeting, lines) {
        meeting.diagnostics.push(diagnostic);
    }
}

/// The warning a meeting deserves, if any.
pub(crate) fn assess(meeting: &Meeting, lines: &[&str]) -> Option<Diagnostic> {
    let speech: Vec<&Turn> = meeting.turns.iter().filter(|t| t.kind == TurnKind::Speech).collect();
    let shapes = LabelShapes::of(&speech);
    let left = label_like_lines(meeting, lines, &shapes);
    let mut findings = Vec::new();
    let mut first_line = None;
    if !left.is_empty() {
        let inside = left.iter().filter(|(_, in_turn)| *in_turn).count();
        let where_ = if inside == left.len() {
            "inside turns"
        } else if inside == 0 {
            "outside any turn"
        } else {
            "in the body"
        };
        let numbers: Vec<usize> = left.iter().map(|(n, _)| *n).collect();
        findings.push(format!(
            "{} label-like line{} left {where_} ({})",
            left.len(),
            plural(left.len()),
            quote(&numbers)
        ));
        first_line = numbers.first().copied();
        if let Some((name, share)) = dominant_speaker(&speech) {
            findings.push(format!("{name} holds {share}% of the text"));
        }
    }
    let overrun = overrun_lists(&speech, lines);
    if !overrun.is_empty() {
        findings.push(format!(
            "{} turn{} of a list item run{} over items less indented than its own ({})",
            overrun.len(),
            plural(overrun.len()),
            if overrun.len() == 1 { "s" } else { "" },
            quote(&overrun)
        ));
        first_line = first_line.or(overrun.first().copied());
    }
    for (speaker, people, line) in speakers_for_several_people(&speech) {
        findings.push(format!("speaker {speaker} stands for several people ({}; line {line})", people.join(", ")));
        first_line = first_line.or(Some(line));
    }
    let odd = metadata_speakers(&speech);
    let named = odd.iter().any(|(_, _, name_list)| *name_list);
    if odd.len() >= METADATA_SPEAKERS || named {
        let names: Vec<String> =
            odd.iter().take(LINES_QUOTED).map(|(name, line, _)| format!("{name} (line {line})")).collect();
        let more =
            if odd.len() > LINES_QUOTED { format!(" and {} more", odd.len() - LINES_QUOTED) } else { String::new() };
        let count = if odd.len() == 1 { "1 speaker looks".to_owned() } else { format!("{} speakers look", odd.len()) };
        findings.push(format!("{count} like metadata or code, not people: {}{more}", names.join(", ")));
        first_line = first_line.or(odd.first().map(|(_, line, _)| *line));
    }
    (!findings.is_empty()).then(|| {
        Diagnostic::new(
            Severity::Warning,
            KIND,
            first_line,
            format!("speakers may be misread: {}", findings.join("; ")),
        )
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `lines 12, 40, 57 and 3 more`.
fn quote(numbers: &[usize]) -> String {
    let shown: Vec<String> = numbers.iter().take(LINES_QUOTED).map(ToString::to_string).collect();
    let word = if numbers.len() == 1 { "line" } else { "lines" };
    let more = numbers.len().saturating_sub(LINES_QUOTED);
    if more > 0 {
        format!("{word} {} and {more} more", shown.join(", "))
    } else {
        format!("{word} {}", shown.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::speakers::value_kind;
    use super::*;
    use crate::parse::parse_text;

    fn doubt(text: &str) -> Option<Diagnostic> {
        let meeting = parse_text(text).remove(0);
        let lines: Vec<&str> = text.split('\n').collect();
        assess(&meeting, &lines)
    }

    #[test]
    fn a_label_alone_read_as_speech_is_doubted_with_its_line() {
        // Read as one speaker's words: the labels stand inside the text of the first.
        let meeting = Meeting {
            turns: vec![Turn {
                label: Some("議長（山田太郎君）".into()),
                speaker: Some("山田太郎".into()),
                paragraphs: vec!["開会します。".into(), "○市長（佐藤一郎君）".into(), "答弁します。".into()],
                lines: crate::meeting::LineRange::new(1, 4),
                ..Turn::default()
            }],
            ..Meeting::default()
        };
        let lines = ["○議長（山田太郎君）", "開会します。", "○市長（佐藤一郎君）", "答弁します。"];
        let d = assess(&meeting, &lines).expect("a doubt");
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("1 label-like line left inside turns (line 3)"), "{}", d.message);
        assert!(d.message.contains("山田太郎 holds 100% of the text"), "{}", d.message);
    }

    #[test]
    fn well_read_minutes_raise_no_doubt() {
        assert_eq!(doubt("○議長（山田太郎君）　開会します。\n○市長（佐藤一郎君）　答弁します。\n"), None);
        assert_eq!(doubt("# Notes\n\nAna: one\n\nBo: two\n\nAna: three\n"), None);
    }

    #[test]
    fn speakers_that_look_like_metadata_are_doubted() {
        let meeting = Meeting {
            turns: ["Audio", "Issue", "Ana"]
                .iter()
                .zip(["<https://example.invalid/a>", "https://example.invalid/b", "I think we should merge it."])
                .enumerate()
                .map(|(i, (s, p))| Turn {
                    label: Some((*s).into()),
                    speaker: Some((*s).into()),
                    paragraphs: vec![(*p).into()],
                    lines: crate::meeting::LineRange::new(i + 1, i + 1),
                    ..Turn::default()
                })
                .collect(),
            ..Meeting::default()
        };
        let d = assess(&meeting, &[]).expect("a doubt");
        assert!(
            d.message.contains("2 speakers look like metadata or code, not people: Audio (line 1), Issue (line 2)"),
            "{}",
            d.message
        );
    }

    #[test]
    fn values_and_speech() {
        for v in [
            "<https://example.invalid>",
            "[deck](https://example.invalid)",
            "23",
            "POP (@popsd)",
            "HC: Trait<check(): Send> + Send,",
        ] {
            assert!(value_kind(v).is_some(), "{v}");
        }
        for v in ["I agree.", "we should merge this", "Plz merge", "See the PR, it has the details."] {
            assert!(value_kind(v).is_none(), "{v}");
        }
    }

    #[test]
    fn a_qualifier_read_as_the_name_is_doubted() {
        let turn = |label: &str, line: usize| Turn {
            label: Some(label.into()),
            speaker: Some("as individual".into()),
            paragraphs: vec!["We agree with this direction.".into()],
            lines: crate::meeting::LineRange::new(line, line),
            ..Turn::default()
        };
        let meeting = Meeting {
            turns: vec![turn("Ann Lee (as individual)", 1), turn("Bo (as individual)", 2)],
            ..Meeting::default()
        };
        let d = assess(&meeting, &[]).expect("a doubt");
        assert!(
            d.message.contains("speaker as individual stands for several people (Ann Lee, Bo; line 1)"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn a_list_item_turn_running_over_the_list_is_doubted() {
        let lines = ["- Proposal two", "    - exception: forced unwind only", "- Proposal three", "    - plain"];
        let meeting = Meeting {
            turns: vec![Turn {
                label: Some("exception".into()),
                speaker: Some("exception".into()),
                paragraphs: vec!["forced unwind only".into(), "- Proposal three".into(), "- plain".into()],
                lines: crate::meeting::LineRange::new(2, 4),
                ..Turn::default()
            }],
            ..Meeting::default()
        };
        let d = assess(&meeting, &lines).expect("a doubt");
        assert!(
            d.message.contains("1 turn of a list item runs over items less indented than its own (line 2)"),
            "{}",
            d.message
        );
    }
}
