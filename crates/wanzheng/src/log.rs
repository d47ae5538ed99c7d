//! The event envelope, the log and its hash chain (RULES.md §1.7, INV-57).
//!
//! Each accepted command is appended as one [`LogEntry`], fields in the order of
//! RULES.md §1.7. `hash` is the lowercase hex SHA-256 of the canonical JSON of
//! the entry without `hash`: UTF-8, no insignificant whitespace, struct fields
//! in documented order, the keys of `facts` (and everything inside it) sorted,
//! absent optionals omitted, amounts as strings. The canonical JSON is
//! streamed straight into the hasher; no string is built. `prev_hash` of seq 1
//! is 64 zeros. Any alteration, deletion or reordering breaks the chain.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::actor::{Actor, DocRef};
use crate::error::{InputError, InputReason};
use crate::event::Event;
use crate::json::{SCHEMA_VERSION, check_schema_version};
use crate::outcome::{Mode, Outcome};

/// A SHA-256 digest, written as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash32(pub [u8; 32]);

impl Hash32 {
    /// 64 zeros: the `prev_hash` of seq 1.
    pub const ZERO: Hash32 = Hash32([0; 32]);

    /// SHA-256 of the compact JSON of `v` (the bytes `serde_json::to_vec` gives), streamed into
    /// the hasher through a stack buffer by the canonical writer; no string is built.
    pub fn of_json<T: Serialize + ?Sized>(v: &T) -> Hash32 {
        crate::canonical::hash(v)
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        let mut buf = [0u8; 64];
        self.hex_into(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// The 64 lowercase hex digits into `buf`, four bytes at a time (the nibbles spread over a
    /// word and turned into digits arithmetically, without a table).
    pub(crate) fn hex_into(&self, buf: &mut [u8; 64]) {
        const LOW: u64 = 0x0101_0101_0101_0101;
        for (src, dst) in self.0.chunks_exact(4).zip(buf.chunks_exact_mut(8)) {
            let mut x = u64::from(u32::from_be_bytes([src[0], src[1], src[2], src[3]]));
            x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
            x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF;
            x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
            // Each byte is a nibble n; n ≥ 10 sets bit 7 of n + 0x76.
            let letters = ((x + 0x76 * LOW) >> 7) & LOW;
            dst.copy_from_slice(&(x + 0x30 * LOW + letters * 39).to_be_bytes());
        }
    }

    /// Parses 64 hex digits (either case): each digit through a table, the bad ones noted as
    /// they pass rather than branched on (three hashes per stored entry are read this way).
    pub fn from_hex(s: &str) -> Option<Hash32> {
        let b: &[u8; 64] = s.as_bytes().try_into().ok()?;
        let mut out = [0u8; 32];
        let mut bad = 0u8;
        for (o, p) in out.iter_mut().zip(b.chunks_exact(2)) {
            let (hi, lo) = (HEX[usize::from(p[0])], HEX[usize::from(p[1])]);
            bad |= hi | lo;
            *o = (hi << 4) | (lo & 0x0F);
        }
        (bad & 0x80 == 0).then_some(Hash32(out))
    }
}

/// Each byte's value as a hex digit (either case); 0x80 for a byte that is not one.
const HEX: [u8; 256] = {
    let mut t = [0x80u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            d @ b'0'..=b'9' => d - b'0',
            d @ b'a'..=b'f' => d - b'a' + 10,
            d @ b'A'..=b'F' => d - b'A' + 10,
            _ => 0x80,
        };
        c += 1;
    }
    t
};

/// A string read without copying it when the text allows (serde's own `Cow<str>` always
/// copies), turned into `T` by the function, or refused with the message (another type: the
/// error `String` gives, "expected a string").
struct StrVisitor<T>(fn(&str) -> Option<T>, &'static str);

impl<T> serde::de::Visitor<'_> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        (self.0)(s).ok_or_else(|| E::custom(self.1))
    }
}

impl fmt::Debug for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash32({})", self.to_hex())
    }
}

impl fmt::Display for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Hash32 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 64];
        self.hex_into(&mut buf);
        s.serialize_str(std::str::from_utf8(&buf).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for Hash32 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(Hash32::from_hex, "expected 64 hex digits"))
    }
}

impl schemars::JsonSchema for Hash32 {
    fn schema_name() -> Cow<'static, str> {
        "Hash32".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[0-9a-f]{64}$"})
    }
}

/// A shared, immutable identifier or name (project id, instance, project code, acting body,
/// contract, tender, request and item ids, names kept in a ledger).
///
/// The same few strings recur in a project's commands, log and ledger; an `Id` is a shared
/// string (`Arc<str>`: one allocation, and a copy is a reference count, not a new string), so
/// the ledger keeps the ids of the facts it records without copying them, and consecutive log
/// entries with the same stream, code and acting body share one copy. It dereferences to `str`
/// and compares with `str`, `&str` and `String`.
#[derive(Clone, Eq, PartialOrd, Ord)]
pub struct Id(std::sync::Arc<str>);

impl Default for Id {
    /// The empty id (one shared allocation).
    fn default() -> Id {
        static EMPTY: std::sync::OnceLock<Id> = std::sync::OnceLock::new();
        EMPTY.get_or_init(|| Id(std::sync::Arc::from(""))).clone()
    }
}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h);
    }
}

