//! `docs/reference.md` is what `wanzheng reference` renders now (regenerate with
//! `UPDATE_REFERENCE=1 cargo test -p wanzheng-cli --test reference`, or
//! `cargo run -p wanzheng-cli -- reference > docs/reference.md`), it documents every event of the
//! schema, and `wanzheng explain` shows the article's own words.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_wanzheng")).args(args).output().expect("runs wanzheng");
    assert!(out.status.success(), "wanzheng {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn committed_reference_is_what_the_cli_renders() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/reference.md");
    let rendered = run(&["reference"]);
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        std::fs::write(&path, &rendered).expect("write docs/reference.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "docs/reference.md is out of date: run UPDATE_REFERENCE=1 cargo test -p wanzheng-cli --test reference"
    );
}

#[test]
fn every_event_of_the_schema_has_its_section_and_facts() {
    let reference = run(&["reference"]);
    let schema = wanzheng::schema::json_schema();
    let events = schema["events"].as_object().expect("events");
    assert!(events.len() > 100);
    for name in events.keys() {
        let (machine, event) = name.split_once('.').expect("machine.event");
        assert!(reference.contains(&format!("### `{name}`")), "no section for {name}");
        assert!(reference.contains(&format!("(#e-{machine}-{event})")), "{name} not in its machine's table");
    }
    // The sections are the events of the schema, no more.
    let sections = reference.lines().filter(|l| l.starts_with("### `") && l.contains('.')).count();
    assert_eq!(sections, events.len());
    // Types are linked and defined; required and optional facts are told apart.
    assert!(reference.contains("<a id=\"t-docref\"></a>") && reference.contains("[DocRef](#t-docref)"));
    assert!(reference.contains("| `total` | [Yuan](#t-yuan) | required |"));
    assert!(reference.contains("<a id=\"r-inv-48-3\"></a>`INV-48.3` | 宛政〔2023〕7号 第四十八条 |"));
}

/// Source: INV-48.3 — `wanzheng explain` prints the rule and the article it rests on in the
/// regulation's own words; `--json` carries them as `article_text`.
#[test]
fn explain_shows_the_articles_own_words() {
    let text = run(&["explain", "INV-48.3"]);
    assert!(text.contains("第四十八条因变更原因造成超投资概算的"), "{text}");
    assert!(text.contains("（三）超投资概算幅度未超 10% 以上项目"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run(&["explain", "INV-48.3", "--json"])).expect("JSON");
    assert!(json["article_text"].as_str().is_some_and(|t| t.contains("超投资概算幅度未超 10% 以上项目")));
}

/// Source: INV-22, DIG-13.3, INV-35.3 — `explain RULE_ID DETAIL` says what an outcome's detail
/// means (issues 9 and 15: the new details of this round), in Chinese and English; an unknown
/// detail is an error.
#[test]
fn explain_a_detail() {
    for (rule, detail) in [
        ("INV-22", "assessment_after_approval"),
        ("DIG-13.3", "not_tasked"),
        ("INV-35.3", "over_settlement"),
        ("INV-28", "plan_entry_incomplete"),
    ] {
        let text = run(&["explain", rule, detail]);
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(first, format!("{rule}  {detail}"));
        assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("zh       ") && l.len() > 12), "{text}");
        assert!(text.lines().nth(2).is_some_and(|l| l.starts_with("en       ") && l.len() > 12), "{text}");
        let v: serde_json::Value = serde_json::from_str(&run(&["explain", rule, detail, "--json"])).expect("JSON");
        assert_eq!(v["detail"]["detail"], detail);
        assert!(v["detail"]["message_zh"].as_str().is_some_and(|s| !s.is_empty()));
    }
    // The rule's own phrase wins over the detail's general one (a late act says what was late).
    assert!(run(&["explain", "INV-29.1", "late"]).contains("10月底"));
    let out = Command::new(env!("CARGO_BIN_EXE_wanzheng"))
        .args(["explain", "INV-22", "no_such_detail"])
        .output()
        .expect("runs wanzheng");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_such_detail"));
}
