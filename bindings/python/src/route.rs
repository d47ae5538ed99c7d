//! RULES.md §4.1 `approval_route` with typed keyword arguments, and its batch form.
//!
//! The single call builds the core's flags from keyword arguments and calls the typed core
//! function (no JSON). The batch converts its columns in chunks with the GIL, then calls the
//! core function in a loop without it, and checks for signals after each chunk; routes come
//! back as shared (interned) strings.

use pyo3::Borrowed;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyList, PyString, PyType};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde_json::Value;

use wanzheng::config::DesignApprover;
use wanzheng::investment::route::{ApprovalFlags, Level, Route, RouteDecision, approval_route_in};
use wanzheng::{Context, InputError, InputReason, Yuan};

use crate::convert::{amount, context, decimal_type, ident, json_to_py, parse_json, parse_yuan};
use crate::errors::IntoPyResult;
use crate::outcome::{PyOutcome, esc, pyrepr};

/// The flag names of RULES.md §4.1 besides `level`: the core's one list, whose order the keyword
/// arguments below follow.
pub(crate) use wanzheng::investment::route::ROUTE_FLAGS as FLAG_NAMES;

/// Sets flag `FLAG_NAMES[i]` (the core's `ApprovalFlags::set_flag`).
pub(crate) fn set_flag(f: &mut ApprovalFlags, i: usize, v: bool) {
    f.set_flag(i, v);
}

/// A snake_case identifier into a core enum, by the core's own serde names.
fn enum_value<T: for<'de> Deserialize<'de>>(py: Python<'_>, s: &str, path: &str) -> PyResult<T> {
    T::deserialize(s.into_deserializer())
        .map_err(|e: serde::de::value::Error| InputError::new(path, InputReason::UnknownValue, e.to_string()))
        .py_err(py)
}

fn level(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Level> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(Level::default()),
        Some(o) => enum_value(o.py(), &ident(o, "level")?, "level"),
    }
}

fn boolean(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<bool> {
    match obj.cast::<PyBool>() {
        Ok(b) => Ok(b.is_true()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{path}: expected a bool, not {}",
            obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))),
    }
}

