//! `kind = "links"`: links checked against lists of domains, offline. Each rule runs one
//! `check` on every URL of the post (twitter-text's URL extraction: with or without a scheme).
//!
//! **What it flags**, per `check`:
//! - `look-alike`: a host that imitates a listed (official) domain without being it or under
//!   it: the same letters once look-alikes are mapped (UTS #39 confusable skeleton, so
//!   Cyrillic `а` and punycode `xn--…` hosts are compared as they display), a hyphen for a
//!   dot (`mfa-gov.uz` for `mfa.gov.uz`), the official domain as extra subdomain labels
//!   (`mfa.gov.uz.example.com`), the same name under another ending (`auswaertiges-amt.info`),
//!   one letter changed in a long name, an official domain written before `@` (the part that
//!   is not the address), and a host whose labels mix scripts.
//! - `insecure`: `http://` to a listed domain (the official site has `https`).
//! - `shortener`: a host on the list of link shorteners (the destination is hidden).
//! - `deny`: a host on or under a listed domain (a desk's deny list).
//! - `allow-only`: a host that is on or under none of the listed domains.
//!
//! Lists come from `domains = [...]` and/or `domains-file = "lists/….txt"` (one domain a
//! line, `#` comments); the bundled pack's lists are embedded in the binary.
//!
//! **Message placeholders.** `{match}` (the link as written), `{domain}` (the registrable
//! domain it really points to, decoded from punycode; Public Suffix List via `psl`), `{host}`
//! (the whole host, decoded), `{imitates}` (the listed domain it imitates) and `{how}` (how).
//!
//! **Why.** A link is the fastest way to spread a forged statement; a press office must be able
//! to vouch for every link it posts (DESIGN §7; the "misinformation" risk).
//!
//! **Fix safety.** Advice only: the right address must be looked up, never guessed.

pub mod host;

use super::common::{read_terms_file, required, rule_error};
use super::{CompileCx, Kind, Matcher, RawMatch};
use crate::diag::{ErrorKind, RuleError};
use crate::model::Scope;
use crate::schema::rule::{RuleDef, RuleKind};
use crate::schema::{LayeredRule, RuleSource};
use host::{Host, key, name_part};

/// Which check a `links` rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkCheck {
    /// A host that imitates a listed domain.
    LookAlike,
    /// `http://` to a listed domain.
    Insecure,
    /// A host on the list of link shorteners.
    Shortener,
    /// A host on or under a listed domain.
    Deny,
    /// A host on or under none of the listed domains.
    AllowOnly,
}

impl LinkCheck {
    /// Every check with its rule-file name.
    pub const ALL: [(LinkCheck, &'static str); 5] = [
        (LinkCheck::LookAlike, "look-alike"),
        (LinkCheck::Insecure, "insecure"),
        (LinkCheck::Shortener, "shortener"),
        (LinkCheck::Deny, "deny"),
        (LinkCheck::AllowOnly, "allow-only"),
    ];

    /// The check named `name`.
    pub fn parse(name: &str) -> Option<LinkCheck> {
        LinkCheck::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
    }
}

/// The bundled lists, by the path the bundled pack gives in `domains-file`.
pub fn bundled_list(path: &str) -> Option<&'static str> {
    match path {
        "lists/official-domains.txt" => {
            Some(include_str!("../../../rules/lists/official-domains.txt"))
        }
        "lists/shorteners.txt" => Some(include_str!("../../../rules/lists/shorteners.txt")),
        "lists/deny-domains.txt" => Some(include_str!("../../../rules/lists/deny-domains.txt")),
        _ => None,
    }
}

/// The entries of a list file's text: one per line, `#` comments and blank lines skipped.
pub fn list_entries(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_once('#').map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// One listed domain, in ASCII, with its look-alike keys.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    ascii: String,
    /// `ascii` between dots (`.mfa.gov.uz.`), to find it among a host's labels.
    dotted: String,
    key: String,
    /// `key`'s length in chars.
    key_chars: usize,
    name_key: String,
    /// `name_key`'s length in chars.
    name_key_chars: usize,
}

