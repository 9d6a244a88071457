//! `tact audit verify|head|approve` (DESIGN §10, §12).

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use tact::load::config::LoadedConfig;
use tact::publish::sign::{self, Signers};
use tact::publish::{Checkpoint, Settings, VerifyError, approve, verify};

fn log_path(settings: &Settings, log: Option<&Path>) -> PathBuf {
    log.map_or_else(|| settings.audit_log.clone(), Path::to_path_buf)
}

/// The log's text, or (inner error) the first line that is not UTF-8.
///
/// # Errors
/// The file cannot be read (it names the path).
fn read_log(path: &Path) -> Result<Result<String, VerifyError>> {
    let bytes = tact::publish::lock::read_shared(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        VerifyError {
            line: good.iter().filter(|b| **b == b'\n').count() + 1,
            reason: "not valid UTF-8 text (tact writes UTF-8 only: the log was damaged or edited)"
                .into(),
        }
    }))
}

/// `tact audit verify [LOG] [--head CHECKPOINT]`: 0 when every record is intact and signed
/// by an allowed signer (and the checkpoint matches); 1 naming the first bad line, or when
/// unsigned (legacy) records are present, or the log is empty (nothing is proven).
pub fn verify_cmd(cfg: &LoadedConfig, log: Option<&Path>, head: Option<&str>) -> Result<u8> {
    let settings = Settings::from_config(cfg);
    let path = log_path(&settings, log);
    let head: Option<Checkpoint> = head
        .map(str::parse)
        .transpose()
        .map_err(|e: String| anyhow::anyhow!(e))?;
    let signers = Signers::read(&settings.keys.allowed_signers)?;
    let text = read_log(&path)?;
    let shown = path.display();
    let v = match text.and_then(|t| verify(&t, &signers, head.as_ref())) {
        Ok(v) => v,
        Err(e) => {
            println!("{shown}: FAILED at {e}");
            return Ok(1);
        }
    };
    let mut out = std::io::stdout().lock();
    for r in &v.records {
        let who = r.signed_by.as_deref().map_or_else(
            || "unsigned (legacy)".to_string(),
            |s| format!("signed by {s}"),
        );
        let approved = r
            .approved_by
            .as_deref()
            .map_or_else(String::new, |a| format!(", override approved by {a}"));
        writeln!(
            out,
            "  record {} ({}): {who}{approved}",
            r.line, r.timestamp
        )?;
    }
    let n = v.records.len();
    if n == 0 {
        writeln!(
            out,
            "{shown}: NOT VERIFIED: the log is empty (0 records): nothing is proven, and a log cut down to nothing looks the same; verify with --head CHECKPOINT (from `tact audit head`) to tell"
        )?;
        return Ok(1);
    }
    let head_note = match (&v.head, &head) {
        (Some(h), Some(_)) => format!("; matches the checkpoint; head now {h}"),
        (Some(h), None) => {
            format!("; head {h} (without --head, records removed from the end cannot be detected)")
        }
        // An empty log fails against any checkpoint, and is reported above without one.
        (None, _) => String::new(),
    };
    if v.legacy > 0 {
        let anchored = if v.legacy < n {
            " Their content is fixed by the signed record after them, but who wrote them is not proven."
        } else {
            " Anyone could have rewritten them and recomputed the chain."
        };
        writeln!(
            out,
            "{shown}: NOT VERIFIED: {} of {n} records are unsigned (legacy, written before records were signed).{anchored} Start a new log (move this one aside) to have only signed records{head_note}",
            v.legacy
        )?;
        return Ok(1);
    }
    writeln!(
        out,
        "{shown}: OK ({n} records, chain intact, each signed by an allowed signer listed in {}{head_note})",
        settings.keys.allowed_signers.display()
    )?;
    Ok(0)
}

/// `tact audit head [LOG]`: prints the checkpoint of the last record.
pub fn head_cmd(cfg: &LoadedConfig, log: Option<&Path>) -> Result<u8> {
    let settings = Settings::from_config(cfg);
    let path = log_path(&settings, log);
    let text = read_log(&path)?;
    let signers = Signers::read(&settings.keys.allowed_signers)?;
    match text.and_then(|t| verify(&t, &signers, None)) {
        Ok(v) => match v.head {
            Some(h) => {
                println!("{h}");
                Ok(0)
            }
            None => {
                println!("{}: the log is empty: no checkpoint", path.display());
                Ok(1)
            }
        },
        Err(e) => {
            println!(
                "{}: FAILED at {e} (no checkpoint of a broken log)",
                path.display()
            );
            Ok(1)
        }
    }
}

/// `tact audit approve [REQUEST] [--yes]`: shows each pending request and signs it on `y`.
pub fn approve_cmd(cfg: &LoadedConfig, request: Option<&Path>, yes: bool) -> Result<u8> {
    let settings = Settings::from_config(cfg);
    let requests = match request {
        Some(p) => vec![approve::read_request(p)?],
        None => approve::pending(&settings)?,
    };
    if requests.is_empty() {
        println!(
            "no override requests are waiting in {}",
            settings.approvals.display()
        );
        return Ok(0);
    }
    let key = sign::load_or_create(&settings.keys)?;
    if let Some(w) = sign::name_mismatch(&settings.keys, settings.author.as_deref()) {
        eprintln!("warning: {w}");
    }
    let stdin = std::io::stdin();
    let mut approved = 0;
    for r in &requests {
        show(r);
        if !yes {
            print!("Approve this override with your signature? [y/N] ");
            std::io::stdout().flush()?;
            let mut answer = String::new();
            stdin.lock().read_line(&mut answer)?;
            if !matches!(answer.trim(), "y" | "Y" | "yes") {
                println!("  not approved");
                continue;
            }
        }
        let path = approve::approve(&settings, r, &key)?;
        println!("  approved: {}", path.display());
        approved += 1;
    }
    println!("{approved} of {} requests approved", requests.len());
    Ok(0)
}

fn show(r: &approve::Pending) {
    let field = |k: &str| r.fields.get(k).cloned().unwrap_or_default();
    println!("request {}", r.path.display());
    println!(
        "  from {}, for {} on {}",
        r.author.as_deref().unwrap_or("(no author)"),
        field("account")
            .get("handle")
            .and_then(|h| h.as_str())
            .unwrap_or("(no account)"),
        field("platform").as_str().unwrap_or("?")
    );
    println!("  text:");
    for line in r.text.lines() {
        println!("    {}", tact::text::visible(line));
    }
    if let Some(list) = field("overridden").as_array() {
        println!("  blocking findings overridden:");
        for f in list {
            println!(
                "    {} on “{}”",
                f["rule"].as_str().unwrap_or("?"),
                tact::text::visible(f["match"].as_str().unwrap_or(""))
            );
        }
    }
    println!(
        "  justification: {}",
        tact::text::visible(field("justification").as_str().unwrap_or(""))
    );
}
