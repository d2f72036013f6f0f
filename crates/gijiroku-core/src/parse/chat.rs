//! IRC and chat logs: `12:01:33 <nick> text`, `[12:01] <nick> text`, `2020-11-02 19:01:03\tnick\ttext`
//! (weechat), `12:01 nick: text`. Joins, parts, topic changes, bots and channel commands
//! (`present+`, `q+`, `ack x`) are procedure, not turns. Scribed logs (W3C style): after
//! `scribe: X` or `scribenick: X`, the scribe's `Name: text` lines are turns by Name and
//! `... text` continues the scribe's last turn; `Topic:` lines are agenda items. Lines a log
//! replays after a reconnect (same time, nick and text) are read once.

use std::collections::HashSet;

use crate::meeting::{Date, Format, Meeting, TurnKind};
use crate::parse::records::RecordsBuilder;

/// Lines looked at to recognise a chat log.
const DETECTION_LINES: usize = 400;

/// One line of a log, split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChatLine<'a> {
    pub date: Option<&'a str>,
    pub time: &'a str,
    /// The nick, or `None` for a system line (join, part, topic, action).
    pub nick: Option<&'a str>,
    pub text: &'a str,
}

/// Whether most of the first lines are chat lines (and there are enough of them to say so).
pub(crate) fn looks_like_chat(lines: &[&str]) -> bool {
    let window = lines.iter().filter(|l| !l.trim().is_empty()).take(DETECTION_LINES);
    let (mut total, mut chat) = (0usize, 0usize);
    for line in window {
        total += 1;
        if chat_line(line).is_some() {
            chat += 1;
        }
    }
    chat >= 5 && chat * 10 >= total * 6
}

/// `2020-11-02 19:00:43` / `[19:00]` / `19:00:43` at the start of a line, and the rest.
fn stamp(line: &str) -> Option<(Option<&str>, &str, &str)> {
    let mut rest = line.trim_start();
    let mut date = None;
    if rest.len() >= 11
        && rest.as_bytes()[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && matches!(rest.as_bytes()[10], b' ' | b'T' | b'\t')
    {
        date = Some(&rest[..10]);
        rest = &rest[11..];
    }
    let bracketed = rest.starts_with('[');
    let inner = if bracketed { &rest[1..] } else { rest };
    let len = clock_len(inner)?;
    let after = &inner[len..];
    let after = if bracketed { after.strip_prefix(']')? } else { after };
    let after = after.strip_prefix([' ', '\t'])?;
    Some((date, &inner[..len], after))
}

/// Length of `HH:MM` or `HH:MM:SS` at the start.
fn clock_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let two = |at: usize| b.get(at..at + 2).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(two(0) && b.get(2) == Some(&b':') && two(3)) {
        return None;
    }
    Some(if b.get(5) == Some(&b':') && two(6) { 8 } else { 5 })
}

/// Prefixes clients write before system lines (weechat, irssi, mIRC).
const SYSTEM_PREFIXES: &[&str] = &["-!-", "***", "-->", "<--", "--", "⚡", "▷", "◁", "=!=", "*", "…", "!"];

/// Splits a chat line, or `None` when the line is not one.
pub(crate) fn chat_line(line: &str) -> Option<ChatLine<'_>> {
    let (date, time, rest) = stamp(line)?;
    if let Some((nick, text)) = rest.split_once('\t') {
        let nick = nick.trim();
        let system = SYSTEM_PREFIXES.contains(&nick) || nick.is_empty();
        return Some(ChatLine { date, time, nick: (!system).then_some(nick), text: text.trim_end() });
    }
    if let Some(inner) = rest.strip_prefix('<') {
        let (nick, text) = inner.split_once('>')?;
        let nick = nick.trim().trim_start_matches(['@', '+', '%', '~', '&']);
        return (is_nick(nick)).then_some(ChatLine { date, time, nick: Some(nick), text: text.trim() });
    }
    if let Some(prefix) = SYSTEM_PREFIXES.iter().find(|p| rest.starts_with(**p)) {
        return Some(ChatLine { date, time, nick: None, text: rest[prefix.len()..].trim() });
    }
    let (nick, text) = rest.split_once(": ")?;
    is_nick(nick).then_some(ChatLine { date, time, nick: Some(nick), text: text.trim() })
}

/// One word of nick characters.
fn is_nick(nick: &str) -> bool {
    !nick.is_empty()
        && nick.chars().count() <= 32
        && nick.chars().all(|c| c.is_alphanumeric() || "_-[]\\^{}|`.'".contains(c))
}

