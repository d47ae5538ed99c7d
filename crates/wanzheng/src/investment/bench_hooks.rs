//! Hooks for the benchmarks (`benches/`, crate `wanzheng-bench`): the pipeline of
//! [`InvestmentProject::apply`] without the log, so the judgments can be timed apart
//! from the log entries and their hash chain. Not part of the public API.

use crate::error::Error;
use crate::investment::InvestmentProject;
use crate::log::Command;
use crate::machine::kernel::Pipeline;
use crate::outcome::Transition;

impl InvestmentProject {
    /// Judges and commits `cmd` as entry `seq` would be, and returns its transition, without
    /// checking the date against the log and without appending a log entry (benchmarks only:
    /// the project's log no longer matches its state afterwards).
    ///
    /// # Errors
    /// As [`InvestmentProject::apply`].
    #[doc(hidden)]
    pub fn apply_unlogged(&mut self, cmd: &Command, seq: u32) -> Result<Transition, Error> {
        self.judge_commit_at(cmd, seq, None).map(|(t, ..)| t)
    }
}

#[cfg(test)]
mod tests {
    use crate::investment::InvestmentProject;
    use crate::log::{Command, Hash32};

    const FIXTURE: &str = include_str!("../../../../tests/fixtures/scenarios/inv_standard_lifecycle.json");

    fn commands() -> Vec<Command> {
        let v: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
        v["steps"].as_array().unwrap().iter().map(|s| Command::from_value(s["command"].clone()).unwrap()).collect()
    }

    /// The judgments alone give the same transitions, state and ledger as the full pipeline.
    #[test]
    fn unlogged_matches_apply() {
        let cmds = commands();
        let mut a = InvestmentProject::new(crate::Context::default());
        let mut b = InvestmentProject::new(crate::Context::default());
        for (i, c) in cmds.iter().enumerate() {
            let ta = a.apply(c.clone()).unwrap();
            let tb = b.apply_unlogged(c, i as u32 + 1).unwrap();
            assert_eq!(ta, tb);
        }
        assert_eq!(a.state(), b.state());
        assert_eq!(a.ledger(), b.ledger());
        assert!(b.log().is_empty());
    }

    /// Every entry's streamed hash is the SHA-256 of its canonical JSON text: optimising the
    /// streaming path must not change a byte (RULES.md §1.7).
    #[test]
    fn streamed_hashes_equal_the_text_hashes() {
        use sha2::Digest;
        let mut p = InvestmentProject::new(crate::Context::default());
        for c in commands() {
            p.apply(c).unwrap();
        }
        assert_eq!(p.log().len(), 31);
        for (e, prev) in p.log().chain() {
            let text = e.canonical_json(prev);
            assert_eq!(e.hash(), Hash32(sha2::Sha256::digest(text.as_bytes()).into()), "seq {}", e.seq());
            assert_eq!(e.compute_hash(prev), e.hash());
        }
        assert!(crate::log::verify_chain(p.log().entries()).is_ok());
    }

    /// A known entry's canonical JSON and hash, pinned byte for byte (independent of the
    /// handlers and of the default configuration): escapes, CJK text, optional fields,
    /// co-actors, documents and outcomes with and without detail.
    #[test]
    fn pinned_entry() {
        use crate::actor::{Actor, DocKind, DocRef};
        use crate::investment::testkit::{d, register};
        use crate::log::{CoActor, Log, MachineId, Stream};
        use crate::outcome::{Mode, Outcome, OutcomeKind};
        use crate::rules::*;
        let mut r = register("120000000.05");
        r.name = "医院 \"扩建\" a\\b\n\t\u{1}—".into();
        let mut cmd = Command::new(
            Stream::project(MachineId::Inv, "P1"),
            crate::investment::InvEvent::from(r),
            Actor::ProjectUnit,
            d("2023-07-03"),
        )
        .code("2307-411300-04-01-000001")
        .org("南阳市卫生健康委员会")
        .mode(Mode::Record)
        .doc(DocRef {
            date: Some(d("2023-07-01")),
            issuer: Some(Actor::Drc),
            ..DocRef::new(DocKind::Approval, "宛发改〔2023〕1号")
        })
        .doc(DocRef::new(DocKind::Opinion, "x"));
        cmd.co_actors.push(CoActor { actor: Actor::Finance, actor_org: "南阳市财政局".into() });
        let outcomes = vec![
            Outcome::new(OutcomeKind::Warning, INV_34, "no_plan_entry"),
            Outcome::new(OutcomeKind::DefaultBreach, INV_49_2, ""),
        ];
        let mut log = Log::new();
        log.append(cmd.clone(), outcomes.clone(), "none", "reserve", Hash32([0xab; 32]));
        log.append(cmd, outcomes, "reserve", "reserve", Hash32([0xab; 32]));
        let e = &log.entries()[0];
        assert_eq!(e.canonical_json(Hash32::ZERO), PINNED_JSON);
        assert_eq!(e.hash().to_hex(), PINNED_HASH);
        assert_eq!(log.head().to_hex(), PINNED_HEAD);
    }

    const PINNED_JSON: &str = r#"{"schema_version":1,"seq":1,"stream":{"machine":"inv","project_id":"P1","instance":"P1"},"project_code":"2307-411300-04-01-000001","event":"register_project","actor":"project_unit","actor_org":"南阳市卫生健康委员会","co_actors":[{"actor":"finance","actor_org":"南阳市财政局"}],"date":"2023-07-03","mode":"record","facts":{"classified":false,"construction_mode":"self","industry_authority_org":"南阳市卫生健康委员会","lacks_capacity":false,"level":"municipal","mode":"direct_investment","name":"医院 \"扩建\" a\\b\n\t\u0001—","nature":"non_operating","own_funds_only":false,"project_code":"2307-411300-04-01-000001","project_id":"P1","route_flags":{"agreed":false,"dispersed_similar":false,"in_plan":false,"partial_rebuild_or_expansion":false,"seeks_central_provincial_funds":false,"single_content_simple_tech":false,"small_scale":false,"special_authority":false,"urgent_sudden_event":false},"sector":"health","total":"120000000.05","unit_kind":"admin_or_public_unit","uses_loan":false},"doc_refs":[{"kind":"approval","ref":"宛发改〔2023〕1号","date":"2023-07-01","issuer":"drc"},{"kind":"opinion","ref":"x"}],"outcomes":[{"kind":"warning","rule":"INV-34","detail":"no_plan_entry"},{"kind":"default_breach","rule":"INV-49.2"}],"from":"none","to":"reserve","config_id":"abababababababababababababababababababababababababababababababab","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#;
    const PINNED_HASH: &str = "2269112f117368d2fef3c5f8826a1ee0db19230aaa61fc028c123fb040897406";
    const PINNED_HEAD: &str = "9b8a5abcd388c30ceb4f48be9ad746c50e25d48b06549e8690a2558a7d66603b";
}
