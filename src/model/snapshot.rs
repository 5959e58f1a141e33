//! The bundled snapshot: the widget's data when no live source answers. Written by
//! `minewatch-snapshot`, read by the widget, checked on both sides by the parsers here. The
//! daily chain data the first view needs (`hashrate.json`) and the long-range history
//! (`history.json`, years of data that only a zoomed-out view needs) are separate files, so
//! the history loads after the first chart; so does the whole event catalogue when the
//! default view opens with its own events (`events-opening.json`). The daily chain data of
//! other periods come one calendar year per file (`chain-YYYY.json`), fetched when a view
//! needs that year.

use serde::Serialize;

use super::events::DisruptionEvent;
use super::json::{self, Field, JsonError};
use super::provenance::Provenance;
use super::series::{normalise_points, points_in_range, Point, SeriesError};
use super::shares::{normalise_months, MonthShares, ShareTable};
use super::time::{format_date, CivilDate, TimeRange, UnixSeconds, DAY};
use super::units::is_plausible_hash_rate;

/// Version of the snapshot file format this build reads and writes.
pub const SNAPSHOT_FORMAT: u32 = 2;

/// Path of the hash-rate snapshot (daily chain data), relative to the widget's page.
pub const HASH_RATE_SNAPSHOT_PATH: &str = "data/hashrate.json";
/// Path of the long-range hash-rate history, relative to the widget's page.
pub const HISTORY_SNAPSHOT_PATH: &str = "data/history.json";
/// Path of the regional hash-rate shares snapshot, relative to the widget's page.
pub const SHARES_SNAPSHOT_PATH: &str = "data/shares.json";
/// Path of the disruption-event catalogue, relative to the widget's page.
pub const EVENTS_SNAPSHOT_PATH: &str = "data/events.json";
/// Path of the months of shares the default view reads (the rest load after the first chart).
pub const OPENING_SHARES_PATH: &str = "data/shares-opening.json";
/// Path of the catalogue's events that overlap the default view: all the first view needs,
/// so the whole catalogue can load after the first chart.
pub const OPENING_EVENTS_PATH: &str = "data/events-opening.json";
/// Path of the long-range history's points around the default view: the first chart draws
/// them at once, and the whole history (years) loads after it.
pub const OPENING_HISTORY_PATH: &str = "data/history-opening.json";

/// Path of one calendar year of daily chain data, relative to the widget's page.
pub fn chain_year_path(year: i64) -> String {
    format!("data/chain-{year}.json")
}

/// The range the widget opens on when a page sets none: 12 Dec 2021 to 15 Jan 2022, around
/// Kazakhstan's internet shutdown.
pub const OPENING_VIEW: TimeRange = TimeRange {
    start: 1_639_267_200,
    end: 1_642_204_800,
};

/// A hash-rate series in H/s with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HashRateSeries {
    /// Short label for legends, e.g. "blockchain.com, 7-day average".
    pub label: String,
    /// Where the numbers come from.
    pub provenance: Provenance,
    /// Hash rate in H/s, sorted by time.
    pub points: Vec<Point>,
}

impl HashRateSeries {
    /// Reads a series object, as the hash-rate snapshot holds it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let mut points = Vec::new();
        for point in object.items("points")? {
            points.push(Point::from_json(point)?);
        }
        Ok(Self {
            label: object.string("label")?,
            provenance: Provenance::from_json(object.get("provenance")?)?,
            points,
        })
    }
}

/// One UTC day of chain data: blocks found (where the source counts them) and the source's
/// hash-rate estimate. Serialised as `[t, blocks or null, hash_rate]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(into = "(UnixSeconds, Option<u32>, f64)")]
pub struct DayRecord {
    /// Midnight UTC at the start of the day.
    pub t: UnixSeconds,
    /// Blocks mined that day, if the source counts them (mempool.space's daily average does
    /// not, and none is invented).
    pub blocks: Option<u32>,
    /// The source's estimate of the day's mean hash rate, H/s.
    pub hash_rate: f64,
}

