//! The timeline, drawn with plotters on any [`DrawingBackend`]: a `<canvas>` in the browser,
//! an SVG string in native tests and exports. Two plots share one UTC time axis: the network's
//! hash rate above, the connectivity of the region in focus (% of each signal's baseline)
//! below, and disruption events shaded across both with their labels in a lane on top. Lines
//! are decimated to the plot's pixel columns, so drawing cost follows the width, not the data.
//!
//! ```
//! use minewatch::model::time::TimeRange;
//! use minewatch::render::timeline::draw_timeline;
//! use minewatch::render::series::{DrawOptions, TimelineData};
//! use plotters::prelude::*;
//!
//! let data = TimelineData::default();
//! let mut svg = String::new();
//! {
//!     let root = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
//!     draw_timeline(&root, &data, TimeRange::new(0, 86_400), &DrawOptions::default(), 1.0)
//!         .unwrap();
//! }
//! assert!(svg.contains("No hash-rate data in this range"));
//! ```

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::UtcAxis;
use super::layout::{place_labels, TimelineLayout, SIDE_MARGIN, Y_LABEL_AREA};
use super::legend::{draw_legend, fit_text, wrap_text};
use super::series::{
    line_style, DrawOptions, SeriesMark, SignalLine, TimelineData, TimelineSeries, BAND_OPACITY,
    EVENT_COLOUR,
};
use super::{Palette, RenderError};

use crate::model::events::DisruptionEvent;
use crate::model::series::{clip_line, decimate_min_max, points_in_range, Point};
use crate::model::time::{TimeRange, UnixSeconds};
use crate::model::units::hashes_to_exahash;

/// Number of decimals that y labels need to tell ticks apart below `max`: `2 − ⌊log₁₀ max⌋`
/// within 0–12, counted by powers of ten (no logarithm in the WebAssembly for this).
fn y_label_decimals(max: f64) -> usize {
    if max <= 0.0 {
        return 12;
    }
    let mut decimals = 2;
    let mut power = 1.0;
    while decimals > 0 && max >= power * 10.0 {
        power *= 10.0;
        decimals -= 1;
    }
    while decimals < 12 && max < power {
        power /= 10.0;
        decimals += 1;
    }
    decimals
}

/// A plot's coordinates: UTC time across, a linear value up.
type PlotCoord = Cartesian2d<UtcAxis, plotters::coord::types::RangedCoordf64>;

/// Sizes and fonts at one scale.
#[derive(Clone, Copy)]
struct Scaled {
    scale: f64,
    max_ticks: usize,
    palette: Palette,
}

impl Scaled {
    fn px(self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    fn stroke(self, css: f64) -> u32 {
        self.px(css).max(1) as u32
    }

    fn font(self, css: f64) -> TextStyle<'static> {
        ("sans-serif", css * self.scale)
            .into_font()
            .color(&self.palette.text)
    }
}

