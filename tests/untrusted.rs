//! Untrusted JSON through every reader of the library (issue 12): a duplicate key is refused
//! (reason `duplicate_key`, the path naming the key) wherever JSON is read — every §4 request
//! of the shared fixtures, every scenario command, the logs and stream JSON they produce, the
//! configuration — and bad values name their exact path with bounded messages.

use serde_json::Value;
use wanzheng::error::{InputError, InputReason};
use wanzheng_conformance::{fixtures_dir, json_files};

fn docs(dir: &str) -> Vec<(String, Value)> {
    json_files(&fixtures_dir().join(dir))
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a fixture file");
            (p.display().to_string(), serde_json::from_str(&text).expect("fixture JSON"))
        })
        .collect()
}

/// `v`'s text with its first key given twice — the first key of the innermost first object
/// along the way, so the duplicate sits as deep as the value allows — and that key's path.
fn with_duplicate(v: &Value) -> Option<(String, String)> {
    let Value::Object(map) = v else { return None };
    let (key, first) = map.iter().next()?;
    let rest: Vec<String> = map.iter().skip(1).map(|(k, v)| format!("{}:{v}", Value::from(k.as_str()))).collect();
    let k = Value::from(key.as_str()).to_string();
    let join = |first: String, dup: Option<String>| {
        let mut items: Vec<String> = dup.into_iter().collect();
        items.push(first);
        items.extend(rest.iter().cloned());
        format!("{{{}}}", items.join(","))
    };
    Some(match with_duplicate(first) {
        Some((inner, path)) => (join(format!("{k}:{inner}"), None), format!("{key}.{path}")),
        None => (join(format!("{k}:{first}"), Some(format!("{k}:{first}"))), key.clone()),
    })
}

#[track_caller]
fn assert_duplicate(e: &InputError, path: &str, what: &str) {
    assert_eq!((e.reason, e.path.as_str()), (InputReason::DuplicateKey, path), "{what}: {e}");
}

fn input(e: wanzheng::Error) -> InputError {
    match e {
        wanzheng::Error::Input(i) => i,
        other => panic!("expected an input error, got {other}"),
    }
}

/// Every §4 request of the shared fixtures, with a key given twice, through `decide_json` and
/// as an item of `decide_batch_json`.
#[test]
fn every_decision_request_refuses_a_duplicate_key() {
    let ctx = wanzheng::Context::default();
    let mut seen = std::collections::BTreeSet::new();
    for (file, doc) in docs("investment").into_iter().chain(docs("digital")) {
        let function = doc["function"].as_str().unwrap();
        for row in doc["rows"].as_array().unwrap() {
            let Some((text, path)) = with_duplicate(&row["request"]) else { continue };
            let e = input(wanzheng::decide::decide_json(function, &text, &ctx).unwrap_err());
            assert_duplicate(&e, &path, &format!("{file} {}", row["id"]));
            let batch = format!("[{},{text}]", row["request"]);
            let e = input(wanzheng::decide::decide_batch_json(function, &batch, &ctx).unwrap_err());
            assert_duplicate(&e, &format!("[1].{path}"), &format!("{file} {} (batch)", row["id"]));
            seen.insert(function.to_string());
        }
    }
    let all: std::collections::BTreeSet<String> = wanzheng::decide::names().into_iter().map(String::from).collect();
    assert_eq!(seen, all, "every §4 function has a fixture row with a key to repeat");
}

/// Every command of the shared scenarios with a facts key given twice; the log and the stream
/// JSON of each scenario with one of its keys given twice.
#[test]
fn commands_logs_and_streams_refuse_a_duplicate_key() {
    for (file, doc) in docs("scenarios") {
        let mut ws = wanzheng::Workspace::new(wanzheng::Context::default());
        for (i, step) in doc["steps"].as_array().unwrap().iter().enumerate() {
            let cmd = &step["command"];
            if let Some((facts, path)) = with_duplicate(&cmd["facts"]) {
                let mut text = cmd.clone();
                text["facts"] = Value::from("FACTS");
                let text = text.to_string().replace("\"FACTS\"", &facts);
                let e = wanzheng::Command::from_json(&text).unwrap_err();
                assert_duplicate(&e, &format!("facts.{path}"), &format!("{file} step {i}"));
            }
            let _ = wanzheng::Command::from_value(cmd.clone()).map_err(wanzheng::Error::from).and_then(|c| ws.apply(c));
        }
        for (id, p) in ws.investments() {
            let log: Value = serde_json::from_str(&p.log().to_json()).unwrap();
            let last = log.as_array().unwrap().len() - 1;
            let (entry, path) = with_duplicate(&log[last]).unwrap();
            let mut items: Vec<String> = log.as_array().unwrap().iter().map(Value::to_string).collect();
            items[last] = entry;
            let text = format!("[{}]", items.join(","));
            let e = wanzheng::Log::from_json(&text).unwrap_err();
            assert_duplicate(&e, &format!("[{last}].{path}"), &format!("{file} log of {id}"));
            // The same log inside the stream's JSON form.
            let stream = p.to_json();
            let doctored = stream.replace(&log.to_string(), &text);
            assert_ne!(stream, doctored);
            let e = input(wanzheng::investment::InvestmentProject::from_json(&doctored).unwrap_err());
            assert_duplicate(&e, &format!("log[{last}].{path}"), &format!("{file} stream {id}"));
        }
    }
}

