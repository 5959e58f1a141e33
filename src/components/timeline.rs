//! The interactive timeline. A static canvas is drawn by [`crate::render::timeline`] at the
//! device's pixel ratio once per data, range, size or option change; the crosshair, brush and
//! tooltip are DOM elements over it, so hovering never redraws the chart. Pointer, wheel and
//! keyboard input become [`ViewCommand`]s for the shared viewport.

use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, HtmlCanvasElement, HtmlElement, WheelEvent};
use yew::prelude::*;

use super::canvas::{fit_to_box, WidgetBackend};
use super::{local_position, use_box_size};
use crate::analysis::baseline::BaselineSeries;
use crate::analysis::hash_rate::ChainSample;
use crate::analysis::impact::Impacts;
use crate::model::events::DisruptionEvent;
use crate::model::region::country_by_code;
use crate::model::series::Point;
use crate::model::snapshot::{HashRateSeries, HashRateSnapshot};
use crate::model::source::SourceId;
use crate::model::time::{format_date, format_date_time, TimeRange, UnixSeconds, HOUR};
use crate::model::view::{command_for_key, presets, Touches, ViewCommand, Viewport, ZOOM_STEP};
use crate::render::layout::TimelineLayout;
use crate::render::readout::{events_at, readout};
use crate::render::series::{DrawOptions, TimelineData};
use crate::render::timeline::draw_timeline;
use crate::text;
use crate::text::possessive;

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The bundled hash-rate data, if loaded.
    pub snapshot: Option<Rc<HashRateSnapshot>>,
    /// The bundled long-range history, if loaded.
    #[prop_or_default]
    pub history: Option<Rc<HashRateSeries>>,
    /// Daily hash rate from the live sources that delivered.
    #[prop_or_default]
    pub live: Vec<(SourceId, Rc<Vec<Point>>)>,
    /// Chain data for the rolling estimate and its band.
    pub samples: Rc<Vec<ChainSample>>,
    /// ISO code of the region in focus.
    pub region: &'static str,
    /// Its connectivity signals, as fractions of their baselines.
    #[prop_or_default]
    pub baselines: Rc<Vec<BaselineSeries>>,
    /// All disruption events (the region's are shown).
    #[prop_or_default]
    pub events: Rc<Vec<DisruptionEvent>>,
    /// Expected against observed impact of the region's events, by id.
    #[prop_or_default]
    pub impacts: Rc<Impacts>,
    /// Range, cursor and limits.
    pub viewport: Viewport,
    /// Signals switched off, selected event.
    #[prop_or_default]
    pub options: DrawOptions,
    /// Receives zoom, pan and cursor changes.
    #[prop_or_default]
    pub on_command: Callback<ViewCommand>,
    /// Receives the datasource of a signal switched on or off.
    #[prop_or_default]
    pub on_toggle_signal: Callback<String>,
    /// Receives the id of an event clicked or chosen with Enter.
    #[prop_or_default]
    pub on_select_event: Callback<String>,
    /// Whether the range buttons and signal toggles are shown.
    #[prop_or(true)]
    pub controls: bool,
    /// Whether the hash-rate data are still loading (the chart keeps its size, blank).
    #[prop_or_default]
    pub loading: bool,
    /// Told each time the chart has been drawn, or has failed to draw, once loaded.
    #[prop_or_default]
    pub on_drawn: Callback<()>,
}

/// The layout of the last drawing, with its pixel ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Drawn {
    layout: TimelineLayout,
    ratio: f64,
}

impl Drawn {
    /// The plots' left and right edges in CSS pixels.
    fn plot_edges(&self) -> (f64, f64) {
        (
            f64::from(self.layout.plot_left) / self.ratio,
            f64::from(self.layout.plot_right) / self.ratio,
        )
    }

    /// Whether a CSS y falls on the time-axis labels (drag there pans).
    fn on_time_axis(&self, y: f64) -> bool {
        y * self.ratio > f64::from(self.layout.connectivity_bottom)
    }
}

/// A drag in progress.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    /// Selecting a range to zoom to, from this CSS x.
    Brush { from: f64 },
    /// Moving the range, from this CSS x and range.
    Pan { from: f64, range: TimeRange },
}

