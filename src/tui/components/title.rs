//! The title bar (file, account, counter, totals) and the error banner below it (rules
//! failed to load, or a reload failed).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::clean;
use crate::tui::app::App;
use crate::tui::app::plural;
use crate::tui::dialogs::thread_view::Thread;

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

/// While a thread is previewed or cleared: `X thread of 4 · longest 280/280 weighted
/// characters` (`unit`), or `X 4 parts ≤280`.
fn thread_counter(app: &App, t: &Thread, unit: bool) -> String {
    let name = app.current_platform().map_or("", |p| p.name.as_str());
    let (u, max) = t.limit;
    let longest = t.parts.iter().map(|p| p.count).max().unwrap_or(0);
    if unit {
        format!(
            "{name} thread of {} · longest {longest}/{max} {}",
            t.parts.len(),
            u.label()
        )
    } else {
        format!("{name} {} parts ≤{max}", t.parts.len())
    }
}

/// Whether any counter of the current platform is over its limit.
pub(crate) fn over_limit(app: &App) -> bool {
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
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let thread = app.active_thread();
    let counter_style = if over_limit(app) && thread.is_none() {
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
            Span::styled(
                match thread {
                    Some(t) => thread_counter(app, t, unit),
                    None => counter_label(app, unit, all),
                },
                counter_style,
            ),
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

/// The red banner shown when the rules failed to load, when a reload failed (then the
/// last good rules stay in force), or while autosaving fails. The second row is the first error, `file:line:col: …`.
pub fn banner(frame: &mut Frame, area: Rect, app: &App) {
    let (head, err) = match (&app.load_error, &app.reload_error) {
        (Some(err), _) => {
            let n = err.lines().count();
            let head = format!(
                " ✖ RULES FAILED TO LOAD ({n} error{}): nothing is checked; see Rule errors",
                plural(n)
            );
            (head, err.as_str())
        }
        (None, Some(f)) => {
            let head = format!(
                " ✖ RULES NOT RELOADED ({} error{}): last good rules in force; see Rule errors",
                f.count,
                plural(f.count)
            );
            (head, f.message.as_str())
        }
        (None, None) => match &app.autosave_error {
            Some(e) => (
                " ✖ AUTOSAVE FAILED: the draft is only in memory; Ctrl+S saves it".to_string(),
                e.as_str(),
            ),
            None => return,
        },
    };
    let first = clean(err.lines().next().unwrap_or(""));
    let text = vec![Line::from(head), Line::from(format!(" {first}"))];
    frame.render_widget(Paragraph::new(text).style(app.theme.banner()), area);
}
