//! Conversions between Python values and the core's types.
//!
//! * Amounts in: `decimal.Decimal` or an exact `str` of RULES.md §1.3. A `float` (or a `bool`)
//!   is a `TypeError` that says why; an `int` is refused like a JSON number and a value the core
//!   refuses (negative, more than two decimals, above 10^13, NaN) is an `InputError`. A
//!   `Decimal` is read through its exact text `str(d)` by the core's one grammar, so
//!   `Decimal('1E+7')` is refused as `'1E+7'` is.
//! * Amounts out: `decimal.Decimal` with two decimals.
//! * Dates: `datetime.date` or an ISO `str`; a `datetime.datetime` is refused (`TypeError`).
//! * Enumerations: the snake_case strings of RULES.md, or `enum.Enum` members whose values are
//!   those strings.
//! * Requests and commands travel to the core as JSON values (the core parses and checks them);
//!   results come back as Python values. In results, a string in the output form of an amount
//!   (digits, a point, two digits) becomes a `Decimal` and an ISO date a `datetime.date`.

use std::borrow::Cow;
use std::sync::{Arc, RwLock};

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::Value;

use wanzheng::json::MAX_DEPTH;
use wanzheng::money::MoneyError;
use wanzheng::ruleset::RuleBook;
use wanzheng::{Context, InputError, InputReason, WorkingDayCalendar, Yuan};

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
        // One grammar (RULES.md §1.3): the decimal's exact text, `str(d)`, is read like a `str`
        // amount — `Decimal('1E+7')`, `Decimal('1.0000')`, `Decimal('-0.00')` are refused as
        // '1E+7', '1.0000', '-0.00' are, here and in C, Java and the CLI.
        return parse_yuan(&obj.str()?)?.map_err(|e| money_error(path, &e)).py_err(py);
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
        return wanzheng::date::parse(&s)
            .map_err(|e| InputError::new(path, InputReason::Date, format!("{path}: {e}")))
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

/// Parses strict `YYYY-MM-DD` through the core's one date parser ([`wanzheng::date::parse`]).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    wanzheng::date::parse(s).ok()
}

/// A date as `datetime.date`.
pub fn date_to_py<'py>(py: Python<'py>, d: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyDate::new(py, d.year(), d.month() as u8, d.day() as u8)?.into_any())
}

/// An identifier argument: a `str` or an `enum.Enum` member whose value is a `str`.
pub fn ident(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    let py = obj.py();
    let mut obj = obj.clone();
    // An enum member's value may be another member; a member made to be its own value would
    // loop, so the unwrapping is bounded like any nesting.
    for _ in 0..MAX_DEPTH {
        if obj.is_exact_instance_of::<PyString>() {
            return Ok(obj.cast::<PyString>()?.to_cow()?.into_owned());
        }
        if !obj.is_instance(enum_type(py)?)? {
            if let Ok(s) = obj.cast::<PyString>() {
                return Ok(s.to_cow()?.into_owned());
            }
            return Err(PyTypeError::new_err(format!(
                "{}: expected a str (or an enum.Enum member), not {}",
                bounded(path),
                type_name(&obj)
            )));
        }
        obj = obj.getattr(pyo3::intern!(py, "value"))?;
    }
    Err(input_error(py, nesting(path.to_string())))
}

/// At most [`SHOWN`] characters of `s` (more are elided with `…`), for error messages: an error
/// names the offending input but never copies an unbounded amount of it.
pub fn bounded(s: &str) -> Cow<'_, str> {
    if s.len() <= SHOWN {
        return Cow::Borrowed(s);
    }
    let mut head = SHOWN / 2;
    while !s.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = s.len() - SHOWN / 2;
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    Cow::Owned(format!("{}…{}", &s[..head], &s[tail..]))
}

/// The most characters of caller input an error message repeats (a path, a key).
pub const SHOWN: usize = 200;

