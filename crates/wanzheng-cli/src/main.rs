//! `wanzheng`: the command line of the wanzheng rules library.
//!
//! * `wanzheng route --total 8500000.00 [--flag in_plan]… [--level county] [--json]`
//! * `wanzheng check FILE… [--json] [--as-of DATE] [--calendar NOTICE]…` — replay project files
//! * `wanzheng explain RULE_ID [DETAIL] [--json]`
//! * `wanzheng report FILE --html OUT.html [--as-of DATE] [--calendar NOTICE]…` — the inspection report of a project file
//! * `wanzheng diagram investment|plan|change|adjustment|accountability|digital|dig_cycle --format mermaid|dot|markdown|svg`
//! * `wanzheng diagram --path FILE [--format mermaid|markdown|svg]` — the path a file's projects took, and the next acts
//! * `wanzheng decide FUNCTION REQUEST_JSON [--calendar NOTICE]…` — any RULES.md §4 decision function
//! * `wanzheng calendar --year Y [--json] [--calendar NOTICE]…` — the working days of a year
//! * `wanzheng calendar import NOTICE` — validate a State Council holiday notice (JSON)
//!
//! `--calendar NOTICE` (repeatable) loads a holiday notice in the JSON format of
//! `wanzheng::calendar` on top of the embedded 2023–2026 notices, without a rebuild: its years
//! become official instead of provisional. `--ruleset AMENDMENT` (repeatable; check, report,
//! decide) loads an amendment of the rule parameters (`wanzheng::ruleset`): acts dated from its
//! `effective_from` are judged under it, and every decision and transition names its version.
//! * `wanzheng schema` — the JSON Schema of the wire types
//! * `wanzheng reference` — the input reference (docs/reference.md)
//!
//! Exit status: 0 clean; 1 an event was rejected or a finding raised (check), or a decision
//! refused; 2 unusable input (unreadable file, malformed JSON, unknown rule).

mod check;
mod next;
mod reference;
mod report;

use std::process::ExitCode;

use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use wanzheng::WorkingDayCalendar;

