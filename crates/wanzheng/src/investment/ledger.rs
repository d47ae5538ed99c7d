//! The investment project's ledger: `Facts` derived from its log (RULES.md §1.7).
//!
//! Guards read nothing else: the ledger (figures F, E, A, A0, B, W, contracts,
//! paid totals, flags, route), the calendar and the configuration. Every field
//! is written only by the commit half of an accepted event.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::investment::accountability::CaseRecord;
use crate::investment::change::ChangeRecord;
use crate::investment::estimate::AdjustmentRecord;
use crate::investment::events::{
    BudgetKind, ConstructionMode, DelayKind, EstimateItem, ExcessDecision, FsrContent, FundingMode, FundingSource,
    IncidentKind, Nature, PaymentKind, PaymentPurpose, UnitKind, WaivedDocument,
};
use crate::investment::lifecycle::InvState;
use crate::investment::route::{Level, Route, RouteFlags};
use crate::investment::submachine::PartsHost;
use crate::log::Id;
use crate::money::{Yuan, YuanDelta};
use crate::rule::RuleId;

/// A procurement lot (`issue_tender.lot`, INV-33).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lot {
    /// 勘察.
    Survey,
    /// 设计.
    Design,
    /// 施工.
    Construction,
    /// 工程总承包.
    Epc,
    /// 监理.
    Supervision,
    /// 设备.
    Equipment,
    /// 材料.
    Materials,
    /// 代建.
    AgentConstruction,
    /// 全过程工程咨询.
    FullProcessConsulting,
    /// 造价咨询.
    CostConsulting,
    /// Other services.
    OtherService,
}

/// A contract in the ledger (`award_contract`), with what changes and payments did to it.
///
/// Shared between the lifecycle (award, payments: INV-35.3 caps) and the change sub-machine
/// (INV-41 to 43, 48.1: approved change deltas raise the ceiling once finance-reviewed and,
/// in an INV-43 case, consented).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// Contract id.
    pub contract_id: Id,
    /// The tender it came from.
    pub tender_id: Option<Id>,
    /// The lot.
    pub lot: Lot,
    /// The contractor.
    pub contractor: Id,
    /// The contract price.
    pub price: Yuan,
    /// Inside the finance-reviewed budget's scope (INV-35.3 over_budget).
    pub in_budget_scope: bool,
    /// Items of the contract (INV-35.3 over_scope).
    pub items: Vec<Id>,
    /// Σ disbursed on this contract.
    pub paid: Yuan,
    /// Σ change deltas approved, finance-reviewed (48.1) and, for INV-43 cases, consented: raise the ceiling.
    pub change_extra: Yuan,
    /// Σ approved change deltas still awaiting the finance review (48.1 `no_finance_review`).
    pub unreviewed: Yuan,
    /// Σ INV-43 deltas still awaiting municipal consent (43 `no_gov_consent`).
    pub unconsented_43: Yuan,
    /// An `other_service` contract of the preparatory work (RULES.md §3.5 A4; default true):
    /// `false` puts its payments in class M (W inside the budget's scope).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub preliminary: bool,
    /// The agreed advance share in percent of the price (RULES.md §3.5 D1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_percent: Option<u32>,
    /// Σ advances disbursed on the contract (D1).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub advance_paid: Yuan,
    /// Σ `advance_deducted` of the progress payments disbursed on the contract (D1).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub advance_recovered: Yuan,
    /// The contract's settled amount (`approve_settlement.contracts`, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<Yuan>,
    /// The contract has a price-adjustment clause (INV-36; RULES.md §3.5 D3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub price_adjustment_clause: bool,
}

/// A contract price adjustment under the contract's clause (RULES.md §3.5 D3, B16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceAdjustment {
    /// The entry of `adjust_contract_price` (its id).
    pub seq: u32,
    /// The contract.
    pub contract_id: Id,
    /// The price before.
    pub price_before: Yuan,
    /// The adjusted price.
    pub price_after: Yuan,
    /// Finance reviewed it (`review_price_adjustment`): the price is `price_after`.
    pub reviewed: bool,
    /// δ counts in N (reviewed while A existed, not yet absorbed).
    pub counted: bool,
    /// The approved estimate adjustment that absorbed δ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absorbed_by: Option<String>,
}

