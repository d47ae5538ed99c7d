//! What every stream shares around its log (RULES.md §1.7): the chain check as an input error
//! (replay) and as a finding (audit), replay of stored entries, and the stream's JSON form.
//!
//! The four streams — [`InvestmentProject`](crate::investment::InvestmentProject),
//! [`AnnualPlan`](crate::investment::AnnualPlan), [`DigitalProject`](crate::digital::DigitalProject)
//! and [`DigCycle`](crate::digital::DigCycle) — judge differently but keep their logs alike; this
//! module is that common part, so a change to it reaches all four.

use chrono::NaiveDate;

use crate::error::{Error, InputError, InputReason};
use crate::finding::{Finding, FindingSource};
use crate::investment::project::{ReplayDifference, ReplayReport};
use crate::log::{ChainBreak, Log, LogEntry, verify_chain};
use crate::outcome::{Outcome, OutcomeKind};
use crate::rules::INV_57;
use crate::{Config, Context, WorkingDayCalendar};

/// The input error of a log whose chain does not verify (F-INV-57).
pub(crate) fn broken_chain(b: ChainBreak) -> InputError {
    InputError::new(
        format!("[{}]", b.seq.saturating_sub(1)),
        InputReason::BrokenChain,
        format!("hash chain broken at seq {} ({}) (F-INV-57)", b.seq, b.detail),
    )
}

/// F-INV-57 `hash_mismatch` when the log's chain does not verify.
pub(crate) fn chain_finding(log: &Log, as_of: NaiveDate, out: &mut Vec<Finding>) {
    if let Err(b) = verify_chain(log.entries()) {
        out.push(Finding::new(
            INV_57,
            OutcomeKind::Finding,
            "hash_mismatch",
            vec![b.seq],
            log.last_date().unwrap_or(as_of),
            FindingSource::Detected,
        ));
    }
}

/// Replays `entries` onto the empty stream `stream` (RULES.md §1.7): verifies the chain, then
/// re-applies every entry through `rejudge` (which re-judges it and keeps the stored entry,
/// whose outcomes and to-state stay authoritative) and reports where re-judging differs.
///
/// # Errors
/// [`Error::Input`] `broken_chain` when the chain does not verify; the first error `rejudge`
/// returns (an entry this stream cannot take).
pub(crate) fn replay_onto<S>(
    mut stream: S,
    entries: &[LogEntry],
    mut rejudge: impl FnMut(&mut S, &LogEntry) -> Result<Vec<Outcome>, Error>,
) -> Result<(S, ReplayReport), Error> {
    verify_chain(entries).map_err(broken_chain)?;
    let mut report = ReplayReport::default();
    for entry in entries {
        let rejudged = rejudge(&mut stream, entry)?;
        if rejudged != entry.outcomes() {
            report.differences.push(ReplayDifference { seq: entry.seq(), stored: entry.outcomes().to_vec(), rejudged });
        }
    }
    Ok((stream, report))
}

/// A stream as JSON: `{"schema_version":1,"machine":…,"config":{…},"log":[…]}` (rebuilt by
/// replay), plus `inputs` — what the stream reads from other streams (an investment project's
/// `plans`) — when given, so that the rebuilt stream equals this one.
pub(crate) fn stream_json(
    machine: &str,
    ctx: &Context,
    log: &Log,
    inputs: Option<(&str, serde_json::Value)>,
) -> String {
    let log: serde_json::Value = serde_json::to_value(log).unwrap_or_default();
    let mut doc = serde_json::json!({
        "schema_version": crate::json::SCHEMA_VERSION,
        "machine": machine,
        "config": ctx.config(),
        "log": log,
    });
    if let (Some((key, value)), Some(map)) = (inputs, doc.as_object_mut()) {
        map.insert(key.to_string(), value);
    }
    doc.to_string()
}

/// Parses [`stream_json`] output into a context (embedded calendar), a log (its chain is
/// verified by the replay that follows) and the stream's `inputs_key` entry, if any.
///
/// # Errors
/// [`Error::Input`] for malformed JSON, a future `schema_version`, a bad configuration or log.
pub(crate) fn parse_stream_json(
    json: &str,
    inputs_key: Option<&str>,
) -> Result<(Context, Log, Option<serde_json::Value>), Error> {
    let mut v = crate::json::parse_value(json)?;
    crate::json::check_schema_version(&v, "schema_version")?;
    let config = match v.get("config") {
        Some(c) => Config::from_json(&c.to_string())?,
        None => Config::default(),
    };
    let log = Log::from_value(v.get_mut("log").map(serde_json::Value::take).unwrap_or_else(|| serde_json::json!([])))?;
    let inputs = inputs_key.and_then(|k| v.get_mut(k)).map(serde_json::Value::take);
    Ok((Context::new(config, WorkingDayCalendar::embedded()), log, inputs))
}