/// Text equality for the short ids and names compared on every command (stream ids, event
/// and duty names, project codes): the same allocation, or the same length and the bytes compared
/// in whole words in line, without a call into the C library's `memcmp` and without a byte loop:
/// 8-byte words, the last one overlapping the one before; under 8 bytes two overlapping 4- or
/// 2-byte loads (the judged hot path, issue 9).
#[inline]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if a.as_ptr() == b.as_ptr() {
        return true;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word8(a, i) != word8(b, i) {
                return false;
            }
            i += 8;
        }
        return word8(a, n - 8) == word8(b, n - 8);
    }
    if n >= 4 {
        return word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4);
    }
    if n >= 2 {
        return word2(a, 0) == word2(b, 0) && word2(a, n - 2) == word2(b, n - 2);
    }
    n == 0 || a[0] == b[0]
}

/// The 8 bytes of `s` from `at` as one word (one load once inlined).
#[inline(always)]
fn word8(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[at..at + 8]);
    u64::from_ne_bytes(w)
}

/// The 4 bytes of `s` from `at` as one word.
#[inline(always)]
fn word4(s: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&s[at..at + 4]);
    u32::from_ne_bytes(w)
}

/// The 2 bytes of `s` from `at` as one word.
#[inline(always)]
fn word2(s: &[u8], at: usize) -> u16 {
    let mut w = [0u8; 2];
    w.copy_from_slice(&s[at..at + 2]);
    u16::from_ne_bytes(w)
}

impl PartialEq for Id {
    fn eq(&self, o: &Id) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &o.0) || same_text(&self.0, &o.0)
    }
}

impl Id {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(std::sync::Arc::from(s))
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(std::sync::Arc::from(s))
    }
}

impl From<Id> for String {
    fn from(s: Id) -> String {
        s.as_str().to_string()
    }
}

impl From<&Id> for Id {
    fn from(s: &Id) -> Id {
        s.clone()
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Id {
        Id::from(s.as_str())
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, o: &str) -> bool {
        same_text(self, o)
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, o: &&str) -> bool {
        same_text(self, o)
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, o: &String) -> bool {
        same_text(self, o)
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, o: &Id) -> bool {
        same_text(self, o)
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, o: &Id) -> bool {
        same_text(self, o)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(|s| Some(Id::from(s)), "a string"))
    }
}

impl schemars::JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "String".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string"})
    }
}

/// The machines (RULES.md §8), as stream ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MachineId {
    /// `InvestmentProject` lifecycle.
    Inv,
    /// `AnnualPlan` stream of a plan year.
    Plan,
    /// `Change` sub-machine.
    Change,
    /// `Adjustment` sub-machine.
    Adjustment,
    /// `AccountabilityCase` sub-machine.
    Accountability,
    /// `DigitalProject` lifecycle.
    Dig,
    /// `DigCycle` annual cycle.
    DigCycle,
}

impl MachineId {
    /// The wire id.
    pub const fn as_str(self) -> &'static str {
        match self {
            MachineId::Inv => "inv",
            MachineId::Plan => "plan",
            MachineId::Change => "change",
            MachineId::Adjustment => "adjustment",
            MachineId::Accountability => "accountability",
            MachineId::Dig => "dig",
            MachineId::DigCycle => "dig_cycle",
        }
    }
}

impl fmt::Display for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which stream an entry belongs to: `{machine, project_id?, instance}` (RULES.md §1.7).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stream {
    /// The machine.
    pub machine: MachineId,
    /// The project (absent on `plan` and `dig_cycle` streams).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Id>,
    /// project_id, change_id, adjustment_id, case_id, or the year P.
    pub instance: Id,
}

impl Stream {
    /// A project's own lifecycle stream (`inv` or `dig`).
    pub fn project(machine: MachineId, project_id: &str) -> Stream {
        let id = Id::from(project_id);
        Stream { machine, project_id: Some(id.clone()), instance: id }
    }

    /// A sub-machine instance of a project.
    pub fn sub(machine: MachineId, project_id: &str, instance: &str) -> Stream {
        Stream { machine, project_id: Some(project_id.into()), instance: instance.into() }
    }

    /// A yearly stream (`plan` or `dig_cycle`).
    pub fn year(machine: MachineId, year: i32) -> Stream {
        Stream { machine, project_id: None, instance: Id::from(year.to_string()) }
    }
}

/// A joint actor (INV-41 review, plan drafting, DIG-14.1, 16.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoActor {
    /// Actor id.
    pub actor: Actor,
    /// The concrete body.
    #[serde(default)]
    pub actor_org: String,
}

