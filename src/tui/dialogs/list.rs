//! The list dialog drawing shared by [`super::target`] and [`super::choices`]: numbered
//! items, the highlighted one reversed, a footer naming the keys.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::geometry::centered;
use crate::tui::components::clean;

/// Draws `items` with `index` highlighted under `title`, `foot` below.
pub(crate) fn draw(frame: &mut Frame, title: &str, items: Vec<String>, index: usize, foot: &str) {
    let h = (items.len() as u16 + 4).min(frame.area().height);
    let area = centered(frame.area(), 76, h);
    frame.render_widget(
        Clear,
        crate::tui::app::geometry::with_margin(area, frame.area()),
    );
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
