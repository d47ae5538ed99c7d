//! 宛政办〔2023〕12号 南阳市数字政府和新型智慧城市项目建设管理暂行办法 — digital-government and
//! smart-city projects (rule IDs `DIG-*`). Effective on issuance, 2023-04-23 (DIG-32).

use serde::{Deserialize, Serialize};

use crate::event::{event_enum, state_enum};
use crate::log::MachineId;

state_enum! {
    /// States of a digital project (RULES.md §3.2.3).
    pub enum DigState {
        /// Registered.
        Registered = "registered",
        /// Legacy project under the original mechanism (DIG-31; terminal, not judged).
        DigLegacy = "dig_legacy",
    }
}

state_enum! {
    /// States of a DIG annual cycle (RULES.md §3.2.2).
    pub enum DigCycleState {
        /// Demands collected (DIG-13.1).
        DemandsCollected = "demands_collected",
    }
}

/// `review_county_plan` (bigdata_bureau, fact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewCountyPlan {
    /// The county.
    pub county: String,
    /// The review.
    #[serde(rename = "ref")]
    pub reference: crate::actor::DocRef,
    /// The plan year.
    pub year: i32,
}

/// `withdraw_project` (demand_unit or soe).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawDigProject {
    /// Why.
    pub reason: String,
}

event_enum! {
    /// Events of the `dig` project machine (RULES.md §3.2.4 (b)).
    pub enum DigEvent, kind DigEventKind, machine MachineId::Dig {
        /// Every non-terminal before in_operation → withdrawn.
        WithdrawProject(WithdrawDigProject) = "withdraw_project",
    }
}

event_enum! {
    /// Events of the `dig_cycle` machine (RULES.md §3.2.4 (a)).
    pub enum DigCycleEvent, kind DigCycleEventKind, machine MachineId::DigCycle {
        /// Fact.
        ReviewCountyPlan(ReviewCountyPlan) = "review_county_plan",
    }
}
