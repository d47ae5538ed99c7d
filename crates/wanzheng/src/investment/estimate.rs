//! Estimate (概算) control: the excess check of INV-23.3 (§4.2), the overrun route of INV-41 and
//! INV-45 to INV-50 (§4.3), and the adjustment sub-machine `adjustment/<adjustment_id>`
//! (INV-45 to INV-49; RULES.md §3.1.5, §3.1.6 (d)).
//!
//! ```text
//!  apply_adjustment ──▶ adj_applied ──approve_adjustment──▶ adj_approved ──finance_review_adjustment──▶ adj_finance_reviewed
//!        │                 │  ▲  third_party_evaluate, gov_consent_adjustment (flags, either order)
//!        ▼                 │  │
//!   adj_deferred ──────────┘  └─ apply_adjustment again once 100·W ≥ 70·A0
//!   (W < 70 % of A0)       └──reject_adjustment──▶ adj_rejected        stop/withdraw ──▶ adj_cancelled
//! ```
//!
//! The handlers are in `adjustment_handlers.rs`; they read A, A0, W and the changes from the
//! project's ledger only, so a digital project running the INV parts (AMB-25) can use them.

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::config::Config;
use crate::event::event_enum;
use crate::investment::route::Route;
use crate::log::MachineId;
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Row};
use crate::money::{Yuan, YuanDelta};
use crate::outcome::{Judge, Outcome, OutcomeKind};
use crate::rule::RuleId;
use crate::rules::*;
use crate::ruleset::RuleSet;
use crate::wire::wire_enum;

use super::change::{MaterialChange, Situation};

wire_enum! {
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

// ---------------------------------------------------------------------------------------------
// §4.2 estimate_excess_check
// ---------------------------------------------------------------------------------------------

/// Request of `estimate_excess_check` (RULES.md §4.2, INV-23.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExcessCheckRequest {
    /// Material changes of unit, nature, location, scale or technical scheme.
    #[serde(default)]
    pub changes: Vec<MaterialChange>,
    /// E: the compiled design estimate.
    pub compiled_estimate: Yuan,
    /// A: the estimate being verified (`verify_estimate`), judged like E (估算控制概算, RULES.md
    /// §3.3.6); absent at the design's submission and approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Yuan>,
    /// F: the approved FSR estimate.
    pub fsr_estimate: Yuan,
    /// The route in force: on `direct_fsr` an amount above 50,000,000.00 (A when given, else E)
    /// adds the reason `band_exceeded` (RULES.md §3.3.6, INV-15.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
}

/// Result of `estimate_excess_check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExcessCheck {
    /// The project unit must report to the original approver (INV-23.3).
    pub report_required: bool,
    /// Why: `over_10_percent` first, then `band_exceeded`, then the material changes in canonical order.
    pub reasons: Vec<String>,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// A `warning` INV-23.3 `report_due` when a report is required (a duty, not a bar).
    pub outcomes: Vec<Outcome>,
}

/// INV-23.3: whether the compiled estimate E or a material change obliges the project unit to
/// report to the original approver (RULES.md §4.2). `10·E > 11·F`: exactly +10 % is not 超过.
///
/// # Errors
/// None in practice; the signature matches the decision dispatcher.
///
/// # Example
/// ```
/// use wanzheng::investment::estimate::{estimate_excess_check, ExcessCheckRequest};
/// let r = |e: &str| ExcessCheckRequest { changes: vec![], compiled_estimate: e.parse().unwrap(),
///                                         estimate: None, fsr_estimate: "20000000.00".parse().unwrap(),
///                                         route: None };
/// assert!(!estimate_excess_check(r("22000000.00"), &Default::default())?.report_required);
/// assert!(estimate_excess_check(r("22000000.01"), &Default::default())?.report_required);
/// # Ok::<(), wanzheng::Error>(())
/// ```
pub fn estimate_excess_check(req: ExcessCheckRequest, ctx: &crate::Context) -> Result<ExcessCheck, crate::Error> {
    let rules = ctx.decision_ruleset();
    Ok(excess_check_on(req.fsr_estimate, req.compiled_estimate, req.estimate, req.route, rules, &req.changes))
}

