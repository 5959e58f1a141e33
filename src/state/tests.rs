use super::*;
use crate::fetching::plan::Provided;
use crate::model::connectivity::Signal;
use crate::model::shares::MonthShares;
use crate::model::snapshot::{DayRecord, SNAPSHOT_FORMAT};
use crate::model::test_support::{hash_rate_snapshot, provenance};
use crate::model::time::{format_date, DAY};
use crate::render::series::DrawOptions;

pub(super) fn bundle() -> Bundle {
    let hash_rate = hash_rate_snapshot(vec![
        DayRecord::from((1_639_267_200, Some(140), 1.68e20)),
        DayRecord::from((1_639_353_600, Some(141), 1.69e20)),
    ]);
    Bundle {
        hash_rate: Ok(Rc::new(hash_rate)),
        shares: Ok(Rc::new(ShareSnapshot {
            format: SNAPSHOT_FORMAT,
            table: ShareTable {
                provenance: provenance(),
                months: vec![],
            },
        })),
        events: Ok(Rc::new(EventCatalogue {
            format: SNAPSHOT_FORMAT,
            sources: vec![],
            events: vec![],
        })),
    }
}

#[test]
fn starts_loading_every_source() {
    let state = AppState::default();
    let ids: Vec<_> = state.statuses.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(ids, ["snapshot", "mempool", "blockchain", "ioda", "cbeci"]);
    assert!(state
        .statuses
        .iter()
        .all(|s| s.status == LoadStatus::Loading));
    assert_eq!(format_date(state.viewport.range.start), "2021-12-12");
}

#[test]
fn a_loaded_bundle_sets_data_and_status() {
    let state = AppState::default().apply(Action::BundleLoaded(bundle()));
    let status = state.status(StatusSource::Bundle).unwrap();
    assert_eq!(status.status, LoadStatus::Snapshot);
    assert_eq!(
        status.message(),
        "Bundled snapshot: daily data 2021-12-12 to 2021-12-13, 0 events (more loading), \
         retrieved 2026-11-24."
    );
    assert!(state.hash_rate.is_some() && state.shares.is_some());
    // Every month of shares, after the first chart, in place of the opening view's.
    let month = |month| MonthShares {
        month,
        note: None,
        source_url: None,
        shares: vec![],
    };
    let all_months = |provenance| {
        Rc::new(ShareSnapshot {
            format: SNAPSHOT_FORMAT,
            table: ShareTable {
                provenance,
                months: vec![month(0), month(1_000)],
            },
        })
    };
    let full = state.apply(Action::SharesLoaded(Ok(all_months(provenance()))));
    assert_eq!(full.shares.as_ref().unwrap().months.len(), 2);
    assert!(full
        .status(StatusSource::Bundle)
        .unwrap()
        .message()
        .contains("2 months of shares"));
    // Live shares that arrived first stay on screen.
    let live = Provenance {
        source: "CBECI live".into(),
        ..provenance()
    };
    let live_first = AppState {
        shares: Some(Rc::new(all_months(live.clone()).table.clone())),
        ..state.clone()
    }
    .apply(Action::SharesLoaded(Ok(all_months(provenance()))));
    assert_eq!(live_first.shares.as_ref().unwrap().provenance, live);
    let failed = state.apply(Action::SharesLoaded(Err("HTTP 404".into())));
    assert!(failed
        .status(StatusSource::Bundle)
        .unwrap()
        .message()
        .contains("shares (HTTP 404)"));
    assert!(state.opening_events_first() && !state.settled());
    // The whole catalogue, after the first chart: its events join (those of the opening
    // view once), the sentence counts them.
    let event = |id| crate::model::test_support::event(id, 1_639_300_000, 1_639_400_000);
    let catalogue = |events| {
        Rc::new(EventCatalogue {
            format: SNAPSHOT_FORMAT,
            sources: Vec::new(),
            events,
        })
    };
    let mut opening = bundle();
    opening.events = Ok(catalogue(vec![event("kz-1")]));
    let state = AppState::default().apply(Action::BundleLoaded(opening));
    let whole = catalogue(vec![event("kz-1"), event("kz-2")]);
    let state = state.apply(Action::CatalogueLoaded(Ok(whole)));
    assert_eq!(state.events.len(), 2, "each event once");
    assert_eq!(
        state.status(StatusSource::Bundle).unwrap().message(),
        "Bundled snapshot: daily data 2021-12-12 to 2021-12-13, 2 events, retrieved \
         2026-11-24."
    );
    let failed = AppState::default()
        .apply(Action::BundleLoaded(bundle()))
        .apply(Action::CatalogueLoaded(Err("HTTP 404".into())));
    assert_eq!(
        failed.status(StatusSource::Bundle).unwrap().message(),
        "The bundled data snapshot could not be loaded: events (HTTP 404)."
    );
}

