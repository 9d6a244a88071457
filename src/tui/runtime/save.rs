//! Atomic save: a temporary file in the same folder, write, `sync_all`, rename over the
//! target. On any error the target is untouched (never truncated) and the temp file removed.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `text` to `path` atomically, keeping the permissions of an existing file.
///
/// # Errors
/// The folder is missing or not writable, the disk is full, or the rename fails; the
/// message names the path.
pub fn save_atomic(path: &Path, text: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let wrap = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tact-save-")
        .tempfile_in(dir)
        .map_err(wrap)?;
    tmp.write_all(text.as_bytes()).map_err(wrap)?;
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(wrap)?;
    }
    tmp.as_file().sync_all().map_err(wrap)?;
    tmp.persist(path).map_err(|e| wrap(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
