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

use crate::components::{
    use_box_size, Attribution, DataStatus, DisruptionList, ImpactPanel, ShareBar, Timeline,
    WorldMap,
};
use crate::model::settings::Settings;
use crate::model::source::DataMode;
use crate::render::series::DrawOptions;
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
}

/// The title of the widget and of its downloads.
const TITLE: &str = "Bitcoin hash rate and disruptions in mining regions";

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
    use_data_loading(&state, chart_drawn.clone(), show_map);
    // The URL keeps the view, so it can be shared as a link; written once the view rests.
    let settings_now = state.current_settings();
    use_recorded_settings(settings_now.clone());
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
    use_posted_height(
        root_ref.clone(),
        root_height,
        layout_final,
        state.settings.id.clone(),
    );
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