#[test]
fn a_partly_failed_bundle_keeps_what_loaded_and_says_what_failed() {
    let mut broken = bundle();
    broken.shares = Err("HTTP 404".into());
    let state = AppState::default().apply(Action::BundleLoaded(broken));
    let status = state.status(StatusSource::Bundle).unwrap();
    assert_eq!(status.status.as_str(), "failed");
    assert_eq!(
        status.message(),
        "The bundled data snapshot could not be loaded: shares (HTTP 404)."
    );
    assert!(state.hash_rate.is_some());
    assert!(state.shares.is_none());
}

#[test]
fn live_data_replaces_and_says_live() {
    let state = AppState::default()
        .apply(Action::BundleLoaded(bundle()))
        .apply(Action::SourceSettled(
            SourceId::Mempool,
            Settled::Data {
                data: SourceData::HashRate {
                    points: Rc::new(vec![Point { t: 0, v: 2e20 }]),
                    difficulty: Rc::new(vec![]),
                },
                provided: Provided::Live { fetched_at: 86_400 },
                failure: None,
            },
        ));
    let status = state.status(SourceId::Mempool).unwrap();
    let credit = state
        .live_provenance
        .first()
        .map(crate::text::ui::credit_line);
    let sources: Vec<_> = state.credits().into_iter().map(|p| p.source).collect();
    assert_eq!(
        sources,
        ["S", "mempool.space", "S"],
        "daily, live, shares (the history has not loaded)"
    );
    assert_eq!(
        credit.as_deref(),
        Some(
            "mempool.space: Bitcoin network hash rate, daily average (mempool.space \
              terms of service), retrieved 1970-01-02 00:00 UTC"
        )
    );
    assert_eq!(status.status.as_str(), "live");
    assert_eq!(
        status.message(),
        "mempool.space: live, 1 daily value from 1970-01-01 to 1970-01-01, latest 200 EH/s."
    );
    assert_eq!(state.live_hash_rate.len(), 1);
}

#[test]
fn a_failed_source_falls_back_to_the_snapshot_and_says_why() {
    let state = AppState::default()
        .apply(Action::BundleLoaded(bundle()))
        .apply(Action::SourceSettled(
            SourceId::Ioda,
            Settled::Snapshot {
                failure: Some("timeout after 10 s".into()),
            },
        ));
    let status = state.status(SourceId::Ioda).unwrap();
    assert_eq!(status.status.as_str(), "snapshot");
    assert_eq!(
        status.message(),
        "IODA unreachable (timeout after 10 s) — showing the bundled snapshot: 0 events, 0 in \
         Kazakhstan; no connectivity series in the snapshot."
    );
    let failed = state.apply(Action::SourceSettled(
        SourceId::Cbeci,
        Settled::Failed {
            failure: "HTTP 500".into(),
        },
    ));
    assert_eq!(
        failed.status(SourceId::Cbeci).unwrap().status.as_str(),
        "failed"
    );
    assert!(failed.shares.is_some(), "the bundled shares stay");
}

