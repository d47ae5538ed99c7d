//! Lifecycle tests of the `inv` machine (RULES.md §3.1.2, §3.1.6 (a)), with a small kit that
//! builds commands and drives a project along the standard route.

pub(crate) mod kit {
    use chrono::NaiveDate;

    use crate::actor::{Actor, DocKind, DocRef};
    use crate::config::{Config, Context};
    use crate::error::Error;
    use crate::investment::InvestmentProject;
    use crate::investment::events::*;
    use crate::investment::ledger::Lot;
    use crate::investment::lifecycle::InvState;
    use crate::investment::route::{Level, RouteFlags};
    use crate::log::{Command, MachineId, Stream};
    use crate::outcome::{Mode, Transition};
    use crate::yuan;

    pub const CODE: &str = "2307-411300-04-01-000001";
    pub const ORG: &str = "南阳市卫生健康委员会";

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
                    assert_eq!(
                        before,
                        (self.p.state_json(), self.p.log().clone()),
                        "rejected {name} changed the project"
                    );
                    e
                }
            }
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
            platform_ref: doc(DocKind::Approval, "豫投资平台-2023-002"),
            reference: approval("宛发改审批〔2023〕1号"),
        }
    }

    pub fn fsr(f: &str) -> SubmitFsr {
        SubmitFsr {
            batch_id: None,
            compiled_by: CompiledBy::Consultancy,
            consultancy_contract: Some("K-CONSULT".into()),
            contents: FsrContent::ALL.to_vec(),
            energy_review_opinion: Some(Attachment::Doc(doc(DocKind::EnergyReviewOpinion, "宛发改能评〔2023〕3号"))),
            fsr_estimate: yuan!(f),
            land_site_opinion: Some(Attachment::NotApplicable { na_reason: "no new land: existing site".into() }),
        }
    }

    pub fn approve_fsr(f: &str) -> ApproveFsr {
        ApproveFsr {
            assessments: None,
            fsr_estimate: yuan!(f),
            large_investment: false,
            major_impact: false,
            needs_cd_design: None,
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
        ApproveDesign { needs_cd_design: true, reference: approval("宛发改设计〔2023〕4号") }
    }

    pub fn verify(a: &str) -> VerifyEstimate {
        VerifyEstimate { estimate: yuan!(a), items: items(a), reference: approval("宛发改概算〔2023〕5号") }
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
        let it: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        IssueTender {
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
            contract_id: id.into(),
            contractor: "河南建工".into(),
            in_budget_scope: matches!(lot, Lot::Construction | Lot::Epc),
            items: items.iter().map(|s| s.to_string()).collect(),
            lot,
            price: yuan!(price),
            price_adjustment_clause: true,
            procured_by: if tender.is_some() { ProcuredBy::Tender } else { ProcuredBy::OtherCompetitive },
            tender_id: tender.map(str::to_string),
        }
    }

    pub fn funding(amount: &str, year: i32) -> RecordFunding {
        RecordFunding {
            sources: vec![FundingSource { amount: yuan!(amount), source: SourceKind::MunicipalBudget, year }],
        }
    }

    pub fn start(end: &str) -> StartConstruction {
        StartConstruction { permit_ref: doc(DocKind::Approval, "施工许可-2023-9"), planned_end: d(end) }
    }

    pub fn request(id: &str, contract: Option<&str>, amount: &str, cap: &str) -> RequestPayment {
        RequestPayment {
            amount: yuan!(amount),
            contract_id: contract.map(str::to_string),
            in_budget_scope: true,
            item_id: "I-CI".into(),
            progress_cap: yuan!(cap),
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
}

use chrono::NaiveDate;
use kit::*;

use crate::actor::{Actor, DocKind};
use crate::config::{Config, DesignApprover, ReviewKind};
use crate::error::{Error, InputReason};
use crate::investment::events::*;
use crate::investment::ledger::Lot;
use crate::investment::lifecycle::InvState;
use crate::investment::plan::{PlanEntry, PlanInputs, ProjectPlanStatus};
use crate::investment::route::Route;
use crate::outcome::{Mode, OutcomeKind};
use crate::rule::RuleId;
use crate::rules::*;
use crate::yuan;

use Actor::*;

fn rule_of(e: &Error) -> Option<RuleId> {
    match e {
        Error::Rule(v) => v.rule_id(),
        _ => None,
    }
}

fn has(e: &Error, rule: RuleId, detail: &str) -> bool {
    matches!(e, Error::Rule(v) if v.outcomes.iter().any(|o| o.rule == rule && o.detail == detail))
}

fn outcome(t: &crate::Transition, kind: OutcomeKind, rule: RuleId, detail: &str) -> bool {
    t.outcomes.iter().any(|o| o.kind == kind && o.rule == rule && o.detail == detail)
}

fn finding_codes(k: &Kit, as_of: &str) -> Vec<String> {
    k.p.findings(d(as_of)).iter().map(|f| format!("{}:{}", f.code, f.detail)).collect()
}

fn plan_issued(year: i32, amount: &str) -> PlanInputs {
    let mut p = PlanInputs::default();
    p.years.insert(
        year,
        PlanEntry {
            status: ProjectPlanStatus::PlanIssued,
            annual_amount: Some(yuan!(amount)),
            issued_on: Some(NaiveDate::from_ymd_opt(year, 1, 20).unwrap()),
        },
    );
    p
}

/// Source: INV-13.1 — the standard route runs proposal, FSR, design/estimate, CD review, budget,
/// tender and start in order (full happy path), clean of violations.
#[test]
fn standard_route_happy_path() {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    assert_eq!(k.p.ledger().estimate, Some(yuan!("105000000.00")));
    assert_eq!(k.p.ledger().original_estimate, Some(yuan!("105000000.00")));
    assert_eq!(k.p.ledger().budget, Some(yuan!("98000000.00")));
    assert_eq!(k.p.ledger().computed_route, Some(Route::Standard));
    let bad: Vec<_> =
        k.p.log()
            .entries()
            .iter()
            .flat_map(|e| e.outcomes.iter())
            .filter(|o| o.kind != OutcomeKind::Warning)
            .cloned()
            .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// Source: INV-5.3 — only direct investment and capital injection enter the machine (S: both modes).
#[test]
fn registration_scope_5_3() {
    for mode in [Mode::Enforce, Mode::Record] {
        let mut k = Kit::new();
        k.mode = mode;
        let mut r = register("1.00");
        r.mode = FundingMode::InvestmentSubsidy;
        r.nature = Nature::Operating;
        let e = k.err(r, ProjectUnit);
        assert!(has(&e, INV_5_3, "not_approval_system"));
    }
    let mut k = Kit::new();
    let mut r = register("1.00");
    r.mode = FundingMode::CapitalInjection;
    r.nature = Nature::Operating;
    r.basis_3_2 = Some(doc(DocKind::Approval, "高新技术产业化-1"));
    let t = k.ok(r, ProjectUnit);
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
}

/// Source: INV-13.3 — a county project runs this machine only with `county_adopts_inv`.
#[test]
fn county_scope_13_3() {
    let mut r = register("1.00");
    r.level = crate::investment::route::Level::County;
    let mut k = Kit::new();
    k.mode = Mode::Record;
    assert!(has(&k.err(r.clone(), ProjectUnit), INV_13_3, "county_rules"));
    let cfg = Config { county_adopts_inv: true, ..Config::default() };
    let mut k = Kit::with(cfg);
    k.ok(r, ProjectUnit);
    assert_eq!(k.p.ledger().computed_route, Some(Route::CountyRules));
}

/// Source: INV-5.2 — registration runs §4.8: operating with direct investment is a violation.
/// Source: INV-3.2 — an operating project without basis gets a warning.
/// Source: INV-3.1 — the nature is recorded.
/// Source: INV-5.1 — funds per project, by mode (traced with §4.8 at registration).
#[test]
fn registration_funding_mode() {
    let mut k = Kit::new();
    let mut r = register("1.00");
    r.nature = Nature::Operating;
    assert!(has(&k.err(r.clone(), ProjectUnit), INV_5_2, "mode_nature_mismatch"));
    r.mode = FundingMode::CapitalInjection;
    let t = k.ok(r, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Warning, INV_3_2, "no_basis"));
    assert!(t.rules.contains(&INV_3_1) && t.rules.contains(&INV_5_1));
    assert_eq!(k.p.ledger().registration.as_ref().unwrap().nature, Nature::Operating);
    let mut k = Kit::new();
    let mut r = register("1.00");
    r.nature = Nature::QuasiOperating;
    let t = k.ok(r, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Warning, INV_5_2, "quasi_operating"));
}

/// Source: INV-5.4 — own funds only: default breach (enterprise regime); no exception can precede registration.
#[test]
fn own_funds_5_4() {
    let mut k = Kit::new();
    let mut r = register("1.00");
    r.own_funds_only = true;
    let t = k.ok(r, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_5_4, "enterprise_regime"));
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-5.4:enterprise_regime".to_string()));
}

/// Source: INV-32.1 — EPC or agent construction only for a non-operating project lacking capacity (M).
#[test]
fn construction_mode_32_1() {
    let mut r = register("1.00");
    r.construction_mode = ConstructionMode::Epc;
    let mut k = Kit::new();
    assert!(has(&k.err(r.clone(), ProjectUnit), INV_32_1, "not_permitted"));
    r.lacks_capacity = true;
    k.ok(r, ProjectUnit);
    let mut r = register("1.00");
    r.construction_mode = ConstructionMode::AgentConstruction;
    r.lacks_capacity = true;
    r.nature = Nature::Operating;
    r.mode = FundingMode::CapitalInjection;
    let mut k = Kit::new();
    assert!(has(&k.err(r, ProjectUnit), INV_32_1, "not_permitted"));
}

/// Source: INV-32.2 — an operating project forms its legal person (traced at registration).
#[test]
fn operating_legal_person_32_2() {
    let mut r = register("1.00");
    r.nature = Nature::Operating;
    r.mode = FundingMode::CapitalInjection;
    let mut k = Kit::new();
    assert!(k.ok(r, ProjectUnit).rules.contains(&INV_32_2));
}

/// Source: DIG-14.4 — a budget-funded DIG project is not registered here (its INV parts run on the DIG log).
/// Source: DIG-14.5 — a self-funded one files with drc instead.
#[test]
fn dig_project_refused() {
    let mut r = register("1.00");
    r.dig_project_id = Some("D1".into());
    let mut k = Kit::new();
    assert!(has(&k.err(r.clone(), ProjectUnit), DIG_14_4, "inv_parts_on_dig_log"));
    r.own_funds_only = true;
    assert!(has(&k.err(r, ProjectUnit), DIG_14_5, "self_funded_dig_project"));
}

