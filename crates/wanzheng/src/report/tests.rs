//! The report renderer over the bundled examples and hostile input.

use super::*;
use crate::machine::{Machine, row_allows};
use crate::rule::RuleId;

const EXAMPLES: &[(&str, &str)] = &[
    ("investment/flood_repair", include_str!("../../../../examples/investment/flood_repair.json")),
    ("investment/hospital_expansion", include_str!("../../../../examples/investment/hospital_expansion.json")),
    ("investment/village_road", include_str!("../../../../examples/investment/village_road.json")),
    ("investment/violations", include_str!("../../../../examples/investment/violations.json")),
    (
        "digital/city_data_sharing_platform",
        include_str!("../../../../examples/digital/city_data_sharing_platform.json"),
    ),
    (
        "digital/emergency_epidemic_reporting",
        include_str!("../../../../examples/digital/emergency_epidemic_reporting.json"),
    ),
    ("digital/soe_self_funded_filing", include_str!("../../../../examples/digital/soe_self_funded_filing.json")),
    ("digital/violations", include_str!("../../../../examples/digital/violations.json")),
];

fn run(text: &str) -> ProjectFile {
    ProjectFile::run(text).expect("a bundled example parses")
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// Every finding of every stream (as `wanzheng check` reports them) and every refused command of
/// each bundled example is in its page, with the rule's article in Chinese and its messages.
#[test]
fn every_finding_and_rejection_of_each_example_is_in_its_page() {
    let mut findings_seen = 0;
    let mut rejections_seen = 0;
    for (name, text) in EXAMPLES {
        let file = run(text);
        let as_of = file.report_date(None);
        let page = Report::of_file(&file, None).html();
        for stream in file.workspace.report(as_of) {
            for f in &stream.findings {
                findings_seen += 1;
                assert!(page.contains(&format!("data-code=\"{}\"", esc(&f.code))), "{name}: {} missing", f.code);
                assert!(page.contains(&esc(&f.reference())), "{name}: {}", f.reference());
                assert!(page.contains(&esc(&f.message_zh)) && page.contains(&esc(&f.message_en)), "{name}: {}", f.code);
                assert!(page.contains(&f.rule.article_zh()), "{name}: {}", f.rule);
            }
        }
        assert_eq!(
            page.matches("<tr id=\"finding-").count(),
            file.workspace.report(as_of).iter().map(|s| s.findings.len()).sum::<usize>(),
            "{name}"
        );
        for s in file.rejected() {
            rejections_seen += 1;
            let row = format!("<tr id=\"rejection-{}\" data-event=\"{}\">", s.index, esc(&s.event));
            assert!(page.contains(&row), "{name}: rejection #{} missing", s.index);
            if let Err(crate::Error::Rule(v)) = &s.result {
                for o in &v.outcomes {
                    assert!(page.contains(&esc(&o.message_zh())), "{name}: {}", o.rule);
                    assert!(page.contains(&esc(&o.rule.citation())), "{name}: {}", o.rule);
                    assert!(page.contains(&esc(&o.rule.citation_en())), "{name}: {}", o.rule);
                }
            }
        }
        assert_eq!(page.matches("<tr id=\"rejection-").count(), file.rejected().count(), "{name}");
        // Self-contained: no script, no external resource.
        let lower = page.to_lowercase();
        for banned in ["<script", "http://", "https://", "@import", "url(", "<link", "<img", "<iframe"] {
            let allowed = banned == "http://"
                && lower.matches("http://").count() == lower.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
            assert!(!lower.contains(banned) || allowed, "{name}: {banned}");
        }
        assert!(page.contains("@page{size:A4"), "{name}");
    }
    // The examples do exercise both lists.
    assert!(findings_seen >= 10 && rejections_seen >= 1, "{findings_seen} {rejections_seen}");
}

/// The same input renders to the same bytes (no map order, no clock).
#[test]
fn rendering_is_deterministic() {
    for (name, text) in EXAMPLES {
        let a = Report::of_file(&run(text), None).html();
        let b = Report::of_file(&run(text), None).html();
        assert_eq!(a, b, "{name}");
        let f = run(text);
        let ws = Report::of_workspace(&f.workspace, f.report_date(None));
        assert_eq!(
            ws.html_fragment(),
            Report::of_workspace(&f.workspace, f.report_date(None)).html_fragment(),
            "{name}"
        );
    }
}

const HOSTILE: &str = r#"<script>alert("name")</script>"#;

fn hostile_file() -> String {
    let project = serde_json::json!({
        "name": HOSTILE,
        "description": "</style><img src=x onerror=alert(1)>",
        "as_of": "2023-12-31",
        "commands": [
            {"stream": {"machine": "inv", "project_id": "P<b>1", "instance": "P<b>1"},
             "event": "register_project", "actor": "project_unit", "date": "2023-07-03",
             "project_code": "2307-411300-04-01-000001",
             "facts": {"project_id": "P<b>1", "project_code": "2307-411300-04-01-000001", "name": HOSTILE,
                       "sector": "health\"><script>", "nature": "non_operating", "mode": "direct_investment",
                       "total": "30000000.00", "unit_kind": "admin_or_public_unit",
                       "industry_authority_org": "<i>局</i>"}},
            {"stream": {"machine": "inv", "project_id": "P<b>1", "instance": "P<b>1"},
             "event": "<script>x</script>", "actor": "project_unit", "date": "2023-07-04", "facts": {}},
            {"stream": {"machine": "change", "project_id": "P<b>1", "instance": "<svg onload=alert(1)>"},
             "event": "propose_change", "actor": "project_unit", "date": "2023-07-05", "facts": {}}
        ]
    });
    project.to_string()
}

/// Every user-provided string (file name and description, project id and name, sector, org,
/// stream instances, event names as written, error messages quoting them) is escaped: the
/// page and the notebook fragment carry no markup from the input.
#[test]
fn user_strings_are_escaped() {
    let file = ProjectFile::run(&hostile_file()).expect("parses");
    assert_eq!(file.rejected().count(), 2);
    let report = Report::of_file(&file, None).with_source("<b>f.json");
    for (what, out) in [("page", report.html()), ("fragment", report.html_fragment())] {
        let lower = out.to_lowercase();
        assert!(!lower.contains("<script"), "{what}");
        assert!(!lower.contains("<img") && !lower.contains("<svg onload") && !lower.contains("<i>"), "{what}");
        assert!(!out.contains("P<b>1") && !out.contains("<b>f.json"), "{what}");
        assert!(out.contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"), "{what}");
        assert!(out.contains("P&lt;b&gt;1"), "{what}");
    }
    let page = report.html();
    assert!(page.contains("&lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("data-event=\"&lt;script&gt;x&lt;/script&gt;\""));
    // A project's own report escapes the same way.
    let p = file.workspace.investment("P<b>1").expect("registered");
    let own = p.report_html(d("2023-12-31"));
    assert!(!own.to_lowercase().contains("<script") && own.contains("&lt;script&gt;"));
}

/// Source: INV-44.2 — a deadline met on its due day is met; a day later it is late; an open one
/// is overdue the day after its due day, not on it.
#[test]
fn deadline_status_boundaries() {
    let mut o = Obligation {
        opened_seq: 4,
        rule: crate::rules::INV_44_2,
        duty: "post_hoc_change_filing".into(),
        subject: "C1".into(),
        opened: d("2024-03-04"),
        due: d("2024-03-11"),
        closed_seq: None,
        closed: None,
        provisional: false,
    };
    assert_eq!(DeadlineStatus::of(&o, d("2024-03-11")), DeadlineStatus::Open);
    assert_eq!(DeadlineStatus::of(&o, d("2024-03-12")), DeadlineStatus::Overdue);
    o.closed = Some(d("2024-03-11"));
    o.closed_seq = Some(9);
    assert_eq!(DeadlineStatus::of(&o, d("2024-03-31")), DeadlineStatus::Met);
    // Closed after the report date: still open on it.
    assert_eq!(DeadlineStatus::of(&o, d("2024-03-10")), DeadlineStatus::Open);
    o.closed = Some(d("2024-03-12"));
    assert_eq!(DeadlineStatus::of(&o, d("2024-03-31")), DeadlineStatus::Late);
}

/// Source: INV-44.2 — an emergency change ordered in 2027, a year without a loaded State Council
/// notice: its 5-working-day filing deadline is provisional (issue 10), and the page says so in
/// the deadline table, the header's count and the timeline's due mark.
#[test]
fn a_provisional_deadline_is_marked() {
    let scenario: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/scenarios/inv_emergency_change_2027_provisional.json"
    ))
    .expect("scenario");
    let commands: Vec<serde_json::Value> =
        scenario["steps"].as_array().expect("steps").iter().map(|s| s["command"].clone()).collect();
    let file = ProjectFile::run_value(serde_json::json!({"name": "2027", "commands": commands})).expect("runs");
    assert_eq!(file.rejected().count(), 0);
    let r = Report::of_file(&file, None);
    let provisional: Vec<_> = r.deadlines().filter(|d| d.obligation.provisional).collect();
    assert!(provisional.iter().any(|d| d.obligation.rule == crate::rules::INV_44_2), "{provisional:?}");
    let page = r.html();
    assert_eq!(page.matches("<span class=\"badge b-provisional\">临时 provisional</span>").count(), provisional.len());
    assert!(page.contains(&format!("provisional 临时 <b>{}</b>", provisional.len())));
    assert!(page.contains("stroke=\"#8250df\"") && page.contains(" ◇</text>"));
    // An official-year report has none of it.
    let official = Report::of_file(&run(EXAMPLES[3].1), None).html();
    assert!(!official.contains("badge b-provisional") && !official.contains(" ◇</text>"));
}

