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
    let handle = app.current_account().map(|a| clean(&a.handle));
    let kind = app.current_account().map(|a| clean(&a.kind));
    // The account with its handle at most `max` cells (`@VeryLongHa…`).
    let account = |max: usize| match (&handle, &kind) {
        (Some(h), Some(k)) => format!("{} ({k})", super::fit_end(h, max)),
        _ => "no account".to_string(),
    };
    let file = file_label(app);
    let build_with = |(all, unit, brand, short): (bool, bool, bool, bool),
                      handle_max: usize,
                      file_max: usize| {
        Line::from(vec![
            Span::raw(if brand { " tact · " } else { " " }),
            Span::styled(
                fit_path(&file, file_max),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(" │ "),
            Span::raw(account(handle_max)),
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
    let build = |form| build_with(form, usize::MAX, usize::MAX);
    let line = forms
        .into_iter()
        .map(build)
        .find(|l| l.width() <= width)
        .unwrap_or_else(|| {
            narrowest(width, handle.as_deref(), &file, |h, f| {
                build_with((false, false, false, true), h, f)
            })
        });
    frame.render_widget(Paragraph::new(line).style(app.theme.bar()), area);
}

/// The narrowest title fitted to `width` cells: the handle shortened with `…` first (to
/// no fewer than 8 cells), then the file's path from its start ([`fit_path`]: it keeps its name);
/// the platform, its counter and the totals stay whole. `build(handle_max, file_max)`
/// draws the title with those limits.
fn narrowest<'a>(
    width: usize,
    handle: Option<&str>,
    file: &str,
    build: impl Fn(usize, usize) -> Line<'a>,
) -> Line<'a> {
    use unicode_width::UnicodeWidthStr;
    const HANDLE_MIN: usize = 8;
    const FILE_MIN: usize = 12;
    let over = |l: &Line| l.width().saturating_sub(width);
    let (h_full, f_full) = (handle.map_or(0, |h| h.width()), file.width());
    let line = build(usize::MAX, usize::MAX);
    let h = h_full
        .saturating_sub(over(&line))
        .max(HANDLE_MIN.min(h_full));
    let line = build(h, usize::MAX);
    let f = f_full.saturating_sub(over(&line)).max(FILE_MIN.min(f_full));
    build(h, f)
}

/// The file label `path` in at most `max` cells: whole, else `…/` and the end of the path
/// from a folder boundary, else the file name alone, else the end of the name.
fn fit_path(path: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if path.width() <= max {
        return path.to_string();
    }
    let Some((_, name)) = path.rsplit_once('/') else {
        return super::fit_start(path, max);
    };
    let tail = super::fit_start(path, max);
    match tail.find('/') {
        Some(i) if tail[i + 1..].width() >= name.width() => format!("…{}", &tail[i..]),
        _ if name.width() <= max => name.to_string(),
        _ => super::fit_start(name, max),
    }
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

#[cfg(test)]
mod tests {
    use super::fit_path;

    #[test]
    fn a_path_is_cut_at_a_folder_and_keeps_its_file_name() {
        let p = "/srv/desk/press/statement.txt";
        assert_eq!(fit_path(p, 40), p);
        assert_eq!(fit_path(p, 22), "…/press/statement.txt");
        assert_eq!(fit_path(p, 15), "…/statement.txt");
        assert_eq!(fit_path(p, 13), "statement.txt");
        assert_eq!(fit_path(p, 8), "…ent.txt");
        assert_eq!(fit_path("statement.txt", 8), "…ent.txt");
    }
}
