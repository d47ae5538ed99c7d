//! The change sub-machine `change/<change_id>` (INV-40 to INV-44; RULES.md §3.1.4, §3.1.6 (c)).

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::event::{event_enum, state_enum};
use crate::finding::Finding;
use crate::investment::InvestmentProject;
use crate::log::MachineId;

state_enum! {
    /// States of an engineering change (RULES.md §3.1.4).
    pub enum ChangeState {
        /// Proposed by the project unit.
        ChangeProposed = "change_proposed",
        /// Internally reviewed with the participating units (INV-41).
        ChangeReviewed = "change_reviewed",
        /// Approved (N ≤ A) or its INV-41 situation confirmed (N > A).
        ChangeApproved = "change_approved",
        /// Implemented (terminal).
        ChangeImplemented = "change_implemented",
        /// Emergency change order issued (INV-44.1).
        ChangeEmergencyOrdered = "change_emergency_ordered",
        /// Emergency change confirmed by the industry authority.
        ChangeConfirmed = "change_confirmed",
        /// Post-hoc approval filed (INV-44.2).
        ChangePostHocFiled = "change_post_hoc_filed",
        /// Rejected (terminal).
        ChangeRejected = "change_rejected",
        /// Withdrawn or cancelled by a stop or withdrawal (terminal).
        ChangeCancelled = "change_cancelled",
    }
}

/// `withdraw_change` (project_unit): change_proposed, change_reviewed, change_approved → change_cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawChange {
    /// Why.
    pub reason: String,
}

event_enum! {
    /// Events of the change sub-machine (RULES.md §3.1.6 (c)).
    pub enum ChangeEvent, kind ChangeEventKind, machine MachineId::Change {
        /// change_proposed, change_reviewed, change_approved → change_cancelled.
        WithdrawChange(WithdrawChange) = "withdraw_change",
    }
}

impl InvestmentProject {
    /// The changes that block `complete_works`, each with the rule its block violates: an
    /// emergency change never filed (INV-44.2), or a non-emergency change still pending
    /// (INV-40.2) (RULES.md §3.1.4, AMB-43).
    pub(crate) fn changes_blocking_completion(&self) -> Vec<(String, crate::rule::RuleId)> {
        // No change instances are kept yet, so nothing blocks.
        Vec::new()
    }

    /// On stop or withdrawal: open changes → change_cancelled (an emergency change keeps its
    /// INV-44.2 filing duty), open adjustments → adj_cancelled (RULES.md §3.1.2).
    pub(crate) fn cancel_sub_machines(&mut self) {
        // No sub-machine instances are kept yet.
    }

    /// Findings of the change, adjustment and accountability sub-machines (RULES.md §5).
    pub(crate) fn submachine_findings(&self, _as_of: NaiveDate, _out: &mut Vec<Finding>) {
        // No sub-machine instances are kept yet.
    }
}
