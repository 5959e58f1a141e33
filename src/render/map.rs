//! The world map, drawn with plotters on any [`DrawingBackend`] in two layers: the base (sea,
//! land, borders) once per size or focus, and the overlay (connectivity status, active events,
//! share circles, highlight) whenever the cursor or selection moves.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Palette, RenderError, LIGHT};
use crate::analysis::baseline::BaselineSeries;
use crate::analysis::status::{status_at, ConnectivityStatus};
use crate::geo::projection::{equal_earth, Fit, Projected};
use crate::geo::shapes::{Bounds, CountryShape};
use crate::geo::MapData;
use crate::model::events::DisruptionEvent;
use crate::model::shares::MonthShares;
use crate::model::time::UnixSeconds;
use crate::text::ui;

/// Sea, in the light theme.
pub const SEA_COLOUR: RGBColor = LIGHT.sea;
/// Land without a status, in the light theme: neutral, never a value.
pub const LAND_COLOUR: RGBColor = LIGHT.land;
/// Outline of the hovered, focused or selected country.
pub const HIGHLIGHT_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);

/// The fill of a connectivity status. Lightness falls from normal to disrupted and unknown is a
/// grey, so no two depend on telling red from green (checked for deuteranopia and protanopia
/// in the tests).
pub fn status_colour(status: ConnectivityStatus) -> RGBColor {
    match status {
        ConnectivityStatus::Normal => RGBColor(0x86, 0xBC, 0xE4),
        ConnectivityStatus::Degraded => RGBColor(0xE6, 0x9F, 0x00),
        ConnectivityStatus::Disrupted => RGBColor(0x6B, 0x1F, 0x5C),
        ConnectivityStatus::Unknown => RGBColor(0x7F, 0x88, 0x92),
    }
}

/// What the map is zoomed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapFocus {
    /// The whole world.
    World,
    /// Central Asia, with Kazakhstan, Iran, western China and southern Russia.
    CentralAsia,
    /// The selected country and its surroundings.
    Selection,
}

impl MapFocus {
    /// A name for the focus (the map's `data-drawn` once drawn with it).
    pub fn as_str(self) -> &'static str {
        match self {
            MapFocus::World => "world",
            MapFocus::CentralAsia => "central-asia",
            MapFocus::Selection => "selection",
        }
    }
}

/// The projected bounds of a longitude/latitude box (edges sampled, since parallels of Equal
/// Earth are straight but meridians bend).
fn lon_lat_bounds(west: f64, south: f64, east: f64, north: f64) -> Option<Bounds> {
    let steps = 8;
    let edge = (0..=steps).flat_map(|i| {
        let f = f64::from(i) / f64::from(steps);
        let lon = west + (east - west) * f;
        let lat = south + (north - south) * f;
        [
            equal_earth(lon, south),
            equal_earth(lon, north),
            equal_earth(west, lat),
            equal_earth(east, lat),
        ]
    });
    Bounds::of(edge)
}

/// The bounds a focus shows: the world, Central Asia (40–95° E, 30–57° N), or the selected
/// country with a margin of half its size.
pub fn focus_bounds(data: &MapData, focus: MapFocus, selected: &str) -> Option<Bounds> {
    match focus {
        MapFocus::World => data.world(),
        MapFocus::CentralAsia => lon_lat_bounds(40.0, 30.0, 95.0, 57.0),
        MapFocus::Selection => {
            let b = data.shapes.get(data.position(selected)?)?.bounds;
            let (dx, dy) = ((b.max_x - b.min_x) / 2.0, (b.max_y - b.min_y) / 2.0);
            let pad = dx.max(dy).max(0.1);
            Some(Bounds {
                min_x: b.min_x - pad,
                min_y: b.min_y - pad,
                max_x: b.max_x + pad,
                max_y: b.max_y + pad,
            })
        }
    }
}

/// The fit of `bounds` into a `width` × `height` device-pixel canvas.
pub fn map_fit(bounds: Bounds, width: u32, height: u32, scale: f64) -> Fit {
    Fit::new(
        (bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y),
        f64::from(width),
        f64::from(height),
        6.0 * scale,
    )
}

