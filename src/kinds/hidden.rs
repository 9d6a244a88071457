//! `kind = "hidden"`: built-in detectors for characters a reader cannot see, or letters that
//! are not what they look like. Each rule picks one `class`; they run on the raw text.
//!
//! **What it flags**, per class:
//! - `zero-width`: ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen or Mongolian vowel separator
//!   *inside a word*. Quiet for ZWJ in emoji sequences, ZWNJ/ZWJ in scripts that need them
//!   (Arabic, Persian, Syriac, Indic, Sinhala…), and ZWSP in Thai, Lao, Khmer, Myanmar.
//! - `bidi`: embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
//! - `mixed-script`: a word whose letters come from more than one script (UTS #39
//!   single-script test, `unicode-security`; Japanese Han + kana counts as one script, and
//!   modifier letters such as Uzbek `ʻ` belong to every script).
//! - `confusable`: a Cyrillic or Greek word made only of letters that look Latin (`РОСТ`
//!   shown as `POCT`) inside a mostly Latin text.
//! - `control`: C0/C1 control characters other than line feed, carriage return and tab.
//! - `bom`: a byte-order mark (U+FEFF) anywhere in the text, leading or not: X rejects a post
//!   that contains one (twitter-text), so it is never harmless, even next to a space.
//! - `zalgo`: a grapheme with more than three combining marks.
//! - `regional-indicator`: a regional-indicator letter that is not part of a flag pair.
//! - `tag`: tag characters (U+E0020–U+E007F) outside a subdivision-flag sequence.
//! - `blank`: Hangul fillers and the blank Braille pattern outside Korean text.
//!
//! **Why.** Invisible characters break search and counting, can fingerprint a leaked copy,
//! smuggle hidden text, or make a post display differently from what was checked.
//!
//! **Fix safety.** Removing an invisible character changes nothing a reader sees: `safe`
//! (zero-width, bidi, control, bom, tag, blank). Look-alike letters: a `choice` of the word
//! retyped in one script. Zalgo and regional indicators: advice only.

use unicode_script::{Script, UnicodeScript};
use unicode_security::MixedScript;
use unicode_segmentation::UnicodeSegmentation;

use super::common::{required, rule_error};
use super::{CompileCx, Kind, Matcher, RawMatch};
use crate::diag::{ErrorKind, RuleError};
use crate::model::{Applicability, Edit, Fix};
use crate::platform::is_pictographic;
use crate::schema::rule::{RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};
use crate::text::latin_prototype;

/// The detector classes of `kind = "hidden"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenClass {
    /// Zero-width characters inside a word.
    ZeroWidth,
    /// Bidi embedding, override and isolate controls.
    Bidi,
    /// Words mixing scripts.
    MixedScript,
    /// Whole words of Latin look-alikes from another script in a Latin text.
    Confusable,
    /// Control characters.
    Control,
    /// A leading byte-order mark.
    Bom,
    /// Excessive combining marks.
    Zalgo,
    /// Unpaired regional indicators.
    RegionalIndicator,
    /// Tag characters outside flag sequences.
    Tag,
    /// Blank look-alike characters.
    Blank,
}

impl HiddenClass {
    /// Every class with its rule-file name.
    pub const ALL: [(HiddenClass, &'static str); 10] = [
        (HiddenClass::ZeroWidth, "zero-width"),
        (HiddenClass::Bidi, "bidi"),
        (HiddenClass::MixedScript, "mixed-script"),
        (HiddenClass::Confusable, "confusable"),
        (HiddenClass::Control, "control"),
        (HiddenClass::Bom, "bom"),
        (HiddenClass::Zalgo, "zalgo"),
        (HiddenClass::RegionalIndicator, "regional-indicator"),
        (HiddenClass::Tag, "tag"),
        (HiddenClass::Blank, "blank"),
    ];

    /// Parses a rule-file class name.
    pub fn parse(name: &str) -> Option<HiddenClass> {
        HiddenClass::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
    }
}

/// A compiled `hidden` rule.
#[derive(Debug, Clone)]
pub struct HiddenMatcher {
    /// What it detects.
    pub class: HiddenClass,
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{00AD}'
            | '\u{180E}'
            // Invisible times, separator, plus; function application (math layout only).
            | '\u{2061}'
            ..='\u{2064}'
            // Combining grapheme joiner.
            | '\u{034F}'
    ) || is_direction_mark(c)
}

