//! The library on disk: finding minutes files under the paths given (recursively, hidden
//! directories skipped, symlink loops detected, files picked up by content), and reading them
//! with a size limit. Files are only ever opened for reading.

pub mod read;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
#[cfg(unix)]
use std::os::fd::AsFd;
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
    // Files named directly, so that one given again through its directory is listed once.
    let mut named = HashSet::new();
    for meta in paths.iter().filter_map(|p| fs::metadata(p).ok()).filter(fs::Metadata::is_file) {
        named.insert(identity(&meta));
    }
    let mut listed = HashSet::new();
    for path in paths {
        if is_stdin(path) {
            found(Found::File(path.clone()));
            continue;
        }
        match fs::metadata(path) {
            Err(err) => found(Found::Problem(path.clone(), describe_io_error(&err))),
            Ok(meta) if meta.is_dir() => walk(path, &meta, &mut visited, &named, found),
            Ok(meta) if meta.is_file() => {
                if listed.insert(identity(&meta)) {
                    found(Found::File(path.clone()));
                }
            }
            Ok(_) => {
                found(Found::Problem(path.clone(), "not a regular file (a FIFO, socket or device); not read".into()))
            }
        }
    }
}

/// A directory's identity: device and inode. A directory reached twice (through a symlink, or
/// a loop) is walked once. Taken from the `stat` the walk makes anyway: canonicalising each
/// directory's path instead cost a `stat` per component, and a scan of 1,000 nested directories
/// 18 s (issue 13, item 8).
#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> (u64, u64) {
    // No inode to tell directories apart: none is skipped (loops are cut by the depth limit).
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    (0, NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Directories deeper than this under a path given are not entered (with a message): no library
/// is this deep, and the paths of such files are too long to open on most systems anyway.
pub(crate) const MAX_DEPTH: usize = 4096;

/// Walks `root` depth first, in path order, without recursion (a deep tree cannot overflow the
/// stack) and in time linear in the number of entries.
fn walk(
    root: &Path,
    root_meta: &fs::Metadata,
    visited: &mut HashSet<(u64, u64)>,
    named: &HashSet<(u64, u64)>,
    found: &mut dyn FnMut(Found),
) {
    // A file named directly and found again here is listed once (issue 15); the stat this needs
    // is made only when some file was named directly.
    let named_elsewhere =
        |path: &Path| !named.is_empty() && fs::metadata(path).is_ok_and(|m| named.contains(&identity(&m)));
    if !visited.insert(identity(root_meta)) {
        return;
    }
    let mut stack: Vec<std::vec::IntoIter<(PathBuf, Option<fs::FileType>)>> = Vec::new();
    match children(root) {
        Ok(entries) => stack.push(entries.into_iter()),
        Err(err) => return found(Found::Problem(root.to_path_buf(), describe_io_error(&err))),
    }
    while let Some(level) = stack.last_mut() {
        let Some((child, file_type)) = level.next() else {
            stack.pop();
            continue;
        };
        let hidden = child.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // The listing's file type spares a stat per file; directories and symlinks need one
        // (for their identity, or to follow them).
        let is_plain_file = file_type.is_some_and(|t| t.is_file());
        if is_plain_file {
            if looks_like_minutes(&child) && !named_elsewhere(&child) {
                found(Found::File(child));
            }
            continue;
        }
        match fs::metadata(&child) {
            Err(err) => found(Found::Problem(child, describe_io_error(&err))),
            Ok(meta) if meta.is_dir() => {
                if !visited.insert(identity(&meta)) {
                    continue;
                }
                if stack.len() >= MAX_DEPTH {
                    found(Found::Problem(child, format!("more than {MAX_DEPTH} directories deep; not entered")));
                    continue;
                }
                match children(&child) {
                    Ok(entries) => stack.push(entries.into_iter()),
                    Err(err) => found(Found::Problem(child, describe_io_error(&err))),
                }
            }
            Ok(meta) if meta.is_file() => {
                if looks_like_minutes(&child) && !named.contains(&identity(&meta)) {
                    found(Found::File(child));
                }
            }
            Ok(_) => found(Found::Problem(child, "not a regular file (a FIFO, socket or device); skipped".into())),
        }
    }
}

/// A directory's entries, sorted by path.
fn children(dir: &Path) -> std::io::Result<Vec<(PathBuf, Option<fs::FileType>)>> {
    let mut entries: Vec<(PathBuf, Option<fs::FileType>)> =
        fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect();
    // Siblings differ in their last component only, so their bytes sort as their components do
    // (comparing paths by components was a tenth of a rare word's `search`).
    entries.sort_by(|a, b| a.0.as_os_str().as_encoded_bytes().cmp(b.0.as_os_str().as_encoded_bytes()));
    Ok(entries)
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
    let Ok(mut file) = read::open_nonblocking(path) else {
        // Unreadable files are listed so that the user sees why.
        return true;
    };
    let n = file.read(&mut head).unwrap_or(0);
    let mut head = &head[..n];
    if n == 0 {
        return false;
    }
    // A compressed file is judged by what it decompresses to (and read that way: see `read`).
    let inflated;
    if read::is_gzip(head) {
        inflated = read::gunzip_head(head, head.len());
        head = &inflated;
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

/// A text extension, also under `.gz` (`2024-03.txt.gz`).
fn has_text_extension(path: &Path) -> bool {
    let extension = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension(path).as_deref() {
        Some("gz") => path.file_stem().is_some_and(|stem| has_text_extension(Path::new(stem))),
        Some(e) => TEXT_EXTENSIONS.contains(&e),
        None => false,
    }
}

/// An I/O error as one readable phrase.
pub(crate) fn describe_io_error(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "is a directory".into(),
        _ => err.to_string(),
    }
}

/// Reads a file of at most `max_bytes`, refusing larger ones and anything but regular files
/// (see [`read::read_regular`]); the reason as one phrase. `-` is standard input.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    if is_stdin(path) {
        return read_stdin(max_bytes);
    }
    read::read_regular(path, max_bytes).map_err(|refusal| refusal.message())
}

