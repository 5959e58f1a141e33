//! The live public data sources the widget reads (their identity, names, terms and API bases),
//! and where a page lets it take its data from.
//!
//! API base URLs are fixed when the widget is built (environment variables
//! `MINEWATCH_MEMPOOL_API`, `MINEWATCH_BLOCKCHAIN_API`, `MINEWATCH_IODA_API`,
//! `MINEWATCH_CBECI_API`), never read from the page's URL, so a link cannot point the widget
//! at a forged data server.

use super::provenance::Provenance;
use super::time::{format_date_time, UnixSeconds, HOUR};

/// A live public data source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceId {
    /// mempool.space mining API (hash rate, difficulty).
    Mempool,
    /// blockchain.com charts API (hash rate; fallback for mempool.space).
    Blockchain,
    /// IODA API v2 (connectivity signals, outage events).
    Ioda,
    /// CBECI mining map (regional shares).
    Cbeci,
}

impl SourceId {
    /// Every live source.
    pub const ALL: [SourceId; 4] = [
        SourceId::Mempool,
        SourceId::Blockchain,
        SourceId::Ioda,
        SourceId::Cbeci,
    ];

    /// The id in `data-source` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceId::Mempool => "mempool",
            SourceId::Blockchain => "blockchain",
            SourceId::Ioda => "ioda",
            SourceId::Cbeci => "cbeci",
        }
    }

    /// The name readers know it by.
    pub fn name(self) -> &'static str {
        match self {
            SourceId::Mempool => "mempool.space",
            SourceId::Blockchain => "blockchain.com",
            SourceId::Ioda => "IODA",
            SourceId::Cbeci => "CBECI",
        }
    }

    /// How long a cached answer counts as fresh, in seconds.
    pub fn cache_ttl(self) -> UnixSeconds {
        match self {
            SourceId::Mempool | SourceId::Blockchain => HOUR,
            SourceId::Ioda => HOUR / 4,
            SourceId::Cbeci => 24 * HOUR,
        }
    }

    /// Credit, terms and retrieval time of data from this source fetched at `retrieved`.
    pub fn provenance(self, retrieved: UnixSeconds) -> Provenance {
        let (title, licence, url) = match self {
            SourceId::Mempool => (
                "Bitcoin network hash rate, daily average",
                "mempool.space terms of service",
                "https://mempool.space/docs/api/rest",
            ),
            SourceId::Blockchain => (
                "Bitcoin hash rate, daily estimate",
                "blockchain.com data, credit blockchain.com",
                "https://www.blockchain.com/explorer/charts/hash-rate",
            ),
            SourceId::Ioda => (
                "Internet connectivity signals and detected outages",
                "© Georgia Tech Research Corporation",
                "https://ioda.inetintel.cc.gatech.edu/",
            ),
            SourceId::Cbeci => (
                "Country shares of Bitcoin's hash rate (estimate from mining-pool IP \
                 geolocation)",
                "CC BY-NC-SA 4.0",
                "https://ccaf.io/cbeci/mining_map",
            ),
        };
        Provenance {
            source: self.name().into(),
            title: title.into(),
            licence: licence.into(),
            url: url.into(),
            origin: self.api_base().into(),
            retrieved: format!("{} UTC", format_date_time(retrieved)),
        }
    }

    /// The API base URL this build uses.
    pub fn api_base(self) -> &'static str {
        match self {
            SourceId::Mempool => {
                option_env!("MINEWATCH_MEMPOOL_API").unwrap_or("https://mempool.space/api")
            }
            SourceId::Blockchain => {
                option_env!("MINEWATCH_BLOCKCHAIN_API").unwrap_or("https://api.blockchain.info")
            }
            SourceId::Ioda => option_env!("MINEWATCH_IODA_API")
                .unwrap_or("https://api.ioda.inetintel.cc.gatech.edu/v2"),
            SourceId::Cbeci => option_env!("MINEWATCH_CBECI_API").unwrap_or("https://ccaf.io"),
        }
    }
}

/// What a data-status line is about: the bundled snapshot, or a live source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusSource {
    /// The snapshot bundled with the widget (or held by its host).
    Bundle,
    /// A live public source.
    Live(SourceId),
}

impl StatusSource {
    /// Every status line, in the order the widget lists them.
    pub const ALL: [StatusSource; 5] = [
        StatusSource::Bundle,
        StatusSource::Live(SourceId::Mempool),
        StatusSource::Live(SourceId::Blockchain),
        StatusSource::Live(SourceId::Ioda),
        StatusSource::Live(SourceId::Cbeci),
    ];

    /// The id in `data-source` attributes: `snapshot`, or the live source's.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusSource::Bundle => "snapshot",
            StatusSource::Live(source) => source.as_str(),
        }
    }
}

impl From<SourceId> for StatusSource {
    fn from(source: SourceId) -> Self {
        StatusSource::Live(source)
    }
}

/// Where the widget takes its data from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataMode {
    /// Cache, then live APIs, then an older cache, then the bundled snapshot.
    #[default]
    Auto,
    /// Live APIs only (a fresh cache counts): a failure is shown, not hidden.
    Live,
    /// The bundled snapshot only; no request leaves the page's own host.
    Snapshot,
}

impl DataMode {
    /// The setting's value: `auto`, `live` or `snapshot`.
    pub fn as_str(self) -> &'static str {
        match self {
            DataMode::Auto => "auto",
            DataMode::Live => "live",
            DataMode::Snapshot => "snapshot",
        }
    }

    /// Parses `auto`, `live` or `snapshot`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(DataMode::Auto),
            "live" => Some(DataMode::Live),
            "snapshot" => Some(DataMode::Snapshot),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_have_ids_names_and_https_bases() {
        let ids: Vec<_> = SourceId::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(ids, ["mempool", "blockchain", "ioda", "cbeci"]);
        for source in SourceId::ALL {
            assert!(source.api_base().starts_with("https://"), "{source:?}");
            assert!(source.cache_ttl() > 0);
        }
    }

    #[test]
    fn modes_parse() {
        assert_eq!(DataMode::parse(" Live "), Some(DataMode::Live));
        assert_eq!(DataMode::parse("offline"), None);
        assert_eq!(DataMode::default(), DataMode::Auto);
    }
}
