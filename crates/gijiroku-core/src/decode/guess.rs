//! Guessing the encoding of bytes that are not UTF-8 and carry no byte-order mark: Shift_JIS,
//! EUC-JP, or UTF-16 without a BOM (and few or no NUL bytes: Japanese text in UTF-16 has none in
//! most of its code units).
//!
//! Each candidate decodes a sample and is judged by the share of its characters that minutes
//! are made of ([`weight`]): one wrong guess turned a whole file into garbage (issue 13, item
//! 6), where a few bad bytes should cost a diagnostic, not the file. An EUC-JP file with one bad
//! byte, or cut inside its last character, is still far more EUC-JP than Shift_JIS (read as
//! Shift_JIS it is halfwidth katakana and kanji in random order, with no hiragana); Japanese in
//! UTF-16 reads as kana and kanji, and as Shift_JIS as controls and garbage.

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};

/// Bytes of the file each candidate decodes: the head decides as well as the whole.
const SAMPLE: usize = 64 * 1024;

/// Below this share of likely characters a candidate is not taken on the quick path.
const CONFIDENT: f64 = 0.6;

/// How much a character counts as text of minutes: 1 for what minutes are written in (ASCII,
/// kana, CJK punctuation, fullwidth forms), less for what is real but also what garbage
/// decodes to (kanji alone; halfwidth katakana, which Shift_JIS makes of EUC-JP bytes), nothing
/// for replacements, controls and scripts minutes do not use.
fn weight(c: char) -> f64 {
    match c {
        '\t' | '\n' | '\r' | ' '..='~' => 1.0,
        '\u{3000}'..='\u{303F}' | '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{FF01}'..='\u{FF5E}' => 1.0,
        '\u{2010}'..='\u{2312}' | '\u{2460}'..='\u{25FF}' | '\u{A0}'..='\u{FF}' => 0.5,
        '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => 0.5,
        '\u{FF61}'..='\u{FF9F}' => 0.2,
        _ => 0.0,
    }
}

/// The share of likely characters in `text` (0 to 1).
pub(crate) fn likelihood(text: &str) -> f64 {
    let (mut total, mut count) = (0.0, 0usize);
    for c in text.chars() {
        total += weight(c);
        count += 1;
    }
    if count == 0 { 0.0 } else { total / count as f64 }
}

/// A candidate's reading of the sample.
struct Reading {
    encoding: &'static Encoding,
    likelihood: f64,
}

fn read(encoding: &'static Encoding, sample: &[u8]) -> Reading {
    let (text, _) = encoding.decode_without_bom_handling(sample);
    Reading { encoding, likelihood: likelihood(&text) }
}

/// The encoding of `bytes` (not valid UTF-8, no BOM) among Shift_JIS, EUC-JP, UTF-16LE/BE and
/// UTF-8 with errors.
pub fn guess(bytes: &[u8]) -> &'static Encoding {
    let sample = cut_at_char_boundary(&bytes[..bytes.len().min(SAMPLE)], bytes.len());
    // Japanese text in one legacy encoding is almost never valid in the other: when exactly one
    // of them decodes without error and reads as text, that settles it at the cost of two
    // decodes (most files of a library).
    let euc_ok = EUC_JP.decode_without_bom_handling_and_without_replacement(sample).is_some();
    let sjis_ok = SHIFT_JIS.decode_without_bom_handling_and_without_replacement(sample).is_some();
    match (sjis_ok, euc_ok) {
        (true, false) if read(SHIFT_JIS, sample).likelihood >= CONFIDENT => return SHIFT_JIS,
        (false, true) if read(EUC_JP, sample).likelihood >= CONFIDENT => return EUC_JP,
        _ => {}
    }
    let even = &sample[..sample.len() & !1];
    let readings = [
        read(SHIFT_JIS, sample),
        read(EUC_JP, sample),
        read(UTF_16LE, even),
        read(UTF_16BE, even),
        read(UTF_8, sample),
    ];
    let mut best = &readings[0];
    for reading in &readings[1..] {
        // UTF-16 only when it reads as text: any bytes decode as UTF-16, and binary data must
        // not pass for it.
        let utf16 = reading.encoding == UTF_16LE || reading.encoding == UTF_16BE;
        if reading.likelihood > best.likelihood && (!utf16 || reading.likelihood >= CONFIDENT) {
            best = reading;
        }
    }
    // Shift_JIS and EUC-JP read the same where the text is mostly ASCII: a close call between
    // them is left to chardetng's statistics.
    let (sjis, euc) = (readings[0].likelihood, readings[1].likelihood);
    if (best.encoding == SHIFT_JIS || best.encoding == EUC_JP) && (sjis - euc).abs() < 0.01 {
        return statistical(bytes);
    }
    best.encoding
}

/// chardetng's guess among the Japanese encodings (told the text is Japanese with the `.jp`
/// hint), Shift_JIS when it says something else.
fn statistical(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(Some(b"jp"), chardetng::Utf8Detection::Allow);
    if guess == EUC_JP || guess == UTF_8 { guess } else { SHIFT_JIS }
}

/// A sample that is not the whole input ends at its last newline, so that a double-byte
/// character split by the cut does not count as an error (`\n` is never part of one in
/// Shift_JIS or EUC-JP).
fn cut_at_char_boundary(sample: &[u8], total: usize) -> &[u8] {
    if sample.len() == total {
        return sample;
    }
    match memchr::memrchr(b'\n', sample) {
        Some(at) => &sample[..at],
        None => sample,
    }
}
