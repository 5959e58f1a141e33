//! What a reader's pointer does on the timeline, as pure logic: a press starts a brush (or a
//! pan: with Shift, or on the time axis), a move draws the brush, pans, pinches or moves the
//! cursor, a release zooms to the brushed days or, for a click, picks the moment under it.
//! The component only measures positions and carries out the commands.

use super::time::{TimeRange, UnixSeconds};
use super::view::{Touches, ViewCommand, Viewport, ZOOM_STEP};

/// A release closer than this to its press (CSS px) is a click, not a brush.
pub const CLICK_SLOP: f64 = 6.0;

/// The plots' left and right edges, CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotEdges {
    /// Left edge.
    pub left: f64,
    /// Right edge.
    pub right: f64,
}

impl PlotEdges {
    /// The time at CSS x in `viewport`.
    pub fn time_at(self, viewport: &Viewport, x: f64) -> UnixSeconds {
        viewport.time_at(x, self.left, self.right)
    }
}

/// One pointer event, as the gesture needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointerInput {
    /// The pointer's id.
    pub id: i32,
    /// Its x in the chart, CSS px.
    pub x: f64,
    /// Whether it is a finger.
    pub touch: bool,
}

/// A drag in progress.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    /// Selecting a range to zoom to, from this CSS x.
    Brush { from: f64 },
    /// Moving the range, from this CSS x and range.
    Pan { from: f64, range: TimeRange },
}

/// What a move amounts to: a command for the viewport (pan, pinch zoom, cursor), and the
/// brush to show (left edge and width, CSS px) while one is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Moved {
    /// Commands for the viewport, in order.
    pub commands: Vec<ViewCommand>,
    /// The brush to show, if a brush is being drawn.
    pub brush: Option<(f64, f64)>,
}

/// What a release amounts to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Released {
    /// Nothing: no drag, or one that was cancelled.
    Nothing,
    /// A brush: show these days.
    Zoom(TimeRange),
    /// A click (or a tap) at this moment: the cursor goes there.
    Click(UnixSeconds),
}

/// The state of the pointers on the chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartGesture {
    drag: Option<Drag>,
    touches: Touches,
}

impl ChartGesture {
    /// A pointer pressed: a second finger stops the drag (a pinch follows); the main button
    /// starts a pan (`pan`: with Shift, or on the time axis) or a brush. Whether a drag
    /// started (the pointer is then to be captured).
    pub fn press(
        &mut self,
        pointer: PointerInput,
        main_button: bool,
        pan: bool,
        range: TimeRange,
    ) -> bool {
        if pointer.touch {
            self.touches.press(pointer.id, pointer.x);
            if self.touches.count() > 1 {
                self.drag = None;
                return false;
            }
        }
        if !main_button {
            return false;
        }
        let from = pointer.x;
        self.drag = Some(if pan {
            Drag::Pan { from, range }
        } else {
            Drag::Brush { from }
        });
        true
    }

    /// A pointer moved over plots with `edges` showing `viewport`.
    pub fn slide(&mut self, pointer: PointerInput, viewport: &Viewport, edges: PlotEdges) -> Moved {
        let mut moved = Moved::default();
        let x = pointer.x;
        if pointer.touch && self.touches.count() > 1 {
            if let Some(pinch) = self.touches.slide(pointer.id, x) {
                moved.commands.push(ViewCommand::ZoomAround {
                    anchor: edges.time_at(viewport, pinch.centre),
                    factor: pinch.factor,
                });
            }
            return moved;
        }
        let PlotEdges { left, right } = edges;
        match self.drag {
            Some(Drag::Brush { from }) => {
                let (a, b) = (from.clamp(left, right), x.clamp(left, right));
                moved.brush = Some((a.min(b), (a - b).abs()));
            }
            Some(Drag::Pan { from, range }) => {
                let seconds =
                    ((from - x) / (right - left).max(1.0) * range.span() as f64).round() as i64;
                moved.commands.push(ViewCommand::Show(TimeRange::new(
                    range.start + seconds,
                    range.end + seconds,
                )));
            }
            None => {}
        }
        let cursor = (left..=right)
            .contains(&x)
            .then(|| edges.time_at(viewport, x));
        if cursor != viewport.cursor {
            moved.commands.push(ViewCommand::Cursor(cursor));
        }
        moved
    }

    /// A pointer released over plots with `edges` showing `viewport`.
    pub fn release(
        &mut self,
        pointer: PointerInput,
        viewport: &Viewport,
        edges: PlotEdges,
    ) -> Released {
        self.touches.lift(pointer.id);
        match self.drag.take() {
            Some(Drag::Brush { from }) if (pointer.x - from).abs() >= CLICK_SLOP => {
                let (a, b) = (
                    edges.time_at(viewport, from),
                    edges.time_at(viewport, pointer.x),
                );
                Released::Zoom(TimeRange::new(a, b))
            }
            Some(Drag::Brush { .. }) => Released::Click(edges.time_at(viewport, pointer.x)),
            _ => Released::Nothing,
        }
    }

