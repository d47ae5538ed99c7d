//! Tests of the change, adjustment and accountability sub-machines on a project under
//! construction. The lifecycle events that bring a project there belong to another module, so
//! the base project is registered and its ledger set directly (A = A0 = 100,000,000.00,
//! W = 75,000,000.00, B = 95,000,000.00, contract C1 at 50,000,000.00).

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::actor::{Actor, DocKind, DocRef};
use crate::config::{Config, Context};
use crate::error::{Error, InputReason};
use crate::event::NoFacts;
use crate::exception::{ExceptionScope, RuleException};
use crate::investment::accountability::*;
use crate::investment::change::*;
use crate::investment::estimate::*;
use crate::investment::events::{ConstructionMode, FundingMode, InvEvent, Nature, RegisterProject, UnitKind};
use crate::investment::ledger::{Contract, Lot};
use crate::investment::lifecycle::InvState;
use crate::investment::route::{Level, RouteFlags};
use crate::investment::submachine::PartsHost;
use crate::investment::{InvestmentProject, events::WithdrawProject};
use crate::log::{Command, MachineId, Stream};
use crate::money::{Yuan, YuanDelta};
use crate::outcome::{Mode, Outcome, OutcomeKind, Transition};
use crate::rule::RuleId;
use crate::rules::*;
use crate::yuan;

const PID: &str = "P1";
const CODE: &str = "2306-411300-04-01-000001";
const IA_ORG: &str = "南阳市卫生健康委员会";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn doc(kind: DocKind) -> DocRef {
    DocRef::new(kind, "宛〔2024〕1号")
}

fn register() -> Command {
    register_total("100000000.00")
}

fn register_total(total: &str) -> Command {
    let p = RegisterProject {
        approval_required: false,
        basis_3_2: None,
        classified: false,
        construction_mode: ConstructionMode::SelfBuilt,
        dig_project_id: None,
        industry_authority_org: IA_ORG.into(),
        lacks_capacity: false,
        level: Level::Municipal,
        mode: FundingMode::DirectInvestment,
        name: "Hospital expansion".into(),
        nature: Nature::NonOperating,
        own_funds_only: false,
        project_code: Some(CODE.into()),
        project_id: PID.into(),
        route_flags: RouteFlags::default(),
        sector: "health".into(),
        total: yuan!(total),
        unit_kind: UnitKind::AdminOrPublicUnit,
        uses_loan: false,
    };
    Command::new(Stream::project(MachineId::Inv, PID), InvEvent::from(p), Actor::ProjectUnit, d("2023-06-01"))
        .code(CODE)
}

fn base_with(config: Config) -> InvestmentProject {
    let mut p = InvestmentProject::new(Context::new(config, crate::WorkingDayCalendar::embedded()));
    p.apply(register()).unwrap();
    p.state = Some(InvState::UnderConstruction);
    let l = &mut p.ledger;
    l.estimate = Some(yuan!("100000000.00"));
    l.original_estimate = Some(yuan!("100000000.00"));
    l.certified_completed = Some(yuan!("75000000.00"));
    l.budget = Some(yuan!("95000000.00"));
    l.contingency = yuan!("2000000.00");
    l.contracts.push(Contract {
        contract_id: "C1".into(),
        tender_id: None,
        lot: Lot::Construction,
        contractor: "南阳建工集团".into(),
        price: yuan!("50000000.00"),
        in_budget_scope: true,
        items: vec!["main_works".into()],
        paid: Yuan::ZERO,
        change_extra: Yuan::ZERO,
        unreviewed: Yuan::ZERO,
        unconsented_43: Yuan::ZERO,
        preliminary: true,
        advance_percent: None,
        advance_paid: Yuan::ZERO,
        advance_recovered: Yuan::ZERO,
        settled: None,
        price_adjustment_clause: true,
    });
    // The approvals the state implies (the §3.3 stage gates read them).
    l.proposal_approved = true;
    l.fsr_approved = true;
    l.approved_fsr_estimate = Some(yuan!("100000000.00"));
    l.design_approved = true;
    l.estimate_verified = true;
    l.cd_review_done = true;
    l.budget_done = true;
    p
}

fn base() -> InvestmentProject {
    base_with(Config::default())
}

fn cmd(machine: MachineId, id: &str, e: impl Into<crate::Event>, actor: Actor, date: &str) -> Command {
    let c = Command::new(Stream::sub(machine, PID, id), e, actor, d(date)).code(CODE);
    if actor == Actor::IndustryAuthority { c.org(IA_ORG) } else { c }
}

fn change(id: &str, e: impl Into<ChangeEvent>, actor: Actor, date: &str) -> Command {
    cmd(MachineId::Change, id, e.into(), actor, date)
}

fn adjustment(id: &str, e: impl Into<AdjustmentEvent>, actor: Actor, date: &str) -> Command {
    cmd(MachineId::Adjustment, id, e.into(), actor, date)
}

fn case(id: &str, e: impl Into<AccountabilityEvent>, actor: Actor, date: &str) -> Command {
    cmd(MachineId::Accountability, id, e.into(), actor, date)
}

fn delta(before: &str, after: &str) -> EstimateDelta {
    EstimateDelta { after: yuan!(after), before: yuan!(before) }
}

fn propose(id: &str, s: Situation, before: &str, after: &str, contracts: Vec<ContractAfter>) -> Command {
    let p = ProposeChange {
        budget_after: None,
        change_id: id.into(),
        contracts,
        description: "add an isolation ward".into(),
        estimate_delta: delta(before, after),
        major: false,
        material: vec![],
        situation: s,
    };
    change(id, p, Actor::ProjectUnit, "2024-03-01")
}

fn review(id: &str) -> Command {
    let units = [Actor::SurveyUnit, Actor::DesignUnit, Actor::SupervisionUnit, Actor::Contractor];
    let p = InternalReview {
        expert_demonstration: None,
        opinions: units
            .iter()
            .map(|u| ReviewOpinion { agree: true, reference: doc(DocKind::Opinion), unit: *u })
            .collect(),
    };
    let mut c = change(id, p, Actor::ProjectUnit, "2024-03-05");
    for u in units {
        c = c.with(u, "");
    }
    c
}

fn approve(id: &str, s: Situation) -> Command {
    change(
        id,
        ApproveChange { reference: doc(DocKind::Approval), situation: s },
        Actor::IndustryAuthority,
        "2024-03-10",
    )
}

fn implement(id: &str) -> Command {
    change(id, ChangeEvent::ImplementChange(Box::new(NoFacts {})), Actor::ProjectUnit, "2024-04-20")
}

/// Proposes, reviews and approves a change; returns the approval's transition.
fn approved(p: &mut InvestmentProject, id: &str, s: Situation, before: &str, after: &str) -> Transition {
    p.apply(propose(id, s, before, after, vec![])).unwrap();
    p.apply(review(id)).unwrap();
    p.apply(approve(id, s)).unwrap()
}

fn apply_adj(id: &str, change_ids: &[&str], n: &str, self_funded: bool) -> Command {
    let p = ApplyAdjustment {
        adjustment_id: id.into(),
        cause: OverrunCause::Change,
        change_ids: change_ids.iter().map(|s| s.to_string()).collect(),
        materials: vec![doc(DocKind::Approval), doc(DocKind::AdjustedEstimateReport), doc(DocKind::Change)],
        new_total: yuan!(n),
        price_rise_in_fee_base: false,
        self_funding: self_funded
            .then(|| SelfFunding { funder: Funder::ProjectUnit, reference: doc(DocKind::Evidence) }),
    };
    adjustment(id, p, Actor::ProjectUnit, "2024-04-01").with(Actor::IndustryAuthority, IA_ORG)
}

fn evaluate(id: &str, by: Actor) -> Command {
    let p =
        ThirdPartyEvaluate { evaluator: "河南某评估公司".into(), payer: by, report_ref: doc(DocKind::Evidence) };
    adjustment(id, p, by, "2024-04-10")
}

fn consent_adj(id: &str) -> Command {
    adjustment(id, GovConsentAdjustment { reference: doc(DocKind::Consent) }, Actor::MunicipalGovernment, "2024-04-12")
}

fn approve_adj(id: &str, by: Actor, amount: &str) -> Command {
    let p = ApproveAdjustment {
        approved_estimate: yuan!(amount),
        platform_ref: Some(doc(DocKind::Approval)),
        reference: doc(DocKind::Approval),
    };
    adjustment(id, p, by, "2024-04-15")
}

fn rule_err(r: Result<Transition, Error>) -> Vec<Outcome> {
    match r {
        Err(Error::Rule(v)) => v.outcomes,
        other => panic!("expected a rule violation, got {other:?}"),
    }
}

fn out(kind: OutcomeKind, rule: RuleId, detail: &'static str) -> Outcome {
    Outcome::new(kind, rule, detail)
}

fn v(rule: RuleId, detail: &'static str) -> Outcome {
    out(OutcomeKind::Violation, rule, detail)
}

/// Every object in the facts of every entry has its keys in code-point order (RULES.md §1.7:
/// the canonical JSON is the payload's plain serialisation).
fn assert_canonical(p: &InvestmentProject) {
    fn sorted(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Object(m) => {
                let keys: Vec<&String> = m.keys().collect();
                keys.windows(2).all(|w| w[0] < w[1]) && m.values().all(sorted)
            }
            serde_json::Value::Array(a) => a.iter().all(sorted),
            _ => true,
        }
    }
    for e in p.log().entries() {
        // serde_json's map keeps insertion order only with `preserve_order`; read the raw text instead.
        let text = serde_json::to_string(&e.event().facts()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(sorted(&v), "{}", text);
        assert_eq!(serde_json::to_string(&v).unwrap(), text, "facts of {} not in canonical order", e.event().name());
    }
}

fn state_of(p: &InvestmentProject, id: &str) -> ChangeState {
    p.ledger().changes[id].state
}

// ---------------------------------------------------------------------------------------------
// Change sub-machine
// ---------------------------------------------------------------------------------------------

/// Source: INV-41.1 — 不突破已核定总投资概算: N = A is approved; N = A + 0.01 is refused and changes nothing.
#[test]
fn situation_41_1_boundary() {
    let mut p = base();
    let t = approved(&mut p, "C-1", Situation::S41_1, "0.00", "0.00");
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(state_of(&p, "C-1"), ChangeState::ChangeApproved);
    assert_eq!(p.ledger().changes["C-1"].route, Some(OverrunRouteKind::Route1Industry));

    let mut q = base();
    q.apply(propose("C-2", Situation::S41_1, "0.00", "0.01", vec![])).unwrap();
    q.apply(review("C-2")).unwrap();
    let before = q.clone();
    assert_eq!(rule_err(q.apply(approve("C-2", Situation::S41_1))), vec![v(INV_41_1, "over_estimate")]);
    assert_eq!(q, before);
}

/// Source: INV-41.2, INV-41.3, INV-41.4, INV-41.6 — situations without a figure test: the confirmation
/// records the situation in the trace, and the route follows N (here N = A, route 1).
#[test]
fn situations_without_figure_test() {
    for s in [Situation::S41_2, Situation::S41_3, Situation::S41_4, Situation::S41_6] {
        let mut p = base();
        let t = approved(&mut p, "C-1", s, "0.00", "0.00");
        assert!(t.outcomes.is_empty());
        assert!(t.rules.contains(&s.rule()));
        assert_eq!(p.ledger().changes["C-1"].confirmed_situation, Some(s));
        assert_eq!(p.ledger().changes["C-1"].route, Some(OverrunRouteKind::Route1Industry));
    }
}

/// Source: INV-41.5 — 超出原核定投资概算: N = A0 is not 超出 (refused); N = A0 + 0.01 is confirmed (N > A: 48 lead-in).
#[test]
fn situation_41_5_boundary() {
    let mut p = base();
    p.apply(propose("C-1", Situation::S41_5, "0.00", "0.00", vec![])).unwrap();
    p.apply(review("C-1")).unwrap();
    assert_eq!(rule_err(p.apply(approve("C-1", Situation::S41_5))), vec![v(INV_41_5, "not_above_original")]);
    let mut q = base();
    let t = approved(&mut q, "C-1", Situation::S41_5, "0.00", "0.01");
    assert!(t.outcomes.is_empty());
    assert!(t.rules.contains(&INV_48));
    let ch = &q.ledger().changes["C-1"];
    assert!(ch.overrun && ch.counted);
    assert_eq!(ch.new_total, yuan!("100000000.01"));
    assert_eq!(q.ledger().pending_delta, YuanDelta::between(Yuan::ZERO, yuan!("0.01")));
}

