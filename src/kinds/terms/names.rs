//! Adjustments of terminology findings that need the whole post: forms that must never be
//! mixed (`never-mix`), and names inside a quotation.
//!
//! **What it does.**
//! - `never-mix`: when one post holds forms of two sides of a rule's `never-mix.sides`
//!   ("Falklands" and "Malvinas"), every finding of that rule takes the `never-mix.severity`
//!   (never lower than the rule's own) and says which forms were mixed.
//! - Quotations: a finding of category `terms` inside a quotation — `"…"`, `“…”`, `„…“`,
//!   `«…»`, `‹…›`, `「…」` within one paragraph — that carries a year (1600–2099) or an
//!   attribution (*said*, *wrote*, *headline*, *according to*, *a déclaré*, *sagte*,
//!   *dijo*, *заявил*, *dedi*, …) within the quotation or 100 bytes around it, is lowered to
//!   `info`, and a one-key (`safe`) fix becomes a `choice`: a quoted 1991 headline
//!   "Kiev declares independence" is a quotation, not the ministry's own wording.
//!
//! **Why.** domain.md §C: each side's ministry uses only its own name ("always flag mixed
//! usage in one post"); the terminology engine should "skip quotes … and historical contexts".
//!
//! **Fix safety.** Nothing is rewritten here; quoted findings never offer a one-key fix, so a
//! quotation is not silently changed.

use std::sync::OnceLock;

use regex::Regex;

use crate::kinds::{CompiledRule, Matcher};
use crate::model::{Applicability, Category, Finding, Severity};
use crate::text::fold_str;

/// A compiled `never-mix`: the folded forms of each side, and the raised severity.
#[derive(Debug, Clone, PartialEq)]
pub struct NeverMix {
    /// Each side's forms, case-folded ([`fold_str`]).
    pub sides: Vec<Vec<String>>,
    /// The severity of the rule's findings when two sides occur in one post.
    pub severity: Severity,
}

impl NeverMix {
    /// Compiles a `never-mix` table.
    ///
    /// # Errors
    /// Fewer than two sides, or an empty side, with advice.
    pub fn new(sides: &[Vec<String>], severity: Severity) -> Result<NeverMix, String> {
        if sides.len() < 2 || sides.iter().any(|s| s.iter().all(|t| t.trim().is_empty())) {
            return Err(
                "`never-mix.sides` needs two or more non-empty groups of forms".to_string(),
            );
        }
        Ok(NeverMix {
            sides: sides
                .iter()
                .map(|s| s.iter().map(|t| fold_str(t)).collect())
                .collect(),
            severity,
        })
    }

    fn side_of(&self, matched: &str) -> Option<usize> {
        let folded = fold_str(matched);
        self.sides.iter().position(|s| s.contains(&folded))
    }
}

/// Applies `never-mix` and the quotation rule to the findings of one checked text.
pub fn adjust(rules: &[CompiledRule], text: &str, out: &mut [Finding]) {
    for rule in rules {
        if let Matcher::Terms(t) = &rule.matcher
            && let Some(mix) = &t.never_mix
        {
            raise_mixed(rule, mix, out);
        }
    }
    if !out.iter().any(|f| f.category == Category::Terms) {
        return;
    }
    let quotes = quotations(text);
    if quotes.is_empty() {
        return;
    }
    for f in out.iter_mut().filter(|f| f.category == Category::Terms) {
        if quotes.iter().any(|&(a, b)| a <= f.start && f.end <= b) {
            lower_quoted(f);
        }
    }
}

fn raise_mixed(rule: &CompiledRule, mix: &NeverMix, out: &mut [Finding]) {
    let mut seen: Vec<(usize, String)> = Vec::new();
    for f in out.iter().filter(|f| f.rule == rule.id) {
        if let Some(side) = mix.side_of(&f.matched)
            && !seen.iter().any(|(s, _)| *s == side)
        {
            seen.push((side, f.matched.clone()));
        }
    }
    if seen.len() < 2 {
        return;
    }
    let forms: Vec<String> = seen.iter().map(|(_, m)| format!("`{m}`")).collect();
    let note = format!(
        " — this post mixes {}: use one side's form only",
        forms.join(" and ")
    );
    for f in out.iter_mut().filter(|f| f.rule == rule.id) {
        f.severity = f.severity.max(mix.severity);
        f.message.push_str(&note);
    }
}

fn lower_quoted(f: &mut Finding) {
    f.severity = Severity::Info;
    f.message
        .push_str(" — inside a quotation, so only a note: keep the quoted words as they were");
    for fix in &mut f.fixes {
        if fix.applicability == Applicability::Safe {
            fix.applicability = Applicability::Choice;
        }
    }
}

