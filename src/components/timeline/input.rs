//! The timeline's drawing and its input: the canvas drawn when what it shows changes, the
//! wheel zoom, and the pointer gestures (the logic is [`crate::model::gesture`]).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, HtmlCanvasElement, HtmlElement, WheelEvent};
use yew::prelude::*;

use super::{draw_on_canvas, Drawn, TimelineProps};
use crate::components::local_position;
use crate::components::Shared;
use crate::model::gesture::{wheel_zoom_factor, ChartGesture, PointerInput, Released};
use crate::model::time::TimeRange;
use crate::model::view::{ViewCommand, Viewport};
use crate::render::readout::events_at;
use crate::render::series::{DrawOptions, TimelineData};
use crate::render::timeline::draws_alike;

/// Draws the timeline on the canvas whenever its data, range, `width` or options change (not
/// while the props say it is loading), marks the chart drawn and tells `on_drawn`. The last
/// drawing's layout, and why it failed, if it did.
#[hook]
pub(super) fn use_timeline_drawing(
    canvas_ref: NodeRef,
    data: Shared<TimelineData>,
    props: &TimelineProps,
    width: i32,
) -> (Option<Drawn>, Option<String>) {
    let (view, options, loading) = (props.viewport.range, props.options.clone(), props.loading);
    let on_drawn = props.on_drawn.clone();
    let error = use_state(|| None::<String>);
    let drawn = use_state(|| None::<Drawn>);
    // What is on the canvas: new data that would draw the same picture (events added outside
    // the view) are not drawn again.
    let on_canvas = use_mut_ref(|| None::<OnCanvas>);
    {
        let (error, drawn) = (error.clone(), drawn.clone());
        use_effect_with(
            (data, view, width, options, loading),
            move |(data, view, width, options, loading)| {
                if *loading {
                    return;
                }
                let now = OnCanvas {
                    data: data.clone(),
                    view: *view,
                    width: *width,
                    options: options.clone(),
                };
                if on_canvas.borrow().as_ref().is_some_and(|o| o.alike(&now)) {
                    return;
                }
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    match draw_on_canvas(&canvas, data, *view, options) {
                        Ok(layout) => {
                            // Marked at once (the next render keeps it): the moment the chart is
                            // on the canvas, for readers of the page and its tests.
                            if let (Some(_), Some(chart)) = (layout, canvas.parent_element()) {
                                let _ = chart.set_attribute("data-drawn", "true");
                            }
                            if layout.is_some() {
                                on_drawn.emit(());
                            }
                            *on_canvas.borrow_mut() = layout.map(|_| now);
                            drawn.set(layout.map(|(layout, ratio)| Drawn { layout, ratio }));
                            error.set(None);
                        }
                        Err(message) => {
                            *on_canvas.borrow_mut() = None;
                            on_drawn.emit(());
                            error.set(Some(message));
                        }
                    }
                }
            },
        );
    }
    (*drawn, (*error).clone())
}

/// What a drawing on the canvas was drawn from.
struct OnCanvas {
    data: Shared<TimelineData>,
    view: TimeRange,
    width: i32,
    options: DrawOptions,
}

impl OnCanvas {
    /// Whether `next` would draw the same picture.
    fn alike(&self, next: &OnCanvas) -> bool {
        self.view == next.view
            && self.width == next.width
            && self.options == next.options
            && (self.data == next.data || draws_alike(&next.data, &self.data, next.view))
    }
}

