//! The interactive timeline. A static canvas is drawn by [`crate::render::timeline`] at the
//! device's pixel ratio once per data, range, size or option change; the crosshair, brush and
//! tooltip are DOM elements over it, so hovering never redraws the chart. Pointer, wheel and
//! keyboard input become [`ViewCommand`]s for the shared viewport.

mod input;
mod readout;

use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::canvas::{fit_to_box, WidgetBackend};
use super::{use_box_size, Shared};
use crate::analysis::impact::Impacts;
use crate::model::connectivity::Signal;
use crate::model::gesture::PlotEdges;
use crate::model::region::Country;
use crate::model::time::TimeRange;
use crate::model::view::{command_for_key, presets, ViewCommand, Viewport};
use crate::render::layout::TimelineLayout;
use crate::render::readout::events_at;
use crate::render::series::{DrawOptions, SignalLine, TimelineData};
use crate::render::timeline::draw_timeline;
use crate::text::{event_title, ui};

use input::{use_chart_pointer, use_timeline_drawing, use_wheel_zoom};
use readout::{announce, tooltip};

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The series, signals and events drawn: the region's ([`TimelineData::for_country`]).
    pub data: Shared<TimelineData>,
    /// The country in focus.
    pub region: &'static Country,
    /// Expected against observed impact of the region's events, by id.
    pub impacts: Shared<Impacts>,
    /// Range, cursor and limits.
    pub viewport: Viewport,
    /// Signals switched off, selected event.
    #[prop_or_default]
    pub options: DrawOptions,
    /// Receives zoom, pan and cursor changes.
    #[prop_or_default]
    pub on_command: Callback<ViewCommand>,
    /// Receives the signal switched on or off.
    #[prop_or_default]
    pub on_toggle_signal: Callback<Signal>,
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
    fn edges(&self) -> PlotEdges {
        PlotEdges {
            left: f64::from(self.layout.plot_left) / self.ratio,
            right: f64::from(self.layout.plot_right) / self.ratio,
        }
    }

    /// Whether a CSS y falls on the time-axis labels (drag there pans).
    fn on_time_axis(&self, y: f64) -> bool {
        y * self.ratio > f64::from(self.layout.connectivity_bottom)
    }
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
    let backend = WidgetBackend::canvas(canvas).ok_or(crate::tr!(NoCanvas))?;
    let layout = draw_timeline(&backend.into_drawing_area(), data, view, options, ratio)
        .map_err(|e| e.to_string())?;
    Ok(Some((layout, ratio)))
}

