//! `toml`/serde error messages in plain words ("expected usize" → "a whole number, without
//! quotes"), with advice, for rule files and `tact.toml`.

/// What a serde "expected …" names, in words.
fn expected_in_words(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "usize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "isize" => {
            "a whole number, without quotes (e.g. `280`)".to_string()
        }
        "f32" | "f64" => "a number, without quotes (e.g. `0.5`)".to_string(),
        "a boolean" => "`true` or `false`, without quotes".to_string(),
        "a string" => "text in quotes".to_string(),
        "a sequence" => "a list in [ ] (e.g. `[\"a\", \"b\"]`)".to_string(),
        "a map" => "a table { … }".to_string(),
        "struct ExamplesDef" => {
            "a table: `examples.flag = [\"…\"]` and `examples.pass = [\"…\"]`".to_string()
        }
        "struct ContextDef" => {
            "a table: `context = { requires = [\"…\"], window = 80 }`".to_string()
        }
        e if e.starts_with("struct ") => "a table { … }".to_string(),
        e => e.to_string(),
    }
}

/// What a serde "invalid type: …" found, in words.
fn found_in_words(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = f.strip_prefix("integer ") {
        format!("the number {}", n.trim_matches('`'))
    } else if let Some(n) = f.strip_prefix("floating point ") {
        format!("the number {}", n.trim_matches('`'))
    } else if let Some(b) = f.strip_prefix("boolean ") {
        b.trim_matches('`').to_string()
    } else if f == "sequence" {
        "a list".to_string()
    } else if f == "map" {
        "a table".to_string()
    } else {
        f.to_string()
    }
}

/// What an untagged enum of the rule-file format accepts, for "data did not match any
/// variant of untagged enum X".
fn untagged_in_words(name: &str) -> Option<&'static str> {
    Some(match name {
        "ReplaceValue" => {
            "`replace` is a table from the form to avoid to the form to use: `replace = { \"Kiev\" = \"Kyiv\" }` (a list of forms, `[\"Türkiye\", \"Turkey\"]`, offers choices)"
        }
        "Preferred" => {
            "a preferred form is text in quotes (`\"Kyiv\"`), or a list of texts for choices (`[\"Türkiye\", \"Turkey\"]`)"
        }
        "ExampleDef" => {
            "an example is text in quotes, or a table `{ text = \"…\", match = \"…\", fix = \"…\" }`"
        }
        "TermDef" => "a term is text in quotes, or a table `{ term = \"…\", boundary = \"word\" }`",
        _ => return None,
    })
}

const VALUE_HELP: &str = "text goes in quotes, numbers and true/false without, lists in [ ]; rules/README.md shows each key's value";

/// "unknown variant `term`, expected one of `terms`, `pattern`" (serde's words, after
/// "unknown variant ") as "`term` is not one of the values here: did you mean `terms`? Use one
/// of: terms, pattern".
fn unknown_value(rest: &str) -> String {
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let found = found.trim_matches(['`', '\'']);
    let expected = expected.trim_start_matches("one of ").replace(" or ", ", ");
    let values: Vec<&str> = expected
        .split(", ")
        .map(|v| v.trim_matches(['`', '\'']))
        .filter(|v| !v.is_empty())
        .collect();
    let near = values
        .iter()
        .map(|v| (strsim::damerau_levenshtein(&found.to_lowercase(), v), *v))
        .filter(|(d, v)| *d <= 2 || v.starts_with(found) || found.starts_with(v))
        .min();
    let mut m = format!("`{found}` is not one of the values this key takes");
    match (near, values.is_empty()) {
        (Some((_, v)), false) => m.push_str(&format!(
            ": did you mean `{v}`? Use one of: {}",
            values.join(", ")
        )),
        (None, false) => m.push_str(&format!("; use one of: {}", values.join(", "))),
        (Some((_, v)), true) => m.push_str(&format!(": did you mean `{v}`?")),
        (None, true) => {}
    }
    m
}

/// A `toml`/serde message in plainer words, with advice.
pub(crate) fn plain_toml_error(msg: &str) -> (String, &'static str) {
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        (unknown_value(rest), "rules/README.md explains each value")
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let m = match rest.split_once(", expected ") {
            Some((found, expected)) => format!(
                "wrong kind of value: {} where {} is needed",
                found_in_words(found),
                expected_in_words(expected)
            ),
            None => format!("wrong kind of value: {rest}"),
        };
        (m, VALUE_HELP)
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let m = match rest.split_once(", expected ") {
            Some((found, expected)) => format!(
                "wrong value: {} where {} is needed",
                found_in_words(found),
                expected_in_words(expected)
            ),
            None => format!("wrong value: {rest}"),
        };
        (m, VALUE_HELP)
    } else if msg.starts_with("wanted string or table") {
        (
            "wrong kind of value (wanted string or table): this key takes one of its words, in quotes (e.g. `severity = \"warn\"`)".to_string(),
            "use one of the values listed for this key in rules/README.md, in quotes",
        )
    } else if msg.starts_with("wanted") {
        (format!("wrong kind of value ({msg})"), VALUE_HELP)
    } else if let Some(name) = msg.strip_prefix("data did not match any variant of untagged enum ")
    {
        match untagged_in_words(name.trim()) {
            Some(words) => (format!("wrong kind of value: {words}"), VALUE_HELP),
            None => (format!("wrong kind of value here ({msg})"), VALUE_HELP),
        }
    } else if msg.starts_with("missing field") {
        (
            msg.replace("field", "key"),
            "add the key; rules/README.md lists the required keys",
        )
    } else {
        (
            msg.to_string(),
            "check the quotes, brackets, commas and `=` near here; rules/README.md shows the format",
        )
    }
}

#[cfg(test)]
mod unknown_value_tests {
    use super::*;

    #[test]
    fn an_unknown_value_names_the_nearest_and_the_choices() {
        let (m, _) = plain_toml_error(
            "unknown variant `term`, expected one of `terms`, `substitute`, `pattern`",
        );
        assert_eq!(
            m,
            "`term` is not one of the values this key takes: did you mean `terms`? Use one of: terms, substitute, pattern"
        );
        let (m, _) =
            plain_toml_error("unknown variant `infos`, expected one of `block`, `warn`, `info`");
        assert!(m.contains("did you mean `info`?"), "{m}");
        let (m, _) = plain_toml_error("unknown variant `zzz`, expected `a` or `b`");
        assert!(!m.contains("did you mean"), "{m}");
    }
}

#[cfg(test)]
mod tests {
    use super::plain_toml_error;

    #[test]
    fn serde_words_become_plain_words() {
        let (m, _) = plain_toml_error("invalid type: string \"280\", expected usize");
        assert_eq!(
            m,
            "wrong kind of value: the text \"280\" where a whole number, without quotes (e.g. `280`) is needed"
        );
        let (m, _) =
            plain_toml_error("data did not match any variant of untagged enum ReplaceValue");
        assert!(m.contains("`replace = { \"Kiev\" = \"Kyiv\" }`"), "{m}");
        assert!(!m.contains("untagged"), "{m}");
        let (m, _) = plain_toml_error("invalid type: string \"Blue\", expected a sequence");
        assert!(m.contains("a list in [ ]"), "{m}");
        let (m, _) = plain_toml_error("wanted string or table");
        assert!(m.contains("in quotes"), "{m}");
    }
}
