//! What each source delivered, in figures, and how: the notes behind its status line, which
//! [`crate::text`] says in words.

use crate::analysis::baseline::BaselineSeries;
use crate::model::connectivity::{ConnectivitySeries, Signal};
use crate::model::events::DisruptionEvent;
use crate::model::series::Point;
use crate::model::shares::MonthShares;
use crate::model::time::{TimeRange, UnixSeconds};

/// A hash-rate series in figures.
#[derive(Debug, Clone, PartialEq)]
pub struct HashRateFigures {
    /// What one value is (the series' own label, e.g. "Coin Metrics daily estimate"); `None`
    /// for a live source's daily values.
    pub label: Option<String>,
    /// How many values.
    pub values: usize,
    /// The first value's time.
    pub first: UnixSeconds,
    /// The last value's time.
    pub last: UnixSeconds,
    /// The last value, H/s.
    pub latest: f64,
}

/// A country's connectivity signals in figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectivityFigures {
    /// ISO code of the country.
    pub country: String,
    /// The signals, in the order delivered.
    pub signals: Vec<Signal>,
    /// Values in all.
    pub values: usize,
    /// How many of them are unknown.
    pub unknown: usize,
    /// From the first value to just after the last (`None` for no series).
    pub span: Option<TimeRange>,
    /// Each signal's lowest fraction of its baseline, and when.
    pub lows: Vec<(Signal, UnixSeconds, f64)>,
    /// How many outage events came with them.
    pub events: usize,
    /// The days fetched when only the view's last part was (the most one page asks for).
    pub last_days_only: Option<i64>,
}

/// Months of regional shares in figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SharesFigures {
    /// How many months.
    pub months: usize,
    /// The first month.
    pub first: UnixSeconds,
    /// The last month.
    pub last: UnixSeconds,
    /// The latest share of the country in focus: its code, share (0–1) and month.
    pub share: Option<(String, f64, UnixSeconds)>,
}

/// What the data a source's status line is about hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Holding {
    /// Hash-rate values.
    HashRate(HashRateFigures),
    /// A hash-rate answer without values.
    NoHashRate,
    /// The bundled hash rate that stands in did not load.
    NoBundledHashRate,
    /// The bundled long-range history is still loading.
    HistoryPending,
    /// The bundled long-range history could not be loaded, and why.
    HistoryFailed(String),
    /// What the bundled snapshot holds in IODA's place: the catalogue's events (all, and in
    /// the country in focus), no connectivity series.
    Events {
        /// Events in the catalogue.
        total: usize,
        /// Of them in `country`.
        here: usize,
        /// ISO code of the country in focus.
        country: String,
    },
    /// Connectivity signals.
    Connectivity(ConnectivityFigures),
    /// Months of shares.
    Shares(SharesFigures),
    /// A shares answer without months.
    NoShares,
    /// The bundled shares that stand in did not load.
    NoBundledShares,
}

/// How a source's data reached the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Fresh from its API.
    Live,
    /// A copy saved at `stored_at` (`stale`: past its time to live, standing in for a failure).
    Cached {
        /// When it was saved.
        stored_at: UnixSeconds,
        /// Whether it is past its time to live.
        stale: bool,
    },
    /// Not asked: the bundled snapshot covers the view (the data manifest says so).
    Covered,
    /// The bundled snapshot shows in its place (by choice in snapshot mode, else as a fallback).
    Bundled,
}

/// What happened to a source, in figures: what its status line says.
#[derive(Debug, Clone, PartialEq)]
pub enum StatusNote {
    /// Loading (IODA: for the country with this code).
    Loading {
        /// ISO code of the country asked for, for a source asked per country.
        country: Option<String>,
    },
    /// What the bundled snapshot brought.
    Bundle(BundleNote),
    /// A source's data: how they came, what they hold, and why it fell back or is partial.
    Settled {
        /// How they came.
        delivery: Delivery,
        /// What they hold.
        holding: Holding,
        /// Why the live API was not used (with live data: why part of them is missing).
        failure: Option<String>,
    },
    /// Nothing could be loaded, and why.
    Failed(String),
}

/// A part of the bundled snapshot.
#[derive(Debug, Clone, PartialEq)]
pub enum BundlePart {
    /// Its daily chain data, first and last day.
    Daily(UnixSeconds, UnixSeconds),
    /// A year of daily chain data loaded for the view.
    DailyYear(i64),
    /// Its months of shares.
    ShareMonths(usize),
    /// Its hash rate.
    HashRate,
    /// Its shares.
    Shares,
    /// Its events.
    Events,
}

