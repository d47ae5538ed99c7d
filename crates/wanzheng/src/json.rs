//! JSON conventions shared by every input: the one reader of untrusted JSON text
//! ([`parse_value`]), `schema_version`, and error mapping with exact paths.
//!
//! Every reader of the library — commands, logs, stream JSON, configurations, the §4 decision
//! requests and their batches, the calendar — goes through [`parse_value`] (or, inside a serde
//! deserializer, [`strict_value`]), which refuses what serde_json's `Value` accepts silently:
//!
//! * a **duplicate key** (`{"amount":"9999999.00","amount":"2400000.00"}`: serde_json keeps the
//!   last, another reader the first) → [`InputError`] reason `duplicate_key`, its path naming the
//!   key (`facts.amount`);
//! * nesting deeper than [`MAX_DEPTH`] arrays and objects → reason `nesting` (no wire type of
//!   the library nests deeper than 6);
//!
//! and reads in one pass, in time linear in the text (a key is checked against its object's
//! keys in logarithmic time). Typed decoding ([`from_value`]) reports the exact path of the
//! offending field (`facts.total`, `items[2].amount`).

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{InputError, InputReason};

/// The schema version this library reads and writes (RULES.md §1.7: 1).
pub const SCHEMA_VERSION: u32 = 1;

/// The deepest nesting of arrays and objects any input may have: what serde_json's recursion
/// limit lets through (it refuses the 128th level), so every reader (JSON text in the core,
/// Python values in the binding) refuses at the same depth, with reason `nesting`. The
/// outermost array or object counts as depth 1.
pub const MAX_DEPTH: usize = 127;

