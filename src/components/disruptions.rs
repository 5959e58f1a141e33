//! The disruptions list, under the figures: previous and next buttons that step through it,
//! and, folded, the whole catalogue with filters (kind, region, year) and a sort (time or
//! observed impact). The list is one Tab stop: arrow keys, Home and End walk it; Enter opens a
//! disruption.

use super::Shared;

use web_sys::{Element, HtmlDetailsElement, HtmlElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::analysis::impact::Impacts;
use crate::model::events::{DisruptionEvent, EventKind};
use crate::state::{Action, AppState};
use crate::text::format::country_name;
use crate::text::{disruption_line, event_title, kind_name, list_position, order_name, ui};
use crate::view::disruptions::{
    filter_choices, listed, neighbour, DisruptionFilter, DisruptionOrder, FilterChoices,
};
use wasm_bindgen::JsCast;

/// Properties of [`DisruptionList`].
#[derive(Properties, PartialEq)]
pub struct DisruptionListProps {
    /// Every disruption the widget knows.
    pub events: Shared<Vec<DisruptionEvent>>,
    /// The observed change of those the chain data cover.
    pub impacts: Shared<Impacts>,
    /// The id of the disruption on screen.
    pub selected: Option<String>,
    /// Where the reader's choices go: opening a disruption ([`Action::OpenEvent`]) and
    /// unfolding the list, whose observed changes need every year ([`Action::ListEveryYear`]).
    /// The same on every render, unlike a callback made anew.
    pub dispatcher: UseReducerDispatcher<AppState>,
    /// Open from the start: the reader unfolded it in the page's skeleton.
    #[prop_or_default]
    pub unfolded_at_start: bool,
}

/// A labelled `<select>` named `name`, of `(value, label, chosen)` options.
fn filter_select(
    label: &str,
    name: &'static str,
    options: Vec<(String, String, bool)>,
    onchange: &Callback<Event>,
) -> Html {
    html! {
        <label>{ label }{ " " }
            <select {name} onchange={onchange.clone()}>
                { for options.into_iter().map(|(value, label, chosen)| html! {
                    <option {value} selected={chosen}>{ label }</option>
                }) }
            </select>
        </label>
    }
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
    // Opened from the start, the element's `toggle` event still comes (the `open` attribute is
    // added), and with it every year's disruptions.
    let unfolded = use_state(|| props.unfolded_at_start);
    let choices = use_memo(props.events.clone(), |events| filter_choices(events));
    let list = listed(&props.events, &props.impacts, &filter, *order);
    let selected = props.selected.as_deref();
    let position = selected.and_then(|id| list.iter().position(|e| e.id == id));
    // One Tab stop in the list (the disruption on screen, else the first): the arrow keys move
    // inside it, and Tab leaves it at once.
    let tab_stop = position
        .and_then(|i| list.get(i))
        .or(list.first())
        .map(|e| e.id.as_str());
    let step = |by: isize| {
        let target = neighbour(&list, selected, by);
        let dispatcher = props.dispatcher.clone();
        let id = target.map(|e| e.id.clone());
        html! {
            <button
                type="button"
                disabled={target.is_none()}
                aria-label={target.map(|e| ui::step_label(by > 0, &event_title(e)))}
                onclick={Callback::from(move |_| if let Some(id) = &id { dispatcher.dispatch(Action::OpenEvent(id.clone())) })}
            >{ if by < 0 { crate::tr!(Previous) } else { crate::tr!(Next) } }</button>
        }
    };
    let on_toggle = {
        let (unfolded, dispatcher) = (unfolded.clone(), props.dispatcher.clone());
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<HtmlDetailsElement>() {
                unfolded.set(details.open());
                if details.open() {
                    dispatcher.dispatch(Action::ListEveryYear);
                }
            }
        })
    };
    let on_choose = choice_handler(filter.clone(), order.clone());
    let list_ref = use_scrolled_to_current(*unfolded, props.selected.clone());
    let on_key_down = Callback::from(|e: KeyboardEvent| {
        if let Some(target) = e.target_dyn_into::<Element>() {
            if walk(&target, &e.key()) {
                e.prevent_default();
            }
        }
    });
    let position_text = (!props.events.is_empty()).then(|| list_position(position, list.len()));
    html! {
        <section class="disruptions" aria-label={crate::tr!(Disruptions)}>
            <div class="disruption-step">
                { step(-1) }
                { step(1) }
                // Empty until the catalogue arrives, as in the skeleton: "no disruption
                // matches" would be untrue, and a longer line would move the folded list. Each
                // position is a new element inside the live region (see `DataStatus`).
                <span class="disruption-position" aria-live="polite">
                    if let Some(text) = position_text {
                        <span key={text.clone()}>{ text }</span>
                    }
                </span>
            </div>
            <details class="disruption-browser" open={props.unfolded_at_start} ontoggle={on_toggle}>
                <summary>{ crate::tr!(AllDisruptions) }</summary>
                if *unfolded {
                    { filter_controls(&choices, &filter, *order, &on_choose) }
                    <ol class="disruption-list" ref={list_ref} onkeydown={on_key_down}>
                        { for list.iter().map(|event| list_item(event, props, tab_stop)) }
                    </ol>
                }
            </details>
        </section>
    }
}

