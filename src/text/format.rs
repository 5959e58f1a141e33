//! Numbers, dates, counts and country names as a reader sees them: in English by the pure
//! functions here, in another language by the browser's `Intl` behind [`Locale`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::model::language::Language;
use crate::model::region::country_by_code;
use crate::model::time::{
    format_date, format_date_time, parse_date, CivilDate, TimeRange, UnixSeconds, DAY,
};

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "24 Nov 2026".
    Day,
    /// "5 Jan", for a time axis.
    DayMonth,
    /// "1 Jan 2022", in one calendar, for a time axis.
    AxisDay,
    /// "Jan", for a time axis.
    MonthName,
    /// "Jan 2022".
    Month,
    /// "2026-11-24", in status lines.
    Numeric,
    /// "2022-01-05 10:00", with the time of day (UTC).
    NumericTime,
}

/// Writes numbers, dates and country names in a language other than English (the browser's
/// `Intl`, in `services::intl`).
pub trait Locale {
    /// `x` with `digits` decimals and the language's grouping: "1 234,5".
    fn number(&self, x: f64, digits: u8) -> String;
    /// A fraction as a percentage with `digits` decimals, signed if asked: "−12,6 %".
    fn percent(&self, fraction: f64, digits: u8, signed: bool) -> String;
    /// A moment in UTC.
    fn date(&self, t: UnixSeconds, style: DateStyle) -> String;
    /// Whole UTC days `[start, end)`.
    fn day_span(&self, range: TimeRange) -> String;
    /// A country's name from its ISO code, `None` when the browser has none.
    fn country(&self, code: &str) -> Option<String>;
}

thread_local! {
    static LOCALE: RefCell<Option<Rc<dyn Locale>>> = const { RefCell::new(None) };
    static DAY_MONTH_CHARS: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Formats with `locale` from now on (`None`: English, by the functions here).
pub fn use_locale(locale: Option<Rc<dyn Locale>>) {
    LOCALE.with(|l| *l.borrow_mut() = locale);
    DAY_MONTH_CHARS.with(|c| c.set(None));
}

/// The locale to format with; never one in an English build (which then carries none of this).
fn locale() -> Option<Rc<dyn Locale>> {
    if matches!(super::catalogue::LANGUAGE, Language::English) {
        return None;
    }
    LOCALE.with(|l| l.borrow().clone())
}

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
    if let Some(locale) = locale() {
        return locale.percent(percent / 100.0, 1, true);
    }
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
    percent(share, 1)
}

/// A fraction as an unsigned percentage with `digits` decimals: "12%", "13.2%".
pub fn percent(fraction: f64, digits: u8) -> String {
    if let Some(locale) = locale() {
        return locale.percent(fraction, digits, false);
    }
    format!("{:.*}%", digits as usize, fraction * 100.0)
}

/// `x` with `digits` decimals: "173.9".
pub fn decimal(x: f64, digits: u8) -> String {
    match locale() {
        Some(locale) => locale.number(x, digits),
        None => format!("{x:.*}", digits as usize),
    }
}

/// A day as in status lines: "2026-11-24".
pub fn numeric_date(t: UnixSeconds) -> String {
    match locale() {
        Some(locale) => locale.date(t, DateStyle::Numeric),
        None => format_date(t),
    }
}

/// A retrieval date as the data give it (`YYYY-MM-DD`), written as status lines write days
/// ([`numeric_date`]); the data's own words when it is not such a date.
pub fn retrieval_date(date: &str) -> String {
    parse_date(date).map_or_else(|_| date.to_owned(), numeric_date)
}

/// A year and month as in status lines: "2026-11".
pub fn numeric_month(t: UnixSeconds) -> String {
    match locale() {
        Some(locale) => locale.date(t, DateStyle::Month),
        None => format_date(t).chars().take(7).collect(),
    }
}

/// A moment as in tooltips and status lines, without its zone: "2022-01-05 10:00".
pub fn date_time(t: UnixSeconds) -> String {
    match locale() {
        Some(locale) => locale.date(t, DateStyle::NumericTime),
        None => format_date_time(t),
    }
}

/// A country's name in the page's language, from its ISO code; the code itself when unknown.
pub fn country_name(code: &str) -> String {
    if let Some(name) = super::catalogue::country_in_catalogue(code) {
        return name.to_owned();
    }
    let english = country_by_code(code).map(|c| c.name);
    match locale() {
        Some(locale) if english.is_some() => locale.country(code),
        _ => None,
    }
    .or(english.map(str::to_owned))
    .unwrap_or_else(|| code.to_owned())
}

/// A span of whole UTC days `[start, end)` in words: "5–10 Jan 2022", "22 Dec 2021 – 4 Jan
/// 2022", "4 Jan 2022".
pub fn format_day_span(range: TimeRange) -> String {
    if let Some(locale) = locale() {
        return locale.day_span(range);
    }
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
    if let Some(locale) = locale() {
        return locale.date(t, DateStyle::DayMonth);
    }
    let d = CivilDate::from_unix(t);
    format!("{} {}", d.day, month_abbrev(d.month))
}

/// The day of `t`: "24 Nov 2026".
pub fn format_day(t: UnixSeconds) -> String {
    format_day_span(TimeRange::new(t, t + DAY))
}

/// A time axis's label for a year's first day: "1 Jan 2022".
pub fn axis_day(t: UnixSeconds) -> String {
    match locale() {
        Some(locale) => locale.date(t, DateStyle::AxisDay),
        None => format_day(t),
    }
}

/// A time axis's label for a month: "Feb".
pub fn axis_month(t: UnixSeconds) -> String {
    match locale() {
        Some(locale) => locale.date(t, DateStyle::MonthName),
        None => month_abbrev(CivilDate::from_unix(t).month).to_owned(),
    }
}

/// The most characters a day-and-month label takes in the page's language (the 28th of each
/// month), for spacing a time axis's ticks: worked out once per locale, not on every draw.
pub fn day_month_chars() -> usize {
    if let Some(chars) = DAY_MONTH_CHARS.with(Cell::get) {
        return chars;
    }
    let chars = (0..12)
        .map(|m| {
            format_day_month((27 + m * 30) * DAY + 365 * 20 * DAY)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(6);
    DAY_MONTH_CHARS.with(|c| c.set(Some(chars)));
    chars
}

/// A month (any moment in it): "Jan 2022".
pub fn format_month(month: UnixSeconds) -> String {
    if let Some(locale) = locale() {
        return locale.date(month, DateStyle::Month);
    }
    let d = CivilDate::from_unix(month);
    format!("{} {}", month_abbrev(d.month), d.year)
}

/// `1234567` as `1,234,567`.
pub fn with_thousands(n: usize) -> String {
    if let Some(locale) = locale() {
        return locale.number(n as f64, 0);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retrieval_dates_are_read_as_days_and_other_words_kept() {
        assert_eq!(retrieval_date("2026-11-24"), "2026-11-24");
        assert_eq!(retrieval_date("late 2025"), "late 2025");
    }

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
    }
}
