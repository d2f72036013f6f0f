//! `gijiroku completions SHELL` (clap_complete) and `gijiroku man` (clap_mangen): both are
//! generated from the same clap definitions as the parser, so they cannot drift from it.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::{Cli, exit};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for (e.g. `gijiroku completions bash > ~/.local/share/bash-completion/completions/gijiroku`).
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> ExitCode {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "gijiroku", &mut out);
    write_out(&out)
}

/// The man page (roff) on stdout: `gijiroku man > gijiroku.1`.
pub fn man() -> ExitCode {
    let mut out = Vec::new();
    if let Err(err) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        eprintln!("gijiroku: {err}");
        return ExitCode::from(exit::ERROR);
    }
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gijiroku: {err}");
            ExitCode::from(exit::ERROR)
        }
    }
}
