//! Derives the bundled snapshot (`static/data/`) from the reference data in `shared/data/`
//! (copies of public data with provenance), with the same parsers the widget uses, and the map's
//! shapes from world-atlas ([`shapes`]).
//! Native only: run it as `cargo run --bin minewatch-snapshot`.

pub mod connectivity;
mod curated;
pub mod refresh;
pub mod shapes;
pub mod skeleton;

use std::path::{Path, PathBuf};

pub use curated::curated_events;

use crate::geo::shapes::ShapesError;
use crate::model::manifest::{Manifest, ManifestEntry, MANIFEST_PATH};
use crate::model::provenance::Provenance;
use crate::model::region::COUNTRIES;
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    chain_year_path, validate_hash_rate_snapshot, validate_history_snapshot, DailyChainData,
    DayRecord, EventCatalogue, HashRateSeries, HashRateSnapshot, HistorySnapshot, ShareSnapshot,
    SnapshotError, EVENTS_SNAPSHOT_PATH, HASH_RATE_SNAPSHOT_PATH, HISTORY_SNAPSHOT_PATH,
    OPENING_EVENTS_PATH, OPENING_HISTORY_PATH, OPENING_SHARES_PATH, OPENING_VIEW,
    SHARES_SNAPSHOT_PATH, SNAPSHOT_FORMAT,
};
use crate::model::source::SourceId;
use crate::model::time::{CivilDate, UnixSeconds, DAY};
use crate::sources::{blockchain, cbeci, coinmetrics, ioda_verified, SourceError};

/// Coin Metrics daily block counts and hash rate, every day from 1 Jan 2019 to 29 Dec 2025.
pub const COINMETRICS_FILE: &str =
    "coinmetrics_btc_daily_blocks_hashrate_2019-01-01_2025-12-29.csv";
/// blockchain.com hash rate, 7-day average sampled every 4 days, 2009 – 2026.
pub const BLOCKCHAIN_LONG_RANGE_FILE: &str =
    "blockchaincom_hash-rate_all_4day-sampled_baua5252.json";
/// CBECI's mining map, every month from Sep 2019 to Jan 2022 (the map's own export).
pub const CBECI_FILE: &str = "cbeci_mining_map_monthly_country_shares_2019-09_2022-01.csv";
/// IODA's manually verified outages, 2018 – 2022.
pub const IODA_VERIFIED_FILE: &str = "ioda_investigated_outages_cleaned_phase1+2.csv";

/// Why the snapshot could not be derived.
#[derive(Debug, thiserror::Error)]
pub enum DeriveError {
    /// A reference file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A reference file did not parse.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's error.
        source: SourceError,
    },
    /// The map's shapes could not be derived from world-atlas.
    #[error("{path}: {source}")]
    Shapes {
        /// The TopoJSON file.
        path: PathBuf,
        /// Why.
        source: ShapesError,
    },
    /// The derived snapshot failed its own checks.
    #[error(transparent)]
    Invalid(#[from] SnapshotError),
    /// The event catalogue a refresh builds on exists but is not a valid catalogue. Refreshing
    /// without it would drop the events it holds, so the refresh stops instead.
    #[error(
        "{path} is not a valid event catalogue ({source}); refusing to refresh, which would \
         drop the events it holds: restore the file (e.g. from git) or fix it"
    )]
    PreviousEvents {
        /// The file.
        path: PathBuf,
        /// The parser's error.
        source: SnapshotError,
    },
    /// A snapshot file that a refresh builds on exists but does not parse.
    #[error(
        "{path} is not a valid snapshot file ({source}); refusing to refresh, which would drop \
         what it holds: restore the file or fix it"
    )]
    PreviousFile {
        /// The file.
        path: PathBuf,
        /// The parser's error.
        source: SnapshotError,
    },
    /// A live API did not answer with usable data.
    #[error("{url}: {reason}")]
    Fetch {
        /// The URL asked.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The snapshot could not be encoded as JSON.
    #[error("cannot encode the snapshot: {0}")]
    Encode(serde_json::Error),
    /// The snapshot could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Reads `name` in `shared_dir` and parses it, naming the file in any error.
fn parse_file<T>(
    shared_dir: &Path,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, SourceError>,
) -> Result<T, DeriveError> {
    let path = shared_dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).map_err(|source| DeriveError::Parse { path, source }),
        Err(source) => Err(DeriveError::Read { path, source }),
    }
}

