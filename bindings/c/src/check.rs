//! `wz_check_json`, `wz_check_file`: a whole project file checked in one call, the report
//! `wanzheng check --json` prints (built by the core's `ProjectFile::check_report`, byte for byte
//! the same text); `wz_workspace_apply_all`: a command array applied in one call.

use std::ffi::c_char;
use std::sync::Arc;

use wanzheng::project_file::{apply_all_json, steps_json};
use wanzheng::{InputError, InputReason, ProjectFile, WorkingDayCalendar, Workspace};

use crate::boundary::{self, FfiError, Out, arg_date, arg_str, borrow, with_mut};
use crate::calendar::wz_calendar;
use crate::status::wz_status;
use crate::workspace::wz_workspace;

/// The calendar argument: the given one, or the embedded one for NULL.
fn calendar_or_embedded(calendar: *const wz_calendar) -> Result<Arc<WorkingDayCalendar>, FfiError> {
    if calendar.is_null() {
        return Ok(WorkingDayCalendar::embedded());
    }
    Ok(borrow(calendar, "calendar")?.clone())
}

/// The optional report date: NULL for the file's own.
fn optional_date(as_of: *const c_char) -> Result<Option<chrono::NaiveDate>, FfiError> {
    if as_of.is_null() { Ok(None) } else { arg_date(as_of, "as_of").map(Some) }
}

fn check(
    calendar: *const wz_calendar,
    text: &str,
    file: Option<&str>,
    as_of: *const c_char,
    out: Out<*mut c_char>,
) -> Result<(), FfiError> {
    let calendar = calendar_or_embedded(calendar)?;
    let as_of = optional_date(as_of)?;
    let project = ProjectFile::run_with(text, calendar)?;
    out.write_string(project.check_report(file, as_of).to_json())
}

/// Checks a project file given as JSON text (`{"schema_version":1, "name", "config"?, "as_of"?,
/// "commands":[…]}`, `docs/reference.md` § Project file): every command applied in order
/// through a workspace (a rejected one changes nothing; the next is applied), then every
/// stream's state, open obligations and findings. Writes into `*out_report_json` the report
/// `wanzheng check --json` prints for the same file, without its `file` key and final newline:
/// `{"as_of", "name", "steps":[{"index","stream","event","date","accepted","transition","error"}],
/// "streams":[…], "summary":{"accepted","rejected","findings"}}` (pretty-printed, keys sorted).
///
/// `calendar`: the working-day calendar (NULL: the embedded one). `as_of`: the report date
/// (NULL: the file's `as_of`, else its last command's date).
///
/// Returns `WZ_OK` whether or not commands were rejected (the report says which);
/// `WZ_NULL_ARGUMENT`; `WZ_WRONG_HANDLE`; `WZ_MALFORMED_INPUT` when the text is not a project
/// file (malformed JSON, a newer `schema_version`, no `commands` array, a bad `config` or
/// `as_of`: the last error names the path).
#[unsafe(no_mangle)]
pub extern "C" fn wz_check_json(
    calendar: *const wz_calendar,
    project_json: *const c_char,
    as_of: *const c_char,
    out_report_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_check_json", || {
        let text = arg_str(project_json, "project_json")?;
        let out = Out::new(out_report_json, "out_report_json")?;
        check(calendar, text, None, as_of, out)
    })
}

/// As `wz_check_json` on the project file at `path` (UTF-8); the report's `file` key is `path`
/// as given, so the text equals `wanzheng check --json PATH` (without the final newline).
///
/// Returns as `wz_check_json`; `WZ_MALFORMED_INPUT` (path `path`, reason `invalid_value`) when
/// the file cannot be read.
#[unsafe(no_mangle)]
pub extern "C" fn wz_check_file(
    calendar: *const wz_calendar,
    path: *const c_char,
    as_of: *const c_char,
    out_report_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_check_file", || {
        let path = arg_str(path, "path")?;
        let out = Out::new(out_report_json, "out_report_json")?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError::new("path", InputReason::InvalidValue, format!("cannot read {path}: {e}")))?;
        check(calendar, &text, Some(path), as_of, out)
    })
}

/// Applies a JSON array of commands to the workspace in order, as `wz_workspace_apply` one by
/// one: a rejected command changes nothing and the next is applied. Writes into
/// `*out_steps_json` one step per command, in order — the `steps` of the check report:
/// `[{"index":1,"stream":"inv/P1","event":…,"date":…,"accepted":true,"transition":{…},"error":null}, …]`
/// (a rejected step has `"accepted":false`, `"transition":null` and the error as
/// `wz_last_error_json` would give it). Then `wz_workspace_report` gives the streams.
///
/// Returns `WZ_OK` whether or not commands were rejected; `WZ_NULL_ARGUMENT`,
/// `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`; `WZ_MALFORMED_INPUT` when `commands_json` is not a
/// JSON array (nothing applied).
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_apply_all(
    workspace: *mut wz_workspace,
    commands_json: *const c_char,
    out_steps_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_workspace_apply_all", || {
        let commands = arg_str(commands_json, "commands_json")?;
        let out = Out::new(out_steps_json, "out_steps_json")?;
        let steps = with_mut(workspace, "workspace", |ws: &mut Workspace| Ok(apply_all_json(ws, commands)?))?;
        out.write_string(steps_json(&steps).to_string())
    })
}
