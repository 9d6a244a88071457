//! Per-sentence scoring (`reference/tone.md` §3.4): lexicon hits with their modifiers, then
//! form detectors, then punctuation emphasis when the sum is already positive; the sum `s`
//! maps to `s / sqrt(s² + alpha)`; category floors raise the level. The post level is the
//! worst sentence.

use super::context::{Doc, Target, TargetKind, attributed_quote};
use super::forms;
use super::hits::{self, Hit};
use super::model::ToneModel;
use super::text::{self, Quote, Sentence};
use super::words::tokens;
use crate::model::{Contribution, Severity};
use crate::text::{Entity, View, WordBounds};

/// What the scorer reads: the original text and the engine's per-check views.
pub struct Input<'a> {
    /// The original text.
    pub text: &'a str,
    /// The folded view (see [`crate::text::Views`]).
    pub folded: &'a View,
    /// Word boundaries of the folded view.
    pub bounds: &'a WordBounds,
    /// Entities of the original text (URLs, mentions, hashtags…).
    pub entities: &'a [Entity],
}

/// The score of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceScore {
    /// Start byte of the sentence in the original text.
    pub start: usize,
    /// End byte (exclusive) in the original text.
    pub end: usize,
    /// Sum of contributions.
    pub sum: f64,
    /// `sum / sqrt(sum² + alpha)`, 0–1.
    pub score: f64,
    /// The level from the thresholds, raised by floors.
    pub level: Option<Severity>,
    /// The category whose floor raised the level, if one did.
    pub floored_by: Option<String>,
    /// Every contribution (also those cancelled to 0), in text order.
    pub contributions: Vec<Contribution>,
    /// Categories with counted hits (indices into the model's categories).
    pub categories: Vec<usize>,
    /// The probability of the learned word weights when they raised this sentence to
    /// `warn` ([`super::learned`]); their features are then in `contributions`.
    pub learned: Option<f64>,
}

/// Post-wide facts for sarcasm incongruity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Post {
    /// A mockery hit or a scare quote somewhere in the post.
    pub mockery: bool,
    /// A negative-event word somewhere in the post.
    pub negative_event: bool,
}

/// Scores every sentence of a text.
pub fn score(model: &ToneModel, input: &Input) -> Vec<SentenceScore> {
    let toks = tokens(&input.folded.text);
    let doc = Doc {
        model,
        text: input.text,
        view: input.folded,
        toks: &toks,
        entities: input.entities,
    };
    let sentences = text::sentences(input.folded, input.text, &toks, model);
    let literal = hits::literals(model, input.folded, input.bounds, input.entities, &toks);
    let occ = model.prefilter.occurrences(&input.folded.text);
    let mut per: Vec<(Vec<Hit>, Vec<Quote>)> = sentences
        .iter()
        .map(|s| {
            // Literal hits are sorted by start.
            let from = literal.partition_point(|h| h.start < s.start);
            let to = literal.partition_point(|h| h.start < s.end);
            let mut h: Vec<Hit> = literal[from..to].to_vec();
            hits::patterns(model, input.folded, input.entities, &toks, s, &occ, &mut h);
            hits::dedupe(model, &mut h);
            (h, text::quotes(&input.folded.text, s, &toks, model))
        })
        .collect();
    let post = Post {
        mockery: per.iter().any(|(h, q)| {
            h.iter().any(|h| {
                let e = &model.entries[h.entry];
                e.weight > 0.0 && model.categories[e.category].mockery
            }) || q.iter().any(|q| forms::is_scare_quote(&doc, q))
        }),
        negative_event: model.sarcasm.negative_events.any_in(
            &input.folded.text,
            &toks,
            0,
            toks.len(),
        ),
    };
    let mut scores: Vec<SentenceScore> = sentences
        .iter()
        .zip(per.iter_mut())
        .map(|(s, (h, q))| sentence(&doc, s, h, q, post))
        .collect();
    if let Some(l) = &model.learned {
        super::learned::apply(l, input.text, &mut scores);
    }
    scores
}

