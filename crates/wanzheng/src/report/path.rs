//! The path a project took through its lifecycle machine, and the acts permitted next, drawn
//! from the machine's transition table ([`crate::machine::Row`], the single truth):
//!
//! * [`machine_svg`]: every state of the table laid out deterministically (the table's state
//!   order, four to a row, snaking so that consecutive states stay side by side), the table's
//!   transitions in grey, the path taken in blue with the order of each visit, the current state
//!   in yellow and the next permitted transitions dashed;
//! * [`path_svg`] and [`path_mermaid`]: the compact "path taken" — only the states visited, in
//!   order, each arrow named by its event, then the acts permitted from the current state.
//!
//! The permitted acts come from `permitted_events` ([`crate::report::next_acts_inv`],
//! [`crate::report::next_acts_dig`]); [`table_next_acts`] reads the table alone. The drawings
//! take a plain list of [`NextAct`]s.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::event::NO_STATE;
use crate::log::{LogEntry, MachineId};
use crate::machine::{FromSpec, Machine, Row, row_allows};
use crate::report::svg::{Anchor, P, Svg, colour, text_width};
use crate::rule::RuleId;

/// Rows with more from- or to-states than this are listed under the figure rather than drawn
/// edge by edge (import_legacy, withdraw_project, stop, resume …), as in [`crate::machine::mermaid`].
const WIDE: usize = 4;

/// One state-changing entry of a stream (its creation included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The log entry.
    pub seq: u32,
    /// Its date.
    pub date: NaiveDate,
    /// The event.
    pub event: &'static str,
    /// The state before (`none` for the creating event).
    pub from: &'static str,
    /// The state after.
    pub to: &'static str,
}

/// The state-changing entries of one stream of a log, in log order.
pub fn path_of(entries: &[LogEntry], machine: MachineId, instance: Option<&str>) -> Vec<PathStep> {
    entries
        .iter()
        .filter(|e| e.stream().machine == machine && instance.is_none_or(|i| e.stream().instance.as_str() == i))
        .filter(|e| e.from() != e.to())
        .map(|e| PathStep { seq: e.seq(), date: e.date(), event: e.event().name(), from: e.from(), to: e.to() })
        .collect()
}

/// An act permitted next: an event, who may perform it, where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAct {
    /// The event.
    pub event: &'static str,
    /// Who may act (the table's actor column, in words).
    pub actor: String,
    /// The states it may lead to; empty when the state is kept (a fact event, or a row whose
    /// to-states are all kept states).
    pub to: Vec<&'static str>,
    /// The rules its row checks.
    pub rules: Vec<RuleId>,
}

impl NextAct {
    /// Whether it leads to more states than are drawn edge by edge (a stored or named state).
    pub fn is_wide(&self) -> bool {
        self.to.len() > WIDE
    }
}

/// The row's from-states (empty for facts valid everywhere; creation is not one).
fn from_states<M: Machine>(row: &Row<M::State>) -> &'static [M::State] {
    match row.from {
        FromSpec::CreateOr(l) | FromSpec::States(l) | FromSpec::FactIn(l) => l,
        FromSpec::Create | FromSpec::Fact { .. } => &[],
    }
}

/// Where `row` leads from `from`. A row valid in several states whose to-states include some of
/// them keeps those states (approve_budget: budget_review → budget_approved, procurement stays
/// procurement; approve_settlement: accepted → settled, stopped stays stopped); the others go to
/// the to-states that are not from-states. A row valid in one state may lead to any of its
/// to-states (approve_design: design_review → design_review or design_approved). The state
/// itself is not a target.
pub(crate) fn targets<M: Machine>(row: &Row<M::State>, from: Option<M::State>) -> Vec<&'static str> {
    let froms = from_states::<M>(row);
    if froms.len() > 1 && from.is_some_and(|f| row.to.contains(&f)) {
        return Vec::new();
    }
    row.to.iter().filter(|t| Some(**t) != from && !froms.contains(t)).map(|t| M::state_name(*t)).collect()
}

