//! `wanzheng reference`: the input reference (`docs/reference.md`) — every event of every
//! machine with its actors, states, rules and facts — generated from the JSON Schema of the wire
//! types ([`wanzheng::schema::json_schema`]), the transition tables ([`wanzheng::machine`]) and
//! the rule catalogue, so it cannot drift from the code (a test regenerates and compares it).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::{Map, Value};
use wanzheng::RuleId;
use wanzheng::machine::{FromSpec, Machine, describe_from, describe_to};

/// What the reference says about one machine besides its table.
struct MachineDoc {
    /// The stream JSON of a command to it.
    stream: &'static str,
    /// What its instances are.
    about: &'static str,
}

/// The reference of one machine, from its table and the schema's facts.
fn machine<M: Machine>(doc: &MachineDoc, schema: &Value, facts_types: &mut BTreeSet<String>, out: &mut String) {
    let id = M::ID.as_str();

    let _ = writeln!(out, "<a id=\"m-{id}\"></a>\n\n## Machine `{id}` — {}\n", M::NAME);
    let _ = writeln!(out, "{}\n\nStream: `{}`\n", doc.about, doc.stream);
    let states: Vec<String> = M::states()
        .iter()
        .map(|s| {
            let name = M::state_name(*s);
            if M::terminal().contains(s) { format!("`{name}` (terminal)") } else { format!("`{name}`") }
        })
        .collect();
    let _ = writeln!(out, "States: {}.\n", states.join(", "));
    let _ = writeln!(out, "| Event | Actor | From | To |\n|---|---|---|---|");
    for row in M::rows() {
        let _ = writeln!(
            out,
            "| [`{}`](#e-{id}-{}) | {} | {} | {} |",
            row.event,
            row.event,
            row.actor.describe(),
            describe_from::<M>(&row.from),
            describe_to::<M>(row.to)
        );
    }
    out.push('\n');
    for row in M::rows() {
        let _ = writeln!(out, "<a id=\"e-{id}-{}\"></a>\n\n### `{id}.{}`\n", row.event, row.event);
        let facts = &schema["events"][format!("{id}.{}", row.event)];
        let def = facts["$ref"].as_str().and_then(|r| r.strip_prefix("#/$defs/"));
        let body = def.map(|d| &schema["$defs"][d]).unwrap_or(facts);
        if let Some(d) = body["description"].as_str() {
            let _ = writeln!(out, "{}\n", one_paragraph(d));
        }
        let from = match row.from {
            FromSpec::Create => "creates the stream".to_string(),
            FromSpec::CreateOr(_) => format!("creates the stream, or from {}", describe_from::<M>(&row.from)),
            FromSpec::Fact { .. } | FromSpec::FactIn(_) => describe_from::<M>(&row.from),
            FromSpec::States(_) => format!("from {}", describe_from::<M>(&row.from)),
        };
        let _ = writeln!(out, "* Actor: {}", row.actor.describe());
        let _ = writeln!(out, "* Valid: {from} → {}", describe_to::<M>(row.to));
        if !row.rules.is_empty() {
            let rules: Vec<String> = row.rules.iter().map(|r| rule_ref(*r)).collect();
            let _ = writeln!(out, "* Rules: {}", rules.join(", "));
        }
        match def {
            Some(name) => {
                facts_types.insert(name.to_string());
                let _ = writeln!(out, "* Facts: `{name}`\n");
                properties(body, out);
            }
            None => {
                let _ = writeln!(out, "* Facts: {}\n", type_of(facts));
            }
        }
    }
}

/// `INV-13.1 (第十三条)`.
fn rule_ref(r: RuleId) -> String {
    format!("[{}](#r-{}) ({})", r, anchor(r.as_str()), r.article_zh())
}

fn anchor(s: &str) -> String {
    s.to_ascii_lowercase().replace('.', "-")
}