impl From<(UnixSeconds, Option<u32>, f64)> for DayRecord {
    fn from((t, blocks, hash_rate): (UnixSeconds, Option<u32>, f64)) -> Self {
        Self {
            t,
            blocks,
            hash_rate,
        }
    }
}

impl From<DayRecord> for (UnixSeconds, Option<u32>, f64) {
    fn from(d: DayRecord) -> Self {
        (d.t, d.blocks, d.hash_rate)
    }
}

impl DayRecord {
    /// Reads a `[t, blocks or null, hash_rate]` triple.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let [t, blocks, hash_rate] = field.tuple()?;
        Ok(Self {
            t: t.integer()?,
            blocks: blocks.non_null().map(Field::count).transpose()?,
            hash_rate: hash_rate.number()?,
        })
    }
}

/// Daily block counts and hash rate with their provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyChainData {
    /// Short label for legends.
    pub label: String,
    /// Where the numbers come from.
    pub provenance: Provenance,
    /// One record per UTC day, sorted, without gaps or repeats.
    pub days: Vec<DayRecord>,
}

impl DailyChainData {
    /// Reads the daily data object, as the hash-rate snapshot holds it.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let mut days = Vec::new();
        for day in object.items("days")? {
            days.push(DayRecord::from_json(day)?);
        }
        Ok(Self {
            label: object.string("label")?,
            provenance: Provenance::from_json(object.get("provenance")?)?,
            days,
        })
    }

    /// The daily hash-rate estimates as a series of points.
    pub fn hash_rate_points(&self) -> Vec<Point> {
        self.days
            .iter()
            .map(|d| Point {
                t: d.t,
                v: d.hash_rate,
            })
            .collect()
    }
}

/// Daily chain data: the opening view's days (`hashrate.json`), or one year's
/// (`chain-YYYY.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HashRateSnapshot {
    /// File format version, [`SNAPSHOT_FORMAT`].
    pub format: u32,
    /// The daily chain data.
    pub daily: DailyChainData,
    /// The first and last calendar year with a `chain-YYYY.json` beside this file (written in
    /// `hashrate.json` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<[i64; 2]>,
}

/// The bundled long-range history (`history.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistorySnapshot {
    /// File format version, [`SNAPSHOT_FORMAT`].
    pub format: u32,
    /// A long-range series for context (years).
    pub long_range: HashRateSeries,
}

impl HistorySnapshot {
    /// The history's points that a line over `view` is drawn from: those inside it and one
    /// neighbour each side.
    pub fn overlapping(&self, view: TimeRange) -> Self {
        Self {
            format: self.format,
            long_range: HashRateSeries {
                points: points_in_range(&self.long_range.points, view.start, view.end).to_vec(),
                ..self.long_range.clone()
            },
        }
    }
}

impl HashRateSnapshot {
    /// First and last day of the daily data.
    pub fn daily_span(&self) -> Option<(UnixSeconds, UnixSeconds)> {
        Some((self.daily.days.first()?.t, self.daily.days.last()?.t))
    }

    /// These data with the days of `more` (sorted by time) that they lack, in order of time.
    pub fn with_days_of(&self, more: &DailyChainData) -> Self {
        let own = &self.daily.days;
        let mut days = Vec::with_capacity(own.len() + more.days.len());
        let (mut a, mut b) = (own.iter().peekable(), more.days.iter().peekable());
        // A merge of two sorted lists; on the same day, the day already here is kept.
        while let Some(next) = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.t < x.t => b.next(),
            (Some(x), Some(y)) if y.t == x.t => {
                b.next();
                a.next()
            }
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        } {
            days.push(*next);
        }
        Self {
            format: self.format,
            daily: DailyChainData {
                label: self.daily.label.clone(),
                provenance: self.daily.provenance.clone(),
                days,
            },
            years: self.years,
        }
    }

    /// The years of `chain-YYYY.json` to fetch for a view of `need`: those that hold days of
    /// it these data lack, leaving out the years in `asked`.
    pub fn years_to_fetch(&self, need: TimeRange, asked: &[i64]) -> Vec<i64> {
        let Some([first, last]) = self.years else {
            return Vec::new();
        };
        let year_start = |year: i64| {
            CivilDate {
                year,
                month: 1,
                day: 1,
            }
            .to_unix()
        };
        let from = CivilDate::from_unix(need.start).year.max(first);
        let until = CivilDate::from_unix(need.end - 1).year.min(last);
        (from..=until)
            .filter(|year| !asked.contains(year))
            .filter(|&year| {
                // The days of this year inside the view: fetched unless every one is here.
                let start = year_start(year).max(need.start - need.start.rem_euclid(DAY));
                let end = year_start(year + 1).min(need.end);
                let days = self.daily.days.as_slice();
                let have =
                    days.partition_point(|d| d.t < end) - days.partition_point(|d| d.t < start);
                let wanted = (end - start + DAY - 1) / DAY;
                (have as i64) < wanted
            })
            .collect()
    }
}

