//! The one JSON reader of every document the widget loads: the text is parsed once into a
//! [`serde_json::Value`], then read with the small accessors below, whose errors name the
//! field. One parser shared by all types keeps the WebAssembly small (a derived `Deserialize`
//! per type adds code for each). Nothing here panics: any input gives a value or an error.
//!
//! ```
//! use minewatch::model::json::{parse, Field};
//!
//! let document = parse(r#"{"timestamp":1652486400,"avgHashrate":"fast"}"#).unwrap();
//! let entry = Field::document(&document).object().unwrap();
//! assert_eq!(entry.integer("timestamp"), Ok(1_652_486_400));
//! let error = entry.number("avgHashrate").unwrap_err();
//! assert_eq!(error.to_string(), "`avgHashrate` is not a number (found a string)");
//! assert_eq!(entry.optional_string("note"), Ok(None));
//! ```

use std::fmt;

use serde_json::{Map, Value};

/// Why a JSON document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Not JSON at all; the parser's message.
    #[error("{0}")]
    Syntax(String),
    /// Valid JSON, but not of the expected shape; names the field.
    #[error("{0}")]
    Shape(String),
}

/// Parses a whole document (only JSON syntax is checked here).
pub fn parse(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str(text).map_err(|e| JsonError::Syntax(e.to_string()))
}

/// A number written as text (`13.22`, and the spellings a decimal number also takes outside
/// JSON: `+13.2`, `.5`, `13.`), read by serde_json's own number reader: the widget needs no
/// second float parser. `None` when the text is not a number.
pub fn number_in_text(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = match text.strip_prefix('+') {
        Some(rest) if !rest.starts_with('-') => rest,
        _ => text,
    };
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    if digits.trim_matches('.').is_empty() {
        return None;
    }
    let lead = if digits.starts_with('.') { "0" } else { "" };
    let tail = if digits.ends_with('.') { "0" } else { "" };
    let json = format!("{sign}{lead}{digits}{tail}");
    match parse(&json).ok()? {
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Where a value sits, for error messages: the document, a named field, or an item of one.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    /// The field's name; `None` for the document itself.
    name: Option<&'a str>,
    /// An item of the list (or of a list in the list) held by that field.
    item: bool,
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.item {
            f.write_str("an item of ")?;
        }
        match self.name {
            Some(name) => write!(f, "`{name}`"),
            None => f.write_str("the document"),
        }
    }
}

/// What a value is, for error messages: its kind, or the number itself.
struct Found<'a>(&'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(_) => f.write_str("a boolean"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(_) => f.write_str("a string"),
            Value::Array(_) => f.write_str("a list"),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}

/// A value of a document with its place in it, read by the methods below.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    value: &'a Value,
    place: Place<'a>,
}

impl<'a> Field<'a> {
    /// The whole document.
    pub fn document(value: &'a Value) -> Self {
        Self {
            value,
            place: Place {
                name: None,
                item: false,
            },
        }
    }