/// Builds one plot on `area` with its grid and axes: time labels only under the lower plot.
fn build_plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    view: TimeRange,
    y_max: f64,
    time_labels: bool,
    y_desc: &str,
    s: Scaled,
) -> Result<ChartContext<'a, DB, PlotCoord>, RenderError> {
    let decimals = y_label_decimals(y_max);
    let mut chart = ChartBuilder::on(area)
        .margin_left(s.px(SIDE_MARGIN))
        .margin_right(s.px(SIDE_MARGIN))
        .x_label_area_size(if time_labels {
            s.px(super::layout::X_LABEL_AREA)
        } else {
            0
        })
        .y_label_area_size(s.px(Y_LABEL_AREA))
        .build_cartesian_2d(UtcAxis::new(view, s.max_ticks), 0.0..y_max)?;
    let y_format = |v: &f64| format!("{v:.decimals$}");
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(s.max_ticks)
        .y_labels(5)
        .y_label_formatter(&y_format)
        .y_desc(y_desc)
        .label_style(s.font(12.0))
        .axis_desc_style(s.font(12.0))
        .bold_line_style(s.palette.grid.stroke_width(s.stroke(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(s.palette.text.stroke_width(s.stroke(1.0)));
    if time_labels {
        mesh.x_desc("Date (UTC)");
    }
    mesh.draw()?;
    Ok(chart)
}

/// The events that overlap `view`.
fn events_in(data: &TimelineData, view: TimeRange) -> impl Iterator<Item = &DisruptionEvent> {
    data.events
        .iter()
        .filter(move |e| e.overlaps(view.start, view.end))
}

/// Shades each event in view across a plot, the selected one stronger.
fn draw_event_bands<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, PlotCoord>,
    data: &TimelineData,
    view: TimeRange,
    y_max: f64,
    options: &DrawOptions,
) -> Result<(), RenderError> {
    chart.draw_series(events_in(data, view).map(|e| {
        let selected = options.selected_event.as_deref() == Some(e.id.as_str());
        let opacity = if selected { 0.26 } else { 0.12 };
        Rectangle::new(
            [(e.start.max(view.start), 0.0), (e.end.min(view.end), y_max)],
            EVENT_COLOUR.mix(opacity).filled(),
        )
    }))?;
    Ok(())
}

/// Writes `message` in the middle of a plot, wrapped to its width.
fn draw_message<DB: DrawingBackend>(
    chart: &ChartContext<'_, DB, PlotCoord>,
    message: &str,
    s: Scaled,
) -> Result<(), RenderError> {
    let area = chart.plotting_area().strip_coord_spec();
    let (width, height) = area.dim_in_pixel();
    let style = s.font(14.0).pos(Pos::new(HPos::Center, VPos::Center));
    let lines = wrap_text(&area, message, &style, width as i32 - s.px(16.0), 3);
    let line = s.px(18.0);
    let top = height as i32 / 2 - line * (lines.len() as i32 - 1) / 2;
    for (n, text) in lines.iter().enumerate() {
        area.draw(&Text::new(
            text.as_str(),
            (width as i32 / 2, top + line * n as i32),
            style.clone(),
        ))?;
    }
    Ok(())
}

/// Draws the timeline of `data` over `view` into `root` and returns the layout it used.
/// `scale` is device pixels per CSS pixel, so text and lines keep their size on HiDPI canvases.
pub fn draw_timeline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &TimelineData,
    view: TimeRange,
    options: &DrawOptions,
    scale: f64,
) -> Result<TimelineLayout, RenderError> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    root.fill(&options.palette.background)?;
    let (width, height) = root.dim_in_pixel();
    let layout = TimelineLayout::new(width, height, scale);
    let s = Scaled {
        scale,
        max_ticks: (f64::from(width) / (64.0 * scale)).clamp(2.0, 12.0) as usize,
        palette: options.palette,
    };
    let hash_area = root.clone().shrink(
        (0, layout.hash_top),
        (width, (layout.hash_bottom - layout.hash_top).max(1) as u32),
    );
    draw_hash_rate(&hash_area, data, view, options, &layout, s)?;
    let connectivity_area = root.clone().shrink(
        (0, layout.connectivity_top),
        (
            width,
            (layout.height - layout.connectivity_top).max(1) as u32,
        ),
    );
    draw_connectivity(&connectivity_area, data, view, options, &layout, s)?;
    draw_event_labels(root, data, view, options, &layout, s)?;
    root.present()?;
    Ok(layout)
}