/// A compiled `links` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksMatcher {
    /// The check it runs.
    pub check: LinkCheck,
    listed: Vec<Listed>,
}

impl LinksMatcher {
    /// Compiles a rule's check and domains.
    ///
    /// # Errors
    /// No domains, or a domain that is not a host name, with the entry named.
    pub fn new(check: LinkCheck, domains: &[String]) -> Result<LinksMatcher, String> {
        if domains.is_empty() {
            return Err("no domains: add `domains = [...]` or a `domains-file`".into());
        }
        let mut listed = Vec::new();
        for d in domains {
            let d = d.trim().trim_end_matches('.').to_lowercase();
            let bad = d.is_empty() || d.contains(['/', ' ', ':', '@']) || !d.contains('.');
            let ascii = idna::domain_to_ascii(&d)
                .ok()
                .filter(|_| !bad)
                .ok_or_else(|| {
                    format!("`{d}` is not a domain: write a host name such as `mfa.gov.uz`")
                })?;
            let unicode = idna::domain_to_unicode(&ascii).0;
            let reg = psl::domain_str(&ascii).unwrap_or(&ascii).to_string();
            let (key, name_key) = (key(&unicode), key(name_part(&reg)));
            listed.push(Listed {
                dotted: format!(".{ascii}."),
                key_chars: key.chars().count(),
                name_key_chars: name_key.chars().count(),
                key,
                name_key,
                ascii,
            });
        }
        Ok(LinksMatcher { check, listed })
    }

    /// The message for a flagged link `matched`, placeholders filled.
    pub fn message_for(&self, template: &str, matched: &str) -> String {
        let visible = crate::text::visible(matched);
        let Some(h) = Host::parse(matched) else {
            return template.replace("{match}", &visible);
        };
        let (imitates, how) = self.verdict(&h).unwrap_or_default();
        template
            .replace("{match}", &visible)
            .replace("{domain}", &shown_domain(&h))
            .replace("{host}", &h.unicode)
            .replace("{imitates}", &imitates)
            .replace("{how}", &how)
    }

    fn under_any(&self, h: &Host) -> Option<&Listed> {
        self.listed.iter().find(|l| h.is_under(&l.ascii))
    }

    /// `Some((listed domain, how))` when the check flags `h`.
    fn verdict(&self, h: &Host) -> Option<(String, String)> {
        match self.check {
            LinkCheck::LookAlike => self.imitation(h),
            LinkCheck::Insecure => (h.scheme.as_deref() == Some("http"))
                .then(|| self.under_any(h))
                .flatten()
                .map(|l| (l.ascii.clone(), "plain http".into())),
            LinkCheck::Shortener | LinkCheck::Deny => self
                .under_any(h)
                .map(|l| (l.ascii.clone(), "listed".into())),
            LinkCheck::AllowOnly => match self.under_any(h) {
                Some(_) => None,
                None => Some((String::new(), "not on the allow list".into())),
            },
        }
    }