/// Left-to-right, right-to-left and Arabic letter marks: needed between right-to-left text
/// and numbers or Latin words, invisible and pointless elsewhere.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Scripts written right to left, where direction marks have a use.
fn rtl_script(c: char) -> bool {
    matches!(
        c.script(),
        Script::Arabic | Script::Hebrew | Script::Syriac | Script::Thaana | Script::Nko
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Scripts whose orthography uses ZWNJ/ZWJ between letters.
fn joiner_script(c: char) -> bool {
    matches!(
        c.script(),
        Script::Arabic
            | Script::Syriac
            | Script::Devanagari
            | Script::Bengali
            | Script::Gurmukhi
            | Script::Gujarati
            | Script::Oriya
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Sinhala
            | Script::Nko
            | Script::Mongolian
    )
}

/// Scripts written without spaces, where ZWSP marks word breaks.
fn zwsp_script(c: char) -> bool {
    matches!(
        c.script(),
        Script::Thai | Script::Lao | Script::Khmer | Script::Myanmar | Script::Tibetan
    )
}

fn emoji_side(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        is_pictographic(c) || matches!(c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}')
    })
}

fn zero_width(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_zero_width(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut run = vec![c];
        while let Some(&(j, d)) = iter.peek().filter(|(_, d)| is_zero_width(*d)) {
            end = j + d.len_utf8();
            run.push(d);
            iter.next();
        }
        let before = text[..i].chars().next_back();
        let after = text[end..].chars().next();
        let joins_emoji =
            run.iter().all(|c| *c == '\u{200D}') && emoji_side(before) && emoji_side(after);
        let orthographic = run.iter().all(|c| matches!(c, '\u{200C}' | '\u{200D}'))
            && (before.is_some_and(joiner_script) || after.is_some_and(joiner_script));
        let word_break = run.iter().all(|c| *c == '\u{200B}')
            && (before.is_some_and(zwsp_script) || after.is_some_and(zwsp_script));
        let directional = run.iter().all(|c| is_direction_mark(*c))
            && (before.is_some_and(rtl_script) || after.is_some_and(rtl_script));
        let inside = before.is_some_and(is_word_char) && after.is_some_and(is_word_char);
        // At either end of the text, or beside a space: it joins nothing, it only changes the
        // count and can mark the copy. (Direction marks beside a space are common in mixed
        // right-to-left text and stay quiet.)
        let loose = (before.is_none_or(char::is_whitespace)
            || after.is_none_or(char::is_whitespace))
            && !run.iter().all(|c| is_direction_mark(*c));
        if (inside || loose) && !joins_emoji && !orthographic && !word_break && !directional {
            out.push((i, end));
        }
    }
}

fn runs_of(text: &str, pred: impl Fn(char) -> bool, out: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (pred(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
}

fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphabetic))
}

fn mixed_script(text: &str, out: &mut Vec<(usize, usize)>) {
    for (i, w) in words(text) {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let scripts: std::collections::HashSet<Script> = letters
            .iter()
            .map(|c| c.script())
            .filter(|s| !matches!(s, Script::Common | Script::Inherited))
            .collect();
        if scripts.len() > 1 && !w.is_single_script() {
            out.push((i, i + w.len()));
        }
    }
}

fn confusable(text: &str, out: &mut Vec<(usize, usize)>) {
    if !crate::text::mostly_latin(text) {
        return;
    }
    for (i, w) in words(text) {
        let mut letters = w.chars().filter(|c| c.is_alphabetic()).peekable();
        let foreign = letters
            .peek()
            .is_some_and(|c| matches!(c.script(), Script::Cyrillic | Script::Greek));
        if foreign
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().filter(|c| c.is_alphabetic()).all(|c| {
                matches!(c.script(), Script::Cyrillic | Script::Greek)
                    && latin_prototype(c).is_some()
            })
        {
            out.push((i, i + w.len()));
        }
    }
}

fn zalgo(text: &str, out: &mut Vec<(usize, usize)>) {
    for (i, g) in text.grapheme_indices(true) {
        if g.chars()
            .filter(|c| unicode_normalization::char::is_combining_mark(*c))
            .count()
            > 3
        {
            out.push((i, i + g.len()));
        }
    }
}

/// The longest run of combining marks (a grapheme with more than three is "Zalgo").
/// Which classes can occur in a text, from one pass over its characters (no segmentation):
/// most texts hold none of the characters the classes look for, and ten detectors then
/// cost one scan. Computed once per check and shared by every `hidden` rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Hints {
    /// One bit per class, indexed like [`HiddenClass::ALL`].
    possible: u16,
}

/// The running state of [`Hints::scan`].
#[derive(Default)]
struct Scan {
    possible: u16,
    mark_run: usize,
    regional_run: usize,
    script: Option<Script>,
}

