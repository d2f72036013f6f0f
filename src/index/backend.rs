//! The search behind a small trait, so that the reader and `gijiroku search` never care where
//! candidates come from: a [`SearchBackend`] narrows the files to read, and the existing matcher
//! confirms and counts in what it lets through. So every backend gives the scan's results,
//! counts included; a backend only decides how much is read.
//!
//! - [`Scan`]: every file is read (what gijiroku always did);
//! - [`IndexBackend`]: the library's index (`gijiroku index`) rules out the files that are in it,
//!   unchanged since (same size and time), and hold none of the query's grams. A file the index
//!   cannot answer for (new, changed, unreadable when indexed) is read, as by the scan.
//!
//! A backend on a search cluster would implement the same trait (see ARCHITECTURE.md).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::store::{self, Canonical, FileRecord, Library, OpenError};
use super::tokenizer;
use crate::core::search::Matcher;

mod stored;

/// Where candidates for a search come from.
pub trait SearchBackend: Send + Sync {
    /// What answers, for messages (`the index in …`, `a scan`).
    fn describe(&self) -> String;
    /// Whether it can rule files out at all (the scan cannot: asking it is wasted work).
    fn narrows(&self) -> bool {
        true
    }
    /// For each of `files` (as the walk gave them), whether it must be read and confirmed by the
    /// matcher: `false` only for a file certainly without a match. When `cancelled` turns true (a
    /// newer query), the answer may be cut short: it is thrown away.
    fn candidates(&self, matcher: &Matcher, files: &[PathBuf], cancelled: &Cancelled<'_>) -> Candidates;
    /// The matcher's hits per meeting of a file (as `library::hits_per_meeting` counts them),
    /// when the backend can count them without the file being read: `None` means read it.
    fn count(&self, _matcher: &Matcher, _path: &Path) -> Option<Vec<usize>> {
        None
    }
    /// Shows `each` the meetings of a file that may hold a match, as the backend keeps them, in
    /// meeting order, when it holds the file as it is on disk: `gijiroku search` prints their
    /// hits without reading the file. `None` means read it: the backend cannot answer, the file
    /// may be over `max_bytes` (which the scan reports), or `each` gave up (returned false).
    fn stored(
        &self,
        _matcher: &Matcher,
        _path: &Path,
        _max_bytes: u64,
        _each: &mut dyn FnMut(StoredMeeting<'_>) -> bool,
    ) -> Option<()> {
        None
    }
}

/// A meeting as an index keeps it for `gijiroku search`.
#[derive(Clone, Copy, Debug)]
pub struct StoredMeeting<'a> {
    /// Its position in its file.
    pub number: usize,
    /// Its searchable text (`core::hits::MeetingText::joined`).
    pub joined: &'a str,
    /// Its places table, encoded (`index::places::Places`).
    pub places: &'a str,
}

/// Whether the search asking has been replaced by a newer one.
pub type Cancelled<'a> = dyn Fn() -> bool + Sync + 'a;

/// A backend's answer.
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    /// One per file asked: read it (`true`) or not.
    pub read: Vec<bool>,
    /// Files the backend could not answer for (not indexed, or changed since): read.
    pub unanswered: usize,
    /// Why the backend could not answer at all (then every file is read).
    pub problem: Option<String>,
}

/// Every file is read.
pub struct Scan;

impl SearchBackend for Scan {
    fn describe(&self) -> String {
        "a scan of every file".into()
    }

    fn narrows(&self) -> bool {
        false
    }

    fn candidates(&self, _matcher: &Matcher, files: &[PathBuf], _cancelled: &Cancelled<'_>) -> Candidates {
        Candidates { read: vec![true; files.len()], unanswered: 0, problem: None }
    }
}

/// The meeting documents that hold all of a query's grams: per segment, by document (`None`: the
/// query has no gram, every file may match).
type Matching = Option<Arc<Vec<Vec<bool>>>>;

