//! Atomic save: a temporary file in the same folder, write, `sync_all`, rename over the
//! target. On any error the target is untouched (never truncated) and the temp file removed.
//!
//! The temporary file (`.tact-save-*`) is locked while it exists, so one left by an editor
//! killed during a save is recognised and removed on the next start ([`clean_stale_temps`]).
//! A [`Stamp`] records what a file held, so a save can see that another program changed it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    write(&link_target(path), text, overwrite, true)
}

/// Runs `f` (a check of what `path` holds, then the save) while holding an exclusive lock
/// on `path`'s folder (`flock(2)` on the folder itself: no lock file is left behind), so
/// two tact editors saving into one folder never interleave their check and write. Other
/// programs do not take this lock. A folder that cannot be locked (some network file
/// systems) runs `f` without it.
pub fn in_folder_lock<T>(path: &Path, f: impl FnOnce() -> T) -> T {
    let target = link_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let lock = fs::File::open(&dir)
        .ok()
        .filter(|d| fs4::FileExt::lock(d).is_ok());
    let out = f();
    drop(lock);
    out
}

/// The file a save of `path` writes: `path` itself, or, when it is a symbolic link (also a
/// chain of links, or one whose target does not exist yet), the file it points to, so the
/// link is kept and the text goes where it points.
pub fn link_target(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    // As the kernel's limit on nested links (ELOOP after 40).
    for _ in 0..40 {
        let Ok(meta) = fs::symlink_metadata(&p) else {
            break;
        };
        if !meta.file_type().is_symlink() {
            break;
        }
        let Ok(to) = fs::read_link(&p) else { break };
        p = match p.parent() {
            Some(dir) if to.is_relative() => dir.join(to),
            _ => to,
        };
    }
    p
}

/// What a file held when the editor last read or wrote it: the SHA-256 of its bytes, or
/// nothing when it did not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp(Option<String>);

impl Stamp {
    /// The stamp of a file holding `bytes`.
    pub fn of_bytes(bytes: &[u8]) -> Stamp {
        Stamp(Some(crate::publish::audit::sha256_hex(bytes)))
    }

    /// The stamp of a file that does not exist.
    pub fn missing() -> Stamp {
        Stamp(None)
    }

    /// The stamp of `path` now (following links).
    ///
    /// # Errors
    /// The file exists but cannot be read.
    pub fn of_file(path: &Path) -> io::Result<Stamp> {
        match fs::read(path) {
            Ok(b) => Ok(Stamp::of_bytes(&b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Stamp::missing()),
            Err(e) => Err(e),
        }
    }
}

/// The prefix of this process's temporary files: `.tact-save-<pid>-`.
fn temp_prefix() -> String {
    format!(".tact-save-{}-", std::process::id())
}

/// Removes the `.tact-save-*` files in `dir` that no running save holds (left behind by an
/// editor killed during a save). Returns how many were removed.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for e in rd.flatten() {
        if !e.file_name().to_string_lossy().starts_with(".tact-save-")
            || !e.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let Ok(f) = fs::OpenOptions::new().write(true).open(e.path()) else {
            continue;
        };
        if fs4::FileExt::try_lock(&f).is_ok() && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn write(path: &Path, text: &str, overwrite: bool, umask_mode: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let wrap = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut builder = tempfile::Builder::new();
    let prefix = temp_prefix();
    builder.prefix(&prefix);
    #[cfg(unix)]
    if umask_mode {
        use std::os::unix::fs::PermissionsExt;
        // open(2) applies the umask to this mode.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = umask_mode;
    let mut tmp = builder.tempfile_in(dir).map_err(wrap)?;
    // Held until the rename: a killed save's copy is unlocked, and removed on the next start.
    fs4::FileExt::try_lock(tmp.as_file()).map_err(|e| wrap(io::Error::other(e.to_string())))?;
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
    fn saves_into_one_folder_take_turns() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::{Arc, Barrier};
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.txt");
        let (inside, done) = (Arc::new(Barrier::new(2)), Arc::new(AtomicBool::new(false)));
        let first = {
            let (post, inside, done) = (post.clone(), inside.clone(), done.clone());
            std::thread::spawn(move || {
                in_folder_lock(&post, || {
                    inside.wait();
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    done.store(true, Ordering::SeqCst);
                })
            })
        };
        inside.wait();
        // The first save holds the folder: the second runs only after it is done.
        let saw_done = in_folder_lock(&post, || done.load(Ordering::SeqCst));
        first.join().unwrap();
        assert!(saw_done);
    }

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

    #[cfg(unix)]
    #[test]
    fn a_symlinked_post_is_written_through_the_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real").join("post.txt");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("post.txt");
        std::os::unix::fs::symlink("real/post.txt", &link).unwrap();
        save_file(&link, "new text", true).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new text");
        // A link whose target does not exist yet: the target is created, the link kept.
        let dangling = dir.path().join("next.txt");
        std::os::unix::fs::symlink("real/next.txt", &dangling).unwrap();
        save_file(&dangling, "first", false).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("real").join("next.txt")).unwrap(),
            "first"
        );
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_killed_saves_copy_is_cleaned_a_running_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A copy left by a save that was killed: nobody holds its lock.
        fs::write(dir.path().join(".tact-save-999-abc"), "draft text").unwrap();
        // A save under way in another editor: its copy is locked.
        let busy = dir.path().join(".tact-save-998-def");
        let f = fs::File::create(&busy).unwrap();
        fs4::FileExt::try_lock(&f).unwrap();
        fs::write(dir.path().join("post.txt"), "x").unwrap();
        assert_eq!(clean_stale_temps(dir.path()), 1);
        assert!(busy.exists());
        assert!(!dir.path().join(".tact-save-999-abc").exists());
        assert!(dir.path().join("post.txt").exists());
    }

    #[test]
    fn stamps_tell_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("post.txt");
        assert_eq!(Stamp::of_file(&p).unwrap(), Stamp::missing());
        fs::write(&p, "one").unwrap();
        assert_eq!(Stamp::of_file(&p).unwrap(), Stamp::of_bytes(b"one"));
        assert_ne!(Stamp::of_bytes(b"one"), Stamp::of_bytes(b"two"));
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
