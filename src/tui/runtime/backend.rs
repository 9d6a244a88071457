//! The terminal backend: ratatui's crossterm backend, except on terminals that only know
//! 16 colours (the Linux console, `TERM=xterm`, `screen`…). crossterm writes every
//! colour as a 256-colour sequence (`38;5;1`) and an underline colour (`58;5;3`, which the
//! Linux console reads as "blink"); there, [`Backend`] draws the cells itself with the
//! 16 basic SGR colours (`31`, `93`…) and no underline colour.
//!
//! Which terminal is which: [`ColorLevel::detect`] reads `COLORTERM`, `TERM` and the
//! terminal's terminfo entry (`colors`).

use std::io::{self, Write};

use crossterm::cursor::MoveTo;
use crossterm::queue;
use ratatui::backend::{Backend as RBackend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorLevel {
    /// The 16 basic colours, no underline colour.
    Basic,
    /// 256 colours or more, with underline colours.
    Full,
}

impl ColorLevel {
    /// From the environment: `COLORTERM` set (truecolor, 24bit…), a `TERM` naming 256
    /// colours or direct colour, or a terminfo entry with 256 colours or more: [`Full`].
    /// Anything else (`TERM=linux`, `xterm`, `screen`, `vt100`, no terminfo entry):
    /// [`Basic`].
    ///
    /// [`Full`]: ColorLevel::Full
    /// [`Basic`]: ColorLevel::Basic
    pub fn detect() -> ColorLevel {
        let colorterm = std::env::var("COLORTERM").unwrap_or_default();
        let term = std::env::var("TERM").unwrap_or_default();
        let terminfo_colors = || {
            terminfo::Database::from_name(&term)
                .ok()
                .and_then(|db| db.get::<terminfo::capability::MaxColors>().map(|c| c.0))
        };
        ColorLevel::decide(&colorterm, &term, terminfo_colors)
    }

    /// The decision of [`ColorLevel::detect`] for these values (`colors`: the terminfo
    /// entry's `colors`, read only when needed).
    pub fn decide(colorterm: &str, term: &str, colors: impl FnOnce() -> Option<i32>) -> ColorLevel {
        if term == "linux" || term == "dumb" {
            return ColorLevel::Basic;
        }
        let names_more = ["256color", "direct", "truecolor", "24bit"]
            .iter()
            .any(|w| term.contains(w));
        if !colorterm.is_empty() || names_more || colors().is_some_and(|n| n >= 256) {
            ColorLevel::Full
        } else {
            ColorLevel::Basic
        }
    }
}

/// The SGR number of `c` as a foreground colour (background: add 10); `None` for the
/// terminal's default. 256-colour and RGB colours fall back to the default.
fn basic_code(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        Color::Indexed(n) if n < 8 => 30 + n,
        Color::Indexed(n) if n < 16 => 90 + n - 8,
        _ => return None,
    })
}

/// The SGR sequence that sets exactly `modifier`, `fg` and `bg` from a reset state.
pub fn basic_sgr(modifier: Modifier, fg: Color, bg: Color) -> String {
    let mut codes = vec!["0".to_string()];
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifier.contains(m) {
            codes.push(code.to_string());
        }
    }
    if let Some(c) = basic_code(fg) {
        codes.push(c.to_string());
    }
    if let Some(c) = basic_code(bg) {
        codes.push((c + 10).to_string());
    }
    format!("\x1b[{}m", codes.join(";"))
}

/// Ratatui's crossterm backend, drawing cells with basic colours at [`ColorLevel::Basic`].
pub struct Backend<W: Write> {
    inner: CrosstermBackend<W>,
    level: ColorLevel,
}

impl<W: Write> Backend<W> {
    /// A backend writing to `out` for a terminal of `level`.
    pub fn new(out: W, level: ColorLevel) -> Self {
        Backend {
            inner: CrosstermBackend::new(out),
            level,
        }
    }
}

impl<W: Write> Write for Backend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> RBackend for Backend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.level == ColorLevel::Full {
            return self.inner.draw(content);
        }
        let w = &mut self.inner;
        let mut style = (Modifier::empty(), Color::Reset, Color::Reset);
        let mut last: Option<Position> = None;
        write!(w, "\x1b[0m")?;
        for (x, y, cell) in content {
            if !matches!(last, Some(p) if x == p.x + 1 && y == p.y) {
                queue!(w, MoveTo(x, y))?;
            }
            last = Some(Position { x, y });
            let want = (cell.modifier, cell.fg, cell.bg);
            if want != style {
                w.write_all(basic_sgr(want.0, want.1, want.2).as_bytes())?;
                style = want;
            }
            w.write_all(cell.symbol().as_bytes())?;
        }
        w.write_all(b"\x1b[0m")
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        RBackend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_linux_console_and_8_colour_terminals_get_basic_colours() {
        let none = || None;
        assert_eq!(ColorLevel::decide("", "linux", none), ColorLevel::Basic);
        assert_eq!(
            ColorLevel::decide("truecolor", "linux", none),
            ColorLevel::Basic
        );
        assert_eq!(
            ColorLevel::decide("", "xterm", || Some(8)),
            ColorLevel::Basic
        );
        assert_eq!(ColorLevel::decide("", "vt100", none), ColorLevel::Basic);
        assert_eq!(
            ColorLevel::decide("", "xterm-256color", none),
            ColorLevel::Full
        );
        assert_eq!(
            ColorLevel::decide("truecolor", "xterm", || Some(8)),
            ColorLevel::Full
        );
        assert_eq!(
            ColorLevel::decide("", "foot", || Some(256)),
            ColorLevel::Full
        );
    }

    #[test]
    fn basic_sequences_use_the_16_colour_codes() {
        assert_eq!(
            basic_sgr(
                Modifier::UNDERLINED | Modifier::BOLD,
                Color::Red,
                Color::Reset
            ),
            "\x1b[0;1;4;31m"
        );
        assert_eq!(
            basic_sgr(Modifier::empty(), Color::White, Color::Red),
            "\x1b[0;97;41m"
        );
        assert_eq!(
            basic_sgr(Modifier::DIM, Color::DarkGray, Color::Rgb(1, 2, 3)),
            "\x1b[0;2;90m"
        );
    }
}
