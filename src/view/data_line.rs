//! The one-line summary of where the data on screen came from, with a warning for each source
//! that failed: what the reader sees before opening the per-source details.

use crate::fetching::plan::live_range;
use crate::model::source::{SourceId, StatusSource};
use crate::model::time::{parse_date, UnixSeconds};
use crate::state::{AppState, LoadStatus, SourceProblem};

/// How fresh the data on screen are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// The bundled snapshot has not loaded yet.
    Loading,
    /// The snapshot is shown while live sources are still being asked.
    Updating {
        /// The day the snapshot was retrieved, when it loaded.
        snapshot: Option<UnixSeconds>,
    },
    /// Nothing live: the bundled snapshot only (or nothing, if it failed too).
    Offline {
        /// The day the snapshot was retrieved, when it loaded.
        snapshot: Option<UnixSeconds>,
    },
    /// The bundled snapshot covers the view for some sources, which were not asked (the data
    /// manifest says so), and the others settled.
    Covered {
        /// The day the snapshot was retrieved, when it loaded.
        snapshot: Option<UnixSeconds>,
        /// How many live sources delivered.
        live: usize,
    },
    /// Some or all live sources delivered (fresh from the network, or a cached copy that is not
    /// standing in for a failure).
    Live {
        /// How many delivered.
        live: usize,
        /// Out of how many.
        of: usize,
    },
}

/// A source that failed, for its warning chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warning {
    /// The snapshot or live source that failed.
    pub source: StatusSource,
    /// What went wrong.
    pub problem: SourceProblem,
}

/// The summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLine {
    /// How fresh the data are.
    pub freshness: Freshness,
    /// One warning per source that failed, in the order of the status list.
    pub warnings: Vec<Warning>,
    /// Whether the range asked for was narrowed to the days Bitcoin has existed.
    pub range_narrowed: bool,
    /// Whether the connectivity on screen covers only the view's last
    /// [`crate::fetching::plan::MAX_LIVE_SPAN`] (the
    /// most one page asks IODA for).
    pub connectivity_narrowed: bool,
}