/// Source: INV-41 — the internal review includes survey, design, supervision and construction units; INV-42 their written opinions.
#[test]
fn internal_review_participants() {
    let mut p = base();
    p.apply(propose("C-1", Situation::S41_2, "0.00", "0.00", vec![])).unwrap();
    let mut c = review("C-1");
    c.co_actors.pop();
    if let crate::Event::Change(ChangeEvent::InternalReview(r)) = &mut c.event {
        r.opinions.pop();
    }
    let o = rule_err(p.apply(c.clone()));
    assert_eq!(o, vec![v(INV_41, "missing_participant"), v(INV_42, "missing_opinion")]);
    // Record mode keeps them as findings and the approval then fails INV-42 again.
    let t = p.apply(c.mode(Mode::Record)).unwrap();
    assert_eq!(t.outcomes.len(), 2);
    assert!(t.outcomes.iter().all(|o| o.kind == OutcomeKind::Finding));
    assert_eq!(rule_err(p.apply(approve("C-1", Situation::S41_2))), vec![v(INV_42, "missing_opinion")]);
    // An opinion from a body outside the four is malformed input.
    let mut q = base();
    q.apply(propose("C-2", Situation::S41_2, "0.00", "0.00", vec![])).unwrap();
    let mut c = review("C-2");
    if let crate::Event::Change(ChangeEvent::InternalReview(r)) = &mut c.event {
        r.opinions[0].unit = Actor::Drc;
    }
    assert!(matches!(q.apply(c), Err(Error::Input(ref e)) if e.reason == InputReason::InvalidValue));
}

/// Source: INV-53.1 — a change approved by a body other than the industry authority: violation 41, in record mode F-INV-53.1.
#[test]
fn change_approved_by_wrong_authority() {
    let mut p = base();
    p.apply(propose("C-1", Situation::S41_2, "0.00", "0.00", vec![])).unwrap();
    p.apply(review("C-1")).unwrap();
    let mut c = approve("C-1", Situation::S41_2);
    c.actor = Actor::Drc;
    assert_eq!(rule_err(p.apply(c.clone())), vec![v(INV_41, "wrong_actor")]);
    // The right actor from another body (RULES.md §1.6: actor_org must be the project's industry authority).
    let other = approve("C-1", Situation::S41_2).org("南阳市教育局");
    assert_eq!(rule_err(p.apply(other)), vec![v(INV_41, "wrong_actor")]);
    p.apply(c.mode(Mode::Record)).unwrap();
    let f = p.findings(d("2024-12-31"));
    assert!(f.iter().any(|f| f.code == "F-INV-53.1"));
    assert!(f.iter().any(|f| f.code == "F-INV-41"));
}

/// Source: INV-48.1 — an approved change's contract increase awaits the finance review; INV-43 — then the municipal consent.
#[test]
fn change_money_buckets() {
    let mut p = base();
    let k = vec![ContractAfter { contract_id: "C1".into(), price_after: yuan!("52000000.00") }];
    p.apply(propose("C-1", Situation::S41_6, "0.00", "0.00", k)).unwrap();
    p.apply(review("C-1")).unwrap();
    p.apply(approve("C-1", Situation::S41_6)).unwrap();
    let c1 = |p: &InvestmentProject| {
        let c = p.ledger().contract("C1").unwrap();
        (c.unreviewed, c.unconsented_43, c.change_extra)
    };
    let two = yuan!("2000000.00");
    assert!(p.ledger().changes["C-1"].inv43);
    assert_eq!(c1(&p), (two, Yuan::ZERO, Yuan::ZERO));
    assert_eq!(p.ledger().approved_change_amount, two);
    let fr = change(
        "C-1",
        FinanceReviewChange { reference: doc(DocKind::BudgetReviewReport) },
        Actor::Finance,
        "2024-03-12",
    );
    let mut wrong = fr.clone();
    wrong.actor = Actor::Drc;
    assert_eq!(rule_err(p.apply(wrong)), vec![v(INV_48_1, "wrong_actor")]);
    p.apply(fr).unwrap();
    assert_eq!(c1(&p), (Yuan::ZERO, two, Yuan::ZERO));
    let consent = ConsentExtraFunds {
        cause_analysis: doc(DocKind::Evidence),
        reference: doc(DocKind::Consent),
        responsibility: doc(DocKind::Evidence),
    };
    p.apply(change("C-1", consent, Actor::MunicipalGovernment, "2024-03-15")).unwrap();
    assert_eq!(c1(&p), (Yuan::ZERO, Yuan::ZERO, two));
    assert_eq!(p.ledger().contract("C1").unwrap().ceiling(), yuan!("52000000.00"));
    p.apply(implement("C-1")).unwrap();
    assert_eq!(state_of(&p, "C-1"), ChangeState::ChangeImplemented);
}

fn inv(e: impl Into<InvEvent>, actor: Actor, date: &str) -> Command {
    Command::new(Stream::project(MachineId::Inv, PID), e.into(), actor, d(date)).code(CODE)
}

fn adjust_price(contract: &str, after: &str, date: &str) -> Command {
    let p = crate::investment::events::AdjustContractPrice {
        basis: doc(DocKind::Evidence),
        contract_id: contract.into(),
        price_after: yuan!(after),
    };
    inv(p, Actor::ProjectUnit, date)
}

fn review_price(by: Actor, date: &str) -> Command {
    let p = crate::investment::events::ReviewPriceAdjustment { contract_id: None, reference: doc(DocKind::Approval) };
    inv(p, by, date)
}

/// Source: INV-41.5 — RULES.md §3.5 D3 at A = N = 100,000,000.00, C1 at 50,000,000.00: a rise
/// to 50,000,000.01 would lift N above A → V INV-41.5 `through_change_procedure` (nothing
/// changes); a fall to 49,000,000.00 is accepted and changes nothing until finance's review, which
/// sets the price (the ceiling) and counts δ in N (99,000,000.00, §3.5 B16). Then 50,000,000.01
/// (N 100,000,000.01) is OUT and 50,000,000.00 (N = A) IN; a second adjustment of the same
/// contract waits for the review (input error). B16: the approval of ADJ-1 (change C-1 +9,000,000.00,
/// derived N 108,000,000.00) absorbs the reviewed δ with the change (pending δ 0.00); the
/// unreviewed +1,000,000.00 reviewed later at A = 108,000,000.00 would lift N to 109,000,000.00:
/// V INV-41.5 at the review.
/// Source: INV-36 — only under the contract's price-adjustment clause (V `no_price_adjustment_clause`).
/// Source: INV-48.1 — finance reviews (another actor is refused).
#[test]
fn contract_price_adjustment_d3_b16() {
    let mut p = base();
    let before = p.clone();
    assert_eq!(
        rule_err(p.apply(adjust_price("C1", "50000000.01", "2024-02-01"))),
        vec![v(INV_41_5, "through_change_procedure")]
    );
    assert_eq!(p, before);
    let t = p.apply(adjust_price("C1", "49000000.00", "2024-02-01")).unwrap();
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(p.ledger().contract("C1").unwrap().ceiling(), yuan!("50000000.00"));
    assert_eq!(p.ledger().pending_delta, YuanDelta::ZERO);
    assert!(matches!(p.apply(review_price(Actor::ProjectUnit, "2024-02-05")), Err(Error::Rule(_))));
    let t = p.apply(review_price(Actor::Finance, "2024-02-05")).unwrap();
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(p.ledger().contract("C1").unwrap().ceiling(), yuan!("49000000.00"));
    assert_eq!(p.derive_new_total(YuanDelta::ZERO), Some(yuan!("99000000.00")));
    assert_eq!(
        rule_err(p.apply(adjust_price("C1", "50000000.01", "2024-02-10"))),
        vec![v(INV_41_5, "through_change_procedure")]
    );
    p.apply(adjust_price("C1", "50000000.00", "2024-02-10")).unwrap();
    let again = p.apply(adjust_price("C1", "49500000.00", "2024-02-10"));
    assert!(matches!(again, Err(Error::Input(ref e)) if e.path == "facts.contract_id"), "{again:?}");
    // No clause: INV-36.
    p.ledger.contracts[0].price_adjustment_clause = false;
    p.ledger.contracts.push(Contract { contract_id: "C2".into(), ..p.ledger.contracts[0].clone() });
    assert_eq!(
        rule_err(p.apply(adjust_price("C2", "1.00", "2024-02-10"))),
        vec![v(INV_36, "no_price_adjustment_clause")]
    );
    p.ledger.contracts.pop();
    p.ledger.contracts[0].price_adjustment_clause = true;
    // B16: the approved adjustment absorbs the reviewed δ (−1,000,000.00) with the change.
    approved(&mut p, "C-1", Situation::S41_2, "0.00", "9000000.00");
    assert_eq!(p.derive_new_total(YuanDelta::ZERO), Some(yuan!("108000000.00")));
    p.apply(apply_adj("ADJ-1", &["C-1"], "108000000.00", true)).unwrap();
    p.apply(evaluate("ADJ-1", Actor::IndustryAuthority)).unwrap();
    p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "108000000.00")).unwrap();
    let l = p.ledger();
    assert_eq!(l.pending_delta, YuanDelta::ZERO);
    assert_eq!(l.price_adjustments[0].absorbed_by.as_deref(), Some("ADJ-1"));
    assert!(!l.price_adjustments[1].reviewed && l.price_adjustments[1].absorbed_by.is_none());
    assert_eq!(
        rule_err(p.apply(review_price(Actor::Finance, "2024-04-20"))),
        vec![v(INV_41_5, "through_change_procedure")]
    );
}

/// Source: INV-40.2 — 先批准，后变更: above A the change waits for its adjustment (route 3 here), then is implemented.
#[test]
fn overrun_change_waits_for_route3_adjustment() {
    let mut p = base();
    let k = vec![ContractAfter { contract_id: "C1".into(), price_after: yuan!("58000000.00") }];
    p.apply(propose("C-1", Situation::S41_2, "0.00", "8000000.00", k)).unwrap();
    p.apply(review("C-1")).unwrap();
    p.apply(approve("C-1", Situation::S41_2)).unwrap();
    // Confirmation only: no money in play yet.
    assert_eq!(p.ledger().contract("C1").unwrap().unreviewed, Yuan::ZERO);
    let before = p.clone();
    assert_eq!(
        rule_err(p.apply(implement("C-1"))),
        vec![v(INV_40_2, "after_approval_only"), v(INV_48_2, "no_approved_adjustment")]
    );
    assert_eq!(p, before);
    // The derived N prevails (AMB-41).
    let bad = p.apply(apply_adj("ADJ-1", &["C-1"], "108000000.01", true));
    assert!(matches!(bad, Err(Error::Input(ref e)) if e.reason == InputReason::NMismatch));
    let t = p.apply(apply_adj("ADJ-1", &["C-1"], "108000000.00", true)).unwrap();
    assert_eq!(t.to, "adj_applied");
    assert_eq!(p.ledger().adjustments["ADJ-1"].route, OverrunRouteKind::Route3SelfFunded);
    // Still not implementable while the adjustment is pending.
    assert_eq!(
        rule_err(p.apply(implement("C-1"))),
        vec![v(INV_40_2, "after_approval_only"), v(INV_48_3, "no_approved_adjustment")]
    );
    // Route 3: the industry authority commissions the evaluation and approves.
    assert_eq!(
        rule_err(p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "108000000.00"))),
        vec![v(INV_49_1, "not_evaluated")]
    );
    assert_eq!(rule_err(p.apply(evaluate("ADJ-1", Actor::Drc))), vec![v(INV_49_1, "wrong_actor")]);
    p.apply(evaluate("ADJ-1", Actor::IndustryAuthority)).unwrap();
    let t = p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "108000000.00")).unwrap();
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    let l = p.ledger();
    assert_eq!(l.estimate, Some(yuan!("108000000.00")));
    assert_eq!(l.original_estimate, Some(yuan!("100000000.00")));
    assert_eq!(l.adjustments_approved, 1);
    assert_eq!(l.pending_delta, YuanDelta::ZERO);
    assert_eq!(l.changes["C-1"].absorbed_by.as_deref(), Some("ADJ-1"));
    assert_eq!(l.contract("C1").unwrap().unreviewed, yuan!("8000000.00"));
    p.apply(implement("C-1")).unwrap();
    let fr = adjustment(
        "ADJ-1",
        FinanceReviewAdjustment { reference: doc(DocKind::BudgetReviewReport) },
        Actor::Finance,
        "2024-04-20",
    );
    p.apply(fr).unwrap();
    assert_eq!(p.ledger().contract("C1").unwrap().change_extra, yuan!("8000000.00"));
    assert_eq!(p.ledger().adjustments["ADJ-1"].state, AdjState::AdjFinanceReviewed);
}

/// Source: INV-48.3 — exactly +10 % is route 2 by default (the industry authority may not approve it), route 3 with `inv48_3_inclusive`.
#[test]
fn plus_ten_percent_approval_authority() {
    for inclusive in [false, true] {
        let mut p = base_with(Config { inv48_3_inclusive: inclusive, ..Config::default() });
        approved(&mut p, "C-1", Situation::S41_2, "0.00", "10000000.00");
        p.apply(apply_adj("ADJ-1", &["C-1"], "110000000.00", true)).unwrap();
        let route = p.ledger().adjustments["ADJ-1"].route;
        let by = if inclusive { Actor::IndustryAuthority } else { Actor::Drc };
        p.apply(evaluate("ADJ-1", by)).unwrap();
        let ia = p.clone().apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "110000000.00"));
        if inclusive {
            assert_eq!(route, OverrunRouteKind::Route3SelfFunded);
            assert!(ia.unwrap().outcomes.is_empty());
        } else {
            assert_eq!(route, OverrunRouteKind::Route2GovThenDrc);
            assert_eq!(
                rule_err(ia),
                vec![v(INV_48_2, "wrong_actor"), v(INV_48_2, "no_gov_consent"), v(INV_48_3, "over_10_percent"),]
            );
            // Source: INV-53.1, INV-53.3 — recorded anyway: approved by the wrong authority, 48.3 at +10 %.
            p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "110000000.00").mode(Mode::Record)).unwrap();
            let codes: Vec<String> = p.findings(d("2024-12-31")).into_iter().map(|f| f.code).collect();
            assert!(codes.contains(&"F-INV-53.1".to_string()), "{codes:?}");
            assert!(codes.contains(&"F-INV-53.3".to_string()), "{codes:?}");
        }
    }
}

