//! `tact rules eval LABELLED.jsonl`: precision, recall and F1 of the tone rules on posts
//! labelled `tone_ok: true|false`, false alarms and recall per `kind`, and the worst
//! misclassified posts with what drove (or failed to drive) their score.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use tact::engine::eval::{Outcome, Report, evaluate, parse};
use tact::load::LoadOptions;
use tact::model::Severity;

use super::load;

/// Runs the evaluation and prints the report. Exit 0 (2 on unreadable input or rules).
pub fn run(opts: &LoadOptions, file: &Path, at: Severity, worst: usize) -> Result<u8> {
    let engine = match load(opts) {
        Ok(e) => e,
        Err(code) => return Ok(code),
    };
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read `{}`", file.display()))?;
    let posts = parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    if posts.is_empty() {
        anyhow::bail!("{}: no labelled posts", file.display());
    }
    let report = evaluate(&engine, posts, at);
    print(&mut std::io::stdout().lock(), &report, at, worst)?;
    Ok(0)
}

fn print(out: &mut impl Write, r: &Report, at: Severity, worst: usize) -> Result<()> {
    let n = r.outcomes.len();
    writeln!(
        out,
        "tone evaluation: {n} posts, flagged = a tone finding at {at} or above"
    )?;
    writeln!(out, "{}", r.summary())?;
    writeln!(out, "\nper kind:")?;
    for (kind, ok, posts, flagged) in r.by_kind() {
        if ok {
            writeln!(
                out,
                "  acceptable    {kind:<28} false alarms {flagged}/{posts}"
            )?;
        } else {
            writeln!(
                out,
                "  undiplomatic  {kind:<28} found        {flagged}/{posts}"
            )?;
        }
    }
    let wrong = r.worst(worst);
    if !wrong.is_empty() {
        writeln!(out, "\nworst {} misclassified:", wrong.len())?;
    }
    for o in wrong {
        explain(out, o)?;
    }
    let failed = r.counts.fp + r.counts.fn_;
    writeln!(out, "\n{} passed, {failed} failed", n - failed)?;
    Ok(())
}

fn explain(out: &mut impl Write, o: &Outcome) -> Result<()> {
    let what = if o.post.tone_ok {
        "false alarm"
    } else {
        "miss"
    };
    writeln!(
        out,
        "  {} [{}] {what}, score {:.2}: \"{}\"",
        o.post.id.as_deref().unwrap_or("?"),
        o.post.kind.as_deref().unwrap_or("-"),
        o.score,
        tact::text::visible(&o.post.text)
    )?;
    for s in &o.sentences {
        for c in &s.contributions {
            let span = o.post.text.get(c.start..c.end).unwrap_or("");
            let mods: Vec<String> = c
                .modifiers
                .iter()
                .map(|(m, f)| format!("{m} {f:.2}"))
                .collect();
            writeln!(
                out,
                "      {:<24} {:<34} {:.2} {} = {:.2}",
                format!(
                    "\"{}\"",
                    tact::text::visible(span)
                        .chars()
                        .take(22)
                        .collect::<String>()
                ),
                c.entry,
                c.base,
                mods.join(", "),
                c.value
            )?;
        }
    }
    Ok(())
}