impl PriceAdjustment {
    /// δ = price_after − price_before.
    pub fn delta(&self) -> YuanDelta {
        YuanDelta::between(self.price_before, self.price_after)
    }
}

fn is_zero(y: &Yuan) -> bool {
    y.is_zero()
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Contract {
    /// The contract ceiling: price plus authorised change amounts (RULES.md §4.5).
    pub fn ceiling(&self) -> Yuan {
        self.price.saturating_add(self.change_extra)
    }

    /// Whether a payment on `item` is tied to this contract: an item of the contract, or any item
    /// when the contract lists none (a design or consulting contract awarded before the estimate
    /// had items). One reading for the 35.3 scope check and the F-INV-54.3 detection.
    pub fn covers_item(&self, item: &str) -> bool {
        self.items.is_empty() || self.items.iter().any(|i| i == item)
    }
}

/// What `register_project` fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Project name.
    pub name: Id,
    /// Sector (design approver key).
    pub sector: Id,
    /// Nature (INV-3).
    pub nature: Nature,
    /// Funding mode (INV-5).
    pub mode: FundingMode,
    /// Uses loans.
    pub uses_loan: bool,
    /// Declared total at registration.
    pub total: Yuan,
    /// municipal or county.
    pub level: Level,
    /// Unit kind (INV-50.2).
    pub unit_kind: UnitKind,
    /// Construction mode (INV-32.1).
    pub construction_mode: ConstructionMode,
    /// Lacks capacity (INV-32.1).
    pub lacks_capacity: bool,
    /// The concrete industry authority.
    pub industry_authority_org: Id,
    /// Route flags (§4.1).
    pub route_flags: RouteFlags,
    /// Classified (INV-9, AMB-40).
    pub classified: bool,
    /// 项目统一代码, once known.
    pub project_code: Option<Id>,
}