/// A description on one line (tables and lists cannot hold line breaks).
fn one_paragraph(d: &str) -> String {
    d.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

/// The field table of an object schema (or "no facts").
fn properties(body: &Value, out: &mut String) {
    let Some(props) = body["properties"].as_object().filter(|p| !p.is_empty()) else {
        let _ = writeln!(out, "No facts: `{{}}`.\n");
        return;
    };
    let required: BTreeSet<&str> =
        body["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let _ = writeln!(out, "| Fact | Type | Required | Meaning |\n|---|---|---|---|");
    for (name, p) in props {
        let need = if required.contains(name.as_str()) {
            "required".to_string()
        } else {
            match p.get("default") {
                Some(d) => format!("optional (default `{d}`)"),
                None => "optional".to_string(),
            }
        };
        let _ = writeln!(
            out,
            "| `{name}` | {} | {need} | {} |",
            type_of(p),
            one_paragraph(p["description"].as_str().unwrap_or(""))
        );
    }
    out.push('\n');
}

/// The type of a property schema in words, linking named types.
fn type_of(p: &Value) -> String {
    if let Some(r) = p["$ref"].as_str() {
        let name = r.strip_prefix("#/$defs/").unwrap_or(r);
        return format!("[{name}](#t-{})", name.to_ascii_lowercase());
    }
    if let Some(c) = p.get("const") {
        return format!("`{c}`");
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = p[key].as_array() {
            let parts: Vec<String> =
                alts.iter().filter(|a| a["type"] != "null").map(type_of).collect::<BTreeSet<_>>().into_iter().collect();
            let nullable = alts.iter().any(|a| a["type"] == "null");
            return format!("{}{}", parts.join(" or "), if nullable { " or null" } else { "" });
        }
    }
    let base = |t: &str| -> String {
        match t {
            "string" => match p["format"].as_str() {
                Some("date") => "date (`YYYY-MM-DD`)".into(),
                _ => match p["pattern"].as_str() {
                    Some(pat) => format!("string `{pat}`"),
                    None => "string".into(),
                },
            },
            "integer" => "integer".into(),
            "number" => "number".into(),
            "boolean" => "boolean".into(),
            "array" => format!("list of {}", type_of(&p["items"])),
            "object" => match (p["properties"].as_object(), p.get("additionalProperties")) {
                (Some(props), _) if !props.is_empty() => {
                    let fields: Vec<String> = props.iter().map(|(k, v)| format!("`{k}`: {}", type_of(v))).collect();
                    format!("object {{{}}}", fields.join(", "))
                }
                (_, Some(v)) if v.is_object() => format!("object of {}", type_of(v)),
                _ => "object".into(),
            },
            other => other.to_string(),
        }
    };
    match &p["type"] {
        Value::String(t) => base(t),
        Value::Array(ts) => {
            let parts: Vec<String> = ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").map(base).collect();
            let nullable = ts.iter().any(|t| t == "null");
            format!("{}{}", parts.join(" or "), if nullable { " or null" } else { "" })
        }
        _ => "any".into(),
    }
}

/// Every `$defs` name a schema value refers to.
fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            if let Some(r) = o.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
                out.insert(r.to_string());
            }
            o.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// A named type: its description and fields or values.
fn named_type(name: &str, def: &Value, out: &mut String) {
    let _ = writeln!(out, "<a id=\"t-{}\"></a>\n\n### `{name}`\n", name.to_ascii_lowercase());
    if let Some(d) = def["description"].as_str() {
        let _ = writeln!(out, "{}\n", one_paragraph(d));
    }
    if def.get("properties").is_some() {
        properties(def, out);
        return;
    }
    if let Some(alts) = def["oneOf"].as_array().filter(|a| a.iter().all(|x| x.get("const").is_some())) {
        let _ = writeln!(out, "| Value | Meaning |\n|---|---|");
        for a in alts {
            let _ = writeln!(
                out,
                "| `{}` | {} |",
                a["const"].as_str().map(str::to_string).unwrap_or_else(|| a["const"].to_string()),
                one_paragraph(a["description"].as_str().unwrap_or(""))
            );
        }
        out.push('\n');
        return;
    }
    match def["anyOf"].as_array().or(def["oneOf"].as_array()) {
        Some(alts) => {
            out.push_str("One of:\n\n");
            for a in alts {
                let d = a["description"].as_str().map(|d| format!(": {}", one_paragraph(d))).unwrap_or_default();
                let _ = writeln!(out, "* {}{d}", type_of(a));
            }
            out.push('\n');
        }
        None => {
            let _ = writeln!(out, "{}\n", type_of(def));
        }
    }
}

const ENVELOPE: &[(&str, &str)] = &[
    ("schema_version", "`1` (optional); a newer version is refused"),
    ("stream", "the stream the command goes to (see each machine)"),
    ("project_code", "the project's 项目统一代码, on project streams"),
    ("event", "the event's wire name (below)"),
    ("actor", "who acts (the event's actor column)"),
    ("actor_org", "the concrete body acting (a named industry authority must match the project's)"),
    ("co_actors", "joint actors (INV-41 review, plan drafting, DIG-14.1, DIG-16.4)"),
    ("date", "the date of the act; never before the stream's last date"),
    (
        "mode",
        "`enforce` (default: a violation rejects) or `record` (facts already on the ground: violations become findings)",
    ),
    ("facts", "the event's facts (below); unknown keys are refused"),
    ("doc_refs", "archived documents of the act (INV-57)"),
];

const MACHINES: [MachineDoc; 7] = [
    MachineDoc {
        stream: r#"{"machine":"inv","project_id":P,"instance":P}"#,
        about: "A government investment project under 宛政〔2023〕7号, from registration to closing.",
    },
    MachineDoc {
        stream: r#"{"machine":"plan","instance":"2024"}"#,
        about: "The annual government-investment plan of year P (INV-26 to INV-31); projects read it.",
    },
    MachineDoc {
        stream: r#"{"machine":"change","project_id":P,"instance":C}"#,
        about: "An engineering change C of project P (INV-40 to INV-45).",
    },
    MachineDoc {
        stream: r#"{"machine":"adjustment","project_id":P,"instance":A}"#,
        about: "An estimate adjustment A of project P (INV-46 to INV-49).",
    },
    MachineDoc {
        stream: r#"{"machine":"accountability","project_id":P,"instance":K}"#,
        about: "An accountability case K of project P (INV-50, INV-53 to INV-56).",
    },
    MachineDoc {
        stream: r#"{"machine":"dig","project_id":P,"instance":P}"#,
        about: "A digital-government or smart-city project under 宛政办〔2023〕12号.",
    },
    MachineDoc {
        stream: r#"{"machine":"dig_cycle","instance":"2024"}"#,
        about: "The DIG annual cycle of year P (DIG-13, DIG-29, DIG-30); DIG projects read it.",
    },
];

/// The whole reference as Markdown.
pub fn render() -> String {
    use wanzheng::digital::{cycle::DigCycleMachine, lifecycle::DigMachine};
    use wanzheng::investment::{
        accountability::AccountabilityMachine, change::ChangeMachine, estimate::AdjustmentMachine,
        lifecycle::InvMachine, plan::PlanMachine,
    };
    let schema = wanzheng::schema::json_schema();
    let mut out = String::new();
    out.push_str(
        "# wanzheng input reference\n\n\
         <!-- Generated by `wanzheng reference` (crates/wanzheng-cli/src/reference.rs) from the JSON Schema\n\
         (schema/wanzheng.schema.json), the transition tables and the rule catalogue. Do not edit:\n\
         regenerate with `cargo run -p wanzheng-cli -- reference > docs/reference.md`\n\
         (a test of wanzheng-cli fails when this file is stale). -->\n\n\
         Every command a stream accepts: the envelope, then, machine by machine, each event with who\n\
         may act, where it is valid, the rules it checks (RULES.md IDs with their article; the\n\
         articles' own words are in `docs/regulations/` and in every `explain`) and its facts.\n\
         The JSON Schema `schema/wanzheng.schema.json` states the same shapes for validators.\n\n",
    );
    let mut facts_types = BTreeSet::new();
    let mut machines = String::new();
    machine::<InvMachine>(&MACHINES[0], &schema, &mut facts_types, &mut machines);
    machine::<PlanMachine>(&MACHINES[1], &schema, &mut facts_types, &mut machines);
    machine::<ChangeMachine>(&MACHINES[2], &schema, &mut facts_types, &mut machines);
    machine::<AdjustmentMachine>(&MACHINES[3], &schema, &mut facts_types, &mut machines);
    machine::<AccountabilityMachine>(&MACHINES[4], &schema, &mut facts_types, &mut machines);
    machine::<DigMachine>(&MACHINES[5], &schema, &mut facts_types, &mut machines);
    machine::<DigCycleMachine>(&MACHINES[6], &schema, &mut facts_types, &mut machines);
    let mut cited = BTreeSet::new();
    cited.extend(rows_rules::<InvMachine>());
    cited.extend(rows_rules::<PlanMachine>());
    cited.extend(rows_rules::<ChangeMachine>());
    cited.extend(rows_rules::<AdjustmentMachine>());
    cited.extend(rows_rules::<AccountabilityMachine>());
    cited.extend(rows_rules::<DigMachine>());
    cited.extend(rows_rules::<DigCycleMachine>());
    let ids = [
        InvMachine::ID,
        PlanMachine::ID,
        ChangeMachine::ID,
        AdjustmentMachine::ID,
        AccountabilityMachine::ID,
        DigMachine::ID,
        DigCycleMachine::ID,
    ];
    let links: Vec<String> = ids.iter().map(|m| format!("[`{0}`](#m-{0})", m.as_str())).collect();
    let _ = writeln!(
        out,
        "Contents: [Command envelope](#command-envelope) · [Project file](#project-file) · Machines {} · \
         [Types](#types) · [Rules](#rules)\n",
        links.join(", ")
    );
    out.push_str("## Command envelope\n\n");
    out.push_str("A command is one JSON object (RULES.md §1.6, §1.7); amounts are decimal strings (`\"10000000.00\"`: no floats, no sign, at most two decimals), dates ISO strings.\n\n");
    let props = schema["types"]["Command"]["properties"].as_object().cloned().unwrap_or_else(Map::new);
    let required: BTreeSet<&str> =
        schema["types"]["Command"]["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    out.push_str("| Key | Type | Required | Meaning |\n|---|---|---|---|\n");
    for (key, meaning) in ENVELOPE {
        let need = if required.contains(key) { "required" } else { "optional" };
        let _ = writeln!(out, "| `{key}` | {} | {need} | {meaning} |", type_of(&props[*key]));
    }
    out.push_str(
        "\n```json\n{\"stream\": {\"machine\": \"inv\", \"project_id\": \"P1\", \"instance\": \"P1\"},\n \
         \"project_code\": \"2307-411300-04-01-000001\", \"event\": \"select_route\", \"actor\": \"project_unit\",\n \
         \"date\": \"2023-07-04\", \"facts\": {\"chosen_route\": \"standard\"}}\n```\n\n",
    );
    out.push_str("## Project file\n\n");
    out.push_str(
        "What `wanzheng check FILE`, `wz_check_file`/`wz_check_json` (C), `Wanzheng.check` (Java) and \
         `Workspace` runs read: `{\"schema_version\": 1, \"name\": …, \"description\": …, \"config\": {…RULES.md §7…}, \
         \"as_of\": \"YYYY-MM-DD\", \"commands\": [command, …]}` — only `commands` is required; any other key is \
         refused, except comments (keys starting with `_`). Each command goes to the \
         stream it names (a `register_project` creates the project); a rejected one changes nothing and the next is \
         applied. The report lists every step (accepted with its transition, or the error), then each stream's \
         state, open obligations and findings as of `as_of` (else the last command's date). \
         See `examples/investment/*.json` and `examples/digital/*.json`.\n\n",
    );
    out.push_str(&machines);
    // Every type the facts and the envelope use, to the last reference.
    let defs = schema["$defs"].as_object().cloned().unwrap_or_default();
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = facts_types.iter().cloned().collect();
    for key in ENVELOPE {
        let mut r = BTreeSet::new();
        refs(&props[key.0], &mut r);
        todo.extend(r);
    }
    while let Some(name) = todo.pop() {
        let mut r = BTreeSet::new();
        refs(&defs[&name], &mut r);
        for n in r {
            if !wanted.contains(&n) && !facts_types.contains(&n) {
                wanted.insert(n.clone());
                todo.push(n);
            }
        }
        if !facts_types.contains(&name) {
            wanted.insert(name);
        }
    }
    out.push_str("## Types\n\nThe types the facts use, by name.\n\n");
    for name in &wanted {
        named_type(name, &defs[name], &mut out);
    }
    // The rules the tables cite.
    out.push_str(
        "## Rules\n\nThe rules the events check (RULES.md; kind `R` a hard guard, `D` a 原则上 default, `M` a \
         permission, `S` scope, `C` configuration, `I` informative). `wanzheng explain ID` adds the article's own words.\n\n\
         | Rule | Article | Kind | Rule in brief |\n|---|---|---|---|\n",
    );
    for r in &cited {
        let _ = writeln!(
            out,
            "| <a id=\"r-{}\"></a>`{r}` | {} | {} | {} |",
            anchor(r.as_str()),
            r.citation(),
            r.kind().code(),
            one_paragraph(r.info().summary)
        );
    }
    out
}

/// Every rule a machine's table cites.
fn rows_rules<M: Machine>() -> impl Iterator<Item = RuleId> {
    M::rows().iter().flat_map(|row| row.rules.iter().copied())
}
