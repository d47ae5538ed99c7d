//! The change sub-machine `change/<change_id>` (INV-40 to INV-44; RULES.md §3.1.4, §3.1.6 (c)),
//! with the decision functions `change_route` (§4.4) and `emergency_change_deadline` (§4.7).
//!
//! ```text
//!  propose_change ─▶ change_proposed ─internal_review─▶ change_reviewed ─approve_change─▶ change_approved ─implement_change─▶ change_implemented
//!                     │                                      │                            (finance_review_change, consent_extra_funds: flags)
//!                     └── implement_change before approval (judged: INV-40.1, 40.2 when major) ──▶ change_implemented
//!                                                            └─reject_change─▶ change_rejected
//!  emergency_change_order ─▶ change_emergency_ordered ─confirm_emergency_change─▶ change_confirmed
//!                                   │                                                  │
//!                                   └───────────────file_post_hoc_change───────────────┴─▶ change_post_hoc_filed ─approve_change─▶ change_implemented
//!                                                                                                     └─reject_change─▶ change_rejected (F-INV-40.2)
//!  withdraw_change (proposed, reviewed, approved), project stop/withdrawal ─▶ change_cancelled
//! ```
//!
//! Figures (AMB-41 as revised by RULES.md §3.3.7 and §3.5 B16): δ = `estimate_delta.after − before`
//! (net of contingency drawn for the change, INV-42(4)); N = A + Σ approved δ + Σ emergency δ (from
//! the order) + Σ unauthorised δ (implemented without approval), all not yet absorbed by an
//! approved adjustment, + this δ when judged; U = Σ unauthorised δ. The library derives N and U in
//! one place (`InvestmentProject::n_figures`). Handlers: `change_handlers.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::calendar::Due;
use crate::error::InputError;
use crate::event::{NoFacts, event_enum};
use crate::log::MachineId;
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Row};
use crate::money::{Yuan, YuanDelta};
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;
use crate::wire::wire_enum;

use super::estimate::{OverrunCause, OverrunFacts, OverrunRouteKind, overrun_route};

wire_enum! {
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

/// The INV-41 situation a change relies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Situation {
    /// 41(一): quality or optimisation within the approved total, N ≤ A.
    #[serde(rename = "41.1")]
    S41_1,
    /// 41(二): force majeure, or site conditions differ materially from the survey.
    #[serde(rename = "41.2")]
    S41_2,
    /// 41(三): policy adjustment (new codes, standards, plans).
    #[serde(rename = "41.3")]
    S41_3,
    /// 41(四): provincial-or-higher document, or written municipal consent.
    #[serde(rename = "41.4")]
    S41_4,
    /// 41(五): large market-price movement, N > A0.
    #[serde(rename = "41.5")]
    S41_5,
    /// 41(六): provisional sums or prices.
    #[serde(rename = "41.6")]
    S41_6,
}

impl Situation {
    /// The rule of the situation.
    pub const fn rule(self) -> RuleId {
        match self {
            Situation::S41_1 => INV_41_1,
            Situation::S41_2 => INV_41_2,
            Situation::S41_3 => INV_41_3,
            Situation::S41_4 => INV_41_4,
            Situation::S41_5 => INV_41_5,
            Situation::S41_6 => INV_41_6,
        }
    }
}

/// A material change of INV-23.3 (项目单位、建设性质、建设地点、建设规模、技术方案): the one type of
/// `propose_change.material`, `report_estimate_excess.changes` and `estimate_excess_check`.
pub use crate::investment::events::MaterialChange;

/// A signed difference on the wire: `{before, after}` (RULES.md §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateDelta {
    /// After the change.
    pub after: Yuan,
    /// Before the change.
    pub before: Yuan,
}

impl EstimateDelta {
    /// `after − before`.
    pub fn delta(self) -> YuanDelta {
        YuanDelta::between(self.before, self.after)
    }
}

/// A contract the change affects, with its total price after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractAfter {
    /// The contract.
    pub contract_id: String,
    /// Its total price after the change.
    pub price_after: Yuan,
}

/// `propose_change` (project_unit): ∅ → change_proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeChange {
    /// The works budget after the change (INV-43 超预算).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_after: Option<Yuan>,
    /// The change id (the stream instance).
    pub change_id: String,
    /// Contracts affected, with their prices after the change (INV-43 超合同总价).
    #[serde(default)]
    pub contracts: Vec<ContractAfter>,
    /// What changes.
    pub description: String,
    /// The change's effect on total investment, net of contingency drawn for it (AMB-41).
    pub estimate_delta: EstimateDelta,
    /// A 较大变更 of scale or content (INV-40.2, 55.3).
    #[serde(default)]
    pub major: bool,
    /// Material changes (INV-23.3).
    #[serde(default)]
    pub material: Vec<MaterialChange>,
    /// The INV-41 situation relied on.
    pub situation: Situation,
}

