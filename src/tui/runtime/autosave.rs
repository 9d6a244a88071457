//! Never lose a draft (DESIGN §11): autosaves in the user state directory
//! (`$XDG_STATE_HOME/tact/drafts/` on Linux), written atomically, and the recovery offer on
//! start.
//!
//! A draft of a file is keyed by the SHA-256 of the file's absolute path; an unnamed draft
//! by the process id and start time. Each autosave is JSON: `{file, saved_at, text}`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::publish::audit::sha256_hex;

use super::save::save_atomic;

/// One autosave file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The file the draft belongs to (`None`: an unnamed draft).
    pub file: Option<PathBuf>,
    /// When it was written (UTC, RFC 3339).
    pub saved_at: String,
    /// The text.
    pub text: String,
}

/// An autosave offered for recovery on start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The autosave file.
    pub path: PathBuf,
    /// Its contents.
    pub draft: Draft,
}

/// `saved_at` (RFC 3339) as local time to the minute in `tz`, e.g. `2026-12-06 21:53 CET`;
/// the text as it is when it does not parse.
pub fn local_time(saved_at: &str, tz: &jiff::tz::TimeZone) -> String {
    match saved_at.parse::<jiff::Timestamp>() {
        Ok(t) => t
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => saved_at.to_string(),
    }
}

impl Offer {
    /// The first non-empty line of the draft (for the recovery dialog).
    pub fn first_line(&self) -> &str {
        self.draft
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }
}

/// The drafts folder: `<state dir>/tact/drafts` (XDG_STATE_HOME on Linux; the data
/// directory where the platform has no state directory). `None` without a home directory.
pub fn drafts_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let s = etcetera::choose_base_strategy().ok()?;
    let base = s.state_dir().unwrap_or_else(|| s.data_dir());
    Some(base.join("tact").join("drafts"))
}

/// The name part shared by every autosave of `file` (`file-<16 hex of the SHA-256 of its
/// absolute path>`), or `draft` for unnamed drafts.
fn stem(file: Option<&Path>) -> String {
    match file {
        Some(f) => {
            let abs = std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf());
            let key = sha256_hex(abs.to_string_lossy().as_bytes());
            format!("file-{}", &key[..16])
        }
        None => "draft".to_string(),
    }
}

/// This process's autosave path of `file` (or of its unnamed draft) inside `dir`:
/// `<stem>-<start ms>-<pid>[-<n>].json`, so two editors on one file never share an autosave.
pub fn draft_path(dir: &Path, file: Option<&Path>) -> PathBuf {
    // A counter keeps two claims of one process in the same millisecond apart (a save-as
    // re-claims at once; tests claim twice).
    static CLAIMS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CLAIMS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let now = jiff::Timestamp::now().as_millisecond();
    let pid = std::process::id();
    let name = if n == 0 {
        format!("{}-{now}-{pid}.json", stem(file))
    } else {
        format!("{}-{now}-{pid}-{n}.json", stem(file))
    };
    dir.join(name)
}

/// The lock file of the autosave `path` (`….json` → `….lock`): held by the editor writing
/// that autosave for as long as it runs.
fn lock_path(path: &Path) -> PathBuf {
    path.with_extension("lock")
}

/// An autosave this editor owns: the path it writes, and the lock on `<path>.lock` that tells
/// other editors it is in use (the lock goes with the process, also on `kill -9`).
#[derive(Debug)]
pub struct Claim {
    path: PathBuf,
    lock: fs::File,
}

impl Claim {
    /// Claims a fresh autosave of `file` (or of an unnamed draft) in `dir`, creating the
    /// folder (mode 0700 on Unix).
    ///
    /// # Errors
    /// The folder cannot be created, or the lock file cannot be created or locked; the
    /// message names the path.
    pub fn new(dir: &Path, file: Option<&Path>) -> std::io::Result<Claim> {
        let wrap = |p: &Path| {
            let p = p.to_path_buf();
            move |e: std::io::Error| std::io::Error::new(e.kind(), format!("{}: {e}", p.display()))
        };
        create_private_dir(dir).map_err(wrap(dir))?;
        let path = draft_path(dir, file);
        let lp = lock_path(&path);
        let lock = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lp)
            .map_err(wrap(&lp))?;
        // The path is this process's own; only another editor's probe ([`is_live`], which
        // locks and at once unlocks) can hold it, for a moment: try again briefly.
        let mut tries = 0;
        while let Err(e) = fs4::FileExt::try_lock(&lock) {
            tries += 1;
            if tries == 50 {
                return Err(std::io::Error::other(format!(
                    "{}: cannot lock: {e}",
                    lp.display()
                )));
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        Ok(Claim { path, lock })
    }

    /// The autosave file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the autosave and its lock (after a clean exit).
    pub fn release(self) {
        remove(&self.path);
        let _ = fs::remove_file(lock_path(&self.path));
        drop(self.lock);
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Whether another running editor owns the autosave `path` (its lock file is locked).
/// Autosaves of editors that ended (even by `kill -9`) and autosaves from before locks
/// (no lock file) are not live.
pub fn is_live(path: &Path) -> bool {
    let Ok(f) = fs::OpenOptions::new().write(true).open(lock_path(path)) else {
        return false;
    };
    match fs4::FileExt::try_lock(&f) {
        Ok(()) => {
            let _ = fs4::FileExt::unlock(&f);
            false
        }
        Err(_) => true,
    }
}

/// How many other running editors have `file` open: the live autosave claims of `file` in
/// `dir` (their `.lock` files are held) apart from `own`, this editor's autosave path.
/// The editor warns when this is not 0, since two editors saving one file overwrite each
/// other (a save asks first when the file changed, but typing goes on in both).
pub fn other_editors(dir: &Path, file: &Path, own: Option<&Path>) -> usize {
    let prefix = format!("{}-", stem(Some(file)));
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    rd.flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "lock")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .map(|p| p.with_extension("json"))
        .filter(|json| own != Some(json.as_path()) && is_live(json))
        .count()
}

/// Removes lock files in `dir` that no running editor holds and whose autosave is gone
/// (left by editors that were killed after removing nothing).
pub fn clean_stale_locks(dir: &Path) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "lock") {
            let json = p.with_extension("json");
            if !json.exists() && !is_live(&json) {
                let _ = fs::remove_file(&p);
            }
        }
    }
}

