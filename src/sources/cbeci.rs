//! Cambridge Bitcoin Electricity Consumption Index (CBECI) mining map: each country's share of
//! Bitcoin's hash rate by month, estimated from the IP addresses of miners at a few large pools.
//!
//! - API: `GET {base}/cbeci/api/charts/mining_countries` →
//!   `{"data":[{"x":<month, unix ms>,"y":<fraction>,"name":"Kazakhstan","code":"kz"}]}`; a name
//!   may end in ` *` (CBECI's caveat: VPN and proxy traffic may be counted elsewhere).
//! - CSV (published figures and the mining map's monthly export): a month column (`YYYY-MM` or
//!   `YYYY-MM-DD`), a country name, and a share in percent (`35.4` or `"35.4%"`); the export's
//!   `Other` rows are not a place and are left out.

use std::collections::BTreeMap;

use crate::model::json::Value;

use super::csv::records;
use super::{check_body, parse_json, SourceError};
use crate::model::json::{number_in_text, Field, JsonError};
use crate::model::region::{country_by_code, country_by_name};
use crate::model::shares::{normalise_months, CountryShare, MonthShares, ShareError};
use crate::model::time::{parse_date, CivilDate, UnixSeconds};

/// Path of the mining-map endpoint below the CBECI base URL.
pub const MINING_COUNTRIES_PATH: &str = "/cbeci/api/charts/mining_countries";

/// The mining-map URL for a base such as `https://ccaf.io`.
pub fn mining_countries_url(base: &str) -> String {
    format!("{}{MINING_COUNTRIES_PATH}", base.trim_end_matches('/'))
}

struct Entry {
    x: f64,
    /// The share, which may arrive as a JSON number or a numeric string (`"13.22"`,
    /// `"13.22%"`); `None` for a string that is not a number.
    y: Option<f64>,
    name: String,
    code: Option<String>,
}

/// The envelope's `data`: a list of entries.
fn entries(document: &Value) -> Result<Vec<Entry>, JsonError> {
    let mut out = Vec::new();
    for entry in Field::document(document).object()?.items("data")? {
        let entry = entry.object()?;
        let y = entry.get("y")?;
        let y = match y.value() {
            Value::String(text) => number_in_text(text.trim().trim_end_matches('%').trim()),
            value => Some(
                value
                    .as_f64()
                    .ok_or_else(|| y.wrong("a number or a numeric string"))?,
            ),
        };
        out.push(Entry {
            x: entry.number("x")?,
            y,
            name: entry.string("name")?,
            code: entry.optional_string("code")?,
        });
    }
    Ok(out)
}

impl From<ShareError> for SourceError {
    fn from(error: ShareError) -> Self {
        SourceError::Shape(error.to_string())
    }
}

/// The first instant of the UTC month that contains `t`.
fn month_start(t: UnixSeconds) -> UnixSeconds {
    let d = CivilDate::from_unix(t);
    CivilDate { day: 1, ..d }.to_unix()
}

/// Parses the API's mining-map response into months of shares, oldest first.
pub fn parse_mining_countries(body: &str) -> Result<Vec<MonthShares>, SourceError> {
    let entries = entries(&parse_json(body)?)?;
    let mut values = Vec::with_capacity(entries.len());
    for e in &entries {
        let value = e.y.ok_or_else(|| {
            SourceError::Shape(format!(
                "the share of \"{}\" is not a number",
                super::shortened(&e.name)
            ))
        })?;
        values.push(value);
    }
    // Shares are fractions; a response in percent is recognised by values above 1.
    let scale = if values.iter().any(|&y| y > 1.0) {
        0.01
    } else {
        1.0
    };
    // Months in the order they first appear (normalise_months sorts them).
    let mut months: Vec<MonthShares> = Vec::new();
    for (e, y) in entries.into_iter().zip(values) {
        let seconds = e.x / 1000.0;
        if !seconds.is_finite() || seconds.abs() > 1e11 {
            return Err(SourceError::Shape(format!("bad month timestamp {}", e.x)));
        }
        let caveat = e.name.trim_end().ends_with('*');
        let name = e.name.trim().trim_end_matches('*').trim().to_owned();
        // Rows without a country ("Other") have no code: they are not a place on the map.
        let Some(code) = e
            .code
            .filter(|c| c.trim().len() == 2)
            .map(|c| c.trim().to_ascii_uppercase())
            .or_else(|| country_by_name(&name).map(|c| c.code.to_owned()))
        else {
            continue;
        };
        let share = CountryShare {
            code,
            name,
            share: y * scale,
            caveat,
        };
        let month = month_start(seconds as i64);
        match months.iter_mut().find(|m| m.month == month) {
            Some(m) => m.shares.push(share),
            None => months.push(MonthShares {
                month,
                note: None,
                source_url: None,
                shares: vec![share],
            }),
        }
    }
    Ok(normalise_months(months)?)
}