/// The pure core of [`estimate_excess_check`] on E alone (no route band).
pub fn excess_check(f: Yuan, e: Yuan, changes: &[MaterialChange]) -> ExcessCheck {
    excess_check_on(f, e, None, None, RuleSet::builtin(), changes)
}

/// The pure core of [`estimate_excess_check`]: `over_10_percent` when 10·E > 11·F or 10·A > 11·F
/// (估算控制概算: the verified estimate is judged as the compiled one), `band_exceeded` when the
/// route is `direct_fsr` and X leaves the INV-15.3 band of `rules` (built-in: X > 50,000,000.00)
/// with X = A when given, else E (RULES.md §3.3.6:
/// the FSR was lawfully approved directly, so leaving the band is a 「重大变更…等」 for the
/// original approver), then the material changes.
pub fn excess_check_on(
    f: Yuan,
    e: Yuan,
    a: Option<Yuan>,
    route: Option<Route>,
    rules: &RuleSet,
    changes: &[MaterialChange],
) -> ExcessCheck {
    let mut reasons = Vec::new();
    let over = |x: Yuan| rules.exceeds_fsr_estimate(x, f);
    if over(e) || a.is_some_and(over) {
        reasons.push("over_10_percent".to_string());
    }
    if route == Some(Route::DirectFsr) && !rules.within_direct_band(a.unwrap_or(e)) {
        reasons.push("band_exceeded".to_string());
    }
    for k in MaterialChange::ALL {
        if changes.contains(k) {
            reasons.push(k.as_str().to_string());
        }
    }
    let report_required = !reasons.is_empty();
    let mut j = Judge::pure();
    j.warn(INV_23_3, !report_required, "report_due");
    let (rules, outcomes) = j.into_parts();
    ExcessCheck { report_required, reasons, rules, outcomes }
}

// ---------------------------------------------------------------------------------------------
// §4.3 estimate_overrun_route
// ---------------------------------------------------------------------------------------------

/// What caused the overrun (RULES.md §4.3 `cause`; `apply_adjustment.cause`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverrunCause {
    /// An engineering change (INV-41, 48).
    Change,
    /// A subjective cause: unauthorised change, poor management, omission, 报小建大 (INV-50).
    Subjective,
    /// Neither (AMB-39).
    Other,
}

/// The route of an overrun (RULES.md §4.3 results).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverrunRouteKind {
    /// No INV-41 situation holds, or its own test fails (INV-41).
    NotPermitted,
    /// N ≤ A: the industry authority approves, then finance (INV-48.1).
    Route1Industry,
    /// 100·W < 70·A0: no route yet (INV-48 lead-in, AMB-13).
    #[serde(rename = "deferred_below_70")]
    DeferredBelow70,
    /// Self-funded and below +10 %: the industry authority approves (INV-48.3, AMB-12).
    Route3SelfFunded,
    /// Municipal consent, then drc approves (INV-48.2).
    Route2GovThenDrc,
    /// N ≤ A: no adjustment (INV-46.1).
    NoAdjustment,
    /// drc approves after the 47 file and 49.1 evaluation (INV-45.1, AMB-19, AMB-39).
    GeneralDrcAdjustment,
    /// Subjective overrun without a consented accountability case (INV-50).
    Accountability,
}

