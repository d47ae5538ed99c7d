//! Test helpers: commands of the happy path and a driver that walks a project to a state.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::actor::{Actor, DocKind, DocRef};
use crate::config::{Config, Context};
use crate::digital::cycle::{CycleInputs, CycleView, DigCycleState};
use crate::digital::events::*;
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::event::NoFacts;
use crate::log::{Command, MachineId, Stream};
use crate::yuan;

pub(crate) const ORG: &str = "南阳市卫生健康委员会";
pub(crate) const PID: &str = "D1";

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn r(kind: DocKind, s: &str) -> DocRef {
    DocRef::new(kind, s)
}

pub(crate) fn ctx_with(f: impl FnOnce(&mut Config)) -> Context {
    let mut c = Config::default();
    f(&mut c);
    Context::new(c, crate::WorkingDayCalendar::embedded())
}

/// A command on `dig/D1`; the demand unit acts with the project's org.
pub(crate) fn cmd(e: impl Into<DigEvent>, actor: Actor, date: &str) -> Command {
    let c = Command::new(Stream::project(MachineId::Dig, PID), e.into(), actor, d(date));
    if actor == Actor::DemandUnit { c.org(ORG) } else { c }
}

pub(crate) fn registration(funding: Funding) -> RegisterDigProject {
    RegisterDigProject {
        basic_supporting: false,
        classified: false,
        construction_start: None,
        county: None,
        demand_unit_org: ORG.into(),
        funding,
        funds_in_place: None,
        level: crate::investment::route::Level::Municipal,
        name: "City data-sharing platform".into(),
        project_code: None,
        project_id: PID.into(),
    }
}

pub(crate) fn register(funding: Funding) -> Command {
    cmd(registration(funding), Actor::DemandUnit, "2023-09-01")
}

pub(crate) fn content() -> DemandContent {
    DemandContent {
        function_performance: "10,000 queries per second".into(),
        functional_logic: "publish, subscribe, audit".into(),
        problem: "departments re-collect the same data".into(),
        scope_of_use: "municipal departments".into(),
    }
}

pub(crate) fn all_pass() -> InitialChecks {
    InitialChecks {
        content_consistency: CheckResult::Pass,
        data_resource_conformity: CheckResult::Pass,
        intensive_construction: CheckResult::Pass,
        other: BTreeMap::new(),
        security_compliance: CheckResult::Pass,
    }
}

pub(crate) fn deliver_facts() -> Deliver {
    Deliver {
        asset_owner: Actor::Soe,
        hardware: vec![HardwareItem { item: "server rack A".into(), on_transfer_list: true }],
        om_owner: OmOwner::BigdataCenter,
        operating_nature: false,
    }
}

/// Cycle inputs with year 2024 at tasks_approved, `ids` approved, the soe plan approved.
pub(crate) fn approved_inputs(ids: &[&str]) -> CycleInputs {
    let view = CycleView {
        state: DigCycleState::TasksApproved,
        approved_ids: ids.iter().map(|s| s.to_string()).collect(),
        modes: ids.iter().map(|s| (s.to_string(), ConstructionMode::Soe)).collect(),
        soe_plan_approved: true,
        county_reviews: BTreeSet::new(),
        county_projects: Default::default(),
    };
    CycleInputs { years: [(2024, view)].into_iter().collect() }
}

