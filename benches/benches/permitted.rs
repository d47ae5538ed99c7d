//! Approval screens (issue 13): `permitted_events` on the 26-event standard-route project, and
//! `what_if` against `apply` — on the standard route's last step and on a long payment-heavy log
//! (10,000 entries, [`wanzheng_bench::payment_heavy`]), where a dry run that copied the log would
//! pay for the copy.
//!
//! `apply` runs on a clone made in `iter_batched` setup (outside the measurement), so its figure
//! is one `apply` alone; `what_if` runs on the project itself, which it leaves unchanged.
//! `clone_then_apply` is what a dry run by copying would cost.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use wanzheng::Context;
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{InvWorkload, payment_heavy, run_with_log, standard_route};

/// The project after all but the last command, and that last command.
fn before_last(ctx: &Context, w: &InvWorkload) -> (InvestmentProject, wanzheng::Command) {
    let n = w.commands.len();
    let p = run_with_log(ctx, &w.plans, w.commands[..n - 1].to_vec());
    (p, w.commands[n - 1].clone())
}

fn bench_permitted(c: &mut Criterion) {
    let ctx = Context::default();
    let w = standard_route();
    assert_eq!(w.len(), 26);
    let mut g = c.benchmark_group("permitted");
    // Every step of the route: the screen after k events as of the next step's date (the
    // question an approval system asks before each act); one iteration = the 26 screens.
    let projects: Vec<(InvestmentProject, chrono::NaiveDate)> =
        (0..w.len()).map(|k| (run_with_log(&ctx, &w.plans, w.commands[..k].to_vec()), w.commands[k].date)).collect();
    g.bench_function("permitted_events/each_step_of_26", |b| {
        b.iter(|| {
            for (p, d) in &projects {
                black_box(p.permitted_events(black_box(*d), None));
            }
        })
    });
    let closed = run_with_log(&ctx, &w.plans, w.commands.clone());
    let as_of = w.commands[w.len() - 1].date;
    let under_construction = &projects[22].0;
    g.bench_function("permitted_events/under_construction", |b| {
        b.iter(|| black_box(under_construction.permitted_events(black_box(as_of), None)))
    });
    g.bench_function("permitted_events/closed_26", |b| {
        b.iter(|| black_box(closed.permitted_events(black_box(as_of), None)))
    });
    g.bench_function("permitted_events/closed_26_to_json", |b| {
        b.iter(|| black_box(closed.permitted_events(black_box(as_of), None).to_json()))
    });
    g.finish();
}

fn bench_what_if(c: &mut Criterion, group: &str, w: &InvWorkload) {
    let ctx = Context::default();
    let (mut p, last) = before_last(&ctx, w);
    let mut g = c.benchmark_group(group);
    g.bench_function("apply", |b| {
        b.iter_batched(
            || (p.clone(), last.clone()),
            |(mut q, cmd)| {
                black_box(q.apply(black_box(cmd)).ok());
                q
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("what_if", |b| {
        b.iter_batched(|| last.clone(), |cmd| black_box(p.what_if(black_box(cmd)).ok()), BatchSize::SmallInput)
    });
    g.bench_function("clone_then_apply", |b| {
        b.iter_batched(
            || last.clone(),
            |cmd| {
                let mut q = p.clone();
                black_box(q.apply(black_box(cmd)).ok());
                q
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn bench_what_if_standard(c: &mut Criterion) {
    bench_what_if(c, "what_if_26", &standard_route());
}

fn bench_what_if_long(c: &mut Criterion) {
    let w = payment_heavy(10_000);
    bench_what_if(c, "what_if_10k", &w);
}

criterion_group!(benches, bench_permitted, bench_what_if_standard, bench_what_if_long);
criterion_main!(benches);
