//! The widget: loads the bundled snapshot, then each live source through its fallbacks, and
//! lays out the status lines, the timeline and the attribution. State lives in
//! [`crate::state::AppState`].

use std::rc::Rc;

use futures::future::join3;
use gloo_net::http::Request;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::{Attribution, ImpactPanel, SourceStatusList, Timeline, WorldMap};
use crate::fetching::plan::{DataMode, Settled, SourceId};
use crate::geo::shapes::{parse_country_shapes, COUNTRY_SHAPES_PATH};
use crate::model::connectivity::ConnectivitySeries;
use crate::model::region::country_by_code;
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    parse_event_catalogue, parse_hash_rate_snapshot, parse_share_snapshot, EVENTS_SNAPSHOT_PATH,
    HASH_RATE_SNAPSHOT_PATH, SHARES_SNAPSHOT_PATH,
};
use crate::model::time::{format_date, TimeRange};
use crate::render::map::MapData;
use crate::services::{http, loader};
use crate::sources::{blockchain, cbeci, ioda, mempool, SourceError};
use crate::state::{Action, AppState, Bundle, SourceData};

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The data mode from the page's `?mode=` (an unknown value is ignored with a warning).
fn data_mode_from_page() -> DataMode {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mode = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|params| params.get("mode"));
    match mode {
        None => DataMode::default(),
        Some(text) => DataMode::parse(&text).unwrap_or_else(|| {
            web_sys::console::warn_1(
                &format!("minewatch: unknown mode {text:?}; using auto (auto, live, snapshot)")
                    .into(),
            );
            DataMode::default()
        }),
    }
}

/// The country from the page's `?region=` (an unknown code is ignored with a warning).
fn region_from_page() -> Option<&'static str> {
    let code = page_params()?.get("region")?;
    let known = country_by_code(&code).map(|c| c.code);
    if known.is_none() {
        web_sys::console::warn_1(
            &format!("minewatch: unknown region {code:?}; showing Kazakhstan").into(),
        );
    }
    known
}

/// The page's query parameters.
fn page_params() -> Option<web_sys::UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

/// Records `region` in the page's URL (without reloading or adding to history), so the view
/// can be shared as a link.
fn record_region(region: &str) {
    let (Some(window), Some(params)) = (web_sys::window(), page_params()) else {
        return;
    };
    params.set("region", region);
    let location = window.location();
    let url = format!(
        "{}?{}{}",
        location.pathname().unwrap_or_default(),
        String::from(params.to_string()),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The map's country shapes, relative to the page.
async fn load_shapes() -> Result<Rc<MapData>, String> {
    let body = fetch_bundled(COUNTRY_SHAPES_PATH).await?;
    parse_country_shapes(&body)
        .map(|shapes| Rc::new(MapData::new(shapes)))
        .map_err(|e| e.to_string())
}

/// A file of the bundled snapshot, relative to the page (so it works under any sub-path).
async fn fetch_bundled(path: &str) -> Result<String, String> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|e| format!("the request failed ({e})"))?;
    if !response.ok() {
        return Err(format!("HTTP {} for {path}", response.status()));
    }
    response
        .text()
        .await
        .map_err(|e| format!("the response could not be read ({e})"))
}

/// Loads the snapshot's three files concurrently; each may fail on its own.
pub async fn load_bundle() -> Bundle {
    let (hash_rate, shares, events) = join3(
        fetch_bundled(HASH_RATE_SNAPSHOT_PATH),
        fetch_bundled(SHARES_SNAPSHOT_PATH),
        fetch_bundled(EVENTS_SNAPSHOT_PATH),
    )
    .await;
    Bundle {
        hash_rate: hash_rate
            .and_then(|t| parse_hash_rate_snapshot(&t).map_err(|e| e.to_string()))
            .map(Rc::new),
        shares: shares
            .and_then(|t| parse_share_snapshot(&t).map_err(|e| e.to_string()))
            .map(Rc::new),
        events: events
            .and_then(|t| parse_event_catalogue(&t).map_err(|e| e.to_string()))
            .map(Rc::new),
    }
}

fn first(bodies: &[String]) -> Result<&str, SourceError> {
    bodies
        .first()
        .map(String::as_str)
        .ok_or_else(|| SourceError::Shape("no response".into()))
}

/// Loads one live source for `country` over `range`, through the mode's fallbacks.
pub async fn load_source(
    source: SourceId,
    country: &str,
    range: TimeRange,
    mode: DataMode,
) -> Settled<SourceData> {
    let base = source.api_base();
    match source {
        SourceId::Mempool => {
            let urls = [mempool::hashrate_url(base, "all")];
            loader::load(source, &urls, mode, |bodies| {
                let parsed = mempool::parse_hashrate(first(bodies)?)?;
                Ok(SourceData::HashRate {
                    points: Rc::new(parsed.hash_rate),
                    difficulty: Rc::new(parsed.difficulty),
                })
            })
            .await
        }
        SourceId::Blockchain => {
            let urls = [blockchain::hash_rate_url(base, "all", "2009-01-03")];
            loader::load(source, &urls, mode, |bodies| {
                let points = blockchain::parse_hash_rate(first(bodies)?)?;
                Ok(SourceData::HashRate {
                    points: Rc::new(points),
                    difficulty: Rc::new(Vec::new()),
                })
            })
            .await
        }
        SourceId::Ioda => {
            let windows = ioda::signal_windows(range.start, range.end);
            let mut urls: Vec<String> = ioda::DATASOURCES
                .iter()
                .flat_map(|ds| {
                    windows.iter().map(move |(from, until)| {
                        ioda::signals_url(base, country, ds, *from, *until)
                    })
                })
                .collect();
            urls.push(ioda::events_url(base, country, range.start, range.end));
            loader::load(source, &urls, mode, |bodies| {
                let (events_body, signal_bodies) = bodies
                    .split_last()
                    .ok_or_else(|| SourceError::Shape("no response".into()))?;
                let mut parts = Vec::new();
                for body in signal_bodies {
                    parts.extend(ioda::parse_signals(body)?);
                }
                let series = ioda::DATASOURCES
                    .iter()
                    .filter_map(|ds| {
                        let of_ds: Vec<_> = parts
                            .iter()
                            .filter(|p| p.datasource == *ds)
                            .cloned()
                            .collect();
                        ConnectivitySeries::join(of_ds)
                    })
                    .collect();
                Ok(SourceData::Connectivity {
                    series: Rc::new(series),
                    events: Rc::new(ioda::parse_events(events_body)?),
                })
            })
            .await
        }
        SourceId::Cbeci => {
            let urls = [cbeci::mining_countries_url(base)];
            loader::load(source, &urls, mode, |bodies| {
                let months = cbeci::parse_mining_countries(first(bodies)?)?;
                Ok(SourceData::Shares(Rc::new(ShareTable {
                    provenance: source.provenance(http::now()),
                    months,
                })))
            })
            .await
        }
    }
}

/// Properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The data mode; when absent, the page's `?mode=` decides.
    #[prop_or_default]
    pub mode: Option<DataMode>,
}

/// The minewatch widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let mode = props.mode;
    let state = use_reducer(move || {
        let state = AppState::new(mode.unwrap_or_else(data_mode_from_page));
        match region_from_page() {
            Some(region) => state.apply(Action::SelectCountry(region)),
            None => state,
        }
    });
    {
        let dispatcher = state.dispatcher();
        let (country, range, mode) = (state.country, state.viewport.initial, state.mode);
        use_effect_with((), move |()| {
            let shapes = dispatcher.clone();
            spawn_local(async move {
                shapes.dispatch(Action::ShapesLoaded(load_shapes().await));
            });
            spawn_local(async move {
                dispatcher.dispatch(Action::BundleLoaded(load_bundle().await));
                for source in SourceId::ALL {
                    let dispatcher = dispatcher.clone();
                    spawn_local(async move {
                        let settled = load_source(source, country, range, mode).await;
                        dispatcher.dispatch(Action::SourceSettled(source, settled));
                    });
                }
            });
        });
    }
    // A country chosen on the map: its connectivity is fetched and the URL records it.
    {
        let dispatcher = state.dispatcher();
        let (range, mode) = (state.viewport.initial, state.mode);
        let first_run = use_mut_ref(|| true);
        use_effect_with(state.country, move |country| {
            let country = *country;
            if std::mem::take(&mut *first_run.borrow_mut()) {
                return;
            }
            record_region(country);
            spawn_local(async move {
                let settled = load_source(SourceId::Ioda, country, range, mode).await;
                dispatcher.dispatch(Action::SourceSettled(SourceId::Ioda, settled));
            });
        });
    }

    let provenances = state.credits();
    let live: Vec<_> = state.live_hash_rate.clone();
    let on_select = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| dispatcher.dispatch(Action::SelectEvent(id)))
    };
    let on_command = {
        let dispatcher = state.dispatcher();
        Callback::from(move |command| dispatcher.dispatch(Action::View(command)))
    };
    let on_toggle_signal = {
        let dispatcher = state.dispatcher();
        Callback::from(move |datasource| dispatcher.dispatch(Action::ToggleSignal(datasource)))
    };
    // Recomputed only when the data behind them change, not as the cursor moves.
    let impacts = {
        let state = state.clone();
        use_memo(
            (
                state.chain_samples.clone(),
                state.shares.clone(),
                state.connectivity.clone(),
                state.events.clone(),
            ),
            move |_| state.impacts(),
        )
    };
    let events: Vec<_> = state.events_in_view().into_iter().cloned().collect();
    let selected = state.selected_event().cloned();
    let impact = selected.as_ref().and_then(|e| impacts.get(&e.id).cloned());
    let view = state.viewport.range;
    let on_select_country = {
        let dispatcher = state.dispatcher();
        Callback::from(move |code| dispatcher.dispatch(Action::SelectCountry(code)))
    };
    let on_select_month = {
        let dispatcher = state.dispatcher();
        Callback::from(move |month| dispatcher.dispatch(Action::SelectMonth(month)))
    };
    let country_name = country_by_code(state.country).map_or(state.country, |c| c.name);
    html! {
        <div class="minewatch">
            <header>
                <h1>{ "Bitcoin hash rate and disruptions in mining regions" }</h1>
                <p class="subtitle">
                    { format!("{country_name}, {} to {} (UTC)", format_date(view.start), format_date(view.end)) }
                </p>
            </header>
            <SourceStatusList statuses={state.statuses.clone()} />
            <WorldMap
                map={state.map.clone()}
                shares={state.shares.clone()}
                month={state.shown_month().cloned()}
                baselines={state.baselines.clone()}
                events={state.events.clone()}
                status_time={state.status_time()}
                selected={state.country}
                {on_select_country}
                {on_select_month}
            />
            if state.hash_rate.is_some() || !live.is_empty() {
                <Timeline
                    snapshot={state.hash_rate.clone()}
                    {live}
                    samples={state.chain_samples.clone()}
                    region={state.country}
                    baselines={state.baselines.clone()}
                    events={state.events.clone()}
                    impacts={impacts.clone()}
                    viewport={state.viewport}
                    options={state.draw_options()}
                    {on_command}
                    {on_toggle_signal}
                    on_select_event={on_select.clone()}
                />
            }
            <ImpactPanel {events} {selected} {impact} {on_select} />
            <Attribution {provenances} />
        </div>
    }
}
