//! The shared permitted-events rows (tests/fixtures/permitted): the workspace's screen after a
//! scenario prefix, as of a date, for an actor — the exact JSON the C and Python suites compare
//! too (issue 13). `UPDATE_SCREENS=1` regenerates screens.json.

use serde_json::Value;
use wanzheng_conformance::fixtures_dir;

fn screen(row: &Value) -> Value {
    let dir = fixtures_dir();
    let scenario: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("scenarios").join(row["scenario"].as_str().expect("scenario")))
            .expect("scenario file"),
    )
    .expect("json");
    let cfg = match scenario.get("config") {
        Some(c) => wanzheng::Config::from_json(&c.to_string()).expect("config"),
        None => wanzheng::Config::default(),
    };
    let mut ws = wanzheng::Workspace::new(wanzheng::Context::new(cfg, wanzheng::WorkingDayCalendar::embedded()));
    let n = row["steps"].as_u64().expect("steps") as usize;
    for step in scenario["steps"].as_array().expect("steps").iter().take(n) {
        let _ = ws.apply_json(&step["command"].to_string());
    }
    let as_of = row["as_of"].as_str().expect("as_of").parse().expect("date");
    let actor = row["actor"].as_str().map(|a| wanzheng::Actor::parse(a).expect("actor"));
    serde_json::from_str(&ws.permitted_events(as_of, actor).to_json()).expect("json")
}

/// Source: issue 13 — the shared screens are what the core gives (C and Python compare the same file).
#[test]
fn shared_screens() {
    let dir = fixtures_dir().join("permitted");
    let rows: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("rows.json")).expect("rows")).expect("json");
    let mut screens = serde_json::Map::new();
    for row in rows["rows"].as_array().expect("rows") {
        screens.insert(row["id"].as_str().expect("id").to_string(), screen(row));
    }
    let got = Value::Object(screens);
    let path = dir.join("screens.json");
    if std::env::var_os("UPDATE_SCREENS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).expect("json") + "\n").expect("write");
    }
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("screens.json")).expect("json");
    for (id, w) in want.as_object().expect("object") {
        assert_eq!(&got[id], w, "row {id}: regenerate with UPDATE_SCREENS=1 after a deliberate change");
    }
    assert_eq!(got.as_object().map(|o| o.len()), want.as_object().map(|o| o.len()));
}
