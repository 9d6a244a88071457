//! The learner: L2-regularised logistic regression on the sentence sums, with the post's
//! logit taken from its worst sentence (as the checker decides), fitted by full-batch
//! gradient descent (Adam, a fixed number of steps, no randomness: the same data gives the
//! same weights bit for bit).
//!
//! Parameters, all on VADER's scale:
//! - `T`: the sentence sum at which a post is flagged (`warn = T / sqrt(T² + alpha)`);
//! - one scale `s_c` per category (prior 1): every entry of the category, also those the
//!   data never shows, moves with it;
//! - one deviation `d_e` per entry (prior 0): `w_e = clamp(s_c · w0_e + d_e, 0, 10)`;
//! - one weight per form setting (prior: its current value), clamped to 0–10.
//!
//! Loss: `Σ ω_p · log(1 + exp(−y_p · k · (max_s S_s − T)))` over posts (`y = +1` for
//! undiplomatic), each source file weighing the same in total, plus
//! `λ_c Σ (s_c − 1)² + λ_e Σ d_e² + λ_f Σ (w_f − w0_f)²`. A post a category floor raises
//! to `warn` counts as scored `T + 1` at least (its weights cannot undo the floor).

use super::features::PostX;

/// Regularisation and optimiser settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper {
    /// Penalty on category scales (toward 1).
    pub lambda_category: f64,
    /// Penalty on entry deviations (toward 0).
    pub lambda_entry: f64,
    /// Penalty on form weights (toward their prior).
    pub lambda_form: f64,
    /// Logit per unit of sentence sum.
    pub k: f64,
    /// Gradient steps.
    pub steps: usize,
    /// Adam step size.
    pub rate: f64,
}

impl Default for Hyper {
    fn default() -> Self {
        Hyper {
            lambda_category: 0.02,
            lambda_entry: 0.004,
            lambda_form: 0.01,
            k: 1.5,
            steps: 600,
            rate: 0.05,
        }
    }
}

/// What the learner starts from: the prior weights.
#[derive(Debug, Clone)]
pub struct Prior {
    /// Entry weights.
    pub entries: Vec<f64>,
    /// Category of each entry.
    pub category: Vec<usize>,
    /// Number of categories.
    pub categories: usize,
    /// Form weights ([`super::features::FORMS`] order).
    pub forms: Vec<f64>,
    /// Starting threshold on the sentence sum.
    pub threshold: f64,
}

/// A labelled training example.
#[derive(Debug, Clone)]
pub struct Example<'a> {
    /// Its features.
    pub x: &'a PostX,
    /// Undiplomatic (`tone_ok: false`).
    pub positive: bool,
    /// Its weight in the loss.
    pub weight: f64,
}

/// Fitted parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// Threshold on the sentence sum.
    pub threshold: f64,
    /// Category scales.
    pub scales: Vec<f64>,
    /// Entry weights (after scale, deviation and clamping).
    pub entries: Vec<f64>,
    /// Form weights.
    pub forms: Vec<f64>,
}

impl Fitted {
    /// The sentence sum of `s` under these weights.
    pub fn sum(&self, s: &super::features::SentenceX) -> f64 {
        s.offset
            + s.entries
                .iter()
                .map(|&(e, x)| x * self.entries[e])
                .sum::<f64>()
            + s.forms.iter().map(|&(f, x)| x * self.forms[f]).sum::<f64>()
    }

    /// The post's score: its worst sentence sum (0 without sentences).
    pub fn post(&self, p: &PostX) -> f64 {
        p.sentences.iter().map(|s| self.sum(s)).fold(0.0, f64::max)
    }
}

/// Layout of the parameter vector.
struct Layout {
    cats: usize,
    entries: usize,
    forms: usize,
}

impl Layout {
    fn scale(&self, c: usize) -> usize {
        1 + c
    }
    fn dev(&self, e: usize) -> usize {
        1 + self.cats + e
    }
    fn form(&self, f: usize) -> usize {
        1 + self.cats + self.entries + f
    }
    fn len(&self) -> usize {
        1 + self.cats + self.entries + self.forms
    }
}

fn weights(prior: &Prior, l: &Layout, theta: &[f64]) -> Fitted {
    Fitted {
        threshold: theta[0],
        scales: (0..l.cats).map(|c| theta[l.scale(c)]).collect(),
        entries: (0..l.entries)
            .map(|e| {
                (theta[l.scale(prior.category[e])] * prior.entries[e] + theta[l.dev(e)])
                    .clamp(0.0, 10.0)
            })
            .collect(),
        forms: (0..l.forms)
            .map(|f| theta[l.form(f)].clamp(0.0, 10.0))
            .collect(),
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits the weights to `data`, starting from `prior`.
pub fn fit(prior: &Prior, data: &[Example], h: Hyper) -> Fitted {
    let l = Layout {
        cats: prior.categories,
        entries: prior.entries.len(),
        forms: prior.forms.len(),
    };
    let mut theta = vec![0.0; l.len()];
    theta[0] = prior.threshold;
    for c in 0..l.cats {
        theta[l.scale(c)] = 1.0;
    }
    for f in 0..l.forms {
        theta[l.form(f)] = prior.forms[f];
    }
    let total: f64 = data.iter().map(|d| d.weight).sum::<f64>().max(1e-9);
    let (mut m, mut v) = (vec![0.0; l.len()], vec![0.0; l.len()]);
    let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
    let mut grad = vec![0.0; l.len()];
    for step in 1..=h.steps {
        let w = weights(prior, &l, &theta);
        grad.iter_mut().for_each(|g| *g = 0.0);
        for d in data {
            let (best, sum) =
                d.x.sentences
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (Some(i), w.sum(s)))
                    .fold((None, 0.0), |a, b| if b.1 > a.1 { b } else { a });
            if d.x.floored && sum < w.threshold + 1.0 {
                continue;
            }
            let y = if d.positive { 1.0 } else { -1.0 };
            let z = h.k * (sum - w.threshold);
            // d/dz of log(1 + exp(-y z)) = -y σ(-y z).
            let g = d.weight / total * (-y * sigmoid(-y * z)) * h.k;
            grad[0] -= g;
            let Some(i) = best else { continue };
            let s = &d.x.sentences[i];
            for &(e, x) in &s.entries {
                let raw = theta[l.scale(prior.category[e])] * prior.entries[e] + theta[l.dev(e)];
                if (0.0..=10.0).contains(&raw) {
                    grad[l.scale(prior.category[e])] += g * x * prior.entries[e];
                    grad[l.dev(e)] += g * x;
                }
            }
            for &(f, x) in &s.forms {
                grad[l.form(f)] += g * x;
            }
        }
        for c in 0..l.cats {
            grad[l.scale(c)] += 2.0 * h.lambda_category * (theta[l.scale(c)] - 1.0);
        }
        for e in 0..l.entries {
            grad[l.dev(e)] += 2.0 * h.lambda_entry * theta[l.dev(e)];
        }
        for f in 0..l.forms {
            grad[l.form(f)] += 2.0 * h.lambda_form * (theta[l.form(f)] - prior.forms[f]);
        }
        let (c1, c2) = (1.0 - b1.powi(step as i32), 1.0 - b2.powi(step as i32));
        for j in 0..l.len() {
            m[j] = b1 * m[j] + (1.0 - b1) * grad[j];
            v[j] = b2 * v[j] + (1.0 - b2) * grad[j] * grad[j];
            theta[j] -= h.rate * (m[j] / c1) / ((v[j] / c2).sqrt() + eps);
        }
        theta[0] = theta[0].max(0.5);
    }
    weights(prior, &l, &theta)
}
