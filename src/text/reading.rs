//! The *evasion reading* of a text (issue 13): one alternate copy of the text with the tricks
//! that hide a marking from a reader-shaped checker undone, each edit remembering which trick
//! it undid so a finding read only this way can say so ("letters separated by `-`",
//! "look-alike Cherokee letters"). Leak rules run on it as well as on the text itself
//! ([`crate::engine::Engine::check`]).
//!
//! Steps, in order, each a rewrite of the previous step's [`View`] (so every byte still maps
//! back to the original):
//!
//! 1. **HTML entities** decoded (`&#83;`, `&#x53;`, `&sol;`: any named entity of HTML5,
//!    via the `html-escape` crate).
//! 2. **Markup** removed: HTML tags (`<b>`, `</span>`) and runs of `*`, `_`, `~`, `` ` ``
//!    touching a letter (`**SECRET**`, `S**EC**RET`, `` `SECRET` ``).
//! 3. **Separated letters** joined: three or more single letters with the same separator
//!    between each (`S-E-C-R-E-T`, `S.E.C.R.E.T.`, `N/O/F/O/R/N`, `S·E·C`, a tab). Plain
//!    single spaces are already joined by the clean view ([`super::evasion`]).
//! 4. **Look-alike letters** mapped: a word whose every letter is Latin or looks like one
//!    Latin letter per UTS #39 confusables (`unicode-security`: Cherokee `ᏚᎬᏟᎡᎬᎢ`, Lisu,
//!    Coptic…) is read in Latin; capitals with added marks in an all-capitals word
//!    (`CONFİDENTİAL`, `ṢECRET`) lose the marks, combining marks after a Latin letter
//!    (U+0332 underline, U+0336 strike-through, U+0323 dot below) are dropped, modifier
//!    letters (`ᵀᴼᴾ ˢᴱᶜᴿᴱᵀ`) read as capitals, negative circled and squared letters
//!    (`🅢`, `🆂`) and runs of three or more regional-indicator pairs (`🇸🇪🇨🇷🇪🇹`) as letters.
//!    (Cyrillic and Greek look-alikes are mapped by the clean view itself.)
//! 5. **Latin spelling of a Cyrillic word**: an all-capitals word of five or more letters,
//!    all of which look like Cyrillic ones (`CEKPETHO`), is read in Cyrillic.
//! 6. **Leetspeak**: in a word of three or more letters of one case mixed with `0 1 3 4 5 7 $`
//!    (no more of those than letters), they read as `O I E A S T S` (`5ECRET`, `N0F0RN`,
//!    `$ECRET`); ordinals such as `71st` are left alone.
//!
//! Ordinary text is left alone by every step, so most posts have no reading at all and cost
//! nothing more to check.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

use super::view::View;

/// An evasion reading: the rewritten text and, for each edit, the original byte range it
/// covers and what was undone there.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The reading, mapping back to the original text.
    pub view: View,
    /// `(original start, original end, what was undone)` of every edit, in step order.
    pub edits: Vec<(usize, usize, String)>,
}

impl Reading {
    /// What was undone inside or across the original byte range `start..end`, each named
    /// once, in step order. Empty when the range was read as written.
    pub fn notes_for(&self, start: usize, end: usize) -> Vec<&str> {
        let mut notes: Vec<&str> = Vec::new();
        for (s, e, note) in &self.edits {
            let touches = *s < end && start < *e;
            if touches && !notes.contains(&note.as_str()) {
                notes.push(note);
            }
        }
        notes
    }
}

/// One step's edit on the current view's text: `(start, end, replacement, note)`.
type Edit = (usize, usize, String, String);

