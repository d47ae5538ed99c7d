//! The decision functions of RULES.md §4 behind one JSON entry point.
//!
//! Bindings (C, Python, the CLI) and the shared fixture files call
//! [`decide_json`] with a function name of RULES.md §4 and a JSON request; the
//! result is the function's JSON result. Every result object carries `rules`
//! (the trace) and `outcomes`. Requests refuse unknown fields; amounts are
//! decimal strings; dates are ISO strings.

use crate::error::{Error, InputError, InputReason};

/// One registered decision function: its RULES.md §4 name and its JSON adapter.
pub struct Function {
    /// The §4 name, e.g. `approval_route`.
    pub name: &'static str,
    /// The RULES.md section, e.g. `§4.1`.
    pub section: &'static str,
    /// Request JSON value → result JSON value.
    pub call: fn(serde_json::Value, &crate::Context) -> Result<serde_json::Value, Error>,
}

/// Builds a [`Function`] from a typed function `f(Request, &Context) -> Result<Response, Error>`.
#[macro_export]
#[doc(hidden)]
macro_rules! decision {
    ($name:literal, $section:literal, $req:ty, $f:path) => {
        $crate::decide::Function {
            name: $name,
            section: $section,
            call: |v, ctx| {
                let req: $req = $crate::json::from_value(v, "")?;
                let res = $f(req, ctx)?;
                Ok(serde_json::to_value(res).unwrap_or_default())
            },
        }
    };
}

/// Every decision function, in RULES.md §4 order.
pub static FUNCTIONS: &[Function] = &[
    decision!(
        "approval_route",
        "§4.1",
        crate::investment::route::ApprovalRouteRequest,
        crate::investment::route::approval_route_request
    ),
    decision!(
        "estimate_excess_check",
        "§4.2",
        crate::investment::estimate::ExcessCheckRequest,
        crate::investment::estimate::estimate_excess_check
    ),
    decision!(
        "estimate_overrun_route",
        "§4.3",
        crate::investment::estimate::OverrunRouteRequest,
        crate::investment::estimate::estimate_overrun_route
    ),
    decision!(
        "change_route",
        "§4.4",
        crate::investment::change::ChangeRouteRequest,
        crate::investment::change::change_route
    ),
    decision!(
        "payment_check",
        "§4.5",
        crate::investment::payment::PaymentCheckRequest,
        crate::investment::payment::payment_check_request
    ),
    decision!(
        "plan_calendar",
        "§4.6",
        crate::investment::plan::PlanCalendarRequest,
        crate::investment::plan::plan_calendar
    ),
    decision!(
        "emergency_change_deadline",
        "§4.7",
        crate::investment::change::EmergencyDeadlineRequest,
        crate::investment::change::emergency_change_deadline
    ),
    decision!(
        "funding_mode_check",
        "§4.8",
        crate::investment::funding::FundingModeRequest,
        crate::investment::funding::funding_mode_request
    ),
    decision!(
        "subjective_overrun_deduction",
        "§4.9",
        crate::investment::accountability::DeductionRequest,
        crate::investment::accountability::subjective_overrun_deduction
    ),
    // §4.10 DIG
    decision!(
        "dig_demand_change_allowed",
        "§4.10",
        crate::digital::funding::DemandChangeRequest,
        crate::digital::funding::dig_demand_change_allowed
    ),
    decision!(
        "dig_emergency_add_ok",
        "§4.10",
        crate::digital::funding::EmergencyAddRequest,
        crate::digital::funding::dig_emergency_add_ok
    ),
    decision!(
        "dig_emergency_ok",
        "§4.10",
        crate::digital::funding::EmergencyRequest,
        crate::digital::funding::dig_emergency_ok
    ),
    decision!(
        "dig_initial_acceptance",
        "§4.10",
        crate::digital::funding::InitialAcceptanceRequest,
        crate::digital::funding::dig_initial_acceptance
    ),
    decision!(
        "dig_approval_path",
        "§4.10",
        crate::digital::funding::ApprovalPathRequest,
        crate::digital::funding::dig_approval_path
    ),
    decision!("dig_regime", "§4.10", crate::digital::funding::RegimeRequest, crate::digital::funding::dig_regime),
    decision!(
        "dig_dedicated_account_required",
        "§4.10",
        crate::digital::funding::DedicatedAccountRequest,
        crate::digital::funding::dig_dedicated_account_required
    ),
    decision!("inv_applies", "§4.10", crate::digital::funding::InvAppliesRequest, crate::digital::funding::inv_applies),
    decision!(
        "dig_inv_parts",
        "§4.10",
        crate::digital::funding::InvPartsRequest,
        crate::digital::funding::dig_inv_parts
    ),
];

/// The names of the decision functions.
pub fn names() -> Vec<&'static str> {
    FUNCTIONS.iter().map(|f| f.name).collect()
}

/// Evaluates the decision function `function` on a JSON request value.
///
/// # Errors
/// [`Error::Input`] for an unknown function or a malformed request; the function's own errors.
pub fn decide_value(
    function: &str,
    request: serde_json::Value,
    ctx: &crate::Context,
) -> Result<serde_json::Value, Error> {
    let f = FUNCTIONS.iter().find(|f| f.name == function).ok_or_else(|| {
        InputError::new(
            "function",
            InputReason::UnknownValue,
            format!("unknown decision function {function:?}; known: {}", names().join(", ")),
        )
    })?;
    let mut request = request;
    crate::json::check_schema_version(&request, "schema_version")?;
    if let Some(o) = request.as_object_mut() {
        o.remove("schema_version");
    }
    (f.call)(request, ctx)
}

/// Evaluates the decision function `function` on a JSON request text; returns the result JSON text.
///
/// # Errors
/// As [`decide_value`], plus malformed JSON.
pub fn decide_json(function: &str, request: &str, ctx: &crate::Context) -> Result<String, Error> {
    let v = crate::json::parse_value(request)?;
    Ok(decide_value(function, v, ctx)?.to_string())
}
