//! Payments (INV-35, 12.2, 31.1, 43, 45.2, 48.1, 55; RULES.md §4.5 `payment_check`) and the
//! lifecycle's three payment events: `request_payment`, `approve_payment`, `disburse_payment`.

use serde::{Deserialize, Serialize};

use crate::config::Context;
use crate::error::Error;
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
    /// A (F before A exists).
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
    let amount = p.amount.decimal();
    // (1) estimate: violation 35.3 over_estimate + violation 45.2.
    let over_estimate = l.estimate.is_some_and(|a| l.paid_total.decimal() + amount > a.decimal());
    j.require(INV_35_3, !over_estimate, "over_estimate");
    j.require(INV_45_2, !over_estimate, "over_estimate");
    // (2) budget.
    if p.in_budget_scope
        && let Some(b) = l.budget
    {
        j.require(INV_35_3, l.paid_budget_scope.decimal() + amount <= b.decimal(), "over_budget");
    }
    // (3), (4) contract ceiling, the pending deltas it may not draw on.
    j.trace(INV_43);
    j.trace(INV_48_1);
    let paid_here = if l.contract_ceiling.is_some() { l.paid_contract } else { l.paid_total };
    if let Some(c) = l.contract_ceiling {
        let excess = l.paid_contract.decimal() + amount - c.decimal();
        if excess > rust_decimal::Decimal::ZERO {
            let unreviewed = l.unreviewed.decimal();
            let unconsented = l.unconsented_43.decimal();
            if unreviewed > rust_decimal::Decimal::ZERO {
                j.require(INV_48_1, false, "no_finance_review");
            }
            if excess > unreviewed && unconsented > rust_decimal::Decimal::ZERO {
                j.require(INV_43, false, "no_gov_consent");
            }
            j.require(INV_35_3, excess <= unreviewed + unconsented, "over_contract");
        }
    }
    // (5) scope.
    j.require(INV_35_3, p.in_scope, "over_scope");
    // (6) progress.
    if let Some(cap) = p.progress_cap {
        j.require(INV_35_3, paid_here.decimal() + amount <= cap.decimal(), "over_progress");
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
        j.warn(INV_35_1, amount <= left.decimal(), "over_annual_plan");
    } else {
        j.trace(INV_35_1);
    }
    // (10) wages first (AMB-36).
    let wage_floor = p.amount.min(p.wages_due);
    j.require(INV_35_4, p.wage_share >= wage_floor, "wages_not_prioritised");
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
/// let pay = |a| PaymentFacts { amount: yuan!(a), in_budget_scope: true, in_scope: true,
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
use crate::investment::events::{ApprovePayment, DisbursePayment, RequestPayment};
use crate::investment::ledger::{PaymentRecord, PaymentStatus};
use crate::investment::plan::ProjectPlanStatus;
use crate::investment::project::{Call, Step, non_empty};

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
        let in_contract = contract.is_none_or(|k| k.items.is_empty() || k.items.contains(&rec.item_id));
        let in_approved = l.approved_items().is_none_or(|a| a.contains(&rec.item_id.as_str()));
        let facts = PaymentFacts {
            amount,
            in_budget_scope: rec.in_budget_scope,
            in_scope: in_contract && in_approved,
            progress_cap: Some(rec.progress_cap),
            wage_share,
            wages_due: rec.wages_due,
        };
        let (in_plan, plan_amount_left) = if self.parts {
            // INTERPRETATION: AMB-25, AMB-50 — a DIG project is "in plan" when tasked; no annual amount.
            (disbursement.then_some(l.dig_tasked), None)
        } else {
            let year = date.year();
            let entry = self.plans.entry(year).filter(|e| e.status == ProjectPlanStatus::PlanIssued);
            let left = entry.and_then(|e| e.annual_amount).map(|a| {
                let spent = l
                    .payments
                    .iter()
                    .filter(|p| p.disbursed_on.is_some_and(|x| x.year() == year))
                    .fold(Yuan::ZERO, |s, p| s.saturating_add(p.disbursed.unwrap_or_default()));
                a.saturating_sub(spent)
            });
            (disbursement.then_some(entry.is_some()), left)
        };
        let ledger = PaymentLedger {
            budget: if self.parts { None } else { l.budget_cap() },
            contract_ceiling: contract.map(|k| k.ceiling()),
            estimate: l.payment_estimate(),
            funding_suspended: if l.funding_suspended {
                Some(l.funding_suspended_rule.unwrap_or(INV_55_1))
            } else {
                None
            },
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

    fn payment_index(&self, id: &str) -> Result<usize, InputError> {
        self.ledger
            .payments
            .iter()
            .position(|p| p.request_id == id)
            .ok_or_else(|| InputError::new("facts.request_id", InputReason::UnknownId, "no such payment request"))
    }

    /// `request_payment` (INV-35.2): the unit's fund-use plan per progress and contract.
    pub(crate) fn request_payment(&mut self, p: &RequestPayment, c: &Call<'_>) -> Result<Step, Error> {
        non_empty(&p.request_id, "facts.request_id")?;
        non_empty(&p.item_id, "facts.item_id")?;
        if self.ledger.payment(&p.request_id).is_some() {
            return Err(InputError::new("facts.request_id", InputReason::UnknownId, "request id already used").into());
        }
        if let Some(k) = &p.contract_id
            && self.ledger.contract(k).is_none()
        {
            return Err(InputError::new("facts.contract_id", InputReason::UnknownId, "no such contract").into());
        }
        if p.amount.is_zero() || p.wage_share > p.amount {
            return Err(InputError::new(
                "facts.amount",
                InputReason::InvalidValue,
                "the amount is positive and the wage share at most the amount",
            )
            .into());
        }
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
            status: PaymentStatus::Requested,
            approved_on: None,
            disbursed: None,
            disbursed_on: None,
            disbursed_seq: None,
        });
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `approve_payment` (finance): §4.5 without its in_plan row (12.2 is judged at disbursement, AMB-50).
    pub(crate) fn approve_payment(&mut self, p: &ApprovePayment, c: &Call<'_>) -> Result<Step, Error> {
        let i = self.payment_index(&p.request_id)?;
        let rec = &self.ledger.payments[i];
        if rec.status != PaymentStatus::Requested {
            return Err(TransitionError::new("inv", c.from, "approve_payment", "not_pending").into());
        }
        let due = match self.ctx.config().disbursement_sla {
            Some(n) => Some(self.ctx.calendar().add_working_days(c.cmd.date, n).map_err(InputError::from)?),
            None => None,
        };
        let (facts, ledger) = self.payment_inputs(rec, rec.amount, rec.wage_share, c.cmd.date, false);
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_35_2, p.reference.is_valid(), "no_approval_document");
            judge_payment(&mut j, &facts, &ledger);
            j.verdict()?
        };
        let rec = &mut self.ledger.payments[i];
        rec.status = PaymentStatus::Approved;
        rec.approved_on = Some(c.cmd.date);
        if let Some(due) = due {
            self.obligations.open(c.seq, INV_54_2, "disbursement", p.request_id.clone(), c.cmd.date, due);
        }
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `disburse_payment` (finance): §4.5 on that date, 12.2 D by the disbursement year (AMB-50),
    /// 31.1/54.2 late or short → finding.
    pub(crate) fn disburse_payment(&mut self, p: &DisbursePayment, c: &Call<'_>) -> Result<Step, Error> {
        let i = self.payment_index(&p.request_id)?;
        let rec = &self.ledger.payments[i];
        if rec.status == PaymentStatus::Disbursed {
            return Err(TransitionError::new("inv", c.from, "disburse_payment", "already_disbursed").into());
        }
        if p.amount.is_zero() || p.amount > rec.amount || p.wage_account_amount > p.amount {
            return Err(InputError::new(
                "facts.amount",
                InputReason::InvalidValue,
                "the amount is positive, at most the request, and the wage-account amount at most the amount",
            )
            .into());
        }
        let (facts, ledger) = self.payment_inputs(rec, p.amount, p.wage_account_amount, c.cmd.date, true);
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_35_2, rec.status == PaymentStatus::Approved, "not_approved");
            judge_payment(&mut j, &facts, &ledger);
            j.trace(INV_31_1);
            let on_time = self.obligations.find_open("disbursement", &p.request_id).is_none_or(|o| c.cmd.date <= o.due);
            j.finding(INV_54_2, on_time, "late");
            j.finding(INV_54_2, p.amount == rec.amount, "short");
            j.verdict()?
        };
        let in_budget_scope = rec.in_budget_scope;
        let contract_id = rec.contract_id.clone();
        let l = &mut self.ledger;
        l.paid_total = l.paid_total.saturating_add(p.amount);
        if in_budget_scope {
            l.paid_budget_scope = l.paid_budget_scope.saturating_add(p.amount);
        }
        if let Some(k) = contract_id.as_deref().and_then(|id| l.contract_mut(id)) {
            k.paid = k.paid.saturating_add(p.amount);
        }
        let rec = &mut l.payments[i];
        rec.status = PaymentStatus::Disbursed;
        rec.disbursed = Some(p.amount);
        rec.disbursed_on = Some(c.cmd.date);
        rec.disbursed_seq = Some(c.seq);
        self.obligations.close("disbursement", &p.request_id, c.seq, c.cmd.date);
        Ok(Step { verdict, from: c.from, to: c.from })
    }
}
