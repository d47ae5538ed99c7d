//! Payments (INV-35, 12.2, 31.1, 43, 45.2, 48.1, 55; RULES.md §4.5 `payment_check`) and the
//! lifecycle's three payment events: `request_payment`, `approve_payment`, `disburse_payment`.

use serde::{Deserialize, Serialize};

use crate::config::Context;
use crate::error::Error;
use crate::investment::gates::LotClass;
use crate::money::Yuan;
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;

/// The payment side of a `payment_check` (RULES.md §4.5 `request`). Fields in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentFacts {
    /// The amount to pay.
    pub amount: Yuan,
    /// The payment falls inside the finance-reviewed budget's scope.
    #[serde(default)]
    pub in_budget_scope: bool,
    /// The item is in the contract and in the approved scope.
    #[serde(default = "yes")]
    pub in_scope: bool,
    /// The lot class of the payment (RULES.md §3.3.2): when given, the rows
    /// `no_approved_estimate` (every class but P) and `no_approved_budget` (W) are judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot_class: Option<LotClass>,
    /// The certified progress value the contract's payments may reach; absent → not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_cap: Option<Yuan>,
    /// The share of the payment going into the wage account (INV-35.4).
    #[serde(default)]
    pub wage_share: Yuan,
    /// Migrant-worker wages due.
    #[serde(default)]
    pub wages_due: Yuan,
}

fn yes() -> bool {
    true
}

/// The ledger side of a `payment_check` (RULES.md §4.5 `ledger`). Caps are optional (absent →
/// not checked) and allow equality. Fields in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentLedger {
    /// B + authorised change amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Yuan>,
    /// Contract price + change deltas approved, finance-reviewed (48.1) and, for INV-43, consented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_ceiling: Option<Yuan>,
    /// A, else the approved F (never a submitted F).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Yuan>,
    /// The suspending 55.x rule while funding is suspended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_suspended: Option<RuleId>,
    /// In the issued plan of the disbursement year (absent at `approve_payment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_plan: Option<bool>,
    /// Σ disbursed inside the budget's scope.
    #[serde(default)]
    pub paid_budget_scope: Yuan,
    /// Σ disbursed on the contract.
    #[serde(default)]
    pub paid_contract: Yuan,
    /// Σ disbursed on the project.
    #[serde(default)]
    pub paid_total: Yuan,
    /// What the year's plan entry leaves for this project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_amount_left: Option<Yuan>,
    /// INV-43 deltas still awaiting municipal consent.
    #[serde(default)]
    pub unconsented_43: Yuan,
    /// Approved change deltas not yet finance-reviewed.
    #[serde(default)]
    pub unreviewed: Yuan,
}

/// The request of `payment_check` in the JSON entry point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentCheckRequest {
    /// The ledger.
    pub ledger: PaymentLedger,
    /// The payment.
    pub request: PaymentFacts,
}

/// The result of `payment_check`: `{rules, outcomes}` (RULES.md §4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PaymentCheck {
    /// The rule trace.
    pub rules: Vec<RuleId>,
    /// The outcomes in check order.
    pub outcomes: Vec<Outcome>,
}

