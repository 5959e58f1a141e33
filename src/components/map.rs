//! The interactive world map. The base canvas (sea, land, borders) is drawn once per size or
//! focus; the overlay canvas (status, events, share circles, highlight) is redrawn when the
//! timeline's cursor, the month or the selection moves. Hit-testing runs in Rust on the
//! projected shapes ([`crate::geo::hit`]).

mod input;

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use plotters::prelude::IntoDrawingArea;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};
use yew::prelude::*;

use input::{map_input, Hovered, Pointed};

use super::canvas::{fit_to_box, WidgetBackend};
use super::{use_box_size, Shared};
use crate::analysis::baseline::BaselineSeries;
use crate::analysis::status::{status_at, ConnectivityStatus};
use crate::geo::projection::Fit;
use crate::geo::MapData;
use crate::model::events::DisruptionEvent;
use crate::model::shares::{MonthShares, ShareTable};
use crate::model::time::UnixSeconds;
use crate::render::map::{
    draw_map_base, draw_map_overlay, focus_bounds, marker_radius, share_markers, status_colour,
    MapFocus, MapOverlay, ShareMarker,
};
use crate::render::Palette;
use crate::text::format::country_name;
use crate::text::{event_title, ui};

/// Properties of [`WorldMap`].
#[derive(Properties, PartialEq)]
pub struct WorldMapProps {
    /// The shapes: `None` while loading, else loaded or why not.
    pub map: Option<Result<Shared<MapData>, String>>,
    /// All published months of shares.
    pub shares: Option<Shared<ShareTable>>,
    /// The month shown.
    pub month: Option<MonthShares>,
    /// Whether that month is only the nearest published to the time shown.
    #[prop_or_default]
    pub month_is_nearest: bool,
    /// Connectivity signals as fractions of baseline (the country in focus).
    pub baselines: Shared<Vec<BaselineSeries>>,
    /// All disruption events.
    pub events: Shared<Vec<DisruptionEvent>>,
    /// The moment whose connectivity is shown (the timeline's cursor).
    pub status_time: UnixSeconds,
    /// ISO code of the selected country.
    pub selected: &'static str,
    /// Receives the code of a country chosen by click or Enter.
    #[prop_or_default]
    pub on_select_country: Callback<&'static str>,
    /// Receives the month chosen.
    #[prop_or_default]
    pub on_select_month: Callback<UnixSeconds>,
    /// Canvas colours of the theme.
    #[prop_or_default]
    pub palette: Palette,
    /// Whether the toolbar (zoom buttons, month menu) is shown.
    #[prop_or(true)]
    pub controls: bool,
}

/// What the tooltip and the live region say about a country.
fn describe(
    data: &MapData,
    i: usize,
    month: Option<&MonthShares>,
    baselines: &[BaselineSeries],
    events: &[DisruptionEvent],
    t: UnixSeconds,
) -> Vec<String> {
    let Some(shape) = data.shapes.get(i) else {
        return Vec::new();
    };
    let share = shape.code.and_then(|code| {
        let month = month?;
        let share = month.shares.iter().find(|s| s.code == code)?;
        Some(ui::country_share(share.share, month))
    });
    let status = shape.code.and_then(|code| status_at(baselines, code, t));
    let active: Vec<String> = shape
        .code
        .map(|code| {
            events
                .iter()
                .filter(|e| e.country == code && e.overlaps(t, t))
                .map(|e| ui::now(&event_title(e)))
                .collect()
        })
        .unwrap_or_default();
    let mut lines = vec![ui::shape_name(shape)];
    lines.push(share.unwrap_or_else(|| crate::tr!(NoShare).into()));
    let reading = status.map(|s| crate::text::impact::status_reading(&s));
    lines.push(ui::connectivity_at(t, reading));
    lines.extend(active);
    lines
}

/// The map's two canvases: the base (land and borders) and the overlay (status, shares).
struct MapCanvases {
    base: NodeRef,
    overlay: NodeRef,
}

