//! Strict JSON for records read from files (audit log lines, approval requests and approvals,
//! records of a JSON Lines input to `tact check`): one object per line, no duplicate keys at
//! any depth.
//!
//! `serde_json` keeps the *last* value of a repeated key, while other readers keep the first;
//! a record with `"justification"` twice would then mean different things to different
//! readers. Such a record is rejected instead, as is a line that is not an object.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `line` as one JSON object with no repeated key at any depth.
///
/// # Errors
/// The text is not JSON, has a repeated key (the message names it, with the column), or is
/// not an object (the message names what it is: array, string, …).
pub fn parse_object(line: &str) -> Result<Map<String, Value>, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let value = Strict
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| position(&e))?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(format!(
            "a record must be a JSON object {{…}}, this line is {}",
            kind(&other)
        )),
    }
}

/// The message of `e` with its position as `(column C)`, or `(line L, column C)` when the
/// text has several lines: serde_json's own "at line 1 column C" reads as the log's line 1.
fn position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = text.strip_suffix(&suffix).unwrap_or(&text);
    match e.line() {
        0 => msg.to_string(),
        1 => format!("{msg} (column {})", e.column()),
        n => format!("{msg} (line {n}, column {})", e.column()),
    }
}

/// "an array", "a string", … for error messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A seed building a [`Value`] that refuses repeated keys.
#[derive(Clone, Copy)]
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` appears twice in one object (readers disagree on which value counts)"
                )));
            }
            let v = map.next_value_seed(Strict)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_pass_and_repeats_or_non_objects_are_named() {
        let m = parse_object(r#"{"a": [1, {"b": "c"}], "d": null}"#).unwrap();
        assert_eq!(m["a"][1]["b"], "c");
        let e = parse_object(r#"{"j": "fake", "j": "real"}"#).unwrap_err();
        assert!(e.contains("`j` appears twice"), "{e}");
        assert!(e.ends_with("(column 17)") && !e.contains("line"), "{e}");
        let e = parse_object("{\n\"j\": 1,\n\"j\": 2}").unwrap_err();
        assert!(e.ends_with("(line 3, column 3)"), "{e}");
        let e = parse_object(r#"{"x": {"k": 1, "k": 2}}"#).unwrap_err();
        assert!(e.contains("`k` appears twice"), "{e}");
        let e = parse_object("[1, 2]").unwrap_err();
        assert!(e.contains("an array"), "{e}");
        assert!(parse_object("\"s\"").unwrap_err().contains("a string"));
        assert!(parse_object("{} {}").is_err());
        assert!(parse_object("{").is_err());
    }
}
