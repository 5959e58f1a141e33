//! Derives the map's country shapes, `static/data/countries.json` ([`CompactShapes`]), from
//! world-atlas's TopoJSON (Natural Earth 1:110m): Antarctica left out, every arc simplified once
//! with Douglas–Peucker (so neighbours keep the very same border), rings projected with Equal
//! Earth, quantised to [`UNIT`] and delta-encoded.

use std::path::Path;

use topojson::{TopoJson, Topology, Value};

use super::{file_name, json_line, DeriveError};
use crate::geo::projection::{equal_earth, Projected};
use crate::geo::shapes::{
    country_shapes, parse_country_shapes, CompactCountry, CompactShapes, ShapesError,
    COUNTRY_SHAPES_PATH, SHAPES_FORMAT,
};

/// Where `make snapshot` finds world-atlas: npm's copy, pinned by `package-lock.json`.
pub const WORLD_ATLAS_DIR: &str = "node_modules/world-atlas";
/// world-atlas's country shapes at 1:110m (TopoJSON).
pub const WORLD_ATLAS_SHAPES: &str = "countries-110m.json";
/// world-atlas's licence (ISC), copied beside the derived shapes.
pub const WORLD_ATLAS_LICENCE: &str = "LICENSE";
/// The name of that licence in `static/data/`.
pub const SHAPES_LICENCE_FILE: &str = "countries.LICENSE.txt";

/// Douglas–Peucker tolerance in Equal Earth units: 0.9 device pixels on the widest world map
/// (1100 × 440 CSS px at a device pixel ratio of 2 gives 367 px per unit), and 14–18 km on the
/// ground, finer than the source's own detail (0.2 mm at 1:110m is 22 km).
pub const TOLERANCE: f64 = 0.0025;

/// Quantisation step in Equal Earth units (0.37 device pixels on that map).
pub const UNIT: f64 = 0.001;

/// ISO numeric code of Antarctica, left off the map: no mining there, and its projected shape
/// takes a sixth of the height.
const ANTARCTICA: &str = "010";

/// Longitude and latitude in degrees.
type LonLat = (f64, f64);

/// A country as world-atlas has it: numeric code, name, polygons as rings of arc indexes.
type TopoCountry = (String, String, Vec<Vec<Vec<i32>>>);

fn malformed(why: impl Into<String>) -> ShapesError {
    ShapesError::Malformed(why.into())
}

/// The arcs in longitude and latitude (delta-decoded and transformed when quantised).
fn decode_arcs(topology: &Topology) -> Result<Vec<Vec<LonLat>>, ShapesError> {
    topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .map(|position| {
                    let [px, py, ..] = position.as_slice() else {
                        return Err(malformed("an arc position has fewer than 2 numbers"));
                    };
                    let (lon, lat) = match &topology.transform {
                        Some(t) => {
                            (x, y) = (x + px, y + py);
                            (
                                x * t.scale[0] + t.translate[0],
                                y * t.scale[1] + t.translate[1],
                            )
                        }
                        None => (*px, *py),
                    };
                    match lon.is_finite() && lat.is_finite() {
                        true => Ok((lon, lat)),
                        false => Err(malformed("an arc position is not a finite number")),
                    }
                })
                .collect()
        })
        .collect()
}

/// The countries of the `countries` object, Antarctica left out.
fn topo_countries(topology: &Topology) -> Result<Vec<TopoCountry>, ShapesError> {
    let Some(countries) = topology.objects.iter().find(|o| o.name == "countries") else {
        return Err(malformed("no countries object"));
    };
    let Value::GeometryCollection(geometries) = &countries.geometry.value else {
        return Err(malformed("countries is not a geometry collection"));
    };
    let mut out = Vec::new();
    for geometry in geometries {
        // A few disputed areas (e.g. Kosovo, N. Cyprus) have no code.
        let id = match &geometry.id {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => format!("{n:0>3}"),
            _ => String::new(),
        };
        let name = geometry
            .properties
            .as_ref()
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or_default()
            .to_owned();
        let polygons = match &geometry.value {
            Value::Polygon(rings) => vec![rings.clone()],
            Value::MultiPolygon(polygons) => polygons.clone(),
            _ => return Err(malformed(format!("{name} ({id}) is not a polygon"))),
        };
        if id != ANTARCTICA {
            out.push((id, name, polygons));
        }
    }
    match out.is_empty() {
        true => Err(malformed("no countries")),
        false => Ok(out),
    }
}

