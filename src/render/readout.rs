//! What the timeline's tooltip says at a time: every series' value there with its unit, and
//! the events under the cursor.

use plotters::style::RGBColor;

use super::series::{DrawOptions, SeriesMark, TimelineData, TimelineSeries};
use crate::model::events::DisruptionEvent;
use crate::model::series::{value_at, Point};
use crate::model::time::{UnixSeconds, DAY};
use crate::text::ui;

/// One line of the tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    /// The series' legend text.
    pub label: String,
    /// Its value with unit, e.g. "173.9 EH/s" or "12% of usual".
    pub value: String,
    /// The series' colour, for the tooltip's swatch.
    pub colour: RGBColor,
}

/// The value of a hash-rate series at `t`: a dot's observation for the day it stands for, a
/// line interpolated (with its 95% interval where it has one).
fn series_value(series: &TimelineSeries, t: UnixSeconds) -> Option<String> {
    match series.mark {
        SeriesMark::Dots => {
            let after = series.points.partition_point(|p| p.t < t);
            let nearest = [after.checked_sub(1), Some(after)]
                .into_iter()
                .flatten()
                .filter_map(|i| series.points.get(i))
                .min_by_key(|p| (p.t - t).abs())?;
            ((nearest.t - t).abs() <= DAY / 2).then(|| ui::exahash(nearest.v))
        }
        SeriesMark::Line | SeriesMark::BoldLine => {
            let v = value_at(&series.points, t)?;
            let lows: Vec<Point> = series.band.iter().map(|(low, _)| *low).collect();
            let highs: Vec<Point> = series.band.iter().map(|(_, high)| *high).collect();
            Some(match (value_at(&lows, t), value_at(&highs, t)) {
                (Some(low), Some(high)) => ui::exahash_with_interval(v, low, high),
                _ => ui::exahash(v),
            })
        }
    }
}

/// Every series' value at `t` (signals switched off left out); series without a value there
/// are left out too, and a signal's unknown step says "unknown".
pub fn readout(data: &TimelineData, t: UnixSeconds, options: &DrawOptions) -> Vec<Readout> {
    let hash_rate = data.series.iter().filter_map(|s| {
        series_value(s, t).map(|value| Readout {
            label: s.label.clone(),
            value,
            colour: s.colour,
        })
    });
    let signals = data
        .signals
        .iter()
        .filter(|line| !options.hidden_signals.contains(&line.datasource))
        .filter_map(|line| {
            let value = ui::percent_of_usual(line.value_at(t)?);
            Some(Readout {
                label: ui::regional(&data.region, line.label()),
                value,
                colour: line.colour_on(&options.palette),
            })
        });
    hash_rate.chain(signals).collect()
}

/// The events under `t`.
pub fn events_at(data: &TimelineData, t: UnixSeconds) -> Vec<&DisruptionEvent> {
    data.events.iter().filter(|e| e.overlaps(t, t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::baseline::BaselineSeries;
    use crate::analysis::hash_rate::samples_from_days;
    use crate::model::connectivity::{ConnectivitySeries, Signal};
    use crate::model::events::EventOrigin;
    use crate::model::snapshot::DayRecord;
    use crate::model::test_support::hash_rate_snapshot;
    use crate::model::time::{parse_date, HOUR};

    #[test]
    fn reads_every_series_with_its_unit_at_a_time() {
        let start = parse_date("2022-01-01").unwrap();
        let days: Vec<DayRecord> = (0..10)
            .map(|i| DayRecord::from((start + i * DAY, Some(144), 1.7e20 + i as f64 * 1e18)))
            .collect();
        let snapshot = hash_rate_snapshot(days.clone());
        let mut values = vec![Some(100.0); 24 * 9];
        values.push(None);
        values.extend(vec![Some(5.0); 10]);
        let signal = ConnectivitySeries {
            country: "KZ".into(),
            datasource: Signal::Probing,
            from: start,
            step: HOUR,
            values,
        };
        let event = DisruptionEvent {
            id: "e".into(),
            country: "KZ".into(),
            start: start + 9 * DAY,
            end: start + 10 * DAY,
            title: "Shutdown".into(),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![],
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin: EventOrigin::Curated,
            evidence: vec![],
        };
        let data = TimelineData::build(Some(&snapshot), &[], &samples_from_days(&days))
            .with_region(
                "Kazakhstan",
                &[BaselineSeries::of(&signal)],
                std::slice::from_ref(&event),
            );

        // Day 4 at 15:00: its daily dot (174.0 EH/s), and the 7-day estimates centred on day 4
        // at noon and day 5 at noon (174.0 and 175.0 EH/s) interpolated at 15:00: 174.1.
        let t = start + 4 * DAY + 15 * HOUR;
        let rows = readout(&data, t, &DrawOptions::default());
        let values: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.label.as_str(), r.value.as_str()))
            .collect();
        assert_eq!(values[0], ("daily", "174.0 EH/s"));
        assert_eq!(
            values[1].0,
            "7-day estimate from blocks found, with 95% interval"
        );
        assert!(
            values[1].1.starts_with("174.1 EH/s (95% interval "),
            "{values:?}"
        );
        assert_eq!(
            values[2],
            ("Kazakhstan: active probing (ping-slash24)", "100% of usual")
        );

        let unknown = readout(&data, start + 9 * DAY + HOUR / 2, &DrawOptions::default());
        assert_eq!(unknown.last().unwrap().value, "unknown");
        let down = readout(&data, start + 9 * DAY + 3 * HOUR, &DrawOptions::default());
        assert_eq!(down.last().unwrap().value, "5% of usual");
        let hidden = DrawOptions {
            hidden_signals: vec![Signal::Probing],
            selected_event: None,
            ..DrawOptions::default()
        };
        assert!(readout(&data, t, &hidden)
            .iter()
            .all(|r| !r.label.contains("ping-slash24")));
        assert_eq!(events_at(&data, start + 9 * DAY + HOUR), vec![&event]);
        assert!(events_at(&data, t).is_empty());
        assert!(readout(&data, start - 10 * DAY, &DrawOptions::default()).is_empty());
    }
}