/// The ledger of an investment project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// Registration facts (None before `register_project`).
    pub registration: Option<Registration>,
    /// Route computed by §4.1 (AMB-6).
    pub computed_route: Option<Route>,
    /// Route chosen by `select_route`.
    pub chosen_route: Option<Route>,
    /// Municipal recognition as an emergency project (INV-16.1).
    pub emergency_recognized: bool,
    /// F: FSR estimate (as last submitted or approved).
    pub fsr_estimate: Option<Yuan>,
    /// The approved F (`approve_fsr`; kept through an INV-23.4 redo): the payment cap before A
    /// exists (RULES.md §4.5: a submitted F is never a cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_fsr_estimate: Option<Yuan>,
    /// The proposal's absence was found when an FSR was approved without it (RULES.md §3.3.6,
    /// record mode): it counts as the proposal for GA and is not re-demanded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proposal_missing_recorded: bool,
    /// `county_rules`: the route whose approvals make GA and fix A, §4.1 computed with the county
    /// step skipped on the approved county F (RULES.md §3.5 A7 \[interp, AMB-59\]; fixed at
    /// `approve_fsr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_gate_route: Option<Route>,
    /// `external`: the approval recorded at `approve_fsr` names the external body in `actor_org`
    /// (RULES.md §3.5 A7 \[interp, AMB-59\]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub external_approval: bool,
    /// An approval fixed the tender scheme (`approve_fsr`, or `approve_proposal` with
    /// `tender_scheme`; RULES.md §3.5 A4): tendered survey and design may be awarded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tender_scheme_approved: bool,
    /// E: compiled design estimate.
    pub compiled_estimate: Option<Yuan>,
    /// A: current approved estimate.
    pub estimate: Option<Yuan>,
    /// A0: first approved estimate.
    pub original_estimate: Option<Yuan>,
    /// B: finance-reviewed budget.
    pub budget: Option<Yuan>,
    /// W: certified completed investment.
    pub certified_completed: Option<Yuan>,
    /// Σ payments disbursed.
    pub paid_total: Yuan,
    /// Number of approved estimate adjustments (INV-49.2).
    pub adjustments_approved: u32,
    /// Funding suspended by finance (INV-55), with the state of the suspension.
    pub funding_suspended: bool,
    /// Imported through `import_legacy` (INV-60).
    pub imported: bool,
    /// The state a pending review's submission left (refusal returns there, INV-21.5).
    pub review_source: Option<InvState>,
    /// The state before `suspend`, and who suspended.
    pub suspended_from: Option<(InvState, Actor)>,
    /// Planned end of construction (INV-7.1).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub planned_end: Option<NaiveDate>,
    /// Contracts awarded.
    pub contracts: Vec<Contract>,
    /// Σ disbursed inside the budget's scope.
    pub paid_budget_scope: Yuan,
    /// The estimate's contingency (基本预备费).
    pub contingency: Yuan,
    /// Σ contingency drawn (`draw_contingency`; never above `contingency`).
    pub contingency_drawn: Yuan,
    /// Σ δ counted in N and not yet absorbed by an approved adjustment: approved, emergency (from
    /// the order) and unauthorised changes (RULES.md §3.3.7, §3.5 B16). N = A + `pending_delta`.
    pub pending_delta: YuanDelta,
    /// U: the part of `pending_delta` that is unauthorised δ (changes implemented without
    /// approval, RULES.md §3.3.7); never added to it.
    #[serde(default)]
    pub unauthorised_delta: YuanDelta,
    /// Contract price adjustments (RULES.md §3.5 D3): a reviewed δ counts in `pending_delta` until
    /// an approved estimate adjustment absorbs it (B16).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_adjustments: Vec<PriceAdjustment>,
    /// Σ approved change amounts (settlement and final-accounts caps, INV-37.2, INV-6).
    pub approved_change_amount: Yuan,
    /// Engineering changes by id (INV-40 to 44; RULES.md §3.1.4).
    #[serde(default)]
    pub changes: BTreeMap<String, ChangeRecord>,
    /// Estimate adjustments by id (INV-45 to 49; RULES.md §3.1.5).
    #[serde(default)]
    pub adjustments: BTreeMap<String, AdjustmentRecord>,
    /// Accountability cases by id (INV-50; RULES.md §3.1.5).
    #[serde(default)]
    pub cases: BTreeMap<String, CaseRecord>,
    /// The host when the sub-machines run without an `inv` lifecycle (parts mode, AMB-25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<PartsHost>,

    // ---- lifecycle facts (RULES.md §3.1.2; written by the `inv` handlers) ----
    /// Merged-approval batch (INV-15.2), from `select_route` or `submit_fsr`.
    pub batch_id: Option<String>,
    /// Documents waived by `grant_simplification` (AMB-4).
    pub waived: Vec<WaivedDocument>,
    /// The proposal is approved (INV-13.2).
    pub proposal_approved: bool,
    /// The FSR as last submitted (for INV-21.2 at approval and F-INV-53.2).
    pub fsr_submission: Option<FsrSubmission>,
    /// The FSR is approved.
    pub fsr_approved: bool,
    /// When the route's last approval before construction was given (INV-55.6 start deadline).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub approved_on: Option<NaiveDate>,
    /// INV-22 flags set by the approver (or by `large_investment_threshold`).
    pub major_impact: bool,
    /// INV-22 flags set by the approver (or by `large_investment_threshold`).
    pub large_investment: bool,
    /// The four INV-22 records were given at an approval.
    pub assessments_done: bool,
    /// Lots to be tendered by law (INV-33, AMB-47).
    pub tender_required: Vec<Lot>,
    /// Whether CD design is needed (`None` = not yet said, read as true; the last set wins).
    pub needs_cd_design: Option<bool>,
    /// The design as last submitted.
    pub design: Option<DesignSubmission>,
    /// The preliminary design is approved.
    pub design_approved: bool,
    /// The estimate is verified (A set).
    pub estimate_verified: bool,
    /// The verified estimate's items.
    pub estimate_items: Vec<EstimateItem>,
    /// A and A0 before the current design review (restored when it is refused).
    pub estimate_before_review: Option<(Option<Yuan>, Option<Yuan>)>,
    /// Seq of the INV-23.3 report awaiting or having received a decision.
    pub excess_report: Option<u32>,
    /// The INV-23.4 decision on it.
    pub excess_decision: Option<ExcessDecision>,
    /// CD review done (INV-25.1).
    pub cd_review_done: bool,
    /// The reviewed CD budget.
    pub cd_budget: Option<Yuan>,
    /// Budget submissions so far (INV-25.2).
    pub budget_submissions: u32,
    /// The budget under review.
    pub pending_budget: Option<PendingBudget>,
    /// Budget approved (B set).
    pub budget_done: bool,
    /// The approved budget's items.
    pub budget_items: Vec<Id>,
    /// The project is built by EPC (the first EPC tender, AMB-24).
    pub epc: bool,
    /// Tenders issued.
    pub tenders: Vec<Tender>,
    /// Contracts awarded with an advance-funding (垫资) clause (INV-4.3, F-INV-55.5).
    pub advance_funding_contracts: Vec<Id>,
    /// Contracts awarded directly, without competition (INV-20.2, 20.6).
    pub direct_contracts: Vec<Id>,
    /// Funding sources recorded (INV-34, AMB-22).
    pub funding: Vec<FundingSource>,
    /// Survey done (INV-7.3).
    pub survey_done: bool,
    /// Construction started (the first start).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub started_on: Option<NaiveDate>,
    /// Payment requests.
    pub payments: Payments,
    /// Σ recovered (`recover_funds`).
    pub recovered: Yuan,
    /// The 55.x rule funding is suspended under.
    pub funding_suspended_rule: Option<RuleId>,
    /// The 55.x rule the project is suspended under.
    pub suspension_rule: Option<RuleId>,
    /// Delays with a recorded reason (INV-55.6).
    pub delay_reasons: Vec<DelayKind>,
    /// Works completed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub completed_on: Option<NaiveDate>,
    /// Acceptance passed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub accepted_on: Option<NaiveDate>,
    /// The approved settlement.
    pub settlement: Option<Yuan>,
    /// The final accounts.
    pub final_accounts: Option<FinalAccounts>,
    /// The surplus was returned.
    pub surplus_returned: bool,
    /// Asset title registered (INV-37.4).
    pub assets_registered: bool,
    /// INV-58 incidents.
    pub incidents: Vec<Incident>,
    /// AMB-25 parts mode: tasked in an approved DIG cycle (or `emergency_add`), "in plan".
    pub dig_tasked: bool,
    /// AMB-25 parts mode: DE of RULES.md §3.3.1 — the DIG project's recorded DIG-18 decision
    /// (`None` while none is recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dig_emergency: Option<crate::joint::EmergencyModeFacts>,
}