/// One participant's written opinion (INV-42(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewOpinion {
    /// Agrees with the change.
    pub agree: bool,
    /// The written opinion.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// survey_unit, design_unit, supervision_unit or contractor.
    pub unit: Actor,
}

/// `internal_review` (project_unit + survey_unit, design_unit, supervision_unit, contractor):
/// change_proposed → change_reviewed; change_implemented → same for an unauthorised change being
/// regularised (RULES.md §3.5 D6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternalReview {
    /// Expert demonstration, when organised (必要时).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert_demonstration: Option<DocRef>,
    /// The participants' written opinions.
    #[serde(default)]
    pub opinions: Vec<ReviewOpinion>,
}

/// `approve_change` (industry_authority): change_reviewed → change_approved;
/// change_post_hoc_filed → change_implemented; change_implemented → same for an unauthorised
/// change with N ≤ A (RULES.md §3.5 D6: its δ moves from U to approved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveChange {
    /// The approval (or, for N > A, the confirmation of the situation).
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The INV-41 situation confirmed.
    pub situation: Situation,
}

/// `reject_change` (industry_authority): change_reviewed, change_post_hoc_filed → change_rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectChange {
    /// Why (non-empty).
    pub reasons: String,
    /// The decision.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `withdraw_change` (project_unit): change_proposed, change_reviewed, change_approved → change_cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawChange {
    /// Why.
    pub reason: String,
}

/// `finance_review_change` (finance): change_approved, change_implemented, and for an emergency
/// change change_emergency_ordered, change_confirmed, change_post_hoc_filed → same (INV-48.1,
/// RULES.md §3.5 A5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FinanceReviewChange {
    /// The review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `consent_extra_funds` (municipal_government): change_approved, change_implemented → same (INV-43).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentExtraFunds {
    /// The cause analysis (先分析原因).
    pub cause_analysis: DocRef,
    /// The consent.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The allocation of responsibility (划清责任).
    pub responsibility: DocRef,
}

/// `emergency_change_order` (project_unit): ∅ → change_emergency_ordered (INV-44.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyChangeOrder {
    /// The change id (the stream instance).
    pub change_id: String,
    /// Contracts affected.
    #[serde(default)]
    pub contracts: Vec<ContractAfter>,
    /// What was ordered.
    pub description: String,
    /// The change's effect on total investment (AMB-41).
    pub estimate_delta: EstimateDelta,
    /// The day the change order was issued (下达变更指令).
    #[serde(deserialize_with = "crate::date::strict")]
    pub order_date: NaiveDate,
    /// The immediate report to the change approver (立即报…确认).
    pub report_ref: DocRef,
    /// The INV-41 situation, if already named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
}

/// `confirm_emergency_change` (industry_authority): change_emergency_ordered → change_confirmed;
/// change_post_hoc_filed → same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmEmergencyChange {
    /// The confirmation.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `file_post_hoc_change` (project_unit): change_emergency_ordered, change_confirmed →
/// change_post_hoc_filed (INV-44.2: within 5 working days of the order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilePostHocChange {
    /// 佐证资料.
    #[serde(default)]
    pub evidence: Vec<DocRef>,
    /// The INV-42 materials.
    #[serde(default)]
    pub materials: Vec<DocRef>,
}

event_enum! {
    /// Events of the change sub-machine (RULES.md §3.1.6 (c)).
    pub enum ChangeEvent, kind ChangeEventKind, machine MachineId::Change {
        /// ∅ → change_proposed.
        ProposeChange(ProposeChange) = "propose_change",
        /// change_proposed → change_reviewed; change_implemented → same (unauthorised, §3.5 D6).
        InternalReview(InternalReview) = "internal_review",
        /// change_reviewed → change_approved; change_post_hoc_filed, change_implemented (unauthorised,
        /// §3.5 D6) → change_implemented.
        ApproveChange(ApproveChange) = "approve_change",
        /// change_reviewed, change_post_hoc_filed → change_rejected.
        RejectChange(RejectChange) = "reject_change",
        /// change_proposed, change_reviewed, change_approved → change_cancelled.
        WithdrawChange(WithdrawChange) = "withdraw_change",
        /// change_approved, change_implemented, change_emergency_ordered, change_confirmed,
        /// change_post_hoc_filed → same (§3.5 A5).
        FinanceReviewChange(FinanceReviewChange) = "finance_review_change",
        /// change_approved, change_implemented → same.
        ConsentExtraFunds(ConsentExtraFunds) = "consent_extra_funds",
        /// change_approved → change_implemented (from change_proposed, change_reviewed: judged, INV-40.1).
        ImplementChange(NoFacts) = "implement_change",
        /// ∅ → change_emergency_ordered.
        EmergencyChangeOrder(EmergencyChangeOrder) = "emergency_change_order",
        /// change_emergency_ordered → change_confirmed; change_post_hoc_filed → same.
        ConfirmEmergencyChange(ConfirmEmergencyChange) = "confirm_emergency_change",
        /// change_emergency_ordered, change_confirmed → change_post_hoc_filed.
        FilePostHocChange(FilePostHocChange) = "file_post_hoc_change",
    }
}