/// Bots that minute W3C and other channels: their lines are procedure.
fn is_bot(nick: &str) -> bool {
    let n = nick.to_ascii_lowercase();
    ["zakim", "rrsagent", "trackbot", "github-bot", "chanserv", "nickserv"].contains(&n.as_str()) || n.ends_with("bot")
}

/// Lines typed to run the meeting, not to say something: the speaker queue, attendance,
/// scribe changes, bot commands, corrections (`s/old/new/`).
pub(crate) fn is_channel_command(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    let first = t.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches([':', ',']);
    matches!(first, "q+" | "q-" | "q?" | "+q" | "-q" | "present+" | "present-" | "+present" | "regrets+")
        || t.starts_with("present+")
        || t.starts_with("q+")
        || t.starts_with("q-")
        || matches!(
            word,
            "ack"
                | "scribe"
                | "scribenick"
                | "chair"
                | "meeting"
                | "agenda"
                | "zakim"
                | "rrsagent"
                | "regrets"
                | "rrsagent:"
                | "trackbot"
        )
        || (t.starts_with("s/") && t.matches('/').count() >= 2)
        || t.starts_with("i/")
}

/// The nick named by `scribe: X` / `scribenick: X`.
fn scribe_named(text: &str) -> Option<&str> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let value = ["scribenick:", "scribe:"].iter().find_map(|p| lower.starts_with(p).then(|| t[p.len()..].trim()))?;
    Some(value)
}

/// `Name: text` as a scribe writes it: a name of one to three words before the colon.
fn scribed_turn(text: &str) -> Option<(&str, &str)> {
    let (name, said) = text.split_once(':')?;
    let name = name.trim();
    let words = name.split_whitespace().count();
    let name_like = (1..=3).contains(&words)
        && name.chars().count() <= 30
        && name.chars().all(|c| c.is_alphanumeric() || " _-.'".contains(c))
        && !said.starts_with("//");
    (name_like && !said.trim().is_empty()).then_some((name, said.trim()))
}

/// `Topic: …` / `agendum 3 -- …` typed in the channel.
fn topic(text: &str) -> Option<&str> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("topic:") {
        return Some(t[6..].trim());
    }
    if lower.starts_with("agendum ") {
        let rest = t[8..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
        return Some(rest.trim_start_matches(['-', ' ', '—', '"']).trim_end_matches('"').trim());
    }
    None
}

/// Who holds the open turn, so that a nick's next line joins it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Holder {
    Nobody,
    /// A nick typing for themselves.
    Nick(String),
    /// The scribe writing for someone.
    Scribed(String),
}

