//! Portfolio frames (issue 14): `read_logs` builds a workspace from many project logs in
//! parallel without the GIL (parse, verify the hash chain, replay), and a workspace's states,
//! events, findings, obligations and payments come out as Arrow tables with stable columns
//! (documented in the package README, "Portfolio frames").
//!
//! Every row names its `regulation` (`INV` / `DIG`) and, where a rule is cited, the numeric
//! `article` (both regulations have a 第十六条) beside `article_zh`. Amounts are
//! decimal128(20, 2), dates date32. `as_of` is per stream: by default each stream's own last
//! event date (as the CLI's `check` and `report` do), or one date for all, or a mapping
//! project id / stream → date (the others their own).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, ListBuilder, StringBuilder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use wanzheng::anchor::ReplayOptions;
use wanzheng::digital::{DigCycle, DigitalProject};
use wanzheng::investment::{AnnualPlan, InvestmentProject};
use wanzheng::log::Log;
use wanzheng::{Error, Finding, InputReason, RuleId, Workspace, Yuan};

use crate::arrow::{ArrowResult, cell_error, parallel};
use crate::convert::{context, date};
use crate::errors::{from_core, internal};
use crate::project::Project;

// ---------------------------------------------------------------------------------------------
// read_logs

/// One log as `read_logs` reads it: text borrowed from the caller's objects (no copy), or a
/// path read by the worker.
enum Source<'a> {
    Path(PathBuf),
    Text(&'a str),
}

/// What a log item holds while the workers read it: the UTF-8 bytes of a `str` (encoded once,
/// kept alive here so that the text is borrowed, not copied again), a `bytes` object, or a path.
enum Held<'py> {
    Str(Bound<'py, PyBytes>),
    Bytes(Bound<'py, PyBytes>),
    Path(PathBuf),
}

enum Rebuilt {
    Inv(Box<InvestmentProject>),
    Dig(Box<DigitalProject>),
}

/// The machine of a log's first entry (`"machine":"dig"` …) without parsing the whole text.
fn first_machine(text: &str) -> Option<&str> {
    let at = text.find("\"machine\"")? + "\"machine\"".len();
    let rest = text[at..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    rest.split('"').next()
}

fn rebuild(src: &Source<'_>, ctx: &wanzheng::Context, options: &ReplayOptions) -> Result<Rebuilt, Error> {
    let owned;
    let text = match src {
        Source::Text(t) => *t,
        Source::Path(p) => {
            owned = std::fs::read_to_string(p).map_err(|e| {
                cell_error(String::new(), InputReason::Schema, format!("cannot read {}: {e}", p.display()))
            })?;
            owned.as_str()
        }
    };
    if first_machine(text) == Some("dig") {
        return DigitalProject::replay_checked(ctx.clone(), text, options).map(|(p, _)| Rebuilt::Dig(Box::new(p)));
    }
    InvestmentProject::replay_checked(ctx.clone(), text, options).map(|(p, _)| Rebuilt::Inv(Box::new(p)))
}

fn held<'py>(item: &Bound<'py, PyAny>, i: usize) -> PyResult<Held<'py>> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(Held::Str(s.encode_utf8()?));
    }
    if let Ok(b) = item.cast::<PyBytes>() {
        return Ok(Held::Bytes(b.clone()));
    }
    if let Ok(p) = item.extract::<PathBuf>() {
        return Ok(Held::Path(p));
    }
    Err(PyTypeError::new_err(format!(
        "logs[{i}]: a log is JSON text, bytes or a path, not {}",
        item.get_type().name().map(|n| n.to_string()).unwrap_or_default()
    )))
}

fn source<'a>(h: &'a Held<'_>, i: usize) -> PyResult<Source<'a>> {
    match h {
        Held::Str(b) => {
            // Python's UTF-8 encoder gives valid UTF-8 (a lone surrogate fails to encode).
            let s = std::str::from_utf8(b.as_bytes())
                .map_err(|e| PyTypeError::new_err(format!("logs[{i}]: not UTF-8: {e}")))?;
            let t = s.trim_start();
            if t.starts_with('[') || t.starts_with('{') {
                return Ok(Source::Text(s));
            }
            Ok(Source::Path(PathBuf::from(s)))
        }
        Held::Bytes(b) => match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(Source::Text(s)),
            Err(e) => Err(PyTypeError::new_err(format!("logs[{i}]: not UTF-8: {e}"))),
        },
        Held::Path(p) => Ok(Source::Path(p.clone())),
    }
}

