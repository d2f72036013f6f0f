//! `gijiroku completions SHELL` (clap_complete) and `gijiroku man` (clap_mangen): both are
//! generated from the same clap definitions as the parser, so they cannot drift from it.

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
    match man_page() {
        Ok(page) => write_out(page.as_bytes()),
        Err(err) => {
            eprintln!("gijiroku: {err}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// One page for the whole program: clap_mangen's title, synopsis, description and options,
/// then every command in full (its own pages, `gijiroku-print(1)`, are not made, so none is
/// referred to), the keys from the key map, files, environment and exit status.
pub(crate) fn man_page() -> std::io::Result<String> {
    let mut command = Cli::command();
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help") {
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_description_section(&mut part)?;
        sub_man.render_options_section(&mut part)?;
        let part = String::from_utf8_lossy(&part).into_owned();
        let name = sub.get_bin_name().unwrap_or(sub.get_name());
        out.extend_from_slice(format!(".SS \"{}\"\n", escape(name)).as_bytes());
        // The command's own sections become paragraphs under its heading.
        for line in part.lines() {
            match line.strip_prefix(".SH ") {
                Some("SYNOPSIS" | "DESCRIPTION") => out.extend_from_slice(b".PP\n"),
                Some(heading) => out.extend_from_slice(
                    format!(".PP\n\\fI{}\\fR\n", heading.trim_matches('"').to_lowercase()).as_bytes(),
                ),
                None => {
                    out.extend_from_slice(line.as_bytes());
                    out.push(b'\n');
                }
            }
        }
    }
    out.extend_from_slice(sections().as_bytes());
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Text made safe for roff: backslashes escaped, no control line started by accident.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e");
    if escaped.starts_with(['.', '\'']) { format!("\\&{escaped}") } else { escaped }
}

/// KEYS (generated from the default key map, as the help screen is), FILES, ENVIRONMENT and
/// EXIT STATUS.
fn sections() -> String {
    let mut roff = String::from(".SH KEYS\nIn the reader (H or F1 shows them all, from the key map in use):\n");
    for (heading, keys, text) in crate::app::page::help_entries(&crate::keymap::Keymap::defaults()) {
        if let Some(heading) = heading {
            roff.push_str(&format!(".SS \"{}\"\n", escape(heading)));
        }
        roff.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", escape(&keys), escape(&text)));
    }
    roff.push_str(
        ".SH FILES\n\
.TP\n\\fI$XDG_CONFIG_HOME/gijiroku/config.toml\\fR (else \\fI~/.config/gijiroku/config.toml\\fR)\n\
The config file; \\fBgijiroku config --default\\fR prints every setting, \\fBgijiroku config --path\\fR says where it is read from.\n\
.TP\n\\fI$XDG_DATA_HOME/gijiroku/state.json\\fR (else \\fI~/.local/share/gijiroku/state.json\\fR)\n\
Reading positions, jump lists and marks per meeting, and the meeting open last; written atomically.\n\
.TP\n\\fI$XDG_CACHE_HOME/gijiroku/kokkai/meetings/\\fR (else \\fI~/.cache/gijiroku/kokkai/meetings/\\fR)\n\
Meetings downloaded by \\fBgijiroku kokkai\\fR, one API answer per meeting; a library like any directory.\n\
.SH ENVIRONMENT\n\
.TP\n\\fBGIJIROKU_CONFIG\\fR\nThe config file, when \\fB--config\\fR is not given.\n\
.TP\n\\fBXDG_CONFIG_HOME\\fR, \\fBXDG_DATA_HOME\\fR\nWhere the config and the state file are.\n\
.TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, no colours (attributes only).\n\
.TP\n\\fBCOLORTERM\\fR, \\fBTERM\\fR\nHow many colours the terminal has (24-bit, 256 or 16).\n\
.TP\n\\fBVISUAL\\fR, \\fBEDITOR\\fR, \\fBPAGER\\fR\nThe program \\fBv\\fR opens the current turn in.\n\
.TP\n\\fBGIJIROKU_KOKKAI_URL\\fR, \\fBGIJIROKU_KOKKAI_CACHE\\fR\nThe Diet minutes API's base URL and the cache directory of \\fBgijiroku kokkai\\fR (after \\fB--api-url\\fR and \\fB--cache-dir\\fR).\n\
.TP\n\\fBHTTPS_PROXY\\fR, \\fBHTTP_PROXY\\fR, \\fBALL_PROXY\\fR, \\fBNO_PROXY\\fR\nThe proxy \\fBgijiroku kokkai\\fR connects through.\n\
.SH \"EXIT STATUS\"\n\
.TP\n\\fB0\\fR\nSuccess; for \\fBsearch\\fR, something was found.\n\
.TP\n\\fB1\\fR\n\\fBsearch\\fR found nothing; \\fBprint\\fR was given a speaker, agenda item or meeting that does not exist, or a part of a name that matches several speakers.\n\
.TP\n\\fB2\\fR\nAn error: a file that cannot be read or looks binary, paths that hold no minutes, a config file with a mistake, a bad argument, no terminal for the reader.\n",
    );
    roff
}

fn write_out(bytes: &[u8]) -> ExitCode {
    super::stdout::write_all(bytes)
}