/// The FSR as submitted (`submit_fsr`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FsrSubmission {
    /// F as submitted.
    pub fsr_estimate: Yuan,
    /// INV-19.2 contents.
    pub contents: Vec<FsrContent>,
    /// The submission's guards that failed (record mode): INV-19.x rules.
    pub defects: Vec<RuleId>,
    /// The date.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// The design as submitted (`submit_design`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignSubmission {
    /// E.
    pub compiled_estimate: Yuan,
    /// Contingency.
    pub contingency: Yuan,
    /// The designer's contract.
    pub design_contract_id: Id,
    /// The items.
    pub items: Vec<EstimateItem>,
    /// The date.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// A budget under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingBudget {
    /// The amount.
    pub amount: Yuan,
    /// CD or works budget.
    pub kind: BudgetKind,
    /// Its items.
    pub items: Vec<Id>,
}

/// A tender (`issue_tender`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    /// Tender id.
    pub tender_id: Id,
    /// The lot.
    pub lot: Lot,
    /// Its items.
    pub items: Vec<Id>,
    /// On the public resource platform (INV-33).
    pub on_platform: bool,
}

/// Where a payment request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Requested by the project unit.
    Requested,
    /// Approved by finance.
    Approved,
    /// Disbursed.
    Disbursed,
}

