//! Workloads shared by the criterion benches (`benches/*.rs`), the memory measurement
//! (`src/bin/memory.rs`) and the profiling driver (`src/bin/profile.rs`), parsed once:
//!
//! * [`standard_route`] — the primary INV lifecycle, `tests/fixtures/scenarios/inv_standard_route.json`:
//!   the standard route with every required step once, **26 `inv` events** from
//!   `register_project` to `closed`, the project in the issued 2024 plan (the fixture's 5
//!   `plan/2024` events are judged once by a workspace and handed to the project as its plan
//!   inputs, as the workspace does);
//! * [`standard_lifecycle`] — the longer scenario `inv_standard_lifecycle.json`: **31 `inv`
//!   events** (two tenders and contracts, a recorded exception, two payment cycles, post
//!   evaluation; no plan);
//! * [`dig_lifecycle`] — the 25 accepted `dig` events of `dig_data_sharing_platform.json`.

use serde_json::Value;
use wanzheng::digital::{CycleInputs, DigitalProject};
use wanzheng::investment::InvestmentProject;
use wanzheng::investment::plan::PlanInputs;
use wanzheng::{Command, Context, MachineId, Workspace};

/// The primary INV scenario: the standard route, every required step once (26 `inv` events).
pub const STANDARD_ROUTE: &str = include_str!("../../tests/fixtures/scenarios/inv_standard_route.json");

/// The longer INV scenario (31 `inv` events).
pub const STANDARD_LIFECYCLE: &str = include_str!("../../tests/fixtures/scenarios/inv_standard_lifecycle.json");

/// An INV lifecycle: the plan inputs its project judges with and its `inv` commands.
#[derive(Debug, Clone)]
pub struct InvWorkload {
    /// The project's entries in the plan streams of the scenario (as the workspace hands them over).
    pub plans: PlanInputs,
    /// The accepted `inv` commands, in order.
    pub commands: Vec<Command>,
    /// The same commands as JSON values (for per-project copies, [`InvWorkload::commands_of`]).
    pub values: Vec<Value>,
}

impl InvWorkload {
    /// Number of `inv` events.
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// The commands of project number `n`: the scenario with its own project id and project
    /// code, so that no two projects share a string.
    ///
    /// # Panics
    /// If a fixture command does not parse.
    pub fn commands_of(&self, n: usize) -> Vec<Command> {
        let pid = format!("P{n}");
        let code = format!("2307-411300-04-01-{n:06}");
        self.values
            .iter()
            .map(|v| {
                let mut v = v.clone();
                v["stream"]["project_id"] = Value::from(pid.as_str());
                v["stream"]["instance"] = Value::from(pid.as_str());
                v["project_code"] = Value::from(code.as_str());
                if let Some(f) = v["facts"].as_object_mut()
                    && f.contains_key("project_id")
                {
                    f.insert("project_id".into(), Value::from(pid.as_str()));
                    f.insert("project_code".into(), Value::from(code.as_str()));
                }
                parse(v)
            })
            .collect()
    }
}

/// Runs a scenario fixture through a workspace (checking every step's `ok` expectation) and
/// keeps the accepted `inv` commands and the plan inputs of project `P1` at the end.
///
/// # Panics
/// If the compiled-in fixture does not run as its expectations say (a build defect).
pub fn inv_workload(fixture: &str) -> InvWorkload {
    let doc: Value = serde_json::from_str(fixture).expect("the fixture is JSON");
    let mut ws = Workspace::new(Context::default());
    let mut commands = Vec::new();
    let mut values = Vec::new();
    for step in doc["steps"].as_array().expect("the fixture has steps") {
        let v = step["command"].clone();
        let cmd = parse(v.clone());
        let accepted = ws.apply(cmd.clone()).is_ok();
        assert_eq!(accepted, step["expect"]["ok"].as_bool().unwrap_or(true), "fixture step {}", cmd.event.name());
        if accepted && cmd.stream.machine == MachineId::Inv {
            commands.push(cmd);
            values.push(v);
        }
    }
    let plans = ws.investment("P1").map(|p| p.plan_inputs().clone()).unwrap_or_default();
    InvWorkload { plans, commands, values }
}

/// The primary INV lifecycle (26 events, [`STANDARD_ROUTE`]).
pub fn standard_route() -> InvWorkload {
    inv_workload(STANDARD_ROUTE)
}

/// The 31-event INV lifecycle ([`STANDARD_LIFECYCLE`]).
pub fn standard_lifecycle() -> InvWorkload {
    inv_workload(STANDARD_LIFECYCLE)
}

fn parse(v: Value) -> Command {
    Command::from_value(v).expect("fixture commands parse")
}