/// Why a snapshot file was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    /// Not JSON of the snapshot's shape.
    #[error("the snapshot is not valid: {0}")]
    Malformed(String),
    /// Written by a different format version.
    #[error("the snapshot has format {found}, this build reads format {SNAPSHOT_FORMAT}")]
    UnsupportedFormat {
        /// The format number in the file.
        found: u32,
    },
    /// A series failed its checks.
    #[error("{series}: {error}")]
    BadSeries {
        /// Label of the series.
        series: String,
        /// What is wrong with it.
        error: SeriesError,
    },
    /// The daily records are not one per consecutive UTC day.
    #[error("daily data is not one record per consecutive UTC day (at {0})")]
    DailyGap(String),
}

/// The bundled regional shares: a [`ShareTable`] with the file format version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareSnapshot {
    /// File format version, [`SNAPSHOT_FORMAT`].
    pub format: u32,
    /// The shares and their provenance.
    #[serde(flatten)]
    pub table: ShareTable,
}

/// The bundled catalogue of disruption events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCatalogue {
    /// File format version, [`SNAPSHOT_FORMAT`].
    pub format: u32,
    /// The catalogues the events come from (each event also names its own evidence).
    pub sources: Vec<Provenance>,
    /// The events, oldest first.
    pub events: Vec<DisruptionEvent>,
}

impl EventCatalogue {
    /// The catalogue of the events that overlap `view`.
    pub fn overlapping(&self, view: TimeRange) -> Self {
        Self {
            format: self.format,
            sources: self.sources.clone(),
            events: self
                .events
                .iter()
                .filter(|e| e.end >= view.start && e.start <= view.end)
                .cloned()
                .collect(),
        }
    }
}

impl ShareSnapshot {
    /// The months a view of `view` reads: the one in force at its start, and those after it
    /// that begin inside it.
    pub fn overlapping(&self, view: TimeRange) -> Self {
        let in_force = self
            .table
            .month_at(view.start)
            .map_or(view.start, |m| m.month);
        Self {
            format: self.format,
            table: ShareTable {
                provenance: self.table.provenance.clone(),
                months: (self.table.months.iter())
                    .filter(|m| m.month >= in_force && m.month <= view.end)
                    .cloned()
                    .collect(),
            },
        }
    }
}

impl From<JsonError> for SnapshotError {
    fn from(error: JsonError) -> Self {
        SnapshotError::Malformed(error.to_string())
    }
}

pub(crate) fn check_format(format: u32) -> Result<(), SnapshotError> {
    if format == SNAPSHOT_FORMAT {
        Ok(())
    } else {
        Err(SnapshotError::UnsupportedFormat { found: format })
    }
}

/// Parses and checks the shares snapshot: format, shares between 0 and 1, months summing to at
/// most the whole.
pub fn parse_share_snapshot(text: &str) -> Result<ShareSnapshot, SnapshotError> {
    let document = json::parse(text)?;
    let file = Field::document(&document).object()?;
    let mut months = Vec::new();
    for month in file.items("months")? {
        months.push(MonthShares::from_json(month)?);
    }
    let format = file.count("format")?;
    let provenance = Provenance::from_json(file.get("provenance")?)?;
    check_format(format)?;
    let months = normalise_months(months).map_err(|e| SnapshotError::Malformed(e.to_string()))?;
    Ok(ShareSnapshot {
        format,
        table: ShareTable { provenance, months },
    })
}

