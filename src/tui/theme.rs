//! Colours and text attributes. Every severity is marked without colour too (underline,
//! bold, reverse for `block`), and `NO_COLOR` (set and not empty) turns colour off entirely.
//! On terminals with only 16 colours ([`ColorLevel::Basic`]) underlines get no colour of
//! their own (the text's colour marks the severity).

use ratatui::style::{Color, Modifier, Style};

use crate::model::Severity;

use super::editor::widget::EditorStyles;
pub use super::runtime::backend::ColorLevel;

/// Whether to use colour, and how many colours the terminal has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// `false` when `NO_COLOR` is set (and not empty).
    pub color: bool,
    /// The terminal's colours: at [`ColorLevel::Basic`] no underline colours.
    pub level: ColorLevel,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            level: ColorLevel::Full,
        }
    }
}

impl Theme {
    /// Reads `NO_COLOR` (<https://no-color.org>) and the terminal's colours
    /// ([`ColorLevel::detect`]).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            level: ColorLevel::detect(),
        }
    }

    /// No colour at all (`NO_COLOR`).
    pub fn no_color() -> Theme {
        Theme {
            color: false,
            ..Theme::default()
        }
    }

    /// Colour, with an underline colour only where the terminal has one.
    fn underline(self, style: Style, c: Color) -> Style {
        match self.level {
            ColorLevel::Full => style.underline_color(c),
            ColorLevel::Basic => style,
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The colour of a severity.
    pub fn severity_color(sev: Severity) -> Color {
        match sev {
            Severity::Block => Color::Red,
            Severity::Warn => Color::Yellow,
            Severity::Info => Color::Cyan,
        }
    }

    /// The style of a finding's cells in the text.
    pub fn finding(self, sev: Severity) -> Style {
        let marks = match sev {
            Severity::Block if self.color => Modifier::UNDERLINED | Modifier::BOLD,
            Severity::Block => Modifier::UNDERLINED | Modifier::BOLD | Modifier::REVERSED,
            Severity::Warn if self.color => Modifier::UNDERLINED,
            Severity::Warn => Modifier::UNDERLINED | Modifier::BOLD,
            Severity::Info => Modifier::UNDERLINED,
        };
        let style = Style::new().add_modifier(marks);
        if self.color {
            let c = Theme::severity_color(sev);
            self.underline(style.fg(c), c)
        } else {
            style
        }
    }

    /// The severity word's style in lists (`✖ block`).
    pub fn severity_label(self, sev: Severity) -> Style {
        let s = self.fg(Theme::severity_color(sev));
        if sev == Severity::Block {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    /// Styles for the editor widget.
    pub fn editor(self) -> EditorStyles {
        EditorStyles {
            text: Style::new(),
            hidden: self.fg(Color::DarkGray).add_modifier(Modifier::DIM),
            finding: [
                self.finding(Severity::Info),
                self.finding(Severity::Warn),
                self.finding(Severity::Block),
            ],
            selection: Style::new().add_modifier(Modifier::REVERSED),
            overflow: self.overflow(),
        }
    }

    /// Text beyond a platform limit, as X's composer shows it: a red background; without
    /// colour, reversed and struck through (the part the platform would reject or cut).
    pub fn overflow(self) -> Style {
        if self.color {
            self.underline(Style::new().bg(Color::Red).fg(Color::White), Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::CROSSED_OUT)
        }
    }

    /// Title and hint bars.
    pub fn bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Error text (banner, failed save).
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// The error banner shown when rules failed to load.
    pub fn banner(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Less important text (hints, labels).
    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// The selected row of the findings list.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}