    fn imitation(&self, h: &Host) -> Option<(String, String)> {
        if let Some(user) = &h.userinfo {
            let user = user.to_lowercase();
            if let Some(l) = self.listed.iter().find(|l| user.contains(&l.ascii)) {
                return Some((
                    l.ascii.clone(),
                    "the official name comes before `@`, which browsers skip".into(),
                ));
            }
        }
        if self.under_any(h).is_some() {
            return None;
        }
        let host_key = key(h.unicode.strip_prefix("www.").unwrap_or(&h.unicode));
        let name_key = key(&decode_name(name_part(&h.domain_ascii)));
        let dotted = format!(".{}.", h.ascii);
        let letters = if h.has_punycode() || h.mixes_scripts() {
            "look-alike letters".to_string()
        } else {
            "the same letters with dots or hyphens moved".to_string()
        };
        for l in &self.listed {
            if dotted.contains(&l.dotted) {
                return Some((
                    l.ascii.clone(),
                    "the official name used as extra labels".into(),
                ));
            }
            if host_key == l.key {
                return Some((l.ascii.clone(), letters));
            }
            if name_key == l.key || (l.name_key_chars >= 6 && name_key == l.name_key) {
                return Some((l.ascii.clone(), "the same name under another ending".into()));
            }
        }
        // The distance is at least the difference in length: only keys within one char of the
        // host's are compared.
        let host_chars = host_key.chars().count();
        for l in &self.listed {
            if l.key_chars >= 9
                && l.key_chars.abs_diff(host_chars) <= 1
                && strsim::damerau_levenshtein(&host_key, &l.key) == 1
            {
                return Some((l.ascii.clone(), "one letter changed".into()));
            }
        }
        h.mixes_scripts().then(|| {
            let latin: String = unicode_security::skeleton(&h.unicode).collect();
            (latin, letters)
        })
    }
}

/// The registrable domain as a reader sees it, with its ASCII form when that differs
/// (`mfа.uz (xn--mf-8kc.uz)`).
fn shown_domain(h: &Host) -> String {
    if h.domain == h.domain_ascii {
        h.domain.clone()
    } else {
        format!("{} ({})", h.domain, h.domain_ascii)
    }
}

fn decode_name(ascii: &str) -> String {
    idna::domain_to_unicode(ascii).0
}

impl super::KindMatcher for LinksMatcher {
    fn kind_name(&self) -> &'static str {
        "links"
    }

    /// Pushes a match for each URL entity of `text` this check flags.
    fn find(
        &self,
        rule: usize,
        text: &str,
        scratch: &super::filter::Scratch<'_>,
        _opts: &super::CheckOptions,
        out: &mut Vec<RawMatch>,
    ) {
        let entities = &scratch.entities;
        for e in entities.iter().filter(|e| e.scope == Scope::Url) {
            let Some(h) = Host::parse(&text[e.start..e.end]) else {
                continue;
            };
            if self.verdict(&h).is_some() {
                out.push(RawMatch {
                    rule,
                    start: e.start,
                    end: e.end,
                    entry: 0,
                });
            }
        }
    }

    fn message(&self, template: &str, _m: &RawMatch, matched: &str, _platform: &str) -> String {
        self.message_for(template, matched)
    }

    /// Writes the check and the listed domains (a set: order does not matter) into a rule
    /// fingerprint.
    fn fingerprint(&self, fp: &mut crate::model::Fingerprint) {
        let name = LinkCheck::ALL
            .iter()
            .find(|(c, _)| *c == self.check)
            .map_or("", |(_, n)| n);
        fp.field("check", name)
            .set("domains", self.listed.iter().map(|l| &l.ascii));
    }
}

/// `kind = "links"` in the registry.
pub(crate) const KIND: Kind = Kind {
    kind: RuleKind::Links,
    validate,
    compile,
    placeholders: &["match", "domain", "host", "imitates", "how"],
};

/// Checks the `check` name of one layer, at the key.
fn validate(src: &RuleSource, def: &RuleDef, errors: &mut Vec<RuleError>) {
    let Some(c) = &def.check else {
        return;
    };
    if LinkCheck::parse(c.get_ref()).is_none() {
        let names: Vec<&str> = LinkCheck::ALL.iter().map(|(_, n)| *n).collect();
        errors.push(
            RuleError::at(
                &src.name,
                &src.text,
                (c.span().start, c.span().end),
                format!("unknown links check `{}`", c.get_ref()),
            )
            .with_help(format!("use one of: {}", names.join(", "))),
        );
    }
}

