//! The decision functions of RULES.md §4: the generic `decide` over the core's JSON dispatcher,
//! its batch form (in rounds: the core work without the GIL, signals checked), and `explain`.

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use serde_json::{Map, Value};

use wanzheng::decide as dispatch;
use wanzheng::{Context, Error};

use crate::convert::{bounded, context, duplicate_key, json_to_py, parse_json, py_to_json};
use crate::errors::{IntoPyResult, from_core, input_error};
use crate::outcome::PyExplanation;

/// Builds the request object from a positional mapping (or JSON text) and keyword arguments.
fn request(request: Option<&Bound<'_, PyAny>>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Value> {
    let mut obj = match request.filter(|r| !r.is_none()) {
        None => Map::new(),
        Some(r) => {
            let v =
                if let Ok(s) = r.cast::<PyString>() { parse_json(r.py(), &s.to_cow()?)? } else { py_to_json(r, "")? };
            match v {
                Value::Object(o) => o,
                _ => {
                    return Err(pyo3::exceptions::PyTypeError::new_err(
                        "a request is a mapping (or JSON object text) of the function's arguments",
                    ));
                }
            }
        }
    };
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let key: String = k.extract()?;
            let val = py_to_json(&v, &key)?;
            // A keyword that the request mapping also gives is one argument given twice.
            if obj.contains_key(&key) {
                return Err(input_error(kw.py(), duplicate_key(bounded(&key).into_owned())));
            }
            obj.insert(key, val);
        }
    }
    Ok(Value::Object(obj))
}

/// Evaluates the RULES.md §4 decision function `function` on a request given as a mapping (or
/// JSON text) and/or keyword arguments; returns the result as a dict (amounts `Decimal`, dates
/// `datetime.date`; with `raw=True`, exactly the core's JSON types).
#[pyfunction]
#[pyo3(signature = (function, request = None, /, *, config = None, raw = false, **kwargs))]
pub fn decide<'py>(
    py: Python<'py>,
    function: &str,
    request: Option<&Bound<'py, PyAny>>,
    config: Option<&Bound<'py, PyAny>>,
    raw: bool,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let req = self::request(request, kwargs)?;
    let ctx = context(config)?;
    let res = py.detach(|| dispatch::decide_value(function, req, &ctx)).py_err(py)?;
    json_to_py(py, &res, !raw)
}

/// Requests per round of `decide_batch`: convert them (with the GIL), decide them (without it),
/// convert the results (with it), check for signals. A round of simple requests takes about a
/// millisecond, so a second thread waits at most that long for the GIL (plus its own switch
/// interval) and Ctrl-C is honoured within a round.
const ROUND: usize = 256;

/// Refuses, as the batch's requests, a `str`, `bytes` or mapping: iterating it would make each
/// character or key a request.
pub fn not_a_sequence(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    let refused = if obj.is_instance_of::<PyString>() {
        Some("str")
    } else if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        Some("bytes")
    } else if obj.is_instance_of::<PyDict>() || obj.is_instance(crate::convert::mapping_type(obj.py())?)? {
        Some("mapping")
    } else {
        None
    };
    match refused {
        Some(kind) => Err(PyTypeError::new_err(format!(
            "{what} must be a sequence (list, tuple, …) of items, not a {kind}: iterating a {kind} would \
             make each {} an item",
            if kind == "mapping" { "key" } else { "character" }
        ))),
        None => Ok(()),
    }
}

