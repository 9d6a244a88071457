//! Tests of clearing, signing, verifying and approving (DESIGN §12).

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use super::audit::{GENESIS, own_hash, sha256_hex};
use super::sign::{self, Keys, Signers};
use super::*;
use crate::engine::{CheckOptions, Engine};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| crate::engine::load_engine(&crate::load::LoadOptions::default()).unwrap())
}

/// Settings writing into `dir`, with the officer's key `name` created there on first use.
fn settings(dir: &Path, name: &str) -> Settings {
    Settings {
        outbox: dir.join("outbox"),
        audit_log: dir.join("audit.jsonl"),
        approvals: dir.join("approvals"),
        min_justification: 20,
        author: Some(name.into()),
        accounts: Vec::new(),
        keys: Keys {
            key: dir.join(format!("keys/{name}")),
            create: true,
            allowed_signers: dir.join("keys/allowed-signers"),
            principal: name.into(),
        },
        approvers: Vec::new(),
        require_approval: false,
    }
}

fn request(text: &str, justification: Option<&str>) -> Request {
    let e = engine();
    Request {
        text: text.into(),
        platform: "x".into(),
        account: None,
        packs: e.packs().to_vec(),
        fingerprint: e.fingerprint().into(),
        findings: e.check(text, &CheckOptions::default()),
        justification: justification.map(str::to_string),
        thread: Vec::new(),
        rules_error: None,
    }
}

const SECRET: &str = "SECRET//NOFORN readout of the call";
const WHY: &str = "the minister approved this wording in writing";

