//! Refreshes the snapshot from the live APIs, with the same parsers as the widget, so that a
//! host can serve fresh data from its own CDN instead of every reader calling the APIs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::connectivity::{
    fetch_window, read_previous_windows, windows_wanted, ConnectivityWindow,
};
use super::{
    curated_events, file_name, parsed, snapshot_files, write_files, DeriveError, Snapshot,
};
use crate::model::events::DisruptionEvent;
use crate::model::provenance::Provenance;
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    chain_year_path, parse_event_catalogue, parse_hash_rate_snapshot, parse_history_snapshot,
    parse_share_snapshot, validate_hash_rate_snapshot, validate_history_snapshot, DailyChainData,
    DayRecord, EventCatalogue, HashRateSeries, HashRateSnapshot, HistorySnapshot, ShareSnapshot,
    EVENTS_SNAPSHOT_PATH, HASH_RATE_SNAPSHOT_PATH, HISTORY_SNAPSHOT_PATH, OPENING_VIEW,
    SHARES_SNAPSHOT_PATH, SNAPSHOT_FORMAT,
};
use crate::model::source::SourceId;
use crate::model::time::{UnixSeconds, DAY};
use crate::sources::{blockchain, cbeci, ioda, mempool};

/// The API base URLs to fetch from (the widget's by default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBases {
    /// mempool.space API base, e.g. `https://mempool.space/api`.
    pub mempool: String,
    /// blockchain.com API base.
    pub blockchain: String,
    /// IODA API v2 base.
    pub ioda: String,
    /// CBECI base.
    pub cbeci: String,
}

impl Default for ApiBases {
    fn default() -> Self {
        Self {
            mempool: SourceId::Mempool.api_base().into(),
            blockchain: SourceId::Blockchain.api_base().into(),
            ioda: SourceId::Ioda.api_base().into(),
            cbeci: SourceId::Cbeci.api_base().into(),
        }
    }
}

/// What to refresh: a country's events over a window, and the global series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRequest {
    /// ISO code of the country whose outage events are fetched.
    pub country: String,
    /// Start of the window (daily hash rate and events).
    pub from: UnixSeconds,
    /// End of the window.
    pub until: UnixSeconds,
    /// Where to fetch from.
    pub bases: ApiBases,
}

