//! The persistent library index (issue 16): a tantivy index per library in the cache directory,
//! built and kept up to date by `gijiroku index`, and read by `gijiroku search` and the reader's
//! list search through [`backend::SearchBackend`]. The index only finds candidate files; the
//! in-meeting matcher confirms and counts, so results are exactly the scan's.

pub mod backend;
pub mod list;
pub mod listing;
pub mod places;
pub mod schema;
pub mod store;
pub mod tokenizer;
pub mod update;
