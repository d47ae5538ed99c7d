//! Value types handed to Python: `Outcome`, `Transition`, `Finding`, `Obligation`, `Explanation`.
//!
//! All are frozen, compare by value, pickle (through `__reduce__`), print as a constructor call
//! and render as HTML in notebooks.

use std::borrow::Cow;
use std::fmt::Write as _;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde::Serialize;
use serde_json::{Value, json};

use wanzheng::error::RuleViolation as CoreRuleViolation;
use wanzheng::error::TransitionError as CoreTransitionError;
use wanzheng::{Error, Finding, InputError, InputReason, ObligationStatus, OutcomeKind, RuleId};

use crate::convert::{date_to_py, json_to_py, parse_json};
use crate::errors::{IntoPyResult, from_core};

/// Python `repr` of a string.
pub fn pyrepr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s).repr().map(|r| r.to_string()).unwrap_or_else(|_| format!("{s:?}"))
}

/// HTML-escapes text (the core report's escaping).
pub fn esc(s: &str) -> String {
    wanzheng::report::esc(s)
}

fn rule(py: Python<'_>, id: &str) -> PyResult<RuleId> {
    RuleId::lookup(id)
        .ok_or_else(|| InputError::new("rule_id", InputReason::UnknownValue, format!("unknown rule id {id:?}")))
        .py_err(py)
}

fn to_value<T: Serialize>(v: &T) -> PyResult<Value> {
    serde_json::to_value(v).map_err(|e| crate::errors::internal(e.to_string()))
}

fn from_value<T: serde::de::DeserializeOwned>(py: Python<'_>, v: Value, what: &str) -> PyResult<T> {
    wanzheng::json::from_value(v, what).py_err(py)
}

// ---------------------------------------------------------------------------------------------
// Outcome

/// One outcome of a judgment: `{kind, rule, detail}` (RULES.md §1.6).
#[pyclass(module = "wanzheng._wanzheng", name = "Outcome", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyOutcome(pub wanzheng::Outcome);

#[pymethods]
impl PyOutcome {
    #[new]
    #[pyo3(signature = (kind, rule_id, detail = ""))]
    fn new(py: Python<'_>, kind: &Bound<'_, PyAny>, rule_id: &str, detail: &str) -> PyResult<Self> {
        let kind: OutcomeKind = from_value(py, Value::String(crate::convert::ident(kind, "kind")?), "kind")?;
        Ok(PyOutcome(wanzheng::Outcome::new(kind, rule(py, rule_id)?, Cow::Owned(detail.to_string()))))
    }

    /// `violation`, `default_breach`, `warning` or `finding`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The rule ID, e.g. `INV-35.3`.
    #[getter]
    fn rule_id(&self) -> &'static str {
        self.0.rule.as_str()
    }

    /// The snake_case sub-reason, or `''`.
    #[getter]
    fn detail(&self) -> &str {
        &self.0.detail
    }

    /// The article, e.g. `第三十五条`.
    #[getter]
    fn article(&self) -> String {
        self.0.rule.article_zh()
    }

    /// The citation, e.g. `宛政〔2023〕7号 第三十五条`.
    #[getter]
    fn citation(&self) -> String {
        self.0.rule.citation()
    }

    /// The Chinese message, citing the article.
    #[getter]
    fn message_zh(&self) -> String {
        self.0.message_zh()
    }

    /// The English message, citing the rule.
    #[getter]
    fn message_en(&self) -> String {
        self.0.message_en()
    }

    /// The outcome as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("kind", self.kind())?;
        d.set_item("rule_id", self.rule_id())?;
        d.set_item("detail", self.detail())?;
        d.set_item("article", self.article())?;
        d.set_item("message_zh", self.message_zh())?;
        d.set_item("message_en", self.message_en())?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Outcome(kind={}, rule_id={}, detail={})",
            pyrepr(py, self.kind()),
            pyrepr(py, self.rule_id()),
            pyrepr(py, self.detail())
        )
    }

    fn __str__(&self) -> String {
        self.0.message_en()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (String, String, String))> {
        let o = &slf.get().0;
        Ok((slf.get_type(), (o.kind.as_str().to_string(), o.rule.as_str().to_string(), o.detail.to_string())))
    }

    fn _repr_html_(&self) -> String {
        format!(
            "<span class=\"wz-outcome wz-{}\"><b>{}</b> <code>{}</code>{} — {}<br/><small>{}</small></span>",
            self.kind(),
            self.kind(),
            self.rule_id(),
            if self.detail().is_empty() { String::new() } else { format!(" <code>{}</code>", esc(self.detail())) },
            esc(&self.message_zh()),
            esc(&self.message_en()),
        )
    }
}

