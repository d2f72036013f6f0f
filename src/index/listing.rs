//! The reader's list from the index: every meeting the index holds for the paths asked (title,
//! date, turn count, speakers…), read from its document store in one pass, so that a large
//! library is listed at once while the runtime walks the disk to find what changed since.
//! Paths are given back as the walk will name them (under the root asked), so that the entries
//! the walk sends later replace these rather than doubling them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::schema::Value;
use tantivy::{ReloadPolicy, TantivyDocument};

use super::schema::Fields;
use super::store::{self, FileRecord};
use crate::app::library::EntrySummary;
use crate::core::meeting::{Date, Format};

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
pub fn read(paths: &[PathBuf]) -> Option<Listing> {
    let cache = store::cache_root()?;
    read_in(&cache, paths)
}

/// [`read`] with the indexes kept under `cache`.
pub fn read_in(cache: &Path, paths: &[PathBuf]) -> Option<Listing> {
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
    crate::runtime::terminal::catching(|| listing(&dir, &roots)).ok().flatten()
}

fn listing(dir: &Path, roots: &[(PathBuf, PathBuf)]) -> Option<Listing> {
    let library = store::open(dir).ok()?;
    let reader = library.index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().ok()?;
    let searcher = reader.searcher();
    let records = store::manifest(&searcher, &library.fields).ok()?;
    let mut files: HashMap<String, ListedFile> = HashMap::new();
    for segment in searcher.segment_readers() {
        let store_reader = segment.get_store_reader(1).ok()?;
        for document in store_reader.iter::<TantivyDocument>(segment.alive_bitset()) {
            let document = document.ok()?;
            let Some(key) = text(&document, library.fields.path) else { continue };
            let Some(record) = records.get(key) else { continue };
            let file = match files.get_mut(key) {
                Some(file) => file,
                None => {
                    let Some(path) = shown_path(key, roots) else { continue };
                    files.entry(key.to_owned()).or_insert(ListedFile { path, record: *record, meetings: Vec::new() })
                }
            };
            let number = number(&document, library.fields.meeting).unwrap_or(0) as usize;
            if file.meetings.len() <= number {
                file.meetings.resize(number + 1, EntrySummary::of(&Default::default()));
            }
            file.meetings[number] = summary(&document, &library.fields);
        }
    }
    Some(Listing { files, roots: library.roots })
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

fn text(document: &TantivyDocument, field: tantivy::schema::Field) -> Option<&str> {
    document.get_first(field).and_then(|v| v.as_str())
}

fn number(document: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    document.get_first(field).and_then(|v| v.as_u64())
}

/// What the list shows of a meeting, as [`EntrySummary::of`] made it when it was indexed.
fn summary(document: &TantivyDocument, fields: &Fields) -> EntrySummary {
    EntrySummary {
        title: text(document, fields.title).unwrap_or_default().to_owned(),
        date: text(document, fields.date).and_then(Date::parse_iso),
        turns: number(document, fields.turns).map(|n| n as usize),
        speakers: document.get_all(fields.speaker).filter_map(|v| v.as_str()).map(str::to_owned).collect(),
        format: text(document, fields.format)
            .and_then(|name| serde_json::from_value::<Format>(serde_json::Value::String(name.to_owned())).ok())
            .unwrap_or_default(),
        problems: number(document, fields.problems).unwrap_or(0) as usize,
        doubted: number(document, fields.doubted).is_some_and(|n| n > 0),
    }
}