/// A payment request and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    /// Request id.
    pub request_id: Id,
    /// The contract.
    pub contract_id: Option<Id>,
    /// The item.
    pub item_id: Id,
    /// The amount requested.
    pub amount: Yuan,
    /// Inside the budget's scope.
    pub in_budget_scope: bool,
    /// Progress cap.
    pub progress_cap: Yuan,
    /// Wages due.
    pub wages_due: Yuan,
    /// Wage share.
    pub wage_share: Yuan,
    /// Land money (RULES.md §3.5 A3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PaymentPurpose>,
    /// Progress, advance or retention (RULES.md §3.5 D1, D4; absent: progress).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PaymentKind>,
    /// The advance this progress payment recovers (D1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_deducted: Option<Yuan>,
    /// Status.
    pub status: PaymentStatus,
    /// When approved.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub approved_on: Option<NaiveDate>,
    /// The amount disbursed.
    pub disbursed: Option<Yuan>,
    /// When disbursed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub disbursed_on: Option<NaiveDate>,
    /// The seq of the disbursement.
    pub disbursed_seq: Option<u32>,
}

/// A project's payment requests in the order they were made: a list (its JSON form and its
/// equality are the list's), with lookups by request id and the sum disbursed in a year that
/// stay cheap however long the list grows.
///
/// A short list is scanned; once it holds more than [`Payments::INDEXED`] requests an index
/// (request id → position, Σ disbursed per year) is kept beside it, so that a payment event
/// costs the same at the 30,000th request as at the 30th (issue 12: replay linear in the log).
/// The index is derived from the list alone and rebuilt when a list is read from JSON.
#[derive(Debug, Clone, Default)]
pub struct Payments {
    list: Vec<PaymentRecord>,
    index: Option<Box<PaymentIndex>>,
    /// While a dry run is open (`what_if`): how to undo each change, in order.
    journal: Option<Vec<PaymentUndo>>,
}

/// How to undo one change to [`Payments`] (a dry run's journal).
#[derive(Debug, Clone)]
enum PaymentUndo {
    /// A request was appended.
    Pushed,
    /// Request `i` was changed from `old`.
    Changed(usize, Box<PaymentRecord>),
    /// The sums per year were these (kept before any change to them: a handful of years).
    Sums(BTreeMap<i32, Yuan>),
}

/// What [`Payments`] keeps beside a long list.
#[derive(Debug, Clone, Default)]
struct PaymentIndex {
    by_id: HashMap<Id, usize>,
    disbursed_by_year: BTreeMap<i32, Yuan>,
}

impl PaymentIndex {
    fn note_disbursed(&mut self, rec: &PaymentRecord) {
        if let (Some(date), Some(amount)) = (rec.disbursed_on, rec.disbursed) {
            let sum = self.disbursed_by_year.entry(date.year()).or_default();
            *sum = sum.saturating_add(amount);
        }
    }
}

impl Payments {
    /// Lists longer than this keep an index.
    pub const INDEXED: usize = 16;

    /// The request with this id and its position.
    pub fn find(&self, id: &str) -> Option<(usize, &PaymentRecord)> {
        match &self.index {
            Some(ix) => ix.by_id.get(id).map(|&i| (i, &self.list[i])),
            None => self.list.iter().enumerate().find(|(_, p)| p.request_id == id),
        }
    }

    /// Σ disbursed on days of `year` (INV-35.1: what the year's plan entry has paid out).
    pub fn disbursed_in(&self, year: i32) -> Yuan {
        match &self.index {
            Some(ix) => ix.disbursed_by_year.get(&year).copied().unwrap_or_default(),
            None => self
                .list
                .iter()
                .filter(|p| p.disbursed_on.is_some_and(|x| x.year() == year))
                .fold(Yuan::ZERO, |s, p| s.saturating_add(p.disbursed.unwrap_or_default())),
        }
    }

    /// Opens a dry run: from now on every change is journalled ([`Payments::end_trial`]).
    pub(crate) fn begin_trial(&mut self) {
        debug_assert!(self.journal.is_none(), "one dry run at a time");
        self.journal = Some(Vec::new());
    }

    /// Closes a dry run: undoes its changes, newest first (the list, the index and the sums
    /// exactly as they were), and stops journalling.
    pub(crate) fn end_trial(&mut self) {
        let Some(journal) = self.journal.take() else { return };
        for undo in journal.into_iter().rev() {
            match undo {
                PaymentUndo::Pushed => {
                    let i = self.list.len() - 1;
                    if let (Some(rec), Some(ix)) = (self.list.pop(), self.index.as_mut())
                        && ix.by_id.get(&rec.request_id) == Some(&i)
                    {
                        ix.by_id.remove(&rec.request_id);
                    }
                    if self.list.len() <= Self::INDEXED {
                        self.index = None;
                    }
                }
                PaymentUndo::Changed(i, old) => self.list[i] = *old,
                PaymentUndo::Sums(sums) => {
                    if let Some(ix) = self.index.as_mut() {
                        ix.disbursed_by_year = sums;
                    }
                }
            }
        }
    }

