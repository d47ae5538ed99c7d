//! `InvestmentProject`: the core's `wanzheng::InvestmentProject` (宛政〔2023〕7号) for Python.

use chrono::NaiveDate;
use pyo3::prelude::*;
use serde_json::Value;

use wanzheng::{Command, Context, Error, Finding, InvestmentProject, Log, ObligationStatus, Transition, Yuan};

use crate::project::Project;
use wanzheng::machine::kernel::ReplayReport;

impl Project for InvestmentProject {
    const CLASS: &'static str = "InvestmentProject";
    const MACHINE: &'static str = "inv";
    const REGISTER: &'static str = "register_project";
    const REGISTER_ACTOR: &'static str = "project_unit";

    fn empty(ctx: Context) -> Self {
        InvestmentProject::new(ctx)
    }
    fn id(&self) -> &str {
        InvestmentProject::id(self)
    }
    fn state_name(&self) -> Option<&'static str> {
        self.state().map(|s| s.as_str())
    }
    fn project_code(&self) -> Option<String> {
        self.ledger().registration.as_ref().and_then(|r| r.project_code.as_deref().map(str::to_string))
    }
    fn name(&self) -> Option<&str> {
        self.ledger().registration.as_ref().map(|r| r.name.as_str())
    }
    fn total(&self) -> Option<Yuan> {
        self.ledger().registration.as_ref().map(|r| r.total)
    }
    fn log(&self) -> &Log {
        InvestmentProject::log(self)
    }
    fn context(&self) -> &Context {
        InvestmentProject::context(self)
    }
    fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        InvestmentProject::apply(self, cmd)
    }
    fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        InvestmentProject::obligations(self, as_of)
    }
    fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        InvestmentProject::findings(self, as_of)
    }
    fn state_json(&self) -> Value {
        InvestmentProject::state_json(self)
    }
    fn replay_checked(
        ctx: Context,
        json: &str,
        options: &wanzheng::anchor::ReplayOptions,
    ) -> Result<(Self, ReplayReport), Error> {
        InvestmentProject::replay_checked(ctx, json, options)
    }
    fn to_json(&self) -> String {
        InvestmentProject::to_json(self)
    }
    fn from_json(text: &str) -> Result<Self, Error> {
        InvestmentProject::from_json(text)
    }
    fn mermaid(&self) -> String {
        InvestmentProject::mermaid(self)
    }
    fn path_mermaid(&self) -> String {
        InvestmentProject::path_mermaid(self)
    }
    fn report(&self, as_of: NaiveDate) -> wanzheng::Report {
        wanzheng::Report::of_investment(self, as_of)
    }
    fn permitted_events(&self, as_of: NaiveDate, actor: Option<wanzheng::Actor>) -> wanzheng::permitted::Permitted {
        InvestmentProject::permitted_events(self, as_of, actor)
    }
    fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        InvestmentProject::what_if(self, cmd)
    }
}

crate::project_class!(
    /// A government investment project under 宛政〔2023〕7号 (rule IDs `INV-*`): its lifecycle
    /// with the change, adjustment and accountability sub-machines, and one hash-chained log.
    PyInvestmentProject(InvestmentProject),
    "InvestmentProject"
);
