//! The project config `tact.toml` (DESIGN §5): extra rule directories, bundled packs on or off,
//! default platform, author, disabled rules, severity overrides, publish settings, accounts.
//!
//! Searched in the current directory, then in the user config directory (`$XDG_CONFIG_HOME/
//! tact/tact.toml` on Linux, via `etcetera`). Unknown keys are errors with line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{RuleError, RuleErrors};
use crate::model::Severity;

/// `[publish]`: where cleared posts and the audit log go.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PublishConfig {
    /// Folder for cleared posts (relative to the config file's folder).
    pub outbox: PathBuf,
    /// The audit log, JSON Lines (relative to the config file's folder).
    pub audit_log: PathBuf,
    /// Least number of visible characters of a justification for overriding a blocking
    /// finding.
    pub min_justification: usize,
    /// The Ed25519 key file that signs audit records (relative to the config's folder);
    /// default: the user's own key, created on first use in the user config folder.
    pub signing_key: Option<PathBuf>,
    /// The allowed-signers file `verify` trusts (relative to the config's folder); default:
    /// `allowed-signers` in the user config folder (this installation's keys).
    pub allowed_signers: Option<PathBuf>,
    /// Principals (names in the allowed-signers file) who may approve an override.
    pub approvers: Vec<String>,
    /// `"block"`: an override of blocking findings needs an approver's signature;
    /// `"never"` (default): the officer's justification is enough.
    pub require_approval: RequireApproval,
}

/// When a second person must approve an override (`[publish] require-approval`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequireApproval {
    /// The officer's justification is enough.
    #[default]
    Never,
    /// Overriding a blocking finding needs an approver's signature.
    Block,
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig {
            outbox: "outbox".into(),
            audit_log: "audit.jsonl".into(),
            min_justification: 20,
            signing_key: None,
            allowed_signers: None,
            approvers: Vec::new(),
            require_approval: RequireApproval::Never,
        }
    }
}

/// `[[account]]`: an account the desk posts from.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Account {
    /// Display name, e.g. "Embassy (official)".
    pub name: String,
    /// Platform id.
    pub platform: String,
    /// Handle, e.g. `@EmbassyExample`.
    pub handle: String,
    /// `official` or `personal`.
    #[serde(default = "official")]
    pub kind: String,
}

fn official() -> String {
    "official".to_string()
}

fn yes() -> bool {
    true
}

/// The contents of `tact.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Extra rule directories, relative to the config file's folder.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Load the bundled packs (default true).
    #[serde(default = "yes")]
    pub builtin: bool,
    /// Default target platform id.
    #[serde(default)]
    pub platform: Option<String>,
    /// Author recorded in publish records.
    #[serde(default)]
    pub author: Option<String>,
    /// Rule ids (`pack/rule`) or whole pack ids to switch off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Per-rule severity overrides.
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<Severity>>,
    /// Publish settings.
    #[serde(default)]
    pub publish: PublishConfig,
    /// Accounts.
    #[serde(default, rename = "account")]
    pub accounts: Vec<Account>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Vec::new(),
            builtin: true,
            platform: None,
            author: None,
            disable: Vec::new(),
            severity: BTreeMap::new(),
            publish: PublishConfig::default(),
            accounts: Vec::new(),
        }
    }
}

/// A config with where it was read from (for relative paths and error positions).
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    /// The settings.
    pub config: Config,
    /// The file, if one was found.
    pub path: Option<PathBuf>,
    /// The file's text (for error snippets).
    pub source: Arc<str>,
}

impl LoadedConfig {
    /// The folder relative paths are resolved against (the config's folder, else `.`).
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// `path` resolved against [`LoadedConfig::base_dir`].
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base_dir().join(path)
        }
    }

    /// Display name of the file (`tact.toml` when none was found).
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "tact.toml".to_string(), |p| p.display().to_string())
    }
}

/// Where the config is looked for: `./tact.toml`, then the user config directory.
pub fn candidates() -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("tact.toml")];
    if let Ok(s) = etcetera::choose_base_strategy() {
        use etcetera::BaseStrategy;
        out.push(s.config_dir().join("tact").join("tact.toml"));
    }
    out
}