/// A library's index, as committed when it was opened.
pub struct IndexBackend {
    library: Library,
    searcher: Searcher,
    files: HashMap<String, FileRecord>,
    /// Each file's meeting documents, by canonical path: what a query's documents are looked
    /// up in, so that a query costs no work per file.
    meetings: HashMap<String, Vec<DocAddress>>,
    /// The last query's files (its grams depend on the pattern alone).
    last: Mutex<Option<(String, Matching)>>,
    /// Directories resolved by [`SearchBackend::count`], kept between files and searches.
    canonical: Mutex<Canonical>,
    /// Each segment's document store, opened on first need.
    stores: stored::Stores,
}

impl IndexBackend {
    /// Opens the index in `dir` and reads its record of files.
    pub fn open(dir: &Path) -> Result<IndexBackend, OpenError> {
        let library = store::open(dir)?;
        let damaged = |e: tantivy::TantivyError| OpenError::Damaged(e.to_string());
        // Manual: the default policy starts a thread that watches for commits, which a search
        // that lasts a fraction of a second has no use for.
        let reader =
            library.index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into().map_err(damaged)?;
        let searcher = reader.searcher();
        // A damaged segment can panic deep in tantivy rather than fail: caught, it is damage.
        let files = crate::runtime::terminal::catching(|| store::manifest(&searcher, &library.fields))
            .map_err(|p| OpenError::Damaged(p.to_string()))?
            .map_err(damaged)?;
        // Each file's meeting documents, from each segment's path column, read once here (the
        // reader opens the index in the background, so its first search does not wait for it).
        let meetings = crate::runtime::terminal::catching(|| meeting_documents(&searcher, &library.fields, &files))
            .map_err(|p| OpenError::Damaged(p.to_string()))?
            .map_err(damaged)?;
        Ok(IndexBackend {
            library,
            files,
            meetings,
            last: Mutex::new(None),
            canonical: Mutex::new(Canonical::default()),
            stores: (0..searcher.segment_readers().len()).map(|_| std::sync::OnceLock::new()).collect(),
            searcher,
        })
    }

    /// The number of files the index holds.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// The meeting documents holding every gram of the query; `None` when the query has no
    /// gram to look for (then every file is a candidate).
    fn matching_files(&self, matcher: &Matcher) -> tantivy::Result<Matching> {
        // The reader asks a chunk of its list at a time: the query runs once.
        if let Ok(last) = self.last.lock()
            && let Some((pattern, matching)) = last.as_ref()
            && pattern == matcher.pattern()
        {
            return Ok(matching.clone());
        }
        let matching = self.query(matcher)?.map(Arc::new);
        if let Ok(mut last) = self.last.lock() {
            *last = Some((matcher.pattern().to_owned(), matching.clone()));
        }
        Ok(matching)
    }

    fn query(&self, matcher: &Matcher) -> tantivy::Result<Option<Vec<Vec<bool>>>> {
        let grams = tokenizer::query_grams(matcher.pattern());
        if grams.is_empty() {
            return Ok(None);
        }
        let field = self.library.fields.text;
        let term = |gram: &String| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, gram), IndexRecordOption::Basic))
        };
        let query: Box<dyn Query> = match grams.as_slice() {
            [one] => term(one),
            all => Box::new(BooleanQuery::new(all.iter().map(|g| (Occur::Must, term(g))).collect())),
        };
        let mut matching: Vec<Vec<bool>> =
            self.searcher.segment_readers().iter().map(|r| vec![false; r.max_doc() as usize]).collect();
        for address in self.searcher.search(&query, &DocSetCollector)? {
            if let Some(doc) =
                matching.get_mut(address.segment_ord as usize).and_then(|s| s.get_mut(address.doc_id as usize))
            {
                *doc = true;
            }
        }
        Ok(Some(matching))
    }

    /// The meeting documents of the file `key` that hold every gram of the query (all of them
    /// when it has none).
    fn matching_of(&self, key: &str, matching: Option<&Vec<Vec<bool>>>) -> Vec<DocAddress> {
        let Some(documents) = self.meetings.get(key) else { return Vec::new() };
        let holds = |a: &&DocAddress| {
            matching.is_none_or(|m| {
                m.get(a.segment_ord as usize).and_then(|s| s.get(a.doc_id as usize)).copied().unwrap_or(false)
            })
        };
        documents.iter().filter(holds).copied().collect()
    }
}