#[test]
fn the_viewport_follows_commands_within_the_data() {
    let state = AppState::default().apply(Action::BundleLoaded(bundle()));
    // The bundle's daily data start on 2021-12-12, inside the opening range (the history
    // has not loaded).
    assert_eq!(state.data_extent(), state.viewport.initial);
    let zoomed = state.apply(Action::View(ViewCommand::ZoomAround {
        anchor: state.viewport.initial.start,
        factor: 2.0,
    }));
    assert_eq!(zoomed.viewport.range.start, state.viewport.initial.start);
    assert_eq!(
        zoomed.viewport.range.span(),
        state.viewport.initial.span() / 2
    );
    let out = zoomed.apply(Action::View(ViewCommand::Pan(-100 * DAY)));
    assert_eq!(out.viewport.range.start, state.viewport.extent.start);
    let reset = out.apply(Action::View(ViewCommand::Reset));
    assert_eq!(reset.viewport.range, state.viewport.initial);

    let hidden = state.apply(Action::ToggleSignal(Signal::Bgp));
    assert_eq!(DrawOptions::of(&hidden).hidden_signals, [Signal::Bgp]);
    let shown = hidden.apply(Action::ToggleSignal(Signal::Bgp));
    assert!(DrawOptions::of(&shown).hidden_signals.is_empty());
}

#[test]
fn a_late_answer_for_another_country_keeps_the_current_signals() {
    let series = |country: &str| ConnectivitySeries {
        country: country.into(),
        datasource: Signal::Bgp,
        from: 0,
        step: 3_600,
        values: vec![Some(1.0); 48],
    };
    let answer = |country: &'static str, range: TimeRange| {
        Action::ConnectivitySettled(
            country,
            range,
            Settled::Data {
                data: SourceData::Connectivity {
                    series: Rc::new(vec![series(country)]),
                    events: Rc::new(vec![]),
                },
                provided: Provided::Live { fetched_at: 0 },
                failure: None,
            },
        )
    };
    let opening = AppState::default();
    let range = opening.connectivity_range;
    let state = opening
        .apply(Action::SelectCountry("US"))
        .apply(answer("US", range))
        .apply(answer("KZ", range));
    assert_eq!(state.country.code, "US");
    assert_eq!(state.connectivity[0].country, "US");
    assert_eq!(state.baselines[0].country, "US");
    assert_eq!(
        state.status(SourceId::Ioda).unwrap().status,
        LoadStatus::Live
    );
    // An answer for another range of the same country (asked before a disruption was
    // opened) is not shown either.
    let earlier = TimeRange::new(range.start - 30 * DAY, range.start);
    let late = state.apply(answer("US", earlier));
    assert_eq!(late.connectivity, state.connectivity);
    let failed_late = state.apply(Action::ConnectivitySettled(
        "KZ",
        range,
        Settled::Failed {
            failure: "timeout".into(),
        },
    ));
    assert_eq!(
        failed_late.status(SourceId::Ioda).unwrap().status,
        LoadStatus::Live
    );
}

#[test]
fn detected_events_join_the_catalogue_once() {
    let event = |id: &str, start: i64| DisruptionEvent {
        kind: crate::model::events::EventKind::Internet,
        origin: crate::model::events::EventOrigin::IodaDetected,
        ..crate::model::test_support::event(id, start, start + 1)
    };
    let settle = |state: &AppState| {
        state.apply(Action::SourceSettled(
            SourceId::Ioda,
            Settled::Data {
                data: SourceData::Connectivity {
                    series: Rc::new(vec![]),
                    events: Rc::new(vec![event("a", 5), event("b", 10)]),
                },
                provided: Provided::Live { fetched_at: 0 },
                failure: None,
            },
        ))
    };
    let once = settle(&AppState::default().apply(Action::BundleLoaded(bundle())));
    let twice = settle(&once);
    assert_eq!(twice.events.len(), 2);
}

