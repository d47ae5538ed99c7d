//! Peak resident memory of holding 100,000 investment projects at once, each with its log
//! (benches/README.md): by default the primary lifecycle, the 26-event standard route
//! (`inv_standard_route.json`); `--31` runs the 31-event scenario instead.
//!
//! `cargo run --release -p wanzheng-bench --bin memory [-- [--31] [COUNT]]`
//!
//! Each project gets its own project id and code (no string shared between projects) and its
//! own copy of its plan inputs. The commands of one project are parsed just before it is run,
//! so the peak is the projects and their logs, not a queue of parsed commands. Prints VmHWM
//! (peak RSS) and VmRSS from /proc/self/status before and after, the bytes per project, and the
//! live heap per project as the allocator was asked for it (a counting global allocator).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use wanzheng::Context;
use wanzheng::investment::InvestmentProject;
use wanzheng_bench::{run_with_log, standard_lifecycle, standard_route};

/// The system allocator, counting live bytes and allocations.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE_ALLOCS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` with the same arguments.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(l.size(), Relaxed);
        LIVE_ALLOCS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE_BYTES.fetch_sub(l.size(), Relaxed);
        LIVE_ALLOCS.fetch_sub(1, Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn status_kib(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let long = args.iter().any(|a| a == "--31");
    let count: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let ctx = Context::default();
    let w = if long { standard_lifecycle() } else { standard_route() };
    // Warm up the lazily built tables so they count in the baseline.
    drop(run_with_log(&ctx, &w.plans, w.commands_of(0)));
    let base_hwm = status_kib("VmHWM:").unwrap_or(0);
    let base_rss = status_kib("VmRSS:").unwrap_or(0);
    let mut projects: Vec<InvestmentProject> = Vec::with_capacity(count);
    let (base_bytes, base_allocs) = (LIVE_BYTES.load(Relaxed), LIVE_ALLOCS.load(Relaxed));

    let t = Instant::now();
    for n in 1..=count {
        projects.push(run_with_log(&ctx, &w.plans, w.commands_of(n)));
    }
    let elapsed = t.elapsed();
    let (bytes, allocs) = (LIVE_BYTES.load(Relaxed) - base_bytes, LIVE_ALLOCS.load(Relaxed) - base_allocs);
    let entries: usize = projects.iter().map(|p| p.log().len()).sum();
    let hwm = status_kib("VmHWM:").unwrap_or(0);
    let rss = status_kib("VmRSS:").unwrap_or(0);
    let per_project = (hwm.saturating_sub(base_hwm) * 1024) as f64 / count as f64;
    let inline = std::mem::size_of::<InvestmentProject>();
    println!("workload:            {}", if long { "31-event scenario" } else { "26-event standard route" });
    println!("projects:            {count}");
    println!("log entries:         {entries} ({} per project)", entries / count.max(1));
    println!("baseline VmHWM:      {base_hwm} KiB (VmRSS {base_rss} KiB)");
    println!("peak RSS (VmHWM):    {hwm} KiB = {:.1} MiB", hwm as f64 / 1024.0);
    println!("VmRSS now:           {rss} KiB = {:.1} MiB", rss as f64 / 1024.0);
    println!("per project:         {per_project:.0} bytes = {:.2} KiB (peak over baseline)", per_project / 1024.0);
    println!(
        "live heap:           {:.0} bytes in {:.1} allocations per project (+ {inline} B inline in the Vec)",
        bytes as f64 / count as f64,
        allocs as f64 / count as f64
    );
    println!("built in:            {:.2} s (parsing included)", elapsed.as_secs_f64());
    println!(
        "size_of: InvestmentProject {inline} B, LogEntry {} B, Command {} B",
        std::mem::size_of::<wanzheng::LogEntry>(),
        std::mem::size_of::<wanzheng::Command>()
    );
    std::hint::black_box(&projects);
}
