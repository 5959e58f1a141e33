//! Components mounted into a real page in headless Chromium (`wasm-bindgen-test`), with the
//! DOM and the canvas pixels asserted. Run by `make test` as
//! `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use minewatch::analysis::hash_rate::samples_from_days;
use minewatch::app::{App, AppProps};
use minewatch::components::attribution::AttributionProps;
use minewatch::components::source_status::SourceStatusListProps;
use minewatch::components::timeline::TimelineProps;
use minewatch::components::{Attribution, SourceStatusList, Timeline};
use minewatch::fetching::plan::DataMode;
use minewatch::model::snapshot::{parse_hash_rate_snapshot, HashRateSnapshot};
use minewatch::model::time::{TimeRange, DAY};
use minewatch::render::timeline::{LONG_RANGE_COLOUR, MEAN_COLOUR};
use minewatch::state::{LoadStatus, SourceStatus};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::{BaseComponent, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

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

#[wasm_bindgen_test]
async fn timeline_draws_the_snapshot_at_device_resolution() {
    let snapshot = snapshot();
    let (first, last) = snapshot.daily_span().unwrap();
    let samples = Rc::new(samples_from_days(&snapshot.daily.days));
    let props = TimelineProps {
        snapshot: Some(Rc::new(snapshot)),
        live: Vec::new(),
        samples,
        view: TimeRange::new(first, last + DAY),
    };
    let root = mount::<Timeline>(props, 640, 300).await;
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas")
        .unwrap()
        .expect("a canvas")
        .dyn_into()
        .unwrap();
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let expected_width = (640.0 * ratio).round() as u32;
    wait_for("the canvas to be sized", || {
        canvas.width() == expected_width
    })
    .await;

    let label = canvas.get_attribute("aria-label").unwrap();
    assert!(label.starts_with("Timeline"), "{label}");
    assert!(label.contains("2021-12-12 to 2022-01-15"), "{label}");
    assert!(label.contains("Coin Metrics daily estimate"), "{label}");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(canvas.get_attribute("tabindex").as_deref(), Some("0"));
    let css_height = f64::from(canvas.client_height());
    assert!(
        css_height >= 260.0,
        "the stylesheet gives the chart its height ({css_height})"
    );
    assert_eq!(canvas.height(), (css_height * ratio).round() as u32);
    assert!(
        count_pixels(&canvas, MEAN_COLOUR) > 300,
        "the 7-day estimate is drawn"
    );
    // The band: the estimate's colour at 22% over white.
    let band = plotters::style::RGBColor(0xC7, 0xE0, 0xEE);
    assert!(
        count_pixels(&canvas, band) > 5_000,
        "the 95% band is shaded"
    );
    assert!(
        count_pixels(&canvas, LONG_RANGE_COLOUR) > 200,
        "the long-range line is drawn"
    );
    assert!(root.query_selector(".render-error").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn status_lines_expose_source_and_status() {
    let props = SourceStatusListProps {
        statuses: vec![
            SourceStatus {
                source: "snapshot",
                status: LoadStatus::Failed,
                message: "The bundled data snapshot could not be loaded: HTTP 404".into(),
            },
            SourceStatus {
                source: "ioda",
                status: LoadStatus::Live,
                message: "IODA: live.".into(),
            },
        ],
    };
    let root = mount::<SourceStatusList>(props, 400, 80).await;
    let list = root
        .query_selector("ul[aria-live=polite]")
        .unwrap()
        .expect("a live region");
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
        "The bundled data snapshot could not be loaded: HTTP 404"
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
            snapshot.long_range.provenance.clone(),
        ],
    };
    let root = mount::<Attribution>(props, 600, 80).await;
    let items = root.query_selector_all("footer li").unwrap();
    assert_eq!(items.length(), 2);
    let first = items.get(0).unwrap().text_content().unwrap();
    assert!(first.starts_with("Coin Metrics, "), "{first}");
    assert!(first.contains("(CC BY-NC 4.0), retrieved "), "{first}");
    let link = root.query_selector("footer li a").unwrap().unwrap();
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
    };
    let root = mount::<App>(props, 800, 500).await;
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
    assert_eq!(
        mempool.get_attribute("data-status").as_deref(),
        Some("snapshot")
    );
    assert!(
        root.query_selector("h1").unwrap().is_some(),
        "the widget is still rendered"
    );
    assert!(root.query_selector("canvas").unwrap().is_none());
}