/// Checks that a document every reader takes as an object (a command, a request, a
/// configuration, a log entry, a stream or project document) is a JSON object, and its optional
/// `schema_version` key: absent is fine, 1 is fine, anything else (a future version, 0, a
/// non-integer) is an [`InputError`]. `path` is the path of the `schema_version` key.
///
/// A derived struct would otherwise also read a JSON array, positionally: `[9]` read as a
/// configuration whose first field, `schema_version`, is 9, past this check, and whose own
/// canonical JSON was then refused as a future version (found by the `config` fuzz target,
/// FUZZING.md).
///
/// # Errors
/// [`InputError`] with reason `future_schema_version` or `schema`.
pub fn check_schema_version(v: &Value, path: &str) -> Result<(), InputError> {
    if !v.is_object() {
        let at = path.strip_suffix("schema_version").unwrap_or(path).trim_end_matches('.');
        return Err(InputError::new(at, InputReason::Schema, "expected a JSON object"));
    }
    match v.get("schema_version") {
        None => Ok(()),
        Some(Value::Number(n)) => match n.as_u64() {
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

/// Parses untrusted JSON text into a value: the one entry point every reader uses.
///
/// Refuses duplicate keys (reason `duplicate_key`, the path naming the key), nesting deeper
/// than [`MAX_DEPTH`] (reason `nesting`), trailing text and invalid JSON (`malformed_json`,
/// with the path of the value being read when the error occurred).
///
/// # Errors
/// [`InputError`] with reason `malformed_json`, `duplicate_key` or `nesting`.
///
/// # Example
/// ```
/// use wanzheng::error::InputReason;
/// let e = wanzheng::json::parse_value(r#"{"facts":{"amount":"1.00","amount":"2.00"}}"#).unwrap_err();
/// assert_eq!((e.reason, e.path.as_str()), (InputReason::DuplicateKey, "facts.amount"));
/// let deep = "[".repeat(200) + &"]".repeat(200);
/// assert_eq!(wanzheng::json::parse_value(&deep).unwrap_err().reason, InputReason::Nesting);
/// ```
pub fn parse_value(text: &str) -> Result<Value, InputError> {
    parse_with(text, |seed, de| {
        let v = seed.deserialize(&mut *de)?;
        de.end()?;
        Ok(v)
    })
}

/// Runs `read` on a strict deserializer of `text` and maps its error (a refusal of the strict
/// reader, with its path, or serde_json's syntax error) to an [`InputError`].
pub(crate) fn parse_with<T>(
    text: &str,
    read: impl FnOnce(Strict<'_>, &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>) -> serde_json::Result<T>,
) -> Result<T, InputError> {
    let failure = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    read(Strict::new(&failure), &mut de).map_err(|e| failure.into_inner().unwrap_or_default().into_error(&e))
}

/// Reads a JSON value from any serde deserializer with the checks of [`parse_value`] (for
/// `Deserialize` impls that take a whole value, such as [`Command`](crate::Command)'s).
///
/// # Errors
/// The deserializer's error; a duplicate key or too deep a nesting is a custom error naming
/// its path.
pub fn strict_value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    let failure = RefCell::new(None);
    Strict::new(&failure).deserialize(d).map_err(|e| match failure.into_inner() {
        Some(f) if f.reason.is_some() => serde::de::Error::custom(f.into_error_text()),
        _ => e,
    })
}

/// Decodes a typed value from a JSON value; an error names the exact path of the offending
/// field under `path` (`facts` + `amount` → `facts.amount`, `items[2].amount`).
///
/// # Errors
/// [`InputError`] (unknown field, unknown value, amount, date, schema).
pub fn from_value<T: DeserializeOwned>(v: Value, path: &str) -> Result<T, InputError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let inner = e.path().to_string();
        InputError::from_json(&join(path, if inner == "." { "" } else { &inner }), e.inner())
    })
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

/// `base` and `tail` as one path: `facts` + `amount` → `facts.amount`, `` + `[3]` → `[3]`,
/// `requests` + `[3].total` → `requests[3].total`.
pub fn join(base: &str, tail: &str) -> String {
    if base.is_empty() {
        tail.to_string()
    } else if tail.is_empty() {
        base.to_string()
    } else if tail.starts_with('[') {
        format!("{base}{tail}")
    } else {
        format!("{base}.{tail}")
    }
}

/// One step of a path: an object key or an array index.
#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// What the strict reader refused, with the path, innermost segment first (filled while the
/// error unwinds, so that reading valid input records nothing).
#[derive(Debug, Default)]
pub(crate) struct Failure {
    /// `duplicate_key` or `nesting`; `None` for serde_json's own error (syntax, number range).
    reason: Option<InputReason>,
    message: String,
    segments: Vec<Segment>,
}

impl Failure {
    fn path(&self) -> String {
        let mut p = String::new();
        for s in self.segments.iter().rev() {
            match s {
                Segment::Key(k) => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(k);
                }
                Segment::Index(i) => p.push_str(&format!("[{i}]")),
            }
        }
        p
    }

    fn into_error(self, e: &serde_json::Error) -> InputError {
        let path = self.path();
        match self.reason {
            Some(reason) => InputError::new(path, reason, self.message),
            // serde_json's own recursion limit, one level past MAX_DEPTH: the same refusal.
            None if e.to_string().starts_with("recursion limit exceeded") => {
                InputError::new(path, InputReason::Nesting, nesting_message())
            }
            None => InputError::from_json(&path, e),
        }
    }

    fn into_error_text(self) -> String {
        let path = self.path();
        format!(
            "{} at {} ({})",
            self.message,
            if path.is_empty() { "." } else { &path },
            self.reason.map_or("", |r| r.code())
        )
    }
}

/// The strict value reader: a [`DeserializeSeed`] building a [`Value`] that refuses duplicate
/// keys and nesting deeper than [`MAX_DEPTH`].
#[derive(Clone, Copy)]
pub(crate) struct Strict<'a> {
    depth: usize,
    failure: &'a RefCell<Option<Failure>>,
}

