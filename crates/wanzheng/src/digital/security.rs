//! Security (宛政办〔2023〕12号 第十一条, 第二十一条): the cyberspace office's network security review
//! (DIG-11, `security_review_scope`) and the soe's periodic MLPS and cryptography assessments
//! (DIG-21, `assessment_period`).
//!
//! INTERPRETATION: AMB-28, AMB-46 — 定期 is `assessment_period` months (12). The clock of each
//! assessment type starts at `start_construction` (the soe's duty covers design, construction and
//! O&M): the first assessment is due `assessment_period` months after the start date, each
//! assessment sets the next due date `assessment_period` months after itself. A late assessment is
//! accepted with finding DIG-21 `late`; one never done is found as overdue by `findings(as_of)`.
//!
//! RULES.md §3.4: an assessment discharges the periodic duty whatever its `result`; a `fail` is
//! warning DIG-21 `assessment_failed` and opens a rectification duty, due `rectification_days`
//! (90) after it and discharged by a later `pass` of the same type; overdue → F-DIG-21
//! `not_rectified`.

use crate::digital::events::{CheckResult, RecordSecurityAssessment, RecordSecurityReview};
use crate::digital::lifecycle::DigState;
use crate::digital::project::{ASSESSMENT_DUTY, DigitalProject, RECTIFICATION_DUTY};
use crate::digital::roles;
use crate::error::Error;
use crate::machine::kernel::{Call, Next};
use crate::rules::*;

impl DigitalProject {
    pub(crate) fn record_security_review(
        &mut self,
        p: &RecordSecurityReview,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_11);
            j.verdict()?
        };
        self.ledger.security_review = Some(p.result);
        Ok(Next::stay(verdict))
    }

    pub(crate) fn record_security_assessment(
        &mut self,
        p: &RecordSecurityAssessment,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let kind = p.kind.as_str();
        let next_due = self.assessment_due(c.cmd.date)?;
        let passed = p.result == CheckResult::Pass;
        let rectification = self.obligations.find_open(RECTIFICATION_DUTY, kind).map(|o| o.due);
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-21: 定期 — on time when on or before the due date (inclusive). RULES.md §3.4: 「定期开展」
            // is met by conducting the assessment, so a failed one discharges the periodic duty too.
            let on_time = self.obligations.find_open(ASSESSMENT_DUTY, kind).is_none_or(|o| c.cmd.date <= o.due);
            j.finding(DIG_21, on_time, "late");
            // A fail: warning, and a rectification duty (a passing assessment of the same type within
            // `rectification_days`); a pass after that day is accepted with `not_rectified`.
            j.warn(DIG_21, passed, "assessment_failed");
            if passed {
                j.finding(DIG_21, rectification.is_none_or(|due| c.cmd.date <= due), "not_rectified");
            }
            j.verdict()?
        };
        self.obligations.close(ASSESSMENT_DUTY, kind, c.seq, c.cmd.date);
        self.obligations.open(c.seq, DIG_21, ASSESSMENT_DUTY, kind, c.cmd.date, next_due);
        if passed {
            self.obligations.close(RECTIFICATION_DUTY, kind, c.seq, c.cmd.date);
        } else if rectification.is_none() {
            // INTERPRETATION: DIG-21 — 90 days is the configured reading (§3.4 [interp]); a second fail
            // does not restart the clock of the first.
            let days = chrono::Days::new(u64::from(self.ctx.config().rectification_days));
            let due = c.cmd.date.checked_add_days(days).unwrap_or(chrono::NaiveDate::MAX);
            self.obligations.open(c.seq, DIG_21, RECTIFICATION_DUTY, kind, c.cmd.date, due);
        }
        self.ledger.last_assessment.insert(p.kind, c.cmd.date);
        Ok(Next::stay(verdict))
    }
}

#[cfg(test)]
mod tests {
    use crate::actor::{Actor, DocKind};
    use crate::digital::events::*;
    use crate::digital::lifecycle::DigState;
    use crate::digital::testkit::*;
    use crate::outcome::{Outcome, OutcomeKind};
    use crate::rules::*;

    fn assess(kind: AssessmentType, date: &str) -> crate::log::Command {
        cmd(
            RecordSecurityAssessment {
                reference: r(DocKind::MlpsAssessment, "测评"), result: CheckResult::Pass, kind
            },
            Actor::Soe,
            date,
        )
    }

