//! Which sources the widget fetches, in what order of fallbacks, and what a settled source
//! delivered (its data, how they came, and what is missing).

use crate::model::provenance::Provenance;
use crate::model::source::DataMode;
use crate::model::time::{TimeRange, UnixSeconds, DAY};

/// The most one set of live requests covers: a longer view gets IODA's data for its last
/// 366 days only, so any link costs at most 4 windows × 3 signals + 1 events request
/// (IODA's windows are under 100 days).
pub const MAX_LIVE_SPAN: UnixSeconds = 366 * DAY;

/// What to ask a live source for a view: whole UTC days around it (so nearby views share cached
/// answers), at most its last [`MAX_LIVE_SPAN`]; and whether it had to be cut.
pub fn live_range(view: TimeRange) -> (TimeRange, bool) {
    let end = view
        .end
        .div_euclid(DAY)
        .saturating_add(1)
        .saturating_mul(DAY);
    let end = if view.end.rem_euclid(DAY) == 0 {
        view.end
    } else {
        end
    };
    let start = view.start.div_euclid(DAY).saturating_mul(DAY);
    let narrowed = end.saturating_sub(start) > MAX_LIVE_SPAN;
    let start = if narrowed { end - MAX_LIVE_SPAN } else { start };
    (TimeRange::new(start, end), narrowed)
}

/// One place a source's data can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A cached answer younger than the source's time to live.
    FreshCache,
    /// The live API.
    Live,
    /// A cached answer of any age.
    StaleCache,
    /// The bundled snapshot.
    Snapshot,
}

/// The places to look for a source's data in `mode`, in order.
pub fn steps(mode: DataMode) -> &'static [Step] {
    match mode {
        DataMode::Auto => &[
            Step::FreshCache,
            Step::Live,
            Step::StaleCache,
            Step::Snapshot,
        ],
        DataMode::Live => &[Step::FreshCache, Step::Live],
        DataMode::Snapshot => &[Step::Snapshot],
    }
}

/// Where a fetched source's data came from: the live API or the cache. (Falling back to the
/// bundled snapshot is [`Settled::Snapshot`], not data the source provided.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provided {
    /// From the live API just now.
    Live {
        /// When it was fetched.
        fetched_at: UnixSeconds,
    },
    /// From the browser's cache, stored at this time.
    Cached {
        /// When it was fetched.
        stored_at: UnixSeconds,
        /// Whether it is past its time to live.
        stale: bool,
    },
    /// From the bundled snapshot, whose manifest says it covers the view: in `auto` mode the
    /// API is then not asked. Its credit and retrieval date.
    Bundled(Provenance),
}

/// What loading one source came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled<T> {
    /// Data from the live API or the cache.
    Data {
        /// The parsed data.
        data: T,
        /// Where it came from.
        provided: Provided,
        /// Why the live API was not used, if it was tried and failed.
        failure: Option<String>,
    },
    /// Nothing usable: fall back to the bundled snapshot.
    Snapshot {
        /// Why the live API was not used, if it was tried.
        failure: Option<String>,
    },
    /// Nothing usable, and the mode allows no snapshot.
    Failed {
        /// Why.
        failure: String,
    },
}

/// What a live answer lacks: requests unanswered, answers taken from an older copy, answers
/// that could not be used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gaps {
    /// The requests in all.
    pub total: usize,
    /// How many got no answer (and no older copy).
    pub unanswered: usize,
    /// Why the first of them failed.
    pub error: Option<String>,
    /// How many were filled from an older copy.
    pub older: usize,
    /// How many answers could not be used.
    pub unusable: usize,
    /// Why the first of them could not.
    pub unusable_error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_ranges_are_whole_days_and_at_most_a_year() {
        let day = |d: i64| d * DAY;
        assert_eq!(
            live_range(TimeRange::new(day(10) + 5, day(20) + 7)),
            (TimeRange::new(day(10), day(21)), false)
        );
        assert_eq!(
            live_range(TimeRange::new(day(10), day(20))),
            (TimeRange::new(day(10), day(20)), false)
        );
        let (range, narrowed) = live_range(TimeRange::new(day(0), day(5000)));
        assert!(narrowed);
        assert_eq!(range, TimeRange::new(day(5000) - MAX_LIVE_SPAN, day(5000)));
        assert_eq!(
            crate::sources::ioda::signal_windows(range.start, range.end).len(),
            4
        );
    }

    #[test]
    fn modes_parse_and_order_their_steps() {
        assert_eq!(DataMode::parse(" Live "), Some(DataMode::Live));
        assert_eq!(DataMode::parse("offline"), None);
        assert_eq!(steps(DataMode::default()).first(), Some(&Step::FreshCache));
        assert_eq!(steps(DataMode::Auto).last(), Some(&Step::Snapshot));
        assert!(!steps(DataMode::Live).contains(&Step::Snapshot));
        assert_eq!(steps(DataMode::Snapshot), &[Step::Snapshot]);
    }
}