use ChangeState::*;

const PU: &[Actor] = &[Actor::ProjectUnit];
const IA: &[Actor] = &[Actor::IndustryAuthority];

/// The change transition table, in the order of RULES.md §3.1.6 (c).
pub static TABLE: &[Row<ChangeState>] = &[
    Row {
        event: "propose_change",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Create,
        to: &[ChangeProposed],
        rules: &[INV_40_2, INV_41],
    },
    // RULES.md §3.5 D6: an unauthorised change (implemented without approval) is reviewed and
    // approved post hoc from change_implemented (the handler refuses any other implemented change).
    Row {
        event: "internal_review",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[ChangeProposed, ChangeImplemented]),
        to: &[ChangeReviewed, ChangeImplemented],
        rules: &[INV_41, INV_42],
    },
    Row {
        event: "approve_change",
        actor: ActorSpec::Any(IA),
        from: FromSpec::States(&[ChangeReviewed, ChangePostHocFiled, ChangeImplemented]),
        to: &[ChangeApproved, ChangeImplemented],
        rules: &[
            INV_41, INV_41_1, INV_41_2, INV_41_3, INV_41_4, INV_41_5, INV_41_6, INV_42, INV_23_3, INV_23_4, INV_48,
            INV_50,
        ],
    },
    Row {
        event: "reject_change",
        actor: ActorSpec::Any(IA),
        from: FromSpec::States(&[ChangeReviewed, ChangePostHocFiled]),
        to: &[ChangeRejected],
        rules: &[INV_41, INV_40_2, INV_50],
    },
    Row {
        event: "withdraw_change",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[ChangeProposed, ChangeReviewed, ChangeApproved]),
        to: &[ChangeCancelled],
        rules: &[],
    },
    // RULES.md §3.5 A5: finance may review an emergency change from its order on (the confirmed
    // emergency δ within the contract price is then payable, no 70 % gate: AMB-13's INV-44 branch).
    Row {
        event: "finance_review_change",
        actor: ActorSpec::Any(&[Actor::Finance]),
        from: FromSpec::FactIn(&[
            ChangeApproved,
            ChangeImplemented,
            ChangeEmergencyOrdered,
            ChangeConfirmed,
            ChangePostHocFiled,
        ]),
        to: &[],
        rules: &[INV_48_1],
    },
    Row {
        event: "consent_extra_funds",
        actor: ActorSpec::Any(&[Actor::MunicipalGovernment]),
        from: FromSpec::FactIn(&[ChangeApproved, ChangeImplemented]),
        to: &[],
        rules: &[INV_43],
    },
    // RULES.md §3.5 B15: implementing a change before its approval is judged, not refused as a
    // transition error: from change_proposed or change_reviewed it violates 40.1 (and 40.2 when
    // major or above A), plus the §4.3 outcome of the proposed situation as if confirmed (48.2
    // when N > A); record mode stores the findings and counts δ as unauthorised (U), and the
    // automatic INV-50 case may open (§3.3.7).
    Row {
        event: "implement_change",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[ChangeProposed, ChangeReviewed, ChangeApproved]),
        to: &[ChangeImplemented],
        rules: &[
            INV_40_1, INV_40_2, INV_41_1, INV_41_5, INV_48, INV_48_2, INV_48_3, INV_55_1, INV_55_2, INV_55_3, INV_55_4,
            INV_55_5, INV_55_6, INV_50,
        ],
    },
    Row {
        event: "emergency_change_order",
        actor: ActorSpec::Any(PU),
        from: FromSpec::Create,
        to: &[ChangeEmergencyOrdered],
        rules: &[INV_44_1, INV_50],
    },
    Row {
        event: "confirm_emergency_change",
        actor: ActorSpec::Any(IA),
        from: FromSpec::States(&[ChangeEmergencyOrdered, ChangePostHocFiled]),
        to: &[ChangeConfirmed, ChangePostHocFiled],
        rules: &[INV_44_1],
    },
    Row {
        event: "file_post_hoc_change",
        actor: ActorSpec::Any(PU),
        from: FromSpec::States(&[ChangeEmergencyOrdered, ChangeConfirmed]),
        to: &[ChangePostHocFiled],
        rules: &[INV_44_2, INV_42],
    },
];