/// One command: an event with its envelope and mode (RULES.md §1.6, §1.7).
///
/// JSON: `{"schema_version":1, "stream":{…}, "project_code":…, "event":"submit_fsr",
/// "actor":"project_unit", "actor_org":"…", "co_actors":[…], "date":"2023-07-01",
/// "mode":"enforce", "facts":{…}, "doc_refs":[…]}`; `schema_version`, `project_code`,
/// `actor_org`, `co_actors`, `mode` and `doc_refs` are optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The stream.
    pub stream: Stream,
    /// 项目统一代码 (INV-9.2).
    pub project_code: Option<Id>,
    /// The event and its facts.
    pub event: Event,
    /// Who acts.
    pub actor: Actor,
    /// The concrete body acting.
    pub actor_org: Id,
    /// Joint actors.
    pub co_actors: Vec<CoActor>,
    /// When.
    pub date: NaiveDate,
    /// `enforce` or `record`.
    pub mode: Mode,
    /// Archived documents.
    pub doc_refs: Vec<DocRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommand {
    #[serde(default)]
    #[allow(dead_code)]
    schema_version: Option<u32>,
    stream: Stream,
    #[serde(default)]
    project_code: Option<Id>,
    event: String,
    actor: Actor,
    #[serde(default)]
    actor_org: Id,
    #[serde(default)]
    co_actors: Vec<CoActor>,
    #[serde(deserialize_with = "crate::date::strict")]
    date: NaiveDate,
    #[serde(default)]
    mode: Mode,
    #[serde(default = "empty_facts")]
    facts: serde_json::Value,
    #[serde(default)]
    doc_refs: Vec<DocRef>,
}

fn empty_facts() -> serde_json::Value {
    serde_json::Value::Object(serde_json::Map::new())
}

impl Command {
    /// A command in `enforce` mode with no co-actors, code or documents.
    pub fn new(stream: Stream, event: impl Into<Event>, actor: Actor, date: NaiveDate) -> Command {
        Command {
            stream,
            project_code: None,
            event: event.into(),
            actor,
            actor_org: Id::default(),
            co_actors: Vec::new(),
            date,
            mode: Mode::Enforce,
            doc_refs: Vec::new(),
        }
    }

    /// Sets the acting body.
    pub fn org(mut self, org: impl Into<Id>) -> Command {
        self.actor_org = org.into();
        self
    }

    /// Sets the project code.
    pub fn code(mut self, code: impl Into<Id>) -> Command {
        self.project_code = Some(code.into());
        self
    }

    /// Sets the mode.
    pub fn mode(mut self, mode: Mode) -> Command {
        self.mode = mode;
        self
    }

    /// Adds a joint actor.
    pub fn with(mut self, actor: Actor, org: impl Into<String>) -> Command {
        self.co_actors.push(CoActor { actor, actor_org: org.into() });
        self
    }

    /// Adds an archived document.
    pub fn doc(mut self, d: DocRef) -> Command {
        self.doc_refs.push(d);
        self
    }

    /// Parses a command from a JSON value.
    ///
    /// # Errors
    /// [`InputError`]: malformed or mis-shaped JSON, unknown field, machine or event, bad amounts or dates,
    /// future `schema_version`.
    pub fn from_value(v: serde_json::Value) -> Result<Command, InputError> {
        check_schema_version(&v, "schema_version")?;
        let raw: RawCommand = crate::json::from_value(v, "")?;
        let event = Event::from_parts(raw.stream.machine, &raw.event, raw.facts)?;
        Ok(Command {
            stream: raw.stream,
            project_code: raw.project_code,
            event,
            actor: raw.actor,
            actor_org: raw.actor_org,
            co_actors: raw.co_actors,
            date: raw.date,
            mode: raw.mode,
            doc_refs: raw.doc_refs,
        })
    }

    /// Parses a command from JSON text.
    ///
    /// # Errors
    /// As [`Command::from_value`].
    pub fn from_json(text: &str) -> Result<Command, InputError> {
        Command::from_value(crate::json::parse_value(text)?)
    }

    /// The command as JSON (the same shape [`Command::from_json`] reads).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Command {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Command", 11)?;
        st.serialize_field("schema_version", &SCHEMA_VERSION)?;
        st.serialize_field("stream", &self.stream)?;
        if let Some(c) = &self.project_code {
            st.serialize_field("project_code", c)?;
        }
        st.serialize_field("event", self.event.name())?;
        st.serialize_field("actor", &self.actor)?;
        st.serialize_field("actor_org", &self.actor_org)?;
        st.serialize_field("co_actors", &self.co_actors)?;
        st.serialize_field("date", &self.date)?;
        st.serialize_field("mode", &self.mode)?;
        st.serialize_field("facts", &self.event.facts())?;
        st.serialize_field("doc_refs", &self.doc_refs)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = crate::json::strict_value(d)?;
        Command::from_value(v).map_err(serde::de::Error::custom)
    }
}

/// What consecutive entries of a log mostly have in common: the stream, the project code, the
/// acting body and the configuration id. Entries share one copy while these stay the same.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Envelope {
    stream: Stream,
    project_code: Option<Id>,
    actor_org: Id,
    config_id: Hash32,
}

impl Envelope {
    /// Whether `cmd` (with `config_id`) has this envelope.
    fn matches(&self, stream: &Stream, project_code: &Option<Id>, actor_org: &Id, config_id: &Hash32) -> bool {
        self.stream == *stream
            && self.project_code == *project_code
            && self.actor_org == *actor_org
            && self.config_id == *config_id
    }