/// The happy path after registration, in order, for a project of `funding`.
pub(crate) fn happy_steps(funding: Funding) -> Vec<Command> {
    let mut v = vec![
        cmd(
            SubmitDemandPlan {
                contents: vec![content()],
                cycle: 2024,
                reference: r(DocKind::DemandPlan, "需求〔2023〕1号"),
                technical_route: None,
            },
            Actor::DemandUnit,
            "2023-10-15",
        ),
        cmd(
            IssueTaskBook {
                construction_mode: ConstructionMode::Soe,
                task_book_ref: r(DocKind::TaskBook, "任务书〔2024〕1号"),
            },
            Actor::BigdataBureau,
            "2024-01-10",
        ),
        cmd(FormProposedList { list_ref: r(DocKind::ProposedList, "清单1") }, Actor::Soe, "2024-01-20")
            .with(Actor::BigdataCenter, "南阳市政务大数据中心"),
        cmd(ConfirmDemand { written_ref: r(DocKind::Opinion, "确认函1") }, Actor::DemandUnit, "2024-01-25"),
        cmd(
            CompileFsr { fsr_ref: r(DocKind::Fsr, "可研1"), funding, total: yuan!("12000000.00") },
            Actor::Soe,
            "2024-02-10",
        )
        .with(Actor::DemandUnit, ORG),
        cmd(
            CenterReviewFsr {
                decision: CenterDecision::Consent,
                reasons: None,
                reference: r(DocKind::Opinion, "审核1"),
            },
            Actor::BigdataCenter,
            "2024-02-20",
        ),
        cmd(
            ApproveDigFsr { reference: r(DocKind::Approval, "宛数据〔2024〕5号"), total: yuan!("11800000.00") },
            Actor::BigdataBureau,
            "2024-03-01",
        ),
    ];
    if funding.is_self_funded() {
        v.push(cmd(
            FileWithDrc { kind: DrcFilingKind::Filing, reference: r(DocKind::Filing, "备案1") },
            Actor::Soe,
            "2024-03-02",
        ));
    }
    v.extend([
        cmd(EntrustCenterSupervision { reference: r(DocKind::Contract, "委托1") }, Actor::Soe, "2024-03-05"),
        cmd(
            RecordSecurityReview {
                reference: r(DocKind::SecurityReview, "网安1"), result: SecurityReviewResult::Pass
            },
            Actor::Cac,
            "2024-03-06",
        ),
        cmd(
            StartDigConstruction { basis_17_2: None, builder: Builder::Soe, date: d("2024-03-10") },
            Actor::Soe,
            "2024-03-10",
        ),
        cmd(CompleteConstruction { reference: r(DocKind::Evidence, "完工1") }, Actor::Soe, "2024-09-01"),
        cmd(PassInitialAcceptance { checks: all_pass() }, Actor::BigdataCenter, "2024-09-10"),
        cmd(NoFacts {}, Actor::DemandUnit, "2024-09-15"),
        final_acceptance("2024-12-01"),
        cmd(SignOff { signature_ref: r(DocKind::CompletionAcceptance, "签字1") }, Actor::DemandUnit, "2024-12-05"),
        cmd(deliver_facts(), Actor::Soe, "2024-12-10"),
    ]);
    v
}

pub(crate) fn final_acceptance(date: &str) -> Command {
    cmd(PassFinalAcceptance { reference: r(DocKind::CompletionAcceptance, "竣工1") }, Actor::Soe, date)
        .with(Actor::BigdataBureau, "")
        .with(Actor::DemandUnit, ORG)
}

/// A registered project with approved 2024 cycle inputs.
pub(crate) fn registered(funding: Funding) -> DigitalProject {
    registered_with(funding, Context::default())
}

pub(crate) fn registered_with(funding: Funding, ctx: Context) -> DigitalProject {
    let mut p = DigitalProject::new(ctx);
    p.set_cycle_inputs(approved_inputs(&[PID]));
    p.apply(register(funding)).unwrap();
    p
}

/// Walks the rest of the happy path (steps dated after the log's last entry) until the project is
/// in `target` (panics if it never gets there).
pub(crate) fn drive(p: &mut DigitalProject, funding: Funding, target: DigState) {
    for c in happy_steps(funding) {
        if p.state() == Some(target) {
            return;
        }
        // Steps already taken (the happy path's dates are distinct and increasing).
        if p.log().last_date().is_some_and(|last| c.date <= last) {
            continue;
        }
        let e = c.event.name();
        p.apply(c).unwrap_or_else(|err| panic!("{e}: {err}"));
    }
    assert_eq!(p.state(), Some(target));
}

pub(crate) fn at(funding: Funding, target: DigState) -> DigitalProject {
    let mut p = registered(funding);
    drive(&mut p, funding, target);
    p
}
