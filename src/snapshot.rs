//! Derives the bundled snapshot (`static/data/`) from the reference data in `shared/data/`
//! (copies of public data with provenance), with the same parsers the widget uses.
//! Native only: run it as `cargo run --bin minewatch-snapshot`.

use std::path::{Path, PathBuf};

use crate::model::provenance::Provenance;
use crate::model::snapshot::{
    validate_hash_rate_snapshot, DailyChainData, HashRateSeries, HashRateSnapshot, SnapshotError,
    HASH_RATE_SNAPSHOT_PATH, SNAPSHOT_FORMAT,
};
use crate::sources::{blockchain, coinmetrics, SourceError};

/// Coin Metrics daily block counts and hash rate, Dec 2021 – Jan 2022.
pub const COINMETRICS_FILE: &str = "coinmetrics_btc_hashrate_2021-12-12_2022-01-14.csv";
/// blockchain.com hash rate, 7-day average sampled every 4 days, 2009 – 2026.
pub const BLOCKCHAIN_LONG_RANGE_FILE: &str =
    "blockchaincom_hash-rate_all_4day-sampled_baua5252.json";

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
    /// The derived snapshot failed its own checks.
    #[error(transparent)]
    Invalid(#[from] SnapshotError),
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

fn read(path: PathBuf) -> Result<(PathBuf, String), DeriveError> {
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((path, text)),
        Err(source) => Err(DeriveError::Read { path, source }),
    }
}

/// Builds the hash-rate snapshot from the reference files in `shared_dir`, stamping each
/// provenance with the `retrieved` date (`YYYY-MM-DD`).
pub fn derive_hash_rate_snapshot(
    shared_dir: &Path,
    retrieved: &str,
) -> Result<HashRateSnapshot, DeriveError> {
    let (path, csv) = read(shared_dir.join(COINMETRICS_FILE))?;
    let days =
        coinmetrics::parse_daily_csv(&csv).map_err(|source| DeriveError::Parse { path, source })?;
    let (path, json) = read(shared_dir.join(BLOCKCHAIN_LONG_RANGE_FILE))?;
    let points =
        blockchain::parse_hash_rate(&json).map_err(|source| DeriveError::Parse { path, source })?;

    let snapshot = HashRateSnapshot {
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
    Ok(validate_hash_rate_snapshot(snapshot)?)
}

/// The snapshot file's text: compact JSON and a final newline.
pub fn snapshot_text(snapshot: &HashRateSnapshot) -> Result<String, DeriveError> {
    let mut text = serde_json::to_string(snapshot).map_err(DeriveError::Encode)?;
    text.push('\n');
    Ok(text)
}

/// Writes the snapshot into `out_dir` (as the widget's `data/hashrate.json`); returns the path.
pub fn write_hash_rate_snapshot(
    snapshot: &HashRateSnapshot,
    out_dir: &Path,
) -> Result<PathBuf, DeriveError> {
    let file_name = Path::new(HASH_RATE_SNAPSHOT_PATH)
        .file_name()
        .unwrap_or_default();
    let path = out_dir.join(file_name);
    let text = snapshot_text(snapshot)?;
    std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|source| DeriveError::Write {
            path: path.clone(),
            source,
        })?;
    Ok(path)
}
