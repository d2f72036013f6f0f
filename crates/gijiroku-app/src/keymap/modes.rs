//! Which actions each key table may bind: those that act in its mode. The config refuses the
//! others, and a test checks that every default binding is among them.

use crate::action::Action;
use crate::keymap::Mode;

impl Mode {
    /// Whether `action` does something when bound in this mode: the config refuses the others
    /// (`picker_jump` in the reader would only ever answer "does nothing here").
    pub fn accepts(self, action: Action) -> bool {
        use Action::*;
        match self {
            Mode::Reader => !matches!(
                action,
                Open | ToggleSort
                    | Accept
                    | DeleteChar
                    | DeleteWord
                    | ClearLine
                    | ToggleKana
                    | HistoryPrev
                    | HistoryNext
                    | PickerDown
                    | PickerUp
                    | PickerToggle
                    | PickerFilter
                    | PickerJump
            ),
            Mode::List => {
                is_movement(action)
                    || matches!(
                        action,
                        GotoPercent
                            | FocusNext
                            | FocusLeft
                            | FocusRight
                            | ToggleList
                            | Open
                            | ToggleSort
                            | SearchForward
                            | SearchBackward
                            | SearchNext
                            | SearchPrev
                            | ClearSearch
                            | Help
                            | Messages
                            | Cancel
                            | Redraw
                            | Quit
                    )
            }
            Mode::Prompt => matches!(
                action,
                Accept | Cancel | DeleteChar | DeleteWord | ClearLine | ToggleKana | HistoryPrev | HistoryNext
            ),
            Mode::Picker => matches!(
                action,
                PickerDown
                    | PickerUp
                    | PickerToggle
                    | PickerFilter
                    | PickerJump
                    | DeleteChar
                    | DeleteWord
                    | ClearLine
                    | Cancel
                    | Quit
            ),
            Mode::Overlay => is_movement(action) || matches!(action, Open | Cancel | Quit | Redraw),
        }
    }
}

/// Scrolling and paging, which every pane with rows takes.
fn is_movement(action: Action) -> bool {
    use Action::*;
    matches!(action, LineDown | LineUp | HalfPageDown | HalfPageUp | PageDown | PageUp | Top | Bottom)
}
