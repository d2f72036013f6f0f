//! The config file as written: every field optional, unknown fields refused, spans kept so that
//! checks after parsing (ranges, names, styles, bindings) point at the right line and column.
//! [`RawConfig::resolve`] checks everything and merges it over the defaults.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::error::{ConfigError, unknown};
use super::keys::{self, RawBindings};
use super::style::parse_style;
use super::{AmbiguousSetting, ColorMode, Config, Doc, LIST_WIDTH_RANGE, MAX_FILE_MB_RANGE};
use crate::keymap::Mode;
use crate::view::theme::STYLE_NAMES;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    library: Option<Vec<Spanned<String>>>,
    ambiguous_width: Option<Spanned<String>>,
    /// A number of columns or "auto".
    list_width: Option<Spanned<toml::Value>>,
    kana_fold: Option<bool>,
    list_files: Option<bool>,
    sort: Option<Spanned<String>>,
    max_file_mb: Option<Spanned<i64>>,
    mouse: Option<bool>,
    citation: Option<Spanned<String>>,
    kokkai_url: Option<Spanned<String>>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    keys: Option<RawKeys>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    reader: Option<RawBindings>,
    list: Option<RawBindings>,
    prompt: Option<RawBindings>,
    picker: Option<RawBindings>,
    overlay: Option<RawBindings>,
}

/// The `[theme]` entry that is not a style.
const COLORS: &str = "colors";

impl RawConfig {
    /// Checks every setting and merges them over the defaults.
    pub(super) fn resolve(self, doc: &Doc<'_>) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        if let Some(library) = self.library {
            config.library = library.iter().map(|dir| library_path(dir, doc)).collect::<Result<_, _>>()?;
        }
        if let Some(value) = self.ambiguous_width {
            let choices = [
                ("narrow", AmbiguousSetting::Narrow),
                ("wide", AmbiguousSetting::Wide),
                ("auto", AmbiguousSetting::Auto),
            ];
            config.ambiguous = choose(&value, "ambiguous_width", &choices, doc)?;
        }
        if let Some(value) = self.list_width {
            config.list_width = match value.get_ref() {
                toml::Value::Integer(n) => {
                    let n = Spanned::new(value.span(), *n);
                    in_range(&n, LIST_WIDTH_RANGE, "list_width", "columns", doc)? as u16
                }
                toml::Value::String(s) if s == "auto" => 0,
                _ => {
                    return Err(doc.error(
                        value.span(),
                        format!(
                            "list_width: a number of columns ({} to {}) or \"auto\" (follows the terminal's width)",
                            LIST_WIDTH_RANGE.start(),
                            LIST_WIDTH_RANGE.end()
                        ),
                    ));
                }
            };
        }
        if let Some(kana_fold) = self.kana_fold {
            config.kana_fold = kana_fold;
        }
        if let Some(list_files) = self.list_files {
            config.list_files = list_files;
        }
        if let Some(value) = self.sort {
            config.newest_first = choose(&value, "sort", &[("newest_first", true), ("oldest_first", false)], doc)?;
        }
        if let Some(mouse) = self.mouse {
            config.mouse = mouse;
        }
        if let Some(template) = self.citation {
            let unknown = crate::app::citation::unknown_placeholders(template.get_ref());
            if let Some(name) = unknown.first() {
                let valid: Vec<String> =
                    crate::app::citation::PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect();
                return Err(doc.error(
                    template.span(),
                    format!("citation: unknown placeholder {{{name}}}; valid placeholders: {}", valid.join(", ")),
                ));
            }
            config.citation = template.into_inner();
        }
        if let Some(value) = self.max_file_mb {
            let mb = in_range(&value, MAX_FILE_MB_RANGE, "max_file_mb", "MB", doc)? as u64;
            config.max_file_bytes = mb * 1024 * 1024;
        }
        if let Some(url) = self.kokkai_url {
            let text = url.get_ref().trim();
            if !(text.starts_with("http://") || text.starts_with("https://")) {
                return Err(doc.error(
                    url.span(),
                    "kokkai_url: an http:// or https:// URL, such as \"https://kokkai.ndl.go.jp/api\"",
                ));
            }
            config.kokkai_url = text.trim_end_matches('/').to_owned();
        }
        if let Some(theme) = self.theme {
            resolve_theme(&mut config, &theme, doc)?;
        }
        if let Some(tables) = self.keys {
            let modes = [
                (Mode::Reader, tables.reader),
                (Mode::List, tables.list),
                (Mode::Prompt, tables.prompt),
                (Mode::Picker, tables.picker),
                (Mode::Overlay, tables.overlay),
            ];
            for (mode, table) in modes {
                if let Some(table) = table {
                    keys::apply(&mut config.keymap, mode, &table, doc)?;
                }
            }
        }
        Ok(config)
    }
}