/// The violations example: the late emergency-change filing is a late deadline in the page.
#[test]
fn late_filing_is_a_late_deadline() {
    let file = run(EXAMPLES[3].1);
    let r = Report::of_file(&file, None);
    let late: Vec<_> = r.deadlines().filter(|d| d.status == DeadlineStatus::Late).collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].obligation.rule, crate::rules::INV_44_2);
    assert!(r.html().contains("逾期完成 late"));
}

/// The next acts are exactly the table rows valid in the state, in table order.
#[test]
fn next_acts_are_the_valid_table_rows() {
    use crate::investment::lifecycle::InvState;
    for state in InvState::ALL.iter().copied().map(Some).chain([None]) {
        let acts = table_next_acts::<InvMachine>(state);
        let rows: Vec<&str> =
            InvMachine::rows().iter().filter(|r| row_allows::<InvMachine>(r, state)).map(|r| r.event).collect();
        assert_eq!(acts.iter().map(|a| a.event).collect::<Vec<_>>(), rows);
    }
    let reserve = table_next_acts::<InvMachine>(Some(InvState::Reserve));
    let names: Vec<&str> = reserve.iter().map(|a| a.event).collect();
    assert!(names.contains(&"submit_proposal") && names.contains(&"submit_fsr") && !names.contains(&"approve_fsr"));
    let submit = reserve.iter().find(|a| a.event == "submit_proposal").expect("row");
    assert_eq!(submit.to, vec!["proposal_review"]);
    assert!(submit.rules.contains(&RuleId::lookup("INV-13.1").expect("rule")));
    // A fact keeps the state: no target.
    assert!(reserve.iter().find(|a| a.event == "record_exception").is_some_and(|a| a.to.is_empty()));
    // A to-state that is also a from-state of the row is that state kept: approve_budget leads
    // from budget_review to budget_approved only, and keeps procurement.
    let budget = table_next_acts::<InvMachine>(Some(InvState::BudgetReview));
    assert_eq!(
        budget.iter().find(|a| a.event == "approve_budget").map(|a| a.to.clone()),
        Some(vec!["budget_approved"])
    );
    let proc = table_next_acts::<InvMachine>(Some(InvState::Procurement));
    assert_eq!(proc.iter().find(|a| a.event == "approve_budget").map(|a| a.to.clone()), Some(vec![]));
    let accepted = table_next_acts::<InvMachine>(Some(InvState::Accepted));
    assert_eq!(accepted.iter().find(|a| a.event == "approve_settlement").map(|a| a.to.clone()), Some(vec!["settled"]));
}

