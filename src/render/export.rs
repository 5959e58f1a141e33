//! Downloads of the current view: one drawing of the map and the timeline with a title and the
//! attribution line (PNG from a canvas, SVG from plotters' SVG backend: the same code), and the
//! timeline's visible data as CSV with units and sources.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::map::{draw_map_base, draw_map_overlay, MapOverlay};
use super::series::{DrawOptions, SeriesSource, TimelineData};
use super::timeline::draw_timeline;
use super::{Palette, RenderError};
use crate::geo::shapes::Bounds;
use crate::geo::MapData;
use crate::model::provenance::Provenance;
use crate::model::series::{points_in_range, value_at};
use crate::model::source::SourceId;
use crate::model::time::{format_date_time, TimeRange, UnixSeconds};
use crate::model::units::hashes_to_exahash;
use crate::text::ui;

/// Height of the timeline in an export, CSS pixels.
pub const EXPORT_TIMELINE_HEIGHT: f64 = 440.0;
/// The map's height as a share of the export's width.
pub const EXPORT_MAP_RATIO: f64 = 1.0 / 2.2;
/// Height of the title strip, CSS pixels.
const TITLE_HEIGHT: f64 = 34.0;
/// Height of one line of the attribution, CSS pixels.
const LINE_HEIGHT: f64 = 15.0;

/// What an export holds.
pub struct Export<'a> {
    /// The title line.
    pub title: &'a str,
    /// The map as shown: shapes, bounds and overlay.
    pub map: Option<(&'a MapData, Bounds, &'a MapOverlay)>,
    /// The timeline as shown: data, range and options.
    pub timeline: Option<(&'a TimelineData, TimeRange, &'a DrawOptions)>,
    /// The attribution line: sources, licences, retrieval times.
    pub attribution: &'a str,
    /// Background and text colours.
    pub palette: Palette,
}

/// `text` broken into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The height in CSS pixels of an export `width` CSS pixels wide.
pub fn export_height(export: &Export<'_>, width: f64) -> f64 {
    let map = if export.map.is_some() {
        (width * EXPORT_MAP_RATIO).round()
    } else {
        0.0
    };
    let timeline = if export.timeline.is_some() {
        EXPORT_TIMELINE_HEIGHT
    } else {
        0.0
    };
    let lines = wrap(export.attribution, (width / 6.2).max(20.0) as usize).len() as f64;
    TITLE_HEIGHT + map + timeline + lines * LINE_HEIGHT + 12.0
}

