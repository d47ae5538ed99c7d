//! `payment_check` (RULES.md §4.5) over an Arrow table without JSON (issue 14): the request's
//! fields read from their columns into the core's typed `PaymentLedger` / `PaymentFacts`
//! (amounts from decimal128 mantissas), the core's typed `payment_check` called, and its result
//! written straight into the result columns — the same table the generic path
//! ([`crate::arrow_batch::decide_arrow`]) builds from the JSON results. Used when every column
//! of the table is one of the request's fields (`ledger.*`, `request.*`); anything else takes
//! the generic path.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder, StructBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Fields, Schema};
use serde::Deserialize;
use serde::de::IntoDeserializer;

use wanzheng::investment::payment::{PaymentCheck, PaymentFacts, PaymentLedger, payment_check};
use wanzheng::{Error, InputReason, Yuan};

use crate::arrow::{Amounts, Texts, UNIT, cell_error, parallel};

/// The columns of a payment_check request this path reads.
const AMOUNTS: [&str; 11] = [
    "ledger.budget",
    "ledger.contract_ceiling",
    "ledger.estimate",
    "ledger.paid_budget_scope",
    "ledger.paid_contract",
    "ledger.paid_total",
    "ledger.plan_amount_left",
    "ledger.unconsented_43",
    "ledger.unreviewed",
    "request.amount",
    "request.progress_cap",
];
const AMOUNTS_DEFAULTED: [&str; 2] = ["request.wage_share", "request.wages_due"];
const BOOLS: [&str; 3] = ["ledger.in_plan", "request.in_budget_scope", "request.in_scope"];
const TEXTS: [&str; 2] = ["ledger.funding_suspended", "request.lot_class"];

/// Whether the typed path reads every column of these batches.
pub fn applies(batches: &[RecordBatch]) -> bool {
    batches.iter().all(|b| {
        b.schema().fields().iter().all(|f| {
            let n = f.name().as_str();
            let ok_type = match f.data_type() {
                DataType::Decimal128(..) | DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
                DataType::Boolean => BOOLS.contains(&n),
                DataType::Dictionary(..) => TEXTS.contains(&n),
                _ => false,
            };
            ok_type
                && (AMOUNTS.contains(&n) || AMOUNTS_DEFAULTED.contains(&n) || BOOLS.contains(&n) || TEXTS.contains(&n))
        })
    })
}

/// One batch's readers, by field.
struct Cols<'a> {
    amounts: Vec<(&'static str, Amounts<'a>)>,
    bools: Vec<(&'static str, &'a BooleanArray)>,
    texts: Vec<(&'static str, Texts<'a>)>,
}