#[test]
fn a_view_of_another_year_loads_that_year_and_says_so() {
    let mut opening = bundle();
    if let Ok(h) = &mut opening.hash_rate {
        Rc::make_mut(h).years = Some([2019, 2025]);
    }
    let state = AppState::default().apply(Action::BundleLoaded(opening));
    // The opening view's days are bundled: no year is needed.
    let covered = AppState {
        viewport: Viewport::new(
            TimeRange::new(1_639_267_200, 1_639_440_000),
            state.viewport.initial,
        ),
        ..state.clone()
    };
    assert_eq!(covered.chain_years_to_fetch(&[]), Vec::<i64>::new());
    // A view of mid-2020 needs 2020, once.
    let mid_2020 = TimeRange::new(1_590_969_600, 1_596_240_000);
    let state = AppState {
        viewport: Viewport::new(mid_2020, state.viewport.initial),
        ..state
    };
    assert_eq!(state.chain_years_to_fetch(&[]), vec![2020]);
    assert_eq!(state.chain_years_to_fetch(&[2020]), Vec::<i64>::new());
    let year = hash_rate_snapshot(
        (0..366)
            .map(|i| DayRecord::from((1_577_836_800 + i * DAY, Some(144), 1.1e20)))
            .collect(),
    );
    let loaded = state.apply(Action::ChainYearLoaded(2020, Ok(Rc::new(year))));
    assert_eq!(loaded.chain_years_to_fetch(&[]), Vec::<i64>::new());
    assert_eq!(loaded.chain_samples.len(), 2 + 366);
    let message = &loaded.status(StatusSource::Bundle).unwrap().message();
    assert!(message.contains("daily data for 2020"), "{message}");
    // A year that fails says so, and what was on screen stays.
    let failed = state.apply(Action::ChainYearLoaded(2020, Err("HTTP 404".into())));
    let status = failed.status(StatusSource::Bundle).unwrap();
    assert!(
        status.message().contains("daily data for 2020 (HTTP 404)"),
        "{}",
        status.message()
    );
    assert_eq!(failed.chain_samples.len(), 2);
}

#[test]
fn the_history_arrives_after_the_chart_and_is_credited() {
    let history = crate::model::test_support::history_snapshot(vec![
        Point::from((1_230_000_000, 1e13)),
        Point::from((1_640_000_000, 1.7e20)),
    ]);
    let state = AppState::default()
        .apply(Action::BundleLoaded(bundle()))
        .apply(Action::SourceSettled(
            SourceId::Blockchain,
            Settled::Snapshot { failure: None },
        ));
    assert!(state
        .status(SourceId::Blockchain)
        .unwrap()
        .message()
        .contains("the long-range history is loading"));
    let state = state.apply(Action::HistoryLoaded(Ok(Rc::new(history.long_range))));
    let message = &state.status(SourceId::Blockchain).unwrap().message();
    assert!(message.contains("2 long values"), "{message}");
    assert_eq!(state.credits().len(), 3, "daily, history, shares");
    assert_eq!(state.data_extent().start, 1_230_000_000);
    let failed = AppState::default()
        .apply(Action::BundleLoaded(bundle()))
        .apply(Action::SourceSettled(
            SourceId::Blockchain,
            Settled::Snapshot { failure: None },
        ))
        .apply(Action::HistoryLoaded(Err("HTTP 404".into())));
    assert_eq!(
        failed.status(StatusSource::Bundle).unwrap().status,
        LoadStatus::Snapshot,
        "the bundled data on screen did load"
    );
    assert!(failed
        .status(SourceId::Blockchain)
        .unwrap()
        .message()
        .contains("the long-range history could not be loaded (HTTP 404)"));
}

#[test]
fn the_history_around_the_opening_view_is_drawn_and_credited_until_the_whole_arrives() {
    let opening_view = AppState::default().viewport.range;
    let around = crate::model::test_support::history_snapshot(vec![
        Point::from((opening_view.start - 2 * DAY, 1.8e20)),
        Point::from((opening_view.end + 2 * DAY, 1.9e20)),
    ])
    .long_range;
    let state = AppState::default()
        .apply(Action::OpeningHistoryLoaded(Rc::new(around.clone())))
        .apply(Action::BundleLoaded(bundle()));
    assert_eq!(state.history_drawn().map(|h| h.points.len()), Some(2));
    assert_eq!(state.credits().len(), 3, "daily, the history drawn, shares");
    assert!(!state.history_settled, "the whole history is still awaited");
    // Points that stop short of the view (another opening) would draw a line cut short: none.
    let short = crate::model::test_support::history_snapshot(vec![
        around.points[0],
        Point::from((opening_view.end - 2 * DAY, 1.9e20)),
    ]);
    let cut_short = AppState::default()
        .apply(Action::OpeningHistoryLoaded(Rc::new(short.long_range)))
        .apply(Action::BundleLoaded(bundle()));
    assert!(cut_short.history_drawn().is_none());
    assert_eq!(cut_short.credits().len(), 2, "daily, shares");
    // The whole history takes their place.
    let whole = crate::model::test_support::history_snapshot(vec![
        Point::from((1_230_000_000, 1e13)),
        around.points[0],
        around.points[1],
    ]);
    let loaded = cut_short.apply(Action::HistoryLoaded(Ok(Rc::new(whole.long_range))));
    assert_eq!(loaded.history_drawn().map(|h| h.points.len()), Some(3));
    // If the whole history fails, the points around the opening view stay drawn and credited.
    let failed = state.apply(Action::HistoryLoaded(Err("HTTP 404".into())));
    assert_eq!(failed.history_drawn().map(|h| h.points.len()), Some(2));
    assert_eq!(failed.credits().len(), 3);
}