/// Parses a share in percent, `35.4` or `35.4%`, into a fraction, rounded to 10⁻⁸ so that
/// `1.42%` is written back as `0.0142` rather than `0.014199999999999999`.
fn parse_percent(text: &str) -> Option<f64> {
    let value: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    Some((value * 1e6).round() / 1e8)
}

/// Parses CBECI figures in CSV: columns `month` or `date` (`YYYY-MM…`), `country`, a share in
/// percent (`share_pct`, `share`, `y`, or the mining map export's `monthly_hashrate_%`), and
/// optionally `source_url`, which may hold a URL followed by a note in parentheses, or
/// `same as above`. A name ending in `*` carries CBECI's caveat; `Other` is left out.
pub fn parse_published_csv(body: &str) -> Result<Vec<MonthShares>, SourceError> {
    check_body(body)?;
    let rows = records(body);
    let header = rows
        .first()
        .ok_or_else(|| SourceError::Shape("no header row".into()))?;
    let column = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&h.trim()))
            .ok_or_else(|| SourceError::Shape(format!("no {} column", names.join(" or "))))
    };
    let month_col = column(&["month", "date"])?;
    let country_col = column(&["country", "name"])?;
    let share_col = column(&["share_pct", "share", "y", "monthly_hashrate_%"])?;
    let source_col = column(&["source_url", "source"]).ok();

    let mut months: BTreeMap<UnixSeconds, MonthShares> = BTreeMap::new();
    let mut previous_source: (Option<String>, Option<String>) = (None, None);
    for (i, row) in rows.iter().enumerate().skip(1) {
        let field = |c: usize| row.get(c).map_or("", |f| f.trim());
        let bad = |what: &str| SourceError::Syntax {
            format: "CSV",
            detail: format!("row {}: {what}", i + 1),
        };
        let month_text = field(month_col);
        let month = parse_date(&format!("{}-01", month_text.get(..7).unwrap_or(month_text)))
            .map_err(|_| bad(&format!("bad month \"{month_text}\"")))?;
        let name = field(country_col);
        if name.eq_ignore_ascii_case("other") {
            continue;
        }
        let country = country_by_name(name)
            .or_else(|| country_by_code(name))
            .ok_or_else(|| bad(&format!("unknown country \"{name}\"")))?;
        let share =
            parse_percent(field(share_col)).ok_or_else(|| bad("share is not a percentage"))?;
        let source = source_col.map_or("", field);
        let (url, note) = if source.eq_ignore_ascii_case("same as above") {
            previous_source.clone()
        } else {
            let url = source
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .map(str::to_owned);
            let note = source
                .split_once('(')
                .and_then(|(_, rest)| rest.rsplit_once(')'))
                .map(|(note, _)| note.trim().to_owned());
            (url, note)
        };
        previous_source = (url.clone(), note.clone());
        let entry = months.entry(month).or_insert_with(|| MonthShares {
            month,
            note: None,
            source_url: None,
            shares: Vec::new(),
        });
        entry.source_url = entry.source_url.take().or(url);
        entry.note = entry.note.take().or(note);
        entry.shares.push(CountryShare {
            code: country.code.to_owned(),
            name: name.trim_end_matches('*').trim_end().to_owned(),
            share,
            caveat: name.ends_with('*'),
        });
    }
    Ok(normalise_months(months.into_values().collect())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_api_url() {
        assert_eq!(
            mining_countries_url("https://ccaf.io/"),
            "https://ccaf.io/cbeci/api/charts/mining_countries"
        );
    }

    #[test]
    fn parses_the_api_response() {
        let body = r#"{"data":[
            {"x":1640995200000,"y":0.1322,"name":"Kazakhstan","code":"kz"},
            {"x":1640995200000,"y":0.3784,"name":"United States","code":"us"},
            {"x":1627776000000,"y":0.181,"name":"Kazakhstan *","code":"kz"}]}"#;
        let months = parse_mining_countries(body).unwrap();
        assert_eq!(months.len(), 2);
        assert_eq!(months[0].month, parse_date("2021-08-01").unwrap());
        assert_eq!(months[0].shares[0].name, "Kazakhstan");
        assert!(months[0].shares[0].caveat);
        assert_eq!(months[1].shares[0].code, "US");
        assert_eq!(months[1].shares[1].share, 0.1322);
    }

    #[test]
    fn reads_percentages_and_rejects_nonsense() {
        let percent = r#"{"data":[{"x":1640995200000,"y":13.22,"name":"Kazakhstan","code":"kz"}]}"#;
        assert_eq!(
            parse_mining_countries(percent).unwrap()[0].shares[0].share,
            0.1322
        );
        let over = r#"{"data":[{"x":0,"y":0.7,"name":"A","code":"aa"},{"x":0,"y":0.7,"name":"B","code":"bb"}]}"#;
        assert!(matches!(
            parse_mining_countries(over),
            Err(SourceError::Shape(_))
        ));
        let other = r#"{"data":[{"x":0,"y":"0.1","name":"Other","code":null},
            {"x":0,"y":"0.2","name":"Iran, Islamic Rep.","code":null}]}"#;
        let months = parse_mining_countries(other).unwrap();
        assert_eq!(months[0].shares.len(), 1, "Other is not a country");
        assert_eq!(months[0].shares[0].code, "IR");
        assert_eq!(months[0].shares[0].share, 0.2);
        let only_other = r#"{"data":[{"x":0,"y":0.1,"name":"Other","code":null}]}"#;
        assert!(matches!(
            parse_mining_countries(only_other),
            Err(SourceError::Shape(_))
        ));
        let text = r#"{"data":[{"x":0,"y":"lots","name":"Iran","code":"ir"}]}"#;
        assert!(matches!(
            parse_mining_countries(text),
            Err(SourceError::Shape(_))
        ));
        assert!(matches!(
            parse_mining_countries(r#"{"data":[]}"#),
            Err(SourceError::Shape(_))
        ));
        assert_eq!(parse_mining_countries("<html>"), Err(SourceError::Html));
    }

    #[test]
    fn parses_published_figures_with_notes_and_repeats() {
        let body = "month,country,share_pct,source_url\n\
            2022-01,Kazakhstan,13.22,https://jbs.cam.ac.uk/a\n\
            2020-04,Mainland China,65.08,https://decrypt.co/b (Sep2019-Apr2020 launch figures; period avg)\n\
            2020-04,Iran,\"3.82%\",same as above\n";
        let months = parse_published_csv(body).unwrap();
        assert_eq!(months.len(), 2);
        let launch = &months[0];
        assert_eq!(launch.month, parse_date("2020-04-01").unwrap());
        assert_eq!(
            launch.note.as_deref(),
            Some("Sep2019-Apr2020 launch figures; period avg")
        );
        assert_eq!(launch.source_url.as_deref(), Some("https://decrypt.co/b"));
        assert_eq!(launch.shares[0].code, "CN");
        assert!((launch.shares[1].share - 0.0382).abs() < 1e-12);
        assert_eq!(months[1].shares[0].share, 0.1322);
        let unknown = "month,country,share_pct\n2022-01,Atlantis,1\n";
        assert!(parse_published_csv(unknown)
            .unwrap_err()
            .to_string()
            .contains("Atlantis"));
    }
}
