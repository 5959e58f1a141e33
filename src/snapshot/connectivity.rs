//! The IODA connectivity a refreshed snapshot holds: for every internet disruption of the
//! catalogue in a mining country (one with a share in CBECI's map), the country's signals over
//! the range a view of the disruption shows, so that a reader who opens it asks IODA nothing.
//!
//! Each window is one file, `data/connectivity-<CC>-<YYYY-MM-DD>.json`, in the shape of IODA's
//! raw-signals response (one signal per datasource, the windows IODA answered joined on one
//! grid): the widget reads it with the parser of a live answer. The manifest names each file
//! with the span and country it covers.

use std::path::Path;

use serde_json::{json, Value};

use super::{file_name, parsed, DeriveError};
use crate::analysis::event_view::view_range;
use crate::fetching::plan::live_range;
use crate::model::connectivity::ConnectivitySeries;
use crate::model::events::{DisruptionEvent, EventKind};
use crate::model::manifest::{parse_manifest, Manifest, ManifestEntry, MANIFEST_PATH};
use crate::model::provenance::Provenance;
use crate::model::source::SourceId;
use crate::model::time::{format_date, TimeRange};
use crate::sources::ioda;

/// One country's connectivity signals over one window, as a snapshot file holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectivityWindow {
    /// ISO code of the country.
    pub country: String,
    /// The span the signals were asked for (whole UTC days).
    pub range: TimeRange,
    /// One joined series per datasource IODA answered with values.
    pub series: Vec<ConnectivitySeries>,
    /// IODA's credit and terms, with the retrieval time.
    pub provenance: Provenance,
}

impl ConnectivityWindow {
    /// The file's path relative to the page: `data/connectivity-KZ-2021-12-22.json`.
    pub fn path(&self) -> String {
        format!(
            "data/connectivity-{}-{}.json",
            self.country,
            format_date(self.range.start)
        )
    }

    /// The file's text: an IODA raw-signals response holding the window's series.
    pub fn to_json(&self) -> Value {
        let signals: Vec<Value> = self
            .series
            .iter()
            .map(|s| {
                let values: Vec<Value> = s.values.iter().map(|v| compact_number(*v)).collect();
                json!({
                    "entityType": "country",
                    "entityCode": s.country,
                    "datasource": s.datasource,
                    "from": s.from,
                    "until": s.until(),
                    "step": s.step,
                    "values": values,
                })
            })
            .collect();
        json!({ "type": "signals", "error": null, "data": [signals] })
    }

    /// The manifest's entry for the file.
    pub fn manifest_entry(&self) -> ManifestEntry {
        ManifestEntry {
            stands_for: Some(SourceId::Ioda.as_str().into()),
            files: vec![self.path()],
            covers: Some([self.range.start, self.range.end]),
            regions: vec![self.country.clone()],
            signals: (self.series.iter())
                .map(|s| s.datasource.as_str().to_owned())
                .collect(),
            provenance: self.provenance.clone(),
        }
    }
}

/// A value as JSON: whole numbers without a fraction (IODA's counts), `null` for none.
fn compact_number(value: Option<f64>) -> Value {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9e15 => json!(v as i64),
        Some(v) => json!(v),
        None => Value::Null,
    }
}

/// The windows of connectivity a snapshot should hold: for each internet disruption in a
/// country of `mining` (ISO codes), the whole days a view of it asks IODA for; and `opening`,
/// the opening view's country and range. Windows of a country that overlap are joined while
/// the join spans no more than one IODA request ([`ioda::MAX_WINDOW`]); sorted by country and
/// start.
pub fn windows_wanted(
    events: &[DisruptionEvent],
    mining: &[String],
    opening: (&str, TimeRange),
) -> Vec<(String, TimeRange)> {
    let mut wanted: Vec<(String, TimeRange)> = events
        .iter()
        .filter(|e| e.kind == EventKind::Internet && mining.contains(&e.country))
        .map(|e| (e.country.clone(), live_range(view_range(e)).0))
        .collect();
    wanted.push((opening.0.to_owned(), live_range(opening.1).0));
    wanted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.start.cmp(&b.1.start)));
    let mut joined: Vec<(String, TimeRange)> = Vec::new();
    for (country, range) in wanted {
        match joined.last_mut() {
            Some((last_country, last))
                if *last_country == country
                    && range.start < last.end
                    && range.end.max(last.end) - last.start <= ioda::MAX_WINDOW =>
            {
                last.end = last.end.max(range.end);
            }
            _ => joined.push((country, range)),
        }
    }
    joined
}