/// Projects one ring (or arc) of longitudes and latitudes. One that crosses the antimeridian
/// (Fiji, Chukotka) is made continuous, moved by a turn if the middle of its span lies beyond
/// ±180° (Vanua Levu, written from -180°), and then held at ±180°, so it is drawn on the side
/// where most of it lies, not as a band across the whole map.
fn project_ring(positions: &[LonLat]) -> Vec<Projected> {
    let mut previous: Option<f64> = None;
    let mut offset = 0.0;
    let continuous: Vec<LonLat> = positions
        .iter()
        .map(|&(lon, lat)| {
            if let Some(prev) = previous {
                if lon - prev > 180.0 {
                    offset -= 360.0;
                } else if lon - prev < -180.0 {
                    offset += 360.0;
                }
            }
            previous = Some(lon);
            (lon + offset, lat)
        })
        .collect();
    let (west, east) = continuous
        .iter()
        .fold((f64::MAX, f64::MIN), |(w, e), p| (w.min(p.0), e.max(p.0)));
    let shift = match (west + east) / 2.0 {
        middle if middle > 180.0 => -360.0,
        middle if middle < -180.0 => 360.0,
        _ => 0.0,
    };
    continuous
        .iter()
        .map(|&(lon, lat)| equal_earth((lon + shift).clamp(-180.0, 180.0), lat))
        .collect()
}

/// Distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: Projected, a: Projected, b: Projected) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = match length2 > 0.0 {
        true => (((p.x - a.x) * dx + (p.y - a.y) * dy) / length2).clamp(0.0, 1.0),
        false => 0.0,
    };
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}

/// Which points of a line Douglas–Peucker keeps at `tolerance`: both ends, and every point
/// farther than `tolerance` from the simplified line. A closed line is first split at its
/// point farthest from the start.
fn douglas_peucker(points: &[Projected], tolerance: f64) -> Vec<bool> {
    let n = points.len();
    let mut keep = vec![false; n];
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return keep;
    };
    let mut stack = vec![(0, n - 1)];
    if first == last && n > 2 {
        let distance = |i: &usize| {
            points
                .get(*i)
                .map_or(0.0, |p| segment_distance(*p, *first, *first))
        };
        if let Some(far) = (1..n - 1).max_by(|a, b| distance(a).total_cmp(&distance(b))) {
            stack = vec![(0, far), (far, n - 1)];
        }
    }
    for &(a, b) in &stack {
        keep[a] = true;
        keep[b] = true;
    }
    while let Some((a, b)) = stack.pop() {
        let (Some(&pa), Some(&pb)) = (points.get(a), points.get(b)) else {
            continue;
        };
        let farthest = (a + 1..b)
            .filter_map(|i| Some((i, segment_distance(*points.get(i)?, pa, pb))))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, _)) = farthest.filter(|(_, d)| *d > tolerance) {
            keep[i] = true;
            stack.extend([(a, i), (i, b)]);
        }
    }
    keep
}

/// The arc and direction an index of a ring names (`!i` is arc `i` reversed).
fn arc_index(ix: i32, arcs: usize) -> Result<(usize, bool), ShapesError> {
    let (i, reversed) = if ix < 0 { (!ix, true) } else { (ix, false) };
    usize::try_from(i)
        .ok()
        .filter(|&i| i < arcs)
        .map(|i| (i, reversed))
        .ok_or_else(|| malformed(format!("arc {ix} does not exist")))
}

