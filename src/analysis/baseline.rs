//! Connectivity as a fraction of its own recent baseline. The baseline at each step is the
//! median of the most recent week's worth of healthy values: all of them, or, for a signal with
//! a daily cycle, those at the same time of day. Values judged disrupted stay out of the
//! baseline, which then reaches further back (up to four weeks), so a shutdown of several days
//! does not become the new normal; after four weeks without a healthy value the baseline is
//! rebuilt from what follows. Unknown values stay unknown, never "down".

use std::collections::VecDeque;

use crate::model::connectivity::{ConnectivitySeries, Signal};
use crate::model::time::{UnixSeconds, DAY};

/// Days of healthy history the baseline takes.
pub const BASELINE_DAYS: i64 = 7;

/// How far back the baseline may reach for healthy values.
pub const LOOKBACK_DAYS: i64 = 28;

/// Below this fraction of baseline a value counts as disrupted (and stays out of the baseline).
pub const WARNING_FRACTION: f64 = 0.8;

/// How the baseline of a signal is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineKind {
    /// The median of every healthy value in the preceding days.
    Overall,
    /// The median of the healthy values at the same time of day on the preceding days.
    TimeOfDay,
}

/// The median of a slice (reordered in place); `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (_, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = values.get(..n / 2)?.iter().copied().reduce(f64::max)?;
    Some((lower + upper) / 2.0)
}

/// Steps per day when the series' step divides a day evenly.
fn steps_per_day(series: &ConnectivitySeries) -> Option<usize> {
    (series.step > 0 && DAY % series.step == 0).then(|| (DAY / series.step) as usize)
}

/// Whether the signal has a daily cycle: at least three days of data whose median by time of
/// day ranges over at least a fifth of the overall median. Medians keep outages (which cover
/// fewer than half the days) from hiding or faking a cycle.
pub fn has_daily_cycle(series: &ConnectivitySeries) -> bool {
    let Some(per_day) = steps_per_day(series) else {
        return false;
    };
    if series.values.len() < 3 * per_day {
        return false;
    }
    let mut all: Vec<f64> = series.values.iter().flatten().copied().collect();
    let Some(overall) = median(&mut all).filter(|m| *m > 0.0) else {
        return false;
    };
    let slot_medians: Vec<f64> = (0..per_day)
        .filter_map(|slot| {
            let mut at_slot: Vec<f64> = series
                .values
                .iter()
                .skip(slot)
                .step_by(per_day)
                .flatten()
                .copied()
                .collect();
            median(&mut at_slot)
        })
        .collect();
    let (low, high) = slot_medians
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    high - low >= 0.2 * overall
}

/// The baseline kind suited to `series`.
pub fn baseline_kind(series: &ConnectivitySeries) -> BaselineKind {
    if has_daily_cycle(series) {
        BaselineKind::TimeOfDay
    } else {
        BaselineKind::Overall
    }
}

/// For each value of `series`: its fraction of the baseline (see the module). `None` where
/// the value is unknown, where the healthy history is too thin (under half a day of values, or
/// under three days at that time of day), or where the baseline is zero.
pub fn fraction_of_baseline(series: &ConnectivitySeries, kind: BaselineKind) -> Vec<Option<f64>> {
    let per_day = steps_per_day(series);
    let step = series.step.max(1);
    let window_steps = (BASELINE_DAYS * DAY / step) as usize;
    let lookback_steps = (LOOKBACK_DAYS * DAY / step) as usize;
    let min_overall = ((DAY / 2) / step).max(1) as usize;
    let mut healthy: Vec<Option<f64>> = Vec::with_capacity(series.values.len());
    let mut recent = RecentValues::new(window_steps.max(1));
    let mut out = Vec::with_capacity(series.values.len());
    let mut same_time = Vec::with_capacity(BASELINE_DAYS as usize);
    for (i, value) in series.values.iter().enumerate() {
        let baseline = match (kind, per_day) {
            (BaselineKind::TimeOfDay, Some(per_day)) => {
                same_time.clear();
                same_time.extend(
                    (1..=LOOKBACK_DAYS as usize)
                        .filter_map(|k| i.checked_sub(k * per_day))
                        .filter_map(|j| healthy.get(j).copied().flatten())
                        .take(BASELINE_DAYS as usize),
                );
                if same_time.len() >= 3 {
                    median(&mut same_time)
                } else {
                    None
                }
            }
            _ => {
                recent.forget_before(i.saturating_sub(lookback_steps));
                (recent.len() >= min_overall)
                    .then(|| recent.median())
                    .flatten()
            }
        };
        let fraction = value.zip(baseline.filter(|m| *m > 0.0)).map(|(v, m)| v / m);
        let disrupted = fraction.is_some_and(|f| f < WARNING_FRACTION);
        let kept = value.filter(|_| !disrupted);
        if let Some(v) = kept {
            recent.push(i, v);
        }
        healthy.push(kept);
        out.push(fraction);
    }
    out
}

/// The most recent healthy values (at most `capacity`), with a sorted copy for their median:
/// each step costs a binary search and a shift, not a sort of the whole window.
struct RecentValues {
    queue: VecDeque<(usize, f64)>,
    sorted: Vec<f64>,
    capacity: usize,
}

impl RecentValues {
    fn new(capacity: usize) -> Self {
        Self {
            queue: VecDeque::with_capacity(capacity + 1),
            sorted: Vec::with_capacity(capacity + 1),
            capacity,
        }
    }

    fn len(&self) -> usize {
        self.queue.len()
    }

    fn remove_sorted(&mut self, v: f64) {
        if let Ok(at) = self.sorted.binary_search_by(|x| x.total_cmp(&v)) {
            self.sorted.remove(at);
        }
    }

