//! How the widget gets its data: the bundled files on the page's own host (with a time limit),
//! and each live source through the data mode's fallbacks, handed to the state as actions.

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::fetching::plan::{live_range, Provided, Settled};
use crate::geo::shapes::{parse_country_shapes, COUNTRY_SHAPES_PATH};
use crate::geo::MapData;
use crate::model::manifest::{parse_manifest, Manifest, MANIFEST_PATH};
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    chain_year_path, parse_event_catalogue, parse_hash_rate_snapshot, parse_history_snapshot,
    parse_share_snapshot, EventCatalogue, HashRateSeries, HashRateSnapshot, ShareSnapshot,
    EVENTS_SNAPSHOT_PATH, HASH_RATE_SNAPSHOT_PATH, HISTORY_SNAPSHOT_PATH, OPENING_EVENTS_PATH,
    OPENING_HISTORY_PATH, OPENING_SHARES_PATH, SHARES_SNAPSHOT_PATH,
};
use crate::model::source::{DataMode, SourceId};
use crate::model::time::{TimeRange, UnixSeconds};
use crate::services::page::{after_next_paint, Moment};
use crate::services::{http, loader};
use crate::sources::{blockchain, cbeci, ioda, mempool, SourceError};
use crate::state::{Action, AppState, Bundle, ConnectivityWanted, SourceData};
use crate::text;
use gloo_timers::callback::Timeout;
use web_sys::AbortController;

/// The map's country shapes, relative to the page.
pub(super) async fn load_shapes() -> Result<Rc<MapData>, String> {
    let body = fetch_bundled(COUNTRY_SHAPES_PATH).await?;
    parse_country_shapes(&body)
        .map(|shapes| Rc::new(MapData::new(shapes)))
        .map_err(|e| e.to_string())
}

/// A file of the bundled snapshot, relative to the page (so it works under any sub-path).
/// Given up after the same time limit as an API request.
pub(super) async fn fetch_bundled(path: &str) -> Result<String, String> {
    let controller = AbortController::new().map_err(|_| "no AbortController".to_owned())?;
    let signal = controller.signal();
    let _limit = Timeout::new(BUNDLED_TIME_LIMIT_MS, move || controller.abort());
    let failed = |reading: bool, e: String| {
        let limit = signal.aborted().then_some(BUNDLED_TIME_LIMIT_MS / 1000);
        text::status::bundled_failure(reading, limit, &e)
    };
    let response = http::fetch(path, Some(&signal))
        .await
        .map_err(|e| failed(false, e))?;
    if !response.ok() {
        return Err(text::status::bundled_status(response.status(), path));
    }
    http::text(&response).await.map_err(|e| failed(true, e))
}

/// Bundled files fetched concurrently: each call of the result gives the next body (or why
/// there is none) in the order of `paths`.
pub(super) async fn fetch_all_bundled(paths: &[&str]) -> impl FnMut() -> Result<String, String> {
    let mut bodies = http::join_in_order(paths.iter().map(|p| fetch_bundled(p)))
        .await
        .into_iter();
    move || (bodies.next()).unwrap_or_else(|| Err(text::status::NOT_LOADED.into()))
}

/// The time limit of a bundled file's request, ms.
pub(super) const BUNDLED_TIME_LIMIT_MS: u32 = 10_000;

/// The bundled long-range history, relative to the page.
pub(super) async fn load_history() -> Result<Rc<HashRateSeries>, String> {
    read_history(fetch_bundled(HISTORY_SNAPSHOT_PATH).await)
}

/// A long-range history from a bundled file's body (or why there is none).
fn read_history(body: Result<String, String>) -> Result<Rc<HashRateSeries>, String> {
    body.and_then(|t| parse_history_snapshot(&t).map_err(|e| e.to_string()))
        .map(|h| Rc::new(h.long_range))
}

/// The data manifest: what the bundled snapshot covers, source by source.
pub(super) async fn load_manifest() -> Result<Rc<Manifest>, String> {
    let body = fetch_bundled(MANIFEST_PATH).await?;
    parse_manifest(&body)
        .map(Rc::new)
        .map_err(|e| e.to_string())
}