/// Source: INV-48 — 百分之七十及以上: W = 70 % of A0 applies, 70 % − 0.01 defers; a deferred adjustment is re-filed on the same id.
#[test]
fn seventy_percent_gate_on_apply() {
    for (w, to) in [("70000000.00", "adj_applied"), ("69999999.99", "adj_deferred")] {
        let mut p = base();
        p.ledger.certified_completed = Some(yuan!(w));
        approved(&mut p, "C-1", Situation::S41_2, "0.00", "5000000.00");
        let t = p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", false)).unwrap();
        assert_eq!(t.to, to, "{w}");
        assert!(t.outcomes.is_empty());
        if to == "adj_deferred" {
            assert_eq!(rule_err(p.apply(implement("C-1"))), vec![v(INV_48, "blocked_below_70")]);
            // Certified later at 70 %: re-filing moves it on.
            p.ledger.certified_completed = Some(yuan!("70000000.00"));
            let t = p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", false)).unwrap();
            assert_eq!((t.from.as_ref(), t.to.as_ref()), ("adj_deferred", "adj_applied"));
        }
    }
}

/// Source: INV-48 — AMB-13: below 70 % a municipal consent counts only with `allow_below_70_with_municipal_consent`.
#[test]
fn below_70_with_municipal_consent_switch() {
    for allow in [false, true] {
        let mut p = base_with(Config { allow_below_70_with_municipal_consent: allow, ..Config::default() });
        p.ledger.certified_completed = Some(yuan!("10000000.00"));
        approved(&mut p, "C-1", Situation::S41_2, "0.00", "5000000.00");
        assert_eq!(p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", false)).unwrap().to, "adj_deferred");
        let c = p.apply(consent_adj("ADJ-1"));
        if allow {
            c.unwrap();
            p.apply(implement("C-1")).unwrap();
        } else {
            assert_eq!(rule_err(c), vec![v(INV_48, "blocked_below_70")]);
            assert_eq!(rule_err(p.apply(implement("C-1"))), vec![v(INV_48, "blocked_below_70")]);
        }
    }
}

/// Source: INV-48.2 — route 2 needs the municipal consent before drc approves; INV-49.1 — and the evaluation.
#[test]
fn route2_consent_and_evaluation() {
    let mut p = base();
    approved(&mut p, "C-1", Situation::S41_3, "0.00", "12000000.00");
    p.apply(apply_adj("ADJ-1", &["C-1"], "112000000.00", false)).unwrap();
    assert_eq!(p.ledger().adjustments["ADJ-1"].route, OverrunRouteKind::Route2GovThenDrc);
    assert_eq!(
        rule_err(p.apply(approve_adj("ADJ-1", Actor::Drc, "112000000.00"))),
        vec![v(INV_48_2, "no_gov_consent"), v(INV_49_1, "not_evaluated"),]
    );
    // Either order (AMB-14).
    p.apply(evaluate("ADJ-1", Actor::Drc)).unwrap();
    p.apply(consent_adj("ADJ-1")).unwrap();
    assert_eq!(
        rule_err(p.apply(approve_adj("ADJ-1", Actor::Drc, "112000000.01"))),
        vec![v(INV_45_1, "above_requested")]
    );
    let t = p.apply(approve_adj("ADJ-1", Actor::Drc, "111000000.00")).unwrap();
    assert!(t.outcomes.is_empty());
    // Approved below N: A is the approved figure.
    assert_eq!(p.ledger().estimate, Some(yuan!("111000000.00")));
    p.apply(implement("C-1")).unwrap();
}

/// Source: INV-49.2 — 原则上只允许调整一次: the second approval is a default_breach unless a drc exception was recorded first.
#[test]
fn second_adjustment_needs_exception() {
    for with_exception in [false, true] {
        let mut p = base();
        approved(&mut p, "C-1", Situation::S41_2, "0.00", "5000000.00");
        p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", true)).unwrap();
        p.apply(evaluate("ADJ-1", Actor::IndustryAuthority)).unwrap();
        p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "105000000.00")).unwrap();
        let mut c2 = propose("C-2", Situation::S41_2, "0.00", "6000000.00", vec![]);
        c2.date = d("2024-05-01");
        p.apply(c2).unwrap();
        let mut r = review("C-2");
        r.date = d("2024-05-02");
        p.apply(r).unwrap();
        let mut a = approve("C-2", Situation::S41_2);
        a.date = d("2024-05-03");
        p.apply(a).unwrap();
        let mut ap = apply_adj("ADJ-2", &["C-2"], "111000000.00", false);
        ap.date = d("2024-05-04");
        p.apply(ap).unwrap();
        for mut c in [evaluate("ADJ-2", Actor::Drc), consent_adj("ADJ-2")] {
            c.date = d("2024-05-05");
            p.apply(c).unwrap();
        }
        if with_exception {
            let e = RuleException {
                decision_ref: doc(DocKind::Approval),
                event: Some("approve_adjustment".into()),
                reason: "geological hazard found after the first adjustment".into(),
                rule_id: INV_49_2,
                scope: ExceptionScope::One,
            };
            let c = Command::new(p.stream(), InvEvent::from(e), Actor::Drc, d("2024-05-06")).code(CODE);
            p.apply(c).unwrap();
        }
        let mut c = approve_adj("ADJ-2", Actor::Drc, "111000000.00");
        c.date = d("2024-05-07");
        let t = p.apply(c).unwrap();
        if with_exception {
            assert!(t.outcomes.is_empty());
            assert_eq!(t.exceptions_used.len(), 1);
        } else {
            assert_eq!(t.outcomes, vec![out(OutcomeKind::DefaultBreach, INV_49_2, "second_adjustment")]);
            assert!(p.findings(d("2024-12-31")).iter().any(|f| f.code == "F-INV-53.3"));
        }
        assert_eq!(p.ledger().adjustments_approved, 2);
    }
}

/// Source: INV-49.2 — the exception's authority follows the route (RULES.md §1.8): an industry-authority
/// exception covers a route 3 approval, not a route 2 one; a drc exception does not cover route 3.
#[test]
fn second_adjustment_exception_authority_per_route() {
    // (route 3 second adjustment?, exception by, covered)
    for (route3, by, covered) in [
        (true, Actor::IndustryAuthority, true),
        (true, Actor::Drc, false),
        (false, Actor::Drc, true),
        (false, Actor::IndustryAuthority, false),
    ] {
        let mut p = base();
        approved(&mut p, "C-1", Situation::S41_2, "0.00", "5000000.00");
        p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", true)).unwrap();
        p.apply(evaluate("ADJ-1", Actor::IndustryAuthority)).unwrap();
        p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "105000000.00")).unwrap();
        // A second overrun of 3 % (route 3 when self-funded) or 12 % (route 2).
        let (amount, n) = if route3 { ("3000000.00", "108000000.00") } else { ("12000000.00", "117000000.00") };
        for (k, mut c) in [
            propose("C-2", Situation::S41_2, "0.00", amount, vec![]),
            review("C-2"),
            approve("C-2", Situation::S41_2),
            apply_adj("ADJ-2", &["C-2"], n, route3),
        ]
        .into_iter()
        .enumerate()
        {
            c.date = d("2024-05-01") + chrono::Days::new(k as u64);
            p.apply(c).unwrap();
        }
        let approver = if route3 { Actor::IndustryAuthority } else { Actor::Drc };
        for mut c in [evaluate("ADJ-2", approver), consent_adj("ADJ-2")] {
            c.date = d("2024-05-10");
            p.apply(c).unwrap();
        }
        let e = RuleException {
            decision_ref: doc(DocKind::Approval),
            event: None,
            reason: "a second overrun from a new flood standard".into(),
            rule_id: INV_49_2,
            scope: ExceptionScope::One,
        };
        let mut ec = Command::new(p.stream(), InvEvent::from(e), by, d("2024-05-11")).code(CODE);
        if by == Actor::IndustryAuthority {
            ec = ec.org(IA_ORG);
        }
        p.apply(ec).unwrap();
        let mut c = approve_adj("ADJ-2", approver, n);
        c.date = d("2024-05-12");
        let t = p.apply(c).unwrap();
        assert_eq!(t.exceptions_used.is_empty(), !covered, "route3={route3} by={by}");
        assert_eq!(t.outcomes.is_empty(), covered, "route3={route3} by={by}: {:?}", t.outcomes);
    }
}

/// Source: INV-46.1 — 原则上不再调整: N ≤ A, or the contingency covers the overrun; INV-46.2; INV-47 the file.
#[test]
fn adjustment_file_and_defaults() {
    let mut p = base();
    let mut c = apply_adj("ADJ-1", &[], "100000000.00", false);
    if let crate::Event::Adjustment(AdjustmentEvent::ApplyAdjustment(a)) = &mut c.event {
        a.cause = OverrunCause::Other;
    }
    let t = p.clone().apply(c.clone()).unwrap();
    assert_eq!(t.outcomes, vec![out(OutcomeKind::DefaultBreach, INV_46_1, "within_estimate")]);
    // Contingency 2,000,000.00 left: an overrun of exactly that is covered, one fen more is not.
    for (n, covered) in [("102000000.00", true), ("102000000.01", false)] {
        let mut c = c.clone();
        if let crate::Event::Adjustment(AdjustmentEvent::ApplyAdjustment(a)) = &mut c.event {
            a.new_total = yuan!(n);
        }
        let t = p.clone().apply(c).unwrap();
        assert_eq!(t.outcomes.is_empty(), !covered, "{n}");
    }
    if let crate::Event::Adjustment(AdjustmentEvent::ApplyAdjustment(a)) = &mut c.event {
        a.new_total = yuan!("103000000.00");
        a.price_rise_in_fee_base = true;
        a.materials = vec![doc(DocKind::Approval)];
    }
    let o = rule_err(p.apply(c.clone()));
    assert_eq!(o, vec![v(INV_47, "missing_adjusted_estimate_report"), v(INV_46_2, "price_rise_in_fee_base")]);
    c.co_actors.clear();
    assert!(rule_err(p.apply(c)).contains(&v(INV_8, "missing_co_actor")));
}

/// Source: INV-50 — a subjective overrun is regularised only after the accountability case is consented (AMB-19); INV-50.1 the steps.
#[test]
fn subjective_overrun_and_accountability() {
    let mut p = base();
    let mut c = apply_adj("ADJ-9", &[], "108000000.00", false);
    if let crate::Event::Adjustment(AdjustmentEvent::ApplyAdjustment(a)) = &mut c.event {
        a.cause = OverrunCause::Subjective;
        a.materials.pop();
    }
    assert_eq!(rule_err(p.apply(c.clone())), vec![v(INV_50, "accountability_pending")]);
    let open = OpenAccountability {
        adjustment_id: Some("ADJ-9".into()),
        case_id: "K-1".into(),
        cause: AccCause::DeclareSmallBuildBig,
        new_total: yuan!("108000000.00"),
        reference: doc(DocKind::Approval),
    };
    let mut none = open.clone();
    none.new_total = yuan!("100000000.00");
    assert_eq!(
        rule_err(p.apply(case("K-1", none, Actor::IndustryAuthority, "2024-03-01"))),
        vec![v(INV_50, "no_overrun")]
    );
    p.apply(case("K-1", open, Actor::IndustryAuthority, "2024-03-01")).unwrap();
    let units = vec![
        ResponsibleUnit {
            base: Some(yuan!("50000000.00")),
            unit: "市卫健委".into(),
            unit_kind: UnitKind::AdminOrPublicUnit,
        },
        ResponsibleUnit { base: None, unit: "城投公司".into(), unit_kind: UnitKind::PlatformCompany },
    ];
    let det = DetermineResponsibility { handling: vec![], units: units.clone() };
    assert_eq!(
        rule_err(p.apply(case("K-1", det, Actor::IndustryAuthority, "2024-03-05"))),
        vec![v(INV_50_1, "no_handling_opinion")]
    );
    let det = DetermineResponsibility { handling: vec![doc(DocKind::Opinion)], units };
    p.apply(case("K-1", det, Actor::IndustryAuthority, "2024-03-05")).unwrap();
    // Consent before the handling is implemented is not a valid transition.
    let consent = || {
        case(
            "K-1",
            GovConsentAccountability { reference: doc(DocKind::Consent) },
            Actor::MunicipalGovernment,
            "2024-03-20",
        )
    };
    assert!(matches!(p.clone().apply(consent()), Err(Error::Transition(_))));
    p.apply(case(
        "K-1",
        ImplementHandling { refs: vec![doc(DocKind::Evidence)] },
        Actor::IndustryAuthority,
        "2024-03-15",
    ))
    .unwrap();
    p.apply(consent()).unwrap();
    // Now the adjustment is a general drc adjustment.
    c.date = d("2024-03-25");
    let t = p.apply(c).unwrap();
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(p.ledger().adjustments["ADJ-9"].route, OverrunRouteKind::GeneralDrcAdjustment);
    assert!(p.findings(d("2024-12-31")).iter().any(|f| f.code == "F-INV-50"));
}

