//! `InvestmentProject`: the core's `wanzheng::InvestmentProject` (宛政〔2023〕7号) for Python.

use std::fmt::Write as _;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value, json};

use wanzheng::{Command, Error, InvestmentProject, Log};

use crate::command::PyCommand;
use crate::convert::{context, date, json_to_py, parse_json, py_to_json, yuan_to_py};
use crate::errors::IntoPyResult;
use crate::outcome::{Applied, PyFinding, PyObligation, PyTransition, esc, pyrepr};

/// A government investment project under 宛政〔2023〕7号 (rule IDs `INV-*`): its lifecycle with
/// the change, adjustment and accountability sub-machines, and one hash-chained log.
#[pyclass(module = "wanzheng._wanzheng", name = "InvestmentProject", eq)]
#[derive(Clone, PartialEq)]
pub struct PyInvestmentProject {
    /// The core project.
    pub inner: InvestmentProject,
}

/// Reads a command argument (mapping, JSON text) into a JSON object.
pub fn command_value(cmd: &Bound<'_, PyAny>) -> PyResult<Map<String, Value>> {
    let py = cmd.py();
    let v = if let Ok(s) = cmd.cast::<PyString>() { parse_json(py, &s.to_cow()?)? } else { py_to_json(cmd, "")? };
    match v {
        Value::Object(o) => Ok(o),
        other => Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "a command is a mapping (or JSON object text), not {}",
            match other {
                Value::Array(_) => "a list",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a bool",
                _ => "None",
            }
        ))),
    }
}

/// Today's date from Python (the core has no clock).
pub fn today(py: Python<'_>) -> PyResult<chrono::NaiveDate> {
    py.import("datetime")?.getattr("date")?.call_method0("today")?.extract()
}

/// An `as_of` argument: a date, an ISO string, or `None` for today.
pub fn as_of(py: Python<'_>, v: Option<&Bound<'_, PyAny>>) -> PyResult<chrono::NaiveDate> {
    match v.filter(|v| !v.is_none()) {
        Some(v) => date(v, "as_of"),
        None => today(py),
    }
}

/// Fills the envelope keys a notebook user may leave out: `stream` (the project's own
/// lifecycle stream) and `project_code` (the registered code).
fn complete(p: &InvestmentProject, cmd: &mut Map<String, Value>) {
    if !cmd.contains_key("stream") {
        let pid = if p.id().is_empty() {
            cmd.get("facts").and_then(|f| f.get("project_id")).and_then(Value::as_str).unwrap_or_default()
        } else {
            p.id()
        };
        let stream = json!({"machine": "inv", "project_id": pid, "instance": pid});
        cmd.insert("stream".into(), stream);
    }
    if !cmd.contains_key("project_code") {
        let code = match p.ledger().registration.as_ref() {
            Some(r) => r.project_code.clone(),
            None => cmd.get("facts").and_then(|f| f.get("project_code")).and_then(Value::as_str).map(str::to_string),
        };
        if let Some(code) = code {
            cmd.insert("project_code".into(), Value::String(code));
        }
    }
}

/// A command of `apply_all`: parsed already, or a JSON object to complete and parse.
enum Pending {
    Parsed(Command),
    Raw(Map<String, Value>),
}

/// Applies a parsed command to `p`: `Ok(Ok(_))` accepted or rejected (not strict), `Err` raises.
fn apply_core(p: &mut InvestmentProject, cmd: Command, strict: bool) -> Result<Applied, Error> {
    let machine = cmd.stream.machine.as_str().to_string();
    let event = cmd.event.name().to_string();
    let state = p.state().map(|s| s.as_str()).unwrap_or("none").to_string();
    match p.apply(cmd) {
        Ok(t) => Ok(Applied::Accepted(t)),
        Err(e @ Error::Input(_)) => Err(e),
        Err(e) if strict => Err(e),
        Err(error) => Ok(Applied::Rejected { machine, event, state, error }),
    }
}

impl PyInvestmentProject {
    /// Applies a parsed command; rejections become rejected transitions unless `strict`.
    pub fn apply_command(&mut self, py: Python<'_>, cmd: Command, strict: bool) -> PyResult<PyTransition> {
        apply_core(&mut self.inner, cmd, strict).map(PyTransition).py_err(py)
    }

