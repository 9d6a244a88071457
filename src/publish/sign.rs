//! Signing keys and allowed signers for the audit log (DESIGN §12).
//!
//! Each record is signed with Ed25519 (RFC 8032, via `ed25519-dalek`). The key file is
//! tact's own small text format:
//!
//! ```text
//! # tact signing key (Ed25519). Anyone holding this file can sign as you.
//! tact-ed25519-secret <64 hex digits: the 32-byte secret seed>
//! ```
//!
//! Unless `tact.toml` names one (`[publish] signing-key`), the key lives in the user config
//! folder (`$XDG_CONFIG_HOME/tact/signing-key` on Linux), created on first use with mode
//! 0600, and its public half is added to the allowed-signers file beside it
//! (`…/tact/allowed-signers`). That file, or the one named by `[publish] allowed-signers`,
//! lists who may sign, one signer a line (`#` starts a comment):
//!
//! ```text
//! <principal, e.g. Jane Doe> tact-ed25519 <64 hex digits: the 32-byte public key>
//! ```

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::PublishError;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

/// The key-type word in key files and allowed-signers lines.
pub const KEY_TYPE: &str = "tact-ed25519";
const SECRET_WORD: &str = "tact-ed25519-secret";

/// Where the signing key and the allowed signers are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// The signing key file.
    pub key: PathBuf,
    /// Whether `key` may be created when missing (the default key; a key named in
    /// `tact.toml` must exist).
    pub create: bool,
    /// The allowed-signers file.
    pub allowed_signers: PathBuf,
    /// The name written into `allowed_signers` for a newly created key.
    pub principal: String,
}

/// The user config folder of tact (`$XDG_CONFIG_HOME/tact` on Linux), if there is a home.
pub fn user_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let s = etcetera::choose_base_strategy().ok()?;
    Some(s.config_dir().join("tact"))
}

/// The name for a new key: `author`, else `$USER`/`$USERNAME`, else "tact user".
pub fn default_principal(author: Option<&str>) -> String {
    author
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "tact user".to_string())
}

/// A warning when the existing signing key of `keys` is listed under another name than
/// `author` in the allowed-signers file (a key created before `author` was set keeps the
/// name it got then, e.g. "tact user"), so that `tact audit verify` would name someone
/// else. `None` when there is no author, no key yet (it will be created with `author`), or
/// the names agree; unreadable files are reported when signing, not here.
pub fn name_mismatch(keys: &Keys, author: Option<&str>) -> Option<String> {
    let author = author?.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = parse_secret(&fs::read_to_string(&keys.key).ok()?).ok()?;
    let signers = Signers::read(&keys.allowed_signers).ok()?;
    let listed = signers.principal(&public_hex(&key.verifying_key()))?;
    (listed != author).then(|| {
        format!(
            "your signing key is listed as `{listed}` in {}, but tact.toml's author is `{author}`: change the name on that line so the audit log names you",
            keys.allowed_signers.display()
        )
    })
}

/// Lowercase hex of a public key (as in allowed-signers lines and records).
pub fn public_hex(key: &VerifyingKey) -> String {
    hex::encode(key.to_bytes())
}

/// Signs `message` (tact signs `<domain>:<hash hex>` strings); lowercase hex signature.
pub fn sign_hex(key: &SigningKey, message: &str) -> String {
    hex::encode(key.sign(message.as_bytes()).to_bytes())
}

/// Whether `sig_hex` is a valid signature of `message` by the public key `signer_hex`
/// (strict RFC 8032 verification: no malleable signatures, no weak keys).
pub fn verify_hex(signer_hex: &str, message: &str, sig_hex: &str) -> Result<(), String> {
    let key = parse_public(signer_hex)?;
    let bytes: [u8; 64] = hex::decode(sig_hex)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("the signature is not 128 hex digits")?;
    key.verify_strict(message.as_bytes(), &Signature::from_bytes(&bytes))
        .map_err(|_| "the signature does not match the record (rewritten after signing?)".into())
}

fn parse_public(hex_key: &str) -> Result<VerifyingKey, String> {
    let bytes: [u8; 32] = hex::decode(hex_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("the public key is not 64 hex digits")?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| "not a valid Ed25519 public key".to_string())
}

