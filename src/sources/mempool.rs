//! mempool.space mining API: daily network hash rate (H/s) and difficulty.
//!
//! `GET {base}/v1/mining/hashrate/{period}` →
//! `{"hashrates":[{"timestamp":<unix s>,"avgHashrate":<H/s>}],
//!   "difficulty":[{"time":<unix s>,"height":..,"difficulty":..,"adjustment":<ratio>}],
//!   "currentHashrate":..,"currentDifficulty":..}`.
//! The server sends difficulty entries with `time`; its documentation shows `timestamp`:
//! both are accepted. An unknown period returns the whole history.

use super::{parse_json, SourceError};
use crate::model::json::Field;
use crate::model::series::{normalise_points, Point};
use crate::model::time::{CivilDate, UnixSeconds, DAY};
use crate::model::units::is_plausible_hash_rate;

/// Periods of daily values the API knows, each reaching back a week or a number of calendar
/// months from the time asked; anything else (`all`) returns the whole history.
pub const PERIODS: [(&str, Reach); 7] = [
    ("1w", Reach::Days(7)),
    ("1m", Reach::Months(1)),
    ("3m", Reach::Months(3)),
    ("6m", Reach::Months(6)),
    ("1y", Reach::Months(12)),
    ("2y", Reach::Months(24)),
    ("3y", Reach::Months(36)),
];

/// How far back a period reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// A number of days.
    Days(i64),
    /// A number of calendar months, the day of the month kept.
    Months(i64),
}

impl Reach {
    /// The first moment a period of this reach asked for at `now` holds, on the safe side of
    /// the server's reckoning: a day later, and a day past a shorter month's end rolled into
    /// the next month (31 Mar less a month reads 3 Mar, where the server may say 28 Feb).
    fn start(self, now: UnixSeconds) -> UnixSeconds {
        match self {
            Reach::Days(days) => now - days * DAY,
            Reach::Months(months) => {
                let today = CivilDate::from_unix(now);
                let index = today.year * 12 + i64::from(today.month) - 1 - months;
                let earlier = CivilDate {
                    year: index.div_euclid(12),
                    month: (index.rem_euclid(12) + 1) as u32,
                    day: today.day,
                };
                earlier.to_unix() + now.rem_euclid(DAY) + DAY
            }
        }
    }
}

/// The shortest period that reaches back from `now` to `since`; `all` without a `since` or
/// when none does.
pub fn period_since(since: Option<UnixSeconds>, now: UnixSeconds) -> &'static str {
    let Some(since) = since else { return "all" };
    PERIODS
        .into_iter()
        .find(|(_, reach)| reach.start(now) <= since)
        .map_or("all", |(period, _)| period)
}

/// The hash-rate URL for a base such as `https://mempool.space/api` and a period such as
/// `3y` (or `all`).
pub fn hashrate_url(base: &str, period: &str) -> String {
    format!("{}/v1/mining/hashrate/{period}", base.trim_end_matches('/'))
}

/// mempool.space's hash-rate history.
#[derive(Debug, Clone, PartialEq)]
pub struct MempoolHashRate {
    /// Daily mean hash rate, H/s.
    pub hash_rate: Vec<Point>,
    /// Difficulty in force from each point's time (one point per day with an adjustment).
    pub difficulty: Vec<Point>,
}

