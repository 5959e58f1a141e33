//! Numbers, dates and counts as a reader sees them.

use crate::model::time::{CivilDate, TimeRange, UnixSeconds, DAY};

/// Short month name (`Jan` … `Dec`) of a month number 1–12.
pub fn month_abbrev(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    month
        .checked_sub(1)
        .and_then(|i| NAMES.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// A relative change in percent, rounded to the tenth the words show.
pub fn tenths_of_percent(change: f64) -> f64 {
    (change * 1000.0).round() / 10.0
}

/// A relative change as a signed percentage with one decimal and a true minus: "−12.6%";
/// one that rounds to nothing has no sign: "0.0%".
pub fn format_change(change: f64) -> String {
    let percent = tenths_of_percent(change);
    if percent < 0.0 {
        format!("−{:.1}%", -percent)
    } else if percent > 0.0 {
        format!("+{percent:.1}%")
    } else {
        "0.0%".to_owned()
    }
}

/// A share (0–1) as a percentage: "13.2%".
pub fn format_share(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A span of whole UTC days `[start, end)` in words: "5–10 Jan 2022", "22 Dec 2021 – 4 Jan
/// 2022", "4 Jan 2022".
pub fn format_day_span(range: TimeRange) -> String {
    let first = CivilDate::from_unix(range.start);
    let last = CivilDate::from_unix(range.end - DAY);
    let day_month = |d: CivilDate| format!("{} {}", d.day, month_abbrev(d.month));
    if first == last {
        format!("{} {}", day_month(first), first.year)
    } else if (first.year, first.month) == (last.year, last.month) {
        format!(
            "{}–{} {} {}",
            first.day,
            last.day,
            month_abbrev(first.month),
            first.year
        )
    } else if first.year == last.year {
        format!("{} – {} {}", day_month(first), day_month(last), first.year)
    } else {
        format!(
            "{} {} – {} {}",
            day_month(first),
            first.year,
            day_month(last),
            last.year
        )
    }
}

/// The day and month of `t`, for a time axis: "5 Jan".
pub fn format_day_month(t: UnixSeconds) -> String {
    let d = CivilDate::from_unix(t);
    format!("{} {}", d.day, month_abbrev(d.month))
}

/// The day of `t`: "24 Nov 2026".
pub fn format_day(t: UnixSeconds) -> String {
    format_day_span(TimeRange::new(t, t + DAY))
}

/// A month (any moment in it): "Jan 2022".
pub fn format_month(month: UnixSeconds) -> String {
    let d = CivilDate::from_unix(month);
    format!("{} {}", month_abbrev(d.month), d.year)
}

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

/// `n` and the noun, singular for one: "1 month", "3 months".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        with_thousands(n),
        if n == 1 { singular } else { plural }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_date;

    #[test]
    fn day_spans_and_changes_read_naturally() {
        let date = |s: &str| parse_date(s).unwrap();
        let span = |a: &str, b: &str| format_day_span(TimeRange::new(date(a), date(b)));
        assert_eq!(span("2022-01-05", "2022-01-11"), "5–10 Jan 2022");
        assert_eq!(span("2021-12-22", "2022-01-05"), "22 Dec 2021 – 4 Jan 2022");
        assert_eq!(span("2022-02-27", "2022-03-02"), "27 Feb – 1 Mar 2022");
        assert_eq!(span("2022-01-04", "2022-01-05"), "4 Jan 2022");
        assert_eq!(format_change(-0.125_59), "−12.6%");
        assert_eq!(format_change(0.0549), "+5.5%");
        assert_eq!(format_change(-0.0004), "0.0%");
        assert_eq!(format_month(date("2022-01-31")), "Jan 2022");
        assert_eq!(format_day(date("2026-11-24")), "24 Nov 2026");
        assert_eq!(
            (month_abbrev(1), month_abbrev(12), month_abbrev(0)),
            ("Jan", "Dec", "?")
        );
    }

    #[test]
    fn formats_counts() {
        assert_eq!(with_thousands(0), "0");
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(1_000), "1,000");
        assert_eq!(with_thousands(1_234_567), "1,234,567");
        assert_eq!(count(1, "month", "months"), "1 month");
        assert_eq!(count(1_000, "month", "months"), "1,000 months");
    }
}
