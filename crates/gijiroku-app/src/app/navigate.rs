//! `App::update`: what each action does, by what has the keyboard.

use crate::action::Action;
use crate::app::citation::{Origin, cite_paragraph, cite_turn};
use crate::app::geometry::TWO_PANE_MIN_WIDTH;
use crate::app::overlay::{Overlay, Stats};
use crate::app::picker::{Picker, PickerKind};
use crate::app::prompt::{Edit, PromptKind};
use crate::app::search::SearchOutcome;
use crate::app::{App, Effect, Focus};
use crate::keymap::Mode;

/// What the reader says about a file held back as binary, with the key that shows it.
pub fn binary_notice(entries: &[crate::app::library::Entry], entry: usize, keymap: &crate::keymap::Keymap) -> String {
    let name = entries.get(entry).map(|e| e.source.file_name()).unwrap_or_default();
    let key = keymap.keys_for(Mode::Reader, Action::ShowAnyway).into_iter().next();
    match key {
        Some(key) => format!("{name} looks like a binary file, not minutes: {key} shows it anyway"),
        None => format!("{name} looks like a binary file, not minutes (bind show_anyway to see it)"),
    }
}

impl App {
    /// Performs an action `count` times (where a count means something).
    pub fn update(&mut self, action: Action, count: usize) {
        match self.mode() {
            Mode::Prompt => self.prompt_action(action),
            Mode::Picker => self.picker_action(action),
            Mode::Overlay => self.overlay_action(action, count),
            Mode::List => self.list_action(action, count),
            Mode::Reader => self.reader_action(action, count),
        }
    }

