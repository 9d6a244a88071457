//! Command implementations. Each returns the exit code, or an error (exit 2).

mod audit;
mod check;
mod config_show;
mod eval;
mod fit;
mod impact;
mod rules;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use tact::engine::Engine;
use tact::engine::load_engine;
use tact::load::LoadOptions;
use tact::load::config::{LoadedConfig, discover};
use tact::report::HumanReport;

use crate::cli::{AuditCommand, Cli, Command, ConfigCommand, Format, RulesCommand};

/// Exit code for rule-source, input and I/O errors.
pub const EXIT_ERROR: u8 = 2;

/// Whether colour is wanted on `stream`: a terminal and no `NO_COLOR`.
pub fn color_for(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether `e` is a closed pipe (e.g. `tact check … | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Loads rules, printing every error (with file:line:col) to stderr on failure.
pub fn load(opts: &LoadOptions) -> Result<Engine, u8> {
    load_as(opts, Format::Human)
}

/// Loads rules; on failure prints every error, in `format` (JSON: one diagnostic line each
/// on stdout, then a summary line), and gives exit code 2.
pub fn load_as(opts: &LoadOptions, format: Format) -> Result<Engine, u8> {
    load_engine(opts).map_err(|errs| {
        match format {
            Format::Human => {
                let report = HumanReport::new(color_for(&std::io::stderr()));
                for e in &errs.0 {
                    eprintln!("{}", report.error(e));
                }
                eprintln!(
                    "error: {} problem(s) in rule sources; nothing was checked",
                    errs.0.len()
                );
            }
            Format::Json => {
                use tact::report::json::{DiagnosticSeverity, diagnostic_line};
                for e in &errs.0 {
                    println!("{}", diagnostic_line(e, DiagnosticSeverity::Error, None));
                }
                println!(
                    "{}",
                    serde_json::json!({"type": "summary", "ok": false, "errors": errs.0.len(), "warnings": 0})
                );
            }
        }
        EXIT_ERROR
    })
}

/// Reads the config (`--config`, else `./tact.toml`, else the user config directory).
fn config(cli: &Cli) -> Result<LoadedConfig, u8> {
    discover(cli.config.as_deref()).map_err(|errs| {
        let report = HumanReport::new(color_for(&std::io::stderr()));
        for e in &errs.0 {
            eprintln!("{}", report.error(e));
        }
        EXIT_ERROR
    })
}

fn load_options(cli: &Cli, cfg: &LoadedConfig, extra: &[PathBuf]) -> LoadOptions {
    let mut dirs = cli.rules.clone();
    dirs.extend(extra.iter().cloned());
    LoadOptions::from_config(cfg, &dirs, cli.no_builtin)
}

/// Dispatches the parsed command line.
pub fn run(cli: Cli) -> Result<u8> {
    let cfg = match config(&cli) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let platform = cli.platform.clone().or_else(|| cfg.config.platform.clone());
    let opts = |extra: &[PathBuf]| load_options(&cli, &cfg, extra);
    match &cli.command {
        Some(Command::Check(args)) => check::run(&opts(&[]), platform.as_deref(), args),
        Some(Command::Rules { command }) => match command {
            RulesCommand::Test { dirs, format } => rules::test(&opts(dirs), *format),
            RulesCommand::Check { dirs, format } => rules::check(&opts(dirs), *format),
            RulesCommand::Eval { file, at, worst } => {
                let at = match at {
                    crate::cli::FailOn::Block => tact::model::Severity::Block,
                    crate::cli::FailOn::Warn => tact::model::Severity::Warn,
                    crate::cli::FailOn::Info => tact::model::Severity::Info,
                };
                eval::run(&opts(&[]), file, at, *worst)
            }
            RulesCommand::Fit(args) => fit::run(&opts(&[]), args),
            RulesCommand::List { format } => rules::list(&opts(&[]), *format),
            RulesCommand::Impact {
                base,
                jsonl,
                archives,
                examples,
            } => {
                // The same configuration as the current set (bundled packs, `disable`,
                // `[severity]`), with the base folders in place of the rule folders.
                let mut base_opts = opts(&[]);
                base_opts.dirs = base.clone();
                impact::run(
                    &base_opts,
                    &opts(&[]),
                    jsonl,
                    archives,
                    *examples,
                    platform.as_deref(),
                )
            }
            RulesCommand::HashList { file, salt, output } => {
                rules::hash_list(file, salt, output.as_deref())
            }
        },
        Some(Command::Explain { rule_id }) => rules::explain(&opts(&[]), rule_id),
        Some(Command::Audit { command }) => match command {
            AuditCommand::Verify { log, head } => {
                audit::verify_cmd(&cfg, log.as_deref(), head.as_deref())
            }
            AuditCommand::Head { log } => audit::head_cmd(&cfg, log.as_deref()),
            AuditCommand::Approve { request, yes } => {
                audit::approve_cmd(&cfg, request.as_deref(), *yes)
            }
        },
        Some(Command::Config {
            command: ConfigCommand::Show { format },
        }) => config_show::show(&cfg, &opts(&[]), platform.as_deref(), *format),
        None => editor(&cli, &cfg, opts(&[]), platform),
    }
}

/// Opens the editor; prints the cleared text on exit when stdout is not a terminal.
#[cfg(feature = "tui")]
fn editor(
    cli: &Cli,
    cfg: &LoadedConfig,
    load: LoadOptions,
    platform: Option<String>,
) -> Result<u8> {
    use std::io::Write as _;
    let outcome = tact::tui::run(tact::tui::TuiOptions {
        file: cli.file.clone(),
        platform,
        load,
        config: Some(tact::tui::ConfigSource {
            explicit: cli.config.clone(),
            extra_dirs: cli.rules.clone(),
            no_builtin: cli.no_builtin,
            found: cfg.path.clone().filter(|_| cli.config.is_none()),
        }),
        settings: tact::publish::Settings::from_config(cfg),
        drafts: None,
    })?;
    if let Some(text) = outcome.cleared.filter(|_| !std::io::stdout().is_terminal()) {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(outcome.signal.map_or(0, |s| (128 + s).clamp(0, 255) as u8))
}

#[cfg(not(feature = "tui"))]
fn editor(_: &Cli, _: &LoadedConfig, _: LoadOptions, _: Option<String>) -> Result<u8> {
    anyhow::bail!("this tact was built without the editor (feature `tui`); use `tact check`")
}
