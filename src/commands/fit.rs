//! `tact rules fit LABELLED.jsonl...`: fits the tone weights to labelled posts with k-fold
//! cross-validation and writes them as a `[tone]` layer (see [`tact::engine::fit`]).

use std::path::Path;

use anyhow::{Context, Result};
use tact::engine::fit::{self, Options, Post, learn::Hyper};
use tact::load::{LoadOptions, sources};

use crate::cli::FitArgs;

/// Runs the fit; exit 0, 2 on unreadable input or rules.
pub fn run(opts: &LoadOptions, args: &FitArgs) -> Result<u8> {
    let srcs = match sources(opts) {
        Ok(s) => s,
        Err(e) => {
            for e in &e.0 {
                eprintln!("{e}");
            }
            return Ok(super::EXIT_ERROR);
        }
    };
    let pack = "tone";
    let base = match fit::tone_layers(&srcs, pack, args.keep_fitted) {
        Ok(l) => l,
        Err(errs) => {
            for e in &errs {
                eprintln!("{e}");
            }
            eprintln!(
                "error: {} problem(s) in rule sources; nothing was fitted",
                errs.len()
            );
            return Ok(super::EXIT_ERROR);
        }
    };
    if base.is_empty() {
        anyhow::bail!("no `[tone]` layer of pack `{pack}` is loaded; nothing to fit");
    }
    // The block threshold in force now (the bundled fit included): kept when the posts are
    // too few to fit it.
    let block_in_force = fit::tone_layers(&srcs, pack, true)
        .ok()
        .and_then(|l| tact::kinds::tone::compile(&l).ok())
        .map(|m| m.thresholds.block);
    let mut posts: Vec<Post> = Vec::new();
    for f in &args.files {
        posts.extend(read(f)?);
    }
    let command = command_line(args);
    let options = Options {
        folds: args.folds,
        hyper: Hyper {
            lambda_category: args.lambda_category,
            lambda_entry: args.lambda_entry,
            lambda_form: args.lambda_form,
            ..Hyper::default()
        },
        block_precision: args.block_precision,
        command,
        pack: pack.to_string(),
        learned: fit::ngrams::Settings {
            enabled: !args.no_learned,
            lambda: args.lambda_learned,
            precision: args.learned_precision,
            ..fit::ngrams::Settings::default()
        },
        block_in_force,
    };
    let result = fit::run(&base, &posts, &options).map_err(|e| anyhow::anyhow!(e))?;
    print!("{}", fit::report::text(&result, &posts, args.worst));
    if let Some(out) = &args.output {
        write_atomic(out, &result.layer)?;
        println!("\nwrote {}", out.display());
    } else {
        println!("\n(nothing written; pass --output FILE to write the fitted layer)");
    }
    Ok(0)
}

fn read(f: &Path) -> Result<Vec<Post>> {
    let text =
        std::fs::read_to_string(f).with_context(|| format!("cannot read `{}`", f.display()))?;
    let name = f.file_name().map_or_else(
        || f.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let posts =
        fit::parse_posts(&name, &text).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
    if posts.is_empty() {
        anyhow::bail!("{}: no labelled posts", f.display());
    }
    Ok(posts)
}

/// The command as written in the layer's header (file names only, so the header does not
/// depend on where the files were).
fn command_line(args: &FitArgs) -> String {
    let mut parts = vec!["tact rules fit".to_string()];
    for f in &args.files {
        parts.push(f.file_name().map_or_else(
            || f.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ));
    }
    if args.folds != 5 {
        parts.push(format!("--folds {}", args.folds));
    }
    if args.no_learned {
        parts.push("--no-learned".into());
    }
    parts.join(" ")
}

/// Writes `text` to `path` through a temporary file in the same folder (never half a
/// layer), creating the folder when it does not exist yet (`--output embassy-rules/…`).
fn write_atomic(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder `{}`", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in `{}`", dir.display()))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}
