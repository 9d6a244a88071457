//! Digests: hex text of digests (rule fingerprints, hashed term lists, audit records), and
//! [`Fingerprint`], a SHA-256 over an explicit serialisation of named values.

use sha2::{Digest, Sha256};

/// Lowercase hexadecimal of `bytes` (two characters per byte).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A SHA-256 over named values, each written as `name`, its byte length and its bytes, so
/// that no two different sequences of values hash alike and nothing depends on `Debug`
/// output or hash-set order. Sets are written sorted ([`Fingerprint::set`]).
#[derive(Clone, Default)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    /// An empty fingerprint.
    pub fn new() -> Fingerprint {
        Fingerprint::default()
    }

    fn bytes(&mut self, b: &[u8]) {
        self.0.update((b.len() as u64).to_le_bytes());
        self.0.update(b);
    }

    /// Writes one value under `name`.
    pub fn field(&mut self, name: &str, value: impl AsRef<[u8]>) -> &mut Fingerprint {
        self.bytes(name.as_bytes());
        self.bytes(value.as_ref());
        self
    }

    /// Writes an optional value (`None` and `Some("")` differ).
    pub fn opt(&mut self, name: &str, value: Option<impl AsRef<[u8]>>) -> &mut Fingerprint {
        match value {
            Some(v) => self.field(name, [1]).field(name, v),
            None => self.field(name, [0]),
        }
    }

    /// Writes a list under `name`, in the order given (its length first).
    pub fn list<I, S>(&mut self, name: &str, items: I) -> &mut Fingerprint
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let items: Vec<S> = items.into_iter().collect();
        self.field(name, (items.len() as u64).to_le_bytes());
        for i in &items {
            self.bytes(i.as_ref());
        }
        self
    }

    /// Writes a set under `name`: its members sorted (bytewise), so their order does not count.
    pub fn set<I, S>(&mut self, name: &str, items: I) -> &mut Fingerprint
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut items: Vec<Vec<u8>> = items.into_iter().map(|s| s.as_ref().to_vec()).collect();
        items.sort();
        self.list(name, items)
    }

    /// The SHA-256, as lowercase hex (64 characters).
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_ignore_order_lists_do_not() {
        let fp = |f: &dyn Fn(&mut Fingerprint)| {
            let mut x = Fingerprint::new();
            f(&mut x);
            x.finish()
        };
        assert_eq!(
            fp(&|x| {
                x.set("s", ["b", "a"]);
            }),
            fp(&|x| {
                x.set("s", ["a", "b"]);
            })
        );
        assert_ne!(
            fp(&|x| {
                x.list("s", ["b", "a"]);
            }),
            fp(&|x| {
                x.list("s", ["a", "b"]);
            })
        );
        // Values are length-prefixed: ("ab", "c") and ("a", "bc") differ.
        assert_ne!(
            fp(&|x| {
                x.field("k", "ab").field("k", "c");
            }),
            fp(&|x| {
                x.field("k", "a").field("k", "bc");
            })
        );
        assert_ne!(
            fp(&|x| {
                x.opt("k", None::<&str>);
            }),
            fp(&|x| {
                x.opt("k", Some(""));
            })
        );
        assert_eq!(fp(&|_| {}).len(), 64);
    }
}
