//! Every parser, fed random bytes, random JSON, and real documents garbled or with a value
//! inside changed, returns a value or a typed error and never panics; what it accepts passes
//! the model's checks.
#![cfg(not(target_arch = "wasm32"))]

use minewatch::fetching::cache::CachedBody;
use minewatch::geo::shapes::parse_country_shapes;
use minewatch::model::snapshot::{
    parse_event_catalogue, parse_hash_rate_snapshot, parse_history_snapshot, parse_share_snapshot,
};
use minewatch::model::units::is_plausible_hash_rate;
use minewatch::snapshot::shapes::compact_shapes;
use minewatch::sources::{blockchain, cbeci, coinmetrics, ioda, ioda_verified, mempool};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Every parser, applied to `body`; each returns whether it accepted it.
fn run_all_parsers(body: &str) {
    if let Ok(points) = blockchain::parse_hash_rate(body) {
        assert!(points.windows(2).all(|w| w[0].t < w[1].t));
        assert!(points.iter().all(|p| is_plausible_hash_rate(p.v)));
    }
    if let Ok(parsed) = mempool::parse_hashrate(body) {
        assert!(parsed.hash_rate.iter().all(|p| is_plausible_hash_rate(p.v)));
    }
    if let Ok(months) = cbeci::parse_mining_countries(body) {
        for month in months {
            assert!(month.shares.iter().map(|s| s.share).sum::<f64>() <= 1.005);
        }
    }
    let _ = cbeci::parse_published_csv(body);
    let _ = coinmetrics::parse_daily_csv(body);
    if let Ok(series) = ioda::parse_signals(body) {
        assert!(series.iter().all(|s| s.step > 0));
    }
    if let Ok(events) = ioda::parse_events(body) {
        assert!(events.iter().all(|e| e.start <= e.end));
    }
    let _ = ioda_verified::parse_verified_outages(body, &["KZ", "IR"]);
    if let Ok(snapshot) = parse_hash_rate_snapshot(body) {
        assert!(snapshot.daily.days.windows(2).all(|w| w[0].t < w[1].t));
    }
    if let Ok(history) = parse_history_snapshot(body) {
        let points = &history.long_range.points;
        assert!(points.windows(2).all(|w| w[0].t < w[1].t));
    }
    if let Ok(shares) = parse_share_snapshot(body) {
        assert!(shares
            .table
            .months
            .windows(2)
            .all(|w| w[0].month <= w[1].month));
    }
    if let Ok(catalogue) = parse_event_catalogue(body) {
        assert!(catalogue.events.iter().all(|e| e.start <= e.end));
    }
    let _ = CachedBody::read(body, "ioda", "u", i64::MAX);
    check_shapes(body);
    if let Ok(shapes) = compact_shapes(body) {
        assert!(parse_country_shapes(&serde_json::to_string(&shapes).unwrap()).is_ok());
    }
}

/// The map's decoder; what it accepts has closed rings and anchors inside the bounds.
fn check_shapes(body: &str) {
    if let Ok(shapes) = parse_country_shapes(body) {
        for shape in shapes {
            assert!(!shape.polygons.is_empty());
            assert!(shape
                .polygons
                .iter()
                .flat_map(|p| &p.rings)
                .all(|r| r.len() >= 4 && r.first() == r.last()));
            assert!(shape.bounds.contains(shape.anchor));
        }
    }
}

