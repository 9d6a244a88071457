//! Human output: each finding as a diagnostic with path:line:column, severity, rule id,
//! message, the line with the span underlined, the fix and why (annotate-snippets).
//!
//! Invisible and control characters of the text are shown as `<U+XXXX>` so that nothing
//! from a checked text reaches the terminal raw.
//!
//! On a terminal ([`HumanReport::display_order`]), lines holding right-to-left text are
//! written in display order ([`crate::text::bidi`]) with the underline under the cells the
//! finding's words are drawn on; the position in the header stays the file's (logical) one.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet};

use crate::diag::RuleError;
use crate::model::{Applicability, Finding, Severity};

/// Renders findings and errors; `color` turns on ANSI styling.
pub struct HumanReport {
    renderer: Renderer,
    display_order: bool,
}

/// `shown` with each line holding right-to-left text in display order, and a map from each
/// byte offset of `shown` (0..=len) to the offset of the same grapheme in the result; `None`
/// when no line has right-to-left text.
fn reordered(shown: &str) -> Option<(String, Vec<usize>)> {
    if !crate::text::bidi::has_rtl(shown) {
        return None;
    }
    let mut out = String::with_capacity(shown.len());
    let mut map = vec![0; shown.len() + 1];
    let mut at = 0;
    for line in shown.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        match crate::text::bidi::line_order(body) {
            Some(order) => {
                for g in order {
                    for k in g.clone() {
                        map[at + k] = out.len() + (k - g.start);
                    }
                    out.push_str(&body[g]);
                }
            }
            None => {
                for k in 0..body.len() {
                    map[at + k] = out.len() + k;
                }
                out.push_str(body);
            }
        }
        if body.len() < line.len() {
            map[at + body.len()] = out.len();
            out.push('\n');
        }
        at += line.len();
    }
    map[shown.len()] = out.len();
    Some((out, map))
}

/// `text` with every invisible or control character (other than line breaks) replaced by
/// `<U+XXXX>`, and a map from each byte offset of `text` (0..=len) to the new offset.
fn displayable(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0; text.len() + 1];
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            map[i + k] = out.len();
        }
        out.push(placeholder(c));
    }
    map[text.len()] = out.len();
    (out, map)
}

/// One visible character for each invisible or control character, so that columns stay
/// character columns: C0 controls as their Control Pictures (`␛`), bidi controls as `⇄`,
/// other invisible characters as `¦`. Line breaks and tabs stay.
fn placeholder(c: char) -> char {
    match c {
        '\n' | '\t' => c,
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('¦'),
        '\u{7F}' => '␡',
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '⇄',
        c if c.is_control()
            || crate::text::visible(c.encode_utf8(&mut [0; 4])) != c.to_string() =>
        {
            '¦'
        }
        c => c,
    }
}

/// Bytes of a long line shown on each side of a finding: the rest of the line is left out, so
/// that rendering a finding costs the same on a 1 MB line as on a short one.
const WINDOW: usize = 160;

/// The byte range `(first, last)` of `text` shown for `f`: the lines its span covers, cut to
/// [`WINDOW`] bytes on each side of the span (and the span to `4 × WINDOW`) on char
/// boundaries; `clipped` when something of those lines was left out. Costs O(window), never
/// O(line length) or O(text).
fn excerpt(text: &str, f: &Finding) -> (usize, usize, bool) {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    let start = f.start.min(text.len());
    let end = f.end.clamp(start, (start + 4 * WINDOW).min(text.len()));
    let end = ceil(end);
    let lo = floor(start.saturating_sub(WINDOW));
    let first = match text[lo..start].rfind('\n') {
        Some(i) => lo + i + 1,
        None => lo,
    };
    let hi = ceil((end + WINDOW).min(text.len()));
    let last = match text[end..hi].find('\n') {
        Some(i) => end + i,
        None => hi,
    };
    let cut_left = first > 0 && text.as_bytes()[first - 1] != b'\n';
    let cut_right = last < text.len() && text.as_bytes()[last] != b'\n';
    (first, last, cut_left || cut_right || end < f.end)
}

