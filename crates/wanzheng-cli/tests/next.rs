//! `wanzheng next FILE [--as-of D] [--actor A] [--json]` (issue 13): the acts permitted after a
//! project file's last event, the core's screen JSON, and clear errors (exit 2).

mod common;
use common::*;

use serde_json::Value;

/// The JSON is the core's screen of the file's workspace as of its last event, every table row
/// listed; the village road (closed) permits only facts on its lifecycle.
#[test]
fn next_json_is_the_core_screen() {
    let file = "examples/investment/village_road.json";
    let r = wanzheng(&["next", file, "--json"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let got: Value = serde_json::from_slice(&r.stdout).expect("json");
    let text = std::fs::read_to_string(repo().join(file)).expect("file");
    let project = wanzheng::ProjectFile::run(&text).expect("runs");
    let want = project.permitted_events(None, None).expect("dated");
    assert_eq!(got, serde_json::from_str::<Value>(&want.to_json()).expect("json"));
    let inv = got["streams"].as_array().expect("streams").iter().find(|s| s["machine"] == "inv").expect("inv");
    assert_eq!(inv["state"], "closed");
    for e in inv["events"].as_array().expect("events") {
        if e["allowed"] == true {
            assert_eq!(e["to"], serde_json::json!([]), "{e}");
        }
    }
}

/// --actor restricts to that actor (a wrong actor blocks with the rule naming the actor);
/// --as-of moves the date; text output lists allowed acts.
#[test]
fn next_actor_and_as_of() {
    let r = wanzheng(&[
        "next",
        "examples/investment/hospital_expansion.json",
        "--actor",
        "finance",
        "--as-of",
        "2030-01-01",
        "--json",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let got: Value = serde_json::from_slice(&r.stdout).expect("json");
    assert_eq!(got["actor"], "finance");
    assert_eq!(got["as_of"], "2030-01-01");
    let r = wanzheng(&["next", "examples/investment/hospital_expansion.json"]);
    assert!(r.status.success());
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(text.contains("acts permitted as of") && text.contains("  ✓ "), "{text}");
}

#[test]
fn next_refuses_an_unknown_actor_and_a_missing_file() {
    let r = wanzheng(&["next", "examples/investment/village_road.json", "--actor", "mayor"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("unknown actor"));
    let r = wanzheng(&["next", "no/such/file.json"]);
    assert_eq!(r.status.code(), Some(2));
}

/// Source: AMB-25 (issue 13) — a budget-funded DIG project's screen lists its INV parts' events
/// under their own label, for the soe that performs them, with the AMB-25 warning; the JSON
/// tags that stream `parts_of: dig`.
#[test]
fn next_shows_the_inv_parts_of_a_dig_project() {
    let file = "examples/digital/city_data_sharing_platform.json";
    let r = wanzheng(&["next", file, "--actor", "soe"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = String::from_utf8_lossy(&r.stdout);
    let at = text.find("inv/DSP-2024 (INV parts of dig/DSP-2024, AMB-25)").expect("the parts' stream is shown");
    assert!(text[at..].contains("✓ request_payment"), "{text}");
    assert!(text[at..].contains("amb25_pending_ruling"), "{text}");
    let r = wanzheng(&["next", file, "--json"]);
    let got: Value = serde_json::from_slice(&r.stdout).expect("json");
    let streams = got["streams"].as_array().expect("streams");
    let i = streams.iter().position(|s| s["machine"] == "dig").expect("dig");
    assert_eq!((&streams[i + 1]["machine"], &streams[i + 1]["parts_of"]), (&Value::from("inv"), &Value::from("dig")));
}