/// A year of the bundled daily chain data (`chain-YYYY.json`).
pub(super) async fn load_chain_year(year: i64) -> Result<Rc<HashRateSnapshot>, String> {
    read_hash_rate(fetch_bundled(&chain_year_path(year)).await)
}

/// Daily chain data from a bundled file's body (or why there are none).
pub(super) fn read_hash_rate(body: Result<String, String>) -> Result<Rc<HashRateSnapshot>, String> {
    body.and_then(|t| parse_hash_rate_snapshot(&t).map_err(|e| e.to_string()))
        .map(Rc::new)
}

/// The whole bundled event catalogue and every month of shares, after the opening view's.
pub(super) async fn load_rest_of_bundle() -> (
    Result<Rc<ShareSnapshot>, String>,
    Result<Rc<EventCatalogue>, String>,
) {
    let mut next = fetch_all_bundled(&[SHARES_SNAPSHOT_PATH, EVENTS_SNAPSHOT_PATH]).await;
    let (shares, events) = (next(), next());
    (read_shares(shares), read_catalogue(events))
}

/// Regional shares from a bundled file's body (or why there are none).
pub(super) fn read_shares(body: Result<String, String>) -> Result<Rc<ShareSnapshot>, String> {
    body.and_then(|t| parse_share_snapshot(&t).map_err(|e| e.to_string()))
        .map(Rc::new)
}

/// An event catalogue from a bundled file's body (or why there is none).
pub(super) fn read_catalogue(body: Result<String, String>) -> Result<Rc<EventCatalogue>, String> {
    body.and_then(|t| parse_event_catalogue(&t).map_err(|e| e.to_string()))
        .map(Rc::new)
}

/// Loads the snapshot's three files concurrently; each may fail on its own. With
/// `opening_events`, only the events and the months of shares the opening view needs (the
/// rest come later). With `opening_history`, also the long-range history's points around the
/// opening view, so the first chart is drawn whole; none when unreadable (the whole history
/// follows, and says if it fails).
pub(super) async fn load_bundle(
    opening_events: bool,
    opening_history: bool,
) -> (Bundle, Option<Rc<HashRateSeries>>) {
    let (shares, events) = if opening_events {
        (OPENING_SHARES_PATH, OPENING_EVENTS_PATH)
    } else {
        (SHARES_SNAPSHOT_PATH, EVENTS_SNAPSHOT_PATH)
    };
    let mut paths = vec![HASH_RATE_SNAPSHOT_PATH, shares, events];
    if opening_history {
        paths.push(OPENING_HISTORY_PATH);
    }
    let mut next = fetch_all_bundled(&paths).await;
    let (hash_rate, shares, events) = (next(), next(), next());
    let bundle = Bundle {
        hash_rate: read_hash_rate(hash_rate),
        shares: read_shares(shares),
        events: read_catalogue(events),
    };
    (
        bundle,
        opening_history
            .then(next)
            .and_then(|body| read_history(body).ok()),
    )
}

pub(super) fn first(bodies: &[Option<String>]) -> Result<&str, SourceError> {
    bodies
        .first()
        .and_then(Option::as_deref)
        .ok_or_else(|| SourceError::Shape(text::status::NO_RESPONSE.into()))
}

/// Loads the connectivity `wanted` in the background and hands it to the state: the bundled
/// file the manifest names (in `auto` mode the live API when the file cannot be read), else the
/// live API through the mode's fallbacks; no request is sent once `stop` is set.
pub(super) fn spawn_connectivity(
    dispatcher: UseReducerDispatcher<AppState>,
    wanted: ConnectivityWanted,
    mode: DataMode,
    stop: Rc<Cell<bool>>,
) {
    spawn_local(async move {
        let ConnectivityWanted {
            country,
            range,
            bundled,
        } = wanted;
        let read = match bundled {
            Some((path, provenance)) => Some(
                fetch_bundled(&path)
                    .await
                    .and_then(|body| ioda::parse_signals(&body).map_err(|e| e.to_string()))
                    .map(|series| (series, provenance)),
            ),
            None => None,
        };
        let settled = match read {
            Some(Ok((series, provenance))) => Settled::Data {
                data: SourceData::Connectivity {
                    series: Rc::new(series),
                    events: Rc::new(Vec::new()),
                },
                provided: Provided::Bundled(provenance),
                failure: None,
            },
            Some(Err(e)) if mode == DataMode::Snapshot => Settled::Snapshot {
                failure: Some(text::status::bundled_connectivity_unreadable(&e)),
            },
            _ => load_source(SourceId::Ioda, country, range, None, mode, &stop).await,
        };
        dispatcher.dispatch(Action::ConnectivitySettled(country, range, settled));
    });
}

