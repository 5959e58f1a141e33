//! Time series: timestamped values with the checks every source's data must pass.

use serde::{Deserialize, Serialize};

use super::time::{format_date_time, UnixSeconds};

/// One observation: a value at a UTC time. Serialised compactly as `[t, v]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "(UnixSeconds, f64)", into = "(UnixSeconds, f64)")]
pub struct Point {
    /// Time of the observation (for daily data, the start of the UTC day).
    pub t: UnixSeconds,
    /// The value, in the unit of the series it belongs to.
    pub v: f64,
}

impl From<(UnixSeconds, f64)> for Point {
    fn from((t, v): (UnixSeconds, f64)) -> Self {
        Self { t, v }
    }
}

impl From<Point> for (UnixSeconds, f64) {
    fn from(p: Point) -> Self {
        (p.t, p.v)
    }
}

/// Why a series was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeriesError {
    /// No observations at all.
    #[error("the series is empty")]
    Empty,
    /// A value that is NaN, infinite, negative or beyond what the source could report.
    #[error("implausible value {value:e} at {}", format_date_time(*.t))]
    Implausible {
        /// Time of the bad value.
        t: UnixSeconds,
        /// The bad value.
        value: f64,
    },
    /// Two different values for one time.
    #[error("two different values for {}", format_date_time(*.0))]
    ConflictingDuplicate(UnixSeconds),
}

/// Sorts points by time, drops exact repeats, and rejects the series if it is empty, holds a
/// value `is_plausible` refuses, or holds two different values for one time.
pub fn normalise_points(
    mut points: Vec<Point>,
    is_plausible: impl Fn(f64) -> bool,
) -> Result<Vec<Point>, SeriesError> {
    if let Some(bad) = points.iter().find(|p| !is_plausible(p.v)) {
        return Err(SeriesError::Implausible {
            t: bad.t,
            value: bad.v,
        });
    }
    points.sort_by_key(|p| p.t);
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        match out.last() {
            Some(last) if last.t == p.t && last.v == p.v => {}
            Some(last) if last.t == p.t => return Err(SeriesError::ConflictingDuplicate(p.t)),
            _ => out.push(p),
        }
    }
    if out.is_empty() {
        return Err(SeriesError::Empty);
    }
    Ok(out)
}

/// The points of a time-sorted slice that fall in `[start, end]`, plus one neighbour on each
/// side so that a line drawn through them reaches the edges of the range.
pub fn points_in_range(points: &[Point], start: UnixSeconds, end: UnixSeconds) -> &[Point] {
    let first = points.partition_point(|p| p.t < start).saturating_sub(1);
    let last = (points.partition_point(|p| p.t <= end) + 1).min(points.len());
    points.get(first..last).unwrap_or(&[])
}

/// The part of a time-sorted line inside `[start, end]`, with its ends interpolated onto the
/// range's edges so that a line drawn through it stops exactly there.
pub fn clip_line(points: &[Point], start: UnixSeconds, end: UnixSeconds) -> Vec<Point> {
    let near = points_in_range(points, start, end);
    let interpolate = |a: &Point, b: &Point, t: UnixSeconds| {
        let span = (b.t - a.t) as f64;
        let fraction = if span > 0.0 {
            (t - a.t) as f64 / span
        } else {
            0.0
        };
        Point {
            t,
            v: a.v + fraction * (b.v - a.v),
        }
    };
    let mut out: Vec<Point> = Vec::with_capacity(near.len());
    let mut push = |p: Point| {
        if out.last().is_none_or(|last| last.t < p.t) {
            out.push(p);
        }
    };
    for pair in near.windows(2) {
        if let [a, b] = pair {
            if b.t < start || a.t > end {
                continue;
            }
            push(if a.t < start {
                interpolate(a, b, start)
            } else {
                *a
            });
            push(if b.t > end {
                interpolate(a, b, end)
            } else {
                *b
            });
        }
    }
    if let [only] = near {
        if (start..=end).contains(&only.t) {
            out.push(*only);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(raw: &[(i64, f64)]) -> Vec<Point> {
        raw.iter().copied().map(Point::from).collect()
    }

    #[test]
    fn sorts_and_drops_exact_repeats() {
        let out = normalise_points(pts(&[(3, 1.0), (1, 2.0), (3, 1.0)]), |v| v > 0.0).unwrap();
        assert_eq!(out, pts(&[(1, 2.0), (3, 1.0)]));
    }

    #[test]
    fn rejects_bad_series() {
        assert_eq!(normalise_points(vec![], |_| true), Err(SeriesError::Empty));
        assert_eq!(
            normalise_points(pts(&[(1, 1.0), (1, 2.0)]), |_| true),
            Err(SeriesError::ConflictingDuplicate(1))
        );
        let err = normalise_points(pts(&[(1, 1.0), (2, f64::NAN)]), f64::is_finite).unwrap_err();
        assert!(matches!(err, SeriesError::Implausible { t: 2, .. }));
        assert!(err.to_string().contains("1970-01-01 00:00"));
    }

    #[test]
    fn range_keeps_one_neighbour_each_side() {
        let p = pts(&[(0, 0.0), (10, 1.0), (20, 2.0), (30, 3.0), (40, 4.0)]);
        assert_eq!(points_in_range(&p, 15, 25), &p[1..4]);
        assert_eq!(points_in_range(&p, 10, 20), &p[0..4]);
        assert_eq!(points_in_range(&p, -100, 100), &p[..]);
        assert_eq!(points_in_range(&p, 100, 200), &p[4..5]);
        assert!(points_in_range(&[], 0, 1).is_empty());
    }

    #[test]
    fn clipping_interpolates_onto_the_edges() {
        let p = pts(&[(0, 0.0), (10, 10.0), (20, 0.0)]);
        assert_eq!(
            clip_line(&p, 5, 15),
            pts(&[(5, 5.0), (10, 10.0), (15, 5.0)])
        );
        assert_eq!(clip_line(&p, 0, 20), p);
        assert_eq!(clip_line(&p, 12, 14), pts(&[(12, 8.0), (14, 6.0)]));
        assert_eq!(clip_line(&p, 10, 20), pts(&[(10, 10.0), (20, 0.0)]));
        assert!(clip_line(&p, 30, 40).is_empty());
        assert_eq!(clip_line(&p[..1], 0, 5), pts(&[(0, 0.0)]));
        assert!(clip_line(&p[..1], 1, 5).is_empty());
    }

    #[test]
    fn serialises_as_pairs() {
        let json = serde_json::to_string(&pts(&[(1, 2.5)])).unwrap();
        assert_eq!(json, "[[1,2.5]]");
        let back: Vec<Point> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, pts(&[(1, 2.5)]));
    }
}
