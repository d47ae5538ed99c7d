//! `wanzheng check FILE…`: replay project files through a workspace.
//!
//! A project file is JSON:
//! `{"schema_version":1, "name":…, "description":…, "config":{…}?, "as_of":"YYYY-MM-DD"?, "commands":[…]}`
//! where each command is the RULES.md §1.7 envelope without seq, outcomes and hashes.
//! Each command is applied in order; a rejected one changes nothing and the replay goes on.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::{Value, json};
use wanzheng::{Command, Error, OutcomeKind, Transition, Workspace};

struct StepResult {
    index: usize,
    stream: String,
    event: String,
    date: Option<NaiveDate>,
    result: Result<Transition, Error>,
}

fn stream_name(v: &Value) -> String {
    let s = &v["stream"];
    let machine = s["machine"].as_str().unwrap_or("?");
    let instance = s["instance"].as_str().unwrap_or("?");
    match (machine, s["project_id"].as_str()) {
        ("inv" | "dig", _) | (_, None) => format!("{machine}/{instance}"),
        (_, Some(p)) => format!("{machine}/{p}/{instance}"),
    }
}

fn load(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: malformed JSON: {e}", path.display()))?;
    wanzheng::json::check_schema_version(&v, "schema_version").map_err(|e| format!("{}: {e}", path.display()))?;
    if !v["commands"].is_array() {
        return Err(format!("{}: a project file needs a \"commands\" array", path.display()));
    }
    Ok(v)
}

/// Runs the check; the exit code is 1 when any event was rejected or any finding raised.
pub fn run(files: &[PathBuf], as_of: Option<NaiveDate>, json_out: bool) -> Result<ExitCode, String> {
    let mut dirty = false;
    let mut reports = Vec::new();
    for path in files {
        let doc = load(path)?;
        let config = match doc.get("config") {
            Some(c) => wanzheng::Config::from_json(&c.to_string()).map_err(|e| format!("{}: {e}", path.display()))?,
            None => wanzheng::Config::default(),
        };
        let ctx = wanzheng::Context::new(config, wanzheng::WorkingDayCalendar::embedded());
        let mut ws = Workspace::new(ctx);
        let mut steps = Vec::new();
        for (i, c) in doc["commands"].as_array().into_iter().flatten().enumerate() {
            let date = c["date"].as_str().and_then(|d| d.parse().ok());
            let result = Command::from_value(c.clone()).map_err(Error::from).and_then(|cmd| ws.apply(cmd));
            steps.push(StepResult {
                index: i + 1,
                stream: stream_name(c),
                event: c["event"].as_str().unwrap_or("?").to_string(),
                date,
                result,
            });
        }
        let report_date = as_of
            .or_else(|| doc["as_of"].as_str().and_then(|d| d.parse().ok()))
            .or_else(|| steps.iter().filter_map(|s| s.date).max())
            .unwrap_or_default();
        let streams = ws.report(report_date);
        let rejected = steps.iter().filter(|s| s.result.is_err()).count();
        let findings: usize = streams.iter().map(|r| r.findings.len()).sum();
        dirty |= rejected > 0 || findings > 0;
        if json_out {
            reports.push(json!({
                "file": path.display().to_string(),
                "name": doc["name"],
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
            print_human(path, &doc, &steps, &streams, report_date, rejected, findings);
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
    doc: &Value,
    steps: &[StepResult],
    streams: &[wanzheng::workspace::StreamReport],
    as_of: NaiveDate,
    rejected: usize,
    findings: usize,
) {
    println!("== {} — {}", path.display(), doc["name"].as_str().unwrap_or(""));
    if let Some(d) = doc["description"].as_str() {
        println!("   {d}");
    }
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