/// Source: INV-9.2 — every later event of a non-classified project carries its code (AMB-40);
/// a classified project needs none.
#[test]
fn project_code_on_every_event() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    let mut c = k.cmd(proposal(), ProjectUnit);
    c.project_code = None;
    let e = k.p.apply(c).unwrap_err();
    assert!(has(&e, INV_9_2, "missing_project_code"));
    let c = k.cmd(proposal(), ProjectUnit).code("OTHER");
    assert!(has(&k.p.apply(c).unwrap_err(), INV_9_2, "wrong_project_code"));
    let mut k = Kit::new();
    let mut r = register("120000000.00");
    r.classified = true;
    r.project_code = None;
    let mut c = k.cmd(r, ProjectUnit);
    c.project_code = None;
    k.p.apply(c).unwrap();
    let mut c = k.cmd(proposal(), ProjectUnit);
    c.project_code = None;
    k.p.apply(c).unwrap();
}

/// Source: INV-9.1 — a non-classified proposal goes through the online platform.
#[test]
fn platform_9_1() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    let mut p = proposal();
    p.platform_ref = doc(DocKind::Approval, " ");
    assert!(has(&k.err(p, ProjectUnit), INV_9_1, "not_on_platform"));
}

/// Source: INV-18 — the proposal covers all seven items.
#[test]
fn proposal_contents_18() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    let mut p = proposal();
    p.contents.retain(|c| *c != ProposalContent::Financing);
    assert!(has(&k.err(p, ProjectUnit), INV_18, "incomplete"));
}

/// Source: INV-21.1 — approving a proposal whose necessity failed is a violation.
/// Source: INV-13.2 — drc approves the proposal; another actor is a violation of 13.2.
#[test]
fn proposal_approval_21_1() {
    let mut k = Kit::new();
    k.drive(InvState::ProposalReview);
    let mut a = approve_proposal();
    a.necessity = PassFail::Fail;
    assert!(has(&k.err(a, Drc), INV_21_1, "necessity_not_established"));
    let e = k.err(approve_proposal(), Finance);
    assert_eq!(rule_of(&e), Some(INV_13_2));
}

/// Source: INV-13.1 — on the standard route an FSR from the reserve skips the proposal: violation.
#[test]
fn proposal_required_13_1() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    assert!(has(&k.err(fsr("100000000.00"), ProjectUnit), INV_13_1, "proposal_required"));
    // direct_fsr needs no proposal.
    let mut k = Kit::new();
    let mut r = register("30000000.00");
    r.route_flags.in_plan = true;
    k.ok(r, ProjectUnit);
    assert_eq!(k.p.ledger().computed_route, Some(Route::DirectFsr));
    k.ok(fsr("30000000.00"), ProjectUnit);
}

/// Source: INV-19.1 — an FSR by a consultancy needs its (procurement) contract.
/// Source: INV-19.2 — the FSR analyses all six subjects.
/// Source: INV-19.3 — land/site and energy opinions, or a stated legal ground (AMB-35).
#[test]
fn fsr_contents_19() {
    let mut k = Kit::new();
    k.drive(InvState::ProposalApproved);
    let mut f = fsr("100000000.00");
    f.consultancy_contract = None;
    assert!(has(&k.err(f, ProjectUnit), INV_19_1, "no_consultancy_contract"));
    let mut f = fsr("100000000.00");
    f.compiled_by = CompiledBy::SelfCompiled;
    f.consultancy_contract = None;
    f.contents.pop();
    assert!(has(&k.err(f, ProjectUnit), INV_19_2, "incomplete"));
    let mut f = fsr("100000000.00");
    f.land_site_opinion = Some(Attachment::NotApplicable { na_reason: "  ".into() });
    assert!(has(&k.err(f, ProjectUnit), INV_19_3, "missing_land_site_opinion"));
    let mut f = fsr("100000000.00");
    f.energy_review_opinion = None;
    assert!(has(&k.err(f, ProjectUnit), INV_19_3, "missing_energy_review_opinion"));
}

/// Source: INV-15.1 — on the simplified route F must stay ≤ 10,000,000.00 (10M IN, +0.01 OUT).
#[test]
fn simplified_band_15_1() {
    for (f, ok) in [("10000000.00", true), ("10000000.01", false)] {
        let mut k = Kit::new();
        k.ok(register("8500000.00"), ProjectUnit);
        assert_eq!(k.p.ledger().computed_route, Some(Route::SimplifiedFsrOnly));
        let r = k.apply(fsr(f), ProjectUnit);
        assert_eq!(r.is_ok(), ok, "{f}");
        if let Err(e) = r {
            assert!(has(&e, INV_15_1, "outside_band"));
        }
    }
}

/// Source: INV-15.3 — on the direct route F must stay ≤ 50,000,000.00 (50M IN, +0.01 OUT).
#[test]
fn direct_band_15_3() {
    for (f, ok) in [("50000000.00", true), ("50000000.01", false)] {
        let mut k = Kit::new();
        let mut r = register("40000000.00");
        r.route_flags.agreed = true;
        k.ok(r, ProjectUnit);
        let res = k.apply(fsr(f), ProjectUnit);
        assert_eq!(res.is_ok(), ok, "{f}");
        if let Err(e) = res {
            assert!(has(&e, INV_15_3, "outside_band"));
        }
    }
}

/// Source: INV-15.1 — an FSR-only route sets A := A0 := F at approve_fsr (AMB-5) and skips design.
#[test]
fn fsr_only_sets_estimate() {
    let mut k = Kit::new();
    k.ok(register("8500000.00"), ProjectUnit);
    k.ok(fsr("8500000.00"), ProjectUnit);
    k.ok(approve_fsr("8400000.00"), Drc);
    assert_eq!(k.p.ledger().estimate, Some(yuan!("8400000.00")));
    assert_eq!(k.p.ledger().original_estimate, Some(yuan!("8400000.00")));
    k.ok(cd_review("8000000.00"), ProjectUnit);
    assert_eq!(k.state(), InvState::CdReviewed);
}

/// Source: INV-13.4 — a route choice outside the permitted alternatives is a violation of that route's rule.
/// Source: INV-15.5 — central/provincial funds: only the external route is permitted.
#[test]
fn select_route_13_15() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::DirectFsr }, ProjectUnit);
    assert!(has(&e, INV_15_3, "route_not_permitted"));
    let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::External }, ProjectUnit);
    assert!(has(&e, INV_13_4, "route_not_permitted"));
    let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::EmergencyMerged }, ProjectUnit);
    assert!(has(&e, INV_15_4, "route_not_permitted"));
    let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::CountyRules }, ProjectUnit);
    assert!(has(&e, INV_13_3, "route_not_permitted"));
    // A fuller route is always permitted.
    let mut k = Kit::new();
    k.ok(register("8500000.00"), ProjectUnit);
    k.ok(SelectRoute { batch_id: None, chosen_route: Route::Standard }, ProjectUnit);
    assert_eq!(k.p.ledger().route(), Some(Route::Standard));
    let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::DirectFsr }, ProjectUnit);
    assert!(has(&e, INV_15_3, "route_not_permitted"));
    let mut k = Kit::new();
    let mut r = register("8500000.00");
    r.route_flags.seeks_central_provincial_funds = true;
    k.ok(r, ProjectUnit);
    assert_eq!(k.p.ledger().computed_route, Some(Route::External));
    let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::Standard }, ProjectUnit);
    assert!(has(&e, INV_13_1, "route_not_permitted"));
}

/// Source: INV-15.2 — a batch only for single-content, simple, many-site projects ≤ 10M.
#[test]
fn merged_batch_15_2() {
    let mut k = Kit::new();
    k.ok(register("8500000.00"), ProjectUnit);
    let e = k.err(SelectRoute { batch_id: Some("B1".into()), chosen_route: Route::SimplifiedFsrOnly }, ProjectUnit);
    assert!(has(&e, INV_15_2, "not_mergeable"));
    let mut k = Kit::new();
    let mut r = register("8500000.00");
    r.route_flags.dispersed_similar = true;
    r.route_flags.single_content_simple_tech = true;
    k.ok(r, ProjectUnit);
    k.ok(SelectRoute { batch_id: Some("B1".into()), chosen_route: Route::SimplifiedFsrOnly }, ProjectUnit);
    k.ok(fsr("8500000.00"), ProjectUnit);
    let t = k.ok(approve_fsr("8500000.00"), Drc);
    assert!(t.rules.contains(&INV_15_2));
}

/// Source: INV-16.1 — the municipal government recognises an emergency; the route becomes emergency_merged.
/// Source: INV-15.4 — the merged FSR (estimate depth) is the only approval, any amount: A := A0 := F.
#[test]
fn emergency_16_1() {
    let mut k = Kit::new();
    k.ok(register("300000000.00"), ProjectUnit);
    let rec = RecognizeEmergency {
        builder: "市城投".into(),
        content: "堤防抢修".into(),
        funding_sources: vec!["municipal_budget".into()],
        reference: doc(DocKind::Minutes, "市政府纪要〔2023〕9号"),
        scope: "白河段".into(),
    };
    assert_eq!(rule_of(&k.err(rec.clone(), Drc)), Some(INV_16_1));
    let mut bad = rec.clone();
    bad.builder = String::new();
    assert!(has(&k.err(bad, MunicipalGovernment), INV_16_1, "incomplete_decision"));
    let t = k.ok(rec, MunicipalGovernment);
    assert!(t.rules.contains(&INV_15_4));
    assert_eq!(k.p.ledger().route(), Some(Route::EmergencyMerged));
    k.ok(fsr("300000000.00"), ProjectUnit);
    k.ok(approve_fsr("300000000.00"), Drc);
    assert_eq!(k.p.ledger().estimate, Some(yuan!("300000000.00")));
    assert!(!k.p.requires_design());
}

