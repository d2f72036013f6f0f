//! The reader's list search on the index: which files (groups of entries of the list) it must
//! read, asked of the library's index a chunk of the list at a time, and the hits of those the
//! index counts itself, in the texts it keeps.

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::library::Source;
use crate::core::search::Matcher;

/// The library's index as the list search asks it: a chunk of the list at a time, on first need,
/// so that the first files are read while it answers for the rest (a `stat` per file is most of
/// its work). Every file reads when there is no index for them, or they are the built-in samples.
/// See [`super::backend`].
pub struct IndexFilter<'a> {
    backend: Option<Arc<dyn crate::index::backend::SearchBackend>>,
    matcher: &'a Matcher,
    paths: Vec<PathBuf>,
    /// A group's place in the list, by the address of its entries (groups are slices of one vec).
    position: std::collections::HashMap<usize, usize>,
    chunks: Vec<std::sync::OnceLock<Vec<bool>>>,
    cancelled: Box<dyn Fn() -> bool + Send + Sync>,
}

/// Files per question to the index, but for the first: the first hits wait for the first
/// answer, which [`FIRST_CHUNK`] files make quick (a `stat` each).
const INDEX_CHUNK: usize = 1024;
const FIRST_CHUNK: usize = 64;

/// The chunk of the list's `n`th file, and its place in the chunk: [`FIRST_CHUNK`] files, then
/// [`INDEX_CHUNK`]s.
fn chunk_of(n: usize) -> (usize, usize) {
    match n.checked_sub(FIRST_CHUNK) {
        None => (0, n),
        Some(rest) => (1 + rest / INDEX_CHUNK, rest % INDEX_CHUNK),
    }
}

/// The files of chunk `chunk` (indexes into the list).
fn chunk_range(chunk: usize, files: usize) -> std::ops::Range<usize> {
    let (start, len) = match chunk {
        0 => (0, FIRST_CHUNK),
        _ => (FIRST_CHUNK + (chunk - 1) * INDEX_CHUNK, INDEX_CHUNK),
    };
    start.min(files)..(start + len).min(files)
}

impl<'a> IndexFilter<'a> {
    pub fn new(
        files: &[&[(usize, Source, usize)]],
        matcher: &'a Matcher,
        cancelled: impl Fn() -> bool + Send + Sync + 'static,
    ) -> IndexFilter<'a> {
        let paths: Vec<PathBuf> = files
            .iter()
            .filter_map(|group| match group.first() {
                Some((_, Source::File(path), _)) => Some(path.clone()),
                _ => None,
            })
            .collect();
        let backend = (paths.len() == files.len() && !cancelled())
            .then(|| crate::index::backend::shared_for(&paths))
            .filter(|backend| backend.narrows());
        let position = files.iter().enumerate().map(|(n, group)| (group.as_ptr() as usize, n)).collect();
        let count = files.len().checked_sub(1).map_or(0, |last| chunk_of(last).0 + 1);
        let chunks = (0..count).map(|_| std::sync::OnceLock::new()).collect();
        IndexFilter { backend, matcher, paths, position, chunks, cancelled: Box::new(cancelled) }
    }

    /// The hits per meeting of a group of entries (a file) when the index can count them
    /// without the file: none for a file it rules out, those in the texts it keeps for a file
    /// it holds unchanged (`SearchBackend::count`). `None`: the file must be read and counted.
    pub fn counts(&self, group: &[(usize, Source, usize)]) -> Option<Vec<usize>> {
        if !self.read(group) {
            return Some(Vec::new());
        }
        let (backend, Some((_, Source::File(path), _))) = (self.backend.as_ref()?, group.first()) else {
            return None;
        };
        backend.count(self.matcher, path)
    }

    /// Whether the group of entries must be read.
    pub fn read(&self, group: &[(usize, Source, usize)]) -> bool {
        let (Some(backend), Some(&n)) = (&self.backend, self.position.get(&(group.as_ptr() as usize))) else {
            return true;
        };
        let (chunk, at) = chunk_of(n);
        let Some(answers) = self.chunks.get(chunk).map(|slot| {
            slot.get_or_init(|| {
                let paths = self.paths.get(chunk_range(chunk, self.paths.len())).unwrap_or(&[]);
                backend.candidates(self.matcher, paths, &*self.cancelled).read
            })
        }) else {
            return true;
        };
        answers.get(at).copied().unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_list_once() {
        for files in [0, 1, FIRST_CHUNK - 1, FIRST_CHUNK, FIRST_CHUNK + 1, 5_000] {
            let count = files.checked_sub(1).map_or(0, |last| chunk_of(last).0 + 1);
            let covered: Vec<usize> = (0..count).flat_map(|chunk| chunk_range(chunk, files)).collect();
            assert_eq!(covered, (0..files).collect::<Vec<_>>(), "{files} files");
            for n in 0..files {
                let (chunk, at) = chunk_of(n);
                assert_eq!(chunk_range(chunk, files).nth(at), Some(n));
            }
        }
    }
}
