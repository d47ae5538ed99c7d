//! The test kit of the `inv` lifecycle: a project under test ([`Kit`]), event builders with
//! sensible defaults, and a driver along the standard route. Test modules of the lifecycle
//! files (`approval`, `implementation`, `payment`, `detect`, `project`) and the property tests
//! use it.

pub use chrono::NaiveDate;

pub use crate::actor::{Actor, DocKind, DocRef};
pub use crate::config::{Config, Context};
pub use crate::error::Error;
pub use crate::investment::InvestmentProject;
pub use crate::investment::events::*;
pub use crate::investment::ledger::Lot;
pub use crate::investment::lifecycle::InvState;
pub use crate::investment::route::{Level, Route, RouteFlags};
pub use crate::log::{Command, MachineId, Stream};
pub use crate::outcome::{Mode, Transition};

pub const CODE: &str = "2307-411300-04-01-000001";
pub const ORG: &str = "南阳市卫生健康委员会";

/// The lot class (RULES.md §3.3.2) of a payment on contract `c` outside the budget's scope and
/// without a purpose: what the property tests of both machines check a contract's money against.
pub fn contract_payment_class(c: &crate::investment::ledger::Contract) -> crate::investment::gates::LotClass {
    use crate::investment::gates::{GateAct, LotFacts, lot_class};
    lot_class(&LotFacts {
        act: GateAct::Payment,
        lot: Some(c.lot),
        in_budget_scope: false,
        preliminary: c.preliminary,
        purpose: None,
        estimated_price: None,
        services_tender_threshold: crate::money::Yuan::ZERO,
    })
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn doc(kind: DocKind, r: &str) -> DocRef {
    DocRef::new(kind, r)
}

pub fn approval(r: &str) -> DocRef {
    doc(DocKind::Approval, r)
}

/// A project under test: the project, the date of the next command, its mode.
pub struct Kit {
    pub p: InvestmentProject,
    pub date: NaiveDate,
    pub mode: Mode,
}

impl Kit {
    pub fn new() -> Kit {
        Kit::with(Config::default())
    }

    pub fn with(cfg: Config) -> Kit {
        let ctx = Context::new(cfg, crate::WorkingDayCalendar::embedded());
        Kit { p: InvestmentProject::new(ctx), date: d("2023-07-03"), mode: Mode::Enforce }
    }

    pub fn at(&mut self, date: &str) -> &mut Kit {
        self.date = d(date);
        self
    }

    pub fn cmd(&self, ev: impl Into<InvEvent>, actor: Actor) -> Command {
        let org = if actor == Actor::IndustryAuthority { ORG } else { "" };
        Command::new(Stream::project(MachineId::Inv, "P1"), ev.into(), actor, self.date)
            .code(CODE)
            .org(org)
            .mode(self.mode)
    }

    pub fn apply(&mut self, ev: impl Into<InvEvent>, actor: Actor) -> Result<Transition, Error> {
        let c = self.cmd(ev, actor);
        self.p.apply(c)
    }

    /// Applies and expects acceptance.
    #[track_caller]
    pub fn ok(&mut self, ev: impl Into<InvEvent>, actor: Actor) -> Transition {
        let ev = ev.into();
        let name = ev.name();
        match self.apply(ev, actor) {
            Ok(t) => t,
            Err(e) => panic!("{name} rejected in {:?}: {e:?}", self.p.state()),
        }
    }

    /// Applies, expects rejection, and checks the project is unchanged.
    #[track_caller]
    pub fn err(&mut self, ev: impl Into<InvEvent>, actor: Actor) -> Error {
        let before = (self.p.state_json(), self.p.log().clone());
        let ev = ev.into();
        let name = ev.name();
        match self.apply(ev, actor) {
            Ok(t) => panic!("{name} accepted: {t:?}"),
            Err(e) => {
                assert_eq!(before, (self.p.state_json(), self.p.log().clone()), "rejected {name} changed the project");
                e
            }
        }
    }

    /// A copy of the kit (the project with its log), to try a command on the side.
    pub fn clone_kit(&self) -> Kit {
        Kit { p: self.p.clone(), date: self.date, mode: self.mode }
    }

    pub fn state(&self) -> InvState {
        self.p.state().unwrap()
    }

    /// Drives the standard route up to (and including) `until`.
    pub fn drive(&mut self, until: InvState) {
        drive(self, until);
    }
}

pub fn register(total: &str) -> RegisterProject {
    RegisterProject {
        approval_required: false,
        basis_3_2: None,
        classified: false,
        construction_mode: ConstructionMode::SelfBuilt,
        dig_project_id: None,
        industry_authority_org: ORG.into(),
        lacks_capacity: false,
        level: Level::Municipal,
        mode: FundingMode::DirectInvestment,
        name: "Hospital expansion".into(),
        nature: Nature::NonOperating,
        own_funds_only: false,
        project_code: Some(CODE.into()),
        project_id: "P1".into(),
        route_flags: RouteFlags::default(),
        sector: "health".into(),
        total: yuan!(total),
        unit_kind: UnitKind::AdminOrPublicUnit,
        uses_loan: false,
    }
}

pub fn proposal() -> SubmitProposal {
    SubmitProposal {
        contents: ProposalContent::ALL.to_vec(),
        platform_ref: doc(DocKind::Approval, "豫投资平台-2023-001"),
        rough_estimate: yuan!("120000000.00"),
    }
}

pub fn approve_proposal() -> ApproveProposal {
    ApproveProposal {
        assessments: None,
        necessity: PassFail::Pass,
        platform_ref: Some(doc(DocKind::Approval, "豫投资平台-2023-002")),
        reference: approval("宛发改审批〔2023〕1号"),
        tender_scheme: None,
    }
}

pub fn fsr(f: &str) -> SubmitFsr {
    SubmitFsr {
        batch_id: None,
        compiled_by: CompiledBy::SelfCompiled,
        consultancy_contract: None,
        contents: FsrContent::ALL.to_vec(),
        energy_review_opinion: Some(Attachment::Doc(doc(DocKind::EnergyReviewOpinion, "宛发改能评〔2023〕3号"))),
        fsr_estimate: yuan!(f),
        land_site_opinion: Some(Attachment::NotApplicable { na_reason: "no new land: existing site".into() }),
    }
}

pub fn approve_fsr(f: &str) -> ApproveFsr {
    ApproveFsr {
        assessments: None,
        estimate: None,
        fsr_estimate: yuan!(f),
        large_investment: false,
        major_impact: false,
        needs_cd_design: None,
        no_estimate: None,
        platform_ref: Some(doc(DocKind::Approval, "豫投资平台-2023-003")),
        reference: approval("宛发改审批〔2023〕2号"),
        tender_required: vec![Lot::Construction, Lot::Epc],
    }
}

pub fn items(total: &str) -> Vec<EstimateItem> {
    // 70 % construction, 15 % equipment, 10 % other, the rest contingency (fen exact).
    let t = crate::Yuan::parse(total).unwrap().fen() as u64;
    let ci = t * 70 / 100;
    let eq = t * 15 / 100;
    let ot = t * 10 / 100;
    let ct = t - ci - eq - ot;
    let item = |id: &str, cat, fen: u64| EstimateItem {
        amount: crate::Yuan::from_fen(fen).unwrap(),
        category: cat,
        item_id: id.into(),
    };
    vec![
        item("I-CI", ItemCategory::ConstructionInstallation, ci),
        item("I-EQ", ItemCategory::Equipment, eq),
        item("I-OT", ItemCategory::Other, ot),
        item("I-CT", ItemCategory::Contingency, ct),
    ]
}

pub fn design(e: &str) -> SubmitDesign {
    let it = items(e);
    SubmitDesign {
        compiled_estimate: yuan!(e),
        contingency: it[3].amount,
        design_contract_id: "K-DESIGN".into(),
        greening_native: true,
        items: it,
        needs_cd_design: true,
    }
}

pub fn approve_design() -> ApproveDesign {
    ApproveDesign {
        needs_cd_design: true,
        platform_ref: Some(doc(DocKind::Approval, "豫投资平台-2023-004")),
        reference: approval("宛发改设计〔2023〕4号"),
    }
}

pub fn verify(a: &str) -> VerifyEstimate {
    VerifyEstimate {
        estimate: yuan!(a),
        items: items(a),
        platform_ref: Some(doc(DocKind::Approval, "豫投资平台-2023-005")),
        reference: approval("宛发改概算〔2023〕5号"),
    }
}

pub fn cd_review(b: &str) -> CompleteCdReview {
    CompleteCdReview { cd_budget: yuan!(b), reference: doc(DocKind::CdReview, "施审〔2023〕6号") }
}

pub fn budget(b: &str) -> SubmitBudget {
    SubmitBudget { amount: yuan!(b), items: vec!["I-CI".into(), "I-EQ".into()], kind: BudgetKind::CdBudget }
}

pub fn approve_budget(b: &str) -> ApproveBudget {
    ApproveBudget {
        budget: yuan!(b),
        items: vec!["I-CI".into(), "I-EQ".into()],
        reference: doc(DocKind::BudgetReviewReport, "宛财评〔2023〕7号"),
    }
}

pub fn tender(id: &str, lot: Lot, items: &[&str]) -> IssueTender {
    let it: Vec<crate::log::Id> = items.iter().map(|&s| s.into()).collect();
    IssueTender {
        estimated_price: matches!(lot, Lot::Survey | Lot::Design).then(|| yuan!("2000000.00")),
        items: it.clone(),
        lot,
        platform_ref: doc(DocKind::TenderDocs, "宛公资交易-2023-8"),
        scope_items: it,
        tender_id: id.into(),
    }
}

pub fn contract(id: &str, tender: Option<&str>, lot: Lot, price: &str, items: &[&str]) -> AwardContract {
    AwardContract {
        advance_funding_clause: false,
        advance_percent: None,
        contract_id: id.into(),
        contractor: "河南建工".into(),
        estimated_price: None,
        in_budget_scope: matches!(lot, Lot::Construction | Lot::Epc),
        items: items.iter().map(|&s| s.into()).collect(),
        lot,
        preliminary: None,
        price: yuan!(price),
        price_adjustment_clause: true,
        procured_by: if tender.is_some() { ProcuredBy::Tender } else { ProcuredBy::OtherCompetitive },
        tender_id: tender.map(Into::into),
    }
}

pub fn funding(amount: &str, year: i32) -> RecordFunding {
    RecordFunding { sources: vec![FundingSource { amount: yuan!(amount), source: SourceKind::MunicipalBudget, year }] }
}

pub fn start(end: &str) -> StartConstruction {
    StartConstruction { permit_ref: doc(DocKind::Approval, "施工许可-2023-9"), planned_end: d(end) }
}

pub fn request(id: &str, contract: Option<&str>, amount: &str, cap: &str) -> RequestPayment {
    RequestPayment {
        advance_deducted: None,
        amount: yuan!(amount),
        contract_id: contract.map(Into::into),
        in_budget_scope: true,
        item_id: "I-CI".into(),
        kind: None,
        progress_cap: yuan!(cap),
        purpose: None,
        request_id: id.into(),
        wage_share: yuan!("0"),
        wages_due: yuan!("0"),
    }
}

pub fn approve_pay(id: &str) -> ApprovePayment {
    ApprovePayment { reference: approval("宛财支付-1"), request_id: id.into() }
}

pub fn disburse(id: &str, amount: &str) -> DisbursePayment {
    DisbursePayment { amount: yuan!(amount), request_id: id.into(), wage_account_amount: yuan!("0") }
}

fn drive(k: &mut Kit, until: InvState) {
    use Actor::*;
    use InvState as S;
    type StepFn = Box<dyn Fn(&mut Kit)>;
    let steps: Vec<(&str, S, StepFn)> = vec![
        ("2023-07-03", S::Reserve, Box::new(|k| drop(k.ok(register("120000000.00"), ProjectUnit)))),
        ("2023-07-10", S::ProposalReview, Box::new(|k| drop(k.ok(proposal(), ProjectUnit)))),
        ("2023-07-20", S::ProposalApproved, Box::new(|k| drop(k.ok(approve_proposal(), Drc)))),
        ("2023-08-01", S::FsrReview, Box::new(|k| drop(k.ok(fsr("100000000.00"), ProjectUnit)))),
        (
            "2023-08-15",
            S::FsrApproved,
            Box::new(|k| {
                k.ok(approve_fsr("100000000.00"), Drc);
                k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
                k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "2000000.00", &[]), ProjectUnit);
            }),
        ),
        ("2023-09-01", S::DesignReview, Box::new(|k| drop(k.ok(design("105000000.00"), ProjectUnit)))),
        (
            "2023-09-15",
            S::DesignApproved,
            Box::new(|k| {
                k.ok(approve_design(), Drc);
                k.ok(verify("105000000.00"), Drc);
            }),
        ),
        ("2023-10-09", S::CdReviewed, Box::new(|k| drop(k.ok(cd_review("100000000.00"), ProjectUnit)))),
        ("2023-10-16", S::BudgetReview, Box::new(|k| drop(k.ok(budget("98000000.00"), ProjectUnit)))),
        ("2023-10-30", S::BudgetApproved, Box::new(|k| drop(k.ok(approve_budget("98000000.00"), Finance)))),
        (
            "2023-11-06",
            S::Procurement,
            Box::new(|k| drop(k.ok(tender("T-C", Lot::Construction, &["I-CI"]), ProjectUnit))),
        ),
        (
            "2023-11-20",
            S::UnderConstruction,
            Box::new(|k| {
                k.ok(contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]), ProjectUnit);
                k.ok(funding("105000000.00", 2023), ProjectUnit);
                k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
                k.ok(start("2025-06-30"), ProjectUnit);
            }),
        ),
    ];
    for (date, state, f) in steps {
        if k.p.state().is_some_and(|s| crate::investment::lifecycle::reached(s, state)) {
            continue;
        }
        k.at(date);
        f(k);
        assert_eq!(k.state(), state);
        if state == until {
            return;
        }
    }
}

