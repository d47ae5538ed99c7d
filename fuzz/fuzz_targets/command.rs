//! Commands (investment and digital), one JSON command per line, applied in order.
//! Selector % 3: 0 a new `InvestmentProject`, 1 a new `DigitalProject`, 2 a `Workspace`
//! (every machine). Each line is also read by `Command::from_json`. Beyond "no panic": a
//! project that accepted commands reads back from its own JSON (`from_json`: chain check and a
//! strict replay) to an equal log, and the workspace reports on every stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanzheng::digital::DigitalProject;
use wanzheng::{Command, Context, InvestmentProject, Workspace};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((sel, text)) = common::split(data) else { return };
    let lines = text.lines().take(64);
    match sel % 3 {
        0 => {
            let mut p = InvestmentProject::new(Context::default());
            for line in lines {
                let _ = Command::from_json(line);
                let _ = p.apply_json(line);
            }
            if !p.log().entries().is_empty() {
                let back = InvestmentProject::from_json(&p.to_json()).expect("a project reads back from its JSON");
                assert_eq!(back.log(), p.log(), "the replayed log equals the applied one");
                let _ = p.permitted_events(common::as_of(), None);
            }
        }
        1 => {
            let mut p = DigitalProject::new(Context::default());
            for line in lines {
                let _ = p.apply_json(line);
            }
            if !p.log().entries().is_empty() {
                let back = DigitalProject::from_json(&p.to_json()).expect("a project reads back from its JSON");
                assert_eq!(back.log(), p.log(), "the replayed log equals the applied one");
                let _ = p.permitted_events(common::as_of(), None);
            }
        }
        _ => {
            let mut ws = Workspace::new(Context::default());
            for line in lines {
                let _ = ws.apply_json(line);
            }
            let _ = ws.report(common::as_of());
            let _ = ws.permitted_events(common::as_of(), None);
        }
    }
});
