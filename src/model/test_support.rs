//! Builders shared by the unit tests of the model and the state.

use super::events::{DisruptionEvent, EventOrigin};
use super::provenance::Provenance;
use super::series::Point;
use super::snapshot::{
    DailyChainData, DayRecord, HashRateSeries, HashRateSnapshot, HistorySnapshot, SNAPSHOT_FORMAT,
};

/// A provenance with placeholder text, retrieved 2026-11-24.
pub fn provenance() -> Provenance {
    Provenance {
        source: "S".into(),
        title: "T".into(),
        licence: "L".into(),
        url: "https://example.org".into(),
        origin: "o".into(),
        retrieved: "2026-11-24".into(),
    }
}

/// A hash-rate snapshot of the given daily records.
pub fn hash_rate_snapshot(days: Vec<DayRecord>) -> HashRateSnapshot {
    HashRateSnapshot {
        format: SNAPSHOT_FORMAT,
        daily: DailyChainData {
            label: "daily".into(),
            provenance: provenance(),
            days,
        },
        years: None,
    }
}

/// A long-range history of the given points.
pub fn history_snapshot(points: Vec<Point>) -> HistorySnapshot {
    HistorySnapshot {
        format: SNAPSHOT_FORMAT,
        long_range: HashRateSeries {
            label: "long".into(),
            provenance: provenance(),
            points,
        },
    }
}

/// A curated country-wide event in Kazakhstan titled "t", from `start` to `end`.
pub fn event(id: &str, start: i64, end: i64) -> DisruptionEvent {
    DisruptionEvent {
        id: id.into(),
        country: "KZ".into(),
        start,
        end,
        title: "t".into(),
        scope: "Country".into(),
        cause: None,
        visible_in: vec![],
        place: None,
        kind: crate::model::events::EventKind::Internet,
        origin: EventOrigin::Curated,
        evidence: vec![],
    }
}
