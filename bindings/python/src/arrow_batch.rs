//! The batch entry points over Arrow tables (issue 14): `approval_route` (RULES.md §4.1) on a
//! table with a `total` column, and every §4 function through the core's dispatcher on a table
//! whose columns are the function's arguments. The tables are read in place (the Arrow C data
//! interface, [`crate::arrow`]); the core work runs without the GIL on every core.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int8Type;
use arrow_array::{Array, ArrayRef, BooleanArray, DictionaryArray, Int8Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde_json::{Map, Value};

use wanzheng::investment::route::{ApprovalFlags, Level, Route, RouteBands, approval_route_in};
use wanzheng::{Error, InputReason};

use crate::arrow::{
    Amounts, ArrowResult, Texts, UNIT, cell_error, cell_json, import_batches, parallel, table_of_objects,
};
use crate::convert::context;
use crate::errors::{from_core, internal};
use crate::route::{FLAG_NAMES, design_approver, ruleset_of, set_flag};

/// The routes in the order of the result's dictionary.
const ROUTES: [Route; 6] = [
    Route::Standard,
    Route::DirectFsr,
    Route::SimplifiedFsrOnly,
    Route::EmergencyMerged,
    Route::External,
    Route::CountyRules,
];

fn route_index(r: Route) -> i8 {
    match r {
        Route::Standard => 0,
        Route::DirectFsr => 1,
        Route::SimplifiedFsrOnly => 2,
        Route::EmergencyMerged => 3,
        Route::External => 4,
        Route::CountyRules => 5,
    }
}

/// A flag: one value for all rows, or a boolean column.
enum Flag<'a> {
    Const(bool),
    Column(&'a BooleanArray),
}

/// The level: one for all rows, or a text column.
enum LevelCol<'a> {
    Const(Level),
    Column(Texts<'a>),
}

/// One batch's readers.
struct RouteCols<'a> {
    rows: usize,
    total: Amounts<'a>,
    flags: Vec<Flag<'a>>,
    level: LevelCol<'a>,
}

fn level_of(s: &str, i: usize) -> Result<Level, Error> {
    Level::deserialize(s.into_deserializer()).map_err(|e: serde::de::value::Error| {
        cell_error(format!("level[{i}]"), InputReason::UnknownValue, e.to_string())
    })
}

/// Routes of rows `start..end` of one batch, as dictionary indices.
fn route_rows(
    c: &RouteCols<'_>,
    start: usize,
    end: usize,
    approver: wanzheng::config::DesignApprover,
    rules: &wanzheng::ruleset::RuleSet,
    out: &mut Vec<i8>,
) -> Result<(), Error> {
    let mut last: Option<(&str, Level)> = None;
    for i in start..end {
        let Some(total) = c.total.get(i, "total")? else {
            return Err(cell_error(format!("total[{i}]"), InputReason::Schema, "total is null"));
        };
        let mut f = ApprovalFlags::default();
        for (k, flag) in c.flags.iter().enumerate() {
            let v = match flag {
                Flag::Const(b) => *b,
                Flag::Column(a) => {
                    if a.is_null(i) {
                        return Err(cell_error(
                            format!("{}[{i}]", FLAG_NAMES[k]),
                            InputReason::Schema,
                            "a flag is true or false, not null",
                        ));
                    }
                    a.value(i)
                }
            };
            set_flag(&mut f, k, v);
        }
        f.level = match &c.level {
            LevelCol::Const(l) => *l,
            LevelCol::Column(t) => match t.get(i) {
                None => Level::default(),
                Some(s) => match last {
                    Some((p, l)) if p == s => l,
                    _ => {
                        let l = level_of(s, i)?;
                        last = Some((s, l));
                        l
                    }
                },
            },
        };
        out.push(route_index(approval_route_in(total, &f, approver, rules).route));
    }
    Ok(())
}

/// A dictionary level column: the rows' keys and each dictionary value's level (`None`: not a
/// level the fast reader knows).
type DictLevels<'a> = (&'a [Option<usize>], Vec<Option<Level>>);

