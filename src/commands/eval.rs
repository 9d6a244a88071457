//! `tact rules eval LABELLED.jsonl`: precision, recall and F1 of the tone rules on posts
//! labelled `tone_ok: true|false`, false alarms and recall per `kind`, and the worst
//! misclassified posts with what drove (or failed to drive) their score.
//!
//! The harness lives here, in the binary; the library gives the format, the counting and the
//! figures it shares with `tact rules fit` ([`tact::engine::eval`]).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use tact::engine::eval::{
    Counts, Labelled, badness, contribution_line, error_name, parse, verdict,
};
use tact::engine::{CheckOptions, Engine};
use tact::kinds::tone::SentenceScore;
use tact::load::LoadOptions;
use tact::model::Severity;

use super::load;

/// The outcome for one post.
struct Outcome {
    /// The post.
    post: Labelled,
    /// Whether tact flagged it at the chosen level.
    flagged: bool,
    /// The highest tone score of its sentences (0 when none scored).
    score: f64,
    /// Every sentence's score, also below `info` (to explain misses).
    sentences: Vec<SentenceScore>,
}

impl Outcome {
    /// Whether tact's decision matches the label.
    fn correct(&self) -> bool {
        self.flagged != self.post.tone_ok
    }
}

/// Every post's outcome, in input order, and the confusion counts at the evaluated level.
#[derive(Default)]
struct Report {
    outcomes: Vec<Outcome>,
    counts: Counts,
}

impl Report {
    /// Per `kind`: `(kind, tone_ok, posts, flagged)`, sorted by label then kind.
    fn by_kind(&self) -> Vec<(String, bool, usize, usize)> {
        let mut out: Vec<(String, bool, usize, usize)> = Vec::new();
        for o in &self.outcomes {
            let k = o.post.kind.clone().unwrap_or_else(|| "(none)".into());
            match out.iter_mut().find(|x| x.0 == k && x.1 == o.post.tone_ok) {
                Some(x) => {
                    x.2 += 1;
                    x.3 += usize::from(o.flagged);
                }
                None => out.push((k, o.post.tone_ok, 1, usize::from(o.flagged))),
            }
        }
        out.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
        out
    }

    /// Misclassified posts, worst first: misses by lowest score, false alarms by highest.
    fn worst(&self, n: usize) -> Vec<&Outcome> {
        let mut wrong: Vec<&Outcome> = self.outcomes.iter().filter(|o| !o.correct()).collect();
        let bad = |o: &Outcome| badness(o.post.tone_ok, o.score);
        wrong.sort_by(|a, b| bad(b).total_cmp(&bad(a)));
        wrong.truncate(n);
        wrong
    }
}

/// Checks every post and counts the outcomes at level `at`.
fn evaluate(engine: &Engine, posts: Vec<Labelled>, at: Severity) -> Report {
    let mut r = Report::default();
    let opts = CheckOptions::default();
    for post in posts {
        let (_, flagged, score) = verdict(engine.check(&post.text, &opts), at);
        r.counts.add(!post.tone_ok, flagged);
        let sentences = tact::kinds::tone::sentence_scores(engine.rules(), &post.text);
        r.outcomes.push(Outcome {
            post,
            flagged,
            score,
            sentences,
        });
    }
    r
}

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
    writeln!(out, "{}", r.counts.summary())?;
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
    writeln!(
        out,
        "  {} [{}] {}, score {:.2}: \"{}\"",
        o.post.id.as_deref().unwrap_or("?"),
        o.post.kind.as_deref().unwrap_or("-"),
        error_name(o.post.tone_ok),
        o.score,
        tact::text::visible(&o.post.text)
    )?;
    for s in &o.sentences {
        for c in &s.contributions {
            writeln!(out, "{}", contribution_line(&o.post.text, c, 24, 34))?;
        }
    }
    Ok(())
}