impl AppState {
    /// The data-status summary of every source.
    pub fn data_line(&self) -> DataLine {
        let status_of = |source: StatusSource| self.status(source).map(|s| s.status.clone());
        let snapshot = self
            .hash_rate
            .as_ref()
            .and_then(|s| parse_date(&s.daily.provenance.retrieved).ok());
        let live_statuses: Vec<Option<LoadStatus>> = SourceId::ALL
            .iter()
            .map(|s| status_of((*s).into()))
            .collect();
        let count = |wanted: &[LoadStatus]| {
            live_statuses
                .iter()
                .filter(|s| s.as_ref().is_some_and(|s| wanted.contains(s)))
                .count()
        };
        // Live: fresh from the network, or a cached copy that is not standing in for a failure.
        let live = SourceId::ALL
            .iter()
            .filter_map(|s| self.status(*s))
            .filter(|s| {
                matches!(s.status, LoadStatus::Live | LoadStatus::Partial)
                    || (s.status == LoadStatus::Cached && s.problem.is_none())
            })
            .count();
        let freshness = if status_of(StatusSource::Bundle) == Some(LoadStatus::Loading) {
            Freshness::Loading
        } else if count(&[LoadStatus::Covered]) > 0 && count(&[LoadStatus::Loading]) == 0 {
            Freshness::Covered { snapshot, live }
        } else if live > 0 {
            Freshness::Live {
                live,
                of: SourceId::ALL.len(),
            }
        } else if count(&[LoadStatus::Loading]) > 0 {
            Freshness::Updating { snapshot }
        } else {
            Freshness::Offline { snapshot }
        };
        let warnings = self
            .statuses
            .iter()
            .filter_map(|s| {
                Some(Warning {
                    source: s.source,
                    problem: s.problem?,
                })
            })
            .collect();
        DataLine {
            freshness,
            warnings,
            range_narrowed: self.settings.range_narrowed,
            connectivity_narrowed: live_range(self.viewport.initial).1
                && status_of(SourceId::Ioda.into()).is_some_and(|s| {
                    matches!(
                        s,
                        LoadStatus::Live | LoadStatus::Partial | LoadStatus::Cached
                    )
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetching::plan::Settled;
    use crate::state::{Action, Bundle};

    fn failed_bundle() -> Bundle {
        Bundle {
            hash_rate: Err("HTTP 404".into()),
            shares: Err("HTTP 404".into()),
            events: Err("HTTP 404".into()),
        }
    }

    #[test]
    fn loading_then_updating_then_offline() {
        let state = AppState::default();
        assert_eq!(state.data_line().freshness, Freshness::Loading);
        assert!(!state.settled());
        let state = state.apply(Action::BundleLoaded(failed_bundle()));
        assert_eq!(
            state.data_line().freshness,
            Freshness::Updating { snapshot: None }
        );
        let settled = SourceId::ALL.iter().fold(state, |s, id| {
            s.apply(Action::SourceSettled(
                *id,
                Settled::Snapshot { failure: None },
            ))
        });
        assert!(!settled.settled(), "the history is still loading");
        let settled = settled.apply(Action::HistoryLoaded(Err("HTTP 404".into())));
        assert!(!settled.settled(), "the event catalogue is still loading");
        let settled = settled.apply(Action::CatalogueLoaded(Err("HTTP 404".into())));
        assert_eq!(
            settled.data_line().freshness,
            Freshness::Offline { snapshot: None }
        );
        assert!(settled.settled());
        let warnings = settled.data_line().warnings;
        assert_eq!(
            warnings,
            [Warning {
                source: StatusSource::Bundle,
                problem: SourceProblem::Failed
            }]
        );
        assert!(settled
            .status(SourceId::Blockchain)
            .unwrap()
            .message()
            .contains("the long-range history could not be loaded (HTTP 404)"));
    }

    #[test]
    fn connectivity_fetched_for_part_of_a_long_view_is_said() {
        use crate::fetching::plan::Provided;
        use crate::model::settings::Settings;
        use crate::model::time::{TimeRange, DAY};
        use crate::state::SourceData;
        use std::rc::Rc;
        let connectivity = || Settled::Data {
            data: SourceData::Connectivity {
                series: Rc::new(Vec::new()),
                events: Rc::new(Vec::new()),
            },
            provided: Provided::Live { fetched_at: 0 },
            failure: None,
        };
        let view = |days: i64| {
            let settings = Settings {
                range: Some(TimeRange::new(1_600_000_000, 1_600_000_000 + days * DAY)),
                ..Settings::default()
            };
            AppState::from_settings(settings, false)
        };
        let long = view(730);
        assert!(!long.data_line().connectivity_narrowed, "not fetched yet");
        let long = long.apply(Action::SourceSettled(SourceId::Ioda, connectivity()));
        assert!(long.data_line().connectivity_narrowed);
        let short = view(200).apply(Action::SourceSettled(SourceId::Ioda, connectivity()));
        assert!(!short.data_line().connectivity_narrowed);
        let fell_back = view(730).apply(Action::SourceSettled(
            SourceId::Ioda,
            Settled::Snapshot { failure: None },
        ));
        assert!(!fell_back.data_line().connectivity_narrowed);
    }

    #[test]
    fn a_source_that_fell_back_or_failed_gets_a_warning() {
        let state = AppState::default()
            .apply(Action::SourceSettled(
                SourceId::Ioda,
                Settled::Snapshot {
                    failure: Some("timeout after 10 s".into()),
                },
            ))
            .apply(Action::SourceSettled(
                SourceId::Cbeci,
                Settled::Failed {
                    failure: "HTTP 500".into(),
                },
            ));
        let warnings: Vec<_> = state
            .data_line()
            .warnings
            .into_iter()
            .map(|w| (w.source.as_str(), w.problem))
            .collect();
        assert_eq!(
            warnings,
            [
                ("ioda", SourceProblem::Unreachable),
                ("cbeci", SourceProblem::Failed)
            ]
        );
    }

    #[test]
    fn an_old_copy_standing_in_for_a_failure_is_not_live() {
        use crate::fetching::plan::Provided;
        use crate::state::SourceData;
        let stale = |source| {
            Action::SourceSettled(
                source,
                Settled::Data {
                    data: SourceData::Shares(std::rc::Rc::new(crate::model::shares::ShareTable {
                        provenance: crate::model::test_support::provenance(),
                        months: vec![],
                    })),
                    provided: Provided::Cached {
                        stored_at: 0,
                        stale: true,
                    },
                    failure: Some("HTTP 502".into()),
                },
            )
        };
        let state = AppState::default()
            .apply(Action::BundleLoaded(failed_bundle()))
            .apply(stale(SourceId::Cbeci));
        assert_eq!(
            state.data_line().freshness,
            Freshness::Updating { snapshot: None },
            "three sources still loading, none live"
        );
        assert_eq!(state.data_line().warnings.len(), 2, "snapshot and CBECI");
    }
}
