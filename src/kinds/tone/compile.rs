//! Compiling the `[tone]` layers of a pack into a [`ToneModel`]: settings override layer by
//! layer, lists append, categories and exceptions with the same id merge (entries and
//! examples append). Errors point at file:line:col of the value at fault.

use aho_corasick::{AhoCorasick, MatchKind};

use super::model::{CategoryInfo, Entry, Exception, Thresholds, ToneModel};
use super::{patterns, settings};
use crate::diag::RuleError;
use crate::kinds::example::{Example, Examples};
use crate::kinds::terms::KeyTable;
use crate::model::LineIndex;
use crate::schema::rule::ExamplesDef;
use crate::schema::tone::{CategoryDef, EntryDef, ExceptionDef, ToneLayer};
use crate::text::fold_str;

impl ToneLayer {
    fn err(&self, span: std::ops::Range<usize>, msg: impl Into<String>) -> RuleError {
        RuleError::at(&self.file, &self.source, (span.start, span.end), msg)
    }
}

/// Literal keys and their `(entry, stem)` owners, before the automaton is built.
#[derive(Default)]
struct Literals(KeyTable<(usize, bool)>);

impl Literals {
    fn add(&mut self, term: &str, entry: usize) {
        self.add_folded(term, fold_str(term.trim_end_matches('*')), entry);
    }

    /// Adds `term`, whose `fold_str(term.trim_end_matches('*'))` is `key`.
    fn add_folded(&mut self, term: &str, key: String, entry: usize) {
        let stem = term.ends_with('*') && term.chars().count() > 1;
        self.0.add(key, (entry, stem));
    }
}

/// The compiled pieces collected while walking the layers.
struct Builder {
    /// Line starts of the layer being compiled (for example line numbers).
    lines: LineIndex,
    categories: Vec<CategoryInfo>,
    entries: Vec<Entry>,
    /// The ids of `entries` (a duplicate id is found by hash, not by a scan of every entry).
    entry_ids: std::collections::HashSet<String>,
    literals: Literals,
    patterns: Vec<crate::kinds::pattern::Pattern>,
    pattern_entries: Vec<usize>,
    /// What every pattern's matches contain ([`patterns::required_literals`]).
    pattern_literals: Vec<Option<Vec<Vec<u8>>>>,
    exceptions: Vec<Exception>,
    examples: Examples,
    errors: Vec<RuleError>,
}

/// The entry id of a term without one; `folded` is `fold_str(term.trim_end_matches('*'))`,
/// the same as `fold_str(term)` unless the term ends with `*`.
fn derived_id(term: &str, folded: &str) -> String {
    let own;
    let folded = if term.ends_with('*') {
        own = fold_str(term);
        own.as_str()
    } else {
        folded
    };
    folded
        .trim_end_matches('*')
        .split(' ')
        .collect::<Vec<_>>()
        .join("-")
}

