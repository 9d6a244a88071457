//! Command-line definitions (clap). See DESIGN §10 and the README.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks a diplomatic social-media post before it is published.
///
/// Without a command, opens the drafting editor (on FILE, or a new draft).
#[derive(Debug, Parser)]
#[command(name = "tact", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A post to open in the editor (created on first save if it does not exist).
    pub file: Option<PathBuf>,

    /// A directory of rule packs (*.toml) that extends the bundled packs. Repeatable; later
    /// directories extend earlier ones.
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub rules: Vec<PathBuf>,

    /// The config file (default: ./tact.toml, then the user config directory).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Do not load the bundled rule packs.
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Target platform id (x, bluesky, mastodon, threads, linkedin, facebook, telegram,
    /// instagram). Default: x.
    #[arg(long, value_name = "ID", global = true)]
    pub platform: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, stdin (`-`) or JSON Lines archives and report findings.
    Check(CheckArgs),
    /// Work with rule packs: test, check, list, hash-list, impact, eval.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Show the effective configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Explain a rule: why, severity, examples, source file and line.
    Explain {
        /// Full rule id, e.g. `terms/kyiv`.
        rule_id: String,
    },
    /// Work with the audit log of cleared posts.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and every signature; say who signed each record. Exit 0 when
    /// every record is intact and signed by an allowed signer, 1 naming the first bad line
    /// (or when records are unsigned legacy ones).
    Verify {
        /// The log (default: `[publish] audit-log` from tact.toml).
        log: Option<PathBuf>,
        /// A checkpoint printed earlier by `tact audit head` (SEQ:HASH): records removed
        /// from the end or rewritten before it are detected.
        #[arg(long, value_name = "CHECKPOINT")]
        head: Option<String>,
    },
    /// Print a short checkpoint of the log's last record (SEQ:HASH) to keep elsewhere.
    Head {
        /// The log (default: `[publish] audit-log` from tact.toml).
        log: Option<PathBuf>,
    },
    /// Show the override requests waiting for an approver, and sign them on `y`.
    Approve {
        /// One request file (default: every pending request in `approvals/` beside the log).
        request: Option<PathBuf>,
        /// Approve without asking (for scripts; the approver still signs with their key).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; `-` (or nothing, when stdin is not a terminal) reads stdin.
    #[arg(value_name = "FILE|-")]
    pub inputs: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Treat each input as JSON Lines and check the string field FIELD of every record.
    #[arg(long, value_name = "FIELD")]
    pub jsonl: Option<String>,

    /// Exit 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Block)]
    pub fail_on: FailOn,

    /// The time of clearing that embargo lines are compared with, as RFC 3339
    /// (`2026-12-02T12:00:00Z`). Default: the environment variable TACT_NOW, else the clock.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<jiff::Timestamp>,
    /// Split each text that is over the platform's limit into a numbered thread (`1/3`…) at
    /// sentence boundaries, each part within every limit in the platform's own unit, and check
    /// each part as it will be posted. Findings say their part.
    #[arg(long)]
    pub thread: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with the line and the span underlined.
    Human,
    /// JSON Lines: one finding per line, then a summary line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Block,
    Warn,
    Info,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule's examples; exit 1 if any fails.
    Test {
        /// Extra rule directories (like --rules).
        dirs: Vec<PathBuf>,
        /// Output format (`json`: one diagnostic per line, then a summary line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// List loaded rules with kind, category, severity and source.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Write the hashed form of a plain term list (for `terms-sha256-file`): SHA-256 of the
    /// salt and each folded term. The plaintext is never printed.
    HashList {
        /// The plain list: one term per line, `#` comments.
        file: PathBuf,
        /// A salt written into the list and prefixed to every term before hashing.
        #[arg(long, default_value = "")]
        salt: String,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Preview a rule change on past posts: compare the current rules (bundled + config +
    /// --rules) with a base rule set (bundled + --base) over JSON Lines archives, and report
    /// per rule the records newly flagged and no longer flagged.
    Impact {
        /// The base rule directories (e.g. a copy of your rules before the change).
        #[arg(long = "base", value_name = "DIR")]
        base: Vec<PathBuf>,
        /// The string field of each record to check.
        #[arg(long, value_name = "FIELD", default_value = "text")]
        jsonl: String,
        /// JSON Lines archives of past posts.
        #[arg(required = true)]
        archives: Vec<PathBuf>,
        /// How many example records to show per rule.
        #[arg(long, default_value_t = 3)]
        examples: usize,
    },
    /// Evaluate the tone rules on labelled posts (JSON Lines with `text` and `tone_ok`, as in
    /// corpus/tone-dev-examples.jsonl): precision, recall, F1, false alarms per `kind`, and the
    /// worst misclassified posts with their explanations.
    Eval {
        /// The labelled posts.
        file: PathBuf,
        /// A post counts as flagged at this level or above.
        #[arg(long, value_enum, default_value_t = FailOn::Warn)]
        at: FailOn,
        /// How many misclassified posts to explain.
        #[arg(long, default_value_t = 10)]
        worst: usize,
    },
    /// Fit the tone weights and thresholds to labelled posts (JSON Lines with `text` and
    /// `tone_ok`, optional `id`, `kind`, `lang`), with k-fold cross-validation, and write
    /// them as a `[tone]` layer for a `--rules` folder. Prints cross-validated precision,
    /// recall and F1 per file, language and kind, the weights that moved most and the worst
    /// errors with their explanations. See rules/README.md, "Fitting the tone weights".
    Fit(FitArgs),
    /// Validate rule sources and run every rule's examples; exit 2 on errors.
    Check {
        /// Extra rule directories (like --rules).
        dirs: Vec<PathBuf>,
        /// Output format (`json`: one diagnostic per line, then a summary line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Debug, Args)]
pub struct FitArgs {
    /// The labelled posts (one or more JSON Lines files; each file weighs the same).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the fitted layer here (e.g. `myrules/tone-fitted.toml`); without it, the
    /// figures are printed and nothing is written.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Number of cross-validation folds.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Start from the weights of earlier fitted layers too (default: from the hand-set
    /// weights, leaving fitted layers out).
    #[arg(long)]
    pub keep_fitted: bool,
    /// Penalty on moving a whole category's weights (toward ×1).
    #[arg(long, default_value_t = 0.02)]
    pub lambda_category: f64,
    /// Penalty on moving one entry's weight (toward its category's).
    #[arg(long, default_value_t = 0.004)]
    pub lambda_entry: f64,
    /// Penalty on moving a form weight.
    #[arg(long, default_value_t = 0.01)]
    pub lambda_form: f64,
    /// The cross-validated precision the block threshold must reach.
    #[arg(long, default_value_t = 0.95)]
    pub block_precision: f64,
    /// How many cross-validated errors to explain.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Do not learn word weights (`[tone.learned]`); fit only the lexicon's numbers.
    #[arg(long)]
    pub no_learned: bool,
    /// Penalty (L2) on the learned word weights.
    #[arg(long, default_value_t = 0.003)]
    pub lambda_learned: f64,
    /// The cross-validated precision the learned word weights must reach on their own at
    /// their warn probability.
    #[arg(long, default_value_t = 0.80)]
    pub learned_precision: f64,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings, the rule sources in layering order, and every rule that a
    /// later layer or the config changed, with where each change came from.
    Show {
        /// Output format (`json`: one JSON object, after any diagnostic lines).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}