/// The evasion reading of `original`, or `None` when no step changes anything.
pub fn evasion_reading(original: &str) -> Option<Reading> {
    // The identity view is built only once a step changes something: most texts have no
    // evasion, and mapping every character costs more than the steps' scans.
    let mut view: Option<View> = None;
    let mut edits = Vec::new();
    let steps: [fn(&str) -> Vec<Edit>; 6] = [
        html_entities,
        markup,
        separated_letters,
        lookalike_letters,
        latin_spelt_cyrillic,
        leetspeak,
    ];
    for step in steps {
        let found = step(view.as_ref().map_or(original, |v| v.text.as_str()));
        if found.is_empty() {
            continue;
        }
        let view = view.get_or_insert_with(|| View::identity(original));
        let mut plain = Vec::with_capacity(found.len());
        for (s, e, repl, note) in found {
            let (os, oe) = view.to_source(s, e);
            edits.push((os, oe, note));
            plain.push((s, e, repl));
        }
        *view = view.rewrite(&plain);
    }
    view.filter(|_| !edits.is_empty())
        .map(|view| Reading { view, edits })
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
        .expect("valid entity regex")
});

fn html_entities(text: &str) -> Vec<Edit> {
    if !text.contains('&') {
        return Vec::new();
    }
    ENTITY
        .find_iter(text)
        .filter_map(|m| {
            let decoded = html_escape::decode_html_entities(m.as_str());
            (decoded != m.as_str()).then(|| {
                let note = "HTML entities decoded".to_string();
                (m.start(), m.end(), decoded.into_owned(), note)
            })
        })
        .collect()
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>").expect("valid tag regex")
});

static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[*_~`]+").expect("valid emphasis regex"));

fn markup(text: &str) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    if text.contains('<') {
        for m in TAG.find_iter(text) {
            out.push((
                m.start(),
                m.end(),
                String::new(),
                "markup tags removed".into(),
            ));
        }
    }
    if text.contains(['*', '_', '~', '`']) {
        for m in EMPHASIS.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            let inside_tag = out
                .iter()
                .any(|(s, e, _, _)| *s <= m.start() && m.end() <= *e);
            // One `_`, `*` or `~` between letters is a word's own (`snake_case`) or a letter
            // separator, which [`separated_letters`] names.
            let single_inside =
                m.len() == 1 && letter(before) && letter(after) && m.as_str() != "`";
            if (letter(before) || letter(after)) && !inside_tag && !single_inside {
                let note = format!("markup `{}` removed", m.as_str());
                out.push((m.start(), m.end(), String::new(), note));
            }
        }
    }
    out.sort_by_key(|e| e.0);
    out
}

/// A character that may separate spelt-out letters.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '.'
            | '_'
            | '*'
            | '|'
            | '/'
            | '\\'
            | ':'
            | '+'
            | '~'
            | ','
            | '='
            | '\t'
            | ' '
            | '·'
            | '•'
            | '‧'
            | '∙'
            | '⋅'
            | '‐'..='―' | '−'
    )
}

/// How a separator is named in a finding.
fn separator_name(sep: &str) -> String {
    match sep {
        "\t" => "a tab".to_string(),
        s => format!("`{}`", s.trim()),
    }
}

fn separated_letters(text: &str) -> Vec<Edit> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_run = at(i).is_some_and(char::is_alphabetic)
            && (i == 0 || !at(i - 1).is_some_and(char::is_alphanumeric))
            && !at(i + 1).is_some_and(char::is_alphanumeric);
        if !starts_run {
            i += 1;
            continue;
        }
        // The separator after the first letter sets the one the whole run must use.
        let mut j = i + 1;
        while at(j).is_some_and(is_separator) && j - i <= 3 {
            j += 1;
        }
        let sep: String = chars[i + 1..j].iter().map(|&(_, c)| c).collect();
        if sep.is_empty() || sep.chars().count() > 3 || sep.chars().all(|c| c == ' ') {
            i += 1;
            continue;
        }
        let n = sep.chars().count();
        let mut letters = vec![i];
        let mut k = i;
        loop {
            let next = k + 1 + n;
            let same_sep = (1..=n).all(|d| at(k + d) == sep.chars().nth(d - 1));
            let single = at(next).is_some_and(char::is_alphabetic)
                && !at(next + 1).is_some_and(char::is_alphanumeric);
            if !(same_sep && single) {
                break;
            }
            letters.push(next);
            k = next;
        }
        if letters.len() >= 3 {
            let note = format!("letters separated by {}", separator_name(&sep));
            for w in letters.windows(2) {
                out.push((byte(w[0] + 1), byte(w[1]), String::new(), note.clone()));
            }
            // A trailing separator is part of the spelling too (`S.E.C.R.E.T.`).
            let trailing = (1..=n).all(|d| at(k + d) == sep.chars().nth(d - 1))
                && !at(k + n + 1).is_some_and(char::is_alphanumeric);
            if trailing && !sep.contains(' ') {
                out.push((byte(k + 1), byte(k + 1 + n), String::new(), note.clone()));
            }
        }
        i = k + 1;
    }
    out
}