/// Each file's meeting documents (alive), by the path its documents hold.
fn meeting_documents(
    searcher: &Searcher,
    fields: &super::schema::Fields,
    files: &HashMap<String, FileRecord>,
) -> tantivy::Result<HashMap<String, Vec<DocAddress>>> {
    let path_field = searcher.schema().get_field_name(fields.path).to_owned();
    let mut meetings: HashMap<String, Vec<DocAddress>> = HashMap::with_capacity(files.len());
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let Some(column) = reader.fast_fields().str(&path_field)? else { continue };
        let names = store::column_terms(&column)?;
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let Some(name) = column.term_ords(doc).next().and_then(|ord| names.get(ord as usize)) else { continue };
            let address = DocAddress::new(segment as u32, doc);
            match meetings.get_mut(name) {
                Some(documents) => documents.push(address),
                None => {
                    meetings.insert(name.clone(), vec![address]);
                }
            }
        }
    }
    Ok(meetings)
}

impl SearchBackend for IndexBackend {
    fn describe(&self) -> String {
        format!("the index in {}", self.library.dir.display())
    }

    fn candidates(&self, matcher: &Matcher, files: &[PathBuf], cancelled: &Cancelled<'_>) -> Candidates {
        let matching = match crate::runtime::terminal::catching(|| self.matching_files(matcher)) {
            Ok(Ok(matching)) => matching,
            Ok(Err(err)) => return everything(files, format!("the index could not be searched ({err})")),
            Err(err) => return everything(files, format!("the index could not be searched ({err})")),
        };
        // A `stat` per file is most of the work: on every core.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = files.len().div_ceil(threads).max(1);
        let answers: Vec<(Vec<bool>, usize)> = std::thread::scope(|scope| {
            let workers: Vec<_> = files
                .chunks(chunk)
                .map(|part| scope.spawn(|| self.answer(part, matching.as_deref().map(|m| m.as_slice()), cancelled)))
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or_else(|_| (vec![true; chunk], chunk))).collect()
        });
        let mut candidates = Candidates::default();
        for (read, unanswered) in answers {
            candidates.read.extend(read);
            candidates.unanswered += unanswered;
        }
        candidates.read.resize(files.len(), true);
        candidates
    }

    fn count(&self, matcher: &Matcher, path: &Path) -> Option<Vec<usize>> {
        crate::runtime::terminal::catching(|| self.count_stored(matcher, path)).ok().flatten()
    }

    fn stored(
        &self,
        matcher: &Matcher,
        path: &Path,
        max_bytes: u64,
        each: &mut dyn FnMut(StoredMeeting<'_>) -> bool,
    ) -> Option<()> {
        crate::runtime::terminal::catching(|| self.stored_meetings(matcher, path, max_bytes, each)).ok().flatten()
    }
}

impl IndexBackend {
    /// [`SearchBackend::candidates`] for some of the files: whether to read each, and how many
    /// the index could not answer for.
    fn answer(
        &self,
        files: &[PathBuf],
        matching: Option<&[Vec<bool>]>,
        cancelled: &Cancelled<'_>,
    ) -> (Vec<bool>, usize) {
        let mut canonical = Canonical::default();
        let mut unanswered = 0;
        let read = files
            .iter()
            .enumerate()
            .map(|(n, path)| {
                if crate::library::is_stdin(path) || (n % 256 == 255 && cancelled()) {
                    return true;
                }
                let fresh = canonical.file(path).and_then(|key| {
                    let record = self.files.get(&key)?;
                    let meta = std::fs::metadata(path).ok()?;
                    (store::stamp(&meta) == (record.size, record.mtime)).then_some(key)
                });
                match (fresh, matching) {
                    (None, _) => {
                        unanswered += 1;
                        true
                    }
                    (Some(_), None) => true,
                    (Some(key), Some(matching)) => self.meetings.get(&key).is_some_and(|documents| {
                        documents.iter().any(|a| {
                            matching
                                .get(a.segment_ord as usize)
                                .and_then(|s| s.get(a.doc_id as usize))
                                .copied()
                                .unwrap_or(false)
                        })
                    }),
                }
            })
            .collect();
        (read, unanswered)
    }
}