/// Nanyang project rules (宛政〔2023〕7号, 宛政办〔2023〕12号): routes, checks, explanations.
#[derive(Parser)]
#[command(name = "wanzheng", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// The approval route of an investment project (RULES.md §4.1, INV-13 to INV-16).
    Route {
        /// Total investment in yuan, e.g. 8500000.00.
        #[arg(long)]
        total: String,
        /// Route flags (repeatable): in_plan, agreed, partial_rebuild_or_expansion,
        /// single_content_simple_tech, small_scale, dispersed_similar, urgent_sudden_event,
        /// special_authority, seeks_central_provincial_funds, emergency_recognized (RULES.md §4.1).
        #[arg(long = "flag")]
        flags: Vec<String>,
        /// municipal (default) or county.
        #[arg(long, default_value = "municipal")]
        level: String,
        /// Print the JSON result.
        #[arg(long)]
        json: bool,
    },
    /// Replay project files: every event accepted or rejected with rule IDs and articles,
    /// final states, open obligations, findings.
    Check {
        /// Project files (JSON; see examples/).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Report date for obligations and findings, YYYY-MM-DD (default: the file's `as_of`,
        /// else its last date).
        #[arg(long, value_parser = strict_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// A State Council holiday notice (JSON) to load over the embedded ones (repeatable).
        #[arg(long = "calendar", value_name = "NOTICE")]
        calendars: Vec<std::path::PathBuf>,
        /// An amendment of the rule parameters (JSON, `wanzheng::ruleset`) to load over the
        /// built-in version, in order (repeatable).
        #[arg(long = "ruleset", value_name = "AMENDMENT")]
        rulesets: Vec<std::path::PathBuf>,
    },
    /// Write the inspection report of a project file: one self-contained HTML page (no script,
    /// no network, prints on A4) with the path taken, a timeline, findings, rejections with
    /// their articles, deadlines and the hash-chain heads.
    Report {
        /// The project file (JSON, as `check` takes; see examples/).
        file: std::path::PathBuf,
        /// Where to write the page; `-` writes it to standard output.
        #[arg(long, value_name = "OUT.html")]
        html: std::path::PathBuf,
        /// Report date for deadlines and findings (default: the file's `as_of`, else its last date).
        #[arg(long, value_parser = strict_date)]
        as_of: Option<chrono::NaiveDate>,
        /// A State Council holiday notice (JSON) to load over the embedded ones (repeatable).
        #[arg(long = "calendar", value_name = "NOTICE")]
        calendars: Vec<std::path::PathBuf>,
        /// An amendment of the rule parameters (JSON, `wanzheng::ruleset`) to load over the
        /// built-in version, in order (repeatable).
        #[arg(long = "ruleset", value_name = "AMENDMENT")]
        rulesets: Vec<std::path::PathBuf>,
    },
    /// The acts permitted after the file's last event, per stream: who may perform each, where
    /// it leads, the obligations it discharges; blocked acts with their rule, article and
    /// reasons (`--json`: every event of every table, the documented screen JSON).
    Next {
        /// The project file (JSON, as `check` takes; see examples/).
        file: std::path::PathBuf,
        /// The date the acts would carry (default: the file's last event date).
        #[arg(long, value_parser = strict_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Only the acts of this actor (drc, finance, project_unit, …; default: any actor).
        #[arg(long)]
        actor: Option<String>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// A State Council holiday notice (JSON) to load over the embedded ones (repeatable).
        #[arg(long = "calendar", value_name = "NOTICE")]
        calendars: Vec<std::path::PathBuf>,
        /// A rule-version amendment (JSON) to load over the built-in rules (repeatable).
        #[arg(long = "ruleset", value_name = "AMENDMENT")]
        rulesets: Vec<std::path::PathBuf>,
    },
    /// Explain a rule ID: regulation, article, kind, phrase, summary, and the article's own words;
    /// with a DETAIL (an outcome's `detail`), also what that detail says in Chinese and English.
    Explain {
        /// e.g. INV-48.3
        rule_id: String,
        /// e.g. over_10_percent (the `detail` of an outcome under this rule).
        detail: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Draw a machine from its transition table, or (`--path FILE`) the path a project file's
    /// projects took: the states visited, then the acts the table permits next.
    Diagram {
        /// Which machine (omit with --path).
        #[arg(required_unless_present = "path")]
        machine: Option<DiagramMachine>,
        /// A project file: draw each project's path taken and next permitted acts instead.
        #[arg(long, value_name = "FILE", conflicts_with = "machine")]
        path: Option<std::path::PathBuf>,
        /// Output format (`dot` only for machines).
        #[arg(long, default_value = "mermaid")]
        format: DiagramFormat,
    },
    /// Evaluate any RULES.md §4 decision function on a JSON request.
    Decide {
        /// Function name, e.g. approval_route.
        function: String,
        /// The JSON request (or @file).
        request: String,
        /// Configuration JSON (RULES.md §7) or @file.
        #[arg(long)]
        config: Option<String>,
        /// A State Council holiday notice (JSON) to load over the embedded ones (repeatable).
        #[arg(long = "calendar", value_name = "NOTICE")]
        calendars: Vec<std::path::PathBuf>,
        /// An amendment of the rule parameters (JSON, `wanzheng::ruleset`) to load over the
        /// built-in version, in order (repeatable).
        #[arg(long = "ruleset", value_name = "AMENDMENT")]
        rulesets: Vec<std::path::PathBuf>,
    },
    /// The working-day calendar of a year (2023–2099; years without a notice are provisional),
    /// or `calendar import NOTICE` to validate a holiday notice.
    #[command(args_conflicts_with_subcommands = true)]
    Calendar {
        /// Validate a notice instead.
        #[command(subcommand)]
        action: Option<CalendarAction>,
        /// The year.
        #[arg(long, required = true)]
        year: Option<i32>,
        /// Print JSON (`{"year":Y,"days":[…],"statutory":[…]}`).
        #[arg(long)]
        json: bool,
        /// A State Council holiday notice (JSON) to load over the embedded ones (repeatable).
        #[arg(long = "calendar", value_name = "NOTICE")]
        calendars: Vec<std::path::PathBuf>,
    },
    /// Print the JSON Schema of the wire types.
    Schema,
    /// Print the input reference (docs/reference.md): every event of every machine with its
    /// actors, states, rules and facts.
    Reference,
}