/// Compiles a `links` rule: its check and its domains (inline and from `domains-file`).
///
/// # Errors
/// A missing or unknown `check`, no domains, a domain that is not a host name, or an unreadable
/// list.
fn compile(r: &LayeredRule, _: &CompileCx<'_>) -> Result<Matcher, RuleError> {
    let d = &r.def;
    let name = required(r, &d.check, "check")?;
    let check = LinkCheck::parse(name).ok_or_else(|| {
        rule_error(r, format!("unknown links check `{name}`")).with_kind(ErrorKind::Repeat)
    })?;
    let mut domains: Vec<String> = d
        .domains
        .iter()
        .flatten()
        .map(|s| s.get_ref().clone())
        .collect();
    if let Some(f) = &d.domains_file {
        domains.extend(read_list(r, f.get_ref())?);
    }
    LinksMatcher::new(check, &domains)
        .map(Matcher::Links)
        .map_err(|m| rule_error(r, m))
}

/// A `domains-file`: the file next to the rule (the latest rule folder that has it), else the
/// bundled list of that name (a staff layer that extends a bundled rule keeps its list).
fn read_list(r: &LayeredRule, rel: &str) -> Result<Vec<String>, RuleError> {
    let in_dir = r
        .origins
        .iter()
        .rev()
        .find_map(|o| o.dir.as_deref())
        .is_some_and(|d| d.join(rel).is_file());
    match bundled_list(rel) {
        Some(text) if !in_dir => Ok(list_entries(text)),
        _ => read_terms_file(r, rel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(check: LinkCheck, d: &[&str]) -> LinksMatcher {
        LinksMatcher::new(check, &d.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn how(m: &LinksMatcher, url: &str) -> Option<String> {
        m.verdict(&Host::parse(url).unwrap()).map(|(_, h)| h)
    }

    #[test]
    fn look_alikes_of_a_listed_domain() {
        let o = m(
            LinkCheck::LookAlike,
            &["mfa.gov.uz", "auswaertiges-amt.de", "state.gov"],
        );
        let cyr = idna::domain_to_ascii("mfа.gov.uz").unwrap();
        for url in [
            "https://mfa-gov.uz/news".to_string(),
            "https://mfa.gov.uz.example.com/".to_string(),
            format!("https://{cyr}/"),
            "https://auswaertiges-amt.info/".to_string(),
            "https://state-gov.com/x".to_string(),
            "https://auswaertigess-amt.de/".to_string(),
            "https://mfa.gov.uz@evil.example/".to_string(),
        ] {
            assert!(how(&o, &url).is_some(), "{url}");
        }
        for url in [
            "https://mfa.gov.uz/news",
            "https://www.state.gov/",
            "https://nytimes.com/",
            "https://bbc.co.uk/",
        ] {
            assert_eq!(how(&o, url), None, "{url}");
        }
        let msg = o.message_for(
            "{match} → {domain} ({how}; {imitates})",
            "https://mfa-gov.uz/news",
        );
        assert!(
            msg.contains("→ mfa-gov.uz (") && msg.contains("mfa.gov.uz)"),
            "{msg}"
        );
    }

    #[test]
    fn insecure_shortener_deny_and_allow_only() {
        assert!(
            how(
                &m(LinkCheck::Insecure, &["state.gov"]),
                "http://www.state.gov/"
            )
            .is_some()
        );
        assert!(
            how(
                &m(LinkCheck::Insecure, &["state.gov"]),
                "https://www.state.gov/"
            )
            .is_none()
        );
        assert!(how(&m(LinkCheck::Shortener, &["bit.ly"]), "https://bit.ly/x").is_some());
        assert!(how(&m(LinkCheck::Deny, &["rt.com"]), "https://www.rt.com/a").is_some());
        assert!(how(&m(LinkCheck::Deny, &["rt.com"]), "https://art.com/a").is_none());
        let only = m(LinkCheck::AllowOnly, &["gov.uz"]);
        assert!(how(&only, "https://mfa.gov.uz/").is_none());
        assert!(how(&only, "https://example.com/").is_some());
        assert!(LinksMatcher::new(LinkCheck::Deny, &[]).is_err());
        assert!(LinksMatcher::new(LinkCheck::Deny, &["https://x.com/".into()]).is_err());
    }
}
