//! Arrow in and out (issue 14): tables read through the Arrow C data interface (the PyCapsule
//! protocol: `__arrow_c_stream__` / `__arrow_c_array__`, as pyarrow, polars and pandas ≥ 2.2
//! export them — the buffers are borrowed, not copied), results handed back the same way
//! ([`ArrowResult`], which `pyarrow.table(…)` or `polars.DataFrame(…)` imports), and the work
//! spread over the cores without the GIL ([`parallel`]).
//!
//! Amounts: `decimal128(p, s)` cells are read as mantissas (`s` ≤ 2 scaled up to fen exactly;
//! `s` > 2 only when the extra digits are zero), never through text; strings are read with the
//! core's amount grammar. Results' amounts come back as `decimal128(20, 2)`, dates as `date32`.

use std::ffi::CStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use arrow_array::builder::{BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::types::{
    Decimal128Type, DecimalType, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type,
};
use arrow_array::{Array, ArrayRef, ListArray, RecordBatch, StructArray, make_array};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema};
use chrono::NaiveDate;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use serde_json::Value;

use wanzheng::{InputError, InputReason, Yuan};

use crate::convert::parse_iso_date;

const SCHEMA_CAPSULE: &CStr = c"arrow_schema";
const ARRAY_CAPSULE: &CStr = c"arrow_array";
const STREAM_CAPSULE: &CStr = c"arrow_array_stream";

fn arrow_err(e: impl std::fmt::Display) -> PyErr {
    PyTypeError::new_err(format!("Arrow data: {e}"))
}

/// Reads a table-like object (`__arrow_c_stream__` of a struct type — a pyarrow Table or
/// RecordBatchReader, a polars or pandas DataFrame — or `__arrow_c_array__` of a struct array,
/// a RecordBatch) as record batches. The batches borrow the producer's buffers.
pub fn import_batches(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    let py = obj.py();
    if obj.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))? {
        let capsule = obj.call_method0(pyo3::intern!(py, "__arrow_c_stream__"))?.cast_into::<PyCapsule>()?;
        let ptr = capsule.pointer_checked(Some(STREAM_CAPSULE))?.cast::<FFI_ArrowArrayStream>();
        // SAFETY: the capsule holds an ArrowArrayStream (its name says so); from_raw moves it out
        // and leaves a released stream behind, so the capsule's destructor does not release it.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr()) };
        let reader = ArrowArrayStreamReader::try_new(stream).map_err(arrow_err)?;
        return reader.collect::<Result<Vec<_>, _>>().map_err(arrow_err);
    }
    if obj.hasattr(pyo3::intern!(py, "__arrow_c_array__"))? {
        let pair = obj.call_method0(pyo3::intern!(py, "__arrow_c_array__"))?.cast_into::<PyTuple>()?;
        let schema = pair.get_item(0)?.cast_into::<PyCapsule>()?;
        let array = pair.get_item(1)?.cast_into::<PyCapsule>()?;
        let sptr = schema.pointer_checked(Some(SCHEMA_CAPSULE))?.cast::<FFI_ArrowSchema>();
        let aptr = array.pointer_checked(Some(ARRAY_CAPSULE))?.cast::<FFI_ArrowArray>();
        // SAFETY: the capsules hold an ArrowSchema and an ArrowArray (their names say so); the
        // schema is borrowed for the call, the array moved out (its release left NULL behind).
        let data = unsafe {
            let ffi_array = FFI_ArrowArray::from_raw(aptr.as_ptr());
            arrow_array::ffi::from_ffi(ffi_array, sptr.as_ref())
        }
        .map_err(arrow_err)?;
        let array = make_array(data);
        let Some(s) = array.as_struct_opt() else {
            return Err(PyTypeError::new_err(
                "Arrow data: expected a table (a struct array or record batch); wrap a column as pyarrow.table({name: column})",
            ));
        };
        return Ok(vec![RecordBatch::from(s.clone())]);
    }
    Err(PyTypeError::new_err(format!(
        "expected Arrow data (an object with __arrow_c_stream__ or __arrow_c_array__), not {}",
        obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
    )))
}

/// A result table on its way to Python: `pyarrow.table(result)` (or `polars.DataFrame`) imports
/// it through `__arrow_c_stream__` / `__arrow_c_array__`, without a copy.
#[pyclass(module = "wanzheng._wanzheng", name = "ArrowResult", frozen)]
pub struct ArrowResult {
    batch: RecordBatch,
}

impl ArrowResult {
    /// Wraps a batch.
    pub fn new(batch: RecordBatch) -> ArrowResult {
        ArrowResult { batch }
    }
}

