//! Logs, stream documents and replay (INV-57, issue 12 item 2). Selector % 6:
//! 0 `Log::from_json` (a log read back from its own JSON is equal); 1 / 2 the investment /
//! digital `replay_json` (report mode); 3 `InvestmentProject::from_json`, `AnnualPlan::from_json`;
//! 4 `DigitalProject::from_json`, `DigCycle::from_json`; 5 the first line as
//! `ReplayOptions` JSON (or, failing that, `CheckpointKeys`) and the rest through both
//! machines' `replay_checked`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanzheng::anchor::{CheckpointKeys, ReplayOptions};
use wanzheng::digital::{DigCycle, DigitalProject};
use wanzheng::investment::AnnualPlan;
use wanzheng::{Context, InvestmentProject, Log};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((sel, text)) = common::split(data) else { return };
    match sel % 6 {
        0 => {
            if let Ok(log) = Log::from_json(text) {
                let back = Log::from_json(&log.to_json()).expect("a log reads back from its own JSON");
                assert_eq!(back, log);
            }
        }
        1 => {
            if let Ok((p, _report)) = InvestmentProject::replay_json(Context::default(), text) {
                let _ = p.to_json();
            }
        }
        2 => {
            if let Ok((p, _report)) = DigitalProject::replay_json(Context::default(), text) {
                let _ = p.to_json();
            }
        }
        3 => {
            let _ = InvestmentProject::from_json(text);
            let _ = AnnualPlan::from_json(text);
        }
        4 => {
            let _ = DigitalProject::from_json(text);
            let _ = DigCycle::from_json(text);
        }
        _ => {
            let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
            match ReplayOptions::from_json(first) {
                Ok(options) => {
                    let _ = InvestmentProject::replay_checked(Context::default(), rest, &options);
                    let _ = DigitalProject::replay_checked(Context::default(), rest, &options);
                }
                Err(_) => {
                    let _ = CheckpointKeys::from_json(first);
                }
            }
        }
    }
});
