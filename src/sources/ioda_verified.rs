//! IODA's manually verified outages (InetIntel/internet_outages, the data behind Bischof et
//! al., "Destination Unreachable: Characterizing Internet Outages and Shutdowns", ACM SIGCOMM
//! 2023): one CSV row per outage, with times written like
//! `Wednesday, March 17, 2021, 4:40:00 PM` (UTC).

use super::csv::records;
use super::{check_body, SourceError};
use crate::model::events::{DisruptionEvent, EventOrigin, Evidence};
use crate::model::region::country_by_name;
use crate::model::time::{CivilDate, UnixSeconds, HOUR};

/// Where the dataset is published.
pub const DATASET_URL: &str = "https://github.com/InetIntel/internet_outages";

/// Parses `Wednesday, March 17, 2021, 4:40:00 PM` (weekday optional, seconds optional, a
/// stray `:` before AM/PM tolerated) as UTC.
pub fn parse_us_datetime(text: &str) -> Option<UnixSeconds> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [month_day, year, time] = parts.get(parts.len().checked_sub(3)?..)? else {
        return None;
    };
    let (month_name, day) = month_day.split_once(' ')?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month_name))? as u32
        + 1;
    let day: u32 = day.trim().parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let (clock, meridiem) = time.rsplit_once(' ')?;
    let mut fields = clock.split(':').map(str::trim);
    let hour: i64 = fields.next()?.parse().ok()?;
    let minute: i64 = fields.next()?.parse().ok()?;
    let second: i64 = match fields.next() {
        Some("") | None => 0,
        Some(s) => s.parse().ok()?,
    };
    if !(1..=12).contains(&hour) || !(0..60).contains(&minute) || !(0..60).contains(&second) {
        return None;
    }
    let hour = match meridiem.to_ascii_uppercase().as_str() {
        "AM" => hour % 12,
        "PM" => hour % 12 + 12,
        _ => return None,
    };
    let date = CivilDate { year, month, day };
    if day == 0 || day > date.days_in_month() {
        return None;
    }
    Some(date.to_unix() + hour * HOUR + minute * 60 + second)
}

/// What came of reading the dataset: the events kept, and the rows passed over with why.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct VerifiedOutages {
    /// Events in the countries asked for, oldest first.
    pub events: Vec<DisruptionEvent>,
    /// Rows of those countries that could not become an event, with the reason.
    pub skipped: Vec<String>,
}

fn is_true(text: &str) -> bool {
    matches!(text.trim().to_ascii_lowercase().as_str(), "true" | "yes")
}

