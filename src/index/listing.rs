//! The reader's list from the index: every meeting the index holds for the paths asked (title,
//! date, turn count, speakers…), read from its columns (fast fields) in one pass, so that a large
//! library is listed at once while the runtime walks the disk to find what changed since.
//! Paths are given back as the walk will name them (under the root asked), so that the entries
//! the walk sends later replace these rather than doubling them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Field;
use tantivy::{ReloadPolicy, SegmentReader};

use super::schema::{Fields, SPEAKER_SEPARATOR};
use super::store::{self, FileRecord};
use crate::app::library::EntrySummary;
use crate::core::meeting::{Date, Format};

/// Files shown to `early` (see [`read_in`]): a screenful many times over.
pub const EARLY_FILES: usize = 512;

/// What the index says of one file.
#[derive(Clone, Debug)]
pub struct ListedFile {
    /// The path as the walk of the roots asked names it.
    pub path: PathBuf,
    pub record: FileRecord,
    /// Its meetings, in file order.
    pub meetings: Vec<EntrySummary>,
}

/// The index's list of a library, for the paths asked.
#[derive(Debug, Default)]
pub struct Listing {
    /// By canonical path (the index's key).
    pub files: HashMap<String, ListedFile>,
    /// The roots the index was built for (an update in the background takes these).
    pub roots: Vec<PathBuf>,
}

/// The listing for `paths` from the index in the cache directory that holds them all, if there
/// is one, it opens, and every path exists. Errors are `None`: the walk lists the library then.
pub fn read(paths: &[PathBuf], early: &mut dyn FnMut(&Listing)) -> Option<Listing> {
    let cache = store::cache_root()?;
    read_in(&cache, paths, early)
}

/// [`read`] with the indexes kept under `cache`. `early` is shown the first [`EARLY_FILES`]
/// files read (from the smallest segments) before the rest is read: a first screen need not wait
/// for all of them. Their entries may be incomplete (a file's meetings can lie in several
/// segments); the whole listing that follows has them all.
pub fn read_in(cache: &Path, paths: &[PathBuf], early: &mut dyn FnMut(&Listing)) -> Option<Listing> {
    if paths.is_empty() || paths.iter().any(|p| crate::library::is_stdin(p)) {
        return None;
    }
    let mut roots = Vec::new();
    for path in paths {
        roots.push((path.clone(), std::fs::canonicalize(path).ok()?));
    }
    let canonical: Vec<PathBuf> = roots.iter().map(|(_, c)| c.clone()).collect();
    let dir = store::covering(cache, &canonical)?;
    // A damaged index can panic deep in tantivy rather than fail: then there is no listing.
    crate::runtime::terminal::catching(|| listing(&dir, &roots, early)).ok().flatten()
}

fn listing(dir: &Path, roots: &[(PathBuf, PathBuf)], early: &mut dyn FnMut(&Listing)) -> Option<Listing> {
    let library = store::open(dir).ok()?;
    let reader = library.index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().ok()?;
    let searcher = reader.searcher();
    let records = store::manifest(&searcher, &library.fields).ok()?;
    let mut files: HashMap<String, ListedFile> = HashMap::new();
    let mut segments: Vec<&SegmentReader> = searcher.segment_readers().iter().collect();
    segments.sort_by_key(|segment| segment.num_docs());
    let mut early = Some(early);
    for segment in segments {
        let Some(columns) = Columns::of(segment, &library.fields) else { continue };
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let Some(key) = columns.path.get(doc) else { continue };
            let Some(record) = records.get(key) else { continue };
            let file = match files.get_mut(key) {
                Some(file) => file,
                None => {
                    let Some(path) = shown_path(key, roots) else { continue };
                    files.entry(key.clone()).or_insert(ListedFile { path, record: *record, meetings: Vec::new() })
                }
            };
            let number = columns.meeting.first(doc).unwrap_or(0) as usize;
            if file.meetings.len() <= number {
                file.meetings.resize(number + 1, EntrySummary::of(&Default::default()));
            }
            file.meetings[number] = columns.summary(doc);
            if files.len() >= EARLY_FILES
                && let Some(early) = early.take()
            {
                early(&Listing { files: files.clone(), roots: Vec::new() });
            }
        }
    }
    Some(Listing { files, roots: library.roots })
}

