//! The approval chain and case-by-case implementation (宛政办〔2023〕12号 第十四条, 第十八条;
//! DIG-14.1 to 14.5, 18): the proposed list, the confirmed demand, the FSR compiled, cleared by the
//! center and approved by the bureau, the drc filing of self-funded projects, the DIG-18 decision,
//! and their §4.10 decision functions (`dig_approval_path`, `dig_emergency_ok`).
//!
//! ```text
//!  tasked ─form_proposed_list─▶ listed ─confirm_demand─▶ demand_confirmed ─compile_fsr─▶ fsr_drafted
//!                                                          ▲ refuse / refuse_fsr            │ center_review_fsr {consent}
//!                                                          │                                ▼
//!                                                   fsr_approved ◀─approve_fsr─ fsr_center_cleared
//! ```

use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::config::Context;
use crate::digital::cycle::construction_mode_ok;
use crate::digital::events::{
    ApproveDigFsr, CenterDecision, CenterReviewFsr, CompileFsr, ConfirmDemand, DecideEmergencyMode, DrcFilingKind,
    FileWithDrc, FormProposedList, Funding, RefuseFsr,
};
use crate::digital::funding;
use crate::digital::ledger::EmergencyModeRecord;
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason};
use crate::machine::kernel::{Call, Next};
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;

pub use crate::joint::{EmergencyModeFacts, judge_emergency_18, judge_emergency_mode};

/// Request of [`dig_emergency_ok`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyRequest {
    /// The city leader in charge of big data consented.
    pub consent_leader_bigdata: bool,
    /// The executive vice-mayor consented.
    pub consent_vice_mayor: bool,
    /// 有明确的时间节点和考核要求.
    #[serde(default)]
    pub deadline_and_assessment: bool,
    /// 涉及突发事件.
    #[serde(default)]
    pub sudden_event: bool,
    /// 紧急部署.
    #[serde(default)]
    pub urgent_deployment: bool,
}

/// Result of [`dig_emergency_ok`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EmergencyDecision {
    /// Case-by-case implementation (一事一议) allowed.
    pub ok: bool,
    /// The DIG-18 category holds: (urgent_deployment ∧ deadline_and_assessment) ∨ sudden_event.
    pub category_18: bool,
    /// The DIG-13.7 category holds (the project may be added, then follows DIG-14 unless `ok`; AMB-26).
    pub addable_13_7: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Violations of DIG-18.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_emergency_ok` = ((urgent_deployment ∧ deadline_and_assessment) ∨ sudden_event) ∧ both
/// consents (DIG-18).
///
/// # Errors
/// None besides the request's own shape.
///
/// # Example
/// ```
/// use wanzheng::digital::approval::{dig_emergency_ok, EmergencyRequest};
/// let urgent_no_deadline = EmergencyRequest { consent_leader_bigdata: true, consent_vice_mayor: true,
///     deadline_and_assessment: false, sudden_event: false, urgent_deployment: true };
/// let d = dig_emergency_ok(urgent_no_deadline, &Default::default()).unwrap();
/// assert!(!d.ok && d.addable_13_7);
/// ```
pub fn dig_emergency_ok(req: EmergencyRequest, _ctx: &Context) -> Result<EmergencyDecision, Error> {
    let mut j = Judge::pure();
    let ok = judge_emergency_18(
        &mut j,
        req.urgent_deployment,
        req.deadline_and_assessment,
        req.sudden_event,
        req.consent_leader_bigdata,
        req.consent_vice_mayor,
    );
    let (rules, outcomes) = j.into_parts();
    Ok(EmergencyDecision {
        ok,
        category_18: (req.urgent_deployment && req.deadline_and_assessment) || req.sudden_event,
        addable_13_7: req.urgent_deployment || req.sudden_event,
        rules,
        outcomes,
    })
}

/// Request of [`dig_approval_path`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalPathRequest {
    /// The project's funding.
    pub funding: Funding,
}

