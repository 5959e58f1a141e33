//! The widget: loads the bundled snapshot, draws the first chart, then loads the map's shapes,
//! the long-range history and each live source through its fallbacks, and lays out the story:
//! title and takeaway, chart and map, the folded figures, and the notes and sources. State
//! lives in [`crate::state::AppState`].

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::analysis::impact::Impacts;
use crate::components::canvas::WidgetBackend;
use crate::components::{
    use_box_size, Attribution, DataStatus, DisruptionList, DownloadKind, ImpactPanel, ShareBar,
    Timeline, WorldMap,
};
use crate::fetching::plan::{live_range, Provided, Settled};
use crate::geo::shapes::{parse_country_shapes, COUNTRY_SHAPES_PATH};
use crate::geo::MapData;
use crate::model::connectivity::ConnectivitySeries;
use crate::model::manifest::{parse_manifest, Manifest, MANIFEST_PATH};
use crate::model::provenance::Provenance;
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    chain_year_path, parse_event_catalogue, parse_hash_rate_snapshot, parse_history_snapshot,
    parse_share_snapshot, EventCatalogue, HashRateSeries, HashRateSnapshot, ShareSnapshot,
    EVENTS_SNAPSHOT_PATH, HASH_RATE_SNAPSHOT_PATH, HISTORY_SNAPSHOT_PATH, OPENING_EVENTS_PATH,
    OPENING_SHARES_PATH, SHARES_SNAPSHOT_PATH,
};
use crate::model::source::{DataMode, SourceId};
use crate::model::time::{format_date, TimeRange, UnixSeconds};
use crate::render::export::{draw_export, export_height, visible_csv, Export};
use crate::render::map::{share_markers, MapOverlay};
use crate::render::series::{DrawOptions, TimelineData};
use crate::render::Palette;
use crate::services::page::{
    after_next_paint, download, download_png, page_settings, post_height, record_settings,
    system_prefers_dark, text_blob, Moment,
};
use crate::services::{http, loader};
use crate::sources::{blockchain, cbeci, ioda, mempool, SourceError};
use crate::state::{Action, AppState, Bundle, ConnectivityWanted, SourceData};
use crate::text;
use crate::view::data_line::Freshness;
use crate::view::story::Story;
use gloo_timers::callback::Timeout;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, HtmlCanvasElement};

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
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
/// Given up after the same time limit as an API request.
async fn fetch_bundled(path: &str) -> Result<String, String> {
    let controller = AbortController::new().map_err(|_| "no AbortController".to_owned())?;
    let signal = controller.signal();
    let _limit = Timeout::new(BUNDLED_TIME_LIMIT_MS, move || controller.abort());
    let failed = |what: &str, e: String| {
        if signal.aborted() {
            format!("{what} took longer than {} s", BUNDLED_TIME_LIMIT_MS / 1000)
        } else {
            format!("{what} failed ({e})")
        }
    };
    let response = http::fetch(path, Some(&signal))
        .await
        .map_err(|e| failed("the request", e))?;
    if !response.ok() {
        return Err(format!("HTTP {} for {path}", response.status()));
    }
    http::text(&response)
        .await
        .map_err(|e| failed("reading the response", e))
}

/// Bundled files fetched concurrently: each call of the result gives the next body (or why
/// there is none) in the order of `paths`.
async fn fetch_all_bundled(paths: &[&str]) -> impl FnMut() -> Result<String, String> {
    let mut bodies = http::join_in_order(paths.iter().map(|p| fetch_bundled(p)))
        .await
        .into_iter();
    move || bodies.next().unwrap_or_else(|| Err("not loaded".into()))
}

/// The time limit of a bundled file's request, ms.
const BUNDLED_TIME_LIMIT_MS: u32 = 10_000;

/// The bundled long-range history, relative to the page.
async fn load_history() -> Result<Rc<HashRateSeries>, String> {
    let body = fetch_bundled(HISTORY_SNAPSHOT_PATH).await?;
    parse_history_snapshot(&body)
        .map(|h| Rc::new(h.long_range))
        .map_err(|e| e.to_string())
}

/// The data manifest: what the bundled snapshot covers, source by source.
async fn load_manifest() -> Result<Rc<Manifest>, String> {
    let body = fetch_bundled(MANIFEST_PATH).await?;
    parse_manifest(&body)
        .map(Rc::new)
        .map_err(|e| e.to_string())
}

