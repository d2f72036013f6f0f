//! Bytes to text: BOM and encoding detection (UTF-8, UTF-16, Shift_JIS/CP932, EUC-JP).
//!
//! Decoding never fails: invalid bytes become U+FFFD and a diagnostic says where. The encoding
//! is taken from a BOM, else UTF-8 if the bytes are valid UTF-8, else UTF-16 when the NUL pattern
//! says so, else UTF-8 with a few broken sequences, else the candidate whose reading has the
//! largest share of likely characters ([`guess`]: Shift_JIS, EUC-JP, UTF-16 without NULs),
//! chardetng deciding close calls between Shift_JIS and EUC-JP.

mod guess;

use encoding_rs::{Encoding, ISO_2022_JP, UTF_8, UTF_16BE, UTF_16LE};

use crate::meeting::{Diagnostic, DiagnosticKind, Severity};

/// Decoded text and what was learned while decoding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding name as encoding_rs spells it (`UTF-8`, `Shift_JIS`, `EUC-JP`, `UTF-16LE`).
    pub encoding: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// At most this many invalid-byte positions are reported one by one; the rest are counted.
const MAX_REPORTED_INVALID: usize = 5;

/// Whether 7-bit bytes (valid UTF-8) are ISO-2022-JP: its kanji shift-in sequences say so.
pub fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    // One pass for both `ESC $ B` (JIS X 0208-1983) and `ESC $ @` (1978).
    memchr::memmem::find_iter(bytes, b"\x1b$").any(|at| matches!(bytes.get(at + 2), Some(b'B' | b'@')))
}

/// Decodes minutes bytes of unknown encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut diagnostics = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..], diagnostics);
    }
    // SIMD validation: most files are UTF-8, and validating them was a hot spot of library search.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // ISO-2022-JP (old mail archives) is 7-bit, hence valid UTF-8; its kanji shift-in
        // sequences would otherwise be stripped as terminal escapes, leaving ASCII garbage.
        if is_iso_2022_jp(bytes) {
            diagnostics.push(Diagnostic::new(
                Severity::Info,
                DiagnosticKind::EncodingDetected,
                None,
                "read as ISO-2022-JP",
            ));
            return decode_with(ISO_2022_JP, bytes, diagnostics);
        }
        return Decoded { text: text.to_owned(), encoding: UTF_8.name(), diagnostics };
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::EncodingGuessed,
            None,
            format!("no byte-order mark; read as {} from the pattern of NUL bytes", encoding.name()),
        ));
        return decode_with(encoding, bytes, diagnostics);
    }
    let encoding = if mostly_utf8(bytes) { UTF_8 } else { guess::guess(bytes) };
    if encoding == UTF_16LE || encoding == UTF_16BE {
        // Japanese in UTF-16 has few NUL bytes (and control bytes in many of its code units):
        // recognised by how it reads, not by its bytes.
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::EncodingGuessed,
            None,
            format!("no byte-order mark; read as {} from its characters", encoding.name()),
        ));
        return decode_with(encoding, bytes, diagnostics);
    }
    if looks_binary(bytes) {
        diagnostics.push(Diagnostic::new(
            Severity::Error,
            DiagnosticKind::Binary,
            None,
            "this looks like a binary file, not minutes; showing what could be read as text",
        ));
    }
    if encoding != UTF_8 {
        diagnostics.push(Diagnostic::new(
            Severity::Info,
            DiagnosticKind::EncodingDetected,
            None,
            format!("read as {}", encoding.name()),
        ));
    }
    decode_with(encoding, bytes, diagnostics)
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], mut diagnostics: Vec<Diagnostic>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    if had_errors {
        report_replacements(&text, encoding, &mut diagnostics);
    }
    Decoded { text, encoding: encoding.name(), diagnostics }
}

/// Lists the lines where U+FFFD was inserted for invalid bytes.
fn report_replacements(text: &str, encoding: &'static Encoding, diagnostics: &mut Vec<Diagnostic>) {
    let mut total = 0usize;
    for (index, line) in text.split('\n').enumerate() {
        let count = line.matches('\u{FFFD}').count();
        if count == 0 {
            continue;
        }
        if total < MAX_REPORTED_INVALID {
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::InvalidBytes,
                Some(index + 1),
                format!("{count} invalid {} byte sequence(s) replaced with U+FFFD", encoding.name()),
            ));
        }
        total += count;
    }
    if total > MAX_REPORTED_INVALID {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::InvalidBytes,
            None,
            format!("{total} invalid byte sequences in all were replaced with U+FFFD"),
        ));
    }
}

