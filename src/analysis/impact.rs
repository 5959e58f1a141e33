//! Expected against observed impact of a disruption on the global hash rate.
//!
//! Expected: the hash-rate share of each affected region (CBECI, for the month) times the share
//! of its connectivity lost (IODA signal, fraction of baseline over the window); when the
//! connectivity is unknown, the bound for a full outage. Observed: the hash rate over the window
//! against the days before it, with the exact 95% interval of the ratio of two Poisson counts.

use super::baseline::BaselineSeries;
use super::disruption::mean_fraction;
use super::hash_rate::{estimate, ChainSample, HashRateEstimate};
use super::poisson::{poisson_ratio_interval, Interval, CONFIDENCE};
use crate::model::connectivity::Signal;
use crate::model::events::{DisruptionEvent, EventKind};
use crate::model::region::country_by_code;
use crate::model::shares::ShareTable;
use crate::model::time::{CivilDate, TimeRange, UnixSeconds, DAY};

/// Days before the window that the observed change is measured against, by default.
pub const BASELINE_DAYS: i64 = 14;

/// How connected a region stayed over the window, as a signal measured it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredConnectivity {
    /// Mean fraction of the signal's baseline over the window (0–1).
    pub fraction: f64,
    /// The IODA signal, e.g. `ping-slash24`.
    pub signal: Signal,
}

/// A region hit by the disruption, with its connectivity when a signal measured it.
#[derive(Debug, Clone, PartialEq)]
pub struct AffectedRegion {
    /// ISO country code.
    pub code: String,
    /// Connectivity over the window; `None` when unknown.
    pub connectivity: Option<MeasuredConnectivity>,
}

/// One region's part of the expected change.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionLoss {
    /// ISO country code.
    pub code: String,
    /// Country name.
    pub name: String,
    /// Its share of the global hash rate (0–1).
    pub share: f64,
    /// The month the share was published for.
    pub share_month: UnixSeconds,
    /// Its connectivity over the window, when measured.
    pub connectivity: Option<MeasuredConnectivity>,
    /// Hash-rate share expected lost: `share × (1 − fraction)`, or the whole share when the
    /// connectivity is unknown.
    pub loss: f64,
}

/// The change in global hash rate the disruption would cause if miners lost what their region's
/// connectivity lost.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedChange {
    /// The regions, each with its share and loss.
    pub regions: Vec<RegionLoss>,
    /// Expected relative change, ≤ 0 (e.g. −0.126).
    pub change: f64,
    /// Some region's connectivity is unknown, so `change` is the bound for a full outage there.
    pub full_outage_bound: bool,
    /// The disruption was not of the internet (power, weather, a ban): the bound is for its
    /// region's miners stopping altogether.
    pub mining_stopped: bool,
    /// No shares are published for the disruption's month: those of the nearest earlier
    /// month stand in.
    pub nearest_month: bool,
    /// Who published the shares.
    pub share_source: String,
}

/// The hash rate over the window against the baseline before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObservedChange {
    /// The estimate over the window.
    pub window: HashRateEstimate,
    /// The estimate over the baseline.
    pub baseline: HashRateEstimate,
    /// Relative change, `H(window) / H(baseline) − 1`.
    pub change: f64,
    /// Its 95% interval.
    pub interval: Interval,
}

/// How the observed change compares with the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// The expected change lies below the interval: the observed drop is smaller.
    Smaller,
    /// The expected change lies inside the interval.
    AsExpected,
    /// The expected change lies above the interval: the observed drop is larger.
    Larger,
}

/// What the data say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The whole interval is below zero: a measured drop, compared with the expected change
    /// when there is one.
    Drop(Option<Comparison>),
    /// The whole interval is above zero.
    Rise,
    /// The interval includes zero, and the expected drop lies below it.
    NoDropOfExpectedSize,
    /// The interval includes zero (and the expected drop, when there is one).
    WithinNoise,
}