fn clear_three(s: &Settings) -> String {
    clear(s, &request("one", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    clear(s, &request(SECRET, Some(WHY)), jiff::Timestamp::UNIX_EPOCH).unwrap();
    clear(s, &request("three", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    fs::read_to_string(&s.audit_log).unwrap()
}

fn signers(s: &Settings) -> Signers {
    Signers::read(&s.keys.allowed_signers).unwrap()
}

/// What the forging script did: edit a line's JSON, then recompute every `hash` and `prev`
/// from there on (a forger without the key keeps the old `sig`, or signs with a key of
/// their own).
fn forge(log: &str, line: usize, edit: impl Fn(&mut serde_json::Map<String, Value>)) -> String {
    let mut prev = GENESIS.to_string();
    let mut out = String::new();
    for (i, l) in log.lines().enumerate() {
        let Value::Object(mut v) = serde_json::from_str(l).unwrap() else {
            panic!("not an object")
        };
        if i + 1 == line {
            edit(&mut v);
        }
        v.insert("prev".into(), Value::from(prev.clone()));
        let h = own_hash(&v);
        v.insert("hash".into(), Value::from(h));
        let l = Value::Object(v).to_string();
        prev = sha256_hex(l.as_bytes());
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[test]
fn a_signed_chain_verifies_and_says_who_signed() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    let log = clear_three(&s);
    let v = verify(&log, &signers(&s), None).unwrap();
    assert_eq!(v.records.len(), 3);
    assert_eq!(v.legacy, 0);
    assert!(
        v.records
            .iter()
            .all(|r| r.signed_by.as_deref() == Some("Jane Doe"))
    );
    let rec: Value = serde_json::from_str(log.lines().nth(1).unwrap()).unwrap();
    assert_eq!(rec["seq"], 2);
    assert_eq!(rec["justification"], WHY);
    assert_eq!(rec["overridden"][0]["rule"], "classification/us-banner");
    // Edits, deletions and reorderings are still named by line.
    let edited = log.replacen("\"platform\":\"x\"", "\"platform\":\"bluesky\"", 1);
    let lines: Vec<&str> = log.lines().collect();
    let swapped = format!("{}\n{}\n{}\n", lines[0], lines[2], lines[1]);
    let deleted = format!("{}\n{}\n", lines[0], lines[2]);
    let sg = signers(&s);
    assert_eq!(
        verify(
            &log.replace(&rec["text_sha256"].as_str().unwrap()[..8], "00000000"),
            &sg,
            None
        )
        .unwrap_err()
        .line,
        2
    );
    assert_ne!(edited, log);
    assert_eq!(verify(&edited, &sg, None).unwrap_err().line, 1);
    assert_eq!(verify(&swapped, &sg, None).unwrap_err().line, 2);
    assert_eq!(verify(&deleted, &sg, None).unwrap_err().line, 2);
}

#[test]
fn the_forging_script_fails_naming_the_first_forged_record() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    let log = clear_three(&s);
    let sg = signers(&s);
    let forged = forge(&log, 2, |v| {
        v.insert("overridden".into(), Value::Array(vec![]));
        v.insert("justification".into(), Value::Null);
        v.insert("text_sha256".into(), Value::from(sha256_hex(b"harmless")));
    });
    // The script's result is a consistent hash chain …
    let e = verify(&forged, &sg, None).unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(
        e.reason.contains("record 2") && e.reason.contains("signature"),
        "{e}"
    );
    // … re-signed with the forger's own key, it is named as not allowed.
    let mut fs_ = settings(&dir.path().join("forger"), "Mallory");
    fs_.keys.allowed_signers = dir.path().join("forger-signers");
    let mallory = sign::load_or_create(&fs_.keys).unwrap();
    let resigned = forge(&log, 2, |v| {
        v.insert("justification".into(), Value::Null);
        v.insert(
            "signer".into(),
            Value::from(sign::public_hex(&mallory.verifying_key())),
        );
        let h = own_hash(v);
        v.insert(
            "sig".into(),
            Value::from(sign::sign_hex(&mallory, &audit::record_message(&h))),
        );
    });
    let e = verify(&resigned, &sg, None).unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(e.reason.contains("not in the allowed signers"), "{e}");
    // Stripping one signature is named; stripping all of them is never "verified".
    let stripped = forge(&log, 2, |v| {
        v.remove("sig");
    });
    assert_eq!(verify(&stripped, &sg, None).unwrap_err().line, 2);
    let mut all = log.clone();
    for line in [1, 2, 3] {
        all = forge(&all, line, |v| {
            v.remove("sig");
            v.remove("signer");
        });
    }
    // Only signed records have a `seq`: stripped signatures are named, from the first.
    let e = verify(&all, &sg, None).unwrap_err();
    assert_eq!(e.line, 1, "{e}");
    assert!(e.reason.contains("its signature was removed"), "{e}");
    for line in [1, 2, 3] {
        all = forge(&all, line, |v| {
            v.remove("seq");
        });
    }
    let v = verify(&all, &sg, None).unwrap();
    assert_eq!(
        v.legacy, 3,
        "an unsigned log is reported as legacy, not as signed"
    );
}

#[test]
fn truncation_is_caught_with_the_head_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    let log = clear_three(&s);
    let sg = signers(&s);
    let head = verify(&log, &sg, None).unwrap().head.unwrap();
    assert_eq!(head.seq, 3);
    let printed: Checkpoint = head.to_string().parse().unwrap();
    assert!(verify(&log, &sg, Some(&printed)).is_ok());
    let cut: String = log.lines().take(2).map(|l| format!("{l}\n")).collect();
    let e = verify(&cut, &sg, Some(&printed)).unwrap_err();
    assert!(e.reason.contains("truncated"), "{e}");
    assert!(verify("", &sg, Some(&printed)).is_err());
    // A rewrite up to the checkpoint (even re-signed by an allowed key) differs from it.
    let key = sign::load_or_create(&s.keys).unwrap();
    let resigned = forge(&log, 3, |v| {
        v.insert("platform".into(), Value::from("bluesky"));
        let h = own_hash(v);
        v.insert(
            "sig".into(),
            Value::from(sign::sign_hex(&key, &audit::record_message(&h))),
        );
    });
    let e = verify(&resigned, &sg, Some(&printed)).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!("3:zz".parse::<Checkpoint>().is_err());
}

#[test]
fn duplicate_keys_and_non_objects_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    let log = clear_three(&s);
    let sg = signers(&s);
    let first = log.lines().next().unwrap();
    let dup = format!("{{\"justification\": \"fake\", {}\n", &first[1..]);
    let e = verify(&dup, &sg, None).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.reason.contains("appears twice"), "{e}");
    let e = verify("[1, 2, 3]\n", &sg, None).unwrap_err();
    assert!(e.reason.contains("an array"), "{e}");
    // A file cut off mid-record names its last line, as does one cut just before the newline.
    let cut = &log[..log.len() - 100];
    let e = verify(cut, &sg, None).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.reason.contains("the file was cut off mid-record"), "{e}");
    let e = verify(&log[..log.len() - 1], &sg, None).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.reason.contains("without a newline"), "{e}");
    let blank = log.replacen('\n', "\n\n", 1);
    let e = verify(&blank, &sg, None).unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(e.reason.contains("an empty line"), "{e}");
}