#[pymethods]
impl ArrowResult {
    /// The rows.
    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }
    /// The column names.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch.schema().fields().iter().map(|f| f.name().clone()).collect()
    }
    /// The schema as an `arrow_schema` capsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let s = FFI_ArrowSchema::try_from(self.batch.schema().as_ref()).map_err(arrow_err)?;
        PyCapsule::new_with_value(py, s, SCHEMA_CAPSULE)
    }
    /// The table as a struct array: `(arrow_schema, arrow_array)` capsules.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema; // the result's own schema is the only one offered
        let s = StructArray::from(self.batch.clone());
        let field = Field::new("", s.data_type().clone(), false);
        let schema = FFI_ArrowSchema::try_from(&field).map_err(arrow_err)?;
        let array = FFI_ArrowArray::new(&s.to_data());
        PyTuple::new(
            py,
            [
                PyCapsule::new_with_value(py, schema, SCHEMA_CAPSULE)?.into_any(),
                PyCapsule::new_with_value(py, array, ARRAY_CAPSULE)?.into_any(),
            ],
        )
    }
    /// The table as a stream of one batch: an `arrow_array_stream` capsule.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let schema = self.batch.schema();
        let reader = arrow_array::RecordBatchIterator::new([Ok(self.batch.clone())], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, STREAM_CAPSULE)
    }
    fn __repr__(&self) -> String {
        format!("ArrowResult(rows={}, columns={:?})", self.batch.num_rows(), self.column_names())
    }
}

// ---------------------------------------------------------------------------------------------
// the cores

/// Rows per unit of parallel work.
pub const UNIT: usize = 16_384;

/// Runs `f` over units `0..n` on up to `available_parallelism` threads (the caller's included),
/// results in unit order. Called without the GIL.
pub fn parallel<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(n).max(1);
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                break;
            }
            done.push((i, f(i)));
        }
        done
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            // A panic in a helper is a bug; resume it here, where pyo3 turns it into PanicException.
            match h.join() {
                Ok(v) => all.extend(v),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        all
    });
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

// ---------------------------------------------------------------------------------------------
// reading cells

/// An input error at `path` (`total[17]`).
pub fn cell_error(path: String, reason: InputReason, message: impl Into<String>) -> wanzheng::Error {
    InputError::new(path, reason, message.into()).into()
}

/// An amount column: decimal128 mantissas or strings in the core's grammar.
pub enum Amounts<'a> {
    /// Mantissas and their scale.
    Decimal(&'a arrow_array::PrimitiveArray<Decimal128Type>, i8),
    /// Text (utf8, large_utf8 or utf8_view).
    Text(&'a dyn Array),
}

impl<'a> Amounts<'a> {
    /// The amount reader of a column.
    pub fn of(col: &'a ArrayRef, name: &str) -> Result<Amounts<'a>, wanzheng::Error> {
        match col.data_type() {
            DataType::Decimal128(_, s) => Ok(Amounts::Decimal(col.as_primitive::<Decimal128Type>(), *s)),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Ok(Amounts::Text(col.as_ref())),
            t => Err(cell_error(
                name.to_string(),
                InputReason::Schema,
                format!("an amount column is decimal128 (scale ≤ 2) or text, not {t}"),
            )),
        }
    }

    /// Row `i`, or `None` for a null.
    #[inline]
    pub fn get(&self, i: usize, name: &str) -> Result<Option<Yuan>, wanzheng::Error> {
        match self {
            Amounts::Decimal(a, scale) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                let m = a.value(i);
                let fen = match *scale {
                    2 => Some(m),
                    s if s < 2 => 10i128.checked_pow(u32::from((2 - s).unsigned_abs())).and_then(|k| m.checked_mul(k)),
                    s => {
                        let k = 10i128.checked_pow(u32::from((s - 2).unsigned_abs())).unwrap_or(i128::MAX);
                        if m % k == 0 { Some(m / k) } else { None }
                    }
                };
                match fen.and_then(|f| u64::try_from(f).ok()).map(Yuan::from_fen) {
                    Some(Ok(y)) => Ok(Some(y)),
                    _ => Err(cell_error(
                        format!("{name}[{i}]"),
                        InputReason::Amount,
                        format!(
                            "{} is not an amount (0.00 ≤ amount ≤ 10^13 yuan, at most two decimals)",
                            arrow_array::types::Decimal128Type::format_decimal(m, 38, *scale)
                        ),
                    )),
                }
            }
            Amounts::Text(a) => match text(*a, i) {
                None => Ok(None),
                Some(s) => Yuan::parse(s)
                    .map(Some)
                    .map_err(|e| cell_error(format!("{name}[{i}]"), InputReason::Amount, e.to_string())),
            },
        }
    }
}

/// Row `i` of a text column (`None` for a null or a non-text column).
#[inline]
pub fn text(a: &dyn Array, i: usize) -> Option<&str> {
    if a.is_null(i) {
        return None;
    }
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Some(a.as_string::<i64>().value(i)),
        DataType::Utf8View => Some(a.as_string_view().value(i)),
        _ => None,
    }
}

