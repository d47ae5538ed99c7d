//! The inspection report: one self-contained HTML page per project file (or project, or
//! workspace), for a reviewer to read on screen or print on A4.
//!
//! [`Report`] gathers what the page shows — the header (project, route, figures A0/A/N/B …),
//! the lifecycle drawn from the transition table with the path taken ([`path`]), a timeline of
//! events, deadlines and findings, the findings and rejections with their articles in Chinese
//! and English, the deadlines (met / late / overdue / open), and the head of each hash chain —
//! and renders it with [`Report::html`] (a whole page) or [`Report::html_fragment`] (a compact
//! block for a notebook cell). Rendering is pure: a `String` out, no I/O, no JavaScript, no
//! network (fonts are the reader's installed ones), every user-provided string escaped. The
//! CLI (`wanzheng report`), Python (`report_html`, `_repr_html_`) and every other surface call
//! these functions.

mod html;
pub mod path;
pub(crate) mod svg;
mod timeline;

use chrono::NaiveDate;

use crate::digital::DigitalProject;
use crate::digital::lifecycle::DigMachine;
use crate::error::Error;
use crate::event::NO_STATE;
use crate::finding::Finding;
use crate::investment::InvestmentProject;
use crate::investment::lifecycle::InvMachine;
use crate::log::{Log, LogEntry, MachineId};
use crate::machine::Machine;
use crate::money::{Yuan, YuanDelta};
use crate::obligation::Obligation;
use crate::outcome::{Outcome, OutcomeKind};
use crate::project_file::ProjectFile;
use crate::rule::Regulation;
use crate::workspace::Workspace;

pub use path::{MachineView, NextAct, PathStep, path_mermaid, table_next_acts};
pub use svg::esc;

/// One figure of the header: symbol (RULES.md §1.2), Chinese and English label, value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// `A0`, `A`, `N`, `B`, …
    pub symbol: &'static str,
    /// 原核定概算, …
    pub zh: &'static str,
    /// first approved estimate, …
    pub en: &'static str,
    /// The amount, when the ledger has it.
    pub value: Option<Yuan>,
}

/// Where a deadline stands on the report date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadlineStatus {
    /// Discharged on or before the due date.
    Met,
    /// Discharged after the due date.
    Late,
    /// Not discharged, and the due date has passed.
    Overdue,
    /// Not discharged, not yet due.
    Open,
}

impl DeadlineStatus {
    /// `met`, `late`, `overdue`, `open`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStatus::Met => "met",
            DeadlineStatus::Late => "late",
            DeadlineStatus::Overdue => "overdue",
            DeadlineStatus::Open => "open",
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            DeadlineStatus::Met => "按期",
            DeadlineStatus::Late => "逾期完成",
            DeadlineStatus::Overdue => "已逾期",
            DeadlineStatus::Open => "未到期",
        }
    }

    /// The status of `o` as of `as_of`.
    pub fn of(o: &Obligation, as_of: NaiveDate) -> DeadlineStatus {
        match o.closed.filter(|c| *c <= as_of) {
            Some(c) if c <= o.due => DeadlineStatus::Met,
            Some(_) => DeadlineStatus::Late,
            None if as_of > o.due => DeadlineStatus::Overdue,
            None => DeadlineStatus::Open,
        }
    }
}

/// A deadline of one stream (RULES.md §1.7 obligations, the deadline acts of §1.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The stream whose log opened it.
    pub stream: String,
    /// The obligation.
    pub obligation: Obligation,
    /// Where it stands on the report date.
    pub status: DeadlineStatus,
}

/// The head of a hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// Entries in the log.
    pub len: usize,
    /// The last entry's hash, 64 hex digits (64 zeros for an empty log).
    pub head: String,
    /// The last entry's date.
    pub last_date: Option<NaiveDate>,
}

impl ChainHead {
    /// The head of `log`.
    pub fn of(log: &Log) -> ChainHead {
        ChainHead { len: log.len(), head: log.head().to_hex(), last_date: log.last_date() }
    }
}

/// A sub-machine instance of a project (change, adjustment, accountability case, INV parts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubStream {
    /// `change/P1/C1`, …
    pub stream: String,
    /// Its state-changing entries.
    pub path: Vec<PathStep>,
    /// Entries in all.
    pub entries: usize,
}