/// Draws the base map when its shapes, `focus`, `width`, selection or palette change (in a
/// task of its own), and the `overlay` over it when that changes. The fit of the last base
/// drawing with its pixel ratio, the focus it drew, and why drawing failed, if it did.
#[hook]
fn use_map_drawing(
    canvases: MapCanvases,
    data: Option<Shared<MapData>>,
    focus: MapFocus,
    width: i32,
    props: &WorldMapProps,
    overlay: Rc<MapOverlay>,
) -> (Option<(Fit, f64)>, Option<MapFocus>, Option<String>) {
    let fit = use_state(|| None::<(Fit, f64)>);
    let drawn_focus = use_state(|| None::<MapFocus>);
    let error = use_state(|| None::<String>);
    {
        let (base_ref, fit, error) = (canvases.base.clone(), fit.clone(), error.clone());
        let drawn_focus = drawn_focus.clone();
        let selected = props.selected;
        // The base is drawn in a task of its own, after the page has taken its layout: while
        // the widget loads, no single task holds the page for long.
        let pending = use_mut_ref(|| None::<Timeout>);
        use_effect_with(
            (data.clone(), focus, width, selected, props.palette),
            move |(data, focus, _, selected, palette)| {
                let (data, focus, selected, palette) = (data.clone(), *focus, *selected, *palette);
                let draw = move || {
                    let (Some(data), Some(canvas)) = (&data, base_ref.cast::<HtmlCanvasElement>())
                    else {
                        return;
                    };
                    let Some((_, _, ratio)) = fit_to_box(&canvas) else {
                        return;
                    };
                    let drawn = focus_bounds(data, focus, selected)
                        .or_else(|| data.world())
                        .ok_or_else(|| crate::tr!(NoShapes).to_owned())
                        .and_then(|bounds| {
                            let backend =
                                WidgetBackend::canvas(&canvas).ok_or(crate::tr!(NoCanvas))?;
                            draw_map_base(
                                &backend.into_drawing_area(),
                                data,
                                bounds,
                                ratio,
                                &palette,
                            )
                            .map_err(|e| e.to_string())
                        });
                    match drawn {
                        Ok(f) => {
                            fit.set(Some((f, ratio)));
                            drawn_focus.set(Some(focus));
                            error.set(None);
                        }
                        Err(e) => error.set(Some(e)),
                    }
                };
                *pending.borrow_mut() = Some(Timeout::new(0, draw));
            },
        );
    }

    {
        let overlay_ref = canvases.overlay;
        let error = error.clone();
        use_effect_with((data, *fit, overlay), move |(data, fit, overlay)| {
            let (Some(data), Some((fit, ratio)), Some(canvas)) =
                (data, fit, overlay_ref.cast::<HtmlCanvasElement>())
            else {
                return;
            };
            if fit_to_box(&canvas).is_none() {
                return;
            }
            if let Some(backend) = WidgetBackend::canvas(&canvas) {
                backend.clear();
                if let Err(e) =
                    draw_map_overlay(&backend.into_drawing_area(), data, fit, overlay, *ratio)
                {
                    error.set(Some(e.to_string()));
                }
            }
        });
    }
    (*fit, *drawn_focus, (*error).clone())
}

/// The map's overlay: connectivity at the cursor, disruptions, share circles (`markers`), the
/// `hovered` and the selected country; redrawn only when one of them changes.
#[hook]
fn use_overlay(
    props: &WorldMapProps,
    data: Option<Shared<MapData>>,
    markers: Rc<Vec<ShareMarker>>,
    hovered: Option<usize>,
) -> Rc<MapOverlay> {
    use_memo(
        (
            data,
            props.baselines.clone(),
            props.events.clone(),
            props.status_time,
            markers,
            hovered,
            props.selected,
            props.palette,
        ),
        |(data, baselines, events, t, markers, hovered, selected, palette)| match data {
            Some(data) => MapOverlay {
                markers: (**markers).clone(),
                highlighted: *hovered,
                palette: *palette,
                ..MapOverlay::at(data, baselines, events, *t, selected)
            },
            None => MapOverlay::default(),
        },
    )
}

