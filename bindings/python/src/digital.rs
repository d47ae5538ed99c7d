//! `DigitalProject`: the core's `wanzheng::digital::DigitalProject` (宛政办〔2023〕12号) for Python.

use chrono::NaiveDate;
use pyo3::prelude::*;
use serde_json::Value;

use wanzheng::digital::DigitalProject;
use wanzheng::{Command, Context, Error, Finding, Log, ObligationStatus, Transition, Yuan};

use crate::project::Project;
use wanzheng::machine::kernel::ReplayReport;

impl Project for DigitalProject {
    const CLASS: &'static str = "DigitalProject";
    const MACHINE: &'static str = "dig";
    const REGISTER: &'static str = "register_dig_project";
    const REGISTER_ACTOR: &'static str = "demand_unit";

    fn empty(ctx: Context) -> Self {
        DigitalProject::new(ctx)
    }
    fn id(&self) -> &str {
        DigitalProject::id(self)
    }
    fn state_name(&self) -> Option<&'static str> {
        self.state().map(|s| s.as_str())
    }
    fn project_code(&self) -> Option<String> {
        self.ledger().registration.as_ref().and_then(|r| r.project_code.as_ref().map(|c| c.to_string()))
    }
    fn name(&self) -> Option<&str> {
        self.ledger().registration.as_ref().map(|r| r.name.as_str())
    }
    fn total(&self) -> Option<Yuan> {
        None
    }
    fn log(&self) -> &Log {
        DigitalProject::log(self)
    }
    fn context(&self) -> &Context {
        DigitalProject::context(self)
    }
    fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        DigitalProject::apply(self, cmd)
    }
    fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        DigitalProject::obligations(self, as_of)
    }
    fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        DigitalProject::findings(self, as_of)
    }
    fn state_json(&self) -> Value {
        DigitalProject::state_json(self)
    }
    fn replay_checked(
        ctx: Context,
        json: &str,
        options: &wanzheng::anchor::ReplayOptions,
    ) -> Result<(Self, ReplayReport), Error> {
        DigitalProject::replay_checked(ctx, json, options)
    }
    fn to_json(&self) -> String {
        DigitalProject::to_json(self)
    }
    fn from_json(text: &str) -> Result<Self, Error> {
        DigitalProject::from_json(text)
    }
    fn mermaid(&self) -> String {
        DigitalProject::mermaid(self)
    }
    fn path_mermaid(&self) -> String {
        DigitalProject::path_mermaid(self)
    }
    fn report(&self, as_of: NaiveDate) -> wanzheng::Report {
        wanzheng::Report::of_digital(self, as_of)
    }
    fn permitted_events(&self, as_of: NaiveDate, actor: Option<wanzheng::Actor>) -> wanzheng::permitted::Permitted {
        DigitalProject::permitted_events(self, as_of, actor)
    }
    fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        DigitalProject::what_if(self, cmd)
    }
}

crate::project_class!(
    /// A digital-government project under 宛政办〔2023〕12号 (rule IDs `DIG-*`): its lifecycle,
    /// with the INV parts of a budget-funded project (AMB-25) on the same hash-chained log.
    PyDigitalProject(DigitalProject),
    "DigitalProject"
);
