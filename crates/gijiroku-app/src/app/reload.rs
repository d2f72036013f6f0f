//! Minutes are often updated after the meeting: a file that changed on disk is marked in the
//! list and said so once, and `R` reads it again, keeping the place by turn and paragraph (an
//! anchor in the text), the filters, the search, marks and jumps.

use std::collections::BTreeMap;

use crate::app::jumps::JumpList;
use crate::app::reader::{Filters, Reader};
use crate::app::search::Found;
use crate::app::{App, Effect};
use gijiroku_core::layout::Anchor;

/// What a reload carries over from the reader it replaces.
#[derive(Debug)]
pub(crate) struct Carried {
    pub entry: usize,
    anchor: Option<Anchor>,
    filters: Filters,
    query: String,
    /// The speeches a search outside found, while they were the search.
    found: Option<Found>,
    hits_only: bool,
    jumps: JumpList,
    marks: BTreeMap<char, Anchor>,
    before_jump: Option<Anchor>,
}

impl Carried {
    fn of(reader: &Reader) -> Carried {
        Carried {
            entry: reader.entry,
            anchor: reader.anchor(),
            filters: reader.filters.clone(),
            query: reader.search.query.clone(),
            found: reader.search.found(),
            hits_only: reader.search.hits_only,
            jumps: reader.jumps.clone(),
            marks: reader.marks.clone(),
            before_jump: reader.before_jump,
        }
    }
}

impl App {
    /// The runtime saw the open meeting's file change on disk.
    pub fn file_changed(&mut self, entry: usize) {
        if self.changed.insert(entry) {
            let name = self.entries.get(entry).map(|e| e.source.file_name()).unwrap_or_default();
            self.warn(format!("{name} changed on disk: R reads it again"));
        }
    }

    /// `R`: reads the open meeting's file again.
    pub(crate) fn reload(&mut self) {
        let Some(reader) = &self.reader else { return };
        let Some(e) = self.entries.get(reader.entry) else { return };
        let carried = Carried::of(reader);
        let effect = Effect::Load { entry: carried.entry, source: e.source.clone(), index_in_file: e.index_in_file };
        self.loading = Some(carried.entry);
        self.requested = Some(carried.entry);
        self.reloading = Some(carried);
        self.effect(effect);
    }

    /// Puts back what the reader had before a reload (the new reader has its layout).
    pub(crate) fn carry_over(&mut self, carried: Carried) {
        let kana = self.options.kana_fold;
        let ambiguous = self.options.ambiguous;
        let Some(reader) = self.reader.as_mut().filter(|r| r.entry == carried.entry) else { return };
        reader.filters = carried.filters;
        reader.jumps = carried.jumps;
        reader.marks = carried.marks;
        reader.before_jump = carried.before_jump;
        if let Some(found) = &carried.found {
            reader.set_found(found, kana);
            reader.search.hits_only = carried.hits_only;
        } else if !carried.query.is_empty() && reader.set_search_query(&carried.query, kana).is_ok() {
            reader.search.hits_only = carried.hits_only;
        }
        reader.invalidate_layout();
        reader.relayout(reader.layout.width, reader.height, ambiguous);
        if let Some(anchor) = carried.anchor {
            reader.go_to_anchor(anchor);
        }
        let name = self.entries.get(carried.entry).map(|e| e.source.file_name()).unwrap_or_default();
        self.info(format!("{name} read again"));
    }
}
