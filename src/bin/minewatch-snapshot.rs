//! Derives the widget's bundled snapshot from the reference data beside the repository.
//!
//! ```text
//! cargo run --bin minewatch-snapshot -- [--shared ../shared/data] [--out static/data]
//!                                        [--retrieved YYYY-MM-DD] [--check]
//! ```
//! `--check` writes nothing and fails if the committed snapshot differs from a fresh
//! derivation (with the committed retrieval date).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use minewatch::model::snapshot::parse_hash_rate_snapshot;
    use minewatch::model::time::format_date;
    use minewatch::snapshot::{derive_snapshot, stale_files, write_snapshot};

    const USAGE: &str = "usage: minewatch-snapshot [--shared DIR] [--out DIR] \
                         [--retrieved YYYY-MM-DD] [--check]";

    let mut shared = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("static/data");
    let mut retrieved = None;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--shared" | "--out" | "--retrieved" => {
                let Some(value) = args.next() else {
                    eprintln!("{arg} needs a value\n{USAGE}");
                    return ExitCode::from(2);
                };
                match arg.as_str() {
                    "--shared" => shared = value.into(),
                    "--out" => out = value.into(),
                    _ => retrieved = Some(value),
                }
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    // --check keeps the committed retrieval date; a fresh derivation is stamped today.
    let committed_date = std::fs::read_to_string(out.join("hashrate.json"))
        .ok()
        .and_then(|text| parse_hash_rate_snapshot(&text).ok())
        .map(|s| s.daily.provenance.retrieved);
    let retrieved = retrieved
        .or(committed_date.filter(|_| check))
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            format_date(now)
        });

    let snapshot = match derive_snapshot(&shared, &retrieved) {
        Ok(snapshot) => snapshot,
        Err(error) => {
            eprintln!("minewatch-snapshot: {error}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        return match stale_files(&snapshot, &out) {
            Ok(stale) if stale.is_empty() => {
                println!("{} is up to date", out.display());
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for path in stale {
                    eprintln!("STALE: {} differs from a fresh derivation", path.display());
                }
                eprintln!("run `make snapshot` and commit the result");
                ExitCode::FAILURE
            }
            Err(error) => {
                eprintln!("minewatch-snapshot: {error}");
                ExitCode::FAILURE
            }
        };
    }
    match write_snapshot(&snapshot, &out) {
        Ok(paths) => {
            for path in paths {
                let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
                println!("wrote {} ({bytes} bytes)", path.display());
            }
            println!(
                "{} days of chain data, {} long-range points, {} months of shares, {} events \
                 ({} dataset rows passed over: {})",
                snapshot.hash_rate.daily.days.len(),
                snapshot.hash_rate.long_range.points.len(),
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