impl OverrunRouteKind {
    /// The wire identifier.
    pub const fn as_str(self) -> &'static str {
        match self {
            OverrunRouteKind::NotPermitted => "not_permitted",
            OverrunRouteKind::Route1Industry => "route1_industry",
            OverrunRouteKind::DeferredBelow70 => "deferred_below_70",
            OverrunRouteKind::Route3SelfFunded => "route3_self_funded",
            OverrunRouteKind::Route2GovThenDrc => "route2_gov_then_drc",
            OverrunRouteKind::NoAdjustment => "no_adjustment",
            OverrunRouteKind::GeneralDrcAdjustment => "general_drc_adjustment",
            OverrunRouteKind::Accountability => "accountability",
        }
    }

    /// Whether the route is an estimate adjustment approved after a third-party evaluation
    /// (routes 2, 3 and general; INV-49, AMB-14).
    pub const fn is_adjustment(self) -> bool {
        matches!(
            self,
            OverrunRouteKind::Route2GovThenDrc
                | OverrunRouteKind::Route3SelfFunded
                | OverrunRouteKind::GeneralDrcAdjustment
        )
    }

    /// Who approves on this route: the industry authority on routes 1 and 3, drc otherwise
    /// (drc receives every adjustment, INV-45.1).
    pub const fn approver(self) -> Actor {
        match self {
            OverrunRouteKind::Route1Industry | OverrunRouteKind::Route3SelfFunded => Actor::IndustryAuthority,
            OverrunRouteKind::NotPermitted
            | OverrunRouteKind::DeferredBelow70
            | OverrunRouteKind::Route2GovThenDrc
            | OverrunRouteKind::NoAdjustment
            | OverrunRouteKind::GeneralDrcAdjustment
            | OverrunRouteKind::Accountability => Actor::Drc,
        }
    }

    /// The rule that names the approver of this route (a wrong approver violates it, RULES.md §1.6).
    pub const fn approver_rule(self) -> RuleId {
        match self {
            OverrunRouteKind::Route1Industry => INV_48_1,
            OverrunRouteKind::Route3SelfFunded => INV_48_3,
            OverrunRouteKind::Route2GovThenDrc => INV_48_2,
            OverrunRouteKind::NotPermitted
            | OverrunRouteKind::DeferredBelow70
            | OverrunRouteKind::NoAdjustment
            | OverrunRouteKind::GeneralDrcAdjustment
            | OverrunRouteKind::Accountability => INV_45_1,
        }
    }
}

/// Request of `estimate_overrun_route` (RULES.md §4.3). Amounts per §1.2: `estimate` A,
/// `original_estimate` A0, `new_total` N, `certified_completed` W.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrunRouteRequest {
    /// The overrun's accountability case reached acc_gov_consented (INV-50.1).
    #[serde(default)]
    pub acc_consented: bool,
    /// Approved adjustments so far (INV-49.2).
    #[serde(default)]
    pub adjustments_so_far: u32,
    /// The cause.
    pub cause: OverrunCause,
    /// W: certified completed investment.
    #[serde(default)]
    pub certified_completed: Yuan,
    /// This change's δ as a `{before, after}` pair (RULES.md §3.5 A11): when given, 41.1 fails only
    /// if N > A ∧ δ > 0, and δ ≤ 0 is routed under 48.1 whatever N is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<crate::investment::change::EstimateDelta>,
    /// A: current approved estimate.
    pub estimate: Yuan,
    /// N: new total.
    pub new_total: Yuan,
    /// A0: first approved estimate (defaults to A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_estimate: Option<Yuan>,
    /// The project unit or industry authority funds the overrun itself (INV-48.3).
    #[serde(default)]
    pub self_funding: bool,
    /// For `cause = change`: the confirmed INV-41 situation; absent = none confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
    /// U: Σ unauthorised δ counted in N (RULES.md §3.3.7, §3.5 A11; default 0.00): 41.5 is
    /// judged on N − U.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unauthorised: Option<Yuan>,
}

/// Result of `estimate_overrun_route` (RULES.md §4.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OverrunRoute {
    /// The route.
    pub route: OverrunRouteKind,
    /// Whether the route is an estimate adjustment (routes 2, 3, general).
    pub adjustment: bool,
    /// Who approves (industry_authority on routes 1 and 3, drc otherwise).
    pub approver: Actor,
    /// A third-party evaluation must precede the approval (INV-49.1, AMB-14).
    pub evaluation_required: bool,
    /// Municipal consent must precede the drc approval (INV-48.2).
    pub gov_consent_required: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Outcomes: violation 41 / 41.1 / 41.5 (not permitted), violation 50 (accountability pending),
    /// default_breach 49.2 (a further adjustment on an adjustment route).
    pub outcomes: Vec<Outcome>,
}

