//! The terminal side: set-up and restore (also on panic), the event loop, and the effects
//! ([`Effect::Save`], [`Effect::Quit`]) that [`App::update`] asks for.

use std::io::{self, Stdout, stdout};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{Action, App, Effect};
use super::event::to_action;
use super::save::save_atomic;
use super::ui;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back: bracketed paste off, main screen, cooked mode, cursor shown.
/// Safe to call more than once.
pub fn restore_terminal() {
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Installs a panic hook that restores the terminal before the panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

fn setup() -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Runs `app` in the terminal until it quits. The terminal is restored on return, on error
/// and on panic.
///
/// # Errors
/// The terminal cannot be set up, drawn or read.
pub fn run_app(app: &mut App) -> io::Result<()> {
    install_panic_hook();
    let result = setup().and_then(|mut t| event_loop(&mut t, app));
    restore_terminal();
    result
}

fn event_loop(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal.draw(|f| ui::draw(f, app))?;
        let mut ev = Some(event::read()?);
        while let Some(e) = ev.take() {
            if let Some(action) = to_action(e)
                && perform(app, action)
            {
                return Ok(());
            }
            if event::poll(Duration::ZERO)? {
                ev = Some(event::read()?);
            }
        }
    }
}

/// Feeds `action` to the app and performs the effects; returns `true` to quit.
fn perform(app: &mut App, action: Action) -> bool {
    let mut next = Some(action);
    while let Some(a) = next.take() {
        match app.update(a) {
            Some(Effect::Quit) => return true,
            Some(Effect::Save { path, text }) => {
                let result = save_atomic(&path, &text)
                    .map(|()| path)
                    .map_err(|e| e.to_string());
                next = Some(Action::Saved(result));
            }
            None => {}
        }
    }
    false
}
