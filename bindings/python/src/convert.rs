//! Conversions between Python values and the core's types.
//!
//! * Amounts in: `decimal.Decimal` or an exact `str` of RULES.md §1.3. A `float` (or a `bool`)
//!   is a `TypeError` that says why; an `int` is refused like a JSON number and a value the core
//!   refuses (negative, more than two decimals, above 10^13, NaN) is an `InputError`.
//! * Amounts out: `decimal.Decimal` with two decimals.
//! * Dates: `datetime.date` or an ISO `str`; a `datetime.datetime` is refused (`TypeError`).
//! * Enumerations: the snake_case strings of RULES.md, or `enum.Enum` members whose values are
//!   those strings.
//! * Requests and commands travel to the core as JSON values (the core parses and checks them);
//!   results come back as Python values. In results, a string in the output form of an amount
//!   (digits, a point, two digits) becomes a `Decimal` and an ISO date a `datetime.date`.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde_json::Value;

use wanzheng::money::MoneyError;
use wanzheng::{Context, InputError, InputReason, Yuan};

use crate::errors::{IntoPyResult, input_error};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ENUM: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `decimal.Decimal`.
pub fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

fn enum_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    ENUM.import(py, "enum", "Enum")
}

/// `collections.abc.Mapping`.
pub fn mapping_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    MAPPING.import(py, "collections.abc", "Mapping")
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// The `TypeError` for a float where an amount was expected.
pub fn float_refused(what: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "{what}: a float is refused because binary floating point cannot hold fen exactly \
         (0.1 + 0.2 != 0.3) and wanzheng never rounds (RULES.md §1.3); \
         pass decimal.Decimal('…') or an exact string such as '10000000.00'"
    ))
}

fn money_error(path: &str, e: &MoneyError) -> InputError {
    InputError::amount(path, e)
}

/// Parses a Python `Decimal`'s text (which may use an exponent) into a `Yuan`.
fn decimal_text_to_yuan(text: &str, path: &str) -> Result<Yuan, InputError> {
    let d = Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| money_error(path, &MoneyError::Malformed(text.to_string())))?;
    Yuan::from_decimal(d).map_err(|e| match e {
        // Report the caller's text, not the normalised decimal.
        MoneyError::Negative => money_error(path, &MoneyError::Signed(text.to_string())),
        other => money_error(path, &other),
    })
}

/// The text of a short ASCII string, copied into `buf` without allocating. Under the 3.9
/// stable ABI, `PyString::to_cow` goes through a temporary `bytes` object; an amount is at most
/// a few dozen ASCII characters, copied out here in one call instead. `None` for anything else.
pub fn short_ascii<'b>(s: &Bound<'_, PyString>, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let mut wide = [0 as pyo3::ffi::Py_UCS4; 48];
    // SAFETY: `s` is a live str and the thread is attached. The length is checked against the
    // buffer first, so PyUnicode_AsUCS4 (stable ABI since 3.7) fits; it writes at most
    // `wide.len()` code points into the local array and reads nothing else.
    let n = unsafe { pyo3::ffi::PyUnicode_GetLength(s.as_ptr()) };
    if n <= 0 || n as usize > wide.len() {
        return None;
    }
    let copied = unsafe { pyo3::ffi::PyUnicode_AsUCS4(s.as_ptr(), wide.as_mut_ptr(), wide.len() as _, 0) };
    if copied.is_null() {
        // Leave no exception behind: the caller falls back to the general path.
        let _ = PyErr::take(s.py());
        return None;
    }
    let n = n as usize;
    for (b, &c) in buf.iter_mut().zip(&wide[..n]) {
        if c > 127 {
            return None;
        }
        *b = c as u8;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// `Yuan::parse` of a Python string, without allocating for the usual short ASCII amounts.
pub fn parse_yuan(s: &Bound<'_, PyString>) -> PyResult<Result<Yuan, MoneyError>> {
    let mut buf = [0u8; 48];
    if let Some(text) = short_ascii(s, &mut buf) {
        return Ok(Yuan::parse(text));
    }
    Ok(Yuan::parse(&s.to_cow()?))
}

/// Extracts an amount (see the module docs). `path` names the argument in messages.
pub fn amount(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Yuan> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_yuan(s)?.map_err(|e| money_error(path, &e)).py_err(py);
    }
    let decimal = decimal_type(py)?;
    if obj.get_type().is(decimal) || obj.is_instance(decimal)? {
        let text = obj.str()?;
        // Most decimals print in the wire form already; others (exponent, more zeros) go
        // through the exact decimal parser.
        return match parse_yuan(&text)? {
            Ok(y) => Ok(y),
            Err(_) => decimal_text_to_yuan(&text.to_cow()?, path).py_err(py),
        };
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(float_refused(path));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("{path}: an amount must be decimal.Decimal or str, not bool")));
    }
    if obj.is_instance_of::<PyInt>() || obj.hasattr(pyo3::intern!(py, "__index__"))? {
        // As a JSON number is refused (RULES.md §1.3), so that every binding reads amounts alike.
        return Err(money_error(path, &MoneyError::NotAString)).py_err(py);
    }
    Err(PyTypeError::new_err(format!("{path}: an amount must be decimal.Decimal or str, not {}", type_name(obj))))
}