/// Lines longer than this (in bytes) are not repeated in fix diffs; the fix is named instead.
const LONG_LINE: usize = 300;

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Block => Level::ERROR.with_name("block"),
        Severity::Warn => Level::WARNING.with_name("warn"),
        Severity::Info => Level::INFO.with_name("info"),
    }
}

impl HumanReport {
    /// A report writer; `color` for a terminal without `NO_COLOR`.
    pub fn new(color: bool) -> HumanReport {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        HumanReport {
            renderer: renderer.decor_style(DecorStyle::Unicode),
            display_order: false,
        }
    }

    /// Writes right-to-left lines in display order (for a terminal, which shows cells in the
    /// order written); off by default, so that a file or pipe gets the text as stored.
    pub fn display_order(mut self, on: bool) -> HumanReport {
        self.display_order = on;
        self
    }

    /// Renders one finding of `text` (shown as coming from `origin`, e.g. `post.txt` or
    /// `archive.jsonl record 12`). Only the lines the span covers are shown.
    pub fn finding(&self, origin: &str, text: &str, f: &Finding) -> String {
        let (first, last, clipped) = excerpt(text, f);
        let excerpt = &text[first..last];
        let (shown, map) = displayable(excerpt);
        let rel = |o: usize| map[o.clamp(first, last) - first];
        let mut span = rel(f.start)..rel(f.end.min(last));
        // In display order the span's graphemes may lie apart (a word of each direction):
        // the underline covers the cells from the leftmost to the rightmost of them.
        let visual = self.display_order.then(|| reordered(&shown)).flatten();
        let clipped = clipped || visual.is_some();
        let shown = match visual {
            Some((text, vmap)) => {
                let cells: Vec<usize> = (span.clone())
                    .filter(|&b| shown.is_char_boundary(b))
                    .map(|b| vmap[b])
                    .collect();
                span = match (cells.iter().min(), cells.iter().max()) {
                    (Some(&lo), Some(&hi)) => {
                        let hi = hi + text[hi..].chars().next().map_or(0, char::len_utf8);
                        lo..hi
                    }
                    _ => vmap[span.start]..vmap[span.start],
                };
                text
            }
            None => shown,
        };
        let title = format!("{} [{}]", f.message, f.rule);
        let snippet = Snippet::source(shown.clone())
            .line_start(f.line)
            .annotation(
                AnnotationKind::Primary
                    .span(span.clone())
                    .label(f.category.as_str()),
            );
        let title = level(f.severity).primary_title(title);
        // A clipped or reordered line: the renderer cannot know the column, so the position
        // is given (and fixes are named, not drawn as a diff of the line).
        let mut primary = match clipped {
            true => title
                .element(
                    Origin::path(origin.to_string())
                        .line(f.line)
                        .char_column(f.column),
                )
                .element(snippet),
            false => title.element(snippet.path(origin.to_string())),
        };
        if !f.why.is_empty() {
            primary = primary.element(Level::NOTE.message(format!("why: {}", f.why.trim())));
        }
        let mut groups: Vec<Group> = vec![primary];
        for fix in &f.fixes {
            if clipped || excerpt.len() > LONG_LINE {
                let what = if fix.applicability == Applicability::Safe {
                    "fix (safe)"
                } else {
                    "fix"
                };
                groups.push(Group::with_title(
                    Level::HELP.secondary_title(format!("{what}: {}", fix.label())),
                ));
                continue;
            }
            let what = match fix.applicability {
                Applicability::Safe => "fix (safe)",
                Applicability::Choice => "fix (one of several)",
                Applicability::None => "suggestion",
            };
            let mut snip = Snippet::source(shown.clone())
                .line_start(f.line)
                .path(origin.to_string());
            for e in fix
                .edits
                .iter()
                .filter(|e| e.start >= first && e.end <= last)
            {
                snip = snip.patch(Patch::new(
                    rel(e.start)..rel(e.end),
                    crate::text::visible(&e.replacement),
                ));
            }
            groups.push(
                Level::HELP
                    .secondary_title(format!("{what}: {}", fix.label()))
                    .element(snip),
            );
        }
        self.renderer.render(&groups)
    }

