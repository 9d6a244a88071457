//! `tact rules fit`: fitting the tone weights to labelled posts (DESIGN §8, issue 12).
//!
//! The model stays the explainable one (entries, categories, forms, modifiers,
//! exceptions); the fit only moves its numbers: entry weights (through a scale per
//! category and a deviation per entry), form weights and the thresholds
//! ([`learn`]). Every figure it reports is cross-validated: posts are split into `k`
//! folds stratified by source file, language and label; each fold is scored by a model
//! fitted on the other folds, compiled and run exactly as the checker runs it.
//!
//! - [`features`]: posts → sparse features from the starting model's contributions;
//! - [`learn`]: the regularised logistic regression;
//! - [`layer`]: fitted numbers → a `[tone]` layer (TOML).

pub mod features;
pub mod layer;
pub mod learn;
pub mod ngrams;
pub mod report;

use std::sync::Arc;

use features::{PostX, entry_index, extract, sentence_scores};
use learn::{Example, Fitted, Hyper, Prior};

use crate::kinds::tone::SentenceScore;
use crate::kinds::tone::model::ToneModel;
use crate::model::Severity;
use crate::schema::tone::ToneLayer;

/// One labelled post.
#[derive(Debug, Clone)]
pub struct Post {
    /// Record id (`lg-001`; the source and line when missing).
    pub id: String,
    /// The post.
    pub text: String,
    /// Whether its tone is acceptable.
    pub tone_ok: bool,
    /// `kind` (`(none)` when missing).
    pub kind: String,
    /// `lang` (`en` when missing).
    pub lang: String,
    /// The file it came from (its name).
    pub source: String,
}

/// Reads labelled posts (JSON Lines, the schema of `corpus/tone-dev-examples.jsonl`:
/// `text`, `tone_ok`, optional `id`, `kind`, `lang`).
///
/// # Errors
/// A line that is not such a JSON object (message names the line).
pub fn parse_posts(source: &str, text: &str) -> Result<Vec<Post>, String> {
    Ok(crate::engine::eval::parse(text)?
        .into_iter()
        .map(|l| Post {
            id: l.id.unwrap_or_default(),
            text: l.text,
            tone_ok: l.tone_ok,
            kind: l.kind.unwrap_or_else(|| "(none)".into()),
            lang: l.lang.unwrap_or_else(|| "en".into()),
            source: source.to_string(),
        })
        .collect())
}

/// Settings of a fit.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of folds (≥ 2).
    pub folds: usize,
    /// Regularisation and optimiser.
    pub hyper: Hyper,
    /// The precision the block threshold must reach on the cross-validated scores.
    pub block_precision: f64,
    /// The command line recorded in the layer's header.
    pub command: String,
    /// The `[pack]` id of the layer.
    pub pack: String,
    /// The learned word weights.
    pub learned: ngrams::Settings,
    /// The block threshold of the rules in force before the fit (fitted layers included),
    /// kept when the posts cannot decide it ([`MIN_BLOCK_POSTS`]); `None`: the starting
    /// layers' own.
    pub block_in_force: Option<f64>,
}

/// How one post was judged by a model that did not see it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Index into the posts.
    pub post: usize,
    /// The highest sentence score.
    pub score: f64,
    /// Flagged at `warn` or above.
    pub flagged: bool,
    /// The highest score of a sentence with a `may-block` hit (0 without one).
    pub block_score: f64,
    /// The sentences, explained.
    pub sentences: Vec<SentenceScore>,
}

/// Everything a fit produces.
pub struct FitResult {
    /// The layer to write.
    pub layer: String,
    /// The starting model's judgement of every post.
    pub before: Vec<Outcome>,
    /// Cross-validated judgements of every post (out of fold).
    pub cv: Vec<Outcome>,
    /// The final fit on all posts.
    pub fitted: Fitted,
    /// The chosen thresholds.
    pub levels: layer::Levels,
    /// The starting model.
    pub base: Arc<ToneModel>,
    /// The learned word weights fitted on all posts (`None` when switched off).
    pub learned: Option<crate::kinds::tone::learned::Learned>,
    /// Cross-validated probabilities of the learned weights on their own, per post.
    pub learned_cv: Vec<f64>,
    /// Warnings for the person fitting: too few posts, thresholds kept or moved, pack
    /// examples that fail with the fitted layer. Printed last by [`report::text`].
    pub notes: Vec<String>,
}