/// The kept points of a ring of arcs, in order, the shared end of each arc once.
fn ring_positions(
    ring: &[i32],
    arcs: &[Vec<LonLat>],
    keep: &[Vec<bool>],
) -> Result<Vec<LonLat>, ShapesError> {
    let mut positions = Vec::new();
    for (k, &ix) in ring.iter().enumerate() {
        let (i, reversed) = arc_index(ix, arcs.len())?;
        let (Some(arc), Some(keep)) = (arcs.get(i), keep.get(i)) else {
            return Err(malformed(format!("arc {ix} does not exist")));
        };
        let mut kept: Vec<LonLat> = arc
            .iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(*p))
            .collect();
        if reversed {
            kept.reverse();
        }
        positions.extend(kept.into_iter().skip(usize::from(k > 0)));
    }
    Ok(positions)
}

/// A ring projected, quantised to [`UNIT`] and delta-encoded (see [`CompactCountry`]);
/// `None` when fewer than 3 distinct points remain.
fn encode_ring(positions: &[LonLat]) -> Option<Vec<i32>> {
    let mut points: Vec<(i32, i32)> = project_ring(positions)
        .into_iter()
        .map(|p| ((p.x / UNIT).round() as i32, (p.y / UNIT).round() as i32))
        .collect();
    points.dedup();
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() < 3 {
        return None;
    }
    let mut previous = (0, 0);
    let mut numbers = Vec::with_capacity(2 * points.len());
    for (x, y) in points {
        numbers.extend([x - previous.0, y - previous.1]);
        previous = (x, y);
    }
    Some(numbers)
}