/// A share circle: a country with a published share in the month shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareMarker {
    /// Position of the country in [`MapData::shapes`].
    pub shape: usize,
    /// ISO code.
    pub code: String,
    /// Share of the global hash rate (0–1).
    pub share: f64,
}

/// The country a step of `delta` (+1 next, −1 back) from `current` (a shape) reaches among
/// the `markers` (largest share first), wrapping round; from none, the first (forward) or the
/// last (back). `None` without markers.
pub fn marker_step(markers: &[ShareMarker], current: Option<usize>, delta: isize) -> Option<usize> {
    let n = markers.len() as isize;
    if n == 0 {
        return None;
    }
    let position = current.and_then(|shape| markers.iter().position(|m| m.shape == shape));
    let next = position.map_or(if delta > 0 { 0 } else { n - 1 }, |c| {
        (c as isize + delta).rem_euclid(n)
    });
    markers.get(next as usize).map(|m| m.shape)
}

/// The month's shares that have a shape on the map, largest first.
pub fn share_markers(data: &MapData, month: &MonthShares) -> Vec<ShareMarker> {
    let mut markers: Vec<ShareMarker> = month
        .shares
        .iter()
        .filter_map(|s| {
            Some(ShareMarker {
                shape: data.position(&s.code)?,
                code: s.code.clone(),
                share: s.share,
            })
        })
        .collect();
    crate::model::order::sort_by_f64_descending(&mut markers, |m| m.share);
    markers
}

/// Radius in CSS pixels of the circle for `share` on a map `css_width` pixels wide: area
/// proportional to the share, 40 px for the whole hash rate on a map 900 px wide or more, and
/// smaller on narrow maps (down to 45%) so that neighbours' circles do not cover each other.
pub fn marker_radius(share: f64, css_width: f64) -> f64 {
    40.0 * share.clamp(0.0, 1.0).sqrt() * (css_width / 900.0).clamp(0.45, 1.0)
}

/// Shares labelled on a map `css_width` pixels wide: 3% and more, or 10% on narrow maps.
pub fn labelled_share(css_width: f64) -> f64 {
    if css_width < 560.0 {
        0.1
    } else {
        0.03
    }
}

/// Only the outer rings (the first of each polygon), in pixels.
fn outlines_in_pixels(shape: &CountryShape, fit: &Fit) -> Vec<Vec<(i32, i32)>> {
    shape
        .polygons
        .iter()
        .filter_map(|polygon| polygon.rings.first())
        .map(|ring| {
            ring.iter()
                .map(|p| {
                    let (x, y) = fit.to_pixel(*p);
                    (x.round() as i32, y.round() as i32)
                })
                .collect()
        })
        .collect()
}

/// Draws the base layer: sea, land and borders (outer rings only), fitted to `bounds`.
pub fn draw_map_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &MapData,
    bounds: Bounds,
    scale: f64,
    palette: &Palette,
) -> Result<Fit, RenderError> {
    let (width, height) = root.dim_in_pixel();
    let fit = map_fit(bounds, width, height, scale);
    root.fill(&palette.sea)?;
    let border = palette
        .border
        .stroke_width(((0.75 * scale).round() as u32).max(1));
    for shape in &data.shapes {
        for outline in outlines_in_pixels(shape, &fit) {
            root.draw(&Polygon::new(outline.clone(), palette.land.filled()))?;
            root.draw(&PathElement::new(outline, border))?;
        }
    }
    // Countries come largest first, so an enclave (Lesotho) is drawn over its surroundings.
    root.present()?;
    Ok(fit)
}

/// What the overlay shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapOverlay {
    /// Countries (positions in the shapes) with their connectivity status.
    pub statuses: Vec<(usize, ConnectivityStatus)>,
    /// Countries with an event active at the cursor.
    pub active_events: Vec<usize>,
    /// Places (projected) of the sub-national regions with an event active at the cursor.
    pub places: Vec<Projected>,
    /// The share circles.
    pub markers: Vec<ShareMarker>,
    /// The hovered or focused country.
    pub highlighted: Option<usize>,
    /// The selected country.
    pub selected: Option<usize>,
    /// Text, outline and label colours.
    pub palette: Palette,
}

