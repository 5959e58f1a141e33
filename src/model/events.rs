//! Disruption events: internet shutdowns, outages and power cuts in a region, each with the
//! evidence and sources behind it.

use serde::{Deserialize, Serialize};

use super::time::UnixSeconds;

/// A public source that documents an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Who says so, e.g. "RIPE Labs (Emile Aben)".
    pub source: String,
    /// What they report, in a sentence.
    pub finding: String,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// How an event entered the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventOrigin {
    /// From IODA's list of manually verified outages (Bischof et al., SIGCOMM 2023).
    IodaVerified,
    /// Flagged by IODA's automatic outage detectors (live API).
    IodaDetected,
    /// Found by minewatch's own detector in an IODA signal (`analysis::disruption`).
    SignalDetected,
    /// Written by hand from the public reports cited in its evidence.
    Curated,
}

/// A disruption in one country (or a region or network inside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisruptionEvent {
    /// Stable identifier, used in links (`event=`).
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// First instant of the disruption.
    pub start: UnixSeconds,
    /// Last instant of the disruption.
    pub end: UnixSeconds,
    /// A short title.
    pub title: String,
    /// What was affected: "Country", "Region (Mazandaran)", "AS (4538)", "Mobile networks".
    pub scope: String,
    /// The cause, as the source classifies it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// IODA signals in which the disruption was visible: `bgp`, `ping-slash24` (active
    /// probing) or `telescope` (the network telescope, UCSD-NT and later Merit-NT).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visible_in: Vec<String>,
    /// How the event entered the catalogue.
    pub origin: EventOrigin,
    /// The sources.
    pub evidence: Vec<Evidence>,
}

impl DisruptionEvent {
    /// Whether the event overlaps the interval `[start, end]`.
    pub fn overlaps(&self, start: UnixSeconds, end: UnixSeconds) -> bool {
        self.start <= end && start <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_includes_touching_intervals() {
        let event = DisruptionEvent {
            id: "e".into(),
            country: "KZ".into(),
            start: 10,
            end: 20,
            title: "t".into(),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![],
            origin: EventOrigin::Curated,
            evidence: vec![],
        };
        assert!(event.overlaps(0, 10));
        assert!(event.overlaps(20, 30));
        assert!(event.overlaps(12, 15));
        assert!(!event.overlaps(21, 30));
        let json = serde_json::to_string(&event).unwrap();
        assert!(json.contains("\"origin\":\"curated\""), "{json}");
        assert!(!json.contains("visible_in"), "{json}");
    }
}