/// `decide` over many requests, in rounds of `ROUND` (256): each round's requests are converted
/// with the GIL, decided without it, and their results converted with it; signals are checked
/// after each round (Ctrl-C raises `KeyboardInterrupt` within a round). With `errors="raise"`
/// the first failing request raises (its index is in the message); with `errors="return"` its
/// exception object takes its place in the result list.
#[pyfunction]
#[pyo3(signature = (function, requests, /, *, config = None, raw = false, errors = "raise"))]
pub fn decide_batch<'py>(
    py: Python<'py>,
    function: &str,
    requests: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
    raw: bool,
    errors: &str,
) -> PyResult<Bound<'py, PyList>> {
    let keep_errors = match errors {
        "raise" => false,
        "return" => true,
        other => return Err(PyValueError::new_err(format!("errors must be 'raise' or 'return', not {other:?}"))),
    };
    not_a_sequence(requests, "requests")?;
    let ctx: Context = context(config)?;
    let out = PyList::empty(py);
    let mut iter = requests.try_iter()?.peekable();
    // Conversion errors (a float, a wrong type) belong to their request, like the core's.
    let mut round: Vec<Result<Value, Option<PyErr>>> = Vec::with_capacity(ROUND);
    let mut results: Vec<Result<Value, Error>> = Vec::with_capacity(ROUND);
    while iter.peek().is_some() {
        let first = out.len();
        round.clear();
        for r in iter.by_ref().take(ROUND) {
            match request(Some(&r?), None) {
                Ok(v) => round.push(Ok(v)),
                // KeyboardInterrupt, SystemExit … stop the batch; they are nobody's request error.
                Err(e) if !e.is_instance_of::<PyException>(py) => return Err(e),
                Err(e) => round.push(Err(Some(e))),
            }
        }
        results.clear();
        py.detach(|| {
            for v in round.iter_mut().flatten() {
                results.push(dispatch::decide_value(function, std::mem::take(v), &ctx));
            }
        });
        let mut decided = results.drain(..);
        for (k, r) in round.iter_mut().enumerate() {
            let err = match r {
                Ok(_) => match decided.next() {
                    Some(Ok(v)) => {
                        out.append(json_to_py(py, &v, !raw)?)?;
                        continue;
                    }
                    Some(Err(e)) => from_core(py, e),
                    None => return Err(crate::errors::internal("a decided request without its result")),
                },
                Err(e) => match e.take() {
                    Some(e) => e,
                    None => return Err(crate::errors::internal("a failed conversion without its error")),
                },
            };
            let i = first + k;
            within_batch(py, &err, i)?;
            if keep_errors {
                out.append(err.into_value(py))?;
                continue;
            }
            let v = err.value(py);
            v.setattr("index", i)?;
            let msg = format!("request {i}: {}", v.str()?);
            v.setattr("args", (msg,))?;
            return Err(err);
        }
        drop(decided);
        py.check_signals()?;
    }
    Ok(out)
}

/// Names the request in the path of an input error of request `i`: `total` becomes
/// `requests[17].total` (in `path` and in `details`).
pub(crate) fn within_batch(py: Python<'_>, err: &PyErr, i: usize) -> PyResult<()> {
    let v = err.value(py);
    if !v.is_instance(crate::errors::input_error_type(py)?)? {
        return Ok(());
    }
    let Ok(path) = v.getattr(pyo3::intern!(py, "path"))?.extract::<String>() else {
        return Ok(());
    };
    let full = match path.as_str() {
        "" => format!("requests[{i}]"),
        p if p.starts_with('[') => format!("requests[{i}]{p}"),
        p => format!("requests[{i}].{p}"),
    };
    v.setattr("path", &full)?;
    if let Ok(details) = v.getattr(pyo3::intern!(py, "details"))?.cast_into::<PyDict>() {
        details.set_item("path", &full)?;
    }
    Ok(())
}

/// The decision functions the core offers: `(name, section)` pairs in RULES.md §4 order.
#[pyfunction]
pub fn functions() -> Vec<(&'static str, &'static str)> {
    dispatch::FUNCTIONS.iter().map(|f| (f.name, f.section)).collect()
}

/// Explains a rule ID (e.g. `"INV-48.3"`): regulation, article, kind, phrase, summary.
/// Raises `InputError` for an ID RULES.md does not have.
#[pyfunction]
pub fn explain(py: Python<'_>, rule_id: &str) -> PyResult<PyExplanation> {
    match wanzheng::explain(rule_id) {
        Ok(e) => Ok(PyExplanation(e.rule_id)),
        Err(e) => {
            Err(wanzheng::InputError::new("rule_id", wanzheng::InputReason::UnknownValue, e.to_string())).py_err(py)
        }
    }
}

/// Every rule of the catalogue (RULES.md §3), in catalogue order.
#[pyfunction]
pub fn catalogue() -> Vec<PyExplanation> {
    wanzheng::RuleId::all().map(PyExplanation).collect()
}
