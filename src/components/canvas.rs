//! The backend the widget draws with, on screen and for downloads: one type, so that every
//! drawing function is compiled once for the browser (not once per backend). On a `<canvas>`
//! it is plotters-canvas with two changes: text is measured with the canvas's own
//! `measureText` (cached), because plotters' WebAssembly text measurement adds a `<span>` to
//! the page and reads its size for every label, which forces the whole page (the reader's
//! article, too) to lay out again each time; and strokes of odd width are shifted by half a
//! pixel, so that a 1-pixel line on whole-pixel coordinates covers one row of pixels instead of
//! two half-tinted ones. For an SVG download it is plotters' SVG backend, with text measured on
//! a canvas the same way, so the file lays out like the screen.

use std::cell::RefCell;

use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Line height of measured text, as a multiple of the font size.
const LINE_HEIGHT: f64 = 1.2;

/// Text sizes already measured: font and text, then size; kept across drawings (labels
/// repeat).
type Measured = Vec<((String, String), (u32, u32))>;

/// At most this many sizes are kept; the cache starts afresh when full.
const MEASURED_CAPACITY: usize = 512;

thread_local! {
    static MEASURED: RefCell<Measured> = const { RefCell::new(Vec::new()) };
}

/// Sizes `canvas` to its box at the device pixel ratio (only when that changed: resizing
/// clears and reallocates it); returns the size in device pixels and the ratio, or `None` while
/// the box has no size.
pub fn fit_to_box(canvas: &HtmlCanvasElement) -> Option<(u32, u32, f64)> {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let width = (f64::from(canvas.client_width()) * ratio).round() as u32;
    let height = (f64::from(canvas.client_height()) * ratio).round() as u32;
    if width == 0 || height == 0 {
        return None;
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    Some((width, height, ratio))
}

/// The widget's drawing backend: a canvas, or an SVG document being written.
pub enum WidgetBackend<'a> {
    /// A `<canvas>` and its 2D context.
    Canvas {
        /// plotters-canvas on that canvas.
        inner: CanvasBackend,
        /// The canvas's context (text measurement, half-pixel shifts, clearing).
        context: CanvasRenderingContext2d,
    },
    /// An SVG document.
    Svg {
        /// plotters' SVG backend writing the document.
        inner: SVGBackend<'a>,
        /// A canvas context to measure text on, when the browser gives one.
        measure: Option<CanvasRenderingContext2d>,
    },
}

/// Why a drawing call failed, from either backend.
#[derive(Debug)]
pub struct BackendError(String);

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

type Error = DrawingErrorKind<BackendError>;