// Everything else a lifecycle test module needs (`use crate::investment::testkit::*;`).
pub use crate::actor::Actor::*;
pub use crate::config::{DesignApprover, ReviewKind};
pub use crate::error::InputReason;
pub use crate::investment::plan::{PlanEntry, PlanInputs, ProjectPlanStatus};
pub use crate::outcome::OutcomeKind;
pub use crate::rule::RuleId;
pub use crate::rules::*;
pub use crate::yuan;

pub fn rule_of(e: &Error) -> Option<RuleId> {
    match e {
        Error::Rule(v) => v.rule_id(),
        _ => None,
    }
}

pub fn has(e: &Error, rule: RuleId, detail: &str) -> bool {
    matches!(e, Error::Rule(v) if v.outcomes.iter().any(|o| o.rule == rule && o.detail == detail))
}

/// Every outcome of a rejection as (rule, detail), in order (an exact list to compare).
pub fn violations(e: &Error) -> Vec<(RuleId, String)> {
    match e {
        Error::Rule(v) => v.outcomes.iter().map(|o| (o.rule, o.detail.to_string())).collect(),
        _ => panic!("not a rule violation: {e:?}"),
    }
}

/// Every outcome of an accepted command as (kind, rule, detail), in order.
pub fn outcomes(t: &crate::Transition) -> Vec<(OutcomeKind, RuleId, String)> {
    t.outcomes.iter().map(|o| (o.kind, o.rule, o.detail.to_string())).collect()
}

pub fn outcome(t: &crate::Transition, kind: OutcomeKind, rule: RuleId, detail: &str) -> bool {
    t.outcomes.iter().any(|o| o.kind == kind && o.rule == rule && o.detail == detail)
}

pub fn finding_codes(k: &Kit, as_of: &str) -> Vec<String> {
    k.p.findings(d(as_of)).iter().map(|f| format!("{}:{}", f.code, f.detail)).collect()
}

pub fn plan_issued(year: i32, amount: &str) -> PlanInputs {
    let mut p = PlanInputs::default();
    p.insert(
        year,
        PlanEntry {
            status: ProjectPlanStatus::PlanIssued,
            annual_amount: Some(yuan!(amount)),
            issued_on: Some(NaiveDate::from_ymd_opt(year, 1, 20).unwrap()),
            preparatory: false,
            plan_issued_on: None,
        },
    );
    p
}

pub fn paying_project() -> Kit {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    k.p.set_plan_inputs(plan_issued(2023, "200000000.00"));
    k
}

pub struct CompleteWorksEv;

impl CompleteWorksEv {
    pub fn ev() -> InvEvent {
        InvEvent::CompleteWorks(Box::default())
    }
}