machine! {
    /// The change machine (type `Change`).
    pub struct ChangeMachine {
        state: ChangeState, id: Change, name: "Change",
        terminal: [ChangeImplemented, ChangeRejected, ChangeCancelled], table: TABLE,
    }
}

/// Where the contract deltas of an authorised change sit in the contracts' payment buckets
/// (RULES.md §4.5: `unreviewed`, `unconsented_43`, `change_extra`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyBucket {
    /// Approved, awaiting the finance review (48.1).
    Unreviewed,
    /// Reviewed, awaiting the municipal consent of an INV-43 case.
    Unconsented43,
    /// Authorised: raises the contract ceiling.
    Extra,
}

/// One contract's increase fixed when the change's money came into play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractIncrease {
    /// The contract.
    pub contract_id: String,
    /// The increase over the contract's total at that time (never negative).
    pub amount: Yuan,
}

/// One change in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// The id.
    pub change_id: String,
    /// The state.
    pub state: ChangeState,
    /// Ordered under INV-44.
    pub emergency: bool,
    /// The situation proposed (or named in the order).
    pub situation: Option<Situation>,
    /// The situation the industry authority confirmed.
    pub confirmed_situation: Option<Situation>,
    /// 较大变更.
    pub major: bool,
    /// Material changes (INV-23.3).
    pub material: Vec<MaterialChange>,
    /// δ.
    pub delta: YuanDelta,
    /// The before/after pair as given.
    pub estimate_delta: EstimateDelta,
    /// N as derived at the last judgment (proposal, order, approval).
    pub new_total: Yuan,
    /// Contracts affected.
    pub contracts: Vec<ContractAfter>,
    /// Budget after (INV-43).
    pub budget_after: Option<Yuan>,
    /// Participants' opinions complete (INV-41, 42(1)).
    pub reviewed_ok: bool,
    /// INV-42 materials filed with the post-hoc filing.
    pub materials_filed: bool,
    /// δ is counted in the ledger's `pending_delta` (N).
    pub counted: bool,
    /// δ is counted as unauthorised (U, RULES.md §3.3.7): implemented without approval and not
    /// regularised since.
    #[serde(default)]
    pub unauthorised: bool,
    /// N > A at approval: the approval only confirmed the situation (48 lead-in).
    pub overrun: bool,
    /// The §4.3 route stored at approval.
    pub route: Option<OverrunRouteKind>,
    /// An INV-43 case: N ≤ A but over a contract total or the budget.
    pub inv43: bool,
    /// Finance reviewed (48.1).
    pub finance_reviewed: bool,
    /// Municipal consent to the extra funds (43).
    pub consented_43: bool,
    /// Emergency: the day the order was issued.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub order_date: Option<NaiveDate>,
    /// Emergency: the last day of the INV-44.2 filing.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub filing_due: Option<NaiveDate>,
    /// Emergency: the day the post-hoc approval was filed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub filed_on: Option<NaiveDate>,
    /// Emergency: confirmed by the industry authority (44.1).
    pub confirmed: bool,
    /// The adjustment that lists it in `change_ids`.
    pub adjustment_id: Option<String>,
    /// The approved adjustment that absorbed its δ.
    pub absorbed_by: Option<String>,
    /// Contract increases fixed when its money came into play.
    pub increases: Vec<ContractIncrease>,
    /// The change amount counted in `approved_change_amount`.
    pub change_amount: Yuan,
    /// The payment bucket its increases sit in, when in play.
    pub bucket: Option<MoneyBucket>,
    /// The seq of the entry that created it.
    pub opened_seq: u32,
}

// ---------------------------------------------------------------------------------------------
// §4.7 emergency_change_deadline
// ---------------------------------------------------------------------------------------------

/// Request of `emergency_change_deadline` (RULES.md §4.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyDeadlineRequest {
    /// When the post-hoc approval was filed, to judge it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub filed_on: Option<NaiveDate>,
    /// The day the change order was issued.
    #[serde(deserialize_with = "crate::date::strict")]
    pub order_date: NaiveDate,
}