/// The rows of `M`'s table valid in `state` (`None`: the stream does not exist yet), in table
/// order, each with where it leads from `state`. This reads the table alone: no stage gate,
/// actor or window is applied.
pub fn table_next_acts<M: Machine>(state: Option<M::State>) -> Vec<NextAct> {
    M::rows()
        .iter()
        .filter(|r| row_allows::<M>(r, state))
        .map(|r| NextAct {
            event: r.event,
            actor: r.actor.describe(),
            to: targets::<M>(r, state),
            rules: r.rules.to_vec(),
        })
        .collect()
}

/// A machine's table flattened for drawing.
#[derive(Debug, Clone)]
pub struct MachineView {
    /// The machine id.
    pub id: MachineId,
    /// Every state, in the machine's diagram order.
    pub states: Vec<&'static str>,
    /// The terminal states.
    pub terminal: Vec<&'static str>,
    /// Transitions drawn edge by edge: (from, to, event); `None` = the stream's creation. Where
    /// a row leads from each of its states is read as in [`table_next_acts`].
    pub edges: Vec<(Option<&'static str>, &'static str, &'static str)>,
    /// Rows with many from- or to-states, listed: (event, where from in words, to-states).
    pub wide: Vec<(&'static str, String, Vec<&'static str>)>,
    /// Events that keep the state (facts).
    pub facts: Vec<&'static str>,
}

impl MachineView {
    /// The view of `M`'s table.
    pub fn of<M: Machine>() -> MachineView {
        let name = |s: &M::State| M::state_name(*s);
        let mut v = MachineView {
            id: M::ID,
            states: M::states().iter().map(name).collect(),
            terminal: M::terminal().iter().map(name).collect(),
            edges: Vec::new(),
            wide: Vec::new(),
            facts: Vec::new(),
        };
        for row in M::rows() {
            let from: Vec<Option<M::State>> = match row.from {
                FromSpec::Create => vec![None],
                FromSpec::CreateOr(l) => std::iter::once(None).chain(l.iter().copied().map(Some)).collect(),
                FromSpec::States(l) => l.iter().copied().map(Some).collect(),
                FromSpec::Fact { .. } | FromSpec::FactIn(_) if row.to.is_empty() => {
                    v.facts.push(row.event);
                    continue;
                }
                FromSpec::Fact { .. } => vec![],
                FromSpec::FactIn(l) => l.iter().copied().map(Some).collect(),
            };
            let to: Vec<&'static str> = row.to.iter().map(name).collect();
            if from.is_empty() || from.len() > WIDE || to.len() > WIDE {
                let words = match from.as_slice() {
                    [] => "any state (fact)".to_string(),
                    [None] => "∅".to_string(),
                    [Some(one)] => M::state_name(*one).to_string(),
                    many => format!("{} states", many.len()),
                };
                v.wide.push((row.event, words, to));
                continue;
            }
            for f in &from {
                let ts = if f.is_none() { to.clone() } else { targets::<M>(row, *f) };
                for t in ts {
                    let edge = (f.map(M::state_name), t, row.event);
                    if !v.edges.contains(&edge) {
                        v.edges.push(edge);
                    }
                }
            }
        }
        v
    }
}

// ---------------------------------------------------------------------------------------------
// The whole machine, path highlighted
// ---------------------------------------------------------------------------------------------

const W: f32 = 680.0;
const COLS: usize = 4;
const BOX_W: f32 = 148.0;
const BOX_H: f32 = 26.0;
const ROW_H: f32 = 62.0;
const TOP: f32 = 30.0;

fn cell(i: usize) -> (usize, usize) {
    let row = i / COLS;
    let col = if row.is_multiple_of(2) { i % COLS } else { COLS - 1 - i % COLS };
    (row, col)
}

fn centre(i: usize) -> P {
    let (row, col) = cell(i);
    let cw = W / COLS as f32;
    P { x: cw * col as f32 + cw / 2.0, y: TOP + row as f32 * ROW_H + BOX_H / 2.0 }
}

/// Where the ray from the centre of a box towards `toward` leaves the box (half sizes `hw`, `hh`).
fn clip(c: P, toward: P, hw: f32, hh: f32) -> P {
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let tx = if dx != 0.0 { hw / dx.abs() } else { f32::INFINITY };
    let ty = if dy != 0.0 { hh / dy.abs() } else { f32::INFINITY };
    let t = tx.min(ty);
    P { x: c.x + dx * t, y: c.y + dy * t }
}

/// A curved edge between two points: straight for neighbours, bowed to its left otherwise (so
/// the two directions between one pair of states never overlap). Returns (start, control, end).
fn curve(a: P, b: P, ahw: f32, ahh: f32, bhw: f32, bhh: f32, bow: f32) -> (P, P, P) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (nx, ny) = (dy / len, -dx / len);
    let ctrl = P { x: (a.x + b.x) / 2.0 + nx * bow, y: (a.y + b.y) / 2.0 + ny * bow };
    (clip(a, ctrl, ahw, ahh), ctrl, clip(b, ctrl, bhw, bhh))
}