/// " (nearest published)" when the month shown is only the nearest to the time shown.
fn nearest_note(props: &WorldMapProps) -> &'static str {
    if props.month_is_nearest {
        crate::tr!(NearestPublished)
    } else {
        ""
    }
}

/// The map's toolbar: the `focus` buttons (world, Central Asia, the selected country) and the
/// menu of the months of shares.
fn map_toolbar(props: &WorldMapProps, focus: &UseStateHandle<MapFocus>) -> Html {
    let focus_button = |target: MapFocus, label: String| {
        let focus = focus.clone();
        html! {
            <button type="button" aria-pressed={(*focus == target).to_string()}
                onclick={Callback::from(move |_| focus.set(target))}>{ label }</button>
        }
    };
    let on_month = {
        let on_select_month = props.on_select_month.clone();
        Callback::from(move |e: Event| {
            if let Some(value) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
            {
                on_select_month.emit(value);
            }
        })
    };
    let shown = props.month.as_ref().map(|s| s.month);
    html! {
        <div class="map-toolbar" role="toolbar" aria-label={crate::tr!(MapView)} hidden={!props.controls}>
            { focus_button(MapFocus::World, crate::tr!(World).into()) }
            { focus_button(MapFocus::CentralAsia, crate::tr!(CentralAsia).into()) }
            { focus_button(MapFocus::Selection, country_name(props.selected)) }
            <label class="map-month">
                { crate::tr!(SharesIn) }
                <select onchange={on_month} disabled={props.shares.is_none()}>
                    if let Some(shares) = &props.shares {
                        { for shares.months.iter().map(|m| html! {
                            <option value={m.month.to_string()} selected={Some(m.month) == shown}>
                                { ui::share_month(m) }
                                if Some(m.month) == shown { { nearest_note(props) } }
                            </option>
                        }) }
                    } else {
                        <option>{ "…" }</option>
                    }
                </select>
            </label>
        </div>
    }
}

/// The map's accessible name: what it shows, when, and how to walk it with keys.
fn map_label(props: &WorldMapProps) -> String {
    let month = (props.month.as_ref()).map(|m| ui::share_month(m) + nearest_note(props));
    ui::map_label(month, props.status_time)
}

/// The interactive world map.
#[component]
pub fn WorldMap(props: &WorldMapProps) -> Html {
    let chart_ref = use_node_ref();
    let base_ref = use_node_ref();
    let overlay_ref = use_node_ref();
    let (box_width, _) = use_box_size(chart_ref.clone());
    let focus = use_state(|| MapFocus::Selection);
    let hovered = use_state(|| Hovered::None);
    let announcement = use_state(String::new);
    let data = match &props.map {
        Some(Ok(data)) => Some(data.clone()),
        _ => None,
    };
    let markers = use_memo(
        (data.clone(), props.month.clone()),
        |(data, month)| match (data, month) {
            (Some(data), Some(month)) => share_markers(data, month),
            _ => Vec::new(),
        },
    );
    let overlay = use_overlay(
        props,
        data.clone(),
        markers.clone(),
        hovered.map(|(i, _)| i),
    );
    let canvases = MapCanvases {
        base: base_ref.clone(),
        overlay: overlay_ref.clone(),
    };
    let (fit, drawn_focus, error) =
        use_map_drawing(canvases, data.clone(), *focus, box_width, props, overlay);
    let pointed = Pointed {
        hovered: hovered.clone(),
        announcement: announcement.clone(),
    };
    let input = map_input(
        chart_ref.clone(),
        props,
        data.clone(),
        markers,
        fit,
        pointed,
    );
    let tooltip = match (&data, *hovered, fit) {
        (Some(data), Some((i, at)), Some(fit)) => {
            let month = props.month.as_ref();
            let lines = describe(
                data,
                i,
                month,
                &props.baselines,
                &props.events,
                props.status_time,
            );
            Some(map_tooltip(data, i, at, fit, box_width, &lines))
        }
        _ => None,
    };
    html! {
        <figure class="map">
            { map_toolbar(props, &focus) }
            <div
                class="map-chart"
                ref={chart_ref}
                tabindex="0"
                role="group"
                aria-roledescription={crate::tr!(MapRole)}
                aria-label={map_label(props)}
                aria-describedby={tooltip.as_ref().map(|_| "minewatch-map-tooltip")}
                data-drawn={drawn_focus.map(MapFocus::as_str)}
                data-hovered={hovered.and_then(|(i, _)| Some(data.as_ref()?.shapes.get(i)?.name.clone()))}
                onpointermove={input.pointer_move}
                onpointerleave={input.pointer_leave}
                onclick={input.click}
                onkeydown={input.key_down}
            >
                <canvas ref={base_ref} class="map-base" aria-hidden="true" />
                <canvas ref={overlay_ref} class="map-overlay" aria-hidden="true" />
                { tooltip.unwrap_or_default() }
                if let Some(Err(message)) = &props.map {
                    <p class="render-error" role="alert">{ ui::map_not_loaded(message) }</p>
                }
                if let Some(message) = &error {
                    <p class="render-error" role="alert">{ ui::map_not_drawn(message) }</p>
                }
            </div>
            { map_legend(box_width, props.palette.land) }
            <p class="visually-hidden" aria-live="polite">{ (*announcement).clone() }</p>
        </figure>
    }
}