#[test]
fn configurations_refuse_a_duplicate_key() {
    let e = wanzheng::Config::from_json(r#"{"inv48_3_inclusive":false,"inv48_3_inclusive":true}"#).unwrap_err();
    assert_duplicate(&e, "inv48_3_inclusive", "config");
    let e = wanzheng::Config::from_json(r#"{"plan_deadlines":{"submit":"10-31","submit":"11-30"}}"#).unwrap_err();
    assert_duplicate(&e, "plan_deadlines.submit", "config");
}

/// The issue's example: a bad `total` in `decide` named `""`; now `total`, and inside a batch
/// item the item's own error names it too.
#[test]
fn decision_errors_name_the_exact_path() {
    let ctx = wanzheng::Context::default();
    let e =
        input(wanzheng::decide::decide_json("approval_route", r#"{"total":"1.001","flags":{}}"#, &ctx).unwrap_err());
    assert_eq!((e.reason, e.path.as_str()), (InputReason::Amount, "total"));
    let e = input(
        wanzheng::decide::decide_json(
            "payment_check",
            r#"{"ledger":{"estimate":"-1"},"request":{"amount":"1.00"}}"#,
            &ctx,
        )
        .unwrap_err(),
    );
    assert_eq!((e.reason, e.path.as_str()), (InputReason::Amount, "ledger.estimate"));
    let e = input(
        wanzheng::decide::decide_json("approval_route", r#"{"total":"1.00","flags":{"level":"x"}}"#, &ctx).unwrap_err(),
    );
    assert_eq!((e.reason, e.path.as_str()), (InputReason::UnknownValue, "flags.level"));
    let out: Value = serde_json::from_str(
        &wanzheng::decide::decide_batch_json("approval_route", r#"[{"total":"1.00"},{"total":"x"}]"#, &ctx).unwrap(),
    )
    .unwrap();
    assert_eq!(out[1]["error"]["path"], "total");
}

/// Error messages repeat at most ~200 characters of the offending input: a 100 MB function
/// name gives a short message, and so does a 2 MB event name, amount, date, enum value or key
/// (2 MB rather than 100 MB keeps the JSON parse of an unoptimised test build short).
#[test]
fn error_messages_are_bounded() {
    let ctx = wanzheng::Context::default();
    let huge = "x".repeat(100 << 20);
    let check = |e: &wanzheng::Error, what: &str| {
        let text = e.to_string();
        assert!(text.len() < 2000, "{what}: a {}-byte message", text.len());
        let json = e.to_json_value().to_string();
        assert!(json.len() < 4000, "{what}: a {}-byte JSON error", json.len());
    };
    check(&wanzheng::decide::decide_json(&huge, "{}", &ctx).unwrap_err(), "function name");
    let huge = "x".repeat(2 << 20);
    let req = format!(r#"{{"total":"{huge}"}}"#);
    check(&wanzheng::decide::decide_json("approval_route", &req, &ctx).unwrap_err(), "amount");
    let req = format!(r#"{{"total":"1.00","flags":{{"level":"{huge}"}}}}"#);
    check(&wanzheng::decide::decide_json("approval_route", &req, &ctx).unwrap_err(), "enum value");
    let req = format!(r#"{{"total":"1.00","{huge}":1}}"#);
    check(&wanzheng::decide::decide_json("approval_route", &req, &ctx).unwrap_err(), "unknown key");
    let req = format!(r#"{{"{huge}":1,"{huge}":1}}"#);
    check(&wanzheng::decide::decide_json("approval_route", &req, &ctx).unwrap_err(), "duplicate key");
    let req = format!(r#"{{"order_date":"{huge}"}}"#);
    check(&wanzheng::decide::decide_json("emergency_change_deadline", &req, &ctx).unwrap_err(), "date");
    let cmd = format!(
        r#"{{"stream":{{"machine":"inv","project_id":"P","instance":"P"}},"event":"{huge}","actor":"project_unit","date":"2023-07-03"}}"#
    );
    check(&wanzheng::Command::from_json(&cmd).map_err(wanzheng::Error::from).unwrap_err(), "event name");
    check(&wanzheng::Command::from_json(&format!("[{huge}")).map_err(wanzheng::Error::from).unwrap_err(), "garbage");
}