/// The hash-rate plot: event bands, 95% bands, series and legend.
fn draw_hash_rate<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &TimelineData,
    view: TimeRange,
    options: &DrawOptions,
    layout: &TimelineLayout,
    s: Scaled,
) -> Result<(), RenderError> {
    let columns = layout.plot_width();
    let visible: Vec<(&TimelineSeries, Vec<Point>)> = data
        .series
        .iter()
        .map(|series| (series, visible_points(series, view, columns)))
        .filter(|(_, points)| !points.is_empty())
        .collect();
    let bands: Vec<(RGBColor, Vec<Point>)> = data
        .series
        .iter()
        .map(|series| (series.colour, band_outline(series, view)))
        .filter(|(_, outline)| !outline.is_empty())
        .collect();
    let visible_max = visible
        .iter()
        .flat_map(|(_, points)| points.iter().map(|p| p.v))
        .chain(
            bands
                .iter()
                .flat_map(|(_, outline)| outline.iter().map(|p| p.v)),
        )
        .reduce(f64::max);
    let y_max = visible_max.map_or(1.0, |max| hashes_to_exahash(max) * 1.1);
    let mut chart = build_plot(area, view, y_max, false, "Hash rate (EH/s)", s)?;
    draw_event_bands(&mut chart, data, view, y_max, options)?;
    if visible.is_empty() {
        return draw_message(&chart, "No hash-rate data in this range", s);
    }
    let to_chart = |p: Point| (p.t, hashes_to_exahash(p.v));
    for (colour, outline) in bands {
        chart.draw_series(std::iter::once(Polygon::new(
            outline.into_iter().map(to_chart).collect::<Vec<_>>(),
            colour.mix(BAND_OPACITY).filled(),
        )))?;
    }
    let mut legend = Vec::new();
    for (series, points) in visible {
        let colour = series.colour;
        match series.mark {
            SeriesMark::Dots => {
                let radius = s.px(2.5).max(1);
                chart.draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(to_chart(p), radius, colour.filled())),
                )?;
            }
            SeriesMark::Line | SeriesMark::BoldLine => {
                chart.draw_series(LineSeries::new(
                    points.into_iter().map(to_chart),
                    line_style(series, s.scale),
                ))?;
            }
        }
        legend.push(series);
    }
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        &legend,
        s.scale,
        &s.palette,
    )?;
    Ok(())
}

/// The connectivity plot: event bands, the 100% line, one line per signal shown, and legend.
fn draw_connectivity<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &TimelineData,
    view: TimeRange,
    options: &DrawOptions,
    layout: &TimelineLayout,
    s: Scaled,
) -> Result<(), RenderError> {
    let columns = layout.plot_width();
    let shown: Vec<(&SignalLine, Vec<Vec<Point>>)> = data
        .signals
        .iter()
        .filter(|line| !options.hidden_signals.contains(&line.datasource))
        .map(|line| {
            let segments = line
                .segments(view, columns)
                .iter()
                .map(|segment| clip_line(segment, view.start, view.end))
                .filter(|segment| !segment.is_empty())
                .collect::<Vec<_>>();
            (line, segments)
        })
        .filter(|(_, segments)| !segments.is_empty())
        .collect();
    let visible_max = shown
        .iter()
        .flat_map(|(_, segments)| segments.iter().flatten().map(|p| p.v))
        .reduce(f64::max)
        .unwrap_or(100.0);
    let y_max = (visible_max * 1.05).clamp(110.0, 300.0);
    let region = if data.region.is_empty() {
        "the region".to_owned()
    } else {
        data.region.clone()
    };
    let mut chart = build_plot(area, view, y_max, true, "Connectivity (% of usual)", s)?;
    draw_event_bands(&mut chart, data, view, y_max, options)?;
    if shown.is_empty() {
        let message = if data.signals.is_empty() {
            format!("No IODA connectivity signal loaded for {region}")
        } else {
            "Every connectivity signal is switched off".to_owned()
        };
        return draw_message(&chart, &message, s);
    }
    chart.draw_series(LineSeries::new(
        [(view.start, 100.0), (view.end, 100.0)],
        s.palette.text.mix(0.35).stroke_width(s.stroke(1.0)),
    ))?;
    let mut legend = Vec::new();
    for (line, segments) in &shown {
        let style = line.colour.stroke_width(s.stroke(1.0));
        for segment in segments {
            chart.draw_series(LineSeries::new(
                segment.iter().map(|p| (p.t, p.v.min(y_max))),
                style,
            ))?;
        }
        legend.push(TimelineSeries {
            label: format!("{region}: {}", line.label),
            points: Vec::new(),
            mark: SeriesMark::Line,
            colour: line.colour,
            band: Vec::new(),
        });
    }
    let rows: Vec<&TimelineSeries> = legend.iter().collect();
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        &rows,
        s.scale,
        &s.palette,
    )?;
    Ok(())
}

