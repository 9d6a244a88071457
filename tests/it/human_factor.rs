//! Issue 14, human-factor slips: draft leftovers in every bundled language, names, hidden
//! characters, embargo times and links, against real public ministry texts
//! (`tests/fixtures/human-factor/real-ministry-posts.jsonl`, each with its source) and a held-out set written
//! before the rules were tuned (`tests/fixtures/human-factor/heldout.jsonl`).

use std::path::PathBuf;

use tact::engine::{CheckOptions, Engine, load_engine};
use tact::load::LoadOptions;
use tact::model::{Category, Finding, Severity};

fn data(name: &str) -> Vec<serde_json::Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/human-factor")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is required: {e}", path.display()));
    let recs: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: {e}: {l}")))
        .collect();
    assert!(!recs.is_empty(), "{name} has no records");
    recs
}

fn engine() -> Engine {
    load_engine(&LoadOptions::default()).unwrap_or_else(|e| panic!("bundled rules: {e:?}"))
}

fn check(e: &Engine, text: &str) -> Vec<Finding> {
    e.check(text, &CheckOptions::default())
}

fn str_field<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v.get(k)
        .and_then(|x| x.as_str())
        .unwrap_or_else(|| panic!("record without `{k}`: {v}"))
}

#[test]
fn real_ministry_posts_in_every_bundled_language_have_no_draft_finding() {
    let e = engine();
    let recs = data("real-ministry-posts.jsonl");
    let mut langs: Vec<&str> = recs.iter().map(|r| str_field(r, "lang")).collect();
    langs.sort_unstable();
    langs.dedup();
    assert_eq!(langs, ["de", "es", "fr", "ru", "uz-Cyrl", "uz-Latn"]);
    for r in &recs {
        let text = str_field(r, "text");
        assert!(str_field(r, "source").starts_with("http"));
        let bad: Vec<String> = check(&e, text)
            .iter()
            .filter(|f| f.category == Category::Draft || f.category == Category::Hidden)
            .map(|f| format!("{} `{}`", f.rule, f.matched))
            .collect();
        assert!(bad.is_empty(), "{text}\n  flagged: {bad:?}");
    }
}

fn blocks(e: &Engine, text: &str, rule: &str) -> Option<String> {
    check(e, text)
        .into_iter()
        .find(|f| f.rule == rule && f.severity == Severity::Block)
        .map(|f| f.matched)
}

#[test]
fn draft_leftovers_named_in_issue_14_block() {
    let e = engine();
    let cases = [
        (
            "Le Président a reçu [NOM DU PRÉSIDENT].",
            "draft/bracket-placeholder",
            "[NOM DU PRÉSIDENT]",
        ),
        (
            "ENTWURF – Sprachregelung\nText",
            "draft/draft-label",
            "ENTWURF",
        ),
        (
            "ПРОЕКТ\nМИД приветствует соглашение.",
            "draft/draft-label",
            "ПРОЕКТ",
        ),
        (
            "We welcome it [AB1: check figure with DFID]",
            "draft/tracked-changes",
            "[AB1: check figure with DFID]",
        ),
        ("BROUILLON\nTexte", "draft/draft-label", "BROUILLON"),
        ("BORRADOR\nTexto", "draft/draft-label", "BORRADOR"),
        ("LOYIHA\nMatn", "draft/draft-label", "LOYIHA"),
        ("ЛОЙИҲА\nМатн", "draft/draft-label", "ЛОЙИҲА"),
        (
            "We condemn Deleted: strongly the attack.",
            "draft/tracked-changes",
            "Deleted",
        ),
        (
            "ENTWURF – Sprachregelung\nText",
            "draft/comms-plan-header",
            "Sprachregelung",
        ),
    ];
    for (text, rule, matched) in cases {
        assert_eq!(
            blocks(&e, text, rule).as_deref(),
            Some(matched),
            "{text:?} / {rule}"
        );
    }
}