#[test]
fn legacy_logs_are_reported_unsigned_and_anchored_by_the_next_signed_record() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    // Two records as written before signing: `hash` over the line with `"hash": ""`.
    let mut prev = GENESIS.to_string();
    let mut text = String::new();
    for t in ["a", "b"] {
        let mut v = serde_json::json!({"timestamp": "t", "text_sha256": sha256_hex(t.as_bytes()), "prev": prev, "hash": ""});
        let h = sha256_hex(v.to_string().as_bytes());
        v["hash"] = Value::from(h);
        let line = v.to_string();
        prev = sha256_hex(line.as_bytes());
        text.push_str(&line);
        text.push('\n');
    }
    fs::write(&s.audit_log, &text).unwrap();
    let v = verify(&text, &signers(&s), None).unwrap();
    assert_eq!((v.records.len(), v.legacy), (2, 2));
    clear(&s, &request("c", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    let log = fs::read_to_string(&s.audit_log).unwrap();
    let v = verify(&log, &signers(&s), None).unwrap();
    assert_eq!((v.records.len(), v.legacy), (3, 2));
    assert_eq!(v.records[2].signed_by.as_deref(), Some("Jane Doe"));
    let forged = forge(&log, 1, |v| {
        v.insert("timestamp".into(), Value::from("u"));
    });
    assert_eq!(verify(&forged, &signers(&s), None).unwrap_err().line, 3);
}

#[test]
fn concurrent_clears_give_one_valid_chain() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    sign::load_or_create(&s.keys).unwrap();
    let req = request("same moment", None);
    std::thread::scope(|sc| {
        for _ in 0..4 {
            sc.spawn(|| {
                for _ in 0..5 {
                    clear(&s, &req, jiff::Timestamp::UNIX_EPOCH).unwrap();
                }
            });
        }
    });
    let log = fs::read_to_string(&s.audit_log).unwrap();
    let v = verify(&log, &signers(&s), None).unwrap();
    assert_eq!(v.records.len(), 20);
    let outbox = fs::read_dir(&s.outbox).unwrap().count();
    assert_eq!(outbox, 20, "one outbox file per record, none lost");
}

#[test]
fn a_full_disk_leaves_the_log_verifiable_and_the_outbox_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    clear(&s, &request("one", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    let before = fs::read_to_string(&s.audit_log).unwrap();
    let outbox_before: Vec<_> = fs::read_dir(&s.outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // The outbox file (the first write) fits; the record (the second) is cut off halfway.
    let mut calls = 0;
    let mut full = |f: &mut fs::File, b: &[u8]| {
        use std::io::Write as _;
        calls += 1;
        if calls == 1 {
            return f.write_all(b);
        }
        f.write_all(&b[..b.len() / 2])?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "No space left on device",
        ))
    };
    let e = clear_with(
        &s,
        &request("two", None),
        jiff::Timestamp::UNIX_EPOCH,
        &mut full,
    )
    .unwrap_err();
    assert!(matches!(e, PublishError::Append { .. }), "{e:#}");
    assert!(format!("{e:#}").contains("No space left"), "{e:#}");
    assert_eq!(fs::read_to_string(&s.audit_log).unwrap(), before);
    let outbox_after: Vec<_> = fs::read_dir(&s.outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        outbox_after, outbox_before,
        "no outbox file, no temporary left"
    );
    // The disk is full already when the outbox file is written: nothing is recorded either.
    let e = clear_with(
        &s,
        &thread_request(&["Part one 1/2", "Part two 2/2"], None),
        jiff::Timestamp::UNIX_EPOCH,
        &mut |f: &mut fs::File, b: &[u8]| {
            use std::io::Write as _;
            f.write_all(&b[..1])?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            PublishError::Io {
                action: "write in",
                ..
            }
        ),
        "{e:#}"
    );
    assert_eq!(fs::read_to_string(&s.audit_log).unwrap(), before);
    let outbox_now: Vec<_> = fs::read_dir(&s.outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(outbox_now, outbox_before, "no temporary left");
    // The second part's outbox file fails after the first was written: neither stays.
    let mut calls = 0;
    let e = clear_with(
        &s,
        &thread_request(&["Part one 1/2", "Part two 2/2"], None),
        jiff::Timestamp::UNIX_EPOCH,
        &mut |f: &mut fs::File, b: &[u8]| {
            use std::io::Write as _;
            calls += 1;
            if calls == 2 {
                return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
            }
            f.write_all(b)
        },
    )
    .unwrap_err();
    assert!(format!("{e:#}").contains("write in"), "{e:#}");
    assert_eq!(fs::read_to_string(&s.audit_log).unwrap(), before);
    assert_eq!(
        fs::read_dir(&s.outbox).unwrap().count(),
        outbox_before.len()
    );
    // Space again: the next clear works and the chain goes on.
    clear(&s, &request("three", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    let log = fs::read_to_string(&s.audit_log).unwrap();
    assert_eq!(verify(&log, &signers(&s), None).unwrap().records.len(), 2);
}

#[test]
fn an_override_needs_an_approvers_signature_and_the_record_holds_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut officer = settings(dir.path(), "Jane Doe");
    officer.require_approval = true;
    officer.approvers = vec!["Bob Roe".into()];
    let mut approver = officer.clone();
    approver.keys.key = dir.path().join("keys/bob");
    approver.keys.principal = "Bob Roe".into();
    let req = request(SECRET, Some(WHY));
    let now = jiff::Timestamp::UNIX_EPOCH;
    let e = format!("{:#}", clear(&officer, &req, now).unwrap_err());
    assert!(
        e.contains("Bob Roe") && e.contains("tact audit approve"),
        "{e}"
    );
    assert!(
        !s_exists(&officer.audit_log),
        "nothing recorded without the approval"
    );
    // The officer cannot approve their own override.
    let jane = sign::load_or_create(&officer.keys).unwrap();
    let pending = approve::pending(&officer).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].text, SECRET);
    assert!(approve::approve(&officer, &pending[0], &jane).is_err());
    let bob = sign::load_or_create(&approver.keys).unwrap();
    approve::approve(&approver, &pending[0], &bob).unwrap();
    assert!(approve::pending(&officer).unwrap().is_empty());
    // An approval of this justification does not clear another one.
    let other = request(SECRET, Some("a different reason, long enough anyway"));
    assert!(clear(&officer, &other, now).is_err());
    clear(&officer, &req, now).unwrap();
    let log = fs::read_to_string(&officer.audit_log).unwrap();
    let v = verify(&log, &signers(&officer), None).unwrap();
    assert_eq!(v.records[0].signed_by.as_deref(), Some("Jane Doe"));
    assert_eq!(v.records[0].approved_by.as_deref(), Some("Bob Roe"));
    // A post without blocking findings needs no approval.
    clear(&officer, &request("fine", None), now).unwrap();
}

