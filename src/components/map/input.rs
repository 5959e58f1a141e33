//! The map's pointer and keys: hovering names a country, a click or Enter selects it, the
//! arrows walk the mining countries by share, Escape lets go.

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use super::{describe, WorldMapProps};
use crate::components::{local_position, Shared};
use crate::geo::projection::Fit;
use crate::geo::MapData;
use crate::render::map::{country_at_pixel, marker_step, ShareMarker};
use crate::text::ui;

/// A country of the map (its position in the shapes) and where the pointer is over it (CSS
/// px; `None` when reached with the keyboard).
pub(super) type Hovered = Option<(usize, Option<(f64, f64)>)>;

/// The country under the pointer, and what the live region says.
pub(super) struct Pointed {
    pub hovered: UseStateHandle<Hovered>,
    pub announcement: UseStateHandle<String>,
}

/// The map's pointer and key handlers.
pub(super) struct MapInput {
    pub pointer_move: Callback<PointerEvent>,
    pub pointer_leave: Callback<PointerEvent>,
    pub click: Callback<MouseEvent>,
    pub key_down: Callback<KeyboardEvent>,
}

/// Says in the live region what the map knows of country `i` (by its position in the shapes).
fn announcer(
    props: &WorldMapProps,
    data: Option<Shared<MapData>>,
    announcement: UseStateHandle<String>,
) -> impl Fn(usize) + Clone {
    let (baselines, events) = (props.baselines.clone(), props.events.clone());
    let (month, t) = (props.month.clone(), props.status_time);
    move |i: usize| {
        if let Some(data) = &data {
            announcement.set(describe(data, i, month.as_ref(), &baselines, &events, t).join(". "));
        }
    }
}

/// Selects country `i`: hands its code on, or says that it has no share to show.
fn selector(
    props: &WorldMapProps,
    data: Option<Shared<MapData>>,
    announcement: UseStateHandle<String>,
) -> impl Fn(usize) + Clone {
    let on_select = props.on_select_country.clone();
    move |i: usize| {
        let Some(shape) = data.as_ref().and_then(|d| d.shapes.get(i)) else {
            return;
        };
        match shape.code {
            Some(code) => {
                on_select.emit(code);
                announcement.set(ui::country_selected(&ui::shape_name(shape)));
            }
            None => announcement.set(ui::country_without_share(&ui::shape_name(shape))),
        }
    }
}

/// The arrows walk the mining countries by share (`markers`), Enter or Space selects the one
/// hovered, Escape lets go.
fn key_handler(
    hovered: UseStateHandle<Hovered>,
    markers: Rc<Vec<ShareMarker>>,
    select: impl Fn(usize) + 'static,
    say: impl Fn(usize) + 'static,
) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        let step = |delta| marker_step(&markers, hovered.map(|(i, _)| i), delta);
        let next = match event.key().as_str() {
            "ArrowRight" | "ArrowDown" => step(1),
            "ArrowLeft" | "ArrowUp" => step(-1),
            "Enter" | " " => {
                if let Some((i, _)) = *hovered {
                    event.prevent_default();
                    select(i);
                }
                return;
            }
            "Escape" => {
                hovered.set(None);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        if let Some(i) = next {
            hovered.set(Some((i, None)));
            say(i);
        }
    })
}

/// What the map's pointer and keys do: hovering names a country, a click or Enter selects it,
/// the arrows walk the mining countries by share (`markers`), Escape lets go.
pub(super) fn map_input(
    chart_ref: NodeRef,
    props: &WorldMapProps,
    data: Option<Shared<MapData>>,
    markers: Rc<Vec<ShareMarker>>,
    fit: Option<(Fit, f64)>,
    pointed: Pointed,
) -> MapInput {
    let Pointed {
        hovered,
        announcement,
    } = pointed;
    let say = announcer(props, data.clone(), announcement.clone());
    let select = selector(props, data.clone(), announcement);
    let pointer_move = {
        let (hovered, say) = (hovered.clone(), say.clone());
        Callback::from(move |event: PointerEvent| {
            let (Some(element), Some((f, ratio)), Some(data)) =
                (chart_ref.cast::<HtmlElement>(), fit, &data)
            else {
                return;
            };
            let (x, y) = local_position(&element, event.client_x(), event.client_y());
            let hit = country_at_pixel(data, &f, x * ratio, y * ratio);
            if hit != hovered.map(|(i, _)| i) {
                if let Some(i) = hit {
                    say(i);
                }
            }
            hovered.set(hit.map(|i| (i, Some((x, y)))));
        })
    };
    let pointer_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: PointerEvent| hovered.set(None))
    };
    let click = {
        let (hovered, select) = (hovered.clone(), select.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((i, _)) = *hovered {
                select(i);
            }
        })
    };
    MapInput {
        pointer_move,
        pointer_leave,
        click,
        key_down: key_handler(hovered, markers, select, say),
    }
}