#[test]
fn a_byte_order_mark_anywhere_is_flagged_once_and_blocks() {
    let e = engine();
    for text in [
        "Proud day\u{FEFF} for us",
        "Proud\u{FEFF} day",
        "Proud day\u{FEFF}",
        "\u{FEFF}Proud day",
    ] {
        let hits: Vec<Finding> = check(&e, text)
            .into_iter()
            .filter(|f| f.category == Category::Hidden)
            .collect();
        assert_eq!(hits.len(), 1, "{text:?}: {hits:?}");
        assert_eq!(hits[0].rule, "hidden/leading-bom");
        assert_eq!(hits[0].severity, Severity::Block);
        assert_eq!(hits[0].matched, "\u{FEFF}");
    }
}

/// The quoted forms (`"…"`) a rule's `why` and message name.
fn quoted_forms(s: &str) -> Vec<String> {
    let re = regex::Regex::new(r#""([^"\n]{2,60})""#).unwrap();
    re.captures_iter(s).map(|c| c[1].to_string()).collect()
}

/// Every form a `terms` rule's own text quotes is either flagged by that rule, or listed by
/// it as accepted (a preferred form, an exception, or inside a pass example). A why that names
/// an old form the rule does not flag fails here ("Dnepropetrovsk" named but passing).
#[test]
fn every_old_form_a_terms_rule_names_is_flagged_or_listed_as_accepted() {
    let e = engine();
    let mut problems = Vec::new();
    let mut checked = 0;
    for rule in e.rules().iter().filter(|r| r.pack == "terms") {
        let mut accepted: Vec<String> = rule.exceptions.clone();
        accepted.extend(rule.examples.pass.iter().map(|x| x.text.to_lowercase()));
        if let tact::engine::Matcher::Substitute(s) = &rule.matcher {
            accepted.extend(
                s.entries
                    .iter()
                    .flat_map(|(_, p)| p.iter().map(|x| x.to_lowercase())),
            );
        }
        for form in quoted_forms(&format!("{}\n{}", rule.why, rule.message)) {
            checked += 1;
            let flagged = [form.clone(), format!("At the UN General Assembly, {form}.")]
                .iter()
                .any(|t| check(&e, t).iter().any(|f| f.rule == rule.id));
            let low = form.to_lowercase();
            let listed = accepted.iter().any(|a| a.contains(&low));
            if !flagged && !listed {
                problems.push(format!("{}: \"{form}\"", rule.id));
            }
        }
    }
    assert!(checked > 60, "only {checked} quoted forms found");
    assert!(
        problems.is_empty(),
        "named but neither flagged nor accepted: {problems:#?}"
    );
}

#[test]
fn names_named_in_issue_14() {
    let e = engine();
    let sev = |text: &str, rule: &str| {
        check(&e, text)
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.severity)
            .max()
    };
    assert_eq!(
        sev("We stand with the Ukraine.", "terms/ukraine-article"),
        Some(Severity::Warn)
    );
    assert_eq!(
        sev("Ties with Zaire.", "terms/former-country-names"),
        Some(Severity::Warn)
    );
    assert_eq!(
        sev("Aid reached Dnepropetrovsk.", "terms/ukrainian-place-names"),
        Some(Severity::Warn)
    );
    // One form alone is a note; both sides in one post break "never mix".
    assert_eq!(
        sev("The Malvinas.", "terms/falklands-malvinas"),
        Some(Severity::Info)
    );
    let mixed = check(&e, "The Falklands, or Malvinas, are far away.");
    let mixed: Vec<&Finding> = mixed
        .iter()
        .filter(|f| f.rule == "terms/falklands-malvinas")
        .collect();
    assert_eq!(mixed.len(), 2);
    assert!(
        mixed
            .iter()
            .all(|f| f.severity == Severity::Warn && f.message.contains("mixes"))
    );
    // A quoted, dated headline is a quotation: info, and no one-key fix.
    let quoted = check(
        &e,
        "In 1991 the headline read \"Kiev declares independence\".",
    );
    let kyiv = quoted
        .iter()
        .find(|f| f.rule == "terms/kyiv")
        .expect("still noted");
    assert_eq!(kyiv.severity, Severity::Info);
    assert!(kyiv.safe_fix().is_none());
    assert_eq!(
        sev("«Kiev welcomes you», wrote the paper.", "terms/kyiv"),
        Some(Severity::Info)
    );
    // Without a year or an attribution, quotation marks alone do not lower it.
    assert_eq!(
        sev("We visited \"Kiev\" today.", "terms/kyiv"),
        Some(Severity::Warn)
    );
}

