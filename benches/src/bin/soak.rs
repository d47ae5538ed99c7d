//! Soak (issue 12): N random well-formed commands (default 1,000,000) over P projects (default
//! 10,000; a tenth of them digital-government projects), each command's event drawn from the
//! rows of the project's own transition table that allow its current state
//! (`Machine::rows`, `row_allows`), its facts from a command of that event in the shared
//! fixtures and examples (ids, code and date made the project's own). Rejections (rule
//! violations, transitions a fact guard refuses) are expected and counted; what must hold: no
//! panic, every project replays (strict: no difference, `ReplayOptions::default()`) to a project
//! equal to it, and the resident memory grows with the log entries, not with the commands.
//!
//! `cargo run --release -p wanzheng-bench --bin soak [-- COMMANDS PROJECTS SEED]`; figures in
//! benches/README.md (`make soak`).

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use serde_json::Value;
use wanzheng::anchor::ReplayOptions;
use wanzheng::digital::DigitalProject;
use wanzheng::digital::lifecycle::DigMachine;
use wanzheng::investment::InvestmentProject;
use wanzheng::investment::lifecycle::InvMachine;
use wanzheng::machine::{Machine, row_allows};
use wanzheng::{Command, Context, Error};

/// xorshift64*: a fixed-seed generator (no dependency; the run is reproducible from its seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Commands of the fixtures and examples by (machine, event).
fn templates() -> BTreeMap<(String, String), Vec<Value>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut out: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    let mut files = Vec::new();
    for dir in ["tests/fixtures/scenarios", "examples/investment", "examples/digital"] {
        for e in std::fs::read_dir(format!("{root}/{dir}")).expect("fixture dir").flatten() {
            files.push(e.path());
        }
    }
    files.sort();
    for f in files {
        let Ok(doc) = serde_json::from_str::<Value>(&std::fs::read_to_string(&f).unwrap_or_default()) else { continue };
        let mut cmds: Vec<Value> = doc["commands"].as_array().cloned().unwrap_or_default();
        cmds.extend(doc["steps"].as_array().into_iter().flatten().filter_map(|s| s.get("command").cloned()));
        for c in cmds {
            if let (Some(m), Some(e)) = (c["stream"]["machine"].as_str(), c["event"].as_str()) {
                out.entry((m.to_string(), e.to_string())).or_default().push(c.clone());
            }
        }
    }
    out
}

enum Project {
    Inv(Box<InvestmentProject>),
    Dig(Box<DigitalProject>),
}

impl Project {
    fn last_date(&self) -> Option<NaiveDate> {
        match self {
            Project::Inv(p) => p.log().last_date(),
            Project::Dig(p) => p.log().last_date(),
        }
    }
    /// The events the project's table allows now.
    fn allowed(&self) -> Vec<&'static str> {
        match self {
            Project::Inv(p) => {
                InvMachine::rows().iter().filter(|r| row_allows::<InvMachine>(r, p.state())).map(|r| r.event).collect()
            }
            Project::Dig(p) => {
                DigMachine::rows().iter().filter(|r| row_allows::<DigMachine>(r, p.state())).map(|r| r.event).collect()
            }
        }
    }
    fn machine(&self) -> &'static str {
        match self {
            Project::Inv(_) => "inv",
            Project::Dig(_) => "dig",
        }
    }
}

/// Resident memory in kB (Linux; 0 elsewhere).
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()))
        .unwrap_or(0)
}

