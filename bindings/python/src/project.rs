//! The project machines for Python: one generic implementation over the [`Project`] trait,
//! stamped out per machine by [`project_class!`](crate::project_class) (`InvestmentProject`,
//! `DigitalProject`), so both classes have the same methods and behaviour.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value, json};

use wanzheng::anchor::{CheckpointKeys, ReplayOptions};
use wanzheng::machine::LoggedStream;
use wanzheng::{Command, Context, Error, Transition, Yuan};

use crate::command::PyCommand;
use crate::convert::{date, json_to_py, parse_json, py_to_json, yuan_to_py};
use crate::errors::IntoPyResult;
use crate::outcome::{Applied, PyTransition, pyrepr};
use crate::shared::Shared;

/// What the binding needs of a core project machine besides the kernel's stream
/// ([`LoggedStream`]: empty, log, context, apply, what-if, state, obligations, findings, replay,
/// the project document, the diagram): the Python class and its registration, the registered
/// facts a notebook shows, and the views above the kernel (report, path, what may happen next).
pub trait Project: LoggedStream + Clone + Send + Sync + 'static {
    /// The Python class name.
    const CLASS: &'static str;
    /// The event that creates the stream.
    const REGISTER: &'static str;
    /// Its default actor.
    const REGISTER_ACTOR: &'static str;
    /// The project id (`""` before registration).
    fn id(&self) -> &str;
    /// The lifecycle state, `None` before registration.
    fn state_name(&self) -> Option<&'static str>;
    /// The registered 项目统一代码.
    fn project_code(&self) -> Option<String>;
    /// The registered name.
    fn name(&self) -> Option<&str>;
    /// The registered total investment, when the machine has one.
    fn total(&self) -> Option<Yuan>;
    /// The compact "path taken" diagram (Mermaid), with the next permitted acts.
    fn path_mermaid(&self) -> String;
    /// The inspection report as of a date (the core's renderer behind `report_html` and `_repr_html_`).
    fn report(&self, as_of: NaiveDate) -> wanzheng::Report;
    /// What may happen next (issue 13).
    fn permitted_events(&self, as_of: NaiveDate, actor: Option<wanzheng::Actor>) -> wanzheng::permitted::Permitted;
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
pub fn today(py: Python<'_>) -> PyResult<NaiveDate> {
    py.import("datetime")?.getattr("date")?.call_method0("today")?.extract()
}

/// An `as_of` argument: a date, an ISO string, or `None` for today.
pub fn as_of(py: Python<'_>, v: Option<&Bound<'_, PyAny>>) -> PyResult<NaiveDate> {
    match v.filter(|v| !v.is_none()) {
        Some(v) => date(v, "as_of"),
        None => today(py),
    }
}

/// Fills the envelope keys a notebook user may leave out: `stream` (the project's own
/// lifecycle stream) and `project_code` (the registered code).
pub fn complete<P: Project>(p: &P, cmd: &mut Map<String, Value>) {
    if !cmd.contains_key("stream") {
        let pid = if p.id().is_empty() {
            cmd.get("facts").and_then(|f| f.get("project_id")).and_then(Value::as_str).unwrap_or_default()
        } else {
            p.id()
        };
        let stream = json!({"machine": <P as LoggedStream>::MACHINE, "project_id": pid, "instance": pid});
        cmd.insert("stream".into(), stream);
    }
    if !cmd.contains_key("project_code") {
        let code = if p.id().is_empty() {
            cmd.get("facts").and_then(|f| f.get("project_code")).and_then(Value::as_str).map(str::to_string)
        } else {
            p.project_code()
        };
        if let Some(code) = code {
            cmd.insert("project_code".into(), Value::String(code));
        }
    }
}

/// A command of `apply_all`: parsed already, or a JSON object to complete and parse.
pub enum Pending {
    /// A `Command`.
    Parsed(Command),
    /// A mapping or JSON text, converted.
    Raw(Map<String, Value>),
}

