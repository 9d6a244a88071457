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

/// The autosave path of `file` (or of this process's unnamed draft) inside `dir`.
pub fn draft_path(dir: &Path, file: Option<&Path>) -> PathBuf {
    match file {
        Some(f) => {
            let abs = std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf());
            let key = sha256_hex(abs.to_string_lossy().as_bytes());
            dir.join(format!("file-{}.json", &key[..16]))
        }
        None => {
            let now = jiff::Timestamp::now().as_millisecond();
            dir.join(format!("draft-{now}-{}.json", std::process::id()))
        }
    }
}

/// Writes `text` as the autosave `path` for `file`, atomically (temp file, fsync, rename).
///
/// # Errors
/// The folder cannot be created or written.
pub fn write(path: &Path, file: Option<&Path>, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
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

/// The autosave to offer on start: for `file`, its autosave when it is newer than the file
/// (or the file is gone) and differs from it; for a new draft, the newest unnamed autosave.
pub fn find_offer(dir: &Path, file: Option<&Path>, file_text: &str) -> Option<Offer> {
    match file {
        Some(f) => {
            let path = draft_path(dir, Some(f));
            let draft = read(&path)?;
            let newer = match (fs::metadata(&path), fs::metadata(f)) {
                (Ok(a), Ok(b)) => a.modified().ok()? > b.modified().ok()?,
                (Ok(_), Err(_)) => true,
                _ => false,
            };
            (newer && draft.text != file_text).then_some(Offer { path, draft })
        }
        None => {
            let mut best: Option<(std::time::SystemTime, PathBuf)> = None;
            for e in fs::read_dir(dir).ok()?.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if !(name.starts_with("draft-") && name.ends_with(".json")) {
                    continue;
                }
                let t = e.metadata().and_then(|m| m.modified()).ok()?;
                if best.as_ref().is_none_or(|(bt, _)| t > *bt) {
                    best = Some((t, e.path()));
                }
            }
            let path = best?.1;
            let draft = read(&path)?;
            (!draft.text.trim().is_empty()).then_some(Offer { path, draft })
        }
    }
}

/// The newest autosave of a named file in `dir` that holds text the file does not (it is
/// newer than the file, or the file is gone, and differs from it): a plain `tact` mentions
/// it, since only `tact FILE` offers it.
pub fn newest_of_a_file(dir: &Path) -> Option<Draft> {
    let mut best: Option<(std::time::SystemTime, Draft)> = None;
    for e in fs::read_dir(dir).ok()?.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !(name.starts_with("file-") && name.ends_with(".json")) {
            continue;
        }
        let Ok(t) = e.metadata().and_then(|m| m.modified()) else {
            continue;
        };
        let Some(draft) = read(&e.path()) else {
            continue;
        };
        let Some(file) = draft.file.clone() else {
            continue;
        };
        let on_disk = crate::tui::read_draft(&file).map(|(t, _)| t).ok();
        let file_time = fs::metadata(&file).and_then(|m| m.modified()).ok();
        let pending = file_time.is_none_or(|ft| t > ft) && on_disk.as_deref() != Some(&draft.text);
        if pending && best.as_ref().is_none_or(|(bt, _)| t > *bt) {
            best = Some((t, draft));
        }
    }
    best.map(|(_, d)| d)
}

/// Puts an autosave aside (renamed to `*.json.<suffix>`) so it is not offered again but is
/// still on disk.
pub fn set_aside(path: &Path, suffix: &str) {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    let _ = fs::rename(path, PathBuf::from(name));
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
