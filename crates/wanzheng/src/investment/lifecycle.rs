//! The `inv` lifecycle machine: states and transition table (RULES.md §3.1.2, §3.1.6 (a)).

use crate::actor::Actor::{self, *};
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Row};
use crate::rules::*;
use crate::wire::wire_enum;

wire_enum! {
    /// States of an investment project (RULES.md §3.1.2).
    pub enum InvState {
        /// 项目储备: registered, in the reserve.
        Reserve = "reserve",
        /// 项目建议书 under review.
        ProposalReview = "proposal_review",
        /// 项目建议书 approved.
        ProposalApproved = "proposal_approved",
        /// 可行性研究报告 under review.
        FsrReview = "fsr_review",
        /// 可行性研究报告 approved.
        FsrApproved = "fsr_approved",
        /// FSR to be redone (INV-23.4).
        FsrRework = "fsr_rework",
        /// 初步设计 and 概算 under review.
        DesignReview = "design_review",
        /// 初步设计 approved and 概算 verified.
        DesignApproved = "design_approved",
        /// 施工图审查 done.
        CdReviewed = "cd_reviewed",
        /// Budget under finance review.
        BudgetReview = "budget_review",
        /// Budget reviewed (B fixed).
        BudgetApproved = "budget_approved",
        /// Tendering and contracting.
        Procurement = "procurement",
        /// Construction started.
        UnderConstruction = "under_construction",
        /// Works completed, awaiting acceptance.
        WorksCompleted = "works_completed",
        /// 竣工验收 passed.
        Accepted = "accepted",
        /// 结算 approved.
        Settled = "settled",
        /// 竣工财务决算 done.
        FinalAccountsDone = "final_accounts_done",
        /// Suspended (INV-55).
        Suspended = "suspended",
        /// Terminal: accounts done, surplus returned, assets registered.
        Closed = "closed",
        /// Terminal: stopped (INV-55).
        Stopped = "stopped",
        /// Terminal: withdrawn by the project unit.
        Withdrawn = "withdrawn",
    }
}

use InvState::*;

/// The states from `from` to `to` (both included) in the order [`InvState::ALL`] declares them,
/// without `except`: the state sets of the table are spans of that one order, so a state added
/// inside a span is in every set that spans it. `N` is the count; a wrong one fails to compile.
const fn span<const N: usize>(from: InvState, to: InvState, except: &[InvState]) -> [InvState; N] {
    const fn same(a: InvState, b: InvState) -> bool {
        a as u8 == b as u8
    }
    let mut out = [Reserve; N];
    let (mut i, mut n, mut inside) = (0, 0, false);
    while i < InvState::ALL.len() {
        let s = InvState::ALL[i];
        inside = inside || same(s, from);
        let mut kept = inside;
        let mut k = 0;
        while k < except.len() {
            kept = kept && !same(s, except[k]);
            k += 1;
        }
        if kept {
            assert!(n < N, "span: more states than N");
            out[n] = s;
            n += 1;
        }
        if same(s, to) {
            assert!(inside && n == N, "span: `to` before `from`, or fewer states than N");
            return out;
        }
        i += 1;
    }
    panic!("span: `to` not found")
}

/// States from `proposal_review` to `under_construction` (suspension, 55.x).
pub const ACTIVE: &[InvState] = &span::<12>(ProposalReview, UnderConstruction, &[]);

/// States before `works_completed`, and `suspended` (stop, 55.x).
pub const BEFORE_WORKS_COMPLETED: &[InvState] =
    &span::<14>(Reserve, Suspended, &[WorksCompleted, Accepted, Settled, FinalAccountsDone]);

/// Every non-terminal state (the terminal ones are the last three).
pub const NON_TERMINAL: &[InvState] = &span::<18>(Reserve, Suspended, &[]);

/// Where the payment events are facts (RULES.md §3.5 D4): every non-terminal state and `closed`,
/// where only retention money may be paid (the handlers refuse other kinds there: `terminal`).
pub const PAYABLE: &[InvState] = &span::<19>(Reserve, Closed, &[]);

