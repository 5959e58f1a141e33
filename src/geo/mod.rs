//! World geometry as pure data: Natural Earth's country shapes decoded from the compact file
//! the snapshot tool derives, the Equal Earth projection, and hit-testing on the projected
//! shapes.

pub mod hit;
pub mod projection;
pub mod shapes;

use hit::HitIndex;
use shapes::{Bounds, CountryShape};

/// The country shapes with their hit index, built once when the file loads.
#[derive(Debug, Clone, PartialEq)]
pub struct MapData {
    /// Countries, largest first.
    pub shapes: Vec<CountryShape>,
    /// Index for hit-testing.
    pub index: HitIndex,
}

impl MapData {
    /// The shapes and their index.
    pub fn new(shapes: Vec<CountryShape>) -> Self {
        Self {
            index: HitIndex::new(&shapes),
            shapes,
        }
    }

    /// Position of the country with ISO code `code`.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.shapes.iter().position(|s| s.code == Some(code))
    }

    /// The bounds of the whole map.
    pub fn world(&self) -> Option<Bounds> {
        self.shapes.iter().map(|s| s.bounds).reduce(Bounds::union)
    }
}
