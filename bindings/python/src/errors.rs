//! The exception tree and the one mapping from the core's errors.
//!
//! ```text
//! Exception
//!  └─ WanzhengError
//!      ├─ InputError (also a ValueError)   malformed input: fix the request
//!      ├─ TransitionError                   the event is not valid in the stream's state
//!      ├─ RuleViolation                     the regulation refuses the act (.rule_id, .article, …)
//!      └─ InternalError                     a bug in wanzheng: please report it
//! ```
//!
//! Each exception carries its facts as instance attributes (`path`, `reason`; `machine`, `state`,
//! `event`, `detail`; `rule_id`, `article`, `citation`, `message_zh`, `message_en`, `outcomes`,
//! `rules`) and the whole record as `details` (a dict). `BaseException.__reduce__` pickles
//! `args` and the instance `__dict__`, so every exception survives pickling.

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use wanzheng::Error;

use crate::convert::json_to_py;

pyo3::create_exception!(
    wanzheng._wanzheng,
    WanzhengError,
    PyException,
    "Base class of every error raised by wanzheng."
);
pyo3::create_exception!(
    wanzheng._wanzheng,
    TransitionError,
    WanzhengError,
    "The event is not valid in the stream's current state (RULES.md §1.6).\n\nAttributes: machine, state, event, detail, details."
);
pyo3::create_exception!(
    wanzheng._wanzheng,
    RuleViolation,
    WanzhengError,
    "The regulation refuses the act (RULES.md §1.6): an R guard failed in enforce mode, or a scope rule in either mode.\n\nAttributes: rule_id, article, citation, message_zh, message_en, event, rules, outcomes, details."
);
pyo3::create_exception!(
    wanzheng._wanzheng,
    InternalError,
    WanzhengError,
    "A bug in wanzheng (a result that should be impossible). Please report it with the input."
);

static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const INPUT_ERROR_DOC: &str = "Malformed input: schema, unknown field or value, amount grammar, date, calendar range, \
future schema_version … (RULES.md §1.6). Also a ValueError.\n\nAttributes: path, reason, details.";

/// `InputError(WanzhengError, ValueError)`: built with `type()` since it has two bases.
pub fn input_error_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    INPUT_ERROR
        .get_or_try_init(py, || {
            let bases = PyTuple::new(py, [py.get_type::<WanzhengError>(), py.get_type::<PyValueError>()])?;
            let ns = PyDict::new(py);
            ns.set_item("__module__", "wanzheng._wanzheng")?;
            ns.set_item("__doc__", INPUT_ERROR_DOC)?;
            let t = py.get_type::<PyType>().call1(("InputError", bases, ns))?;
            Ok::<_, PyErr>(t.cast_into::<PyType>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("WanzhengError", py.get_type::<WanzhengError>())?;
    m.add("InputError", input_error_type(py)?)?;
    m.add("TransitionError", py.get_type::<TransitionError>())?;
    m.add("RuleViolation", py.get_type::<RuleViolation>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// Builds an exception of `ty` with `message` as its only argument and `attrs` as attributes.
fn raise(ty: Bound<'_, PyType>, message: String, details: serde_json::Value, attrs: &[&str]) -> PyErr {
    let py = ty.py();
    let err = PyErr::from_type(ty, message);
    let value = err.value(py);
    let set = || -> PyResult<()> {
        let d = json_to_py(py, &details, false)?;
        let d = d.cast_into::<PyDict>()?;
        for key in attrs {
            if let Some(v) = d.get_item(key)? {
                value.setattr(*key, v)?;
            }
        }
        value.setattr("details", d)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A Python exception from an input error.
pub fn input_error(py: Python<'_>, e: wanzheng::InputError) -> PyErr {
    from_core(py, Error::Input(e))
}

/// The one mapping from the core's errors to the exception tree.
pub fn from_core(py: Python<'_>, e: Error) -> PyErr {
    let details = e.to_json_value();
    let message = e.to_string();
    match e {
        Error::Input(_) => match input_error_type(py) {
            Ok(t) => raise(t.clone(), message, details, &["path", "reason"]),
            Err(err) => err,
        },
        Error::Transition(_) => {
            raise(py.get_type::<TransitionError>(), message, details, &["machine", "state", "event", "detail"])
        }
        Error::Rule(_) => raise(
            py.get_type::<RuleViolation>(),
            message,
            details,
            &["rule_id", "article", "citation", "message_zh", "message_en", "event", "rules", "outcomes"],
        ),
        // `Error` is non_exhaustive: a variant added to the core surfaces as an internal error
        // until this mapping learns it.
        #[allow(unreachable_patterns)]
        other => internal(format!("unmapped core error: {other}")),
    }
}

/// An internal error.
pub fn internal(message: impl Into<String>) -> PyErr {
    InternalError::new_err(message.into())
}

/// Extension: `?` on core results inside functions that hold `py`.
pub trait IntoPyResult<T> {
    /// Maps the core error to its Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| from_core(py, e))
    }
}

impl<T> IntoPyResult<T> for Result<T, wanzheng::InputError> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| input_error(py, e))
    }
}