/// Source: INV-14.1 — grant_simplification needs its category's flag (in_plan).
/// Source: INV-14.2 — partial rebuild.
/// Source: INV-14.3 — single content, simple technology AND small scale.
/// Source: INV-14.4 — urgent construction for a sudden event.
#[test]
fn grant_simplification_14() {
    let grant = |cat| GrantSimplification {
        category: cat,
        reason: "规划已明确".into(),
        reference: approval("宛发改简化〔2023〕1号"),
        waived: vec![WaivedDocument::Proposal, WaivedDocument::DesignAndEstimate],
    };
    for (cat, rule) in [
        (SimplificationCategory::Plan, INV_14_1),
        (SimplificationCategory::PartialRebuild, INV_14_2),
        (SimplificationCategory::SingleSmallSimple, INV_14_3),
        (SimplificationCategory::UrgentSuddenEvent, INV_14_4),
    ] {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        assert!(has(&k.err(grant(cat), Drc), rule, "category_not_met"), "{rule}");
    }
    let mut k = Kit::new();
    let mut r = register("120000000.00");
    r.route_flags.single_content_simple_tech = true;
    k.ok(r, ProjectUnit);
    assert!(has(&k.err(grant(SimplificationCategory::SingleSmallSimple), Drc), INV_14_3, "category_not_met"));
    let mut k = Kit::new();
    let mut r = register("120000000.00");
    r.route_flags.in_plan = true;
    k.ok(r, ProjectUnit);
    k.ok(grant(SimplificationCategory::Plan), Drc);
    // Waived: FSR from the reserve, A := F, straight to CD review.
    k.ok(fsr("100000000.00"), ProjectUnit);
    k.ok(approve_fsr("100000000.00"), Drc);
    assert_eq!(k.p.ledger().estimate, Some(yuan!("100000000.00")));
    k.ok(cd_review("90000000.00"), ProjectUnit);
}

/// Source: INV-22 — major impact or large investment needs all four records before approval.
#[test]
fn assessments_22() {
    let mut k = Kit::new();
    k.drive(InvState::FsrReview);
    let mut a = approve_fsr("100000000.00");
    a.major_impact = true;
    assert!(has(&k.err(a.clone(), Drc), INV_22, "missing_assessment"));
    a.assessments = Some(Assessments {
        expert: Some(doc(DocKind::Opinion, "专家-1")),
        intermediary: Some(doc(DocKind::Opinion, "评估-1")),
        public: Some(doc(DocKind::Opinion, "公众-1")),
        risk: None,
    });
    assert!(has(&k.err(a.clone(), Drc), INV_22, "missing_assessment"));
    a.assessments.as_mut().unwrap().risk = Some(doc(DocKind::Opinion, "风险-1"));
    k.ok(a, Drc);
    // The threshold sets large_investment: total ≥ threshold (IN), one fen above the total OUT.
    for (thr, needed) in [("120000000.00", true), ("120000000.01", false)] {
        let cfg = Config { large_investment_threshold: Some(yuan!(thr)), ..Config::default() };
        let mut k = Kit::with(cfg);
        k.drive(InvState::ProposalReview);
        let r = k.apply(approve_proposal(), Drc);
        assert_eq!(r.is_err(), needed, "{thr}");
    }
}

/// Source: INV-21.4 — approving an FSR whose legally required attachments (19.3) are missing.
#[test]
fn fsr_legal_matters_21_4() {
    let mut k = Kit::new();
    k.drive(InvState::ProposalApproved);
    k.mode = Mode::Record;
    let mut f = fsr("100000000.00");
    f.land_site_opinion = None;
    k.ok(f, ProjectUnit);
    k.mode = Mode::Enforce;
    let e = k.err(approve_fsr("100000000.00"), Drc);
    assert!(has(&e, INV_21_4, "legal_attachments_missing"));
    assert!(!has(&e, INV_21_2, "incomplete_fsr"));
}

/// Source: INV-21.2 — approving an FSR that lacks feasibility, social benefit or funding analysis.
#[test]
fn fsr_checklist_21_2() {
    let mut k = Kit::new();
    k.drive(InvState::ProposalApproved);
    k.mode = Mode::Record;
    let mut f = fsr("100000000.00");
    f.contents.retain(|c| *c != FsrContent::Funding);
    let t = k.ok(f, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Finding, INV_19_2, "incomplete"));
    k.mode = Mode::Enforce;
    assert!(has(&k.err(approve_fsr("100000000.00"), Drc), INV_21_2, "incomplete_fsr"));
    k.mode = Mode::Record;
    let t = k.ok(approve_fsr("100000000.00"), Drc);
    assert!(outcome(&t, OutcomeKind::Finding, INV_21_2, "incomplete_fsr"));
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.2:non_compliant_approval".to_string()));
}

/// Source: INV-21.5 — a refusal is written, with reasons, and returns to the review's source.
#[test]
fn refusal_21_5() {
    let refuse = |review| RefuseApproval {
        reasons: vec!["可研深度不足".into()],
        reference: doc(DocKind::Opinion, "不予批准-1"),
        review,
    };
    let mut k = Kit::new();
    k.drive(InvState::FsrReview);
    let mut r = refuse(ReviewKind::Fsr);
    r.reasons = vec![" ".into()];
    assert!(has(&k.err(r, Drc), INV_21_5, "no_reasons"));
    let mut r = refuse(ReviewKind::Fsr);
    r.reference = doc(DocKind::Opinion, "");
    assert!(has(&k.err(r, Drc), INV_21_5, "no_written_notice"));
    assert_eq!(rule_of(&k.err(refuse(ReviewKind::Fsr), Finance)), Some(INV_21_5));
    assert!(matches!(k.err(refuse(ReviewKind::Budget), Finance), Error::Transition(_)));
    k.ok(refuse(ReviewKind::Fsr), Drc);
    assert_eq!(k.state(), InvState::ProposalApproved);
    // Proposal refusal → reserve.
    let mut k = Kit::new();
    k.drive(InvState::ProposalReview);
    k.ok(refuse(ReviewKind::Proposal), Drc);
    assert_eq!(k.state(), InvState::Reserve);
    // Design refusal → fsr_approved, the verified estimate undone.
    let mut k = Kit::new();
    k.drive(InvState::DesignReview);
    k.ok(verify("105000000.00"), Drc);
    assert_eq!(k.p.ledger().estimate, Some(yuan!("105000000.00")));
    k.ok(refuse(ReviewKind::Design), Drc);
    assert_eq!(k.state(), InvState::FsrApproved);
    assert_eq!(k.p.ledger().estimate, None);
    assert!(!k.p.ledger().estimate_verified);
    // Budget refusal → the submission's source.
    let mut k = Kit::new();
    k.drive(InvState::BudgetReview);
    k.ok(refuse(ReviewKind::Budget), Finance);
    assert_eq!(k.state(), InvState::CdReviewed);
}

/// Source: INV-7.4 — an approval after the configured limit (working days after submission) is
/// accepted with a finding `late`; on the last day it is on time; an approval never given is overdue.
#[test]
fn approval_time_limit_7_4() {
    let mut cfg = Config::default();
    cfg.approval_time_limits.insert(ReviewKind::Fsr, 5);
    let mut k = Kit::with(cfg.clone());
    k.drive(InvState::ProposalApproved);
    k.at("2023-06-05");
    // (dates must not go back: use a fresh project with early dates)
    let mut k = Kit::with(cfg.clone());
    k.at("2023-06-01");
    k.ok(register("120000000.00"), ProjectUnit);
    k.ok(proposal(), ProjectUnit);
    k.ok(approve_proposal(), Drc);
    k.at("2023-06-05");
    k.ok(fsr("100000000.00"), ProjectUnit);
    let o = &k.p.obligations(d("2023-06-05"))[0];
    assert_eq!(o.obligation.due, d("2023-06-12"));
    assert!(k.p.obligations(d("2023-06-13"))[0].overdue);
    assert!(finding_codes(&k, "2023-06-13").contains(&"F-INV-7.4:overdue".to_string()));
    assert!(!finding_codes(&k, "2023-06-12").iter().any(|f| f.starts_with("F-INV-7.4")));
    k.at("2023-06-12");
    let t = k.ok(approve_fsr("100000000.00"), Drc);
    assert!(!t.outcomes.iter().any(|o| o.rule == INV_7_4));
    let mut k = Kit::with(cfg);
    k.at("2023-06-01");
    k.ok(register("120000000.00"), ProjectUnit);
    k.ok(proposal(), ProjectUnit);
    k.ok(approve_proposal(), Drc);
    k.at("2023-06-05");
    k.ok(fsr("100000000.00"), ProjectUnit);
    k.at("2023-06-13");
    let t = k.ok(approve_fsr("100000000.00"), Drc);
    assert!(outcome(&t, OutcomeKind::Finding, INV_7_4, "late"));
}

/// Source: INV-20.1 — design after the approved FSR (state) and INV-20.2 by a competitively procured designer.
/// Source: INV-20.2 — no design contract, or a direct award, is a violation.
#[test]
fn design_20_1_20_2() {
    let mut k = Kit::new();
    k.drive(InvState::FsrApproved);
    let mut dsg = design("105000000.00");
    dsg.design_contract_id = "K-NONE".into();
    assert!(has(&k.err(dsg, ProjectUnit), INV_20_2, "no_qualified_designer"));
    let mut c = contract("K-DIRECT", None, Lot::Design, "1000000.00", &[]);
    c.procured_by = ProcuredBy::Direct;
    let e = k.err(c.clone(), ProjectUnit);
    assert!(has(&e, INV_20_6, "not_competitive"));
    k.mode = Mode::Record;
    k.ok(c, ProjectUnit);
    k.mode = Mode::Enforce;
    let mut dsg = design("105000000.00");
    dsg.design_contract_id = "K-DIRECT".into();
    assert!(has(&k.err(dsg, ProjectUnit), INV_20_2, "no_qualified_designer"));
    let t = k.ok(design("105000000.00"), ProjectUnit);
    assert!(t.rules.contains(&INV_20_1));
}

/// Source: INV-20.4 — the estimate has all four categories and its items add up.
/// Source: INV-20.5 — non-native greening: default breach (design approver may except).
#[test]
fn estimate_items_20_4_20_5() {
    let mut k = Kit::new();
    k.drive(InvState::FsrApproved);
    let mut dsg = design("105000000.00");
    dsg.items.retain(|i| i.category != ItemCategory::Equipment);
    assert!(has(&k.err(dsg, ProjectUnit), INV_20_4, "missing_category"));
    let mut dsg = design("105000000.00");
    dsg.compiled_estimate = yuan!("105000000.01");
    assert!(has(&k.err(dsg, ProjectUnit), INV_20_4, "items_do_not_sum"));
    let mut dsg = design("105000000.00");
    dsg.greening_native = false;
    let t = k.ok(dsg, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_20_5, "non_native_greening"));
}

/// Source: INV-20.5 — an exception by the design approver covers the non-native greening.
#[test]
fn greening_exception_20_5() {
    let mut k = Kit::new();
    k.drive(InvState::FsrApproved);
    let exc = crate::RuleException {
        decision_ref: approval("宛发改设计例外-1"),
        event: None,
        reason: "特殊景观需要".into(),
        rule_id: INV_20_5,
        scope: crate::exception::ExceptionScope::One,
    };
    k.ok(exc, Drc);
    let mut dsg = design("105000000.00");
    dsg.greening_native = false;
    let t = k.ok(dsg, ProjectUnit);
    assert!(t.outcomes.is_empty());
    assert_eq!(t.exceptions_used.len(), 1);
}

