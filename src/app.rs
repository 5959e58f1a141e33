//! The widget: loads the bundled snapshot, draws the first chart, then loads the map's shapes,
//! the long-range history and each live source through its fallbacks, and lays out the story:
//! title and takeaway, chart and map, the folded figures, and the notes and sources. State
//! lives in [`crate::state::AppState`].

mod downloads;
mod loading;

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use downloads::export;
use loading::{
    load_bundle, load_chain_year, load_history, load_manifest, load_rest_of_bundle, load_shapes,
    load_source, spawn_connectivity,
};

use crate::components::{
    use_box_size, Attribution, DataStatus, DisruptionList, ImpactPanel, ShareBar, Timeline,
    WorldMap,
};
use crate::model::source::{DataMode, SourceId};
use crate::render::series::DrawOptions;
use crate::render::Palette;
use crate::services::page::{
    after_next_paint, page_settings, post_height, record_settings, system_prefers_dark, Moment,
};
use crate::state::{Action, AppState};
use crate::text;
use crate::view::data_line::Freshness;
use crate::view::story::Story;
use gloo_timers::callback::Timeout;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
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