    /// The envelope of the command's parts: `prev`'s when equal (shared), else a new one.
    fn share_or_new(
        prev: Option<&Arc<Envelope>>,
        stream: Stream,
        project_code: Option<Id>,
        actor_org: Id,
        config_id: Hash32,
    ) -> Arc<Envelope> {
        match prev {
            Some(p) if p.matches(&stream, &project_code, &actor_org, &config_id) => p.clone(),
            _ => Arc::new(Envelope { stream, project_code, actor_org, config_id }),
        }
    }
}

/// The co-actors, documents and outcomes of an entry, kept apart because most entries have none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Lists {
    co_actors: Vec<CoActor>,
    doc_refs: Vec<DocRef>,
    outcomes: Vec<Outcome>,
}

/// One accepted command as stored (RULES.md §1.7).
///
/// The fields of §1.7 are read through accessors; the entry is stored compactly (120 bytes
/// plus the event's facts): the stream, project code, acting body and configuration id are
/// shared with the previous entry when they are the same, the states are one-byte codes, and
/// the co-actors, documents and outcomes take no room when there are none. The canonical JSON
/// (what is hashed) and the JSON of [`Log::to_json`] are unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    event: Event,
    env: Arc<Envelope>,
    lists: Option<Box<Lists>>,
    hash: Hash32,
    seq: u32,
    date: NaiveDate,
    actor: Actor,
    mode: Mode,
    from: StateCode,
    to: StateCode,
}

static NO_LISTS: Lists = Lists { co_actors: Vec::new(), doc_refs: Vec::new(), outcomes: Vec::new() };

impl LogEntry {
    /// The entry's schema version (always [`SCHEMA_VERSION`]: entries of other versions are refused
    /// when read).
    pub fn schema_version(&self) -> u32 {
        SCHEMA_VERSION
    }

    /// 1, 2, 3, … within the log.
    pub fn seq(&self) -> u32 {
        self.seq
    }

    /// The stream.
    pub fn stream(&self) -> &Stream {
        &self.env.stream
    }

    /// 项目统一代码.
    pub fn project_code(&self) -> Option<&str> {
        self.env.project_code.as_deref()
    }

    /// The event and its facts.
    pub fn event(&self) -> &Event {
        &self.event
    }

    /// Who acted.
    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// The concrete body.
    pub fn actor_org(&self) -> &str {
        &self.env.actor_org
    }

    fn lists(&self) -> &Lists {
        self.lists.as_deref().unwrap_or(&NO_LISTS)
    }

    /// Joint actors.
    pub fn co_actors(&self) -> &[CoActor] {
        &self.lists().co_actors
    }

    /// When.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Archived documents.
    pub fn doc_refs(&self) -> &[DocRef] {
        &self.lists().doc_refs
    }

    /// The outcomes as judged when appended (authoritative).
    pub fn outcomes(&self) -> &[Outcome] {
        &self.lists().outcomes
    }

    /// The stream's state before.
    pub fn from(&self) -> &'static str {
        self.from.name(self.env.stream.machine)
    }

    /// The stream's state after.
    pub fn to(&self) -> &'static str {
        self.to.name(self.env.stream.machine)
    }

    /// SHA-256 of the canonical configuration.
    pub fn config_id(&self) -> Hash32 {
        self.env.config_id
    }

    /// SHA-256 of this entry's canonical JSON without `hash`.
    pub fn hash(&self) -> Hash32 {
        self.hash
    }
}

/// A state name of a machine stored as one byte: 0 for `none`, else 1 + its index in the
/// machine's state list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StateCode(u8);

impl StateCode {
    /// The code of `name`, a state name of `machine` or `none`.
    fn of(machine: MachineId, name: &'static str) -> StateCode {
        let code = crate::event::state_code(machine, name);
        debug_assert!(code.is_some(), "{name:?} is not a state of machine {machine}");
        StateCode(code.unwrap_or(0))
    }

    fn name(self, machine: MachineId) -> &'static str {
        crate::event::state_name(machine, self.0)
    }
}

fn lists(co_actors: Vec<CoActor>, doc_refs: Vec<DocRef>, outcomes: Vec<Outcome>) -> Option<Box<Lists>> {
    if co_actors.is_empty() && doc_refs.is_empty() && outcomes.is_empty() {
        None
    } else {
        Some(Box::new(Lists { co_actors, doc_refs, outcomes }))
    }
}

pub(crate) struct Canonical<'a> {
    pub(crate) e: &'a LogEntry,
    pub(crate) prev: Hash32,
    pub(crate) with_hash: bool,
}

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.e;
        let mut st = s.serialize_struct("LogEntry", 17)?;
        st.serialize_field("schema_version", &SCHEMA_VERSION)?;
        st.serialize_field("seq", &e.seq)?;
        st.serialize_field("stream", e.stream())?;
        if let Some(c) = e.project_code() {
            st.serialize_field("project_code", c)?;
        }
        st.serialize_field("event", e.event.name())?;
        st.serialize_field("actor", &e.actor)?;
        st.serialize_field("actor_org", e.actor_org())?;
        st.serialize_field("co_actors", e.co_actors())?;
        st.serialize_field("date", &e.date)?;
        st.serialize_field("mode", &e.mode)?;
        st.serialize_field("facts", &e.event.facts())?;
        st.serialize_field("doc_refs", e.doc_refs())?;
        st.serialize_field("outcomes", e.outcomes())?;
        st.serialize_field("from", e.from())?;
        st.serialize_field("to", e.to())?;
        st.serialize_field("config_id", &e.env.config_id)?;
        st.serialize_field("prev_hash", &self.prev)?;
        if self.with_hash {
            st.serialize_field("hash", &e.hash)?;
        }
        st.end()
    }
}

