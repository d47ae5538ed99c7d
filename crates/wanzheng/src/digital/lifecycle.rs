//! The `dig` project machine: states and transition table (RULES.md §3.2.3, §3.2.4 (b)).
//!
//! One static table of [`Row`]s drives [`crate::digital::DigitalProject::apply`] (state and
//! actor checks) and the diagrams ([`crate::machine::mermaid`], `dot`, `markdown`). Rows whose
//! From column lists earlier states than the normal one ("judged early acts": `compile_fsr`
//! from `listed`, `approve_fsr` from `fsr_drafted`, `start_construction` from `tasked` …,
//! `start_trial_run` from `construction_completed`, `pass_final_acceptance` from
//! `rectification`, `deliver` from `final_accepted`) make the premature act a violation of its
//! rule rather than a [`crate::TransitionError`], so record mode can store it as a finding.

use crate::actor::Actor::{self, *};
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Row};
use crate::rules::*;
use crate::wire::wire_enum;

wire_enum! {
    /// States of a digital project (RULES.md §3.2.3).
    pub enum DigState {
        /// Registered by the demand unit (or the big data center).
        Registered = "registered",
        /// Demand plan submitted to the year's collection (DIG-13.4).
        DemandSubmitted = "demand_submitted",
        /// Not in the approved tasks; waits for a later cycle or an emergency addition.
        NotTasked = "not_tasked",
        /// In the annual task book (DIG-13.3) or added (DIG-13.7).
        Tasked = "tasked",
        /// On the proposed list (拟建清单, DIG-14.1).
        Listed = "listed",
        /// Demand confirmed in writing (DIG-14.2).
        DemandConfirmed = "demand_confirmed",
        /// FSR compiled with the demand unit (DIG-14.3).
        FsrDrafted = "fsr_drafted",
        /// FSR cleared by the big data center (DIG-14.4).
        FsrCenterCleared = "fsr_center_cleared",
        /// FSR approved by the bureau (DIG-14.4).
        FsrApproved = "fsr_approved",
        /// Under construction (DIG-15).
        UnderConstruction = "under_construction",
        /// Suspended (INV-55, budget-funded projects only).
        Suspended = "suspended",
        /// Construction completed, awaiting initial acceptance.
        ConstructionCompleted = "construction_completed",
        /// Initial acceptance passed (初验, DIG-16.1).
        InitiallyAccepted = "initially_accepted",
        /// Trial run by the user (试运行, DIG-16.2).
        InTrialRun = "in_trial_run",
        /// Trial-run issues being rectified (DIG-16.3).
        Rectification = "rectification",
        /// Completion acceptance passed (竣工验收, DIG-16.4).
        FinalAccepted = "final_accepted",
        /// Signed off by the demand department (DIG-16.5).
        SignedOff = "signed_off",
        /// Delivered and in use (terminal; facts only).
        InOperation = "in_operation",
        /// Legacy project under the original mechanism (DIG-31; terminal, not judged).
        DigLegacy = "dig_legacy",
        /// Stopped (INV-55, terminal).
        Stopped = "stopped",
        /// Withdrawn (terminal).
        Withdrawn = "withdrawn",
    }
}

use DigState::*;

/// Every non-terminal state (withdrawal: "every non-terminal before in_operation").
pub const NON_TERMINAL: &[DigState] = &[
    Registered,
    DemandSubmitted,
    NotTasked,
    Tasked,
    Listed,
    DemandConfirmed,
    FsrDrafted,
    FsrCenterCleared,
    FsrApproved,
    UnderConstruction,
    Suspended,
    ConstructionCompleted,
    InitiallyAccepted,
    InTrialRun,
    Rectification,
    FinalAccepted,
    SignedOff,
];

/// demand_submitted … fsr_drafted (`modify_demand_plan`).
pub const DEMAND_TO_FSR_DRAFTED: &[DigState] =
    &[DemandSubmitted, NotTasked, Tasked, Listed, DemandConfirmed, FsrDrafted];

