//! Apply and replay of one long, payment-heavy investment stream (issue 12: replay must stay
//! linear in the log's length). For each size (default 10,000, 30,000 and 100,000 entries) the
//! [`payment_heavy`] workload is applied to a new project (judgments, log, hash chain), replayed
//! from its entries (chain check, every entry re-judged), its log read back from JSON
//! (`Log::from_json`: strict parse, typed entries, chain check) and the whole project read back
//! from its JSON form (`InvestmentProject::from_json`: the same plus replay); each is timed once
//! after one untimed warm-up at the smallest size, and printed with its cost per entry.
//!
//! `cargo run --release -p wanzheng-bench --bin scale [-- SIZE…]`

use std::time::Instant;

use wanzheng::Context;
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{new_project, payment_heavy};

fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 30_000, 100_000];
    }
    let ctx = Context::default();
    println!(
        "{:>8} {:>10} {:>9} {:>10} {:>9} {:>10} {:>9} {:>11} {:>9}",
        "entries", "apply s", "ns/entry", "replay s", "ns/entry", "read log s", "ns/entry", "from_json s", "ns/entry"
    );
    let warm = payment_heavy(sizes.iter().copied().min().unwrap_or(1000));
    let mut p = new_project(&ctx, &warm.plans);
    for c in warm.commands {
        p.apply(c).expect("accepted");
    }
    drop(InvestmentProject::replay_with(ctx.clone(), p.log().entries(), warm.plans));
    for n in sizes {
        let w = payment_heavy(n);
        let len = w.len();
        let t = Instant::now();
        let mut p = new_project(&ctx, &w.plans);
        for c in w.commands {
            p.apply(c).expect("the payment-heavy stream is accepted");
        }
        let apply = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let (q, report) =
            InvestmentProject::replay_with(ctx.clone(), p.log().entries(), w.plans.clone()).expect("replays");
        let replay = t.elapsed().as_secs_f64();
        assert!(report.differences.is_empty() && q == p, "replay equals the applied project");
        let log_json = p.log().to_json();
        let t = Instant::now();
        let log = wanzheng::Log::from_json(&log_json).expect("reads back");
        let read_log = t.elapsed().as_secs_f64();
        assert_eq!(&log, p.log());
        let json = p.to_json();
        let t = Instant::now();
        let r = InvestmentProject::from_json(&json).expect("reads back");
        let from_json = t.elapsed().as_secs_f64();
        assert_eq!(r.log(), p.log());
        let per = |s: f64| s * 1e9 / len as f64;
        println!(
            "{len:>8} {apply:>10.3} {:>9.0} {replay:>10.3} {:>9.0} {read_log:>10.3} {:>9.0} {from_json:>11.3} {:>9.0}",
            per(apply),
            per(replay),
            per(read_log),
            per(from_json)
        );
    }
}