/// Reads the signing key of `keys`, creating it (and its allowed-signers line) when it is the
/// default key and missing.
///
/// # Errors
/// The file cannot be read or created, or is not a tact key file (the message names the
/// path and what to do).
pub fn load_or_create(keys: &Keys) -> Result<SigningKey, PublishError> {
    match fs::read_to_string(&keys.key) {
        Ok(text) => parse_secret(&text).map_err(|why| PublishError::invalid(&keys.key, why)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && keys.create => create(keys),
        Err(cause) => Err(PublishError::Key {
            path: keys.key.clone(),
            cause,
        }),
    }
}

/// The name `key` is listed under in the allowed signers of `keys`: records it signs verify.
///
/// # Errors
/// The allowed-signers file cannot be read, or does not list the key: every record signed
/// with it would then fail `tact audit verify`, so nothing is signed (the message gives the
/// line to add).
pub fn allowed(keys: &Keys, key: &SigningKey) -> Result<String, PublishError> {
    let public = public_hex(&key.verifying_key());
    let signers = Signers::read(&keys.allowed_signers)?;
    signers.principal(&public).map(str::to_string).ok_or_else(|| {
        PublishError::invalid(
            &keys.allowed_signers,
            format!(
                "your signing key is not in these allowed signers, so `tact audit verify` would reject what it signs: add the line `{} {KEY_TYPE} {public}` there (or ask whoever keeps the file)",
                keys.principal
            ),
        )
    })
}

/// The key of a key file's text, or what is wrong with it.
fn parse_secret(text: &str) -> Result<SigningKey, String> {
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some(rest) = line.strip_prefix(SECRET_WORD) else {
            return Err(format!(
                "not a tact signing key: expected a line `{SECRET_WORD} <64 hex digits>`"
            ));
        };
        let bytes: [u8; 32] = hex::decode(rest.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("the secret key is not 64 hex digits")?;
        return Ok(SigningKey::from_bytes(&bytes));
    }
    Err("the key file is empty".into())
}

/// Creates a new key at `keys.key` (mode 0600, folder 0700) and adds its public half to the
/// allowed-signers file. The key is written and fsynced to a temporary file beside it, then
/// linked into place only if no key is there yet: a file at `keys.key` is always a complete
/// key, and when two first-time signers race, one key wins and both use it (the loser reads
/// the winner's key; only the winner adds an allowed-signers line).
fn create(keys: &Keys) -> Result<SigningKey, PublishError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| PublishError::Randomness(e.to_string()))?;
    let key = SigningKey::from_bytes(&seed);
    let dir = match keys.key.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => {
            create_private_dir(dir)?;
            dir
        }
        None => Path::new("."),
    };
    let text = format!(
        "# tact signing key (Ed25519). Anyone holding this file can sign as you.\n{SECRET_WORD} {}\n",
        hex::encode(seed)
    );
    let mut tmp = private_temp(dir)?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(PublishError::io("write", &keys.key))?;
    match tmp.persist_noclobber(&keys.key) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            // Another tact made the key first: use that one.
            let text = fs::read_to_string(&keys.key).map_err(|cause| PublishError::Key {
                path: keys.key.clone(),
                cause,
            })?;
            return parse_secret(&text).map_err(|why| PublishError::invalid(&keys.key, why));
        }
        Err(e) => {
            return Err(PublishError::io("create the signing key", &keys.key)(
                e.error,
            ));
        }
    }
    add_signer(&keys.allowed_signers, &keys.principal, &key.verifying_key())?;
    Ok(key)
}

fn create_private_dir(dir: &Path) -> Result<(), PublishError> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(PublishError::io("create", dir))
}

/// A new temporary file in `dir`, mode 0600, removed when dropped unless persisted.
fn private_temp(dir: &Path) -> Result<tempfile::NamedTempFile, PublishError> {
    let mut b = tempfile::Builder::new();
    b.prefix(".tact-key-");
    #[cfg(unix)]
    b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    b.tempfile_in(dir)
        .map_err(PublishError::io("create the signing key in", dir))
}

/// Appends `principal tact-ed25519 <key>` to the allowed-signers file `path`.
///
/// # Errors
/// The file cannot be written; the message names it.
pub fn add_signer(path: &Path, principal: &str, key: &VerifyingKey) -> Result<(), PublishError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(PublishError::io("create", dir))?;
    }
    let mut f = fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(PublishError::io("open", path))?;
    // One write of the whole line (the file is opened to append, so lines never interleave).
    let line = format!("{principal} {KEY_TYPE} {}\n", public_hex(key));
    f.write_all(line.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(PublishError::io("write", path))
}

/// The allowed signers: `(principal, public key hex)` in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signers(pub Vec<(String, String)>);

