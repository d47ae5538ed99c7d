//! Workloads shared by the criterion benches (`benches/*.rs`) and the memory measurement
//! (`src/bin/memory.rs`): the standard-route lifecycle of the shared scenario fixture
//! `tests/fixtures/scenarios/inv_standard_lifecycle.json` (31 `inv` events, registration to
//! closing), parsed once into [`Command`]s.

use serde_json::Value;
use wanzheng::digital::{CycleInputs, DigitalProject};
use wanzheng::investment::InvestmentProject;
use wanzheng::{Command, Context, MachineId, Workspace};

/// The scenario fixture the lifecycle benches run.
pub const STANDARD_LIFECYCLE: &str = include_str!("../../tests/fixtures/scenarios/inv_standard_lifecycle.json");

/// The commands of the fixture as JSON values.
///
/// # Panics
/// If the compiled-in fixture is not a scenario file (a build defect, not an input).
pub fn standard_lifecycle_values() -> Vec<Value> {
    let doc: Value = serde_json::from_str(STANDARD_LIFECYCLE).expect("the fixture is JSON");
    doc["steps"].as_array().expect("the fixture has steps").iter().map(|s| s["command"].clone()).collect()
}

/// The standard lifecycle as parsed commands (project `P1`).
///
/// # Panics
/// If a fixture command does not parse.
pub fn standard_lifecycle() -> Vec<Command> {
    standard_lifecycle_values().into_iter().map(parse).collect()
}

/// The standard lifecycle of project number `n`: the fixture with its own project id and
/// project code, so that no two projects share a string.
///
/// # Panics
/// If a fixture command does not parse.
pub fn standard_lifecycle_of(values: &[Value], n: usize) -> Vec<Command> {
    let pid = format!("P{n}");
    let code = format!("2307-411300-04-01-{n:06}");
    values
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

fn parse(v: Value) -> Command {
    Command::from_value(v).expect("fixture commands parse")
}

/// Applies every command (judgments, commits, log entries and their hash chain).
///
/// # Panics
/// If a command is rejected (the fixture is accepted throughout).
pub fn run_with_log(ctx: &Context, cmds: Vec<Command>) -> InvestmentProject {
    let mut p = InvestmentProject::new(ctx.clone());
    for c in cmds {
        p.apply(c).expect("the fixture is accepted");
    }
    p
}

/// Judges and commits every command without the log (the `apply_unlogged` hook).
///
/// # Panics
/// If a command is rejected.
pub fn run_judgments(ctx: &Context, cmds: &[Command]) -> InvestmentProject {
    let mut p = InvestmentProject::new(ctx.clone());
    for (i, c) in cmds.iter().enumerate() {
        p.apply_unlogged(c, i as u32 + 1).expect("the fixture is accepted");
    }
    p
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

    #[test]
    fn workloads_agree() {
        let ctx = Context::default();
        let cmds = standard_lifecycle();
        assert_eq!(cmds.len(), 31);
        let a = run_with_log(&ctx, cmds.clone());
        let b = run_judgments(&ctx, &cmds);
        assert_eq!(a.state(), b.state());
        assert_eq!(a.ledger(), b.ledger());
        assert_eq!(a.log().len(), 31);
        let other = run_with_log(&ctx, standard_lifecycle_of(&standard_lifecycle_values(), 7));
        assert_eq!(other.id(), "P7");
        assert_eq!(other.state(), a.state());
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
