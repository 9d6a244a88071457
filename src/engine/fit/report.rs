//! Figures of a fit: precision, recall and F1 per source file, language and kind, the
//! weights that moved most, and the worst cross-validated errors with their explanations.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::layer::{Header, Levels};
use super::{FitResult, Options, Outcome, Post};

pub use crate::engine::eval::Counts;
use crate::engine::eval::{badness, contribution_line, error_name};

/// Counts of `outcomes` grouped by `key` of each post.
pub fn by<'a>(
    posts: &'a [Post],
    outcomes: &[Outcome],
    key: impl Fn(&'a Post) -> String,
) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for o in outcomes {
        let p = &posts[o.post];
        out.entry(key(p)).or_default().add(!p.tone_ok, o.flagged);
    }
    out
}

/// Counts per source file of the learned weights on their own: post `i` flagged when its
/// cross-validated probability `cv[i]` reaches `warn`.
pub fn learned_by_source(posts: &[Post], cv: &[f64], warn: f64) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for (p, &q) in posts.iter().zip(cv) {
        out.entry(p.source.clone())
            .or_default()
            .add(!p.tone_ok, q >= warn);
    }
    out
}

/// The header lines of the written layer: data and cross-validated figures per source.
pub fn header(
    opts: &Options,
    posts: &[Post],
    cv: &[Outcome],
    levels: Levels,
    block_kept: Option<usize>,
    learned: Option<&crate::kinds::tone::learned::Learned>,
    learned_cv: &[f64],
) -> Header {
    let sources = by(posts, cv, |p| p.source.clone());
    let mut lines = vec![format!(
        "Data: {} labelled posts; {}-fold cross-validation stratified by file, language and label.",
        posts.len(),
        opts.folds
    )];
    lines.push(format!(
        "Regularisation: category {} entry {} form {}; k {}; {} steps.",
        opts.hyper.lambda_category,
        opts.hyper.lambda_entry,
        opts.hyper.lambda_form,
        opts.hyper.k,
        opts.hyper.steps
    ));
    lines.push("Cross-validated at warn (posts scored by a model fitted without them):".into());
    for (s, c) in &sources {
        lines.push(format!("  {s}: {}", c.line()));
    }
    lines.push(match block_kept {
        None => format!(
            "Block threshold {:.3}: the lowest whose cross-validated precision on may-block sentences is >= {}.",
            levels.block, opts.block_precision
        ),
        Some(n) => format!(
            "Block threshold {:.3}: kept from the rules in force (not fitted: only {n} undiplomatic posts may block).",
            levels.block
        ),
    });
    if let Some(l) = learned {
        lines.push(format!(
            "Learned word weights: {} features (in >= {} posts), lambda {}; warn at p >= {:.2}, the lowest whose cross-validated precision on their own is >= {}:",
            l.weights.len(),
            opts.learned.min_posts,
            opts.learned.lambda,
            l.warn,
            opts.learned.precision
        ));
        for (s, c) in learned_by_source(posts, learned_cv, l.warn) {
            lines.push(format!("  {s}: {}", c.line()));
        }
    }
    let names: Vec<&str> = sources.keys().map(String::as_str).collect();
    Header {
        command: opts.command.clone(),
        lines,
        fitted: format!("{} ({} posts)", names.join(", "), posts.len()),
    }
}

/// Precision and recall at block over the cross-validated block scores.
pub fn block_counts(posts: &[Post], cv: &[Outcome], block: f64) -> Counts {
    let mut c = Counts::default();
    for o in cv {
        c.add(!posts[o.post].tone_ok, o.block_score >= block);
    }
    c
}

