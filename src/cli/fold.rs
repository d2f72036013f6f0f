//! `gijiroku fold [--width N]`: the reader's line breaker as a Unix filter, stdin to stdout,
//! one output line per display row. It gives exactly the rows the reader shows for a paragraph.

use std::io::Read;
use std::process::ExitCode;

use clap::Args;

use crate::cli::{MIN_WIDTH, Settings, exit, output_width};
use crate::core::layout::breaker::fold_text;

#[derive(Debug, Args)]
pub struct FoldArgs {
    /// Columns per row, at least 10 (default: the terminal's width, or 80 when not a terminal).
    #[arg(long, short, value_parser = crate::cli::parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,
}

pub fn run(args: &FoldArgs, settings: &Settings) -> ExitCode {
    let ambiguous = settings.ambiguous;
    let mut bytes = Vec::new();
    if let Err(err) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!("gijiroku fold: reading stdin: {err}");
        return ExitCode::from(exit::ERROR);
    }
    let text = crate::core::decode::decode(&bytes).text;
    // Escape sequences in the input must not reach the terminal through our output.
    let clean = crate::core::sanitize::sanitize(&text).text;
    let width = args.width.unwrap_or_else(|| output_width(80)).max(MIN_WIDTH);
    let output = fold_text(&clean, width, ambiguous);
    super::stdout::write_all(output.as_bytes())
}
