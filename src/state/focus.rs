//! Where the reader looks: the country in focus, a disruption opened, and what the view shows
//! (its span, month of shares, events and their impacts).

use std::rc::Rc;

use super::{AppState, LoadStatus};
use crate::analysis::event_view::view_range;
use crate::analysis::impact::{assess_event, Impacts};
use crate::fetching::summary::StatusNote;
use crate::model::events::DisruptionEvent;
use crate::model::region::{country_by_code, Country};
use crate::model::shares::MonthShares;
use crate::model::snapshot::HashRateSeries;
use crate::model::source::SourceId;
use crate::model::time::{TimeRange, UnixSeconds, DAY};
use crate::model::view::Viewport;

impl AppState {
    /// The country in focus becomes `country`: no event chosen, its connectivity loading.
    pub(super) fn focus_country(&mut self, country: &'static Country) {
        if country.code == self.country.code {
            return;
        }
        self.country = country;
        self.connectivity_range = self.viewport.range;
        self.selected_event = None;
        self.connectivity = Rc::new(Vec::new());
        self.baselines = Rc::new(Vec::new());
        self.set_ioda_loading();
    }

    /// IODA's status: loading for the country in focus.
    pub(super) fn set_ioda_loading(&mut self) {
        let note = StatusNote::Loading {
            country: Some(self.country.code.to_owned()),
        };
        self.set_status(SourceId::Ioda.into(), LoadStatus::Loading, None, note);
    }

    /// Shows the event with id `id` (if known): its country in focus, the range
    /// [`view_range`] gives it, and it selected; `as_opening` makes that range the one Reset
    /// returns to (a link's `event=`).
    pub(super) fn open_event(&mut self, id: &str, as_opening: bool) {
        let Some(event) = self.events.iter().find(|e| e.id == id) else {
            return;
        };
        let range = view_range(event);
        if let Some(country) = country_by_code(&event.country) {
            self.focus_country(country);
        }
        // The connectivity of the disruption's own days (the country's, if unchanged, only
        // covers the range that was shown).
        if self.connectivity_range != range {
            self.connectivity_range = range;
            self.set_ioda_loading();
        }
        self.viewport = if as_opening {
            Viewport::new(range, range)
        } else {
            self.viewport.showing(range)
        };
        self.selected_event = Some(id.to_owned());
        self.share_month = None;
    }

    /// The long-range history as the chart draws it: the whole history once loaded, else its
    /// opening points while the range shown lies within them (a line cut short is not drawn).
    pub fn history_drawn(&self) -> Option<&Rc<HashRateSeries>> {
        let range = self.viewport.range;
        let spans_range = |h: &&Rc<HashRateSeries>| {
            let (first, last) = (h.points.first(), h.points.last());
            first
                .zip(last)
                .is_some_and(|(a, b)| a.t <= range.start && b.t >= range.end)
        };
        (self.history.as_ref()).or_else(|| self.opening_history.as_ref().filter(spans_range))
    }

    /// The time the data cover (hash rate, connectivity and the range shown), which zooming
    /// out and panning stop at.
    pub fn data_extent(&self) -> TimeRange {
        let (initial, shown) = (self.viewport.initial, self.viewport.range);
        let mut spans = vec![(initial.start, initial.end), (shown.start, shown.end)];
        if let Some(snapshot) = &self.hash_rate {
            spans.extend(snapshot.daily_span().map(|(a, b)| (a, b + DAY)));
        }
        if let Some(history) = &self.history {
            if let (Some(a), Some(b)) = (history.points.first(), history.points.last()) {
                spans.push((a.t, b.t));
            }
        }
        for (_, points) in &self.live_hash_rate {
            if let (Some(a), Some(b)) = (points.first(), points.last()) {
                spans.push((a.t, b.t + DAY));
            }
        }
        spans.extend(self.connectivity.iter().map(|c| (c.from, c.until())));
        let start = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let end = spans.iter().map(|s| s.1).max().unwrap_or(DAY);
        TimeRange::new(start, end)
    }

    /// The moment the map shows connectivity for: the timeline's cursor, else the middle of the
    /// selected event, else the end of the range shown.
    pub fn status_time(&self) -> UnixSeconds {
        self.viewport.cursor.unwrap_or_else(|| {
            self.selected_event()
                .map_or(self.viewport.range.end, |e| e.start + (e.end - e.start) / 2)
        })
    }

    /// The month of shares the map shows: the one chosen, else the latest published at or
    /// before [`AppState::status_time`], else the earliest.
    pub fn shown_month(&self) -> Option<&MonthShares> {
        let shares = self.shares.as_deref()?;
        self.share_month
            .and_then(|m| shares.months.iter().find(|s| s.month == m))
            .or_else(|| shares.month_at(self.status_time()))
            .or_else(|| shares.months.first())
    }

    /// Whether the map's month is the nearest published to [`AppState::status_time`] rather
    /// than its own month (and the reader did not choose it).
    pub fn shown_month_is_nearest(&self) -> bool {
        self.share_month.is_none()
            && self
                .shown_month()
                .is_some_and(|m| !m.covers(self.status_time()))
    }

    /// The events of the country in focus that overlap the view, oldest first.
    pub fn events_in_view(&self) -> Vec<&DisruptionEvent> {
        self.events
            .iter()
            .filter(|e| {
                let view = self.viewport.range;
                e.country == self.country.code && e.overlaps(view.start, view.end)
            })
            .collect()
    }

    /// The most recent disruption, anywhere, that began before the range shown ends.
    pub fn latest_disruption(&self) -> Option<&DisruptionEvent> {
        let end = self.viewport.range.end;
        (self.events.iter())
            .filter(|e| e.start < end)
            .max_by_key(|e| e.start)
    }

    /// The event the impact panel explains: the one chosen, else the longest in view.
    pub fn selected_event(&self) -> Option<&DisruptionEvent> {
        let in_view = self.events_in_view();
        self.selected_event
            .as_ref()
            .and_then(|id| in_view.iter().find(|e| &e.id == id).copied())
            .or_else(|| in_view.into_iter().max_by_key(|e| e.end - e.start))
    }

    /// Expected against observed impact of every event (by id) the chain data cover, for the
    /// timeline, the impact panel and the disruptions list.
    pub fn impacts(&self) -> Impacts {
        self.events
            .iter()
            .filter_map(|e| {
                let impact = assess_event(
                    &self.chain_samples,
                    self.shares.as_deref(),
                    &self.baselines,
                    e,
                )?;
                Some((e.id.clone(), impact))
            })
            .collect()
    }
}