    fn parse(&self, py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<Command> {
        if let Ok(c) = command.cast::<PyCommand>() {
            return Ok(c.get().0.clone());
        }
        let mut v = command_value(command)?;
        complete(&self.inner, &mut v);
        Command::from_value(Value::Object(v)).py_err(py)
    }

    fn state_name(&self) -> &'static str {
        self.inner.state().map(|s| s.as_str()).unwrap_or("none")
    }
}

#[pymethods]
impl PyInvestmentProject {
    /// Registers a project from its facts (`register_project`, RULES.md §3.1.6).
    ///
    /// `date`, `actor` (default `project_unit`), `actor_org`, `config`, `record` (record mode)
    /// and `doc_refs` form the envelope; every other keyword is a fact of `register_project`
    /// (`project_id`, `project_code`, `name`, `sector`, `nature`, `mode`, `total`, `unit_kind`,
    /// `industry_authority_org`, …). Raises `RuleViolation` when the registration is refused and
    /// `InputError` on malformed or unknown facts.
    #[new]
    #[allow(clippy::too_many_arguments)] // the keyword arguments of the Python constructor
    #[pyo3(signature = (*, date, actor = None, actor_org = None, config = None, record = false, doc_refs = None, **facts))]
    fn new(
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        actor: Option<&Bound<'_, PyAny>>,
        actor_org: Option<&Bound<'_, PyAny>>,
        config: Option<&Bound<'_, PyAny>>,
        record: bool,
        doc_refs: Option<&Bound<'_, PyAny>>,
        facts: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let ctx = context(config)?;
        let mut p = PyInvestmentProject { inner: InvestmentProject::new(ctx) };
        let mut cmd = Map::new();
        cmd.insert("event".into(), "register_project".into());
        cmd.insert("actor".into(), actor.map(|a| py_to_json(a, "actor")).transpose()?.unwrap_or("project_unit".into()));
        if let Some(org) = actor_org {
            cmd.insert("actor_org".into(), py_to_json(org, "actor_org")?);
        }
        cmd.insert("date".into(), py_to_json(date, "date")?);
        if record {
            cmd.insert("mode".into(), "record".into());
        }
        if let Some(d) = doc_refs {
            cmd.insert("doc_refs".into(), py_to_json(d, "doc_refs")?);
        }
        let facts = match facts {
            Some(f) => py_to_json(f.as_any(), "facts")?,
            None => Value::Object(Map::new()),
        };
        cmd.insert("facts".into(), facts);
        complete(&p.inner, &mut cmd);
        let cmd = Command::from_value(Value::Object(cmd)).py_err(py)?;
        p.apply_command(py, cmd, true)?;
        Ok(p)
    }

