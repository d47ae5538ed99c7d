//! Issue 10: an investment project built in 2027, a year without a loaded State Council
//! notice. Its emergency change is recorded (never refused for lack of a calendar year) with a
//! provisional filing obligation; loading the year's notice and replaying the log gives the
//! official date, while the stored entries and their hash chain stay as they were.

use chrono::NaiveDate;
use serde_json::{Value, json};
use wanzheng::investment::InvestmentProject;
use wanzheng::{Command, Context, OutcomeKind};
use wanzheng_conformance::fixtures_dir;

const NOTICE_2027: &str = include_str!("fixtures/calendar/notice_2027_illustrative.json");

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// The inv commands of the 2027 scenario up to the start of construction, then an emergency
/// change ordered on Wed 2027-02-03 (before 除夕, 5 February).
fn commands() -> Vec<Command> {
    let text = std::fs::read_to_string(fixtures_dir().join("scenarios/inv_emergency_change_2027_provisional.json"))
        .expect("scenario");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let mut out = Vec::new();
    for step in doc["steps"].as_array().expect("steps") {
        let mut c = step["command"].clone();
        let event = c["event"].as_str().unwrap_or_default().to_string();
        if event == "emergency_change_order" {
            c["date"] = json!("2027-02-03");
            c["facts"]["order_date"] = json!("2027-02-03");
            out.push(Command::from_value(c).expect("command"));
            break;
        }
        // Move the project's start before the order.
        if ["award_contract", "record_funding", "complete_survey"].contains(&event.as_str()) {
            c["date"] = json!("2027-01-27");
        }
        if event == "start_construction" {
            c["date"] = json!("2027-01-28");
        }
        out.push(Command::from_value(c).expect("command"));
    }
    out
}

/// Source: INV-44.2 — the order of 2027-02-03 is accepted with warning INV-44.2
/// `calendar_provisional`; the statutory rule puts the 5th working day on 2027-02-16
/// (4 Feb; 除夕 5 Feb – 初三 8 Feb with 补假 9–10 Feb; 11, 12, 15, 16 Feb), provisional. With the
/// illustrative 2027 notice loaded (5–11 Feb off) replay gives 2027-02-17, official; the log's
/// hashes are unchanged and replay reports the stored warning as the only difference.
#[test]
fn inv_44_2_provisional_obligation_becomes_official_on_replay() {
    let mut p = InvestmentProject::new(Context::default());
    let mut last = None;
    for c in commands() {
        last = Some(p.apply(c).expect("accepted"));
    }
    let t = last.expect("the order");
    let warning: Vec<_> = t.outcomes.iter().filter(|o| o.detail == "calendar_provisional").collect();
    assert_eq!(warning.len(), 1);
    assert_eq!((warning[0].kind, warning[0].rule.as_str()), (OutcomeKind::Warning, "INV-44.2"));
    let open = p.obligations(d("2027-02-04"));
    let filing = open.iter().find(|o| o.obligation.duty == "post_hoc_change_filing").expect("filing duty");
    assert_eq!((filing.obligation.due, filing.obligation.provisional), (d("2027-02-16"), true));
    let json = serde_json::to_value(&filing.obligation).expect("JSON");
    assert_eq!(json["provisional"], true);

    let log = p.log().clone();
    let hashes: Vec<_> = log.entries().iter().map(|e| e.hash()).collect();

    let mut official = Context::default();
    official.load_calendar_notice(NOTICE_2027).expect("valid notice");
    let (again, report) = InvestmentProject::replay(official, &log).expect("replay");
    let filing = again.obligations(d("2027-02-04"));
    let filing = filing.iter().find(|o| o.obligation.duty == "post_hoc_change_filing").expect("filing duty");
    assert_eq!((filing.obligation.due, filing.obligation.provisional), (d("2027-02-17"), false));
    assert!(serde_json::to_value(&filing.obligation).expect("JSON").get("provisional").is_none());
    assert_eq!(again.log().entries().iter().map(|e| e.hash()).collect::<Vec<_>>(), hashes);
    assert_eq!(report.differences.len(), 1, "{:?}", report.differences);
    assert!(report.differences[0].stored.iter().any(|o| o.detail == "calendar_provisional"));
    assert!(report.differences[0].rejudged.iter().all(|o| o.detail != "calendar_provisional"));

    // Under the embedded calendar the replay reproduces the stored outcomes exactly.
    let (_, same) = InvestmentProject::replay(Context::default(), &log).expect("replay");
    assert!(same.differences.is_empty());
}

/// Source: INV-44.2 — a notice that contradicts the statute is refused by the context,
/// naming the day, and leaves it unchanged.
#[test]
fn a_contradicting_notice_is_refused() {
    let mut ctx = Context::default();
    let bad = NOTICE_2027.replace(r#""2027-01-01", "#, "");
    let err = ctx.load_calendar_notice(&bad).expect_err("元旦 missing");
    assert_eq!(err.path, "calendar");
    assert!(err.to_string().contains("2027-01-01, 元旦 (New Year's Day)"), "{err}");
    assert!(!ctx.calendar().is_official(d("2027-01-01")));
}

/// Source: DIG-13.1, INV-29.1 — the plan calendar (fixed dates, never rolled over holidays,
/// AMB-9) answers for every plan year whose dates fall in 2027–2099, with the 10月中旬 window of
/// DIG-13.1 (11–20 October of P − 1); and every emergency change deadline of 2027–2099 answers,
/// provisional (none refused for lack of a calendar year).
#[test]
fn dig_13_1_plan_calendar_and_deadlines_answer_through_2099() {
    let ctx = Context::default();
    for year in 2028..=2099 {
        let v = wanzheng::decide::decide_value("plan_calendar", json!({"year": year}), &ctx).expect("plan_calendar");
        assert_eq!(v["dig_demand_from"], format!("{}-10-11", year - 1));
        assert_eq!(v["dig_demand_to"], format!("{}-10-20", year - 1));
        assert_eq!(v["submit_by"], format!("{}-10-31", year - 1));
    }
    let mut day = d("2027-01-01");
    while day <= d("2099-12-22") {
        let v = wanzheng::decide::decide_value("emergency_change_deadline", json!({"order_date": day}), &ctx)
            .unwrap_or_else(|e| panic!("{day}: {e}"));
        assert_eq!(v["provisional"], true, "{day}");
        day = day.succ_opt().expect("date");
    }
}
