//! Regional shares of Bitcoin's hash rate (CBECI mining map): an estimate from the IP
//! addresses of miners at a few large pools, published monthly.

use serde::Serialize;

use super::json::{Field, JsonError};
use super::provenance::Provenance;
use super::time::{CivilDate, UnixSeconds};

/// One country's share of the global hash rate in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryShare {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name as the source gives it (without CBECI's trailing ` *`).
    pub name: String,
    /// Share of the global hash rate, a fraction between 0 and 1.
    pub share: f64,
    /// The source flags this country's figure (CBECI's ` *`: hash rate routed through VPNs or
    /// proxies may be counted elsewhere).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub caveat: bool,
}

/// The shares published for one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthShares {
    /// Midnight UTC on the first day of the month.
    pub month: UnixSeconds,
    /// What the figures describe, where it is not simply that month (e.g. an average).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the figures were published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Countries, largest share first.
    pub shares: Vec<CountryShare>,
}

impl MonthShares {
    /// Whether `t` falls in this month (UTC).
    pub fn covers(&self, t: UnixSeconds) -> bool {
        let first = CivilDate::from_unix(self.month);
        let next = if first.month == 12 {
            CivilDate {
                year: first.year + 1,
                month: 1,
                day: 1,
            }
        } else {
            CivilDate {
                month: first.month + 1,
                day: 1,
                ..first
            }
        };
        (self.month..next.to_unix()).contains(&t)
    }
}

/// All published months of regional shares, oldest first, with their provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareTable {
    /// Where the numbers come from.
    pub provenance: Provenance,
    /// The months, oldest first.
    pub months: Vec<MonthShares>,
}

impl CountryShare {
    /// Reads a share object, as the shares snapshot holds it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        Ok(Self {
            code: object.string("code")?,
            name: object.string("name")?,
            share: object.number("share")?,
            caveat: object.present("caveat").map_or(Ok(false), Field::boolean)?,
        })
    }
}

impl MonthShares {
    /// Reads a month object, as the shares snapshot holds it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let mut shares = Vec::new();
        for share in object.items("shares")? {
            shares.push(CountryShare::from_json(share)?);
        }
        Ok(Self {
            month: object.integer("month")?,
            note: object.optional_string("note")?,
            source_url: object.optional_string("source_url")?,
            shares,
        })
    }
}

impl ShareTable {
    /// The latest month at or before `t`, if any.
    pub fn month_at(&self, t: UnixSeconds) -> Option<&MonthShares> {
        self.months.iter().rev().find(|m| m.month <= t)
    }
}

/// Why a set of shares was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShareError {
    /// A share outside 0–1, or not a number.
    #[error("{country}: share {share} is not between 0 and 100%")]
    OutOfRange {
        /// The country.
        country: String,
        /// The share as a fraction.
        share: f64,
    },
    /// One month's shares add up to more than the whole.
    #[error("shares for {month} add up to {total:.1}%")]
    OverWhole {
        /// The month, `YYYY-MM`.
        month: String,
        /// The total in percent.
        total: f64,
    },
    /// No shares at all.
    #[error("no shares")]
    Empty,
}

