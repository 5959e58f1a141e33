//! IODA API v2 (Internet Outage Detection and Analysis, Georgia Tech): a country's
//! connectivity signals and the outages IODA's detectors found.
//!
//! - `GET {base}/signals/raw/country/{CC}?from=&until=&datasource=&maxPoints=` →
//!   `{"type":"signals","error":null,"data":[[{"entityCode":"KZ","datasource":"bgp",
//!   "from":..,"until":..,"step":300,"nativeStep":300,"values":[62200,null,..]}]],..}`;
//!   value i is at `from + i*step`; one request must span under 100 days.
//! - `GET {base}/outages/events?entityType=country&entityCode={CC}&from=&until=` →
//!   `{"type":"outages.events","error":null,"data":[{"location":"country/KZ","start":..,
//!   "duration":..,"method":"median","datasource":"ping-slash24","score":..,..}]}`.
//!
//! An `error` that is not null is a failure even when the HTTP status is 200.

use super::{parse_json, SourceError};
use crate::model::connectivity::{ConnectivitySeries, Signal};
use crate::model::events::{DisruptionEvent, EventOrigin, Evidence};
use crate::model::json::{Field, JsonError};
use crate::model::region::country_by_code;
use crate::model::time::{is_plausible_time, UnixSeconds, DAY};

/// Values asked for per signal and window: about two per pixel of a wide chart. IODA then
/// answers at the finest step that keeps the count under this.
pub const MAX_POINTS: u32 = 2_000;

/// The longest span one signals request may cover (IODA asks for under 100 days).
pub const MAX_WINDOW: UnixSeconds = 99 * DAY;

/// `[from, until)` cut into windows of equal length, none longer than [`MAX_WINDOW`] (the
/// last one may reach past `until`): IODA picks a window's step from its length, so equal
/// windows come back on one grid.
pub fn signal_windows(from: UnixSeconds, until: UnixSeconds) -> Vec<(UnixSeconds, UnixSeconds)> {
    let span = until.saturating_sub(from);
    if span <= 0 {
        return Vec::new();
    }
    let count = (span + MAX_WINDOW - 1) / MAX_WINDOW;
    let length = (span + count - 1) / count;
    (0..count)
        .map(|i| (from + i * length, from + (i + 1) * length))
        .collect()
}

/// The raw-signals URL for one country, signal and window.
pub fn signals_url(
    base: &str,
    country: &str,
    datasource: Signal,
    from: UnixSeconds,
    until: UnixSeconds,
) -> String {
    format!(
        "{}/signals/raw/country/{}?from={from}&until={until}&datasource={datasource}&maxPoints={MAX_POINTS}",
        base.trim_end_matches('/'),
        country.to_ascii_uppercase()
    )
}

/// The outage-events URL for one country and window.
pub fn events_url(base: &str, country: &str, from: UnixSeconds, until: UnixSeconds) -> String {
    format!(
        "{}/outages/events?entityType=country&entityCode={}&from={from}&until={until}",
        base.trim_end_matches('/'),
        country.to_ascii_uppercase()
    )
}

/// IODA's public dashboard for a country and window, cited as the evidence of detected events.
pub fn dashboard_url(country: &str, from: UnixSeconds, until: UnixSeconds) -> String {
    format!(
        "https://ioda.inetintel.cc.gatech.edu/country/{}?from={from}&until={until}",
        country.to_ascii_uppercase()
    )
}

