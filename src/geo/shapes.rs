//! Country shapes from world-atlas's `countries-110m.json` (Natural Earth 1:110m, public domain),
//! decoded with the `topojson` crate and projected once with [`super::projection`].

use geojson::Value as GeoValue;

use super::projection::{equal_earth, Projected};
use crate::model::provenance::Provenance;
use crate::model::region::country_by_numeric;

/// Path of the country shapes, relative to the widget's page.
pub const COUNTRY_SHAPES_PATH: &str = "data/countries-110m.json";

/// Credit for the shapes: Natural Earth (public domain) as packaged by world-atlas (ISC), copied
/// from npm's world-atlas 2.0.2 on the date given.
pub fn shapes_provenance() -> Provenance {
    Provenance {
        source: "Natural Earth".into(),
        title: "Admin 0 country shapes, 1:110m (world-atlas 2.0.2 TopoJSON)".into(),
        licence: "public domain; world-atlas ISC licence".into(),
        url: "https://www.naturalearthdata.com/".into(),
        origin: "npm world-atlas@2.0.2, countries-110m.json".into(),
        retrieved: "2026-11-24".into(),
    }
}

/// ISO numeric code of Antarctica, left off the map: no mining there, and its projected shape
/// takes a sixth of the height.
const ANTARCTICA: &str = "010";

/// A rectangle in projected coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Lowest x.
    pub min_x: f64,
    /// Lowest y.
    pub min_y: f64,
    /// Highest x.
    pub max_x: f64,
    /// Highest y.
    pub max_y: f64,
}

impl Bounds {
    /// The bounds of `points`; `None` when there are none.
    pub fn of(points: impl IntoIterator<Item = Projected>) -> Option<Self> {
        points.into_iter().fold(None, |acc, p| {
            Some(match acc {
                None => Bounds {
                    min_x: p.x,
                    min_y: p.y,
                    max_x: p.x,
                    max_y: p.y,
                },
                Some(b) => Bounds {
                    min_x: b.min_x.min(p.x),
                    min_y: b.min_y.min(p.y),
                    max_x: b.max_x.max(p.x),
                    max_y: b.max_y.max(p.y),
                },
            })
        })
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: Projected) -> bool {
        (self.min_x..=self.max_x).contains(&p.x) && (self.min_y..=self.max_y).contains(&p.y)
    }

    /// The smallest bounds holding both.
    pub fn union(self, other: Bounds) -> Bounds {
        Bounds {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
        }
    }

    /// Width times height.
    pub fn area(&self) -> f64 {
        (self.max_x - self.min_x) * (self.max_y - self.min_y)
    }
}

/// One polygon: an outer ring and its holes, projected.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    /// Closed rings (first point repeated at the end); the first is the outline.
    pub rings: Vec<Vec<Projected>>,
}

/// A country's shape, projected.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 numeric code as world-atlas gives it, e.g. "398" (empty for the few
    /// disputed areas without one).
    pub numeric: String,
    /// ISO alpha-2 code, for the countries the widget knows.
    pub code: Option<&'static str>,
    /// Name: the widget's for countries it knows, else Natural Earth's.
    pub name: String,
    /// Its polygons.
    pub polygons: Vec<Polygon>,
    /// Bounds of all its polygons.
    pub bounds: Bounds,
    /// Where a marker for the country goes: the centre of its largest polygon's bounds.
    pub anchor: Projected,
}

/// Why the shapes file could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShapesError {
    /// Not a TopoJSON topology with a `countries` object.
    #[error("the country shapes are not a TopoJSON topology with countries: {0}")]
    Malformed(String),
}

/// Projects one GeoJSON ring (lon, lat positions); positions with fewer than two numbers are
/// passed over. A ring that crosses the antimeridian (Fiji, Chukotka) is made continuous and
/// then held at ±180°, so it is not drawn as a band across the whole map.
fn ring(positions: &[Vec<f64>]) -> Vec<Projected> {
    let mut previous: Option<f64> = None;
    let mut offset = 0.0;
    positions
        .iter()
        .filter_map(|p| match p.as_slice() {
            [lon, lat, ..] => {
                if let Some(prev) = previous {
                    if lon - prev > 180.0 {
                        offset -= 360.0;
                    } else if lon - prev < -180.0 {
                        offset += 360.0;
                    }
                }
                previous = Some(*lon);
                Some(equal_earth((lon + offset).clamp(-180.0, 180.0), *lat))
            }
            _ => None,
        })
        .collect()
}