/// The compact path: the states visited in order, numbered by log entry, then the next acts.
#[test]
fn path_mermaid_shows_the_path_and_the_next_acts() {
    let village = run(EXAMPLES[2].1);
    let p = village.workspace.investment("NY-NCGL-XZ01").expect("project");
    let m = p.path_mermaid();
    assert!(m.starts_with("stateDiagram-v2\n    direction TB\n"), "{m}");
    assert!(m.contains("    [*] --> reserve: 1 register_project\n"), "{m}");
    assert!(m.contains("--> closed: "), "{m}");
    assert!(m.contains("class closed current"), "{m}");
    // Closed: only facts remain, listed in a note, no next transition.
    assert!(!m.contains(": next "), "{m}");
    assert!(m.contains("facts (state kept):"), "{m}");
    let violations = run(EXAMPLES[3].1);
    let p = violations.workspace.investment("NY-TYZX-TYG").expect("project");
    let m = p.path_mermaid();
    assert!(m.contains("    [*] --> under_construction: 1 import_legacy\n"), "{m}");
    assert!(m.contains("    under_construction --> works_completed: next complete_works\n"), "{m}");
    assert!(m.contains("class under_construction current"), "{m}");
    // Every line of a note is short enough for a page.
    assert!(m.lines().all(|l| l.len() <= 90), "{m}");
    // The digital lifecycle too.
    let dig = run(EXAMPLES[7].1);
    let (_, p) = dig.workspace.digitals().next().expect("project");
    assert!(p.path_mermaid().contains("[*] --> registered: 1 register_dig_project"));
}

