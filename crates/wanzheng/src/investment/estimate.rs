//! Estimate (概算) adjustments `adjustment/<adjustment_id>` (INV-45 to INV-49; RULES.md §3.1.5, §3.1.6 (d)).

use serde::{Deserialize, Serialize};

use crate::actor::DocRef;
use crate::event::{event_enum, state_enum};
use crate::log::MachineId;

state_enum! {
    /// States of an estimate adjustment (RULES.md §3.1.5).
    pub enum AdjState {
        /// Applied for (INV-47).
        AdjApplied = "adj_applied",
        /// Deferred: certified completion below 70 % of A0 (INV-48, AMB-13).
        AdjDeferred = "adj_deferred",
        /// Approved: A := approved amount (INV-45.1, 48.2, 48.3).
        AdjApproved = "adj_approved",
        /// Reviewed by finance (terminal).
        AdjFinanceReviewed = "adj_finance_reviewed",
        /// Rejected (terminal).
        AdjRejected = "adj_rejected",
        /// Cancelled by a stop or withdrawal (terminal).
        AdjCancelled = "adj_cancelled",
    }
}

/// `finance_review_adjustment` (finance): adj_approved → adj_finance_reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FinanceReviewAdjustment {
    /// The review document.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

event_enum! {
    /// Events of the adjustment sub-machine (RULES.md §3.1.6 (d)).
    pub enum AdjustmentEvent, kind AdjustmentEventKind, machine MachineId::Adjustment {
        /// adj_approved → adj_finance_reviewed.
        FinanceReviewAdjustment(FinanceReviewAdjustment) = "finance_review_adjustment",
    }
}
