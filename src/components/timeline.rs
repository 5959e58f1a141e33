//! The timeline canvas: draws [`crate::render::timeline`] at the device's pixel ratio and
//! redraws when its box changes size.

use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, ResizeObserver};
use yew::prelude::*;

use crate::analysis::hash_rate::ChainSample;
use crate::fetching::plan::SourceId;
use crate::model::series::Point;
use crate::model::snapshot::HashRateSnapshot;
use crate::model::time::{format_date, TimeRange};
use crate::render::timeline::{draw_timeline, TimelineData};

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The bundled hash-rate data, if loaded.
    pub snapshot: Option<Rc<HashRateSnapshot>>,
    /// Daily hash rate from the live sources that delivered.
    #[prop_or_default]
    pub live: Vec<(SourceId, Rc<Vec<Point>>)>,
    /// Chain data for the rolling estimate and its band.
    pub samples: Rc<Vec<ChainSample>>,
    /// The time range to show.
    pub view: TimeRange,
}

/// Sizes the canvas to its box at the device pixel ratio and draws the timeline on it.
fn draw(canvas: &HtmlCanvasElement, data: &TimelineData, view: TimeRange) -> Result<(), String> {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let width = (f64::from(canvas.client_width()) * ratio).round() as u32;
    let height = (f64::from(canvas.client_height()) * ratio).round() as u32;
    if width == 0 || height == 0 {
        return Ok(());
    }
    canvas.set_width(width);
    canvas.set_height(height);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gave no 2D canvas context")?;
    draw_timeline(&backend.into_drawing_area(), data, view, ratio).map_err(|e| e.to_string())
}

/// The hash-rate timeline.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let canvas_ref = use_node_ref();
    let box_ref = use_node_ref();
    let box_width = use_state(|| 0_i32);
    let error = use_state(|| None::<String>);
    let data = use_memo(
        (
            props.snapshot.clone(),
            props.live.clone(),
            props.samples.clone(),
        ),
        |(snapshot, live, samples)| TimelineData::build(snapshot.as_deref(), live, samples),
    );

    {
        let box_width = box_width.clone();
        use_effect_with(box_ref.clone(), move |box_ref| {
            let element = box_ref.cast::<HtmlElement>();
            let on_resize = {
                let element = element.clone();
                Closure::<dyn FnMut()>::new(move || {
                    if let Some(element) = &element {
                        box_width.set(element.client_width());
                    }
                })
            };
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, &element) {
                observer.observe(element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    {
        let canvas_ref = canvas_ref.clone();
        let error = error.clone();
        use_effect_with(
            (data.clone(), props.view, *box_width),
            move |(data, view, _)| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    error.set(draw(&canvas, data, *view).err());
                }
            },
        );
    }

    let label = format!(
        "Timeline of Bitcoin's hash rate, {} to {} (UTC): {}",
        format_date(props.view.start),
        format_date(props.view.end),
        data.series
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        <figure class="timeline" ref={box_ref}>
            <canvas ref={canvas_ref} role="img" tabindex="0" aria-label={label} />
            if let Some(message) = &*error {
                <p class="render-error" role="alert">{ format!("The timeline could not be drawn: {message}") }</p>
            }
        </figure>
    }
}