/// A text-like column, dictionary-encoded or not: row `i`'s string.
pub struct Texts<'a> {
    values: &'a dyn Array,
    keys: Option<Vec<Option<usize>>>,
}

impl<'a> Texts<'a> {
    /// The reader of a utf8 / large_utf8 / utf8_view / dictionary-of-those column.
    pub fn of(col: &'a ArrayRef, name: &str) -> Result<Texts<'a>, wanzheng::Error> {
        macro_rules! dict {
            ($k:ty) => {{
                let d = col.as_dictionary::<$k>();
                let keys = d.keys().iter().map(|k| k.map(|k| k as usize)).collect();
                Texts { values: d.values().as_ref(), keys: Some(keys) }
            }};
        }
        let t = match col.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Texts { values: col.as_ref(), keys: None },
            DataType::Dictionary(k, _) => match k.as_ref() {
                DataType::Int8 => dict!(Int8Type),
                DataType::Int16 => dict!(Int16Type),
                DataType::Int32 => dict!(Int32Type),
                DataType::Int64 => dict!(Int64Type),
                DataType::UInt8 => dict!(UInt8Type),
                DataType::UInt16 => dict!(UInt16Type),
                DataType::UInt32 => dict!(UInt32Type),
                other => {
                    return Err(cell_error(
                        name.to_string(),
                        InputReason::Schema,
                        format!("dictionary keys {other} are not supported"),
                    ));
                }
            },
            t => {
                return Err(cell_error(name.to_string(), InputReason::Schema, format!("expected text, not {t}")));
            }
        };
        Ok(t)
    }

    /// A dictionary column's row keys (`None` for a null row) and its values; `None` for a
    /// plain text column.
    pub fn dictionary(&self) -> Option<(&[Option<usize>], &'a dyn Array)> {
        self.keys.as_deref().map(|k| (k, self.values))
    }

    /// Row `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match &self.keys {
            None => text(self.values, i),
            Some(k) => k[i].and_then(|j| text(self.values, j)),
        }
    }
}

/// Row `i` of a column as a JSON value for the core's JSON entry point: amounts as decimal
/// strings (formatted from the mantissa), dates as ISO strings, bools, integers, text, lists and
/// structs; `None` for a null.
pub fn cell_json(col: &dyn Array, i: usize, path: &dyn Fn() -> String) -> Result<Option<Value>, wanzheng::Error> {
    if col.is_null(i) {
        return Ok(None);
    }
    let bad = |t: &DataType| {
        cell_error(path(), InputReason::Schema, format!("an argument column of type {t} is not supported"))
    };
    let v = match col.data_type() {
        DataType::Boolean => Value::Bool(col.as_boolean().value(i)),
        DataType::Int8 => Value::from(col.as_primitive::<Int8Type>().value(i)),
        DataType::Int16 => Value::from(col.as_primitive::<Int16Type>().value(i)),
        DataType::Int32 => Value::from(col.as_primitive::<Int32Type>().value(i)),
        DataType::Int64 => Value::from(col.as_primitive::<Int64Type>().value(i)),
        DataType::UInt8 => Value::from(col.as_primitive::<UInt8Type>().value(i)),
        DataType::UInt16 => Value::from(col.as_primitive::<UInt16Type>().value(i)),
        DataType::UInt32 => Value::from(col.as_primitive::<UInt32Type>().value(i)),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Value::from(text(col, i).unwrap_or_default()),
        DataType::Dictionary(..) => {
            let d = col.as_any_dictionary();
            let k = d.normalized_keys()[i];
            return cell_json(d.values().as_ref(), k, path);
        }
        DataType::Decimal128(_, s) => {
            let m = col.as_primitive::<Decimal128Type>().value(i);
            Value::from(Decimal128Type::format_decimal(m, 38, *s))
        }
        DataType::Date32 => {
            let days = col.as_primitive::<arrow_array::types::Date32Type>().value(i);
            let d = date32_to_date(days).ok_or_else(|| cell_error(path(), InputReason::Date, "date out of range"))?;
            Value::from(d.format("%Y-%m-%d").to_string())
        }
        DataType::List(_) | DataType::LargeList(_) => {
            let list: ArrayRef = match col.data_type() {
                DataType::List(_) => col.as_list::<i32>().value(i),
                _ => col.as_list::<i64>().value(i),
            };
            let mut out = Vec::with_capacity(list.len());
            for j in 0..list.len() {
                out.push(cell_json(list.as_ref(), j, &|| format!("{}[{j}]", path()))?.unwrap_or(Value::Null));
            }
            Value::Array(out)
        }
        DataType::Struct(fields) => {
            let s = col.as_struct();
            let mut o = serde_json::Map::new();
            for (f, c) in fields.iter().zip(s.columns()) {
                if let Some(v) = cell_json(c.as_ref(), i, &|| format!("{}.{}", path(), f.name()))? {
                    o.insert(f.name().clone(), v);
                }
            }
            Value::Object(o)
        }
        t => return Err(bad(t)),
    };
    Ok(Some(v))
}

