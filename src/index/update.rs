//! Building and updating an index: the library's files walked as the reader walks them, each
//! compared with the index's record (size and time, then the content's hash), and only files
//! added, changed or removed since the last run touched. Work is committed every few thousand
//! files: a run killed at any moment leaves the last commit, which is a good index of the files
//! it holds (any other file is simply searched without it).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::schema::Fields;
use super::store::{self, Canonical, FileRecord, Library, OpenError};
use crate::core::meeting::Meeting;
use crate::library::{DEFAULT_MAX_FILE_BYTES, Found, read_file, scan};

/// What an update did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub changed: usize,
    /// Files whose time changed but not their content: re-stamped, not re-read into the index.
    pub touched: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files that could not be read (left out of the index, so always searched, with their error).
    pub failed: usize,
    /// Meetings written (of the files added or changed).
    pub meetings: usize,
    /// A message to show first: the index was unusable and has been rebuilt.
    pub rebuilt: Option<String>,
    pub dir: PathBuf,
}

/// How far an update has come: files read of those to read.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Why an update failed; every one a message for the user.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("no cache directory on this system (set {var})", var = store::CACHE_ENV)]
    NoCacheDir,
    #[error("{0}: {1}")]
    Path(PathBuf, String),
    #[error("another gijiroku is updating this library's index; try again when it has finished")]
    Busy,
    #[error("cannot write the index in {0}: {1}")]
    Write(PathBuf, String),
}

/// Commit after this many files read: what a killed run loses at most.
const COMMIT_EVERY: usize = 2_000;

/// How an update runs.
#[derive(Clone, Copy, Debug)]
pub struct UpdateOptions {
    /// Throw the index's documents away and read every file again.
    pub rebuild: bool,
    /// Files larger than this are not read (the config's `max_file_mb`, as `search` and the
    /// reader use it): such a file is left out of the index, so a search reads it, and reports
    /// it as the scan does.
    pub max_file_bytes: u64,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions { rebuild: false, max_file_bytes: DEFAULT_MAX_FILE_BYTES }
    }
}

