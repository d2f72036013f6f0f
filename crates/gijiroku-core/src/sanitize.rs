//! Text hygiene: newlines normalised, escape sequences and control characters removed.
//!
//! Everything that reaches the model passes through [`sanitize`], so no byte of a file can
//! ever act on the terminal: ESC/CSI/OSC/DCS sequences (7-bit and C1 forms) are removed whole,
//! other C0/C1 controls are dropped (tab and newline excepted), bidi overrides and invisible
//! format characters are dropped, and decomposed kana/Latin is composed (NFC) cluster by cluster.
//!
//! Invisible characters, decided one by one (issue 13, item 4). *Dropped* characters never
//! enter the model (a diagnostic counts them); *ignored* ones stay, for display, and search
//! looks through them (they are in the matcher's space class, and dropped from queries):
//!
//! | characters | what they are | decision |
//! |---|---|---|
//! | U+200B, U+2060–2064, U+FEFF | zero-width space, word joiner, invisible operators, BOM | dropped |
//! | U+200E, U+200F, U+061C, U+202A–202E, U+2066–2069 | bidi marks, embeddings, overrides, isolates | dropped |
//! | U+206A–206F, U+FFF9–FFFB | deprecated format controls, interlinear annotation | dropped |
//! | U+00AD | soft hyphen (invisible but at a break, and minutes are rewrapped anyway) | dropped |
//! | U+200C | zero-width non-joiner (no role in Japanese; splits words for search) | dropped |
//! | U+034F | combining grapheme joiner | dropped |
//! | U+115F, U+1160, U+3164, U+FFA0 | Hangul fillers (draw nothing, or a blank of unknown width) | dropped |
//! | U+17B4, U+17B5, U+180E | Khmer inherent vowels, Mongolian vowel separator | dropped |
//! | U+0600–0605, U+06DD, U+070F, U+0890–0891, U+08E2, U+110BD, U+110CD | prepended number signs (drawn across the digits after them) | dropped |
//! | U+13430–1343F, U+1BCA0–1BCA3, U+1D173–1D17A | hieroglyph, shorthand and musical format controls | dropped |
//! | U+E0000–E007F | tag characters (invisible; can smuggle ASCII text) | dropped |
//! | U+FE00–FE0F, U+E0100–E01EF | variation selectors (異体字 in names, emoji presentation) | kept, ignored by search |
//! | U+180B–180D, U+180F | Mongolian free variation selectors | kept, ignored by search |
//! | U+200D | zero-width joiner (emoji sequences) | kept, ignored by search |
//!
//! Text printed that is not from the model (file names, messages) goes through [`escape`]
//! instead, which shows all of these (and every control) as visible escapes.

pub mod escape;

use unicode_normalization::UnicodeNormalization;

use crate::meeting::{Diagnostic, DiagnosticKind, Severity};

/// The sanitised text and a diagnostic per kind of thing removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sanitized {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sanitized {
    /// The text without surrounding whitespace, copied only when there is some to cut: a JSON
    /// file's every field passes here.
    pub(crate) fn into_trimmed(self) -> String {
        let text = self.text;
        let trimmed = text.trim();
        if trimmed.len() == text.len() { text } else { trimmed.to_owned() }
    }
}

#[derive(Default)]
struct Removed {
    count: usize,
    first_line: Option<usize>,
}

impl Removed {
    fn note(&mut self, line: usize) {
        self.count += 1;
        self.first_line.get_or_insert(line);
    }
}

