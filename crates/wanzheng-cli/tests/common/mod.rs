//! What the command-line tests share: the repository root, running the built `wanzheng`
//! binary there, and reading its JSON output.
#![allow(dead_code)] // each test file uses the part it needs

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root (fixtures and examples are read from it).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the built `wanzheng` with `args` in the repository root.
pub fn wanzheng(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wanzheng")).args(args).current_dir(repo()).output().expect("runs wanzheng")
}

/// The JSON on `out`'s stdout; panics with its stderr when it is not JSON.
pub fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}
