//! What every project handle does, written once over [`ProjectMachine`]; `investment.rs` (and
//! `digital.rs` once `DigitalProject` lands) export it under their own names.

use std::ffi::c_char;

use wanzheng::anchor::{CheckpointKeys, ReplayOptions};
use wanzheng::machine::LoggedStream;

use crate::boundary::{Castable, FfiError, FfiResult, Out, arg_actor, arg_date, arg_str, borrow, new_handle, with_mut};
use crate::config::wz_context;

/// A project machine of the core for the C API: the kernel's stream ([`LoggedStream`]: apply,
/// state, obligations, findings, replay, the project document, what-if), and what may happen
/// next, which only project streams answer here.
pub(crate) trait ProjectMachine: LoggedStream {
    /// What may happen next as of a date, for an actor or any (the screen JSON).
    fn permitted_json(&self, as_of: chrono::NaiveDate, actor: Option<wanzheng::Actor>) -> String;
}

/// As the core's JSON value of `v` writes it (keys as the value orders them).
fn value_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).unwrap_or_default().to_string()
}

fn to_json<T: serde::Serialize>(v: &T) -> FfiResult<String> {
    serde_json::to_string(v).map_err(|e| FfiError::Internal { message: e.to_string() })
}

/// `wz_<machine>_project_new`.
pub(crate) fn new<C: Castable>(context: *const wz_context, out_project: *mut *mut C) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let ctx = borrow(context, "context")?;
    let out = Out::new(out_project, "out_project")?;
    out.write(new_handle::<C>(<C::Rust as LoggedStream>::empty(ctx.clone())));
    Ok(())
}

/// `wz_<machine>_project_create`: a project from its first command.
pub(crate) fn create<C: Castable>(
    context: *const wz_context,
    command_json: *const c_char,
    out_project: *mut *mut C,
    out_transition_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let ctx = borrow(context, "context")?;
    let cmd = arg_str(command_json, "command_json")?;
    let out = Out::new(out_project, "out_project")?;
    let out_t = Out::optional(out_transition_json);
    let mut p = <C::Rust as LoggedStream>::empty(ctx.clone());
    let t = to_json(&p.apply_json(cmd)?)?;
    if let Some(out_t) = out_t {
        out_t.write_string(t)?;
    }
    out.write(new_handle::<C>(p));
    Ok(())
}

/// `wz_<machine>_project_apply`.
pub(crate) fn apply<C: Castable>(
    project: *mut C,
    command_json: *const c_char,
    out_transition_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let cmd = arg_str(command_json, "command_json")?;
    let out = Out::new(out_transition_json, "out_transition_json")?;
    let t = with_mut(project, "project", |p: &mut C::Rust| Ok(p.apply_json(cmd)?))?;
    out.write_string(to_json(&t)?)
}

/// `wz_<machine>_project_state`.
pub(crate) fn state<C: Castable>(project: *const C, out_json: *mut *mut c_char) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let p = borrow(project, "project")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(p.state_json().to_string())
}

/// `wz_<machine>_project_obligations`.
pub(crate) fn obligations<C: Castable>(project: *const C, as_of: *const c_char, out_json: *mut *mut c_char) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let p = borrow(project, "project")?;
    let as_of = arg_date(as_of, "as_of")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(value_json(&p.obligations(as_of)))
}

/// `wz_<machine>_project_findings`.
pub(crate) fn findings<C: Castable>(project: *const C, as_of: *const c_char, out_json: *mut *mut c_char) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let p = borrow(project, "project")?;
    let as_of = arg_date(as_of, "as_of")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(value_json(&p.findings(as_of)))
}

/// `wz_<machine>_project_replay`: report mode when the caller takes the report
/// (`out_report_json` not NULL); without it a difference between stored and re-judged entries
/// is an error (`replay_difference`), never silently accepted.
pub(crate) fn replay<C: Castable>(
    context: *const wz_context,
    log_json: *const c_char,
    out_project: *mut *mut C,
    out_report_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let options = if out_report_json.is_null() { ReplayOptions::default() } else { ReplayOptions::report() };
    replay_options(context, log_json, &options, out_project, out_report_json)
}

/// `wz_<machine>_project_replay_checked`: the options as JSON (NULL: the defaults).
pub(crate) fn replay_checked<C: Castable>(
    context: *const wz_context,
    log_json: *const c_char,
    options_json: *const c_char,
    out_project: *mut *mut C,
    out_report_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let options = if options_json.is_null() {
        ReplayOptions::default()
    } else {
        ReplayOptions::from_json(arg_str(options_json, "options_json")?)?
    };
    replay_options(context, log_json, &options, out_project, out_report_json)
}

fn replay_options<C: Castable>(
    context: *const wz_context,
    log_json: *const c_char,
    options: &ReplayOptions,
    out_project: *mut *mut C,
    out_report_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let ctx = borrow(context, "context")?;
    let log = arg_str(log_json, "log_json")?;
    let out = Out::new(out_project, "out_project")?;
    let out_report = Out::optional(out_report_json);
    let (p, report) = C::Rust::replay_checked(ctx.clone(), log, options)?;
    if let Some(out_report) = out_report {
        out_report.write_string(value_json(&report))?;
    }
    out.write(new_handle::<C>(p));
    Ok(())
}

/// `wz_<machine>_project_checkpoint`: the log's length and head with a proof per key.
pub(crate) fn checkpoint<C: Castable>(
    project: *const C,
    keys_json: *const c_char,
    out_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let keys = if keys_json.is_null() {
        CheckpointKeys::default()
    } else {
        CheckpointKeys::from_json(arg_str(keys_json, "keys_json")?)?
    };
    let p = borrow(project, "project")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(to_json(&keys.anchor(p.log()))?)
}

/// `wz_<machine>_project_export_log`.
pub(crate) fn export_log<C: Castable>(project: *const C, out_json: *mut *mut c_char) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let p = borrow(project, "project")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(p.log().to_json())
}

/// `wz_<machine>_project_document_json`.
pub(crate) fn document_json<C: Castable>(project: *const C, out_json: *mut *mut c_char) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let p = borrow(project, "project")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(p.to_json())
}

/// `wz_<machine>_project_permitted_events`.
pub(crate) fn permitted_events<C: Castable>(
    project: *const C,
    as_of: *const c_char,
    actor: *const c_char,
    out_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let p = borrow(project, "project")?;
    let as_of = arg_date(as_of, "as_of")?;
    let actor = arg_actor(actor, "actor")?;
    let out = Out::new(out_json, "out_json")?;
    out.write_string(p.permitted_json(as_of, actor))
}

/// `wz_<machine>_project_what_if`.
pub(crate) fn what_if<C: Castable>(
    project: *mut C,
    command_json: *const c_char,
    out_transition_json: *mut *mut c_char,
) -> FfiResult
where
    C::Rust: ProjectMachine,
{
    let cmd = arg_str(command_json, "command_json")?;
    let out = Out::new(out_transition_json, "out_transition_json")?;
    let t = with_mut(project, "project", |p: &mut C::Rust| Ok(p.what_if(wanzheng::Command::from_json(cmd)?)?))?;
    out.write_string(to_json(&t)?)
}
