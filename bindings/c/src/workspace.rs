//! `wz_workspace`: the projects and plan years of one approval system, commands routed by stream.

use std::ffi::c_char;

use wanzheng::{InputError, InputReason, Workspace};

use crate::boundary::{self, Castable, FfiError, Out, arg_actor, arg_date, arg_str, borrow, new_handle, with_mut};
use crate::config::wz_context;
use crate::status::wz_status;

/// A workspace: every project, plan year and DIG cycle of one approval system; each command goes
/// to the stream its `stream` names, and projects read the plan streams as they stand.
///
/// Under the hood: a boxed `wanzheng::Workspace`. **Thread safety:** as `wz_inv_project`: the
/// handle's lock lets const functions run together and `wz_workspace_apply` alone. Free with
/// `wz_workspace_free`.
pub struct wz_workspace {
    _private: [u8; 0],
}

impl Castable for wz_workspace {
    const TAG: u32 = 0x575a_5753; // "WZWS"
    const NAME: &'static str = "wz_workspace";
    type Rust = Workspace;
}

/// An empty workspace judged with `context`; writes it into `*out_workspace`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT` or `WZ_WRONG_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_new(context: *const wz_context, out_workspace: *mut *mut wz_workspace) -> wz_status {
    boundary::guard("wz_workspace_new", || {
        let ctx = borrow(context, "context")?;
        let out = Out::new(out_workspace, "out_workspace")?;
        out.write(new_handle::<wz_workspace>(Workspace::new(ctx.clone())));
        Ok(())
    })
}

/// Applies one command to the stream it names (a `register_project` creates the project) and
/// writes the transition JSON into `*out_transition_json`.
///
/// Returns as `wz_inv_project_apply`; `WZ_INVALID_TRANSITION` (detail `unknown_instance`) for a
/// command to a project that does not exist.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_apply(
    workspace: *mut wz_workspace,
    command_json: *const c_char,
    out_transition_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_workspace_apply", || {
        let cmd = arg_str(command_json, "command_json")?;
        let out = Out::new(out_transition_json, "out_transition_json")?;
        let t = with_mut(workspace, "workspace", |ws: &mut Workspace| Ok(ws.apply_json(cmd)?))?;
        out.write_string(serde_json::to_string(&t).map_err(|e| FfiError::Internal { message: e.to_string() })?)
    })
}

/// The compliance report of every stream as of `as_of` (ISO date): writes a JSON array of
/// `{"stream":"inv/P1","state":…,"obligations":[…],"findings":[…]}` into `*out_json`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for a bad date.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_report(
    workspace: *const wz_workspace,
    as_of: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_workspace_report", || {
        let ws = borrow(workspace, "workspace")?;
        let as_of = arg_date(as_of, "as_of")?;
        let out = Out::new(out_json, "out_json")?;
        let report = ws.report(as_of);
        out.write_string(serde_json::to_string(&report).map_err(|e| FfiError::Internal { message: e.to_string() })?)
    })
}

/// What may happen next on every stream of the workspace (issue 13): the screen JSON of
/// `wz_inv_project_permitted_events` over investment projects by id, plan years, digital
/// projects by id and DIG cycles by year. `actor` NULL: any actor. Free with `wz_string_free`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for a bad date or an unknown actor.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_permitted_events(
    workspace: *const wz_workspace,
    as_of: *const c_char,
    actor: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_workspace_permitted_events", || {
        let ws = borrow(workspace, "workspace")?;
        let as_of = arg_date(as_of, "as_of")?;
        let actor = arg_actor(actor, "actor")?;
        let out = Out::new(out_json, "out_json")?;
        out.write_string(ws.permitted_events(as_of, actor).to_json())
    })
}

/// Dry run on the stream the command names: the transition JSON (or the error, with every
/// outcome in the last error) that `wz_workspace_apply` would give, nothing changed. Free with
/// `wz_string_free`.
///
/// Returns as `wz_workspace_apply`; the workspace is unchanged in every case.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_what_if(
    workspace: *mut wz_workspace,
    command_json: *const c_char,
    out_transition_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_workspace_what_if", || {
        let cmd = arg_str(command_json, "command_json")?;
        let out = Out::new(out_transition_json, "out_transition_json")?;
        let t = with_mut(workspace, "workspace", |ws: &mut Workspace| Ok(ws.what_if_json(cmd)?))?;
        out.write_string(serde_json::to_string(&t).map_err(|e| FfiError::Internal { message: e.to_string() })?)
    })
}

/// Writes into `*out_json` the project document of the workspace's project `project_id`
/// (investment or digital): as `wz_inv_project_document_json` / `wz_dig_project_document_json`
/// on that project — for an investment project with the plan entries it read from the
/// workspace's plan years, so that `wz_inv_project_replay_checked` rebuilds it strictly. The
/// string is the caller's: free it with `wz_string_free`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`, or
/// `WZ_MALFORMED_INPUT` (path `project_id`, reason `unknown_id`) when the workspace has no such
/// project.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_project_document_json(
    workspace: *const wz_workspace,
    project_id: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_workspace_project_document_json", || {
        let ws = borrow(workspace, "workspace")?;
        let id = arg_str(project_id, "project_id")?;
        let out = Out::new(out_json, "out_json")?;
        let doc = match (ws.investment(id), ws.digital(id)) {
            (Some(p), _) => p.to_json(),
            (None, Some(d)) => d.to_json(),
            (None, None) => {
                return Err(InputError::new(
                    "project_id",
                    InputReason::UnknownId,
                    format!("the workspace has no project {}", wanzheng::error::echo(id)),
                )
                .into());
            }
        };
        out.write_string(doc)
    })
}

/// Releases a workspace. NULL is accepted and ignored; a workspace freed already is refused
/// (`WZ_WRONG_HANDLE` in the last error) among the last 64 freed handles, best effort.
#[unsafe(no_mangle)]
pub extern "C" fn wz_workspace_free(workspace: *mut wz_workspace) {
    boundary::guard_value("wz_workspace_free", (), || boundary::free_handle(workspace, "workspace"));
}
