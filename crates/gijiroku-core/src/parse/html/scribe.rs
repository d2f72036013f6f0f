//! W3C minutes made by scribe.perl: spoken turns are `<p class="phone"><cite>Name:</cite> text`
//! with `... more` continuation lines, IRC lines are `<p class="irc">&lt;<cite>nick</cite>&gt;
//! text`, agenda items are `<h3>` headings, and the intro's `<dl>` holds Present, Chair, Scribe.

use crate::meeting::{Container, Format, HeaderSection, Meeting, TurnKind};
use crate::parse::chat::is_channel_command;
use crate::parse::date::{find_date, find_english_date};
use crate::parse::header::split_names;
use crate::parse::html::{Block, Page};
use crate::parse::records::RecordsBuilder;

/// Whether the page is scribe minutes: several `phone`/`irc` paragraphs led by a `<cite>`.
pub(crate) fn is_scribe_page(page: &Page) -> bool {
    page.blocks.iter().filter(|b| b.cite.is_some() && (b.has_class("phone") || b.has_class("irc"))).take(2).count() >= 2
}

/// Headings of scribe.perl's own page furniture, not agenda items.
fn is_furniture(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    ["attendees", "contents", "summary of action items", "summary of resolutions", "topics"]
        .iter()
        .any(|f| t.starts_with(f))
}

/// Reads the page.
pub fn parse(page: &Page) -> Meeting {
    let mut meeting = Meeting { format: Format::Records, container: Container::Html, ..Meeting::default() };
    meeting.title = page.title.clone().unwrap_or_default();
    let first_turn = page.blocks.iter().position(is_turn_block).unwrap_or(page.blocks.len());
    read_intro(&mut meeting, &page.blocks[..first_turn]);
    let mut body = RecordsBuilder::new(&mut meeting);
    let mut in_furniture = false;
    for block in &page.blocks[first_turn..] {
        let text = block.text();
        if let Some(level) = block.heading_level() {
            in_furniture = is_furniture(&text);
            if level >= 2 && !in_furniture {
                let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                body.heading(&title, &title);
            }
            continue;
        }
        if in_furniture {
            continue;
        }
        match turn_of(block) {
            Some(Turn::Spoken { speaker, first, more }) => {
                body.speech(block.line, speaker);
                body.paragraph(block.line, first);
                for line in more {
                    match marker(line) {
                        Some(marker) => body.single(TurnKind::Stage, block.line, &format!("({marker})")),
                        None => body.continue_as(block.line, speaker, line),
                    }
                }
            }
            Some(Turn::Command(text)) => body.single(TurnKind::Procedure, block.line, text),
            None => {
                for line in &block.lines {
                    if !line.trim().is_empty() {
                        body.single(TurnKind::Procedure, block.line, line);
                    }
                }
            }
        }
    }
    if meeting.date.is_none() {
        let texts = std::iter::once(meeting.title.clone()).chain(page.blocks.iter().map(Block::text));
        meeting.date = texts.into_iter().find_map(|t| find_english_date(&t).or_else(|| find_date(&t)));
    }
    meeting
}

fn is_turn_block(block: &Block) -> bool {
    block.cite.is_some() && (block.has_class("phone") || block.has_class("irc"))
}

/// The intro: `<dt>Present</dt><dd>a, b</dd>` pairs become header sections, Present the
/// attendees; a heading before them can be the title.
fn read_intro(meeting: &mut Meeting, blocks: &[Block]) {
    let mut in_contents = false;
    for block in blocks {
        let text = block.text();
        if let Some(level) = block.heading_level() {
            in_contents = is_furniture(&text) && !text.to_ascii_lowercase().starts_with("attendees");
            if level == 1 && meeting.title.is_empty() {
                meeting.title = text.split_whitespace().collect::<Vec<_>>().join(" ");
            }
            continue;
        }
        if in_contents {
            continue;
        }
        if block.tag == "dt" {
            // A label is one line, whatever `<br>`s the term held.
            let label = block.lines.iter().flat_map(|l| l.split_whitespace()).collect::<Vec<_>>().join(" ");
            meeting.header.push(HeaderSection { label, lines: Vec::new() });
        } else if let Some(section) = meeting.header.last_mut().filter(|_| block.tag == "dd") {
            let joined = block.lines.join(" ");
            if section.label.eq_ignore_ascii_case("present") {
                meeting.attendees.extend(split_names(&joined));
            }
            section.lines.push(joined);
        } else {
            meeting.header.push(HeaderSection { label: String::new(), lines: block.lines.clone() });
        }
    }
}

/// A scribe's own marker typed as a pseudo-tag (`<end summary>`, `</end summary>`): the text
/// inside it, shown as a stage direction rather than as words someone said.
fn marker(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix('<')?.strip_suffix('>')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner).trim();
    let plain =
        !inner.is_empty() && inner.len() <= 40 && inner.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    plain.then_some(inner)
}

enum Turn<'a> {
    Spoken { speaker: &'a str, first: &'a str, more: Vec<&'a str> },
    Command(&'a str),
}

/// A `phone` paragraph (`NW: text`, `... more`) or an `irc` line (`<nick> text`).
fn turn_of(block: &Block) -> Option<Turn<'_>> {
    let cite = block.cite.as_deref()?;
    let first = block.lines.first()?.as_str();
    let continuation = |l: &&String| !l.trim().is_empty();
    let more: Vec<&str> = block
        .lines
        .iter()
        .skip(1)
        .filter(continuation)
        .map(|l| l.trim_start_matches(['.', '…']).trim_start())
        .filter(|l| !l.is_empty())
        .collect();
    if block.has_class("phone") {
        let speaker = cite.trim_end_matches([':', '：']).trim();
        let text = first.strip_prefix(cite).unwrap_or(first).trim();
        return (!speaker.is_empty()).then_some(Turn::Spoken { speaker, first: text, more });
    }
    let nick = cite.trim();
    let text = first.trim_start_matches('<').strip_prefix(nick).unwrap_or(first);
    let text = text.trim_start_matches('>').trim();
    if nick.is_empty() || is_channel_command(text) || nick.eq_ignore_ascii_case("scribe") {
        return Some(Turn::Command(text));
    }
    Some(Turn::Spoken { speaker: nick, first: text, more })
}
