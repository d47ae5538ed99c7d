//! The timeline figure: one lane per stream with a mark per event (refused commands crossed in
//! red, events with outcomes coloured by the worst), the deadlines as bars from opening to due
//! date (met, late, overdue, open), the findings at their dates, and the report date.

use chrono::{Datelike, NaiveDate};

use crate::outcome::OutcomeKind;
use crate::report::svg::{Anchor, P, Svg, colour, text_width};
use crate::report::{DeadlineStatus, Report, worst};

const W: f32 = 680.0;
const LEFT: f32 = 118.0;
const RIGHT: f32 = 672.0;
const AXIS: f32 = 30.0;
const LANE: f32 = 15.0;
const ROW: f32 = 14.0;
const LABEL: f32 = 8.5;
/// More streams than this are grouped into one lane per machine.
const MAX_LANES: usize = 10;

/// A label placed beside a mark: position, anchor, the span it occupies with its mark.
struct Label {
    x: f32,
    anchor: Anchor,
    extent: (f32, f32),
    text: String,
}

/// A deadline bar: from the opening date to its end (due, discharge or report date).
struct Bar {
    x0: f32,
    end: f32,
    label: Label,
}

struct Scale {
    start: NaiveDate,
    days: f32,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f32 {
        LEFT + (d - self.start).num_days() as f32 / self.days * (RIGHT - LEFT)
    }
}

/// Packs labelled intervals into rows so that none overlap; returns the row of each.
fn pack(spans: &[(f32, f32)]) -> (Vec<usize>, usize) {
    let mut ends: Vec<f32> = Vec::new();
    let rows = spans
        .iter()
        .map(|(a, b)| match ends.iter().position(|e| *e + 6.0 <= *a) {
            Some(r) => {
                ends[r] = *b;
                r
            }
            None => {
                ends.push(*b);
                ends.len() - 1
            }
        })
        .collect();
    (rows, ends.len())
}

/// A label placed after `x1` when it fits before the right edge, else before `x0`:
/// (x, anchor, extent).
fn place(x0: f32, x1: f32, label: &str) -> (f32, Anchor, (f32, f32)) {
    let w = text_width(label, LABEL);
    if x1 + 4.0 + w <= W - 2.0 {
        (x1 + 4.0, Anchor::Start, (x0.min(x1) - 3.0, x1 + 4.0 + w))
    } else {
        (x0 - 4.0, Anchor::End, (x0 - 4.0 - w, x1.max(x0) + 3.0))
    }
}

