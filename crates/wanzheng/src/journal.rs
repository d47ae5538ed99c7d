//! What every stream shares around its log (RULES.md §1.7): the chain check as an input error
//! (replay) and as a finding (audit), replay of stored entries, and the stream's JSON form.
//!
//! The four streams — [`InvestmentProject`](crate::investment::InvestmentProject),
//! [`AnnualPlan`](crate::investment::AnnualPlan), [`DigitalProject`](crate::digital::DigitalProject)
//! and [`DigCycle`](crate::digital::DigCycle) — judge differently but keep their logs alike; this
//! module is that common part, so a change to it reaches all four.

use chrono::NaiveDate;

use crate::anchor::{OnDifference, ReplayOptions};
use crate::error::{Error, InputError, InputReason};
use crate::finding::{Finding, FindingSource};
use crate::log::{ChainBreak, Log, LogEntry, verify_chain};
use crate::machine::kernel::{ReplayDifference, ReplayReport};
use crate::outcome::{Outcome, OutcomeKind, Transition};
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

/// Replays `entries` onto the empty stream `stream` (RULES.md §1.7): verifies the chain, checks
/// it against what `options` expects (length, head, keyed checkpoints; [`ReplayOptions::check`]),
/// then re-applies every entry through `rejudge` (which re-judges it and keeps the stored entry)
/// and compares the re-judged outcomes and states with the stored ones. A difference is an error
/// ([`OnDifference::Error`], the default) or, in report mode, listed in the report; it is never
/// silently accepted.
///
/// # Errors
/// [`Error::Input`] `broken_chain` when the chain does not verify; `head_mismatch`,
/// `anchor_mismatch` or `invalid_value` from the options' checks; `replay_difference` naming the
/// first entry judged differently (error mode); the first error `rejudge` returns (an entry this
/// stream cannot take).
pub(crate) fn replay_onto<S>(
    mut stream: S,
    entries: &[LogEntry],
    options: &ReplayOptions,
    mut rejudge: impl FnMut(&mut S, &LogEntry) -> Result<Transition, Error>,
) -> Result<(S, ReplayReport), Error> {
    verify_chain(entries).map_err(broken_chain)?;
    options.check(entries)?;
    let mut report = ReplayReport::default();
    for entry in entries {
        let t = rejudge(&mut stream, entry)?;
        let states_differ = t.from != entry.from() || t.to != entry.to();
        if t.outcomes != entry.outcomes() || states_differ {
            let (stored_transition, rejudged_transition) = if states_differ {
                (Some(format!("{} -> {}", entry.from(), entry.to())), Some(format!("{} -> {}", t.from, t.to)))
            } else {
                (None, None)
            };
            report.differences.push(ReplayDifference {
                seq: entry.seq(),
                stored: entry.outcomes().to_vec(),
                rejudged: t.outcomes,
                stored_transition,
                rejudged_transition,
            });
        }
    }
    if options.differences == OnDifference::Error
        && let Some(first) = report.differences.first()
    {
        return Err(replay_difference(first, report.differences.len()).into());
    }
    Ok((stream, report))
}

/// The input error of a replay whose entry `d` (one of `count`) was judged differently.
fn replay_difference(d: &ReplayDifference, count: usize) -> InputError {
    let list = |o: &[Outcome]| {
        if o.is_empty() {
            "none".to_string()
        } else {
            o.iter().map(|o| format!("{} {} {}", o.rule, o.kind.as_str(), o.detail)).collect::<Vec<_>>().join(", ")
        }
    };
    let states = match (&d.stored_transition, &d.rejudged_transition) {
        (Some(s), Some(r)) => format!("; stored transition {s}, re-judged {r}"),
        _ => String::new(),
    };
    InputError::new(
        format!("[{}]", d.seq.saturating_sub(1)),
        InputReason::ReplayDifference,
        format!(
            "entry seq {} is not what the rules give: stored outcomes [{}], re-judged [{}]{states}; {count} \
             entr{} differ{} (F-INV-57; replay in report mode to list them)",
            d.seq,
            list(&d.stored),
            list(&d.rejudged),
            if count == 1 { "y" } else { "ies" },
            if count == 1 { "s" } else { "" },
        ),
    )
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
    // Amended rule versions (issue 10) travel with the document so that it is rebuilt under
    // the versions that judged it; a document under the built-in version alone is unchanged.
    if !ctx.rulebook().is_builtin_only()
        && let Some(map) = doc.as_object_mut()
    {
        let sets: Vec<&crate::ruleset::RuleSet> =
            ctx.rulebook().versions().iter().filter(|s| !s.is_builtin()).map(|s| &**s).collect();
        map.insert("rulesets".into(), serde_json::to_value(sets).unwrap_or_default());
    }
    doc.to_string()
}

