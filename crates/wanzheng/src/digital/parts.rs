//! The INV parts of a budget-funded digital project (AMB-25; RULES.md §3.2.3, §7).
//!
//! 宛政办〔2023〕12号 governs demand, task book, approval chain, implementer, acceptance, delivery
//! and O&M of every digital project. A project funded by the special fund or by higher-level
//! funds (DIG-17.1) with `dig_budget_projects_apply_inv` also carries the investment regulation's
//! payment (INV-35, 43, 45.2), change (40–44), overrun and adjustment (45–49) and accountability
//! and liability (50, 53–58) parts: an [`crate::InvestmentProject`] in parts mode
//! (`InvestmentProject::dig_parts`) judges those events, with project_unit := soe,
//! industry_authority := bigdata_bureau, A := A0 := the approved FSR total, no B cap, and "in plan" =
//! tasked in an approved cycle or by `emergency_add` (AMB-50). Their entries go on the DIG
//! project's own chain (streams `inv/<id>`, `change/<id>/<change_id>`, …), each with warning
//! DIG-32 `amb25_pending_ruling` until `amb25_ruling_ref` is configured. Self-funded soe projects
//! never run them (DIG-14.5); special bonds and higher-level funds with special requirements do not
//! either (AMB-51, `dig_inv_parts`).

use crate::actor::Actor;
use crate::digital::funding;
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles;
use crate::error::{Error, RuleViolation, TransitionError};
use crate::event::NO_STATE;
use crate::investment::submachine::PartsHost;
use crate::log::{Command, MachineId};
use crate::machine::kernel::Step;
use crate::outcome::{Judge, Outcome, OutcomeKind, Verdict};
use crate::rule::{Regulation, RuleId};
use crate::rules::*;

/// INV-60 on DIG parts: the trace and outcomes of an act dated before 2023-06-01 without the INV
/// rules (INV-60 joins the trace instead); DIG rules stay.
fn pre_effective(rules: Vec<RuleId>, outcomes: Vec<Outcome>) -> (Vec<RuleId>, Vec<Outcome>) {
    let dig = |r: &RuleId| r.regulation() == Regulation::Digital;
    let mut kept: Vec<RuleId> = rules.into_iter().filter(dig).collect();
    kept.push(INV_60);
    (kept, outcomes.into_iter().filter(|o| dig(&o.rule)).collect())
}