/// A workspace from many project logs (JSON text, bytes or paths; a log as `project.log`
/// writes it or a project document as `to_json` does): each read, its hash chain verified and
/// replayed — with `differences="raise"` an entry re-judging does not give raises, naming the
/// log; with `"report"` the stored judgments stand (the chain still verified) — in parallel on
/// every core without the GIL. Two logs of one project id raise `InputError`.
#[pyfunction]
#[pyo3(signature = (logs, /, *, config = None, differences = "raise"))]
pub fn read_logs(
    py: Python<'_>,
    logs: &Bound<'_, PyAny>,
    config: Option<&Bound<'_, PyAny>>,
    differences: &str,
) -> PyResult<crate::workspace::PyWorkspace> {
    let options = match differences {
        "raise" => ReplayOptions::default(),
        "report" => ReplayOptions::report(),
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "differences must be 'raise' or 'report', not {other:?}"
            )));
        }
    };
    crate::decision::not_a_sequence(logs, "logs")?;
    let mut holds = Vec::new();
    for (i, item) in logs.try_iter()?.enumerate() {
        holds.push(held(&item?, i)?);
    }
    let sources = holds.iter().enumerate().map(|(i, h)| source(h, i)).collect::<PyResult<Vec<_>>>()?;
    let ctx = context(config)?;
    let chunk = 64usize;
    let units = sources.len().div_ceil(chunk);
    let (sources_ref, ctx_ref, options_ref) = (&sources, &ctx, &options);
    let rebuilt: Vec<Vec<Result<Rebuilt, Error>>> = py.detach(|| {
        parallel(units, |u| {
            let end = ((u + 1) * chunk).min(sources_ref.len());
            sources_ref[u * chunk..end].iter().map(|s| rebuild(s, ctx_ref, options_ref)).collect()
        })
    });
    let mut ws = Workspace::new(ctx);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, r) in rebuilt.into_iter().flatten().enumerate() {
        let p = r.map_err(|e| {
            let err = from_core(py, e);
            let v = err.value(py);
            if let Ok(s) = v.str() {
                let _ = v.setattr("args", (format!("logs[{i}]: {s}"),));
            }
            let _ = v.setattr("index", i);
            err
        })?;
        let id = match &p {
            Rebuilt::Inv(p) => p.id().to_string(),
            Rebuilt::Dig(p) => p.id().to_string(),
        };
        if let Some(j) = seen.insert(id.clone(), i) {
            return Err(from_core(
                py,
                cell_error(
                    format!("logs[{i}]"),
                    InputReason::Schema,
                    format!("project {id} has two logs: logs[{j}] and logs[{i}]"),
                ),
            ));
        }
        match p {
            Rebuilt::Inv(p) => {
                ws.insert_investment(*p);
            }
            Rebuilt::Dig(p) => {
                ws.insert_digital(*p);
            }
        }
    }
    Ok(crate::workspace::PyWorkspace::of(ws))
}

// ---------------------------------------------------------------------------------------------
// the streams of a workspace

