//! The streaming canonical JSON writer behind the hash chain (RULES.md §1.7).
//!
//! Log entries are hashed from their canonical JSON: compact, struct fields in declared
//! order, absent optionals omitted. That is exactly what `serde_json` writes; this module
//! writes the same bytes straight into SHA-256 through a small stack buffer, without
//! building a string and without `serde_json`'s per-token writes into the hasher:
//!
//! * strings are checked eight bytes at a time for the characters JSON escapes (`"`, `\`,
//!   controls) and copied whole when there are none (the usual case);
//! * integers are formatted on the stack;
//! * `collect_str` values (dates) are formatted into a stack buffer, not a `String`.
//!
//! The escapes are serde_json's: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, other controls as
//! `\u00xx` (lowercase hex); nothing else is escaped. Shapes this writer does not take
//! (floats, byte strings, 128-bit integers, non-string map keys) make it give up, and
//! [`hash`] then hashes the value through `serde_json` from the start, so the digest is always
//! that of `serde_json::to_vec(value)`. Tests compare the two writers byte for byte.

use std::cell::RefCell;
use std::fmt;

use serde::ser::{self, Serialize};
use sha2::{Digest, Sha256};

use chrono::{Datelike, NaiveDate};

use crate::log::{Hash32, LogEntry};
use crate::outcome::Mode;

/// SHA-256 of the compact JSON of `v` (the bytes `serde_json::to_vec(v)` would produce).
pub(crate) fn hash<T: Serialize + ?Sized>(v: &T) -> Hash32 {
    if let Some(h) = with_sink(|sink| v.serialize(Writer { out: sink }).is_ok()) {
        return h;
    }
    // A shape the fast writer does not take: hash serde_json's bytes instead.
    let mut w = IoHash(Sha256::new());
    let _ = serde_json::to_writer(&mut w, v);
    Hash32(w.0.finalize().into())
}

/// SHA-256 of a log entry's canonical JSON without `hash` (RULES.md §1.7): the envelope is
/// written here field by field (constant keys as single copies, hashes as hex, the date as
/// ten digits); the stream's ids, the facts, co-actors, documents and outcomes go through the
/// generic writer. The bytes are those of `serde_json::to_vec` of the entry's `Canonical` view
/// (tests compare them entry by entry).
pub(crate) fn entry_hash(e: &LogEntry, prev: Hash32) -> Hash32 {
    if let Some(h) = with_sink(|sink| write_entry(sink, e, &prev).is_ok()) {
        return h;
    }
    hash(&crate::log::Canonical { e, prev, with_hash: false })
}

thread_local! {
    /// The buffer in front of SHA-256, reused from one hash to the next (not zeroed each time).
    static SCRATCH: RefCell<Box<[u8; BUF]>> = RefCell::new(Box::new([0; BUF]));
}

/// Runs `write` into a fresh hashing sink over the thread's scratch buffer (a local buffer if
/// that is in use); the digest when `write` succeeded.
fn with_sink(write: impl FnOnce(&mut HashSink<'_>) -> bool) -> Option<Hash32> {
    let mut write = Some(write);
    let mut run = |buf: &mut [u8; BUF]| {
        let mut sink = HashSink { buf, len: 0, hasher: Sha256::new() };
        let ok = write.take().is_some_and(|w| w(&mut sink));
        ok.then(|| sink.finish())
    };
    let shared = SCRATCH.try_with(|cell| cell.try_borrow_mut().ok().map(|mut b| run(&mut b))).ok().flatten();
    match shared {
        Some(h) => h,
        None => run(&mut [0; BUF]),
    }
}

/// The canonical JSON of an entry as [`entry_hash`] writes it (tests and benchmarks).
pub(crate) fn entry_to_vec(e: &LogEntry, prev: Hash32) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(1024);
    write_entry(&mut out, e, &prev).ok()?;
    Some(out)
}

