//! The disruptions list: the catalogue filtered by kind, country and year and sorted by time or
//! by observed impact, the choices its filters offer, the neighbours of the disruption on
//! screen, and the range a view of one shows.

use crate::analysis::impact::Impacts;
use crate::model::events::{DisruptionEvent, EventKind, EventOrigin};
use crate::model::order::{sort_by_f64_ascending, sort_by_i64};
use crate::model::region::COUNTRIES;
use crate::model::time::{CivilDate, TimeRange};

/// Which disruptions the list shows (`None`: any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisruptionFilter {
    /// Of this kind.
    pub kind: Option<EventKind>,
    /// In this country (ISO code).
    pub country: Option<String>,
    /// Overlapping this calendar year (UTC).
    pub year: Option<i64>,
}

impl DisruptionFilter {
    /// Whether `event` passes.
    pub fn admits(&self, event: &DisruptionEvent) -> bool {
        self.kind.is_none_or(|k| k == event.kind)
            && self.country.as_ref().is_none_or(|c| *c == event.country)
            && self.year.is_none_or(|y| {
                let (first, last) = years_of(event);
                (first..=last).contains(&y)
            })
    }
}

/// How the list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DisruptionOrder {
    /// Oldest first.
    #[default]
    Time,
    /// The largest observed drop in hash rate first; disruptions without an observed change
    /// (no chain data for them) last, oldest first.
    ObservedImpact,
}

impl DisruptionOrder {
    /// Both orders, as the sort control lists them.
    pub const ALL: [DisruptionOrder; 2] = [DisruptionOrder::Time, DisruptionOrder::ObservedImpact];

    /// The name a link or a control gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            DisruptionOrder::Time => "time",
            DisruptionOrder::ObservedImpact => "impact",
        }
    }
}

/// The first and last UTC year an event touches.
fn years_of(event: &DisruptionEvent) -> (i64, i64) {
    let first = CivilDate::from_unix(event.start).year;
    let last = CivilDate::from_unix((event.end - 1).max(event.start)).year;
    (first, last)
}

/// The events `filter` admits, in `order` (observed changes from `impacts`); equal keys keep
/// the catalogue's order.
pub fn listed<'a>(
    events: &'a [DisruptionEvent],
    impacts: &Impacts,
    filter: &DisruptionFilter,
    order: DisruptionOrder,
) -> Vec<&'a DisruptionEvent> {
    let mut out: Vec<&DisruptionEvent> = events.iter().filter(|e| filter.admits(e)).collect();
    sort_by_i64(&mut out, |e| e.start);
    if order == DisruptionOrder::ObservedImpact {
        sort_by_f64_ascending(&mut out, |e| impacts.get(&e.id).map(|i| i.observed.change));
    }
    out
}

/// What the filters offer: the kinds, countries (ISO codes) and years the catalogue holds,
/// each once, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterChoices {
    /// Kinds present, in [`EventKind::ALL`]'s order.
    pub kinds: Vec<EventKind>,
    /// Countries present, by code.
    pub countries: Vec<String>,
    /// Years touched, oldest first.
    pub years: Vec<i64>,
}

/// The choices the filters offer for `events`: countries in [`COUNTRIES`]' order (the
/// largest share of the hash rate first), any other after them.
pub fn filter_choices(events: &[DisruptionEvent]) -> FilterChoices {
    let mut choices = FilterChoices {
        kinds: EventKind::ALL
            .into_iter()
            .filter(|k| events.iter().any(|e| e.kind == *k))
            .collect(),
        countries: COUNTRIES
            .iter()
            .filter(|c| events.iter().any(|e| e.country == c.code))
            .map(|c| c.code.to_owned())
            .collect(),
        years: Vec::new(),
    };
    for event in events {
        if !choices.countries.contains(&event.country) {
            choices.countries.push(event.country.clone());
        }
        let (first, last) = years_of(event);
        for year in first..=last {
            if !choices.years.contains(&year) {
                choices.years.push(year);
            }
        }
    }
    sort_by_i64(&mut choices.years, |y| *y);
    choices
}

/// The disruption before (`step` −1) or after (+1) the one with id `current` in `list`; from
/// none, or one not in the list, the first (stepping forward) or the last (back). `None` at
/// either end.
pub fn neighbour<'a>(
    list: &[&'a DisruptionEvent],
    current: Option<&str>,
    step: isize,
) -> Option<&'a DisruptionEvent> {
    match current.and_then(|id| list.iter().position(|e| e.id == id)) {
        Some(i) => list.get(i.checked_add_signed(step)?).copied(),
        None if step > 0 => list.first().copied(),
        None => list.last().copied(),
    }
}

