//! File errors in plain words for the status line and the dialogs: what failed, where,
//! and what to do, instead of the system's `Operation not permitted (os error 1) at path …`.

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use crate::publish::PublishError;
use crate::tui::components::show_path;

/// The folder `path` is in (`.` for a bare name).
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Why writing `path` failed with `e`, and what to do about it (`hint`: what to do instead).
fn reason(path: &Path, e: &io::Error, hint: &str) -> String {
    reason_in(&folder(path), path, e, hint)
}

/// [`reason`] for `path` in the folder `dir` (`path` itself, when it is the folder written in).
fn reason_in(dir: &Path, path: &Path, e: &io::Error, hint: &str) -> String {
    let dir = show_path(dir);
    let file = show_path(path);
    match e.kind() {
        ErrorKind::PermissionDenied => {
            format!("you are not allowed to write in {dir}; {hint}")
        }
        ErrorKind::NotFound => format!("the folder {dir} does not exist; create it, or {hint}"),
        ErrorKind::ReadOnlyFilesystem => format!("{dir} is on a read-only disk; {hint}"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            format!("the disk holding {dir} is full; free some space, or {hint}")
        }
        ErrorKind::IsADirectory => format!("{file} is a folder, not a file; give a file name"),
        ErrorKind::NotADirectory => {
            format!("part of {file} is a file, not a folder; {hint}")
        }
        ErrorKind::InvalidFilename => format!("the name {file} is not allowed here; {hint}"),
        ErrorKind::AlreadyExists => format!("{file} already exists"),
        kind => format!("{file} could not be written ({kind}); {hint}"),
    }
}

/// A failed save of `path`, in plain words.
pub fn save_error(path: &Path, e: &io::Error) -> String {
    let name = path
        .file_name()
        .map_or("post.txt".into(), |n| n.to_string_lossy().into_owned());
    reason(path, e, &format!("choose another folder (e.g. ~/{name})"))
}

/// A failed autosave to `path`, in plain words (the banner says it is the autosave).
pub fn autosave_error(path: &Path, e: &io::Error) -> String {
    let hint = "set XDG_STATE_HOME to another folder (until then, Ctrl+S saves the text)";
    reason(path, e, hint)
}

/// A failed clear, in plain words: which file (the outbox or the audit log) and what to do.
pub fn publish_error(e: &PublishError) -> String {
    let hint = "set another folder in tact.toml ([publish] outbox / audit-log)";
    match e {
        PublishError::Io {
            action,
            path,
            cause,
        } => {
            // `write in DIR`: the path is the folder written in.
            let why = if action.ends_with(" in") {
                reason_in(path, path, cause, hint)
            } else {
                reason(path, cause, hint)
            };
            format!("cannot {action} {}: {why}", show_path(path))
        }
        PublishError::Append { path, cause } => format!(
            "cannot write {}: {}; nothing was recorded and the log is unchanged",
            show_path(path),
            reason(path, cause, hint)
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_errors_name_the_folder_and_what_to_do() {
        let e = io::Error::from_raw_os_error(1); // EPERM
        let m = save_error(Path::new("/srv/press/post.txt"), &e);
        assert_eq!(
            m,
            "you are not allowed to write in /srv/press; choose another folder (e.g. ~/post.txt)"
        );
        assert!(!m.contains("os error"));
        let e = io::Error::from(ErrorKind::ReadOnlyFilesystem);
        assert_eq!(
            save_error(Path::new("/sys/post.txt"), &e),
            "/sys is on a read-only disk; choose another folder (e.g. ~/post.txt)"
        );
        let e = io::Error::from(ErrorKind::NotFound);
        assert!(
            save_error(Path::new("nope/x.txt"), &e).starts_with("the folder nope does not exist")
        );
    }

    #[test]
    fn autosave_errors_say_what_to_do_once() {
        let draft = Path::new("/var/state/tact/drafts/file-1.json");
        assert_eq!(
            autosave_error(draft, &io::Error::from(ErrorKind::StorageFull)),
            "the disk holding /var/state/tact/drafts is full; free some space, or set XDG_STATE_HOME to another folder (until then, Ctrl+S saves the text)"
        );
        assert_eq!(
            autosave_error(draft, &io::Error::from(ErrorKind::ReadOnlyFilesystem)),
            "/var/state/tact/drafts is on a read-only disk; set XDG_STATE_HOME to another folder (until then, Ctrl+S saves the text)"
        );
    }

    #[test]
    fn publish_errors_name_the_file_and_the_setting() {
        let e = PublishError::Io {
            action: "write",
            path: PathBuf::from("/srv/outbox/20261206T205301Z-x.txt"),
            cause: io::Error::from_raw_os_error(13), // EACCES
        };
        assert_eq!(
            publish_error(&e),
            "cannot write /srv/outbox/20261206T205301Z-x.txt: you are not allowed to write in /srv/outbox; set another folder in tact.toml ([publish] outbox / audit-log)"
        );
        let full = || io::Error::from(ErrorKind::StorageFull);
        let e = PublishError::Io {
            action: "write in",
            path: PathBuf::from("/srv/outbox"),
            cause: full(),
        };
        assert_eq!(
            publish_error(&e),
            "cannot write in /srv/outbox: the disk holding /srv/outbox is full; free some space, or set another folder in tact.toml ([publish] outbox / audit-log)"
        );
        let e = PublishError::Append {
            path: PathBuf::from("/srv/audit.jsonl"),
            cause: full(),
        };
        assert_eq!(
            publish_error(&e),
            "cannot write /srv/audit.jsonl: the disk holding /srv is full; free some space, or set another folder in tact.toml ([publish] outbox / audit-log); nothing was recorded and the log is unchanged"
        );
        assert_eq!(
            publish_error(&PublishError::EmptyPost),
            "the post is empty: there is nothing to clear (no visible character)"
        );
    }
}