/// `~/minutes` under the home directory; relative paths from the config file's directory.
fn library_path(dir: &Spanned<String>, doc: &Doc<'_>) -> Result<PathBuf, ConfigError> {
    let text = dir.get_ref().trim();
    if text.is_empty() {
        return Err(doc.error(dir.span(), "an empty library path; give a directory such as \"~/minutes\""));
    }
    if text == "~" || text.starts_with("~/") {
        let Some(home) = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf()) else {
            return Err(doc.error(dir.span(), "\"~\" needs a home directory, and none is known (HOME is not set)"));
        };
        return Ok(home.join(text.trim_start_matches('~').trim_start_matches('/')));
    }
    if text.starts_with('~') {
        return Err(doc.error(dir.span(), "only \"~/\" is expanded (not \"~user/\"); write the full path"));
    }
    Ok(doc.base_dir().join(text))
}

/// One of a fixed set of words.
fn choose<T: Copy>(
    value: &Spanned<String>,
    setting: &str,
    choices: &[(&str, T)],
    doc: &Doc<'_>,
) -> Result<T, ConfigError> {
    let word = value.get_ref().trim();
    choices.iter().find(|(name, _)| *name == word).map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        doc.error(value.span(), unknown(&format!("value for {setting}"), "values", word, &names))
    })
}

fn in_range(
    value: &Spanned<i64>,
    range: std::ops::RangeInclusive<i64>,
    setting: &str,
    unit: &str,
    doc: &Doc<'_>,
) -> Result<i64, ConfigError> {
    let n = *value.get_ref();
    if range.contains(&n) {
        return Ok(n);
    }
    Err(doc.error(
        value.span(),
        format!("{setting} = {n} is out of range: valid values are {} to {} ({unit})", range.start(), range.end()),
    ))
}

fn resolve_theme(
    config: &mut Config,
    theme: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    doc: &Doc<'_>,
) -> Result<(), ConfigError> {
    let mut entries: Vec<_> = theme.iter().collect();
    entries.sort_by_key(|(name, _)| name.span().start);
    for (name, value) in entries {
        if name.get_ref() == COLORS {
            config.colors = colors(value, doc)?;
            continue;
        }
        let Some(style) = config.theme.style_mut(name.get_ref()) else {
            let mut choices: Vec<&str> = STYLE_NAMES.to_vec();
            choices.push(COLORS);
            return Err(doc.error(name.span(), unknown("theme entry", "theme entries", name.get_ref(), &choices)));
        };
        let toml::Value::String(text) = value.get_ref() else {
            return Err(doc.error(
                value.span(),
                format!(
                    "invalid type: {}, expected a style string such as \"bold yellow on blue\"",
                    value.get_ref().type_str()
                ),
            ));
        };
        *style = parse_style(text).map_err(|err| {
            let span = value.span();
            let start = if doc.is_plain_string(span.clone(), text) { span.start + 1 + err.offset } else { span.start };
            doc.error(start..span.end, err.message)
        })?;
    }
    Ok(())
}

/// `colors = "auto" | "16" | "none"`; a bare `16` is accepted too.
fn colors(value: &Spanned<toml::Value>, doc: &Doc<'_>) -> Result<ColorMode, ConfigError> {
    let word = match value.get_ref() {
        toml::Value::String(s) => s.trim().to_owned(),
        toml::Value::Integer(n) => n.to_string(),
        other => other.to_string(),
    };
    let choices = [("auto", ColorMode::Auto), ("16", ColorMode::Ansi16), ("none", ColorMode::None)];
    let spanned = Spanned::new(value.span(), word);
    choose(&spanned, COLORS, &choices, doc)
}
