//! 宛政办〔2023〕12号 南阳市数字政府和新型智慧城市项目建设管理暂行办法 — Nanyang Interim Measures
//! for Digital Government and New Smart City Project Construction Management (rule IDs `DIG-*`).
//!
//! Issued 2023-04-23 by the municipal government's general office and effective on issuance
//! ([`dig_applies`], DIG-32); projects under construction with funds in place before that day keep
//! the original mechanism ([`funding::regime_of`], DIG-31, state `dig_legacy`).
//!
//! | Chapter | Articles | Code |
//! |---|---|---|
//! | 一 总则 | 1–4 | [`project`] (the machine, its pipeline, registration: scope DIG-3.1, county plans 3.3), [`funding`] (DIG-31, 32) |
//! | 二 职责分工 | 5–12 | [`roles`] (actors and wrong-actor rules) |
//! | 三 实施流程 | 13 | [`cycle`] (the annual cycle, DIG-13.1–13.3, 13.7 D), [`demand`] (demand plan 13.4–13.6, task book, emergency addition 13.7; §4.10 `dig_demand_change_allowed`, `dig_emergency_add_ok`) |
//! | | 14, 18 | [`approval`] (approval chain 14, drc filing 14.5, case-by-case 18; §4.10 `dig_approval_path`, `dig_emergency_ok`) |
//! | | 15–16 | [`construction`] (15, INV-55 acts), [`acceptance`] (16; §4.10 `dig_initial_acceptance`) |
//! | 四 运维管理 | 19–20 | [`acceptance`] (`deliver`) |
//! | 五 安全管理 | 21–23 | [`security`] (DIG-11, 21) |
//! | 六 资金管理 | 24–28 | [`funding`] (DIG-24.2, 26.2, 27.1; §4.10 `dig_regime`, `dig_dedicated_account_required`, `dig_inv_parts`) |
//! | 七 绩效评价 | 29–30 | [`findings`] (`evaluate`), [`cycle`] (`annual_assessment`) |
//! | 八 附则 | 31–32 | [`funding`] |
//! | AMB-25 | INV parts | [`parts`] (payment, change, adjustment, accountability of budget-funded projects) |
//!
//! The annual cycle `dig_cycle/<P>` ([`DigCycle`]) collects demands in mid-October of P−1 and ends
//! with the executive meeting's approval of next year's tasks; a project ([`DigitalProject`],
//! machine `dig`) is tasked only from an approved cycle (DIG-13.3) or by an emergency addition with
//! both leaders' consents (DIG-13.7):
//!
//! ```text
//!  register_dig_project ──(DIG-31 legacy)──▶ dig_legacy
//!        │
//!        ▼
//!  registered ─submit_demand_plan─▶ demand_submitted ─issue_task_book─▶ tasked ◀─emergency_add─ registered,
//!        ▲                                │                               │        (both consents)  demand_submitted,
//!        └──── not_tasked ◀───────────────┘ (not approved)                │                        not_tasked
//!                                                                         │ form_proposed_list (soe + center)
//!                                                                         ▼
//!  fsr_drafted ◀─compile_fsr─ demand_confirmed ◀─confirm_demand─ listed
//!     │ center_review_fsr {consent}            ▲ refuse / refuse_fsr
//!     ▼                                        │
//!  fsr_center_cleared ─approve_fsr─▶ fsr_approved ─start_construction─▶ under_construction ⇄ suspended
//!                                                                         │ complete_construction
//!                                                                         ▼
//!  in_trial_run ◀─start_trial_run─ initially_accepted ◀─pass_initial_acceptance─ construction_completed
//!     │  ▲ last rectify_issue                                  fail_initial_acceptance → under_construction
//!     │  └── rectification ◀─report_issue / fail_final_acceptance
//!     ▼ pass_final_acceptance
//!  final_accepted ─sign_off─▶ signed_off ─deliver─▶ in_operation (terminal, facts)
//! ```
//! Terminal also: `stopped` (INV-55, budget-funded projects only) and `withdrawn`.
//!
//! Budget-funded projects (special fund, higher-level funds; [`funding::inv_parts`]) also carry
//! the investment regulation's payment, change, adjustment and accountability parts (AMB-25), with
//! warning DIG-32 `amb25_pending_ruling` until `amb25_ruling_ref` is configured; self-funded soe
//! projects never do (DIG-14.5).

pub mod acceptance;
pub mod approval;
mod bench_hooks;
pub mod construction;
pub mod cycle;
pub mod demand;
pub mod events;
pub mod findings;
pub mod funding;
pub mod ledger;
pub mod lifecycle;
pub mod parts;
pub mod project;
#[cfg(test)]
mod props;
pub mod roles;
pub mod security;
#[cfg(test)]
pub(crate) mod testkit;

pub use cycle::{CycleInputs, CycleView, DigCycle, DigCycleState, demand_window};
pub use events::{DigCycleEvent, DigCycleEventKind, DigEvent, DigEventKind};
pub use funding::{EFFECTIVE, Regime, dig_applies};
pub use ledger::DigLedger;
pub use lifecycle::DigState;
pub use project::DigitalProject;
