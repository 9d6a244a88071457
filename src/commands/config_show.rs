//! `tact config show`: the effective settings and where every rule change came from.

use std::io::Write;

use anyhow::Result;
use tact::load::LoadOptions;
use tact::load::config::LoadedConfig;

use crate::cli::Format;

/// The effective configuration as one JSON object (`tact config show --format json`).
fn as_json(
    cfg: &LoadedConfig,
    opts: &LoadOptions,
    engine: &tact::engine::Engine,
    platform: Option<&str>,
) -> serde_json::Value {
    let c = &cfg.config;
    let changed: Vec<serde_json::Value> = engine
        .rules()
        .iter()
        .filter(|r| r.origins.len() > 1 || !r.changes.is_empty())
        .map(|r| {
            let at = |(f, l): &(String, usize)| format!("{f}:{l}");
            serde_json::json!({
                "rule": r.id,
                "defined_at": at(&r.origins[0]),
                "extended_by": r.origins[1..].iter().map(at).collect::<Vec<_>>(),
                "changes": r.changes,
            })
        })
        .collect();
    serde_json::json!({
        "type": "config",
        "config": cfg.path.as_ref().map(|p| p.display().to_string()),
        "builtin": opts.builtin,
        "rule_directories": tact::load::unique_dirs(&opts.dirs)
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>(),
        "packs": engine.packs().iter().map(|(id, v)| serde_json::json!({"id": id, "version": v})).collect::<Vec<_>>(),
        "rules": engine.rules().len(),
        "enabled_rules": engine.rules().iter().filter(|r| r.enabled).count(),
        "fingerprint": engine.fingerprint(),
        "platform": platform,
        "author": c.author,
        "outbox": cfg.resolve(&c.publish.outbox).display().to_string(),
        "audit_log": cfg.resolve(&c.publish.audit_log).display().to_string(),
        "min_justification": c.publish.min_justification,
        "accounts": c.accounts.iter().map(|a| serde_json::json!({
            "name": a.name, "platform": a.platform, "handle": a.handle, "kind": a.kind,
        })).collect::<Vec<_>>(),
        "changed_rules": changed,
        "tone": super::rules::tone_models(engine).iter().map(|m| serde_json::json!({
            "entries": m.entries.len(),
            "added": m.entries.iter().filter(|e| !e.origin.starts_with("bundled:"))
                .map(|e| serde_json::json!({"id": e.id, "weight": e.weight, "at": e.origin}))
                .collect::<Vec<_>>(),
            "disabled": m.entries.iter().filter(|e| !e.enabled)
                .map(|e| serde_json::json!({"id": e.id, "by": e.disabled_by}))
                .collect::<Vec<_>>(),
            "disabled_forms": m.disabled_forms,
        })).collect::<Vec<_>>(),
    })
}

/// Prints the effective configuration (`format` human or JSON).
pub fn show(
    cfg: &LoadedConfig,
    opts: &LoadOptions,
    platform: Option<&str>,
    format: Format,
) -> Result<u8> {
    let engine = match super::load_as(opts, format) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    if format == Format::Json {
        let mut out = std::io::stdout().lock();
        for w in engine.warnings() {
            writeln!(
                out,
                "{}",
                tact::report::json::diagnostic_line(
                    w,
                    tact::report::json::DiagnosticSeverity::Warning,
                    None
                )
            )?;
        }
        writeln!(out, "{}", as_json(cfg, opts, &engine, platform))?;
        return Ok(0);
    }
    let c = &cfg.config;
    let mut out = std::io::stdout().lock();
    match &cfg.path {
        Some(p) => writeln!(out, "config:            {}", p.display())?,
        None => writeln!(
            out,
            "config:            none found (./tact.toml or the user config directory); defaults"
        )?,
    }
    if opts.builtin {
        writeln!(
            out,
            "bundled packs:     loaded (set `builtin = false` in the config to leave them out)"
        )?;
    } else {
        writeln!(
            out,
            "bundled packs:     NOT loaded (builtin = false or --no-builtin): only your own packs run"
        )?;
    }
    for (i, d) in tact::load::unique_dirs(&opts.dirs).into_iter().enumerate() {
        writeln!(out, "rule directory {}:  {}", i + 1, d.display())?;
    }
    let packs: Vec<String> = engine
        .packs()
        .iter()
        .map(|(id, v)| format!("{id} {v}"))
        .collect();
    writeln!(out, "packs:             {}", packs.join(", "))?;
    writeln!(
        out,
        "rules:             {} ({} enabled)",
        engine.rules().len(),
        engine.rules().iter().filter(|r| r.enabled).count()
    )?;
    writeln!(out, "rule fingerprint:  {}", engine.fingerprint())?;
    writeln!(
        out,
        "platform:          {}",
        platform.unwrap_or("x (default)")
    )?;
    writeln!(
        out,
        "author:            {}",
        c.author.as_deref().unwrap_or("(not set)")
    )?;
    writeln!(
        out,
        "outbox:            {}",
        cfg.resolve(&c.publish.outbox).display()
    )?;
    writeln!(
        out,
        "audit log:         {}",
        cfg.resolve(&c.publish.audit_log).display()
    )?;
    writeln!(
        out,
        "min-justification: {} characters",
        c.publish.min_justification
    )?;
    for a in &c.accounts {
        writeln!(
            out,
            "account:           {} {} on {} ({})",
            a.name, a.handle, a.platform, a.kind
        )?;
    }
    for m in super::rules::tone_models(&engine) {
        let added: Vec<&tact::kinds::tone::model::Entry> = m
            .entries
            .iter()
            .filter(|e| !e.origin.starts_with("bundled:"))
            .collect();
        let disabled: Vec<&tact::kinds::tone::model::Entry> =
            m.entries.iter().filter(|e| !e.enabled).collect();
        writeln!(
            out,
            "tone entries:      {} ({} added by your folders, {} disabled)",
            m.entries.len(),
            added.len(),
            disabled.len()
        )?;
        for e in &added {
            writeln!(
                out,
                "  added {} (weight {}) at {}",
                e.id, e.weight, e.origin
            )?;
        }
        for e in &disabled {
            match &e.disabled_by {
                Some(at) => writeln!(out, "  disabled {} by {at}", e.id)?,
                None => writeln!(out, "  disabled {}", e.id)?,
            }
        }
        for f in &m.disabled_forms {
            writeln!(out, "  disabled {f}")?;
        }
    }
    let changed: Vec<_> = engine
        .rules()
        .iter()
        .filter(|r| r.origins.len() > 1 || !r.changes.is_empty())
        .collect();
    writeln!(
        out,
        "\nrules changed after their first definition: {}",
        changed.len()
    )?;
    for r in changed {
        let (file, line) = &r.origins[0];
        writeln!(out, "  {}: defined at {file}:{line}", r.id)?;
        for (f, l) in &r.origins[1..] {
            writeln!(out, "    extended by {f}:{l}")?;
        }
        for ch in &r.changes {
            writeln!(out, "    {ch}")?;
        }
    }
    Ok(0)
}