/// Source: INV-50.2 — 同比例扣减 for admin units (§4.9), self-funding for platform companies; acc_funded when every unit funded.
#[test]
fn fund_overrun_per_unit() {
    let mut p = base();
    let open = OpenAccountability {
        adjustment_id: None,
        case_id: "K-1".into(),
        cause: AccCause::PoorManagement,
        new_total: yuan!("108000000.00"),
        reference: doc(DocKind::Approval),
    };
    p.apply(case("K-1", open, Actor::IndustryAuthority, "2024-03-01")).unwrap();
    let units = vec![
        ResponsibleUnit {
            base: Some(yuan!("50000000.00")),
            unit: "市卫健委".into(),
            unit_kind: UnitKind::AdminOrPublicUnit,
        },
        ResponsibleUnit { base: None, unit: "城投公司".into(), unit_kind: UnitKind::PlatformCompany },
    ];
    p.apply(case(
        "K-1",
        DetermineResponsibility { handling: vec![doc(DocKind::Opinion)], units },
        Actor::IndustryAuthority,
        "2024-03-05",
    ))
    .unwrap();
    p.apply(case(
        "K-1",
        ImplementHandling { refs: vec![doc(DocKind::Evidence)] },
        Actor::IndustryAuthority,
        "2024-03-15",
    ))
    .unwrap();
    p.apply(case(
        "K-1",
        GovConsentAccountability { reference: doc(DocKind::Consent) },
        Actor::MunicipalGovernment,
        "2024-03-20",
    ))
    .unwrap();
    // Not funded in the next budget year: F-INV-50.2 for both units.
    let f = p.findings(d("2025-01-01"));
    assert_eq!(f.iter().filter(|f| f.code == "F-INV-50.2").count(), 2);
    assert!(p.findings(d("2024-12-31")).iter().all(|f| f.code != "F-INV-50.2"));
    let fund = |unit: &str, kind, amount: &str, by| {
        case(
            "K-1",
            FundOverrun { amount: yuan!(amount), kind, reference: doc(DocKind::Evidence), unit: unit.into() },
            by,
            "2024-11-01",
        )
    };
    // 50,000,000.00 × 8 % = 4,000,000.00; one fen less is not per the formula.
    let t = p.clone().apply(fund("市卫健委", FundKind::Deduction, "3999999.99", Actor::Finance)).unwrap();
    assert_eq!(t.outcomes, vec![out(OutcomeKind::DefaultBreach, INV_50_2, "not_per_formula")]);
    assert_eq!(
        rule_err(p.clone().apply(fund("市卫健委", FundKind::Deduction, "4000000.00", Actor::ProjectUnit))),
        vec![v(INV_50_2, "wrong_actor")]
    );
    let t = p.apply(fund("市卫健委", FundKind::Deduction, "4000000.00", Actor::Finance)).unwrap();
    assert!(t.outcomes.is_empty());
    assert_eq!(t.to, "acc_gov_consented");
    let t = p.clone().apply(fund("城投公司", FundKind::Deduction, "4000000.00", Actor::Finance)).unwrap();
    assert_eq!(t.outcomes, vec![out(OutcomeKind::DefaultBreach, INV_50_2, "no_self_funding")]);
    assert!(matches!(
        p.clone().apply(fund("城投公司", FundKind::SelfFunding, "4000000.01", Actor::ProjectUnit)),
        Err(Error::Input(_))
    ));
    let t = p.apply(fund("城投公司", FundKind::SelfFunding, "4000000.00", Actor::ProjectUnit)).unwrap();
    assert_eq!(t.to, "acc_funded");
    assert!(p.findings(d("2025-06-01")).iter().all(|f| f.code != "F-INV-50.2"));
    assert_canonical(&p);
}

/// Source: INV-44.2 — the post-hoc filing is on time on the 5th working day after the order, late on the 6th; never filed → overdue.
#[test]
fn emergency_filing_deadline() {
    let order = |p: &mut InvestmentProject, id: &str| {
        let o = EmergencyChangeOrder {
            change_id: id.into(),
            contracts: vec![],
            description: "shore up the collapsed foundation pit".into(),
            estimate_delta: delta("0.00", "300000.00"),
            order_date: d("2023-06-05"),
            report_ref: doc(DocKind::Evidence),
            situation: Some(Situation::S41_2),
        };
        p.apply(change(id, o, Actor::ProjectUnit, "2023-06-05")).unwrap();
    };
    let file = |id: &str, date: &str| {
        let f = FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
        change(id, f, Actor::ProjectUnit, date)
    };
    for (date, late) in [("2023-06-12", false), ("2023-06-13", true)] {
        let mut p = base();
        order(&mut p, "E-1");
        assert_eq!(p.obligations(d("2023-06-05"))[0].obligation.due, d("2023-06-12"));
        assert_eq!(p.changes_blocking_completion(), vec![("E-1".to_string(), INV_44_2)]);
        let t = p.apply(file("E-1", date)).unwrap();
        assert_eq!(t.outcomes, if late { vec![out(OutcomeKind::Finding, INV_44_2, "late")] } else { vec![] });
        assert!(p.obligations(d("2023-06-30")).is_empty());
        // AMB-43: a filed emergency change (even late, still undecided) does not block completion.
        assert!(p.changes_blocking_completion().is_empty());
        let codes: Vec<String> = p.findings(d("2023-12-31")).into_iter().map(|f| f.code).collect();
        assert_eq!(codes.contains(&"F-INV-44.2".to_string()), late, "{date}");
    }
    let mut p = base();
    order(&mut p, "E-1");
    assert!(!p.obligations(d("2023-06-12"))[0].overdue);
    assert!(p.obligations(d("2023-06-13"))[0].overdue);
    let f = p.findings(d("2023-06-13"));
    assert!(f.iter().any(|f| f.code == "F-INV-44.2" && f.detail == "overdue"));
    // Confirmation may come before or after the filing.
    let conf = change(
        "E-1",
        ConfirmEmergencyChange { reference: doc(DocKind::Approval) },
        Actor::IndustryAuthority,
        "2023-06-06",
    );
    assert_eq!(p.apply(conf).unwrap().to, "change_confirmed");
    p.apply(file("E-1", "2023-06-07")).unwrap();
    let mut a = approve("E-1", Situation::S41_2);
    a.date = d("2023-06-08");
    let t = p.apply(a).unwrap();
    assert_eq!(t.to, "change_implemented");
    // Above A (N = 100,300,000.00): implemented under INV-44, money waits for the adjustment.
    assert!(p.ledger().changes["E-1"].overrun && p.ledger().changes["E-1"].bucket.is_none());
}

/// Source: INV-40.2 — a rejected post-hoc change: finding implemented_before_approval; INV-50 (§3.5 A5,
/// revising AMB-48) warning `review_required`, no automatic case even with N > A; the δ stays in N
/// as emergency δ, never in U; the authority opens the case by `open_accountability`.
#[test]
fn rejected_post_hoc_change_is_reviewed() {
    let mut p = base();
    let o = EmergencyChangeOrder {
        change_id: "E-1".into(),
        contracts: vec![],
        description: "extra storey".into(),
        estimate_delta: delta("0.00", "3000000.00"),
        order_date: d("2024-03-01"),
        report_ref: doc(DocKind::Evidence),
        situation: None,
    };
    p.apply(change("E-1", o, Actor::ProjectUnit, "2024-03-01")).unwrap();
    let f = FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
    p.apply(change("E-1", f, Actor::ProjectUnit, "2024-03-04")).unwrap();
    let r = RejectChange { reasons: "not an emergency".into(), reference: doc(DocKind::Opinion) };
    let t = p.apply(change("E-1", r, Actor::IndustryAuthority, "2024-03-08")).unwrap();
    assert_eq!(
        t.outcomes,
        vec![
            out(OutcomeKind::Finding, INV_40_2, "implemented_before_approval"),
            out(OutcomeKind::Warning, INV_50, "review_required")
        ]
    );
    assert!(p.ledger().cases.is_empty());
    assert_eq!(p.derive_new_total(YuanDelta::ZERO), Some(yuan!("103000000.00")));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::ZERO);
    let open = OpenAccountability {
        adjustment_id: None,
        case_id: "E-1".into(),
        cause: AccCause::UnauthorisedDesignChange,
        new_total: yuan!("103000000.00"),
        reference: doc(DocKind::Approval),
    };
    p.apply(case("E-1", open, Actor::IndustryAuthority, "2024-03-09")).unwrap();
    let k = &p.ledger().cases["E-1"];
    assert_eq!(
        (k.state, k.cause, k.new_total),
        (AccState::AccOpened, AccCause::UnauthorisedDesignChange, yuan!("103000000.00"))
    );
    let codes: Vec<String> = p.findings(d("2024-12-31")).into_iter().map(|f| f.code).collect();
    assert!(codes.contains(&"F-INV-40.2".into()) && codes.contains(&"F-INV-50".into()));
    // The case continues on its own stream.
    let det = DetermineResponsibility {
        handling: vec![doc(DocKind::Opinion)],
        units: vec![ResponsibleUnit { base: None, unit: "城投公司".into(), unit_kind: UnitKind::PlatformCompany }],
    };
    p.apply(case("E-1", det, Actor::IndustryAuthority, "2024-03-10")).unwrap();
    assert_canonical(&p);
}

/// Source: INV-44.2 — AMB-43: an unfiled emergency change or a pending non-emergency change blocks completion;
/// a stop or withdrawal cancels open changes and adjustments, emergency changes keep their filing duty.
#[test]
fn hooks_block_and_cancel() {
    let mut p = base();
    approved(&mut p, "C-1", Situation::S41_2, "0.00", "5000000.00");
    let mut c2 = propose("C-2", Situation::S41_1, "0.00", "0.00", vec![]);
    c2.date = d("2024-03-11");
    p.apply(c2).unwrap();
    p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", true)).unwrap();
    let o = EmergencyChangeOrder {
        change_id: "E-1".into(),
        contracts: vec![],
        description: "flood barrier".into(),
        estimate_delta: delta("0.00", "100.00"),
        order_date: d("2024-04-02"),
        report_ref: doc(DocKind::Evidence),
        situation: None,
    };
    p.apply(change("E-1", o, Actor::ProjectUnit, "2024-04-02")).unwrap();
    let mut blocking = p.changes_blocking_completion();
    blocking.sort();
    let expected = vec![("C-1".to_string(), INV_40_2), ("C-2".to_string(), INV_40_2), ("E-1".to_string(), INV_44_2)];
    assert_eq!(blocking, expected);
    let w = Command::new(
        p.stream(),
        InvEvent::from(WithdrawProject { reason: "funds withdrawn".into() }),
        Actor::ProjectUnit,
        d("2024-04-03"),
    )
    .code(CODE);
    p.apply(w).unwrap();
    let l = p.ledger();
    assert_eq!(l.changes["C-1"].state, ChangeState::ChangeCancelled);
    assert_eq!(l.changes["C-2"].state, ChangeState::ChangeCancelled);
    assert_eq!(l.changes["E-1"].state, ChangeState::ChangeEmergencyOrdered);
    assert_eq!(l.adjustments["ADJ-1"].state, AdjState::AdjCancelled);
    // RULES.md §3.3.7: the emergency δ stays in N (the work exists); the cancelled ones leave it.
    assert_eq!(l.pending_delta, YuanDelta::between(Yuan::ZERO, yuan!("100.00")));
    assert_eq!(p.obligations(d("2024-04-03")).len(), 1);
    // No new change in a withdrawn project; the emergency filing still goes in.
    let mut c3 = propose("C-3", Situation::S41_1, "0.00", "0.00", vec![]);
    c3.date = d("2024-04-05");
    let e = p.apply(c3);
    assert!(matches!(e, Err(Error::Transition(ref t)) if t.detail == "project_terminal"));
    let f = FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
    p.apply(change("E-1", f, Actor::ProjectUnit, "2024-04-08")).unwrap();
}

/// Source: INV-55.3 — no implementation while the project is suspended; a major change implemented before approval is F-INV-55.3.
#[test]
fn suspended_and_unapproved_implementation() {
    let mut p = base();
    approved(&mut p, "C-1", Situation::S41_1, "0.00", "0.00");
    p.state = Some(InvState::Suspended);
    assert_eq!(rule_err(p.apply(implement("C-1"))), vec![v(INV_55_3, "project_suspended")]);

    let mut q = base();
    let mut c = propose("C-2", Situation::S41_2, "0.00", "9000000.00", vec![]);
    if let crate::Event::Change(ChangeEvent::ProposeChange(pc)) = &mut c.event {
        pc.major = true;
    }
    q.apply(c).unwrap();
    q.apply(review("C-2")).unwrap();
    q.apply(approve("C-2", Situation::S41_2)).unwrap();
    let t = q.apply(implement("C-2").mode(Mode::Record)).unwrap();
    assert_eq!(t.outcomes.len(), 2);
    let codes: Vec<String> = q.findings(d("2024-12-31")).into_iter().map(|f| f.code).collect();
    for c in ["F-INV-40.2", "F-INV-48.2", "F-INV-55.3", "F-INV-55.4"] {
        assert!(codes.contains(&c.to_string()), "{c} in {codes:?}");
    }
}

