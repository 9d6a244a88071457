//! Writing fitted weights as a reviewable `[tone]` layer: thresholds, form settings and a
//! `[tone.weights]` table of every entry whose weight changed, with the base weight in a
//! comment. Numbers have three decimals, so re-fitting the same data writes the same file.

use std::fmt::Write;

use super::features::{FORMS, form_weights};
use super::learn::Fitted;
use crate::kinds::tone::model::ToneModel;

/// Thresholds on the 0–1 score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levels {
    /// Grey hint.
    pub info: f64,
    /// Warning.
    pub warn: f64,
    /// Block.
    pub block: f64,
}

/// What the header of the layer says about the fit.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// The command that wrote it.
    pub command: String,
    /// Summary lines (data, cross-validated figures).
    pub lines: Vec<String>,
    /// The value of `fitted = "…"`.
    pub fitted: String,
}

/// Rounds to three decimals (the written precision).
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `s` as a TOML basic string.
pub fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The layer's TOML text for pack `pack`.
pub fn render(
    pack: &str,
    base: &ToneModel,
    fitted: &Fitted,
    levels: Levels,
    header: &Header,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Fitted tone weights, written by `{}`.\n# Do not edit by hand: re-fit instead (rules/README.md, \"Fitting the tone weights\").",
        header.command
    );
    for l in &header.lines {
        let _ = writeln!(out, "# {l}");
    }
    let _ = writeln!(
        out,
        "schema = 1\n\n[pack]\nid = {}\n\n[tone]\nfitted = {}",
        toml_str(pack),
        toml_str(&header.fitted)
    );
    let _ = writeln!(
        out,
        "thresholds = {{ info = {:.3}, warn = {:.3}, block = {:.3} }}",
        levels.info, levels.warn, levels.block
    );
    let priors = form_weights(base);
    for table in ["forms", "modifiers", "quotes"] {
        let _ = writeln!(out, "\n[tone.{table}]");
        for (i, f) in FORMS.iter().enumerate().filter(|(_, f)| f.table == table) {
            let _ = writeln!(
                out,
                "{} = {:.3}   # was {:.3}",
                f.key,
                round3(fitted.forms[i]),
                priors[i]
            );
        }
    }
    let _ = writeln!(
        out,
        "\n# entry = fitted weight   # base weight (category scale)\n[tone.weights]"
    );
    for (i, e) in base.entries.iter().enumerate() {
        let w = round3(fitted.entries[i]);
        if (w - round3(e.weight)).abs() < 0.0005 {
            continue;
        }
        let _ = writeln!(
            out,
            "{} = {w:.3}   # was {:.3} (×{:.3})",
            toml_str(&e.id),
            e.weight,
            fitted.scales[e.category]
        );
    }
    out
}