/// Source: INV-20.3 — the design approval traces the no-over-design review.
/// Source: INV-21.3 — estimate and design conform to the FSR approval (traced, FSR approved).
#[test]
fn design_approval_traces() {
    let mut k = Kit::new();
    k.drive(InvState::DesignReview);
    let t = k.ok(approve_design(), Drc);
    assert!(t.rules.contains(&INV_20_3) && t.rules.contains(&INV_21_3));
    assert_eq!(k.state(), InvState::DesignReview);
    let t = k.ok(verify("105000000.00"), Drc);
    assert!(t.rules.contains(&INV_21_3));
    assert_eq!(k.state(), InvState::DesignApproved);
}

/// Source: INV-13.2 — the design approver comes from the configuration (industry authority for transport).
#[test]
fn design_approver_from_config() {
    let mut cfg = Config::default();
    cfg.design_approver.insert("health".into(), DesignApprover::IndustryAuthority);
    let mut k = Kit::with(cfg);
    k.drive(InvState::DesignReview);
    assert_eq!(rule_of(&k.err(approve_design(), Drc)), Some(INV_13_2));
    let mut c = k.cmd(approve_design(), IndustryAuthority);
    c.actor_org = "另一个局".into();
    assert_eq!(rule_of(&k.p.apply(c).unwrap_err()), Some(INV_13_2));
    k.ok(approve_design(), IndustryAuthority);
    assert_eq!(rule_of(&k.err(verify("105000000.00"), IndustryAuthority)), Some(INV_13_2));
}

/// Source: INV-23.3 — 10·E > 11·F: exactly +10 % needs no report; +0.01 does (warning at
/// submission, violation at approval without the report).
/// Source: INV-23.4 — a filed report waits for drc's decision; change_procedure lets the approval go on.
#[test]
fn estimate_excess_23_3_23_4() {
    for (e, due) in [("110000000.00", false), ("110000000.01", true)] {
        let mut k = Kit::new();
        k.drive(InvState::FsrApproved);
        let mut dsg = design(e);
        dsg.items = items(e);
        dsg.contingency = dsg.items[3].amount;
        let t = k.ok(dsg, ProjectUnit);
        assert_eq!(outcome(&t, OutcomeKind::Warning, INV_23_3, "report_due"), due, "{e}");
        let r = k.apply(approve_design(), Drc);
        assert_eq!(r.is_err(), due, "{e}");
        if due {
            assert!(has(&r.unwrap_err(), INV_23_3, "report_not_filed"));
            let rep = ReportEstimateExcess {
                changes: vec![],
                compiled_estimate: Some(yuan!(e)),
                reference: doc(DocKind::Opinion, "超估算报告-1"),
            };
            k.ok(rep, ProjectUnit);
            assert!(has(&k.err(approve_design(), Drc), INV_23_4, "awaiting_decision"));
            k.ok(
                DecideEstimateExcess {
                    decision: ExcessDecision::ChangeProcedure, reference: approval("变更手续-1")
                },
                Drc,
            );
            k.ok(approve_design(), Drc);
        }
    }
}

/// Source: INV-23.4 — redo_fsr sends the project to fsr_rework, clearing approvals (A, A0 and contracts kept; AMB-42);
/// a decision without a report is a violation.
#[test]
fn redo_fsr_23_4() {
    let mut k = Kit::new();
    k.drive(InvState::Procurement);
    let decide = DecideEstimateExcess { decision: ExcessDecision::RedoFsr, reference: approval("重编可研-1") };
    assert!(has(&k.err(decide.clone(), Drc), INV_23_4, "no_report"));
    let rep = ReportEstimateExcess {
        changes: vec![MaterialChange::Scale],
        compiled_estimate: None,
        reference: doc(DocKind::Opinion, "重大变更报告-1"),
    };
    let t = k.ok(rep, ProjectUnit);
    assert!(t.rules.contains(&INV_23_3));
    k.ok(decide, Drc);
    assert_eq!(k.state(), InvState::FsrRework);
    let l = k.p.ledger();
    assert!(!l.fsr_approved && !l.design_approved && !l.budget_done && !l.cd_review_done);
    assert_eq!(l.estimate, Some(yuan!("105000000.00")));
    assert_eq!(l.original_estimate, Some(yuan!("105000000.00")));
    assert_eq!(l.contracts.len(), 1);
    k.ok(fsr("100000000.00"), ProjectUnit);
    assert_eq!(k.state(), InvState::FsrReview);
}

/// Source: INV-24.1 — CD design after the design approval (from fsr_approved only on FSR-only routes).
/// Source: INV-24.2 — the CD budget and the budget stay ≤ A (A IN, +0.01 OUT).
#[test]
fn cd_review_24() {
    let mut k = Kit::new();
    k.drive(InvState::FsrApproved);
    assert!(has(&k.err(cd_review("1.00"), ProjectUnit), INV_24_1, "design_not_approved"));
    let mut k = Kit::new();
    k.drive(InvState::DesignApproved);
    assert!(has(&k.err(cd_review("105000000.01"), ProjectUnit), INV_24_2, "over_estimate"));
    k.ok(cd_review("105000000.00"), ProjectUnit);
    assert!(has(&k.err(budget("105000000.01"), ProjectUnit), INV_24_2, "over_estimate"));
    k.ok(budget("105000000.00"), ProjectUnit);
    assert!(has(&k.err(approve_budget("105000000.01"), Finance), INV_24_2, "over_estimate"));
    k.ok(approve_budget("105000000.00"), Finance);
}

/// Source: INV-25.1 — a CD budget only after the CD review.
/// Source: INV-25.4 — a works budget only when no CD design is needed.
#[test]
fn budget_25_1_25_4() {
    let mut k = Kit::new();
    k.drive(InvState::DesignApproved);
    assert!(has(&k.err(budget("1.00"), ProjectUnit), INV_25_1, "no_cd_review"));
    let mut b = budget("1.00");
    b.kind = BudgetKind::WorksBudget;
    assert!(has(&k.err(b.clone(), ProjectUnit), INV_25_4, "cd_design_required"));
    // Without CD design: design_approved → budget_review with a works budget.
    let mut k = Kit::new();
    k.drive(InvState::DesignReview);
    k.ok(ApproveDesign { needs_cd_design: false, reference: approval("设计-1") }, Drc);
    k.ok(verify("105000000.00"), Drc);
    k.ok(b, ProjectUnit);
    assert_eq!(k.state(), InvState::BudgetReview);
    k.ok(approve_budget("90000000.00"), Finance);
    assert_eq!(k.state(), InvState::BudgetApproved);
}

/// Source: INV-25.2 — a budget submitted again (after a refusal) is a default breach; a
/// project-scope exception by finance covers every later one.
#[test]
fn budget_once_25_2() {
    let mut k = Kit::new();
    k.drive(InvState::BudgetReview);
    k.ok(
        RefuseApproval {
            reasons: vec!["漏项".into()],
            reference: doc(DocKind::Opinion, "退回-1"),
            review: ReviewKind::Budget,
        },
        Finance,
    );
    let t = k.ok(budget("98000000.00"), ProjectUnit);
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_25_2, "resubmission"));
    k.ok(
        RefuseApproval {
            reasons: vec!["漏项".into()],
            reference: doc(DocKind::Opinion, "退回-2"),
            review: ReviewKind::Budget,
        },
        Finance,
    );
    let exc = crate::RuleException {
        decision_ref: approval("宛财例外-1"),
        event: None,
        reason: "设计变更后重报".into(),
        rule_id: INV_25_2,
        scope: crate::exception::ExceptionScope::Project,
    };
    k.ok(exc, Finance);
    let t = k.ok(budget("98000000.00"), ProjectUnit);
    assert!(t.outcomes.is_empty() && t.exceptions_used.len() == 1);
}

/// Source: INV-25.3 — finance checks the budget's items against the verified estimate.
#[test]
fn budget_consistency_25_3() {
    let mut k = Kit::new();
    k.drive(InvState::BudgetReview);
    let mut a = approve_budget("98000000.00");
    a.items.push("I-NEW".into());
    assert!(has(&k.err(a, Finance), INV_25_3, "inconsistent_with_estimate"));
    assert_eq!(rule_of(&k.err(approve_budget("98000000.00"), Drc)), Some(INV_25_3));
}

/// Source: INV-26 — tender items equal the approved scope: no missing, no new items.
/// Source: INV-33 — tenders on the public resource platform.
/// Source: INV-23.1 — the approved estimate (and budget) is the basis of tendering.
#[test]
fn tender_26_33() {
    let mut k = Kit::new();
    k.drive(InvState::BudgetApproved);
    let t = tender("T-X", Lot::Supervision, &["I-CI"]);
    assert!(k.ok(t, ProjectUnit).rules.contains(&INV_23_1));
    let mut t = tender("T-C", Lot::Construction, &["I-CI"]);
    t.scope_items = vec!["I-CI".into(), "I-EQ".into()];
    assert!(has(&k.err(t, ProjectUnit), INV_26, "items_differ"));
    assert!(has(&k.err(tender("T-C", Lot::Construction, &["I-XX"]), ProjectUnit), INV_26, "new_items"));
    let mut t = tender("T-C", Lot::Construction, &["I-CI"]);
    t.platform_ref = doc(DocKind::TenderDocs, "");
    assert!(has(&k.err(t, ProjectUnit), INV_33, "not_on_platform"));
    k.ok(tender("T-C", Lot::Construction, &["I-CI"]), TenderAgent);
    assert_eq!(k.state(), InvState::Procurement);
    // Contract items within the tender's.
    let c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI", "I-EQ"]);
    assert!(has(&k.err(c, ProjectUnit), INV_26, "new_items"));
}

/// Source: INV-6 — a non-EPC construction tender before the budget approval violates 26 and 6
/// (record mode moves on with findings); review states refuse it as a transition error.
#[test]
fn premature_tender_6() {
    let mut k = Kit::new();
    k.drive(InvState::CdReviewed);
    let e = k.err(tender("T-C", Lot::Construction, &["I-CI"]), ProjectUnit);
    assert!(has(&e, INV_6, "before_budget_approval") && has(&e, INV_26, "before_budget_approval"));
    k.mode = Mode::Record;
    let t = k.ok(tender("T-C", Lot::Construction, &["I-CI"]), ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Finding, INV_6, "before_budget_approval"));
    assert_eq!(k.state(), InvState::Procurement);
    let mut k = Kit::new();
    k.drive(InvState::DesignReview);
    assert!(matches!(k.err(tender("T-C", Lot::Construction, &[]), ProjectUnit), Error::Transition(_)));
}