/// An amount as `decimal.Decimal` (two decimals).
pub fn yuan_to_py<'py>(py: Python<'py>, y: Yuan) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((y.to_string(),))
}

/// Extracts a date: `datetime.date` or an ISO `YYYY-MM-DD` string.
pub fn date(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<NaiveDate> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return parse_iso_date(&s)
            .ok_or_else(|| InputError::new(path, InputReason::Date, format!("{s:?} is not an ISO date YYYY-MM-DD")))
            .py_err(py);
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "{path}: a datetime is refused; pass a datetime.date (dates are calendar days, RULES.md §1.4)"
        )));
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    Err(PyTypeError::new_err(format!("{path}: a date must be datetime.date or an ISO str, not {}", type_name(obj))))
}

/// Parses strict `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A date as `datetime.date`.
pub fn date_to_py<'py>(py: Python<'py>, d: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyDate::new(py, d.year(), d.month() as u8, d.day() as u8)?.into_any())
}

/// An identifier argument: a `str` or an `enum.Enum` member whose value is a `str`.
pub fn ident(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    if obj.is_exact_instance_of::<PyString>() {
        return Ok(obj.cast::<PyString>()?.to_cow()?.into_owned());
    }
    if obj.is_instance(enum_type(obj.py())?)? {
        return ident(&obj.getattr(pyo3::intern!(obj.py(), "value"))?, path);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    Err(PyTypeError::new_err(format!("{path}: expected a str (or an enum.Enum member), not {}", type_name(obj))))
}

/// Where a value sits in the argument, rendered only for an error message.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// The argument's name (or `""` for the whole argument).
    Root(&'a str),
    /// A key of a mapping.
    Key(&'a Path<'a>, &'a str),
    /// An index of a sequence.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// `facts.total`, `doc_refs[0].ref`, …
    pub fn render(&self) -> String {
        match self {
            Path::Root(s) => (*s).to_string(),
            Path::Key(p, k) => {
                let p = p.render();
                if p.is_empty() { (*k).to_string() } else { format!("{p}.{k}") }
            }
            Path::Index(p, i) => format!("{}[{i}]", p.render()),
        }
    }
}

/// Converts a Python value into the JSON value the core parses (see the module docs).
pub fn py_to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    to_json(obj, &Path::Root(path))
}

/// [`py_to_json`] with a lazily rendered path. Exact built-in types are tried first: they are
/// what requests are made of, and checking them costs a pointer comparison each.
pub fn to_json(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_exact_instance_of::<PyString>() {
        return Ok(Value::String(obj.cast::<PyString>()?.to_cow()?.into_owned()));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_exact_instance_of::<PyInt>() {
        return int_to_json(obj, path);
    }
    if obj.is_exact_instance_of::<PyDict>() {
        return dict_to_json(obj.cast::<PyDict>()?.iter(), path);
    }
    if obj.is_exact_instance_of::<PyList>() {
        return seq_to_json(obj.cast::<PyList>()?.iter(), path);
    }
    to_json_slow(obj, path)
}

fn int_to_json(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    if let Ok(n) = obj.extract::<i64>() {
        return Ok(Value::from(n));
    }
    if let Ok(n) = obj.extract::<u64>() {
        return Ok(Value::from(n));
    }
    Err(input_error(
        obj.py(),
        InputError::new(path.render(), InputReason::InvalidValue, format!("integer {obj} is out of range")),
    ))
}

fn to_json_slow(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_instance_of::<PyFloat>() {
        return Err(float_refused(&path.render()));
    }
    if obj.is_instance(enum_type(py)?)? {
        return to_json(&obj.getattr(pyo3::intern!(py, "value"))?, path);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_to_json(obj, path);
    }
    if obj.is_instance(decimal_type(py)?)? {
        // Every decimal of the vocabulary is an amount (RULES.md §1.3): checked here, so the
        // error names the argument; the core parses the canonical text again.
        return Ok(Value::String(amount(obj, &path.render())?.to_string()));
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!("{}: a datetime is refused; pass a datetime.date", path.render())));
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        return Ok(Value::String(d.format("%Y-%m-%d").to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_to_json(d.iter(), path);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return seq_to_json(l.iter(), path);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return seq_to_json(t.iter(), path);
    }
    if obj.is_instance(mapping_type(py)?)? {
        let items = obj.call_method0(pyo3::intern!(py, "items"))?;
        let mut pairs = Vec::new();
        for item in items.try_iter()? {
            pairs.push(item?.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?);
        }
        return dict_to_json(pairs.into_iter(), path);
    }
    if obj.hasattr(pyo3::intern!(py, "__index__"))? {
        let n: i64 = obj.extract()?;
        return Ok(Value::from(n));
    }
    Err(PyTypeError::new_err(format!(
        "{}: cannot pass a {} to wanzheng (expected str, Decimal, int, bool, date, None, list or dict)",
        path.render(),
        type_name(obj)
    )))
}

fn dict_to_json<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    path: &Path<'_>,
) -> PyResult<Value> {
    let mut out = serde_json::Map::new();
    for (k, v) in items {
        let key = if k.is_exact_instance_of::<PyString>() {
            k.cast::<PyString>()?.to_cow()?.into_owned()
        } else {
            ident(&k, &path.render())?
        };
        let val = to_json(&v, &Path::Key(path, &key))?;
        out.insert(key, val);
    }
    Ok(Value::Object(out))
}

fn seq_to_json<'py>(items: impl Iterator<Item = Bound<'py, PyAny>>, path: &Path<'_>) -> PyResult<Value> {
    items.enumerate().map(|(i, v)| to_json(&v, &Path::Index(path, i))).collect::<PyResult<Vec<_>>>().map(Value::Array)
}