/// What the bundled snapshot brought, and what of it failed.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleNote {
    /// The parts loaded.
    pub parts: Vec<BundlePart>,
    /// How many events the catalogue holds, or why it did not load.
    pub events: Result<usize, String>,
    /// Whether more events are still loading (the whole catalogue after the opening's).
    pub events_pending: bool,
    /// The parts that failed, and why.
    pub failures: Vec<(BundlePart, String)>,
    /// When the snapshot was retrieved, as it says.
    pub retrieved: Option<String>,
}

impl Default for BundleNote {
    fn default() -> Self {
        Self {
            parts: Vec::new(),
            events: Ok(0),
            events_pending: false,
            failures: Vec::new(),
            retrieved: None,
        }
    }
}

/// The figures of a hash-rate series; `label` names what one value is (`None`: daily).
pub fn hash_rate_figures(points: &[Point], label: Option<&str>) -> Holding {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => Holding::HashRate(HashRateFigures {
            label: label.map(str::to_owned),
            values: points.len(),
            first: first.t,
            last: last.t,
            latest: last.v,
        }),
        _ => Holding::NoHashRate,
    }
}

/// The figures of `country`'s connectivity `series`, with their `baselines` (the same
/// signals as fractions of their baselines) and `events` outage events.
pub fn connectivity_figures(
    country: &str,
    series: &[ConnectivitySeries],
    baselines: &[BaselineSeries],
    events: usize,
) -> ConnectivityFigures {
    let span = match (
        series.iter().map(|s| s.from).min(),
        series.iter().map(|s| s.until()).max(),
    ) {
        (Some(from), Some(until)) => Some(TimeRange::new(from, until)),
        _ => None,
    };
    ConnectivityFigures {
        country: country.to_owned(),
        signals: series.iter().map(|s| s.datasource).collect(),
        values: series.iter().map(|s| s.values.len()).sum(),
        unknown: series
            .iter()
            .map(|s| s.values.iter().filter(|v| v.is_none()).count())
            .sum(),
        span,
        lows: baselines
            .iter()
            .filter_map(|b| b.lowest().map(|(t, f)| (b.datasource, t, f)))
            .collect(),
        events,
        last_days_only: None,
    }
}

/// The figures of `months` of shares, with the latest share of `country`.
pub fn shares_figures(months: &[MonthShares], country: &str) -> Holding {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Holding::NoShares;
    };
    let share = months.iter().rev().find_map(|m| {
        m.shares
            .iter()
            .find(|s| s.code == country)
            .map(|s| (country.to_owned(), s.share, m.month))
    });
    Holding::Shares(SharesFigures {
        months: months.len(),
        first: first.month,
        last: last.month,
        share,
    })
}

/// What the catalogue holds in IODA's place: its events, all and in `country`.
pub fn events_holding(events: &[DisruptionEvent], country: &str) -> Holding {
    Holding::Events {
        total: events.len(),
        here: events.iter().filter(|e| e.country == country).count(),
        country: country.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::shares::CountryShare;

    #[test]
    fn figures_of_each_kind_of_data() {
        let points = [
            Point { t: 0, v: 1.0e20 },
            Point {
                t: 86_400,
                v: 1.83e20,
            },
        ];
        let Holding::HashRate(figures) = hash_rate_figures(&points, None) else {
            panic!("hash rate");
        };
        assert_eq!(
            (figures.values, figures.last, figures.latest),
            (2, 86_400, 1.83e20)
        );
        assert_eq!(hash_rate_figures(&[], None), Holding::NoHashRate);
        let series = ConnectivitySeries {
            country: "KZ".into(),
            datasource: Signal::Probing,
            from: 0,
            step: 600,
            values: vec![Some(1.0), None, Some(2.0)],
        };
        let figures = connectivity_figures(
            "KZ",
            std::slice::from_ref(&series),
            &[BaselineSeries::of(&series)],
            1,
        );
        assert_eq!((figures.values, figures.unknown, figures.events), (3, 1, 1));
        assert_eq!(figures.span, Some(TimeRange::new(0, 1_800)));
        assert_eq!(connectivity_figures("KZ", &[], &[], 2).span, None);
        let months = vec![MonthShares {
            month: 1_640_995_200,
            note: None,
            source_url: None,
            shares: vec![CountryShare {
                code: "KZ".into(),
                name: "Kazakhstan".into(),
                share: 0.1322,
                caveat: false,
            }],
        }];
        let Holding::Shares(shares) = shares_figures(&months, "KZ") else {
            panic!("shares");
        };
        assert_eq!(shares.share, Some(("KZ".into(), 0.1322, 1_640_995_200)));
        assert_eq!(shares_figures(&[], "KZ"), Holding::NoShares);
    }
}