/// Writes the ten checks of RULES.md §4.5 into a judge, in table order. 12.2 is a D-rule, so a
/// recorded exception covers it when the judge consults the project's exceptions.
///
/// INTERPRETATION: the excess over the contract ceiling draws first on approved deltas awaiting
/// the finance review (48.1), then on INV-43 deltas awaiting consent (43); beyond both it is
/// 35.3 `over_contract`. Without a contract, the progress cap bounds the project's paid total.
pub(crate) fn judge_payment(j: &mut Judge<'_>, p: &PaymentFacts, l: &PaymentLedger) {
    // §3.3.3/§3.3.10 rows: nothing approved to cap the payment.
    if let Some(class) = p.lot_class {
        let needs_estimate = !matches!(class, LotClass::P | LotClass::PTendered);
        judge_missing_caps(j, needs_estimate && l.estimate.is_none(), class == LotClass::W && l.budget.is_none());
    }
    // Exact integer arithmetic in fen (amounts have at most two decimals).
    let amount = p.amount.fen();
    // (1) estimate: violation 35.3 over_estimate + violation 45.2.
    let over_estimate = l.estimate.is_some_and(|a| l.paid_total.fen() + amount > a.fen());
    j.require(INV_35_3, !over_estimate, "over_estimate");
    j.require(INV_45_2, !over_estimate, "over_estimate");
    // (2) budget.
    if p.in_budget_scope
        && let Some(b) = l.budget
    {
        j.require(INV_35_3, l.paid_budget_scope.fen() + amount <= b.fen(), "over_budget");
    }
    // (3), (4) contract ceiling, the pending deltas it may not draw on.
    j.trace(INV_43);
    j.trace(INV_48_1);
    let paid_here = if l.contract_ceiling.is_some() { l.paid_contract } else { l.paid_total };
    if let Some(c) = l.contract_ceiling {
        let excess = l.paid_contract.fen() + amount - c.fen();
        if excess > 0 {
            let unreviewed = l.unreviewed.fen();
            let unconsented = l.unconsented_43.fen();
            if unreviewed > 0 {
                j.require(INV_48_1, false, "no_finance_review");
            }
            if excess > unreviewed && unconsented > 0 {
                j.require(INV_43, false, "no_gov_consent");
            }
            j.require(INV_35_3, excess <= unreviewed + unconsented, "over_contract");
        }
    }
    // (5) scope.
    j.require(INV_35_3, p.in_scope, "over_scope");
    // (6) progress.
    if let Some(cap) = p.progress_cap {
        j.require(INV_35_3, paid_here.fen() + amount <= cap.fen(), "over_progress");
    }
    // (7) funding suspended (INV-55.x).
    if let Some(rule) = l.funding_suspended {
        j.require(rule, false, "funding_suspended");
    }
    // (8) in plan (disbursement only): default 12.2.
    if let Some(in_plan) = l.in_plan {
        j.default_rule(INV_12_2, in_plan, "not_in_plan");
    }
    // (9) annual plan amount left: warning 35.1.
    if let Some(left) = l.plan_amount_left {
        j.warn(INV_35_1, amount <= left.fen(), "over_annual_plan");
    } else {
        j.trace(INV_35_1);
    }
    // (10) wages first (AMB-36).
    let wage_floor = p.amount.min(p.wages_due);
    j.require(INV_35_4, p.wage_share >= wage_floor, "wages_not_prioritised");
}

/// The §4.5 rows added by RULES.md §3.3.10: a payment of a class that needs an approved
/// estimate when there is none (`no_approved_estimate`: 「超概算」, nothing is approved), and a
/// works payment without a reviewed budget (`no_approved_budget`: 「超预算」). Both are emitted
/// when both fail. The stage gates (`gates.rs`) call this after their INV-6 outcome.
pub(crate) fn judge_missing_caps(j: &mut Judge<'_>, no_estimate: bool, no_budget: bool) {
    j.require(INV_35_3, !no_estimate, "no_approved_estimate");
    j.require(INV_35_3, !no_budget, "no_approved_budget");
}

/// RULES.md §4.5 `payment_check(request, ledger)` (INV-35.3, 35.4, 35.1, 12.2, 43, 45.2, 48.1,
/// 55.1–55.6): every check, all failures reported.
///
/// # Example
/// ```
/// use wanzheng::investment::payment::{payment_check, PaymentFacts, PaymentLedger};
/// use wanzheng::yuan;
/// let ledger = PaymentLedger {
///     estimate: Some(yuan!("10000000.00")),
///     contract_ceiling: Some(yuan!("9000000.00")),
///     paid_contract: yuan!("8000000.00"),
///     paid_total: yuan!("8000000.00"),
///     ..Default::default()
/// };
/// let pay = |a| PaymentFacts { amount: yuan!(a), in_budget_scope: true, in_scope: true, lot_class: None,
///     progress_cap: None, wage_share: yuan!("0"), wages_due: yuan!("0") };
/// assert!(payment_check(&pay("1000000.00"), &ledger).outcomes.is_empty());
/// assert_eq!(payment_check(&pay("1000000.01"), &ledger).outcomes[0].detail, "over_contract");
/// ```
pub fn payment_check(request: &PaymentFacts, ledger: &PaymentLedger) -> PaymentCheck {
    let mut j = Judge::pure();
    judge_payment(&mut j, request, ledger);
    let (rules, outcomes) = j.into_parts();
    PaymentCheck { rules, outcomes }
}