fn write_entry<S: Sink>(out: &mut S, e: &LogEntry, prev: &Hash32) -> Result<(), Unsupported> {
    out.put(b"{\"schema_version\":");
    write_u64(out, e.schema_version().into());
    out.put(b",\"seq\":");
    write_u64(out, e.seq().into());
    out.put(b",\"stream\":{\"machine\":");
    write_str(out, e.stream().machine.as_str());
    if let Some(p) = &e.stream().project_id {
        out.put(b",\"project_id\":");
        write_str(out, p);
    }
    out.put(b",\"instance\":");
    write_str(out, &e.stream().instance);
    out.byte(b'}');
    if let Some(c) = e.project_code() {
        out.put(b",\"project_code\":");
        write_str(out, c);
    }
    out.put(b",\"event\":");
    write_str(out, e.event().name());
    out.put(b",\"actor\":");
    write_str(out, e.actor().as_str());
    out.put(b",\"actor_org\":");
    write_str(out, e.actor_org());
    out.put(b",\"co_actors\":");
    e.co_actors().serialize(Writer { out: &mut *out })?;
    out.put(b",\"date\":");
    write_date(out, e.date())?;
    out.put(match e.mode() {
        Mode::Enforce => b",\"mode\":\"enforce\",\"facts\":".as_slice(),
        Mode::Record => b",\"mode\":\"record\",\"facts\":".as_slice(),
    });
    e.event().facts().serialize(Writer { out: &mut *out })?;
    out.put(b",\"doc_refs\":");
    e.doc_refs().serialize(Writer { out: &mut *out })?;
    out.put(b",\"outcomes\":");
    e.outcomes().serialize(Writer { out: &mut *out })?;
    out.put(b",\"from\":");
    write_str(out, e.from());
    out.put(b",\"to\":");
    write_str(out, e.to());
    out.put(b",\"config_id\":");
    write_hex(out, &e.config_id());
    out.put(b",\"prev_hash\":");
    write_hex(out, prev);
    out.byte(b'}');
    Ok(())
}

/// `"<64 lowercase hex digits>"`.
fn write_hex<S: Sink>(out: &mut S, h: &Hash32) {
    let mut hex = [0u8; 64];
    h.hex_into(&mut hex);
    out.byte(b'"');
    out.put(&hex);
    out.byte(b'"');
}

/// `"YYYY-MM-DD"` for years 0–9999 (chrono's ISO form); other years through chrono's serde.
fn write_date<S: Sink>(out: &mut S, d: NaiveDate) -> Result<(), Unsupported> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.serialize(Writer { out });
    }
    let y = y as u32;
    // The twelve bytes built in registers (byte i at bits 8i) and stored whole: a piecewise
    // array read back as words would stall on store forwarding.
    let digit = |v: u32| u64::from(b'0' + v as u8);
    let head = u64::from(b'"')
        | digit(y / 1000) << 8
        | digit(y / 100 % 10) << 16
        | digit(y / 10 % 10) << 24
        | digit(y % 10) << 32
        | u64::from(b'-') << 40
        | digit(m / 10) << 48
        | digit(m % 10) << 56;
    let tail = u32::from(b'-') | (digit(day / 10) as u32) << 8 | (digit(day % 10) as u32) << 16 | u32::from(b'"') << 24;
    let mut bytes = [0u8; 12];
    bytes[..8].copy_from_slice(&head.to_le_bytes());
    bytes[8..].copy_from_slice(&tail.to_le_bytes());
    out.put(&bytes);
    Ok(())
}

/// The compact JSON of `v` as this writer produces it (tests compare it with serde_json's).
#[cfg(test)]
pub(crate) fn to_vec<T: Serialize + ?Sized>(v: &T) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    v.serialize(Writer { out: &mut out }).ok()?;
    Some(out)
}

struct IoHash(Sha256);

impl std::io::Write for IoHash {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the bytes go.
trait Sink {
    fn put(&mut self, b: &[u8]);
    fn byte(&mut self, b: u8);