fn lane_label(stream: &str) -> String {
    let parts: Vec<&str> = stream.split('/').collect();
    let s = match parts.as_slice() {
        [m, _, inst] => format!("{m} {inst}"),
        [m, inst] => format!("{m} {inst}"),
        _ => stream.to_string(),
    };
    let mut out = String::new();
    for c in s.chars() {
        if text_width(&out, 9.0) + text_width(&c.to_string(), 9.0) > LEFT - 14.0 {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    let m0 = d.year() * 12 + d.month0() as i32 + n as i32;
    NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// The timeline of a report, or `None` when it has no dated event.
pub(crate) fn timeline_svg(r: &Report) -> Option<String> {
    let dated: Vec<_> = r.steps.iter().filter_map(|s| s.date.map(|d| (d, s))).collect();
    let deadlines: Vec<_> = r.deadlines().collect();
    let findings: Vec<_> = r.findings().map(|(_, f)| f).collect();
    let first = dated
        .iter()
        .map(|(d, _)| *d)
        .chain(deadlines.iter().map(|d| d.obligation.opened))
        .chain(findings.iter().map(|f| f.date))
        .min()?;
    let last = dated
        .iter()
        .map(|(d, _)| *d)
        .chain(deadlines.iter().flat_map(|d| [Some(d.obligation.due), d.obligation.closed]).flatten())
        .chain(findings.iter().map(|f| f.date))
        .chain(std::iter::once(r.as_of))
        .max()?;
    let span = (last - first).num_days().max(1) as f32;
    let pad = (span * 0.02).max(3.0);
    let start = first - chrono::Days::new(pad as u64);
    let scale = Scale { start, days: span + 2.0 * pad };

    // Lanes: one per stream in order of appearance, or one per machine when there are many.
    let mut streams: Vec<String> = Vec::new();
    for (_, s) in &dated {
        if !streams.contains(&s.stream) {
            streams.push(s.stream.clone());
        }
    }
    let grouped = streams.len() > MAX_LANES;
    let key = |stream: &str| -> String {
        if grouped { stream.split('/').next().unwrap_or(stream).to_string() } else { stream.to_string() }
    };
    let mut lanes: Vec<String> = Vec::new();
    for s in &streams {
        let k = key(s);
        if !lanes.contains(&k) {
            lanes.push(k);
        }
    }

    // Deadline bars and finding marks, packed into rows.
    let bars: Vec<Bar> = deadlines
        .iter()
        .map(|d| {
            let o = &d.obligation;
            let x0 = scale.x(o.opened);
            let end = match d.status {
                DeadlineStatus::Met | DeadlineStatus::Open => scale.x(o.due),
                DeadlineStatus::Late => scale.x(o.closed.unwrap_or(o.due)).max(scale.x(o.due)),
                DeadlineStatus::Overdue => scale.x(r.as_of).max(scale.x(o.due)),
            };
            let mut label = if o.subject.is_empty() {
                format!("{} {}", o.rule, o.duty)
            } else {
                format!("{} {}", o.rule, o.subject)
            };
            if o.provisional {
                label.push_str(" ◇");
            }
            let (lx, anchor, extent) = place(x0, end, &label);
            Bar { x0, end, label: Label { x: lx, anchor, extent, text: label } }
        })
        .collect();
    let (bar_rows, n_bar_rows) = pack(&bars.iter().map(|b| b.label.extent).collect::<Vec<_>>());
    let marks: Vec<(f32, Label)> = findings
        .iter()
        .map(|f| {
            let x = scale.x(f.date);
            let label = f.reference();
            let (lx, anchor, extent) = place(x - 4.0, x + 4.0, &label);
            (x, Label { x: lx, anchor, extent, text: label })
        })
        .collect();
    let (mark_rows, n_mark_rows) = pack(&marks.iter().map(|m| m.1.extent).collect::<Vec<_>>());

    let lanes_top = AXIS + 6.0;
    let bars_top = lanes_top + lanes.len() as f32 * LANE + if n_bar_rows > 0 { 16.0 } else { 0.0 };
    let marks_top = bars_top + n_bar_rows as f32 * ROW + if n_mark_rows > 0 { 16.0 } else { 0.0 };
    let h = marks_top + n_mark_rows as f32 * ROW + 8.0;
    let mut svg = Svg::new(W, h, "timeline of events, deadlines and findings");

    // Axis: month ticks, labelled every k months so that labels keep apart.
    let month_px = 30.4 / scale.days * (RIGHT - LEFT);
    let k = [1u32, 2, 3, 6, 12].into_iter().find(|k| *k as f32 * month_px >= 46.0).unwrap_or(24);
    let mut t = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    if t < start {
        t = add_months(t, 1);
    }
    while t <= last + chrono::Days::new(pad as u64) {
        let x = scale.x(t);
        if (LEFT..=RIGHT).contains(&x) {
            let labelled = if k >= 12 { t.month() == 1 } else { t.month0().is_multiple_of(k) };
            svg.line(
                P { x, y: AXIS - (if labelled { 6.0 } else { 3.0 }) },
                P { x, y: h - 4.0 },
                if labelled { colour::GRID } else { "#eef1f4" },
                0.8,
                false,
            );
            if labelled {
                let label = if k >= 12 { t.year().to_string() } else { format!("{}-{:02}", t.year(), t.month()) };
                svg.text(x, AXIS - 9.0, &label, 8.5, colour::MUTED, Anchor::Middle, false);
            }
        }
        t = add_months(t, 1);
    }
    svg.line(P { x: LEFT, y: AXIS }, P { x: RIGHT, y: AXIS }, colour::MUTED, 0.8, false);

    // Lanes and event marks.
    for (i, lane) in lanes.iter().enumerate() {
        let y = lanes_top + i as f32 * LANE + LANE / 2.0;
        let label = if grouped { format!("{lane} (all)") } else { lane_label(lane) };
        svg.text(LEFT - 8.0, y + 3.0, &label, 9.0, colour::INK, Anchor::End, false);
        svg.line(P { x: LEFT, y }, P { x: RIGHT, y }, "#eef1f4", 0.8, false);
    }
    for (d, s) in &dated {
        let Some(i) = lanes.iter().position(|l| *l == key(&s.stream)) else { continue };
        let c = P { x: scale.x(*d), y: lanes_top + i as f32 * LANE + LANE / 2.0 };
        let title = format!("#{} {} {} {}", s.index, d, s.stream, s.event);
        svg.group_with_title(&title);
        if s.rejection.is_some() {
            svg.line(P { x: c.x - 4.0, y: c.y - 4.0 }, P { x: c.x + 4.0, y: c.y + 4.0 }, colour::BAD, 2.0, false);
            svg.line(P { x: c.x - 4.0, y: c.y + 4.0 }, P { x: c.x + 4.0, y: c.y - 4.0 }, colour::BAD, 2.0, false);
        } else {
            let fill = match worst(&s.outcomes) {
                None => colour::PATH,
                Some(OutcomeKind::Warning) => colour::WARN,
                Some(OutcomeKind::DefaultBreach) => "#e16f24",
                Some(OutcomeKind::Violation | OutcomeKind::Finding) => colour::BAD,
            };
            svg.circle(c, if s.outcomes.is_empty() { 2.6 } else { 3.6 }, fill, "#ffffff");
        }
        svg.end_group();
    }

    // Deadlines.
    if n_bar_rows > 0 {
        svg.text(LEFT - 8.0, bars_top - 4.0, "deadlines 期限", 9.0, colour::INK, Anchor::End, true);
    }
    for (Bar { x0, end, label }, (d, row)) in bars.iter().zip(deadlines.iter().zip(&bar_rows)) {
        let y = bars_top + *row as f32 * ROW + ROW / 2.0;
        let due = scale.x(d.obligation.due);
        let colour_of = match d.status {
            DeadlineStatus::Met => colour::OK,
            DeadlineStatus::Late | DeadlineStatus::Overdue => colour::BAD,
            DeadlineStatus::Open => colour::MUTED,
        };
        svg.group_with_title(&format!(
            "{} {} {} opened {} due {}{}: {}",
            d.obligation.rule,
            d.obligation.duty,
            d.obligation.subject,
            d.obligation.opened,
            d.obligation.due,
            if d.obligation.provisional { " (provisional)" } else { "" },
            d.status.as_str()
        ));
        svg.line(P { x: *x0, y }, P { x: due, y }, colour_of, 2.2, d.status == DeadlineStatus::Open);
        if *end > due {
            svg.line(P { x: due, y }, P { x: *end, y }, colour::BAD, 2.2, d.status == DeadlineStatus::Overdue);
        }
        // The due mark; purple and taller when the due date is provisional (issue 10).
        if d.obligation.provisional {
            svg.line(P { x: due, y: y - 6.0 }, P { x: due, y: y + 6.0 }, colour::PROVISIONAL, 2.0, false);
        } else {
            svg.line(P { x: due, y: y - 4.0 }, P { x: due, y: y + 4.0 }, colour::INK, 1.2, false);
        }
        match d.status {
            DeadlineStatus::Met | DeadlineStatus::Late => {
                if let Some(c) = d.obligation.closed {
                    svg.circle(P { x: scale.x(c), y }, 3.2, colour_of, "#ffffff");
                }
            }
            DeadlineStatus::Overdue => svg.arrowhead(P { x: end - 5.0, y }, P { x: *end + 3.0, y }, 6.0, colour::BAD),
            DeadlineStatus::Open => {}
        }
        svg.text(label.x, y + 3.0, &label.text, LABEL, colour::INK, label.anchor, false);
        svg.end_group();
    }

    // Findings.
    if n_mark_rows > 0 {
        svg.text(LEFT - 8.0, marks_top - 4.0, "findings 发现问题", 9.0, colour::INK, Anchor::End, true);
    }
    for ((x, label), (f, row)) in marks.iter().zip(findings.iter().zip(&mark_rows)) {
        let y = marks_top + *row as f32 * ROW + ROW / 2.0;
        let fill = if f.kind == OutcomeKind::DefaultBreach { "#e16f24" } else { colour::BAD };
        svg.group_with_title(&format!("{} {} {}", label.text, f.date, f.message_en));
        svg.polygon(
            &[P { x: *x, y: y - 4.5 }, P { x: x + 4.5, y }, P { x: *x, y: y + 4.5 }, P { x: x - 4.5, y }],
            fill,
        );
        svg.text(label.x, y + 3.0, &label.text, LABEL, colour::INK, label.anchor, false);
        svg.end_group();
    }

    // The report date.
    let xa = scale.x(r.as_of);
    svg.line(P { x: xa, y: AXIS - 2.0 }, P { x: xa, y: h - 4.0 }, colour::CURRENT_STROKE, 1.2, true);
    let label = format!("as of {}", r.as_of);
    let (ax, anchor) =
        if xa + 4.0 + text_width(&label, 8.5) <= W { (xa + 3.0, Anchor::Start) } else { (xa - 3.0, Anchor::End) };
    svg.text(ax, 9.0, &label, 8.5, colour::CURRENT_STROKE, anchor, true);
    Some(svg.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_keeps_overlapping_spans_apart() {
        let (rows, n) = pack(&[(0.0, 50.0), (40.0, 90.0), (60.0, 100.0), (120.0, 130.0)]);
        assert_eq!(rows, vec![0, 1, 0, 0]);
        assert_eq!(n, 2);
    }

    #[test]
    fn lane_labels_are_short() {
        assert_eq!(lane_label("change/NY-TYZX-TYG/C1"), "change C1");
        assert_eq!(lane_label("plan/2024"), "plan 2024");
        assert!(text_width(&lane_label("adjustment/P/AN-EXTREMELY-LONG-ADJUSTMENT-IDENTIFIER"), 9.0) <= LEFT);
    }
}