/// fsr_approved … under_construction, `fsr_rework` apart (23.3, 23.4).
pub const FSR_APPROVED_TO_CONSTRUCTION: &[InvState] = &span::<8>(FsrApproved, UnderConstruction, &[FsrRework]);

/// From design_approved on (45.4 milestones and checks).
pub const FROM_DESIGN_APPROVED: &[InvState] = &span::<11>(DesignApproved, Suspended, &[]);

/// From accepted on, terminal states included (post-evaluation, 38).
pub const FROM_ACCEPTED: &[InvState] = &span::<6>(Accepted, Withdrawn, &[Suspended]);

const PU: &[Actor] = &[ProjectUnit];

/// The main path in order (RULES.md §3.1.2); `fsr_rework` sits with the FSR review.
const MAIN_PATH: &[InvState] = &[
    Reserve,
    ProposalReview,
    ProposalApproved,
    FsrRework,
    FsrReview,
    FsrApproved,
    DesignReview,
    DesignApproved,
    CdReviewed,
    BudgetReview,
    BudgetApproved,
    Procurement,
    UnderConstruction,
    WorksCompleted,
    Accepted,
    Settled,
    FinalAccountsDone,
    Closed,
];

/// Whether a project in `state` has passed `milestone` on the main path (`suspended`,
/// `stopped` and `withdrawn` have no place on it: false).
pub fn reached(state: InvState, milestone: InvState) -> bool {
    let pos = |s: InvState| MAIN_PATH.iter().position(|x| *x == s);
    matches!((pos(state), pos(milestone)), (Some(a), Some(b)) if a >= b)
}

