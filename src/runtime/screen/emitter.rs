//! The bytes of one frame: the changed cells of a row with the shortest cursor moves, EL for a
//! blank tail, and SGR only when the pen changes.

use std::io::Write;

use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};

/// The SGR state of the terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

pub(super) const DEFAULT_PEN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

pub(super) fn cell_width(cell: &Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        _ => 1,
    }
}

pub(super) fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.bg == Color::Reset
        && !cell.modifier.intersects(Modifier::REVERSED | Modifier::UNDERLINED)
}

/// Writes the changes of one frame.
pub(super) struct Emitter<'a> {
    pub(super) out: &'a mut Vec<u8>,
    /// The terminal's SGR state, if known.
    pub(super) pen: Option<Pen>,
    /// The terminal cursor, if known.
    pub(super) at: Option<(u16, u16)>,
    pub(super) width: u16,
}

impl Emitter<'_> {
    /// Writes the changes between two versions of row `y`.
    pub(super) fn row_cells(&mut self, prev: &[Cell], cur: &[Cell], y: u16) {
        let width = self.width as usize;
        if prev == cur {
            return;
        }
        // From `blank_from` on, the new row is blank: one EL clears what was there.
        let blank_from = cur.iter().rposition(|c| !is_blank(c)).map_or(0, |p| p + cell_width(&cur[p]) as usize);
        let mut x = 0usize;
        // Set when a write cut into a wide grapheme of the old frame: the cell after it is written
        // again even if unchanged, since some terminals (and emulators) keep a stale half there.
        let mut rewrite_next = false;
        while x < blank_from {
            let cell = &cur[x];
            let w = cell_width(cell).max(1) as usize;
            let changed = cell != &prev[x] || (w > 1 && x + 1 < width && prev[x + 1] != cur[x + 1]);
            if changed || rewrite_next {
                self.put(x as u16, y, cell);
                let last = (x + w - 1).min(width - 1);
                rewrite_next = changed && cell_width(&prev[last]) > 1;
            }
            x += w;
        }
        // A stale half left by the last write counts as something to clear.
        if blank_from < width && (rewrite_next || prev[blank_from..].iter().any(|c| !is_blank(c))) {
            self.move_to(blank_from as u16, y);
            self.set_pen(DEFAULT_PEN);
            self.out.extend_from_slice(b"\x1b[K");
        }
    }

    fn put(&mut self, x: u16, y: u16, cell: &Cell) {
        self.move_to(x, y);
        self.set_pen(Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier });
        self.out.extend_from_slice(cell.symbol().as_bytes());
        let next = x + cell_width(cell).max(1);
        // Writing the last column leaves the cursor in the pending-wrap state: position unknown.
        self.at = (next < self.width).then_some((next, y));
    }

    fn move_to(&mut self, x: u16, y: u16) {
        match self.at {
            Some((ax, ay)) if ay == y && ax == x => {}
            Some((ax, ay)) if ay == y && ax < x => {
                let n = x - ax;
                if n == 1 {
                    self.out.extend_from_slice(b"\x1b[C");
                } else {
                    let _ = write!(self.out, "\x1b[{n}C");
                }
            }
            Some((_, ay)) if ay + 1 == y && x == 0 => self.out.extend_from_slice(b"\r\n"),
            _ if x == 0 => {
                let _ = write!(self.out, "\x1b[{}H", y + 1);
            }
            _ => {
                let _ = write!(self.out, "\x1b[{};{}H", y + 1, x + 1);
            }
        }
        self.at = Some((x, y));
    }

    pub(super) fn reset_pen(&mut self) {
        if self.pen != Some(DEFAULT_PEN) {
            self.out.extend_from_slice(b"\x1b[0m");
            self.pen = Some(DEFAULT_PEN);
        }
    }

    fn set_pen(&mut self, pen: Pen) {
        if self.pen == Some(pen) {
            return;
        }
        let reset_needed = match self.pen {
            None => true,
            Some(old) => !(old.modifier - pen.modifier).is_empty(),
        };
        let base = if reset_needed { DEFAULT_PEN } else { self.pen.unwrap_or(DEFAULT_PEN) };
        // Parameters go straight into the frame: this runs at every change of style.
        let start = self.out.len();
        if reset_needed {
            self.out.extend_from_slice(b";0");
        }
        for (flag, code) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::SLOW_BLINK, "5"),
            (Modifier::REVERSED, "7"),
            (Modifier::HIDDEN, "8"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            if pen.modifier.contains(flag) && !base.modifier.contains(flag) {
                let _ = write!(self.out, ";{code}");
            }
        }
        if pen.fg != base.fg {
            write_color(self.out, pen.fg, true);
        }
        if pen.bg != base.bg {
            write_color(self.out, pen.bg, false);
        }
        if self.out.len() > start {
            // `;0;1;34` becomes `ESC[0;1;34m`.
            self.out[start] = b'[';
            self.out.splice(start..start, [0x1b]);
            self.out.push(b'm');
        }
        self.pen = Some(pen);
    }
}

/// `;31`, `;38;5;208`, `;38;2;r;g;b`: one SGR colour parameter with its separator.
fn write_color(out: &mut Vec<u8>, color: Color, foreground: bool) {
    let base = if foreground { 30 } else { 40 };
    let bright = if foreground { 90 } else { 100 };
    let extended = if foreground { 38 } else { 48 };
    let _ = match color {
        Color::Reset => write!(out, ";{}", if foreground { 39 } else { 49 }),
        Color::Black => write!(out, ";{base}"),
        Color::Red => write!(out, ";{}", base + 1),
        Color::Green => write!(out, ";{}", base + 2),
        Color::Yellow => write!(out, ";{}", base + 3),
        Color::Blue => write!(out, ";{}", base + 4),
        Color::Magenta => write!(out, ";{}", base + 5),
        Color::Cyan => write!(out, ";{}", base + 6),
        Color::Gray => write!(out, ";{}", base + 7),
        Color::DarkGray => write!(out, ";{bright}"),
        Color::LightRed => write!(out, ";{}", bright + 1),
        Color::LightGreen => write!(out, ";{}", bright + 2),
        Color::LightYellow => write!(out, ";{}", bright + 3),
        Color::LightBlue => write!(out, ";{}", bright + 4),
        Color::LightMagenta => write!(out, ";{}", bright + 5),
        Color::LightCyan => write!(out, ";{}", bright + 6),
        Color::White => write!(out, ";{}", bright + 7),
        Color::Indexed(i) => write!(out, ";{extended};5;{i}"),
        Color::Rgb(r, g, b) => write!(out, ";{extended};2;{r};{g};{b}"),
    };
}
