//! What an approval screen asks (issue 13), for Python: `permitted_events` answers as typed
//! objects — `Permitted` (the screen), `StreamPermits` (one stream's table), `PermittedEvent`
//! (one row) and `Reason` (a blocker or caution) — with `to_json()` giving the core's JSON
//! byte for byte and `to_dict()` its parsed form. No judgment here: the core's `Permitted` is
//! wrapped as it is.

use std::fmt::Write as _;

use chrono::NaiveDate;
use pyo3::prelude::*;
use serde::Serialize;

use wanzheng::permitted::{Permitted, PermittedEvent, Reason, StreamPermits};
use wanzheng::{Actor, Error, InputError, InputReason, ObligationStatus};

use crate::convert::{date_to_py, json_to_py};
use crate::errors::IntoPyResult;
use crate::outcome::{PyObligation, esc, pyrepr};

fn to_value<T: Serialize>(v: &T) -> PyResult<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| crate::errors::internal(e.to_string()))
}

fn dict<'py, T: Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &to_value(v)?, false)
}

/// An `actor` argument: an actor id (a string or a member of a str enum), or `None` for any.
pub fn actor_arg(py: Python<'_>, actor: Option<&str>) -> PyResult<Option<Actor>> {
    match actor {
        None => Ok(None),
        Some(a) => Actor::parse(a)
            .map(Some)
            .ok_or_else(|| {
                Error::from(InputError::new(
                    "actor",
                    InputReason::InvalidValue,
                    format!("actor {:?} is not an actor", wanzheng::error::echo(a)),
                ))
            })
            .py_err(py),
    }
}

// ---------------------------------------------------------------------------------------------
// Reason

/// Why an act is blocked, or what it would carry although accepted: a transition refusal
/// (`kind == "transition"`, no rule) or a rule's outcome (`violation`, `default_breach`,
/// `warning`, `finding`) with its article and messages.
#[pyclass(module = "wanzheng._wanzheng", name = "Reason", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct PyReason(pub Reason);

#[pymethods]
impl PyReason {
    /// `transition`, `violation`, `default_breach`, `warning` or `finding`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind()
    }
    /// The rule ID (`None` for a transition refusal).
    #[getter]
    fn rule_id(&self) -> Option<&'static str> {
        self.0.rule().map(|r| r.as_str())
    }
    /// The snake_case detail (`wrong_actor`, `terminal`, …) or `''`.
    #[getter]
    fn detail(&self) -> &str {
        self.0.detail()
    }
    /// The article (`宛政〔2023〕7号 第八条`), `None` for a transition refusal.
    #[getter]
    fn article(&self) -> Option<String> {
        self.0.article()
    }
    /// The Chinese message.
    #[getter]
    fn message_zh(&self) -> String {
        self.0.message_zh()
    }
    /// The English message.
    #[getter]
    fn message_en(&self) -> String {
        self.0.message_en()
    }
    /// The reason as a dict (the keys of the JSON form: `rule`, not `rule_id`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict(py, &self.0)
    }
    /// The reason as JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(to_value(&self.0)?.to_string())
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Reason(kind={}, rule_id={}, detail={})",
            pyrepr(py, self.0.kind()),
            self.0.rule().map(|r| pyrepr(py, r.as_str())).unwrap_or_else(|| "None".into()),
            pyrepr(py, self.0.detail())
        )
    }
    fn __str__(&self) -> String {
        match self.0.rule() {
            Some(r) => format!("{} {}: {}", r.as_str(), r.article_zh(), self.0.message_en()),
            None => self.0.message_en(),
        }
    }
}

fn reasons(r: &[Reason]) -> Vec<PyReason> {
    r.iter().cloned().map(PyReason).collect()
}