fn everything(files: &[PathBuf], problem: String) -> Candidates {
    Candidates { read: vec![true; files.len()], unanswered: files.len(), problem: Some(problem) }
}

/// The backend for a search of `paths`: the index of a library holding all of them, when there
/// is one and it opens, else the scan. The message says why an index that is there was not used.
pub(crate) fn for_paths(paths: &[PathBuf]) -> (Arc<dyn SearchBackend>, Option<String>) {
    match store::cache_root() {
        Some(cache) => for_paths_in(&cache, paths),
        None => (Arc::new(Scan), None),
    }
}

/// [`for_paths`] with the indexes kept under `cache`.
pub fn for_paths_in(cache: &Path, paths: &[PathBuf]) -> (Arc<dyn SearchBackend>, Option<String>) {
    let scan = || Arc::new(Scan) as Arc<dyn SearchBackend>;
    let Some(dir) = covering_index(cache, paths) else { return (scan(), None) };
    match IndexBackend::open(&dir) {
        Ok(backend) => (Arc::new(backend), None),
        Err(OpenError::Missing) => (scan(), None),
        Err(err) => (
            scan(),
            Some(format!(
                "the index in {} cannot be used ({err}); searching without it (`gijiroku index` rebuilds it)",
                dir.display()
            )),
        ),
    }
}

/// The index directory of a library holding every one of `paths`, if any.
fn covering_index(cache: &Path, paths: &[PathBuf]) -> Option<PathBuf> {
    let mut canonical = Vec::new();
    for path in paths {
        if crate::library::is_stdin(path) {
            continue;
        }
        canonical.push(std::fs::canonicalize(path).ok()?);
    }
    if canonical.is_empty() {
        return None;
    }
    store::covering(cache, &canonical)
}

/// The backend the reader's list search uses for these files, kept between searches: opened again only when
/// the index was committed since (its `meta.json` changed), so a keystroke never reopens it.
pub fn shared_for(paths: &[PathBuf]) -> Arc<dyn SearchBackend> {
    type Cached = Option<(PathBuf, Option<std::time::SystemTime>, Arc<dyn SearchBackend>)>;
    static CACHE: Mutex<Cached> = Mutex::new(None);
    // The reader asks with every file of the list: their directories are enough to find the
    // index (a file it does not hold is read anyway, see `candidates`).
    let parents: HashSet<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    let dirs: Vec<PathBuf> = parents
        .into_iter()
        .filter_map(|p| std::fs::canonicalize(if p.as_os_str().is_empty() { Path::new(".") } else { p }).ok())
        .collect();
    let Some(dir) = store::cache_root().and_then(|cache| store::covering(&cache, &dirs)) else {
        return Arc::new(Scan);
    };
    let stamp = std::fs::metadata(dir.join("meta.json")).and_then(|m| m.modified()).ok();
    let Ok(mut cache) = CACHE.lock() else { return Arc::new(Scan) };
    if let Some((cached_dir, cached_stamp, backend)) = cache.as_ref()
        && *cached_dir == dir
        && *cached_stamp == stamp
    {
        return backend.clone();
    }
    let backend: Arc<dyn SearchBackend> = match IndexBackend::open(&dir) {
        Ok(backend) => Arc::new(backend),
        Err(_) => Arc::new(Scan),
    };
    *cache = Some((dir, stamp, backend.clone()));
    backend
}
