//! The terminal side: everything that touches the terminal, threads or files.
//!
//! - [`runner`]: terminal set-up and restore (also on panic and signals), the event loop,
//!   and the [`Effect`](crate::tui::Effect)s the app asks for;
//! - [`backend`]: the crossterm backend, with 16 basic colours where that is all the
//!   terminal has;
//! - [`repaint`]: whole rows sent again where the terminal keeps emoji sequences in cells
//!   of its own (flags and skin tones in tmux);
//! - [`events`]: crossterm events to [`Action`](crate::tui::Action)s;
//! - [`checker`]: the check worker thread (newest text wins); [`quick`]: the paragraphs
//!   around an edit of a big draft, checked first;
//! - [`reload`]: loading the rules again and watching their folders;
//! - [`plain`]: file errors in plain words;
//! - [`save`]: atomic writes; [`autosave`]: drafts in the user state directory and the
//!   recovery offer.

pub mod autosave;
pub mod backend;
pub mod checker;
pub mod events;
pub mod plain;
pub mod quick;
pub mod reload;
pub mod repaint;
pub mod runner;
pub mod save;
