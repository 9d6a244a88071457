//! Learned word weights (`[tone.learned]`, written by `tact rules fit`): a logistic
//! regression over the words and word pairs of a post, fitted to labelled posts
//! (issue 12). It catches undiplomatic wording the lexicon has no entry for, in the
//! register of the posts it was fitted to.
//!
//! **What it flags.** A post (or, in a longer text, a run of sentences of at most
//! [`CHUNK_BYTES`]) whose probability `σ(bias + Σ w_f)` over its features `f` reaches
//! `warn`, when no lexicon sentence of it is already at `warn`. The finding is put on the
//! sentence whose features weigh most, and names them.
//!
//! **Features.** Tokens are words (letters and digits, an inner apostrophe kept),
//! lower-cased; runs of `!`/`?` (at most three kept); emoji (skin-tone modifiers dropped).
//! Names are not learned: a capitalised word that does not start a sentence becomes
//! `<name>`, so the weights hold no country or person from the data; a word in capitals
//! adds `<caps>` before it; URLs, @mentions, #hashtags and numbers become `<url>`, `<at>`,
//! `<tag>`, `<num>`. Features are the tokens and the pairs of neighbouring tokens (`"how
//! original"`), each counted once per post.
//!
//! **Fix safety.** None: it only advises; the writer rewords.

use std::collections::HashMap;

/// The longest run of whole sentences, in bytes, scored as one unit (a long post or a
/// document is scored in such runs, so its length does not add up to a verdict).
pub const CHUNK_BYTES: usize = 320;

/// The compiled `[tone.learned]` model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learned {
    /// The intercept (log-odds of a post without any weighted feature).
    pub bias: f64,
    /// The probability (0–1) at which a unit warns.
    pub warn: f64,
    /// Feature → weight (log-odds).
    pub weights: HashMap<String, f64>,
    /// Features too common to be worth rewording (`it`, `the`, `?`): they count, but a
    /// finding never names them, and a unit is raised only with another named feature.
    pub quiet: std::collections::HashSet<String>,
    /// Every word of a weighted feature (`how` of `how original`): a capitalised word
    /// at the start of a sentence is read as a word when it is one of them
    /// ([`resolve`]). Built by [`Learned::new`].
    pub words: std::collections::HashSet<String>,
}

/// A token of the original text: its byte span and its normalised form.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The normalised form (`again`, `<name>`, `!!!`).
    pub key: String,
    /// A capitalised word whose case says nothing (it starts a sentence, or is all
    /// capitals): it stays a word only if the model knows it, else it is a `<name>`
    /// ([`resolve`]).
    pub maybe_name: bool,
}

/// A feature occurrence: the key (a token or two joined by a space) and its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// `again`, `how original`.
    pub key: String,
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
        && !matches!(c as u32, 0x1F3FB..=0x1F3FF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʻ' | '‘')
}

/// The end (byte) of the word starting at `i`: word characters, with single apostrophes
/// between them.
fn word_end(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut it = text[i..].char_indices().peekable();
    while let Some((o, c)) = it.next() {
        if is_word_char(c) {
            end = i + o + c.len_utf8();
        } else if is_apostrophe(c) && it.peek().is_some_and(|&(_, n)| is_word_char(n)) {
            continue;
        } else {
            break;
        }
    }
    end
}

fn non_space_end(text: &str, i: usize) -> usize {
    text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |o| i + o)
}

