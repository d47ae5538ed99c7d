//! `wanzheng report FILE --html OUT.html` and `wanzheng diagram --path FILE`: the inspection
//! report of a project file and its compact "path taken" diagram, both rendered by the core
//! (`wanzheng::report`); this module only reads the file and writes the result.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use wanzheng::Report;

use crate::DiagramFormat;

/// Writes the report page; exit 0 once written (findings and rejections are in the page and in
/// `wanzheng check`'s exit status), 2 for an unusable file.
pub fn run(file: &Path, html: &Path, as_of: Option<NaiveDate>, base: &wanzheng::Context) -> Result<ExitCode, String> {
    let project = crate::check::load(file, base)?;
    if project.given_report_date(as_of).is_none() {
        return Err(crate::check::no_report_date(file));
    }
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let page = Report::of_file(&project, as_of).with_source(name).html();
    if html.as_os_str() == "-" {
        std::io::stdout().write_all(page.as_bytes()).map_err(|e| format!("stdout: {e}"))?;
    } else {
        std::fs::write(html, page).map_err(|e| format!("{}: {e}", html.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the path taken by every project of the file, with the acts permitted next.
pub fn path_diagram(file: &Path, format: DiagramFormat) -> Result<ExitCode, String> {
    let project = crate::check::load(file, &wanzheng::Context::default())?;
    let report = Report::of_file(&project, None);
    if report.projects.is_empty() {
        return Err(format!("{}: no investment or digital project in the file", file.display()));
    }
    for (n, p) in report.projects.iter().enumerate() {
        if n > 0 {
            println!();
        }
        match format {
            DiagramFormat::Mermaid => print!("{}", p.path_mermaid()),
            DiagramFormat::Markdown => print!("**{}** `{}`\n\n```mermaid\n{}```\n", p.name, p.stream, p.path_mermaid()),
            DiagramFormat::Svg => println!("{}", p.path_svg()),
            DiagramFormat::Dot => return Err("--path draws mermaid, markdown or svg".into()),
        }
    }
    Ok(ExitCode::SUCCESS)
}
