//! Every curated disruption is sourced and timed in UTC, and the impact of events of different
//! kinds is what the bundled yearly chain data give, checked against a calculation by hand from
//! `shared/data/coinmetrics_btc_daily_blocks_hashrate_2019-01-01_2025-12-29.csv` and CBECI's
//! monthly export (the numbers in the comments come from those files, not from the code).
#![cfg(not(target_arch = "wasm32"))]

use minewatch::analysis::hash_rate::samples_from_days;
use minewatch::analysis::impact::{assess_event, event_days, ImpactAssessment, ObservedChange};
use minewatch::model::events::{DisruptionEvent, EventKind, EventOrigin};
use minewatch::model::snapshot::{
    parse_event_catalogue, parse_hash_rate_snapshot, parse_share_snapshot, HashRateSnapshot,
};
use minewatch::model::time::{parse_date, TimeRange, DAY};
use minewatch::snapshot::curated_events;
use minewatch::text::format::format_day_span;
use minewatch::text::impact::assessment_sentence;
use minewatch::text::{event_place, kind_name};

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

fn catalogue_event(id: &str) -> DisruptionEvent {
    parse_event_catalogue(&read("static/data/events.json"))
        .unwrap()
        .events
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} is not in the catalogue"))
}

/// The bundled years `first..=last` of daily chain data, joined.
fn years(first: i64, last: i64) -> HashRateSnapshot {
    let mut joined: Option<HashRateSnapshot> = None;
    for year in first..=last {
        let data = parse_hash_rate_snapshot(&read(&format!("static/data/chain-{year}.json")))
            .unwrap_or_else(|e| panic!("chain-{year}.json: {e}"));
        joined = Some(match joined {
            Some(j) => j.with_days_of(&data.daily),
            None => data,
        });
    }
    joined.unwrap()
}

fn assess(id: &str, first_year: i64, last_year: i64) -> (DisruptionEvent, ImpactAssessment) {
    let event = catalogue_event(id);
    let samples = samples_from_days(&years(first_year, last_year).daily.days);
    let shares = parse_share_snapshot(&read("static/data/shares.json")).unwrap();
    let impact = assess_event(&samples, Some(&shares.table), &[], &event).unwrap();
    println!("{id}: {}", assessment_sentence(&impact));
    (event, impact)
}

/// Checks `observed` against figures worked out by hand: the block counts exactly, the change
/// to ±0.05 points and the interval's bounds to ±0.4 points (the exact interval is a little
/// wider than the normal approximation computed by hand).
fn assert_observed(
    observed: &ObservedChange,
    blocks: (f64, f64),
    change: f64,
    interval: (f64, f64),
) {
    assert_eq!((observed.window.blocks, observed.baseline.blocks), blocks);
    assert!(close(observed.change, change, 0.0005), "{observed:?}");
    assert!(
        close(observed.interval.low, interval.0, 0.004),
        "{observed:?}"
    );
    assert!(
        close(observed.interval.high, interval.1, 0.004),
        "{observed:?}"
    );
}

fn days(first: &str, last: &str) -> TimeRange {
    TimeRange::new(parse_date(first).unwrap(), parse_date(last).unwrap() + DAY)
}

#[test]
fn every_curated_event_is_sourced_and_timed_in_utc() {
    let curated = curated_events().expect("data/disruptions.json is a valid catalogue");
    assert!(curated.len() >= 20, "{} events", curated.len());
    let bundled = parse_event_catalogue(&read("static/data/events.json")).unwrap();
    for event in &curated {
        // Each record reaches the bundled catalogue as written.
        assert!(
            bundled.events.contains(event),
            "{} is not bundled as written",
            event.id
        );
        assert_eq!(event.origin, EventOrigin::Curated);
        assert!(event.start < event.end, "{}", event.id);
        // UTC: whole days start at midnight, hours on the minute.
        assert_eq!(event.start % 60, 0, "{}", event.id);
        assert!(!event.evidence.is_empty(), "{}", event.id);
        for source in &event.evidence {
            let url = source.url.as_deref().unwrap_or("");
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{}",
                event.id
            );
            assert!(!source.source.is_empty() && !source.finding.is_empty());
            let published = source.published.as_deref().unwrap_or("");
            assert!(parse_date(published).is_ok(), "{}: {published:?}", event.id);
        }
    }
    // Every kind of disruption is represented.
    for kind in EventKind::ALL {
        assert!(curated.iter().any(|e| e.kind == kind), "{kind:?}");
    }
}

// Winter Storm Uri, Texas (weather), 11–19 Feb 2021 against 28 Jan – 10 Feb:
//   BlkCnt 1,277 against 2,091; mean HashRate 151.21 against 156.24 EH/s: −3.22%;
//   normal approximation √(1/1277 + 1/2091) = 0.0355 → −9.7% to +3.8%.
//   Expected: a sub-national region without a cited share of its country, so the bound is the
//   United States' whole share in Feb 2021 (CBECI 13.37%).
#[test]
fn winter_storm_uri_is_within_the_noise_of_block_discovery() {
    let (event, impact) = assess("us-2021-02-winter-storm-uri", 2021, 2021);
    assert_eq!(event.kind, EventKind::Weather);
    assert_eq!(
        event_days(event.start, event.end),
        days("2021-02-11", "2021-02-19")
    );
    let observed = &impact.observed;
    assert_observed(observed, (1_277.0, 2_091.0), -0.0322, (-0.097, 0.038));
    let expected = impact.expected.as_ref().unwrap();
    assert!(expected.full_outage_bound);
    assert!(close(expected.change, -0.1337, 1e-9), "{expected:?}");
    assert!(observed.interval.low < 0.0 && observed.interval.high > 0.0);
}

