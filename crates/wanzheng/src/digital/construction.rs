//! Construction (宛政办〔2023〕12号 第十五条; DIG-2.2, 3.2, 3.3, 11, 15, 17.2, 18, 24.2, 25): the center's
//! supervision, the start (approved FSR or a DIG-18 decision, the builder, the soe plan, the county
//! review), completion with the security review, and the INV-55 acts (suspend, resume, stop) of
//! budget-funded projects (AMB-25, AMB-37).
//!
//! ```text
//!  fsr_approved ─start_construction─▶ under_construction ⇄ suspended ─stop─▶ stopped
//!                                          │ complete_construction
//!                                          ▼
//!                                  construction_completed
//! ```

use chrono::Datelike;

use crate::actor::Actor;
use crate::config::SecurityReviewScope;
use crate::digital::approval::judge_emergency_mode;
use crate::digital::demand::judge_emergency_add;
use crate::digital::events::{
    Builder, CompleteConstruction, DrcFilingKind, EntrustCenterSupervision, FindingRef, Funding, ResumeDig,
    SecurityReviewResult, StartDigConstruction, StopDig, SuspendDig,
};
use crate::digital::funding;
use crate::digital::lifecycle::DigState;
use crate::digital::project::{ASSESSMENT_DUTY, DigitalProject};
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason};
use crate::investment::route::Level;
use crate::machine::kernel::{Call, Next};
use crate::outcome::Judge;
use crate::rules::*;

