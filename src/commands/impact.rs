//! `tact rules impact`: what a rule change would flag in past posts.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use tact::engine::{CheckOptions, Engine};
use tact::load::LoadOptions;
use tact::model::Severity;
use tact::text::visible;

use super::load;

/// `(archive index, 1-based record line)`.
type RecordId = (usize, usize);

/// Per rule: the records it flags, each with the first match and the highest severity of
/// the rule's findings there, under one rule set.
type Flags = BTreeMap<String, BTreeMap<RecordId, (String, Severity)>>;

fn records(path: &PathBuf, field: &str) -> Result<Vec<(usize, String)>> {
    let f =
        std::fs::File::open(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: not UTF-8 text", path.display(), i + 1))?;
        // A byte order mark before the first record is not part of it.
        let line = match i {
            0 => line.strip_prefix('\u{feff}').unwrap_or(&line),
            _ => &line,
        };
        if line.trim().is_empty() {
            continue;
        }
        let v = tact::text::strict_json::parse_object(line).map_err(|e| {
            anyhow::anyhow!("{}:{}: not a valid record: {e}", path.display(), i + 1)
        })?;
        let Some(t) = v.get(field).and_then(|t| t.as_str()) else {
            bail!(
                "{}:{}: record has no string field `{field}`",
                path.display(),
                i + 1
            );
        };
        out.push((i + 1, t.to_string()));
    }
    Ok(out)
}

fn flags(
    engine: &Engine,
    opts: &CheckOptions,
    archive: usize,
    recs: &[(usize, String)],
    into: &mut Flags,
) {
    let found: Vec<_> = recs
        .par_iter()
        .map(|(n, t)| (*n, engine.check(t, opts)))
        .collect();
    for (n, findings) in found {
        for f in findings {
            let e = into
                .entry(f.rule)
                .or_default()
                .entry((archive, n))
                .or_insert((f.matched, f.severity));
            e.1 = e.1.max(f.severity);
        }
    }
}

/// Loads the base rule set with the config's `disable` and `[severity]`, as the current one
/// has them, so that only the rule change shows. An entry that names a rule only the
/// current set has (it is new) is left out for the base.
fn load_base(base: &LoadOptions) -> Result<Engine, u8> {
    let mut bare = base.clone();
    bare.overrides.disable.clear();
    bare.overrides.severity.clear();
    let plain = load(&bare)?;
    let known = |id: &str| plain.rules().iter().any(|r| r.id == id || r.pack == id);
    let mut opts = base.clone();
    opts.overrides.disable.retain(|d| known(d.get_ref()));
    opts.overrides.severity.retain(|id, _| known(id));
    load(&opts)
}

/// Runs the comparison and prints the report; exit 0 (a preview never fails on findings).
pub fn run(
    base: &LoadOptions,
    current: &LoadOptions,
    field: &str,
    archives: &[PathBuf],
    examples: usize,
    platform: Option<&str>,
) -> Result<u8> {
    let (Ok(old), Ok(new)) = (load_base(base), load(current)) else {
        return Ok(super::EXIT_ERROR);
    };
    let opts = CheckOptions {
        platform: platform.map(str::to_string),
        ..Default::default()
    };
    let (mut before, mut after) = (Flags::new(), Flags::new());
    let mut total = 0;
    for (i, a) in archives.iter().enumerate() {
        let recs = records(a, field)?;
        total += recs.len();
        flags(&old, &opts, i, &recs, &mut before);
        flags(&new, &opts, i, &recs, &mut after);
    }
    let rules: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let empty = BTreeMap::new();
    let mut out = std::io::stdout().lock();
    let (mut changed, mut gained, mut lost, mut moved) = (0, 0, 0, 0);
    for rule in rules {
        let (b, a) = (
            before.get(rule).unwrap_or(&empty),
            after.get(rule).unwrap_or(&empty),
        );
        let shown = |(m, sev): &(String, Severity)| format!("`{}` ({sev})", visible(m));
        let added: Vec<(&RecordId, String)> = a
            .iter()
            .filter(|(k, _)| !b.contains_key(k))
            .map(|(k, v)| (k, shown(v)))
            .collect();
        let removed: Vec<(&RecordId, String)> = b
            .iter()
            .filter(|(k, _)| !a.contains_key(k))
            .map(|(k, v)| (k, shown(v)))
            .collect();
        let resevered: Vec<(&RecordId, String)> = a
            .iter()
            .filter_map(|(k, (m, now))| {
                let (_, was) = b.get(k)?;
                (was != now).then(|| (k, format!("`{}` {was} → {now}", visible(m))))
            })
            .collect();
        if added.is_empty() && removed.is_empty() && resevered.is_empty() {
            continue;
        }
        changed += 1;
        gained += added.len();
        lost += removed.len();
        moved += resevered.len();
        writeln!(
            out,
            "{rule}: +{} newly flagged, -{} no longer flagged, ~{} changed severity (was {}, now {})",
            added.len(),
            removed.len(),
            resevered.len(),
            b.len(),
            a.len()
        )?;
        for (sign, list) in [("+", &added), ("-", &removed), ("~", &resevered)] {
            for ((ai, n), what) in list.iter().take(examples) {
                writeln!(out, "  {sign} {}:{n}  {what}", archives[*ai].display())?;
            }
            if list.len() > examples {
                writeln!(out, "  {sign} … and {} more", list.len() - examples)?;
            }
        }
    }
    writeln!(
        out,
        "{changed} rule(s) changed: {gained} record(s) newly flagged, {lost} no longer flagged, {moved} changed severity, over {total} record(s)"
    )?;
    Ok(0)
}