/// `payment_check` behind the JSON entry point.
///
/// # Errors
/// None beyond request parsing.
pub fn payment_check_request(req: PaymentCheckRequest, _ctx: &Context) -> Result<PaymentCheck, Error> {
    Ok(payment_check(&req.request, &req.ledger))
}

use chrono::{Datelike, NaiveDate};

use crate::error::{InputError, InputReason, TransitionError};
use crate::investment::InvestmentProject;
use crate::investment::events::{ApprovePayment, DisbursePayment, PaymentKind, RequestPayment};
use crate::investment::ledger::{PaymentRecord, PaymentStatus};
use crate::investment::lifecycle::InvState;
use crate::investment::plan::{PlanEntry, ProjectPlanStatus};
use crate::investment::project::non_empty;
use crate::machine::kernel::{Call, Next};

impl InvestmentProject {
    /// The §4.5 inputs for request `rec` paying `amount` with `wage_share` into the wage
    /// account on `date`; `disbursement` adds the in_plan row of the date's year (12.2 is judged
    /// at disbursement only, AMB-50); the annual-plan amount left (35.1) is read at both acts.
    pub(crate) fn payment_inputs(
        &self,
        rec: &PaymentRecord,
        amount: Yuan,
        wage_share: Yuan,
        date: NaiveDate,
        disbursement: bool,
    ) -> (PaymentFacts, PaymentLedger) {
        let l = &self.ledger;
        let contract = rec.contract_id.as_deref().and_then(|id| l.contract(id));
        let in_contract = contract.is_none_or(|k| k.covers_item(&rec.item_id));
        let in_approved = l.item_approved(&rec.item_id);
        let kind = rec.kind.unwrap_or(PaymentKind::Progress);
        // RULES.md §3.5 D1: an advance is judged against the contract's advance share
        // (`judge_payment_kind`) instead of progress; a progress payment satisfies paid_contract
        // (advances included) − (Σ advance − Σ advance_deducted, this request's included) + amount
        // ≤ progress_cap, i.e. the §4.5 progress row read with the cap raised by the advance
        // still outstanding (never below zero: the amount is positive).
        let progress_cap = match (kind, contract) {
            (PaymentKind::Advance, _) => None,
            (PaymentKind::Progress | PaymentKind::Retention, Some(k)) => {
                let recovered = k.advance_recovered.saturating_add(rec.advance_deducted.unwrap_or(Yuan::ZERO));
                Some(rec.progress_cap.saturating_add(k.advance_paid).saturating_sub(recovered))
            }
            (PaymentKind::Progress | PaymentKind::Retention, None) => Some(rec.progress_cap),
        };
        let facts = PaymentFacts {
            amount,
            in_budget_scope: rec.in_budget_scope,
            in_scope: in_contract && in_approved,
            // The stage gates judged the class rows first (gates.rs).
            lot_class: None,
            progress_cap,
            wage_share,
            wages_due: rec.wages_due,
        };
        let in_plan = disbursement.then(|| self.in_plan_on(date, Some((rec, amount))));
        let plan_amount_left = if self.is_dig_parts() {
            None
        } else {
            let year = date.year();
            let entry = self.plans.entry(year).filter(|e| e.in_plan());
            entry.and_then(|e| e.annual_amount).map(|a| a.saturating_sub(l.payments.disbursed_in(year)))
        };
        // RULES.md §3.5 D4: INV-12.2 is not judged on retention money.
        let in_plan = in_plan.filter(|_| kind != PaymentKind::Retention);
        let ledger = PaymentLedger {
            budget: if self.is_dig_parts() { None } else { l.budget_cap() },
            contract_ceiling: contract.map(|k| k.ceiling()),
            estimate: l.payment_estimate(),
            funding_suspended: self.funding_suspension(),
            in_plan,
            paid_budget_scope: l.paid_budget_scope,
            paid_contract: contract.map(|k| k.paid).unwrap_or_default(),
            paid_total: l.paid_total,
            plan_amount_left,
            unconsented_43: contract.map(|k| k.unconsented_43).unwrap_or_default(),
            unreviewed: contract.map(|k| k.unreviewed).unwrap_or_default(),
        };
        (facts, ledger)
    }