/// The map's legend: the size of a 10% share at this `width`, the connectivity statuses, the
/// `land` of countries without a signal, outlines and places.
fn map_legend(width: i32, land: plotters::style::RGBColor) -> Html {
    let swatch = |colour: plotters::style::RGBColor| {
        format!(
            "background:#{:02X}{:02X}{:02X}",
            colour.0, colour.1, colour.2
        )
    };
    html! {
    <div class="map-legend">
        <span class="legend-item">
            <span class="legend-mark">
                <span class="legend-circle" style={format!("width:{0:.0}px;height:{0:.0}px", 2.0 * marker_radius(0.1, f64::from(width)))} />
            </span>
            { crate::tr!(ShareCircle) }
        </span>
        { for [ConnectivityStatus::Normal, ConnectivityStatus::Degraded, ConnectivityStatus::Disrupted, ConnectivityStatus::Unknown]
            .into_iter()
            .map(|s| html! {
                <span class="legend-item" data-status={s.as_str()}>
                    <span class="swatch" style={swatch(status_colour(s))} />
                    { ui::status_name(s) }
                </span>
            }) }
        <span class="legend-item">
            <span class="swatch" style={swatch(land)} />
            { crate::tr!(NoSignal) }
        </span>
        <span class="legend-item"><span class="swatch outline" />{ crate::tr!(DisruptionOutline) }</span>
        <span class="legend-item"><span class="legend-place" />{ crate::tr!(AffectedPlace) }</span>
    </div>
    }
}

/// The tooltip of country `i`: at the pointer (`at`), else at the country's anchor, on the
/// side of the map with more room (`width`).
fn map_tooltip(
    data: &MapData,
    i: usize,
    at: Option<(f64, f64)>,
    (fit, ratio): (Fit, f64),
    width: i32,
    lines: &[String],
) -> Html {
    let (x, y) = at.unwrap_or_else(|| {
        let (px, py) = data
            .shapes
            .get(i)
            .map_or((0.0, 0.0), |s| fit.to_pixel(s.anchor));
        (px / ratio, py / ratio)
    });
    let width = f64::from(width);
    let side = if x > width / 2.0 {
        format!("right:{:.1}px;top:{:.1}px", width - x + 12.0, y + 12.0)
    } else {
        format!("left:{:.1}px;top:{:.1}px", x + 12.0, y + 12.0)
    };
    html! {
        <div class="map-tooltip" role="tooltip" id="minewatch-map-tooltip" style={side}>
            { for lines.iter().enumerate().map(|(n, line)| html! {
                <p class={if n == 0 { "tooltip-time" } else { "" }}>{ line.clone() }</p>
            }) }
        </div>
    }
}
