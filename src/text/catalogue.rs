//! Messages in the language this build speaks, compiled in.
//!
//! The messages live in `static/lang/<code>.json`, one file per language, English
//! (`en.json`) the source every other translates. `build.rs` checks every file against English
//! (a message lacking or added, a value dropped or invented, a plural form lacking: the build
//! fails) and writes the catalogue of the language it builds for (`MINEWATCH_LANG`, English by
//! default) as Rust: a `&str` constant for each message without values, and for each with
//! values a struct whose fields are its values, so a value left out or misnamed where a message
//! is used does not compile either. `make build` builds one widget per language.
//!
//! A template names its values in braces: `{country}`. Three forms need more:
//! - `{n:one=# source|other=# sources}` picks the plural form of the count `n` by the
//!   language's rules (CLDR categories: `one`, `few`, `many`, `other`); `#` is the count;
//! - `{country:poss}` is English's possessive ("Kazakhstan's"), `{country:the}` a country
//!   name inside a sentence ("the United States"); other languages write `{country}`.

use std::fmt;

#[cfg(test)]
pub mod check;

/// The build's catalogue, written by `build.rs`.
#[allow(clippy::all, non_upper_case_globals, unused_imports)]
mod generated {
    use super::{plural_category, Arg, Plural};
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

pub use generated::*;

/// Writes a message: `tr!(Key)` as it stands, `tr!(Key, name = value, …)` with its values.
#[macro_export]
macro_rules! tr {
    ($key:ident) => {
        $crate::text::catalogue::$key
    };
    ($key:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text::catalogue::$key {
            $($name: $crate::text::catalogue::Arg::from($value)),+
        }
        .say()
    };
}

/// A value for a message: words, or a count that is written with the language's digits and
/// chooses plural forms.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Words, as they are.
    Text(&'a str),
    /// A count.
    Count(usize),
}

impl<'a> Arg<'a> {
    /// The words (none for a count).
    pub fn text(self) -> &'a str {
        match self {
            Arg::Text(text) => text,
            Arg::Count(_) => "",
        }
    }

    /// The count (0 for words).
    pub fn count(self) -> usize {
        match self {
            Arg::Count(n) => n,
            Arg::Text(_) => 0,
        }
    }
}

impl fmt::Display for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(text) => f.write_str(text),
            Arg::Count(n) => f.write_str(&super::format::with_thousands(*n)),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n)
    }
}

/// A CLDR plural category of whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    /// 1 in English; 1, 21, 31… in Russian.
    One,
    /// 2–4, 22–24… in Russian.
    Few,
    /// 0, 5–20, 25–30… in Russian.
    Many,
    /// Everything else (every number in Chinese).
    Other,
}

/// The CLDR plural category of the whole number `n` in the build's language.
pub fn plural_category(n: usize) -> Plural {
    use crate::model::language::Language;
    match LANGUAGE {
        Language::English | Language::Kazakh if n == 1 => Plural::One,
        Language::Persian if n <= 1 => Plural::One,
        Language::Russian => match (n % 10, n % 100) {
            (1, h) if h != 11 => Plural::One,
            (2..=4, h) if !(12..=14).contains(&h) => Plural::Few,
            _ => Plural::Many,
        },
        _ => Plural::Other,
    }
}

#[cfg(test)]
mod tests;
