//! What the widget knows and shows, as a pure reducer: `AppState::apply(action)`. The Yew
//! `Reducible` impl in `app` only delegates here, so every transition is tested natively.

use std::rc::Rc;

use crate::model::snapshot::HashRateSnapshot;
use crate::model::time::{format_date, TimeRange, DAY};

/// How far a data source has got, as shown by the status line (`data-status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadStatus {
    /// Still waiting for data.
    Loading,
    /// Showing the bundled snapshot.
    Snapshot,
    /// Nothing could be loaded.
    Failed,
}

impl LoadStatus {
    /// The value of the status element's `data-status` attribute.
    pub fn as_str(&self) -> &'static str {
        match self {
            LoadStatus::Loading => "loading",
            LoadStatus::Snapshot => "snapshot",
            LoadStatus::Failed => "failed",
        }
    }
}

/// One source's status: its id (`data-source`), how far it got, and a sentence for readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStatus {
    /// Source id, e.g. `snapshot`.
    pub source: &'static str,
    /// How far loading got.
    pub status: LoadStatus,
    /// What happened, in words a reader understands.
    pub message: String,
}

/// The widget's state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The hash-rate data, once loaded.
    pub hash_rate: Option<Rc<HashRateSnapshot>>,
    /// Status of the bundled snapshot.
    pub snapshot_status: SourceStatus,
    /// The time range the timeline shows.
    pub view: Option<TimeRange>,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            hash_rate: None,
            snapshot_status: SourceStatus {
                source: "snapshot",
                status: LoadStatus::Loading,
                message: "Loading the bundled data snapshot…".into(),
            },
            view: None,
        }
    }
}

/// Something that happened to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The bundled snapshot loaded and passed its checks.
    SnapshotLoaded(Rc<HashRateSnapshot>),
    /// The bundled snapshot could not be loaded; the reason in words.
    SnapshotFailed(String),
}

impl AppState {
    /// The state after `action`.
    pub fn apply(&self, action: Action) -> Self {
        match action {
            Action::SnapshotLoaded(snapshot) => {
                let span = snapshot.daily_span();
                let message = match span {
                    Some((first, last)) => format!(
                        "Showing the bundled snapshot: daily data {} to {}, retrieved {}.",
                        format_date(first),
                        format_date(last),
                        snapshot.daily.provenance.retrieved
                    ),
                    None => "Showing the bundled snapshot.".into(),
                };
                Self {
                    view: span.map(|(first, last)| TimeRange::new(first, last + DAY)),
                    hash_rate: Some(snapshot),
                    snapshot_status: SourceStatus {
                        status: LoadStatus::Snapshot,
                        message,
                        ..self.snapshot_status.clone()
                    },
                }
            }
            Action::SnapshotFailed(reason) => Self {
                snapshot_status: SourceStatus {
                    status: LoadStatus::Failed,
                    message: format!("The bundled data snapshot could not be loaded: {reason}"),
                    ..self.snapshot_status.clone()
                },
                ..self.clone()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::provenance::Provenance;
    use crate::model::series::Point;
    use crate::model::snapshot::{DailyChainData, DayRecord, HashRateSeries, SNAPSHOT_FORMAT};

    fn snapshot() -> HashRateSnapshot {
        let provenance = Provenance {
            source: "S".into(),
            title: "T".into(),
            licence: "L".into(),
            url: "u".into(),
            origin: "o".into(),
            retrieved: "2026-11-24".into(),
        };
        HashRateSnapshot {
            format: SNAPSHOT_FORMAT,
            daily: DailyChainData {
                label: "daily".into(),
                provenance: provenance.clone(),
                days: vec![
                    DayRecord::from((1_639_267_200, 140, 1.68e20)),
                    DayRecord::from((1_639_353_600, 141, 1.69e20)),
                ],
            },
            long_range: HashRateSeries {
                label: "long".into(),
                provenance,
                points: vec![Point::from((1_639_267_200, 1.7e20))],
            },
        }
    }

    #[test]
    fn starts_loading() {
        let state = AppState::default();
        assert_eq!(state.snapshot_status.status.as_str(), "loading");
        assert_eq!(state.snapshot_status.source, "snapshot");
        assert!(state.hash_rate.is_none());
    }

    #[test]
    fn a_loaded_snapshot_sets_data_view_and_status() {
        let state = AppState::default().apply(Action::SnapshotLoaded(Rc::new(snapshot())));
        assert_eq!(state.snapshot_status.status, LoadStatus::Snapshot);
        assert_eq!(
            state.snapshot_status.message,
            "Showing the bundled snapshot: daily data 2021-12-12 to 2021-12-13, retrieved 2026-11-24."
        );
        assert_eq!(
            state.view,
            Some(TimeRange::new(1_639_267_200, 1_639_440_000))
        );
        assert!(state.hash_rate.is_some());
    }

    #[test]
    fn a_failure_keeps_what_was_loaded_and_says_why() {
        let loaded = AppState::default().apply(Action::SnapshotLoaded(Rc::new(snapshot())));
        let failed = loaded.apply(Action::SnapshotFailed("HTTP 404".into()));
        assert_eq!(failed.snapshot_status.status.as_str(), "failed");
        assert!(failed
            .snapshot_status
            .message
            .ends_with("could not be loaded: HTTP 404"));
        assert_eq!(failed.hash_rate, loaded.hash_rate);
        assert_eq!(failed.view, loaded.view);
    }
}