/// Expected and observed impact of one disruption, as data and as a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpactAssessment {
    /// The expected change, when shares for the affected regions are published.
    pub expected: Option<ExpectedChange>,
    /// The observed change.
    pub observed: ObservedChange,
    /// What the data say.
    pub verdict: Verdict,
}

/// The impact of each assessed event, by event id (the catalogue's few hundred at most).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Impacts(Vec<(String, ImpactAssessment)>);

impl Impacts {
    /// The impact of the event with id `id`, when it was assessed.
    pub fn get(&self, id: &str) -> Option<&ImpactAssessment> {
        self.0
            .iter()
            .find(|(e, _)| e == id)
            .map(|(_, impact)| impact)
    }
}

impl FromIterator<(String, ImpactAssessment)> for Impacts {
    fn from_iter<I: IntoIterator<Item = (String, ImpactAssessment)>>(pairs: I) -> Self {
        Self(pairs.into_iter().collect())
    }
}

/// The whole UTC days that a disruption from `start` to `end` covers: those at least half
/// inside it, or, for a shorter disruption, the day it overlaps most.
pub fn event_days(start: UnixSeconds, end: UnixSeconds) -> TimeRange {
    let end = end.max(start);
    let overlap = |day: UnixSeconds| (end.min(day.saturating_add(DAY)) - start.max(day)).max(0);
    let first_day = start.div_euclid(DAY) * DAY;
    let last_day = (end - 1).max(start).div_euclid(DAY) * DAY;
    let first = if overlap(first_day) * 2 >= DAY {
        first_day
    } else {
        first_day.saturating_add(DAY)
    };
    let last = if overlap(last_day) * 2 >= DAY {
        last_day
    } else {
        last_day - DAY
    };
    if first <= last {
        TimeRange::new(first, last.saturating_add(DAY))
    } else {
        let day = if overlap(last_day) > overlap(first_day) {
            last_day
        } else {
            first_day
        };
        TimeRange::new(day, day.saturating_add(DAY))
    }
}

/// The change expected from the `regions`' shares in the month of `at`. `None` when no share
/// is published for any of them at that time.
pub fn expected_change(
    shares: &ShareTable,
    regions: &[AffectedRegion],
    at: UnixSeconds,
) -> Option<ExpectedChange> {
    let month = shares.month_at(at)?;
    let losses: Vec<RegionLoss> = regions
        .iter()
        .filter_map(|region| {
            let share = month.shares.iter().find(|s| s.code == region.code)?;
            let kept = region
                .connectivity
                .as_ref()
                .map_or(0.0, |c| c.fraction.clamp(0.0, 1.0));
            Some(RegionLoss {
                code: region.code.clone(),
                name: country_by_code(&region.code)
                    .map_or_else(|| share.name.clone(), |c| c.name.to_owned()),
                share: share.share,
                share_month: month.month,
                connectivity: region.connectivity.clone(),
                loss: share.share * (1.0 - kept),
            })
        })
        .collect();
    if losses.is_empty() {
        return None;
    }
    let month_of_at = CivilDate::from_unix(at);
    Some(ExpectedChange {
        change: -losses.iter().map(|l| l.loss).sum::<f64>(),
        full_outage_bound: losses.iter().any(|l| l.connectivity.is_none()),
        mining_stopped: false,
        nearest_month: CivilDate {
            day: 1,
            ..month_of_at
        }
        .to_unix()
            != month.month,
        regions: losses,
        share_source: shares.provenance.source.clone(),
    })
}

/// The hash rate over `window` against `baseline`, from the samples wholly inside each.
pub fn observed_change(
    samples: &[ChainSample],
    window: TimeRange,
    baseline: TimeRange,
) -> Option<ObservedChange> {
    let w = estimate(samples, window)?;
    let b = estimate(samples, baseline)?;
    // H = work / seconds and the counts' means scale with work per block, so the ratio of the
    // Poisson means maps to the ratio of hash rates by (work per block) × (1 / seconds).
    let scale = (w.work / w.blocks) / (b.work / b.blocks) * b.seconds as f64 / w.seconds as f64;
    let ratio = poisson_ratio_interval(w.blocks, b.blocks, CONFIDENCE)?.scaled(scale);
    Some(ObservedChange {
        window: w,
        baseline: b,
        change: w.hash_rate / b.hash_rate - 1.0,
        interval: Interval {
            low: ratio.low - 1.0,
            high: ratio.high - 1.0,
        },
    })
}

