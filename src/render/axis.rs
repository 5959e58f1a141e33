//! A UTC time axis for plotters with calendar-aligned ticks (hours, days, weeks, months, years)
//! whose labels adapt to the range shown.

use std::ops::Range;

use plotters::coord::ranged1d::{
    KeyPointHint, KeyPointWeight, NoDefaultFormatting, Ranged, ValueFormatter,
};

use crate::model::time::{format_date, CivilDate, TimeRange, UnixSeconds, DAY, HOUR};
use crate::text::format::{axis_day, axis_month, format_day_month, format_month};

/// Spacing between two ticks of a time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickStep {
    /// Every `n` hours, at multiples of `n` hours past midnight UTC.
    Hours(i64),
    /// Every `n` days, at midnight UTC.
    Days(i64),
    /// Every week, on Mondays.
    Weeks,
    /// Every other week, on Mondays.
    Fortnights,
    /// Every `n` months, on the first of the month.
    Months(u32),
    /// Every `n` years, on 1 January.
    Years(i64),
}

const STEPS: [TickStep; 17] = [
    TickStep::Hours(1),
    TickStep::Hours(3),
    TickStep::Hours(6),
    TickStep::Hours(12),
    TickStep::Days(1),
    TickStep::Days(2),
    TickStep::Weeks,
    TickStep::Fortnights,
    TickStep::Months(1),
    TickStep::Months(2),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Years(1),
    TickStep::Years(2),
    TickStep::Years(5),
    TickStep::Years(10),
    TickStep::Years(50),
];

impl TickStep {
    /// Typical length of one step in seconds.
    fn approx_seconds(self) -> f64 {
        match self {
            TickStep::Hours(n) => (n * HOUR) as f64,
            TickStep::Days(n) => (n * DAY) as f64,
            TickStep::Weeks => (7 * DAY) as f64,
            TickStep::Fortnights => (14 * DAY) as f64,
            TickStep::Months(n) => f64::from(n) * 30.44 * DAY as f64,
            TickStep::Years(n) => n as f64 * 365.25 * DAY as f64,
        }
    }

    /// The finest step that puts at most `max_ticks` ticks in `range`.
    pub fn for_range(range: TimeRange, max_ticks: usize) -> Self {
        let span = range.span() as f64;
        let max = max_ticks.max(1) as f64;
        STEPS
            .into_iter()
            .find(|step| span / step.approx_seconds() < max)
            .unwrap_or(TickStep::Years(100))
    }

    /// The calendar-aligned tick times inside `range`.
    pub fn ticks(self, range: TimeRange) -> Vec<UnixSeconds> {
        let TimeRange { start, end } = range;
        let fixed = |period: UnixSeconds, offset: UnixSeconds| {
            let first = (start - offset).div_euclid(period) * period + offset;
            let first = if first < start { first + period } else { first };
            (0..)
                .map(move |i| first + i * period)
                .take_while(move |&t| t <= end)
                .collect()
        };
        match self {
            TickStep::Hours(n) => fixed(n * HOUR, 0),
            TickStep::Days(n) => fixed(n * DAY, 0),
            // 1970-01-05 was a Monday.
            TickStep::Weeks => fixed(7 * DAY, 4 * DAY),
            TickStep::Fortnights => fixed(14 * DAY, 4 * DAY),
            TickStep::Months(n) => {
                let d = CivilDate::from_unix(start);
                let mut month_index = d.year * 12 + i64::from(d.month) - 1;
                let mut out = Vec::new();
                loop {
                    let date = CivilDate {
                        year: month_index.div_euclid(12),
                        month: (month_index.rem_euclid(12) + 1) as u32,
                        day: 1,
                    };
                    let t = date.to_unix();
                    if t > end {
                        return out;
                    }
                    if t >= start && (date.month - 1) % n == 0 {
                        out.push(t);
                    }
                    month_index += 1;
                }
            }
            TickStep::Years(n) => {
                let first_year = CivilDate::from_unix(start).year;
                let first = first_year.div_euclid(n) * n;
                (0..)
                    .map(|i| first + i * n)
                    .map(|year| {
                        CivilDate {
                            year,
                            month: 1,
                            day: 1,
                        }
                        .to_unix()
                    })
                    .skip_while(|&t| t < start)
                    .take_while(|&t| t <= end)
                    .collect()
            }
        }
    }

