//! A driver for profilers (`valgrind --tool=callgrind`, `perf record`): runs one lifecycle
//! workload `COUNT` times (default 1,000), so that a run with COUNT = 0 subtracted gives the
//! cost per project.
//!
//! `cargo build --release -p wanzheng-bench --bin profile`, then
//! `valgrind --tool=callgrind target/release/profile WORKLOAD [COUNT]` with WORKLOAD one of
//! `inv-judgments`, `inv-log`, `inv-replay` (the 26-event standard route), `inv31-judgments`,
//! `inv31-log`, `inv31-replay` (the 31-event scenario), `dig-judgments`, `dig-log`.
//! Under valgrind, SHA-256 runs in software (no SHA instructions): read the hash's share from
//! `perf` instead.

use std::hint::black_box;

use wanzheng::Context;
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{
    dig_lifecycle, run_dig_judgments, run_dig_with_log, run_judgments, run_with_log, standard_lifecycle, standard_route,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let workload = args.next().unwrap_or_else(|| "inv-log".into());
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let ctx = Context::default();
    let (machine, what) = workload.split_once('-').unwrap_or(("inv", "log"));
    match machine {
        "inv" | "inv31" => {
            let w = if machine == "inv" { standard_route() } else { standard_lifecycle() };
            let log = run_with_log(&ctx, &w.plans, w.commands.clone()).log().clone();
            for _ in 0..count {
                match what {
                    "judgments" => drop(black_box(run_judgments(&ctx, &w.plans, &w.commands))),
                    "log" => drop(black_box(run_with_log(&ctx, &w.plans, w.commands.clone()))),
                    _ => drop(black_box(InvestmentProject::replay_with(ctx.clone(), log.entries(), w.plans.clone()))),
                }
            }
        }
        _ => {
            let (cycles, cmds) = dig_lifecycle();
            for _ in 0..count {
                if what == "judgments" {
                    drop(black_box(run_dig_judgments(&ctx, &cycles, &cmds)));
                } else {
                    drop(black_box(run_dig_with_log(&ctx, &cycles, cmds.clone())));
                }
            }
        }
    }
}