/// Draws `export` into `root`, whose size should be [`export_height`] × `scale`.
pub fn draw_export<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    export: &Export<'_>,
    scale: f64,
) -> Result<(), RenderError> {
    let palette = export.palette;
    root.fill(&palette.background)?;
    let (width, _) = root.dim_in_pixel();
    let css_width = f64::from(width) / scale;
    let px = |css: f64| (css * scale).round() as i32;
    let title_font = super::sans(16.0 * scale)
        .style(FontStyle::Bold)
        .color(&palette.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    root.draw(&Text::new(
        export.title,
        (px(12.0), px(TITLE_HEIGHT / 2.0)),
        title_font,
    ))?;
    let mut top = px(TITLE_HEIGHT);
    if let Some((data, bounds, overlay)) = export.map {
        let height = px((css_width * EXPORT_MAP_RATIO).round());
        let area = root.clone().shrink((0, top), (width, height.max(1) as u32));
        let fit = draw_map_base(&area, data, bounds, scale, &palette)?;
        draw_map_overlay(&area, data, &fit, overlay, scale)?;
        top += height;
    }
    if let Some((data, view, options)) = export.timeline {
        let height = px(EXPORT_TIMELINE_HEIGHT);
        let area = root.clone().shrink((0, top), (width, height.max(1) as u32));
        draw_timeline(&area, data, view, options, scale)?;
        top += height;
    }
    let font = super::sans(11.0 * scale)
        .color(&palette.text)
        .pos(Pos::new(HPos::Left, VPos::Top));
    for (i, line) in wrap(export.attribution, (css_width / 6.2).max(20.0) as usize)
        .into_iter()
        .enumerate()
    {
        let y = top + px(6.0 + i as f64 * LINE_HEIGHT);
        root.draw(&Text::new(line, (px(12.0), y), font.clone()))?;
    }
    root.present()?;
    Ok(())
}

/// A CSV field, quoted when it needs to be; text that a spreadsheet would run as a formula
/// gets a leading apostrophe.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The credit of a live source among `credits` (what the state records of its retrieval).
fn live_credit(source: SourceId, credits: &[Provenance]) -> Option<&Provenance> {
    credits.iter().find(|p| p.source == source.name())
}

/// The timeline's data inside `view` as CSV: one row per value shown, with time (UTC), series,
/// value, unit, the 95% interval where there is one, and the source with its licence. Lines
/// starting with `#` carry the title, the attribution and the `notes` (e.g. the impact of the
/// selected disruption).
pub fn visible_csv(
    data: &TimelineData,
    view: TimeRange,
    options: &DrawOptions,
    credits: &[Provenance],
    attribution: &str,
    notes: &[String],
) -> String {
    let mut out = ui::csv_header(view.start, view.end, attribution);
    for note in notes {
        out.push_str(&format!("# {}\n", note.replace(['\n', '\r'], " ")));
    }
    out.push_str("time_utc,series,value,unit,low_95,high_95,source,licence\n");
    let mut row = |t: UnixSeconds,
                   series: &str,
                   value: String,
                   unit: &str,
                   band: (String, String),
                   source: Option<&Provenance>,
                   fallback: &str| {
        let (source, licence) = source.map_or((fallback.to_owned(), String::new()), |p| {
            (p.source.clone(), p.licence.clone())
        });
        out.push_str(&format!(
            "{},{},{value},{unit},{},{},{},{}\n",
            format_date_time(t),
            field(series),
            band.0,
            band.1,
            field(&source),
            field(&licence)
        ));
    };
    let inside = |t: UnixSeconds| (view.start..=view.end).contains(&t);
    for series in &data.series {
        let lows: Vec<_> = series.band.iter().map(|(l, _)| *l).collect();
        let highs: Vec<_> = series.band.iter().map(|(_, h)| *h).collect();
        let (source, fallback) = match &series.source {
            SeriesSource::Live(id) => (live_credit(*id, credits), id.name()),
            SeriesSource::Bundled(provenance) => (Some(provenance), ""),
            SeriesSource::Derived => (None, crate::tr!(OwnEstimate)),
        };
        for p in points_in_range(&series.points, view.start, view.end)
            .iter()
            .filter(|p| inside(p.t))
        {
            let band = match (value_at(&lows, p.t), value_at(&highs, p.t)) {
                (Some(l), Some(h)) => (
                    format!("{:.3}", hashes_to_exahash(l)),
                    format!("{:.3}", hashes_to_exahash(h)),
                ),
                _ => (String::new(), String::new()),
            };
            row(
                p.t,
                &series.label,
                format!("{:.3}", hashes_to_exahash(p.v)),
                "EH/s",
                band,
                source,
                fallback,
            );
        }
    }
    let ioda = live_credit(SourceId::Ioda, credits);
    for line in data
        .signals
        .iter()
        .filter(|l| !options.hidden_signals.contains(&l.datasource))
    {
        let label = ui::regional(&data.region, line.label());
        for (i, value) in line.percent.iter().enumerate() {
            let t = line.from + i as i64 * line.step;
            if inside(t) {
                let value = value.map_or_else(String::new, |v| format!("{v:.1}"));
                row(
                    t,
                    &label,
                    value,
                    crate::tr!(PercentOfUsualUnit),
                    (String::new(), String::new()),
                    ioda,
                    SourceId::Ioda.name(),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::baseline::BaselineSeries;
    use crate::analysis::hash_rate::samples_from_days;
    use crate::model::connectivity::{ConnectivitySeries, Signal};
    use crate::model::snapshot::DayRecord;
    use crate::model::test_support::{hash_rate_snapshot, provenance};
    use crate::model::time::{parse_date, DAY, HOUR};
    use crate::render::LIGHT;

    fn data() -> TimelineData {
        let start = parse_date("2022-01-01").unwrap();
        let days: Vec<DayRecord> = (0..10)
            .map(|i| DayRecord::from((start + i * DAY, Some(144), 1.7e20)))
            .collect();
        let signal = ConnectivitySeries {
            country: "KZ".into(),
            datasource: Signal::Probing,
            from: start,
            step: HOUR,
            values: (0..240)
                .map(|h| if h == 100 { None } else { Some(100.0) })
                .collect(),
        };
        TimelineData::build(
            Some(&hash_rate_snapshot(days.clone())),
            &[],
            &samples_from_days(&days),
        )
        .with_region("Kazakhstan", &[BaselineSeries::of(&signal)], &[])
    }

    #[test]
    fn a_series_keeps_its_credit_whatever_its_label() {
        let day = parse_date("2022-01-01").unwrap();
        let live = [(
            SourceId::Mempool,
            std::rc::Rc::new(vec![crate::model::series::Point { t: day, v: 1.7e20 }]),
        )];
        let mut data = TimelineData::build(None, &live, &[]);
        data.series[0].label = "renamed in a later version".into();
        let credits = [SourceId::Mempool.provenance(day)];
        let view = TimeRange::new(day - DAY, day + DAY);
        let csv = visible_csv(&data, view, &DrawOptions::default(), &credits, "", &[]);
        assert!(
            csv.contains(
                "2022-01-01 00:00,renamed in a later version,170.000,EH/s,,,mempool.space,\
                 mempool.space terms of service"
            ),
            "{csv}"
        );
    }

    #[test]
    fn csv_has_units_intervals_and_sources() {
        let start = parse_date("2022-01-01").unwrap();
        let view = TimeRange::new(start, start + 10 * DAY);
        // The series carries its credit ("S", "L"): the credits of the page do not decide it.
        let mut unrelated = provenance();
        unrelated.source = "daily".into();
        unrelated.licence = "CC BY-NC 4.0".into();
        let csv = visible_csv(
            &data(),
            view,
            &DrawOptions::default(),
            &[unrelated],
            "Sources: daily (CC BY-NC 4.0)",
            &["Impact: none measured.\nSecond line".to_owned()],
        );
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "# minewatch export: 2022-01-01 00:00 to 2022-01-11 00:00 UTC"
        );
        assert_eq!(lines[1], "# Sources: daily (CC BY-NC 4.0)");
        assert_eq!(lines[2], "# Impact: none measured. Second line");
        assert_eq!(
            lines[3],
            "time_utc,series,value,unit,low_95,high_95,source,licence"
        );
        assert!(
            lines.contains(&"2022-01-01 12:00,daily,170.000,EH/s,,,S,L"),
            "{csv}"
        );
        let records = crate::sources::csv::records(&lines[3..].join("\n"));
        let estimate = records
            .iter()
            .find(|r| r[1].starts_with("7-day estimate"))
            .unwrap();
        assert_eq!(
            estimate[1],
            "7-day estimate from blocks found, with 95% interval"
        );
        assert_eq!(estimate[3], "EH/s");
        let (low, high): (f64, f64) = (estimate[4].parse().unwrap(), estimate[5].parse().unwrap());
        assert!(low < 170.0 && 170.0 < high, "{estimate:?}");
        assert_eq!(estimate[6], "minewatch, from the block counts shown");
        let probing: Vec<&&str> = lines
            .iter()
            .filter(|l| l.contains("ping-slash24"))
            .collect();
        assert_eq!(probing.len(), 240, "one row per hour, unknown ones empty");
        assert!(
            probing.iter().any(|l| l.contains(",,% of usual,")),
            "an unknown hour is empty"
        );
        let hidden = DrawOptions {
            hidden_signals: vec![Signal::Probing],
            ..DrawOptions::default()
        };
        assert!(!visible_csv(&data(), view, &hidden, &[], "", &[]).contains("ping-slash24"));
    }

    #[test]
    fn the_export_carries_title_and_attribution() {
        let start = parse_date("2022-01-01").unwrap();
        let data = data();
        let options = DrawOptions::default();
        let attribution = "Sources: Coin Metrics, Bitcoin daily block count (CC BY-NC 4.0), retrieved 2026-11-24 · IODA (© Georgia Tech Research Corporation), retrieved 2026-11-24 06:00 UTC";
        let export = Export {
            title: "Bitcoin hash rate and disruptions in mining regions",
            map: None,
            timeline: Some((&data, TimeRange::new(start, start + 10 * DAY), &options)),
            attribution,
            palette: LIGHT,
        };
        let height = export_height(&export, 600.0);
        assert!(
            height > TITLE_HEIGHT + EXPORT_TIMELINE_HEIGHT + 2.0 * LINE_HEIGHT,
            "{height}"
        );
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (600, height as u32)).into_drawing_area();
            draw_export(&root, &export, 1.0).unwrap();
        }
        assert!(svg.contains("Bitcoin hash rate and disruptions in mining regions"));
        assert!(
            svg.contains("Sources: Coin Metrics"),
            "the attribution is in the file"
        );
        assert!(
            svg.contains("Georgia Tech Research Corporation"),
            "wrapped, not cut"
        );
        assert!(svg.contains("Hash rate (EH/s)"));
    }

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\rbreak"), "\"line\rbreak\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(lines, ["one two", "three", "four five", "six"]);
    }
}
