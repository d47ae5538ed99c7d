//! DIG compliance findings (RULES.md §5) and the acts that feed them: `evaluate` (DIG-29; the §5
//! source of F-DIG-15.1 and F-DIG-25) and `record_manual_finding`.
//!
//! | Code | Source |
//! |---|---|
//! | F-DIG-3.2, 2.2, 13.7, 20 | stored `default_breach` (no exception recorded) |
//! | F-DIG-13.1 | stored finding `early` / `late` (cycle) |
//! | F-DIG-3.3, 11, 13.3, 13.4, 13.5, 13.7, 14.2, 14.4, 14.5, 16.1, 16.2, 16.3, 16.5, 16.6, 18, 24.2, 26.2, 27.1 | record-mode violations stored as findings |
//! | F-DIG-15.1, F-DIG-25 | `evaluate` with result `deviates_from_fsr`; record-mode start without approved FSR |
//! | F-DIG-15.2 | detected: no entrustment of the center by `complete_construction`; late entrustment |
//! | F-DIG-21 | overdue MLPS / cryptography assessment (obligations), late assessment |
//! | F-INV-57 | broken hash chain |
//! | any | `record_manual_finding` |

use chrono::NaiveDate;

use crate::digital::events::{DigEvent, Evaluate, EvaluationResult, RecordManualFinding};
use crate::digital::project::{Call, DigitalProject};
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason};
use crate::event::Event;
use crate::finding::{self, Finding, FindingSource};
use crate::investment::project::Step;
use crate::log::{ChainBreak, Log};
use crate::outcome::OutcomeKind;
use crate::rules::*;

/// F-INV-57 `hash_mismatch` when the log's chain does not verify.
pub(crate) fn chain_finding(log: &Log, as_of: NaiveDate, out: &mut Vec<Finding>) {
    if let Err(b) = crate::log::verify_chain(log.entries()) {
        out.push(Finding::new(
            INV_57,
            OutcomeKind::Finding,
            "hash_mismatch",
            vec![b.seq],
            log.last_date().unwrap_or(as_of),
            FindingSource::Detected,
        ));
    }
}

/// The input error of a log whose chain does not verify (F-INV-57).
pub(crate) fn broken_chain(b: ChainBreak) -> InputError {
    InputError::new(
        format!("[{}]", b.seq.saturating_sub(1)),
        InputReason::BrokenChain,
        format!("hash chain broken at seq {} ({}) (F-INV-57)", b.seq, b.detail),
    )
}

/// Every finding of a digital project as of `as_of` (see the module table).
pub(crate) fn project_findings(p: &DigitalProject, as_of: NaiveDate) -> Vec<Finding> {
    let entries = p.log.entries();
    let mut out = Vec::new();
    chain_finding(&p.log, as_of, &mut out);
    out.extend(finding::stored(entries, as_of));
    for e in entries.iter().filter(|e| e.date <= as_of) {
        if let Event::Dig(DigEvent::RecordManualFinding(m)) = &e.event {
            out.push(Finding::new(
                m.rule_id,
                OutcomeKind::Finding,
                m.detail.clone(),
                vec![e.seq],
                e.date,
                FindingSource::Manual,
            ));
        }
    }
    // F-DIG-15.2: no entrustment of the center by completion (AMB-45).
    let completion =
        entries.iter().find(|e| e.date <= as_of && matches!(&e.event, Event::Dig(DigEvent::CompleteConstruction(_))));
    if let Some(done) = completion {
        let entrusted_before = entries
            .iter()
            .any(|e| e.seq < done.seq && matches!(&e.event, Event::Dig(DigEvent::EntrustCenterSupervision(_))));
        if !entrusted_before {
            out.push(Finding::new(
                DIG_15_2,
                OutcomeKind::Finding,
                "not_entrusted",
                vec![done.seq],
                done.date,
                FindingSource::Detected,
            ));
        }
    }
    // Deadline acts never done (DIG-21 assessments).
    for o in p.obligations.open_as_of(as_of).into_iter().filter(|o| o.overdue) {
        out.push(Finding::new(
            o.obligation.rule,
            OutcomeKind::Finding,
            "overdue",
            vec![o.obligation.opened_seq],
            o.obligation.due,
            FindingSource::Overdue,
        ));
    }
    out
}

impl DigitalProject {
    pub(crate) fn evaluate(&mut self, p: &Evaluate, c: &Call<'_>) -> Result<Step, Error> {
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
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    pub(crate) fn record_manual_finding(&mut self, p: &RecordManualFinding, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.verdict()?
        };
        Ok(Step { verdict, from: c.from, to: c.from })
    }
}
