//! Council minutes systems that mark the speaker in the page's structure: a short block whose
//! class names a speaker (`speaker`, `hatsugensha`, `name`, `voice-title`…) or a `<dt>`, followed by
//! the blocks of the speech (`<dd>`, `<div class="text">`…) up to the next speaker block.

use crate::meeting::{Container, Format, Meeting, TurnKind};
use crate::parse::html::{Block, Page};
use crate::parse::lines::{is_procedure, is_speaker_marker, is_stage_direction};
use crate::parse::records::RecordsBuilder;

/// Class words that name the speaker element in the systems seen.
const SPEAKER_CLASS_WORDS: &[&str] = &["speaker", "hatsugensha", "hatugensha", "talker", "voice-title", "speech-name"];

/// A speaker label is short and on one line.
const MAX_LABEL_CHARS: usize = 40;

fn is_speaker_block(block: &Block) -> bool {
    let short = block.lines.len() == 1 && block.lines[0].chars().nth(MAX_LABEL_CHARS).is_none();
    short
        && (block.tag == "dt"
            || block.class.split([' ', '_']).any(|c| {
                SPEAKER_CLASS_WORDS
                    .iter()
                    .any(|w| c.len() >= w.len() && c.as_bytes()[c.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes()))
            }))
}

/// Characters of a block, without joining its lines.
fn chars_of(block: &Block) -> usize {
    block.lines.iter().map(|l| l.chars().count()).sum()
}

/// Whether the page has at least three speaker blocks each followed by speech.
pub(crate) fn has_speaker_blocks(page: &Page) -> bool {
    let pairs = page.blocks.windows(2).filter(|w| is_speaker_block(&w[0]) && !is_speaker_block(&w[1])).count();
    // A `<dl>` of header fields (`日時`, `場所`) has dt/dd pairs too: a speech is longer than a value.
    let long_speech = page.blocks.windows(2).any(|w| is_speaker_block(&w[0]) && chars_of(&w[1]) > 30);
    pairs >= 3 && long_speech
}

/// Reads the page: blocks before the first speaker are the header (the first is the title).
pub fn parse(page: &Page) -> Meeting {
    let mut meeting = Meeting { format: Format::Records, container: Container::Html, ..Meeting::default() };
    let first = page.blocks.iter().position(is_speaker_block).unwrap_or(page.blocks.len());
    let mut header = page.blocks[..first].iter().flat_map(|b| b.lines.iter()).filter(|l| !l.trim().is_empty());
    meeting.title = page.title.clone().or_else(|| header.next().map(|l| l.trim().to_owned())).unwrap_or_default();
    let rest: Vec<String> = header.map(|l| l.trim().to_owned()).collect();
    if !rest.is_empty() {
        meeting.header.push(crate::meeting::HeaderSection { label: String::new(), lines: rest });
    }
    meeting.date =
        page.title.as_deref().and_then(crate::parse::date::find_date).or_else(|| {
            meeting.header.iter().flat_map(|s| s.lines.iter()).find_map(|l| crate::parse::date::find_date(l))
        });
    let mut body = RecordsBuilder::new(&mut meeting);
    for block in &page.blocks[first..] {
        if is_speaker_block(block) {
            let label = block.lines[0].trim().trim_start_matches(is_speaker_marker).trim();
            body.speech(block.line, label);
            continue;
        }
        for line in &block.lines {
            if is_stage_direction(line) {
                body.single(TurnKind::Stage, block.line, line);
            } else if is_procedure(line) {
                body.single(TurnKind::Procedure, block.line, line);
            } else {
                body.paragraph(block.line, line);
            }
        }
    }
    meeting
}