/// The chart's keys: Enter selects the event under the cursor; the others move, zoom or pan
/// the view ([`command_for_key`]), and the live region says what is then in view.
fn key_handler(
    props: &TimelineProps,
    data: Shared<TimelineData>,
    announcement: UseStateHandle<String>,
) -> Callback<KeyboardEvent> {
    let on_command = props.on_command.clone();
    let on_select_event = props.on_select_event.clone();
    let options = props.options.clone();
    let viewport = props.viewport;
    Callback::from(move |event: KeyboardEvent| {
        let key = event.key();
        if key == "Enter" {
            if let Some(e) = viewport
                .cursor
                .and_then(|t| events_at(&data, t).first().copied())
            {
                event.prevent_default();
                on_select_event.emit(e.id.clone());
                announcement.set(ui::selected(&event_title(e)));
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
}

/// The interactive hash-rate and connectivity timeline.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let canvas_ref = use_node_ref();
    let chart_ref = use_node_ref();
    let (box_width, _) = use_box_size(chart_ref.clone());
    let announcement = use_state(String::new);
    let data = props.data.clone();
    let (drawn, error) = use_timeline_drawing(canvas_ref.clone(), data.clone(), props, box_width);
    let viewport = props.viewport;
    use_wheel_zoom(chart_ref.clone(), viewport, drawn, props.on_command.clone());
    let pointer = use_chart_pointer(chart_ref.clone(), props, data.clone(), drawn);
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
    let on_key_down = key_handler(props, data.clone(), announcement.clone());
    let overlay = drawn.map(|d| {
        let PlotEdges { left, right } = d.edges();
        let cursor = viewport.cursor.map(|t| (t, viewport.x_of(t, left, right)));
        (d, cursor)
    });
    let tooltip_id = "minewatch-timeline-tooltip";
    html! {
        <figure class="timeline">
            <div
                class="timeline-chart"
                ref={chart_ref}
                tabindex="0"
                role="group"
                aria-roledescription={crate::tr!(ChartRole)}
                aria-label={ui::timeline_label(&crate::text::format::country_name(props.region.code), viewport.range.start, viewport.range.end)}
                aria-describedby={overlay.and_then(|(_, cursor)| cursor).map(|_| tooltip_id)}
                aria-busy={props.loading.then_some("true")}
                data-start={viewport.range.start.to_string()}
                data-end={viewport.range.end.to_string()}
                data-drawn={drawn.map(|_| "true")}
                data-plot-left={drawn.map(|d| format!("{:.1}", d.edges().left))}
                data-plot-right={drawn.map(|d| format!("{:.1}", d.edges().right))}
                onpointerdown={pointer.down}
                onpointermove={pointer.moved}
                onpointerup={pointer.up}
                onpointercancel={pointer.cancel}
                onpointerleave={pointer.leave}
                onblur={on_blur}
                ondblclick={on_double_click}
                onkeydown={on_key_down}
            >
                <canvas ref={canvas_ref} aria-hidden="true" />
                if let Some((left, width)) = pointer.brush {
                    <div class="timeline-brush" style={format!("left:{left:.1}px;width:{width:.1}px")} />
                }
                if let Some((d, Some((t, x)))) = overlay {
                    <div class="timeline-crosshair" style={format!("left:{x:.1}px")} />
                    { tooltip(tooltip_id, &data, t, x, d, &props.options, props) }
                }
                if let Some(message) = &error {
                    <p class="render-error" role="alert">{ ui::timeline_failed(message) }</p>
                }
            </div>
            if props.controls {
                { range_toolbar(&viewport, &props.on_command) }
                { signal_toggles(&data.signals, &props.options, &props.on_toggle_signal) }
            }
            <p class="visually-hidden" aria-live="polite">{ (*announcement).clone() }</p>
        </figure>
    }
}

/// The range buttons (presets of the data's extent) and Reset, with the gestures' hint.
fn range_toolbar(viewport: &Viewport, on_command: &Callback<ViewCommand>) -> Html {
    html! {
        <div class="timeline-toolbar" role="toolbar" aria-label={crate::tr!(TimeRangeGroup)}>
            { for presets(viewport.extent).into_iter().map(|preset| {
                let on_command = on_command.clone();
                let range = preset.range;
                html! {
                    <button
                        type="button"
                        aria-pressed={(viewport.range == range).to_string()}
                        onclick={Callback::from(move |_| on_command.emit(ViewCommand::Show(range)))}
                    >{ ui::preset(preset.kind) }</button>
                }
            }) }
            <button
                type="button"
                class="timeline-reset"
                onclick={
                    let on_command = on_command.clone();
                    Callback::from(move |_| on_command.emit(ViewCommand::Reset))
                }
            >{ crate::tr!(Reset) }</button>
            <span class="timeline-hint hint-pointer">
                { crate::tr!(PointerHint) }
            </span>
            <span class="timeline-hint hint-touch">
                { crate::tr!(TouchHint) }
            </span>
        </div>
    }
}

/// A button per connectivity signal, to switch it off and on.
fn signal_toggles(
    signals: &[SignalLine],
    options: &DrawOptions,
    on_toggle: &Callback<Signal>,
) -> Html {
    html! {
        <div class="timeline-signals" role="group" aria-label={crate::tr!(SignalsShown)}>
            <span class="timeline-signals-label">{ crate::tr!(ConnectivityLabel) }</span>
            if signals.is_empty() {
                <span class="timeline-signals-none">{ crate::tr!(NoSignalToggle) }</span>
            }
            { for signals.iter().map(|line| {
                let on_toggle = on_toggle.clone();
                let signal = line.datasource;
                let shown = !options.hidden_signals.contains(&signal);
                let on = line.colour_on(&options.palette);
                let colour = format!("#{:02X}{:02X}{:02X}", on.0, on.1, on.2);
                html! {
                    <button
                        type="button"
                        data-signal={signal.as_str()}
                        aria-pressed={shown.to_string()}
                        title={line.label()}
                        onclick={Callback::from(move |_| on_toggle.emit(signal))}
                    >
                        <span class="swatch" style={format!("background:{colour}")} />
                        { line.short_label() }
                    </button>
                }
            }) }
        </div>
    }
}