fn polygon(rings: &[Vec<Vec<f64>>]) -> Option<Polygon> {
    let rings: Vec<Vec<Projected>> = rings
        .iter()
        .map(|r| ring(r))
        .filter(|r| r.len() >= 4)
        .collect();
    (!rings.is_empty()).then_some(Polygon { rings })
}

/// Refuses, before decoding, what the `topojson` decoder would panic on: an arc position with
/// fewer than two numbers, an arc index out of range, or anything but polygons in `countries`.
fn check_countries(topology: &topojson::Topology) -> Result<(), ShapesError> {
    let fail = |why: &str| Err(ShapesError::Malformed(why.into()));
    if topology.arcs.iter().flatten().any(|p| p.len() < 2) {
        return fail("an arc position has fewer than 2 numbers");
    }
    let arcs = topology.arcs.len() as i64;
    let index_ok = |ix: &i32| {
        let ix = i64::from(*ix);
        (0..arcs).contains(&ix) || (0..arcs).contains(&(-ix - 1))
    };
    let Some(countries) = topology.objects.iter().find(|o| o.name == "countries") else {
        return fail("no countries object");
    };
    let topojson::Value::GeometryCollection(geometries) = &countries.geometry.value else {
        return fail("countries is not a geometry collection");
    };
    for geometry in geometries {
        let ok = match &geometry.value {
            topojson::Value::Polygon(rings) => rings.iter().flatten().all(index_ok),
            topojson::Value::MultiPolygon(polygons) => {
                polygons.iter().flatten().flatten().all(index_ok)
            }
            _ => false,
        };
        if !ok {
            return fail("a country is not a polygon of known arcs");
        }
    }
    Ok(())
}