fn reasons_html(s: &mut String, r: &[Reason]) {
    for x in r {
        let _ = write!(
            s,
            "<div>{}{} {}<br/><small>{}</small></div>",
            x.rule().map(|r| format!("<code>{}</code> ", r.as_str())).unwrap_or_default(),
            esc(&x.article().unwrap_or_default()),
            esc(&x.message_zh()),
            esc(&x.message_en())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// PermittedEvent

/// One row of a stream's transition table, judged for the screen: who may perform the event,
/// whether it is allowed now, why not (`blockers`, trace order), what it would carry anyway
/// (`cautions`) and, when allowed, the open obligations it would discharge.
#[pyclass(module = "wanzheng._wanzheng", name = "PermittedEvent", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct PyPermittedEvent {
    row: PermittedEvent,
    as_of: NaiveDate,
}

#[pymethods]
impl PyPermittedEvent {
    /// The event's wire name.
    #[getter]
    fn event(&self) -> &'static str {
        self.row.event
    }
    /// The actors who may perform it.
    #[getter]
    fn actors(&self) -> Vec<&'static str> {
        self.row.actors.iter().map(|a| a.as_str()).collect()
    }
    /// The states it leads to from the current one (empty: the state is kept).
    #[getter]
    fn to(&self) -> Vec<&'static str> {
        self.row.to.clone()
    }
    /// Whether it is permitted now (for the actor asked for, when one was given).
    #[getter]
    fn allowed(&self) -> bool {
        self.row.allowed
    }
    /// Why not, in trace order (empty when allowed).
    #[getter]
    fn blockers(&self) -> Vec<PyReason> {
        reasons(&self.row.blockers)
    }
    /// Default breaches, warnings and findings it would carry although accepted.
    #[getter]
    fn cautions(&self) -> Vec<PyReason> {
        reasons(&self.row.cautions)
    }
    /// The open obligations it would discharge (allowed events only), as of the screen's date.
    #[getter]
    fn discharges(&self) -> Vec<PyObligation> {
        self.row
            .discharges
            .iter()
            .map(|o| PyObligation(ObligationStatus { obligation: o.clone(), overdue: self.as_of > o.due }))
            .collect()
    }
    /// For the gated acts of RULES.md §3.3: per lot class, whether the stage gates hold now
    /// (dicts as in the JSON form; empty for other events).
    #[getter]
    fn lot_gates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict(py, &self.row.lot_gates)
    }
    /// The row as a dict (the JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict(py, &self.row)
    }
    /// The row as JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(to_value(&self.row)?.to_string())
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "PermittedEvent(event={}, allowed={}, actors=[{}], blockers={})",
            pyrepr(py, self.row.event),
            if self.row.allowed { "True" } else { "False" },
            self.row.actors.iter().map(|a| pyrepr(py, a.as_str())).collect::<Vec<_>>().join(", "),
            self.row.blockers.len()
        )
    }
}

// ---------------------------------------------------------------------------------------------
// StreamPermits

/// The table of one stream: its machine, project, instance (`None`: a new instance of a
/// sub-machine), state, and every event of the machine's table in table order.
#[pyclass(module = "wanzheng._wanzheng", name = "StreamPermits", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct PyStreamPermits {
    stream: StreamPermits,
    as_of: NaiveDate,
}

impl PyStreamPermits {
    fn rows(&self, only_allowed: bool) -> Vec<PyPermittedEvent> {
        self.stream
            .events
            .iter()
            .filter(|e| !only_allowed || e.allowed)
            .map(|e| PyPermittedEvent { row: e.clone(), as_of: self.as_of })
            .collect()
    }
}