/// The template made this project's command: its stream, ids, code and a date on or after the
/// project's last.
fn personalise(mut c: Value, pid: &str, code: &str, date: NaiveDate) -> Value {
    c["stream"]["project_id"] = pid.into();
    c["stream"]["instance"] = pid.into();
    if c.get("project_code").is_some() {
        c["project_code"] = code.into();
    }
    if let Some(f) = c["facts"].as_object_mut() {
        if f.contains_key("project_id") {
            f.insert("project_id".into(), pid.into());
        }
        if f.contains_key("project_code") {
            f.insert("project_code".into(), code.into());
        }
    }
    c["date"] = date.to_string().into();
    c
}

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n_cmds = args.first().copied().unwrap_or(1_000_000) as usize;
    let n_projects = args.get(1).copied().unwrap_or(10_000) as usize;
    let mut rng = Rng(args.get(2).copied().unwrap_or(0x5eed_1234_abcd_0001) | 1);
    let tpl = templates();
    let ctx = Context::default();
    let start = NaiveDate::from_ymd_opt(2023, 7, 3).expect("a day");
    let mut projects: Vec<Project> = (0..n_projects)
        .map(|i| {
            if i % 10 == 9 {
                Project::Dig(Box::new(DigitalProject::new(ctx.clone())))
            } else {
                Project::Inv(Box::new(InvestmentProject::new(ctx.clone())))
            }
        })
        .collect();
    let rss0 = rss_kb();
    let (mut accepted, mut rejected, mut input, mut untemplated) = (0u64, 0u64, 0u64, 0u64);
    let t0 = Instant::now();
    println!("{:>10} {:>10} {:>10} {:>10} {:>10} {:>9}", "commands", "accepted", "rejected", "entries", "rss MB", "s");
    for k in 1..=n_cmds {
        let i = rng.below(n_projects);
        let p = &mut projects[i];
        let allowed = p.allowed();
        let machine = p.machine();
        let with_template: Vec<&&str> =
            allowed.iter().filter(|e| tpl.contains_key(&(machine.to_string(), (**e).to_string()))).collect();
        // An event the table allows now, or (1 in 20, and when none has a template) any event of
        // the machine: the table must refuse it cleanly.
        let event = if with_template.is_empty() || rng.below(20) == 0 {
            let all: Vec<&(String, String)> = tpl.keys().filter(|(m, _)| m == machine).collect();
            untemplated += u64::from(with_template.is_empty());
            all[rng.below(all.len())].1.clone()
        } else {
            (*with_template[rng.below(with_template.len())]).to_string()
        };
        let list = &tpl[&(machine.to_string(), event)];
        let pid = format!("SOAK{i:05}");
        let code = format!("2307-411300-04-01-{:06}", i + 1);
        let date = p.last_date().unwrap_or(start) + Days::new(rng.below(12) as u64);
        let v = personalise(list[rng.below(list.len())].clone(), &pid, &code, date);
        let cmd = match Command::from_value(v) {
            Ok(c) => c,
            Err(e) => panic!("a fixture command made this project's does not parse: {e}"),
        };
        let r = match p {
            Project::Inv(p) => p.apply(cmd),
            Project::Dig(p) => p.apply(cmd),
        };
        match r {
            Ok(_) => accepted += 1,
            Err(Error::Input(_)) => input += 1,
            Err(_) => rejected += 1,
        }
        if k % (n_cmds / 10).max(1) == 0 {
            let entries: usize = projects
                .iter()
                .map(|p| match p {
                    Project::Inv(p) => p.log().len(),
                    Project::Dig(p) => p.log().len(),
                })
                .sum();
            println!(
                "{k:>10} {accepted:>10} {:>10} {entries:>10} {:>10.1} {:>9.1}",
                rejected + input,
                rss_kb().saturating_sub(rss0) as f64 / 1024.0,
                t0.elapsed().as_secs_f64()
            );
        }
    }
    let apply_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let strict = ReplayOptions::default();
    let mut entries = 0usize;
    let mut longest = 0usize;
    for p in &projects {
        match p {
            Project::Inv(p) => {
                let (q, _) = InvestmentProject::replay_checked(ctx.clone(), &p.to_json(), &strict).expect("replays");
                assert!(q == **p, "replay differs from state for {}", p.id());
                entries += p.log().len();
                longest = longest.max(p.log().len());
            }
            Project::Dig(p) => {
                let (q, _) = DigitalProject::replay_checked(ctx.clone(), &p.to_json(), &strict).expect("replays");
                assert!(q == **p, "replay differs from state for {}", p.id());
                entries += p.log().len();
                longest = longest.max(p.log().len());
            }
        }
    }
    let rss = rss_kb().saturating_sub(rss0);
    println!(
        "{n_cmds} commands over {n_projects} projects: {accepted} accepted, {rejected} rejected by the rules or the \
         table, {input} input errors (dates, ids), {untemplated} drawn off-table; {entries} log entries (longest \
         {longest}); apply {apply_s:.1} s; every project replayed strictly to itself in {:.1} s; resident memory \
         +{:.1} MB ({:.0} bytes per entry); no panic",
        t1.elapsed().as_secs_f64(),
        rss as f64 / 1024.0,
        rss as f64 * 1024.0 / entries.max(1) as f64
    );
}