/// Cleans decoded text for the model. Line numbers are preserved for `\n`-terminated input:
/// CRLF and lone CR both become one `\n`.
pub fn sanitize(input: &str) -> Sanitized {
    let bytes = input.as_bytes();
    let Some(first) = next_special(bytes, 0) else {
        return Sanitized { text: input.to_owned(), diagnostics: Vec::new() };
    };
    let mut text = String::with_capacity(input.len());
    let mut escapes = Removed::default();
    let mut controls = Removed::default();
    let mut invisibles = Removed::default();
    let mut needs_nfc = false;
    let mut line = 1usize;
    let mut copied = 0;
    let mut special = Some(first);
    // Clean runs are copied whole; only the characters the byte scan flags are looked at.
    while let Some(at) = special {
        let run = &input[copied..at];
        text.push_str(run);
        line += memchr::memchr_iter(b'\n', run.as_bytes()).count();
        let mut chars = input[at..].chars();
        let Some(c) = chars.next() else { break };
        match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0C}' => {
                text.push('\n');
                line += 1;
            }
            '\r' => {
                if peek(&chars) != Some('\n') {
                    text.push('\n');
                    line += 1;
                }
            }
            '\t' => text.push('\t'),
            '\u{1B}' => {
                escapes.note(line);
                skip_escape(&mut chars);
            }
            '\u{9B}' => {
                escapes.note(line);
                skip_csi_body(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                escapes.note(line);
                skip_string_body(&mut chars);
            }
            c if c.is_control() => controls.note(line),
            c if is_invisible_format(c) => invisibles.note(line),
            c => {
                needs_nfc |= is_composable_mark(c);
                text.push(c);
            }
        }
        copied = input.len() - chars.as_str().len();
        special = next_special(bytes, copied);
    }
    let rest = &input[copied.min(input.len())..];
    text.push_str(rest);
    if needs_nfc {
        text = compose_marked_clusters(&text);
    }
    let mut diagnostics = Vec::new();
    report(&mut diagnostics, &escapes, DiagnosticKind::EscapeRemoved, "terminal escape sequence(s) removed");
    report(&mut diagnostics, &controls, DiagnosticKind::ControlRemoved, "control character(s) removed");
    report(
        &mut diagnostics,
        &invisibles,
        DiagnosticKind::InvisibleRemoved,
        "bidi override or invisible format character(s) removed",
    );
    Sanitized { text, diagnostics }
}

fn report(diagnostics: &mut Vec<Diagnostic>, removed: &Removed, kind: DiagnosticKind, what: &str) {
    if removed.count > 0 {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            kind,
            removed.first_line,
            format!("{} {what}", removed.count),
        ));
    }
}

/// [`sanitize`]'s text alone, borrowed when there is nothing to clean (most strings of a JSON
/// file, whose diagnostics the caller does not keep).
pub(crate) fn sanitized_text(input: &str) -> std::borrow::Cow<'_, str> {
    match next_special(input.as_bytes(), 0) {
        None => std::borrow::Cow::Borrowed(input),
        Some(_) => std::borrow::Cow::Owned(sanitize(input).text),
    }
}

/// [`PLAIN_LENGTH`] of a lead byte whose character may be one [`sanitize`] changes.
const MAYBE_SPECIAL: u8 = 0;
/// [`PLAIN_LENGTH`] of E3, the lead byte of kana and CJK punctuation.
const KANA_LEAD: u8 = 0xFF;

/// By lead byte: the length of its character when no character it leads is special, else
/// [`MAYBE_SPECIAL`] (or [`KANA_LEAD`]); the lead bytes listed in [`next_special`]'s table.
const PLAIN_LENGTH: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x20..=0x7E => 1,
            0xC0 | 0xC1 | 0xC3..=0xCB | 0xCE..=0xD7 | 0xD9 | 0xDA | 0xDD..=0xDF => 2,
            0xE3 => KANA_LEAD,
            0xE4..=0xEE => 3,
            0x00..=0x1F | 0x7F | 0xC2 | 0xCC | 0xCD | 0xD8 | 0xDB | 0xDC | 0xE0..=0xE2 | 0xEF | 0xF0 | 0xF3 => {
                MAYBE_SPECIAL
            }
            _ => 4,
        };
        b += 1;
    }
    table
};

/// Where the next character that [`sanitize`] looks at starts (at or after `from`, a character
/// boundary), found with a byte scan: most text has none, or few, and runs between them are
/// copied whole. Newlines count: they are where line numbers are kept.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        // Most of any minutes: one table look-up says how long a plain character is.
        match PLAIN_LENGTH[usize::from(b)] {
            MAYBE_SPECIAL => {}
            // Kana and CJK punctuation: special only after 82 or 85.
            KANA_LEAD if !matches!(at(i + 1), 0x82 | 0x85) => {
                i += 3;
                continue;
            }
            KANA_LEAD => {}
            plain => {
                i += usize::from(plain);
                continue;
            }
        }
        let (special, len) = classify(bytes, i);
        if special {
            return Some(i);
        }
        i += len;
    }
    None
}

