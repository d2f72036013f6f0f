//! The config file (TOML): where it is, what it may say, and what it changes.
//!
//! The file is read whole into raw structs (every field optional, unknown fields refused), then
//! checked and merged over the defaults into a [`Config`]; any problem is one [`ConfigError`]
//! with the file, line and column, and then nothing of the file applies — never a half-read
//! config. The complete default file is [`DEFAULT_CONFIG`] (assets/default-config.toml).

pub mod error;
pub mod keys;
mod raw;
pub mod style;

use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};

pub use error::ConfigError;
use style::{ColorDepth, downgrade_style};

use crate::app::Options;
use crate::core::width::AmbiguousWidth;
use crate::keymap::Keymap;
use crate::view::theme::{STYLE_NAMES, Theme};

/// The complete default config, with a comment on every setting (`gijiroku config --default`).
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

/// The environment variable naming a config file (after `--config`, before the default place).
pub(crate) const ENV_VAR: &str = "GIJIROKU_CONFIG";

/// Columns the list pane may take: narrower shows no titles, wider leaves no reader.
pub(crate) const LIST_WIDTH_RANGE: RangeInclusive<i64> = 12..=80;

/// The file size limit in MB; above a few GB a meeting would not fit in memory anyway.
pub(crate) const MAX_FILE_MB_RANGE: RangeInclusive<i64> = 1..=4096;

/// `ambiguous_width`: how the terminal draws ○ ※ ① ─, or `auto` to ask it at start-up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AmbiguousSetting {
    #[default]
    Narrow,
    Wide,
    Auto,
}

/// `[theme] colors`: how many colours to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorMode {
    /// As many as the terminal says it has (`COLORTERM`, `TERM`), at least 16.
    #[default]
    Auto,
    /// The 16 ANSI colours only: other colours become the nearest of them.
    Ansi16,
    /// No colours, attributes only (as with `NO_COLOR`).
    None,
}

/// The settings, merged over the defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    library: Vec<PathBuf>,
    ambiguous: AmbiguousSetting,
    list_width: u16,
    list_files: bool,
    kana_fold: bool,
    newest_first: bool,
    mouse: bool,
    citation: String,
    max_file_bytes: u64,
    /// The Diet minutes API's base URL (`gijiroku kokkai`).
    kokkai_url: String,
    colors: ColorMode,
    /// The full-colour theme with the file's styles.
    theme: Theme,
    keymap: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        let options = Options::default();
        Config {
            library: Vec::new(),
            ambiguous: AmbiguousSetting::Narrow,
            list_width: options.list_width,
            list_files: options.list_files,
            kana_fold: options.kana_fold,
            newest_first: options.newest_first,
            mouse: options.mouse,
            citation: options.citation,
            max_file_bytes: crate::library::DEFAULT_MAX_FILE_BYTES,
            kokkai_url: crate::kokkai::DEFAULT_BASE_URL.to_owned(),
            colors: ColorMode::Auto,
            theme: Theme::default(),
            keymap: options.keymap,
        }
    }
}

/// What the terminal's environment says about colours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermEnv {
    /// `NO_COLOR` is set and not empty (<https://no-color.org>).
    pub no_color: bool,
    pub term: Option<String>,
    pub colorterm: Option<String>,
}

impl TermEnv {
    pub(crate) fn from_process() -> TermEnv {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        TermEnv { no_color: var("NO_COLOR").is_some(), term: var("TERM"), colorterm: var("COLORTERM") }
    }
}

impl Config {
    /// Directories (and files) the reader opens when no path is given; empty for the samples.
    pub fn library_dirs(&self) -> &[PathBuf] {
        &self.library
    }

