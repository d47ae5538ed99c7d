//! `Workspace`: the core's `wanzheng::Workspace` — projects and plan years of one approval
//! system, commands routed to their stream (the shape of the shared scenario fixtures).

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use wanzheng::{Command, Error, MachineId, Stream, Workspace};

use crate::command::PyCommand;
use crate::convert::context;
use crate::digital::PyDigitalProject;
use crate::errors::{IntoPyResult, from_core};
use crate::investment::PyInvestmentProject;
use crate::outcome::{Applied, PyFinding, PyObligation, PyTransition};
use crate::project::{Pending, as_of, command_value};

/// Projects and plan years of one approval system: every command names its `stream`
/// (RULES.md §1.7) and goes to that project or plan year; project machines read the plans.
#[pyclass(module = "wanzheng._wanzheng", name = "Workspace")]
pub struct PyWorkspace {
    inner: Workspace,
}

fn state_of(ws: &Workspace, s: &Stream) -> &'static str {
    let state = match s.machine {
        MachineId::Plan => s.instance.parse().ok().and_then(|y| ws.plan(y)).and_then(|p| p.state()).map(|x| x.as_str()),
        MachineId::DigCycle => {
            s.instance.parse().ok().and_then(|y| ws.cycle(y)).and_then(|c| c.state()).map(|x| x.as_str())
        }
        MachineId::Dig => {
            s.project_id.as_deref().and_then(|id| ws.digital(id)).and_then(|p| p.state()).map(|x| x.as_str())
        }
        MachineId::Inv | MachineId::Change | MachineId::Adjustment | MachineId::Accountability => {
            let id = s.project_id.as_deref();
            match id.and_then(|id| ws.investment(id)) {
                Some(p) => p.state().map(|x| x.as_str()),
                // Sub-machine streams of a DIG project's INV parts (AMB-25).
                None => id.and_then(|id| ws.digital(id)).and_then(|p| p.state()).map(|x| x.as_str()),
            }
        }
    };
    state.unwrap_or("none")
}

fn apply_core(ws: &mut Workspace, cmd: Command, strict: bool) -> Result<Applied, Error> {
    let machine = Cow::Borrowed(cmd.stream.machine.as_str());
    let event = Cow::Borrowed(cmd.event.name());
    let state = Cow::Borrowed(state_of(ws, &cmd.stream));
    match ws.apply(cmd) {
        Ok(t) => Ok(Applied::Accepted(t)),
        Err(e @ Error::Input(_)) => Err(e),
        Err(e) if strict => Err(e),
        Err(error) => Ok(Applied::Rejected { machine, event, state, error }),
    }
}

fn parse(command: &Bound<'_, PyAny>) -> PyResult<Command> {
    if let Ok(c) = command.cast::<PyCommand>() {
        return Ok(c.get().0.clone());
    }
    Command::from_value(Value::Object(command_value(command)?)).py_err(command.py())
}

#[pymethods]
impl PyWorkspace {
    #[new]
    #[pyo3(signature = (*, config = None))]
    fn new(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyWorkspace { inner: Workspace::new(context(config)?) })
    }

    /// Applies one command (with its `stream`); a refusal comes back as a rejected transition
    /// unless `strict`. Malformed input raises `InputError`.
    #[pyo3(signature = (command, /, *, strict = false))]
    fn apply(&mut self, py: Python<'_>, command: &Bound<'_, PyAny>, strict: bool) -> PyResult<PyTransition> {
        let cmd = parse(command)?;
        apply_core(&mut self.inner, cmd, strict).map(PyTransition).map_err(|e| from_core(py, e))
    }

    /// Applies commands in order, without the GIL.
    #[pyo3(signature = (commands, /, *, strict = false))]
    fn apply_all(&mut self, py: Python<'_>, commands: &Bound<'_, PyAny>, strict: bool) -> PyResult<Vec<PyTransition>> {
        let mut parsed = Vec::new();
        for c in commands.try_iter()? {
            let c = c?;
            parsed.push(match c.cast::<PyCommand>() {
                Ok(cmd) => Pending::Parsed(cmd.get().0.clone()),
                Err(_) => Pending::Raw(command_value(&c)?),
            });
        }
        let ws = &mut self.inner;
        let results: Vec<Result<Applied, Error>> = py.detach(|| {
            let mut out = Vec::with_capacity(parsed.len());
            for pending in parsed {
                let cmd = match pending {
                    Pending::Parsed(c) => Ok(c),
                    Pending::Raw(v) => Command::from_value(Value::Object(v)).map_err(Error::from),
                };
                let r = cmd.and_then(|c| apply_core(ws, c, strict));
                let stop = r.is_err();
                out.push(r);
                if stop {
                    break;
                }
            }
            out
        });
        results.into_iter().map(|r| r.map(PyTransition).py_err(py)).collect()
    }

    /// The investment and digital projects, by id (copies).
    #[getter]
    fn projects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (id, p) in self.inner.investments() {
            d.set_item(id, PyInvestmentProject { inner: p.clone() })?;
        }
        for (id, p) in self.inner.digitals() {
            d.set_item(id, PyDigitalProject { inner: p.clone() })?;
        }
        Ok(d)
    }

    /// The state of every stream: `{"inv/P1": "reserve", "plan/2024": "plan_issued", …}`.
    fn states<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (id, p) in self.inner.investments() {
            d.set_item(format!("inv/{id}"), p.state().map(|s| s.as_str()))?;
        }
        for (year, p) in self.inner.plans() {
            d.set_item(format!("plan/{year}"), p.state().map(|s| s.as_str()))?;
        }
        for (id, p) in self.inner.digitals() {
            d.set_item(format!("dig/{id}"), p.state().map(|s| s.as_str()))?;
        }
        for (year, c) in self.inner.cycles() {
            d.set_item(format!("dig_cycle/{year}"), c.state().map(|s| s.as_str()))?;
        }
        Ok(d)
    }

    /// Findings and open obligations of every stream as of `as_of` (default: today): one dict
    /// per stream with `stream`, `state`, `obligations` and `findings`.
    #[pyo3(signature = (as_of = None))]
    fn report<'py>(&self, py: Python<'py>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Bound<'py, PyList>> {
        let d = self::as_of(py, as_of)?;
        let out = PyList::empty(py);
        for r in self.inner.report(d) {
            let row = PyDict::new(py);
            row.set_item("stream", r.stream)?;
            row.set_item("state", r.state)?;
            row.set_item("obligations", r.obligations.into_iter().map(PyObligation).collect::<Vec<_>>())?;
            row.set_item("findings", r.findings.into_iter().map(PyFinding).collect::<Vec<_>>())?;
            out.append(row)?;
        }
        Ok(out)
    }

    /// The inspection report of every project, plan year and DIG cycle as one self-contained
    /// HTML page, as of `as_of` (default: the latest event date). A workspace keeps no refused
    /// command; `wanzheng.report_html(file)` reports a project file with its rejections.
    #[pyo3(signature = (as_of = None))]
    fn report_html(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let d = crate::report::workspace_as_of(py, &self.inner, as_of)?;
        let ws = &self.inner;
        Ok(py.detach(|| wanzheng::Report::of_workspace(ws, d).html()))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let d = crate::report::workspace_as_of(py, &self.inner, None)?;
        Ok(wanzheng::Report::of_workspace(&self.inner, d).html_fragment())
    }

    fn __repr__(&self) -> String {
        format!("Workspace(projects={}, plans={})", self.inner.investments().count(), self.inner.plans().count())
    }
}