/// `\b` in a tone pattern is an ASCII word boundary (`(?-u:\b)`), so the pattern set runs
/// on the lazy DFA even when the post contains emoji or other non-ASCII text (a Unicode `\b`
/// falls back to a much slower engine there). Write `(?u:\b)` for a Unicode boundary.
fn ascii_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(d) => {
                    out.push('\\');
                    out.push(d);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Uzbek is written with U+02BB (ʻ) as well as `'` in oʻ and gʻ: a term with `'` also
/// matches the U+02BB spelling. (U+2019 and U+02BC already fold to `'` in the views.)
fn spellings(term: &str) -> Vec<String> {
    if term.contains('\'') {
        vec![term.to_string(), term.replace('\'', "\u{02BB}")]
    } else {
        vec![term.to_string()]
    }
}

impl Builder {
    fn add_examples(&mut self, layer: &ToneLayer, ex: &Option<ExamplesDef>) {
        let Some(ex) = ex else { return };
        let lines = &self.lines;
        let example = |e: &toml::Spanned<crate::schema::rule::ExampleDef>| {
            let at = e.span().start.min(layer.source.len());
            let line = lines.line_col(&layer.source, at).0;
            Example::from_def(e, &layer.file, &layer.source, line)
        };
        self.examples.flag.extend(ex.flag.iter().map(example));
        self.examples.pass.extend(ex.pass.iter().map(example));
    }

    fn category(&mut self, layer: &ToneLayer, c: &CategoryDef) -> usize {
        let id = c.id.get_ref().clone();
        let i = match self.categories.iter().position(|x| x.id == id) {
            Some(i) => i,
            None => {
                if c.label.is_none() && !self.categories.is_empty() {
                    self.errors.push(self.unknown_category(layer, c));
                }
                self.categories.push(CategoryInfo {
                    label: id.clone(),
                    id,
                    needs_target: false,
                    floor: None,
                    floor_sureness: 0,
                    mockery: false,
                    incongruity: false,
                    question_only: false,
                    repeat_boost: 0.0,
                    negatable: true,
                    suggest: String::new(),
                    may_block: false,
                });
                self.categories.len() - 1
            }
        };
        let info = &mut self.categories[i];
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = c.$f.clone() { info.$f = v; } )* };
        }
        set!(
            label,
            needs_target,
            floor_sureness,
            mockery,
            incongruity,
            question_only,
            repeat_boost,
            negatable,
            suggest,
            may_block
        );
        if c.floor.is_some() {
            info.floor = c.floor;
        }
        self.add_examples(layer, &c.examples);
        i
    }

    /// The error for a category id that no earlier layer defines, given without a `label`
    /// (almost always a misspelt id: `insults` for `insult`).
    fn unknown_category(&self, layer: &ToneLayer, c: &CategoryDef) -> crate::diag::RuleError {
        let id = c.id.get_ref();
        let near = self
            .categories
            .iter()
            .map(|x| (strsim::levenshtein(id, &x.id), x.id.as_str()))
            .filter(|(d, _)| *d <= 3)
            .min()
            .map(|(_, n)| n);
        let help = match near {
            Some(n) => format!(
                "did you mean `{n}`? To add to a category, use its exact id; to add a new category, give it a `label`"
            ),
            None => "to add to a category, use its exact id (`tact rules list` and rules/tone.toml show them); to add a new category, give it a `label`".to_string(),
        };
        layer
            .err(
                c.id.span(),
                format!("no earlier layer defines the tone category `{id}`"),
            )
            .with_help(help)
    }

    fn entry(&mut self, layer: &ToneLayer, cat: usize, e: &toml::Spanned<EntryDef>) {
        let d = e.get_ref();
        let cat_id = self.categories[cat].id.clone();
        let (term, pattern) = (d.t.as_ref(), d.p.as_ref());
        let folded = term.map(|t| fold_str(t.get_ref().trim_end_matches('*')));
        let local = match (&d.id, term, &folded) {
            (Some(id), _, _) => id.get_ref().clone(),
            (None, Some(t), Some(f)) => derived_id(t.get_ref(), f),
            _ => String::new(),
        };
        if term.is_some() == pattern.is_some() {
            self.errors.push(
                layer
                    .err(
                        e.span(),
                        format!("entry in `{cat_id}` needs exactly one of `t` or `p`"),
                    )
                    .with_help("`t = \"buffoon*\"` for a term, `p = '…'` for a pattern"),
            );
            return;
        }
        if local.is_empty() {
            self.errors.push(
                layer
                    .err(e.span(), format!("pattern entry in `{cat_id}` has no `id`"))
                    .with_help("give every pattern an `id` so it can be named and disabled"),
            );
            return;
        }
        let id = format!("{cat_id}/{local}");
        if self.entry_ids.contains(&id) {
            let span = d.id.as_ref().map_or(e.span(), |s| s.span());
            self.errors.push(
                layer
                    .err(span, format!("duplicate tone entry id `{id}`"))
                    .with_help("give the entry its own `id`"),
            );
            return;
        }
        let w = *d.w.get_ref();
        if !w.is_finite() || !(0.0..=10.0).contains(&w) {
            self.errors.push(
                layer
                    .err(d.w.span(), format!("weight {w} is out of range"))
                    .with_help("weights are between 0 and 10 (VADER scale; 3 is a strong insult)"),
            );
            return;
        }
        let index = self.entries.len();
        if let (Some(t), Some(folded)) = (term, folded) {
            if folded.is_empty() {
                self.errors.push(layer.err(t.span(), "empty term"));
                return;
            }
            for s in spellings(t.get_ref()) {
                if s == *t.get_ref() {
                    self.literals.add_folded(&s, folded.clone(), index);
                } else {
                    self.literals.add(&s, index);
                }
            }
        }
        if let Some(p) = pattern {
            // Syntax only here (cheap); each pattern compiles on first use, unless its
            // size is not surely within the limit: then now, so that too large fails here.
            let source = ascii_boundaries(p.get_ref());
            match regex_syntax::ParserBuilder::new().build().parse(&source) {
                Ok(hir) => {
                    let pattern = crate::kinds::pattern::Pattern::new(source);
                    if !patterns::surely_fits(&hir)
                        && let Err(err) = pattern.regex()
                    {
                        self.errors.push(
                            layer
                                .err(p.span(), format!("pattern cannot be used: {err}"))
                                .with_help("simplify the pattern (fewer or smaller repetitions)"),
                        );
                        return;
                    }
                    self.patterns.push(pattern);
                    self.pattern_entries.push(index);
                    self.pattern_literals
                        .push(patterns::required_literals(&hir));
                }
                Err(err) => {
                    let detail = err.to_string();
                    let last = detail.lines().rev().find(|l| l.contains("error:"));
                    self.errors.push(
                        layer
                            .err(p.span(), format!("invalid pattern: {}", last.unwrap_or(&detail).trim()))
                            .with_help("patterns use Rust regex syntax on the folded (lower-case) sentence; look-around is not supported"),
                    );
                    return;
                }
            }
        }
        let category = &self.categories[cat];
        self.entry_ids.insert(id.clone());
        self.entries.push(Entry {
            id,
            category: cat,
            weight: w,
            needs_target: d.needs_target.unwrap_or(category.needs_target),
            sureness: d.sureness.unwrap_or(2).min(2),
            min_repeat: d.min_repeat.unwrap_or(1).max(1),
            enabled: true,
            replace: d.replace.clone(),
            origin: format!(
                "{}:{}",
                layer.file,
                self.lines
                    .line_col(&layer.source, e.span().start.min(layer.source.len()))
                    .0
            ),
            disabled_by: None,
        });
    }

    fn exception(&mut self, layer: &ToneLayer, x: &ExceptionDef) {
        let id = x.id.get_ref().clone();
        let i = match self.exceptions.iter().position(|e| e.id == id) {
            Some(i) => i,
            None => {
                self.exceptions.push(Exception {
                    id,
                    applies_to: Vec::new(),
                    phrases: Default::default(),
                    near: Default::default(),
                    window: 4,
                });
                self.exceptions.len() - 1
            }
        };
        let e = &mut self.exceptions[i];
        e.applies_to
            .extend(x.applies_to.iter().map(|a| a.get_ref().clone()));
        e.phrases.extend(&x.phrases);
        e.near.extend(&x.near);
        if let Some(w) = x.window {
            e.window = w;
        }
        let empty = e.phrases.is_empty() && e.near.is_empty();
        self.add_examples(layer, &x.examples);
        if x.phrases.is_empty() && x.near.is_empty() && empty {
            self.errors.push(
                layer
                    .err(x.id.span(), format!("exception `{}` has no `phrases` and no `near`", x.id.get_ref()))
                    .with_help("add `phrases = [...]` (hits inside them do not count) or `near = [...]` with a `window`"),
            );
        }
    }

    fn check_applies_to(&mut self, layers: &[ToneLayer]) {
        for layer in layers {
            for x in &layer.def.exceptions {
                for a in &x.get_ref().applies_to {
                    let a_ref = a.get_ref();
                    let known = self.categories.iter().any(|c| &c.id == a_ref)
                        || self.entry_ids.contains(a_ref);
                    if !known {
                        self.errors.push(
                            layer
                                .err(a.span(), format!("`applies-to` names `{a_ref}`, which is neither a tone category nor an entry"))
                                .with_help("write a category id (`escalation`) or an entry id (`escalation/attack`)"),
                        );
                    }
                }
            }
        }
    }

    /// Applies the `weights` tables of every layer, in order (fitted weights).
    fn weights(&mut self, layers: &[ToneLayer]) {
        if layers.iter().all(|l| l.def.weights.is_empty()) {
            return;
        }
        let index: std::collections::HashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        for layer in layers {
            for (id, w) in &layer.def.weights {
                let v = *w.get_ref();
                if !v.is_finite() || !(0.0..=10.0).contains(&v) {
                    self.errors.push(
                        layer
                            .err(w.span(), format!("weight {v} of `{id}` is out of range"))
                            .with_help("weights are between 0 and 10 (VADER scale)"),
                    );
                    continue;
                }
                match index.get(id) {
                    Some(&i) => self.entries[i].weight = v,
                    None => self.errors.push(
                        layer
                            .err(w.span(), format!("`weights` names `{id}`, which is no tone entry"))
                            .with_help("entry ids are `category/entry`, e.g. `insult/clueless`; re-run `tact rules fit` after renaming entries"),
                    ),
                }
            }
        }
    }

    fn disable(&mut self, layers: &[ToneLayer], disabled_forms: &mut Vec<String>) {
        for layer in layers {
            for d in &layer.def.disable {
                let id = d.get_ref();
                if id == "form" || id.starts_with("form/") {
                    disabled_forms.push(id.clone());
                    continue;
                }
                let mut hit = false;
                let at = format!(
                    "{}:{}",
                    layer.file,
                    crate::model::line_col(&layer.source, d.span().start.min(layer.source.len())).0
                );
                for e in &mut self.entries {
                    let cat = &self.categories[e.category].id;
                    if &e.id == id || cat == id {
                        e.enabled = false;
                        e.disabled_by = Some(at.clone());
                        hit = true;
                    }
                }
                if !hit {
                    self.errors.push(
                        layer
                            .err(d.span(), format!("`disable` names `{id}`, which is no tone entry, category or form"))
                            .with_help("entry ids are `category/entry`, e.g. `insult/clueless`; forms are `form/caps-word` …"),
                    );
                }
            }
        }
    }
}