#[derive(Subcommand)]
enum CalendarAction {
    /// Validate a State Council holiday notice (JSON, the format of `wanzheng::calendar`):
    /// dates, make-up working days on weekends, every statutory holiday a day off. Prints
    /// what it would load; exit 0 when valid, 2 with the reason (naming the day) when not.
    Import {
        /// The notice file.
        file: std::path::PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiagramMachine {
    /// `inv`: the investment project lifecycle (RULES.md §3.1.2).
    Investment,
    /// `plan/<P>`: the annual government-investment plan (§3.1.3).
    Plan,
    /// `change/<id>`: engineering changes (§3.1.4).
    Change,
    /// `adjustment/<id>`: estimate adjustments (§3.1.5).
    Adjustment,
    /// `accountability/<id>`: accountability cases (§3.1.5).
    Accountability,
    /// `dig`: the digital project lifecycle (§3.2.3).
    Digital,
    /// `dig_cycle/<P>`: the DIG annual cycle (§3.2.2).
    #[value(name = "dig_cycle")]
    DigCycle,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagramFormat {
    Mermaid,
    Dot,
    Markdown,
    /// A standalone SVG figure (the report's drawing).
    Svg,
}

/// `--as-of`: a strict ISO date (`2023-7-3` is refused, as everywhere in the library).
fn strict_date(s: &str) -> Result<chrono::NaiveDate, String> {
    wanzheng::date::parse(s)
}

fn read_arg(s: &str) -> Result<String, String> {
    match s.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}")),
        None => Ok(s.to_string()),
    }
}

/// The embedded calendar with the notices of `files` loaded over it, in order.
pub(crate) fn calendar(files: &[std::path::PathBuf]) -> Result<Arc<WorkingDayCalendar>, String> {
    let mut cal = WorkingDayCalendar::embedded();
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Arc::make_mut(&mut cal).load_notice_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(cal)
}

fn context(
    config: Option<&str>,
    calendars: &[std::path::PathBuf],
    rulesets: &[std::path::PathBuf],
) -> Result<wanzheng::Context, String> {
    let config = match config {
        Some(c) => wanzheng::Config::from_json(&read_arg(c)?).map_err(|e| e.to_string())?,
        None => wanzheng::Config::default(),
    };
    let mut ctx = wanzheng::Context::new(config, calendar(calendars)?);
    for path in rulesets {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        ctx.load_ruleset(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(ctx)
}

fn print_json(v: &serde_json::Value) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("wanzheng: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: Cmd) -> Result<ExitCode, String> {
    match cmd {
        Cmd::Route { total, flags, level, json } => route(&total, &flags, &level, json),
        Cmd::Check { files, as_of, json, calendars, rulesets } => {
            check::run(&files, as_of, json, &context(None, &calendars, &rulesets)?)
        }
        Cmd::Explain { rule_id, detail, json } => {
            let e = wanzheng::explain(&rule_id).map_err(|e| e.to_string())?;
            let detail = match detail {
                None => None,
                Some(d) => {
                    let (zh, en) = wanzheng::message::phrases(e.rule_id.as_str(), &d).ok_or_else(|| {
                        format!("no outcome detail {:?} is known (see docs/reference.md)", wanzheng::error::echo(&d))
                    })?;
                    Some((d, zh, en))
                }
            };
            if json {
                let mut v = serde_json::to_value(&e).unwrap_or_default();
                if let (Some((d, zh, en)), Some(o)) = (&detail, v.as_object_mut()) {
                    o.insert("detail".into(), serde_json::json!({"detail": d, "message_en": en, "message_zh": zh}));
                }
                print_json(&v);
            } else {
                if let Some((d, zh, en)) = &detail {
                    println!("{}  {d}", e.rule_id);
                    println!("zh       {zh}");
                    println!("en       {en}");
                    println!();
                }
                println!("{}  {} {}（{}）", e.rule_id, e.regulation, e.article, e.title);
                println!("kind     {}", e.kind);
                println!("phrase   {}", e.phrase);
                println!("rule     {}", e.summary);
                println!("cite     {} / {}", e.citation_zh, e.citation_en);
                // The article in the regulation's own words (docs/regulations/).
                println!();
                for line in e.article_text.lines() {
                    println!("    {line}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Next { file, as_of, actor, json, calendars, rulesets } => {
            next::run(&file, as_of, actor.as_deref(), json, &context(None, &calendars, &rulesets)?)
        }
        Cmd::Report { file, html, as_of, calendars, rulesets } => {
            report::run(&file, &html, as_of, &context(None, &calendars, &rulesets)?)
        }
        Cmd::Diagram { machine: Some(machine), path: None, format } => {
            print!("{}", diagram(machine, format));
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Diagram { path: Some(path), format, .. } => report::path_diagram(&path, format),
        Cmd::Diagram { machine: None, path: None, .. } => Err("diagram needs a machine or --path FILE".into()),
        Cmd::Decide { function, request, config, calendars, rulesets } => {
            let ctx = context(config.as_deref(), &calendars, &rulesets)?;
            let req = read_arg(&request)?;
            match wanzheng::decide::decide_json(&function, &req, &ctx) {
                Ok(out) => {
                    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
                    print_json(&v);
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    print_json(&e.to_json_value());
                    Ok(ExitCode::from(if matches!(e, wanzheng::Error::Input(_)) { 2 } else { 1 }))
                }
            }
        }
        Cmd::Calendar { action: Some(CalendarAction::Import { file, json }), .. } => import_notice(&file, json),
        Cmd::Calendar { action: None, year, json, calendars } => {
            let year = year.ok_or("--year is required")?;
            let cal = calendar(&calendars)?;
            let days = cal.year_days(year).map_err(|e| e.to_string())?;
            let statutory = wanzheng::calendar::statutory_holidays(year).map_err(|e| e.to_string())?;
            if json {
                let statutory: Vec<_> =
                    statutory.iter().map(|(d, f)| json!({"date": d, "festival": f, "name": f.name_zh()})).collect();
                println!("{}", json!({"year": year, "days": days, "statutory": statutory}));
            } else {
                let status = match cal.notice_of(year) {
                    Some(n) => format!("official ({n})"),
                    None => "provisional: no notice loaded; statutory holidays and 补假 only, no 调休".to_string(),
                };
                println!("{year}: {status}");
                for d in days.iter().filter(|d| {
                    !matches!(d.kind, wanzheng::calendar::DayKind::Workday | wanzheng::calendar::DayKind::Weekend)
                }) {
                    println!("{}  {:?}", d.date, d.kind);
                }
                let working = days.iter().filter(|d| d.working).count();
                println!("{year}: {working} working days");
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Schema => {
            print_json(&wanzheng::schema::json_schema());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Reference => {
            print!("{}", reference::render());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `wanzheng calendar import FILE`: validates a notice and says what it would load.
fn import_notice(path: &std::path::Path, json_out: bool) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let notice = WorkingDayCalendar::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let years: Vec<_> = notice
        .years()
        .into_iter()
        .map(|y| {
            let days = notice.year_days(y).unwrap_or_default();
            let count = |k| days.iter().filter(|d| d.kind == k).count();
            json!({
                "year": y,
                "notice": notice.notice_of(y),
                "holidays": count(wanzheng::calendar::DayKind::Holiday),
                "workdays": count(wanzheng::calendar::DayKind::MakeupWorkday),
                "working_days": days.iter().filter(|d| d.working).count(),
                "replaces_embedded": WorkingDayCalendar::embedded().notice_of(y).is_some(),
            })
        })
        .collect();
    if json_out {
        print_json(&json!({"file": path.display().to_string(), "valid": true, "years": years}));
    } else {
        for y in &years {
            println!(
                "{}: valid notice for {} ({}): {} days off, {} make-up working days, {} working days{}",
                path.display(),
                y["year"],
                y["notice"].as_str().unwrap_or("?"),
                y["holidays"],
                y["workdays"],
                y["working_days"],
                if y["replaces_embedded"] == json!(true) { "; replaces the embedded notice" } else { "" }
            );
        }
        println!(
            "load it with --calendar {} (or wz_calendar_with_notice, Calendar.withNotice, wanzheng.load_calendar)",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn route(total: &str, flags: &[String], level: &str, json: bool) -> Result<ExitCode, String> {
    let mut route_flags = serde_json::Map::new();
    for f in flags {
        route_flags.insert(f.clone(), json!(true));
    }
    route_flags.insert("level".into(), json!(level));
    let req = json!({"total": total, "flags": route_flags});
    let ctx = wanzheng::Context::default();
    match wanzheng::decide::decide_value("approval_route", req, &ctx) {
        Ok(v) => {
            if json {
                print_json(&v);
            } else {
                println!("route                   {}", v["route"].as_str().unwrap_or("?"));
                if let Some(alts) = v["permitted_alternatives"].as_array() {
                    let a: Vec<&str> = alts.iter().filter_map(|x| x.as_str()).collect();
                    println!("permitted alternatives  {}", if a.is_empty() { "—".into() } else { a.join(", ") });
                }
                println!("art. 14 eligible        {}", v["art14_eligible"]);
                if v["merged_batch"].as_bool() == Some(true) {
                    println!("merged batch            yes (INV-15.2)");
                }
                if let Some(docs) = v["documents"].as_array() {
                    for d in docs {
                        println!(
                            "  document {:<22} approver {}",
                            d["document"].as_str().unwrap_or("?"),
                            d["approver"].as_str().unwrap_or("?")
                        );
                    }
                }
                if let Some(rules) = v["rules"].as_array() {
                    let r: Vec<&str> = rules.iter().filter_map(|x| x.as_str()).collect();
                    println!("rules applied           {}", r.join(" → "));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                print_json(&e.to_json_value());
            } else {
                eprintln!("wanzheng: {e}");
            }
            Ok(ExitCode::from(2))
        }
    }
}

fn render<M: wanzheng::machine::Machine>(format: DiagramFormat) -> String {
    use wanzheng::machine::{dot, markdown, mermaid};
    match format {
        DiagramFormat::Mermaid => mermaid::<M>(None),
        DiagramFormat::Dot => dot::<M>(None),
        DiagramFormat::Markdown => markdown::<M>(),
        DiagramFormat::Svg => {
            let view = wanzheng::report::MachineView::of::<M>();
            format!("{}\n", wanzheng::report::path::machine_svg(&view, &[], None, &[]))
        }
    }
}

fn diagram(machine: DiagramMachine, format: DiagramFormat) -> String {
    use wanzheng::investment::{
        accountability::AccountabilityMachine, change::ChangeMachine, estimate::AdjustmentMachine,
        lifecycle::InvMachine, plan::PlanMachine,
    };
    match machine {
        DiagramMachine::Investment => render::<InvMachine>(format),
        DiagramMachine::Plan => render::<PlanMachine>(format),
        DiagramMachine::Change => render::<ChangeMachine>(format),
        DiagramMachine::Adjustment => render::<AdjustmentMachine>(format),
        DiagramMachine::Accountability => render::<AccountabilityMachine>(format),
        DiagramMachine::Digital => render::<wanzheng::digital::lifecycle::DigMachine>(format),
        DiagramMachine::DigCycle => render::<wanzheng::digital::cycle::DigCycleMachine>(format),
    }
}
