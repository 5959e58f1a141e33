//! Refreshes the snapshot from the live APIs, with the same parsers as the widget, so that a
//! host can serve fresh data from its own CDN instead of every reader calling the APIs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{curated_events, file_name, write_snapshot, DeriveError, Snapshot};
use crate::fetching::plan::SourceId;
use crate::model::events::EventOrigin;
use crate::model::shares::ShareTable;
use crate::model::snapshot::{
    parse_event_catalogue, validate_hash_rate_snapshot, validate_history_snapshot, DailyChainData,
    DayRecord, EventCatalogue, HashRateSeries, HashRateSnapshot, HistorySnapshot, ShareSnapshot,
    EVENTS_SNAPSHOT_PATH, SNAPSHOT_FORMAT,
};
use crate::model::time::{UnixSeconds, DAY};
use crate::sources::{blockchain, cbeci, ioda, mempool, SourceError};

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

fn parsed<T>(url: &str, result: Result<T, SourceError>) -> Result<T, DeriveError> {
    result.map_err(|source| DeriveError::Fetch {
        url: url.into(),
        reason: source.to_string(),
    })
}

/// Fetches every source and builds the snapshot. The events of `previous` (the catalogue
/// being replaced) are kept, except IODA-detected ones of this country inside the window,
/// which are fetched anew; without one, the curated events start the catalogue.
pub fn refresh_snapshot(
    request: &RefreshRequest,
    previous: Option<EventCatalogue>,
    now: UnixSeconds,
    get: impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<Snapshot, DeriveError> {
    let RefreshRequest {
        country,
        from,
        until,
        bases,
    } = request;

    let url = mempool::hashrate_url(&bases.mempool, "all");
    let daily = parsed(&url, mempool::parse_hashrate(&get(&url)?))?;
    let days = daily
        .hash_rate
        .iter()
        .map(|p| DayRecord {
            t: p.t - p.t.rem_euclid(DAY),
            blocks: None,
            hash_rate: p.v,
        })
        .filter(|d| (*from..*until).contains(&d.t))
        .collect();

    let url = blockchain::hash_rate_url(&bases.blockchain, "all", "2009-01-03");
    let long_range = parsed(&url, blockchain::parse_hash_rate(&get(&url)?))?;

    let url = cbeci::mining_countries_url(&bases.cbeci);
    let months = parsed(&url, cbeci::parse_mining_countries(&get(&url)?))?;

    let url = ioda::events_url(&bases.ioda, country, *from, *until);
    let detected = parsed(&url, ioda::parse_events(&get(&url)?))?;

    let hash_rate = validate_hash_rate_snapshot(HashRateSnapshot {
        format: SNAPSHOT_FORMAT,
        daily: DailyChainData {
            label: "mempool.space daily average".into(),
            provenance: SourceId::Mempool.provenance(now),
            days,
        },
        years: None,
    })?;
    let history = validate_history_snapshot(HistorySnapshot {
        format: SNAPSHOT_FORMAT,
        long_range: HashRateSeries {
            label: "blockchain.com daily estimate".into(),
            provenance: SourceId::Blockchain.provenance(now),
            points: long_range,
        },
    })?;

    let mut catalogue = match previous {
        Some(previous) => previous,
        None => EventCatalogue {
            format: SNAPSHOT_FORMAT,
            sources: Vec::new(),
            events: curated_events()?,
        },
    };
    catalogue.events.retain(|e| {
        !(e.origin == EventOrigin::IodaDetected
            && e.country == *country
            && e.overlaps(*from, *until))
    });
    catalogue.events.extend(detected);
    catalogue
        .events
        .sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let ioda = SourceId::Ioda.provenance(now);
    catalogue.sources.retain(|s| s.source != ioda.source);
    catalogue.sources.push(ioda);

    Ok(Snapshot {
        hash_rate,
        // The live APIs give no block counts: the yearly files are left as they are.
        chain_years: Vec::new(),
        history,
        shares: ShareSnapshot {
            format: SNAPSHOT_FORMAT,
            table: ShareTable {
                provenance: SourceId::Cbeci.provenance(now),
                months,
            },
        },
        events: catalogue,
        skipped: Vec::new(),
    })
}

/// Reads the event catalogue a refresh builds on (`events.json` in `out_dir`). `Ok(None)` only
/// when the file does not exist: the curated events then start the catalogue. A file that
/// exists but cannot be read or does not parse is an error, because refreshing without it
/// would silently drop the events it holds (IODA's verified outages among them).
pub fn read_previous_events(out_dir: &Path) -> Result<Option<EventCatalogue>, DeriveError> {
    let path = out_dir.join(file_name(EVENTS_SNAPSHOT_PATH));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(DeriveError::Read { path, source }),
    };
    parse_event_catalogue(&text)
        .map(Some)
        .map_err(|source| DeriveError::PreviousEvents { path, source })
}

/// Refreshes the snapshot in `out_dir`: reads the events already there
/// ([`read_previous_events`]), fetches every source ([`refresh_snapshot`]) and writes the
/// files. Returns the snapshot and the paths written. Any error comes before the first write,
/// except one while writing itself.
pub fn refresh_dir(
    request: &RefreshRequest,
    out_dir: &Path,
    now: UnixSeconds,
    get: impl Fn(&str) -> Result<String, DeriveError>,
) -> Result<(Snapshot, Vec<PathBuf>), DeriveError> {
    let previous = read_previous_events(out_dir)?;
    let snapshot = refresh_snapshot(request, previous, now, get)?;
    let paths = write_snapshot(&snapshot, out_dir)?;
    Ok((snapshot, paths))
}
