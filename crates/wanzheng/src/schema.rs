//! The JSON Schema of the wire types, generated from the Rust types (schemars).
//!
//! `schema/wanzheng.schema.json` at the repository root is this document, committed;
//! a test fails when it differs from what the types generate (regenerate with
//! `cargo run -p wanzheng-cli -- schema > schema/wanzheng.schema.json`).

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::digital::{DigCycleEvent, DigEvent};
use crate::finding::Finding;
use crate::investment::{AccountabilityEvent, AdjustmentEvent, ChangeEvent, InvEvent, PlanEvent};
use crate::log::{CoActor, MachineId, Stream};
use crate::obligation::ObligationStatus;
use crate::outcome::{Mode, Outcome, Transition};

/// The schema document: `$defs` for every wire type, `Command`/`LogEntry` tying each
/// `stream.machine` + `event` to its `facts`, and `decisions`: each RULES.md §4 function of
/// [`crate::decide::FUNCTIONS`], in that order, with its section and request (the Java request
/// records are generated from them: `scripts/gen_java_requests.py`).
pub fn json_schema() -> Value {
    let mut g = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut variants = Vec::new();
    let mut events = Map::new();
    let machines: [(MachineId, Vec<(&'static str, schemars::Schema)>); 7] = [
        (MachineId::Inv, InvEvent::facts_schemas(&mut g)),
        (MachineId::Plan, PlanEvent::facts_schemas(&mut g)),
        (MachineId::Change, ChangeEvent::facts_schemas(&mut g)),
        (MachineId::Adjustment, AdjustmentEvent::facts_schemas(&mut g)),
        (MachineId::Accountability, AccountabilityEvent::facts_schemas(&mut g)),
        (MachineId::Dig, DigEvent::facts_schemas(&mut g)),
        (MachineId::DigCycle, DigCycleEvent::facts_schemas(&mut g)),
    ];
    for (machine, list) in machines {
        for (name, facts) in list {
            let facts = facts.to_value();
            events.insert(format!("{}.{name}", machine.as_str()), facts.clone());
            variants.push(json!({
                "properties": {
                    "stream": {"properties": {"machine": {"const": machine.as_str()}}},
                    "event": {"const": name},
                    "facts": facts,
                }
            }));
        }
    }
    let stream = g.subschema_for::<Stream>().to_value();
    let co = g.subschema_for::<CoActor>().to_value();
    let mode = g.subschema_for::<Mode>().to_value();
    let docref = g.subschema_for::<crate::actor::DocRef>().to_value();
    let actor = g.subschema_for::<crate::actor::Actor>().to_value();
    let outcome = g.subschema_for::<Outcome>().to_value();
    let date = json!({"type": "string", "format": "date"});
    let hash = g.subschema_for::<crate::log::Hash32>().to_value();
    let envelope = |with_log: bool| {
        let mut props = json!({
            "schema_version": {"type": "integer", "minimum": 1, "maximum": crate::json::SCHEMA_VERSION},
            "stream": stream,
            "project_code": {"type": "string"},
            "event": {"type": "string"},
            "actor": actor,
            "actor_org": {"type": "string"},
            "co_actors": {"type": "array", "items": co},
            "date": date,
            "mode": mode,
            "facts": {"type": "object"},
            "doc_refs": {"type": "array", "items": docref},
        });
        let mut required = vec!["stream", "event", "actor", "date"];
        if with_log {
            if let Some(p) = props.as_object_mut() {
                p.insert("seq".into(), json!({"type": "integer", "minimum": 1}));
                p.insert("outcomes".into(), json!({"type": "array", "items": outcome}));
                p.insert("from".into(), json!({"type": "string"}));
                p.insert("to".into(), json!({"type": "string"}));
                p.insert("config_id".into(), hash.clone());
                p.insert("prev_hash".into(), hash.clone());
                p.insert("hash".into(), hash.clone());
            }
            required.extend([
                "schema_version",
                "seq",
                "mode",
                "facts",
                "outcomes",
                "from",
                "to",
                "config_id",
                "prev_hash",
                "hash",
            ]);
        }
        json!({
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
            "oneOf": variants,
        })
    };
    let command = envelope(false);
    let log_entry = envelope(true);
    let transition = g.subschema_for::<Transition>().to_value();
    let finding = g.subschema_for::<Finding>().to_value();
    let obligation = g.subschema_for::<ObligationStatus>().to_value();
    let config = g.subschema_for::<Config>().to_value();
    let yuan = g.subschema_for::<crate::money::Yuan>().to_value();
    // The §4 decision requests, last: a type they add never renames one of the above.
    let decisions: Vec<Value> = crate::decide::FUNCTIONS
        .iter()
        .map(|f| json!({"function": f.name, "section": f.section, "request": (f.request_schema)(&mut g).to_value()}))
        .collect();
    let defs: Map<String, Value> = g.definitions().clone().into_iter().collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://wanzheng.invalid/schema/v1",
        "title": "wanzheng wire types (RULES.md §1.3, §1.6, §1.7, §5, §7)",
        "schema_version": crate::json::SCHEMA_VERSION,
        "$defs": defs,
        "types": {
            "Command": command,
            "LogEntry": log_entry,
            "Log": {"type": "array", "items": {"$ref": "#/types/LogEntry"}},
            "Transition": transition,
            "Outcome": outcome,
            "Finding": finding,
            "ObligationStatus": obligation,
            "Config": config,
            "Yuan": yuan,
        },
        "events": events,
        "decisions": decisions,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The committed schema equals the generated one (set UPDATE_SCHEMA=1 to rewrite it).
    #[test]
    fn committed_schema_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/wanzheng.schema.json");
        let generated = serde_json::to_string_pretty(&super::json_schema()).unwrap() + "\n";
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/wanzheng.schema.json is out of date: run UPDATE_SCHEMA=1 cargo test -p wanzheng --lib schema"
        );
    }
}
