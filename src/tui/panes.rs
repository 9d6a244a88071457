//! The panes: title bar, error banner, editor frame, findings list, detail, status line and
//! key-hint bar. Text that comes from the draft or the rules goes through [`clean`], so no
//! control character reaches the terminal.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::app::{App, Focus};
use super::editor::widget::{EditorView, cursor_position};
use crate::model::{Finding, Severity};
use crate::text::visible;

/// Makes `s` safe to draw: hidden and control characters become `<U+XXXX>`, line breaks
/// and tabs spaces.
pub fn clean(s: &str) -> String {
    visible(s)
}

/// At most `max` characters of `s` (with `…` when cut): a limit finding's match can be
/// the whole 2 MB text.
pub fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The file name shown in the title, with `*` when modified.
fn file_label(app: &App) -> String {
    let name = app.file.as_ref().map_or_else(
        || "new draft".to_string(),
        |p| clean(&p.display().to_string()),
    );
    if app.modified() {
        format!("{name}*")
    } else {
        name
    }
}

/// The counter of the current platform: `X 214/280 weighted characters` (`unit`), with
/// every limit of the platform when `all` (`Bluesky 301/300 characters (graphemes) ·
/// 320/3000 bytes`), or `X 214/280`; else why there is no counter.
pub fn counter_label(app: &App, unit: bool, all: bool) -> String {
    let Some(p) = app.current_platform() else {
        return if app.rules_loaded() {
            "no platform".to_string()
        } else {
            "no rules".to_string()
        };
    };
    let shown = if all { app.counters.len() } else { 1 };
    let parts: Vec<String> = app
        .counters
        .iter()
        .take(shown)
        .map(|c| {
            if unit {
                format!("{}/{} {}", c.count, c.max, c.unit.label())
            } else {
                format!("{}/{}", c.count, c.max)
            }
        })
        .collect();
    if parts.is_empty() {
        return p.name.clone();
    }
    format!("{} {}", p.name, parts.join(" · "))
}

/// Whether any counter of the current platform is over its limit.
fn over_limit(app: &App) -> bool {
    app.counters.iter().any(|c| c.count > c.max)
}

/// `2 block · 1 warn · 0 info`, or a warning that nothing was checked.
pub fn totals_label(app: &App) -> String {
    if !app.rules_loaded() {
        return "NOT CHECKED: rules failed to load".to_string();
    }
    if app.checking {
        return "checking…".to_string();
    }
    let t = app.totals();
    format!("{} block · {} warn · {} info", t.block, t.warn, t.info)
}

/// The title bar.
pub fn title(frame: &mut Frame, area: Rect, app: &App) {
    let counter_style = if over_limit(app) {
        app.theme.error()
    } else {
        Style::new()
    };
    let t = app.totals();
    let totals_style = if !app.rules_loaded() || t.block > 0 {
        app.theme.error()
    } else {
        Style::new()
    };
    let compact = {
        let t = app.totals();
        if app.checking {
            "checking…".to_string()
        } else if app.rules_loaded() {
            format!("✖{} ▲{} ●{}", t.block, t.warn, t.info)
        } else {
            "NOT CHECKED".to_string()
        }
    };
    let account = app.current_account().map_or_else(
        || "no account".to_string(),
        |a| format!("{} ({})", clean(&a.handle), clean(&a.kind)),
    );
    let build = |(all, unit, brand, short): (bool, bool, bool, bool)| {
        Line::from(vec![
            Span::raw(if brand { " tact · " } else { " " }),
            Span::styled(file_label(app), Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(" │ "),
            Span::raw(account.clone()),
            Span::raw(" │ "),
            Span::styled(counter_label(app, unit, all), counter_style),
            Span::raw(" │ "),
            Span::styled(
                if short {
                    compact.clone()
                } else {
                    totals_label(app)
                },
                totals_style,
            ),
        ])
    };
    // The widest form that fits; the editor's bottom border always shows every counter
    // with its unit, so the narrowest title may drop the unit.
    let width = area.width as usize;
    let forms = [
        (true, true, true, false),
        (true, true, false, false),
        (true, true, false, true),
        (false, true, false, false),
        (false, true, false, true),
        (false, false, false, true),
    ];
    let line = forms
        .into_iter()
        .map(build)
        .find(|l| l.width() <= width)
        .unwrap_or_else(|| build((false, false, false, true)));
    frame.render_widget(Paragraph::new(line).style(app.theme.bar()), area);
}

/// The red banner shown when the rules failed to load, or when a reload failed (then the
/// last good rules stay in force). The second row is the first error, `file:line:col: …`.
pub fn banner(frame: &mut Frame, area: Rect, app: &App) {
    let (head, err) = match (&app.load_error, &app.reload_error) {
        (Some(err), _) => {
            let n = err.lines().count();
            let head = format!(
                " ✖ RULES FAILED TO LOAD ({n} error{}): nothing is checked; see Rule errors",
                super::live::plural(n)
            );
            (head, err.as_str())
        }
        (None, Some(f)) => {
            let head = format!(
                " ✖ RULES NOT RELOADED ({} error{}): still using the last good rules; fix and save, or Ctrl+R",
                f.count,
                super::live::plural(f.count)
            );
            (head, f.message.as_str())
        }
        (None, None) => return,
    };
    let first = clean(err.lines().next().unwrap_or(""));
    let text = vec![Line::from(head), Line::from(format!(" {first}"))];
    frame.render_widget(Paragraph::new(text).style(app.theme.banner()), area);
}

fn pane_block(title: &str, focused: bool) -> Block<'_> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(Style::new().add_modifier(Modifier::BOLD))
    } else {
        b
    }
}