/// Coin Metrics' daily chain data `days`, stamped with the `retrieved` date (`YYYY-MM-DD`).
fn coin_metrics(days: Vec<DayRecord>, retrieved: &str) -> HashRateSnapshot {
    HashRateSnapshot {
        format: SNAPSHOT_FORMAT,
        daily: DailyChainData {
            label: "Coin Metrics daily estimate".into(),
            provenance: Provenance {
                source: "Coin Metrics".into(),
                title: "Bitcoin daily block count and estimated hash rate (community data)".into(),
                licence: "CC BY-NC 4.0".into(),
                url: "https://github.com/coinmetrics/data".into(),
                origin: "coinmetrics/data @ cb3f32cc, csv/btc.csv (date, BlkCnt, HashRate)".into(),
                retrieved: retrieved.into(),
            },
            days,
        },
        years: None,
    }
}

/// Builds the daily chain data from the reference files in `shared_dir`, stamped with the
/// `retrieved` date (`YYYY-MM-DD`): the opening view's days (naming the years on offer), and
/// each calendar year's.
pub fn derive_hash_rate_snapshot(
    shared_dir: &Path,
    retrieved: &str,
) -> Result<(HashRateSnapshot, Vec<(i64, HashRateSnapshot)>), DeriveError> {
    let days = parse_file(shared_dir, COINMETRICS_FILE, coinmetrics::parse_daily_csv)?;
    let year_of = |d: &DayRecord| CivilDate::from_unix(d.t).year;
    let mut years: Vec<(i64, HashRateSnapshot)> = Vec::new();
    for day in &days {
        match years.last_mut() {
            Some((year, data)) if *year == year_of(day) => data.daily.days.push(*day),
            _ => years.push((year_of(day), coin_metrics(vec![*day], retrieved))),
        }
    }
    let years = years
        .into_iter()
        .map(|(year, data)| Ok((year, validate_hash_rate_snapshot(data)?)))
        .collect::<Result<Vec<_>, SnapshotError>>()?;
    let opening = days
        .into_iter()
        .filter(|d| (OPENING_VIEW.start..OPENING_VIEW.end).contains(&d.t))
        .collect();
    let opening = HashRateSnapshot {
        years: years.first().zip(years.last()).map(|(a, b)| [a.0, b.0]),
        ..coin_metrics(opening, retrieved)
    };
    Ok((validate_hash_rate_snapshot(opening)?, years))
}

/// Builds the long-range history from the reference files in `shared_dir`, stamping its
/// provenance with the `retrieved` date (`YYYY-MM-DD`).
pub fn derive_history_snapshot(
    shared_dir: &Path,
    retrieved: &str,
) -> Result<HistorySnapshot, DeriveError> {
    let points = parse_file(
        shared_dir,
        BLOCKCHAIN_LONG_RANGE_FILE,
        blockchain::parse_hash_rate,
    )?;
    let history = HistorySnapshot {
        format: SNAPSHOT_FORMAT,
        long_range: HashRateSeries {
            label: "blockchain.com 7-day average".into(),
            provenance: Provenance {
                source: "blockchain.com".into(),
                title: "Bitcoin hash rate, 7-day average, one point every 4 days".into(),
                licence: "blockchain.com data, credit blockchain.com".into(),
                url: "https://www.blockchain.com/explorer/charts/hash-rate".into(),
                origin: "baua5252-cloud/Crypto-research @ c62c9fcf, hash-rate.json".into(),
                retrieved: retrieved.into(),
            },
            points,
        },
    };
    Ok(validate_history_snapshot(history)?)
}

