//! The benchmark page's WebAssembly (built by `make bench` from `bench/index.html`): loads a
//! series handed over by the page and exposes the timeline's render, hover and zoom paths to
//! `bench/bench.js`, which times them against uPlot on the same data and canvas size, and the
//! map's decoding and drawing.

#[cfg(target_arch = "wasm32")]
mod bench {
    use std::cell::RefCell;

    use minewatch::analysis::status::ConnectivityStatus;
    use minewatch::components::canvas::{fit_to_box, WidgetBackend};
    use minewatch::components::timeline::draw_on_canvas;
    use minewatch::geo::projection::Fit;
    use minewatch::geo::shapes::parse_country_shapes;
    use minewatch::geo::MapData;
    use minewatch::model::connectivity::Signal;
    use minewatch::model::series::Point;
    use minewatch::model::time::TimeRange;
    use minewatch::model::view::{ViewCommand, Viewport};
    use minewatch::render::layout::TimelineLayout;
    use minewatch::render::map::{
        draw_map_base, draw_map_overlay, focus_bounds, MapFocus, MapOverlay, ShareMarker,
    };
    use minewatch::render::readout::readout;
    use minewatch::render::series::{
        DrawOptions, SeriesMark, SeriesSource, SignalLine, TimelineData, TimelineSeries,
        MEAN_COLOUR,
    };
    use minewatch::render::LIGHT;
    use plotters::prelude::IntoDrawingArea;
    use wasm_bindgen::prelude::*;
    use web_sys::{HtmlCanvasElement, HtmlElement};

    /// What the page loaded, the viewport, and the last layout drawn.
    struct Bench {
        data: TimelineData,
        viewport: Viewport,
        drawn: Option<(TimelineLayout, f64)>,
    }

    thread_local! {
        static BENCH: RefCell<Option<Bench>> = const { RefCell::new(None) };
    }

    /// Loads a hash-rate series (times in s, H/s) and a connectivity signal (% of usual, NaN
    /// for unknown) on a regular grid.
    #[wasm_bindgen]
    pub fn load(
        hash_times: &[f64],
        hash_values: &[f64],
        signal_from: f64,
        signal_step: f64,
        signal_percent: &[f64],
    ) -> usize {
        let points: Vec<Point> = hash_times
            .iter()
            .zip(hash_values)
            .map(|(t, v)| Point {
                t: *t as i64,
                v: *v,
            })
            .collect();
        let signal = SignalLine {
            datasource: Signal::Probing,
            from: signal_from as i64,
            step: signal_step as i64,
            percent: signal_percent
                .iter()
                .map(|v| v.is_finite().then_some(*v))
                .collect(),
        };
        let start = signal.from.min(points.first().map_or(signal.from, |p| p.t));
        let end = (signal.from + signal.step * signal.percent.len() as i64)
            .max(points.last().map_or(start, |p| p.t));
        let count = points.len() + signal.percent.len();
        let data = TimelineData {
            series: vec![TimelineSeries {
                label: "hash rate".into(),
                points,
                mark: SeriesMark::Line,
                colour: MEAN_COLOUR,
                band: Vec::new(),
                source: SeriesSource::Derived,
            }],
            signals: vec![signal],
            events: Vec::new(),
            region: "Benchland".into(),
        };
        let range = TimeRange::new(start, end);
        BENCH.with(|b| {
            *b.borrow_mut() = Some(Bench {
                data,
                viewport: Viewport::new(range, range),
                drawn: None,
            })
        });
        count
    }

    fn with_bench<T>(f: impl FnOnce(&mut Bench) -> Result<T, JsValue>) -> Result<T, JsValue> {
        BENCH.with(|b| match b.borrow_mut().as_mut() {
            Some(bench) => f(bench),
            None => Err(JsValue::from_str("load() first")),
        })
    }

    fn redraw(bench: &mut Bench, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        bench.drawn = draw_on_canvas(
            canvas,
            &bench.data,
            bench.viewport.range,
            &DrawOptions::default(),
        )
        .map_err(|e| JsValue::from_str(&e))?;
        Ok(())
    }

    /// Draws the whole range on `canvas`, as the widget's first render does.
    #[wasm_bindgen]
    pub fn render(canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        with_bench(|bench| {
            bench.viewport = bench.viewport.apply(ViewCommand::Reset);
            redraw(bench, canvas)
        })
    }

    thread_local! {
        static MAP: RefCell<Option<(MapData, Option<Fit>)>> = const { RefCell::new(None) };
    }