/// Quotation spans `(start, end)` in bytes (the marks included) that carry a year or an
/// attribution within or next to them.
fn quotations(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (open, close) in quote_pairs(text) {
        let lo = floor_char(text, open.saturating_sub(100));
        let hi = ceil_char(text, (close + 100).min(text.len()));
        let around = paragraph_slice(text, lo, open, close, hi);
        if evidence().is_match(around) {
            out.push((open, close));
        }
    }
    out
}

/// The text from `lo` to `hi`, cut at a blank line on either side of the quotation.
fn paragraph_slice(text: &str, lo: usize, open: usize, close: usize, hi: usize) -> &str {
    let start = text[lo..open].rfind("\n\n").map_or(lo, |i| lo + i + 2);
    let end = text[close..hi].find("\n\n").map_or(hi, |i| close + i);
    &text[start..end]
}

/// Pairs of quotation marks within one paragraph and at most 400 bytes apart; `end` is just
/// after the closing mark.
fn quote_pairs(text: &str) -> Vec<(usize, usize)> {
    const PAIRS: [(char, &[char]); 6] = [
        ('«', &['»']),
        ('„', &['“', '”']),
        ('“', &['”']),
        ('‹', &['›']),
        ('「', &['」']),
        ('"', &['"']),
    ];
    let mut out = Vec::new();
    let mut open: Option<(usize, &[char])> = None;
    for (i, c) in text.char_indices() {
        match open {
            Some((at, closers)) if closers.contains(&c) => {
                out.push((at, i + c.len_utf8()));
                open = None;
            }
            Some((at, _)) if i - at > 400 || (c == '\n' && text[at..i].contains("\n\n")) => {
                open = None;
            }
            _ => {}
        }
        if open.is_none()
            && out.last().is_none_or(|&(_, e)| e <= i)
            && let Some((_, closers)) = PAIRS.iter().find(|(o, _)| *o == c)
        {
            open = Some((i, closers));
        }
    }
    out
}

use crate::text::{ceil_char, floor_char};

/// A year, or a word that attributes a quotation, in the bundled languages.
fn evidence() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)\b(?:1[6-9]\d\d|20\d\d)\b|\b(?:",
            // English
            r"said|says|wrote|writes|headlines?|headlined|read|reads|reported|titled|entitled|",
            r"quoted|according to|declared|announced|proclaimed|tweeted|told|asked|stated|",
            // French
            r"a dit|dit|disait|déclare|a déclaré|écrit|a écrit|écrivait|titre|titrait|selon|",
            // German
            r"sagte|sagt|schrieb|schreibt|titelte|laut|erklärte|zitiert|",
            // Spanish
            r"dijo|dice|escribió|tituló|titular|según|declaró|afirmó|",
            // Russian
            r"сказал|сказала|заявил|заявила|написал|написала|пишет|по словам|сообщил|заголовок|",
            // Uzbek (Latin, Cyrillic)
            r"dedi|yozdi|ta.kidladi|деди|ёзди|таъкидлади",
            r")\b"
        ))
        .expect("the quotation evidence pattern is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quotations(text).iter().map(|&(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn quotations_need_a_year_or_an_attribution() {
        assert_eq!(
            quoted("In 1991 the headline read \"Kiev declares independence\"."),
            ["\"Kiev declares independence\""]
        );
        assert_eq!(
            quoted("«Kiev welcomes you», wrote the paper."),
            ["«Kiev welcomes you»"]
        );
        assert_eq!(quoted("„Kiew“, sagte er."), ["„Kiew“"]);
        assert!(quoted("We visited \"Kiev\" today.").is_empty());
        assert!(quoted("No quotation in 1991 here.").is_empty());
    }

    #[test]
    fn an_unclosed_mark_or_a_new_paragraph_ends_a_quotation() {
        assert!(quoted("\"Kiev\n\nsaid 1991").is_empty());
        assert_eq!(quoted("« a » and « b », 2001").len(), 2);
    }

    #[test]
    fn never_mix_needs_two_sides() {
        assert!(NeverMix::new(&[vec!["a".into()]], Severity::Warn).is_err());
        let m = NeverMix::new(
            &[vec!["Falklands".into()], vec!["Malvinas".into()]],
            Severity::Warn,
        )
        .unwrap();
        assert_eq!(m.side_of("MALVINAS"), Some(1));
        assert_eq!(m.side_of("Kyiv"), None);
    }
}