/// The bits of rows `start..end` of a flag, 64 rows a word (row `start + 64 w + j` is bit `j` of
/// word `w`); `None` for a column with a null in the range (the checking reader reports it).
fn flag_words(flag: &Flag<'_>, start: usize, end: usize) -> Option<Vec<u64>> {
    let n = end - start;
    match flag {
        Flag::Const(b) => Some(vec![if *b { u64::MAX } else { 0 }; n.div_ceil(64)]),
        Flag::Column(a) => {
            if a.nulls().is_some_and(|nulls| nulls.slice(start, n).null_count() > 0) {
                return None;
            }
            let v = a.values();
            let chunks = v.inner().bit_chunks(v.offset() + start, n);
            let mut words: Vec<u64> = chunks.iter().collect();
            if chunks.remainder_len() > 0 {
                words.push(chunks.remainder_bits());
            }
            Some(words)
        }
    }
}

/// Routes of rows `start..end` of one batch straight from the columns: the decimal128
/// mantissas of scale ≤ 2 as fen, the flags 64 rows at a time, a dictionary level column
/// resolved once per dictionary value, the route decided by the core on the fen
/// ([`RouteBands::route`]: the bands stay in the core). `false`, with `out` unspecified, when a
/// row needs the checking reader ([`route_rows`]: a null, an amount out of range, a level it
/// does not know, text amounts), which then gives the routes or the row's error.
fn route_rows_fast(c: &RouteCols<'_>, start: usize, end: usize, bands: &RouteBands, out: &mut Vec<i8>) -> bool {
    let Amounts::Decimal(totals, scale) = &c.total else {
        return false;
    };
    let Some(scale_up) = (0..=2).contains(scale).then(|| 10i128.pow(u32::from(scale.unsigned_abs()).abs_diff(2)))
    else {
        return false;
    };
    if totals.nulls().is_some_and(|nulls| nulls.slice(start, end - start).null_count() > 0) {
        return false;
    }
    let mut words = Vec::with_capacity(c.flags.len());
    for flag in &c.flags {
        match flag_words(flag, start, end) {
            Some(w) => words.push(w),
            None => return false,
        }
    }
    // A dictionary level column: each dictionary value read once.
    let dict_levels: Option<DictLevels<'_>> = match &c.level {
        LevelCol::Column(t) => match t.dictionary() {
            Some((keys, values)) => {
                let levels = (0..values.len())
                    .map(|j| match crate::arrow::text(values, j) {
                        None => Some(Level::default()),
                        Some(s) => level_of(s, 0).ok(),
                    })
                    .collect();
                Some((keys, levels))
            }
            None => None,
        },
        LevelCol::Const(_) => None,
    };
    let mantissas = &totals.values()[start..end];
    let mut last: Option<(&str, Level)> = None;
    for (j, &m) in mantissas.iter().enumerate() {
        let (w, bit) = (j / 64, j % 64);
        let mut f = ApprovalFlags::default();
        for (k, words) in words.iter().enumerate() {
            set_flag(&mut f, k, (words[w] >> bit) & 1 != 0);
        }
        f.level = match (&c.level, &dict_levels) {
            (LevelCol::Const(l), _) => *l,
            (_, Some((keys, levels))) => match keys[start + j] {
                None => Level::default(),
                Some(v) => match levels.get(v).copied().flatten() {
                    Some(l) => l,
                    None => return false,
                },
            },
            (LevelCol::Column(t), None) => match t.get(start + j) {
                None => Level::default(),
                Some(s) => match last {
                    Some((p, l)) if p == s => l,
                    _ => match level_of(s, 0) {
                        Ok(l) => {
                            last = Some((s, l));
                            l
                        }
                        Err(_) => return false,
                    },
                },
            },
        };
        let Some(fen) = m.checked_mul(scale_up) else {
            return false;
        };
        match bands.route(fen, &f) {
            Some(r) => out.push(route_index(r)),
            None => return false,
        }
    }
    true
}

