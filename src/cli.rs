//! The command line: clap definitions and dispatch to the subcommands.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::parse::parse_bytes;

#[derive(Debug, Parser)]
#[command(name = "gijiroku", version, about = "A terminal reader for meeting minutes (議事録)")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Minutes files or directories to open in the reader.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a meeting as plain text or JSON.
    Print {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Print { file, json }) => {
            let bytes = match std::fs::read(&file) {
                Ok(bytes) => bytes,
                Err(err) => {
                    eprintln!("gijiroku: {}: {err}", file.display());
                    return ExitCode::from(1);
                }
            };
            let meetings = parse_bytes(&bytes);
            if json {
                println!("{}", serde_json::to_string_pretty(&meetings[0]).unwrap_or_default());
            }
            ExitCode::SUCCESS
        }
        None => {
            let options = crate::runtime::RunOptions {
                paths: cli.paths,
                app: crate::app::Options::default(),
                theme: if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                    crate::view::theme::Theme::monochrome()
                } else {
                    crate::view::theme::Theme::default()
                },
                max_file_bytes: crate::library::DEFAULT_MAX_FILE_BYTES,
            };
            match crate::runtime::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("gijiroku: {err}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
