//! Parsing rule files and layering them: bundled packs → each `--rules` directory in order.
//! A rule whose pack id and rule id were already defined by an earlier layer *extends* that
//! rule: scalar fields it sets override, lists append (`replace-lists = true` makes them replace).

use super::RuleSource;
use crate::diag::RuleError;
use crate::schema::rule::{ReplaceValue, RuleDef, RuleFile};
use crate::schema::{LayeredRule, Origin};
use std::collections::HashMap;

/// A pack after layering.
#[derive(Debug, Clone)]
pub struct LayeredPack {
    /// Pack id.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Version of the last layer that set one.
    pub version: String,
    /// Description.
    pub description: String,
}

/// The result of parsing and layering all sources.
#[derive(Debug, Default)]
pub struct Layered {
    /// Packs in first-seen order.
    pub packs: Vec<LayeredPack>,
    /// Rules in first-seen order.
    pub rules: Vec<LayeredRule>,
    /// `[tone]` tables in layering order (each with its pack id and file).
    pub tone: Vec<crate::schema::tone::ToneLayer>,
    /// Problems that do not stop loading (a pack id that differs from its file name, a pack
    /// with no rules), with positions.
    pub warnings: Vec<RuleError>,
    /// `(layer, pack id)` → the first file of that layer that names the pack.
    pack_files: HashMap<(usize, String), String>,
}

/// The file name of `src` without folder and `.toml` (`embassy` for `rules/embassy.toml`).
fn file_stem(src: &RuleSource) -> String {
    std::path::Path::new(&src.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether a file called `stem` may hold pack `id`: `id.toml` itself, or a part of it,
/// `id-part.toml` (as `tone-lexicon.toml` is a part of the pack `tone`).
fn names_pack(stem: &str, id: &str) -> bool {
    stem == id
        || stem
            .strip_prefix(id)
            .is_some_and(|rest| rest.starts_with('-'))
}

fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
}

/// Parses one file. TOML syntax errors, unknown keys and wrong types carry the span the
/// `toml` crate reports.
pub(super) fn parse(src: &RuleSource) -> Result<RuleFile, RuleError> {
    if let Some(file) = parse_quick(&src.text) {
        return Ok(file);
    }
    toml::from_str::<RuleFile>(&src.text).map_err(|e| {
        let span = e.span().map(|r| (r.start, r.end)).unwrap_or((0, 0));
        let msg = e.message().trim().to_string();
        match unknown_key(&msg) {
            Some((key, Some(near))) => {
                RuleError::at(&src.name, &src.text, span, format!("unknown key `{key}`")).with_help(
                    format!("did you mean `{near}`? rules/README.md lists every key"),
                )
            }
            Some((key, None)) => {
                RuleError::at(&src.name, &src.text, span, format!("unknown key `{key}`"))
                    .with_help("rules/README.md lists every key")
            }
            None => {
                let (msg, help) = super::plain::plain_toml_error(&msg);
                RuleError::at(&src.name, &src.text, span, msg).with_help(help)
            }
        }
    })
}

/// The file read with the quick path for its learned weights ([`super::weights`]), when
/// that path applies and the rest parses; `None`: parse the whole file with `toml`.
fn parse_quick(text: &str) -> Option<RuleFile> {
    let split = super::weights::split(text)?;
    let mut file: RuleFile = toml::from_str(&split.rest).ok()?;
    let learned = file.tone.as_mut()?.learned.as_mut()?.get_mut();
    // The table's last line, read by `toml`, is no key read here ([`super::weights::split`]).
    if learned.weights.len() != 1
        || split
            .weights
            .keys()
            .any(|k| learned.weights.contains_key(k))
    {
        return None;
    }
    let mut weights = split.weights;
    // Both sorted: merged in one pass.
    learned.weights.append(&mut weights);
    Some(file)
}

/// For a serde "unknown field `x`, expected one of `a`, `b`" message: the key and the
/// closest expected key (Levenshtein distance ≤ 3).
fn unknown_key(msg: &str) -> Option<(String, Option<String>)> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (key, expected) = rest.split_once('`')?;
    let near = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (strsim::levenshtein(key, k), k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k.to_string());
    Some((key.to_string(), near))
}

/// The per-layer check of one rule definition (the kinds' validation, given by the engine so
/// that loading does not depend on the kinds): pushes every problem of `def` in `src`.
pub type Validate = fn(&RuleSource, &RuleDef, &mut Vec<RuleError>);

impl Layered {
    /// Parses and layers `sources` (in order), checking each rule definition with `validate`.
    /// Collects every error it can.
    pub fn build(sources: &[RuleSource], validate: Validate) -> Result<Layered, Vec<RuleError>> {
        let (layered, errors) = Layered::build_partial(sources, validate);
        if errors.is_empty() {
            Ok(layered)
        } else {
            Err(errors)
        }
    }