/// The rule version a route decision uses: the one in force on `as_of` (a `datetime.date` or
/// ISO `str`), else the newest loaded (issue 10).
pub(crate) fn ruleset_of(
    ctx: &Context,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<std::sync::Arc<wanzheng::ruleset::RuleSet>> {
    Ok(match as_of.filter(|a| !a.is_none()) {
        Some(a) => std::sync::Arc::clone(ctx.ruleset_at(crate::convert::date(a, "as_of")?)),
        None => std::sync::Arc::clone(ctx.decision_ruleset()),
    })
}

pub(crate) fn design_approver(ctx: &Context, sector: Option<&str>) -> DesignApprover {
    match sector {
        Some(s) => ctx.config().design_approver_for(s),
        None => ctx.config().default_design_approver,
    }
}

/// The result of `approval_route` (RULES.md §4.1).
#[pyclass(module = "wanzheng._wanzheng", name = "RouteDecision", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyRouteDecision(pub RouteDecision);

#[pymethods]
impl PyRouteDecision {
    /// The route: `standard`, `direct_fsr`, `simplified_fsr_only`, `emergency_merged`,
    /// `external` or `county_rules`.
    #[getter]
    fn route(&self, py: Python<'_>) -> PyResult<Py<PyString>> {
        route_str(py, self.0.route)
    }
    /// The documents the route approves with their approvers, in approval order.
    #[getter]
    fn documents(&self) -> Vec<(&'static str, &'static str)> {
        self.0.documents.iter().map(|d| (d.document.as_str(), d.approver.as_str())).collect()
    }
    /// One merged FSR for the batch (INV-15.2).
    #[getter]
    fn merged_batch(&self) -> bool {
        self.0.merged_batch
    }
    /// The routes the project unit may choose (`select_route`), simplest first.
    #[getter]
    fn permitted_alternatives(&self) -> Vec<&'static str> {
        self.0.permitted_alternatives.iter().map(|r| r.as_str()).collect()
    }
    /// An INV-14 category holds.
    #[getter]
    fn art14_eligible(&self) -> bool {
        self.0.art14_eligible
    }
    /// The rule trace.
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        self.0.rules.iter().map(|r| r.as_str()).collect()
    }
    /// The outcomes (a route is a selection, never a breach).
    #[getter]
    fn outcomes(&self) -> Vec<PyOutcome> {
        self.0.outcomes.iter().cloned().map(PyOutcome).collect()
    }
    /// The version of the rule parameters whose bands decided (issue 10).
    #[getter]
    fn ruleset(&self) -> &str {
        &self.0.ruleset
    }
    /// Whether `route` is one of the permitted alternatives.
    fn permits(&self, route: &Bound<'_, PyAny>) -> PyResult<bool> {
        let r: Route = enum_value(route.py(), &ident(route, "route")?, "route")?;
        Ok(self.0.permits(r))
    }
    /// The decision as a dict (the core's JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_value(&self.0).unwrap_or(Value::Null), true)
    }
    /// The decision as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    /// Rebuilds a decision from `to_json` output.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(PyRouteDecision(wanzheng::json::from_value(parse_json(py, text)?, "").py_err(py)?))
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().to_json(),)))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "RouteDecision(route={}, art14_eligible={}, merged_batch={}, permitted_alternatives=[{}])",
            pyrepr(py, self.0.route.as_str()),
            if self.0.art14_eligible { "True" } else { "False" },
            if self.0.merged_batch { "True" } else { "False" },
            self.permitted_alternatives().iter().map(|r| pyrepr(py, r)).collect::<Vec<_>>().join(", ")
        )
    }
    fn _repr_html_(&self) -> String {
        let docs: Vec<String> = self.documents().iter().map(|(d, a)| format!("<code>{d}</code> ({a})")).collect();
        format!(
            "<div class=\"wz-route\">route <b><code>{}</code></b>; documents: {}; alternatives: {}; \
             art14_eligible: {}; merged_batch: {}<br/><small>rules: {}</small></div>",
            self.0.route.as_str(),
            if docs.is_empty() { "—".into() } else { docs.join(", ") },
            esc(&self.permitted_alternatives().join(", ")),
            self.0.art14_eligible,
            self.0.merged_batch,
            self.rules().join(", ")
        )
    }
}

/// The shared Python strings of the routes.
fn route_strings(py: Python<'_>) -> &'static [(Route, Py<PyString>)] {
    static ROUTES: PyOnceLock<Vec<(Route, Py<PyString>)>> = PyOnceLock::new();
    ROUTES.get_or_init(py, || {
        [
            Route::Standard,
            Route::DirectFsr,
            Route::SimplifiedFsrOnly,
            Route::EmergencyMerged,
            Route::External,
            Route::CountyRules,
        ]
        .into_iter()
        .map(|r| (r, PyString::intern(py, r.as_str()).unbind()))
        .collect()
    })
}

/// The shared Python string of a route.
fn route_str(py: Python<'_>, r: Route) -> PyResult<Py<PyString>> {
    match route_strings(py).iter().find(|(x, _)| *x == r) {
        Some((_, s)) => Ok(s.clone_ref(py)),
        None => Ok(PyString::new(py, r.as_str()).unbind()),
    }
}

/// RULES.md §4.1: the approval route of a project of `total` with the given flags.
#[pyfunction]
#[pyo3(signature = (
    total, *, level = None, special_authority = false, seeks_central_provincial_funds = false,
    emergency_recognized = false, urgent_sudden_event = false, in_plan = false, agreed = false,
    partial_rebuild_or_expansion = false, single_content_simple_tech = false, small_scale = false,
    dispersed_similar = false, sector = None, config = None, as_of = None
))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of RULES.md §4.1
pub fn approval_route(
    total: &Bound<'_, PyAny>,
    level: Option<&Bound<'_, PyAny>>,
    special_authority: bool,
    seeks_central_provincial_funds: bool,
    emergency_recognized: bool,
    urgent_sudden_event: bool,
    in_plan: bool,
    agreed: bool,
    partial_rebuild_or_expansion: bool,
    single_content_simple_tech: bool,
    small_scale: bool,
    dispersed_similar: bool,
    sector: Option<&str>,
    config: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRouteDecision> {
    let total = amount(total, "total")?;
    let flags = ApprovalFlags {
        agreed,
        dispersed_similar,
        emergency_recognized,
        in_plan,
        level: self::level(level)?,
        partial_rebuild_or_expansion,
        seeks_central_provincial_funds,
        single_content_simple_tech,
        small_scale,
        special_authority,
        urgent_sudden_event,
    };
    let ctx = context(config)?;
    let rules = ruleset_of(&ctx, as_of)?;
    Ok(PyRouteDecision(approval_route_in(total, &flags, design_approver(&ctx, sector), &rules)))
}

/// One batch column: the same value for every item, or one value per item.
enum Column<'py> {
    Const(bool),
    Each(Bound<'py, PyList>),
}

/// A sequence argument as a list (a list as is; another sequence copied once). A `str`, `bytes`
/// or mapping is refused (`TypeError`): its characters or keys are not the column's items.
fn as_list<'py>(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyList>> {
    crate::decision::not_a_sequence(obj, name)?;
    match obj.cast::<PyList>() {
        Ok(l) => Ok(l.clone()),
        Err(_) => Ok(obj.cast::<pyo3::types::PySequence>()?.to_list()?),
    }
}

