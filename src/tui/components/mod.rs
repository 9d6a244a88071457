//! The panes of the main screen. Each file owns one pane's drawing and the input it
//! handles (its commands, clicks and wheel); [`crate::tui::ui`] puts them in place.
//!
//! - [`title`]: the title bar and the error banner;
//! - [`editor`]: the text (typing, moving, selecting, the editor's clipboard);
//! - [`findings`]: the findings list and the F8 / F4 finding commands;
//! - [`detail`]: the selected finding explained ([`tone`] for tone findings);
//! - [`status`]: the status line; [`hints`]: the key-hint bar;
//! - [`wrap`]: word wrap with a hanging indent for the panes that scroll by rows.
//!
//! Text that comes from the draft or the rules goes through [`clean`], so no control
//! character reaches the terminal.

pub mod detail;
pub mod editor;
pub mod findings;
pub mod hints;
pub mod status;
pub mod title;
pub mod tone;
pub mod wrap;

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Block;

use crate::model::Severity;
use crate::text::visible;
use crate::tui::app::App;

/// Makes `s` safe to draw: hidden and control characters become `<U+XXXX>`, line breaks
/// and tabs spaces.
pub fn clean(s: &str) -> String {
    visible(s)
}

/// `path` for the screen: the home folder shown as `~`, hidden characters made visible.
pub fn show_path(path: &std::path::Path) -> String {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let shown = match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_string(),
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    };
    clean(&shown)
}

/// `path` as short as it can be said: relative to the working folder when it is inside
/// it (`outbox/…`), else as [`show_path`] (`~/…`).
pub fn short_path(path: &std::path::Path) -> String {
    if path.is_relative() {
        let rest: std::path::PathBuf = path
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect();
        return show_path(&rest);
    }
    let cwd = std::env::current_dir().ok();
    match cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => clean(&rest.display().to_string()),
        _ => show_path(path),
    }
}

/// `path` (as [`short_path`] shows it) written so a shell reads it as one word: as it is
/// when it has only safe characters, else in single quotes (after a leading `~/`, which
/// the shell must still expand).
pub fn shell_word(path: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "._-/+,:@%".contains(c);
    let (home, rest) = match path.strip_prefix("~/") {
        Some(rest) => ("~/", rest),
        None => ("", path),
    };
    // A relative name that starts with `-` would be read as an option.
    let dot = if home.is_empty() && rest.starts_with('-') {
        "./"
    } else {
        ""
    };
    if !rest.is_empty() && rest.chars().all(safe) {
        return format!("{dot}{path}");
    }
    format!("{home}{dot}'{}'", rest.replace('\'', "'\\''"))
}

/// At most `max` characters of `s` (with `…` when cut): a limit finding's match can be
/// the whole 2 MB text.
pub fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// At most `max` terminal cells of `s`: its start and `…` when it is cut (`@VeryLongHa…`).
pub fn fit_end(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        used += g.width();
        if used > max {
            break;
        }
        out.push_str(g);
    }
    out.push('…');
    out
}

/// At most `max` terminal cells of `s`: `…` and its end when it is cut (a path keeps its
/// file name: `…/desk/statement.txt`).
pub fn fit_start(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= max {
        return s.to_string();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 1;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true).rev() {
        used += g.width();
        if used > max {
            break;
        }
        kept.push(g);
    }
    kept.reverse();
    format!("…{}", kept.concat())
}

/// A pane's border with its title, bold when the pane has focus.
pub(crate) fn pane_block(title: &str, focused: bool) -> Block<'_> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(Style::new().add_modifier(Modifier::BOLD))
    } else {
        b
    }
}

/// `✖ block` in the severity's style (symbol and word, so it reads without colour).
pub(crate) fn severity_span(app: &App, sev: Severity) -> Span<'static> {
    Span::styled(
        format!("{} {:<5}", sev.symbol(), sev.as_str()),
        app.theme.severity_label(sev),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("~/desk/statement.txt"), "~/desk/statement.txt");
        assert_eq!(shell_word("statement.txt"), "statement.txt");
        assert_eq!(shell_word("~/my desk/it's.txt"), "~/'my desk/it'\\''s.txt'");
        assert_eq!(shell_word("-x.txt"), "./-x.txt");
        assert_eq!(shell_word("/tmp/a b"), "'/tmp/a b'");
    }

    #[test]
    fn text_is_fitted_to_cells_with_an_ellipsis() {
        assert_eq!(fit_end("@EmbassyExample", 20), "@EmbassyExample");
        assert_eq!(fit_end("@EmbassyExample", 8), "@Embass…");
        assert_eq!(fit_end("大使館大使館", 6), "大使…");
        assert_eq!(fit_start("desk/statement.txt", 14), "…statement.txt");
        assert_eq!(fit_start("a.txt", 14), "a.txt");
    }

    #[test]
    fn paths_inside_the_working_folder_are_relative() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(short_path(&cwd.join("outbox/a.txt")), "outbox/a.txt");
        assert_eq!(short_path(std::path::Path::new("/srv/x")), "/srv/x");
    }
}
