//! Approval routes (INV-13 to INV-16; RULES.md §4.1): the vocabulary.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocKind};
use crate::config::{Context, DesignApprover};
use crate::error::Error;
use crate::money::Yuan;
use crate::outcome::Outcome;
use crate::rule::RuleId;
use crate::rules::*;
use crate::ruleset::RuleSet;
use crate::wire::wire_enum;

/// Municipal or county project (INV-13.2, 13.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 市级项目.
    #[default]
    Municipal,
    /// 县级项目.
    County,
}

wire_enum! {
    /// An approval route (RULES.md §4.1 output identifiers).
    pub enum Route {
        /// Proposal, FSR, design and estimate (INV-13.1, 13.2).
        Standard = "standard",
        /// FSR without proposal; design and estimate still approved (INV-15.3, AMB-3).
        DirectFsr = "direct_fsr",
        /// FSR only, total ≤ 10,000,000.00 (INV-15.1).
        SimplifiedFsrOnly = "simplified_fsr_only",
        /// Four documents merged into one FSR at estimate depth (INV-15.4, 16.1).
        EmergencyMerged = "emergency_merged",
        /// National/provincial special authority or policy funds (INV-13.4, 15.5).
        External = "external",
        /// County rules (INV-13.3).
        CountyRules = "county_rules",
    }
}

impl Route {
    /// Whether the route approves only an FSR (no separate design/estimate approval; AMB-5).
    pub const fn is_fsr_only(self) -> bool {
        matches!(self, Route::SimplifiedFsrOnly | Route::EmergencyMerged)
    }
}

/// The route flags of RULES.md §4.1 (besides `level` and `emergency_recognized`, which come from
/// `register_project.level` and the `recognize_emergency` event). Fields in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RouteFlags {
    /// 县级（含）以上党委、政府已研究同意建设 (INV-15.3 only).
    pub agreed: bool,
    /// 点多面广的同类项目 (INV-15.2).
    pub dispersed_similar: bool,
    /// 相关规划中已经明确 (INV-14(一), 15.3).
    pub in_plan: bool,
    /// 部分扩建、改建 (INV-14(二), 15.3).
    pub partial_rebuild_or_expansion: bool,
    /// 申报中央、省政策性资金 (INV-15.5).
    pub seeks_central_provincial_funds: bool,
    /// 建设内容单一、技术方案简单 (INV-14(三), 15.2, 15.3).
    pub single_content_simple_tech: bool,
    /// 投资规模较小 (INV-14(三)).
    pub small_scale: bool,
    /// 国家和省人民政府对审批权限有特别规定 (INV-13.4).
    pub special_authority: bool,
    /// 突发事件需要紧急建设, without municipal recognition (INV-14(四), AMB-8).
    pub urgent_sudden_event: bool,
}

impl RouteFlags {
    /// The full §4.1 flag set: these flags plus the project's level and the municipal
    /// emergency recognition (INV-16.1).
    pub const fn with(self, level: Level, emergency_recognized: bool) -> ApprovalFlags {
        ApprovalFlags {
            agreed: self.agreed,
            dispersed_similar: self.dispersed_similar,
            emergency_recognized,
            in_plan: self.in_plan,
            level,
            partial_rebuild_or_expansion: self.partial_rebuild_or_expansion,
            seeks_central_provincial_funds: self.seeks_central_provincial_funds,
            single_content_simple_tech: self.single_content_simple_tech,
            small_scale: self.small_scale,
            special_authority: self.special_authority,
            urgent_sudden_event: self.urgent_sudden_event,
        }
    }
}

