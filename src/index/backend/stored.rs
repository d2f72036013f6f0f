//! What the index keeps of a meeting, read back for a file it holds unchanged: the list
//! search counts hits in the stored text, `gijiroku search` prints them from it and the
//! meeting's places table, neither reading the file.
//!
//! The documents are read from the document store as bytes and their few fields picked out
//! here ([`RawDocument`]): tantivy's own reading copies every stored string and checks it with
//! the standard UTF-8 check, which was most of the time of a frequent word's search. A document
//! these bytes do not make sense of is read by tantivy instead.

use std::path::Path;
use std::sync::OnceLock;

use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, TantivyDocument};

use super::{IndexBackend, StoredMeeting, store};
use crate::core::search::Matcher;

/// A stored document's bytes, as the document store keeps them (tantivy 0.25's layout: the
/// number of values, then each value as its field (u32, little-endian), a type code and the
/// value: text as its length (tantivy's VInt) and bytes, u64 and i64 as 8 bytes).
struct RawDocument<'a>(&'a [u8]);

/// tantivy's type codes (`schema::document::type_codes`) for what the index stores.
const TEXT: u8 = 0;
const U64: u8 = 1;
const I64: u8 = 2;

impl<'a> RawDocument<'a> {
    /// The first text of each of `fields` and the first number of `number`; `None` when the
    /// bytes do not read as a document of this layout, or any is missing or not UTF-8.
    fn texts_and_number<const N: usize>(&self, fields: [Field; N], number: Field) -> Option<([&'a str; N], u64)> {
        let mut bytes = self.0;
        let values = vint(&mut bytes)?;
        let (mut texts, mut found) = ([None; N], None);
        for _ in 0..values {
            let id = u32::from_le_bytes(take(&mut bytes, 4)?.try_into().ok()?);
            match *take(&mut bytes, 1)?.first()? {
                TEXT => {
                    let len = usize::try_from(vint(&mut bytes)?).ok()?;
                    let value = take(&mut bytes, len)?;
                    if let Some(n) = fields.iter().position(|f| f.field_id() == id)
                        && texts[n].is_none()
                    {
                        texts[n] = Some(simdutf8::basic::from_utf8(value).ok()?);
                    }
                }
                U64 | I64 => {
                    let value = u64::from_le_bytes(take(&mut bytes, 8)?.try_into().ok()?);
                    if id == number.field_id() && found.is_none() {
                        found = Some(value);
                    }
                }
                _ => return None,
            }
        }
        let mut out = [""; N];
        for (slot, text) in out.iter_mut().zip(texts) {
            *slot = text?;
        }
        Some((out, found?))
    }
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
    *bytes = rest;
    Some(head)
}

/// tantivy's variable-length integer: 7 bits a byte, least significant first, the last byte
/// marked by its high bit.
fn vint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *take(bytes, 1)?.first()?;
        value |= u64::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 != 0 {
            return Some(value);
        }
    }
    None
}

/// Per segment, its document store, opened once.
pub(super) type Stores = Vec<OnceLock<Option<StoreReader>>>;

impl IndexBackend {
    /// The meetings of `path` that hold every gram of the query, when the index holds the file
    /// as it is on disk (same size and time) and it is at most `max_bytes` on disk:
    /// `Some(empty)` when none does.
    fn fresh_matching(&self, matcher: &Matcher, path: &Path, max_bytes: u64) -> Option<Vec<DocAddress>> {
        let key = self.canonical.lock().ok()?.file(path)?;
        let record = self.files.get(&key)?;
        if record.size > max_bytes {
            return None;
        }
        let meta = std::fs::metadata(path).ok()?;
        if store::stamp(&meta) != (record.size, record.mtime) {
            return None;
        }
        let matching = self.matching_files(matcher).ok()?;
        Some(self.matching_of(&key, matching.as_deref()))
    }

    /// A meeting document's texts `fields` and its number in its file, given to `with` without
    /// copying the texts where the document's bytes can be read here.
    fn with_texts<const N: usize, T>(
        &self,
        address: DocAddress,
        fields: [Field; N],
        with: impl FnOnce([&str; N], usize) -> T,
    ) -> Option<T> {
        let meeting = self.library.fields.meeting;
        let store = self.stores.get(address.segment_ord as usize).and_then(|slot| {
            // A block holds one meeting or a few: a small cache serves a file's meetings.
            slot.get_or_init(|| self.searcher.segment_reader(address.segment_ord).get_store_reader(4).ok()).as_ref()
        });
        if let Some(bytes) = store.and_then(|store| store.get_document_bytes(address.doc_id).ok())
            && let Some((texts, number)) = RawDocument(bytes.as_slice()).texts_and_number(fields, meeting)
        {
            return Some(with(texts, number as usize));
        }
        let document: TantivyDocument = self.searcher.doc(address).ok()?;
        let number = document.get_first(meeting).and_then(|v| v.as_u64())? as usize;
        let mut texts = [""; N];
        for (slot, field) in texts.iter_mut().zip(fields) {
            *slot = document.get_first(field).and_then(|v| v.as_str())?;
        }
        Some(with(texts, number))
    }

