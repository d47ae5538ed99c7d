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

use crate::actor::Actor;
use crate::digital::events::{
    Deliver, FailFinalAcceptance, FailInitialAcceptance, OmOwner, PassFinalAcceptance, PassInitialAcceptance,
    RectifyIssue, ReportIssue, SignOff,
};
use crate::digital::funding::{failed_checks, judge_initial_checks};
use crate::digital::ledger::{DeliveryRecord, InitialAcceptanceRecord, IssueRecord};
use crate::digital::lifecycle::DigState;
use crate::digital::project::{Call, DigitalProject};
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason};
use crate::investment::project::Step;
use crate::outcome::Judge;
use crate::rules::*;

impl DigitalProject {
    pub(crate) fn pass_initial_acceptance(&mut self, p: &PassInitialAcceptance, c: &Call<'_>) -> Result<Step, Error> {
        let (verdict, clean) = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-16.1: content consistency, data-resource conformity, intensive construction and
            // security compliance (and any further check, 等) all pass.
            let clean = judge_initial_checks(&mut j, &p.checks);
            (j.verdict()?, clean)
        };
        self.ledger.initial_acceptance = Some(InitialAcceptanceRecord { clean, date: c.cmd.date });
        self.state = Some(DigState::InitiallyAccepted);
        Ok(Step { verdict, from: c.from, to: DigState::InitiallyAccepted.as_str() })
    }

    pub(crate) fn fail_initial_acceptance(&mut self, p: &FailInitialAcceptance, c: &Call<'_>) -> Result<Step, Error> {
        if failed_checks(&p.checks).is_empty() {
            return Err(InputError::new(
                "facts.checks",
                InputReason::InvalidValue,
                "a failed initial acceptance names at least one failed check",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_16_1);
            j.verdict()?
        };
        // AMB-32: a failed initial acceptance sends the project back to construction.
        self.ledger.initial_acceptance_failures += 1;
        self.ledger.initial_acceptance = None;
        self.state = Some(DigState::UnderConstruction);
        Ok(Step { verdict, from: c.from, to: DigState::UnderConstruction.as_str() })
    }

    pub(crate) fn start_trial_run(&mut self, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(DigState::InTrialRun);
        Ok(Step { verdict, from: c.from, to: DigState::InTrialRun.as_str() })
    }

    fn new_issue_id(&self, id: &str, path: &str) -> Result<(), InputError> {
        roles::require_text(id, path)?;
        if self.ledger.issues.contains_key(id) {
            return Err(InputError::new(path, InputReason::UnknownId, format!("issue {id:?} was already reported")));
        }
        Ok(())
    }

    pub(crate) fn report_issue(&mut self, p: &ReportIssue, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(DigState::Rectification);
        Ok(Step { verdict, from: c.from, to: DigState::Rectification.as_str() })
    }

    pub(crate) fn rectify_issue(&mut self, p: &RectifyIssue, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        if !self.ledger.issues.get(&p.issue_id).is_some_and(|i| i.open) {
            return Err(InputError::new(
                "facts.issue_id",
                InputReason::UnknownId,
                format!("no open issue {:?}", p.issue_id),
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
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    /// DIG-16.4 (soe with the bureau) and DIG-6 (the demand unit joins the completion acceptance).
    fn judge_acceptance_body(&self, j: &mut Judge<'_>, c: &Call<'_>) {
        self.judge_actor(j, c);
        j.require(DIG_16_4, roles::has_co_actor(c.cmd, Actor::BigdataBureau), "missing_co_actor");
        j.require(DIG_6, self.demand_unit_joins(c.cmd), "missing_co_actor");
    }

    pub(crate) fn pass_final_acceptance(&mut self, p: &PassFinalAcceptance, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(DigState::FinalAccepted);
        Ok(Step { verdict, from: c.from, to: DigState::FinalAccepted.as_str() })
    }

    pub(crate) fn fail_final_acceptance(&mut self, p: &FailFinalAcceptance, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(DigState::Rectification);
        Ok(Step { verdict, from: c.from, to: DigState::Rectification.as_str() })
    }

    pub(crate) fn sign_off(&mut self, p: &SignOff, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.signature_ref, "facts.signature_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_16_5);
            j.verdict()?
        };
        self.ledger.sign_off = Some(p.signature_ref.clone());
        self.state = Some(DigState::SignedOff);
        Ok(Step { verdict, from: c.from, to: DigState::SignedOff.as_str() })
    }

    pub(crate) fn deliver(&mut self, p: &Deliver, c: &Call<'_>) -> Result<Step, Error> {
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
            // DIG-19.3 / 19.1: operating-nature projects are run by the soe; others by the center.
            if p.operating_nature {
                j.require(DIG_19_3, p.om_owner == OmOwner::Soe, "om_owner");
            } else {
                j.require(DIG_19_1, p.om_owner == OmOwner::BigdataCenter, "om_owner");
            }
            // DIG-20 (D): unified O&M covers only hardware on the center's transfer list.
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
        self.state = Some(DigState::InOperation);
        Ok(Step { verdict, from: c.from, to: DigState::InOperation.as_str() })
    }
}