    /// The payment rows of `approve_payment` and `disburse_payment`, in one place: §4.5 on the
    /// ledger (`payment_inputs`), then the cap of the payment's kind (RULES.md §3.5 D1, D4).
    fn judge_payment_act(
        &self,
        j: &mut Judge<'_>,
        rec: &PaymentRecord,
        amount: Yuan,
        wage_share: Yuan,
        date: NaiveDate,
        disbursement: bool,
    ) {
        let (facts, ledger) = self.payment_inputs(rec, amount, wage_share, date, disbursement);
        judge_payment(j, &facts, &ledger);
        self.judge_payment_kind(j, rec, amount);
    }

    /// RULES.md §3.5 D1 and D4: the cap of an advance and of retention money.
    ///
    /// * D1 (财建〔2004〕369号 第十二条): the contract's advances, this one included, stay within
    ///   its agreed `advance_percent` of the price (absent: `advance_max_percent`, default 30):
    ///   100·(Σ advance + amount) ≤ percent·price (cross-multiplied; equality IN), else V INV-35.3
    ///   `over_contract`.
    /// * D4 (建质〔2017〕138号): retention money keeps the contract's payments within its settled
    ///   amount (`approve_settlement.contracts`), else V INV-35.3 `over_settlement`.
    ///   INTERPRETATION: a contract the settlement does not list is capped with the project's
    ///   payments by the settlement's amount; before any settlement nothing is released.
    fn judge_payment_kind(&self, j: &mut Judge<'_>, rec: &PaymentRecord, amount: Yuan) {
        let l = &self.ledger;
        let contract = rec.contract_id.as_deref().and_then(|id| l.contract(id));
        match rec.kind.unwrap_or(PaymentKind::Progress) {
            PaymentKind::Progress => {}
            PaymentKind::Advance => {
                let Some(k) = contract else { return };
                let percent = k.advance_percent.unwrap_or(self.ctx.config().advance_max_percent);
                let within = 100 * (k.advance_paid.fen() + amount.fen()) <= i128::from(percent) * k.price.fen();
                j.require(INV_35_3, within, "over_contract");
            }
            PaymentKind::Retention => {
                let within = match (contract.and_then(|k| k.settled.map(|s| (k, s))), l.settlement) {
                    (Some((k, settled)), _) => k.paid.fen() + amount.fen() <= settled.fen(),
                    (None, Some(settlement)) => l.paid_total.fen() + amount.fen() <= settlement.fen(),
                    (None, None) => false,
                };
                j.require(INV_35_3, within, "over_settlement");
            }
        }
    }

    /// RULES.md §3.5 D4: in `closed` only retention money is paid (the table lists `closed` for
    /// the payment events for it); any other kind is refused as in a terminal state.
    fn refuse_closed_payment(&self, c: &Call<'_>, kind: Option<PaymentKind>) -> Result<(), TransitionError> {
        if self.state == Some(crate::investment::lifecycle::InvState::Closed) && kind != Some(PaymentKind::Retention) {
            return Err(TransitionError::new("inv", c.from, c.cmd.event.name(), "terminal"));
        }
        Ok(())
    }