/// Parses a hash-rate response.
pub fn parse_hashrate(body: &str) -> Result<MempoolHashRate, SourceError> {
    let document = parse_json(body)?;
    let response = Field::document(&document).object()?;
    let mut hash_rate = Vec::new();
    for entry in response.items("hashrates")? {
        let entry = entry.object()?;
        hash_rate.push(Point {
            t: entry.integer("timestamp")?,
            v: entry.number("avgHashrate")?,
        });
    }
    let mut difficulty = Vec::new();
    if let Some(entries) = response.present("difficulty") {
        for entry in entries.items()? {
            let entry = entry.object()?;
            let time = match (entry.present("time"), entry.present("timestamp")) {
                (None, Some(timestamp)) => timestamp,
                _ => entry.get("time")?,
            };
            difficulty.push(Point {
                t: time.integer()?,
                v: entry.number("difficulty")?,
            });
        }
    }
    let hash_rate = normalise_points(hash_rate, is_plausible_hash_rate)?;
    let difficulty = if difficulty.is_empty() {
        difficulty
    } else {
        normalise_points(difficulty, |d| d.is_finite() && d >= 1.0)?
    };
    Ok(MempoolHashRate {
        hash_rate,
        difficulty,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shortest_period_reaches_back_to_the_first_day_asked() {
        use super::period_since;
        use crate::model::time::DAY;
        let now = 1_764_460_800; // 30 Nov 2025
        assert_eq!(period_since(None, now), "all");
        assert_eq!(period_since(Some(now - 7 * DAY), now), "1w");
        assert_eq!(period_since(Some(now - 7 * DAY - 5), now), "1m");
        // A month back from 30 Nov is 30 Oct: the 31st is held (a day's margin), the 30th not.
        assert_eq!(period_since(Some(now - 30 * DAY), now), "1m");
        assert_eq!(period_since(Some(now - 31 * DAY), now), "3m");
        assert_eq!(period_since(Some(now - 400 * DAY), now), "2y");
        assert_eq!(period_since(Some(now - 4000 * DAY), now), "all");
        // Across a year's turn, and from the 31st of a month.
        let march_31 = 1_743_379_200; // 31 Mar 2025
        assert_eq!(period_since(Some(march_31 - 27 * DAY), march_31), "1m");
        assert_eq!(period_since(Some(march_31 - 32 * DAY), march_31), "3m");
        let january_10 = 1_736_467_200; // 10 Jan 2025
        assert_eq!(period_since(Some(january_10 - 20 * DAY), january_10), "1m");
        assert_eq!(period_since(Some(january_10 - 60 * DAY), january_10), "3m");
    }

    use super::*;
    use crate::model::series::SeriesError;

    #[test]
    fn builds_urls() {
        assert_eq!(
            hashrate_url("https://mempool.space/api/", "3y"),
            "https://mempool.space/api/v1/mining/hashrate/3y"
        );
    }

    #[test]
    fn parses_both_difficulty_spellings() {
        let server = r#"{"hashrates":[{"timestamp":1652486400,"avgHashrate":2.364997621087718e20}],
            "difficulty":[{"time":1652468330,"height":736249,"difficulty":31251101365711.12,"adjustment":1.05}],
            "currentHashrate":2.520332473552123e20,"currentDifficulty":31251101365711.12}"#;
        let docs = r#"{"hashrates":[{"timestamp":1652486400,"avgHashrate":236499762108771800000}],
            "difficulty":[{"timestamp":1652468330,"difficulty":31251101365711.12,"height":736249}],
            "currentHashrate":0,"currentDifficulty":0}"#;
        for body in [server, docs] {
            let parsed = parse_hashrate(body).unwrap();
            assert_eq!(
                parsed.hash_rate,
                vec![Point {
                    t: 1_652_486_400,
                    v: 2.364997621087718e20
                }]
            );
            assert_eq!(
                parsed.difficulty,
                vec![Point {
                    t: 1_652_468_330,
                    v: 31_251_101_365_711.12
                }]
            );
        }
    }

    #[test]
    fn difficulty_may_be_left_out_but_not_null() {
        let hashrates = r#""hashrates":[{"timestamp":1,"avgHashrate":2e20}]"#;
        let parsed = parse_hashrate(&format!("{{{hashrates}}}")).unwrap();
        assert_eq!(parsed.difficulty, vec![]);
        assert_eq!(
            parse_hashrate(&format!("{{{hashrates},\"difficulty\":null}}")),
            Err(SourceError::Shape(
                "`difficulty` is not a list (found null)".into()
            ))
        );
        assert_eq!(
            parse_hashrate(&format!(
                "{{{hashrates},\"difficulty\":[{{\"difficulty\":2}}]}}"
            )),
            Err(SourceError::Shape("`time` is missing".into()))
        );
        assert_eq!(
            parse_hashrate(r#"{"hashrates":[{"timestamp":1,"avgHashrate":"2e20"}]}"#),
            Err(SourceError::Shape(
                "`avgHashrate` is not a number (found a string)".into()
            ))
        );
    }

    #[test]
    fn rejects_what_the_server_sends_when_it_fails() {
        let rate_limited = "<html>\n<head><title>429 Too Many Requests</title></head></html>";
        assert_eq!(parse_hashrate(rate_limited), Err(SourceError::Html));
        assert!(matches!(
            parse_hashrate("Internal error: database unavailable"),
            Err(SourceError::Syntax { .. })
        ));
        assert!(matches!(
            parse_hashrate(r#"{"hashrates":[]}"#),
            Err(SourceError::Series(SeriesError::Empty))
        ));
        assert!(matches!(
            parse_hashrate(r#"{"hashrates":[{"timestamp":1,"avgHashrate":-5}]}"#),
            Err(SourceError::Series(SeriesError::Implausible { .. }))
        ));
        assert!(matches!(
            parse_hashrate(r#"{"hashrates":[{"timestamp":"x","avgHashrate":5}]}"#),
            Err(SourceError::Shape(_))
        ));
    }
}
