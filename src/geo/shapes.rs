//! Country shapes for the map, from the compact file `static/data/countries.json` that
//! `minewatch-snapshot` derives from world-atlas (Natural Earth 1:110m, public domain): already
//! projected with Equal Earth, simplified, quantised to integers and delta-encoded, so the
//! widget only adds up numbers.

use serde::Serialize;

use super::projection::{Projected, HALF_HEIGHT, HALF_WIDTH};
use crate::model::json::{self, Field, JsonError};
use crate::model::provenance::Provenance;
use crate::model::region::country_by_numeric;

/// Path of the country shapes, relative to the widget's page.
pub const COUNTRY_SHAPES_PATH: &str = "data/countries.json";

/// Version of the compact shapes format this build reads and writes.
pub const SHAPES_FORMAT: u32 = 1;

/// Credit for the shapes: Natural Earth (public domain) as packaged by world-atlas (ISC), copied
/// from npm's world-atlas 2.0.2 on the date given.
pub fn shapes_provenance() -> Provenance {
    Provenance {
        source: "Natural Earth".into(),
        title: "Admin 0 country shapes, 1:110m (world-atlas 2.0.2), simplified and projected by \
                minewatch's snapshot tool"
            .into(),
        licence: "public domain; world-atlas ISC licence".into(),
        url: "https://www.naturalearthdata.com/".into(),
        origin: "npm world-atlas@2.0.2, countries-110m.json".into(),
        retrieved: "2026-11-24".into(),
    }
}

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

/// The compact shapes file, `countries.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompactShapes {
    /// File format version, [`SHAPES_FORMAT`].
    pub format: u32,
    /// Equal Earth units per integer step of the rings.
    pub unit: f64,
    /// The countries, largest bounds first.
    pub countries: Vec<CompactCountry>,
}

/// One country of [`CompactShapes`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompactCountry {
    /// ISO 3166-1 numeric code as world-atlas gives it (empty for a few disputed areas).
    pub id: String,
    /// Natural Earth's name.
    pub name: String,
    /// Polygons, each a list of rings (the outline first, then holes). A ring is a flat list of
    /// integers: x and y of its first point, then the difference from each point to the next;
    /// the closing point is left out.
    pub polygons: Vec<Vec<Vec<i32>>>,
}

impl CompactShapes {
    /// Reads the compact shapes file's object.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let mut countries = Vec::new();
        for country in object.items("countries")? {
            countries.push(CompactCountry::from_json(country)?);
        }
        Ok(Self {
            format: object.count("format")?,
            unit: object.number("unit")?,
            countries,
        })
    }
}

impl CompactCountry {
    /// Reads one country of the compact shapes file.
    pub fn from_json(field: Field<'_>) -> Result<Self, JsonError> {
        let object = field.object()?;
        let mut polygons = Vec::new();
        for polygon in object.items("polygons")? {
            let mut rings = Vec::new();
            for ring in polygon.items()? {
                let mut numbers = Vec::new();
                for number in ring.items()? {
                    let n = i32::try_from(number.integer()?);
                    numbers.push(n.map_err(|_| number.wrong("a 32-bit integer"))?);
                }
                rings.push(numbers);
            }
            polygons.push(rings);
        }
        Ok(Self {
            id: object.string("id")?,
            name: object.string("name")?,
            polygons,
        })
    }
}

/// Why the shapes file could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShapesError {
    /// Not a compact shapes file, or one with a broken ring.
    #[error("the country shapes are not usable: {0}")]
    Malformed(String),
}

impl From<JsonError> for ShapesError {
    fn from(error: JsonError) -> Self {
        ShapesError::Malformed(error.to_string())
    }
}

