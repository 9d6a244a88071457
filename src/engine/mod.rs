//! The engine (layer 4: uses kinds, load and below): builds the compiled rule set from
//! layered sources ([`load_engine`]), checks a text into sorted findings, runs rule examples,
//! counts the tone verdicts on labelled posts ([`eval`]; the evaluation harness is the
//! binary's `tact rules eval`) and fits the tone weights ([`fit`]). Pure: no printing, no
//! terminal; files are read only while building (term lists next to a rule file).

mod build;
mod cap;
pub mod eval;
pub mod examples;
mod fingerprint;
pub mod fit;
pub mod lint;
mod overrides;
mod parts;
mod readings;
mod run;
mod thread;

pub use build::compile;
pub use run::{Counter, Engine, PlatformInfo};
pub use thread::WHOLE_TEXT_NOTE;

pub use crate::kinds::{CheckOptions, CompiledRule, Matcher};

use crate::diag::{ErrorKind, RuleError, RuleErrors};
use crate::load::{Layered, LoadOptions, sources};

/// Loads, layers, validates and compiles the rules named by `opts`.
///
/// # Errors
/// Every problem found in any source ([`RuleErrors`], never empty): syntax, unknown keys,
/// wrong types, bad regexes, duplicate ids, empty lists, missing required keys; and an error
/// when no rule is in force at all (nothing would be checked).
pub fn load_engine(opts: &LoadOptions) -> Result<Engine, RuleErrors> {
    let mut engine = engine_from_sources(&sources(opts)?, &opts.overrides)?;
    if !engine.rules().iter().any(|r| r.enabled) {
        // Checking with no rule would print "no findings": an all-clear nobody checked.
        return Err(RuleErrors(vec![
            RuleError::rule_set(
                "rules",
                "no rule is in force: the bundled packs are off (`--no-builtin` or `builtin = \
                 false`) and no rule folder adds any, or every rule is disabled",
            )
            .with_help(
                "pass `--rules FOLDER` with your packs, or drop `--no-builtin` / \
                 `builtin = false`; `tact config show` lists what is loaded",
            ),
        ]));
    }
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
            // bad `terms-file` path, an unknown unit or hidden class) is not repeated against
            // the whole rule; nor is a config entry naming a rule that is missing because its
            // file has an error. With no earlier error nothing is dropped: the load fails with
            // the compile errors (never an empty list).
            let files_failed = !errors.is_empty();
            let repeats = |e: &RuleError| match &e.kind {
                ErrorKind::Repeat | ErrorKind::UnknownRule => files_failed,
                k @ ErrorKind::ListPath(_) => errors.iter().any(|x| &x.kind == k),
                _ => false,
            };
            let more: Vec<RuleError> = more.into_iter().filter(|e| !repeats(e)).collect();
            errors.extend(more);
            Err(RuleErrors(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diag::ErrorKind;
    use crate::schema::RuleSource;

    fn limit_with_unit(unit: &str) -> RuleSource {
        RuleSource {
            name: "desk.toml".into(),
            text: Arc::from(format!(
                "schema = 1\n[pack]\nid = \"desk\"\nversion = \"1\"\n\n[[rule]]\nid = \"r\"\nkind = \"limit\"\ncategory = \"platform\"\nseverity = \"block\"\nmessage = \"m\"\nplatform = \"x\"\nunit = \"{unit}\"\nmax = 280\n"
            )),
            dir: None,
            layer: 0,
        }
    }

    #[test]
    fn an_unknown_unit_is_reported_once_at_the_unit() {
        let Err(RuleErrors(errors)) =
            engine_from_sources(&[limit_with_unit("chars")], &Default::default())
        else {
            panic!("a limit rule with an unknown unit must not load");
        };
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].kind, ErrorKind::Invalid);
        assert_eq!((errors[0].line, errors[0].column), (13, 8));
        assert_eq!(&*errors[0].message, "unknown unit `chars`");
    }

    #[test]
    fn without_the_layer_checks_the_rule_still_does_not_compile() {
        // Fail closed: the compile error the layer checks make redundant is still an error.
        let (layered, errors) = Layered::build_partial(&[limit_with_unit("chars")], |_, _, _| {});
        assert!(errors.is_empty());
        let Err(errors) = compile(&layered, &Default::default()) else {
            panic!("a limit rule with an unknown unit must not compile");
        };
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].kind, ErrorKind::Repeat);
        assert_eq!(&*errors[0].message, "rule `desk/r`: unknown unit");
        assert!(engine_from_sources(&[limit_with_unit("graphemes")], &Default::default()).is_ok());
    }
}
