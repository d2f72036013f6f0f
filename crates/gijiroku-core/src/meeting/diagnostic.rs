//! Diagnostics: notes on how a file was read (a repair made, something guessed, something that
//! could not be read), each with a kind scripts can match on (`print --json`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A repair the parser made (a page break joined, a footer dropped).
    Info,
    /// Something was read on a best-effort basis (invalid bytes replaced, guessed encoding).
    Warning,
    /// Something could not be read at all.
    Error,
}

/// What a diagnostic is about. Serialised (in `print --json`) as the snake_case names below,
/// which scripts match on: a name never changes once published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The encoding was read from a mark or escape sequences (ISO-2022-JP).
    EncodingDetected,
    /// The encoding was guessed from the bytes.
    EncodingGuessed,
    /// Bytes that are not text in the encoding read were replaced.
    InvalidBytes,
    /// The file looks binary.
    Binary,
    /// An HTML page declares a charset its bytes contradict.
    CharsetMismatch,
    /// Terminal escape sequences were removed.
    EscapeRemoved,
    /// Control characters were removed.
    ControlRemoved,
    /// Bidi overrides or invisible format characters were removed.
    InvisibleRemoved,
    /// A JSON file ends before its last value does.
    JsonTruncated,
    /// JSON that could not be parsed, read as text.
    JsonUnreadable,
    /// JSON of a shape no reader knows, read as text.
    JsonUnrecognised,
    /// A Diet API response without records.
    NoRecords,
    /// No speaker turn was found.
    NoTurns,
    /// A sentence cut by a page break was joined.
    PageBreakJoined,
    /// A page footer or header was removed.
    PageFooterRemoved,
    /// Chat lines replayed by a bouncer were skipped.
    ReplayedLinesSkipped,
    /// The turns found may be wrong (see `parse::quality`).
    ReadingDoubt,
}

impl DiagnosticKind {
    /// The published name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::EncodingDetected => "encoding_detected",
            DiagnosticKind::EncodingGuessed => "encoding_guessed",
            DiagnosticKind::InvalidBytes => "invalid_bytes",
            DiagnosticKind::Binary => "binary",
            DiagnosticKind::CharsetMismatch => "charset_mismatch",
            DiagnosticKind::EscapeRemoved => "escape_removed",
            DiagnosticKind::ControlRemoved => "control_removed",
            DiagnosticKind::InvisibleRemoved => "invisible_removed",
            DiagnosticKind::JsonTruncated => "json_truncated",
            DiagnosticKind::JsonUnreadable => "json_unreadable",
            DiagnosticKind::JsonUnrecognised => "json_unrecognised",
            DiagnosticKind::NoRecords => "no_records",
            DiagnosticKind::NoTurns => "no_turns",
            DiagnosticKind::PageBreakJoined => "page_break_joined",
            DiagnosticKind::PageFooterRemoved => "page_footer_removed",
            DiagnosticKind::ReplayedLinesSkipped => "replayed_lines_skipped",
            DiagnosticKind::ReadingDoubt => "reading_doubt",
        }
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Kinds compare with their published names, so a script's view of a diagnostic and the code's agree.
impl PartialEq<str> for DiagnosticKind {
    fn eq(&self, name: &str) -> bool {
        self.as_str() == name
    }
}

impl PartialEq<&str> for DiagnosticKind {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

/// A note about how the file was read, tied to a source line where there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: DiagnosticKind,
    /// 1-based source line, where the diagnostic concerns one.
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(severity: Severity, kind: DiagnosticKind, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic { severity, kind, line, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "line {line}: {level}: {}", self.message),
            None => write!(f, "{level}: {}", self.message),
        }
    }
}