fn at(now: &str) -> CheckOptions {
    CheckOptions {
        now: Some(now.parse().unwrap()),
        ..Default::default()
    }
}

fn embargo(e: &Engine, text: &str, now: &str) -> Finding {
    e.check(text, &at(now))
        .into_iter()
        .find(|f| f.rule == "draft/embargo-line")
        .unwrap_or_else(|| panic!("no embargo finding in {text:?}"))
}

/// The editor checks again when the time left changes (each minute) and when the embargo
/// lifts; once lifted nothing changes with time.
#[test]
fn the_editor_rechecks_each_minute_and_when_the_embargo_lifts() {
    let e = engine();
    let text = "EMBARGOED UNTIL 00:01 GMT 3 December 2026\nText";
    let recheck = |now: &str| {
        let opts = at(now);
        e.embargo_recheck_in(text, &e.check(text, &opts), &opts)
    };
    assert_eq!(
        recheck("2026-12-02T12:00:00Z"),
        Some(std::time::Duration::from_secs(60))
    );
    assert_eq!(
        recheck("2026-12-03T00:00:45Z"),
        Some(std::time::Duration::from_secs(15))
    );
    assert_eq!(recheck("2026-12-03T00:01:00Z"), None);
    assert_eq!(recheck("2026-12-04T00:00:00Z"), None);
    let plain = "No embargo here";
    let opts = at("2026-12-02T12:00:00Z");
    assert_eq!(
        e.embargo_recheck_in(plain, &e.check(plain, &opts), &opts),
        None
    );
}

#[test]
fn embargoes_block_before_they_lift_and_warn_after() {
    let e = engine();
    let text = "EMBARGOED UNTIL 00:01 GMT 3 December 2026\nText";
    let before = embargo(&e, text, "2026-12-02T12:00:00Z");
    assert_eq!(before.severity, Severity::Block);
    assert!(
        before.message.contains("12 h 1 min left"),
        "{}",
        before.message
    );
    let after = embargo(&e, text, "2026-12-04T00:00:00Z");
    assert_eq!(after.severity, Severity::Warn);
    assert!(
        after.message.starts_with("embargo lifted at 00:01 GMT"),
        "{}",
        after.message
    );
    assert!(after.message.ends_with("remove the line"));
    let cet = embargo(
        &e,
        "Embargo: 3.12.2026, 10:00 CET\nText",
        "2026-12-03T08:59:00Z",
    );
    assert!(cet.message.contains("1 min left"), "{}", cet.message);
    let unreadable = embargo(
        &e,
        "EMBARGOED UNTIL further notice\nText",
        "2026-12-03T08:59:00Z",
    );
    assert_eq!(unreadable.severity, Severity::Block);
    assert!(
        unreadable.message.contains("cannot be read"),
        "{}",
        unreadable.message
    );
    // The bundled languages' labels are read too.
    for (text, left) in [
        (
            "SPERRFRIST: 3. Dezember 2026, 10:00 Uhr MEZ\nText",
            "1 h left",
        ),
        (
            "SOUS EMBARGO JUSQU'AU 3 décembre 2026 à 10h00 CET\nTexte",
            "1 h left",
        ),
        (
            "EMBARGO HASTA el 3 de diciembre de 2026 a las 10:00 CET\nTexto",
            "1 h left",
        ),
        (
            "ЭМБАРГО ДО 12:00 МСК 3 декабря 2026 года\nТекст",
            "1 h left",
        ),
        (
            "EMBARGO: 2026-yil 3-dekabr, soat 14:00 gacha (Toshkent vaqti)\nMatn",
            "1 h left",
        ),
    ] {
        let f = embargo(&e, text, "2026-12-03T08:00:00Z");
        assert!(f.message.contains(left), "{text}: {}", f.message);
    }
}

