//! Transition tables and the diagrams drawn from them.
//!
//! Every machine is defined by one static table of [`Row`]s — event, actor,
//! from-states, possible to-states, rules — in the order of RULES.md's event
//! vocabulary. The machine's `apply` looks its row up to refuse events not valid
//! in the current state ([`crate::TransitionError`]) and to check the actor;
//! the Mermaid and DOT diagrams and the README tables are rendered from the
//! same rows, so documentation cannot drift from behaviour.

pub mod kernel;
pub mod stream;

pub use stream::{LoggedStream, Standing};

use std::fmt::Write as _;

use crate::actor::Actor;
use crate::log::MachineId;
use crate::rule::RuleId;

/// Who may act on a row (RULES.md §3.1.6 "Actor" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorSpec {
    /// Exactly these actors (one or more alternatives).
    Any(&'static [Actor]),
    /// The approver of the pending review (`refuse_approval`): drc, the design approver or finance.
    PendingApprover,
    /// The design approver of the project's sector (RULES.md §7 `design_approver`).
    DesignApprover,
    /// The authority of the excepted rule (RULES.md §1.8).
    RuleAuthority,
    /// The actor who suspended (`resume`).
    Suspender,
    /// The approver of the adjustment's route (drc, or industry_authority on route 3).
    RouteApprover,
    /// The competent authority named by the event (liability cases): any public body.
    Competent,
}

impl ActorSpec {
    /// Text for tables and diagrams.
    pub fn describe(&self) -> String {
        match self {
            ActorSpec::Any(a) => a.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" or "),
            ActorSpec::PendingApprover => "the pending review's approver".into(),
            ActorSpec::DesignApprover => "design approver (§7)".into(),
            ActorSpec::RuleAuthority => "the rule's authority (§1.8)".into(),
            ActorSpec::Suspender => "the suspending actor".into(),
            ActorSpec::RouteApprover => "the route's approver".into(),
            ActorSpec::Competent => "the competent authority".into(),
        }
    }
}

/// From which states a row's event is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FromSpec<S: 'static> {
    /// Creates the stream (∅ →).
    Create,
    /// Creates the stream, or continues from these states (plan `submit_for_plan`, DIG `collect_demands`).
    CreateOr(&'static [S]),
    /// Exactly these states.
    States(&'static [S]),
    /// A fact: every non-terminal state (of the listed "from on" set when not empty), state kept.
    Fact {
        /// Also valid in terminal states.
        also_terminal: bool,
    },
    /// A fact restricted to these states, state kept.
    FactIn(&'static [S]),
}

/// One row of a transition table.
#[derive(Debug, Clone, Copy)]
pub struct Row<S: 'static> {
    /// The event's wire name.
    pub event: &'static str,
    /// Who may act.
    pub actor: ActorSpec,
    /// Where it is valid.
    pub from: FromSpec<S>,
    /// The states it may lead to (empty: state kept).
    pub to: &'static [S],
    /// The rules the row checks (RULES.md "Rules" column).
    pub rules: &'static [RuleId],
}

impl<S: 'static> Row<S> {
    /// `record_exception` (RULES.md §1.8): the rule's authority records an exception, in every
    /// state, terminal ones too, state kept — the same row in the table of every stream.
    pub const RECORD_EXCEPTION: Row<S> = Row {
        event: "record_exception",
        actor: ActorSpec::RuleAuthority,
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[],
    };
}

/// A machine's states and table.
pub trait Machine {
    /// The state type.
    type State: Copy + Eq + 'static;
    /// The machine id.
    const ID: MachineId;
    /// The type name of RULES.md §8 (`InvestmentProject`, `Change`, …).
    const NAME: &'static str;
    /// Every state in diagram order.
    fn states() -> &'static [Self::State];
    /// Terminal states.
    fn terminal() -> &'static [Self::State];
    /// The table.
    fn rows() -> &'static [Row<Self::State>];
    /// A state's wire name.
    fn state_name(s: Self::State) -> &'static str;
}