/// One investment or digital project.
#[derive(Debug, Clone)]
pub struct ProjectView {
    /// `inv` or `dig`.
    pub machine: MachineId,
    /// The machine's type name (`InvestmentProject`, `DigitalProject`).
    pub type_name: &'static str,
    /// The regulation it runs under.
    pub regulation: Regulation,
    /// The stream label, `inv/P1`.
    pub stream: String,
    /// The project id.
    pub id: String,
    /// The registered name.
    pub name: String,
    /// 项目统一代码.
    pub code: Option<String>,
    /// The lifecycle state.
    pub state: &'static str,
    /// The approval route (INV) or funding (DIG), with its Chinese label.
    pub route: Option<(&'static str, &'static str)>,
    /// Other registration facts: (label, value).
    pub facts: Vec<(&'static str, String)>,
    /// The figures.
    pub amounts: Vec<Amount>,
    /// The lifecycle table.
    pub machine_view: MachineView,
    /// The lifecycle path.
    pub path: Vec<PathStep>,
    /// The acts permitted next.
    pub next: Vec<NextAct>,
    /// The sub-machine instances.
    pub subs: Vec<SubStream>,
    /// Every deadline opened by the report date.
    pub deadlines: Vec<Deadline>,
    /// Findings as of the report date.
    pub findings: Vec<Finding>,
    /// The project log's head.
    pub chain: ChainHead,
}

/// A plan year or DIG cycle year of a workspace.
#[derive(Debug, Clone)]
pub struct StreamView {
    /// `plan/2024`, `dig_cycle/2025`.
    pub stream: String,
    /// Its state.
    pub state: &'static str,
    /// Its open deadlines.
    pub deadlines: Vec<Deadline>,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// Its log's head.
    pub chain: ChainHead,
}

/// Why a command was refused.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// `input_error`, `transition_error`, `rule_violation`.
    pub kind: &'static str,
    /// The outcomes of a rule violation (every one, in order).
    pub outcomes: Vec<Outcome>,
    /// The message of an input or transition error.
    pub message: String,
}

/// One event of the report: an accepted log entry or a refused command.
#[derive(Debug, Clone)]
pub struct StepView {
    /// The command's position in its file, or the entry's seq when there is no file.
    pub index: usize,
    /// The log seq of an accepted command.
    pub seq: Option<u32>,
    /// The date.
    pub date: Option<NaiveDate>,
    /// The stream label.
    pub stream: String,
    /// The event.
    pub event: String,
    /// State before and after (accepted commands).
    pub from_to: Option<(String, String)>,
    /// The outcomes of an accepted command.
    pub outcomes: Vec<Outcome>,
    /// Why it was refused.
    pub rejection: Option<Rejection>,
}

/// Everything one report page shows.
#[derive(Debug, Clone)]
pub struct Report {
    /// The title (the file's `name`, or the project's).
    pub title: String,
    /// The file's description.
    pub description: Option<String>,
    /// Where it came from (a file name), shown in the header.
    pub source: Option<String>,
    /// The report date.
    pub as_of: NaiveDate,
    /// The projects.
    pub projects: Vec<ProjectView>,
    /// Plan and cycle years.
    pub streams: Vec<StreamView>,
    /// Events, in file (or log) order.
    pub steps: Vec<StepView>,
    /// Whether the steps are a file's commands (rejections known) or logs (accepted only).
    pub from_file: bool,
}

/// The acts permitted on an investment project's lifecycle as of `as_of`, for any actor: the
/// allowed events of [`InvestmentProject::permitted_events`] (state, stage gates, funding
/// suspension, blocking changes), in table order.
pub fn next_acts_inv(p: &InvestmentProject, as_of: NaiveDate) -> Vec<NextAct> {
    next_acts::<InvMachine>(&p.permitted_events(as_of, None))
}

/// As [`next_acts_inv`] for a digital project ([`DigitalProject::permitted_events`]).
pub fn next_acts_dig(p: &DigitalProject, as_of: NaiveDate) -> Vec<NextAct> {
    next_acts::<DigMachine>(&p.permitted_events(as_of, None))
}