/// The fold of each post: within each (source, language, label) group, posts in the order
/// of a hash of their id are dealt to folds in turn.
pub fn folds(posts: &[Post], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..posts.len()).collect();
    let key = |i: usize| {
        let p = &posts[i];
        (
            p.source.clone(),
            p.lang.clone(),
            p.tone_ok,
            crate::kinds::tone::words::word_key(&p.id),
            i,
        )
    };
    order.sort_by_key(|&i| key(i));
    // Dealt in turn over the sorted order: each group is spread evenly, and the next
    // group continues where the last one stopped.
    let mut out = vec![0; posts.len()];
    for (n, i) in order.into_iter().enumerate() {
        out[i] = n % k;
    }
    out
}

fn prior(model: &ToneModel) -> Prior {
    let alpha = model.alpha;
    let warn = model.thresholds.warn;
    Prior {
        entries: model.entries.iter().map(|e| e.weight).collect(),
        category: model.entries.iter().map(|e| e.category).collect(),
        categories: model.categories.len(),
        forms: features::form_weights(model),
        // The sentence sum whose score is `warn`.
        threshold: (warn * alpha.sqrt() / (1.0 - warn * warn).sqrt()).max(0.5),
    }
}

/// The examples of `posts[i]` for `i` in `pick`, each source file weighing the same.
fn examples<'a>(posts: &[Post], xs: &'a [PostX], pick: &[usize]) -> Vec<Example<'a>> {
    let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
    for &i in pick {
        *count.entry(posts[i].source.as_str()).or_default() += 1;
    }
    pick.iter()
        .map(|&i| Example {
            x: &xs[i],
            positive: !posts[i].tone_ok,
            weight: 1.0 / count[posts[i].source.as_str()] as f64,
        })
        .collect()
}

/// The `[tone]` layers of pack `pack` in `sources` (layering order), leaving out layers
/// written by a fit (`fitted = "…"`) unless `keep_fitted`.
///
/// # Errors
/// Every problem in the sources (syntax, unknown keys…).
pub fn tone_layers(
    sources: &[crate::schema::RuleSource],
    pack: &str,
    keep_fitted: bool,
) -> Result<Vec<ToneLayer>, Vec<crate::diag::RuleError>> {
    let layered = crate::load::Layered::build(sources, crate::kinds::validate::validate_layer)?;
    Ok(layered
        .tone
        .into_iter()
        .filter(|l| l.pack == pack && (keep_fitted || l.def.fitted.is_none()))
        .collect())
}

