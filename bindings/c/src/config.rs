//! `wz_context`: the configuration of RULES.md §7 with a calendar — what every judgment uses.

use std::ffi::c_char;

use wanzheng::{Config, Context, WorkingDayCalendar};

use crate::boundary::{self, Castable, Out, arg_str, borrow, new_handle};
use crate::calendar::wz_calendar;
use crate::status::wz_status;

/// A configuration (RULES.md §7) and a working-day calendar.
///
/// Under the hood: a `wanzheng::Context` (the configuration, its id and an `Arc` of the
/// calendar), immutable once built. **Thread safety:** a context may be shared by any number of
/// threads at once. Projects and workspaces made from it keep their own reference, so the context
/// may be freed while they live. Free with `wz_context_free`.
pub struct wz_context {
    _private: [u8; 0],
}

impl Castable for wz_context {
    const TAG: u32 = 0x575a_4358; // "WZCX"
    const NAME: &'static str = "wz_context";
    type Rust = Context;
}

/// A context from a configuration JSON object and a calendar.
///
/// `config_json` may be NULL for the defaults of RULES.md §7; otherwise missing keys take their
/// defaults and unknown keys are refused. `calendar` may be NULL for the embedded calendar.
/// Writes a new handle into `*out_context` (free it with `wz_context_free`).
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT` (`out_context`), `WZ_WRONG_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for a bad configuration (unknown key, bad value, future `schema_version`).
#[unsafe(no_mangle)]
pub extern "C" fn wz_context_new(
    config_json: *const c_char,
    calendar: *const wz_calendar,
    out_context: *mut *mut wz_context,
) -> wz_status {
    boundary::guard("wz_context_new", || {
        let out = Out::new(out_context, "out_context")?;
        let config = if config_json.is_null() {
            Config::default()
        } else {
            Config::from_json(arg_str(config_json, "config_json")?)?
        };
        let calendar =
            if calendar.is_null() { WorkingDayCalendar::embedded() } else { borrow(calendar, "calendar")?.clone() };
        out.write(new_handle::<wz_context>(Context::new(config, calendar)));
        Ok(())
    })
}

/// Writes the context's configuration as canonical JSON into `*out_json` (free it with
/// `wz_string_free`); every key is present, defaults included.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT` or `WZ_WRONG_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_context_config_json(context: *const wz_context, out_json: *mut *mut c_char) -> wz_status {
    boundary::guard("wz_context_config_json", || {
        let ctx = borrow(context, "context")?;
        let out = Out::new(out_json, "out_json")?;
        out.write_string(ctx.config().canonical_json())
    })
}

/// A new context: `base` with an amendment of the dated rule parameters loaded over its rule
/// versions (JSON: `version`, `effective_from`, optional `source`, `values` — see
/// `tests/fixtures/rulesets/` and the Rust docs of `wanzheng::ruleset`). Acts dated from the
/// amendment's `effective_from` are judged under it by projects, workspaces and decisions made
/// with the new context; every transition and decision result names its version (`ruleset`).
/// `base` is unchanged. Writes a new handle into `*out_context` (free it with `wz_context_free`).
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, or `WZ_MALFORMED_INPUT` for a bad
/// amendment (malformed JSON, unknown key, a version already loaded, an `effective_from` not
/// after the newest version's, a bad value; the last error's `path` starts with `ruleset`).
#[unsafe(no_mangle)]
pub extern "C" fn wz_context_with_ruleset(
    base: *const wz_context,
    amendment_json: *const c_char,
    out_context: *mut *mut wz_context,
) -> wz_status {
    boundary::guard("wz_context_with_ruleset", || {
        let base = borrow(base, "base")?;
        let json = arg_str(amendment_json, "amendment_json")?;
        let out = Out::new(out_context, "out_context")?;
        let mut ctx = base.clone();
        ctx.load_ruleset(json)?;
        out.write(new_handle::<wz_context>(ctx));
        Ok(())
    })
}

/// Releases a context. NULL is accepted and ignored; a context freed already is refused
/// (`WZ_WRONG_HANDLE` in the last error) among the last 64 freed handles, best effort.
#[unsafe(no_mangle)]
pub extern "C" fn wz_context_free(context: *mut wz_context) {
    boundary::guard_value("wz_context_free", (), || boundary::free_handle(context, "context"));
}
