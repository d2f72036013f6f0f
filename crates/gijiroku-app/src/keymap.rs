//! The key map: per mode, key sequences to actions. Sequences (`g g`, `] ]`) resolve without
//! timers: a prefix is Pending until the next key decides, so no binding may be a prefix of
//! another. Defaults follow vim and less; the config file overrides single bindings.

pub mod key;
mod modes;

use std::collections::BTreeMap;
use std::fmt;

use crate::action::Action;
use key::{Key, KeyCode, display_sequence};

/// The binding tables; the app picks one by what has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The reader pane.
    Reader,
    /// The meeting list pane.
    List,
    /// Typing a search or a list filter.
    Prompt,
    /// The speaker and agenda pickers.
    Picker,
    /// Help and statistics.
    Overlay,
}

impl Mode {
    pub const ALL: [Mode; 5] = [Mode::Reader, Mode::List, Mode::Prompt, Mode::Picker, Mode::Overlay];

    /// The table name in the config file (`[keys.reader]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Reader => "reader",
            Mode::List => "list",
            Mode::Prompt => "prompt",
            Mode::Picker => "picker",
            Mode::Overlay => "overlay",
        }
    }
}

/// The outcome of looking up the keys typed so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A longer binding starts with these keys: wait for the next one.
    Pending,
    Matched(Action),
    NotFound,
}

/// A binding that would make sequences ambiguous.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BindError {
    #[error(
        "`{new}` and `{existing}` overlap: one is a prefix of the other, so `{new}` could never be told apart without a timer"
    )]
    PrefixConflict { new: String, existing: String },
}

/// Key sequences to actions, per mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    tables: BTreeMap<Mode, BTreeMap<Vec<Key>, Action>>,
}

impl Keymap {
    /// The default bindings.
    pub fn defaults() -> Keymap {
        let mut keymap = Keymap { tables: BTreeMap::new() };
        for (mode, bindings) in default_bindings() {
            for (keys, action) in bindings {
                // The defaults are conflict-free (a test checks); a conflict here would only drop
                // one default binding, never fail start-up.
                let _ = keymap.bind(mode, keys, Some(action));
            }
        }
        keymap
    }

    /// Binds `keys` to `action` in `mode`, or unbinds them with `None`.
    pub fn bind(&mut self, mode: Mode, keys: Vec<Key>, action: Option<Action>) -> Result<(), BindError> {
        let keys: Vec<Key> = keys.into_iter().map(Key::normalized).collect();
        let table = self.tables.entry(mode).or_default();
        let Some(action) = action else {
            table.remove(&keys);
            return Ok(());
        };
        if let Some(existing) = table
            .keys()
            .find(|existing| *existing != &keys && (existing.starts_with(&keys) || keys.starts_with(existing)))
        {
            return Err(BindError::PrefixConflict {
                new: display_sequence(&keys),
                existing: display_sequence(existing),
            });
        }
        table.insert(keys, action);
        Ok(())
    }

    /// Looks up the keys typed so far.
    pub fn resolve(&self, mode: Mode, keys: &[Key]) -> Resolution {
        let Some(table) = self.tables.get(&mode) else {
            return Resolution::NotFound;
        };
        if let Some(action) = table.get(keys) {
            return Resolution::Matched(*action);
        }
        match table.range(keys.to_vec()..).next() {
            Some((bound, _)) if bound.starts_with(keys) => Resolution::Pending,
            _ => Resolution::NotFound,
        }
    }

    /// All bindings of a mode, in key order.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = (&[Key], Action)> {
        self.tables.get(&mode).into_iter().flat_map(|t| t.iter().map(|(k, a)| (k.as_slice(), *a)))
    }

    /// The key sequences bound to `action` in `mode`, as the help screen writes them.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        let mut keys: Vec<&[Key]> = self.bindings(mode).filter(|(_, a)| *a == action).map(|(k, _)| k).collect();
        // Plain keys first (`j` before `↓` before `Ctrl-e`): the first is the one to learn.
        keys.sort_by_key(|k| {
            let modified = k.iter().any(|key| key.ctrl || key.alt);
            let special = k.iter().any(|key| !matches!(key.code, KeyCode::Char(_)));
            (modified, special, k.len())
        });
        keys.into_iter().map(display_sequence).collect()
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn k(c: char) -> Vec<Key> {
    vec![Key::char(c)]
}

