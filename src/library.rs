//! The library on disk: finding minutes files under the paths given (recursively, hidden
//! directories skipped, symlink loops detected, files picked up by content), and reading them
//! with a size limit. Files are only ever opened for reading.

pub mod read;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::core::meeting::Meeting;
use crate::core::parse::parse_bytes;

/// Files larger than this are refused with a message rather than read: a meeting takes several
/// times its file size in memory, and no real minutes come near it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Extensions that are minutes when their content is text.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "json"];

/// What the scan found at a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A file that looks like minutes.
    File(PathBuf),
    /// A path that could not be used, and why (shown in the list as a failed entry).
    Problem(PathBuf, String),
}

/// Finds minutes under `paths`. Files named explicitly are always taken (if they are regular
/// files); files inside directories are taken when they look like minutes.
pub fn scan(paths: &[PathBuf], found: &mut dyn FnMut(Found)) {
    let mut visited = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Err(err) => found(Found::Problem(path.clone(), describe_io_error(&err))),
            Ok(meta) if meta.is_dir() => walk(path, &mut visited, found),
            Ok(meta) if meta.is_file() => found(Found::File(path.clone())),
            Ok(_) => {
                found(Found::Problem(path.clone(), "not a regular file (a FIFO, socket or device); not read".into()))
            }
        }
    }
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, found: &mut dyn FnMut(Found)) {
    // Canonical paths identify directories reached twice through symlinks (loops included).
    let canonical = match fs::canonicalize(dir) {
        Ok(path) => path,
        Err(err) => return found(Found::Problem(dir.to_path_buf(), describe_io_error(&err))),
    };
    if !visited.insert(canonical) {
        return;
    }
    // The directory listing's file types spare a stat per file; only symlinks need following.
    let mut children: Vec<(PathBuf, Option<fs::FileType>)> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect(),
        Err(err) => return found(Found::Problem(dir.to_path_buf(), describe_io_error(&err))),
    };
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (child, file_type) in children {
        let hidden = child.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let kind = match file_type.filter(|t| !t.is_symlink()) {
            Some(t) => Ok(t),
            None => fs::metadata(&child).map(|m| m.file_type()),
        };
        match kind {
            Err(err) => found(Found::Problem(child.clone(), describe_io_error(&err))),
            Ok(t) if t.is_dir() => walk(&child, visited, found),
            Ok(t) if t.is_file() => {
                if looks_like_minutes(&child) {
                    found(Found::File(child));
                }
            }
            Ok(_) => found(Found::Problem(child, "not a regular file (a FIFO, socket or device); skipped".into())),
        }
    }
}

/// Decides by content: text in a known extension, or any text file whose start has the shapes
/// of minutes (speaker markers, brackets, header words, Diet API fields).
fn looks_like_minutes(path: &Path) -> bool {
    // A known extension is enough: opening every file twice would double a scan's cost, and a
    // binary file with such a name is caught (and reported) when it is read.
    if has_text_extension(path) {
        return true;
    }
    let mut head = [0u8; 8192];
    let Ok(mut file) = File::open(path) else {
        // Unreadable files are listed so that the user sees why.
        return true;
    };
    let n = file.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    if n == 0 {
        return false;
    }
    let binary = head.iter().filter(|&&b| b == 0).count() * 10 > n
        && !(head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]));
    if binary {
        return false;
    }
    // A UTF-8 head (possibly cut inside a character) is read as is; guessing an encoding is only
    // worth it for the rare file that is not UTF-8.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text.to_owned(),
        Err(err) if err.error_len().is_none() => String::from_utf8_lossy(&head[..err.valid_up_to()]).into_owned(),
        Err(_) => crate::core::decode::decode(head).text,
    };
    const MARKERS: &[&str] = &[
        "議事",
        "会議",
        "委員",
        "議長",
        "発言",
        "○",
        "◯",
        "◎",
        "speechRecord",
        "meetingRecord",
        "出席",
        "日時",
        "Minutes",
        "Attendees",
    ];
    MARKERS.iter().any(|m| text.contains(m))
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// An I/O error as one readable phrase.
pub fn describe_io_error(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "is a directory".into(),
        _ => err.to_string(),
    }
}

/// Reads a file of at most `max_bytes`, refusing larger ones and anything but regular files
/// (see [`read::read_regular`]); the reason as one phrase.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    read::read_regular(path, max_bytes).map_err(|refusal| refusal.message())
}

/// Whether a file's bytes can hold a match for `matcher` in the reader: `false` only when
/// parsing the file could not give one (see [`crate::core::search::prefilter`]). Most files of a
/// library don't match, and are ruled out without being parsed; a UTF-8 file with a match as
/// it stands is let through on its raw bytes, without decoding.
pub fn may_match(bytes: &[u8], matcher: &crate::core::search::Matcher) -> bool {
    use crate::core::search::prefilter::{may_match_text, may_match_unmatched};
    // A match in the raw bytes can only let a file through too many: the parse decides.
    if matcher.is_match_bytes(bytes) {
        return true;
    }
    match std::str::from_utf8(bytes) {
        // ISO-2022-JP is 7-bit, so valid UTF-8, and only decoding shows its text.
        Ok(text) if !(text.is_ascii() && crate::core::decode::is_iso_2022_jp(bytes)) => {
            may_match_unmatched(matcher, text)
        }
        _ => may_match_text(matcher, &crate::core::decode::decode(bytes).text),
    }
}

/// Hits per meeting of a file's bytes, as the reader's library search counts them: the hits
/// `/` finds in each meeting, or none for a file [`may_match`] rules out without parsing it.
pub fn hits_per_meeting(bytes: &[u8], matcher: &crate::core::search::Matcher) -> Vec<usize> {
    if !may_match(bytes, matcher) {
        return Vec::new();
    }
    parse_bytes(bytes).iter().map(|meeting| crate::core::hits::MeetingText::new(meeting).find(matcher).len()).collect()
}

/// Reads and parses a file into its meetings.
pub fn load_file(path: &Path, max_bytes: u64) -> Result<Vec<Meeting>, String> {
    let bytes = read_file(path, max_bytes)?;
    Ok(parse_bytes(&bytes))
}

/// `1.0 GB`, `64 MB`, `812 KB`, `12 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if value < 10.0 { format!("{value:.1} {unit}") } else { format!("{value:.0} {unit}") };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: ISO-2022-JP is 7-bit and so valid UTF-8; its raw bytes were searched as the
    /// text, and `gijiroku search` and the library search never found anything in such files.
    #[test]
    fn iso_2022_jp_files_are_decoded_before_they_are_ruled_out() {
        use crate::core::search::{Matcher, SearchOptions};
        let text = "[森委員]\n図書館の開館時間について質問します。\n".repeat(40);
        let matcher = Matcher::new("開館時間", SearchOptions { kana_fold: true }).unwrap();
        let absent = Matcher::new("予算", SearchOptions { kana_fold: true }).unwrap();
        for encoding in [encoding_rs::ISO_2022_JP, encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP, encoding_rs::UTF_8] {
            let (bytes, _, unmappable) = encoding.encode(&text);
            assert!(!unmappable);
            assert!(may_match(&bytes, &matcher), "{}", encoding.name());
            assert!(!may_match(&bytes, &absent), "{}", encoding.name());
        }
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MB");
        assert_eq!(human_size(1 << 30), "1.0 GB");
    }
}