/// The facts §4.3 reads, as the machines hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverrunFacts {
    /// A.
    pub estimate: Yuan,
    /// A0.
    pub original_estimate: Yuan,
    /// N.
    pub new_total: Yuan,
    /// W.
    pub certified_completed: Yuan,
    /// The cause.
    pub cause: OverrunCause,
    /// The confirmed situation (change only).
    pub situation: Option<Situation>,
    /// Self-funded (48.3).
    pub self_funding: bool,
    /// Approved adjustments so far.
    pub adjustments_so_far: u32,
    /// The accountability case is consented (50.1).
    pub acc_consented: bool,
    /// This change's δ, when judged for one change (RULES.md §3.5 A11).
    pub delta: Option<YuanDelta>,
    /// U: the unauthorised part of N (RULES.md §3.3.7); 41.5 reads N − U.
    pub unauthorised: YuanDelta,
}

/// The route of an overrun per RULES.md §4.3, steps 1–7, with the 49.2 outcome on adjustment routes.
/// The percentages (INV-48's 70 %, INV-48.3's 10 %) are those of `rules`, the version in force.
pub fn overrun_route(f: &OverrunFacts, config: &Config, rules: &RuleSet) -> OverrunRoute {
    use OverrunRouteKind::*;
    let mut j = Judge::pure();
    let over = f.new_total > f.estimate;
    // RULES.md §3.5 A11: a saving cannot 突破 the estimate — with a δ given, δ ≤ 0 passes 41.1 and
    // is routed under 48.1 whatever N is.
    let saving = f.delta.is_some_and(|d| !d.is_positive());
    let route = match f.cause {
        OverrunCause::Subjective => {
            j.trace(INV_50);
            if !over {
                // INTERPRETATION: AMB-19 — a subjective cause with N ≤ A needs no adjustment (46.1).
                j.trace(INV_46_1);
                NoAdjustment
            } else if f.acc_consented {
                j.trace(INV_50_1);
                j.trace(INV_45_1);
                GeneralDrcAdjustment
            } else {
                j.require(INV_50, false, "accountability_pending");
                Accountability
            }
        }
        OverrunCause::Change => {
            j.trace(INV_41);
            let permitted = match f.situation {
                None => j.require(INV_41, false, "no_situation"),
                Some(Situation::S41_1) => j.require(INV_41_1, !over || saving, "over_estimate"),
                // INTERPRETATION: AMB-15 — 41.5 compares N with A0 (原核定), not the current A;
                // RULES.md §3.5 A11: on N − U (an unauthorised δ is no market-price movement).
                Some(Situation::S41_5) => j.require(
                    INV_41_5,
                    f.new_total.decimal() - f.unauthorised.decimal() > f.original_estimate.decimal(),
                    "not_above_original",
                ),
                Some(s) => {
                    j.trace(s.rule());
                    true
                }
            };
            if !permitted {
                NotPermitted
            } else {
                j.trace(INV_48);
                let gate = rules.reaches_implementation_gate(f.certified_completed, f.original_estimate);
                // INTERPRETATION: AMB-13 — route 1 has no 70 % gate unless `gate_70_on_48_1`.
                if config.gate_70_on_48_1 && !gate {
                    DeferredBelow70
                } else if !over || saving {
                    j.trace(INV_48_1);
                    Route1Industry
                } else if !gate {
                    DeferredBelow70
                } else if f.self_funding
                    && rules.within_self_funded_margin(f.new_total, f.estimate, config.inv48_3_inclusive)
                {
                    j.trace(INV_48_3);
                    Route3SelfFunded
                } else {
                    j.trace(INV_48_2);
                    Route2GovThenDrc
                }
            }
        }
        OverrunCause::Other => {
            j.trace(INV_45_1);
            if !over {
                j.trace(INV_46_1);
                NoAdjustment
            } else {
                // INTERPRETATION: AMB-39 — an overrun neither from a change nor subjective runs as a general drc adjustment.
                j.trace(INV_47);
                GeneralDrcAdjustment
            }
        }
    };
    if route.is_adjustment() {
        j.trace(INV_49_1);
        j.default_rule(INV_49_2, f.adjustments_so_far == 0, "second_adjustment");
    }
    let (rules, outcomes) = j.into_parts();
    OverrunRoute {
        route,
        adjustment: route.is_adjustment(),
        approver: route.approver(),
        evaluation_required: route.is_adjustment(),
        gov_consent_required: route == Route2GovThenDrc,
        rules,
        outcomes,
    }
}

