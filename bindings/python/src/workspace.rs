//! `Workspace`: the core's `wanzheng::Workspace` — projects and plan years of one approval
//! system, commands routed to their stream (the shape of the shared scenario fixtures).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use wanzheng::{Command, Error, MachineId, Stream, Workspace};

use crate::convert::context;
use crate::digital::PyDigitalProject;
use crate::errors::{IntoPyResult, from_core};
use crate::investment::PyInvestmentProject;
use crate::outcome::{Applied, PyFinding, PyObligation, PyTransition};
use crate::project::{Pending, as_of, judged, pending};
use crate::shared::Shared;

/// Projects and plan years of one approval system: every command names its `stream`
/// (RULES.md §1.7) and goes to that project or plan year; project machines read the plans.
///
/// Safe to share between threads: a lock per object serialises the calls on it (`shared.rs`).
#[pyclass(module = "wanzheng._wanzheng", name = "Workspace", frozen)]
pub struct PyWorkspace {
    inner: Shared<Workspace>,
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
    let state = state_of(ws, &cmd.stream);
    judged(cmd, state, strict, |c| ws.apply(c))
}

fn parse(pending: Pending) -> Result<Command, Error> {
    match pending {
        Pending::Parsed(c) => Ok(c),
        Pending::Raw(v) => Command::from_value(Value::Object(v)).map_err(Error::from),
    }
}

