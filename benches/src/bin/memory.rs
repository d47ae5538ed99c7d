//! Peak resident memory of holding 100,000 investment projects at once, each with its
//! 31-entry log of the standard lifecycle (benches/README.md).
//!
//! `cargo run --release -p wanzheng-bench --bin memory [-- COUNT]`
//!
//! Each project gets its own project id and code (no string shared between projects). The
//! commands of one project are parsed just before it is run, so the peak is the projects and
//! their logs, not a queue of parsed commands. Prints VmHWM (peak RSS) and VmRSS from
//! /proc/self/status before and after, and the bytes per project.

use std::time::Instant;

use wanzheng::Context;
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{run_with_log, standard_lifecycle_of, standard_lifecycle_values};

fn status_kib(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let ctx = Context::default();
    let values = standard_lifecycle_values();
    // Warm up the lazily built tables so they count in the baseline.
    drop(run_with_log(&ctx, standard_lifecycle_of(&values, 0)));
    let base_hwm = status_kib("VmHWM:").unwrap_or(0);
    let base_rss = status_kib("VmRSS:").unwrap_or(0);

    let t = Instant::now();
    let mut projects: Vec<InvestmentProject> = Vec::with_capacity(count);
    for n in 1..=count {
        projects.push(run_with_log(&ctx, standard_lifecycle_of(&values, n)));
    }
    let elapsed = t.elapsed();
    let entries: usize = projects.iter().map(|p| p.log().len()).sum();
    let hwm = status_kib("VmHWM:").unwrap_or(0);
    let rss = status_kib("VmRSS:").unwrap_or(0);
    let per_project = (hwm.saturating_sub(base_hwm) * 1024) as f64 / count as f64;
    println!("projects:            {count}");
    println!("log entries:         {entries} ({} per project)", entries / count.max(1));
    println!("baseline VmHWM:      {base_hwm} KiB (VmRSS {base_rss} KiB)");
    println!("peak RSS (VmHWM):    {hwm} KiB = {:.1} MiB", hwm as f64 / 1024.0);
    println!("VmRSS now:           {rss} KiB = {:.1} MiB", rss as f64 / 1024.0);
    println!("per project:         {per_project:.0} bytes = {:.2} KiB (peak over baseline)", per_project / 1024.0);
    println!("built in:            {:.2} s (parsing included)", elapsed.as_secs_f64());
    println!(
        "size_of: InvestmentProject {} B, LogEntry {} B, Command {} B",
        std::mem::size_of::<InvestmentProject>(),
        std::mem::size_of::<wanzheng::LogEntry>(),
        std::mem::size_of::<wanzheng::Command>()
    );
    std::hint::black_box(&projects);
}