impl MapOverlay {
    /// The overlay at time `t`: the status of each country with a signal, the countries with an
    /// event then, and the selected country (no markers or highlight, light colours).
    pub fn at(
        data: &MapData,
        baselines: &[BaselineSeries],
        events: &[DisruptionEvent],
        t: UnixSeconds,
        selected: &str,
    ) -> Self {
        let mut codes: Vec<&str> = Vec::new();
        for code in baselines.iter().map(|b| b.country.as_str()) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        MapOverlay {
            statuses: codes
                .into_iter()
                .filter_map(|code| {
                    Some((data.position(code)?, status_at(baselines, code, t)?.status))
                })
                .collect(),
            active_events: events
                .iter()
                .filter(|e| e.overlaps(t, t))
                .filter_map(|e| data.position(&e.country))
                .collect(),
            places: events
                .iter()
                .filter(|e| e.overlaps(t, t))
                .filter_map(|e| e.place.as_ref())
                .map(|p| equal_earth(p.lon, p.lat))
                .collect(),
            selected: data.position(selected),
            ..MapOverlay::default()
        }
    }
}

/// Draws the overlay on a transparent layer fitted by `fit`: status fills, event outlines,
/// the highlight, regions' places, and share circles with the largest labelled.
pub fn draw_map_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &MapData,
    fit: &Fit,
    overlay: &MapOverlay,
    scale: f64,
) -> Result<(), RenderError> {
    let px = |css: f64| ((css * scale).round() as u32).max(1);
    let outline_of = |i: usize| {
        data.shapes
            .get(i)
            .map(|s| outlines_in_pixels(s, fit))
            .unwrap_or_default()
    };
    for &(i, status) in &overlay.statuses {
        for outline in outline_of(i) {
            root.draw(&Polygon::new(outline, status_colour(status).filled()))?;
        }
    }
    let palette = overlay.palette;
    for &i in &overlay.active_events {
        for outline in outline_of(i) {
            root.draw(&PathElement::new(
                outline,
                palette.text.stroke_width(px(2.0)),
            ))?;
        }
    }
    for (i, style) in [
        (overlay.selected, HIGHLIGHT_COLOUR.stroke_width(px(2.0))),
        (overlay.highlighted, HIGHLIGHT_COLOUR.stroke_width(px(3.0))),
    ]
    .into_iter()
    .filter_map(|(i, style)| Some((i?, style)))
    {
        for outline in outline_of(i) {
            root.draw(&PathElement::new(outline, style))?;
        }
    }
    // A region's place: a diamond in the highlight colour, ringed to stand out on any fill.
    for &place in &overlay.places {
        let (x, y) = fit.to_pixel(place);
        let (x, y) = (x.round() as i32, y.round() as i32);
        let r = px(8.0) as i32;
        let diamond = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
        root.draw(&Polygon::new(diamond.clone(), HIGHLIGHT_COLOUR.filled()))?;
        let mut ring = diamond;
        ring.push((x, y - r));
        root.draw(&PathElement::new(ring, palette.panel.stroke_width(px(1.0))))?;
    }
    let label_font = super::sans(11.0 * scale)
        .color(&palette.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let (width, height) = root.dim_in_pixel();
    let css_width = f64::from(width) / scale;
    for marker in &overlay.markers {
        let Some(shape) = data.shapes.get(marker.shape) else {
            continue;
        };
        let (x, y) = fit.to_pixel(shape.anchor);
        if !(0.0..f64::from(width)).contains(&x) || !(0.0..f64::from(height)).contains(&y) {
            continue;
        }
        let centre = (x.round() as i32, y.round() as i32);
        let radius = (marker_radius(marker.share, css_width) * scale)
            .round()
            .max(2.0) as i32;
        root.draw(&Circle::new(
            centre,
            radius,
            palette.panel.mix(0.55).filled(),
        ))?;
        root.draw(&Circle::new(
            centre,
            radius,
            palette.text.stroke_width(px(1.25)),
        ))?;
        if marker.share >= labelled_share(css_width) {
            let text = ui::marker_label(&marker.code, marker.share);
            let at = (centre.0 + radius + px(3.0) as i32, centre.1);
            // A pale box behind the label keeps it legible over any status colour.
            let (w, h) = root.estimate_text_size(&text, &label_font)?;
            let pad = px(2.0) as i32;
            root.draw(&Rectangle::new(
                [
                    (at.0 - pad, at.1 - h as i32 / 2 - pad),
                    (at.0 + w as i32 + pad, at.1 + h as i32 / 2 + pad),
                ],
                palette.panel.mix(0.8).filled(),
            ))?;
            root.draw(&Text::new(text, at, label_font.clone()))?;
        }
    }
    root.present()?;
    Ok(())
}

/// The country under a pixel of a map fitted by `fit`.
pub fn country_at_pixel(data: &MapData, fit: &Fit, x: f64, y: f64) -> Option<usize> {
    data.index.country_at(&data.shapes, fit.to_projected(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyboard_walks_the_markers_round() {
        let marker = |shape| ShareMarker {
            shape,
            code: "XX".into(),
            share: 0.1,
        };
        let markers = [marker(7), marker(3), marker(5)];
        assert_eq!(marker_step(&markers, None, 1), Some(7));
        assert_eq!(marker_step(&markers, None, -1), Some(5));
        assert_eq!(marker_step(&markers, Some(7), 1), Some(3));
        assert_eq!(marker_step(&markers, Some(5), 1), Some(7), "round");
        assert_eq!(marker_step(&markers, Some(7), -1), Some(5), "round back");
        assert_eq!(
            marker_step(&markers, Some(42), 1),
            Some(7),
            "a country without a marker"
        );
        assert_eq!(marker_step(&[], Some(7), 1), None);
    }
    use crate::geo::shapes::parse_country_shapes;
    use crate::model::shares::CountryShare;

    fn world() -> MapData {
        let path = format!("{}/static/data/countries.json", env!("CARGO_MANIFEST_DIR"));
        MapData::new(parse_country_shapes(&std::fs::read_to_string(path).unwrap()).unwrap())
    }

    fn january_2022() -> MonthShares {
        let share = |code: &str, name: &str, share: f64| CountryShare {
            code: code.into(),
            name: name.into(),
            share,
            caveat: false,
        };
        MonthShares {
            month: 1_640_995_200,
            note: None,
            source_url: None,
            shares: vec![
                share("KZ", "Kazakhstan", 0.1322),
                share("US", "United States", 0.3784),
                share("XX", "Other", 0.2),
            ],
        }
    }

    /// sRGB channel (0–255) to linear light.
    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIELAB of a linear RGB triple (D65).
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Machado, Oliveira and Fernandes (2009) simulation matrices at full severity.
    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.367_322, 0.860_646, -0.227_968],
        [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
    ];
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.152_286, 1.052_583, -0.204_868],
        [0.114_503, 0.786_281, 0.099_216],
        [-0.003_882, -0.048_116, 1.051_998],
    ];

    fn seen(colour: RGBColor, matrix: Option<&[[f64; 3]; 3]>) -> [f64; 3] {
        let rgb = [linear(colour.0), linear(colour.1), linear(colour.2)];
        let simulated = match matrix {
            None => rgb,
            Some(m) => {
                m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
            }
        };
        lab(simulated)
    }

    #[test]
    fn status_colours_stay_apart_with_colour_blindness() {
        let statuses = [
            ConnectivityStatus::Normal,
            ConnectivityStatus::Degraded,
            ConnectivityStatus::Disrupted,
            ConnectivityStatus::Unknown,
        ];
        let mut colours: Vec<(&str, RGBColor)> = statuses
            .iter()
            .map(|s| (s.as_str(), status_colour(*s)))
            .collect();
        colours.push(("no signal", LAND_COLOUR));
        for (vision, matrix) in [
            ("normal", None),
            ("deuteranopia", Some(&DEUTERANOPIA)),
            ("protanopia", Some(&PROTANOPIA)),
        ] {
            for (i, (a, ca)) in colours.iter().enumerate() {
                for (b, cb) in colours.iter().skip(i + 1) {
                    let (la, lb) = (seen(*ca, matrix), seen(*cb, matrix));
                    let delta = ((la[0] - lb[0]).powi(2)
                        + (la[1] - lb[1]).powi(2)
                        + (la[2] - lb[2]).powi(2))
                    .sqrt();
                    assert!(
                        delta >= 20.0,
                        "{vision}: {a} vs {b} only ΔE {delta:.1} apart"
                    );
                }
            }
        }
    }

    fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>)) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (800, 400)).into_drawing_area();
            draw(&root);
        }
        out
    }

    #[test]
    fn the_base_draws_every_country_and_the_overlay_marks_status_events_and_shares() {
        let data = world();
        let bounds = focus_bounds(&data, MapFocus::World, "KZ").unwrap();
        let mut fit = None;
        let base =
            svg_of(|root| fit = Some(draw_map_base(root, &data, bounds, 1.0, &LIGHT).unwrap()));
        let fit = fit.unwrap();
        let land = base.matches("fill=\"#E3E6EA\"").count();
        assert!(land >= 176, "{land} land polygons");
        let kz = data.position("KZ").unwrap();
        let us = data.position("US").unwrap();
        let overlay = MapOverlay {
            statuses: vec![(kz, ConnectivityStatus::Disrupted)],
            active_events: vec![kz],
            places: vec![equal_earth(76.9, 43.2)],
            markers: share_markers(&data, &january_2022()),
            highlighted: Some(us),
            selected: Some(kz),
            palette: LIGHT,
        };
        assert_eq!(overlay.markers.len(), 2, "Other has no shape");
        assert_eq!(overlay.markers[0].code, "US", "largest first");
        let drawn = svg_of(|root| draw_map_overlay(root, &data, &fit, &overlay, 1.0).unwrap());
        assert!(
            drawn.contains("fill=\"#6B1F5C\""),
            "Kazakhstan filled as disrupted"
        );
        assert!(drawn.contains("US 37.8%") && drawn.contains("KZ 13.2%"));
        // Almaty's diamond: four corners around its projected point.
        let (ax, ay) = fit.to_pixel(equal_earth(76.9, 43.2));
        let top = format!("{},{}", ax.round() as i32, ay.round() as i32 - 8);
        assert!(drawn.contains(&top), "a diamond with its top at {top}");
        let circles = drawn.matches("<circle").count();
        assert_eq!(circles, 4, "a disc and a ring per share");
        // Area-true: the US circle's area is 37.84/13.22 times Kazakhstan's.
        let ratio = (marker_radius(0.3784, 800.0) / marker_radius(0.1322, 800.0)).powi(2);
        assert!(marker_radius(0.1, 300.0) < marker_radius(0.1, 900.0));
        assert_eq!(marker_radius(0.25, 900.0), 20.0);
        assert!((ratio - 0.3784 / 0.1322).abs() < 1e-9);
        // The Kazakh marker sits on Kazakhstan.
        let (x, y) = fit.to_pixel(data.shapes[kz].anchor);
        assert_eq!(country_at_pixel(&data, &fit, x, y), Some(kz));
    }

    #[test]
    fn the_central_asia_focus_frames_kazakhstan() {
        let data = world();
        let bounds = focus_bounds(&data, MapFocus::CentralAsia, "KZ").unwrap();
        let kz = &data.shapes[data.position("KZ").unwrap()];
        assert!(bounds.contains(kz.anchor));
        assert!(bounds.area() < data.world().unwrap().area() / 10.0);
        let selection = focus_bounds(&data, MapFocus::Selection, "NO").unwrap();
        let norway = &data.shapes[data.position("NO").unwrap()];
        assert!(selection.contains(norway.anchor));
        assert_eq!(focus_bounds(&data, MapFocus::Selection, "ZZ"), None);
        // A fit keeps the aspect ratio: the world, about twice as wide as high, fills the
        // width of a square canvas (less 6 px of padding each side) and is centred.
        let w = data.world().unwrap();
        let fit = map_fit(w, 1000, 1000, 1.0);
        let (left, top) = fit.to_pixel(crate::geo::projection::Projected {
            x: w.min_x,
            y: w.max_y,
        });
        let (right, bottom) = fit.to_pixel(crate::geo::projection::Projected {
            x: w.max_x,
            y: w.min_y,
        });
        assert!(
            (left - 6.0).abs() < 1e-6 && (right - 994.0).abs() < 1e-6,
            "{left} {right}"
        );
        assert!(((top + bottom) / 2.0 - 500.0).abs() < 1e-6);
        assert!((right - left) / (bottom - top) > 1.8);
    }
}
