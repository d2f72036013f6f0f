//! `[keys.MODE]` tables: key sequences to action names (or `"none"`), applied over the default
//! key map. The result does not depend on the order of the lines: every sequence the table names
//! is first unbound, then the new bindings are added in file order, so a conflict is reported
//! at the line that causes it and names the binding it collides with.

use std::collections::BTreeMap;

use toml::Spanned;

use super::Doc;
use super::error::{ConfigError, suggest};
use crate::app::action::Action;
use crate::keymap::key::{Key, KeyCode, KeyNameError, display_sequence, parse_key, parse_sequence};
use crate::keymap::{BindError, Keymap, Mode};

/// One `[keys.MODE]` table as written.
pub(super) type RawBindings = BTreeMap<Spanned<String>, Spanned<String>>;

/// The value that removes a binding.
pub(crate) const UNBIND: &str = "none";

/// A binding read from the file, with where it was written.
struct Line {
    keys: Vec<Key>,
    action: Option<Action>,
    span: std::ops::Range<usize>,
}

/// Applies one mode's table to `keymap`.
pub(super) fn apply(keymap: &mut Keymap, mode: Mode, table: &RawBindings, doc: &Doc<'_>) -> Result<(), ConfigError> {
    let mut written: Vec<(&Spanned<String>, &Spanned<String>)> = table.iter().collect();
    written.sort_by_key(|(key, _)| key.span().start);
    let mut lines: Vec<Line> = Vec::with_capacity(written.len());
    for (key, value) in written {
        let keys = parse_sequence(key.get_ref()).map_err(|err| key_error(key, &err, doc))?;
        if keys.len() > 1 && matches!(mode, Mode::Prompt | Mode::Picker) {
            return Err(doc.error(
                key.span(),
                format!(
                    "\"{}\" is a sequence of keys, but [keys.{mode}] takes single keys only (there, unbound keys type text)",
                    key.get_ref()
                ),
            ));
        }
        let keys: Vec<Key> = keys.into_iter().map(Key::normalized).collect();
        if let Some(earlier) = lines.iter().find(|line| line.keys == keys) {
            let (line, _) = doc.line_column(earlier.span.start);
            return Err(doc.error(
                key.span(),
                format!("\"{}\" is bound twice in [keys.{mode}] (also on line {line})", key.get_ref()),
            ));
        }
        let action = parse_action(value, doc)?;
        if let Some(action) = action.filter(|a| !mode.accepts(*a)) {
            let valid: Vec<&str> = Action::ALL.iter().filter(|a| mode.accepts(**a)).map(|a| a.name()).collect();
            return Err(doc.error(
                value.span(),
                format!(
                    "\"{action}\" does nothing in [keys.{mode}]; actions for [keys.{mode}]: {}; or \"{UNBIND}\" to unbind the keys",
                    valid.join(", ")
                ),
            ));
        }
        lines.push(Line { keys, action, span: key.span() });
    }
    for line in &lines {
        // Unbinding never fails.
        let _ = keymap.bind(mode, line.keys.clone(), None);
    }
    for (n, line) in lines.iter().enumerate() {
        let Some(action) = line.action else { continue };
        if let Err(BindError::PrefixConflict { existing, .. }) = keymap.bind(mode, line.keys.clone(), Some(action)) {
            return Err(conflict(keymap, mode, line, &existing, &lines[..n], doc));
        }
    }
    Ok(())
}

fn parse_action(value: &Spanned<String>, doc: &Doc<'_>) -> Result<Option<Action>, ConfigError> {
    let name = value.get_ref().trim();
    if name == UNBIND {
        return Ok(None);
    }
    name.parse::<Action>().map(Some).map_err(|_| {
        let mut message = format!("unknown action \"{name}\"");
        if let Some(best) = suggest(name, Action::ALL.iter().map(|a| a.name())) {
            message.push_str(&format!("; did you mean \"{best}\"?"));
        }
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        if !message.ends_with('?') {
            message.push(';');
        }
        message.push_str(&format!(" valid actions: {}; or \"{UNBIND}\" to unbind the keys", names.join(", ")));
        doc.error(value.span(), message)
    })
}

fn key_error(key: &Spanned<String>, err: &KeyNameError, doc: &Doc<'_>) -> ConfigError {
    let text = key.get_ref();
    let mut message = format!("unknown key name \"{}\"", err.name);
    let plain =
        err.name.chars().count() > 1 && err.name.chars().all(|c| c.is_alphanumeric() || c.is_ascii_punctuation());
    if let Some(best) = key_suggestion(&err.name, err.choices) {
        message.push_str(&format!("; did you mean \"{best}\"?"));
    } else if plain && text.split_whitespace().count() == 1 && !err.name.contains('-') {
        let spaced: Vec<String> = err.name.chars().map(String::from).collect();
        message.push_str(&format!("; for a sequence, separate the keys with spaces: \"{}\";", spaced.join(" ")));
    } else {
        message.push(';');
    }
    message.push_str(&format!(
        " valid keys: a character, ctrl- or alt- plus a key, or one of: {}; a sequence is keys separated by spaces",
        err.choices
    ));
    // Point at the bad word inside the quoted key when the key is written plainly.
    let span = key.span();
    let offset = text.find(err.name.as_str()).filter(|_| doc.is_plain_string(span.clone(), text));
    let start = offset.map_or(span.start, |o| span.start + 1 + o);
    doc.error(start..span.end, message)
}