fn bow_for(a: usize, b: usize, path: bool) -> f32 {
    let ((ra, ca), (rb, cb)) = (cell(a), cell(b));
    let dist = ra.abs_diff(rb) + ca.abs_diff(cb);
    let base = if dist <= 1 { 0.0 } else { 12.0 + 6.0 * dist as f32 };
    if path { base + 4.0 } else { base }
}

fn start_point() -> P {
    P { x: 10.0, y: 10.0 }
}

/// The lifecycle as an SVG figure: every state of `view`, the path taken highlighted (each
/// state marked with the log entries that entered it), `current` in yellow, the `next` acts' targets dashed.
pub fn machine_svg(view: &MachineView, path: &[PathStep], current: Option<&str>, next: &[NextAct]) -> String {
    let rows = view.states.len().div_ceil(COLS);
    let h = TOP + rows as f32 * ROW_H - (ROW_H - BOX_H) + 16.0;
    let mut svg = Svg::new(W, h, &format!("{} lifecycle: states and transitions, path taken", view.id));
    let index = |s: &str| view.states.iter().position(|x| *x == s);
    let (hw, hh) = (BOX_W / 2.0, BOX_H / 2.0);
    let start = start_point();
    // A stream created in its first state starts at the figure's start dot; one created in
    // another state (import_legacy) at a dot beside that state.
    let start_of = |t: usize| if t == 0 { start } else { P { x: centre(t).x - hw - 8.0, y: centre(t).y - hh - 12.0 } };
    let end_of = |f: Option<usize>, t: usize, path: bool| {
        let b = centre(t);
        match f {
            Some(f) => curve(centre(f), b, hw, hh, hw, hh, bow_for(f, t, path)),
            None => curve(start_of(t), b, 0.0, 0.0, hw, hh, 0.0),
        }
    };
    // The table's transitions, grey; none out of a terminal state (the housekeeping rows after
    // a stop or withdrawal list several from- and to-states whose pairs the table leaves open).
    for (f, t, _) in &view.edges {
        let (Some(ti), fi) = (index(t), f.and_then(index)) else { continue };
        if f.is_some() && fi.is_none() || f.is_some_and(|f| view.terminal.contains(&f)) {
            continue;
        }
        svg.arrow_curve(end_of(fi, ti, false), colour::EDGE, 1.0, false, 6.0);
        if f.is_none() && ti > 0 {
            svg.circle(start_of(ti), 3.0, colour::EDGE, colour::EDGE);
        }
    }
    // The next acts from the current state, dashed.
    if let Some(ci) = current.and_then(index) {
        for act in next.iter().filter(|a| !a.is_wide()) {
            for t in &act.to {
                let Some(ti) = index(t) else { continue };
                svg.arrow_curve(end_of(Some(ci), ti, true), colour::NEXT, 1.4, true, 7.0);
            }
        }
    }
    // The path taken, blue.
    for step in path {
        let Some(ti) = index(step.to) else { continue };
        let fi = if step.from == NO_STATE { None } else { index(step.from) };
        svg.group_with_title(&format!("#{} {} {}: {} → {}", step.seq, step.date, step.event, step.from, step.to));
        svg.arrow_curve(end_of(fi, ti, true), colour::PATH, 2.2, false, 8.0);
        svg.end_group();
    }
    svg.circle(start, 5.0, colour::INK, colour::INK);
    for step in path.iter().filter(|p| p.from == NO_STATE) {
        if let Some(t) = index(step.to).filter(|t| *t > 0) {
            svg.circle(start_of(t), 4.0, colour::INK, colour::INK);
        }
    }
    // The states.
    let next_targets: Vec<&str> = next.iter().filter(|a| !a.is_wide()).flat_map(|a| a.to.iter().copied()).collect();
    for (i, s) in view.states.iter().enumerate() {
        let c = centre(i);
        let (x, y) = (c.x - hw, c.y - hh);
        let visits: Vec<u32> = path.iter().filter(|p| p.to == *s).map(|p| p.seq).collect();
        let is_current = current == Some(*s);
        let (fill, stroke, sw) = if is_current {
            (colour::CURRENT, colour::CURRENT_STROKE, 2.4)
        } else if !visits.is_empty() {
            (colour::VISITED, colour::PATH, 1.6)
        } else if next_targets.contains(s) {
            ("#fff7ed", colour::NEXT, 1.4)
        } else {
            ("#ffffff", "#8c959f", 1.0)
        };
        let dashed = !is_current && visits.is_empty() && next_targets.contains(s);
        svg.rect(x, y, BOX_W, BOX_H, 6.0, fill, stroke, sw, dashed);
        if view.terminal.contains(s) {
            svg.rect(x + 2.5, y + 2.5, BOX_W - 5.0, BOX_H - 5.0, 4.5, "none", stroke, 0.8, false);
        }
        let size = fit(s, 10.5, BOX_W - 12.0);
        svg.text(c.x, c.y + size * 0.36, s, size, colour::INK, Anchor::Middle, is_current || !visits.is_empty());
        if !visits.is_empty() {
            let label = visit_label(&visits);
            let bw = text_width(&label, 8.5) + 8.0;
            svg.rect(x + BOX_W - bw + 4.0, y - 8.0, bw, 13.0, 6.5, colour::PATH, colour::PATH, 0.5, false);
            svg.text(x + BOX_W - bw / 2.0 + 4.0, y + 1.8, &label, 8.5, "#ffffff", Anchor::Middle, true);
        }
    }
    svg.finish()
}

