//! The canvas backend the widget draws with: plotters-canvas for every drawing call, with two
//! changes. Text is measured with the canvas's own `measureText` (cached): plotters'
//! WebAssembly text measurement adds a `<span>` to the page and reads its size for every label,
//! which forces the whole page (the reader's article, too) to lay out again each time. And
//! strokes of odd width are shifted by half a pixel, so that a 1-pixel line on whole-pixel
//! coordinates covers one row of pixels instead of two half-tinted ones.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Line height of measured text, as a multiple of the font size.
const LINE_HEIGHT: f64 = 1.2;

/// Text sizes already measured, by font and text; kept across drawings (labels repeat).
type Measured = HashMap<(String, String), (u32, u32)>;

/// At most this many sizes are kept; the cache starts afresh when full.
const MEASURED_CAPACITY: usize = 4_096;

thread_local! {
    static MEASURED: RefCell<Measured> = RefCell::new(HashMap::new());
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

/// A [`CanvasBackend`] that measures text on the canvas.
pub struct WidgetCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl WidgetCanvas {
    /// The backend for `canvas`, or `None` if the browser gives no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context.set_line_join("bevel");
        Some(Self {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            context,
        })
    }

    /// Makes the whole canvas transparent (for a layer drawn over another).
    pub fn clear(&self) {
        let (width, height) = self.inner.get_size();
        self.context
            .clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }
}

type Error = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl WidgetCanvas {
    /// Runs `draw` with the context shifted by half a pixel if `width` is odd.
    fn on_pixel_centres<T>(&mut self, width: u32, draw: impl FnOnce(&mut Self) -> T) -> T {
        let shift = if width % 2 == 1 { 0.5 } else { 0.0 };
        if shift != 0.0 {
            let _ = self.context.translate(shift, shift);
        }
        let result = draw(self);
        if shift != 0.0 {
            let _ = self.context.translate(-shift, -shift);
        }
        result
    }
}

impl DrawingBackend for WidgetCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Error> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        self.on_pixel_centres(style.stroke_width(), |b| b.inner.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        let width = if fill { 0 } else { style.stroke_width() };
        self.on_pixel_centres(width, |b| {
            b.inner.draw_rect(upper_left, bottom_right, style, fill)
        })
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        self.on_pixel_centres(style.stroke_width(), |b| b.inner.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Error> {
        // The same font string plotters-canvas draws with.
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        let key = (font, text.to_owned());
        if let Some(size) = MEASURED.with(|m| m.borrow().get(&key).copied()) {
            return Ok(size);
        }
        self.context.set_font(&key.0);
        let width = self
            .context
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
            measured.insert(key, size);
        });
        Ok(size)
    }
}