/// Sizes the canvas to its box at the device pixel ratio and draws the timeline on it; returns
/// the layout and ratio used (`None` for a canvas with no size yet).
pub fn draw_on_canvas(
    canvas: &HtmlCanvasElement,
    data: &TimelineData,
    view: TimeRange,
    options: &DrawOptions,
) -> Result<Option<(TimelineLayout, f64)>, String> {
    let Some((_, _, ratio)) = fit_to_box(canvas) else {
        return Ok(None);
    };
    let backend = WidgetBackend::canvas(canvas).ok_or("this browser gave no 2D canvas context")?;
    let layout = draw_timeline(&backend.into_drawing_area(), data, view, options, ratio)
        .map_err(|e| e.to_string())?;
    Ok(Some((layout, ratio)))
}

/// "5 Jan 2022 14:00 UTC"-style time for the tooltip and announcements.
fn cursor_label(t: UnixSeconds) -> String {
    format!("{} UTC", format_date_time(t))
}

/// How long an event lasted, in words.
fn duration_words(event: &DisruptionEvent) -> String {
    let hours = (event.end - event.start) as f64 / HOUR as f64;
    if hours >= 48.0 {
        format!("{:.1} days", hours / 24.0)
    } else {
        format!("{hours:.1} hours")
    }
}

