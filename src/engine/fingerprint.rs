//! The rule fingerprint recorded in every publish record: a SHA-256 over an explicit
//! serialisation of the compiled rules, sorted by rule id, so that one rule set always gives
//! one value (across processes and load orders) and any change to a rule changes it.

use crate::kinds::CompiledRule;
use crate::model::Fingerprint;

/// The fingerprint (64 hex digits) of `rules`.
pub(crate) fn fingerprint(rules: &[CompiledRule]) -> String {
    let mut sorted: Vec<&CompiledRule> = rules.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut fp = Fingerprint::new();
    for r in sorted {
        fp.field("rule", &r.id)
            .field("pack", &r.pack)
            .field("pack-version", &r.pack_version)
            .field("category", r.category.as_str())
            .field("severity", r.severity.as_str())
            .field("message", &r.message)
            .field("why", &r.why)
            .set("scopes", r.scopes.iter().map(|s| s.as_str()))
            .set("platforms", &r.platforms)
            .set("exceptions", &r.exceptions)
            .field("enabled", [u8::from(r.enabled)]);
        match &r.context {
            Some(c) => c.fingerprint(fp.field("context", [1])),
            None => {
                fp.field("context", [0]);
            }
        }
        r.matcher.fingerprint(&mut fp);
    }
    fp.finish()
}
