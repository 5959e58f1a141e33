//! Time series: timestamped values with the checks every source's data must pass.

use serde::Serialize;

use super::json::{Field, JsonError};
use super::time::{format_date_time, is_plausible_time, TimeRange, UnixSeconds};

/// One observation: a value at a UTC time. Serialised compactly as `[t, v]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(into = "(UnixSeconds, f64)")]
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

impl Point {
    /// Reads a `[t, v]` pair.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let [t, v] = field.tuple()?;
        Ok(Self {
            t: t.integer()?,
            v: v.number()?,
        })
    }
}

/// Why a series was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeriesError {
    /// No observations at all.
    #[error("the series is empty")]
    Empty,
    /// A value that is NaN, infinite, negative or beyond what the source could report.
    #[error("implausible value {value} at {}", format_date_time(*.t))]
    Implausible {
        /// Time of the bad value.
        t: UnixSeconds,
        /// The bad value.
        value: f64,
    },
    /// Two different values for one time.
    #[error("two different values for {}", format_date_time(*.0))]
    ConflictingDuplicate(UnixSeconds),
    /// A time outside 1970–2100 (in seconds since 1970).
    #[error("time {0} is not a real date")]
    ImplausibleTime(UnixSeconds),
}

/// Sorts points by time, drops exact repeats, and rejects the series if it is empty, holds a
/// value `is_plausible` refuses or a time outside 1970–2100, or holds two different values for
/// one time.
pub fn normalise_points(
    mut points: Vec<Point>,
    is_plausible: impl Fn(f64) -> bool,
) -> Result<Vec<Point>, SeriesError> {
    if let Some(bad) = points.iter().find(|p| !is_plausible_time(p.t)) {
        return Err(SeriesError::ImplausibleTime(bad.t));
    }
    if let Some(bad) = points.iter().find(|p| !is_plausible(p.v)) {
        return Err(SeriesError::Implausible {
            t: bad.t,
            value: bad.v,
        });
    }
    super::order::sort_by_i64(&mut points, |p| p.t);
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

/// The point at `t` on the straight line from `a` to `b`.
fn interpolate(a: &Point, b: &Point, t: UnixSeconds) -> Point {
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
}

/// The value of a time-sorted line at `t`, interpolated between its neighbours; `None` outside
/// the line.
pub fn value_at(points: &[Point], t: UnixSeconds) -> Option<f64> {
    let after = points.partition_point(|p| p.t < t);
    let b = points.get(after)?;
    if b.t == t {
        return Some(b.v);
    }
    let a = points.get(after.checked_sub(1)?)?;
    Some(interpolate(a, b, t).v)
}

/// The part of a time-sorted line inside `[start, end]`, with its ends interpolated onto the
/// range's edges so that a line drawn through it stops exactly there.
pub fn clip_line(points: &[Point], start: UnixSeconds, end: UnixSeconds) -> Vec<Point> {
    let near = points_in_range(points, start, end);
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

/// Reduces a time-sorted line to at most two points per pixel column, in one pass: each
/// column's lowest and highest point in time order, and the line's first and last points.
/// Drawn at that width it covers the same pixels as the full line.
#[derive(Debug, Clone)]
pub struct ColumnDecimator {
    range: TimeRange,
    columns: usize,
    open: Option<(usize, Point, Point)>,
    last: Option<Point>,
    out: Vec<Point>,
}

impl ColumnDecimator {
    /// A decimator for `columns` pixel columns across `range`.
    pub fn new(range: TimeRange, columns: usize) -> Self {
        Self {
            range,
            columns: columns.max(1),
            open: None,
            last: None,
            out: Vec::new(),
        }
    }

    fn column_of(&self, t: UnixSeconds) -> usize {
        let fraction = (t - self.range.start) as f64 / self.range.span().max(1) as f64;
        (fraction * self.columns as f64)
            .floor()
            .clamp(0.0, (self.columns - 1) as f64) as usize
    }

    fn keep(&mut self, p: Point) {
        if self.out.last().is_none_or(|last| last.t < p.t) {
            self.out.push(p);
        }
    }

    fn close_column(&mut self) {
        if let Some((_, low, high)) = self.open.take() {
            let (a, b) = if low.t <= high.t {
                (low, high)
            } else {
                (high, low)
            };
            self.keep(a);
            self.keep(b);
        }
    }

    /// Adds the next point (later than the previous one). Points outside the range (the
    /// neighbours a line is clipped with) are kept as they are, in no column.
    pub fn push(&mut self, p: Point) {
        if p.t < self.range.start || p.t > self.range.end {
            self.close_column();
            self.keep(p);
            self.last = Some(p);
            return;
        }
        if self.out.is_empty() && self.open.is_none() {
            self.keep(p);
        }
        let column = self.column_of(p.t);
        match &mut self.open {
            Some((open, low, high)) if *open == column => {
                if p.v < low.v {
                    *low = p;
                }
                if p.v > high.v {
                    *high = p;
                }
            }
            _ => {
                self.close_column();
                self.open = Some((column, p, p));
            }
        }
        self.last = Some(p);
    }

    /// Whether no point was added since the last [`ColumnDecimator::take`].
    pub fn is_empty(&self) -> bool {
        self.last.is_none()
    }

    /// The decimated line so far (ending with the last point added); starts a new one.
    pub fn take(&mut self) -> Vec<Point> {
        self.close_column();
        if let Some(last) = self.last.take() {
            self.keep(last);
        }
        std::mem::take(&mut self.out)
    }
}

/// A time-sorted line inside `range` decimated for `columns` pixel columns (see
/// [`ColumnDecimator`]); lines already that small come back as they are.
pub fn decimate_min_max(points: &[Point], range: TimeRange, columns: usize) -> Vec<Point> {
    if points.len() <= 2 * columns.max(1) + 2 || range.span() <= 0 {
        return points.to_vec();
    }
    let mut decimator = ColumnDecimator::new(range, columns);
    for p in points {
        decimator.push(*p);
    }
    decimator.take()
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
        assert_eq!(
            normalise_points(pts(&[(1, 1.0), (i64::MAX / 1000, 2.0)]), |_| true),
            Err(SeriesError::ImplausibleTime(i64::MAX / 1000))
        );
        assert_eq!(
            normalise_points(pts(&[(-1, 1.0)]), |_| true),
            Err(SeriesError::ImplausibleTime(-1))
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
    fn values_between_points_are_interpolated() {
        let p = pts(&[(0, 0.0), (10, 10.0), (20, 0.0)]);
        assert_eq!(value_at(&p, 5), Some(5.0));
        assert_eq!(value_at(&p, 10), Some(10.0));
        assert_eq!(value_at(&p, 0), Some(0.0));
        assert_eq!(value_at(&p, 21), None);
        assert_eq!(value_at(&p, -1), None);
    }

    #[test]
    fn decimation_keeps_each_columns_extremes_and_ends() {
        // 10,000 points of a sawtooth over 100 columns: each column keeps its lowest and
        // highest point, and the line's end points survive.
        let p: Vec<Point> = (0..10_000)
            .map(|i| Point {
                t: i,
                v: ((i * 37) % 101) as f64,
            })
            .collect();
        let range = TimeRange::new(0, 10_000);
        let out = decimate_min_max(&p, range, 100);
        assert!(out.len() <= 202, "{}", out.len());
        assert_eq!(out.first(), p.first());
        assert_eq!(out.last(), p.last());
        assert!(out.windows(2).all(|w| w[0].t < w[1].t));
        for column in 0..100 {
            let inside = |q: &&Point| q.t / 100 == column;
            let max = p
                .iter()
                .filter(inside)
                .map(|q| q.v)
                .fold(f64::MIN, f64::max);
            let min = p
                .iter()
                .filter(inside)
                .map(|q| q.v)
                .fold(f64::MAX, f64::min);
            let kept: Vec<f64> = out.iter().filter(inside).map(|q| q.v).collect();
            assert!(
                kept.contains(&max) && kept.contains(&min),
                "column {column}"
            );
        }
        let small = &p[..50];
        assert_eq!(decimate_min_max(small, range, 100), small.to_vec());
        // A neighbour outside the range does not take the place of an edge column's extreme.
        let inner = TimeRange::new(1, 9_999);
        let out = decimate_min_max(&p, inner, 100);
        assert_eq!(
            out.first(),
            p.first(),
            "the outside neighbour is kept as it is"
        );
        let first_column: Vec<f64> = out
            .iter()
            .filter(|q| (1..100).contains(&q.t))
            .map(|q| q.v)
            .collect();
        let max = p[1..100].iter().map(|q| q.v).fold(f64::MIN, f64::max);
        assert!(first_column.contains(&max), "{first_column:?}");
    }

    #[test]
    fn serialises_as_pairs() {
        let json = serde_json::to_string(&pts(&[(1, 2.5)])).unwrap();
        assert_eq!(json, "[[1,2.5]]");
        let document = crate::model::json::parse(&json).unwrap();
        let back: Vec<Point> = Field::document(&document)
            .items()
            .unwrap()
            .map(|p| Point::from_json(p).unwrap())
            .collect();
        assert_eq!(back, pts(&[(1, 2.5)]));
        for bad in [
            "[[1]]",
            "[[1,2,3]]",
            "[[1.5,2]]",
            "[[1,null]]",
            "[{\"t\":1,\"v\":2}]",
        ] {
            let document = crate::model::json::parse(bad).unwrap();
            let mut items = Field::document(&document).items().unwrap();
            assert!(items.all(|p| Point::from_json(p).is_err()), "{bad}");
        }
    }
}