/// The regional shares of CBECI's mining map, month by month.
pub fn derive_share_snapshot(
    shared_dir: &Path,
    retrieved: &str,
) -> Result<ShareSnapshot, DeriveError> {
    let months = parse_file(shared_dir, CBECI_FILE, cbeci::parse_published_csv)?;
    Ok(ShareSnapshot {
        format: SNAPSHOT_FORMAT,
        table: ShareTable {
            provenance: Provenance {
                source: "Cambridge Centre for Alternative Finance, CBECI mining map".into(),
                title: "Country shares of Bitcoin's hash rate (estimate from mining-pool IP \
                        geolocation)"
                    .into(),
                licence: "CC BY-NC-SA 4.0".into(),
                url: "https://ccaf.io/cbeci/mining_map".into(),
                origin: "the map's monthly export, Mccalabrese/Bitcoin-Hashrate-simulations-\
                         MonteCarlo @ aa26d80"
                    .into(),
                retrieved: retrieved.into(),
            },
            months,
        },
    })
}

/// The event catalogue: IODA's verified outages in the countries with a mining share, and the
/// curated events. Also returns the dataset rows that were passed over, with why.
pub fn derive_event_catalogue(
    shared_dir: &Path,
    retrieved: &str,
) -> Result<(EventCatalogue, Vec<String>), DeriveError> {
    let codes: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
    let verified = parse_file(shared_dir, IODA_VERIFIED_FILE, |csv| {
        ioda_verified::parse_verified_outages(csv, &codes)
    })?;
    let mut events = verified.events;
    events.extend(curated_events()?);
    events.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let catalogue = EventCatalogue {
        format: SNAPSHOT_FORMAT,
        sources: vec![
            Provenance {
                source: "IODA verified outages".into(),
                title: "Manually verified Internet outages and shutdowns, 2018 – 2022 (Bischof \
                        et al., \"Destination Unreachable\", ACM SIGCOMM 2023)"
                    .into(),
                licence: "credit the paper".into(),
                url: ioda_verified::DATASET_URL.into(),
                origin: "InetIntel/internet_outages @ 087e157, data/ioda".into(),
                retrieved: retrieved.into(),
            },
            Provenance {
                source: "minewatch".into(),
                title: "Disruptions of mining regions since 2019, curated from the public \
                        reports each event cites"
                    .into(),
                licence: "each report's own terms".into(),
                url: curated::CURATED_FILE.into(),
                origin: "the minewatch repository; one record per event, with its sources".into(),
                retrieved: retrieved.into(),
            },
        ],
        events,
    };
    Ok((catalogue, verified.skipped))
}

/// Everything the widget bundles.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Hash rate: the opening view's daily chain data.
    pub hash_rate: HashRateSnapshot,
    /// Hash rate: daily chain data, a file per calendar year.
    pub chain_years: Vec<(i64, HashRateSnapshot)>,
    /// Hash rate: the long-range history.
    pub history: HistorySnapshot,
    /// Regional shares of the hash rate.
    pub shares: ShareSnapshot,
    /// Disruption events.
    pub events: EventCatalogue,
    /// IODA's connectivity signals around internet disruptions (a refresh fetches them; the
    /// reference data hold none).
    pub connectivity: Vec<connectivity::ConnectivityWindow>,
    /// Rows of the reference data that could not be used, with why.
    pub skipped: Vec<String>,
}

/// Derives the whole snapshot from `shared_dir`.
pub fn derive_snapshot(shared_dir: &Path, retrieved: &str) -> Result<Snapshot, DeriveError> {
    let (events, skipped) = derive_event_catalogue(shared_dir, retrieved)?;
    let (hash_rate, chain_years) = derive_hash_rate_snapshot(shared_dir, retrieved)?;
    Ok(Snapshot {
        hash_rate,
        chain_years,
        history: derive_history_snapshot(shared_dir, retrieved)?,
        shares: derive_share_snapshot(shared_dir, retrieved)?,
        events,
        connectivity: Vec::new(),
        skipped,
    })
}

