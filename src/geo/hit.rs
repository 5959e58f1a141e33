//! Which country is under a point: a grid of cells over the projected world lists the countries
//! whose bounds touch each cell, and an even-odd ray test decides among those.

use super::projection::Projected;
use super::shapes::{Bounds, CountryShape, Polygon};

/// Cells across and down the grid.
const GRID: (usize, usize) = (48, 24);

/// A grid index over country shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct HitIndex {
    bounds: Bounds,
    cells: Vec<Vec<usize>>,
}

impl HitIndex {
    /// The index of `shapes` (by position in the slice).
    pub fn new(shapes: &[CountryShape]) -> Self {
        let bounds = shapes
            .iter()
            .map(|s| s.bounds)
            .reduce(Bounds::union)
            .unwrap_or(Bounds {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 1.0,
                max_y: 1.0,
            });
        let mut index = Self {
            bounds,
            cells: vec![Vec::new(); GRID.0 * GRID.1],
        };
        for (i, shape) in shapes.iter().enumerate() {
            let (x0, y0) = index.cell_of(Projected {
                x: shape.bounds.min_x,
                y: shape.bounds.min_y,
            });
            let (x1, y1) = index.cell_of(Projected {
                x: shape.bounds.max_x,
                y: shape.bounds.max_y,
            });
            for cy in y0..=y1 {
                for cx in x0..=x1 {
                    if let Some(cell) = index.cells.get_mut(cy * GRID.0 + cx) {
                        cell.push(i);
                    }
                }
            }
        }
        index
    }

    fn cell_of(&self, p: Projected) -> (usize, usize) {
        let b = self.bounds;
        let fx = (p.x - b.min_x) / (b.max_x - b.min_x).max(1e-12);
        let fy = (p.y - b.min_y) / (b.max_y - b.min_y).max(1e-12);
        let clamp = |f: f64, n: usize| ((f * n as f64).floor().max(0.0) as usize).min(n - 1);
        (clamp(fx, GRID.0), clamp(fy, GRID.1))
    }

    /// The country under `p` (its position in `shapes`), the smallest when shapes overlap.
    pub fn country_at(&self, shapes: &[CountryShape], p: Projected) -> Option<usize> {
        if !self.bounds.contains(p) {
            return None;
        }
        let (cx, cy) = self.cell_of(p);
        self.cells
            .get(cy * GRID.0 + cx)?
            .iter()
            .copied()
            .filter(|&i| {
                shapes.get(i).is_some_and(|s| {
                    s.bounds.contains(p) && s.polygons.iter().any(|poly| inside(poly, p))
                })
            })
            .min_by(|&a, &b| {
                let area = |i: usize| shapes.get(i).map_or(f64::MAX, |s| s.bounds.area());
                area(a).total_cmp(&area(b))
            })
    }
}

/// Even-odd test over all of a polygon's rings, so holes are outside.
pub fn inside(polygon: &Polygon, p: Projected) -> bool {
    let mut crossings = false;
    for ring in &polygon.rings {
        for pair in ring.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if p.x < x {
                    crossings = !crossings;
                }
            }
        }
    }
    crossings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::projection::equal_earth;
    use crate::geo::shapes::parse_country_shapes;

    fn square(x0: f64, y0: f64, size: f64) -> Vec<Projected> {
        [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
            .map(|(x, y)| Projected {
                x: x0 + x * size,
                y: y0 + y * size,
            })
            .to_vec()
    }

    #[test]
    fn holes_are_outside_and_rings_close() {
        let with_hole = Polygon {
            rings: vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)],
        };
        assert!(inside(&with_hole, Projected { x: 1.0, y: 1.0 }));
        assert!(!inside(&with_hole, Projected { x: 5.0, y: 5.0 }));
        assert!(!inside(&with_hole, Projected { x: 11.0, y: 5.0 }));
    }

    #[test]
    fn finds_cities_in_their_countries() {
        let path = format!("{}/static/data/countries.json", env!("CARGO_MANIFEST_DIR"));
        let shapes = parse_country_shapes(&std::fs::read_to_string(path).unwrap()).unwrap();
        let index = HitIndex::new(&shapes);
        let at = |lon: f64, lat: f64| {
            index
                .country_at(&shapes, equal_earth(lon, lat))
                .map(|i| shapes[i].name.clone())
        };
        assert_eq!(at(76.9, 43.2).as_deref(), Some("Kazakhstan"), "Almaty");
        assert_eq!(at(71.4, 51.2).as_deref(), Some("Kazakhstan"), "Astana");
        assert_eq!(
            at(-104.99, 39.74).as_deref(),
            Some("United States"),
            "Denver"
        );
        assert_eq!(at(104.1, 30.7).as_deref(), Some("China"), "Chengdu");
        assert_eq!(at(37.6, 55.8).as_deref(), Some("Russia"), "Moscow");
        assert_eq!(at(51.4, 35.7).as_deref(), Some("Iran"), "Tehran");
        assert_eq!(at(-6.3, 53.35).as_deref(), Some("Ireland"), "Dublin");
        assert_eq!(
            at(28.0, -29.5).as_deref(),
            Some("Lesotho"),
            "Maseru, inside South Africa"
        );
        assert_eq!(at(178.0, -17.8).as_deref(), Some("Fiji"), "Viti Levu");
        assert_eq!(
            at(179.2, -16.6).as_deref(),
            Some("Fiji"),
            "Vanua Levu, whose ring crosses the antimeridian"
        );
        let fiji = shapes.iter().find(|s| s.numeric == "242").unwrap();
        assert!(
            fiji.bounds.max_x - fiji.bounds.min_x < 0.1,
            "Fiji lies at the east edge, not across the map: {:?}",
            fiji.bounds
        );
        assert_eq!(at(-30.0, 30.0), None, "the Atlantic");
        assert_eq!(at(179.0, -89.0), None, "Antarctica is left off");
    }
}