/// Brings the index of the library `roots` up to date (creating it, or rebuilding it when it is
/// unusable or `options.rebuild` is set), in the cache directory ([`store::cache_root`]).
pub fn update(
    roots: &[PathBuf],
    options: UpdateOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, UpdateError> {
    let cache = store::cache_root().ok_or(UpdateError::NoCacheDir)?;
    update_in(&cache, roots, options, progress)
}

/// [`update`] with the indexes kept under `cache`.
pub fn update_in(
    cache: &Path,
    roots: &[PathBuf],
    options: UpdateOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, UpdateError> {
    let mut canonical_roots = Vec::new();
    for root in roots {
        let path = std::fs::canonicalize(root)
            .map_err(|e| UpdateError::Path(root.clone(), crate::library::describe_io_error(&e)))?;
        canonical_roots.push(path);
    }
    canonical_roots.sort();
    canonical_roots.dedup();
    let dir = store::directory_for(cache, &canonical_roots);
    let mut summary = Summary { dir: dir.clone(), ..Summary::default() };
    let write_error = |e: String| UpdateError::Write(dir.clone(), e);
    // A rebuild of a good index empties it through its writer, so that nothing is deleted
    // before the writer's lock is held (a second indexer is told, and its index kept).
    let (library, empty_it) = match store::open(&dir) {
        Ok(library) => (library, options.rebuild),
        Err(OpenError::Missing) => (store::create(&dir, &canonical_roots).map_err(write_error)?, false),
        Err(err) => {
            let library = recreate(&dir, &canonical_roots)?;
            summary.rebuilt = Some(format!("the index in {} could not be used ({err}); rebuilt", dir.display()));
            (library, false)
        }
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    // 40 MB per indexing thread: well above tantivy's minimum, and peak memory stays low.
    let mut writer: IndexWriter<TantivyDocument> =
        library.index.writer_with_num_threads(threads, threads * 40_000_000).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _) => UpdateError::Busy,
            other => write_error(other.to_string()),
        })?;
    writer.set_merge_policy(Box::new(merge_policy()));
    let known = if empty_it {
        writer.delete_all_documents().map_err(|e| write_error(e.to_string()))?;
        HashMap::new()
    } else {
        library
            .index
            .reader()
            .and_then(|reader| store::manifest(&reader.searcher(), &library.fields))
            .map_err(|e| write_error(e.to_string()))?
    };

    // What is on disk, and what needs reading.
    let mut canonical = Canonical::default();
    let mut seen = HashSet::new();
    let mut to_read: Vec<(PathBuf, String, Option<FileRecord>)> = Vec::new();
    scan(&canonical_roots, &mut |found| {
        let Found::File(path) = found else { return };
        let Some(key) = canonical.file(&path) else { return };
        if !seen.insert(key.clone()) {
            return;
        }
        let previous = known.get(&key).copied();
        let fresh = previous.is_some_and(|record| {
            std::fs::metadata(&path).is_ok_and(|meta| store::stamp(&meta) == (record.size, record.mtime))
        });
        if fresh {
            summary.unchanged += 1;
        } else {
            to_read.push((path, key, previous));
        }
    });
    for gone in known.keys().filter(|key| !seen.contains(*key)) {
        delete(&writer, &library.fields, gone);
        summary.removed += 1;
    }

    // Reading, hashing and parsing on every core; the writer's calls and commits here.
    let total = to_read.len();
    progress(Progress { done: 0, total });
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<Outcome>(64);
    let fields = library.fields;
    let mut result = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (to_read, next) = (&to_read, &next);
            scope.spawn(move || {
                while let Some((path, key, previous)) = to_read.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = read_one(path, key, *previous, &fields, options.max_file_bytes);
                    if sender.send(outcome).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut done = 0;
        let mut last_commit = Instant::now();
        for outcome in receiver {
            done += 1;
            match outcome {
                Outcome::Touched { key, file } => {
                    writer.delete_term(Term::from_field_text(fields.file, &key));
                    let _ = writer.add_document(file);
                    summary.touched += 1;
                }
                Outcome::Read { key, was_known, documents } => {
                    delete(&writer, &fields, &key);
                    summary.meetings += documents.len().saturating_sub(1);
                    for document in documents {
                        let _ = writer.add_document(document);
                    }
                    if was_known {
                        summary.changed += 1;
                    } else {
                        summary.added += 1;
                    }
                }
                Outcome::Failed { key, was_known } => {
                    if was_known {
                        delete(&writer, &fields, &key);
                    }
                    summary.failed += 1;
                }
            }
            if done % 64 == 0 || done == total {
                progress(Progress { done, total });
            }
            if result.is_ok() && (done % COMMIT_EVERY == 0 || last_commit.elapsed() > Duration::from_secs(30)) {
                result = writer.commit().map(|_| ());
                last_commit = Instant::now();
            }
        }
    });
    result.and_then(|()| writer.commit().map(|_| ())).map_err(|e| write_error(e.to_string()))?;
    // Merges started by the commits finish here, so the next search opens few segments.
    writer.wait_merging_threads().map_err(|e| write_error(e.to_string()))?;
    Ok(summary)
}

/// Segments are merged while they are small only: a merge reads its segments through memory
/// maps, and merging the large ones of a 30,000-meeting library took the indexer past 250 MiB
/// (most of it those maps). A library ends in a handful of segments of up to
/// [`MERGED_DOCS`] documents (a meeting's and a file's each), which a search opens at once.
fn merge_policy() -> tantivy::indexer::LogMergePolicy {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_max_docs_before_merge(MERGED_DOCS);
    policy
}

/// See [`merge_policy`]: about 4,000 files of one meeting each.
const MERGED_DOCS: usize = 8_000;

