//! Where a number came from: every series in minewatch carries one of these into the UI.

use serde::Serialize;

use super::json::{Field, JsonError};

/// Source, licence and retrieval date of a data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Who published the data, as they ask to be credited (e.g. "Coin Metrics").
    pub source: String,
    /// What the data is, in a few words.
    pub title: String,
    /// Licence or terms of use, as the publisher states them.
    pub licence: String,
    /// Public page of the data or its publisher.
    pub url: String,
    /// The exact copy the numbers were taken from (repository, commit and file, or API URL).
    pub origin: String,
    /// UTC date (`YYYY-MM-DD`) the numbers were retrieved from `origin`.
    pub retrieved: String,
}

impl Provenance {
    /// Reads a provenance object, as the snapshot files hold it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        Ok(Self {
            source: object.string("source")?,
            title: object.string("title")?,
            licence: object.string("licence")?,
            url: object.string("url")?,
            origin: object.string("origin")?,
            retrieved: object.string("retrieved")?,
        })
    }
}