/// Declares a machine: its marker type and its [`Machine`] impl from the state enum (a
/// `wire_enum!`: `ALL` in diagram order, `as_str` the wire name), the stream id, the type name
/// of RULES.md §8, the terminal states and the table — what every machine's impl says, written once.
macro_rules! machine {
    (
        $(#[$meta:meta])*
        pub struct $M:ident {
            state: $S:ident, id: $id:ident, name: $name:literal,
            terminal: [$($terminal:ident),* $(,)?], table: $table:ident $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $M;

        impl $crate::machine::Machine for $M {
            type State = $S;
            const ID: $crate::log::MachineId = $crate::log::MachineId::$id;
            const NAME: &'static str = $name;
            fn states() -> &'static [$S] {
                $S::ALL
            }
            fn terminal() -> &'static [$S] {
                &[$($S::$terminal),*]
            }
            fn rows() -> &'static [$crate::machine::Row<$S>] {
                $table
            }
            fn state_name(s: $S) -> &'static str {
                s.as_str()
            }
        }
    };
}
pub(crate) use machine;

/// Whether `row` accepts an event in `state` (`None` = the stream does not exist yet).
pub fn row_allows<M: Machine>(row: &Row<M::State>, state: Option<M::State>) -> bool {
    match (row.from, state) {
        (FromSpec::Create, None) | (FromSpec::CreateOr(_), None) => true,
        (FromSpec::Create, Some(_)) | (_, None) => false,
        (FromSpec::CreateOr(list), Some(s)) | (FromSpec::States(list), Some(s)) | (FromSpec::FactIn(list), Some(s)) => {
            list.contains(&s)
        }
        (FromSpec::Fact { also_terminal }, Some(s)) => also_terminal || !M::terminal().contains(&s),
    }
}

/// The row of an event name.
pub fn row_of<M: Machine>(event: &str) -> Option<&'static Row<M::State>> {
    M::rows().iter().find(|r| r.event == event)
}

/// The row of an event name, tried first at `index` (the event's position in its enum, which
/// is the table's order when the table follows the vocabulary), else searched by name.
pub fn row_of_at<M: Machine>(index: usize, event: &str) -> Option<&'static Row<M::State>> {
    match M::rows().get(index) {
        Some(r) if crate::log::same_text(r.event, event) => Some(r),
        _ => row_of::<M>(event),
    }
}

/// Rows leading to more states than this (import_legacy, resume to the stored state) are
/// listed in a note instead of drawn edge by edge.
const WIDE: usize = 4;

fn ident(s: &str) -> String {
    s.replace('-', "_")
}

/// A Mermaid `stateDiagram-v2` of the machine; `current` is highlighted when given.
/// Fact events (state kept) are listed in a note rather than drawn as loops.
pub fn mermaid<M: Machine>(current: Option<M::State>) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    let mut facts = Vec::new();
    let mut wide = Vec::new();
    for row in M::rows() {
        let from: Vec<Option<M::State>> = match row.from {
            FromSpec::Create => vec![None],
            FromSpec::CreateOr(l) => std::iter::once(None).chain(l.iter().copied().map(Some)).collect(),
            FromSpec::States(l) => l.iter().copied().map(Some).collect(),
            FromSpec::Fact { .. } | FromSpec::FactIn(_) => {
                facts.push(row.event);
                continue;
            }
        };
        if row.to.len() > WIDE {
            wide.push(row.event);
            continue;
        }
        for f in &from {
            for t in row.to {
                let src = f.map(|s| ident(M::state_name(s))).unwrap_or_else(|| "[*]".into());
                let _ = writeln!(out, "    {src} --> {}: {}", ident(M::state_name(*t)), row.event);
            }
        }
    }
    for t in M::terminal() {
        let _ = writeln!(out, "    {} --> [*]", ident(M::state_name(*t)));
    }
    if !facts.is_empty() {
        facts.dedup();
        if let Some(first) = M::states().first() {
            let _ = writeln!(
                out,
                "    note right of {}\n        facts (state kept): {}\n    end note",
                ident(M::state_name(*first)),
                facts.join(", ")
            );
        }
    }
    if !wide.is_empty()
        && let Some(last) = M::terminal().first()
    {
        let _ = writeln!(
            out,
            "    note left of {}\n        to a stored or named state: {}\n    end note",
            ident(M::state_name(*last)),
            wide.join(", ")
        );
    }
    if let Some(c) = current {
        let _ = writeln!(out, "    classDef current fill:#f9d71c,stroke:#333,stroke-width:3px");
        let _ = writeln!(out, "    class {} current", ident(M::state_name(c)));
    }
    out
}

