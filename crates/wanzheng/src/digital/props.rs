//! Property tests of the `dig` machine: invariants over random command sequences.
//!
//! A run registers a project with a random funding and random cycle inputs, then applies a random
//! mix of "the next step of the happy path" and perturbations (wrong actors, premature acts,
//! missing consents, failed checks, issues, emergencies, suspensions, withdrawals). Invariants:
//!
//! * a rejected command changes nothing; the chain verifies; replay rebuilds the same project;
//! * enforce mode never stores a violation;
//! * no sequence reaches `in_operation` without a clean initial acceptance before the trial run,
//!   zero open issues at the completion acceptance, and the demand unit's sign-off;
//! * an emergency project never starts without both consents (DIG-13.7), and never skips the
//!   DIG-14 chain without a DIG-18 decision carrying both consents;
//! * record mode turns every violation into a finding that `findings` reports.

use std::collections::BTreeSet;

use chrono::Duration;
use proptest::prelude::*;

use crate::actor::{Actor, DocKind};
use crate::digital::acceptance::failed_checks;
use crate::digital::cycle::CycleInputs;
use crate::digital::events::*;
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles::consent_by;
use crate::digital::testkit::*;
use crate::event::{Event, NoFacts};
use crate::log::Command;
use crate::outcome::{Mode, OutcomeKind};

const FUNDINGS: &[Funding] = &[
    Funding::SpecialFund,
    Funding::HigherLevel,
    Funding::HigherLevelSpecial,
    Funding::SoeSelf,
    Funding::SpecialBond,
    Funding::Market,
];

/// One move of a run.
#[derive(Debug, Clone, Copy)]
enum Move {
    /// The next step of the happy path that the project accepts.
    Next,
    /// A perturbation from the alphabet.
    Odd(u8),
    /// An emergency in one go: addition, case-by-case decision, start (odds 0, 2, 4).
    Emergency,
    /// An INV part (AMB-25): contract, payment request, approval, disbursement, change.
    Part(u8),
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    prop::collection::vec(
        prop_oneof![
            48 => Just(Move::Next),
            24 => (0u8..ODD_COUNT - 1).prop_map(Move::Odd),
            1 => Just(Move::Odd(ODD_COUNT - 1)),
            3 => Just(Move::Emergency),
            6 => (0u8..6).prop_map(Move::Part),
        ],
        0..48,
    )
}

const ODD_COUNT: u8 = 22;

fn consent(s: &str, by: Actor) -> crate::actor::DocRef {
    let mut c = r(DocKind::Consent, s);
    c.issuer = Some(by);
    c
}

