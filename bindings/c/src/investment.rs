//! `wz_inv_project`: a government investment project under 宛政〔2023〕7号 (machine `inv`).

use std::ffi::c_char;

use wanzheng::investment::InvestmentProject;

use crate::boundary::{self, Castable};
use crate::config::wz_context;
use crate::project::{self, ProjectMachine};
use crate::status::wz_status;

/// An investment project under 宛政〔2023〕7号: the `inv` lifecycle with its change, adjustment and
/// accountability sub-machines and one hash-chained log.
///
/// Under the hood: a boxed `wanzheng::InvestmentProject`. **Thread safety:** a project may be
/// used from several threads at once: its lock serialises the calls — functions taking a
/// `const wz_inv_project *` run together, `wz_inv_project_apply` alone — so a call waits for the one in
/// progress (never `WZ_POISONED_HANDLE` for that: only after a panic). A rejected command
/// changes nothing. Free with `wz_inv_project_free`.
pub struct wz_inv_project {
    _private: [u8; 0],
}

impl Castable for wz_inv_project {
    const TAG: u32 = 0x575a_4950; // "WZIP"
    const NAME: &'static str = "wz_inv_project";
    type Rust = InvestmentProject;
}

impl ProjectMachine for InvestmentProject {
    fn permitted_json(&self, as_of: chrono::NaiveDate, actor: Option<wanzheng::Actor>) -> String {
        self.permitted_events(as_of, actor).to_json()
    }
}

/// An empty investment project (no stream yet) judged with `context`; its first command is
/// `register_project` or `import_legacy`. Writes a new handle into `*out_project`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT` or `WZ_WRONG_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_new(context: *const wz_context, out_project: *mut *mut wz_inv_project) -> wz_status {
    boundary::guard("wz_inv_project_new", || project::new(context, out_project))
}

/// Creates an investment project from its first command (a `register_project` or `import_legacy`
/// command JSON, with the project's facts) and writes it into `*out_project`; the transition
/// JSON goes into `*out_transition_json` unless that is NULL. Nothing is allocated on failure.
///
/// Returns as `wz_inv_project_apply`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_create(
    context: *const wz_context,
    command_json: *const c_char,
    out_project: *mut *mut wz_inv_project,
    out_transition_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_create", || {
        project::create(context, command_json, out_project, out_transition_json)
    })
}

/// Applies one command (RULES.md §1.6: `{"stream":…, "event":…, "actor":…, "date":…, "mode":…,
/// "facts":{…}}`) and writes the transition JSON (`seq`, `machine`, `event`, `from`, `to`, `rules`,
/// `outcomes`, `exceptions_used`) into `*out_transition_json`.
///
/// Returns `WZ_OK`; `WZ_RULE_VIOLATION` (the regulation refused: `rule_id`, `article` and both
/// messages in the last error); `WZ_INVALID_TRANSITION`; `WZ_MALFORMED_INPUT`; `WZ_NULL_ARGUMENT`;
/// `WZ_WRONG_HANDLE`; `WZ_POISONED_HANDLE`. On any failure the project is unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_apply(
    project: *mut wz_inv_project,
    command_json: *const c_char,
    out_transition_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_apply", || project::apply(project, command_json, out_transition_json))
}

/// Writes the current state and ledger as JSON (`machine`, `project_id`, `state`, `ledger`,
/// `exceptions`, `obligations`, `log_len`, `head`) into `*out_json`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE` or `WZ_POISONED_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_state(project: *const wz_inv_project, out_json: *mut *mut c_char) -> wz_status {
    boundary::guard("wz_inv_project_state", || project::state(project, out_json))
}

/// Writes the obligations open or overdue as of `as_of` (ISO date) as a JSON array into
/// `*out_json`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for a bad date.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_obligations(
    project: *const wz_inv_project,
    as_of: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_obligations", || project::obligations(project, as_of, out_json))
}

/// The compliance audit (RULES.md §5): writes the findings as of `as_of` (ISO date) as a JSON
/// array (`code`, `rule`, `kind`, `detail`, `seqs`, `date`, `source`, …) into `*out_json`.
///
/// Returns as `wz_inv_project_obligations`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_findings(
    project: *const wz_inv_project,
    as_of: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_findings", || project::findings(project, as_of, out_json))
}

/// Rebuilds a project from a log JSON array (as `wz_inv_project_export_log` writes it) or from
/// the project document of the other bindings' `to_json` (`{"machine":"inv","config":…,
/// "log":[…],"plans":…}`): verifies the hash chain and re-applies every entry, the stored
/// outcomes staying authoritative. Writes the project into `*out_project`, and into
/// `*out_report_json` (unless NULL: then an entry judged differently is refused, reason
/// `replay_difference`; see `wz_inv_project_replay_checked`) the report
/// `{"differences":[{"seq":…,"stored":[…],"rejudged":[…]}]}` of entries judged differently
/// under `context` today: empty for an untouched log. A document's `plans` (the plan entries
/// the project read in its workspace, INV-12.2, 34, 55.6) are re-judged with; a bare log of
/// such a project has none, and its report lists the entries whose plan checks then differ.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_MALFORMED_INPUT` (reason
/// `broken_chain` for a tampered log), or the error of an entry that cannot be re-applied.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_replay(
    context: *const wz_context,
    log_json: *const c_char,
    out_project: *mut *mut wz_inv_project,
    out_report_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_replay", || project::replay(context, log_json, out_project, out_report_json))
}

