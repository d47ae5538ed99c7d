//! Acceptance, delivery and O&M (宛政办〔2023〕12号 第十六条, 第十九条, 第二十条; DIG-16.1 to 16.7, 19, 20).
//!
//! ```text
//!  construction_completed ─pass_initial_acceptance (4 checks, 16.1)─▶ initially_accepted
//!        │ fail_initial_acceptance (AMB-32)                                  │ start_trial_run (16.2)
//!        ▼                                                                   ▼
//!  under_construction          rectification ◀─report_issue── in_trial_run ─pass_final_acceptance─▶ final_accepted
//!                                │ rectify_issue (last one)        ▲   (0 open issues, 16.3; soe +           │ sign_off
//!                                └─────────────────────────────────┘    bureau + demand unit, 16.4, 6)      ▼ (16.5)
//!                                                                                      in_operation ◀─deliver─ signed_off
//! ```
//! `deliver` records the asset owner (the soe, DIG-16.6) and the O&M owner (the center for
//! municipal systems, DIG-19.1; the soe for operating-nature projects, DIG-19.3); hardware off the
//! center's transfer list under unified O&M is a DIG-20 default breach.

use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::config::Context;
use crate::digital::events::{
    CheckResult, Deliver, FailFinalAcceptance, FailInitialAcceptance, InitialChecks, OmOwner, PassFinalAcceptance,
    PassInitialAcceptance, RectifyIssue, ReportIssue, SignOff,
};
use crate::digital::funding;
use crate::digital::ledger::{DeliveryRecord, InitialAcceptanceRecord, IssueRecord};
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason};
use crate::investment::route::Level;
use crate::machine::kernel::{Call, Next};
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;

/// The names of the failed initial-acceptance checks (DIG-16.1), in field order; further checks
/// (等) by their names.
pub fn failed_checks(checks: &InitialChecks) -> Vec<String> {
    let mut out = Vec::new();
    for (name, r) in [
        ("content_consistency", checks.content_consistency),
        ("data_resource_conformity", checks.data_resource_conformity),
        ("intensive_construction", checks.intensive_construction),
        ("security_compliance", checks.security_compliance),
    ] {
        if r == CheckResult::Fail {
            out.push(name.to_string());
        }
    }
    out.extend(checks.other.iter().filter(|(_, r)| **r == CheckResult::Fail).map(|(k, _)| k.clone()));
    out
}

/// DIG-16.1 guard: one violation per failed check (detail: the check's name; `other_check` for 等).
pub fn judge_initial_checks(j: &mut Judge<'_>, checks: &InitialChecks) -> bool {
    j.trace(DIG_16_1);
    let failed = failed_checks(checks);
    for name in &failed {
        let detail = match name.as_str() {
            "content_consistency" => "content_consistency",
            "data_resource_conformity" => "data_resource_conformity",
            "intensive_construction" => "intensive_construction",
            "security_compliance" => "security_compliance",
            _ => "other_check",
        };
        j.require(DIG_16_1, false, detail);
    }
    failed.is_empty()
}

/// Request of [`dig_initial_acceptance`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InitialAcceptanceRequest {
    /// The checks.
    pub checks: InitialChecks,
}