/// Whether `path` is `-`, standard input (as in less, grep and cat).
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether standard input brings data (a pipe or a file; not a terminal, not `/dev/null`):
/// then, with no path given, `search` and the reader read it, as ripgrep and less do.
pub(crate) fn stdin_has_data() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let Ok(meta) = std::fs::File::from(match std::io::stdin().as_fd().try_clone_to_owned() {
            Ok(fd) => fd,
            Err(_) => return false,
        })
        .metadata() else {
            return false;
        };
        let kind = meta.file_type();
        kind.is_fifo() || kind.is_socket() || kind.is_file()
    }
    #[cfg(not(unix))]
    {
        !std::io::IsTerminal::is_terminal(&std::io::stdin())
    }
}

/// Standard input, read once (up to `max_bytes`, decompressed if it is gzip) and kept: the
/// reader reads a meeting again when it opens it.
fn read_stdin(max_bytes: u64) -> Result<Vec<u8>, String> {
    static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    STDIN
        .get_or_init(|| {
            use std::io::IsTerminal;
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err("standard input is the terminal, not minutes (give a file, or pipe minutes in)".into());
            }
            let mut bytes = Vec::new();
            stdin.lock().take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| describe_io_error(&e))?;
            if bytes.len() as u64 > max_bytes {
                return Err(format!("more than the limit of {} on standard input", human_size(max_bytes)));
            }
            if read::is_gzip(&bytes) {
                return read::gunzip(&bytes, max_bytes).map_err(|refusal| refusal.message());
            }
            Ok(bytes)
        })
        .clone()
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
    match simdutf8::basic::from_utf8(bytes) {
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
pub(crate) fn human_size(bytes: u64) -> String {
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