/// The letter a negative circled, negative squared or regional-indicator symbol shows.
fn enclosed_letter(c: char) -> Option<char> {
    let cp = c as u32;
    let base = match cp {
        0x1F150..=0x1F169 => 0x1F150,
        0x1F170..=0x1F189 => 0x1F170,
        0x1F1E6..=0x1F1FF => 0x1F1E6,
        _ => return None,
    };
    char::from_u32('A' as u32 + cp - base)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// A modifier letter read as a capital (`ᵀ` → `T`, `ˢ` → `S`): its compatibility
/// decomposition is one Latin letter.
fn modifier_letter(c: char) -> Option<char> {
    if c.is_ascii() || !matches!(c as u32, 0x02B0..=0x02FF | 0x1D2C..=0x1DBF | 0x2070..=0x209F) {
        return None;
    }
    let mut d = std::iter::once(c).nfkd();
    match (d.next(), d.next()) {
        (Some(l), None) if l.is_ascii_alphabetic() => Some(l.to_ascii_uppercase()),
        _ => None,
    }
}

/// A capital Latin letter with marks, read without them (`İ` → `I`, `Ș` → `S`).
fn unmarked_capital(c: char) -> Option<char> {
    if c.is_ascii() || !c.is_uppercase() || c.script() != Script::Latin {
        return None;
    }
    std::iter::once(c)
        .nfd()
        .next()
        .filter(|b| b.is_ascii_uppercase())
}

/// The mapping of one word-like run: `(start, end, letter, note)` per mapped character,
/// or nothing when the run does not read as Latin letters.
fn map_word(text: &str, from: usize, to: usize, out: &mut Vec<Edit>) {
    let word = &text[from..to];
    let all_caps = !word.chars().any(char::is_lowercase)
        || word.chars().filter(|c| c.is_uppercase()).count() * 2 > word.chars().count();
    let mut edits: Vec<Edit> = Vec::new();
    let mut prev_latin = false;
    let mut ri_run = 0usize;
    for (i, c) in word.char_indices() {
        let (s, e) = (from + i, from + i + c.len_utf8());
        if c.is_ascii_alphabetic() {
            prev_latin = true;
            continue;
        }
        if is_combining_mark(c) {
            if prev_latin {
                edits.push((s, e, String::new(), "combining marks on the letters".into()));
            }
            continue;
        }
        let mapped = if let Some(l) = enclosed_letter(c) {
            if is_regional_indicator(c) {
                ri_run += 1;
            }
            Some((
                l,
                "letters drawn as symbols (enclosed or regional-indicator letters)".to_string(),
            ))
        } else if let Some(l) = modifier_letter(c) {
            Some((l, "modifier (superscript) letters".to_string()))
        } else if let Some(l) = unmarked_capital(c).filter(|_| all_caps) {
            Some((l, "capitals with added marks".to_string()))
        } else {
            match c.script() {
                Script::Latin | Script::Cyrillic | Script::Greek | Script::Common => None,
                script => super::latin_prototype(c).map(|l| {
                    (
                        l.to_ascii_uppercase(),
                        format!("look-alike {} letters", script.full_name()),
                    )
                }),
            }
        };
        match mapped {
            Some((l, note)) => {
                prev_latin = true;
                edits.push((s, e, l.to_string(), note));
            }
            // A letter that reads as no Latin letter: the word is not a disguised Latin word.
            None if c.is_alphabetic() => return,
            None => prev_latin = false,
        }
    }
    let ri_total = word.chars().filter(|c| is_regional_indicator(*c)).count();
    if ri_total > 0 && ri_run < 6 {
        edits.retain(|(s, e, _, _)| !text[*s..*e].chars().any(is_regional_indicator));
    }
    out.extend(edits);
}

fn lookalike_letters(text: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    // Word-like runs: letters, marks and the symbol letters, without spaces or punctuation.
    let part_of_word =
        |c: char| c.is_alphanumeric() || is_combining_mark(c) || enclosed_letter(c).is_some();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, part_of_word(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if !text[s..i].is_ascii() {
                    map_word(text, s, i, &mut out);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

static CAPS_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z\p{Cyrillic}]{5,}\b").expect("valid caps regex"));

fn latin_spelt_cyrillic(text: &str) -> Vec<Edit> {
    let to_cyrillic = |c: char| {
        super::evasion::CYRILLIC_CAPITALS
            .iter()
            .find(|(l, _)| *l == c)
            .map(|(_, k)| *k)
    };
    let mut out = Vec::new();
    for m in CAPS_WORD.find_iter(text) {
        let w = m.as_str();
        let fits = w
            .chars()
            .all(|c| to_cyrillic(c).is_some() || c.script() == Script::Cyrillic);
        // `B`, `H` and `P` read as Cyrillic `В`, `Н`, `Р` only in a Cyrillic word.
        if !fits || !w.chars().any(|c| matches!(c, 'B' | 'H' | 'P' | 'Y' | 'X')) {
            continue;
        }
        for (i, c) in w.char_indices() {
            if let Some(k) = to_cyrillic(c) {
                let s = m.start() + i;
                let note = "Latin letters that spell a Cyrillic word".to_string();
                out.push((s, s + 1, k.to_string(), note));
            }
        }
    }
    out
}

/// The words leetspeak may hide in, with their start bytes: the maximal runs of
/// `[A-Za-z0-9$]` of three or more characters (what `[A-Za-z0-9$]{3,}` finds).
fn leet_tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let in_token = |b: u8| b.is_ascii_alphanumeric() || b == b'$';
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < bytes.len() && !in_token(bytes[i]) {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            let start = i;
            while i < bytes.len() && in_token(bytes[i]) {
                i += 1;
            }
            if i - start >= 3 {
                // ASCII bytes only, so both ends are char boundaries.
                return Some((start, &text[start..i]));
            }
        }
    })
}