/// The bundle with one Chinese event in 2021 (a month and a half) in its catalogue.
fn bundle_with_crackdown() -> Bundle {
    let start = crate::model::time::parse_date("2021-05-21").unwrap();
    let crackdown = DisruptionEvent {
        country: "CN".into(),
        ..crate::model::test_support::event("cn-ban", start, start + 41 * DAY)
    };
    Bundle {
        events: Ok(Rc::new(EventCatalogue {
            format: SNAPSHOT_FORMAT,
            sources: vec![],
            events: vec![crackdown],
        })),
        ..bundle()
    }
}

#[test]
fn opening_a_disruption_shows_its_country_range_and_impact_and_keeps_reset() {
    let state = AppState::default().apply(Action::BundleLoaded(bundle_with_crackdown()));
    let opening = state.viewport.initial;
    let opened = state.apply(Action::OpenEvent("cn-ban".into()));
    assert_eq!(opened.country.code, "CN");
    assert_eq!(
        opened.selected_event().map(|e| e.id.as_str()),
        Some("cn-ban")
    );
    assert_eq!(format_date(opened.viewport.range.start), "2021-05-06");
    assert_eq!(format_date(opened.viewport.range.end), "2021-07-08");
    assert_eq!(
        opened.viewport.initial, opening,
        "Reset still returns to the opening view"
    );
    assert!(opened.viewport.extent.start <= opened.viewport.range.start);
    assert_eq!(
        opened.status(SourceId::Ioda).unwrap().status,
        LoadStatus::Loading
    );
    // The view asks for its year of chain data; the list asks for every year.
    let years = |state: &AppState| {
        let mut snapshot = (**state.hash_rate.as_ref().unwrap()).clone();
        snapshot.years = Some([2019, 2025]);
        AppState {
            hash_rate: Some(Rc::new(snapshot)),
            ..state.clone()
        }
        .chain_years_to_fetch(&[])
    };
    assert_eq!(years(&opened), [2021]);
    assert_eq!(
        years(&opened.apply(Action::ListEveryYear)),
        [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    );
    // An unknown id changes nothing.
    assert_eq!(opened.apply(Action::OpenEvent("gone".into())), opened);
}

#[test]
fn a_link_to_a_disruption_opens_on_its_range_unless_the_link_sets_one() {
    let linked = |pairs: &[(&'static str, &'static str)]| {
        let settings = Settings::from_pairs(pairs.iter().copied()).0;
        AppState::from_settings(settings, false)
            .apply(Action::BundleLoaded(bundle_with_crackdown()))
    };
    let state = linked(&[("event", "cn-ban")]);
    assert_eq!(state.country.code, "CN");
    assert_eq!(format_date(state.viewport.range.start), "2021-05-06");
    assert_eq!(
        state.viewport.initial, state.viewport.range,
        "Reset returns to it"
    );
    assert_eq!(
        state.selected_event().map(|e| e.id.as_str()),
        Some("cn-ban")
    );
    let ranged = linked(&[
        ("event", "cn-ban"),
        ("from", "2021-06-01"),
        ("until", "2021-06-30"),
    ]);
    assert_eq!(format_date(ranged.viewport.range.start), "2021-06-01");
}