/// The allowed events of `M`'s stream on a screen, as the drawings take them.
fn next_acts<M: crate::machine::Machine>(p: &crate::permitted::Permitted) -> Vec<NextAct> {
    let Some(s) = p.streams.iter().find(|s| s.machine == M::ID) else { return Vec::new() };
    s.allowed()
        .filter_map(|e| {
            let row = crate::machine::row_of::<M>(e.event)?;
            Some(NextAct { event: e.event, actor: row.actor.describe(), to: e.to.clone(), rules: row.rules.to_vec() })
        })
        .collect()
}

/// The date of a log's last entry (the screen of `path_mermaid`), or the earliest date.
fn last_date(log: &crate::log::Log) -> NaiveDate {
    log.entries().last().map(|e| e.date()).unwrap_or(NaiveDate::MIN)
}

fn stream_of(e: &LogEntry) -> String {
    let s = e.stream();
    match (s.machine, s.project_id.as_deref()) {
        (MachineId::Inv | MachineId::Dig, _) | (_, None) => format!("{}/{}", s.machine, s.instance),
        (m, Some(p)) => format!("{m}/{p}/{}", s.instance),
    }
}

fn subs_of(log: &Log, own: MachineId) -> Vec<SubStream> {
    let mut subs: Vec<SubStream> = Vec::new();
    for e in log.entries().iter().filter(|e| e.stream().machine != own) {
        let label = stream_of(e);
        let i = match subs.iter().position(|s| s.stream == label) {
            Some(i) => i,
            None => {
                subs.push(SubStream { stream: label, path: Vec::new(), entries: 0 });
                subs.len() - 1
            }
        };
        subs[i].entries += 1;
        if e.from() != e.to() {
            subs[i].path.push(PathStep {
                seq: e.seq(),
                date: e.date(),
                event: e.event().name(),
                from: e.from(),
                to: e.to(),
            });
        }
    }
    subs
}

fn deadlines(stream: &str, all: &[Obligation], as_of: NaiveDate) -> Vec<Deadline> {
    all.iter()
        .filter(|o| o.opened <= as_of)
        .map(|o| Deadline { stream: stream.to_string(), obligation: o.clone(), status: DeadlineStatus::of(o, as_of) })
        .collect()
}

fn amount(symbol: &'static str, zh: &'static str, en: &'static str, value: Option<Yuan>) -> Amount {
    Amount { symbol, zh, en, value }
}

/// The Chinese label of an approval route (RULES.md §4.1).
fn route_zh(route: &str) -> &'static str {
    match route {
        "standard" => "标准程序：项目建议书、可行性研究报告、初步设计",
        "direct_fsr" => "直接审批可行性研究报告",
        "simplified_fsr_only" => "简化程序：仅审批可行性研究报告",
        "emergency_merged" => "应急项目：合并编报可研、初设",
        "external" => "按国家、省有关规定",
        "county_rules" => "按县级规定",
        _ => "",
    }
}

fn funding_zh(funding: &str) -> &'static str {
    match funding {
        "special_fund" => "数字政府和新型智慧城市专项资金",
        "higher_level" => "上级财政资金",
        "higher_level_special" => "有特殊要求的上级资金",
        "soe_self" => "市属国有专业公司自筹资金",
        "special_bond" => "专项债",
        "market" => "市场化融资",
        _ => "",
    }
}

fn inv_amounts(p: &InvestmentProject) -> Vec<Amount> {
    let l = p.ledger();
    vec![
        amount("F", "可研估算", "FSR estimate", l.fsr_estimate),
        amount("A0", "原核定概算", "first approved estimate", l.original_estimate),
        amount("A", "核定概算", "approved estimate", l.estimate),
        amount("N", "变更后总投资", "new total (A + pending changes)", p.derive_new_total(YuanDelta::ZERO)),
        amount("B", "预算评审金额", "finance-reviewed budget", l.budget),
        amount("W", "实际完成投资", "certified completed investment", l.certified_completed),
        amount("Σ", "已拨付", "paid", Some(l.paid_total)),
    ]
}

