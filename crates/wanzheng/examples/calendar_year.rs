//! Prints every day of one year of the embedded working-day calendar as JSON.
//!
//! ```text
//! cargo run -p wanzheng --example calendar_year -- 2024
//! {"year":2024,"days":[{"date":"2024-01-01","working":false,"kind":"holiday"}, ...]}
//! ```
//!
//! This is the output of the future `wanzheng calendar --year Y --json`, which
//! `scripts/check_calendar.py` compares with the `chinese-calendar` package.

use std::io::Write as _;
use std::process::ExitCode;

use serde::Serialize;
use wanzheng::calendar::{DayInfo, WorkingDayCalendar};

/// The JSON document: `{"year": Y, "days": [...]}`.
#[derive(Serialize)]
struct YearJson {
    year: i32,
    days: Vec<DayInfo>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [arg] = args.as_slice() else {
        eprintln!("usage: calendar_year YEAR");
        return ExitCode::from(2);
    };
    let Ok(year) = arg.parse::<i32>() else {
        eprintln!("calendar_year: {arg:?} is not a year");
        return ExitCode::from(2);
    };
    let days = match WorkingDayCalendar::embedded().year_days(year) {
        Ok(days) => days,
        Err(e) => {
            eprintln!("calendar_year: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &YearJson { year, days })
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing left to report.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("calendar_year: {e}");
            ExitCode::FAILURE
        }
    }
}