const EPOCH_DAYS_CE: i32 = 719_163; // 1970-01-01 as days from 0001-01-01 (chrono's CE count)

fn date32_to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_DAYS_CE)?)
}

fn date_to_date32(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d) - EPOCH_DAYS_CE
}

// ---------------------------------------------------------------------------------------------
// JSON results → columns

/// A money string of the core (`Yuan`/`YuanDelta` serialisation: digits, a point, two
/// decimals, an optional minus) as fen.
fn money_fen(s: &str) -> Option<i128> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (whole, frac) = body.split_once('.')?;
    if whole.is_empty() || frac.len() != 2 || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 16 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i128 = whole.parse::<i128>().ok()? * 100 + frac.parse::<i128>().ok()?;
    Some(if neg { -v } else { v })
}

/// The Arrow type that holds every value of a column of JSON values: bool, int64, decimal128(20,
/// 2) for the core's amounts, date32 for ISO dates, utf8, list<…> and struct<…> (fields in
/// first-seen order); anything mixed is utf8 holding JSON text.
fn infer(values: &[Option<&Value>]) -> DataType {
    let mut kind: Option<&'static str> = None;
    let mut mixed = false;
    for v in values.iter().flatten() {
        let k = match v {
            Value::Null => continue,
            Value::Bool(_) => "bool",
            Value::Number(n) if n.is_i64() => "int",
            Value::Number(_) => "float",
            Value::String(_) => "str",
            Value::Array(_) => "list",
            Value::Object(_) => "struct",
        };
        match kind {
            None => kind = Some(k),
            Some(x) if x == k => {}
            Some(_) => mixed = true,
        }
    }
    if mixed {
        return DataType::Utf8;
    }
    match kind {
        None => DataType::Utf8,
        Some("bool") => DataType::Boolean,
        Some("int") => DataType::Int64,
        Some("float") => DataType::Float64,
        Some("str") => {
            let strs = || values.iter().flatten().filter_map(|v| v.as_str());
            if strs().all(|s| money_fen(s).is_some()) {
                DataType::Decimal128(20, 2)
            } else if strs().all(|s| parse_iso_date(s).is_some()) {
                DataType::Date32
            } else {
                DataType::Utf8
            }
        }
        Some("list") => {
            let items: Vec<Option<&Value>> =
                values.iter().flatten().filter_map(|v| v.as_array()).flat_map(|a| a.iter().map(Some)).collect();
            DataType::List(Arc::new(Field::new("item", infer(&items), true)))
        }
        Some(_) => {
            let mut names: Vec<&String> = Vec::new();
            for o in values.iter().flatten().filter_map(|v| v.as_object()) {
                for k in o.keys() {
                    if !names.contains(&k) {
                        names.push(k);
                    }
                }
            }
            let fields: Fields = names
                .iter()
                .map(|k| {
                    let col: Vec<Option<&Value>> =
                        values.iter().map(|v| v.and_then(|v| v.as_object()).and_then(|o| o.get(*k))).collect();
                    Field::new(k.as_str(), infer(&col), true)
                })
                .collect();
            DataType::Struct(fields)
        }
    }
}