    /// A project with no stream yet (for `import_legacy`, or to apply `register_project` yourself).
    #[staticmethod]
    #[pyo3(signature = (*, config = None))]
    fn empty(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyInvestmentProject { inner: InvestmentProject::new(context(config)?) })
    }

    /// Applies one command (a mapping or JSON text in the shape of RULES.md §1.7 without `seq`
    /// and hashes; `stream` and `project_code` default to this project's). Returns the
    /// `Transition`; a refusal comes back as a rejected transition (nothing changed) unless
    /// `strict`, which raises `RuleViolation` / `TransitionError` instead. Malformed input always
    /// raises `InputError`.
    #[pyo3(signature = (command, /, *, strict = false))]
    fn apply(&mut self, py: Python<'_>, command: &Bound<'_, PyAny>, strict: bool) -> PyResult<PyTransition> {
        let cmd = self.parse(py, command)?;
        self.apply_command(py, cmd, strict)
    }

    /// Applies commands in order (the core work runs without the GIL); returns one transition
    /// per command. With `strict`, stops at the first refusal and raises it.
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
        let inner = &mut self.inner;
        let results: Vec<Result<Applied, Error>> = py.detach(|| {
            let mut out = Vec::with_capacity(parsed.len());
            for pending in parsed {
                let cmd = match pending {
                    Pending::Parsed(c) => Ok(c),
                    Pending::Raw(mut v) => {
                        complete(inner, &mut v);
                        Command::from_value(Value::Object(v)).map_err(Error::from)
                    }
                };
                let r = cmd.and_then(|c| apply_core(inner, c, strict));
                let stop = r.is_err();
                out.push(r);
                if stop {
                    break;
                }
            }
            out
        });
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            out.push(PyTransition(r.py_err(py)?));
        }
        Ok(out)
    }

    /// A `Command` for this project: `stream` and `project_code` filled as `apply` fills them,
    /// parsed and checked once, to apply to this project (or to copies of it) later.
    #[pyo3(signature = (command, /))]
    fn command(&self, py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<PyCommand> {
        Ok(PyCommand(self.parse(py, command)?))
    }

    /// The project id (`''` before registration).
    #[getter]
    fn project_id(&self) -> &str {
        self.inner.id()
    }

    /// The lifecycle state (RULES.md §3.1.2), or `None` before registration.
    #[getter]
    fn state(&self) -> Option<&'static str> {
        self.inner.state().map(|s| s.as_str())
    }

    /// The registered total investment, or `None` before registration.
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.ledger().registration.as_ref().map(|r| yuan_to_py(py, r.total)).transpose()
    }

    /// The log entries (RULES.md §1.7) as dicts, oldest first; amounts are `Decimal`, dates `date`.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for e in self.inner.log().entries() {
            let v = serde_json::to_value(e).map_err(|e| crate::errors::internal(e.to_string()))?;
            l.append(json_to_py(py, &v, true)?)?;
        }
        Ok(l)
    }

    /// The number of log entries.
    fn __len__(&self) -> usize {
        self.inner.log().len()
    }

    /// The log as JSON text (RULES.md §1.7); `replay` reads it back.
    fn export_log(&self) -> String {
        self.inner.log().to_json()
    }

    /// The state and ledger (`state_json` of RULES.md §8) as a dict; amounts `Decimal`.
    fn state_json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.state_json(), true)
    }

    /// The configuration (RULES.md §7) as a dict.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v =
            serde_json::to_value(self.inner.context().config()).map_err(|e| crate::errors::internal(e.to_string()))?;
        json_to_py(py, &v, false)
    }

    /// The open obligations as of `as_of` (default: today), overdue ones marked (RULES.md §1.7).
    #[pyo3(signature = (as_of = None))]
    fn obligations(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PyObligation>> {
        let d = self::as_of(py, as_of)?;
        Ok(self.inner.obligations(d).into_iter().map(PyObligation).collect())
    }

    /// The compliance findings as of `as_of` (default: today) (RULES.md §5).
    #[pyo3(signature = (as_of = None))]
    fn audit(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PyFinding>> {
        let d = self::as_of(py, as_of)?;
        Ok(self.inner.findings(d).into_iter().map(PyFinding).collect())
    }

    /// Same as `audit` (the RULES.md §8 name).
    #[pyo3(signature = (as_of = None))]
    fn findings(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PyFinding>> {
        self.audit(py, as_of)
    }

    /// Rebuilds a project from its log (JSON text from `export_log`, or the list `history`
    /// returns): verifies the hash chain and re-applies every entry (RULES.md §1.7).
    #[staticmethod]
    #[pyo3(signature = (log, /, *, config = None))]
    fn replay(py: Python<'_>, log: &Bound<'_, PyAny>, config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let text = if let Ok(s) = log.cast::<PyString>() {
            s.to_cow()?.into_owned()
        } else {
            py_to_json(log, "log")?.to_string()
        };
        let log = Log::from_json(&text).py_err(py)?;
        let ctx = context(config)?;
        let (inner, _report) = py.detach(|| InvestmentProject::replay(ctx, &log)).py_err(py)?;
        Ok(PyInvestmentProject { inner })
    }

    /// The project as JSON text (configuration and log); `from_json` rebuilds it.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Rebuilds a project from `to_json` output.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py.detach(|| InvestmentProject::from_json(text)).py_err(py)?;
        Ok(PyInvestmentProject { inner })
    }

    /// A Mermaid `stateDiagram-v2` of the lifecycle with the current state highlighted.
    fn mermaid(&self) -> String {
        self.inner.mermaid()
    }

    /// The state diagram as a notebook object (Markdown with a Mermaid block).
    fn diagram(&self) -> Diagram {
        Diagram(self.inner.mermaid())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.borrow().inner.to_json(),)))
    }

    fn __copy__(&self) -> Self {
        self.clone()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut s = format!("InvestmentProject(project_id={}", pyrepr(py, self.inner.id()));
        let _ = write!(s, ", state={}", self.state().map(|x| pyrepr(py, x)).unwrap_or_else(|| "None".into()));
        if let Some(r) = self.inner.ledger().registration.as_ref() {
            let _ = write!(s, ", total=Decimal({})", pyrepr(py, &r.total.to_string()));
        }
        let _ = write!(s, ", events={})", self.inner.log().len());
        Ok(s)
    }

    fn __str__(&self) -> String {
        let name = self.inner.ledger().registration.as_ref().map(|r| r.name.as_str()).unwrap_or("");
        format!("{} {} [{}], {} events", self.inner.id(), name, self.state_name(), self.inner.log().len())
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let mut s = String::from("<div class=\"wz-project\">");
        let reg = self.inner.ledger().registration.as_ref();
        let _ = write!(
            s,
            "<b>InvestmentProject</b> <code>{}</code> {} — state <b><code>{}</code></b>",
            esc(self.inner.id()),
            esc(reg.map(|r| r.name.as_str()).unwrap_or("")),
            self.state_name()
        );
        if let Some(r) = reg {
            let _ =
                write!(s, "<br/>total ¥{} · sector {} · {}", r.total, esc(&r.sector), esc(&r.industry_authority_org));
        }
        let last = self.inner.log().last_date();
        if let Some(d) = last {
            let findings = self.inner.findings(d);
            let obligations = self.inner.obligations(d);
            let _ = write!(s, "<br/>as of {d}: {} findings, {} open obligations", findings.len(), obligations.len());
        }
        s.push_str(
            "<table><thead><tr><th>seq</th><th>date</th><th>event</th><th>actor</th><th>from → to</th>\
             <th>outcomes</th></tr></thead><tbody>",
        );
        for e in self.inner.log().entries() {
            let outs: Vec<String> = e
                .outcomes
                .iter()
                .map(|o| format!("{} <code>{}</code> {}", o.kind.as_str(), o.rule, esc(&o.detail)))
                .collect();
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
                e.seq,
                e.date,
                e.event.name(),
                e.actor.as_str(),
                e.from,
                e.to,
                outs.join("<br/>")
            );
        }
        s.push_str("</tbody></table></div>");
        let _ = py;
        Ok(s)
    }

    fn _repr_markdown_(&self) -> String {
        let reg = self.inner.ledger().registration.as_ref();
        let mut s = format!(
            "**InvestmentProject** `{}` {} — state **`{}`**, {} events\n\n",
            self.inner.id(),
            reg.map(|r| r.name.as_str()).unwrap_or(""),
            self.state_name(),
            self.inner.log().len()
        );
        s.push_str(&Diagram(self.inner.mermaid())._repr_markdown_());
        s
    }
}

/// A state diagram: Mermaid text that notebooks render (JupyterLab renders Mermaid in Markdown).
#[pyclass(module = "wanzheng._wanzheng", name = "Diagram", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Diagram(pub String);

#[pymethods]
impl Diagram {
    #[new]
    fn new(mermaid: String) -> Self {
        Diagram(mermaid)
    }

    /// The Mermaid source.
    #[getter]
    fn mermaid(&self) -> &str {
        &self.0
    }

    fn __str__(&self) -> &str {
        &self.0
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Diagram({})", pyrepr(py, &self.0))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, pyo3::types::PyType>, (String,)) {
        (slf.get_type(), (slf.get().0.clone(),))
    }

    fn _repr_markdown_(&self) -> String {
        format!("```mermaid\n{}```\n", self.0)
    }
}