impl LogEntry {
    /// Computes the hash of this entry (everything but `hash`), its `prev_hash` being
    /// `prev_hash` (the previous entry's hash, zeros for seq 1: [`Log::chain`] pairs them).
    pub fn compute_hash(&self, prev_hash: Hash32) -> Hash32 {
        crate::canonical::entry_hash(self, prev_hash)
    }

    /// The canonical JSON of the entry without `hash` (what is hashed), with `prev_hash`.
    pub fn canonical_json(&self, prev_hash: Hash32) -> String {
        serde_json::to_string(&Canonical { e: self, prev: prev_hash, with_hash: false }).unwrap_or_default()
    }

    /// The entry as stored (RULES.md §1.7, `hash` included), with `prev_hash`: a serialisable
    /// view ([`Log`] serialises its entries this way, each with its predecessor's hash).
    pub fn json(&self, prev_hash: Hash32) -> EntryJson<'_> {
        EntryJson(Canonical { e: self, prev: prev_hash, with_hash: true })
    }

    /// The canonical JSON as the streaming writer behind [`LogEntry::compute_hash`] writes it
    /// (benchmarks: the writer timed apart from SHA-256); `None` for a shape it hands to serde_json.
    #[doc(hidden)]
    pub fn canonical_bytes_streamed(&self, prev_hash: Hash32) -> Option<Vec<u8>> {
        crate::canonical::entry_to_vec(self, prev_hash)
    }

    /// Shares the previous entry's envelope when equal (memory only).
    fn share_envelope(&mut self, prev: Option<&LogEntry>) {
        if let Some(p) = prev
            && !Arc::ptr_eq(&p.env, &self.env)
            && *p.env == *self.env
        {
            self.env = p.env.clone();
        }
    }

    /// This entry with its command part moved in from `cmd` (replay: the command was cloned from
    /// this entry and judged; the stored entry is rebuilt around it instead of cloned again).
    pub(crate) fn with_command(&self, cmd: Command) -> LogEntry {
        LogEntry {
            event: cmd.event,
            env: Envelope::share_or_new(
                Some(&self.env),
                cmd.stream,
                cmd.project_code,
                cmd.actor_org,
                self.env.config_id,
            ),
            lists: lists(cmd.co_actors, cmd.doc_refs, self.outcomes().to_vec()),
            hash: self.hash,
            seq: self.seq,
            date: cmd.date,
            actor: cmd.actor,
            mode: cmd.mode,
            from: self.from,
            to: self.to,
        }
    }

    /// The command this entry recorded.
    pub fn command(&self) -> Command {
        Command {
            stream: self.env.stream.clone(),
            project_code: self.env.project_code.clone(),
            event: self.event.clone(),
            actor: self.actor,
            actor_org: self.env.actor_org.clone(),
            co_actors: self.co_actors().to_vec(),
            date: self.date,
            mode: self.mode,
            doc_refs: self.doc_refs().to_vec(),
        }
    }
}

/// A log entry as stored, with its `prev_hash` ([`LogEntry::json`]).
pub struct EntryJson<'a>(Canonical<'a>);

impl Serialize for EntryJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[allow(dead_code)]
    schema_version: u32,
    seq: u32,
    stream: Stream,
    #[serde(default)]
    project_code: Option<Id>,
    event: String,
    actor: Actor,
    #[serde(default)]
    actor_org: Id,
    #[serde(default)]
    co_actors: Vec<CoActor>,
    #[serde(deserialize_with = "crate::date::strict")]
    date: NaiveDate,
    mode: Mode,
    facts: serde_json::Value,
    #[serde(default)]
    doc_refs: Vec<DocRef>,
    #[serde(default)]
    outcomes: Vec<Outcome>,
    from: String,
    to: String,
    config_id: Hash32,
    prev_hash: Hash32,
    hash: Hash32,
}

impl LogEntry {
    /// Parses one stored entry from a JSON value, with the `prev_hash` it records (the chain is
    /// not verified here; [`Log::from_json`] does, entry after entry).
    ///
    /// # Errors
    /// [`InputError`] for shape errors, unknown states or events, a future schema version.
    pub fn from_value(v: serde_json::Value) -> Result<(LogEntry, Hash32), InputError> {
        check_schema_version(&v, "schema_version")?;
        let r: RawEntry = crate::json::from_value(v, "")?;
        let machine = r.stream.machine;
        let event = Event::from_parts(machine, &r.event, r.facts)?;
        let state = |s: &str, path: &str| {
            crate::event::intern_state(machine, s).map(|n| StateCode::of(machine, n)).ok_or_else(|| {
                InputError::new(
                    path,
                    InputReason::UnknownValue,
                    format!("unknown state {} of machine {machine}", crate::error::echo(s)),
                )
            })
        };
        let entry = LogEntry {
            event,
            env: Arc::new(Envelope {
                stream: r.stream,
                project_code: r.project_code,
                actor_org: r.actor_org,
                config_id: r.config_id,
            }),
            lists: lists(r.co_actors, r.doc_refs, r.outcomes),
            hash: r.hash,
            seq: r.seq,
            date: r.date,
            actor: r.actor,
            mode: r.mode,
            from: state(&r.from, "from")?,
            to: state(&r.to, "to")?,
        };
        Ok((entry, r.prev_hash))
    }
}

