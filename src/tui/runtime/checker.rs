//! The check worker (DESIGN §11): the engine runs on its own thread so typing never waits
//! for it. Requests carry a generation number; the worker always takes the newest pending
//! request and skips the rest (a check that has started runs to its end). The app takes a
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
    }
}

/// The worker thread's handle: send requests, results go to the callback given to
/// [`Checker::spawn`].
#[derive(Debug)]
pub struct Checker {
    tx: Sender<CheckRequest>,
}

impl Checker {
    /// Starts the worker; `done` receives every result that was not skipped.
    pub fn spawn(done: impl Fn(CheckResult) + Send + 'static) -> Checker {
        let (tx, rx) = channel::<CheckRequest>();
        thread::Builder::new()
            .name("tact-check".into())
            .spawn(move || worker(&rx, &done))
            .expect("cannot start the check thread");
        Checker { tx }
    }

    /// Queues `req` (older queued requests will be skipped).
    pub fn send(&self, req: CheckRequest) {
        let _ = self.tx.send(req);
    }
}

fn worker(rx: &Receiver<CheckRequest>, done: &dyn Fn(CheckResult)) {
    while let Ok(mut req) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        done(run_check(&req));
    }
}