/// Reads the verified-outages CSV and keeps the rows whose country is one of `country_codes`
/// (ISO codes). Rows without a usable start and end are reported in `skipped`, not guessed.
pub fn parse_verified_outages(
    body: &str,
    country_codes: &[&str],
) -> Result<VerifiedOutages, SourceError> {
    check_body(body)?;
    let rows = records(body);
    let header = rows
        .first()
        .ok_or_else(|| SourceError::Shape("no header row".into()))?;
    let column = |prefix: &str| {
        header
            .iter()
            .position(|h| h.trim().starts_with(prefix))
            .ok_or_else(|| SourceError::Shape(format!("no \"{prefix}\" column")))
    };
    let id = column("ID")?;
    let begin = column("Begin time")?;
    let end = column("End time")?;
    let country = column("Country")?;
    let scope = column("Scope")?;
    let cause = column("Cause")?;
    let confirmation = column("Confirmation Status")?;
    let signals = [
        (column("IODA BGP visible")?, "bgp"),
        (column("IODA AP visible")?, "ping-slash24"),
        (column("IODA IBR visible")?, "telescope"),
    ];

    let mut out = VerifiedOutages::default();
    for row in rows.iter().skip(1) {
        let field = |i: usize| row.get(i).map_or("", |f| f.trim());
        let Some(found) = country_by_name(field(country)) else {
            continue;
        };
        if !country_codes.contains(&found.code) {
            continue;
        }
        let row_id = field(id);
        let (start, stop) = (
            parse_us_datetime(field(begin)),
            parse_us_datetime(field(end)),
        );
        let (Some(start), Some(stop)) = (start, stop) else {
            out.skipped
                .push(format!("{row_id}: no readable begin and end time"));
            continue;
        };
        if stop < start {
            out.skipped
                .push(format!("{row_id}: end time before begin time"));
            continue;
        }
        let scope_text = match field(scope) {
            "" => "Not recorded".to_owned(),
            s => s.to_owned(),
        };
        let cause_text = match field(cause) {
            "" | "Unknown" => None,
            c => Some(c.replace('-', " ")),
        };
        let confirmed = field(confirmation);
        let finding = format!(
            "Manually verified outage in IODA's data ({}){}.",
            scope_text,
            if confirmed.is_empty() {
                String::new()
            } else {
                format!(", cause status: {confirmed}")
            }
        );
        out.events.push(DisruptionEvent {
            id: format!("ioda-{}", row_id.to_ascii_lowercase()),
            country: found.code.to_owned(),
            start,
            end: stop,
            title: format!("Internet outage in {}", found.name),
            scope: scope_text,
            cause: cause_text,
            visible_in: signals
                .iter()
                .filter(|(col, _)| is_true(field(*col)))
                .map(|(_, name)| (*name).to_owned())
                .collect(),
            place: None,
            kind: crate::model::events::EventKind::Internet,
            origin: EventOrigin::IodaVerified,
            evidence: vec![Evidence {
                source: "IODA verified outages (Bischof et al., ACM SIGCOMM 2023)".into(),
                finding,
                url: Some(DATASET_URL.into()),
                published: None,
                cause_confirmed: match confirmed {
                    "Confirmed" => Some(true),
                    "Unconfirmed" => Some(false),
                    _ => None,
                },
            }],
        });
    }
    out.events
        .sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_date;

    #[test]
    fn parses_the_datasets_time_formats() {
        let day = parse_date("2021-03-17").unwrap();
        assert_eq!(
            parse_us_datetime("Wednesday, March 17, 2021, 4:40:00 PM"),
            Some(day + 16 * HOUR + 40 * 60)
        );
        assert_eq!(
            parse_us_datetime("March 17, 2021, 12:05:09 AM"),
            Some(day + 5 * 60 + 9)
        );
        assert_eq!(
            parse_us_datetime("Wednesday, March 17, 2021, 12:00:00 PM"),
            Some(day + 12 * HOUR)
        );
        assert_eq!(
            parse_us_datetime("Sunday, August 29, 2021, 5:00: PM"),
            Some(parse_date("2021-08-29").unwrap() + 17 * HOUR)
        );
        for bad in [
            "",
            "N/A",
            "March 32, 2021, 1:00:00 PM",
            "Smarch 1, 2021, 1:00 PM",
            "March 1, 2021, 13:00 PM",
            "March 1, 2021, 1:00",
        ] {
            assert_eq!(parse_us_datetime(bad), None, "{bad}");
        }
    }

    const HEADER: &str = "\u{feff}ID,Begin time,End time,Country,IODA BGP visible by human,IODA AP visible by human , IODA IBR visible by human,Scope (based on granularity at which the outage appears in IODA),Region,AS,Cause,Confirmation Status,Manually verified,Grafana URLs,Notes,,\n";

    #[test]
    fn keeps_rows_of_the_countries_asked_for() {
        let body = format!(
            "{HEADER}\
             EA350ECE,\"Wednesday, June 26, 2019, 8:00:00 PM\",\"Wednesday, June 26, 2019, 10:00:00 PM\",Iran,True ,TRUE,false,Country,,,Government-Ordered,Confirmed,Yes ,https://x,,,\n\
             61AE093F,\"Wednesday, March 17, 2021, 4:40:00 PM\",\"Wednesday, March 17, 2021, 5:40:00 PM\",South Sudan,N/A,N/A,N/A,Region (Central Equitoria),,,Unknown,Unconfirmed,YES,,,,\n\
             A287E05A,\"Sunday, April 19, 2020, 8:10:00 PM\",,China,,,,AS (4538),,,,,,,,,\n\
             9B822174,\"Tuesday, June 9, 2020, 10:00:00 PM\",\"Tuesday, June 9, 2020, 12:36:00 AM\",United States of America (USA),,,,AS (36351),,,,,TRUE,,,,\n"
        );
        let parsed = parse_verified_outages(&body, &["IR", "CN", "US"]).unwrap();
        assert_eq!(parsed.events.len(), 1);
        let event = &parsed.events[0];
        assert_eq!(event.id, "ioda-ea350ece");
        assert_eq!(event.country, "IR");
        assert_eq!(event.end - event.start, 2 * HOUR);
        assert_eq!(event.cause.as_deref(), Some("Government Ordered"));
        assert_eq!(event.visible_in, vec!["bgp", "ping-slash24"]);
        assert_eq!(
            parsed.skipped,
            vec![
                "A287E05A: no readable begin and end time",
                "9B822174: end time before begin time"
            ]
        );
    }

    #[test]
    fn rejects_a_file_without_the_columns() {
        assert!(matches!(
            parse_verified_outages("a,b\n1,2\n", &["IR"]),
            Err(SourceError::Shape(_))
        ));
        assert!(matches!(
            parse_verified_outages("", &["IR"]),
            Err(SourceError::Shape(_))
        ));
    }
}
