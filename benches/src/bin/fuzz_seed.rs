//! Writes the seed corpora of the fuzz targets (`fuzz/`, FUZZING.md) from the shared fixtures
//! (`tests/fixtures`) and the examples (`examples/`): the commands of every scenario and
//! example, the logs and stream documents they produce, project files, configurations, every
//! §4 request, calendars and notices, rule-set amendments and the tamper fixture's cases. Each
//! seed starts with the selector byte its target reads (see each target's doc comment).
//!
//! `cargo run -p wanzheng-bench --bin fuzz-seed -- DIR` (scripts/fuzz.sh runs it); writes
//! `DIR/<target>/<name>`, a few hundred small files. Not committed.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use wanzheng::{Command, Context, WorkingDayCalendar, Workspace};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "json"));
    v.sort();
    v
}

fn read(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("a fixture file")).expect("fixture JSON")
}

struct Seeds {
    dir: PathBuf,
    count: usize,
}

impl Seeds {
    fn put(&mut self, target: &str, name: &str, sel: u8, body: &str) {
        let dir = self.dir.join(target);
        std::fs::create_dir_all(&dir).expect("corpus directory");
        let mut bytes = vec![sel];
        bytes.extend_from_slice(body.as_bytes());
        let name: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        std::fs::write(dir.join(format!("{name}-{sel}")), bytes).expect("a seed file");
        self.count += 1;
    }

    fn raw(&mut self, target: &str, name: &str, body: &str) {
        let dir = self.dir.join(target);
        std::fs::create_dir_all(&dir).expect("corpus directory");
        std::fs::write(dir.join(name), body).expect("a seed file");
        self.count += 1;
    }
}

/// The commands of a scenario (`steps[].command`) or an example (`commands`).
fn commands(doc: &Value) -> Vec<Value> {
    if let Some(c) = doc["commands"].as_array() {
        return c.clone();
    }
    doc["steps"].as_array().map(|s| s.iter().map(|s| s["command"].clone()).collect()).unwrap_or_default()
}

fn lines(cmds: &[&Value]) -> String {
    cmds.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("\n")
}