    /// "In plan" on `date` (INV-12.2, judged at disbursement): in the issued plan of the date's
    /// year; a DIG project's parts when tasked.
    ///
    /// The one judgement of INV-12.2 「未纳入年度计划的项目，原则上不得安排政府投资资金」 (payment
    /// check (8), the disbursement and the approval screen), with RULES.md §3.5 D2 \[interp, AMB-60\]:
    ///
    /// * in the issued plan of the date's year (main or supplement) → in plan;
    /// * on the year's preparatory-fee line (`decision: preparatory`, 28(四) 拟安排的项目前期工作费用):
    ///   a class-P `payment` is in plan while the year's class-P disbursements and its amount stay
    ///   within the line's `annual_amount` (equality IN); nothing else is;
    /// * 续建 (预算法 第五十四条(一)): a payment dated in January, before the year's plan is issued,
    ///   of a project in the previous year's issued plan (not its preparatory line) → in plan.
    ///
    /// `payment`: the request and the amount being disbursed (`None` on the screen: no class, so
    /// the preparatory line does not count).
    pub(crate) fn in_plan_on(&self, date: NaiveDate, payment: Option<(&PaymentRecord, Yuan)>) -> bool {
        if self.is_dig_parts() {
            // INTERPRETATION: AMB-25, AMB-50 — a DIG project is "in plan" when tasked; no annual amount.
            return self.ledger.dig_tasked;
        }
        let year = date.year();
        let entry = self.plans.entry(year);
        if entry.is_some_and(PlanEntry::in_plan) {
            return true;
        }
        let preparatory = entry.filter(|e| e.preparatory && e.status == ProjectPlanStatus::PlanIssued);
        if let (Some(e), Some((rec, amount))) = (preparatory, payment)
            && self.payment_class(rec) == LotClass::P
        {
            let used = self.preparatory_disbursed_in(year);
            let line = e.annual_amount.unwrap_or(Yuan::ZERO);
            if used.fen() + amount.fen() <= line.fen() {
                return true;
            }
        }
        // INTERPRETATION: 续建 is a project in the previous year's issued plan proper; a project on
        // its preparatory line only has no construction to continue.
        date.month() == 1
            && self.plans.entry(year - 1).is_some_and(PlanEntry::in_plan)
            && entry.and_then(PlanEntry::plan_issued).is_none_or(|issued| date < issued)
    }

    /// Σ disbursed in `year` on class-P payments (RULES.md §3.5 D2: what the preparatory line
    /// has paid out).
    fn preparatory_disbursed_in(&self, year: i32) -> Yuan {
        self.ledger
            .payments
            .iter()
            .filter(|p| p.disbursed_on.is_some_and(|d| d.year() == year) && self.payment_class(p) == LotClass::P)
            .fold(Yuan::ZERO, |s, p| s.saturating_add(p.disbursed.unwrap_or_default()))
    }

    /// The INV-55.x rule under which funding is suspended, if it is (payment check (7)).
    pub(crate) fn funding_suspension(&self) -> Option<RuleId> {
        let l = &self.ledger;
        if l.funding_suspended { Some(l.funding_suspended_rule.unwrap_or(INV_55_1)) } else { None }
    }

    fn payment_index(&self, id: &str) -> Result<usize, InputError> {
        self.ledger
            .payments
            .find(id)
            .map(|(i, _)| i)
            .ok_or_else(|| InputError::new("facts.request_id", InputReason::UnknownId, "no such payment request"))
    }