/// Parses a chat log. `lines` are the sanitised source lines.
pub fn parse(lines: &[&str]) -> Meeting {
    let mut meeting = Meeting { format: Format::Chat, ..Meeting::default() };
    let mut date = None;
    let mut channel = None;
    let mut scribes: Vec<String> = Vec::new();
    let mut seen: HashSet<(&str, &str, &str)> = HashSet::new();
    let mut replayed = 0usize;
    let mut body = RecordsBuilder::new(&mut meeting);
    let mut holder = Holder::Nobody;
    for (index, &raw) in lines.iter().enumerate() {
        let number = index + 1;
        let Some(line) = chat_line(raw) else {
            if !raw.trim().is_empty() {
                body.single(TurnKind::Procedure, number, raw);
                holder = Holder::Nobody;
            }
            continue;
        };
        if !seen.insert((line.time, line.nick.unwrap_or(""), line.text)) {
            replayed += 1;
            continue;
        }
        if date.is_none() {
            date = line.date.and_then(Date::parse_iso);
        }
        let Some(nick) = line.nick else {
            if channel.is_none() {
                channel = line.text.split_whitespace().find(|w| w.starts_with('#') && w.len() > 1).map(str::to_owned);
            }
            body.aside(number, &format!("{} {}", line.time, line.text));
            continue;
        };
        let text = line.text;
        if let Some(named) = scribe_named(text) {
            // `scribe: Chris Wilson` names a person, not a nick: the one typing is the scribe.
            let scribe = if named.contains(' ') || named.is_empty() { nick } else { named };
            if !scribes.iter().any(|s| s.eq_ignore_ascii_case(scribe)) {
                scribes.push(scribe.to_owned());
            }
            body.aside(number, &format!("{} <{nick}> {text}", line.time));
            continue;
        }
        if let Some(title) = topic(text).filter(|t| !t.is_empty()) {
            body.heading(title, text);
            holder = Holder::Nobody;
            continue;
        }
        if is_bot(nick) || is_channel_command(text) || text.is_empty() {
            body.aside(number, &format!("{} <{nick}> {text}", line.time));
            continue;
        }
        let is_scribe = scribes.iter().any(|s| s.eq_ignore_ascii_case(nick));
        if is_scribe {
            let continued = text.strip_prefix("...").or_else(|| text.strip_prefix('…')).map(str::trim);
            if let Some(more) = continued {
                let speaker = match &holder {
                    Holder::Scribed(name) => name.clone(),
                    // `...` with nobody scribed yet: the scribe's own words.
                    _ => nick.to_owned(),
                };
                body.continue_as(number, &speaker, more);
                holder = Holder::Scribed(speaker);
                continue;
            }
            if let Some((name, said)) = scribed_turn(text) {
                body.speech(number, name);
                body.paragraph(number, said);
                holder = Holder::Scribed(name.to_owned());
                continue;
            }
            if text.starts_with(['(', '[']) && text.ends_with([')', ']']) {
                body.single(TurnKind::Stage, number, text);
                continue;
            }
        }
        if holder == Holder::Nick(nick.to_owned()) {
            body.continue_as(number, nick, text);
        } else {
            body.speech(number, nick);
            body.paragraph(number, text);
            holder = Holder::Nick(nick.to_owned());
        }
    }
    meeting.date = date;
    meeting.title = match channel {
        Some(channel) => format!("{channel} chat log"),
        None => "Chat log".to_owned(),
    };
    if replayed > 0 {
        meeting.diagnostics.push(crate::meeting::Diagnostic::new(
            crate::meeting::Severity::Info,
            crate::meeting::DiagnosticKind::ReplayedLinesSkipped,
            None,
            format!("{replayed} line(s) the log repeats after a reconnect were read once"),
        ));
    }
    meeting
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shapes() {
        let l = chat_line("12:01:33 <@alice> hello there").expect("irssi line");
        assert_eq!((l.time, l.nick, l.text), ("12:01:33", Some("alice"), "hello there"));
        let l = chat_line("[09:15] <bob> hi").expect("bracketed time");
        assert_eq!((l.nick, l.text), (Some("bob"), "hi"));
        let l = chat_line("2020-11-02 19:01:03\tcarol\thello!").expect("weechat");
        assert_eq!((l.date, l.nick, l.text), (Some("2020-11-02"), Some("carol"), "hello!"));
        let l = chat_line("2020-11-02 19:00:54\t▷\tdan has joined #room").expect("join");
        assert_eq!(l.nick, None);
        let l = chat_line("10:02 erin: a point").expect("colon after time");
        assert_eq!(l.nick, Some("erin"));
        assert_eq!(chat_line("10:02 this is prose: not a chat line"), None);
        assert_eq!(chat_line("Meeting notes"), None);
    }

    #[test]
    fn scribed_log_gives_turns_to_the_people_scribed() {
        let log = [
            "10:00:00\tpat\tscribenick: pat",
            "10:00:05\tpat\tTopic: Budget review",
            "10:00:10\tpat\tRobin: the budget is ready",
            "10:00:20\tpat\t... two items remain",
            "10:00:30\tsam\tq+",
            "10:00:31\tZakim\tsees sam on the speaker queue",
            "10:00:40\tpat\tSam: one question",
            "10:00:45\tsam\tpresent+",
            "10:00:50\tsam\tI typed this myself",
            "10:00:50\tsam\tI typed this myself",
        ];
        let meeting = parse(&log);
        let speeches: Vec<(&str, usize)> =
            meeting.speeches().map(|(_, t)| (t.speaker.as_deref().unwrap_or(""), t.paragraphs.len())).collect();
        assert_eq!(speeches, [("Robin", 2), ("Sam", 1), ("sam", 1)]);
        assert_eq!(meeting.agenda.len(), 1);
        assert!(meeting.diagnostics.iter().any(|d| d.kind == "replayed_lines_skipped"));
    }

    #[test]
    fn detection_needs_most_lines_to_be_chat() {
        let chat = ["12:00 <a> x", "12:01 <b> y", "12:02 <a> z", "12:03 <b> w", "12:04 <a> v"];
        assert!(looks_like_chat(&chat));
        let notes = ["# Notes", "12:00 start", "Rod: hi", "Ben: hello", "more text", "and more"];
        assert!(!looks_like_chat(&notes));
    }
}
