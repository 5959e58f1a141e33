//! The data manifest (`data/manifest.json`), written by the snapshot tool beside the bundled
//! files: for each source, what the snapshot holds of it (the span it covers, the regions and
//! signals), when it was retrieved, from where and under which licence. The widget reads it
//! before asking any live source: a view the snapshot covers sends no request for that source.

use serde::Serialize;

use super::json::{self, Field};
use super::provenance::Provenance;
use super::snapshot::{check_format, SnapshotError};
use super::time::{TimeRange, UnixSeconds};

/// Path of the manifest, relative to the widget's page.
pub const MANIFEST_PATH: &str = "data/manifest.json";

/// What the snapshot holds of one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManifestEntry {
    /// The live source whose data these stand in for (its `data-source` id: `mempool`,
    /// `blockchain`, `ioda`, `cbeci`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stands_for: Option<String>,
    /// The files that hold the data, relative to the page.
    pub files: Vec<String>,
    /// The span `[from, until)` (Unix seconds) for which the snapshot holds every value the
    /// source had published when it was retrieved; `None` (left out) when it holds none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers: Option<[UnixSeconds; 2]>,
    /// The regions (ISO codes) the data are about; empty for the whole network.
    pub regions: Vec<String>,
    /// The signals held (IODA's connectivity signals); empty when the data have none.
    pub signals: Vec<String>,
    /// Credit, licence, origin and retrieval date.
    pub provenance: Provenance,
}

/// The manifest: every source the snapshot holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    /// File format version (the snapshot's).
    pub format: u32,
    /// One entry per source.
    pub sources: Vec<ManifestEntry>,
}

impl Manifest {
    /// Whether the snapshot covers `view` for the live source `source` (a `data-source` id)
    /// in `region`: an entry standing for it covers every moment of the view, for the whole
    /// network or for that region.
    pub fn covers(&self, source: &str, view: TimeRange, region: &str) -> bool {
        self.covering(source, view, region).is_some()
    }

    /// The entries standing for `source` whose data are about `region` (or the whole network).
    pub fn entries<'a: 'b, 'b>(
        &'a self,
        source: &'b str,
        region: &'b str,
    ) -> impl Iterator<Item = &'a ManifestEntry> + 'b {
        self.sources
            .iter()
            .filter(move |e| e.stands_for.as_deref() == Some(source))
            .filter(move |e| e.regions.is_empty() || e.regions.iter().any(|r| r == region))
    }

    /// The first entry that covers `view` for `source` in `region` (see [`Manifest::covers`]).
    pub fn covering(&self, source: &str, view: TimeRange, region: &str) -> Option<&ManifestEntry> {
        self.entries(source, region).find(|e| {
            e.covers
                .is_some_and(|[from, until]| from <= view.start && view.end <= until)
        })
    }
}

/// Parses and checks the manifest: its format, and spans that end after they start.
pub fn parse_manifest(text: &str) -> Result<Manifest, SnapshotError> {
    let document = json::parse(text)?;
    let file = Field::document(&document).object()?;
    let format = file.count("format")?;
    check_format(format)?;
    let strings = |field: Field<'_>| -> Result<Vec<String>, SnapshotError> {
        let mut out = Vec::new();
        for item in field.items()? {
            out.push(item.string()?.to_owned());
        }
        Ok(out)
    };
    let mut sources = Vec::new();
    for entry in file.items("sources")? {
        let object = entry.object()?;
        let covers = match object.present("covers") {
            None => None,
            Some(span) => {
                let bounds: Vec<Field<'_>> = span.items()?.collect();
                match bounds.as_slice() {
                    [from, until] if from.integer()? < until.integer()? => {
                        Some([from.integer()?, until.integer()?])
                    }
                    _ => {
                        return Err(SnapshotError::Malformed(
                            span.wrong("a span [from, until)").to_string(),
                        ))
                    }
                }
            }
        };
        sources.push(ManifestEntry {
            stands_for: object.optional_string("stands_for")?,
            files: strings(object.get("files")?)?,
            covers,
            regions: strings(object.get("regions")?)?,
            signals: strings(object.get("signals")?)?,
            provenance: Provenance::from_json(object.get("provenance")?)?,
        });
    }
    Ok(Manifest { format, sources })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::snapshot::SNAPSHOT_FORMAT;
    use crate::model::test_support::provenance;

    fn entry(stands_for: &str, covers: Option<[i64; 2]>, regions: &[&str]) -> ManifestEntry {
        ManifestEntry {
            stands_for: Some(stands_for.into()),
            files: vec!["data/x.json".into()],
            covers,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            signals: vec![],
            provenance: provenance(),
        }
    }

    #[test]
    fn covers_a_view_inside_an_entry_for_its_source_and_region() {
        let day = |n: i64| n * crate::model::time::DAY;
        let manifest = Manifest {
            format: SNAPSHOT_FORMAT,
            sources: vec![
                entry("mempool", Some([day(100), day(200)]), &[]),
                entry("ioda", Some([day(100), day(200)]), &["KZ"]),
                entry("cbeci", None, &[]),
            ],
        };
        let view = TimeRange::new(day(120), day(180));
        assert!(manifest.covers("mempool", view, "US"));
        assert!(!manifest.covers("mempool", TimeRange::new(day(120), day(201)), "US"));
        assert!(!manifest.covers("mempool", TimeRange::new(day(99), day(150)), "US"));
        assert!(manifest.covers("ioda", view, "KZ"));
        assert!(
            !manifest.covers("ioda", view, "US"),
            "another region's signals"
        );
        assert!(
            !manifest.covers("cbeci", view, "KZ"),
            "an entry that holds nothing"
        );
        assert!(!manifest.covers("blockchain", view, "KZ"), "no entry");

        // Written and read back as the snapshot tool and the widget do.
        let text = serde_json::to_string(&manifest).unwrap();
        assert_eq!(parse_manifest(&text).unwrap(), manifest);
    }

    #[test]
    fn a_span_that_ends_before_it_starts_is_refused() {
        let text = r#"{"format":2,"sources":[{"stands_for":"mempool","files":[],"covers":[200,100],
            "regions":[],"signals":[],"provenance":{"source":"S","title":"T","licence":"L",
            "url":"https://example.org","origin":"o","retrieved":"2026-11-24"}}]}"#;
        assert!(parse_manifest(text).is_err());
        assert!(parse_manifest(&text.replace("[200,100]", "[100,200]")).is_ok());
    }
}
