//! One-line summaries of what a source delivered, for its status sentence.

use crate::analysis::baseline::BaselineSeries;
use crate::model::connectivity::{ConnectivitySeries, Signal};
use crate::model::events::DisruptionEvent;
use crate::model::region::country_name;
use crate::model::series::Point;
use crate::model::shares::MonthShares;
use crate::model::time::format_date;
use crate::model::units::hashes_to_exahash;

/// `1234567` as `1,234,567`.
pub fn with_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// E.g. "1,862 daily values from 2021-12-12 to 2022-01-14, latest 183 EH/s", with `what`
/// naming one value ("daily value"; an `s` makes several).
pub fn hash_rate_summary(points: &[Point], what: &str) -> String {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => format!(
            "{} from {} to {}, latest {:.0} EH/s",
            count(points.len(), what, &format!("{what}s")),
            format_date(first.t),
            format_date(last.t),
            hashes_to_exahash(last.v)
        ),
        _ => "no hash-rate values".into(),
    }
}

/// The noun for one daily hash-rate value.
pub const DAILY: &str = "daily value";

/// `n` and the noun, singular for one: "1 month", "3 months".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        with_thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// E.g. "Kazakhstan: ping-slash24, bgp (2,016 values from 2021-12-22 to 2022-01-19, 12
/// unknown); 1 outage event". `baselines` are the same signals as fractions of their baselines.
pub fn connectivity_summary(
    country: &str,
    series: &[ConnectivitySeries],
    baselines: &[BaselineSeries],
    events: usize,
) -> String {
    let events_text = count(events, "outage event", "outage events");
    let values: usize = series.iter().map(|s| s.values.len()).sum();
    let unknown: usize = series
        .iter()
        .map(|s| s.values.iter().filter(|v| v.is_none()).count())
        .sum();
    let (Some(from), Some(until)) = (
        series.iter().map(|s| s.from).min(),
        series.iter().map(|s| s.until()).max(),
    ) else {
        return format!(
            "{}: no connectivity series; {events_text}",
            country_name(country)
        );
    };
    let caveat = if series.iter().any(|s| s.datasource == Signal::Bgp) {
        " (BGP can stay normal through a shutdown; active probing, ping-slash24, shows it)"
    } else {
        ""
    };
    let lows: Vec<String> = baselines
        .iter()
        .filter_map(|b| {
            b.lowest()
                .map(|(t, f)| format!("{} {:.0}% on {}", b.datasource, f * 100.0, format_date(t)))
        })
        .collect();
    let lows = if lows.is_empty() {
        String::new()
    } else {
        format!("; lowest against its 7-day median: {}", lows.join(", "))
    };
    format!(
        "{}: {} ({} values from {} to {}, {} unknown{lows}); {events_text}{caveat}",
        country_name(country),
        series
            .iter()
            .map(|s| s.datasource.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        with_thousands(values),
        format_date(from),
        format_date(until),
        with_thousands(unknown)
    )
}

/// E.g. "3 months from 2020-04 to 2022-01; Kazakhstan 13.2% in 2022-01".
pub fn shares_summary(months: &[MonthShares], country: &str) -> String {
    let month = |t| format_date(t).chars().take(7).collect::<String>();
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return "no shares".into();
    };
    let share = months.iter().rev().find_map(|m| {
        m.shares.iter().find(|s| s.code == country).map(|s| {
            format!(
                "; {} {:.1}% in {}",
                country_name(country),
                s.share * 100.0,
                month(m.month)
            )
        })
    });
    format!(
        "{} from {} to {}{}",
        count(months.len(), "month", "months"),
        month(first.month),
        month(last.month),
        share.unwrap_or_default()
    )
}

/// E.g. "147 events, 2 in Kazakhstan".
pub fn events_summary(events: &[DisruptionEvent], country: &str) -> String {
    let here = events.iter().filter(|e| e.country == country).count();
    format!(
        "{}, {} in {}",
        count(events.len(), "event", "events"),
        with_thousands(here),
        country_name(country)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::shares::CountryShare;

    #[test]
    fn formats_counts() {
        assert_eq!(with_thousands(0), "0");
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(1_000), "1,000");
        assert_eq!(with_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn summarises_each_kind_of_data() {
        let points = [
            Point { t: 0, v: 1.0e20 },
            Point {
                t: 86_400,
                v: 1.83e20,
            },
        ];
        assert_eq!(
            hash_rate_summary(&points, DAILY),
            "2 daily values from 1970-01-01 to 1970-01-02, latest 183 EH/s"
        );
        assert_eq!(hash_rate_summary(&[], DAILY), "no hash-rate values");
        let series = ConnectivitySeries {
            country: "KZ".into(),
            datasource: Signal::Probing,
            from: 0,
            step: 600,
            values: vec![Some(1.0), None, Some(2.0)],
        };
        assert_eq!(
            connectivity_summary("KZ", std::slice::from_ref(&series), &[BaselineSeries::of(&series)], 1),
            "Kazakhstan: ping-slash24 (3 values from 1970-01-01 to 1970-01-01, 1 unknown); 1 outage event"
        );
        assert_eq!(
            connectivity_summary("KZ", &[], &[], 2),
            "Kazakhstan: no connectivity series; 2 outage events"
        );
        let months = vec![MonthShares {
            month: 1_640_995_200,
            note: None,
            source_url: None,
            shares: vec![CountryShare {
                code: "KZ".into(),
                name: "Kazakhstan".into(),
                share: 0.1322,
                caveat: false,
            }],
        }];
        assert_eq!(
            shares_summary(&months, "KZ"),
            "1 month from 2022-01 to 2022-01; Kazakhstan 13.2% in 2022-01"
        );
    }
}