/// Item `i` of `list`, borrowed: no reference-count traffic on the hot path. The caller uses it
/// only until it next runs Python code (which could mutate the list).
fn item<'a, 'py>(list: &'a Bound<'py, PyList>, i: usize) -> PyResult<Borrowed<'a, 'py, PyAny>> {
    // SAFETY: `list` is a live list and the thread is attached (abi3 has no free-threaded
    // build); PyList_GetItem checks the index (NULL with IndexError otherwise) and returns a
    // borrowed reference, valid while the list holds the item.
    unsafe {
        Borrowed::from_ptr_or_err(list.py(), pyo3::ffi::PyList_GetItem(list.as_ptr(), i as pyo3::ffi::Py_ssize_t))
    }
}

/// A bool item by identity with `True`/`False`.
fn bool_item(obj: Borrowed<'_, '_, PyAny>, name: &str) -> PyResult<bool> {
    // SAFETY: the singletons' addresses, compared, never dereferenced.
    let (t, f) = unsafe { (pyo3::ffi::Py_True(), pyo3::ffi::Py_False()) };
    match obj.as_ptr() {
        p if p == t => Ok(true),
        p if p == f => Ok(false),
        _ => boolean(&obj.to_owned(), name),
    }
}

/// The amount of one batch item: fast paths for exact `str` and `Decimal`, else [`amount`].
fn batch_amount(obj: Borrowed<'_, '_, PyAny>, decimal: &Bound<'_, PyType>, i: usize) -> PyResult<Yuan> {
    if obj.is_exact_instance_of::<PyString>() {
        let s = obj.cast::<PyString>()?;
        if let Ok(y) = parse_yuan(&s)? {
            return Ok(y);
        }
    } else if obj.get_type().is(decimal)
        && let Ok(y) = parse_yuan(&obj.str()?)?
    {
        return Ok(y);
    }
    amount(&obj.to_owned(), &format!("total[{i}]"))
}

/// Levels of a batch: consecutive items usually share one string object, so the last object
/// (kept alive here, so its identity cannot be reused) and its level are remembered.
struct LevelCache<'py> {
    last: Option<Bound<'py, PyAny>>,
    level: Level,
}