/// The interactive hash-rate and connectivity timeline.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let canvas_ref = use_node_ref();
    let chart_ref = use_node_ref();
    let (box_width, _) = use_box_size(chart_ref.clone());
    let error = use_state(|| None::<String>);
    let drawn = use_state(|| None::<Drawn>);
    let drag = use_mut_ref(|| None::<Drag>);
    let touches = use_mut_ref(Touches::default);
    let brush = use_state(|| None::<(f64, f64)>);
    let announcement = use_state(String::new);
    let region_name = country_by_code(props.region).map_or(props.region, |c| c.name);

    let data = use_memo(
        (
            props.snapshot.clone(),
            props.history.clone(),
            props.live.clone(),
            props.samples.clone(),
            props.baselines.clone(),
            props.events.clone(),
            props.region,
        ),
        |(snapshot, history, live, samples, baselines, events, region)| {
            TimelineData::for_country(
                snapshot.as_deref(),
                history.as_deref(),
                live,
                samples,
                baselines,
                events,
                region,
            )
        },
    );

    {
        let canvas_ref = canvas_ref.clone();
        let error = error.clone();
        let drawn = drawn.clone();
        let on_drawn = props.on_drawn.clone();
        use_effect_with(
            (
                data.clone(),
                props.viewport.range,
                box_width,
                props.options.clone(),
                props.loading,
            ),
            move |(data, view, _, options, loading)| {
                if *loading {
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
                            drawn.set(layout.map(|(layout, ratio)| Drawn { layout, ratio }));
                            error.set(None);
                        }
                        Err(message) => {
                            on_drawn.emit(());
                            error.set(Some(message));
                        }
                    }
                }
            },
        );
    }

    // Ctrl/⌘ + wheel (and trackpad pinch) zooms around the pointer; a plain wheel scrolls the
    // page, as readers of an article expect. The listener is not passive, so it can stop the
    // page from zooming too.
    {
        let on_command = props.on_command.clone();
        let viewport = props.viewport;
        let drawn = *drawn;
        use_effect_with(
            (chart_ref.clone(), viewport, drawn),
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
                        let (left, right) = drawn.plot_edges();
                        let anchor = viewport.time_at(x, left, right);
                        // Lines (Firefox) and pages count as many pixels.
                        let pixels = match event.delta_mode() {
                            1 => event.delta_y() * 16.0,
                            2 => event.delta_y() * 400.0,
                            _ => event.delta_y(),
                        };
                        // ZOOM_STEP^steps, as exp(steps · ln ZOOM_STEP): no general power
                        // function in the WebAssembly for this one use.
                        let steps = (-pixels / 100.0).clamp(-5.0, 5.0);
                        let factor = (steps * ZOOM_STEP.ln()).exp();
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

    let viewport = props.viewport;
    let time_at = move |x: f64, drawn: Drawn| {
        let (left, right) = drawn.plot_edges();
        viewport.time_at(x, left, right)
    };
    let x_of = move |t: UnixSeconds, drawn: Drawn| {
        let (left, right) = drawn.plot_edges();
        viewport.x_of(t, left, right)
    };

    let on_pointer_down = {
        let (chart_ref, drag, touches, drawn) = (
            chart_ref.clone(),
            drag.clone(),
            touches.clone(),
            drawn.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let (Some(element), Some(d)) = (chart_ref.cast::<HtmlElement>(), *drawn) else {
                return;
            };
            let (x, y) = local_position(&element, event.client_x(), event.client_y());
            if event.pointer_type() == "touch" {
                touches.borrow_mut().press(event.pointer_id(), x);
                if touches.borrow().count() > 1 {
                    *drag.borrow_mut() = None;
                    return;
                }
            }
            if event.button() != 0 {
                return;
            }
            let _ = element.set_pointer_capture(event.pointer_id());
            *drag.borrow_mut() = Some(if event.shift_key() || d.on_time_axis(y) {
                Drag::Pan {
                    from: x,
                    range: viewport.range,
                }
            } else {
                Drag::Brush { from: x }
            });
        })
    };

    let on_pointer_move = {
        let (chart_ref, drag, touches, drawn, brush) = (
            chart_ref.clone(),
            drag.clone(),
            touches.clone(),
            drawn.clone(),
            brush.clone(),
        );
        let on_command = props.on_command.clone();
        Callback::from(move |event: PointerEvent| {
            let (Some(element), Some(d)) = (chart_ref.cast::<HtmlElement>(), *drawn) else {
                return;
            };
            let (x, _) = local_position(&element, event.client_x(), event.client_y());
            if event.pointer_type() == "touch" && touches.borrow().count() > 1 {
                if let Some(pinch) = touches.borrow_mut().slide(event.pointer_id(), x) {
                    let (left, right) = d.plot_edges();
                    on_command.emit(ViewCommand::ZoomAround {
                        anchor: viewport.time_at(pinch.centre, left, right),
                        factor: pinch.factor,
                    });
                }
                return;
            }
            let (left, right) = d.plot_edges();
            match *drag.borrow() {
                Some(Drag::Brush { from }) => {
                    let (a, b) = (from.clamp(left, right), x.clamp(left, right));
                    brush.set(Some((a.min(b), (a - b).abs())));
                }
                Some(Drag::Pan { from, range }) => {
                    let seconds =
                        ((from - x) / (right - left).max(1.0) * range.span() as f64).round() as i64;
                    on_command.emit(ViewCommand::Show(TimeRange::new(
                        range.start + seconds,
                        range.end + seconds,
                    )));
                }
                None => {}
            }
            let cursor = (left..=right).contains(&x).then(|| time_at(x, d));
            if cursor != viewport.cursor {
                on_command.emit(ViewCommand::Cursor(cursor));
            }
        })
    };

    let on_pointer_up = {
        let (chart_ref, drag, touches, drawn, brush) = (
            chart_ref.clone(),
            drag.clone(),
            touches.clone(),
            drawn.clone(),
            brush.clone(),
        );
        let (on_command, on_select_event) =
            (props.on_command.clone(), props.on_select_event.clone());
        let data = data.clone();
        Callback::from(move |event: PointerEvent| {
            touches.borrow_mut().lift(event.pointer_id());
            let finished = drag.borrow_mut().take();
            brush.set(None);
            let (Some(element), Some(d)) = (chart_ref.cast::<HtmlElement>(), *drawn) else {
                return;
            };
            let (x, _) = local_position(&element, event.client_x(), event.client_y());
            if let Some(Drag::Brush { from }) = finished {
                if (x - from).abs() >= 6.0 {
                    let (a, b) = (time_at(from, d), time_at(x, d));
                    on_command.emit(ViewCommand::Show(TimeRange::new(a, b)));
                } else {
                    // A click selects the event there (and so the story the takeaway tells);
                    // a tap, a reader's way to read values on a phone, only shows them.
                    let t = time_at(x, d);
                    on_command.emit(ViewCommand::Cursor(Some(t)));
                    if event.pointer_type() != "touch" {
                        if let Some(event) = events_at(&data, t).first() {
                            on_select_event.emit(event.id.clone());
                        }
                    }
                }
            }
        })
    };

    // A cancelled pointer (the browser took over to scroll) neither zooms nor selects.
    let on_pointer_cancel = {
        let (drag, touches, brush) = (drag.clone(), touches.clone(), brush.clone());
        Callback::from(move |event: PointerEvent| {
            touches.borrow_mut().lift(event.pointer_id());
            drag.borrow_mut().take();
            brush.set(None);
        })
    };

    // A mouse leaving hides the crosshair; a finger lifted keeps the values it tapped until
    // the chart loses focus.
    let on_pointer_leave = {
        let on_command = props.on_command.clone();
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            let touch = event.pointer_type() == "touch";
            if !touch && drag.borrow().is_none() && viewport.cursor.is_some() {
                on_command.emit(ViewCommand::Cursor(None));
            }
        })
    };
    let on_blur = {
        let on_command = props.on_command.clone();
        Callback::from(move |_: FocusEvent| {
            if viewport.cursor.is_some() {
                on_command.emit(ViewCommand::Cursor(None));
            }
        })
    };

    let on_double_click = {
        let on_command = props.on_command.clone();
        Callback::from(move |_: MouseEvent| on_command.emit(ViewCommand::Reset))
    };

    let on_key_down = {
        let on_command = props.on_command.clone();
        let on_select_event = props.on_select_event.clone();
        let announcement = announcement.clone();
        let data = data.clone();
        let options = props.options.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            if key == "Enter" {
                if let Some(e) = viewport
                    .cursor
                    .and_then(|t| events_at(&data, t).first().copied())
                {
                    event.prevent_default();
                    on_select_event.emit(e.id.clone());
                    announcement.set(format!("Selected: {}", e.title));
                }
                return;
            }
            let Some(command) = command_for_key(&key, event.shift_key(), &viewport) else {
                return;
            };
            event.prevent_default();
            let next = viewport.apply(command);
            on_command.emit(command);
            announcement.set(announce(&data, &next, &options));
        })
    };

    let label = format!(
        "Timeline of Bitcoin's hash rate and of {} connectivity, {} to {} (UTC). \
         Arrow keys move the cursor, plus and minus zoom, Page Up and Page Down pan, Escape \
         resets, Enter selects the event under the cursor.",
        possessive(region_name),
        format_date(viewport.range.start),
        format_date(viewport.range.end),
    );
    let overlay = drawn.map(|d| {
        let cursor = viewport.cursor.map(|t| (t, x_of(t, d)));
        (d, cursor)
    });
    let tooltip_id = "minewatch-timeline-tooltip";
    let toolbar = html! {
        <div class="timeline-toolbar" role="toolbar" aria-label="Time range">
            { for presets(viewport.extent).into_iter().map(|preset| {
                let on_command = props.on_command.clone();
                let range = preset.range;
                html! {
                    <button
                        type="button"
                        aria-pressed={(viewport.range == range).to_string()}
                        onclick={Callback::from(move |_| on_command.emit(ViewCommand::Show(range)))}
                    >{ preset.label }</button>
                }
            }) }
            <button
                type="button"
                class="timeline-reset"
                onclick={
                    let on_command = props.on_command.clone();
                    Callback::from(move |_| on_command.emit(ViewCommand::Reset))
                }
            >{ "Reset" }</button>
            <span class="timeline-hint hint-pointer">
                { "Drag to zoom · Shift+drag or drag the dates to pan · Ctrl+scroll to zoom · double-click to reset" }
            </span>
            <span class="timeline-hint hint-touch">
                { "Drag to zoom · pinch to zoom · tap for values · double-tap to reset" }
            </span>
        </div>
    };
    let signals = html! {
        <div class="timeline-signals" role="group" aria-label="Connectivity signals shown">
            <span class="timeline-signals-label">{ "Connectivity:" }</span>
            if data.signals.is_empty() {
                <span class="timeline-signals-none">{ "no IODA signal loaded" }</span>
            }
            { for data.signals.iter().map(|line| {
                let on_toggle = props.on_toggle_signal.clone();
                let datasource = line.datasource.clone();
                let shown = !props.options.hidden_signals.contains(&line.datasource);
                let colour = format!("#{:02X}{:02X}{:02X}", line.colour.0, line.colour.1, line.colour.2);
                html! {
                    <button
                        type="button"
                        data-signal={line.datasource.clone()}
                        aria-pressed={shown.to_string()}
                        title={line.label.clone()}
                        onclick={Callback::from(move |_| on_toggle.emit(datasource.clone()))}
                    >
                        <span class="swatch" style={format!("background:{colour}")} />
                        { line.short_label }
                    </button>
                }
            }) }
        </div>
    };
    html! {
        <figure class="timeline">
            <div
                class="timeline-chart"
                ref={chart_ref}
                tabindex="0"
                role="group"
                aria-roledescription="interactive chart"
                aria-label={label}
                aria-describedby={overlay.and_then(|(_, cursor)| cursor).map(|_| tooltip_id)}
                aria-busy={props.loading.then_some("true")}
                data-start={viewport.range.start.to_string()}
                data-end={viewport.range.end.to_string()}
                data-drawn={drawn.map(|_| "true")}
                data-plot-left={drawn.map(|d| format!("{:.1}", d.plot_edges().0))}
                data-plot-right={drawn.map(|d| format!("{:.1}", d.plot_edges().1))}
                onpointerdown={on_pointer_down}
                onpointermove={on_pointer_move}
                onpointerup={on_pointer_up}
                onpointercancel={on_pointer_cancel}
                onpointerleave={on_pointer_leave}
                onblur={on_blur}
                ondblclick={on_double_click}
                onkeydown={on_key_down}
            >
                <canvas ref={canvas_ref} aria-hidden="true" />
                if let Some((left, width)) = *brush {
                    <div class="timeline-brush" style={format!("left:{left:.1}px;width:{width:.1}px")} />
                }
                if let Some((d, Some((t, x)))) = overlay {
                    <div class="timeline-crosshair" style={format!("left:{x:.1}px")} />
                    { tooltip(tooltip_id, &data, t, x, d, &props.options, props) }
                }
                if let Some(message) = &*error {
                    <p class="render-error" role="alert">{ format!("The timeline could not be drawn: {message}") }</p>
                }
            </div>
            if props.controls {
                { toolbar }
                { signals }
            }
            <p class="visually-hidden" aria-live="polite">{ (*announcement).clone() }</p>
        </figure>
    }
}