/// GETs `url` (30 s time limit, one retry): the body of a 2xx answer.
pub fn http_get(url: &str) -> Result<String, DeriveError> {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .user_agent(concat!("minewatch-snapshot/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent();
    let mut last = String::new();
    for attempt in 0..2 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_secs(2));
        }
        match agent.get(url).call() {
            Ok(mut response) => {
                return response
                    .body_mut()
                    .with_config()
                    .limit(crate::sources::MAX_BODY_BYTES as u64)
                    .read_to_string()
                    .map_err(|e| DeriveError::Fetch {
                        url: url.into(),
                        reason: e.to_string(),
                    })
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(DeriveError::Fetch {
        url: url.into(),
        reason: last,
    })
}

/// What a refresh builds on: the snapshot files already in the folder it refreshes (each
/// `None` when absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Previous {
    /// `hashrate.json`.
    pub hash_rate: Option<HashRateSnapshot>,
    /// The `chain-YYYY.json` files `hashrate.json` names (read for the manifest; a refresh
    /// never rewrites them).
    pub chain_years: Vec<(i64, HashRateSnapshot)>,
    /// `history.json`.
    pub history: Option<HistorySnapshot>,
    /// `shares.json`.
    pub shares: Option<ShareSnapshot>,
    /// `events.json`.
    pub events: Option<EventCatalogue>,
    /// The windows of connectivity signals the manifest names.
    pub connectivity: Vec<ConnectivityWindow>,
}

/// The fresh long-range history, unless it spans less than the one it would replace (the
/// previous is then kept: a refresh never drops a day).
fn longer_history(previous: Option<HistorySnapshot>, fresh: HistorySnapshot) -> HistorySnapshot {
    let span = |h: &HistorySnapshot| {
        let points = &h.long_range.points;
        points.first().zip(points.last()).map(|(a, b)| (a.t, b.t))
    };
    match previous {
        Some(previous) => match (span(&previous), span(&fresh)) {
            (Some((a, b)), Some((c, d))) if c <= a && b <= d => fresh,
            (None, _) => fresh,
            _ => previous,
        },
        None => fresh,
    }
}

/// Every month of `previous` and of `fresh`, the fresh figures where both have a month.
fn merged_shares(previous: Option<ShareSnapshot>, fresh: ShareSnapshot) -> ShareSnapshot {
    let Some(previous) = previous else {
        return fresh;
    };
    let mut months = fresh.table.months.clone();
    for month in previous.table.months {
        if !months.iter().any(|m| m.month == month.month) {
            months.push(month);
        }
    }
    crate::model::order::sort_by_i64(&mut months, |m| m.month);
    ShareSnapshot {
        table: ShareTable {
            months,
            ..fresh.table
        },
        ..fresh
    }
}

/// mempool.space's daily hash rate for the days of `window` (no block counts: the API gives
/// none).
fn mempool_days(
    base: &str,
    window: std::ops::Range<UnixSeconds>,
    now: UnixSeconds,
    get: &impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<HashRateSnapshot, DeriveError> {
    let url = mempool::hashrate_url(base, "all");
    let daily = parsed(&url, mempool::parse_hashrate(&get(&url)?))?;
    let days = daily
        .hash_rate
        .iter()
        .map(|p| DayRecord {
            t: p.t - p.t.rem_euclid(DAY),
            blocks: None,
            hash_rate: p.v,
        })
        .filter(|d| window.contains(&d.t))
        .collect();
    Ok(validate_hash_rate_snapshot(HashRateSnapshot {
        format: SNAPSHOT_FORMAT,
        daily: DailyChainData {
            label: "mempool.space daily average".into(),
            provenance: SourceId::Mempool.provenance(now),
            days,
        },
        years: None,
    })?)
}

/// Adds the `events` the catalogue lacks (by id); the caller puts them in order of start.
fn add_events(catalogue: &mut EventCatalogue, events: Vec<DisruptionEvent>) {
    for event in events {
        if !catalogue.events.iter().any(|e| e.id == event.id) {
            catalogue.events.push(event);
        }
    }
}

/// The windows of connectivity `held`, and those [`windows_wanted`] adds for the catalogue's
/// internet disruptions in a mining country (one with a share in `shares`) and the opening
/// view, fetched from IODA at `base` unless a held window contains them; their outage events
/// join the catalogue.
fn add_connectivity(
    held: Vec<ConnectivityWindow>,
    catalogue: &mut EventCatalogue,
    shares: &ShareSnapshot,
    base: &str,
    provenance: Provenance,
    get: &impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<Vec<ConnectivityWindow>, DeriveError> {
    let mining: Vec<String> = (shares.table.months.iter())
        .flat_map(|m| m.shares.iter().map(|s| s.code.clone()))
        .collect();
    let opening = (crate::state::DEFAULT_COUNTRY.code, OPENING_VIEW);
    let mut windows = held;
    for (country, range) in windows_wanted(&catalogue.events, &mining, opening) {
        let holds = |w: &ConnectivityWindow| {
            w.country == country && w.range.start <= range.start && range.end <= w.range.end
        };
        if windows.iter().any(holds) {
            continue;
        }
        let (window, events) = fetch_window(base, &country, range, provenance.clone(), get)?;
        windows.push(window);
        add_events(catalogue, events);
    }
    Ok(windows)
}

/// Fetches the live APIs and builds the snapshot on `previous`, only ever adding to it:
/// - the daily chain data are kept as they are when there are some (the live APIs count no
///   blocks, and mempool.space is then not asked); without, mempool.space's days of the window;
/// - blockchain.com's history replaces the previous one only when it spans all of it;
/// - CBECI's months join the previous ones (its figures win for a month both have);
/// - IODA's outage events of the country and window join the catalogue (none is removed);
///   without a catalogue, the curated events start it;
/// - IODA's signals (and outage events) are fetched for each window of
///   [`windows_wanted`] that no window already held contains: around every internet
///   disruption of the catalogue in a mining country, and the opening view.
pub fn refresh_snapshot(
    request: &RefreshRequest,
    previous: Previous,
    now: UnixSeconds,
    get: impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<Snapshot, DeriveError> {
    let RefreshRequest {
        country,
        from,
        until,
        bases,
    } = request;

    let chain_years = previous.chain_years;
    let hash_rate = match previous.hash_rate {
        Some(kept) => kept,
        None => mempool_days(&bases.mempool, *from..*until, now, &get)?,
    };

    let url = blockchain::hash_rate_url(&bases.blockchain, "all", "2009-01-03");
    let long_range = parsed(&url, blockchain::parse_hash_rate(&get(&url)?))?;

    let url = cbeci::mining_countries_url(&bases.cbeci);
    let months = parsed(&url, cbeci::parse_mining_countries(&get(&url)?))?;

    let url = ioda::events_url(&bases.ioda, country, *from, *until);
    let detected = parsed(&url, ioda::parse_events(&get(&url)?))?;

    let history = longer_history(
        previous.history,
        validate_history_snapshot(HistorySnapshot {
            format: SNAPSHOT_FORMAT,
            long_range: HashRateSeries {
                label: "blockchain.com daily estimate".into(),
                provenance: SourceId::Blockchain.provenance(now),
                points: long_range,
            },
        })?,
    );
    let shares = merged_shares(
        previous.shares,
        ShareSnapshot {
            format: SNAPSHOT_FORMAT,
            table: ShareTable {
                provenance: SourceId::Cbeci.provenance(now),
                months,
            },
        },
    );

    let mut catalogue = match previous.events {
        Some(previous) => previous,
        None => EventCatalogue {
            format: SNAPSHOT_FORMAT,
            sources: Vec::new(),
            events: curated_events()?,
        },
    };
    add_events(&mut catalogue, detected);
    let ioda = SourceId::Ioda.provenance(now);
    catalogue.sources.retain(|s| s.source != ioda.source);
    catalogue.sources.push(ioda.clone());
    let connectivity = add_connectivity(
        previous.connectivity,
        &mut catalogue,
        &shares,
        &bases.ioda,
        ioda,
        &get,
    )?;
    crate::model::events::sort_by_start(&mut catalogue.events);

    Ok(Snapshot {
        hash_rate,
        // The live APIs give no block counts: the yearly files are left as they are.
        chain_years,
        history,
        shares,
        events: catalogue,
        connectivity,
        skipped: Vec::new(),
    })
}

/// Reads one snapshot file a refresh builds on: `Ok(None)` only when it does not exist; a file
/// that exists but cannot be read or parsed is an error (refreshing without it would drop
/// what it holds).
fn read_previous_file<T, E>(
    out_dir: &Path,
    path: &str,
    parse: impl Fn(&str) -> Result<T, E>,
    invalid: impl Fn(PathBuf, E) -> DeriveError,
) -> Result<Option<T>, DeriveError> {
    let path = out_dir.join(file_name(path));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(DeriveError::Read { path, source }),
    };
    parse(&text).map(Some).map_err(|e| invalid(path, e))
}

/// Reads the snapshot files a refresh builds on (in `out_dir`); the event catalogue first.
pub fn read_previous(out_dir: &Path) -> Result<Previous, DeriveError> {
    let file = |path, source| DeriveError::PreviousFile { path, source };
    let events = read_previous_events(out_dir)?;
    let hash_rate = read_previous_file(
        out_dir,
        HASH_RATE_SNAPSHOT_PATH,
        parse_hash_rate_snapshot,
        file,
    )?;
    let mut chain_years = Vec::new();
    if let Some([first, last]) = hash_rate.as_ref().and_then(|h| h.years) {
        for year in first..=last {
            let path = chain_year_path(year);
            if let Some(data) = read_previous_file(out_dir, &path, parse_hash_rate_snapshot, file)?
            {
                chain_years.push((year, data));
            }
        }
    }
    Ok(Previous {
        events,
        hash_rate,
        chain_years,
        history: read_previous_file(out_dir, HISTORY_SNAPSHOT_PATH, parse_history_snapshot, file)?,
        shares: read_previous_file(out_dir, SHARES_SNAPSHOT_PATH, parse_share_snapshot, file)?,
        connectivity: read_previous_windows(out_dir)?,
    })
}

/// Reads the event catalogue a refresh builds on (`events.json` in `out_dir`). `Ok(None)` only
/// when the file does not exist: the curated events then start the catalogue. A file that
/// exists but cannot be read or does not parse is an error, because refreshing without it
/// would silently drop the events it holds (IODA's verified outages among them).
pub fn read_previous_events(out_dir: &Path) -> Result<Option<EventCatalogue>, DeriveError> {
    read_previous_file(
        out_dir,
        EVENTS_SNAPSHOT_PATH,
        parse_event_catalogue,
        |path, source| DeriveError::PreviousEvents { path, source },
    )
}

/// Refreshes the snapshot in `out_dir`: reads the files already there ([`read_previous`]),
/// fetches every source and adds what it brings ([`refresh_snapshot`]), and writes the files
/// all or none (temporary files renamed into place). Returns the snapshot and the paths
/// written. On any error the previous files are left as they were.
pub fn refresh_dir(
    request: &RefreshRequest,
    out_dir: &Path,
    now: UnixSeconds,
    get: impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<(Snapshot, Vec<PathBuf>), DeriveError> {
    let previous = read_previous(out_dir)?;
    let kept_chain_data = previous.hash_rate.is_some();
    let snapshot = refresh_snapshot(request, previous, now, get)?;
    let mut files = snapshot_files(&snapshot)?;
    // Kept data are not written again (their files stay byte for byte).
    if kept_chain_data {
        files.retain(|(name, _)| {
            name.as_str() != file_name(HASH_RATE_SNAPSHOT_PATH) && !name.starts_with("chain-")
        });
    }
    let paths = write_files(&files, out_dir)?;
    Ok((snapshot, paths))
}
