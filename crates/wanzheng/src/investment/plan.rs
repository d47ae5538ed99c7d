//! The annual government-investment plan `plan/<P>` (INV-12, INV-27 to INV-31; RULES.md §3.1.3, §3.1.6 (b)).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::actor::DocRef;
use crate::event::{event_enum, state_enum};
use crate::log::MachineId;
use crate::money::Yuan;

state_enum! {
    /// States of a plan year's stream (RULES.md §3.1.3).
    pub enum PlanState {
        /// Collecting submissions (INV-29.1).
        PlanCollecting = "plan_collecting",
        /// Draft compiled by drc and finance (INV-29.2).
        PlanDrafted = "plan_drafted",
        /// Draft before the executive meeting (INV-29.3).
        PlanAtMeeting = "plan_at_meeting",
        /// Decided by the meeting.
        PlanDecided = "plan_decided",
        /// Issued (terminal, facts only; INV-29.4).
        PlanIssued = "plan_issued",
    }
}

/// A project's plan status in one plan year, derived from the plan stream (RULES.md §3.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectPlanStatus {
    /// Not submitted.
    PlanNone,
    /// Submitted.
    PlanSubmitted,
    /// In the draft (included or pending).
    PlanDrafted,
    /// Before the meeting.
    PlanAtMeeting,
    /// Approved by the meeting (not a project approval, INV-30.4).
    PlanMeetingApproved,
    /// In the issued plan (main or supplement).
    PlanIssued,
    /// Excluded.
    PlanNotIncluded,
}

/// One project's entry in one plan year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanEntry {
    /// Status.
    pub status: ProjectPlanStatus,
    /// The annual amount of the entry, when decided.
    pub annual_amount: Option<Yuan>,
    /// The issue date, when issued.
    pub issued_on: Option<chrono::NaiveDate>,
}

/// What a project reads from the plan streams: its entry per plan year (INV-12.2, 34, 55.6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInputs {
    /// Entry by plan year.
    pub years: BTreeMap<i32, PlanEntry>,
}

impl PlanInputs {
    /// The entry of year `p`, if any.
    pub fn entry(&self, p: i32) -> Option<&PlanEntry> {
        self.years.get(&p)
    }

    /// Whether the project is in the issued plan (main or supplement) of year `p`.
    pub fn issued_in(&self, p: i32) -> bool {
        self.entry(p).is_some_and(|e| e.status == ProjectPlanStatus::PlanIssued)
    }
}

/// `submit_draft_to_meeting` (drc): plan_drafted → plan_at_meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitDraftToMeeting {
    /// The submission.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

event_enum! {
    /// Events of the plan stream (RULES.md §3.1.6 (b)).
    pub enum PlanEvent, kind PlanEventKind, machine MachineId::Plan {
        /// plan_drafted → plan_at_meeting.
        SubmitDraftToMeeting(SubmitDraftToMeeting) = "submit_draft_to_meeting",
    }
}
