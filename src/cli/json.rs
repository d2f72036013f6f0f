//! JSON output that is safe to print on a terminal: serde_json escapes only `"`, `\` and C0
//! controls, so a raw U+009B (a C1 CSI), U+202E (a bidi override) or U+2028 in a file name would
//! pass into `"path"` and act when the output is shown. Every character that
//! [`must_escape`](crate::core::sanitize::escape::must_escape) names is written as `\uXXXX`
//! (a surrogate pair beyond the BMP); the result is still valid JSON and decodes to the same
//! strings.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::core::sanitize::escape::must_escape;

/// One line of compact JSON (no trailing newline).
pub(crate) fn to_line<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, EscapingFormatter(CompactFormatter))
}

/// Indented JSON (no trailing newline).
pub(crate) fn to_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, EscapingFormatter(PrettyFormatter::new()))
}

fn write<T: Serialize + ?Sized, F: Formatter>(value: &T, formatter: F) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer)?;
    // Only strings and serde_json's own punctuation were written, all UTF-8.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Wraps a formatter, escaping what terminals would act on in every string fragment.
struct EscapingFormatter<F>(F);

impl<F: Formatter> Formatter for EscapingFormatter<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if must_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_and_bidi_characters_are_escaped_and_the_json_round_trips() {
        let value = serde_json::json!({ "path": "a\u{9b}2J\u{202E}b\u{E0041}\n\"q\"", "n": [1, 2] });
        let line = to_line(&value).unwrap();
        assert_eq!(line, r#"{"n":[1,2],"path":"a\u009b2J\u202eb\udb40\udc41\n\"q\""}"#);
        assert!(!line.chars().any(must_escape));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&line).unwrap(), value);
        let pretty = to_pretty(&value).unwrap();
        assert!(pretty.contains("\n  \"n\": [\n    1,"), "{pretty}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&pretty).unwrap(), value);
    }
}