impl DigitalProject {
    /// An INV event or a change, adjustment or accountability event of a budget-funded project
    /// (AMB-25, RULES.md §3.2.3): the DIG machine decides whether it is valid in the project's state
    /// and who may act (project_unit := soe, industry_authority := bigdata_bureau); the embedded
    /// investment machine judges and commits it; the entry goes on this project's chain with the
    /// AMB-25 warning until the ruling is configured.
    pub(crate) fn on_inv_part(&mut self, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        let gate = self.inv_parts_gate(cmd, force)?;
        let warn = {
            let mut w = Judge::pure();
            funding::warn_amb25(&mut w, self.ctx.config());
            w.into_parts()
        };
        let Some(parts) = self.parts.as_mut() else {
            // The gate admits only projects that run the parts.
            return Err(
                TransitionError::new(cmd.event.machine().as_str(), NO_STATE, cmd.event.name(), "no_inv_parts").into()
            );
        };
        // INTERPRETATION: AMB-25 — industry_authority := bigdata_bureau, one municipal body: its
        // concrete org is not compared (DIG acts never compare it either).
        let mut inner = cmd.clone();
        if inner.actor == Actor::BigdataBureau {
            inner.actor_org = "".into();
        }
        let Step { verdict, from, to } = if crate::investment::inv_applies(cmd.date) {
            parts.step(&inner, seq, force)?
        } else {
            // INV-60 on DIG parts (RULES.md §3.4): 宛政〔2023〕7号 takes effect on 2023-06-01, so an act
            // dated earlier gets no INV outcome; the facts still enter the parts' ledger, and the
            // DIG rules (the gates of §3.3.4) still judge it.
            let mut trial = parts.clone();
            let step = trial.step(&inner, seq, true)?;
            let (rules, outcomes) = pre_effective(step.verdict.rules.into(), step.verdict.outcomes);
            if !force
                && cmd.mode == crate::outcome::Mode::Enforce
                && outcomes.iter().any(|o| o.kind == OutcomeKind::Violation)
            {
                return Err(RuleViolation::new(cmd.event.name(), rules, outcomes).into());
            }
            *parts = trial;
            let verdict = Verdict { rules: rules.into_iter().collect(), outcomes, exceptions_used: Vec::new() };
            Step { verdict, from: step.from, to: step.to }
        };
        parts.exceptions.consume(&verdict.exceptions_used);
        let mut rules = gate.rules;
        let mut outcomes = gate.outcomes;
        for r in verdict.rules.into_iter().chain(warn.0) {
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
        outcomes.extend(verdict.outcomes);
        // AMB-25: warning DIG-32 `amb25_pending_ruling` on each INV-part entry until the ruling.
        outcomes.extend(warn.1);
        let verdict = Verdict { rules, outcomes, exceptions_used: verdict.exceptions_used };
        Ok(Step { verdict, from, to })
    }

    /// The INV parts (AMB-25) exist only for budget-funded projects with the switch on: self-funded
    /// projects are refused with DIG-14.5, other projects with DIG-17.1, in both modes; a legacy
    /// project never runs them; stopped and withdrawn projects take only the close-out and
    /// liability events; the literal INV roles `project_unit` and `industry_authority` are not DIG
    /// bodies (DIG-5: the bureau is the soe's competent department).
    pub(crate) fn inv_parts_gate(&self, cmd: &Command, force: bool) -> Result<Verdict, Error> {
        let machine = cmd.event.machine();
        let name = cmd.event.name();
        let Some(funding) = self.ledger.funding() else {
            return Err(TransitionError::new(machine.as_str(), NO_STATE, name, "unknown_instance").into());
        };
        let any_state = machine != MachineId::Inv
            || matches!(
                name,
                "report_incident" | "open_liability_case" | "decide_recourse" | "record_exception" | "recover_funds"
            );
        let allowed = match self.state {
            None | Some(DigState::DigLegacy) => false,
            Some(DigState::Stopped | DigState::Withdrawn) => any_state,
            Some(_) => true,
        };
        if !allowed {
            return Err(TransitionError::new(machine.as_str(), self.state_name(), name, "terminal").into());
        }
        let mut j = if force {
            Judge::replaying(cmd.mode, name, &self.exceptions)
        } else {
            Judge::new(cmd.mode, name, &self.exceptions)
        };
        if funding.is_self_funded() {
            j.scope(DIG_14_5, false, "self_funded");
        } else {
            j.scope(DIG_17_1, funding::inv_parts(funding, self.ctx.config()), "no_inv_parts");
        }
        j.require(DIG_5, !matches!(cmd.actor, Actor::ProjectUnit | Actor::IndustryAuthority), "wrong_actor");
        Ok(j.verdict()?)
    }

    /// Hands the INV parts their host's state: suspended under the cited INV-55 rule, terminal when
    /// stopped or withdrawn (no new changes or adjustments, RULES.md §3.1.2).
    pub(crate) fn sync_parts_host(&mut self) {
        let suspended =
            (self.state == Some(DigState::Suspended)).then(|| self.ledger.suspension_rule.unwrap_or(INV_55_3));
        let terminal = matches!(self.state, Some(DigState::Stopped | DigState::Withdrawn));
        let de = self.emergency_mode_facts();
        if let Some(parts) = self.parts.as_mut() {
            let host = PartsHost { suspended, terminal, ..PartsHost::digital() };
            if parts.ledger().parts.as_ref() != Some(&host) {
                parts.set_parts_host(host);
            }
            // DE (RULES.md §3.3.1, §3.3.4): the recorded DIG-18 decision gates the parts' awards.
            parts.set_dig_emergency(de);
        }
    }

    /// DE of RULES.md §3.3.1: the inputs of the recorded DIG-18 decision (`None` until a
    /// `decide_emergency_mode` is recorded), judged by [`crate::digital::approval::judge_emergency_mode`].
    pub(crate) fn emergency_mode_facts(&self) -> Option<crate::digital::approval::EmergencyModeFacts> {
        let m = self.ledger.emergency_mode.as_ref()?;
        let (urgent_deployment, sudden_event) =
            self.ledger.emergency.as_ref().map(|e| (e.urgent_deployment, e.sudden_event)).unwrap_or((false, false));
        Some(crate::digital::approval::EmergencyModeFacts {
            added: self.ledger.is_emergency(),
            urgent_deployment,
            deadline_and_assessment: m.deadline_and_assessment,
            sudden_event,
            consent_leader_bigdata: roles::consent_by(m.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata),
            consent_vice_mayor: roles::consent_by(m.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::actor::Actor;
    use crate::digital::events::Funding;
    use crate::digital::lifecycle::DigState;
    use crate::digital::project::DigitalProject;
    use crate::digital::testkit::*;
    use crate::error::Error;
    use crate::log::Command;
    use crate::outcome::{Mode, Outcome, OutcomeKind};
    use crate::rule::RuleId;
    use crate::rules::*;

    const AMB25: &str = "amb25_pending_ruling";

    fn command(stream: serde_json::Value, event: &str, actor: &str, date: &str, facts: serde_json::Value) -> Command {
        Command::from_value(json!({"stream": stream, "event": event, "actor": actor, "date": date, "facts": facts}))
            .unwrap()
    }

    fn inv(event: &str, actor: &str, date: &str, facts: serde_json::Value) -> Command {
        command(json!({"machine": "inv", "project_id": PID, "instance": PID}), event, actor, date, facts)
    }

    fn chg(id: &str, event: &str, actor: &str, date: &str, facts: serde_json::Value) -> Command {
        command(json!({"machine": "change", "project_id": PID, "instance": id}), event, actor, date, facts)
    }

    fn award(id: &str, price: &str, date: &str) -> Command {
        inv(
            "award_contract",
            "soe",
            date,
            json!({"contract_id": id, "contractor": "南阳某信息技术有限公司", "in_budget_scope": true, "items": ["I1"],
                   "lot": "construction", "price": price, "price_adjustment_clause": true, "procured_by": "tender"}),
        )
    }

    fn request(id: &str, amount: &str, date: &str) -> Command {
        inv(
            "request_payment",
            "soe",
            date,
            json!({"amount": amount, "contract_id": "K1", "in_budget_scope": true, "item_id": "I1",
                   "progress_cap": "10000000.00", "request_id": id}),
        )
    }

    fn approve(id: &str, date: &str) -> Command {
        inv(
            "approve_payment",
            "finance",
            date,
            json!({"ref": {"kind": "approval", "ref": format!("支付-{id}")}, "request_id": id}),
        )
    }

    fn disburse(id: &str, amount: &str, date: &str) -> Command {
        inv(
            "disburse_payment",
            "finance",
            date,
            json!({"amount": amount, "request_id": id, "wage_account_amount": "0.00"}),
        )
    }

    fn warning() -> Outcome {
        Outcome::new(OutcomeKind::Warning, DIG_32, AMB25)
    }

    fn propose(id: &str, date: &str) -> Command {
        chg(
            id,
            "propose_change",
            "soe",
            date,
            json!({"change_id": id, "contracts": [], "description": "drop the offline export module",
                   "estimate_delta": {"after": "400000.00", "before": "500000.00"}, "situation": "41.1"}),
        )
    }

    fn review(id: &str, date: &str) -> Command {
        let units = ["survey_unit", "design_unit", "supervision_unit", "contractor"];
        let opinions: Vec<_> = units
            .iter()
            .map(|u| json!({"agree": true, "ref": {"kind": "opinion", "ref": format!("意见-{u}")}, "unit": u}))
            .collect();
        let mut c = chg(id, "internal_review", "soe", date, json!({"opinions": opinions}));
        for u in units {
            c = c.with(crate::actor::Actor::parse(u).unwrap(), "");
        }
        c
    }

    fn approve_change(id: &str, actor: &str, date: &str) -> Command {
        chg(
            id,
            "approve_change",
            actor,
            date,
            json!({"ref": {"kind": "approval", "ref": "变更批复1"}, "situation": "41.1"}),
        )
    }

    /// Source: DIG-17.1 — a special-fund project runs the INV payment parts on its own chain, each entry with the AMB-25
    /// warning; INV-35.3 caps apply (A = the approved FSR total, contract ceilings).
    #[test]
    fn payments_through_the_parts() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        for c in [award("K1", "10000000.00", "2024-04-01"), request("R1", "1000000.00", "2024-04-02")] {
            assert_eq!(p.apply(c).unwrap().outcomes, vec![warning()]);
        }
        let t = p.apply(approve("R1", "2024-04-03")).unwrap();
        assert_eq!(t.machine, "inv");
        assert_eq!(t.outcomes, vec![warning()]);
        // Tasked in the approved cycle: in plan, no INV-12.2 breach at disbursement (AMB-50).
        assert_eq!(p.apply(disburse("R1", "1000000.00", "2024-04-10")).unwrap().outcomes, vec![warning()]);
        let parts = p.inv_parts().unwrap();
        assert_eq!(parts.ledger().estimate, Some(crate::yuan!("11800000.00")));
        assert_eq!(parts.ledger().original_estimate, Some(crate::yuan!("11800000.00")));
        // 9,000,000.00 more reaches the contract price exactly (IN); 0.01 more is over the contract.
        p.apply(request("R2", "9000000.01", "2024-05-01")).unwrap();
        let before = p.clone();
        let err = p.apply(approve("R2", "2024-05-02")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(INV_35_3)));
        assert_eq!(p, before);
        p.apply(request("R3", "9000000.00", "2024-05-03")).unwrap();
        assert_eq!(p.apply(approve("R3", "2024-05-04")).unwrap().outcomes, vec![warning()]);
        // The entries are on the DIG chain and replay rebuilds the parts.
        assert!(p.log().entries().iter().any(|e| e.stream().machine == crate::MachineId::Inv));
        let (q, report) =
            DigitalProject::replay_with(Default::default(), p.log().entries(), approved_inputs(&[PID])).unwrap();
        assert_eq!(q, p);
        assert!(report.differences.is_empty());
        assert_eq!(DigitalProject::from_json(&p.to_json()).unwrap(), p);
    }

    fn start_on(entry: &str, date: &str) -> Command {
        cmd(
            crate::digital::events::StartDigConstruction {
                basis_17_2: None,
                builder: crate::digital::events::Builder::Soe,
                date: d(date),
            },
            Actor::Soe,
            entry,
        )
    }

    fn site_findings(p: &DigitalProject) -> Vec<(String, chrono::NaiveDate)> {
        p.findings(d("2024-12-31"))
            .into_iter()
            .filter(|f| f.code == "F-INV-55.1")
            .map(|f| (f.detail.to_string(), f.date))
            .collect()
    }

    /// Source: INV-55.1 — RULES.md §3.3.9 example 15 (§3.3.7): the DIG start's `facts.date` (2024-03-10, entry
    /// 2024-03-12) is the parts' start: a works disbursement on 2024-04-10 is no site activity before the start.
    #[test]
    fn example_15_dig_start_date() {
        let mut p = at(Funding::SpecialFund, DigState::FsrApproved);
        p.apply(start_on("2024-03-12", "2024-03-10")).unwrap();
        assert_eq!(p.inv_parts().unwrap().ledger().started_on, Some(d("2024-03-10")));
        p.apply(award("K1", "10000000.00", "2024-04-01")).unwrap();
        p.apply(request("R1", "1000000.00", "2024-04-02")).unwrap();
        p.apply(approve("R1", "2024-04-03")).unwrap();
        p.apply(disburse("R1", "1000000.00", "2024-04-10")).unwrap();
        assert!(site_findings(&p).is_empty(), "{:?}", site_findings(&p));
    }

    /// Source: INV-55.1 — RULES.md §3.3.9 example 15: a works disbursement dated 2024-03-09, before the start date
    /// 2024-03-10, is F-INV-55.1 `site_activity_before_start`; one on the start day itself is not (boundary).
    #[test]
    fn example_15_disbursement_before_the_start() {
        let mut p = at(Funding::SpecialFund, DigState::FsrApproved);
        p.apply(award("K1", "10000000.00", "2024-03-07")).unwrap();
        for (id, date) in [("R1", "2024-03-09"), ("R2", "2024-03-10")] {
            p.apply(request(id, "100000.00", date)).unwrap();
            p.apply(approve(id, date)).unwrap();
            p.apply(disburse(id, "100000.00", date)).unwrap();
        }
        p.apply(start_on("2024-03-12", "2024-03-10")).unwrap();
        assert_eq!(site_findings(&p), vec![("site_activity_before_start".to_string(), d("2024-03-09"))]);
    }

    /// Source: INV-55.6 — RULES.md §3.3.7: the DIG `approve_fsr` date (2024-03-01) starts the parts' start-deadline clock
    /// (`start_deadline` 6 months): not started by 2024-09-01 is found from 2024-09-02 on, not on the due day.
    #[test]
    fn start_deadline_from_the_dig_approval() {
        let ctx = ctx_with(|c| c.start_deadline = Some(6));
        let mut p = registered_with(Funding::SpecialFund, ctx);
        drive(&mut p, Funding::SpecialFund, DigState::FsrApproved);
        assert_eq!(p.inv_parts().unwrap().ledger().approved_on, Some(d("2024-03-01")));
        let late = |p: &DigitalProject, as_of: &str| {
            p.findings(d(as_of))
                .into_iter()
                .filter(|f| f.code == "F-INV-55.6")
                .map(|f| f.detail.to_string())
                .collect::<Vec<_>>()
        };
        assert!(late(&p, "2024-09-01").is_empty());
        assert_eq!(late(&p, "2024-09-02"), vec!["not_started".to_string()]);
        p.apply(start_on("2024-03-12", "2024-03-10")).unwrap();
        assert!(late(&p, "2024-12-31").is_empty());
    }

    /// Source: INV-60 — RULES.md §3.4: the INV parts of a DIG project judge only acts dated on or after 2023-06-01: an
    /// award with a 垫资 clause on 2023-05-31 gets no INV outcome (its facts still enter the ledger); on 2023-06-01 it is
    /// a violation of INV-4.3.
    #[test]
    fn inv_parts_before_inv_took_effect() {
        let mut p = DigitalProject::new(crate::Context::default());
        p.set_cycle_inputs(approved_inputs(&[PID]));
        p.apply(cmd(registration(Funding::SpecialFund), Actor::DemandUnit, "2023-05-02")).unwrap();
        let add = crate::digital::events::EmergencyAdd {
            consent_leader_bigdata: Some(r(crate::actor::DocKind::Consent, "L")),
            consent_vice_mayor: Some(r(crate::actor::DocKind::Consent, "V")),
            sudden_event: true,
            urgent_deployment: false,
        };
        p.apply(cmd(add, Actor::BigdataBureau, "2023-05-03")).unwrap();
        let design = |id: &str, date: &str| {
            inv(
                "award_contract",
                "soe",
                date,
                json!({"advance_funding_clause": true, "contract_id": id, "contractor": "南阳某设计院", "items": [],
                       "lot": "design", "price": "500000.00", "procured_by": "tender"}),
            )
        };
        let t = p.apply(design("K0", "2023-05-31")).unwrap();
        assert_eq!(t.outcomes, vec![warning()]);
        assert!(t.rules.contains(&INV_60) && !t.rules.contains(&INV_4_3), "{:?}", t.rules);
        assert!(p.inv_parts().unwrap().ledger().contract("K0").is_some());
        assert!(p.findings(d("2023-12-31")).iter().all(|f| f.code != "F-INV-55.5"));
        let before = p.clone();
        let err = p.apply(design("K1", "2023-06-01")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.outcomes.iter().any(|o| o.rule == INV_4_3)), "{err:?}");
        assert_eq!(p, before);
    }

    /// Source: DIG-32 — the AMB-25 warning stops once the written ruling is configured.
    #[test]
    fn ruling_silences_the_warning() {
        let ctx = ctx_with(|c| c.amb25_ruling_ref = Some(r(crate::actor::DocKind::Opinion, "宛发改〔2024〕1号")));
        let mut p = registered_with(Funding::HigherLevel, ctx);
        drive(&mut p, Funding::HigherLevel, DigState::UnderConstruction);
        assert!(p.apply(award("K1", "1000000.00", "2024-04-01")).unwrap().outcomes.is_empty());
    }

    /// Source: INV-12.2 — before the project is tasked (not "in plan", AMB-50) a disbursement is a default breach.
    /// The parts' gate (RULES.md §3.3.4) rejects untasked contracts and payments in enforce mode, so they are
    /// recorded here: each carries finding DIG-13.3 `not_tasked` first (changes the old reading, §3.3.10).
    #[test]
    fn not_in_plan_before_tasking() {
        let mut p = registered(Funding::SpecialFund);
        let not_tasked = Outcome::new(OutcomeKind::Finding, DIG_13_3, "not_tasked");
        let t = p.apply(design_award("K1", "1000000.00", "2023-09-02").mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes, vec![not_tasked.clone(), warning()]);
        p.apply(p_request("R1", "100000.00", "2023-09-03").mode(Mode::Record)).unwrap();
        p.apply(approve("R1", "2023-09-04").mode(Mode::Record)).unwrap();
        let t = p.apply(disburse("R1", "100000.00", "2023-09-05").mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes[0], not_tasked);
        assert!(
            t.outcomes.iter().any(|o| o.rule == INV_12_2 && o.kind == OutcomeKind::DefaultBreach),
            "{:?}",
            t.outcomes
        );
        assert!(p.findings(d("2023-12-31")).iter().any(|f| f.code == "F-INV-12.2"));
    }

    /// A design contract (class P: DIG projects keep survey and design at DT, §3.5 A4).
    fn design_award(id: &str, price: &str, date: &str) -> Command {
        inv(
            "award_contract",
            "soe",
            date,
            json!({"contract_id": id, "contractor": "南阳某设计院", "in_budget_scope": false, "items": ["I1"],
                   "lot": "design", "price": price, "procured_by": "tender"}),
        )
    }

    /// A payment request on the design contract, outside the budget's scope (class P).
    fn p_request(id: &str, amount: &str, date: &str) -> Command {
        inv(
            "request_payment",
            "soe",
            date,
            json!({"amount": amount, "contract_id": "K1", "in_budget_scope": false, "item_id": "I1",
                   "progress_cap": "1000000.00", "request_id": id}),
        )
    }

    /// A works payment request without a contract (class W).
    fn works_request(id: &str, amount: &str, date: &str) -> Command {
        inv(
            "request_payment",
            "soe",
            date,
            json!({"amount": amount, "in_budget_scope": true, "item_id": "I1", "progress_cap": amount,
                   "request_id": id}),
        )
    }

    fn violations(e: Error) -> Vec<(RuleId, String)> {
        match e {
            Error::Rule(v) => v
                .outcomes
                .iter()
                .filter(|o| o.kind == OutcomeKind::Violation)
                .map(|o| (o.rule, o.detail.to_string()))
                .collect(),
            other => panic!("expected a rule violation, got {other:?}"),
        }
    }

    fn v(rule: RuleId, detail: &str) -> (RuleId, String) {
        (rule, detail.to_string())
    }

    /// Source: DIG-13.3 — RULES.md §3.3.9 example 13 (defect 3, §3.3.4): a special-fund project only registered
    /// awards a construction contract of 300,000,000.00 → V DIG-13.3 `not_tasked`, V DIG-25 `no_approved_fsr`, V
    /// DIG-15.1 `no_approved_fsr`; a works request → V DIG-13.3 `not_tasked`, V DIG-25 `no_approved_fsr`, V INV-35.3
    /// `no_approved_estimate`; nothing changes. After the tasking (DT) a design award of 500,000.00 is Ok (class P)
    /// while a construction award is still V DIG-25 + DIG-15.1 (no DF); after the DIG `approve_fsr` (DF, A) it is Ok.
    /// Source: DIG-25 — 「项目建设必须按照…批复的可研报告实施」: no contract of classes Ag/M/W without DF.
    /// Source: DIG-15.1 — 「按照…交办的年度建设任务和批复的可研报告实施建设」.
    #[test]
    fn example_13_dig_registered() {
        let mut p = registered(Funding::SpecialFund);
        let before = p.clone();
        let e = p.apply(award("K-C", "300000000.00", "2023-09-02")).unwrap_err();
        assert_eq!(
            violations(e),
            [v(DIG_13_3, "not_tasked"), v(DIG_25, "no_approved_fsr"), v(DIG_15_1, "no_approved_fsr")]
        );
        let e = p.apply(works_request("R1", "1000000.00", "2023-09-03")).unwrap_err();
        assert_eq!(
            violations(e),
            [v(DIG_13_3, "not_tasked"), v(DIG_25, "no_approved_fsr"), v(INV_35_3, "no_approved_estimate")]
        );
        assert_eq!(p, before, "a rejected gate event changes nothing");
        // Tasked (DT): a P lot is Ok; the works still wait for DF.
        drive(&mut p, Funding::SpecialFund, DigState::Tasked);
        assert_eq!(p.apply(design_award("K1", "500000.00", "2024-01-11")).unwrap().outcomes, vec![warning()]);
        let e = p.apply(award("K-C", "300000000.00", "2024-01-12")).unwrap_err();
        assert_eq!(violations(e), [v(DIG_25, "no_approved_fsr"), v(DIG_15_1, "no_approved_fsr")]);
        drive(&mut p, Funding::SpecialFund, DigState::FsrApproved);
        assert_eq!(p.apply(award("K-C", "10000000.00", "2024-03-02")).unwrap().outcomes, vec![warning()]);
        assert_eq!(p.apply(works_request("R1", "1000000.00", "2024-03-03")).unwrap().outcomes, vec![warning()]);
    }

    /// Source: DIG-13.3 — RULES.md §3.3.9 example 13 in record mode: the untasked construction award is appended with
    /// the three gate findings in the order of the §3.3.4 row; the design award after the tasking carries no gate
    /// outcome. Source: INV-23.2 — the recorded award counts in Σ contract prices from the approval that fixes A
    /// (§3.3.5 item 4): after DF (A 11,800,000.00) a further works award is D INV-23.2 `contracts_above_estimate`.
    #[test]
    fn example_13_recorded_award_counts_later() {
        let mut p = registered(Funding::SpecialFund);
        let t = p.apply(award("K-C", "300000000.00", "2023-09-02").mode(Mode::Record)).unwrap();
        let f = |rule, detail| Outcome::new(OutcomeKind::Finding, rule, detail);
        assert_eq!(
            t.outcomes,
            vec![f(DIG_13_3, "not_tasked"), f(DIG_25, "no_approved_fsr"), f(DIG_15_1, "no_approved_fsr"), warning()]
        );
        drive(&mut p, Funding::SpecialFund, DigState::Tasked);
        let t = p.apply(design_award("K1", "500000.00", "2024-01-11")).unwrap();
        assert_eq!(t.outcomes, vec![warning()]);
        // From DF (A = 11,800,000.00) the recorded 300,000,000.00 counts in Σ contract prices (INV-23.2 D).
        drive(&mut p, Funding::SpecialFund, DigState::FsrApproved);
        let t = p.apply(award("K-C2", "1000000.00", "2024-03-02")).unwrap();
        let over = Outcome::new(OutcomeKind::DefaultBreach, INV_23_2, "contracts_above_estimate");
        assert_eq!(t.outcomes, vec![over, warning()]);
    }

    /// Source: DIG-18 — DE (RULES.md §3.3.1, §3.3.4): once a `decide_emergency_mode` is recorded, its §4.10
    /// `dig_emergency_ok` must hold for the INV parts' awards of classes Ag/M/W — a decision recorded for a project not
    /// added under DIG-13.7 and without a case-by-case category makes the construction award V DIG-18 `not_added` +
    /// `no_case_by_case_category` although DT and DF hold; a P award and a payment are not gated by DE.
    #[test]
    fn recorded_emergency_mode_gates_the_works() {
        let mut p = at(Funding::SpecialFund, DigState::FsrApproved);
        p.apply(award("K-C", "5000000.00", "2024-03-02")).unwrap();
        let decide = crate::digital::events::DecideEmergencyMode {
            consent_leader_bigdata: Some(r(crate::actor::DocKind::Consent, "同意-领导")),
            consent_vice_mayor: Some(r(crate::actor::DocKind::Consent, "同意-副市长")),
            construction_mode: crate::digital::events::ConstructionMode::Soe,
            deadline_and_assessment: true,
        };
        p.apply(cmd(decide, Actor::BigdataBureau, "2024-03-03").mode(Mode::Record)).unwrap();
        let before = p.clone();
        let e = p.apply(award("K-C2", "1000000.00", "2024-03-04")).unwrap_err();
        assert_eq!(violations(e), [v(DIG_18, "not_added"), v(DIG_18, "no_case_by_case_category")]);
        assert_eq!(p, before);
        assert_eq!(p.apply(design_award("K1", "500000.00", "2024-03-04")).unwrap().outcomes, vec![warning()]);
        assert_eq!(p.apply(request("R1", "1000000.00", "2024-03-05")).unwrap().outcomes, vec![warning()]);
    }

    /// Source: DIG-14.5 — RULES.md §3.3.9 example 18 (SOE self-funded): at `fsr_approved` an `award_contract` is S
    /// DIG-14.5 `self_funded` in both modes (no INV parts); `start_construction` without the drc filing is V DIG-14.5
    /// `not_filed`, with it the start is accepted.
    #[test]
    fn example_18_soe_self_funded() {
        let mut p = at(Funding::SoeSelf, DigState::FsrApproved);
        for mode in [Mode::Enforce, Mode::Record] {
            let before = p.clone();
            let Error::Rule(e) = p.apply(award("K1", "1000000.00", "2024-03-02").mode(mode)).unwrap_err() else {
                panic!("expected a scope refusal")
            };
            let primary = e.primary().map(|o| (o.rule, o.detail.to_string()));
            assert_eq!(primary, Some(v(DIG_14_5, "self_funded")));
            assert_eq!(p, before);
        }
        let start = |date: &str| {
            cmd(
                crate::digital::events::StartDigConstruction {
                    basis_17_2: None,
                    builder: crate::digital::events::Builder::Soe,
                    date: d(date),
                },
                Actor::Soe,
                date,
            )
        };
        let e = p.apply(start("2024-03-02")).unwrap_err();
        assert!(violations(e).contains(&v(DIG_14_5, "not_filed")));
        drive(&mut p, Funding::SoeSelf, DigState::FsrApproved);
        let filing = crate::digital::events::FileWithDrc {
            kind: crate::digital::events::DrcFilingKind::Filing,
            reference: r(crate::actor::DocKind::Filing, "备案1"),
        };
        p.apply(cmd(filing, Actor::Soe, "2024-03-02")).unwrap();
        assert_eq!(p.apply(start("2024-03-03")).unwrap().to, "under_construction");
    }

    /// Source: INV-41 — the bureau plays the industry authority and the soe the project unit (AMB-25); the literal INV
    /// roles are not DIG bodies (DIG-5).
    #[test]
    fn change_roles() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        let mut literal = propose("C-1", "2024-04-01");
        literal.actor = Actor::ProjectUnit;
        let before = p.clone();
        let err = p.apply(literal).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_5)));
        assert_eq!(p, before);
        assert_eq!(p.apply(propose("C-1", "2024-04-01")).unwrap().to, "change_proposed");
        assert_eq!(p.apply(review("C-1", "2024-04-02")).unwrap().to, "change_reviewed");
        let err = p.apply(approve_change("C-1", "drc", "2024-04-03")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(INV_41)));
        let t =
            p.apply(approve_change("C-1", "bigdata_bureau", "2024-04-03").org("南阳市政务服务和大数据管理局")).unwrap();
        assert_eq!(t.to, "change_approved");
        assert_eq!(t.outcomes, vec![warning()]);
    }

    /// Source: INV-55.3 — a DIG suspension hands the parts their host's suspension: no change is implemented meanwhile.
    #[test]
    fn suspension_reaches_the_parts() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        p.apply(propose("C-1", "2024-04-01")).unwrap();
        p.apply(review("C-1", "2024-04-02")).unwrap();
        p.apply(approve_change("C-1", "bigdata_bureau", "2024-04-03")).unwrap();
        let suspend = crate::digital::events::SuspendDig {
            finding_ref: crate::digital::events::FindingRef::Code("F-INV-55.3#3".into()),
        };
        p.apply(cmd(suspend, Actor::BigdataBureau, "2024-04-04")).unwrap();
        let implement = chg("C-1", "implement_change", "soe", "2024-04-05", json!({}));
        let err = p.apply(implement.clone()).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(INV_55_3)), "{err:?}");
        let resume = crate::digital::events::ResumeDig { rectify_ref: r(crate::actor::DocKind::Evidence, "整改") };
        p.apply(cmd(resume, Actor::BigdataBureau, "2024-04-06")).unwrap();
        let mut later = implement;
        later.date = d("2024-04-07");
        assert_eq!(p.apply(later).unwrap().to, "change_implemented");
    }

    /// Source: INV-55.1 — a stop cancels the open changes; afterwards only close-out and liability events enter.
    #[test]
    fn stop_cancels_open_changes() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        p.apply(propose("C-1", "2024-04-01")).unwrap();
        let stop = crate::digital::events::StopDig {
            finding_ref: crate::digital::events::FindingRef::Code("F-INV-55.1#2".into()),
        };
        p.apply(cmd(stop, Actor::Drc, "2024-04-02")).unwrap();
        let parts = p.inv_parts().unwrap();
        assert_eq!(parts.ledger().changes["C-1"].state, crate::investment::ChangeState::ChangeCancelled);
        assert!(
            matches!(p.apply(award("K9", "1.00", "2024-04-03")), Err(Error::Transition(ref e)) if e.detail == "terminal")
        );
        let incident = inv(
            "report_incident",
            "bigdata_bureau",
            "2024-04-04",
            json!({"incident_id": "X1", "kind": "quality", "ref": {"kind": "evidence", "ref": "事故1"}}),
        );
        assert!(p.apply(incident).is_ok());
    }

    /// Source: DIG-14.5 — self-funded projects never run the INV parts, in either mode; DIG-17.1 — nor special bonds.
    #[test]
    fn no_parts_for_self_funded() {
        for f in [Funding::SoeSelf, Funding::Market] {
            let mut p = at(f, DigState::UnderConstruction);
            assert!(p.inv_parts().is_none());
            for mode in [Mode::Enforce, Mode::Record] {
                let err = p.apply(award("K1", "1.00", "2024-04-01").mode(mode)).unwrap_err();
                assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_14_5)));
                let err = p.apply(propose("C-1", "2024-04-01").mode(mode)).unwrap_err();
                assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_14_5)));
            }
        }
        let mut p = at(Funding::SpecialBond, DigState::UnderConstruction);
        let err = p.apply(award("K1", "1.00", "2024-04-01")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_17_1)));
    }

    /// Source: DIG-13.7 — an emergency addition is "in plan" for the INV parts (AMB-50) and tasks the project (DT,
    /// RULES.md §3.3.1): a design contract (class P) is awarded, paid and disbursed with the AMB-25 warning only; the
    /// works wait for the approved FSR (changes the old reading, §3.3.10).
    #[test]
    fn emergency_addition_is_in_plan() {
        let mut p = registered(Funding::SpecialFund);
        let add = crate::digital::events::EmergencyAdd {
            consent_leader_bigdata: Some(r(crate::actor::DocKind::Consent, "L")),
            consent_vice_mayor: Some(r(crate::actor::DocKind::Consent, "V")),
            sudden_event: true,
            urgent_deployment: false,
        };
        p.apply(cmd(add, Actor::BigdataBureau, "2023-09-02")).unwrap();
        p.apply(design_award("K1", "1000000.00", "2023-09-03")).unwrap();
        p.apply(p_request("R1", "100000.00", "2023-09-04")).unwrap();
        p.apply(approve("R1", "2023-09-05")).unwrap();
        let t = p.apply(disburse("R1", "100000.00", "2023-09-06")).unwrap();
        assert_eq!(t.outcomes, vec![warning()]);
        let e = p.apply(award("K-C", "1000000.00", "2023-09-07")).unwrap_err();
        assert_eq!(violations(e), [v(DIG_25, "no_approved_fsr"), v(DIG_15_1, "no_approved_fsr")]);
    }
}
