//! Dialogs drawn over the editor: help (F1), save as (Ctrl+S on a new draft) and the quit
//! confirmation (Ctrl+Q with unsaved changes).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Dialog};
use super::keys::KEYS;
use super::panes::clean;

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
    }
}

fn help(frame: &mut Frame, app: &App) {
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(
                    format!(" {k:<22}"),
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
