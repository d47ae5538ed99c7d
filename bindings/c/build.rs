//! Gives the shared library its SONAME: `libwanzheng.so.<WZ_ABI_VERSION>` (bindings/c/README.md,
//! "Versions"). The name changes exactly when the ABI does, so a program linked against one ABI
//! never loads a library of another; `make install` puts the file under that name with the
//! `libwanzheng.so` link beside it.

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    let lib = std::fs::read_to_string("src/lib.rs").expect("bindings/c/src/lib.rs");
    let abi = lib
        .lines()
        .find_map(|l| l.strip_prefix("pub const WZ_ABI_VERSION: u32 = ")?.strip_suffix(';'))
        .expect("WZ_ABI_VERSION in src/lib.rs");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" || target_os == "freebsd" || target_os == "android" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libwanzheng.so.{abi}");
    }
}
