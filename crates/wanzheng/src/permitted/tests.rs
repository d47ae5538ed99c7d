//! `permitted_events` against `apply` over the shared scenarios (issue 13), and `what_if`.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::log::{Command, MachineId};
use crate::obligation::Obligation;
use crate::outcome::Transition;
use crate::permitted::Permitted;
use crate::{Actor, Config, Context, Error, Workspace};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/scenarios")
}

/// Every scenario file: (file name, context, commands, expected ok per step).
fn scenarios() -> Vec<(String, Context, Vec<Command>, Vec<bool>)> {
    let mut files: Vec<_> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            let cfg = match doc.get("config") {
                Some(c) => Config::from_json(&c.to_string()).expect("config"),
                None => Config::default(),
            };
            let ctx = Context::new(cfg, crate::WorkingDayCalendar::embedded());
            let steps = doc["steps"].as_array().cloned().unwrap_or_default();
            let cmds = steps.iter().map(|s| Command::from_value(s["command"].clone()).expect("command")).collect();
            let oks = steps.iter().map(|s| s["expect"]["ok"].as_bool().unwrap_or(true)).collect();
            (path.file_name().unwrap_or_default().to_string_lossy().into_owned(), ctx, cmds, oks)
        })
        .collect()
}

/// The screen of the stream `cmd` goes to, as of its date, for its actor.
fn screen(ws: &Workspace, cmd: &Command) -> Permitted {
    let id = cmd.stream.project_id.as_deref().unwrap_or(cmd.stream.instance.as_str());
    ws.permitted_events_of(cmd.stream.machine, id, cmd.date, Some(cmd.actor)).expect("screen")
}

/// Whether the screen lists `cmd`'s event as allowed on its stream (a sub-machine instance not
/// created yet is read from the new-instance table).
fn listed_allowed(p: &Permitted, cmd: &Command) -> bool {
    let m = cmd.stream.machine;
    let instance = cmd.stream.instance.as_str();
    let own = match m {
        MachineId::Dig | MachineId::Plan | MachineId::DigCycle => p.streams.first(),
        // A DIG project's INV parts (AMB-25) follow its `dig` stream, tagged `parts_of`.
        MachineId::Inv => p.streams.iter().find(|s| s.machine == m),
        _ => p.stream(m, Some(instance)).or_else(|| p.stream(m, None)),
    };
    own.filter(|s| s.machine == m).and_then(|s| s.event(cmd.event.name())).is_some_and(|e| e.allowed)
}

fn obligations_of(ws: &Workspace, cmd: &Command) -> Vec<Obligation> {
    let id = cmd.stream.project_id.as_deref().unwrap_or_default();
    match cmd.stream.machine {
        MachineId::Plan => ws
            .plan(cmd.stream.instance.parse().unwrap_or(0))
            .map(|p| p.obligation_book().all().to_vec())
            .unwrap_or_default(),
        MachineId::DigCycle => Vec::new(),
        _ => match (ws.investment(id), ws.digital(id)) {
            (Some(p), _) => p.obligations.all().to_vec(),
            (None, Some(d)) => d.obligations.all().to_vec(),
            (None, None) => Vec::new(),
        },
    }
}

/// Source: issue 13 — the standard route (tests/fixtures/scenarios/inv_standard_route.json):
/// before each step the screen of its stream, as of its date and for its actor, lists its event
/// as allowed, and apply accepts it; `what_if` gave the same transition first.
#[test]
fn standard_route_every_step_was_listed_before_it_was_applied() {
    let (_, ctx, cmds, oks) =
        scenarios().into_iter().find(|(f, ..)| f == "inv_standard_route.json").expect("standard route");
    assert!(oks.iter().all(|ok| *ok));
    let mut ws = Workspace::new(ctx);
    for (i, cmd) in cmds.into_iter().enumerate() {
        let p = screen(&ws, &cmd);
        assert!(listed_allowed(&p, &cmd), "step {i} {} not listed as allowed: {}", cmd.event.name(), p.to_json());
        let dry = ws.what_if(cmd.clone()).expect("what_if");
        let t = ws.apply(cmd).expect("apply");
        assert_eq!(dry, t, "step {i}");
    }
}

