//! Dialogs drawn over the editor: help (F1), save as (Ctrl+S on a new draft), the quit
//! confirmation (Ctrl+Q with unsaved changes), the publish gate (Ctrl+P), account and
//! platform (F2), the fix choice list and the recovery offer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Dialog, PublishDialog};
use super::autosave::Offer;
use super::editor::widget::{EditorView, cursor_position};
use super::keys::KEYS;
use super::panes::clean;
use crate::check::Severity;

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Draws the open dialog, if any.
pub fn draw(frame: &mut Frame, app: &App) {
    match &app.dialog {
        None => {}
        Some(Dialog::Help) => help(frame, app),
        Some(Dialog::SaveAs(name)) => save_as(frame, name),
        Some(Dialog::ConfirmQuit) => confirm_quit(frame),
        Some(Dialog::Publish(d)) => publish(frame, app, d),
        Some(Dialog::Recovery(o)) => recovery(frame, o),
        Some(Dialog::Target(i)) => {
            let items = app.targets().into_iter().map(|t| t.label).collect();
            list_dialog(
                frame,
                " Account and platform ",
                items,
                *i,
                "↑/↓ choose, Enter picks, Esc cancels.",
            );
        }
        Some(Dialog::Choices { finding, index }) => {
            let items = app
                .findings
                .get(*finding)
                .map(|f| f.fixes.iter().map(|x| x.label()).collect())
                .unwrap_or_default();
            list_dialog(
                frame,
                " Choose a fix ",
                items,
                *index,
                "↑/↓ or 1-9 choose, Enter applies, Esc cancels.",
            );
        }
    }
}

fn help(frame: &mut Frame, app: &App) {
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(
                    format!(" {k:<29}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    if let Some(u) = app.counter.map(|c| c.unit.label()) {
        lines.push(Line::from(format!(" The counter counts {u}.")));
    }
    lines.push(Line::from(
        " Underlines: ✖ block (bold), ▲ warn, ● info. Hidden characters show as → · ⇄ ¦.",
    ));
    lines.push(Line::from(" Esc or F1 closes this screen."));
    let h = lines.len() as u16 + 2;
    let area = centered(frame.area(), 96, h);
    frame.render_widget(Clear, area);
    let p = Paragraph::new(lines)
        .block(Block::bordered().title(" Help: keys "))
        .wrap(Wrap { trim: false });
    frame.render_widget(p, area);
}

fn save_as(frame: &mut Frame, name: &str) {
    let area = centered(frame.area(), 60, 5);
    frame.render_widget(Clear, area);
    let lines = vec![
        Line::from(format!(" File name: {}▏", clean(name))),
        Line::from(" Enter saves, Esc cancels."),
    ];
    let p = Paragraph::new(lines).block(Block::bordered().title(" Save as "));
    frame.render_widget(p, area);
}

fn confirm_quit(frame: &mut Frame) {
    let area = centered(frame.area(), 50, 4);
    frame.render_widget(Clear, area);
    let lines = vec![
        Line::from(" There are unsaved changes."),
        Line::from(" Quit without saving? (y/n)"),
    ];
    let p = Paragraph::new(lines).block(Block::bordered().title(" Quit "));
    frame.render_widget(p, area);
}

/// Findings listed per severity in the publish dialog.
const MAX_LISTED: usize = 8;

/// Width of the publish dialog for a terminal of `size`.
fn publish_width(size: (u16, u16)) -> u16 {
    size.0.saturating_sub(4).clamp(20, 90)
}

/// The publish dialog's rectangle and the justification box inside it, for a terminal of
/// `size` (the same computation for drawing and for wrapping the justification).
fn publish_rects(size: (u16, u16)) -> (Rect, Rect) {
    let full = Rect::new(0, 0, size.0, size.1);
    let area = centered(full, publish_width(size), size.1.saturating_sub(2).min(24));
    let inner = Block::bordered().inner(area);
    let boxh = (inner.height / 3).clamp(3, 6);
    let boxr = Rect::new(
        inner.x + 1,
        (inner.y + inner.height).saturating_sub(boxh + 2),
        inner.width.saturating_sub(2),
        boxh,
    );
    (area, Block::bordered().inner(boxr))
}

/// The text area of the justification box (cells) for a terminal of `size`.
pub fn justification_area(size: (u16, u16)) -> Rect {
    publish_rects(size).1
}

fn finding_line(app: &App, f: &crate::check::Finding) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!(" {} {:<5} ", f.severity.symbol(), f.severity.as_str()),
            app.theme.severity_label(f.severity),
        ),
        Span::raw(format!(
            "{} {}",
            clean(&f.rule),
            clean(&super::panes::short(&f.message, 200))
        )),
    ])
}

