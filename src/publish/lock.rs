//! The audit log opened under an exclusive lock (DESIGN §12): reading the last line and
//! appending the next one happen while no other tact process can append, so two clears at
//! the same moment never give two records the same `prev`.
//!
//! A line is written with one `write` of the complete line and fsynced; if writing or
//! syncing fails (a full disk), the file is truncated back to its length before, so the log
//! never keeps a partial line. Readers ([`read_shared`]) take a shared lock, so they never
//! see a line half written.

use std::fs::{self, File};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use super::PublishError;

/// Writes `bytes` to the file; tests inject failures here.
pub type WriteFn<'a> = &'a mut dyn FnMut(&mut File, &[u8]) -> std::io::Result<()>;

/// The log file, held under an exclusive lock until dropped.
pub struct LockedLog {
    file: File,
    path: PathBuf,
    /// The log's contents when the lock was taken.
    pub text: String,
}

impl LockedLog {
    /// Opens (creating it and its folder) and locks `path`, then reads it.
    ///
    /// # Errors
    /// The file cannot be created, locked or read, is not UTF-8, or ends in an incomplete
    /// line (the message names the path and what to do).
    pub fn open(path: &Path) -> Result<LockedLog, PublishError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(PublishError::io("create", dir))?;
        }
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(PublishError::io("open", path))?;
        fs4::FileExt::lock(&file).map_err(PublishError::io("lock", path))?;
        let mut text = String::new();
        file.read_to_string(&mut text)
            .map_err(PublishError::io("read (as UTF-8)", path))?;
        if !(text.is_empty() || text.ends_with('\n')) {
            return Err(PublishError::IncompleteLog {
                path: path.to_path_buf(),
            });
        }
        Ok(LockedLog {
            file,
            path: path.to_path_buf(),
            text,
        })
    }

    /// The last non-empty line, without its newline.
    pub fn last_line(&self) -> Option<&str> {
        self.text.lines().rev().find(|l| !l.is_empty())
    }

    /// The number of non-empty lines.
    pub fn records(&self) -> usize {
        self.text.lines().filter(|l| !l.is_empty()).count()
    }

    /// Appends `line` and a newline in one write, fsynced; on failure truncates back.
    ///
    /// # Errors
    /// The write or the sync failed (the log is left as it was); the message names the path.
    pub fn append(&mut self, line: &str, write: WriteFn<'_>) -> Result<(), PublishError> {
        let before = self.text.len() as u64;
        let bytes = format!("{line}\n");
        let result = self
            .file
            .seek(SeekFrom::Start(before))
            .and_then(|_| write(&mut self.file, bytes.as_bytes()))
            .and_then(|()| self.file.sync_all());
        if let Err(e) = result {
            let _ = self.file.set_len(before);
            let _ = self.file.sync_all();
            return Err(PublishError::Append {
                path: self.path.clone(),
                cause: e,
            });
        }
        self.text.push_str(&bytes);
        Ok(())
    }
}

/// The bytes of the log `path`, read under a shared lock: never while a clear is appending,
/// so a reader (`tact audit verify`) does not see half a record.
///
/// # Errors
/// The file cannot be opened, locked or read.
pub fn read_shared(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    fs4::FileExt::lock_shared(&file)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The ordinary writer: one `write_all` of the whole line.
pub fn write_all(f: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    f.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_waits_for_an_append_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.jsonl");
        let mut log = LockedLog::open(&path).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let p = path.clone();
        let reader = std::thread::spawn(move || tx.send(read_shared(&p).unwrap()).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(rx.try_recv().is_err(), "read while the log was locked");
        log.append("{\"seq\":1}", &mut write_all).unwrap();
        drop(log);
        let got = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        assert_eq!(got, b"{\"seq\":1}\n");
        reader.join().unwrap();
    }
}