    /// `request_payment` (INV-35.2): the unit's fund-use plan per progress and contract.
    pub(crate) fn request_payment(&mut self, p: &RequestPayment, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        self.refuse_closed_payment(c, p.kind)?;
        non_empty(&p.request_id, "facts.request_id")?;
        non_empty(&p.item_id, "facts.item_id")?;
        InputError::when(
            self.ledger.payment(&p.request_id).is_some(),
            "facts.request_id",
            InputReason::UnknownId,
            "request id already used",
        )?;
        if let Some(k) = &p.contract_id
            && self.ledger.contract(k).is_none()
        {
            return Err(InputError::new("facts.contract_id", InputReason::UnknownId, "no such contract").into());
        }
        // RULES.md §3.5 D1: an advance is paid on a contract (its share of the price caps it); only
        // a progress payment recovers advances.
        let kind = p.kind.unwrap_or(PaymentKind::Progress);
        if kind == PaymentKind::Advance && p.contract_id.is_none() {
            return Err(
                InputError::new("facts.contract_id", InputReason::Empty, "an advance is paid on a contract").into()
            );
        }
        InputError::when(
            kind != PaymentKind::Progress && p.advance_deducted.is_some(),
            "facts.advance_deducted",
            InputReason::InvalidValue,
            "only a progress payment recovers advances",
        )?;
        InputError::when(
            p.amount.is_zero() || p.wage_share > p.amount,
            "facts.amount",
            InputReason::InvalidValue,
            "the amount is positive and the wage share at most the amount",
        )?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_35_2);
            j.verdict()?
        };
        self.ledger.payments.push(PaymentRecord {
            request_id: p.request_id.clone(),
            contract_id: p.contract_id.clone(),
            item_id: p.item_id.clone(),
            amount: p.amount,
            in_budget_scope: p.in_budget_scope,
            progress_cap: p.progress_cap,
            wages_due: p.wages_due,
            wage_share: p.wage_share,
            purpose: p.purpose,
            kind: p.kind,
            advance_deducted: p.advance_deducted,
            status: PaymentStatus::Requested,
            approved_on: None,
            disbursed: None,
            disbursed_on: None,
            disbursed_seq: None,
        });
        Ok(Next::stay(verdict))
    }

    /// `approve_payment` (finance): §4.5 without its in_plan row (12.2 is judged at disbursement, AMB-50).
    pub(crate) fn approve_payment(&mut self, p: &ApprovePayment, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let i = self.payment_index(&p.request_id)?;
        let rec = &self.ledger.payments[i];
        self.refuse_closed_payment(c, rec.kind)?;
        if rec.status != PaymentStatus::Requested {
            return Err(TransitionError::new("inv", c.from, "approve_payment", "not_pending").into());
        }
        let due = match self.ctx.config().disbursement_sla {
            Some(n) => Some(self.ctx.calendar().due(c.cmd.date, n).map_err(InputError::from)?),
            None => None,
        };
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_35_2, p.reference.is_valid(), "no_approval_document");
            self.judge_payment_act(&mut j, rec, rec.amount, rec.wage_share, c.cmd.date, false);
            crate::obligation::judge_provisional(&mut j, INV_54_2, due);
            j.verdict()?
        };
        self.ledger.payments.approve(i, c.cmd.date);
        if let Some(due) = due {
            self.obligations.open(c.seq, INV_54_2, "disbursement", p.request_id.clone(), c.cmd.date, due);
        }
        Ok(Next::stay(verdict))
    }

    /// `disburse_payment` (finance): §4.5 on that date, 12.2 D by the disbursement year (AMB-50),
    /// 31.1/54.2 late or short → finding.
    pub(crate) fn disburse_payment(&mut self, p: &DisbursePayment, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let i = self.payment_index(&p.request_id)?;
        let rec = &self.ledger.payments[i];
        self.refuse_closed_payment(c, rec.kind)?;
        if rec.status == PaymentStatus::Disbursed {
            return Err(TransitionError::new("inv", c.from, "disburse_payment", "already_disbursed").into());
        }
        InputError::when(
            p.amount.is_zero() || p.amount > rec.amount || p.wage_account_amount > p.amount,
            "facts.amount",
            InputReason::InvalidValue,
            "the amount is positive, at most the request, and the wage-account amount at most the amount",
        )?;
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_35_2, rec.status == PaymentStatus::Approved, "not_approved");
            self.judge_payment_act(&mut j, rec, p.amount, p.wage_account_amount, c.cmd.date, true);
            j.trace(INV_31_1);
            let on_time = self.obligations.find_open("disbursement", &p.request_id).is_none_or(|o| c.cmd.date <= o.due);
            j.finding(INV_54_2, on_time, "late");
            j.finding(INV_54_2, p.amount == rec.amount, "short");
            j.verdict()?
        };
        let in_budget_scope = rec.in_budget_scope;
        let contract_id = rec.contract_id.clone();
        let (kind, deducted) = (rec.kind.unwrap_or(PaymentKind::Progress), rec.advance_deducted);
        let l = &mut self.ledger;
        l.paid_total = l.paid_total.saturating_add(p.amount);
        if in_budget_scope {
            l.paid_budget_scope = l.paid_budget_scope.saturating_add(p.amount);
        }
        if let Some(k) = contract_id.as_deref().and_then(|id| l.contract_mut(id)) {
            k.paid = k.paid.saturating_add(p.amount);
            // RULES.md §3.5 D1: the advance outstanding on the contract.
            if kind == PaymentKind::Advance {
                k.advance_paid = k.advance_paid.saturating_add(p.amount);
            }
            if let Some(d) = deducted {
                k.advance_recovered = k.advance_recovered.saturating_add(d);
            }
        }
        l.payments.disburse(i, p.amount, c.cmd.date, c.seq);
        self.obligations.close("disbursement", &p.request_id, c.seq, c.cmd.date);
        Ok(Next::stay(verdict))
    }
}

