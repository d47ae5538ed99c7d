//! A workspace: the projects, plan years and DIG cycle years of one approval system,
//! with commands routed to their stream by `stream.machine` and `stream.project_id`.
//!
//! Project machines read plan and cycle logs as inputs (RULES.md §1.7: INV-12.2,
//! 34, 55.6; DIG-13.3); the workspace hands each project its plan entries after
//! every plan-stream command, so a project judges with the plans as they stand.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Context;
use crate::error::{Error, InputError, InputReason};
use crate::event::{Event, NO_STATE};
use crate::finding::Finding;
use crate::investment::InvestmentProject;
use crate::log::{Command, MachineId};
use crate::obligation::ObligationStatus;
use crate::outcome::Transition;

/// Projects, plans and cycles of one approval system.
#[derive(Debug, Clone)]
pub struct Workspace {
    ctx: Context,
    inv: BTreeMap<String, InvestmentProject>,
}

/// Findings and obligations of one stream, for reports.
#[derive(Debug, Clone, Serialize)]
pub struct StreamReport {
    /// `inv/P1`, `plan/2024`, …
    pub stream: String,
    /// The current state.
    pub state: String,
    /// Open obligations as of the report date.
    pub obligations: Vec<ObligationStatus>,
    /// Findings as of the report date.
    pub findings: Vec<Finding>,
}

impl Workspace {
    /// An empty workspace judged with `ctx`.
    pub fn new(ctx: Context) -> Workspace {
        Workspace { ctx, inv: BTreeMap::new() }
    }

    /// The context.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The investment project `id`.
    pub fn investment(&self, id: &str) -> Option<&InvestmentProject> {
        self.inv.get(id)
    }

    /// Every investment project, by id.
    pub fn investments(&self) -> impl Iterator<Item = (&String, &InvestmentProject)> {
        self.inv.iter()
    }

    /// Applies one command to its stream.
    ///
    /// # Errors
    /// As the machine's `apply`; [`Error::Input`] when the stream names no project.
    pub fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        match cmd.stream.machine {
            MachineId::Inv | MachineId::Change | MachineId::Adjustment | MachineId::Accountability => {
                let pid = cmd.stream.project_id.clone().ok_or_else(|| {
                    InputError::new("stream.project_id", InputReason::Schema, "project streams need a project_id")
                })?;
                let creates =
                    matches!(&cmd.event, Event::Inv(e) if matches!(e.name(), "register_project" | "import_legacy"));
                match self.inv.get_mut(pid.as_str()) {
                    Some(p) => p.apply(cmd),
                    None if creates => {
                        let mut p = InvestmentProject::new(self.ctx.clone());
                        let t = p.apply(cmd)?;
                        self.inv.insert(pid.to_string(), p);
                        Ok(t)
                    }
                    None => Err(crate::error::TransitionError::new(
                        cmd.stream.machine.as_str(),
                        NO_STATE,
                        cmd.event.name(),
                        "unknown_instance",
                    )
                    .into()),
                }
            }
            MachineId::Plan | MachineId::Dig | MachineId::DigCycle => Err(InputError::new(
                "stream.machine",
                InputReason::UnknownValue,
                format!("machine {} is not available in this build", cmd.stream.machine),
            )
            .into()),
        }
    }

    /// Parses and applies one command.
    ///
    /// # Errors
    /// As [`Workspace::apply`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    /// Findings and obligations of every stream as of `as_of`.
    pub fn report(&self, as_of: NaiveDate) -> Vec<StreamReport> {
        let mut out = Vec::new();
        for (id, p) in &self.inv {
            out.push(StreamReport {
                stream: format!("inv/{id}"),
                state: p.state().map(|s| s.as_str()).unwrap_or(NO_STATE).to_string(),
                obligations: p.obligations(as_of),
                findings: p.findings(as_of),
            });
        }
        out
    }
}