impl<'a> Cols<'a> {
    fn of(b: &'a RecordBatch) -> Result<Cols<'a>, Error> {
        let schema = b.schema();
        let mut c = Cols { amounts: Vec::new(), bools: Vec::new(), texts: Vec::new() };
        for (name, col) in schema.fields().iter().zip(b.columns()) {
            let n = name.name().as_str();
            if let Some(k) = AMOUNTS.iter().chain(AMOUNTS_DEFAULTED.iter()).find(|k| **k == n) {
                c.amounts.push((k, Amounts::of(col, k)?));
            } else if let Some(k) = BOOLS.iter().find(|k| **k == n) {
                match col.as_boolean_opt() {
                    Some(a) => c.bools.push((k, a)),
                    None => {
                        return Err(cell_error(
                            (*k).to_string(),
                            InputReason::Schema,
                            format!("{k} is true or false, not {}", col.data_type()),
                        ));
                    }
                }
            } else if let Some(k) = TEXTS.iter().find(|k| **k == n) {
                c.texts.push((k, Texts::of(col, k)?));
            }
        }
        Ok(c)
    }

    fn request(&self, i: usize) -> Result<(PaymentLedger, PaymentFacts), Error> {
        let mut l = PaymentLedger::default();
        let mut amount: Option<Yuan> = None;
        let mut p = PaymentFacts {
            amount: Yuan::ZERO,
            in_budget_scope: false,
            in_scope: true,
            lot_class: None,
            progress_cap: None,
            wage_share: Yuan::ZERO,
            wages_due: Yuan::ZERO,
        };
        for (k, a) in &self.amounts {
            // The path is the field's; the batch adds `requests[i].` (decision::within_batch).
            let Some(v) = a.get(i, k).map_err(|e| match e {
                Error::Input(mut ie) => {
                    ie.path = (*k).to_string();
                    Error::Input(ie)
                }
                other => other,
            })?
            else {
                continue;
            };
            match *k {
                "ledger.budget" => l.budget = Some(v),
                "ledger.contract_ceiling" => l.contract_ceiling = Some(v),
                "ledger.estimate" => l.estimate = Some(v),
                "ledger.paid_budget_scope" => l.paid_budget_scope = v,
                "ledger.paid_contract" => l.paid_contract = v,
                "ledger.paid_total" => l.paid_total = v,
                "ledger.plan_amount_left" => l.plan_amount_left = Some(v),
                "ledger.unconsented_43" => l.unconsented_43 = v,
                "ledger.unreviewed" => l.unreviewed = v,
                "request.amount" => amount = Some(v),
                "request.progress_cap" => p.progress_cap = Some(v),
                "request.wage_share" => p.wage_share = v,
                _ => p.wages_due = v,
            }
        }
        for (k, a) in &self.bools {
            if a.is_null(i) {
                continue;
            }
            match *k {
                "ledger.in_plan" => l.in_plan = Some(a.value(i)),
                "request.in_budget_scope" => p.in_budget_scope = a.value(i),
                _ => p.in_scope = a.value(i),
            }
        }
        for (k, t) in &self.texts {
            let Some(s) = t.get(i) else { continue };
            let bad =
                |e: serde::de::value::Error| cell_error((*k).to_string(), InputReason::UnknownValue, e.to_string());
            match *k {
                "ledger.funding_suspended" => {
                    l.funding_suspended = Some(wanzheng::RuleId::deserialize(s.into_deserializer()).map_err(bad)?);
                }
                _ => {
                    p.lot_class =
                        Some(wanzheng::investment::gates::LotClass::deserialize(s.into_deserializer()).map_err(bad)?);
                }
            }
        }
        p.amount = amount
            .ok_or_else(|| cell_error("request.amount".to_string(), InputReason::Schema, "missing field `amount`"))?;
        Ok((l, p))
    }
}

fn outcome_fields() -> Fields {
    Fields::from(vec![
        Field::new("detail", DataType::Utf8, true),
        Field::new("kind", DataType::Utf8, true),
        Field::new("rule", DataType::Utf8, true),
    ])
}

/// `payment_check` over the batches: one result per row (see the module docs).
pub fn decide(batches: &[RecordBatch]) -> Result<Vec<Result<PaymentCheck, Error>>, Error> {
    let cols: Vec<Cols<'_>> = batches.iter().map(Cols::of).collect::<Result<_, _>>()?;
    let mut units = Vec::new();
    for (k, b) in batches.iter().enumerate() {
        let mut s = 0;
        while s < b.num_rows() {
            let e = (s + UNIT).min(b.num_rows());
            units.push((k, s, e));
            s = e;
        }
    }
    let done: Vec<Vec<Result<PaymentCheck, Error>>> = parallel(units.len(), |u| {
        let (k, s, e) = units[u];
        (s..e).map(|i| cols[k].request(i).map(|(l, p)| payment_check(&p, &l))).collect()
    });
    Ok(done.into_iter().flatten().collect())
}

/// The result table of the checks (`None` rows failed): outcomes, rules, ruleset — the columns
/// and order of the generic path — and, when `errors` is given, an `error` column first.
pub fn table(
    results: &[Option<&PaymentCheck>],
    ruleset: &str,
    errors: Option<Vec<Option<String>>>,
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let n = results.len();
    let mut outcomes = ListBuilder::new(StructBuilder::from_fields(outcome_fields(), 0));
    let mut rules = ListBuilder::new(StringBuilder::new());
    let mut version = StringBuilder::with_capacity(n, n * ruleset.len());
    for r in results {
        match r {
            Some(r) => {
                let sb = outcomes.values();
                for o in &r.outcomes {
                    let d: &str = o.detail.as_ref();
                    let f0 = sb.field_builder::<StringBuilder>(0);
                    if let Some(b) = f0 {
                        if d.is_empty() { b.append_null() } else { b.append_value(d) }
                    }
                    if let Some(b) = sb.field_builder::<StringBuilder>(1) {
                        b.append_value(o.kind.as_str());
                    }
                    if let Some(b) = sb.field_builder::<StringBuilder>(2) {
                        b.append_value(o.rule.as_str());
                    }
                    sb.append(true);
                }
                outcomes.append(true);
                for rule in &r.rules {
                    rules.values().append_value(rule.as_str());
                }
                rules.append(true);
                version.append_value(ruleset);
            }
            None => {
                outcomes.append(false);
                rules.append(false);
                version.append_null();
            }
        }
    }
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    if let Some(e) = errors {
        fields.push(Field::new("error", DataType::Utf8, true));
        columns.push(Arc::new(StringArray::from(e)));
    }
    let o = outcomes.finish();
    fields.push(Field::new("outcomes", o.data_type().clone(), true));
    columns.push(Arc::new(o));
    let r = rules.finish();
    fields.push(Field::new("rules", r.data_type().clone(), true));
    columns.push(Arc::new(r));
    let v = version.finish();
    fields.push(Field::new("ruleset", DataType::Utf8, true));
    columns.push(Arc::new(v));
    RecordBatch::try_new_with_options(
        Arc::new(Schema::new(fields)),
        columns,
        &arrow_array::RecordBatchOptions::new().with_row_count(Some(n)),
    )
}