impl OverrunRoute {
    /// The outcomes without the INV-49.2 default_breach (`approve_change` and `apply_adjustment`
    /// store the route and drop that outcome; it is judged at `approve_adjustment`).
    pub fn outcomes_without_49_2(&self) -> Vec<Outcome> {
        self.outcomes
            .iter()
            .filter(|o| !(o.rule == INV_49_2 && o.kind == OutcomeKind::DefaultBreach))
            .cloned()
            .collect()
    }
}

/// The overrun route of RULES.md §4.3 (INV-41, 45.1, 46–50).
///
/// # Errors
/// None in practice; the signature matches the decision dispatcher.
///
/// # Example
/// ```
/// use wanzheng::investment::estimate::{estimate_overrun_route, OverrunRouteKind, OverrunRouteRequest};
/// let req: OverrunRouteRequest = serde_json::from_str(r#"{"estimate":"100000000.00",
///   "original_estimate":"100000000.00","new_total":"110000000.00","certified_completed":"70000000.00",
///   "cause":"change","situation":"41.2","self_funding":true}"#).unwrap();
/// let r = estimate_overrun_route(req, &Default::default())?;
/// assert_eq!(r.route, OverrunRouteKind::Route2GovThenDrc); // exactly +10 % is OUT of 48.3
/// # Ok::<(), wanzheng::Error>(())
/// ```
pub fn estimate_overrun_route(req: OverrunRouteRequest, ctx: &crate::Context) -> Result<OverrunRoute, crate::Error> {
    let f = OverrunFacts {
        estimate: req.estimate,
        original_estimate: req.original_estimate.unwrap_or(req.estimate),
        new_total: req.new_total,
        certified_completed: req.certified_completed,
        cause: req.cause,
        situation: req.situation,
        self_funding: req.self_funding,
        adjustments_so_far: req.adjustments_so_far,
        acc_consented: req.acc_consented,
        delta: req.delta.map(crate::investment::change::EstimateDelta::delta),
        unauthorised: YuanDelta::between(Yuan::ZERO, req.unauthorised.unwrap_or(Yuan::ZERO)),
    };
    Ok(overrun_route(&f, ctx.config(), ctx.decision_ruleset()))
}

// ---------------------------------------------------------------------------------------------
// Adjustment events (§3.1.6 (d))
// ---------------------------------------------------------------------------------------------

/// Who funds a self-funded overrun (INV-48.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Funder {
    /// 项目单位.
    ProjectUnit,
    /// 行业主管部门.
    IndustryAuthority,
}

/// `self_funding` of `apply_adjustment`: who funds the overrun and the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfFunding {
    /// Who funds.
    pub funder: Funder,
    /// The funding commitment.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `apply_adjustment` (project_unit + industry_authority): ∅ → adj_applied or adj_deferred;
/// adj_deferred → adj_applied or same (re-filed on the same id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyAdjustment {
    /// The adjustment id (the stream instance).
    pub adjustment_id: String,
    /// The cause.
    pub cause: OverrunCause,
    /// The changes whose overrun this adjustment regularises (their confirmed situations).
    #[serde(default)]
    pub change_ids: Vec<String>,
    /// The INV-47 file: original approvals, adjusted-estimate report, related changes and contracts,
    /// CD design and budget, funding of the increase.
    #[serde(default)]
    pub materials: Vec<DocRef>,
    /// N: the adjusted total (47(2)); with `change_ids` the derived N must equal it (`n_mismatch`).
    pub new_total: Yuan,
    /// The price-rise increment is used as a fee base (INV-46.2 forbids it).
    #[serde(default)]
    pub price_rise_in_fee_base: bool,
    /// Self-funding of the overrun (INV-48.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_funding: Option<SelfFunding>,
}

/// `third_party_evaluate` (the route's approver commissions): adj_applied → same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThirdPartyEvaluate {
    /// The evaluator (第三方评估机构).
    pub evaluator: String,
    /// Who pays: must be the commissioning body (INV-39).
    pub payer: Actor,
    /// The evaluation report.
    pub report_ref: DocRef,
}