/// The events' titles in the lane above the plots, from each band's start, cut to fit and
/// dropped where they would collide.
fn draw_event_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &TimelineData,
    view: TimeRange,
    options: &DrawOptions,
    layout: &TimelineLayout,
    s: Scaled,
) -> Result<(), RenderError> {
    let font = s.font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    let x_of = |t: UnixSeconds| {
        let fraction = (t - view.start) as f64 / view.span().max(1) as f64;
        layout.plot_left + (fraction * layout.plot_width() as f64).round() as i32
    };
    let events: Vec<&DisruptionEvent> = events_in(data, view).collect();
    let labels: Vec<(&DisruptionEvent, i32, String, i32)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let start = x_of(e.start).max(layout.plot_left);
            let next = events
                .get(i + 1)
                .map_or(layout.plot_right, |n| x_of(n.start).min(layout.plot_right));
            let room = (next - start - s.px(6.0)).max(x_of(e.end).min(layout.plot_right) - start);
            fit_text(root, &e.title, &font, room).map(|(text, width)| (*e, start, text, width))
        })
        .collect();
    let bands: Vec<(i32, i32)> = labels.iter().map(|(_, x, _, w)| (*x, *w)).collect();
    let placed = place_labels(&bands, layout.plot_left, layout.plot_right, s.px(6.0));
    let y = layout.lane_top + (layout.hash_top - layout.lane_top) / 2;
    for ((event, _, text, _), x) in labels.iter().zip(placed) {
        let selected = options.selected_event.as_deref() == Some(event.id.as_str());
        let style = if selected {
            font.clone().color(&s.palette.text)
        } else {
            font.clone().color(&EVENT_COLOUR)
        };
        if let Some(x) = x {
            root.draw(&Text::new(text.as_str(), (x, y), style))?;
        }
    }
    Ok(())
}

/// The outline of a series' band clipped to `view`: the upper bounds left to right, then the
/// lower bounds right to left. Empty when the series has no band in view.
fn band_outline(series: &TimelineSeries, view: TimeRange) -> Vec<Point> {
    let (lows, highs): (Vec<Point>, Vec<Point>) = series.band.iter().copied().unzip();
    let upper = clip_line(&highs, view.start, view.end);
    let lower = clip_line(&lows, view.start, view.end);
    if upper.len() < 2 || lower.len() < 2 {
        return Vec::new();
    }
    upper.into_iter().chain(lower.into_iter().rev()).collect()
}

/// What of a series is drawn in `view`: for dots, only the observations inside it; for lines,
/// the line clipped to its edges and decimated to `columns` pixel columns.
fn visible_points(series: &TimelineSeries, view: TimeRange, columns: usize) -> Vec<Point> {
    match series.mark {
        SeriesMark::Dots => points_in_range(&series.points, view.start, view.end)
            .iter()
            .filter(|p| (view.start..=view.end).contains(&p.t))
            .copied()
            .collect(),
        SeriesMark::Line | SeriesMark::BoldLine => line_in_view(&series.points, view, columns),
    }
}

