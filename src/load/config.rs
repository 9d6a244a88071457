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

use crate::diag::RuleError;
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

/// Reads `path` as a config.
///
/// # Errors
/// Unreadable file, TOML syntax, unknown keys and wrong types, with line and column.
pub fn read(path: &Path) -> Result<LoadedConfig, RuleError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| RuleError::file(&name, format!("cannot read config: {e}")))?;
    let source: Arc<str> = Arc::from(text);
    let config = toml::from_str::<Config>(&source).map_err(|e| {
        let span = e.span().map(|r| (r.start, r.end)).unwrap_or((0, 0));
        RuleError::at(&name, &source, span, e.message().trim().to_string())
            .with_help("see the README, section \"Configuration\"")
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
pub fn discover(explicit: Option<&Path>) -> Result<LoadedConfig, RuleError> {
    if let Some(p) = explicit {
        return read(p);
    }
    match candidates().into_iter().find(|p| p.is_file()) {
        Some(p) => read(&p),
        None => Ok(LoadedConfig::default()),
    }
}