    /// The value itself, for readers that accept more than one kind.
    pub fn value(self) -> &'a Value {
        self.value
    }

    /// The error for a value that is not `expected` (e.g. "a number").
    pub fn wrong(self, expected: &str) -> JsonError {
        JsonError::Shape(format!(
            "{} is not {expected} (found {})",
            self.place,
            Found(self.value)
        ))
    }

    /// `None` for `null`, else the field itself.
    pub fn non_null(self) -> Option<Self> {
        (!self.value.is_null()).then_some(self)
    }

    /// An object, to read fields from.
    pub fn object(self) -> Result<Object<'a>, JsonError> {
        match self.value {
            Value::Object(map) => Ok(Object { map }),
            _ => Err(self.wrong("an object")),
        }
    }

    /// The items of a list.
    pub fn items(self) -> Result<impl Iterator<Item = Field<'a>>, JsonError> {
        let Value::Array(items) = self.value else {
            return Err(self.wrong("a list"));
        };
        let place = Place {
            item: true,
            ..self.place
        };
        Ok(items.iter().map(move |value| Field { value, place }))
    }

    /// A list of exactly `N` items, such as a `[t, v]` pair.
    pub fn tuple<const N: usize>(self) -> Result<[Field<'a>; N], JsonError> {
        let items = match self.value {
            Value::Array(items) => <&[Value; N]>::try_from(items.as_slice()).ok(),
            _ => None,
        };
        let items = items.ok_or_else(|| self.wrong(&format!("a list of {N} values")))?;
        let place = Place {
            item: true,
            ..self.place
        };
        Ok(items.each_ref().map(|value| Field { value, place }))
    }

    /// Any JSON number.
    pub fn number(self) -> Result<f64, JsonError> {
        self.value.as_f64().ok_or_else(|| self.wrong("a number"))
    }

    /// A whole number that fits an `i64` (`1.0` is not one).
    pub fn integer(self) -> Result<i64, JsonError> {
        self.value.as_i64().ok_or_else(|| self.wrong("an integer"))
    }

    /// A whole number from 0 to `u32::MAX`, such as a count or a format version.
    pub fn count(self) -> Result<u32, JsonError> {
        self.value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.wrong("a count"))
    }

    /// A string.
    pub fn string(self) -> Result<&'a str, JsonError> {
        self.value.as_str().ok_or_else(|| self.wrong("a string"))
    }

    /// `true` or `false`.
    pub fn boolean(self) -> Result<bool, JsonError> {
        self.value
            .as_bool()
            .ok_or_else(|| self.wrong("true or false"))
    }
}

