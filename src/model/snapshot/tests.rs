use super::*;
use crate::model::test_support::{hash_rate_snapshot, history_snapshot};
use crate::model::time::parse_date;

fn sample() -> HashRateSnapshot {
    hash_rate_snapshot(vec![
        DayRecord::from((0, Some(144), 1.7e20)),
        DayRecord::from((DAY, None, 1.8e20)),
    ])
}

fn history() -> HistorySnapshot {
    history_snapshot(vec![Point::from((0, 1.0e5)), Point::from((4 * DAY, 2.0e5))])
}

#[test]
fn round_trips_through_json() {
    let text = serde_json::to_string(&sample()).unwrap();
    assert!(
        text.contains("[0,144,1.7e+20],[86400,null,1.8e+20]"),
        "{text}"
    );
    assert_eq!(parse_hash_rate_snapshot(&text), Ok(sample()));
    let text = serde_json::to_string(&history()).unwrap();
    assert_eq!(parse_history_snapshot(&text), Ok(history()));
}

#[test]
fn the_history_around_a_view_keeps_one_point_beyond_each_edge() {
    let every_4_days = (0..10).map(|i| Point::from((i * 4 * DAY, 1.0e5))).collect();
    let history = history_snapshot(every_4_days);
    let around = history.overlapping(TimeRange::new(9 * DAY, 17 * DAY));
    let times: Vec<_> = around.long_range.points.iter().map(|p| p.t / DAY).collect();
    assert_eq!(
        times,
        [8, 12, 16, 20],
        "the line reaches both edges of the view"
    );
    assert_eq!(around.long_range.provenance, history.long_range.provenance);
    let text = serde_json::to_string(&around).unwrap();
    assert_eq!(parse_history_snapshot(&text), Ok(around));
}

#[test]
fn the_years_on_offer_round_trip() {
    let with_years = HashRateSnapshot {
        years: Some([2019, 2025]),
        ..sample()
    };
    let text = serde_json::to_string(&with_years).unwrap();
    assert!(text.contains(r#""years":[2019,2025]"#), "{text}");
    assert_eq!(parse_hash_rate_snapshot(&text), Ok(with_years));
    assert!(!serde_json::to_string(&sample()).unwrap().contains("years"));
    assert_eq!(chain_year_path(2021), "data/chain-2021.json");
}

/// Days `from` (inclusive) to `until` (exclusive), `YYYY-MM-DD`, 144 blocks each.
fn days(from: &str, until: &str) -> Vec<DayRecord> {
    let (from, until) = (parse_date(from).unwrap(), parse_date(until).unwrap());
    (0..(until - from) / DAY)
        .map(|i| DayRecord::from((from + i * DAY, Some(144), 1.7e20)))
        .collect()
}

#[test]
fn a_view_fetches_only_the_years_whose_days_are_missing() {
    // The opening slice: 12 Dec 2021 – 14 Jan 2022, with 2019–2025 on offer.
    let opening = HashRateSnapshot {
        years: Some([2019, 2025]),
        ..hash_rate_snapshot(days("2021-12-12", "2022-01-15"))
    };
    let range = |a: &str, b: &str| TimeRange::new(parse_date(a).unwrap(), parse_date(b).unwrap());
    // The opening view itself is covered.
    assert_eq!(opening.years_to_fetch(OPENING_VIEW, &[]), Vec::<i64>::new());
    // With the 14 days before it, it reaches 28 Nov 2021: 2021 is needed, 2022 is not.
    let with_lead = TimeRange::new(OPENING_VIEW.start - 14 * DAY, OPENING_VIEW.end);
    assert_eq!(opening.years_to_fetch(with_lead, &[]), vec![2021]);
    // A view across 2020–2021 needs both; one already asked for is not asked again.
    let crackdown = range("2020-12-01", "2021-08-01");
    assert_eq!(opening.years_to_fetch(crackdown, &[]), vec![2020, 2021]);
    assert_eq!(opening.years_to_fetch(crackdown, &[2020]), vec![2021]);
    // Years outside the files on offer are never asked for.
    assert_eq!(
        opening.years_to_fetch(range("2016-01-01", "2019-02-01"), &[]),
        vec![2019]
    );
    assert_eq!(
        opening.years_to_fetch(range("2026-01-01", "2026-06-01"), &[]),
        Vec::<i64>::new()
    );
    // Without the `years` field (an older or refreshed file), nothing is fetched.
    let plain = hash_rate_snapshot(days("2021-12-12", "2022-01-15"));
    assert_eq!(plain.years_to_fetch(crackdown, &[]), Vec::<i64>::new());

    // Once 2021 is in, the crackdown view needs only 2020.
    let year = hash_rate_snapshot(days("2021-01-01", "2022-01-01"));
    let merged = opening.with_days_of(&year.daily);
    assert_eq!(merged.years_to_fetch(crackdown, &[]), vec![2020]);
    // Days are merged in order, without repeats, keeping the days already there.
    assert_eq!(merged.daily.days.len(), 365 + 14);
    assert!(merged.daily.days.windows(2).all(|w| w[0].t + DAY == w[1].t));
    assert_eq!(merged.years, Some([2019, 2025]));
}

#[test]
fn rejects_bad_snapshots() {
    let mut s = sample();
    s.format = 1;
    assert_eq!(
        validate_hash_rate_snapshot(s),
        Err(SnapshotError::UnsupportedFormat { found: 1 })
    );

    let mut s = sample();
    s.daily.days[1].hash_rate = 1e40;
    assert!(matches!(
        validate_hash_rate_snapshot(s),
        Err(SnapshotError::BadSeries { .. })
    ));

    let mut s = sample();
    s.daily.days[1].t = 3 * DAY;
    assert_eq!(
        validate_hash_rate_snapshot(s),
        Err(SnapshotError::DailyGap("1970-01-04".into()))
    );

    let mut h = history();
    h.long_range.points.reverse();
    assert!(matches!(
        validate_history_snapshot(h),
        Err(SnapshotError::Malformed(_))
    ));

    for text in ["", "<html>", "{}", "[]", "{\"format\":2}"] {
        assert!(matches!(
            parse_hash_rate_snapshot(text),
            Err(SnapshotError::Malformed(_))
        ));
    }
}
