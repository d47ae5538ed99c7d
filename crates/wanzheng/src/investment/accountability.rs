//! Accountability cases `accountability/<case_id>` (INV-50; RULES.md §3.1.5, §3.1.6 (e)).

use serde::{Deserialize, Serialize};

use crate::actor::DocRef;
use crate::event::{event_enum, state_enum};
use crate::log::MachineId;

state_enum! {
    /// States of an accountability case (RULES.md §3.1.5).
    pub enum AccState {
        /// Opened (INV-50).
        AccOpened = "acc_opened",
        /// Responsibility determined (INV-50.1).
        AccResponsibilityDetermined = "acc_responsibility_determined",
        /// Handling implemented (INV-50.1).
        AccHandlingImplemented = "acc_handling_implemented",
        /// Municipal government consented (INV-50.1).
        AccGovConsented = "acc_gov_consented",
        /// Every unit funded its share (terminal, INV-50.2).
        AccFunded = "acc_funded",
    }
}

/// `gov_consent_accountability` (municipal_government): acc_handling_implemented → acc_gov_consented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovConsentAccountability {
    /// The consent.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

event_enum! {
    /// Events of the accountability sub-machine (RULES.md §3.1.6 (e)).
    pub enum AccountabilityEvent, kind AccountabilityEventKind, machine MachineId::Accountability {
        /// acc_handling_implemented → acc_gov_consented.
        GovConsentAccountability(GovConsentAccountability) = "gov_consent_accountability",
    }
}