/// Compiles `base` plus the layer text `text` (named `name`).
///
/// # Errors
/// The rule errors of the layer, as text.
pub fn compile_with(base: &[ToneLayer], name: &str, text: &str) -> Result<ToneModel, String> {
    let src = crate::schema::RuleSource {
        name: name.to_string(),
        text: Arc::from(text),
        dir: None,
        layer: 99,
    };
    let layered = crate::load::Layered::build(&[src], crate::kinds::validate::validate_layer)
        .map_err(|e| {
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    let mut layers = base.to_vec();
    layers.extend(layered.tone);
    crate::kinds::tone::compile(&layers).map_err(|e| {
        e.iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Judges `posts[i]` for `i` in `pick` with `model`.
fn judge(model: &ToneModel, posts: &[Post], pick: &[usize], out: &mut Vec<Outcome>) {
    for &i in pick {
        let sentences = sentence_scores(model, &posts[i].text);
        let score = sentences.iter().map(|s| s.score).fold(0.0, f64::max);
        let flagged = sentences
            .iter()
            .any(|s| s.level.is_some_and(|l| l >= Severity::Warn));
        let block_score = sentences
            .iter()
            .filter(|s| crate::kinds::tone::advice::may_block(model, &s.contributions))
            .map(|s| s.score)
            .fold(0.0, f64::max);
        out.push(Outcome {
            post: i,
            score,
            flagged,
            block_score,
            sentences,
        });
    }
}

fn normalise(alpha: f64, s: f64) -> f64 {
    if s <= 0.0 {
        0.0
    } else {
        s / (s * s + alpha).sqrt()
    }
}

/// Warn and info thresholds for a fitted sum threshold; block is set later.
fn levels(model: &ToneModel, f: &Fitted, block: f64) -> layer::Levels {
    let warn = layer::round3(normalise(model.alpha, f.threshold));
    let info = layer::round3(normalise(model.alpha, 0.6 * f.threshold)).min(warn - 0.01);
    layer::Levels {
        info: info.max(0.01),
        warn,
        block: block.max(warn + 0.01).min(1.0),
    }
}

/// Fewest undiplomatic posts with a `may-block` sentence for the data to decide the block
/// threshold; with fewer, the starting layers' block threshold is kept.
pub const MIN_BLOCK_POSTS: usize = 10;

/// Fewer labelled posts than this get a note that the fit is unreliable.
pub const FEW_POSTS: usize = 200;

/// The lowest block threshold whose precision on the cross-validated block scores is at
/// least `target` (over at least 3 posts); 1.0 (never) when there is none. `Err(n)` when
/// only `n` (< [`MIN_BLOCK_POSTS`]) undiplomatic posts have a sentence that may block: too
/// few to decide.
pub fn block_threshold(posts: &[Post], cv: &[Outcome], target: f64) -> Result<f64, usize> {
    let mut scores: Vec<(f64, bool)> = cv
        .iter()
        .filter(|o| o.block_score > 0.0)
        .map(|o| (o.block_score, !posts[o.post].tone_ok))
        .collect();
    let positives = scores.iter().filter(|s| s.1).count();
    if positives < MIN_BLOCK_POSTS {
        return Err(positives);
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut n, mut best) = (0usize, 0usize, 1.0);
    for (i, &(s, pos)) in scores.iter().enumerate() {
        n += 1;
        tp += usize::from(pos);
        let tie = scores.get(i + 1).is_some_and(|x| x.0 == s);
        if !tie && n >= 3 && tp as f64 >= target * n as f64 {
            best = layer::round3(s - 0.0005).max(0.0);
        }
    }
    Ok(best)
}

/// The info threshold lowered (never below the highest pass example's score, never raised)
/// so that every `flag` example of the packs' tone data is at least mentioned, as
/// `tact rules test` requires; and the examples that fail under `m` with that threshold:
/// `(text, undiplomatic)`.
fn keep_examples(
    m: &ToneModel,
    examples: &[(String, bool)],
    lv: layer::Levels,
) -> (layer::Levels, Vec<(String, bool)>) {
    let top = |t: &str| {
        sentence_scores(m, t)
            .iter()
            .map(|s| s.score)
            .fold(0.0, f64::max)
    };
    let scored: Vec<(f64, &(String, bool))> = examples.iter().map(|e| (top(&e.0), e)).collect();
    let lowest_flag = scored
        .iter()
        .filter(|(_, e)| e.1)
        .map(|x| x.0)
        .fold(f64::INFINITY, f64::min);
    let highest_pass = scored
        .iter()
        .filter(|(_, e)| !e.1)
        .map(|x| x.0)
        .fold(0.0, f64::max);
    let mut out = lv;
    let wanted = layer::round3(lowest_flag - 0.0005);
    if wanted < lv.info && wanted > highest_pass && wanted > 0.0 {
        out.info = wanted;
    }
    let failing = scored
        .iter()
        .filter(|(score, e)| (*score >= out.info) != e.1)
        .map(|(_, e)| (*e).clone())
        .collect();
    (out, failing)
}

/// Fits the layers `base` (compiled: `model`) to `posts`, with cross-validation.
///
/// # Errors
/// When a fitted layer does not compile (a bug) or there are too few posts to fold.
pub fn run(base: &[ToneLayer], posts: &[Post], opts: &Options) -> Result<FitResult, String> {
    if posts.len() < opts.folds * 2 || opts.folds < 2 {
        return Err(format!(
            "{} posts are too few for {} folds (need at least two per fold)",
            posts.len(),
            opts.folds
        ));
    }
    let model = Arc::new(crate::kinds::tone::compile(base).map_err(|e| {
        e.iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })?);
    let index = entry_index(&model);
    let xs: Vec<PostX> = posts
        .iter()
        .map(|p| extract(&model, &index, &p.text))
        .collect();
    let pr = prior(&model);
    let all: Vec<usize> = (0..posts.len()).collect();
    let mut before = Vec::new();
    judge(&model, posts, &all, &mut before);
    let fold = folds(posts, opts.folds);
    let split =
        |f: usize| -> (Vec<usize>, Vec<usize>) { all.iter().copied().partition(|&i| fold[i] != f) };
    let words = LearnedData::new(posts, &pack_examples(base));
    let (fold_learned, learned_cv) = words.cross_validate(opts, &split);
    let mut cv = Vec::new();
    for (f, fold_words) in fold_learned.iter().enumerate() {
        let (train, test) = split(f);
        let fitted = learn::fit(&pr, &examples(posts, &xs, &train), opts.hyper);
        let lv = levels(&model, &fitted, 1.0);
        let mut text = layer::render(&opts.pack, &model, &fitted, lv, &layer::Header::default());
        if let Some(l) = fold_words {
            text.push_str(&ngrams::render(l));
        }
        let m = compile_with(base, &format!("fold {}", f + 1), &text)?;
        judge(&m, posts, &test, &mut cv);
    }
    cv.sort_by_key(|o| o.post);
    let fitted = learn::fit(&pr, &examples(posts, &xs, &all), opts.hyper);
    let learned = words.fit_all(opts, &all, &learned_cv);
    let mut notes = Vec::new();
    if posts.len() < FEW_POSTS {
        notes.push(format!(
            "only {} labelled posts: the figures above are rough and the weights can move far \
             on little evidence; fit on at least {FEW_POSTS} posts of the kinds you publish",
            posts.len()
        ));
    }
    let in_force = opts.block_in_force.unwrap_or(model.thresholds.block);
    let (block, kept) = match block_threshold(posts, &cv, opts.block_precision) {
        Ok(b) => (b, None),
        Err(n) => (in_force, Some(n)),
    };
    let render = |lv: layer::Levels| {
        let header = report::header(opts, posts, &cv, lv, kept, learned.as_ref(), &learned_cv);
        let mut text = layer::render(&opts.pack, &model, &fitted, lv, &header);
        if let Some(l) = &learned {
            text.push_str(&ngrams::render(l));
        }
        text
    };
    let mut lv = levels(&model, &fitted, block);
    if let Some(n) = kept {
        let raised = if lv.block > in_force + 0.0005 {
            format!(
                ", raised from {in_force:.3} to stay above the fitted warn threshold {:.3}",
                lv.warn
            )
        } else {
            String::new()
        };
        notes.push(format!(
            "block threshold kept at {:.3} from the rules in force{raised}: only {n} \
             undiplomatic posts have a sentence that may block (threats, profanity, insults of \
             a leader); {MIN_BLOCK_POSTS} are needed to fit it",
            lv.block
        ));
    }
    let mut text = render(lv);
    let m = compile_with(base, "fitted layer", &text)?;
    let (kept, failing) = keep_examples(&m, &pack_examples(base), lv);
    if kept != lv {
        notes.push(format!(
            "info threshold lowered from {:.3} to {:.3} so that the packs' flag examples are \
             still mentioned",
            lv.info, kept.info
        ));
        lv = kept;
        text = render(lv);
        compile_with(base, "fitted layer", &text)?;
    }
    for (example, flag) in &failing {
        notes.push(format!(
            "with this layer the pack's {} example {example:?} {}; `tact rules test` will \
             report it: add labelled posts like it, or disable that example's entry",
            if *flag { "flag" } else { "pass" },
            if *flag {
                "is not flagged"
            } else {
                "is flagged"
            },
        ));
    }
    Ok(FitResult {
        notes,
        layer: text,
        before,
        cv,
        fitted,
        levels: lv,
        base: model,
        learned,
        learned_cv,
    })
}

/// The `examples` of the tone layers (categories and exceptions) as labelled texts:
/// `(text, undiplomatic)`, a `flag` example undiplomatic, a `pass` one acceptable. The
/// pack's authors labelled them, so the learned word weights learn from them too (they
/// are the everyday posts of a desk, such as consular notices, that labelled political
/// posts seldom show); an example with `repeat` is taken once.
pub fn pack_examples(layers: &[ToneLayer]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut add = |ex: &Option<crate::schema::rule::ExamplesDef>| {
        let Some(ex) = ex else { return };
        for (list, bad) in [(&ex.flag, true), (&ex.pass, false)] {
            for e in list {
                let text = match e.get_ref() {
                    crate::schema::rule::ExampleDef::Text(t) => t.clone(),
                    crate::schema::rule::ExampleDef::Detailed(d) => d.text.clone(),
                };
                out.push((text, bad));
            }
        }
    };
    for l in layers {
        l.def
            .categories
            .iter()
            .for_each(|c| add(&c.get_ref().examples));
        l.def
            .exceptions
            .iter()
            .for_each(|x| add(&x.get_ref().examples));
    }
    out
}

/// The posts as the learned weights see them: the labelled posts, then the pack's
/// examples ([`pack_examples`]), which are always trained on and never judged.
struct LearnedData {
    grams: Vec<Vec<String>>,
    positive: Vec<bool>,
    weight: Vec<f64>,
    /// How many of the rows are labelled posts (the rest are pack examples).
    posts: usize,
}

impl LearnedData {
    fn new(posts: &[Post], examples: &[(String, bool)]) -> Self {
        let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
        for p in posts {
            *count.entry(p.source.as_str()).or_default() += 1;
        }
        // An example weighs as a post of the largest file.
        let example_weight = 1.0 / count.values().copied().max().unwrap_or(1) as f64;
        let texts: Vec<&str> = posts
            .iter()
            .map(|p| p.text.as_str())
            .chain(examples.iter().map(|(t, _)| t.as_str()))
            .collect();
        LearnedData {
            grams: ngrams::post_features(&texts),
            positive: posts
                .iter()
                .map(|p| !p.tone_ok)
                .chain(examples.iter().map(|&(_, bad)| bad))
                .collect(),
            weight: posts
                .iter()
                .map(|p| 1.0 / count[p.source.as_str()] as f64)
                .chain(examples.iter().map(|_| example_weight))
                .collect(),
            posts: posts.len(),
        }
    }

    /// `pick` (indices of labelled posts) with every pack example added.
    fn with_examples(&self, pick: &[usize]) -> Vec<usize> {
        pick.iter()
            .copied()
            .chain(self.posts..self.grams.len())
            .collect()
    }

    /// Per fold, the weights fitted without it (with the warn probability chosen from
    /// the out-of-fold probabilities), and those probabilities (0 when switched off).
    fn cross_validate(
        &self,
        opts: &Options,
        split: &dyn Fn(usize) -> (Vec<usize>, Vec<usize>),
    ) -> (Vec<Option<crate::kinds::tone::learned::Learned>>, Vec<f64>) {
        let mut probs = vec![0.0; self.posts];
        if !opts.learned.enabled {
            return (vec![None; opts.folds], probs);
        }
        let mut models = Vec::new();
        for f in 0..opts.folds {
            let (train, test) = split(f);
            let l = ngrams::fit(
                &self.grams,
                &self.positive,
                &self.weight,
                &self.with_examples(&train),
                opts.learned,
                0.5,
            );
            for i in test {
                probs[i] = l.probability(self.grams[i].iter().map(String::as_str));
            }
            models.push(l);
        }
        let warn =
            ngrams::choose_warn(&probs, &self.positive[..self.posts], opts.learned.precision);
        let models = models
            .into_iter()
            .map(|mut l| {
                l.warn = warn;
                Some(l)
            })
            .collect();
        (models, probs)
    }

    /// The weights fitted on every post, with the warn probability chosen from `cv`.
    fn fit_all(
        &self,
        opts: &Options,
        all: &[usize],
        cv: &[f64],
    ) -> Option<crate::kinds::tone::learned::Learned> {
        if !opts.learned.enabled {
            return None;
        }
        let warn = ngrams::choose_warn(cv, &self.positive[..self.posts], opts.learned.precision);
        Some(ngrams::fit(
            &self.grams,
            &self.positive,
            &self.weight,
            &self.with_examples(all),
            opts.learned,
            warn,
        ))
    }
}

#[cfg(test)]
mod tests;
