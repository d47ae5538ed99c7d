//! `Command`: a parsed, checked command (RULES.md §1.6, §1.7) that can be applied many times.
//!
//! `apply` accepts mappings and JSON text too; a `Command` skips the conversion and the parse,
//! which is what a batch that applies the same prepared commands to many projects wants.

use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;

use wanzheng::Command;

use crate::convert::{json_to_py, parse_json, py_to_json};
use crate::errors::IntoPyResult;
use crate::outcome::pyrepr;

/// A command: an event with its envelope (`stream`, `actor`, `date`, `mode`, `facts`, …),
/// parsed and checked once. Build it from a mapping or JSON text (with its `stream`), or with
/// `InvestmentProject.command(…)`, which fills the project's stream and code.
#[pyclass(module = "wanzheng._wanzheng", name = "Command", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyCommand(pub Command);

/// Parses a command from a JSON object (with `stream`).
pub fn parse(py: Python<'_>, v: Value) -> PyResult<Command> {
    Command::from_value(v).py_err(py)
}

impl PyCommand {
    fn value(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }
}

#[pymethods]
impl PyCommand {
    #[new]
    fn new(py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = if let Ok(s) = command.cast::<PyString>() {
            parse_json(py, &s.to_cow()?)?
        } else {
            py_to_json(command, "")?
        };
        Ok(PyCommand(parse(py, v)?))
    }

    /// The event name.
    #[getter]
    fn event(&self) -> &'static str {
        self.0.event.name()
    }

    /// The stream's machine (`inv`, `change`, `dig`, …).
    #[getter]
    fn machine(&self) -> &'static str {
        self.0.stream.machine.as_str()
    }

    /// The acting actor id.
    #[getter]
    fn actor(&self) -> &'static str {
        self.0.actor.as_str()
    }

    /// The date.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::date_to_py(py, self.0.date)
    }

    /// `enforce` or `record`.
    #[getter]
    fn mode(&self) -> &'static str {
        match self.0.mode {
            wanzheng::Mode::Enforce => "enforce",
            wanzheng::Mode::Record => "record",
        }
    }

    /// The command as a dict (the shape `Command(…)` reads); amounts `Decimal`, dates `date`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.value(), true)
    }

    /// The command as JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Parses a command from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(PyCommand(parse(py, parse_json(py, text)?)?))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().0.to_json(),)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let s = &self.0.stream;
        let stream = match &s.project_id {
            Some(p) if *p == s.instance => format!("{}/{}", s.machine.as_str(), p),
            Some(p) => format!("{}/{}/{}", s.machine.as_str(), p, s.instance),
            None => format!("{}/{}", s.machine.as_str(), s.instance),
        };
        format!(
            "Command(event={}, actor={}, date={}, stream={})",
            pyrepr(py, self.event()),
            pyrepr(py, self.actor()),
            pyrepr(py, &self.0.date.to_string()),
            pyrepr(py, &stream)
        )
    }
}
