//! The decision functions of RULES.md §4 behind one JSON entry point.
//!
//! Bindings (C, Python, the CLI) and the shared fixture files call
//! [`decide_json`] with a function name of RULES.md §4 and a JSON request; the
//! result is the function's JSON result. Every result object carries `rules`
//! (the trace) and `outcomes`, and `ruleset`, the version of the rule parameters it used
//! ([`crate::ruleset`]; a request may name the day whose version applies with `as_of`).
//! Requests refuse unknown fields; amounts are decimal strings; dates are ISO strings.

use crate::error::{Error, InputError, InputReason};

/// One registered decision function: its RULES.md §4 name and its JSON adapter.
pub struct Function {
    /// The §4 name, e.g. `approval_route`.
    pub name: &'static str,
    /// The RULES.md section, e.g. `§4.1`.
    pub section: &'static str,
    /// Request JSON value → result JSON value.
    pub call: fn(serde_json::Value, &crate::Context) -> Result<serde_json::Value, Error>,
    /// The JSON Schema of the request (its `$defs` go to the generator), for
    /// `schema/wanzheng.schema.json` (`decisions`) and the bindings generated from it.
    pub request_schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
    /// The request's strict and lenient date fields ([`crate::event::date_fields`]).
    #[cfg(test)]
    pub(crate) request_dates: fn() -> (usize, Vec<String>),
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
            request_schema: |g| g.subschema_for::<$req>(),
            #[cfg(test)]
            request_dates: $crate::event::date_fields::<$req>,
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
        crate::digital::demand::DemandChangeRequest,
        crate::digital::demand::dig_demand_change_allowed
    ),
    decision!(
        "dig_emergency_add_ok",
        "§4.10",
        crate::digital::demand::EmergencyAddRequest,
        crate::digital::demand::dig_emergency_add_ok
    ),
    decision!(
        "dig_emergency_ok",
        "§4.10",
        crate::digital::approval::EmergencyRequest,
        crate::digital::approval::dig_emergency_ok
    ),
    decision!(
        "dig_initial_acceptance",
        "§4.10",
        crate::digital::acceptance::InitialAcceptanceRequest,
        crate::digital::acceptance::dig_initial_acceptance
    ),
    decision!(
        "dig_approval_path",
        "§4.10",
        crate::digital::approval::ApprovalPathRequest,
        crate::digital::approval::dig_approval_path
    ),
    decision!("dig_regime", "§4.10", crate::digital::funding::RegimeRequest, crate::digital::funding::dig_regime),
    decision!(
        "dig_dedicated_account_required",
        "§4.10",
        crate::digital::funding::DedicatedAccountRequest,
        crate::digital::funding::dig_dedicated_account_required
    ),
    decision!(
        "inv_applies",
        "§4.10",
        crate::investment::applies::InvAppliesRequest,
        crate::investment::applies::inv_applies
    ),
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

/// The registered function named `function`.
///
/// # Errors
/// [`Error::Input`] (reason `unknown_value`) when no §4 function has that name.
pub fn lookup(function: &str) -> Result<&'static Function, Error> {
    FUNCTIONS.iter().find(|f| f.name == function).ok_or_else(|| {
        InputError::new(
            "function",
            InputReason::UnknownValue,
            format!("unknown decision function {}; known: {}", crate::error::echo(function), names().join(", ")),
        )
        .into()
    })
}

impl Function {
    /// Evaluates this function on a JSON request value (checking and removing `schema_version`).
    ///
    /// # Errors
    /// [`Error::Input`] for a malformed request or a future `schema_version`; the function's own errors.
    pub fn call_value(&self, request: serde_json::Value, ctx: &crate::Context) -> Result<serde_json::Value, Error> {
        let mut request = request;
        crate::json::check_schema_version(&request, "schema_version")?;
        let mut as_of = None;
        if let Some(o) = request.as_object_mut() {
            o.remove("schema_version");
            as_of = o.remove("as_of");
        }
        // `as_of` (optional, every function): the version of the rule parameters in force on that
        // day judges the request (issue 10). Without it, a function with a date of its own uses
        // the version in force on that date, and one without uses the newest version loaded.
        let pinned;
        let ctx = match as_of {
            None => ctx,
            Some(v) => {
                let d = v
                    .as_str()
                    .ok_or_else(|| "as_of is not an ISO date string".to_string())
                    .and_then(crate::date::parse)
                    .map_err(|m| InputError::new("as_of", InputReason::InvalidValue, m))?;
                pinned = ctx.pinned_at(d);
                &pinned
            }
        };
        let mut result = (self.call)(request, ctx)?;
        if let Some(o) = result.as_object_mut()
            && !o.contains_key("ruleset")
        {
            let version = ctx.decision_ruleset().version.to_string();
            o.insert("ruleset".into(), serde_json::Value::String(version));
        }
        Ok(result)
    }

