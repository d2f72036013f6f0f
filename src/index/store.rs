//! Where an index lives and what is in it: one directory per library (its roots, canonical) under
//! the platform cache directory, a small file saying whose index it is, the tantivy index beside
//! it, and the record of every file indexed (size, modification time, content hash).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{Index, Searcher};

use super::schema::{self, Fields};
use super::tokenizer;

/// Overrides the cache directory (tests, and libraries kept on another disk).
pub(crate) const CACHE_ENV: &str = "GIJIROKU_CACHE_DIR";

/// The file that says a directory holds a gijiroku index, of which version, for which roots.
const SIDECAR: &str = "gijiroku-index.json";

/// What [`SIDECAR`] holds.
#[derive(Debug, Serialize, Deserialize)]
struct Sidecar {
    format: String,
    version: u32,
    roots: Vec<PathBuf>,
}

const FORMAT: &str = "gijiroku library index";

/// The directory under which every library's index lives: `$GIJIROKU_CACHE_DIR/index`, else the
/// platform cache directory's `gijiroku/index`.
pub(crate) fn cache_root() -> Option<PathBuf> {
    match std::env::var_os(CACHE_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir).join("index")),
        _ => crate::dirs::cache_dir().map(|dir| dir.join("index")),
    }
}

/// The index directory of a library with these (canonical, sorted) roots.
pub(crate) fn directory_for(cache_root: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut key = Vec::new();
    for root in roots {
        key.extend_from_slice(root.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    cache_root.join(format!("{:016x}", fnv1a(&key)))
}

/// FNV-1a, 64 bits: stable across Rust versions (the std hasher is not), and fast enough for
/// the few files whose time changed.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// An index that opened: whose it is, and its fields.
pub struct Library {
    pub dir: PathBuf,
    pub roots: Vec<PathBuf>,
    pub index: Index,
    pub fields: Fields,
}

/// Why an index directory cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("there is no index yet")]
    Missing,
    #[error("not a gijiroku index of this version ({0})")]
    Foreign(String),
    #[error("the index is damaged ({0})")]
    Damaged(String),
}

/// Opens the index in `dir`, checking that it is ours, of this version, with this schema.
pub fn open(dir: &Path) -> Result<Library, OpenError> {
    let sidecar = match fs::read(dir.join(SIDECAR)) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !dir.exists() => return Err(OpenError::Missing),
        Err(err) => return Err(OpenError::Foreign(format!("{SIDECAR}: {}", crate::library::describe_io_error(&err)))),
    };
    let sidecar: Sidecar =
        serde_json::from_slice(&sidecar).map_err(|e| OpenError::Foreign(format!("{SIDECAR}: {e}")))?;
    if sidecar.format != FORMAT || sidecar.version != tokenizer::VERSION {
        return Err(OpenError::Foreign(format!("written as version {} of {:?}", sidecar.version, sidecar.format)));
    }
    let index = Index::open_in_dir(dir).map_err(|e| OpenError::Damaged(e.to_string()))?;
    let fields = schema::fields_of(&index.schema()).ok_or_else(|| OpenError::Foreign("another schema".into()))?;
    register(&index).map_err(|e| OpenError::Damaged(e.to_string()))?;
    Ok(Library { dir: dir.to_path_buf(), roots: sidecar.roots, index, fields })
}

/// Creates an empty index for `roots` in `dir` (which must not hold one).
pub fn create(dir: &Path, roots: &[PathBuf]) -> Result<Library, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {}", dir.display(), crate::library::describe_io_error(&e)))?;
    let sidecar = Sidecar { format: FORMAT.into(), version: tokenizer::VERSION, roots: roots.to_vec() };
    let json = serde_json::to_vec_pretty(&sidecar).map_err(|e| e.to_string())?;
    // Written whole then renamed: a reader never sees half of it.
    let temporary = dir.join(format!("{SIDECAR}.tmp"));
    fs::write(&temporary, json)
        .and_then(|()| fs::rename(&temporary, dir.join(SIDECAR)))
        .map_err(|e| format!("{}: {}", dir.display(), crate::library::describe_io_error(&e)))?;
    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(dir, schema).map_err(|e| e.to_string())?;
    register(&index).map_err(|e| e.to_string())?;
    Ok(Library { dir: dir.to_path_buf(), roots: roots.to_vec(), index, fields })
}