impl Scan {
    fn set(&mut self, class: HiddenClass) {
        self.possible |= Hints::bit(class);
    }

    /// A character that is not a regional indicator ends a run; an odd run is unpaired.
    fn end_regional_run(&mut self) {
        if self.regional_run % 2 == 1 {
            self.set(HiddenClass::RegionalIndicator);
        }
        self.regional_run = 0;
    }

    /// A letter of script `s` (Common and Inherited belong to every script).
    fn letter(&mut self, s: Script) {
        match (s, self.script) {
            (Script::Common | Script::Inherited, _) => {}
            (s, None) => self.script = Some(s),
            (s, Some(first)) if s != first => {
                self.set(HiddenClass::MixedScript);
                self.set(HiddenClass::Confusable);
            }
            _ => {}
        }
    }

    fn ascii(&mut self, b: u8) {
        self.mark_run = 0;
        self.end_regional_run();
        if b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t') || b == 0x7F {
            self.set(HiddenClass::Control);
        }
        if b.is_ascii_alphabetic() {
            self.letter(Script::Latin);
        }
    }

    fn other(&mut self, c: char) {
        if ('\u{1F1E6}'..='\u{1F1FF}').contains(&c) {
            self.regional_run += 1;
        } else {
            self.end_regional_run();
        }
        if unicode_normalization::char::is_combining_mark(c) {
            self.mark_run += 1;
            if self.mark_run > 3 {
                self.set(HiddenClass::Zalgo);
            }
        } else {
            self.mark_run = 0;
        }
        let class = match c {
            '\u{FEFF}' => Some(HiddenClass::Bom),
            c if is_zero_width(c) => Some(HiddenClass::ZeroWidth),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(HiddenClass::Bidi),
            '\u{E0000}'..='\u{E007F}' => Some(HiddenClass::Tag),
            '\u{2800}' | '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}' => {
                Some(HiddenClass::Blank)
            }
            c if c.is_control() => Some(HiddenClass::Control),
            _ => None,
        };
        if let Some(class) = class {
            self.set(class);
        }
        if c.is_alphabetic() {
            self.letter(c.script());
        }
    }
}

impl Hints {
    fn bit(class: HiddenClass) -> u16 {
        let i = HiddenClass::ALL.iter().position(|(c, _)| *c == class);
        1 << i.unwrap_or(0)
    }

    /// Scans `text` once.
    pub(crate) fn scan(text: &str) -> Hints {
        let mut scan = Scan::default();
        if text.starts_with('\u{FEFF}') {
            scan.set(HiddenClass::Bom);
        }
        if text.is_ascii() {
            text.bytes().for_each(|b| scan.ascii(b));
        } else {
            text.chars().for_each(|c| match u8::try_from(c) {
                Ok(b) if b.is_ascii() => scan.ascii(b),
                _ => scan.other(c),
            });
        }
        scan.end_regional_run();
        Hints {
            possible: scan.possible,
        }
    }

    /// Whether `class` can find anything in the scanned text.
    pub(crate) fn may_occur(self, class: HiddenClass) -> bool {
        self.possible & Hints::bit(class) != 0
    }
}

fn regional_indicator(text: &str, out: &mut Vec<(usize, usize)>) {
    for (i, g) in text.grapheme_indices(true) {
        let n = g
            .chars()
            .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
            .count();
        if n == 1 {
            out.push((i, i + g.len()));
        }
    }
}

fn tag(text: &str, out: &mut Vec<(usize, usize)>) {
    for (i, g) in text.grapheme_indices(true) {
        let is_flag = g.starts_with('\u{1F3F4}') && g.ends_with('\u{E007F}');
        if is_flag {
            continue;
        }
        let mut inner = Vec::new();
        runs_of(g, |c| ('\u{E0000}'..='\u{E007F}').contains(&c), &mut inner);
        out.extend(inner.into_iter().map(|(s, e)| (i + s, i + e)));
    }
}

fn blank(text: &str, out: &mut Vec<(usize, usize)>) {
    let korean = text.chars().any(|c| {
        c.script() == Script::Hangul
            && !matches!(c, '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}')
    });
    let pred = |c: char| {
        c == '\u{2800}'
            || (!korean && matches!(c, '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}'))
    };
    runs_of(text, pred, out);
}