/// The drc's part in a DIG project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DrcRole {
    /// 项目备案 as an enterprise investment (DIG-14.5).
    Filing,
    /// No drc act (the bureau approves, DIG-14.4).
    None,
}

/// Result of [`dig_approval_path`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApprovalPath {
    /// The funding.
    pub funding: Funding,
    /// Who approves the FSR: always the bureau (DIG-14.4).
    pub fsr_approver: Actor,
    /// The big data center's consent comes first (DIG-14.4).
    pub center_consent_first: bool,
    /// The drc's part: filing (DIG-14.5) or none.
    pub drc: DrcRole,
    /// Who organises implementation: the bureau for government-funded projects (DIG-17.1), else the soe.
    pub organiser: Actor,
    /// The fund user may build (DIG-17.2).
    pub fund_user_may_build: bool,
    /// Funded by the special fund (DIG-17.1, 24.1).
    pub special_fund: bool,
    /// The INV parts apply (AMB-25, `dig_inv_parts`).
    pub inv_parts: bool,
    /// A dedicated account is required (DIG-26.2).
    pub dedicated_account: bool,
    /// Executed within the municipal-approved soe investment plan (DIG-24.2).
    pub soe_investment_plan: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// AMB-25 warning when the INV parts apply without a ruling.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_approval_path(funding)`: the FSR is approved by the bureau after the center's consent
/// (DIG-14.4); soe_self and market → drc filing, no approval (14.5, AMB-51); special_fund,
/// higher_level → the bureau organises (17.1) and the INV parts apply (AMB-25);
/// higher_level_special → the fund user may build (17.2); special_bond → no drc filing, dedicated
/// account (26.2), soe investment plan (24.2), no INV parts (AMB-51).
///
/// # Errors
/// None besides the request's own shape.
pub fn dig_approval_path(req: ApprovalPathRequest, ctx: &Context) -> Result<ApprovalPath, Error> {
    let f = req.funding;
    let mut j = Judge::pure();
    j.trace(DIG_14_4);
    match f {
        Funding::SoeSelf | Funding::Market => {
            j.trace(DIG_14_5);
            j.trace(DIG_24_2);
        }
        Funding::SpecialFund | Funding::HigherLevel => j.trace(DIG_17_1),
        Funding::HigherLevelSpecial => {
            j.trace(DIG_17_1);
            j.trace(DIG_17_2);
        }
        Funding::SpecialBond => {
            j.trace(DIG_26_2);
            j.trace(DIG_24_2);
        }
    }
    let parts = funding::inv_parts(f, ctx.config());
    if parts {
        funding::warn_amb25(&mut j, ctx.config());
    }
    let (rules, outcomes) = j.into_parts();
    let government = matches!(f, Funding::SpecialFund | Funding::HigherLevel | Funding::HigherLevelSpecial);
    Ok(ApprovalPath {
        funding: f,
        fsr_approver: Actor::BigdataBureau,
        center_consent_first: true,
        drc: if f.is_self_funded() { DrcRole::Filing } else { DrcRole::None },
        organiser: if government { Actor::BigdataBureau } else { Actor::Soe },
        fund_user_may_build: f == Funding::HigherLevelSpecial,
        special_fund: matches!(f, Funding::SpecialFund | Funding::HigherLevel),
        inv_parts: parts,
        dedicated_account: f == Funding::SpecialBond,
        soe_investment_plan: f.is_soe_raised(),
        rules,
        outcomes,
    })
}

