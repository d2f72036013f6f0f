//! The command line: clap definitions and dispatch. With no subcommand it opens the reader;
//! the subcommands are Unix tools that share the reader's parser, breaker and search.

pub mod completions;
pub mod config;
pub mod fold;
pub mod index;
pub mod json;
pub mod kokkai;
pub mod plain;
pub mod print;
pub mod search;
pub mod stdout;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::width::AmbiguousWidth;

#[derive(Debug, Parser)]
#[command(
    name = "gijiroku",
    version,
    propagate_version = true,
    about = "A terminal reader for meeting minutes (議事録)",
    long_about = "A terminal reader for meeting minutes (議事録): committee summaries, verbatim assembly \
minutes, colon and Markdown notes, and the Diet minutes API's JSON. With no subcommand it opens the \
reader on FILEs and DIRs (searched recursively), or on the configured library, or on built-in samples."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Minutes files or directories to open in the reader.
    pub paths: Vec<PathBuf>,
    /// Also accepted before a subcommand (`gijiroku --config X print FILE`).
    #[command(flatten)]
    pub global: CommonArgs,
}

/// The settings the reader and the text subcommands share. Not `global`: `man` and
/// `completions` have no use for them, and their help must not list them.
#[derive(Clone, Debug, Default, Args)]
pub struct CommonArgs {
    /// Ambiguous-width characters (○ ※ ① ─ …): narrow (1 column) or wide (2); default: the
    /// config's ambiguous_width.
    #[arg(long, value_enum)]
    pub ambiguous: Option<AmbiguousArg>,
    /// The config file (default: $GIJIROKU_CONFIG, else the platform config directory's
    /// gijiroku/config.toml; see `gijiroku config --path`).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

impl CommonArgs {
    /// These flags, the ones given before the subcommand filling in.
    fn or(&self, outer: &CommonArgs) -> CommonArgs {
        CommonArgs {
            ambiguous: self.ambiguous.or(outer.ambiguous),
            config: self.config.clone().or_else(|| outer.config.clone()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AmbiguousArg {
    Narrow,
    Wide,
}

impl From<AmbiguousArg> for AmbiguousWidth {
    fn from(arg: AmbiguousArg) -> Self {
        match arg {
            AmbiguousArg::Narrow => AmbiguousWidth::Narrow,
            AmbiguousArg::Wide => AmbiguousWidth::Wide,
        }
    }
}

/// `print`'s arguments with the shared settings.
#[derive(Debug, Args)]
pub struct PrintCommand {
    #[command(flatten)]
    pub args: print::PrintArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `fold`'s arguments with the shared settings.
#[derive(Debug, Args)]
pub struct FoldCommand {
    #[command(flatten)]
    pub args: fold::FoldArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `search`'s arguments with the shared settings.
#[derive(Debug, Args)]
pub struct SearchCommand {
    #[command(flatten)]
    pub args: search::SearchArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `index`'s arguments with the shared settings (the config's library and size limit).
#[derive(Debug, Args)]
pub struct IndexCommand {
    #[command(flatten)]
    pub args: index::IndexArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `config`'s arguments with `--config` (the file `--path` and `--check` look at).
#[derive(Debug, Args)]
pub struct ConfigCommand {
    #[command(flatten)]
    pub args: config::ConfigArgs,
    /// The config file to describe or check (as the reader would read it).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// `kokkai`'s arguments with `--config` (for `kokkai_url`).
#[derive(Debug, Args)]
pub struct KokkaiCommand {
    #[command(flatten)]
    pub args: kokkai::KokkaiArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a meeting as text (wrapped as the reader wraps it) or as JSON.
    Print(PrintCommand),
    /// Wrap stdin with the reader's Japanese line breaker, one output line per display row.
    Fold(FoldCommand),
    /// Search minutes for a pattern (width, case, kana and PDF-space folding), like grep.
    Search(SearchCommand),
    /// Build or update the library's search index (used by `search` and the reader's list search).
    Index(IndexCommand),
    /// Print the default config, where the config is read from, or check a config file.
    Config(ConfigCommand),
    /// Search the Diet minutes API (kokkai.ndl.go.jp): list, download and cache meetings.
    Kokkai(KokkaiCommand),
    /// Print a shell completion script (bash, zsh, fish, …).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Exit codes shared by the subcommands (grep's convention for `search`).
pub mod exit {
    pub(crate) const OK: u8 = 0;
    pub(crate) const NOT_FOUND: u8 = 1;
    pub(crate) const ERROR: u8 = 2;
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outer = &cli.global;
    match cli.command {
        Some(Command::Print(with)) => match settings(&with.common.or(outer)) {
            Ok(settings) => print::run(&with.args, &settings),
            Err(code) => code,
        },
        Some(Command::Fold(with)) => match settings(&with.common.or(outer)) {
            Ok(settings) => fold::run(&with.args, &settings),
            Err(code) => code,
        },
        Some(Command::Search(with)) => match settings(&with.common.or(outer)) {
            Ok(settings) => search::run(&with.args, &settings),
            Err(code) => code,
        },
        Some(Command::Index(with)) => match settings(&with.common.or(outer)) {
            Ok(settings) => index::run(&with.args, &settings),
            Err(code) => code,
        },
        Some(Command::Config(command)) => {
            config::run(&command.args, command.config.as_deref().or(outer.config.as_deref()))
        }
        Some(Command::Kokkai(with)) => kokkai::run(&with.args, &with.common.or(outer)),
        Some(Command::Completions(args)) => completions::run(&args),
        Some(Command::Man) => completions::man(),
        None => run_reader(cli.paths, outer.ambiguous.map(AmbiguousWidth::from), outer.config.as_deref(), None),
    }
}

/// What the text subcommands take from the config, the command line's flags winning: the same
/// file, the same checks and the same meaning as for the reader, so that `fold` gives exactly
/// the reader's rows.
#[derive(Clone, Debug)]
pub struct Settings {
    pub ambiguous: AmbiguousWidth,
    pub kana_fold: bool,
    pub max_file_bytes: u64,
    /// The configured library (`library = [...]`): what `index` indexes when given no path.
    pub library: Vec<PathBuf>,
}

/// Reads the config as the reader does; a broken config is reported (file, line, column) and
/// gives exit status 2, as it does for the reader. `ambiguous_width = "auto"` means narrow here:
/// there is no terminal to ask.
pub fn settings(flags: &CommonArgs) -> Result<Settings, ExitCode> {
    let loaded = match crate::config::load(flags.config.as_deref()) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            eprintln!("gijiroku: the config file has an error; `gijiroku config --default` shows every setting");
            return Err(ExitCode::from(exit::ERROR));
        }
    };
    let config = &loaded.config;
    let ambiguous = match (flags.ambiguous, config.ambiguous()) {
        (Some(flag), _) => flag.into(),
        (None, crate::config::AmbiguousSetting::Wide) => AmbiguousWidth::Wide,
        (None, _) => AmbiguousWidth::Narrow,
    };
    let mut options = crate::app::Options::default();
    let mut theme = crate::view::theme::Theme::default();
    config.apply(&mut options, &mut theme);
    Ok(Settings {
        ambiguous,
        kana_fold: options.kana_fold,
        max_file_bytes: config.max_file_bytes(),
        library: config.library_dirs().to_vec(),
    })
}

/// The narrowest `--width` the text commands accept: below it no label or word has room.
pub(crate) const MIN_WIDTH: usize = 10;

/// Parses `--width`: a number of columns, at least [`MIN_WIDTH`] (clap's own message for `-5`
/// suggested `-- -5`, which only made it a file name).
pub(crate) fn parse_width(text: &str) -> Result<usize, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if n >= MIN_WIDTH as i64 => Ok(n as usize),
        Ok(n) => Err(format!("{n} columns is too narrow; the width must be at least {MIN_WIDTH}")),
        Err(_) => Err(format!("`{text}` is not a number of columns (at least {MIN_WIDTH})")),
    }
}

/// Opens the reader: config first (a bad one stops start-up with its file, line and column,
/// even without a terminal), then the terminal. `remote`: `gijiroku kokkai`'s search, listed
/// instead of `paths`' files.
fn run_reader(
    paths: Vec<PathBuf>,
    ambiguous: Option<AmbiguousWidth>,
    config_path: Option<&Path>,
    remote: Option<crate::kokkai::remote::Remote>,
) -> ExitCode {
    // Before any file is read: a signal from now on is never swallowed (see `runtime::signals`).
    if let Err(err) = crate::runtime::signals::install() {
        eprintln!("gijiroku: cannot handle signals: {err}");
        return ExitCode::from(exit::ERROR);
    }
    let loaded = match crate::config::load(config_path) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            eprintln!("gijiroku: the config file has an error; `gijiroku config --default` shows every setting");
            return ExitCode::from(exit::ERROR);
        }
    };
    let config = &loaded.config;
    // Minutes piped in with no path are read as `-`; keys then come from the terminal itself
    // (/dev/tty), as less reads them.
    let paths = if paths.is_empty() && crate::library::stdin_has_data() { vec![PathBuf::from("-")] } else { paths };
    if std::io::stdout().is_terminal() && plain::is_dumb_terminal() {
        let ambiguous = ambiguous.unwrap_or_default();
        let paths = if paths.is_empty() { config.library_dirs().to_vec() } else { paths };
        return plain::print_instead(&paths, ambiguous, config.max_file_bytes());
    }
    let reads_stdin = paths.iter().any(|p| crate::library::is_stdin(p));
    let keyboard = std::io::stdin().is_terminal() || (reads_stdin && std::fs::File::open("/dev/tty").is_ok());
    if !std::io::stdout().is_terminal() || !keyboard {
        eprintln!("gijiroku: the reader needs a terminal; use `gijiroku print FILE` to print minutes");
        return ExitCode::from(exit::ERROR);
    }
    let mut app = crate::app::Options::default();
    let mut theme = crate::view::theme::Theme::default();
    config.apply(&mut app, &mut theme);
    let probe_ambiguous = ambiguous.is_none() && config.ambiguous() == crate::config::AmbiguousSetting::Auto;
    if let Some(ambiguous) = ambiguous {
        app.ambiguous = ambiguous;
    }
    theme.ascii_borders = app.ambiguous == AmbiguousWidth::Wide;
    // No path: the configured library, else (empty) the built-in samples.
    let paths = if paths.is_empty() { config.library_dirs().to_vec() } else { paths };
    let options = crate::runtime::RunOptions {
        paths,
        app,
        theme,
        max_file_bytes: config.max_file_bytes(),
        probe_ambiguous,
        state: None,
        remote,
    };
    match crate::runtime::run(options) {
        Ok(None) => ExitCode::SUCCESS,
        // Ended by a signal, after restoring the terminal: 128 + the signal, as shells expect.
        Ok(Some(signal)) => ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(0))),
        Err(err) if err.is::<crate::runtime::start::NothingToRead>() => {
            // One line per path, as `less` names a missing file; the screen was never taken.
            for line in err.to_string().lines() {
                eprintln!("gijiroku: {line}");
            }
            ExitCode::from(exit::ERROR)
        }
        Err(err) => {
            eprintln!("gijiroku: {err}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The terminal's width when stdout is one, else `fallback`.
pub(crate) fn output_width(fallback: usize) -> usize {
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map(|(w, _)| w as usize).unwrap_or(fallback)
    } else {
        fallback
    }
}