/// A stored entry read straight from JSON text: the fields of [`RawEntry`], the facts kept as
/// their text until the stream's machine (written after them in a document's sorted keys) is
/// known. The fast reader of logs ([`TextLog`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextEntry<'a> {
    schema_version: u32,
    seq: u32,
    stream: Stream,
    #[serde(default)]
    project_code: Option<Id>,
    #[serde(borrow)]
    event: Cow<'a, str>,
    actor: Actor,
    #[serde(default)]
    actor_org: Id,
    #[serde(default)]
    co_actors: Vec<CoActor>,
    #[serde(deserialize_with = "crate::date::strict")]
    date: NaiveDate,
    mode: Mode,
    #[serde(borrow)]
    facts: &'a serde_json::value::RawValue,
    #[serde(default)]
    doc_refs: Vec<DocRef>,
    #[serde(default)]
    outcomes: Vec<Outcome>,
    #[serde(borrow)]
    from: Cow<'a, str>,
    #[serde(borrow)]
    to: Cow<'a, str>,
    config_id: Hash32,
    prev_hash: Hash32,
    hash: Hash32,
}

impl TextEntry<'_> {
    /// The entry and its recorded `prev_hash`, as [`LogEntry::from_value`] reads them; `None`
    /// where that reader refuses (or might), to let it say why.
    fn into_entry(self) -> Option<(LogEntry, Hash32)> {
        if self.schema_version != SCHEMA_VERSION {
            return None;
        }
        let machine = self.stream.machine;
        let event = Event::from_parts_text(machine, &self.event, self.facts.get())?;
        let state = |s: &str| crate::event::intern_state(machine, s).map(|n| StateCode::of(machine, n));
        let entry = LogEntry {
            event,
            env: Arc::new(Envelope {
                stream: self.stream,
                project_code: self.project_code,
                actor_org: self.actor_org,
                config_id: self.config_id,
            }),
            lists: lists(self.co_actors, self.doc_refs, self.outcomes),
            hash: self.hash,
            seq: self.seq,
            date: self.date,
            actor: self.actor,
            mode: self.mode,
            from: state(&self.from)?,
            to: state(&self.to)?,
        };
        Some((entry, self.prev_hash))
    }
}

/// A stored log read straight from JSON text into typed entries, without a [`serde_json::Value`]
/// and without path tracking: the fast reader behind [`Log::from_json`] and the project
/// documents' readers. Sound only on text [`crate::json::keys_unique`] accepts (the typed
/// decoding refuses every other shape error by itself); whatever it does not take —
/// a shape error, a broken chain — is handed to the strict reader, which gives the error with
/// its reason and exact path.
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct TextLog<'a>(#[serde(borrow)] Vec<TextEntry<'a>>);

impl TextLog<'_> {
    /// The log, its chain verified (seqs, recorded `prev_hash` values and hashes: each entry's
    /// canonical form hashed once); `None` where the strict reader must judge.
    pub(crate) fn into_log(self) -> Option<Log> {
        let mut entries: Vec<LogEntry> = Vec::with_capacity(self.0.len());
        let mut prev = Hash32::ZERO;
        for (i, item) in self.0.into_iter().enumerate() {
            let (mut e, stored_prev) = item.into_entry()?;
            if e.seq as usize != i + 1 || stored_prev != prev || e.compute_hash(prev) != e.hash {
                return None;
            }
            prev = e.hash;
            e.share_envelope(entries.last());
            entries.push(e);
        }
        Some(Log { entries })
    }
}

/// Where a chain breaks (F-INV-57, detail `hash_mismatch`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    /// The seq of the first entry that does not verify (or the expected seq at a gap).
    pub seq: u32,
    /// `hash_mismatch`, `prev_hash_mismatch` or `seq_gap`.
    pub detail: &'static str,
}

/// Verifies a log's hash chain: seqs 1, 2, 3…, each `hash` the digest of its entry chained to
/// the previous entry's `hash` (zeros before seq 1). Entries in memory hold no `prev_hash` of
/// their own: it is the previous entry's `hash` by construction, and a stored log's recorded
/// `prev_hash` values are checked when it is read ([`Log::from_json`]).
///
/// # Errors
/// The first [`ChainBreak`].
pub fn verify_chain(entries: &[LogEntry]) -> Result<(), ChainBreak> {
    verify_stored(entries, None)
}

