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