/// Whether the character at `i` (a character boundary) is one [`sanitize`] looks at, and its
/// length in bytes.
fn classify(bytes: &[u8], i: usize) -> (bool, usize) {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let b = at(i);
    match b {
        b'\t' | b'\n' => (false, 1),
        0x00..=0x1F | 0x7F => (true, 1),
        0x20..=0x7E => (false, 1),
        // C1 controls and NEL; U+00AD soft hyphen.
        0xC2 => ((0x80..=0x9F).contains(&at(i + 1)) || at(i + 1) == 0xAD, 2),
        // Combining marks U+0300–036F.
        0xCC => (true, 2),
        0xCD => (at(i + 1) <= 0xAF, 2),
        // U+0600–0605 number signs, U+061C arabic letter mark, U+06DD, U+070F.
        0xD8 => (at(i + 1) <= 0x85 || at(i + 1) == 0x9C, 2),
        0xDB => (at(i + 1) == 0x9D, 2),
        0xDC => (at(i + 1) == 0x8F, 2),
        0xC0 | 0xC1 | 0xC3..=0xCB | 0xCE..=0xD7 | 0xD9 | 0xDA | 0xDD..=0xDF => (false, 2),
        // U+0890–0891, U+08E2.
        0xE0 => (matches!((at(i + 1), at(i + 2)), (0xA2, 0x90 | 0x91) | (0xA3, 0xA2)), 3),
        // U+115F, U+1160 Hangul fillers, U+17B4/17B5, U+180E.
        0xE1 => (matches!((at(i + 1), at(i + 2)), (0x85, 0x9F | 0xA0) | (0x9E, 0xB4 | 0xB5) | (0xA0, 0x8E)), 3),
        // U+200B–200F, U+2028–202E, U+2060–206F.
        0xE2 => {
            let (b1, b2) = (at(i + 1), at(i + 2));
            ((b1 == 0x80 && matches!(b2, 0x8B..=0x8F | 0xA8..=0xAE)) || (b1 == 0x81 && (0xA0..=0xAF).contains(&b2)), 3)
        }
        // Combining (semi-)voiced sound marks U+3099/309A, Hangul filler U+3164.
        0xE3 => (matches!((at(i + 1), at(i + 2)), (0x82, 0x99 | 0x9A) | (0x85, 0xA4)), 3),
        // U+FEFF, U+FFA0 and U+FFF9–FFFB.
        0xEF => {
            let (b1, b2) = (at(i + 1), at(i + 2));
            ((b1 == 0xBB && b2 == 0xBF) || (b1 == 0xBE && b2 == 0xA0) || (b1 == 0xBF && matches!(b2, 0xB9..=0xBB)), 3)
        }
        0xE4..=0xEE => (false, 3),
        // Format characters of the supplementary planes (U+110BD…, U+13430…, U+1BCA0…,
        // U+1D173…) and tag characters (U+E0000–E007F): their blocks, roughly.
        0xF0 => (matches!(at(i + 1), 0x91 | 0x93 | 0x9B | 0x9D), 4),
        0xF3 => (at(i + 1) == 0xA0 && at(i + 2) <= 0x81, 4),
        _ => (false, 4),
    }
}

/// Whether [`sanitize`] would change anything.
#[cfg(test)]
fn needs_cleaning(input: &str) -> bool {
    next_special(input.as_bytes(), 0).is_some()
}

/// The characters dropped as invisible (see the table in the module documentation). Bidi
/// embedding/override/isolate controls and marks reorder what the terminal shows; the others
/// draw nothing (or, for the prepended number signs, draw across their neighbours) and only hide
/// text from search and layout.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}'
        | '\u{890}'..='\u{891}' | '\u{8E2}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
        | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{206A}'..='\u{206F}' | '\u{3164}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Characters kept in the model, because they are part of how a text is written and drawn, but
/// that search looks through (see the table in the module documentation): variation selectors
/// (a 異体字 in a person's name: `葛` + U+E0100), Mongolian free variation selectors, and the
/// zero-width joiner of emoji sequences. A query finds `葛城` in `葛󠄀城`.
pub(crate) fn is_ignored_by_search(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether `c` is a combining mark, without the table search for the characters minutes are
/// mostly made of (ASCII, Latin-1, kana, CJK ideographs), none of which combine. The renderer
/// asks this of every cell of every frame.
pub fn is_combining_mark(c: char) -> bool {
    let plain = c < '\u{0300}' || ('\u{3040}'..='\u{3098}').contains(&c) || ('\u{309B}'..='\u{9FFF}').contains(&c);
    !plain && unicode_normalization::char::is_combining_mark(c)
}

/// Marks whose decomposed form appears in real files: combining dakuten from macOS file names
/// and PDF text, and Latin accents.
fn is_composable_mark(c: char) -> bool {
    matches!(c, '\u{3099}' | '\u{309A}' | '\u{0300}'..='\u{036F}')
}

/// NFC applied only around combining marks: whole-text NFC would also replace CJK
/// compatibility ideographs (﨑-like variants in people's names) with their unified forms.
fn compose_marked_clusters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cluster = String::new();
    for c in text.chars() {
        if is_combining_mark(c) {
            cluster.push(c);
            continue;
        }
        flush_cluster(&mut out, &mut cluster);
        cluster.push(c);
    }
    flush_cluster(&mut out, &mut cluster);
    out
}

