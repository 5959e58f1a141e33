use std::rc::Rc;

use super::*;
use crate::analysis::baseline::BaselineSeries;
use crate::model::connectivity::{ConnectivitySeries, Signal};
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
            source: SeriesSource::Derived,
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
    let lines = polylines(&out, "#0072B2");
    assert!(!lines.is_empty(), "the series' line in its colour");
    assert_eq!(lines[0].len(), 10);
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
    let xs: Vec<f64> = polylines(&out, "#0072B2")[0].iter().map(|p| p.0).collect();
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
    let bands = svg_shapes(&out, "<polygon", "#0072B2");
    assert!(
        !bands.is_empty(),
        "the band, shaded in the estimate's colour"
    );
    assert_eq!(bands[0].len(), 16, "8 upper and 8 lower bounds");
    let texts = svg_texts(&out);
    assert!(texts
        .iter()
        .any(|t| t == "7-day estimate from blocks found, with 95% interval"));
}

/// The `points` attribute of every polyline in `colour`, as (x, y) pairs.
fn polylines(svg: &str, colour: &str) -> Vec<Vec<(f64, f64)>> {
    svg_shapes(svg, "<polyline", colour)
}

/// The points of each SVG `element` (`<polyline`, `<polygon`) drawn in `colour`.
fn svg_shapes(svg: &str, element: &str, colour: &str) -> Vec<Vec<(f64, f64)>> {
    svg.lines()
        .filter(|l| l.contains(element) && l.contains(colour))
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

fn kazakhstan(values: Vec<Option<f64>>, datasource: Signal) -> ConnectivitySeries {
    ConnectivitySeries {
        country: "KZ".into(),
        datasource,
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
            BaselineSeries::of(&kazakhstan(probing, Signal::Probing)),
            BaselineSeries::of(&kazakhstan(bgp, Signal::Bgp)),
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
    let mean_y = |line: &Vec<(f64, f64)>| line.iter().map(|p| p.1).sum::<f64>() / line.len() as f64;
    assert!(mean_y(&probing_lines[1]) > mean_y(&probing_lines[0]) + 50.0);

    let hidden = DrawOptions {
        hidden_signals: vec![Signal::Probing],
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
    assert!(
        svg_texts(&none).contains(&"No IODA connectivity signal loaded for Kazakhstan".to_owned())
    );
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
        ..kazakhstan(values, Signal::Probing)
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
        let expected = (2.0 - max.log10().floor()).clamp(0.0, 12.0) as u8;
        assert_eq!(y_label_decimals(max), expected, "{max}");
    }
}

#[test]
fn the_telescope_line_shows_on_both_themes() {
    let line = |signal| {
        SignalLine::from_baseline(&BaselineSeries::of(&kazakhstan(vec![Some(1.0)], signal)))
    };
    let (light, dark) = (Palette::of_theme(false), Palette::of_theme(true));
    let telescope = line(Signal::Telescope);
    assert_eq!(telescope.colour_on(&dark), dark.text);
    assert_eq!(telescope.colour_on(&light), light.text);
    assert_ne!(telescope.colour_on(&dark), dark.background);
    assert_eq!(line(Signal::Probing).colour_on(&dark), PROBING_COLOUR);
}

#[test]
fn events_added_outside_the_view_draw_alike_and_those_inside_do_not() {
    let day = |d: &str| parse_date(d).unwrap();
    let view = TimeRange::new(day("2022-01-01"), day("2022-01-10"));
    let mut opening = daily_series(10);
    opening.events = vec![shutdown(day("2022-01-05"), day("2022-01-07"))];
    let mut whole = opening.clone();
    whole
        .events
        .insert(0, shutdown(day("2021-06-01"), day("2021-06-02")));
    whole
        .events
        .push(shutdown(day("2022-01-24"), day("2022-01-31")));
    assert!(draws_alike(&whole, &opening, view));
    assert_eq!(svg(&whole, view), svg(&opening, view), "the same picture");

    let mut inside = whole.clone();
    inside
        .events
        .push(shutdown(day("2022-01-09"), day("2022-01-12")));
    assert!(!draws_alike(&inside, &opening, view));
    assert_ne!(svg(&inside, view), svg(&opening, view));
    // Over a view that reaches the later event, the catalogue's events are drawn.
    let wider = TimeRange::new(day("2022-01-01"), day("2022-01-30"));
    assert!(!draws_alike(&whole, &opening, wider));

    let mut longer = opening.clone();
    longer.series[0].points.pop();
    assert!(!draws_alike(&longer, &opening, view), "a series changed");
}
