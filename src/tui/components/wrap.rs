//! Word wrap of styled text into screen rows, with a hanging indent: the detail pane, the
//! help screen and the publish gate draw pre-wrapped rows, so they know how many rows they
//! have and can scroll by rows. Wrapping uses the editor's own layout
//! ([`crate::tui::editor::Layout::prose`]: greedy by words, by display width, wide characters 2
//! cells, a word too long for a row broken after a `/`, `-` or `_`, not inside a name), so a CJK or emoji message wraps where it is drawn. Rows holding right-to-left
//! text are drawn in display order by the editor's own bidi code
//! ([`crate::tui::editor::bidi`]): wrapped in logical order, then each row reordered.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::bidi::has_rtl;
use crate::tui::editor::bidi::reorder_rows;
use crate::tui::editor::{Layout, Row};

/// `content` (already [`super::clean`]ed: no line breaks or control characters) wrapped to
/// rows of at most `width` cells. The first row starts with `label` padded to `indent`
/// cells; the other rows start with `indent` spaces, so the text stays aligned. A label
/// wider than `indent` gets a row of its own. At least one row.
pub fn labeled(
    label: Span<'static>,
    indent: usize,
    content: Vec<Span<'static>>,
    width: usize,
) -> Vec<Line<'static>> {
    let avail = width.saturating_sub(indent).max(1);
    let text: String = content.iter().map(|s| s.content.as_ref()).collect();
    // Each byte's span, to cut the rows back into styled pieces.
    let mut bounds = Vec::with_capacity(content.len());
    let mut at = 0;
    for s in &content {
        bounds.push((at, at + s.content.len(), s.style));
        at += s.content.len();
    }
    let layout = Layout::prose(&text, avail);
    let mut out = Vec::new();
    let label_w = label.content.width();
    let mut first = Some(label);
    if label_w > indent
        && let Some(l) = first.take()
    {
        out.push(Line::from(l));
    }
    // The rows without their trailing whitespace, and their display order when the text
    // holds right-to-left characters (one bidi paragraph: the content has no line breaks).
    let rows: Vec<Row> = layout
        .rows()
        .iter()
        .map(|r| Row {
            start: r.start,
            end: trim_end(&text, r.start, r.end),
            width: r.width,
        })
        .collect();
    let visual = if has_rtl(&text) {
        reorder_rows(&text, &rows)
    } else {
        vec![None; rows.len()]
    };
    for (row, visual) in rows.iter().zip(visual) {
        let (start, end) = (row.start, row.end);
        if start >= end && !out.is_empty() && row.start > 0 {
            continue;
        }
        let mut spans = Vec::new();
        match first.take() {
            Some(l) => {
                let pad = indent.saturating_sub(l.content.width());
                let style = l.style;
                spans.push(l);
                spans.push(Span::styled(" ".repeat(pad), style));
            }
            None => spans.push(Span::raw(" ".repeat(indent))),
        }
        match visual {
            // Graphemes left to right on screen, each in the style of the span it is in;
            // neighbours of one style joined into one span.
            Some(v) => {
                let mut run: Option<(String, Style)> = None;
                for c in &v.cells {
                    let style = bounds
                        .iter()
                        .find(|&&(s, e, _)| s <= c.start && c.start < e)
                        .map_or(Style::new(), |b| b.2);
                    match &mut run {
                        Some((t, st)) if *st == style => t.push_str(&text[c.start..c.end]),
                        _ => {
                            if let Some((t, st)) = run.take() {
                                spans.push(Span::styled(t, st));
                            }
                            run = Some((text[c.start..c.end].to_string(), style));
                        }
                    }
                }
                if let Some((t, st)) = run {
                    spans.push(Span::styled(t, st));
                }
            }
            None => {
                for &(s, e, style) in &bounds {
                    let (a, b) = (s.max(start), e.min(end));
                    if a < b {
                        spans.push(Span::styled(text[a..b].to_string(), style));
                    }
                }
            }
        }
        out.push(Line::from(spans));
    }
    if out.is_empty() {
        out.push(Line::from(first.unwrap_or_default()));
    }
    out
}

/// Plain `text` wrapped with `label` and `indent` (see [`labeled`]).
pub fn plain(
    label: &str,
    indent: usize,
    text: &str,
    style: Style,
    width: usize,
) -> Vec<Line<'static>> {
    labeled(
        Span::styled(label.to_string(), style),
        indent,
        vec![Span::styled(text.to_string(), style)],
        width,
    )
}

