//! A driver for profilers (`valgrind --tool=callgrind`, `perf record`): runs one lifecycle
//! workload `COUNT` times (default 1,000), so that a run with COUNT = 0 subtracted gives the
//! cost per project.
//!
//! `cargo build --release -p wanzheng-bench --bin profile`, then
//! `valgrind --tool=callgrind target/release/profile WORKLOAD [COUNT]` with WORKLOAD one of
//! `inv-judgments`, `inv-log`, `inv-replay`, `inv-read` (what `read_logs` does per project:
//! the project document read, its chain verified, replayed strictly), `inv-read_log` (the bare
//! log from its JSON), `inv-verify` (the chain check: canonical JSON written and hashed), `inv-sha` (SHA-256 alone over the same bytes) for the 26-event standard
//! route, the same with `inv31-` for the 31-event scenario, `dig-judgments`, `dig-log`.
//! `--time` first prints the fastest of 9 rounds per project instead (a quick A/B check).
//! Under valgrind, SHA-256 runs in software (no SHA instructions): read the hash's share from
//! `perf` instead.

use std::hint::black_box;

use sha2::Digest;

use wanzheng::Context;
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{
    dig_lifecycle, run_dig_judgments, run_dig_with_log, run_judgments, run_with_log, standard_lifecycle, standard_route,
};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--time`: print the fastest of 9 rounds, per project (a quick A/B check, not a benchmark).
    let timed = args.first().is_some_and(|a| a == "--time");
    if timed {
        args.remove(0);
    }
    let mut args = args.into_iter();
    let workload = args.next().unwrap_or_else(|| "inv-log".into());
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let mut one = workload_fn(&workload);
    if timed {
        let best = (0..9)
            .map(|_| {
                let t = std::time::Instant::now();
                for _ in 0..count {
                    one();
                }
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        println!(
            "{workload}: {:.0} ns per project (fastest of 9 rounds of {count})",
            best.as_nanos() as f64 / count as f64
        );
        return;
    }
    for _ in 0..count {
        one();
    }
}

/// One project of the workload (inputs prepared once, outside).
fn workload_fn(workload: &str) -> Box<dyn FnMut()> {
    let ctx = Context::default();
    let (machine, what) = workload.split_once('-').unwrap_or(("inv", "log"));
    match (machine, what) {
        ("inv" | "inv31", _) => {
            let w = if machine == "inv" { standard_route() } else { standard_lifecycle() };
            let log = run_with_log(&ctx, &w.plans, w.commands.clone()).log().clone();
            match what {
                // The chain check: every entry's canonical JSON written and hashed.
                "verify" => Box::new(move || drop(black_box(wanzheng::log::verify_chain(black_box(log.entries()))))),
                // The canonical writer alone (into a vector).
                "write" => Box::new(move || {
                    for (e, prev) in log.chain() {
                        black_box(e.canonical_bytes_streamed(prev));
                    }
                }),
                // SHA-256 alone over the same bytes (each entry's canonical JSON, prepared).
                "sha" => {
                    let texts: Vec<String> = log.chain().map(|(e, prev)| e.canonical_json(prev)).collect();
                    let total: usize = texts.iter().map(String::len).sum();
                    eprintln!("{} entries, {total} bytes of canonical JSON", texts.len());
                    Box::new(move || {
                        for t in &texts {
                            black_box(sha2::Sha256::digest(black_box(t.as_bytes())));
                        }
                    })
                }
                // What `read_logs` does per project (issue 14): the project document (as
                // `to_json` writes it) read, its chain verified, replayed with differences refused.
                "read" => {
                    let done = run_with_log(&ctx, &w.plans, w.commands.clone());
                    let doc = done.to_json();
                    eprintln!("project document: {} bytes, {} entries", doc.len(), done.log().len());
                    let options = wanzheng::anchor::ReplayOptions::default();
                    Box::new(move || {
                        let r = InvestmentProject::replay_checked(ctx.clone(), black_box(&doc), &options);
                        assert!(r.is_ok(), "{:?}", r.err());
                        drop(black_box(r));
                    })
                }
                // The bare log read back from its JSON (`Log::from_json`: parse, chain check).
                "read_log" => {
                    let text = log.to_json();
                    Box::new(move || drop(black_box(wanzheng::log::Log::from_json(black_box(&text)))))
                }
                "judgments" => Box::new(move || drop(black_box(run_judgments(&ctx, &w.plans, &w.commands)))),
                "log" => Box::new(move || drop(black_box(run_with_log(&ctx, &w.plans, w.commands.clone())))),
                _ => Box::new(move || {
                    drop(black_box(InvestmentProject::replay_with(ctx.clone(), log.entries(), w.plans.clone())))
                }),
            }
        }
        (_, "judgments") => {
            let (cycles, cmds) = dig_lifecycle();
            Box::new(move || drop(black_box(run_dig_judgments(&ctx, &cycles, &cmds))))
        }
        _ => {
            let (cycles, cmds) = dig_lifecycle();
            Box::new(move || drop(black_box(run_dig_with_log(&ctx, &cycles, cmds.clone()))))
        }
    }
}