/// A JSON object, read field by field (fields not asked for are ignored).
#[derive(Debug, Clone, Copy)]
pub struct Object<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Object<'a> {
    /// A field that must be there (it may still be `null`, which the reader then refuses or
    /// accepts).
    pub fn get(self, name: &'a str) -> Result<Field<'a>, JsonError> {
        self.present(name)
            .ok_or_else(|| JsonError::Shape(format!("`{name}` is missing")))
    }

    /// A field that may be left out; `null` counts as left out.
    pub fn optional(self, name: &'a str) -> Option<Field<'a>> {
        self.present(name).and_then(Field::non_null)
    }

    /// A field that may be left out, where `null` is a value of its own (which the reader
    /// then refuses or accepts).
    pub fn present(self, name: &'a str) -> Option<Field<'a>> {
        self.map.get(name).map(|value| Field {
            value,
            place: Place {
                name: Some(name),
                item: false,
            },
        })
    }

    /// A number field that must be there.
    pub fn number(self, name: &'a str) -> Result<f64, JsonError> {
        self.get(name)?.number()
    }

    /// An integer field that must be there.
    pub fn integer(self, name: &'a str) -> Result<i64, JsonError> {
        self.get(name)?.integer()
    }

    /// A count field (see [`Field::count`]) that must be there.
    pub fn count(self, name: &'a str) -> Result<u32, JsonError> {
        self.get(name)?.count()
    }

    /// A string field that must be there, copied.
    pub fn string(self, name: &'a str) -> Result<String, JsonError> {
        Ok(self.get(name)?.string()?.to_owned())
    }

    /// An optional string field, copied: `None` when left out or `null`.
    pub fn optional_string(self, name: &'a str) -> Result<Option<String>, JsonError> {
        match self.optional(name) {
            Some(field) => Ok(Some(field.string()?.to_owned())),
            None => Ok(None),
        }
    }

    /// The items of a list field that must be there.
    pub fn items(self, name: &'a str) -> Result<impl Iterator<Item = Field<'a>>, JsonError> {
        self.get(name)?.items()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(message: &str) -> JsonError {
        JsonError::Shape(message.into())
    }

    #[test]
    fn tells_syntax_from_shape() {
        assert!(matches!(parse("{\"a\":"), Err(JsonError::Syntax(_))));
        assert!(matches!(parse("<html>"), Err(JsonError::Syntax(_))));
        assert!(matches!(parse("1 2"), Err(JsonError::Syntax(_))));
        let document = parse("[1]").unwrap();
        assert_eq!(
            Field::document(&document).object().unwrap_err(),
            shape("the document is not an object (found a list)")
        );
    }

    #[test]
    fn reads_numbers_strictly() {
        let document =
            parse(r#"{"f":1.5,"i":-3,"big":18446744073709551615,"e":1e3,"s":"2","u":4294967295}"#)
                .unwrap();
        let o = Field::document(&document).object().unwrap();
        let field = |name| o.get(name).unwrap();
        assert_eq!(field("f").number(), Ok(1.5));
        assert_eq!(field("i").number(), Ok(-3.0));
        assert_eq!(field("i").integer(), Ok(-3));
        assert_eq!(
            field("f").integer(),
            Err(shape("`f` is not an integer (found 1.5)"))
        );
        assert_eq!(
            field("e").integer(),
            Err(shape("`e` is not an integer (found 1000.0)"))
        );
        assert!(field("big").integer().is_err(), "beyond i64");
        assert_eq!(field("big").number(), Ok(18_446_744_073_709_551_615.0));
        assert_eq!(
            field("s").number(),
            Err(shape("`s` is not a number (found a string)"))
        );
        assert_eq!(field("u").count(), Ok(u32::MAX));
        assert_eq!(
            field("i").count(),
            Err(shape("`i` is not a count (found -3)"))
        );
        assert!(field("big").count().is_err());
    }

    #[test]
    fn reads_strings_booleans_and_lists() {
        let document = parse(r#"{"s":"a","b":true,"l":[1,"x"],"p":[1,2],"n":null}"#).unwrap();
        let o = Field::document(&document).object().unwrap();
        assert_eq!(o.get("s").and_then(Field::string), Ok("a"));
        assert_eq!(o.get("b").and_then(Field::boolean), Ok(true));
        assert_eq!(
            o.get("s").and_then(Field::boolean),
            Err(shape("`s` is not true or false (found a string)"))
        );
        let items: Vec<_> = o.get("l").and_then(Field::items).unwrap().collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items.first().map(|i| i.number()), Some(Ok(1.0)));
        assert_eq!(
            items.get(1).map(|i| i.number()),
            Some(Err(shape(
                "an item of `l` is not a number (found a string)"
            )))
        );
        let [a, b] = o.get("p").and_then(Field::tuple::<2>).unwrap();
        assert_eq!((a.integer(), b.integer()), (Ok(1), Ok(2)));
        assert_eq!(
            o.get("p").and_then(Field::tuple::<3>).map(|_| ()),
            Err(shape("`p` is not a list of 3 values (found a list)"))
        );
        assert_eq!(
            o.get("n").and_then(Field::items).map(|_| ()),
            Err(shape("`n` is not a list (found null)"))
        );
        assert_eq!(
            o.get("s").and_then(Field::object).map(|_| ()),
            Err(shape("`s` is not an object (found a string)"))
        );
    }

    #[test]
    fn tells_missing_null_and_present_fields_apart() {
        let document = parse(r#"{"n":null,"s":"x","i":1}"#).unwrap();
        let o = Field::document(&document).object().unwrap();
        assert_eq!(o.get("gone").map(|_| ()), Err(shape("`gone` is missing")));
        assert!(o.get("n").is_ok(), "null is there");
        assert!(o.optional("n").is_none());
        assert!(o.optional("gone").is_none());
        assert!(o.present("n").is_some());
        assert!(o.present("gone").is_none());
        assert_eq!(o.optional_string("n"), Ok(None));
        assert_eq!(o.optional_string("gone"), Ok(None));
        assert_eq!(o.optional_string("s"), Ok(Some("x".to_owned())));
        assert_eq!(
            o.optional_string("i"),
            Err(shape("`i` is not a string (found 1)"))
        );
    }

    #[test]
    fn reads_numbers_written_as_text() {
        assert_eq!(number_in_text("13.22"), Some(13.22));
        assert_eq!(number_in_text(" 7 "), Some(7.0));
        assert_eq!(number_in_text("-0"), Some(-0.0));
        assert_eq!(number_in_text("+13.2"), Some(13.2));
        assert_eq!(number_in_text(".5"), Some(0.5));
        assert_eq!(number_in_text("-.5"), Some(-0.5));
        assert_eq!(number_in_text("13."), Some(13.0));
        for text in [
            "", "lots", "1e400", "\"5\"", "null", "1,5", "0x10", "NaN", ".", "+-1", "[1]",
        ] {
            assert_eq!(number_in_text(text), None, "{text}");
        }
    }
}
