//! The pure decision functions: `approval_route` (RULES.md §4.1, with its rule trace) and
//! `payment_check` (§4.5). Inputs are built once outside the timed loop; `black_box` keeps the
//! compiler from folding them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use wanzheng::config::DesignApprover;
use wanzheng::investment::payment::{PaymentFacts, PaymentLedger, payment_check};
use wanzheng::investment::route::{ApprovalFlags, Level, approval_route};
use wanzheng::rules::INV_55_1;
use wanzheng::yuan;

fn bench_approval_route(c: &mut Criterion) {
    let mut g = c.benchmark_group("approval_route");
    let plain = ApprovalFlags::default();
    let in_plan = ApprovalFlags { in_plan: true, ..ApprovalFlags::default() };
    let emergency = ApprovalFlags { emergency_recognized: true, urgent_sudden_event: true, ..ApprovalFlags::default() };
    let county = ApprovalFlags { level: Level::County, ..ApprovalFlags::default() };
    let cases = [
        ("standard_120M", yuan!("120000000.00"), plain, DesignApprover::Drc),
        ("standard_120M_ia", yuan!("120000000.00"), plain, DesignApprover::IndustryAuthority),
        ("simplified_10M", yuan!("10000000.00"), plain, DesignApprover::Drc),
        ("direct_fsr_50M_in_plan", yuan!("50000000.00"), in_plan, DesignApprover::Drc),
        ("emergency_8M", yuan!("8000000.00"), emergency, DesignApprover::Drc),
        ("county", yuan!("120000000.00"), county, DesignApprover::Drc),
    ];
    for (name, total, flags, approver) in cases {
        g.bench_function(name, |b| {
            b.iter(|| {
                let d = approval_route(black_box(total), black_box(&flags), black_box(approver));
                // The decision with its trace is the result.
                black_box(d)
            })
        });
    }
    // The six cases in turn (a branchy mix the predictor cannot learn from one case).
    g.bench_function("mix_of_6", |b| {
        b.iter(|| {
            for (_, total, flags, approver) in &cases {
                black_box(approval_route(black_box(*total), black_box(flags), black_box(*approver)));
            }
        })
    });
    g.finish();
}

fn bench_payment_check(c: &mut Criterion) {
    let mut g = c.benchmark_group("payment_check");
    let ledger = PaymentLedger {
        budget: Some(yuan!("98000000.00")),
        contract_ceiling: Some(yuan!("90000000.00")),
        estimate: Some(yuan!("105000000.00")),
        funding_suspended: None,
        in_plan: Some(true),
        paid_budget_scope: yuan!("20000000.00"),
        paid_contract: yuan!("20000000.00"),
        paid_total: yuan!("22000000.00"),
        plan_amount_left: Some(yuan!("30000000.00")),
        unconsented_43: yuan!("0"),
        unreviewed: yuan!("0"),
    };
    let pay = PaymentFacts {
        amount: yuan!("10000000.00"),
        in_budget_scope: true,
        in_scope: true,
        lot_class: None,
        progress_cap: Some(yuan!("40000000.00")),
        wage_share: yuan!("1000000.00"),
        wages_due: yuan!("800000.00"),
    };
    g.bench_function("clean", |b| b.iter(|| black_box(payment_check(black_box(&pay), black_box(&ledger)))));
    // Over the contract with pending deltas, funding suspended, not in plan, over the annual plan,
    // wages not prioritised: every check fails.
    let bad_ledger = PaymentLedger {
        funding_suspended: Some(INV_55_1),
        in_plan: Some(false),
        plan_amount_left: Some(yuan!("1.00")),
        unconsented_43: yuan!("5000000.00"),
        unreviewed: yuan!("5000000.00"),
        paid_contract: yuan!("89000000.00"),
        ..ledger.clone()
    };
    let bad_pay = PaymentFacts { in_scope: false, wage_share: yuan!("0"), ..pay.clone() };
    g.bench_function("all_fail", |b| b.iter(|| black_box(payment_check(black_box(&bad_pay), black_box(&bad_ledger)))));
    g.finish();
}

criterion_group!(benches, bench_approval_route, bench_payment_check);
criterion_main!(benches);