/// The log entries that entered a state: `#3`, `#2, 5`, or `#2 … 9` when many.
fn visit_label(visits: &[u32]) -> String {
    match visits {
        [] => String::new(),
        [a] => format!("#{a}"),
        [a, b] => format!("#{a}, {b}"),
        [a, .., z] => format!("#{a} … {z}"),
    }
}

/// The font size at which `s` fits `room` (at most `max`, at least 7).
fn fit(s: &str, max: f32, room: f32) -> f32 {
    let w = text_width(s, 1.0);
    if w <= 0.0 { max } else { (room / w).clamp(7.0, max) }
}

// ---------------------------------------------------------------------------------------------
// The compact path taken
// ---------------------------------------------------------------------------------------------

/// The compact "path taken": the visited states in order (each arrow named by its event and
/// dated), wrapped to the page width, then the acts permitted from `current`.
pub fn path_svg(path: &[PathStep], current: Option<&str>, next: &[NextAct]) -> String {
    const LABEL: f32 = 9.0;
    const NODE: f32 = 10.0;
    const PH: f32 = 22.0;
    const LINE: f32 = 56.0;
    const LEFT: f32 = 6.0;
    struct Item {
        x: f32,
        y: f32,
        arrow: f32,
        w: f32,
    }
    let mut items = Vec::new();
    let (mut x, mut y) = (LEFT + 10.0, 30.0);
    for step in path {
        let label = format!("{} {}", step.seq, step.event);
        let arrow = (text_width(&label, LABEL) + 10.0).max(text_width("2024-01-01", 8.0) + 10.0);
        let w = text_width(step.to, NODE) + 14.0;
        if x + arrow + w > W - 4.0 && !items.is_empty() {
            x = LEFT + 10.0;
            y += LINE;
        }
        items.push(Item { x, y, arrow, w });
        x += arrow + w;
    }
    // The next acts: a fan from a copy of the current state.
    let drawn: Vec<(&NextAct, String)> = next
        .iter()
        .filter(|a| !a.to.is_empty())
        .map(|a| {
            let target = if a.is_wide() { "(a stored or named state)".to_string() } else { a.to.join(" | ") };
            (a, target)
        })
        .collect();
    let fan_top = y + PH / 2.0 + 26.0;
    let h = if drawn.is_empty() { y + PH + 4.0 } else { fan_top + (drawn.len() as f32 * 24.0).max(PH) + 32.0 };
    let mut svg = Svg::new(W, h, "path taken and next permitted acts");
    svg.circle(P { x: LEFT + 4.0, y: 30.0 }, 4.5, colour::INK, colour::INK);
    for (n, (step, it)) in path.iter().zip(&items).enumerate() {
        let a = P { x: it.x - if it.x <= LEFT + 10.0 && n == 0 { 1.0 } else { 0.0 }, y: it.y };
        let b = P { x: it.x + it.arrow - 2.0, y: it.y };
        if it.x <= LEFT + 10.0 && n > 0 {
            // A wrapped line starts with a short dashed lead-in.
            svg.line(P { x: LEFT, y: it.y }, a, colour::PATH, 1.6, true);
        }
        svg.line(a, b, colour::PATH, 1.8, false);
        svg.arrowhead(a, P { x: b.x + 2.0, y: b.y }, 7.0, colour::PATH);
        let mid = it.x + it.arrow / 2.0;
        svg.text(mid, it.y - 5.0, &format!("{} {}", step.seq, step.event), LABEL, colour::INK, Anchor::Middle, false);
        svg.text(mid, it.y + 12.0, &step.date.to_string(), 8.0, colour::MUTED, Anchor::Middle, false);
        let bx = it.x + it.arrow;
        let last = n + 1 == path.len();
        let is_current = last && current == Some(step.to);
        let (fill, stroke) =
            if is_current { (colour::CURRENT, colour::CURRENT_STROKE) } else { (colour::VISITED, colour::PATH) };
        svg.rect(bx, it.y - PH / 2.0, it.w, PH, 5.0, fill, stroke, if is_current { 2.2 } else { 1.2 }, false);
        svg.text(bx + it.w / 2.0, it.y + 3.6, step.to, NODE, colour::INK, Anchor::Middle, is_current);
        if !last && items.get(n + 1).is_some_and(|nx| nx.y > it.y) {
            // The line wraps: a short dashed lead-out.
            svg.line(
                P { x: bx + it.w, y: it.y },
                P { x: (bx + it.w + 8.0).min(W - 1.0), y: it.y },
                colour::PATH,
                1.6,
                true,
            );
        }
    }
    if !drawn.is_empty() {
        let now = current.unwrap_or(NO_STATE);
        let now_w = text_width(now, NODE) + 14.0;
        svg.text(LEFT, fan_top + 4.0, "next permitted (transition table):", 9.0, colour::NEXT, Anchor::Start, true);
        let top = fan_top + 18.0;
        let cy = top + (drawn.len() as f32 * 24.0) / 2.0 - 12.0 + PH / 2.0;
        svg.rect(LEFT, cy - PH / 2.0, now_w, PH, 5.0, colour::CURRENT, colour::CURRENT_STROKE, 2.2, false);
        svg.text(LEFT + now_w / 2.0, cy + 3.6, now, NODE, colour::INK, Anchor::Middle, true);
        let fx = LEFT + now_w;
        let label_x = fx + 34.0;
        let label_w = drawn.iter().map(|(a, _)| text_width(a.event, LABEL)).fold(0.0, f32::max) + 8.0;
        for (k, (act, target)) in drawn.iter().enumerate() {
            let ty = top + k as f32 * 24.0 + PH / 2.0;
            let end = P { x: label_x + label_w + 24.0, y: ty };
            svg.path(
                &format!(
                    "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                    fx,
                    cy,
                    fx + 20.0,
                    cy,
                    fx + 14.0,
                    ty,
                    label_x,
                    ty
                ),
                colour::NEXT,
                1.2,
                true,
            );
            svg.line(P { x: label_x, y: ty }, P { x: end.x - 2.0, y: ty }, colour::NEXT, 1.2, true);
            svg.arrowhead(P { x: label_x, y: ty }, end, 6.5, colour::NEXT);
            svg.text(label_x + 2.0, ty - 3.0, act.event, LABEL, colour::INK, Anchor::Start, false);
            let tw = (text_width(target, NODE) + 14.0).min(W - end.x - 4.0);
            let size = fit(target, NODE, tw - 10.0);
            svg.rect(end.x, ty - PH / 2.0 + 2.0, tw, PH - 4.0, 5.0, "#fff7ed", colour::NEXT, 1.0, true);
            svg.text(end.x + tw / 2.0, ty + size * 0.36, target, size, colour::INK, Anchor::Middle, false);
        }
    }
    svg.finish()
}