    /// Writes `"text"` when `text` needs no escape and returns true; otherwise writes nothing and
    /// returns false (the caller escapes).
    fn plain_string(&mut self, text: &[u8]) -> bool {
        if needs_escape(text) {
            return false;
        }
        self.byte(b'"');
        self.put(text);
        self.byte(b'"');
        true
    }
}

const BUF: usize = 2048;

/// A buffer in front of SHA-256: the hasher sees a few large updates (one per entry, usually).
struct HashSink<'a> {
    buf: &'a mut [u8; BUF],
    len: usize,
    hasher: Sha256,
}

impl HashSink<'_> {
    #[cold]
    fn put_slow(&mut self, b: &[u8]) {
        if self.len + b.len() > BUF {
            self.flush();
            if b.len() >= BUF {
                self.hasher.update(b);
                return;
            }
        }
        self.buf[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
    }

    fn flush(&mut self) {
        self.hasher.update(&self.buf[..self.len]);
        self.len = 0;
    }

    fn finish(mut self) -> Hash32 {
        self.flush();
        Hash32(self.hasher.finalize().into())
    }
}

/// Room kept free after every piece so that short pieces can be copied a word at a time.
const SLACK: usize = 16;

impl Sink for HashSink<'_> {
    #[inline(always)]
    fn put(&mut self, b: &[u8]) {
        let n = b.len();
        let at = self.len;
        if n <= 16 && at + SLACK <= BUF {
            // Small pieces (keys, punctuation, short values): two overlapping fixed-size copies
            // instead of a call to memcpy.
            if n >= 8 {
                self.buf[at..at + 8].copy_from_slice(&b[..8]);
                self.buf[at + n - 8..at + n].copy_from_slice(&b[n - 8..]);
            } else if n >= 4 {
                self.buf[at..at + 4].copy_from_slice(&b[..4]);
                self.buf[at + n - 4..at + n].copy_from_slice(&b[n - 4..]);
            } else {
                for (i, &c) in b.iter().enumerate() {
                    self.buf[at + i] = c;
                }
            }
            self.len = at + n;
        } else if at + n <= BUF {
            self.buf[at..at + n].copy_from_slice(b);
            self.len = at + n;
        } else {
            self.put_slow(b);
        }
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        if self.len == BUF {
            self.flush();
        }
        self.buf[self.len] = b;
        self.len += 1;
    }

    /// The quote, the text and the closing quote, the text copied eight bytes at a time while
    /// it is checked for characters to escape (one pass, no call to memcpy).
    #[inline(always)]
    fn plain_string(&mut self, text: &[u8]) -> bool {
        let n = text.len();
        if n > 128 || self.len + n + 2 + SLACK > BUF {
            if needs_escape(text) {
                return false;
            }
            self.byte(b'"');
            self.put(text);
            self.byte(b'"');
            return true;
        }
        let start = self.len + 1;
        let mut found = 0u64;
        let mut chunks = text.chunks_exact(8);
        let mut at = start;
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            found |= escapes(w);
            self.buf[at..at + 8].copy_from_slice(&w.to_le_bytes());
            at += 8;
        }
        let r = chunks.remainder().len();
        if r > 0 {
            // The tail as one word padded with spaces (never escaped; the padding lands in the
            // slack), assembled in a register: the last eight bytes shifted down when the text
            // is that long, else byte by byte (no round trip through memory).
            const SPACES: u64 = LO * b' ' as u64;
            let tail = if n >= 8 {
                let t = &text[n - 8..];
                u64::from_le_bytes([t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]]) >> (8 * (8 - r))
            } else {
                text.iter().enumerate().fold(0u64, |w, (i, &c)| w | (u64::from(c) << (8 * i)))
            };
            let w = tail | (SPACES << (8 * r));
            found |= escapes(w);
            self.buf[at..at + 8].copy_from_slice(&w.to_le_bytes());
        }
        if found != 0 {
            return false;
        }
        self.buf[start - 1] = b'"';
        self.buf[start + n] = b'"';
        self.len = start + n + 1;
        true
    }
}

