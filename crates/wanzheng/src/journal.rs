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
use crate::log::{ChainBreak, Log, LogEntry, TextLog, verify_chain};
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
    stream: S,
    entries: &[LogEntry],
    options: &ReplayOptions,
    rejudge: impl FnMut(&mut S, &LogEntry) -> Result<Transition, Error>,
) -> Result<(S, ReplayReport), Error> {
    verify_chain(entries).map_err(broken_chain)?;
    replay_verified(stream, entries, options, rejudge)
}

/// As [`replay_onto`] over the entries of a [`Log`], whose chain is verified already: a `Log`
/// is read only with its chain checked ([`Log::from_json`]) or built by appending (each hash
/// computed), so it is not hashed a second time.
///
/// # Errors
/// As [`replay_onto`], but for `broken_chain`.
pub(crate) fn replay_log<S>(
    stream: S,
    log: &Log,
    options: &ReplayOptions,
    rejudge: impl FnMut(&mut S, &LogEntry) -> Result<Transition, Error>,
) -> Result<(S, ReplayReport), Error> {
    replay_verified(stream, log.entries(), options, rejudge)
}

fn replay_verified<S>(
    mut stream: S,
    entries: &[LogEntry],
    options: &ReplayOptions,
    mut rejudge: impl FnMut(&mut S, &LogEntry) -> Result<Transition, Error>,
) -> Result<(S, ReplayReport), Error> {
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
    if let Some(read) = fast_log_or_stream(text, machine, inputs_key) {
        return Ok(read);
    }
    strict_log_or_stream(text, machine, inputs_key)
}

/// [`parse_log_or_stream`] by the strict reader: the JSON value first ([`crate::json::parse_value`]),
/// then the typed entries with their exact paths. The judge of everything the fast reader does
/// not take, and the reference it is tested against.
fn strict_log_or_stream(
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

/// A project document as the fast reader takes it: the keys [`parse_log_or_stream`] reads,
/// each kept as it is written (`null` too) so that it is judged as that reader judges it; the
/// other keys skipped (after [`crate::json::keys_unique`]: no repeated key, nothing the skip
/// lets through that the strict reader refuses).
#[derive(serde::Deserialize)]
struct FastDoc<'a> {
    #[serde(default, borrow, deserialize_with = "written")]
    schema_version: Option<&'a serde_json::value::RawValue>,
    #[serde(default, borrow, deserialize_with = "written")]
    machine: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    log: Option<TextLog<'a>>,
    #[serde(default, borrow, deserialize_with = "written")]
    plans: Option<&'a serde_json::value::RawValue>,
    #[serde(default, borrow, deserialize_with = "written")]
    cycles: Option<&'a serde_json::value::RawValue>,
}

/// A key's value as written (`Some("null")` for `null`, which `Option` would read as absent).
fn written<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de serde_json::value::RawValue>, D::Error> {
    <&serde_json::value::RawValue as serde::Deserialize>::deserialize(d).map(Some)
}

