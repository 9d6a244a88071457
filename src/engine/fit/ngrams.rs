//! Fitting the learned word weights (`[tone.learned]`, see
//! [`crate::kinds::tone::learned`]): L2-regularised logistic regression over the features
//! of each labelled post (words and word pairs, names masked), by full-batch gradient
//! descent (Adam, a fixed number of steps, features in sorted order: the same data gives
//! the same weights bit for bit).
//!
//! Loss: `Σ ω_p · log(1 + exp(−y_p · (b + Σ_f w_f)))` over posts (`y = +1` for
//! undiplomatic; each source file weighs the same in total) `+ λ/2 · Σ w_f²`, with the
//! intercept `b` fixed ([`Settings::bias`], −1: p 0.27), so a post in words or a language
//! the data never showed does not warn. Only features
//! seen in at least [`Settings::min_posts`] training posts are learned.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::kinds::tone::learned::{self, Learned};

/// Settings of the learned weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Learn them at all.
    pub enabled: bool,
    /// L2 penalty λ.
    pub lambda: f64,
    /// A feature must occur in this many training posts.
    pub min_posts: usize,
    /// The fixed intercept (log-odds of a post without any known feature).
    pub bias: f64,
    /// Learn the intercept instead (starting at `bias`).
    pub learn_bias: bool,
    /// A feature in at least this share of the training posts is `quiet` (counted, never
    /// named).
    pub quiet_share: f64,
    /// Gradient steps.
    pub steps: usize,
    /// Adam step size.
    pub rate: f64,
    /// The warn probability is the lowest (of 0.50, 0.55 … 0.95) whose cross-validated
    /// precision, the learned weights on their own, is at least this.
    pub precision: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: true,
            lambda: 0.003,
            min_posts: 1,
            bias: -0.5,
            learn_bias: false,
            quiet_share: 0.05,
            steps: 400,
            rate: 0.05,
            precision: 0.80,
        }
    }
}

/// The feature keys of each text, once each. A word that only ever starts a sentence or
/// is written in capitals in these texts is taken for a name ([`learned::resolve`]).
pub fn post_features(texts: &[&str]) -> Vec<Vec<String>> {
    let toks: Vec<Vec<learned::Token>> = texts.iter().map(|t| learned::tokens(t)).collect();
    let known: std::collections::HashSet<&str> = toks
        .iter()
        .flatten()
        .filter(|t| !t.maybe_name)
        .map(|t| t.key.as_str())
        .collect();
    toks.iter()
        .map(|ts| {
            let mut ts = ts.clone();
            learned::resolve(&mut ts, |k| known.contains(k));
            learned::features(&ts).into_iter().map(|f| f.key).collect()
        })
        .collect()
}

/// Fits the weights on posts `pick` (`grams[i]`: features of post `i`; `positive[i]`:
/// undiplomatic; `weight[i]`: its weight in the loss). `warn` is stored as given.
pub fn fit(
    grams: &[Vec<String>],
    positive: &[bool],
    weight: &[f64],
    pick: &[usize],
    s: Settings,
    warn: f64,
) -> Learned {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in pick {
        for g in &grams[i] {
            *df.entry(g.as_str()).or_default() += 1;
        }
    }
    let common = (s.quiet_share * pick.len() as f64).max(2.0);
    let quiet: std::collections::HashSet<String> = df
        .iter()
        .filter(|&(_, &n)| n as f64 >= common)
        .map(|(g, _)| g.to_string())
        .collect();
    let vocab: Vec<&str> = df
        .into_iter()
        .filter(|&(_, n)| n >= s.min_posts)
        .map(|(g, _)| g)
        .collect();
    let index: std::collections::HashMap<&str, usize> =
        vocab.iter().enumerate().map(|(i, &g)| (g, i)).collect();
    let rows: Vec<Vec<usize>> = pick
        .iter()
        .map(|&i| {
            let set: BTreeSet<usize> = grams[i]
                .iter()
                .filter_map(|g| index.get(g.as_str()).copied())
                .collect();
            set.into_iter().collect()
        })
        .collect();
    let total: f64 = pick.iter().map(|&i| weight[i]).sum::<f64>().max(1e-9);
    let n = vocab.len() + 1;
    let mut theta = vec![0.0; n];
    theta[0] = s.bias;
    let (mut m, mut v, mut grad) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
    for step in 1..=s.steps {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for (r, &i) in rows.iter().zip(pick) {
            let z = theta[0] + r.iter().map(|&f| theta[f + 1]).sum::<f64>();
            let y = if positive[i] { 1.0 } else { 0.0 };
            let g = weight[i] / total * (learned::sigmoid(z) - y);
            grad[0] += g;
            for &f in r {
                grad[f + 1] += g;
            }
        }
        for j in 1..n {
            grad[j] += s.lambda * theta[j];
        }
        let (c1, c2) = (1.0 - b1.powi(step as i32), 1.0 - b2.powi(step as i32));
        // The intercept stays fixed: a post of words the data never showed is at
        // `sigmoid(bias)`, below any warn probability of the grid.
        if !s.learn_bias {
            grad[0] = 0.0;
        }
        for j in 0..n {
            m[j] = b1 * m[j] + (1.0 - b1) * grad[j];
            v[j] = b2 * v[j] + (1.0 - b2) * grad[j] * grad[j];
            theta[j] -= s.rate * (m[j] / c1) / ((v[j] / c2).sqrt() + eps);
        }
    }
    Learned::new(
        round(theta[0]),
        warn,
        vocab
            .iter()
            .enumerate()
            .map(|(j, &g)| (g.to_string(), round(theta[j + 1])))
            .filter(|&(_, w)| w != 0.0)
            .collect(),
        quiet,
    )
}

/// Rounds to three decimals (the written precision, so the layer reproduces the model).
fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The lowest warn probability of the grid 0.50, 0.55 … 0.95 at which the
/// cross-validated `probs` reach `precision` (at least 3 posts flagged); 0.95 when none.
pub fn choose_warn(probs: &[f64], positive: &[bool], precision: f64) -> f64 {
    (10..=19)
        .map(|k| k as f64 * 0.05)
        .find(|&t| {
            let flagged: Vec<bool> = probs
                .iter()
                .zip(positive)
                .filter(|(p, _)| **p >= t)
                .map(|(_, &y)| y)
                .collect();
            let tp = flagged.iter().filter(|&&y| y).count();
            flagged.len() >= 3 && tp as f64 >= precision * flagged.len() as f64
        })
        .map_or(0.95, round)
}

/// The `[tone.learned]` table of `l`: the heaviest features first.
pub fn render(l: &Learned) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n# Learned word weights (log-odds): words and word pairs of the labelled posts; names\n# are masked as <name>. A post warns when sigmoid(bias + its weights) >= warn.\n# `quiet` features are too common to name in a finding (they still count).\n[tone.learned]\nbias = {:.3}\nwarn = {:.3}",
        l.bias, l.warn
    );
    let mut quiet: Vec<&String> = l
        .quiet
        .iter()
        .filter(|q| l.weights.contains_key(*q))
        .collect();
    quiet.sort();
    let quiet: Vec<String> = quiet.iter().map(|q| super::layer::toml_str(q)).collect();
    let _ = writeln!(
        out,
        "quiet = [{}]\n\n[tone.learned.weights]",
        quiet.join(", ")
    );
    let mut w: Vec<(&String, &f64)> = l.weights.iter().collect();
    w.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    for (k, v) in w {
        let _ = writeln!(out, "{} = {v:.3}", super::layer::toml_str(k));
    }
    out
}
