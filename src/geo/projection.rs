//! The Equal Earth projection (Šavrič, Patterson and Jenny, 2018): equal-area, with straight
//! parallels, and the fit of projected coordinates into a canvas.

/// A point in projected coordinates (Equal Earth units: x within ±2.7066, y within ±1.3174,
/// north up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projected {
    /// Easting.
    pub x: f64,
    /// Northing.
    pub y: f64,
}

/// The map's half width: the projected x of 180° at the equator.
pub const HALF_WIDTH: f64 = 2.706_629_983_696_075;
/// The map's half height: the projected y of the pole.
pub const HALF_HEIGHT: f64 = 1.317_362_759_157_413_3;

const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

/// `sin x` for `|x| ≤ π/2`, from its Taylor series to the x¹⁷ term (error below 1e-13): the
/// projection needs no more, and the WebAssembly then carries no general sine with its
/// argument reduction.
fn sine_of_latitude(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    for k in 1..=8 {
        let k = f64::from(k);
        term *= -x2 / ((2.0 * k) * (2.0 * k + 1.0));
        sum += term;
    }
    sum
}

/// Projects longitude and latitude (degrees) with Equal Earth on the unit sphere.
pub fn equal_earth(lon: f64, lat: f64) -> Projected {
    let lambda = lon.clamp(-180.0, 180.0).to_radians();
    let phi = lat.clamp(-90.0, 90.0).to_radians();
    let m = 3f64.sqrt() / 2.0;
    let sin_theta = m * sine_of_latitude(phi);
    let theta = sin_theta.asin();
    let cos_theta = (1.0 - sin_theta * sin_theta).sqrt();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * cos_theta / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    Projected { x, y }
}

/// Maps projected coordinates into a pixel box, keeping the aspect ratio and centring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Pixels per projected unit.
    pub scale: f64,
    /// Pixel x of projected x = 0.
    pub origin_x: f64,
    /// Pixel y of projected y = 0.
    pub origin_y: f64,
}

impl Fit {
    /// The fit of `bounds` (min x, min y, max x, max y) into a `width` × `height` pixel box
    /// with `padding` pixels on every side.
    pub fn new(bounds: (f64, f64, f64, f64), width: f64, height: f64, padding: f64) -> Self {
        let (min_x, min_y, max_x, max_y) = bounds;
        let (w, h) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
        let scale = ((width - 2.0 * padding) / w)
            .min((height - 2.0 * padding) / h)
            .max(1e-9);
        Self {
            scale,
            origin_x: width / 2.0 - (min_x + max_x) / 2.0 * scale,
            origin_y: height / 2.0 + (min_y + max_y) / 2.0 * scale,
        }
    }

    /// The pixel of a projected point.
    pub fn to_pixel(&self, p: Projected) -> (f64, f64) {
        (
            self.origin_x + p.x * self.scale,
            self.origin_y - p.y * self.scale,
        )
    }

    /// The projected point under a pixel.
    pub fn to_projected(&self, x: f64, y: f64) -> Projected {
        Projected {
            x: (x - self.origin_x) / self.scale,
            y: (self.origin_y - y) / self.scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sine_of_a_latitude_is_the_sine() {
        for degrees in -90..=90 {
            let x = f64::from(degrees).to_radians();
            assert!((sine_of_latitude(x) - x.sin()).abs() < 1e-13, "{degrees}°");
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-5
    }

    #[test]
    fn known_points() {
        // The origin, and the extremes published with the projection: x = 2.706629 at
        // (180°, 0°) and y = 1.317363 at the pole (Šavrič et al. 2018, table 1 and fig. 2).
        let origin = equal_earth(0.0, 0.0);
        assert!(close(origin.x, 0.0) && close(origin.y, 0.0));
        let east = equal_earth(180.0, 0.0);
        assert!(close(east.x, 2.706_629) && close(east.y, 0.0), "{east:?}");
        let pole = equal_earth(0.0, 90.0);
        assert!(
            close(pole.x, 0.0) && (pole.y - 1.317_363).abs() < 2e-5,
            "{pole:?}"
        );
        // Symmetric about both axes, and meridians pinch towards the poles.
        let almaty = equal_earth(76.9, 43.2);
        let mirrored = equal_earth(-76.9, -43.2);
        assert!(close(almaty.x, -mirrored.x) && close(almaty.y, -mirrored.y));
        assert!(equal_earth(180.0, 60.0).x < east.x);
    }

    #[test]
    fn equal_areas_at_every_latitude() {
        // A 1°×1° cell has the same projected area wherever its latitude band has the same
        // area on the sphere: compare cells scaled by cos(latitude).
        let cell = |lat: f64| {
            let corners = [(0.0, lat), (1.0, lat), (1.0, lat + 1.0), (0.0, lat + 1.0)]
                .map(|(lon, lat)| equal_earth(lon, lat));
            let twice: f64 = (0..4)
                .map(|i| {
                    let (a, b) = (corners[i], corners[(i + 1) % 4]);
                    a.x * b.y - b.x * a.y
                })
                .sum();
            twice.abs() / 2.0
        };
        let sphere = |lat: f64| (lat + 1.0).to_radians().sin() - lat.to_radians().sin();
        let ratio0 = cell(0.0) / sphere(0.0);
        for lat in [20.0, 45.0, 70.0] {
            let ratio = cell(lat) / sphere(lat);
            assert!(
                (ratio / ratio0 - 1.0).abs() < 0.01,
                "{lat}: {ratio} vs {ratio0}"
            );
        }
    }

    #[test]
    fn fit_centres_and_inverts() {
        let fit = Fit::new((-2.0, -1.0, 2.0, 1.0), 400.0, 300.0, 0.0);
        assert_eq!(fit.scale, 100.0);
        assert_eq!(fit.to_pixel(Projected { x: 0.0, y: 0.0 }), (200.0, 150.0));
        assert_eq!(fit.to_pixel(Projected { x: 2.0, y: 1.0 }), (400.0, 50.0));
        let back = fit.to_projected(400.0, 50.0);
        assert!(close(back.x, 2.0) && close(back.y, 1.0));
    }

    #[test]
    fn the_map_edges_are_where_the_projection_puts_them() {
        assert!((equal_earth(180.0, 0.0).x - HALF_WIDTH).abs() < 1e-12);
        assert!((equal_earth(0.0, 90.0).y - HALF_HEIGHT).abs() < 1e-12);
    }
}