/// One backend's error as the widget's.
fn lift<E: std::error::Error + Send + Sync>(error: DrawingErrorKind<E>) -> Error {
    match error {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(BackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// The 2D context of `canvas`, set up for drawing lines with bevelled joins.
fn context_of(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context.set_line_join("bevel");
    Some(context)
}

impl<'a> WidgetBackend<'a> {
    /// The backend for `canvas`, or `None` if the browser gives no 2D context.
    pub fn canvas(canvas: &HtmlCanvasElement) -> Option<Self> {
        Some(Self::Canvas {
            context: context_of(canvas)?,
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
        })
    }

    /// A backend that writes a `width` × `height` SVG document into `buffer`.
    pub fn svg(buffer: &'a mut String, size: (u32, u32)) -> Self {
        let measure = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            .and_then(|c| context_of(&c));
        Self::Svg {
            inner: SVGBackend::with_string(buffer, size),
            measure,
        }
    }

    /// Makes the whole canvas transparent (for a layer drawn over another).
    pub fn clear(&self) {
        if let Self::Canvas { inner, context } = self {
            let (width, height) = inner.get_size();
            context.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
        }
    }

    /// Runs `draw` on the canvas, shifted by half a pixel if the stroke `width` is odd.
    fn on_pixel_centres<E: std::error::Error + Send + Sync>(
        context: &CanvasRenderingContext2d,
        width: u32,
        draw: impl FnOnce() -> Result<(), DrawingErrorKind<E>>,
    ) -> Result<(), Error> {
        let shift = if width % 2 == 1 { 0.5 } else { 0.0 };
        if shift != 0.0 {
            let _ = context.translate(shift, shift);
        }
        let result = draw();
        if shift != 0.0 {
            let _ = context.translate(-shift, -shift);
        }
        result.map_err(lift)
    }
}

/// The size of `text` in `style` measured on `context` (cached by font and text).
fn measure_text<S: BackendTextStyle>(
    context: &CanvasRenderingContext2d,
    text: &str,
    style: &S,
) -> (u32, u32) {
    // The same font string plotters-canvas draws with.
    let font = format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    );
    let key = (font, text.to_owned());
    let known = MEASURED.with(|m| m.borrow().iter().find(|(k, _)| *k == key).map(|(_, s)| *s));
    if let Some(size) = known {
        return size;
    }
    context.set_font(&key.0);
    let width = context
        .measure_text(text)
        .map_or(0.0, |metrics| metrics.width());
    let size = (
        width.ceil().max(0.0) as u32,
        (style.size() * LINE_HEIGHT).ceil().max(0.0) as u32,
    );
    MEASURED.with(|m| {
        let mut measured = m.borrow_mut();
        if measured.len() >= MEASURED_CAPACITY {
            measured.clear();
        }
        measured.push((key, size));
    });
    size
}

impl DrawingBackend for WidgetBackend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Self::Canvas { inner, .. } => inner.get_size(),
            Self::Svg { inner, .. } => inner.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, .. } => inner.ensure_prepared().map_err(lift),
            Self::Svg { inner, .. } => inner.ensure_prepared().map_err(lift),
        }
    }

    fn present(&mut self) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, .. } => inner.present().map_err(lift),
            Self::Svg { inner, .. } => inner.present().map_err(lift),
        }
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, .. } => inner.draw_pixel(point, color).map_err(lift),
            Self::Svg { inner, .. } => inner.draw_pixel(point, color).map_err(lift),
        }
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, context } => {
                Self::on_pixel_centres(context, style.stroke_width(), || {
                    inner.draw_line(from, to, style)
                })
            }
            Self::Svg { inner, .. } => inner.draw_line(from, to, style).map_err(lift),
        }
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, context } => {
                let width = if fill { 0 } else { style.stroke_width() };
                Self::on_pixel_centres(context, width, || {
                    inner.draw_rect(upper_left, bottom_right, style, fill)
                })
            }
            Self::Svg { inner, .. } => inner
                .draw_rect(upper_left, bottom_right, style, fill)
                .map_err(lift),
        }
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, context } => {
                Self::on_pixel_centres(context, style.stroke_width(), || {
                    inner.draw_path(path, style)
                })
            }
            Self::Svg { inner, .. } => inner.draw_path(path, style).map_err(lift),
        }
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, .. } => {
                inner.draw_circle(center, radius, style, fill).map_err(lift)
            }
            Self::Svg { inner, .. } => inner.draw_circle(center, radius, style, fill).map_err(lift),
        }
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, .. } => inner.fill_polygon(vert, style).map_err(lift),
            Self::Svg { inner, .. } => inner.fill_polygon(vert, style).map_err(lift),
        }
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        match self {
            Self::Canvas { inner, .. } => inner.draw_text(text, style, pos).map_err(lift),
            Self::Svg { inner, .. } => inner.draw_text(text, style, pos).map_err(lift),
        }
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Error> {
        match self {
            Self::Canvas { context, .. }
            | Self::Svg {
                measure: Some(context),
                ..
            } => Ok(measure_text(context, text, style)),
            // No canvas to measure on: an average glyph is about 0.6 of the font size wide.
            Self::Svg { measure: None, .. } => Ok((
                (text.chars().count() as f64 * style.size() * 0.6).ceil() as u32,
                (style.size() * LINE_HEIGHT).ceil() as u32,
            )),
        }
    }
}