/// The perturbation alphabet.
fn odd(k: u8) -> Command {
    let mut failing = all_pass();
    failing.security_compliance = CheckResult::Fail;
    match k {
        0 => cmd(
            EmergencyAdd {
                consent_leader_bigdata: Some(consent("L", Actor::LeaderBigdata)),
                consent_vice_mayor: Some(consent("V", Actor::ExecutiveViceMayor)),
                sudden_event: true,
                urgent_deployment: false,
            },
            Actor::BigdataBureau,
            "2024-01-01",
        ),
        1 => cmd(
            EmergencyAdd {
                consent_leader_bigdata: Some(consent("L", Actor::LeaderBigdata)),
                consent_vice_mayor: None,
                sudden_event: true,
                urgent_deployment: true,
            },
            Actor::BigdataBureau,
            "2024-01-01",
        ),
        2 => cmd(
            DecideEmergencyMode {
                consent_leader_bigdata: Some(consent("L18", Actor::LeaderBigdata)),
                consent_vice_mayor: Some(consent("V18", Actor::ExecutiveViceMayor)),
                construction_mode: ConstructionMode::Soe,
                deadline_and_assessment: true,
            },
            Actor::BigdataBureau,
            "2024-01-01",
        ),
        3 => cmd(
            DecideEmergencyMode {
                consent_leader_bigdata: None,
                consent_vice_mayor: Some(consent("V18", Actor::ExecutiveViceMayor)),
                construction_mode: ConstructionMode::Soe,
                deadline_and_assessment: false,
            },
            Actor::BigdataBureau,
            "2024-01-01",
        ),
        4 => cmd(
            StartDigConstruction { basis_17_2: None, builder: Builder::Soe, date: d("2024-01-01") },
            Actor::Soe,
            "2024-01-01",
        ),
        5 => cmd(
            StartDigConstruction { basis_17_2: None, builder: Builder::Department, date: d("2024-01-01") },
            Actor::DemandUnit,
            "2024-01-01",
        ),
        6 => cmd(FailInitialAcceptance { checks: failing }, Actor::BigdataCenter, "2024-01-01"),
        7 => cmd(PassInitialAcceptance { checks: failing }, Actor::BigdataCenter, "2024-01-01"),
        8 => cmd(NoFacts {}, Actor::DemandUnit, "2024-01-01"),
        9 => cmd(ReportIssue { description: "slow".into(), issue_id: "I1".into() }, Actor::DemandUnit, "2024-01-01"),
        10 => cmd(ReportIssue { description: "crash".into(), issue_id: "I2".into() }, Actor::DemandUnit, "2024-01-01"),
        11 => {
            cmd(RectifyIssue { issue_id: "I1".into(), reference: r(DocKind::Evidence, "R1") }, Actor::Soe, "2024-01-01")
        }
        12 => {
            cmd(RectifyIssue { issue_id: "I2".into(), reference: r(DocKind::Evidence, "R2") }, Actor::Soe, "2024-01-01")
        }
        13 => final_acceptance("2024-01-01"),
        14 => cmd(FailFinalAcceptance { issues: vec!["F1".into()] }, Actor::Soe, "2024-01-01")
            .with(Actor::BigdataBureau, "")
            .with(Actor::DemandUnit, ORG),
        15 => cmd(
            RectifyIssue { issue_id: "F1".into(), reference: r(DocKind::Evidence, "RF1") },
            Actor::Soe,
            "2024-01-01",
        ),
        16 => cmd(deliver_facts(), Actor::Soe, "2024-01-01"),
        17 => cmd(
            ApproveDigFsr { reference: r(DocKind::Approval, "批复x"), total: crate::yuan!("1.00") },
            Actor::Drc,
            "2024-01-01",
        ),
        18 => cmd(
            ModifyDemandPlan {
                consent_ref: None,
                demonstration_ref: Some(r(DocKind::Opinion, "论证")),
                reference: r(DocKind::DemandPlan, "改"),
            },
            Actor::DemandUnit,
            "2024-01-01",
        ),
        19 => {
            cmd(SuspendDig { finding_ref: FindingRef::Code("F-INV-55.1#1".into()) }, Actor::BigdataBureau, "2024-01-01")
        }
        20 => cmd(ResumeDig { rectify_ref: r(DocKind::Evidence, "复工") }, Actor::BigdataBureau, "2024-01-01"),
        _ => cmd(WithdrawDigProject { reason: "cancelled".into() }, Actor::Soe, "2024-01-01"),
    }
}