/// The editor frame, the text and the terminal cursor.
pub fn editor(frame: &mut Frame, area: Rect, text_area: Rect, app: &App) {
    let focused = app.focus == Focus::Editor && app.dialog.is_none();
    let mut block = pane_block(" Draft ", focused);
    if !app.counters.is_empty() {
        let fits = |s: &String| s.chars().count() + 4 <= area.width as usize;
        let label = Some(format!(" {} ", counter_label(app, true, true)))
            .filter(fits)
            .unwrap_or_else(|| format!(" {} ", counter_label(app, true, false)));
        let style = if over_limit(app) {
            app.theme.error()
        } else {
            Style::new()
        };
        block = block.title_bottom(Line::styled(label, style).right_aligned());
    }
    frame.render_widget(block, area);
    let layout = app.editor.layout();
    let marks = app.marks();
    let text = app.editor.text();
    let view = EditorView {
        text,
        layout,
        scroll: app.editor.scroll(),
        marks: &marks,
        selection: app.editor.buffer.selection(),
        styles: app.theme.editor(),
    };
    frame.render_widget(view, text_area);
    if focused
        && let Some(pos) = cursor_position(
            text,
            layout,
            app.editor.scroll(),
            app.editor.cursor(),
            text_area,
        )
    {
        frame.set_cursor_position(pos);
    }
}

fn severity_spans(app: &App, sev: Severity) -> Span<'static> {
    Span::styled(
        format!("{} {:<5}", sev.symbol(), sev.as_str()),
        app.theme.severity_label(sev),
    )
}

fn finding_item(app: &App, f: &Finding) -> ListItem<'static> {
    ListItem::new(Line::from(vec![
        severity_spans(app, f.severity),
        Span::raw(" "),
        Span::styled(clean(&f.rule), app.theme.dim()),
        Span::raw(" "),
        Span::raw(clean(&short(&f.message, 300))),
    ]))
}

/// The findings list.
pub fn findings(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == Focus::Findings && app.dialog.is_none();
    let title = format!(" Findings ({}) ", app.findings.len());
    let block = pane_block(&title, focused);
    if app.findings.is_empty() {
        let (msg, style) = if app.rules_loaded() {
            ("No findings.", Style::new())
        } else {
            ("Rules failed to load: NOT checked.", app.theme.error())
        };
        frame.render_widget(Paragraph::new(msg).style(style).block(block), area);
        return;
    }
    // Only the visible window is built: a 2 MB paste can have tens of thousands of findings.
    let height = area.height.saturating_sub(2) as usize;
    let offset = super::mouse::list_offset(app.selected, height);
    let items: Vec<ListItem> = app.findings[offset..]
        .iter()
        .take(height)
        .map(|f| finding_item(app, f))
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(app.theme.selected())
        .highlight_symbol("›");
    let mut state = ListState::default().with_selected(app.selected.map(|s| s - offset));
    frame.render_stateful_widget(list, area, &mut state);
}

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
pub fn detail(frame: &mut Frame, area: Rect, app: &App) {
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
            severity_spans(app, f.severity),
            Span::raw(format!(" {} ({})", clean(&f.rule), f.category)),
        ]),
        Line::from(clean(&short(&f.message, 600))),
    ];
    match &f.tone {
        Some(t) => lines.extend(super::tone_view::lines(f, t, app.editor.text(), app.theme)),
        None => lines.push(Line::from(format!(
            "Match: {}",
            clean(&short(&f.matched, 200))
        ))),
    }
    lines.push(Line::from(format!("Why: {}", clean(&f.why))));
    lines.push(Line::from(fix_line(f)));
    if f.tone.is_some() {
        lines.push(super::tone_view::sentence_line(f));
    }
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(p, area);
}

/// The status line: the last message, and the cursor's line and column.
pub fn status(frame: &mut Frame, area: Rect, app: &App) {
    let text = app.editor.text();
    let cur = app.editor.cursor();
    let before = &text[..cur];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    let pos = format!("Ln {line}, Col {col} ");
    let msg_width = area.width.saturating_sub(pos.len() as u16);
    let [msg_area, pos_area] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(msg_width),
        ratatui::layout::Constraint::Min(0),
    ])
    .areas(area);
    if let Some(s) = &app.status {
        let style = if s.error {
            app.theme.error()
        } else {
            Style::new()
        };
        frame.render_widget(
            Paragraph::new(format!(" {}", clean(&s.text))).style(style),
            msg_area,
        );
    }
    frame.render_widget(Paragraph::new(pos).style(app.theme.dim()), pos_area);
}

/// The key-hint bar: the longest form that fits the width (in cells).
pub fn hints(frame: &mut Frame, area: Rect, app: &App) {
    const FORMS: [&str; 4] = [
        " F1 help  F2 account  F8/⇧F8 finding  Alt+Enter/F4 fix  Tab list  ^Z undo  ^S save  ^P publish  ^R reload  ^Q quit",
        " F1 help  F2 account  F8 finding  F4 fix  Tab list  ^Z undo  ^S save  ^P publish  ^R reload  ^Q quit",
        " F1 help F2 acct F8 next F4 fix ^S save ^P publish ^R reload ^Q quit",
        " F1 help F8 next F4 fix ^S save ^P publish ^R reload ^Q quit",
    ];
    let width = area.width as usize;
    let hint = FORMS
        .into_iter()
        .find(|f| unicode_width::UnicodeWidthStr::width(*f) <= width)
        .unwrap_or(FORMS[3]);
    frame.render_widget(Paragraph::new(hint).style(app.theme.bar()), area);
}
