//! `tact config show`: the effective settings and where every rule change came from.

use std::io::Write;

use anyhow::Result;
use tact::load::LoadOptions;
use tact::load::config::LoadedConfig;

use super::load;

/// Prints the effective configuration.
pub fn show(cfg: &LoadedConfig, opts: &LoadOptions, platform: Option<&str>) -> Result<u8> {
    let engine = match load(opts) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
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
