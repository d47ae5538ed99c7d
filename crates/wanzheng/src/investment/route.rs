//! Approval routes (INV-13 to INV-16; RULES.md §4.1): the vocabulary.

use serde::{Deserialize, Serialize};

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

/// An approval route (RULES.md §4.1 output identifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Proposal, FSR, design and estimate (INV-13.1, 13.2).
    Standard,
    /// FSR without proposal; design and estimate still approved (INV-15.3, AMB-3).
    DirectFsr,
    /// FSR only, total ≤ 10,000,000.00 (INV-15.1).
    SimplifiedFsrOnly,
    /// Four documents merged into one FSR at estimate depth (INV-15.4, 16.1).
    EmergencyMerged,
    /// National/provincial special authority or policy funds (INV-13.4, 15.5).
    External,
    /// County rules (INV-13.3).
    CountyRules,
}

impl Route {
    /// The wire identifier.
    pub const fn as_str(self) -> &'static str {
        match self {
            Route::Standard => "standard",
            Route::DirectFsr => "direct_fsr",
            Route::SimplifiedFsrOnly => "simplified_fsr_only",
            Route::EmergencyMerged => "emergency_merged",
            Route::External => "external",
            Route::CountyRules => "county_rules",
        }
    }

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