/// A string column with its terms read once (see [`store::column_terms`]).
struct Terms {
    column: StrColumn,
    terms: Vec<String>,
}

impl Terms {
    fn of(segment: &SegmentReader, schema: &tantivy::schema::Schema, field: Field) -> Option<Terms> {
        let column = segment.fast_fields().str(schema.get_field_name(field)).ok()??;
        let terms = store::column_terms(&column).ok()?;
        Some(Terms { column, terms })
    }

    fn get(&self, doc: u32) -> Option<&String> {
        self.column.term_ords(doc).next().and_then(|ord| self.terms.get(ord as usize))
    }
}

/// What the list needs of a segment's meetings, as columns (the document store is left alone:
/// it holds every meeting's text).
struct Columns {
    path: Terms,
    title: Terms,
    date: Option<Terms>,
    speakers: Terms,
    format: Terms,
    /// The format of each term of `format`, parsed once.
    formats: Vec<Format>,
    meeting: Column<u64>,
    turns: Column<u64>,
    problems: Column<u64>,
    doubted: Column<u64>,
}

impl Columns {
    fn of(segment: &SegmentReader, fields: &Fields) -> Option<Columns> {
        let schema = segment.schema();
        let number = |field: Field| segment.fast_fields().column_opt::<u64>(schema.get_field_name(field)).ok()?;
        let format = Terms::of(segment, schema, fields.format)?;
        let formats = format
            .terms
            .iter()
            .map(|name| serde_json::from_value(serde_json::Value::String(name.clone())).unwrap_or_default())
            .collect();
        Some(Columns {
            path: Terms::of(segment, schema, fields.path)?,
            title: Terms::of(segment, schema, fields.title)?,
            // A segment where no meeting has a date has no column for it.
            date: Terms::of(segment, schema, fields.date),
            speakers: Terms::of(segment, schema, fields.speakers)?,
            format,
            formats,
            meeting: number(fields.meeting)?,
            turns: number(fields.turns)?,
            problems: number(fields.problems)?,
            doubted: number(fields.doubted)?,
        })
    }

    /// What the list shows of a meeting, as [`EntrySummary::of`] made it when it was indexed.
    fn summary(&self, doc: u32) -> EntrySummary {
        let speakers = self.speakers.get(doc).map(String::as_str).unwrap_or_default();
        EntrySummary {
            title: self.title.get(doc).cloned().unwrap_or_default(),
            date: self.date.as_ref().and_then(|d| d.get(doc)).and_then(|d| Date::parse_iso(d)),
            turns: self.turns.first(doc).map(|n| n as usize),
            speakers: speakers.split(SPEAKER_SEPARATOR).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            format: self
                .format
                .column
                .term_ords(doc)
                .next()
                .and_then(|ord| self.formats.get(ord as usize).copied())
                .unwrap_or_default(),
            problems: self.problems.first(doc).unwrap_or(0) as usize,
            doubted: self.doubted.first(doc).is_some_and(|n| n > 0),
        }
    }
}

/// The path of an indexed file as walking `roots` (given, canonical) names it.
fn shown_path(key: &str, roots: &[(PathBuf, PathBuf)]) -> Option<PathBuf> {
    let key = Path::new(key);
    roots.iter().find_map(|(given, canonical)| match key.strip_prefix(canonical) {
        Ok(rest) if rest.as_os_str().is_empty() => Some(given.clone()),
        Ok(rest) => Some(given.join(rest)),
        Err(_) => None,
    })
}