/// Applies a parsed command: accepted or (unless `strict`) rejected; `Err` raises.
pub fn apply_core<P: Project>(p: &mut P, cmd: Command, strict: bool) -> Result<Applied, Error> {
    let state = p.state_name().unwrap_or("none");
    judged(cmd, state, strict, |c| LoggedStream::apply(p, c))
}

/// Judges a parsed command by `judge` (the core's `apply` or `what_if`) on a stream in
/// `state`: accepted, or (unless `strict`) rejected with nothing changed; an input error (and
/// any refusal when `strict`) is `Err`, which raises.
pub fn judged(
    cmd: Command,
    state: &'static str,
    strict: bool,
    judge: impl FnOnce(Command) -> Result<Transition, Error>,
) -> Result<Applied, Error> {
    let machine = Cow::Borrowed(cmd.stream.machine.as_str());
    let event = Cow::Borrowed(cmd.event.name());
    match judge(cmd) {
        Ok(t) => Ok(Applied::Accepted(t)),
        Err(e @ Error::Input(_)) => Err(e),
        Err(e) if strict => Err(e),
        Err(error) => Ok(Applied::Rejected { machine, event, state: Cow::Borrowed(state), error }),
    }
}

/// The class's `apply` (`dry`: `what_if`, nothing changed): the command converted before the
/// project is locked (converting may run Python code), completed for the project, judged.
pub fn apply_or_what_if<P: Project>(
    py: Python<'_>,
    p: &Shared<P>,
    command: &Bound<'_, PyAny>,
    strict: bool,
    dry: bool,
) -> PyResult<PyTransition> {
    let pending = pending(command)?;
    let mut p = p.lock(py)?;
    let p = &mut *p;
    let cmd = complete_parse(p, pending).map_err(|e| crate::errors::from_core(py, e))?;
    let state = p.state_name().unwrap_or("none");
    let r = if dry {
        judged(cmd, state, strict, |c| LoggedStream::what_if(p, c))
    } else {
        judged(cmd, state, strict, |c| LoggedStream::apply(p, c))
    };
    r.map(PyTransition).map_err(|e| crate::errors::from_core(py, e))
}

/// A command argument converted (a `Command` as is; a mapping or JSON text to a JSON object),
/// before the project is locked: converting may run Python code.
pub fn pending(command: &Bound<'_, PyAny>) -> PyResult<Pending> {
    if let Ok(c) = command.cast::<PyCommand>() {
        return Ok(Pending::Parsed(c.get().0.clone()));
    }
    Ok(Pending::Raw(command_value(command)?))
}

/// Completes a converted command for `p` (its stream and code) and parses it.
pub fn complete_parse<P: Project>(p: &P, pending: Pending) -> Result<Command, Error> {
    match pending {
        Pending::Parsed(c) => Ok(c),
        Pending::Raw(mut v) => {
            complete(p, &mut v);
            Command::from_value(Value::Object(v)).map_err(Error::from)
        }
    }
}