/// Every flag of RULES.md §4.1 (`approval_route`). Fields in canonical order; all default to
/// false / municipal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ApprovalFlags {
    /// 县级（含）以上党委、政府已研究同意建设 (INV-15.3 only).
    pub agreed: bool,
    /// 点多面广的同类项目 (INV-15.2).
    pub dispersed_similar: bool,
    /// Recognised as an emergency project by the municipal government (INV-16.1).
    pub emergency_recognized: bool,
    /// 相关规划中已经明确 (INV-14(一), 15.3).
    pub in_plan: bool,
    /// municipal or county (INV-13.3).
    pub level: Level,
    /// 部分扩建、改建 (INV-14(二), 15.3).
    pub partial_rebuild_or_expansion: bool,
    /// 申报中央、省政策性资金 (INV-15.5).
    pub seeks_central_provincial_funds: bool,
    /// 建设内容单一、技术方案简单 (INV-14(三), 15.2, 15.3).
    pub single_content_simple_tech: bool,
    /// 投资规模较小 (INV-14(三)).
    pub small_scale: bool,
    /// 国家和省人民政府对审批权限有特别规定 (INV-13.4).
    pub special_authority: bool,
    /// 突发事件需要紧急建设, without municipal recognition (INV-14(四), AMB-8).
    pub urgent_sudden_event: bool,
}

/// The names of the boolean flags of RULES.md §4.1 (every [`ApprovalFlags`] field but `level`),
/// in the one order every binding and the bench use: the C bits `WZ_ROUTE_*` are `1 << index`
/// (the C API lists the names: `wz_route_flag_name`), the Python keyword arguments and
/// `wanzheng.ROUTE_FLAGS`, the Java `RouteFlags` and `benches/python/bench.py` read this list,
/// none holds a copy. [`ApprovalFlags::set_flag`] sets a flag by its index here.
pub const ROUTE_FLAGS: [&str; 10] = [
    "special_authority",
    "seeks_central_provincial_funds",
    "emergency_recognized",
    "urgent_sudden_event",
    "in_plan",
    "agreed",
    "partial_rebuild_or_expansion",
    "single_content_simple_tech",
    "small_scale",
    "dispersed_similar",
];

impl ApprovalFlags {
    /// Sets the flag named `ROUTE_FLAGS[index]` to `on` ([`ROUTE_FLAGS`]); an index past the
    /// list sets nothing.
    pub fn set_flag(&mut self, index: usize, on: bool) {
        match index {
            0 => self.special_authority = on,
            1 => self.seeks_central_provincial_funds = on,
            2 => self.emergency_recognized = on,
            3 => self.urgent_sudden_event = on,
            4 => self.in_plan = on,
            5 => self.agreed = on,
            6 => self.partial_rebuild_or_expansion = on,
            7 => self.single_content_simple_tech = on,
            8 => self.small_scale = on,
            9 => self.dispersed_similar = on,
            _ => {}
        }
    }
}

/// One document a route has approved, and who approves it (INV-13.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteDocument {
    /// `proposal`, `fsr`, `estimate` or `preliminary_design` (RULES.md §2 document ids).
    pub document: DocKind,
    /// drc, or the sector's design approver for the preliminary design (§7 `design_approver`).
    pub approver: Actor,
}

/// The result of [`approval_route`] (RULES.md §4.1).
///
/// The lists are `Cow`s so that the decision borrows static tables: computing a route
/// allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteDecision {
    /// The route.
    pub route: Route,
    /// The documents the route approves, with their approvers, in approval order.
    pub documents: Cow<'static, [RouteDocument]>,
    /// One merged FSR for the batch (INV-15.2).
    pub merged_batch: bool,
    /// The routes the project unit may choose (`select_route`): this one and the fuller ones
    /// (INV-14 可以简化, AMB-4), in order from the simplest.
    pub permitted_alternatives: Cow<'static, [Route]>,
    /// An INV-14 category holds (`grant_simplification` may go further, AMB-4).
    pub art14_eligible: bool,
    /// The rule trace.
    pub rules: Cow<'static, [RuleId]>,
    /// Outcomes (a route is a selection, never a breach: always empty).
    pub outcomes: Vec<Outcome>,
    /// The version of the rule parameters whose bands decided (issue 10).
    #[serde(default = "crate::ruleset::builtin_version")]
    pub ruleset: Cow<'static, str>,
}

impl RouteDecision {
    /// Whether `route` is one of the permitted alternatives.
    pub fn permits(&self, route: Route) -> bool {
        self.permitted_alternatives.contains(&route)
    }
}

