//! Project files: what a reviewer hands to `wanzheng check` and `wanzheng report`.
//!
//! A project file is JSON:
//! `{"schema_version":1, "name":…, "description":…, "config":{…}?, "as_of":"YYYY-MM-DD"?, "commands":[…]}`
//! where each command is the RULES.md §1.7 envelope without seq, outcomes and hashes. Every
//! command is applied in order to one [`Workspace`]; a rejected one changes nothing and the
//! replay goes on, so the file's [`Step`]s keep the rejections (which no log holds) beside the
//! accepted transitions. The CLI's `check` and `report`, and the Python and C surfaces, all run
//! a file through [`ProjectFile::run`].
//!
//! [`ProjectFile::check_report`] is the report `wanzheng check --json` prints; the C ABI's
//! `wz_check_json`/`wz_check_file` return the same text, byte for byte ([`CheckReport::to_json`]).
//! [`apply_all`] applies a command array to a workspace step by step as a file's commands are
//! (`wz_workspace_apply_all`).

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::calendar::WorkingDayCalendar;
use crate::config::{Config, Context};
use crate::error::{Error, InputError, InputReason};
use crate::log::Command;
use crate::outcome::Transition;
use crate::workspace::{StreamReport, Workspace};

/// One command of a project file and what became of it.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its position in the file's `commands`, from 1.
    pub index: usize,
    /// The stream it names: `inv/P1`, `change/P1/C1`, `plan/2024`.
    pub stream: String,
    /// The event name as written.
    pub event: String,
    /// The date as written, when it is a date.
    pub date: Option<NaiveDate>,
    /// The accepted transition, or why the command was refused (nothing changed then).
    pub result: Result<Transition, Error>,
}

impl Step {
    /// Whether the command was accepted.
    pub fn accepted(&self) -> bool {
        self.result.is_ok()
    }

    /// The step as JSON: `{accepted, date, error, event, index, stream, transition}` (the
    /// error as the bindings' last error gives it).
    pub fn to_json_value(&self) -> Value {
        serde_json::json!({
            "index": self.index,
            "stream": self.stream,
            "event": self.event,
            "date": self.date,
            "accepted": self.accepted(),
            "transition": self.result.as_ref().ok(),
            "error": self.result.as_ref().err().map(Error::to_json_value),
        })
    }
}

/// Applies one command, given as JSON, to a workspace: the step numbered `index`.
pub fn apply_step(workspace: &mut Workspace, index: usize, command: &Value) -> Step {
    let result = Command::from_value(command.clone()).map_err(Error::from).and_then(|cmd| workspace.apply(cmd));
    Step {
        index,
        stream: stream_label(command),
        event: command["event"].as_str().unwrap_or("?").to_string(),
        date: command["date"].as_str().and_then(|d| crate::date::parse(d).ok()),
        result,
    }
}

/// Applies every command of a list in order, as a project file's commands are: a rejected one
/// changes nothing and the next is applied. Steps are numbered from 1.
pub fn apply_all(workspace: &mut Workspace, commands: &[Value]) -> Vec<Step> {
    commands.iter().enumerate().map(|(i, c)| apply_step(workspace, i + 1, c)).collect()
}

/// Parses a JSON array of commands and applies them in order ([`apply_all`]).
///
/// # Errors
/// [`InputError`]: malformed JSON, or (reason `schema`) text that is not an array; nothing is
/// applied then. A malformed command is not an error of the call: it is a rejected step.
pub fn apply_all_json(workspace: &mut Workspace, commands: &str) -> Result<Vec<Step>, InputError> {
    let Value::Array(commands) = crate::json::parse_value(commands)? else {
        return Err(InputError::new("", InputReason::Schema, "expected a JSON array of commands"));
    };
    Ok(apply_all(workspace, &commands))
}

/// The steps as the JSON array of a check report.
pub fn steps_json(steps: &[Step]) -> Value {
    Value::Array(steps.iter().map(Step::to_json_value).collect())
}

/// The keys of a project file (besides comments: keys starting with `_`).
pub const KEYS: [&str; 7] = ["schema_version", "name", "description", "config", "rulesets", "as_of", "commands"];

/// Counts of a check report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Commands accepted.
    pub accepted: usize,
    /// Commands rejected.
    pub rejected: usize,
    /// Findings over every stream as of the report date.
    pub findings: usize,
}

