//! `tact rules test|list|check` and `tact explain`.

use std::io::Write;

use anyhow::Result;
use tact::engine::examples::run_examples;
use tact::engine::{CompiledRule, Matcher};
use tact::load::LoadOptions;
use tact::text::visible;

use super::load;
use crate::cli::Format;
use tact::diag::RuleError;
use tact::report::json::{DiagnosticSeverity, diagnostic_line};

fn source_of(r: &CompiledRule) -> String {
    r.origins
        .first()
        .map(|(f, l)| format!("{f}:{l}"))
        .unwrap_or_default()
}

/// A rule without a flag or a pass example: the missing kinds (`flag`, `pass`).
fn missing_examples(r: &CompiledRule) -> Vec<&'static str> {
    [
        ("flag", r.examples.flag.is_empty()),
        ("pass", r.examples.pass.is_empty()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(k, _)| *k)
    .collect()
}

/// The error (for `rules test`) or warning (for `rules check`) of a rule that lacks
/// examples, at the rule's `[[rule]]` line.
fn missing_examples_error(r: &CompiledRule, missing: &[&str]) -> RuleError {
    let (file, line) = r.origins.first().cloned().unwrap_or_default();
    let mut e = RuleError::file(
        &file,
        format!(
            "rule `{}` has no `examples.{}`",
            r.id,
            missing.join("` or `examples.")
        ),
    );
    e.line = line;
    e.with_help("every rule needs `examples.flag` (texts it must find) and `examples.pass` (texts it must leave alone)")
}

fn print_json(lines: &[(RuleError, DiagnosticSeverity, Option<&str>)]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for (e, sev, rule) in lines {
        writeln!(out, "{}", diagnostic_line(e, *sev, *rule))?;
    }
    Ok(())
}