/// tasked … fsr_approved (`decide_emergency_mode`).
pub const TASKED_TO_FSR_APPROVED: &[DigState] =
    &[Tasked, Listed, DemandConfirmed, FsrDrafted, FsrCenterCleared, FsrApproved];

/// Non-terminal states from fsr_approved on (`file_with_drc`, `record_security_review`).
pub const FROM_FSR_APPROVED: &[DigState] = &[
    FsrApproved,
    UnderConstruction,
    Suspended,
    ConstructionCompleted,
    InitiallyAccepted,
    InTrialRun,
    Rectification,
    FinalAccepted,
    SignedOff,
];

/// fsr_approved … construction_completed (`entrust_center_supervision`).
pub const FSR_APPROVED_TO_COMPLETED: &[DigState] = &[FsrApproved, UnderConstruction, Suspended, ConstructionCompleted];

/// From under_construction on, in_operation included (`record_security_assessment`, `evaluate`).
pub const FROM_CONSTRUCTION_AND_OPERATION: &[DigState] = &[
    UnderConstruction,
    Suspended,
    ConstructionCompleted,
    InitiallyAccepted,
    InTrialRun,
    Rectification,
    FinalAccepted,
    SignedOff,
    InOperation,
];

/// From final_accepted on, in_operation included (`file_final_accounts`).
pub const FROM_FINAL_ACCEPTED: &[DigState] = &[FinalAccepted, SignedOff, InOperation];

/// registered … construction_completed and suspended (`stop`).
pub const STOPPABLE: &[DigState] = &[
    Registered,
    DemandSubmitted,
    NotTasked,
    Tasked,
    Listed,
    DemandConfirmed,
    FsrDrafted,
    FsrCenterCleared,
    FsrApproved,
    UnderConstruction,
    Suspended,
    ConstructionCompleted,
];

/// States before fsr_approved from which `start_construction` is judged (premature start).
pub const PRE_APPROVAL: &[DigState] = &[Tasked, Listed, DemandConfirmed, FsrDrafted, FsrCenterCleared];

const BUREAU: &[Actor] = &[BigdataBureau];
const CENTER: &[Actor] = &[BigdataCenter];
const SOE: &[Actor] = &[Soe];
const DEMAND: &[Actor] = &[DemandUnit];
/// The demand unit, or the big data center for basic supporting projects (DIG-13.6).
const DEMAND_OR_CENTER: &[Actor] = &[DemandUnit, BigdataCenter];
/// Bodies that may suspend, resume and stop (AMB-37).
const SUPERVISORS: &[Actor] = &[BigdataBureau, Drc];
const INV55: &[crate::RuleId] = &[INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6];