/// One stream of a workspace, with what every frame names.
#[derive(Clone, Copy)]
enum Src<'a> {
    Inv(&'a str, &'a InvestmentProject),
    Dig(&'a str, &'a DigitalProject),
    Plan(i32, &'a AnnualPlan),
    Cycle(i32, &'a DigCycle),
}

impl<'a> Src<'a> {
    fn all(ws: &'a Workspace) -> Vec<Src<'a>> {
        let mut v: Vec<Src<'a>> = ws.investments().map(|(id, p)| Src::Inv(id.as_str(), p)).collect();
        v.extend(ws.plans().map(|(y, p)| Src::Plan(*y, p)));
        v.extend(ws.digitals().map(|(id, p)| Src::Dig(id.as_str(), p)));
        v.extend(ws.cycles().map(|(y, c)| Src::Cycle(*y, c)));
        v
    }
    fn project_id(&self) -> Option<&'a str> {
        match self {
            Src::Inv(id, _) | Src::Dig(id, _) => Some(id),
            _ => None,
        }
    }
    fn regulation(&self) -> &'static str {
        match self {
            Src::Inv(..) | Src::Plan(..) => "INV",
            Src::Dig(..) | Src::Cycle(..) => "DIG",
        }
    }
    fn stream(&self) -> String {
        match self {
            Src::Inv(id, _) => format!("inv/{id}"),
            Src::Dig(id, _) => format!("dig/{id}"),
            Src::Plan(y, _) => format!("plan/{y}"),
            Src::Cycle(y, _) => format!("dig_cycle/{y}"),
        }
    }
    fn machine(&self) -> &'static str {
        match self {
            Src::Inv(..) => "inv",
            Src::Dig(..) => "dig",
            Src::Plan(..) => "plan",
            Src::Cycle(..) => "dig_cycle",
        }
    }
    fn state(&self) -> Option<&'static str> {
        match self {
            Src::Inv(_, p) => p.state().map(|s| s.as_str()),
            Src::Dig(_, p) => p.state().map(|s| s.as_str()),
            Src::Plan(_, p) => p.state().map(|s| s.as_str()),
            Src::Cycle(_, c) => c.state().map(|s| s.as_str()),
        }
    }
    fn log(&self) -> &'a Log {
        match self {
            Src::Inv(_, p) => p.log(),
            Src::Dig(_, p) => p.log(),
            Src::Plan(_, p) => p.log(),
            Src::Cycle(_, c) => c.log(),
        }
    }
    /// The industry authority (INV) or demand unit (DIG) the project registered.
    fn authority(&self) -> Option<&'a str> {
        match self {
            Src::Inv(_, p) => p.ledger().registration.as_ref().map(|r| r.industry_authority_org.as_str()),
            Src::Dig(_, p) => p.ledger().registration.as_ref().map(|r| r.demand_unit_org.as_str()),
            _ => None,
        }
    }
    fn name(&self) -> Option<&'a str> {
        match self {
            Src::Inv(_, p) => Project::name(*p),
            Src::Dig(_, p) => Project::name(*p),
            _ => None,
        }
    }
    fn project_code(&self) -> Option<String> {
        match self {
            Src::Inv(_, p) => Project::project_code(*p),
            Src::Dig(_, p) => Project::project_code(*p),
            _ => None,
        }
    }
    fn total(&self) -> Option<Yuan> {
        match self {
            Src::Inv(_, p) => Project::total(*p),
            Src::Dig(_, p) => Project::total(*p),
            _ => None,
        }
    }
    fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        match self {
            Src::Inv(_, p) => p.findings(as_of),
            Src::Dig(_, p) => p.findings(as_of),
            Src::Plan(_, p) => p.findings(as_of),
            Src::Cycle(_, c) => c.findings(as_of),
        }
    }
    fn obligations(&self, as_of: NaiveDate) -> Vec<wanzheng::obligation::ObligationStatus> {
        match self {
            Src::Inv(_, p) => p.obligations(as_of),
            Src::Dig(_, p) => p.obligations(as_of),
            Src::Plan(_, p) => p.obligations(as_of),
            Src::Cycle(_, c) => c.obligations(as_of),
        }
    }
}

/// `as_of` of the frames: each stream's own (its last event date; today for an empty one),
/// one date for all, or a mapping project id (or stream) → date.
pub enum AsOf {
    /// Each stream's last event date (an empty stream: the date held, today).
    Own(NaiveDate),
    /// One date for every stream.
    All(NaiveDate),
    /// Project id or stream → date; the others their own (today for an empty one).
    Each(HashMap<String, NaiveDate>, NaiveDate),
}

