//! The engine (layer 4: uses kinds, load and below): builds the compiled rule set from
//! layered sources ([`load_engine`]), checks a text into sorted findings, runs rule examples
//! and evaluates labelled sets. Pure: no printing, no terminal; files are read only while
//! building (term lists next to a rule file).

mod build;
pub mod eval;
pub mod examples;
mod fingerprint;
pub mod fit;
pub mod lint;
mod overrides;
mod parts;
mod readings;
mod run;

pub use build::compile;
pub use run::{Counter, Engine, PlatformInfo};

pub use crate::kinds::{CheckOptions, CompiledRule, Matcher};

use crate::diag::RuleErrors;
use crate::load::{Layered, LoadOptions, sources};

/// Loads, layers, validates and compiles the rules named by `opts`.
///
/// # Errors
/// Every problem found in any source ([`RuleErrors`], never empty): syntax, unknown keys,
/// wrong types, bad regexes, duplicate ids, empty lists, missing required keys.
pub fn load_engine(opts: &LoadOptions) -> Result<Engine, RuleErrors> {
    let mut engine = engine_from_sources(&sources(opts)?, &opts.overrides)?;
    engine
        .warnings
        .extend(crate::load::subfolder_warnings(&opts.dirs));
    Ok(engine)
}

/// Layers, validates and compiles `srcs` (in layering order) with `overrides`: what
/// [`load_engine`] does once the sources are read (e.g. the bundled packs less one file).
///
/// # Errors
/// As [`load_engine`].
pub fn engine_from_sources(
    srcs: &[crate::schema::RuleSource],
    overrides: &crate::load::Overrides,
) -> Result<Engine, RuleErrors> {
    let (layered, mut errors) =
        Layered::build_partial(srcs, crate::kinds::validate::validate_layer);
    match compile(&layered, overrides) {
        Ok(engine) if errors.is_empty() => Ok(engine),
        Ok(_) => Err(RuleErrors(errors)),
        Err(more) => {
            // A problem already reported at its exact position while the file was read (a
            // bad `terms-file` path) is not repeated against the whole rule; nor is a config
            // entry naming a rule that is missing because its file has an error.
            let seen: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
            let files_failed = !errors.is_empty();
            errors.extend(
                more.into_iter()
                    .filter(|e| !seen.iter().any(|m| e.message.ends_with(m.as_str())))
                    .filter(|e| !(files_failed && overrides::names_missing_rule(e, overrides))),
            );
            Err(RuleErrors(errors))
        }
    }
}