/// `gov_consent_adjustment` (municipal_government): adj_applied → same; adj_deferred → same
/// (only with `allow_below_70_with_municipal_consent`, AMB-13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovConsentAdjustment {
    /// The consent.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `approve_adjustment` (drc on route 2 and general; industry_authority on route 3):
/// adj_applied → adj_approved; A := `approved_estimate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveAdjustment {
    /// The approved adjusted estimate (may be below N).
    pub approved_estimate: Yuan,
    /// The online platform's record (INV-9.1); missing on a non-classified project → finding
    /// `off_platform` (RULES.md §3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_ref: Option<DocRef>,
    /// The approval.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `reject_adjustment` (the route's approver): adj_applied → adj_rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectAdjustment {
    /// Why (non-empty).
    pub reasons: String,
    /// The decision.
    #[serde(rename = "ref")]
    pub reference: DocRef,
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
        /// ∅, adj_deferred → adj_applied or adj_deferred.
        ApplyAdjustment(ApplyAdjustment) = "apply_adjustment",
        /// adj_applied → same.
        ThirdPartyEvaluate(ThirdPartyEvaluate) = "third_party_evaluate",
        /// adj_applied, adj_deferred → same.
        GovConsentAdjustment(GovConsentAdjustment) = "gov_consent_adjustment",
        /// adj_applied → adj_approved.
        ApproveAdjustment(ApproveAdjustment) = "approve_adjustment",
        /// adj_applied → adj_rejected.
        RejectAdjustment(RejectAdjustment) = "reject_adjustment",
        /// adj_approved → adj_finance_reviewed.
        FinanceReviewAdjustment(FinanceReviewAdjustment) = "finance_review_adjustment",
    }
}

use AdjState::*;

/// The adjustment transition table, in the order of RULES.md §3.1.6 (d).
pub static TABLE: &[Row<AdjState>] = &[
    Row {
        event: "apply_adjustment",
        actor: ActorSpec::Any(&[Actor::ProjectUnit]),
        from: FromSpec::CreateOr(&[AdjDeferred]),
        to: &[AdjApplied, AdjDeferred],
        rules: &[INV_47, INV_46_1, INV_46_2, INV_48, INV_50],
    },
    Row {
        event: "third_party_evaluate",
        actor: ActorSpec::RouteApprover,
        from: FromSpec::FactIn(&[AdjApplied]),
        to: &[],
        rules: &[INV_49_1, INV_39],
    },
    Row {
        event: "gov_consent_adjustment",
        actor: ActorSpec::Any(&[Actor::MunicipalGovernment]),
        from: FromSpec::FactIn(&[AdjApplied, AdjDeferred]),
        to: &[],
        rules: &[INV_48_2],
    },
    Row {
        event: "approve_adjustment",
        actor: ActorSpec::RouteApprover,
        from: FromSpec::States(&[AdjApplied]),
        to: &[AdjApproved],
        rules: &[INV_45_1, INV_48_2, INV_48_3, INV_49_1, INV_49_2, INV_9_1, INV_52_2],
    },
    Row {
        event: "reject_adjustment",
        actor: ActorSpec::RouteApprover,
        from: FromSpec::States(&[AdjApplied]),
        to: &[AdjRejected],
        rules: &[INV_45_1],
    },
    Row {
        event: "finance_review_adjustment",
        actor: ActorSpec::Any(&[Actor::Finance]),
        from: FromSpec::States(&[AdjApproved]),
        to: &[AdjFinanceReviewed],
        rules: &[INV_48_2, INV_48_3],
    },
];

machine! {
    /// The adjustment machine (type `Adjustment`).
    pub struct AdjustmentMachine {
        state: AdjState, id: Adjustment, name: "Adjustment",
        terminal: [AdjFinanceReviewed, AdjRejected, AdjCancelled], table: TABLE,
    }
}

