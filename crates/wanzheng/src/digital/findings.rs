//! DIG compliance findings (RULES.md §5) and the acts that feed them: `evaluate` (DIG-29; the §5
//! source of F-DIG-15.1 and F-DIG-25) and `record_manual_finding`.
//!
//! | Code | Source |
//! |---|---|
//! | F-DIG-3.2, 2.2, 13.7, 20 | stored `default_breach` (no exception recorded) |
//! | F-DIG-13.1 | stored finding `early` / `late` (cycle) |
//! | F-DIG-3.3, 11, 13.3, 13.4, 13.5, 13.7, 14.2, 14.4, 14.5, 16.1, 16.2, 16.3, 16.5, 16.6, 18, 24.2, 26.2 | record-mode violations stored as findings |
//! | F-DIG-15.1, F-DIG-25 | `evaluate` with result `deviates_from_fsr`; record-mode start without approved FSR |
//! | F-DIG-15.2 | detected: no entrustment of the center by `complete_construction`; late entrustment |
//! | F-DIG-21 | overdue MLPS / cryptography assessment (obligations), late assessment; `not_rectified`: no passing assessment within `rectification_days` of a failed one (RULES.md §3.4) |
//! | F-DIG-27.1 | `filing_incomplete`: the final accounts not on file with all three bodies `dig_filing_days` after delivery; `late` (RULES.md §3.4) |
//! | F-INV-57 | broken hash chain |
//! | F-INV-55.1 | `start_conditions_not_met`: a record-mode start with failed DIG-15.1/25/18 guards on a budget-funded project (RULES.md §3.3.7) |
//! | F-INV-* | the INV parts of a budget-funded project (AMB-25): stored outcomes, lifecycle and sub-machine detections, overdue INV deadlines; none for acts before 2023-06-01 (INV-60) |
//! | any | `record_manual_finding` |

use chrono::NaiveDate;

use crate::digital::events::{DigEvent, Evaluate, EvaluationResult, RecordManualFinding};
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles;
use crate::error::Error;
use crate::event::Event;
use crate::finding::{self, Finding, FindingSource};
use crate::machine::kernel::{Call, Next};
use crate::outcome::OutcomeKind;
use crate::rule::Regulation;
use crate::rules::*;

/// Every finding of a digital project as of `as_of` (see the module table).
pub(crate) fn project_findings(p: &DigitalProject, as_of: NaiveDate) -> Vec<Finding> {
    let entries = p.log.entries();
    let mut out = Vec::new();
    crate::journal::chain_finding(&p.log, as_of, &mut out);
    out.extend(finding::stored(entries, as_of));
    for e in entries.iter().filter(|e| e.date() <= as_of) {
        if let Event::Dig(DigEvent::RecordManualFinding(m)) = &e.event() {
            out.push(Finding::new(
                m.rule_id,
                OutcomeKind::Finding,
                m.detail.clone(),
                vec![e.seq()],
                e.date(),
                FindingSource::Manual,
            ));
        }
    }
    // F-DIG-15.2: no entrustment of the center by completion (AMB-45).
    let completion = entries
        .iter()
        .find(|e| e.date() <= as_of && matches!(&e.event(), Event::Dig(DigEvent::CompleteConstruction(_))));
    if let Some(done) = completion {
        let entrusted_before = entries
            .iter()
            .any(|e| e.seq() < done.seq() && matches!(&e.event(), Event::Dig(DigEvent::EntrustCenterSupervision(_))));
        if !entrusted_before {
            out.push(Finding::new(
                DIG_15_2,
                OutcomeKind::Finding,
                "not_entrusted",
                vec![done.seq()],
                done.date(),
                FindingSource::Detected,
            ));
        }
    }
    // The INV parts' detections over the same chain (AMB-25).
    if let Some(parts) = &p.parts {
        let mut inv = Vec::new();
        parts.lifecycle_findings(as_of, &mut inv);
        parts.submachine_findings(as_of, &mut inv);
        // INV-60 on DIG parts (RULES.md §3.4): acts dated before 2023-06-01 get no INV outcome.
        inv.retain(|f| f.rule.regulation() != Regulation::Investment || crate::investment::inv_applies(f.date));
        out.extend(inv);
        // F-INV-55.1 `start_conditions_not_met` (RULES.md §3.3.7): a record-mode DIG start with failed
        // DIG-15.1/25/18 guards is 「未经批准…开工建设」 for a budget-funded project.
        for e in entries.iter().filter(|e| e.date() <= as_of && crate::investment::inv_applies(e.date())) {
            if matches!(&e.event(), Event::Dig(DigEvent::StartConstruction(_)))
                && e.outcomes()
                    .iter()
                    .any(|o| o.kind == OutcomeKind::Finding && [DIG_15_1, DIG_25, DIG_18].contains(&o.rule))
            {
                out.push(Finding::new(
                    INV_55_1,
                    OutcomeKind::Finding,
                    "start_conditions_not_met",
                    vec![e.seq()],
                    e.date(),
                    FindingSource::Detected,
                ));
            }
        }
    }
    // Deadline acts never done (DIG-21 assessments; the INV parts' deadlines).
    for o in p.obligations(as_of).into_iter().filter(|o| o.overdue) {
        let (rule, seqs, due) = (o.obligation.rule, vec![o.obligation.opened_seq], o.obligation.due);
        let overdue = FindingSource::Overdue;
        // RULES.md §3.4: the DIG-27.1 filing and the DIG-21 rectification name what is missing.
        out.push(match o.obligation.duty.as_ref() {
            crate::digital::funding::FILING_DUTY => {
                Finding::new(rule, OutcomeKind::Finding, "filing_incomplete", seqs, due, overdue)
            }
            crate::digital::project::RECTIFICATION_DUTY => {
                Finding::new(rule, OutcomeKind::Finding, "not_rectified", seqs, due, overdue)
            }
            _ => Finding::new(rule, OutcomeKind::Finding, "overdue", seqs, due, overdue),
        });
    }
    out
}

