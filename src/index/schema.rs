//! The index's fields. Two kinds of documents: one per meeting (what a search finds), and one
//! per file (what the update compares against the disk: size, modification time, content hash).
//! Meetings of a file share its `path`; the file's own document has it as `file`, so that a file
//! whose time changed but not its content is re-stamped without its meetings being rewritten.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// The fields, looked up once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Meeting documents: the file's path (canonical), for deleting and for candidates.
    pub path: Field,
    /// The meeting's position in its file (from 0), as the reader's entries count them.
    pub meeting: Field,
    pub title: Field,
    /// `YYYY-MM-DD` when the minutes give a date.
    pub date: Field,
    /// Every speaker of the meeting, once each, in order of first appearance (as the list
    /// shows them: `EntrySummary::of`).
    pub speaker: Field,
    /// The same speakers joined by [`SPEAKER_SEPARATOR`], as one fast value (a multi-valued
    /// column need not keep their order).
    pub speakers: Field,
    /// Every agenda item, label and title.
    pub agenda: Field,
    /// Number of speech turns.
    pub turns: Field,
    /// The source line where the meeting's body starts.
    pub line: Field,
    /// The format's name (`summary`, `verbatim`…), for the list.
    pub format: Field,
    /// Warnings and errors found while reading it.
    pub problems: Field,
    /// 1 when the reading-quality check doubts its speakers.
    pub doubted: Field,
    /// The searchable text, as folded grams; not stored.
    pub text: Field,
    /// The searchable text as the in-meeting search sees it (`MeetingText::joined`), stored
    /// (compressed): the list search counts hits in it without reading the file.
    pub joined: Field,
    /// What `gijiroku search` prints of a hit beside its text (`index::places`), stored: a file
    /// the index holds unchanged is searched without being read.
    pub places: Field,
    /// File documents: the file's path (canonical).
    pub file: Field,
    pub size: Field,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: Field,
    /// FNV-1a of the content, to tell a touched file from a changed one.
    pub hash: Field,
    /// How many meeting documents the file has.
    pub meetings: Field,
}

/// Between two speakers in [`Fields::speakers`]: a control character, which the sanitiser
/// removes from every name.
pub(crate) const SPEAKER_SEPARATOR: char = '\u{1f}';

/// The schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(super::tokenizer::NAME)
            // Which meetings hold a gram is all a candidate search needs: no frequencies, no
            // positions (a fraction of the size, and of the build time).
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let fields = Fields {
        path: schema.add_text_field("path", STRING | STORED | FAST),
        meeting: schema.add_u64_field("meeting", STORED | FAST),
        // What the reader's list shows is fast (columns): the list is read without the
        // document store, which holds every meeting's text.
        title: schema.add_text_field("title", STORED | FAST),
        date: schema.add_text_field("date", STRING | STORED | FAST),
        speaker: schema.add_text_field("speaker", STRING | STORED),
        speakers: schema.add_text_field("speakers", FAST),
        agenda: schema.add_text_field("agenda", STORED),
        turns: schema.add_u64_field("turns", STORED | FAST),
        line: schema.add_u64_field("line", STORED),
        format: schema.add_text_field("format", STORED | FAST),
        problems: schema.add_u64_field("problems", STORED | FAST),
        doubted: schema.add_u64_field("doubted", STORED | FAST),
        text: schema.add_text_field("text", grams),
        joined: schema.add_text_field("joined", STORED),
        places: schema.add_text_field("places", STORED),
        file: schema.add_text_field("file", STRING | STORED | FAST),
        size: schema.add_u64_field("size", STORED | FAST),
        mtime: schema.add_i64_field("mtime", STORED | FAST),
        hash: schema.add_u64_field("hash", STORED | FAST),
        meetings: schema.add_u64_field("meetings", STORED | INDEXED),
    };
    (schema.build(), fields)
}

/// The fields of an index's schema, or `None` when it is not this schema (a foreign index, or
/// one of another version).
pub(crate) fn fields_of(schema: &Schema) -> Option<Fields> {
    let (expected, fields) = build();
    (expected == *schema).then_some(fields)
}