/// A new project judged with `ctx` and `plans`.
pub fn new_project(ctx: &Context, plans: &PlanInputs) -> InvestmentProject {
    let mut p = InvestmentProject::new(ctx.clone());
    p.set_plan_inputs(plans.clone());
    p
}

/// Applies every command (judgments, commits, log entries and their hash chain).
///
/// # Panics
/// If a command is rejected (the fixtures are accepted throughout).
pub fn run_with_log(ctx: &Context, plans: &PlanInputs, cmds: Vec<Command>) -> InvestmentProject {
    let mut p = new_project(ctx, plans);
    for c in cmds {
        p.apply(c).expect("the fixture is accepted");
    }
    p
}

/// Judges and commits every command without the log (the `apply_unlogged` hook).
///
/// # Panics
/// If a command is rejected.
pub fn run_judgments(ctx: &Context, plans: &PlanInputs, cmds: &[Command]) -> InvestmentProject {
    let mut p = new_project(ctx, plans);
    for (i, c) in cmds.iter().enumerate() {
        p.apply_unlogged(c, i as u32 + 1).expect("the fixture is accepted");
    }
    p
}

/// A payment-heavy INV stream of about `entries` log entries (issue 12's "quadratic replay"
/// workload): the standard route of [`standard_route`] through `start_construction` (its first
/// 20 `inv` events, the project in the issued 2024 plan), then payment cycles on the
/// construction contract `K-C` (at most `entries` in all) — `request_payment` (100.00, request `R<k>`),
/// `approve_payment`, `disburse_payment`: three entries each — 200 cycles a day from
/// 2024-06-03, all accepted and clean.
///
/// # Panics
/// If a fixture command does not parse.
pub fn payment_heavy(entries: usize) -> InvWorkload {
    let base = standard_route();
    let start =
        base.values.iter().position(|v| v["event"] == "start_construction").expect("the route starts construction");
    let mut values: Vec<Value> = base.values[..=start].to_vec();
    let envelope = |event: &str, actor: &str, date: &str, facts: Value| {
        serde_json::json!({
            "stream": {"machine": "inv", "project_id": "P1", "instance": "P1"},
            "project_code": "2307-411300-04-01-000001",
            "event": event, "actor": actor, "date": date, "facts": facts,
        })
    };
    let first = chrono_day(2024, 6, 3);
    let mut k = 0;
    while values.len() + 3 <= entries {
        let date = (first + chrono::Days::new((k / 200) as u64)).to_string();
        let id = format!("R{k}");
        values.push(envelope(
            "request_payment",
            "project_unit",
            &date,
            serde_json::json!({
                "amount": "100.00", "contract_id": "K-C", "in_budget_scope": true, "item_id": "I-CI",
                "progress_cap": "90000000.00", "request_id": id, "wage_share": "10.00", "wages_due": "10.00",
            }),
        ));
        values.push(envelope(
            "approve_payment",
            "finance",
            &date,
            serde_json::json!({
                "ref": {"kind": "approval", "ref": format!("宛财支付〔2024〕{k}号")}, "request_id": id,
            }),
        ));
        values.push(envelope(
            "disburse_payment",
            "finance",
            &date,
            serde_json::json!({
                "amount": "100.00", "request_id": id, "wage_account_amount": "10.00",
            }),
        ));
        k += 1;
    }
    let commands = values.iter().cloned().map(parse).collect();
    InvWorkload { plans: base.plans, commands, values }
}

fn chrono_day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// The DIG scenario fixture the DIG lifecycle benches run: a special-fund data-sharing
/// platform from registration through acceptance, delivery and final accounts.
pub const DIG_LIFECYCLE: &str = include_str!("../../tests/fixtures/scenarios/dig_data_sharing_platform.json");

/// The DIG lifecycle: the cycle views its project judges with (the fixture's `dig_cycle`
/// stream, as a workspace hands them over) and the accepted `dig` commands (rejected steps of
/// the fixture left out), parsed.
///
/// # Panics
/// If the compiled-in fixture does not run as its expectations say.
pub fn dig_lifecycle() -> (CycleInputs, Vec<Command>) {
    let doc: Value = serde_json::from_str(DIG_LIFECYCLE).expect("the fixture is JSON");
    let mut ws = Workspace::new(Context::default());
    let mut dig = Vec::new();
    for step in doc["steps"].as_array().expect("the fixture has steps") {
        let cmd = parse(step["command"].clone());
        let accepted = ws.apply(cmd.clone()).is_ok();
        assert_eq!(accepted, step["expect"]["ok"].as_bool().unwrap_or(true), "fixture step {}", cmd.event.name());
        if accepted && cmd.stream.machine == MachineId::Dig {
            dig.push(cmd);
        }
    }
    (ws.cycle_inputs(), dig)
}

