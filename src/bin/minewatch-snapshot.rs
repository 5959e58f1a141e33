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
    use minewatch::snapshot::{derive_hash_rate_snapshot, snapshot_text, write_hash_rate_snapshot};

    const USAGE: &str = "usage: minewatch-snapshot [--shared DIR] [--out DIR] \
                         [--retrieved YYYY-MM-DD] [--check]";

    let mut shared = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("static/data");
    let mut retrieved = None;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--shared", Some(v)) => shared = v.into(),
            ("--out", Some(v)) => out = v.into(),
            ("--retrieved", Some(v)) => retrieved = Some(v),
            ("--check", next) => {
                check = true;
                if let Some(v) = next {
                    eprintln!("unexpected argument {v:?}\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    let committed_path = out.join("hashrate.json");
    let committed = std::fs::read_to_string(&committed_path)
        .ok()
        .and_then(|text| parse_hash_rate_snapshot(&text).ok());
    let retrieved = retrieved.unwrap_or_else(|| match (&committed, check) {
        (Some(existing), true) => existing.daily.provenance.retrieved.clone(),
        _ => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            format_date(now)
        }
    });

    let result = derive_hash_rate_snapshot(&shared, &retrieved).and_then(|snapshot| {
        if check {
            let fresh = snapshot_text(&snapshot)?;
            let current = std::fs::read_to_string(&committed_path).unwrap_or_default();
            Ok(if fresh == current {
                format!("{} is up to date", committed_path.display())
            } else {
                format!(
                    "STALE: {} differs from a fresh derivation",
                    committed_path.display()
                )
            })
        } else {
            let path = write_hash_rate_snapshot(&snapshot, &out)?;
            Ok(format!(
                "wrote {} ({} days, {} long-range points)",
                path.display(),
                snapshot.daily.days.len(),
                snapshot.long_range.points.len()
            ))
        }
    });
    match result {
        Ok(message) if message.starts_with("STALE") => {
            eprintln!("{message}; run `cargo run --bin minewatch-snapshot`");
            ExitCode::FAILURE
        }
        Ok(message) => {
            println!("{message}");
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