impl HiddenMatcher {
    /// Finds this class's spans in the original text; `hints` are [`Hints::scan`] of `text`.
    pub(crate) fn scan(&self, rule: usize, text: &str, hints: Hints, out: &mut Vec<RawMatch>) {
        if !hints.may_occur(self.class) {
            return;
        }
        let mut spans = Vec::new();
        match self.class {
            HiddenClass::ZeroWidth => zero_width(text, &mut spans),
            HiddenClass::Bidi => runs_of(
                text,
                |c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
                &mut spans,
            ),
            HiddenClass::MixedScript => mixed_script(text, &mut spans),
            HiddenClass::Confusable => confusable(text, &mut spans),
            HiddenClass::Control => runs_of(
                text,
                |c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'),
                &mut spans,
            ),
            // X rejects a post with U+FEFF anywhere, so every one is flagged, not only a
            // leading one (platforms-unicode.md §1.2).
            HiddenClass::Bom => runs_of(text, |c| c == '\u{FEFF}', &mut spans),
            HiddenClass::Zalgo => zalgo(text, &mut spans),
            HiddenClass::RegionalIndicator => regional_indicator(text, &mut spans),
            HiddenClass::Tag => tag(text, &mut spans),
            HiddenClass::Blank => blank(text, &mut spans),
        }
        out.extend(spans.into_iter().map(|(start, end)| RawMatch {
            rule,
            start,
            end,
            entry: 0,
        }));
    }
}

impl super::KindMatcher for HiddenMatcher {
    fn kind_name(&self) -> &'static str {
        "hidden"
    }

    /// This class's spans in the original text.
    fn find(
        &self,
        rule: usize,
        text: &str,
        scratch: &super::filter::Scratch<'_>,
        _opts: &super::CheckOptions,
        out: &mut Vec<RawMatch>,
    ) {
        self.scan(rule, text, scratch.hidden_hints(), out);
    }

    /// Fixes: removal for invisible characters, the word in one script for look-alikes.
    fn fixes(&self, m: &RawMatch, matched: &str) -> Vec<Fix> {
        let edit = |replacement: String| Edit {
            start: m.start,
            end: m.end,
            replacement,
        };
        match self.class {
            HiddenClass::ZeroWidth
            | HiddenClass::Bidi
            | HiddenClass::Control
            | HiddenClass::Bom
            | HiddenClass::Tag
            | HiddenClass::Blank => {
                let replacement = if self.class == HiddenClass::Blank {
                    " "
                } else {
                    ""
                };
                vec![Fix {
                    applicability: Applicability::Safe,
                    edits: vec![edit(replacement.to_string())],
                }]
            }
            HiddenClass::MixedScript | HiddenClass::Confusable => {
                let latin: String = matched
                    .chars()
                    .map(|c| {
                        if c.script() == Script::Latin {
                            c
                        } else {
                            latin_prototype(c).unwrap_or(c)
                        }
                    })
                    .collect();
                if latin == matched
                    || latin
                        .chars()
                        .any(|c| c.is_alphabetic() && c.script() != Script::Latin)
                {
                    return Vec::new();
                }
                vec![Fix {
                    applicability: Applicability::Choice,
                    edits: vec![edit(latin)],
                }]
            }
            HiddenClass::Zalgo | HiddenClass::RegionalIndicator => Vec::new(),
        }
    }

    /// Writes what the matcher detects into a rule fingerprint.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        let name = HiddenClass::ALL
            .iter()
            .find(|(c, _)| *c == self.class)
            .map_or("", |(_, n)| n);
        fp.field("class", name);
    }
}

/// `kind = "hidden"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Hidden,
    validate,
    compile,
    placeholders: &["match"],
};

/// Checks the `class` key of one layer: a class name this module detects.
fn validate(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    if let Some(c) = &def.class
        && HiddenClass::parse(c.get_ref()).is_none()
    {
        let names: Vec<_> = HiddenClass::ALL.iter().map(|(_, n)| *n).collect();
        errors.push(
            RuleError::at(
                &src.name,
                &src.text,
                (c.span().start, c.span().end),
                format!("unknown hidden class `{}`", c.get_ref()),
            )
            .with_help(format!("use one of: {}", names.join(", "))),
        );
    }
}