    /// The label of a tick at `t`: only as much of the date as the step needs.
    pub fn label(self, t: UnixSeconds) -> String {
        let d = CivilDate::from_unix(t);
        let seconds_of_day = t.rem_euclid(DAY);
        match self {
            TickStep::Hours(_) if seconds_of_day != 0 => {
                format!("{:02}:00", seconds_of_day / HOUR)
            }
            TickStep::Hours(_) | TickStep::Days(_) | TickStep::Weeks | TickStep::Fortnights
                if d.month == 1 && d.day == 1 =>
            {
                axis_day(t)
            }
            TickStep::Hours(_) | TickStep::Days(_) | TickStep::Weeks | TickStep::Fortnights => {
                format_day_month(t)
            }
            TickStep::Months(_) if d.month == 1 => format_month(t),
            TickStep::Months(_) => axis_month(t),
            TickStep::Years(_) => d.year.to_string(),
        }
    }
}

/// A plotters x-axis over a [`TimeRange`], with ticks from [`TickStep`].
#[derive(Debug, Clone, Copy)]
pub struct UtcAxis {
    range: TimeRange,
    step: TickStep,
}

impl UtcAxis {
    /// An axis over `range` with at most `max_ticks` labelled ticks.
    pub fn new(range: TimeRange, max_ticks: usize) -> Self {
        Self {
            range,
            step: TickStep::for_range(range, max_ticks),
        }
    }

    /// The step between this axis's ticks.
    pub fn step(&self) -> TickStep {
        self.step
    }
}

impl Ranged for UtcAxis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = UnixSeconds;

    fn map(&self, value: &UnixSeconds, limit: (i32, i32)) -> i32 {
        let fraction = (value - self.range.start) as f64 / self.range.span() as f64;
        let pixel = f64::from(limit.0) + fraction * f64::from(limit.1 - limit.0);
        pixel.round().clamp(-1e6, 1e6) as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<UnixSeconds> {
        match hint.weight() {
            KeyPointWeight::Bold => self.step.ticks(self.range),
            KeyPointWeight::Any => Vec::new(),
        }
    }

    fn range(&self) -> Range<UnixSeconds> {
        self.range.start..self.range.end
    }
}

impl ValueFormatter<UnixSeconds> for UtcAxis {
    fn format(value: &UnixSeconds) -> String {
        format_date(*value)
    }

    fn format_ext(&self, value: &UnixSeconds) -> String {
        self.step.label(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_date;

    fn range(a: &str, b: &str) -> TimeRange {
        TimeRange::new(parse_date(a).unwrap(), parse_date(b).unwrap())
    }

    fn labels(r: TimeRange, max: usize) -> Vec<String> {
        let step = TickStep::for_range(r, max);
        step.ticks(r).into_iter().map(|t| step.label(t)).collect()
    }

    #[test]
    fn steps_grow_with_the_range() {
        let one_day = TimeRange::new(0, DAY);
        assert_eq!(TickStep::for_range(one_day, 8), TickStep::Hours(6));
        assert_eq!(
            TickStep::for_range(range("2021-12-12", "2022-01-15"), 8),
            TickStep::Weeks
        );
        assert_eq!(
            TickStep::for_range(range("2021-01-01", "2022-01-01"), 8),
            TickStep::Months(2)
        );
        assert_eq!(
            TickStep::for_range(range("2009-01-03", "2026-02-01"), 8),
            TickStep::Years(5)
        );
    }

    #[test]
    fn ticks_fall_on_calendar_boundaries() {
        assert_eq!(
            labels(range("2021-12-12", "2022-01-15"), 8),
            ["13 Dec", "20 Dec", "27 Dec", "3 Jan", "10 Jan"]
        );
        assert_eq!(
            labels(range("2021-11-15", "2022-04-20"), 8),
            ["Dec", "Jan 2022", "Feb", "Mar", "Apr"]
        );
        assert_eq!(
            labels(range("2009-01-03", "2026-02-01"), 8),
            ["2010", "2015", "2020", "2025"]
        );
        assert_eq!(
            labels(range("2021-12-30", "2022-01-03"), 8),
            ["30 Dec", "31 Dec", "1 Jan 2022", "2 Jan", "3 Jan"]
        );
        let day = parse_date("2022-01-05").unwrap();
        assert_eq!(
            labels(TimeRange::new(day, day + DAY), 8),
            ["5 Jan", "06:00", "12:00", "18:00", "6 Jan"]
        );
    }

    #[test]
    fn maps_range_ends_to_pixel_limits() {
        let axis = UtcAxis::new(TimeRange::new(0, 200 * DAY), 8);
        assert_eq!(axis.map(&0, (10, 110)), 10);
        assert_eq!(axis.map(&(200 * DAY), (10, 110)), 110);
        assert_eq!(axis.map(&(100 * DAY), (10, 110)), 60);
        assert_eq!(axis.format_ext(&0), "Jan 1970");
    }
}
