//! The snapshot refresher against a local HTTP server on 127.0.0.1 that replays the fixtures
//! in `tests/fixtures/` (named as `tests/fixtures/README.md` says), through the real HTTP client.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use minewatch::analysis::event_view::view_range;
use minewatch::model::events::{DisruptionEvent, EventKind, EventOrigin};
use minewatch::model::snapshot::{
    parse_event_catalogue, parse_hash_rate_snapshot, parse_history_snapshot, parse_share_snapshot,
};
use minewatch::model::time::parse_date;
use minewatch::snapshot::refresh::{
    http_get, refresh_dir, refresh_snapshot, ApiBases, Previous, RefreshRequest,
};
use minewatch::snapshot::write_snapshot;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `a/b c?x=1&y=2` → `a_b_c__x=1_y=2`, the fixtures' naming rule.
fn fixture_name(path: &str, query: Option<&str>) -> Vec<String> {
    let clean = |text: &str, keep: &[char]| {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii_alphanumeric() || keep.contains(&c) {
                out.push(c);
            } else if !out.ends_with('_') {
                out.push('_');
            }
        }
        out
    };
    let name = clean(path.trim_start_matches('/'), &['.', '_', '-']);
    let mut names = Vec::new();
    if let Some(q) = query {
        names.push(format!("{name}__{}.json", clean(q, &['.', '_', '-', '='])));
    }
    names.push(format!("{name}.json"));
    names
}

/// The value of `name` in a query string.
fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// IODA's answer, in the API's shape, for a window no fixture holds: synthetic signals (their
/// `entityName` says so) on the grid IODA picks (the finest step that keeps the count within
/// `maxPoints`), and no outage events.
fn synthetic_ioda(path: &str, query: &str) -> Option<String> {
    let number = |name| query_value(query, name)?.parse::<i64>().ok();
    if path.contains("outages/events") {
        return Some(
            r#"{"type":"outages.events","error":null,"perf":null,"data":[],"copyright":"synthetic"}"#
                .to_owned(),
        );
    }
    let country = path.rsplit('/').next()?;
    let (from, until) = (number("from")?, number("until")?);
    let datasource = query_value(query, "datasource")?;
    let max_points = number("maxPoints")?;
    let step = [300, 600, 1800, 3600, 7200, 21_600, 43_200, 86_400]
        .into_iter()
        .find(|step| (until - from) / step <= max_points)?;
    let values: Vec<String> = (0..(until - from) / step)
        .map(|i| (3_000 + (i * 37) % 200).to_string())
        .collect();
    Some(format!(
        r#"{{"type":"signals","error":null,"data":[[{{"entityType":"country","entityCode":"{country}","entityName":"{country} (synthetic test signal)","datasource":"{datasource}","from":{from},"until":{until},"step":{step},"nativeStep":300,"values":[{}]}}]],"copyright":"synthetic"}}"#,
        values.join(",")
    ))
}