/// The verdict on `observed` given `expected`.
pub fn verdict(observed: &ObservedChange, expected: Option<&ExpectedChange>) -> Verdict {
    let interval = observed.interval;
    let expected = expected.map(|e| e.change);
    if interval.high < 0.0 {
        Verdict::Drop(expected.map(|e| {
            if e > interval.high {
                Comparison::Larger
            } else if e < interval.low {
                Comparison::Smaller
            } else {
                Comparison::AsExpected
            }
        }))
    } else if interval.low > 0.0 {
        Verdict::Rise
    } else if expected.is_some_and(|e| e < interval.low) {
        Verdict::NoDropOfExpectedSize
    } else {
        Verdict::WithinNoise
    }
}

/// The impact of a disruption over `window` (see [`event_days`]) against the
/// [`BASELINE_DAYS`] before it. `None` when the chain data cover neither.
pub fn assess_impact(
    samples: &[ChainSample],
    shares: Option<&ShareTable>,
    regions: &[AffectedRegion],
    window: TimeRange,
) -> Option<ImpactAssessment> {
    let baseline = TimeRange::new(window.start - BASELINE_DAYS * DAY, window.start);
    let observed = observed_change(samples, window, baseline)?;
    let expected = shares.and_then(|s| expected_change(s, regions, window.start));
    Some(ImpactAssessment {
        verdict: verdict(&observed, expected.as_ref()),
        expected,
        observed,
    })
}

/// IODA signals in the order their connectivity is trusted for the expected change: active
/// probing first, since BGP can stay normal through a shutdown.
pub const SIGNAL_PREFERENCE: [Signal; 3] = [Signal::Probing, Signal::Telescope, Signal::Bgp];

/// The connectivity of `country` over `window` from the most trusted signal that knows at
/// least half of the window's steps.
pub fn measured_connectivity(
    series: &[BaselineSeries],
    country: &str,
    window: TimeRange,
) -> Option<MeasuredConnectivity> {
    SIGNAL_PREFERENCE.iter().find_map(|signal| {
        let s = series
            .iter()
            .find(|s| s.country == country && s.datasource == *signal)?;
        let (fraction, coverage) = mean_fraction(s, window)?;
        (coverage >= 0.5).then_some(MeasuredConnectivity {
            fraction,
            signal: *signal,
        })
    })
}

/// The impact of `event` on the days it covers ([`event_days`]), with its country's
/// connectivity measured from `connectivity` when a signal covers the window.
pub fn assess_event(
    samples: &[ChainSample],
    shares: Option<&ShareTable>,
    connectivity: &[BaselineSeries],
    event: &DisruptionEvent,
) -> Option<ImpactAssessment> {
    let window = event_days(event.start, event.end);
    let region = AffectedRegion {
        code: event.country.clone(),
        connectivity: measured_connectivity(connectivity, &event.country, window),
    };
    let mut impact = assess_impact(samples, shares, &[region], window)?;
    if let Some(expected) = &mut impact.expected {
        expected.mining_stopped = event.kind != EventKind::Internet;
    }
    Some(impact)
}

impl Verdict {
    /// A name for the verdict (the impact sentence's `data-verdict`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Drop(None) => "Drop",
            Verdict::Drop(Some(Comparison::AsExpected)) => "DropAsExpected",
            Verdict::Drop(Some(Comparison::Smaller)) => "DropSmallerThanExpected",
            Verdict::Drop(Some(Comparison::Larger)) => "DropLargerThanExpected",
            Verdict::Rise => "Rise",
            Verdict::NoDropOfExpectedSize => "NoDropOfExpectedSize",
            Verdict::WithinNoise => "WithinNoise",
        }
    }
}

#[cfg(test)]
mod tests;
