//! `wz_calendar`: the working-day calendar (RULES.md §1.4), loadable as data.

use std::ffi::c_char;
use std::sync::Arc;

use wanzheng::calendar::CalendarError;
use wanzheng::{InputError, WorkingDayCalendar};

use crate::boundary::{self, Castable, FfiResult, Out, arg_date, arg_str, borrow, new_handle};
use crate::status::wz_status;

/// A working-day calendar (State Council holiday notices).
///
/// Under the hood: an `Arc<WorkingDayCalendar>`, immutable once built. **Thread safety:** a
/// calendar may be shared by any number of threads at once; every function taking a
/// `const wz_calendar *` only reads it. Contexts made from it hold their own reference, so
/// the calendar may be freed while they live. Free with `wz_calendar_free`.
pub struct wz_calendar {
    _private: [u8; 0],
}

impl Castable for wz_calendar {
    const TAG: u32 = 0x575a_4341; // "WZCA"
    const NAME: &'static str = "wz_calendar";
    type Rust = Arc<WorkingDayCalendar>;
}

fn calendar_error(argument: &'static str, e: &CalendarError) -> InputError {
    let mut err = InputError::from(e.clone());
    err.path = argument.into();
    err
}

/// The embedded calendar (the State Council notices shipped with this library).
///
/// Writes a new handle into `*out_calendar` (free it with `wz_calendar_free`). Returns `WZ_OK` or
/// `WZ_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_embedded(out_calendar: *mut *mut wz_calendar) -> wz_status {
    boundary::guard("wz_calendar_embedded", || {
        let out = Out::new(out_calendar, "out_calendar")?;
        out.write(new_handle::<wz_calendar>(WorkingDayCalendar::embedded()));
        Ok(())
    })
}

/// A calendar from JSON data in the format of `crates/wanzheng/data/calendar/cn.json`
/// (`{"source": …, "years": {"2023": {"notice": …, "holidays": [...], "workdays": [...]}}}`):
/// the years it names official, every other year of 2023–2099 provisional (statutory holidays
/// only).
///
/// Writes a new handle into `*out_calendar`. Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, or
/// `WZ_MALFORMED_INPUT` for data that is not such a calendar (unknown fields, bad dates, a year
/// outside 2023–2099), or that takes a statutory holiday away (the message names the day and
/// ends `calendar_contradicts_statute`).
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_from_json(json: *const c_char, out_calendar: *mut *mut wz_calendar) -> wz_status {
    boundary::guard("wz_calendar_from_json", || {
        let json = arg_str(json, "json")?;
        let out = Out::new(out_calendar, "out_calendar")?;
        let cal = WorkingDayCalendar::from_json(json).map_err(|e| calendar_error("json", &e))?;
        out.write(new_handle::<wz_calendar>(Arc::new(cal)));
        Ok(())
    })
}

/// A new calendar: `base` plus the years of a newer notice document (same format), replacing
/// years already loaded. This is how a newer holiday notice is loaded as data, without a new
/// library, the day it is published: its years turn from provisional to official. `base` is not
/// changed; contexts made from the new calendar (`wz_context_new`) judge with it, and replaying a
/// log with such a context gives the official deadlines.
///
/// Writes a new handle into `*out_calendar`. Returns `WZ_OK`, `WZ_NULL_ARGUMENT`,
/// `WZ_WRONG_HANDLE`, or `WZ_MALFORMED_INPUT` (bad data, or a notice that takes a statutory
/// holiday away: the message names the day).
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_with_notice(
    base: *const wz_calendar,
    notice_json: *const c_char,
    out_calendar: *mut *mut wz_calendar,
) -> wz_status {
    boundary::guard("wz_calendar_with_notice", || {
        let base = borrow(base, "base")?;
        let json = arg_str(notice_json, "notice_json")?;
        let out = Out::new(out_calendar, "out_calendar")?;
        let mut cal = WorkingDayCalendar::clone(&base);
        cal.load_notice_json(json).map_err(|e| calendar_error("notice_json", &e))?;
        out.write(new_handle::<wz_calendar>(Arc::new(cal)));
        Ok(())
    })
}

/// Writes the calendar as canonical JSON into `*out_json` (free it with `wz_string_free`).
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT` or `WZ_WRONG_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_to_json(calendar: *const wz_calendar, out_json: *mut *mut c_char) -> wz_status {
    boundary::guard("wz_calendar_to_json", || {
        let cal = borrow(calendar, "calendar")?;
        let out = Out::new(out_json, "out_json")?;
        out.write_string(cal.to_json())
    })
}

/// Whether `date` (ISO `YYYY-MM-DD`) is a working day; writes the answer into `*out_working`. In
/// a year without a loaded notice the answer is provisional (see `wz_calendar_is_official`).
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, or `WZ_MALFORMED_INPUT` for a bad date
/// or a date outside 2023–2099 (reason `calendar_out_of_range`).
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_is_working_day(
    calendar: *const wz_calendar,
    date: *const c_char,
    out_working: *mut bool,
) -> wz_status {
    boundary::guard("wz_calendar_is_working_day", || {
        let cal = borrow(calendar, "calendar")?;
        let date = arg_date(date, "date")?;
        let out = Out::new(out_working, "out_working")?;
        let working: FfiResult<bool> = cal.is_working_day(date).map_err(|e| calendar_error("date", &e).into());
        out.write(working?);
        Ok(())
    })
}

/// Whether the year of `date` (ISO `YYYY-MM-DD`) has a loaded State Council notice; writes the
/// answer into `*out_official` (false: the year's working days are provisional, from the
/// statutory holidays).
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, or `WZ_MALFORMED_INPUT` for a bad date
/// or a date outside 2023–2099 (reason `calendar_out_of_range`).
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_is_official(
    calendar: *const wz_calendar,
    date: *const c_char,
    out_official: *mut bool,
) -> wz_status {
    boundary::guard("wz_calendar_is_official", || {
        let cal = borrow(calendar, "calendar")?;
        let date = arg_date(date, "date")?;
        let out = Out::new(out_official, "out_official")?;
        if !cal.covers(date) {
            let e = CalendarError::OutOfRange {
                date,
                first_year: wanzheng::calendar::FIRST_YEAR,
                last_year: wanzheng::calendar::LAST_YEAR,
            };
            return Err(calendar_error("date", &e).into());
        }
        out.write(cal.is_official(date));
        Ok(())
    })
}

/// Releases a calendar. NULL is accepted and ignored; a calendar freed already is refused
/// (`WZ_WRONG_HANDLE` in the last error) among the last 64 freed handles, best effort.
#[unsafe(no_mangle)]
pub extern "C" fn wz_calendar_free(calendar: *mut wz_calendar) {
    boundary::guard_value("wz_calendar_free", (), || boundary::free_handle(calendar, "calendar"));
}