#[test]
fn sanctions_language_is_not_an_embargo_line() {
    let e = engine();
    for text in [
        "The EU arms embargo until 2027 remains in force.",
        "Совет ЕС продлил эмбарго до конца года.",
        "La UE prorrogó el embargo de armas hasta 2027.",
    ] {
        let hits: Vec<Finding> = e
            .check(text, &at("2026-12-03T07:00:00Z"))
            .into_iter()
            .filter(|f| f.rule == "draft/embargo-line")
            .collect();
        assert!(hits.is_empty(), "{text}: {hits:?}");
    }
}

#[test]
fn the_cli_compares_with_now_and_tact_now() {
    let run = |args: &[&str], env: Option<&str>| {
        let mut cmd = assert_cmd::Command::cargo_bin("tact").unwrap();
        cmd.arg("check").args(args).arg("-");
        if let Some(v) = env {
            cmd.env("TACT_NOW", v);
        }
        cmd.write_stdin("EMBARGOED UNTIL 00:01 GMT 3 December 2026\nText")
            .output()
            .unwrap()
    };
    let before = run(&["--now", "2026-12-02T12:00:00Z"], None);
    assert_eq!(before.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&before.stdout).contains("12 h 1 min left"));
    let after = run(&["--now", "2026-12-04T00:00:00Z"], None);
    assert_eq!(after.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&after.stdout).contains("remove the line"));
    let env = run(&[], Some("2026-12-04T00:00:00Z"));
    assert!(String::from_utf8_lossy(&env.stdout).contains("embargo lifted at"));
    let bad = run(&[], Some("tomorrow"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("TACT_NOW"));
}

#[test]
fn new_keys_on_the_wrong_kind_are_load_errors() {
    for (body, want) in [
        (
            "kind = \"terms\"\nterms = [\"x\"]\nembargo = true",
            "`embargo = true` works only on `pattern` rules",
        ),
        (
            "kind = \"terms\"\nterms = [\"x\"]\nnever-mix = { sides = [[\"x\"]], severity = \"warn\" }",
            "two or more",
        ),
        (
            "kind = \"pattern\"\npatterns = ['x']\nnever-mix = { sides = [[\"x\"], [\"y\"]], severity = \"warn\" }",
            "only on `terms` rules",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "schema = 1\n[pack]\nid = \"t\"\n[[rule]]\nid = \"r\"\ncategory = \"draft\"\nseverity = \"warn\"\nmessage = \"m\"\n{body}\n"
        );
        std::fs::write(dir.path().join("t.toml"), text).unwrap();
        let err = load_engine(&LoadOptions {
            builtin: false,
            dirs: vec![dir.path().to_path_buf()],
            ..Default::default()
        })
        .expect_err("must not load");
        let all = format!("{err:?}");
        assert!(all.contains(want), "{body}: {all}");
    }
}