impl DigitalProject {
    pub(crate) fn entrust(&mut self, p: &EntrustCenterSupervision, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-15.2 (AMB-45): due by complete_construction; later → finding `late`.
            j.finding(DIG_15_2, self.ledger.completed_on.is_none(), "late");
            j.verdict()?
        };
        if self.ledger.entrusted_on.is_none() {
            self.ledger.entrusted_on = Some(c.cmd.date);
        }
        Ok(Next::stay(verdict))
    }

    pub(crate) fn start_construction(
        &mut self,
        p: &StartDigConstruction,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::optional_ref(p.basis_17_2.as_ref(), "facts.basis_17_2")?;
        InputError::when(
            p.date > c.cmd.date,
            "facts.date",
            InputReason::InvalidValue,
            "the start date is after the command's date",
        )?;
        let funding = self.funding()?;
        let due = self.assessment_due(p.date)?;
        let year = self.ledger.plan_year.unwrap_or_else(|| c.cmd.date.year());
        let reg = self.ledger.registration.as_ref();
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // INTERPRETATION: DIG-15.1 — the soe builds and starts; a fund user (17.2) or a department (3.2)
            // starting construction acts as the demand unit, so builder and actor must agree.
            j.require(DIG_15_1, (p.builder == Builder::Soe) == (c.cmd.actor == Actor::Soe), "wrong_actor");
            // DF (RULES.md §3.3.1, §3.3.4): DIG `approve_fsr` accepted. DIG-15.1, 25: build per the task book
            // and the approved FSR — in every funding and every mode, DIG-18 included (25's 必须 has no
            // exception).
            // INTERPRETATION: AMB-26 (revised 2026-12) — DIG-18's 一事一议 decides the construction mode and
            // the timing (补列入); it does not replace the approved FSR. Speed comes from same-day acts.
            let df = self.ledger.approved_total.is_some();
            j.require(DIG_15_1, df, "no_approved_fsr");
            j.require(DIG_25, df, "no_approved_fsr");
            // DE: a recorded case-by-case decision holds (§4.10 `dig_emergency_ok`, both consents).
            if let Some(de) = self.emergency_mode_facts() {
                judge_emergency_mode(&mut j, &de);
            }
            // DIG-13.7: an emergency project never starts without both consents.
            if let Some(e) = &self.ledger.emergency {
                judge_emergency_add(
                    &mut j,
                    e.urgent_deployment,
                    e.sudden_event,
                    roles::consent_by(e.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata),
                    roles::consent_by(e.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor),
                );
            }
            // DIG-14.5 (AMB-31): a self-funded project is filed with the drc before it starts.
            if funding.is_self_funded() {
                j.require(DIG_14_5, self.ledger.drc_filing == Some(DrcFilingKind::Filing), "not_filed");
            }
            // DIG-24.2: soe-raised money is executed only within the approved soe investment plan.
            if funding.is_soe_raised() {
                j.require(DIG_24_2, self.cycles.soe_plan_approved(year), "plan_not_approved");
            }
            // DIG-3.3: a county's plan is implemented only after the bureau's review.
            // INTERPRETATION: DIG-3.3 — 组织实施 is judged at the start of construction of a county project,
            // against the review recorded on the cycle of the project's plan year.
            if let Some(r) = reg.filter(|r| r.level == Level::County) {
                let county = r.county.as_deref().unwrap_or_default();
                j.require(DIG_3_3, self.cycles.county_reviewed(year, county), "county_plan_not_reviewed");
            }
            // DIG-17.2: the fund user may build only with higher-level funds carrying special requirements.
            let basis = p.basis_17_2.is_some();
            if basis {
                j.require(DIG_17_2, funding == Funding::HigherLevelSpecial, "not_higher_level_special");
            }
            let basis_ok = basis && funding == Funding::HigherLevelSpecial;
            // DIG-2.2 (D): the soe implements; DIG-3.2 (D): departments do not build themselves.
            j.default_rule(DIG_2_2, p.builder == Builder::Soe || basis_ok, "builder_not_soe");
            if p.builder == Builder::Department {
                j.default_rule(DIG_3_2, basis_ok, "department_builds");
            }
            // DIG-15.2 (AMB-45): not a start condition; warn until the center is entrusted.
            j.warn(DIG_15_2, self.ledger.entrusted_on.is_some(), "not_entrusted");
            j.verdict()?
        };
        // RULES.md §3.3.7: the first accepted start hands its `facts.date` to the INV parts (INV-55.1).
        if self.ledger.construction_started.is_none()
            && let Some(parts) = self.parts.as_mut()
        {
            parts.set_dig_started(p.date);
        }
        self.ledger.construction_started = Some(p.date);
        self.ledger.builder = Some(p.builder);
        for kind in ["mlps", "crypto"] {
            self.obligations.cancel(ASSESSMENT_DUTY, kind);
            self.obligations.open(c.seq, DIG_21, ASSESSMENT_DUTY, kind, c.cmd.date, due);
        }
        Ok(Next::to(verdict, DigState::UnderConstruction))
    }

    /// Whether the project needs a network security review (DIG-11, `security_review_scope`).
    pub(crate) fn review_in_scope(&self) -> bool {
        match &self.ctx.config().security_review_scope {
            SecurityReviewScope::All => true,
            SecurityReviewScope::Kinds(kinds) => {
                self.ledger.funding().is_some_and(|f| kinds.iter().any(|k| k == f.as_str()))
            }
        }
    }

    pub(crate) fn complete_construction(
        &mut self,
        p: &CompleteConstruction,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-15.2 (AMB-45): the entrustment is due by completion.
            j.warn(DIG_15_2, self.ledger.entrusted_on.is_some(), "not_entrusted");
            // DIG-11: the cyberspace office's review, when in scope, is on record and not failed.
            if self.review_in_scope() {
                match self.ledger.security_review {
                    None => j.require(DIG_11, false, "no_security_review"),
                    Some(SecurityReviewResult::Fail) => j.require(DIG_11, false, "security_review_failed"),
                    Some(SecurityReviewResult::Pass | SecurityReviewResult::NotApplicable) => {
                        j.require(DIG_11, true, "")
                    }
                };
            } else {
                j.trace(DIG_11);
            }
            j.verdict()?
        };
        self.ledger.completed_on = Some(c.cmd.date);
        Ok(Next::to(verdict, DigState::ConstructionCompleted))
    }

    /// INV-55 acts exist only for budget-funded projects (AMB-25): refused in both modes otherwise;
    /// they carry the AMB-25 warning until the ruling is configured.
    ///
    /// INTERPRETATION: AMB-25, AMB-51 — for a self-funded project the refusal cites DIG-14.5 (such projects
    /// never use INV); for special bonds, higher-level funds with special requirements, or with
    /// `dig_budget_projects_apply_inv` off, it cites DIG-17.1 (`no_inv_parts`). Both are scope refusals.
    pub(crate) fn judge_inv55(&self, j: &mut Judge<'_>, c: &Call<'_>) -> Result<(), Error> {
        let funding = self.funding()?;
        if funding.is_self_funded() {
            j.scope(DIG_14_5, false, "self_funded");
        } else {
            j.scope(DIG_17_1, funding::inv_parts(funding, self.ctx.config()), "no_inv_parts");
        }
        self.judge_actor(j, c);
        for r in [INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6] {
            j.trace(r);
        }
        funding::warn_amb25(j, self.ctx.config());
        Ok(())
    }

    pub(crate) fn suspend(&mut self, p: &SuspendDig, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        let rule = check_finding_ref(&p.finding_ref)?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_inv55(&mut j, c)?;
            j.verdict()?
        };
        self.ledger.suspended_by = Some(c.cmd.actor);
        self.ledger.suspension_rule = Some(rule);
        Ok(Next::to(verdict, DigState::Suspended))
    }

    pub(crate) fn resume(&mut self, p: &ResumeDig, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.rectify_ref, "facts.rectify_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_inv55(&mut j, c)?;
            j.verdict()?
        };
        self.ledger.suspended_by = None;
        self.ledger.suspension_rule = None;
        Ok(Next::to(verdict, DigState::UnderConstruction))
    }

    pub(crate) fn stop(&mut self, p: &StopDig, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        check_finding_ref(&p.finding_ref)?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_inv55(&mut j, c)?;
            j.verdict()?
        };
        self.end_obligations();
        if let Some(parts) = self.parts.as_mut() {
            parts.cancel_sub_machines();
        }
        self.ledger.suspended_by = None;
        self.ledger.suspension_rule = None;
        Ok(Next::to(verdict, DigState::Stopped))
    }
}

/// An INV-55 act cites a 55.x finding `F-INV-55.<1–6>#<seq>` or a document (AMB-37); returns the
/// rule cited (a document is read as INV-55.3, as the investment machine reads it).
fn check_finding_ref(r: &FindingRef) -> Result<crate::rule::RuleId, InputError> {
    match r {
        FindingRef::Doc(d) => roles::require_ref(d, "facts.finding_ref").map(|()| INV_55_3),
        FindingRef::Code(s) => {
            let cited = s.strip_prefix("F-").and_then(|rest| rest.split_once('#')).and_then(|(id, seq)| {
                let rule = crate::rule::RuleId::lookup(id)?;
                let ok = [INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6].contains(&rule)
                    && !seq.is_empty()
                    && seq.bytes().all(|b| b.is_ascii_digit());
                ok.then_some(rule)
            });
            cited.ok_or_else(|| {
                InputError::new(
                    "facts.finding_ref",
                    InputReason::InvalidValue,
                    format!("{} is not an F-INV-55.x#seq citation", crate::error::echo(s)),
                )
            })
        }
    }
}
