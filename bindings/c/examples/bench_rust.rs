//! The Rust side of the C-ABI benchmark (benches/c/run.sh): the same inputs as
//! benches/c/bench_abi.c, timed the same way (median of 7 runs), through the core directly.
//!
//! `cargo run --release -p wanzheng-ffi --example bench_rust -- APPLY_FILE [FUNCTION REQUEST_FILE]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark program: a failure is a bug to see

use std::hint::black_box;
use std::time::Instant;

use wanzheng::investment::route::{ApprovalFlags, approval_route};
use wanzheng::{Context, InvestmentProject, Yuan};

const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[RUNS / 2]
}

fn report(name: &str, per_call: Vec<f64>) {
    println!("{name:<28} {:>10.0} ns", median(per_call));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let apply = std::fs::read_to_string(&args[1]).expect("apply file");
    let (first, cmd) = apply.split_once('\n').expect("two lines");
    let ctx = Context::default();

    let n = 4000;
    let mut parse_apply = Vec::new();
    let mut parse_apply_emit = Vec::new();
    let mut typed = Vec::new();
    let parsed = wanzheng::Command::from_json(cmd).unwrap();
    for _ in 0..RUNS {
        let mut p = InvestmentProject::new(ctx.clone());
        p.apply_json(first).unwrap();
        let t0 = Instant::now();
        for _ in 0..n {
            black_box(p.apply_json(black_box(cmd)).unwrap());
        }
        parse_apply.push(t0.elapsed().as_nanos() as f64 / n as f64);

        let mut p = InvestmentProject::new(ctx.clone());
        p.apply_json(first).unwrap();
        let t0 = Instant::now();
        for _ in 0..n {
            let t = p.apply_json(black_box(cmd)).unwrap();
            black_box(serde_json::to_string(&t).unwrap());
        }
        parse_apply_emit.push(t0.elapsed().as_nanos() as f64 / n as f64);

        let mut p = InvestmentProject::new(ctx.clone());
        p.apply_json(first).unwrap();
        let t0 = Instant::now();
        for _ in 0..n {
            black_box(p.apply(black_box(parsed.clone())).unwrap());
        }
        typed.push(t0.elapsed().as_nanos() as f64 / n as f64);
    }
    report("rust/apply_typed", typed);
    report("rust/apply_json", parse_apply);
    report("rust/apply_json+to_json", parse_apply_emit);

    // The typed route (the core's approval_route with its trace) on the inputs of
    // c_abi/route_batch_per_item: parsing the decimal string included, and without it.
    let totals: Vec<String> = (0..1000u64)
        .map(|i| {
            let fen = i * 12_345_789;
            format!("{}.{:02}", fen / 100, fen % 100)
        })
        .collect();
    let flags: Vec<ApprovalFlags> = (0..1000)
        .map(|i| ApprovalFlags { in_plan: i % 3 != 0, agreed: i % 3 == 2, ..ApprovalFlags::default() })
        .collect();
    let parsed_totals: Vec<Yuan> = totals.iter().map(|t| Yuan::parse(t).unwrap()).collect();
    let approver = ctx.config().default_design_approver;
    let (mut with_parse, mut route_only) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t0 = Instant::now();
        for _ in 0..2000 {
            for (t, f) in totals.iter().zip(&flags) {
                black_box(approval_route(Yuan::parse(black_box(t)).unwrap(), f, approver).route);
            }
        }
        with_parse.push(t0.elapsed().as_nanos() as f64 / 2_000_000.0);
        let t0 = Instant::now();
        for _ in 0..2000 {
            for (t, f) in parsed_totals.iter().zip(&flags) {
                black_box(approval_route(black_box(*t), f, approver));
            }
        }
        route_only.push(t0.elapsed().as_nanos() as f64 / 2_000_000.0);
    }
    report("rust/approval_route_typed", route_only);
    report("rust/parse+approval_route", with_parse);

    if args.len() >= 4 {
        let function = &args[2];
        let request = std::fs::read_to_string(&args[3]).expect("request file");
        let f = wanzheng::decide::lookup(function).expect("registered function");
        let value: serde_json::Value = serde_json::from_str(&request).unwrap();
        let n = 20000;
        let (mut json, mut val) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let t0 = Instant::now();
            for _ in 0..n {
                black_box(wanzheng::decide::decide_json(function, black_box(&request), &ctx).unwrap());
            }
            json.push(t0.elapsed().as_nanos() as f64 / n as f64);
            let t0 = Instant::now();
            for _ in 0..n {
                black_box(f.call_value(black_box(value.clone()), &ctx).unwrap());
            }
            val.push(t0.elapsed().as_nanos() as f64 / n as f64);
        }
        report("rust/decide_value", val);
        report("rust/decide_json", json);
    }
}
