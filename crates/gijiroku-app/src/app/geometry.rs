//! Where the panes go: the list and the reader side by side when there is room (60 columns),
//! one at a time otherwise, and a status line at the bottom. The view draws into these areas
//! and the app sizes pages and layouts by them, so both agree.

use crate::app::{App, Focus};

/// Below this width only one pane is shown.
pub(crate) const TWO_PANE_MIN_WIDTH: u16 = 60;

/// A rectangle of cells (the app's own type: the app does not depend on ratatui).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

/// The screen split into panes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Area>,
    /// The one-column rule between list and reader.
    pub separator: Option<Area>,
    pub reader: Option<Area>,
    pub status: Option<Area>,
}

/// The list pane's width: as configured, or (0) about three tenths of the terminal, at least 30
/// and at most 60 columns; never more than half the screen.
pub fn list_width(configured: u16, width: u16) -> u16 {
    let wanted = if configured == 0 { (width * 3 / 10).clamp(30, 60) } else { configured };
    wanted.clamp(12, (width / 2).max(12))
}

impl App {
    pub fn panes(&self) -> Panes {
        let (width, height) = (self.width, self.height);
        if width == 0 || height == 0 {
            return Panes::default();
        }
        let status = Some(Area { x: 0, y: height - 1, width, height: 1 });
        let body_height = height - 1;
        if body_height == 0 {
            return Panes { status, ..Panes::default() };
        }
        let full = Area { x: 0, y: 0, width, height: body_height };
        let has_reader = self.reader.is_some();
        let two_panes = self.list_visible && has_reader && width >= TWO_PANE_MIN_WIDTH;
        if two_panes {
            let list_width = list_width(self.options.list_width, width);
            return Panes {
                list: Some(Area { width: list_width, ..full }),
                separator: Some(Area { x: list_width, width: 1, ..full }),
                reader: Some(Area { x: list_width + 1, width: width - list_width - 1, ..full }),
                status,
            };
        }
        let show_list = !has_reader || (self.list_visible && self.focus == Focus::List);
        if show_list {
            Panes { list: Some(full), status, ..Panes::default() }
        } else {
            Panes { reader: Some(full), status, ..Panes::default() }
        }
    }
}

/// An overlay's box over the body `area` (inset where there is room) and the text area inside
/// its border; both are `area` itself when it is too small for a border.
pub fn overlay_areas(area: Area) -> (Area, Area) {
    let margin_x = if area.width > 60 { 2 } else { 0 };
    let margin_y = if area.height > 16 { 1 } else { 0 };
    let outer = Area {
        x: area.x + margin_x,
        y: area.y + margin_y,
        width: area.width.saturating_sub(margin_x * 2),
        height: area.height.saturating_sub(margin_y * 2),
    };
    if outer.width < 4 || outer.height < 3 {
        return (outer, outer);
    }
    let inner = Area { x: outer.x + 2, y: outer.y + 1, width: outer.width - 4, height: outer.height - 2 };
    (outer, inner)
}

impl App {
    /// The text area of an overlay (help, messages, pickers, statistics) at the current size.
    pub fn overlay_inner(&self) -> Area {
        let body = Area { x: 0, y: 0, width: self.width, height: self.height.saturating_sub(1) };
        overlay_areas(body).1
    }
}