/// Source: INV-40.1 — a change implemented before the industry authority approved it is an unauthorised
/// change: rejected in enforce mode (nothing changes), stored as F-INV-40.1 in record mode (F-INV-40.2 too
/// when major); its money never comes into play (no contract increase, not counted in N).
#[test]
fn implementation_before_approval_40_1() {
    let mut p = base();
    let k = ContractAfter { contract_id: "C1".into(), price_after: yuan!("50500000.00") };
    p.apply(propose("C-1", Situation::S41_1, "0.00", "0.00", vec![k])).unwrap();
    let before = p.state_json();
    assert_eq!(rule_err(p.apply(implement("C-1"))), vec![v(INV_40_1, "unauthorised_change")]);
    assert_eq!(p.state_json(), before);
    p.apply(review("C-1")).unwrap();
    let t = p.apply(implement("C-1").mode(Mode::Record)).unwrap();
    assert_eq!(t.from, "change_reviewed");
    assert_eq!(t.to, "change_implemented");
    assert_eq!(t.outcomes, vec![out(OutcomeKind::Finding, INV_40_1, "unauthorised_change")]);
    // RULES.md §3.3.7: its δ counts in N as unauthorised δ (U), and no money comes into play.
    let ch = &p.ledger().changes["C-1"];
    assert!(ch.counted && ch.unauthorised && ch.bucket.is_none());
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::ZERO);
    assert_eq!(p.ledger().approved_change_amount, Yuan::ZERO);
    // A finance review of the unapproved change releases no money either.
    let r = FinanceReviewChange { reference: doc(DocKind::BudgetReviewReport) };
    p.apply(change("C-1", r, Actor::Finance, "2024-04-22")).unwrap();
    assert!(p.ledger().changes["C-1"].bucket.is_none());
    assert_eq!(p.ledger().contract("C1").map(|c| c.ceiling()), Some(yuan!("50000000.00")));

    // Major: 40.2 as well; an approved change implements cleanly.
    let mut p = base();
    let mut c = propose("C-2", Situation::S41_1, "0.00", "0.00", vec![]);
    if let crate::Event::Change(ChangeEvent::ProposeChange(pc)) = &mut c.event {
        pc.major = true;
    }
    p.apply(c).unwrap();
    let t = p.apply(implement("C-2").mode(Mode::Record)).unwrap();
    assert_eq!(
        t.outcomes,
        vec![
            out(OutcomeKind::Finding, INV_40_1, "unauthorised_change"),
            out(OutcomeKind::Finding, INV_40_2, "after_approval_only")
        ]
    );
    let codes: Vec<String> = p.findings(d("2024-12-31")).into_iter().map(|f| f.code).collect();
    assert!(codes.contains(&"F-INV-40.1".to_string()) && codes.contains(&"F-INV-40.2".to_string()));
    let mut p = base();
    approved(&mut p, "C-3", Situation::S41_1, "0.00", "0.00");
    assert!(p.apply(implement("C-3")).unwrap().outcomes.is_empty());
}

/// Source: INV-23.3 — a material change needs the report to the original approver before its approval.
#[test]
fn material_change_needs_report() {
    let mut p = base();
    let mut c = propose("C-1", Situation::S41_2, "0.00", "0.00", vec![]);
    if let crate::Event::Change(ChangeEvent::ProposeChange(pc)) = &mut c.event {
        pc.material = vec![MaterialChange::Location];
    }
    p.apply(c).unwrap();
    p.apply(review("C-1")).unwrap();
    assert_eq!(rule_err(p.apply(approve("C-1", Situation::S41_2))), vec![v(INV_23_3, "report_due")]);
}

/// Source: INV-41 — parts mode (AMB-25): bigdata_bureau plays the industry authority, soe the project unit;
/// INV-55.1 — a host suspended under 55.1 blocks the implementation.
#[test]
fn parts_mode_roles() {
    let mut p = InvestmentProject::for_parts(Context::default(), "D1", yuan!("30000000.00"), PartsHost::digital());
    let mk = |e: ChangeEvent, actor: Actor| {
        Command::new(Stream::sub(MachineId::Change, "D1", "C-1"), e, actor, d("2024-03-01"))
    };
    let pc = ProposeChange {
        budget_after: None,
        change_id: "C-1".into(),
        contracts: vec![],
        description: "more servers".into(),
        estimate_delta: delta("0.00", "100000.00"),
        major: false,
        material: vec![],
        situation: Situation::S41_3,
    };
    assert_eq!(rule_err(p.apply(mk(pc.clone().into(), Actor::ProjectUnit))), vec![v(INV_41, "wrong_actor")]);
    p.apply(mk(pc.into(), Actor::Soe)).unwrap();
    let units = [Actor::SurveyUnit, Actor::DesignUnit, Actor::SupervisionUnit, Actor::Contractor];
    let r = InternalReview {
        expert_demonstration: None,
        opinions: units
            .iter()
            .map(|u| ReviewOpinion { agree: true, reference: doc(DocKind::Opinion), unit: *u })
            .collect(),
    };
    let mut rc = mk(r.into(), Actor::Soe);
    for u in units {
        rc = rc.with(u, "");
    }
    p.apply(rc).unwrap();
    let a = ApproveChange { reference: doc(DocKind::Approval), situation: Situation::S41_3 };
    assert_eq!(rule_err(p.apply(mk(a.clone().into(), Actor::IndustryAuthority))), vec![v(INV_41, "wrong_actor")]);
    p.apply(mk(a.into(), Actor::BigdataBureau)).unwrap();
    assert!(p.ledger().changes["C-1"].overrun);
    p.set_parts_host(PartsHost { suspended: Some(INV_55_1), ..PartsHost::digital() });
    let i = mk(ChangeEvent::ImplementChange(Box::new(NoFacts {})), Actor::Soe);
    assert!(rule_err(p.apply(i)).contains(&v(INV_55_1, "project_suspended")));
}

#[test]
fn unknown_project_and_instance() {
    let mut p = InvestmentProject::new(Context::default());
    let e = p.apply(propose("C-1", Situation::S41_1, "0.00", "0.00", vec![]));
    assert!(matches!(e, Err(Error::Transition(ref t)) if t.detail == "unknown_project"));
    let mut q = base();
    assert!(matches!(q.apply(review("C-9")), Err(Error::Transition(ref t)) if t.detail == "unknown_instance"));
    q.apply(propose("C-1", Situation::S41_1, "0.00", "0.00", vec![])).unwrap();
    let again = q.apply(propose("C-1", Situation::S41_1, "0.00", "0.00", vec![]));
    assert!(matches!(again, Err(Error::Transition(ref t)) if t.detail == "reused_instance"));
    let mut wrong = propose("C-2", Situation::S41_1, "0.00", "0.00", vec![]);
    wrong.stream.instance = "C-3".into();
    assert!(matches!(q.apply(wrong), Err(Error::Input(ref e)) if e.reason == InputReason::WrongStream));
    let k = vec![ContractAfter { contract_id: "NOPE".into(), price_after: Yuan::ZERO }];
    let e = q.apply(propose("C-4", Situation::S41_1, "0.00", "0.00", k));
    assert!(matches!(e, Err(Error::Input(ref e)) if e.reason == InputReason::UnknownId));
}

/// Source: INV-57 — re-applying the logged sub-machine commands to the same base reproduces the project.
#[test]
fn reapplying_the_log_reproduces() {
    let mut p = base();
    approved(&mut p, "C-1", Situation::S41_2, "0.00", "5000000.00");
    p.apply(apply_adj("ADJ-1", &["C-1"], "105000000.00", true)).unwrap();
    p.apply(evaluate("ADJ-1", Actor::IndustryAuthority)).unwrap();
    p.apply(approve_adj("ADJ-1", Actor::IndustryAuthority, "105000000.00")).unwrap();
    p.apply(implement("C-1")).unwrap();
    let mut q = base();
    for e in &p.log().entries()[1..] {
        q.apply(e.command()).unwrap();
    }
    assert_eq!(q, p);
    let json = p.state_json();
    assert_eq!(json["ledger"]["changes"]["C-1"]["state"], "change_implemented");
    assert_canonical(&p);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// One step of a random change/adjustment history (each expands to the commands of a flow).
#[derive(Debug, Clone)]
enum Op {
    /// propose, review, approve change `i` with situation `s` and δ = amount.
    Change(u8, u8, u64),
    /// implement change `i`.
    Implement(u8),
    /// withdraw change `i`.
    Withdraw(u8),
    /// finance review of change `i`.
    FinanceReview(u8),
    /// apply adjustment `i` for every unabsorbed overrun change (self-funded?), evaluate (by the
    /// route's approver?), consent (?), approve (by the route's approver?).
    Adjust(u8, bool, bool, bool, bool),
    /// certify W (directly in the ledger: the lifecycle event is not in this module).
    Certify(u64),
    /// emergency order, filing, approval of change `i` with δ = amount.
    Emergency(u8, u64),
    /// propose change `i` with δ = amount and implement it without approval.
    Unauthorised(u8, u64),
    /// reject change `i` (reviewed, or filed post hoc).
    Reject(u8),
}

fn situation(i: u8) -> Situation {
    [Situation::S41_1, Situation::S41_2, Situation::S41_3, Situation::S41_4, Situation::S41_5, Situation::S41_6]
        [usize::from(i % 6)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..5, 0u8..6, 0u64..15_000_000).prop_map(|(i, s, a)| Op::Change(i, s, a)),
        2 => (0u8..5).prop_map(Op::Implement),
        1 => (0u8..5).prop_map(Op::Withdraw),
        1 => (0u8..5).prop_map(Op::FinanceReview),
        2 => (0u8..3, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>())
            .prop_map(|(i, s, e, c, r)| Op::Adjust(i, s, e, c, r)),
        1 => (60_000_000u64..90_000_000).prop_map(Op::Certify),
        1 => (5u8..7, 0u64..5_000_000).prop_map(|(i, a)| Op::Emergency(i, a)),
        1 => (7u8..9, 0u64..5_000_000).prop_map(|(i, a)| Op::Unauthorised(i, a)),
        1 => (0u8..9).prop_map(Op::Reject),
    ]
}

type Builder = Box<dyn Fn(&InvestmentProject) -> Option<Command>>;

fn builders(op: &Op) -> Vec<Builder> {
    let cid = |i: u8| format!("C-{i}");
    let aid = |i: u8| format!("ADJ-{i}");
    match op.clone() {
        Op::Change(i, s, amount) => vec![
            Box::new(move |_| {
                let mut c = propose(&cid(i), situation(s), "0.00", "0.00", vec![]);
                if let crate::Event::Change(ChangeEvent::ProposeChange(pc)) = &mut c.event {
                    pc.estimate_delta.after = Yuan::from_yuan(amount).unwrap_or(Yuan::ZERO);
                }
                Some(c)
            }),
            Box::new(move |_| Some(review(&cid(i)))),
            Box::new(move |_| Some(approve(&cid(i), situation(s)))),
        ],
        Op::Implement(i) => vec![Box::new(move |_| Some(implement(&cid(i))))],
        Op::Withdraw(i) => vec![Box::new(move |_| {
            Some(change(
                &cid(i),
                WithdrawChange { reason: "no longer needed".into() },
                Actor::ProjectUnit,
                "2024-03-01",
            ))
        })],
        Op::FinanceReview(i) => vec![Box::new(move |_| {
            let r = FinanceReviewChange { reference: doc(DocKind::BudgetReviewReport) };
            Some(change(&cid(i), r, Actor::Finance, "2024-03-01"))
        })],
        Op::Adjust(i, self_funded, evaluate_ok, consent, right_approver) => vec![
            Box::new(move |p| {
                let ids: Vec<String> = p
                    .ledger()
                    .changes
                    .values()
                    .filter(|c| c.counted && c.absorbed_by.is_none() && c.overrun)
                    .map(|c| c.change_id.clone())
                    .collect();
                let n = p.derive_new_total(YuanDelta::ZERO)?.to_string();
                let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                Some(apply_adj(&aid(i), &refs, &n, self_funded))
            }),
            Box::new(move |p| {
                let route = p.ledger().adjustments.get(&aid(i))?.route;
                let by = if evaluate_ok { route.approver() } else { Actor::Finance };
                Some(evaluate(&aid(i), by))
            }),
            Box::new(move |_| consent.then(|| consent_adj(&aid(i)))),
            Box::new(move |p| {
                let a = p.ledger().adjustments.get(&aid(i))?;
                let by = match (a.route.approver(), right_approver) {
                    (x, true) => x,
                    (Actor::Drc, false) => Actor::IndustryAuthority,
                    (_, false) => Actor::Drc,
                };
                Some(approve_adj(&aid(i), by, &a.new_total.to_string()))
            }),
        ],
        Op::Certify(_) => vec![],
        Op::Emergency(i, amount) => vec![
            Box::new(move |p| {
                let o = EmergencyChangeOrder {
                    change_id: cid(i),
                    contracts: vec![],
                    description: "emergency works".into(),
                    estimate_delta: EstimateDelta {
                        after: Yuan::from_yuan(amount).unwrap_or(Yuan::ZERO),
                        before: Yuan::ZERO,
                    },
                    order_date: p.log().last_date().unwrap_or(d("2024-01-01")).max(d("2024-01-01")),
                    report_ref: doc(DocKind::Evidence),
                    situation: Some(Situation::S41_2),
                };
                Some(change(&cid(i), o, Actor::ProjectUnit, "2024-01-01"))
            }),
            Box::new(move |_| {
                let f =
                    FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
                Some(change(&cid(i), f, Actor::ProjectUnit, "2024-01-01"))
            }),
            Box::new(move |_| Some(approve(&cid(i), Situation::S41_2))),
        ],
        Op::Unauthorised(i, amount) => vec![
            Box::new(move |_| {
                let mut c = propose(&cid(i), Situation::S41_2, "0.00", "0.00", vec![]);
                if let crate::Event::Change(ChangeEvent::ProposeChange(pc)) = &mut c.event {
                    pc.estimate_delta.after = Yuan::from_yuan(amount).unwrap_or(Yuan::ZERO);
                    pc.material = vec![MaterialChange::Scale];
                }
                Some(c)
            }),
            Box::new(move |_| Some(implement(&cid(i)))),
        ],
        Op::Reject(i) => vec![Box::new(move |_| {
            let r = RejectChange { reasons: "refused".into(), reference: doc(DocKind::Opinion) };
            Some(change(&cid(i), r, Actor::IndustryAuthority, "2024-03-01"))
        })],
    }
}