/// Fetches `country`'s signals over `range` from IODA at `base` (every datasource, in windows
/// the API accepts) and its outage events there.
pub fn fetch_window(
    base: &str,
    country: &str,
    range: TimeRange,
    provenance: Provenance,
    get: &impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<(ConnectivityWindow, Vec<DisruptionEvent>), DeriveError> {
    let mut parts = Vec::new();
    for url in ioda::signal_urls(base, country, range.start, range.end) {
        parts.extend(parsed(&url, ioda::parse_signals(&get(&url)?))?);
    }
    let series = ioda::join_datasources(&parts);
    let url = ioda::events_url(base, country, range.start, range.end);
    let events = parsed(&url, ioda::parse_events(&get(&url)?))?;
    let window = ConnectivityWindow {
        country: country.to_owned(),
        range,
        series,
        provenance,
    };
    Ok((window, events))
}

/// The connectivity windows already in `out_dir`, as its manifest names them (none without a
/// manifest). A file the manifest names that is missing or does not parse is an error: a
/// refresh must not drop what it held.
pub fn read_previous_windows(out_dir: &Path) -> Result<Vec<ConnectivityWindow>, DeriveError> {
    let manifest_path = out_dir.join(file_name(MANIFEST_PATH));
    let manifest: Manifest = match std::fs::read_to_string(&manifest_path) {
        Ok(text) => parse_manifest(&text).map_err(|source| DeriveError::PreviousFile {
            path: manifest_path.clone(),
            source,
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(DeriveError::Read {
                path: manifest_path,
                source,
            })
        }
    };
    let mut windows = Vec::new();
    for entry in manifest.sources {
        let (Some(stands_for), Some([from, until]), [country], [file]) = (
            entry.stands_for.as_deref(),
            entry.covers,
            entry.regions.as_slice(),
            entry.files.as_slice(),
        ) else {
            continue;
        };
        if stands_for != SourceId::Ioda.as_str() {
            continue;
        }
        let path = out_dir.join(file_name(file));
        let text = std::fs::read_to_string(&path).map_err(|source| DeriveError::Read {
            path: path.clone(),
            source,
        })?;
        let series = ioda::parse_signals(&text).map_err(|source| DeriveError::Parse {
            path: path.clone(),
            source,
        })?;
        windows.push(ConnectivityWindow {
            country: country.clone(),
            range: TimeRange::new(from, until),
            series,
            provenance: entry.provenance,
        });
    }
    Ok(windows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::connectivity::Signal;
    use crate::model::test_support::{event, provenance};
    use crate::model::time::{parse_date, DAY};

    fn day(text: &str) -> i64 {
        parse_date(text).unwrap()
    }

    #[test]
    fn windows_cover_each_internet_disruption_of_a_mining_country_and_the_opening() {
        let mut first = event("kz-a", day("2022-01-05"), day("2022-01-10"));
        first.country = "KZ".into();
        let mut second = event("kz-b", day("2022-01-12"), day("2022-01-13"));
        second.country = "KZ".into();
        let mut later = event("kz-c", day("2022-09-01"), day("2022-09-02"));
        later.country = "KZ".into();
        let mut power = event("kz-power", day("2022-05-01"), day("2022-05-02"));
        power.country = "KZ".into();
        power.kind = EventKind::Power;
        let mut elsewhere = event("ge", day("2022-01-05"), day("2022-01-06"));
        elsewhere.country = "GE".into();
        let opening = TimeRange::new(day("2021-12-15"), day("2022-01-20"));
        let windows = windows_wanted(
            &[
                first.clone(),
                second.clone(),
                later.clone(),
                power,
                elsewhere,
            ],
            &["KZ".to_owned(), "US".to_owned()],
            ("US", opening),
        );
        let countries: Vec<&str> = windows.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(countries, ["KZ", "KZ", "US"], "{windows:?}");
        // The two January disruptions share one window, which holds each one's view.
        let (_, january) = &windows[0];
        for e in [&first, &second] {
            let view = view_range(e);
            assert!(
                january.start <= view.start && view.end <= january.end,
                "{e:?}"
            );
        }
        assert!(january.end - january.start <= ioda::MAX_WINDOW);
        assert_eq!(windows[1].1, view_range(&later));
        assert_eq!(windows[2].1, opening);
    }

    #[test]
    fn a_window_file_reads_back_with_the_live_parser() {
        let window = ConnectivityWindow {
            country: "KZ".into(),
            range: TimeRange::new(day("2022-01-01"), day("2022-01-02")),
            series: vec![ConnectivitySeries {
                country: "KZ".into(),
                datasource: Signal::Bgp,
                from: day("2022-01-01"),
                step: DAY / 2,
                values: vec![Some(62_200.0), None],
            }],
            provenance: provenance(),
        };
        let text = window.to_json().to_string();
        assert!(text.contains("[62200,null]"), "{text}");
        assert_eq!(ioda::parse_signals(&text).unwrap(), window.series);
        let entry = window.manifest_entry();
        assert_eq!(entry.files, ["data/connectivity-KZ-2022-01-01.json"]);
        assert_eq!(entry.signals, ["bgp"]);
        assert_eq!(entry.covers, Some([day("2022-01-01"), day("2022-01-02")]));
    }
}