// Winter Storm Elliott (weather), 23–25 Dec 2022 against 9–22 Dec: BlkCnt 362 against 2,015;
//   mean HashRate 212.13 against 246.87 EH/s: −14.07%; normal approximation
//   √(1/362 + 1/2015) = 0.0571 → −23.2% to −3.9%, so a measured drop. CBECI's last month is
//   Jan 2022: the United States' 37.84% then bounds what a full outage would do.
#[test]
fn winter_storm_elliott_is_a_measured_drop() {
    let (event, impact) = assess("us-2022-12-winter-storm-elliott", 2022, 2022);
    assert_eq!(event.kind, EventKind::Weather);
    let observed = &impact.observed;
    assert_observed(observed, (362.0, 2_015.0), -0.1407, (-0.232, -0.039));
    let expected = impact.expected.as_ref().unwrap();
    assert!(close(expected.change, -0.3784, 1e-9), "{expected:?}");
    assert_eq!(
        expected.regions[0].share_month,
        parse_date("2022-01-01").unwrap()
    );
    assert!(expected.nearest_month && expected.mining_stopped);
    let sentence = assessment_sentence(&impact);
    assert!(
        sentence.contains("(37.8% of the hash rate in Jan 2022, the nearest month published"),
        "{sentence}"
    );
    assert!(
        sentence
            .contains("had all stopped: −37.8% (a bound: how much of it stopped is not measured)"),
        "{sentence}"
    );
}

// China's crackdown (policy), 21 May – 30 Jun 2021 (41 days) against 7–20 May: the mean hash
//   rate over the weeks of the crackdown against the two weeks before it. BlkCnt 4,891 against
//   2,061; mean HashRate 127.56 against 165.74 EH/s: −23.04%; normal approximation
//   √(1/4891 + 1/2061) = 0.0263 → −26.9% to −19.0%. Expected: China's whole share in May 2021
//   (CBECI 43.98%), a bound, since the ban's reach is not measured.
#[test]
fn the_china_crackdown_is_a_measured_drop_smaller_than_the_bound() {
    let (event, impact) = assess("cn-2021-05-mining-crackdown", 2021, 2021);
    assert_eq!(event.kind, EventKind::Policy);
    assert_eq!(
        event_days(event.start, event.end),
        days("2021-05-21", "2021-06-30")
    );
    let observed = &impact.observed;
    assert_observed(observed, (4_891.0, 2_061.0), -0.2304, (-0.269, -0.190));
    let expected = impact.expected.as_ref().unwrap();
    assert!(expected.full_outage_bound);
    assert!(close(expected.change, -0.4398, 1e-9), "{expected:?}");
    let sentence = assessment_sentence(&impact);
    assert!(
        sentence.contains("Observed 21 May – 30 Jun 2021 against 7–20 May 2021: −23.0%"),
        "{sentence}"
    );
}

/// Every curated disruption the bundled chain data cover (2019 – 2025, with two weeks before
/// it) has an observed change with its interval, and where CBECI publishes shares (or a
/// nearest month) an expected change. Prints the catalogue as a table (`--nocapture`).
#[test]
fn every_covered_curated_disruption_has_an_observed_change() {
    let chain = years(2019, 2025);
    let samples = samples_from_days(&chain.daily.days);
    let last_day = chain.daily.days.last().unwrap().t + DAY;
    let shares = parse_share_snapshot(&read("static/data/shares.json")).unwrap();
    let percent = |x: f64| format!("{:+.1}%", x * 100.0).replace('-', "−");
    println!("| event | kind | region | observed change (95% interval) | expected change |");
    println!("|---|---|---|---|---|");
    let mut measured = 0;
    for event in curated_events().unwrap() {
        // Covered: the chain data hold its first day (a window running past their end is
        // measured over the days they hold, and says so).
        let covered = event_days(event.start, event.end).start < last_day;
        let impact = assess_event(&samples, Some(&shares.table), &[], &event);
        assert_eq!(impact.is_some(), covered, "{}", event.id);
        let observed = impact
            .as_ref()
            .map_or("not covered (after 29 Dec 2025)".into(), |i| {
                let o = &i.observed;
                format!(
                    "{} ({} to {}), {}",
                    percent(o.change),
                    percent(o.interval.low),
                    percent(o.interval.high),
                    format_day_span(o.window.range)
                )
            });
        let expected =
            impact
                .as_ref()
                .and_then(|i| i.expected.as_ref())
                .map_or("–".into(), |e| {
                    let bound = if e.full_outage_bound { ", a bound" } else { "" };
                    format!("{}{bound}", percent(e.change))
                });
        if let Some(i) = &impact {
            assert!(i.observed.interval.low <= i.observed.change);
            assert!(i.observed.change <= i.observed.interval.high);
            measured += 1;
        }
        println!(
            "| {} | {} | {} | {observed} | {expected} |",
            event.title,
            kind_name(event.kind),
            event_place(&event),
        );
    }
    assert!(measured >= 20, "{measured} measured");
}