/// The error for input nested deeper than [`MAX_DEPTH`] (a value that contains itself is).
fn nesting(path: String) -> InputError {
    InputError::new(
        path,
        InputReason::Nesting,
        format!("lists and mappings nested deeper than {MAX_DEPTH} levels (or a value that contains itself)"),
    )
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
    /// `facts.total`, `doc_refs[0].ref`, … (at most [`SHOWN`] characters, see [`bounded`]).
    pub fn render(&self) -> String {
        let full = self.render_full();
        match bounded(&full) {
            Cow::Borrowed(_) => full,
            Cow::Owned(short) => short,
        }
    }

    fn render_full(&self) -> String {
        match self {
            Path::Root(s) => (*s).to_string(),
            Path::Key(p, k) => {
                let p = p.render_full();
                if p.is_empty() { (*k).to_string() } else { format!("{p}.{k}") }
            }
            Path::Index(p, i) => format!("{}[{i}]", p.render_full()),
        }
    }
}

/// Converts a Python value into the JSON value the core parses (see the module docs).
pub fn py_to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    to_json(obj, &Path::Root(path))
}

/// [`py_to_json`] with a lazily rendered path.
///
/// This is the one conversion of Python input: lists, tuples and mappings nested deeper than
/// [`MAX_DEPTH`] (the core's JSON limit) are an `InputError` with reason `nesting` — a list
/// that contains itself is, instead of recursing until the stack overflows — and a key that
/// reads like an earlier key of the same mapping (a `str` subclass, an enum member whose value
/// is that text, a mapping whose `items()` repeats a key) is one with reason `duplicate_key`.
pub fn to_json(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    value(obj, path, 0)
}

/// The conversion at `depth` enclosing lists and mappings. Exact built-in types are tried
/// first: they are what requests are made of, and checking them costs a pointer comparison each.
fn value(obj: &Bound<'_, PyAny>, path: &Path<'_>, depth: usize) -> PyResult<Value> {
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
        return dict_to_json(obj.cast::<PyDict>()?, path, depth);
    }
    if obj.is_exact_instance_of::<PyList>() {
        return seq_to_json(obj.py(), obj.cast::<PyList>()?.iter(), path, depth);
    }
    value_slow(obj, path, depth)
}

fn int_to_json(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    if let Ok(n) = obj.extract::<i64>() {
        return Ok(Value::from(n));
    }
    if let Ok(n) = obj.extract::<u64>() {
        return Ok(Value::from(n));
    }
    Err(input_error(obj.py(), InputError::new(path.render(), InputReason::InvalidValue, "integer is out of range")))
}

/// One level deeper than `depth`, or the `nesting` error.
fn deeper(py: Python<'_>, path: &Path<'_>, depth: usize) -> PyResult<usize> {
    if depth >= MAX_DEPTH {
        return Err(input_error(py, nesting(path.render())));
    }
    Ok(depth + 1)
}

fn value_slow(obj: &Bound<'_, PyAny>, path: &Path<'_>, depth: usize) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_instance_of::<PyFloat>() {
        return Err(float_refused(&path.render()));
    }
    if obj.is_instance(enum_type(py)?)? {
        // A member's value may be a member again (or, made so, itself): counted as a level.
        let depth = deeper(py, path, depth)?;
        return value(&obj.getattr(pyo3::intern!(py, "value"))?, path, depth);
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
        return dict_to_json(d, path, depth);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return seq_to_json(py, l.iter(), path, depth);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return seq_to_json(py, t.iter(), path, depth);
    }
    if obj.is_instance(mapping_type(py)?)? {
        let depth = deeper(py, path, depth)?;
        let items = obj.call_method0(pyo3::intern!(py, "items"))?;
        let mut pairs = Vec::new();
        for item in items.try_iter()? {
            pairs.push(item?.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?);
        }
        return pairs_to_json(pairs.into_iter(), path, depth);
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

/// A dict, read from a copy: converting a value may run Python code (an enum's `value`, a
/// `Decimal` subclass's `__str__`, `__index__`) that could change the dict under the iterator.
fn dict_to_json(d: &Bound<'_, PyDict>, path: &Path<'_>, depth: usize) -> PyResult<Value> {
    let depth = deeper(d.py(), path, depth)?;
    pairs_to_json(d.copy()?.iter(), path, depth)
}

/// The pairs of a mapping already counted at `depth`.
fn pairs_to_json<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    path: &Path<'_>,
    depth: usize,
) -> PyResult<Value> {
    let mut out = serde_json::Map::new();
    for (k, v) in items {
        let key = if k.is_exact_instance_of::<PyString>() {
            k.cast::<PyString>()?.to_cow()?.into_owned()
        } else {
            ident(&k, &path.render())?
        };
        let at = Path::Key(path, &key);
        let val = value(&v, &at, depth)?;
        match out.entry(key.as_str()) {
            serde_json::map::Entry::Vacant(e) => {
                e.insert(val);
            }
            serde_json::map::Entry::Occupied(_) => return Err(input_error(v.py(), duplicate_key(at.render()))),
        }
    }
    Ok(Value::Object(out))
}