impl ProjectView {
    /// The view of an investment project as of `as_of`.
    pub fn of_investment(p: &InvestmentProject, as_of: NaiveDate) -> ProjectView {
        let reg = p.ledger().registration.as_ref();
        let mut facts = Vec::new();
        if let Some(r) = reg {
            facts.push(("申报总投资 declared total", format!("¥ {}", group(r.total))));
            facts.push(("行业 sector", r.sector.to_string()));
            facts.push(("行业主管部门 industry authority", r.industry_authority_org.to_string()));
            facts.push(("层级 level", format!("{:?}", r.level).to_lowercase()));
        }
        if p.ledger().imported {
            facts.push(("接入 import", "import_legacy (INV-60)".to_string()));
        }
        let route = p.ledger().route().map(|r| (r.as_str(), route_zh(r.as_str())));
        let stream = format!("inv/{}", p.id());
        ProjectView {
            machine: MachineId::Inv,
            type_name: InvMachine::NAME,
            regulation: Regulation::Investment,
            id: p.id().to_string(),
            name: reg.map(|r| r.name.to_string()).unwrap_or_default(),
            code: reg.and_then(|r| r.project_code.as_ref().map(|c| c.to_string())),
            state: p.state().map(|s| s.as_str()).unwrap_or(NO_STATE),
            route,
            facts,
            amounts: inv_amounts(p),
            machine_view: MachineView::of::<InvMachine>(),
            path: path::path_of(p.log().entries(), MachineId::Inv, None),
            next: next_acts_inv(p, as_of),
            subs: subs_of(p.log(), MachineId::Inv),
            deadlines: deadlines(&stream, p.obligations.all(), as_of),
            findings: p.findings(as_of),
            chain: ChainHead::of(p.log()),
            stream,
        }
    }

    /// The view of a digital project as of `as_of`.
    pub fn of_digital(p: &DigitalProject, as_of: NaiveDate) -> ProjectView {
        let l = p.ledger();
        let reg = l.registration.as_ref();
        let mut facts = Vec::new();
        if let Some(r) = reg {
            facts.push(("需求单位 demand unit", r.demand_unit_org.clone()));
            facts.push(("层级 level", format!("{:?}", r.level).to_lowercase()));
            facts.push(("制度 regime (DIG-31)", format!("{:?}", r.regime).to_lowercase()));
        }
        let mut amounts = vec![
            amount("F", "可研总投资", "FSR total", l.fsr_total),
            amount("A0 = A", "批复总投资", "approved total (AMB-25)", l.approved_total),
        ];
        if let Some(parts) = p.inv_parts() {
            let pl = parts.ledger();
            amounts.push(amount(
                "N",
                "变更后总投资",
                "new total (A + pending changes)",
                parts.derive_new_total(YuanDelta::ZERO),
            ));
            amounts.push(amount("W", "实际完成投资", "certified completed investment", pl.certified_completed));
            amounts.push(amount("Σ", "已拨付", "paid", Some(pl.paid_total)));
        }
        let stream = format!("dig/{}", p.id());
        let mut all = deadlines(&stream, p.obligations.all(), as_of);
        if let Some(parts) = p.inv_parts() {
            all.extend(deadlines(&stream, parts.obligations.all(), as_of));
        }
        ProjectView {
            machine: MachineId::Dig,
            type_name: DigMachine::NAME,
            regulation: Regulation::Digital,
            id: p.id().to_string(),
            name: reg.map(|r| r.name.clone()).unwrap_or_default(),
            code: reg.and_then(|r| r.project_code.clone()),
            state: p.state().map(|s| s.as_str()).unwrap_or(NO_STATE),
            route: reg.map(|r| (r.funding.as_str(), funding_zh(r.funding.as_str()))),
            facts,
            amounts,
            machine_view: MachineView::of::<DigMachine>(),
            path: path::path_of(p.log().entries(), MachineId::Dig, None),
            next: next_acts_dig(p, as_of),
            subs: subs_of(p.log(), MachineId::Dig),
            deadlines: all,
            findings: p.findings(as_of),
            chain: ChainHead::of(p.log()),
            stream,
        }
    }

    /// The current state, `None` before registration.
    fn current(&self) -> Option<&'static str> {
        Some(self.state).filter(|s| *s != NO_STATE)
    }

    /// The compact path taken and the next permitted acts, as Mermaid ([`path_mermaid`]).
    pub fn path_mermaid(&self) -> String {
        path_mermaid(&self.path, self.current(), &self.next)
    }

    /// The compact path taken and the next permitted acts, as an SVG figure ([`path::path_svg`]).
    pub fn path_svg(&self) -> String {
        path::path_svg(&self.path, self.current(), &self.next)
    }

    /// The whole lifecycle with the path taken, as an SVG figure ([`path::machine_svg`]).
    pub fn machine_svg(&self) -> String {
        path::machine_svg(&self.machine_view, &self.path, self.current(), &self.next)
    }
}

