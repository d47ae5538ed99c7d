//! `DigitalProject`: the core's `wanzheng::digital::DigitalProject` (宛政办〔2023〕12号) for Python.

use chrono::NaiveDate;
use pyo3::prelude::*;

use wanzheng::Yuan;
use wanzheng::digital::DigitalProject;

use crate::project::Project;

impl Project for DigitalProject {
    const CLASS: &'static str = "DigitalProject";
    const REGISTER: &'static str = "register_dig_project";
    const REGISTER_ACTOR: &'static str = "demand_unit";

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
    fn path_mermaid(&self) -> String {
        DigitalProject::path_mermaid(self)
    }
    fn report(&self, as_of: NaiveDate) -> wanzheng::Report {
        wanzheng::Report::of_digital(self, as_of)
    }
    fn permitted_events(&self, as_of: NaiveDate, actor: Option<wanzheng::Actor>) -> wanzheng::permitted::Permitted {
        DigitalProject::permitted_events(self, as_of, actor)
    }
}

crate::project_class!(
    /// A digital-government project under 宛政办〔2023〕12号 (rule IDs `DIG-*`): its lifecycle,
    /// with the INV parts of a budget-funded project (AMB-25) on the same hash-chained log.
    PyDigitalProject(DigitalProject),
    "DigitalProject"
);
