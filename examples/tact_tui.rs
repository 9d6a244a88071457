//! Temporary launcher for the editor until `main.rs` wires `tact [FILE]` (branch `tui` only).
//!
//! `cargo run --example tact_tui -- [FILE] [--platform ID] [--rules DIR]... [--no-builtin]`

use std::path::PathBuf;

use tact::rules::LoadOptions;
use tact::tui::{TuiOptions, run};

fn main() -> anyhow::Result<()> {
    let mut opts = TuiOptions {
        load: LoadOptions::default(),
        ..TuiOptions::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--platform" => opts.platform = args.next(),
            "--rules" => opts.load.dirs.extend(args.next().map(PathBuf::from)),
            "--no-builtin" => opts.load.builtin = false,
            _ => opts.file = Some(PathBuf::from(a)),
        }
    }
    let outcome = run(opts)?;
    if outcome.unsaved {
        eprintln!("quit with unsaved changes");
    }
    Ok(())
}