/// The check of a project file as of a date: what `wanzheng check --json` prints.
#[derive(Debug, Clone)]
pub struct CheckReport<'a> {
    /// The file's path as given, when it was read from a file.
    pub file: Option<&'a str>,
    /// The file run.
    pub project: &'a ProjectFile,
    /// The report date.
    pub as_of: NaiveDate,
    /// Every stream as of `as_of`.
    pub streams: Vec<StreamReport>,
    /// The counts.
    pub summary: Summary,
}

impl CheckReport<'_> {
    /// Whether a command was rejected or a finding raised (`wanzheng check` exits 1).
    pub fn dirty(&self) -> bool {
        self.summary.rejected > 0 || self.summary.findings > 0
    }

    /// The report as JSON: `{as_of, file?, name, steps, streams, summary}`, keys sorted.
    pub fn to_json_value(&self) -> Value {
        let mut v = serde_json::json!({
            "name": self.project.name,
            "as_of": self.as_of,
            "steps": steps_json(&self.project.steps),
            "streams": self.streams,
            "summary": self.summary,
        });
        if let (Some(file), Some(o)) = (self.file, v.as_object_mut()) {
            o.insert("file".into(), Value::from(file));
        }
        v
    }

    /// The report as the text every surface gives: pretty JSON (two-space indent, keys
    /// sorted), no final newline.
    pub fn to_json(&self) -> String {
        pretty(&self.to_json_value())
    }
}

/// Pretty JSON text of a value, as check reports are printed.
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// A project file run through a workspace.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    /// The file's `name`.
    pub name: String,
    /// The file's `description`, if any.
    pub description: Option<String>,
    /// The file's `as_of`, if any.
    pub as_of: Option<NaiveDate>,
    /// The workspace after every command.
    pub workspace: Workspace,
    /// Every command, in file order.
    pub steps: Vec<Step>,
}

/// The stream label of a command as written (also for a command that does not parse).
pub fn stream_label(v: &Value) -> String {
    let s = &v["stream"];
    let machine = s["machine"].as_str().unwrap_or("?");
    let instance = s["instance"].as_str().unwrap_or("?");
    match (machine, s["project_id"].as_str()) {
        ("inv" | "dig", _) | (_, None) => format!("{machine}/{instance}"),
        (_, Some(p)) => format!("{machine}/{p}/{instance}"),
    }
}

impl ProjectFile {
    /// Parses a project file and applies its commands in order.
    ///
    /// # Errors
    /// [`InputError`] when the text is not JSON, has a future `schema_version`, lacks the
    /// `commands` array, or carries a bad `config` or `as_of`. A command that does not parse
    /// is not an error of the file: it becomes a rejected [`Step`] with its input error.
    pub fn run(text: &str) -> Result<ProjectFile, InputError> {
        Self::run_with(text, WorkingDayCalendar::embedded())
    }

    /// As [`ProjectFile::run`] judged with `calendar` (e.g. the embedded one with a newer
    /// State Council notice loaded).
    ///
    /// # Errors
    /// As [`ProjectFile::run`].
    pub fn run_with(text: &str, calendar: Arc<WorkingDayCalendar>) -> Result<ProjectFile, InputError> {
        Self::run_in(text, &Context::default().with_calendar(calendar))
    }

    /// As [`ProjectFile::run`] judged with the calendar and the rule versions of `base` (e.g. a
    /// newer holiday notice and an amendment loaded, issue 10); the file's own `config` and
    /// `rulesets` (amendments in the format of [`crate::ruleset`], loaded after `base`'s) apply.
    ///
    /// # Errors
    /// As [`ProjectFile::run`], and a bad amendment (path `rulesets[i]…`).
    pub fn run_in(text: &str, base: &Context) -> Result<ProjectFile, InputError> {
        if text.trim().is_empty() {
            return Err(InputError::new(
                "",
                InputReason::Empty,
                "the project file is empty; it is a JSON object with a \"commands\" array",
            ));
        }
        Self::run_value_in(crate::json::parse_value(text)?, base)
    }

    /// As [`ProjectFile::run`] over a parsed JSON value.
    ///
    /// # Errors
    /// As [`ProjectFile::run`].
    pub fn run_value(doc: Value) -> Result<ProjectFile, InputError> {
        Self::run_value_with(doc, WorkingDayCalendar::embedded())
    }