/// Compiles the `[tone]` layers of one pack (in layering order).
///
/// # Errors
/// Every problem found: entries without a term or pattern, duplicate ids, bad patterns,
/// weights out of range, `disable`/`applies-to` naming nothing, empty exceptions.
pub fn compile(layers: &[ToneLayer]) -> Result<ToneModel, Vec<RuleError>> {
    let mut b = Builder {
        lines: LineIndex::new(""),
        categories: Vec::new(),
        entries: Vec::new(),
        entry_ids: Default::default(),
        literals: Literals::default(),
        patterns: Vec::new(),
        pattern_entries: Vec::new(),
        pattern_literals: Vec::new(),
        exceptions: Vec::new(),
        examples: Examples::default(),
        errors: Vec::new(),
    };
    let mut s = settings::Settings::default();
    for layer in layers {
        b.lines = LineIndex::new(&layer.source);
        s.apply(&layer.def);
        for c in &layer.def.categories {
            let cat = b.category(layer, c.get_ref());
            for e in &c.get_ref().entries {
                b.entry(layer, cat, e);
            }
        }
        for x in &layer.def.exceptions {
            b.exception(layer, x.get_ref());
        }
    }
    b.check_applies_to(layers);
    b.weights(layers);
    let mut disabled_forms = Vec::new();
    b.disable(layers, &mut disabled_forms);
    if let Some(min) = s.min_sureness {
        b.entries
            .iter_mut()
            .filter(|e| e.sureness < min)
            .for_each(|e| e.enabled = false);
    }
    if let Some(e) = s.threshold_error(layers) {
        b.errors.push(e);
    }
    let learned = learned(layers, &mut b.errors);
    let scripts = scripts(layers, &mut b.errors);
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    let literals = if b.literals.0.keys.is_empty() {
        None
    } else {
        Some(
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(crate::kinds::common::ac_kind(&b.literals.0.keys))
                .build(&b.literals.0.keys)
                .map_err(|e| {
                    vec![RuleError::rule_set(
                        "tone",
                        format!("cannot build the tone automaton: {e}"),
                    )]
                })?,
        )
    };
    let prefilter = patterns::Prefilter::new(b.pattern_literals).map_err(|e| {
        vec![RuleError::rule_set(
            "tone",
            format!("cannot build the tone pattern prefilter: {e}"),
        )]
    })?;
    let fingerprint = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        // The data is exactly the text of its files.
        for l in layers {
            h.update(format!("{}\n{}\n", l.pack, l.file));
            h.update(l.source.as_bytes());
        }
        crate::model::hex(&h.finalize())
    };
    Ok(ToneModel {
        fingerprint,
        alpha: s.alpha,
        thresholds: Thresholds {
            info: s.thresholds.info,
            warn: s.thresholds.warn,
            block: s.thresholds.block,
        },
        categories: b.categories,
        entries: b.entries,
        literals,
        literal_owners: b.literals.0.owners,
        prefilter,
        patterns: b.patterns,
        pattern_entries: b.pattern_entries,
        exceptions: b.exceptions,
        modifiers: s.modifiers,
        targets: s.targets,
        quotes: s.quotes,
        forms: s.forms,
        sarcasm: s.sarcasm,
        abbreviations: s.abbreviations,
        disabled_forms,
        examples: b.examples,
        learned,
        scripts,
    })
}