/// Derives the compact shapes from world-atlas's TopoJSON, largest first. Refuses, with a
/// reason, anything but a topology whose `countries` are polygons of existing arcs.
pub fn compact_shapes(topojson: &str) -> Result<CompactShapes, ShapesError> {
    let topology = match topojson.parse::<TopoJson>() {
        Ok(TopoJson::Topology(topology)) => topology,
        Ok(_) => return Err(malformed("not a TopoJSON topology")),
        Err(e) => return Err(malformed(e.to_string())),
    };
    let arcs = decode_arcs(&topology)?;
    let countries = topo_countries(&topology)?;
    let mut keep: Vec<Vec<bool>> = arcs
        .iter()
        .map(|arc| douglas_peucker(&project_ring(arc), TOLERANCE))
        .collect();
    // A ring left with fewer than 3 points (a small island) keeps all of its arcs' points.
    for ring in countries
        .iter()
        .flat_map(|(_, _, polygons)| polygons.iter().flatten())
    {
        let mut kept = 0;
        for &ix in ring {
            let (i, _) = arc_index(ix, arcs.len())?;
            kept += keep
                .get(i)
                .map_or(0, |k| k.iter().filter(|k| **k).count().saturating_sub(1));
        }
        if kept < 3 {
            for &ix in ring {
                if let Some(k) = keep.get_mut(arc_index(ix, arcs.len())?.0) {
                    k.fill(true);
                }
            }
        }
    }
    let countries = countries
        .into_iter()
        .map(|(id, name, polygons)| {
            let mut encoded = Vec::new();
            for rings in polygons {
                let mut kept_rings = Vec::new();
                for (r, ring) in rings.iter().enumerate() {
                    match encode_ring(&ring_positions(ring, &arcs, &keep)?) {
                        Some(numbers) => kept_rings.push(numbers),
                        // Below a quantisation step: without its outline the polygon goes.
                        None if r == 0 => break,
                        None => {}
                    }
                }
                if !kept_rings.is_empty() {
                    encoded.push(kept_rings);
                }
            }
            match encoded.is_empty() {
                true => Err(malformed(format!("{name} ({id}) has no polygon left"))),
                false => Ok(CompactCountry {
                    id,
                    name,
                    polygons: encoded,
                }),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Largest bounds first, measured as the widget measures them: it draws in this order.
    let file = CompactShapes {
        format: SHAPES_FORMAT,
        unit: UNIT,
        countries,
    };
    let areas = country_shapes(file.clone())?
        .into_iter()
        .map(|shape| shape.bounds.area());
    let mut sized: Vec<(f64, CompactCountry)> = areas.zip(file.countries).collect();
    sized.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(CompactShapes {
        countries: sized.into_iter().map(|(_, country)| country).collect(),
        ..file
    })
}

/// The map's files for `static/data/` (name and text): the compact shapes derived from
/// world-atlas in `world_atlas_dir`, and world-atlas's licence.
pub fn shapes_files(world_atlas_dir: &Path) -> Result<Vec<(String, String)>, DeriveError> {
    let read = |name: &str| {
        let path = world_atlas_dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| DeriveError::Read {
            path,
            source: std::io::Error::new(e.kind(), format!("{e}; `npm ci` installs world-atlas")),
        })
    };
    let path = world_atlas_dir.join(WORLD_ATLAS_SHAPES);
    let text = compact_shapes(&read(WORLD_ATLAS_SHAPES)?)
        .map_err(|source| DeriveError::Shapes {
            path: path.clone(),
            source,
        })
        .and_then(|shapes| json_line(&shapes))?;
    // What the widget will read.
    parse_country_shapes(&text).map_err(|source| DeriveError::Shapes { path, source })?;
    Ok(vec![
        (file_name(COUNTRY_SHAPES_PATH).to_owned(), text),
        (SHAPES_LICENCE_FILE.to_owned(), read(WORLD_ATLAS_LICENCE)?),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written topology in world-atlas's shape: two countries sharing an arc, quantised;
    /// the second twice as wide.
    const TWO_SQUARES: &str = r#"{"type":"Topology",
        "objects":{"countries":{"type":"GeometryCollection","geometries":[
          {"type":"Polygon","arcs":[[0,1]],"id":"398","properties":{"name":"Kazakhstan"}},
          {"type":"Polygon","arcs":[[2,-1]],"id":"999","properties":{"name":"Elsewhere"}}]}},
        "arcs":[[[10,0],[0,10]],[[10,10],[-10,0],[0,-10],[10,0]],[[10,0],[20,0],[0,10],[-20,0]]],
        "transform":{"scale":[1,1],"translate":[0,0]}}"#;

    fn decode(numbers: &[i32], unit: f64) -> Vec<Projected> {
        let mut at = (0, 0);
        numbers
            .chunks(2)
            .map(|d| {
                at = (at.0 + d[0], at.1 + d[1]);
                Projected {
                    x: f64::from(at.0) * unit,
                    y: f64::from(at.1) * unit,
                }
            })
            .collect()
    }

    #[test]
    fn derives_projected_quantised_rings_with_shared_borders() {
        let shapes = compact_shapes(TWO_SQUARES).unwrap();
        assert_eq!((shapes.format, shapes.unit), (SHAPES_FORMAT, UNIT));
        let names: Vec<_> = shapes
            .countries
            .iter()
            .map(|c| (&*c.id, &*c.name))
            .collect();
        assert_eq!(
            names,
            [("999", "Elsewhere"), ("398", "Kazakhstan")],
            "largest first"
        );
        // Arc 0 runs (10,0)→(10,10); arc 1 back round to (10,0): a 10° square from 0,0.
        let kz = decode(&shapes.countries[1].polygons[0][0], UNIT);
        assert_eq!(kz.len(), 4, "four corners, the closing point left out");
        let near =
            |p: &Projected, q: Projected| (p.x - q.x).abs() <= UNIT && (p.y - q.y).abs() <= UNIT;
        for (lon, lat) in [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)] {
            assert!(
                kz.iter().any(|p| near(p, equal_earth(lon, lat))),
                "{lon} {lat}"
            );
        }
        // The shared arc, reversed for the second country, gives it the very same points.
        let other = decode(&shapes.countries[0].polygons[0][0], UNIT);
        for (lon, lat) in [(10.0, 0.0), (10.0, 10.0)] {
            let shared = kz.iter().find(|p| near(p, equal_earth(lon, lat))).unwrap();
            assert!(other.contains(shared));
        }
    }

    #[test]
    fn rings_across_the_antimeridian_stay_at_the_side_of_their_bulk() {
        let width = |ring: &[Projected]| {
            ring.iter().map(|p| p.x).fold(f64::MIN, f64::max)
                - ring.iter().map(|p| p.x).fold(f64::MAX, f64::min)
        };
        let across = project_ring(&[
            (178.0, -17.0),
            (-179.0, -17.5),
            (-179.0, -16.5),
            (178.0, -17.0),
        ]);
        assert!(width(&across) < 0.1, "a sliver, not a band across the map");
        // Vanua Levu as world-atlas writes it: from -180°, then mostly west of the antimeridian.
        let vanua_levu = project_ring(&[
            (-180.0, -16.07),
            (-179.79, -16.02),
            (-179.92, -16.5),
            (-180.0, -16.56),
            (179.36, -16.8),
            (178.73, -17.01),
            (178.6, -16.64),
            (179.41, -16.38),
            (180.0, -16.07),
            (-180.0, -16.07),
        ]);
        assert!(width(&vanua_levu) < 0.1);
        assert!(
            vanua_levu.iter().all(|p| p.x > equal_earth(178.0, -16.0).x),
            "at the east edge, where most of it lies: {vanua_levu:?}"
        );
    }

    #[test]
    fn douglas_peucker_keeps_ends_and_whatever_lies_beyond_the_tolerance() {
        let p = |x: f64, y: f64| Projected { x, y };
        let line = [
            p(0.0, 0.0),
            p(1.0, 0.001),
            p(2.0, 0.0),
            p(3.0, 1.0),
            p(4.0, 0.0),
        ];
        assert_eq!(
            douglas_peucker(&line, 0.01),
            [true, false, true, true, true]
        );
        assert_eq!(
            douglas_peucker(&line, 2.0),
            [true, false, false, false, true]
        );
        // A closed ring keeps at least a triangle.
        let square = [
            p(0.0, 0.0),
            p(1.0, 0.0),
            p(1.0, 1.0),
            p(0.0, 1.0),
            p(0.0, 0.0),
        ];
        let kept = douglas_peucker(&square, 10.0)
            .iter()
            .filter(|k| **k)
            .count();
        assert!(kept >= 3, "{kept}");
        assert!(douglas_peucker(&[], 1.0).is_empty());
    }

    #[test]
    fn refuses_what_is_not_a_topology_of_country_polygons() {
        for body in [
            "",
            "{}",
            r#"{"type":"Topology","objects":{},"arcs":[]}"#,
            "[1,2]",
        ] {
            assert!(compact_shapes(body).is_err(), "{body}");
        }
        for (from, to, why) in [
            ("[[10,0],[0,10]]", "[[10],[0,10]]", "fewer than 2 numbers"),
            (
                "\"arcs\":[[2,-1]]",
                "\"arcs\":[[7,-1]]",
                "arc 7 does not exist",
            ),
            (
                "\"arcs\":[[2,-1]]",
                "\"arcs\":[[2,-9]]",
                "arc -9 does not exist",
            ),
            (
                "{\"type\":\"Polygon\",\"arcs\":[[0,1]]",
                "{\"type\":\"GeometryCollection\",\"geometries\":[]",
                "is not a polygon",
            ),
            ("\"countries\":", "\"land\":", "no countries object"),
        ] {
            let body = TWO_SQUARES.replacen(from, to, 1);
            assert_ne!(body, TWO_SQUARES, "{from}");
            let error = compact_shapes(&body).unwrap_err().to_string();
            assert!(error.contains(why), "{to}: {error}");
        }
    }
}
