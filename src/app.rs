//! The widget: loads the bundled snapshot, draws the first chart, then loads the map's shapes,
//! the long-range history and each live source through its fallbacks, and lays out the story:
//! title and takeaway, chart and map, the folded figures, and the notes and sources. State
//! lives in [`crate::state::AppState`].

mod downloads;
mod loading;

use std::rc::Rc;

use yew::prelude::*;

use downloads::export;
use loading::use_data_loading;

use crate::analysis::impact::Impacts;
use crate::components::{
    use_box_size, Attribution, DataStatus, DisruptionList, ImpactPanel, ShareBar, Shared, Timeline,
    WorldMap,
};
use crate::model::connectivity::Signal;
use crate::model::settings::Settings;
use crate::model::source::DataMode;
use crate::model::time::UnixSeconds;
use crate::model::view::ViewCommand;
use crate::render::series::{DrawOptions, TimelineData};
use crate::render::Palette;
use crate::services::page::{
    page_settings, post_height, record_settings, system_prefers_dark, Moment,
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
    /// The skeleton's panels a reader unfolded before the widget took its place.
    #[prop_or_default]
    pub skeleton_unfolded: UnfoldedPanels,
}

/// Which of the folded panels are open: those a reader opens in the skeleton, on a slow phone
/// before the widget starts, stay open in the widget that replaces it.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct UnfoldedPanels {
    /// The list of every disruption.
    pub disruptions: bool,
    /// The impact panel ("How sure is this?").
    pub impact: bool,
    /// The data-status line's sources.
    pub sources: bool,
}

/// Writes `settings` into the page's URL once they rest (400 ms), so the view can be shared as
/// a link; not the opening's.
#[hook]
fn use_recorded_settings(settings: Settings) {
    let pending = use_mut_ref(|| None::<Timeout>);
    let first_run = use_mut_ref(|| true);
    use_effect_with(settings, move |settings| {
        if std::mem::take(&mut *first_run.borrow_mut()) {
            return;
        }
        let settings = settings.clone();
        *pending.borrow_mut() = Some(Timeout::new(400, move || record_settings(&settings)));
    });
}

