//! Hash rate estimated from blocks found, with its Poisson uncertainty.
//!
//! Over a window of `T` seconds in which `N` blocks were found at difficulty `D`, the network did
//! about `N · D · 2³²` hashes, so `H = N · D · 2³² / T`. `N` is a Poisson count, so one day
//! (about 144 blocks) carries about 8% one-sigma noise. Each day is kept as a [`ChainSample`]
//! of blocks and work (hashes): work adds up across a difficulty adjustment inside a window, and
//! the interval is Garwood's for the window's block count, scaled by its work per block.

use super::poisson::{poisson_interval, Interval, CONFIDENCE};
use crate::model::series::Point;
use crate::model::snapshot::DayRecord;
use crate::model::time::{TimeRange, UnixSeconds, DAY};

/// Hashes per unit of difficulty: a block at difficulty `D` takes `D · 2³²` hashes on average.
pub const HASHES_PER_DIFFICULTY: f64 = 4_294_967_296.0;

/// Blocks the protocol aims for per day (one every ten minutes).
pub const TARGET_BLOCKS_PER_DAY: f64 = 144.0;

/// Days in the rolling estimate the timeline draws.
pub const ROLLING_DAYS: usize = 7;

/// How a sample's block count is known, from best to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BlockBasis {
    /// Blocks counted on the chain.
    Counted,
    /// Implied by the source's hash rate and the difficulty then in force.
    ImpliedByDifficulty,
    /// Difficulty unknown: the protocol's 144 blocks a day assumed.
    Assumed,
}

/// One period of chain data (a UTC day): blocks found and the work they represent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChainSample {
    /// Start of the period.
    pub start: UnixSeconds,
    /// Length of the period in seconds.
    pub seconds: UnixSeconds,
    /// Blocks found (counted, implied or assumed: see `basis`).
    pub blocks: f64,
    /// Hashes done in the period: the source's mean hash rate times its length.
    pub work: f64,
    /// How `blocks` is known.
    pub basis: BlockBasis,
}

impl ChainSample {
    fn end(&self) -> UnixSeconds {
        self.start + self.seconds
    }
}

/// Samples from daily chain records. A record with a block count is `Counted`; one without
/// (which the snapshot does not hold, but a source may) falls back to 144 blocks.
pub fn samples_from_days(days: &[DayRecord]) -> Vec<ChainSample> {
    days.iter()
        .map(|d| {
            let (blocks, basis) = match d.blocks {
                Some(n) => (f64::from(n), BlockBasis::Counted),
                None => (TARGET_BLOCKS_PER_DAY, BlockBasis::Assumed),
            };
            ChainSample {
                start: d.t,
                seconds: DAY,
                blocks,
                work: d.hash_rate * DAY as f64,
                basis,
            }
        })
        .collect()
}

/// The difficulty in force at `t`: the latest adjustment at or before it. `difficulty` holds
/// one point per adjustment, sorted by time.
fn difficulty_at(difficulty: &[Point], t: UnixSeconds) -> Option<f64> {
    let after = difficulty.partition_point(|p| p.t <= t);
    after
        .checked_sub(1)
        .and_then(|i| difficulty.get(i))
        .map(|p| p.v)
        .filter(|d| d.is_finite() && *d > 0.0)
}

/// Samples from a daily hash-rate series (H/s, one point per UTC day) without block counts:
/// each day's count is implied from its hash rate and the difficulty in force at midday, or,
/// where no difficulty is known, 144 blocks are assumed.
pub fn samples_from_hash_rate(points: &[Point], difficulty: &[Point]) -> Vec<ChainSample> {
    points
        .iter()
        .map(|p| {
            let work = p.v * DAY as f64;
            let (blocks, basis) = match difficulty_at(difficulty, p.t + DAY / 2) {
                Some(d) => (
                    work / (d * HASHES_PER_DIFFICULTY),
                    BlockBasis::ImpliedByDifficulty,
                ),
                None => (TARGET_BLOCKS_PER_DAY, BlockBasis::Assumed),
            };
            ChainSample {
                start: p.t,
                seconds: DAY,
                blocks,
                work,
                basis,
            }
        })
        .collect()
}

