//! Disruption events: internet shutdowns, outages and power cuts in a region, each with the
//! evidence and sources behind it.

use serde::Serialize;

use super::json::{Field, JsonError};
use super::time::UnixSeconds;

/// A public source that documents an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Who says so, e.g. "RIPE Labs (Emile Aben)".
    pub source: String,
    /// What they report, in a sentence.
    pub finding: String,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published (`YYYY-MM-DD`), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Whether the source has confirmed the cause it gives (IODA's verified outages say so
    /// row by row), where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause_confirmed: Option<bool>,
}

/// A point on the map for an event's region, with the source that places it there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPlace {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Where the coordinates come from (a URL).
    pub source: String,
}

impl EventPlace {
    /// Reads a place object, as the event catalogue holds it: coordinates on the globe.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let lat = object.number("lat")?;
        let lon = object.number("lon")?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(field.wrong("a place on the globe"));
        }
        Ok(Self {
            lat,
            lon,
            source: object.string("source")?,
        })
    }
}

/// What kind of disruption an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// An internet shutdown or outage.
    Internet,
    /// A power or grid disruption, curtailment included.
    Power,
    /// Weather or a disaster.
    Weather,
    /// A policy: a ban or an order to stop.
    Policy,
}

impl EventKind {
    /// Every kind, in the order lists show them.
    pub const ALL: [EventKind; 4] = [
        EventKind::Internet,
        EventKind::Power,
        EventKind::Weather,
        EventKind::Policy,
    ];

    /// The name the catalogue file gives it (its serialised form).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Internet => "internet",
            EventKind::Power => "power",
            EventKind::Weather => "weather",
            EventKind::Policy => "policy",
        }
    }

    /// Reads a kind by the name the catalogue file gives it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let name = field.string()?;
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
            .ok_or_else(|| field.wrong("an event kind"))
    }
}

/// How an event entered the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventOrigin {
    /// From IODA's list of manually verified outages (Bischof et al., SIGCOMM 2023).
    IodaVerified,
    /// Flagged by IODA's automatic outage detectors (live API).
    IodaDetected,
    /// Found by minewatch's own detector in an IODA signal (`analysis::disruption`).
    SignalDetected,
    /// Written by hand from the public reports cited in its evidence.
    Curated,
}

/// A disruption in one country (or a region or network inside it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisruptionEvent {
    /// Stable identifier, used in links (`event=`).
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// First instant of the disruption.
    pub start: UnixSeconds,
    /// Last instant of the disruption.
    pub end: UnixSeconds,
    /// A short title.
    pub title: String,
    /// What was affected: "Country", "Region (Mazandaran)", "AS (4538)", "Mobile networks".
    pub scope: String,
    /// The cause, as the source classifies it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// IODA signals in which the disruption was visible: `bgp`, `ping-slash24` (active
    /// probing) or `telescope` (the network telescope, UCSD-NT and later Merit-NT).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visible_in: Vec<String>,
    /// Where a sub-national region or company lies, when a source names the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<EventPlace>,
    /// What kind of disruption it is.
    pub kind: EventKind,
    /// How the event entered the catalogue.
    pub origin: EventOrigin,
    /// The sources.
    pub evidence: Vec<Evidence>,
}

impl Evidence {
    /// Reads an evidence object, as the event catalogue holds it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        Ok(Self {
            source: object.string("source")?,
            finding: object.string("finding")?,
            url: object.optional_string("url")?,
            published: object.optional_string("published")?,
            cause_confirmed: (object.optional("cause_confirmed"))
                .map(Field::boolean)
                .transpose()?,
        })
    }
}

impl EventOrigin {
    /// Reads an origin by the name the catalogue file gives it (its serialised form).
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        match field.string()? {
            "ioda-verified" => Ok(EventOrigin::IodaVerified),
            "ioda-detected" => Ok(EventOrigin::IodaDetected),
            "signal-detected" => Ok(EventOrigin::SignalDetected),
            "curated" => Ok(EventOrigin::Curated),
            _ => Err(field.wrong("an event origin")),
        }
    }
}

/// Sorts events by start, and those that start together by id: an order that does not depend
/// on the order a source listed them in.
pub fn sort_by_start(events: &mut Vec<DisruptionEvent>) {
    super::order::sort_by_i64(events, |e| e.start);
    for i in 1..events.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (events.get(j - 1), events.get(j)) else {
                break;
            };
            if a.start != b.start || a.id <= b.id {
                break;
            }
            events.swap(j - 1, j);
            j -= 1;
        }
    }
}

