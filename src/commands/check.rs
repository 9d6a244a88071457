//! `tact check`: files, stdin and JSON Lines archives.
//!
//! Texts are checked in parallel (rayon) in chunks and written in input order, so the output
//! is identical to a single-threaded run. JSON Lines inputs are streamed record by record:
//! memory stays bounded by one chunk, whatever the archive's size.

use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use tact::engine::{CheckOptions, Engine};
use tact::load::LoadOptions;
use tact::model::{Finding, Severity, Totals};
use tact::platform::{Unit, count, thread};
use tact::report::{HumanReport, json};

use super::{color_for, load};
use crate::cli::{CheckArgs, FailOn, Format};

/// Records checked together before their output is written.
const CHUNK: usize = 1024;

/// One text to check: where it came from, its 1-based record number in a JSON Lines file,
/// and with `--thread` its part `(i, n)` (1-based) of the thread it was split into.
struct Text {
    path: String,
    record: Option<usize>,
    text: String,
    part: Option<(usize, usize)>,
}

/// A text (or a part of a thread) with its findings.
type Checked = (Text, Vec<Finding>);

impl Text {
    /// This text as a thread within `limits` ([`tact::platform::thread`]), each part with
    /// its findings ([`Engine::check_thread`]: a block of the whole text stays a block).
    fn thread(
        self,
        engine: &Engine,
        opts: &CheckOptions,
        limits: &[(Unit, usize)],
    ) -> Result<Vec<Checked>> {
        let parts = thread::split(&self.text, limits)
            .with_context(|| format!("{}: cannot split into a thread", shown(&self.path)))?;
        if parts.is_empty() {
            let findings = engine.check(&self.text, opts);
            let t = Text {
                part: Some((1, 1)),
                ..self
            };
            return Ok(vec![(t, findings)]);
        }
        let n = parts.len();
        let findings = engine.check_thread(&self.text, &parts, opts);
        Ok(parts
            .into_iter()
            .zip(findings)
            .enumerate()
            .map(|(i, (p, f))| {
                let t = Text {
                    path: self.path.clone(),
                    record: self.record,
                    text: p.text,
                    part: Some((i + 1, n)),
                };
                (t, f)
            })
            .collect())
    }
}

fn open(name: &str) -> Result<Box<dyn BufRead>> {
    if name == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let f = std::fs::File::open(name).with_context(|| format!("cannot read `{name}`"))?;
    Ok(Box::new(BufReader::new(f)))
}

fn not_utf8(name: &str, offset: usize) -> anyhow::Error {
    anyhow::anyhow!(
        "`{}` is not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8 and try again",
        shown(name)
    )
}

/// The largest text `tact check` checks as one post: 8 MiB (a post is a few KB; a longer text
/// would take seconds and about 60 bytes of memory per byte). Bigger inputs are reported as
/// not checked, never half-checked.
const MAX_TEXT: u64 = 8 << 20;