    /// Evaluates this function on every request of a JSON array; see [`decide_batch_value`].
    ///
    /// # Errors
    /// [`Error::Input`] (reason `schema`) when `requests` is not an array.
    pub fn call_batch(&self, requests: serde_json::Value, ctx: &crate::Context) -> Result<serde_json::Value, Error> {
        let serde_json::Value::Array(items) = requests else {
            return Err(InputError::new("", InputReason::Schema, "a batch is a JSON array of requests").into());
        };
        let out = items
            .into_iter()
            .map(|req| match self.call_value(req, ctx) {
                Ok(result) => serde_json::json!({"ok": true, "result": result}),
                Err(e) => serde_json::json!({"ok": false, "error": e.to_json_value()}),
            })
            .collect();
        Ok(serde_json::Value::Array(out))
    }

    /// As [`Function::call_batch`] on JSON text, streaming: each request is parsed, judged and
    /// written before the next is read. The output equals `call_batch(parse(requests))` as text.
    ///
    /// # Errors
    /// [`Error::Input`]: malformed JSON, or (reason `schema`) text that is not an array.
    pub fn call_batch_json(&self, requests: &str, ctx: &crate::Context) -> Result<String, Error> {
        use serde::de::DeserializeSeed;
        let mut out = Vec::with_capacity(requests.len().saturating_mul(4).min(1 << 24));
        out.push(b'[');
        crate::json::parse_with(requests, |strict, de| {
            BatchSeed { f: self, ctx, strict, out: &mut out }.deserialize(&mut *de)?;
            de.end()
        })?;
        out.push(b']');
        String::from_utf8(out).map_err(|e| {
            InputError::new("", InputReason::InvalidUtf8, format!("batch output is not UTF-8: {e}")).into()
        })
    }
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
    lookup(function)?.call_value(request, ctx)
}

/// Evaluates the decision function `function` on a JSON request text; returns the result JSON text.
///
/// # Errors
/// As [`decide_value`], plus malformed JSON.
pub fn decide_json(function: &str, request: &str, ctx: &crate::Context) -> Result<String, Error> {
    let v = crate::json::parse_value(request)?;
    Ok(decide_value(function, v, ctx)?.to_string())
}

/// Evaluates `function` on every request of a JSON array, in order (for bindings that pay per
/// call, such as Java through JNA).
///
/// Returns one item per request: `{"ok": true, "result": {…}}`, or `{"error": {…}, "ok": false}`
/// with the error as [`Error::to_json_value`] gives it. A failing item does not stop the batch.
///
/// # Errors
/// [`Error::Input`] for an unknown function (reason `unknown_value`) or when `requests` is not an
/// array (reason `schema`); per-item errors are reported in the items instead.
///
/// # Example
/// ```
/// let ctx = wanzheng::Context::default();
/// let err = wanzheng::decide::decide_batch_value("no_such_function", serde_json::json!([]), &ctx);
/// assert!(err.is_err());
/// ```
pub fn decide_batch_value(
    function: &str,
    requests: serde_json::Value,
    ctx: &crate::Context,
) -> Result<serde_json::Value, Error> {
    lookup(function)?.call_batch(requests, ctx)
}

/// As [`decide_batch_value`] on JSON text; returns the JSON text of the result array (the same
/// text as `decide_batch_value(…).to_string()`). Streams: each request is parsed, judged and
/// written before the next is read.
///
/// # Errors
/// As [`decide_batch_value`] (the function is looked up first), plus malformed JSON.
pub fn decide_batch_json(function: &str, requests: &str, ctx: &crate::Context) -> Result<String, Error> {
    lookup(function)?.call_batch_json(requests, ctx)
}

/// Streams a batch: each request is parsed, judged and written before the next is read, so a
/// large batch never holds all its requests and results as JSON trees at once.
struct BatchSeed<'a> {
    f: &'a Function,
    ctx: &'a crate::Context,
    /// Reads each request (duplicate keys and deep nesting refused, with the request's index).
    strict: crate::json::Strict<'a>,
    out: &'a mut Vec<u8>,
}

