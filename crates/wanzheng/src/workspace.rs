//! A workspace: the projects, plan years and DIG cycle years of one approval system,
//! with commands routed to their stream by `stream.machine` and `stream.project_id`.
//!
//! Project machines read plan and cycle logs as inputs (RULES.md §1.7: INV-12.2,
//! 34, 55.6; DIG-13.3); the workspace hands each project its plan entries after
//! every plan-stream command, so a project judges with the plans as they stand.
//! Likewise every DIG project gets the views of all DIG cycles ([`CycleInputs`])
//! after each `dig_cycle` command and when it is created.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Context;
use crate::digital::{CycleInputs, DigCycle, DigEvent, DigitalProject};
use crate::error::{Error, InputError, InputReason};
use crate::event::{Event, NO_STATE};
use crate::finding::Finding;
use crate::investment::plan::PlanEvent;
use crate::investment::{AnnualPlan, InvestmentProject};
use crate::log::{Command, MachineId};
use crate::obligation::ObligationStatus;
use crate::outcome::Transition;

/// Projects, plans and cycles of one approval system.
#[derive(Debug, Clone)]
pub struct Workspace {
    ctx: Context,
    inv: BTreeMap<String, InvestmentProject>,
    plans: BTreeMap<i32, AnnualPlan>,
    dig: BTreeMap<String, DigitalProject>,
    cycles: BTreeMap<i32, DigCycle>,
}

/// Findings and obligations of one stream, for reports.
#[derive(Debug, Clone, Serialize)]
pub struct StreamReport {
    /// `inv/P1`, `plan/2024`, …
    pub stream: String,
    /// The current state.
    pub state: String,
    /// Open obligations as of the report date.
    pub obligations: Vec<ObligationStatus>,
    /// Findings as of the report date.
    pub findings: Vec<Finding>,
}

impl Workspace {
    /// An empty workspace judged with `ctx`.
    pub fn new(ctx: Context) -> Workspace {
        Workspace { ctx, inv: BTreeMap::new(), plans: BTreeMap::new(), dig: BTreeMap::new(), cycles: BTreeMap::new() }
    }

    /// The context.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The investment project `id`.
    pub fn investment(&self, id: &str) -> Option<&InvestmentProject> {
        self.inv.get(id)
    }

    /// Every investment project, by id.
    pub fn investments(&self) -> impl Iterator<Item = (&String, &InvestmentProject)> {
        self.inv.iter()
    }

    /// The annual plan of year `p`.
    pub fn plan(&self, p: i32) -> Option<&AnnualPlan> {
        self.plans.get(&p)
    }

    /// Every annual plan, by year.
    pub fn plans(&self) -> impl Iterator<Item = (&i32, &AnnualPlan)> {
        self.plans.iter()
    }

    /// Hands every project listed in the plan of `year` its updated entry (RULES.md §1.7:
    /// projects read plan logs as inputs, INV-12.2, 34, 55.6) — or, after an event that changes
    /// the entry of one project only (`only`), that project's: a plan of N projects then costs
    /// O(N) for its N submissions, not O(N²).
    fn propagate_plan(&mut self, year: i32, only: Option<&str>) {
        let Some(plan) = self.plans.get(&year) else { return };
        let mut hand_over = |pid: &str, entry: crate::investment::plan::PlanEntry| {
            if let Some(p) = self.inv.get_mut(pid)
                && p.plan_inputs().entry(year) != Some(&entry)
            {
                let mut inputs = p.plan_inputs().clone();
                inputs.insert(year, entry);
                p.set_plan_inputs(inputs);
            }
        };
        match only {
            Some(pid) => {
                if let Some(entry) = plan.entry(pid) {
                    hand_over(pid, entry);
                }
            }
            None => {
                for pid in plan.project_ids() {
                    if let Some(entry) = plan.entry(pid) {
                        hand_over(pid, entry);
                    }
                }
            }
        }
        // RULES.md §3.5 D2: a continuing project (in the previous year's issued plan) that this
        // year's issued plan does not list learns the issue date (its January grace ends there).
        if only.is_none()
            && let Some(unlisted) = plan.unlisted_entry()
        {
            for (pid, p) in &mut self.inv {
                if plan.entry(pid).is_none()
                    && p.plan_inputs().issued_in(year - 1)
                    && p.plan_inputs().entry(year) != Some(&unlisted)
                {
                    let mut inputs = p.plan_inputs().clone();
                    inputs.insert(year, unlisted.clone());
                    p.set_plan_inputs(inputs);
                }
            }
        }
    }