fn read_whole(name: &str) -> Result<String> {
    let mut buf = Vec::new();
    open(name)?
        .take(MAX_TEXT + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read `{}`", shown(name)))?;
    if buf.len() as u64 > MAX_TEXT {
        bail!(
            "`{}` is over {} MiB: tact checks one post at a time; split the text, or check an archive of posts as JSON Lines with `--jsonl FIELD`",
            shown(name),
            MAX_TEXT >> 20
        );
    }
    String::from_utf8(buf).map_err(|e| not_utf8(name, e.utf8_error().valid_up_to()))
}

/// The name of an input as shown to the user: `<stdin>` for `-`, control and invisible
/// characters of a file name written as `<U+XXXX>` so they never reach the terminal raw.
fn shown(name: &str) -> String {
    if name == "-" {
        "<stdin>".to_string()
    } else {
        tact::text::visible(name)
    }
}

/// Parses line `n` (1-based) of a JSON Lines input into a text, or `None` for a blank line.
/// A UTF-8 byte order mark before the first record is skipped; a record with a repeated key
/// (which readers take differently: first or last value) is an error naming the key.
fn record(name: &str, n: usize, line: &str, field: &str) -> Result<Option<Text>> {
    let line = match n {
        1 => line.strip_prefix('\u{feff}').unwrap_or(line),
        _ => line,
    };
    if line.trim().is_empty() {
        return Ok(None);
    }
    let v = tact::text::strict_json::parse_object(line.trim_end_matches(['\n', '\r']))
        .map_err(|e| anyhow::anyhow!("{}:{n}: not a valid record: {e}", shown(name)))?;
    let Some(t) = v.get(field).and_then(|t| t.as_str()) else {
        bail!("{}:{n}: record has no string field `{field}`", shown(name));
    };
    Ok(Some(Text {
        path: name.to_string(),
        record: Some(n),
        text: t.to_string(),
        part: None,
    }))
}

/// Streams the records of a JSON Lines input, calling `each` with chunks of at most `CHUNK`.
fn stream_records(
    name: &str,
    field: &str,
    failed: &mut usize,
    mut each: impl FnMut(Vec<Text>) -> Result<()>,
) -> Result<()> {
    let mut reader = open(name)?;
    let (mut buf, mut chunk, mut n, mut offset) = (Vec::new(), Vec::new(), 0, 0);
    loop {
        buf.clear();
        let read = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("cannot read `{}`", shown(name)))?;
        if read == 0 {
            break;
        }
        n += 1;
        // A bad record is reported and skipped; the rest of the archive is still checked.
        let parsed = std::str::from_utf8(&buf)
            .map_err(|e| not_utf8(name, offset + e.valid_up_to()))
            .and_then(|line| record(name, n, line, field));
        offset += read;
        match parsed {
            Ok(Some(t)) => chunk.push(t),
            Ok(None) => {}
            Err(e) => {
                eprintln!("error: {e:#} (record skipped)");
                *failed += 1;
            }
        }
        if chunk.len() >= CHUNK {
            each(std::mem::take(&mut chunk))?;
        }
    }
    if !chunk.is_empty() {
        each(chunk)?;
    }
    Ok(())
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

/// The limits of `platform` that each part of a thread must fit (`--thread`).
///
/// # Errors
/// No platform, or one with no limits.
fn thread_limits(engine: &Engine, platform: Option<&str>) -> Result<Vec<(Unit, usize)>> {
    let info = platform.and_then(|id| engine.platforms().iter().find(|p| p.id == id));
    match info {
        Some(p) if !p.limits.is_empty() => Ok(p.thread_limits()),
        _ => bail!("--thread needs a platform with limits: add e.g. `--platform x`"),
    }
}

fn threshold(f: FailOn) -> Severity {
    match f {
        FailOn::Block => Severity::Block,
        FailOn::Warn => Severity::Warn,
        FailOn::Info => Severity::Info,
    }
}

/// Where findings go, with running totals.
struct Output<'a> {
    out: BufWriter<std::io::StdoutLock<'a>>,
    report: HumanReport,
    format: Format,
    totals: Totals,
    /// Findings past the cap, counted by the summaries ([`Finding::unlisted`]).
    not_listed: Totals,
    records: usize,
    /// `--thread`: the limits of the platform that every part must fit.
    thread: Option<Vec<(Unit, usize)>>,
}

