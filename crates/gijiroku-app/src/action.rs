//! Actions: the closed set of user intents. Their snake_case names are the words of the key
//! map in the config file; their descriptions and sections make the help screen.

use std::fmt;
use std::str::FromStr;

/// Where an action belongs in the help screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Move,
    Structure,
    Search,
    Filter,
    Panes,
    List,
    Prompt,
    Picker,
    General,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Scrolling",
            Section::Structure => "Moving by structure",
            Section::Search => "Search",
            Section::Filter => "Pickers, filters, citations",
            Section::Panes => "Panes",
            Section::List => "Meeting list",
            Section::Prompt => "While typing a search",
            Section::Picker => "In a picker",
            Section::General => "General",
        }
    }
}

macro_rules! actions {
    ($($variant:ident = $name:literal, $section:ident, $description:literal;)*) => {
        /// A user intent. `App::update` is the only way state changes in response to the user.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in help-screen order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)*
                }
            }

            pub fn section(self) -> Section {
                match self {
                    $(Action::$variant => Section::$section,)*
                }
            }
        }
    };
}

actions! {
    LineDown = "line_down", Move, "scroll down one line";
    LineUp = "line_up", Move, "scroll up one line";
    HalfPageDown = "half_page_down", Move, "scroll down half a page";
    HalfPageUp = "half_page_up", Move, "scroll up half a page";
    PageDown = "page_down", Move, "scroll down a page";
    PageUp = "page_up", Move, "scroll up a page";
    Top = "top", Move, "go to the top (with a count N: to turn N)";
    Bottom = "bottom", Move, "go to the end (with a count N: to turn N)";
    GotoPercent = "goto_percent", Move, "with a count N: N percent of the way through (50%)";
    NextTurn = "next_turn", Structure, "next turn";
    PrevTurn = "prev_turn", Structure, "previous turn";
    NextAgenda = "next_agenda", Structure, "next agenda item";
    PrevAgenda = "prev_agenda", Structure, "previous agenda item";
    NextSameSpeaker = "next_same_speaker", Structure, "next turn by the speaker at the top";
    PrevSameSpeaker = "prev_same_speaker", Structure, "previous turn by the speaker at the top";
    JumpBack = "jump_back", Structure, "back through the jump list";
    JumpForward = "jump_forward", Structure, "forward through the jump list";
    SetMark = "set_mark", Structure, "set mark {a-z} at the top of the view";
    GotoMark = "goto_mark", Structure, "go to mark {a-z}; '' = before the last jump";
    SearchForward = "search_forward", Search, "search forward (in the list: all meetings)";
    SearchBackward = "search_backward", Search, "search backward";
    SearchNext = "search_next", Search, "next match (wraps around)";
    SearchPrev = "search_prev", Search, "previous match (wraps around)";
    ClearSearch = "clear_search", Search, "clear search highlights";
    ToggleHitsOnly = "toggle_hits_only", Search, "show only turns with matches";
    SpeakerPicker = "speaker_picker", Filter, "pick speakers (filter or jump)";
    AgendaPicker = "agenda_picker", Filter, "pick an agenda item (filter or jump)";
    ClearFilters = "clear_filters", Filter, "clear all filters";
    Statistics = "statistics", Filter, "statistics: speakers and agenda items";
    YankTurn = "yank_turn", Filter, "copy the turn at the top, with a citation";
    YankParagraph = "yank_paragraph", Filter, "copy the paragraph at the top, with a citation";
    FocusNext = "focus_next", Panes, "switch focus between list and reader";
    FocusLeft = "focus_left", Panes, "focus the meeting list";
    FocusRight = "focus_right", Panes, "focus the reader (in the list: open)";
    ToggleList = "toggle_list", Panes, "hide or show the meeting list";
    Open = "open", List, "open the selected meeting";
    ToggleSort = "toggle_sort", List, "sort by date: newest or oldest first";
    Accept = "accept", Prompt, "accept (keep the position and highlights)";
    DeleteChar = "delete_char", Prompt, "delete the last character";
    DeleteWord = "delete_word", Prompt, "delete the last word";
    ClearLine = "clear_line", Prompt, "clear the query";
    ToggleKana = "toggle_kana", Prompt, "kana folding on/off (ア matches あ)";
    HistoryPrev = "history_prev", Prompt, "previous search";
    HistoryNext = "history_next", Prompt, "next search";
    PickerDown = "picker_down", Picker, "next item";
    PickerUp = "picker_up", Picker, "previous item";
    PickerToggle = "picker_toggle", Picker, "select or unselect the item";
    PickerFilter = "picker_filter", Picker, "filter the reader to the selection";
    PickerJump = "picker_jump", Picker, "jump to the next turn of the selection";
    OpenEditor = "open_editor", General, "open the turn at the top in $VISUAL / $EDITOR (or $PAGER) at its source line";
    Reload = "reload", General, "read the meeting's file again (it changed on disk), keeping the place";
    ShowAnyway = "show_anyway", General, "show a file that looks binary anyway";
    Help = "help", General, "show this help";
    Messages = "messages", General, "show this session's messages whole (as vim's :messages)";
    Cancel = "cancel", General, "cancel: a count, a sequence, a prompt, an overlay";
    Redraw = "redraw", General, "redraw the screen";
    Quit = "quit", General, "quit";
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An action name not in [`Action::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown action `{0}`")]
pub struct UnknownAction(pub String);

impl FromStr for Action {
    type Err = UnknownAction;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Action::ALL.iter().copied().find(|a| a.name() == name).ok_or_else(|| UnknownAction(name.to_owned()))
    }
}

impl Action {
    /// Actions that take the next typed character as their argument (`m a`, `' a`).
    pub(crate) fn takes_argument(self) -> bool {
        matches!(self, Action::SetMark | Action::GotoMark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        for action in Action::ALL {
            assert_eq!(action.name().parse::<Action>(), Ok(*action));
        }
        assert!("no_such_action".parse::<Action>().is_err());
    }
}