fn contribution(doc: &Doc, start: usize, end: usize, entry: &str, base: f64) -> Contribution {
    let (s, e) = doc.view.to_source(start, end);
    Contribution {
        start: s,
        end: e,
        entry: entry.to_string(),
        base,
        modifiers: Vec::new(),
        value: base,
    }
}

/// Whether `text` has a run of three or more `!`/`?` (`!!!`, `?!?`).
fn long_run(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b == b'!' || b == b'?' { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}

fn is_question(doc: &Doc, s: &Sentence) -> bool {
    doc.view.text[s.start..s.end]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '!')
        .trim_end_matches('!')
        .ends_with('?')
}

/// Scores hit `h`; `None` when the hit does not apply here at all (question-only outside a
/// question, too few repetitions, or a repetition already counted).
fn hit_value(
    doc: &Doc,
    s: &Sentence,
    h: &Hit,
    ctx: &SentenceCtx,
    post: Post,
) -> Option<Contribution> {
    let m = doc.model;
    let e = &m.entries[h.entry];
    let cat = &m.categories[e.category];
    let reps = ctx.hits.iter().filter(|x| x.entry == h.entry).count();
    let first = ctx
        .hits
        .iter()
        .find(|x| x.entry == h.entry)
        .is_some_and(|x| x == h);
    if (cat.question_only && !ctx.question)
        || reps < e.min_repeat
        || (cat.repeat_boost > 0.0 && !first)
    {
        return None;
    }
    let mut c = contribution(doc, h.start, h.end, &e.id, e.weight);
    let mut add = 0.0;
    let mut factor = 1.0;
    let mut mult = |c: &mut Contribution, label: String, f: f64| {
        c.modifiers.push((label, f));
        factor *= f;
    };
    // An emoji comments on its whole sentence: aimed at the sentence's strongest target.
    let emoji = !doc.view.text[h.start..h.end]
        .chars()
        .any(char::is_alphanumeric);
    let near = if emoji {
        ctx.targets.iter().max_by_key(|t| t.kind)
    } else {
        doc.nearest_target(&ctx.targets, h.lo, h.hi)
    };
    if let Some(x) = doc.exception(&ctx.exceptions, h) {
        mult(&mut c, format!("exception {}", x.id), 0.0);
    }
    if cat.incongruity {
        let n = usize::from(near.is_some())
            + usize::from(post.negative_event)
            + usize::from(post.mockery);
        if n < m.sarcasm.incongruity_min {
            mult(&mut c, format!("no incongruity ({n} of 3 cues)"), 0.0);
        }
    }
    // An entry that is itself a negation ("no mercy") is not undone by an earlier one
    // ("no talks, no ceasefire and no mercy").
    if cat.negatable
        && !doc.starts_with_negation(s, h)
        && let Some(w) = doc.negation(s, h)
    {
        mult(
            &mut c,
            format!("negated by \"{w}\""),
            m.modifiers.negation_factor,
        );
    }
    for (w, inc) in doc.boosters(s, h.lo) {
        c.modifiers.push((format!("+booster \"{w}\""), inc));
        add += inc;
    }
    let orig = doc.original(h.start, h.end);
    if orig.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !orig.chars().any(char::is_lowercase)
    {
        c.modifiers
            .push(("+capitals".into(), m.modifiers.caps_increment));
        add += m.modifiers.caps_increment;
    }
    if cat.repeat_boost > 0.0 && reps > 1 {
        let inc = cat.repeat_boost * (reps - 1).min(3) as f64;
        c.modifiers.push((format!("+repeated ×{reps}"), inc));
        add += inc;
    }
    if attributed_quote(&ctx.quotes, h).is_some() {
        mult(
            &mut c,
            "attributed quotation".into(),
            m.quotes.attributed_factor,
        );
    } else if doc.reported(s, h.lo) {
        mult(
            &mut c,
            "reported speech".into(),
            m.modifiers.reported_factor,
        );
    }
    match near {
        Some(t) => {
            let label = doc
                .original(doc.toks[t.lo].start, doc.toks[t.hi - 1].end)
                .to_string();
            if t.kind == TargetKind::Leader {
                mult(
                    &mut c,
                    format!("aimed at leader role \"{label}\""),
                    m.targets.leader_factor,
                );
            } else {
                mult(
                    &mut c,
                    format!("aimed at \"{label}\""),
                    m.targets.aimed_factor,
                );
            }
        }
        None if e.needs_target => mult(&mut c, "unaimed".into(), m.targets.unaimed_factor),
        None => {}
    }
    c.value = (e.weight + add) * factor;
    Some(c)
}