impl<'de> serde::de::DeserializeSeed<'de> for BatchSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for BatchSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON array of requests")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut first = true;
        let mut index = 0;
        while let Some(request) = self.strict.element(&mut seq, index)? {
            index += 1;
            if !first {
                self.out.push(b',');
            }
            first = false;
            // Writing into a Vec cannot fail; our values always serialise.
            match self.f.call_value(request, self.ctx) {
                Ok(result) => {
                    self.out.extend_from_slice(br#"{"ok":true,"result":"#);
                    let _ = serde_json::to_writer(&mut *self.out, &result);
                }
                Err(e) => {
                    // Keys in the sorted order a JSON object value prints them.
                    self.out.extend_from_slice(br#"{"error":"#);
                    let _ = serde_json::to_writer(&mut *self.out, &e.to_json_value());
                    self.out.extend_from_slice(br#","ok":false"#);
                }
            }
            self.out.push(b'}');
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// Every date of every §4 request, nested ones too, reads through the strict parser
    /// (RULES.md §1.4): `2023-7-3` is refused, whatever the fixtures use.
    #[test]
    fn request_dates_are_strict() {
        let mut strict = 0;
        let mut lenient = Vec::new();
        for f in super::FUNCTIONS {
            let (s, l) = (f.request_dates)();
            strict += s;
            lenient.extend(l.into_iter().map(|field| format!("{}: {field}", f.name)));
        }
        assert!(lenient.is_empty(), "request dates that take 2023-7-3: {lenient:?}");
        assert!(strict >= 5, "only {strict} request dates found");
    }

    use super::*;
    use serde_json::json;

    fn echo(v: serde_json::Value, _: &crate::Context) -> Result<serde_json::Value, Error> {
        if v.get("fail").is_some() {
            return Err(InputError::new("fail", InputReason::InvalidValue, "asked to fail").into());
        }
        Ok(json!({"echo": v, "rules": [], "outcomes": []}))
    }

    const ECHO: Function = Function {
        name: "echo",
        section: "test",
        call: echo,
        request_schema: |g| g.subschema_for::<serde_json::Value>(),
        request_dates: crate::event::date_fields::<()>,
    };

    #[test]
    fn batch_keeps_order_and_reports_item_errors_inline() {
        let ctx = crate::Context::default();
        let out = ECHO
            .call_batch(json!([{"a": 1}, {"fail": true}, {"schema_version": 1, "b": 2}, {"schema_version": 9}]), &ctx)
            .unwrap();
        let items = out.as_array().unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(
            items[0],
            json!({"ok": true, "result": {"echo": {"a": 1}, "rules": [], "outcomes": [], "ruleset": "2023"}})
        );
        assert_eq!(items[1]["ok"], json!(false));
        assert_eq!(items[1]["error"]["reason"], json!("invalid_value"));
        assert_eq!(items[2]["result"]["echo"], json!({"b": 2}));
        assert_eq!(items[3]["error"]["reason"], json!("future_schema_version"));
    }

    #[test]
    fn streamed_batch_text_equals_the_value_batch() {
        let ctx = crate::Context::default();
        for text in ["[]", r#"[{"a":1},{"fail":true},[1,2],"x",{"schema_version":9},{"schema_version":1,"b":"二"}]"#] {
            let streamed = ECHO.call_batch_json(text, &ctx).unwrap();
            let whole = ECHO.call_batch(serde_json::from_str(text).unwrap(), &ctx).unwrap();
            assert_eq!(streamed, whole.to_string(), "{text}");
        }
        for (bad, reason) in [
            ("{\"a\":1}", InputReason::Schema),
            ("[{\"a\":1},", InputReason::MalformedJson),
            ("[] []", InputReason::MalformedJson),
            ("", InputReason::MalformedJson),
        ] {
            let e = ECHO.call_batch_json(bad, &ctx).unwrap_err();
            assert!(matches!(e, Error::Input(ref i) if i.reason == reason), "{bad}: {e}");
        }
    }

    #[test]
    fn batch_refuses_a_non_array_and_an_unknown_function() {
        let ctx = crate::Context::default();
        let e = ECHO.call_batch(json!({"a": 1}), &ctx).unwrap_err();
        assert!(matches!(e, Error::Input(ref i) if i.reason == InputReason::Schema));
        let e = decide_batch_json("no_such_function", "[]", &ctx).unwrap_err();
        assert!(matches!(e, Error::Input(ref i) if i.reason == InputReason::UnknownValue));
        // The function is looked up before the requests are read.
        let e = decide_batch_json("no_such_function", "[", &ctx).unwrap_err();
        assert!(matches!(e, Error::Input(ref i) if i.reason == InputReason::UnknownValue));
    }
}