/// Tells an embedding page (messages with `id`) the height of the widget behind `root_ref`
/// once its layout is final (`ready`), then whenever it changes.
#[hook]
fn use_posted_height(root_ref: NodeRef, height: i32, ready: bool, id: String) {
    let posted = use_mut_ref(|| 0);
    use_effect_with((height, ready), move |(_, ready)| {
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

/// A callback that dispatches the action `to_action` makes of its argument.
fn dispatching<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    to_action: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value| dispatcher.dispatch(to_action(value)))
}

/// What the reader's choices in the chart, the map and the impact panel dispatch, made once:
/// the same callbacks on every render, so the components' props compare equal.
#[derive(Clone, PartialEq)]
struct Dispatches {
    view: Callback<ViewCommand>,
    toggle_signal: Callback<Signal>,
    select_event: Callback<String>,
    select_country: Callback<&'static str>,
    select_month: Callback<UnixSeconds>,
}

/// The app's [`Dispatches`], made on the first render.
#[hook]
fn use_dispatches(state: &UseReducerHandle<AppState>) -> Rc<Dispatches> {
    let dispatcher = state.dispatcher();
    use_memo((), move |()| Dispatches {
        view: dispatching(&dispatcher, Action::View),
        toggle_signal: dispatching(&dispatcher, Action::ToggleSignal),
        select_event: dispatching(&dispatcher, Action::SelectEvent),
        select_country: dispatching(&dispatcher, Action::SelectCountry),
        select_month: dispatching(&dispatcher, Action::SelectMonth),
    })
}

/// The widget's state, from the page's settings (`mode` overriding the page's `?mode=`).
#[hook]
fn use_app_state(mode: Option<DataMode>) -> UseReducerHandle<AppState> {
    use_reducer(move || {
        let mut settings = page_settings();
        if mode.is_some() {
            settings.mode = mode;
        }
        AppState::from_settings(settings, system_prefers_dark())
    })
}

/// Whether the layout is final: every source has settled once (and the map's shapes arrived
/// when the map is shown). It stays final when later reloads (another country's signals)
/// start, so the credits stay on screen and the host stays informed.
#[hook]
fn use_layout_final(state: &AppState, show_map: bool) -> bool {
    let settled_once = use_mut_ref(|| false);
    let mut once = settled_once.borrow_mut();
    *once |= state.settled() && (state.map.is_some() || !show_map);
    *once
}

/// The impact of every disruption, recomputed only when the data behind them change, not as
/// the cursor moves.
#[hook]
fn use_impacts(state: &UseReducerHandle<AppState>) -> Shared<Impacts> {
    let deps = (
        Shared::from(&state.chain_samples),
        state.shares.as_ref().map(Shared::from),
        Shared::from(&state.baselines),
        Shared::from(&state.events),
    );
    let state = state.clone();
    Shared(use_memo(deps, move |_| state.impacts()))
}

/// What the timeline draws for the country in focus, built once for the chart and the
/// downloads, and again only when the data behind it change (never for a map-only view).
#[hook]
fn use_timeline_data(state: &AppState) -> Shared<TimelineData> {
    let live: Vec<_> = (state.live_hash_rate.iter())
        .map(|(source, points)| (*source, Shared::from(points)))
        .collect();
    let deps = (
        state.hash_rate.as_ref().map(Shared::from),
        state.history_drawn().map(Shared::from),
        live,
        Shared::from(&state.chain_samples),
        Shared::from(&state.baselines),
        Shared::from(&state.events),
        state.country,
        state.settings.view.timeline(),
    );
    let live = state.live_hash_rate.clone();
    Shared(use_memo(
        deps,
        move |(snapshot, history, _, samples, baselines, events, country, shown)| {
            if !shown {
                // A map-only embed draws no chart and downloads none.
                return TimelineData::default();
            }
            TimelineData::for_country(
                snapshot.as_deref(),
                history.as_deref(),
                &live,
                samples,
                baselines,
                events,
                country.code,
            )
        },
    ))
}

/// Whether the hash-rate chart still waits for its first data.
fn hash_rate_loading(state: &AppState, freshness: &Freshness) -> bool {
    state.hash_rate.is_none()
        && state.live_hash_rate.is_empty()
        && matches!(freshness, Freshness::Loading | Freshness::Updating { .. })
}

/// What the chart is given besides the state: its data, the impacts, the callbacks.
struct ChartInputs {
    data: Shared<TimelineData>,
    impacts: Shared<Impacts>,
    dispatches: Rc<Dispatches>,
    loading: bool,
    on_drawn: Callback<()>,
}

/// The hash-rate and connectivity chart of the view.
fn timeline_figure(state: &AppState, inputs: ChartInputs) -> Html {
    let ChartInputs {
        data,
        impacts,
        dispatches,
        loading,
        on_drawn,
    } = inputs;
    html! {
        <Timeline
            {data}
            region={state.country}
            {impacts}
            viewport={state.viewport}
            options={DrawOptions::of(state)}
            on_command={dispatches.view.clone()}
            on_toggle_signal={dispatches.toggle_signal.clone()}
            on_select_event={dispatches.select_event.clone()}
            controls={state.settings.controls}
            {loading}
            {on_drawn}
        />
    }
}

/// The map of the mining regions, their shares and their disruptions.
fn map_figure(state: &AppState, dispatches: &Dispatches) -> Html {
    html! {
        <WorldMap
            map={state.map.as_ref().map(|m| m.as_ref().map(Shared::from).map_err(Clone::clone))}
            shares={state.shares.as_ref().map(Shared::from)}
            month={state.shown_month().cloned()}
            month_is_nearest={state.shown_month_is_nearest()}
            baselines={Shared::from(&state.baselines)}
            events={Shared::from(&state.events)}
            status_time={state.status_time()}
            selected={state.country.code}
            on_select_country={dispatches.select_country.clone()}
            on_select_month={dispatches.select_month.clone()}
            palette={Palette::of_theme(state.dark)}
            controls={state.settings.controls}
        />
    }
}

/// The chart and the map, side by side on a wide screen (the map only when `show_map`).
fn figures(state: &AppState, chart: ChartInputs, show_map: bool) -> Html {
    let timeline = state.settings.view.timeline();
    let dispatches = chart.dispatches.clone();
    html! {
        <div class="figures" data-split={(show_map && timeline).then_some("true")}>
            if timeline {
                { timeline_figure(state, chart) }
            }
            if show_map {
                { map_figure(state, &dispatches) }
            }
        </div>
    }
}

/// The minewatch widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_app_state(props.mode);
    // The first chart on screen (or, at the latest, 5 s after the start): what the first view
    // does not need waits for it.
    let chart_drawn = use_memo((), |()| Moment::within(5_000));
    let settings = &state.settings;
    // The compact embed (controls=0) is title, takeaway, chart and sources.
    let show_map = settings.view.map() && (settings.controls || !settings.view.timeline());
    use_data_loading(&state, chart_drawn.clone(), show_map);
    // The URL keeps the view, so it can be shared as a link; written once the view rests.
    let settings_now = state.current_settings();
    use_recorded_settings(settings_now.clone());
    // An embedding page learns the widget's height once every source has settled (every box
    // keeps its size while data arrive), then whenever it changes: a resize, a panel opened.
    let root_ref = use_node_ref();
    let (root_width, root_height) = use_box_size(root_ref.clone());
    let layout_final = use_layout_final(&state, show_map);
    use_posted_height(
        root_ref.clone(),
        root_height,
        layout_final,
        settings.id.clone(),
    );
    // The credits appear at once when every source has settled: the footer is the last thing
    // on the page, so nothing moves when it grows.
    let provenances = if layout_final {
        state.credits()
    } else {
        Vec::new()
    };
    let impacts = use_impacts(&state);
    let timeline_data = use_timeline_data(&state);
    let selected = state.selected_event().cloned();
    let on_download = {
        let (state, impacts, data) = (state.clone(), impacts.clone(), timeline_data.clone());
        Callback::from(move |kind| {
            if let Err(e) = export(&state, &data, &impacts, kind, f64::from(root_width)) {
                web_sys::console::error_1(&format!("minewatch: the download failed: {e}").into());
            }
        })
    };
    let takeaway = match (state.story(&impacts), &props.skeleton_takeaway) {
        (Story::Loading, Some(told)) => told.to_string(),
        (story, _) => text::takeaway(&story),
    };
    let data_line = state.data_line();
    let on_chart_drawn =
        (*use_memo((), move |()| Callback::from(move |()| chart_drawn.reach()))).clone();
    let dispatches = use_dispatches(&state);
    let chart = ChartInputs {
        data: timeline_data,
        impacts: impacts.clone(),
        dispatches: dispatches.clone(),
        loading: hash_rate_loading(&state, &data_line.freshness),
        on_drawn: on_chart_drawn,
    };
    let controls = settings.controls;
    let language = text::catalogue::LANGUAGE;
    html! {
        <div
            class="minewatch"
            ref={root_ref}
            data-theme={if state.dark { "dark" } else { "light" }}
            data-controls={controls.to_string()}
            lang={language.code()}
            dir={language.right_to_left().then_some("rtl")}
        >
            // Keyed by its words: a new takeaway is a new paragraph in the same reserved
            // box, not the old one's text rewritten, which a browser counts as a layout shift
            // when the line mixes directions (an English title in a Persian sentence).
            <header class="head">
                <h1>{ crate::tr!(Title) }</h1>
                <p class="takeaway" key={takeaway.clone()}>{ takeaway }</p>
            </header>
            { figures(&state, chart, show_map) }
            if controls {
                <DisruptionList
                    unfolded_at_start={props.skeleton_unfolded.disruptions}
                    events={Shared::from(&state.events)}
                    impacts={impacts.clone()}
                    selected={selected.as_ref().map(|e| e.id.clone())}
                    dispatcher={state.dispatcher()}
                />
                <ImpactPanel
                    unfolded_at_start={props.skeleton_unfolded.impact}
                    events={state.events_in_view().into_iter().cloned().collect::<Vec<_>>()}
                    impact={selected.as_ref().and_then(|e| impacts.get(&e.id).cloned())}
                    {selected}
                    on_select={dispatches.select_event.clone()}
                />
            }
            <footer class="foot">
                <DataStatus unfolded_at_start={props.skeleton_unfolded.sources} line={data_line} statuses={Shared::from(&state.statuses)} />
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
