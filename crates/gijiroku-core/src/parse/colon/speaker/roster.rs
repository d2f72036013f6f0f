//! The attendance lists of notes: who the file says was present, under `## Present` or
//! `Attendees:`, in front matter, or as a list of names at the top. Their names, handles and
//! abbreviations vouch for labels used only once (`@richardlau` for `richardlau:`).

use std::collections::HashSet;

use crate::parse::colon::blocks::{Blocks, LineKind, bullet, yaml_key_value};
use crate::parse::colon::names::people;
use crate::parse::colon::speaker::{Candidate, squash, strip_markers};
use crate::parse::colon::words::english_header_key;
use crate::parse::header::SectionKind;

/// Lines at the top of a file where a list of names is taken for the attendance list.
const PREAMBLE_LINES: usize = 60;

/// Names, handles and abbreviations of the people the file lists as present: under an
/// attendance heading or key (`## Present`, `Attendees:`), in front matter (`members:`), and
/// lists of three or more names before the first heading (`Bradley Farias (BFS), Aki Rose (AKI), …`).
pub(crate) fn known_names(lines: &[&str], blocks: &Blocks, candidates: &[Option<Candidate<'_>>]) -> HashSet<String> {
    let mut known = HashSet::new();
    let add = |text: &str, known: &mut HashSet<String>, at_least: usize| {
        let Some(list) = people(text) else { return };
        if list.len() < at_least {
            return;
        }
        for person in list {
            known.insert(squash(&person.name));
            if let Some(first) = person.name.split_whitespace().next().filter(|_| person.name.contains(' ')) {
                known.insert(squash(first));
            }
            if let Some(handle) = person.handle {
                known.insert(squash(&handle));
            }
            if let Some(abbreviation) = person.abbreviation {
                known.insert(squash(&abbreviation));
            }
        }
    };
    let mut under_heading = false;
    let mut under_key = false;
    let mut seen_heading = false;
    for (index, line) in lines.iter().enumerate() {
        let t = line.trim();
        if blocks.kind(index) == LineKind::FrontMatter {
            if let Some((key, value)) = yaml_key_value(line) {
                under_key = matches!(key.as_str(), "members" | "attendees" | "participants" | "present");
                if under_key {
                    add(value, &mut known, 1);
                }
            } else if under_key && let Some((_, item)) = bullet(line) {
                add(item, &mut known, 1);
            }
            continue;
        }
        if !blocks.is_text(index) {
            continue;
        }
        if t.is_empty() {
            under_key = false;
            continue;
        }
        if t.starts_with('#') {
            let text = t.trim_start_matches('#').trim();
            under_heading = english_header_key(text.trim_end_matches(':')) == Some(SectionKind::Attendees);
            seen_heading = true;
            under_key = false;
            continue;
        }
        let stripped = strip_markers(line);
        if let Some(c) = candidates.get(index).copied().flatten()
            && english_header_key(c.label) == Some(SectionKind::Attendees)
        {
            add(c.text, &mut known, 1);
            under_key = true;
        } else if under_heading || under_key {
            add(stripped, &mut known, 1);
        } else if !seen_heading && index < PREAMBLE_LINES {
            add(stripped, &mut known, 3);
        }
    }
    known
}