/// As [`verify_chain`], also comparing the `prev_hash` each entry recorded (`stored_prev[i]` for
/// `entries[i]`), in entry order: the first break of any kind is reported.
fn verify_stored(entries: &[LogEntry], stored_prev: Option<&[Hash32]>) -> Result<(), ChainBreak> {
    let mut prev = Hash32::ZERO;
    for (i, e) in entries.iter().enumerate() {
        let expected = i as u32 + 1;
        if e.seq != expected {
            return Err(ChainBreak { seq: expected, detail: "seq_gap" });
        }
        if stored_prev.and_then(|p| p.get(i)).is_some_and(|p| *p != prev) {
            return Err(ChainBreak { seq: e.seq, detail: "prev_hash_mismatch" });
        }
        if e.compute_hash(prev) != e.hash {
            return Err(ChainBreak { seq: e.seq, detail: "hash_mismatch" });
        }
        prev = e.hash;
    }
    Ok(())
}

/// An append-only, hash-chained log of one project, plan year or DIG cycle year.
///
/// Serialises as the JSON array of its entries as stored (RULES.md §1.7).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    entries: Vec<LogEntry>,
}

impl Serialize for Log {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.chain().map(|(e, prev)| e.json(prev)))
    }
}

impl Log {
    /// An empty log.
    pub fn new() -> Log {
        Log::default()
    }

    /// The entries in order.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The seq the next entry gets.
    pub fn next_seq(&self) -> u32 {
        self.entries.len() as u32 + 1
    }

