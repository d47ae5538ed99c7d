//! Every bundled example project (examples/investment/*.json) replayed through `wanzheng check
//! --json`: the expected accepted and rejected counts, the rejected events with their rules, the
//! finding codes and the final states, so the examples cannot rot. A new example needs a row here.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What a reviewer at the development and reform commission should see in one example.
struct Expect {
    file: &'static str,
    accepted: u64,
    /// (event, rule, detail) of every rejected command, in order.
    rejected: &'static [(&'static str, &'static str, &'static str)],
    /// Finding codes with their details, as `F-INV-44.2:late`, in report order.
    findings: &'static [&'static str],
    /// (stream, state) at the end.
    states: &'static [(&'static str, &'static str)],
}

const EXPECT: &[Expect] = &[
    Expect {
        file: "flood_repair.json",
        accepted: 39,
        rejected: &[],
        findings: &[],
        states: &[("inv/NY-BHDF-QX2024", "accepted"), ("plan/2024", "plan_issued")],
    },
    Expect {
        file: "hospital_expansion.json",
        accepted: 107,
        rejected: &[],
        findings: &[],
        states: &[("inv/NY-ZXYY-MJL", "closed"), ("plan/2024", "plan_issued"), ("plan/2025", "plan_issued")],
    },
    Expect {
        file: "village_road.json",
        accepted: 40,
        rejected: &[],
        findings: &[],
        states: &[("inv/NY-NCGL-XZ01", "closed"), ("plan/2024", "plan_issued")],
    },
    Expect {
        file: "violations.json",
        accepted: 43,
        rejected: &[("approve_payment", "INV-35.3", "over_contract")],
        findings: &[
            "F-INV-20.6:not_competitive",
            "F-INV-49.2:second_adjustment",
            "F-INV-44.2:late",
            "F-INV-40.1:unauthorised_change",
            "F-INV-40.2:after_approval_only",
            // RULES.md §3.5 B15: the proposed 41.1 situation judged as if confirmed (N > A, δ > 0).
            "F-INV-41.1:over_estimate",
            // RULES.md §3.3.7: the unauthorised δ takes N above A — the automatic INV-50 case.
            "F-INV-50:unauthorised_overrun",
            "F-INV-53.3:adjusted_contrary_to_rules",
            "F-INV-55.3:implemented_before_approval",
            "F-INV-55.4:implementation_above_estimate",
            "F-INV-50:unauthorised_content",
        ],
        states: &[("inv/NY-TYZX-TYG", "under_construction"), ("plan/2024", "plan_issued")],
    },
];

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/investment")
}

fn check(path: &Path) -> (Option<i32>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_wanzheng"))
        .arg("check")
        .arg(path)
        .arg("--json")
        .output()
        .expect("run wanzheng check");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", path.display(), String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), report)
}

#[test]
fn every_example_has_an_expectation() {
    let mut files: Vec<String> = std::fs::read_dir(examples_dir())
        .expect("examples/investment")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let expected: Vec<&str> = EXPECT.iter().map(|e| e.file).collect();
    assert_eq!(files, expected, "examples/investment and the EXPECT table differ");
}

#[test]
fn examples_replay_as_expected() {
    for e in EXPECT {
        let path = examples_dir().join(e.file);
        let (code, r) = check(&path);
        let s = &r["summary"];
        let steps = r["steps"].as_array().expect("steps");
        let name = e.file;
        assert_eq!(s["accepted"].as_u64(), Some(e.accepted), "{name}: accepted");
        assert_eq!(s["rejected"].as_u64(), Some(e.rejected.len() as u64), "{name}: rejected");
        // The rejected commands: rule violations with the expected first outcome.
        let rejected: Vec<&Value> = steps.iter().filter(|st| st["accepted"] == false).collect();
        for (st, (event, rule, detail)) in rejected.iter().zip(e.rejected) {
            assert_eq!(st["event"], *event, "{name}");
            let outcomes = st["error"]["outcomes"].as_array().expect("a rule violation carries its outcomes");
            assert!(
                outcomes.iter().any(|o| o["rule"] == *rule && o["detail"] == *detail && o["kind"] == "violation"),
                "{name}: {event} rejected with {outcomes:?}"
            );
        }
        let findings: Vec<String> = r["streams"]
            .as_array()
            .expect("streams")
            .iter()
            .flat_map(|st| st["findings"].as_array().cloned().unwrap_or_default())
            .map(|f| format!("{}:{}", f["code"].as_str().unwrap_or(""), f["detail"].as_str().unwrap_or("")))
            .collect();
        assert_eq!(findings, e.findings, "{name}: findings");
        assert_eq!(s["findings"].as_u64(), Some(e.findings.len() as u64), "{name}");
        for (stream, state) in e.states {
            let st = r["streams"].as_array().and_then(|a| a.iter().find(|x| x["stream"] == *stream));
            assert_eq!(st.map(|x| &x["state"]), Some(&Value::from(*state)), "{name}: {stream}");
        }
        // Clean examples: not a single warning, default breach or finding on any accepted event.
        let dirty = !e.rejected.is_empty() || !e.findings.is_empty();
        if !dirty {
            for st in steps {
                let outcomes = st["transition"]["outcomes"].as_array().map(Vec::len).unwrap_or(0);
                assert_eq!(outcomes, 0, "{name}: #{} {} has outcomes {}", st["index"], st["event"], st["transition"]);
            }
        }
        // Exit status: 1 for the rule-breaking examples (their names say so), 0 for clean ones.
        assert_eq!(code, Some(i32::from(dirty)), "{name}: exit status");
        assert_eq!(name.contains("violations"), dirty, "{name}: only files named *violations* break rules");
        // Every message of the report is bilingual, cites its rule and has a precise phrase (the
        // catalogue fallback quotes the article in 「」).
        for st in r["streams"].as_array().into_iter().flatten() {
            for f in st["findings"].as_array().into_iter().flatten() {
                let zh = f["message_zh"].as_str().unwrap_or("");
                let en = f["message_en"].as_str().unwrap_or("");
                let rule = f["rule"].as_str().unwrap_or("?");
                assert!(zh.contains("宛政〔2023〕7号") && zh.contains(rule) && !zh.contains('「'), "{name}: {zh}");
                assert!(en.contains(rule), "{name}: {en}");
            }
        }
    }
}

/// Source: DIG-21 — the text report tells apart obligations of one duty by their subject: the
/// MLPS and the cryptography assessment fall due the same day and both are listed, each named.
#[test]
fn text_report_names_the_subject_of_each_obligation() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/digital/violations.json");
    let out = Command::new(env!("CARGO_BIN_EXE_wanzheng")).arg("check").arg(&file).output().expect("runs wanzheng");
    let text = String::from_utf8_lossy(&out.stdout);
    let open: Vec<&str> = text.lines().filter(|l| l.contains("DIG-21 security_assessment")).collect();
    assert_eq!(open.len(), 2, "{text}");
    assert!(open[0].contains("(mlps) due 2026-03-20"), "{}", open[0]);
    assert!(open[1].contains("(crypto) due 2026-03-20"), "{}", open[1]);
}