/// One handler for the four selects over the list, told apart by their names: kind, region
/// and year set the `filter`, the fourth the `order`.
fn choice_handler(
    filter: UseStateHandle<DisruptionFilter>,
    order: UseStateHandle<DisruptionOrder>,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else {
            return;
        };
        let (name, value) = (select.name(), select.value());
        let mut chosen = (*filter).clone();
        match name.as_str() {
            "kind" => chosen.kind = EventKind::ALL.into_iter().find(|k| k.as_str() == value),
            "region" => chosen.country = (!value.is_empty()).then_some(value),
            "year" => chosen.year = value.parse().ok(),
            _ => {
                if let Some(o) = DisruptionOrder::ALL
                    .into_iter()
                    .find(|o| o.as_str() == value)
                {
                    order.set(o);
                }
                return;
            }
        }
        filter.set(chosen);
    })
}

/// A disruption of the list: its title and its line, the list's one Tab stop if it is
/// `tab_stop`, marked current when it is the one selected; a click opens it.
fn list_item(event: &DisruptionEvent, props: &DisruptionListProps, tab_stop: Option<&str>) -> Html {
    let id = event.id.clone();
    let dispatcher = props.dispatcher.clone();
    let selected = props.selected.as_deref();
    html! {
        <li key={event.id.clone()}>
            <button
                type="button"
                tabindex={if Some(event.id.as_str()) == tab_stop { "0" } else { "-1" }}
                data-event={event.id.clone()}
                aria-current={(Some(event.id.as_str()) == selected).then_some("true")}
                onclick={Callback::from(move |_| dispatcher.dispatch(Action::OpenEvent(id.clone())))}
            >
                <span class="disruption-title">{ event_title(event) }</span>
                <span class="disruption-line">
                    { disruption_line(event, props.impacts.get(&event.id)) }
                </span>
            </button>
        </li>
    }
}

/// The four selects over the list: kind, region and year (from the `choices` the catalogue
/// offers, the `filter`'s chosen), and the `order`.
fn filter_controls(
    choices: &FilterChoices,
    filter: &DisruptionFilter,
    order: DisruptionOrder,
    on_choose: &Callback<Event>,
) -> Html {
    let all = |label: &str, none: bool| vec![(String::new(), label.to_owned(), none)];
    let mut kinds = all(crate::tr!(AllKinds), filter.kind.is_none());
    kinds.extend(choices.kinds.iter().map(|k| {
        (
            k.as_str().to_owned(),
            kind_name(*k).to_owned(),
            filter.kind == Some(*k),
        )
    }));
    let mut regions = all(crate::tr!(AllRegions), filter.country.is_none());
    regions.extend(choices.countries.iter().map(|c| {
        (
            c.clone(),
            country_name(c),
            filter.country.as_ref() == Some(c),
        )
    }));
    let mut years = all(crate::tr!(AllYears), filter.year.is_none());
    years.extend(
        choices
            .years
            .iter()
            .map(|y| (y.to_string(), y.to_string(), filter.year == Some(*y))),
    );
    let orders = DisruptionOrder::ALL
        .into_iter()
        .map(|o| (o.as_str().to_owned(), order_name(o).to_owned(), order == o))
        .collect();
    html! {
        <div class="disruption-filters">
            { filter_select(crate::tr!(Kind), "kind", kinds, on_choose) }
            { filter_select(crate::tr!(Region), "region", regions, on_choose) }
            { filter_select(crate::tr!(Year), "year", years, on_choose) }
            { filter_select(crate::tr!(SortBy), "order", orders, on_choose) }
        </div>
    }
}

/// The list's node: unfolded, it shows the disruption on screen (`selected`), scrolled inside
/// itself (never the page, which may be an article around the widget).
#[hook]
fn use_scrolled_to_current(unfolded: bool, selected: Option<String>) -> NodeRef {
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        use_effect_with((unfolded, selected), move |_| {
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
    list_ref
}
