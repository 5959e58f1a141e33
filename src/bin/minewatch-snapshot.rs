//! Writes the widget's bundled snapshot (`static/data/`).
//!
//! ```text
//! cargo run --bin minewatch-snapshot -- [--shared ../shared/data] [--out static/data]
//!                                        [--world-atlas node_modules/world-atlas]
//!                                        [--retrieved YYYY-MM-DD] [--check]
//! cargo run --bin minewatch-snapshot -- --live [--region KZ] [--from 2021-12-12]
//!                                        [--until 2022-01-15] [--out static/data]
//!                                        [--mempool-api URL] [--blockchain-api URL]
//!                                        [--ioda-api URL] [--cbeci-api URL]
//! ```
//! The first derives it from the reference data beside the repository, and the map's shapes
//! from world-atlas as npm installs it (`npm ci`); `--check` writes nothing and fails if the
//! committed snapshot differs from a fresh derivation. `--live`
//! fetches the public APIs instead (with the widget's parsers) and only adds to the files in
//! `--out`: the counted daily chain data are kept, blockchain.com's history replaces the old one
//! only when it spans all of it, CBECI's months and IODA's outage events of the region and
//! window join the ones there. The files are written all or none. If a file in `--out` exists
//! but does not parse, `--live` fails and writes nothing (refreshing without it would drop what
//! it holds); only a missing one starts again (the events from the curated ones). The hosting
//! workflow refreshes the built site's data (`make refresh-site`, `--out dist/data`), never the
//! checked `static/data`.

#[cfg(not(target_arch = "wasm32"))]
mod tool {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use minewatch::model::snapshot::parse_hash_rate_snapshot;
    use minewatch::model::time::{format_date, parse_date, UnixSeconds};
    use minewatch::snapshot::refresh::{http_get, refresh_dir, ApiBases, RefreshRequest};
    use minewatch::snapshot::shapes::{shapes_files, WORLD_ATLAS_DIR};
    use minewatch::snapshot::skeleton::{bundle_of, opening_takeaway, with_takeaway, INDEX_HTML};
    use minewatch::snapshot::{
        derive_snapshot, snapshot_files, stale_files, write_files, DeriveError, Snapshot,
    };

    const USAGE: &str = "usage: minewatch-snapshot [--shared DIR] [--out DIR] \
                         [--world-atlas DIR] [--retrieved YYYY-MM-DD] [--check]\n       minewatch-snapshot --live \
                         [--region CC] [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--out DIR] \
                         [--mempool-api URL] [--blockchain-api URL] [--ioda-api URL] \
                         [--cbeci-api URL]";

    /// The tool's command line.
    pub struct Args {
        shared: PathBuf,
        out: PathBuf,
        world_atlas: PathBuf,
        retrieved: Option<String>,
        check: bool,
        pub live: bool,
        region: String,
        from: String,
        until: String,
        bases: ApiBases,
    }