impl DigitalProject {
    pub(crate) fn decide_emergency_mode(
        &mut self,
        p: &DecideEmergencyMode,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::optional_ref(p.consent_leader_bigdata.as_ref(), "facts.consent_leader_bigdata")?;
        roles::optional_ref(p.consent_vice_mayor.as_ref(), "facts.consent_vice_mayor")?;
        let funding = self.funding()?;
        let leader = roles::consent_by(p.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata);
        let vice = roles::consent_by(p.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor);
        let (urgent, sudden) =
            self.ledger.emergency.as_ref().map(|e| (e.urgent_deployment, e.sudden_event)).unwrap_or((false, false));
        let (verdict, ok) = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-18: 在补列入年度计划的基础上 — only for projects added under DIG-13.7.
            let added = j.require(DIG_18, self.ledger.is_emergency(), "not_added");
            let ok18 = judge_emergency_18(&mut j, urgent, p.deadline_and_assessment, sudden, leader, vice);
            j.require(DIG_5, construction_mode_ok(p.construction_mode, funding), "construction_mode");
            (j.verdict()?, added && ok18)
        };
        self.ledger.emergency_mode = Some(EmergencyModeRecord {
            deadline_and_assessment: p.deadline_and_assessment,
            construction_mode: p.construction_mode,
            consent_leader_bigdata: p.consent_leader_bigdata.clone(),
            consent_vice_mayor: p.consent_vice_mayor.clone(),
            ok,
        });
        Ok(Next::stay(verdict))
    }

    pub(crate) fn form_proposed_list(&mut self, p: &FormProposedList, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.list_ref, "facts.list_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-14.1: the soe together with the big data center.
            j.require(DIG_14_1, roles::has_co_actor(c.cmd, Actor::BigdataCenter), "missing_co_actor");
            j.verdict()?
        };
        self.ledger.proposed_list = Some(p.list_ref.clone());
        Ok(Next::to(verdict, DigState::Listed))
    }

    pub(crate) fn confirm_demand(&mut self, p: &ConfirmDemand, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.written_ref, "facts.written_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_2);
            j.verdict()?
        };
        self.ledger.demand_confirmation = Some(p.written_ref.clone());
        Ok(Next::to(verdict, DigState::DemandConfirmed))
    }

    pub(crate) fn compile_fsr(&mut self, p: &CompileFsr, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.fsr_ref, "facts.fsr_ref")?;
        let funding = self.funding()?;
        // INTERPRETATION: AMB-25 — the funding fixed at registration decides the regime (INV parts or
        // not) for the whole project; an FSR with another funding is inconsistent input (withdraw and
        // register again).
        if p.funding != funding {
            return Err(InputError::new(
                "facts.funding",
                InputReason::InvalidValue,
                format!("the FSR's funding {} differs from the registered {}", p.funding.as_str(), funding.as_str()),
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-14.2: only after the demand unit's written confirmation.
            j.require(DIG_14_2, self.state == Some(DigState::DemandConfirmed), "no_written_confirmation");
            // DIG-14.3, 6: the soe compiles the FSR together with the demand unit.
            j.require(DIG_14_3, self.demand_unit_joins(c.cmd), "missing_co_actor");
            j.trace(DIG_6);
            j.trace(DIG_25);
            j.verdict()?
        };
        self.ledger.fsr = Some(p.fsr_ref.clone());
        self.ledger.fsr_total = Some(p.total);
        self.ledger.center_consent = false;
        Ok(Next::to(verdict, DigState::FsrDrafted))
    }

    pub(crate) fn center_review_fsr(&mut self, p: &CenterReviewFsr, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        if p.decision == CenterDecision::Refuse {
            roles::require_text(p.reasons.as_deref().unwrap_or_default(), "facts.reasons")?;
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_4);
            j.verdict()?
        };
        let to = match p.decision {
            CenterDecision::Consent => {
                self.ledger.center_consent = true;
                DigState::FsrCenterCleared
            }
            CenterDecision::Refuse => {
                self.ledger.center_consent = false;
                DigState::DemandConfirmed
            }
        };
        Ok(Next::to(verdict, to))
    }

    pub(crate) fn approve_fsr(&mut self, p: &ApproveDigFsr, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-14.4: the bureau approves only after the center's consent.
            j.require(DIG_14_4, self.state == Some(DigState::FsrCenterCleared), "no_center_consent");
            j.trace(DIG_5);
            j.verdict()?
        };
        // AMB-25: the approved FSR total is A = A0 of the INV parts.
        self.ledger.approved_total = Some(p.total);
        if let Some(parts) = self.parts.as_mut() {
            parts.set_dig_fsr_total(p.total);
            // RULES.md §3.3.7: the approval date starts the INV-55.6 clock of the parts.
            parts.set_dig_approved_on(c.cmd.date);
        }
        self.ledger.approval = Some(p.reference.clone());
        Ok(Next::to(verdict, DigState::FsrApproved))
    }

    pub(crate) fn refuse_fsr(&mut self, p: &RefuseFsr, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::require_text(&p.reasons, "facts.reasons")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_4);
            j.verdict()?
        };
        self.ledger.center_consent = false;
        Ok(Next::to(verdict, DigState::DemandConfirmed))
    }

    pub(crate) fn file_with_drc(&mut self, p: &FileWithDrc, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let funding = self.funding()?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_5);
            // INTERPRETATION: AMB-25 — a budget-funded project's approval request to the drc contradicts
            // DIG-14.4 (the bureau approves); DIG-14.5 covers the self-funded case.
            if p.kind == DrcFilingKind::ApprovalRequest {
                // DIG-14.5: self-funded projects are filed, never sent to the drc for approval; other
                // projects are approved by the bureau (DIG-14.4, AMB-25).
                if funding.is_self_funded() {
                    j.require(DIG_14_5, false, "approval_request");
                } else {
                    j.require(DIG_14_4, false, "approval_request");
                }
            }
            j.verdict()?
        };
        if p.kind == DrcFilingKind::Filing {
            self.ledger.drc_filing = Some(DrcFilingKind::Filing);
        }
        Ok(Next::stay(verdict))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: DIG-18 — §4.10 examples: urgent + deadline, one consent → false; sudden, both → true; urgent without deadline, both → false (addable).
    #[test]
    fn emergency_18() {
        let ctx = Context::default();
        let go = |u, dl, s, a, b| {
            dig_emergency_ok(
                EmergencyRequest {
                    consent_leader_bigdata: a,
                    consent_vice_mayor: b,
                    deadline_and_assessment: dl,
                    sudden_event: s,
                    urgent_deployment: u,
                },
                &ctx,
            )
            .unwrap()
        };
        let r = go(true, true, false, true, false);
        assert!(!r.ok && r.category_18);
        assert_eq!(r.outcomes[0].detail, "no_consent_vice_mayor");
        assert!(go(false, false, true, true, true).ok);
        let r = go(true, false, false, true, true);
        assert!(!r.ok && r.addable_13_7 && !r.category_18);
    }

    /// Source: DIG-14.5 — soe_self and market are filed with the drc; special bonds are not (AMB-51); DIG-17.1 budget projects carry the INV parts.
    #[test]
    fn approval_paths() {
        let ctx = Context::default();
        let path = |f| dig_approval_path(ApprovalPathRequest { funding: f }, &ctx).unwrap();
        assert_eq!(path(Funding::SoeSelf).drc, DrcRole::Filing);
        assert_eq!(path(Funding::Market).drc, DrcRole::Filing);
        let b = path(Funding::SpecialBond);
        assert_eq!(b.drc, DrcRole::None);
        assert!(b.dedicated_account && b.soe_investment_plan && !b.inv_parts);
        let s = path(Funding::SpecialFund);
        assert!(s.inv_parts && s.special_fund);
        assert_eq!(s.outcomes[0].rule, DIG_32);
        assert_eq!(s.organiser, Actor::BigdataBureau);
        assert!(path(Funding::HigherLevelSpecial).fund_user_may_build);
        assert_eq!(path(Funding::HigherLevel).fsr_approver, Actor::BigdataBureau);
    }
}