/// A year of the bundled daily chain data (`chain-YYYY.json`).
async fn load_chain_year(year: i64) -> Result<Rc<HashRateSnapshot>, String> {
    read_hash_rate(fetch_bundled(&chain_year_path(year)).await)
}

/// Daily chain data from a bundled file's body (or why there are none).
fn read_hash_rate(body: Result<String, String>) -> Result<Rc<HashRateSnapshot>, String> {
    body.and_then(|t| parse_hash_rate_snapshot(&t).map_err(|e| e.to_string()))
        .map(Rc::new)
}

/// The whole bundled event catalogue and every month of shares, after the opening view's.
async fn load_rest_of_bundle() -> (
    Result<Rc<ShareSnapshot>, String>,
    Result<Rc<EventCatalogue>, String>,
) {
    let mut next = fetch_all_bundled(&[SHARES_SNAPSHOT_PATH, EVENTS_SNAPSHOT_PATH]).await;
    let (shares, events) = (next(), next());
    (read_shares(shares), read_catalogue(events))
}

/// Regional shares from a bundled file's body (or why there are none).
fn read_shares(body: Result<String, String>) -> Result<Rc<ShareSnapshot>, String> {
    body.and_then(|t| parse_share_snapshot(&t).map_err(|e| e.to_string()))
        .map(Rc::new)
}

/// An event catalogue from a bundled file's body (or why there is none).
fn read_catalogue(body: Result<String, String>) -> Result<Rc<EventCatalogue>, String> {
    body.and_then(|t| parse_event_catalogue(&t).map_err(|e| e.to_string()))
        .map(Rc::new)
}

/// Loads the snapshot's three files concurrently; each may fail on its own. With
/// `opening_events`, only the events and the months of shares the opening view needs (the
/// rest come later).
pub async fn load_bundle(opening_events: bool) -> Bundle {
    let (shares, events) = if opening_events {
        (OPENING_SHARES_PATH, OPENING_EVENTS_PATH)
    } else {
        (SHARES_SNAPSHOT_PATH, EVENTS_SNAPSHOT_PATH)
    };
    let mut next = fetch_all_bundled(&[HASH_RATE_SNAPSHOT_PATH, shares, events]).await;
    let (hash_rate, shares, events) = (next(), next(), next());
    Bundle {
        hash_rate: read_hash_rate(hash_rate),
        shares: read_shares(shares),
        events: read_catalogue(events),
    }
}

fn first(bodies: &[Option<String>]) -> Result<&str, SourceError> {
    bodies
        .first()
        .and_then(Option::as_deref)
        .ok_or_else(|| SourceError::Shape("no response".into()))
}

/// Loads the connectivity `wanted` in the background and hands it to the state: the bundled
/// file the manifest names (in `auto` mode the live API when the file cannot be read), else the
/// live API through the mode's fallbacks; no request is sent once `stop` is set.
fn spawn_connectivity(
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
                failure: Some(format!("the bundled connectivity could not be read: {e}")),
            },
            _ => load_source(SourceId::Ioda, country, range, None, mode, &stop).await,
        };
        dispatcher.dispatch(Action::ConnectivitySettled(country, range, settled));
    });
}

