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
use crate::model::units::is_plausible_hash_rate;

/// Periods the API knows; anything else returns all history.
pub const PERIODS: [&str; 9] = ["24h", "3d", "1w", "1m", "3m", "6m", "1y", "2y", "3y"];

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