/// What the live region says after a keyboard command: the cursor's time and values, or the
/// range shown.
fn announce(data: &TimelineData, viewport: &Viewport, options: &DrawOptions) -> String {
    match viewport.cursor {
        Some(t) => {
            let values: Vec<String> = readout(data, t, options)
                .into_iter()
                .map(|r| format!("{}: {}", r.label, r.value))
                .collect();
            let events: Vec<String> = events_at(data, t)
                .into_iter()
                .map(|e| format!("during {}", e.title))
                .collect();
            let mut parts = vec![cursor_label(t)];
            parts.extend(events);
            parts.extend(values);
            parts.join("; ")
        }
        None => format!(
            "Showing {} to {} (UTC)",
            format_date(viewport.range.start),
            format_date(viewport.range.end)
        ),
    }
}

/// The tooltip at the cursor: time, each series' value with its unit, and the events there
/// with their impact.
fn tooltip(
    id: &'static str,
    data: &TimelineData,
    t: UnixSeconds,
    x: f64,
    drawn: Drawn,
    options: &DrawOptions,
    props: &TimelineProps,
) -> Html {
    let width = f64::from(drawn.layout.width) / drawn.ratio;
    let side = if x > width / 2.0 {
        format!("right:{:.1}px", width - x + 12.0)
    } else {
        format!("left:{:.1}px", x + 12.0)
    };
    let rows = readout(data, t, options);
    let events = events_at(data, t);
    // On a phone the tooltip keeps to the essentials, so it stays inside the chart.
    let compact = width < 480.0;
    html! {
        <div class="timeline-tooltip" role="tooltip" id={id} style={side}>
            <p class="tooltip-time">{ cursor_label(t) }</p>
            <ul>
                { for rows.iter().map(|r| {
                    let colour = format!("#{:02X}{:02X}{:02X}", r.colour.0, r.colour.1, r.colour.2);
                    html! {
                        <li>
                            <span class="swatch" style={format!("background:{colour}")} />
                            { format!("{}: ", r.label) }
                            <strong>{ r.value.clone() }</strong>
                        </li>
                    }
                }) }
            </ul>
            { for events.into_iter().map(|event| {
                let impact = props.impacts.get(&event.id);
                let sources: Vec<&str> = event.evidence.iter().map(|e| e.source.as_str()).collect();
                html! {
                    <div class="tooltip-event">
                        <p><strong>{ event.title.clone() }</strong></p>
                        if compact {
                            <p>{ format!("{}; {}", event.scope, duration_words(event)) }</p>
                        } else {
                            <p>{ format!(
                                "{}{}; {}, {} – {} UTC",
                                event.scope,
                                event.cause.as_ref().map_or(String::new(), |c| format!(", {c}")),
                                duration_words(event),
                                format_date_time(event.start),
                                format_date_time(event.end),
                            ) }</p>
                        }
                        if !sources.is_empty() && !compact {
                            <p>{ format!("Sources: {}", sources.join(", ")) }</p>
                        }
                        if let Some(impact) = impact {
                            <p class="tooltip-impact">{ text::impact_brief(impact, compact) }</p>
                        }
                    </div>
                }
            }) }
        </div>
    }
}