/// As `wz_inv_project_replay`, checked as `options_json` says (NULL: the defaults), INV-57:
/// `{"differences":"error"|"report", "expected_len":N, "expected_head":"<64 hex>",
/// "checkpoints":[{"len":N,"head":"…","hmac":"…","ed25519":"…"}], "hmac_key":"<hex>",
/// "public_key":"<64 hex>"}`, every key optional. `differences` "error" (the default) refuses a
/// log with an entry whose stored outcomes or transition re-judging does not give (reason
/// `replay_difference`, path `[i]` of the first); "report" lists them in `*out_report_json`.
/// `expected_len` / `expected_head`: what the approval system recorded (reason `head_mismatch`
/// for a dropped tail, an added entry or a rewrite). `checkpoints`: made by
/// `wz_inv_project_checkpoint` with the approval system's keys, checked with `hmac_key` and/or the
/// Ed25519 `public_key` (reason `anchor_mismatch`): a file rewritten without the key fails.
///
/// Returns as `wz_inv_project_replay`; `WZ_MALFORMED_INPUT` for bad options (path under them) and
/// the reasons above.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_replay_checked(
    context: *const wz_context,
    log_json: *const c_char,
    options_json: *const c_char,
    out_project: *mut *mut wz_inv_project,
    out_report_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_replay_checked", || {
        project::replay_checked(context, log_json, options_json, out_project, out_report_json)
    })
}

/// Writes into `*out_json` the checkpoint of the project's log — `{"len":N,"head":"<64 hex>"}` —
/// with, for each key of `keys_json` (`{"hmac_key":"<hex>","signing_key":"<64 hex>"}`, NULL for
/// none), its proof: `"hmac"` (HMAC-SHA-256) and `"ed25519"` (signature) over the length and
/// head. The approval system keeps it (the keys stay with it); `wz_inv_project_replay_checked` verifies
/// it. It is not part of any entry's hash: the log is unchanged.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for bad keys.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_checkpoint(
    project: *const wz_inv_project,
    keys_json: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_checkpoint", || project::checkpoint(project, keys_json, out_json))
}

/// Writes the log (RULES.md §1.7 entries, hash-chained) as a JSON array into `*out_json`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE` or `WZ_POISONED_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_export_log(project: *const wz_inv_project, out_json: *mut *mut c_char) -> wz_status {
    boundary::guard("wz_inv_project_export_log", || project::export_log(project, out_json))
}

/// Writes into `*out_json` the project document: the JSON `InvestmentProject::to_json` gives in Rust and
/// `to_json()` in Python, byte for byte — `{"schema_version":1,"machine":"inv","config":{…},"log":[…],"plans":{…}}`, the
/// `plans` being the plan entries the project read in its workspace (INV-12.2, 34, 55.6; absent
/// when it read none): the log alone does not replay strictly when plan years mattered, the
/// document does; `rulesets` is added when amended rule
/// versions judged it. `wz_inv_project_replay` / `wz_inv_project_replay_checked` rebuild the project
/// from it (strict: no differences for an untouched project). The string is the caller's: free it
/// with `wz_string_free`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE` or `WZ_POISONED_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_document_json(
    project: *const wz_inv_project,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_document_json", || project::document_json(project, out_json))
}

/// What may happen next (issue 13): writes the screen JSON into `*out_json` — for each stream
/// of the project (its lifecycle, then a new and each open change, adjustment and
/// accountability instance) every event of the machine's table in table order, with `actors`,
/// `to`, `allowed`, `blockers` and `cautions` (each `kind`, `rule`, `detail`, `article`,
/// `message_zh`, `message_en`, in trace order) and the obligations an allowed event would
/// `discharges` (README "Approval screens"). `as_of` is an ISO date; `actor` an actor id, or
/// NULL for any actor. Free the string with `wz_string_free`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_POISONED_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for a bad date or an unknown actor.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_permitted_events(
    project: *const wz_inv_project,
    as_of: *const c_char,
    actor: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_permitted_events", || project::permitted_events(project, as_of, actor, out_json))
}

/// Dry run (issue 13): the transition JSON the command would produce, written into
/// `*out_transition_json` — or the error `wz_inv_project_apply` would return, with every
/// outcome in the last error — with nothing changed (the same answer as applying it to a copy;
/// the log is not copied). Takes the handle's lock as `apply` does. Free the string with
/// `wz_string_free`.
///
/// Returns as `wz_inv_project_apply`; the project is unchanged in every case.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_what_if(
    project: *mut wz_inv_project,
    command_json: *const c_char,
    out_transition_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_inv_project_what_if", || project::what_if(project, command_json, out_transition_json))
}

/// Releases a project. NULL is accepted and ignored; a project freed already is refused
/// (`WZ_WRONG_HANDLE` in the last error) among the last 64 freed handles, best effort.
#[unsafe(no_mangle)]
pub extern "C" fn wz_inv_project_free(project: *mut wz_inv_project) {
    boundary::guard_value("wz_inv_project_free", (), || boundary::free_handle(project, "project"));
}