/// The `inv` transition table, in the order of RULES.md §3.1.6 (a).
pub static TABLE: &[Row<InvState>] = &[
    Row {
        event: "register_project",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Create,
        to: &[Reserve],
        rules: &[INV_5_3, INV_13_3, INV_60, INV_5_2, INV_3_1, INV_3_2, INV_5_4, INV_9_1, INV_9_2, INV_32_1, INV_8],
    },
    Row {
        event: "import_legacy",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Create,
        to: NON_TERMINAL,
        rules: &[INV_60],
    },
    Row {
        event: "recognize_emergency",
        actor: ActorSpec::Any(&[MunicipalGovernment]),
        from: FromSpec::States(&[Reserve, ProposalReview, ProposalApproved, FsrReview]),
        to: &[],
        rules: &[INV_16_1, INV_15_4],
    },
    Row {
        event: "select_route",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[Reserve]),
        to: &[],
        rules: &[INV_13_1, INV_13_2, INV_13_3, INV_13_4, INV_15_1, INV_15_2, INV_15_3, INV_15_4, INV_15_5],
    },
    Row {
        event: "grant_simplification",
        actor: ActorSpec::Any(&[Drc]),
        from: FromSpec::States(&[Reserve]),
        to: &[],
        rules: &[INV_14_1, INV_14_2, INV_14_3, INV_14_4],
    },
    Row {
        event: "submit_proposal",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[Reserve]),
        to: &[ProposalReview],
        rules: &[INV_13_1, INV_18, INV_9_1],
    },
    Row {
        event: "approve_proposal",
        actor: ActorSpec::Any(&[Drc]),
        from: FromSpec::States(&[ProposalReview]),
        to: &[ProposalApproved],
        rules: &[INV_13_2, INV_21_1, INV_22, INV_9_1, INV_7_4, INV_52_2],
    },
    Row {
        event: "submit_fsr",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[Reserve, ProposalApproved, FsrRework]),
        to: &[FsrReview],
        rules: &[INV_13_1, INV_19_1, INV_19_2, INV_19_3, INV_9_1, INV_15_1, INV_15_3],
    },
    Row {
        event: "approve_fsr",
        actor: ActorSpec::Any(&[Drc]),
        from: FromSpec::States(&[FsrReview]),
        to: &[FsrApproved],
        rules: &[INV_13_2, INV_21_2, INV_22, INV_15_2, INV_9_1, INV_7_4, INV_52_2],
    },
    Row {
        event: "refuse_approval",
        actor: ActorSpec::PendingApprover,
        // RULES.md §3.5 A6: on emergency_merged a budget review may follow the works, so its
        // refusal is valid where the review is (the state is kept).
        from: FromSpec::States(&[
            ProposalReview,
            FsrReview,
            DesignReview,
            BudgetReview,
            Procurement,
            UnderConstruction,
            WorksCompleted,
            Accepted,
        ]),
        to: &[
            Reserve,
            ProposalApproved,
            FsrRework,
            FsrApproved,
            DesignApproved,
            CdReviewed,
            Procurement,
            UnderConstruction,
            WorksCompleted,
            Accepted,
        ],
        rules: &[INV_21_5],
    },
    Row {
        event: "withdraw_project",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(NON_TERMINAL),
        to: &[Withdrawn],
        rules: &[],
    },
    Row {
        event: "report_estimate_excess",
        actor: ActorSpec::Any(PU),
        from: FromSpec::FactIn(FSR_APPROVED_TO_CONSTRUCTION),
        to: &[],
        rules: &[INV_23_3],
    },
    Row {
        event: "decide_estimate_excess",
        actor: ActorSpec::Any(&[Drc]),
        from: FromSpec::FactIn(FSR_APPROVED_TO_CONSTRUCTION),
        to: &[FsrRework],
        rules: &[INV_23_4],
    },
    Row {
        event: "submit_design",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[FsrApproved]),
        to: &[DesignReview],
        rules: &[INV_20_1, INV_20_2, INV_20_4, INV_20_5, INV_23_3],
    },
    Row {
        event: "approve_design",
        actor: ActorSpec::DesignApprover,
        from: FromSpec::States(&[DesignReview]),
        to: &[DesignReview, DesignApproved],
        rules: &[INV_13_2, INV_20_3, INV_21_3, INV_22, INV_23_3, INV_23_4, INV_7_4, INV_9_1, INV_52_2],
    },
    Row {
        event: "verify_estimate",
        actor: ActorSpec::Any(&[Drc]),
        from: FromSpec::States(&[DesignReview]),
        to: &[DesignReview, DesignApproved],
        rules: &[INV_13_2, INV_20_4, INV_21_3, INV_23_3, INV_23_4, INV_7_4, INV_9_1, INV_52_2],
    },
    // In procurement on the EPC path (AMB-24); on emergency_merged also in procurement,
    // under_construction, works_completed and accepted, the state kept, so B can follow the works
    // (RULES.md §3.5 A6, AMB-58). The handlers refuse these states on other routes.
    Row {
        event: "complete_cd_review",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[
            DesignApproved,
            FsrApproved,
            Procurement,
            UnderConstruction,
            WorksCompleted,
            Accepted,
        ]),
        to: &[CdReviewed, Procurement, UnderConstruction, WorksCompleted, Accepted],
        rules: &[INV_24_1, INV_24_2, INV_7_3],
    },
    Row {
        event: "submit_budget",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[
            CdReviewed,
            DesignApproved,
            FsrApproved,
            Procurement,
            UnderConstruction,
            WorksCompleted,
            Accepted,
        ]),
        to: &[BudgetReview, Procurement, UnderConstruction, WorksCompleted, Accepted],
        rules: &[INV_25_1, INV_25_4, INV_24_2, INV_25_2],
    },
    Row {
        event: "approve_budget",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::States(&[BudgetReview, Procurement, UnderConstruction, WorksCompleted, Accepted]),
        to: &[BudgetApproved, Procurement, UnderConstruction, WorksCompleted, Accepted],
        rules: &[INV_25_3, INV_24_2, INV_6, INV_7_4],
    },
    Row {
        event: "issue_tender",
        actor: ActorSpec::Any(&[ProjectUnit, TenderAgent]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[Procurement],
        rules: &[INV_26, INV_33, INV_6, INV_32_1, INV_20_6],
    },
    Row {
        event: "award_contract",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_33, INV_36, INV_4_3, INV_20_6, INV_26, INV_23_2],
    },
    Row {
        event: "record_funding",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_34, INV_4_3],
    },
    Row {
        event: "complete_survey",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_7_3],
    },
    Row {
        event: "start_construction",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[
            Procurement,
            FsrApproved,
            DesignReview,
            DesignApproved,
            CdReviewed,
            BudgetReview,
            BudgetApproved,
        ]),
        to: &[UnderConstruction],
        rules: &[INV_7_3, INV_34, INV_6, INV_33, INV_7_1, INV_4_3],
    },
    Row {
        event: "reach_milestone",
        actor: ActorSpec::Any(PU),
        from: FromSpec::FactIn(FROM_DESIGN_APPROVED),
        to: &[],
        rules: &[INV_45_4],
    },
    Row {
        event: "estimate_control_check",
        actor: ActorSpec::Any(&[IndustryAuthority]),
        from: FromSpec::FactIn(FROM_DESIGN_APPROVED),
        to: &[],
        rules: &[INV_45_4],
    },
    Row {
        event: "certify_completed_investment",
        actor: ActorSpec::Any(&[IndustryAuthority]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_48],
    },
    Row {
        event: "draw_contingency",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_46_1],
    },
    Row {
        event: "adjust_contract_price",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_36, INV_41_5],
    },
    Row {
        event: "review_price_adjustment",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_36, INV_41_5, INV_48_1],
    },
    Row {
        event: "request_payment",
        actor: ActorSpec::Any(PU),
        from: FromSpec::FactIn(PAYABLE),
        to: &[],
        rules: &[INV_35_2],
    },
    Row {
        event: "approve_payment",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::FactIn(PAYABLE),
        to: &[],
        rules: &[
            INV_35_3, INV_45_2, INV_48_1, INV_43, INV_35_4, INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6,
            INV_35_1,
        ],
    },
    Row {
        event: "disburse_payment",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::FactIn(PAYABLE),
        to: &[],
        rules: &[INV_35_3, INV_45_2, INV_48_1, INV_43, INV_35_4, INV_12_2, INV_35_1, INV_31_1, INV_54_2],
    },
    Row {
        event: "suspend",
        actor: ActorSpec::Any(&[Drc, IndustryAuthority]),
        from: FromSpec::States(ACTIVE),
        to: &[Suspended],
        rules: &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6],
    },
    Row {
        event: "resume",
        actor: ActorSpec::Suspender,
        from: FromSpec::States(&[Suspended]),
        to: ACTIVE,
        rules: &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6],
    },
    Row {
        event: "stop",
        actor: ActorSpec::Any(&[Drc, IndustryAuthority]),
        from: FromSpec::States(BEFORE_WORKS_COMPLETED),
        to: &[Stopped],
        rules: &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6],
    },
    Row {
        event: "suspend_funding",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6],
    },
    Row {
        event: "resume_funding",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6],
    },
    Row {
        event: "recover_funds",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::FactIn(&[
            Reserve,
            ProposalReview,
            ProposalApproved,
            FsrReview,
            FsrApproved,
            FsrRework,
            DesignReview,
            DesignApproved,
            CdReviewed,
            BudgetReview,
            BudgetApproved,
            Procurement,
            UnderConstruction,
            WorksCompleted,
            Accepted,
            Settled,
            FinalAccountsDone,
            Suspended,
            Stopped,
            Withdrawn,
        ]),
        to: &[],
        rules: &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6],
    },
    Row {
        event: "complete_works",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[UnderConstruction]),
        to: &[WorksCompleted],
        rules: &[INV_44_2, INV_40_2, INV_55_6],
    },
    Row {
        event: "record_delay_reason",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_55_6],
    },
    Row {
        event: "pass_acceptance",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[WorksCompleted]),
        to: &[Accepted],
        rules: &[INV_37_1],
    },
    Row {
        event: "fail_acceptance",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[WorksCompleted]),
        to: &[WorksCompleted],
        rules: &[INV_37_1],
    },
    Row {
        event: "approve_settlement",
        actor: ActorSpec::Any(&[Finance]),
        from: FromSpec::States(&[Accepted, Stopped, Withdrawn]),
        to: &[Settled, Stopped, Withdrawn],
        rules: &[INV_37_2, INV_48_1, INV_48_2, INV_48_3],
    },
    Row {
        event: "complete_final_accounts",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[Settled, Stopped, Withdrawn]),
        to: &[FinalAccountsDone, Closed, Stopped, Withdrawn],
        rules: &[INV_37_3, INV_23_2],
    },
    Row {
        event: "return_surplus",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[FinalAccountsDone, Stopped, Withdrawn]),
        to: &[FinalAccountsDone, Closed, Stopped, Withdrawn],
        rules: &[INV_37_3],
    },
    Row {
        event: "register_assets",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[Accepted, Settled, FinalAccountsDone, Stopped, Withdrawn]),
        to: &[Accepted, Settled, FinalAccountsDone, Closed, Stopped, Withdrawn],
        rules: &[INV_37_4],
    },
    Row {
        event: "post_evaluate",
        actor: ActorSpec::Any(&[Drc]),
        from: FromSpec::FactIn(FROM_ACCEPTED),
        to: &[],
        rules: &[INV_38, INV_39],
    },
    Row {
        event: "record_disclosure",
        actor: ActorSpec::Any(&[Drc, Finance, Audit, IndustryAuthority, DisciplineInspection]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[INV_52_2],
    },
    Row::RECORD_EXCEPTION,
    Row {
        event: "record_manual_finding",
        actor: ActorSpec::Any(&[Audit, Drc, Finance, IndustryAuthority, DisciplineInspection]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[],
    },
    Row {
        event: "report_incident",
        actor: ActorSpec::Any(&[IndustryAuthority]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[INV_58],
    },
    Row {
        event: "open_liability_case",
        actor: ActorSpec::Competent,
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[INV_58],
    },
    Row {
        event: "decide_recourse",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[INV_56],
    },
];

machine! {
    /// The `inv` machine (type `InvestmentProject`).
    pub struct InvMachine {
        state: InvState, id: Inv, name: "InvestmentProject",
        terminal: [Closed, Stopped, Withdrawn], table: TABLE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::machine::Machine;

    fn names(states: &[InvState]) -> Vec<&'static str> {
        states.iter().map(|s| s.as_str()).collect()
    }

    /// The state sets are spans of the declared order: the non-terminal ones are the states the
    /// machine does not end in, and each set is the one the table was written with.
    #[test]
    fn state_sets_follow_the_declared_order() {
        let non_terminal: Vec<InvState> =
            InvState::ALL.iter().copied().filter(|s| !InvMachine::terminal().contains(s)).collect();
        assert_eq!(NON_TERMINAL, non_terminal.as_slice());
        let main = |from: usize, to: usize| names(&InvState::ALL[from..=to]);
        assert_eq!(names(ACTIVE), main(1, 12));
        assert_eq!(names(BEFORE_WORKS_COMPLETED), [main(0, 12), vec!["suspended"]].concat());
        assert_eq!(names(PAYABLE), [names(NON_TERMINAL), vec!["closed"]].concat());
        assert_eq!(
            names(FSR_APPROVED_TO_CONSTRUCTION),
            [
                "fsr_approved",
                "design_review",
                "design_approved",
                "cd_reviewed",
                "budget_review",
                "budget_approved",
                "procurement",
                "under_construction"
            ]
        );
        assert_eq!(names(FROM_DESIGN_APPROVED), main(7, 17));
        assert_eq!(
            names(FROM_ACCEPTED),
            ["accepted", "settled", "final_accounts_done", "closed", "stopped", "withdrawn"]
        );
        assert_eq!(main(12, 13), ["under_construction", "works_completed"]);
        assert_eq!(InvState::ALL[17], Suspended);
    }
}
