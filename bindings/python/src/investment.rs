//! `InvestmentProject`: the core's `wanzheng::InvestmentProject` (宛政〔2023〕7号) for Python.

use chrono::NaiveDate;
use pyo3::prelude::*;

use wanzheng::{InvestmentProject, Yuan};

use crate::project::Project;

impl Project for InvestmentProject {
    const CLASS: &'static str = "InvestmentProject";
    const REGISTER: &'static str = "register_project";
    const REGISTER_ACTOR: &'static str = "project_unit";

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
    fn path_mermaid(&self) -> String {
        InvestmentProject::path_mermaid(self)
    }
    fn report(&self, as_of: NaiveDate) -> wanzheng::Report {
        wanzheng::Report::of_investment(self, as_of)
    }
    fn permitted_events(&self, as_of: NaiveDate, actor: Option<wanzheng::Actor>) -> wanzheng::permitted::Permitted {
        InvestmentProject::permitted_events(self, as_of, actor)
    }
}

crate::project_class!(
    /// A government investment project under 宛政〔2023〕7号 (rule IDs `INV-*`): its lifecycle
    /// with the change, adjustment and accountability sub-machines, and one hash-chained log.
    PyInvestmentProject(InvestmentProject),
    "InvestmentProject"
);
