//! README "Approval screens": the acts a project permits next, and a dry run of the next one.
use wanzheng::{Command, ProjectFile};

/// Prints the screen of the next act's actor on its date, then the act's dry run.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The project on screen: a project file's commands, the last one held back (the act about to be done).
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/investment/violations.json")?)?;
    let next = Command::from_value(doc["commands"].as_array_mut().ok_or("no commands")?.pop().ok_or("empty")?)?;
    let mut file = ProjectFile::run_value(doc)?;
    // Which buttons are enabled for this actor on this day, and which article greys out the others.
    let screen = file.permitted_events(Some(next.date), Some(next.actor)).ok_or("no date")?;
    for (stream, e) in screen.streams.iter().flat_map(|s| s.events.iter().map(move |e| (s, e))) {
        let why: Vec<String> =
            e.blockers.iter().filter_map(|b| Some(format!("{} {}", b.article()?, b.message_zh()))).collect();
        println!("{} {} {} {}", if e.allowed { "✓" } else { "✗" }, stream.machine.as_str(), e.event, why.join("; "));
    }
    // A dry run of the act: the transition `apply` would give (or its refusal), nothing changed.
    let t = file.workspace.what_if(next)?;
    println!("{}: {} → {}, {} outcomes", t.event, t.from, t.to, t.outcomes.len());
    Ok(())
}
