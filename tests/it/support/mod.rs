//! Helpers shared by the integration tests.

#[cfg(feature = "tui")]
pub mod pty;
pub mod rules;
pub mod tone;
#[cfg(feature = "tui")]
pub mod tui;
