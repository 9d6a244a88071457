//! A small PTY harness (architecture-anchors §4): runs the real `tact` binary on a
//! pseudo-terminal, feeds its output to a vt100 screen, and waits for conditions with a
//! generous deadline (CI has 2 cores). Each session has its own temp dir as the working
//! directory (with `tact.toml` and rules) and as `XDG_STATE_HOME`/`XDG_CONFIG_HOME`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const DEADLINE: Duration = Duration::from_secs(30);

/// The workspace of one test: cwd with `tact.toml` and `rules/`, a copy of the editor's rule
/// folder (`tests/fixtures/editor`).
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    super::rules::copy_tree(&super::rules::fixture("editor"), &rules);
    std::fs::write(
        dir.path().join("tact.toml"),
        "builtin = false\nrules = [\"rules\"]\nauthor = \"Test Officer\"\n[publish]\nmin-justification = 20\n\
         [[account]]\nname = \"Embassy\"\nplatform = \"x\"\nhandle = \"@EmbassyExample\"\nkind = \"official\"\n",
    )
    .unwrap();
    dir
}

/// The binary under test: `TACT_BIN` if set (e.g. `target/release/tact` for the start-up
/// figures; a relative path is taken from the package root, where cargo runs the tests),
/// else the one cargo built for the tests.
pub fn binary() -> PathBuf {
    match std::env::var_os("TACT_BIN") {
        Some(p) => std::path::absolute(PathBuf::from(p)).expect("an absolute path for TACT_BIN"),
        None => PathBuf::from(env!("CARGO_BIN_EXE_tact")),
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is not zero")
}

pub struct Pty {
    pub parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
}

impl Pty {
    /// Starts `tact args…` in `dir` on a `cols`×`rows` terminal.
    pub fn spawn(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_with(dir, args, cols, rows, &[])
    }

    /// As [`Pty::spawn`], with the variables `env` set (after the defaults: `TERM` can be
    /// replaced); `COLORTERM` is unset unless given.
    pub fn spawn_with(
        dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_STATE_HOME", dir.join("state"));
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("HOME", dir);
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Pty {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            rx,
            writer,
            child,
            _master: pty.master,
            raw: Vec::new(),
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Waits until `pred` holds for the screen; panics with the screen after [`DEADLINE`].
    pub fn wait(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let end = Instant::now() + DEADLINE;
        loop {
            self.pump(Duration::from_millis(20));
            if pred(self.parser.screen()) {
                return;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; screen:\n{}",
                self.screen().contents()
            );
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&mut self, text: &str) {
        let t = text.to_string();
        self.wait(&format!("{text:?}"), move |s| s.contents().contains(&t));
    }

    /// Ctrl+P in the open gate until it asks "really clear": on a busy machine the first
    /// check may still be running, and the gate then refuses ("checking… wait for the
    /// findings").
    pub fn clear_when_checked(&mut self) {
        for _ in 0..50 {
            self.send(&[b'p' & 0x1f]);
            self.wait("the question or the refusal", |s| {
                let c = s.contents();
                c.contains("really clear this post") || c.contains("checking… wait")
            });
            if self.screen().contents().contains("really clear this post") {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        self.wait_text("really clear this post");
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn paste(&mut self, text: &str) {
        self.send(format!("\x1b[200~{text}\x1b[201~").as_bytes());
    }

    /// Waits for the process to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let end = Instant::now() + DEADLINE;
        loop {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(50));
                return status.exit_code();
            }
            assert!(
                Instant::now() < end,
                "process did not exit; screen:\n{}",
                self.screen().contents()
            );
        }
    }

    /// The `(row, col)` of the first cell of `needle` on screen (columns, not bytes).
    pub fn find(&self, needle: &str) -> (u16, u16) {
        let s = self.screen();
        let (rows, cols) = s.size();
        let (rows, cols) = (u16::from(rows), u16::from(cols));
        for r in 0..rows {
            let cells: Vec<String> = (0..cols)
                .map(|c| {
                    s.cell(r, c)
                        .map_or(String::new(), |x| x.contents().to_string())
                })
                .collect();
            let want: Vec<String> = needle.chars().map(String::from).collect();
            for c in 0..cells.len().saturating_sub(want.len()) {
                if cells[c..c + want.len()] == want[..] {
                    return (r, c as u16);
                }
            }
        }
        panic!("{needle:?} not on screen:\n{}", s.contents());
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }
}

/// Files in `dir` (recursively) whose name ends with `suffix`.
pub fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files(&p, suffix));
            } else if p.to_string_lossy().ends_with(suffix) {
                out.push(p);
            }
        }
    }
    out
}

pub fn kill(pid: u32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}