/// N and U recounted from the change records alone, by the table of RULES.md §3.3.7: the oracle
/// of the incremental sums the handlers keep.
fn recount(p: &InvestmentProject) -> (YuanDelta, YuanDelta) {
    let mut n = YuanDelta::ZERO;
    let mut u = YuanDelta::ZERO;
    for ch in p.ledger().changes.values().filter(|c| c.absorbed_by.is_none()) {
        let counts = match ch.state {
            ChangeState::ChangeProposed | ChangeState::ChangeReviewed | ChangeState::ChangeCancelled => false,
            ChangeState::ChangeApproved | ChangeState::ChangeImplemented => true,
            ChangeState::ChangeEmergencyOrdered | ChangeState::ChangeConfirmed | ChangeState::ChangePostHocFiled => {
                true
            }
            // Rejected: an emergency change stays in N (the work exists); an unimplemented one never counted.
            ChangeState::ChangeRejected => ch.emergency,
        };
        if counts {
            n += ch.delta;
            // Unauthorised: implemented without an approval (no confirmed situation), not an emergency.
            if ch.state == ChangeState::ChangeImplemented && !ch.emergency && ch.confirmed_situation.is_none() {
                u += ch.delta;
            }
        }
    }
    (n, u)
}

/// Runs `ops` on the base project in `mode`; `check(before, after, result)` sees every command.
fn run(
    ops: &[Op],
    mode: Mode,
    mut check: impl FnMut(&InvestmentProject, &InvestmentProject, &Result<Transition, Error>) -> Result<(), TestCaseError>,
    mut before_op: impl FnMut(usize, &mut InvestmentProject),
) -> Result<InvestmentProject, TestCaseError> {
    let mut p = base();
    for (k, op) in ops.iter().enumerate() {
        before_op(k, &mut p);
        if let Op::Certify(w) = op {
            p.ledger.certified_completed = Yuan::from_yuan(*w).ok();
        }
        for b in builders(op) {
            let Some(c) = b(&p) else { continue };
            let mut c = c.mode(mode);
            // Dates never go back (the log's order); the calendar keeps emergency deadlines in range.
            c.date = p.log().last_date().unwrap_or(d("2024-01-01")).max(d("2024-01-01"));
            let before = p.clone();
            let r = p.apply(c);
            check(&before, &p, &r)?;
        }
    }
    Ok(p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Source: INV-40.2, INV-45.2 — in enforce mode nothing above A is implemented without an
    /// approved adjustment; a rejected command changes nothing; re-applying the log reproduces the project.
    #[test]
    fn enforce_invariants(ops in prop::collection::vec(op(), 1..30)) {
        let p = run(&ops, Mode::Enforce, |before, after, r| {
            match r {
                Ok(t) => {
                    if t.event == "implement_change" {
                        let id = &after.log().entries().last().unwrap().stream().instance;
                        let ch = &after.ledger().changes[id.as_str()];
                        let a = after.ledger().estimate.unwrap_or(Yuan::ZERO);
                        let n_now = after.derive_new_total(YuanDelta::ZERO).unwrap_or(a);
                        prop_assert!(!ch.overrun || ch.absorbed_by.is_some() || n_now <= a);
                    }
                    // Money in play never exceeds the change amounts.
                    let in_buckets = Yuan::sum(after.ledger().contracts.iter().map(|c| {
                        c.change_extra.saturating_add(c.unreviewed).saturating_add(c.unconsented_43)
                    }));
                    let amounts = Yuan::sum(after.ledger().changes.values().map(|c| c.change_amount));
                    prop_assert!(in_buckets <= amounts);
                }
                Err(_) => prop_assert_eq!(before, after),
            }
            Ok(())
        }, |_, _| {})?;
        // Re-applying the logged commands to the base reproduces the project (W is set directly
        // by `Certify`, so only histories without it are compared).
        if !ops.iter().any(|o| matches!(o, Op::Certify(_))) {
            let mut q = base();
            for e in &p.log().entries()[1..] {
                q.apply(e.command()).unwrap();
            }
            prop_assert_eq!(q, p);
        }
    }

    /// Source: INV-49.2 — in any history (record mode), a second approved adjustment carries
    /// default_breach INV-49.2 unless it consumed a recorded exception.
    #[test]
    fn second_adjustment_is_flagged(ops in prop::collection::vec(op(), 1..30), exception_at in 0usize..30) {
        run(&ops, Mode::Record, |before, _, r| {
            if let Ok(t) = r && t.event == "approve_adjustment" && before.ledger().adjustments_approved >= 1 {
                let breach = t.outcomes.contains(&out(OutcomeKind::DefaultBreach, INV_49_2, "second_adjustment"));
                prop_assert!(breach == t.exceptions_used.is_empty());
            }
            Ok(())
        }, |k, p| {
            if k == exception_at {
                let e = RuleException {
                    decision_ref: doc(DocKind::Approval),
                    event: None,
                    reason: "exception".into(),
                    rule_id: INV_49_2,
                    scope: ExceptionScope::One,
                };
                let date = p.log().last_date().unwrap_or(d("2024-01-01")).max(d("2024-01-01"));
                p.apply(Command::new(p.stream(), InvEvent::from(e), Actor::Drc, date).code(CODE)).unwrap();
            }
        })?;
    }

    /// Source: INV-50, INV-41.1 — RULES.md §3.3.7, §3.5 B16: N kept incrementally by the handlers
    /// equals N recounted from the change records after every command (either mode), U is the
    /// unauthorised part of it.
    #[test]
    fn n_incremental_equals_recount(ops in prop::collection::vec(op(), 1..30), record in any::<bool>()) {
        let mode = if record { Mode::Record } else { Mode::Enforce };
        run(&ops, mode, |_, after, _| {
            let (n, u) = recount(after);
            prop_assert_eq!(after.ledger().pending_delta, n);
            prop_assert_eq!(after.ledger().unauthorised_delta, u);
            let a = after.ledger().estimate.unwrap_or(Yuan::ZERO);
            prop_assert_eq!(after.derive_new_total(YuanDelta::ZERO), n.apply_to(a));
            Ok(())
        }, |_, _| {})?;
    }

    /// Source: INV-50, INV-40.2, INV-45.2 — RULES.md §3.3.7, §3.5 A5/B16 (issue 9, "done means"): after
    /// every command, in either mode, N ≥ A + Σ unauthorised δ (U): a change implemented without
    /// approval always counts in N (the defect was that it never did). The generator's δ are
    /// never savings; with an approved saving the bound drops by that saving, so the check adds
    /// the unabsorbed negative authorised δ. And the automatic INV-50 case: whenever N > A (超:
    /// equality OUT) and U > 0, an accountability case is open on an unauthorised change.
    #[test]
    fn n_covers_unauthorised_and_the_case_opens(ops in prop::collection::vec(op(), 1..30), record in any::<bool>()) {
        let mode = if record { Mode::Record } else { Mode::Enforce };
        run(&ops, mode, |_, after, _| {
            let l = after.ledger();
            let a = l.estimate.unwrap_or(Yuan::ZERO);
            let unauthorised =
                |c: &ChangeRecord| c.state == ChangeState::ChangeImplemented && !c.emergency && c.confirmed_situation.is_none();
            let (_, u) = recount(after);
            let mut savings = YuanDelta::ZERO;
            for c in l.changes.values().filter(|c| c.absorbed_by.is_none() && !unauthorised(c)) {
                if c.delta < YuanDelta::ZERO {
                    savings += c.delta;
                }
            }
            let n = after.derive_new_total(YuanDelta::ZERO);
            let floor = (u + savings).apply_to(a);
            prop_assert!(floor.is_none() || n >= floor, "N {:?} < A {} + U {:?} (+ savings {:?})", n, a, u, savings);
            if let Some(n) = n
                && n > a
                && u > YuanDelta::ZERO
            {
                let open = l.changes.iter().any(|(id, c)| c.absorbed_by.is_none() && unauthorised(c) && l.cases.contains_key(id.as_str()));
                prop_assert!(open, "N {} > A {} with U {:?} and no case on an unauthorised change", n, a, u);
            }
            Ok(())
        }, |_, _| {})?;
    }

    /// Source: INV-44.2 — the filing deadline is a working day strictly after the order date.
    #[test]
    fn post_hoc_deadline_is_a_later_working_day(i in 0u64..1400) {
        let cal = crate::WorkingDayCalendar::embedded();
        let order = d("2023-01-01").checked_add_days(chrono::Days::new(i)).unwrap();
        let due = post_hoc_deadline(order, 5, &cal).unwrap().date;
        prop_assert!(due > order);
        prop_assert!(cal.is_working_day(due).unwrap());
        prop_assert!(cal.within_working_days(order, 5, due).unwrap());
        prop_assert!(!cal.within_working_days(order, 5, due.succ_opt().unwrap()).unwrap());
    }
}

/// Source: INV-15.1 — RULES.md §3.3.9 example 9 and the §3.3.6 boundary row: on the FSR-only route
/// (A = A0 = 9,800,000.00) a route-2 `approve_adjustment` to 10,000,000.00 is Ok; to 10,000,000.01 it
/// is accepted with W INV-15.1 `above_band_after_adjustment` and no re-route (47(2) already
/// requires a designer's adjusted estimate).
/// Source: INV-15.3 — on `direct_fsr` the same warning above 50,000,000.00.
#[test]
fn adjustment_above_band_example_9() {
    use crate::investment::route::Route;
    for (route, total, a, n, rule, warned) in [
        (Route::SimplifiedFsrOnly, "9800000.00", "9800000.00", "10000000.00", INV_15_1, false),
        (Route::SimplifiedFsrOnly, "9800000.00", "9800000.00", "10000000.01", INV_15_1, true),
        (Route::DirectFsr, "48000000.00", "48000000.00", "50000000.00", INV_15_3, false),
        (Route::DirectFsr, "48000000.00", "48000000.00", "50000000.01", INV_15_3, true),
    ] {
        let mut p = InvestmentProject::new(Context::new(Config::default(), crate::WorkingDayCalendar::embedded()));
        p.apply(register_total(total)).unwrap();
        p.state = Some(InvState::UnderConstruction);
        let l = &mut p.ledger;
        l.chosen_route = Some(route);
        l.estimate = Some(yuan!(a));
        l.original_estimate = Some(yuan!(a));
        l.certified_completed = Some(yuan!(a));
        let delta = (Yuan::parse(n).unwrap().fen() - Yuan::parse(a).unwrap().fen()) as u64;
        let delta = Yuan::from_fen(delta).unwrap().to_string();
        approved(&mut p, "C-1", Situation::S41_3, "0.00", &delta);
        p.apply(apply_adj("ADJ-1", &["C-1"], n, false)).unwrap();
        assert_eq!(p.ledger().adjustments["ADJ-1"].route, OverrunRouteKind::Route2GovThenDrc);
        p.apply(evaluate("ADJ-1", Actor::Drc)).unwrap();
        p.apply(consent_adj("ADJ-1")).unwrap();
        let t = p.apply(approve_adj("ADJ-1", Actor::Drc, n)).unwrap();
        let expected =
            if warned { vec![Outcome::new(OutcomeKind::Warning, rule, "above_band_after_adjustment")] } else { vec![] };
        assert_eq!(t.outcomes, expected, "{n}");
        assert!(t.rules.contains(&rule));
        assert_eq!(p.ledger().estimate, Some(yuan!(n)));
        assert_eq!(p.ledger().route(), Some(route), "no re-route");
    }
}

// ---------------------------------------------------------------------------------------------
// RULES.md §3.3.7 liability triggers, §3.3.9 worked examples 10–12
// ---------------------------------------------------------------------------------------------

/// A proposal of change `id` with situation `s`, δ = after − before, major and material as given.
fn propose_with(
    id: &str,
    s: Situation,
    before: &str,
    after: &str,
    major: bool,
    material: Vec<MaterialChange>,
) -> Command {
    let mut c = propose(id, s, before, after, vec![]);
    if let crate::Event::Change(ChangeEvent::ProposeChange(pc)) = &mut c.event {
        pc.major = major;
        pc.material = material;
    }
    c
}

fn emergency_order(id: &str, after: &str, date: &str) -> Command {
    let o = EmergencyChangeOrder {
        change_id: id.into(),
        contracts: vec![],
        description: "flood barrier".into(),
        estimate_delta: delta("0.00", after),
        order_date: d(date),
        report_ref: doc(DocKind::Evidence),
        situation: Some(Situation::S41_2),
    };
    change(id, o, Actor::ProjectUnit, date)
}

fn n_of(p: &InvestmentProject) -> Yuan {
    p.derive_new_total(YuanDelta::ZERO).unwrap()
}

fn codes(p: &InvestmentProject) -> Vec<String> {
    p.findings(d("2024-12-31")).into_iter().map(|f| f.code).collect()
}

fn unauthorised_overrun() -> Outcome {
    out(OutcomeKind::Finding, INV_50, "unauthorised_overrun")
}

/// Source: INV-40.1, INV-40.2, INV-48.2, INV-50, INV-55.3, INV-55.4, INV-41.1 — RULES.md §3.3.9 example 10
/// (§3.5 B15, §3.3.7, §3.5 A11): a major scale change C-1 (41.2, +3,000,000.00) implemented without
/// approval is rejected in enforce mode with V 40.1, one V 40.2 and V 48.2 (N 103,000,000.00 > A on
/// the proposed situation as if confirmed); in record mode the same are findings, N counts the δ
/// as unauthorised, the finding INV-50 `unauthorised_overrun` opens case C-1 (`unauthorised_scale`,
/// N recorded), F-INV-55.3 and F-INV-55.4 follow. A saving C-2 (41.1, −1,000,000.00) is then approved
/// with N > A: a saving cannot 突破 the estimate; N 102,000,000.00.
#[test]
fn example_10_unauthorised_change() {
    let mut p = base();
    p.apply(propose_with("C-1", Situation::S41_2, "0.00", "3000000.00", true, vec![MaterialChange::Scale])).unwrap();
    let before = p.clone();
    assert_eq!(
        rule_err(p.apply(implement("C-1"))),
        vec![
            v(INV_40_1, "unauthorised_change"),
            v(INV_40_2, "after_approval_only"),
            v(INV_48_2, "no_approved_adjustment")
        ]
    );
    assert_eq!(p, before);
    let t = p.apply(implement("C-1").mode(Mode::Record)).unwrap();
    assert_eq!(
        t.outcomes,
        vec![
            out(OutcomeKind::Finding, INV_40_1, "unauthorised_change"),
            out(OutcomeKind::Finding, INV_40_2, "after_approval_only"),
            out(OutcomeKind::Finding, INV_48_2, "no_approved_adjustment"),
            unauthorised_overrun(),
        ]
    );
    assert!(t.rules.contains(&INV_50));
    assert_eq!(n_of(&p), yuan!("103000000.00"));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::between(Yuan::ZERO, yuan!("3000000.00")));
    let k = &p.ledger().cases["C-1"];
    assert_eq!(
        (k.state, k.cause, k.new_total, k.estimate, k.opened_seq),
        (AccState::AccOpened, AccCause::UnauthorisedScale, yuan!("103000000.00"), yuan!("100000000.00"), t.seq)
    );
    let found = codes(&p);
    for c in ["F-INV-40.1", "F-INV-40.2", "F-INV-48.2", "F-INV-55.3", "F-INV-55.4", "F-INV-50"] {
        assert!(found.contains(&c.to_string()), "{c} in {found:?}");
    }
    let f55_4 = p.findings(d("2024-12-31")).into_iter().find(|f| f.code == "F-INV-55.4").unwrap();
    assert_eq!(f55_4.detail, "implementation_above_estimate");
    // The case runs on its own stream.
    let det = DetermineResponsibility {
        handling: vec![doc(DocKind::Opinion)],
        units: vec![ResponsibleUnit { base: None, unit: "城投公司".into(), unit_kind: UnitKind::PlatformCompany }],
    };
    p.apply(case("C-1", det, Actor::IndustryAuthority, "2024-04-25")).unwrap();

    let mut c2 = propose("C-2", Situation::S41_1, "1000000.00", "0.00", vec![]);
    c2.date = d("2024-04-26");
    p.apply(c2).unwrap();
    let mut r = review("C-2");
    r.date = d("2024-04-26");
    p.apply(r).unwrap();
    let mut a = approve("C-2", Situation::S41_1);
    a.date = d("2024-04-27");
    let t = p.apply(a).unwrap();
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(p.ledger().changes["C-2"].route, Some(OverrunRouteKind::Route1Industry));
    assert!(!p.ledger().changes["C-2"].overrun);
    assert_eq!(n_of(&p), yuan!("102000000.00"));
    // No second case: C-1 is covered.
    assert_eq!(p.ledger().cases.len(), 1);
    assert_canonical(&p);
}