/// Result of `emergency_change_deadline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Deadline {
    /// The last day on time: the 5th working day after the order day.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// A `finding` INV-44.2 `late` when `filed_on` is after `date`.
    pub outcomes: Vec<Outcome>,
    /// `date` counted a working day of a year without a loaded State Council notice: it
    /// follows the statutory rule (RULES.md §1.4 as revised by issue 10) and may move when
    /// the notice is loaded. Omitted from JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// The version of the rule parameters in force on the order day (issue 10).
    #[serde(default = "crate::ruleset::builtin_version")]
    pub ruleset: std::borrow::Cow<'static, str>,
}

/// The INV-44.2 filing deadline: the 5th working day after the order day (day excluded, last
/// day included; RULES.md §1.4, §4.7) — `working_days` of the rule version in force
/// (`emergency_filing_working_days`, 5 as issued; issue 10).
///
/// # Errors
/// [`InputError`] `calendar_out_of_range` when the order day or the deadline lies outside
/// 2023–2099; past the loaded notices the deadline is provisional, never refused.
pub fn post_hoc_deadline(
    order_date: NaiveDate,
    working_days: u32,
    cal: &crate::WorkingDayCalendar,
) -> Result<Due, InputError> {
    cal.due(order_date, working_days).map_err(|e| {
        let mut err = InputError::from(e);
        err.path = "order_date".into();
        err
    })
}

/// `emergency_change_deadline` (RULES.md §4.7, INV-44.2).
///
/// # Errors
/// [`crate::Error::Input`] `calendar_out_of_range`.
///
/// # Example
/// ```
/// use wanzheng::investment::change::{emergency_change_deadline, EmergencyDeadlineRequest};
/// let req = EmergencyDeadlineRequest { order_date: "2023-09-27".parse().unwrap(), filed_on: None };
/// let d = emergency_change_deadline(req, &Default::default())?;
/// assert_eq!(d.date.to_string(), "2023-10-10"); // 29 Sep–6 Oct off, 7–8 Oct worked
/// # Ok::<(), wanzheng::Error>(())
/// ```
pub fn emergency_change_deadline(
    req: EmergencyDeadlineRequest,
    ctx: &crate::Context,
) -> Result<Deadline, crate::Error> {
    let rules = ctx.ruleset_at(req.order_date);
    let days = rules.values.emergency_filing_working_days;
    let Due { date, provisional } = post_hoc_deadline(req.order_date, days, ctx.calendar())?;
    let mut j = Judge::pure();
    j.finding(INV_44_2, req.filed_on.is_none_or(|f| f <= date), "late");
    let ruleset = rules.version.clone();
    let (rules, outcomes) = j.into_parts();
    Ok(Deadline { date, rules, outcomes, provisional, ruleset })
}

// ---------------------------------------------------------------------------------------------
// §4.4 change_route
// ---------------------------------------------------------------------------------------------

/// A contract in a `change_route` request: price before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractPrices {
    /// The contract.
    pub contract_id: String,
    /// The contract total before the change.
    pub price: Yuan,
    /// The contract total after.
    pub price_after: Yuan,
}

/// The change of a `change_route` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeSpec {
    /// The budget before the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Yuan>,
    /// The budget after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_after: Option<Yuan>,
    /// Contracts affected.
    #[serde(default)]
    pub contracts: Vec<ContractPrices>,
    /// An emergency order's date (INV-44).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub emergency_order_date: Option<NaiveDate>,
    /// The change's effect on total investment.
    pub estimate_delta: EstimateDelta,
    /// 较大变更.
    #[serde(default)]
    pub major: bool,
    /// Material changes (INV-23.3).
    #[serde(default)]
    pub material: Vec<MaterialChange>,
    /// The INV-41 situation; absent = none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
}

/// The ledger figures of a `change_route` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeLedger {
    /// Approved adjustments so far.
    #[serde(default)]
    pub adjustments_so_far: u32,
    /// W.
    #[serde(default)]
    pub certified_completed: Yuan,
    /// A.
    pub estimate: Yuan,
    /// A0 (defaults to A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_estimate: Option<Yuan>,
    /// Σ δ counted in N and not yet absorbed — approved, emergency and unauthorised changes
    /// (RULES.md §3.3.7, §3.5 B16) — as a `{before, after}` pair (default zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_delta: Option<EstimateDelta>,
    /// The overrun would be self-funded (48.3).
    #[serde(default)]
    pub self_funding: bool,
    /// U: the part of `pending_delta` that is unauthorised δ (RULES.md §3.3.7, §3.5 A11), not
    /// added to it; 41.5 is judged on N − U (default zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unauthorised_delta: Option<EstimateDelta>,
}