/// The INV parts alphabet (AMB-25): refused for projects that do not run them.
fn part(k: u8) -> Command {
    use serde_json::json;
    let (machine, instance, event, actor, facts) = match k {
        0 => (
            "inv",
            PID,
            "award_contract",
            "soe",
            json!({"contract_id": "K1", "contractor": "c", "in_budget_scope": true,
            "items": ["I1"], "lot": "construction", "price": "5000000.00", "price_adjustment_clause": true, "procured_by": "tender"}),
        ),
        1 => (
            "inv",
            PID,
            "request_payment",
            "soe",
            json!({"amount": "1000000.00", "contract_id": "K1", "in_budget_scope": true,
            "item_id": "I1", "progress_cap": "5000000.00", "request_id": "R1"}),
        ),
        2 => (
            "inv",
            PID,
            "approve_payment",
            "finance",
            json!({"ref": {"kind": "approval", "ref": "支付1"}, "request_id": "R1"}),
        ),
        3 => (
            "inv",
            PID,
            "disburse_payment",
            "finance",
            json!({"amount": "1000000.00", "request_id": "R1", "wage_account_amount": "0.00"}),
        ),
        4 => (
            "change",
            "C-1",
            "propose_change",
            "soe",
            json!({"change_id": "C-1", "contracts": [], "description": "d",
            "estimate_delta": {"after": "400000.00", "before": "500000.00"}, "situation": "41.1"}),
        ),
        _ => ("change", "C-1", "withdraw_change", "soe", json!({"reason": "not needed"})),
    };
    Command::from_value(json!({"stream": {"machine": machine, "project_id": PID, "instance": instance},
        "event": event, "actor": actor, "date": "2024-01-01", "facts": facts}))
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Applies `c` re-dated to `date` (start dates moved along); returns whether it was accepted.
fn apply_at(p: &mut DigitalProject, mut c: Command, date: chrono::NaiveDate) -> Result<(), String> {
    c.date = date;
    if let Event::Dig(DigEvent::StartConstruction(s)) = &mut c.event {
        s.date = date;
    }
    let before = p.clone();
    let before_json = p.state_json();
    let enforce = c.mode == Mode::Enforce;
    match p.apply(c) {
        Ok(_) if enforce => parts_gates_hold(p),
        Ok(_) => Ok(()),
        Err(e) => {
            if *p != before || p.state_json() != before_json {
                return Err(format!("rejected command changed the project: {e}"));
            }
            Err(String::new())
        }
    }
}

/// After an accepted command in enforce mode, the stage gates of the INV parts (RULES.md §3.3.4,
/// AMB-25): nothing is paid on a lot of class Ag, M or W without the approved FSR (DF, A := the
/// approved total), nor anything at all before the project is tasked (DT); no contract of those
/// classes exists without DF.
fn parts_gates_hold(p: &DigitalProject) -> Result<(), String> {
    use crate::investment::gates::LotClass;
    let Some(parts) = p.inv_parts() else { return Ok(()) };
    let l = parts.ledger();
    let df = p.ledger().approved_total.is_some() && l.payment_estimate().is_some();
    if l.paid_total > crate::money::Yuan::ZERO && !l.dig_tasked {
        return Err(format!("{} paid before the project was tasked", l.paid_total));
    }
    for c in &l.contracts {
        let class = crate::investment::testkit::contract_payment_class(c);
        if matches!(class, LotClass::Ag | LotClass::M | LotClass::W) && !df {
            return Err(format!(
                "contract {} of class {class:?} (paid {}) without the approved FSR",
                c.contract_id, c.paid
            ));
        }
    }
    if l.paid_budget_scope > crate::money::Yuan::ZERO && !df {
        return Err(format!("{} paid inside the budget's scope without the approved FSR", l.paid_budget_scope));
    }
    Ok(())
}

fn run(funding: Funding, inputs: CycleInputs, moves: &[Move], mode: Mode) -> Result<DigitalProject, TestCaseError> {
    let mut p = DigitalProject::new(Default::default());
    p.set_cycle_inputs(inputs);
    p.apply(register(funding)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let happy = happy_steps(funding);
    let mut date = d("2025-01-01");
    for m in moves {
        date += Duration::days(1);
        match m {
            Move::Next => {
                for c in &happy {
                    // Facts of the happy path are taken once; otherwise "next" would repeat them.
                    let fact = matches!(
                        c.event.name(),
                        "file_with_drc" | "entrust_center_supervision" | "record_security_review"
                    );
                    if fact && !seq_of(&p, c.event.name()).is_empty() {
                        continue;
                    }
                    match apply_at(&mut p, c.clone().mode(mode), date) {
                        Ok(()) => break,
                        Err(msg) if msg.is_empty() => continue,
                        Err(msg) => return Err(TestCaseError::fail(msg)),
                    }
                }
            }
            Move::Odd(k) => {
                if let Err(msg) = apply_at(&mut p, odd(*k).mode(mode), date) {
                    prop_assert!(msg.is_empty(), "{}", msg);
                }
            }
            Move::Part(k) => {
                if let Err(msg) = apply_at(&mut p, part(*k).mode(mode), date) {
                    prop_assert!(msg.is_empty(), "{}", msg);
                }
            }
            Move::Emergency => {
                for k in [0, 2, 4] {
                    if let Err(msg) = apply_at(&mut p, odd(k).mode(mode), date) {
                        prop_assert!(msg.is_empty(), "{}", msg);
                    }
                }
            }
        }
    }
    Ok(p)
}

fn inputs_strategy() -> impl Strategy<Value = CycleInputs> {
    (0u8..3, any::<bool>()).prop_map(|(k, soe_plan)| {
        let mut i = match k {
            0 => approved_inputs(&[PID]),
            1 => approved_inputs(&["D9"]),
            _ => return CycleInputs::default(),
        };
        for v in i.years.values_mut() {
            v.soe_plan_approved = soe_plan;
        }
        i
    })
}

fn seq_of(p: &DigitalProject, name: &str) -> Vec<u32> {
    p.log().entries().iter().filter(|e| e.event().name() == name).map(|e| e.seq()).collect()
}

/// A budget-funded project (special fund or higher-level money: it runs INV parts, AMB-25) walked `k` steps along its
/// happy path — first added as an emergency with both consents and a DIG-18 decision when `emergency` — then the INV
/// parts' works contract and its payment chain (award, request, approval, disbursement), all in enforce mode.
fn parts_paid_at(f: usize, k: usize, emergency: bool) -> Result<DigitalProject, TestCaseError> {
    let funding = [Funding::SpecialFund, Funding::HigherLevel][f % 2];
    let mut p = DigitalProject::new(Default::default());
    p.set_cycle_inputs(approved_inputs(&[PID]));
    p.apply(register(funding)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut date = d("2025-01-01");
    let emergency_steps = if emergency { vec![odd(0), odd(2)] } else { vec![] };
    let steps = emergency_steps.into_iter().chain(happy_steps(funding).into_iter().take(k)).chain((0..4).map(part));
    for c in steps {
        date += Duration::days(1);
        if let Err(msg) = apply_at(&mut p, c, date) {
            prop_assert!(msg.is_empty(), "{}", msg);
        }
    }
    Ok(p)
}

/// Every accepted disbursement of the INV parts on a W or M lot (or inside the budget's scope) comes after the
/// accepted DIG `approve_fsr`; returns how many there were.
fn parts_money_after_fsr(p: &DigitalProject) -> Result<usize, String> {
    use crate::investment::events::InvEvent;
    use crate::investment::gates::LotClass;
    let Some(parts) = p.inv_parts() else { return Ok(0) };
    let l = parts.ledger();
    let fsr =
        p.log().entries().iter().find(|e| matches!(e.event(), Event::Dig(DigEvent::ApproveFsr(_)))).map(|e| e.seq());
    let mut paid = 0;
    for e in p.log().entries() {
        let Event::Inv(InvEvent::DisbursePayment(d)) = e.event() else { continue };
        let Some(rec) = l.payment(&d.request_id) else { continue };
        let class = parts.payment_class(rec);
        if matches!(class, LotClass::M | LotClass::W) || rec.in_budget_scope {
            if fsr.is_none_or(|s| s >= e.seq()) {
                return Err(format!(
                    "entry {} paid {} on a {class:?} lot before the approved FSR ({fsr:?})",
                    e.seq(),
                    d.amount
                ));
            }
            paid += 1;
        }
    }
    Ok(paid)
}

/// The INV parts' payment chain does reach a disbursement once the FSR is approved, and the attempts before it meet the
/// gate (a sanity check that `no_parts_money_on_works_without_the_approved_fsr` is not vacuous).
#[test]
fn parts_payments_happen_after_the_fsr_only() {
    let mut paid = 0;
    let mut refused_early = 0;
    for f in 0..2 {
        for k in 0..12 {
            for emergency in [false, true] {
                let p = parts_paid_at(f, k, emergency).unwrap_or_else(|e| panic!("{e}"));
                let n = parts_money_after_fsr(&p).unwrap_or_else(|e| panic!("{e}"));
                paid += n;
                if p.ledger().approved_total.is_none() && n == 0 && p.inv_parts().is_some() {
                    refused_early += 1;
                }
            }
        }
    }
    assert!(paid >= 4, "only {paid} disbursements after the FSR");
    assert!(refused_early >= 8, "only {refused_early} runs before the FSR");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Source: DIG-16.1, DIG-16.2, DIG-16.3, DIG-16.5 — in enforce mode no sequence reaches in_operation without a clean
    /// initial acceptance before the trial run, zero open issues at completion acceptance and the demand unit's sign-off;
    /// rejected commands change nothing; enforce mode stores no violation; replay rebuilds the project.
    /// Source: DIG-25 — after every accepted command in enforce mode the INV parts hold no works contract and no
    /// payment on a lot of class Ag/M/W without the approved FSR, and nothing is paid before the tasking (DIG-13.3;
    /// RULES.md §3.3.4).
    #[test]
    fn enforce_invariants(f in 0usize..FUNDINGS.len(), inputs in inputs_strategy(), ms in moves()) {
        let funding = FUNDINGS[f];
        let p = run(funding, inputs.clone(), &ms, Mode::Enforce)?;
        let entries = p.log().entries();
        prop_assert!(crate::log::verify_chain(entries).is_ok());
        prop_assert!(entries.iter().all(|e| e.outcomes().iter().all(|o| o.kind != OutcomeKind::Violation)));
        let (q, report) = DigitalProject::replay_with(Default::default(), entries, inputs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&q, &p);
        prop_assert!(report.differences.is_empty());

        // Every trial run follows a clean initial acceptance with no failure in between.
        let mut clean_acceptance = false;
        let mut open: BTreeSet<String> = BTreeSet::new();
        let mut signed = false;
        for e in entries {
            let Event::Dig(ev) = &e.event() else { continue };
            match ev {
                DigEvent::PassInitialAcceptance(a) => clean_acceptance = failed_checks(&a.checks).is_empty(),
                DigEvent::FailInitialAcceptance(_) => clean_acceptance = false,
                DigEvent::StartTrialRun(_) => prop_assert!(clean_acceptance, "trial run without a clean initial acceptance"),
                DigEvent::ReportIssue(i) => { open.insert(i.issue_id.clone()); }
                DigEvent::FailFinalAcceptance(f) => open.extend(f.issues.iter().cloned()),
                DigEvent::RectifyIssue(i) => { open.remove(&i.issue_id); }
                DigEvent::PassFinalAcceptance(_) => prop_assert!(open.is_empty(), "final acceptance with open issues {:?}", open),
                DigEvent::SignOff(_) => signed = true,
                DigEvent::Deliver(_) => prop_assert!(signed, "delivered without sign-off"),
                _ => {}
            }
        }
        if p.state() == Some(DigState::InOperation) {
            prop_assert!(!seq_of(&p, "pass_initial_acceptance").is_empty());
            prop_assert!(!seq_of(&p, "pass_final_acceptance").is_empty());
            prop_assert!(p.ledger().sign_off.is_some());
            prop_assert_eq!(p.ledger().delivery.as_ref().map(|d| d.asset_owner), Some(Actor::Soe));
        }
    }

    /// Source: DIG-13.7, DIG-18 — an emergency project never starts without both consents, and never skips the DIG-14
    /// chain without a DIG-18 decision carrying both consents.
    #[test]
    fn emergency_never_starts_without_both_consents(f in 0usize..FUNDINGS.len(), inputs in inputs_strategy(), ms in moves()) {
        let p = run(FUNDINGS[f], inputs, &ms, Mode::Enforce)?;
        let Some(start) = seq_of(&p, "start_construction").first().copied() else { return Ok(()) };
        let entries = p.log().entries();
        for e in entries.iter().filter(|e| e.seq() < start) {
            if let Event::Dig(DigEvent::EmergencyAdd(a)) = &e.event() {
                prop_assert!(consent_by(a.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata));
                prop_assert!(consent_by(a.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor));
            }
        }
        let start_entry = &entries[start as usize - 1];
        if start_entry.from() != DigState::FsrApproved.as_str() {
            let decided = entries.iter().filter(|e| e.seq() < start).any(|e| matches!(&e.event(),
                Event::Dig(DigEvent::DecideEmergencyMode(m))
                    if consent_by(m.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata)
                    && consent_by(m.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor)));
            prop_assert!(decided, "started from {} without a DIG-18 decision", start_entry.from());
        }
    }

    /// Source: DIG-25, DIG-15.1, INV-35.3 — RULES.md §3.3.4 and §3.5 B14 (issue 9, "done means"): in enforce mode no
    /// accepted event pays money on a W or M lot of the INV parts (AMB-25) without the approved FSR (DF), whatever
    /// point of the DIG chain the project has reached (an emergency addition with its DIG-18 decision included).
    #[test]
    fn no_parts_money_on_works_without_the_approved_fsr(f in 0usize..2, k in 0usize..12, emergency in any::<bool>()) {
        let p = parts_paid_at(f, k, emergency)?;
        prop_assert!(parts_money_after_fsr(&p).is_ok(), "{:?}", parts_money_after_fsr(&p));
    }

    /// Source: DIG-16.2 — record mode never rejects for a rule (only for input, transition and scope) and every stored
    /// violation becomes a finding reported by `findings`.
    #[test]
    fn record_mode_keeps_findings(f in 0usize..FUNDINGS.len(), inputs in inputs_strategy(), ms in moves()) {
        let p = run(FUNDINGS[f], inputs, &ms, Mode::Record)?;
        let stored: usize = p.log().entries().iter().map(|e| e.outcomes().iter().filter(|o| matches!(o.kind, OutcomeKind::Finding | OutcomeKind::DefaultBreach)).count()).sum();
        prop_assert!(p.log().entries().iter().all(|e| e.outcomes().iter().all(|o| o.kind != OutcomeKind::Violation)));
        let found = p.findings(d("2030-01-01")).into_iter().filter(|f| f.source == crate::finding::FindingSource::Stored).count();
        prop_assert_eq!(found, stored);
        let back = DigitalProject::from_json(&p.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.state(), p.state());
    }
}
