//! Human output: each finding as a diagnostic with path:line:column, severity, rule id,
//! message, the line with the span underlined, the fix and why (annotate-snippets).
//!
//! Invisible and control characters of the text are shown as `<U+XXXX>` so that nothing
//! from a checked text reaches the terminal raw.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet};

use crate::diag::RuleError;
use crate::model::{Applicability, Finding, Severity};

/// Renders findings and errors; `color` turns on ANSI styling.
pub struct HumanReport {
    renderer: Renderer,
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
        }
    }

    /// Renders one finding of `text` (shown as coming from `origin`, e.g. `post.txt` or
    /// `archive.jsonl record 12`). Only the lines the span covers are shown.
    pub fn finding(&self, origin: &str, text: &str, f: &Finding) -> String {
        let (first, last, clipped) = excerpt(text, f);
        let excerpt = &text[first..last];
        let (shown, map) = displayable(excerpt);
        let rel = |o: usize| map[o.clamp(first, last) - first];
        let span = rel(f.start)..rel(f.end.min(last));
        let title = format!("{} [{}]", f.message, f.rule);
        let snippet = Snippet::source(shown.clone())
            .line_start(f.line)
            .annotation(
                AnnotationKind::Primary
                    .span(span.clone())
                    .label(f.category.as_str()),
            );
        let title = level(f.severity).primary_title(title);
        // A clipped line: the renderer cannot know the column, so the position is given.
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