/// The error for a key given twice (`path` names it).
pub fn duplicate_key(path: String) -> InputError {
    InputError::new(path, InputReason::DuplicateKey, "this key is given twice (two keys of the mapping read alike)")
}

fn seq_to_json<'py>(
    py: Python<'py>,
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    path: &Path<'_>,
    depth: usize,
) -> PyResult<Value> {
    let depth = deeper(py, path, depth)?;
    items
        .enumerate()
        .map(|(i, v)| value(&v, &Path::Index(path, i), depth))
        .collect::<PyResult<Vec<_>>>()
        .map(Value::Array)
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

/// The process's working-day calendar: the embedded notices plus those `load_calendar` added.
static CALENDAR: RwLock<Option<Arc<WorkingDayCalendar>>> = RwLock::new(None);

/// The process's working-day calendar (embedded until `load_calendar`).
pub fn calendar() -> Arc<WorkingDayCalendar> {
    match CALENDAR.read() {
        Ok(g) => g.clone().unwrap_or_else(WorkingDayCalendar::embedded),
        Err(poisoned) => poisoned.into_inner().clone().unwrap_or_else(WorkingDayCalendar::embedded),
    }
}

/// Replaces the process's calendar (`None`: the embedded one).
pub fn set_calendar(cal: Option<Arc<WorkingDayCalendar>>) {
    match CALENDAR.write() {
        Ok(mut g) => *g = cal,
        Err(poisoned) => *poisoned.into_inner() = cal,
    }
}

/// The process's rule versions: the built-in one plus the amendments `load_ruleset` added.
static RULEBOOK: RwLock<Option<Arc<RuleBook>>> = RwLock::new(None);

/// The process's rule versions (the built-in version until `load_ruleset`).
pub fn rulebook() -> Arc<RuleBook> {
    let g = match RULEBOOK.read() {
        Ok(g) => g.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    g.unwrap_or_else(|| {
        static BUILTIN: std::sync::OnceLock<Arc<RuleBook>> = std::sync::OnceLock::new();
        Arc::clone(BUILTIN.get_or_init(|| Arc::new(RuleBook::default())))
    })
}

/// Replaces the process's rule versions (`None`: the built-in one only).
pub fn set_rulebook(book: Option<Arc<RuleBook>>) {
    match RULEBOOK.write() {
        Ok(mut g) => *g = book,
        Err(poisoned) => *poisoned.into_inner() = book,
    }
}

/// A context of `config` with the process's calendar and rule versions.
pub fn new_context(config: wanzheng::Config) -> Context {
    Context::new(config, calendar()).with_rulebook(rulebook())
}

/// The default context (RULES.md §7 defaults, the process's calendar and rule versions), built
/// once per calendar and rule book.
pub fn default_context() -> Context {
    static DEFAULT: RwLock<Option<Context>> = RwLock::new(None);
    let (cal, rules) = (calendar(), rulebook());
    if let Ok(g) = DEFAULT.read()
        && let Some(ctx) = g.as_ref()
        && Arc::ptr_eq(ctx.calendar_arc(), &cal)
        && Arc::ptr_eq(ctx.rulebook_arc(), &rules)
    {
        return ctx.clone();
    }
    let ctx = Context::new(wanzheng::Config::default(), cal).with_rulebook(rules);
    if let Ok(mut g) = DEFAULT.write() {
        *g = Some(ctx.clone());
    }
    ctx
}

/// A context from a `config` argument: `None` (defaults), a mapping or a JSON string; the
/// process's calendar.
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
    Ok(new_context(config))
}

/// Parses JSON text, mapping syntax errors to `InputError` (`malformed_json`).
pub fn parse_json(py: Python<'_>, text: &str) -> PyResult<Value> {
    wanzheng::json::parse_value(text).py_err(py)
}