impl<'a> Strict<'a> {
    pub(crate) fn new(failure: &'a RefCell<Option<Failure>>) -> Strict<'a> {
        Strict { depth: 0, failure }
    }

    fn refuse<E: serde::de::Error>(&self, reason: InputReason, message: String, at: Option<Segment>) -> E {
        let text = message.clone();
        *self.failure.borrow_mut() =
            Some(Failure { reason: Some(reason), message, segments: at.into_iter().collect() });
        E::custom(text)
    }

    /// Notes `at` on the way out of a failed nested read.
    fn unwind(&self, at: Segment) {
        let mut f = self.failure.borrow_mut();
        f.get_or_insert_with(Failure::default).segments.push(at);
    }

    /// Reads element `index` of an array the caller visits itself (a streamed batch), noting
    /// the index on failure.
    pub(crate) fn element<'de, A: SeqAccess<'de>>(&self, seq: &mut A, index: usize) -> Result<Option<Value>, A::Error> {
        seq.next_element_seed(self.nested()).inspect_err(|_| self.unwind(Segment::Index(index)))
    }

    /// The seed for a value nested in this one.
    fn nested(&self) -> Strict<'a> {
        Strict { depth: self.depth + 1, failure: self.failure }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
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
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
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

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.refuse(InputReason::Nesting, nesting_message(), None));
        }
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            match seq.next_element_seed(self.nested()) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => return Ok(Value::Array(items)),
                Err(e) => {
                    self.unwind(Segment::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.refuse(InputReason::Nesting, nesting_message(), None));
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let message = format!("duplicate key {}", crate::error::echo(&key));
                return Err(self.refuse(InputReason::DuplicateKey, message, Some(Segment::Key(key))));
            }
            match map.next_value_seed(self.nested()) {
                Ok(v) => {
                    out.insert(key, v);
                }
                Err(e) => {
                    self.unwind(Segment::Key(key));
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// The most keys one object may have for [`keys_unique`] to judge it (a larger object is left
/// to the strict reader: the check compares each key with the object's earlier keys).
const FAST_KEYS: usize = 64;

/// Whether JSON text has nothing [`parse_value`] refuses that serde_json's typed reader may
/// let through: no object with a repeated key, no nesting deeper than [`MAX_DEPTH`], and none
/// of what serde_json checks only when it builds a value, not when it skips one (a `\u`
/// escape — a lone surrogate —, a number with an exponent or more than 300 digits in a row:
/// out of range). Judged on the bytes, without building anything: the fast readers (a log or
/// project document read straight into typed entries, [`crate::log::Log::from_json`]) run it
/// first and hand the text to the strict reader when it says `false`, so that every refusal
/// keeps its reason and exact path.
///
/// `false` also for what it does not judge: a key written with an escape (`"\u0061mount"` is
/// `"amount"`), an object of more than 64 keys. `true` on text that is not JSON is harmless:
/// the typed reader refuses it, and the strict reader then says why.
pub(crate) fn keys_unique(text: &str) -> bool {
    let b = text.as_bytes();
    // One frame per open array or object: whether it is an object, where its keys start, and
    // whether they have come in strictly increasing order so far (a document's objects are
    // written with sorted keys: a key past the last one is then new without comparing it with
    // the others).
    let mut frames: Vec<(bool, usize, bool)> = Vec::with_capacity(16);
    // The keys of the open objects, as byte ranges of `text`.
    let mut keys: Vec<(usize, usize)> = Vec::with_capacity(64);
    let mut expect_key = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let Some((end, escaped)) = string_end(b, start) else {
                    return false;
                };
                if escaped && b[start..end].windows(2).any(|w| w == b"\\u") {
                    return false;
                }
                if expect_key {
                    let Some(frame) = frames.last_mut() else {
                        return false;
                    };
                    let from = frame.1;
                    if escaped || keys.len() - from >= FAST_KEYS {
                        return false;
                    }
                    let key = &b[start..end];
                    let after_last = keys.last().is_none_or(|&(s, e)| keys.len() == from || key > &b[s..e]);
                    if !(frame.2 && after_last) {
                        frame.2 = false;
                        if keys[from..].iter().any(|&(s, e)| &b[s..e] == key) {
                            return false;
                        }
                    }
                    keys.push((start, end));
                    expect_key = false;
                }
                i = end + 1;
            }
            c @ (b'{' | b'[') => {
                if frames.len() >= MAX_DEPTH {
                    return false;
                }
                frames.push((c == b'{', keys.len(), true));
                expect_key = c == b'{';
                i += 1;
            }
            b'}' | b']' => {
                if let Some((_, from, _)) = frames.pop() {
                    keys.truncate(from);
                }
                expect_key = false;
                i += 1;
            }
            b',' => {
                expect_key = frames.last().is_some_and(|f| f.0);
                i += 1;
            }
            // The literals (their `e` is not an exponent).
            b't' | b'n' => i += 4,
            b'f' => i += 5,
            b'e' | b'E' => return false,
            b'0'..=b'9' => {
                let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if run > 300 {
                    return false;
                }
                i += run;
            }
            _ => i += 1,
        }
    }
    true
}

