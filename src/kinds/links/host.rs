//! The host of a link: parsed from the URL as written, decoded from punycode, with its
//! registrable domain (Public Suffix List, `psl` crate) and a look-alike key.

use unicode_security::MixedScript;

/// What a link really points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    /// The scheme as written, lower case (`https`), if any.
    pub scheme: Option<String>,
    /// Whether the URL had user information before the host (`https://gov.uk@evil.example`).
    pub userinfo: Option<String>,
    /// The host in ASCII (punycode), lower case, without a trailing dot.
    pub ascii: String,
    /// The host decoded to Unicode (what a reader sees).
    pub unicode: String,
    /// The registrable domain (the public suffix and one label before it), decoded; the whole
    /// host when the suffix list has no rule for it.
    pub domain: String,
    /// The registrable domain in ASCII.
    pub domain_ascii: String,
}

impl Host {
    /// Parses the host of `url` (as found in a post: with or without a scheme).
    ///
    /// Returns `None` when there is no host (an empty authority).
    pub fn parse(url: &str) -> Option<Host> {
        let (scheme, rest) = match url.find("://") {
            Some(i) => (Some(url[..i].to_ascii_lowercase()), &url[i + 3..]),
            None => (None, url),
        };
        let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(authority[..i].to_string()), &authority[i + 1..]),
            None => (None, authority),
        };
        let host = match hostport.rfind(':') {
            Some(i) if hostport[i + 1..].chars().all(|c| c.is_ascii_digit()) => &hostport[..i],
            _ => hostport,
        };
        let host = host.trim_end_matches('.').to_lowercase();
        if host.is_empty() {
            return None;
        }
        let ascii = idna::domain_to_ascii(&host).unwrap_or_else(|_| host.clone());
        let unicode = decode(&ascii);
        let domain_ascii = psl::domain_str(&ascii).unwrap_or(&ascii).to_string();
        let domain = decode(&domain_ascii);
        Some(Host {
            scheme,
            userinfo,
            ascii,
            unicode,
            domain,
            domain_ascii,
        })
    }

    /// Whether the host is `domain` or a host under it (`a.gov.uk` under `gov.uk`).
    pub fn is_under(&self, domain: &str) -> bool {
        self.ascii == domain
            || (self.ascii.len() > domain.len()
                && self.ascii.ends_with(domain)
                && self.ascii.as_bytes()[self.ascii.len() - domain.len() - 1] == b'.')
    }

    /// Whether any label is punycode (`xn--`).
    pub fn has_punycode(&self) -> bool {
        self.ascii.split('.').any(|l| l.starts_with("xn--"))
    }

    /// Whether a label of the decoded host mixes scripts (Latin with Cyrillic look-alikes…).
    pub fn mixes_scripts(&self) -> bool {
        self.unicode
            .split('.')
            .any(|l| !l.is_ascii() && !l.is_single_script())
    }
}

/// Decodes punycode labels for display (`xn--mfa-...` → Unicode); undecodable labels stay.
fn decode(ascii: &str) -> String {
    let (s, _) = idna::domain_to_unicode(ascii);
    s
}

/// The look-alike key of a host or domain: Unicode confusable skeleton (UTS #39), lower case,
/// with dots, hyphens and underscores removed, so `mfa-gov.uz`, `mfa.gov.uz` and `mfа.gov.uz`
/// (Cyrillic а) have the same key.
pub fn key(host_unicode: &str) -> String {
    let lower = host_unicode.to_lowercase();
    unicode_security::skeleton(&lower)
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '.' | '-' | '_'))
        .collect()
}

/// `domain` without its public suffix (`state` for `state.gov`, `mfa` for `mfa.gov.uz`'s
/// registrable `gov.uz`… the label before the suffix).
pub fn name_part(domain_ascii: &str) -> &str {
    match psl::suffix_str(domain_ascii) {
        Some(sfx) if domain_ascii.len() > sfx.len() => {
            domain_ascii[..domain_ascii.len() - sfx.len()].trim_end_matches('.')
        }
        _ => domain_ascii,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scheme_userinfo_port_and_registrable_domain() {
        let h = Host::parse("https://user@mfa.gov.uz.example.com:8443/news?x=1").unwrap();
        assert_eq!(h.scheme.as_deref(), Some("https"));
        assert_eq!(h.userinfo.as_deref(), Some("user"));
        assert_eq!(h.ascii, "mfa.gov.uz.example.com");
        assert_eq!(h.domain, "example.com");
        let bare = Host::parse("www.bbc.co.uk/news").unwrap();
        assert_eq!(bare.scheme, None);
        assert_eq!(bare.domain, "bbc.co.uk");
    }

    #[test]
    fn punycode_is_decoded_and_look_alikes_share_a_key() {
        let ascii = idna::domain_to_ascii("mfа.gov.uz").unwrap();
        let h = Host::parse(&format!("https://{ascii}/")).unwrap();
        assert!(h.has_punycode());
        assert_eq!(h.unicode, "mfа.gov.uz");
        assert!(h.mixes_scripts());
        assert_eq!(key(&h.unicode), key("mfa.gov.uz"));
        assert_eq!(key("mfa-gov.uz"), key("mfa.gov.uz"));
        assert_ne!(key("mfa.gov.us"), key("mfa.gov.uz"));
    }

    #[test]
    fn under_means_the_domain_or_a_subdomain() {
        let h = Host::parse("https://www.gov.uk/fcdo").unwrap();
        assert!(h.is_under("gov.uk"));
        assert!(!h.is_under("v.uk"));
        assert_eq!(name_part("state.gov"), "state");
        assert_eq!(name_part("bbc.co.uk"), "bbc");
    }
}