    /// [`super::SearchBackend::count`]: for a file unchanged since it was indexed, the hits in
    /// the text the index keeps of each of its meetings that hold the query's grams (the others
    /// have none), counted as the in-meeting search counts (`core::hits::count_in_joined`).
    pub(super) fn count_stored(&self, matcher: &Matcher, path: &Path) -> Option<Vec<usize>> {
        let mut counts = Vec::new();
        for address in self.fresh_matching(matcher, path, u64::MAX)? {
            let (number, hits) = self.with_texts(address, [self.library.fields.joined], |[text], number| {
                (number, crate::core::hits::count_in_joined(text, matcher))
            })?;
            if counts.len() <= number {
                counts.resize(number + 1, 0);
            }
            counts[number] = hits;
        }
        Some(counts)
    }

    /// [`super::SearchBackend::stored`]: the meetings of a file unchanged since it was indexed
    /// that hold the query's grams, in meeting order, their texts borrowed from the document
    /// store's blocks where they can be.
    pub(super) fn stored_meetings(
        &self,
        matcher: &Matcher,
        path: &Path,
        max_bytes: u64,
        each: &mut dyn FnMut(StoredMeeting<'_>) -> bool,
    ) -> Option<()> {
        let fields = [self.library.fields.joined, self.library.fields.places];
        let mut documents = Vec::new();
        for address in self.fresh_matching(matcher, path, max_bytes)? {
            documents.push(self.document(address, fields)?);
        }
        // A file's meetings are written together, so in order; sorted all the same.
        documents.sort_by_key(|(number, _)| *number);
        for (number, document) in &documents {
            let [joined, places] = match document {
                Document::Raw(bytes) => {
                    RawDocument(bytes.as_slice()).texts_and_number(fields, self.library.fields.meeting)?.0
                }
                Document::Read(texts) => [texts[0].as_str(), texts[1].as_str()],
            };
            if !each(StoredMeeting { number: *number, joined, places }) {
                return None;
            }
        }
        Some(())
    }

    /// A meeting document (its number in its file, and its bytes or `fields`).
    fn document(&self, address: DocAddress, fields: [Field; 2]) -> Option<(usize, Document)> {
        let meeting = self.library.fields.meeting;
        let store = self.stores.get(address.segment_ord as usize).and_then(|slot| {
            slot.get_or_init(|| self.searcher.segment_reader(address.segment_ord).get_store_reader(4).ok()).as_ref()
        });
        if let Some(bytes) = store.and_then(|store| store.get_document_bytes(address.doc_id).ok())
            && let Some((_, number)) = RawDocument(bytes.as_slice()).texts_and_number([], meeting)
        {
            return Some((number as usize, Document::Raw(bytes)));
        }
        let document: TantivyDocument = self.searcher.doc(address).ok()?;
        let number = document.get_first(meeting).and_then(|v| v.as_u64())? as usize;
        let text = |field| document.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        Some((number, Document::Read([text(fields[0])?, text(fields[1])?])))
    }
}

/// A meeting document as read: its bytes in the store's block, or its texts as tantivy read them.
enum Document {
    Raw(tantivy::directory::OwnedBytes),
    Read([String; 2]),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout read here is tantivy's: a document written by tantivy reads back the same.
    #[test]
    fn raw_documents_read_as_tantivy_wrote_them() {
        let (schema, fields) = crate::index::schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        crate::index::store::register(&index).unwrap();
        let mut writer: tantivy::IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let long = "長い本文の行です。\n".repeat(2_000);
        for (n, text) in ["短い", long.as_str(), ""].iter().enumerate() {
            let mut document = TantivyDocument::default();
            document.add_text(fields.path, "/a/b.txt");
            document.add_u64(fields.meeting, n as u64 + 300);
            document.add_text(fields.title, "題");
            document.add_text(fields.speaker, "森");
            document.add_text(fields.speaker, "林");
            document.add_u64(fields.turns, 7);
            document.add_text(fields.joined, text);
            document.add_text(fields.places, format!("{n},"));
            writer.add_document(document).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let store = searcher.segment_reader(0).get_store_reader(1).unwrap();
        for doc in 0..3 {
            let bytes = store.get_document_bytes(doc).unwrap();
            let raw = RawDocument(bytes.as_slice());
            let document: TantivyDocument = searcher.doc(DocAddress::new(0, doc)).unwrap();
            let expected = |field| document.get_first(field).and_then(|v| v.as_str()).unwrap();
            let picked = [fields.joined, fields.places, fields.title];
            assert_eq!(
                raw.texts_and_number(picked, fields.meeting),
                Some((picked.map(expected), u64::from(doc) + 300))
            );
        }
        // Not a document: no answer, no panic.
        for junk in [&[][..], &[0x85, 0, 0], &[0x81, 1, 0, 0, 0, 9], &[0xff; 12]] {
            assert_eq!(RawDocument(junk).texts_and_number([fields.joined], fields.meeting), None);
        }
    }
}