    /// Journals an undo while a dry run is open; `sums`: the sums per year are about to change.
    fn note(&mut self, undo: impl FnOnce(&[PaymentRecord]) -> PaymentUndo, sums: bool) {
        if let Some(journal) = self.journal.as_mut() {
            journal.push(undo(&self.list));
            if let (true, Some(ix)) = (sums, self.index.as_ref()) {
                journal.push(PaymentUndo::Sums(ix.disbursed_by_year.clone()));
            }
        }
    }

    /// Appends a request (its id not yet used: the caller checked).
    pub(crate) fn push(&mut self, rec: PaymentRecord) {
        self.note(|_| PaymentUndo::Pushed, true);
        crate::mem::push_small(&mut self.list, rec);
        match &mut self.index {
            Some(ix) => {
                let i = self.list.len() - 1;
                ix.note_disbursed(&self.list[i]);
                ix.by_id.insert(self.list[i].request_id.clone(), i);
            }
            None if self.list.len() > Self::INDEXED => self.index = Some(Box::new(Self::build(&self.list))),
            None => {}
        }
    }

    /// Marks request `i` approved on `date`.
    pub(crate) fn approve(&mut self, i: usize, date: NaiveDate) {
        self.note(|l| PaymentUndo::Changed(i, Box::new(l[i].clone())), false);
        let rec = &mut self.list[i];
        rec.status = PaymentStatus::Approved;
        rec.approved_on = Some(date);
    }

    /// Marks request `i` disbursed: `amount` on `date` by the entry `seq`.
    pub(crate) fn disburse(&mut self, i: usize, amount: Yuan, date: NaiveDate, seq: u32) {
        self.note(|l| PaymentUndo::Changed(i, Box::new(l[i].clone())), true);
        let again = self.list[i].disbursed.is_some();
        let rec = &mut self.list[i];
        rec.status = PaymentStatus::Disbursed;
        rec.disbursed = Some(amount);
        rec.disbursed_on = Some(date);
        rec.disbursed_seq = Some(seq);
        if let Some(ix) = &mut self.index {
            if again {
                // Disbursed twice (the lifecycle refuses it): the sums are rebuilt, exactly.
                **ix = Self::build(&self.list);
            } else {
                ix.note_disbursed(&self.list[i]);
            }
        }
    }

    fn build(list: &[PaymentRecord]) -> PaymentIndex {
        let mut ix = PaymentIndex { by_id: HashMap::with_capacity(list.len() * 2), ..PaymentIndex::default() };
        for (i, rec) in list.iter().enumerate() {
            // The first of a repeated id wins, as a scan finds it.
            ix.by_id.entry(rec.request_id.clone()).or_insert(i);
            ix.note_disbursed(rec);
        }
        ix
    }
}

impl std::ops::Deref for Payments {
    type Target = [PaymentRecord];

    fn deref(&self) -> &[PaymentRecord] {
        &self.list
    }
}

impl From<Vec<PaymentRecord>> for Payments {
    fn from(list: Vec<PaymentRecord>) -> Payments {
        let index = (list.len() > Payments::INDEXED).then(|| Box::new(Payments::build(&list)));
        Payments { list, index, journal: None }
    }
}

impl PartialEq for Payments {
    fn eq(&self, other: &Payments) -> bool {
        self.list == other.list
    }
}

impl Eq for Payments {}

impl Serialize for Payments {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Payments {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Payments, D::Error> {
        Vec::<PaymentRecord>::deserialize(d).map(Payments::from)
    }
}

/// The final accounts (`complete_final_accounts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalAccounts {
    /// Total.
    pub total: Yuan,
    /// The surplus declared.
    pub surplus: Yuan,
    /// Its fiscal share, to be returned to the treasury (INV-37.3).
    #[serde(default)]
    pub fiscal_surplus: Yuan,
    /// The seq of the entry.
    pub seq: u32,
}