/// The index of the quote closing the string whose text starts at `start`, and whether the
/// string holds an escape; `None` for an unterminated string. Eight bytes at a time.
#[inline]
fn string_end(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut escaped = false;
    loop {
        while let Some(w) = b.get(i..i + 8) {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            let x = u64::from_le_bytes(a);
            let m = zero(x ^ (LO * u64::from(b'"'))) | zero(x ^ (LO * u64::from(b'\\')));
            if m != 0 {
                // The lowest flagged byte is a quote or backslash (a false flag, from a borrow,
                // can only sit above a true one).
                i += (m.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        match b.get(i)? {
            b'"' => return Some((i, escaped)),
            b'\\' => {
                escaped = true;
                i += 2;
            }
            _ => i += 1,
        }
    }
}

fn nesting_message() -> String {
    format!("JSON nested deeper than {MAX_DEPTH} arrays and objects")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> InputError {
        parse_value(text).unwrap_err()
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_path() {
        let e = err(r#"{"facts":{"amount":"9999999.00","amount":"2400000.00"}}"#);
        assert_eq!((e.reason, e.path.as_str()), (InputReason::DuplicateKey, "facts.amount"));
        let e = err(r#"[{"a":1},{"b":[{"c":1,"c":1}]}]"#);
        assert_eq!((e.reason, e.path.as_str()), (InputReason::DuplicateKey, "[1].b[0].c"));
        let e = err(r#"{"a":1,"a":1}"#);
        assert_eq!((e.reason, e.path.as_str()), (InputReason::DuplicateKey, "a"));
        // The same key spelled with an escape is the same key.
        let e = err(r#"{"amount":"1.00","\u0061mount":"2.00"}"#);
        assert_eq!(e.reason, InputReason::DuplicateKey);
        // Equal keys in different objects are fine.
        assert!(parse_value(r#"{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]}"#).is_ok());
    }

    #[test]
    fn nesting_is_limited() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_value(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(err(&deep).reason, InputReason::Nesting);
        let objects = r#"{"a":"#.repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1);
        let e = err(&objects);
        assert_eq!(e.reason, InputReason::Nesting);
        assert!(e.path.starts_with("a.a.a"), "{}", e.path);
        // Far beyond serde_json's own limit (128), unbalanced, and huge: still our error.
        let e = err(&"[".repeat(1_000_000));
        assert_eq!(e.reason, InputReason::Nesting);
        assert!(e.path.chars().count() <= 330, "{}", e.path.len());
    }

    #[test]
    fn syntax_errors_are_malformed_with_the_path_being_read() {
        let e = err(r#"{"facts":{"amount":1.}}"#);
        assert_eq!((e.reason, e.path.as_str()), (InputReason::MalformedJson, "facts.amount"));
        for bad in ["", "[1,", "{\"a\":1} x", "nul", "{\"a\" 1}", "1e999"] {
            assert_eq!(err(bad).reason, InputReason::MalformedJson, "{bad}");
        }
    }

    #[test]
    fn parses_what_serde_json_parses() {
        let text = r#"{"a":[1,-2,3.5,"x\n",true,false,null,{}],"b":{"c":[]},"d":18446744073709551615}"#;
        assert_eq!(parse_value(text).unwrap(), serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn strict_value_refuses_inside_a_deserializer() {
        let mut de = serde_json::Deserializer::from_str(r#"{"x":{"k":1,"k":2}}"#);
        let e = strict_value(&mut de).unwrap_err().to_string();
        assert!(e.contains("duplicate key \"k\" at x.k (duplicate_key)"), "{e}");
    }

    #[test]
    fn typed_errors_name_the_exact_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            amount: crate::Yuan,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Req {
            items: Vec<Item>,
        }
        let v = parse_value(r#"{"items":[{"amount":"1.00"},{"amount":"1.001"}]}"#).unwrap();
        let e = from_value::<Req>(v, "facts").unwrap_err();
        assert_eq!((e.reason, e.path.as_str()), (InputReason::Amount, "facts.items[1].amount"));
        let e = from_value::<Req>(serde_json::json!({"items": 1}), "").unwrap_err();
        assert_eq!((e.reason, e.path.as_str()), (InputReason::Schema, "items"));
    }

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn max_depth_is_the_json_readers_limit() {
        assert!(parse_value(&nested(MAX_DEPTH)).is_ok());
        assert!(parse_value(&nested(MAX_DEPTH + 1)).is_err());
    }

    /// `keys_unique` says `true` only where the strict reader refuses nothing but syntax.
    #[test]
    fn keys_unique_is_true_only_where_the_strict_reader_takes_the_text() {
        for ok in [
            r#"{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}],"d":[true,false,null,-1.5,"e\n\"E"]}"#,
            r#"[{"a":"{\"a\":1,\"a\":2}"}]"#,
            // Sorted, then not: the later keys are compared with all the earlier ones.
            r#"{"b":{"a":1,"c":2},"a":2,"c":{"b":1,"a":[]},"d":"0123456\"89abcdef\\\\x"}"#,
            "{}",
            "[]",
            "7",
        ] {
            assert!(keys_unique(ok), "{ok}");
            assert!(parse_value(ok).is_ok(), "{ok}");
        }
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let wide = format!("{{{}}}", (0..65).map(|i| format!("\"k{i}\":{i}")).collect::<Vec<_>>().join(","));
        assert!(keys_unique(&deep(MAX_DEPTH)));
        for not in [
            r#"{"a":1,"a":2}"#.to_string(),
            r#"{"a":1,"b":2,"b":3}"#.to_string(),
            r#"{"a":1,"b":2,"a":3}"#.to_string(),
            r#"{"b":1,"a":2,"c":3,"a":4}"#.to_string(),
            r#"{"a":{"x":"\"\\\"","y":1},"b":2,"b":3}"#.to_string(),
            r#"[{"b":{"c":[{"d":1,"e":2,"d":3}]}}]"#.to_string(),
            r#"{"a":1,"\u0061":2}"#.to_string(),
            r#"{"a":"\ud800"}"#.to_string(),
            r#"{"a":1e999}"#.to_string(),
            format!("{{\"a\":{}}}", "9".repeat(400)),
            deep(MAX_DEPTH + 1),
            wide,
            "\"open".to_string(),
        ] {
            assert!(!keys_unique(&not), "{not}");
        }
    }

    /// A JSON object of up to `depth` levels: short keys in any order (repeats too), string
    /// values with quotes and backslashes anywhere in an eight-byte word.
    fn object(depth: u32) -> proptest::strategy::BoxedStrategy<String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            any::<u8>().prop_map(|n| n.to_string()),
            "[a\"\\\\]{0,20}".prop_map(|s| Value::from(s).to_string())
        ];
        let value = if depth == 0 { leaf.boxed() } else { prop_oneof![leaf, object(depth - 1)].boxed() };
        proptest::collection::vec(("[a-c]{1,2}", value), 0..7)
            .prop_map(|kv| {
                let items: Vec<String> = kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", items.join(","))
            })
            .boxed()
    }

    proptest::proptest! {
        /// Invariant: on objects of plain keys and strings, `keys_unique` says `true` exactly
        /// where the strict reader finds no repeated key, sorted or not.
        #[test]
        fn keys_unique_agrees_with_the_strict_reader(text in object(2)) {
            proptest::prop_assert_eq!(keys_unique(&text), parse_value(&text).is_ok(), "{}", text);
        }
    }

    #[test]
    fn join_paths() {
        assert_eq!(join("", "a"), "a");
        assert_eq!(join("a", ""), "a");
        assert_eq!(join("requests", "[3].total"), "requests[3].total");
        assert_eq!(join("facts", "amount"), "facts.amount");
    }
}