/// A line as drawn in `view`: decimated to `columns` pixel columns (from the points in view and
/// one neighbour each side), then clipped to the view's edges.
fn line_in_view(points: &[Point], view: TimeRange, columns: usize) -> Vec<Point> {
    let near = points_in_range(points, view.start, view.end);
    clip_line(&decimate_min_max(near, view, columns), view.start, view.end)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::analysis::baseline::BaselineSeries;
    use crate::model::connectivity::ConnectivitySeries;
    use crate::model::source::SourceId;
    use crate::model::time::DAY;
    use crate::model::time::{parse_date, HOUR};
    use crate::render::series::*;

    fn svg(data: &TimelineData, view: TimeRange) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (800, 360)).into_drawing_area();
            draw_timeline(&root, data, view, &DrawOptions::default(), 1.0).unwrap();
        }
        out
    }

    /// The text of every `<text>` element of an SVG.
    fn svg_texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
            .filter_map(|(_, rest)| rest.split_once("</text>"))
            .map(|(text, _)| text.trim().to_owned())
            .collect()
    }

    fn daily_series(days: i64) -> TimelineData {
        let points = (0..days)
            .map(|i| Point {
                t: parse_date("2022-01-01").unwrap() + i * DAY,
                v: 1.7e20 + (i as f64) * 1e18,
            })
            .collect();
        TimelineData {
            series: vec![TimelineSeries {
                label: "test series".into(),
                points,
                mark: SeriesMark::Line,
                colour: MEAN_COLOUR,
                band: Vec::new(),
            }],
            ..TimelineData::default()
        }
    }

    #[test]
    fn draws_a_line_axes_and_legend() {
        let data = daily_series(10);
        let view = TimeRange::new(
            parse_date("2022-01-01").unwrap(),
            parse_date("2022-01-10").unwrap(),
        );
        let out = svg(&data, view);
        assert!(out.contains("<polyline"), "no line drawn");
        let line = out
            .lines()
            .find(|l| l.contains("<polyline") && l.contains("#0072B2"))
            .expect("the series' line in its colour");
        let points = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), 10);
        let texts = svg_texts(&out);
        for label in [
            "Hash rate (EH/s)",
            "Date (UTC)",
            "test series",
            "2 Jan",
            "10 Jan",
            "150",
        ] {
            assert!(
                texts.iter().any(|t| t == label),
                "missing {label:?} in {texts:?}"
            );
        }
    }

    #[test]
    fn lines_stop_at_the_view_edges() {
        let data = daily_series(30);
        let view = TimeRange::new(
            parse_date("2022-01-05").unwrap(),
            parse_date("2022-01-08").unwrap(),
        );
        let out = svg(&data, view);
        let line = out
            .lines()
            .find(|l| l.contains("<polyline") && l.contains("#0072B2"))
            .unwrap();
        let xs: Vec<f64> = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split_whitespace()
            .map(|pair| pair.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 4, "three days plus the end: {xs:?}");
        assert!(
            xs.iter().all(|&x| (12.0..=800.0 - 12.0).contains(&x)),
            "{xs:?}"
        );
    }

    #[test]
    fn legend_rows_are_evenly_spaced_with_one_mark_each() {
        let mut data = daily_series(10);
        let mut second = data.series[0].clone();
        second.label = "dots series".into();
        second.mark = SeriesMark::Dots;
        second.colour = DAILY_COLOUR;
        let mut third = data.series[0].clone();
        third.label = "a much longer third series label".into();
        third.colour = LONG_RANGE_COLOUR;
        data.series.extend([second, third]);
        let view = TimeRange::new(
            parse_date("2022-01-01").unwrap(),
            parse_date("2022-01-10").unwrap(),
        );
        for scale in [1.0, 2.0] {
            let mut out = String::new();
            {
                let size = ((800.0 * scale) as u32, (360.0 * scale) as u32);
                let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
                draw_timeline(&root, &data, view, &DrawOptions::default(), scale).unwrap();
            }
            let row_y: Vec<f64> = out
                .split("<text")
                .filter(|t| t.contains("series"))
                .map(|t| t.split("y=\"").nth(1).unwrap().split('"').next().unwrap())
                .map(|y| y.parse().unwrap())
                .collect();
            assert_eq!(row_y.len(), 3, "{row_y:?}");
            assert_eq!(
                row_y[1] - row_y[0],
                row_y[2] - row_y[1],
                "scale {scale}: {row_y:?}"
            );
            assert_eq!(row_y[1] - row_y[0], 18.0 * scale);
        }
    }

    #[test]
    fn dots_mark_only_real_observations() {
        let mut data = daily_series(10);
        data.series[0].mark = SeriesMark::Dots;
        // From noon on 2 Jan to noon on 5 Jan: the observations of 3, 4 and 5 Jan, nothing
        // interpolated at the edges.
        let noon = parse_date("2022-01-02").unwrap() + DAY / 2;
        let out = svg(&data, TimeRange::new(noon, noon + 3 * DAY));
        let dots = out
            .split("<circle")
            .skip(1)
            .filter_map(|rest| rest.split("/>").next())
            .filter(|circle| circle.contains("#0072B2"))
            .count();
        assert_eq!(dots, 3 + 1, "three observations and the legend's mark");
    }

    #[test]
    fn live_series_join_and_replace_the_snapshot_lines() {
        let none = TimelineData::build(None, &[], &[]);
        assert!(none.series.is_empty());
        let live = vec![
            (SourceId::Mempool, Rc::new(vec![Point { t: 0, v: 1e20 }])),
            (SourceId::Blockchain, Rc::new(vec![Point { t: 0, v: 2e20 }])),
        ];
        let data = TimelineData::build(None, &live, &[]);
        let labels: Vec<_> = data.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "blockchain.com daily estimate (live)",
                "mempool.space daily average (live)"
            ]
        );
        assert_eq!(data.series[1].colour, MEMPOOL_COLOUR);
        // The bundled history comes first, unless blockchain.com's live series stands in.
        let history = crate::model::test_support::history_snapshot(vec![Point { t: 0, v: 1e20 }]);
        let with_history = TimelineData::for_country(
            None,
            Some(&history.long_range),
            &live[..1],
            &[],
            &[],
            &[],
            "KZ",
        );
        assert_eq!(with_history.series[0].label, "long");
        assert_eq!(with_history.series[0].colour, LONG_RANGE_COLOUR);
        let replaced =
            TimelineData::for_country(None, Some(&history.long_range), &live, &[], &[], &[], "KZ");
        assert_eq!(data.series.len(), 2);
        assert_eq!(
            replaced.series.len(),
            2,
            "the live series replaces the history"
        );
    }

    #[test]
    fn the_rolling_estimate_is_drawn_with_its_band_and_legend() {
        use crate::analysis::hash_rate::samples_from_days;
        use crate::model::snapshot::DayRecord;
        use crate::model::test_support::hash_rate_snapshot;
        let start = parse_date("2022-01-01").unwrap();
        let days: Vec<DayRecord> = (0..14)
            .map(|i| DayRecord::from((start + i * DAY, Some(144), 1.7e20)))
            .collect();
        let snapshot = hash_rate_snapshot(days.clone());
        let data = TimelineData::build(Some(&snapshot), &[], &samples_from_days(&days));
        let rolling = data.series.last().unwrap();
        assert_eq!(rolling.points.len(), 8, "14 days hold 8 full weeks");
        assert_eq!(rolling.points[0].t, start + 3 * DAY + DAY / 2);
        assert_eq!(
            data.series[0].points[0].t,
            start + DAY / 2,
            "daily dots at midday"
        );
        let (low, high) = rolling.band[0];
        assert!(low.v < 1.7e20 && 1.7e20 < high.v);
        let out = svg(&data, TimeRange::new(start, start + 14 * DAY));
        let polygon = out
            .lines()
            .find(|l| l.contains("<polygon") && l.contains("#0072B2"))
            .expect("the band, shaded in the estimate's colour");
        let corners = polygon
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(
            corners.split_whitespace().count(),
            16,
            "8 upper and 8 lower bounds"
        );
        let texts = svg_texts(&out);
        assert!(texts
            .iter()
            .any(|t| t == "7-day estimate from blocks found, with 95% interval"));
    }

    /// The `points` attribute of every polyline in `colour`, as (x, y) pairs.
    fn polylines(svg: &str, colour: &str) -> Vec<Vec<(f64, f64)>> {
        svg.lines()
            .filter(|l| l.contains("<polyline") && l.contains(colour))
            .map(|l| {
                l.split("points=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or("")
                    .split_whitespace()
                    .filter_map(|pair| pair.split_once(','))
                    .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
                    .collect()
            })
            .collect()
    }

    fn kazakhstan(values: Vec<Option<f64>>, datasource: &str) -> ConnectivitySeries {
        ConnectivitySeries {
            country: "KZ".into(),
            datasource: datasource.into(),
            from: parse_date("2022-01-01").unwrap(),
            step: 3_600,
            values,
        }
    }

    fn shutdown(start: UnixSeconds, end: UnixSeconds) -> DisruptionEvent {
        DisruptionEvent {
            id: "kz".into(),
            country: "KZ".into(),
            start,
            end,
            title: "Nationwide internet shutdown".into(),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![],
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin: crate::model::events::EventOrigin::Curated,
            evidence: vec![],
        }
    }

    #[test]
    fn connectivity_lines_break_at_unknown_values_and_can_be_switched_off() {
        let mut probing = vec![Some(100.0); 24 * 5];
        probing.extend(vec![None; 3]);
        probing.extend(vec![Some(5.0); 24]);
        let bgp = vec![Some(3_000.0); 24 * 6];
        let data = daily_series(8).with_region(
            "Kazakhstan",
            &[
                BaselineSeries::of(&kazakhstan(probing, "ping-slash24")),
                BaselineSeries::of(&kazakhstan(bgp, "bgp")),
            ],
            &[],
        );
        let view = TimeRange::new(
            parse_date("2022-01-01").unwrap(),
            parse_date("2022-01-08").unwrap(),
        );
        let out = svg(&data, view);
        let probing_lines = polylines(&out, "#CC79A7");
        assert_eq!(
            probing_lines.len(),
            2 + 1,
            "two stretches and the legend's mark"
        );
        assert_eq!(polylines(&out, "#E69F00").len(), 1 + 1);
        let texts = svg_texts(&out);
        for label in [
            "Connectivity (% of usual)",
            "Kazakhstan: active probing (ping-slash24)",
            "Kazakhstan: BGP (bgp)",
        ] {
            assert!(texts.iter().any(|t| t == label), "missing {label:?}");
        }
        // The lower stretch (5%) sits lower on screen than the first (100%).
        let mean_y =
            |line: &Vec<(f64, f64)>| line.iter().map(|p| p.1).sum::<f64>() / line.len() as f64;
        assert!(mean_y(&probing_lines[1]) > mean_y(&probing_lines[0]) + 50.0);

        let hidden = DrawOptions {
            hidden_signals: vec!["ping-slash24".into()],
            selected_event: None,
            ..DrawOptions::default()
        };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (800, 360)).into_drawing_area();
            draw_timeline(&root, &data, view, &hidden, 1.0).unwrap();
        }
        assert!(polylines(&out, "#CC79A7").is_empty());
        let none = svg(&daily_series(8).with_region("Kazakhstan", &[], &[]), view);
        assert!(svg_texts(&none)
            .contains(&"No IODA connectivity signal loaded for Kazakhstan".to_owned()));
    }

    #[test]
    fn gaps_narrower_than_a_pixel_column_are_bridged() {
        // A year of 5-minute values with a lone unknown step every day and one unknown day.
        let values: Vec<Option<f64>> = (0..105_120)
            .map(|i| {
                let unknown = i % 288 == 100 || (288 * 200..288 * 201).contains(&i);
                (!unknown).then_some(1_000.0)
            })
            .collect();
        let series = ConnectivitySeries {
            from: parse_date("2021-01-01").unwrap(),
            step: 300,
            ..kazakhstan(values, "ping-slash24")
        };
        let line = SignalLine::from_baseline(&BaselineSeries::of(&series));
        let year = TimeRange::new(series.from, series.until());
        let segments = line.segments(year, 720);
        assert_eq!(segments.len(), 2, "only the unknown day breaks the line");
        let points: usize = segments.iter().map(Vec::len).sum();
        assert!(points <= 2 * 720 + 4, "{points} points for 720 columns");
        let first_known = line.percent.iter().position(Option::is_some).unwrap() as i64;
        assert_eq!(
            segments[0].first().map(|p| p.t),
            Some(series.from + first_known * 300)
        );
        assert_eq!(segments[1].last().map(|p| p.t), Some(series.until() - 300));
        let two_days = TimeRange::new(series.from + 10 * DAY, series.from + 12 * DAY);
        let zoomed = line.segments(two_days, 720);
        assert_eq!(
            zoomed.len(),
            3,
            "each lone unknown step shows at this scale"
        );
        let kept: usize = zoomed.iter().map(Vec::len).sum();
        assert!(kept >= 574, "every known step kept: {kept}");
    }

    #[test]
    fn events_are_shaded_across_both_plots_where_the_layout_says() {
        let start = parse_date("2022-01-01").unwrap();
        let event = shutdown(start + 4 * DAY + 10 * HOUR, start + 6 * DAY);
        let data = daily_series(10).with_region("Kazakhstan", &[], std::slice::from_ref(&event));
        let view = TimeRange::new(start, start + 10 * DAY);
        let mut out = String::new();
        let layout = {
            let root = SVGBackend::with_string(&mut out, (800, 360)).into_drawing_area();
            let options = DrawOptions {
                hidden_signals: vec![],
                selected_event: Some("kz".into()),
                ..DrawOptions::default()
            };
            draw_timeline(&root, &data, view, &options, 1.0).unwrap()
        };
        let rects: Vec<(f64, f64)> = out
            .lines()
            .filter(|l| l.contains("<rect") && l.contains("#5A636E"))
            .map(|l| {
                let attr = |name: &str| -> f64 {
                    l.split(&format!(" {name}=\""))
                        .nth(1)
                        .and_then(|rest| rest.split('"').next())
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                (attr("x"), attr("y"))
            })
            .collect();
        assert_eq!(rects.len(), 2, "one band per plot: {rects:?}");
        let expected_x = layout.plot_left as f64
            + (event.start - view.start) as f64 / view.span() as f64 * layout.plot_width() as f64;
        for (x, _) in &rects {
            assert!(
                (x - expected_x).abs() <= 1.0,
                "band at {x}, layout says {expected_x}"
            );
        }
        assert!((rects[0].1 - layout.hash_top as f64).abs() <= 1.0);
        assert!((rects[1].1 - layout.connectivity_top as f64).abs() <= 1.0);
        assert!(svg_texts(&out).contains(&"Nationwide internet shutdown".to_owned()));
    }

    #[test]
    fn a_long_series_is_drawn_with_a_few_points_per_column() {
        // A year of 5-minute values: 105,120 points.
        let start = parse_date("2021-01-01").unwrap();
        let points: Vec<Point> = (0..105_120)
            .map(|i| Point {
                t: start + i * 300,
                v: 1.5e20 + ((i * 7_919) % 1_000) as f64 * 1e17,
            })
            .collect();
        let mut data = daily_series(1);
        data.series[0].points = points;
        let out = svg(&data, TimeRange::new(start, start + 365 * DAY));
        let line = polylines(&out, "#0072B2")
            .into_iter()
            .max_by_key(Vec::len)
            .unwrap();
        let layout = TimelineLayout::new(800, 360, 1.0);
        assert!(
            line.len() <= 2 * layout.plot_width() + 2,
            "{} points",
            line.len()
        );
        assert!(line.len() > layout.plot_width(), "{} points", line.len());
    }

    #[test]
    fn on_a_narrow_chart_legend_labels_wrap_to_fit() {
        let mut data = daily_series(10);
        data.series[0].label = "7-day estimate from blocks found, with 95% interval".into();
        let view = TimeRange::new(
            parse_date("2022-01-01").unwrap(),
            parse_date("2022-01-10").unwrap(),
        );
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (300, 380)).into_drawing_area();
            draw_timeline(&root, &data, view, &DrawOptions::default(), 1.0).unwrap();
        }
        let texts = svg_texts(&out);
        let first = texts
            .iter()
            .position(|t| t.starts_with("7-day estimate"))
            .unwrap();
        let wrapped = format!("{} {}", texts[first], texts[first + 1]);
        assert_eq!(
            wrapped, "7-day estimate from blocks found, with 95% interval",
            "the label wraps onto a second line, nothing lost"
        );
        let right_edges: Vec<f64> = out
            .lines()
            .filter(|l| l.contains("<rect") && l.contains("opacity=\"0.85\""))
            .map(|l| {
                let attr = |n: &str| -> f64 {
                    l.split(&format!(" {n}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                attr("x") + attr("width")
            })
            .collect();
        assert!(!right_edges.is_empty());
        assert!(
            right_edges.iter().all(|r| *r <= 300.0 - 12.0),
            "{right_edges:?}"
        );
    }

    #[test]
    fn an_empty_view_says_so() {
        let out = svg(&daily_series(3), TimeRange::new(0, DAY));
        assert!(out.contains("No hash-rate data in this range"));
        assert!(!out.contains("#0072B2"));
    }

    #[test]
    fn label_decimals_follow_magnitude() {
        assert_eq!(y_label_decimals(180.0), 0);
        assert_eq!(y_label_decimals(5.0), 2);
        assert_eq!(y_label_decimals(0.05), 4);
        for max in [
            0.0_f64, 1e-20, 0.5, 1.0, 9.99, 10.0, 99.0, 100.0, 1000.0, 3.3e20,
        ] {
            let expected = (2.0 - max.log10().floor()).clamp(0.0, 12.0) as usize;
            assert_eq!(y_label_decimals(max), expected, "{max}");
        }
    }
}
