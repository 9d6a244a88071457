//! Why clearing a post failed: the gate refused, or a file could not be written.

use std::path::PathBuf;

/// An error of [`super::clear`], [`super::write_outbox`] or [`super::audit::append`]. The
/// message names the path and includes the system's reason.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The post is empty or only whitespace: nothing is cleared, no file or record written.
    #[error("the post is empty: there is nothing to clear")]
    EmptyPost,
    /// Blocking findings and no justification of the least length (characters).
    #[error("blocking findings need a justification of at least {0} characters")]
    Justification(usize),
    /// A file or folder could not be read, created, opened or written.
    #[error("cannot {action} {}: {cause}", path.display())]
    Io {
        /// `read`, `create`, `open` or `write`.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        cause: std::io::Error,
    },
    /// The publish record could not be serialised.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl PublishError {
    /// A closure that wraps an I/O error of `action` on `path` (for `map_err`).
    pub(crate) fn io(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> PublishError {
        let path = path.to_path_buf();
        move |cause| PublishError::Io {
            action,
            path,
            cause,
        }
    }
}