#[cfg(test)]
mod tests {
    use super::{PaymentFacts, PaymentLedger, payment_check};
    use crate::investment::testkit::*;

    fn worked_ledger() -> PaymentLedger {
        PaymentLedger {
            budget: Some(yuan!("9500000.00")),
            contract_ceiling: Some(yuan!("9000000.00")),
            estimate: Some(yuan!("10000000.00")),
            in_plan: Some(true),
            paid_budget_scope: yuan!("8000000.00"),
            paid_contract: yuan!("8000000.00"),
            paid_total: yuan!("8000000.00"),
            ..Default::default()
        }
    }

    fn pay(amount: &str) -> PaymentFacts {
        PaymentFacts {
            amount: yuan!(amount),
            in_budget_scope: true,
            in_scope: true,
            lot_class: None,
            progress_cap: Some(yuan!("9000000.00")),
            wage_share: yuan!("0"),
            wages_due: yuan!("0"),
        }
    }

    fn details(r: &super::PaymentCheck) -> Vec<(RuleId, &str)> {
        r.outcomes.iter().map(|o| (o.rule, &*o.detail)).collect()
    }

    /// Source: INV-35.3 — the §4.5 worked example: the caps allow equality; one fen more fails.
    #[test]
    fn worked_example_pure() {
        assert!(payment_check(&pay("1000000.00"), &worked_ledger()).outcomes.is_empty());
        let r = payment_check(&pay("1000000.01"), &worked_ledger());
        assert_eq!(details(&r), [(INV_35_3, "over_contract"), (INV_35_3, "over_progress")]);
        let mut l = worked_ledger();
        l.paid_total = yuan!("9400000.00");
        l.paid_budget_scope = yuan!("9400000.00");
        assert!(payment_check(&pay("100000.00"), &l).outcomes.is_empty());
        assert_eq!(details(&payment_check(&pay("100000.01"), &l)), [(INV_35_3, "over_budget")]);
        assert_eq!(r.rules[0], INV_35_3);
    }

    /// Source: INV-12.2 — not in the disbursement year's plan: default breach (pure: no exception).
    #[test]
    fn not_in_plan_pure() {
        let mut l = worked_ledger();
        l.in_plan = Some(false);
        let r = payment_check(&pay("1.00"), &l);
        assert_eq!(r.outcomes[0].kind, OutcomeKind::DefaultBreach);
        assert_eq!(details(&r), [(INV_12_2, "not_in_plan")]);
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

    /// Source: INV-55.2 — funding suspended under a cited 55.x finding blocks payments (violation of
    /// that rule); resumed, they pass. Recovery at most what was disbursed.
    #[test]
    fn funding_suspension_55() {
        let mut k = paying_project();
        k.ok(
            RecordManualFinding {
                detail: "fraud".into(),
                reference: doc(DocKind::Opinion, "审计-1"),
                rule_id: INV_55_2,
            },
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
}
