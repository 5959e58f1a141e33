//! The committed snapshot in `static/data/` parses, passes its checks, and carries the real
//! figures of its reference files (values below are read from `shared/data/` by eye).
#![cfg(not(target_arch = "wasm32"))]

use minewatch::model::events::EventOrigin;
use minewatch::model::snapshot::{
    parse_event_catalogue, parse_hash_rate_snapshot, parse_history_snapshot, parse_share_snapshot,
};
use minewatch::model::time::parse_date;
use minewatch::snapshot::shapes::{shapes_files, WORLD_ATLAS_DIR};

fn read(name: &str) -> String {
    let path = format!("{}/static/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn hash_rate_snapshot_holds_the_coin_metrics_days() {
    let snapshot = parse_hash_rate_snapshot(&read("hashrate.json")).unwrap();
    let days = &snapshot.daily.days;
    assert_eq!(days.len(), 34, "12 Dec 2021 to 14 Jan 2022");
    // coinmetrics_btc_daily_blocks_hashrate_2019-01-01_2025-12-29.csv, 2021-12-12,140,168385593.155…
    assert_eq!(days[0].t, parse_date("2021-12-12").unwrap());
    assert_eq!(days[0].blocks, Some(140));
    assert!((days[0].hash_rate / 1e12 - 168_385_593.155_278).abs() < 1.0);
    assert_eq!(snapshot.daily.provenance.licence, "CC BY-NC 4.0");
    assert_eq!(snapshot.years, Some([2019, 2025]));
}

#[test]
fn every_year_since_2019_has_its_daily_chain_data() {
    let mut total = 0;
    for year in 2019..=2025 {
        let snapshot = parse_hash_rate_snapshot(&read(&format!("chain-{year}.json"))).unwrap();
        let days = &snapshot.daily.days;
        assert_eq!(days[0].t, parse_date(&format!("{year}-01-01")).unwrap());
        assert!(
            days.iter().all(|d| d.blocks.is_some()),
            "{year}: counted blocks"
        );
        assert_eq!(snapshot.years, None);
        total += days.len();
    }
    assert_eq!(total, 2_555, "2019-01-01 to 2025-12-29, no gaps");
    // The file's first and last rows: 2019-01-01,149,41615985.27…; 2025-12-29.
    let first = parse_hash_rate_snapshot(&read("chain-2019.json")).unwrap();
    assert_eq!(first.daily.days[0].blocks, Some(149));
    assert!((first.daily.days[0].hash_rate / 1e12 - 41_615_985.273_375_6).abs() < 1e-3);
    let last = parse_hash_rate_snapshot(&read("chain-2025.json")).unwrap();
    assert_eq!(
        last.daily.days.last().unwrap().t,
        parse_date("2025-12-29").unwrap()
    );
}

#[test]
fn history_holds_the_blockchain_com_series() {
    let history = parse_history_snapshot(&read("history.json")).unwrap();
    assert_eq!(history.long_range.points.len(), 1_562);
    assert_eq!(history.long_range.provenance.source, "blockchain.com");
    // blockchain.com download: first point x = 1231545600000 ms, y = 1.0652200634920637e-7 TH/s.
    let first = history.long_range.points[0];
    assert_eq!(first.t, 1_231_545_600);
    assert!((first.v - 1.065_220_063_492_063_7e5).abs() < 1e-6);
}

#[test]
fn share_snapshot_holds_every_month_of_the_cbeci_map() {
    let snapshot = parse_share_snapshot(&read("shares.json")).unwrap();
    let table = &snapshot.table;
    assert_eq!(table.months.len(), 29, "Sep 2019 to Jan 2022");
    assert_eq!(table.months[0].month, parse_date("2019-09-01").unwrap());
    let january = table.month_at(parse_date("2022-01-15").unwrap()).unwrap();
    let kazakhstan = january.shares.iter().find(|s| s.code == "KZ").unwrap();
    assert!((kazakhstan.share - 0.1322).abs() < 1e-12);
    assert_eq!(january.shares[0].code, "US", "largest first: 37.84%");
    // April 2020 is labelled as itself (the map's month, not a launch-period average).
    let april = table.month_at(parse_date("2020-04-15").unwrap()).unwrap();
    assert_eq!(april.month, parse_date("2020-04-01").unwrap());
    assert_eq!(april.note, None);
    let china = april.shares.iter().find(|s| s.code == "CN").unwrap();
    assert!((china.share - 0.6481).abs() < 1e-12, "64.81% in the export");
    // "Other" is not a place; Germany and Ireland keep CBECI's asterisk as a caveat.
    assert!(table.months.iter().all(|m| m.shares.len() == 9));
    let germany = april.shares.iter().find(|s| s.code == "DE").unwrap();
    assert!(germany.caveat && germany.name == "Germany");
    assert_eq!(table.provenance.licence, "CC BY-NC-SA 4.0");
}

#[test]
fn event_catalogue_holds_verified_and_curated_events() {
    let catalogue = parse_event_catalogue(&read("events.json")).unwrap();
    let iran = catalogue
        .events
        .iter()
        .find(|e| e.id == "ioda-ea350ece")
        .unwrap();
    // Row EA350ECE: Wednesday, June 26, 2019, 8:00:00 PM – 10:00:00 PM, Iran, Country.
    assert_eq!(iran.country, "IR");
    assert_eq!(iran.start, parse_date("2019-06-26").unwrap() + 20 * 3600);
    assert_eq!(iran.end - iran.start, 2 * 3600);
    assert_eq!(iran.origin, EventOrigin::IodaVerified);
    let shutdown = catalogue
        .events
        .iter()
        .find(|e| e.id == "kz-2022-01-05-shutdown")
        .unwrap();
    assert_eq!(shutdown.origin, EventOrigin::Curated);
    assert!(shutdown.evidence.len() >= 3);
    assert!(catalogue.events.iter().all(|e| e.start <= e.end));
    assert!(catalogue
        .events
        .windows(2)
        .all(|w| w[0].start <= w[1].start));
    let iran_count = catalogue
        .events
        .iter()
        .filter(|e| e.country == "IR")
        .count();
    assert!(
        iran_count > 90,
        "IODA's list has 103 Iran rows ({iran_count} usable)"
    );
}

#[test]
fn map_shapes_are_derived_from_world_atlas_with_its_licence() {
    // `make snapshot` derives them from npm's copy (package-lock.json pins world-atlas 2.0.2).
    let licence = read("countries.LICENSE.txt");
    assert!(
        licence.contains("Copyright 2013-2019 Michael Bostock"),
        "{licence}"
    );
    let npm = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(WORLD_ATLAS_DIR);
    if !npm.exists() {
        eprintln!(
            "{} is not installed (`npm ci`): not compared",
            npm.display()
        );
        return;
    }
    for (name, text) in shapes_files(&npm).unwrap() {
        assert!(
            read(&name) == text,
            "static/data/{name} is stale: run `make snapshot`"
        );
    }
}

#[test]
fn the_readers_keep_every_field_the_writer_wrote() {
    use minewatch::geo::shapes::CompactShapes;
    use minewatch::model::json::{parse, Field, Value};
    // What a reader returns, written again by the snapshot tool's `Serialize`, is the file.
    // (Compared as JSON values, not text: the widget's float reader is not always correctly
    // rounded, so a few numbers would print back one unit in the last place away.)
    fn ours(value: serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap(), n.as_i64()),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => Value::Array(items.into_iter().map(ours).collect()),
            serde_json::Value::Object(fields) => {
                Value::Object(fields.into_iter().map(|(k, v)| (k, ours(v))).collect())
            }
        }
    }
    // Fields in name order, as serde_json keeps them.
    fn sorted(value: Value) -> Value {
        match value {
            Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
            Value::Object(mut fields) => {
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(fields.into_iter().map(|(k, v)| (k, sorted(v))).collect())
            }
            other => other,
        }
    }
    fn same(written: impl serde::Serialize, file: &str) {
        let file = sorted(parse(file).unwrap());
        assert!(ours(serde_json::to_value(written).unwrap()) == file);
    }
    let file = read("hashrate.json");
    same(parse_hash_rate_snapshot(&file).unwrap(), &file);
    let file = read("shares.json");
    same(parse_share_snapshot(&file).unwrap(), &file);
    let file = read("events.json");
    same(parse_event_catalogue(&file).unwrap(), &file);
    let file = read("countries.json");
    let document = parse(&file).unwrap();
    same(
        CompactShapes::from_json(Field::document(&document)).unwrap(),
        &file,
    );
}

