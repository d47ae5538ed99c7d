//! The decision functions of RULES.md §4: the generic `decide` over the core's JSON dispatcher,
//! its batch form (run without the GIL), and `explain`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value};

use wanzheng::decide as dispatch;
use wanzheng::{Context, Error};

use crate::convert::{context, json_to_py, parse_json, py_to_json};
use crate::errors::{IntoPyResult, from_core};
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

/// `decide` over many requests: the requests are converted first, the core work runs without
/// the GIL, then the results are converted. With `errors="raise"` the first failing request
/// raises (its index is in the message); with `errors="return"` its exception object takes its
/// place in the result list.
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
    // Conversion errors (a float, a wrong type) belong to their request, like the core's.
    let mut reqs: Vec<Option<Value>> = Vec::new();
    let mut failed: Vec<(usize, PyErr)> = Vec::new();
    for (i, r) in requests.try_iter()?.enumerate() {
        match request(Some(&r?), None) {
            Ok(v) => reqs.push(Some(v)),
            Err(e) => {
                reqs.push(None);
                failed.push((i, e));
            }
        }
    }
    let ctx: Context = context(config)?;
    let results: Vec<Option<Result<Value, Error>>> =
        py.detach(|| reqs.into_iter().map(|r| r.map(|r| dispatch::decide_value(function, r, &ctx))).collect());
    let mut failed = failed.into_iter().peekable();
    let out = PyList::empty(py);
    for (i, r) in results.into_iter().enumerate() {
        let err = match r {
            Some(Ok(v)) => {
                out.append(json_to_py(py, &v, !raw)?)?;
                continue;
            }
            Some(Err(e)) => from_core(py, e),
            None => match failed.next_if(|(j, _)| *j == i) {
                Some((_, e)) => e,
                None => return Err(crate::errors::internal("a failed conversion without its error")),
            },
        };
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
    Ok(out)
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