impl Signers {
    /// The principal of the public key `hex`, if allowed.
    pub fn principal(&self, hex: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(_, k)| k.eq_ignore_ascii_case(hex))
            .map(|(p, _)| p.as_str())
    }

    /// Parses an allowed-signers file's text (`<principal> tact-ed25519 <hex>` a line).
    ///
    /// # Errors
    /// A malformed line, by 1-based line number.
    pub fn parse(text: &str) -> Result<Signers, String> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.rsplitn(3, char::is_whitespace);
            let (key, kind, who) = (parts.next(), parts.next(), parts.next());
            match (key, kind, who) {
                (Some(k), Some(KEY_TYPE), Some(who)) if parse_public(k).is_ok() => {
                    out.push((who.trim().to_string(), k.to_ascii_lowercase()));
                }
                _ => {
                    return Err(format!(
                        "line {}: expected `<name> {KEY_TYPE} <64 hex digits>`",
                        i + 1
                    ));
                }
            }
        }
        Ok(Signers(out))
    }

    /// Reads the allowed-signers file `path`; a missing file is an empty list.
    ///
    /// # Errors
    /// The file cannot be read or has a malformed line; the message names it.
    pub fn read(path: &Path) -> Result<Signers, PublishError> {
        match fs::read_to_string(path) {
            Ok(t) => Signers::parse(&t).map_err(|e| PublishError::invalid(path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Signers::default()),
            Err(e) => Err(PublishError::io("read", path)(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_named_before_the_author_was_set_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys {
            key: dir.path().join("signing-key"),
            create: true,
            allowed_signers: dir.path().join("allowed-signers"),
            principal: "tact user".into(),
        };
        // No key yet: it will be created with the author's name.
        assert_eq!(name_mismatch(&keys, Some("Jane Doe")), None);
        load_or_create(&keys).unwrap();
        let w = name_mismatch(&keys, Some("Jane  Doe")).unwrap();
        assert!(w.contains("`tact user`") && w.contains("`Jane Doe`"), "{w}");
        assert_eq!(name_mismatch(&keys, Some("tact user")), None);
        assert_eq!(name_mismatch(&keys, None), None);
    }

    #[test]
    fn a_new_key_is_private_allowed_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys {
            key: dir.path().join("cfg/signing-key"),
            create: true,
            allowed_signers: dir.path().join("cfg/allowed-signers"),
            principal: "Jane Doe".into(),
        };
        let k1 = load_or_create(&keys).unwrap();
        let k2 = load_or_create(&keys).unwrap();
        assert_eq!(k1.to_bytes(), k2.to_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&keys.key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let signers = Signers::read(&keys.allowed_signers).unwrap();
        let pk = public_hex(&k1.verifying_key());
        assert_eq!(signers.principal(&pk), Some("Jane Doe"));
        let sig = sign_hex(&k1, "m");
        assert!(verify_hex(&pk, "m", &sig).is_ok());
        assert!(verify_hex(&pk, "n", &sig).is_err());
    }

    #[test]
    fn first_time_signers_racing_make_one_key_and_one_signer_line() {
        for round in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let keys = Keys {
                key: dir.path().join("cfg/tact/signing-key"),
                create: true,
                allowed_signers: dir.path().join("cfg/tact/allowed-signers"),
                principal: "Jane Doe".into(),
            };
            let barrier = std::sync::Barrier::new(8);
            let got: Vec<[u8; 32]> = std::thread::scope(|sc| {
                let hs: Vec<_> = (0..8)
                    .map(|_| {
                        sc.spawn(|| {
                            barrier.wait();
                            load_or_create(&keys).unwrap().to_bytes()
                        })
                    })
                    .collect();
                hs.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let on_disk = load_or_create(&keys).unwrap().to_bytes();
            assert!(got.iter().all(|k| *k == on_disk), "round {round}: two keys");
            let signers = Signers::read(&keys.allowed_signers).unwrap();
            let pk = public_hex(&SigningKey::from_bytes(&on_disk).verifying_key());
            assert_eq!(
                signers.0,
                vec![("Jane Doe".to_string(), pk)],
                "round {round}"
            );
            // No temporary key file is left beside the key.
            let names: Vec<_> = fs::read_dir(dir.path().join("cfg/tact"))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            assert_eq!(names.len(), 2, "round {round}: {names:?}");
        }
    }

    #[test]
    fn a_named_key_must_exist_and_bad_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys {
            key: dir.path().join("none"),
            create: false,
            allowed_signers: dir.path().join("a"),
            principal: "x".into(),
        };
        let e = format!("{:#}", load_or_create(&keys).unwrap_err());
        assert!(e.contains("cannot read the signing key"), "{e}");
        fs::write(dir.path().join("none"), "ssh-ed25519 AAAA\n").unwrap();
        let e = format!("{:#}", load_or_create(&keys).unwrap_err());
        assert!(e.contains("not a tact signing key"), "{e}");
        assert!(
            Signers::parse("bob tact-ed25519 zz")
                .unwrap_err()
                .contains("line 1")
        );
    }
}
