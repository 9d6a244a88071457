//! `tact audit verify|head|approve` end to end: who signed, legacy logs, truncation caught
//! with a checkpoint, malformed lines as clear errors (never a panic), the approval flow.

use std::path::Path;

use assert_cmd::Command;
use tact::publish::{self, Request, Settings, sign};

fn tact(home: &Path) -> Command {
    let mut c = Command::cargo_bin("tact").expect("tact binary builds");
    c.current_dir(home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env_remove("XDG_STATE_HOME");
    c
}

/// The settings `tact` itself uses in `home` (no tact.toml: defaults, keys in the user
/// config folder), for the key `name`.
fn settings(home: &Path, name: &str) -> Settings {
    let file = if name == "Jane" { "signing-key" } else { name };
    Settings {
        outbox: home.join("outbox"),
        audit_log: home.join("audit.jsonl"),
        approvals: home.join("approvals"),
        author: Some(name.into()),
        keys: sign::Keys {
            key: home.join("config/tact").join(file),
            create: true,
            allowed_signers: home.join("config/tact/allowed-signers"),
            principal: name.into(),
        },
        ..Settings::default()
    }
}

fn post(text: &str) -> Request {
    Request {
        text: text.into(),
        platform: "x".into(),
        account: None,
        packs: vec![("terms".into(), "1".into())],
        fingerprint: "f".into(),
        findings: vec![],
        justification: None,
        thread: vec![],
    }
}

fn stdout(c: &mut Command, code: i32) -> String {
    let out = c.output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s
}

#[test]
fn verify_names_the_signer_and_head_catches_truncation() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let s = settings(h, "Jane");
    for t in ["one", "two", "three"] {
        publish::clear(&s, &post(t), jiff::Timestamp::UNIX_EPOCH).unwrap();
    }
    let out = stdout(tact(h).args(["audit", "verify"]), 0);
    assert!(
        out.contains("record 3 (1970-01-01T00:00:00Z): signed by Jane"),
        "{out}"
    );
    assert!(out.contains("OK (3 records"), "{out}");
    let head = stdout(tact(h).args(["audit", "head"]), 0);
    let head = head.trim();
    assert!(head.starts_with("3:"), "{head}");
    stdout(tact(h).args(["audit", "verify", "--head", head]), 0);
    let log = std::fs::read_to_string(&s.audit_log).unwrap();
    let cut: String = log.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&s.audit_log, cut).unwrap();
    let out = stdout(tact(h).args(["audit", "verify", "--head", head]), 1);
    assert!(out.contains("truncated"), "{out}");
    std::fs::write(&s.audit_log, "").unwrap();
    let out = stdout(tact(h).args(["audit", "verify", "--head", head]), 1);
    assert!(out.contains("truncated"), "{out}");
}

#[test]
fn legacy_logs_are_never_ok_and_bad_lines_never_panic() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // A record as written before signing existed (hash over the line with "hash": "").
    let mut v = serde_json::json!({"timestamp": "2025-01-01T00:00:00Z", "prev": "0".repeat(64), "hash": ""});
    v["hash"] = serde_json::Value::from(publish::audit::sha256_hex(v.to_string().as_bytes()));
    std::fs::write(h.join("audit.jsonl"), format!("{v}\n")).unwrap();
    let out = stdout(tact(h).args(["audit", "verify"]), 1);
    assert!(
        out.contains("unsigned (legacy)") && out.contains("NOT VERIFIED"),
        "{out}"
    );
    assert!(!out.contains("OK"), "{out}");
    std::fs::write(h.join("audit.jsonl"), "[1, 2]\n").unwrap();
    let out = stdout(tact(h).args(["audit", "verify"]), 1);
    assert!(out.contains("line 1") && out.contains("an array"), "{out}");
    std::fs::write(h.join("audit.jsonl"), "{\"a\": 1, \"a\": 2}\n").unwrap();
    let out = stdout(tact(h).args(["audit", "verify"]), 1);
    assert!(out.contains("`a` appears twice"), "{out}");
}

#[test]
fn an_approver_signs_pending_requests_with_tact_audit_approve() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // The approver is this installation's default user (key created by `tact audit approve`).
    std::fs::write(
        h.join("tact.toml"),
        "author = \"Bob\"\n[publish]\napprovers = [\"Bob\"]\nrequire-approval = \"block\"\n",
    )
    .unwrap();
    let mut officer = settings(h, "Jane Officer");
    officer.approvers = vec!["Bob".into()];
    officer.require_approval = true;
    let text = "SECRET//NOFORN readout of the call";
    let engine = tact::engine::load_engine(&tact::load::LoadOptions::default()).unwrap();
    let req = Request {
        findings: engine.check(text, &Default::default()),
        packs: engine.packs().to_vec(),
        fingerprint: engine.fingerprint().into(),
        justification: Some("the minister approved this wording".into()),
        ..post(text)
    };
    let e = format!(
        "{:#}",
        publish::clear(&officer, &req, jiff::Timestamp::UNIX_EPOCH).unwrap_err()
    );
    assert!(e.contains("Bob") && e.contains("tact audit approve"), "{e}");
    let out = stdout(tact(h).args(["audit", "approve"]).write_stdin("y\n"), 0);
    assert!(
        out.contains("SECRET//NOFORN") && out.contains("classification/us-banner"),
        "{out}"
    );
    assert!(out.contains("1 of 1 requests approved"), "{out}");
    publish::clear(&officer, &req, jiff::Timestamp::UNIX_EPOCH).unwrap();
    let out = stdout(tact(h).args(["audit", "verify"]), 0);
    assert!(
        out.contains("signed by Jane Officer, override approved by Bob"),
        "{out}"
    );
}
