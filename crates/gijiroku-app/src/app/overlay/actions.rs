//! What keys do in overlays: the pickers (narrow, select, filter, jump), the statistics view
//! (scroll, jump) and the text pages (help, messages).

use crate::action::Action;
use crate::app::overlay::Overlay;
use crate::app::picker::{Picker, PickerKind};
use crate::app::{App, Effect};

/// Scrolls a text page (help, messages) for a motion key; `false` when `action` is not one.
fn scroll_page(scroll: &mut usize, action: Action, count: usize, page: usize, max_scroll: usize) -> bool {
    match action {
        Action::LineDown => *scroll = (*scroll + count).min(max_scroll),
        Action::LineUp => *scroll = scroll.saturating_sub(count),
        Action::HalfPageDown => *scroll = (*scroll + page / 2).min(max_scroll),
        Action::HalfPageUp => *scroll = scroll.saturating_sub(page / 2),
        Action::PageDown => *scroll = (*scroll + page).min(max_scroll),
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = max_scroll,
        _ => return false,
    }
    true
}

impl App {
    pub(crate) fn picker_action(&mut self, action: Action) {
        let Some(Overlay::Picker(picker)) = &mut self.overlay else { return };
        if picker.apply(action) {
            return;
        }
        match action {
            // The picker closes: taken out of the overlay, not copied.
            Action::PickerFilter => {
                if let Some(Overlay::Picker(picker)) = self.overlay.take() {
                    self.apply_picker_filter(&picker);
                }
            }
            Action::PickerJump => {
                if let Some(Overlay::Picker(picker)) = self.overlay.take() {
                    self.picker_jump(&picker);
                }
            }
            Action::Cancel => self.overlay = None,
            Action::Quit => self.should_quit = true,
            _ => {}
        }
    }

    fn apply_picker_filter(&mut self, picker: &Picker) {
        let Some(reader) = &mut self.reader else { return };
        let chosen = picker.chosen();
        if chosen.is_empty() {
            return;
        }
        match picker.kind {
            PickerKind::Speakers => {
                reader.filters.speakers =
                    chosen.iter().filter_map(|&i| picker.speakers.get(i)).map(|s| s.speaker.clone()).collect();
            }
            PickerKind::Agenda => {
                reader.filters.agenda = chosen.first().and_then(|&i| picker.agenda.get(i)).map(|a| a.index)
            }
        }
        reader.invalidate_layout();
        self.relayout();
        self.report_filters();
    }

    /// Tells what the filters show.
    pub(crate) fn report_filters(&mut self) {
        let Some(reader) = &self.reader else { return };
        let shown = (0..reader.meeting.turns.len())
            .filter(|&t| {
                reader.is_turn_shown(t) && reader.meeting.turns[t].kind == gijiroku_core::meeting::TurnKind::Speech
            })
            .count();
        let total = reader.speech_total;
        self.info(format!("showing {shown} of {total} turns (C clears filters)"));
    }

    fn picker_jump(&mut self, picker: &Picker) {
        let Some(reader) = &mut self.reader else { return };
        let chosen = picker.chosen();
        let target = match picker.kind {
            PickerKind::Speakers => {
                let names: Vec<&str> =
                    chosen.iter().filter_map(|&i| picker.speakers.get(i)).map(|s| s.speaker.as_str()).collect();
                let by_chosen =
                    |t: usize| reader.meeting.turns[t].speaker.as_deref().is_some_and(|s| names.contains(&s));
                reader.turn_after(true, by_chosen).and_then(|t| reader.layout.turn_row(t)).or_else(|| {
                    // Wrap to the first such turn.
                    (0..reader.meeting.turns.len()).filter(|&t| by_chosen(t)).find_map(|t| reader.layout.turn_row(t))
                })
            }
            PickerKind::Agenda => {
                chosen.first().and_then(|&i| picker.agenda.get(i)).and_then(|a| reader.layout.agenda_row(a.index))
            }
        };
        match target {
            Some(row) => {
                reader.record_jump();
                reader.show_row_at_top(row);
            }
            None => self.warn("not shown under the current filters (C clears them)"),
        }
    }

    pub(crate) fn overlay_action(&mut self, action: Action, count: usize) {
        let page = self.height.saturating_sub(4).max(1) as usize;
        let max_scroll = match &self.overlay {
            Some(Overlay::Help { .. }) => self.page_rows(false),
            Some(Overlay::Messages { .. }) => self.page_rows(true),
            _ => 0,
        }
        .saturating_sub(self.overlay_inner().height as usize);
        let inner = self.overlay_inner();
        let (inner_height, inner_width) = (inner.height as usize, inner.width as usize);
        let ambiguous = self.options.ambiguous;
        match &mut self.overlay {
            Some(Overlay::Help { scroll } | Overlay::Messages { scroll }) => match action {
                _ if scroll_page(scroll, action, count, page, max_scroll) => {}
                Action::Cancel | Action::Open => self.overlay = None,
                Action::Quit => self.should_quit = true,
                Action::Redraw => self.effect(Effect::Redraw),
                other => self.warn(format!("{} does nothing in this overlay (Esc closes it)", other.name())),
            },
            Some(Overlay::Stats(stats)) => match action {
                _ if stats.motion(action, count, page, (inner_height, inner_width), ambiguous) => {}
                Action::Open => {
                    let target = stats.target_turn();
                    self.overlay = None;
                    if let Some(turn) = target {
                        self.jump_to_turn(turn);
                    }
                }
                Action::Cancel => self.overlay = None,
                Action::Quit => self.should_quit = true,
                Action::Redraw => self.effect(Effect::Redraw),
                _ => {}
            },
            _ => {}
        }
    }

    /// Rows of the help screen (or the message log) at the overlay's width.
    pub(crate) fn page_rows(&self, messages: bool) -> usize {
        let width = self.overlay_inner().width as usize;
        let ambiguous = self.options.ambiguous;
        if messages {
            crate::app::page::messages_page(&self.messages, width, ambiguous).len()
        } else {
            crate::app::page::help_page(&self.options.keymap, width, ambiguous).len()
        }
    }
}