/// `primary`'s samples, completed by `secondary`'s for the days `primary` does not cover.
pub fn merge_samples(primary: &[ChainSample], secondary: &[ChainSample]) -> Vec<ChainSample> {
    let mut out: Vec<ChainSample> = primary.to_vec();
    out.extend(secondary.iter().filter(|s| {
        !primary
            .iter()
            .any(|p| p.start < s.end() && s.start < p.end())
    }));
    crate::model::order::sort_by_i64(&mut out, |s| s.start);
    out
}

/// The hash rate over a window, with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HashRateEstimate {
    /// From the first sample's start to the last one's end.
    pub range: TimeRange,
    /// Seconds the samples cover (less than the range's span when days are missing).
    pub seconds: UnixSeconds,
    /// Blocks in the window.
    pub blocks: f64,
    /// Hashes done in the window.
    pub work: f64,
    /// Mean hash rate, H/s.
    pub hash_rate: f64,
    /// 95% interval for the mean hash rate, H/s.
    pub interval: Interval,
    /// The weakest basis of the window's block counts.
    pub basis: BlockBasis,
}

impl HashRateEstimate {
    /// The middle of the window, where a chart places it.
    pub fn midpoint(&self) -> UnixSeconds {
        self.range.start + self.range.span() / 2
    }
}

/// The estimate from `samples` (consecutive, as given): total work over total time, and
/// Garwood's interval for the total block count scaled by the window's work per block. `None`
/// when there are no samples, no blocks, or no time.
pub fn estimate_samples(samples: &[ChainSample]) -> Option<HashRateEstimate> {
    let first = samples.first()?;
    let last = samples.last()?;
    let seconds: UnixSeconds = samples.iter().map(|s| s.seconds).sum();
    let blocks: f64 = samples.iter().map(|s| s.blocks).sum();
    let work: f64 = samples.iter().map(|s| s.work).sum();
    if seconds <= 0 || !(blocks > 0.0 && work.is_finite()) {
        return None;
    }
    let hash_rate = work / seconds as f64;
    let interval = poisson_interval(blocks, CONFIDENCE)?.scaled(hash_rate / blocks);
    Some(HashRateEstimate {
        range: TimeRange::new(first.start, last.end()),
        seconds,
        blocks,
        work,
        hash_rate,
        interval,
        basis: samples.iter().map(|s| s.basis).max()?,
    })
}

/// The samples that lie wholly inside `range`.
pub fn samples_in(samples: &[ChainSample], range: TimeRange) -> Vec<ChainSample> {
    samples
        .iter()
        .filter(|s| range.start <= s.start && s.end() <= range.end)
        .copied()
        .collect()
}

/// The estimate for the samples wholly inside `range` (see [`estimate_samples`]).
pub fn estimate(samples: &[ChainSample], range: TimeRange) -> Option<HashRateEstimate> {
    estimate_samples(&samples_in(samples, range))
}