/// `12345678.90` → `12,345,678.90`.
pub(crate) fn group(y: Yuan) -> String {
    let s = y.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push('.');
    out.push_str(frac);
    out
}

fn steps_of_logs<'a>(logs: impl Iterator<Item = &'a Log>) -> Vec<StepView> {
    let mut all: Vec<(NaiveDate, usize, u32, StepView)> = Vec::new();
    for (k, log) in logs.enumerate() {
        for e in log.entries() {
            all.push((
                e.date(),
                k,
                e.seq(),
                StepView {
                    index: e.seq() as usize,
                    seq: Some(e.seq()),
                    date: Some(e.date()),
                    stream: stream_of(e),
                    event: e.event().name().to_string(),
                    from_to: Some((e.from().to_string(), e.to().to_string())),
                    outcomes: e.outcomes().to_vec(),
                    rejection: None,
                },
            ));
        }
    }
    all.sort_by_key(|(d, k, s, _)| (*d, *k, *s));
    all.into_iter().map(|(.., v)| v).collect()
}

fn rejection_of(e: &Error) -> Rejection {
    match e {
        Error::Rule(v) => Rejection { kind: e.kind(), outcomes: v.outcomes.clone(), message: v.to_string() },
        other => Rejection { kind: other.kind(), outcomes: Vec::new(), message: other.to_string() },
    }
}

impl Report {
    /// The report of one project's view and log.
    fn of_project(view: ProjectView, log: &Log, as_of: NaiveDate) -> Report {
        Report {
            title: if view.name.is_empty() { view.stream.clone() } else { view.name.clone() },
            description: None,
            source: None,
            as_of,
            steps: steps_of_logs(std::iter::once(log)),
            projects: vec![view],
            streams: Vec::new(),
            from_file: false,
        }
    }

    /// The report of one investment project as of `as_of` (its log's events; rejections are
    /// not kept in a log, so none are shown).
    pub fn of_investment(p: &InvestmentProject, as_of: NaiveDate) -> Report {
        Report::of_project(ProjectView::of_investment(p, as_of), p.log(), as_of)
    }

    /// The report of one digital project as of `as_of`.
    pub fn of_digital(p: &DigitalProject, as_of: NaiveDate) -> Report {
        Report::of_project(ProjectView::of_digital(p, as_of), p.log(), as_of)
    }

    /// The report of every project, plan year and DIG cycle of a workspace as of `as_of` (the
    /// events of their logs, by date).
    pub fn of_workspace(ws: &Workspace, as_of: NaiveDate) -> Report {
        let mut projects: Vec<ProjectView> =
            ws.investments().map(|(_, p)| ProjectView::of_investment(p, as_of)).collect();
        projects.extend(ws.digitals().map(|(_, p)| ProjectView::of_digital(p, as_of)));
        let mut streams = Vec::new();
        for (year, plan) in ws.plans() {
            let stream = format!("plan/{year}");
            streams.push(StreamView {
                state: plan.state().map(|s| s.as_str()).unwrap_or(NO_STATE),
                deadlines: open_deadlines(&stream, plan.obligations(as_of)),
                findings: plan.findings(as_of),
                chain: ChainHead::of(plan.log()),
                stream,
            });
        }
        for (year, c) in ws.cycles() {
            let stream = format!("dig_cycle/{year}");
            streams.push(StreamView {
                state: c.state().map(|s| s.as_str()).unwrap_or(NO_STATE),
                deadlines: open_deadlines(&stream, c.obligations(as_of)),
                findings: c.findings(as_of),
                chain: ChainHead::of(c.log()),
                stream,
            });
        }
        let logs = ws
            .investments()
            .map(|(_, p)| p.log())
            .chain(ws.digitals().map(|(_, p)| p.log()))
            .chain(ws.plans().map(|(_, p)| p.log()))
            .chain(ws.cycles().map(|(_, c)| c.log()));
        let title = match projects.as_slice() {
            [one] if !one.name.is_empty() => one.name.clone(),
            _ => "wanzheng workspace".to_string(),
        };
        Report {
            title,
            description: None,
            source: None,
            as_of,
            steps: steps_of_logs(logs),
            projects,
            streams,
            from_file: false,
        }
    }