impl DigitalProject {
    pub(crate) fn evaluate(&mut self, p: &Evaluate, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        for (i, r) in p.rectification_refs.iter().enumerate() {
            roles::require_ref(r, &format!("facts.rectification_refs[{i}]"))?;
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_29);
            // RULES.md §5: an evaluation finding construction off the task book or the approved FSR
            // is the source of F-DIG-15.1 and F-DIG-25.
            let deviates = p.result == EvaluationResult::DeviatesFromFsr;
            j.finding(DIG_15_1, !deviates, "deviates_from_fsr");
            j.finding(DIG_25, !deviates, "deviates_from_fsr");
            j.verdict()?
        };
        Ok(Next::stay(verdict))
    }

    pub(crate) fn record_manual_finding(
        &mut self,
        p: &RecordManualFinding,
        c: &Call<'_>,
    ) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.verdict()?
        };
        Ok(Next::stay(verdict))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{Actor, DocKind};
    use crate::digital::events::{EvaluationSubject, Funding};
    use crate::digital::lifecycle::DigState;
    use crate::digital::testkit::*;
    use crate::outcome::Outcome;

    fn evaluation(result: EvaluationResult, actor: Actor) -> crate::log::Command {
        cmd(
            Evaluate {
                rectification_refs: vec![r(DocKind::Evidence, "整改通知1")],
                result,
                subject: EvaluationSubject::SoeConstruction,
            },
            actor,
            "2024-06-01",
        )
    }

    /// Source: DIG-29 — the bureau evaluates; an evaluation finding construction off the approved FSR yields F-DIG-15.1 and F-DIG-25.
    #[test]
    fn evaluation_findings() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        let before = p.clone();
        let err = p.apply(evaluation(EvaluationResult::Satisfactory, Actor::Soe)).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_29)));
        assert_eq!(p, before);
        assert!(
            p.apply(evaluation(EvaluationResult::RectificationRequired, Actor::BigdataBureau))
                .unwrap()
                .outcomes
                .is_empty()
        );
        let t = p.apply(evaluation(EvaluationResult::DeviatesFromFsr, Actor::BigdataBureau)).unwrap();
        assert_eq!(
            t.outcomes,
            vec![
                Outcome::new(OutcomeKind::Finding, DIG_15_1, "deviates_from_fsr"),
                Outcome::new(OutcomeKind::Finding, DIG_25, "deviates_from_fsr")
            ]
        );
        let codes: Vec<String> = p.findings(d("2024-06-01")).into_iter().map(|f| f.code).collect();
        assert!(codes.contains(&"F-DIG-15.1".into()) && codes.contains(&"F-DIG-25".into()));
    }

    /// Source: DIG-15.2 — findings are as of a date: nothing before the act, F-DIG-15.2 from the completion on.
    #[test]
    fn findings_are_as_of() {
        let mut p = registered(Funding::SpecialFund);
        for c in
            happy_steps(Funding::SpecialFund).into_iter().filter(|c| c.event.name() != "entrust_center_supervision")
        {
            if c.event.name() == "pass_initial_acceptance" {
                break;
            }
            p.apply(c).unwrap();
        }
        assert!(p.findings(d("2024-08-31")).iter().all(|f| f.code != "F-DIG-15.2"));
        let f: Vec<_> = p.findings(d("2024-09-01")).into_iter().filter(|f| f.code == "F-DIG-15.2").collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].source, FindingSource::Detected);
        assert_eq!(f[0].reference(), format!("F-DIG-15.2#{}", f[0].seqs[0]));
    }
}