/// Whether `s` is in the output form of an amount: `^[0-9]+\.[0-9]{2}$`.
fn is_amount_text(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    n >= 4 && b[n - 3] == b'.' && b[n - 2..].iter().all(u8::is_ascii_digit) && b[..n - 3].iter().all(u8::is_ascii_digit)
}

/// Converts a JSON value from the core into Python; with `typed`, amounts become `Decimal` and
/// ISO dates `datetime.date`.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value, typed: bool) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                // The core never writes fractional JSON numbers; keep any exactly.
                decimal_type(py)?.call1((n.to_string(),))?
            }
        }
        Value::String(s) => {
            if typed && is_amount_text(s) {
                decimal_type(py)?.call1((s.as_str(),))?
            } else if typed && let Some(d) = parse_iso_date(s) {
                date_to_py(py, d)?
            } else {
                PyString::new(py, s).into_any()
            }
        }
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(json_to_py(py, x, typed)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x, typed)?)?;
            }
            d.into_any()
        }
    })
}

/// The default context (RULES.md §7 defaults, embedded calendar), built once.
pub fn default_context() -> Context {
    static DEFAULT: OnceLock<Context> = OnceLock::new();
    DEFAULT.get_or_init(Context::default).clone()
}

/// A context from a `config` argument: `None` (defaults), a mapping or a JSON string.
pub fn context(config: Option<&Bound<'_, PyAny>>) -> PyResult<Context> {
    let Some(obj) = config.filter(|c| !c.is_none()) else {
        return Ok(default_context());
    };
    let py = obj.py();
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else {
        py_to_json(obj, "config")?.to_string()
    };
    let config = wanzheng::Config::from_json(&text).py_err(py)?;
    Ok(Context::new(config, wanzheng::WorkingDayCalendar::embedded()))
}

/// Parses JSON text, mapping syntax errors to `InputError` (`malformed_json`).
pub fn parse_json(py: Python<'_>, text: &str) -> PyResult<Value> {
    wanzheng::json::parse_value(text).py_err(py)
}
