//! blockchain.com charts: Bitcoin hash rate in TH/s.
//!
//! Two envelopes carry the same series:
//! - the API (`api.blockchain.info/charts/hash-rate?...&format=json`):
//!   `{"status":"ok","unit":"Hash Rate TH/s","values":[{"x":<unix s>,"y":<TH/s>}]}`;
//! - the site's chart download: `{"metric1":"hash-rate","hash-rate":[{"x":<unix ms>,"y":..}]}`.
//!
//! [`parse_hash_rate`] accepts both and returns H/s at Unix seconds.

use super::{parse_json, SourceError};
use crate::model::json::{Field, JsonError};
use crate::model::series::{normalise_points, Point};
use crate::model::time::{format_date, UnixSeconds, DAY};
use crate::model::units::{is_plausible_hash_rate, terahash_to_hashes};

/// The charts-API URL for hash rate over `timespan` (e.g. `3years`) from `start`
/// (`YYYY-MM-DD`), one value per day, for a base such as `https://api.blockchain.info`.
pub fn hash_rate_url(base: &str, timespan: &str, start: &str) -> String {
    format!(
        "{}/charts/hash-rate?timespan={timespan}&start={start}&sampled=false&format=json&cors=true",
        base.trim_end_matches('/')
    )
}

/// The `timespan` and `start` for the days from `since` to `now` (the whole history, from the
/// genesis block's day, without a `since`).
pub fn span_since(since: Option<UnixSeconds>, now: UnixSeconds) -> (String, String) {
    match since {
        Some(since) => {
            let start = since.div_euclid(DAY) * DAY;
            let days = (now - start) / DAY + 1;
            (format!("{days}days"), format_date(start))
        }
        None => ("all".into(), "2009-01-03".into()),
    }
}

/// Timestamps at or above this are milliseconds (1e11 s would be the year 5138).
const MILLISECONDS_THRESHOLD: f64 = 1e11;

struct ChartPoint {
    x: f64,
    y: f64,
}

/// A list of `{"x":..,"y":..}` points.
fn chart_points(field: Field<'_>) -> Result<Vec<ChartPoint>, JsonError> {
    let mut points = Vec::new();
    for point in field.items()? {
        let point = point.object()?;
        points.push(ChartPoint {
            x: point.number("x")?,
            y: point.number("y")?,
        });
    }
    Ok(points)
}

/// Parses either blockchain.com hash-rate envelope into points in H/s: the API's (`status`,
/// `unit`, `values`) or the chart download's (`hash-rate`).
pub fn parse_hash_rate(body: &str) -> Result<Vec<Point>, SourceError> {
    let document = parse_json(body)?;
    let envelope = Field::document(&document).object()?;
    let status = envelope.optional_string("status")?;
    let unit = envelope.optional_string("unit")?;
    let values = envelope.optional("values").map(chart_points).transpose()?;
    let download = envelope
        .optional("hash-rate")
        .map(chart_points)
        .transpose()?;
    let values = match (values, download) {
        (Some(values), _) => {
            if let Some(status) = status.filter(|s| s != "ok") {
                return Err(SourceError::reported(&format!("status \"{status}\"")));
            }
            if let Some(unit) = unit.filter(|u| !u.contains("TH/s")) {
                return Err(SourceError::Unit(super::shortened(&unit)));
            }
            values
        }
        (None, Some(download)) => download,
        (None, None) => {
            return Err(SourceError::Shape(
                "neither `values` nor `hash-rate` in the answer".into(),
            ))
        }
    };
    let in_milliseconds = values.iter().any(|p| p.x.abs() >= MILLISECONDS_THRESHOLD);
    let mut points = Vec::with_capacity(values.len());
    for p in values {
        let seconds = if in_milliseconds { p.x / 1000.0 } else { p.x };
        if !seconds.is_finite() || seconds.fract() != 0.0 || seconds.abs() > 1e11 {
            return Err(SourceError::Shape(format!("bad timestamp {}", p.x)));
        }
        points.push(Point {
            t: seconds as i64,
            v: terahash_to_hashes(p.y),
        });
    }
    Ok(normalise_points(points, is_plausible_hash_rate)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_span_reaches_back_to_the_first_day_asked() {
        use super::span_since;
        use crate::model::time::DAY;
        let now = 1_764_460_800; // 30 Nov 2025
        let (timespan, start) = span_since(Some(now - 7 * DAY + 5), now);
        assert_eq!((timespan.as_str(), start.as_str()), ("8days", "2025-11-23"));
        assert_eq!(span_since(None, now), ("all".into(), "2009-01-03".into()));
    }

    use super::*;
    use crate::model::series::SeriesError;

    #[test]
    fn builds_the_api_url() {
        assert_eq!(
            hash_rate_url("https://api.blockchain.info/", "5years", "2021-11-01"),
            "https://api.blockchain.info/charts/hash-rate?timespan=5years&start=2021-11-01&sampled=false&format=json&cors=true"
        );
    }

    #[test]
    fn parses_the_api_envelope_in_seconds() {
        let body = r#"{"status":"ok","name":"Hash Rate","unit":"Hash Rate TH/s","period":"day",
            "values":[{"x":1659052800,"y":200984332.9},{"x":1658966400,"y":194101307.8}]}"#;
        let points = parse_hash_rate(body).unwrap();
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].t, 1_658_966_400);
        assert_eq!(points[0].v, 194_101_307.8e12);
    }

    #[test]
    fn parses_the_download_envelope_in_milliseconds() {
        let body = r#"{"metric1":"hash-rate","metric2":"market-price",
            "hash-rate":[{"x":1231545600000,"y":1.0652200634920637e-7}],"market-price":[]}"#;
        let points = parse_hash_rate(body).unwrap();
        assert_eq!(
            points,
            vec![Point::from((1_231_545_600, 1.0652200634920637e5))]
        );
    }

    #[test]
    fn a_null_status_unit_or_list_counts_as_left_out() {
        let body =
            r#"{"status":null,"unit":null,"values":null,"hash-rate":[{"x":1231545600000,"y":1}]}"#;
        assert_eq!(
            parse_hash_rate(body),
            Ok(vec![Point::from((1_231_545_600, 1e12))])
        );
        assert_eq!(
            parse_hash_rate(r#"{"values":[{"x":1}]}"#),
            Err(SourceError::Shape("`y` is missing".into()))
        );
    }

    #[test]
    fn rejects_errors_units_and_absurd_values() {
        let not_ok = r#"{"status":"error","values":[]}"#;
        assert!(matches!(
            parse_hash_rate(not_ok),
            Err(SourceError::Reported(_))
        ));
        let wrong_unit = r#"{"status":"ok","unit":"USD","values":[{"x":1,"y":1}]}"#;
        assert_eq!(
            parse_hash_rate(wrong_unit),
            Err(SourceError::Unit("USD".into()))
        );
        let absurd = r#"{"values":[{"x":1659052800,"y":1e40}]}"#;
        assert!(matches!(
            parse_hash_rate(absurd),
            Err(SourceError::Series(SeriesError::Implausible { .. }))
        ));
        let empty = r#"{"status":"ok","values":[]}"#;
        assert_eq!(
            parse_hash_rate(empty),
            Err(SourceError::Series(SeriesError::Empty))
        );
        let fractional = r#"{"values":[{"x":1.5,"y":1}]}"#;
        assert!(matches!(
            parse_hash_rate(fractional),
            Err(SourceError::Shape(_))
        ));
        assert!(matches!(
            parse_hash_rate(r#"{"values":[{"x":"1","y":1}]}"#),
            Err(SourceError::Shape(_))
        ));
    }
}