/// Decodes world-atlas's TopoJSON into projected country shapes, largest first (so that a
/// country inside another is drawn over it).
pub fn parse_country_shapes(body: &str) -> Result<Vec<CountryShape>, ShapesError> {
    let malformed = |e: &dyn std::fmt::Display| ShapesError::Malformed(e.to_string());
    let topo: topojson::TopoJson = body.parse().map_err(|e: topojson::Error| malformed(&e))?;
    let topology = match topo {
        topojson::TopoJson::Topology(t) => t,
        _ => return Err(ShapesError::Malformed("not a Topology".into())),
    };
    check_countries(&topology)?;
    let collection = topojson::to_geojson(&topology, "countries").map_err(|e| malformed(&e))?;
    let mut shapes: Vec<CountryShape> = collection
        .features
        .into_iter()
        .filter_map(|feature| {
            // A few disputed areas (e.g. Kosovo, N. Cyprus) have no code.
            let numeric = match feature.id.as_ref() {
                Some(geojson::feature::Id::String(s)) => s.clone(),
                Some(geojson::feature::Id::Number(n)) => format!("{n:0>3}"),
                None => String::new(),
            };
            if numeric == ANTARCTICA {
                return None;
            }
            let source_name = feature
                .properties
                .as_ref()
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_owned();
            let polygons: Vec<Polygon> = match &feature.geometry.as_ref()?.value {
                GeoValue::Polygon(rings) => polygon(rings).into_iter().collect(),
                GeoValue::MultiPolygon(parts) => parts.iter().filter_map(|p| polygon(p)).collect(),
                _ => Vec::new(),
            };
            let outline = |p: &Polygon| Bounds::of(p.rings.first().into_iter().flatten().copied());
            let bounds = polygons.iter().filter_map(outline).reduce(Bounds::union)?;
            let largest = polygons
                .iter()
                .filter_map(outline)
                .max_by(|a, b| a.area().total_cmp(&b.area()))?;
            let known = country_by_numeric(&numeric);
            Some(CountryShape {
                code: known.map(|c| c.code),
                name: known.map_or(source_name, |c| c.name.to_owned()),
                numeric,
                polygons,
                bounds,
                anchor: Projected {
                    x: (largest.min_x + largest.max_x) / 2.0,
                    y: (largest.min_y + largest.max_y) / 2.0,
                },
            })
        })
        .collect();
    if shapes.is_empty() {
        return Err(ShapesError::Malformed("no countries".into()));
    }
    shapes.sort_by(|a, b| b.bounds.area().total_cmp(&a.bounds.area()));
    Ok(shapes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written topology in world-atlas's shape: two countries sharing an arc, quantised.
    const TWO_SQUARES: &str = r#"{"type":"Topology",
        "objects":{"countries":{"type":"GeometryCollection","geometries":[
          {"type":"Polygon","arcs":[[0,1]],"id":"398","properties":{"name":"Kazakhstan"}},
          {"type":"Polygon","arcs":[[2,-1]],"id":"999","properties":{"name":"Elsewhere"}}]}},
        "arcs":[[[10,0],[0,10]],[[10,10],[-10,0],[0,-10],[10,0]],[[10,0],[10,0],[0,10],[-10,0]]],
        "transform":{"scale":[1,1],"translate":[0,0]}}"#;

    #[test]
    fn decodes_quantised_arcs_shared_between_countries() {
        let shapes = parse_country_shapes(TWO_SQUARES).unwrap();
        assert_eq!(shapes.len(), 2);
        let kz = shapes.iter().find(|s| s.numeric == "398").unwrap();
        assert_eq!(kz.code, Some("KZ"));
        assert_eq!(kz.name, "Kazakhstan");
        // Arc 0 runs (10,0)→(10,10); arc 1 back round to (10,0): a 10° square from 0,0.
        let outline = &kz.polygons[0].rings[0];
        assert_eq!(outline.first(), outline.last(), "closed ring");
        let corners = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
            .map(|(lon, lat)| equal_earth(lon, lat));
        for corner in corners {
            assert!(outline
                .iter()
                .any(|p| (p.x - corner.x).abs() < 1e-12 && (p.y - corner.y).abs() < 1e-12));
        }
        let other = shapes.iter().find(|s| s.numeric == "999").unwrap();
        assert_eq!((other.code, other.name.as_str()), (None, "Elsewhere"));
        // The shared arc, reversed for the second country, gives it the same edge.
        for shared in [equal_earth(10.0, 0.0), equal_earth(10.0, 10.0)] {
            assert!(other.polygons[0].rings[0].contains(&shared));
        }
    }

    #[test]
    fn rings_across_the_antimeridian_stay_at_its_side() {
        let across = ring(&[
            vec![178.0, -17.0],
            vec![-179.0, -17.5],
            vec![-179.0, -16.5],
            vec![178.0, -17.0],
        ]);
        let width = across.iter().map(|p| p.x).fold(f64::MIN, f64::max)
            - across.iter().map(|p| p.x).fold(f64::MAX, f64::min);
        assert!(width < 0.1, "a sliver, not a band across the map: {width}");
    }

    #[test]
    fn refuses_what_is_not_a_topology() {
        for body in [
            "",
            "{}",
            r#"{"type":"Topology","objects":{},"arcs":[]}"#,
            "[1,2]",
        ] {
            assert!(parse_country_shapes(body).is_err(), "{body}");
        }
        let short = TWO_SQUARES.replace("[[10,0],[0,10]]", "[[10],[0,10]]");
        assert!(parse_country_shapes(&short).is_err());
        let missing_arc = TWO_SQUARES.replace("\"arcs\":[[2,-1]]", "\"arcs\":[[7,-1]]");
        assert!(
            parse_country_shapes(&missing_arc).is_err(),
            "arc 7 does not exist"
        );
        let nested = TWO_SQUARES.replace(
            "{\"type\":\"Polygon\",\"arcs\":[[0,1]]",
            "{\"type\":\"GeometryCollection\",\"geometries\":[]",
        );
        assert!(
            parse_country_shapes(&nested).is_err(),
            "a nested collection"
        );
    }

    #[test]
    fn the_bundled_world_atlas_file_holds_the_mining_countries() {
        let path = format!(
            "{}/static/data/countries-110m.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let body = std::fs::read_to_string(path).unwrap();
        let shapes = parse_country_shapes(&body).unwrap();
        assert_eq!(
            shapes.len(),
            176,
            "world-atlas 110m has 177 countries; Antarctica is left off"
        );
        for code in ["US", "CN", "KZ", "RU", "CA", "IE", "MY", "DE", "IR", "NO"] {
            assert!(shapes.iter().any(|s| s.code == Some(code)), "{code}");
        }
        let russia = shapes.iter().find(|s| s.code == Some("RU")).unwrap();
        assert!(russia.polygons.len() > 5, "Russia is a multipolygon");
        // Its marker sits east of the Urals (60° E), on the mainland's own bounds.
        assert!(
            russia.anchor.x > equal_earth(60.0, 60.0).x,
            "{:?}",
            russia.anchor
        );
        // Largest first.
        assert!(shapes
            .windows(2)
            .all(|w| w[0].bounds.area() >= w[1].bounds.area()));
    }
}