fn publish(frame: &mut Frame, app: &App, d: &PublishDialog) {
    let size = (frame.area().width, frame.area().height);
    let (area, text_area) = publish_rects(size);
    frame.render_widget(Clear, area);
    let needs = app.needs_justification();
    let mut lines = vec![
        Line::from(Span::styled(
            format!(" {}", clean(&app.clearing_for())),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from(format!(" {}", super::panes::totals_label(app))),
    ];
    if app.checking {
        lines.push(Line::from(
            " checking… (the findings are not up to date yet)",
        ));
    }
    for sev in Severity::ALL_DESC {
        let of_sev: Vec<_> = app.findings.iter().filter(|f| f.severity == sev).collect();
        for f in of_sev.iter().take(MAX_LISTED) {
            lines.push(finding_line(app, f));
        }
        if of_sev.len() > MAX_LISTED {
            let more = of_sev.len() - MAX_LISTED;
            lines.push(Line::from(format!("   … and {more} more {sev}")));
        }
    }
    if app.findings.is_empty() {
        lines.push(Line::from(" No findings."));
    }
    lines.push(Line::from(""));
    if d.confirming {
        let who = app
            .current_account()
            .map_or(String::new(), |a| clean(&a.handle));
        lines.push(Line::from(Span::styled(
            format!(" OFFICIAL account {who}: really clear this post for it? (y/n)"),
            app.theme.error(),
        )));
    } else if needs {
        lines.push(Line::from(format!(
            " Blocking findings: fix them (Esc), or justify overriding them (at least {} characters; recorded in the audit log). Ctrl+P clears.",
            app.settings.min_justification
        )));
        if app.settings.require_approval {
            lines.push(Line::from(format!(
                " A second approver must sign the override: {} (they run `tact audit approve`).",
                clean(&app.settings.approvers.join(" or "))
            )));
        }
    } else {
        lines.push(Line::from(
            " Enter or Ctrl+P clears (clipboard, outbox, audit log); Esc cancels.",
        ));
    }
    if let Some(e) = &d.error {
        lines.push(Line::from(Span::styled(
            format!(" ✖ {}", clean(e)),
            app.theme.error(),
        )));
    }
    let p = Paragraph::new(lines)
        .block(Block::bordered().title(" Publish: the gate "))
        .wrap(Wrap { trim: false });
    frame.render_widget(p, area);
    if needs && !d.confirming {
        let n = crate::publish::gate::justification_len(d.justification.text());
        let box_area = Rect::new(
            text_area.x - 1,
            text_area.y - 1,
            text_area.width + 2,
            text_area.height + 2,
        );
        let title = format!(" Justification {n}/{} ", app.settings.min_justification);
        // The keys and any refusal sit on the box itself, where the writer is typing: the
        // dialog's own lines can be hidden under the box on small screens.
        let mut block = Block::bordered()
            .title(title)
            .title(Line::from(" Ctrl+P clears · Esc: back · Enter: new line ").right_aligned());
        if let Some(e) = &d.error {
            block =
                block.title_bottom(Span::styled(format!(" ✖ {} ", clean(e)), app.theme.error()));
        }
        frame.render_widget(Clear, box_area);
        frame.render_widget(block, box_area);
        let ed = &d.justification;
        let view = EditorView {
            text: ed.text(),
            layout: ed.layout(),
            scroll: ed.scroll(),
            marks: &[],
            selection: None,
            styles: app.theme.editor(),
        };
        frame.render_widget(view, text_area);
        if let Some(pos) =
            cursor_position(ed.text(), ed.layout(), ed.scroll(), ed.cursor(), text_area)
        {
            frame.set_cursor_position(pos);
        }
    }
}

fn list_dialog(frame: &mut Frame, title: &str, items: Vec<String>, index: usize, foot: &str) {
    let h = (items.len() as u16 + 4).min(frame.area().height);
    let area = centered(frame.area(), 76, h);
    frame.render_widget(Clear, area);
    let mut lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mark = if i == index { "›" } else { " " };
            let line = Line::from(format!("{mark} {}. {}", i + 1, clean(s)));
            if i == index {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(format!(" {foot}")));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        area,
    );
}

fn recovery(frame: &mut Frame, offer: &Offer) {
    let area = centered(frame.area(), 76, 8);
    frame.render_widget(Clear, area);
    let whose = offer
        .draft
        .file
        .as_ref()
        .map_or("an unnamed draft".to_string(), |f| {
            clean(&f.display().to_string())
        });
    let first: String = clean(offer.first_line()).chars().take(60).collect();
    let lines = vec![
        Line::from(format!(" An autosave of {whose} was found,")),
        Line::from(format!(" written {}.", offer.draft.saved_at)),
        Line::from(format!(" First line: {first}")),
        Line::from(""),
        Line::from(" Recover it? y/Enter recovers, n/Esc sets it aside (kept on disk)."),
    ];
    let p = Paragraph::new(lines).block(Block::bordered().title(" Recover draft "));
    frame.render_widget(p, area);
}