/// The keys serde accepts in a section of `tact.toml` (`""` is the top level), read from
/// its own "unknown field … expected one of …" message, so the list cannot fall behind
/// [`Config`].
fn known_keys(section: &str) -> Vec<String> {
    const PROBE: &str = "zz-not-a-key";
    let doc = match section {
        "" => format!("{PROBE} = 1\n"),
        "account" => format!("[[account]]\n{PROBE} = 1\n"),
        s => format!("[{s}]\n{PROBE} = 1\n"),
    };
    let Err(e) = toml::from_str::<Config>(&doc) else {
        return Vec::new();
    };
    let msg = e.message().to_string();
    let Some((_, expected)) = msg.split_once("expected one of ") else {
        return msg
            .split_once("expected `")
            .and_then(|(_, k)| k.split_once('`'))
            .map(|(k, _)| vec![k.to_string()])
            .unwrap_or_default();
    };
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Every unknown key of the config (at any level), each with the closest known key.
fn unknown_keys(name: &str, source: &Arc<str>) -> Vec<RuleError> {
    use toml::de::{DeTable, DeValue};
    let Ok(doc) = DeTable::parse(source) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut check = |table: &DeTable<'_>, section: &str| {
        let known = known_keys(section);
        for key in table.keys() {
            let k = key.get_ref().as_ref();
            if known.iter().any(|n| n == k) {
                continue;
            }
            let near = known
                .iter()
                .map(|n| (strsim::levenshtein(k, n), n.as_str()))
                .filter(|(d, _)| *d <= 3)
                .min()
                .map(|(_, n)| n);
            let place = if section.is_empty() {
                String::new()
            } else {
                format!(" in `[{section}]`")
            };
            let list = known.join("`, `");
            let help = match near {
                Some(n) => format!("did you mean `{n}`? The keys{place} are `{list}`"),
                None => format!(
                    "the keys{place} are `{list}`; see the README, section \"Configuration\""
                ),
            };
            let span = key.span();
            out.push(
                RuleError::at(
                    name,
                    source,
                    (span.start, span.end),
                    format!("unknown key `{k}`{place}"),
                )
                .with_help(help),
            );
        }
    };
    let top = doc.get_ref();
    check(top, "");
    for (key, value) in top.iter() {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("publish", DeValue::Table(t)) => check(t, "publish"),
            ("account", DeValue::Array(a)) => {
                for v in a.iter() {
                    if let DeValue::Table(t) = v.get_ref() {
                        check(t, "account");
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Reads `path` as a config.
///
/// # Errors
/// Unreadable file, TOML syntax (every error), unknown keys (every one, with the closest
/// key) and a wrong type, with line and column.
pub fn read(path: &Path) -> Result<LoadedConfig, RuleErrors> {
    let name = path.display().to_string();
    let one = |e: RuleError| RuleErrors(vec![e]);
    let bytes = std::fs::read(path).map_err(|e| {
        one(RuleError::unreadable(
            &name,
            format!("cannot read config: {e}"),
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let shown: Arc<str> = Arc::from(String::from_utf8_lossy(e.as_bytes()).as_ref());
        one(RuleError::at(
            &name,
            &shown,
            (at, at + 3),
            format!("not UTF-8 text: byte {at} is not a character in UTF-8"),
        )
        .with_help(
            "save the file as UTF-8 (in most editors: Save As… and choose the encoding UTF-8)",
        ))
    })?;
    let source: Arc<str> = Arc::from(text);
    let (_, syntax) = toml::de::DeTable::parse_recoverable(&source);
    let at = |e: &toml::de::Error, msg: String, help: &str| {
        let span = e.span().map(|r| (r.start, r.end)).unwrap_or((0, 0));
        RuleError::at(&name, &source, span, msg).with_help(help.to_string())
    };
    if !syntax.is_empty() {
        return Err(RuleErrors(
            syntax
                .iter()
                .map(|e| {
                    at(
                        e,
                        e.message().trim().to_string(),
                        "check the quotes, brackets, commas and `=` near here; see the README, section \"Configuration\"",
                    )
                })
                .collect(),
        ));
    }
    let mut unknown = unknown_keys(&name, &source);
    unknown.sort_by_key(|e| e.span);
    if !unknown.is_empty() {
        return Err(RuleErrors(unknown));
    }
    let config = toml::from_str::<Config>(&source).map_err(|e| {
        let (msg, _) = super::plain::plain_toml_error(e.message().trim());
        one(at(
            &e,
            msg,
            "text goes in quotes, numbers and true/false without, lists in [ ]; the README, section \"Configuration\", shows each key",
        ))
    })?;
    Ok(LoadedConfig {
        config,
        path: Some(path.to_path_buf()),
        source,
    })
}

/// Finds and reads the config (`explicit` if given, else the first of [`candidates`] that
/// exists). No file means the defaults.
///
/// # Errors
/// As [`read`]; an `explicit` path that does not exist is an error.
pub fn discover(explicit: Option<&Path>) -> Result<LoadedConfig, RuleErrors> {
    if let Some(p) = explicit {
        return read(p);
    }
    match candidates().into_iter().find(|p| p.is_file()) {
        Some(p) => read(&p),
        None => Ok(LoadedConfig::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::known_keys;

    #[test]
    fn the_known_keys_come_from_the_config_types() {
        assert!(known_keys("").iter().any(|k| k == "account"));
        assert!(known_keys("").iter().any(|k| k == "builtin"));
        assert!(
            known_keys("publish")
                .iter()
                .any(|k| k == "min-justification")
        );
        assert!(known_keys("account").iter().any(|k| k == "handle"));
        assert!(!known_keys("publish").iter().any(|k| k == "handle"));
    }
}
