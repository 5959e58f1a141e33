//! The story behind the takeaway: the disruption in view, the days it covers and, when the
//! chain data cover them, what it did to the network's hash rate.

use crate::analysis::impact::{event_days, ImpactAssessment, Impacts, BASELINE_DAYS};
use crate::model::events::DisruptionEvent;
use crate::model::region::Country;
use crate::model::source::StatusSource;
use crate::model::time::{TimeRange, DAY};
use crate::state::{AppState, LoadStatus};
use crate::view::disruptions::concurrent;

/// What the takeaway tells.
#[derive(Debug, Clone, PartialEq)]
pub enum Story {
    /// The bundled data are still loading.
    Loading,
    /// A disruption in view.
    Disruption {
        /// The event.
        event: Box<DisruptionEvent>,
        /// The country in view.
        country: &'static Country,
        /// The whole UTC days it covers (those its impact is measured over).
        days: TimeRange,
        /// What it did to the hash rate, when the chain data cover those days.
        impact: Option<Box<ImpactAssessment>>,
        /// Other disruptions in those days or the baseline before them (see [`concurrent`]).
        concurrent: Vec<DisruptionEvent>,
    },
    /// No catalogue of disruptions to tell from (the bundled one did not load).
    NoCatalogue {
        /// The country in view.
        country: &'static Country,
    },
    /// No recorded disruption of the country in view.
    Quiet {
        /// The country in view.
        country: &'static Country,
        /// The range in view.
        range: TimeRange,
        /// The most recent disruption anywhere that began before the range ends, if any.
        latest: Option<DisruptionEvent>,
    },
}

impl AppState {
    /// The story of the view: the selected disruption with its impact from `impacts` (by
    /// event id), else the quiet range.
    pub fn story(&self, impacts: &Impacts) -> Story {
        let snapshot_loading = self
            .status(StatusSource::Bundle)
            .is_some_and(|s| s.status == LoadStatus::Loading);
        if snapshot_loading {
            return Story::Loading;
        }
        let country = self.country;
        match self.selected_event() {
            Some(event) => {
                let days = event_days(event.start, event.end);
                let impact = impacts.get(&event.id);
                let span = impact.map_or(
                    TimeRange::new(days.start - BASELINE_DAYS * DAY, days.end),
                    |i| {
                        TimeRange::new(i.observed.baseline.range.start, i.observed.window.range.end)
                    },
                );
                Story::Disruption {
                    days,
                    impact: impact.cloned().map(Box::new),
                    event: Box::new(event.clone()),
                    country,
                    concurrent: concurrent(&self.events, event, span)
                        .into_iter()
                        .cloned()
                        .collect(),
                }
            }
            None if self.events.is_empty()
                && self
                    .status(StatusSource::Bundle)
                    .is_some_and(|s| s.status == LoadStatus::Failed) =>
            {
                Story::NoCatalogue { country }
            }
            None => Story::Quiet {
                country,
                range: self.viewport.range,
                latest: self.latest_disruption().cloned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::events::{DisruptionEvent, EventOrigin};
    use crate::model::settings::Settings;
    use crate::model::time::{format_date, parse_date};
    use crate::state::{Action, Bundle};

    fn event(id: &str, start: &str, end: &str) -> DisruptionEvent {
        DisruptionEvent {
            id: id.into(),
            country: "KZ".into(),
            start: parse_date(start).unwrap() + 3_600,
            end: parse_date(end).unwrap() + 3_600,
            title: format!("{} shutdown", if id == "long" { "Long" } else { "Short" }),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![],
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin: EventOrigin::Curated,
            evidence: vec![],
        }
    }

    fn loaded(events: Vec<DisruptionEvent>) -> AppState {
        let catalogue = crate::model::snapshot::EventCatalogue {
            format: crate::model::snapshot::SNAPSHOT_FORMAT,
            sources: vec![],
            events,
        };
        let bundle = Bundle {
            hash_rate: Err("HTTP 404".into()),
            shares: Err("HTTP 404".into()),
            events: Ok(std::rc::Rc::new(catalogue)),
        };
        AppState::from_settings(Settings::from_pairs([]).0, false)
            .apply(Action::BundleLoaded(bundle))
    }

    #[test]
    fn loading_until_the_bundle_settles() {
        let state = AppState::default();
        assert_eq!(state.story(&Impacts::default()), Story::Loading);
    }

    #[test]
    fn the_longest_disruption_in_view_is_the_story() {
        let state = loaded(vec![
            event("short", "2022-01-04", "2022-01-05"),
            event("long", "2022-01-05", "2022-01-10"),
        ]);
        let Story::Disruption {
            event,
            country,
            days,
            impact,
            concurrent,
        } = state.story(&Impacts::default())
        else {
            panic!("a disruption is in view");
        };
        assert_eq!(event.title, "Long shutdown");
        assert_eq!(country.name, "Kazakhstan");
        assert_eq!(
            days,
            TimeRange::new(
                parse_date("2022-01-05").unwrap(),
                parse_date("2022-01-10").unwrap()
            )
        );
        assert_eq!(impact, None, "no chain data, no impact");
        assert!(
            concurrent.is_empty(),
            "the shutdown the day before is the same story, not another: {concurrent:?}"
        );
    }

    #[test]
    fn without_a_catalogue_it_does_not_say_nothing_happened() {
        let failed = Bundle {
            hash_rate: Err("HTTP 404".into()),
            shares: Err("HTTP 404".into()),
            events: Err("HTTP 404".into()),
        };
        let state = AppState::default().apply(Action::BundleLoaded(failed));
        assert_eq!(
            state.story(&Impacts::default()),
            Story::NoCatalogue {
                country: &crate::model::region::KAZAKHSTAN
            }
        );
    }

    #[test]
    fn the_latest_opening_shows_the_last_days_in_the_country_of_the_most_recent_disruption() {
        let (mut settings, _) = Settings::from_pairs([("opening", "latest")]);
        settings.bound_range(parse_date("2026-11-30").unwrap());
        let mut recent = event("ir", "2026-03-01", "2026-03-02");
        recent.country = "IR".into();
        let catalogue = crate::model::snapshot::EventCatalogue {
            format: crate::model::snapshot::SNAPSHOT_FORMAT,
            sources: vec![],
            events: vec![event("old", "2022-01-05", "2022-01-07"), recent],
        };
        let state = AppState::from_settings(settings, false).apply(Action::BundleLoaded(Bundle {
            hash_rate: Err("HTTP 404".into()),
            shares: Err("HTTP 404".into()),
            events: Ok(std::rc::Rc::new(catalogue)),
        }));
        assert_eq!(state.country.code, "IR");
        assert_eq!(format_date(state.viewport.range.start), "2026-11-01");
        assert!(matches!(
            state.story(&Impacts::default()),
            Story::Quiet { country, latest: Some(latest), .. } if country.name == "Iran" && latest.id == "ir"
        ));
    }

    #[test]
    fn quiet_when_nothing_happened_in_view() {
        let state = loaded(vec![
            event("old", "2019-01-04", "2019-01-05"),
            event("older", "2018-06-04", "2018-06-05"),
            event("later", "2023-06-04", "2023-06-05"),
        ]);
        assert!(matches!(
            state.story(&Impacts::default()),
            Story::Quiet { country, range, latest: Some(latest) }
                if country.name == "Kazakhstan" && range == state.viewport.range && latest.id == "old"
        ));
    }
}
