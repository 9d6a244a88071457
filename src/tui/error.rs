//! Why the editor could not start or stopped: the draft file, or the terminal.

/// An error of [`super::read_draft`] or [`super::run`]; the message names the file, its
/// source is the system's reason.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The draft file exists but cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The draft file.
        path: std::path::PathBuf,
        /// The system's reason.
        #[source]
        cause: std::io::Error,
    },
    /// The draft file is not UTF-8.
    #[error("{} is not UTF-8 (invalid byte at offset {offset})", path.display())]
    NotUtf8 {
        /// The draft file.
        path: std::path::PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The terminal could not be used.
    #[error("terminal error")]
    Terminal(#[source] std::io::Error),
}