    /// Hands a newly created project its entries in every plan year.
    fn plan_inputs_for(&self, pid: &str) -> crate::investment::plan::PlanInputs {
        let mut inputs = crate::investment::plan::PlanInputs::default();
        for (year, plan) in &self.plans {
            if let Some(e) = plan.entry(pid) {
                inputs.insert(*year, e);
            }
        }
        // RULES.md §3.5 D2: the issue date of a year whose plan does not list the project, when
        // the previous year's did (in year order, so the previous year is already in).
        for (year, plan) in &self.plans {
            if plan.entry(pid).is_none()
                && inputs.issued_in(year - 1)
                && let Some(e) = plan.unlisted_entry()
            {
                inputs.insert(*year, e);
            }
        }
        inputs
    }

    /// The digital project `id`.
    pub fn digital(&self, id: &str) -> Option<&DigitalProject> {
        self.dig.get(id)
    }

    /// Every digital project, by id.
    pub fn digitals(&self) -> impl Iterator<Item = (&String, &DigitalProject)> {
        self.dig.iter()
    }

    /// The DIG cycle of year `p`.
    pub fn cycle(&self, p: i32) -> Option<&DigCycle> {
        self.cycles.get(&p)
    }

    /// Every DIG cycle, by year.
    pub fn cycles(&self) -> impl Iterator<Item = (&i32, &DigCycle)> {
        self.cycles.iter()
    }

    /// What DIG projects read from the cycles (DIG-13.3, 24.2, 3.3).
    pub fn cycle_inputs(&self) -> CycleInputs {
        CycleInputs { years: self.cycles.iter().filter_map(|(y, c)| c.view().map(|v| (*y, v))).collect() }
    }

