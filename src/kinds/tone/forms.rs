//! Form detectors (`reference/tone.md` §3.2): scare quotes, second-person accusation,
//! rhetorical questions aimed at a counterpart, clusters of absolutes, ALL-CAPS words and
//! sentences, and punctuation emphasis. Each adds a contribution with id `form/<name>`.

use super::context::{Doc, TargetKind};
use super::score::SentenceCtx;
use super::text::{Quote, Sentence};
use crate::model::Contribution;
use crate::model::Scope;
use crate::text::scope_of;

fn form(doc: &Doc, start: usize, end: usize, id: &str, w: f64) -> Contribution {
    let (s, e) = doc.view.to_source(start, end);
    Contribution {
        start: s,
        end: e,
        entry: id.to_string(),
        base: w,
        modifiers: Vec::new(),
        value: w,
    }
}

/// Whether quotation `q` is a scare quote: 1 to `scare-max-words` words, not attributed, and
/// not a title (several words, most of them capitalised).
pub(super) fn is_scare_quote(doc: &Doc, q: &Quote) -> bool {
    let n = q.hi - q.lo;
    let capitalised = (q.lo..q.hi)
        .filter(|&i| {
            doc.original_word(i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .count();
    let title = n > 1 && capitalised * 2 > n;
    !q.attributed && (1..=doc.model.quotes.scare_max_words).contains(&n) && !title
}

/// Runs every form detector except punctuation on sentence `s`.
pub(super) fn detect(doc: &Doc, s: &Sentence, ctx: &SentenceCtx, out: &mut Vec<Contribution>) {
    scare_quotes(doc, ctx, out);
    second_person(doc, s, out);
    rhetorical(doc, s, ctx, out);
    absolutes(doc, s, ctx, out);
    capitals(doc, s, ctx, out);
}

fn scare_quotes(doc: &Doc, ctx: &SentenceCtx, out: &mut Vec<Contribution>) {
    let q = &doc.model.quotes;
    if !doc.model.form_on("form/scare-quote") {
        return;
    }
    // Three or more short quotations in one sentence are a list of mentions ("answers
    // included 'meetings', 'more meetings' and 'snacks'"), not sneering.
    let scare: Vec<&Quote> = ctx
        .quotes
        .iter()
        .filter(|x| is_scare_quote(doc, x))
        .collect();
    if scare.len() >= 3 {
        return;
    }
    for quote in scare {
        let mut c = form(
            doc,
            quote.open,
            quote.close,
            "form/scare-quote",
            q.scare_weight,
        );
        if q.scare_loaded
            .any_in(&doc.view.text, doc.toks, quote.lo, quote.hi)
        {
            c.modifiers
                .push(("+loaded word".into(), q.scare_loaded_extra));
            c.value += q.scare_loaded_extra;
        }
        out.push(c);
    }
}

fn second_person(doc: &Doc, s: &Sentence, out: &mut Vec<Contribution>) {
    let f = &doc.model.forms;
    if !doc.model.form_on("form/second-person") {
        return;
    }
    let text = &doc.view.text;
    for i in s.lo..s.hi {
        let you = doc
            .model
            .targets
            .second_person
            .match_at(text, &doc.toks[..s.hi], i)
            .is_some()
            || text[..doc.toks[i].start].ends_with('@');
        if !you {
            continue;
        }
        let hi = (i + 1 + f.second_person_window).min(s.hi);
        if let Some(&(_, b)) = f
            .accusation_verbs
            .find_all(text, doc.toks, i + 1, hi)
            .first()
        {
            let (start, end) = (doc.toks[i].start, doc.toks[b - 1].end);
            out.push(form(
                doc,
                start,
                end,
                "form/second-person",
                f.second_person_weight,
            ));
            return;
        }
    }
}

fn rhetorical(doc: &Doc, s: &Sentence, ctx: &SentenceCtx, out: &mut Vec<Contribution>) {
    let f = &doc.model.forms;
    let m = doc.model;
    if !ctx.question || !m.form_on("form/rhetorical-question") {
        return;
    }
    let text = &doc.view.text;
    let template = ctx
        .hits
        .iter()
        .any(|h| m.categories[m.entries[h.entry].category].question_only);
    let exempt = s.lo < s.hi
        && f.rhetorical_exempt_starts
            .match_at(text, &doc.toks[..s.hi], s.lo)
            .is_some();
    let aimed = ctx.targets.iter().any(|t| t.kind != TargetKind::Second);
    let marker = f.rhetorical_markers.find_all(text, doc.toks, s.lo, s.hi);
    if template || exempt || !aimed || marker.is_empty() {
        return;
    }
    let (a, b) = marker[0];
    let mut c = form(
        doc,
        s.start,
        s.end,
        "form/rhetorical-question",
        f.rhetorical_weight,
    );
    c.modifiers.push((
        format!(
            "marker \"{}\"",
            doc.original(doc.toks[a].start, doc.toks[b - 1].end)
        ),
        1.0,
    ));
    out.push(c);
}

fn absolutes(doc: &Doc, s: &Sentence, ctx: &SentenceCtx, out: &mut Vec<Contribution>) {
    let m = &doc.model.modifiers;
    let text = &doc.view.text;
    let exempt = m.absolute_exempt.find_all(text, doc.toks, s.lo, s.hi);
    let found: Vec<(usize, usize)> = m
        .absolutes
        .find_all(text, doc.toks, s.lo, s.hi)
        .into_iter()
        .filter(|&(a, b)| !exempt.iter().any(|&(x, y)| x <= a && b <= y))
        .collect();
    let (Some(&(a, _)), Some(&(_, b))) = (found.first(), found.last()) else {
        return;
    };
    let (start, end) = (doc.toks[a].start, doc.toks[b - 1].end);
    let evidence = out.iter().any(|c| c.value > 0.0);
    if evidence && doc.model.form_on("form/absolutes") {
        let n = found.len().min(m.absolute_max);
        out.push(form(
            doc,
            start,
            end,
            "form/absolutes",
            m.absolute_boost * n as f64,
        ));
    }
    let aimed = ctx.targets.iter().any(|t| t.kind != TargetKind::Second);
    if found.len() >= m.absolute_cluster && aimed && doc.model.form_on("form/absolute-cluster") {
        out.push(form(
            doc,
            start,
            end,
            "form/absolute-cluster",
            m.absolute_cluster_weight,
        ));
    }
}

/// `w.trim_end_matches(suffix)` without building a searcher.
fn trim_all<'a>(mut w: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = w.strip_suffix(suffix) {
        w = rest;
    }
    w
}

/// Whether original word `w` is written in capitals: at least `min` capital letters, none
/// lower-case. Letters of scripts without case (Arabic, Hebrew, Devanagari, Han…) are
/// neither, so such a word is never "in capitals".
fn is_caps(w: &str, min: usize) -> bool {
    w.chars().filter(|c| c.is_uppercase()).count() >= min && !w.chars().any(char::is_lowercase)
}

fn capitals(doc: &Doc, s: &Sentence, ctx: &SentenceCtx, out: &mut Vec<Contribution>) {
    let f = &doc.model.forms;
    let mut caps = Vec::new();
    let mut short = Vec::new();
    let mut shouted = 0;
    let (mut upper, mut letters) = (0usize, 0usize);
    for i in s.lo..s.hi {
        let t = doc.toks[i];
        let (os, oe) = doc.view.to_source(t.start, t.end);
        if !matches!(scope_of(doc.entities, os, oe), Some(Scope::Text)) {
            continue;
        }
        let w = doc.original_word(i);
        // Only letters with case count towards the share of capitals.
        letters += w
            .chars()
            .filter(|c| c.is_uppercase() || c.is_lowercase())
            .count();
        upper += w.chars().filter(|c| c.is_uppercase()).count();
        let bare = trim_all(trim_all(w, "'S"), "'s");
        if is_caps(w, 2) && !w.contains('.') && !f.acronyms.contains(bare) {
            shouted += 1;
            if is_caps(w, f.min_caps_len) {
                caps.push(i);
            } else {
                short.push(i);
            }
        }
    }
    let in_hit = |i: usize| ctx.hits.iter().any(|h| h.lo <= i && i < h.hi);
    if shouted >= f.caps_sentence_min_words
        && letters > 0
        && upper as f64 >= f.caps_sentence_ratio * letters as f64
        && doc.model.form_on("form/caps-sentence")
    {
        out.push(form(
            doc,
            s.start,
            s.end,
            "form/caps-sentence",
            f.caps_sentence_weight,
        ));
        return;
    }
    if !doc.model.form_on("form/caps-word") {
        return;
    }
    // A cluster of shouted words counts its short ones too when one repeats ("NO talks,
    // NO deal, NO…"); distinct short capitals are acronyms (ОБСЕ, ШОС, RSVP).
    let repeats = short.iter().enumerate().any(|(k, &i)| {
        short[k + 1..]
            .iter()
            .any(|&j| doc.original_word(i) == doc.original_word(j))
    });
    if shouted >= f.caps_cluster && repeats {
        caps.extend(short);
        caps.sort_unstable();
    }
    for &i in caps.iter().filter(|&&i| !in_hit(i)).take(f.caps_word_max) {
        let t = doc.toks[i];
        out.push(form(
            doc,
            t.start,
            t.end,
            "form/caps-word",
            f.caps_word_weight,
        ));
    }
}

/// Punctuation emphasis, only when `sum` (the evidence so far, capitals aside) is positive: a run (`!!`, `?!`, `??`) adds the run weight
/// (and `question-run` for `?` runs), and each `!` adds `exclamation-step` (max
/// `exclamation-max`). Returns what it added.
pub(super) fn punctuation(doc: &Doc, s: &Sentence, sum: f64, out: &mut Vec<Contribution>) -> f64 {
    let f = &doc.model.forms;
    let m = &doc.model.modifiers;
    if sum <= 0.0 || !doc.model.form_on("form/punctuation") {
        return 0.0;
    }
    let text = &doc.view.text[s.start..s.end];
    let mut added = 0.0;
    let bytes = text.as_bytes();
    let run_at = (0..bytes.len()).find(|&i| {
        let r = &bytes[i..];
        r.starts_with(b"!!") || r.starts_with(b"?!") || r.starts_with(b"!?") || r.starts_with(b"??")
    });
    if let Some(i) = run_at {
        let len = bytes[i..]
            .iter()
            .take_while(|b| matches!(b, b'!' | b'?'))
            .count();
        let mut w = f.punctuation_run_weight;
        if bytes[i..i + len].contains(&b'?') {
            w += f.question_run;
        }
        out.push(form(
            doc,
            s.start + i,
            s.start + i + len,
            "form/punctuation-run",
            w,
        ));
        added += w;
    }
    let bangs = text.matches('!').count().min(m.exclamation_max);
    if bangs > 0 {
        let i = text.find('!').unwrap_or(0);
        let w = m.exclamation_step * bangs as f64;
        let mut c = form(doc, s.start + i, s.start + i + 1, "form/exclamation", w);
        c.modifiers
            .push((format!("{bangs} × '!'"), m.exclamation_step));
        out.push(c);
        added += w;
    }
    added
}
