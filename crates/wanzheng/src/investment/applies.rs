//! RULES.md §4.10 `inv_applies`: whether 宛政〔2023〕7号 applies to an act (INV-60), as a
//! decision function (the date test itself is [`crate::investment::inv_applies`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::Context;
use crate::error::Error;
use crate::outcome::Outcome;
use crate::rule::RuleId;
use crate::rules::INV_60;

/// Request of [`inv_applies`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvAppliesRequest {
    /// The date of the act.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// Result of [`inv_applies`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InvAppliesDecision {
    /// 宛政〔2023〕7号 applies.
    pub applies: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// None.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `inv_applies(date)` = date ≥ 2023-06-01 (INV-60).
///
/// # Errors
/// None besides the request's own shape.
pub fn inv_applies(req: InvAppliesRequest, _ctx: &Context) -> Result<InvAppliesDecision, Error> {
    Ok(InvAppliesDecision { applies: super::inv_applies(req.date), rules: vec![INV_60], outcomes: Vec::new() })
}