/// The request of `approval_route` in the JSON entry point: `{"total": "…", "flags": {…},
/// "sector": "…"}` (the sector selects the design approver, §7; absent → the default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRouteRequest {
    /// The flags.
    #[serde(default)]
    pub flags: ApprovalFlags,
    /// The project's sector (key of `design_approver`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The total investment that picks the band (AMB-6).
    pub total: Yuan,
}

const fn doc(document: DocKind, approver: Actor) -> RouteDocument {
    RouteDocument { document, approver }
}

static DOCS_STANDARD_DRC: [RouteDocument; 4] = [
    doc(DocKind::Proposal, Actor::Drc),
    doc(DocKind::Fsr, Actor::Drc),
    doc(DocKind::Estimate, Actor::Drc),
    doc(DocKind::PreliminaryDesign, Actor::Drc),
];
static DOCS_STANDARD_IA: [RouteDocument; 4] = [
    doc(DocKind::Proposal, Actor::Drc),
    doc(DocKind::Fsr, Actor::Drc),
    doc(DocKind::Estimate, Actor::Drc),
    doc(DocKind::PreliminaryDesign, Actor::IndustryAuthority),
];
static DOCS_DIRECT_DRC: [RouteDocument; 3] =
    [doc(DocKind::Fsr, Actor::Drc), doc(DocKind::Estimate, Actor::Drc), doc(DocKind::PreliminaryDesign, Actor::Drc)];
static DOCS_DIRECT_IA: [RouteDocument; 3] = [
    doc(DocKind::Fsr, Actor::Drc),
    doc(DocKind::Estimate, Actor::Drc),
    doc(DocKind::PreliminaryDesign, Actor::IndustryAuthority),
];
static DOCS_FSR: [RouteDocument; 1] = [doc(DocKind::Fsr, Actor::Drc)];

use Route::{CountyRules, DirectFsr, EmergencyMerged, External, SimplifiedFsrOnly, Standard};

static ALT_COUNTY: [Route; 1] = [CountyRules];
static ALT_EXTERNAL: [Route; 1] = [External];
static ALT_EMERGENCY: [&[Route]; 4] = [
    &[EmergencyMerged, Standard],
    &[EmergencyMerged, DirectFsr, Standard],
    &[EmergencyMerged, SimplifiedFsrOnly, Standard],
    &[EmergencyMerged, SimplifiedFsrOnly, DirectFsr, Standard],
];
static ALT_SIMPLIFIED: [&[Route]; 2] = [&[SimplifiedFsrOnly, Standard], &[SimplifiedFsrOnly, DirectFsr, Standard]];
static ALT_DIRECT: [Route; 2] = [DirectFsr, Standard];
static ALT_STANDARD: [Route; 1] = [Standard];

static TRACE_COUNTY: [RuleId; 1] = [INV_13_3];
static TRACE_EXTERNAL: [RuleId; 3] = [INV_13_3, INV_13_4, INV_15_5];
static TRACE_EMERGENCY: [RuleId; 9] =
    [INV_13_3, INV_13_4, INV_15_5, INV_16_1, INV_15_4, INV_14_1, INV_14_2, INV_14_3, INV_14_4];
static TRACE_SIMPLIFIED: [RuleId; 10] =
    [INV_13_3, INV_13_4, INV_15_5, INV_16_1, INV_15_1, INV_15_2, INV_14_1, INV_14_2, INV_14_3, INV_14_4];
static TRACE_DIRECT: [RuleId; 11] =
    [INV_13_3, INV_13_4, INV_15_5, INV_16_1, INV_15_1, INV_15_3, INV_13_2, INV_14_1, INV_14_2, INV_14_3, INV_14_4];
static TRACE_STANDARD: [RuleId; 12] = [
    INV_13_3, INV_13_4, INV_15_5, INV_16_1, INV_15_1, INV_15_3, INV_13_1, INV_13_2, INV_14_1, INV_14_2, INV_14_3,
    INV_14_4,
];