    pub fn ambiguous(&self) -> AmbiguousSetting {
        self.ambiguous
    }

    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes
    }

    pub fn kokkai_url(&self) -> &str {
        &self.kokkai_url
    }

    pub fn color_mode(&self) -> ColorMode {
        self.colors
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The theme as written, before any colour fallback.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Sets what the config says in `options` and `theme`. An `auto` ambiguous width leaves
    /// `options.ambiguous` alone (the caller asks the terminal), and `theme.ascii_borders` is
    /// kept: it follows the ambiguous width once that is known.
    pub fn apply(&self, options: &mut Options, theme: &mut Theme) {
        match self.ambiguous {
            AmbiguousSetting::Narrow => options.ambiguous = AmbiguousWidth::Narrow,
            AmbiguousSetting::Wide => options.ambiguous = AmbiguousWidth::Wide,
            AmbiguousSetting::Auto => {}
        }
        options.list_width = self.list_width;
        options.list_files = self.list_files;
        options.kana_fold = self.kana_fold;
        options.newest_first = self.newest_first;
        options.mouse = self.mouse;
        options.citation = self.citation.clone();
        options.keymap = self.keymap.clone();
        let ascii_borders = theme.ascii_borders;
        *theme = self.theme_for(self.color_depth(&TermEnv::from_process()));
        theme.ascii_borders = ascii_borders;
    }

    /// How many colours to draw with, from the `colors` setting and the environment.
    pub(crate) fn color_depth(&self, env: &TermEnv) -> ColorDepth {
        if env.no_color || self.colors == ColorMode::None {
            return ColorDepth::Mono;
        }
        if self.colors == ColorMode::Ansi16 {
            return ColorDepth::Ansi16;
        }
        let colorterm = env.colorterm.as_deref().unwrap_or("").to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            ColorDepth::TrueColor
        } else if env.term.as_deref().is_some_and(|t| t.contains("256color")) {
            ColorDepth::Indexed256
        } else {
            ColorDepth::Ansi16
        }
    }

    /// The theme brought within `depth`. In monochrome, styles the file left alone are the
    /// default monochrome ones, and hits always stay visible.
    pub fn theme_for(&self, depth: ColorDepth) -> Theme {
        let mut theme = if depth == ColorDepth::Mono { Theme::monochrome() } else { self.theme.clone() };
        let mut written = self.theme.clone();
        let mut defaults = Theme::default();
        for name in STYLE_NAMES {
            let (Some(style), Some(own), Some(default)) =
                (theme.style_mut(name), written.style_mut(name), defaults.style_mut(name))
            else {
                continue;
            };
            if depth != ColorDepth::Mono {
                *style = downgrade_style(*style, depth);
            } else if own != default {
                let stripped = downgrade_style(*own, depth);
                let invisible = stripped.add_modifier.is_empty() && matches!(*name, "hit" | "current_hit");
                if !invisible {
                    *style = stripped;
                }
            }
        }
        theme
    }
}

/// Where the config was looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--config PATH`.
    Flag,
    /// The `GIJIROKU_CONFIG` environment variable.
    Env,
    /// The platform config directory.
    Default,
}

/// The config file's place, and why it is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// `None` when there is no home directory to find a config directory in.
    pub path: Option<PathBuf>,
    pub origin: Origin,
}

impl Location {
    /// Why this file: for `config --path` and error messages.
    pub fn describe(&self) -> &'static str {
        match self.origin {
            Origin::Flag => "named by --config",
            Origin::Env => "named by GIJIROKU_CONFIG",
            Origin::Default => "the default place",
        }
    }
}

/// The platform's config file: `$XDG_CONFIG_HOME/gijiroku/config.toml` on Linux.
pub(crate) fn default_path() -> Option<PathBuf> {
    crate::dirs::config_dir().map(|dir| dir.join("config.toml"))
}

/// Finds the config file: `--config`, else `GIJIROKU_CONFIG`, else the platform's place.
pub(crate) fn locate(explicit: Option<&Path>) -> Location {
    if let Some(path) = explicit {
        return Location { path: Some(path.to_path_buf()), origin: Origin::Flag };
    }
    if let Some(path) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Location { path: Some(PathBuf::from(path)), origin: Origin::Env };
    }
    Location { path: default_path(), origin: Origin::Default }
}

/// A config and the file it came from (`None`: no file, the defaults).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    pub source: Option<PathBuf>,
}

/// Loads the config. A missing file at the default place means the defaults; a missing file
/// named by `--config` or `GIJIROKU_CONFIG` is an error.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    let location = locate(explicit);
    let Some(path) = location.path.clone() else {
        return Ok(Loaded { config: Config::default(), source: None });
    };
    match read(&path) {
        Ok(text) => Ok(Loaded { config: parse(&text, &path)?, source: Some(path) }),
        Err(ReadError::Refused(refusal)) if refusal.is_not_found() && location.origin == Origin::Default => {
            Ok(Loaded { config: Config::default(), source: None })
        }
        Err(err) => Err(err.into_config_error(&path, Some(&location))),
    }
}

/// Reads and checks one file (for `config --check PATH`).
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let text = read(path).map_err(|err| err.into_config_error(path, None))?;
    parse(&text, path)
}