/// An INV-58 incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Incident id.
    pub incident_id: Id,
    /// Its kind.
    pub kind: IncidentKind,
    /// Reported at this seq.
    pub seq: u32,
    /// Reported on.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
    /// A liability case was opened.
    pub liability_case: bool,
}

impl Ledger {
    /// The route in force: the chosen one, else the computed one.
    pub fn route(&self) -> Option<Route> {
        self.chosen_route.or(self.computed_route)
    }

    /// The contract with this id.
    pub fn contract(&self, id: &str) -> Option<&Contract> {
        self.contracts.iter().find(|c| c.contract_id == id)
    }

    /// The contract with this id, mutably.
    pub fn contract_mut(&mut self, id: &str) -> Option<&mut Contract> {
        self.contracts.iter_mut().find(|c| c.contract_id == id)
    }

    /// The estimate that caps payments: A, else the approved F; a submitted F is never a cap
    /// (RULES.md §4.5 as amended by §3.3.10).
    pub fn payment_estimate(&self) -> Option<Yuan> {
        self.estimate.or(self.approved_fsr_estimate)
    }

    /// Whether CD design is needed (not yet said → needed).
    pub fn needs_cd(&self) -> bool {
        self.needs_cd_design.unwrap_or(true)
    }

    /// B plus the approved change amounts: the settlement and final-accounts cap (INV-37.2, 6).
    pub fn budget_cap(&self) -> Option<Yuan> {
        self.budget.map(|b| b.saturating_add(self.approved_change_amount))
    }

    /// Σ contract prices (INV-23.2, AMB-49).
    pub fn contract_total(&self) -> Yuan {
        self.contracts.iter().fold(Yuan::ZERO, |a, c| a.saturating_add(c.price))
    }

    /// Σ funding recorded, and Σ of one year (INV-34, AMB-22).
    pub fn funding_total(&self, year: Option<i32>) -> Yuan {
        self.funding
            .iter()
            .filter(|f| year.is_none_or(|y| f.year == y))
            .fold(Yuan::ZERO, |a, f| a.saturating_add(f.amount))
    }

    /// The payment request with this id.
    pub fn payment(&self, id: &str) -> Option<&PaymentRecord> {
        self.payments.find(id).map(|(_, p)| p)
    }

    /// Whether `item` is in the approved item list (true when there is none); as
    /// [`Ledger::approved_items`] without building the list.
    pub fn item_approved(&self, item: &str) -> bool {
        if self.budget_done && !self.budget_items.is_empty() {
            self.budget_items.iter().any(|i| i == item)
        } else if !self.estimate_items.is_empty() {
            self.estimate_items.iter().any(|i| i.item_id == item)
        } else {
            true
        }
    }