    /// Applies one command to its stream.
    ///
    /// # Errors
    /// As the machine's `apply`; [`Error::Input`] when the stream names no project.
    pub fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.run(cmd, false)
    }

    /// The [`Transition`] `cmd` would produce on its stream — accepted, or the error with every
    /// outcome — with nothing changed: the stream's `what_if` (a command creating a stream is
    /// judged on a new one that is then dropped; plans and cycles are not handed on).
    ///
    /// # Errors
    /// As [`Workspace::apply`].
    pub fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.run(cmd, true)
    }

    /// Routes `cmd` to its stream: applies it, or (`dry`) asks the stream's `what_if`.
    fn run(&mut self, cmd: Command, dry: bool) -> Result<Transition, Error> {
        macro_rules! go {
            ($m:expr) => {
                if dry { $m.what_if(cmd) } else { $m.apply(cmd) }
            };
        }
        match cmd.stream.machine {
            MachineId::Inv | MachineId::Change | MachineId::Adjustment | MachineId::Accountability => {
                let pid = cmd.stream.project_id.clone().ok_or_else(|| {
                    InputError::new("stream.project_id", InputReason::Schema, "project streams need a project_id")
                })?;
                // AMB-25: the INV parts of a budget-funded DIG project run on the DIG project's log.
                if let Some(d) = self.dig.get_mut(pid.as_str()) {
                    return go!(d);
                }
                let creates =
                    matches!(&cmd.event, Event::Inv(e) if matches!(e.name(), "register_project" | "import_legacy"));
                match self.inv.get_mut(pid.as_str()) {
                    Some(p) => go!(p),
                    None if creates => {
                        let mut p = InvestmentProject::new(self.ctx.clone());
                        p.set_plan_inputs(self.plan_inputs_for(&pid));
                        let t = p.apply(cmd)?;
                        if !dry {
                            self.inv.insert(pid.to_string(), p);
                        }
                        Ok(t)
                    }
                    None => Err(crate::error::TransitionError::new(
                        cmd.stream.machine.as_str(),
                        NO_STATE,
                        cmd.event.name(),
                        "unknown_instance",
                    )
                    .into()),
                }
            }
            MachineId::Plan => {
                let year: i32 = cmd.stream.instance.parse().map_err(|_| {
                    InputError::new(
                        "stream.instance",
                        InputReason::InvalidValue,
                        "the instance of a plan stream is the year P",
                    )
                })?;
                // Events that change one project's entry only (submit_for_plan, add_out_of_plan).
                let only = match &cmd.event {
                    Event::Plan(PlanEvent::SubmitForPlan(p)) => Some(p.project_id.clone()),
                    Event::Plan(PlanEvent::AddOutOfPlan(p)) => Some(p.project_id.clone()),
                    _ => None,
                };
                let t = match self.plans.get_mut(&year) {
                    Some(plan) => go!(plan)?,
                    None => {
                        // A rejected first command leaves no empty plan behind.
                        let mut plan = AnnualPlan::new(self.ctx.clone());
                        let t = plan.apply(cmd)?;
                        if !dry {
                            self.plans.insert(year, plan);
                        }
                        t
                    }
                };
                if !dry {
                    self.propagate_plan(year, only.as_deref());
                }
                Ok(t)
            }
            MachineId::Dig => {
                let pid = cmd.stream.project_id.clone().ok_or_else(|| {
                    InputError::new("stream.project_id", InputReason::Schema, "project streams need a project_id")
                })?;
                let creates = matches!(&cmd.event, Event::Dig(DigEvent::RegisterDigProject(_)));
                match self.dig.get_mut(pid.as_str()) {
                    Some(p) => go!(p),
                    None if creates && self.inv.contains_key(pid.as_str()) => Err(crate::error::TransitionError::new(
                        MachineId::Dig.as_str(),
                        NO_STATE,
                        cmd.event.name(),
                        "reused_instance",
                    )
                    .into()),
                    None if creates => {
                        let mut p = DigitalProject::new(self.ctx.clone());
                        p.set_cycle_inputs(self.cycle_inputs());
                        let t = p.apply(cmd)?;
                        if !dry {
                            self.dig.insert(pid.to_string(), p);
                        }
                        Ok(t)
                    }
                    None => Err(crate::error::TransitionError::new(
                        MachineId::Dig.as_str(),
                        NO_STATE,
                        cmd.event.name(),
                        "unknown_instance",
                    )
                    .into()),
                }
            }
            MachineId::DigCycle => {
                let year: i32 = cmd.stream.instance.parse().map_err(|_| {
                    InputError::new(
                        "stream.instance",
                        InputReason::InvalidValue,
                        "the instance of a dig_cycle stream is the year P",
                    )
                })?;
                let creates = cmd.event.name() == "collect_demands";
                let t = match self.cycles.get_mut(&year) {
                    Some(c) => go!(c)?,
                    None if creates => {
                        // A rejected first command leaves no empty cycle behind.
                        let mut c = DigCycle::new(self.ctx.clone());
                        let t = c.apply(cmd)?;
                        if !dry {
                            self.cycles.insert(year, c);
                        }
                        t
                    }
                    None => {
                        return Err(crate::error::TransitionError::new(
                            MachineId::DigCycle.as_str(),
                            NO_STATE,
                            cmd.event.name(),
                            "unknown_instance",
                        )
                        .into());
                    }
                };
                if !dry {
                    let inputs = self.cycle_inputs();
                    for p in self.dig.values_mut() {
                        p.set_cycle_inputs(inputs.clone());
                    }
                }
                Ok(t)
            }
        }
    }

    /// Adds a project rebuilt elsewhere — replayed from its own log, as the Python `read_logs`
    /// does for many logs in parallel (issue 14). A project with the same id is replaced and
    /// returned. Plans and cycles are not touched: the project keeps the plan inputs it was
    /// judged with (its document's `plans`).
    pub fn insert_investment(&mut self, p: InvestmentProject) -> Option<InvestmentProject> {
        self.inv.insert(p.id().to_string(), p)
    }

    /// As [`Workspace::insert_investment`] for a digital-government project.
    pub fn insert_digital(&mut self, p: DigitalProject) -> Option<DigitalProject> {
        self.dig.insert(p.id().to_string(), p)
    }

    /// Parses and applies one command.
    ///
    /// # Errors
    /// As [`Workspace::apply`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    /// Findings and obligations of every stream as of `as_of`.
    pub fn report(&self, as_of: NaiveDate) -> Vec<StreamReport> {
        let mut out = Vec::new();
        for (id, p) in &self.inv {
            out.push(StreamReport {
                stream: format!("inv/{id}"),
                state: p.state().map(|s| s.as_str()).unwrap_or(NO_STATE).to_string(),
                obligations: p.obligations(as_of),
                findings: p.findings(as_of),
            });
        }
        for (year, plan) in &self.plans {
            out.push(StreamReport {
                stream: format!("plan/{year}"),
                state: plan.state().map(|s| s.as_str()).unwrap_or(NO_STATE).to_string(),
                obligations: plan.obligations(as_of),
                findings: plan.findings(as_of),
            });
        }
        for (id, p) in &self.dig {
            out.push(StreamReport {
                stream: format!("dig/{id}"),
                state: p.state().map(|s| s.as_str()).unwrap_or(NO_STATE).to_string(),
                obligations: p.obligations(as_of),
                findings: p.findings(as_of),
            });
        }
        for (year, c) in &self.cycles {
            out.push(StreamReport {
                stream: format!("dig_cycle/{year}"),
                state: c.state().map(|s| s.as_str()).unwrap_or(NO_STATE).to_string(),
                obligations: c.obligations(as_of),
                findings: c.findings(as_of),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_cmd(event: &str, actor: &str, date: &str, facts: &str, extra: &str) -> String {
        format!(
            r#"{{"stream":{{"machine":"plan","instance":"2024"}},"event":"{event}","actor":"{actor}","date":"{date}","facts":{facts}{extra}}}"#
        )
    }

    fn register(pid: &str, date: &str) -> String {
        format!(
            r#"{{"stream":{{"machine":"inv","project_id":"{pid}","instance":"{pid}"}},"event":"register_project",
            "actor":"project_unit","date":"{date}","project_code":"2306-411300-04-01-00000{pid}",
            "facts":{{"project_id":"{pid}","project_code":"2306-411300-04-01-00000{pid}","name":"Clinic","sector":"health",
            "nature":"non_operating","mode":"direct_investment","total":"30000000.00","unit_kind":"admin_or_public_unit",
            "industry_authority_org":"南阳市卫生健康委员会"}}}}"#
        )
    }

    /// Source: INV-12.2 — projects read the plan: each plan command hands them their entry (RULES.md §1.7).
    #[test]
    fn plan_entries_reach_projects() {
        let mut ws = Workspace::new(Context::default());
        ws.apply_json(&register("P1", "2023-07-01")).unwrap();
        let doc = r#"{"kind":"annual_plan","ref":"宛发改投资〔2024〕1号"}"#;
        ws.apply_json(&plan_cmd(
            "submit_for_plan",
            "industry_authority",
            "2023-10-30",
            r#"{"project_id":"P1","exempt_special":true}"#,
            "",
        ))
        .unwrap();
        assert_eq!(
            ws.investment("P1").unwrap().plan_inputs().entry(2024).unwrap().status,
            crate::investment::plan::ProjectPlanStatus::PlanSubmitted
        );
        let draft = r#"{"annual_total":"40000000.00","directions":["health"],"preparatory_fees":"0.00","reserve":"0.00",
            "decisions":[{"project_id":"P1","decision":"included","annual_amount":"30000000.00","source":"municipal_budget"},
                         {"project_id":"P2","decision":"included","annual_amount":"5000000.00","source":"bond"}]}"#;
        // P2 was not submitted: a violation in enforce mode; nothing changes.
        let e = ws.apply_json(&plan_cmd(
            "compile_draft",
            "drc",
            "2023-11-10",
            draft,
            r#","co_actors":[{"actor":"finance"}]"#,
        ));
        assert!(matches!(e, Err(Error::Rule(_))));
        ws.apply_json(&plan_cmd(
            "submit_for_plan",
            "industry_authority",
            "2023-10-31",
            r#"{"project_id":"P2","exempt_special":true}"#,
            "",
        ))
        .unwrap();
        ws.apply_json(&plan_cmd("compile_draft", "drc", "2023-11-10", draft, r#","co_actors":[{"actor":"finance"}]"#))
            .unwrap();
        ws.apply_json(&plan_cmd("submit_draft_to_meeting", "drc", "2023-12-20", &format!(r#"{{"ref":{doc}}}"#), ""))
            .unwrap();
        let minutes =
            r#"{"mode":"meeting","outcome":"decided","minutes_ref":{"kind":"minutes","ref":"纪要〔2023〕30号"}}"#;
        ws.apply_json(&plan_cmd("meeting_decide", "executive_meeting", "2023-12-28", minutes, "")).unwrap();
        let issue = format!(r#"{{"copies_to":["industry_authority","finance","audit"],"ref":{doc}}}"#);
        ws.apply_json(&plan_cmd("issue_plan", "drc", "2024-01-08", &issue, "")).unwrap();
        // INV-52.2 (RULES.md §3.4): the issued plan is disclosed.
        let disclosure = format!(r#"{{"ref":{doc},"subject":"plan"}}"#);
        ws.apply_json(&plan_cmd("record_disclosure", "drc", "2024-01-10", &disclosure, "")).unwrap();
        assert!(ws.investment("P1").unwrap().plan_inputs().issued_in(2024));
        // A project registered after the plan reads its entry at creation.
        ws.apply_json(&register("P2", "2024-02-01")).unwrap();
        let e = ws.investment("P2").unwrap().plan_inputs().entry(2024).unwrap().clone();
        assert_eq!(e.annual_amount, Some(crate::yuan!("5000000.00")));
        assert!(ws.investment("P2").unwrap().plan_inputs().issued_in(2024));
        // Source: INV-57 — a project reading plan entries round-trips through its JSON with them
        // (a pickled workspace project equals the original).
        let p1 = ws.investment("P1").unwrap();
        let back = InvestmentProject::from_json(&p1.to_json()).unwrap();
        assert!(back.plan_inputs().issued_in(2024));
        assert_eq!(&back, p1);
        let report = ws.report(chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
        let plan = report.iter().find(|r| r.stream == "plan/2024").unwrap();
        assert_eq!(plan.state, "plan_issued");
        assert!(plan.findings.is_empty());
        assert_eq!(ws.plan(2024).unwrap().year(), Some(2024));
        // A malformed plan instance is an input error and creates nothing.
        let mut bad = plan_cmd(
            "submit_for_plan",
            "industry_authority",
            "2023-10-30",
            r#"{"project_id":"P1","exempt_special":true}"#,
            "",
        );
        bad = bad.replace("\"2024\"", "\"twenty\"");
        assert!(matches!(ws.apply_json(&bad), Err(Error::Input(_))));
        assert_eq!(ws.plans().count(), 1);
    }
}