impl Output<'_> {
    /// Checks `texts` in parallel and writes their findings in input order.
    fn chunk(&mut self, engine: &Engine, opts: &CheckOptions, texts: Vec<Text>) -> Result<()> {
        let results: Vec<Checked> = match &self.thread {
            Some(limits) => {
                let threads: Vec<Result<Vec<Checked>>> = texts
                    .into_par_iter()
                    .map(|t| t.thread(engine, opts, limits))
                    .collect();
                let mut parts = Vec::new();
                for t in threads {
                    parts.extend(t?);
                }
                parts
            }
            None => texts
                .into_par_iter()
                .map(|t| {
                    let f = engine.check(&t.text, opts);
                    (t, f)
                })
                .collect(),
        };
        for (t, findings) in results {
            if t.part.is_none_or(|(i, _)| i == 1) {
                self.records += 1;
            }
            self.part_header(&t)?;
            for f in findings {
                self.totals.add(f.severity);
                if let Some(n) = f.unlisted() {
                    self.not_listed.add_many(f.severity, n);
                }
                self.write(&t, &f)?;
            }
        }
        Ok(())
    }

    /// Human output of a thread: each part's number, count and text before its findings.
    fn part_header(&mut self, t: &Text) -> Result<()> {
        let (Format::Human, Some((i, n)), Some(limits)) = (self.format, t.part, &self.thread)
        else {
            return Ok(());
        };
        if n < 2 {
            return Ok(());
        }
        let (unit, max) = limits[0];
        writeln!(
            self.out,
            "── {} part {i}/{n} ({}/{max} {}) ──\n{}\n",
            shown(&t.path),
            count(unit, &t.text),
            unit.label(),
            t.text
        )?;
        Ok(())
    }

    fn write(&mut self, t: &Text, f: &Finding) -> Result<()> {
        let part = t.part.map(|(i, _)| i);
        match self.format {
            Format::Json => writeln!(
                self.out,
                "{}",
                json::finding_line(&t.path, t.record, part, f)
            )?,
            Format::Human => {
                let mut origin = match t.record {
                    Some(r) => format!("{} (record {r})", shown(&t.path)),
                    None => shown(&t.path),
                };
                if let Some((i, n)) = t.part.filter(|&(_, n)| n > 1) {
                    origin.push_str(&format!(" (part {i}/{n})"));
                }
                writeln!(self.out, "{}", self.report.finding(&origin, &t.text, f))?;
            }
        }
        Ok(())
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
        now: match args.now {
            Some(t) => Some(t),
            None => tact_now()?,
        },
    };
    let mut inputs = args.inputs.clone();
    if inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("nothing to check: give a file, or `-` to read standard input");
        }
        inputs.push("-".to_string());
    }
    let stdout = std::io::stdout();
    let color = color_for(&stdout);
    let mut o = Output {
        out: BufWriter::new(stdout.lock()),
        report: HumanReport::new(color).display_order(stdout.is_terminal()),
        format: args.format,
        totals: Totals::default(),
        not_listed: Totals::default(),
        records: 0,
        thread: match args.thread {
            true => Some(thread_limits(&engine, opts.platform.as_deref())?),
            false => None,
        },
    };
    // An input that cannot be read is reported and skipped: the others are still checked,
    // the summary says how many were not, and the exit code is 2 at the end.
    let mut failed = 0;
    // Inputs with nothing but white space: no findings, and the summary says why.
    let mut empty: Vec<String> = Vec::new();
    let report = |e: anyhow::Error, failed: &mut usize| {
        if super::is_broken_pipe(&e) {
            return Err(e);
        }
        eprintln!("error: {e:#}");
        *failed += 1;
        Ok(())
    };
    match &args.jsonl {
        Some(field) => {
            for name in &inputs {
                if let Err(e) = stream_records(name, field, &mut failed, |chunk| {
                    o.chunk(&engine, &opts, chunk)
                }) {
                    report(e, &mut failed)?;
                }
            }
        }
        None => {
            for names in inputs.chunks(CHUNK) {
                let mut texts = Vec::new();
                for n in names {
                    match read_whole(n) {
                        Ok(text) => {
                            if text.trim().is_empty() {
                                empty.push(n.clone());
                            }
                            texts.push(Text {
                                path: n.clone(),
                                record: None,
                                text,
                                part: None,
                            })
                        }
                        Err(e) => report(e, &mut failed)?,
                    }
                }
                o.chunk(&engine, &opts, texts)?;
            }
        }
    }
    let summary = match args.format {
        Format::Json => {
            json::summary_line(inputs.len(), o.records, failed, &o.totals, &o.not_listed)
        }
        Format::Human => {
            let what = if args.jsonl.is_some() {
                "record"
            } else {
                "file"
            };
            // Files: the count is of those read (the others are named above).
            let read = if args.jsonl.is_some() {
                inputs.len()
            } else {
                inputs.len() - failed
            };
            let summary = human_summary(read, o.records, &o.totals, args.jsonl.is_some())
                + &not_listed(&o.not_listed)
                + &empty_note(&empty);
            match failed {
                0 => summary,
                n => format!(
                    "NOT all checked: {n} {what}(s) could not be read (see the errors above); {summary}"
                ),
            }
        }
    };
    writeln!(o.out, "{summary}")?;
    o.out.flush()?;
    if failed > 0 {
        return Ok(super::EXIT_ERROR);
    }
    let over = o.totals.max().is_some_and(|m| m >= threshold(args.fail_on));
    // The process ends next: freeing a big rule set (a million terms) piece by piece would
    // cost more than the check.
    std::mem::forget(engine);
    Ok(if over { 1 } else { 0 })
}

/// The end of the human summary when some inputs were empty: "; <stdin> is empty:
/// nothing to check", or "; 3 inputs are empty: …", else empty.
fn empty_note(empty: &[String]) -> String {
    let name = |n: &str| {
        if n == "-" {
            "<stdin>".to_string()
        } else {
            n.to_string()
        }
    };
    match empty {
        [] => String::new(),
        [one] => format!("; {} is empty: nothing to check", name(one)),
        many => format!(
            "; {} inputs are empty ({}): nothing to check in them",
            many.len(),
            many.iter().map(|n| name(n)).collect::<Vec<_>>().join(", ")
        ),
    }
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

/// The end of the human summary when some rule was capped: " (and 999899 warn not listed: …)",
/// else empty.
fn not_listed(t: &Totals) -> String {
    if t.max().is_none() {
        return String::new();
    }
    let parts: Vec<String> = [(t.block, "block"), (t.warn, "warn"), (t.info, "info")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, s)| format!("{n} {s}"))
        .collect();
    format!(
        " (and {} not listed: a rule lists at most {} findings in one text)",
        parts.join(" · "),
        tact::model::MAX_FINDINGS_PER_RULE
    )
}

/// `TACT_NOW` as a timestamp, if set.
///
/// # Errors
/// The variable is set but is not an RFC 3339 time.
fn tact_now() -> Result<Option<jiff::Timestamp>> {
    match std::env::var("TACT_NOW") {
        Ok(v) => v.parse().map(Some).map_err(|e| {
            anyhow::anyhow!(
                "TACT_NOW `{v}` is not an RFC 3339 time ({e}): write it like 2026-12-02T12:00:00Z"
            )
        }),
        Err(_) => Ok(None),
    }
}
