//! Library entries: one per meeting the reader can open, with the little that the meeting
//! list needs (title, date, counts, speakers), so that only the open meeting stays in memory.

use std::path::PathBuf;

use gijiroku_core::meeting::{Date, Format, Meeting, Severity};

/// Where a meeting's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    File(PathBuf),
    /// Sample minutes compiled into the binary.
    Embedded {
        name: &'static str,
        bytes: &'static [u8],
    },
}

impl Source {
    /// The path as shown to the user.
    pub fn display(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Embedded { name, .. } => format!("(sample) {name}"),
        }
    }

    /// The file name without directories, for titles of untitled meetings.
    pub fn file_name(&self) -> String {
        match self {
            Source::File(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            Source::Embedded { name, .. } => (*name).to_owned(),
        }
    }
}

/// What the list shows of a readable meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySummary {
    pub title: String,
    pub date: Option<Date>,
    /// Speech turns; `None` while only the head of the file has been read (large libraries are
    /// listed from file heads first and counted in a second pass).
    pub turns: Option<usize>,
    /// Speakers (complete once `turns` is known).
    pub speakers: Vec<String>,
    pub format: Format,
    /// Warnings and errors found while reading it.
    pub problems: usize,
    /// The reading-quality check doubts its speakers (marked in the list).
    pub doubted: bool,
}

impl EntrySummary {
    /// What a meeting parsed from the head of its file says: title, date, format, the speakers
    /// seen so far; the turn count stays unknown.
    pub fn of_head(meeting: &Meeting) -> EntrySummary {
        EntrySummary { turns: None, ..EntrySummary::of(meeting) }
    }

    pub fn of(meeting: &Meeting) -> EntrySummary {
        EntrySummary {
            title: meeting.title.clone(),
            date: meeting.date,
            turns: Some(meeting.speech_count()),
            speakers: meeting.speakers().into_iter().map(str::to_owned).collect(),
            format: meeting.format,
            problems: meeting.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).count(),
            doubted: meeting.diagnostics.iter().any(|d| d.kind == gijiroku_core::parse::quality::KIND),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryState {
    Ready(EntrySummary),
    /// The file could not be read, or the meeting not found in it.
    Failed(LoadError),
}

/// Why a meeting could not be had. The runtime reports it; the list, the status line and the
/// start-up error show it as one phrase.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read: missing, refused (not a regular file, too large), or an I/O
    /// error; the reason as one phrase.
    #[error("{0}")]
    Unreadable(String),
    /// The file changed since it was listed and no longer holds the meeting asked for.
    #[error("the file changed since it was listed (the meeting is gone)")]
    MeetingGone,
    /// A parser bug (a panic caught on the worker): the file costs itself, not the session.
    #[error("internal error ({0}); please report it with the file")]
    Internal(String),
}

/// One meeting of the library (a file may hold several: Diet API responses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub source: Source,
    /// Which meeting of the file.
    pub index_in_file: usize,
    pub state: EntryState,
}

impl Entry {
    /// The title, or the file name for untitled meetings and unreadable files.
    pub fn title(&self) -> String {
        self.title_ref().into_owned()
    }

    /// [`Entry::title`] without copying a title the entry has (the list sorts by it).
    pub fn title_ref(&self) -> std::borrow::Cow<'_, str> {
        match &self.state {
            EntryState::Ready(summary) if !summary.title.trim().is_empty() => summary.title.as_str().into(),
            _ => self.source.file_name().into(),
        }
    }

    pub fn date(&self) -> Option<Date> {
        match &self.state {
            EntryState::Ready(summary) => summary.date,
            EntryState::Failed(_) => None,
        }
    }

    pub fn summary(&self) -> Option<&EntrySummary> {
        match &self.state {
            EntryState::Ready(summary) => Some(summary),
            EntryState::Failed(_) => None,
        }
    }

    pub fn is_failed(&self) -> bool {
        matches!(self.state, EntryState::Failed(_))
    }
}
