//! Whole lifecycles: the primary 26-event standard route of the shared fixture
//! `tests/fixtures/scenarios/inv_standard_route.json` (group `inv`) and the 31-event scenario
//! `inv_standard_lifecycle.json` (group `inv31`), each judged alone, judged with its log
//! entries and hash chain, and replayed from its log; the primary project's JSON encoding; and
//! the 25-event DIG lifecycle of `dig_data_sharing_platform.json` (judged, with log, replay).
//!
//! Commands are parsed once, outside the timed loop; `iter_batched` clones them (and builds
//! the empty project) outside the measurement and drops the results outside it too. One
//! iteration is one project: criterion's time is per project, its throughput per event.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use wanzheng::Context;
use wanzheng::digital::{CycleInputs, DigitalProject};
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{
    InvWorkload, dig_lifecycle, new_project, run_dig_with_log, run_with_log, standard_lifecycle, standard_route,
};

fn bench_inv(c: &mut Criterion, group: &str, w: &InvWorkload) -> InvestmentProject {
    let ctx = Context::default();
    let cmds = &w.commands;
    let done = run_with_log(&ctx, &w.plans, cmds.clone());
    let log = done.log().clone();

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(cmds.len() as u64));
    // Judgments alone: stream checks, table row, guards with their trace, commit, transition.
    g.bench_function("lifecycle_judgments", |b| {
        b.iter_batched(
            || new_project(&ctx, &w.plans),
            |mut p| {
                for (i, cmd) in cmds.iter().enumerate() {
                    black_box(p.apply_unlogged(black_box(cmd), i as u32 + 1).ok());
                }
                p
            },
            BatchSize::SmallInput,
        )
    });
    // The full pipeline: as above plus the log entries and the SHA-256 chain.
    g.bench_function("lifecycle_with_log", |b| {
        b.iter_batched(
            || (new_project(&ctx, &w.plans), cmds.clone()),
            |(mut p, cmds)| {
                for cmd in cmds {
                    black_box(p.apply(black_box(cmd)).ok());
                }
                p
            },
            BatchSize::SmallInput,
        )
    });
    // Replay: verify the chain, re-judge every entry, rebuild the project and its log.
    g.bench_function("replay", |b| {
        b.iter_batched(
            || (ctx.clone(), w.plans.clone()),
            |(ctx, plans)| InvestmentProject::replay_with(ctx, black_box(log.entries()), plans).ok(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
    done
}

fn bench_inv_lifecycle(c: &mut Criterion) {
    let done = bench_inv(c, "inv", &standard_route());
    bench_inv(c, "inv31", &standard_lifecycle());

    let json = done.to_json();
    let mut g = c.benchmark_group("inv_json");
    g.bench_function("project_to_json", |b| b.iter(|| black_box(black_box(&done).to_json())));
    g.throughput(Throughput::Bytes(json.len() as u64));
    // Decoding parses the JSON, verifies the chain and replays (a project is its log).
    g.bench_function("project_from_json", |b| {
        b.iter_batched(|| (), |()| InvestmentProject::from_json(black_box(&json)).ok(), BatchSize::SmallInput)
    });
    g.finish();
}

// ---------------------------------------------------------------------------------------------
// DIG LIFECYCLE: a DigitalProject (宛政办〔2023〕12号) from registration to final accounts, the 25
// accepted `dig` commands of tests/fixtures/scenarios/dig_data_sharing_platform.json, judged with
// the cycle views of its `dig_cycle` stream (set once, as the workspace hands them over).
// Targets as for the investment machine: ≤ 5 µs per project for the judgments, ≤ 30 µs with the
// log and hash chain.
// ---------------------------------------------------------------------------------------------
fn bench_dig_lifecycle(c: &mut Criterion) {
    let ctx = Context::default();
    let (cycles, cmds) = dig_lifecycle();
    let done = run_dig_with_log(&ctx, &cycles, cmds.clone());
    let log = done.log().clone();

    let mut g = c.benchmark_group("dig");
    g.throughput(Throughput::Elements(cmds.len() as u64));
    g.bench_function("lifecycle_judgments", |b| {
        b.iter_batched(
            || new_dig(&ctx, &cycles),
            |mut p| {
                for (i, cmd) in cmds.iter().enumerate() {
                    black_box(p.apply_unlogged(black_box(cmd), i as u32 + 1).ok());
                }
                p
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("lifecycle_with_log", |b| {
        b.iter_batched(
            || (new_dig(&ctx, &cycles), cmds.clone()),
            |(mut p, cmds)| {
                for cmd in cmds {
                    black_box(p.apply(black_box(cmd)).ok());
                }
                p
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("replay", |b| {
        b.iter_batched(
            || ctx.clone(),
            |ctx| DigitalProject::replay_with(ctx, black_box(log.entries()), cycles.clone()).ok(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn new_dig(ctx: &Context, cycles: &CycleInputs) -> DigitalProject {
    let mut p = DigitalProject::new(ctx.clone());
    p.set_cycle_inputs(cycles.clone());
    p
}

criterion_group!(benches, bench_inv_lifecycle, bench_dig_lifecycle);
criterion_main!(benches);
