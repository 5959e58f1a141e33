//! Components mounted into a real page in headless Chromium (`wasm-bindgen-test`), with the
//! DOM and the canvas pixels asserted. Run by `make test` as
//! `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use minewatch::analysis::baseline::BaselineSeries;
use minewatch::analysis::hash_rate::samples_from_days;
use minewatch::analysis::impact::Impacts;
use minewatch::analysis::status::ConnectivityStatus;
use minewatch::app::{App, AppProps, UnfoldedPanels};
use minewatch::components::attribution::AttributionProps;
use minewatch::components::data_status::DataStatusProps;
use minewatch::components::map::WorldMap;
use minewatch::components::{Attribution, DataStatus, Shared, Timeline};
use minewatch::fetching::summary::{BundleNote, BundlePart, Delivery, Holding, StatusNote};
use minewatch::geo::shapes::parse_country_shapes;
use minewatch::geo::MapData;
use minewatch::model::connectivity::{ConnectivitySeries, Signal};
use minewatch::model::events::{DisruptionEvent, EventOrigin};
use minewatch::model::region::KAZAKHSTAN;
use minewatch::model::snapshot::{
    parse_hash_rate_snapshot, parse_history_snapshot, parse_share_snapshot, HashRateSeries,
    HashRateSnapshot,
};
use minewatch::model::source::{DataMode, SourceId, StatusSource};
use minewatch::model::time::{format_date, parse_date, TimeRange, DAY, HOUR};
use minewatch::model::view::Viewport;
use minewatch::render::map::{focus_bounds, map_fit, status_colour, MapFocus, SEA_COLOUR};
use minewatch::render::series::{
    DrawOptions, TimelineData, LONG_RANGE_COLOUR, MEAN_COLOUR, PROBING_COLOUR,
};
use minewatch::state::{LoadStatus, SourceProblem, SourceStatus};
use minewatch::view::data_line::{DataLine, Freshness, Warning};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement, KeyboardEvent,
    KeyboardEventInit, MouseEvent, MouseEventInit, PointerEvent, PointerEventInit, WheelEvent,
    WheelEventInit,
};
use yew::prelude::*;
use yew::{BaseComponent, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

fn history() -> HashRateSeries {
    parse_history_snapshot(include_str!("../static/data/history.json"))
        .expect("the committed history parses")
        .long_range
}

fn snapshot() -> HashRateSnapshot {
    parse_hash_rate_snapshot(include_str!("../static/data/hashrate.json"))
        .expect("the committed snapshot parses")
}

/// Mounts `props`' component into a fresh `width` × `height` CSS-pixel box on the page, with
/// the widget's stylesheet.
async fn mount<C: BaseComponent>(props: C::Properties, width: u32, height: u32) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("minewatch-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("minewatch-style");
        style.set_text_content(Some(include_str!("../static/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", &format!("width:{width}px;height:{height}px"))
        .unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// Waits (up to 5 s) for `ready` to hold, letting the browser run its events meanwhile.
async fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
        yew::scheduler::flush().await;
    }
    panic!("timed out waiting for {what}");
}

/// Pixels of the canvas within a small distance of `colour`.
fn count_pixels(canvas: &HtmlCanvasElement, colour: plotters::style::RGBColor) -> usize {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = context
        .get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data();
    data.chunks_exact(4)
        .filter(|px| {
            let distance = |a: u8, b: u8| i32::from(a).abs_diff(i32::from(b));
            distance(px[0], colour.0) + distance(px[1], colour.1) + distance(px[2], colour.2) < 40
        })
        .count()
}

/// What the harness's timeline draws: the bundled snapshot and history, and a synthetic
/// Kazakhstan signal and shutdown.
fn harness_data(snapshot: &HashRateSnapshot, history: &HashRateSeries) -> TimelineData {
    let (first, _) = snapshot.daily_span().unwrap();
    // Hourly probing at 2,400 for 20 days, then 120 (5%) from 5 Jan 10:00 for a day.
    let shutdown = parse_date("2022-01-05").unwrap() + 10 * HOUR;
    let values = (0..34 * 24)
        .map(|h| {
            let t = first + h * HOUR;
            Some(if (shutdown..shutdown + DAY).contains(&t) {
                120.0
            } else {
                2_400.0
            })
        })
        .collect();
    let baselines = vec![BaselineSeries::of(&ConnectivitySeries {
        country: "KZ".into(),
        datasource: Signal::Probing,
        from: first,
        step: HOUR,
        values,
    })];
    let events = vec![DisruptionEvent {
        id: "kz-test".into(),
        country: "KZ".into(),
        start: shutdown,
        end: shutdown + DAY,
        title: "Test shutdown".into(),
        scope: "Country".into(),
        cause: Some("Test".into()),
        visible_in: vec![],
        place: None,
        kind: minewatch::model::events::EventKind::Internet,
        origin: EventOrigin::Curated,
        evidence: vec![],
    }];
    let samples = samples_from_days(&snapshot.daily.days);
    TimelineData::for_country(
        Some(snapshot),
        Some(history),
        &[],
        &samples,
        &baselines,
        &events,
        "KZ",
    )
}

/// The timeline wired to a viewport the way the app wires it (commands applied, signals
/// toggled), over the bundled snapshot and a synthetic Kazakhstan signal.
#[function_component]
fn TimelineHarness() -> Html {
    let snapshot = use_memo((), |_| Rc::new(snapshot()));
    let history = use_memo((), |_| Rc::new(history()));
    let (first, last) = snapshot.daily_span().unwrap();
    let viewport = use_state(|| {
        Viewport::new(
            TimeRange::new(first, last + DAY),
            TimeRange::new(first, last + DAY),
        )
    });
    let hidden = use_state(Vec::<Signal>::new);
    let selected = use_state(|| None::<String>);
    let on_command = {
        let viewport = viewport.clone();
        Callback::from(move |command| viewport.set(viewport.apply(command)))
    };
    let on_toggle_signal = {
        let hidden = hidden.clone();
        Callback::from(move |datasource: Signal| {
            let mut next = (*hidden).clone();
            if next.contains(&datasource) {
                next.retain(|d| *d != datasource);
            } else {
                next.push(datasource);
            }
            hidden.set(next);
        })
    };
    let on_select_event = {
        let selected = selected.clone();
        Callback::from(move |id| selected.set(Some(id)))
    };
    let data = use_memo((), |_| harness_data(&snapshot, &history));
    let impacts = use_memo((), |_| Impacts::default());
    let drawn = use_state(|| false);
    let on_drawn = {
        let drawn = drawn.clone();
        Callback::from(move |()| drawn.set(true))
    };
    html! {
        <>
            <Timeline
                data={Shared(data.clone())}
                region={&KAZAKHSTAN}
                impacts={Shared(impacts.clone())}
                viewport={*viewport}
                options={DrawOptions { hidden_signals: (*hidden).clone(), selected_event: (*selected).clone(), ..DrawOptions::default() }}
                {on_command}
                {on_toggle_signal}
                {on_select_event}
                {on_drawn}
            />
            <output id="selected-event">{ (*selected).clone().unwrap_or_default() }</output>
            <output id="chart-drawn">{ if *drawn { "drawn" } else { "" } }</output>
        </>
    }
}

/// The focusable chart element.
fn chart(root: &Element) -> HtmlElement {
    root.query_selector(".timeline-chart")
        .unwrap()
        .expect("the chart")
        .dyn_into()
        .unwrap()
}

/// The range the chart shows, from its `data-start` and `data-end`.
fn shown_range(root: &Element) -> (i64, i64) {
    let chart = chart(root);
    let attr = |name: &str| chart.get_attribute(name).unwrap().parse::<i64>().unwrap();
    (attr("data-start"), attr("data-end"))
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

async fn press(root: &Element, key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    chart(root).dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Sends a pointer event of pointer `id` (a `"mouse"` or a `"touch"`) at `x` CSS pixels from
/// the chart's left edge, 100 px down.
async fn send_pointer(root: &Element, kind: &str, x: f64, (id, device): (i32, &str), shift: bool) {
    let chart = chart(root);
    let rect = chart.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_client_x((rect.left() + x) as i32);
    init.set_client_y((rect.top() + 100.0) as i32);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_pointer_id(id);
    init.set_pointer_type(device);
    init.set_is_primary(id == 1);
    let event = PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    chart.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Sends a mouse pointer event at `x` CSS pixels from the chart's left edge.
async fn pointer(root: &Element, kind: &str, x: f64, shift: bool) {
    send_pointer(root, kind, x, (1, "mouse"), shift).await;
}

/// Sends a touch pointer event for finger `id` at `x` CSS pixels from the chart's left edge.
async fn finger(root: &Element, kind: &str, id: i32, x: f64) {
    send_pointer(root, kind, x, (id, "touch"), false).await;
}

async fn mounted_timeline() -> (Element, HtmlCanvasElement) {
    let root = mount::<TimelineHarness>((), 700, 440).await;
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas")
        .unwrap()
        .expect("a canvas")
        .dyn_into()
        .unwrap();
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let expected_width = (700.0 * ratio).round() as u32;
    wait_for("the canvas to be sized and drawn", || {
        canvas.width() == expected_width && chart(&root).get_attribute("data-drawn").is_some()
    })
    .await;
    (root, canvas)
}

#[wasm_bindgen_test]
async fn timeline_draws_the_snapshot_at_device_resolution() {
    let (root, canvas) = mounted_timeline().await;
    let chart = chart(&root);
    let label = chart.get_attribute("aria-label").unwrap();
    assert!(label.starts_with("Timeline"), "{label}");
    assert!(label.contains("2021-12-12 to 2022-01-15"), "{label}");
    assert_eq!(chart.get_attribute("tabindex").as_deref(), Some("0"));
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let css_height = f64::from(canvas.client_height());
    assert!(
        css_height >= 300.0,
        "the stylesheet gives the chart its height ({css_height})"
    );
    assert_eq!(canvas.height(), (css_height * ratio).round() as u32);
    assert!(
        count_pixels(&canvas, MEAN_COLOUR) > 300,
        "the 7-day estimate is drawn"
    );
    let long_range = count_pixels(&canvas, LONG_RANGE_COLOUR);
    assert!(
        long_range > 100,
        "the long-range line is drawn ({long_range} px)"
    );
    assert!(
        count_pixels(&canvas, PROBING_COLOUR) > 200,
        "the connectivity line is drawn"
    );
    // The band: the estimate's colour at 22% over white.
    let band = plotters::style::RGBColor(0xC7, 0xE0, 0xEE);
    assert!(
        count_pixels(&canvas, band) > 3_000,
        "the 95% band is shaded"
    );
    assert!(root.query_selector(".render-error").unwrap().is_none());
    wait_for("the page to be told the chart is drawn", || {
        text_of(&root, "#chart-drawn").as_deref() == Some("drawn")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_moment_is_reached_when_marked_or_at_its_limit() {
    use minewatch::services::page::Moment;
    use std::cell::Cell;
    let marked = Rc::new(Moment::within(60_000));
    let reached = Rc::new(Cell::new(false));
    {
        let (marked, reached) = (marked.clone(), reached.clone());
        wasm_bindgen_futures::spawn_local(async move {
            marked.reached().await;
            reached.set(true);
        });
    }
    gloo_timers::future::TimeoutFuture::new(50).await;
    assert!(!reached.get(), "reached before it was marked");
    marked.reach();
    wait_for("the marked moment", || reached.get()).await;
    // Never marked: its limit ends the wait.
    let started = js_sys::Date::now();
    Moment::within(30).reached().await;
    assert!(js_sys::Date::now() - started >= 25.0);
}

#[wasm_bindgen_test]
async fn keyboard_moves_the_cursor_zooms_and_resets() {
    let (root, _) = mounted_timeline().await;
    let initial = shown_range(&root);
    chart(&root).focus().unwrap();
    press(&root, "Home", false).await;
    let live = text_of(&root, "[aria-live=polite]").unwrap();
    assert!(live.starts_with("2021-12-12 00:00 UTC"), "{live}");
    press(&root, "ArrowRight", true).await;
    let tooltip = text_of(&root, "[role=tooltip]").expect("a tooltip at the cursor");
    assert!(tooltip.contains("EH/s"), "{tooltip}");
    assert!(tooltip.contains("% of usual"), "{tooltip}");
    assert_eq!(
        chart(&root).get_attribute("aria-describedby").as_deref(),
        root.query_selector("[role=tooltip]")
            .unwrap()
            .unwrap()
            .get_attribute("id")
            .as_deref()
    );
    press(&root, "+", false).await;
    let zoomed = shown_range(&root);
    assert!(
        zoomed.1 - zoomed.0 < initial.1 - initial.0,
        "{zoomed:?} {initial:?}"
    );
    press(&root, "-", false).await;
    press(&root, "-", false).await;
    press(&root, "PageDown", false).await;
    press(&root, "Escape", false).await;
    assert_eq!(shown_range(&root), initial);
    assert!(root.query_selector("[role=tooltip]").unwrap().is_none());
    let live = text_of(&root, "[aria-live=polite]").unwrap();
    assert_eq!(live, "Showing 2021-12-12 to 2022-01-15 (UTC)");
}

#[wasm_bindgen_test]
async fn the_tooltip_gives_each_value_at_the_pointer() {
    let (root, _) = mounted_timeline().await;
    let (start, end) = shown_range(&root);
    let plot_left = chart(&root)
        .get_attribute("data-plot-left")
        .unwrap()
        .parse::<f64>()
        .unwrap();
    let plot_right = chart(&root)
        .get_attribute("data-plot-right")
        .unwrap()
        .parse::<f64>()
        .unwrap();
    // The pointer over 6 Jan 2022 at noon, inside the planted outage's second day.
    let t = parse_date("2022-01-06").unwrap() + 6 * HOUR;
    let x = plot_left + (t - start) as f64 / (end - start) as f64 * (plot_right - plot_left);
    pointer(&root, "pointermove", x, false).await;
    let tooltip = text_of(&root, "[role=tooltip]").expect("a tooltip at the pointer");
    // Coin Metrics, 6 Jan: 176,161,288.7 TH/s = 176.2 EH/s.
    assert!(
        tooltip.contains("Coin Metrics daily estimate: 176.2 EH/s"),
        "{tooltip}"
    );
    assert!(
        tooltip.contains("Kazakhstan: active probing (ping-slash24): 5% of usual"),
        "{tooltip}"
    );
    assert!(tooltip.contains("Test shutdown"), "{tooltip}");
    assert!(tooltip.contains("Country, Test; 24.0 hours"), "{tooltip}");
    let crosshair = root
        .query_selector(".timeline-crosshair")
        .unwrap()
        .expect("a crosshair");
    assert!(crosshair.get_attribute("style").unwrap().contains("left:"));
    // A click (no drag) inside the event selects it.
    pointer(&root, "pointerdown", x, false).await;
    pointer(&root, "pointerup", x, false).await;
    assert_eq!(
        text_of(&root, "#selected-event").as_deref(),
        Some("kz-test")
    );
    pointer(&root, "pointerleave", x, false).await;
    assert!(root.query_selector("[role=tooltip]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn drag_zooms_shift_drag_pans_and_double_click_resets() {
    let (root, _) = mounted_timeline().await;
    let initial = shown_range(&root);
    pointer(&root, "pointerdown", 200.0, false).await;
    pointer(&root, "pointermove", 300.0, false).await;
    assert!(
        root.query_selector(".timeline-brush").unwrap().is_some(),
        "the brush shows"
    );
    pointer(&root, "pointerup", 300.0, false).await;
    let zoomed = shown_range(&root);
    assert!(zoomed.0 > initial.0 && zoomed.1 < initial.1, "{zoomed:?}");
    assert!(root.query_selector(".timeline-brush").unwrap().is_none());

    pointer(&root, "pointerdown", 400.0, true).await;
    pointer(&root, "pointermove", 300.0, true).await;
    pointer(&root, "pointerup", 300.0, true).await;
    let panned = shown_range(&root);
    assert_eq!(
        panned.1 - panned.0,
        zoomed.1 - zoomed.0,
        "panning keeps the span"
    );
    assert!(
        panned.0 > zoomed.0,
        "dragging left shows later times: {panned:?}"
    );

    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let dblclick = MouseEvent::new_with_mouse_event_init_dict("dblclick", &init).unwrap();
    chart(&root).dispatch_event(&dblclick).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(shown_range(&root), initial);
}

#[wasm_bindgen_test]
async fn on_a_touch_screen_a_tap_shows_values_a_drag_zooms_and_a_pinch_zooms() {
    let (root, _) = mounted_timeline().await;
    let initial = shown_range(&root);
    // A tap shows the values there, and they stay when the finger lifts.
    finger(&root, "pointerdown", 1, 300.0).await;
    finger(&root, "pointerup", 1, 300.0).await;
    finger(&root, "pointerleave", 1, 300.0).await;
    assert!(
        text_of(&root, "[role=tooltip]").is_some_and(|t| t.contains("EH/s")),
        "the tooltip stays after the tap"
    );
    // One finger dragged across the chart zooms to the range it covered.
    finger(&root, "pointerdown", 1, 200.0).await;
    finger(&root, "pointermove", 1, 320.0).await;
    finger(&root, "pointerup", 1, 320.0).await;
    let brushed = shown_range(&root);
    assert!(
        brushed.0 > initial.0 && brushed.1 < initial.1,
        "{brushed:?}"
    );
    // Two fingers moving apart zoom in around their middle.
    finger(&root, "pointerdown", 1, 250.0).await;
    finger(&root, "pointerdown", 2, 350.0).await;
    finger(&root, "pointermove", 2, 450.0).await;
    finger(&root, "pointerup", 2, 450.0).await;
    finger(&root, "pointerup", 1, 250.0).await;
    let pinched = shown_range(&root);
    let (before, after) = (brushed.1 - brushed.0, pinched.1 - pinched.0);
    assert!(
        after * 3 < before * 2,
        "zoomed in about twofold: {before} s to {after} s"
    );
}

#[wasm_bindgen_test]
async fn ctrl_wheel_zooms_around_the_pointer_and_a_plain_wheel_does_not() {
    let (root, _) = mounted_timeline().await;
    let initial = shown_range(&root);
    let chart = chart(&root);
    let rect = chart.get_bounding_client_rect();
    let wheel = |ctrl: bool| {
        let init = WheelEventInit::new();
        init.set_delta_y(-100.0);
        init.set_ctrl_key(ctrl);
        init.set_client_x((rect.left() + 300.0) as i32);
        init.set_client_y((rect.top() + 100.0) as i32);
        init.set_bubbles(true);
        init.set_cancelable(true);
        WheelEvent::new_with_event_init_dict("wheel", &init).unwrap()
    };
    let plain = wheel(false);
    chart.dispatch_event(&plain).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        shown_range(&root),
        initial,
        "a plain wheel scrolls the article"
    );
    assert!(!plain.default_prevented());
    let zoom = wheel(true);
    chart.dispatch_event(&zoom).unwrap();
    yew::scheduler::flush().await;
    assert!(zoom.default_prevented(), "the page does not zoom too");
    let zoomed = shown_range(&root);
    assert!(zoomed.1 - zoomed.0 < initial.1 - initial.0, "{zoomed:?}");
    // The time under the pointer stays under it.
    let left: f64 = chart
        .get_attribute("data-plot-left")
        .unwrap()
        .parse()
        .unwrap();
    let right: f64 = chart
        .get_attribute("data-plot-right")
        .unwrap()
        .parse()
        .unwrap();
    let at = |(a, b): (i64, i64)| a as f64 + (300.0 - left) / (right - left) * (b - a) as f64;
    assert!(
        (at(zoomed) - at(initial)).abs() < 3_600.0,
        "{} vs {}",
        at(zoomed),
        at(initial)
    );
}

#[wasm_bindgen_test]
async fn presets_and_signal_toggles() {
    let (root, canvas) = mounted_timeline().await;
    let buttons = root.query_selector_all(".timeline-toolbar button").unwrap();
    let labels: Vec<String> = (0..buttons.length())
        .filter_map(|i| buttons.get(i)?.text_content())
        .collect();
    assert_eq!(
        labels,
        [
            "7 days",
            "30 days",
            "1 year",
            "All",
            "Kazakhstan, Jan 2022",
            "Reset"
        ]
    );
    let seven: HtmlElement = buttons.get(0).unwrap().dyn_into().unwrap();
    seven.click();
    yew::scheduler::flush().await;
    let (start, end) = shown_range(&root);
    assert_eq!(end - start, 7 * DAY);
    assert_eq!(seven.get_attribute("aria-pressed").as_deref(), Some("true"));

    let toggle: HtmlElement = root
        .query_selector("[data-signal=ping-slash24]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    toggle.click();
    yew::scheduler::flush().await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    wait_for("the signal to disappear", || {
        count_pixels(&canvas, PROBING_COLOUR) < 50
    })
    .await;
}

/// The map as the app wires it: shapes and shares from the bundled files, a Kazakh signal with
/// an outage, the status time and the selection held in state.
#[derive(Properties, PartialEq)]
struct MapHarnessProps {
    /// The status time the map opens on.
    status_time: i64,
    /// The status time a click on `#move-time` moves to, as the timeline's cursor would.
    #[prop_or_default]
    later: i64,
}

#[function_component]
fn MapHarness(props: &MapHarnessProps) -> Html {
    let map = use_memo((), |_| {
        let shapes = parse_country_shapes(include_str!("../static/data/countries.json"));
        Some(
            shapes
                .map(|s| Shared(Rc::new(MapData::new(s))))
                .map_err(|e| e.to_string()),
        )
    });
    let shares = use_memo((), |_| {
        parse_share_snapshot(include_str!("../static/data/shares.json"))
            .map(|s| Shared(Rc::new(s.table)))
            .ok()
    });
    let selected = use_state(|| "KZ");
    let time = use_state(|| props.status_time);
    let move_time = {
        let (time, later) = (time.clone(), props.later);
        Callback::from(move |_| time.set(later))
    };
    let start = parse_date("2022-01-01").unwrap();
    let shutdown = start + 4 * DAY + 10 * HOUR;
    let values = (0..14 * 24)
        .map(|h| {
            let t = start + h * HOUR;
            Some(if (shutdown..shutdown + DAY).contains(&t) {
                100.0
            } else {
                2_000.0
            })
        })
        .collect();
    let baselines = Shared(Rc::new(vec![BaselineSeries::of(&ConnectivitySeries {
        country: "KZ".into(),
        datasource: Signal::Probing,
        from: start,
        step: HOUR,
        values,
    })]));
    let events = Shared(Rc::new(vec![DisruptionEvent {
        id: "kz-map".into(),
        country: "KZ".into(),
        start: shutdown,
        end: shutdown + DAY,
        title: "Test shutdown".into(),
        scope: "Country".into(),
        cause: None,
        visible_in: vec![],
        place: None,
        kind: minewatch::model::events::EventKind::Internet,
        origin: EventOrigin::Curated,
        evidence: vec![],
    }]));
    let month = (*shares).as_ref().and_then(|s| {
        s.months
            .iter()
            .find(|m| format_date(m.month) == "2022-01-01")
            .cloned()
    });
    let on_select_country = {
        let selected = selected.clone();
        Callback::from(move |code| selected.set(code))
    };
    html! {
        <>
            <WorldMap
                map={(*map).clone()}
                shares={(*shares).clone()}
                {month}
                {baselines}
                {events}
                status_time={*time}
                selected={*selected}
                {on_select_country}
            />
            <output id="selected-country">{ *selected }</output>
            <button id="move-time" onclick={move_time}>{ "move" }</button>
        </>
    }
}

fn map_chart(root: &Element) -> HtmlElement {
    root.query_selector(".map-chart")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// The CSS position of a country's marker on the world view of a mounted map.
fn anchor_of(root: &Element, code: &str) -> (f64, f64) {
    let data =
        MapData::new(parse_country_shapes(include_str!("../static/data/countries.json")).unwrap());
    let canvas: HtmlCanvasElement = root
        .query_selector(".map-base")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let bounds = focus_bounds(&data, MapFocus::World, code).unwrap();
    let fit = map_fit(bounds, canvas.width(), canvas.height(), ratio);
    let (x, y) = fit.to_pixel(data.shapes[data.position(code).unwrap()].anchor);
    (x / ratio, y / ratio)
}

async fn map_pointer(root: &Element, kind: &str, (x, y): (f64, f64)) {
    let chart = map_chart(root);
    let rect = chart.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_client_x((rect.left() + x).round() as i32);
    init.set_client_y((rect.top() + y).round() as i32);
    init.set_bubbles(true);
    init.set_pointer_type("mouse");
    let event = PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    chart.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

async fn mounted_map(status_time: i64, later: i64) -> (Element, HtmlCanvasElement) {
    let root = mount::<MapHarness>(MapHarnessProps { status_time, later }, 800, 600).await;
    wait_for("the map to be drawn", || {
        map_chart(&root).get_attribute("data-drawn").is_some()
    })
    .await;
    let overlay: HtmlCanvasElement = root
        .query_selector(".map-overlay")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    (root, overlay)
}

#[wasm_bindgen_test]
async fn map_hover_shows_share_status_and_events_and_click_selects() {
    let during = parse_date("2022-01-05").unwrap() + 12 * HOUR;
    let (root, overlay) = mounted_map(during, during).await;
    let chart = map_chart(&root);
    assert!(chart
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("Map"));
    assert_eq!(chart.get_attribute("tabindex").as_deref(), Some("0"));
    wait_for("Kazakhstan drawn as disrupted", || {
        count_pixels(&overlay, status_colour(ConnectivityStatus::Disrupted)) > 100
    })
    .await;
    // The map opens on the region in view; the World button shows every mining country.
    let pressed = |name: &str| {
        let buttons = root.query_selector_all(".map-toolbar button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.get(i))
            .find(|b| b.text_content().as_deref() == Some(name))
            .and_then(|b| b.dyn_into::<Element>().ok()?.get_attribute("aria-pressed"))
    };
    assert_eq!(pressed("Kazakhstan").as_deref(), Some("true"));
    let world: HtmlElement = root
        .query_selector(".map-toolbar button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    world.click();
    yew::scheduler::flush().await;
    assert_eq!(pressed("World").as_deref(), Some("true"));
    wait_for("the world drawn", || {
        map_chart(&root).get_attribute("data-drawn").as_deref() == Some("world")
    })
    .await;
    map_pointer(&root, "pointermove", anchor_of(&root, "KZ")).await;
    let tooltip = text_of(&root, ".map-chart [role=tooltip]").expect("a tooltip");
    assert!(tooltip.starts_with("Kazakhstan"), "{tooltip}");
    assert!(
        tooltip.contains("13.2% of Bitcoin's hash rate in Jan 2022 (estimate)"),
        "{tooltip}"
    );
    assert!(
        tooltip.contains("disrupted (ping-slash24 at 5% of usual)"),
        "{tooltip}"
    );
    let live = text_of(&root, ".map [aria-live=polite]").unwrap();
    assert!(live.starts_with("Kazakhstan. 13.2%"), "{live}");
    map_pointer(&root, "pointermove", anchor_of(&root, "US")).await;
    assert_eq!(
        map_chart(&root).get_attribute("data-hovered").as_deref(),
        Some("United States")
    );
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    map_chart(&root)
        .dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, "#selected-country").as_deref(), Some("US"));
    map_pointer(&root, "pointerleave", (0.0, 0.0)).await;
    assert!(root
        .query_selector(".map-chart [role=tooltip]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn map_keyboard_walks_mining_countries_by_share() {
    let day = parse_date("2021-12-20").unwrap();
    let (root, _) = mounted_map(day, day).await;
    map_chart(&root).focus().unwrap();
    let key = |k: &'static str| {
        let root = root.clone();
        async move {
            let init = KeyboardEventInit::new();
            init.set_key(k);
            init.set_bubbles(true);
            init.set_cancelable(true);
            let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
            map_chart(&root).dispatch_event(&event).unwrap();
            yew::scheduler::flush().await;
        }
    };
    key("ArrowRight").await;
    assert_eq!(
        map_chart(&root).get_attribute("data-hovered").as_deref(),
        Some("United States")
    );
    key("ArrowRight").await;
    assert_eq!(
        map_chart(&root).get_attribute("data-hovered").as_deref(),
        Some("China")
    );
    let live = text_of(&root, ".map [aria-live=polite]").unwrap();
    assert!(
        live.starts_with("China. 21.1% of Bitcoin's hash rate in Jan 2022"),
        "{live}"
    );
    key("ArrowLeft").await;
    key("ArrowLeft").await;
    let last = map_chart(&root).get_attribute("data-hovered").unwrap();
    assert_ne!(last, "United States", "wraps round to the smallest share");
    key("ArrowRight").await;
    key("ArrowRight").await;
    key("Enter").await;
    assert_eq!(text_of(&root, "#selected-country").as_deref(), Some("CN"));
    let live = text_of(&root, ".map [aria-live=polite]").unwrap();
    assert!(
        live.starts_with("Selected China: the timeline shows"),
        "{live}"
    );
}

#[wasm_bindgen_test]
async fn the_status_follows_the_time_without_redrawing_the_base() {
    let before = parse_date("2022-01-03").unwrap();
    let during = parse_date("2022-01-05").unwrap() + 12 * HOUR;
    let (root, overlay) = mounted_map(before, during).await;
    wait_for("Kazakhstan drawn as normal", || {
        count_pixels(&overlay, status_colour(ConnectivityStatus::Normal)) > 100
    })
    .await;
    assert!(count_pixels(&overlay, status_colour(ConnectivityStatus::Disrupted)) < 10);
    // A sentinel on the base layer: a redraw of the base would paint over it.
    let base: HtmlCanvasElement = root
        .query_selector(".map-base")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let context: CanvasRenderingContext2d =
        base.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    context.set_fill_style_str("#FF00FF");
    context.fill_rect(0.0, 0.0, 12.0, 12.0);
    let magenta = plotters::style::RGBColor(0xFF, 0x00, 0xFF);
    assert!(count_pixels(&base, magenta) >= 100);
    let button: HtmlElement = root
        .query_selector("#move-time")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    yew::scheduler::flush().await;
    wait_for("Kazakhstan drawn as disrupted", || {
        count_pixels(&overlay, status_colour(ConnectivityStatus::Disrupted)) > 100
    })
    .await;
    assert!(
        count_pixels(&base, magenta) >= 100,
        "the base layer was not redrawn"
    );
    assert!(count_pixels(&base, SEA_COLOUR) > 1000);
}

#[wasm_bindgen_test]
async fn the_data_status_folds_to_one_line_and_shows_failures() {
    let props = DataStatusProps {
        line: DataLine {
            freshness: Freshness::Live { live: 1, of: 4 },
            warnings: vec![Warning {
                source: StatusSource::Bundle,
                problem: SourceProblem::Failed,
            }],
            range_narrowed: false,
            connectivity_narrowed: false,
        },
        unfolded_at_start: false,
        statuses: Shared(Rc::new(vec![
            SourceStatus {
                source: StatusSource::Bundle,
                status: LoadStatus::Failed,
                problem: Some(SourceProblem::Failed),
                note: StatusNote::Bundle(BundleNote {
                    events: Err("HTTP 404".into()),
                    failures: vec![(BundlePart::HashRate, "HTTP 404".into())],
                    ..BundleNote::default()
                }),
            },
            SourceStatus {
                source: StatusSource::Live(SourceId::Ioda),
                status: LoadStatus::Live,
                problem: None,
                note: StatusNote::Settled {
                    delivery: Delivery::Live,
                    holding: Holding::NoShares,
                    failure: None,
                },
            },
        ])),
    };
    let root = mount::<DataStatus>(props, 400, 80).await;
    let details = root.query_selector("details.data-status").unwrap().unwrap();
    assert!(!details.has_attribute("open"), "folded");
    assert_eq!(
        text_of(&root, ".data-status-line").as_deref(),
        Some("Live data from 1 of 4 sources")
    );
    let chip = root
        .query_selector(".chip")
        .unwrap()
        .expect("a warning chip");
    assert_eq!(
        chip.get_attribute("data-warning").as_deref(),
        Some("snapshot")
    );
    assert!(
        chip.dyn_ref::<HtmlElement>().unwrap().offset_height() > 0,
        "the warning shows while the details are folded"
    );
    assert_eq!(chip.text_content().as_deref(), Some("Bundled data failed"));
    assert_eq!(
        text_of(&root, "[aria-live=polite]").as_deref(),
        Some("Live data from 1 of 4 sources. Bundled data failed"),
        "the line and its warnings are announced, folded or not"
    );
    let list = root.query_selector("ul.source-statuses").unwrap().unwrap();
    assert_eq!(
        list.get_attribute("aria-label").as_deref(),
        Some("Data sources")
    );
    assert_eq!(
        root.query_selector_all("[data-source]").unwrap().length(),
        2
    );
    let line = root
        .query_selector("[data-source=snapshot]")
        .unwrap()
        .unwrap();
    assert_eq!(line.get_attribute("data-status").as_deref(), Some("failed"));
    assert_eq!(
        line.text_content().unwrap().trim(),
        "The bundled data snapshot could not be loaded: hash rate (HTTP 404); events (HTTP 404)."
    );
    let ioda = root.query_selector("[data-source=ioda]").unwrap().unwrap();
    assert_eq!(ioda.get_attribute("data-status").as_deref(), Some("live"));
}

#[wasm_bindgen_test]
async fn attribution_credits_each_source() {
    let snapshot = snapshot();
    let props = AttributionProps {
        provenances: vec![
            snapshot.daily.provenance.clone(),
            history().provenance.clone(),
        ],
    };
    let root = mount::<Attribution>(props, 600, 80).await;
    let items = root.query_selector_all(".attribution li").unwrap();
    assert_eq!(items.length(), 2);
    let first = items.get(0).unwrap().text_content().unwrap();
    assert!(first.starts_with("Coin Metrics, "), "{first}");
    assert!(first.contains("(CC BY-NC 4.0), retrieved "), "{first}");
    let link = root.query_selector(".attribution li a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://github.com/coinmetrics/data")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

#[wasm_bindgen_test]
async fn app_says_when_the_snapshot_cannot_be_loaded() {
    // The test runner's server has no data/ files: the app must say so and stay up. In
    // snapshot mode it sends no request beyond the page's own host.
    let props = AppProps {
        mode: Some(DataMode::Snapshot),
        skeleton_takeaway: Some("The skeleton's story.".into()),
        // The reader opened the sources' line in the skeleton, to see why it waits.
        skeleton_unfolded: UnfoldedPanels {
            sources: true,
            ..UnfoldedPanels::default()
        },
    };
    let root = mount::<App>(props, 800, 500).await;
    let unfolded = |panel: &str| {
        let selector = format!("details.{panel}");
        let details = root.query_selector(&selector).unwrap();
        details.is_some_and(|d| d.has_attribute("open"))
    };
    assert!(unfolded("data-status"), "the sources stay unfolded");
    assert!(!unfolded("impact") && !unfolded("disruption-browser"));
    let status = || root.query_selector("[data-source=snapshot]").unwrap();
    wait_for("the snapshot status to settle", || {
        status()
            .and_then(|s| s.get_attribute("data-status"))
            .is_some_and(|s| s != "loading")
    })
    .await;
    let status = status().unwrap();
    assert_eq!(
        status.get_attribute("data-status").as_deref(),
        Some("failed")
    );
    let message = status.text_content().unwrap();
    assert!(
        message.contains("could not be loaded: hash rate (HTTP 404 for data/hashrate.json)"),
        "{message}"
    );
    let mempool = root
        .query_selector("[data-source=mempool]")
        .unwrap()
        .unwrap();
    wait_for("the live sources to settle after the chart", || {
        mempool.get_attribute("data-status").as_deref() != Some("loading")
    })
    .await;
    assert_eq!(
        mempool.get_attribute("data-status").as_deref(),
        Some("snapshot")
    );
    assert!(
        root.query_selector("h1").unwrap().is_some(),
        "the widget is still rendered"
    );
    // The skeleton's sentence stood for the bundled data; without them it is not kept.
    let takeaway = text_of(&root, ".takeaway").unwrap_or_default();
    assert!(
        !takeaway.is_empty() && takeaway != "The skeleton's story.",
        "{takeaway}"
    );
    let chart = root.query_selector(".timeline-chart").unwrap();
    assert!(
        chart.is_some_and(|c| !c.has_attribute("aria-busy")),
        "the chart keeps its place and stops waiting"
    );
    wait_for("the map to say why it is empty", || {
        text_of(&root, ".map [role=alert]").is_some()
    })
    .await;
    assert_eq!(
        text_of(&root, ".map [role=alert]").as_deref(),
        Some("The map could not be loaded: HTTP 404 for data/countries.json")
    );
}

#[wasm_bindgen_test]
fn the_cache_reads_back_what_it_stored_and_skips_what_it_cannot_read() {
    use minewatch::fetching::cache::{cache_key, key_prefix, CachedBody, MAX_ENTRIES};
    use minewatch::model::source::SourceId;
    use minewatch::services::page::page_directory;
    use minewatch::services::storage;
    let now = 1_652_486_400;
    let url = "https://example.org/cache-test?a=1";
    let body = "{\"values\":[{\"x\":1,\"y\":\"é\\n\"}]}\nsecond line";
    storage::write(SourceId::Mempool, url, body, now);
    assert_eq!(
        storage::read(SourceId::Mempool, url, now),
        Some(CachedBody {
            source: "mempool".into(),
            url: url.into(),
            stored_at: now,
            body: body.to_owned(),
        })
    );
    assert_eq!(
        storage::read(SourceId::Ioda, url, now),
        None,
        "another source's"
    );
    assert_eq!(
        storage::read(SourceId::Mempool, url, now - 3600),
        None,
        "from the future"
    );
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = cache_key(&page_directory(), url);
    for broken in [
        "",
        "{\"stored_at\":1,\"body\":\"{}\"}",
        "minewatch-cache 2\nmempool\nhttps://example.org/other\n1\n{}",
        "[1,\"b\"]",
    ] {
        local.set_item(&key, broken).unwrap();
        assert_eq!(storage::read(SourceId::Mempool, url, now), None, "{broken}");
    }
    // Bounded: many answers leave at most MAX_ENTRIES, the newest; a stray key goes.
    let stray = format!("{}https://planted.example/", key_prefix(&page_directory()));
    local
        .set_item(&stray, "minewatch-cache 2\nmempool\nx\n1\n{}")
        .unwrap();
    for i in 0..MAX_ENTRIES + 8 {
        let url = format!("https://example.org/many?{i}");
        storage::write(SourceId::Ioda, &url, "{}", now + i as i64);
    }
    let ours: Vec<String> = (0..local.length().unwrap())
        .filter_map(|i| local.key(i).unwrap())
        .filter(|k| k.starts_with(&key_prefix(&page_directory())))
        .collect();
    assert_eq!(ours.len(), MAX_ENTRIES);
    assert!(!ours.contains(&stray));
    assert!(ours
        .iter()
        .any(|k| k.ends_with(&format!("many?{}", MAX_ENTRIES + 7))));
    assert!(
        !ours.iter().any(|k| k.ends_with("many?0")),
        "the oldest made way"
    );
    local.clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_body_is_read_in_pieces_and_given_up_past_the_limit() {
    use minewatch::services::http::{text_within, BodyError};
    use minewatch::sources::MAX_BODY_BYTES;
    // A response with no Content-Length, as a compressed or chunked answer arrives.
    let small = web_sys::Response::new_with_opt_str(Some("{\"é\":1}")).unwrap();
    assert_eq!(
        text_within(&small, 100).await.ok().as_deref(),
        Some("{\"é\":1}")
    );
    let huge = " ".repeat(MAX_BODY_BYTES + 1);
    let response = web_sys::Response::new_with_opt_str(Some(&huge)).unwrap();
    match text_within(&response, MAX_BODY_BYTES).await {
        Err(BodyError::TooLarge(bytes)) => assert!(bytes > MAX_BODY_BYTES),
        other => panic!("read past the limit: {:?}", other.map(|t| t.len())),
    }
}

#[wasm_bindgen_test]
async fn a_page_sends_no_more_than_its_allowance_of_requests() {
    use minewatch::fetching::retry::{AttemptError, RetryPolicy};
    use minewatch::services::http::{get_with_retry, MAX_REQUESTS_PER_PAGE};
    let policy = RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    };
    let (mut answered, mut refused) = (0, 0);
    for _ in 0..MAX_REQUESTS_PER_PAGE + 3 {
        let stop = std::cell::Cell::new(false);
        match get_with_retry("data:application/json,{}", &policy, &stop).await {
            Some(Ok(body)) => {
                assert_eq!(body, "{}");
                answered += 1;
            }
            Some(Err(AttemptError::Limit(n))) => {
                assert_eq!(n, MAX_REQUESTS_PER_PAGE);
                assert!(stop.get(), "a refusal is final for the source");
                refused += 1;
            }
            other => panic!("unexpected answer: {:?}", other.map(|a| a.map(|b| b.len()))),
        }
    }
    assert!(
        answered <= MAX_REQUESTS_PER_PAGE && refused >= 3,
        "{answered} answered, {refused} refused"
    );
}
