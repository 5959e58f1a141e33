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
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use minewatch::model::snapshot::parse_hash_rate_snapshot;
    use minewatch::model::time::{format_date, parse_date};
    use minewatch::snapshot::refresh::{http_get, refresh_dir, ApiBases, RefreshRequest};
    use minewatch::snapshot::shapes::{shapes_files, WORLD_ATLAS_DIR};
    use minewatch::snapshot::skeleton::{bundle_of, opening_takeaway, with_takeaway, INDEX_HTML};
    use minewatch::snapshot::{
        derive_snapshot, snapshot_files, stale_files, write_files, DeriveError,
    };

    const USAGE: &str = "usage: minewatch-snapshot [--shared DIR] [--out DIR] \
                         [--world-atlas DIR] [--retrieved YYYY-MM-DD] [--check]\n       minewatch-snapshot --live \
                         [--region CC] [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--out DIR] \
                         [--mempool-api URL] [--blockchain-api URL] [--ioda-api URL] \
                         [--cbeci-api URL]";

    let mut shared = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("static/data");
    let mut world_atlas = PathBuf::from(WORLD_ATLAS_DIR);
    let mut retrieved = None;
    let mut check = false;
    let mut live = false;
    let mut region = "KZ".to_owned();
    let (mut from, mut until) = ("2021-12-12".to_owned(), "2022-01-15".to_owned());
    let mut bases = ApiBases::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--check" || arg == "--live" {
            check |= arg == "--check";
            live |= arg == "--live";
            continue;
        }
        let Some(value) = args.next() else {
            eprintln!("{arg} needs a value\n{USAGE}");
            return ExitCode::from(2);
        };
        match arg.as_str() {
            "--shared" => shared = value.into(),
            "--out" => out = value.into(),
            "--world-atlas" => world_atlas = value.into(),
            "--retrieved" => retrieved = Some(value),
            "--region" => region = value.to_ascii_uppercase(),
            "--from" => from = value,
            "--until" => until = value,
            "--mempool-api" => bases.mempool = value,
            "--blockchain-api" => bases.blockchain = value,
            "--ioda-api" => bases.ioda = value,
            "--cbeci-api" => bases.cbeci = value,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);

    if live {
        let (Ok(from), Ok(until)) = (parse_date(&from), parse_date(&until)) else {
            eprintln!("--from and --until take dates as YYYY-MM-DD\n{USAGE}");
            return ExitCode::from(2);
        };
        let request = RefreshRequest {
            country: region,
            from,
            until,
            bases,
        };
        // An events.json that exists but does not parse stops the refresh (it would otherwise
        // drop the events it holds); only a missing one starts from the curated events.
        return match refresh_dir(&request, &out, now, http_get) {
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
        };
    }

    // --check keeps the committed retrieval date; a fresh derivation is stamped today.
    let committed_date = std::fs::read_to_string(out.join("hashrate.json"))
        .ok()
        .and_then(|text| parse_hash_rate_snapshot(&text).ok())
        .map(|s| s.daily.provenance.retrieved);
    let retrieved = retrieved
        .or(committed_date.filter(|_| check))
        .unwrap_or_else(|| format_date(now));

    let derived = derive_snapshot(&shared, &retrieved).and_then(|snapshot| {
        let mut files = snapshot_files(&snapshot)?;
        files.extend(shapes_files(&world_atlas)?);
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
        eprintln!("minewatch-snapshot: {INDEX_HTML} has no single <p class=\"takeaway\"> to write");
        return ExitCode::FAILURE;
    };
    if check {
        let mut stale = stale_files(&files, &out);
        if told != page {
            stale.push(INDEX_HTML.into());
        }
        if stale.is_empty() {
            println!("{} is up to date", out.display());
            return ExitCode::SUCCESS;
        }
        for path in stale {
            eprintln!("STALE: {} differs from a fresh derivation", path.display());
        }
        eprintln!("run `make snapshot` and commit the result");
        return ExitCode::FAILURE;
    }
    if told != page {
        if let Err(error) = std::fs::write(INDEX_HTML, &told) {
            eprintln!("minewatch-snapshot: cannot write {INDEX_HTML}: {error}");
            return ExitCode::FAILURE;
        }
        println!("wrote the opening takeaway into {INDEX_HTML}");
    }
    match write_files(&files, &out) {
        Ok(paths) => {
            for path in paths {
                let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
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
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("minewatch-snapshot: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The tool reads and writes files, so it exists only natively; this keeps
/// `cargo build --target wasm32-unknown-unknown --bins` working.
#[cfg(target_arch = "wasm32")]
fn main() {}