/// A centred rolling estimate: for every run of `window` consecutive, gap-free samples, the
/// estimate over them (placed at its midpoint by charts). Sorted samples in, sorted out.
pub fn rolling_estimates(samples: &[ChainSample], window: usize) -> Vec<HashRateEstimate> {
    if window == 0 {
        return Vec::new();
    }
    samples
        .windows(window)
        .filter(|run| run.windows(2).all(|pair| pair[0].end() == pair[1].start))
        .filter_map(estimate_samples)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(i: i64, blocks: u32, difficulty: f64) -> DayRecord {
        DayRecord {
            t: i * DAY,
            blocks: Some(blocks),
            hash_rate: f64::from(blocks) * difficulty * HASHES_PER_DIFFICULTY / DAY as f64,
        }
    }

    #[test]
    fn one_day_of_144_blocks() {
        let d = 24.0e12;
        let samples = samples_from_days(&[day(0, 144, d)]);
        let e = estimate_samples(&samples).unwrap();
        // H = 144 · 24e12 · 2^32 / 86400 = 1.71799e20 H/s (171.8 EH/s).
        assert!((e.hash_rate / 1.717_987e20 - 1.0).abs() < 1e-6, "{e:?}");
        // Garwood for 144: 121.4 … 169.5 blocks, so ×(121.4/144) … ×(169.5/144).
        assert!((e.interval.low / e.hash_rate - 121.4 / 144.0).abs() < 0.003);
        assert!((e.interval.high / e.hash_rate - 169.5 / 144.0).abs() < 0.003);
        assert_eq!(e.basis, BlockBasis::Counted);
    }

    #[test]
    fn a_difficulty_change_inside_the_window_weights_each_day_by_its_difficulty() {
        // 100 blocks at D, then 100 at 1.1·D over two days: 210·D·2^32 hashes in 2 days.
        let d = 20.0e12;
        let samples = samples_from_days(&[day(0, 100, d), day(1, 100, 1.1 * d)]);
        let e = estimate_samples(&samples).unwrap();
        let expected = 210.0 * d * HASHES_PER_DIFFICULTY / (2.0 * DAY as f64);
        assert!((e.hash_rate / expected - 1.0).abs() < 1e-12);
        assert_eq!(e.blocks, 200.0);
        assert_eq!(e.seconds, 2 * DAY);
    }

    #[test]
    fn block_counts_are_implied_from_difficulty_or_assumed() {
        let d = 24.0e12;
        let h = 150.0 * d * HASHES_PER_DIFFICULTY / DAY as f64;
        let points = [Point { t: 0, v: h }, Point { t: DAY, v: h }];
        // The adjustment at midday of day 0 is in force for day 0 (judged at midday).
        let difficulty = [Point { t: DAY / 2, v: d }];
        let samples = samples_from_hash_rate(&points, &difficulty);
        assert!(samples.iter().all(|s| (s.blocks - 150.0).abs() < 1e-9));
        assert!(samples
            .iter()
            .all(|s| s.basis == BlockBasis::ImpliedByDifficulty));
        let unknown = samples_from_hash_rate(&points, &[]);
        assert!(unknown
            .iter()
            .all(|s| s.blocks == 144.0 && s.basis == BlockBasis::Assumed));
        let e = estimate_samples(&unknown).unwrap();
        assert_eq!(e.basis, BlockBasis::Assumed);
    }

    #[test]
    fn rolling_windows_skip_gaps_and_narrow_the_band() {
        let d = 24.0e12;
        let mut days: Vec<DayRecord> = (0..10).map(|i| day(i, 144, d)).collect();
        days.push(day(12, 144, d));
        let samples = samples_from_days(&days);
        let rolling = rolling_estimates(&samples, 7);
        assert_eq!(rolling.len(), 4, "days 0–9 give four full windows");
        assert_eq!(rolling[0].midpoint(), 3 * DAY + DAY / 2);
        let one_day = estimate_samples(&samples[..1]).unwrap();
        let week = rolling[0];
        let width = |e: &HashRateEstimate| (e.interval.high - e.interval.low) / e.hash_rate;
        // √7 ≈ 2.65 times narrower.
        assert!((width(&one_day) / width(&week) - 7f64.sqrt()).abs() < 0.1);
        assert!(rolling_estimates(&samples, 0).is_empty());
    }

    #[test]
    fn estimates_over_a_range_and_merged_sources() {
        let d = 24.0e12;
        let counted = samples_from_days(&[day(1, 140, d), day(2, 150, d)]);
        let h = 144.0 * d * HASHES_PER_DIFFICULTY / DAY as f64;
        let implied = samples_from_hash_rate(
            &(0..4)
                .map(|i| Point { t: i * DAY, v: h })
                .collect::<Vec<_>>(),
            &[Point { t: 0, v: d }],
        );
        let merged = merge_samples(&counted, &implied);
        let blocks: Vec<f64> = merged.iter().map(|s| s.blocks.round()).collect();
        assert_eq!(blocks, [144.0, 140.0, 150.0, 144.0]);
        let e = estimate(&merged, TimeRange::new(DAY, 3 * DAY)).unwrap();
        assert_eq!(e.blocks, 290.0);
        assert_eq!(e.basis, BlockBasis::Counted);
        assert_eq!(estimate(&merged, TimeRange::new(DAY / 2, DAY)), None);
        // A missing day: the hash rate is over the time covered, not the span.
        let gappy = merge_samples(&counted, &[]);
        let e = estimate_samples(&[gappy[0], samples_from_days(&[day(5, 140, d)])[0]]).unwrap();
        assert_eq!((e.seconds, e.range.span()), (2 * DAY, 5 * DAY));
    }
}
