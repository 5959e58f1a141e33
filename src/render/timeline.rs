//! The hash-rate timeline, drawn with plotters on any [`DrawingBackend`]: a `<canvas>` in the
//! browser, an SVG string in native tests and exports.
//!
//! ```
//! use minewatch::model::time::TimeRange;
//! use minewatch::render::timeline::{draw_timeline, TimelineData};
//! use plotters::prelude::*;
//!
//! let data = TimelineData::default();
//! let mut svg = String::new();
//! {
//!     let root = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
//!     draw_timeline(&root, &data, TimeRange::new(0, 86_400), 1.0).unwrap();
//! }
//! assert!(svg.contains("No hash-rate data in this range"));
//! ```

use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::UtcAxis;
use super::legend::draw_legend;
use super::{RenderError, TEXT_COLOUR};

use crate::analysis::hash_rate::{rolling_estimates, ChainSample, HashRateEstimate, ROLLING_DAYS};
use crate::fetching::plan::SourceId;
use crate::model::series::{clip_line, points_in_range, Point};
use crate::model::snapshot::HashRateSnapshot;
use crate::model::time::{TimeRange, DAY};
use crate::model::units::hashes_to_exahash;

/// Okabe–Ito sky blue: daily estimates.
pub const DAILY_COLOUR: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito blue: the rolling estimate from blocks found, and its band.
pub const MEAN_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion: the long-range series.
pub const LONG_RANGE_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito bluish green: mempool.space's live daily hash rate.
pub const MEMPOOL_COLOUR: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Light grey grid lines.
pub(super) const GRID_COLOUR: RGBColor = RGBColor(0xE3, 0xE5, 0xE8);

/// How a series is marked on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesMark {
    /// A dot per observation.
    Dots,
    /// A thin line.
    Line,
    /// A thick line.
    BoldLine,
}

/// One drawable hash-rate series (H/s).
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineSeries {
    /// Legend text.
    pub label: String,
    /// Points in H/s, sorted by time.
    pub points: Vec<Point>,
    /// How it is drawn.
    pub mark: SeriesMark,
    /// Its colour.
    pub colour: RGBColor,
    /// The 95% interval around the points, drawn as a shaded band: `(low, high)` at each
    /// point's time. Empty for series without one.
    pub band: Vec<(Point, Point)>,
}

/// Everything the timeline draws, prepared once per data change (not per frame).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineData {
    /// The series, drawn in this order.
    pub series: Vec<TimelineSeries>,
}

impl TimelineData {
    /// The series to draw: blockchain.com's (live daily, else the snapshot's 7-day average),
    /// mempool.space's live daily average, the snapshot's daily chain estimates (at the middle
    /// of their day), and the rolling estimate from `samples` (blocks found) with its 95% band.
    pub fn build(
        snapshot: Option<&HashRateSnapshot>,
        live: &[(SourceId, Rc<Vec<Point>>)],
        samples: &[ChainSample],
    ) -> Self {
        let live_points = |id: SourceId| live.iter().find(|(s, _)| *s == id).map(|(_, p)| p);
        let mut series = Vec::new();
        if let Some(points) = live_points(SourceId::Blockchain) {
            series.push(TimelineSeries {
                label: "blockchain.com daily estimate (live)".into(),
                points: points.to_vec(),
                mark: SeriesMark::Line,
                colour: LONG_RANGE_COLOUR,
                band: Vec::new(),
            });
        } else if let Some(snapshot) = snapshot {
            series.push(TimelineSeries {
                label: snapshot.long_range.label.clone(),
                points: snapshot.long_range.points.clone(),
                mark: SeriesMark::Line,
                colour: LONG_RANGE_COLOUR,
                band: Vec::new(),
            });
        }
        if let Some(points) = live_points(SourceId::Mempool) {
            series.push(TimelineSeries {
                label: "mempool.space daily average (live)".into(),
                points: points.to_vec(),
                mark: SeriesMark::Line,
                colour: MEMPOOL_COLOUR,
                band: Vec::new(),
            });
        }
        if let Some(snapshot) = snapshot {
            series.push(TimelineSeries {
                label: snapshot.daily.label.clone(),
                points: snapshot
                    .daily
                    .hash_rate_points()
                    .into_iter()
                    .map(|p| Point {
                        t: p.t + DAY / 2,
                        v: p.v,
                    })
                    .collect(),
                mark: SeriesMark::Dots,
                colour: DAILY_COLOUR,
                band: Vec::new(),
            });
        }
        let rolling = rolling_estimates(samples, ROLLING_DAYS);
        if !rolling.is_empty() {
            let at = |e: &HashRateEstimate, v: f64| Point { t: e.midpoint(), v };
            series.push(TimelineSeries {
                label: format!("{ROLLING_DAYS}-day estimate from blocks found, with 95% interval"),
                points: rolling.iter().map(|e| at(e, e.hash_rate)).collect(),
                mark: SeriesMark::BoldLine,
                colour: MEAN_COLOUR,
                band: rolling
                    .iter()
                    .map(|e| (at(e, e.interval.low), at(e, e.interval.high)))
                    .collect(),
            });
        }
        Self { series }
    }
}