/// Decodes one ring, closed again by repeating its first point. Every point must lie on the
/// Equal Earth map (with a step of slack for rounding).
fn ring(numbers: &[i32], unit: f64) -> Result<Vec<Projected>, String> {
    if numbers.len() < 6 || numbers.len() % 2 != 0 {
        return Err(format!(
            "a ring of {} numbers (rings are x, y pairs of 3 points or more)",
            numbers.len()
        ));
    }
    let limit = Projected {
        x: HALF_WIDTH + unit,
        y: HALF_HEIGHT + unit,
    };
    let (mut x, mut y) = (0_i64, 0_i64);
    let mut points = Vec::with_capacity(numbers.len() / 2 + 1);
    for pair in numbers.chunks_exact(2) {
        if let [dx, dy] = pair {
            x += i64::from(*dx);
            y += i64::from(*dy);
            let p = Projected {
                x: x as f64 * unit,
                y: y as f64 * unit,
            };
            if p.x.abs() > limit.x || p.y.abs() > limit.y {
                return Err(format!("a point off the map ({x}, {y})"));
            }
            points.push(p);
        }
    }
    points.extend(points.first().copied());
    Ok(points)
}

/// One country's shape from its compact form.
fn country(compact: CompactCountry, unit: f64) -> Result<CountryShape, String> {
    let polygons = compact
        .polygons
        .iter()
        .map(|rings| {
            let rings = rings
                .iter()
                .map(|r| ring(r, unit))
                .collect::<Result<Vec<_>, _>>()?;
            match rings.is_empty() {
                true => Err("a polygon without rings".to_owned()),
                false => Ok(Polygon { rings }),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let outlines: Vec<Bounds> = polygons
        .iter()
        .filter_map(|p| Bounds::of(p.rings.first().into_iter().flatten().copied()))
        .collect();
    let bounds = outlines.iter().copied().reduce(Bounds::union);
    let largest = outlines.iter().max_by(|a, b| a.area().total_cmp(&b.area()));
    let (Some(bounds), Some(largest)) = (bounds, largest) else {
        return Err("no polygons".to_owned());
    };
    let known = country_by_numeric(&compact.id);
    Ok(CountryShape {
        code: known.map(|c| c.code),
        name: known.map_or(compact.name, |c| c.name.to_owned()),
        numeric: compact.id,
        polygons,
        bounds,
        anchor: Projected {
            x: (largest.min_x + largest.max_x) / 2.0,
            y: (largest.min_y + largest.max_y) / 2.0,
        },
    })
}

/// The country shapes of a compact file, in its order.
pub fn country_shapes(file: CompactShapes) -> Result<Vec<CountryShape>, ShapesError> {
    let malformed = |why: String| ShapesError::Malformed(why);
    if file.format != SHAPES_FORMAT {
        return Err(malformed(format!(
            "format {}, this build reads format {SHAPES_FORMAT}",
            file.format
        )));
    }
    if !(file.unit.is_finite() && file.unit > 0.0) {
        return Err(malformed(format!("a unit of {}", file.unit)));
    }
    if file.countries.is_empty() {
        return Err(malformed("no countries".into()));
    }
    file.countries
        .into_iter()
        .map(|c| {
            let label = format!("{} ({})", c.name, c.id);
            country(c, file.unit).map_err(|why| malformed(format!("{label}: {why}")))
        })
        .collect()
}

/// Decodes the compact shapes file into country shapes, in its order: largest first, as the
/// snapshot tool writes them, so that a country inside another is drawn over it.
pub fn parse_country_shapes(body: &str) -> Result<Vec<CountryShape>, ShapesError> {
    let document = json::parse(body)?;
    country_shapes(CompactShapes::from_json(Field::document(&document))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::projection::equal_earth;

    /// Two squares of 10 × 10 steps sharing an edge, the second with a square hole.
    const TWO_SQUARES: &str = r#"{"format":1,"unit":0.01,"countries":[
        {"id":"398","name":"Kazakhstan","polygons":[[[0,0,10,0,0,10,-10,0]]]},
        {"id":"999","name":"Elsewhere","polygons":[[[10,0,10,0,0,10,-10,0],[14,4,0,2,2,0,0,-2]]]}]}"#;

    #[test]
    fn decodes_delta_encoded_rings_into_closed_projected_rings() {
        let shapes = parse_country_shapes(TWO_SQUARES).unwrap();
        assert_eq!(shapes.len(), 2);
        let kz = shapes.iter().find(|s| s.numeric == "398").unwrap();
        assert_eq!((kz.code, kz.name.as_str()), (Some("KZ"), "Kazakhstan"));
        let corner = |x: f64, y: f64| Projected { x, y };
        assert_eq!(
            kz.polygons[0].rings[0],
            [(0.0, 0.0), (0.1, 0.0), (0.1, 0.1), (0.0, 0.1), (0.0, 0.0)].map(|(x, y)| corner(x, y))
        );
        let bounds = Bounds {
            min_x: 0.0,
            min_y: 0.0,
            max_x: 0.1,
            max_y: 0.1,
        };
        assert_eq!(kz.bounds, bounds);
        assert_eq!(kz.anchor, corner(0.05, 0.05));
        let other = shapes.iter().find(|s| s.numeric == "999").unwrap();
        assert_eq!((other.code, other.name.as_str()), (None, "Elsewhere"));
        // The shared edge has the same points on both sides; the hole is a second ring.
        for shared in [corner(0.1, 0.0), corner(0.1, 0.1)] {
            assert!(other.polygons[0].rings[0].contains(&shared));
        }
        assert_eq!(other.polygons[0].rings[1].len(), 5);
    }

    #[test]
    fn refuses_what_is_not_a_usable_shapes_file() {
        for (body, why) in [
            ("", "unexpected end"),
            ("{}", "`countries` is missing"),
            ("[1,2]", "the document is not an object"),
            (r#"{"format":1,"unit":0.01,"countries":[]}"#, "no countries"),
        ] {
            let error = parse_country_shapes(body).unwrap_err().to_string();
            assert!(error.contains(why), "{body}: {error}");
        }
        for (from, to, why) in [
            (r#""format":1"#, r#""format":2"#, "format 2"),
            (r#""unit":0.01"#, r#""unit":0"#, "a unit of 0"),
            (r#""unit":0.01"#, r#""unit":-1"#, "a unit of -1"),
            (
                "[[0,0,10,0,0,10,-10,0]]",
                "[[0,0,10,0,0,10,-10]]",
                "7 numbers",
            ),
            ("[[0,0,10,0,0,10,-10,0]]", "[[0,0,10,0]]", "4 numbers"),
            ("[[0,0,10,0,0,10,-10,0]]", "[]", "without rings"),
            (
                "[[[0,0,10,0,0,10,-10,0]]]",
                "[]",
                "Kazakhstan (398): no polygons",
            ),
            (
                "[[0,0,10,0,0,10,-10,0]]",
                "[[0,0,999,0,0,10,-10,0]]",
                "off the map",
            ),
            (
                "[[0,0,10,0,0,10,-10,0]]",
                "[[0,0,1e3,0,0,10,-10,0]]",
                "an item of `polygons` is not an integer (found 1000.0)",
            ),
            (
                "[[0,0,10,0,0,10,-10,0]]",
                "[[0,0,3000000000,0]]",
                "an item of `polygons` is not a 32-bit integer (found 3000000000)",
            ),
        ] {
            let body = TWO_SQUARES.replacen(from, to, 1);
            assert_ne!(body, TWO_SQUARES, "{from}");
            let error = parse_country_shapes(&body).unwrap_err().to_string();
            assert!(error.contains(why), "{to}: {error}");
        }
    }

    #[test]
    fn sums_of_extreme_deltas_stay_off_the_map_without_overflow() {
        let ring: Vec<String> = std::iter::repeat_n(i32::MAX.to_string(), 4000).collect();
        let body = TWO_SQUARES.replacen(
            "[[0,0,10,0,0,10,-10,0]]",
            &format!("[[{}]]", ring.join(",")),
            1,
        );
        assert!(parse_country_shapes(&body).is_err());
    }

    #[test]
    fn the_bundled_file_holds_every_country_the_widget_knows() {
        let path = format!("{}/static/data/countries.json", env!("CARGO_MANIFEST_DIR"));
        let body = std::fs::read_to_string(path).unwrap();
        let shapes = parse_country_shapes(&body).unwrap();
        assert_eq!(
            shapes.len(),
            176,
            "world-atlas 110m has 177 countries; Antarctica is left off"
        );
        for known in crate::model::region::COUNTRIES {
            let shape = shapes.iter().find(|s| s.code == Some(known.code));
            assert_eq!(
                shape.map(|s| s.name.as_str()),
                Some(known.name),
                "{known:?}"
            );
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