/// The lifecycle figure draws every state of the table once; the path's states are marked with
/// the entries that entered them.
#[test]
fn machine_figure_draws_every_state() {
    let file = run(EXAMPLES[1].1);
    let r = Report::of_file(&file, None);
    let p = &r.projects[0];
    let svg = p.machine_svg();
    for s in &p.machine_view.states {
        assert_eq!(svg.matches(&format!(">{s}</text>")).count(), 1, "{s}");
    }
    assert!(svg.contains(">#1</text>") && svg.contains(">#94</text>"), "the closing entry marks closed");
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.ends_with("</svg>"));
}

/// A report of a project read from its log alone lists no rejections (a log keeps none) and says so.
#[test]
fn a_log_report_says_rejections_are_not_in_logs() {
    let file = run(EXAMPLES[3].1);
    let p = file.workspace.investment("NY-TYZX-TYG").expect("project");
    let r = Report::of_investment(p, d("2024-06-30"));
    assert!(!r.from_file && r.rejections().count() == 0);
    let page = r.html();
    assert!(page.contains("is not in any log"));
    assert_eq!(page.matches("<tr id=\"finding-").count(), p.findings(d("2024-06-30")).len());
}

#[test]
fn amounts_are_grouped() {
    assert_eq!(group(crate::yuan!("1234567.80")), "1,234,567.80");
    assert_eq!(group(crate::yuan!("0.05")), "0.05");
    assert_eq!(group(crate::yuan!("100.00")), "100.00");
}