/// Number of decimals that y labels need to tell ticks apart below `max`.
fn y_label_decimals(max: f64) -> usize {
    (2.0 - max.log10().floor()).clamp(0.0, 12.0) as usize
}

/// Draws the timeline of `data` over `view` into `root`. `scale` is device pixels per CSS
/// pixel, so text and lines keep their size on HiDPI canvases.
pub fn draw_timeline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &TimelineData,
    view: TimeRange,
    scale: f64,
) -> Result<(), RenderError> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let px = |css: f64| (css * scale).round() as i32;
    let font = |css: f64| ("sans-serif", css * scale).into_font().color(&TEXT_COLOUR);
    root.fill(&WHITE)?;

    let (width, _) = root.dim_in_pixel();
    let max_ticks = (f64::from(width) / (64.0 * scale)).clamp(2.0, 12.0) as usize;
    let visible: Vec<(&TimelineSeries, Vec<Point>)> = data
        .series
        .iter()
        .map(|s| (s, visible_points(s, view)))
        .filter(|(_, points)| !points.is_empty())
        .collect();
    let bands: Vec<(RGBColor, Vec<Point>)> = data
        .series
        .iter()
        .map(|s| (s.colour, band_outline(s, view)))
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
    let decimals = y_label_decimals(y_max);

    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(UtcAxis::new(view, max_ticks), 0.0..y_max)?;
    chart
        .configure_mesh()
        .x_labels(max_ticks)
        .y_labels(6)
        .y_label_formatter(&|v| format!("{v:.decimals$}"))
        .y_desc("Hash rate (EH/s)")
        .x_desc("Date (UTC)")
        .label_style(font(12.0))
        .axis_desc_style(font(12.0))
        .bold_line_style(GRID_COLOUR.stroke_width(px(1.0).max(1) as u32))
        .light_line_style(TRANSPARENT)
        .axis_style(TEXT_COLOUR.stroke_width(px(1.0).max(1) as u32))
        .draw()?;

    if visible.is_empty() {
        let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
        let centre = (
            (x_pixels.start + x_pixels.end) / 2,
            (y_pixels.start + y_pixels.end) / 2,
        );
        let style = font(14.0).pos(Pos::new(HPos::Center, VPos::Center));
        root.draw(&Text::new("No hash-rate data in this range", centre, style))?;
        return root.present().map_err(RenderError::from);
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
                let radius = px(2.5).max(1);
                chart.draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(to_chart(p), radius, colour.filled())),
                )?;
            }
            SeriesMark::Line | SeriesMark::BoldLine => {
                chart.draw_series(LineSeries::new(
                    points.into_iter().map(to_chart),
                    line_style(series, scale),
                ))?;
            }
        }
        legend.push(series);
    }
    draw_legend(&chart.plotting_area().strip_coord_spec(), &legend, scale)?;
    root.present()?;
    Ok(())
}

/// Opacity of the shaded 95% band.
pub(super) const BAND_OPACITY: f64 = 0.22;

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
/// the line clipped to its edges.
fn visible_points(series: &TimelineSeries, view: TimeRange) -> Vec<Point> {
    match series.mark {
        SeriesMark::Dots => points_in_range(&series.points, view.start, view.end)
            .iter()
            .filter(|p| (view.start..=view.end).contains(&p.t))
            .copied()
            .collect(),
        SeriesMark::Line | SeriesMark::BoldLine => clip_line(&series.points, view.start, view.end),
    }
}

/// The stroke of a line series at `scale`.
pub(super) fn line_style(series: &TimelineSeries, scale: f64) -> ShapeStyle {
    let css_width = if series.mark == SeriesMark::BoldLine {
        2.5
    } else {
        1.5
    };
    series
        .colour
        .stroke_width(((css_width * scale).round() as u32).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_date;

    fn svg(data: &TimelineData, view: TimeRange) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (800, 360)).into_drawing_area();
            draw_timeline(&root, data, view, 1.0).unwrap();
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
                draw_timeline(&root, &data, view, scale).unwrap();
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
        let snapshot = hash_rate_snapshot(days.clone(), vec![]);
        let data = TimelineData::build(Some(&snapshot), &[], &samples_from_days(&days));
        let rolling = data.series.last().unwrap();
        assert_eq!(rolling.points.len(), 8, "14 days hold 8 full weeks");
        assert_eq!(rolling.points[0].t, start + 3 * DAY + DAY / 2);
        assert_eq!(
            data.series[1].points[0].t,
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
    }
}