enum ReadError {
    Refused(crate::library::read::Refusal),
    /// Line and column of the first byte that is not UTF-8.
    NotUtf8(usize, usize),
}

impl ReadError {
    fn into_config_error(self, path: &Path, location: Option<&Location>) -> ConfigError {
        match self {
            ReadError::NotUtf8(line, column) => ConfigError {
                path: path.to_path_buf(),
                position: Some((line, column)),
                message: "not UTF-8 text (TOML files are UTF-8)".into(),
            },
            ReadError::Refused(refusal) => {
                let why = location.map(|l| format!(" ({})", l.describe())).unwrap_or_default();
                let reason = refusal.message();
                ConfigError::file(path, format!("cannot read the config file{why}: {reason}"))
            }
        }
    }
}

/// A config larger than this is refused: the complete default config is a few KB, and
/// `config --check /dev/zero` or a runaway file must not read until memory runs out.
pub(crate) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the config: a regular file only (a FIFO in its place would block for ever), opened
/// without blocking, at most [`MAX_CONFIG_BYTES`].
fn read(path: &Path) -> Result<String, ReadError> {
    let bytes = crate::library::read::read_regular(path, MAX_CONFIG_BYTES).map_err(ReadError::Refused)?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.into_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let (line, column) = error::line_column(&before, before.len());
        ReadError::NotUtf8(line, column)
    })
}

/// Parses config text; `path` names it in errors and anchors relative library paths.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let doc = Doc { path, text };
    let raw: raw::RawConfig = toml::from_str(text).map_err(|err| doc.toml_error(&err))?;
    raw.resolve(&doc)
}

/// The text being parsed, to turn byte spans into located errors.
pub(crate) struct Doc<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Doc<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.path, self.text, span, message)
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        error::line_column(self.text, offset)
    }

    fn toml_error(&self, err: &toml::de::Error) -> ConfigError {
        let span = err.span().unwrap_or(0..0);
        let mut message = error::reword_serde_message(err.message());
        if message.starts_with("invalid type")
            && let Some(key) = self.key_before(span.start)
        {
            message = format!("{key}: {message}");
        }
        self.error(span, message)
    }

    /// The key of the `key = value` line that `offset` is in the value of, or the name of the
    /// `[table]` header at `offset` (a setting written as a table by mistake).
    fn key_before(&self, offset: usize) -> Option<&str> {
        let before = self.text.get(..offset)?;
        let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
        if line.trim().is_empty()
            && let Some(header) = self.text.get(offset..).and_then(|rest| rest.lines().next())
            && let Some(name) = header.trim().strip_prefix('[').and_then(|h| h.split(']').next())
        {
            let name = name.trim().trim_matches('"');
            return (!name.is_empty() && !name.starts_with('[')).then_some(name);
        }
        let (key, _) = line.split_once('=')?;
        let key = key.trim().trim_matches('"').trim_matches('\'');
        (!key.is_empty()).then_some(key)
    }

    /// Whether `span` holds `value` written as a plain quoted string (no escapes), so that an
    /// offset inside the value is an offset inside the file.
    fn is_plain_string(&self, span: Range<usize>, value: &str) -> bool {
        self.text.get(span).is_some_and(|written| {
            written.len() == value.len() + 2
                && (written.starts_with('"') || written.starts_with('\''))
                && &written[1..written.len() - 1] == value
        })
    }

    /// The directory relative library paths start from.
    fn base_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_depth_follows_the_environment() {
        let config = Config::default();
        let env = |colorterm: Option<&str>, term: Option<&str>, no_color| TermEnv {
            no_color,
            term: term.map(str::to_owned),
            colorterm: colorterm.map(str::to_owned),
        };
        assert_eq!(config.color_depth(&env(Some("truecolor"), None, false)), ColorDepth::TrueColor);
        assert_eq!(config.color_depth(&env(None, Some("xterm-256color"), false)), ColorDepth::Indexed256);
        assert_eq!(config.color_depth(&env(None, Some("vt100"), false)), ColorDepth::Ansi16);
        assert_eq!(config.color_depth(&env(Some("truecolor"), None, true)), ColorDepth::Mono);
    }

    #[test]
    fn monochrome_of_the_default_theme_is_the_monochrome_theme() {
        assert_eq!(Config::default().theme_for(ColorDepth::Mono), Theme::monochrome());
        assert_eq!(Config::default().theme_for(ColorDepth::Ansi16), Theme::default());
    }
}