/// Source: INV-32.1 — EPC tenders: from design_approved on the standard route; from
/// fsr_approved only on FSR-only routes; CD review and budget then run inside procurement (AMB-24).
#[test]
fn epc_path_32_1() {
    let mut r = register("120000000.00");
    r.construction_mode = ConstructionMode::Epc;
    r.lacks_capacity = true;
    let mut k = Kit::new();
    k.ok(r.clone(), ProjectUnit);
    k.ok(proposal(), ProjectUnit);
    k.ok(approve_proposal(), Drc);
    k.ok(fsr("100000000.00"), ProjectUnit);
    k.ok(approve_fsr("100000000.00"), Drc);
    assert!(has(&k.err(tender("T-E", Lot::Epc, &[]), ProjectUnit), INV_32_1, "before_design_approval"));
    k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
    k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "1000000.00", &[]), ProjectUnit);
    k.ok(design("105000000.00"), ProjectUnit);
    k.ok(approve_design(), Drc);
    k.ok(verify("105000000.00"), Drc);
    k.ok(tender("T-E", Lot::Epc, &["I-CI"]), ProjectUnit);
    assert_eq!(k.state(), InvState::Procurement);
    k.ok(cd_review("100000000.00"), ProjectUnit);
    k.ok(budget("98000000.00"), ProjectUnit);
    assert!(matches!(k.err(budget("98000000.00"), ProjectUnit), Error::Transition(_)));
    k.ok(approve_budget("98000000.00"), Finance);
    assert_eq!(k.state(), InvState::Procurement);
    k.ok(contract("K-E", Some("T-E"), Lot::Epc, "95000000.00", &["I-CI"]), ProjectUnit);
    k.ok(funding("105000000.00", 2023), ProjectUnit);
    k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
    k.ok(start("2025-06-30"), ProjectUnit);
    // EPC without capacity flag at registration: violation on the tender.
    let mut k = Kit::new();
    k.ok(register("8500000.00"), ProjectUnit);
    k.ok(fsr("8500000.00"), ProjectUnit);
    k.ok(approve_fsr("8500000.00"), Drc);
    assert!(has(&k.err(tender("T-E", Lot::Epc, &[]), ProjectUnit), INV_32_1, "epc_not_permitted"));
    // FSR-only route with EPC permitted: from fsr_approved.
    let mut r = register("8500000.00");
    r.construction_mode = ConstructionMode::Epc;
    r.lacks_capacity = true;
    let mut k = Kit::new();
    k.ok(r, ProjectUnit);
    k.ok(fsr("8500000.00"), ProjectUnit);
    k.ok(approve_fsr("8500000.00"), Drc);
    k.ok(tender("T-E", Lot::Epc, &[]), ProjectUnit);
    assert_eq!(k.state(), InvState::Procurement);
}

/// Source: INV-33 — a lot the law requires tendered (set at FSR approval) cannot be awarded otherwise.
/// Source: INV-36 — construction contracts carry a price-adjustment clause.
/// Source: INV-4.3 — no contractor advance funding (垫资).
/// Source: INV-20.6 — services procured competitively.
#[test]
fn award_contract_rules() {
    let mut k = Kit::new();
    k.drive(InvState::Procurement);
    let mut c = contract("K-C", None, Lot::Construction, "90000000.00", &["I-CI"]);
    c.procured_by = ProcuredBy::OtherCompetitive;
    assert!(has(&k.err(c, ProjectUnit), INV_33, "not_tendered"));
    let mut c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]);
    c.price_adjustment_clause = false;
    assert!(has(&k.err(c, ProjectUnit), INV_36, "no_price_adjustment_clause"));
    let mut c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]);
    c.advance_funding_clause = true;
    assert!(has(&k.err(c.clone(), ProjectUnit), INV_4_3, "advance_funding"));
    k.mode = Mode::Record;
    k.ok(c, ProjectUnit);
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-55.5:advance_funding".to_string()));
    let mut s = contract("K-S", None, Lot::Supervision, "1000000.00", &[]);
    s.procured_by = ProcuredBy::Direct;
    let t = k.ok(s, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Finding, INV_20_6, "not_competitive"));
    k.mode = Mode::Enforce;
    assert!(matches!(
        k.err(contract("K-C", Some("T-C"), Lot::Construction, "1.00", &[]), ProjectUnit),
        Error::Input(ref e) if e.reason == InputReason::UnknownId
    ));
}

/// Source: INV-23.2 — Σ contract prices above A: default breach (exactly A is IN), drc may except.
#[test]
fn contracts_above_estimate_23_2() {
    let mut k = Kit::new();
    k.drive(InvState::Procurement);
    // A = 105,000,000.00; design contract 2,000,000.00 already.
    let t = k.ok(contract("K-C", Some("T-C"), Lot::Construction, "103000000.00", &["I-CI"]), ProjectUnit);
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    let t = k.ok(contract("K-X", None, Lot::Equipment, "0.01", &[]), ProjectUnit);
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_23_2, "contracts_above_estimate"));
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-55.4:commitments_above_estimate".to_string()));
}

/// Source: INV-34 — the start needs code, approvals, budget, a works contract and funds
/// (Σ ≥ A; this year's ≥ the plan's annual amount; no plan entry → warning).
/// Source: INV-7.3 — survey, design approval and CD review before the start.
/// Source: INV-7.1 — a construction period (planned end after the start).
#[test]
fn start_conditions() {
    let mut k = Kit::new();
    k.drive(InvState::Procurement);
    k.ok(contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]), ProjectUnit);
    let e = k.err(start("2025-06-30"), ProjectUnit);
    assert!(has(&e, INV_7_3, "no_survey"));
    assert!(has(&e, INV_34, "funds_below_estimate"));
    k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
    k.ok(funding("104999999.99", 2023), ProjectUnit);
    assert!(has(&k.err(start("2025-06-30"), ProjectUnit), INV_34, "funds_below_estimate"));
    k.ok(funding("0.01", 2024), ProjectUnit);
    assert!(has(&k.err(start(&k.date.to_string()), ProjectUnit), INV_7_1, "no_construction_period"));
    // Issued plan of 2023: 2023 funds must reach the annual amount (IN at equality).
    k.p.set_plan_inputs(plan_issued(2023, "105000000.00"));
    assert!(has(&k.err(start("2025-06-30"), ProjectUnit), INV_34, "funds_below_annual_plan"));
    k.p.set_plan_inputs(plan_issued(2023, "104999999.99"));
    let t = k.ok(start("2025-06-30"), ProjectUnit);
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    let o = k.p.log().entries().last().unwrap();
    assert!(
        o.outcomes.iter().any(|o| o.kind == OutcomeKind::Warning && o.rule == INV_34 && o.detail == "no_plan_entry")
    );
}

/// Source: INV-7.3 — a premature start from fsr_approved is judged (not a transition error);
/// record mode moves on with findings, and F-INV-55.1 follows.
/// Source: INV-55.1 — start without approval or conditions is found.
#[test]
fn premature_start_recorded() {
    let mut k = Kit::new();
    k.drive(InvState::FsrApproved);
    let e = k.err(start("2025-06-30"), ProjectUnit);
    assert!(has(&e, INV_7_3, "design_not_approved") && has(&e, INV_34, "approvals_missing"));
    assert!(has(&e, INV_6, "out_of_order") && has(&e, INV_34, "no_approved_budget"));
    k.mode = Mode::Record;
    let t = k.ok(start("2025-06-30"), ProjectUnit);
    assert_eq!(t.to, "under_construction");
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-55.1:start_conditions_not_met".to_string()));
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-7.3:design_not_approved".to_string()));
}

/// Source: INV-45.4 — a milestone opens the industry authority's check (estimate_check_due
/// working days); a late check is a finding, a missing one overdue.
#[test]
fn milestone_checks_45_4() {
    let cfg = Config { estimate_check_due: Some(5), ..Config::default() };
    let mut k = Kit::with(cfg);
    k.drive(InvState::UnderConstruction);
    k.at("2023-12-04");
    k.ok(ReachMilestone { node: MilestoneNode::ToppingOut }, ProjectUnit);
    let due = k.p.obligations(d("2023-12-04"))[1].obligation.due;
    assert_eq!(due, d("2023-12-11"));
    assert!(finding_codes(&k, "2023-12-12").contains(&"F-INV-45.4:overdue".to_string()));
    k.at("2023-12-12");
    let check = EstimateControlCheck {
        node: MilestoneNode::ToppingOut,
        reference: doc(DocKind::Opinion, "概算控制检查-1"),
        result: PassFail::Pass,
    };
    assert_eq!(rule_of(&k.err(check.clone(), ProjectUnit)), Some(INV_8));
    let t = k.ok(check, IndustryAuthority);
    assert!(outcome(&t, OutcomeKind::Finding, INV_45_4, "late"));
}

/// Source: INV-46.1 — contingency draws never exceed the contingency (InputError contingency_overdrawn).
#[test]
fn contingency_46_1() {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    let c = k.p.ledger().contingency;
    assert_eq!(c, yuan!("5250000.00"));
    k.ok(DrawContingency { amount: yuan!("5250000.00"), change_id: None }, ProjectUnit);
    let e = k.err(DrawContingency { amount: yuan!("0.01"), change_id: None }, ProjectUnit);
    assert!(matches!(e, Error::Input(ref i) if i.reason == InputReason::ContingencyOverdrawn));
}

/// Source: INV-48 — W is certified by the industry authority (as_of not after the event).
#[test]
fn certify_w() {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    let cert = |as_of: &str| CertifyCompletedInvestment {
        as_of: d(as_of),
        certified_completed: yuan!("73500000.00"),
        reference: doc(DocKind::CertifiedCompleted, "完成投资确认-1"),
    };
    assert!(matches!(k.err(cert("2023-11-21"), IndustryAuthority), Error::Input(_)));
    k.ok(cert("2023-11-20"), IndustryAuthority);
    assert_eq!(k.p.ledger().certified_completed, Some(yuan!("73500000.00")));
}

fn paying_project() -> Kit {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    k.p.set_plan_inputs(plan_issued(2023, "200000000.00"));
    k
}