/// Source: INV-41.1 — RULES.md §3.5 A11 boundary: with N above A (an unauthorised +3,000,000.00),
/// a 41.1 change of δ = 0.00 or −0.01 is approved (a saving cannot 突破); δ = +0.01 violates 41.1.
#[test]
fn saving_passes_41_1_whatever_n() {
    for (after, ok) in [("1000000.00", true), ("999999.99", true), ("1000000.01", false)] {
        let mut p = base();
        p.apply(propose_with("C-1", Situation::S41_2, "0.00", "3000000.00", false, vec![])).unwrap();
        p.apply(implement("C-1").mode(Mode::Record)).unwrap();
        let mut c = propose("C-2", Situation::S41_1, "1000000.00", after, vec![]);
        c.date = d("2024-04-21");
        p.apply(c).unwrap();
        let mut r = review("C-2");
        r.date = d("2024-04-21");
        p.apply(r).unwrap();
        let mut a = approve("C-2", Situation::S41_1);
        a.date = d("2024-04-22");
        if ok {
            assert!(p.apply(a).unwrap().outcomes.is_empty(), "{after}");
        } else {
            assert_eq!(rule_err(p.apply(a)), vec![v(INV_41_1, "over_estimate")], "{after}");
        }
    }
}

/// Source: INV-50 — RULES.md §3.3.9 example 11 and the 超 boundary: A 105,000,000.00 with an approved,
/// unabsorbed δ −5,000,000.00 (N 100,000,000.00); C-1 unauthorised +3,000,000.00 → N 103,000,000.00,
/// no case. Approving C-2 (41.2) of +2,000,000.00 takes N to A exactly: no case (equality OUT);
/// +2,000,000.01 takes N to 105,000,000.01: case C-1 opens at that entry.
#[test]
fn example_11_tipping_case() {
    for (after, opens) in [("2000000.00", false), ("2000000.01", true)] {
        let mut p = base();
        p.ledger.estimate = Some(yuan!("105000000.00"));
        approved(&mut p, "C-0", Situation::S41_1, "5000000.00", "0.00");
        assert_eq!(n_of(&p), yuan!("100000000.00"));
        let mut c = propose_with("C-1", Situation::S41_2, "0.00", "3000000.00", false, vec![]);
        c.date = d("2024-03-11");
        p.apply(c).unwrap();
        let mut i = implement("C-1").mode(Mode::Record);
        i.date = d("2024-03-12");
        let t = p.apply(i).unwrap();
        assert_eq!(t.outcomes, vec![out(OutcomeKind::Finding, INV_40_1, "unauthorised_change")]);
        assert_eq!(n_of(&p), yuan!("103000000.00"));
        assert!(p.ledger().cases.is_empty());
        let mut c2 = propose("C-2", Situation::S41_2, "0.00", after, vec![]);
        c2.date = d("2024-03-13");
        p.apply(c2).unwrap();
        let mut r = review("C-2");
        r.date = d("2024-03-13");
        p.apply(r).unwrap();
        let mut a = approve("C-2", Situation::S41_2);
        a.date = d("2024-03-14");
        let t = p.apply(a).unwrap();
        if opens {
            assert_eq!(t.outcomes, vec![unauthorised_overrun()]);
            assert_eq!(n_of(&p), yuan!("105000000.01"));
            let k = &p.ledger().cases["C-1"];
            assert_eq!((k.cause, k.new_total, k.opened_seq), (AccCause::UnauthorisedContent, n_of(&p), t.seq));
        } else {
            assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
            assert_eq!(n_of(&p), yuan!("105000000.00"));
            assert!(p.ledger().cases.is_empty());
        }
    }
}

/// Source: INV-44.1, INV-41.1, INV-50 — RULES.md §3.3.9 example 12 (§3.5 A5): A 100,000,000.00,
/// N 99,000,000.00; the reported emergency order E-1 (+2,000,000.00) counts in N from the order
/// (N 101,000,000.00) but never in U, so no case opens; C-3 (41.1, +500,000.00) violates 41.1;
/// E-1 rejected post hoc stays in N with W INV-50 `review_required` and no automatic case.
#[test]
fn example_12_emergency_delta_counts() {
    let mut p = base();
    approved(&mut p, "C-0", Situation::S41_1, "1000000.00", "0.00");
    assert_eq!(n_of(&p), yuan!("99000000.00"));
    let t = p.apply(emergency_order("E-1", "2000000.00", "2024-03-11")).unwrap();
    assert!(!t.outcomes.contains(&unauthorised_overrun()));
    assert_eq!(n_of(&p), yuan!("101000000.00"));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::ZERO);
    let mut c3 = propose("C-3", Situation::S41_1, "0.00", "500000.00", vec![]);
    c3.date = d("2024-03-12");
    p.apply(c3).unwrap();
    let mut r = review("C-3");
    r.date = d("2024-03-12");
    p.apply(r).unwrap();
    let mut a = approve("C-3", Situation::S41_1);
    a.date = d("2024-03-13");
    assert_eq!(rule_err(p.apply(a)), vec![v(INV_41_1, "over_estimate")]);
    let f = FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
    p.apply(change("E-1", f, Actor::ProjectUnit, "2024-03-14")).unwrap();
    let rj = RejectChange { reasons: "not an emergency".into(), reference: doc(DocKind::Opinion) };
    let t = p.apply(change("E-1", rj, Actor::IndustryAuthority, "2024-03-15")).unwrap();
    assert_eq!(
        t.outcomes,
        vec![
            out(OutcomeKind::Finding, INV_40_2, "implemented_before_approval"),
            out(OutcomeKind::Warning, INV_50, "review_required")
        ]
    );
    assert_eq!(n_of(&p), yuan!("101000000.00"));
    assert!(p.ledger().cases.is_empty());
}

/// Source: INV-50 — RULES.md §3.3.7 trigger: an emergency order that lifts N above A while U > 0
/// opens the case of the earliest uncovered unauthorised change at the order's entry; within A
/// (U > 0, N ≤ A) no case; a non-major unapproved change within A is V 40.1 only (§3.5 B15).
#[test]
fn emergency_order_tips_unauthorised_case() {
    let mut p = base();
    p.apply(propose_with("C-1", Situation::S41_2, "0.00", "1000000.00", false, vec![MaterialChange::TechnicalScheme]))
        .unwrap();
    let t = p.apply(implement("C-1").mode(Mode::Record)).unwrap();
    assert_eq!(t.outcomes.last(), Some(&unauthorised_overrun()));
    assert_eq!(n_of(&p), yuan!("101000000.00"));
    assert_eq!(p.ledger().cases["C-1"].cause, AccCause::UnauthorisedDesignChange);
    let mut q = base();
    let mut c = propose_with("C-1", Situation::S41_2, "1000000.00", "0.00", false, vec![]);
    c.date = d("2024-03-01");
    q.apply(c).unwrap();
    q.apply(implement("C-1").mode(Mode::Record)).unwrap();
    let mut c =
        propose_with("C-2", Situation::S41_2, "0.00", "1000000.00", false, vec![MaterialChange::TechnicalScheme]);
    c.date = d("2024-04-20");
    q.apply(c).unwrap();
    q.apply(implement("C-2").mode(Mode::Record)).unwrap();
    // U = 0.00 (−1M + 1M): no case although both are unauthorised.
    assert_eq!(n_of(&q), yuan!("100000000.00"));
    assert!(q.ledger().cases.is_empty());
    let mut r = base();
    approved(&mut r, "C-0", Situation::S41_1, "1000000.00", "0.00");
    let mut c =
        propose_with("C-2", Situation::S41_2, "0.00", "1000000.00", false, vec![MaterialChange::TechnicalScheme]);
    c.date = d("2024-03-11");
    r.apply(c).unwrap();
    assert_eq!(rule_err(r.apply(implement("C-2"))), vec![v(INV_40_1, "unauthorised_change")]);
    r.apply(implement("C-2").mode(Mode::Record)).unwrap();
    // N = A exactly with U > 0: not 超, no case.
    assert_eq!(n_of(&r), yuan!("100000000.00"));
    assert!(r.ledger().cases.is_empty());
    let t = r.apply(emergency_order("E-1", "0.01", "2024-04-22")).unwrap();
    assert_eq!(t.outcomes, vec![unauthorised_overrun()]);
    let k = &r.ledger().cases["C-2"];
    assert_eq!((k.cause, k.new_total), (AccCause::UnauthorisedDesignChange, yuan!("100000000.01")));
}