/// Request of `change_route` (RULES.md §4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRouteRequest {
    /// The change.
    pub change: ChangeSpec,
    /// The ledger figures.
    pub ledger: ChangeLedger,
}

/// When a change may be implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImplementationAfter {
    /// After `approve_change` (N ≤ A, 48.1).
    ChangeApproved,
    /// After the linked adjustment is approved (48.2, 48.3; 40.2, 45.2).
    AdjApproved,
    /// Blocked until W reaches 70 % of A0 (48 lead-in, AMB-13).
    #[serde(rename = "blocked_below_70")]
    BlockedBelow70,
}

/// Result of `change_route` (RULES.md §4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChangeRoute {
    /// An INV-41 situation holds and its own test passes.
    pub permitted: bool,
    /// The change approver (INV-41, 44: the industry authority).
    pub approver: Actor,
    /// N = A + pending δ + δ (AMB-41).
    pub new_total: Yuan,
    /// A material change: report to the original approver (INV-23.3).
    pub report_original_approver: bool,
    /// N ≤ A but over a contract total or the budget: municipal consent before the extra funds (INV-43).
    pub gov_consent_before_extra_funds: bool,
    /// The extra funds over the contract totals (Σ of increases).
    pub extra_funds: Yuan,
    /// The §4.3 route (route1_industry when N ≤ A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrun_route: Option<OverrunRouteKind>,
    /// When the change may be implemented (absent when not permitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_after: Option<ImplementationAfter>,
    /// The INV-44.2 filing deadline of an emergency order (§4.7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub post_hoc_deadline: Option<NaiveDate>,
    /// `post_hoc_deadline` is provisional (see [`Deadline::provisional`]); omitted when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// The INV-42 materials the approval file needs.
    pub materials: Vec<String>,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Outcomes: violations 41 / 41.1 / 41.5 when not permitted; warning 23.3 `report_due`.
    pub outcomes: Vec<Outcome>,
}

/// The INV-42 materials of a change with `situation`: 42(3) basis documents only for policy
/// (41.3) and document/consent (41.4) situations.
pub fn required_materials(situation: Option<Situation>) -> Vec<String> {
    let mut m = vec!["participant_opinions".to_string(), "unit_opinion".to_string()];
    if matches!(situation, Some(Situation::S41_3 | Situation::S41_4)) {
        m.push("basis_documents".to_string());
    }
    m.push("drawings_and_change_budget".to_string());
    m.push("other_materials".to_string());
    m
}

