//! Working-day calendars and State Council holiday notices (`WorkingDayCalendar::from_json`,
//! `load_notice_json` over the embedded calendar), then the day arithmetic over the years a
//! calendar read covers.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use wanzheng::WorkingDayCalendar;

#[path = "common.rs"]
mod common;

fn exercise(cal: &WorkingDayCalendar) {
    let _ = cal.to_json();
    for year in cal.years().into_iter().take(4) {
        let _ = cal.year_days(year);
        for (m, d) in [(1, 1), (2, 10), (5, 1), (10, 1), (12, 31)] {
            if let Some(day) = NaiveDate::from_ymd_opt(year, m, d) {
                let _ = cal.is_working_day(day);
                let _ = cal.is_official(day);
                let _ = cal.add_working_days(day, 15);
                let _ = cal.due(day, 5);
                let _ = cal.within_working_days(day, 10, day.with_day(28).unwrap_or(day));
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, text)) = common::split(data) else { return };
    if sel % 2 == 0 {
        if let Ok(cal) = WorkingDayCalendar::from_json(text) {
            exercise(&cal);
        }
    } else {
        let mut cal = (*WorkingDayCalendar::embedded()).clone();
        if cal.load_notice_json(text).is_ok() {
            exercise(&cal);
        }
    }
});