/// Result of [`dig_initial_acceptance`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InitialAcceptanceDecision {
    /// Every check passed.
    pub passed: bool,
    /// The failed checks.
    pub failed: Vec<String>,
    /// Where a failure sends the project (`under_construction`, AMB-32), or `initially_accepted`.
    pub next_state: String,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Violations of DIG-16.1, one per failed check.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_initial_acceptance(checks)` = every check passes (DIG-16.1).
///
/// # Errors
/// None besides the request's own shape.
pub fn dig_initial_acceptance(
    req: InitialAcceptanceRequest,
    _ctx: &Context,
) -> Result<InitialAcceptanceDecision, Error> {
    let mut j = Judge::pure();
    let passed = judge_initial_checks(&mut j, &req.checks);
    let (rules, outcomes) = j.into_parts();
    Ok(InitialAcceptanceDecision {
        passed,
        failed: failed_checks(&req.checks),
        next_state: if passed { "initially_accepted" } else { "under_construction" }.into(),
        rules,
        outcomes,
    })
}

impl DigitalProject {
    pub(crate) fn pass_initial_acceptance(
        &mut self,
        p: &PassInitialAcceptance,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        let (verdict, clean) = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-16.1: content consistency, data-resource conformity, intensive construction and
            // security compliance (and any further check, 等) all pass.
            let clean = judge_initial_checks(&mut j, &p.checks);
            (j.verdict()?, clean)
        };
        self.ledger.initial_acceptance = Some(InitialAcceptanceRecord { clean, date: c.cmd.date });
        Ok(Next::to(verdict, DigState::InitiallyAccepted))
    }

    pub(crate) fn fail_initial_acceptance(
        &mut self,
        p: &FailInitialAcceptance,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        InputError::when(
            failed_checks(&p.checks).is_empty(),
            "facts.checks",
            InputReason::InvalidValue,
            "a failed initial acceptance names at least one failed check",
        )?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_16_1);
            j.verdict()?
        };
        // AMB-32: a failed initial acceptance sends the project back to construction.
        self.ledger.initial_acceptance_failures += 1;
        self.ledger.initial_acceptance = None;
        Ok(Next::to(verdict, DigState::UnderConstruction))
    }

    pub(crate) fn start_trial_run(&mut self, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-16.2: 初验合格后 — only after an initial acceptance with every check passed.
            match &self.ledger.initial_acceptance {
                None => j.require(DIG_16_2, false, "no_initial_acceptance"),
                Some(a) => j.require(DIG_16_2, a.clean, "initial_acceptance_not_passed"),
            };
            j.verdict()?
        };
        self.ledger.trial_started = Some(c.cmd.date);
        Ok(Next::to(verdict, DigState::InTrialRun))
    }

    fn new_issue_id(&self, id: &str, path: &str) -> Result<(), InputError> {
        roles::require_text(id, path)?;
        if self.ledger.issues.contains_key(id) {
            return Err(InputError::new(
                path,
                InputReason::UnknownId,
                format!("issue {} was already reported", crate::error::echo(id)),
            ));
        }
        Ok(())
    }

    pub(crate) fn report_issue(&mut self, p: &ReportIssue, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        self.new_issue_id(&p.issue_id, "facts.issue_id")?;
        roles::require_text(&p.description, "facts.description")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_16_3);
            j.verdict()?
        };
        self.ledger
            .issues
            .insert(p.issue_id.clone(), IssueRecord { open: true, reported_seq: c.seq, rectified_seq: None });
        Ok(Next::to(verdict, DigState::Rectification))
    }

    pub(crate) fn rectify_issue(&mut self, p: &RectifyIssue, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        if !self.ledger.issues.get(&p.issue_id).is_some_and(|i| i.open) {
            return Err(InputError::new(
                "facts.issue_id",
                InputReason::UnknownId,
                format!("no open issue {}", crate::error::echo(&p.issue_id)),
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_16_3);
            j.verdict()?
        };
        if let Some(i) = self.ledger.issues.get_mut(&p.issue_id) {
            i.open = false;
            i.rectified_seq = Some(c.seq);
        }
        // The trial run resumes once the last open issue is rectified (DIG-16.3).
        let to = if self.ledger.open_issues() == 0 { DigState::InTrialRun } else { DigState::Rectification };
        Ok(Next::to(verdict, to))
    }

    /// DIG-16.4 (soe with the bureau) and DIG-6 (the demand unit joins the completion acceptance).
    ///
    /// INTERPRETATION: DIG-6 — 会同主管部门进行项目竣工验收 is a duty of the demand unit, so the
    /// "(+ demand_unit)" of RULES.md §3.2.4 (b) is required: a missing demand unit is a violation of DIG-6.
    fn judge_acceptance_body(&self, j: &mut Judge<'_>, c: &Call<'_>) {
        self.judge_actor(j, c);
        j.require(DIG_16_4, roles::has_co_actor(c.cmd, Actor::BigdataBureau), "missing_co_actor");
        j.require(DIG_6, self.demand_unit_joins(c.cmd), "missing_co_actor");
    }

    pub(crate) fn pass_final_acceptance(
        &mut self,
        p: &PassFinalAcceptance,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_acceptance_body(&mut j, c);
            // DIG-16.3: every trial-run issue rectified before completion acceptance.
            j.require(DIG_16_3, self.ledger.open_issues() == 0, "open_issues");
            // AMB-32: `trial_run_min` days of trial run, when configured.
            if let (Some(min), Some(start)) = (self.ctx.config().trial_run_min, self.ledger.trial_started) {
                let days = (c.cmd.date - start).num_days();
                j.require(DIG_16_3, days >= i64::from(min), "trial_run_too_short");
            }
            j.verdict()?
        };
        self.ledger.final_acceptance = Some(c.cmd.date);
        Ok(Next::to(verdict, DigState::FinalAccepted))
    }

    pub(crate) fn fail_final_acceptance(
        &mut self,
        p: &FailFinalAcceptance,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        if p.issues.is_empty() {
            return Err(
                InputError::new("facts.issues", InputReason::Empty, "a failed acceptance names its issues").into()
            );
        }
        roles::unique(&p.issues, "facts.issues")?;
        for (i, id) in p.issues.iter().enumerate() {
            self.new_issue_id(id, &format!("facts.issues[{i}]"))?;
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_acceptance_body(&mut j, c);
            j.trace(DIG_16_3);
            j.verdict()?
        };
        for id in &p.issues {
            self.ledger.issues.insert(id.clone(), IssueRecord { open: true, reported_seq: c.seq, rectified_seq: None });
        }
        Ok(Next::to(verdict, DigState::Rectification))
    }

    pub(crate) fn sign_off(&mut self, p: &SignOff, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.signature_ref, "facts.signature_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_16_5);
            j.verdict()?
        };
        self.ledger.sign_off = Some(p.signature_ref.clone());
        Ok(Next::to(verdict, DigState::SignedOff))
    }

    pub(crate) fn deliver(&mut self, p: &Deliver, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        for (i, h) in p.hardware.iter().enumerate() {
            roles::require_text(&h.item, &format!("facts.hardware[{i}].item"))?;
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-16.5: delivered only after acceptance AND the demand department's signature.
            j.require(
                DIG_16_5,
                self.ledger.sign_off.is_some() && self.state == Some(DigState::SignedOff),
                "no_sign_off",
            );
            // DIG-16.6: the assets belong to the soe.
            j.require(DIG_16_6, p.asset_owner == Actor::Soe, "asset_owner");
            // DIG-19.3 / 19.1: operating-nature projects are run by the soe; others by the center —
            // RULES.md §3.4: the center's duty covers 「市级政务信息化系统」 only, so a county project's O&M
            // owner is not constrained by 19.1.
            let municipal = self.ledger.registration.as_ref().is_none_or(|r| r.level == Level::Municipal);
            if p.operating_nature {
                j.require(DIG_19_3, p.om_owner == OmOwner::Soe, "om_owner");
            } else if municipal {
                j.require(DIG_19_1, p.om_owner == OmOwner::BigdataCenter, "om_owner");
            } else {
                j.trace(DIG_19_1);
            }
            // DIG-20 (D): unified O&M covers only hardware on the center's transfer list.
            // INTERPRETATION: DIG-20 — judged only when the center takes the O&M (19.1); an operating-nature
            // project run by the soe (19.3) puts no hardware under unified O&M.
            let off_list = p.om_owner == OmOwner::BigdataCenter && p.hardware.iter().any(|h| !h.on_transfer_list);
            j.default_rule(DIG_20, !off_list, "off_list_hardware");
            j.verdict()?
        };
        self.ledger.delivery = Some(DeliveryRecord {
            asset_owner: p.asset_owner,
            om_owner: p.om_owner,
            operating_nature: p.operating_nature,
            date: c.cmd.date,
        });
        // DIG-27.1 (RULES.md §3.4): the filing duty opens at delivery, due `dig_filing_days` later,
        // unless the three filings are already on file.
        if !funding::filed_with_all(&self.ledger.final_accounts) {
            let days = chrono::Days::new(u64::from(self.ctx.config().dig_filing_days));
            let due = c.cmd.date.checked_add_days(days).unwrap_or(chrono::NaiveDate::MAX);
            self.obligations.open(c.seq, DIG_27_1, funding::FILING_DUTY, "", c.cmd.date, due);
        }
        Ok(Next::to(verdict, DigState::InOperation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::DocKind;
    use crate::digital::events::*;
    use crate::digital::testkit::*;
    use crate::event::NoFacts;
    use crate::exception::{ExceptionScope, RuleException};
    use crate::log::Command;
    use crate::outcome::{Mode, Outcome, OutcomeKind};
    use crate::rule::RuleId;

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

    fn refused(p: &mut DigitalProject, c: Command) -> Vec<(RuleId, String)> {
        let before = p.clone();
        let v = violations(p.apply(c).unwrap_err());
        assert_eq!(*p, before, "a rejected command changes nothing");
        v
    }

    fn trial() -> Command {
        cmd(NoFacts {}, Actor::DemandUnit, "2024-09-15")
    }

    fn issue(id: &str, date: &str) -> Command {
        cmd(ReportIssue { description: format!("issue {id}"), issue_id: id.into() }, Actor::DemandUnit, date)
    }

    fn rectify(id: &str, date: &str) -> Command {
        cmd(
            RectifyIssue { issue_id: id.into(), reference: r(DocKind::Evidence, &format!("整改-{id}")) },
            Actor::Soe,
            date,
        )
    }

    /// Source: DIG-16.1 — initial acceptance by the center passes only with all four checks; a failure goes back to construction (AMB-32).
    #[test]
    fn initial_acceptance_checks() {
        let mut p = at(Funding::SpecialFund, DigState::ConstructionCompleted);
        let mut checks = all_pass();
        checks.intensive_construction = CheckResult::Fail;
        let pass = cmd(PassInitialAcceptance { checks: checks.clone() }, Actor::BigdataCenter, "2024-09-10");
        assert_eq!(refused(&mut p, pass), vec![(DIG_16_1, "intensive_construction".to_string())]);
        let by_bureau = cmd(PassInitialAcceptance { checks: all_pass() }, Actor::BigdataBureau, "2024-09-10");
        assert_eq!(refused(&mut p, by_bureau), vec![(DIG_16_1, "wrong_actor".to_string())]);
        // Failing with every check passed is malformed.
        let odd = cmd(FailInitialAcceptance { checks: all_pass() }, Actor::BigdataCenter, "2024-09-10");
        assert!(matches!(p.apply(odd), Err(Error::Input(_))));
        let fail = cmd(FailInitialAcceptance { checks }, Actor::BigdataCenter, "2024-09-10");
        assert_eq!(p.apply(fail).unwrap().to, "under_construction");
        assert_eq!(p.ledger().initial_acceptance_failures, 1);
        let again = cmd(CompleteConstruction { reference: r(DocKind::Evidence, "完工2") }, Actor::Soe, "2024-10-01");
        p.apply(again).unwrap();
        let t = p.apply(cmd(PassInitialAcceptance { checks: all_pass() }, Actor::BigdataCenter, "2024-10-10")).unwrap();
        assert_eq!(t.to, "initially_accepted");
        assert!(t.outcomes.is_empty());
    }

    /// Source: DIG-16.2 — the trial run only after a passed initial acceptance; in record mode F-DIG-16.2.
    #[test]
    fn trial_run_after_initial_acceptance() {
        let mut p = at(Funding::SpecialFund, DigState::ConstructionCompleted);
        assert_eq!(refused(&mut p, trial()), vec![(DIG_16_2, "no_initial_acceptance".to_string())]);
        let t = p.apply(trial().mode(Mode::Record)).unwrap();
        assert_eq!(t.to, "in_trial_run");
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, DIG_16_2, "no_initial_acceptance")]);
        assert!(p.findings(crate::digital::testkit::d("2024-12-31")).iter().any(|f| f.code == "F-DIG-16.2"));
        // Passed in record mode despite a failed check: the trial run is still premature.
        let mut q = at(Funding::SpecialFund, DigState::ConstructionCompleted);
        let mut checks = all_pass();
        checks.other.insert("load_test".into(), CheckResult::Fail);
        let t = q
            .apply(cmd(PassInitialAcceptance { checks }, Actor::BigdataCenter, "2024-09-10").mode(Mode::Record))
            .unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, DIG_16_1, "other_check")]);
        assert_eq!(refused(&mut q, trial()), vec![(DIG_16_2, "initial_acceptance_not_passed".to_string())]);
    }

    /// Source: DIG-16.3 — issues found in the trial run are rectified before completion acceptance; the last rectification resumes the trial run.
    #[test]
    fn issue_loop() {
        let mut p = at(Funding::SpecialFund, DigState::InTrialRun);
        assert_eq!(p.apply(issue("I1", "2024-10-01")).unwrap().to, "rectification");
        assert_eq!(p.apply(issue("I2", "2024-10-02")).unwrap().to, "rectification");
        assert!(
            matches!(p.apply(issue("I2", "2024-10-03")), Err(Error::Input(ref e)) if e.reason == InputReason::UnknownId)
        );
        assert_eq!(refused(&mut p, final_acceptance("2024-10-05")), vec![(DIG_16_3, "open_issues".to_string())]);
        assert_eq!(p.apply(rectify("I1", "2024-10-10")).unwrap().to, "rectification");
        assert!(matches!(p.apply(rectify("I1", "2024-10-11")), Err(Error::Input(_))));
        assert_eq!(p.apply(rectify("I2", "2024-10-12")).unwrap().to, "in_trial_run");
        assert_eq!(p.ledger().open_issues(), 0);
        // Completion acceptance fails: its issues reopen rectification.
        let fail = cmd(FailFinalAcceptance { issues: vec!["I3".into()] }, Actor::Soe, "2024-11-01")
            .with(Actor::BigdataBureau, "")
            .with(Actor::DemandUnit, ORG);
        assert_eq!(p.apply(fail).unwrap().to, "rectification");
        p.apply(rectify("I3", "2024-11-10")).unwrap();
        assert_eq!(p.apply(final_acceptance("2024-12-01")).unwrap().to, "final_accepted");
    }

    /// Source: DIG-16.3 — with `trial_run_min` 30 days, 29 days of trial run is too short and 30 is enough (AMB-32).
    #[test]
    fn trial_run_min_boundary() {
        let ctx = ctx_with(|c| c.trial_run_min = Some(30));
        let mut p = registered_with(Funding::SpecialFund, ctx);
        drive(&mut p, Funding::SpecialFund, DigState::InTrialRun);
        // The trial run started 2024-09-15.
        assert_eq!(
            refused(&mut p, final_acceptance("2024-10-14")),
            vec![(DIG_16_3, "trial_run_too_short".to_string())]
        );
        assert_eq!(p.apply(final_acceptance("2024-10-15")).unwrap().to, "final_accepted");
    }

    /// Source: DIG-16.4 — the soe organises completion acceptance with the bureau; DIG-6 — the demand unit joins it.
    #[test]
    fn completion_acceptance_body() {
        let mut p = at(Funding::SpecialFund, DigState::InTrialRun);
        let mut c = final_acceptance("2024-12-01");
        c.co_actors.retain(|a| a.actor != Actor::BigdataBureau);
        assert_eq!(refused(&mut p, c), vec![(DIG_16_4, "missing_co_actor".to_string())]);
        let mut c = final_acceptance("2024-12-01");
        c.co_actors.retain(|a| a.actor != Actor::DemandUnit);
        assert_eq!(refused(&mut p, c), vec![(DIG_6, "missing_co_actor".to_string())]);
        let mut c = final_acceptance("2024-12-01");
        c.actor = Actor::BigdataBureau;
        assert_eq!(refused(&mut p, c), vec![(DIG_16_4, "wrong_actor".to_string())]);
    }

    /// Source: DIG-16.5 — delivery only after completion acceptance AND the demand department's signature.
    #[test]
    fn delivery_needs_sign_off() {
        let mut p = at(Funding::SpecialFund, DigState::FinalAccepted);
        let deliver = cmd(deliver_facts(), Actor::Soe, "2024-12-10");
        assert_eq!(refused(&mut p, deliver.clone()), vec![(DIG_16_5, "no_sign_off".to_string())]);
        let mut by_soe =
            cmd(SignOff { signature_ref: r(DocKind::CompletionAcceptance, "签字1") }, Actor::Soe, "2024-12-05");
        assert_eq!(refused(&mut p, by_soe.clone()), vec![(DIG_16_5, "wrong_actor".to_string())]);
        by_soe.actor = Actor::DemandUnit;
        by_soe.actor_org = ORG.into();
        p.apply(by_soe).unwrap();
        assert_eq!(p.apply(deliver).unwrap().to, "in_operation");
        // Record mode: delivered without sign-off → F-DIG-16.5.
        let mut q = at(Funding::SpecialFund, DigState::FinalAccepted);
        let t = q.apply(cmd(deliver_facts(), Actor::Soe, "2024-12-10").mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, DIG_16_5, "no_sign_off")]);
    }

    /// Source: DIG-16.6, DIG-19.1, DIG-19.3 — assets belong to the soe; the center runs O&M unless the project has an operating nature (then the soe).
    #[test]
    fn asset_and_om_owner() {
        let mut p = at(Funding::SpecialFund, DigState::SignedOff);
        let mut f = deliver_facts();
        f.asset_owner = Actor::BigdataCenter;
        assert_eq!(refused(&mut p, cmd(f, Actor::Soe, "2024-12-10")), vec![(DIG_16_6, "asset_owner".to_string())]);
        let mut f = deliver_facts();
        f.om_owner = OmOwner::Soe;
        assert_eq!(refused(&mut p, cmd(f, Actor::Soe, "2024-12-10")), vec![(DIG_19_1, "om_owner".to_string())]);
        let mut f = deliver_facts();
        f.operating_nature = true;
        assert_eq!(refused(&mut p, cmd(f.clone(), Actor::Soe, "2024-12-10")), vec![(DIG_19_3, "om_owner".to_string())]);
        f.om_owner = OmOwner::Soe;
        f.hardware[0].on_transfer_list = false;
        let t = p.apply(cmd(f, Actor::Soe, "2024-12-10")).unwrap();
        // Off-list hardware run by the soe itself is not under unified O&M: no DIG-20 breach.
        assert!(t.outcomes.is_empty());
        let rec = p.ledger().delivery.as_ref().unwrap();
        assert_eq!((rec.asset_owner, rec.om_owner), (Actor::Soe, OmOwner::Soe));
    }

    /// Source: DIG-19.1 — RULES.md §3.4: the center's O&M duty covers municipal systems (「市级政务信息化系统」) only: a
    /// county project's O&M owner is not constrained (no outcome), a municipal one is.
    #[test]
    fn county_om_not_under_19_1() {
        let mut p = crate::digital::project::DigitalProject::new(crate::Context::default());
        let mut inputs = approved_inputs(&[PID]);
        inputs.years.get_mut(&2024).unwrap().county_reviews.insert("卧龙区".into());
        p.set_cycle_inputs(inputs);
        let mut f = registration(Funding::SpecialFund);
        f.level = crate::investment::route::Level::County;
        f.county = Some("卧龙区".into());
        p.apply(cmd(f, Actor::DemandUnit, "2023-09-01")).unwrap();
        drive(&mut p, Funding::SpecialFund, DigState::SignedOff);
        let mut f = deliver_facts();
        f.om_owner = OmOwner::Soe;
        let t = p.apply(cmd(f.clone(), Actor::Soe, "2024-12-10")).unwrap();
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        assert!(t.rules.contains(&DIG_19_1));
        let mut m = at(Funding::SpecialFund, DigState::SignedOff);
        assert_eq!(refused(&mut m, cmd(f, Actor::Soe, "2024-12-10")), vec![(DIG_19_1, "om_owner".to_string())]);
    }

    /// Source: DIG-16.7 — the user keeps every management task except system O&M: O&M can only go to the center or the soe.
    #[test]
    fn om_never_with_the_user() {
        let mut p = at(Funding::SpecialFund, DigState::SignedOff);
        let json = r#"{"stream":{"machine":"dig","project_id":"D1","instance":"D1"},"event":"deliver","actor":"soe","date":"2024-12-10","facts":{"asset_owner":"soe","om_owner":"demand_unit"}}"#;
        assert!(matches!(p.apply_json(json), Err(Error::Input(ref e)) if e.reason == InputReason::UnknownValue));
    }

    /// Source: DIG-20 — hardware off the transfer list under unified O&M is a default breach unless the center recorded an exception.
    #[test]
    fn off_list_hardware() {
        let mut p = at(Funding::SpecialFund, DigState::SignedOff);
        let mut f = deliver_facts();
        f.hardware.push(HardwareItem { item: "edge gateway".into(), on_transfer_list: false });
        let mut q = p.clone();
        let t = q.apply(cmd(f.clone(), Actor::Soe, "2024-12-10")).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::DefaultBreach, DIG_20, "off_list_hardware")]);
        assert!(q.findings(crate::digital::testkit::d("2024-12-31")).iter().any(|f| f.code == "F-DIG-20"));
        let exc = RuleException {
            decision_ref: r(DocKind::Approval, "纳入运维1"),
            event: None,
            reason: "added to the list".into(),
            rule_id: DIG_20,
            scope: ExceptionScope::One,
        };
        assert_eq!(
            refused(&mut p, cmd(exc.clone(), Actor::BigdataBureau, "2024-12-06")),
            vec![(DIG_20, "wrong_authority".to_string())]
        );
        let e = p.apply(cmd(exc, Actor::BigdataCenter, "2024-12-06")).unwrap();
        let t = p.apply(cmd(f, Actor::Soe, "2024-12-10")).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(t.exceptions_used, vec![e.seq]);
    }

    /// Source: DIG-16.1 — every check must pass; each failure is named.
    #[test]
    fn initial_checks() {
        let mut checks = InitialChecks {
            content_consistency: CheckResult::Pass,
            data_resource_conformity: CheckResult::Pass,
            intensive_construction: CheckResult::Pass,
            other: Default::default(),
            security_compliance: CheckResult::Pass,
        };
        let ctx = Context::default();
        assert!(dig_initial_acceptance(InitialAcceptanceRequest { checks: checks.clone() }, &ctx).unwrap().passed);
        checks.security_compliance = CheckResult::Fail;
        checks.other.insert("performance".into(), CheckResult::Fail);
        let r = dig_initial_acceptance(InitialAcceptanceRequest { checks }, &ctx).unwrap();
        assert!(!r.passed);
        assert_eq!(r.failed, vec!["security_compliance".to_string(), "performance".to_string()]);
        assert_eq!(r.next_state, "under_construction");
        assert_eq!(r.outcomes.len(), 2);
    }
}