/// Applies every DIG command to a project that judges with `cycles` (with the log).
///
/// # Panics
/// If a command is rejected.
pub fn run_dig_with_log(ctx: &Context, cycles: &CycleInputs, cmds: Vec<Command>) -> DigitalProject {
    let mut p = DigitalProject::new(ctx.clone());
    p.set_cycle_inputs(cycles.clone());
    for c in cmds {
        p.apply(c).expect("the DIG fixture is accepted");
    }
    p
}

/// Judges and commits every DIG command without the log.
///
/// # Panics
/// If a command is rejected.
pub fn run_dig_judgments(ctx: &Context, cycles: &CycleInputs, cmds: &[Command]) -> DigitalProject {
    let mut p = DigitalProject::new(ctx.clone());
    p.set_cycle_inputs(cycles.clone());
    for (i, c) in cmds.iter().enumerate() {
        p.apply_unlogged(c, i as u32 + 1).expect("the DIG fixture is accepted");
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Judged alone or with the log, the workloads reach the same state and ledger, and the
    /// project runs exactly as the workspace ran it (same transitions, clean where the fixture
    /// says clean).
    #[test]
    fn inv_workloads_agree() {
        let ctx = Context::default();
        for (w, n) in [(standard_route(), 26), (standard_lifecycle(), 31)] {
            assert_eq!(w.len(), n);
            let mut a = new_project(&ctx, &w.plans);
            let mut outcomes = 0;
            for c in w.commands.clone() {
                outcomes += a.apply(c).expect("accepted").outcomes.len();
            }
            let b = run_judgments(&ctx, &w.plans, &w.commands);
            assert_eq!(a.state(), b.state());
            assert_eq!(a.state().map(|s| s.as_str()), Some("closed"));
            assert_eq!(a.ledger(), b.ledger());
            assert_eq!(a.log().len(), n);
            // The standard route is clean throughout; the longer one has its INV-34 warning.
            assert_eq!(outcomes, if n == 26 { 0 } else { 1 });
            let other = run_with_log(&ctx, &w.plans, w.commands_of(7));
            assert_eq!(other.id(), "P7");
            assert_eq!(other.state(), a.state());
        }
        assert!(standard_route().plans.issued_in(2024));
    }

    /// Source: issue 13 (what_if without copying) — on a long payment-heavy log (indexed payment
    /// requests and obligations), a dry run of each of the three payment events gives the
    /// transition `apply` gives on a clone, leaves the project equal to what it was (JSON too),
    /// and the project then takes the command as if no dry run had happened.
    #[test]
    fn what_if_on_a_long_log_is_apply_on_a_clone() {
        let ctx = Context::default();
        let w = payment_heavy(320);
        let n = w.commands.len();
        let mut p = run_with_log(&ctx, &w.plans, w.commands[..n - 3].to_vec());
        for cmd in &w.commands[n - 3..] {
            let before = p.clone();
            let json = p.state_json();
            let dry = p.what_if(cmd.clone()).expect("accepted");
            assert_eq!(p, before, "{}", cmd.event.name());
            assert_eq!(p.state_json(), json, "{}", cmd.event.name());
            let mut clone = before.clone();
            assert_eq!(clone.apply(cmd.clone()).expect("accepted"), dry, "{}", cmd.event.name());
            assert_eq!(p.apply(cmd.clone()).expect("accepted"), dry, "{}", cmd.event.name());
            assert_eq!(p, clone);
        }
        assert_eq!(p, run_with_log(&ctx, &w.plans, w.commands.clone()));
    }

    /// The payment-heavy stream is accepted throughout, clean, and replays to itself.
    #[test]
    fn payment_heavy_is_accepted_and_replays() {
        let ctx = Context::default();
        let w = payment_heavy(320);
        assert!((318..=320).contains(&w.len()), "{}", w.len());
        let mut p = new_project(&ctx, &w.plans);
        for c in w.commands.clone() {
            let t = p.apply(c).expect("accepted");
            assert!(t.outcomes.is_empty(), "{t:?}");
        }
        let (q, report) = InvestmentProject::replay_with(ctx, p.log().entries(), w.plans.clone()).expect("replays");
        assert!(report.differences.is_empty());
        assert_eq!(q, p);
    }

    #[test]
    fn dig_workloads_agree() {
        let ctx = Context::default();
        let (cycles, cmds) = dig_lifecycle();
        assert_eq!(cmds.len(), 25);
        let a = run_dig_with_log(&ctx, &cycles, cmds.clone());
        let b = run_dig_judgments(&ctx, &cycles, &cmds);
        assert_eq!(a.state(), b.state());
        assert_eq!(a.state().map(|s| s.as_str()), Some("in_operation"));
        assert_eq!(a.log().len(), 25);
    }
}