// ---------------------------------------------------------------------------------------------
// Mermaid
// ---------------------------------------------------------------------------------------------

fn ident(s: &str) -> String {
    s.replace('-', "_")
}

/// Event names joined by commas, in lines of at most `width` characters (a Mermaid note is as
/// wide as its longest line).
fn wrap(items: &[&str], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() { format!("{item},") } else { (*item).to_string() };
        if !line.is_empty() && line.len() + 1 + piece.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The compact "path taken" as a Mermaid `stateDiagram-v2`, top to bottom (narrow enough for a
/// page): the states visited, each arrow numbered by its log entry and named by its event, the
/// current state highlighted, then the acts permitted from it (dashed targets; facts in a note).
pub fn path_mermaid(path: &[PathStep], current: Option<&str>, next: &[NextAct]) -> String {
    let mut out = String::from("stateDiagram-v2\n    direction TB\n");
    let mut visited: Vec<&str> = Vec::new();
    for step in path {
        let from = if step.from == NO_STATE { "[*]".to_string() } else { ident(step.from) };
        let _ = writeln!(out, "    {from} --> {}: {} {}", ident(step.to), step.seq, step.event);
        for s in [step.from, step.to] {
            if s != NO_STATE && !visited.contains(&s) {
                visited.push(s);
            }
        }
    }
    let mut targets: Vec<&str> = Vec::new();
    let mut facts: Vec<&str> = Vec::new();
    let mut wide: Vec<&str> = Vec::new();
    if let Some(c) = current {
        for act in next {
            if act.to.is_empty() {
                facts.push(act.event);
            } else if act.is_wide() {
                wide.push(act.event);
            } else {
                for t in &act.to {
                    let _ = writeln!(out, "    {} --> {}: next {}", ident(c), ident(t), act.event);
                    if !visited.contains(t) && !targets.contains(t) {
                        targets.push(t);
                    }
                }
            }
        }
        if !facts.is_empty() || !wide.is_empty() {
            let mut lines = Vec::new();
            if !facts.is_empty() {
                lines.push("facts (state kept):".to_string());
                lines.extend(wrap(&facts, 56));
            }
            if !wide.is_empty() {
                lines.push("to a stored or named state:".to_string());
                lines.extend(wrap(&wide, 56));
            }
            let _ = writeln!(out, "    note right of {}\n        {}\n    end note", ident(c), lines.join("\n        "));
        }
    }
    out.push_str("    classDef visited fill:#dbeafe,stroke:#1f6feb\n");
    out.push_str("    classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px\n");
    out.push_str("    classDef next fill:#fff7ed,stroke:#c2410c,stroke-dasharray:4 3\n");
    let past: Vec<String> = visited.iter().filter(|s| Some(**s) != current).map(|s| ident(s)).collect();
    if !past.is_empty() {
        let _ = writeln!(out, "    class {} visited", past.join(","));
    }
    if !targets.is_empty() {
        let t: Vec<String> = targets.iter().map(|s| ident(s)).collect();
        let _ = writeln!(out, "    class {} next", t.join(","));
    }
    if let Some(c) = current {
        let _ = writeln!(out, "    class {} current", ident(c));
    }
    out
}