/// Ctrl/⌘ + wheel (and trackpad pinch) zooms around the pointer; a plain wheel scrolls the
/// page, as readers of an article expect. The listener is not passive, so it can stop the
/// page from zooming too.
#[hook]
pub(super) fn use_wheel_zoom(
    chart_ref: NodeRef,
    viewport: Viewport,
    drawn: Option<Drawn>,
    on_command: Callback<ViewCommand>,
) {
    {
        use_effect_with(
            (chart_ref, viewport, drawn),
            move |(chart_ref, viewport, drawn)| {
                let element = chart_ref.cast::<HtmlElement>();
                let (viewport, drawn) = (*viewport, *drawn);
                let listener = {
                    let element = element.clone();
                    Closure::<dyn FnMut(WheelEvent)>::new(move |event: WheelEvent| {
                        if !(event.ctrl_key() || event.meta_key()) {
                            return;
                        }
                        let (Some(element), Some(drawn)) = (&element, drawn) else {
                            return;
                        };
                        event.prevent_default();
                        let (x, _) = local_position(element, event.client_x(), event.client_y());
                        let anchor = drawn.edges().time_at(&viewport, x);
                        let factor = wheel_zoom_factor(event.delta_y(), event.delta_mode());
                        on_command.emit(ViewCommand::ZoomAround { anchor, factor });
                    })
                };
                let options = AddEventListenerOptions::new();
                options.set_passive(false);
                if let Some(element) = &element {
                    let _ = element
                        .add_event_listener_with_callback_and_add_event_listener_options(
                            "wheel",
                            listener.as_ref().unchecked_ref(),
                            &options,
                        );
                }
                move || {
                    if let Some(element) = element {
                        let _ = element.remove_event_listener_with_callback(
                            "wheel",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                    drop(listener);
                }
            },
        );
    }
}

/// The chart's pointer handlers, over a [`ChartGesture`]: brush, pan, pinch, cursor, click.
pub(super) struct ChartPointer {
    pub(super) down: Callback<PointerEvent>,
    pub(super) moved: Callback<PointerEvent>,
    pub(super) up: Callback<PointerEvent>,
    pub(super) cancel: Callback<PointerEvent>,
    pub(super) leave: Callback<PointerEvent>,
    /// The brush being drawn: left edge and width, CSS px.
    pub(super) brush: Option<(f64, f64)>,
}

/// A pointer event on the drawn chart: the chart's element, its drawing, the pointer and its
/// CSS y.
type Located = (HtmlElement, Drawn, PointerInput, f64);

/// A pointer let go: a brush zooms to its range; a click moves the cursor and selects the
/// event there (and so the story the takeaway tells); a tap, a reader's way to read values on
/// a phone, only moves the cursor.
fn release_handler(
    locate: impl Fn(&PointerEvent) -> Option<Located> + 'static,
    gesture: Rc<RefCell<ChartGesture>>,
    brush: UseStateHandle<Option<(f64, f64)>>,
    props: &TimelineProps,
    data: Shared<TimelineData>,
) -> Callback<PointerEvent> {
    let (on_command, on_select_event) = (props.on_command.clone(), props.on_select_event.clone());
    let viewport = props.viewport;
    Callback::from(move |event: PointerEvent| {
        brush.set(None);
        let Some((_, d, pointer, _)) = locate(&event) else {
            gesture.borrow_mut().cancel(event.pointer_id());
            return;
        };
        match gesture.borrow_mut().release(pointer, &viewport, d.edges()) {
            Released::Zoom(range) => on_command.emit(ViewCommand::Show(range)),
            Released::Click(t) => {
                on_command.emit(ViewCommand::Cursor(Some(t)));
                if !pointer.touch {
                    if let Some(event) = events_at(&data, t).first() {
                        on_select_event.emit(event.id.clone());
                    }
                }
            }
            Released::Nothing => {}
        }
    })
}

/// The pointer handlers of the chart behind `chart_ref`, drawn as `drawn`: they measure each
/// event and carry out what the gesture makes of it.
#[hook]
pub(super) fn use_chart_pointer(
    chart_ref: NodeRef,
    props: &TimelineProps,
    data: Shared<TimelineData>,
    drawn: Option<Drawn>,
) -> ChartPointer {
    let gesture = use_mut_ref(ChartGesture::default);
    let brush = use_state(|| None::<(f64, f64)>);
    let viewport = props.viewport;
    // Where a pointer event is on the chart, once the chart is drawn.
    let locate = {
        let chart_ref = chart_ref.clone();
        move |event: &PointerEvent| -> Option<Located> {
            let (element, d) = (chart_ref.cast::<HtmlElement>()?, drawn?);
            let (x, y) = local_position(&element, event.client_x(), event.client_y());
            let pointer = PointerInput {
                id: event.pointer_id(),
                x,
                touch: event.pointer_type() == "touch",
            };
            Some((element, d, pointer, y))
        }
    };

    let on_pointer_down = {
        let (locate, gesture) = (locate.clone(), gesture.clone());
        Callback::from(move |event: PointerEvent| {
            let Some((element, d, pointer, y)) = locate(&event) else {
                return;
            };
            let (main, pan) = (event.button() == 0, event.shift_key() || d.on_time_axis(y));
            if gesture
                .borrow_mut()
                .press(pointer, main, pan, viewport.range)
            {
                let _ = element.set_pointer_capture(pointer.id);
            }
        })
    };

    let on_pointer_move = {
        let (locate, gesture, brush) = (locate.clone(), gesture.clone(), brush.clone());
        let on_command = props.on_command.clone();
        Callback::from(move |event: PointerEvent| {
            let Some((_, d, pointer, _)) = locate(&event) else {
                return;
            };
            let moved = gesture.borrow_mut().slide(pointer, &viewport, d.edges());
            if moved.brush.is_some() || brush.is_some() {
                brush.set(moved.brush);
            }
            for command in moved.commands {
                on_command.emit(command);
            }
        })
    };

    let on_pointer_up = release_handler(locate, gesture.clone(), brush.clone(), props, data);

    // A cancelled pointer (the browser took over to scroll) neither zooms nor selects.
    let on_pointer_cancel = {
        let (gesture, brush) = (gesture.clone(), brush.clone());
        Callback::from(move |event: PointerEvent| {
            gesture.borrow_mut().cancel(event.pointer_id());
            brush.set(None);
        })
    };

    // A mouse leaving hides the crosshair; a finger lifted keeps the values it tapped until
    // the chart loses focus.
    let on_pointer_leave = {
        let on_command = props.on_command.clone();
        let gesture = gesture.clone();
        Callback::from(move |event: PointerEvent| {
            let touch = event.pointer_type() == "touch";
            if !touch && !gesture.borrow().dragging() && viewport.cursor.is_some() {
                on_command.emit(ViewCommand::Cursor(None));
            }
        })
    };
    ChartPointer {
        down: on_pointer_down,
        moved: on_pointer_move,
        up: on_pointer_up,
        cancel: on_pointer_cancel,
        leave: on_pointer_leave,
        brush: *brush,
    }
}