fn flush_cluster(out: &mut String, cluster: &mut String) {
    if cluster.chars().nth(1).is_some() {
        out.extend(cluster.nfc());
    } else {
        out.push_str(cluster);
    }
    cluster.clear();
}

type Chars<'a> = std::str::Chars<'a>;

fn peek(chars: &Chars<'_>) -> Option<char> {
    chars.clone().next()
}

/// Consumes the next character if it satisfies `accept`.
fn next_if(chars: &mut Chars<'_>, accept: impl Fn(char) -> bool) -> bool {
    match peek(chars) {
        Some(c) if accept(c) => {
            chars.next();
            true
        }
        _ => false,
    }
}

/// Skips what follows an ESC: a CSI, a string command (OSC, DCS, SOS, PM, APC), or a short
/// escape with intermediates. A sequence never extends past a newline, so a stray ESC cannot
/// swallow the rest of the file.
fn skip_escape(chars: &mut Chars<'_>) {
    match peek(chars) {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string_body(chars);
        }
        Some(c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            while next_if(chars, |c| ('\u{20}'..='\u{2F}').contains(&c)) {}
            next_if(chars, |c| ('\u{30}'..='\u{7E}').contains(&c));
        }
        Some(c) if ('\u{30}'..='\u{7E}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi_body(chars: &mut Chars<'_>) {
    while next_if(chars, |c| ('\u{20}'..='\u{3F}').contains(&c)) {}
    next_if(chars, |c| ('\u{40}'..='\u{7E}').contains(&c));
}

/// Skips to BEL, ST (`ESC \` or U+009C), or the end of the line.
fn skip_string_body(chars: &mut Chars<'_>) {
    while let Some(c) = peek(chars) {
        match c {
            '\n' | '\r' => return,
            '\u{7}' | '\u{9C}' => {
                chars.next();
                return;
            }
            '\u{1B}' => {
                chars.next();
                next_if(chars, |c| c == '\\');
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_byte_table_agrees_with_the_full_classification_for_every_character() {
        let mut buffer = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let (special, len) = classify(bytes, 0);
            assert_eq!(len, bytes.len(), "{:04X}", c as u32);
            assert_eq!(next_special(bytes, 0).is_some(), special, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_quick_combining_mark_check_agrees_with_the_table() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            assert_eq!(is_combining_mark(c), unicode_normalization::char::is_combining_mark(c), "{c:?}");
        }
    }

    fn clean(input: &str) -> String {
        sanitize(input).text
    }

    #[test]
    fn newlines_are_normalised_without_changing_line_count() {
        assert_eq!(clean("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(clean("a\u{2028}b"), "a\nb");
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(clean("発言\u{1b}[31m赤\u{1b}[0m"), "発言赤");
        assert_eq!(clean("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(clean("x\u{1b}]52;c;aGVsbG8=\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{1b}]8;;http://e.invalid\u{1b}\\link\u{1b}]8;;\u{1b}\\y"), "xlinky");
        assert_eq!(clean("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("x\u{1b}7y\u{1b}(Bz"), "xyz");
    }

    #[test]
    fn unterminated_osc_stops_at_end_of_line() {
        assert_eq!(clean("a\u{1b}]0;never ends\nnext line"), "a\nnext line");
    }

    #[test]
    fn controls_and_bidi_are_dropped_but_tabs_kept() {
        let result = sanitize("a\u{7}b\u{0}c\td\u{202E}e\u{200B}f");
        assert_eq!(result.text, "abc\tdef");
        let kinds: Vec<_> = result.diagnostics.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["control_removed", "invisible_removed"]);
    }

    /// The fast path must see every character the slow path would change.
    #[test]
    fn the_byte_scan_finds_every_character_that_sanitising_changes() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            let text = format!("あ{c}い");
            let changed = sanitize_slow(&text) != text;
            assert!(!changed || needs_cleaning(&text), "U+{:04X} is changed but not flagged", c as u32);
        }
        assert!(!needs_cleaning("議事録 ―※①…「」\tok\n"));
    }

    /// The character pass, forced by a leading BEL (which it removes).
    fn sanitize_slow(text: &str) -> String {
        sanitize(&format!("\u{7}{text}")).text
    }

    #[test]
    fn combining_dakuten_is_composed_but_compatibility_ideographs_kept() {
        assert_eq!(clean("か\u{3099}い\u{FA11}"), "がい\u{FA11}");
    }
}
