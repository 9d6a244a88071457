//! Atomic save: a temporary file in the same folder, write, `sync_all`, rename over the
//! target. On any error the target is untouched (never truncated) and the temp file removed.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `text` to `path` atomically, keeping the permissions of an existing file; a
/// new file is private (mode 0600: used for autosaves, which hold unpublished drafts).
///
/// # Errors
/// The folder is missing or not writable, the disk is full, or the rename fails; the
/// message names the path.
pub fn save_atomic(path: &Path, text: &str) -> io::Result<()> {
    write(path, text, true, false)
}

/// Saves the writer's file: like [`save_atomic`], but a new file gets the mode the
/// umask allows (0666 minus the umask, as editors do), and with `overwrite` false an
/// existing file is never replaced (the rename is a no-clobber link).
///
/// # Errors
/// As [`save_atomic`]; [`io::ErrorKind::AlreadyExists`] when `overwrite` is false and
/// `path` exists (nothing written).
pub fn save_file(path: &Path, text: &str, overwrite: bool) -> io::Result<()> {
    write(path, text, overwrite, true)
}

fn write(path: &Path, text: &str, overwrite: bool, umask_mode: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let wrap = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tact-save-");
    #[cfg(unix)]
    if umask_mode {
        use std::os::unix::fs::PermissionsExt;
        // open(2) applies the umask to this mode.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = umask_mode;
    let mut tmp = builder.tempfile_in(dir).map_err(wrap)?;
    tmp.write_all(text.as_bytes()).map_err(wrap)?;
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(wrap)?;
    }
    tmp.as_file().sync_all().map_err(wrap)?;
    if overwrite {
        tmp.persist(path).map_err(|e| wrap(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| wrap(e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_file_never_clobbers_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("statement.txt");
        fs::write(&p, "old statement").unwrap();
        let err = save_file(&p, "new", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&p).unwrap(), "old statement");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        save_file(&p, "new", true).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_autosaves_stay_private() {
        use std::os::unix::fs::PermissionsExt;
        // The umask of this process (set by the test runner's shell, usually 022):
        // read from a file created the ordinary way.
        let dir = tempfile::tempdir().unwrap();
        let probe = dir.path().join("probe");
        fs::write(&probe, "").unwrap();
        let expected = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        let p = dir.path().join("new.txt");
        save_file(&p, "x", false).unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected, "{mode:o} vs {expected:o}");
        let a = dir.path().join("autosave.json");
        save_atomic(&a, "{}").unwrap();
        assert_eq!(
            fs::metadata(&a).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn saves_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("post.txt");
        save_atomic(&p, "one").unwrap();
        save_atomic(&p, "two").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failure_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-folder").join("post.txt");
        let err = save_atomic(&p, "x").unwrap_err();
        assert!(err.to_string().contains("post.txt"), "{err}");
    }

    #[test]
    fn failure_never_truncates_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("post.txt");
        fs::create_dir(&target).unwrap(); // renaming a file over a directory fails
        assert!(save_atomic(&target, "x").is_err());
        assert!(target.is_dir());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