/// Loads one live source for `country` over `range`, through the mode's fallbacks; no request
/// is sent once `stop` is set. The hash-rate sources are asked for the days from `since` (the
/// smallest endpoint that holds them), or their whole history.
pub(super) async fn load_source(
    source: SourceId,
    country: &str,
    range: TimeRange,
    since: Option<UnixSeconds>,
    mode: DataMode,
    stop: &Cell<bool>,
) -> Settled<SourceData> {
    let base = source.api_base();
    // One request list and one parser per source, then one `load` for all of them (one copy
    // of its state machine in the WebAssembly, not one per source).
    let (urls, parse): (Vec<String>, &loader::ParseBodies<'_, SourceData>) = match source {
        SourceId::Mempool => (
            vec![mempool::hashrate_url(
                base,
                mempool::period_since(since, http::now()),
            )],
            &|bodies| {
                let parsed = mempool::parse_hashrate(first(bodies)?)?;
                let data = SourceData::HashRate {
                    points: Rc::new(parsed.hash_rate),
                    difficulty: Rc::new(parsed.difficulty),
                };
                Ok((data, Vec::new()))
            },
        ),
        SourceId::Blockchain => {
            let (timespan, start) = blockchain::span_since(since, http::now());
            (
                vec![blockchain::hash_rate_url(base, &timespan, &start)],
                &|bodies| {
                    let points = blockchain::parse_hash_rate(first(bodies)?)?;
                    let data = SourceData::HashRate {
                        points: Rc::new(points),
                        difficulty: Rc::new(Vec::new()),
                    };
                    Ok((data, Vec::new()))
                },
            )
        }
        SourceId::Ioda => {
            let (range, _) = live_range(range);
            let mut urls = ioda::signal_urls(base, country, range.start, range.end);
            urls.push(ioda::events_url(base, country, range.start, range.end));
            (urls, &|bodies| {
                let ((series, events), unusable) = ioda::parse_connectivity_answers(bodies)?;
                let data = SourceData::Connectivity {
                    series: Rc::new(series),
                    events: Rc::new(events),
                };
                Ok((data, unusable))
            })
        }
        SourceId::Cbeci => (vec![cbeci::mining_countries_url(base)], &|bodies| {
            let months = cbeci::parse_mining_countries(first(bodies)?)?;
            let data = SourceData::Shares(Rc::new(ShareTable {
                provenance: SourceId::Cbeci.provenance(http::now()),
                months,
            }));
            Ok((data, Vec::new()))
        }),
    };
    loader::load(source, &urls, mode, stop, parse).await
}

/// Loads what the widget shows, in the order a reader needs it: what the opening needs
/// ([`use_opening_loads`]), then what the view comes to need ([`use_view_loads`]).
#[hook]
pub(super) fn use_data_loading(
    state: &UseReducerHandle<AppState>,
    chart_drawn: Rc<Moment>,
    show_map: bool,
) {
    use_opening_loads(state, chart_drawn, show_map);
    use_view_loads(state);
}

