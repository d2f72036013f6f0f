//! The command line: clap definitions and dispatch. With no subcommand it opens the reader;
//! the subcommands are Unix tools that share the reader's parser, breaker and search.

pub mod completions;
pub mod config;
pub mod fold;
pub mod json;
pub mod print;
pub mod search;

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
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Ambiguous-width characters (○ ※ ① ─ …): narrow (1 column) or wide (2).
    #[arg(long, value_enum, global = true)]
    pub ambiguous: Option<AmbiguousArg>,
    /// The config file (default: $GIJIROKU_CONFIG, else the platform config directory's
    /// gijiroku/config.toml; see `gijiroku config --path`).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a meeting as text (wrapped as the reader wraps it) or as JSON.
    Print(print::PrintArgs),
    /// Wrap stdin with the reader's Japanese line breaker, one output line per display row.
    Fold(fold::FoldArgs),
    /// Search minutes for a pattern (width, case, kana and PDF-space folding), like grep.
    Search(search::SearchArgs),
    /// Print the default config, where the config is read from, or check a config file.
    Config(config::ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, …).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Exit codes shared by the subcommands (grep's convention for `search`).
pub mod exit {
    pub const OK: u8 = 0;
    pub const NOT_FOUND: u8 = 1;
    pub const ERROR: u8 = 2;
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ambiguous = cli.global.ambiguous.map(AmbiguousWidth::from);
    match cli.command {
        Some(Command::Print(args)) => print::run(&args, ambiguous.unwrap_or_default()),
        Some(Command::Fold(args)) => fold::run(&args, ambiguous.unwrap_or_default()),
        Some(Command::Search(args)) => search::run(&args),
        Some(Command::Config(args)) => config::run(&args, cli.global.config.as_deref()),
        Some(Command::Completions(args)) => completions::run(&args),
        Some(Command::Man) => completions::man(),
        None => run_reader(cli.paths, ambiguous, cli.global.config.as_deref()),
    }
}

/// Opens the reader: config first (a bad one stops start-up with its file, line and column,
/// even without a terminal), then the terminal.
fn run_reader(paths: Vec<PathBuf>, ambiguous: Option<AmbiguousWidth>, config_path: Option<&Path>) -> ExitCode {
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
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("gijiroku: the reader needs a terminal; use `gijiroku print FILE` to print minutes");
        return ExitCode::from(exit::ERROR);
    }
    let config = &loaded.config;
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
    };
    match crate::runtime::run(options) {
        Ok(None) => ExitCode::SUCCESS,
        // Ended by a signal, after restoring the terminal: 128 + the signal, as shells expect.
        Ok(Some(signal)) => ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(0))),
        Err(err) => {
            eprintln!("gijiroku: {err}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The terminal's width when stdout is one, else `fallback`.
pub fn output_width(fallback: usize) -> usize {
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map(|(w, _)| w as usize).unwrap_or(fallback)
    } else {
        fallback
    }
}
