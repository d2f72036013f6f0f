//! Keys as the key map sees them, independent of the terminal library, with the spelling used
//! in the config file (`ctrl-d`, `g g`, `space`, `shift-tab`, `f1`) and in the help screen.

use std::fmt;

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key with modifiers. Shift is folded into the character for printable keys (`G`, not
/// `shift-g`), so that terminals that do and do not report shift agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn new(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    pub const fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true, alt: false }
    }

    pub const fn alt(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: false, alt: true }
    }

    /// Canonical form: control letters in lower case.
    pub fn normalized(self) -> Key {
        match self.code {
            KeyCode::Char(c) if self.ctrl => Key { code: KeyCode::Char(c.to_ascii_lowercase()), ..self },
            _ => self,
        }
    }

    /// The character this key types into a prompt, if it types one.
    pub(crate) fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

/// Why a key name could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown key name `{name}` (expected a character, or ctrl-/alt- plus a key, or one of: {choices})")]
pub struct KeyNameError {
    pub name: String,
    pub choices: &'static str,
}

const NAMED_KEYS: &str = "space, enter, esc, tab, shift-tab, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, f1…f12, lt";

/// Parses one key (`j`, `G`, `ctrl-d`, `C-d`, `<C-d>`, `alt-x`, `space`, `pagedown`, `f1`).
pub fn parse_key(name: &str) -> Result<Key, KeyNameError> {
    let error = || KeyNameError { name: name.to_owned(), choices: NAMED_KEYS };
    let trimmed = name.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(name);
    if trimmed.chars().count() == 1 {
        return trimmed.chars().next().map(Key::char).ok_or_else(error);
    }
    let lower = trimmed.to_ascii_lowercase();
    let (mut ctrl, mut alt) = (false, false);
    let mut rest = lower.as_str();
    let mut original_rest = trimmed;
    loop {
        let prefix = ["ctrl-", "c-", "alt-", "a-", "m-", "meta-"].iter().find(|p| rest.starts_with(*p));
        let Some(prefix) = prefix else { break };
        if prefix.starts_with('c') {
            ctrl = true;
        } else {
            alt = true;
        }
        rest = &rest[prefix.len()..];
        original_rest = &original_rest[prefix.len()..];
    }
    let code = match rest {
        "space" | "spc" => KeyCode::Char(' '),
        "enter" | "return" | "cr" | "ret" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "s-tab" | "backtab" => KeyCode::BackTab,
        "backspace" | "bs" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "lt" => KeyCode::Char('<'),
        _ if rest.starts_with('f') && rest.len() > 1 => {
            let n: u8 = rest[1..].parse().map_err(|_| error())?;
            if !(1..=12).contains(&n) {
                return Err(error());
            }
            KeyCode::F(n)
        }
        _ => {
            let mut chars = original_rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return Err(error()),
            }
        }
    };
    Ok(Key { code, ctrl, alt }.normalized())
}

/// Parses a sequence: keys separated by spaces (`g g`, `] ]`, `ctrl-w l`).
pub fn parse_sequence(text: &str) -> Result<Vec<Key>, KeyNameError> {
    let keys: Vec<Key> = text.split_whitespace().map(parse_key).collect::<Result<_, _>>()?;
    if keys.is_empty() {
        return Err(KeyNameError { name: text.to_owned(), choices: NAMED_KEYS });
    }
    Ok(keys)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// A sequence as the help screen writes it: `gg`, `]]`, `Ctrl-w l`.
pub fn display_sequence(keys: &[Key]) -> String {
    let all_plain_chars = keys.iter().all(|k| matches!(k.code, KeyCode::Char(c) if c != ' ') && !k.ctrl && !k.alt);
    let parts: Vec<String> = keys.iter().map(ToString::to_string).collect();
    if all_plain_chars { parts.concat() } else { parts.join(" ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names() {
        assert_eq!(parse_key("j"), Ok(Key::char('j')));
        assert_eq!(parse_key("G"), Ok(Key::char('G')));
        assert_eq!(parse_key("ctrl-d"), Ok(Key::ctrl('d')));
        assert_eq!(parse_key("C-D"), Ok(Key::ctrl('d')));
        assert_eq!(parse_key("<C-d>"), Ok(Key::ctrl('d')));
        assert_eq!(parse_key("alt-x"), Ok(Key::alt('x')));
        assert_eq!(parse_key("space"), Ok(Key::char(' ')));
        assert_eq!(parse_key("PageDown"), Ok(Key::new(KeyCode::PageDown)));
        assert_eq!(parse_key("f1"), Ok(Key::new(KeyCode::F(1))));
        assert_eq!(parse_key("shift-tab"), Ok(Key::new(KeyCode::BackTab)));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("hyper-x").is_err());
        assert!(parse_key("f13").is_err());
    }

    #[test]
    fn sequences_round_trip_through_display() {
        let keys = parse_sequence("g g").unwrap();
        assert_eq!(display_sequence(&keys), "gg");
        assert_eq!(display_sequence(&parse_sequence("ctrl-w l").unwrap()), "Ctrl-w l");
        assert!(parse_sequence("").is_err());
    }
}
