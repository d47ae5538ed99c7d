//! 宛政〔2023〕7号 南阳市政府投资项目管理实施办法 — government investment projects (rule IDs `INV-*`).
//!
//! Effective 2023-06-01 (INV-60); earlier facts enter through `import_legacy`.
//!
//! | Chapter | Articles | Code |
//! |---|---|---|
//! | 一 总则 | 1–10 | [`events`] (registration), [`funding`] (INV-3/5, §4.8), [`lifecycle`] (actors, INV-8, 9) |
//! | 二 政府投资决策 | 11–26 | [`route`] (INV-13–16, §4.1), [`approval`] (INV-13–26), [`project`] |
//! | stage gates | 6, 23.1, 26, 32.1, 33, 35.3 | [`gates`] (RULES.md §3.3: lot classes, the INV matrix) |
//! | 三 年度计划 | 27–31 | [`plan`] (vocabulary, §4.6), [`annual_plan`] (the `plan/<P>` machine) |
//! | 四 项目实施 | 32–39 | [`implementation`], [`payment`] (INV-35, §4.5), `price_adjustment` (INV-36, §3.5 D3) |
//! | 五 工程变更 | 40–44 | [`change`] (handlers: `change_handlers.rs`) |
//! | 六 概算管理 | 45–50 | [`estimate`] (handlers: `adjustment_handlers.rs`), [`accountability`] |
//! | sub-machines | 40–50 | [`submachine`] (parts mode, payment buckets, hooks, findings) |
//! | 七 监督检查和法律责任 | 51–58 | [`implementation`] (55–58 acts), `detect` (lifecycle findings, §5) |
//! | 八 附则 | 59–60 | [`inv_applies`] |
//!
//! The lifecycle (standard route; other routes skip steps, RULES.md §3.1.2):
//!
//! ```text
//!  register_project
//!        │
//!        ▼
//!    reserve ─submit_proposal─▶ proposal_review ─approve_proposal─▶ proposal_approved
//!        │                                                               │
//!        └──────────────submit_fsr (direct/simplified routes)───────────┤submit_fsr
//!                                                                        ▼
//!   fsr_rework ◀─decide_estimate_excess─ fsr_approved ◀─approve_fsr── fsr_review
//!                                           │ submit_design
//!                                           ▼
//!                     design_review ─approve_design + verify_estimate─▶ design_approved
//!                                                                          │ complete_cd_review
//!                                                                          ▼
//!   budget_approved ◀─approve_budget── budget_review ◀─submit_budget── cd_reviewed
//!        │ issue_tender
//!        ▼
//!   procurement ─start_construction─▶ under_construction ─complete_works─▶ works_completed
//!                                                                            │ pass_acceptance
//!                                                                            ▼
//!   closed ◀─return_surplus/register_assets── final_accounts_done ◀── settled ◀── accepted
//! ```
//! Side states: `suspended` (INV-55), terminal `stopped` and `withdrawn`.
//!
//! Routes (INV-13–16, [`route::approval_route`]): `direct_fsr` skips the proposal;
//! `simplified_fsr_only` and `emergency_merged` (and a waived design/estimate) go from
//! `fsr_approved` straight to `cd_reviewed` or `budget_review`, with A := A0 := F (AMB-5). EPC
//! tenders move to `procurement` earlier, and CD review and budget then run inside it (AMB-24).
//!
//! **AMB-25 parts mode.** A budget-funded DIG project runs some INV events (contracts, W,
//! contingency, payments, funding suspension and recovery, incidents, liability, recourse) on
//! its own log: the DIG machine embeds an `InvestmentProject::dig_parts` (crate-internal),
//! feeds it A := A0 := the approved FSR total and the "tasked" flag, and calls its `step`;
//! the lifecycle table is skipped there, soe acts as project_unit and bigdata_bureau as
//! industry_authority, and there is no B cap.

pub mod accountability;
mod adjustment_handlers;
pub mod annual_plan;
pub mod applies;
pub mod approval;
mod bench_hooks;
pub mod change;
mod change_handlers;
mod detect;
pub mod estimate;
pub mod events;
pub mod funding;
pub mod gates;
pub mod implementation;
pub mod ledger;
pub mod lifecycle;
pub mod payment;
pub mod plan;
mod price_adjustment;
pub mod project;
#[cfg(test)]
mod props;
pub mod route;
pub mod submachine;
#[cfg(test)]
mod submachine_tests;
#[cfg(test)]
pub(crate) mod testkit;

pub use accountability::{AccState, AccountabilityEvent};
pub use annual_plan::AnnualPlan;
pub use change::{ChangeEvent, ChangeState};
pub use estimate::{AdjState, AdjustmentEvent};
pub use events::InvEvent;
pub use lifecycle::InvState;
pub use plan::{PlanEvent, PlanState};
pub use project::InvestmentProject;

use chrono::NaiveDate;

/// INV-60: the regulation applies to events on or after 2023-06-01.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// assert!(!wanzheng::investment::inv_applies(NaiveDate::from_ymd_opt(2023, 5, 31).unwrap()));
/// assert!(wanzheng::investment::inv_applies(NaiveDate::from_ymd_opt(2023, 6, 1).unwrap()));
/// ```
pub fn inv_applies(date: NaiveDate) -> bool {
    date >= EFFECTIVE
}

/// 2023-06-01, the effective date of 宛政〔2023〕7号 (INV-60).
pub const EFFECTIVE: NaiveDate = match NaiveDate::from_ymd_opt(2023, 6, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
