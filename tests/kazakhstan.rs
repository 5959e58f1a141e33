//! The Kazakhstan shutdown of January 2022 with the bundled real data: the figures the widget
//! shows, checked against a calculation by hand from the reference files (the numbers in the
//! comments come from `shared/data/`, not from the code under test).
#![cfg(not(target_arch = "wasm32"))]

use minewatch::analysis::baseline::BaselineSeries;
use minewatch::analysis::disruption::{detect, DetectionConfig, Severity};
use minewatch::analysis::hash_rate::samples_from_days;
use minewatch::analysis::impact::{
    assess_event, event_days, expected_change, measured_connectivity, observed_change,
    AffectedRegion, MeasuredConnectivity, Verdict,
};
use minewatch::model::connectivity::Signal;
use minewatch::model::snapshot::{
    parse_event_catalogue, parse_hash_rate_snapshot, parse_share_snapshot,
};
use minewatch::model::time::{parse_date, TimeRange, DAY, HOUR};
use minewatch::sources::ioda::parse_signals;
use minewatch::text::impact::{assessment_sentence, expected_sentence, verdict_sentence};

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn days(first: &str, last: &str) -> TimeRange {
    let (Ok(first), Ok(last)) = (parse_date(first), parse_date(last)) else {
        panic!("bad dates {first} {last}");
    };
    TimeRange::new(first, last + DAY)
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

// By hand, from coinmetrics_btc_hashrate_2021-12-12_2022-01-14.csv (BlkCnt) and the difficulty
// in PROVENANCE.md (D1 = 24.1953 T to 25 Dec, D2 = 24.27233 T, D3 = 24.37187 T from 8 Jan; the
// two adjustment days have the mean difficulty of their blocks, 24.24508 T and 24.34492 T, from
// HashRate × 86400 / (BlkCnt × 2^32)):
//
// Baseline 22 Dec – 4 Jan (14 days, 1,209,600 s): blocks 148+152+151 = 451 at D1, 147 on 25 Dec,
//   134+148+134+145+119+149+172+158+140+147 = 1,446 at D2; N_B = 2,044.
//   Work / 2^32 = 451·24.19529 + 147·24.24508 + 1446·24.27233 = 49,573.9 T.
//   H_B = 49,573.9e12 · 2^32 / 1,209,600 = 1.7602e20 H/s (176.0 EH/s).
// Window 5–10 Jan (6 days, 518,400 s): 150+146+140 = 436 at D2, 144 on 8 Jan, 141+142 = 283 at
//   D3; N_W = 863. Work / 2^32 = 436·24.27233 + 144·24.34492 + 283·24.37187 = 20,985.65 T.
//   H_W = 20,985.65e12 · 2^32 / 518,400 = 1.7387e20 H/s (173.9 EH/s).
// Observed change: H_W / H_B − 1 = (863/6)/(2044/14) × (20,985.65/863)/(49,573.9/2044) − 1
//   = 0.985160 × 1.002627 − 1 = −1.23%.
// Interval: with se(ln ratio) = √(1/863 + 1/2044) = 0.04059, the normal approximation gives
//   0.98775 · e^(±1.96 · 0.04059) = 0.9122 … 1.0696, i.e. −8.8% to +7.0%; the exact
//   (Clopper–Pearson) interval is a little wider, so the bounds are checked to ±0.4 points.
// Expected: CBECI Jan 2022 gives Kazakhstan 13.22%; at 5% connectivity the loss is
//   0.1322 × 0.95 = 12.559%; with connectivity unknown, at most 13.22%.

#[test]
fn observed_change_over_the_shutdown_is_inside_the_noise() {
    let snapshot = parse_hash_rate_snapshot(&read("static/data/hashrate.json")).unwrap();
    let samples = samples_from_days(&snapshot.daily.days);
    let observed = observed_change(
        &samples,
        days("2022-01-05", "2022-01-10"),
        days("2021-12-22", "2022-01-04"),
    )
    .unwrap();
    assert_eq!(observed.window.blocks, 863.0);
    assert_eq!(observed.baseline.blocks, 2_044.0);
    assert!(
        close(observed.baseline.hash_rate / 1e20, 1.7602, 0.0005),
        "{observed:?}"
    );
    assert!(
        close(observed.window.hash_rate / 1e20, 1.7387, 0.0005),
        "{observed:?}"
    );
    assert!(close(observed.change, -0.0123, 0.0005), "{observed:?}");
    assert!(close(observed.interval.low, -0.088, 0.004), "{observed:?}");
    assert!(close(observed.interval.high, 0.070, 0.004), "{observed:?}");
    assert!(observed.interval.low < -0.088 && observed.interval.high > 0.0696);
}

#[test]
fn expected_against_observed_for_the_curated_shutdown() {
    let snapshot = parse_hash_rate_snapshot(&read("static/data/hashrate.json")).unwrap();
    let shares = parse_share_snapshot(&read("static/data/shares.json")).unwrap();
    let catalogue = parse_event_catalogue(&read("static/data/events.json")).unwrap();
    let shutdown = catalogue
        .events
        .iter()
        .find(|e| e.id == "kz-2022-01-05-shutdown")
        .unwrap();
    let samples = samples_from_days(&snapshot.daily.days);
    let window = event_days(shutdown.start, shutdown.end);
    assert_eq!(window, days("2022-01-05", "2022-01-10"));

    // The snapshot holds no connectivity series: the bound for a full outage.
    let bound = assess_event(&samples, Some(&shares.table), &[], shutdown).unwrap();
    let expected = bound.expected.as_ref().unwrap();
    assert!(expected.full_outage_bound);
    assert!(close(expected.change, -0.1322, 1e-9));
    assert_eq!(bound.verdict, Verdict::NoDropOfExpectedSize);
    let sentence = assessment_sentence(&bound);
    println!("{sentence}");
    assert!(
        sentence.contains("Kazakhstan (13.2% of the hash rate"),
        "{sentence}"
    );
    assert!(
        sentence.contains("lost all connectivity: −13.2% (a bound"),
        "{sentence}"
    );
    assert!(
        sentence.contains("Observed 5–10 Jan 2022 against 22 Dec 2021 – 4 Jan 2022: −1.2%"),
        "{sentence}"
    );
    assert!(sentence.ends_with("The data do not show a network-wide drop of that size."));

    // With connectivity at about 5% of normal (NetBlocks' figure), −12.6%.
    let at_five_percent = expected_change(
        &shares.table,
        &[AffectedRegion {
            code: "KZ".into(),
            connectivity: Some(MeasuredConnectivity {
                fraction: 0.05,
                signal: Signal::Probing,
            }),
        }],
        window.start,
    )
    .unwrap();
    assert!(close(at_five_percent.change, -0.12559, 1e-6));
    let sentence = expected_sentence(&at_five_percent);
    assert!(
        sentence.ends_with("kept 5% of their connectivity (IODA ping-slash24): −12.6%."),
        "{sentence}"
    );
    assert!(at_five_percent.change < bound.observed.interval.low);
}

#[test]
fn a_one_day_swing_is_not_a_measured_drop() {
    // 1 Jan: 172 blocks; 4 Jan: 147, both at D2: −14.5%. By hand, se(ln ratio) =
    // √(1/172 + 1/147) = 0.1123, so 0.8547 · e^(±0.2201) = 0.686 … 1.065: zero is inside.
    let snapshot = parse_hash_rate_snapshot(&read("static/data/hashrate.json")).unwrap();
    let samples = samples_from_days(&snapshot.daily.days);
    let observed = observed_change(
        &samples,
        days("2022-01-04", "2022-01-04"),
        days("2022-01-01", "2022-01-01"),
    )
    .unwrap();
    assert!(close(observed.change, 147.0 / 172.0 - 1.0, 1e-9));
    assert!(observed.interval.contains(0.0), "{observed:?}");
    assert!(close(observed.interval.low, -0.314, 0.01), "{observed:?}");
    assert!(close(observed.interval.high, 0.065, 0.01), "{observed:?}");
    let verdict = minewatch::analysis::impact::verdict(&observed, None);
    assert_eq!(verdict, Verdict::WithinNoise);
    assert!(verdict_sentence(verdict).contains("not a measured drop"));
}

#[test]
fn the_planted_shutdown_is_found_in_the_ioda_fixture() {
    // The fixture (tests/fixtures/make-fixtures.mjs) plants a shutdown from 5 Jan 10:30 to
    // 11 Jan 02:15 UTC: ping-slash24 at 120 of 2,400 (5%), merit-nt at 60 of 900, BGP at 3,050
    // of 3,100 (98%, as in the real event: networks stayed announced).
    let dir = "tests/fixtures/api.ioda.inetintel.cc.gatech.edu";
    let query = "from=1639267200_until=1642204800";
    let start = parse_date("2022-01-05").unwrap() + 10 * HOUR + HOUR / 2;
    let end = parse_date("2022-01-11").unwrap() + 2 * HOUR + HOUR / 4;
    let mut all = Vec::new();
    for (datasource, expected) in [("ping-slash24", 1), ("merit-nt", 1), ("bgp", 0)] {
        let body = read(&format!(
            "{dir}/v2_signals_raw_country_KZ__{query}_datasource={datasource}_maxPoints=2000.json"
        ));
        let series = parse_signals(&body).unwrap();
        let found = detect(&BaselineSeries::of(&series[0]), &DetectionConfig::default());
        assert_eq!(found.len(), expected, "{datasource}: {found:?}");
        for d in &found {
            // 30-minute steps: 10:30 is a step boundary, 02:15 falls inside the 02:00 step.
            assert_eq!(d.start, start, "{datasource}");
            assert_eq!(d.end, end + HOUR / 4, "{datasource}");
            assert_eq!(d.severity, Severity::Critical);
            assert!(d.mean_fraction < 0.08, "{d:?}");
        }
        all.extend(series.iter().map(BaselineSeries::of));
    }
    // Over 5–10 Jan: 10.5 normal hours and 133.5 hours at 5% → (10.5 + 133.5 × 0.05) / 144
    // = 0.119 of baseline.
    let measured = measured_connectivity(&all, "KZ", days("2022-01-05", "2022-01-10")).unwrap();
    assert_eq!(measured.signal, Signal::Probing);
    assert!(close(measured.fraction, 0.119, 0.01), "{measured:?}");
}

/// The takeaway of the default view, from the bundled files through the widget's own state:
/// the figures above, in the sentence a reader sees first.
#[test]
fn the_default_takeaway_tells_the_story_with_its_interval() {
    use minewatch::snapshot::skeleton::opening_takeaway;
    use minewatch::state::Bundle;
    use std::rc::Rc;

    let takeaway = opening_takeaway(Bundle {
        hash_rate: parse_hash_rate_snapshot(&read("static/data/hashrate.json"))
            .map(Rc::new)
            .map_err(|e| e.to_string()),
        shares: parse_share_snapshot(&read("static/data/shares.json"))
            .map(Rc::new)
            .map_err(|e| e.to_string()),
        events: parse_event_catalogue(&read("static/data/events.json"))
            .map(Rc::new)
            .map_err(|e| e.to_string()),
    });
    assert_eq!(
        takeaway,
        "Nationwide internet shutdown in Kazakhstan, 5–10 Jan 2022. Bitcoin's hash rate changed \
         −1.2% (95% interval −8.9% to +7.0%): less of a drop than the −13.2% expected if \
         Kazakhstan's miners (13.2% of the hash rate in Jan 2022) had gone offline."
    );
    // index.html's skeleton tells the same story before the WebAssembly arrives.
    let page = read(minewatch::snapshot::skeleton::INDEX_HTML);
    assert_eq!(
        minewatch::snapshot::skeleton::with_takeaway(&page, &takeaway).as_deref(),
        Some(page.as_str())
    );
}