fn column<'a>(b: &'a RecordBatch, name: &str) -> Option<&'a ArrayRef> {
    b.schema().index_of(name).ok().map(|i| b.column(i))
}

/// RULES.md §4.1 over an Arrow table: `table` has a `total` column (decimal128 with scale ≤ 2,
/// read as mantissas, or text in the amount grammar) and any of the flag columns (bool) and
/// `level` (text or dictionary); a flag or level not in the table is the keyword's one value
/// for every row (default false / municipal). Returns a table with one column `route`,
/// dictionary<int8, utf8>, row for row.
#[pyfunction]
#[pyo3(signature = (
    table, *, level = None, special_authority = None, seeks_central_provincial_funds = None,
    emergency_recognized = None, urgent_sudden_event = None, in_plan = None, agreed = None,
    partial_rebuild_or_expansion = None, single_content_simple_tech = None, small_scale = None,
    dispersed_similar = None, sector = None, config = None, as_of = None
))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of RULES.md §4.1
pub fn approval_route_arrow(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    level: Option<&Bound<'_, PyString>>,
    special_authority: Option<&Bound<'_, PyBool>>,
    seeks_central_provincial_funds: Option<&Bound<'_, PyBool>>,
    emergency_recognized: Option<&Bound<'_, PyBool>>,
    urgent_sudden_event: Option<&Bound<'_, PyBool>>,
    in_plan: Option<&Bound<'_, PyBool>>,
    agreed: Option<&Bound<'_, PyBool>>,
    partial_rebuild_or_expansion: Option<&Bound<'_, PyBool>>,
    single_content_simple_tech: Option<&Bound<'_, PyBool>>,
    small_scale: Option<&Bound<'_, PyBool>>,
    dispersed_similar: Option<&Bound<'_, PyBool>>,
    sector: Option<&str>,
    config: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<ArrowResult> {
    let given = [
        special_authority,
        seeks_central_provincial_funds,
        emergency_recognized,
        urgent_sudden_event,
        in_plan,
        agreed,
        partial_rebuild_or_expansion,
        single_content_simple_tech,
        small_scale,
        dispersed_similar,
    ];
    let consts: Vec<Option<bool>> = given.iter().map(|g| g.map(|b| b.is_true())).collect();
    let level_const = match level {
        None => None,
        Some(l) => Some(level_of(&l.to_cow()?, 0).map_err(|e| from_core(py, e))?),
    };
    let ctx = context(config)?;
    let approver = design_approver(&ctx, sector);
    let rules = ruleset_of(&ctx, as_of)?;
    let batches = import_batches(table)?;

    let mut cols = Vec::with_capacity(batches.len());
    for b in &batches {
        let Some(total) = column(b, "total") else {
            return Err(PyValueError::new_err("the table has no column 'total'"));
        };
        let total = Amounts::of(total, "total").map_err(|e| from_core(py, e))?;
        let mut flags = Vec::with_capacity(FLAG_NAMES.len());
        for (k, name) in FLAG_NAMES.iter().enumerate() {
            flags.push(match (column(b, name), consts[k]) {
                (Some(_), Some(_)) => {
                    return Err(PyValueError::new_err(format!("{name} is both a column of the table and a keyword")));
                }
                (Some(c), None) => match c.as_boolean_opt() {
                    Some(a) => Flag::Column(a),
                    None => {
                        return Err(PyValueError::new_err(format!("column {name} is {}, not bool", c.data_type())));
                    }
                },
                (None, v) => Flag::Const(v.unwrap_or(false)),
            });
        }
        let level = match (column(b, "level"), level_const) {
            (Some(_), Some(_)) => {
                return Err(PyValueError::new_err("level is both a column of the table and a keyword"));
            }
            (Some(c), None) => LevelCol::Column(Texts::of(c, "level").map_err(|e| from_core(py, e))?),
            (None, l) => LevelCol::Const(l.unwrap_or_default()),
        };
        cols.push(RouteCols { rows: b.num_rows(), total, flags, level });
    }
    // Units of work: (batch, start, end, first row of the batch in the table).
    let mut units = Vec::new();
    let mut first = 0;
    for (k, c) in cols.iter().enumerate() {
        let mut s = 0;
        while s < c.rows {
            let e = (s + UNIT).min(c.rows);
            units.push((k, s, e, first));
            s = e;
        }
        first += c.rows;
    }
    let n = first;
    let rules = &*rules;
    let bands = &RouteBands::of(rules);
    let cols = &cols;
    let units = &units;
    let done: Vec<Result<Vec<i8>, Error>> = py.detach(|| {
        parallel(units.len(), |u| {
            let (k, s, e, base) = units[u];
            let mut out = Vec::with_capacity(e - s);
            if !route_rows_fast(&cols[k], s, e, bands, &mut out) {
                out.clear();
                route_rows(&cols[k], s, e, approver, rules, &mut out).map_err(|err| renumber(err, base))?;
            }
            Ok(out)
        })
    });
    let mut keys = Vec::with_capacity(n);
    for d in done {
        keys.extend(d.map_err(|e| from_core(py, e))?);
    }
    let values = StringArray::from(ROUTES.iter().map(|r| r.as_str()).collect::<Vec<_>>());
    let dict = DictionaryArray::<Int8Type>::try_new(Int8Array::from(keys), Arc::new(values))
        .map_err(|e| internal(e.to_string()))?;
    let schema = Schema::new(vec![Field::new("route", dict.data_type().clone(), false)]);
    let batch = RecordBatch::try_new(Arc::new(schema), vec![Arc::new(dict)]).map_err(|e| internal(e.to_string()))?;
    Ok(ArrowResult::new(batch))
}

/// An input error's row number within its batch made the row number within the table.
fn renumber(e: Error, base: usize) -> Error {
    if base == 0 {
        return e;
    }
    match e {
        Error::Input(mut ie) => {
            if let Some(open) = ie.path.find('[')
                && let Some(close) = ie.path[open..].find(']')
                && let Ok(i) = ie.path[open + 1..open + close].parse::<usize>()
            {
                ie.path = format!("{}[{}]{}", &ie.path[..open], i + base, &ie.path[open + close + 1..]);
            }
            Error::Input(ie)
        }
        other => other,
    }
}

/// One row of a batch as a request object: a column `a.b` is field `b` of argument `a`; a null
/// cell leaves its argument out (the function's default applies).
fn request_of(b: &RecordBatch, names: &[(Vec<String>, usize)], i: usize) -> Result<Value, Error> {
    let mut o = Map::new();
    for (path, c) in names {
        let col = b.column(*c);
        let Some(v) = cell_json(col.as_ref(), i, &|| path.join("."))? else { continue };
        let mut at = &mut o;
        for p in &path[..path.len() - 1] {
            let e = at.entry(p.clone()).or_insert_with(|| Value::Object(Map::new()));
            if !e.is_object() {
                return Err(cell_error(
                    path.join("."),
                    InputReason::InvalidValue,
                    "a column and a field of it both given",
                ));
            }
            let Value::Object(next) = e else { unreachable!("checked above") };
            at = next;
        }
        at.insert(path[path.len() - 1].clone(), v);
    }
    Ok(Value::Object(o))
}

/// `decide` over an Arrow table, one request per row (see `request_of`); the core work without
/// the GIL on every core. Returns a table with one row per request: the result's fields as
/// columns (amounts decimal128(20, 2), dates date32, `rules` `list<utf8>`, `outcomes`
/// `list<struct>`). `errors="raise"`: the first failing row raises (its index in the message
/// and in `.index`, its path `requests[i].…`); `errors="return"`: an `error` column holds the
/// message (null for a row that was decided).
#[pyfunction]
#[pyo3(signature = (function, table, /, *, config = None, errors = "raise"))]
pub fn decide_arrow(
    py: Python<'_>,
    function: &str,
    table: &Bound<'_, PyAny>,
    config: Option<&Bound<'_, PyAny>>,
    errors: &str,
) -> PyResult<ArrowResult> {
    let keep_errors = match errors {
        "raise" => false,
        "return" => true,
        other => return Err(PyValueError::new_err(format!("errors must be 'raise' or 'return', not {other:?}"))),
    };
    wanzheng::decide::lookup(function).map_err(|e| from_core(py, e))?;
    let ctx = context(config)?;
    let batches = import_batches(table)?;
    let mut units = Vec::new();
    let mut names = Vec::with_capacity(batches.len());
    let mut first = 0;
    for (k, b) in batches.iter().enumerate() {
        let schema = b.schema();
        names.push(
            schema
                .fields()
                .iter()
                .enumerate()
                .map(|(c, f)| (f.name().split('.').map(str::to_string).collect::<Vec<_>>(), c))
                .collect::<Vec<_>>(),
        );
        let mut s = 0;
        while s < b.num_rows() {
            let e = (s + UNIT / 16).min(b.num_rows());
            units.push((k, s, e, first));
            s = e;
        }
        first += b.num_rows();
    }
    if function == "payment_check" && !batches.is_empty() && crate::arrow_payment::applies(&batches) {
        let version = ctx.decision_ruleset().version.to_string();
        let batches = &batches;
        let mut results = py.detach(|| crate::arrow_payment::decide(batches)).map_err(|e| from_core(py, e))?;
        let messages = settle(py, &mut results, keep_errors)?;
        let rows: Vec<Option<&wanzheng::investment::payment::PaymentCheck>> =
            results.iter().map(|r| r.as_ref().ok()).collect();
        let batch = py
            .detach(|| crate::arrow_payment::table(&rows, &version, messages))
            .map_err(|e| internal(e.to_string()))?;
        return Ok(ArrowResult::new(batch));
    }
    let (batches, names, units, ctx) = (&batches, &names, &units, &ctx);
    let done: Vec<Vec<Result<Value, Error>>> = py.detach(|| {
        parallel(units.len(), |u| {
            let (k, s, e, _) = units[u];
            (s..e)
                .map(|i| {
                    request_of(&batches[k], &names[k], i).and_then(|r| wanzheng::decide::decide_value(function, r, ctx))
                })
                .collect()
        })
    });
    let mut results: Vec<Result<Value, Error>> = Vec::with_capacity(first);
    done.into_iter().for_each(|d| results.extend(d));
    let messages = settle(py, &mut results, keep_errors)?;
    let rows: Vec<Option<&Map<String, Value>>> =
        results.iter().map(|r| r.as_ref().ok().and_then(|v| v.as_object())).collect();
    let mut extra = Vec::new();
    if let Some(messages) = messages {
        let a: ArrayRef = Arc::new(StringArray::from(messages));
        extra.push((Field::new("error", DataType::Utf8, true), a));
    }
    let batch = py.detach(|| table_of_objects(&rows, extra)).map_err(|e| internal(e.to_string()))?;
    Ok(ArrowResult::new(batch))
}

/// The failed rows of a batch: with `errors="raise"` the first raises (its index in `.index`
/// and the message, its path `requests[i].…`); with `"return"` their messages, one per row
/// (`None` for a decided row). Each failure is left as a placeholder error.
fn settle<T>(
    py: Python<'_>,
    results: &mut [Result<T, Error>],
    keep_errors: bool,
) -> PyResult<Option<Vec<Option<String>>>> {
    let mut messages: Vec<Option<String>> = Vec::new();
    for (i, r) in results.iter_mut().enumerate() {
        let Err(e) = r else {
            messages.push(None);
            continue;
        };
        let e = std::mem::replace(e, cell_error(String::new(), InputReason::Schema, ""));
        let err = from_core(py, e);
        crate::decision::within_batch(py, &err, i)?;
        if !keep_errors {
            let v = err.value(py);
            v.setattr("index", i)?;
            let msg = format!("request {i}: {}", v.str()?);
            v.setattr("args", (msg,))?;
            return Err(err);
        }
        if !err.is_instance_of::<PyException>(py) {
            return Err(err);
        }
        messages.push(Some(err.value(py).str()?.to_string()));
    }
    Ok(keep_errors.then_some(messages))
}
