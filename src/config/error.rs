//! Config errors: every problem carries the file and, when it is in the text, the line and
//! column, so that the message reads `PATH:LINE:COLUMN: message` like a compiler's and an editor
//! can jump to it. Also the "did you mean" suggestion shared by every kind of unknown name.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::core::sanitize::escape::{visible, visible_path};
use crate::view::theme::STYLE_NAMES;

/// A config file that cannot be used; nothing of it is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (in characters) of the problem, when it is in the text.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl ConfigError {
    /// An error about the file as a whole (it cannot be read).
    pub fn file(path: &Path, message: impl Into<String>) -> ConfigError {
        ConfigError { path: path.to_path_buf(), position: None, message: message.into() }
    }

    /// An error at a byte range of `text`.
    pub fn at(path: &Path, text: &str, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError { path: path.to_path_buf(), position: Some(line_column(text, span.start)), message: message.into() }
    }

    pub fn line(&self) -> Option<usize> {
        self.position.map(|(line, _)| line)
    }

    pub fn column(&self) -> Option<usize> {
        self.position.map(|(_, column)| column)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message may quote strings decoded from the TOML (`"\u001b"` is an ESC there): both it
        // and the path reach the terminal only through the one escaping function.
        let (path, message) = (visible_path(&self.path), visible(&self.message));
        match self.position {
            Some((line, column)) => write!(f, "{path}:{line}:{column}: {message}"),
            None => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and column of byte `offset`; the column counts characters, as editors do.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The closest of `choices` to a mistyped `name`, if it is close enough to be a typo.
/// A typo is a few edits away; a shortened or lengthened name (`newest`, `quit_app`) shares a
/// prefix of three characters or more.
pub(crate) fn suggest<'a>(name: &str, choices: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    let prefix = |choice: &str| {
        let (short, long) = if choice.len() < name.len() { (choice, name.as_str()) } else { (name.as_str(), choice) };
        // A shortened name, or a misspelt one that starts like the choice (`ambiguos` for
        // `ambiguous_width`).
        let shared = short.chars().zip(long.chars()).take_while(|(a, b)| a == b).count();
        (short.chars().count() >= 3 && long.starts_with(short)) || shared >= 5
    };
    choices
        .into_iter()
        .map(|choice| (distance(&name, choice), choice))
        .filter(|(d, choice)| *d <= limit || prefix(choice))
        .min_by_key(|(d, _)| *d)
        .map(|(_, choice)| choice)
}

/// `unknown WHAT "name"; did you mean "x"? valid WHATs: a, b, c`.
pub fn unknown(what: &str, plural: &str, name: &str, choices: &[&str]) -> String {
    let hint = suggest(name, choices.iter().copied()).map(|best| format!("did you mean \"{best}\"?"));
    unknown_with_hint(what, plural, name, choices, hint)
}

fn unknown_with_hint(what: &str, plural: &str, name: &str, choices: &[&str], hint: Option<String>) -> String {
    match hint {
        Some(hint) => format!("unknown {what} \"{name}\"; {hint} valid {plural}: {}", choices.join(", ")),
        None => format!("unknown {what} \"{name}\"; valid {plural}: {}", choices.join(", ")),
    }
}

/// Rewords serde's messages in the config's terms: unknown fields get a suggestion and the list
/// of valid settings, Rust type names become TOML ones.
pub(crate) fn reword_serde_message(message: &str) -> String {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        // "unknown field `x`, expected one of `a`, `b`" or "expected `a`".
        let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if let Some((name, choices)) = names.split_first() {
            let mut hint = suggest(name, choices.iter().copied()).map(|best| format!("did you mean \"{best}\"?"));
            if hint.is_none() && choices.contains(&"theme") {
                // A theme entry written at the top level, before any [theme] line.
                let mut theme_entries = STYLE_NAMES.to_vec();
                theme_entries.push("colors");
                hint = suggest(name, theme_entries).map(|best| format!("did you mean \"{best}\" under [theme]?"));
            }
            return unknown_with_hint("setting", "settings here", name, choices, hint);
        }
    }
    let mut message = message.to_owned();
    for (rust, toml) in [
        ("expected i64", "expected an integer"),
        ("expected u64", "expected an integer"),
        ("expected u16", "expected an integer"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("invalid type: map", "invalid type: table"),
        ("invalid type: sequence", "invalid type: array"),
        ("expected struct", "expected a table, not"),
        ("expected a boolean", "expected a boolean (true or false)"),
    ] {
        message = message.replace(rust, toml);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_in_characters() {
        let text = "a = 1\n議事 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 4));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let choices = ["half_page_down", "half_page_up", "page_down"];
        assert_eq!(suggest("half_pagedown", choices), Some("half_page_down"));
        assert_eq!(suggest("zzz", choices), None);
        assert_eq!(suggest("newest", ["newest_first", "oldest_first"]), Some("newest_first"));
        assert_eq!(suggest("quit_app", ["quit", "help"]), Some("quit"));
        assert_eq!(suggest("qu", ["quit", "help"]), None);
        assert_eq!(suggest("ambiguos", ["library", "ambiguous_width", "list_width"]), Some("ambiguous_width"));
        assert_eq!(suggest("list", ["library", "ambiguous_width"]), None);
    }

    #[test]
    fn unknown_fields_are_reworded() {
        let message = reword_serde_message("unknown field `colour`, expected one of `colors`, `sort`");
        assert_eq!(message, "unknown setting \"colour\"; did you mean \"colors\"? valid settings here: colors, sort");
        let message = reword_serde_message("unknown field `colors`, expected one of `theme`, `sort`");
        assert!(message.contains("did you mean \"colors\" under [theme]?"), "{message}");
    }
}