#[test]
fn the_manifest_says_what_the_snapshot_covers_and_it_covers_the_opening_view() {
    use minewatch::model::manifest::parse_manifest;
    use minewatch::model::snapshot::OPENING_VIEW;
    let manifest = parse_manifest(&read("manifest.json")).unwrap();
    let covers = |source: &str| manifest.covers(source, OPENING_VIEW, "KZ");
    // Coin Metrics' counted blocks stand in for mempool.space, the history for blockchain.com,
    // the monthly export for CBECI; the snapshot has no connectivity series.
    assert!(covers("mempool") && covers("blockchain") && covers("cbeci"));
    assert!(!covers("ioda"));
    let span = |source: &str| {
        manifest
            .sources
            .iter()
            .find(|e| e.stands_for.as_deref() == Some(source))
            .and_then(|e| e.covers)
            .unwrap()
    };
    assert_eq!(
        span("mempool"),
        [
            parse_date("2019-01-01").unwrap(),
            parse_date("2025-12-30").unwrap()
        ]
    );
    assert_eq!(
        span("cbeci"),
        [
            parse_date("2019-09-01").unwrap(),
            parse_date("2022-02-01").unwrap()
        ]
    );
    // Every file it names is in the snapshot, and every entry carries its licence.
    for entry in &manifest.sources {
        assert!(!entry.provenance.licence.is_empty(), "{entry:?}");
        for file in &entry.files {
            let name = file.trim_start_matches("data/");
            assert!(!read(name).is_empty(), "{file}");
        }
    }
}