/// Per-sentence context shared by the hit and form scorers.
pub struct SentenceCtx {
    /// Lexicon hits in the sentence.
    pub hits: Vec<Hit>,
    /// Quotations in the sentence.
    pub quotes: Vec<Quote>,
    /// Targets in the sentence.
    pub targets: Vec<Target>,
    /// Whether the sentence is a question.
    pub question: bool,
    /// Exception phrases and near words in the sentence (empty without hits).
    pub exceptions: Vec<super::context::ExceptionSpans>,
}

fn sentence(
    doc: &Doc,
    s: &Sentence,
    h: &mut Vec<Hit>,
    q: &mut Vec<Quote>,
    post: Post,
) -> SentenceScore {
    let m = doc.model;
    let exceptions = if h.is_empty() {
        Vec::new()
    } else {
        doc.exception_spans(s, h)
    };
    let ctx = SentenceCtx {
        exceptions,
        hits: std::mem::take(h),
        quotes: std::mem::take(q),
        targets: doc.targets(s),
        question: is_question(doc, s),
    };
    let scored: Vec<(usize, Contribution)> = ctx
        .hits
        .iter()
        .filter_map(|h| hit_value(doc, s, h, &ctx, post).map(|c| (h.entry, c)))
        .collect();
    let mut categories = Vec::new();
    let mut floor: Option<(Severity, String)> = None;
    for (entry, c) in &scored {
        if c.value <= 0.0 {
            continue;
        }
        let e = &m.entries[*entry];
        let cat = &m.categories[e.category];
        if !categories.contains(&e.category) {
            categories.push(e.category);
        }
        if let Some(f) = cat.floor
            && e.sureness >= cat.floor_sureness
            && floor.as_ref().is_none_or(|(g, _)| f > *g)
        {
            floor = Some((f, cat.id.clone()));
        }
    }
    let mut contributions: Vec<Contribution> = scored.into_iter().map(|(_, c)| c).collect();
    forms::detect(doc, s, &ctx, &mut contributions);
    let sum: f64 = contributions.iter().map(|c| c.value).sum();
    // Capitals alone do not turn on punctuation emphasis ("THANK YOU!!" stays a hint),
    // unless the marks run to three or more ("NEVER!!!"): shouting by both.
    let shout = long_run(&doc.view.text[s.start..s.end]);
    let evidence: f64 = contributions
        .iter()
        .filter(|c| shout || (c.entry != "form/caps-sentence" && c.entry != "form/caps-word"))
        .map(|c| c.value)
        .sum();
    let sum = sum + forms::punctuation(doc, s, evidence, &mut contributions);
    contributions.sort_by_key(|c| (c.start, c.end));
    let score = m.normalise(sum);
    let by_score = m.thresholds.level(score);
    let (level, floored_by) = match floor {
        Some((f, id)) if by_score.is_none_or(|l| f > l) => (Some(f), Some(id)),
        _ => (by_score, None),
    };
    let (start, end) = doc.view.to_source(s.start, s.end);
    SentenceScore {
        start,
        end,
        sum,
        score,
        level,
        floored_by,
        contributions,
        categories,
        learned: None,
    }
}
