//! The check worker (DESIGN §11): the engine runs on its own thread so typing never waits
//! for it. Requests carry a generation number; the worker always takes the newest pending
//! request and skips the rest (a check that has started runs to its end). In a big draft a
//! second thread checks the paragraphs around the edit ([`super::quick`]) and reports them
//! as a partial result, well before the whole text. The app takes a
//! result of an older text only when it is newer than the findings shown, moved onto the
//! text on screen, and keeps saying "checking…" until the latest text reports; it drops
//! the others ([`crate::tui::App::update`] with [`crate::tui::Action::Checked`]).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use crate::engine::{CheckOptions, Counter, Engine};
use crate::model::Finding;

/// One check to run.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    /// Increases with every edit; results of older generations are stale.
    pub generation: u64,
    /// The rules.
    pub engine: Arc<Engine>,
    /// The text to check.
    pub text: Arc<str>,
    /// Target platform id.
    pub platform: Option<String>,
    /// The paragraphs around the edit in a big draft ([`super::quick::paragraph_range`]):
    /// checked first and reported as a partial result, before the whole text.
    pub quick: Option<std::ops::Range<usize>>,
}

/// The findings and the counters of one generation.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    /// The request's generation.
    pub generation: u64,
    /// Findings, sorted by the engine.
    pub findings: Vec<Finding>,
    /// The platform's counters, one per limit (the first is the main one).
    pub counters: Vec<Counter>,
    /// When to check the same text again because an embargo's time left changes or it lifts
    /// ([`Engine::embargo_recheck_in`]); `None` when nothing changes with time.
    pub recheck_in: Option<std::time::Duration>,
    /// Set on the partial result of [`CheckRequest::quick`]: the byte range of the text
    /// whose findings these are (spans already in the whole text's offsets); its platform
    /// limits and counters are not in it. `None`: the whole text.
    pub partial: Option<std::ops::Range<usize>>,
}

/// Checks only `req.quick` of the text ([`super::quick`]): its findings moved into the whole
/// text's offsets, whole-text rules (platform limits) left out; `None` without a range.
pub fn run_quick(req: &CheckRequest) -> Option<CheckResult> {
    let range = req.quick.clone()?;
    let slice = req.text.get(range.clone())?;
    let opts = CheckOptions {
        platform: req.platform.clone(),
        ..Default::default()
    };
    let whole: Vec<&str> = req
        .engine
        .rules()
        .iter()
        .filter(|r| r.matcher.is_whole_text())
        .map(|r| r.id.as_str())
        .collect();
    let findings = req
        .engine
        .check(slice, &opts)
        .into_iter()
        .filter(|f| !whole.contains(&f.rule.as_str()))
        .map(|f| super::quick::shift(f, &req.text, &range))
        .collect();
    Some(CheckResult {
        generation: req.generation,
        findings,
        counters: Vec::new(),
        recheck_in: None,
        partial: Some(range),
    })
}

/// Runs `req` (on whatever thread calls it).
pub fn run_check(req: &CheckRequest) -> CheckResult {
    let opts = CheckOptions {
        platform: req.platform.clone(),
        ..Default::default()
    };
    let findings = req.engine.check(&req.text, &opts);
    let recheck_in = req.engine.embargo_recheck_in(&req.text, &findings, &opts);
    let counters = req
        .platform
        .as_deref()
        .map(|p| req.engine.counters(&req.text, p))
        .unwrap_or_default();
    CheckResult {
        generation: req.generation,
        findings,
        counters,
        recheck_in,
        partial: None,
    }
}

/// The worker threads' handle: send requests, results go to the callback given to
/// [`Checker::spawn`]. One thread checks whole texts; a second checks only the paragraphs of
/// [`CheckRequest::quick`], so a keystroke in a big draft never waits behind a whole-text
/// check of an older text.
#[derive(Debug)]
pub struct Checker {
    tx: Sender<CheckRequest>,
    quick: Sender<CheckRequest>,
}

impl Checker {
    /// Starts the workers; `done` receives every result that was not skipped.
    pub fn spawn(done: impl Fn(CheckResult) + Send + Sync + 'static) -> Checker {
        let done = Arc::new(done);
        let (tx, rx) = channel::<CheckRequest>();
        let (quick, quick_rx) = channel::<CheckRequest>();
        let whole = done.clone();
        thread::Builder::new()
            .name("tact-check".into())
            .spawn(move || worker(&rx, &|req| whole(run_check(req))))
            .expect("cannot start the check thread");
        thread::Builder::new()
            .name("tact-check-paragraphs".into())
            .spawn(move || {
                worker(&quick_rx, &|req| {
                    if let Some(r) = run_quick(req) {
                        done(r);
                    }
                })
            })
            .expect("cannot start the paragraph check thread");
        Checker { tx, quick }
    }

    /// Queues `req` (older queued requests will be skipped); its paragraphs, if it names
    /// any, go to the paragraph thread as well.
    pub fn send(&self, req: CheckRequest) {
        if req.quick.is_some() {
            let _ = self.quick.send(req.clone());
        }
        let _ = self.tx.send(req);
    }
}

/// Runs `check` on the newest of the requests waiting in `rx`, skipping the older ones.
fn worker(rx: &Receiver<CheckRequest>, check: &dyn Fn(&CheckRequest)) {
    while let Ok(mut req) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        check(&req);
    }
}
