//! The `gijiroku` binary: hands the command line to [`gijiroku::cli`].

fn main() -> std::process::ExitCode {
    gijiroku::cli::main()
}