/// The `dig` transition table, in the order of RULES.md §3.2.4 (b).
pub static TABLE: &[Row<DigState>] = &[
    Row {
        event: "register_dig_project",
        actor: ActorSpec::Any(DEMAND_OR_CENTER),
        from: FromSpec::Create,
        to: &[Registered, DigLegacy],
        rules: &[DIG_3_1, DIG_32, DIG_31, DIG_3_3, DIG_4, DIG_6, DIG_13_6],
    },
    Row {
        event: "submit_demand_plan",
        actor: ActorSpec::Any(DEMAND_OR_CENTER),
        from: FromSpec::States(&[Registered, NotTasked]),
        to: &[DemandSubmitted],
        rules: &[DIG_13_4, DIG_13_6, DIG_6],
    },
    Row {
        event: "modify_demand_plan",
        actor: ActorSpec::Any(DEMAND_OR_CENTER),
        from: FromSpec::FactIn(DEMAND_TO_FSR_DRAFTED),
        to: &[],
        rules: &[DIG_13_5],
    },
    Row {
        event: "issue_task_book",
        actor: ActorSpec::Any(BUREAU),
        from: FromSpec::States(&[DemandSubmitted]),
        to: &[Tasked, NotTasked],
        rules: &[DIG_13_3, DIG_5],
    },
    Row {
        event: "emergency_add",
        actor: ActorSpec::Any(BUREAU),
        from: FromSpec::States(&[Registered, DemandSubmitted, NotTasked]),
        to: &[Tasked],
        rules: &[DIG_13_7],
    },
    Row {
        event: "decide_emergency_mode",
        actor: ActorSpec::Any(BUREAU),
        from: FromSpec::FactIn(TASKED_TO_FSR_APPROVED),
        to: &[],
        rules: &[DIG_18, DIG_5],
    },
    Row {
        event: "form_proposed_list",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[Tasked]),
        to: &[Listed],
        rules: &[DIG_14_1],
    },
    Row {
        event: "confirm_demand",
        actor: ActorSpec::Any(DEMAND),
        from: FromSpec::States(&[Listed]),
        to: &[DemandConfirmed],
        rules: &[DIG_14_2],
    },
    Row {
        event: "compile_fsr",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[DemandConfirmed, Listed]),
        to: &[FsrDrafted],
        rules: &[DIG_14_2, DIG_14_3, DIG_6, DIG_25],
    },
    Row {
        event: "center_review_fsr",
        actor: ActorSpec::Any(CENTER),
        from: FromSpec::States(&[FsrDrafted]),
        to: &[FsrCenterCleared, DemandConfirmed],
        rules: &[DIG_14_4],
    },
    Row {
        event: "approve_fsr",
        actor: ActorSpec::Any(BUREAU),
        from: FromSpec::States(&[FsrCenterCleared, FsrDrafted]),
        to: &[FsrApproved],
        rules: &[DIG_14_4, DIG_5],
    },
    Row {
        event: "refuse_fsr",
        actor: ActorSpec::Any(BUREAU),
        from: FromSpec::States(&[FsrCenterCleared]),
        to: &[DemandConfirmed],
        rules: &[DIG_14_4],
    },
    Row {
        event: "file_with_drc",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::FactIn(FROM_FSR_APPROVED),
        to: &[],
        rules: &[DIG_14_5],
    },
    Row {
        event: "record_dig_funding",
        actor: ActorSpec::Any(&[Soe, Finance]),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[DIG_26_1, DIG_26_2, DIG_24_2],
    },
    Row {
        event: "open_dedicated_account",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::Fact { also_terminal: false },
        to: &[],
        rules: &[DIG_26_2],
    },
    Row {
        event: "entrust_center_supervision",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::FactIn(FSR_APPROVED_TO_COMPLETED),
        to: &[],
        rules: &[DIG_15_2],
    },
    Row {
        event: "start_construction",
        actor: ActorSpec::Any(&[Soe, DemandUnit]),
        from: FromSpec::States(&[FsrApproved, Tasked, Listed, DemandConfirmed, FsrDrafted, FsrCenterCleared]),
        to: &[UnderConstruction],
        rules: &[DIG_15_1, DIG_25, DIG_13_7, DIG_18, DIG_14_5, DIG_24_2, DIG_3_3, DIG_17_2, DIG_2_2, DIG_3_2, DIG_15_2],
    },
    Row {
        event: "record_security_review",
        actor: ActorSpec::Any(&[Cac]),
        from: FromSpec::FactIn(FROM_FSR_APPROVED),
        to: &[],
        rules: &[DIG_11],
    },
    Row {
        event: "complete_construction",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[UnderConstruction]),
        to: &[ConstructionCompleted],
        rules: &[DIG_7, DIG_15_2, DIG_11],
    },
    Row {
        event: "pass_initial_acceptance",
        actor: ActorSpec::Any(CENTER),
        from: FromSpec::States(&[ConstructionCompleted]),
        to: &[InitiallyAccepted],
        rules: &[DIG_16_1],
    },
    Row {
        event: "fail_initial_acceptance",
        actor: ActorSpec::Any(CENTER),
        from: FromSpec::States(&[ConstructionCompleted]),
        to: &[UnderConstruction],
        rules: &[DIG_16_1],
    },
    Row {
        event: "start_trial_run",
        actor: ActorSpec::Any(DEMAND),
        from: FromSpec::States(&[InitiallyAccepted, ConstructionCompleted]),
        to: &[InTrialRun],
        rules: &[DIG_16_2],
    },
    Row {
        event: "report_issue",
        actor: ActorSpec::Any(DEMAND),
        from: FromSpec::States(&[InTrialRun, Rectification]),
        to: &[Rectification],
        rules: &[DIG_16_3],
    },
    Row {
        event: "rectify_issue",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[Rectification]),
        to: &[Rectification, InTrialRun],
        rules: &[DIG_16_3],
    },
    Row {
        event: "pass_final_acceptance",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[InTrialRun, Rectification]),
        to: &[FinalAccepted],
        rules: &[DIG_16_4, DIG_6, DIG_16_3],
    },
    Row {
        event: "fail_final_acceptance",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[InTrialRun]),
        to: &[Rectification],
        rules: &[DIG_16_4, DIG_6, DIG_16_3],
    },
    Row {
        event: "sign_off",
        actor: ActorSpec::Any(DEMAND),
        from: FromSpec::States(&[FinalAccepted]),
        to: &[SignedOff],
        rules: &[DIG_16_5],
    },
    Row {
        event: "deliver",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::States(&[SignedOff, FinalAccepted]),
        to: &[InOperation],
        rules: &[DIG_16_5, DIG_16_6, DIG_19_1, DIG_19_3, DIG_20],
    },
    Row {
        event: "record_security_assessment",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::FactIn(FROM_CONSTRUCTION_AND_OPERATION),
        to: &[],
        rules: &[DIG_21],
    },
    Row {
        event: "file_final_accounts",
        actor: ActorSpec::Any(SOE),
        from: FromSpec::FactIn(FROM_FINAL_ACCEPTED),
        to: &[],
        rules: &[DIG_27_1],
    },
    Row {
        event: "evaluate",
        actor: ActorSpec::Any(BUREAU),
        from: FromSpec::FactIn(FROM_CONSTRUCTION_AND_OPERATION),
        to: &[],
        rules: &[DIG_29],
    },
    Row::RECORD_EXCEPTION,
    Row {
        event: "record_manual_finding",
        actor: ActorSpec::Any(&[Audit, BigdataBureau, Finance, Drc, DisciplineInspection]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[],
    },
    Row {
        event: "withdraw_project",
        actor: ActorSpec::Any(&[DemandUnit, Soe]),
        from: FromSpec::States(NON_TERMINAL),
        to: &[Withdrawn],
        rules: &[],
    },
    Row {
        event: "suspend",
        actor: ActorSpec::Any(SUPERVISORS),
        from: FromSpec::States(&[UnderConstruction]),
        to: &[Suspended],
        rules: INV55,
    },
    Row {
        event: "resume",
        actor: ActorSpec::Suspender,
        from: FromSpec::States(&[Suspended]),
        to: &[UnderConstruction],
        rules: INV55,
    },
    Row {
        event: "stop",
        actor: ActorSpec::Any(SUPERVISORS),
        from: FromSpec::States(STOPPABLE),
        to: &[Stopped],
        rules: INV55,
    },
];

machine! {
    /// The `dig` machine (type `DigitalProject`).
    pub struct DigMachine {
        state: DigState, id: Dig, name: "DigitalProject",
        terminal: [InOperation, DigLegacy, Stopped, Withdrawn], table: TABLE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digital::DigEventKind;
    use crate::machine::row_of;

    #[test]
    fn one_row_per_event_and_back() {
        for k in DigEventKind::ALL {
            assert!(row_of::<DigMachine>(k.name()).is_some(), "no row for {}", k.name());
        }
        for r in TABLE {
            assert!(DigEventKind::parse(r.event).is_some(), "row without event {}", r.event);
        }
        assert_eq!(TABLE.len(), DigEventKind::ALL.len());
    }

    #[test]
    fn diagrams_render() {
        let m = crate::machine::mermaid::<DigMachine>(Some(InTrialRun));
        assert!(m.contains("construction_completed --> under_construction: fail_initial_acceptance"));
        assert!(m.contains("class in_trial_run current"));
        assert!(crate::machine::dot::<DigMachine>(None).contains("signed_off -> in_operation"));
        assert!(crate::machine::markdown::<DigMachine>().contains("| `deliver` |"));
    }
}