/// Reads what a replay is given: a log (a JSON array of entries) or a stream document of
/// [`stream_json`] (`{"machine":…,"config":…,"log":[…],…}`), whose `inputs_key` entry (what
/// the stream read from other streams when it was judged, e.g. an investment project's `plans`)
/// comes back with the log, so that re-judging sees what judging saw. The document's `config`
/// is not used: the caller's context is the one re-judged under.
///
/// # Errors
/// [`Error::Input`]: malformed JSON, a future `schema_version`, a document of another machine
/// (`wrong_stream`), neither an array nor an object with a `log`, a bad log (paths under `log`).
pub(crate) fn parse_log_or_stream(
    text: &str,
    machine: &str,
    inputs_key: Option<&str>,
) -> Result<(Log, Option<serde_json::Value>), Error> {
    let mut v = crate::json::parse_value(text)?;
    if v.is_array() {
        return Ok((Log::from_value(v)?, None));
    }
    let Some(doc) = v.as_object_mut() else {
        return Err(
            InputError::new("", InputReason::Schema, "a log is a JSON array of entries or a project document").into()
        );
    };
    if let Some(version) = doc.get("schema_version") {
        crate::json::check_schema_version(&serde_json::json!({ "schema_version": version }), "schema_version")?;
    }
    match doc.get("machine") {
        None => {}
        Some(serde_json::Value::String(m)) if m == machine => {}
        Some(_) => {
            return Err(InputError::new(
                "machine",
                InputReason::WrongStream,
                format!("a project document of another machine (this one reads {machine})"),
            )
            .into());
        }
    }
    let Some(log) = doc.get_mut("log").map(serde_json::Value::take) else {
        return Err(InputError::new("log", InputReason::Schema, "a project document has a log").into());
    };
    let log = Log::from_value(log).map_err(|mut e| {
        e.path = format!("log{}", if e.path.starts_with('[') { e.path.clone() } else { format!(".{}", e.path) });
        e
    })?;
    Ok((log, inputs_key.and_then(|k| doc.get_mut(k)).map(serde_json::Value::take)))
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
    let config = match v.get_mut("config") {
        Some(c) => Config::from_value(c.take(), "config")?,
        None => Config::default(),
    };
    let log = Log::from_value(v.get_mut("log").map(serde_json::Value::take).unwrap_or_else(|| serde_json::json!([])))?;
    let inputs = inputs_key.and_then(|k| v.get_mut(k)).map(serde_json::Value::take);
    let mut ctx = Context::new(config, WorkingDayCalendar::embedded());
    if let Some(sets) = v.get("rulesets") {
        ctx.load_rulesets_value(sets, "rulesets")?;
    }
    Ok((ctx, log, inputs))
}

#[cfg(test)]
mod tests {
    use crate::investment::InvestmentProject;
    use crate::{Context, Workspace};

    /// The violations example: a project judged against its plan entries (INV-12.2, 34).
    fn example_project() -> InvestmentProject {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../../examples/investment/violations.json")).unwrap();
        let mut ws = Workspace::new(Context::default());
        for cmd in doc["commands"].as_array().unwrap() {
            let _ = ws.apply_json(&cmd.to_string());
        }
        ws.investments().next().unwrap().1.clone()
    }

    /// Source: INV-57 (replay of an untouched log reports nothing; issue 12: the C replay of the
    /// example's log listed 2 differences — its plan entries were missing).
    #[test]
    fn an_untouched_project_document_replays_without_differences() {
        let p = example_project();
        let (q, report) = InvestmentProject::replay_json(Context::default(), &p.to_json()).unwrap();
        assert!(report.differences.is_empty(), "{report:?}");
        assert_eq!(q, p);
        // The bare log has no plan entries: re-judged without them, INV-12.2 reads differently,
        // and the report says where.
        let (_, bare) = InvestmentProject::replay_json(Context::default(), &p.log().to_json()).unwrap();
        assert_eq!(bare.differences.len(), 2);
        assert!(bare.differences.iter().all(|d| d.stored.is_empty() && d.rejudged[0].rule.as_str() == "INV-12.2"));
    }

    #[test]
    fn a_document_is_read_with_care() {
        let p = example_project();
        let doc = p.to_json();
        let mut other: serde_json::Value = serde_json::from_str(&doc).unwrap();
        other["machine"] = "dig".into();
        let other = other.to_string();
        let e = InvestmentProject::replay_json(Context::default(), &other).unwrap_err();
        assert!(e.to_string().contains("wrong_stream"), "{e}");
        let e = crate::digital::DigitalProject::replay_json(Context::default(), &doc).unwrap_err();
        assert!(e.to_string().contains("wrong_stream"), "{e}");
        let e = InvestmentProject::replay_json(Context::default(), "{\"machine\":\"inv\"}").unwrap_err();
        assert!(e.to_string().contains("invalid input at log"), "{e}");
        let e = InvestmentProject::replay_json(Context::default(), "7").unwrap_err();
        assert!(e.to_string().contains("schema"), "{e}");
        let e = InvestmentProject::replay_json(Context::default(), "{\"schema_version\":9,\"log\":[]}").unwrap_err();
        assert!(e.to_string().contains("future_schema_version"), "{e}");
        let broken = doc.replacen("48000000.00", "48000001.00", 1);
        let e = InvestmentProject::replay_json(Context::default(), &broken).unwrap_err();
        assert!(e.to_string().contains("invalid input at log["), "{e}");
    }
}