/// RULES.md §4.1 `approval_route`: the approval route of a project (INV-13.1–13.4, 14.1–14.4,
/// 15.1–15.5, 16.1), in the order county → external → emergency → ≤ 10M → ≤ 50M with a 15.3
/// condition → standard.
///
/// `design_approver` is the configured approver of the project's sector (§7, INV-13.2); the
/// JSON entry point resolves it from the configuration. The function allocates nothing: the
/// lists and the trace borrow static tables.
///
/// INTERPRETATION: AMB-2/AMB-3 — 10,000,000.00 belongs to 15.1; 15.3 is 10M < total ≤ 50M and
/// skips only the proposal. AMB-8 — urgency without recognition only makes the project
/// art14_eligible. `permitted_alternatives` lists the route and the fuller routes whose own
/// conditions hold (`direct_fsr` only under its 15.3 condition; `standard` always).
///
/// # Example
/// ```
/// use wanzheng::investment::route::{approval_route, ApprovalFlags, Route};
/// use wanzheng::config::DesignApprover;
/// let d = approval_route(wanzheng::yuan!("10000000.00"), &ApprovalFlags::default(), DesignApprover::Drc);
/// assert_eq!(d.route, Route::SimplifiedFsrOnly);
/// let d = approval_route(wanzheng::yuan!("10000000.01"), &ApprovalFlags::default(), DesignApprover::Drc);
/// assert_eq!(d.route, Route::Standard);
/// ```
pub fn approval_route(total: Yuan, flags: &ApprovalFlags, design_approver: DesignApprover) -> RouteDecision {
    approval_route_in(total, flags, design_approver, RuleSet::builtin())
}