    /// A pointer cancelled (the browser took over to scroll): no zoom, no selection.
    pub fn cancel(&mut self, id: i32) {
        self.touches.lift(id);
        self.drag = None;
    }

    /// Whether a drag is in progress.
    pub fn dragging(&self) -> bool {
        self.drag.is_some()
    }
}

/// The zoom factor of a wheel turn with Ctrl/⌘ (or a trackpad pinch): `delta_y` in the
/// event's `delta_mode` (0 pixels, 1 lines, 2 pages), a notch of 100 px one [`ZOOM_STEP`],
/// at most five steps a turn.
pub fn wheel_zoom_factor(delta_y: f64, delta_mode: u32) -> f64 {
    // Lines (Firefox) and pages count as many pixels.
    let pixels = match delta_mode {
        1 => delta_y * 16.0,
        2 => delta_y * 400.0,
        _ => delta_y,
    };
    // ZOOM_STEP^steps, as exp(steps · ln ZOOM_STEP): no general power function in the
    // WebAssembly for this one use.
    let steps = (-pixels / 100.0).clamp(-5.0, 5.0);
    (steps * ZOOM_STEP.ln()).exp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::DAY;

    const EDGES: PlotEdges = PlotEdges {
        left: 50.0,
        right: 350.0,
    };

    fn viewport() -> Viewport {
        // 30 days over 300 px: a day every 10 px.
        Viewport::new(
            TimeRange::new(100 * DAY, 130 * DAY),
            TimeRange::new(0, 1_000 * DAY),
        )
    }

    fn mouse(x: f64) -> PointerInput {
        PointerInput {
            id: 1,
            x,
            touch: false,
        }
    }

    #[test]
    fn a_brush_zooms_to_the_days_between_press_and_release() {
        let (v, mut g) = (viewport(), ChartGesture::default());
        g.press(mouse(100.0), true, false, v.range);
        let moved = g.slide(mouse(200.0), &v, EDGES);
        assert_eq!(moved.brush, Some((100.0, 100.0)));
        assert_eq!(
            moved.commands,
            [ViewCommand::Cursor(Some(115 * DAY))],
            "the cursor follows"
        );
        // Past the plot's edge the brush stops at it.
        assert_eq!(g.slide(mouse(400.0), &v, EDGES).brush, Some((100.0, 250.0)));
        assert_eq!(
            g.release(mouse(200.0), &v, EDGES),
            Released::Zoom(TimeRange::new(105 * DAY, 115 * DAY))
        );
        assert!(!g.dragging());
    }

    #[test]
    fn a_short_drag_is_a_click_and_other_buttons_do_nothing() {
        let (v, mut g) = (viewport(), ChartGesture::default());
        g.press(mouse(100.0), true, false, v.range);
        assert_eq!(
            g.release(mouse(104.0), &v, EDGES),
            Released::Click(105 * DAY + DAY * 2 / 5)
        );
        assert!(!g.press(mouse(100.0), false, false, v.range));
        assert_eq!(g.release(mouse(200.0), &v, EDGES), Released::Nothing);
    }

    #[test]
    fn a_pan_moves_the_range_against_the_pointer() {
        let (v, mut g) = (viewport(), ChartGesture::default());
        g.press(mouse(200.0), true, true, v.range);
        let moved = g.slide(mouse(150.0), &v, EDGES);
        assert_eq!(moved.brush, None);
        assert_eq!(
            moved.commands[0],
            ViewCommand::Show(TimeRange::new(105 * DAY, 135 * DAY))
        );
        assert_eq!(g.release(mouse(150.0), &v, EDGES), Released::Nothing);
    }

    #[test]
    fn two_fingers_pinch_and_a_cancel_selects_nothing() {
        let (v, mut g) = (viewport(), ChartGesture::default());
        let finger = |id, x| PointerInput { id, x, touch: true };
        assert!(g.press(finger(1, 100.0), true, false, v.range));
        assert!(!g.press(finger(2, 200.0), true, false, v.range));
        assert!(!g.dragging(), "a second finger stops the brush");
        let moved = g.slide(finger(2, 300.0), &v, EDGES);
        assert_eq!(
            moved.commands,
            [ViewCommand::ZoomAround {
                anchor: 115 * DAY,
                factor: 2.0
            }]
        );
        g.cancel(1);
        g.cancel(2);
        g.press(finger(3, 100.0), true, false, v.range);
        g.cancel(3);
        assert_eq!(g.release(finger(3, 300.0), &v, EDGES), Released::Nothing);
    }

    #[test]
    fn a_wheel_notch_is_one_zoom_step_in_any_unit() {
        assert!((wheel_zoom_factor(-100.0, 0) - ZOOM_STEP).abs() < 1e-12);
        assert!((wheel_zoom_factor(100.0, 0) - 1.0 / ZOOM_STEP).abs() < 1e-12);
        assert!((wheel_zoom_factor(-100.0 / 16.0, 1) - ZOOM_STEP).abs() < 1e-12);
        assert!(
            (wheel_zoom_factor(-10.0, 2) - ZOOM_STEP.powi(5)).abs() < 1e-9,
            "at most 5"
        );
    }
}
