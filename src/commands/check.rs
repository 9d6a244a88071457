//! `tact check`: files, stdin and JSON Lines archives.

use std::io::{BufWriter, IsTerminal, Read, Write};

use anyhow::{Context, Result, bail};
use tact::check::{CheckOptions, Engine, Severity, Totals};
use tact::report::{HumanReport, json};
use tact::rules::LoadOptions;

use super::{color_for, load};
use crate::cli::{CheckArgs, FailOn, Format};

/// One text to check: where it came from and its 1-based record number in a JSON Lines file.
struct Text {
    path: String,
    record: Option<usize>,
    text: String,
}

fn read_input(name: &str) -> Result<Vec<u8>> {
    if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        Ok(buf)
    } else {
        std::fs::read(name).with_context(|| format!("cannot read `{name}`"))
    }
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        anyhow::anyhow!("`{}` is not valid UTF-8 (first bad byte at offset {at}); save it as UTF-8 and try again", shown(name))
    })
}

fn shown(name: &str) -> &str {
    if name == "-" { "<stdin>" } else { name }
}

fn records(name: &str, text: &str, field: &str) -> Result<Vec<Text>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a JSON object", shown(name), i + 1))?;
        let Some(t) = v.get(field).and_then(|t| t.as_str()) else {
            bail!(
                "{}:{}: record has no string field `{field}`",
                shown(name),
                i + 1
            );
        };
        out.push(Text {
            path: name.to_string(),
            record: Some(i + 1),
            text: t.to_string(),
        });
    }
    Ok(out)
}

fn platform(engine: &Engine, requested: Option<&str>) -> Result<Option<String>> {
    let known: Vec<&str> = engine.platforms().iter().map(|p| p.id.as_str()).collect();
    match requested {
        Some(p) if known.contains(&p) => Ok(Some(p.to_string())),
        Some(p) => bail!(
            "unknown platform `{p}`; known platforms: {}",
            known.join(", ")
        ),
        None => Ok(known.contains(&"x").then(|| "x".to_string())),
    }
}

fn threshold(f: FailOn) -> Severity {
    match f {
        FailOn::Block => Severity::Block,
        FailOn::Warn => Severity::Warn,
        FailOn::Info => Severity::Info,
    }
}

/// Runs `tact check`.
pub fn run(
    load_opts: &LoadOptions,
    requested_platform: Option<&str>,
    args: &CheckArgs,
) -> Result<u8> {
    let engine = match load(load_opts) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let opts = CheckOptions {
        platform: platform(&engine, requested_platform)?,
    };
    let mut inputs = args.inputs.clone();
    if inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("nothing to check: give a file, or `-` to read standard input");
        }
        inputs.push("-".to_string());
    }
    let stdout = std::io::stdout();
    let report = HumanReport::new(color_for(&stdout));
    let mut out = BufWriter::new(stdout.lock());
    let (mut totals, mut records_seen) = (Totals::default(), 0);
    for name in &inputs {
        let text = decode(name, read_input(name)?)?;
        let texts = match &args.jsonl {
            Some(field) => records(name, &text, field)?,
            None => vec![Text {
                path: name.clone(),
                record: None,
                text,
            }],
        };
        for t in texts {
            records_seen += 1;
            for f in engine.check(&t.text, &opts) {
                totals.add(f.severity);
                match args.format {
                    Format::Json => writeln!(out, "{}", json::finding_line(&t.path, t.record, &f))?,
                    Format::Human => {
                        let origin = match t.record {
                            Some(r) => format!("{} (record {r})", shown(&t.path)),
                            None => shown(&t.path).to_string(),
                        };
                        writeln!(out, "{}", report.finding(&origin, &t.text, &f))?;
                    }
                }
            }
        }
    }
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            json::summary_line(inputs.len(), records_seen, &totals)
        )?,
        Format::Human => writeln!(
            out,
            "{}",
            human_summary(inputs.len(), records_seen, &totals, args.jsonl.is_some())
        )?,
    }
    out.flush()?;
    let failed = totals.max().is_some_and(|m| m >= threshold(args.fail_on));
    Ok(if failed { 1 } else { 0 })
}

fn human_summary(files: usize, records: usize, t: &Totals, jsonl: bool) -> String {
    let what = if jsonl {
        format!("{records} records in {files} file(s)")
    } else {
        format!("{files} file(s)")
    };
    if t.max().is_none() {
        return format!("no findings in {what}");
    }
    format!(
        "{} block · {} warn · {} info in {what}",
        t.block, t.warn, t.info
    )
}