/// A Graphviz DOT digraph of the machine; `current` is filled when given.
pub fn dot<M: Machine>(current: Option<M::State>) -> String {
    let mut out = format!("digraph {} {{\n    rankdir=LR;\n    node [shape=box, style=rounded];\n", M::ID.as_str());
    let _ = writeln!(out, "    start [shape=point];");
    for s in M::states() {
        let name = M::state_name(*s);
        let mut attrs = Vec::new();
        if M::terminal().contains(s) {
            attrs.push("peripheries=2".to_string());
        }
        if current == Some(*s) {
            attrs.push("style=\"rounded,filled\"".to_string());
            attrs.push("fillcolor=\"#f9d71c\"".to_string());
        }
        let _ = writeln!(out, "    {name} [{}];", attrs.join(", "));
    }
    for row in M::rows() {
        let from: Vec<Option<M::State>> = match row.from {
            FromSpec::Create => vec![None],
            FromSpec::CreateOr(l) => std::iter::once(None).chain(l.iter().copied().map(Some)).collect(),
            FromSpec::States(l) => l.iter().copied().map(Some).collect(),
            FromSpec::Fact { .. } | FromSpec::FactIn(_) => continue,
        };
        if row.to.len() > WIDE {
            continue;
        }
        let rules: Vec<&str> = row.rules.iter().map(|r| r.as_str()).collect();
        for f in &from {
            for t in row.to {
                let src = f.map(|s| M::state_name(s)).unwrap_or("start");
                let _ = writeln!(
                    out,
                    "    {src} -> {} [label=\"{}\\n{}\\n{}\"];",
                    M::state_name(*t),
                    row.event,
                    row.actor.describe(),
                    rules.join(" ")
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

/// Where a row is valid, as the tables print it: `∅` (creates the stream), state names, `fact`.
pub fn describe_from<M: Machine>(from: &FromSpec<M::State>) -> String {
    let names = |l: &[M::State]| l.iter().map(|s| M::state_name(*s)).collect::<Vec<_>>().join(", ");
    match *from {
        FromSpec::Create => "∅".to_string(),
        FromSpec::CreateOr(l) => format!("∅, {}", names(l)),
        FromSpec::States(l) => names(l),
        FromSpec::Fact { also_terminal: false } => "fact".into(),
        FromSpec::Fact { also_terminal: true } => "fact, also terminal".into(),
        FromSpec::FactIn(l) => format!("fact in {}", names(l)),
    }
}

/// Where a row leads, as the tables print it: state names, or `same` (state kept).
pub fn describe_to<M: Machine>(to: &[M::State]) -> String {
    if to.is_empty() { "same".to_string() } else { to.iter().map(|s| M::state_name(*s)).collect::<Vec<_>>().join(", ") }
}

/// The table as Markdown: `| Event | Actor | From | To | Rules |`.
pub fn markdown<M: Machine>() -> String {
    let mut out = String::from("| Event | Actor | From | To | Rules |\n|---|---|---|---|---|\n");
    for row in M::rows() {
        let from = describe_from::<M>(&row.from);
        let to = describe_to::<M>(row.to);
        let rules = row.rules.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
        let _ = writeln!(out, "| `{}` | {} | {} | {} | {} |", row.event, row.actor.describe(), from, to, rules);
    }
    out
}
