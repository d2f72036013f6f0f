//! `gijiroku config --default | --path | --check [PATH]`: print the complete default config,
//! say where the config is read from, or validate one (exit 2 with `PATH:LINE:COLUMN: message`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Args};

use crate::cli::exit;
use crate::config::{self, DEFAULT_CONFIG, Origin};
use crate::core::sanitize::escape::visible_path;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").required(true).args(["default", "path", "check"])))]
pub struct ConfigArgs {
    /// Print the complete default config, every setting with a comment (a starting point:
    /// `gijiroku config --default > "$(gijiroku config --path | head -n1)"`).
    #[arg(long)]
    pub default: bool,
    /// Print where the config is read from (first line: the path) and whether it exists.
    #[arg(long)]
    pub path: bool,
    /// Check a config file (by default the one the reader reads): "ok", or the problem as
    /// PATH:LINE:COLUMN: message with exit code 2.
    #[arg(long, value_name = "PATH", num_args = 0..=1)]
    pub check: Option<Option<PathBuf>>,
}

pub fn run(args: &ConfigArgs, explicit: Option<&Path>) -> ExitCode {
    if args.default {
        return print(DEFAULT_CONFIG);
    }
    if args.path {
        return print(&describe_location(explicit));
    }
    match &args.check {
        Some(Some(path)) => report(config::load_file(path).map(|_| format!("{}: ok\n", visible_path(path)))),
        Some(None) => report(config::load(explicit).map(|loaded| match loaded.source {
            Some(path) => format!("{}: ok\n", visible_path(&path)),
            None => "ok: no config file, so the built-in defaults apply\n".to_owned(),
        })),
        None => ExitCode::from(exit::ERROR),
    }
}

fn report(result: Result<String, config::ConfigError>) -> ExitCode {
    match result {
        Ok(message) => print(&message),
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The path on the first line (for scripts), then what it means.
fn describe_location(explicit: Option<&Path>) -> String {
    let location = config::locate(explicit);
    let Some(path) = &location.path else {
        return "(none)\nthere is no config directory (no home directory is known), so the built-in defaults apply\n"
            .to_owned();
    };
    let state = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => "exists".to_owned(),
        Ok(_) => "is not a regular file".to_owned(),
        Err(_) if location.origin == Origin::Default => {
            "does not exist, so the built-in defaults apply; `gijiroku config --default` prints a starting point"
                .to_owned()
        }
        Err(_) => "does not exist (the reader will refuse to start)".to_owned(),
    };
    format!("{}\n{}; {state}\n", visible_path(path), location.describe())
}

fn print(text: &str) -> ExitCode {
    super::stdout::write_all(text.as_bytes())
}