fn outcomes_list<'py>(py: Python<'py>, outcomes: &[wanzheng::Outcome]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, outcomes.iter().map(|o| PyOutcome(o.clone())))
}

// ---------------------------------------------------------------------------------------------
// Transition

/// What `apply` produced: an accepted transition or a rejection (nothing changed).
#[derive(Clone, PartialEq)]
pub enum Applied {
    /// The command was accepted and appended.
    Accepted(wanzheng::Transition),
    /// The command was refused by the machine or the regulation.
    Rejected {
        /// The stream's machine.
        machine: Cow<'static, str>,
        /// The refused event.
        event: Cow<'static, str>,
        /// The stream's state (unchanged).
        state: Cow<'static, str>,
        /// Why (a `RuleViolation` or a `TransitionError`).
        error: Error,
    },
}

/// The result of `apply`: accepted (with its log `seq`, `from_state` → `to_state`, the rule trace and
/// the outcomes) or rejected (`accepted` is false, `error` tells why, nothing changed).
#[pyclass(module = "wanzheng._wanzheng", name = "Transition", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyTransition(pub Applied);

impl PyTransition {
    fn outcomes_slice(&self) -> &[wanzheng::Outcome] {
        match &self.0 {
            Applied::Accepted(t) => &t.outcomes,
            Applied::Rejected { error: Error::Rule(v), .. } => &v.outcomes,
            Applied::Rejected { .. } => &[],
        }
    }

    /// The rule that decided: the refusing rule of a rejection, else the first outcome's rule.
    fn primary(&self) -> Option<&wanzheng::Outcome> {
        match &self.0 {
            Applied::Rejected { error: Error::Rule(v), .. } => v.primary(),
            _ => self.outcomes_slice().first(),
        }
    }

    /// Encodes for pickling.
    pub fn to_value(&self) -> PyResult<Value> {
        Ok(match &self.0 {
            Applied::Accepted(t) => json!({"accepted": true, "transition": to_value(t)?}),
            Applied::Rejected { machine, event, state, error } => {
                let error = match error {
                    Error::Rule(v) => json!({"kind": "rule_violation", "violation": to_value(v)?}),
                    Error::Transition(e) => json!({"kind": "transition_error", "error": to_value(e)?}),
                    other => json!({"kind": other.kind(), "message": other.to_string()}),
                };
                json!({"accepted": false, "machine": machine, "event": event, "state": state, "error": error})
            }
        })
    }

    /// Decodes [`PyTransition::to_value`].
    pub fn from_value(py: Python<'_>, v: Value) -> PyResult<PyTransition> {
        let bad = |m: &str| InputError::new("", InputReason::Schema, format!("not a pickled Transition: {m}"));
        if v["accepted"].as_bool() == Some(true) {
            let t: wanzheng::Transition = from_value(py, v["transition"].clone(), "transition")?;
            return Ok(PyTransition(Applied::Accepted(t)));
        }
        let s = |k: &str| v[k].as_str().map(|x| Cow::Owned(x.to_string())).ok_or_else(|| bad(k)).py_err(py);
        let (machine, event, state) = (s("machine")?, s("event")?, s("state")?);
        let e = &v["error"];
        let error = match e["kind"].as_str() {
            Some("rule_violation") => {
                let x = &e["violation"];
                let rules: Vec<RuleId> = from_value(py, x["rules"].clone(), "rules")?;
                let outcomes: Vec<wanzheng::Outcome> = from_value(py, x["outcomes"].clone(), "outcomes")?;
                Error::Rule(CoreRuleViolation::new(x["event"].as_str().unwrap_or_default(), rules, outcomes))
            }
            Some("transition_error") => {
                let x = &e["error"];
                let f = |k: &str| x[k].as_str().unwrap_or_default().to_string();
                Error::Transition(CoreTransitionError::new(f("machine"), f("state"), f("event"), f("detail")))
            }
            _ => return Err(bad("error")).py_err(py),
        };
        Ok(PyTransition(Applied::Rejected { machine, event, state, error }))
    }
}

