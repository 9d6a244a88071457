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
        rules_error: None,
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

/// The attacker's script of issue 17, as the security tester wrote it: rewrite record `n`
/// (drop the override and the justification, swap the text hash), then recompute every
/// `hash` and `prev` from the first line on; the forger has no key, so `sig` stays.
fn forge(log: &str, n: usize) -> String {
    use publish::audit::{GENESIS, own_hash, sha256_hex};
    let mut prev = GENESIS.to_string();
    let mut out = String::new();
    for (i, line) in log.lines().enumerate() {
        let serde_json::Value::Object(mut v) = serde_json::from_str(line).unwrap() else {
            panic!("not an object: {line}")
        };
        if i + 1 == n {
            v.insert("overridden".into(), serde_json::json!([]));
            v.insert("justification".into(), serde_json::Value::Null);
            v.insert("text_sha256".into(), sha256_hex(b"harmless text").into());
        }
        v.insert("prev".into(), prev.clone().into());
        let h = own_hash(&v);
        v.insert("hash".into(), h.into());
        let line = serde_json::Value::Object(v).to_string();
        prev = sha256_hex(line.as_bytes());
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn the_forging_script_and_damaged_logs_fail_naming_the_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let s = settings(h, "Jane");
    let engine = tact::engine::load_engine(&tact::load::LoadOptions::default()).unwrap();
    let secret = "SECRET//NOFORN readout of the call";
    let overridden = Request {
        findings: engine.check(secret, &Default::default()),
        justification: Some("the minister approved this wording".into()),
        ..post(secret)
    };
    publish::clear(&s, &post("one"), jiff::Timestamp::UNIX_EPOCH).unwrap();
    publish::clear(&s, &overridden, jiff::Timestamp::UNIX_EPOCH).unwrap();
    publish::clear(&s, &post("three"), jiff::Timestamp::UNIX_EPOCH).unwrap();
    let log = std::fs::read_to_string(&s.audit_log).unwrap();
    assert!(
        log.lines()
            .nth(1)
            .unwrap()
            .contains("the minister approved")
    );
    // Unedited, the script reproduces tact's bytes: the comparison below is fair.
    assert_eq!(forge(&log, 0), log);
    let verify_file = |name: &str, text: &[u8]| {
        std::fs::write(h.join(name), text).unwrap();
        stdout(tact(h).args(["audit", "verify", name]), 1)
    };
    let out = verify_file("forged.jsonl", forge(&log, 2).as_bytes());
    assert_eq!(
        out.trim(),
        "forged.jsonl: FAILED at line 2: record 2: the signature does not match the record (rewritten after signing?)"
    );
    // A duplicate key in front of the real one.
    let lines: Vec<&str> = log.lines().collect();
    let dup = format!(
        "{}\n{{\"justification\":\"a fake reason\",{}\n{}\n",
        lines[0],
        &lines[1][1..],
        lines[2]
    );
    let out = verify_file("dup.jsonl", dup.as_bytes());
    assert!(
        out.starts_with(
            "dup.jsonl: FAILED at line 2: not a valid record: the key `justification` appears twice"
        ),
        "{out}"
    );
    let array = format!("{}\n[1,2,3]\n{}\n", lines[0], lines[2]);
    let out = verify_file("array.jsonl", array.as_bytes());
    assert_eq!(
        out.trim(),
        "array.jsonl: FAILED at line 2: not a valid record: a record must be a JSON object {…}, this line is an array"
    );
    // Cut off mid-record, and damaged bytes.
    let out = verify_file("cut.jsonl", &log.as_bytes()[..log.len() - 100]);
    assert!(
        out.starts_with("cut.jsonl: FAILED at line 3: the last line is incomplete"),
        "{out}"
    );
    let mut bytes = log.as_bytes().to_vec();
    let at = lines[0].len() + lines[1].len() + 10;
    bytes[at] = 0xff;
    let out = verify_file("bytes.jsonl", &bytes);
    assert!(
        out.starts_with("bytes.jsonl: FAILED at line 3: not valid UTF-8"),
        "{out}"
    );
    // An empty log proves nothing: never OK.
    let out = verify_file("empty.jsonl", b"");
    assert!(
        out.starts_with("empty.jsonl: NOT VERIFIED: the log is empty"),
        "{out}"
    );
    // The real log still verifies.
    let out = stdout(tact(h).args(["audit", "verify"]), 0);
    assert!(out.contains("OK (3 records"), "{out}");
}