/// The tokens of `text` (see the module docs).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start_of_sentence = true;
    let mut i = 0;
    let push = |out: &mut Vec<Token>, s: usize, e: usize, key: String| {
        out.push(Token {
            start: s,
            end: e,
            key,
            maybe_name: false,
        })
    };
    let push_word = |out: &mut Vec<Token>, s: usize, e: usize, w: &str, maybe_name: bool| {
        out.push(Token {
            start: s,
            end: e,
            key: fold_apostrophes(&w.to_lowercase()),
            maybe_name,
        })
    };
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let e = non_space_end(text, i);
            push(&mut out, i, e, "<url>".into());
            start_of_sentence = false;
            i = e;
        } else if (c == '@' || c == '#') && rest[1..].chars().next().is_some_and(is_word_char) {
            let e = word_end(text, i + 1);
            let key = if c == '@' { "<at>" } else { "<tag>" };
            push(&mut out, i, e, key.into());
            start_of_sentence = false;
            i = e;
        } else if is_word_char(c) {
            let e = word_end(text, i);
            let w = &text[i..e];
            if c.is_numeric() {
                push(&mut out, i, e, "<num>".into());
            } else if is_capitals(w) {
                push(&mut out, i, e, "<caps>".into());
                push_word(&mut out, i, e, w, true);
            } else if c.is_uppercase() && !start_of_sentence {
                push(&mut out, i, e, NAME.into());
            } else if let Some(a) = elided_name(w) {
                // `l'Estovie`, `d'Ankara`: the article stays, the name goes.
                push(&mut out, i, e, format!("{}'{NAME}", w[..a].to_lowercase()));
            } else {
                push_word(&mut out, i, e, w, c.is_uppercase());
            }
            start_of_sentence = false;
            i = e;
        } else if c == '!' || c == '?' {
            let e = i + rest.find(|c| c != '!' && c != '?').unwrap_or(rest.len());
            let run: String = text[i..e].chars().take(3).collect();
            push(&mut out, i, e, run);
            start_of_sentence = true;
            i = e;
        } else {
            if is_emoji(c) {
                push(&mut out, i, i + c.len_utf8(), c.to_string());
            } else if matches!(c, '.' | ':' | '\n' | '…' | '。') {
                start_of_sentence = true;
            }
            i += c.len_utf8();
        }
    }
    out
}

/// A word of at least two letters in capitals (`NEVER`); a word of a script without
/// capitals (Arabic, Chinese) is not one.
fn is_capitals(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().any(char::is_uppercase)
        && !w.chars().any(char::is_lowercase)
}

/// The byte where an elided article ends in `l'Estovie` (a capital after an inner
/// apostrophe), if it is one.
fn elided_name(w: &str) -> Option<usize> {
    let (a, c) = w.char_indices().find(|&(_, c)| is_apostrophe(c))?;
    let next = w[a + c.len_utf8()..].chars().next()?;
    (next.is_uppercase() && w[..a].chars().all(char::is_lowercase)).then_some(a)
}

fn fold_apostrophes(w: &str) -> String {
    w.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

/// The token of a name (a capitalised word inside a sentence, or an unknown one).
pub const NAME: &str = "<name>";

/// Turns each [`Token::maybe_name`] word that `known` does not know into [`NAME`], so
/// that neither a name at the start of a sentence (`Borduria rejects…`) nor one in
/// capitals is learned or looked up as a word.
pub fn resolve(tokens: &mut [Token], known: impl Fn(&str) -> bool) {
    for t in tokens.iter_mut().filter(|t| t.maybe_name) {
        if !known(&t.key) {
            t.key = NAME.into();
        }
        t.maybe_name = false;
    }
}

/// The features of `tokens`: each token and each pair of neighbours, first occurrence
/// only, in text order.
pub fn features(tokens: &[Token]) -> Vec<Feature> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if seen.insert(t.key.clone()) {
            out.push(Feature {
                key: t.key.clone(),
                start: t.start,
                end: t.end,
            });
        }
        if let Some(n) = tokens.get(i + 1) {
            let key = format!("{} {}", t.key, n.key);
            if seen.insert(key.clone()) {
                out.push(Feature {
                    key,
                    start: t.start,
                    end: n.end,
                });
            }
        }
    }
    out
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Learned {
    /// The model of `bias`, `warn` (probability 0–1), feature `weights` (log-odds) and
    /// `quiet` features, with the [`Learned::words`] of its features.
    pub fn new(
        bias: f64,
        warn: f64,
        weights: HashMap<String, f64>,
        quiet: std::collections::HashSet<String>,
    ) -> Self {
        let words = weights
            .keys()
            .chain(&quiet)
            .flat_map(|k| k.split(' '))
            .map(str::to_string)
            .collect();
        Learned {
            bias,
            warn,
            weights,
            quiet,
            words,
        }
    }

    /// The weight of feature `key` (0 when unknown).
    pub fn weight(&self, key: &str) -> f64 {
        self.weights.get(key).copied().unwrap_or(0.0)
    }

    /// The probability (0–1) that a unit with the feature keys `keys` (each once) is
    /// undiplomatic: `σ(bias + Σ weight)`.
    pub fn probability<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> f64 {
        sigmoid(self.bias + keys.into_iter().map(|k| self.weight(k)).sum::<f64>())
    }
}