fn s_exists(p: &Path) -> bool {
    p.exists()
}

#[test]
fn a_post_checked_with_the_last_good_rules_says_so_in_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    let stale = Request {
        rules_error: Some("desk.toml:8:1: unknown key `sevrity`".into()),
        ..request("Talks today.", None)
    };
    clear(&s, &stale, jiff::Timestamp::UNIX_EPOCH).unwrap();
    clear(
        &s,
        &request("Talks again.", None),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    let log = fs::read_to_string(&s.audit_log).unwrap();
    let recs: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        recs[0]["rules_error"],
        "desk.toml:8:1: unknown key `sevrity`"
    );
    assert!(
        recs[1].get("rules_error").is_none(),
        "absent when the rules loaded"
    );
    assert_eq!(verify(&log, &signers(&s), None).unwrap().records.len(), 2);
}

#[test]
fn a_justification_of_invisible_characters_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    let zw = "\u{200B}".repeat(25);
    let e = clear(&s, &request(SECRET, Some(&zw)), jiff::Timestamp::UNIX_EPOCH).unwrap_err();
    assert!(e.to_string().contains("visible characters"), "{e}");
    assert!(!s.audit_log.exists());
}

#[cfg(unix)]
#[test]
fn outbox_files_follow_the_umask_and_hold_the_text() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    // The umask of this process: read from a file created the ordinary way.
    let probe = dir.path().join("probe");
    fs::write(&probe, "").unwrap();
    let expected = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    let path = clear(&s, &request("one", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "one");
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, expected, "{mode:o} vs {expected:o}");
    let names: Vec<_> = fs::read_dir(&s.outbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["19700101T000000Z-x.txt"], "no temporary left");
}

#[test]
fn an_empty_post_is_never_cleared_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "officer");
    let err = clear(&s, &request(" \n\t ", None), jiff::Timestamp::UNIX_EPOCH).unwrap_err();
    assert!(matches!(err, PublishError::EmptyPost), "{err}");
    assert!(!s.outbox.exists());
    assert!(!s.audit_log.exists());
    let path = clear(
        &s,
        &request("Talks today.", None),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    assert_eq!(fs::read_to_string(path).unwrap(), "Talks today.");
    assert!(s.audit_log.exists());
}

/// A request clearing `parts` as one thread (each part checked as posted).
fn thread_request(parts: &[&str], justification: Option<&str>) -> Request {
    let e = engine();
    Request {
        thread: parts
            .iter()
            .map(|p| PostPart {
                text: (*p).into(),
                findings: e.check(p, &CheckOptions::default()),
            })
            .collect(),
        findings: Vec::new(),
        ..request(&parts.join(" "), justification)
    }
}