/// Source: INV-35.3 — payments stay within contract and progress (equality IN, +0.01 OUT).
/// Source: INV-35.2 — finance approves what the unit requested; disbursing an unapproved request violates it.
#[test]
fn payments_35_3() {
    let mut k = paying_project();
    k.at("2023-12-01");
    k.ok(request("R1", Some("K-C"), "90000000.00", "90000000.00"), ProjectUnit);
    k.ok(request("R2", Some("K-C"), "90000000.01", "100000000.00"), ProjectUnit);
    let e = k.err(approve_pay("R2"), Finance);
    assert!(has(&e, INV_35_3, "over_contract"));
    assert!(has(&k.err(disburse("R1", "90000000.00"), Finance), INV_35_2, "not_approved"));
    assert_eq!(rule_of(&k.err(approve_pay("R1"), ProjectUnit)), Some(INV_35_2));
    k.ok(approve_pay("R1"), Finance);
    let t = k.ok(disburse("R1", "90000000.00"), Finance);
    assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    assert_eq!(k.p.ledger().paid_total, yuan!("90000000.00"));
    k.ok(request("R3", Some("K-C"), "0.01", "100000000.00"), ProjectUnit);
    assert!(has(&k.err(approve_pay("R3"), Finance), INV_35_3, "over_contract"));
    let mut req = request("R4", Some("K-C"), "0.01", "100000000.00");
    req.item_id = "I-OT".into();
    k.ok(req, ProjectUnit);
    assert!(has(&k.err(approve_pay("R4"), Finance), INV_35_3, "over_scope"));
}

/// Source: INV-35.4 — wages first: wage_share ≥ min(amount, wages_due) (AMB-36).
#[test]
fn wages_35_4() {
    let mut k = paying_project();
    let mut r = request("R1", Some("K-C"), "500000.00", "9000000.00");
    r.wages_due = yuan!("200000.00");
    r.wage_share = yuan!("199999.99");
    k.ok(r, ProjectUnit);
    assert!(has(&k.err(approve_pay("R1"), Finance), INV_35_4, "wages_not_prioritised"));
    let mut r = request("R2", Some("K-C"), "500000.00", "9000000.00");
    r.wages_due = yuan!("200000.00");
    r.wage_share = yuan!("200000.00");
    k.ok(r, ProjectUnit);
    k.ok(approve_pay("R2"), Finance);
    let mut dis = disburse("R2", "500000.00");
    dis.wage_account_amount = yuan!("199999.99");
    assert!(has(&k.err(dis.clone(), Finance), INV_35_4, "wages_not_prioritised"));
    dis.wage_account_amount = yuan!("200000.00");
    k.ok(dis, Finance);
}

/// Source: INV-12.2 — disbursement outside the issued plan of its year: default breach;
/// an executive-meeting exception (scope project) covers it (AMB-50).
/// Source: INV-35.1 — over the plan's annual amount: warning over_annual_plan.
#[test]
fn plan_12_2_35_1() {
    let mut k = paying_project();
    k.at("2024-02-01");
    k.ok(request("R1", Some("K-C"), "1000000.00", "9000000.00"), ProjectUnit);
    k.ok(approve_pay("R1"), Finance);
    let t = k.ok(disburse("R1", "1000000.00"), Finance);
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_12_2, "not_in_plan"));
    k.p.set_plan_inputs(plan_issued(2024, "1500000.00"));
    k.ok(request("R2", Some("K-C"), "1500000.00", "9000000.00"), ProjectUnit);
    let t = k.ok(approve_pay("R2"), Finance);
    // 1,000,000.00 of the 1,500,000.00 already disbursed in 2024: the warning shows at approval too.
    assert!(outcome(&t, OutcomeKind::Warning, INV_35_1, "over_annual_plan"));
    let t = k.ok(disburse("R2", "1500000.00"), Finance);
    assert!(outcome(&t, OutcomeKind::Warning, INV_35_1, "over_annual_plan"));
    assert!(!t.outcomes.iter().any(|o| o.rule == INV_12_2));
    k.p.set_plan_inputs(PlanInputs::default());
    let exc = crate::RuleException {
        decision_ref: doc(DocKind::Minutes, "常务会议纪要-3"),
        event: None,
        reason: "续建项目".into(),
        rule_id: INV_12_2,
        scope: crate::exception::ExceptionScope::Project,
    };
    k.ok(exc, ExecutiveMeeting);
    k.ok(request("R3", Some("K-C"), "1.00", "9000000.00"), ProjectUnit);
    k.ok(approve_pay("R3"), Finance);
    let t = k.ok(disburse("R3", "1.00"), Finance);
    assert!(t.outcomes.is_empty() && t.exceptions_used.len() == 1);
}

/// Source: INV-31.1 — disbursement within `disbursement_sla` working days after approval.
/// Source: INV-54.2 — late or short disbursement is a finding; never disbursed is overdue.
#[test]
fn disbursement_sla_54_2() {
    let cfg = Config { disbursement_sla: Some(5), ..Config::default() };
    let mut k = Kit::with(cfg);
    k.drive(InvState::UnderConstruction);
    k.at("2023-12-04");
    k.ok(request("R1", Some("K-C"), "1000000.00", "9000000.00"), ProjectUnit);
    k.ok(request("R2", Some("K-C"), "1000000.00", "9000000.00"), ProjectUnit);
    k.ok(approve_pay("R1"), Finance);
    k.ok(approve_pay("R2"), Finance);
    assert!(finding_codes(&k, "2023-12-12").iter().filter(|f| *f == "F-INV-54.2:overdue").count() == 2);
    assert!(!finding_codes(&k, "2023-12-11").iter().any(|f| f.starts_with("F-INV-54.2")));
    k.at("2023-12-11");
    let t = k.ok(disburse("R1", "999999.99"), Finance);
    assert!(t.rules.contains(&INV_31_1));
    assert!(outcome(&t, OutcomeKind::Finding, INV_54_2, "short"));
    assert!(!outcome(&t, OutcomeKind::Finding, INV_54_2, "late"));
    k.at("2023-12-12");
    let t = k.ok(disburse("R2", "1000000.00"), Finance);
    assert!(outcome(&t, OutcomeKind::Finding, INV_54_2, "late"));
}

/// Source: INV-54.3 — a disbursement not tied to a contract item is flagged for review.
#[test]
fn untied_disbursement_54_3() {
    let mut k = paying_project();
    k.ok(request("R1", None, "1000.00", "9000000.00"), ProjectUnit);
    k.ok(approve_pay("R1"), Finance);
    k.ok(disburse("R1", "1000.00"), Finance);
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-54.3:not_tied_to_contract_item".to_string()));
}

/// Source: INV-55.2 — funding suspended under a cited 55.x finding blocks payments (violation of
/// that rule); resumed, they pass. Recovery at most what was disbursed.
#[test]
fn funding_suspension_55() {
    let mut k = paying_project();
    k.ok(
        RecordManualFinding { detail: "fraud".into(), reference: doc(DocKind::Opinion, "审计-1"), rule_id: INV_55_2 },
        Audit,
    );
    let seq = k.p.log().len();
    k.ok(request("R1", Some("K-C"), "1000.00", "9000000.00"), ProjectUnit);
    k.ok(SuspendFunding { finding_ref: FindingRef::Code(format!("F-INV-55.2#{seq}")) }, Finance);
    assert!(has(&k.err(approve_pay("R1"), Finance), INV_55_2, "funding_suspended"));
    assert!(matches!(
        k.err(SuspendFunding { finding_ref: FindingRef::Code("F-INV-55.2#999".into()) }, Finance),
        Error::Input(_)
    ));
    assert!(matches!(
        k.err(SuspendFunding { finding_ref: FindingRef::Code(format!("F-INV-35.3#{seq}")) }, Finance),
        Error::Input(_)
    ));
    k.ok(ResumeFunding { rectify_ref: doc(DocKind::Evidence, "整改-1") }, Finance);
    k.ok(approve_pay("R1"), Finance);
    k.ok(disburse("R1", "1000.00"), Finance);
    assert!(matches!(k.err(RecoverFunds { amount: yuan!("1000.01") }, Finance), Error::Input(_)));
    k.ok(RecoverFunds { amount: yuan!("1000.00") }, Finance);
    let codes = finding_codes(&k, "2023-12-31");
    assert!(codes.contains(&"F-INV-55.2:fraud".to_string()));
    let f = k.p.findings(d("2023-12-31"));
    assert!(f.iter().any(|f| f.code == "F-INV-55.2" && f.source == crate::finding::FindingSource::Manual));
}

/// Source: INV-55.3 — suspension by drc or the industry authority, resumed only by the suspender
/// to the stored state; stop from any state before works_completed.
#[test]
fn suspend_resume_stop() {
    let mut k = paying_project();
    let s = Suspend { finding_ref: FindingRef::Doc(doc(DocKind::Opinion, "责令暂停-1")) };
    assert_eq!(rule_of(&k.err(s.clone(), Finance)), Some(INV_8));
    k.ok(s, Drc);
    assert_eq!(k.state(), InvState::Suspended);
    let r = Resume { rectify_ref: doc(DocKind::Evidence, "整改-1") };
    assert_eq!(rule_of(&k.err(r.clone(), IndustryAuthority)), Some(INV_8));
    k.ok(r, Drc);
    assert_eq!(k.state(), InvState::UnderConstruction);
    k.ok(Stop { finding_ref: FindingRef::Code("F-INV-55.3#1".into()) }, IndustryAuthority);
    assert_eq!(k.state(), InvState::Stopped);
    assert!(k.p.obligations(d("2026-12-31")).is_empty());
    // Close-out continues after a stop (state kept).
    k.ok(ApproveSettlement { amount: yuan!("1000.00"), reference: doc(DocKind::Settlement, "结算-1") }, Finance);
    assert_eq!(k.state(), InvState::Stopped);
    assert!(matches!(k.err(CompleteWorksEv::ev(), ProjectUnit), Error::Transition(_)));
}

struct CompleteWorksEv;
impl CompleteWorksEv {
    fn ev() -> InvEvent {
        InvEvent::CompleteWorks(Box::default())
    }
}

/// Source: INV-55.6 — completion after planned_end without a recorded reason is a finding;
/// a recorded reason excuses it; an overdue completion shows as of a date.
#[test]
fn completion_55_6() {
    let mut k = paying_project();
    assert!(finding_codes(&k, "2025-07-01").contains(&"F-INV-55.6:overdue".to_string()));
    assert!(!finding_codes(&k, "2025-06-30").iter().any(|f| f.starts_with("F-INV-55.6")));
    k.at("2025-07-01");
    let t = k.ok(CompleteWorksEv::ev(), ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Finding, INV_55_6, "late"));
    let mut k = paying_project();
    k.at("2025-06-30");
    let t = k.ok(CompleteWorksEv::ev(), ProjectUnit);
    assert!(t.outcomes.is_empty());
    let mut k = paying_project();
    k.ok(
        RecordDelayReason {
            delay: DelayKind::Completion,
            reason: "汛期停工".into(),
            reference: doc(DocKind::Evidence, "停工-1"),
        },
        ProjectUnit,
    );
    assert!(!finding_codes(&k, "2025-07-01").iter().any(|f| f.starts_with("F-INV-55.6")));
    k.at("2025-07-01");
    assert!(k.ok(CompleteWorksEv::ev(), ProjectUnit).outcomes.is_empty());
}