/// A live answer's parse, its failure naming the URL asked.
fn parsed<T>(url: &str, result: Result<T, SourceError>) -> Result<T, DeriveError> {
    result.map_err(|source| DeriveError::Fetch {
        url: url.into(),
        reason: source.to_string(),
    })
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn json_line<T: serde::Serialize>(value: &T) -> Result<String, DeriveError> {
    let mut text = serde_json::to_string(value).map_err(DeriveError::Encode)?;
    text.push('\n');
    Ok(text)
}

/// The manifest of `snapshot`: what it holds of each source, and which live source each one
/// stands in for (see [`Manifest::covers`]).
pub fn manifest_of(snapshot: &Snapshot) -> Manifest {
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    // The daily chain data: the opening view's days and every year, one span without gaps.
    let days = snapshot.hash_rate.daily.days.iter().chain(
        snapshot
            .chain_years
            .iter()
            .flat_map(|(_, y)| y.daily.days.iter()),
    );
    let first_day = days.clone().map(|d| d.t).min();
    let last_day = days.map(|d| d.t).max();
    let mut chain_files = vec![HASH_RATE_SNAPSHOT_PATH.to_owned()];
    chain_files.extend(
        snapshot
            .chain_years
            .iter()
            .map(|(y, _)| chain_year_path(*y)),
    );
    let history = &snapshot.history.long_range.points;
    let months = &snapshot.shares.table.months;
    let month_end = |t: UnixSeconds| {
        let d = CivilDate::from_unix(t);
        let (year, month) = if d.month == 12 {
            (d.year + 1, 1)
        } else {
            (d.year, d.month + 1)
        };
        CivilDate {
            year,
            month,
            day: 1,
        }
        .to_unix()
    };
    // Each code once, in the order first met.
    let distinct = |codes: &mut dyn Iterator<Item = &String>| {
        let mut out: Vec<String> = Vec::new();
        for code in codes {
            if !out.contains(code) {
                out.push(code.clone());
            }
        }
        out
    };
    let regions = distinct(&mut months.iter().flat_map(|m| m.shares.iter().map(|s| &s.code)));
    let events = &snapshot.events.events;
    let event_regions = distinct(&mut events.iter().map(|e| &e.country));
    let mut sources = vec![
        ManifestEntry {
            stands_for: Some(SourceId::Mempool.as_str().into()),
            files: chain_files,
            covers: first_day.zip(last_day).map(|(a, b)| [a, b + DAY]),
            regions: Vec::new(),
            signals: Vec::new(),
            provenance: snapshot.hash_rate.daily.provenance.clone(),
        },
        ManifestEntry {
            stands_for: Some(SourceId::Blockchain.as_str().into()),
            files: strings(&[HISTORY_SNAPSHOT_PATH, OPENING_HISTORY_PATH]),
            covers: history.first().zip(history.last()).map(|(a, b)| [a.t, b.t]),
            regions: Vec::new(),
            signals: Vec::new(),
            provenance: snapshot.history.long_range.provenance.clone(),
        },
        ManifestEntry {
            stands_for: Some(SourceId::Cbeci.as_str().into()),
            files: strings(&[SHARES_SNAPSHOT_PATH, OPENING_SHARES_PATH]),
            covers: months
                .first()
                .zip(months.last())
                .map(|(a, b)| [a.month, month_end(b.month)]),
            regions,
            signals: Vec::new(),
            provenance: snapshot.shares.table.provenance.clone(),
        },
    ];
    // The events hold no connectivity series: only the windows of signals stand in for IODA's.
    sources.extend(snapshot.events.sources.iter().map(|provenance| {
        ManifestEntry {
            stands_for: None,
            files: strings(&[EVENTS_SNAPSHOT_PATH, OPENING_EVENTS_PATH]),
            covers: events
                .iter()
                .map(|e| e.start)
                .min()
                .zip(events.iter().map(|e| e.end).max())
                .map(|(a, b)| [a, b]),
            regions: event_regions.clone(),
            signals: Vec::new(),
            provenance: provenance.clone(),
        }
    }));
    sources.extend(snapshot.connectivity.iter().map(|w| w.manifest_entry()));
    Manifest {
        format: SNAPSHOT_FORMAT,
        sources,
    }
}

/// The snapshot's files: name in `static/data/` and text (compact JSON, final newline).
pub fn snapshot_files(snapshot: &Snapshot) -> Result<Vec<(String, String)>, DeriveError> {
    let mut files = vec![
        (
            HASH_RATE_SNAPSHOT_PATH.to_owned(),
            json_line(&snapshot.hash_rate)?,
        ),
        (
            HISTORY_SNAPSHOT_PATH.to_owned(),
            json_line(&snapshot.history)?,
        ),
        (
            SHARES_SNAPSHOT_PATH.to_owned(),
            json_line(&snapshot.shares)?,
        ),
        (
            EVENTS_SNAPSHOT_PATH.to_owned(),
            json_line(&snapshot.events)?,
        ),
        (
            OPENING_EVENTS_PATH.to_owned(),
            json_line(&snapshot.events.overlapping(OPENING_VIEW))?,
        ),
        (
            OPENING_SHARES_PATH.to_owned(),
            json_line(&snapshot.shares.overlapping(OPENING_VIEW))?,
        ),
        (
            OPENING_HISTORY_PATH.to_owned(),
            json_line(&snapshot.history.overlapping(OPENING_VIEW))?,
        ),
    ];
    for (year, data) in &snapshot.chain_years {
        files.push((chain_year_path(*year), json_line(data)?));
    }
    for window in &snapshot.connectivity {
        files.push((window.path(), json_line(&window.to_json())?));
    }
    files.push((MANIFEST_PATH.to_owned(), json_line(&manifest_of(snapshot))?));
    Ok(files
        .into_iter()
        .map(|(path, text)| (file_name(&path).to_owned(), text))
        .collect())
}

/// Writes the snapshot's files into `out_dir`; returns their paths.
pub fn write_snapshot(snapshot: &Snapshot, out_dir: &Path) -> Result<Vec<PathBuf>, DeriveError> {
    write_files(&snapshot_files(snapshot)?, out_dir)
}

/// Writes `files` (name and text) into `out_dir`, all or none; returns their paths.
pub fn write_files(
    files: &[(String, String)],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, DeriveError> {
    std::fs::create_dir_all(out_dir).map_err(|source| DeriveError::Write {
        path: out_dir.to_owned(),
        source,
    })?;
    // Every file goes to a temporary name first; only when all are written are they renamed
    // over the old ones (a rename within a folder is atomic). On a failure the temporary files
    // are removed and the old ones are left as they were.
    let temporary = |name: &str| out_dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (name, text) in files {
        let (temp, path) = (temporary(name), out_dir.join(name));
        if let Err(source) = std::fs::write(&temp, text) {
            for (temp, _) in &written {
                let _ = std::fs::remove_file(temp);
            }
            let _ = std::fs::remove_file(&temp);
            return Err(DeriveError::Write { path, source });
        }
        written.push((temp, path));
    }
    let mut paths = Vec::with_capacity(written.len());
    for (temp, path) in written {
        std::fs::rename(&temp, &path).map_err(|source| DeriveError::Write {
            path: path.clone(),
            source,
        })?;
        paths.push(path);
    }
    Ok(paths)
}

/// The `files` (name and text) that differ from (or are missing in) `out_dir`.
pub fn stale_files(files: &[(String, String)], out_dir: &Path) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(name, text)| (out_dir.join(name), text))
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_ref() != Some(*text))
        .map(|(path, _)| path)
        .collect()
}
