//! JSON conventions shared by every input: `schema_version` and error mapping.

use serde::de::DeserializeOwned;

use crate::error::{InputError, InputReason};

/// The schema version this library reads and writes (RULES.md §1.7: 1).
pub const SCHEMA_VERSION: u32 = 1;

/// The deepest nesting of arrays and objects any input may have: what serde_json's recursion
/// limit lets through (it refuses the 128th level), so every reader (JSON text in the core,
/// Python values in the binding) refuses at the same depth, with reason `nesting`. The
/// outermost array or object counts as depth 1.
pub const MAX_DEPTH: usize = 127;

/// Checks an optional `schema_version` key of a JSON object: absent is fine, 1 is fine,
/// anything else (a future version, 0, a non-integer) is an [`InputError`].
///
/// # Errors
/// [`InputError`] with reason `future_schema_version` or `schema`.
pub fn check_schema_version(v: &serde_json::Value, path: &str) -> Result<(), InputError> {
    match v.get("schema_version") {
        None => Ok(()),
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(x) if x == SCHEMA_VERSION as u64 => Ok(()),
            Some(x) if x > SCHEMA_VERSION as u64 => Err(InputError::new(
                path,
                InputReason::FutureSchemaVersion,
                format!("schema_version {x} is newer than this library's {SCHEMA_VERSION}; upgrade wanzheng"),
            )),
            _ => Err(InputError::new(path, InputReason::Schema, "schema_version must be an integer >= 1")),
        },
        Some(_) => Err(InputError::new(path, InputReason::Schema, "schema_version must be an integer")),
    }
}

/// Parses JSON text into a value, mapping syntax errors to `malformed_json`.
///
/// # Errors
/// [`InputError`] with reason `malformed_json`.
pub fn parse_value(text: &str) -> Result<serde_json::Value, InputError> {
    serde_json::from_str(text).map_err(|e| InputError::from_json("", &e))
}

/// Decodes a typed value from a JSON value, mapping serde errors to input errors at `path`.
///
/// # Errors
/// [`InputError`] (unknown field, unknown value, amount, schema).
pub fn from_value<T: DeserializeOwned>(v: serde_json::Value, path: &str) -> Result<T, InputError> {
    serde_json::from_value(v).map_err(|e| InputError::from_json(path, &e))
}

/// Decodes a typed value from JSON text after checking and removing a top-level
/// `schema_version` (for request types that do not carry the field themselves).
///
/// # Errors
/// [`InputError`] for malformed JSON, a future schema version, or a shape error.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, InputError> {
    let mut v = parse_value(text)?;
    check_schema_version(&v, "schema_version")?;
    if let Some(o) = v.as_object_mut() {
        o.remove("schema_version");
    }
    from_value(v, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn max_depth_is_the_json_readers_limit() {
        assert!(parse_value(&nested(MAX_DEPTH)).is_ok());
        assert!(parse_value(&nested(MAX_DEPTH + 1)).is_err());
    }
}
