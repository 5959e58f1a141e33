//! A country's connectivity status at a moment, from its IODA signals: normal, degraded,
//! disrupted or unknown, with the signal behind it.

use super::baseline::{BaselineSeries, WARNING_FRACTION};
use super::disruption::DetectionConfig;
use super::impact::SIGNAL_PREFERENCE;
use crate::model::connectivity::Signal;
use crate::model::time::UnixSeconds;

/// Connectivity status, for the map's colours and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectivityStatus {
    /// At least 80% of usual.
    Normal,
    /// Between 50% and 80% of usual.
    Degraded,
    /// Under 50% of usual.
    Disrupted,
    /// The signals exist but say nothing at that moment.
    Unknown,
}

impl ConnectivityStatus {
    /// The `data-status` id of map elements ([`crate::text::ui::status_name`] says it).
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectivityStatus::Normal => "normal",
            ConnectivityStatus::Degraded => "degraded",
            ConnectivityStatus::Disrupted => "disrupted",
            ConnectivityStatus::Unknown => "unknown",
        }
    }
}

/// A status with the signal reading behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusReading {
    /// The status.
    pub status: ConnectivityStatus,
    /// The signal that decided it and its fraction of usual, when one was known.
    pub reading: Option<(Signal, f64)>,
}

/// The status of `country` at `t` from the most trusted of its signals that has a value then
/// ([`SIGNAL_PREFERENCE`]); `None` when no signal for the country covers `t`.
pub fn status_at(
    baselines: &[BaselineSeries],
    country: &str,
    t: UnixSeconds,
) -> Option<StatusReading> {
    let critical = DetectionConfig::default().critical;
    let covering: Vec<(&BaselineSeries, Option<f64>)> = SIGNAL_PREFERENCE
        .iter()
        .filter_map(|name| {
            baselines
                .iter()
                .find(|b| b.country == country && b.datasource == *name)
        })
        .filter_map(|b| b.fraction_at(t).map(|f| (b, f)))
        .collect();
    if covering.is_empty() {
        return None;
    }
    let known = covering
        .iter()
        .find_map(|(b, f)| f.map(|f| (b.datasource, f)));
    let status = match &known {
        None => ConnectivityStatus::Unknown,
        Some((_, f)) if *f < critical => ConnectivityStatus::Disrupted,
        Some((_, f)) if *f < WARNING_FRACTION => ConnectivityStatus::Degraded,
        Some(_) => ConnectivityStatus::Normal,
    };
    Some(StatusReading {
        status,
        reading: known,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline(datasource: Signal, fraction: Vec<Option<f64>>) -> BaselineSeries {
        BaselineSeries {
            country: "KZ".into(),
            datasource,
            from: 0,
            step: 10,
            fraction,
        }
    }

    #[test]
    fn thresholds_and_the_trusted_signal_decide() {
        let probing = baseline(
            Signal::Probing,
            vec![Some(1.0), Some(0.7), Some(0.05), None],
        );
        let bgp = baseline(
            Signal::Bgp,
            vec![Some(1.0), Some(1.0), Some(0.99), Some(0.98)],
        );
        let both = [bgp, probing];
        let at = |t| status_at(&both, "KZ", t).map(|s| s.status);
        assert_eq!(at(5), Some(ConnectivityStatus::Normal));
        assert_eq!(at(15), Some(ConnectivityStatus::Degraded));
        assert_eq!(
            at(25),
            Some(ConnectivityStatus::Disrupted),
            "probing, not BGP, decides"
        );
        // Probing unknown: BGP's reading is used.
        let reading = status_at(&both, "KZ", 35).unwrap();
        assert_eq!(reading.status, ConnectivityStatus::Normal);
        let (signal, fraction) = reading.reading.unwrap();
        assert_eq!(signal, Signal::Bgp);
        assert!((fraction - 0.98).abs() < 1e-9);
        assert_eq!(at(100), None, "no signal covers that time");
        assert_eq!(status_at(&both, "RU", 5), None);
        let unknown = [baseline(Signal::Probing, vec![None])];
        let unknown = status_at(&unknown, "KZ", 0).unwrap();
        assert_eq!(
            (unknown.status, unknown.reading),
            (ConnectivityStatus::Unknown, None)
        );
    }
}
