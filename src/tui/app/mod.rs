//! The app: state, commands and the pure update (DESIGN §3, §11).
//!
//! - [`state`]: [`App`], the whole editor state, and its queries;
//! - [`update`]: [`App::update`], `Action → state + Option<Effect>`;
//! - [`command`]: the named commands and their dispatch;
//! - [`keymap`]: the one keymap table ([`keymap::KEYMAP`]) that feeds key dispatch, the
//!   help screen and the hint bar;
//! - [`geometry`]: where each pane goes for a terminal size (used by update and drawing);
//! - `mouse`: clicks and the wheel, routed to the component under the pointer;
//! - `rules`: taking the result of a rule reload;
//! - `stale`: findings kept on the text on screen while a newer text is checked.
//!
//! The components ([`crate::tui::components`]) and dialogs ([`crate::tui::dialogs`]) add
//! their commands to `App` in their own files; the runner
//! ([`crate::tui::runtime::runner`]) performs the effects.

pub mod command;
pub mod geometry;
pub mod keymap;
mod mouse;
mod rules;
mod stale;
pub mod state;
pub mod update;

pub use crate::tui::components::status::Status;
pub use crate::tui::dialogs::target::Target;
pub use crate::tui::dialogs::{Dialog, PublishDialog};
pub(crate) use rules::plural;
pub use state::{App, Focus, Refusal};
pub use update::{Action, CHECK_INLINE_MAX, EDITOR_CHECK_MAX, Effect};