/// Source: issue 13 — over every shared scenario, at every step: an act the screen blocks is
/// rejected by apply (the blockers are real); a step the fixture expects accepted is listed as
/// allowed; a transition error, a wrong actor or a scope failure of apply was shown as a blocker;
/// every obligation the accepted act closed was listed among its discharges.
#[test]
fn screens_agree_with_apply_over_every_scenario() {
    for (file, ctx, cmds, oks) in scenarios() {
        let mut ws = Workspace::new(ctx);
        for (i, (cmd, ok)) in cmds.into_iter().zip(oks).enumerate() {
            let p = screen(&ws, &cmd);
            let allowed = listed_allowed(&p, &cmd);
            let discharges: Vec<Obligation> = p
                .streams
                .iter()
                .filter(|s| s.machine == cmd.stream.machine)
                .filter_map(|s| s.event(cmd.event.name()))
                .flat_map(|e| e.discharges.clone())
                .collect();
            let before = obligations_of(&ws, &cmd);
            let got = ws.apply(cmd.clone());
            let at = format!("{file} step {i} {}", cmd.event.name());
            match &got {
                Ok(t) => {
                    assert!(allowed, "{at}: accepted but listed as blocked: {}", p.to_json());
                    let closed: Vec<Obligation> = obligations_of(&ws, &cmd)
                        .into_iter()
                        .filter(|o| o.closed_seq == Some(t.seq) && o.opened_seq != t.seq)
                        .collect();
                    for o in closed {
                        let was = before
                            .iter()
                            .find(|b| b.opened_seq == o.opened_seq && b.duty == o.duty && b.subject == o.subject);
                        assert!(
                            was.is_some_and(|w| discharges.contains(w)),
                            "{at}: closed {} {} not listed among the discharges {discharges:?}",
                            o.duty,
                            o.subject
                        );
                    }
                }
                Err(e) => {
                    let structural = match e {
                        Error::Transition(_) => true,
                        Error::Rule(v) => v.outcomes.iter().any(|o| o.detail == "wrong_actor"),
                        _ => false,
                    };
                    if structural {
                        assert!(!allowed, "{at}: {e} but listed as allowed: {}", p.to_json());
                    }
                }
            }
            if ok {
                assert!(got.is_ok() && allowed, "{at}");
            }
        }
    }
}