    /// The report of a project file as of `as_of` (default: the file's report date): every
    /// command in file order, the refused ones with every outcome.
    pub fn of_file(file: &ProjectFile, as_of: Option<NaiveDate>) -> Report {
        let as_of = file.report_date(as_of);
        let mut r = Report::of_workspace(&file.workspace, as_of);
        r.title = if file.name.is_empty() { r.title } else { file.name.clone() };
        r.description = file.description.clone();
        r.from_file = true;
        r.steps = file
            .steps
            .iter()
            .map(|s| StepView {
                index: s.index,
                seq: s.result.as_ref().ok().map(|t| t.seq),
                date: s.date,
                stream: s.stream.clone(),
                event: s.event.clone(),
                from_to: s.result.as_ref().ok().map(|t| (t.from.to_string(), t.to.to_string())),
                outcomes: s.result.as_ref().map(|t| t.outcomes.clone()).unwrap_or_default(),
                rejection: s.result.as_ref().err().map(rejection_of),
            })
            .collect();
        r
    }

    /// Names the source shown in the header (a file name).
    pub fn with_source(mut self, source: impl Into<String>) -> Report {
        self.source = Some(source.into());
        self
    }

    /// Every finding of the report, with its stream.
    pub fn findings(&self) -> impl Iterator<Item = (&str, &Finding)> {
        self.projects
            .iter()
            .flat_map(|p| p.findings.iter().map(move |f| (p.stream.as_str(), f)))
            .chain(self.streams.iter().flat_map(|s| s.findings.iter().map(move |f| (s.stream.as_str(), f))))
    }

    /// Every deadline of the report.
    pub fn deadlines(&self) -> impl Iterator<Item = &Deadline> {
        self.projects
            .iter()
            .flat_map(|p| p.deadlines.iter())
            .chain(self.streams.iter().flat_map(|s| s.deadlines.iter()))
    }

    /// The refused commands.
    pub fn rejections(&self) -> impl Iterator<Item = (&StepView, &Rejection)> {
        self.steps.iter().filter_map(|s| s.rejection.as_ref().map(|r| (s, r)))
    }

    /// The whole page: `<!DOCTYPE html>` … self-contained, printable on A4.
    pub fn html(&self) -> String {
        html::page(self)
    }

    /// A compact block for a notebook cell (`_repr_html_`): header, path taken and next acts,
    /// findings, deadlines not met, chain heads; no timeline and no event list.
    pub fn html_fragment(&self) -> String {
        html::fragment(self)
    }
}

fn open_deadlines(stream: &str, open: Vec<crate::obligation::ObligationStatus>) -> Vec<Deadline> {
    open.into_iter()
        .map(|o| Deadline {
            stream: stream.to_string(),
            status: if o.overdue { DeadlineStatus::Overdue } else { DeadlineStatus::Open },
            obligation: o.obligation,
        })
        .collect()
}

/// The worst kind among outcomes (violation first), if any.
pub(crate) fn worst(outcomes: &[Outcome]) -> Option<OutcomeKind> {
    outcomes.iter().map(|o| o.kind).min()
}

impl InvestmentProject {
    /// The compact "path taken" as a Mermaid `stateDiagram-v2`: the lifecycle states visited,
    /// each arrow numbered by its log entry, then the acts permitted after the last entry, as of
    /// its date ([`next_acts_inv`]).
    pub fn path_mermaid(&self) -> String {
        let path = path::path_of(self.log().entries(), MachineId::Inv, None);
        path_mermaid(&path, self.state().map(|s| s.as_str()), &next_acts_inv(self, last_date(self.log())))
    }

    /// The inspection report of this project as of `as_of`, as a whole HTML page.
    pub fn report_html(&self, as_of: NaiveDate) -> String {
        Report::of_investment(self, as_of).html()
    }
}

impl DigitalProject {
    /// As [`InvestmentProject::path_mermaid`] for the digital lifecycle.
    pub fn path_mermaid(&self) -> String {
        let path = path::path_of(self.log().entries(), MachineId::Dig, None);
        path_mermaid(&path, self.state().map(|s| s.as_str()), &next_acts_dig(self, last_date(self.log())))
    }

    /// The inspection report of this project as of `as_of`, as a whole HTML page.
    pub fn report_html(&self, as_of: NaiveDate) -> String {
        Report::of_digital(self, as_of).html()
    }
}

#[cfg(test)]
mod tests;