/// `tact rules test`: runs every example of every loaded rule; exit 1 when one fails.
pub fn test(opts: &LoadOptions, format: Format) -> Result<u8> {
    let engine = match super::load_as(opts, format) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let report = run_examples(&engine);
    let mut failed = report.failures.len();
    let missing: Vec<(&CompiledRule, Vec<&str>)> = engine
        .rules()
        .iter()
        .filter(|r| r.enabled)
        .map(|r| (r, missing_examples(r)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    failed += missing.len();
    if format == Format::Json {
        let mut lines: Vec<(RuleError, DiagnosticSeverity, Option<&str>)> = report
            .failures
            .iter()
            .map(|f| {
                (
                    f.to_error(),
                    DiagnosticSeverity::Error,
                    Some(f.rule.as_str()),
                )
            })
            .collect();
        lines.extend(missing.iter().map(|(r, m)| {
            (
                missing_examples_error(r, m),
                DiagnosticSeverity::Error,
                Some(r.id.as_str()),
            )
        }));
        print_json(&lines)?;
        let v = serde_json::json!({
            "type": "summary", "ok": failed == 0, "passed": report.passed,
            "failed": failed, "disabled": report.disabled,
        });
        println!("{v}");
        return Ok(if failed > 0 { 1 } else { 0 });
    }
    let mut out = std::io::stdout().lock();
    for f in &report.failures {
        let kind = if f.is_flag() { "flag" } else { "pass" };
        writeln!(
            out,
            "FAIL {} ({}:{})",
            f.rule, f.example.file, f.example.line
        )?;
        writeln!(out, "  {kind} example: \"{}\"", visible(&f.example.text))?;
        writeln!(out, "  expected: {}", f.expected)?;
        writeln!(out, "  found:    {}", f.found)?;
        if let Some(r) = &f.reason {
            writeln!(out, "  because:  {r}")?;
        }
    }
    for (r, m) in &missing {
        writeln!(
            out,
            "FAIL {} ({}): no {} example",
            r.id,
            source_of(r),
            m.join(" or ")
        )?;
        writeln!(
            out,
            "  every rule needs `examples.flag` and `examples.pass`"
        )?;
    }
    for id in &report.disabled {
        writeln!(out, "note: {id} is disabled; its examples were not run")?;
    }
    writeln!(out, "{} passed, {} failed", report.passed, failed)?;
    Ok(if failed > 0 { 1 } else { 0 })
}

/// `tact rules check`: loads everything and runs every rule's examples; problems and
/// failing examples are errors (exit 2), warnings do not change the exit code.
pub fn check(opts: &LoadOptions, format: Format) -> Result<u8> {
    let engine = match super::load_as(opts, format) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let report = run_examples(&engine);
    let mut warnings: Vec<(RuleError, Option<&str>)> = engine
        .warnings()
        .iter()
        .map(|w| (w.clone(), None))
        .collect();
    for r in engine.rules().iter().filter(|r| r.enabled) {
        let m = missing_examples(r);
        if !m.is_empty() {
            warnings.push((missing_examples_error(r, &m), Some(r.id.as_str())));
        }
    }
    let errors: Vec<(RuleError, &str)> = report
        .failures
        .iter()
        .map(|f| (f.to_error(), f.rule.as_str()))
        .collect();
    match format {
        Format::Json => {
            let mut lines: Vec<(RuleError, DiagnosticSeverity, Option<&str>)> = errors
                .iter()
                .map(|(e, r)| (e.clone(), DiagnosticSeverity::Error, Some(*r)))
                .collect();
            lines.extend(
                warnings
                    .iter()
                    .map(|(w, r)| (w.clone(), DiagnosticSeverity::Warning, *r)),
            );
            print_json(&lines)?;
            let v = serde_json::json!({
                "type": "summary", "ok": errors.is_empty(), "errors": errors.len(),
                "warnings": warnings.len(), "rules": engine.rules().len(),
                "packs": engine.packs().len(),
            });
            println!("{v}");
        }
        Format::Human => {
            let human = tact::report::HumanReport::new(super::color_for(&std::io::stderr()));
            for (e, _) in &errors {
                eprintln!("{}", human.error(e));
            }
            for (w, _) in &warnings {
                eprintln!("{}", human.warning(w));
            }
            if errors.is_empty() {
                let disabled = engine.rules().iter().filter(|r| !r.enabled).count();
                println!(
                    "ok: {} rules{} in {} packs, {} examples passed, {} warning(s)",
                    engine.rules().len(),
                    if disabled > 0 {
                        format!(
                            " ({} in force, {disabled} disabled)",
                            engine.rules().len() - disabled
                        )
                    } else {
                        String::new()
                    },
                    engine.packs().len(),
                    report.passed,
                    warnings.len()
                );
            } else {
                eprintln!(
                    "error: {} example(s) failed; `tact rules test` shows each one",
                    errors.len()
                );
            }
        }
    }
    Ok(if errors.is_empty() {
        0
    } else {
        super::EXIT_ERROR
    })
}

/// `tact rules list`.
pub fn list(opts: &LoadOptions, format: Format) -> Result<u8> {
    let engine = match load(opts) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::stdout().lock();
    for r in engine.rules() {
        match format {
            Format::Json => {
                let v = serde_json::json!({
                    "id": r.id, "kind": r.matcher.kind_name(), "category": r.category,
                    "severity": r.severity, "enabled": r.enabled, "source": source_of(r),
                    "pack_version": r.pack_version,
                });
                writeln!(out, "{v}")?;
            }
            Format::Human => writeln!(
                out,
                "{:<36} {:<10} {:<8} {:<5} {:<8} {}",
                r.id,
                r.matcher.kind_name(),
                r.category.as_str(),
                r.severity.as_str(),
                if r.enabled { "enabled" } else { "disabled" },
                source_of(r)
            )?,
        }
    }
    Ok(0)
}

/// The tone models of the loaded rules, one per pack.
pub fn tone_models(engine: &tact::engine::Engine) -> Vec<&tact::kinds::tone::ToneModel> {
    let mut out: Vec<&tact::kinds::tone::ToneModel> = Vec::new();
    for r in engine.rules() {
        if let Matcher::Tone(m) = &r.matcher
            && !out.iter().any(|o| std::ptr::eq(*o, m.as_ref()))
        {
            out.push(m);
        }
    }
    out
}

/// `tact explain` of a tone entry (`insult/buffoon`, or `tone/insult/buffoon`): its
/// category, weight and where it is defined and disabled. `None` when no entry has that id.
fn explain_tone_entry(engine: &tact::engine::Engine, id: &str) -> Option<String> {
    let local = id.strip_prefix("tone/").unwrap_or(id);
    for m in tone_models(engine) {
        let Some(e) = m.entries.iter().find(|e| e.id == local) else {
            continue;
        };
        let cat = &m.categories[e.category];
        let mut out = format!(
            "{}  (tone entry · category {} \"{}\")\n\nweight:  {}\nsureness: {}\nneeds a target: {}\n",
            e.id, cat.id, cat.label, e.weight, e.sureness, e.needs_target
        );
        if let Some(r) = &e.replace {
            out.push_str(&format!("replace with: {r}\n"));
        }
        if !cat.suggest.is_empty() {
            out.push_str(&format!("advice:  {}\n", cat.suggest));
        }
        out.push_str(&format!("source:  {}\n", e.origin));
        match &e.disabled_by {
            Some(at) => out.push_str(&format!("disabled by {at}\n")),
            None if !e.enabled => out.push_str("disabled\n"),
            None => {}
        }
        return Some(out);
    }
    None
}

/// `tact explain RULE_ID`.
pub fn explain(opts: &LoadOptions, id: &str) -> Result<u8> {
    let engine = match load(opts) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    if engine.rule(id).is_none()
        && let Some(text) = explain_tone_entry(&engine, id)
    {
        print!("{text}");
        return Ok(0);
    }
    let Some(r) = engine.rule(id) else {
        let mut near: Vec<(usize, &str)> = engine
            .rules()
            .iter()
            .map(|r| r.id.as_str())
            .map(|r| {
                (
                    strsim::levenshtein(id, r)
                        .min(strsim::levenshtein(id, r.split('/').nth(1).unwrap_or(r))),
                    r,
                )
            })
            .filter(|(d, r)| *d <= 2 || r.ends_with(&format!("/{id}")))
            .collect();
        near.sort();
        let near: Vec<String> = near.iter().take(3).map(|(_, r)| format!("`{r}`")).collect();
        anyhow::bail!(
            "no rule `{id}`{}; `tact rules list` shows every rule",
            if near.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", near.join(", "))
            }
        );
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}  ({} · {} · {})",
        r.id,
        r.matcher.kind_name(),
        r.category,
        r.severity
    )?;
    writeln!(out, "\n{}\n", r.why.trim())?;
    writeln!(out, "message: {}", r.message)?;
    for line in r.matcher.detail_lines() {
        writeln!(out, "  {line}")?;
    }
    for e in &r.examples.flag {
        writeln!(out, "flags:   \"{}\"", visible(&e.text))?;
    }
    for e in &r.examples.pass {
        writeln!(out, "passes:  \"{}\"", visible(&e.text))?;
    }
    writeln!(
        out,
        "source:  {}",
        r.origins
            .iter()
            .map(|(f, l)| format!("{f}:{l}"))
            .collect::<Vec<_>>()
            .join(", extended by ")
    )?;
    for (k, v) in [
        ("owner", &r.owner),
        ("reference", &r.reference),
        ("review-by", &r.review_by),
    ] {
        if let Some(v) = v {
            writeln!(out, "{k}: {v}")?;
        }
    }
    Ok(0)
}

/// `tact rules hash-list PLAIN [--salt S] [-o OUT]`.
pub fn hash_list(
    plain: &std::path::Path,
    salt: &str,
    output: Option<&std::path::Path>,
) -> Result<u8> {
    use anyhow::Context;
    let text = std::fs::read_to_string(plain)
        .with_context(|| format!("cannot read `{}` (it must be UTF-8 text)", plain.display()))?;
    let hashed = tact::kinds::terms::hashed::hash_list(&text, salt);
    match output {
        None => std::io::stdout().lock().write_all(hashed.as_bytes())?,
        Some(out) => {
            let dir = out
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in `{}`", dir.display()))?;
            tmp.write_all(hashed.as_bytes())?;
            tmp.as_file().sync_all()?;
            tmp.persist(out)
                .with_context(|| format!("cannot write `{}`", out.display()))?;
            let n = hashed.lines().filter(|l| !l.starts_with('#')).count();
            eprintln!("wrote {n} digests to {}", out.display());
        }
    }
    Ok(0)
}