/// Source: INV-55.6 — no start within `start_deadline` months after approval and plan issue.
#[test]
fn start_deadline_55_6() {
    let cfg = Config { start_deadline: Some(6), ..Config::default() };
    let mut k = Kit::with(cfg);
    k.drive(InvState::DesignApproved);
    k.p.set_plan_inputs(plan_issued(2024, "1.00"));
    // approved 2023-09-15, issued 2024-01-20 → due 2024-07-20.
    assert!(!finding_codes(&k, "2024-07-20").iter().any(|f| f.starts_with("F-INV-55.6")));
    assert!(finding_codes(&k, "2024-07-21").contains(&"F-INV-55.6:not_started".to_string()));
    k.ok(
        RecordDelayReason {
            delay: DelayKind::Start,
            reason: "征地未完成".into(),
            reference: doc(DocKind::Evidence, "征地-1"),
        },
        ProjectUnit,
    );
    assert!(!finding_codes(&k, "2024-07-21").iter().any(|f| f.starts_with("F-INV-55.6")));
}

/// Source: INV-37.1 — acceptance, then settlement, final accounts, surplus and assets close the project.
/// Source: INV-37.2 — settlement above B + approved changes: default breach (B IN).
/// Source: INV-37.3 — final accounts due 3 months after acceptance; late → finding; surplus returned.
/// Source: INV-37.4 — assets registered within `asset_registration_due`; late → finding.
/// Source: INV-38 — drc commissions the post-evaluation, also of a closed project.
/// Source: INV-39 — its fee is paid by the commissioning drc, never the evaluated unit.
#[test]
fn close_out_37() {
    let cfg = Config { asset_registration_due: Some(6), ..Config::default() };
    let mut k = Kit::with(cfg);
    k.drive(InvState::UnderConstruction);
    k.at("2025-05-30");
    k.ok(CompleteWorksEv::ev(), ProjectUnit);
    assert!(matches!(k.err(FailAcceptance { issues: vec![] }, ProjectUnit), Error::Input(_)));
    k.ok(FailAcceptance { issues: vec!["渗漏".into()] }, ProjectUnit);
    let pass = PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") };
    k.at("2025-06-16");
    k.ok(pass, ProjectUnit);
    assert_eq!(k.state(), InvState::Accepted);
    let codes = finding_codes(&k, "2025-09-17");
    assert!(codes.contains(&"F-INV-37.3:overdue".to_string()));
    assert!(!finding_codes(&k, "2025-09-16").iter().any(|f| f.starts_with("F-INV-37.3")));
    k.at("2025-06-20");
    let settle = |a: &str| ApproveSettlement { amount: yuan!(a), reference: doc(DocKind::Settlement, "结算-1") };
    assert_eq!(rule_of(&k.err(settle("98000000.00"), ProjectUnit)), Some(INV_8));
    let mut k2 = Kit::new();
    k2.drive(InvState::UnderConstruction);
    k2.at("2025-05-30");
    k2.ok(CompleteWorksEv::ev(), ProjectUnit);
    k2.ok(PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") }, ProjectUnit);
    let t = k2.ok(settle("98000000.01"), Finance);
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_37_2, "settlement_above_budget"));
    let t = k.ok(settle("98000000.00"), Finance);
    assert!(t.outcomes.is_empty());
    assert_eq!(k.state(), InvState::Settled);
    k.at("2025-09-17");
    let acc = CompleteFinalAccounts {
        reference: doc(DocKind::FinalAccounts, "决算-1"),
        surplus: yuan!("100.00"),
        total: yuan!("97999900.00"),
    };
    let t = k.ok(acc, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Finding, INV_37_3, "late"));
    assert_eq!(k.state(), InvState::FinalAccountsDone);
    let ret = |a: &str| ReturnSurplus { amount: yuan!(a), reference: doc(DocKind::Evidence, "缴库-1") };
    assert!(matches!(k.err(ret("99.99"), ProjectUnit), Error::Input(_)));
    k.ok(ret("100.00"), ProjectUnit);
    assert_eq!(k.state(), InvState::FinalAccountsDone);
    k.at("2025-12-17");
    let t = k.ok(RegisterAssets { title_ref: doc(DocKind::Approval, "不动产权-1") }, ProjectUnit);
    assert!(outcome(&t, OutcomeKind::Finding, INV_37_4, "late"));
    assert_eq!(k.state(), InvState::Closed);
    // Terminal: post-evaluation still taken.
    let pe = PostEvaluate {
        evaluator: "某咨询公司".into(),
        payer: ProjectUnit,
        report_ref: doc(DocKind::Opinion, "后评价-1"),
    };
    assert!(has(&k.err(pe.clone(), Drc), INV_39, "payer_not_commissioner"));
    let mut pe = pe;
    pe.payer = Drc;
    assert!(k.ok(pe, Drc).rules.contains(&INV_38));
    assert!(matches!(k.err(RecoverFunds { amount: yuan!("1.00") }, Finance), Error::Transition(_)));
}

/// Source: INV-6 — final accounts above B + approved change amounts are a violation (F-INV-6).
/// Source: INV-23.2 — a settlement above A is a default breach (AMB-49).
/// Source: INV-48.2 — approved changes are part of the settlement (48.1–48.3 traced).
#[test]
fn accounts_6_and_settlement_23_2() {
    let mut k = paying_project();
    k.at("2025-05-30");
    k.ok(CompleteWorksEv::ev(), ProjectUnit);
    k.ok(PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") }, ProjectUnit);
    let t = k.ok(
        ApproveSettlement { amount: yuan!("105000000.01"), reference: doc(DocKind::Settlement, "结算-1") },
        Finance,
    );
    assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_23_2, "settlement_above_estimate"));
    let acc = |t: &str| CompleteFinalAccounts {
        reference: doc(DocKind::FinalAccounts, "决算-1"),
        surplus: yuan!("0"),
        total: yuan!(t),
    };
    assert!(has(&k.err(acc("98000000.01"), ProjectUnit), INV_6, "accounts_above_budget"));
    k.mode = Mode::Record;
    k.ok(acc("98000000.01"), ProjectUnit);
    let codes = finding_codes(&k, "2025-12-31");
    assert!(codes.contains(&"F-INV-6:accounts_above_budget".to_string()));
    assert!(codes.contains(&"F-INV-55.4:settlement_above_estimate".to_string()));
}

/// Source: INV-52.2 — disclosures are recorded with their publication.
#[test]
fn disclosure_52_2() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    let dsc = RecordDisclosure { reference: doc(DocKind::Approval, ""), subject: DisclosureSubject::Approval };
    assert!(has(&k.err(dsc, Drc), INV_52_2, "no_publication"));
    let dsc = RecordDisclosure { reference: doc(DocKind::Approval, "公开-1"), subject: DisclosureSubject::Approval };
    assert_eq!(rule_of(&k.err(dsc.clone(), ProjectUnit)), Some(INV_8));
    k.ok(dsc, DisciplineInspection);
}

/// Source: INV-58 — an incident without a liability case is a finding until one is opened.
/// Source: INV-56 — recourse only against a participating unit (M).
#[test]
fn incidents_58_recourse_56() {
    let mut k = paying_project();
    k.ok(
        ReportIncident {
            incident_id: "A1".into(),
            kind: IncidentKind::Safety,
            reference: doc(DocKind::Opinion, "事故-1"),
        },
        IndustryAuthority,
    );
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-58:no_liability_case".to_string()));
    assert!(matches!(
        k.err(OpenLiabilityCase { incident_id: "A9".into(), reference: doc(DocKind::Opinion, "立案-1") }, Audit),
        Error::Input(_)
    ));
    assert_eq!(
        rule_of(&k.err(
            OpenLiabilityCase { incident_id: "A1".into(), reference: doc(DocKind::Opinion, "立案-1") },
            ProjectUnit
        )),
        Some(INV_8)
    );
    k.ok(
        OpenLiabilityCase { incident_id: "A1".into(), reference: doc(DocKind::Opinion, "立案-1") },
        DisciplineInspection,
    );
    assert!(!finding_codes(&k, "2023-12-31").iter().any(|f| f.starts_with("F-INV-58")));
    let rec = |who| DecideRecourse {
        amount: Some(yuan!("1000.00")),
        decision: RecourseDecision::Claim,
        participant: who,
        reference: doc(DocKind::Opinion, "追偿-1"),
    };
    assert!(has(&k.err(rec(Finance), ProjectUnit), INV_56, "not_a_participant"));
    k.ok(rec(DesignUnit), ProjectUnit);
}

/// Source: INV-57 — a blank document reference is found (F-INV-57 missing_doc_ref).
/// Source: INV-4.2 — illegal borrowing is a manual finding.
/// Source: INV-45.3 — audit findings are manual.
/// Source: INV-53.5 — dereliction is a manual finding.
/// Source: INV-54.1 — illegal debt raising is a manual finding.
#[test]
fn manual_and_doc_findings() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    k.mode = Mode::Record;
    let mut p = proposal();
    p.platform_ref = doc(DocKind::Approval, "");
    k.ok(p, ProjectUnit);
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-57:missing_doc_ref".to_string()));
    k.mode = Mode::Enforce;
    for (rule, det) in
        [(INV_4_2, "illegal_borrowing"), (INV_45_3, "audit"), (INV_53_5, "dereliction"), (INV_54_1, "illegal_debt")]
    {
        k.ok(
            RecordManualFinding { detail: det.into(), reference: doc(DocKind::Opinion, "审计-1"), rule_id: rule },
            Audit,
        );
        assert!(finding_codes(&k, "2023-12-31").contains(&format!("F-{rule}:{det}")));
    }
    assert!(matches!(
        k.err(
            RecordManualFinding {
                detail: "Bad Detail".into(),
                reference: doc(DocKind::Opinion, "x"),
                rule_id: INV_4_2
            },
            Audit
        ),
        Error::Input(_)
    ));
    assert_eq!(
        rule_of(&k.err(
            RecordManualFinding { detail: "x".into(), reference: doc(DocKind::Opinion, "x"), rule_id: INV_4_2 },
            ProjectUnit
        )),
        Some(INV_8)
    );
}

