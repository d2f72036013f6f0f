//! A subcommand's output written to standard output in one piece, as the Unix tools do it: a
//! closed pipe (`| head`) ends quietly with success; any other error is one line on stderr and
//! exit 2.

use std::io::Write;
use std::process::ExitCode;

use super::exit;

/// Writes `bytes` to standard output and says how the command ends.
pub fn write_all(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gijiroku: writing output: {err}");
            ExitCode::from(exit::ERROR)
        }
    }
}