#[pymethods]
impl PyTransition {
    /// Whether the command was accepted (and appended to the log).
    #[getter]
    fn accepted(&self) -> bool {
        matches!(self.0, Applied::Accepted(_))
    }

    /// The log sequence number of an accepted command; `None` when rejected.
    #[getter]
    fn seq(&self) -> Option<u32> {
        match &self.0 {
            Applied::Accepted(t) => Some(t.seq),
            Applied::Rejected { .. } => None,
        }
    }

    /// The stream's machine (`inv`, `change`, `dig`, …).
    #[getter]
    fn machine(&self) -> &str {
        match &self.0 {
            Applied::Accepted(t) => &t.machine,
            Applied::Rejected { machine, .. } => machine,
        }
    }

    /// The event name.
    #[getter]
    fn event(&self) -> &str {
        match &self.0 {
            Applied::Accepted(t) => &t.event,
            Applied::Rejected { event, .. } => event,
        }
    }

    /// The state before.
    #[getter]
    #[allow(clippy::wrong_self_convention)] // a getter named after RULES.md's `from`
    fn from_state(&self) -> &str {
        match &self.0 {
            Applied::Accepted(t) => &t.from,
            Applied::Rejected { state, .. } => state,
        }
    }

    /// The state after (equal to `from_state` for fact events and rejections).
    #[getter]
    fn to_state(&self) -> &str {
        match &self.0 {
            Applied::Accepted(t) => &t.to,
            Applied::Rejected { state, .. } => state,
        }
    }

    /// The version of the rule parameters that judged an accepted command (issue 10); `None`
    /// when rejected.
    #[getter]
    fn ruleset(&self) -> Option<&str> {
        match &self.0 {
            Applied::Accepted(t) => Some(&t.ruleset),
            Applied::Rejected { .. } => None,
        }
    }