    /// Actions every pane shares; returns false when `action` is not one of them.
    pub(crate) fn common_action(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => self.should_quit = true,
            Action::Redraw => self.effect(Effect::Redraw),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Messages => {
                // Opened at the newest message, as the last page.
                let scroll = self.page_rows(true).saturating_sub(self.overlay_inner().height as usize);
                self.overlay = Some(Overlay::Messages { scroll });
            }
            Action::ToggleList if self.reader.is_none() => {
                self.warn("no meeting is open yet: the list is all there is to show");
            }
            Action::ToggleList if self.width < TWO_PANE_MIN_WIDTH => {
                // One pane at a time: `z` switches between the list and the reader.
                if self.focus == Focus::List && self.panes().list.is_some() {
                    self.focus = Focus::Reader;
                } else {
                    self.list_visible = true;
                    self.focus = Focus::List;
                }
            }
            Action::ToggleList => {
                self.list_visible = !self.list_visible;
                if !self.list_visible {
                    self.focus = Focus::Reader;
                }
            }
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::List if self.reader.is_some() => Focus::Reader,
                    _ => {
                        self.list_visible = true;
                        Focus::List
                    }
                };
            }
            Action::FocusLeft => {
                self.list_visible = true;
                self.focus = Focus::List;
            }
            Action::Cancel => {}
            _ => return false,
        }
        true
    }

    pub(crate) fn not_here(&mut self, action: Action) {
        self.warn(format!("{} does nothing here", action.name()));
    }

    fn prompt_action(&mut self, action: Action) {
        let kana = self.options.kana_fold;
        let Some(state) = &mut self.prompt else { return };
        match state.prompt.edit(action, &self.search_history) {
            Edit::Changed => return self.prompt_changed(),
            // Backspace on an empty prompt closes it, as in vim and less.
            Edit::BackspaceOnEmpty => return self.close_prompt(false),
            Edit::Unchanged => return,
            Edit::NotMine => {}
        }
        match action {
            Action::Accept => self.close_prompt(true),
            Action::Cancel => self.close_prompt(false),
            Action::ToggleKana => {
                self.options.kana_fold = !kana;
                let state = if self.options.kana_fold { "on: カ matches か" } else { "off" };
                self.prompt_changed();
                self.info(format!("kana folding {state}"));
            }
            _ => {}
        }
    }

    /// Records a jump and puts body entry `turn` at the top (if shown).
    pub(crate) fn jump_to_turn(&mut self, turn: usize) {
        let Some(reader) = &mut self.reader else { return };
        match reader.layout.turn_row(turn) {
            Some(row) => {
                reader.record_jump();
                reader.show_row_at_top(row);
            }
            None => self.warn("that turn is hidden by a filter (C clears filters)"),
        }
    }

    fn reader_action(&mut self, action: Action, count: usize) {
        if self.common_action(action) {
            return;
        }
        if action == Action::Reload {
            self.reload();
            return;
        }
        let Some(reader) = &mut self.reader else { return };
        if reader.held_back {
            if action == Action::ShowAnyway {
                reader.held_back = false;
                self.info("showing what could be read as text (S lists the reading problems)");
            } else {
                let entry = reader.entry;
                self.warn(binary_notice(&self.entries, entry, &self.options.keymap));
            }
            return;
        }
        if reader.motion(action, count) {
            return;
        }
        match action {
            Action::GotoPercent => self.go_to_percent(Some(count)),
            Action::FocusRight => self.info("already in the reader (h or Tab: the meeting list)"),
            Action::SearchForward => self.open_prompt(PromptKind::Search { backward: false }),
            Action::SearchBackward => self.open_prompt(PromptKind::Search { backward: true }),
            Action::SearchNext | Action::SearchPrev => self.search_again(action == Action::SearchNext, count),
            Action::ClearSearch => {
                let hits_only = reader.search.hits_only;
                reader.search.clear();
                if hits_only {
                    reader.invalidate_layout();
                }
                self.info("search cleared");
            }
            Action::ToggleHitsOnly => {
                reader.search.hits_only = !reader.search.hits_only;
                reader.invalidate_layout();
                let on = reader.search.hits_only;
                let has_query = reader.search.has_query();
                self.relayout();
                match (on, has_query) {
                    (true, true) => self.report_filters(),
                    (true, false) => self.info("only turns with matches will show once you search (/)"),
                    (false, _) => self.info("showing all turns"),
                }
            }
            Action::SpeakerPicker => {
                let picker = Picker::new(PickerKind::Speakers, &reader.meeting);
                self.overlay = Some(Overlay::Picker(picker));
            }
            Action::AgendaPicker => {
                let picker = Picker::new(PickerKind::Agenda, &reader.meeting);
                if picker.is_empty() {
                    self.warn("this meeting has no agenda items");
                } else {
                    self.overlay = Some(Overlay::Picker(picker));
                }
            }
            Action::Statistics => self.overlay = Some(Overlay::Stats(Stats::new(&reader.meeting))),
            Action::ClearFilters => {
                reader.filters = Default::default();
                reader.search.hits_only = false;
                reader.invalidate_layout();
                self.info("filters cleared");
            }
            Action::YankTurn | Action::YankParagraph => self.yank(action == Action::YankTurn),
            Action::OpenEditor => self.open_in_editor(),
            Action::ShowAnyway => self.info("nothing is held back here (show_anyway is for files that look binary)"),
            Action::JumpBack | Action::JumpForward => self.walk_jumps(action == Action::JumpBack, count),
            Action::NextTurn
            | Action::PrevTurn
            | Action::NextAgenda
            | Action::PrevAgenda
            | Action::NextSameSpeaker
            | Action::PrevSameSpeaker => self.structure_move(action, count),
            other => self.not_here(other),
        }
    }

    fn yank(&mut self, whole_turn: bool) {
        let Some(reader) = &self.reader else { return };
        let meeting = reader.meeting.clone();
        let file = self.entries.get(reader.entry).map(|e| e.source.file_name()).unwrap_or_default();
        let origin = Origin { meeting: &meeting, file: &file, template: &self.options.citation };
        let text = if whole_turn {
            reader.current_speech().and_then(|t| cite_turn(origin, t))
        } else {
            reader.current_paragraph().and_then(|(t, p)| cite_paragraph(origin, t, p))
        };
        match text {
            Some(text) => {
                let what = if whole_turn { "turn" } else { "paragraph" };
                let chars = text.chars().count();
                match cap_for_clipboard(&text) {
                    None => {
                        self.info(format!("copied the {what} with its citation ({chars} characters, OSC 52)"));
                        self.effect(Effect::Copy(text));
                    }
                    Some(capped) => {
                        let kept = capped.chars().count();
                        self.warn(format!(
                            "copied the first {kept} of {chars} characters of the {what} and its citation: \
                             terminals drop clipboard writes (OSC 52) past about 100 KB"
                        ));
                        self.effect(Effect::Copy(capped));
                    }
                }
            }
            None => self.warn("nothing to copy here"),
        }
    }

    /// `v`: the file in the user's editor at the source line of the turn at the top.
    fn open_in_editor(&mut self) {
        let Some(reader) = &self.reader else { return };
        let Some(entry) = self.entries.get(reader.entry) else { return };
        let crate::app::library::Source::File(path) = &entry.source else {
            self.warn("a built-in sample has no file to open in an editor");
            return;
        };
        let turns = &reader.meeting.turns;
        let line = reader.current_turn().and_then(|t| turns.get(t)).map_or(1, |t| t.lines.first.max(1));
        let effect = Effect::Edit { path: path.clone(), line };
        self.effect(effect);
    }

    fn walk_jumps(&mut self, back: bool, count: usize) {
        let Some(reader) = &mut self.reader else { return };
        let mut target = None;
        for _ in 0..count.max(1) {
            let step = if back {
                let current = reader.anchor();
                current.and_then(|c| reader.jumps.back(c))
            } else {
                reader.jumps.forward()
            };
            match step {
                Some(anchor) => target = Some(anchor),
                None => break,
            }
        }
        match target {
            Some(anchor) => {
                // Walking the jump list is a jump too: `''` comes back to where it left.
                reader.before_jump = reader.anchor();
                reader.go_to_anchor(anchor);
            }
            None if back => self.warn("at the oldest position in the jump list"),
            None => self.warn("at the newest position in the jump list"),
        }
    }

    pub(crate) fn search_again(&mut self, forward: bool, count: usize) {
        let Some(reader) = &mut self.reader else { return };
        reader.record_jump();
        let direction_forward = forward != reader.search.backward;
        let outcome = reader.search_step(forward, count);
        if let SearchOutcome::Found { wrapped: true, .. } = outcome {
            // Past the last hit of a meeting opened from a library search: continue in the next
            // meeting with hits, as `n` across files does in less.
            let entry = reader.entry;
            let query = reader.search.query.clone();
            if !self.list.filter.is_empty()
                && self.list.text_hits.contains_key(&entry)
                && let Some(next) = self.list.next_with_hits(entry, direction_forward)
            {
                self.list.select_entry(next);
                self.set_carried_query(Some(query));
                self.open_entry(next);
                self.info("continuing in the next meeting with matches");
                return;
            }
        }
        self.report_search(outcome);
    }

    pub(crate) fn report_search(&mut self, outcome: SearchOutcome) {
        let query = self.reader.as_ref().map(|r| r.search.query.clone()).unwrap_or_default();
        match outcome {
            SearchOutcome::Found { wrapped: true, index, total } => {
                let end = if index == 1 { "wrapped to the first match" } else { "wrapped to the last match" };
                self.warn(format!("{end} [{index}/{total}]"));
            }
            SearchOutcome::Found { .. } => {}
            SearchOutcome::NotFound => self.error(format!("not found: {query}")),
            SearchOutcome::AllHidden { total } => {
                self.warn(format!("{total} matches, all in turns hidden by filters (C clears filters)"));
            }
            SearchOutcome::Empty => self.warn("no search yet: / searches forward, ? backward"),
        }
    }

    /// The action's character argument arrived (`m a`, `' a`, `''`).
    pub(crate) fn with_argument(&mut self, action: Action, c: char, _count: usize) {
        let Some(reader) = &mut self.reader else { return };
        match action {
            Action::SetMark if c.is_ascii_lowercase() => {
                if let Some(anchor) = reader.anchor() {
                    reader.marks.insert(c, anchor);
                    self.info(format!("mark {c} set"));
                }
            }
            Action::SetMark => self.warn("marks are a–z"),
            Action::GotoMark => {
                let target = match c {
                    '\'' | '`' => reader.before_jump,
                    c => reader.marks.get(&c).copied(),
                };
                match target {
                    Some(anchor) => {
                        reader.record_jump();
                        reader.go_to_anchor(anchor);
                    }
                    None if c == '\'' || c == '`' => self.warn("no jump yet"),
                    None => self.warn(format!("mark {c} is not set")),
                }
            }
            _ => {}
        }
    }

    /// `NG` / `Ngg`: to speech turn N in the reader, to entry N in the list.
    pub(crate) fn go_to_number(&mut self, number: usize) {
        if self.mode() == Mode::List {
            let total = self.list.order.len();
            match number {
                n if (1..=total).contains(&n) => {
                    self.list.cursor = n - 1;
                    self.preview_selected();
                }
                _ => self.warn(format!("no entry {number}: the list has {total}")),
            }
            return;
        }
        let Some(reader) = &mut self.reader else { return };
        if reader.held_back {
            let notice = binary_notice(&self.entries, reader.entry, &self.options.keymap);
            self.warn(notice);
            return;
        }
        let turn = (0..reader.meeting.turns.len()).find(|&t| reader.speech_number(t) == Some(number));
        match turn.and_then(|t| reader.layout.turn_row(t)) {
            Some(row) => {
                reader.record_jump();
                reader.show_row_at_top(row);
            }
            None if turn.is_some() => self.warn(format!("turn {number} is hidden by a filter (C clears filters)")),
            None => {
                let total = reader.speech_total;
                self.warn(format!("no turn {number}: the meeting has {total}"));
            }
        }
    }

    /// `N%`: N percent of the way through the meeting (of the list, in the list), as in less and vim.
    pub(crate) fn go_to_percent(&mut self, count: Option<usize>) {
        let Some(percent) = count else {
            self.warn("type a number first: 50% goes halfway, 0% to the top");
            return;
        };
        let percent = percent.min(100);
        if self.mode() == Mode::List {
            let last = self.list.order.len().saturating_sub(1);
            self.list.cursor = (last * percent).div_ceil(100);
            self.preview_selected();
            return;
        }
        let Some(reader) = &mut self.reader else { return };
        reader.record_jump();
        reader.show_percent(percent);
    }
}

/// Text bytes a yank may put on the clipboard: base64 makes 4 bytes of 3, and terminals drop
/// OSC 52 sequences past about 100 KB (xterm, tmux, kitty), so more would only freeze the
/// screen while a sequence nobody keeps is written.
pub const MAX_CLIPBOARD_BYTES: usize = 72 * 1024;

/// `text` cut to [`MAX_CLIPBOARD_BYTES`] at a character boundary, keeping its last line (the
/// citation), or `None` when it fits.
pub fn cap_for_clipboard(text: &str) -> Option<String> {
    if text.len() <= MAX_CLIPBOARD_BYTES {
        return None;
    }
    // The citation is the last line; a trailing newline does not make an empty one.
    let citation = text.trim_end_matches('\n').rfind('\n').map_or("", |at| &text[at..]);
    let citation = if citation.len() > MAX_CLIPBOARD_BYTES / 2 { "" } else { citation };
    let mut cut = MAX_CLIPBOARD_BYTES - citation.len() - '…'.len_utf8();
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    Some(format!("{}…{citation}", &text[..cut]))
}
