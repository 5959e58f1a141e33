//! The one JSON reader of every document the widget loads: the text is parsed once into a
//! [`Value`] by the small parser below, then read with the accessors below, whose errors name
//! the field. One parser of our own, shared by all types, keeps the WebAssembly small (a
//! derived `Deserialize` per type adds code for each, and serde_json's generic machinery more).
//! Nothing here panics: any input gives a value or an error.
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

/// A JSON value. Objects keep their fields in order (a repeated name: the last one counts).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: its value, and the integer it is when written as one that fits an `i64`.
    Number(f64, Option<i64>),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Value>),
    /// An object.
    Object(Vec<(String, Value)>),
}

/// Lists and objects nested deeper than this are refused (no document of ours comes close).
const MAX_DEPTH: usize = 128;

/// Exact powers of ten in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A JSON text being read, byte by byte.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn error(&self, what: &str) -> JsonError {
        JsonError::Syntax(format!("{what} at byte {}", self.at))
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self
            .text
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word))
        {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    /// Steps over an object's or array's opening bracket and any space; whether `close`
    /// follows at once (then stepped over too: the list is empty).
    fn opens_empty(&mut self, close: u8) -> bool {
        self.at += 1;
        self.skip_space();
        let empty = self.peek() == Some(close);
        if empty {
            self.at += 1;
        }
        empty
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_space();
        match self.peek() {
            Some(b'{') => {
                let mut fields = Vec::new();
                if self.opens_empty(b'}') {
                    return Ok(Value::Object(fields));
                }
                loop {
                    self.skip_space();
                    if self.peek() != Some(b'"') {
                        return Err(self.error("expected a field name"));
                    }
                    let name = self.string()?;
                    self.skip_space();
                    if self.peek() != Some(b':') {
                        return Err(self.error("expected `:`"));
                    }
                    self.at += 1;
                    fields.push((name, self.value(depth + 1)?));
                    if self.end_of_list(b'}')? {
                        return Ok(Value::Object(fields));
                    }
                }
            }
            Some(b'[') => {
                let mut items = Vec::new();
                if self.opens_empty(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.end_of_list(b']')? {
                        return Ok(Value::Array(items));
                    }
                }
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end")),
        }
    }

    /// After an item: `,` (more follow) or `close` (the list or object ends).
    fn end_of_list(&mut self, close: u8) -> Result<bool, JsonError> {
        self.skip_space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(false)
            }
            Some(c) if c == close => {
                self.at += 1;
                Ok(true)
            }
            _ => Err(self.error("expected `,` or the end of the list")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let whole_start = self.at;
        let whole = self.digits();
        if whole == 0 || (whole > 1 && self.text.as_bytes().get(whole_start) == Some(&b'0')) {
            return Err(self.error("invalid number"));
        }
        let mut fraction = 0;
        if self.peek() == Some(b'.') {
            self.at += 1;
            fraction = self.digits();
            if fraction == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let mut exponent: i64 = 0;
        let written_exponent = matches!(self.peek(), Some(b'e' | b'E'));
        if written_exponent {
            self.at += 1;
            let sign = match self.peek() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            self.at += usize::from(sign != 0);
            let digits_start = self.at;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
            let digits = self.text.get(digits_start..self.at).unwrap_or("");
            exponent = digits
                .bytes()
                .fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(100_000))
                * if sign < 0 { -1 } else { 1 };
        }
        // The significand of up to 19 digits; later digits only move the exponent.
        let mut significand: u64 = 0;
        let mut dropped: i64 = 0;
        let literal = self.text.get(whole_start..).unwrap_or("");
        for (i, d) in literal.bytes().take(whole + fraction + 1).enumerate() {
            if !d.is_ascii_digit() {
                continue;
            }
            let in_fraction = i > whole;
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(u64::from(d - b'0')))
            {
                Some(next) if significand < 1_000_000_000_000_000_000 => {
                    significand = next;
                    dropped -= i64::from(in_fraction);
                }
                _ => dropped += i64::from(!in_fraction),
            }
        }
        let power = exponent + dropped;
        let mut value = significand as f64;
        let mut remaining = power;
        while remaining != 0 && value != 0.0 && value.is_finite() {
            let step = remaining.clamp(-22, 22);
            let scale = POW10
                .get(step.unsigned_abs() as usize)
                .copied()
                .unwrap_or(1.0);
            value = if step > 0 {
                value * scale
            } else {
                value / scale
            };
            remaining -= step;
        }
        if !value.is_finite() {
            self.at = start;
            return Err(self.error("number out of range"));
        }
        let value = if negative { -value } else { value };
        let integer = (fraction == 0 && !written_exponent)
            .then(|| self.text.get(start..self.at)?.parse::<i64>().ok())
            .flatten();
        Ok(Value::Number(value, integer))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.at..).unwrap_or("");
            let Some(stop) = rest.find(|c: char| c == '"' || c == '\\' || c < ' ') else {
                return Err(self.error("unterminated string"));
            };
            out.push_str(rest.get(..stop).unwrap_or(""));
            self.at += stop;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek();
                    self.at += 1;
                    match escaped {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first)
                                && self
                                    .text
                                    .get(self.at..)
                                    .is_some_and(|r| r.starts_with("\\u"))
                            {
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("invalid surrogate pair"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            out.push(
                                char::from_u32(code)
                                    .ok_or_else(|| self.error("invalid unicode escape"))?,
                            );
                        }
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                _ => return Err(self.error("control character in a string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("invalid unicode escape"))?;
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid unicode escape"))
    }
}

impl Value {
    /// The number, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(value, _) => Some(*value),
            _ => None,
        }
    }

    /// The integer, if it is a number written as one that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(_, integer) => *integer,
            _ => None,
        }
    }
}

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
    // A byte-order mark is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(reader.error("trailing characters")),
    }
}

/// A number written as text (`13.22`, and the spellings a decimal number also takes outside
/// JSON: `+13.2`, `.5`, `13.`), read by the JSON number reader: the widget needs no second
/// float parser. `None` when the text is not a number.
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
    parse(&json).ok()?.as_f64()
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
            Value::Number(_, Some(n)) => write!(f, "{n}"),
            // A number not written as an integer reads as one with a decimal point.
            Value::Number(n, None) if n.fract() == 0.0 => write!(f, "{n}.0"),
            Value::Number(n, None) => write!(f, "{n}"),
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
        (*self.value != Value::Null).then_some(self)
    }

    /// An object, to read fields from.
    pub fn object(self) -> Result<Object<'a>, JsonError> {
        match self.value {
            Value::Object(fields) => Ok(Object { fields }),
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
            .as_i64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.wrong("a count"))
    }

    /// A string.
    pub fn string(self) -> Result<&'a str, JsonError> {
        match self.value {
            Value::String(text) => Ok(text),
            _ => Err(self.wrong("a string")),
        }
    }

    /// `true` or `false`.
    pub fn boolean(self) -> Result<bool, JsonError> {
        match self.value {
            Value::Bool(b) => Ok(*b),
            _ => Err(self.wrong("true or false")),
        }
    }
}

/// A JSON object, read field by field (fields not asked for are ignored).
#[derive(Debug, Clone, Copy)]
pub struct Object<'a> {
    fields: &'a [(String, Value)],
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
        let (_, value) = self.fields.iter().rev().find(|(n, _)| n == name)?;
        Some(Field {
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
mod tests;