#[test]
fn a_thread_is_one_record_with_every_part_and_its_approval_covers_the_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut officer = settings(dir.path(), "Jane Doe");
    officer.require_approval = true;
    officer.approvers = vec!["Bob Roe".into()];
    let mut approver = officer.clone();
    approver.keys.key = dir.path().join("keys/bob");
    approver.keys.principal = "Bob Roe".into();
    let parts = [
        "Talks went well today. 1/2",
        "SECRET//NOFORN readout follows. 2/2",
    ];
    let req = thread_request(&parts, Some(WHY));
    let now = jiff::Timestamp::UNIX_EPOCH;
    assert!(
        clear_all(&officer, &req, now).is_err(),
        "needs the approval"
    );
    let pending = approve::pending(&officer).unwrap();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].fields["thread"].as_array().unwrap().len() == 2);
    let bob = sign::load_or_create(&approver.keys).unwrap();
    approve::approve(&approver, &pending[0], &bob).unwrap();
    // The approval of these parts does not clear other parts of the same text.
    let other = thread_request(
        &[
            "Talks went well 1/2",
            "today. SECRET//NOFORN readout follows. 2/2",
        ],
        Some(WHY),
    );
    assert!(
        clear_all(
            &officer,
            &Request {
                text: req.text.clone(),
                ..other
            },
            now
        )
        .is_err()
    );
    let files = clear_all(&officer, &req, now).unwrap();
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["19700101T000000Z-x-1of2.txt", "19700101T000000Z-x-2of2.txt"]
    );
    assert_eq!(fs::read_to_string(&files[1]).unwrap(), parts[1]);
    let log = fs::read_to_string(&officer.audit_log).unwrap();
    assert_eq!(log.lines().count(), 1);
    let v = verify(&log, &signers(&officer), None).unwrap();
    assert_eq!(v.records[0].approved_by.as_deref(), Some("Bob Roe"));
    let r: Value = serde_json::from_str(log.trim()).unwrap();
    assert_eq!(
        r["thread"][1]["text_sha256"],
        sha256_hex(parts[1].as_bytes())
    );
    assert_eq!(r["overridden"][0]["part"], 2);
    assert_eq!(r["outbox"], files[0].display().to_string());
    // A part's hash edited (and the record re-hashed) fails its signature.
    let forged = forge(&log, 1, |v| {
        v["thread"][0]["text_sha256"] = Value::from(sha256_hex(b"another text"));
    });
    assert!(verify(&forged, &signers(&officer), None).is_err());
}

#[test]
fn a_single_post_record_has_no_thread_and_its_approval_digest_is_unchanged() {
    let s = Settings::default();
    let r = Record::new(
        &s,
        &request(SECRET, Some(WHY)),
        Path::new("o"),
        jiff::Timestamp::UNIX_EPOCH,
    );
    let Value::Object(m) = serde_json::to_value(&r).unwrap() else {
        panic!()
    };
    assert!(!m.contains_key("thread"));
    assert!(m["findings"][0].get("part").is_none());
    let subset: serde_json::Map<String, Value> = super::audit::APPROVED_FIELDS
        .iter()
        .map(|k| ((*k).to_string(), m.get(*k).cloned().unwrap_or(Value::Null)))
        .collect();
    assert_eq!(
        r.approval_digest(),
        sha256_hex(Value::Object(subset).to_string().as_bytes())
    );
}

#[test]
fn a_key_missing_from_the_allowed_signers_signs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = settings(dir.path(), "Jane Doe");
    clear(&s, &request("one", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    let before = fs::read_to_string(&s.audit_log).unwrap();
    // The line was lost (the disk was full when the key was made) or removed.
    let listed = fs::read_to_string(&s.keys.allowed_signers).unwrap();
    fs::write(&s.keys.allowed_signers, "").unwrap();
    let e = clear(&s, &request("two", None), jiff::Timestamp::UNIX_EPOCH).unwrap_err();
    let msg = format!("{e:#}");
    assert!(
        msg.contains("your signing key is not in these allowed signers")
            && msg.contains(&format!("add the line `{}`", listed.trim())),
        "{msg}"
    );
    assert_eq!(fs::read_to_string(&s.audit_log).unwrap(), before);
    assert_eq!(fs::read_dir(&s.outbox).unwrap().count(), 1);
    fs::write(&s.keys.allowed_signers, &listed).unwrap();
    clear(&s, &request("two", None), jiff::Timestamp::UNIX_EPOCH).unwrap();
    let log = fs::read_to_string(&s.audit_log).unwrap();
    assert_eq!(verify(&log, &signers(&s), None).unwrap().records.len(), 2);
}