/// Source: INV-53.1 — an approval by an actor without authority (record mode) is found.
/// Source: INV-53.3 — an estimate verified by another body than drc is found.
#[test]
fn beyond_authority_53_1() {
    let mut k = Kit::new();
    k.drive(InvState::ProposalReview);
    k.mode = Mode::Record;
    let t = k.ok(approve_proposal(), IndustryAuthority);
    assert!(outcome(&t, OutcomeKind::Finding, INV_13_2, "wrong_actor"));
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.1:beyond_authority".to_string()));
    k.mode = Mode::Enforce;
    k.drive(InvState::DesignReview);
    k.mode = Mode::Record;
    k.ok(verify("105000000.00"), IndustryAuthority);
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.3:not_verified_by_drc".to_string()));
}

/// Source: INV-53.4 — an interest subsidy without a loan, imported as legacy, is found.
/// Source: INV-60 — import_legacy: record mode only, earlier facts not judged, flag imported.
#[test]
fn import_legacy_60() {
    let imp = ImportLegacy {
        basis_3_2: None,
        budget: Some(yuan!("90000000.00")),
        certified_completed: None,
        classified: false,
        construction_mode: ConstructionMode::SelfBuilt,
        contracts: vec![LegacyContract {
            contract_id: "K-OLD".into(),
            lot: Lot::Construction,
            paid: yuan!("1000000.00"),
            price: yuan!("80000000.00"),
        }],
        dig_project_id: None,
        estimate: Some(yuan!("100000000.00")),
        fsr_estimate: Some(yuan!("95000000.00")),
        industry_authority_org: ORG.into(),
        lacks_capacity: false,
        level: crate::investment::route::Level::Municipal,
        mode: FundingMode::LoanInterestSubsidy,
        name: "老项目".into(),
        nature: Nature::NonOperating,
        original_estimate: None,
        own_funds_only: false,
        paid_total: yuan!("1000000.00"),
        project_code: Some(CODE.into()),
        project_id: "P1".into(),
        route_flags: Default::default(),
        sector: "health".into(),
        state: InvState::UnderConstruction,
        total: yuan!("100000000.00"),
        unit_kind: UnitKind::AdminOrPublicUnit,
        uses_loan: false,
    };
    let mut k = Kit::new();
    k.at("2023-05-01");
    assert!(matches!(k.err(imp.clone(), ProjectUnit), Error::Input(ref e) if e.reason == InputReason::InvalidValue));
    k.mode = Mode::Record;
    let t = k.ok(imp, ProjectUnit);
    assert_eq!(t.to, "under_construction");
    assert!(t.outcomes.is_empty() && t.rules.contains(&INV_60));
    let l = k.p.ledger();
    assert!(l.imported && l.fsr_approved && l.budget_done);
    assert_eq!(l.original_estimate, Some(yuan!("100000000.00")));
    assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.4:subsidy_not_permitted".to_string()));
    k.mode = Mode::Enforce;
    k.at("2023-07-01");
    k.ok(request("R1", Some("K-OLD"), "79000000.00", "80000000.00"), ProjectUnit);
    k.ok(approve_pay("R1"), Finance);
    k.ok(request("R2", Some("K-OLD"), "79000000.01", "90000000.00"), ProjectUnit);
    assert!(has(&k.err(approve_pay("R2"), Finance), INV_35_3, "over_contract"));
}

/// Source: INV-43 — the contract excess drawing on an unconsented INV-43 delta is a violation
/// (ledger fields maintained by the change sub-machine).
/// Source: INV-48.1 — drawing on an approved delta not yet finance-reviewed.
/// Source: INV-45.2 — no funds above A before the adjustment is approved.
#[test]
fn change_deltas_in_payments() {
    let mut k = paying_project();
    if let Some(c) = k.p.ledger.contract_mut("K-C") {
        c.unreviewed = yuan!("1000.00");
        c.unconsented_43 = yuan!("1000.00");
    }
    k.ok(request("R1", Some("K-C"), "90000500.00", "95000000.00"), ProjectUnit);
    let e = k.err(approve_pay("R1"), Finance);
    assert!(has(&e, INV_48_1, "no_finance_review"));
    assert!(!has(&e, INV_43, "no_gov_consent"));
    k.ok(request("R2", Some("K-C"), "90001500.00", "95000000.00"), ProjectUnit);
    let e = k.err(approve_pay("R2"), Finance);
    assert!(has(&e, INV_43, "no_gov_consent") && !has(&e, INV_35_3, "over_contract"));
    k.ok(request("R3", Some("K-C"), "90002000.01", "95000000.00"), ProjectUnit);
    assert!(has(&k.err(approve_pay("R3"), Finance), INV_35_3, "over_contract"));
    k.ok(request("R4", None, "105000000.01", "200000000.00"), ProjectUnit);
    let e = k.err(approve_pay("R4"), Finance);
    assert!(has(&e, INV_45_2, "over_estimate") && has(&e, INV_35_3, "over_estimate"));
}

/// Source: INV-8 — a wrong actor on a lifecycle act violates INV-8; industry authority acts need the registered org.
#[test]
fn actor_8() {
    let mut k = paying_project();
    let cert = CertifyCompletedInvestment {
        as_of: d("2023-11-20"),
        certified_completed: yuan!("1.00"),
        reference: doc(DocKind::CertifiedCompleted, "x"),
    };
    let mut c = k.cmd(cert.clone(), IndustryAuthority);
    c.actor_org = "南阳市交通运输局".into();
    assert_eq!(rule_of(&k.p.apply(c).unwrap_err()), Some(INV_8));
    assert_eq!(rule_of(&k.err(cert, Finance)), Some(INV_8));
}

/// Source: INV-44.2 — complete_works is blocked by what the change hook reports (AMB-43); no
/// change kept yet → not blocked.
/// Source: INV-40.2 — a pending non-emergency change blocks completion (traced; the hook reports it).
#[test]
fn complete_works_hook() {
    let mut k = paying_project();
    k.at("2024-06-03");
    let t = k.ok(CompleteWorksEv::ev(), ProjectUnit);
    assert!(t.rules.contains(&INV_44_2) && t.rules.contains(&INV_40_2));
}

/// Source: INV-12.2 — AMB-25 parts mode: "in plan" is the injected tasked flag; actors map
/// soe → project_unit and bigdata_bureau → industry_authority; A := A0 := FSR total; no B cap.
#[test]
fn dig_parts_mode() {
    use crate::log::{Command, MachineId, Stream};
    let mut p =
        crate::investment::InvestmentProject::dig_parts(crate::Context::default(), "D1", "市政务服务和大数据管理局");
    p.set_dig_fsr_total(yuan!("5000000.00"));
    p.set_dig_fsr_total(yuan!("6000000.00"));
    assert_eq!(p.ledger().original_estimate, Some(yuan!("5000000.00")));
    assert_eq!(p.ledger().estimate, Some(yuan!("6000000.00")));
    let mut seq = 0u32;
    let mut run = |p: &mut crate::investment::InvestmentProject, ev: InvEvent, actor: Actor| {
        let cmd = Command::new(Stream::project(MachineId::Dig, "D1"), ev, actor, d("2023-09-01"))
            .org(if actor == BigdataBureau { "市政务服务和大数据管理局" } else { "" });
        let mut cmd = cmd;
        cmd.stream.machine = MachineId::Inv;
        seq += 1;
        p.step(&cmd, seq, false).map(|s| s.verdict)
    };
    run(&mut p, contract("K1", Some("T-DIG"), Lot::Construction, "5000000.00", &["I-CI"]).into(), Soe).unwrap();
    run(&mut p, request("R1", Some("K1"), "1000000.00", "5000000.00").into(), Soe).unwrap();
    run(&mut p, approve_pay("R1").into(), Finance).unwrap();
    let v = run(&mut p, disburse("R1", "1000000.00").into(), Finance).unwrap();
    assert!(v.outcomes.iter().any(|o| o.rule == INV_12_2 && o.kind == OutcomeKind::DefaultBreach));
    p.set_dig_tasked(true);
    run(&mut p, request("R2", Some("K1"), "1000000.00", "5000000.00").into(), Soe).unwrap();
    run(&mut p, approve_pay("R2").into(), Finance).unwrap();
    let v = run(&mut p, disburse("R2", "1000000.00").into(), Finance).unwrap();
    assert!(v.outcomes.is_empty(), "{:?}", v.outcomes);
    let v = run(
        &mut p,
        ReportIncident { incident_id: "X".into(), kind: IncidentKind::Quality, reference: doc(DocKind::Opinion, "r") }
            .into(),
        BigdataBureau,
    )
    .unwrap();
    assert!(v.outcomes.is_empty());
    let e = run(&mut p, start("2025-01-01").into(), Soe).unwrap_err();
    assert!(matches!(e, Error::Transition(_)));
    assert!(run(&mut p, approve_pay("R2").into(), Soe).is_err());
}

/// Event payloads serialise their fields in code-point order (canonical JSON, RULES.md §1.7).
#[test]
fn payload_fields_are_canonical() {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    k.ok(request("R1", Some("K-C"), "1.00", "2.00"), ProjectUnit);
    for e in k.p.log().entries() {
        let text = serde_json::to_string(&e.event.facts()).unwrap();
        let sorted: serde_json::Value = serde_json::from_str(&text).unwrap();
        // serde_json's map (without preserve_order) sorts keys: equal text means canonical order.
        assert_eq!(text, serde_json::to_string(&sorted).unwrap(), "{}", e.event.name());
    }
}

/// Source: INV-57 — an investment project records only INV findings; DIG rules go on the DIG log.
#[test]
fn manual_finding_is_inv() {
    let mut k = Kit::new();
    k.ok(register("120000000.00"), ProjectUnit);
    let f = RecordManualFinding { detail: "x".into(), reference: doc(DocKind::Opinion, "x"), rule_id: DIG_15_1 };
    assert!(matches!(k.err(f, Audit), Error::Input(_)));
}

/// Source: INV-55.1 — resume judges the rectification under the suspension's own 55.x rule.
#[test]
fn resume_under_suspension_rule() {
    let mut k = Kit::new();
    k.drive(InvState::UnderConstruction);
    k.ok(RecordManualFinding { detail: "".into(), reference: doc(DocKind::Opinion, "核查-1"), rule_id: INV_55_3 }, Drc);
    let seq = k.p.log().len();
    k.ok(Suspend { finding_ref: FindingRef::Code(format!("F-INV-55.3#{seq}")) }, IndustryAuthority);
    let e = k.err(Resume { rectify_ref: doc(DocKind::Evidence, "") }, IndustryAuthority);
    assert!(has(&e, INV_55_3, "no_rectification"));
    k.ok(Resume { rectify_ref: doc(DocKind::Evidence, "整改-1") }, IndustryAuthority);
    assert_eq!(k.state(), InvState::UnderConstruction);
}
