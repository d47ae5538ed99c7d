//! `apply` and `what_if` of the last command of a long payment-heavy log, each behind a function
//! that is never inlined, for counting instructions under callgrind — a figure the load of the
//! machine does not move (issue 13: what_if ≤ apply + 10 %).
//!
//! ```sh
//! cargo build --release -p wanzheng-bench --bin what-if-ir
//! valgrind --tool=callgrind --callgrind-out-file=cg.out target/release/what-if-ir 10000 20
//! callgrind_annotate --inclusive=yes cg.out | grep measured_
//! ```
//!
//! Arguments: the log's length (default 10,000 entries) and the repetitions (default 20). Each
//! `apply` runs on a clone made outside the measured function; `what_if` on the project itself,
//! which it leaves unchanged (checked). Divide the inclusive counts by the repetitions.
//!
//! `--time` first: wall-clock A/B instead — `apply` and `what_if` measured in alternation, one of
//! each per round, and the medians printed with their ratio (a loaded machine slows both alike).

use std::hint::black_box;

use wanzheng::investment::InvestmentProject;
use wanzheng::{Command, Context, Transition};
use wanzheng_bench::{payment_heavy, run_with_log};

#[inline(never)]
fn measured_apply(p: &mut InvestmentProject, cmd: Command) -> Option<Transition> {
    p.apply(cmd).ok()
}

#[inline(never)]
fn measured_what_if(p: &mut InvestmentProject, cmd: Command) -> Option<Transition> {
    p.what_if(cmd).ok()
}

/// The median of `xs` (sorted in place).
fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let timed = args.first().is_some_and(|a| a == "--time");
    if timed {
        args.remove(0);
    }
    let mut args = args.into_iter().map(|a| a.parse::<usize>().expect("a count"));
    let entries = args.next().unwrap_or(10_000);
    let reps = args.next().unwrap_or(20);
    let ctx = Context::default();
    let w = payment_heavy(entries);
    let n = w.commands.len();
    let mut p = run_with_log(&ctx, &w.plans, w.commands[..n - 1].to_vec());
    let last = w.commands[n - 1].clone();
    if timed {
        let (mut a, mut d) = (Vec::with_capacity(reps), Vec::with_capacity(reps));
        for _ in 0..reps {
            let mut q = p.clone();
            let cmd = last.clone();
            let t = std::time::Instant::now();
            black_box(measured_apply(black_box(&mut q), black_box(cmd)));
            a.push(t.elapsed().as_secs_f64() * 1e6);
            drop(q);
            let cmd = last.clone();
            let t = std::time::Instant::now();
            black_box(measured_what_if(black_box(&mut p), black_box(cmd)));
            d.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let (a, d) = (median(&mut a), median(&mut d));
        println!(
            "{} entries, {reps} alternating rounds: apply {a:.2} µs, what_if {d:.2} µs (medians), what_if/apply {:.3}",
            p.log().len(),
            d / a
        );
        return;
    }
    let mut applied = None;
    for _ in 0..reps {
        let mut q = p.clone();
        applied = measured_apply(black_box(&mut q), black_box(last.clone()));
        black_box(&q);
    }
    let before = p.clone();
    let mut dry = None;
    for _ in 0..reps {
        dry = measured_what_if(black_box(&mut p), black_box(last.clone()));
    }
    assert!(applied.is_some() && dry == applied, "what_if gives apply's transition");
    assert!(p == before, "what_if changes nothing");
    println!("{} entries, {reps} × apply and what_if of {}", p.log().len(), last.event.name());
}