fn ctrl(c: char) -> Vec<Key> {
    vec![Key::ctrl(c)]
}

fn code(code: KeyCode) -> Vec<Key> {
    vec![Key::new(code)]
}

fn seq(a: char, b: char) -> Vec<Key> {
    vec![Key::char(a), Key::char(b)]
}

/// Scrolling keys shared by the reader, the list and overlays.
fn scrolling() -> Bindings {
    use Action::*;
    vec![
        (k('j'), LineDown),
        (code(KeyCode::Down), LineDown),
        (k('k'), LineUp),
        (code(KeyCode::Up), LineUp),
        (ctrl('d'), HalfPageDown),
        (ctrl('u'), HalfPageUp),
        (ctrl('f'), PageDown),
        (code(KeyCode::PageDown), PageDown),
        (ctrl('b'), PageUp),
        (code(KeyCode::PageUp), PageUp),
        (seq('g', 'g'), Top),
        (code(KeyCode::Home), Top),
        (k('G'), Bottom),
        (code(KeyCode::End), Bottom),
    ]
}

/// Keys of the reader and the list (not of overlays).
fn positions() -> Bindings {
    vec![(k('%'), Action::GotoPercent)]
}

/// Keys every pane shares.
fn panes() -> Bindings {
    use Action::*;
    vec![
        (code(KeyCode::Tab), FocusNext),
        (k('h'), FocusLeft),
        (code(KeyCode::Left), FocusLeft),
        (k('l'), FocusRight),
        (code(KeyCode::Right), FocusRight),
        (k('z'), ToggleList),
        (k('H'), Help),
        (code(KeyCode::F(1)), Help),
        (k('M'), Messages),
        (k('q'), Quit),
        (ctrl('c'), Quit),
        (ctrl('l'), Redraw),
        (code(KeyCode::Esc), Cancel),
        (k('/'), SearchForward),
        (k('n'), SearchNext),
        (k('N'), SearchPrev),
        (k('\\'), ClearSearch),
    ]
}

type Bindings = Vec<(Vec<Key>, Action)>;