/// Source: issue 13 — the screen shows every row of the table, in table order, and a wrong
/// actor blocks with the rule naming the actor (INV-13.2 for approve_fsr), article and messages.
#[test]
fn screen_rows_in_table_order_with_actor_reasons() {
    use crate::investment::lifecycle::InvMachine;
    use crate::machine::Machine;
    let (_, ctx, cmds, _) =
        scenarios().into_iter().find(|(f, ..)| f == "inv_standard_route.json").expect("standard route");
    let mut ws = Workspace::new(ctx);
    for c in cmds.into_iter().take(4) {
        ws.apply(c).expect("apply");
    }
    let d = chrono::NaiveDate::from_ymd_opt(2023, 8, 15).expect("date");
    let p = ws.investment("P1").expect("P1").permitted_events(d, Some(Actor::ProjectUnit));
    let inv = &p.streams[0];
    assert_eq!(inv.state, "fsr_review");
    let names: Vec<&str> = inv.events.iter().map(|e| e.event).collect();
    assert_eq!(names, InvMachine::rows().iter().map(|r| r.event).collect::<Vec<_>>());
    let approve = inv.event("approve_fsr").expect("row");
    assert!(!approve.allowed);
    assert_eq!(approve.actors, vec![Actor::Drc]);
    assert_eq!(approve.blockers[0].rule(), Some(crate::rules::INV_13_2));
    assert_eq!(approve.blockers[0].detail(), "wrong_actor");
    let json: serde_json::Value = serde_json::from_str(&p.to_json()).expect("json");
    let b = &json["streams"][0]["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["event"] == "approve_fsr")
        .expect("row")["blockers"][0];
    assert_eq!(b["rule"], "INV-13.2");
    assert!(b["article"].as_str().is_some_and(|a| a.contains("第十三条")), "{b}");
    assert!(b["message_zh"].as_str().is_some_and(|m| !m.is_empty()));
    // For drc the approval is allowed and discharges the INV-7.4 approval deadline if one is open.
    let p = ws.investment("P1").expect("P1").permitted_events(d, Some(Actor::Drc));
    assert!(p.is_allowed(MachineId::Inv, Some("P1"), "approve_fsr"));
    // A state that does not take the event: a transition blocker.
    let reg = p.streams[0].event("register_project").expect("row");
    assert_eq!(reg.blockers[0].kind(), "transition");
}

/// Source: AMB-25, DIG-5, issue 13 — a budget-funded DIG project's screen shows its INV parts'
/// events (the `inv` events of the parts only, tagged `parts_of: dig`, after the `dig` stream):
/// soe may award once construction started, the literal INV role is refused under DIG-5, and a
/// suspended project keeps its changes waiting.
#[test]
fn dig_screen_lists_the_inv_parts() {
    let all = scenarios();
    let sc = all.iter().find(|(f, ..)| f == "dig_special_fund_inv_parts.json").expect("scenario");
    let day = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
    let ws = prefix(sc, 15);
    let d = ws.digital("EDU-2024").expect("project");
    let p = d.permitted_events(day("2024-04-10"), Some(Actor::Soe));
    assert_eq!(p.streams[0].machine, MachineId::Dig);
    let parts = &p.streams[1];
    assert_eq!(
        (parts.machine, parts.parts_of, parts.state),
        (MachineId::Inv, Some(MachineId::Dig), "under_construction")
    );
    let names: Vec<&str> = parts.events.iter().map(|e| e.event).collect();
    let want: Vec<&str> = <crate::investment::lifecycle::InvMachine as crate::machine::Machine>::rows()
        .iter()
        .map(|r| r.event)
        .filter(|e| crate::investment::project::PARTS_EVENTS.contains(e))
        .collect();
    assert_eq!(names, want);
    let award = parts.event("award_contract").expect("row");
    assert!(award.allowed && award.actors.contains(&Actor::Soe) && !award.actors.contains(&Actor::ProjectUnit));
    assert!(
        award.cautions.iter().any(|c| c.rule() == Some(crate::rules::DIG_32) && c.detail() == "amb25_pending_ruling")
    );
    let json: serde_json::Value = serde_json::from_str(&p.to_json()).expect("json");
    assert_eq!(json["streams"][1]["parts_of"], "dig");
    assert!(json["streams"][0].get("parts_of").is_none());
    // The INV role names are not DIG bodies (DIG-5).
    let q = d.permitted_events(day("2024-04-10"), Some(Actor::ProjectUnit));
    let b = &q.streams[1].event("award_contract").expect("row").blockers[0];
    assert_eq!((b.rule(), b.detail()), (Some(crate::rules::DIG_5), "wrong_actor"));
    // Suspended (step 25): the parts' state is the DIG project's, and the change is not
    // implemented while the host is suspended (apply refuses step 26).
    let ws = prefix(sc, 26);
    let d = ws.digital("EDU-2024").expect("project");
    let s = d.permitted_events(day("2024-07-10"), Some(Actor::Soe));
    assert_eq!(s.streams[1].state, "suspended");
    let change = s.stream(MachineId::Change, Some("C-1")).and_then(|c| c.event("implement_change")).expect("row");
    assert!(!change.allowed);
    assert_eq!(
        (change.blockers[0].rule(), change.blockers[0].detail()),
        (Some(crate::rules::INV_55_3), "project_suspended")
    );
    // The workspace's screen has the parts too, right after the project's dig stream.
    let w = ws.permitted_events(day("2024-07-10"), None);
    let i = w.streams.iter().position(|s| s.machine == MachineId::Dig).expect("dig");
    assert_eq!(w.streams[i + 1].parts_of, Some(MachineId::Dig));
}

/// Runs the first `n` commands of scenario `s`, then returns the workspace.
fn prefix(s: &(String, Context, Vec<Command>, Vec<bool>), n: usize) -> Workspace {
    let mut ws = Workspace::new(s.1.clone());
    for c in s.2.iter().take(n) {
        let _ = ws.apply(c.clone());
    }
    ws
}

fn streams_json(ws: &Workspace) -> Vec<String> {
    let mut out = Vec::new();
    for (_, p) in ws.investments() {
        out.push(p.to_json());
    }
    for (_, p) in ws.plans() {
        out.push(p.to_json());
    }
    for (_, d) in ws.digitals() {
        out.push(d.to_json());
    }
    for (_, c) in ws.cycles() {
        out.push(c.to_json());
    }
    out
}

fn outcome_json(r: &Result<Transition, Error>) -> serde_json::Value {
    match r {
        Ok(t) => serde_json::to_value(t).unwrap_or_default(),
        Err(e) => e.to_json_value(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Source: issue 13 — what_if(c) is apply(c) on a clone, and the original is unchanged
    /// (JSON equal), for any scenario prefix and any scenario command, with any actor and date.
    #[test]
    fn what_if_is_apply_on_a_clone(s in 0usize..64, n in 0usize..64, j in 0usize..64, actor in proptest::option::of(0usize..64), shift in -3i64..40) {
        let all = scenarios();
        let sc = &all[s % all.len()];
        let n = n % (sc.2.len() + 1);
        let mut ws = prefix(sc, n);
        let mut cmd = sc.2[j % sc.2.len()].clone();
        if let Some(a) = actor {
            cmd.actor = Actor::ALL[a % Actor::ALL.len()];
        }
        cmd.date += chrono::Duration::days(shift);
        let before = streams_json(&ws);
        let dry = ws.what_if(cmd.clone());
        prop_assert_eq!(&before, &streams_json(&ws));
        let mut copy = ws.clone();
        let real = copy.apply(cmd);
        prop_assert_eq!(outcome_json(&dry), outcome_json(&real));
    }
}
