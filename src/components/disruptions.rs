//! The disruptions list, under the figures: previous and next buttons that step through it,
//! and, folded, the whole catalogue with filters (kind, region, year) and a sort (time or
//! observed impact). Arrow keys, Home and End walk the list; Enter opens a disruption.

use std::rc::Rc;

use web_sys::{Element, HtmlDetailsElement, HtmlElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::analysis::impact::Impacts;
use crate::model::events::{DisruptionEvent, EventKind};
use crate::model::region::country_by_code;
use crate::text::{disruption_line, kind_name, list_position};
use crate::view::disruptions::{
    filter_choices, listed, neighbour, DisruptionFilter, DisruptionOrder,
};
use wasm_bindgen::JsCast;

/// Properties of [`DisruptionList`].
#[derive(Properties, PartialEq)]
pub struct DisruptionListProps {
    /// Every disruption the widget knows.
    pub events: Rc<Vec<DisruptionEvent>>,
    /// The observed change of those the chain data cover.
    pub impacts: Rc<Impacts>,
    /// The id of the disruption on screen.
    pub selected: Option<String>,
    /// Called with the id of the disruption to open.
    pub on_open: Callback<String>,
    /// Called when the reader unfolds the list (its observed changes need every year).
    pub on_unfold: Callback<()>,
}

/// A `<select>` whose value is emitted as a string.
fn on_select_value(emit: impl Fn(String) + 'static) -> Callback<Event> {
    Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
            emit(select.value());
        }
    })
}

/// Moves the keyboard focus from the list item holding `from` to the item `key` names
/// (ArrowDown/ArrowUp: the next/previous; Home/End: the first/last). Whether it moved.
fn walk(from: &Element, key: &str) -> bool {
    let Some(item) = from.closest("li").ok().flatten() else {
        return false;
    };
    let target = match key {
        "ArrowDown" => item.next_element_sibling(),
        "ArrowUp" => item.previous_element_sibling(),
        "Home" => item.parent_element().and_then(|l| l.first_element_child()),
        "End" => item.parent_element().and_then(|l| l.last_element_child()),
        _ => None,
    };
    target
        .and_then(|li| li.first_element_child())
        .and_then(|b| b.dyn_into::<HtmlElement>().ok())
        .is_some_and(|button| button.focus().is_ok())
}