    /// The items a tender, contract or payment may draw on: the approved budget's, else the
    /// verified estimate's (`None` when neither exists: nothing to compare with).
    pub fn approved_items(&self) -> Option<Vec<&str>> {
        if self.budget_done && !self.budget_items.is_empty() {
            Some(self.budget_items.iter().map(|s| s.as_str()).collect())
        } else if !self.estimate_items.is_empty() {
            Some(self.estimate_items.iter().map(|i| i.item_id.as_str()).collect())
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn record(id: &str) -> PaymentRecord {
        PaymentRecord {
            request_id: id.into(),
            contract_id: None,
            item_id: "I".into(),
            amount: Yuan::from_fen(10_000).unwrap(),
            in_budget_scope: true,
            progress_cap: Yuan::from_fen(10_000).unwrap(),
            wages_due: Yuan::ZERO,
            wage_share: Yuan::ZERO,
            purpose: None,
            kind: None,
            advance_deducted: None,
            status: PaymentStatus::Requested,
            approved_on: None,
            disbursed: None,
            disbursed_on: None,
            disbursed_seq: None,
        }
    }

    /// What a scan of the list finds: the reference the index must agree with.
    fn scanned(list: &[PaymentRecord], id: &str) -> Option<usize> {
        list.iter().position(|p| p.request_id == id)
    }

    fn scanned_year(list: &[PaymentRecord], year: i32) -> Yuan {
        list.iter()
            .filter(|p| p.disbursed_on.is_some_and(|d| d.year() == year))
            .fold(Yuan::ZERO, |s, p| s.saturating_add(p.disbursed.unwrap_or_default()))
    }

    /// Applies one generated operation (push, approve, disburse) to `p`.
    fn op(p: &mut Payments, (kind, x, year, fen): (u8, usize, u32, u64), seq: u32) {
        match kind {
            0 => {
                let id = format!("R{x}");
                if p.find(&id).is_none() {
                    p.push(record(&id));
                }
            }
            _ if p.is_empty() => {}
            1 => p.approve(x % p.len(), NaiveDate::from_ymd_opt(2023, 6, 1).unwrap()),
            _ => {
                let date = NaiveDate::from_ymd_opt(2023 + year as i32, 6, 1).unwrap();
                p.disburse(x % p.len(), Yuan::from_fen(fen).unwrap(), date, seq);
            }
        }
    }

    proptest! {
        /// Source: issue 13 (what_if without copying) — a dry run's journal takes back every
        /// change exactly: after `end_trial` the list is the one before `begin_trial`, lookups
        /// and sums agree with a scan, the index is kept exactly when the list is long, and the
        /// list goes on as if the trial had never happened.
        #[test]
        fn payments_trial_is_taken_back(
            before in prop::collection::vec((0u8..3, 0usize..40, 0u32..3, 1u64..1_000_000), 0..60),
            trial in prop::collection::vec((0u8..3, 0usize..40, 0u32..3, 1u64..1_000_000), 0..8),
            after in prop::collection::vec((0u8..3, 0usize..40, 0u32..3, 1u64..1_000_000), 0..8),
        ) {
            let mut p = Payments::default();
            let mut seq = 0;
            for o in before {
                seq += 1;
                op(&mut p, o, seq);
            }
            let saved = p.to_vec();
            p.begin_trial();
            for (k, o) in trial.into_iter().enumerate() {
                op(&mut p, o, seq + 1 + k as u32);
            }
            p.end_trial();
            prop_assert_eq!(p.to_vec(), saved.clone());
            prop_assert_eq!(p.index.is_some(), p.len() > Payments::INDEXED);
            let mut q = Payments::from(saved);
            for o in after {
                seq += 1;
                op(&mut p, o, seq);
                op(&mut q, o, seq);
            }
            prop_assert_eq!(&p, &q);
            for x in 0..40 {
                let id = format!("R{x}");
                prop_assert_eq!(p.find(&id).map(|(i, _)| i), scanned(&p, &id));
            }
            for year in 2022..2027 {
                prop_assert_eq!(p.disbursed_in(year), scanned_year(&p, year));
            }
        }

        /// However long the list grows (short and scanned, or long and indexed, or read back
        /// from JSON), a lookup by id and the sum disbursed in a year are what a scan of the
        /// list gives; the JSON form and equality are the list's.
        #[test]
        fn payments_index_agrees_with_a_scan(ops in prop::collection::vec((0u8..3, 0usize..64, 0u32..3, 1u64..1_000_000), 0..120)) {
            let mut p = Payments::default();
            let mut seq = 0;
            for (kind, x, year, fen) in ops {
                seq += 1;
                match kind {
                    0 => {
                        let id = format!("R{x}");
                        if p.find(&id).is_none() {
                            p.push(record(&id));
                        }
                    }
                    _ if p.is_empty() => {}
                    1 => p.approve(x % p.len(), NaiveDate::from_ymd_opt(2023, 6, 1).unwrap()),
                    _ => {
                        let date = NaiveDate::from_ymd_opt(2023 + year as i32, 6, 1).unwrap();
                        p.disburse(x % p.len(), Yuan::from_fen(fen).unwrap(), date, seq);
                    }
                }
            }
            let back: Payments = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
            prop_assert_eq!(&back, &p);
            prop_assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::to_value(p.to_vec()).unwrap());
            for q in [&p, &back] {
                for x in 0..64 {
                    let id = format!("R{x}");
                    prop_assert_eq!(q.find(&id).map(|(i, _)| i), scanned(q, &id));
                }
                for year in 2022..2027 {
                    prop_assert_eq!(q.disbursed_in(year), scanned_year(q, year));
                }
            }
        }
    }
}