    /// Reads the command line; an error is the message to print before the usage.
    pub fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut parsed = Args {
            shared: "../shared/data".into(),
            out: "static/data".into(),
            world_atlas: WORLD_ATLAS_DIR.into(),
            retrieved: None,
            check: false,
            live: false,
            region: "KZ".to_owned(),
            from: "2021-12-12".to_owned(),
            until: "2022-01-15".to_owned(),
            bases: ApiBases::default(),
        };
        while let Some(arg) = args.next() {
            if arg == "--check" || arg == "--live" {
                parsed.check |= arg == "--check";
                parsed.live |= arg == "--live";
                continue;
            }
            let Some(value) = args.next() else {
                return Err(format!("{arg} needs a value\n{USAGE}"));
            };
            match arg.as_str() {
                "--shared" => parsed.shared = value.into(),
                "--out" => parsed.out = value.into(),
                "--world-atlas" => parsed.world_atlas = value.into(),
                "--retrieved" => parsed.retrieved = Some(value),
                "--region" => parsed.region = value.to_ascii_uppercase(),
                "--from" => parsed.from = value,
                "--until" => parsed.until = value,
                "--mempool-api" => parsed.bases.mempool = value,
                "--blockchain-api" => parsed.bases.blockchain = value,
                "--ioda-api" => parsed.bases.ioda = value,
                "--cbeci-api" => parsed.bases.cbeci = value,
                _ => return Err(USAGE.to_owned()),
            }
        }
        Ok(parsed)
    }

    /// `--live`: adds what the public APIs bring to the files in `--out`.
    pub fn refresh(args: Args, now: UnixSeconds) -> ExitCode {
        let (Ok(from), Ok(until)) = (parse_date(&args.from), parse_date(&args.until)) else {
            eprintln!("--from and --until take dates as YYYY-MM-DD\n{USAGE}");
            return ExitCode::from(2);
        };
        let request = RefreshRequest {
            country: args.region,
            from,
            until,
            bases: args.bases,
        };
        // An events.json that exists but does not parse stops the refresh (it would otherwise
        // drop the events it holds); only a missing one starts from the curated events.
        match refresh_dir(&request, &args.out, now, http_get) {
            Ok((snapshot, paths)) => {
                for path in paths {
                    println!("wrote {}", path.display());
                }
                println!(
                    "{} days, {} long-range points, {} months of shares, {} events",
                    snapshot.hash_rate.daily.days.len(),
                    snapshot.history.long_range.points.len(),
                    snapshot.shares.table.months.len(),
                    snapshot.events.events.len()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                let written = if matches!(error, DeriveError::Write { .. }) {
                    "some files may have been written"
                } else {
                    "nothing was written"
                };
                eprintln!("minewatch-snapshot: {error} ({written})");
                ExitCode::FAILURE
            }
        }
    }

    /// Derives the snapshot from the reference data and the map's shapes, then writes it (and
    /// the opening takeaway into `index.html`), or with `--check` compares it with the files.
    pub fn derive(args: Args, now: UnixSeconds) -> ExitCode {
        // --check keeps the committed retrieval date; a fresh derivation is stamped today.
        let committed_date = std::fs::read_to_string(args.out.join("hashrate.json"))
            .ok()
            .and_then(|text| parse_hash_rate_snapshot(&text).ok())
            .map(|s| s.daily.provenance.retrieved);
        let retrieved = (args.retrieved)
            .or(committed_date.filter(|_| args.check))
            .unwrap_or_else(|| format_date(now));
        let derived = derive_snapshot(&args.shared, &retrieved).and_then(|snapshot| {
            let mut files = snapshot_files(&snapshot)?;
            files.extend(shapes_files(&args.world_atlas)?);
            Ok((snapshot, files))
        });
        let (snapshot, files) = match derived {
            Ok(derived) => derived,
            Err(error) => {
                eprintln!("minewatch-snapshot: {error}");
                return ExitCode::FAILURE;
            }
        };
        // The skeleton in index.html tells the opening story before the WebAssembly arrives.
        let page = std::fs::read_to_string(INDEX_HTML).unwrap_or_default();
        let Some(told) = with_takeaway(&page, &opening_takeaway(bundle_of(&snapshot))) else {
            eprintln!(
                "minewatch-snapshot: {INDEX_HTML} has no single <p class=\"takeaway\"> to write"
            );
            return ExitCode::FAILURE;
        };
        if args.check {
            let mut stale = stale_files(&files, &args.out);
            if told != page {
                stale.push(INDEX_HTML.into());
            }
            return report_stale(&args.out, stale);
        }
        if told != page {
            if let Err(error) = std::fs::write(INDEX_HTML, &told) {
                eprintln!("minewatch-snapshot: cannot write {INDEX_HTML}: {error}");
                return ExitCode::FAILURE;
            }
            println!("wrote the opening takeaway into {INDEX_HTML}");
        }
        match write_files(&files, &args.out) {
            Ok(paths) => {
                report_written(&snapshot, &paths);
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("minewatch-snapshot: {error}");
                ExitCode::FAILURE
            }
        }
    }

    /// `--check`'s verdict: success when no file in `stale` differs from a fresh derivation.
    fn report_stale(out: &std::path::Path, stale: Vec<PathBuf>) -> ExitCode {
        if stale.is_empty() {
            println!("{} is up to date", out.display());
            return ExitCode::SUCCESS;
        }
        for path in stale {
            eprintln!("STALE: {} differs from a fresh derivation", path.display());
        }
        eprintln!("run `make snapshot` and commit the result");
        ExitCode::FAILURE
    }

    /// Prints each file written with its size, and what the snapshot holds.
    fn report_written(snapshot: &Snapshot, paths: &[PathBuf]) {
        for path in paths {
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            println!("wrote {} ({bytes} bytes)", path.display());
        }
        println!(
            "{} days of chain data, {} long-range points, {} months of shares, {} events \
             ({} dataset rows passed over: {})",
            snapshot.hash_rate.daily.days.len(),
            snapshot.history.long_range.points.len(),
            snapshot.shares.table.months.len(),
            snapshot.events.events.len(),
            snapshot.skipped.len(),
            snapshot.skipped.join("; ")
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args = match tool::parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    if args.live {
        tool::refresh(args, now)
    } else {
        tool::derive(args, now)
    }
}

/// The tool reads and writes files, so it exists only natively; this keeps
/// `cargo build --target wasm32-unknown-unknown --bins` working.
#[cfg(target_arch = "wasm32")]
fn main() {}
