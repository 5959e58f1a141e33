use super::*;
use crate::analysis::hash_rate::{samples_from_days, HASHES_PER_DIFFICULTY};
use crate::model::shares::{CountryShare, MonthShares};
use crate::model::snapshot::DayRecord;
use crate::model::test_support::provenance;
use crate::model::time::parse_date;

fn date(s: &str) -> UnixSeconds {
    parse_date(s).unwrap()
}

#[test]
fn event_days_are_those_mostly_inside() {
    // 5 Jan 10:30 (13.5 h of the day) to 11 Jan 02:15 (2.25 h): 5–10 Jan.
    let range = event_days(date("2022-01-05") + 37_800, date("2022-01-11") + 8_100);
    assert_eq!(
        range,
        TimeRange::new(date("2022-01-05"), date("2022-01-11"))
    );
    // Three hours across midnight: the day with more of it.
    let short = event_days(date("2022-01-05") - 3_600, date("2022-01-05") + 7_200);
    assert_eq!(
        short,
        TimeRange::new(date("2022-01-05"), date("2022-01-06"))
    );
    let instant = event_days(date("2022-01-05") + 10, date("2022-01-05") + 10);
    assert_eq!(instant.span(), DAY);
    // Half a day and a bit on each side of midnight: the day with more of it.
    let across = event_days(
        date("2022-01-05") - 5 * 3_600,
        date("2022-01-05") + 6 * 3_600,
    );
    assert_eq!(
        across,
        TimeRange::new(date("2022-01-05"), date("2022-01-06"))
    );
    // An absurdly long event costs no more than a short one.
    let long = event_days(0, i64::MAX / 2);
    assert_eq!(long.start, 0);
}

fn table(code: &str, share: f64) -> ShareTable {
    ShareTable {
        provenance: provenance(),
        months: vec![MonthShares {
            month: date("2022-01-01"),
            note: None,
            source_url: None,
            shares: vec![CountryShare {
                code: code.into(),
                name: "Kazakhstan".into(),
                share,
                caveat: false,
            }],
        }],
    }
}

fn steady_days(from: &str, days: i64, blocks: u32) -> Vec<DayRecord> {
    let d = 24.0e12;
    (0..days)
        .map(|i| DayRecord {
            t: date(from) + i * DAY,
            blocks: Some(blocks),
            hash_rate: f64::from(blocks) * d * HASHES_PER_DIFFICULTY / DAY as f64,
        })
        .collect()
}

#[test]
fn a_large_measured_drop_is_reported_as_one() {
    // 14 days at 144 blocks, then 6 days at 100: a 30% drop, far outside the noise.
    let mut days = steady_days("2021-12-22", 14, 144);
    days.extend(steady_days("2022-01-05", 6, 100));
    let samples = samples_from_days(&days);
    let regions = [AffectedRegion {
        code: "KZ".into(),
        connectivity: Some(MeasuredConnectivity {
            fraction: 0.05,
            signal: Signal::Probing,
        }),
    }];
    let window = TimeRange::new(date("2022-01-05"), date("2022-01-11"));
    let a = assess_impact(&samples, Some(&table("KZ", 0.3)), &regions, window).unwrap();
    assert!((a.observed.change - (100.0 / 144.0 - 1.0)).abs() < 1e-12);
    assert_eq!(a.verdict, Verdict::Drop(Some(Comparison::AsExpected)));
    let small = assess_impact(&samples, Some(&table("KZ", 0.05)), &regions, window).unwrap();
    assert_eq!(small.verdict, Verdict::Drop(Some(Comparison::Larger)));
    let none = assess_impact(&samples, None, &regions, window).unwrap();
    assert_eq!(none.verdict, Verdict::Drop(None));
    assert!(crate::text::impact::assessment_sentence(&none)
        .starts_with("Observed 5–10 Jan 2022 against"));
}

#[test]
fn unknown_connectivity_gives_the_full_outage_bound() {
    let expected = expected_change(
        &table("KZ", 0.1322),
        &[AffectedRegion {
            code: "KZ".into(),
            connectivity: None,
        }],
        date("2022-01-05"),
    )
    .unwrap();
    assert!(expected.full_outage_bound);
    assert!((expected.change + 0.1322).abs() < 1e-12);
    assert_eq!(
        crate::text::impact::expected_sentence(&expected),
        "Expected if miners in Kazakhstan (13.2% of the hash rate in Jan 2022, estimate by S) lost all \
         connectivity: −13.2% (a bound: a full outage is assumed where connectivity is not \
         measured)."
    );
    let missing = [AffectedRegion {
        code: "NO".into(),
        connectivity: None,
    }];
    assert_eq!(
        expected_change(&table("KZ", 0.1), &missing, date("2022-01-05")),
        None
    );
    assert_eq!(
        expected_change(&table("KZ", 0.1), &missing, date("2021-01-05")),
        None,
        "no month published yet"
    );
}