/// The disruptions list.
#[component]
pub fn DisruptionList(props: &DisruptionListProps) -> Html {
    let filter = use_state(DisruptionFilter::default);
    let order = use_state(DisruptionOrder::default);
    let unfolded = use_state(|| false);
    let choices = use_memo(props.events.clone(), |events| filter_choices(events));
    let list = listed(&props.events, &props.impacts, &filter, *order);
    let selected = props.selected.as_deref();
    let position = selected.and_then(|id| list.iter().position(|e| e.id == id));
    let step = |by: isize, label: &str| {
        let target = neighbour(&list, selected, by);
        let on_open = props.on_open.clone();
        let id = target.map(|e| e.id.clone());
        html! {
            <button
                type="button"
                disabled={target.is_none()}
                aria-label={target.map(|e| format!("{label} disruption: {}", e.title))}
                onclick={Callback::from(move |_| if let Some(id) = &id { on_open.emit(id.clone()) })}
            >{ if by < 0 { "‹ Previous" } else { "Next ›" } }</button>
        }
    };
    let on_toggle = {
        let (unfolded, on_unfold) = (unfolded.clone(), props.on_unfold.clone());
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<HtmlDetailsElement>() {
                unfolded.set(details.open());
                if details.open() {
                    on_unfold.emit(());
                }
            }
        })
    };
    let on_kind = {
        let filter = filter.clone();
        on_select_value(move |value| {
            let kind = EventKind::ALL.into_iter().find(|k| k.as_str() == value);
            filter.set(DisruptionFilter {
                kind,
                ..(*filter).clone()
            });
        })
    };
    let on_country = {
        let filter = filter.clone();
        on_select_value(move |value| {
            let country = (!value.is_empty()).then_some(value);
            filter.set(DisruptionFilter {
                country,
                ..(*filter).clone()
            });
        })
    };
    let on_year = {
        let filter = filter.clone();
        on_select_value(move |value| {
            let year = value.parse().ok();
            filter.set(DisruptionFilter {
                year,
                ..(*filter).clone()
            });
        })
    };
    let on_order = {
        let order = order.clone();
        on_select_value(move |value| {
            if let Some(o) = DisruptionOrder::ALL
                .into_iter()
                .find(|o| o.as_str() == value)
            {
                order.set(o);
            }
        })
    };
    // Unfolded, the list shows the disruption on screen, scrolled inside itself (never the
    // page, which may be an article around the widget).
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        use_effect_with((*unfolded, props.selected.clone()), move |_| {
            let list = list_ref.cast::<HtmlElement>();
            let current = list
                .as_ref()
                .and_then(|l| l.query_selector("[aria-current]").ok().flatten())
                .and_then(|b| b.dyn_into::<HtmlElement>().ok());
            if let (Some(list), Some(current)) = (list, current) {
                let top = current.offset_top() - list.client_height() / 3;
                list.set_scroll_top(top.max(0));
            }
        });
    }
    let on_key_down = Callback::from(|e: KeyboardEvent| {
        if let Some(target) = e.target_dyn_into::<Element>() {
            if walk(&target, &e.key()) {
                e.prevent_default();
            }
        }
    });
    let option = |value: String, label: String, chosen: bool| {
        html! { <option {value} selected={chosen}>{ label }</option> }
    };
    html! {
        <section class="disruptions" aria-label="Disruptions in mining regions">
            <div class="disruption-step">
                { step(-1, "Previous") }
                { step(1, "Next") }
                <span class="disruption-position" aria-live="polite">
                    { list_position(position, list.len()) }
                </span>
            </div>
            <details class="disruption-browser" ontoggle={on_toggle}>
                <summary>{ "All disruptions: filter and sort" }</summary>
                if *unfolded {
                    <div class="disruption-filters">
                        <label>{ "Kind " }
                            <select onchange={on_kind}>
                                { option(String::new(), "All kinds".into(), filter.kind.is_none()) }
                                { for choices.kinds.iter().map(|k| option(
                                    k.as_str().into(), kind_name(*k).into(), filter.kind == Some(*k))) }
                            </select>
                        </label>
                        <label>{ "Region " }
                            <select onchange={on_country}>
                                { option(String::new(), "All regions".into(), filter.country.is_none()) }
                                { for choices.countries.iter().map(|c| option(
                                    c.clone(),
                                    country_by_code(c).map_or_else(|| c.clone(), |c| c.name.to_owned()),
                                    filter.country.as_ref() == Some(c))) }
                            </select>
                        </label>
                        <label>{ "Year " }
                            <select onchange={on_year}>
                                { option(String::new(), "All years".into(), filter.year.is_none()) }
                                { for choices.years.iter().map(|y| option(
                                    y.to_string(), y.to_string(), filter.year == Some(*y))) }
                            </select>
                        </label>
                        <label>{ "Sort by " }
                            <select onchange={on_order}>
                                { option("time".into(), "Time".into(), *order == DisruptionOrder::Time) }
                                { option("impact".into(), "Observed impact".into(),
                                    *order == DisruptionOrder::ObservedImpact) }
                            </select>
                        </label>
                    </div>
                    <ol class="disruption-list" ref={list_ref} onkeydown={on_key_down}>
                        { for list.iter().map(|event| {
                            let id = event.id.clone();
                            let on_open = props.on_open.clone();
                            html! {
                                <li key={event.id.clone()}>
                                    <button
                                        type="button"
                                        data-event={event.id.clone()}
                                        aria-current={(Some(event.id.as_str()) == selected).then_some("true")}
                                        onclick={Callback::from(move |_| on_open.emit(id.clone()))}
                                    >
                                        <span class="disruption-title">{ event.title.clone() }</span>
                                        <span class="disruption-line">
                                            { disruption_line(event, props.impacts.get(&event.id)) }
                                        </span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </details>
        </section>
    }
}
