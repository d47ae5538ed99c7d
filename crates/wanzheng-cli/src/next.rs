//! `wanzheng next FILE [--as-of D] [--actor A] [--json]`: the acts permitted after a project
//! file's last event (issue 13), from the core's `permitted_events`; this module only prints.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use wanzheng::Actor;

/// Prints the screen of every stream of the file; exit 0, 2 for an unusable file or actor.
pub fn run(
    file: &Path,
    as_of: Option<NaiveDate>,
    actor: Option<&str>,
    json: bool,
    base: &wanzheng::Context,
) -> Result<ExitCode, String> {
    let actor = match actor {
        Some(a) => Some(Actor::parse(a).ok_or_else(|| {
            let known: Vec<&str> = Actor::ALL.iter().map(|a| a.as_str()).collect();
            format!("unknown actor {a:?}; one of {}", known.join(", "))
        })?),
        None => None,
    };
    let project = crate::check::load(file, base)?;
    let screen = project
        .permitted_events(as_of, actor)
        .ok_or_else(|| format!("{}: no dated event in the file; give --as-of YYYY-MM-DD", file.display()))?;
    if json {
        println!("{}", screen.to_json());
        return Ok(ExitCode::SUCCESS);
    }
    let who = actor.map(|a| a.as_str()).unwrap_or("any actor");
    println!("{}: acts permitted as of {} for {who}", file.display(), screen.as_of);
    for s in &screen.streams {
        let label = match (&s.project_id, &s.instance) {
            (Some(p), Some(i)) if p == i => format!("{}/{i}", s.machine),
            (Some(p), Some(i)) => format!("{}/{p}/{i}", s.machine),
            (Some(p), None) => format!("{}/{p}/(new)", s.machine),
            (None, Some(i)) => format!("{}/{i}", s.machine),
            (None, None) => format!("{}/(new)", s.machine),
        };
        let label = match s.parts_of {
            Some(host) => {
                format!("{label} (INV parts of {host}/{}, AMB-25)", s.project_id.as_deref().unwrap_or_default())
            }
            None => label,
        };
        let allowed: Vec<_> = s.allowed().collect();
        // Blocked for a reason other than the state: the actor, a gate, a suspension, …
        let held: Vec<_> =
            s.events.iter().filter(|e| !e.allowed && e.blockers.iter().any(|b| b.kind() != "transition")).collect();
        if allowed.is_empty() && held.is_empty() && s.instance.is_none() {
            continue;
        }
        println!();
        println!("{label}  [{}]", s.state);
        for e in allowed {
            let mut actors: Vec<&str> = e.actors.iter().take(5).map(|a| a.as_str()).collect();
            if e.actors.len() > 5 {
                actors.push("…");
            }
            let to = if e.to.is_empty() { "(state kept)".to_string() } else { format!("→ {}", e.to.join(" | ")) };
            println!("  ✓ {:<30} {:<40} {to}", e.event, actors.join(", "));
            for c in &e.cautions {
                println!("      ! {}", c.message_en());
            }
            for o in &e.discharges {
                println!("      discharges {} {} ({}), due {}", o.duty, o.subject, o.rule, o.due);
            }
        }
        for e in held {
            println!("  ✗ {}", e.event);
            for b in &e.blockers {
                println!("      {} — {}", b.message_en(), b.message_zh());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
