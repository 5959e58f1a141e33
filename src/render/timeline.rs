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
    line_style, DrawOptions, SeriesMark, SeriesSource, SignalLine, TimelineData, TimelineSeries,
    BAND_OPACITY, EVENT_COLOUR,
};
use super::{Palette, RenderError};

use crate::model::events::DisruptionEvent;
use crate::model::series::{clip_line, decimate_min_max, points_in_range, Point};
use crate::model::time::{TimeRange, UnixSeconds};
use crate::model::units::hashes_to_exahash;
use crate::text::format::day_month_chars;
use crate::text::{event_title, ui};

/// The room a time-axis label takes (CSS px): 64 for "28 Sep", more for the longer day-and-month
/// labels of other languages ("۲۸ سپتامبر").
fn tick_room() -> f64 {
    (day_month_chars() as f64 * 8.0 + 16.0).max(64.0)
}

/// Number of decimals that y labels need to tell ticks apart below `max`: `2 − ⌊log₁₀ max⌋`
/// within 0–12, counted by powers of ten (no logarithm in the WebAssembly for this).
fn y_label_decimals(max: f64) -> u8 {
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
        super::sans(css * self.scale).color(&self.palette.text)
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
    // In the reader's language: Persian digits in Persian, as the dates below the axis.
    let y_format = |v: &f64| crate::text::format::decimal(*v, decimals);
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
        mesh.x_desc(crate::tr!(DateAxis));
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

/// Whether `data` and `drawn` come out the same over `view`: the same series in view, signals
/// and region, and the same events in view. What lies outside the view is not drawn, so a
/// catalogue that only adds events elsewhere in time, or a history that only adds years
/// around the points already drawn, needs no new drawing.
pub fn draws_alike(data: &TimelineData, drawn: &TimelineData, view: TimeRange) -> bool {
    let series_alike = |a: &TimelineSeries, b: &TimelineSeries| {
        (&a.label, a.mark, a.colour, &a.band) == (&b.label, b.mark, b.colour, &b.band)
            && points_in_range(&a.points, view.start, view.end)
                == points_in_range(&b.points, view.start, view.end)
    };
    data.series.len() == drawn.series.len()
        && data
            .series
            .iter()
            .zip(&drawn.series)
            .all(|(a, b)| series_alike(a, b))
        && data.signals == drawn.signals
        && data.region == drawn.region
        && events_in(data, view).eq(events_in(drawn, view))
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
        max_ticks: (f64::from(width) / (tick_room() * scale)).clamp(2.0, 12.0) as usize,
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
    let mut chart = build_plot(area, view, y_max, false, crate::tr!(HashRateAxis), s)?;
    draw_event_bands(&mut chart, data, view, y_max, options)?;
    if visible.is_empty() {
        return draw_message(&chart, crate::tr!(NoHashRate), s);
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
        crate::tr!(TheRegion).to_owned()
    } else {
        data.region.clone()
    };
    let mut chart = build_plot(area, view, y_max, true, crate::tr!(ConnectivityAxis), s)?;
    draw_event_bands(&mut chart, data, view, y_max, options)?;
    if shown.is_empty() {
        let message = if data.signals.is_empty() {
            ui::no_signal_for(&region)
        } else {
            crate::tr!(AllSignalsOff).to_owned()
        };
        return draw_message(&chart, &message, s);
    }
    chart.draw_series(LineSeries::new(
        [(view.start, 100.0), (view.end, 100.0)],
        s.palette.text.mix(0.35).stroke_width(s.stroke(1.0)),
    ))?;
    let mut legend = Vec::new();
    for (line, segments) in &shown {
        let colour = line.colour_on(&s.palette);
        let style = colour.stroke_width(s.stroke(1.0));
        for segment in segments {
            chart.draw_series(LineSeries::new(
                segment.iter().map(|p| (p.t, p.v.min(y_max))),
                style,
            ))?;
        }
        legend.push(TimelineSeries {
            label: ui::regional(&region, line.label()),
            points: Vec::new(),
            mark: SeriesMark::Line,
            colour,
            band: Vec::new(),
            source: SeriesSource::Derived,
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
            fit_text(root, &event_title(e), &font, room)
                .map(|(text, width)| (*e, start, text, width))
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
mod tests;