    /// Every rule ID checked, in order (the trace).
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        let rules: &[RuleId] = match &self.0 {
            Applied::Accepted(t) => &t.rules,
            Applied::Rejected { error: Error::Rule(v), .. } => &v.rules,
            Applied::Rejected { .. } => &[],
        };
        rules.iter().map(|r| r.as_str()).collect()
    }

    /// The outcomes, in the order of the checks.
    #[getter]
    fn outcomes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        outcomes_list(py, self.outcomes_slice())
    }

    /// Seqs of the recorded exceptions this command consumed.
    #[getter]
    fn exceptions_used(&self) -> Vec<u32> {
        match &self.0 {
            Applied::Accepted(t) => t.exceptions_used.clone(),
            Applied::Rejected { .. } => Vec::new(),
        }
    }

    /// The deciding rule: the refusing rule of a rejection, else the first outcome's rule.
    #[getter]
    fn rule_id(&self) -> Option<&'static str> {
        self.primary().map(|o| o.rule.as_str())
    }

    /// The deciding rule's article, e.g. `第八条`.
    #[getter]
    fn article(&self) -> Option<String> {
        self.primary().map(|o| o.rule.article_zh())
    }

    /// The Chinese message of the deciding outcome.
    #[getter]
    fn message_zh(&self) -> Option<String> {
        self.primary().map(wanzheng::Outcome::message_zh)
    }

    /// The English message of the deciding outcome, or of the transition error.
    #[getter]
    fn message_en(&self) -> Option<String> {
        match &self.0 {
            Applied::Rejected { error: e @ Error::Transition(_), .. } => Some(e.to_string()),
            _ => self.primary().map(wanzheng::Outcome::message_en),
        }
    }

    /// The exception of a rejection (`RuleViolation` or `TransitionError`), or `None`.
    #[getter]
    fn error(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        match &self.0 {
            Applied::Accepted(_) => None,
            Applied::Rejected { error, .. } => Some(from_core(py, error.clone()).into_value(py).into_any()),
        }
    }

    /// Raises the exception of a rejection; does nothing when accepted. Returns `self`.
    fn raise_for_rejection(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        match &slf.get().0 {
            Applied::Accepted(_) => Ok(slf),
            Applied::Rejected { error, .. } => Err(from_core(slf.py(), error.clone())),
        }
    }

    /// A flat dict for tables: accepted, seq, machine, event, from_state, to_state, rule_id,
    /// article, message_zh, message_en, rules, outcomes (as dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("accepted", self.accepted())?;
        d.set_item("seq", self.seq())?;
        d.set_item("machine", self.machine())?;
        d.set_item("event", self.event())?;
        d.set_item("from_state", self.from_state())?;
        d.set_item("to_state", self.to_state())?;
        d.set_item("rule_id", self.rule_id())?;
        d.set_item("article", self.article())?;
        d.set_item("message_zh", self.message_zh())?;
        d.set_item("message_en", self.message_en())?;
        d.set_item("rules", self.rules())?;
        let outs = PyList::empty(py);
        for o in self.outcomes_slice() {
            outs.append(PyOutcome(o.clone()).to_dict(py)?)?;
        }
        d.set_item("outcomes", outs)?;
        Ok(d)
    }

    /// The transition as JSON text (what pickling stores).
    fn to_json(&self) -> PyResult<String> {
        Ok(self.to_value()?.to_string())
    }

    /// Rebuilds a transition from [`Transition.to_json`] output.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyTransition> {
        PyTransition::from_value(py, parse_json(py, text)?)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let f = slf.get_type().getattr("from_json")?;
        Ok((f, (slf.get().to_json()?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let r = |s: &str| pyrepr(py, s);
        match &self.0 {
            Applied::Accepted(t) => {
                let mut s = format!(
                    "Transition(accepted=True, seq={}, event={}, from_state={}, to_state={}",
                    t.seq,
                    r(&t.event),
                    r(&t.from),
                    r(&t.to)
                );
                if !t.outcomes.is_empty() {
                    let outs: Vec<String> = t.outcomes.iter().map(|o| PyOutcome(o.clone()).__repr__(py)).collect();
                    let _ = write!(s, ", outcomes=[{}]", outs.join(", "));
                }
                s.push(')');
                s
            }
            Applied::Rejected { event, state, error, .. } => {
                let mut s = format!(
                    "Transition(accepted=False, event={}, state={}, error={}",
                    r(event),
                    r(state),
                    r(error.kind())
                );
                if let Some(id) = self.rule_id() {
                    let _ = write!(s, ", rule_id={}", r(id));
                }
                s.push(')');
                s
            }
        }
    }

    fn __str__(&self) -> String {
        match &self.0 {
            Applied::Accepted(t) => {
                let mut s = format!("#{} {}: {} → {}", t.seq, t.event, t.from, t.to);
                for o in &t.outcomes {
                    let _ = write!(s, "\n  {}: {}", o.kind.as_str(), o.message_en());
                }
                s
            }
            Applied::Rejected { error, .. } => format!("rejected: {error}"),
        }
    }

    fn _repr_html_(&self) -> String {
        let mut s = String::from("<div class=\"wz-transition\">");
        match &self.0 {
            Applied::Accepted(t) => {
                let _ = write!(
                    s,
                    "<b style=\"color:#1a7f37\">accepted</b> #{} <code>{}</code>: <code>{}</code> → <code>{}</code>",
                    t.seq,
                    esc(&t.event),
                    esc(&t.from),
                    esc(&t.to)
                );
            }
            Applied::Rejected { event, state, error, .. } => {
                let _ = write!(
                    s,
                    "<b style=\"color:#cf222e\">rejected</b> <code>{}</code> in <code>{}</code> ({})",
                    esc(event),
                    esc(state),
                    error.kind()
                );
                if let Error::Transition(e) = error {
                    let _ = write!(s, "<br/>{}", esc(&Error::Transition(e.clone()).to_string()));
                }
            }
        }
        let outcomes = self.outcomes_slice();
        if !outcomes.is_empty() {
            s.push_str(
                "<table><thead><tr><th>kind</th><th>rule</th><th>article</th><th>detail</th>\
                 <th>message</th></tr></thead><tbody>",
            );
            for o in outcomes {
                let _ = write!(
                    s,
                    "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}<br/><small>{}</small></td></tr>",
                    o.kind.as_str(),
                    o.rule,
                    o.rule.article_zh(),
                    esc(&o.detail),
                    esc(&o.message_zh()),
                    esc(&o.message_en())
                );
            }
            s.push_str("</tbody></table>");
        }
        if !self.rules().is_empty() {
            let _ = write!(s, "<small>rules checked: {}</small>", self.rules().join(", "));
        }
        s.push_str("</div>");
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Finding

/// One compliance finding (RULES.md §5).
#[pyclass(module = "wanzheng._wanzheng", name = "Finding", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyFinding(pub Finding);

#[pymethods]
impl PyFinding {
    /// `F-<rule id>`.
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }
    /// The rule ID.
    #[getter]
    fn rule_id(&self) -> &'static str {
        self.0.rule.as_str()
    }
    /// `finding` or `default_breach`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }
    /// The snake_case sub-reason, or `''`.
    #[getter]
    fn detail(&self) -> &str {
        &self.0.detail
    }
    /// The log entries it rests on.
    #[getter]
    fn seqs(&self) -> Vec<u32> {
        self.0.seqs.clone()
    }
    /// The date of the act, or of the due date passed.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.date)
    }
    /// `stored`, `overdue`, `detected` or `manual`.
    #[getter]
    fn source(&self) -> PyResult<String> {
        Ok(to_value(&self.0.source)?.as_str().unwrap_or_default().to_string())
    }
    /// The article, e.g. `第五十七条`.
    #[getter]
    fn article(&self) -> String {
        self.0.rule.article_zh()
    }
    /// Chinese message citing the article.
    #[getter]
    fn message_zh(&self) -> &str {
        &self.0.message_zh
    }
    /// English message citing the rule.
    #[getter]
    fn message_en(&self) -> &str {
        &self.0.message_en
    }
    /// The citation `F-<rule id>#<seq>`.
    #[getter]
    fn reference(&self) -> String {
        self.0.reference()
    }

    /// The finding as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("code", self.code())?;
        d.set_item("rule_id", self.rule_id())?;
        d.set_item("kind", self.kind())?;
        d.set_item("detail", self.detail())?;
        d.set_item("seqs", self.seqs())?;
        d.set_item("date", self.date(py)?)?;
        d.set_item("source", self.source()?)?;
        d.set_item("article", self.article())?;
        d.set_item("message_zh", self.message_zh())?;
        d.set_item("message_en", self.message_en())?;
        Ok(d)
    }

    /// The finding as JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(to_value(&self.0)?.to_string())
    }

    /// Rebuilds a finding from [`Finding.to_json`] output.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyFinding> {
        Ok(PyFinding(from_value(py, parse_json(py, text)?, "")?))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().to_json()?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let d = self.0.date;
        format!(
            "Finding(code={}, detail={}, seqs={:?}, date=datetime.date({}, {}, {}))",
            pyrepr(py, &self.0.code),
            pyrepr(py, &self.0.detail),
            self.0.seqs,
            chrono::Datelike::year(&d),
            chrono::Datelike::month(&d),
            chrono::Datelike::day(&d)
        )
    }

    fn __str__(&self) -> String {
        format!("{} {}: {}", self.0.reference(), self.0.date, self.0.message_en)
    }

    fn _repr_html_(&self) -> String {
        format!(
            "<span class=\"wz-finding\"><b>{}</b> {} {}<br/>{}<br/><small>{}</small></span>",
            esc(&self.0.reference()),
            self.0.date,
            esc(&self.0.detail),
            esc(&self.0.message_zh),
            esc(&self.0.message_en)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Obligation

/// An open duty with a due date (RULES.md §1.7), as of some date.
#[pyclass(module = "wanzheng._wanzheng", name = "Obligation", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct PyObligation(pub ObligationStatus);

#[pymethods]
impl PyObligation {
    /// The seq of the entry that opened it.
    #[getter]
    fn opened_seq(&self) -> u32 {
        self.0.obligation.opened_seq
    }
    /// The rule that sets the deadline.
    #[getter]
    fn rule_id(&self) -> &'static str {
        self.0.obligation.rule.as_str()
    }
    /// The duty, e.g. `post_hoc_change_filing`.
    #[getter]
    fn duty(&self) -> &str {
        &self.0.obligation.duty
    }
    /// What it concerns (a change id, …), or `''` for the project.
    #[getter]
    fn subject(&self) -> &str {
        &self.0.obligation.subject
    }
    /// The triggering date.
    #[getter]
    fn opened<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.obligation.opened)
    }
    /// The last day on time (inclusive).
    #[getter]
    fn due<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.obligation.due)
    }
    /// Whether the as-of date is after the due date.
    #[getter]
    fn overdue(&self) -> bool {
        self.0.overdue
    }
    /// Whether ``due`` counted a working day of a year without a loaded State Council notice
    /// (statutory holidays only; it may move when the notice is loaded: ``load_calendar``).
    #[getter]
    fn provisional(&self) -> bool {
        self.0.obligation.provisional
    }
    /// The article of the rule.
    #[getter]
    fn article(&self) -> String {
        self.0.obligation.rule.article_zh()
    }

    /// The obligation as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("opened_seq", self.opened_seq())?;
        d.set_item("rule_id", self.rule_id())?;
        d.set_item("duty", self.duty())?;
        d.set_item("subject", self.subject())?;
        d.set_item("opened", self.opened(py)?)?;
        d.set_item("due", self.due(py)?)?;
        d.set_item("overdue", self.overdue())?;
        d.set_item("article", self.article())?;
        Ok(d)
    }

    /// The obligation as JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(to_value(&self.0)?.to_string())
    }

    /// Rebuilds an obligation from [`Obligation.to_json`] output.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyObligation> {
        Ok(PyObligation(from_value(py, parse_json(py, text)?, "")?))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().to_json()?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let o = &self.0.obligation;
        format!(
            "Obligation(rule_id={}, duty={}, subject={}, due={}, overdue={})",
            pyrepr(py, o.rule.as_str()),
            pyrepr(py, &o.duty),
            pyrepr(py, &o.subject),
            pyrepr(py, &o.due.to_string()),
            if self.0.overdue { "True" } else { "False" }
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Explanation

/// A rule of the catalogue, explained: regulation, article, kind, phrase, summary, citations.
#[pyclass(module = "wanzheng._wanzheng", name = "Explanation", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyExplanation(pub RuleId);

impl PyExplanation {
    fn info(&self) -> wanzheng::rule::Explanation {
        self.0.explanation()
    }
}

#[pymethods]
impl PyExplanation {
    #[new]
    fn new(py: Python<'_>, rule_id: &str) -> PyResult<Self> {
        Ok(PyExplanation(rule(py, rule_id)?))
    }
    /// The rule ID.
    #[getter]
    fn rule_id(&self) -> &'static str {
        self.0.as_str()
    }
    /// The regulation's document number, e.g. `宛政〔2023〕7号`.
    #[getter]
    fn regulation(&self) -> &'static str {
        self.info().regulation
    }
    /// The regulation's Chinese title.
    #[getter]
    fn title(&self) -> &'static str {
        self.info().title
    }
    /// The article, e.g. `第四十八条`.
    #[getter]
    fn article(&self) -> String {
        self.info().article
    }
    /// The article number.
    #[getter]
    fn article_number(&self) -> u8 {
        self.info().article_number
    }
    /// The kind code (`R`, `D`, `D/R`, `I/S`, `M`, `S`, `C`, `I`).
    #[getter]
    fn kind(&self) -> &'static str {
        self.info().kind
    }
    /// The Chinese phrase the rule rests on.
    #[getter]
    fn phrase(&self) -> &'static str {
        self.info().phrase
    }
    /// The English summary.
    #[getter]
    fn summary(&self) -> &'static str {
        self.info().summary
    }
    /// Chinese citation.
    #[getter]
    fn citation_zh(&self) -> String {
        self.info().citation_zh
    }
    /// English citation.
    #[getter]
    fn citation_en(&self) -> String {
        self.info().citation_en
    }
    /// The whole article (第X条) in the regulation's published words.
    #[getter]
    fn article_text(&self) -> &'static str {
        self.0.article_text()
    }

    /// The explanation as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &to_value(&self.info())?, false)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (&'static str,))> {
        Ok((slf.get_type(), (slf.get().0.as_str(),)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Explanation({})", pyrepr(py, self.0.as_str()))
    }

    fn __str__(&self) -> String {
        let i = self.info();
        format!("{} [{}] {} — {}\n{}", i.rule_id, i.kind, i.citation_zh, i.phrase, i.summary)
    }

    fn _repr_markdown_(&self) -> String {
        let i = self.info();
        // The article's own words after the rule, each line quoted.
        let text: Vec<String> = i.article_text.lines().map(|l| format!("> {l}")).collect();
        format!(
            "**{}** ({}) — {}《{}》{}\n\n> {}\n\n{}\n\n_{}_\n\n{}",
            i.rule_id,
            i.kind,
            i.regulation,
            i.title,
            i.article,
            i.phrase,
            i.summary,
            i.citation_en,
            text.join("\n>\n")
        )
    }
}