    /// Drops the values from steps before `index`.
    fn forget_before(&mut self, index: usize) {
        while let Some(&(i, v)) = self.queue.front() {
            if i >= index {
                break;
            }
            self.queue.pop_front();
            self.remove_sorted(v);
        }
    }

    /// Adds the value of step `index`, dropping the oldest beyond the capacity.
    fn push(&mut self, index: usize, v: f64) {
        self.queue.push_back((index, v));
        let at = self.sorted.partition_point(|x| x.total_cmp(&v).is_lt());
        self.sorted.insert(at, v);
        if self.queue.len() > self.capacity {
            if let Some((_, old)) = self.queue.pop_front() {
                self.remove_sorted(old);
            }
        }
    }

    fn median(&self) -> Option<f64> {
        let n = self.sorted.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => self.sorted.get(n / 2).copied(),
            _ => Some((self.sorted.get(n / 2 - 1)? + self.sorted.get(n / 2)?) / 2.0),
        }
    }
}

/// A signal as fractions of its baseline, computed once when the signal arrives and shared by
/// the timeline, the map and the detector.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineSeries {
    /// ISO code of the country.
    pub country: String,
    /// The signal.
    pub datasource: Signal,
    /// Time of the first value.
    pub from: UnixSeconds,
    /// Seconds between values.
    pub step: UnixSeconds,
    /// Fraction of baseline per step ([`fraction_of_baseline`]).
    pub fraction: Vec<Option<f64>>,
}

impl BaselineSeries {
    /// `series` as fractions of its baseline, with the baseline kind suited to it.
    pub fn of(series: &ConnectivitySeries) -> Self {
        Self {
            country: series.country.clone(),
            datasource: series.datasource,
            from: series.from,
            step: series.step.max(1),
            fraction: fraction_of_baseline(series, baseline_kind(series)),
        }
    }

    /// The fraction at the step holding `t`: `None` outside the series, `Some(None)` where
    /// unknown.
    pub fn fraction_at(&self, t: UnixSeconds) -> Option<Option<f64>> {
        let index = usize::try_from((t - self.from).div_euclid(self.step)).ok()?;
        self.fraction.get(index).copied()
    }
}

impl BaselineSeries {
    /// The lowest fraction of baseline, with its time.
    pub fn lowest(&self) -> Option<(UnixSeconds, f64)> {
        (0..)
            .zip(&self.fraction)
            .filter_map(|(i, f)| f.map(|f| (self.from + i * self.step, f)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hourly(values: Vec<Option<f64>>) -> ConnectivitySeries {
        ConnectivitySeries {
            country: "KZ".into(),
            datasource: Signal::Probing,
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
        let fractions = fraction_of_baseline(&series, BaselineKind::Overall);
        assert_eq!(fractions[5], None, "less than half a day of history");
        assert_eq!(fractions[30], Some(1.0));
        assert_eq!(fractions[50], Some(0.05));
        assert_eq!(fractions[54], None, "unknown is not down");
        assert_eq!(fractions[60], Some(1.0));
        assert_eq!(
            BaselineSeries::of(&series).lowest(),
            Some((48 * 3_600, 0.05))
        );
    }

    #[test]
    fn a_shutdown_of_days_does_not_become_the_baseline() {
        // Eight normal days, then five days at 5%: every shutdown hour stays at 5%.
        let mut values = vec![Some(100.0); 24 * 8];
        values.extend(vec![Some(5.0); 24 * 5]);
        values.extend(vec![Some(100.0); 24]);
        let fractions = fraction_of_baseline(&hourly(values), BaselineKind::Overall);
        assert!(fractions[24 * 8..24 * 13].iter().all(|f| *f == Some(0.05)));
        assert!(fractions[24 * 13..].iter().all(|f| *f == Some(1.0)));
    }

    #[test]
    fn a_lasting_level_shift_becomes_the_new_baseline_after_four_weeks() {
        let mut values = vec![Some(10.0); 24 * 8];
        values.extend(vec![Some(4.0); 24 * 30]);
        let fractions = fraction_of_baseline(&hourly(values), BaselineKind::Overall);
        assert_eq!(fractions[24 * 8], Some(0.4));
        assert_eq!(fractions.last().copied().flatten(), Some(1.0));
    }

    #[test]
    fn the_time_of_day_baseline_follows_a_daily_cycle() {
        // Busy days (100) and quiet nights (40), eight days; then one night at 40 is normal,
        // while a day hour at 40 is a drop to 40%.
        let day_value = |h: usize| {
            if (8..20).contains(&(h % 24)) {
                100.0
            } else {
                40.0
            }
        };
        let mut values: Vec<Option<f64>> = (0..24 * 8).map(|h| Some(day_value(h))).collect();
        values.extend((0..24).map(|h| Some(if h == 12 { 40.0 } else { day_value(h) })));
        let series = hourly(values);
        assert!(has_daily_cycle(&series));
        assert_eq!(baseline_kind(&series), BaselineKind::TimeOfDay);
        let fractions = fraction_of_baseline(&series, BaselineKind::TimeOfDay);
        assert_eq!(fractions[24 * 8 + 2], Some(1.0), "a quiet night is normal");
        assert_eq!(fractions[24 * 8 + 12], Some(0.4), "a quiet noon is not");
        let overall = fraction_of_baseline(&series, BaselineKind::Overall);
        assert_ne!(
            overall[24 * 8 + 2],
            Some(1.0),
            "the overall median misreads nights"
        );
        let flat = hourly(vec![Some(100.0); 24 * 4]);
        assert!(!has_daily_cycle(&flat));
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
