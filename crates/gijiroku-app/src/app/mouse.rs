//! The mouse, as less (with `--mouse`), vim and lazygit use it: the wheel scrolls the pane (or
//! overlay) under the pointer, a click selects a list entry (a second click on it opens it) or
//! focuses a pane, a click on a picker row picks it. The runtime reports events in cells.

use crate::action::Action;
use crate::app::geometry::Area;
use crate::app::overlay::Overlay;
use crate::app::{App, Focus};

/// What the mouse did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Click,
    ScrollUp,
    ScrollDown,
}

/// A mouse event at a cell (0-based column and row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

/// Rows a wheel notch scrolls, as terminals scroll.
const WHEEL_ROWS: usize = 3;

fn contains(area: Area, column: u16, row: u16) -> bool {
    column >= area.x && column < area.x + area.width && row >= area.y && row < area.y + area.height
}

impl App {
    /// Handles one mouse event.
    pub fn mouse(&mut self, event: Mouse) {
        if self.prompt.is_some() {
            return;
        }
        self.message = None;
        if self.overlay.is_some() {
            self.overlay_mouse(event);
            self.relayout();
            return;
        }
        let panes = self.panes();
        let (column, row) = (event.column, event.row);
        if let Some(list) = panes.list.filter(|a| contains(*a, column, row)) {
            self.list_mouse(event, list);
        } else if panes.reader.is_some_and(|a| contains(a, column, row)) {
            match event.kind {
                MouseKind::Click => self.focus = Focus::Reader,
                MouseKind::ScrollUp => self.scroll_reader(-(WHEEL_ROWS as isize)),
                MouseKind::ScrollDown => self.scroll_reader(WHEEL_ROWS as isize),
            }
        }
        self.relayout();
    }

    fn scroll_reader(&mut self, delta: isize) {
        if let Some(reader) = self.reader.as_mut().filter(|r| !r.held_back) {
            reader.scroll_by(delta);
        }
    }

    fn list_mouse(&mut self, event: Mouse, list: Area) {
        let height = list.height.saturating_sub(1) as usize;
        let before = self.list.selected();
        match event.kind {
            MouseKind::Click => {
                // The header row holds no entry.
                let Some(offset) = (event.row as usize).checked_sub(list.y as usize + 1) else { return };
                let position = self.list.top + offset;
                if position >= self.list.order.len() {
                    return;
                }
                let again = self.focus == Focus::List && self.list.cursor == position;
                self.focus = Focus::List;
                self.list_visible = true;
                self.list.cursor = position;
                if again {
                    self.update(Action::Open, 1);
                    return;
                }
            }
            MouseKind::ScrollUp | MouseKind::ScrollDown => {
                // The view moves; the selection only as far as it must to stay in it.
                let last_top = self.list.order.len().saturating_sub(height.max(1));
                self.list.top = match event.kind {
                    MouseKind::ScrollUp => self.list.top.saturating_sub(WHEEL_ROWS),
                    _ => (self.list.top + WHEEL_ROWS).min(last_top),
                };
                let bottom = (self.list.top + height.max(1)).saturating_sub(1);
                self.list.cursor = self.list.cursor.clamp(self.list.top, bottom.max(self.list.top));
                self.list.cursor = self.list.cursor.min(self.list.order.len().saturating_sub(1));
            }
        }
        if self.list.selected() != before {
            self.preview_selected();
        }
    }

    fn overlay_mouse(&mut self, event: Mouse) {
        let inner = self.overlay_inner();
        match event.kind {
            MouseKind::ScrollUp => self.update(Action::LineUp, WHEEL_ROWS),
            MouseKind::ScrollDown => self.update(Action::LineDown, WHEEL_ROWS),
            MouseKind::Click if !contains(inner, event.column, event.row) => {}
            MouseKind::Click => {
                let Some(Overlay::Picker(picker)) = &mut self.overlay else { return };
                // The query is the first row; items follow, scrolled as the view draws them.
                let list_height = super::picker::Picker::list_height(inner.height);
                let first = picker.first_shown(list_height);
                let Some(offset) = (event.row as usize).checked_sub(inner.y as usize + 1) else { return };
                if offset < list_height && first + offset < picker.shown.len() {
                    picker.cursor = first + offset;
                    self.update(Action::PickerFilter, 1);
                }
            }
        }
    }
}
