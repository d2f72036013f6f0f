//! The `gijiroku` binary: hands the command line to [`gijiroku::cli`].

// No unwrap or expect outside tests: bad input gets a message, never a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

fn main() -> std::process::ExitCode {
    gijiroku::cli::main()
}