/// The full printed report of a fit.
pub fn text(r: &FitResult, posts: &[Post], worst: usize) -> String {
    let mut out = String::new();
    let mut section =
        |title: &str, groups: BTreeMap<String, Counts>, before: &BTreeMap<String, Counts>| {
            let _ = writeln!(
                out,
                "\n{title} (cross-validated; before fitting in brackets):"
            );
            for (k, c) in groups {
                let b = before.get(&k).copied().unwrap_or_default();
                let _ = writeln!(out, "  {k:<34} {}   [F1 {:.3}]", c.line(), b.f1());
            }
        };
    let src = |p: &Post| p.source.clone();
    section(
        "per file",
        by(posts, &r.cv, src),
        &by(posts, &r.before, src),
    );
    let lang = |p: &Post| format!("{} {}", p.source, p.lang);
    section(
        "per language",
        by(posts, &r.cv, lang),
        &by(posts, &r.before, lang),
    );
    let mut kinds = String::new();
    let cv_kind = by(posts, &r.cv, |p| {
        format!("{}|{}|{}", p.source, p.tone_ok, p.kind)
    });
    let before_kind = by(posts, &r.before, |p| {
        format!("{}|{}|{}", p.source, p.tone_ok, p.kind)
    });
    let _ = writeln!(
        kinds,
        "\nper kind (cross-validated; before fitting in brackets):"
    );
    for (k, c) in &cv_kind {
        let mut parts = k.splitn(3, '|');
        let (s, ok, kind) = (
            parts.next().unwrap_or(""),
            parts.next() == Some("true"),
            parts.next().unwrap_or(""),
        );
        let b = before_kind.get(k).copied().unwrap_or_default();
        if ok {
            let _ = writeln!(
                kinds,
                "  {s:<24} acceptable    {kind:<26} warned {}/{}   [{}]",
                c.fp,
                c.fp + c.tn,
                b.fp
            );
        } else {
            let _ = writeln!(
                kinds,
                "  {s:<24} undiplomatic  {kind:<26} found  {}/{}   [{}]",
                c.tp,
                c.tp + c.fn_,
                b.tp
            );
        }
    }
    out.push_str(&kinds);
    let bc = block_counts(posts, &r.cv, r.levels.block);
    let _ = writeln!(
        out,
        "\nthresholds: info {:.3}  warn {:.3}  block {:.3}; at block (may-block sentences only): {}",
        r.levels.info,
        r.levels.warn,
        r.levels.block,
        bc.line()
    );
    changes(&mut out, r);
    worst_errors(&mut out, r, posts, worst);
    if !r.notes.is_empty() {
        let _ = writeln!(out);
        for n in &r.notes {
            let _ = writeln!(out, "note: {n}");
        }
    }
    out
}

fn changes(out: &mut String, r: &FitResult) {
    let m = &r.base;
    let _ = writeln!(out, "\ncategory scales (1 = unchanged):");
    let mut scales: Vec<(usize, f64)> = r.fitted.scales.iter().copied().enumerate().collect();
    scales.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let line: Vec<String> = scales
        .iter()
        .map(|(c, s)| format!("{} ×{s:.2}", m.categories[*c].id))
        .collect();
    let _ = writeln!(out, "  {}", line.join(", "));
    let mut moved: Vec<(f64, usize)> = m
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (r.fitted.entries[i] - e.weight, i))
        .filter(|(d, _)| d.abs() >= 0.0005)
        .collect();
    moved.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let show = |out: &mut String, items: &[(f64, usize)]| {
        for &(d, i) in items {
            let e = &m.entries[i];
            let _ = writeln!(
                out,
                "  {:<40} {:.2} → {:.2} ({d:+.2})",
                e.id, e.weight, r.fitted.entries[i]
            );
        }
    };
    let _ = writeln!(out, "\nentries that gained most:");
    show(out, &moved[..moved.len().min(12)]);
    let _ = writeln!(out, "\nentries that lost most:");
    let lost: Vec<(f64, usize)> = moved.iter().rev().take(12).copied().collect();
    show(out, &lost);
    let _ = writeln!(out, "\nform weights:");
    let priors = super::features::form_weights(m);
    for (i, f) in super::features::FORMS.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:<30} {:.2} → {:.2}",
            f.id, priors[i], r.fitted.forms[i]
        );
    }
}

fn worst_errors(out: &mut String, r: &FitResult, posts: &[Post], n: usize) {
    let mut wrong: Vec<&Outcome> =
        r.cv.iter()
            .filter(|o| o.flagged == posts[o.post].tone_ok)
            .collect();
    let bad = |o: &Outcome| badness(posts[o.post].tone_ok, o.score);
    wrong.sort_by(|a, b| bad(b).total_cmp(&bad(a)).then(a.post.cmp(&b.post)));
    let _ = writeln!(
        out,
        "\nworst {} cross-validated errors:",
        wrong.len().min(n)
    );
    for o in wrong.into_iter().take(n) {
        let p = &posts[o.post];
        let _ = writeln!(
            out,
            "  {} [{} {}] {}, score {:.2}: \"{}\"",
            p.id,
            p.lang,
            p.kind,
            error_name(p.tone_ok),
            o.score,
            crate::text::visible(&p.text)
                .chars()
                .take(160)
                .collect::<String>()
        );
        for s in &o.sentences {
            for c in s
                .contributions
                .iter()
                .filter(|c| c.value != 0.0 || !c.modifiers.is_empty())
            {
                let _ = writeln!(out, "{}", contribution_line(&p.text, c, 26, 32));
            }
        }
    }
}
