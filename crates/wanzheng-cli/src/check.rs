//! `wanzheng check FILE…`: replay project files through a workspace.
//!
//! A project file (`wanzheng::ProjectFile`) is JSON:
//! `{"schema_version":1, "name":…, "description":…, "config":{…}?, "rulesets":[…]?, "as_of":"YYYY-MM-DD"?, "commands":[…]}`
//! where each command is the RULES.md §1.7 envelope without seq, outcomes and hashes.
//! Each command is applied in order; a rejected one changes nothing and the replay goes on.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::Value;
use wanzheng::project_file::{CheckReport, pretty};
use wanzheng::{Context, Error, OutcomeKind, ProjectFile};

/// Reads and runs a project file with the calendar and rule versions of `base`; errors name
/// the file.
pub fn load(path: &Path, base: &Context) -> Result<ProjectFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    ProjectFile::run_in(&text, base).map_err(|e| match e.reason {
        wanzheng::InputReason::MalformedJson => format!("{}: malformed JSON: {}", path.display(), e.message),
        _ => format!("{}: {e}", path.display()),
    })
}

/// The error of a file without a report date (no `as_of`, no dated command): a date is asked
/// for rather than a report as of 1970-01-01.
pub fn no_report_date(path: &Path) -> String {
    format!("{}: no report date: the file has no as_of and no dated command; give --as-of", path.display())
}

/// Runs the check; the exit code is 1 when any event was rejected or any finding raised. The
/// JSON is the core's check report (`ProjectFile::check_report`), as `wz_check_file` gives it.
pub fn run(files: &[PathBuf], as_of: Option<NaiveDate>, json_out: bool, base: &Context) -> Result<ExitCode, String> {
    let mut dirty = false;
    let mut reports = Vec::new();
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let projects = files.iter().map(|p| load(p, base)).collect::<Result<Vec<_>, _>>()?;
    for (path, project) in files.iter().zip(&projects) {
        if project.given_report_date(as_of).is_none() {
            return Err(no_report_date(path));
        }
    }
    for ((path, name), project) in files.iter().zip(&names).zip(&projects) {
        let report = project.check_report(Some(name), as_of);
        dirty |= report.dirty();
        if json_out {
            reports.push(report);
        } else {
            print_human(path, &report);
        }
    }
    if json_out {
        let out = match reports.as_slice() {
            [one] => one.to_json(),
            many => pretty(&Value::Array(many.iter().map(CheckReport::to_json_value).collect())),
        };
        println!("{out}");
    }
    Ok(if dirty { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn kind_mark(k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::Violation => "✘ violation",
        OutcomeKind::DefaultBreach => "▲ default_breach",
        OutcomeKind::Warning => "⚠ warning",
        OutcomeKind::Finding => "● finding",
    }
}

fn print_human(path: &Path, report: &CheckReport<'_>) {
    let (file, streams, as_of) = (report.project, &report.streams, report.as_of);
    println!("== {} — {}", path.display(), file.name);
    if let Some(d) = &file.description {
        println!("   {d}");
    }
    let steps = &file.steps;
    for s in steps {
        let date = s.date.map(|d| d.to_string()).unwrap_or_else(|| "????-??-??".into());
        match &s.result {
            Ok(t) => {
                println!("  #{:<3} {date}  {:<24} {:<28} ✔ {} → {}", s.index, s.stream, s.event, t.from, t.to);
                let rules: Vec<&str> = t.rules.iter().map(|r| r.as_str()).collect();
                if !rules.is_empty() {
                    println!("        rules: {}", rules.join(" "));
                }
                for o in &t.outcomes {
                    println!("        {} {} {} — {}", kind_mark(o.kind), o.rule, o.rule.article_zh(), o.message_zh());
                    println!("          {}", o.message_en());
                }
                if !t.exceptions_used.is_empty() {
                    println!("        exceptions used: {:?}", t.exceptions_used);
                }
            }
            Err(e) => {
                println!("  #{:<3} {date}  {:<24} {:<28} ✘ REJECTED ({})", s.index, s.stream, s.event, e.kind());
                match e {
                    Error::Rule(v) => {
                        for o in &v.outcomes {
                            println!(
                                "        {} {} {} — {}",
                                kind_mark(o.kind),
                                o.rule,
                                o.rule.article_zh(),
                                o.message_zh()
                            );
                            println!("          {}", o.message_en());
                        }
                    }
                    other => println!("        {other}"),
                }
            }
        }
    }
    println!("  -- final states");
    for r in streams.iter() {
        println!("     {:<28} {}", r.stream, r.state);
    }
    println!("  -- open obligations as of {as_of}");
    let mut any = false;
    for r in streams.iter() {
        for o in &r.obligations {
            any = true;
            let ob = &o.obligation;
            // The subject tells apart duties of one kind (the MLPS and the cryptography
            // assessment of DIG-21, the filing of each change order).
            let subject = if ob.subject.is_empty() { String::new() } else { format!(" ({})", ob.subject) };
            println!(
                "     {:<28} {} {}{} due {}{}",
                r.stream,
                ob.rule,
                ob.duty,
                subject,
                ob.due,
                if o.overdue { "  OVERDUE" } else { "" }
            );
        }
    }
    if !any {
        println!("     (none)");
    }
    println!("  -- findings as of {as_of}");
    let mut any = false;
    for r in streams.iter() {
        for f in &r.findings {
            any = true;
            println!("     {:<28} {:<16} {} {}", r.stream, f.reference(), f.rule.article_zh(), f.message_zh);
            println!("     {:<28} {:<16} {}", "", "", f.message_en);
        }
    }
    if !any {
        println!("     (none)");
    }
    let n = report.summary;
    println!("  == {} accepted, {} rejected, {} findings\n", n.accepted, n.rejected, n.findings);
}
