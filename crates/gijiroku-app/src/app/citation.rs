//! Citations: the text a yank copies, followed by a line saying where it comes from, made from
//! a template (the config's `citation`) with the meeting, the speaker, the agenda item, the
//! file and its source lines.

use gijiroku_core::meeting::Meeting;

/// The default template: `— 第1回…審議会, 2024-07-23, 森委員, ①…について (minutes.txt:41–43)`.
pub(crate) const DEFAULT_TEMPLATE: &str = "— {title}, {date}, {label}, {agenda} ({file}:{lines})";

/// The placeholders a template may use.
pub const PLACEHOLDERS: &[&str] = &["title", "date", "label", "speaker", "agenda", "file", "lines", "first", "last"];

/// Where the cited text is: the meeting and the file it came from.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    pub meeting: &'a Meeting,
    /// The file name (`minutes.txt`), or the sample's name.
    pub file: &'a str,
    pub template: &'a str,
}

/// The placeholders of `template` that are not known, for the config's check.
pub fn unknown_placeholders(template: &str) -> Vec<String> {
    segments(template)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Placeholder(name) if !PLACEHOLDERS.contains(&name) => Some(name.to_owned()),
            _ => None,
        })
        .collect()
}

enum Segment<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

fn segments(template: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        if open > 0 {
            out.push(Segment::Text(&rest[..open]));
        }
        out.push(Segment::Placeholder(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// Where turn `turn` stands, by the template. A placeholder with nothing to say is left out with
/// the separator before it (`, ` or ` · `), so an undated meeting gives no `, ,`.
pub(crate) fn citation_line(origin: Origin<'_>, turn: usize) -> String {
    let meeting = origin.meeting;
    let t = meeting.turns.get(turn);
    let lines = t.map(|t| t.lines).filter(|l| l.first > 0);
    let value = |name: &str| -> String {
        match name {
            "title" => meeting.title.trim().to_owned(),
            "date" => meeting.date.map(|d| d.to_string()).unwrap_or_default(),
            "label" => t.and_then(|t| t.label.clone()).unwrap_or_default(),
            "speaker" => t.and_then(|t| t.speaker.clone()).unwrap_or_default(),
            "agenda" => t
                .and_then(|t| t.agenda)
                .and_then(|a| meeting.agenda.get(a))
                .map(|item| format!("{}{}", item.label, item.title).trim().to_owned())
                .unwrap_or_default(),
            "file" => origin.file.to_owned(),
            "lines" => match lines {
                Some(l) if l.last > l.first => format!("{}–{}", l.first, l.last),
                Some(l) => l.first.to_string(),
                None => String::new(),
            },
            "first" => lines.map(|l| l.first.to_string()).unwrap_or_default(),
            "last" => lines.map(|l| l.last.to_string()).unwrap_or_default(),
            other => format!("{{{other}}}"),
        }
    };
    let mut out = String::new();
    for segment in segments(origin.template) {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Placeholder(name) => {
                let v = value(name);
                if v.is_empty() {
                    for separator in [", ", " · ", " "] {
                        if out.ends_with(separator) {
                            out.truncate(out.len() - separator.len());
                            break;
                        }
                    }
                } else {
                    out.push_str(&v);
                }
            }
        }
    }
    // Brackets left empty by missing values go too.
    out.replace(" ()", "").replace(" (:)", "").replace("()", "")
}

/// A whole turn: its label, its paragraphs, then the citation line.
pub(crate) fn cite_turn(origin: Origin<'_>, turn: usize) -> Option<String> {
    let t = origin.meeting.turns.get(turn)?;
    let mut text = String::new();
    if let Some(label) = t.label.as_deref() {
        text.push_str(label);
        text.push('\n');
    }
    text.push_str(&t.paragraphs.join("\n\n"));
    text.push_str("\n\n");
    text.push_str(&citation_line(origin, turn));
    text.push('\n');
    Some(text)
}

/// One paragraph, then the citation line.
pub(crate) fn cite_paragraph(origin: Origin<'_>, turn: usize, paragraph: usize) -> Option<String> {
    let p = origin.meeting.turns.get(turn)?.paragraphs.get(paragraph)?;
    Some(format!("{p}\n\n{}\n", citation_line(origin, turn)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gijiroku_core::meeting::{Date, LineRange, Turn};

    fn meeting() -> Meeting {
        Meeting {
            title: "架空市委員会".into(),
            date: Date::new(2024, 7, 23),
            turns: vec![Turn {
                label: Some("森委員".into()),
                speaker: Some("森委員".into()),
                paragraphs: vec!["発言。".into()],
                lines: LineRange::new(41, 43),
                ..Turn::default()
            }],
            ..Meeting::default()
        }
    }

    #[test]
    fn the_citation_names_the_file_and_its_lines() {
        let m = meeting();
        let origin = Origin { meeting: &m, file: "minutes.txt", template: DEFAULT_TEMPLATE };
        assert_eq!(citation_line(origin, 0), "— 架空市委員会, 2024-07-23, 森委員 (minutes.txt:41–43)");
        let custom = Origin { template: "[{file} L{first}-{last}] {speaker}", ..origin };
        assert_eq!(citation_line(custom, 0), "[minutes.txt L41-43] 森委員");
        let undated = Meeting { date: None, ..meeting() };
        let origin = Origin { meeting: &undated, ..origin };
        assert_eq!(citation_line(origin, 0), "— 架空市委員会, 森委員 (minutes.txt:41–43)");
        assert_eq!(unknown_placeholders("{title} {page}"), ["page"]);
    }
}