/// `change_route` (RULES.md §4.4; INV-23.3, 40–44, 48).
///
/// # Errors
/// [`crate::Error::Input`]: N would be negative (`facts`), or the emergency deadline falls outside the calendar.
///
/// # Example
/// ```
/// use wanzheng::investment::change::{change_route, ChangeRouteRequest};
/// let req: ChangeRouteRequest = serde_json::from_str(r#"{
///   "change": {"situation": "41.1", "estimate_delta": {"before": "1000000.00", "after": "1000000.01"}},
///   "ledger": {"estimate": "100000000.00"}}"#).unwrap();
/// let r = change_route(req, &Default::default())?;
/// assert!(!r.permitted); // N = 100,000,000.01 > A: 41.1 needs N ≤ A
/// # Ok::<(), wanzheng::Error>(())
/// ```
pub fn change_route(req: ChangeRouteRequest, ctx: &crate::Context) -> Result<ChangeRoute, crate::Error> {
    let c = &req.change;
    let l = &req.ledger;
    let pending = l.pending_delta.map(EstimateDelta::delta).unwrap_or(YuanDelta::ZERO);
    let n = (pending + c.estimate_delta.delta()).apply_to(l.estimate).ok_or_else(|| {
        InputError::new(
            "change.estimate_delta",
            crate::InputReason::InvalidValue,
            "the new total N = A + pending δ + δ would be negative",
        )
    })?;
    let a0 = l.original_estimate.unwrap_or(l.estimate);
    let mut j = Judge::pure();
    j.trace(INV_40_2);
    let route = overrun_route(
        &OverrunFacts {
            estimate: l.estimate,
            original_estimate: a0,
            new_total: n,
            certified_completed: l.certified_completed,
            cause: OverrunCause::Change,
            situation: c.situation,
            self_funding: l.self_funding,
            adjustments_so_far: l.adjustments_so_far,
            acc_consented: false,
            delta: Some(c.estimate_delta.delta()),
            unauthorised: l.unauthorised_delta.map(EstimateDelta::delta).unwrap_or(YuanDelta::ZERO),
        },
        ctx.config(),
        ctx.decision_ruleset(),
    );
    for r in &route.rules {
        j.trace(*r);
    }
    let mut outcomes = route.outcomes_without_49_2();
    let permitted = route.route != OverrunRouteKind::NotPermitted;
    let report = !c.material.is_empty();
    j.trace(INV_23_3);
    if report {
        outcomes.push(Outcome::new(crate::OutcomeKind::Warning, INV_23_3, "report_due"));
    }
    let extra = Yuan::sum(c.contracts.iter().map(|k| k.price_after.saturating_sub(k.price))).unwrap_or(Yuan::ZERO);
    let over_budget = matches!((c.budget, c.budget_after), (Some(b), Some(ba)) if ba > b);
    let within = n <= l.estimate;
    let inv43 = within && (c.contracts.iter().any(|k| k.price_after > k.price) || over_budget);
    j.trace(INV_43);
    j.trace(INV_42);
    let post_hoc = match c.emergency_order_date {
        Some(d) => {
            j.trace(INV_44_1);
            j.trace(INV_44_2);
            let days = ctx.ruleset_at(d).values.emergency_filing_working_days;
            Some(post_hoc_deadline(d, days, ctx.calendar())?)
        }
        None => None,
    };
    let implementation_after = match route.route {
        OverrunRouteKind::Route1Industry => Some(ImplementationAfter::ChangeApproved),
        OverrunRouteKind::DeferredBelow70 => Some(ImplementationAfter::BlockedBelow70),
        OverrunRouteKind::Route2GovThenDrc | OverrunRouteKind::Route3SelfFunded => {
            Some(ImplementationAfter::AdjApproved)
        }
        OverrunRouteKind::NotPermitted
        | OverrunRouteKind::NoAdjustment
        | OverrunRouteKind::GeneralDrcAdjustment
        | OverrunRouteKind::Accountability => None,
    };
    let (rules, _) = j.into_parts();
    Ok(ChangeRoute {
        permitted,
        approver: Actor::IndustryAuthority,
        new_total: n,
        report_original_approver: report,
        gov_consent_before_extra_funds: inv43,
        extra_funds: extra,
        overrun_route: c.situation.map(|_| route.route).filter(|r| *r != OverrunRouteKind::NotPermitted),
        implementation_after,
        post_hoc_deadline: post_hoc.map(|d| d.date),
        provisional: post_hoc.is_some_and(|d| d.provisional),
        materials: required_materials(c.situation),
        rules,
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn req(situation: Option<Situation>, before: &str, after: &str, w: &str) -> ChangeRouteRequest {
        ChangeRouteRequest {
            change: ChangeSpec {
                budget: None,
                budget_after: None,
                contracts: vec![],
                emergency_order_date: None,
                estimate_delta: EstimateDelta { after: yuan!(after), before: yuan!(before) },
                major: false,
                material: vec![],
                situation,
            },
            ledger: ChangeLedger {
                adjustments_so_far: 0,
                certified_completed: yuan!(w),
                estimate: yuan!("100000000.00"),
                original_estimate: None,
                pending_delta: None,
                self_funding: true,
                unauthorised_delta: None,
            },
        }
    }

    /// Source: INV-44.2 — 5个工作日内: the 5th working day after the order is IN, the 6th is late.
    #[test]
    fn emergency_deadlines() {
        let ctx = crate::Context::default();
        for (order, due) in [
            ("2023-06-05", "2023-06-12"),
            ("2023-06-10", "2023-06-16"),
            ("2023-06-21", "2023-06-29"),
            ("2023-09-27", "2023-10-10"),
        ] {
            let r = emergency_change_deadline(EmergencyDeadlineRequest { filed_on: None, order_date: d(order) }, &ctx)
                .unwrap();
            assert_eq!(r.date, d(due), "{order}");
        }
        let on_time = EmergencyDeadlineRequest { filed_on: Some(d("2023-06-12")), order_date: d("2023-06-05") };
        assert!(emergency_change_deadline(on_time, &ctx).unwrap().outcomes.is_empty());
        let late = EmergencyDeadlineRequest { filed_on: Some(d("2023-06-13")), order_date: d("2023-06-05") };
        let o = emergency_change_deadline(late, &ctx).unwrap().outcomes;
        assert_eq!(o, vec![Outcome::new(crate::OutcomeKind::Finding, INV_44_2, "late")]);
        for (order, _) in [("2023-06-05", ""), ("2024-09-27", "")] {
            let r = emergency_change_deadline(EmergencyDeadlineRequest { filed_on: None, order_date: d(order) }, &ctx);
            assert!(!r.unwrap().provisional, "{order}");
        }
        let out = EmergencyDeadlineRequest { filed_on: None, order_date: d("2100-01-04") };
        assert!(matches!(emergency_change_deadline(out, &ctx), Err(crate::Error::Input(_))));
    }

    /// Source: INV-44.2 — past the loaded notices (issue 10): an order on Mon 2026-12-28 is
    /// due 2027-01-05 (29, 30, 31 Dec, 4, 5 Jan; 1 Jan is 元旦), provisional; the official
    /// 2024-09-27 → 2024-10-10 (over the 09-29 make-up working day) is unchanged and not
    /// provisional; JSON carries `provisional` only when true.
    #[test]
    fn emergency_deadline_past_the_notices_is_provisional() {
        let ctx = crate::Context::default();
        let r = emergency_change_deadline(
            EmergencyDeadlineRequest { filed_on: Some(d("2027-01-06")), order_date: d("2026-12-28") },
            &ctx,
        )
        .unwrap();
        assert_eq!((r.date, r.provisional), (d("2027-01-05"), true));
        assert_eq!(r.outcomes, vec![Outcome::new(crate::OutcomeKind::Finding, INV_44_2, "late")]);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["provisional"], true);
        let official =
            emergency_change_deadline(EmergencyDeadlineRequest { filed_on: None, order_date: d("2024-09-27") }, &ctx)
                .unwrap();
        assert_eq!((official.date, official.provisional), (d("2024-10-10"), false));
        assert!(serde_json::to_value(&official).unwrap().get("provisional").is_none());
        // change_route carries the flag with its post_hoc_deadline.
        let mut q = req(Some(Situation::S41_1), "1000000.00", "0.00", "0.00");
        q.change.emergency_order_date = Some(d("2026-12-28"));
        let route = change_route(q, &ctx).unwrap();
        assert_eq!((route.post_hoc_deadline, route.provisional), (Some(d("2027-01-05")), true));
    }

    /// Source: INV-41.1 — a change within the estimate: N = 99M permitted after approval; N = A + 0.01 not permitted.
    #[test]
    fn route_41_1() {
        let ctx = crate::Context::default();
        let r = change_route(req(Some(Situation::S41_1), "1000000.00", "0.00", "0.00"), &ctx).unwrap();
        assert!(r.permitted);
        assert_eq!(r.new_total, yuan!("99000000.00"));
        assert_eq!(r.implementation_after, Some(ImplementationAfter::ChangeApproved));
        let r = change_route(req(Some(Situation::S41_1), "0.00", "0.01", "0.00"), &ctx).unwrap();
        assert!(!r.permitted);
        assert_eq!(r.new_total, yuan!("100000000.01"));
        assert_eq!(r.implementation_after, None);
    }

    /// Source: INV-43 — within the estimate but over the contract: municipal consent before the extra 2,000,000.00.
    #[test]
    fn route_43() {
        let ctx = crate::Context::default();
        let mut q = req(Some(Situation::S41_6), "0.00", "0.00", "0.00");
        q.change.contracts = vec![ContractPrices {
            contract_id: "C1".into(),
            price: yuan!("50000000.00"),
            price_after: yuan!("52000000.00"),
        }];
        let r = change_route(q, &ctx).unwrap();
        assert!(r.permitted && r.gov_consent_before_extra_funds);
        assert_eq!(r.extra_funds, yuan!("2000000.00"));
    }

    /// Source: INV-48.3 — +8 % self-funded with W = 75 % → route 3 after adj_approved; W = 69 % → blocked.
    #[test]
    fn route_41_5() {
        let ctx = crate::Context::default();
        let r = change_route(req(Some(Situation::S41_5), "0.00", "8000000.00", "75000000.00"), &ctx).unwrap();
        assert_eq!(r.overrun_route, Some(OverrunRouteKind::Route3SelfFunded));
        assert_eq!(r.implementation_after, Some(ImplementationAfter::AdjApproved));
        let r = change_route(req(Some(Situation::S41_5), "0.00", "8000000.00", "69000000.00"), &ctx).unwrap();
        assert_eq!(r.overrun_route, Some(OverrunRouteKind::DeferredBelow70));
        assert_eq!(r.implementation_after, Some(ImplementationAfter::BlockedBelow70));
        let mut q = req(None, "0.00", "0.00", "0.00");
        q.change.emergency_order_date = Some(d("2023-06-05"));
        let r = change_route(q, &ctx).unwrap();
        assert!(!r.permitted);
        assert_eq!(r.post_hoc_deadline, Some(d("2023-06-12")));
    }
}