    /// As [`ProjectFile::run_with`] over a parsed JSON value.
    ///
    /// # Errors
    /// As [`ProjectFile::run`].
    pub fn run_value_with(doc: Value, calendar: Arc<WorkingDayCalendar>) -> Result<ProjectFile, InputError> {
        Self::run_value_in(doc, &Context::default().with_calendar(calendar))
    }

    /// As [`ProjectFile::run_in`] over a parsed JSON value.
    ///
    /// # Errors
    /// As [`ProjectFile::run_in`].
    pub fn run_value_in(doc: Value, base: &Context) -> Result<ProjectFile, InputError> {
        let Some(keys) = doc.as_object() else {
            return Err(InputError::new(
                "",
                InputReason::Schema,
                "a project file is a JSON object with a \"commands\" array",
            ));
        };
        if let Some(k) = keys.keys().find(|k| !KEYS.contains(&k.as_str()) && !k.starts_with('_')) {
            return Err(InputError::new(
                k.as_str(),
                InputReason::UnknownField,
                format!("a project file has no key {k:?} (keys: {}; comments start with _)", KEYS.join(", ")),
            ));
        }
        crate::json::check_schema_version(&doc, "schema_version")?;
        let Some(commands) = doc.get("commands").and_then(Value::as_array) else {
            return Err(InputError::new("commands", InputReason::Schema, "a project file needs a \"commands\" array"));
        };
        for key in ["name", "description"] {
            if doc.get(key).is_some_and(|v| !v.is_string()) {
                return Err(InputError::new(key, InputReason::Schema, format!("{key} is a string")));
            }
        }
        let config = match doc.get("config") {
            Some(c) => Config::from_value(c.clone(), "config").map_err(under_config)?,
            None => Config::default(),
        };
        let as_of = match doc.get("as_of") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_str()
                    .ok_or_else(|| "as_of is an ISO date string".to_string())
                    .and_then(crate::date::parse)
                    .map_err(|m| InputError::new("as_of", InputReason::Date, m))?,
            ),
        };
        let text = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_string);
        let mut ctx =
            Context::new(config, Arc::clone(base.calendar_arc())).with_rulebook(Arc::clone(base.rulebook_arc()));
        if let Some(sets) = doc.get("rulesets") {
            ctx.load_rulesets_value(sets, "rulesets")?;
        }
        let mut workspace = Workspace::new(ctx);
        let steps = apply_all(&mut workspace, commands);
        Ok(ProjectFile {
            name: text("name").unwrap_or_default(),
            description: text("description"),
            as_of,
            workspace,
            steps,
        })
    }

    /// The report date: `as_of` when given, else the file's `as_of`, else its last command date
    /// (1970-01-01 for a file with none of them: ask [`ProjectFile::given_report_date`] first).
    pub fn report_date(&self, as_of: Option<NaiveDate>) -> NaiveDate {
        self.given_report_date(as_of).unwrap_or_default()
    }

    /// The report date when there is one: `None` for a file without `as_of` and without any
    /// dated command (no commands at all, say), so that a surface can ask for a date instead of
    /// reporting as of 1970-01-01.
    pub fn given_report_date(&self, as_of: Option<NaiveDate>) -> Option<NaiveDate> {
        as_of.or(self.as_of).or_else(|| self.steps.iter().filter_map(|s| s.date).max())
    }

    /// The date of the file's last event (the latest command date), if any.
    pub fn last_event_date(&self) -> Option<NaiveDate> {
        self.steps.iter().filter_map(|s| s.date).max()
    }

    /// What may happen after the file's last event (issue 13): every stream's screen
    /// ([`Workspace::permitted_events`]) as of `as_of`, else the last event's date, for `actor`
    /// (`None`: any). `None` when the file has no dated command and no `as_of` is given.
    pub fn permitted_events(
        &self,
        as_of: Option<NaiveDate>,
        actor: Option<crate::Actor>,
    ) -> Option<crate::permitted::Permitted> {
        let as_of = as_of.or_else(|| self.last_event_date())?;
        Some(self.workspace.permitted_events(as_of, actor))
    }

    /// The refused commands.
    pub fn rejected(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.accepted())
    }

    /// The check report as of `as_of` (else the file's report date, [`ProjectFile::report_date`]);
    /// `file` names the file in it.
    pub fn check_report<'a>(&'a self, file: Option<&'a str>, as_of: Option<NaiveDate>) -> CheckReport<'a> {
        let as_of = self.report_date(as_of);
        let streams = self.workspace.report(as_of);
        let rejected = self.rejected().count();
        let findings = streams.iter().map(|r| r.findings.len()).sum();
        CheckReport {
            file,
            project: self,
            as_of,
            streams,
            summary: Summary { accepted: self.steps.len() - rejected, rejected, findings },
        }
    }
}