/// The fast reader of [`parse_log_or_stream`]: typed entries straight from the text
/// ([`TextLog`]), the chain hashed once. `None` for anything it does not take as the strict
/// reader would, which then reads the text and gives its result or error.
fn fast_log_or_stream(text: &str, machine: &str, inputs_key: Option<&str>) -> Option<(Log, Option<serde_json::Value>)> {
    if !crate::json::keys_unique(text) {
        return None;
    }
    if text.trim_start().starts_with('[') {
        return Some((serde_json::from_str::<TextLog<'_>>(text).ok()?.into_log()?, None));
    }
    let doc: FastDoc<'_> = serde_json::from_str(text).ok()?;
    if doc.schema_version.is_some_and(|v| v.get() != "1") {
        return None;
    }
    if let Some(m) = doc.machine {
        let m = m.get();
        if !(m.len() == machine.len() + 2 && m.starts_with('"') && m.ends_with('"') && &m[1..m.len() - 1] == machine) {
            return None;
        }
    }
    let log = doc.log?.into_log()?;
    let inputs = match inputs_key {
        None => None,
        Some("plans") => doc.plans,
        Some("cycles") => doc.cycles,
        Some(_) => return None,
    };
    let inputs = match inputs {
        None => None,
        Some(raw) => Some(serde_json::from_str::<serde_json::Value>(raw.get()).ok()?),
    };
    Some((log, inputs))
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
    use super::*;
    use crate::investment::InvestmentProject;
    use crate::{Context, Workspace};

    /// The bundled example project files of `dirs` (under examples/), in name order, each run
    /// through a workspace.
    fn examples(dirs: &[&str]) -> Vec<(std::path::PathBuf, crate::project_file::ProjectFile)> {
        let mut out = Vec::new();
        for dir in dirs {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(dir);
            let mut files: Vec<_> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
                let f = crate::project_file::ProjectFile::run(&std::fs::read_to_string(file).unwrap()).unwrap();
                out.push((file.clone(), f));
            }
        }
        out
    }

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

    /// Every project of every bundled example (both regulations), as a project document and
    /// as a bare log: the fast reader gives what the strict reader gives (entries, shared
    /// envelopes, inputs), byte for byte when written back.
    #[test]
    fn the_fast_reader_reads_as_the_strict_reader() {
        let mut seen = 0;
        for (file, f) in examples(&["investment", "digital"]) {
            let docs =
                f.workspace.investments().map(|(_, p)| ("inv", Some("plans"), p.to_json(), p.log().to_json())).chain(
                    f.workspace.digitals().map(|(_, p)| ("dig", Some("cycles"), p.to_json(), p.log().to_json())),
                );
            for (machine, key, doc, bare) in docs {
                for text in [&doc, &bare] {
                    let fast = fast_log_or_stream(text, machine, key).expect("the fast reader takes it");
                    let strict = strict_log_or_stream(text, machine, key).unwrap();
                    assert_eq!(fast, strict, "{}", file.display());
                    assert_eq!(fast.0.to_json(), strict.0.to_json());
                    seen += 1;
                }
                assert_eq!(Log::from_text(&bare).unwrap(), Log::from_json(&bare).unwrap());
            }
        }
        assert!(seen >= 16, "{seen}");
    }

    /// What the strict reader refuses, the fast reader hands to it: the same error, reason and
    /// path (duplicate keys in the facts, in an outcome, in a key the replay does not read, at
    /// the top; an escaped key; nesting; a number out of range; a bad entry; a broken chain).
    #[test]
    fn what_the_fast_reader_does_not_take_the_strict_reader_judges() {
        let p = example_project();
        let doc = p.to_json();
        assert!(fast_log_or_stream(&doc, "inv", Some("plans")).is_some());
        let amount = "\"total\":\"48000000.00\"";
        assert!(doc.contains(amount));
        let deep = format!("{}1{}", "[".repeat(130), "]".repeat(130));
        let cases: Vec<(String, InputReason, &str)> = vec![
            (doc.replacen(amount, &format!("{amount},{amount}"), 1), InputReason::DuplicateKey, "facts.total"),
            (doc.replacen("\"config\":{", "\"config\":{\"a\":1,\"a\":2,", 1), InputReason::DuplicateKey, "config.a"),
            (doc.replacen("{", "{\"x\":1,\"x\":1,", 1), InputReason::DuplicateKey, "x"),
            (doc.replacen("\"config\":{", "\"config\":{\"a\":1e999,", 1), InputReason::MalformedJson, "config.a"),
            (doc.replacen("\"config\":{", &format!("\"config\":{{\"a\":{deep},"), 1), InputReason::Nesting, ""),
            (doc.replacen("\"config\":{", "\"config\":{\"a\":\"\\ud800\",", 1), InputReason::MalformedJson, "config.a"),
            (doc.replacen(amount, "\"total\":\"48000000.001\"", 1), InputReason::Amount, ""),
            (doc.replacen("48000000.00", "48000001.00", 1), InputReason::BrokenChain, "log["),
        ];
        for (text, reason, path) in cases {
            assert_ne!(text, doc);
            assert!(fast_log_or_stream(&text, "inv", Some("plans")).is_none(), "{reason:?}");
            let Err(Error::Input(e)) = parse_log_or_stream(&text, "inv", Some("plans")) else {
                panic!("{reason:?} accepted")
            };
            assert_eq!(e.reason, reason, "{e}");
            assert!(e.path.contains(path), "{reason:?}: {}", e.path);
        }
        // An escaped key is the same key: left to the strict reader, which reads it.
        let escaped = doc.replacen("\"config\":{", "\"config\":{\"\\u0061\":1,", 1);
        assert!(fast_log_or_stream(&escaped, "inv", Some("plans")).is_none());
        assert!(parse_log_or_stream(&escaped, "inv", Some("plans")).is_ok());
    }

    /// Source: INV-57, DIG-13.3 (issue 14) — a DIG project document carries the cycle views its
    /// entries were judged with: every DIG project of the bundled examples replays from its
    /// document with differences refused, to the same project, findings and obligations, and
    /// its bare log (no views) still reads differently where a judgment read a cycle.
    #[test]
    fn dig_documents_replay_with_the_cycle_views_they_were_judged_with() {
        use crate::anchor::ReplayOptions;
        use crate::digital::DigitalProject;
        let (mut projects, mut with_views, mut bare_differs) = (0, 0, 0);
        for (file, f) in examples(&["digital"]) {
            let as_of = f.report_date(None);
            for (_, p) in f.workspace.digitals() {
                let doc = p.to_json();
                let (q, report) = DigitalProject::replay_checked(Context::default(), &doc, &ReplayOptions::default())
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                assert!(report.differences.is_empty());
                assert_eq!(q, *p, "{}", file.display());
                assert_eq!(q.cycle_history(), p.cycle_history());
                assert_eq!(q.cycle_inputs(), p.cycle_inputs());
                assert_eq!(q.findings(as_of), p.findings(as_of));
                assert_eq!(q.obligations(as_of), p.obligations(as_of));
                assert_eq!(q.to_json(), doc);
                assert_eq!(DigitalProject::from_json(&doc).unwrap(), *p);
                projects += 1;
                if !p.cycle_history().is_empty() {
                    with_views += 1;
                    let (_, bare) = DigitalProject::replay_json(Context::default(), &p.log().to_json()).unwrap();
                    bare_differs += usize::from(!bare.differences.is_empty());
                }
            }
        }
        assert!(projects >= 4 && with_views >= 1 && bare_differs >= 1, "{projects} {with_views} {bare_differs}");
    }

    /// Source: INV-57 (issue 11) — one kernel for every stream: each stream of every bundled
    /// example (investment projects, plans, DIG projects, DIG cycles) comes back from its
    /// document through the kernel's `replay_json` and `from_json`, equal and with the same
    /// document; and equality is one definition for all four: a DIG project is not equal to
    /// itself without the cycle views it read (its inputs count, as an investment project's
    /// plan entries always did).
    #[test]
    fn every_stream_replays_from_its_document_through_the_kernel() {
        use crate::machine::LoggedStream;
        fn round_trip<S: LoggedStream + PartialEq + std::fmt::Debug>(s: &S) {
            let doc = s.to_json();
            let (q, report) = S::replay_json(Context::default(), &doc).unwrap();
            assert!(report.differences.is_empty(), "{report:?}");
            assert_eq!(q, *s);
            assert_eq!(q.to_json(), doc);
            assert_eq!(S::from_json(&doc).unwrap(), *s);
            assert!(s.same(&q));
        }
        let mut seen = [0; 4];
        let mut without_views = 0;
        for (_, f) in examples(&["investment", "digital"]) {
            let ws = &f.workspace;
            ws.investments().for_each(|(_, p)| round_trip(p));
            ws.plans().for_each(|(_, p)| round_trip(p));
            ws.digitals().for_each(|(_, p)| round_trip(p));
            ws.cycles().for_each(|(_, c)| round_trip(c));
            seen[0] += ws.investments().count();
            seen[1] += ws.plans().count();
            seen[2] += ws.digitals().count();
            seen[3] += ws.cycles().count();
            for (_, p) in ws.digitals().filter(|(_, p)| !p.cycle_history().is_empty()) {
                let mut q = p.clone();
                q.cycle_history.clear();
                assert_ne!(q, *p);
                without_views += 1;
            }
            for (_, p) in ws.investments().filter(|(_, p)| *p.plan_inputs() != Default::default()) {
                let mut q = p.clone();
                q.plans = Default::default();
                assert_ne!(q, *p);
            }
        }
        assert!(seen.iter().all(|n| *n >= 1) && without_views >= 1, "{seen:?} {without_views}");
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
