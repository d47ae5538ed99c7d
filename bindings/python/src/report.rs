//! The inspection report for Python: `wanzheng.report_html(file)` renders a project file (what
//! `wanzheng report FILE --html OUT.html` renders), and a workspace's `report_html`. The core
//! (`wanzheng::report`) renders; this module only reads the argument.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyString;

use wanzheng::{ProjectFile, Report, Workspace};

use crate::convert::{date, py_to_json};
use crate::errors::IntoPyResult;
use crate::project::today;

/// The report date of a workspace: `as_of` when given, else the latest date of its logs, else today.
pub fn workspace_as_of(py: Python<'_>, ws: &Workspace, v: Option<&Bound<'_, PyAny>>) -> PyResult<NaiveDate> {
    if let Some(v) = v.filter(|v| !v.is_none()) {
        return date(v, "as_of");
    }
    let last = ws
        .investments()
        .map(|(_, p)| p.log().last_date())
        .chain(ws.digitals().map(|(_, p)| p.log().last_date()))
        .chain(ws.plans().map(|(_, p)| p.log().last_date()))
        .chain(ws.cycles().map(|(_, c)| c.log().last_date()))
        .flatten()
        .max();
    match last {
        Some(d) => Ok(d),
        None => today(py),
    }
}

/// Reads a project file argument: a mapping, JSON text, a path (`str` not starting with `{`, or
/// `os.PathLike`), or anything with `read_text()` (a `pathlib.Path`, a package resource).
/// Returns the file run, and its name when it was read from a path.
fn project_file(py: Python<'_>, file: &Bound<'_, PyAny>) -> PyResult<(ProjectFile, Option<String>)> {
    let name_of = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let (text, name) = if let Ok(s) = file.cast::<PyString>() {
        let s = s.to_cow()?;
        if s.trim_start().starts_with('{') {
            (s.into_owned(), None)
        } else {
            let path = std::path::Path::new(&*s);
            (std::fs::read_to_string(path)?, name_of(path))
        }
    } else if file.hasattr("read_text")? {
        let name = file.getattr("name").ok().and_then(|n| n.extract::<String>().ok());
        (file.call_method1("read_text", ("utf-8",))?.extract::<String>()?, name)
    } else if file.hasattr("__fspath__")? {
        let path: std::path::PathBuf = file.extract()?;
        (std::fs::read_to_string(&path)?, name_of(&path))
    } else {
        let v = py_to_json(file, "")?;
        let base = crate::convert::default_context();
        return Ok((py.detach(|| ProjectFile::run_value_in(v, &base)).py_err(py)?, None));
    };
    let base = crate::convert::default_context();
    Ok((py.detach(|| ProjectFile::run_in(&text, &base)).py_err(py)?, name))
}

/// The inspection report of a project file as one self-contained HTML page: every command
/// applied in order, the rejected ones with their articles. `file` is a mapping, JSON text, a
/// path or a `pathlib.Path`; `as_of` defaults to the file's `as_of`, else its last date.
#[pyfunction]
#[pyo3(signature = (file, /, *, as_of = None))]
pub fn report_html(py: Python<'_>, file: &Bound<'_, PyAny>, as_of: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
    let (f, name) = project_file(py, file)?;
    let as_of = as_of.filter(|v| !v.is_none()).map(|v| date(v, "as_of")).transpose()?;
    Ok(py.detach(|| {
        let r = Report::of_file(&f, as_of);
        match name {
            Some(n) => r.with_source(n).html(),
            None => r.html(),
        }
    }))
}
