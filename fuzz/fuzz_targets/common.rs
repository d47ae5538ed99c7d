//! Shared by the fuzz targets: the input framing. The first byte selects what the target does
//! with the rest (the seeds written by `wanzheng-bench --bin fuzz-seed` start with it).

#![allow(dead_code)]

/// The selector byte and the rest of the input as text, or `None` when the rest is not UTF-8
/// (every Rust reader takes `&str`; the C target feeds raw bytes instead).
pub fn split(data: &[u8]) -> Option<(u8, &str)> {
    let (&sel, rest) = data.split_first()?;
    Some((sel, std::str::from_utf8(rest).ok()?))
}

/// A fixed report date for the obligations and findings readers.
pub fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date")
}