/// Random JSON, nested a few levels, with the numbers that break naive parsers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just(1e40),
            Just(-1.0),
            Just(0.0),
            Just(1.7e20),
            Just(1.5),
            any::<f64>()
        ]
        .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z0-9 */%.-]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("x".to_owned()),
                    Just("y".to_owned()),
                    Just("values".to_owned()),
                    Just("data".to_owned()),
                    Just("hashrates".to_owned()),
                    Just("timestamp".to_owned()),
                    Just("avgHashrate".to_owned()),
                    Just("step".to_owned()),
                    Just("from".to_owned()),
                    Just("error".to_owned()),
                    Just("start".to_owned()),
                    Just("duration".to_owned()),
                    Just("location".to_owned()),
                    Just("format".to_owned()),
                    Just("unit".to_owned()),
                    Just("countries".to_owned()),
                    Just("polygons".to_owned()),
                    Just("days".to_owned()),
                    Just("months".to_owned()),
                    Just("events".to_owned()),
                    Just("provenance".to_owned()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A provenance as the snapshot files hold it.
fn provenance() -> Value {
    json!({"source": "s", "title": "t", "licence": "l", "url": "u", "origin": "o", "retrieved": "r"})
}

/// JSON of the right envelope with random contents, so the parsers' inner checks are reached.
fn shaped_json() -> impl Strategy<Value = Value> {
    let number = prop_oneof![Just(1e40), Just(-1.0), Just(0.0), Just(1.7e8), any::<f64>()]
        .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number));
    let xy = (any::<i64>(), number.clone()).prop_map(|(x, y)| json!({"x": x, "y": y}));
    prop_oneof![
        prop::collection::vec(xy.clone(), 0..20).prop_map(|v| json!({"status": "ok", "unit": "Hash Rate TH/s", "values": v})),
        prop::collection::vec(xy.clone(), 0..20).prop_map(|v| json!({"hash-rate": v})),
        prop::collection::vec((any::<i64>(), number.clone()), 0..20).prop_map(|v| {
            let entries: Vec<Value> = v.into_iter().map(|(t, h)| json!({"timestamp": t, "avgHashrate": h})).collect();
            json!({"hashrates": entries, "difficulty": []})
        }),
        prop::collection::vec((any::<i64>(), number.clone(), "[A-Za-z *]{0,10}"), 0..12).prop_map(|v| {
            let entries: Vec<Value> = v.into_iter().map(|(x, y, name)| json!({"x": x, "y": y, "name": name, "code": "kz"})).collect();
            json!({"data": entries})
        }),
        (any::<i64>(), any::<i64>(), prop::collection::vec(prop::option::of(number.clone()), 0..30)).prop_map(|(from, step, values)| {
            json!({"type": "signals", "error": null, "data": [[{"entityType": "country", "entityCode": "KZ",
                "datasource": "bgp", "from": from, "step": step, "values": values}]]})
        }),
        (prop::collection::vec(prop::collection::vec((any::<i16>(), any::<i16>()), 0..5), 0..5),
         prop::collection::vec(prop::collection::vec(any::<i32>(), 0..4), 0..4)).prop_map(|(arcs, rings)| {
            json!({"type": "Topology", "transform": {"scale": [0.1, 0.1], "translate": [-180, -90]},
                "arcs": arcs.iter().map(|a| a.iter().map(|(x, y)| json!([x, y])).collect::<Vec<_>>()).collect::<Vec<_>>(),
                "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": rings, "id": "398", "properties": {"name": "Kazakhstan"}}]}}})
        }),
        (prop_oneof![Just(0.001), Just(1e300), Just(0.0), any::<f64>()], prop::collection::vec(("[0-9]{0,3}", "[A-Za-z. ]{0,8}",
            prop::collection::vec(prop::collection::vec(prop::collection::vec(prop_oneof![-40..40, any::<i32>()], 0..12), 0..3), 0..3)), 0..4))
            .prop_map(|(unit, countries)| {
                let countries: Vec<Value> = countries.into_iter().map(|(id, name, polygons)| json!({"id": id, "name": name, "polygons": polygons})).collect();
                json!({"format": 1, "unit": unit, "countries": countries})
            }),
        prop::collection::vec((any::<i64>(), any::<i64>()), 0..10).prop_map(|v| {
            let items: Vec<Value> = v.into_iter().map(|(start, duration)| json!({"location": "country/KZ",
                "start": start, "duration": duration, "method": "median", "datasource": "bgp", "score": 1.0})).collect();
            json!({"type": "outages.events", "error": null, "data": items})
        }),
        (prop::collection::vec((prop_oneof![Just(0_i64), Just(86_400), any::<i64>()], prop::option::of(any::<u32>()), number.clone()), 0..6),
         prop::collection::vec((any::<i64>(), number.clone()), 0..6)).prop_map(|(days, points)| {
            let days: Vec<Value> = days.into_iter().map(|(t, b, h)| json!([t, b, h])).collect();
            let points: Vec<Value> = points.into_iter().map(|(t, v)| json!([t, v])).collect();
            if points.len() % 2 == 0 {
                json!({"format": 2, "daily": {"label": "d", "provenance": provenance(), "days": days}})
            } else {
                json!({"format": 2, "long_range": {"label": "l", "provenance": provenance(), "points": points}})
            }
        }),
        prop::collection::vec((any::<i64>(), prop::option::of("[a-z]{0,3}"), prop::collection::vec(("[A-Z]{2}", number.clone(), prop::option::of(any::<bool>())), 0..4)), 0..4)
            .prop_map(|months| {
                let months: Vec<Value> = months.into_iter().map(|(month, note, shares)| {
                    let shares: Vec<Value> = shares.into_iter().map(|(code, share, caveat)|
                        json!({"code": code, "name": code, "share": share, "caveat": caveat})).collect();
                    json!({"month": month, "note": note, "shares": shares})
                }).collect();
                json!({"format": 2, "provenance": provenance(), "months": months})
            }),
        prop::collection::vec((any::<i64>(), any::<i64>(), "[A-Za-z]{0,3}", prop_oneof![Just("curated"), Just("ioda-verified"), Just("x")]), 0..6)
            .prop_map(|events| {
                let events: Vec<Value> = events.into_iter().map(|(start, end, country, origin)| json!({"id": "e",
                    "country": country, "start": start, "end": end, "title": "t", "scope": "s", "origin": origin,
                    "visible_in": ["bgp"], "evidence": [{"source": "s", "finding": "f", "url": null}]})).collect();
                json!({"format": 2, "sources": [provenance()], "events": events})
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        run_all_parsers(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_json_never_panics(value in any_json()) {
        run_all_parsers(&value.to_string());
    }

    #[test]
    fn shaped_json_with_random_contents_never_panics(value in shaped_json()) {
        run_all_parsers(&value.to_string());
    }

    #[test]
    fn random_csv_never_panics(rows in prop::collection::vec(prop::collection::vec("[-0-9a-zA-Z\" ,.%:]{0,12}", 0..6), 0..8)) {
        let mut body = String::from("date,BlkCnt,HashRate_THs,month,country,share_pct,ID,Begin time,End time,Country,Scope,Cause,Confirmation Status,IODA BGP visible,IODA AP visible,IODA IBR visible\n");
        for row in rows {
            body.push_str(&row.join(","));
            body.push('\n');
        }
        run_all_parsers(&body);
    }
}

/// The bundled files, and answers of each live source as they document them.
const DOCUMENTS: [&str; 11] = [
    include_str!("../static/data/countries.json"),
    include_str!("../static/data/hashrate.json"),
    include_str!("../static/data/history.json"),
    include_str!("../static/data/shares.json"),
    include_str!("../static/data/events.json"),
    r#"{"hashrates":[{"timestamp":1652486400,"avgHashrate":2.3e20}],"difficulty":[{"time":1652468330,"difficulty":3.1e13}]}"#,
    r#"{"status":"ok","unit":"Hash Rate TH/s","values":[{"x":1659052800,"y":200984332.9},{"x":1658966400,"y":194101307.8}]}"#,
    r#"{"data":[{"x":1640995200000,"y":0.1322,"name":"Kazakhstan *","code":"kz"},{"x":0,"y":"0.2","name":"Iran","code":null}]}"#,
    r#"{"type":"signals","error":null,"data":[[{"entityType":"country","entityCode":"KZ","datasource":"bgp","from":1641340800,"step":300,"values":[62200,null,62213]}]]}"#,
    r#"{"error":null,"data":[{"location":"country/KZ","start":1641377400,"duration":432000,"method":"median","datasource":"bgp","score":75312.5}]}"#,
    "minewatch-cache 2\nioda\nu\n1652486400\n{\"a\":1}",
];

/// One of [`DOCUMENTS`], cut, with a byte changed, or with a stretch left out.
fn garbled_document() -> impl Strategy<Value = String> {
    (
        0..DOCUMENTS.len(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<u8>(),
        0..3_u8,
    )
        .prop_map(|(which, a, b, byte, how)| {
            let body = DOCUMENTS.get(which).copied().unwrap_or_default();
            let (a, b) = (a.index(body.len()), b.index(body.len()));
            let (a, b) = (a.min(b), a.max(b));
            let mut bytes = body.as_bytes().to_vec();
            match how {
                0 => bytes.truncate(a),
                1 => bytes[a] = byte,
                _ => drop(bytes.drain(a..b)),
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

/// In `value`, following `path` (an index into each object's keys or list's items), the value
/// reached is left out, made `null` or replaced by `replacement`.
fn mutate(value: &mut Value, path: &[(u8, prop::sample::Index)], replacement: &Value) {
    let Some((&(how, index), rest)) = path.split_first() else {
        *value = replacement.clone();
        return;
    };
    let slot = match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(index.index(map.len()))
                .cloned()
                .unwrap_or_default();
            if rest.is_empty() && how % 3 == 0 {
                map.remove(&key);
                return;
            }
            map.get_mut(&key)
        }
        Value::Array(items) if !items.is_empty() => {
            let i = index.index(items.len());
            if rest.is_empty() && how % 3 == 0 {
                items.remove(i);
                return;
            }
            items.get_mut(i)
        }
        _ => None,
    };
    match slot {
        Some(slot) if !rest.is_empty() => mutate(slot, rest, replacement),
        Some(slot) if how % 3 == 1 => *slot = Value::Null,
        Some(slot) => *slot = replacement.clone(),
        None => *value = replacement.clone(),
    }
}

/// One of [`DOCUMENTS`] with one value somewhere inside left out, made `null` or replaced.
fn mutated_document() -> impl Strategy<Value = String> {
    (
        0..DOCUMENTS.len(),
        prop::collection::vec((any::<u8>(), any::<prop::sample::Index>()), 1..7),
        any_json(),
    )
        .prop_map(|(which, path, replacement)| {
            let body = DOCUMENTS.get(which).copied().unwrap_or_default();
            let mut document: Value = serde_json::from_str(body).unwrap_or_default();
            mutate(&mut document, &path, &replacement);
            document.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn garbled_documents_never_panic(body in garbled_document()) {
        run_all_parsers(&body);
    }

    #[test]
    fn mutated_documents_never_panic(body in mutated_document()) {
        run_all_parsers(&body);
    }
}

#[test]
fn the_documents_are_read_as_they_are() {
    for body in DOCUMENTS {
        let accepted = [
            parse_country_shapes(body).is_ok(),
            parse_hash_rate_snapshot(body).is_ok(),
            parse_history_snapshot(body).is_ok(),
            parse_share_snapshot(body).is_ok(),
            parse_event_catalogue(body).is_ok(),
            mempool::parse_hashrate(body).is_ok(),
            blockchain::parse_hash_rate(body).is_ok(),
            cbeci::parse_mining_countries(body).is_ok(),
            ioda::parse_signals(body).is_ok(),
            ioda::parse_events(body).is_ok(),
            CachedBody::read(body, "ioda", "u", i64::MAX).is_some(),
        ];
        assert_eq!(accepted.iter().filter(|&&ok| ok).count(), 1, "{body:.80}");
    }
}

#[test]
fn a_twenty_megabyte_body_is_refused_before_parsing() {
    let body = format!(
        "{{\"values\":[{}]}}",
        "{\"x\":1,\"y\":1},".repeat(1_500_000)
    );
    assert!(body.len() > 20_000_000);
    run_all_parsers(&body);
    assert_eq!(
        blockchain::parse_hash_rate(&body),
        Err(minewatch::sources::SourceError::TooLarge(body.len()))
    );
}