/// Sorts months and shares and checks every share is a fraction and each month's sum ≤ 100 %
/// (with 0.5 points of rounding allowed).
pub fn normalise_months(mut months: Vec<MonthShares>) -> Result<Vec<MonthShares>, ShareError> {
    if months.iter().all(|m| m.shares.is_empty()) {
        return Err(ShareError::Empty);
    }
    for month in &mut months {
        for s in &month.shares {
            if !(s.share.is_finite() && (0.0..=1.0).contains(&s.share)) {
                return Err(ShareError::OutOfRange {
                    country: s.name.clone(),
                    share: s.share,
                });
            }
        }
        let total: f64 = month.shares.iter().map(|s| s.share).sum();
        if total > 1.005 {
            return Err(ShareError::OverWhole {
                month: super::time::format_date(month.month)
                    .get(..7)
                    .unwrap_or_default()
                    .to_owned(),
                total: total * 100.0,
            });
        }
        super::order::sort_by_f64_descending(&mut month.shares, |s| s.share);
    }
    super::order::sort_by_i64(&mut months, |m| m.month);
    Ok(months)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_covers_its_own_days_only() {
        let day = |d: &str| crate::model::time::parse_date(d).unwrap();
        let december = MonthShares {
            month: day("2021-12-01"),
            note: None,
            source_url: None,
            shares: vec![],
        };
        assert!(december.covers(day("2021-12-01")));
        assert!(december.covers(day("2022-01-01") - 1));
        assert!(!december.covers(day("2022-01-01")));
        assert!(!december.covers(day("2021-12-01") - 1));
    }

    fn share(code: &str, share: f64) -> CountryShare {
        CountryShare {
            code: code.into(),
            name: code.into(),
            share,
            caveat: false,
        }
    }

    fn month(t: i64, shares: Vec<CountryShare>) -> MonthShares {
        MonthShares {
            month: t,
            note: None,
            source_url: None,
            shares,
        }
    }

    #[test]
    fn sorts_and_checks_shares() {
        let months = normalise_months(vec![
            month(100, vec![share("KZ", 0.13), share("US", 0.38)]),
            month(0, vec![share("CN", 0.65)]),
        ])
        .unwrap();
        assert_eq!(months[0].month, 0);
        assert_eq!(months[1].shares[0].code, "US");
    }

    #[test]
    fn rejects_impossible_shares() {
        assert!(matches!(
            normalise_months(vec![month(0, vec![share("KZ", 1.3)])]),
            Err(ShareError::OutOfRange { .. })
        ));
        assert!(matches!(
            normalise_months(vec![month(0, vec![share("KZ", f64::NAN)])]),
            Err(ShareError::OutOfRange { .. })
        ));
        assert!(matches!(
            normalise_months(vec![month(0, vec![share("A", 0.6), share("B", 0.6)])]),
            Err(ShareError::OverWhole { .. })
        ));
        assert_eq!(normalise_months(vec![]), Err(ShareError::Empty));
    }

    #[test]
    fn reads_months_with_optional_fields_left_out_or_null() {
        let read = |text: &str| {
            let document = crate::model::json::parse(text).unwrap();
            MonthShares::from_json(Field::document(&document))
        };
        let bare = r#"{"month":0,"shares":[{"code":"KZ","name":"Kazakhstan","share":0.1}]}"#;
        assert_eq!(
            read(bare),
            Ok(month(0, vec![share_named("KZ", "Kazakhstan", 0.1)]))
        );
        let nulls = r#"{"month":0,"note":null,"source_url":null,"shares":[]}"#;
        assert_eq!(read(nulls), Ok(month(0, vec![])));
        let full = r#"{"month":0,"note":"n","source_url":"u",
            "shares":[{"code":"KZ","name":"K","share":0.1,"caveat":true}]}"#;
        let full = read(full).unwrap();
        assert_eq!(
            (full.note.as_deref(), full.source_url.as_deref()),
            (Some("n"), Some("u"))
        );
        assert!(full.shares[0].caveat);
        // As with serde's `default`, a flag left out is false but `null` is not a flag.
        let null_flag =
            r#"{"month":0,"shares":[{"code":"KZ","name":"K","share":0.1,"caveat":null}]}"#;
        assert!(read(null_flag).is_err());
        assert!(read(r#"{"month":0}"#).is_err());
        assert!(read(r#"{"month":0,"shares":[{"code":"KZ","share":0.1}]}"#).is_err());
    }

    fn share_named(code: &str, name: &str, fraction: f64) -> CountryShare {
        CountryShare {
            name: name.into(),
            ..share(code, fraction)
        }
    }

    #[test]
    fn finds_the_month_in_force() {
        let provenance = Provenance {
            source: "s".into(),
            title: "t".into(),
            licence: "l".into(),
            url: "u".into(),
            origin: "o".into(),
            retrieved: "r".into(),
        };
        let table = ShareTable {
            provenance,
            months: vec![month(0, vec![]), month(100, vec![])],
        };
        assert_eq!(table.month_at(50).map(|m| m.month), Some(0));
        assert_eq!(table.month_at(100).map(|m| m.month), Some(100));
        assert!(table.month_at(-1).is_none());
    }
}