/// The autosaves in `dir` whose name starts with `prefix` and ends in `.json`, not owned by a
/// running editor, with their modification times.
fn dead_drafts(dir: &Path, prefix: &str) -> Vec<(std::time::SystemTime, PathBuf)> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = rd
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.starts_with(prefix) && name.ends_with(".json")
        })
        .filter_map(|e| Some((e.metadata().and_then(|m| m.modified()).ok()?, e.path())))
        .filter(|(_, p)| !is_live(p))
        .collect();
    // Newest first.
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    out
}

/// Writes `text` as the autosave `path` for `file`, atomically (temp file, fsync, rename).
///
/// # Errors
/// The folder cannot be created or written.
pub fn write(path: &Path, file: Option<&Path>, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir).map_err(|e| {
            // "Already exists" here means something that is not a folder is in the way.
            let kind = match e.kind() {
                std::io::ErrorKind::AlreadyExists => std::io::ErrorKind::NotADirectory,
                k => k,
            };
            std::io::Error::new(kind, format!("{}: {e}", dir.display()))
        })?;
    }
    let draft = Draft {
        file: file.map(|f| std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf())),
        saved_at: jiff::Timestamp::now().to_string(),
        text: text.to_string(),
    };
    let json = serde_json::to_string(&draft).map_err(std::io::Error::other)?;
    save_atomic(path, &json)
}

fn read(path: &Path) -> Option<Draft> {
    serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
}

/// The autosave to offer on start, never one a running editor owns ([`is_live`]): for
/// `file`, its newest autosave when that is newer than the file (or the file is gone) and
/// differs from it; for a new draft, the newest unnamed autosave that holds text (an empty
/// newer one does not hide an older draft).
pub fn find_offer(dir: &Path, file: Option<&Path>, file_text: &str) -> Option<Offer> {
    match file {
        Some(f) => {
            let (t, path) = dead_drafts(dir, &stem(Some(f))).into_iter().next()?;
            let draft = read(&path)?;
            let newer = match fs::metadata(f) {
                Ok(b) => t > b.modified().ok()?,
                Err(_) => true,
            };
            (newer && draft.text != file_text).then_some(Offer { path, draft })
        }
        None => dead_drafts(dir, "draft-")
            .into_iter()
            .filter_map(|(_, path)| Some((read(&path)?, path)))
            .find(|(d, _)| !d.text.trim().is_empty())
            .map(|(draft, path)| Offer { path, draft }),
    }
}

/// The newest autosave of a named file in `dir` that holds text the file does not (it is
/// newer than the file, or the file is gone, and differs from it) and that no running
/// editor owns: a plain `tact` mentions it, since only `tact FILE` offers it.
pub fn newest_of_a_file(dir: &Path) -> Option<Draft> {
    dead_drafts(dir, "file-").into_iter().find_map(|(t, path)| {
        let draft = read(&path)?;
        let file = draft.file.clone()?;
        let on_disk = crate::tui::read_draft(&file).map(|(t, _)| t).ok();
        let file_time = fs::metadata(&file).and_then(|m| m.modified()).ok();
        let pending = file_time.is_none_or(|ft| t > ft) && on_disk.as_deref() != Some(&draft.text);
        pending.then_some(draft)
    })
}

/// Puts an autosave aside (renamed to `*.json.<suffix>`) so it is not offered again but is
/// still on disk.
pub fn set_aside(path: &Path, suffix: &str) {
    let _ = fs::rename(path, set_aside_path(path, suffix));
}

/// Where [`set_aside`] moves the autosave `path`: the same name with `.{suffix}` added.
pub fn set_aside_path(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    PathBuf::from(name)
}