impl<'py> LevelCache<'py> {
    fn get(&mut self, obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Level> {
        if self.last.as_ref().is_none_or(|l| l.as_ptr() != obj.as_ptr()) {
            let owned = obj.to_owned();
            self.level = level(Some(&owned))?;
            self.last = Some(owned);
        }
        Ok(self.level)
    }
}

/// Items per round: converted with the GIL, routed without it, their routes appended with it,
/// then signals checked (a round takes about a millisecond, so Ctrl-C is honoured and a second
/// thread gets the GIL within one).
const CHUNK: usize = 8_192;

/// RULES.md §4.1 over many projects: `total` is a sequence of amounts; `level` and each flag
/// are one value for all or a sequence of the same length. Returns the routes, in order.
#[pyfunction]
#[pyo3(signature = (
    total, *, level = None, special_authority = None, seeks_central_provincial_funds = None,
    emergency_recognized = None, urgent_sudden_event = None, in_plan = None, agreed = None,
    partial_rebuild_or_expansion = None, single_content_simple_tech = None, small_scale = None,
    dispersed_similar = None, sector = None, config = None, as_of = None
))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of RULES.md §4.1
pub fn approval_route_batch<'py>(
    py: Python<'py>,
    total: &Bound<'py, PyAny>,
    level: Option<&Bound<'py, PyAny>>,
    special_authority: Option<&Bound<'py, PyAny>>,
    seeks_central_provincial_funds: Option<&Bound<'py, PyAny>>,
    emergency_recognized: Option<&Bound<'py, PyAny>>,
    urgent_sudden_event: Option<&Bound<'py, PyAny>>,
    in_plan: Option<&Bound<'py, PyAny>>,
    agreed: Option<&Bound<'py, PyAny>>,
    partial_rebuild_or_expansion: Option<&Bound<'py, PyAny>>,
    single_content_simple_tech: Option<&Bound<'py, PyAny>>,
    small_scale: Option<&Bound<'py, PyAny>>,
    dispersed_similar: Option<&Bound<'py, PyAny>>,
    sector: Option<&str>,
    config: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let totals = as_list(total, "total")?;
    let n = totals.len();
    let check_len = |name: &str, c: &Bound<'py, PyList>| -> PyResult<()> {
        let m = c.len();
        if m != n {
            return Err(PyValueError::new_err(format!("{name} has {m} items, total has {n}")));
        }
        Ok(())
    };
    let given = [
        special_authority,
        seeks_central_provincial_funds,
        emergency_recognized,
        urgent_sudden_event,
        in_plan,
        agreed,
        partial_rebuild_or_expansion,
        single_content_simple_tech,
        small_scale,
        dispersed_similar,
    ];
    let mut columns = Vec::with_capacity(given.len());
    for (name, c) in FLAG_NAMES.iter().zip(given) {
        columns.push(match c.filter(|c| !c.is_none()) {
            None => Column::Const(false),
            Some(c) if c.is_instance_of::<PyBool>() => Column::Const(boolean(c, name)?),
            Some(c) => {
                let l = as_list(c, name)?;
                check_len(name, &l)?;
                Column::Each(l)
            }
        });
    }
    let levels = match level.filter(|l| !l.is_none()) {
        None => Err(Level::default()),
        Some(l) if l.is_instance_of::<PyString>() => Err(self::level(Some(l))?),
        Some(l) => {
            let l = as_list(l, "level")?;
            check_len("level", &l)?;
            Ok(l)
        }
    };
    let mut level_cache = LevelCache { last: None, level: Level::default() };
    let ctx = context(config)?;
    let approver = design_approver(&ctx, sector);
    let rules = ruleset_of(&ctx, as_of)?;
    let decimal = decimal_type(py)?.clone();
    let out = PyList::empty(py);
    let mut items: Vec<(Yuan, ApprovalFlags)> = Vec::with_capacity(n.min(CHUNK));
    let mut routes: Vec<Route> = Vec::with_capacity(n.min(CHUNK));
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        items.clear();
        for i in start..end {
            let t = batch_amount(item(&totals, i)?, &decimal, i)?;
            let mut f = ApprovalFlags::default();
            for (k, c) in columns.iter().enumerate() {
                let v = match c {
                    Column::Const(b) => *b,
                    Column::Each(col) => bool_item(item(col, i)?, FLAG_NAMES[k])?,
                };
                set_flag(&mut f, k, v);
            }
            f.level = match &levels {
                Err(l) => *l,
                Ok(col) => level_cache.get(item(col, i)?)?,
            };
            items.push((t, f));
        }
        routes.clear();
        py.detach(|| routes.extend(items.iter().map(|(t, f)| approval_route_in(*t, f, approver, &rules).route)));
        let strings = route_strings(py);
        for r in &routes {
            match strings.iter().find(|(x, _)| x == r) {
                Some((_, s)) => out.append(s.bind(py))?,
                None => out.append(route_str(py, *r)?)?,
            }
        }
        start = end;
        py.check_signals()?;
    }
    Ok(out)
}