/// Compiles a `hidden` rule. An unknown class was reported, at its position, by
/// [`validate`]; here it only keeps the rule from compiling.
///
/// # Errors
/// No `class`, or an unknown one.
fn compile(r: &LayeredRule, _: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    let name = required(r, &r.def.class, "class")?;
    let class = HiddenClass::parse(name).ok_or_else(|| {
        rule_error(r, format!("unknown hidden class `{name}`")).with_kind(ErrorKind::Repeat)
    })?;
    Ok(Matcher::Hidden(HiddenMatcher { class }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(class: HiddenClass, text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        HiddenMatcher { class }.scan(0, text, Hints::scan(text), &mut out);
        out.iter().map(|m| &text[m.start..m.end]).collect()
    }

    proptest::proptest! {
        /// The one-pass scan never rules out a class its detector would find.
        #[test]
        fn hints_never_hide_a_finding(
            text in "([a-z \n\t\u{1}\u{7F}\u{85}é]|\u{301}|\u{200B}|\u{200D}|\u{FEFF}|\u{202E}|\u{2066}|\u{E0041}|\u{2800}|\u{3164}|가|🇫|🇷|🤡|Е|О|α|ا|ก){0,24}"
        ) {
            let hints = Hints::scan(&text);
            for (class, _) in HiddenClass::ALL {
                let mut out = Vec::new();
                HiddenMatcher { class }.scan(0, &text, Hints { possible: u16::MAX }, &mut out);
                proptest::prop_assert!(out.is_empty() || hints.may_occur(class), "{class:?}");
            }
        }
    }

    #[test]
    fn zero_width_inside_words_at_the_ends_and_beside_spaces() {
        assert_eq!(
            spans(HiddenClass::ZeroWidth, "Ky\u{200B}iv and \u{200B} space"),
            ["\u{200B}", "\u{200B}"]
        );
        assert_eq!(
            spans(
                HiddenClass::ZeroWidth,
                "\u{200B}Hello\u{2062}world\u{034F}x\u{2060}"
            ),
            ["\u{200B}", "\u{2062}", "\u{034F}", "\u{2060}"]
        );
        // A left-to-right mark inside a Latin word; beside Hebrew or Arabic it has a use.
        assert_eq!(spans(HiddenClass::ZeroWidth, "Hel\u{200E}lo"), ["\u{200E}"]);
        assert!(spans(HiddenClass::ZeroWidth, "שלום\u{200E}2024").is_empty());
        assert!(spans(HiddenClass::ZeroWidth, "مرحبا\u{061C}123").is_empty());
        assert!(spans(HiddenClass::ZeroWidth, "Family 👨\u{200D}👩\u{200D}👧 day").is_empty());
        assert!(spans(HiddenClass::ZeroWidth, "👨\u{200D}👩\u{200D}👧").is_empty());
        assert!(spans(HiddenClass::ZeroWidth, "می\u{200C}خواهم").is_empty());
        assert!(spans(HiddenClass::ZeroWidth, "สวัสดี\u{200B}ครับ").is_empty());
    }

    #[test]
    fn mixed_script_but_not_uzbek_or_japanese() {
        assert_eq!(
            spans(HiddenClass::MixedScript, "a S\u{0415}CRET memo"),
            ["S\u{0415}CRET"]
        );
        assert!(
            spans(
                HiddenClass::MixedScript,
                "O\u{02BB}zbekiston 東京タワー Kyiv Київ"
            )
            .is_empty()
        );
    }

    #[test]
    fn whole_word_confusable_in_latin_text() {
        assert_eq!(
            spans(
                HiddenClass::Confusable,
                "Our new partner \u{0420}\u{041E}\u{0421}\u{0422} is here"
            ),
            ["\u{0420}\u{041E}\u{0421}\u{0422}"]
        );
        assert!(spans(HiddenClass::Confusable, "Москва и Київ").is_empty());
    }

    #[test]
    fn flags_tags_and_regional_indicators() {
        assert!(
            spans(
                HiddenClass::Tag,
                "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
            )
            .is_empty()
        );
        assert_eq!(spans(HiddenClass::Tag, "hi\u{E0069}\u{E0067}").len(), 1);
        assert!(spans(HiddenClass::RegionalIndicator, "🇫🇷").is_empty());
        assert_eq!(
            spans(HiddenClass::RegionalIndicator, "x \u{1F1EB} y").len(),
            1
        );
    }

    #[test]
    fn zalgo_and_bom() {
        assert_eq!(
            spans(HiddenClass::Zalgo, "Ze\u{301}\u{302}\u{303}\u{304}lgo Việt").len(),
            1
        );
        assert_eq!(spans(HiddenClass::Bom, "\u{FEFF}Text"), ["\u{FEFF}"]);
        assert_eq!(spans(HiddenClass::Bom, "Text\u{FEFF} more"), ["\u{FEFF}"]);
        assert_eq!(
            spans(HiddenClass::Bom, "a\u{FEFF}b\u{FEFF}"),
            ["\u{FEFF}", "\u{FEFF}"]
        );
        assert!(spans(HiddenClass::ZeroWidth, "a\u{FEFF}b").is_empty());
    }
}