/// A configuration error, its path under the file's `config` key.
fn under_config(mut e: InputError) -> InputError {
    if !(e.path == "config" || e.path.starts_with("config.")) {
        e.path = if e.path.is_empty() { "config".into() } else { format!("config.{}", e.path) };
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_needs_commands_and_keeps_rejections() {
        let e = ProjectFile::run(r#"{"name":"x"}"#).unwrap_err();
        assert_eq!(e.path, "commands");
        assert_eq!(ProjectFile::run("[").unwrap_err().reason, InputReason::MalformedJson);
        assert_eq!(
            ProjectFile::run(r#"{"schema_version":9,"commands":[]}"#).unwrap_err().reason,
            InputReason::FutureSchemaVersion
        );
        assert_eq!(ProjectFile::run(r#"{"as_of":"2024-13-01","commands":[]}"#).unwrap_err().path, "as_of");
        // A command that does not parse is a rejected step, not a file error.
        let f = ProjectFile::run(
            r#"{"name":"n","as_of":"2024-06-30","commands":[{"stream":{"machine":"inv","project_id":"P","instance":"P"},"event":"nope","date":"2024-01-02"}]}"#,
        )
        .unwrap();
        assert_eq!(f.steps.len(), 1);
        assert_eq!(f.rejected().count(), 1);
        assert_eq!(f.steps[0].stream, "inv/P");
        assert_eq!(f.report_date(None), "2024-06-30".parse().unwrap());
        assert_eq!(f.report_date(Some("2025-01-01".parse().unwrap())), "2025-01-01".parse().unwrap());
    }

    /// Issue 12: a garbage `as_of` was silently replaced by the last event's date, an empty
    /// file reported "as of 1970-01-01", unknown fields were ignored.
    #[test]
    fn project_files_are_strict() {
        for (text, path, reason) in [
            ("", "", InputReason::Empty),
            ("  \n", "", InputReason::Empty),
            ("[]", "", InputReason::Schema),
            (r#"{"as_of":"garbage","commands":[]}"#, "as_of", InputReason::Date),
            (r#"{"as_of":"2023-7-3","commands":[]}"#, "as_of", InputReason::Date),
            (r#"{"as_of":20230703,"commands":[]}"#, "as_of", InputReason::Date),
            (r#"{"commands":[],"extra":1}"#, "extra", InputReason::UnknownField),
            (r#"{"commands":{}}"#, "commands", InputReason::Schema),
            (r#"{"commands":[],"commands":[]}"#, "commands", InputReason::DuplicateKey),
            (r#"{"schema_version":2,"commands":[]}"#, "schema_version", InputReason::FutureSchemaVersion),
            (r#"{"config":{"no_such_key":1},"commands":[]}"#, "config.no_such_key", InputReason::UnknownField),
            (r#"{"config":{"inv48_3_inclusive":1},"commands":[]}"#, "config.inv48_3_inclusive", InputReason::Schema),
            (r#"{"config":{"a":1,"a":2},"commands":[]}"#, "config.a", InputReason::DuplicateKey),
            (r#"{"name":1,"commands":[]}"#, "name", InputReason::Schema),
        ] {
            let e = ProjectFile::run(text).unwrap_err();
            assert_eq!((e.path.as_str(), e.reason), (path, reason), "{text}: {e}");
        }
        let f = ProjectFile::run(r#"{"schema_version":1,"name":"n","commands":[]}"#).unwrap();
        assert_eq!(f.given_report_date(None), None);
        assert_eq!(f.given_report_date(Some("2025-01-01".parse().unwrap())), Some("2025-01-01".parse().unwrap()));
    }

    const REGISTER: &str = r#"{"stream":{"machine":"inv","project_id":"P1","instance":"P1"},
        "event":"register_project","actor":"project_unit","date":"2023-07-03",
        "project_code":"2307-411300-04-01-000001",
        "facts":{"project_id":"P1","project_code":"2307-411300-04-01-000001","name":"Road",
          "sector":"transport","nature":"non_operating","mode":"direct_investment","total":"8500000.00",
          "unit_kind":"admin_or_public_unit","industry_authority_org":"南阳市交通运输局"}}"#;

    fn check(text: &str, file: Option<&str>, as_of: Option<NaiveDate>) -> Result<Value, InputError> {
        let f = ProjectFile::run_with(text, WorkingDayCalendar::embedded())?;
        Ok(f.check_report(file, as_of).to_json_value())
    }

    /// Source: INV-8 — a refused command is a rejected step of the report citing its rule; the
    /// next one is still applied; a malformed command is a rejected step too, never skipped.
    #[test]
    fn the_check_report_has_every_step_and_stream() {
        let mut withdraw_by_drc: Value = serde_json::from_str(REGISTER).unwrap();
        withdraw_by_drc["event"] = "withdraw_project".into();
        withdraw_by_drc["actor"] = "drc".into();
        withdraw_by_drc["date"] = "2023-07-04".into();
        withdraw_by_drc["facts"] = serde_json::json!({"reason": "no funds"});
        let text = format!(
            r#"{{"schema_version":1,"name":"t","_comment":"fine","commands":[{REGISTER},{withdraw_by_drc},{{"event":"nonsense"}}]}}"#
        );
        let f = ProjectFile::run(&text).unwrap();
        let r = f.check_report(Some("t.json"), None);
        assert_eq!(r.summary, Summary { accepted: 1, rejected: 2, findings: 0 });
        assert_eq!(r.as_of, NaiveDate::from_ymd_opt(2023, 7, 4).unwrap());
        assert!(r.dirty());
        let v = r.to_json_value();
        assert_eq!(v["file"], "t.json");
        assert_eq!(v["steps"][1]["error"]["rule_id"], "INV-8");
        assert_eq!(v["steps"][1]["stream"], "inv/P1");
        assert_eq!(v["steps"][2]["error"]["kind"], "input_error");
        assert_eq!(v["streams"][0]["state"], "reserve");
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["as_of", "file", "name", "steps", "streams", "summary"]);
        assert_eq!(r.to_json(), serde_json::to_string_pretty(&v).unwrap());
        assert!(check(&text, None, None).unwrap().get("file").is_none());
        let later = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
        assert_eq!(check(&text, None, Some(later)).unwrap()["as_of"], "2025-01-02");
    }

    #[test]
    fn what_is_not_a_project_file_is_an_input_error_naming_the_path() {
        let cases = [
            ("[]", "", InputReason::Schema),
            (r#"{"commands":{}}"#, "commands", InputReason::Schema),
            (r#"{"project":"x","events":[]}"#, "events", InputReason::UnknownField),
            (r#"{"_comment":"fine","events":[]}"#, "events", InputReason::UnknownField),
            (r#"{"as_of":20240101,"commands":[]}"#, "as_of", InputReason::Date),
        ];
        for (text, path, reason) in cases {
            let e = check(text, None, None).unwrap_err();
            assert_eq!((e.path.as_str(), e.reason), (path, reason), "{text}: {e}");
        }
        let e = check(r#"{"config":{"no_such_key":1},"commands":[]}"#, None, None).unwrap_err();
        assert!(e.path.starts_with("config"), "{}", e.path);
    }

    #[test]
    fn apply_all_json_applies_an_array_and_refuses_anything_else() {
        let mut ws = Workspace::new(Context::default());
        let steps = apply_all_json(&mut ws, &format!("[{REGISTER},{REGISTER}]")).unwrap();
        assert!(steps[0].accepted());
        assert_eq!(steps[1].result.as_ref().unwrap_err().kind(), "transition_error");
        assert_eq!(steps_json(&steps)[1]["index"], 2);
        assert_eq!(apply_all_json(&mut ws, "{}").unwrap_err().reason, InputReason::Schema);
        assert_eq!(apply_all_json(&mut ws, "[").unwrap_err().reason, InputReason::MalformedJson);
    }
}
