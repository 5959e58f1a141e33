//! Internet connectivity signals of a country (IODA): a value every `step` seconds, where a
//! missing value is unknown, never "down".

use serde::Serialize;

use super::time::UnixSeconds;

/// An IODA connectivity signal, by the `datasource` name IODA's API gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Signal {
    /// Active probing of /24 address blocks (`ping-slash24`).
    #[serde(rename = "ping-slash24")]
    Probing,
    /// Routes announced in BGP (`bgp`).
    #[serde(rename = "bgp")]
    Bgp,
    /// Unsolicited traffic reaching a network telescope (`merit-nt`).
    #[serde(rename = "merit-nt")]
    Telescope,
}

impl Signal {
    /// Every signal the widget reads, in the order IODA is asked for them.
    pub const ALL: [Signal; 3] = [Signal::Probing, Signal::Bgp, Signal::Telescope];

    /// IODA's name for it: `ping-slash24`, `bgp` or `merit-nt`.
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Probing => "ping-slash24",
            Signal::Bgp => "bgp",
            Signal::Telescope => "merit-nt",
        }
    }

    /// The signal IODA calls `name`, if the widget reads it.
    pub fn parse(name: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One IODA signal of one country on a regular time grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnectivitySeries {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The signal.
    pub datasource: Signal,
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

    /// Joins windows of one signal (fetched in pieces) on the grid of the coarsest: a value is
    /// the mean of the known values that fall in its interval, unknown where none do (a gap
    /// between windows, for one). `None` for no parts, different signals or an absurd grid.
    pub fn join(mut parts: Vec<ConnectivitySeries>) -> Option<ConnectivitySeries> {
        super::order::sort_by_i64(&mut parts, |p| p.from);
        let first = parts.first()?;
        let step = parts.iter().map(|p| p.step).max()?;
        let until = parts.iter().map(ConnectivitySeries::until).max()?;
        if step <= 0
            || parts
                .iter()
                .any(|p| p.step <= 0 || p.datasource != first.datasource)
        {
            return None;
        }
        let count = usize::try_from((until - first.from + step - 1) / step).ok()?;
        if count > MAX_JOINED_VALUES {
            return None;
        }
        let mut sums = vec![(0.0, 0u32); count];
        for part in &parts {
            for (t, value) in part.points() {
                let slot = usize::try_from((t - first.from) / step).ok();
                if let (Some(v), Some(sum)) = (value, slot.and_then(|i| sums.get_mut(i))) {
                    sum.0 += v;
                    sum.1 += 1;
                }
            }
        }
        Some(ConnectivitySeries {
            country: first.country.clone(),
            datasource: first.datasource,
            from: first.from,
            step,
            values: sums
                .into_iter()
                .map(|(sum, n)| (n > 0).then(|| sum / f64::from(n)))
                .collect(),
        })
    }
}

/// The most values a joined signal may hold (a year at IODA's finest step is about 105,000).
const MAX_JOINED_VALUES: usize = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_named_as_ioda_names_them() {
        for signal in Signal::ALL {
            assert_eq!(Signal::parse(signal.as_str()), Some(signal));
            assert_eq!(signal.to_string(), signal.as_str());
        }
        assert_eq!(Signal::parse("merit-nt"), Some(Signal::Telescope));
        assert_eq!(Signal::parse("gtr"), None);
        let json = serde_json::to_string(&Signal::Probing).unwrap();
        assert_eq!(json, "\"ping-slash24\"");
    }

    fn series(from: i64, values: Vec<Option<f64>>) -> ConnectivitySeries {
        ConnectivitySeries {
            country: "KZ".into(),
            datasource: Signal::Bgp,
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
        assert!(ConnectivitySeries::join(vec![]).is_none());
    }

    #[test]
    fn joins_windows_of_different_steps_on_the_coarsest_grid() {
        // IODA answers a shorter last window at a finer step.
        let mut fine = series(1200, vec![Some(4.0), Some(6.0), None, Some(8.0)]);
        fine.step = 150;
        let joined = ConnectivitySeries::join(vec![
            series(0, vec![Some(1.0), Some(2.0), None, None]),
            fine,
        ])
        .unwrap();
        assert_eq!(joined.step, 300);
        assert_eq!(
            joined.values,
            vec![Some(1.0), Some(2.0), None, None, Some(5.0), Some(8.0)]
        );
        let mut other = series(300, vec![Some(1.0)]);
        other.datasource = Signal::Telescope;
        assert!(ConnectivitySeries::join(vec![series(0, vec![Some(1.0)]), other]).is_none());
        let far = series(i64::MAX / 4, vec![Some(1.0)]);
        assert!(ConnectivitySeries::join(vec![series(0, vec![]), far]).is_none());
    }
}