/// [`approval_route`] with the bands of a given rule version (issue 10: the version in force on
/// the act's date; [`Context::ruleset_at`]). The decision names the version (`ruleset`).
///
/// # Example
/// ```
/// use wanzheng::investment::route::{approval_route_in, ApprovalFlags, Route};
/// use wanzheng::config::DesignApprover;
/// let mut ctx = wanzheng::Context::default();
/// ctx.load_ruleset(r#"{"version":"2027","effective_from":"2027-07-01","values":{"simplified_fsr_max":"20000000.00"}}"#)?;
/// let at = |d: &str| ctx.ruleset_at(d.parse().unwrap()).clone();
/// let total = wanzheng::yuan!("15000000.00");
/// let f = ApprovalFlags::default();
/// assert_eq!(approval_route_in(total, &f, DesignApprover::Drc, &at("2027-06-30")).route, Route::Standard);
/// let d = approval_route_in(total, &f, DesignApprover::Drc, &at("2027-07-01"));
/// assert_eq!((d.route, d.ruleset.as_ref()), (Route::SimplifiedFsrOnly, "2027"));
/// # Ok::<(), wanzheng::InputError>(())
/// ```
pub fn approval_route_in(
    total: Yuan,
    flags: &ApprovalFlags,
    design_approver: DesignApprover,
    rules: &RuleSet,
) -> RouteDecision {
    let f = flags;
    let art14_eligible = f.in_plan
        || f.partial_rebuild_or_expansion
        || (f.single_content_simple_tech && f.small_scale)
        || f.urgent_sudden_event;
    let simplified_ok = rules.within_simplified_band(total);
    let direct_band = rules.within_direct_band(total);
    let direct_ok = direct_ok(f, direct_band);
    let ia = matches!(design_approver, DesignApprover::IndustryAuthority);
    let route = pick_route(f, simplified_ok, direct_band);
    let (documents, alternatives, trace): (&'static [RouteDocument], &'static [Route], &'static [RuleId]) = match route
    {
        CountyRules => (&[], &ALT_COUNTY, &TRACE_COUNTY),
        External => (&[], &ALT_EXTERNAL, &TRACE_EXTERNAL),
        EmergencyMerged => {
            (&DOCS_FSR, ALT_EMERGENCY[(simplified_ok as usize) * 2 + direct_ok as usize], &TRACE_EMERGENCY)
        }
        SimplifiedFsrOnly => (&DOCS_FSR, ALT_SIMPLIFIED[direct_ok as usize], &TRACE_SIMPLIFIED),
        DirectFsr => (if ia { &DOCS_DIRECT_IA } else { &DOCS_DIRECT_DRC }, &ALT_DIRECT, &TRACE_DIRECT),
        Standard => (if ia { &DOCS_STANDARD_IA } else { &DOCS_STANDARD_DRC }, &ALT_STANDARD, &TRACE_STANDARD),
    };
    RouteDecision {
        route,
        documents: Cow::Borrowed(documents),
        merged_batch: route == SimplifiedFsrOnly && f.dispersed_similar && f.single_content_simple_tech,
        permitted_alternatives: Cow::Borrowed(alternatives),
        art14_eligible,
        rules: Cow::Borrowed(trace),
        outcomes: Vec::new(),
        ruleset: rules.version.clone(),
    }
}

/// Whether the INV-15.3 route is open: within its band and one of its conditions holds.
#[inline]
fn direct_ok(f: &ApprovalFlags, within_direct_band: bool) -> bool {
    within_direct_band && (f.in_plan || f.agreed || f.partial_rebuild_or_expansion || f.single_content_simple_tech)
}

/// The §4.1 table, first hit wins: county → external → emergency → ≤ the simplified band →
/// the direct band with a 15.3 condition → standard. The one place the route is picked
/// ([`approval_route_in`] and [`RouteBands::route`]).
#[inline]
fn pick_route(f: &ApprovalFlags, within_simplified_band: bool, within_direct_band: bool) -> Route {
    if f.level == Level::County {
        CountyRules
    } else if f.special_authority || f.seeks_central_provincial_funds {
        External
    } else if f.emergency_recognized {
        EmergencyMerged
    } else if within_simplified_band {
        SimplifiedFsrOnly
    } else if direct_ok(f, within_direct_band) {
        DirectFsr
    } else {
        Standard
    }
}

/// The §4.1 amount bands of a rule version in fen, for routing many projects whose totals are
/// scale-2 mantissas (an Arrow `decimal128(p, 2)` column, issue 14) without building a
/// [`Yuan`] or a [`RouteDecision`] per row: [`RouteBands::route`] gives the route
/// [`approval_route_in`] gives, from the same table (`pick_route`) and the same bands.
///
/// # Example
/// ```
/// use wanzheng::investment::route::{ApprovalFlags, Route, RouteBands};
/// let bands = RouteBands::of(wanzheng::ruleset::RuleSet::builtin());
/// let f = ApprovalFlags::default();
/// assert_eq!(bands.route(1_000_000_000, &f), Some(Route::SimplifiedFsrOnly)); // 10,000,000.00
/// assert_eq!(bands.route(1_000_000_001, &f), Some(Route::Standard));
/// assert_eq!(bands.route(-1, &f), None); // not an amount
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteBands {
    simplified_max: i128,
    direct_max: i128,
}

impl RouteBands {
    /// The bands of `rules` (INV-15.1, 15.3).
    pub fn of(rules: &RuleSet) -> RouteBands {
        RouteBands {
            simplified_max: rules.values.simplified_fsr_max.fen(),
            direct_max: rules.values.direct_fsr_max.fen(),
        }
    }

    /// The route of a project whose total is `fen` fen (1/100 yuan), as [`approval_route_in`]
    /// decides it; `None` when `fen` is not an amount (below 0 or above [`Yuan::MAX`]).
    #[inline]
    pub fn route(&self, fen: i128, flags: &ApprovalFlags) -> Option<Route> {
        if !(0..=Yuan::MAX.fen()).contains(&fen) {
            return None;
        }
        Some(pick_route(flags, fen <= self.simplified_max, fen <= self.direct_max))
    }
}

/// `approval_route` behind the JSON entry point (`decide`): resolves the design approver of
/// `sector` from the configuration.
///
/// # Errors
/// None beyond request parsing; the signature matches the decision registry.
pub fn approval_route_request(req: ApprovalRouteRequest, ctx: &Context) -> Result<RouteDecision, Error> {
    let approver = match &req.sector {
        Some(s) => ctx.config().design_approver_for(s),
        None => ctx.config().default_design_approver,
    };
    Ok(approval_route_in(req.total, &req.flags, approver, ctx.decision_ruleset()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    /// `ROUTE_FLAGS[i]` names the field `set_flag(i, …)` sets, and the list names every boolean
    /// field of `ApprovalFlags` once (its serde form is the wire form the bindings read).
    #[test]
    fn route_flag_names() {
        let none = serde_json::to_value(ApprovalFlags::default()).unwrap();
        let bools = none.as_object().unwrap().iter().filter(|(_, v)| v.is_boolean()).count();
        assert_eq!(bools, ROUTE_FLAGS.len());
        for (i, name) in ROUTE_FLAGS.iter().enumerate() {
            let mut f = ApprovalFlags::default();
            f.set_flag(i, true);
            let v = serde_json::to_value(f).unwrap();
            let on: Vec<&String> = v.as_object().unwrap().iter().filter(|(_, v)| **v == true).map(|(k, _)| k).collect();
            assert_eq!(on, vec![*name]);
        }
        let mut f = ApprovalFlags::default();
        f.set_flag(ROUTE_FLAGS.len(), true);
        assert_eq!(f, ApprovalFlags::default());
    }

    fn route(total: &str, set: impl FnOnce(&mut ApprovalFlags)) -> RouteDecision {
        let mut f = ApprovalFlags::default();
        set(&mut f);
        approval_route(yuan!(total), &f, DesignApprover::Drc)
    }

    /// Source: INV-15.1, INV-15.3 — the route decided on a mantissa in fen (the Arrow batch,
    /// issue 14) is the route of `approval_route_in`, at and around both band edges, under every
    /// combination of the flags that pick routes and under an amended band; amounts outside
    /// 0 ..= 10^13 yuan are not routed.
    #[test]
    fn bands_route_as_approval_route_in() {
        let mut ctx = Context::default();
        ctx.load_ruleset(
            r#"{"version":"2027","effective_from":"2027-07-01","values":{"simplified_fsr_max":"20000000.00"}}"#,
        )
        .unwrap();
        let sets = [RuleSet::builtin().clone(), ctx.ruleset_at("2027-07-01".parse().unwrap()).clone()];
        assert_eq!(sets[1].version, "2027");
        let edges: [i128; 10] = [
            0,
            1,
            999_999_999,
            1_000_000_000,
            1_000_000_001,
            2_000_000_000,
            2_000_000_001,
            5_000_000_000,
            5_000_000_001,
            1_000_000_000_000_000,
        ];
        for rules in &sets {
            let bands = RouteBands::of(rules);
            for bits in 0u32..(1 << 8) {
                let b = |k: u32| bits & (1 << k) != 0;
                let f = ApprovalFlags {
                    level: if b(0) { Level::County } else { Level::Municipal },
                    special_authority: b(1),
                    seeks_central_provincial_funds: b(2),
                    emergency_recognized: b(3),
                    in_plan: b(4),
                    agreed: b(5),
                    partial_rebuild_or_expansion: b(6),
                    single_content_simple_tech: b(7),
                    ..ApprovalFlags::default()
                };
                for fen in edges {
                    let total = Yuan::from_fen(u64::try_from(fen).unwrap()).unwrap();
                    let expected = approval_route_in(total, &f, DesignApprover::Drc, rules).route;
                    assert_eq!(bands.route(fen, &f), Some(expected), "{fen} {f:?}");
                }
                assert_eq!(bands.route(-1, &f), None);
                assert_eq!(bands.route(1_000_000_000_000_001, &f), None);
            }
        }
    }

    /// Source: INV-15.1 — total ≤ 10,000,000.00 approves only the FSR; 10,000,000.01 does not.
    #[test]
    fn band_15_1_boundary() {
        let d = route("10000000.00", |_| {});
        assert_eq!(d.route, SimplifiedFsrOnly);
        assert_eq!(&*d.permitted_alternatives, &[SimplifiedFsrOnly, Standard]);
        assert_eq!(&*d.documents, &DOCS_FSR);
        assert!(!d.merged_batch);
        assert_eq!(route("10000000.01", |_| {}).route, Standard);
    }

    /// Source: INV-15.2 — single-content, simple-technology, many-site projects ≤ 10M share one merged FSR.
    #[test]
    fn merged_batch_15_2() {
        let d = route("10000000.00", |f| {
            f.single_content_simple_tech = true;
            f.dispersed_similar = true;
        });
        assert!(d.merged_batch);
        assert_eq!(d.route, SimplifiedFsrOnly);
        let d = route("10000000.01", |f| {
            f.single_content_simple_tech = true;
            f.dispersed_similar = true;
        });
        assert!(!d.merged_batch);
        assert_eq!(d.route, DirectFsr);
        assert!(!route("10000000.00", |f| f.dispersed_similar = true).merged_batch);
    }

    /// Source: INV-15.3 — 10M < total ≤ 50M with a condition skips only the proposal; 50,000,000.01 does not.
    #[test]
    fn band_15_3_boundary() {
        let d = route("10000000.01", |f| f.partial_rebuild_or_expansion = true);
        assert_eq!(d.route, DirectFsr);
        assert!(d.art14_eligible);
        let d = route("50000000.00", |f| f.agreed = true);
        assert_eq!(d.route, DirectFsr);
        assert!(!d.art14_eligible);
        assert_eq!(&*d.documents, &DOCS_DIRECT_DRC);
        assert_eq!(route("50000000.01", |f| f.agreed = true).route, Standard);
        let d = route("50000000.01", |f| f.in_plan = true);
        assert_eq!(d.route, Standard);
        assert!(d.art14_eligible);
    }

    /// Source: INV-14.3 — 建设内容单一、投资规模较小、技术方案简单 needs small_scale as well.
    #[test]
    fn art14_eligibility() {
        assert!(!route("50000000.01", |f| f.single_content_simple_tech = true).art14_eligible);
        let d = route("50000000.01", |f| {
            f.single_content_simple_tech = true;
            f.small_scale = true;
        });
        assert!(d.art14_eligible);
        assert_eq!(d.route, Standard);
    }

    /// Source: INV-14.4 — urgency without municipal recognition only makes the project eligible (AMB-8).
    #[test]
    fn urgency_without_recognition() {
        let d = route("120000000.00", |f| f.urgent_sudden_event = true);
        assert_eq!(d.route, Standard);
        assert!(d.art14_eligible);
    }

    /// Source: INV-14.2 — a partial rebuild is an INV-14 category.
    #[test]
    fn art14_partial_rebuild() {
        assert!(route("300000000.00", |f| f.partial_rebuild_or_expansion = true).art14_eligible);
        assert!(route("300000000.00", |f| f.in_plan = true).art14_eligible);
        assert!(!route("300000000.00", |f| f.agreed = true).art14_eligible);
    }

    /// Source: INV-15.4 — a recognised emergency merges the four documents into one FSR, any amount.
    #[test]
    fn emergency_merged_15_4() {
        let d = route("300000000.00", |f| f.emergency_recognized = true);
        assert_eq!(d.route, EmergencyMerged);
        assert_eq!(&*d.documents, &DOCS_FSR);
        assert_eq!(&*d.permitted_alternatives, &[EmergencyMerged, Standard]);
        assert!(d.rules.contains(&INV_16_1));
        let d = route("8000000.00", |f| f.emergency_recognized = true);
        assert_eq!(&*d.permitted_alternatives, &[EmergencyMerged, SimplifiedFsrOnly, Standard]);
    }

    /// Source: INV-15.5 — central/provincial policy funds follow their own procedure; so does INV-13.4.
    #[test]
    fn external_routes() {
        assert_eq!(route("8000000.00", |f| f.seeks_central_provincial_funds = true).route, External);
        assert_eq!(route("8000000.00", |f| f.special_authority = true).route, External);
        let d = route("8000000.00", |f| f.special_authority = true);
        assert_eq!(&*d.permitted_alternatives, &[External]);
        assert!(d.documents.is_empty());
    }

    /// Source: INV-13.3 — county projects follow county rules, before every other test.
    #[test]
    fn county_first() {
        let d = route("8000000.00", |f| {
            f.level = Level::County;
            f.emergency_recognized = true;
        });
        assert_eq!(d.route, CountyRules);
        assert_eq!(&*d.rules, &[INV_13_3]);
    }

    /// Source: INV-13.1 — the standard route approves proposal, FSR, estimate and design.
    /// Source: INV-13.2 — drc approves proposal, FSR and estimate; the design approver is configured.
    #[test]
    fn standard_documents_and_design_approver() {
        let d = route("120000000.00", |_| {});
        let docs: Vec<DocKind> = d.documents.iter().map(|x| x.document).collect();
        assert_eq!(docs, [DocKind::Proposal, DocKind::Fsr, DocKind::Estimate, DocKind::PreliminaryDesign]);
        assert!(d.documents.iter().all(|x| x.approver == Actor::Drc));
        let d = approval_route(yuan!("120000000.00"), &ApprovalFlags::default(), DesignApprover::IndustryAuthority);
        assert_eq!(d.documents[3].approver, Actor::IndustryAuthority);
        assert_eq!(d.documents[2].approver, Actor::Drc);
        assert!(d.outcomes.is_empty());
    }

    /// The decision borrows static tables: no allocation on any branch.
    #[test]
    fn no_allocation() {
        for total in ["8000000.00", "30000000.00", "120000000.00"] {
            for f in [
                ApprovalFlags::default(),
                ApprovalFlags { in_plan: true, emergency_recognized: true, ..Default::default() },
            ] {
                let d = approval_route(yuan!(total), &f, DesignApprover::IndustryAuthority);
                assert!(matches!(d.rules, Cow::Borrowed(_)));
                assert!(matches!(d.documents, Cow::Borrowed(_)));
                assert!(matches!(d.permitted_alternatives, Cow::Borrowed(_)));
                assert_eq!(d.outcomes.capacity(), 0);
            }
        }
    }

    #[test]
    fn request_resolves_the_sector() {
        let mut cfg = crate::Config::default();
        cfg.design_approver.insert("transport".into(), DesignApprover::IndustryAuthority);
        let ctx = Context::new(cfg, crate::WorkingDayCalendar::embedded());
        let req = ApprovalRouteRequest {
            flags: ApprovalFlags::default(),
            sector: Some("transport".into()),
            total: yuan!("60000000.00"),
        };
        let d = approval_route_request(req, &ctx).unwrap();
        assert_eq!(d.documents[3].approver, Actor::IndustryAuthority);
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["route"], "standard");
        assert_eq!(json["rules"][0], "INV-13.3");
        let back: RouteDecision = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }

    /// Timing of `approval_route` (run with `--release --ignored` to read the figure).
    #[test]
    #[ignore]
    fn timing() {
        let flags = [
            ApprovalFlags::default(),
            ApprovalFlags { in_plan: true, ..Default::default() },
            ApprovalFlags { emergency_recognized: true, ..Default::default() },
        ];
        let totals = [yuan!("8000000.00"), yuan!("30000000.00"), yuan!("120000000.00")];
        let n = 3_000_000u32;
        let start = std::time::Instant::now();
        let mut acc = 0usize;
        for i in 0..n {
            let d = approval_route(
                std::hint::black_box(totals[(i % 3) as usize]),
                std::hint::black_box(&flags[(i / 3 % 3) as usize]),
                DesignApprover::Drc,
            );
            acc += d.rules.len() + d.permitted_alternatives.len();
            std::hint::black_box(&d);
        }
        let ns = start.elapsed().as_nanos() as f64 / n as f64;
        println!("approval_route: {ns:.1} ns/call ({acc})");
    }
}
