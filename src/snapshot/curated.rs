//! The curated catalogue: disruptions of mining regions written by hand from public reports, one
//! record per event in `data/disruptions.json` (reviewable in the repository), each claim tied
//! to the source that makes it. The snapshot tool turns the records into catalogue events.

use std::path::Path;

use serde::Deserialize;

use super::DeriveError;
use crate::model::events::{DisruptionEvent, EventKind, EventOrigin, EventPlace, Evidence};
use crate::model::time::{parse_date, UnixSeconds, DAY, HOUR};
use crate::sources::SourceError;

/// The curated catalogue, relative to the repository.
pub const CURATED_FILE: &str = "data/disruptions.json";

/// The file: a line on what it is, and the events.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedFile {
    #[allow(dead_code)]
    about: String,
    events: Vec<CuratedEvent>,
}

/// One curated event, as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedEvent {
    id: String,
    title: String,
    kind: String,
    country: String,
    /// `country`, `region` (sub-national) or `company`.
    scope: String,
    /// The region or company, for those scopes.
    region: Option<String>,
    /// Where a sub-national region lies, when a source names the place (for the map).
    point: Option<CuratedPoint>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MMZ`, UTC.
    start: String,
    end: String,
    /// `day` or `hour`.
    precision: String,
    sources: Vec<CuratedSource>,
    /// What a source claims the event did to the hash rate, naming the source (for
    /// reviewers: the claim itself is in that source's record).
    #[allow(dead_code)]
    claimed_hash_rate_effect: Option<String>,
    /// The region's share of its country's hash rate, where a source gives it.
    #[allow(dead_code)]
    region_share_of_country: Option<serde_json::Value>,
}

/// Coordinates of an event's region, with the source that gives them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedPoint {
    lat: f64,
    lon: f64,
    source: String,
}

/// A source of a curated event.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedSource {
    url: String,
    publisher: String,
    /// Publication date, `YYYY-MM-DD`.
    date: String,
    claim: String,
}

/// A UTC time `YYYY-MM-DD` (midnight; with `end_of_day`, the midnight after) or
/// `YYYY-MM-DDTHH:MMZ`.
fn utc_time(text: &str, end_of_day: bool) -> Option<UnixSeconds> {
    match text.split_once('T') {
        None => parse_date(text)
            .ok()
            .map(|d| d + if end_of_day { DAY } else { 0 }),
        Some((date, time)) => {
            let (hour, minute) = time.strip_suffix('Z')?.split_once(':')?;
            let (hour, minute): (i64, i64) = (hour.parse().ok()?, minute.parse().ok()?);
            ((0..24).contains(&hour) && (0..60).contains(&minute))
                .then(|| parse_date(date).ok().map(|d| d + hour * HOUR + minute * 60))
                .flatten()
        }
    }
}

impl CuratedEvent {
    /// The catalogue event, or why this record cannot be one.
    fn into_event(self) -> Result<DisruptionEvent, String> {
        let kind = EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == self.kind)
            .ok_or_else(|| format!("unknown kind {:?}", self.kind))?;
        let scope = match (self.scope.as_str(), &self.region) {
            ("country", None) => "Country".to_owned(),
            ("region", Some(region)) => format!("Region ({region})"),
            ("company", Some(company)) => format!("Company ({company})"),
            (scope, _) => return Err(format!("scope {scope:?} with region {:?}", self.region)),
        };
        let hourly = self.start.contains('T') || self.end.contains('T');
        if (self.precision == "hour") != hourly || !["day", "hour"].contains(&&*self.precision) {
            return Err(format!(
                "precision {:?} does not match its times",
                self.precision
            ));
        }
        let start = utc_time(&self.start, false).ok_or("start is not a UTC time")?;
        let end = utc_time(&self.end, true).ok_or("end is not a UTC time")?;
        if end <= start {
            return Err("ends before it starts".into());
        }
        if self.sources.is_empty() {
            return Err("no source".into());
        }
        let mut evidence = Vec::new();
        for source in self.sources {
            if !source.url.starts_with("https://") && !source.url.starts_with("http://") {
                return Err(format!("source URL {:?} is not a web address", source.url));
            }
            parse_date(&source.date)
                .map_err(|_| format!("source date {:?} is not YYYY-MM-DD", source.date))?;
            evidence.push(Evidence {
                source: source.publisher,
                finding: source.claim,
                url: Some(source.url),
                published: Some(source.date),
                cause_confirmed: None,
            });
        }
        let place = match self.point {
            Some(p) if (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon) => {
                if !p.source.starts_with("https://") && !p.source.starts_with("http://") {
                    return Err(format!("point source {:?} is not a web address", p.source));
                }
                Some(EventPlace {
                    lat: p.lat,
                    lon: p.lon,
                    source: p.source,
                })
            }
            Some(p) => return Err(format!("point {}, {} is not on the globe", p.lat, p.lon)),
            None => None,
        };
        Ok(DisruptionEvent {
            id: self.id,
            country: self.country,
            start,
            end,
            title: self.title,
            scope,
            cause: None,
            visible_in: Vec::new(),
            place,
            kind,
            origin: EventOrigin::Curated,
            evidence,
        })
    }
}

/// Reads the curated events from the text of `data/disruptions.json`, oldest first; a record
/// that is not a sourced event in UTC is an error naming it.
pub fn parse_curated_events(text: &str) -> Result<Vec<DisruptionEvent>, SourceError> {
    let file: CuratedFile = serde_json::from_str(text).map_err(|e| SourceError::Syntax {
        format: "JSON",
        detail: e.to_string(),
    })?;
    let mut events = Vec::with_capacity(file.events.len());
    for record in file.events {
        let id = record.id.clone();
        let event = record
            .into_event()
            .map_err(|why| SourceError::Shape(format!("event {id}: {why}")))?;
        if events.iter().any(|e: &DisruptionEvent| e.id == event.id) {
            return Err(SourceError::Shape(format!("event {id} is listed twice")));
        }
        events.push(event);
    }
    crate::model::events::sort_by_start(&mut events);
    Ok(events)
}

/// The curated events of this repository's `data/disruptions.json`.
pub fn curated_events() -> Result<Vec<DisruptionEvent>, DeriveError> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CURATED_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            parse_curated_events(&text).map_err(|source| DeriveError::Parse { path, source })
        }
        Err(source) => Err(DeriveError::Read { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(start: &str, end: &str, precision: &str) -> String {
        format!(
            r#"{{"about":"a","events":[{{"id":"x","title":"t","kind":"power","country":"US",
            "scope":"region","region":"Texas","point":null,"start":"{start}","end":"{end}",
            "precision":"{precision}","sources":[{{"url":"https://example.org/a",
            "publisher":"P","date":"2021-02-16","claim":"c"}}],
            "claimed_hash_rate_effect":null,"region_share_of_country":null}}]}}"#
        )
    }

    #[test]
    fn days_cover_whole_utc_days_and_hours_are_exact() {
        let events = parse_curated_events(&record("2021-02-15", "2021-02-18", "day")).unwrap();
        let event = &events[0];
        assert_eq!(event.start, parse_date("2021-02-15").unwrap());
        assert_eq!(
            event.end,
            parse_date("2021-02-19").unwrap(),
            "through 18 Feb"
        );
        assert_eq!(event.scope, "Region (Texas)");
        assert_eq!(event.kind, EventKind::Power);
        assert_eq!(event.evidence[0].published.as_deref(), Some("2021-02-16"));
        let hourly =
            parse_curated_events(&record("2022-01-25T05:59Z", "2022-01-25T10:00Z", "hour"))
                .unwrap();
        assert_eq!(hourly[0].end - hourly[0].start, 4 * HOUR + 60);
    }

    #[test]
    fn records_without_a_source_or_utc_times_are_refused() {
        for bad in [
            record("2021-02-15", "2021-02-18", "hour"),
            record("2021-02-15T25:00Z", "2021-02-18T01:00Z", "hour"),
            record("15 Feb 2021", "2021-02-18", "day"),
            record("2021-02-18", "2021-02-15", "day"),
            record("2021-02-15", "2021-02-18", "day").replace("https://example.org/a", "n/a"),
            record("2021-02-15", "2021-02-18", "day")
                .replace("\"kind\":\"power\"", "\"kind\":\"storm\""),
        ] {
            assert!(parse_curated_events(&bad).is_err(), "{bad}");
        }
        let no_source = record("2021-02-15", "2021-02-18", "day");
        let start = no_source.find("\"sources\":[").unwrap();
        let end = no_source.find("}],").unwrap();
        let no_source = format!(
            "{}\"sources\":[{}",
            &no_source[..start],
            &no_source[end + 1..]
        );
        assert!(parse_curated_events(&no_source).is_err(), "{no_source}");
    }
}