/// The catalogue's other disruptions written from public reports (curated) that overlap
/// `span` (the days an impact is measured over, its baseline included) and are of another
/// country or another kind: what else may have moved the hash rate then.
pub fn concurrent<'a>(
    events: &'a [DisruptionEvent],
    event: &DisruptionEvent,
    span: TimeRange,
) -> Vec<&'a DisruptionEvent> {
    events
        .iter()
        .filter(|e| e.origin == EventOrigin::Curated && e.id != event.id)
        .filter(|e| e.country != event.country || e.kind != event.kind)
        .filter(|e| e.start < span.end && span.start < e.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::event_view::view_range;
    use crate::model::test_support::event;
    use crate::model::time::parse_date;
    use crate::model::time::DAY;

    fn day(text: &str) -> i64 {
        parse_date(text).unwrap()
    }

    fn catalogue() -> Vec<DisruptionEvent> {
        let mut power = event("kz-power", day("2022-01-24"), day("2022-02-01"));
        power.kind = EventKind::Power;
        let mut crackdown = event("cn-ban", day("2021-05-21"), day("2021-07-01"));
        crackdown.country = "CN".into();
        crackdown.kind = EventKind::Policy;
        let mut new_year = event("ir-new-year", day("2019-12-31"), day("2020-01-02"));
        new_year.country = "IR".into();
        vec![
            power,
            event("kz-shutdown", day("2022-01-05"), day("2022-01-11")),
            crackdown,
            new_year,
        ]
    }

    fn ids(list: &[&DisruptionEvent]) -> Vec<String> {
        list.iter().map(|e| e.id.clone()).collect()
    }

    #[test]
    fn filters_by_kind_country_and_every_year_an_event_touches() {
        let events = catalogue();
        let list = |filter: DisruptionFilter| {
            ids(&listed(
                &events,
                &Impacts::default(),
                &filter,
                DisruptionOrder::Time,
            ))
        };
        assert_eq!(
            list(DisruptionFilter::default()),
            ["ir-new-year", "cn-ban", "kz-shutdown", "kz-power"]
        );
        let kazakhstan = DisruptionFilter {
            country: Some("KZ".into()),
            ..DisruptionFilter::default()
        };
        assert_eq!(list(kazakhstan.clone()), ["kz-shutdown", "kz-power"]);
        let power_in_kazakhstan = DisruptionFilter {
            kind: Some(EventKind::Power),
            ..kazakhstan
        };
        assert_eq!(list(power_in_kazakhstan), ["kz-power"]);
        for (year, expected) in [
            (2019, ["ir-new-year"]),
            (2020, ["ir-new-year"]),
            (2021, ["cn-ban"]),
        ] {
            let filter = DisruptionFilter {
                year: Some(year),
                ..DisruptionFilter::default()
            };
            assert_eq!(list(filter), expected, "{year}");
        }
    }

    #[test]
    fn the_choices_are_what_the_catalogue_holds_each_once() {
        let choices = filter_choices(&catalogue());
        assert_eq!(
            choices.kinds,
            [EventKind::Internet, EventKind::Power, EventKind::Policy]
        );
        assert_eq!(
            choices.countries,
            ["CN", "KZ", "IR"],
            "by share, as COUNTRIES lists them"
        );
        assert_eq!(choices.years, [2019, 2020, 2021, 2022]);
    }

    #[test]
    fn stepping_walks_the_list_and_stops_at_its_ends() {
        let events = catalogue();
        let list = listed(
            &events,
            &Impacts::default(),
            &DisruptionFilter::default(),
            DisruptionOrder::Time,
        );
        let id = |e: Option<&DisruptionEvent>| e.map(|e| e.id.clone());
        assert_eq!(
            id(neighbour(&list, Some("cn-ban"), 1)).as_deref(),
            Some("kz-shutdown")
        );
        assert_eq!(
            id(neighbour(&list, Some("cn-ban"), -1)).as_deref(),
            Some("ir-new-year")
        );
        assert_eq!(id(neighbour(&list, Some("ir-new-year"), -1)), None);
        assert_eq!(id(neighbour(&list, Some("kz-power"), 1)), None);
        assert_eq!(
            id(neighbour(&list, None, 1)).as_deref(),
            Some("ir-new-year")
        );
        assert_eq!(
            id(neighbour(&list, Some("gone"), -1)).as_deref(),
            Some("kz-power")
        );
        assert_eq!(id(neighbour(&[], None, 1)), None);
    }

    #[test]
    fn concurrent_disruptions_are_other_curated_ones_of_another_country_or_kind() {
        let mut events = catalogue();
        let mut iran_ban = event("ir-ban", day("2021-05-26"), day("2021-09-23"));
        iran_ban.country = "IR".into();
        iran_ban.kind = EventKind::Policy;
        let mut iran_outage = event("ir-outage", day("2021-06-27"), day("2021-06-28"));
        iran_outage.country = "IR".into();
        let mut detected = event("ioda-1", day("2021-06-01"), day("2021-06-02"));
        detected.origin = EventOrigin::IodaVerified;
        events.extend([iran_ban, iran_outage.clone(), detected]);
        let span = TimeRange::new(day("2021-06-13"), day("2021-06-28"));
        assert_eq!(
            ids(&concurrent(&events, &iran_outage, span)),
            ["cn-ban", "ir-ban"],
            "the crackdown (another country) and the ban (another kind), not detections"
        );
        // Kazakhstan's shutdown: its power cut starts after the span; nothing else overlaps.
        let shutdown = &events[1];
        assert!(concurrent(
            &events,
            shutdown,
            TimeRange::new(day("2021-12-22"), day("2022-01-11"))
        )
        .is_empty());
    }

    #[test]
    fn a_view_holds_the_baseline_the_event_and_a_week_after() {
        let events = catalogue();
        // 5–10 Jan 2022: from 21 Dec 2021 (15 days before) to 18 Jan 2022 (7 after), 28
        // days, widened by a day on each side to 30.
        let shutdown = view_range(&events[1]);
        assert_eq!(
            shutdown,
            TimeRange::new(day("2021-12-20"), day("2022-01-19"))
        );
        // A long one is not narrowed.
        let crackdown = view_range(&events[2]);
        assert_eq!(crackdown.start, day("2021-05-06"));
        assert_eq!(crackdown.end, day("2021-07-08"));
        // An hour's outage still gets a month.
        let hour = event(
            "short",
            day("2022-01-25") + 6 * 3600,
            day("2022-01-25") + 10 * 3600,
        );
        assert_eq!(view_range(&hour).span(), 30 * DAY);
    }
}
