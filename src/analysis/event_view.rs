//! The range a view of a disruption shows when it is opened (from the list or a link's
//! `event=`): the days its impact is measured against, its own days, and the recovery after.

use super::impact::{event_days, BASELINE_DAYS};
use crate::model::events::DisruptionEvent;
use crate::model::time::{TimeRange, DAY};

/// Days shown after a disruption when it is opened, to see the hash rate recover.
const DAYS_AFTER: i64 = 7;

/// The narrowest view of a disruption, in days: a short outage still gets a month of context.
const MIN_VIEW_DAYS: i64 = 30;

/// The range a view of `event` shows: the [`BASELINE_DAYS`] before it (what its impact is
/// measured against) and a day more, its days, and [`DAYS_AFTER`]; widened evenly to
/// [`MIN_VIEW_DAYS`] for a short one. Whole UTC days.
pub fn view_range(event: &DisruptionEvent) -> TimeRange {
    let days = event_days(event.start, event.end);
    let start = days.start - (BASELINE_DAYS + 1) * DAY;
    let end = days.end.max(days.start + DAY) + DAYS_AFTER * DAY;
    let short = (MIN_VIEW_DAYS * DAY - (end - start)).max(0) / DAY;
    TimeRange::new(start - short / 2 * DAY, end + (short - short / 2) * DAY)
}
