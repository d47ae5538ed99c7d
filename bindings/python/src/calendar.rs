//! The process's working-day calendar: loading a State Council holiday notice as data.
//!
//! Every context the module builds (decision functions, new projects, `replay`, workspaces)
//! judges with this calendar. It starts as the embedded 2023–2026 notices; a year without a
//! loaded notice is provisional (statutory holidays only, RULES.md §1.4 as revised by issue 10).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyString;
use wanzheng::WorkingDayCalendar;

use crate::convert::{calendar, date, py_to_json, set_calendar};
use crate::errors::IntoPyResult;

/// Notice text from a JSON string, a mapping, or a path (``os.PathLike``).
fn notice_text(notice: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = notice.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let os = notice.py().import("os")?;
    if notice.is_instance(&os.getattr("PathLike")?)? {
        let path: std::path::PathBuf = notice.extract()?;
        return std::fs::read_to_string(&path)
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display())));
    }
    Ok(py_to_json(notice, "notice")?.to_string())
}

/// Loads a State Council holiday notice (JSON text, a mapping, or a path to a JSON file, in
/// the format of ``crates/wanzheng/data/calendar/cn.json``) over the process's calendar: its
/// years become official. Contexts built from then on (decisions, new projects, ``replay``)
/// judge with it; replaying a log gives the official deadlines of formerly provisional
/// obligations. Returns the official years. Raises ``InputError`` for a malformed notice or one
/// that takes a statutory holiday away (``calendar_contradicts_statute``, naming the day); the
/// calendar is then unchanged.
#[pyfunction]
pub fn load_calendar(py: Python<'_>, notice: &Bound<'_, PyAny>) -> PyResult<Vec<i32>> {
    let text = notice_text(notice)?;
    let mut cal = WorkingDayCalendar::clone(&calendar());
    py.detach(|| cal.load_notice_json(&text)).map_err(wanzheng::Error::from).py_err(py)?;
    let years = cal.years();
    set_calendar(Some(Arc::new(cal)));
    Ok(years)
}

/// Restores the embedded calendar (the 2023–2026 notices shipped with the library).
#[pyfunction]
pub fn reset_calendar() {
    set_calendar(None);
}

/// The years of the process's calendar with a loaded notice (official), ascending.
#[pyfunction]
pub fn calendar_years() -> Vec<i32> {
    calendar().years()
}

/// Whether ``day`` (``datetime.date`` or ISO ``str``) is a working day under the process's
/// calendar (provisional in a year without a notice). ``InputError`` outside 2023–2099.
#[pyfunction]
pub fn is_working_day(py: Python<'_>, day: &Bound<'_, PyAny>) -> PyResult<bool> {
    let d = date(day, "day")?;
    calendar().is_working_day(d).map_err(wanzheng::Error::from).py_err(py)
}

/// Whether the year of ``day`` has a loaded State Council notice (else its working days are
/// provisional). ``InputError`` outside 2023–2099.
#[pyfunction]
pub fn is_official(py: Python<'_>, day: &Bound<'_, PyAny>) -> PyResult<bool> {
    let d = date(day, "day")?;
    let cal = calendar();
    if !cal.covers(d) {
        // The same error as every other calendar function.
        return cal.is_working_day(d).map(|_| false).map_err(wanzheng::Error::from).py_err(py);
    }
    Ok(cal.is_official(d))
}

/// Loads an amendment of the dated rule parameters (JSON text, a mapping, or a path to a JSON
/// file in the format of ``tests/fixtures/rulesets``: ``version``, ``effective_from``, optional
/// ``source``, ``values``) over the process's rule versions: acts dated from its
/// ``effective_from`` are judged under it by every context built from then on (decisions, new
/// projects, ``replay``, project files). Returns the loaded versions, oldest first. Raises
/// ``InputError`` (path ``ruleset…``) for a bad amendment; the versions are then unchanged.
#[pyfunction]
pub fn load_ruleset(amendment: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let py = amendment.py();
    let text = notice_text(amendment)?;
    let book = crate::convert::rulebook().with_amendment_json(&text).map_err(wanzheng::Error::from).py_err(py)?;
    let versions = book.versions().iter().map(|s| s.version.to_string()).collect();
    crate::convert::set_rulebook(Some(Arc::new(book)));
    Ok(versions)
}

/// Restores the built-in rule version only (the law as issued).
#[pyfunction]
pub fn reset_rulesets() {
    crate::convert::set_rulebook(None);
}

/// The process's rule versions, oldest first, each as a dict (``version``, ``effective_from``,
/// ``source``, ``values`` — amounts as ``Decimal``).
#[pyfunction]
pub fn rulesets(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyAny>>> {
    crate::convert::rulebook()
        .versions()
        .iter()
        .map(|s| crate::convert::json_to_py(py, &serde_json::to_value(&**s).unwrap_or_default(), true))
        .collect()
}