/// Serves `/<host>/<path>?<query>` from `tests/fixtures/<host>/` (IODA's windows that no
/// fixture holds from [`synthetic_ioda`]), or answers `status_for_all` to everything when it is
/// set. Returns the base address.
fn serve_fixtures(status_for_all: Option<u16>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(100_000) {
            let Ok(mut stream) = stream else { continue };
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let target = request_line.split_whitespace().nth(1).unwrap_or("/");
            let (path, query) = match target.split_once('?') {
                Some((p, q)) => (p, Some(q)),
                None => (target, None),
            };
            let (host, rest) = path
                .trim_start_matches('/')
                .split_once('/')
                .unwrap_or(("", ""));
            let body = match status_for_all {
                Some(_) => None,
                None => fixture_name(rest, query)
                    .into_iter()
                    .find_map(|name| std::fs::read_to_string(fixtures().join(host).join(name)).ok())
                    .or_else(|| {
                        (host == "api.ioda.inetintel.cc.gatech.edu")
                            .then(|| synthetic_ioda(rest, query.unwrap_or("")))
                            .flatten()
                    }),
            };
            let (status, body) = match body {
                Some(body) => (200, body),
                None => (status_for_all.unwrap_or(404), "no fixture".to_owned()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    address
}

fn request(address: &str) -> RefreshRequest {
    RefreshRequest {
        country: "KZ".into(),
        from: parse_date("2021-12-12").unwrap(),
        until: parse_date("2022-01-15").unwrap(),
        bases: ApiBases {
            mempool: format!("{address}/mempool.space/api"),
            blockchain: format!("{address}/api.blockchain.info"),
            ioda: format!("{address}/api.ioda.inetintel.cc.gatech.edu/v2"),
            cbeci: format!("{address}/ccaf.io"),
        },
    }
}

#[test]
fn refreshes_every_file_from_the_live_apis() {
    let address = serve_fixtures(None);
    let now = parse_date("2026-11-24").unwrap() + 3_600;
    let snapshot =
        refresh_snapshot(&request(&address), Previous::default(), now, http_get).unwrap();
    let out = std::env::temp_dir().join(format!("minewatch-refresh-{}", std::process::id()));
    write_snapshot(&snapshot, &out).unwrap();

    // What the widget will read back, through its own parsers.
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let hash_rate = parse_hash_rate_snapshot(&read("hashrate.json")).unwrap();
    assert_eq!(hash_rate.daily.days.len(), 34);
    assert_eq!(
        hash_rate.daily.days[0].blocks, None,
        "mempool.space counts no blocks"
    );
    assert!((hash_rate.daily.days[0].hash_rate - 1.683_855_931_552_785e20).abs() < 1e6);
    assert_eq!(hash_rate.daily.provenance.source, "mempool.space");
    assert_eq!(hash_rate.daily.provenance.retrieved, "2026-11-24 01:00 UTC");
    let history = parse_history_snapshot(&read("history.json")).unwrap();
    assert_eq!(history.long_range.points.len(), 30);

    let shares = parse_share_snapshot(&read("shares.json")).unwrap();
    let january = shares
        .table
        .month_at(parse_date("2022-01-01").unwrap())
        .unwrap();
    let kz = january.shares.iter().find(|s| s.code == "KZ").unwrap();
    assert!((kz.share - 0.1322).abs() < 1e-12);

    let events = parse_event_catalogue(&read("events.json")).unwrap();
    let detected: Vec<_> = events
        .events
        .iter()
        .filter(|e| e.origin == EventOrigin::IodaDetected)
        .collect();
    assert_eq!(detected.len(), 1);
    assert_eq!(detected[0].start, 1_641_378_600);
    assert!(events
        .events
        .iter()
        .any(|e| e.id == "kz-2022-01-05-shutdown"));

    // A second refresh adds no detected event it already has.
    let previous = Previous {
        events: Some(events),
        ..Previous::default()
    };
    let again = refresh_snapshot(&request(&address), previous, now, http_get).unwrap();
    let detected = again
        .events
        .events
        .iter()
        .filter(|e| e.origin == EventOrigin::IodaDetected)
        .count();
    assert_eq!(detected, 1);
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn a_failing_api_is_an_error_naming_the_url() {
    let address = serve_fixtures(Some(500));
    let error = refresh_snapshot(&request(&address), Previous::default(), 0, http_get)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("/mempool.space/api/v1/mining/hashrate/all"),
        "{error}"
    );
    assert!(error.contains("500"), "{error}");
}

/// A fresh, empty directory for one test.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minewatch-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file in `dir`, by name, with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

/// An `events.json` that exists but cannot be read as a catalogue stops the refresh before it
/// fetches or writes anything: refreshing without it would drop the verified events it holds.
#[test]
fn an_unusable_events_file_stops_the_refresh_and_writes_nothing() {
    let address = serve_fixtures(None);
    let now = parse_date("2026-11-24").unwrap();
    let bad: [(&str, &[u8]); 3] = [
        (
            "truncated",
            b"{\"format\":1,\"sources\":[],\"events\":[{\"id\":\"kz-",
        ),
        (
            "wrong-shape",
            b"{\"format\":1,\"sources\":[],\"events\":[{\"id\":7}]}\n",
        ),
        ("not-utf8", b"{\"format\":1,\xff\xfe}"),
    ];
    for (case, events) in bad {
        let out = scratch_dir(&format!("refresh-bad-{case}"));
        std::fs::write(out.join("events.json"), events).unwrap();
        for name in ["hashrate.json", "history.json", "shares.json"] {
            std::fs::write(out.join(name), format!("the committed {name}\n")).unwrap();
        }
        let before = contents(&out);
        let path = out.join("events.json").display().to_string();

        let error = refresh_dir(&request(&address), &out, now, http_get)
            .unwrap_err()
            .to_string();
        assert!(error.contains(&path), "{case}: {error}");
        if let Ok(text) = std::str::from_utf8(events) {
            let parse_error = parse_event_catalogue(text).unwrap_err().to_string();
            assert!(error.contains(&parse_error), "{case}: {error}");
            assert!(
                error.contains("not a valid event catalogue"),
                "{case}: {error}"
            );
        } else {
            assert!(error.contains("cannot read"), "{case}: {error}");
        }
        assert_eq!(contents(&out), before, "{case}: the files were touched");

        // The tool itself: fails, says why and that nothing was written, touches nothing.
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_minewatch-snapshot"))
            .args([
                "--live",
                "--region",
                "KZ",
                "--from",
                "2021-12-12",
                "--until",
                "2022-01-15",
            ])
            .arg("--out")
            .arg(&out)
            .args(["--mempool-api", &request(&address).bases.mempool])
            .args(["--blockchain-api", &request(&address).bases.blockchain])
            .args(["--ioda-api", &request(&address).bases.ioda])
            .args(["--cbeci-api", &request(&address).bases.cbeci])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{case}: {stderr}");
        assert!(stderr.contains(&path), "{case}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{case}: {stderr}");
        assert_eq!(contents(&out), before, "{case}: the tool touched the files");
        std::fs::remove_dir_all(&out).ok();
    }
}

/// Only a missing `events.json` starts the catalogue from the curated events.
#[test]
fn a_missing_events_file_starts_from_the_curated_events() {
    let address = serve_fixtures(None);
    let now = parse_date("2026-11-24").unwrap();
    let out = scratch_dir("refresh-absent");
    let (snapshot, paths) = refresh_dir(&request(&address), &out, now, http_get).unwrap();
    assert_eq!(
        paths.len(),
        8 + snapshot.connectivity.len(),
        "the four files, the opening view's events, shares and history, the manifest and a \
         file per window of connectivity"
    );
    // The opening view's connectivity is held: a reader of it asks IODA nothing.
    let opening = minewatch::model::snapshot::OPENING_VIEW;
    let manifest_text = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    let held = minewatch::model::manifest::parse_manifest(&manifest_text).unwrap();
    assert!(held.covers("ioda", opening, "KZ"));
    assert!(!held.covers("ioda", opening, "US"));
    // The manifest says what the refreshed files cover: mempool.space's days of the window.
    let manifest = minewatch::model::manifest::parse_manifest(
        &std::fs::read_to_string(out.join("manifest.json")).unwrap(),
    )
    .unwrap();
    let window = minewatch::model::time::TimeRange::new(
        parse_date("2021-12-12").unwrap(),
        parse_date("2022-01-15").unwrap(),
    );
    assert!(manifest.covers("mempool", window, "KZ"));
    assert_eq!(manifest.sources[0].provenance.source, "mempool.space");

    let events =
        parse_event_catalogue(&std::fs::read_to_string(out.join("events.json")).unwrap()).unwrap();
    let ids = |events: &[minewatch::model::events::DisruptionEvent]| {
        events.iter().map(|e| e.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&events.events), ids(&snapshot.events.events));
    assert!(events
        .events
        .iter()
        .any(|e| e.id == "kz-2022-01-05-shutdown"));
    let detected = events
        .events
        .iter()
        .filter(|e| e.origin == EventOrigin::IodaDetected)
        .count();
    assert_eq!(detected, 1);

    // The next refresh builds on the file just written.
    let (again, _) = refresh_dir(&request(&address), &out, now, http_get).unwrap();
    assert_eq!(ids(&again.events.events), ids(&events.events));
    std::fs::remove_dir_all(&out).ok();
}

/// A copy of the committed snapshot's files that a refresh reads and writes.
fn committed_copy(name: &str) -> PathBuf {
    let out = scratch_dir(name);
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("static/data");
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") && name != "countries.json" {
            std::fs::copy(&path, out.join(&name)).unwrap();
        }
    }
    out
}

/// The workflow's refresh of a built site, against the fake APIs: every day, series, month and
/// event the committed snapshot holds survives it; what the APIs bring is added.
#[test]
fn a_refresh_only_adds_to_the_snapshot_it_builds_on() {
    let address = serve_fixtures(None);
    let now = parse_date("2026-11-24").unwrap();
    let out = committed_copy("refresh-adds");
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let hash_rate_before = read("hashrate.json");
    let chain_2021_before = read("chain-2021.json");
    let history_before = parse_history_snapshot(&read("history.json")).unwrap();
    let shares_before = parse_share_snapshot(&read("shares.json")).unwrap();
    let events_before = parse_event_catalogue(&read("events.json")).unwrap();

    refresh_dir(&request(&address), &out, now, http_get).unwrap();

    // The counted daily chain data stay as they were, byte for byte (the live APIs count no
    // blocks), and the manifest still says they cover 2019 – 2025.
    assert_eq!(read("hashrate.json"), hash_rate_before);
    assert_eq!(read("chain-2021.json"), chain_2021_before);
    let manifest = minewatch::model::manifest::parse_manifest(&read("manifest.json")).unwrap();
    let crackdown = minewatch::model::time::TimeRange::new(
        parse_date("2021-05-06").unwrap(),
        parse_date("2021-07-08").unwrap(),
    );
    assert!(manifest.covers("mempool", crackdown, "CN"));
    // blockchain.com's fixture spans a month of 2022: the 17 years before stay.
    let history = parse_history_snapshot(&read("history.json")).unwrap();
    assert_eq!(history, history_before);
    // Every month stays; CBECI's answer updates the two it holds.
    let shares = parse_share_snapshot(&read("shares.json")).unwrap();
    for month in &shares_before.table.months {
        assert!(
            shares.table.months.iter().any(|m| m.month == month.month),
            "{} lost",
            month.month
        );
    }
    assert_eq!(shares.table.months.len(), shares_before.table.months.len());
    assert_eq!(shares.table.provenance.source, "CBECI");
    // Every event stays, and IODA's detected outage joins them.
    let events = parse_event_catalogue(&read("events.json")).unwrap();
    for event in &events_before.events {
        assert!(events.events.contains(event), "{} lost", event.id);
    }
    assert_eq!(events.events.len(), events_before.events.len() + 1);
    assert!(events
        .events
        .iter()
        .any(|e| e.origin == EventOrigin::IodaDetected));
    // Connectivity is held around every internet disruption of a mining country (one with a
    // CBECI share), each file read back by the widget's parser; others get none.
    let mining: Vec<&str> = shares
        .table
        .months
        .iter()
        .flat_map(|m| m.shares.iter().map(|s| s.code.as_str()))
        .collect();
    let internet = |e: &&DisruptionEvent| e.kind == EventKind::Internet;
    let mut covered = 0;
    for event in events_before.events.iter().filter(internet) {
        let view = view_range(event);
        let held = manifest.covers("ioda", view, &event.country);
        assert_eq!(
            held,
            mining.contains(&event.country.as_str()),
            "{}",
            event.id
        );
        covered += usize::from(held);
    }
    assert!(covered > 100, "{covered} internet disruptions covered");
    let files: Vec<String> = manifest
        .sources
        .iter()
        .filter(|e| e.stands_for.as_deref() == Some("ioda"))
        .flat_map(|e| e.files.clone())
        .collect();
    for file in &files {
        let series = minewatch::sources::ioda::parse_signals(&read(&file[5..])).unwrap();
        assert_eq!(series.len(), 3, "{file}");
    }
    println!(
        "{covered} internet disruptions in mining countries held in {} files of connectivity",
        files.len()
    );

    // A second refresh keeps every window and fetches none again: its only IODA request is the
    // outage events of the refresh's own window.
    let asked = std::cell::RefCell::new(Vec::new());
    let (again, _) = refresh_dir(&request(&address), &out, now, |url| {
        asked.borrow_mut().push(url.to_owned());
        http_get(url)
    })
    .unwrap();
    assert_eq!(again.connectivity.len(), files.len());
    let ioda: Vec<_> = asked
        .borrow()
        .iter()
        .filter(|u| u.contains("ioda"))
        .cloned()
        .collect();
    assert_eq!(ioda.len(), 1, "{ioda:?}");
    // No temporary file is left behind.
    assert!(contents(&out).keys().all(|name| !name.ends_with(".tmp")));
    std::fs::remove_dir_all(&out).ok();
}

/// A write that fails leaves every previous file as it was, and no temporary file.
#[test]
fn a_failed_write_leaves_the_previous_files() {
    let address = serve_fixtures(None);
    let now = parse_date("2026-11-24").unwrap();
    let out = committed_copy("refresh-write-fails");
    let before = contents(&out);
    // The events' temporary name is taken by a folder: writing it fails midway through, after
    // the daily data's and the history's temporary files were written.
    let blocker = out.join(format!(".events.json.{}.tmp", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    let error = refresh_dir(&request(&address), &out, now, http_get).unwrap_err();
    assert!(error.to_string().contains("events.json"), "{error}");
    std::fs::remove_dir(&blocker).unwrap();
    assert_eq!(
        contents(&out),
        before,
        "a previous file was touched or a temporary one left"
    );
    std::fs::remove_dir_all(&out).ok();
}
