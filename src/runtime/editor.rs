//! `v`: the open meeting's file in the user's editor ($VISUAL, else $EDITOR, else $PAGER, else
//! less) at the source line of the turn, as less's `v` does. The terminal is handed over whole
//! (normal mode, no mouse, no raw input) and taken back after, with a full redraw.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::runtime::terminal;

/// Set while an editor has the terminal: the Ctrl-C and Ctrl-\ typed there are its own, and the
/// reader must not end on the SIGINT or SIGQUIT they also send it.
pub(crate) static SUSPENDED: AtomicBool = AtomicBool::new(false);

/// The command to run: the first of $VISUAL, $EDITOR, $PAGER that is set, split on spaces
/// (`code -w`, `emacs -nw`), else `less`.
pub fn command() -> Vec<String> {
    let chosen = ["VISUAL", "EDITOR", "PAGER"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "less".to_owned());
    chosen.split_whitespace().map(str::to_owned).collect()
}

/// Why the editor did not run to a clean end; the reader goes on either way and says so.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("no editor")]
    NoEditor,
    #[error("the terminal could not be taken back: {0}")]
    Terminal(io::Error),
    #[error("{program} exited with {status}")]
    Failed { program: String, status: ExitStatus },
    #[error("{program} could not be started: {source} (set VISUAL or EDITOR)")]
    NotStarted { program: String, source: io::Error },
}

/// Runs the editor on `path` at `line` (`+LINE PATH`, which vi, vim, nano, emacs, micro and less
/// understand) and waits for it; the terminal is the reader's again when this returns.
pub fn edit(path: &Path, line: usize, mouse: bool) -> Result<(), EditError> {
    let command = command();
    let Some((program, args)) = command.split_first() else { return Err(EditError::NoEditor) };
    SUSPENDED.store(true, Ordering::SeqCst);
    terminal::restore();
    let status = Command::new(program).args(args).arg(format!("+{}", line.max(1))).arg(path).status();
    let entered = terminal::enter(mouse);
    SUSPENDED.store(false, Ordering::SeqCst);
    entered.map_err(EditError::Terminal)?;
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(EditError::Failed { program: program.clone(), status }),
        Err(source) => Err(EditError::NotStarted { program: program.clone(), source }),
    }
}
