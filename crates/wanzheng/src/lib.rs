//! # wanzheng — 南阳市政府投资与数字政府项目规则
//!
//! Two municipal regulations of Nanyang (Henan, China) as typed state machines and
//! pure decision functions:
//!
//! * **宛政〔2023〕7号** 南阳市政府投资项目管理实施办法 — government investment projects,
//!   rule IDs `INV-*`, module [`investment`].
//! * **宛政办〔2023〕12号** 南阳市数字政府和新型智慧城市项目建设管理暂行办法 — digital-government and
//!   smart-city projects, rule IDs `DIG-*`, module [`digital`].
//!
//! Every decision cites the rule that produced it: [`RuleId`] prints `INV-48.3` and cites
//! 「宛政〔2023〕7号 第四十八条」; [`explain`] gives the catalogue entry. The rule IDs and
//! snake_case names are those of RULES.md (the project's rule catalogue).
//!
//! ## How to cite
//! A rule's guard, constant or test names its ID on its first doc line; tests say
//! `/// Source: INV-15.1`. `grep -rn 'INV-15.1' crates/` finds the code and its tests.
//! Readings of ambiguous clauses are marked `INTERPRETATION: AMB-n`.
//!
//! ## Shape
//! * Money is [`Yuan`] (exact, fen precision, never a float).
//! * A command ([`Command`]) is applied to a machine; the result is a [`Transition`] with the
//!   trace of rules checked and the [`Outcome`]s, or an [`Error`] — and then nothing changed.
//! * Each machine keeps a hash-chained [`Log`] that `replay` rebuilds the machine from.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod catalogue;

pub mod actor;
pub mod anchor;
pub mod calendar;
mod canonical;
pub mod config;
pub mod date;
pub mod decide;
pub mod digital;
pub mod error;
pub mod event;
pub mod exception;
pub mod finding;
pub mod investment;
mod joint;
mod journal;
pub mod json;
pub mod law;
pub mod log;
pub mod machine;
mod mem;
pub mod message;
pub mod money;
pub mod obligation;
pub mod outcome;
pub mod permitted;
pub mod project_file;
pub mod report;
pub mod rule;
pub mod ruleset;
pub mod schema;
mod wire;
pub mod workspace;

pub use catalogue::rules;

pub use actor::{Actor, DocKind, DocRef};
pub use calendar::WorkingDayCalendar;
pub use config::{Config, Context};
pub use error::{Error, InputError, InputReason, RuleViolation, TransitionError};
pub use event::Event;
pub use exception::RuleException;
pub use finding::Finding;
pub use investment::InvestmentProject;
pub use log::{Command, Id, Log, LogEntry, MachineId, Stream};
pub use money::{Yuan, YuanDelta};
pub use obligation::{Obligation, ObligationStatus};
pub use outcome::{Mode, Outcome, OutcomeKind, Trace, Transition};
pub use project_file::ProjectFile;
pub use report::Report;
pub use rule::{RuleId, explain};
pub use workspace::Workspace;

/// The library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