/// Runs of whole sentences (indices into `scores`), each at most [`CHUNK_BYTES`] long
/// (a longer sentence is a run of its own).
fn chunks(scores: &[super::SentenceScore]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    for i in 1..=scores.len() {
        let end =
            i == scores.len() || scores[i].end.saturating_sub(scores[from].start) > CHUNK_BYTES;
        if end {
            out.push(from..i);
            from = i;
        }
    }
    out
}

/// How many features a learned finding names.
const NAMED: usize = 6;

/// The least weight (log-odds) of a feature a finding names.
pub const MIN_NAMED: f64 = 0.2;

/// Raises to `warn` the heaviest sentence of every run of sentences whose probability
/// reaches the model's `warn`, unless a sentence of that run is already at `warn` or above;
/// the run's positively weighted features inside that sentence become its contributions
/// (`learned/<feature>`).
pub fn apply(model: &Learned, text: &str, scores: &mut [super::SentenceScore]) {
    use crate::model::Severity;
    for run in chunks(scores) {
        let part = &scores[run.clone()];
        if part.is_empty() || part.iter().any(|s| s.level >= Some(Severity::Warn)) {
            continue;
        }
        let (from, to) = (part[0].start, part[part.len() - 1].end);
        let mut toks: Vec<Token> = tokens(&text[from..to])
            .into_iter()
            .map(|t| Token {
                start: t.start + from,
                end: t.end + from,
                ..t
            })
            .collect();
        resolve(&mut toks, |k| model.words.contains(k));
        let feats = features(&toks);
        let p = model.probability(feats.iter().map(|f| f.key.as_str()));
        if p < model.warn {
            continue;
        }
        let inside = |s: &super::SentenceScore, f: &Feature| s.start <= f.start && f.start < s.end;
        let named =
            |f: &&Feature| model.weight(&f.key) >= MIN_NAMED && !model.quiet.contains(&f.key);
        let mass = |s: &super::SentenceScore| -> f64 {
            feats
                .iter()
                .filter(|f| inside(s, f))
                .filter(named)
                .map(|f| model.weight(&f.key))
                .sum()
        };
        let Some(best) = run
            .clone()
            .filter(|&i| mass(&scores[i]) > 0.0)
            .max_by(|&a, &b| {
                mass(&scores[a])
                    .total_cmp(&mass(&scores[b]))
                    .then(b.cmp(&a))
            })
        else {
            continue;
        };
        let s = &mut scores[best];
        let mut top: Vec<&Feature> = feats
            .iter()
            .filter(|f| inside(s, f))
            .filter(named)
            .collect();
        top.sort_by(|a, b| model.weight(&b.key).total_cmp(&model.weight(&a.key)));
        top.truncate(NAMED);
        top.sort_by_key(|f| (f.start, f.end));
        for f in top {
            let w = model.weight(&f.key);
            s.contributions.push(crate::model::Contribution {
                start: f.start,
                end: f.end.min(s.end),
                entry: format!("learned/{}", f.key),
                base: w,
                modifiers: Vec::new(),
                value: w,
            });
        }
        s.contributions.sort_by_key(|c| (c.start, c.end));
        s.level = Some(Severity::Warn);
        s.learned = Some(p);
    }
}

#[cfg(test)]
#[path = "learned_tests.rs"]
mod tests;