#[pymethods]
impl PyStreamPermits {
    /// The machine (`inv`, `change`, `adjustment`, `accountability`, `plan`, `dig`, `dig_cycle`).
    #[getter]
    fn machine(&self) -> &'static str {
        self.stream.machine.as_str()
    }
    /// The project (`None` for plan and cycle streams).
    #[getter]
    fn project_id(&self) -> Option<&str> {
        self.stream.project_id.as_deref()
    }
    /// The instance (`None`: a new instance of a sub-machine, not created yet).
    #[getter]
    fn instance(&self) -> Option<&str> {
        self.stream.instance.as_deref()
    }
    /// The current state (`'none'` before the first event; the DIG project's state for its
    /// INV parts).
    #[getter]
    fn state(&self) -> &'static str {
        self.stream.state
    }
    /// `'dig'` for the INV parts of a budget-funded DIG project (AMB-25), else `None`.
    #[getter]
    fn parts_of(&self) -> Option<&'static str> {
        self.stream.parts_of.map(|m| m.as_str())
    }
    /// Every row of the table, in table order.
    #[getter]
    fn events(&self) -> Vec<PyPermittedEvent> {
        self.rows(false)
    }
    /// The events allowed now, in table order.
    fn allowed(&self) -> Vec<PyPermittedEvent> {
        self.rows(true)
    }
    /// The row of `event`, or `None`.
    fn event(&self, event: &str) -> Option<PyPermittedEvent> {
        self.stream.event(event).map(|e| PyPermittedEvent { row: e.clone(), as_of: self.as_of })
    }
    /// The stream as a dict (the JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict(py, &self.stream)
    }
    /// The stream as JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(to_value(&self.stream)?.to_string())
    }
    fn __len__(&self) -> usize {
        self.stream.events.len()
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "StreamPermits(machine={}, project_id={}, instance={}, state={}, allowed=[{}])",
            pyrepr(py, self.stream.machine.as_str()),
            self.stream.project_id.as_deref().map(|s| pyrepr(py, s)).unwrap_or_else(|| "None".into()),
            self.stream.instance.as_deref().map(|s| pyrepr(py, s)).unwrap_or_else(|| "None".into()),
            pyrepr(py, self.stream.state),
            self.stream.allowed().map(|e| pyrepr(py, e.event)).collect::<Vec<_>>().join(", ")
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Permitted

/// What an approval screen shows (issue 13): every stream's table as of a date, for an actor or
/// for any. `to_json()` is the core's JSON (README "Approval screens"); in a notebook it renders
/// as a table per stream.
#[pyclass(module = "wanzheng._wanzheng", name = "Permitted", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct PyPermitted(pub Permitted);

impl PyPermitted {
    fn wrap(&self, s: &StreamPermits) -> PyStreamPermits {
        PyStreamPermits { stream: s.clone(), as_of: self.0.as_of }
    }
}

#[pymethods]
impl PyPermitted {
    /// The date the acts would carry.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.as_of)
    }
    /// The actor asked for (`None`: any actor).
    #[getter]
    fn actor(&self) -> Option<&'static str> {
        self.0.actor.map(|a| a.as_str())
    }
    /// The streams, in a fixed order (a project's own stream first, then its sub-machines').
    #[getter]
    fn streams(&self) -> Vec<PyStreamPermits> {
        self.0.streams.iter().map(|s| self.wrap(s)).collect()
    }
    /// The stream of `machine` and `instance` (`None`: the new-instance table of a sub-machine;
    /// for a workspace, give `project_id` to choose among projects).
    #[pyo3(signature = (machine, instance = None, project_id = None))]
    fn stream(&self, machine: &str, instance: Option<&str>, project_id: Option<&str>) -> Option<PyStreamPermits> {
        self.0
            .streams
            .iter()
            .find(|s| {
                s.machine.as_str() == machine
                    && s.instance.as_deref() == instance
                    && project_id.is_none_or(|p| s.project_id.as_deref() == Some(p))
            })
            .map(|s| self.wrap(s))
    }
    /// Whether `event` may be performed on the stream (`machine`, `instance`, `project_id` as
    /// in `stream`).
    #[pyo3(signature = (machine, event, instance = None, project_id = None))]
    fn is_allowed(&self, machine: &str, event: &str, instance: Option<&str>, project_id: Option<&str>) -> bool {
        self.stream(machine, instance, project_id).and_then(|s| s.stream.event(event).map(|e| e.allowed)) == Some(true)
    }
    /// The events allowed now on every stream, as `(stream, event)` pairs in screen order.
    fn allowed(&self) -> Vec<(PyStreamPermits, PyPermittedEvent)> {
        let mut out = Vec::new();
        for s in &self.0.streams {
            let w = self.wrap(s);
            for e in w.rows(true) {
                out.push((w.clone(), e));
            }
        }
        out
    }
    /// The screen as a dict (the parsed JSON form; dates as ISO strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict(py, &self.0)
    }
    /// The screen as JSON text: the core's JSON, identical to Rust, C, Java and the CLI.
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    fn __len__(&self) -> usize {
        self.0.streams.len()
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Permitted(as_of={}, actor={}, streams={}, allowed={})",
            pyrepr(py, &self.0.as_of.to_string()),
            self.0.actor.map(|a| pyrepr(py, a.as_str())).unwrap_or_else(|| "None".into()),
            self.0.streams.len(),
            self.0.streams.iter().map(|s| s.allowed().count()).sum::<usize>()
        )
    }
    /// A table per stream: event, actors, allowed, why not (rule, article, zh/en), what it
    /// would carry and discharge.
    fn _repr_html_(&self) -> String {
        let mut s = format!(
            "<div class=\"wz-permitted\"><b>Permitted acts</b> as of {} for {}",
            self.0.as_of,
            esc(self.0.actor.map(|a| a.as_str()).unwrap_or("any actor"))
        );
        for st in &self.0.streams {
            let _ = write!(
                s,
                "<h4>{}{} {} — <code>{}</code></h4><table><thead><tr><th>event</th><th>actors</th>\
                 <th>allowed</th><th>why not</th><th>cautions</th><th>discharges</th></tr></thead><tbody>",
                st.machine.as_str(),
                st.project_id.as_deref().map(|p| format!(" {}", esc(p))).unwrap_or_default(),
                esc(st.instance.as_deref().unwrap_or("(new)")),
                st.state
            );
            for e in &st.events {
                let _ = write!(
                    s,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>",
                    e.event,
                    e.actors.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "),
                    if e.allowed { "✓" } else { "✗" }
                );
                reasons_html(&mut s, &e.blockers);
                s.push_str("</td><td>");
                reasons_html(&mut s, &e.cautions);
                s.push_str("</td><td>");
                for o in &e.discharges {
                    let _ = write!(s, "<div><code>{}</code> {} due {}</div>", o.rule.as_str(), esc(&o.duty), o.due);
                }
                s.push_str("</td></tr>");
            }
            s.push_str("</tbody></table>");
        }
        s.push_str("</div>");
        s
    }
}

/// The screen of a core answer.
pub fn permitted(p: Permitted) -> PyPermitted {
    PyPermitted(p)
}

/// Registers the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPermitted>()?;
    m.add_class::<PyStreamPermits>()?;
    m.add_class::<PyPermittedEvent>()?;
    m.add_class::<PyReason>()?;
    Ok(())
}
