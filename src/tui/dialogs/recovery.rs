//! The recovery offer on start: an autosave newer than its file. y/Enter recovers it,
//! Esc sets it aside (kept on disk); any other key is refused with a status that says so,
//! never typed and never an answer (an "n" inside words typed at once used to set the
//! draft aside). The runner does the file work
//! ([`Effect::AcceptRecovery`], [`Effect::DeclineRecovery`]).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Dialog;
use crate::tui::app::geometry::centered;
use crate::tui::app::{App, Effect};
use crate::tui::components::clean;
use crate::tui::runtime::autosave::{Offer, local_time, set_aside_path};

impl App {
    pub(crate) fn recovery_key(&mut self, offer: Box<Offer>, key: KeyEvent) -> Option<Effect> {
        match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => {
                self.editor
                    .buffer
                    .replace_text(offer.draft.text.clone(), usize::MAX);
                self.edited();
                self.set_status(format!(
                    "recovered the draft autosaved {}",
                    local_time(&offer.draft.saved_at, &self.time_zone)
                ));
                Some(Effect::AcceptRecovery(offer.path))
            }
            KeyCode::Esc => {
                let kept = set_aside_path(&offer.path, "declined");
                self.set_status_or(
                    format!(
                        "autosave set aside (not deleted): {}",
                        crate::tui::components::short_path(&kept)
                    ),
                    format!(
                        "autosave set aside (not deleted): {} in the autosave folder",
                        kept.file_name()
                            .map_or_else(String::new, |n| clean(&n.to_string_lossy()))
                    ),
                );
                Some(Effect::DeclineRecovery(offer.path))
            }
            _ => {
                self.set_error("answer the recovery question first: y or Enter recovers the draft, Esc sets it aside; nothing was typed");
                self.dialog = Some(Dialog::Recovery(offer));
                None
            }
        }
    }
}

/// Draws the offer: whose autosave, when, and its first line.
pub fn draw(frame: &mut Frame, app: &App, offer: &Offer) {
    let area = centered(frame.area(), 76, 9);
    frame.render_widget(
        Clear,
        crate::tui::app::geometry::with_margin(area, frame.area()),
    );
    let whose = offer
        .draft
        .file
        .as_ref()
        .map_or("an unnamed draft".to_string(), |f| {
            crate::tui::components::show_path(f)
        });
    let first: String = clean(offer.first_line()).chars().take(60).collect();
    // Right-to-left text in display order, as the editor draws it.
    let first = crate::text::bidi::display_order(&first);
    let lines = vec![
        Line::from(format!(" An autosave of {whose} was found,")),
        Line::from(format!(
            " written {}.",
            local_time(&offer.draft.saved_at, &app.time_zone)
        )),
        Line::from(format!(" First line: {first}")),
        Line::from(""),
        Line::from(" Recover it? y/Enter recovers, Esc sets it aside (kept on disk)."),
    ];
    // Wrapped: at 60 columns the question takes two rows.
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(" Recover draft "));
    frame.render_widget(p, area);
}