/// Non-zero when a byte of `x` is a control (< 0x20), `"` or `\` (the classic zero-byte test;
/// exact for "any").
#[inline(always)]
fn escapes(x: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    (x.wrapping_sub(LO * 0x20) & !x & HI) | zero(x ^ (LO * b'"' as u64)) | zero(x ^ (LO * b'\\' as u64))
}

impl Sink for Vec<u8> {
    fn put(&mut self, b: &[u8]) {
        self.extend_from_slice(b);
    }
    fn byte(&mut self, b: u8) {
        self.push(b);
    }
}

/// The writer gave up on a shape it does not take (the caller falls back to serde_json).
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("shape not taken by the canonical writer")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of the word is zero.
#[inline]
fn has_zero(x: u64) -> bool {
    x.wrapping_sub(LO) & !x & HI != 0
}

/// Whether `s` holds a byte JSON escapes: `"`, `\` or a control (< 0x20).
#[inline]
fn needs_escape(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w);
        // Bytes below 0x20 (exact for "any" with bytes ≥ 0x80 masked by !x), quote, backslash.
        if (x.wrapping_sub(LO * 0x20) & !x & HI) != 0
            || has_zero(x ^ (LO * b'"' as u64))
            || has_zero(x ^ (LO * b'\\' as u64))
        {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[inline]
fn write_str<S: Sink>(out: &mut S, s: &str) {
    let b = s.as_bytes();
    if out.plain_string(b) {
        return;
    }
    out.byte(b'"');
    {
        let mut start = 0;
        for (i, &c) in b.iter().enumerate() {
            let esc: &[u8] = match c {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x09 => b"\\t",
                0x0A => b"\\n",
                0x0C => b"\\f",
                0x0D => b"\\r",
                0x00..=0x1F => &[b'\\', b'u', b'0', b'0', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]],
                _ => continue,
            };
            out.put(&b[start..i]);
            out.put(esc);
            start = i + 1;
        }
        out.put(&b[start..]);
    }
    out.byte(b'"');
}

/// `"key":`.
#[inline]
fn write_key<S: Sink>(out: &mut S, key: &str) {
    write_str(out, key);
    out.byte(b':');
}

fn write_u64<S: Sink>(out: &mut S, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.put(&buf[i..]);
}

fn write_i64<S: Sink>(out: &mut S, v: i64) {
    if v < 0 {
        out.byte(b'-');
    }
    write_u64(out, v.unsigned_abs());
}

/// A `fmt::Write` into a stack buffer (for `collect_str`); `None` once it overflows.
struct StackText {
    buf: [u8; 64],
    len: usize,
    overflow: bool,
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let b = s.as_bytes();
        if self.len + b.len() > self.buf.len() {
            self.overflow = true;
            return Err(fmt::Error);
        }
        self.buf[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
        Ok(())
    }
}

struct Writer<'a, S: Sink> {
    out: &'a mut S,
}

