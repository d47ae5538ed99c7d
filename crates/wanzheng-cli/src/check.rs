//! `wanzheng check FILE…`: replay project files through a workspace.
//!
//! A project file (`wanzheng::ProjectFile`) is JSON:
//! `{"schema_version":1, "name":…, "description":…, "config":{…}?, "as_of":"YYYY-MM-DD"?, "commands":[…]}`
//! where each command is the RULES.md §1.7 envelope without seq, outcomes and hashes.
//! Each command is applied in order; a rejected one changes nothing and the replay goes on.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::{Value, json};
use wanzheng::{Error, OutcomeKind, ProjectFile};

/// Reads and runs a project file; errors name the file.
pub fn load(path: &Path) -> Result<ProjectFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    ProjectFile::run(&text).map_err(|e| match e.reason {
        wanzheng::InputReason::MalformedJson => format!("{}: malformed JSON: {}", path.display(), e.message),
        _ => format!("{}: {e}", path.display()),
    })
}

/// Runs the check; the exit code is 1 when any event was rejected or any finding raised.
pub fn run(files: &[PathBuf], as_of: Option<NaiveDate>, json_out: bool) -> Result<ExitCode, String> {
    let mut dirty = false;
    let mut reports = Vec::new();
    for path in files {
        let file = load(path)?;
        let report_date = file.report_date(as_of);
        let streams = file.workspace.report(report_date);
        let steps = &file.steps;
        let rejected = file.rejected().count();
        let findings: usize = streams.iter().map(|r| r.findings.len()).sum();
        dirty |= rejected > 0 || findings > 0;
        if json_out {
            reports.push(json!({
                "file": path.display().to_string(),
                "name": file.name,
                "as_of": report_date,
                "steps": steps.iter().map(|s| json!({
                    "index": s.index,
                    "stream": s.stream,
                    "event": s.event,
                    "date": s.date,
                    "accepted": s.result.is_ok(),
                    "transition": s.result.as_ref().ok(),
                    "error": s.result.as_ref().err().map(Error::to_json_value),
                })).collect::<Vec<_>>(),
                "streams": streams,
                "summary": {"accepted": steps.len() - rejected, "rejected": rejected, "findings": findings},
            }));
        } else {
            print_human(path, &file, &streams, report_date, rejected, findings);
        }
    }
    if json_out {
        let out = if reports.len() == 1 { reports.remove(0) } else { Value::Array(reports) };
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
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

fn print_human(
    path: &Path,
    file: &ProjectFile,
    streams: &[wanzheng::workspace::StreamReport],
    as_of: NaiveDate,
    rejected: usize,
    findings: usize,
) {
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
    for r in streams {
        println!("     {:<28} {}", r.stream, r.state);
    }
    println!("  -- open obligations as of {as_of}");
    let mut any = false;
    for r in streams {
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
    for r in streams {
        for f in &r.findings {
            any = true;
            println!("     {:<28} {:<16} {} {}", r.stream, f.reference(), f.rule.article_zh(), f.message_zh);
            println!("     {:<28} {:<16} {}", "", "", f.message_en);
        }
    }
    if !any {
        println!("     (none)");
    }
    println!("  == {} accepted, {rejected} rejected, {findings} findings\n", steps.len() - rejected);
}
