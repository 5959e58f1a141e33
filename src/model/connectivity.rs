//! Internet connectivity signals of a country (IODA): a value every `step` seconds, where a
//! missing value is unknown, never "down".

use serde::Serialize;

use super::time::UnixSeconds;

/// One IODA signal of one country on a regular time grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnectivitySeries {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// IODA datasource: `ping-slash24` (active probing), `bgp`, `merit-nt` (telescope).
    pub datasource: String,
    /// Time of the first value.
    pub from: UnixSeconds,
    /// Seconds between values.
    pub step: UnixSeconds,
    /// The raw values (e.g. /24 blocks up); `None` where nothing was measured.
    pub values: Vec<Option<f64>>,
}

impl ConnectivitySeries {
    /// Each value with its time.
    pub fn points(&self) -> impl Iterator<Item = (UnixSeconds, Option<f64>)> + '_ {
        (0..)
            .zip(&self.values)
            .map(|(i, v)| (self.from + i * self.step, *v))
    }

    /// Time just after the last value.
    pub fn until(&self) -> UnixSeconds {
        self.from + self.step * self.values.len() as i64
    }

    /// Joins series of the same signal that follow each other on one grid (as fetched in
    /// windows); a gap between windows is filled with unknown values.
    pub fn join(mut parts: Vec<ConnectivitySeries>) -> Option<ConnectivitySeries> {
        super::order::sort_by_i64(&mut parts, |p| p.from);
        let mut parts = parts.into_iter();
        let mut joined = parts.next()?;
        for part in parts {
            if part.step != joined.step || part.datasource != joined.datasource {
                return None;
            }
            let offset = part.from - joined.until();
            if offset < 0 || offset % joined.step != 0 {
                return None;
            }
            let gap = (offset / joined.step) as usize;
            joined.values.extend(std::iter::repeat_n(None, gap));
            joined.values.extend(part.values);
        }
        Some(joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(from: i64, values: Vec<Option<f64>>) -> ConnectivitySeries {
        ConnectivitySeries {
            country: "KZ".into(),
            datasource: "bgp".into(),
            from,
            step: 300,
            values,
        }
    }

    #[test]
    fn points_sit_on_the_grid() {
        let s = series(600, vec![Some(1.0), None]);
        assert_eq!(
            s.points().collect::<Vec<_>>(),
            vec![(600, Some(1.0)), (900, None)]
        );
        assert_eq!(s.until(), 1200);
    }

    #[test]
    fn joins_windows_and_fills_gaps_with_unknown() {
        let joined = ConnectivitySeries::join(vec![
            series(1200, vec![Some(3.0)]),
            series(0, vec![Some(1.0), Some(2.0)]),
        ])
        .unwrap();
        assert_eq!(
            joined.values,
            vec![Some(1.0), Some(2.0), None, None, Some(3.0)]
        );
        assert!(
            ConnectivitySeries::join(vec![series(0, vec![Some(1.0)]), series(100, vec![])])
                .is_none()
        );
        assert!(ConnectivitySeries::join(vec![]).is_none());
    }
}