/// Reads an IODA envelope's `data` with `read`, turning a reported `error` into
/// [`SourceError::Reported`].
fn parse_envelope<T>(
    body: &str,
    read: impl Fn(Field<'_>) -> Result<T, JsonError>,
) -> Result<T, SourceError> {
    let document = parse_json(body)?;
    let envelope = Field::document(&document).object()?;
    let error = envelope.optional_string("error")?;
    let data = envelope.optional("data").map(read).transpose()?;
    if let Some(error) = error.filter(|e| !e.trim().is_empty()) {
        return Err(SourceError::reported(&error));
    }
    data.ok_or_else(|| SourceError::Shape("no data in the response".into()))
}

struct RawSignal {
    entity_type: String,
    entity_code: String,
    datasource: String,
    from: UnixSeconds,
    step: UnixSeconds,
    values: Vec<Option<f64>>,
}

/// The signals' `data`: lists of signals.
fn signals(data: Field<'_>) -> Result<Vec<RawSignal>, JsonError> {
    let mut out = Vec::new();
    for set in data.items()? {
        for signal in set.items()? {
            let signal = signal.object()?;
            let mut values = Vec::new();
            for value in signal.items("values")? {
                values.push(value.non_null().map(Field::number).transpose()?);
            }
            out.push(RawSignal {
                entity_type: signal.string("entityType")?,
                entity_code: signal.string("entityCode")?,
                datasource: signal.string("datasource")?,
                from: signal.integer("from")?,
                step: signal.integer("step")?,
                values,
            });
        }
    }
    Ok(out)
}

/// Parses a raw-signals response into one series per datasource. Values must be finite and
/// not negative; the grid must have a positive step.
pub fn parse_signals(body: &str) -> Result<Vec<ConnectivitySeries>, SourceError> {
    let mut out = Vec::new();
    for signal in parse_envelope(body, signals)? {
        // Another entity, or a signal the widget does not read.
        let Some(datasource) = Signal::parse(&signal.datasource) else {
            continue;
        };
        if signal.entity_type != "country" {
            continue;
        }
        if !(1..=7 * DAY).contains(&signal.step) {
            return Err(SourceError::Shape(format!(
                "step {} is not between a second and a week",
                signal.step
            )));
        }
        let until = signal
            .from
            .saturating_add(signal.step.saturating_mul(signal.values.len() as i64));
        if !is_plausible_time(signal.from) || !is_plausible_time(until) {
            return Err(SourceError::Shape(format!(
                "signal times {}–{until} are not real dates",
                signal.from
            )));
        }
        if let Some(bad) = signal
            .values
            .iter()
            .flatten()
            .find(|v| !(v.is_finite() && **v >= 0.0))
        {
            return Err(SourceError::Shape(format!(
                "{} value {bad} is not a count",
                signal.datasource
            )));
        }
        out.push(ConnectivitySeries {
            country: signal.entity_code.to_ascii_uppercase(),
            datasource,
            from: signal.from,
            step: signal.step,
            values: signal.values,
        });
    }
    Ok(out)
}

struct OutageEvent {
    location: String,
    start: UnixSeconds,
    duration: UnixSeconds,
    method: Option<String>,
    datasource: Option<String>,
    score: Option<f64>,
}

/// The events' `data`: a list of outage events.
fn outage_events(data: Field<'_>) -> Result<Vec<OutageEvent>, JsonError> {
    let mut out = Vec::new();
    for item in data.items()? {
        let item = item.object()?;
        out.push(OutageEvent {
            location: item.string("location")?,
            start: item.integer("start")?,
            duration: item.integer("duration")?,
            method: item.optional_string("method")?,
            datasource: item.optional_string("datasource")?,
            score: item.optional("score").map(Field::number).transpose()?,
        });
    }
    Ok(out)
}

/// Parses an outage-events response into events for the widget's countries (others skipped).
pub fn parse_events(body: &str) -> Result<Vec<DisruptionEvent>, SourceError> {
    let mut out = Vec::new();
    for item in parse_envelope(body, outage_events)? {
        let Some(("country", code)) = item.location.split_once('/') else {
            continue;
        };
        let Some(country) = country_by_code(code) else {
            continue;
        };
        if item.duration < 0 || !is_plausible_time(item.start.saturating_add(item.duration)) {
            return Err(SourceError::Shape(format!(
                "implausible times in {}",
                item.location
            )));
        }
        if !is_plausible_time(item.start) {
            return Err(SourceError::Shape(format!(
                "implausible start in {}",
                item.location
            )));
        }
        let end = item.start.saturating_add(item.duration);
        let datasource = item.datasource.unwrap_or_else(|| "unknown".into());
        let method = item.method.unwrap_or_else(|| "unknown".into());
        let score = item
            .score
            .filter(|s| s.is_finite())
            .map_or(String::new(), |s| format!(", score {s:.0}"));
        out.push(DisruptionEvent {
            id: format!(
                "ioda-{}-{}-{}",
                country.code.to_ascii_lowercase(),
                item.start,
                datasource
            ),
            country: country.code.to_owned(),
            start: item.start,
            end,
            title: format!("Outage detected by IODA in {}", country.name),
            scope: "Country".into(),
            cause: None,
            visible_in: vec![datasource.clone()],
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin: EventOrigin::IodaDetected,
            evidence: vec![Evidence {
                source: "IODA".into(),
                finding: format!(
                    "IODA's {method} detector flagged the {datasource} signal{score}."
                ),
                url: Some(dashboard_url(country.code, item.start, end)),
                published: None,
                cause_confirmed: None,
            }],
        });
    }
    crate::model::events::sort_by_start(&mut out);
    Ok(out)
}

/// The raw-signals URLs of every datasource for `country` over `[from, until)`, in windows
/// the API accepts, datasource by datasource.
pub fn signal_urls(
    base: &str,
    country: &str,
    from: UnixSeconds,
    until: UnixSeconds,
) -> Vec<String> {
    let windows = signal_windows(from, until);
    Signal::ALL
        .into_iter()
        .flat_map(|ds| {
            windows
                .iter()
                .map(move |(from, until)| signals_url(base, country, ds, *from, *until))
        })
        .collect()
}

/// One series per datasource, each joined from the `parts` its windows brought.
pub fn join_datasources(parts: &[ConnectivitySeries]) -> Vec<ConnectivitySeries> {
    Signal::ALL
        .into_iter()
        .filter_map(|ds| {
            let of_ds = parts.iter().filter(|p| p.datasource == ds).cloned();
            ConnectivitySeries::join(of_ds.collect())
        })
        .collect()
}

/// The answers to [`signal_urls`] followed by [`events_url`] (`None` for one that failed),
/// read: the joined signals and the outage events, with each answer that could not be read
/// (its position and why). An error when no answer could be read.
pub type ConnectivityAnswers = (
    (Vec<ConnectivitySeries>, Vec<DisruptionEvent>),
    Vec<(usize, SourceError)>,
);

/// Reads the answers to a connectivity request (see [`ConnectivityAnswers`]): every window of
/// every signal, then the outage events. A window that failed or could not be used leaves a
/// gap (signals) or no events: the data are partial.
pub fn parse_connectivity_answers(
    bodies: &[Option<String>],
) -> Result<ConnectivityAnswers, SourceError> {
    let events_index = bodies.len().saturating_sub(1);
    let mut unusable = Vec::new();
    let mut parts = Vec::new();
    let mut events = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let Some(body) = body else { continue };
        let parsed = if i == events_index {
            parse_events(body).map(|e| events = e)
        } else {
            parse_signals(body).map(|p| parts.extend(p))
        };
        if let Err(error) = parsed {
            unusable.push((i, error));
        }
    }
    if unusable.len() == bodies.iter().flatten().count() {
        return Err(unusable
            .into_iter()
            .next()
            .map_or_else(|| SourceError::Shape("no response".into()), |(_, e)| e));
    }
    Ok(((join_datasources(&parts), events), unusable))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_long_windows_into_equal_ones() {
        assert_eq!(signal_windows(0, 10), vec![(0, 10)]);
        let windows = signal_windows(0, 250 * DAY);
        assert_eq!(
            windows,
            vec![
                (0, 7_200_000),
                (7_200_000, 14_400_000),
                (14_400_000, 21_600_000)
            ]
        );
        assert!(windows.iter().all(|(a, b)| b - a <= MAX_WINDOW));
        assert!(signal_windows(10, 10).is_empty());
    }

    #[test]
    fn builds_urls() {
        let base = "https://api.ioda.inetintel.cc.gatech.edu/v2/";
        assert_eq!(
            signals_url(base, "kz", Signal::Probing, 1, 2),
            "https://api.ioda.inetintel.cc.gatech.edu/v2/signals/raw/country/KZ?from=1&until=2&datasource=ping-slash24&maxPoints=2000"
        );
        assert_eq!(
            events_url(base, "KZ", 1, 2),
            "https://api.ioda.inetintel.cc.gatech.edu/v2/outages/events?entityType=country&entityCode=KZ&from=1&until=2"
        );
    }

    const SIGNALS: &str = r#"{"type":"signals","metadata":{"requestTime":"2026-02-01T01:44:46+00:00"},
        "requestParameters":{"from":1641340800,"until":1641342000,"datasource":"bgp","sourceParams":null,"maxPoints":null},
        "error":null,"perf":[{"datasource":"bgp","backend":"influxv2","timeUsed":0.1}],
        "data":[[{"entityType":"country","entityCode":"KZ","entityName":"Kazakhstan","entityFqid":"geo.netacuity.AS.KZ",
          "datasource":"bgp","subtype":"","from":1641340800,"until":1641342000,"step":300,"nativeStep":300,
          "values":[62200,62220.5,null,62213]}]],"copyright":"c"}"#;

    #[test]
    fn parses_signals_with_gaps() {
        let series = parse_signals(SIGNALS).unwrap();
        assert_eq!(series.len(), 1);
        assert_eq!(series[0].country, "KZ");
        assert_eq!(
            series[0].values,
            vec![Some(62200.0), Some(62220.5), None, Some(62213.0)]
        );
        assert_eq!(series[0].until(), 1_641_342_000);
        assert!(
            parse_signals(r#"{"type":"signals","error":null,"data":[[]]}"#)
                .unwrap()
                .is_empty()
        );
        // A signal the widget does not read (IODA has others, e.g. Google's traffic) is left.
        let other = SIGNALS.replace(
            "\"datasource\":\"bgp\",\"subtype\"",
            "\"datasource\":\"gtr\",\"subtype\"",
        );
        assert_ne!(other, SIGNALS);
        assert!(parse_signals(&other).unwrap().is_empty());
    }

    #[test]
    fn reports_errors_and_bad_values() {
        let error = r#"{"type":"signals","error":"invalid datasource foo","data":null}"#;
        assert_eq!(
            parse_signals(error),
            Err(SourceError::Reported("invalid datasource foo".into()))
        );
        let negative = SIGNALS.replace("62220.5", "-4");
        assert!(matches!(
            parse_signals(&negative),
            Err(SourceError::Shape(_))
        ));
        let zero_step = SIGNALS.replace("\"step\":300", "\"step\":0");
        assert!(matches!(
            parse_signals(&zero_step),
            Err(SourceError::Shape(_))
        ));
        // Times no real measurement has: they would reach arithmetic that overflows.
        for (from, to) in [
            ("\"step\":300", "\"step\":9999999999"),
            ("\"from\":1641340800", "\"from\":-5"),
            ("\"from\":1641340800", "\"from\":9223372036854775000"),
        ] {
            let absurd = SIGNALS.replace(from, to);
            assert_ne!(absurd, SIGNALS, "{to}");
            assert!(
                matches!(parse_signals(&absurd), Err(SourceError::Shape(_))),
                "{to}"
            );
        }
        let long_error = format!(
            r#"{{"type":"signals","error":"{}","data":null}}"#,
            "x".repeat(5000)
        );
        assert!(
            matches!(parse_signals(&long_error), Err(SourceError::Reported(e)) if e.chars().count() <= 161)
        );
        let nested = SIGNALS.replace("62220.5", "[1,2]");
        assert!(matches!(parse_signals(&nested), Err(SourceError::Shape(_))));
        assert!(matches!(
            parse_signals(r#"{"error":null}"#),
            Err(SourceError::Shape(_))
        ));
    }

    #[test]
    fn parses_outage_events() {
        let body = r#"{"type":"outages.events","error":null,"perf":null,"data":[
            {"location":"country/KZ","start":1641377400,"duration":432000,"uncertainty":null,"method":"median",
             "datasource":"ping-slash24","status":0,"fraction":null,"score":75312.5,"location_name":"Kazakhstan","overlaps_window":false},
            {"location":"asn/41678","start":1641377400,"duration":60,"method":"median","datasource":"bgp","score":1.0},
            {"location":"country/FR","start":1641377400,"duration":60,"method":"median","datasource":"bgp","score":1.0}],
            "copyright":"c"}"#;
        let events = parse_events(body).unwrap();
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(
            (e.country.as_str(), e.start, e.end),
            ("KZ", 1_641_377_400, 1_641_809_400)
        );
        assert_eq!(e.origin, EventOrigin::IodaDetected);
        assert_eq!(e.visible_in, vec!["ping-slash24"]);
        assert!(e.evidence[0]
            .finding
            .contains("median detector flagged the ping-slash24 signal, score 75312"));
        let bare = r#"{"data":[{"location":"country/KZ","start":0,"duration":60,"method":null}]}"#;
        let finding = &parse_events(bare).unwrap()[0].evidence[0].finding;
        assert_eq!(
            finding,
            "IODA's unknown detector flagged the unknown signal."
        );
        let negative = body.replace("432000", "-5");
        assert!(matches!(
            parse_events(&negative),
            Err(SourceError::Shape(_))
        ));
    }

    #[test]
    fn reads_a_window_partly_answered() {
        let urls = signal_urls("https://x/v2", "KZ", 0, 250 * DAY);
        assert_eq!(urls.len(), 9, "3 datasources × 3 windows");
        assert!(urls[0].contains("datasource=ping-slash24") && urls[3].contains("datasource=bgp"));
        let events = r#"{"type":"outages.events","error":null,"data":[]}"#;
        let answers = [
            Some(SIGNALS.to_owned()),
            None,
            Some("not json".to_owned()),
            Some(events.to_owned()),
        ];
        let ((series, events), unusable) = parse_connectivity_answers(&answers).unwrap();
        assert_eq!(series.len(), 1);
        assert_eq!(series[0].datasource, Signal::Bgp);
        assert!(events.is_empty());
        assert_eq!(unusable.len(), 1);
        assert_eq!(unusable[0].0, 2);
        assert!(parse_connectivity_answers(&[None, Some("[]".into())]).is_err());
        assert!(parse_connectivity_answers(&[None, None]).is_err());
    }
}