/// The constructor: registers a project from keyword facts.
pub fn register<P: Project>(
    py: Python<'_>,
    ctx: Context,
    date: &Bound<'_, PyAny>,
    envelope: [(&str, Option<&Bound<'_, PyAny>>); 3],
    record: bool,
    facts: Option<&Bound<'_, PyDict>>,
) -> PyResult<P> {
    let mut p = P::empty(ctx);
    let mut cmd = Map::new();
    cmd.insert("event".into(), P::REGISTER.into());
    cmd.insert("actor".into(), P::REGISTER_ACTOR.into());
    cmd.insert("date".into(), py_to_json(date, "date")?);
    for (key, value) in envelope {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            cmd.insert(key.into(), py_to_json(v, key)?);
        }
    }
    if record {
        cmd.insert("mode".into(), "record".into());
    }
    let facts = match facts {
        Some(f) => py_to_json(f.as_any(), "facts")?,
        None => Value::Object(Map::new()),
    };
    cmd.insert("facts".into(), facts);
    complete(&p, &mut cmd);
    let cmd = Command::from_value(Value::Object(cmd)).py_err(py)?;
    apply_core(&mut p, cmd, true).py_err(py)?;
    Ok(p)
}

/// `apply_all`: converts with the GIL, then locks the project and applies without the GIL.
pub fn apply_all<P: Project>(
    py: Python<'_>,
    p: &Shared<P>,
    commands: &Bound<'_, PyAny>,
    strict: bool,
) -> PyResult<Vec<PyTransition>> {
    let mut parsed = Vec::new();
    for c in commands.try_iter()? {
        parsed.push(pending(&c?)?);
    }
    let mut p = p.lock(py)?;
    let p = &mut *p;
    let results: Vec<Result<Applied, Error>> = py.detach(|| {
        let mut out = Vec::with_capacity(parsed.len());
        for pending in parsed {
            let r = complete_parse(p, pending).and_then(|c| apply_core(p, c, strict));
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

/// The log entries as Python dicts.
pub fn history<'py, P: Project>(py: Python<'py>, p: &P) -> PyResult<Bound<'py, PyList>> {
    let l = PyList::empty(py);
    for (e, prev) in p.log().chain() {
        let v = serde_json::to_value(e.json(prev)).map_err(|e| crate::errors::internal(e.to_string()))?;
        l.append(json_to_py(py, &v, true)?)?;
    }
    Ok(l)
}

/// `replay(log)`: a log (JSON text or a list of entries) or a project document (`to_json` text
/// or its dict), checked as `options` say; returns the project and the report's differences as
/// a list of dicts.
pub fn replay<'py, P: Project>(
    py: Python<'py>,
    log: &Bound<'py, PyAny>,
    ctx: Context,
    options: &ReplayOptions,
) -> PyResult<(P, Bound<'py, PyAny>)> {
    let text =
        if let Ok(s) = log.cast::<PyString>() { s.to_cow()?.into_owned() } else { py_to_json(log, "log")?.to_string() };
    let (p, report) = py.detach(|| P::replay_checked(ctx, &text, options)).py_err(py)?;
    let differences = serde_json::to_value(&report.differences).map_err(|e| crate::errors::internal(e.to_string()))?;
    Ok((p, json_to_py(py, &differences, true)?))
}

/// The replay options of the keyword arguments, read by the core ([`ReplayOptions::from_value`]):
/// `report` chooses report mode; keys are bytes (sent as hex).
#[allow(clippy::too_many_arguments)]
pub fn replay_options(
    py: Python<'_>,
    report: bool,
    expected_len: Option<u32>,
    expected_head: Option<&str>,
    checkpoints: Option<&Bound<'_, PyAny>>,
    hmac_key: Option<&[u8]>,
    public_key: Option<&[u8]>,
) -> PyResult<ReplayOptions> {
    let mut o = Map::new();
    o.insert("differences".into(), Value::from(if report { "report" } else { "error" }));
    if let Some(n) = expected_len {
        o.insert("expected_len".into(), n.into());
    }
    if let Some(h) = expected_head {
        o.insert("expected_head".into(), h.into());
    }
    if let Some(c) = checkpoints.filter(|c| !c.is_none()) {
        o.insert("checkpoints".into(), py_to_json(c, "checkpoints")?);
    }
    if let Some(k) = hmac_key {
        o.insert("hmac_key".into(), wanzheng::anchor::hex(k).into());
    }
    if let Some(k) = public_key {
        o.insert("public_key".into(), wanzheng::anchor::hex(k).into());
    }
    ReplayOptions::from_value(Value::Object(o)).map_err(wanzheng::Error::from).py_err(py)
}

/// `checkpoint(hmac_key=…, signing_key=…)`: the log's length and head with a proof per key.
pub fn checkpoint<'py, P: Project>(
    py: Python<'py>,
    p: &P,
    hmac_key: Option<&[u8]>,
    signing_key: Option<&[u8]>,
) -> PyResult<Bound<'py, PyAny>> {
    let keys = CheckpointKeys::new(hmac_key, signing_key).map_err(wanzheng::Error::from).py_err(py)?;
    let v = serde_json::to_value(keys.anchor(p.log())).map_err(|e| crate::errors::internal(e.to_string()))?;
    json_to_py(py, &v, false)
}

