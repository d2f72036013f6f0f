//! The settings the app needs, which the config file fills: widths, folding, sorting, the key
//! map, the mouse and the citation template.

use gijiroku_core::width::AmbiguousWidth;

use super::citation;
use crate::keymap::Keymap;

/// Settings the app needs (the config file fills them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub ambiguous: AmbiguousWidth,
    /// Width of the list pane in columns; 0 follows the terminal's width.
    pub list_width: u16,
    /// A column with each meeting's file name in the list (config `list_files`).
    pub list_files: bool,
    pub kana_fold: bool,
    pub newest_first: bool,
    pub keymap: Keymap,
    /// Whether the terminal reports the mouse (wheel, clicks); Shift still selects text.
    pub mouse: bool,
    /// The citation line's template (`y`, `Y`).
    pub citation: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ambiguous: AmbiguousWidth::Narrow,
            list_width: 0,
            list_files: false,
            kana_fold: true,
            newest_first: true,
            keymap: Keymap::defaults(),
            mouse: true,
            citation: citation::DEFAULT_TEMPLATE.to_owned(),
        }
    }
}

impl Options {
    /// Kana folding as toggled in the prompt (`Ctrl-k`) or configured.
    pub(crate) fn kana_fold_in_prompt(&self) -> bool {
        self.kana_fold
    }
}
