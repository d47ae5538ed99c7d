//! Security (宛政办〔2023〕12号 第十一条, 第二十一条): the cyberspace office's network security review
//! (DIG-11, `security_review_scope`) and the soe's periodic MLPS and cryptography assessments
//! (DIG-21, `assessment_period`).
//!
//! INTERPRETATION: AMB-28, AMB-46 — 定期 is `assessment_period` months (12). The clock of each
//! assessment type starts at `start_construction` (the soe's duty covers design, construction and
//! O&M): the first assessment is due `assessment_period` months after the start date, each
//! assessment sets the next due date `assessment_period` months after itself. A late assessment is
//! accepted with finding DIG-21 `late`; one never done is found as overdue by `findings(as_of)`.

use crate::digital::events::{RecordSecurityAssessment, RecordSecurityReview};
use crate::digital::project::{ASSESSMENT_DUTY, Call, DigitalProject};
use crate::digital::roles;
use crate::error::Error;
use crate::investment::project::Step;
use crate::rules::*;

impl DigitalProject {
    pub(crate) fn record_security_review(&mut self, p: &RecordSecurityReview, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_11);
            j.verdict()?
        };
        self.ledger.security_review = Some(p.result);
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    pub(crate) fn record_security_assessment(
        &mut self,
        p: &RecordSecurityAssessment,
        c: &Call<'_>,
    ) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let kind = p.kind.as_str();
        let next_due = self.assessment_due(c.cmd.date)?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-21: 定期 — on time when on or before the due date (inclusive).
            let on_time = self.obligations.find_open(ASSESSMENT_DUTY, kind).is_none_or(|o| c.cmd.date <= o.due);
            j.finding(DIG_21, on_time, "late");
            j.verdict()?
        };
        self.obligations.close(ASSESSMENT_DUTY, kind, c.seq, c.cmd.date);
        self.obligations.open(c.seq, DIG_21, ASSESSMENT_DUTY, kind, c.cmd.date, next_due);
        self.ledger.last_assessment.insert(p.kind, c.cmd.date);
        Ok(Step { verdict, from: c.from, to: c.from })
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