    /// Renders an error that points into a file (rule errors).
    pub fn error(&self, e: &RuleError) -> String {
        self.diagnostic(Level::ERROR, e)
    }

    /// Renders a warning that points into a file (e.g. a past `review-by`).
    pub fn warning(&self, e: &RuleError) -> String {
        self.diagnostic(Level::WARNING, e)
    }

    fn diagnostic(&self, level: Level<'static>, e: &RuleError) -> String {
        let mut g = Group::with_title(level.primary_title(e.message.to_string()));
        if e.file_text.is_empty() {
            let at = if e.line > 1 {
                format!("{}:{}", e.file, e.line)
            } else {
                e.file.clone()
            };
            g = g.element(Level::NOTE.message(format!("in {at}")));
        } else {
            let snip = Snippet::source(e.file_text.to_string())
                .path(e.file.clone())
                .annotation(AnnotationKind::Primary.span(e.span.0..e.span.1));
            g = g.element(snip);
        }
        if let Some(h) = &e.help {
            g = g.element(Level::HELP.message(h.to_string()));
        }
        self.renderer.render(&[g])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn finding(text: &str, word: &str) -> Finding {
        let start = text.find(word).unwrap();
        Finding {
            rule: "terms/kyiv".into(),
            pack_version: "1".into(),
            category: Category::Terms,
            severity: Severity::Warn,
            start,
            end: start + word.len(),
            line: 1,
            column: text[..start].chars().count() + 1,
            matched: word.into(),
            message: "`Kiev` is the Russian-derived spelling".into(),
            why: String::new(),
            fixes: Vec::new(),
            tone: None,
        }
    }

    /// The source row of a rendered report (after `1 │`) and the caret row under it, from
    /// the same column.
    fn rows(out: &str) -> (String, String) {
        let lines: Vec<&str> = out.lines().collect();
        let i = lines.iter().position(|l| l.starts_with("1 │")).expect(out);
        let strip = |l: &str| l.chars().skip(3).collect::<String>();
        (strip(lines[i]), strip(lines[i + 1]))
    }

    #[test]
    fn on_a_terminal_arabic_lines_are_in_display_order_with_the_carets_under_the_word() {
        // "The embassy in Kiev confirmed the meeting."
        let text = "السفارة في Kiev أكدت الاجتماع.";
        let f = finding(text, "Kiev");
        let out = HumanReport::new(false)
            .display_order(true)
            .finding("post.txt", text, &f);
        let (line, carets) = rows(&out);
        assert_eq!(line, " .عامتجالا تدكأ Kiev يف ةرافسلا");
        let col = |s: &str, pat: &str| s[..s.find(pat).unwrap()].chars().count();
        assert_eq!(col(&carets, "━━━━"), col(&line, "Kiev"), "{out}");
        assert!(!carets.contains("━━━━━"), "{out}");
        // The header keeps the position in the file.
        assert!(out.contains("post.txt:1:12"), "{out}");
        // An Arabic word's carets go under its reversed letters.
        let f = finding(text, "أكدت");
        let out = HumanReport::new(false)
            .display_order(true)
            .finding("post.txt", text, &f);
        let (line, carets) = rows(&out);
        assert_eq!(col(&carets, "━"), col(&line, "تدكأ"), "{out}");
        assert_eq!(carets.matches('━').count(), 4, "{out}");
        // In a file or a pipe, the text as stored.
        let out = HumanReport::new(false).finding("post.txt", text, &f);
        assert!(rows(&out).0.contains(text), "{out}");
    }

    #[test]
    fn latin_lines_are_unchanged_on_a_terminal() {
        let text = "The delegation met partners in Kiev.";
        let f = finding(text, "Kiev");
        let a = HumanReport::new(false)
            .display_order(true)
            .finding("p", text, &f);
        let b = HumanReport::new(false).finding("p", text, &f);
        assert_eq!(a, b);
    }
}
