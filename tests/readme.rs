//! README "Approval screens" (issue 13): each language's example is the text the README shows,
//! and runs. The Rust block is `crates/wanzheng/examples/approval_screen.rs` (a module here,
//! run from the repository root); the C block is a passage of `examples/c/approval_screen.c`
//! (built and run by the C examples' CTest); the Python block is run by
//! `bindings/python/tests/test_readme_screen.py`.

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The fenced block after `<!-- approval-screen:LANG -->`.
fn block(readme: &str, lang: &str) -> String {
    let marker = format!("<!-- approval-screen:{lang} -->\n```{lang}\n");
    let start =
        readme.find(&marker).unwrap_or_else(|| panic!("README has no {lang} approval-screen block")) + marker.len();
    let len = readme[start..].find("```\n").expect("the block is closed");
    readme[start..start + len].to_string()
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).expect("README.md")
}

/// Source: issue 13 — the README's Rust approval screen is the example program, verbatim.
#[test]
fn rust_block_is_the_example() {
    let example = std::fs::read_to_string(repo().join("crates/wanzheng/examples/approval_screen.rs")).expect("example");
    assert_eq!(block(&readme(), "rust"), example);
}

/// Source: issue 13 — the README's C approval screen is a passage of the C example program.
#[test]
fn c_block_is_in_the_example() {
    let example = std::fs::read_to_string(repo().join("examples/c/approval_screen.c")).expect("example");
    let indented: String = block(&readme(), "c")
        .lines()
        .map(|l| if l.is_empty() { "\n".to_string() } else { format!("    {l}\n") })
        .collect();
    assert!(example.contains(&indented), "README C block not found in examples/c/approval_screen.c:\n{indented}");
}

#[path = "../crates/wanzheng/examples/approval_screen.rs"]
mod example;

/// Source: issue 13 — the README's Rust approval screen runs (from the repository root, where
/// its path is).
#[test]
fn rust_block_runs() {
    std::env::set_current_dir(repo()).expect("cd");
    example::main().expect("the README example runs");
}