    /// Decodes and indexes the country shapes (the compact `countries.json`); returns how
    /// many countries.
    #[wasm_bindgen]
    pub fn map_load(body: &str) -> Result<usize, JsValue> {
        let shapes = parse_country_shapes(body).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let count = shapes.len();
        MAP.with(|m| *m.borrow_mut() = Some((MapData::new(shapes), None)));
        Ok(count)
    }

    /// Draws the map's base layer (sea, land, borders) of the whole world on `canvas`.
    #[wasm_bindgen]
    pub fn map_base(canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        MAP.with(|m| {
            let mut map = m.borrow_mut();
            let (data, fit) = map.as_mut().ok_or("map_load() first")?;
            let (_, _, ratio) = fit_to_box(canvas).ok_or("the canvas has no size")?;
            let backend = WidgetBackend::canvas(canvas).ok_or("no 2D context")?;
            let bounds = focus_bounds(data, MapFocus::World, "KZ").ok_or("no shapes")?;
            *fit = Some(
                draw_map_base(&backend.into_drawing_area(), data, bounds, ratio, &LIGHT)
                    .map_err(|e| JsValue::from_str(&e.to_string()))?,
            );
            Ok(())
        })
    }

    /// Redraws the map's overlay (Kazakhstan's status and event outline, the five largest
    /// shares, a highlight) on `canvas`, as a move of the timeline's cursor does.
    #[wasm_bindgen]
    pub fn map_overlay(canvas: &HtmlCanvasElement, disrupted: bool) -> Result<(), JsValue> {
        MAP.with(|m| {
            let map = m.borrow();
            let (data, fit) = map.as_ref().ok_or("map_load() first")?;
            let fit = fit.ok_or("map_base() first")?;
            let (_, _, ratio) = fit_to_box(canvas).ok_or("the canvas has no size")?;
            let backend = WidgetBackend::canvas(canvas).ok_or("no 2D context")?;
            backend.clear();
            let kz = data.position("KZ");
            let marker = |code: &str, share: f64| {
                Some(ShareMarker {
                    shape: data.position(code)?,
                    code: code.into(),
                    share,
                })
            };
            let overlay = MapOverlay {
                statuses: kz
                    .map(|i| {
                        let status = if disrupted {
                            ConnectivityStatus::Disrupted
                        } else {
                            ConnectivityStatus::Normal
                        };
                        (i, status)
                    })
                    .into_iter()
                    .collect(),
                active_events: kz.filter(|_| disrupted).into_iter().collect(),
                places: Vec::new(),
                markers: [
                    ("US", 0.3784),
                    ("CN", 0.2111),
                    ("KZ", 0.1322),
                    ("CA", 0.0648),
                    ("RU", 0.0466),
                ]
                .into_iter()
                .filter_map(|(code, share)| marker(code, share))
                .collect(),
                highlighted: data.position("US"),
                selected: kz,
                palette: LIGHT,
            };
            draw_map_overlay(&backend.into_drawing_area(), data, &fit, &overlay, ratio)
                .map_err(|e| JsValue::from_str(&e.to_string()))
        })
    }

    /// Zooms by `factor` around the middle and redraws, as one zoom step of the widget does.
    #[wasm_bindgen]
    pub fn zoom(canvas: &HtmlCanvasElement, factor: f64) -> Result<(), JsValue> {
        with_bench(|bench| {
            let range = bench.viewport.range;
            let anchor = range.start + range.span() / 2;
            bench.viewport = bench
                .viewport
                .apply(ViewCommand::ZoomAround { anchor, factor });
            redraw(bench, canvas)
        })
    }

    /// Moves the cursor to CSS x `x`: the values under it into `tooltip`, the crosshair to it,
    /// as the widget's hover does (without redrawing the canvas).
    #[wasm_bindgen]
    pub fn hover(x: f64, crosshair: &HtmlElement, tooltip: &HtmlElement) -> Result<(), JsValue> {
        with_bench(|bench| {
            let (layout, ratio) = bench.drawn.ok_or("render() first")?;
            let (left, right) = (
                f64::from(layout.plot_left) / ratio,
                f64::from(layout.plot_right) / ratio,
            );
            let t = bench.viewport.time_at(x, left, right);
            let text: Vec<String> = readout(&bench.data, t, &DrawOptions::default())
                .into_iter()
                .map(|r| format!("{}: {}", r.label, r.value))
                .collect();
            crosshair.set_attribute("style", &format!("left:{x:.1}px"))?;
            tooltip.set_text_content(Some(&text.join("\n")));
            Ok(())
        })
    }
}

fn main() {}