#[pymethods]
impl PyWorkspace {
    #[new]
    #[pyo3(signature = (*, config = None))]
    fn new(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyWorkspace { inner: Shared::new(Workspace::new(context(config)?)) })
    }

    /// Applies one command (with its `stream`); a refusal comes back as a rejected transition
    /// unless `strict`. Malformed input raises `InputError`.
    #[pyo3(signature = (command, /, *, strict = false))]
    fn apply(&self, py: Python<'_>, command: &Bound<'_, PyAny>, strict: bool) -> PyResult<PyTransition> {
        let cmd = parse(pending(command)?).py_err(py)?;
        apply_core(&mut *self.inner.lock(py)?, cmd, strict).map(PyTransition).map_err(|e| from_core(py, e))
    }

    /// Dry run (issue 13): the transition `apply(command, strict=strict)` would return, with
    /// nothing changed on any stream (the logs are not copied).
    #[pyo3(signature = (command, /, *, strict = false))]
    fn what_if(&self, py: Python<'_>, command: &Bound<'_, PyAny>, strict: bool) -> PyResult<PyTransition> {
        let cmd = parse(pending(command)?).py_err(py)?;
        let ws = &mut *self.inner.lock(py)?;
        let state = state_of(ws, &cmd.stream);
        judged(cmd, state, strict, |c| ws.what_if(c)).map(PyTransition).map_err(|e| from_core(py, e))
    }

    /// What may happen next on every stream (issue 13): investment projects by id (with their
    /// change, adjustment and accountability streams), plan years, digital projects by id, DIG
    /// cycles by year — as of `as_of` (default: today), for `actor` (default: any).
    #[pyo3(signature = (as_of = None, actor = None))]
    fn permitted_events(
        &self,
        py: Python<'_>,
        as_of: Option<&Bound<'_, PyAny>>,
        actor: Option<&str>,
    ) -> PyResult<crate::permitted::PyPermitted> {
        let d = self::as_of(py, as_of)?;
        let a = crate::permitted::actor_arg(py, actor)?;
        Ok(crate::permitted::permitted(self.inner.lock(py)?.permitted_events(d, a)))
    }

    /// Applies commands in order, without the GIL.
    #[pyo3(signature = (commands, /, *, strict = false))]
    fn apply_all(&self, py: Python<'_>, commands: &Bound<'_, PyAny>, strict: bool) -> PyResult<Vec<PyTransition>> {
        let mut parsed = Vec::new();
        for c in commands.try_iter()? {
            parsed.push(pending(&c?)?);
        }
        let mut ws = self.inner.lock(py)?;
        let ws = &mut *ws;
        let results: Vec<Result<Applied, Error>> = py.detach(|| {
            let mut out = Vec::with_capacity(parsed.len());
            for pending in parsed {
                let r = parse(pending).and_then(|c| apply_core(ws, c, strict));
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
        let ws = self.inner.lock(py)?;
        for (id, p) in ws.investments() {
            d.set_item(id, PyInvestmentProject::of(p.clone()))?;
        }
        for (id, p) in ws.digitals() {
            d.set_item(id, PyDigitalProject::of(p.clone()))?;
        }
        Ok(d)
    }

    /// The state of every stream: `{"inv/P1": "reserve", "plan/2024": "plan_issued", …}`.
    fn states<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let ws = self.inner.lock(py)?;
        for (id, p) in ws.investments() {
            d.set_item(format!("inv/{id}"), p.state().map(|s| s.as_str()))?;
        }
        for (year, p) in ws.plans() {
            d.set_item(format!("plan/{year}"), p.state().map(|s| s.as_str()))?;
        }
        for (id, p) in ws.digitals() {
            d.set_item(format!("dig/{id}"), p.state().map(|s| s.as_str()))?;
        }
        for (year, c) in ws.cycles() {
            d.set_item(format!("dig_cycle/{year}"), c.state().map(|s| s.as_str()))?;
        }
        Ok(d)
    }

    /// One row per stream (issue 14; columns: README "Portfolio frames"), an Arrow result
    /// (`wanzheng.Workspace.states_frame` wraps it as a `pyarrow.Table`).
    fn _states_frame(&self, py: Python<'_>) -> PyResult<crate::arrow::ArrowResult> {
        let ws = self.inner.lock(py)?;
        crate::frames::states_frame(&ws)
    }

    /// One row per log entry of every stream (issue 14).
    fn _events_frame(&self, py: Python<'_>) -> PyResult<crate::arrow::ArrowResult> {
        let ws = self.inner.lock(py)?;
        crate::frames::events_frame(&ws)
    }

    /// One row per finding, each stream as of its own `as_of` unless given (issue 14).
    #[pyo3(signature = (as_of = None))]
    fn _findings_frame(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<crate::arrow::ArrowResult> {
        let a = crate::frames::AsOf::read(py, as_of)?;
        let ws = self.inner.lock(py)?;
        crate::frames::findings_frame(py, &ws, &a)
    }

    /// One row per obligation, each stream as of its own `as_of` unless given (issue 14).
    #[pyo3(signature = (as_of = None))]
    fn _obligations_frame(
        &self,
        py: Python<'_>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::arrow::ArrowResult> {
        let a = crate::frames::AsOf::read(py, as_of)?;
        let ws = self.inner.lock(py)?;
        crate::frames::obligations_frame(py, &ws, &a)
    }

    /// One row per payment request (issue 14).
    fn _payments_frame(&self, py: Python<'_>) -> PyResult<crate::arrow::ArrowResult> {
        let ws = self.inner.lock(py)?;
        crate::frames::payments_frame(&ws)
    }

    /// Findings and open obligations of every stream as of `as_of` (default: today): one dict
    /// per stream with `stream`, `state`, `obligations` and `findings`.
    #[pyo3(signature = (as_of = None))]
    fn report<'py>(&self, py: Python<'py>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Bound<'py, PyList>> {
        let d = self::as_of(py, as_of)?;
        let out = PyList::empty(py);
        let report = self.inner.lock(py)?.report(d);
        for r in report {
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
        let ws = self.inner.lock(py)?;
        let d = crate::report::workspace_as_of(py, &ws, as_of)?;
        let ws = &*ws;
        Ok(py.detach(|| wanzheng::Report::of_workspace(ws, d).html()))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let ws = self.inner.lock(py)?;
        let d = crate::report::workspace_as_of(py, &ws, None)?;
        Ok(wanzheng::Report::of_workspace(&ws, d).html_fragment())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let ws = self.inner.lock(py)?;
        Ok(format!("Workspace(projects={}, plans={})", ws.investments().count(), ws.plans().count()))
    }
}

impl PyWorkspace {
    /// Wraps a core workspace (`read_logs`).
    pub fn of(ws: Workspace) -> PyWorkspace {
        PyWorkspace { inner: Shared::new(ws) }
    }
}