#[test]
fn a_look_alike_of_an_official_domain_warns_and_names_the_real_domain() {
    let e = engine();
    let found = check(&e, "Read the statement: https://mfa-gov.uz/news");
    let f = found
        .iter()
        .find(|f| f.rule == "links/look-alike")
        .expect("mfa-gov.uz imitates mfa.gov.uz");
    assert_eq!(f.severity, Severity::Warn);
    assert_eq!(f.category, Category::Link);
    assert!(f.message.contains("official mfa.gov.uz"), "{}", f.message);
    assert!(f.message.ends_with("points to mfa-gov.uz"), "{}", f.message);
    let sub = check(&e, "See https://mfa.gov.uz.example.com/x");
    let sub = sub.iter().find(|f| f.rule == "links/look-alike").unwrap();
    assert!(
        sub.message.ends_with("points to example.com"),
        "{}",
        sub.message
    );
    let puny = check(&e, "See https://xn--mf-8kc.uz/");
    let puny = puny.iter().find(|f| f.rule == "links/look-alike").unwrap();
    assert!(
        puny.message.contains("mfа.uz (xn--mf-8kc.uz)"),
        "{}",
        puny.message
    );
    assert!(
        check(&e, "Read https://mfa.gov.uz/news")
            .iter()
            .all(|f| f.category != Category::Link)
    );
}

#[test]
fn staff_lists_deny_and_allow_only_modes() {
    let dir = crate::support::rules::fixture("links-staff");
    let e = load_engine(&LoadOptions {
        dirs: vec![dir],
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let rules = |text: &str| -> Vec<(String, Severity)> {
        check(&e, text)
            .into_iter()
            .filter(|f| f.category == Category::Link)
            .map(|f| (f.rule, f.severity))
            .collect()
    };
    assert!(
        rules("Via https://news.disinfo-site.com/a")
            .contains(&("links/deny".into(), Severity::Block))
    );
    assert!(rules("Via https://www.rt.com/a").contains(&("links/deny".into(), Severity::Block)));
    assert!(
        rules("Via https://www.nytimes.com/a")
            .contains(&("links/allow-only".into(), Severity::Warn))
    );
    assert!(rules("Via https://www.embassy-example.org/a").is_empty());
    assert!(
        rules("Via https://embassy-example.org.evil.com/a")
            .contains(&("links/our-look-alikes".into(), Severity::Block))
    );
}

/// The held-out set (`tests/fixtures/human-factor/heldout.jsonl`), written before the rules were tuned:
/// each case names an area and the highest severity a press office wants there (`none` for a
/// text that must stay quiet), and optionally a phrase the message must contain.
#[test]
fn held_out_cases_hit_rate() {
    let e = engine();
    let recs = data("heldout.jsonl");
    let mut misses = Vec::new();
    for r in &recs {
        let area = str_field(r, "area");
        let opts = CheckOptions {
            now: r
                .get("now")
                .and_then(|v| v.as_str())
                .map(|s| s.parse().unwrap()),
            ..Default::default()
        };
        let found: Vec<Finding> = e
            .check(str_field(r, "text"), &opts)
            .into_iter()
            .filter(|f| match area {
                "draft" => f.category == Category::Draft,
                "embargo" => f.rule == "draft/embargo-line",
                "terms" => f.category == Category::Terms,
                "hidden" => f.category == Category::Hidden,
                "link" => f.category == Category::Link,
                other => panic!("unknown area {other}"),
            })
            .collect();
        let got = found
            .iter()
            .map(|f| f.severity.as_str())
            .max_by_key(|s| ["info", "warn", "block"].iter().position(|x| x == s));
        let want = str_field(r, "want");
        let msg_ok = r
            .get("msg")
            .and_then(|v| v.as_str())
            .is_none_or(|m| found.iter().any(|f| f.message.contains(m)));
        if got.unwrap_or("none") != want || !msg_ok {
            misses.push(format!("{}: want {want}, got {got:?}", str_field(r, "id")));
        }
    }
    let hits = recs.len() - misses.len();
    println!(
        "held-out: {hits}/{} ({:.1}%); misses: {misses:?}",
        recs.len(),
        100.0 * hits as f64 / recs.len() as f64
    );
    assert!(recs.len() >= 40);
    assert!(
        hits * 100 >= recs.len() * 90,
        "hit rate below 90%: {misses:#?}"
    );
}
