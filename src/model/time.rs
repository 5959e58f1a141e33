//! UTC calendar arithmetic on Unix seconds, without a date library.
//!
//! Every time in minewatch is an [`i64`] count of seconds since 1970-01-01T00:00:00Z.
//!
//! ```
//! use minewatch::model::time::{format_date, parse_date};
//! let t = parse_date("2022-01-05").unwrap();
//! assert_eq!(t, 1_641_340_800);
//! assert_eq!(format_date(t), "2022-01-05");
//! ```

/// Seconds since the Unix epoch, UTC.
pub type UnixSeconds = i64;

/// Seconds in one day.
pub const DAY: UnixSeconds = 86_400;
/// Seconds in one hour.
pub const HOUR: UnixSeconds = 3_600;
/// 2009-01-03, the day of Bitcoin's genesis block: no view reaches before it.
pub const GENESIS_DAY: UnixSeconds = 1_230_940_800;
/// 2100-01-01: a time an API reports outside `[0, this)` is not a real measurement.
pub const FAR_FUTURE: UnixSeconds = 4_102_444_800;

/// Whether a time reported by an API can be real (from 1970 to 2100).
pub fn is_plausible_time(t: UnixSeconds) -> bool {
    (0..FAR_FUTURE).contains(&t)
}

/// A calendar date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDate {
    /// Year, e.g. 2022.
    pub year: i64,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl CivilDate {
    /// The date of the UTC day that contains `t`.
    pub fn from_unix(t: UnixSeconds) -> Self {
        // Howard Hinnant's `civil_from_days`.
        let z = t.div_euclid(DAY) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self { year, month, day }
    }

    /// Midnight UTC at the start of this date.
    pub fn to_unix(self) -> UnixSeconds {
        // Howard Hinnant's `days_from_civil`.
        let year = self.year - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * DAY
    }

    /// Number of days in this date's month.
    pub fn days_in_month(self) -> u32 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0 => 29,
            _ => 28,
        }
    }
}

/// A closed interval of UTC time, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// First instant in the range.
    pub start: UnixSeconds,
    /// Last instant in the range.
    pub end: UnixSeconds,
}

impl TimeRange {
    /// The range between two instants, in either order; an empty span is widened to one hour
    /// so that it can be drawn.
    pub fn new(a: UnixSeconds, b: UnixSeconds) -> Self {
        let (start, end) = if a <= b { (a, b) } else { (b, a) };
        Self {
            start,
            end: end.max(start.saturating_add(HOUR)),
        }
    }

    /// Length of the range in seconds.
    pub fn span(self) -> UnixSeconds {
        self.end - self.start
    }

    /// The part of the range within `[lowest, highest]`, or `None` when none of it is.
    pub fn within(self, lowest: UnixSeconds, highest: UnixSeconds) -> Option<Self> {
        let (start, end) = (self.start.max(lowest), self.end.min(highest));
        (start < end).then(|| Self::new(start, end))
    }
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO date (YYYY-MM-DD): \"{0}\"")]
pub struct DateParseError(pub String);

/// Parses `YYYY-MM-DD` to midnight UTC of that day.
pub fn parse_date(text: &str) -> Result<UnixSeconds, DateParseError> {
    let fail = || DateParseError(text.chars().take(40).collect());
    let mut parts = text.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(fail());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(fail());
    }
    let year: i64 = y.parse().map_err(|_| fail())?;
    let month: u32 = m.parse().map_err(|_| fail())?;
    let day: u32 = d.parse().map_err(|_| fail())?;
    if !(1..=12).contains(&month) {
        return Err(fail());
    }
    let date = CivilDate { year, month, day };
    if day == 0 || day > date.days_in_month() {
        return Err(fail());
    }
    Ok(date.to_unix())
}

/// Formats the UTC day of `t` as `YYYY-MM-DD`.
pub fn format_date(t: UnixSeconds) -> String {
    let d = CivilDate::from_unix(t);
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Formats `t` as `YYYY-MM-DD HH:MM` (UTC).
pub fn format_date_time(t: UnixSeconds) -> String {
    let secs = t.rem_euclid(DAY);
    format!(
        "{} {:02}:{:02}",
        format_date(t),
        secs / HOUR,
        (secs % HOUR) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates_round_trip() {
        for (text, unix) in [
            ("1970-01-01", 0),
            ("2009-01-09", 1_231_459_200),
            ("2021-12-12", 1_639_267_200),
            ("2022-01-05", 1_641_340_800),
            ("2000-02-29", 951_782_400),
            ("1969-12-31", -86_400),
        ] {
            assert_eq!(parse_date(text), Ok(unix), "{text}");
            assert_eq!(format_date(unix), text);
        }
    }

    #[test]
    fn every_day_for_four_centuries_round_trips() {
        let start = parse_date("1900-01-01").unwrap();
        let mut previous = CivilDate::from_unix(start - DAY);
        for i in 0..(400 * 366) {
            let t = start + i * DAY;
            let date = CivilDate::from_unix(t);
            assert_eq!(date.to_unix(), t);
            assert!(date > previous);
            previous = date;
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "2022",
            "2022-1-05",
            "2022-13-01",
            "2021-02-29",
            "2022-01-32",
            "abcd-ef-gh",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_date("2024-02-29"), Ok(1_709_164_800));
    }

    #[test]
    fn ranges_are_ordered_and_never_empty() {
        assert_eq!(
            TimeRange::new(10, 5),
            TimeRange {
                start: 5,
                end: 3_605
            }
        );
        assert_eq!(TimeRange::new(0, DAY).span(), DAY);
    }

    #[test]
    fn formats_time_of_day_and_months() {
        assert_eq!(format_date_time(1_641_378_600), "2022-01-05 10:30");
        assert_eq!(format_date_time(-1), "1969-12-31 23:59");
    }
}