/// The end of row `start..end` of `text` without its trailing whitespace.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// One line of a post (`text`, [`super::clean`]ed), wrapped as [`plain`] does with
/// `indent`; a right-to-left paragraph (first strong character R or AL, UAX #9 P2–P3) is
/// also right-aligned in `width` cells, as the editor draws it, so a reviewer reads an
/// Arabic post where it starts.
pub fn post_line(indent: usize, text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let mut lines = plain("", indent, text, style, width);
    if crate::text::bidi::first_strong_is_rtl(text) {
        for l in &mut lines {
            // Cells as drawn (grapheme by grapheme, as the layout counts them: the string
            // width of a span would count a lam-alef pair as one cell).
            let drawn: usize = l
                .spans
                .iter()
                .flat_map(|s| s.content.graphemes(true))
                .map(crate::tui::editor::glyph::cells)
                .sum();
            let pad = width.saturating_sub(drawn);
            if pad > 0 {
                l.spans
                    .insert(1.min(l.spans.len()), Span::raw(" ".repeat(pad)));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn continuation_rows_are_indented_under_the_text() {
        let l = plain(
            "Why",
            6,
            "Ukraine's government and the UN use Kyiv.",
            Style::new(),
            26,
        );
        assert_eq!(
            rows(&l),
            [
                "Why   Ukraine's",
                "      government and the",
                "      UN use Kyiv."
            ]
        );
        for line in &l {
            assert!(line.width() <= 26, "{line}");
        }
    }

    #[test]
    fn wide_characters_wrap_by_cells_and_styles_survive() {
        let red = Style::new().fg(ratatui::style::Color::Red);
        let l = labeled(
            Span::raw(""),
            0,
            vec![Span::raw("中文中文 "), Span::styled("中文中文", red)],
            8,
        );
        assert_eq!(rows(&l), ["中文中文", "中文中文"]);
        assert_eq!(l[1].spans.last().unwrap().style, red);
    }

    #[test]
    fn right_to_left_rows_are_drawn_in_display_order() {
        let red = Style::new().fg(ratatui::style::Color::Red);
        // Logical: "السفارة في كييف" (the embassy in Kiev); the last word styled.
        let l = labeled(
            Span::raw("Match"),
            6,
            vec![Span::raw("السفارة في "), Span::styled("كييف", red)],
            40,
        );
        assert_eq!(rows(&l), ["Match فييك يف ةرافسلا"]);
        // The styled word is the leftmost on screen, still red.
        assert_eq!(l[0].spans[2].content, "فييك");
        assert_eq!(l[0].spans[2].style, red);
        // Wrapped first (the first words on the top row), then each row reordered.
        let l = plain(
            "",
            0,
            "تدعو الوزارة جميع الأطراف إلى ضبط النفس",
            Style::new(),
            20,
        );
        assert_eq!(rows(&l), ["عيمج ةرازولا وعدت", "طبض ىلإ فارطألا", "سفنلا"]);
        // A Hebrew word inside an English message stays in place, its letters reversed.
        let l = plain("", 0, "Use שלום here", Style::new(), 40);
        assert_eq!(rows(&l), ["Use םולש here"]);
    }

    #[test]
    fn a_name_too_long_for_a_row_breaks_after_a_slash_or_hyphen() {
        assert_eq!(
            rows(&plain(
                "",
                0,
                "classification/dissemination-control (leak)",
                Style::new(),
                23
            )),
            ["classification/", "dissemination-control", "(leak)"]
        );
        assert_eq!(
            rows(&plain("", 0, "classification/us-banner", Style::new(), 20)),
            ["classification/", "us-banner"]
        );
        assert_eq!(
            rows(&plain(
                "",
                0,
                "packs/a-very-long-rule-name-here",
                Style::new(),
                12
            )),
            ["packs/", "a-very-long-", "rule-name-", "here"]
        );
        // Words that fit move whole, hyphen or not; a name without any breaks by cells.
        assert_eq!(
            rows(&plain(
                "",
                0,
                "the Russian-derived spelling",
                Style::new(),
                20
            )),
            ["the Russian-derived", "spelling"]
        );
        assert_eq!(
            rows(&plain("", 0, "abcdefghij", Style::new(), 4)),
            ["abcd", "efgh", "ij"]
        );
    }

    #[test]
    fn a_long_label_gets_its_own_row_and_empty_text_one_row() {
        assert_eq!(
            rows(&plain("Ctrl+Backspace", 6, "delete", Style::new(), 20)),
            ["Ctrl+Backspace", "      delete"]
        );
        assert_eq!(rows(&plain("Fix", 6, "", Style::new(), 20)), ["Fix   "]);
    }
}
