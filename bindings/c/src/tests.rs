//! Rust tests of the C ABI: they call the exported functions as C would.
