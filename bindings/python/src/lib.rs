//! `wanzheng._wanzheng`: the native module of the `wanzheng` Python package.
//!
//! A thin layer over the `wanzheng` core: conversions ([`convert`]), the exception tree and
//! its one mapping from the core's errors ([`errors`]), value types ([`outcome`]), the
//! investment project ([`investment`]) and the decision functions ([`decision`]). No rule logic
//! lives here: every judgment is the core's.

#![deny(missing_docs)]

use pyo3::prelude::*;

pub mod arrow;
pub mod arrow_batch;
pub mod arrow_payment;
pub mod calendar;
pub mod command;
pub mod convert;
pub mod decision;
pub mod digital;
pub mod errors;
pub mod frames;
pub mod investment;
pub mod outcome;
pub mod permitted;
pub mod project;
pub mod report;
pub mod route;
pub mod shared;
pub mod workspace;

/// The native module.
#[pymodule]
#[pyo3(name = "_wanzheng")]
fn wanzheng_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", wanzheng::VERSION)?;
    m.add("SCHEMA_VERSION", wanzheng::json::SCHEMA_VERSION)?;
    // The flag names of RULES.md §4.1 in the core's one order (`ROUTE_FLAGS`).
    m.add("ROUTE_FLAGS", pyo3::types::PyTuple::new(m.py(), wanzheng::investment::route::ROUTE_FLAGS)?)?;
    errors::register(m)?;
    m.add_class::<command::PyCommand>()?;
    m.add_class::<outcome::PyOutcome>()?;
    m.add_class::<outcome::PyTransition>()?;
    m.add_class::<outcome::PyFinding>()?;
    m.add_class::<outcome::PyObligation>()?;
    m.add_class::<outcome::PyExplanation>()?;
    m.add_class::<investment::PyInvestmentProject>()?;
    m.add_class::<digital::PyDigitalProject>()?;
    m.add_class::<project::Diagram>()?;
    m.add_class::<workspace::PyWorkspace>()?;
    permitted::register(m)?;
    m.add_class::<route::PyRouteDecision>()?;
    m.add_function(wrap_pyfunction!(route::approval_route, m)?)?;
    m.add_function(wrap_pyfunction!(route::approval_route_batch, m)?)?;
    m.add_function(wrap_pyfunction!(decision::decide, m)?)?;
    m.add_function(wrap_pyfunction!(decision::decide_batch, m)?)?;
    m.add_function(wrap_pyfunction!(decision::functions, m)?)?;
    m.add_function(wrap_pyfunction!(decision::explain, m)?)?;
    m.add_function(wrap_pyfunction!(decision::catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(report::report_html, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::load_calendar, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::reset_calendar, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::calendar_years, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::load_ruleset, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::reset_rulesets, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::rulesets, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::is_working_day, m)?)?;
    m.add_function(wrap_pyfunction!(calendar::is_official, m)?)?;
    arrow_functions(m)
}

/// The Arrow surface (issue 14): batches over tables, portfolio frames.
fn arrow_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<arrow::ArrowResult>()?;
    m.add_function(wrap_pyfunction!(arrow_batch::approval_route_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow_batch::decide_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(frames::read_logs, m)?)?;
    Ok(())
}