/// Source: INV-40.1, INV-41 — RULES.md §3.5 D6: an unauthorised change with N ≤ A is reviewed and
/// approved post hoc from change_implemented: the findings stay, its δ moves from U to approved and
/// comes into play (awaiting the 48.1 review); above A (N 101,000,000.00) the approval violates
/// INV-50 `accountability_pending` (AMB-19); an implemented change that was approved is not reviewed again.
#[test]
fn regularising_an_unauthorised_change() {
    let k = ContractAfter { contract_id: "C1".into(), price_after: yuan!("51000000.00") };
    let mut p = base();
    approved(&mut p, "C-0", Situation::S41_1, "2000000.00", "0.00");
    let mut c = propose("C-1", Situation::S41_2, "0.00", "1000000.00", vec![k.clone()]);
    c.date = d("2024-03-11");
    p.apply(c).unwrap();
    let mut i = implement("C-1").mode(Mode::Record);
    i.date = d("2024-03-12");
    p.apply(i).unwrap();
    assert_eq!(n_of(&p), yuan!("99000000.00"));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::between(Yuan::ZERO, yuan!("1000000.00")));
    let mut r = review("C-1");
    r.date = d("2024-04-21");
    let t = p.apply(r).unwrap();
    assert_eq!((&*t.from, &*t.to), ("change_implemented", "change_implemented"));
    let mut a = approve("C-1", Situation::S41_2);
    a.date = d("2024-04-22");
    let t = p.apply(a).unwrap();
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(t.to, "change_implemented");
    let ch = &p.ledger().changes["C-1"];
    assert!(!ch.unauthorised && ch.counted);
    assert_eq!(ch.bucket, Some(MoneyBucket::Unreviewed));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::ZERO);
    assert_eq!(n_of(&p), yuan!("99000000.00"));
    assert!(codes(&p).contains(&"F-INV-40.1".to_string()));
    // An approved, implemented change is not reviewed again.
    let mut i = implement("C-0");
    i.date = d("2024-04-23");
    p.apply(i).unwrap();
    let mut r = review("C-0");
    r.date = d("2024-04-23");
    assert!(matches!(p.apply(r), Err(Error::Transition(ref t)) if t.detail == "not_unauthorised"));

    let mut q = base();
    q.apply(propose("C-1", Situation::S41_2, "0.00", "1000000.00", vec![])).unwrap();
    q.apply(implement("C-1").mode(Mode::Record)).unwrap();
    let mut r = review("C-1");
    r.date = d("2024-04-21");
    q.apply(r).unwrap();
    let mut a = approve("C-1", Situation::S41_2);
    a.date = d("2024-04-22");
    assert_eq!(rule_err(q.apply(a)), vec![v(INV_50, "accountability_pending")]);
}

/// Source: INV-48.1 — RULES.md §3.5 A5: finance reviews an emergency change from its order on
/// (ordered, confirmed, filed post hoc).
#[test]
fn finance_reviews_emergency_change() {
    let mut p = base();
    p.apply(emergency_order("E-1", "100000.00", "2024-03-11")).unwrap();
    let r = FinanceReviewChange { reference: doc(DocKind::BudgetReviewReport) };
    let t = p.apply(change("E-1", r, Actor::Finance, "2024-03-12")).unwrap();
    assert_eq!((&*t.from, &*t.to), ("change_emergency_ordered", "change_emergency_ordered"));
    assert!(p.ledger().changes["E-1"].finance_reviewed);
}

/// An emergency order `id` (δ +`after` on the estimate) listing C1 at `price_after`.
fn emergency_on_c1(id: &str, after: &str, price_after: &str, date: &str) -> Command {
    let o = EmergencyChangeOrder {
        change_id: id.into(),
        contracts: vec![ContractAfter { contract_id: "C1".into(), price_after: yuan!(price_after) }],
        description: "管涌抢险：增设防渗墙".into(),
        estimate_delta: delta("0.00", after),
        order_date: d(date),
        report_ref: doc(DocKind::Evidence),
        situation: Some(Situation::S41_2),
    };
    change(id, o, Actor::ProjectUnit, date)
}

fn confirm(id: &str, date: &str) -> Command {
    change(id, ConfirmEmergencyChange { reference: doc(DocKind::Approval) }, Actor::IndustryAuthority, date)
}

fn finance_review(id: &str, date: &str) -> Command {
    change(id, FinanceReviewChange { reference: doc(DocKind::BudgetReviewReport) }, Actor::Finance, date)
}

/// C1's buckets: (unreviewed, unconsented_43, change_extra), and its ceiling.
fn c1_money(p: &InvestmentProject) -> (Yuan, Yuan, Yuan, Yuan) {
    let c = p.ledger().contract("C1").unwrap();
    (c.unreviewed, c.unconsented_43, c.change_extra, c.ceiling())
}

/// Source: INV-44.1, INV-48.1, INV-43 — RULES.md §3.5 A5, the payment gate of an emergency δ: an
/// order (reported: `report_ref`) raising C1 from 50,000,000.00 to 51,000,000.00 brings no money
/// into play until `confirm_emergency_change`; confirmed, the 1,000,000.00 awaits the 48.1 finance
/// review; reviewed, it is above the contract price (超合同总价) and waits for the post-hoc
/// `approve_change` and the 43 consent, after which the ceiling is 51,000,000.00. No 70 % gate:
/// W 10,000,000.00 (< 70 % of A0) with `gate_70_on_48_1` changes nothing before the approval.
/// N counts δ from the order, U never.
#[test]
fn emergency_money_comes_into_play_at_confirmation() {
    let cfg = Config { gate_70_on_48_1: true, ..Config::default() };
    let mut p = base_with(cfg);
    p.ledger.certified_completed = Some(yuan!("10000000.00"));
    let z = Yuan::ZERO;
    let one = yuan!("1000000.00");
    let fifty = yuan!("50000000.00");
    p.apply(emergency_on_c1("E-1", "1000000.00", "51000000.00", "2024-03-11")).unwrap();
    assert_eq!(c1_money(&p), (z, z, z, fifty));
    assert_eq!(n_of(&p), yuan!("101000000.00"));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::ZERO);
    // Finance may review before the confirmation: still nothing in play.
    p.apply(confirm("E-1", "2024-03-12")).unwrap();
    assert!(p.ledger().changes["E-1"].inv43);
    assert_eq!(c1_money(&p), (one, z, z, fifty));
    assert_eq!(p.ledger().approved_change_amount, one);
    p.apply(finance_review("E-1", "2024-03-13")).unwrap();
    assert_eq!(c1_money(&p), (z, one, z, fifty));
    // The 43 consent needs the post-hoc approval first (TransitionError, nothing changes).
    let consent = ConsentExtraFunds {
        cause_analysis: doc(DocKind::Evidence),
        reference: doc(DocKind::Consent),
        responsibility: doc(DocKind::Evidence),
    };
    let before = p.clone();
    assert!(matches!(
        p.apply(change("E-1", consent.clone(), Actor::MunicipalGovernment, "2024-03-14")),
        Err(Error::Transition(_))
    ));
    assert_eq!(p, before);
    let f = FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
    p.apply(change("E-1", f, Actor::ProjectUnit, "2024-03-15")).unwrap();
    // Post-hoc approval with N 101,000,000.00 > A: the money waits for the adjustment (48 lead-in).
    let mut q = p.clone();
    let mut a = approve("E-1", Situation::S41_2);
    a.date = d("2024-03-18");
    q.apply(a).unwrap();
    assert_eq!(c1_money(&q), (z, z, z, fifty));
    assert_eq!(q.ledger().approved_change_amount, z);
    // Within A (a saving C-0 of −1,000,000.00 approved first): the approval keeps the INV-43 case,
    // the consent releases it.
    let mut s = p.clone();
    let mut c0 = propose("C-0", Situation::S41_1, "1000000.00", "0.00", vec![]);
    c0.date = d("2024-03-15");
    s.apply(c0).unwrap();
    let mut r = review("C-0");
    r.date = d("2024-03-15");
    s.apply(r).unwrap();
    let mut a0 = approve("C-0", Situation::S41_1);
    a0.date = d("2024-03-16");
    s.apply(a0).unwrap();
    let mut a = approve("E-1", Situation::S41_2);
    a.date = d("2024-03-18");
    s.apply(a).unwrap();
    assert_eq!(c1_money(&s), (z, one, z, fifty));
    s.apply(change("E-1", consent, Actor::MunicipalGovernment, "2024-03-19")).unwrap();
    assert_eq!(c1_money(&s), (z, z, one, yuan!("51000000.00")));
}

/// Source: INV-44.1, INV-48.1 — RULES.md §3.5 A5: a confirmed emergency δ within the contract price
/// (C1 listed at 50,000,000.00, its total) raises no contract and is no INV-43 case: after the
/// confirmation it awaits the 48.1 review (bucket `unreviewed`, nothing above the price), after the
/// review it is payable (bucket `extra`, 0.00 above the price), with no post-hoc approval and no 43
/// consent. The same change listing C1 at 50,000,000.01 is an INV-43 case (boundary).
#[test]
fn emergency_within_contract_price_is_payable_after_review() {
    let mut p = base();
    p.apply(emergency_on_c1("E-1", "500000.00", "50000000.00", "2024-03-11")).unwrap();
    assert_eq!(p.ledger().changes["E-1"].bucket, None);
    p.apply(confirm("E-1", "2024-03-12")).unwrap();
    assert!(!p.ledger().changes["E-1"].inv43);
    assert_eq!(p.ledger().changes["E-1"].bucket, Some(MoneyBucket::Unreviewed));
    p.apply(finance_review("E-1", "2024-03-13")).unwrap();
    assert_eq!(p.ledger().changes["E-1"].bucket, Some(MoneyBucket::Extra));
    let z = Yuan::ZERO;
    assert_eq!(c1_money(&p), (z, z, z, yuan!("50000000.00")));
    let mut q = base();
    q.apply(emergency_on_c1("E-1", "500000.00", "50000000.01", "2024-03-11")).unwrap();
    q.apply(confirm("E-1", "2024-03-12")).unwrap();
    q.apply(finance_review("E-1", "2024-03-13")).unwrap();
    assert!(q.ledger().changes["E-1"].inv43);
    assert_eq!(q.ledger().changes["E-1"].bucket, Some(MoneyBucket::Unconsented43));
}

/// Source: INV-50, INV-40.2 — RULES.md §3.5 A5: after a post-hoc rejection of a confirmed, reviewed
/// emergency change nothing becomes payable beyond what was payable before it: C1's ceiling stays
/// 50,000,000.00, the pending money (unconsented 1,000,000.00) leaves play, the change amount with
/// it; the rejection carries W INV-50 `review_required` and opens no case; δ stays in N, never in U.
#[test]
fn rejected_emergency_change_releases_nothing() {
    let mut p = base();
    p.apply(emergency_on_c1("E-1", "1000000.00", "51000000.00", "2024-03-11")).unwrap();
    p.apply(confirm("E-1", "2024-03-12")).unwrap();
    p.apply(finance_review("E-1", "2024-03-13")).unwrap();
    let f = FilePostHocChange { evidence: vec![doc(DocKind::Evidence)], materials: vec![doc(DocKind::Change)] };
    p.apply(change("E-1", f, Actor::ProjectUnit, "2024-03-15")).unwrap();
    let ceiling_before = c1_money(&p).3;
    let rj = RejectChange { reasons: "非突发事件".into(), reference: doc(DocKind::Opinion) };
    let t = p.apply(change("E-1", rj, Actor::IndustryAuthority, "2024-03-18")).unwrap();
    assert_eq!(
        t.outcomes,
        vec![
            out(OutcomeKind::Finding, INV_40_2, "implemented_before_approval"),
            out(OutcomeKind::Warning, INV_50, "review_required")
        ]
    );
    let z = Yuan::ZERO;
    assert_eq!(c1_money(&p), (z, z, z, ceiling_before));
    assert_eq!(p.ledger().approved_change_amount, z);
    assert!(p.ledger().cases.is_empty());
    assert_eq!(n_of(&p), yuan!("101000000.00"));
    assert_eq!(p.ledger().unauthorised_delta, YuanDelta::ZERO);
    // Nothing moves it afterwards: finance review and consent are not valid from change_rejected.
    let before = p.clone();
    assert!(matches!(p.apply(finance_review("E-1", "2024-03-19")), Err(Error::Transition(_))));
    assert_eq!(p, before);
}