/// Empties an unusable index directory and makes a new index there, holding tantivy's writer
/// lock from before the first file is deleted until the new index exists: a second indexer
/// at work in it (an index of another version, say) keeps its files, and this one is told.
fn recreate(dir: &Path, roots: &[PathBuf]) -> Result<Library, UpdateError> {
    let write_error = |e: String| UpdateError::Write(dir.to_path_buf(), e);
    let describe = |e: std::io::Error| crate::library::describe_io_error(&e);
    std::fs::create_dir_all(dir).map_err(|e| write_error(describe(e)))?;
    let directory = MmapDirectory::open(dir).map_err(|e| write_error(e.to_string()))?;
    let _lock = directory.acquire_lock(&INDEX_WRITER_LOCK).map_err(|e| match e {
        LockError::LockBusy => UpdateError::Busy,
        other => write_error(other.to_string()),
    })?;
    let lock_name = INDEX_WRITER_LOCK.filepath.as_os_str();
    for entry in std::fs::read_dir(dir).map_err(|e| write_error(describe(e)))? {
        let entry = entry.map_err(|e| write_error(describe(e)))?;
        if entry.file_name() == lock_name {
            continue;
        }
        let path = entry.path();
        let removed = match entry.file_type() {
            Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        removed.map_err(|e| write_error(format!("{}: {}", path.display(), describe(e))))?;
    }
    store::create(dir, roots).map_err(write_error)
}

/// Removes a file and its meetings from the index.
fn delete(writer: &IndexWriter<TantivyDocument>, fields: &Fields, key: &str) {
    writer.delete_term(Term::from_field_text(fields.path, key));
    writer.delete_term(Term::from_field_text(fields.file, key));
}

/// What a worker made of one file.
enum Outcome {
    /// Same content as indexed: only its record changes.
    Touched {
        key: String,
        file: TantivyDocument,
    },
    /// Its meetings, then its file document.
    Read {
        key: String,
        was_known: bool,
        documents: Vec<TantivyDocument>,
    },
    Failed {
        key: String,
        was_known: bool,
    },
}

fn read_one(path: &Path, key: &str, previous: Option<FileRecord>, fields: &Fields, max_bytes: u64) -> Outcome {
    let key = key.to_owned();
    let was_known = previous.is_some();
    // Stat before reading: a file written meanwhile then looks changed at the next run, never
    // fresh with old content.
    let Ok(meta) = std::fs::metadata(path) else { return Outcome::Failed { key, was_known } };
    let (size, mtime) = store::stamp(&meta);
    let Ok(bytes) = read_file(path, max_bytes) else { return Outcome::Failed { key, was_known } };
    let record = FileRecord { size, mtime, hash: store::fnv1a(&bytes) };
    if previous.is_some_and(|p| p.hash == record.hash && p.size == record.size) {
        return Outcome::Touched { file: file_document(fields, &key, record, None), key };
    }
    let parsed = crate::runtime::terminal::catching(|| {
        let meetings = crate::core::parse::parse_bytes(&bytes);
        // The text the parser numbered its lines in, as `search` places hits in it.
        let source = crate::core::sanitize::sanitize(&crate::core::decode::decode(&bytes).text).text;
        meetings.iter().enumerate().map(|(n, meeting)| meeting_document(fields, &key, n, meeting, &source)).collect()
    });
    let Ok(mut documents): Result<Vec<TantivyDocument>, _> = parsed else {
        return Outcome::Failed { key, was_known };
    };
    let meetings = documents.len();
    documents.push(file_document(fields, &key, record, Some(meetings)));
    Outcome::Read { key, was_known, documents }
}

fn file_document(fields: &Fields, key: &str, record: FileRecord, meetings: Option<usize>) -> TantivyDocument {
    let mut document = TantivyDocument::default();
    document.add_text(fields.file, key);
    document.add_u64(fields.size, record.size);
    document.add_i64(fields.mtime, record.mtime);
    document.add_u64(fields.hash, record.hash);
    if let Some(meetings) = meetings {
        document.add_u64(fields.meetings, meetings as u64);
    }
    document
}

/// One meeting: what a list shows of it, all of its searchable text (every text the in-meeting
/// search looks at, in reading order), and where each of its characters is in `source` (the
/// sanitised text the meeting was parsed from).
pub(crate) fn meeting_document(
    fields: &Fields,
    key: &str,
    number: usize,
    meeting: &Meeting,
    source: &str,
) -> TantivyDocument {
    let mut document = TantivyDocument::default();
    document.add_text(fields.path, key);
    document.add_u64(fields.meeting, number as u64);
    document.add_text(fields.title, &meeting.title);
    if let Some(date) = meeting.date {
        document.add_text(fields.date, date.to_string());
    }
    // What the reader's list shows, exactly as the walk makes it (see `index::listing`).
    let summary = crate::app::library::EntrySummary::of(meeting);
    for speaker in &summary.speakers {
        document.add_text(fields.speaker, speaker);
    }
    let separator = super::schema::SPEAKER_SEPARATOR.to_string();
    document.add_text(fields.speakers, summary.speakers.join(&separator));
    for item in &meeting.agenda {
        document.add_text(fields.agenda, format!("{}{}", item.label, item.title));
    }
    document.add_u64(fields.turns, summary.turns.unwrap_or(0) as u64);
    if let Ok(serde_json::Value::String(name)) = serde_json::to_value(summary.format) {
        document.add_text(fields.format, name);
    }
    document.add_u64(fields.problems, summary.problems as u64);
    document.add_u64(fields.doubted, u64::from(summary.doubted));
    document.add_u64(fields.line, meeting.turns.first().map_or(1, |t| t.lines.first.max(1)) as u64);
    let text = crate::core::hits::MeetingText::new(meeting);
    // The grams are cut from the text the search sees, and the same text is kept to count in.
    document.add_text(fields.text, text.joined());
    document.add_text(fields.joined, text.joined());
    document.add_text(fields.places, super::places::Places::of(meeting, source).encode());
    document
}