pub(crate) fn register(index: &Index) -> tantivy::Result<()> {
    index.tokenizers().register(tokenizer::NAME, tokenizer::FoldedGrams::new()?);
    Ok(())
}

/// What the index knows of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileRecord {
    pub size: u64,
    pub mtime: i64,
    pub hash: u64,
}

/// Size and modification time of a file on disk (nanoseconds; 0 when the platform has none).
pub fn stamp(meta: &fs::Metadata) -> (u64, i64) {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    (meta.len(), mtime)
}

/// Every file the committed index holds, by canonical path.
pub(crate) fn manifest(searcher: &Searcher, fields: &Fields) -> tantivy::Result<HashMap<String, FileRecord>> {
    let mut files = HashMap::new();
    let name = |field| searcher.schema().get_field_name(field).to_owned();
    let (file, size, mtime, hash) = (name(fields.file), name(fields.size), name(fields.mtime), name(fields.hash));
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(&file)? else { continue };
        let (Some(sizes), Some(mtimes), Some(hashes)) =
            (fast.column_opt::<u64>(&size)?, fast.column_opt::<i64>(&mtime)?, fast.column_opt::<u64>(&hash)?)
        else {
            continue;
        };
        let alive = segment.alive_bitset();
        let names = column_terms(&paths)?;
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let Some(path) = paths.term_ords(doc).next().and_then(|ord| names.get(ord as usize)) else { continue };
            let record = FileRecord {
                size: sizes.first(doc).unwrap_or(0),
                mtime: mtimes.first(doc).unwrap_or(0),
                hash: hashes.first(doc).unwrap_or(0),
            };
            files.insert(path.clone(), record);
        }
    }
    Ok(files)
}

/// Every term of a string column, by ordinal: the dictionary read once in order (looking up
/// each document's term on its own decodes a block per lookup, and cost 0.3 s for 30,000 files).
pub(crate) fn column_terms(column: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// The index whose roots hold every one of `paths` (canonical), if there is one.
pub(crate) fn covering(cache_root: &Path, paths: &[PathBuf]) -> Option<PathBuf> {
    let entries = fs::read_dir(cache_root).ok()?;
    for entry in entries.flatten() {
        let dir = entry.path();
        let Ok(bytes) = fs::read(dir.join(SIDECAR)) else { continue };
        let Ok(sidecar) = serde_json::from_slice::<Sidecar>(&bytes) else {
            // A damaged sidecar still names its directory as ours: `open` reports it.
            continue;
        };
        if paths.iter().all(|p| sidecar.roots.iter().any(|root| p.starts_with(root))) {
            return Some(dir);
        }
    }
    None
}

/// Canonical paths of files, each directory resolved once: a library has thousands of files in
/// a few hundred directories, and canonicalising costs a `stat` per component.
#[derive(Default)]
pub struct Canonical {
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    /// The last directory asked and its answer: files come a directory at a time.
    last: Option<(PathBuf, Option<PathBuf>)>,
}

impl Canonical {
    /// The canonical path of a file, as a string (`None` for a path that is not UTF-8, or whose
    /// directory is gone: such a file is never indexed, and so always searched).
    pub fn file(&mut self, path: &Path) -> Option<String> {
        let name = path.file_name()?;
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let same = self.last.as_ref().is_some_and(|(dir, _)| dir.as_os_str() == parent.as_os_str());
        if !same {
            let dir = self.dirs.entry(parent.to_path_buf()).or_insert_with(|| fs::canonicalize(parent).ok()).clone();
            self.last = Some((parent.to_path_buf(), dir));
        }
        let dir = self.last.as_ref()?.1.as_ref()?;
        dir.join(name).into_os_string().into_string().ok()
    }
}
