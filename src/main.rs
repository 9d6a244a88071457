//! The `tact` binary: parse the command line, dispatch, map errors to exit codes
//! (0 nothing at or above `--fail-on`, 1 findings at or above it, 2 usage, rule-source,
//! input or I/O error). A closed pipe exits quietly.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: loading the rules (regex syntax trees, the
/// TOML tree, automata) and checking a post make many small allocations, and glibc's
/// `malloc`/`free` took about a quarter of the instructions of a one-post check.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if commands::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