/// UTF-16 text without a BOM shows NUL bytes in every other position for ASCII and CJK alike
/// (CJK code units often have a zero in neither byte, so ASCII newlines and digits decide).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even_nul += 1;
            } else {
                odd_nul += 1;
            }
        }
    }
    let pairs = sample.len() / 2;
    let threshold = (pairs / 10).max(1);
    if odd_nul >= threshold && even_nul * 8 < odd_nul {
        Some(UTF_16LE)
    } else if even_nul >= threshold && odd_nul * 8 < even_nul {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 with a few broken sequences (a truncated character, a pasted Shift_JIS word): valid
/// multi-byte characters outnumber the errors at least two to one. Shift_JIS and EUC-JP read as
/// UTF-8 give one valid character per three to six errors (their lead bytes are UTF-8
/// continuation bytes, or pair with bytes that are not), so this does not take them. chardetng
/// alone guesses UTF-8 only for valid input, and the whole file would turn into mojibake.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = &bytes[..bytes.len().min(1 << 20)];
    let (mut characters, mut errors) = (0usize, 0usize);
    loop {
        let (valid, next) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid.as_bytes(), None),
            Err(err) => (&rest[..err.valid_up_to()], err.error_len().map(|n| err.valid_up_to() + n)),
        };
        // Lead bytes of multi-byte characters.
        characters += valid.iter().filter(|&&b| b >= 0xC0).count();
        match next {
            Some(skip) => {
                errors += 1;
                // A legacy encoding shows errors from its first characters on: once they clearly
                // outnumber valid ones there is no need to walk the rest (a hot spot when
                // searching libraries with Shift_JIS files).
                if errors >= 64 && characters < 2 * errors {
                    return false;
                }
                rest = &rest[skip..];
            }
            // The end, or a sequence cut by the end (of the file or of the sample).
            None => break,
        }
    }
    characters > 0 && characters >= 2 * errors
}

/// Text in any encoding minutes use has almost no C0 control bytes besides tab and newlines.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    controls > 0 && controls * 20 >= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS};

    #[test]
    fn utf8_with_bom_is_stripped() {
        let decoded = decode("\u{FEFF}議事録".as_bytes());
        assert_eq!(decoded.text, "議事録");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn shift_jis_is_detected() {
        let (bytes, _, _) = SHIFT_JIS.encode("令和6年2月9日　委員会を開催した。出席委員は五名であった。");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "Shift_JIS");
        assert_eq!(decoded.text, "令和6年2月9日　委員会を開催した。出席委員は五名であった。");
    }

    #[test]
    fn euc_jp_is_detected() {
        let (bytes, _, _) = EUC_JP.encode("本日の委員会では予算案について審議を行いました。次回は来月です。");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "EUC-JP");
        assert!(decoded.text.starts_with("本日の委員会"));
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "会議\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "会議\r\n");
    }

    #[test]
    fn utf16le_without_bom_is_guessed_with_a_diagnostic() {
        let mut bytes = Vec::new();
        for unit in "[Chair]\nHello 会議\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "[Chair]\nHello 会議\n");
        assert!(decoded.diagnostics.iter().any(|d| d.kind == "encoding_guessed"));
    }

    #[test]
    fn truncated_utf8_becomes_replacement_with_line() {
        let mut bytes = "一行目\n二行目".as_bytes().to_vec();
        bytes.truncate(bytes.len() - 1);
        let decoded = decode(&bytes);
        assert!(decoded.text.ends_with('\u{FFFD}'));
        assert!(decoded.diagnostics.iter().any(|d| d.kind == "invalid_bytes" && d.line == Some(2)));
    }

    #[test]
    fn iso_2022_jp_is_decoded_not_stripped() {
        let (bytes, _, _) = ISO_2022_JP.encode("議事録の確認");
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "議事録の確認");
    }

    #[test]
    fn binary_is_flagged() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        let decoded = decode(&bytes);
        assert!(decoded.diagnostics.iter().any(|d| d.kind == "binary"));
    }
}
