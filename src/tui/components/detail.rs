//! The selected finding's detail: severity, rule, message, the match (or a tone
//! finding's explanation, [`super::tone`]), why, and the fix.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{clean, pane_block, severity_span, short};
use crate::model::Finding;
use crate::tui::app::App;

fn fix_line(f: &Finding) -> String {
    match f.safe_fix() {
        Some(fix) => format!("Fix: {} (Alt+Enter or F4)", clean(&fix.label())),
        None if f.fixes.is_empty() => "Fix: none (advice only)".to_string(),
        None => {
            let labels: Vec<String> = f.fixes.iter().map(|x| clean(&x.label())).collect();
            format!("Choices: {}", labels.join(" / "))
        }
    }
}

/// The selected finding's detail: severity, rule, message, why, fix.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let block = pane_block(" Detail ", false);
    if let Some(err) = &app.load_error {
        let lines: Vec<Line> = err.lines().map(|l| Line::from(clean(l))).collect();
        let p = Paragraph::new(lines)
            .style(app.theme.error())
            .block(pane_block(" Rule errors ", false))
            .wrap(Wrap { trim: false });
        frame.render_widget(p, area);
        return;
    }
    let Some(f) = app.selected_finding() else {
        let hint = if app.findings.is_empty() {
            ""
        } else {
            "F8 selects the next finding."
        };
        frame.render_widget(Paragraph::new(hint).block(block), area);
        return;
    };
    let mut lines = vec![
        Line::from(vec![
            severity_span(app, f.severity),
            Span::raw(format!(" {} ({})", clean(&f.rule), f.category)),
        ]),
        Line::from(clean(&short(&f.message, 600))),
    ];
    match &f.tone {
        Some(t) => lines.extend(super::tone::lines(f, t, app.editor.text(), app.theme)),
        None => lines.push(Line::from(format!(
            "Match: {}",
            clean(&short(&f.matched, 200))
        ))),
    }
    lines.push(Line::from(format!("Why: {}", clean(&f.why))));
    lines.push(Line::from(fix_line(f)));
    if f.tone.is_some() {
        lines.push(super::tone::sentence_line(f));
    }
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(p, area);
}