    /// Like [`Layered::build`], but also returns what could be layered despite errors, so
    /// that later checks can report their problems in the same run.
    pub fn build_partial(sources: &[RuleSource], validate: Validate) -> (Layered, Vec<RuleError>) {
        let mut out = Layered::default();
        let mut errors = Vec::new();
        let mut index: HashMap<(String, String), (usize, usize, String)> = HashMap::new();
        for src in sources {
            match parse(src) {
                Ok(file) => out.add_file(src, file, validate, &mut index, &mut errors),
                Err(e) => errors.push(e),
            }
        }
        (out, errors)
    }

    fn add_file(
        &mut self,
        src: &RuleSource,
        mut file: RuleFile,
        validate: Validate,
        index: &mut HashMap<(String, String), (usize, usize, String)>,
        errors: &mut Vec<RuleError>,
    ) {
        let at = |span: std::ops::Range<usize>, msg: String| {
            RuleError::at(&src.name, &src.text, (span.start, span.end), msg)
        };
        if *file.schema.get_ref() != 1 {
            errors.push(
                at(
                    file.schema.span(),
                    format!("unknown schema version {}", file.schema.get_ref()),
                )
                .with_help("this version of tact reads `schema = 1`"),
            );
            return;
        }
        let pack_id = file.pack.id.get_ref().clone();
        if !is_valid_id(&pack_id) {
            errors.push(
                at(file.pack.id.span(), format!("invalid pack id `{pack_id}`"))
                    .with_help("use lowercase letters, digits and `-`"),
            );
            return;
        }
        if !self.check_pack_file(src, &file, &pack_id, errors) {
            return;
        }
        self.merge_pack(&pack_id, &file);
        if let Some(def) = file.tone.take() {
            self.tone.push(crate::schema::tone::ToneLayer {
                pack: pack_id.clone(),
                def,
                file: src.name.clone(),
                source: src.text.clone(),
            });
        }
        let lines = crate::model::LineIndex::new(&src.text);
        for rule in file.rules {
            let span = rule.span();
            let def = rule.into_inner();
            let Some(id) = def.id.clone() else {
                errors.push(
                    at(span, "rule has no `id`".into())
                        .with_help("add `id = \"…\"` to this [[rule]]"),
                );
                continue;
            };
            if !is_valid_id(id.get_ref()) {
                errors.push(
                    at(id.span(), format!("invalid rule id `{}`", id.get_ref())).with_help(
                        "use lowercase letters, digits and `-`, named after what the rule flags",
                    ),
                );
                continue;
            }
            validate(src, &def, errors);
            let origin = Origin {
                file: src.name.clone(),
                source: src.text.clone(),
                line: lines.line_col(&src.text, span.start).0,
                dir: src.dir.clone(),
            };
            let key = (pack_id.clone(), id.get_ref().clone());
            match index.get(&key) {
                Some((layer, i, first_file)) if *layer == src.layer => {
                    let i = *i;
                    let where_ = format!("{}:{}", first_file, self.rules[i].origins[0].line);
                    errors.push(at(id.span(), format!("duplicate rule id `{}/{}`", key.0, key.1))
                        .with_help(format!("it is already defined at {where_}; rule ids must be unique within a pack")));
                }
                Some((_, i, _)) => {
                    let i = *i;
                    extend(&mut self.rules[i].def, def);
                    self.rules[i].origins.push(origin);
                    index.insert(key, (src.layer, i, src.name.clone()));
                }
                None => {
                    index.insert(key.clone(), (src.layer, self.rules.len(), src.name.clone()));
                    self.rules.push(LayeredRule {
                        pack: key.0,
                        id: key.1,
                        def,
                        origins: vec![origin],
                    });
                }
            }
        }
    }

    /// Checks the file's pack id against its file name and the other files of its folder:
    /// a warning when the name differs, an error (and `false`: skip the file) when another
    /// file of the same folder already holds a pack of this id and the names do not say
    /// that both are parts of it; a warning for a file with no rules and no `[tone]` data.
    fn check_pack_file(
        &mut self,
        src: &RuleSource,
        file: &RuleFile,
        pack_id: &str,
        errors: &mut Vec<RuleError>,
    ) -> bool {
        let at = |span: std::ops::Range<usize>, msg: String| {
            RuleError::at(&src.name, &src.text, (span.start, span.end), msg)
        };
        let stem = file_stem(src);
        let user_file = src.dir.is_some();
        if user_file && !names_pack(&stem, pack_id) {
            self.warnings.push(
                at(
                    file.pack.id.span(),
                    format!("the pack id `{pack_id}` differs from the file name `{stem}.toml`"),
                )
                .with_help(format!(
                    "name the file `{pack_id}.toml` (or `{pack_id}-….toml` for a part of the pack), or set `id = \"{stem}\"`; rule ids are `{pack_id}/…`"
                )),
            );
        }
        let key = (src.layer, pack_id.to_string());
        match self.pack_files.get(&key) {
            Some(first) if user_file => {
                let first_stem = std::path::Path::new(first)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if !(names_pack(&stem, pack_id) && names_pack(&first_stem, pack_id)) {
                    errors.push(
                        at(
                            file.pack.id.span(),
                            format!("the pack `{pack_id}` is already defined by {first} in this folder"),
                        )
                        .with_help(format!(
                            "give each file its own pack id, or name the files `{pack_id}.toml` and `{pack_id}-….toml` if they are meant to be parts of one pack"
                        )),
                    );
                    return false;
                }
            }
            Some(_) => {}
            None => {
                self.pack_files.insert(key, src.name.clone());
            }
        }
        if user_file && file.rules.is_empty() && file.tone.is_none() {
            self.warnings.push(
                at(
                    file.pack.id.span(),
                    format!("the pack `{pack_id}` in {stem}.toml has no rules"),
                )
                .with_help("add `[[rule]]` tables, or delete the file"),
            );
        }
        true
    }