/// Loads one live source for `country` over `range`, through the mode's fallbacks; no request
/// is sent once `stop` is set. The hash-rate sources are asked for the days from `since` (the
/// smallest endpoint that holds them), or their whole history.
pub async fn load_source(
    source: SourceId,
    country: &str,
    range: TimeRange,
    since: Option<UnixSeconds>,
    mode: DataMode,
    stop: &Cell<bool>,
) -> Settled<SourceData> {
    let base = source.api_base();
    match source {
        SourceId::Mempool => {
            let urls = [mempool::hashrate_url(
                base,
                mempool::period_since(since, http::now()),
            )];
            loader::load(source, &urls, mode, stop, &|bodies| {
                let parsed = mempool::parse_hashrate(first(bodies)?)?;
                let data = SourceData::HashRate {
                    points: Rc::new(parsed.hash_rate),
                    difficulty: Rc::new(parsed.difficulty),
                };
                Ok((data, Vec::new()))
            })
            .await
        }
        SourceId::Blockchain => {
            let (timespan, start) = blockchain::span_since(since, http::now());
            let urls = [blockchain::hash_rate_url(base, &timespan, &start)];
            loader::load(source, &urls, mode, stop, &|bodies| {
                let points = blockchain::parse_hash_rate(first(bodies)?)?;
                let data = SourceData::HashRate {
                    points: Rc::new(points),
                    difficulty: Rc::new(Vec::new()),
                };
                Ok((data, Vec::new()))
            })
            .await
        }
        SourceId::Ioda => {
            let (range, _) = live_range(range);
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
            loader::load(source, &urls, mode, stop, &|bodies| {
                // A window that failed or could not be used leaves a gap (signals) or no
                // events: the data are partial, and the status says so.
                let events_index = bodies.len().saturating_sub(1);
                let mut unusable = Vec::new();
                let mut parts = Vec::new();
                let mut events = Vec::new();
                for (i, body) in bodies.iter().enumerate() {
                    let Some(body) = body else { continue };
                    let parsed = if i == events_index {
                        ioda::parse_events(body).map(|e| events = e)
                    } else {
                        ioda::parse_signals(body).map(|p| parts.extend(p))
                    };
                    if let Err(error) = parsed {
                        unusable.push((i, error));
                    }
                }
                if unusable.len() == bodies.iter().flatten().count() {
                    return Err(unusable
                        .into_iter()
                        .next()
                        .map_or_else(|| SourceError::Shape("no response".into()), |(_, e)| e));
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
                let data = SourceData::Connectivity {
                    series: Rc::new(series),
                    events: Rc::new(events),
                };
                Ok((data, unusable))
            })
            .await
        }
        SourceId::Cbeci => {
            let urls = [cbeci::mining_countries_url(base)];
            loader::load(source, &urls, mode, stop, &|bodies| {
                let months = cbeci::parse_mining_countries(first(bodies)?)?;
                let data = SourceData::Shares(Rc::new(ShareTable {
                    provenance: source.provenance(http::now()),
                    months,
                }));
                Ok((data, Vec::new()))
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
    /// The takeaway the page's skeleton already shows, kept until the data tell their own.
    #[prop_or_default]
    pub skeleton_takeaway: Option<AttrValue>,
}

/// The title of the widget and of its downloads.
const TITLE: &str = "Bitcoin hash rate and disruptions in mining regions";

/// The attribution line of a download: every source credited on screen.
fn attribution_line(credits: &[Provenance]) -> String {
    let lines: Vec<String> = credits.iter().map(Provenance::credit_line).collect();
    format!("Sources: {}. Made with minewatch.", lines.join(" · "))
}

/// Draws the view for a download and offers it: PNG at twice the screen's resolution or more,
/// SVG, or the visible data as CSV.
fn export(
    state: &AppState,
    impacts: &Impacts,
    kind: DownloadKind,
    css_width: f64,
) -> Result<(), String> {
    let credits = state.credits();
    let attribution = attribution_line(&credits);
    let timeline = TimelineData::for_country(
        state.hash_rate.as_deref(),
        state.history.as_deref(),
        &state.live_hash_rate,
        &state.chain_samples,
        &state.baselines,
        &state.events,
        state.country,
    );
    let options = DrawOptions::of(state);
    let view = state.viewport.range;
    let stem = format!("minewatch-{}-{}", state.country, format_date(view.start));
    if kind == DownloadKind::Csv {
        // The impact of the selected disruption travels with the data, as a note.
        let notes: Vec<String> = state
            .selected_event()
            .and_then(|event| {
                let impact = impacts.get(&event.id)?;
                Some(format!("{}: {}", event.title, impact.sentence()))
            })
            .into_iter()
            .collect();
        let csv = visible_csv(&timeline, view, &options, &credits, &attribution, &notes);
        let blob = text_blob("text/csv", &csv).ok_or("the CSV could not be made")?;
        download(&format!("{stem}.csv"), &blob);
        return Ok(());
    }
    let map = match &state.map {
        Some(Ok(map)) if state.settings.view.map() => Some(map.clone()),
        _ => None,
    };
    let overlay = map.as_deref().map(|data| MapOverlay {
        markers: state
            .shown_month()
            .map(|m| share_markers(data, m))
            .unwrap_or_default(),
        palette: Palette::of_theme(state.dark),
        ..MapOverlay::at(
            data,
            &state.baselines,
            &state.events,
            state.status_time(),
            state.country,
        )
    });
    let map_part = match (&map, &overlay) {
        (Some(data), Some(overlay)) => data.world().map(|bounds| (&**data, bounds, overlay)),
        _ => None,
    };
    let content = Export {
        title: TITLE,
        map: map_part,
        timeline: state
            .settings
            .view
            .timeline()
            .then_some((&timeline, view, &options)),
        attribution: &attribution,
        palette: Palette::of_theme(state.dark),
    };
    let css_width = css_width.clamp(320.0, 2000.0);
    let css_height = export_height(&content, css_width);
    match kind {
        DownloadKind::Svg => {
            let mut svg = String::new();
            {
                let size = (css_width.round() as u32, css_height.round() as u32);
                let root = WidgetBackend::svg(&mut svg, size).into_drawing_area();
                draw_export(&root, &content, 1.0).map_err(|e| e.to_string())?;
            }
            let blob = text_blob("image/svg+xml", &svg).ok_or("the SVG could not be made")?;
            download(&format!("{stem}.svg"), &blob);
        }
        _ => {
            let scale = web_sys::window()
                .map_or(1.0, |w| w.device_pixel_ratio())
                .max(2.0);
            let document = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("no document")?;
            let canvas: HtmlCanvasElement = document
                .create_element("canvas")
                .map_err(|_| "no canvas")?
                .dyn_into()
                .map_err(|_| "no canvas")?;
            canvas.set_width((css_width * scale).round() as u32);
            canvas.set_height((css_height * scale).round() as u32);
            let backend = WidgetBackend::canvas(&canvas).ok_or("no 2D canvas context")?;
            draw_export(&backend.into_drawing_area(), &content, scale)
                .map_err(|e| e.to_string())?;
            download_png(&canvas, format!("{stem}.png"))?;
        }
    }
    Ok(())
}

/// The minewatch widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let mode = props.mode;
    let state = use_reducer(move || {
        let mut settings = page_settings();
        if mode.is_some() {
            settings.mode = mode;
        }
        AppState::from_settings(settings, system_prefers_dark())
    });
    // The first chart on screen (or, at the latest, 5 s after the start): what the first view
    // does not need waits for it.
    let chart_drawn = use_memo((), |()| Moment::within(5_000));
    // The compact embed (controls=0) is title, takeaway, chart and sources.
    let show_map =
        state.settings.view.map() && (state.settings.controls || !state.settings.view.timeline());
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
                dispatcher.dispatch(Action::BundleLoaded(load_bundle(opening_events).await));
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
        let (country, range, mode) = (state.country, state.viewport.range, state.mode);
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
    // The URL keeps the view, so it can be shared as a link; written once the view rests.
    let settings_now = state.current_settings();
    {
        let pending = use_mut_ref(|| None::<Timeout>);
        let first_run = use_mut_ref(|| true);
        use_effect_with(settings_now.clone(), move |settings| {
            if std::mem::take(&mut *first_run.borrow_mut()) {
                return;
            }
            let settings = settings.clone();
            *pending.borrow_mut() = Some(Timeout::new(400, move || record_settings(&settings)));
        });
    }
    // An embedding page learns the widget's height once every source has settled (every box
    // keeps its size while data arrive), then whenever it changes: a resize, a panel opened.
    let root_ref = use_node_ref();
    let (root_width, root_height) = use_box_size(root_ref.clone());
    // Final once every source has settled the first time; later reloads (another country's
    // signals) keep the credits on screen and the host informed.
    let settled_once = use_mut_ref(|| false);
    let layout_final = {
        let mut once = settled_once.borrow_mut();
        *once |= state.settled() && (state.map.is_some() || !show_map);
        *once
    };
    {
        let id = state.settings.id.clone();
        let root_ref = root_ref.clone();
        let posted = use_mut_ref(|| 0);
        use_effect_with((root_height, layout_final), move |(_, ready)| {
            // Read after this render is in the page (the observed size may lag it by a frame).
            let height = root_ref
                .cast::<web_sys::HtmlElement>()
                .map_or(0, |e| e.offset_height());
            if *ready && height > 0 && height != *posted.borrow() {
                *posted.borrow_mut() = height;
                post_height(&id, f64::from(height));
            }
        });
    }
    // The credits appear at once when every source has settled: the footer is the last thing
    // on the page, so nothing moves when it grows.
    let provenances = if layout_final {
        state.credits()
    } else {
        Vec::new()
    };
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
                state.baselines.clone(),
                state.events.clone(),
            ),
            move |_| state.impacts(),
        )
    };
    let events: Vec<_> = state.events_in_view().into_iter().cloned().collect();
    let selected = state.selected_event().cloned();
    let impact = selected.as_ref().and_then(|e| impacts.get(&e.id).cloned());
    let on_select_country = {
        let dispatcher = state.dispatcher();
        Callback::from(move |code| dispatcher.dispatch(Action::SelectCountry(code)))
    };
    let on_select_month = {
        let dispatcher = state.dispatcher();
        Callback::from(move |month| dispatcher.dispatch(Action::SelectMonth(month)))
    };
    let on_download = {
        let (state, impacts) = (state.clone(), impacts.clone());
        Callback::from(move |kind| {
            if let Err(e) = export(&state, &impacts, kind, f64::from(root_width)) {
                web_sys::console::error_1(&format!("minewatch: the download failed: {e}").into());
            }
        })
    };
    let settings = &state.settings;
    let controls = settings.controls;
    let story = state.story(&impacts);
    let takeaway = match (&story, &props.skeleton_takeaway) {
        (Story::Loading, Some(told)) => told.to_string(),
        _ => text::takeaway(&story),
    };
    let data_line = state.data_line();
    let on_chart_drawn = {
        let chart_drawn = chart_drawn.clone();
        Callback::from(move |()| chart_drawn.reach())
    };
    let hash_rate_loading = state.hash_rate.is_none()
        && live.is_empty()
        && matches!(
            data_line.freshness,
            Freshness::Loading | Freshness::Updating { .. }
        );
    html! {
        <div
            class="minewatch"
            ref={root_ref}
            data-theme={if state.dark { "dark" } else { "light" }}
            data-controls={controls.to_string()}
            lang={settings.lang}
        >
            <header class="head">
                <h1>{ TITLE }</h1>
                <p class="takeaway">{ takeaway }</p>
            </header>
            <div class="figures" data-split={(show_map && settings.view.timeline()).then_some("true")}>
                if settings.view.timeline() {
                    <Timeline
                        snapshot={state.hash_rate.clone()}
                        history={state.history.clone()}
                        {live}
                        samples={state.chain_samples.clone()}
                        region={state.country}
                        baselines={state.baselines.clone()}
                        events={state.events.clone()}
                        impacts={impacts.clone()}
                        viewport={state.viewport}
                        options={DrawOptions::of(&state)}
                        {on_command}
                        {on_toggle_signal}
                        on_select_event={on_select.clone()}
                        {controls}
                        loading={hash_rate_loading}
                        on_drawn={on_chart_drawn}
                    />
                }
                if show_map {
                    <WorldMap
                        map={state.map.clone()}
                        shares={state.shares.clone()}
                        month={state.shown_month().cloned()}
                        month_is_nearest={state.shown_month_is_nearest()}
                        baselines={state.baselines.clone()}
                        events={state.events.clone()}
                        status_time={state.status_time()}
                        selected={state.country}
                        {on_select_country}
                        {on_select_month}
                        palette={Palette::of_theme(state.dark)}
                        {controls}
                    />
                }
            </div>
            if controls {
                <DisruptionList
                    events={state.events.clone()}
                    impacts={impacts.clone()}
                    selected={selected.as_ref().map(|e| e.id.clone())}
                    dispatcher={state.dispatcher()}
                />
                <ImpactPanel {events} {selected} {impact} {on_select} />
            }
            <footer class="foot">
                <DataStatus line={data_line} statuses={state.statuses.clone()} />
                if controls {
                    <ShareBar
                        settings={settings_now}
                        height={root_height}
                        {on_download}
                    />
                }
                <Attribution {provenances} />
            </footer>
        </div>
    }
}