/// A likely intended key name: a misspelt modifier (`ctl-x`) or named key (`pgdown`).
fn key_suggestion(name: &str, choices: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if let Some((modifier, rest)) = lower.split_once('-')
        && !rest.is_empty()
        && let Some(best) = suggest(modifier, ["ctrl", "alt"])
    {
        let candidate = format!("{best}-{rest}");
        if parse_key(&candidate).is_ok() {
            return Some(candidate);
        }
    }
    let named = choices.split(", ").filter(|c| !c.contains('…'));
    suggest(&lower, named).map(str::to_owned)
}

fn conflict(keymap: &Keymap, mode: Mode, line: &Line, existing: &str, earlier: &[Line], doc: &Doc<'_>) -> ConfigError {
    let new = config_sequence(&line.keys);
    let found = keymap.bindings(mode).find(|(keys, _)| display_sequence(keys) == existing);
    let (existing_keys, existing_action) = match found {
        Some((keys, action)) => (keys.to_vec(), Some(action)),
        None => (Vec::new(), None),
    };
    let written = config_sequence(&existing_keys);
    let action = existing_action.map(|a| format!(" ({a})")).unwrap_or_default();
    let origin = match earlier.iter().find(|l| l.keys == existing_keys) {
        Some(l) => format!("bound on line {}", doc.line_column(l.span.start).0),
        None => format!("a default binding; unbind it with \"{written}\" = \"{UNBIND}\""),
    };
    doc.error(
        line.span.clone(),
        format!(
            "\"{new}\" conflicts with \"{written}\"{action} in [keys.{mode}] ({origin}): one is a prefix of the other, \
so the shorter could never be told apart from the longer"
        ),
    )
}

/// A key as the config writes it: `ctrl-d`, `G`, `space`, `pagedown`, `f1`.
pub(crate) fn config_key(key: Key) -> String {
    let mut name = String::new();
    if key.ctrl {
        name.push_str("ctrl-");
    }
    if key.alt {
        name.push_str("alt-");
    }
    let code = match key.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".to_owned(),
        KeyCode::Esc => "esc".to_owned(),
        KeyCode::Tab => "tab".to_owned(),
        KeyCode::BackTab => "shift-tab".to_owned(),
        KeyCode::Backspace => "backspace".to_owned(),
        KeyCode::Delete => "delete".to_owned(),
        KeyCode::Insert => "insert".to_owned(),
        KeyCode::Up => "up".to_owned(),
        KeyCode::Down => "down".to_owned(),
        KeyCode::Left => "left".to_owned(),
        KeyCode::Right => "right".to_owned(),
        KeyCode::Home => "home".to_owned(),
        KeyCode::End => "end".to_owned(),
        KeyCode::PageUp => "pageup".to_owned(),
        KeyCode::PageDown => "pagedown".to_owned(),
        KeyCode::F(n) => format!("f{n}"),
    };
    name.push_str(&code);
    name
}

/// A sequence as the config writes it: `g g`, `ctrl-w l`.
pub(crate) fn config_sequence(keys: &[Key]) -> String {
    keys.iter().map(|k| config_key(*k)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)] // writes what the tests compare the shipped config and styles with
/// A TOML basic string.
pub(crate) fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)] // writes what the tests compare the shipped config and styles with
/// The `[keys.*]` tables of a key map, one line per binding grouped by action, with the action's
/// description as a comment (how assets/default-config.toml was made).
pub(crate) fn keys_toml(keymap: &Keymap) -> String {
    let mut out = String::new();
    for mode in Mode::ALL {
        out.push_str(&format!("\n[keys.{mode}]\n"));
        for action in Action::ALL {
            let bound: Vec<&[Key]> = keymap.bindings(mode).filter(|(_, a)| a == action).map(|(k, _)| k).collect();
            for (n, keys) in bound.iter().enumerate() {
                let line = format!("{} = {}", quoted(&config_sequence(keys)), quoted(action.name()));
                if n == 0 {
                    out.push_str(&format!("{line:<32} # {}\n", action.description()));
                } else {
                    out.push_str(&format!("{line}\n"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_round_trips_through_its_config_spelling() {
        let keymap = Keymap::defaults();
        for mode in Mode::ALL {
            for (keys, _) in keymap.bindings(mode) {
                let written = config_sequence(keys);
                let back: Vec<Key> = parse_sequence(&written).unwrap().into_iter().map(Key::normalized).collect();
                assert_eq!(back, keys, "{written}");
            }
        }
    }

    /// The shipped default config lists every default binding exactly as `keys_toml` writes it;
    /// when a default changes, the failure message is the table to paste into the asset.
    #[test]
    fn the_default_config_lists_every_default_binding() {
        let table = keys_toml(&Keymap::defaults());
        let missing: Vec<&str> =
            table.lines().filter(|l| !l.trim().is_empty() && !crate::config::DEFAULT_CONFIG.contains(l)).collect();
        assert!(
            missing.is_empty(),
            "assets/default-config.toml is out of date; missing {missing:#?}\nfull table:\n{table}"
        );
    }
}