/// Parses and checks the event catalogue: format, every event ending after it starts, in a
/// country given by a two-letter code, sorted by start.
pub fn parse_event_catalogue(text: &str) -> Result<EventCatalogue, SnapshotError> {
    let document = json::parse(text)?;
    let file = Field::document(&document).object()?;
    let mut sources = Vec::new();
    for source in file.items("sources")? {
        sources.push(Provenance::from_json(source)?);
    }
    let mut events = Vec::new();
    for event in file.items("events")? {
        events.push(DisruptionEvent::from_json(event)?);
    }
    let mut catalogue = EventCatalogue {
        format: file.count("format")?,
        sources,
        events,
    };
    check_format(catalogue.format)?;
    if let Some(bad) = catalogue.events.iter().find(|e| {
        e.end < e.start
            || e.country.len() != 2
            || !e.country.chars().all(|c| c.is_ascii_uppercase())
    }) {
        return Err(SnapshotError::Malformed(format!(
            "event {} has an impossible time span or country",
            bad.id
        )));
    }
    super::events::sort_by_start(&mut catalogue.events);
    Ok(catalogue)
}

/// Parses and checks the daily chain data file.
pub fn parse_hash_rate_snapshot(text: &str) -> Result<HashRateSnapshot, SnapshotError> {
    let document = json::parse(text)?;
    let file = Field::document(&document).object()?;
    let years = match file.present("years") {
        Some(_) => {
            let mut bounds = file.items("years")?.map(Field::integer);
            let (first, last) = (bounds.next(), bounds.next());
            match (first.transpose()?, last.transpose()?) {
                (Some(first), Some(last)) => Some([first, last]),
                _ => return Err(SnapshotError::Malformed("`years` needs two years".into())),
            }
        }
        None => None,
    };
    let snapshot = HashRateSnapshot {
        format: file.count("format")?,
        daily: DailyChainData::from_json(file.get("daily")?)?,
        years,
    };
    validate_hash_rate_snapshot(snapshot)
}

/// Parses and checks the long-range history file.
pub fn parse_history_snapshot(text: &str) -> Result<HistorySnapshot, SnapshotError> {
    let document = json::parse(text)?;
    let file = Field::document(&document).object()?;
    let history = HistorySnapshot {
        format: file.count("format")?,
        long_range: HashRateSeries::from_json(file.get("long_range")?)?,
    };
    validate_history_snapshot(history)
}

/// `points` are plausible hash rates sorted by time, or why not.
fn check_series(label: &str, points: Vec<Point>) -> Result<(), SnapshotError> {
    let original = points.clone();
    match normalise_points(points, is_plausible_hash_rate) {
        Ok(sorted) if sorted == original => Ok(()),
        Ok(_) => Err(SnapshotError::Malformed(format!(
            "{label}: points are not sorted by time"
        ))),
        Err(error) => Err(SnapshotError::BadSeries {
            series: label.to_owned(),
            error,
        }),
    }
}

/// Checks the long-range history: format version, plausible sorted series.
pub fn validate_history_snapshot(
    history: HistorySnapshot,
) -> Result<HistorySnapshot, SnapshotError> {
    check_format(history.format)?;
    check_series(&history.long_range.label, history.long_range.points.clone())?;
    Ok(history)
}

/// Checks the daily chain data: format version, plausible sorted values, consecutive days.
pub fn validate_hash_rate_snapshot(
    snapshot: HashRateSnapshot,
) -> Result<HashRateSnapshot, SnapshotError> {
    check_format(snapshot.format)?;
    check_series(&snapshot.daily.label, snapshot.daily.hash_rate_points())?;
    for pair in snapshot.daily.days.windows(2) {
        if let [a, b] = pair {
            if a.t.rem_euclid(DAY) != 0 || b.t - a.t != DAY {
                return Err(SnapshotError::DailyGap(format_date(b.t)));
            }
        }
    }
    Ok(snapshot)
}

#[cfg(test)]
mod tests;