/// The configuration as a dict.
pub fn config<'py, P: Project>(py: Python<'py>, p: &P) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(p.context().config()).map_err(|e| crate::errors::internal(e.to_string()))?;
    json_to_py(py, &v, false)
}

/// The total as `Decimal`.
pub fn total<'py, P: Project>(py: Python<'py>, p: &P) -> PyResult<Option<Bound<'py, PyAny>>> {
    p.total().map(|t| yuan_to_py(py, t)).transpose()
}

/// `P(project_id='P1', state='reserve', total=Decimal('…'), events=1)`.
pub fn repr<P: Project>(py: Python<'_>, p: &P) -> String {
    let mut s = format!("{}(project_id={}", P::CLASS, pyrepr(py, p.id()));
    let _ = write!(s, ", state={}", p.state_name().map(|x| pyrepr(py, x)).unwrap_or_else(|| "None".into()));
    if let Some(t) = p.total() {
        let _ = write!(s, ", total=Decimal({})", pyrepr(py, &t.to_string()));
    }
    let _ = write!(s, ", events={})", p.log().len());
    s
}

/// `P1 name [state], n events`.
pub fn str_<P: Project>(p: &P) -> String {
    format!("{} {} [{}], {} events", p.id(), p.name().unwrap_or(""), p.state_name().unwrap_or("none"), p.log().len())
}

/// The report date of a project: `as_of` when given, else the date of its last event, else today.
pub fn own_as_of<P: Project>(py: Python<'_>, p: &P, v: Option<&Bound<'_, PyAny>>) -> PyResult<NaiveDate> {
    match (v.filter(|v| !v.is_none()), p.log().last_date()) {
        (Some(v), _) => date(v, "as_of"),
        (None, Some(d)) => Ok(d),
        (None, None) => today(py),
    }
}

/// The notebook view: the core report's compact fragment as of the last event.
pub fn html<P: Project>(p: &P) -> String {
    let as_of = p.log().last_date().unwrap_or_default();
    p.report(as_of).html_fragment()
}

/// The Markdown summary with the Mermaid diagram.
pub fn markdown<P: Project>(p: &P) -> String {
    let mut s = format!(
        "**{}** `{}` {} — state **`{}`**, {} events\n\n",
        P::CLASS,
        p.id(),
        p.name().unwrap_or(""),
        p.state_name().unwrap_or("none"),
        p.log().len()
    );
    s.push_str(&Diagram(p.mermaid())._repr_markdown_());
    s
}