/// Removes an autosave (after a clean exit).
pub fn remove(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_drafts_are_offered_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("draft-1-1.json");
        write(&a, None, "old text").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let b = dir.path().join("draft-2-2.json");
        write(&b, None, "\nnewer text\nmore").unwrap();
        let offer = find_offer(dir.path(), None, "").unwrap();
        assert_eq!(offer.path, b);
        assert_eq!(offer.first_line(), "newer text");
        set_aside(&b, "declined");
        assert_eq!(find_offer(dir.path(), None, "").unwrap().path, a);
    }

    #[test]
    fn an_empty_newer_draft_does_not_hide_an_older_one() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("draft-1-1.json");
        write(&a, None, "the older statement").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&dir.path().join("draft-2-2.json"), None, " \n").unwrap();
        let offer = find_offer(dir.path(), None, "").unwrap();
        assert_eq!(
            (offer.path, offer.draft.text.as_str()),
            (a, "the older statement")
        );
    }

    #[test]
    fn a_running_editors_autosave_is_never_offered() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("post.txt");
        fs::write(&file, "saved").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        // Editor B runs and has autosaved its text.
        let b = Claim::new(dir.path(), Some(&file)).unwrap();
        write(b.path(), Some(&file), "B's unsaved text").unwrap();
        let unnamed = Claim::new(dir.path(), None).unwrap();
        write(unnamed.path(), None, "another live draft").unwrap();
        assert!(is_live(b.path()));
        // Editor A starts on the same file: nothing to recover, nothing mentioned.
        assert_eq!(find_offer(dir.path(), Some(&file), "saved"), None);
        assert_eq!(find_offer(dir.path(), None, ""), None);
        assert_eq!(newest_of_a_file(dir.path()), None);
        // A quits: its own autosave goes, B's stays.
        let a = Claim::new(dir.path(), Some(&file)).unwrap();
        write(a.path(), Some(&file), "A's text").unwrap();
        assert_ne!(a.path(), b.path());
        a.release();
        assert_eq!(read(b.path()).unwrap().text, "B's unsaved text");
        // B is killed (its lock goes with it): now its text is offered.
        let b_path = b.path().to_path_buf();
        drop(b);
        assert!(!is_live(&b_path));
        let offer = find_offer(dir.path(), Some(&file), "saved").unwrap();
        assert_eq!(
            (offer.path, offer.draft.text.as_str()),
            (b_path, "B's unsaved text")
        );
    }

    #[test]
    fn other_editors_of_a_file_are_counted_until_they_end() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("post.txt");
        let other = dir.path().join("other.txt");
        let a = Claim::new(dir.path(), Some(&file)).unwrap();
        assert_eq!(other_editors(dir.path(), &file, Some(a.path())), 0);
        // Claims are named by start time and process: one millisecond apart.
        std::thread::sleep(std::time::Duration::from_millis(3));
        let b = Claim::new(dir.path(), Some(&file)).unwrap();
        let _c = Claim::new(dir.path(), Some(&other)).unwrap();
        let _d = Claim::new(dir.path(), None).unwrap();
        assert_eq!(other_editors(dir.path(), &file, Some(a.path())), 1);
        assert_eq!(other_editors(dir.path(), &file, None), 2);
        // B is killed: its lock goes with the process.
        drop(b);
        assert_eq!(other_editors(dir.path(), &file, Some(a.path())), 0);
    }

    #[test]
    fn stale_locks_are_cleaned_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("draft-1-1.lock"), "").unwrap();
        let live = Claim::new(dir.path(), None).unwrap();
        clean_stale_locks(dir.path());
        assert!(!dir.path().join("draft-1-1.lock").exists());
        assert!(lock_path(live.path()).exists());
    }

    #[test]
    fn a_named_files_autosave_is_found_for_a_plain_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("post.txt");
        fs::write(&file, "saved").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let p = draft_path(dir.path(), Some(&file));
        write(&p, Some(&file), "saved").unwrap();
        assert!(
            newest_of_a_file(dir.path()).is_none(),
            "same text: nothing to mention"
        );
        write(&p, Some(&file), "typed more").unwrap();
        let d = newest_of_a_file(dir.path()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.file.as_deref()),
            ("typed more", Some(file.as_path()))
        );
    }

    #[test]
    fn saved_at_shows_as_local_time_to_the_minute() {
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        assert_eq!(
            local_time("2026-11-29T16:20:48.123456789Z", &tz),
            "2026-11-29 17:20 +01"
        );
        assert_eq!(local_time("garbled", &tz), "garbled");
    }

    #[test]
    fn file_draft_offered_only_when_newer_and_different() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("post.txt");
        fs::write(&file, "saved").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let p = draft_path(dir.path(), Some(&file));
        write(&p, Some(&file), "saved").unwrap();
        assert!(find_offer(dir.path(), Some(&file), "saved").is_none());
        write(&p, Some(&file), "typed more").unwrap();
        assert_eq!(
            find_offer(dir.path(), Some(&file), "saved")
                .unwrap()
                .draft
                .text,
            "typed more"
        );
    }
}