impl AsOf {
    /// Reads the `as_of` argument: `None`, a date (or ISO text), or a dict.
    pub fn read(py: Python<'_>, v: Option<&Bound<'_, PyAny>>) -> PyResult<AsOf> {
        let today = crate::project::today(py)?;
        let Some(v) = v.filter(|v| !v.is_none()) else { return Ok(AsOf::Own(today)) };
        if let Ok(d) = v.cast::<PyDict>() {
            let mut m = HashMap::new();
            for (k, x) in d.iter() {
                let k: String = k.extract()?;
                let d = date(&x, &format!("as_of[{k}]"))?;
                m.insert(k, d);
            }
            return Ok(AsOf::Each(m, today));
        }
        Ok(AsOf::All(date(v, "as_of")?))
    }
    fn of(&self, s: &Src<'_>) -> NaiveDate {
        let own = |today: NaiveDate| s.log().last_date().unwrap_or(today);
        match self {
            AsOf::All(d) => *d,
            AsOf::Own(today) => own(*today),
            AsOf::Each(m, today) => s
                .project_id()
                .and_then(|id| m.get(id))
                .or_else(|| m.get(&s.stream()))
                .copied()
                .unwrap_or_else(|| own(*today)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// columns

const EPOCH_DAYS_CE: i32 = 719_163;

fn d32(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d) - EPOCH_DAYS_CE
}

/// A table under construction: named columns in order.
#[derive(Default)]
struct Table {
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
}

impl Table {
    fn add(&mut self, name: &str, a: ArrayRef) {
        self.fields.push(Field::new(name, a.data_type().clone(), true));
        self.columns.push(a);
    }
    fn text<'s>(&mut self, name: &str, v: impl Iterator<Item = Option<&'s str>>) {
        let mut b = StringBuilder::new();
        v.for_each(|x| b.append_option(x));
        self.add(name, Arc::new(b.finish()));
    }
    fn owned(&mut self, name: &str, v: impl Iterator<Item = Option<String>>) {
        let mut b = StringBuilder::new();
        v.for_each(|x| b.append_option(x));
        self.add(name, Arc::new(b.finish()));
    }
    fn date(&mut self, name: &str, v: impl Iterator<Item = Option<NaiveDate>>) {
        let mut b = Date32Builder::new();
        v.for_each(|x| b.append_option(x.map(d32)));
        self.add(name, Arc::new(b.finish()));
    }
    fn int(&mut self, name: &str, v: impl Iterator<Item = Option<i64>>) {
        let mut b = Int64Builder::new();
        v.for_each(|x| b.append_option(x));
        self.add(name, Arc::new(b.finish()));
    }
    fn article(&mut self, name: &str, v: impl Iterator<Item = Option<u8>>) {
        let mut b = UInt8Builder::new();
        v.for_each(|x| b.append_option(x));
        self.add(name, Arc::new(b.finish()));
    }
    fn boolean(&mut self, name: &str, v: impl Iterator<Item = Option<bool>>) {
        let mut b = BooleanBuilder::new();
        v.for_each(|x| b.append_option(x));
        self.add(name, Arc::new(b.finish()));
    }
    fn money(&mut self, name: &str, v: impl Iterator<Item = Option<Yuan>>) -> PyResult<()> {
        let mut b = Decimal128Builder::new();
        v.for_each(|x| b.append_option(x.map(|y| y.fen())));
        let a = b.finish().with_precision_and_scale(20, 2).map_err(|e| internal(e.to_string()))?;
        self.add(name, Arc::new(a));
        Ok(())
    }
    fn finish(self, rows: usize) -> PyResult<ArrowResult> {
        let schema = Arc::new(Schema::new(self.fields));
        let batch = RecordBatch::try_new_with_options(
            schema,
            self.columns,
            &arrow_array::RecordBatchOptions::new().with_row_count(Some(rows)),
        )
        .map_err(|e| internal(e.to_string()))?;
        Ok(ArrowResult::new(batch))
    }
    /// The columns every frame starts with.
    fn heads(&mut self, srcs: &[Src<'_>], rows: &[usize]) {
        self.text("project_id", rows.iter().map(|&r| srcs[r].project_id()));
        self.text("regulation", rows.iter().map(|&r| Some(srcs[r].regulation())));
        self.owned("stream", rows.iter().map(|&r| Some(srcs[r].stream())));
    }
    /// rule_id, regulation of the rule, article (number), article_zh.
    fn rule(&mut self, rules: &[RuleId]) {
        self.owned("rule_id", rules.iter().map(|r| Some(r.as_str().to_string())));
        self.article("article", rules.iter().map(|r| Some(r.article())));
        self.owned("article_zh", rules.iter().map(|r| Some(r.article_zh())));
    }
}

// ---------------------------------------------------------------------------------------------
// the frames

/// One row per stream: project_id, regulation, stream, machine, state, name, project_code,
/// authority, total, events, first_date, last_date, head.
pub fn states_frame(ws: &Workspace) -> PyResult<ArrowResult> {
    let srcs = Src::all(ws);
    let rows: Vec<usize> = (0..srcs.len()).collect();
    let mut t = Table::default();
    t.heads(&srcs, &rows);
    t.text("machine", srcs.iter().map(|s| Some(s.machine())));
    t.text("state", srcs.iter().map(|s| s.state()));
    t.text("name", srcs.iter().map(|s| s.name()));
    t.owned("project_code", srcs.iter().map(|s| s.project_code()));
    t.text("authority", srcs.iter().map(|s| s.authority()));
    t.money("total", srcs.iter().map(|s| s.total()))?;
    t.int("events", srcs.iter().map(|s| Some(s.log().len() as i64)));
    t.date("first_date", srcs.iter().map(|s| s.log().entries().first().map(|e| e.date())));
    t.date("last_date", srcs.iter().map(|s| s.log().last_date()));
    t.owned("head", srcs.iter().map(|s| Some(s.log().head().to_hex())));
    t.finish(srcs.len())
}

/// One row per log entry: project_id, regulation, stream (of the entry), seq, date, event,
/// actor, actor_org, mode, from_state, to_state, outcome_rules (list), outcome_kinds (list),
/// hash.
pub fn events_frame(ws: &Workspace) -> PyResult<ArrowResult> {
    let srcs = Src::all(ws);
    let mut rows = Vec::new();
    for (k, s) in srcs.iter().enumerate() {
        rows.extend(std::iter::repeat_n(k, s.log().len()));
    }
    let entries: Vec<&wanzheng::log::LogEntry> = srcs.iter().flat_map(|s| s.log().entries()).collect();
    let mut t = Table::default();
    t.text("project_id", rows.iter().map(|&r| srcs[r].project_id()));
    t.text("regulation", rows.iter().map(|&r| Some(srcs[r].regulation())));
    t.owned("stream", entries.iter().map(|e| Some(format!("{}/{}", e.stream().machine.as_str(), e.stream().instance))));
    t.text("machine", entries.iter().map(|e| Some(e.stream().machine.as_str())));
    t.int("seq", entries.iter().map(|e| Some(i64::from(e.seq()))));
    t.date("date", entries.iter().map(|e| Some(e.date())));
    t.text("event", entries.iter().map(|e| Some(e.event().name())));
    t.text("actor", entries.iter().map(|e| Some(e.actor().as_str())));
    t.text("actor_org", entries.iter().map(|e| Some(e.actor_org())));
    t.text(
        "mode",
        entries.iter().map(|e| {
            Some(match e.mode() {
                wanzheng::Mode::Enforce => "enforce",
                wanzheng::Mode::Record => "record",
            })
        }),
    );
    t.text("from_state", entries.iter().map(|e| Some(e.from())));
    t.text("to_state", entries.iter().map(|e| Some(e.to())));
    let mut rules = ListBuilder::new(StringBuilder::new());
    let mut kinds = ListBuilder::new(StringBuilder::new());
    for e in &entries {
        for o in e.outcomes() {
            rules.values().append_value(o.rule.as_str());
            kinds.values().append_value(o.kind.as_str());
        }
        rules.append(true);
        kinds.append(true);
    }
    t.add("outcome_rules", Arc::new(rules.finish()));
    t.add("outcome_kinds", Arc::new(kinds.finish()));
    t.owned("hash", entries.iter().map(|e| Some(e.hash().to_hex())));
    t.finish(entries.len())
}

/// Runs `f` over the streams on every core (without the GIL), rows in stream order.
fn per_stream<'a, R: Send>(py: Python<'_>, srcs: &[Src<'a>], f: impl Fn(&Src<'a>) -> Vec<R> + Sync) -> Vec<(usize, R)>
where
    Src<'a>: Sync,
{
    let chunk = 256usize;
    let units = srcs.len().div_ceil(chunk);
    let done: Vec<Vec<(usize, R)>> = py.detach(|| {
        parallel(units, |u| {
            let end = ((u + 1) * chunk).min(srcs.len());
            (u * chunk..end).flat_map(|k| f(&srcs[k]).into_iter().map(move |r| (k, r))).collect()
        })
    });
    done.into_iter().flatten().collect()
}

/// One row per finding as of each stream's `as_of`: project_id, regulation, stream, state,
/// authority, as_of, code, rule_id, article, article_zh, kind, detail, date, seqs (list),
/// source, message_zh, message_en.
pub fn findings_frame(py: Python<'_>, ws: &Workspace, as_of: &AsOf) -> PyResult<ArrowResult> {
    let srcs = Src::all(ws);
    let found = per_stream(py, &srcs, |s| {
        let d = as_of.of(s);
        s.findings(d).into_iter().map(|f| (d, f)).collect()
    });
    let rows: Vec<usize> = found.iter().map(|(k, _)| *k).collect();
    let mut t = Table::default();
    t.heads(&srcs, &rows);
    t.text("state", rows.iter().map(|&r| srcs[r].state()));
    t.text("authority", rows.iter().map(|&r| srcs[r].authority()));
    t.date("as_of", found.iter().map(|(_, (d, _))| Some(*d)));
    t.text("code", found.iter().map(|(_, (_, f))| Some(f.code.as_str())));
    t.rule(&found.iter().map(|(_, (_, f))| f.rule).collect::<Vec<_>>());
    t.text("kind", found.iter().map(|(_, (_, f))| Some(f.kind.as_str())));
    t.text("detail", found.iter().map(|(_, (_, f))| Some(f.detail.as_ref())));
    t.date("date", found.iter().map(|(_, (_, f))| Some(f.date)));
    let mut seqs = ListBuilder::new(Int64Builder::new());
    for (_, (_, f)) in &found {
        f.seqs.iter().for_each(|s| seqs.values().append_value(i64::from(*s)));
        seqs.append(true);
    }
    t.add("seqs", Arc::new(seqs.finish()));
    t.owned(
        "source",
        found
            .iter()
            .map(|(_, (_, f))| serde_json::to_value(f.source).ok().and_then(|v| v.as_str().map(str::to_string))),
    );
    t.text("message_zh", found.iter().map(|(_, (_, f))| Some(f.message_zh.as_str())));
    t.text("message_en", found.iter().map(|(_, (_, f))| Some(f.message_en.as_str())));
    t.finish(found.len())
}

/// One row per obligation each stream reports as of its `as_of`: project_id, regulation,
/// stream, state, authority, as_of, rule_id, article, article_zh, duty, subject, opened_seq,
/// opened, due, closed_seq, closed, provisional, overdue, status (`open`, `overdue`, `met`,
/// `late`), days_overdue.
pub fn obligations_frame(py: Python<'_>, ws: &Workspace, as_of: &AsOf) -> PyResult<ArrowResult> {
    let srcs = Src::all(ws);
    let found = per_stream(py, &srcs, |s| {
        let d = as_of.of(s);
        s.obligations(d).into_iter().map(|o| (d, o)).collect()
    });
    let rows: Vec<usize> = found.iter().map(|(k, _)| *k).collect();
    let obs: Vec<(&NaiveDate, &wanzheng::obligation::ObligationStatus)> =
        found.iter().map(|(_, (d, o))| (d, o)).collect();
    let mut t = Table::default();
    t.heads(&srcs, &rows);
    t.text("state", rows.iter().map(|&r| srcs[r].state()));
    t.text("authority", rows.iter().map(|&r| srcs[r].authority()));
    t.date("as_of", obs.iter().map(|(d, _)| Some(**d)));
    t.rule(&obs.iter().map(|(_, o)| o.obligation.rule).collect::<Vec<_>>());
    t.text("duty", obs.iter().map(|(_, o)| Some(o.obligation.duty.as_ref())));
    t.text("subject", obs.iter().map(|(_, o)| Some(o.obligation.subject.as_str()).filter(|s| !s.is_empty())));
    t.int("opened_seq", obs.iter().map(|(_, o)| Some(i64::from(o.obligation.opened_seq))));
    t.date("opened", obs.iter().map(|(_, o)| Some(o.obligation.opened)));
    t.date("due", obs.iter().map(|(_, o)| Some(o.obligation.due)));
    t.int("closed_seq", obs.iter().map(|(_, o)| o.obligation.closed_seq.map(i64::from)));
    t.date("closed", obs.iter().map(|(_, o)| o.obligation.closed));
    t.boolean("provisional", obs.iter().map(|(_, o)| Some(o.obligation.provisional)));
    t.boolean("overdue", obs.iter().map(|(_, o)| Some(o.overdue)));
    t.text(
        "status",
        obs.iter().map(|(_, o)| {
            Some(match (o.obligation.closed, o.overdue) {
                (Some(_), _) if o.obligation.closed_late() => "late",
                (Some(_), _) => "met",
                (None, true) => "overdue",
                (None, false) => "open",
            })
        }),
    );
    t.int(
        "days_overdue",
        obs.iter()
            .map(|(d, o)| (o.obligation.closed.is_none() && o.overdue).then(|| (**d - o.obligation.due).num_days())),
    );
    t.finish(obs.len())
}

/// One row per payment request of the investment projects: project_id, regulation, stream,
/// authority, request_id, contract_id, item_id, amount, in_budget_scope, progress_cap,
/// wages_due, wage_share, status, approved_on, disbursed, disbursed_on, disbursed_seq.
pub fn payments_frame(ws: &Workspace) -> PyResult<ArrowResult> {
    let srcs = Src::all(ws);
    let mut rows = Vec::new();
    let mut pays = Vec::new();
    for (k, s) in srcs.iter().enumerate() {
        if let Src::Inv(_, p) = s {
            for r in p.ledger().payments.iter() {
                rows.push(k);
                pays.push(r);
            }
        }
    }
    let mut t = Table::default();
    t.heads(&srcs, &rows);
    t.text("authority", rows.iter().map(|&r| srcs[r].authority()));
    t.text("request_id", pays.iter().map(|p| Some(p.request_id.as_str())));
    t.text("contract_id", pays.iter().map(|p| p.contract_id.as_ref().map(|c| c.as_str())));
    t.text("item_id", pays.iter().map(|p| Some(p.item_id.as_str())));
    t.money("amount", pays.iter().map(|p| Some(p.amount)))?;
    t.boolean("in_budget_scope", pays.iter().map(|p| Some(p.in_budget_scope)));
    t.money("progress_cap", pays.iter().map(|p| Some(p.progress_cap)))?;
    t.money("wages_due", pays.iter().map(|p| Some(p.wages_due)))?;
    t.money("wage_share", pays.iter().map(|p| Some(p.wage_share)))?;
    t.text(
        "status",
        pays.iter().map(|p| {
            Some(match p.status {
                wanzheng::investment::ledger::PaymentStatus::Requested => "requested",
                wanzheng::investment::ledger::PaymentStatus::Approved => "approved",
                wanzheng::investment::ledger::PaymentStatus::Disbursed => "disbursed",
            })
        }),
    );
    t.date("approved_on", pays.iter().map(|p| p.approved_on));
    t.money("disbursed", pays.iter().map(|p| p.disbursed))?;
    t.date("disbursed_on", pays.iter().map(|p| p.disbursed_on));
    t.int("disbursed_seq", pays.iter().map(|p| p.disbursed_seq.map(i64::from)));
    t.finish(pays.len())
}