    /// The last entry's date.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.entries.last().map(LogEntry::date)
    }

    /// The last entry's hash, or zeros.
    pub fn head(&self) -> Hash32 {
        self.entries.last().map(LogEntry::hash).unwrap_or(Hash32::ZERO)
    }

    /// Checks the envelope rules every machine shares: the date is not before the log's last
    /// date (RULES.md §1.7).
    ///
    /// # Errors
    /// [`InputError`] `date_before_log`.
    pub fn check_date(&self, date: NaiveDate) -> Result<(), InputError> {
        match self.last_date() {
            Some(last) if date < last => Err(InputError::new(
                "date",
                InputReason::DateBeforeLog,
                format!("date {date} is before the log's last date {last}"),
            )),
            _ => Ok(()),
        }
    }

    /// Appends an accepted command, computing seq, prev_hash and hash. Returns the seq.
    #[allow(clippy::too_many_arguments)]
    pub fn append(
        &mut self,
        cmd: Command,
        outcomes: Vec<Outcome>,
        from: &'static str,
        to: &'static str,
        config_id: Hash32,
    ) -> u32 {
        let seq = self.next_seq();
        let prev = self.entries.last();
        let machine = cmd.stream.machine;
        let env = Envelope::share_or_new(prev.map(|p| &p.env), cmd.stream, cmd.project_code, cmd.actor_org, config_id);
        let mut e = LogEntry {
            event: cmd.event,
            env,
            lists: lists(cmd.co_actors, cmd.doc_refs, outcomes),
            hash: Hash32::ZERO,
            seq,
            date: cmd.date,
            actor: cmd.actor,
            mode: cmd.mode,
            from: StateCode::of(machine, from),
            to: StateCode::of(machine, to),
        };
        e.hash = e.compute_hash(self.head());
        self.entries.push(e);
        seq
    }

    /// Appends an already-hashed entry during replay (the caller verified the chain).
    /// Gives back the log's spare capacity: a stream calls this when it enters a terminal state,
    /// after which few entries follow (a closed project held in memory keeps no slack).
    pub(crate) fn settle(&mut self) {
        self.entries.shrink_to_fit();
    }

    pub(crate) fn push_verified(&mut self, mut e: LogEntry) {
        e.share_envelope(self.entries.last());
        self.entries.push(e);
    }

    /// The entries in order, each with its `prev_hash` (the previous entry's hash, zeros for the
    /// first).
    pub fn chain(&self) -> impl Iterator<Item = (&LogEntry, Hash32)> {
        let prevs = std::iter::once(Hash32::ZERO).chain(self.entries.iter().map(LogEntry::hash));
        self.entries.iter().zip(prevs)
    }

    /// The log as a JSON array of entries.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses a JSON array of entries and verifies the chain.
    ///
    /// # Errors
    /// [`InputError`] for malformed entries, or reason `broken_chain` naming the first bad seq.
    pub fn from_json(text: &str) -> Result<Log, InputError> {
        if let Some(log) = Log::from_text(text) {
            return Ok(log);
        }
        Log::from_value(crate::json::parse_value(text)?)
    }

    /// The fast reader of [`Log::from_json`] ([`TextLog`]): `None` where the strict reader must
    /// judge the text.
    pub(crate) fn from_text(text: &str) -> Option<Log> {
        if !crate::json::keys_unique(text) {
            return None;
        }
        serde_json::from_str::<TextLog<'_>>(text).ok()?.into_log()
    }

    /// As [`Log::from_json`] from a parsed JSON value.
    ///
    /// # Errors
    /// As [`Log::from_json`].
    pub(crate) fn from_value(v: serde_json::Value) -> Result<Log, InputError> {
        let serde_json::Value::Array(items) = v else {
            return Err(InputError::new("", InputReason::Schema, "a log is a JSON array of entries"));
        };
        let mut entries = Vec::with_capacity(items.len());
        let mut stored_prev = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let (mut entry, prev) = LogEntry::from_value(item).map_err(|mut e| {
                e.path = format!("[{i}].{}", e.path).trim_end_matches('.').to_string();
                e
            })?;
            entry.share_envelope(entries.last());
            entries.push(entry);
            stored_prev.push(prev);
        }
        verify_stored(&entries, Some(&stored_prev)).map_err(|b| {
            InputError::new(
                format!("[{}]", b.seq.saturating_sub(1)),
                InputReason::BrokenChain,
                format!("hash chain broken at seq {} ({}) (F-INV-57)", b.seq, b.detail),
            )
        })?;
        Ok(Log { entries })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn three_entry_log() -> Log {
        use crate::investment::InvEvent;
        use crate::investment::events::WithdrawProject;
        let mut log = Log::new();
        for (i, (from, to)) in
            [("none", "reserve"), ("reserve", "reserve"), ("reserve", "withdrawn")].iter().enumerate()
        {
            let ev = InvEvent::from(WithdrawProject { reason: format!("r{i}") });
            let date = NaiveDate::from_ymd_opt(2023, 7, 3).unwrap();
            log.append(
                Command::new(Stream::project(MachineId::Inv, "P1"), ev, Actor::ProjectUnit, date),
                vec![],
                from,
                to,
                Hash32([7; 32]),
            );
        }
        log
    }

    /// A stored log round-trips; an altered `prev_hash` or `hash` is refused as a broken chain at
    /// the first entry that does not verify, in entry order.
    #[test]
    fn stored_chain_is_checked_in_order() {
        let log = three_entry_log();
        assert_eq!(Log::from_json(&log.to_json()).unwrap(), log);
        let broken = |edit: &dyn Fn(&mut Vec<serde_json::Value>)| {
            let mut v: Vec<serde_json::Value> = serde_json::from_str(&log.to_json()).unwrap();
            edit(&mut v);
            let e = Log::from_value(serde_json::Value::Array(v)).unwrap_err();
            assert_eq!(e.reason, InputReason::BrokenChain);
            e.message
        };
        let zeros = Hash32::ZERO.to_hex();
        assert!(broken(&|v| v[2]["prev_hash"] = zeros.clone().into()).contains("seq 3 (prev_hash_mismatch)"));
        assert!(broken(&|v| v[1]["hash"] = zeros.clone().into()).contains("seq 2 (hash_mismatch)"));
        assert!(
            broken(&|v| v[0]["prev_hash"] = Hash32([1; 32]).to_hex().into()).contains("seq 1 (prev_hash_mismatch)")
        );
        // Both: the earlier break is reported.
        let m = broken(&|v| {
            v[1]["facts"]["reason"] = "changed".into();
            v[2]["prev_hash"] = zeros.clone().into();
        });
        assert!(m.contains("seq 2 (hash_mismatch)"), "{m}");
        // In memory, each entry chains to its predecessor.
        for (e, prev) in log.chain() {
            assert_eq!(e.compute_hash(prev), e.hash());
        }
        assert_eq!(verify_chain(log.entries()), Ok(()));
    }

    /// `same_text` is `==` at every length up to 40 (every word and tail split): equal copies in
    /// two allocations, a difference at each position, a length apart.
    #[test]
    fn same_text_is_equality_at_every_length() {
        for n in 0..=40usize {
            let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let b = a.clone();
            assert!(same_text(&a, &b), "{n}");
            for at in 0..n {
                let mut c = a.clone().into_bytes();
                c[at] = b'Z';
                let c = String::from_utf8(c).unwrap();
                assert!(!same_text(&a, &c), "{n} {at}");
                assert!(!same_text(&c, &a), "{n} {at}");
            }
            let longer = format!("{a}a");
            assert!(!same_text(&a, &longer), "{n}");
        }
    }

    proptest! {
        /// Invariant: the word-at-a-time hex is the lowercase `{:02x}` of every byte, and reads back.
        #[test]
        fn hex_is_lowercase_per_byte(bytes in any::<[u8; 32]>()) {
            let h = Hash32(bytes);
            let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert_eq!(h.to_hex(), expected);
            prop_assert_eq!(Hash32::from_hex(&h.to_hex()), Some(h));
        }

        /// Invariant: the table-driven hex reader takes exactly 64 digits of either case, as the
        /// byte-wise reader of anchors does.
        #[test]
        fn hex_reads_as_the_anchor_reader(s in "[0-9a-fA-F]{60,66}|[0-9a-fA-F/:@`gG\u{0}\u{e9}]{64}") {
            prop_assert_eq!(Hash32::from_hex(&s).map(|h| h.0), crate::anchor::from_hex::<32>(&s));
        }

        /// Invariant: id equality is text equality, whatever the lengths and allocations.
        #[test]
        fn id_equality_is_text_equality(a in "[a-c]{0,20}", b in "[a-c]{0,20}") {
            prop_assert_eq!(same_text(&a, &b), a == b);
            let (x, y) = (Id::from(a.as_str()), Id::from(b.as_str()));
            prop_assert_eq!(x == y, a == b);
            prop_assert_eq!(x == b, a == b);
            prop_assert_eq!(x.clone() == x, true);
        }
    }
}