fn leet_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'O',
        '1' => 'I',
        '3' => 'E',
        '4' => 'A',
        '5' | '$' => 'S',
        '7' => 'T',
        _ => return None,
    })
}

fn leetspeak(text: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    let is_leet = |b: &u8| matches!(b, b'0' | b'1' | b'3' | b'4' | b'5' | b'$' | b'7');
    if !text.as_bytes().iter().any(is_leet) {
        return out;
    }
    for (start, w) in leet_tokens(text) {
        // Most words have no leet character: skip them before the counts below.
        if !w.as_bytes().iter().any(is_leet) {
            continue;
        }
        let letters = w.chars().filter(char::is_ascii_alphabetic).count();
        let upper = w.chars().all(|c| !c.is_ascii_lowercase());
        let lower = w.chars().all(|c| !c.is_ascii_uppercase());
        let leet = w.chars().filter(|c| leet_letter(*c).is_some()).count();
        // Mostly letters, in one case, with every other character a leet digit or sign.
        let all_readable = w
            .chars()
            .all(|c| c.is_ascii_alphabetic() || leet_letter(c).is_some());
        if letters < 3 || leet == 0 || !(upper || lower) || !all_readable || letters < leet {
            continue;
        }
        for (i, c) in w.char_indices() {
            if let Some(l) = leet_letter(c) {
                let l = if lower { l.to_ascii_lowercase() } else { l };
                let s = start + i;
                let note = "digits or signs read as letters (leetspeak)".to_string();
                out.push((s, s + 1, l.to_string(), note));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> String {
        evasion_reading(t).map_or(t.to_string(), |r| r.view.text)
    }

    #[test]
    fn leet_tokens_are_the_runs_the_regex_finds() {
        let re = Regex::new(r"[A-Za-z0-9$]{3,}").unwrap();
        for t in [
            "S3CR3T//N0F0RN and $ecret, ab a1 abc",
            "Très b1en: 5ecret—c0nfidential https://t.co/Ab3dE $$$",
            "ab",
            "",
            "Министр 4BC déjà7x",
        ] {
            let want: Vec<(usize, &str)> =
                re.find_iter(t).map(|m| (m.start(), m.as_str())).collect();
            assert_eq!(leet_tokens(t).collect::<Vec<_>>(), want, "{t}");
        }
    }

    #[test]
    fn ordinary_text_has_no_reading() {
        for t in [
            "The Minister met students in Samarkand today.",
            "U.S. and E.U. officials met at 10:30.",
            "Follow @Embassy and #Diplomacy; call +998 71 233-10-20.",
            "Министр встретился со студентами.",
            "Très bien : la Côte d'Ivoire et la Pologne.",
            "G20, COP29 and the 2030 Agenda.",
        ] {
            assert!(evasion_reading(t).is_none(), "{t}: {:?}", read(t));
        }
    }

    #[test]
    fn undoes_each_trick_and_names_it() {
        let cases = [
            (
                "S-E-C-R-E-T//N/O/F/O/R/N",
                "SECRET//NOFORN",
                "letters separated by `-`",
            ),
            ("S.E.C.R.E.T.", "SECRET", "letters separated by `.`"),
            ("S\tE\tC\tR", "SECR", "letters separated by a tab"),
            ("**SECRET**", "SECRET", "markup `**` removed"),
            ("S**EC**RET", "SECRET", "markup `**` removed"),
            (
                "&#83;&#69;&#67;RET&sol;&sol;NF",
                "SECRET//NF",
                "HTML entities decoded",
            ),
            (
                "\u{13DA}\u{13AC}\u{13DF}\u{13A1}\u{13AC}\u{13A2}",
                "SECRET",
                "look-alike Cherokee letters",
            ),
            (
                "S\u{336}E\u{336}C\u{336}R\u{336}E\u{336}T\u{336}",
                "SECRET",
                "combining marks on the letters",
            ),
            (
                "CONF\u{130}DENT\u{130}AL",
                "CONFIDENTIAL",
                "capitals with added marks",
            ),
            (
                "\u{1D40}\u{1D3C}\u{1D3E} \u{2E2}\u{1D31}\u{1D9C}\u{1D3F}\u{1D31}\u{1D40}",
                "TOP SECRET",
                "modifier (superscript) letters",
            ),
            (
                "\u{1F182}\u{1F174}\u{1F172}\u{1F181}\u{1F174}\u{1F183}",
                "SECRET",
                "letters drawn as symbols",
            ),
            (
                "CEKPETHO",
                "СЕКРЕТНО",
                "Latin letters that spell a Cyrillic word",
            ),
            ("5ECRET//N0F0RN", "SECRET//NOFORN", "leetspeak"),
            ("$ECRET", "SECRET", "leetspeak"),
        ];
        for (t, want, note) in cases {
            let r = evasion_reading(t).unwrap_or_else(|| panic!("no reading of {t}"));
            assert_eq!(r.view.text, want, "{t}");
            let notes = r.notes_for(0, t.len());
            assert!(notes.iter().any(|n| n.contains(note)), "{t}: {notes:?}");
        }
    }

    #[test]
    fn regional_indicators_need_three_flags() {
        assert_eq!(
            read("\u{1F1F8}\u{1F1EA}\u{1F1E8}\u{1F1F7}\u{1F1EA}\u{1F1F9}"),
            "SECRET"
        );
        let flags = "Welcome \u{1F1FA}\u{1F1FF}\u{1F1EB}\u{1F1F7}!";
        assert_eq!(read(flags), flags);
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let t = "x S-E-C-R-E-T y";
        let r = evasion_reading(t).expect("reading");
        let at = r.view.text.find("SECRET").expect("joined");
        assert_eq!(r.view.to_source(at, at + 6), (2, 13));
        assert_eq!(r.notes_for(2, 13), ["letters separated by `-`"]);
        assert!(r.notes_for(14, 15).is_empty());
    }
}
