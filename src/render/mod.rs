//! Drawing with plotters, generic over [`plotters::prelude::DrawingBackend`]: the browser
//! draws to a canvas, native tests and exports to SVG.

pub mod axis;
pub mod layout;
mod legend;
pub mod map;
pub mod readout;
pub mod timeline;

use plotters::drawing::DrawingAreaErrorKind;
use plotters::style::RGBColor;

/// Colour of text and axes (near-black, 15:1 contrast on white).
pub const TEXT_COLOUR: RGBColor = RGBColor(0x1F, 0x23, 0x28);

/// A drawing failed in the backend (for example, a canvas that has gone away).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("drawing failed: {0}")]
pub struct RenderError(pub String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for RenderError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        RenderError(error.to_string())
    }
}