    /// Source: DIG-21 — the first assessments are due `assessment_period` (12) months after the start: the due day is on time, the next day late; never done → overdue.
    #[test]
    fn assessment_period_boundary() {
        let p = at(Funding::SpecialFund, DigState::UnderConstruction);
        // Started 2024-03-10: both duties due 2025-03-10.
        let open = p.obligations(d("2025-03-10"));
        assert_eq!(open.len(), 2);
        assert!(open.iter().all(|o| o.obligation.due == d("2025-03-10") && !o.overdue));
        assert!(p.findings(d("2025-03-10")).iter().all(|f| f.code != "F-DIG-21"));
        let f = p.findings(d("2025-03-11"));
        assert_eq!(f.iter().filter(|f| f.code == "F-DIG-21" && f.detail == "overdue").count(), 2);

        let mut q = p.clone();
        let t = q.apply(assess(AssessmentType::Mlps, "2025-03-10")).unwrap();
        assert!(t.outcomes.is_empty());
        let t = q.apply(assess(AssessmentType::Crypto, "2025-03-11")).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, DIG_21, "late")]);
        // Each assessment sets the next due date one period later.
        let dues: Vec<_> =
            q.obligations(d("2025-04-01")).into_iter().map(|o| (o.obligation.subject, o.obligation.due)).collect();
        assert_eq!(dues, vec![("mlps".to_string(), d("2026-03-10")), ("crypto".to_string(), d("2026-03-11"))]);
    }

    fn result_of(kind: AssessmentType, result: CheckResult, date: &str) -> crate::log::Command {
        cmd(RecordSecurityAssessment { reference: r(DocKind::MlpsAssessment, "测评"), result, kind }, Actor::Soe, date)
    }

    fn not_rectified(p: &crate::digital::project::DigitalProject, as_of: &str) -> Vec<String> {
        p.findings(d(as_of))
            .into_iter()
            .filter(|f| f.code == "F-DIG-21" && f.detail != "overdue")
            .map(|f| f.detail.to_string())
            .collect()
    }

    /// Source: DIG-21 — RULES.md §3.4: a failed assessment discharges the periodic duty (「定期开展」 is met by conducting
    /// it) with warning `assessment_failed` and opens a rectification duty due `rectification_days` (90) later: failed
    /// 2024-06-01, due 2024-08-30 — a pass of the same type that day is on time; overdue from 2024-08-31 → F-DIG-21
    /// `not_rectified`; a pass the day after is accepted with finding `not_rectified`; the other type does not discharge it.
    #[test]
    fn failed_assessment_opens_rectification() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        let t = p.apply(result_of(AssessmentType::Mlps, CheckResult::Fail, "2024-06-01")).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Warning, DIG_21, "assessment_failed")]);
        let open: Vec<_> = p
            .obligations(d("2024-06-02"))
            .into_iter()
            .map(|o| (o.obligation.duty.to_string(), o.obligation.subject, o.obligation.due))
            .collect();
        assert!(open.contains(&("security_assessment".into(), "mlps".into(), d("2025-06-01"))), "{open:?}");
        assert!(open.contains(&("security_rectification".into(), "mlps".into(), d("2024-08-30"))), "{open:?}");
        // A second fail keeps the first clock.
        p.apply(result_of(AssessmentType::Mlps, CheckResult::Fail, "2024-07-01")).unwrap();
        // The other type's pass does not rectify the MLPS failure.
        assert!(
            p.apply(result_of(AssessmentType::Crypto, CheckResult::Pass, "2024-07-02")).unwrap().outcomes.is_empty()
        );
        assert!(not_rectified(&p, "2024-08-30").is_empty());
        assert_eq!(not_rectified(&p, "2024-08-31"), vec!["not_rectified".to_string()]);
        let mut on_time = p.clone();
        assert!(
            on_time
                .apply(result_of(AssessmentType::Mlps, CheckResult::Pass, "2024-08-30"))
                .unwrap()
                .outcomes
                .is_empty()
        );
        assert!(not_rectified(&on_time, "2025-01-01").is_empty());
        let t = p.apply(result_of(AssessmentType::Mlps, CheckResult::Pass, "2024-08-31")).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, DIG_21, "not_rectified")]);
        assert_eq!(not_rectified(&p, "2025-01-01"), vec!["not_rectified".to_string()]);
        // The configured period.
        let ctx = ctx_with(|c| c.rectification_days = 30);
        let mut q = registered_with(Funding::SoeSelf, ctx);
        drive(&mut q, Funding::SoeSelf, DigState::UnderConstruction);
        q.apply(result_of(AssessmentType::Crypto, CheckResult::Fail, "2024-06-01")).unwrap();
        assert!(
            q.obligations(d("2024-06-02"))
                .iter()
                .any(|o| o.obligation.duty == "security_rectification" && o.obligation.due == d("2024-07-01"))
        );
    }

    /// Source: DIG-21 — the period is configurable (`assessment_period` months); the soe records the assessments.
    #[test]
    fn configurable_period() {
        let ctx = ctx_with(|c| c.assessment_period = 6);
        let mut p = registered_with(Funding::SoeSelf, ctx);
        drive(&mut p, Funding::SoeSelf, DigState::UnderConstruction);
        assert!(p.obligations(d("2024-09-10")).iter().all(|o| o.obligation.due == d("2024-09-10")));
        let mut by_center = assess(AssessmentType::Mlps, "2024-09-01");
        by_center.actor = Actor::BigdataCenter;
        let before = p.clone();
        assert!(matches!(p.apply(by_center), Err(crate::Error::Rule(ref v)) if v.rule_id() == Some(DIG_21)));
        assert_eq!(p, before);
        // Assessments continue after delivery (in_operation takes them).
        drive(&mut p, Funding::SoeSelf, DigState::InOperation);
        assert!(p.apply(assess(AssessmentType::Mlps, "2025-01-05")).is_ok());
    }
}
