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

use super::learned_index::Known;

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
    /// `weights` and `words` by hash, for [`apply`]. Built by [`Learned::new`] (a model
    /// whose `weights` changed after is indexed again at each check).
    index: super::learned_index::Index,
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
    // ASCII letters, digits and `_` first, byte by byte; anything else char by char.
    let ascii = text.as_bytes()[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    let i = i + ascii;
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

/// A token of a [`TokBuf`]: its byte span and where its key is in [`TokBuf::keys`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawTok {
    /// Start byte in the scanned text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The key's byte range in [`TokBuf::keys`].
    pub key: (usize, usize),
    /// See [`Token::maybe_name`].
    pub maybe_name: bool,
}

/// The tokens of a text with their keys in one string (no string per token), reused
/// from one scan to the next.
#[derive(Debug, Clone, Default)]
pub(crate) struct TokBuf {
    /// Every key, one after another.
    pub keys: String,
    /// The tokens, in text order.
    pub toks: Vec<RawTok>,
}

impl TokBuf {
    /// The key of `t`.
    pub(crate) fn key(&self, t: &RawTok) -> &str {
        &self.keys[t.key.0..t.key.1]
    }

    fn push(&mut self, start: usize, end: usize, key: &str, maybe_name: bool) {
        let from = self.keys.len();
        self.keys.push_str(key);
        self.push_since(start, end, from, maybe_name);
    }

    /// A token whose key is what was written to `keys` since byte `from`.
    fn push_since(&mut self, start: usize, end: usize, from: usize, maybe_name: bool) {
        self.toks.push(RawTok {
            start,
            end,
            key: (from, self.keys.len()),
            maybe_name,
        });
    }

    /// A word, lower-cased, its apostrophes folded to `'`.
    fn push_word(&mut self, start: usize, end: usize, w: &str, maybe_name: bool) {
        let from = self.keys.len();
        if w.is_ascii() {
            self.keys
                .extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            let lower = w.to_lowercase();
            self.keys.extend(
                lower
                    .chars()
                    .map(|c| if is_apostrophe(c) { '\'' } else { c }),
            );
        }
        self.push_since(start, end, from, maybe_name);
    }

    /// Replaces the tokens and keys with those of `text` (see the module docs).
    pub(crate) fn scan(&mut self, text: &str) {
        self.keys.clear();
        self.toks.clear();
        let mut start_of_sentence = true;
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let rest = &text[i..];
            if c == 'h' && (rest.starts_with("http://") || rest.starts_with("https://")) {
                let e = non_space_end(text, i);
                self.push(i, e, "<url>", false);
                start_of_sentence = false;
                i = e;
            } else if (c == '@' || c == '#') && rest[1..].chars().next().is_some_and(is_word_char) {
                let e = word_end(text, i + 1);
                let key = if c == '@' { "<at>" } else { "<tag>" };
                self.push(i, e, key, false);
                start_of_sentence = false;
                i = e;
            } else if is_word_char(c) {
                let e = word_end(text, i);
                let w = &text[i..e];
                if c.is_numeric() {
                    self.push(i, e, "<num>", false);
                } else if is_capitals(w) {
                    self.push(i, e, "<caps>", false);
                    self.push_word(i, e, w, true);
                } else if c.is_uppercase() && !start_of_sentence {
                    self.push(i, e, NAME, false);
                } else if let Some(a) = elided_name(w) {
                    // `l'Estovie`, `d'Ankara`: the article stays, the name goes.
                    let from = self.keys.len();
                    self.keys.push_str(&w[..a].to_lowercase());
                    self.keys.push('\'');
                    self.keys.push_str(NAME);
                    self.push_since(i, e, from, false);
                } else {
                    self.push_word(i, e, w, c.is_uppercase());
                }
                start_of_sentence = false;
                i = e;
            } else if c == '!' || c == '?' {
                let e = i + rest.find(|c| c != '!' && c != '?').unwrap_or(rest.len());
                // `!` and `?` are one byte each: at most three kept.
                self.push(i, e, &text[i..e.min(i + 3)], false);
                start_of_sentence = true;
                i = e;
            } else {
                if is_emoji(c) {
                    let e = i + c.len_utf8();
                    self.push(i, e, &text[i..e], false);
                } else if matches!(c, '.' | ':' | '\n' | '…' | '。') {
                    start_of_sentence = true;
                }
                i += c.len_utf8();
            }
        }
    }
}

/// The tokens of `text` (see the module docs).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut buf = TokBuf::default();
    buf.scan(text);
    buf.toks
        .iter()
        .map(|t| Token {
            start: t.start,
            end: t.end,
            key: buf.key(t).to_string(),
            maybe_name: t.maybe_name,
        })
        .collect()
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
        let index = super::learned_index::Index::new(&weights, &words);
        Learned {
            bias,
            warn,
            weights,
            quiet,
            words,
            index,
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
    let rebuilt;
    let index = if model.index.len() == model.weights.len() {
        &model.index
    } else {
        rebuilt = super::learned_index::Index::new(&model.weights, &model.words);
        &rebuilt
    };
    let mut scratch = super::learned_index::Scratch::default();
    for run in chunks(scores) {
        let part = &scores[run.clone()];
        if part.is_empty() || part.iter().any(|s| s.level >= Some(Severity::Warn)) {
            continue;
        }
        let (from, to) = (part[0].start, part[part.len() - 1].end);
        let sc = &mut scratch;
        sc.buf.scan(&text[from..to]);
        index.resolve(&mut sc.buf);
        index.features(&sc.buf, &mut sc.hashes, &mut sc.known);
        let feats = &sc.known;
        // Unknown features weigh 0: the sum over the known ones is the same.
        let z: f64 = feats.iter().map(|f| index.weight(f.id)).sum();
        let p = sigmoid(model.bias + z);
        if p < model.warn {
            continue;
        }
        let (from_start, from_end) = (|f: &Known| f.start + from, |f: &Known| f.end + from);
        let inside =
            |s: &super::SentenceScore, f: &Known| s.start <= from_start(f) && from_start(f) < s.end;
        let named =
            |f: &&Known| index.weight(f.id) >= MIN_NAMED && !model.quiet.contains(index.key(f.id));
        let mass = |s: &super::SentenceScore| -> f64 {
            feats
                .iter()
                .filter(|f| inside(s, f))
                .filter(named)
                .map(|f| index.weight(f.id))
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
        let mut top: Vec<&Known> = feats
            .iter()
            .filter(|f| inside(s, f))
            .filter(named)
            .collect();
        top.sort_by(|a, b| index.weight(b.id).total_cmp(&index.weight(a.id)));
        top.truncate(NAMED);
        top.sort_by_key(|f| (f.start, f.end));
        for f in top {
            let w = index.weight(f.id);
            s.contributions.push(crate::model::Contribution {
                start: from_start(f),
                end: from_end(f).min(s.end),
                entry: format!("learned/{}", index.key(f.id)),
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
