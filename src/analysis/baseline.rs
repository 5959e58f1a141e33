//! Connectivity as a fraction of its own recent baseline: each value divided by the median of
//! the values in the preceding days. Unknown values stay unknown, never "down".

use crate::model::connectivity::ConnectivitySeries;
use crate::model::time::{UnixSeconds, DAY};

/// Days of history the baseline looks back over.
pub const BASELINE_DAYS: i64 = 7;

/// The median of a non-empty slice (sorted in place).
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(n / 2).copied(),
        _ => Some((values.get(n / 2 - 1)? + values.get(n / 2)?) / 2.0),
    }
}

/// For each value of `series`: its fraction of the median of the known values in the
/// preceding `BASELINE_DAYS` days. `None` where the value is unknown, where fewer than
/// `min_history` days of history precede it, or where the baseline is zero.
pub fn fraction_of_baseline(
    series: &ConnectivitySeries,
    min_history: UnixSeconds,
) -> Vec<Option<f64>> {
    let window = BASELINE_DAYS * DAY;
    let points: Vec<(UnixSeconds, Option<f64>)> = series.points().collect();
    let mut first = 0;
    let mut out = Vec::with_capacity(points.len());
    for (i, (t, value)) in points.iter().enumerate() {
        while points.get(first).is_some_and(|(ft, _)| *ft < t - window) {
            first += 1;
        }
        let enough_history = t - series.from >= min_history;
        let fraction = value.filter(|_| enough_history).and_then(|v| {
            let mut history: Vec<f64> = points
                .get(first..i)
                .unwrap_or(&[])
                .iter()
                .filter_map(|(_, v)| *v)
                .collect();
            median(&mut history).filter(|m| *m > 0.0).map(|m| v / m)
        });
        out.push(fraction);
    }
    out
}

/// The lowest fraction of baseline in `series` (after a day of history), with its time.
pub fn lowest_fraction(series: &ConnectivitySeries) -> Option<(UnixSeconds, f64)> {
    fraction_of_baseline(series, DAY)
        .into_iter()
        .zip(series.points())
        .filter_map(|(f, (t, _))| f.map(|f| (t, f)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hourly(values: Vec<Option<f64>>) -> ConnectivitySeries {
        ConnectivitySeries {
            country: "KZ".into(),
            datasource: "ping-slash24".into(),
            from: 0,
            step: 3_600,
            values,
        }
    }

    #[test]
    fn a_planted_drop_is_a_small_fraction_and_unknown_stays_unknown() {
        // Two days at 100, then 5 for six hours, one unknown hour, then back to 100.
        let mut values = vec![Some(100.0); 48];
        values.extend(vec![Some(5.0); 6]);
        values.push(None);
        values.extend(vec![Some(100.0); 10]);
        let series = hourly(values);
        let fractions = fraction_of_baseline(&series, DAY);
        assert_eq!(fractions[10], None, "less than a day of history");
        assert_eq!(fractions[30], Some(1.0));
        assert_eq!(fractions[50], Some(0.05));
        assert_eq!(fractions[54], None, "unknown is not down");
        assert_eq!(fractions[60], Some(1.0), "the median shrugs off the drop");
        assert_eq!(lowest_fraction(&series), Some((48 * 3_600, 0.05)));
    }

    #[test]
    fn the_baseline_forgets_what_is_older_than_a_week() {
        let mut values = vec![Some(10.0); 24 * 8];
        values.extend(vec![Some(40.0); 24 * 8]);
        let series = hourly(values);
        let fractions = fraction_of_baseline(&series, DAY);
        assert_eq!(fractions.last().copied().flatten(), Some(1.0));
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
