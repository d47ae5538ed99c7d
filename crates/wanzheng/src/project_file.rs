//! Project files: what a reviewer hands to `wanzheng check` and `wanzheng report`.
//!
//! A project file is JSON:
//! `{"schema_version":1, "name":…, "description":…, "config":{…}?, "as_of":"YYYY-MM-DD"?, "commands":[…]}`
//! where each command is the RULES.md §1.7 envelope without seq, outcomes and hashes. Every
//! command is applied in order to one [`Workspace`]; a rejected one changes nothing and the
//! replay goes on, so the file's [`Step`]s keep the rejections (which no log holds) beside the
//! accepted transitions. The CLI's `check` and `report`, and the Python and C surfaces, all run
//! a file through [`ProjectFile::run`].

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;

use crate::calendar::WorkingDayCalendar;
use crate::config::{Config, Context};
use crate::error::{Error, InputError, InputReason};
use crate::log::Command;
use crate::outcome::Transition;
use crate::workspace::Workspace;

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
        Self::run_value_with(crate::json::parse_value(text)?, calendar)
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
        crate::json::check_schema_version(&doc, "schema_version")?;
        let Some(commands) = doc.get("commands").and_then(Value::as_array) else {
            return Err(InputError::new("commands", InputReason::Schema, "a project file needs a \"commands\" array"));
        };
        let config = match doc.get("config") {
            Some(c) => Config::from_json(&c.to_string())?,
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
        let mut workspace = Workspace::new(Context::new(config, calendar));
        let mut steps = Vec::with_capacity(commands.len());
        for (i, c) in commands.iter().enumerate() {
            let result = Command::from_value(c.clone()).map_err(Error::from).and_then(|cmd| workspace.apply(cmd));
            steps.push(Step {
                index: i + 1,
                stream: stream_label(c),
                event: c["event"].as_str().unwrap_or("?").to_string(),
                date: c["date"].as_str().and_then(|d| crate::date::parse(d).ok()),
                result,
            });
        }
        Ok(ProjectFile {
            name: text("name").unwrap_or_default(),
            description: text("description"),
            as_of,
            workspace,
            steps,
        })
    }

    /// The report date: `as_of` when given, else the file's `as_of`, else its last command date.
    pub fn report_date(&self, as_of: Option<NaiveDate>) -> NaiveDate {
        as_of.or(self.as_of).or_else(|| self.steps.iter().filter_map(|s| s.date).max()).unwrap_or_default()
    }

    /// The refused commands.
    pub fn rejected(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.accepted())
    }
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
}