fn main() {
    let dir = std::env::args().nth(1).map_or_else(|| root().join("fuzz/corpus"), PathBuf::from);
    let mut s = Seeds { dir, count: 0 };
    let root = root();
    let fixtures = root.join("tests/fixtures");

    // Commands, logs, streams, project files: every scenario and example.
    let mut docs: Vec<(String, Value)> = Vec::new();
    for p in json_files(&fixtures.join("scenarios")) {
        docs.push((p.file_stem().unwrap_or_default().to_string_lossy().into(), read(&p)));
    }
    for sub in ["investment", "digital"] {
        for p in json_files(&root.join("examples").join(sub)) {
            docs.push((format!("ex-{sub}-{}", p.file_stem().unwrap_or_default().to_string_lossy()), read(&p)));
        }
    }
    for (name, doc) in &docs {
        let cmds = commands(doc);
        let of = |m: &str| cmds.iter().filter(|c| c["stream"]["machine"] == m).collect::<Vec<_>>();
        let all: Vec<&Value> = cmds.iter().collect();
        let (inv, dig) = (of("inv"), of("dig"));
        if !inv.is_empty() {
            s.put("command", name, 0, &lines(&inv));
            s.put("c_abi", name, 5, &lines(&inv));
        }
        if !dig.is_empty() {
            s.put("command", name, 1, &lines(&dig));
            s.put("c_abi", name, 6, &lines(&dig));
        }
        s.put("command", name, 2, &lines(&all));
        s.put("c_abi", name, 7, &Value::from(cmds.clone()).to_string());
        let file = if doc["commands"].is_array() {
            doc.clone()
        } else {
            json!({"schema_version": 1, "name": name, "commands": cmds})
        };
        s.raw("project_file", name, &file.to_string());
        s.put("c_abi", name, 2, &file.to_string());
        if let Some(config) = doc.get("config") {
            s.raw("config", name, &config.to_string());
        }

        let mut ws = Workspace::new(Context::default());
        for c in &cmds {
            if let Ok(c) = Command::from_value(c.clone()) {
                let _ = ws.apply(c);
            }
        }
        for (id, p) in ws.investments() {
            let n = format!("{name}-inv-{id}");
            let log = p.log().to_json();
            s.put("log_replay", &n, 0, &log);
            s.put("log_replay", &n, 1, &log);
            s.put("log_replay", &n, 3, &p.to_json());
            s.put("log_replay", &n, 5, &format!("{{}}\n{}", p.to_json()));
            s.put("c_abi", &n, 3, &log);
        }
        for (id, p) in ws.digitals() {
            let n = format!("{name}-dig-{id}");
            let log = p.log().to_json();
            s.put("log_replay", &n, 0, &log);
            s.put("log_replay", &n, 2, &log);
            s.put("log_replay", &n, 4, &p.to_json());
            s.put("c_abi", &n, 4, &log);
        }
        for (year, p) in ws.plans() {
            s.put("log_replay", &format!("{name}-plan-{year}"), 3, &p.to_json());
        }
        for (year, c) in ws.cycles() {
            s.put("log_replay", &format!("{name}-cycle-{year}"), 4, &c.to_json());
        }
    }

    // The tamper fixture: each case's options and log.
    let tamper = read(&fixtures.join("tamper/inv_violations.json"));
    for case in tamper["cases"].as_array().into_iter().flatten() {
        let log = tamper["logs"][case["log"].as_str().unwrap_or_default()].as_str().unwrap_or_default();
        let options = case["options"].to_string();
        let id = case["id"].as_str().unwrap_or("case");
        s.put("log_replay", &format!("tamper-{id}"), 5, &format!("{options}\n{log}"));
        s.put("c_abi", &format!("tamper-{id}"), 3, &format!("{options}\n{log}"));
    }
    s.put("log_replay", "keys", 5, &tamper["keys"].to_string());

    // §4 requests: each row alone, each file as a batch.
    let names = wanzheng::decide::names();
    for sub in ["investment", "digital"] {
        for p in json_files(&fixtures.join(sub)) {
            let doc = read(&p);
            let function = doc["function"].as_str().unwrap_or_default();
            let Some(i) = names.iter().position(|n| *n == function) else { continue };
            let sel = u8::try_from(i).expect("fewer than 128 functions");
            let rows = doc["rows"].as_array().cloned().unwrap_or_default();
            let requests: Vec<Value> = rows.iter().map(|r| r["request"].clone()).collect();
            for (k, r) in requests.iter().enumerate() {
                s.put("decide", &format!("{function}-{k}"), sel, &r.to_string());
            }
            s.put("decide", &format!("{function}-batch"), sel | 0x80, &Value::from(requests.clone()).to_string());
            if let Some(r) = requests.first() {
                s.put("c_abi", function, 0, &format!("{function}\n{r}"));
                s.put("c_abi", &format!("{function}-batch"), 1, &format!("{function}\n{}", Value::from(requests)));
            }
        }
    }

    // Configuration, calendars, notices, amendments.
    let config = wanzheng::Config::default().canonical_json();
    s.raw("config", "default", &config);
    s.put("c_abi", "config", 8, &config);
    s.put("calendar", "embedded", 0, &WorkingDayCalendar::embedded().to_json());
    for p in json_files(&fixtures.join("calendar")) {
        let text = std::fs::read_to_string(&p).expect("a notice");
        let n = p.file_stem().unwrap_or_default().to_string_lossy().to_string();
        s.put("calendar", &n, 0, &text);
        s.put("calendar", &n, 1, &text);
        s.put("c_abi", &n, 8, &text);
    }
    for p in json_files(&fixtures.join("rulesets")) {
        let text = std::fs::read_to_string(&p).expect("an amendment");
        let n = p.file_stem().unwrap_or_default().to_string_lossy().to_string();
        s.raw("ruleset", &n, &text);
        s.put("c_abi", &n, 8, &text);
    }
    s.put("c_abi", "dates-and-rules", 9, "2024-10-01\nINV-15.1\n2023-7-3\nDIG-27.1\n2099-12-31\n2026-02-28");
    s.put("c_abi", "route-batch", 10, "10000000.00\n10000000.01\n50000000.00\n1E+7\n-0.00");
    s.put("c_abi", "null-and-empty", 11, "{}");
    println!("{} seeds in {}", s.count, s.dir.display());
}
