//! Project files (`wanzheng check`, `wz_check_json`): parsed, every command applied through a
//! workspace, the check report built and written, the next permitted events listed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanzheng::ProjectFile;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(project) = ProjectFile::run(text) {
        let _ = project.check_report(None, None).to_json();
        let _ = project.check_report(Some("f.json"), Some(common::as_of())).to_json();
        let _ = project.permitted_events(Some(common::as_of()), None);
    }
});