/// The opening's loads: the bundle and the chart first; once the first chart is on screen
/// (`chart_drawn`), the map's shapes (at once when there is no chart; none when `show_map` is
/// false), the history, the rest of the catalogue and the manifest.
#[hook]
fn use_opening_loads(state: &UseReducerHandle<AppState>, chart_drawn: Rc<Moment>, show_map: bool) {
    {
        let dispatcher = state.dispatcher();
        // The story first: the bundled data and the chart, then the map's shapes and the live
        // sources (the map's shapes at once when there is no chart).
        let chart_first = state.settings.view.timeline();
        let opening_events = state.opening_events_first();
        let chart_drawn = chart_drawn.clone();
        use_effect_with((), move |()| {
            let load_map = {
                let dispatcher = dispatcher.clone();
                move || {
                    let dispatcher = dispatcher.clone();
                    spawn_local(async move {
                        dispatcher.dispatch(Action::ShapesLoaded(load_shapes().await));
                    });
                }
            };
            if show_map && !chart_first {
                load_map();
            }
            let load_map_later = load_map.clone();
            spawn_local(async move {
                // The default view's opening draws the history's points around it at once.
                let (bundle, opening_history) =
                    load_bundle(opening_events, opening_events && chart_first).await;
                if let Some(points) = opening_history {
                    dispatcher.dispatch(Action::OpeningHistoryLoaded(points));
                }
                dispatcher.dispatch(Action::BundleLoaded(bundle));
                // Once the first chart is on screen: the map's shapes, the rest of the event
                // catalogue and the years of history that only a zoomed-out view needs.
                if chart_first {
                    chart_drawn.reached().await;
                }
                after_next_paint().await;
                if show_map && chart_first {
                    load_map_later();
                }
                if chart_first {
                    let history = dispatcher.clone();
                    spawn_local(async move {
                        history.dispatch(Action::HistoryLoaded(load_history().await));
                    });
                }
                // The whole catalogue before the live sources, whose sentences count its events.
                if opening_events {
                    let (shares, events) = load_rest_of_bundle().await;
                    dispatcher.dispatch(Action::SharesLoaded(shares));
                    dispatcher.dispatch(Action::CatalogueLoaded(events));
                }
                // The manifest says which sources the bundled data cover: those the view needs
                // are asked by the effects below.
                dispatcher.dispatch(Action::ManifestLoaded(load_manifest().await));
            });
        });
    }
}

/// What the view comes to need, each asked once: the years of chain data it shows, the global
/// live sources the bundle does not cover, and the connectivity of the country in focus.
#[hook]
fn use_view_loads(state: &UseReducerHandle<AppState>) {
    // The years of daily chain data that the view shows and the bundle lacks, each asked for
    // once, as the reader (or the page's range) reaches them.
    {
        let asked = use_mut_ref(Vec::<i64>::new);
        let wanted = state.chain_years_to_fetch(&asked.borrow());
        let dispatcher = state.dispatcher();
        use_effect_with(wanted, move |wanted| {
            for &year in wanted {
                asked.borrow_mut().push(year);
                let dispatcher = dispatcher.clone();
                spawn_local(async move {
                    let loaded = load_chain_year(year).await;
                    dispatcher.dispatch(Action::ChainYearLoaded(year, loaded));
                });
            }
        });
    }
    // The global live sources (hash rate, history, shares) the view needs and the bundled data
    // do not cover, each asked once: at the opening (once the manifest has loaded), or when the
    // reader moves to days the snapshot lacks.
    {
        let asked = use_mut_ref(Vec::<SourceId>::new);
        let wanted: Vec<_> = (state.live_sources_to_fetch(&asked.borrow()).into_iter())
            .map(|source| (source, state.uncovered_since(source)))
            .collect();
        let dispatcher = state.dispatcher();
        let (country, range, mode) = (state.country.code, state.viewport.range, state.mode);
        use_effect_with(wanted, move |wanted| {
            for &(source, since) in wanted {
                asked.borrow_mut().push(source);
                let dispatcher = dispatcher.clone();
                spawn_local(async move {
                    let stop = Cell::new(false);
                    let settled = load_source(source, country, range, since, mode, &stop).await;
                    dispatcher.dispatch(Action::SourceSettled(source, settled));
                });
            }
        });
    }
    // The connectivity of the country in focus over the range it is wanted for (the opening
    // view, a disruption opened, the range shown when a country is chosen), once the manifest
    // has said whether the bundled data cover it; the loading before, if still going, stops.
    {
        let dispatcher = state.dispatcher();
        let mode = state.mode;
        use_effect_with(state.connectivity_wanted(), move |wanted| {
            let stop = Rc::new(Cell::new(false));
            if let Some(wanted) = wanted {
                spawn_connectivity(dispatcher, wanted.clone(), mode, stop.clone());
            }
            move || stop.set(true)
        });
    }
}