/// The `scripts` of every layer, parsed (full or short Unicode names); an unknown name is
/// an error at its place.
fn scripts(layers: &[ToneLayer], errors: &mut Vec<RuleError>) -> Vec<unicode_script::Script> {
    use unicode_script::Script;
    let mut out = Vec::new();
    for l in layers {
        for name in &l.def.scripts {
            let n = name.get_ref();
            match Script::from_full_name(n).or_else(|| Script::from_short_name(n)) {
                Some(s) if !out.contains(&s) => out.push(s),
                Some(_) => {}
                None => errors.push(
                    l.err(name.span(), format!("unknown script `{n}`"))
                        .with_help("use a Unicode script name such as `Latin`, `Cyrillic`, `Arabic`, `Greek` or `Hebrew`"),
                ),
            }
        }
    }
    out
}

/// The last layer's `[tone.learned]`, checked: `warn` strictly between 0 and 1, finite
/// weights and bias, non-empty feature keys.
fn learned(layers: &[ToneLayer], errors: &mut Vec<RuleError>) -> Option<super::learned::Learned> {
    let (layer, def) = layers
        .iter()
        .rev()
        .find_map(|l| l.def.learned.as_ref().map(|d| (l, d)))?;
    let d = def.get_ref();
    let warn = *d.warn.get_ref();
    if !(warn > 0.0 && warn < 1.0) {
        errors.push(
            layer
                .err(
                    d.warn.span(),
                    format!("`warn` {warn} of `[tone.learned]` is not a probability"),
                )
                .with_help(
                    "write a number between 0 and 1, e.g. `warn = 0.6`; re-run `tact rules fit`",
                ),
        );
    }
    if !d.bias.is_finite() {
        errors.push(layer.err(
            def.span(),
            "`bias` of `[tone.learned]` is not a finite number",
        ));
    }
    let mut weights = std::collections::HashMap::with_capacity(d.weights.len());
    for (k, w) in &d.weights {
        let v = *w.get_ref();
        if k.trim().is_empty() || !v.is_finite() || v.abs() > 50.0 {
            errors.push(
                layer
                    .err(w.span(), format!("learned weight `{k}` = {v} is not usable"))
                    .with_help("keys are words or two words separated by one space; weights are log-odds between -50 and 50"),
            );
            continue;
        }
        weights.insert(k.clone(), v);
    }
    if d.enabled == Some(false) {
        return None;
    }
    Some(super::learned::Learned::new(
        d.bias,
        warn,
        weights,
        d.quiet.iter().cloned().collect(),
    ))
}
