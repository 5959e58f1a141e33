//! Drawing with plotters, generic over [`plotters::prelude::DrawingBackend`]: the browser
//! draws to a canvas, native tests and exports to SVG.

pub mod axis;
pub mod export;
pub mod layout;
mod legend;
pub mod map;
pub mod readout;
pub mod series;
pub mod timeline;

use plotters::drawing::DrawingAreaErrorKind;
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor};

/// The sans-serif font at `size` px, by its family (a family given by name is lowercased
/// through the Unicode tables, ~14 KB of the widget for one word).
pub(crate) fn sans(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal)
}

/// Colour of text and axes in the light theme (near-black, 15:1 contrast on white).
pub const TEXT_COLOUR: RGBColor = RGBColor(0x1F, 0x23, 0x28);

/// The colours of everything that is not data, for one theme. Data colours (Okabe–Ito) are the
/// same in both themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Canvas background.
    pub background: RGBColor,
    /// Text and axes.
    pub text: RGBColor,
    /// Grid lines and box edges.
    pub grid: RGBColor,
    /// Background of legend boxes and labels (drawn at 85%).
    pub panel: RGBColor,
    /// The map's sea.
    pub sea: RGBColor,
    /// The map's land without a status.
    pub land: RGBColor,
    /// The map's borders.
    pub border: RGBColor,
}

/// Dark text on white.
impl Palette {
    /// The colours of the dark theme when `dark`, else the light one's.
    pub fn of_theme(dark: bool) -> Palette {
        if dark {
            DARK
        } else {
            LIGHT
        }
    }
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(0xFF, 0xFF, 0xFF),
    text: TEXT_COLOUR,
    grid: RGBColor(0xE3, 0xE5, 0xE8),
    panel: RGBColor(0xFF, 0xFF, 0xFF),
    sea: RGBColor(0xF4, 0xF7, 0xFA),
    land: RGBColor(0xE3, 0xE6, 0xEA),
    border: RGBColor(0xFF, 0xFF, 0xFF),
};

/// Light text on near-black (GitHub's dark colours).
pub const DARK: Palette = Palette {
    background: RGBColor(0x0D, 0x11, 0x17),
    text: RGBColor(0xE6, 0xED, 0xF3),
    grid: RGBColor(0x30, 0x36, 0x3D),
    panel: RGBColor(0x16, 0x1B, 0x22),
    sea: RGBColor(0x0D, 0x11, 0x17),
    land: RGBColor(0x3A, 0x41, 0x4A),
    border: RGBColor(0x0D, 0x11, 0x17),
};

impl Default for Palette {
    fn default() -> Self {
        LIGHT
    }
}

/// A drawing failed in the backend (for example, a canvas that has gone away).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("drawing failed: {0}")]
pub struct RenderError(pub String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for RenderError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        RenderError(error.to_string())
    }
}