impl<'a, S: Sink> ser::Serializer for Writer<'a, S> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a, S>;
    type SerializeTuple = Compound<'a, S>;
    type SerializeTupleStruct = Compound<'a, S>;
    type SerializeTupleVariant = Compound<'a, S>;
    type SerializeMap = Compound<'a, S>;
    type SerializeStruct = Compound<'a, S>;
    type SerializeStructVariant = Compound<'a, S>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.put(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        write_i64(self.out, v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        write_i64(self.out, v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        write_i64(self.out, v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        write_i64(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        write_u64(self.out, v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        write_u64(self.out, v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        write_u64(self.out, v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        write_u64(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.put(b"null");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.put(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        self.out.byte(b'{');
        write_str(self.out, variant);
        self.out.byte(b':');
        v.serialize(Writer { out: &mut *self.out })?;
        self.out.byte(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, S>, Unsupported> {
        self.out.byte(b'[');
        Ok(Compound { out: self.out, first: true, close: b"]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, S>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, S>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, S>, Unsupported> {
        self.out.byte(b'{');
        write_str(self.out, variant);
        self.out.put(b":[");
        Ok(Compound { out: self.out, first: true, close: b"]}" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, S>, Unsupported> {
        self.out.byte(b'{');
        Ok(Compound { out: self.out, first: true, close: b"}" })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, S>, Unsupported> {
        self.out.byte(b'{');
        Ok(Compound { out: self.out, first: true, close: b"}" })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, S>, Unsupported> {
        self.out.byte(b'{');
        write_str(self.out, variant);
        self.out.put(b":{");
        Ok(Compound { out: self.out, first: true, close: b"}}" })
    }
    fn collect_str<T: ?Sized + fmt::Display>(self, v: &T) -> Result<(), Unsupported> {
        use fmt::Write as _;
        let mut t = StackText { buf: [0; 64], len: 0, overflow: false };
        if write!(t, "{v}").is_ok() {
            // The buffer holds whole `str` pieces: valid UTF-8.
            write_str(self.out, std::str::from_utf8(&t.buf[..t.len]).map_err(|_| Unsupported)?);
        } else if t.overflow {
            write_str(self.out, &v.to_string());
        } else {
            return Err(Unsupported);
        }
        Ok(())
    }
}

struct Compound<'a, S: Sink> {
    out: &'a mut S,
    first: bool,
    close: &'static [u8],
}

impl<S: Sink> Compound<'_, S> {
    #[inline]
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.out.byte(b',');
        }
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, v: &T) -> Result<(), Unsupported> {
        self.comma();
        write_key(self.out, key);
        v.serialize(Writer { out: &mut *self.out })
    }

    fn element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.comma();
        v.serialize(Writer { out: &mut *self.out })
    }

    fn close(self) -> Result<(), Unsupported> {
        self.out.put(self.close);
        Ok(())
    }
}

impl<S: Sink> ser::SerializeSeq for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.element(v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl<S: Sink> ser::SerializeTuple for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.element(v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl<S: Sink> ser::SerializeTupleStruct for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.element(v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl<S: Sink> ser::SerializeTupleVariant for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.element(v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl<S: Sink> ser::SerializeMap for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Result<(), Unsupported> {
        self.comma();
        k.serialize(KeyWriter { out: &mut *self.out })?;
        self.out.byte(b':');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(Writer { out: &mut *self.out })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl<S: Sink> ser::SerializeStruct for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

impl<S: Sink> ser::SerializeStructVariant for Compound<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

/// Map keys: strings (and what serialises as one) only; anything else falls back.
struct KeyWriter<'a, S: Sink> {
    out: &'a mut S,
}

impl<S: Sink> ser::Serializer for KeyWriter<'_, S> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i8(self, _: i8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _: i16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _: i32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _: i64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u8(self, _: u8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u16(self, _: u16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u32(self, _: u32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u64(self, _: u64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;

    fn same<T: Serialize + ?Sized>(v: &T) {
        let ours = to_vec(v).expect("taken");
        let theirs = serde_json::to_vec(v).unwrap();
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        assert_eq!(hash(v), Hash32(Sha256::digest(&theirs).into()));
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, String),
        Struct { a: Option<bool>, b: i64 },
    }

    #[derive(Serialize)]
    struct S<'a> {
        s: &'a str,
        n: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        e: Vec<E>,
        m: BTreeMap<String, (i32, char)>,
        unit: (),
        d: chrono::NaiveDate,
    }

    /// Every ASCII character alone and inside text is written as serde_json writes it.
    #[test]
    fn escapes_match_serde_json() {
        for c in 0u8..0x80 {
            let one = (c as char).to_string();
            same(&one);
            same(&format!("abcdefgh{one}ijklmnop{one}"));
            same(&format!("{one}一二三四五六七八"));
        }
        same("");
        same("南阳市卫生健康委员会 \u{7f} \u{2028} 🙂");
    }

    /// Every shape the writer takes is written as serde_json writes it; other shapes fall back.
    #[test]
    fn shapes_match_serde_json() {
        let mut m = BTreeMap::new();
        m.insert("b\"".to_string(), (-5, '\n'));
        m.insert("a".to_string(), (i32::MIN, 'x'));
        let v = S {
            s: "x\\y",
            n: None,
            skipped: None,
            e: vec![E::Unit, E::New(255), E::Tuple(0, "t".into()), E::Struct { a: Some(false), b: i64::MIN }],
            m,
            unit: (),
            d: chrono::NaiveDate::from_ymd_opt(2023, 7, 3).unwrap(),
        };
        same(&v);
        same(&(u64::MAX, i64::MAX, 0u8, -1i8));
        same(&Vec::<u8>::new());
        // Floats and integer map keys fall back to serde_json: the hash is still serde_json's.
        assert!(to_vec(&1.5f64).is_none());
        let f = (1.5f64, "x");
        assert_eq!(hash(&f), Hash32(Sha256::digest(serde_json::to_vec(&f).unwrap()).into()));
        let mut k = BTreeMap::new();
        k.insert(2024, "y");
        assert!(to_vec(&k).is_none());
        assert_eq!(hash(&k), Hash32(Sha256::digest(serde_json::to_vec(&k).unwrap()).into()));
        // Long text (past the stack buffers) and long collect_str values.
        same(&"长".repeat(700));
        struct Long;
        impl Serialize for Long {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&"\"q\" ".repeat(40))
            }
        }
        same(&Long);
    }

    fn entry(org: &str, instance: &str, code: Option<&str>, date: NaiveDate) -> LogEntry {
        use crate::actor::{Actor, DocKind, DocRef};
        use crate::investment::InvEvent;
        use crate::investment::events::WithdrawProject;
        use crate::log::{CoActor, Command, Log, MachineId, Stream};
        use crate::outcome::{Outcome, OutcomeKind};
        let ev = InvEvent::from(WithdrawProject { reason: format!("{org}{instance}") });
        let mut cmd = Command::new(Stream::sub(MachineId::Change, "P\"1", instance), ev, Actor::Drc, date)
            .org(org)
            .doc(DocRef::new(DocKind::Approval, org));
        cmd.project_code = code.map(Into::into);
        cmd.co_actors.push(CoActor { actor: Actor::Finance, actor_org: org.into() });
        cmd.mode = if instance.len().is_multiple_of(2) { Mode::Record } else { Mode::Enforce };
        let mut log = Log::new();
        let o = vec![Outcome::new(OutcomeKind::Finding, crate::rules::INV_8, org.to_string())];
        log.append(cmd, o, "none", "change_cancelled", Hash32([0x5a; 32]));
        log.entries()[0].clone()
    }

    fn same_entry(e: &LogEntry) {
        for prev in [Hash32::ZERO, Hash32([0x3c; 32])] {
            let ours = entry_to_vec(e, prev).expect("taken");
            assert_eq!(String::from_utf8_lossy(&ours), e.canonical_json(prev));
            assert_eq!(entry_hash(e, prev), Hash32(Sha256::digest(e.canonical_json(prev).as_bytes()).into()));
        }
    }

    /// Entry envelopes, dates at the edges of the fast path included, match serde_json.
    #[test]
    fn entries_match_serde_json() {
        for (y, m, d) in [(2023, 7, 3), (0, 1, 1), (9999, 12, 31), (-1, 6, 15), (10000, 1, 1), (-44, 3, 15)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            same(&date);
            same_entry(&entry("南阳\"市\n", "C-1", Some("2307"), date));
            same_entry(&entry("", "", None, date));
        }
    }

    proptest! {
        /// Any envelope text is written (and hashed) as serde_json writes it.
        #[test]
        fn any_entry_matches_serde_json(org in any::<String>(), inst in "[\\x00-\\x7f]{0,12}", code in proptest::option::of(any::<String>())) {
            same_entry(&entry(&org, &inst, code.as_deref(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()));
        }

        /// Any text is written (and hashed) as serde_json writes it.
        #[test]
        fn any_text_matches_serde_json(s in any::<String>(), t in "[\\x00-\\x7f]{0,40}") {
            same(&s);
            same(&t);
            same(&(s.as_str(), t.as_str()));
        }
    }
}