impl DisruptionEvent {
    /// Reads an event object, as the event catalogue holds it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let mut visible_in = Vec::new();
        if let Some(signals) = object.present("visible_in") {
            for signal in signals.items()? {
                visible_in.push(signal.string()?.to_owned());
            }
        }
        let mut evidence = Vec::new();
        for item in object.items("evidence")? {
            evidence.push(Evidence::from_json(item)?);
        }
        Ok(Self {
            id: object.string("id")?,
            country: object.string("country")?,
            start: object.integer("start")?,
            end: object.integer("end")?,
            title: object.string("title")?,
            scope: object.string("scope")?,
            cause: object.optional_string("cause")?,
            visible_in,
            place: object
                .present("place")
                .map(EventPlace::from_json)
                .transpose()?,
            kind: EventKind::from_json(object.get("kind")?)?,
            origin: EventOrigin::from_json(object.get("origin")?)?,
            evidence,
        })
    }

    /// Whether the event overlaps the interval `[start, end]`.
    pub fn overlaps(&self, start: UnixSeconds, end: UnixSeconds) -> bool {
        self.start <= end && start <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_includes_touching_intervals() {
        let event = crate::model::test_support::event("e", 10, 20);
        assert!(event.overlaps(0, 10));
        assert!(event.overlaps(20, 30));
        assert!(event.overlaps(12, 15));
        assert!(!event.overlaps(21, 30));
        let json = serde_json::to_string(&event).unwrap();
        assert!(json.contains("\"origin\":\"curated\""), "{json}");
        assert!(!json.contains("visible_in"), "{json}");
        let document = crate::model::json::parse(&json).unwrap();
        assert_eq!(
            DisruptionEvent::from_json(Field::document(&document)),
            Ok(event)
        );
    }

    #[test]
    fn origins_read_back_as_written() {
        for origin in [
            EventOrigin::IodaVerified,
            EventOrigin::IodaDetected,
            EventOrigin::SignalDetected,
            EventOrigin::Curated,
        ] {
            let json = serde_json::to_string(&origin).unwrap();
            let document = crate::model::json::parse(&json).unwrap();
            assert_eq!(
                EventOrigin::from_json(Field::document(&document)),
                Ok(origin)
            );
        }
        let document = crate::model::json::parse("\"IodaVerified\"").unwrap();
        assert!(EventOrigin::from_json(Field::document(&document)).is_err());
        for kind in EventKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            let document = crate::model::json::parse(&json).unwrap();
            assert_eq!(EventKind::from_json(Field::document(&document)), Ok(kind));
        }
        let document = crate::model::json::parse("\"flood\"").unwrap();
        assert!(EventKind::from_json(Field::document(&document)).is_err());
    }

    #[test]
    fn optional_fields_may_be_left_out_or_null() {
        let read = |text: &str| {
            let document = crate::model::json::parse(text).unwrap();
            DisruptionEvent::from_json(Field::document(&document))
        };
        let bare = r#"{"id":"e","country":"KZ","start":1,"end":2,"title":"t","scope":"s",
            "kind":"power","origin":"curated","evidence":[{"source":"s","finding":"f"}]}"#;
        let event = read(bare).unwrap();
        assert_eq!((event.cause, event.visible_in), (None, vec![]));
        assert_eq!(event.evidence[0].url, None);
        let nulls = bare
            .replace("\"scope\":\"s\"", "\"scope\":\"s\",\"cause\":null")
            .replace("\"finding\":\"f\"", "\"finding\":\"f\",\"url\":null");
        assert_eq!(read(&nulls).unwrap().cause, None);
        let listed = bare.replace(
            "\"scope\":\"s\"",
            "\"scope\":\"s\",\"visible_in\":[\"bgp\"]",
        );
        assert_eq!(read(&listed).unwrap().visible_in, vec!["bgp"]);
        // As with serde's `default`, a list left out is empty but `null` is not a list.
        let null_list = bare.replace("\"scope\":\"s\"", "\"scope\":\"s\",\"visible_in\":null");
        assert!(read(&null_list).is_err());
        assert_eq!(event.kind, EventKind::Power);
        for required in [
            "\"id\":\"e\",",
            "\"start\":1,",
            "\"origin\":\"curated\",",
            "\"kind\":\"power\",",
        ] {
            assert!(read(&bare.replace(required, "")).is_err(), "{required}");
        }
    }

    #[test]
    fn events_starting_together_are_ordered_by_id() {
        let event = |id: &str, start| crate::model::test_support::event(id, start, start + 1);
        let mut events = vec![event("c", 5), event("b", 1), event("a", 5), event("d", 5)];
        sort_by_start(&mut events);
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c", "d"]);
    }
}