fn default_bindings() -> Vec<(Mode, Bindings)> {
    use Action::*;
    let mut reader = scrolling();
    reader.extend(panes());
    reader.extend(positions());
    reader.extend([
        (ctrl('e'), LineDown),
        (ctrl('y'), LineUp),
        (k(' '), PageDown),
        (k('b'), PageUp),
        (k('}'), NextTurn),
        (k('{'), PrevTurn),
        (seq(']', ']'), NextAgenda),
        (seq('[', '['), PrevAgenda),
        (k('*'), NextSameSpeaker),
        (k('#'), PrevSameSpeaker),
        (ctrl('o'), JumpBack),
        (ctrl('i'), JumpForward),
        (ctrl('n'), JumpForward),
        (k('m'), SetMark),
        (k('\''), GotoMark),
        (k('`'), GotoMark),
        (k('?'), SearchBackward),
        (k('&'), ToggleHitsOnly),
        (k('s'), SpeakerPicker),
        (k('a'), AgendaPicker),
        (k('C'), ClearFilters),
        (k('S'), Statistics),
        (k('y'), YankTurn),
        (k('Y'), YankParagraph),
        (code(KeyCode::Enter), ShowAnyway),
        (k('R'), Reload),
        (k('v'), OpenEditor),
    ]);
    let mut list = scrolling();
    list.extend(panes());
    list.extend(positions());
    list.extend([(code(KeyCode::Enter), Open), (k('o'), ToggleSort), (k(' '), PageDown)]);
    let prompt = vec![
        (code(KeyCode::Enter), Accept),
        (code(KeyCode::Esc), Cancel),
        (ctrl('c'), Cancel),
        (ctrl('g'), Cancel),
        (code(KeyCode::Backspace), DeleteChar),
        (ctrl('h'), DeleteChar),
        (ctrl('w'), DeleteWord),
        (ctrl('u'), ClearLine),
        (ctrl('k'), ToggleKana),
        (code(KeyCode::Up), HistoryPrev),
        (ctrl('p'), HistoryPrev),
        (code(KeyCode::Down), HistoryNext),
        (ctrl('n'), HistoryNext),
    ];
    let picker = vec![
        (code(KeyCode::Down), PickerDown),
        (ctrl('n'), PickerDown),
        (code(KeyCode::Up), PickerUp),
        (ctrl('p'), PickerUp),
        (code(KeyCode::Tab), PickerToggle),
        (code(KeyCode::Enter), PickerFilter),
        (ctrl('g'), PickerJump),
        (code(KeyCode::Esc), Cancel),
        (ctrl('c'), Cancel),
        (code(KeyCode::Backspace), DeleteChar),
        (ctrl('h'), DeleteChar),
        (ctrl('w'), DeleteWord),
        (ctrl('u'), ClearLine),
    ];
    let mut overlay = scrolling();
    overlay.extend([
        (k(' '), PageDown),
        (code(KeyCode::Enter), Open),
        (code(KeyCode::Esc), Cancel),
        (k('q'), Cancel),
        (k('H'), Cancel),
        (code(KeyCode::F(1)), Cancel),
        (ctrl('c'), Quit),
        (ctrl('l'), Redraw),
    ]);
    vec![
        (Mode::Reader, reader),
        (Mode::List, list),
        (Mode::Prompt, prompt),
        (Mode::Picker, picker),
        (Mode::Overlay, overlay),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_conflicts() {
        for (mode, bindings) in default_bindings() {
            let mut keymap = Keymap { tables: BTreeMap::new() };
            for (keys, action) in bindings {
                assert!(keymap.bind(mode, keys.clone(), Some(action)).is_ok(), "{mode}: {keys:?}");
            }
        }
    }

    #[test]
    fn every_default_binding_acts_in_its_mode() {
        let keymap = Keymap::defaults();
        for mode in Mode::ALL {
            for (keys, action) in keymap.bindings(mode) {
                assert!(mode.accepts(action), "{mode}: {} = {action}", display_sequence(keys));
            }
        }
    }

    #[test]
    fn sequences_resolve_without_timers() {
        let keymap = Keymap::defaults();
        assert_eq!(keymap.resolve(Mode::Reader, &[Key::char('g')]), Resolution::Pending);
        assert_eq!(keymap.resolve(Mode::Reader, &[Key::char('g'), Key::char('g')]), Resolution::Matched(Action::Top));
        assert_eq!(keymap.resolve(Mode::Reader, &[Key::char('g'), Key::char('x')]), Resolution::NotFound);
        assert_eq!(
            keymap.resolve(Mode::Reader, &[Key::char(']'), Key::char(']')]),
            Resolution::Matched(Action::NextAgenda)
        );
    }

    #[test]
    fn prefix_conflicts_are_refused_and_unbinding_works() {
        let mut keymap = Keymap::defaults();
        let err = keymap.bind(Mode::Reader, vec![Key::char('g')], Some(Action::Top));
        assert!(matches!(err, Err(BindError::PrefixConflict { .. })));
        keymap.bind(Mode::Reader, vec![Key::char('j')], None).unwrap();
        assert_eq!(keymap.resolve(Mode::Reader, &[Key::char('j')]), Resolution::NotFound);
        keymap.bind(Mode::Reader, vec![Key::ctrl('d')], Some(Action::PageDown)).unwrap();
        assert_eq!(keymap.resolve(Mode::Reader, &[Key::ctrl('D').normalized()]), Resolution::Matched(Action::PageDown));
    }
}