/// A column of JSON values as an Arrow array of type `t` (see [`infer`]).
fn build(values: &[Option<&Value>], t: &DataType) -> ArrayRef {
    fn present<'v>(v: &Option<&'v Value>) -> Option<&'v Value> {
        v.filter(|v| !v.is_null())
    }
    match t {
        DataType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(values.len());
            values.iter().for_each(|v| b.append_option(present(v).and_then(|v| v.as_bool())));
            Arc::new(b.finish())
        }
        DataType::Int64 => {
            let mut b = Int64Builder::with_capacity(values.len());
            values.iter().for_each(|v| b.append_option(present(v).and_then(|v| v.as_i64())));
            Arc::new(b.finish())
        }
        DataType::Float64 => {
            let a: arrow_array::Float64Array = values.iter().map(|v| present(v).and_then(|v| v.as_f64())).collect();
            Arc::new(a)
        }
        DataType::Decimal128(p, s) => {
            let mut b = Decimal128Builder::with_capacity(values.len());
            values.iter().for_each(|v| b.append_option(present(v).and_then(|v| v.as_str()).and_then(money_fen)));
            Arc::new(b.finish().with_precision_and_scale(*p, *s).unwrap_or_else(|_| Decimal128Builder::new().finish()))
        }
        DataType::Date32 => {
            let mut b = Date32Builder::with_capacity(values.len());
            values.iter().for_each(|v| {
                b.append_option(present(v).and_then(|v| v.as_str()).and_then(parse_iso_date).map(date_to_date32))
            });
            Arc::new(b.finish())
        }
        DataType::List(field) => {
            let mut items: Vec<Option<&Value>> = Vec::new();
            let mut offsets = Vec::with_capacity(values.len() + 1);
            offsets.push(0i32);
            let mut nulls = Vec::with_capacity(values.len());
            for v in values {
                match present(v).and_then(|v| v.as_array()) {
                    Some(a) => {
                        items.extend(a.iter().map(Some));
                        nulls.push(true);
                    }
                    None => nulls.push(false),
                }
                offsets.push(i32::try_from(items.len()).unwrap_or(i32::MAX));
            }
            let child = build(&items, field.data_type());
            Arc::new(ListArray::new(
                Arc::clone(field),
                OffsetBuffer::new(offsets.into()),
                child,
                Some(nulls.into()).filter(|n: &arrow_buffer::NullBuffer| n.null_count() > 0),
            ))
        }
        DataType::Struct(fields) => {
            let children: Vec<ArrayRef> = fields
                .iter()
                .map(|f| {
                    let col: Vec<Option<&Value>> = values
                        .iter()
                        .map(|v| present(v).and_then(|v| v.as_object()).and_then(|o| o.get(f.name())))
                        .collect();
                    build(&col, f.data_type())
                })
                .collect();
            let nulls: arrow_buffer::NullBuffer =
                values.iter().map(|v| present(v).is_some_and(|v| v.is_object())).collect::<Vec<bool>>().into();
            Arc::new(StructArray::new(fields.clone(), children, Some(nulls).filter(|n| n.null_count() > 0)))
        }
        _ => {
            let mut b = StringBuilder::with_capacity(values.len(), values.len() * 8);
            for v in values {
                match present(v) {
                    None => b.append_null(),
                    Some(Value::String(s)) => b.append_value(s),
                    Some(other) => b.append_value(other.to_string()),
                }
            }
            Arc::new(b.finish())
        }
    }
}

/// One table from JSON objects (a row each; `None` = a row without a result): a column per key
/// in first-seen order, typed by `infer`; `extra` columns (already built) come first.
pub fn table_of_objects(
    rows: &[Option<&serde_json::Map<String, Value>>],
    extra: Vec<(Field, ArrayRef)>,
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let mut names: Vec<&String> = Vec::new();
    for o in rows.iter().flatten() {
        for k in o.keys() {
            if !names.contains(&k) {
                names.push(k);
            }
        }
    }
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    for (f, c) in extra {
        fields.push(f);
        columns.push(c);
    }
    for k in names {
        let col: Vec<Option<&Value>> = rows.iter().map(|o| o.and_then(|o| o.get(k))).collect();
        let t = infer(&col);
        columns.push(build(&col, &t));
        fields.push(Field::new(k.as_str(), t, true));
    }
    let schema = Arc::new(Schema::new(fields));
    if columns.is_empty() {
        return Ok(RecordBatch::new_empty(schema));
    }
    RecordBatch::try_new_with_options(
        schema,
        columns,
        &arrow_array::RecordBatchOptions::new().with_row_count(Some(rows.len())),
    )
}

/// A `ValueError` for a column whose length differs.
pub fn length_error(name: &str, m: usize, n: usize) -> PyErr {
    PyValueError::new_err(format!("{name} has {m} items, total has {n}"))
}