/// One adjustment in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustmentRecord {
    /// The id.
    pub adjustment_id: String,
    /// The state.
    pub state: AdjState,
    /// The cause.
    pub cause: OverrunCause,
    /// The linked changes (`change_ids`).
    pub change_ids: Vec<String>,
    /// The changes whose δ the derived N counted (absorbed on approval, AMB-41).
    pub covers: Vec<String>,
    /// The contract price adjustments (their `seq`) whose δ the derived N counted (absorbed on
    /// approval, RULES.md §3.5 B16).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_covers: Vec<u32>,
    /// N.
    pub new_total: Yuan,
    /// Self-funding, if any.
    pub self_funding: Option<SelfFunding>,
    /// The route stored at the last `apply_adjustment`.
    pub route: OverrunRouteKind,
    /// Third-party evaluation done (INV-49.1).
    pub evaluated: bool,
    /// Municipal consent given (INV-48.2).
    pub gov_consented: bool,
    /// The approved estimate.
    pub approved_estimate: Option<Yuan>,
    /// Who approved.
    pub approved_by: Option<Actor>,
    /// The seq of the first `apply_adjustment`.
    pub opened_seq: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    fn facts(a: &str, n: &str, w: &str, cause: OverrunCause, s: Option<Situation>) -> OverrunFacts {
        OverrunFacts {
            estimate: yuan!(a),
            original_estimate: yuan!("100000000.00"),
            new_total: yuan!(n),
            certified_completed: yuan!(w),
            cause,
            situation: s,
            self_funding: false,
            adjustments_so_far: 0,
            acc_consented: false,
            delta: None,
            unauthorised: YuanDelta::ZERO,
        }
    }

    #[test]
    fn route_wire_names() {
        use OverrunRouteKind::*;
        for r in [
            NotPermitted,
            Route1Industry,
            DeferredBelow70,
            Route3SelfFunded,
            Route2GovThenDrc,
            NoAdjustment,
            GeneralDrcAdjustment,
            Accountability,
        ] {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.as_str()));
        }
    }

    /// Source: INV-23.3 — 超过…10% excludes exactly +10 %; material changes require a report on their own.
    #[test]
    fn excess_boundaries() {
        let f = yuan!("20000000.00");
        assert!(!excess_check(f, yuan!("22000000.00"), &[]).report_required);
        let c = excess_check(f, yuan!("22000000.01"), &[]);
        assert!(c.report_required);
        assert_eq!(c.reasons, vec!["over_10_percent"]);
        assert_eq!(c.outcomes[0].rule, INV_23_3);
        assert!(!excess_check(f, yuan!("21999999.99"), &[]).report_required);
        let c = excess_check(f, yuan!("15000000.00"), &[MaterialChange::Location]);
        assert_eq!(c.reasons, vec!["location"]);
        let c = excess_check(f, f, &[MaterialChange::Unit]);
        assert_eq!(c.reasons, vec!["unit"]);
    }

    /// Source: INV-48.3 — exactly +10 % is 超10%以上 (route 2) by default, route 3 with `inv48_3_inclusive`.
    #[test]
    fn plus_ten_percent_both_settings() {
        let mut f = facts("100000000.00", "110000000.00", "70000000.00", OverrunCause::Change, Some(Situation::S41_2));
        f.self_funding = true;
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::Route2GovThenDrc);
        let inclusive = Config { inv48_3_inclusive: true, ..Config::default() };
        assert_eq!(overrun_route(&f, &inclusive, RuleSet::builtin()).route, OverrunRouteKind::Route3SelfFunded);
        f.new_total = yuan!("109999999.99");
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::Route3SelfFunded);
        f.new_total = yuan!("110000000.01");
        assert_eq!(overrun_route(&f, &inclusive, RuleSet::builtin()).route, OverrunRouteKind::Route2GovThenDrc);
    }

    /// Source: INV-48 — 百分之七十及以上: exactly 70 % IN, 0.01 below OUT.
    #[test]
    fn seventy_percent_gate() {
        let mut f = facts("100000000.00", "105000000.00", "70000000.00", OverrunCause::Change, Some(Situation::S41_2));
        f.self_funding = true;
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::Route3SelfFunded);
        f.certified_completed = yuan!("69999999.99");
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::DeferredBelow70);
        // Route 1 has no gate unless configured (AMB-13).
        let mut g = facts("100000000.00", "100000000.00", "30000000.00", OverrunCause::Change, Some(Situation::S41_1));
        assert_eq!(overrun_route(&g, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::Route1Industry);
        let gated = Config { gate_70_on_48_1: true, ..Config::default() };
        assert_eq!(overrun_route(&g, &gated, RuleSet::builtin()).route, OverrunRouteKind::DeferredBelow70);
        g.certified_completed = yuan!("70000000.00");
        assert_eq!(overrun_route(&g, &gated, RuleSet::builtin()).route, OverrunRouteKind::Route1Industry);
    }

    /// Source: INV-41.1 — N ≤ A (equality IN); INV-41.5 — N > A0 (N = A0 OUT).
    #[test]
    fn situation_tests() {
        let f = facts("100000000.00", "100000000.00", "0.00", OverrunCause::Change, Some(Situation::S41_1));
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::Route1Industry);
        let f = facts("100000000.00", "100000000.01", "0.00", OverrunCause::Change, Some(Situation::S41_1));
        let r = overrun_route(&f, &Config::default(), RuleSet::builtin());
        assert_eq!(r.route, OverrunRouteKind::NotPermitted);
        assert_eq!(r.outcomes, vec![Outcome::new(OutcomeKind::Violation, INV_41_1, "over_estimate")]);
        let f = facts("103000000.00", "100000000.00", "30000000.00", OverrunCause::Change, Some(Situation::S41_5));
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::NotPermitted);
        let f = facts("103000000.00", "100000000.01", "30000000.00", OverrunCause::Change, Some(Situation::S41_5));
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::Route1Industry);
        let f = facts("100000000.00", "100000000.00", "0.00", OverrunCause::Change, None);
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::NotPermitted);
    }

    /// Source: INV-49.2 — a further adjustment on an adjustment route is a default_breach; route 1 is not an adjustment.
    #[test]
    fn second_adjustment() {
        let mut f = facts("103000000.00", "108000000.00", "90000000.00", OverrunCause::Change, Some(Situation::S41_2));
        f.adjustments_so_far = 1;
        let r = overrun_route(&f, &Config::default(), RuleSet::builtin());
        assert_eq!(r.route, OverrunRouteKind::Route2GovThenDrc);
        assert_eq!(r.outcomes, vec![Outcome::new(OutcomeKind::DefaultBreach, INV_49_2, "second_adjustment")]);
        assert!(r.outcomes_without_49_2().is_empty());
        let mut g = facts("103000000.00", "101000000.00", "30000000.00", OverrunCause::Change, Some(Situation::S41_5));
        g.adjustments_so_far = 1;
        assert!(overrun_route(&g, &Config::default(), RuleSet::builtin()).outcomes.is_empty());
    }

    /// Source: INV-50 — a subjective overrun goes to accountability until consented (AMB-19); INV-46.1 N ≤ A needs none.
    #[test]
    fn subjective_and_other() {
        let mut f = facts("100000000.00", "108000000.00", "90000000.00", OverrunCause::Subjective, None);
        let r = overrun_route(&f, &Config::default(), RuleSet::builtin());
        assert_eq!(r.route, OverrunRouteKind::Accountability);
        assert_eq!(r.outcomes[0].rule, INV_50);
        f.acc_consented = true;
        assert_eq!(
            overrun_route(&f, &Config::default(), RuleSet::builtin()).route,
            OverrunRouteKind::GeneralDrcAdjustment
        );
        f.new_total = yuan!("99000000.00");
        assert_eq!(overrun_route(&f, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::NoAdjustment);
        let g = facts("100000000.00", "100000000.00", "0.00", OverrunCause::Other, None);
        assert_eq!(overrun_route(&g, &Config::default(), RuleSet::builtin()).route, OverrunRouteKind::NoAdjustment);
        let g = facts("100000000.00", "100000000.01", "0.00", OverrunCause::Other, None);
        assert_eq!(
            overrun_route(&g, &Config::default(), RuleSet::builtin()).route,
            OverrunRouteKind::GeneralDrcAdjustment
        );
    }
}