    fn merge_pack(&mut self, id: &str, file: &RuleFile) {
        let p = &file.pack;
        match self.packs.iter_mut().find(|x| x.id == id) {
            Some(existing) => {
                if let Some(v) = &p.version {
                    existing.version = v.clone();
                }
                if let Some(n) = &p.name {
                    existing.name = n.clone();
                }
            }
            None => self.packs.push(LayeredPack {
                id: id.to_string(),
                name: p.name.clone().unwrap_or_else(|| id.to_string()),
                version: p.version.clone().unwrap_or_else(|| "0".to_string()),
                description: p.description.clone().unwrap_or_default(),
            }),
        }
    }
}

fn append<T>(base: &mut Option<Vec<T>>, add: Option<Vec<T>>, replace: bool) {
    match (base.as_mut(), add) {
        (Some(b), Some(a)) if !replace => b.extend(a),
        (_, Some(a)) => *base = Some(a),
        (_, None) => {}
    }
}

/// Sets `base` to `v` when `v` is set (a later layer overrides a scalar).
fn set<T>(base: &mut Option<T>, v: Option<T>) {
    if v.is_some() {
        *base = v;
    }
}

/// Extends `base` with the fields `ext` sets: scalars override, lists append
/// (`replace-lists = true` makes them replace), examples and `replace` tables merge. The
/// table "Extending a rule: what each key does" in rules/README.md says the same per key.
fn extend(base: &mut RuleDef, ext: RuleDef) {
    let replace = ext.replace_lists == Some(true);
    // Every key by name, so that a key added to `RuleDef` does not compile until it is
    // merged here.
    let RuleDef {
        id: _,
        kind,
        category,
        severity,
        message,
        why,
        terms,
        terms_file,
        terms_sha256_file,
        suggest,
        replace: replace_value,
        replace_lists: _,
        patterns,
        case,
        view,
        boundary,
        scopes,
        exceptions,
        context,
        examples,
        enabled,
        platforms,
        owner,
        reference,
        review_by,
        class,
        platform,
        platform_name,
        unit,
        max,
        never_mix,
        embargo,
        check,
        domains,
        domains_file,
    } = ext;
    set(&mut base.kind, kind);
    set(&mut base.category, category);
    set(&mut base.severity, severity);
    set(&mut base.message, message);
    set(&mut base.why, why);
    set(&mut base.terms_file, terms_file);
    set(&mut base.terms_sha256_file, terms_sha256_file);
    set(&mut base.class, class);
    set(&mut base.suggest, suggest);
    set(&mut base.case, case);
    set(&mut base.view, view);
    set(&mut base.boundary, boundary);
    set(&mut base.context, context);
    set(&mut base.enabled, enabled);
    set(&mut base.owner, owner);
    set(&mut base.reference, reference);
    set(&mut base.review_by, review_by);
    set(&mut base.platform, platform);
    set(&mut base.platform_name, platform_name);
    set(&mut base.unit, unit);
    set(&mut base.max, max);
    set(&mut base.never_mix, never_mix);
    set(&mut base.embargo, embargo);
    set(&mut base.check, check);
    set(&mut base.domains_file, domains_file);
    append(&mut base.domains, domains, replace);
    append(&mut base.terms, terms, replace);
    append(&mut base.patterns, patterns, replace);
    append(&mut base.exceptions, exceptions, replace);
    append(&mut base.scopes, scopes, replace);
    append(&mut base.platforms, platforms, replace);
    if let Some(ex) = examples {
        let b = base.examples.get_or_insert_with(Default::default);
        if replace {
            *b = ex;
        } else {
            b.flag.extend(ex.flag);
            b.pass.extend(ex.pass);
        }
    }
    if let Some(r) = replace_value {
        let span = r.span();
        if let ReplaceValue::Table(t) = r.into_inner() {
            match base.replace.as_mut().map(|b| b.get_mut()) {
                Some(ReplaceValue::Table(bt)) if !replace => bt.extend(t),
                _ => base.replace = Some(toml::Spanned::new(span, ReplaceValue::Table(t))),
            }
        }
    }
}