/// Defines a Python project class over a core machine implementing [`Project`].
#[macro_export]
macro_rules! project_class {
    ($(#[$meta:meta])* $Py:ident($Core:ty), $name:literal) => {
        $(#[$meta])*
        ///
        /// Safe to share between threads: a lock per object serialises the calls on it (see
        /// `shared.rs`); a second thread's call waits for the first.
        #[pyclass(module = "wanzheng._wanzheng", name = $name, frozen, eq)]
        #[derive(PartialEq)]
        pub struct $Py {
            /// The core project, behind its lock.
            pub inner: $crate::shared::Shared<$Core>,
        }

        impl $Py {
            /// A Python object over a core project.
            pub fn of(core: $Core) -> Self {
                $Py { inner: $crate::shared::Shared::new(core) }
            }
        }

        #[pymethods]
        impl $Py {
            /// Registers a project from its facts (the machine's creating event, RULES.md §3);
            /// `date`, `actor`, `actor_org`, `config`, `record` and `doc_refs` form the envelope,
            /// every other keyword is a fact. Raises `RuleViolation` when refused, `InputError`
            /// on malformed or unknown facts.
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
                facts: Option<&Bound<'_, pyo3::types::PyDict>>,
            ) -> PyResult<Self> {
                let ctx = $crate::convert::context(config)?;
                let envelope = [("actor", actor), ("actor_org", actor_org), ("doc_refs", doc_refs)];
                Ok($Py::of($crate::project::register(py, ctx, date, envelope, record, facts)?))
            }

            /// A project with no stream yet.
            #[staticmethod]
            #[pyo3(signature = (*, config = None))]
            fn empty(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
                Ok($Py::of(<$Core as ::wanzheng::machine::LoggedStream>::empty($crate::convert::context(config)?)))
            }

            /// Applies one command; a refusal comes back as a rejected transition unless `strict`.
            #[pyo3(signature = (command, /, *, strict = false))]
            fn apply(
                &self,
                py: Python<'_>,
                command: &Bound<'_, PyAny>,
                strict: bool,
            ) -> PyResult<$crate::outcome::PyTransition> {
                $crate::project::apply_or_what_if(py, &self.inner, command, strict, false)
            }

            /// Dry run (issue 13): the transition `apply(command, strict=strict)` would return —
            /// accepted, or rejected with every outcome (raised with `strict`) — with nothing
            /// changed (the log is not copied).
            #[pyo3(signature = (command, /, *, strict = false))]
            fn what_if(
                &self,
                py: Python<'_>,
                command: &Bound<'_, PyAny>,
                strict: bool,
            ) -> PyResult<$crate::outcome::PyTransition> {
                $crate::project::apply_or_what_if(py, &self.inner, command, strict, true)
            }

            /// What may happen next (issue 13): for each stream of the project (its lifecycle,
            /// then a new and each open change, adjustment and accountability instance) every
            /// event of the machine's table, with its actors, whether it is allowed as of
            /// `as_of` (default: today) for `actor` (default: any), the blocking reasons (rule,
            /// article, zh/en messages) and the obligations an allowed event would discharge.
            #[pyo3(signature = (as_of = None, actor = None))]
            fn permitted_events(
                &self,
                py: Python<'_>,
                as_of: Option<&Bound<'_, PyAny>>,
                actor: Option<&str>,
            ) -> PyResult<$crate::permitted::PyPermitted> {
                let d = $crate::project::as_of(py, as_of)?;
                let a = $crate::permitted::actor_arg(py, actor)?;
                Ok($crate::permitted::permitted($crate::project::Project::permitted_events(&*self.inner.lock(py)?, d, a)))
            }

            /// Applies commands in order, without the GIL.
            #[pyo3(signature = (commands, /, *, strict = false))]
            fn apply_all(
                &self,
                py: Python<'_>,
                commands: &Bound<'_, PyAny>,
                strict: bool,
            ) -> PyResult<Vec<$crate::outcome::PyTransition>> {
                $crate::project::apply_all(py, &self.inner, commands, strict)
            }

            /// A `Command` for this project, parsed once.
            #[pyo3(signature = (command, /))]
            fn command(&self, py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<$crate::command::PyCommand> {
                let pending = $crate::project::pending(command)?;
                let p = self.inner.lock(py)?;
                Ok($crate::command::PyCommand(
                    $crate::project::complete_parse(&*p, pending).map_err(|e| $crate::errors::from_core(py, e))?,
                ))
            }

            /// The project id (`''` before registration).
            #[getter]
            fn project_id(&self, py: Python<'_>) -> PyResult<String> {
                Ok($crate::project::Project::id(&*self.inner.lock(py)?).to_string())
            }

            /// The lifecycle state, or `None` before registration.
            #[getter]
            fn state(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
                Ok($crate::project::Project::state_name(&*self.inner.lock(py)?))
            }

            /// The registered total investment, or `None`.
            #[getter]
            fn total<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
                $crate::project::total(py, &*self.inner.lock(py)?)
            }

            /// The log entries as dicts, oldest first.
            #[getter]
            fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyList>> {
                $crate::project::history(py, &*self.inner.lock(py)?)
            }

            /// The configuration as a dict.
            #[getter]
            fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::project::config(py, &*self.inner.lock(py)?)
            }

            fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
                Ok(::wanzheng::machine::LoggedStream::log(&*self.inner.lock(py)?).len())
            }

            /// The log's checkpoint `{"len", "head"}` with, for each key given, its proof:
            /// `"hmac"` (HMAC-SHA-256 under `hmac_key`) and `"ed25519"` (signature with the
            /// 32-byte `signing_key`). The approval system keeps it and its keys; `replay(…,
            /// checkpoints=[…], hmac_key=…, public_key=…)` verifies it (INV-57).
            #[pyo3(signature = (*, hmac_key = None, signing_key = None))]
            fn checkpoint<'py>(
                &self,
                py: Python<'py>,
                hmac_key: Option<&[u8]>,
                signing_key: Option<&[u8]>,
            ) -> PyResult<Bound<'py, PyAny>> {
                $crate::project::checkpoint(py, &*self.inner.lock(py)?, hmac_key, signing_key)
            }

            /// The log as JSON text.
            fn export_log(&self, py: Python<'_>) -> PyResult<String> {
                Ok(::wanzheng::machine::LoggedStream::log(&*self.inner.lock(py)?).to_json())
            }

            /// The state and ledger as a dict.
            fn state_json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let state = ::wanzheng::machine::LoggedStream::state_json(&*self.inner.lock(py)?);
                $crate::convert::json_to_py(py, &state, true)
            }

            /// Open obligations as of `as_of` (default: today).
            #[pyo3(signature = (as_of = None))]
            fn obligations(
                &self,
                py: Python<'_>,
                as_of: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Vec<$crate::outcome::PyObligation>> {
                let d = $crate::project::as_of(py, as_of)?;
                Ok(::wanzheng::machine::LoggedStream::obligations(&*self.inner.lock(py)?, d)
                    .into_iter()
                    .map($crate::outcome::PyObligation)
                    .collect())
            }

            /// Compliance findings as of `as_of` (default: today).
            #[pyo3(signature = (as_of = None))]
            fn audit(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<$crate::outcome::PyFinding>> {
                let d = $crate::project::as_of(py, as_of)?;
                Ok(::wanzheng::machine::LoggedStream::findings(&*self.inner.lock(py)?, d)
                    .into_iter()
                    .map($crate::outcome::PyFinding)
                    .collect())
            }

            /// Same as `audit` (the RULES.md §8 name).
            #[pyo3(signature = (as_of = None))]
            fn findings(
                &self,
                py: Python<'_>,
                as_of: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Vec<$crate::outcome::PyFinding>> {
                self.audit(py, as_of)
            }

            /// Rebuilds a project from its log (JSON text or the `history` list) or its `to_json`
            /// document (whose plan inputs are re-judged with), judged under `config`, and
            /// checks it (INV-57): an entry whose stored outcomes or transition re-judging does
            /// not give raises InputError `replay_difference`; with `report=True` they are
            /// listed instead, returning `(project, differences)` (empty for an untouched log).
            /// `expected_len` / `expected_head`: what the approval system recorded
            /// (`head_mismatch`); `checkpoints` (from `checkpoint()`) verified with `hmac_key`
            /// and/or the Ed25519 `public_key` (`anchor_mismatch`).
            #[staticmethod]
            #[pyo3(signature = (log, /, *, config = None, report = false, expected_len = None, expected_head = None, checkpoints = None, hmac_key = None, public_key = None))]
            #[allow(clippy::too_many_arguments)]
            fn replay<'py>(
                py: Python<'py>,
                log: &Bound<'py, PyAny>,
                config: Option<&Bound<'py, PyAny>>,
                report: bool,
                expected_len: Option<u32>,
                expected_head: Option<&str>,
                checkpoints: Option<&Bound<'py, PyAny>>,
                hmac_key: Option<&[u8]>,
                public_key: Option<&[u8]>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let ctx = $crate::convert::context(config)?;
                let options = $crate::project::replay_options(
                    py, report, expected_len, expected_head, checkpoints, hmac_key, public_key,
                )?;
                let (p, differences) = $crate::project::replay::<$Core>(py, log, ctx, &options)?;
                let p = Bound::new(py, $Py::of(p))?.into_any();
                if !report {
                    return Ok(p);
                }
                Ok(pyo3::types::PyTuple::new(py, [p, differences.into_any()])?.into_any())
            }

            /// The project as JSON text (configuration and log).
            fn to_json(&self, py: Python<'_>) -> PyResult<String> {
                Ok(::wanzheng::machine::LoggedStream::to_json(&*self.inner.lock(py)?))
            }

            /// Rebuilds a project from `to_json` output.
            #[staticmethod]
            fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
                let inner = py
                    .detach(|| <$Core as ::wanzheng::machine::LoggedStream>::from_json(text))
                    .map_err(|e| $crate::errors::from_core(py, e))?;
                Ok($Py::of(inner))
            }

            /// A Mermaid `stateDiagram-v2` of the lifecycle, current state highlighted.
            fn mermaid(&self, py: Python<'_>) -> PyResult<String> {
                Ok(::wanzheng::machine::LoggedStream::mermaid(&*self.inner.lock(py)?))
            }

            /// The state diagram as a notebook object.
            fn diagram(&self, py: Python<'_>) -> PyResult<$crate::project::Diagram> {
                Ok($crate::project::Diagram(::wanzheng::machine::LoggedStream::mermaid(&*self.inner.lock(py)?)))
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let json = ::wanzheng::machine::LoggedStream::to_json(&*slf.get().inner.lock(slf.py())?);
                Ok((slf.get_type().getattr("from_json")?, (json,)))
            }

            fn __copy__(&self, py: Python<'_>) -> PyResult<Self> {
                Ok($Py::of(self.inner.cloned(py)?))
            }

            fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok($Py::of(self.inner.cloned(py)?))
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                Ok($crate::project::repr(py, &*self.inner.lock(py)?))
            }

            fn __str__(&self, py: Python<'_>) -> PyResult<String> {
                Ok($crate::project::str_(&*self.inner.lock(py)?))
            }

            /// The inspection report as one self-contained HTML page (no script, no network,
            /// prints on A4), as of `as_of` (default: the date of the last event).
            #[pyo3(signature = (as_of = None))]
            fn report_html(&self, py: Python<'_>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
                let p = self.inner.lock(py)?;
                let d = $crate::project::own_as_of(py, &*p, as_of)?;
                let inner = &*p;
                Ok(py.detach(|| $crate::project::Project::report(inner, d).html()))
            }

            /// The compact "path taken" as Mermaid: the states visited, then the acts the
            /// transition table permits from the current state.
            fn path_mermaid(&self, py: Python<'_>) -> PyResult<String> {
                Ok($crate::project::Project::path_mermaid(&*self.inner.lock(py)?))
            }

            /// The path taken as a notebook object (Mermaid).
            fn path_diagram(&self, py: Python<'_>) -> PyResult<$crate::project::Diagram> {
                Ok($crate::project::Diagram($crate::project::Project::path_mermaid(&*self.inner.lock(py)?)))
            }

            fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
                Ok($crate::project::html(&*self.inner.lock(py)?))
            }

            fn _repr_markdown_(&self, py: Python<'_>) -> PyResult<String> {
                Ok($crate::project::markdown(&*self.inner.lock(py)?))
            }
        }
    };
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
