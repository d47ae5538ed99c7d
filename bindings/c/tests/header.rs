//! `include/wanzheng.h` is what cbindgen (pinned by Cargo.lock) renders from this crate, and every
//! item in it is documented. Regenerate with `scripts/gen-header.sh` (sets `WZ_BLESS_HEADER=1`).

use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    crate_dir().join("../../include/wanzheng.h")
}

fn render() -> String {
    let dir = crate_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings =
        cbindgen::Builder::new().with_crate(&dir).with_config(config).generate().expect("cbindgen renders the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn committed_header_is_what_cbindgen_renders() {
    let rendered = render();
    let path = header_path();
    if std::env::var_os("WZ_BLESS_HEADER").is_some() {
        std::fs::write(&path, &rendered).expect("write include/wanzheng.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != rendered {
        let first = committed.lines().zip(rendered.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "include/wanzheng.h differs from what cbindgen renders (first difference at line {}):\n  committed: {:?}\n  rendered:  {:?}\nrun scripts/gen-header.sh",
            first + 1,
            committed.lines().nth(first),
            rendered.lines().nth(first)
        );
    }
}

/// Lines of the header that declare something a C reader needs documented: functions, types,
/// defines, enum constants.
fn declarations(header: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (i, line) in header.lines().enumerate() {
        let t = line.trim();
        let is_decl = (t.starts_with("#define WZ_") && !t.starts_with("#define WANZHENG_H"))
            || t.starts_with("typedef ")
            || (t.starts_with("WZ_") && (t.ends_with(',') || t.contains(" = ")))
            || (!line.starts_with(' ') && t.contains(" wz_") && t.contains('(') && !t.starts_with("typedef"));
        if is_decl {
            out.push((i, line));
        }
    }
    out
}

/// The declarations of `header` not preceded by a doc comment.
fn undocumented(header: &str) -> Vec<String> {
    let lines: Vec<&str> = header.lines().collect();
    let mut out = Vec::new();
    for (i, line) in declarations(header) {
        // Skip the preprocessor lines cbindgen puts between a comment and its item.
        let mut j = i;
        while j > 0 && lines[j - 1].trim().starts_with('#') {
            j -= 1;
        }
        let prev = if j == 0 { "" } else { lines[j - 1].trim() };
        // The typedef of a sized enum follows the enum, whose comment documents both.
        let enum_typedef = line.starts_with("typedef") && (prev == "};" || prev.starts_with("typedef enum"));
        if !prev.ends_with("*/") && !enum_typedef {
            out.push(format!("line {}: {line}", i + 1));
        }
    }
    out
}

#[test]
fn every_exported_item_is_documented() {
    let header = render();
    assert!(declarations(&header).len() > 30, "too few declarations found");
    let missing = undocumented(&header);
    assert!(missing.is_empty(), "undocumented items in include/wanzheng.h:\n{}", missing.join("\n"));
}

#[test]
fn the_documentation_check_finds_an_undocumented_item() {
    let header = "/**\n * Documented.\n */\nwz_status wz_a(void);\n\nwz_status wz_b(void);\n#define WZ_X 1\n";
    assert_eq!(undocumented(header), vec!["line 6: wz_status wz_b(void);", "line 7: #define WZ_X 1"]);
}

#[test]
fn header_has_guard_cpp_compat_and_autogen_warning() {
    let header = render();
    assert!(header.contains("#ifndef WANZHENG_H") && header.contains("#define WANZHENG_H"));
    assert!(header.contains("extern \"C\""), "no C++ linkage block");
    assert!(header.contains("Do not edit by hand"));
    assert!(header.contains("#define WZ_ABI_VERSION"));
    assert!(Path::new(&header_path()).exists(), "include/wanzheng.h is committed");
}
