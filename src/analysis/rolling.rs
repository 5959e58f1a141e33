//! Trailing rolling mean of a time series.

use crate::model::series::Point;
use crate::model::time::UnixSeconds;

/// For each point, the mean of the values in the trailing window `(t - window, t]`, emitted only
/// where that window holds at least `min_points` points (so the first values are not means of a
/// partial window). `points` must be sorted by time.
pub fn trailing_mean(points: &[Point], window: UnixSeconds, min_points: usize) -> Vec<Point> {
    let mut out = Vec::with_capacity(points.len());
    let mut first = 0;
    let mut sum = 0.0;
    for (last, p) in points.iter().enumerate() {
        sum += p.v;
        while let Some(old) = points.get(first).filter(|old| old.t <= p.t - window) {
            sum -= old.v;
            first += 1;
        }
        let count = last + 1 - first;
        if count >= min_points.max(1) {
            out.push(Point {
                t: p.t,
                v: sum / count as f64,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::DAY;

    fn daily(values: &[f64]) -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| Point {
                t: i as i64 * DAY,
                v,
            })
            .collect()
    }

    #[test]
    fn averages_full_windows_only() {
        let out = trailing_mean(&daily(&[1.0, 2.0, 3.0, 4.0, 5.0]), 3 * DAY, 3);
        assert_eq!(
            out,
            vec![
                Point { t: 2 * DAY, v: 2.0 },
                Point { t: 3 * DAY, v: 3.0 },
                Point { t: 4 * DAY, v: 4.0 },
            ]
        );
    }

    #[test]
    fn a_gap_shrinks_the_window_and_can_suppress_output() {
        let mut points = daily(&[1.0, 1.0, 1.0]);
        points.push(Point {
            t: 10 * DAY,
            v: 7.0,
        });
        let out = trailing_mean(&points, 3 * DAY, 2);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out.iter().all(|p| p.t < 10 * DAY));
        assert_eq!(
            trailing_mean(&points, 3 * DAY, 1).last().map(|p| p.v),
            Some(7.0)
        );
    }

    #[test]
    fn empty_in_empty_out() {
        assert!(trailing_mean(&[], DAY, 1).is_empty());
    }
}
