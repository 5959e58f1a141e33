//! One module per public data source: its wire types and a parser from the raw body to the
//! [`crate::model`]. Parsers never panic: anything unexpected is a [`SourceError`].

pub mod blockchain;
pub mod cbeci;
pub mod coinmetrics;
pub mod csv;
pub mod ioda;
pub mod ioda_verified;
pub mod mempool;

use crate::model::json::Value;

use crate::model::json::{self, JsonError};
use crate::model::series::SeriesError;

/// Bodies larger than this are refused before parsing (no source answers with more).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Why a source's body could not be turned into data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SourceError {
    /// The body is too large to be a real answer.
    #[error("the response is too large ({0} bytes)")]
    TooLarge(usize),
    /// An HTML page (an error page or a captive portal) where data was expected.
    #[error("received an HTML page instead of data")]
    Html,
    /// Not valid JSON (or CSV) at all.
    #[error("the response is not valid {format}: {detail}")]
    Syntax {
        /// "JSON" or "CSV".
        format: &'static str,
        /// The parser's message.
        detail: String,
    },
    /// Valid syntax but not the shape the source documents.
    #[error("the response has an unexpected shape: {0}")]
    Shape(String),
    /// The source answered with an error of its own.
    #[error("the source reported an error: {0}")]
    Reported(String),
    /// The values are in a unit this parser does not know.
    #[error("unexpected unit \"{0}\"")]
    Unit(String),
    /// The values failed the model's checks.
    #[error(transparent)]
    Series(#[from] SeriesError),
}

/// The most characters of a source's own error message that reach the status line.
const MAX_REPORTED_CHARS: usize = 160;

/// Text from a source, trimmed and cut to [`MAX_REPORTED_CHARS`], for an error message.
pub fn shortened(text: &str) -> String {
    let text = text.trim();
    let mut short: String = text.chars().take(MAX_REPORTED_CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

impl SourceError {
    /// The source's own error message, trimmed and cut to [`MAX_REPORTED_CHARS`].
    pub fn reported(message: &str) -> Self {
        SourceError::Reported(shortened(message))
    }
}

/// Refuses bodies that are too large or are HTML pages.
fn check_body(body: &str) -> Result<(), SourceError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(SourceError::TooLarge(body.len()));
    }
    if body.trim_start().starts_with('<') {
        return Err(SourceError::Html);
    }
    Ok(())
}

impl From<JsonError> for SourceError {
    fn from(error: JsonError) -> Self {
        match error {
            JsonError::Syntax(detail) => SourceError::Syntax {
                format: "JSON",
                detail,
            },
            JsonError::Shape(why) => SourceError::Shape(why),
        }
    }
}

/// Parses a JSON body, to be read with [`json::Field`]; its syntax errors and the readers'
/// shape errors convert into [`SourceError::Syntax`] and [`SourceError::Shape`].
fn parse_json(body: &str) -> Result<Value, SourceError> {
    check_body(body)?;
    Ok(json::parse(body)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::json::Field;

    #[test]
    fn refuses_html_and_huge_bodies() {
        assert_eq!(
            parse_json("  <!doctype html><p>502</p>"),
            Err(SourceError::Html)
        );
        let long = "x".repeat(10_000);
        let SourceError::Reported(shown) = SourceError::reported(&format!(" {long} ")) else {
            unreachable!()
        };
        assert_eq!(shown.chars().count(), MAX_REPORTED_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(
            SourceError::reported(" é "),
            SourceError::Reported("é".into())
        );
        let huge = " ".repeat(MAX_BODY_BYTES + 1);
        assert_eq!(
            parse_json(&huge),
            Err(SourceError::TooLarge(MAX_BODY_BYTES + 1))
        );
    }

    #[test]
    fn tells_syntax_from_shape() {
        assert!(matches!(
            parse_json("[1,"),
            Err(SourceError::Syntax { format: "JSON", .. })
        ));
        let document = parse_json("{\"a\":1}").unwrap();
        let shape = Field::document(&document)
            .items()
            .map(|_| ())
            .map_err(SourceError::from);
        assert_eq!(
            shape,
            Err(SourceError::Shape(
                "the document is not a list (found an object)".into()
            ))
        );
    }
}
