//! The terminal side: everything that touches the terminal, threads or files.
//!
//! - [`runner`]: terminal set-up and restore (also on panic and signals), the event loop,
//!   and the [`Effect`](crate::tui::Effect)s the app asks for;
//! - [`events`]: crossterm events to [`Action`](crate::tui::Action)s;
//! - [`checker`]: the check worker thread (newest text wins);
//! - [`reload`]: loading the rules again and watching their folders;
//! - [`save`]: atomic writes; [`autosave`]: drafts in the user state directory and the
//!   recovery offer.

pub mod autosave;
pub mod checker;
pub mod events;
pub mod reload;
pub mod runner;
pub mod save;
